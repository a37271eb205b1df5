"""Files, folders and mailboxes -> one Source per newsletter, for the commands that read many.

`iter_sources(paths)` expands, in the order given:
- a folder: every file under it (recursively, sorted by path, hidden files and folders left out)
  whose name ends in one of EXTENSIONS; files of other kinds are counted in a log line;
- an mbox (Google Takeout's 'All mail Including Spam and Trash.mbox', Thunderbird's folders, any
  file ending in .mbox or starting with an mbox 'From ' line): one Source per message, read with
  the standard library's mailbox, named 'FILE#N' (N from 1, in file order); a body line the mbox's
  writer escaped ('>From ...', as the standard library, Thunderbird and Takeout write a line that starts
  with 'From ') is read as it was sent (MBOX_ESCAPED);
- a JSON file with several Gmail API message resources (a list, a thread, a messages.list
  response with full messages): one Source per message, 'FILE#N';
- '-': standard input, expanded as a file would be;
- any other file: one Source, its bytes as they are (split_newsletter detects the form).
A path that does not exist is an InputError, before anything is read.
"""

from __future__ import annotations

import json
import logging
import mailbox
import os
import re
import sys
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from news_core.errors import InputError

from . import gmail
from .forms import MBOX_START

log = logging.getLogger(__name__)
# A line an mbox writer escaped: 'From ' at the start of a body line gets a '>' in front (mboxo, mboxrd), and
# mboxrd adds one to '>From ' lines too. The standard library's mailbox reads the lines as stored, so a
# newsletter's 'From Our Sponsor' heading would come back as '>From Our Sponsor'; one '>' comes off, as mboxrd
# readers do (in an mboxo file a line that was '>From ' as sent loses its '>': the format cannot tell them apart).
MBOX_ESCAPED = re.compile(rb"(?m)^>(>*From )")

EXTENSIONS = frozenset((".eml", ".mbox", ".json", ".xml", ".rss", ".atom", ".html", ".htm", ".txt", ".md"))
STDIN = "-"


@dataclass(frozen=True)
class Source:
    name: str  # what to call it: the file's path, 'FILE#N' for a message of an mbox or JSON list, '-' for stdin
    raw: bytes  # the newsletter as it came: give it to split_newsletter
    origin: str  # the file it came from ('-' for stdin)


def iter_sources(paths: Iterable[str | os.PathLike]) -> Iterator[Source]:
    """Every newsletter in `paths`, in order (see the module's docstring)."""
    paths = [str(p) for p in paths]
    missing = [p for p in paths if p != STDIN and not Path(p).exists()]
    if missing:
        raise InputError(f"no such file or folder: {', '.join(missing)}")
    for path in paths:
        if path == STDIN:
            yield from _from_bytes(STDIN, sys.stdin.buffer.read())
        elif Path(path).is_dir():
            yield from _folder(Path(path))
        else:
            yield from _file(Path(path))


def _folder(folder: Path) -> Iterator[Source]:
    skipped = 0
    for path in sorted(folder.rglob("*")):
        hidden = any(part.startswith(".") for part in path.relative_to(folder).parts)
        if hidden or not path.is_file():
            continue
        if path.suffix.lower() not in EXTENSIONS:
            skipped += 1
            continue
        yield from _file(path)
    if skipped:
        log.info("%s: left out %d files of other kinds (read: %s)", folder, skipped, " ".join(sorted(EXTENSIONS)))


def _file(path: Path) -> Iterator[Source]:
    try:
        with path.open("rb") as handle:
            head = handle.read(8192)
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror or exc}") from None
    if path.suffix.lower() == ".mbox" or MBOX_START.match(head):
        yield from _mbox(path, str(path))
        return
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror or exc}") from None
    yield from _from_bytes(str(path), data)


def _from_bytes(name: str, data: bytes) -> Iterator[Source]:
    """One Source, or one per message of an mbox or a JSON list of Gmail resources."""
    if MBOX_START.match(data[:8192]):
        with tempfile.NamedTemporaryFile(suffix=".mbox") as spool:  # mailbox reads files only
            spool.write(data)
            spool.flush()
            yield from _mbox(Path(spool.name), name)
        return
    found = gmail.resources(value) if (value := gmail.parse_json(data)) is not None else None
    if found is not None and len(found) > 1:
        for n, resource in enumerate(found, start=1):
            yield Source(f"{name}#{n}", json.dumps(resource).encode("utf-8"), name)
        return
    yield Source(name, data, name)


def _mbox(path: Path, origin: str) -> Iterator[Source]:
    try:
        box = mailbox.mbox(path, create=False)
    except (OSError, mailbox.Error) as exc:
        raise InputError(f"cannot read the mbox {origin}: {exc}") from None
    try:
        keys = box.keys()  # message offsets only: the messages are read one at a time
        single = len(keys) == 1 and path.suffix.lower() != ".mbox"  # an .eml saved with its envelope line
        for n, key in enumerate(keys, start=1):
            yield Source(origin if single else f"{origin}#{n}", MBOX_ESCAPED.sub(rb"\1", box.get_bytes(key)), origin)
    finally:
        box.close()
