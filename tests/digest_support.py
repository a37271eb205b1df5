"""Shared by the digest tests: the sample newsletters, their planted duplicates, and a digest of
them made with the fake backend (support/fake_backend.py) through the real service."""

from __future__ import annotations

from pathlib import Path

from support.fake_backend import FakeBackend

from digest import Options, build_digest, model_item, read_sources
from digest.build import wanted_lines
from mcp_server.config import ServerConfig
from mcp_server.service import Enhancer

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "mcp_server" / "samples" / "newsletters"
# The stories written twice into the samples (weekly-model-notes and wire-ai-briefing repeat the TLDR
# samples' stories, under the same link or reworded under another): a title word of each copy.
PLANTED = {"Lumen", "Quill", "Helix", "evalkit", "Harbor", "Meridian", "Orbit", "Kestrel"}
SPONSORED = 6  # one per TLDR sample and two in the third, one in the weekly, one in the briefing


def outcomes(letters, options, backend=None) -> dict:
    """The fake model's outcome for every item within the dates, by id, as the service gives them."""
    lines = wanted_lines(letters, options)
    svc = Enhancer(backend or FakeBackend(), ServerConfig())
    entries = svc.enhance_entries([model_item(line) for line in lines], 0, ids=[line["id"] for line in lines])
    return {entry.id: entry.model_dump(mode="json") for entry in entries}


def sample_digest(options: Options | None = None, backend=None) -> tuple[list, dict]:
    options = options or Options()
    letters = read_sources([str(SAMPLES)])
    return letters, build_digest(letters, outcomes(letters, options, backend), options, "fake-model")


def planted_word(title: str) -> str | None:
    return next((word for word in PLANTED if word in title), None)


CORPUS = ROOT / "tests" / "fixtures" / "newsletters"


def takeout_mbox(path: Path) -> int:
    """An mbox the way Google Takeout writes one ('From <id>@xxx <date>' lines, X-GM-THRID and
    X-Gmail-Labels headers), one multipart/alternative message per newsletter of the fixture corpus
    (its text and HTML parts, as the senders' tools send them). Returns the number of messages."""
    import json
    import mailbox
    from email.message import EmailMessage
    from email.utils import format_datetime, parsedate_to_datetime
    from datetime import datetime, UTC

    path.parent.mkdir(parents=True, exist_ok=True)
    box = mailbox.mbox(path)
    folders = sorted(p.parent for p in CORPUS.glob("*/*/expected.json"))
    for n, folder in enumerate(folders):
        expected = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
        message = EmailMessage()
        message["From"] = f"{expected['source']} <news@{folder.parent.name}.example>"
        message["To"] = "reader@example.com"
        message["Subject"] = expected["subject"]
        when = datetime.fromisoformat(expected["date"]).replace(hour=9, tzinfo=UTC)
        message["Date"] = format_datetime(when)
        message["X-GM-THRID"] = str(1790000000000000000 + n)
        message["X-Gmail-Labels"] = "Inbox,Category Updates,Opened"
        message.set_content((folder / "newsletter.txt").read_text(encoding="utf-8"))
        message.add_alternative((folder / "newsletter.html").read_text(encoding="utf-8"), subtype="html")
        entry = mailbox.mboxMessage(message)
        entry.set_from(f"{1790000000000000000 + n}@xxx", parsedate_to_datetime(message["Date"]).timetuple())
        box.add(entry)
    box.flush()
    box.close()
    return len(folders)


def forwarded(original: bytes) -> bytes:
    """`original` forwarded as an attachment (Gmail's and Outlook's "Forward as attachment"), with a note."""
    from email import policy
    from email.message import EmailMessage
    from email.parser import BytesParser

    message = EmailMessage()
    message["From"] = "Colleague <colleague@example.com>"
    message["To"] = "reader@example.com"
    message["Subject"] = "Fwd: worth a read"
    message["Date"] = "Mon, 27 Apr 2026 10:00:00 +0000"
    message.set_content("Thought you would like this one. See the attached newsletter.\n")
    message.add_attachment(BytesParser(policy=policy.default).parsebytes(original))
    return message.as_bytes()


def forwarded_inline(newsletter: str) -> bytes:
    """A plain-text newsletter forwarded inline, the way Gmail's Forward writes it."""
    from email.message import EmailMessage

    head, body = newsletter.split("\n\n", 1)
    message = EmailMessage()
    message["From"] = "Colleague <colleague@example.com>"
    message["To"] = "reader@example.com"
    message["Subject"] = "Fwd: the TLDR from Tuesday"
    message["Date"] = "Wed, 11 Jun 2025 10:00:00 +0000"
    message.set_content("Have a look at the second story.\n\n---------- Forwarded message ---------\n"
                        + head + "\nTo: <colleague@example.com>\n\n\n" + body)
    return message.as_bytes()


def mixed_folder(folder: Path) -> Path:
    """A folder of every kind the digest reads: a Takeout mbox of the corpus, newsletters forwarded as an
    attachment and inline,
    Gmail API message JSON, an RSS feed, an Atom feed, .eml, .html, .md and .txt newsletters, and a text
    file with no newsletter in it."""
    import json
    import shutil

    from support.gmail_resource import resource

    emls = sorted(CORPUS.glob("*/*/message.eml"))
    takeout_mbox(folder / "Takeout" / "Mail" / "All mail Including Spam and Trash.mbox")
    (folder / "forwarded.eml").write_bytes(forwarded(emls[0].read_bytes()))
    (folder / "forwarded-inline.eml").write_bytes(forwarded_inline((SAMPLES / "tldr-ai-2025-06-10.txt").read_text(
        encoding="utf-8")))
    (folder / "gmail-message.json").write_text(json.dumps(resource(emls[1].read_bytes())), encoding="utf-8")
    shutil.copy(ROOT / "tests" / "fixtures" / "forms" / "ai-wire.rss", folder / "ai-wire.rss")
    shutil.copy(ROOT / "tests" / "fixtures" / "forms" / "lab-notes.atom", folder / "lab-notes.atom")
    shutil.copy(emls[2], folder / "saved.eml")
    shutil.copy(CORPUS / "the-batch" / "2026-05-29" / "newsletter.html", folder / "the-batch.html")
    shutil.copy(CORPUS / "import-ai" / "import-ai-455" / "newsletter.markdownify.md", folder / "import-ai.md")
    shutil.copy(SAMPLES / "tldr-ai-2025-06-10.txt", folder / "tldr.txt")
    (folder / "notes.txt").write_text("Remember to renew the domain before Friday.\n", encoding="utf-8")
    return folder
