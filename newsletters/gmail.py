"""Gmail API message resources (what users.messages.get and users.threads.get return, and what
Gmail MCP servers pass on) -> the message's bytes, for the one email reader (email_message).

A resource is JSON: {"id", "threadId", "labelIds", "snippet", "internalDate" (epoch ms, a string),
"payload" | "raw", ...}, in one of the four formats the request asked for:
- full: `payload` is the MIME tree. Each part has mimeType, headers [{name, value}], body
  {size, data (base64url of the decoded content), attachmentId (when the content is fetched apart)}
  and parts (the children of a multipart/* or message/rfc822 part). It is rebuilt as a MIME message
  with the standard library's email package, text parts only: an attachment known only by its
  attachmentId has no content here and is left out, as are non-text parts.
- raw: `raw` is base64url of the whole RFC 2822 message, used as it is.
- minimal (no payload) and metadata (headers, no body): nothing to split; refused, saying to
  request format=full or format=raw.
The Date header is the message's date; without one, internalDate (UTC).
"""

from __future__ import annotations

import base64
import binascii
import json
from datetime import datetime, timezone
from email import policy
from email.message import EmailMessage, Message
from email.mime.message import MIMEMessage
from email.mime.multipart import MIMEMultipart
from email.mime.nonmultipart import MIMENonMultipart
from email.parser import BytesParser
from typing import Any

from news_core.errors import InputError

# What marks a dict as a Gmail message resource (every format has id and threadId; full and
# metadata have payload, raw has raw). A thread (users.threads.get) has id and historyId, and messages.
RESOURCE_KEYS = frozenset(("payload", "raw", "threadId", "labelIds", "internalDate", "sizeEstimate"))
MINIMAL_KEYS = frozenset(("id", "threadId", "labelIds", "snippet", "historyId", "internalDate", "sizeEstimate",
                          "classificationLabelValues"))  # all a format=minimal resource has
SKIPPED_HEADERS = frozenset(("content-type", "content-transfer-encoding", "mime-version", "content-length"))
MAX_DEPTH = 50  # parts nested deeper are not read
MAX_PARTS = 500
WRITE = policy.default.clone(utf8=True, linesep="\n", max_line_length=0)  # headers as given, unfolded
FORMAT_HELP = ("request the message with format=full (users.messages.get?format=full) or format=raw; "
               "formats minimal and metadata carry no body to split")


def is_resource(value: Any) -> bool:
    """A dict shaped like a Gmail API message resource (any format)."""
    return (isinstance(value, dict) and "id" in value and bool(RESOURCE_KEYS & value.keys())
            and not isinstance(value.get("messages"), list))


def resources(value: Any) -> list[dict] | None:
    """The message resources in a parsed JSON value: one resource, a list of them, or a thread or
    messages.list-style object with `messages`; None when the value holds none of these."""
    if is_resource(value):
        return [value]
    if isinstance(value, dict) and isinstance(value.get("messages"), list):
        value = value["messages"]
    if isinstance(value, list) and value and all(is_resource(v) for v in value):
        return value
    return None


def parse_json(text: str | bytes) -> Any:
    """The JSON value of text that is one JSON object or array, else None (a newsletter in another form)."""
    head = text[:64].lstrip()
    if not head or head[:1] not in ("{", "[", b"{", b"["):
        return None
    try:
        return json.loads(text)
    except (ValueError, RecursionError):
        return None


def message_bytes(resource: dict) -> bytes:
    """The RFC 2822 bytes of one resource in format full or raw; InputError for minimal and metadata."""
    where = f"Gmail message {str(resource.get('id'))[:40]!r}"
    if isinstance(resource.get("raw"), str):
        data = decode_base64url(resource["raw"])
        if data is None:
            raise InputError(f"{where}: its raw field is not base64url text; send the resource as Gmail returns it")
        return data
    payload = resource.get("payload")
    if not isinstance(payload, dict) and (other := sorted(str(k)[:40] for k in resource if k not in MINIMAL_KEYS)):
        raise InputError(f"{where} is no Gmail API resource in format full or raw: it has no payload or raw field "
                         f"but {', '.join(other[:12])}; send the message as users.messages.get returns it, "
                         "or its body (HTML or text) as the newsletter")
    if not isinstance(payload, dict):
        raise InputError(f"{where} has no payload and no raw field (format=minimal): {FORMAT_HELP}")
    if not _has_body(payload):
        raise InputError(f"{where} has headers but no body (format=metadata, or an empty message): {FORMAT_HELP}")
    counter = [0]
    message = _part(payload, 0, counter) or MIMENonMultipart("text", "plain", policy=WRITE)
    if not _header(payload, "date") and str(resource.get("internalDate", "")).isdigit():
        stamp = datetime.fromtimestamp(int(resource["internalDate"]) / 1000, tz=timezone.utc)
        message["Date"] = stamp.strftime("%a, %d %b %Y %H:%M:%S +0000")
    return message.as_bytes(policy=WRITE)


