"""Labels first met in the eleventh blind set's layouts, each on inputs written here in html and Markdown:
sponsor labels in the corpus's other languages (and Russia's legal 'Реклама ... erid' line), a bare label
that closes the ad above it, a sponsor's heading label whose block ends at the next heading of its rank,
Russian and Dutch footers, listings of events and the community's calls as house sections, an issue's
numbered title, a rating poll named after the post."""

import re

import pytest

from newsletters import split_newsletter

STORY = ("A regional bank rolled out a voice assistant that disputes wrong card charges on the customer's behalf, "
         "and says it settled a third of the cases without a human.")
AD = "Invoices, taxes and reminders in one place. The first three months are free for new customers."


def _key(title: str) -> str:
    return re.sub(r"\W", "", title.casefold())


def _flags(letter) -> list[tuple[str, bool]]:
    return [(_key(item.title), item.sponsored) for item in letter.items]


def _letter(label: str, form: str) -> str:
    """A story, a sponsor's label line over its bold headline and copy, then another story."""
    if form == "html":
        return (f"<html><body><h2>Banks teach bots to argue</h2><p>{STORY}</p><p>{label}</p>"
                f"<p><b><a href='https://ledgerly.example.com/r'>Online bookkeeping for sole traders</a></b></p><p>{AD}</p>"
                f"<h2>Returns are counted a new way</h2><p>{STORY.replace('bank', 'marketplace')}</p></body></html>")
    return (f"## Banks teach bots to argue\n\n{STORY}\n\n{label}\n\n"
            f"**[Online bookkeeping for sole traders](https://ledgerly.example.com/r)**\n\n{AD}\n\n"
            f"## Returns are counted a new way\n\n{STORY.replace('bank', 'marketplace')}\n")


EXPECTED = [("banksteachbotstoargue", False), ("onlinebookkeepingforsoletraders", True),
            ("returnsarecountedanewway", False)]


@pytest.mark.parametrize("form", ["html", "markdown"])
@pytest.mark.parametrize("label", ["Anzeige", "WERBUNG", "Publicité", "Patrocinado", "Publicidade", "Sponsorizzato",
                                   "Gesponsord", "Реклама", "광고", "广告", "Präsentiert von Ledgerly",
                                   "En partenariat avec Ledgerly", "In samenwerking met Ledgerly", "При поддержке Ledgerly"])
def test_a_sponsor_label_in_another_language_flags_the_item_under_it(label, form):
    letter = split_newsletter(_letter(label, form))
    assert _flags(letter) == EXPECTED, letter.reason


@pytest.mark.parametrize("form", ["html", "markdown"])
@pytest.mark.parametrize("label", ["Sponsored Link", "SPONSORED LINKS", "Classifieds", "#Classifieds", "Paid listing",
                                   "Product [sponsored]", "Supported by Ledgerly",
                                   "Na początek pora na sponsora 👇", "Today's sponsor ⬇️"])
def test_more_ways_of_saying_sponsored_flag_the_item_under_them(label, form):
    """Labels met in the corpus's layouts after the eleventh set: a shaded 'Sponsored Link' box, a classifieds
    section (paid listings by definition), a kicker tagged '[sponsored]', 'Supported by <name>', a line pointing
    down at the sponsor."""
    letter = split_newsletter(_letter(label, form))
    assert _flags(letter) == EXPECTED, letter.reason


@pytest.mark.parametrize("form", ["html", "markdown"])
@pytest.mark.parametrize("line", ["Supported by readers like you", "Want to become a sponsor? 👇",
                                  "Interested in sponsoring? Reply to this email 👇", "Research (paper)"])
def test_lines_that_only_look_like_those_labels_flag_nothing(line, form):
    letter = split_newsletter(_letter(line, form))
    assert [flag for _, flag in _flags(letter)] == [False] * len(letter.items), letter.reason


@pytest.mark.parametrize("form", ["html", "markdown"])
def test_russias_legal_ad_line_flags_the_ad_it_closes(form):
    """'Реклама. ООО «...». erid: ...' under an ad's copy (no label above it): the law's credit line, which flags
    the item it stands in and not the next."""
    erid = "Реклама. ООО «Леджерли». erid: 2SDnjeQw7Zx"
    raw = _letter("", form).replace(AD, AD + ("</p><p>" if form == "html" else "\n\n") + erid)
    raw = raw.replace("<p></p>", "").replace("<p><b><a", "<h2><a").replace("</a></b></p>", "</a></h2>") if form == "html" \
        else raw.replace("**[Online", "## [Online").replace("r)**", "r)")
    letter = split_newsletter(raw)
    assert _flags(letter) == EXPECTED, letter.reason


