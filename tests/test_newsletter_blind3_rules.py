"""Rules the splitter learnt from the third blind set's layouts, each tested here on inputs written for
the rule (not the corpus's fixtures): a feed's author passed down to its entries, boilerplate blocks
(job boards, a newsletter's own podcast promos, referral blocks, share buttons, sign-offs), sponsor
labels that close with their block, and the headlines of blog-digest emails."""

from __future__ import annotations

from newsletters import split_newsletter

ATOM_HEAD = ('<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
             '<title>Field Notes</title><id>urn:x:field</id><updated>2026-05-02T10:00:00Z</updated>')


def _atom_entry(title: str, author: str | None = None, source: str | None = None) -> str:
    who = f"<author><name>{author}</name></author>" if author else ""
    src = (f"<source><id>urn:x:src</id><title>Guest desk</title><author><name>{source}</name></author></source>"
           if source else "")
    slug = title.lower().replace(" ", "-")
    return (f"<entry><title>{title}</title><id>urn:x:{slug}</id><link href='https://f.example/{slug}'/>"
            f"<updated>2026-05-01T10:00:00Z</updated>{who}{src}<summary>{title}, in short.</summary></entry>")


def test_an_atom_entry_without_an_author_has_the_feed_s_and_one_with_a_source_has_the_source_s():
    xml = (ATOM_HEAD + "<author><name>Rosa Quint</name></author>" + _atom_entry("Own byline", "Ike Varga")
           + _atom_entry("No byline") + _atom_entry("Syndicated piece", source="Lena Moor") + "</feed>")
    letter = split_newsletter(xml.encode())
    assert [(i.title, i.author) for i in letter.items] == [
        ("Own byline", "Ike Varga"), ("No byline", "Rosa Quint"), ("Syndicated piece", "Lena Moor")]


def test_an_atom_feed_without_any_author_leaves_the_entries_without_one():
    letter = split_newsletter((ATOM_HEAD + _atom_entry("No byline") + "</feed>").encode())
    assert [i.author for i in letter.items] == [None]


def test_an_rss_item_does_not_take_the_channel_s_editor_as_its_author():
    xml = ('<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title><link>https://w.example/</link>'
           '<description>d</description><managingEditor>desk@w.example (The Desk)</managingEditor>'
           '<item><title>Unsigned brief</title><link>https://w.example/a</link><description>Text.</description></item>'
           '</channel></rss>')
    assert [i.author for i in split_newsletter(xml.encode()).items] == [None]
