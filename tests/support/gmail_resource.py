"""What the Gmail API makes of a stored message: its users.messages.get resource, built from the
message's bytes the way Gmail builds it, so a test can feed the splitter a resource of a message
that someone else wrote (the corpus .eml files).

The shape follows real responses kept in public repositories (a threads.get capture and Gmail
clients' tests): partId "" for the root, "0", "0.0", ... below it; every part with mimeType,
filename, headers [{name, value}] (values unfolded, encoded words decoded) and body {size, data}
with data the base64url of the decoded content, padded; container parts with body {size: 0} and
parts; attachments with body {attachmentId, size} and no data; message/rfc822 parts expanded,
either with the attached message's root as the one child ("child", as most captures show) or with
its headers on the rfc822 part itself ("flat"). This is a double of Gmail's server, written
because no Gmail account can be reached here; the reader under test is the real one.
"""

from __future__ import annotations

import base64
import hashlib
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from email.utils import parsedate_to_datetime


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode("ascii")


def resource(raw: bytes, fmt: str = "full", *, rfc822: str = "child", labels=("INBOX", "CATEGORY_UPDATES")) -> dict:
    """The users.messages.get resource of `raw` in format full, raw, metadata or minimal."""
    msg = BytesParser(policy=policy.default).parsebytes(raw)
    ident = hashlib.sha1(raw).hexdigest()[:16]
    date = msg.get("date")
    internal = str(int(parsedate_to_datetime(str(date)).timestamp() * 1000)) if date else "1767225600000"
    out = {"id": ident, "threadId": ident, "labelIds": list(labels), "snippet": _snippet(msg)}
    if fmt == "raw":
        out["raw"] = b64url(raw)
    elif fmt == "full":
        out["payload"] = _part(msg, "", rfc822)
    elif fmt == "metadata":
        out["payload"] = {"mimeType": msg.get_content_type(), "headers": _headers(msg)}
    out.update(sizeEstimate=len(raw), historyId="4942", internalDate=internal)
    return out


def _part(part: EmailMessage, part_id: str, rfc822: str) -> dict:
    node = {"partId": part_id, "mimeType": part.get_content_type(), "filename": part.get_filename() or "",
            "headers": _headers(part), "body": {"size": 0}}
    child_id = (lambda n: f"{part_id}.{n}" if part_id else str(n))
    if part.get_content_type() == "message/rfc822":
        inner = part.get_payload()[0]
        if rfc822 == "flat":
            node["headers"] = _headers(inner)
            kids = inner.get_payload() if inner.is_multipart() else [inner]
            node["parts"] = [_part(k, child_id(n), rfc822) for n, k in enumerate(kids)]
        else:
            node["parts"] = [_part(inner, child_id(0), rfc822)]
        node["body"] = {"attachmentId": "ANGjdJ_" + hashlib.sha1(bytes(inner)).hexdigest(), "size": len(bytes(inner))}
    elif part.is_multipart():
        node["parts"] = [_part(k, child_id(n), rfc822) for n, k in enumerate(part.get_payload())]
    else:
        data = part.get_payload(decode=True) or b""
        if part.get_content_maintype() == "text" and not part.is_attachment():
            node["body"] = {"size": len(data), "data": b64url(data)}
        else:
            node["body"] = {"attachmentId": "ANGjdJ_" + hashlib.sha1(data).hexdigest(), "size": len(data)}
    return node


def _headers(part: EmailMessage) -> list[dict]:
    return [{"name": name, "value": " ".join(str(value).split())} for name, value in part.items()]


def _snippet(msg: EmailMessage) -> str:
    body = msg.get_body(("plain", "html"))
    text = body.get_content() if body is not None else ""
    return " ".join(text.split())[:200]