AD_FR = ("Vos réunions résumées en français", "Compte-Rendu transcrit vos visios et envoie le résumé aux participants. "
                                             "Essai gratuit de 30 jours pour les lecteurs.")
UNE = ("J’ai confié ma semaine à trois agents IA", "Sur la préparation d’atelier, l’agent a produit un déroulé correct en "
                                                  "dix minutes, mais a inventé deux études de cas.")


@pytest.mark.parametrize("form", ["html", "markdown"])
def test_a_bare_label_under_an_ad_closes_it_and_flags_no_section_below(form):
    """'PUBLICITÉ' under the ad's copy, then the next section's bold h2 over its first h3 story (beehiiv): the label
    is the ad's, the section's header is no item, and its story is no sponsor's."""
    intro = ("Cette semaine, trois assistants ont préparé mes ateliers à ma place, avec des résultats mitigés que je te "
             "raconte plus bas. Tu peux aussi me soutenir en cliquant sur la pub ci-dessous.")
    if form == "html":
        raw = (f"<html><body><h2><b>Édito</b></h2><p>{intro}</p><p>Bonne lecture !</p>"
               f"<p><a href='https://compte-rendu.example.fr/r'><b>{AD_FR[0]}</b></a></p><p>{AD_FR[1]}</p>"
               f"<p>PUBLICITÉ</p><h2><b>À la Une</b></h2><h3><b>{UNE[0]}</b></h3><p>{UNE[1]}</p></body></html>")
    else:
        raw = (f"## **Édito**\n\n{intro}\n\nBonne lecture !\n\n[**{AD_FR[0]}**](https://compte-rendu.example.fr/r)\n\n"
               f"{AD_FR[1]}\n\nPUBLICITÉ\n\n## **À la Une**\n\n### **{UNE[0]}**\n\n{UNE[1]}\n")
    letter = split_newsletter(raw)
    flags = dict(_flags(letter))
    assert flags.get(_key(AD_FR[0])) is True, letter.reason
    assert flags.get(_key(UNE[0])) is False, letter.reason
    assert _key("À la Une") not in flags


ESSAY = [("What a formula admits", "Every formula is a small confession: it tells you where a number came from and "
                                   "what it depends on, which is more than most dashboards will say."),
         ("The interface we keep reinventing", "Eleven AI products in my own workflow have, somewhere in their "
                                               "roadmap, a panel that shows the intermediate steps of a calculation.")]


@pytest.mark.parametrize("form", ["html", "markdown"])
def test_a_sponsor_blocks_heading_label_ends_at_the_next_heading_of_its_rank(form):
    """'Sponsored By: Northlake' as an h3 over the sponsor's bold headline: the h2 sections after the ad are no
    sponsor's; the rating poll after the essay ('What did you think of this post?') is no item."""
    sponsor = ("Stop rebuilding the same dashboard every quarter", "Northlake turns the questions your team asks every "
                                                                   "week into reports that update themselves.")
    if form == "html":
        raw = (f"<html><body><h3>Sponsored By: Northlake</h3><p><b>{sponsor[0]}</b></p><p>{sponsor[1]}</p>"
               + "".join(f"<h2>{h}</h2><p>{t}</p>" for h, t in ESSAY)
               + "<p><b>What did you think of this post?</b></p><p><a href='https://x.example.to/r?1'>Amazing</a> · "
                 "<a href='https://x.example.to/r?2'>Good</a> · <a href='https://x.example.to/r?3'>Meh</a></p></body></html>")
    else:
        raw = (f"### Sponsored By: Northlake\n\n**{sponsor[0]}**\n\n{sponsor[1]}\n\n"
               + "".join(f"## {h}\n\n{t}\n\n" for h, t in ESSAY)
               + "**What did you think of this post?**\n\n[Amazing](https://x.example.to/r?1) · "
                 "[Good](https://x.example.to/r?2) · [Meh](https://x.example.to/r?3)\n")
    letter = split_newsletter(raw)
    assert _flags(letter) == [(_key(sponsor[0]), True)] + [(_key(h), False) for h, _ in ESSAY], letter.reason


