"""The forms agents really send a newsletter in, each detected without being told:
Gmail API message resources (format full and raw; minimal and metadata refused by name), newsletters
forwarded as a message/rfc822 attachment, RSS 2.0 and Atom feeds, and mboxes (Google Takeout) with
the folders and files `news-enhancer split` expands (newsletters/sources.py).

The messages are the corpus's .eml files (tests/fixtures/newsletters, written in real newsletters'
layouts by another hand); the Gmail resources are built from them the way Gmail builds them
(support/gmail_resource.py, whose shape follows real captured responses); the mboxes are written by
the standard library's mailbox as Takeout writes them; two feeds are written by feedgen, a feed
generator this project did not write, and two by hand in WordPress's and jekyll-feed's shapes.
"""

import json
import logging
import mailbox
import re
import subprocess
import time
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from pathlib import Path

import pytest
from conftest import PY, ROOT
from support.corpus import load_score
from support.gmail_resource import b64url, resource

from newsletters import split_newsletter
from newsletters.cli import register, run
from newsletters.sources import Source, iter_sources
from news_core.errors import InputError

CORPUS = ROOT / "tests" / "fixtures" / "newsletters"
EMLS = sorted(CORPUS.glob("*/*/message.eml"))
FORMS = ROOT / "tests" / "fixtures" / "forms"
LWIA = CORPUS / "last-week-in-ai" / "2026-03-23-issue-337" / "message.eml"  # multipart/mixed > alternative, iso-8859-1
TLDR = CORPUS / "tldr" / "tldr-ai-2026-04-22" / "message.eml"


def split_shape(letter):
    """Everything a reader of the split sees."""
    items = [(i.title, i.content, i.url, i.sponsored, i.section, i.read_time) for i in letter.items]
    return items, letter.subject, letter.date, letter.source


def parse(raw: bytes) -> EmailMessage:
    return BytesParser(policy=policy.default).parsebytes(raw)


def forward_as_attachment(raw: bytes, note="Worth a read: the GPU section especially.\n\nSam\n", disposition="attachment"):
    """What Gmail's, Outlook's and Apple Mail's "Forward as attachment" send: the forwarder's note
    (text and HTML) and the newsletter as a message/rfc822 part."""
    fwd = EmailMessage()
    fwd["From"], fwd["To"] = "Sam Forwarder <sam@example.org>", "news-bot@example.org"
    fwd["Subject"], fwd["Date"] = "Fwd: " + str(parse(raw)["subject"]), "Thu, 23 Apr 2026 08:00:00 +0200"
    fwd.set_content(note)
    fwd.add_alternative(f"<div dir=ltr>{note}</div>", subtype="html")
    fwd.add_attachment(parse(raw), disposition=disposition, filename="newsletter.eml" if disposition else None)
    return fwd.as_bytes()


# -- Gmail API message resources --------------------------------------------------------------------

# The seven oldest layouts in `make test-fast`; the blind sets' emails in `make test`.
OLDEST = load_score().OLD_LAYOUTS


@pytest.mark.parametrize("path", [pytest.param(p, marks=() if p.parent.parent.name in OLDEST else pytest.mark.slow)
                                  for p in EMLS], ids=lambda p: p.parent.parent.name)
def test_a_gmail_resource_splits_as_its_message(path):
    """Each message as a Gmail resource of format full and raw, given as JSON text, JSON bytes or a parsed
    object: the same split as the message. (Every way of giving each format on the oldest layouts; the
    others' messages each way once.)"""
    raw = path.read_bytes()
    expected = split_shape(split_newsletter(raw))
    full, whole = resource(raw, "full"), resource(raw, "raw")
    given = [json.dumps(full), full, json.dumps(whole, indent=2).encode(), whole]
    if path.parent.parent.name in OLDEST:
        given += [json.dumps(full, indent=2).encode(), json.dumps(whole)]
    for one in given:
        letter = split_newsletter(one)
        assert split_shape(letter) == expected
        assert letter.format == "email" and letter.part in ("text/html", "text/plain")


