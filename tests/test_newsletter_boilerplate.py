"""Boilerplate a newsletter prints around its stories, told by its own shape and words, never an item:
referral and share blocks, 'Was this email forwarded to you?', the poll about the issue itself, a
platform's 'Powered by' line, the 'send us tips' footer, account-opening buttons, a text part's footnotes
and its '... Learn more [ url ]' lines; and the weighing of an email's HTML and text parts, where a list
of linked headlines counts as items. Each on a small input written here, in other words than the corpus."""

from email import policy
from email.message import EmailMessage

from newsletters import split_newsletter
from newsletters.readings import score
from newsletters.model import NewsletterItem

STORY = ("The county measured the change over a full year of bus trips and found riders waited four minutes "
         "less on average, with the largest gains on the night routes.")


def _titles(raw, fmt=None):
    return [item.title for item in split_newsletter(raw, fmt).items]


def _html(*blocks: str) -> str:
    return "<html><body>" + "".join(blocks) + "</body></html>"


def test_referral_forwarded_and_share_blocks_are_no_items():
    raw = _html("<h2>Buses get a night network</h2>", f"<p>{STORY}</p>",
                "<h2>Pass the Gazette on</h2>",
                "<p><a href='https://x.example/r'>Share The Gazette with your colleagues and earn a tote bag. "
                "Your referral count: 3.</a></p>",
                "<p><a href='https://x.example/s'>Share this issue with a friend</a></p>",
                "<p><a href='https://x.example/f'>Were you forwarded this? Was this newsletter forwarded to you? "
                "Sign up here.</a></p>",
                "<h2>Ferries switch to batteries</h2>", f"<p>{STORY}</p>")
    assert _titles(raw) == ["Buses get a night network", "Ferries switch to batteries"]


def test_a_story_about_sharing_is_still_a_story():
    raw = _html("<h2>The county gives its buses a night network</h2>", f"<p>{STORY}</p>",
                "<p><b><a href='https://x.example/t'>Portline: share a staging database with your team in one "
                "command</a></b></p>", f"<p>{STORY}</p>")
    assert _titles(raw)[1].startswith("Portline: share a staging database")


def test_the_poll_about_the_issue_the_tips_footer_and_the_platform_line_are_no_items():
    raw = _html("<h2>Buses get a night network</h2>", f"<p>{STORY}</p>",
                "<h3>How was this week's Gazette?</h3>",
                "<p><a href='https://x.example/p1'>Loved it</a> · <a href='https://x.example/p2'>Meh</a></p>",
                "<h2>Write to us</h2>",
                "<p>Send us tips, leads and corrections: desk@gazette.example. We read everything.</p>",
                "<p><a href='https://ghost.example'>Powered by Quillpress</a></p>")
    assert _titles(raw) == ["Buses get a night network"]


def test_this_weeks_poll_is_a_house_section_and_its_question_no_item():
    raw = _html("<h2>Buses get a night network</h2>", f"<p>{STORY}</p>",
                "<p><b>This Week's Poll:</b></p>", "<p><b>Do you ride the night bus?</b></p>",
                "<p><a href='https://x.example/p?c=1'>Often · Sometimes · Never</a></p>",
                "<h2>Ferries switch to batteries</h2>", f"<p>{STORY}</p>")
    assert _titles(raw) == ["Buses get a night network", "Ferries switch to batteries"]


def test_an_open_an_account_button_under_a_sponsor_is_no_item():
    raw = _html("<h6>PRESENTED BY HARBORSAVE</h6>", "<h2>Your emergency fund could earn more</h2>",
                f"<p>{STORY}</p>", "<p><b><a href='https://x.example/open'>Open an account in 3 minutes</a></b></p>",
                "<h3>ELSEWHERE</h3>", "<h2>Ferries switch to batteries</h2>", f"<p>{STORY}</p>")
    letter = split_newsletter(raw)
    assert [(i.title, i.sponsored) for i in letter.items] == [
        ("Your emergency fund could earn more", True), ("Ferries switch to batteries", False)]


def test_a_text_parts_footnote_and_learn_more_lines_are_text():
    # a text part as Substack writes it: one line per block, no blank lines, '[ url ]' after each anchor
    stories = ["Buses get a night network", "Ferries switch to batteries", "Trams learn to wait for late riders"]
    raw = "\n".join(["Transit Notes", *(f"{title} [ https://x.example/{n} ]\n{STORY}" for n, title in enumerate(stories)),
                     "* Counted by unique opens.",
                     "** Catch up on issue #88 [ https://x.example/88 ].",
                     "Want a new job? Our six-week course covers portfolios and interviews. Learn more "
                     "[ https://x.example/c ].", "See you next week!"])
    assert _titles(raw, "text") == stories


def test_a_list_of_linked_headlines_counts_when_an_emails_parts_are_weighed():
    linked = [NewsletterItem(title=f"Story {n} about the night buses", content="", url=f"https://x.example/{n}")
              for n in range(6)]
    assert score(linked) == 6
    html = _html("<h2>Buses get a night network</h2>", f"<p>{STORY}</p>", "<h2>Elsewhere</h2>", "<ul>",
                 *(f"<li><a href='https://x.example/{n}'>Story {n}: the city tries something new with its "
                   f"ferries</a></li>" for n in range(8)), "</ul>")
    text = "\n".join(["Buses get a night network", "", STORY, "",
                      *(f"Story {n}: the city tries something new with its ferries\n{STORY}\n" for n in range(2))])
    msg = EmailMessage(policy=policy.SMTP)
    msg["From"], msg["Subject"], msg["Date"] = "The Gazette <desk@gazette.example>", "Night buses", \
        "Mon, 01 Jun 2026 07:00:00 +0000"
    msg.set_content(text)
    msg.add_alternative(html, subtype="html")
    assert len(split_newsletter(msg.as_bytes()).items) == 9  # the HTML part: its list of links is read


def test_a_digests_only_h1_over_its_subtitle_is_its_title_and_a_letters_h1_is_its_column():
    stories = "".join(f"<h2>{title}</h2><p>{STORY}</p>" for title in (
        "Buses get a night network", "Ferries switch to batteries", "Trams learn to wait for late riders"))
    digest = _html("<h1>Issue 41: The Night Shift Comes to Transit</h1>",
                   "<p>why cities now run buses around the clock, plus three stories from the depots and docks</p>",
                   "<p><b>Coming up this week:</b></p>", stories)
    assert _titles(digest) == ["Buses get a night network", "Ferries switch to batteries",
                               "Trams learn to wait for late riders"]
    letter = _html("<h1>Why the night bus is the city's best bet</h1>", "<p>By Ana Ruiz • Jun 1, 2026</p>",
                   f"<p>{STORY}</p>", f"<p>{STORY}</p>", stories)
    assert _titles(letter)[0] == "Why the night bus is the city's best bet"