FOOTERS = {"ru": ["Читать выпуск на сайте: https://example.ru/digest/40",
                  "Вы получили это письмо, потому что подписаны на рассылку.", "Отписаться: https://example.ru/off"],
           "nl": ["Doorgestuurd gekregen? Meld je hier aan: https://example.nl/aanmelden",
                  "Bekijk deze e-mail in je browser", "Afmelden: https://example.nl/afmelden"]}


@pytest.mark.parametrize("language", sorted(FOOTERS))
def test_russian_and_dutch_footers_are_no_items(language):
    stories = [("Налоговая запустит чат-бота для самозанятых" if language == "ru" else "De telefoon die 's nachts warm wordt",
                STORY), ("Доставка дронами выходит за пределы эксперимента" if language == "ru" else "Onze lijst met zomerboeken",
                         STORY.replace("bank", "courier"))]
    raw = "\n\n".join(f"## {title}\n\n{text}" for title, text in stories) + "\n\n" + "\n\n".join(FOOTERS[language]) + "\n"
    letter = split_newsletter(raw)
    assert [_key(item.title) for item in letter.items] == [_key(title) for title, _ in stories], letter.reason
    assert not any("https://example" in item.content.split("\n\n")[-1] and len(item.content) < 80 for item in letter.items)


@pytest.mark.parametrize("form", ["html", "markdown"])
def test_events_and_the_communitys_calls_are_house_sections(form):
    """A digest's 'Upcoming Events' (dated meetups) and 'Call for Participation' (the community's asks) are no news;
    a linked headline that is a call ('Call for proposals: the 2026 maintainers' summit agenda') is."""
    news = [("Call for proposals: the 2026 maintainers' summit agenda", "https://example.org/blog/summit-cfp"),
            ("Harbor 0.9: a build cache that finally understands workspaces", "https://example.org/harbor-09")]
    events = [("2026-06-18 | Virtual | Rust Hungary: monthly online meetup", "https://example.org/e/1"),
              ("2026-06-23 | Oslo, NO | Rust Oslo: summer lightning talks", "https://example.org/e/2")]
    call = ("Call for Participation; projects and speakers", "Always wanted to contribute to open source? These "
                                                             "projects are looking for help this week.")
    if form == "html":
        raw = ("<html><body><h2>Updates from the community</h2><ul>"
               + "".join(f"<li><a href='{u}'>{t}</a></li>" for t, u in news) + "</ul>"
               + f"<h2>{call[0]}</h2><p>{call[1]}</p><h2>Upcoming Events</h2><ul>"
               + "".join(f"<li><a href='{u}'>{t}</a></li>" for t, u in events) + "</ul></body></html>")
    else:
        raw = ("## Updates from the community\n\n" + "\n".join(f"* [{t}]({u})" for t, u in news)
               + f"\n\n## {call[0]}\n\n{call[1]}\n\n## Upcoming Events\n\n" + "\n".join(f"* [{t}]({u})" for t, u in events)
               + "\n")
    letter = split_newsletter(raw)
    assert [_key(item.title) for item in letter.items] == [_key(t) for t, _ in news], letter.reason


@pytest.mark.parametrize("title", ["Российский IT-дайджест №40", "The Weekly Digest #212", "Tech Notes, Issue 88"])
def test_an_issues_numbered_title_over_its_intro_is_no_item(title):
    raw = (f"<html><body><h1>{title}</h1><p>Banks teach bots to argue, marketplaces recount returns, and school diaries "
           f"move into messengers.</p><p>Want your news in the next issue? Write to the editor's channel.</p>"
           f"<h2>Banks teach bots to argue</h2><p>{STORY}</p><h2>Returns are counted a new way</h2><p>{STORY}</p>"
           "</body></html>")
    letter = split_newsletter(raw)
    assert [_key(item.title) for item in letter.items] == ["banksteachbotstoargue", "returnsarecountedanewway"], letter.reason


HOUSE_PROMOS = ["Advertise on Tidewater?", "Advertise in Tidewater", "Listen to the Tidewater Podcast",
                "This Week on Tidewater Podcast: Will Anyone Trust the Robots?", "Become a sponsor", "Work with us",
                "Thank you for reading and engaging"]