def test_the_gmail_full_resource_that_gave_no_items_no_subject_no_date():
    """A real-shaped message: multipart/alternative inside multipart/mixed, an iso-8859-1 HTML part,
    quoted-printable in the original, and a PDF that Gmail gives only as an attachmentId."""
    msg = parse(LWIA.read_bytes())
    msg.add_attachment(b"%PDF-1.7 slides", maintype="application", subtype="pdf", filename="slides.pdf")
    gmail = resource(msg.as_bytes())
    root = gmail["payload"]
    assert (root["mimeType"], root["parts"][0]["mimeType"]) == ("multipart/mixed", "multipart/alternative")
    assert [p["partId"] for p in root["parts"][0]["parts"]] == ["0.0", "0.1"]
    assert "attachmentId" in root["parts"][-1]["body"] and "data" not in root["parts"][-1]["body"]
    letter = split_newsletter(json.dumps(gmail))
    assert len(letter.items) == len(split_newsletter(LWIA.read_bytes()).items) >= 15
    assert letter.subject.startswith("Last Week in AI #337") and letter.source == "Last Week in AI"
    assert letter.date == "2026-03-23T13:31:07+00:00"
    assert any("Montréal" in i.content or "£" in i.content for i in letter.items)  # the charset was read


def test_minimal_and_metadata_resources_are_refused_with_the_format_to_request():
    raw = TLDR.read_bytes()
    for fmt, says in (("minimal", "format=minimal"), ("metadata", "format=metadata")):
        with pytest.raises(InputError, match=says) as caught:
            split_newsletter(json.dumps(resource(raw, fmt)))
        assert "format=full" in str(caught.value) and "format=raw" in str(caught.value)


def test_without_a_date_header_the_internal_date_is_the_date():
    gmail = resource(TLDR.read_bytes())
    gmail["payload"]["headers"] = [h for h in gmail["payload"]["headers"] if h["name"].lower() != "date"]
    gmail["internalDate"] = "1776852723000"  # 2026-04-22 10:12:03 UTC
    assert split_newsletter(gmail).date == "2026-04-22T10:12:03+00:00"


def test_a_thread_or_list_with_one_message_is_that_message_and_several_are_refused_with_what_to_run():
    raw = TLDR.read_bytes()
    one = resource(raw)
    thread = {"id": one["threadId"], "historyId": "4942", "messages": [one]}
    assert split_shape(split_newsletter(json.dumps(thread))) == split_shape(split_newsletter(raw))
    assert split_shape(split_newsletter(json.dumps([one]))) == split_shape(split_newsletter(raw))
    with pytest.raises(InputError, match="2 Gmail messages.*news-enhancer split"):
        split_newsletter(json.dumps({**thread, "messages": [one, resource(LWIA.read_bytes())]}))


def test_json_that_is_no_gmail_message_is_refused_naming_its_keys():
    with pytest.raises(InputError, match=r"keys: body, subject\).*no Gmail API message resource"):
        split_newsletter(json.dumps({"subject": "AI Weekly", "body": "..."}))
    with pytest.raises(InputError, match="object is read as a Gmail API message resource"):
        split_newsletter(resource(TLDR.read_bytes()), "html")


def test_a_gmail_part_in_another_charset_and_an_unpadded_body_are_read():
    html = "<h2><a href='https://x.example/a'>Café robots open in Montréal (2 minute read)</a></h2><p>Deux cafés.</p>" \
           "<h2><a href='https://x.example/b'>Zürich lab ships a model (3 minute read)</a></h2><p>Größer.</p>"
    data = html.encode("iso-8859-1")
    gmail = {"id": "19a", "threadId": "19a", "labelIds": ["INBOX"], "payload": {
        "partId": "", "mimeType": "text/html", "filename": "",
        "headers": [{"name": "From", "value": "Café Weekly <news@cafe.example>"}, {"name": "Subject", "value": "Café Weekly"},
                    {"name": "Date", "value": "Wed, 11 Jun 2025 13:40:02 +0200"},
                    {"name": "Content-Type", "value": 'text/html; charset="ISO-8859-1"'},
                    {"name": "Content-Transfer-Encoding", "value": "quoted-printable"}],
        "body": {"size": len(data), "data": b64url(data).rstrip("=")}}}
    letter = split_newsletter(gmail)
    assert [i.title for i in letter.items] == ["Café robots open in Montréal", "Zürich lab ships a model"]
    assert (letter.source, letter.date) == ("Café Weekly", "2025-06-11T13:40:02+02:00")


