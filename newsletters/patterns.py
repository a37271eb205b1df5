"""What newsletter text looks like: headline suffixes, sponsor and boilerplate markers, links.

Every pattern here is linear: no nested quantifiers over the same characters, bounded repeats.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import parse_qsl, unquote, urlencode, urlsplit, urlunsplit

from . import sponsors
from .memo import kept_when_short

MAX_TITLE_CHARS = 300
MAX_SECTION_CHARS = 80

READ_TIME = re.compile(
    r"\(\s*(\d{1,3}(?:\s*[-–]\s*\d{1,3})?)\s*min(?:ute)?s?\.?\s+(read|watch|listen|video|podcast)\s*\)", re.I)
TAG_SUFFIX = re.compile(
    r"\((?:github\s+repo|repo|website|tool|paper|research\s+paper|pdf|demo|dataset|course|product\s+launch|"
    rf"hugging\s*face\s+(?:model|space|repo)|app|video|podcast|{'|'.join(sponsors.TAGS)})\)\s*$", re.I)
# '（英文）', '(English)' after a link: the linked page's language, as a Chinese digest marks its English links
# (a note on the link, no part of the title, and no headline mark either: only some entries carry it)
LANGUAGE_TAG = re.compile(r"\s*[(（](?:english|英文|英語|영어)[)）]\s*$", re.I)
# A link aggregator's counts after a headline whose links the text part lost: '( link, discussion, 812 points,
# 297 comments )' (a Hacker News digest), '(412 points)', '(38 comments)': a headline's mark, no part of its title
# (no leading space in the pattern: searched from every space of a long run, it cost quadratic time; the title
# before it is stripped instead)
VOTE_TAIL = re.compile(r"\([ \t]*+(?:(?:link|discussion|comments|article)[ \t]*+,[ \t]*+){0,3}+"
                       r"\d[\d,.]{0,8}+k?[ \t]++(?:points?|votes?|upvotes?|comments?)"
                       r"(?:[ \t]*+,[ \t]*+\d[\d,.]{0,8}+k?[ \t]++(?:points?|votes?|upvotes?|comments?)){0,2}+[ \t]*+\)[ \t]*+$", re.I)
# A read time ends a headline, optionally followed by one tag: 'Title (3 minute read) (Sponsor)'.
READ_TIME_END = re.compile(READ_TIME.pattern + r"[\s*_]*(?:\([^()\n]{1,40}\)[\s*_]*)?$", re.I)
GENERIC_LINK = re.compile(
    r"^(?:read\s+(?:more|it\s+here|the\s+(?:full\s+|whole\s+)?\w+)|continue\s+reading|"
    # 'Read this post on Radar', 'Read the story on our site': the web copy of what was just read
    r"read\s+(?:this|the)\s+(?:post|article|story|issue|newsletter)\s+on\s+[\w .'’-]{1,40}|learn\s+more|full\s+story|source|link|here|"
    r"click\s+here|more|details|view\s+(?:it|more)|"
    # the same link in the other languages of the corpus and its neighbours ('Læs mere', 'Weiterlesen', 'Lire la suite')
    r"l[æä]s\s+mer[ea]?|les\s+mer|lees\s+(?:meer|verder)|weiterlesen|mehr\s+lesen|artikel\s+lesen|"
    r"lire\s+(?:la\s+suite|plus)|en\s+savoir\s+plus|leer\s+m[áa]s|seguir\s+leyendo|leggi\s+(?:di\s+pi[ùu]|tutto)|"
    r"continua\s+a\s+leggere|ler\s+mais|czytaj\s+(?:dalej|więcej)|devamını\s+oku)\W*$", re.I)
# Footer and masthead boilerplate: never item text. A block matching this ends the item before it.
ENGLISH_NOISE = re.compile(
    r"(?:unsubscribe|manage\s+(?:your\s+)?(?:subscriptions?|preferences|emails?|account|newsletters?)|update\s+your\s+preferences|"
    r"view\s+(?:it\s+|this\s+email\s+)?(?:online|in\s+(?:your\s+|a\s+)?(?:web\s+)?browser)|^\W*read\s+(?:it\s+)?online\b|"
    r"^view\s+this\s+post\s+on\s+the\s+web\b|^\W*read\s+(?:this|it)\s+(?:on\s+the\s+web|in\s+(?:your\s+|a\s+)?browser)\b|"  # a Substack text part's first line, over its address
    r"advertise\s+with\s+us|want\s+to\s+advertise|partner\s+with\s+us|become\s+a\s+sponsor|"
    r"promote\s+your\s+(?:product|company|startup|brand)\s+(?:on|in|to|with)\b|^\W*sponsor\s+us\W*$|you(?:'|’)?re\s+receiving|you\s+are\s+receiving|"
    r"you\s+received\s+this|(?:was|were)\s+(?:this\s+(?:email|newsletter|issue)\s+)?forwarded\s+to\s+you|"
    r"forward\s+this\s+email|refer\s+a\s+friend|"
    # 'Know someone who'd like this newsletter? Forward it along': a forwarding line
    r"know\s+someone\s+who(?:'|’)?d\s+(?:like|enjoy)\s+this\s+(?:email|newsletter|issue)|"
    r"referral\s+(?:link|program|count)|tell\s+your\s+friends|how\s+many\s+referrals|share\s+tldr|all\s+rights\s+reserved|©\s*\d{4}|love\s+tldr|"
    # 'Share this digest with a friend', 'Share Tech Brew with your coworkers and earn ...': a referral block
    r"^\W*share\s+(?!an?\s)(?:\S+\s+){1,3}with\s+(?:a\s+friend|friends|your\s+(?:friends|coworkers|colleagues))|"
    # 'Share Mindstream, get rewarded', 'Share The Brief and earn rewards', 'You currently have 0 referrals'
    r"^\W*share\s+(?:\S+\s+){0,3}?\S+?,?\s+(?:and\s+)?(?:get\s+rewarded|earn\s+(?:rewards|perks|free))|"
    r"\byou\s+(?:currently\s+)?have\s+\d{1,6}\s+referrals?\b|"
    # 'Send us tips, comments, questions ...', 'Powered by Ghost'
    r"send\s+us\s+(?:your\s+)?tips|^powered\s+by\s+\S+$|"
    # a digest's own recommendation settings: 'See more of what you like and less of what you don't' (Medium)
    r"see\s+more\s+of\s+what\s+you\s+like|control\s+your\s+recommendations|"
    r"if\s+you\s+have\s+any\s+comments\s+or\s+feedback|this\s+email\s+was\s+sent|read\s+in\s+(?:the\s+)?app|"
    r"forwarded\s+this\s+email|(?:how\s+was|how\s+would\s+you\s+rate|what(?:'|’)?d\s+you\s+think\s+of)\s+"
    r"today(?:'|’)?s\s+(?:email|newsletter|edition)|"
    # a rating poll named after the issue: 'How was today's FOD?', 'How did you like this week's Brief?', 'What did
    # you think of this post?'
    r"^(?:how\s+(?:was|did\s+you\s+like)|what\s+did\s+you\s+think\s+of|did\s+you\s+(?:enjoy|like))\s+"
    r"(?:today(?:'|’)?s|this\s+week(?:'|’)?s|this)"
    r"\s+[^\s?]{1,30}\s*\?$)")
# The same footer lines in the other languages of the corpus (French, German, Spanish, Italian, Portuguese).
OTHER_LANGUAGE_NOISE = re.compile(
    r"d[ée]sabonn|d[ée]sinscri|g[ée]rer\s+(?:mes|vos)\s+(?:pr[ée]f[ée]rences|abonnements?)|"
    r"voir\s+(?:cet?\s+e-?mail\s+|la\s+version\s+)?(?:en\s+ligne|dans\s+(?:le|votre)\s+navigateur)|"
    r"abmelden|abbestellen|im\s+browser\s+(?:ansehen|anzeigen|öffnen|lesen)|einstellungen\s+verwalten|"
    r"dar(?:se|te)\s+de\s+baja|cancelar\s+(?:la\s+|tu\s+)?(?:suscripci[óo]n|inscri[çc][ãa]o)|"
    r"ver\s+en\s+(?:el\s+|tu\s+)?navegador|disiscriv|annulla(?:re)?\s+(?:l['’]\s*|la\s+)?iscrizione|"
    r"visualizza\s+(?:nel|sul)\s+browser|gestisci\s+(?:le\s+)?(?:tue\s+)?preferenze|descadastr|"
    # Portuguese: 'Ver no navegador', a reader-funded newsletter's 'Apoie o Núcleo a partir de R$ 10'
    r"ver\s+(?:no|em\s+seu|pelo)\s+navegador|\bapoie\s+(?:o|a|nosso|nossa)\b|"
    # Japanese mail magazines: the editor's afterword, unsubscribe / change of address, the reprint notice
    r"編集後記|配信停止|配信解除|登録解除|配信先の変更|無断転載|"
    # Korean (Stibee's 'a newsletter made with Stibee', unsubscribe) and Chinese (unsubscribe, 'you received this
    # email because you subscribed') footers
    r"스티비로\s*만든|수신\s*거부|退订|取消订阅|你收到这封邮件|您收到这封邮件|"
    # Russian (unsubscribe, 'you received this email because', 'read the issue on the site', 'open in the browser')
    # and Dutch ('unsubscribe', 'view in your browser', 'forwarded to you? sign up here') footers
    r"отписаться|отписка\s+от\s+рассылки|вы\s+получили\s+это\s+письмо|читать\s+(?:выпуск|письмо)\s+на\s+сайте|"
    r"открыть\s+в\s+браузере|afmelden|uitschrijven|bekijk\s+(?:deze\s+e-?mail\s+|de\s+nieuwsbrief\s+)?in\s+(?:je|uw)"
    r"\s+browser|doorgestuurd\s+gekregen|"
    # Danish, Norwegian and Swedish footers and a reader-funded paper's appeal ('Afmeld', 'Du modtager denne mail',
    # 'Bliv medlem og få hele avisen'), Turkish and Polish unsubscribe lines
    r"\bafmeld\b|afmeld\s+nyhedsbrev|du\s+modtager\s+denne\s+(?:e-?)?mail|\bbliv\s+medlem\b|\bbli\s+medlem\b|"
    r"avslutt\s+abonnement|avregistrer|avsluta\s+prenumeration|avprenumerera|du\s+får\s+det\s+här\s+mejlet|"
    r"abonelikten\s+çık|aboneliği(?:nizi)?\s+iptal|wypisz\s+się|rezygnuj\s+z\s+subskrypcji|"
    # Czech and Slovak: unsubscribe, 'you receive this e-mail because', 'view in the browser', a paper's 'subscribe to'
    r"odhl[áa]sit|odhl[áa]siť|odhlášení|tento\s+e-?mail\s+dost[áa]v[áa]te|zobrazit\s+v\s+prohlížeči|"
    r"p[řr]edpla[ťt]te\s+si\b")


class _LowerCased:
    """Footer patterns (written in lower case) searched on the text lower-cased, which answers as
    re.IGNORECASE does in a third of the time: Python's regex engine tries every branch of a case-folded
    alternation at every position, and NOISE is searched on every block, by the rules and by the learned
    reader's features. The match is the lower-cased text's: callers ask only whether there is one."""

    def __init__(self, *patterns: re.Pattern) -> None:
        self.patterns = patterns
        # (the same block text is asked about by several readings of one newsletter, by the rules and by the
        # learned reader's features)
        self.search = kept_when_short(1000, 16384)(self._search)

    def _search(self, text: str) -> re.Match | None:
        lowered = text.lower()
        return next((m for p in self.patterns if (m := p.search(lowered))), None)


NOISE = _LowerCased(ENGLISH_NOISE, OTHER_LANGUAGE_NOISE)
# Navigation rows ('Sign Up | Advertise | Careers') and sign-offs; short or link-only blocks only.
_NAV = (r"(?:sign\s+up|subscribe|privacy(?:\s+policy)?|terms(?:\s+of\s+service)?|follow\s+us|job\s+board|careers?|"
        r"we(?:'|’)re\s+hiring|advertise|contact(?:\s+us)?|home|archive|website|twitter|x|linkedin|view\s+online|"
        r"(?:click\s+(?:here\s+)?to\s+)?share|leave\s+a\s+comment|restack|"  # Substack's buttons under a post
        r"receive\s+this\s+alert\s+as\s+(?:an?\s+)?(?:rss|atom)(?:\s+feed)?|"  # (Google Alerts' footer link)
        # an ad server's tracking pixels and credits in a publisher's mail (LiveIntent's alt texts and links)
        r"image\s+not\s+meant\s+for\s+display|powered\s+by\s+live\s?intent|ad\s?choices)")
WEAK_NOISE = re.compile(rf"^{_NAV}(?:\s*[|·•/–-]\s*{_NAV})*\W*$", re.I)
# A sign-off line: 'That's it for today. Feel free to comment ... 👋', 'Thanks for reading!'.
SIGN_OFF = re.compile(r"^(?:that(?:'|’)?s\s+(?:it|all)(?:\s+for\s+(?:today|this\s+week|now))?|thanks\s+for\s+reading|"
                      r"thank\s+you\s+(?:(?:all\s+)?for|so\s+much\s+for)\s+reading|"
                      r"until\s+next\s+time|see\s+you\s+(?:next\s+(?:time|week)|tomorrow))\b|"
                      # 'Enjoy Sunday!', 'Have a great weekend', 'Habt ein erholsames Wochenende': a weekly letter's close
                      r"^(?:enjoy|have\s+a\s+(?:great|good|nice|lovely|restful))\s+(?:your\s+|the\s+)?"
                      r"(?:sunday|saturday|weekend|week)\W{0,3}$|"
                      r"^(?:habt|hab|haben\s+sie)\s+ein(?:en)?\s+\w{2,20}\s+(?:wochenende|sonntag|woche)\W{0,3}$", re.I)
# A letter's closing section's name ('ONE MORE THING', 'P.S.', 'Before you go'): a section, never an item
# of its own (a story under it has a headline of its own, as The Download's 'One more thing' has).
SIGN_OFF_HEADING = re.compile(r"^\W{0,3}(?:one\s+more\s+thing|p\.?\s?s\.?|post\s?script|before\s+you\s+go|signing\s+off)"
                              r"\W{0,3}$", re.I)
# An issue's number and date line under the masthead ('#792 — May 1, 2026', 'Issue 412 · 2026-06-03'), or
# its date alone ('Wednesday, June 10, 2026'):
# Hacker Newsletter, Buttondown and Substack issues head their body with one. Never an item.
_DATE = (r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]{0,6}\.?,?\s+)?"
         r"(?:[a-z]{3,9}\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}|\d{1,2}(?:st|nd|rd|th)?\s+[a-z]{3,9},?\s+\d{4}|\d{4}-\d\d-\d\d)")
DATE_ALONE = re.compile(rf"^{_DATE}$", re.I)  # '6th July 2026', 'June 10, 2026': a date and nothing else
# A blog's entry kind and date before an entry's title ('Link 2026-06-01 Title', 'TIL June 4, 2026 Title', 'Quote
# 2026-06-02' alone): link blogs and their newsletters write each entry so.
KIND_DATE = re.compile(rf"^[A-Z][A-Za-z]{{1,11}}\s{_DATE}\b(?:\s|$)", re.I)
# ('Console #212 – June 11, 2026': the newsletter's name before the number; 'Posted on Friday, July 10, 2026')
ISSUE_DATE_LINE = re.compile(rf"^(?:(?:posted|published|sent)\s+on\s+)?(?:(?:issue|no\.|number|[\w&'’.-]{{1,30}}(?:\s[\w&'’.-]{{1,30}}){{0,2}}\s(?=#))?\s?#?\s?"
                             rf"\d{{1,5}}\s?[—–|·:,-]\s?"
                             # ... or the newsletter's name and the date: 'Four short links: 17 June 2026'
                             rf"|[A-Za-z][\w&'’.-]{{0,30}}(?:\s[\w&'’.-]{{1,30}}){{0,3}}\s?[:—–|·]\s)?{_DATE}\W{{0,3}}$", re.I)
# A masthead's issue line in words: the newsletter's name, then the weekday and the date ('Morgenlage Wirtschaft am
# Donnerstag, 18. Juni 2026', 'Morning Tech on Wednesday, June 17, 2026', 'La Matinale du mardi 16 juin 2026')
_WEEKDAY = (r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|montag|dienstag|mittwoch|donnerstag|freitag|"
            r"samstag|sonntag|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|lunes|martes|mi[ée]rcoles|jueves|"
            r"viernes|s[áa]bado|domingo|luned[ìi]|marted[ìi]|mercoled[ìi]|gioved[ìi]|venerd[ìi]|maandag|dinsdag|"
            r"woensdag|donderdag|vrijdag|zaterdag|zondag)")
NAMED_ISSUE_LINE = re.compile(rf"^(?-i:[A-ZÄÖÜÉ][\w&'’.-]{{1,30}}\s){{1,4}}(?:(?:am|on|du|del|de|vom|of|di|van)\s+)?{_WEEKDAY},?"
                              rf"\s+(?:{_DATE}|\d{{1,2}}\.?\s+[^\W\d]{{3,10}}\.?\s+\d{{4}})\W{{0,3}}$", re.I)
# A bold opener and its name before a colon, and what follows ('A message from Nordlicht: Secure connectivity ...');
# a first sentence and the rest (the sponsor's headline and its text): the html and text readers' sponsor run-ins
OPENER_RUN_IN = re.compile(r"^\s*+([^:.!?]{4,60}?):\s++(\S.*)$", re.S)
SENTENCE_AND_REST = re.compile(r"^(\S[^.!?]{8,160}?)[.!?]\s++(\S.*)$", re.S)
URL = re.compile(r"https?://[^\s<>()\[\]\"']+", re.I)
TRACKING_PARAMS = re.compile(r"^(?:utm_\w+|mc_cid|mc_eid|fbclid|gclid|_hsenc|_hsmi|mkt_tok|ref_src|trk|sc_cid)$", re.I)
REDIRECT_PARAMS = ("url", "u", "target", "redirect", "redirect_url", "dest", "destination", "link", "r", "q")

def clean_url(url: str) -> str:
    """http(s) links only, tracking redirects unwrapped, utm_* and similar parameters dropped."""
    return _clean_url((url or "").strip())


@kept_when_short(2000, 8192)  # (every reading of a newsletter cleans the same links again)
def _clean_url(url: str) -> str:
    for _ in range(3):  # redirects can be nested
        inner = _unwrap(url)
        if inner == url:
            break
        url = inner
    if not re.match(r"^https?://[^\s/]+", url, re.I):
        return ""
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not TRACKING_PARAMS.match(k)]
    # (scheme and host in lower case: a text part that upper-cased a headline upper-cased its link too)
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), parts.path, urlencode(query, doseq=True), parts.fragment))


def _unwrap(url: str) -> str:
    # e.g. https://tracking.example.com/CL0/https:%2F%2Fsite.com%2Fpost/1/0100-abc/xyz=
    m = re.search(r"/CL\d/(https?(?::|%3A)[^/]+)", url, re.I)
    if m:
        return unquote(m.group(1))
    try:
        query = parse_qsl(urlsplit(url).query)
    except ValueError:
        return url
    for key, value in query:
        if key.lower() in REDIRECT_PARAMS and re.match(r"^https?://", value, re.I):
            return value
    return url


def split_read_time(title: str) -> tuple[str, str | None]:
    """'Title (4 minute read)' -> ('Title', '4 minute read'); an aggregator's counts go too ('Title ( link,
    discussion, 812 points, 297 comments )' -> 'Title')."""
    if ")" in title and (votes := VOTE_TAIL.search(title)):
        title = title[:votes.start()].rstrip(" \t")
    matches = list(READ_TIME.finditer(title))
    if not matches:
        return title, None
    m = matches[-1]
    amount = re.sub(r"\s+", "", m.group(1)).replace("–", "-")
    return (title[:m.start()].rstrip() + " " + title[m.end():].lstrip()).strip(), f"{amount} minute {m.group(2).lower()}"