@pytest.mark.parametrize("form", ["html", "markdown"])
@pytest.mark.parametrize("promo", HOUSE_PROMOS)
def test_the_houses_own_ad_sales_and_podcast_promos_are_no_items(promo, form):
    """Big Technology's 'Advertise on Big Technology?', Garbage Day's 'Advertise in Garbage Day', 404 Media's
    'Listen to the 404 Media Podcast': the newsletter selling itself, under a heading of its own between stories.
    A story about a podcast stays an item."""
    pitch = "Reach 90,000 readers who build things. Reply to this email and we'll send you the rates and dates."
    stories = [("Banks teach bots to argue", STORY), ("A music app launches a podcast studio for its artists",
                                                       STORY.replace("bank", "streaming service"))]
    if form == "html":
        raw = (f"<html><body><h2>{stories[0][0]}</h2><p>{stories[0][1]}</p><h2>{promo}</h2><p>{pitch}</p>"
               f"<h2>{stories[1][0]}</h2><p>{stories[1][1]}</p></body></html>")
    else:
        raw = f"## {stories[0][0]}\n\n{stories[0][1]}\n\n## {promo}\n\n{pitch}\n\n## {stories[1][0]}\n\n{stories[1][1]}\n"
    letter = split_newsletter(raw)
    assert [_key(item.title) for item in letter.items] == [_key(title) for title, _ in stories], letter.reason


@pytest.mark.parametrize("form", ["html", "markdown"])
def test_a_read_time_after_a_linked_headlines_summary_marks_the_headline(form):
    """'<a>Title</a> — a one-line summary / Source (14 minute read)' (a reading list on beehiiv): the read time is
    the linked article's; the title is the link's words, never the summary's."""
    entries = [("Why benchmark scores stopped predicting anything", "A researcher argues leaderboards reward the test",
                14), ("The leaderboard economy", "Why rankings pay the ranked", 6),
               ("Small models, big margins", "A startup moved its traffic to a model it tuned", 5)]
    if form == "html":
        raw = "<html><body><h2>Reading list</h2>" + "".join(
            f"<p><a href='https://read.example/{n}'>{t}</a> — {d} / Graphite Notes ({m} minute read)</p><p>{STORY}</p>"
            for n, (t, d, m) in enumerate(entries)) + "</body></html>"
    else:
        raw = "## Reading list\n\n" + "".join(f"[{t}](https://read.example/{n}) — {d} / Graphite Notes ({m} minute read)"
                                              f"\n\n{STORY}\n\n" for n, (t, d, m) in enumerate(entries))
    letter = split_newsletter(raw)
    assert [(item.title, item.read_time) for item in letter.items] == [(t, f"{m} minute read") for t, _, m in entries]


def test_a_bold_sponsor_paragraph_opening_with_a_message_from_is_the_sponsors_item():
    """POLITICO's sponsor paragraphs, all in bold: 'A message from <name>: <headline sentence>. <copy>'; the opener
    and name are its label, the first sentence its headline, the rest its text."""
    raw = (f"<html><body><h2>Banks teach bots to argue</h2><p>{STORY}</p>"
           "<p><b>A message from Ledgerly: Bookkeeping that files itself. Ledgerly reads your receipts and drafts your "
           "tax return. <a href='https://ledgerly.example.com'>Find out how</a></b></p>"
           f"<h2>Returns are counted a new way</h2><p>{STORY.replace('bank', 'marketplace')}</p></body></html>")
    letter = split_newsletter(raw)
    assert _flags(letter) == [("banksteachbotstoargue", False), ("bookkeepingthatfilesitself", True),
                              ("returnsarecountedanewway", False)], letter.reason
    assert letter.items[1].content.startswith("Ledgerly reads your receipts")


@pytest.mark.parametrize("form", ["html", "markdown"])
def test_run_ins_in_capitals_open_stories_and_sentence_case_run_ins_stay_their_text(form):
    """POLITICO's Morning Tech and other Playbook-style letters open each story with a bold run-in in capitals
    ('SOVEREIGN CLOUD SHOWDOWN: EU countries are ...'); 'The numbers:' inside a story is its text, and a short
    credit line under a label in capitals ('THANKS TO: Editor Maren Holt.') is no story."""
    def run_in(lead: str, text: str) -> str:
        return f"<p><b>{lead}</b> {text}</p>" if form == "html" else f"**{lead}** {text}\n\n"
    raw = (run_in("SOVEREIGN CLOUD SHOWDOWN:", STORY) + run_in("The numbers:", AD)
           + ("<p><b>A message from Ledgerly: Bookkeeping that files itself. Ledgerly reads your receipts and drafts "
              "your tax return. <a href='https://ledgerly.example.com'>Find out how</a></b></p>" if form == "html" else
              "**A message from Ledgerly: Bookkeeping that files itself. Ledgerly reads your receipts and drafts your "
              "tax return. [Find out how](https://ledgerly.example.com)**\n\n")
           + run_in("SPECTRUM AUCTION RULES LEAK:", STORY.replace("bank", "regulator"))
           + run_in("THANKS TO:", "Editor Maren Holt."))
    letter = split_newsletter(f"<html><body>{raw}</body></html>" if form == "html" else raw)
    assert _flags(letter) == [("sovereigncloudshowdown", False), ("bookkeepingthatfilesitself", True),
                              ("spectrumauctionrulesleak", False)], letter.reason
    assert "The numbers:" in letter.items[0].content


