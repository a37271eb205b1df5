"""What real callers send: the item-like objects other tools produce, as a client or an export would
pass them on to this server or to `news-enhancer enhance` unchanged.

Looked up in public sources (not invented): the shapes are theirs, the texts written here.
- Gmail MCP servers. A simplified message as the TypeScript Gmail MCP servers build one for their
  read/search tools (id, threadId, subject, from, to, date, body, snippet, labelIds); the message
  dict of universal-mcp's google_mail app `get_message_details` (message_id, from_addr, to, date,
  subject, body_content, thread_id, attachments); and the Gmail API's own `users.messages.get`
  resource, which servers that pass the API through return (id, threadId, labelIds, snippet,
  payload with headers and base64url body, sizeEstimate, historyId, internalDate).
- feedparser entries: made by feedparser itself from an RSS 2.0 and an Atom feed (feed_entries),
  then through JSON as a client sends them (time.struct_time becomes a list).
- The News Analyst agent (youshen-lim/llama-tinker-lora-newsletter, the agent this project's data
  comes from): its per-item metadata (item_id, article_title, original_content, truncated_content,
  source, email_date, source_url, is_sponsored) and its per-newsletter dict (content, source,
  email_subject, email_date), docs/NEWS_ANALYST_SYSTEM_ARCHITECTURE.md there.
"""

from __future__ import annotations

import json

TEXT = "Nvidia said on Tuesday that its next data-centre GPU ships in the third quarter."

GMAIL_MCP_MESSAGE = {
    "id": "18f2a9c3b1d4e5f6", "threadId": "18f2a9c3b1d4e5f6", "subject": "Nvidia moves its next GPU up a quarter",
    "from": "TLDR AI <dan@tldrnewsletter.com>", "to": "me@example.com", "date": "Tue, 10 Jun 2025 13:42:15 +0000",
    "body": TEXT, "snippet": TEXT[:60], "labelIds": ["INBOX", "CATEGORY_UPDATES"],
}
UNIVERSAL_MCP_MESSAGE = {
    "message_id": "18f2a9c3b1d4e5f7", "from_addr": "The Batch <thebatch@deeplearning.ai>", "to": "me@example.com",
    "date": "Wed, 11 Jun 2025 06:02:11 -0700", "subject": "Nvidia moves its next GPU up a quarter",
    "body_content": TEXT, "thread_id": "18f2a9c3b1d4e5f7", "attachments": [],
}
GMAIL_API_MESSAGE = {
    "id": "18f2a9c3b1d4e5f8", "threadId": "18f2a9c3b1d4e5f8", "labelIds": ["INBOX", "UNREAD"], "snippet": TEXT[:80],
    "payload": {"partId": "", "mimeType": "text/plain", "filename": "",
                "headers": [{"name": "Subject", "value": "Nvidia moves its next GPU up a quarter"},
                            {"name": "From", "value": "TLDR AI <dan@tldrnewsletter.com>"}],
                "body": {"size": len(TEXT), "data": "TnZpZGlhIHNhaWQgb24gVHVlc2RheQ"}},
    "sizeEstimate": 2048, "historyId": "123456", "internalDate": "1749562935000",
}
NEWS_ANALYST_ITEM = {
    "item_id": "1939c4efbbc3e2c4_004", "article_title": "Nvidia moves its next GPU up a quarter (2 minute read)",
    "original_content": TEXT, "truncated_content": TEXT[:50], "source": "TLDR AI",
    "email_date": "Tue, 10 Jun 2025 13:42:15 +0000", "source_url": "https://example.com/nvidia", "is_sponsored": False,
}
NEWS_ANALYST_NEWSLETTER = {
    "content": "TLDR AI 2025-06-10\n\nNvidia moves its next GPU up a quarter\n" + TEXT, "source": "TLDR AI",
    "email_subject": "TLDR AI 2025-06-10", "email_date": "Tue, 10 Jun 2025 13:42:15 +0000",
}
MAIL_AND_AGENT_ITEMS = {"gmail-mcp": GMAIL_MCP_MESSAGE, "universal-mcp": UNIVERSAL_MCP_MESSAGE,
                        "gmail-api": GMAIL_API_MESSAGE, "news-analyst": NEWS_ANALYST_ITEM}

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>TLDR AI</title><link>https://tldr.tech/ai</link><description>AI news</description>
<item><title>Nvidia moves its next GPU up a quarter</title><link>https://example.com/nvidia</link>
<guid isPermaLink="false">tldr-ai-2025-06-10-1</guid><pubDate>Tue, 10 Jun 2025 13:42:15 +0000</pubDate>
<category>Hardware</category><description>{text}</description></item>
</channel></rss>""".format(text=TEXT)
ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Import AI</title><id>urn:example:import-ai</id>
<updated>2025-06-11T06:02:11Z</updated>
<entry><title>Nvidia moves its next GPU up a quarter</title><id>urn:example:import-ai:1</id>
<link href="https://example.com/nvidia"/><updated>2025-06-11T06:02:11Z</updated>
<author><name>Jack</name></author><summary>{text}</summary>
<content type="html">&lt;p&gt;{text}&lt;/p&gt;</content></entry>
</feed>""".format(text=TEXT)


def feed_entries() -> dict[str, dict]:
    """One entry of each feed, as feedparser makes it and JSON carries it."""
    import feedparser

    rss, atom = (feedparser.parse(doc).entries[0] for doc in (RSS, ATOM))
    return {"feedparser-rss": _json(rss), "feedparser-atom": _json(atom)}


def _json(value):
    return json.loads(json.dumps(value, default=list))