# -- forwarded as an attachment -------------------------------------------------------------------

@pytest.mark.parametrize("path", [TLDR, LWIA, CORPUS / "the-batch" / "2026-05-29" / "message.eml"],
                         ids=lambda p: p.parent.parent.name)
@pytest.mark.parametrize("disposition", ["attachment", "inline", None])
def test_a_newsletter_forwarded_as_an_attachment_is_the_newsletter(path, disposition):
    raw = path.read_bytes()
    letter = split_newsletter(forward_as_attachment(raw, disposition=disposition))
    assert split_shape(letter) == split_shape(split_newsletter(raw))  # its subject, sender and date, not Sam's
    assert not any("Worth a read" in i.title + i.content for i in letter.items)


@pytest.mark.parametrize("shape", ["child", "flat"])
def test_a_forward_as_attachment_through_the_gmail_api(shape):
    raw = TLDR.read_bytes()
    letter = split_newsletter(resource(forward_as_attachment(raw), rfc822=shape))
    assert split_shape(letter) == split_shape(split_newsletter(raw))


def test_of_two_attached_newsletters_the_first_is_read_and_the_other_named(caplog):
    fwd = parse(forward_as_attachment(TLDR.read_bytes()))
    fwd.add_attachment(parse(LWIA.read_bytes()))
    with caplog.at_level(logging.WARNING):
        letter = split_newsletter(fwd.as_bytes())
    assert letter.source == "TLDR AI" and "2 attached messages" in caplog.text


# -- feeds ----------------------------------------------------------------------------------------

def test_an_rss_2_feed_is_one_item_per_entry():
    for raw in ((FORMS / "ai-wire.rss").read_bytes(), (FORMS / "ai-wire.rss").read_text(encoding="utf-8")):
        letter = split_newsletter(raw)
        assert (letter.format, letter.subject, letter.source) == ("feed", "AI Wire", "AI Wire")
        assert letter.date == "2026-03-17T16:40:12+00:00"
        assert [(i.title, i.published, i.author, i.section, i.sponsored) for i in letter.items] == [
            ("Lumen AI’s Tessera 3 tops reasoning benchmarks at half the price", "2026-03-17T16:02:11+00:00",
             "Priya Raman", "Models", False),
            ("EU lawmakers back a levy on large training runs", "2026-03-17T11:30:00+00:00", "Marc Delorme", "Policy", False),
            ("Hospital robots get a 3-year trial in Rotterdam & Lyon", "2026-03-16T21:15:40+00:00", "Anna de Vries",
             "Robotics", False),
            ("Train on our H200 cluster by the hour", "2026-03-16T14:00:00+00:00", "AI Wire Partners",
             "Partner", True),
            ("Open-weights coder Minnow-7B beats models five times its size", "2026-03-16T09:12:03-04:00", "Priya Raman",
             "Open source", False)]
    first, second, third = letter.items[:3]
    assert first.url == "https://aiwire.example.com/2026/03/17/lumen-ai-tessera-3/"  # utm_* dropped
    assert "Input tokens cost $1.50" in first.content  # content:encoded, the longer text
    assert "appeared first on" not in first.content and "<" not in first.content + second.content
    assert "universities & start-ups" in second.content and "Nurses’ unions" in third.content


