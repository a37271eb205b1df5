"""The sponsor lexicon: the one place that says how a newsletter marks paid content.

A newsletter marks a sponsor in one of three ways, and each is matched only where a label can
stand, never anywhere in running text (a research item about a partnership is no ad):
- a marker block (a line, heading or section name of its own, at most MAX_MARKER_CHARS):
  a LABEL alone ('Sponsored', 'SPONSOR', '💰 Partner', 'Ad'), or an OPENER followed by a short
  name ('Presented by Gridline', 'TOGETHER WITH LATTICE', 'In partnership with Acme');
  it flags the item right under it, or, as a section name, every item in that section;
- a tag at the end of a headline: '(Sponsor)', '(Sponsored)', '(Ad)', '(Paid partner)';
- a label before a headline: 'Sponsored: Train on our cluster', '[Ad] ...', 'Partner: ...';
  the label is dropped from the title, the item flagged;
- a headline that announces the issue's sponsor: 'Tuesday's issue is presented by Kestrel' (Pointer);
  the same words as a plain line of their own over the sponsor's headline ('This issue is brought to
  you by Fernwood') are a marker block: `announcement`;
- a credit line inside an item, under its headline: 'Promoted by Kestrel', 'Paid for by Acme'
  (Pointer's promoted links): it flags the item it stands in, not the next; so does a marker with a
  name under an item's text that names it while the next block does not ('Sponsored by Nightfall'
  under the Nightfall ad's copy, Numlock): the assembler's `_closing_credit`.
Feeds use the same words: a feed entry is paid when its title is tagged or labelled, or one of its
categories is a LABEL (feeds.py).
"""

from __future__ import annotations

import re
import unicodedata

from .memo import kept_when_short

OPENERS = ("together with", "presented by", "sponsored by", "brought to you by", "in partnership with",
           "from our partners?", "from our sponsors?", r"(?:a\s+word\s+)?from\s+our\s+friends(?:\s+at)?",
           r"thanks\s+to\s+our\s+friends(?:\s+at)?", "a word from",
           # ('Supported by Tallyworks' over The Hustle's ad; never 'Supported by readers like you': SUPPORTERS)
           "supported by",
           # ('Sponsor Content Provided by Northwind' over a magazine's paid story)
           r"(?:sponsor(?:ed)?|partner|paid)\s+content\s+(?:provided\s+|presented\s+|brought\s+to\s+you\s+)?by",
           "a message from", "thanks to our (?:sponsors?|partners?)",
           # the same in the corpus's other languages (German, French, Spanish, Portuguese, Italian, Dutch, Russian)
           "präsentiert von", "unterstützt von", "présenté par", "en partenariat avec", "presentado por",
           "patrocinado por", "en colaboración con", "apresentado por", "in collaborazione con", "offerto da",
           "in samenwerking met", "mede mogelijk gemaakt door", "при поддержке", "в партн[её]рстве с")
LABELS = ("sponsored", "sponsors?", "sponsor message", "sponsored content", "partners?", "our partners?",
          r"our friends \(with benefits\)",  # (Bytes')
          "partner content", "sponsor content", "paid partnership", "partner spotlight", "sponsor spotlight", "advertisement", "ad",
          # ('Sponsored Link' over iOS Dev Weekly's paid entry; a classifieds section is paid listings by definition)
          "sponsored (?:links?|posts?|listings?|messages?)", "classifieds?", "paid listings?",
          "ads", "promoted", "advertorial", "paid post", "paid content", "pr", "広告", "スポンサー", "提供",
          # an advertisement's label in other languages: German, French, Spanish and Portuguese, Italian, Dutch,
          # Russian (whose law makes every ad say 'Реклама'), Polish and Czech, Korean, Chinese
          "anzeige", "werbung", "gesponsert", "sponsoris[ée]e?", "publicit[ée]", "patrocinad[oa]", "publicidade?",
          "sponsorizzat[oa]", "pubblicit[àa]", "gesponsord", "advertentie", "реклама", "спонсор", "на правах рекламы",
          "партн[её]рский материал", "reklama", "sponsorowane", "광고", "广告", "赞助")