@pytest.mark.parametrize("form", ["html", "markdown"])
def test_a_linked_headline_with_its_byline_behind_a_dash_is_an_item_titled_by_the_link(form):
    """Fortune's own stories listed as '<a>Inside the race to build ...</a> —By Marisol Reyes', one a paragraph."""
    titles = ["Inside the race to build the first profitable coding company", "The CFOs quietly trimming budgets",
              "Why an industrial giant bet its future on robotics"]
    lines = [f"<a href='https://fortune.example/{n}'>{t}</a> —By Dana Osei" if form == "html"
             else f"[{t}](https://fortune.example/{n}) —By Dana Osei" for n, t in enumerate(titles)]
    raw = (f"<html><body><h2>Banks teach bots to argue</h2><p>{STORY}</p><p><b>FORTUNE ON AI</b></p>"
           + "".join(f"<p>{line}</p>" for line in lines) + "</body></html>") if form == "html" else \
        (f"## Banks teach bots to argue\n\n{STORY}\n\n**FORTUNE ON AI**\n\n" + "\n\n".join(lines) + "\n")
    letter = split_newsletter(raw)
    assert [item.title for item in letter.items] == ["Banks teach bots to argue", *titles], letter.reason


BRIEF_SHAPES = {"bold link over its text": "<p><b><a href='{url}'>{title}</a></b></p><p>{text}</p>",
                # (Fortune's briefs: the linked first sentence, then the rest of the paragraph)
                "linked first sentence": "<p><a href='{url}'>{title}.</a> {text}</p>"}


@pytest.mark.parametrize("shape", sorted(BRIEF_SHAPES))
def test_a_display_ads_label_over_a_section_of_linked_stories_flags_none_of_them(shape):
    """'ADVERTISEMENT' over a display ad (a picture, no text), then 'AI IN THE NEWS' and its linked stories: the
    section's name is no sponsor's headline, and its stories are no ads (nor lost)."""
    briefs = "".join(BRIEF_SHAPES[shape].format(url=f"https://news.example/{n}", title=t, text=STORY) for n, t in enumerate(
        ["Commerce rewrites a chip export rule", "A Paris startup raises money for data centers"]))
    raw = (f"<html><body><h2>Banks teach bots to argue</h2><p>{STORY}</p><p>ADVERTISEMENT</p>"
           f"<p><img src='https://ads.example/banner.png' alt=''></p><p><b>AI IN THE NEWS</b></p>{briefs}</body></html>")
    letter = split_newsletter(raw)
    assert _flags(letter) == [("banksteachbotstoargue", False), ("commercerewritesachipexportrule", False),
                              ("aparisstartupraisesmoneyfordatacenters", False)], letter.reason


def test_a_storys_sources_as_site_names_under_its_text_are_no_headlines():
    """A text part's briefs, each followed by the sites it draws on ('handelsblatt.com, tagesspiegel.de', as
    Tagesspiegel's Morgenlage writes them): a line of site names is a credit, never an item's title."""
    stories = [("Stellwerke", "Die Bahn verschiebt eine Ausschreibung um ein halbes Jahr, wegen Lieferengpässen."),
               ("Batteriewerk", "Der Betreiber eines Batteriezellwerks verhandelt mit zwei Herstellern über einen Einstieg."),
               ("Mindestlohn", "Die Kommission will ihre Empfehlung früher vorlegen als üblich, schon Ende August.")]
    raw = "Morgenlage Wirtschaft\n\n– WIRTSCHAFTSNEWS –\n\n" + "".join(
        f"{name} im Blick: {text} Mehr dazu im Laufe des Tages, heißt es aus Kreisen der Beteiligten.\n{sites}\n\n"
        for (name, text), sites in zip(stories, ["handelsblatt.com, tagesspiegel.de", "faz.net", "rbb24.de, zeit.de, faz.net"]))
    from newsletters.blocks import Block
    from newsletters.rules import credit_line
    assert all(credit_line(Block(text=sites)) for sites in ["handelsblatt.com, tagesspiegel.de", "faz.net", "rbb24.de, zeit.de"])
    assert not credit_line(Block(text="Nordbank launches a payments portal"))
    letter = split_newsletter(raw)
    assert not any(re.fullmatch(r"[\w.-]+\.\w+(?:, [\w.-]+\.\w+)*", item.title) for item in letter.items), \
        [item.title for item in letter.items]