def decode_base64url(text: str) -> bytes | None:
    """base64url (Gmail's encoding, padded or not); standard base64's '+' and '/' are read too."""
    compact = "".join(text.split()).replace("+", "-").replace("/", "_").rstrip("=")
    try:
        return base64.urlsafe_b64decode(compact + "=" * (-len(compact) % 4))
    except (binascii.Error, ValueError):
        return None


def _has_body(payload: dict) -> bool:
    """Any part with body data or an attachment id (format metadata has neither), MAX_PARTS parts looked at."""
    todo, seen = [payload], 0
    while todo and seen < MAX_PARTS:
        part, seen = todo.pop(), seen + 1
        body = part.get("body") if isinstance(part.get("body"), dict) else {}
        if body.get("data") or body.get("attachmentId"):
            return True
        if isinstance(part.get("parts"), list):
            todo += [c for c in part["parts"] if isinstance(c, dict)]
    return False


def _part(node: dict, depth: int, counter: list[int]) -> Message | None:
    """One part of the tree as a MIME part, or None when it has no text to read."""
    counter[0] += 1
    if depth > MAX_DEPTH or counter[0] > MAX_PARTS:
        return None
    mime = str(node.get("mimeType") or "text/plain").lower()
    listed = node.get("parts") if isinstance(node.get("parts"), list) else []
    children = [c for c in listed if isinstance(c, dict)]
    if mime.startswith("multipart/"):
        parts = [p for p in (_part(c, depth + 1, counter) for c in children) if p is not None]
        if not parts:
            return None
        part = MIMEMultipart(mime.split("/", 1)[1] or "mixed", policy=WRITE)
        for child in parts:
            part.attach(child)
    elif mime == "message/rfc822":
        part = _attached(node, children, depth, counter)
    elif mime.startswith("text/"):
        part = _leaf(node, mime)
    else:
        return None
    if part is not None:
        _copy_headers(node, part)
    return part


def _attached(node: dict, children: list[dict], depth: int, counter: list[int]) -> Message | None:
    """A message/rfc822 part. Gmail expands the attached message in one of two shapes: one child, the
    attached message's root part with its own headers (From, Subject, Date), or the attached message's
    headers on this part and its root's children as this part's children. Else its bytes are in
    body.data, or it is fetched apart (attachmentId only) and not here to read."""
    if children:
        root = children[0] if len(children) == 1 else {"mimeType": "multipart/mixed", "parts": children}
        inner = _part(root, depth + 1, counter)
        if inner is None:
            return None
        _copy_headers({"headers": [{"name": k, "value": v} for k, v in _headers(node)
                                   if not k.lower().startswith("content-")]}, inner)
    else:
        data = decode_base64url(str((node.get("body") or {}).get("data") or ""))
        if not data:
            return None
        inner = BytesParser(policy=policy.default).parsebytes(data)
    return MIMEMessage(inner, policy=WRITE)


def _leaf(node: dict, mime: str) -> Message | None:
    data = decode_base64url(str((node.get("body") or {}).get("data") or ""))
    if not data:
        return None
    declared = EmailMessage()
    declared["Content-Type"] = _header(node, "content-type") or mime
    maintype, subtype = mime.split("/", 1)
    part = MIMENonMultipart(maintype, subtype, policy=WRITE, charset=declared.get_content_charset() or "utf-8")
    part["Content-Transfer-Encoding"] = "base64"
    part.set_payload(base64.encodebytes(data).decode("ascii"))
    return part


def _copy_headers(node: dict, part: Message) -> None:
    """The part's own headers, but those that describe the content's encoding (rebuilt here)."""
    for name, value in _headers(node):
        if name.lower() not in SKIPPED_HEADERS and name.lower() not in (k.lower() for k in part.keys()):
            try:
                part[name] = value
            except (ValueError, TypeError):  # a header the email package cannot write: not needed to split
                continue


def _headers(node: dict) -> list[tuple[str, str]]:
    found = []
    for header in node.get("headers") or [] if isinstance(node.get("headers"), list) else []:
        if isinstance(header, dict) and isinstance(header.get("name"), str) and header["name"].strip():
            name = "".join(header["name"].split())
            if name.isascii() and ":" not in name:
                found.append((name, " ".join(str(header.get("value") or "").split())))
    return found


def _header(node: dict, name: str) -> str:
    return next((value for key, value in _headers(node) if key.lower() == name), "")