# A display ad's own label, in the corpus's languages: over a banner, the ad is the picture ('Advertisement' over a
# 300x250 image; the html reader drops both), unlike 'Sponsored' over a sponsor's logo and copy
DISPLAY_AD = re.compile(r"\W{0,3}(?i:advertisement|advertising|anzeige|werbung|publicit[ée]|publicidad|pubblicit[àa]|"
                        r"advertentie|reklama|annons|ad|广告|広告|광고)\W{0,3}")
TAGS = ("sponsor", "sponsored", "ad", "advertisement", "paid partner(?:ship)?", "partner")
PREFIXES = ("sponsored", "sponsor", "ad", "advertisement", "partner", "promoted", "paid partnership", "paid post")
ANNOUNCES = re.compile(r"\b(?:issue|edition|newsletter|email|episode|digest)\s+is\s+(?:presented|sponsored|"
                       r"brought\s+to\s+you|powered|supported)\s+by\s+\S", re.I)
CREDIT = re.compile(r"^\W{0,3}(?:promoted|paid\s+for)\s+by\s+\S[^.!?]{0,60}$"
                    # the linked site's domain under a headline, tagged as paid: 'framekit.design Sponsored' (Sidebar)
                    r"|^[a-z0-9-]{1,40}(?:\.[a-z0-9-]{1,40}){1,3}\s*[(\[·|,–—-]?\s*(?:sponsored|sponsor|promoted|ad|partner)"
                    r"\s*[)\]]?$"
                    # Russia's legal line under an ad: 'Реклама. ООО «Счетовод Онлайн». erid: 2SDnjeXq8Lm'
                    r"|^реклама\.?\s.{0,120}\berid:?\s*\w+$", re.I)
MAX_MARKER_CHARS = 80
MAX_NAME_WORDS = 5  # 'Presented by Gridline Cloud': a name follows an opener, not a sentence

OPENER = re.compile(rf"^(?:{'|'.join(OPENERS)})\b\s*:?\s*(?P<name>.*)$", re.I)
LABEL = re.compile(rf"^(?:{'|'.join(LABELS)})\W*$", re.I)
TAG = re.compile(rf"\((?:{'|'.join(TAGS)})\)", re.I)
# A paragraph tagged at its end in capitals ('... Free for teams up to ten. SPONSORED', DevOps'ish); case-sensitive:
# '... said the head of our partner.' is a sentence
TRAILING_TAG = re.compile(r"\s[(\[]?(?:SPONSORED|SPONSOR|PARTNER|ADVERTISEMENT|PAID POST|ANZEIGE|PUBLICITÉ|REKLAMA|"
                          r"PUBLICIDAD)[)\]]?\W{0,2}$")
# '... is just a more expensive habit. Sponsored': the word alone after the paragraph's last sentence (Ready, Set, Cloud!)
SENTENCE_TAG = re.compile(r"[.!?…)]\s+[(\[]?(?:Sponsored|Sponsor|Advertisement|Promoted|Paid\s+post)[)\]]?$")
SOURCE_TAG = re.compile(r"(?:^|[\s→»›|·•])[A-Z0-9][A-Z0-9.&'’-]{1,30}+(?: [A-Z0-9.&'’-]{1,30}+){0,3} (?:sponsor|sponsored)$")
# A section kicker tagged as paid: 'Product [sponsored]' over Software Lead Weekly's ad, 'Tools (Sponsored)'.
KICKER_TAG = re.compile(rf"^[^\W\d][\w&'’ -]{{0,30}}?\s*[(\[](?:{'|'.join(TAGS)})[)\]]$", re.I)
# A line that points at the sponsor below it: 'Na początek pora na sponsora 👇' (unknowNews), 'Our sponsor ⬇️'
# (a sponsor word in a short line ending in a downward pointer); never an invitation to become one.
POINTER = re.compile(r"^(?!.*\b(?:become|want|interested|advertis|apply|sponsor\s+us)).{0,50}\bsponsor\w{0,4}\b"
                     r"[^.!?]{0,30}(?:👇|⬇️?|↓|⤵️?)$", re.I)