def test_an_atom_feed_is_one_item_per_entry():
    letter = split_newsletter((FORMS / "lab-notes.atom").read_bytes())
    assert (letter.format, letter.subject, letter.date) == ("feed", "Lab Notes", "2026-03-18T09:41:27-07:00")
    assert [(i.title, i.published, i.author, i.section) for i in letter.items] == [
        ("Grasping soft objects with 40 demonstrations", "2026-03-18T09:00:00-07:00", "Mei Tanaka", "research"),
        ("Why our simulator now models cable drag & friction", "2026-03-11T14:30:00+01:00", "Jonas Weber", "simulation"),
        ("Hiring: two research engineers", "2026-03-02T08:00:00+00:00", "Tern Robotics", None)]
    assert letter.items[0].content.splitlines() == [
        "We trained a gripper policy to pick up bread, fruit and cloth from 40 demonstrations per object class.",
        "Results", "Success rose from 52% to 88% on objects the policy had never seen; the code is on GitHub."]
    assert letter.items[2].content == "We are hiring two research engineers in Lisbon; see the job page."


def test_each_entry_s_own_date_reaches_the_model():
    letter = split_newsletter((FORMS / "ai-wire.rss").read_bytes())
    assert [i.published for i in letter.to_news_items()] == ["2026-03-17", "2026-03-17", "2026-03-16", "2026-03-16",
                                                           "2026-03-16"]


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_feeds_written_by_feedgen(kind):
    feedgen = pytest.importorskip("feedgen.feed", reason="feedgen comes with the dev extra")
    gen = feedgen.FeedGenerator()
    gen.id("https://news.example.com/"), gen.title("Model Notes"), gen.link(href="https://news.example.com/", rel="alternate")
    gen.description("Short notes on new models"), gen.language("en")
    entries = [("Quill 2 writes SQL from screenshots", "https://news.example.com/quill-2?utm_source=feed", "Ana Ruiz",
                "2026-03-17T06:02:11+01:00", "<p>Quill 2 reads a <b>screenshot</b> of a table &amp; writes the query.</p>"),
               ("Falcon chips ship to three clouds", "https://news.example.com/falcon", "Bo Chen",
                "2026-03-16T22:00:00-05:00", "<p>The chips reach <i>three</i> clouds in April.</p><ul><li>HBM4</li></ul>")]
    for title, link, author, date, html in reversed(entries):  # feedgen writes the newest added first
        entry = gen.add_entry()
        entry.id(link), entry.title(title), entry.link(href=link), entry.author(name=author, email="desk@news.example.com")
        entry.published(date), entry.updated(date)
        entry.description(html) if kind == "rss" else entry.content(html, type="html")
    raw = gen.rss_str(pretty=True) if kind == "rss" else gen.atom_str(pretty=True)
    letter = split_newsletter(raw)
    assert (letter.format, letter.source) == ("feed", "Model Notes")
    assert [(i.title, i.url, i.published) for i in letter.items] == [  # each date in its own zone
        ("Quill 2 writes SQL from screenshots", "https://news.example.com/quill-2", "2026-03-17T06:02:11+01:00"),
        ("Falcon chips ship to three clouds", "https://news.example.com/falcon", "2026-03-16T22:00:00-05:00")]
    assert [i.content for i in letter.items] == ["Quill 2 reads a screenshot of a table & writes the query.",
                                                 "The chips reach three clouds in April.\nHBM4"]
    assert "Ana Ruiz" in letter.items[0].author and "Bo Chen" in letter.items[1].author