# The capital letters of the Latin, Greek and Cyrillic scripts, for a character class ('[" + UPPER + "0-9]'): re has no
# \p{Lu}, and '[A-Z]' takes 'Žatecko ...' or 'Éric ...' for no sentence's start
UPPER = "A-Z" + "".join(ch for ch in map(chr, range(0xC0, 0x530)) if ch.isupper() and len(ch.lower()) == 1)
CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")


def word_count(text: str) -> int:
    """Words as a reader counts them: Chinese, Japanese and Korean write no spaces between words, so two
    of their characters count as a word ('法人向け研修を募集中' is five words, not one)."""
    tokens = text.split()
    if not CJK.search(text):
        return len(tokens)
    return sum(max(1, len(CJK.findall(token)) // 2) for token in tokens)


def words_key(text: str) -> str:
    """A line's words, case-folded, without punctuation or emoji: how the same line said again is known (a
    recurring sub-head, a contents entry's headline, a masthead's name)."""
    return " ".join(re.findall(r"\w+", text.casefold()))


def counting_on(numbers: dict[int, int]) -> set[int]:
    """Of the places that hold a list number alone (place -> the number), those whose number counts on from
    another's or to another's (2 beside 1 or 3): a list's numbers. A lone figure ('42') is none."""
    present = set(numbers.values())
    return {k for k, v in numbers.items() if v + 1 in present or v - 1 in present}


# a template's line every story repeats: three times at least, or twice where two such lines or more come back
# twice ('What's going on here?' / 'What does this mean?' under each of two stories; one line said twice,
# 'Harbour notes' under two stories, may be a section's name)
TEMPLATE_TIMES, TEMPLATE_KINDS = 3, 2


def template_keys(counts: dict) -> set:
    """The keys of a template's lines, from how many times each line (by its key) is said in one issue."""
    twice = sum(n >= 2 for n in counts.values()) >= TEMPLATE_KINDS
    return {key for key, n in counts.items() if n >= TEMPLATE_TIMES or (n == 2 and twice)}


def in_capitals(text: str) -> bool:
    """Written in capitals ('THE MUST-READS'); a Chinese, Japanese or Korean line is not, whatever Latin
    letters it holds (str.isupper() calls '生成AIの新機能' upper-case: its only cased letters are 'AI')."""
    return text.isupper() and not CJK.search(text)


def capitals_run_in(text: str) -> bool:
    """'SOVEREIGN CLOUD SHOWDOWN:': a run-in headline in capitals, two words or more before its colon (POLITICO's
    and other Playbook-style letters open each story so)."""
    return text.endswith(":") and len(text.split()) >= 2 and in_capitals(text)


def text_length(text: str) -> int:
    """Characters as much text as English holds in them: a Chinese, Japanese or Korean character counts
    twice (a 74-character Japanese paragraph says what about 150 English characters say)."""
    return len(text) + (len(CJK.findall(text)) if CJK.search(text) else 0)


def marked(text: str) -> bool:
    """Ends like a newsletter headline: '(N minute read)', '(GitHub Repo)', '(Sponsor)' ..."""
    return ")" in text and bool(READ_TIME_END.search(text) or TAG_SUFFIX.search(text) or VOTE_TAIL.search(text))
    # (all three end in ')')


ASCII_LEADS = "".join(ch for ch in map(chr, range(128)) if ch.isspace() or unicodedata.category(ch) in ("So", "Sk"))


def is_emoji(char: str) -> bool:
    return unicodedata.category(char) in ("So", "Sk") or char in "\u200d\ufe0f\ufe0e\u20e3"


def emoji_prefix(text: str) -> str:
    """The leading run of emoji (and spaces) of text."""
    if text and text[0] < "\x80" and text[0] not in ASCII_LEADS:
        return ""  # most text opens with a letter or a digit: no lookup
    end = 0
    while end < len(text) and (is_emoji(text[end]) or text[end].isspace()):
        end += 1
    return text[:end]


def only_emoji(text: str) -> bool:
    if text and text[0] < "\x80" and text[0] not in ASCII_LEADS:
        return False
    stripped = text.strip()
    return bool(stripped) and len(stripped) <= 16 and emoji_prefix(stripped) == stripped


# A call to action: 'Try Quillbase free →', 'Enroll for free', 'Book a 20-minute demo'.
CALL_TO_ACTION = re.compile(
    r"^(?:try|start|get|claim|book|sign\s+up|join|register|enroll|download|learn\s+more|see|watch|request|"
    r"schedule|apply|subscribe|explore|discover|grab|shop|buy|order|rsvp|read\s+our|reserve|save|upgrade|"
    # 'Listen to this Update in your podcast player', 'Listen on Apple Podcasts': the issue's audio version
    r"listen\s+(?:to\s+(?:this|the|our|today(?:'|’)?s)\s+(?:update|episode|issue|podcast|newsletter|show|edition)|"
    r"on\s+(?:apple|spotify|your|our)|in\s+your\s+podcast)|"
    r"open\s+(?:an?|your)\s+(?:free\s+)?account|"
    # the same buttons in French, German, Spanish and Italian: 'Passer Premium', 'Partager mon lien', 'Jetzt abonnieren'
    r"passer\s+(?:premium|à\s+l['’]offre)|s['’]abonner|abonnez-vous|je\s+m['’]abonne|partager|essayer\s+gratuitement|"
    r"jetzt\s+(?:abonnieren|testen|teilen|anmelden)|abonnieren|suscr[íi]b(?:ete|irse)|iscriviti|abbonati)\b"
    r"[^\n]{0,80}$|"
    # '▼お申し込みはこちら', '詳しくはこちら': a Japanese button ('apply here', 'details here')
    r"^\W{0,3}(?:お申し?込みは|詳しくは|ご登録は|お問い合わせは)?こちら"
    r"[^\n]{0,80}$|[→»›]\s*$|"
    # '→ Try Notewell free for 14 days': beehiiv's buttons open with the arrow
    r"^[→»›➡]\s*\S[^\n]{0,80}$|"
    # '... Thursday 7pm: RSVP here': a text part cannot show that only 'RSVP here' was linked
    r"\b(?:rsvp|register|sign\s+up|apply|join(?:\s+us)?|enroll|book|subscribe|watch|listen|tell\s+us|vote)\s+here\W*$", re.I)
GREETING = re.compile(r"^(?:hey|hi|hello|good\s+(?:morning|afternoon|evening)|welcome\s+back)\b.{0,40}$", re.I)
# An editor's letter ('Dear friends,', numbered or after an emoji too), not 'Hey folks,'
SALUTATION = re.compile(r"^(?:\d{1,3}[.)]\s+|#\d{1,3}\s+|[^\w\s]{1,4}\s+)?dear\b[^\n.!?]{0,40},$", re.I)
# Run-in labels inside one story ('What's new', 'Why it matters:'): never an item's title.
SUBHEAD = re.compile(
    r"^(?:what(?:'|’)?s\s+new|how\s+it\s+works|why\s+it\s+matters|why\s+this\s+matters|we(?:'|’)?re\s+thinking|"
    r"behind\s+the\s+news|results?|yes,?\s+but|the\s+details|the\s+rundown|the\s+big\s+picture|bottom\s+line|"
    r"(?:core|key)\s+(?:features|takeaways|details|points)|the\s+takeaway|context|background|details|"
    r"go\s+deeper|zoom\s+(?:in|out)|between\s+the\s+lines|step[-\s]by[-\s]step|pro\s+tip|related|summary|our\s+take|"
    r"source|sources|tl;?dr|in\s+brief|the\s+news|what\s+happened|what\s+(?:it|this)\s+means|"
    r"things\s+that\s+inspired\s+this\s+story)(?:\s*[–—:-]\s.{0,200})?\W*$", re.I)
# Headers of a newsletter's own house sections (community corner, digests of its own links, polls):
# never an item. Job ads under a jobs section are none either.
# Substack letters add their own: 'Housekeeping' (Interconnects), 'Programming notes'.
# (a listing of events under its header, 'Featured events', 'Upcoming Events and Webinars', is one of them)
EVENTS_HEADER = re.compile(r"^(?:(?:upcoming|featured|future|our)\s+)?events?(?:\s+(?:and|&)\s+webinars?)?\W{0,3}$", re.I)
HOUSE_SECTION = re.compile(r"^(?:today(?:'|’)?s\s+|(?:this|last)\s+week(?:'|’)?s\s+|top\s+(?:ai\s+)?|our\s+)?(?:community|highlights|reader\s+(?:mail|questions)|"
                           r"polls?|shout-?outs?|jobs?|housekeeping|programming\s+notes?)\b|"
                           # the issue's contents list under its header ('Today’s Topics', 'In this issue'): it points
                           # at the stories below, and the greeting over it is none
                           r"^(?:today(?:'|’)?s\s+topics|in\s+(?:this|today(?:'|’)?s)\s+(?:issue|edition)|what(?:'|’)?s\s+inside"
                           r"|table\s+of\s+contents)\W{0,3}$|"
                           # listings of events ('Featured events', 'Upcoming Events and Webinars'): no stories
                           rf"{EVENTS_HEADER.pattern}|"
                           # a job board or the newsletter's own show under a name of its own: 'Devtools Jobs',
                           # 'Console Devtools Podcast', 'Good listens for the week'
                           r"^(?:[\w'’&.-]{1,30}+\s){0,3}(?:jobs?|job\s+board|careers|podcast|episodes)\W{0,3}$|"
                           r"^(?:[\w'’&.-]{1,30}+\s){0,2}listens\b|"
                           # the house's own show promoted ('Listen to the 404 Media Podcast', 'This Week on Big
                           # Technology Podcast: <episode>') and its own ad sales ('Advertise on Big Technology?',
                           # 'Advertise in Garbage Day', 'Become a sponsor', 'Work with us')
                           r"^(?:listen\s+to|this\s+week\s+on|new\s+on|latest\s+on)\s+(?:the\s+|our\s+)?"
                           r"(?:[\w'’&.-]{1,30}+\s){0,3}podcast\b(?:\s*[:–—-]\s*[^\n]{0,100})?\W{0,3}$|"
                           r"^(?:want\s+to\s+)?(?:advertise|sponsor)\s+(?:with|on|in|to)\s+[^\n]{1,50}$|"
                           r"^(?:become\s+a\s+sponsor|sponsor\s+(?:us|this\s+newsletter)|work\s+with\s+us|advertise)\W{0,3}$|"
                           # 'Quote of the day', 'Meme of the week': a quotation or a joke under the house's label
                           r"^(?:quotes?|tweets?|memes?)\s+of\s+the\s+(?:day|week)\b|"
                           # the house's own columns: a tip, a poll, readers' calls for collaborators ('AI Tip of the
                           # Day', 'AI poll of the week!', 'Collaboration Opportunities')
                           r"^(?:[\w'’&.-]{1,20}+\s)?(?:tips?|polls?)\s+of\s+the\s+(?:day|week)\b|"
                           r"^collaboration\s+opportunit(?:y|ies)\W{0,3}$|"
                           # listings of events ('Upcoming Events and Webinars', 'Upcoming Events', 'Meetups'):
                           # dates and places to go, not news
                           r"^(?:upcoming|future)\s+(?:events?|meetups?|webinars?)\b|^(?:events?|meetups?)\W{0,3}$|"
                           # the community's calls as a section ('Calls for Testing', 'Call for Participation; projects
                           # and speakers', 'CFP - Projects'; not a headline 'Call for proposals: the 2026 agenda')
                           r"^(?:calls?\s+for\s+(?:participation|testing|papers|proposals|speakers|contributors)|cfps?)"
                           r"(?:\s*[;,–—-]\s*[\w ]{1,30}+)?\W{0,3}$|"
                           # 'On this day in tech history'; a reminder of what the newsletter is ('About this
                           # newsletter', 'Cosa è e come funziona questa newsletter')
                           # a reader-funded newsletter's appeal ('Support our work', 'Unterstütze unsere Arbeit',
                           # 'Jetzt spenden', 'Become a member')
                           r"^(?:support|unterst[üu]tzen?(?:\s+sie)?|soutenez|apoya|sostieni|steun)\s+(?:our|unsere?|"
                           r"notre|nuestro|il\s+nostro|ons)\s+(?:work|arbeit|journalism|journalismus|travail|trabajo|"
                           r"lavoro|werk)\W{0,3}$|^(?:jetzt\s+spenden|donate(?:\s+now)?|spenden|become\s+a\s+(?:paid\s+)?"
                           r"(?:member|supporter|patron))\W{0,3}$|"
                           r"^on\s+this\s+day\b|^[^\n]{0,40}?\b(?:about|this|questa|cette|esta|diese[rs]?)\s+newsletter\W{0,3}$", re.I)
JOBS_SECTION = re.compile(r"\b(?:jobs?|hiring|careers?|open\s+roles|job\s+board)\b", re.I)
SPONSORED_NOTE = re.compile(r"^\*+\s*(?:sponsored|sponsor|paid|ad)\b", re.I)
# A house hiring block's text ('Check out open roles at DeepLearning.AI, AI Fund and LandingAI'): no item.
HIRING_PITCH = re.compile(r"\b(?:open\s+(?:roles|positions)\s+at|we(?:'|’)re\s+hiring|join\s+our\s+team|"
                          r"view\s+(?:all\s+)?open\s+(?:roles|positions))\b", re.I)

# '—Casey Lindqvist', 'By Maya Levin', 'von Lena Brandt', 'par Marie Dupont': a story's byline, a name (up to five
# words) after a dash or 'by' in the corpus's languages
BYLINE = re.compile(r"^(?:[—–-]{1,2}\s*|(?:[Bb]y|BY|[Vv]on|[Pp]ar|[Pp]or|[Dd]oor)\s+)[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,4}"
                    # ... and the section it was filed in: 'von Lena Brandt – in Datenschutz' (netzpolitik.org)
                    r"(?:\s[–—|·-]\s(?:in|im|en|dans|su)\s[^\n]{1,40})?$")