# ('Supported by readers like you': a reader-funded newsletter's thanks, no sponsor)
SUPPORTERS = re.compile(r"^(?:readers?|you|members?|subscribers?|our\s+(?:readers?|members?|subscribers?|community))\b",
                        re.I)
# ('[PR]' and '【PR】' before a Japanese mail magazine's ad, in brackets only: 'PR: ...' is a pull request)
PREFIX = re.compile(rf"^\W{{0,3}}(?:\[(?:{'|'.join(PREFIXES)}|pr)\]|【(?:pr|広告|スポンサー)】|(?:{'|'.join(PREFIXES)})\s*[:|–—-])"
                    r"\s*(?=\S)", re.I)


@kept_when_short(1000, 16384)  # (asked of the same short texts by every reading of a newsletter)
def marker(text: str) -> bool:
    """A block that announces a sponsor: 'Sponsored', 'PRESENTED BY GRIDLINE', '🤝 Together with Acme'."""
    text = _bare(text)
    if not text or len(text) > MAX_MARKER_CHARS:
        return False
    if LABEL.match(text) or KICKER_TAG.match(text) or POINTER.match(text):
        return True
    m = OPENER.match(text)
    return bool(m) and len(m.group("name").split()) <= MAX_NAME_WORDS and not m.group("name").rstrip().endswith(".") \
        and not SUPPORTERS.match(m.group("name"))



def tagged(title: str) -> bool:
    """'Rent GPUs by the minute (Sponsor)' or 'Sponsored: Train on our cluster'."""
    return bool(TAG.search(title) or PREFIX.match(title) or ANNOUNCES.search(title))


def announcement(text: str) -> bool:
    """'This issue is brought to you by Fernwood': the issue's sponsor named in a short line of its own
    (a marker when it is plain text over the sponsor's headline; a headline when it is one)."""
    text = text.strip("*_ ")
    m = ANNOUNCES.search(text) if len(text) <= MAX_MARKER_CHARS else None
    return bool(m) and len(text[m.end() - 1:].split()) <= MAX_NAME_WORDS and not text.endswith(".")


def tagged_at_end(text: str) -> bool:
    """'... Free for teams up to ten. SPONSORED' (or '... habit. Sponsored'): an ad's paragraph that says so at its end; or its source line,
    the sponsor's name in capitals tagged 'sponsor' (PyCoder's Weekly: 'TRACEBIT sponsor', glued to the paragraph
    by html2text: '... side projects →TRACEBIT sponsor')."""
    return bool(TRAILING_TAG.search(text) or SOURCE_TAG.search(text[-140:]) or SENTENCE_TAG.search(text[-40:]))


def credit(text: str) -> bool:
    """'Promoted by Kestrel': a credit line under a headline, flagging that item."""
    return bool(CREDIT.match(text.strip("*_ ")))


def marker_name(text: str) -> str:
    """The name a marker gives ('Sponsored by Nightfall' -> 'Nightfall'), or '' for a bare label."""
    text = _bare(text)
    m = OPENER.match(text)
    return m.group("name").strip(" .:") if m and marker(text) else ""


def without_label(title: str) -> str:
    """'Sponsored: Train on our cluster' -> 'Train on our cluster' (a tag at the end stays)."""
    m = PREFIX.match(title)
    return title[m.end():] if m else title


def _bare(text: str) -> str:
    """A marker's words: the Markdown marks, colons and leading emoji round them off."""
    text = text.strip("*_#: ")
    return text.lstrip("".join(ch for ch in text[:8] if _emoji(ch))).strip("*_#: ")


def _emoji(char: str) -> bool:
    return char.isspace() or unicodedata.category(char) in ("So", "Sk") or char in "\u200d\ufe0f\ufe0e"