@pytest.mark.parametrize("form", ["html", "markdown"])
def test_a_short_label_before_a_linked_title_is_its_kicker_not_part_of_the_title(form):
    """ChinAI's reading list, '<b>Should-read: <a>A Field Guide to Provincial AI Action Plans</a></b>' over a line
    of text: the title is the link's words. 'Go deeper:' before a link under a story stays that story's text, and
    a sponsor's label before a link still flags the entry."""
    entries = [("Must-read:", "The Overlooked Middle Layer of the Model Supply Chain"),
               ("Should-read:", "A Field Guide to Provincial AI Action Plans"),
               ("Sponsored:", "Train your models on our cluster")]
    def line(label: str, title: str, n: int) -> str:
        return (f"<p><b>{label} <a href='https://read.example/{n}'>{title}</a></b></p><p>{STORY}</p>" if form == "html"
                else f"**{label} [{title}](https://read.example/{n})**\n\n{STORY}\n\n")
    raw = "".join(line(label, title, n) for n, (label, title) in enumerate(entries))
    raw += ("<p><b>Go deeper:</b> <a href='https://read.example/deeper'>How provinces fund compute vouchers</a></p>"
            if form == "html" else "**Go deeper:** [How provinces fund compute vouchers](https://read.example/deeper)\n")
    letter = split_newsletter(f"<html><body>{raw}</body></html>" if form == "html" else raw)
    assert [(item.title, item.sponsored) for item in letter.items] == [
        (entries[0][1], False), (entries[1][1], False), (entries[2][1], True)], letter.reason


@pytest.mark.parametrize("form", ["html", "markdown"])
def test_a_lower_case_lead_in_before_a_linked_title_is_no_part_of_it(form):
    """A reading list relates an entry to the one above it: 'related, <a>The leaderboard economy</a> — why rankings
    pay / Graphite Notes'. The title is the link's words."""
    entries = [("", "Why benchmark scores stopped predicting anything"), ("related, ", "The leaderboard economy"),
               ("see also, ", "Agents are just workflows with extra steps")]
    if form == "html":
        raw = "<html><body>" + "".join(f"<p>{lead}<a href='https://read.example/{n}'>{t}</a> — a note on it / Ada "
                                       f"Whitcombe</p><p>{STORY}</p>" for n, (lead, t) in enumerate(entries)) + "</body></html>"
    else:
        raw = "".join(f"{lead}[{t}](https://read.example/{n}) — a note on it / Ada Whitcombe\n\n{STORY}\n\n"
                      for n, (lead, t) in enumerate(entries))
    letter = split_newsletter(raw)
    assert [item.title for item in letter.items] == [t for _, t in entries], letter.reason


@pytest.mark.parametrize("line", ["Morgenlage Wirtschaft am Donnerstag, 18. Juni 2026",
                                  "Morning Tech on Wednesday, June 17, 2026", "La Matinale du mardi 16 juin 2026"])
def test_a_mastheads_issue_line_of_name_weekday_and_date_is_no_item(line):
    """The issue's line in words under (or as) the masthead: the newsletter's name, the weekday and the date, in
    the corpus's languages. A headline that ends in a date ('Apple unveils ... on Tuesday, June 9, 2026') stays."""
    raw = (f"<html><body><h1>{line}</h1><p>Für Entscheider, jeden Morgen, mit den wichtigsten Nachrichten des Tages.</p>"
           f"<p><b>– WIRTSCHAFTSNEWS –</b></p><p><b>Banks teach bots to argue</b></p>"
           f"<p>{STORY}</p><p><b>Apple unveils a new phone on Tuesday, June 9, 2026</b></p><p>{STORY}</p></body></html>")
    letter = split_newsletter(raw)
    assert [_key(item.title) for item in letter.items] == ["banksteachbotstoargue",
                                                           "appleunveilsanewphoneontuesdayjune92026"], letter.reason
