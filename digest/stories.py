"""Items that several newsletters carried -> one story.

Two items are the same story when any of these holds:
1. they link to the same page (the URL without scheme, 'www.', trailing slash, fragment and
   tracking or referral parameters such as utm_*, 'ref' and 'source', which differ between
   newsletters that link one article);
2. their titles share at least TITLE_JACCARD of their content words, two words at least (a
   bracketed label such as "(GitHub Repo)" or "(Sponsor)" left out: many items wear it);
3. title and opening text together share at least TEXT_JACCARD of their content words, and the
   titles share a name (a capitalised word or one with a digit: "Orbit", "8B", "$15M").

Why word sets: newsletters that carry one story reword it ("Lumen Labs opens its 8B reasoning
model under Apache 2.0" / "Lumen Labs releases the weights of Lumen-R 8B reasoning model") but keep
its names and numbers, which are content words. Character-level ratios do not separate them: on
the sample newsletters, difflib's SequenceMatcher gives the planted duplicates' titles 0.40 to 1.0
and unrelated titles up to 0.83 ("tinyserve (GitHub Repo)" / "evalkit (GitHub Repo)"), and title
with opening text 0.13 to 0.66 against up to 0.41 for unrelated items.

Why these thresholds, measured on the samples
(tests/test_digest_build.py::test_the_thresholds_keep_the_planted_duplicates_apart_from_the_rest):
the duplicates planted under different links score 0.28 to 0.60 on text; of all other pairs the
highest are 0.21 and 0.20, different pieces on one subject (stale benchmarks; model tests in CI)
with no name in common, and the next is 0.14. TEXT_JACCARD = 0.25 sits in the gap, and the shared
name keeps pieces on one subject apart where the gap is narrow.

Exact Jaccard is computed rather than estimated with MinHash (datasketch), which is for
collections far larger than a period's few hundred items. Only pairs that share a link, a title
word or a name are compared (every rule needs one of these); a word in more than a fifth of the
titles (and at least COMMON of them) opens no pair by itself, as it tells no story apart. The
fixture corpus carried three times (717 items) groups in a fraction of a second here
(tests/test_digest_build.py).
"""

from __future__ import annotations

import re
from collections import defaultdict
from itertools import combinations
from urllib.parse import parse_qsl, urlencode, urlsplit

TITLE_JACCARD = 0.5
COMMON = 100
LABEL = re.compile(r"\s*\([^()]*\)\s*$")
TEXT_JACCARD = 0.25
OPENING_CHARS = 400  # of the content: newsletters quote a story's first lines, then diverge
TRACKING = re.compile(r"^(utm_.*|ref|source|src|mc_cid|mc_eid|fbclid|gclid)$", re.I)
WORD = re.compile(r"[a-z0-9]+(?:[.'][a-z0-9]+)*")
# Function words carry no story; numbers and names do, so nothing shorter than two characters
# counts either ("a", "8" alone), but "8b", "40m" and "ai" do.
STOP = frozenset("""a about above after again all also an and any are as at be been before being both but by can
could did do does each few for from further had has have how if in into is it its just more most new no not now of
off on once one only or other our out over own per same so some such than that the their them then there these they
this those through to too under up very via was we were what when where which while who why will with would you
your""".split())


def words(text: str) -> frozenset[str]:
    """The content words of `text`, lowercased; "$40M" reads as "40m"."""
    return frozenset(w for w in WORD.findall(text.lower().replace("$", "")) if w not in STOP and len(w) > 1)


def names(title: str) -> frozenset[str]:
    """The title's capitalised words and words with a digit, lowercased, without a possessive 's."""
    found = (w.strip(".,:;!?()\"'").removesuffix("'s").removesuffix("\u2019s") for w in title.replace("$", "").split())
    return frozenset(w.lower() for w in found
                     if (w[:1].isupper() or any(c.isdigit() for c in w)) and w.lower() not in STOP)


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def page(url: str) -> str:
    """The page a URL names, for comparing links: '' when there is none or it is a site's home page."""
    parts = urlsplit(url.strip())
    host = parts.netloc.lower().removeprefix("www.")
    path = parts.path.rstrip("/")
    if not host or not path:
        return ""
    query = urlencode(sorted((k, v) for k, v in parse_qsl(parts.query) if not TRACKING.match(k)))
    return f"{host}{path}" + (f"?{query}" if query else "")


class Features:
    """What the comparison reads of one item, computed once."""

    def __init__(self, title: str, content: str, url: str):
        self.page = page(url)
        title = LABEL.sub("", title)
        self.title = words(title)
        self.text = words(f"{title} {content[:OPENING_CHARS]}")
        self.names = names(title)


def similarity(a: Features, b: Features) -> tuple[float, float, bool]:
    """(title Jaccard, text Jaccard, same page)."""
    return jaccard(a.title, b.title), jaccard(a.text, b.text), bool(a.page) and a.page == b.page


def same_story(a: Features, b: Features) -> bool:
    title, text, same_page = similarity(a, b)
    same_title = title >= TITLE_JACCARD and len(a.title & b.title) >= 2
    return same_page or same_title or (text >= TEXT_JACCARD and bool(a.names & b.names))


def group(features: list[Features]) -> list[list[int]]:
    """Indexes of `features` grouped into stories (transitively: A~B and B~C make one story), each
    group in input order, the groups in the order of their first item."""
    parent = list(range(len(features)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j in candidates(features):
        if same_story(features[i], features[j]):
            parent[max(root(i), root(j))] = min(root(i), root(j))
    groups: dict[int, list[int]] = {}
    for i in range(len(features)):
        groups.setdefault(root(i), []).append(i)
    return list(groups.values())


def candidates(features: list[Features]) -> list[tuple[int, int]]:
    """The pairs worth comparing: those sharing a link, a title word or a name, in index order."""
    index: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, item in enumerate(features):
        keys = {("word", word) for word in item.title | item.names} | ({("page", item.page)} if item.page else set())
        for key in keys:
            index[key].append(i)
    common = max(COMMON, len(features) // 5)
    pairs = set()
    for (kind, _), members in index.items():
        if kind == "page" or len(members) <= common:
            pairs.update(combinations(members, 2))
    return sorted(pairs)