def test_arxivs_rss_1_feed_titles_leave_out_the_identifier_and_authors_are_names():
    """arXiv's listing feed (RSS 1.0 / RDF, the shape of its 2023 feeds): 'Title. (arXiv:ID vN [cat] UPDATED)',
    the full stop arXiv adds even after a '?', and dc:creator names each author in a link."""
    item = ('<item rdf:about="http://arxiv.org/abs/{id}"><title>{title}. (arXiv:{id}v{v} [{cat}]{tag})</title>'
            '<link>http://arxiv.org/abs/{id}</link><description rdf:parseType="Literal">&lt;p&gt;{text}&lt;/p&gt;'
            '</description><dc:creator>{authors}</dc:creator></item>')
    link = '&lt;a href="http://arxiv.org/find/cs/1/au:+{0}/0/1/0/all/0/1"&gt;{1}&lt;/a&gt;'
    raw = ('<?xml version="1.0" encoding="UTF-8"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
           'xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">'
           '<channel rdf:about="http://arxiv.org/"><title>cs.LG updates on arXiv.org</title><link>http://arxiv.org/</link>'
           '<dc:date>2023-12-20T20:30:00-05:00</dc:date></channel>'
           + item.format(id="2312.11002", v=1, cat="cs.LG", tag="", title="Sparse Probes Find Few Features (and Why)",
                         text="We probe.", authors=link.format("Okafor_C", "Chidi Okafor"))
           + item.format(id="2305.08732", v=2, cat="cs.LG", tag=" UPDATED", title="Do Small Models Know When to Stop?",
                         text="We stop.", authors=", ".join([link.format("Varga_E", "Eszter Varga"),
                                                             link.format("Ng_T", "Tom &amp;amp; Ng")]))
           + item.format(id="2312.10977", v=1, cat="stat.ML", tag=" CROSS LISTED", title="Kernel Regression, Revisited",
                         text="We revisit.", authors=link.format("Sato_Y", "Yuki Sato"))
           + "</rdf:RDF>")
    letter = split_newsletter(raw.encode("utf-8"))
    assert (letter.format, letter.source, letter.date) == ("feed", "cs.LG updates on arXiv.org", "2023-12-20T20:30:00-05:00")
    assert [(i.title, i.url, i.author) for i in letter.items] == [
        ("Sparse Probes Find Few Features (and Why)", "http://arxiv.org/abs/2312.11002", "Chidi Okafor"),
        ("Do Small Models Know When to Stop?", "http://arxiv.org/abs/2305.08732", "Eszter Varga, Tom & Ng"),
        ("Kernel Regression, Revisited", "http://arxiv.org/abs/2312.10977", "Yuki Sato")]
    # a title of another feed that ends in brackets keeps them
    other = ("<rss version='2.0'><channel><title>Notes</title><item><title>Benchmarks (arXiv) [updated]</title>"
             "<link>https://x.example/b</link><description>Text</description></item></channel></rss>")
    assert [i.title for i in split_newsletter(other).items] == ["Benchmarks (arXiv) [updated]"]


def test_a_feed_in_another_encoding_as_bytes_or_as_decoded_text():
    raw = ('<?xml version="1.0" encoding="ISO-8859-1"?><rss version="2.0"><channel><title>Café Tech</title>'
           '<item><title>Montréal lab opens</title><link>https://x.example/m</link>'
           '<description>Élan &amp; more</description></item></channel></rss>')
    for given in (raw.encode("iso-8859-1"), raw):
        letter = split_newsletter(given)
        assert [(i.title, i.content) for i in letter.items] == [("Montréal lab opens", "Élan & more")]


def test_a_broken_feed_still_gives_its_entries():
    raw = ("<rss version='2.0'><channel><title>Hand-rolled & broken</title>"
           "<item><title>Agents & tools</title><link>https://x.example/a</link><description><p>Unclosed <b>bold"
           "</description></item><item><title>Second</title><link>https://x.example/b</link></item></channel>")
    letter = split_newsletter(raw)
    assert [i.title for i in letter.items] == ["Agents & tools", "Second"]


def test_an_empty_feed_says_so():
    letter = split_newsletter("<?xml version='1.0'?><rss version='2.0'><channel><title>Quiet</title></channel></rss>")
    assert letter.items == [] and "has no entries" in letter.reason


# -- mbox, folders, sources -----------------------------------------------------------------------

PERSONAL = b"""From: Ada <ada@example.org>\nTo: me@example.org\nSubject: lunch?\nDate: Tue, 17 Mar 2026 12:00:00 +0000
MIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n\nFree at 1? From the usual place.\n"""


