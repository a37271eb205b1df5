"""One answer being decoded on llama.cpp: grammar, forced runs, no repeated list elements, the score.

Independent of how tokens reach the model: the caller evaluates the tokens that `start` and
`advance` return and hands back the logits after the last of them. A `Step` may first ask the
caller to cut its KV cache back (`rewind`). The gguf backend drives one Decoding at a time on its
own context; gguf_batch drives several at once, one llama.cpp sequence each.

- Grammar: the greedy token is checked against the grammar (guided.py); a token reaches the
  grammar's `accept` only after the grammar allowed it (accepting a refused token aborts).
- Forced runs: where the grammar forces text (keys, separators: news_core.grammar.
  forced_continuation), those tokens are appended without a decode step of their own; the last
  one is left to the model when its next token could merge with it.
- No repeats (repeats.py): a list element equal to an earlier one is replaced by the list's end.
- The score (score_position.py, news_core.score_rules): read from P(score) by the configured rule,
  or, with a relevance probe (news_core/probe.py), from the final hidden state at the score
  position, which the caller hands over through `hidden` (None: the rule decides).
- Grounded companies and known tags (grounding.py, settings): company names from the item's text,
  key_insights from the training tags, where the model's top candidates allow it.
- Grounded numbers (grounding.py, `ground_numbers`): a number in the summary or key_insights only
  as a copy of one in the item's title or content. Unlike the two above this one always holds:
  when no top candidate fits, the next digit of a number of the text, or a token without a
  digit, is written instead, each checked with the grammar first.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

import llama_cpp
import numpy as np

from news_core.errors import ModelError
from news_core.grammar import forced_continuation
from news_core.score_rules import choose, distribution

from .grounding import INSIGHTS, ItemNumbers, grounded, known_insight, numbers_grounded, open_element, open_number
from .repeats import closed_duplicate
from .score_position import SCORE_AT

GROUNDING_TOP_K = 64
PREFER_MARGIN = 4.0  # logits: how much surer of other text the model must be to take an insight off the tags
STUCK_AFTER = 2  # refused numbers in one string after which it is closed (_stuck_on_a_number)
NO_DIGIT = (" ", '"', ".", ",", "the", "a", "A")  # digit-free texts a string can go on with, for grounded numbers


class TokenLimit(ModelError):
    """The answer ran past max_tokens: not worth decoding again (gguf.py's short-layer fall-back)."""


@dataclass
class Step:
    feed: list[int]  # tokens to evaluate next; empty when the answer is finished
    rewind: int | None = None  # first drop this sequence's KV cache from this position on


@dataclass
class Options:
    """What a Decoding does beyond greedy: fixed per backend."""

    constrained: bool = True
    forced_tokens: bool = True
    relevance_rule: str = "greedy"
    score: object = None  # score_position.ScoreTokens, or None: the score is decoded greedily
    ground_companies: bool = False  # company names only from the item's text (grounding.py)
    known_tags: object = None  # grounding.KnownTags: key_insights kept on the training tags, or None
    ground_numbers: bool = False  # numbers in summary and key_insights only as copies of the item's (grounding.py)
    probe: object = None  # news_core.probe.RelevanceProbe: the score from the hidden state, or None


@dataclass
class Decoding:
    llm: object  # a llama_cpp.Llama: its tokenizer and vocabulary
    guide: object  # guided.GrammarGuide, reset by start()
    options: Options
    n_prompt: int
    limit: int  # max_tokens
    out: bytearray = field(default_factory=bytearray)
    tokens: list[int] = field(default_factory=list)
    starts: list[int] = field(default_factory=list)  # where each token starts in `out`
    produced: int = 0  # tokens of the answer, forced ones included
    forced: int = 0  # tokens appended without a decode step of their own
    probs: list[float] | None = None
    text_of_item: str = ""  # grounding.item_text of the prompt, when companies are grounded
    numbers: ItemNumbers | None = None  # the item's numbers, when numbers are grounded
    regrounded: int = 0  # tokens passed over because they took a company name out of the item's text
    _refusals: list[int] = field(default_factory=list)  # where numbers were refused in the open string
    _quote: int | None = None  # the token of '"'
    hidden: object = None  # () -> the final hidden state after the last evaluated token, or None
    head_score: int | None = None  # the relevance head's score of the item (news_core/relevance_head.py), or None
    probe_value: float | None = None  # the probe's unrounded score, when it chose the score
    _first: np.ndarray | None = None  # P(first digit) while the "1" look-ahead is evaluated
    _state: np.ndarray | None = None  # the hidden state at the score position, for the probe

    @property
    def text(self) -> str:
        return self.out.decode("utf-8", errors="replace")

    def start(self) -> list[int]:
        """Tokens to evaluate right after the prompt (the forced opening of the answer)."""
        if not self.options.constrained:
            return []
        self.guide.reset()
        opening = self._append_forced()
        self._within_limit()
        return opening

    def advance(self, logits: np.ndarray) -> Step:
        """The logits after the last evaluated token -> what to evaluate next."""
        opts = self.options
        if opts.constrained and opts.score is not None and self.out.endswith(SCORE_AT):
            return self._score_step(logits)
        token = self.guide.choose(logits) if opts.constrained else int(np.argmax(logits))
        if token is not None and ((opts.ground_companies and self.text_of_item) or opts.known_tags
                                  or self.numbers is not None):
            token = self._grounded(logits, token)
        if token is None or llama_cpp.llama_vocab_is_eog(self.llm._model.vocab, token):
            return Step([])
        if opts.constrained:
            self.guide.accept(token)
        before = len(self.out)
        self._add(token)
        self.produced += 1
        if opts.constrained and b'"' in self.out[before:]:
            repeat = closed_duplicate(self.out, before)
            rewound = self._end_list(repeat) if repeat is not None else None
            if rewound is not None:
                return rewound
        if opts.constrained and b"}" in self.out[-8:] and _complete(self.out):
            return Step([])
        if self.produced >= self.limit:
            if opts.constrained:
                raise TokenLimit(f"the answer did not finish within max_tokens={self.limit}", self.text)
            return Step([])
        forced = self._append_forced() if opts.constrained and opts.forced_tokens else []
        self._within_limit()
        return Step([token, *forced])

    # -- the pieces ------------------------------------------------------------------------
    def _within_limit(self) -> None:
        """Forced tokens count as the answer's: a run of them that would take the answer past
        max_tokens ends it here, before they are evaluated. The prompt was fitted to n_ctx minus
        max_tokens, so evaluating them could overrun the model's context ('llama_decode returned 1')."""
        if self.produced > self.limit:
            raise TokenLimit(f"the answer did not finish within max_tokens={self.limit} ({self.forced} of its "
                             f"{self.produced} tokens are the JSON's fixed keys): raise max_tokens", self.text)

    def _add(self, token: int) -> None:
        self.tokens.append(token)
        self.starts.append(len(self.out))
        self.out += self.llm.detokenize([token], special=False)

    def _fits(self, new: bytes) -> bool:
        """Company names in the item's text, insights on known tags and numbers of the item's text,
        as far as each is asked for."""
        opts = self.options
        if self.numbers is not None and not numbers_grounded(self.out, new, self.numbers):
            return False
        if opts.ground_companies and self.text_of_item and not grounded(self.out, new, self.text_of_item):
            return False
        return opts.known_tags is None or known_insight(self.out, new, opts.known_tags)

    def _grounded(self, logits: np.ndarray, token: int) -> int:
        """The grammar's choice if it fits (_fits); else the likeliest token that the grammar allows
        and that fits, among the model's top 64 and, inside a key_insights element, the first
        token of the rest of each known tag it could still become; else the grammar's choice."""
        detok = self.llm.detokenize
        if self._fits(detok([token], special=False)):
            return token
        if self.numbers is not None and (closing := self._stuck_on_a_number(token)) is not None:
            return closing
        top = np.argpartition(logits, -GROUNDING_TOP_K)[-GROUNDING_TOP_K:]
        tags, partial = self.options.known_tags, None
        if tags is not None:
            partial = open_element(self.out, INSIGHTS)
            if partial is not None:
                rests = {self.llm.tokenize(rest.encode("utf-8"), add_bos=False, special=False)[0]
                         for rest in tags.rests(partial)}
                top = np.union1d(top, np.fromiter(rests, dtype=np.int64, count=len(rests)))
        allowed = self.guide.allowed_logits(top.astype(np.int32), logits[top])
        for k in np.argsort(-allowed):
            if not np.isfinite(allowed[k]):
                break
            if self._fits(detok([int(top[k])], special=False)):
                if partial is not None and tags.mode == "prefer" and allowed[k] < logits[token] - PREFER_MARGIN:
                    return token  # the model is sure of text no tag goes on with: a free-text insight
                self.regrounded += 1
                return int(top[k])
        return self._number_fallback(logits, token)

    def _stuck_on_a_number(self, token: int) -> int | None:
        """A model that wants a number the item lacks again and again in one string (the base model
        does: "grow by $ $ $ ..." to the token limit) gets the string closed: after STUCK_AFTER
        refusals since its opening quote, the closing quote when the grammar allows it and no
        number is left open. None otherwise."""
        if numbers_grounded(self.out, self.llm.detokenize([token], special=False), self.numbers):
            return None  # refused for another reason (a company name, a tag)
        opened = self.out.rfind(b'"') + 1
        self._refusals = [at for at in self._refusals if at >= opened] + [len(self.out)]
        quote = self._quote if self._quote is not None else self._one_token('"')
        self._quote = quote
        if len(self._refusals) > STUCK_AFTER and quote is not None and self.guide.allows(quote) \
                and self._fits(b'"'):
            self.regrounded += 1
            return quote
        return None

    def _one_token(self, text: str) -> int | None:
        ids = self.llm.tokenize(text.encode("utf-8"), add_bos=False, special=False)
        return ids[0] if len(ids) == 1 else None

    def _number_fallback(self, logits: np.ndarray, token: int) -> int:
        """No top candidate fits. If the grammar's token writes a number the item lacks: the next
        digit of the shortest number of the text that the open one begins, or else the likeliest of
        a few digit-free tokens (NO_DIGIT); each only when the grammar allows it and it fits.
        Else the grammar's token stands (the grammar has run out of room for the number)."""
        detok = self.llm.detokenize
        if self.numbers is None or numbers_grounded(self.out, detok([token], special=False), self.numbers):
            return token
        number = open_number(self.out)
        written = number.replace(",", "")
        digits = [n[len(written)] for n in self.numbers.completions(number)
                  if n.startswith(written) and len(n) > len(written)]
        closable = not number or self.numbers.whole(number.rstrip(".,"))
        texts = (list(NO_DIGIT) if closable else []) + digits[:1]
        found = []
        for text in texts:
            ids = self.llm.tokenize(text.encode("utf-8"), add_bos=False, special=False)
            if len(ids) == 1 and self.guide.allows(ids[0]) and self._fits(detok(ids, special=False)):
                found.append(ids[0])
        if not found:
            return token
        self.regrounded += 1
        return max(found, key=lambda t: logits[t])

    def _append_forced(self) -> list[int]:
        """Accept and append the tokens the grammar forces next; none if the grammar refuses one."""
        if not self.options.forced_tokens:
            return []
        text, merges = forced_continuation(self.text)
        forced = self.llm.tokenize(text.encode("utf-8"), add_bos=False, special=False) if text else []
        forced = forced[:-1] if merges else forced
        for token in forced:
            if not self.guide.allows(token):
                self.guide.replay(self.tokens)
                return []
            self.guide.accept(token)
        for token in forced:
            self._add(token)
        self.produced += len(forced)
        self.forced += len(forced)
        return forced

    def _end_list(self, separator: int) -> Step | None:
        """Rewind to the last token boundary before the repeat's separator and write `]` there,
        closing the list. Grammar first: if it refuses a token of that run, it is replayed to where
        it was and the repeat stays (contract.normalise drops it)."""
        keep = max(i for i, start in enumerate(self.starts) if start < separator)
        forced_text = bytes(self.out[self.starts[keep]:separator]) + b"]"
        forced = self.llm.tokenize(forced_text, add_bos=False, special=False)
        self.guide.replay(self.tokens[:keep])
        for token in forced:
            if not self.guide.allows(token):
                self.guide.replay(self.tokens)
                return None
            self.guide.accept(token)
        del self.out[self.starts[keep]:]
        del self.tokens[keep:], self.starts[keep:]
        for token in forced:
            self._add(token)
        return Step(forced, rewind=self.n_prompt + keep)

    def _score_step(self, logits: np.ndarray) -> Step:
        """At the score position: first P(first digit) and a look past a "1", then the score the
        rule picks from P(score = 1..10) and the closing brace, written without decoding."""
        score = self.options.score
        if self._first is None:
            self._first = score.first_digit(self.guide, logits)
            if not np.isfinite(self._first).all():
                raise ModelError("the grammar allows no score digit", self.text)
            if self.options.probe is not None and self.hidden is not None:
                self._state = self.hidden()
            return Step([score.digits[0]])  # "1": is it "1}" or "10"?
        probs = distribution(self._first.tolist(), score.ten_after_one(logits))
        if self._state is not None:
            self.probe_value = round(self.options.probe.value(self._state), 4)
        if self.head_score is not None or self._state is not None:  # head, else probe; an ad keeps 1 (probe.py)
            chosen = self.head_score if self.head_score is not None else self.options.probe.score(self._state)
            tail = score.tokens(1 if _says_sponsored(self.text) else chosen)
        else:
            tail = score.tokens(choose(probs, self.options.relevance_rule))
        for token in tail:
            if not self.guide.allows(token):  # accepting a refused token aborts the process
                raise ModelError(f"the grammar refused the score token {token}", self.text)
            self.guide.accept(token)
            self._add(token)
        self.produced += len(tail)
        self.probs = [round(p, 6) for p in probs]
        return Step([])


def _says_sponsored(text: str) -> bool:
    """Whether the answer so far (up to its score) has a summary or key insight that starts with
    "Sponsored", the project's convention for ads (training_data/README.md)."""
    try:
        doc = json.loads(text + "1}")
    except json.JSONDecodeError:
        return False
    claims = [doc.get("summary", ""), *doc.get("key_insights", [])]
    return any(isinstance(c, str) and c.strip().casefold().startswith("sponsored") for c in claims)


def _complete(text: bytes) -> bool:
    """The grammar closed the object: stop without asking the model for an end-of-text token."""
    try:
        json.loads(text.decode("utf-8"))
        return True
    except (UnicodeDecodeError, json.JSONDecodeError):
        return False