def text_message(subject: str, body_path: Path, subtype: str) -> bytes:
    msg = EmailMessage()
    msg["From"], msg["Subject"], msg["Date"] = "AI Weekly <hello@aiweekly.example>", subject, "Mon, 16 Mar 2026 07:00:00 -0400"
    msg.set_content(body_path.read_text(encoding="utf-8"), subtype=subtype)
    return msg.as_bytes()


def takeout_messages() -> list[bytes]:
    """The corpus .eml files, one of them again forwarded as an attachment, a text-only
    and an HTML-only newsletter message, a Markdown body, and a personal mail (no items)."""
    tldr_folder = CORPUS / "tldr" / "tldr-ai-2026-04-22"
    return [*(p.read_bytes() for p in EMLS), forward_as_attachment(TLDR.read_bytes()),
            text_message("TLDR AI text", tldr_folder / "newsletter.txt", "plain"),
            text_message("TLDR AI html", tldr_folder / "newsletter.html", "html"),
            text_message("TLDR AI markdown", tldr_folder / "newsletter.markdownify.md", "plain"), PERSONAL]


def write_takeout(path: Path, messages: list[bytes], crlf: bool = False) -> Path:
    """An mbox as Google Takeout writes it: a 'From <id>@xxx <date>' envelope line, X-GM-THRID and
    X-Gmail-Labels first, written by the standard library's mailbox, body lines escaped the mboxrd way
    ('>' before every '>*From ' line: Python Weekly's 'From a slow ...', and a quoted-printable line of
    ByteByteGo's HTML part that starts '>From producer'), which a reader takes off again; the standard
    library alone escapes only 'From ' (mboxo), which cannot give back a line sent as '>From '."""
    box = mailbox.mbox(path)
    for n, raw in enumerate(messages):
        labels = "Inbox,Category Updates,Newsletters,Opened" if n % 2 else "Archived,Newsletters"
        head = f"X-GM-THRID: 18293847561234{n:05d}\nX-Gmail-Labels: {labels}\n".encode()
        msg = mailbox.mboxMessage(head + re.sub(rb"(?m)^(>*From )", rb">\1", raw.replace(b"\r\n", b"\n")))
        msg.set_from(f"18293847561234{n:05d}@xxx Wed Mar 18 14:02:11 +0000 2026")
        box.add(msg)
    box.close()
    if crlf:
        path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    return path


@pytest.mark.slow  # a few seconds of CPU: out of make test-fast
@pytest.mark.parametrize("crlf", [False, True], ids=["lf", "crlf"])
def test_a_takeout_mbox_is_one_source_per_message_each_split_as_its_message(tmp_path, crlf):
    messages = takeout_messages()
    path = write_takeout(tmp_path / "All mail Including Spam and Trash.mbox", messages, crlf)
    sources = list(iter_sources([path]))
    assert [s.name for s in sources] == [f"{path}#{n}" for n in range(1, len(messages) + 1)]
    assert {s.origin for s in sources} == {str(path)} and len(sources) >= 10
    letters = [split_newsletter(s.raw) for s in sources]
    for letter, raw in zip(letters[:len(EMLS)], messages):
        assert split_shape(letter) == split_shape(split_newsletter(raw))
    forwarded, text, html, markdown, personal = letters[len(EMLS):]
    assert split_shape(forwarded) == split_shape(split_newsletter(TLDR.read_bytes()))
    assert len(text.items) >= 15 and len(html.items) >= 15 and len(markdown.items) >= 15
    assert personal.items == [] and personal.subject == "lunch?"


@pytest.mark.slow  # a few seconds of CPU: out of make test-fast
def test_split_on_an_mbox_shows_each_message_and_jsonl_gives_every_item(tmp_path, capsys):
    path = write_takeout(tmp_path / "takeout.mbox", takeout_messages())
    assert cli(str(path)) == 0
    out, err = capsys.readouterr()
    n = len(EMLS) + 5  # every corpus .eml, then the five built here (the personal mail last)
    assert out.count("== ") == n and f"== {path}#{n}" in out
    assert f"{n} newsletters" in err and f"no items in 1: {path}#{n}" in err
    assert cli(str(path), "--jsonl") == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    expected = sum(len(split_newsletter(s.raw).items) for s in iter_sources([path]))
    assert len(lines) == expected and len({line["id"] for line in lines}) == expected
    assert lines[0]["id"] == f"{path}#1:nl-1"


def test_one_message_mbox_is_that_message_and_several_are_refused(tmp_path):
    one = write_takeout(tmp_path / "one.mbox", [TLDR.read_bytes()]).read_bytes()
    assert split_shape(split_newsletter(one)) == split_shape(split_newsletter(TLDR.read_bytes()))
    two = write_takeout(tmp_path / "two.mbox", [TLDR.read_bytes(), LWIA.read_bytes()]).read_bytes()
    with pytest.raises(InputError, match="mbox of several messages.*news-enhancer split"):
        split_newsletter(two)


def test_a_folder_expands_to_every_newsletter_file_in_it(tmp_path, caplog):
    (tmp_path / "feeds").mkdir()
    (tmp_path / "feeds" / "ai-wire.rss").write_bytes((FORMS / "ai-wire.rss").read_bytes())
    (tmp_path / "a.eml").write_bytes(TLDR.read_bytes())
    (tmp_path / "b.json").write_text(json.dumps([resource(TLDR.read_bytes()), resource(LWIA.read_bytes())]))
    write_takeout(tmp_path / "c.mbox", [TLDR.read_bytes(), PERSONAL])
    (tmp_path / "logo.png").write_bytes(b"\x89PNG")
    (tmp_path / ".cache").mkdir()
    (tmp_path / ".cache" / "old.eml").write_bytes(TLDR.read_bytes())
    with caplog.at_level(logging.INFO):
        names = [s.name[len(str(tmp_path)) + 1:] for s in iter_sources([tmp_path])]
    assert names == ["a.eml", "b.json#1", "b.json#2", "c.mbox#1", "c.mbox#2", "feeds/ai-wire.rss"]
    assert "left out 1 files of other kinds" in caplog.text


def test_sources_keep_their_api_and_a_missing_path_is_named():
    assert [f for f in Source.__dataclass_fields__] == ["name", "raw", "origin"]
    with pytest.raises(InputError, match="no such file or folder: nope.mbox"):
        list(iter_sources(["nope.mbox"]))


def test_split_reads_an_mbox_from_stdin(tmp_path):
    path = write_takeout(tmp_path / "t.mbox", [TLDR.read_bytes(), LWIA.read_bytes()])
    done = subprocess.run([PY, "-m", "news_core.cli", "split", "-", "--jsonl"], input=path.read_bytes(),
                          capture_output=True, cwd=ROOT, timeout=60)
    assert done.returncode == 0, done.stderr
    ids = [json.loads(line)["id"] for line in done.stdout.splitlines()]
    assert ids[0] == "-#1:nl-1" and any(i.startswith("-#2:") for i in ids)


def test_one_unreadable_input_is_named_and_the_others_still_split(tmp_path, capsys):
    (tmp_path / "minimal.json").write_text(json.dumps(resource(TLDR.read_bytes(), "minimal")))
    assert cli(str(tmp_path / "minimal.json"), str(TLDR), "--jsonl") == 2
    out, err = capsys.readouterr()
    assert "minimal.json: cannot be read:" in err and "format=full" in err and len(out.splitlines()) == 18


def test_json_lists_the_newsletters_and_no_items_anywhere_is_status_1(tmp_path, capsys):
    (tmp_path / "note.txt").write_text("Free at 1? From the usual place.\n")
    assert cli(str(FORMS / "lab-notes.atom"), str(tmp_path / "note.txt"), "--json") == 0
    listed = json.loads(capsys.readouterr().out)
    assert [(x["input"], len(x["items"])) for x in listed] == [(str(FORMS / "lab-notes.atom"), 3),
                                                               (str(tmp_path / "note.txt"), 0)]
    assert cli(str(tmp_path / "note.txt"), "--jsonl") == 1
    assert capsys.readouterr().out == ""


def test_item_ids_name_their_input():
    from newsletters.item_lines import item_id

    assert (item_id("-", 3), item_id("inbox/a.eml", 1), item_id("t.mbox#12", 2)) == ("nl-3", "inbox/a.eml:nl-1",
                                                                                    "t.mbox#12:nl-2")
    long = item_id("x" * 5000, 1)
    assert long.startswith("input-") and long.endswith(":nl-1") and len(long) < 40


def cli(*argv) -> int:
    import argparse

    parser = argparse.ArgumentParser()
    register(parser)
    return run(parser.parse_args(list(argv)))


# -- linear time and the server's start -----------------------------------------------------------

ADVERSARIAL = {
    "feed-lt": "<rss version='2.0'><channel><item><description>" + "<" * 1_000_000,
    "feed-comments": "<rss version='2.0'><channel><item><description><![CDATA[" + "<!--" * 250_000 + "]]></description>"
                     "</item></channel></rss>",
    "feed-entries": "<rss version='2.0'><channel>" + "<item><title>t</title><description>&lt;p&gt;x</description></item>"
                    * 15_000 + "</channel></rss>",
    "gmail-parts": json.dumps({"id": "x", "threadId": "x", "payload": {"mimeType": "multipart/mixed", "parts": [
        {"mimeType": "text/plain", "body": {"data": "YQ"}}] * 40_000}}),
    "gmail-deep": "{\"id\": 1, \"payload\": " * 200_000,
    "mbox-froms": "From a Mon Jan  1 00:00:00 2026\nX: y\n\n" + "\n\nFrom a Mon 1:11 2026 " * 40_000,
}


@pytest.mark.slow
@pytest.mark.parametrize("name", ADVERSARIAL)
def test_a_megabyte_of_an_adversarial_form_splits_in_linear_time(name):
    """Bounds for a busy 2-core VM: a megabyte of feed tag soup goes through feedparser's loose parser
    (about 4 s here); everything else is well under that."""
    raw = ADVERSARIAL[name]
    best, quarter = _seconds(raw), _seconds(raw[:len(raw) // 4])
    if best > 8 * quarter + 1:  # a second chance, in case the machine was busy
        best = min(best, _seconds(raw))
    assert best < 30, f"{name}: {best:.1f} s for 1 MB"
    assert best < 8 * quarter + 1, f"{name}: {best:.1f} s for 1 MB, {quarter:.1f} s for 256 KB: not linear"


def _seconds(raw) -> float:
    start = time.perf_counter()
    try:
        split_newsletter(raw)
    except InputError:
        pass
    return time.perf_counter() - start


def test_the_server_start_imports_neither_feedparser_nor_dateutil():
    code = "import sys, mcp_server.server; print(sorted(m for m in ('feedparser', 'dateutil') if m in sys.modules))"
    done = subprocess.run([PY, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert done.stdout.strip() == "[]", done.stderr


def test_a_forward_of_a_forward_is_the_innermost_newsletter(caplog):
    twice = forward_as_attachment(forward_as_attachment(TLDR.read_bytes()), note="Passing this on.\n")
    with caplog.at_level(logging.WARNING):
        letter = split_newsletter(twice)
    assert split_shape(letter) == split_shape(split_newsletter(TLDR.read_bytes()))
    assert "attached messages" not in caplog.text


def test_a_simplified_message_object_of_some_gmail_mcp_server_is_refused_naming_its_keys():
    simplified = {"id": "19a2", "threadId": "19a2", "subject": "TLDR AI", "from": "TLDR AI <dan@tldr.example>",
                  "date": "Wed, 22 Apr 2026 10:12:03 +0000", "body": "<h2>...</h2>", "snippet": "..."}
    with pytest.raises(InputError, match="no payload or raw field but body, date, from, subject") as caught:
        split_newsletter(json.dumps(simplified))
    assert "its body (HTML or text) as the newsletter" in str(caught.value)
