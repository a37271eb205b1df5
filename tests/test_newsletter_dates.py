"""Dates as mail headers, mail clients, newsletters and feeds really write them -> ISO 8601.

Each row is a shape seen in the wild: the Date header (RFC 2822, with and without seconds, zone
names and comments), forwarded-message blocks of Gmail, Outlook and Apple Mail, newsletter mastheads,
RSS pubDate (RFC 822) and Atom updated (RFC 3339).
"""

import pytest

from newsletters import normalise_date, split_newsletter

TABLE = [
    # RFC 2822 Date headers
    ("Wed, 11 Jun 2025 13:40:02 +0000", "2025-06-11T13:40:02+00:00"),
    ("Wed, 11 Jun 2025 13:40 +0200", "2025-06-11T13:40:00+02:00"),
    ("11 Jun 2025 13:40:02 -0700", "2025-06-11T13:40:02-07:00"),
    ("Wed, 11 Jun 2025 13:40:02 +0000 (UTC)", "2025-06-11T13:40:02+00:00"),
    ("Mon, 9 Mar 2026 06:02:00 -0800 (PST)", "2026-03-09T06:02:00-08:00"),
    ("Wed, 11 Jun 2025 09:40:02 EDT", "2025-06-11T09:40:02-04:00"),
    ("Wed, 11 Jun 2025 13:40:02 -0000", "2025-06-11T13:40:02"),  # -0000: the zone is unknown (RFC 2822 3.3)
    ("Wed, 11 Jun 2025", "2025-06-11"),  # without a time
    ("11 Jun 2025", "2025-06-11"),
    # RSS pubDate (RFC 822, two-digit years and zone names allowed)
    ("Tue, 17 Mar 2026 06:02:11 GMT", "2026-03-17T06:02:11+00:00"),
    ("Tue, 17 Mar 26 06:02:11 GMT", "2026-03-17T06:02:11+00:00"),
    # ISO 8601 and Atom's RFC 3339
    ("2025-06-11", "2025-06-11"),
    ("2025-06-11T13:40:02Z", "2025-06-11T13:40:02+00:00"),
    ("2026-03-17T06:02:11.123+05:30", "2026-03-17T06:02:11.123000+05:30"),
    ("2025-06-11 13:40", "2025-06-11T13:40:00"),
    # Mail clients' forwarded-message blocks
    ("Sent: Tuesday, March 17, 2026 6:02 AM", "2026-03-17T06:02:00"),  # Outlook (en-US)
    ("Sent: Tuesday, March 17, 2026 6:02 PM", "2026-03-17T18:02:00"),
    ("Sent: 17 March 2026 06:02", "2026-03-17T06:02:00"),  # Outlook (en-GB)
    ("Date: 17 March 2026 at 06:02:11 GMT", "2026-03-17T06:02:11+00:00"),  # Apple Mail
    ("Date: Tue, Mar 17, 2026 at 6:02 AM", "2026-03-17T06:02:00"),  # Gmail's forward block
    ("Jun 11, 2025 at 6:02 AM", "2025-06-11T06:02:00"),
    # Newsletter mastheads and web pages
    ("June 11th, 2025", "2025-06-11"),
    ("June 11, 2025", "2025-06-11"),
    ("Wednesday, June 11, 2025", "2025-06-11"),
    ("11 June 2025", "2025-06-11"),
    ("Jun 11 2025 6:02AM AEST", "2025-06-11T06:02:00+10:00"),
    ("2025/06/11", "2025-06-11"),  # year first: never read as 2025-11-06
    # All-numeric day and month: the cues of newsletters/dates.py
    ("11/06/2025", "2025-11-06"),  # no cue: month-first (US), the documented default
    ("17/03/2026", "2026-03-17"),  # 17 cannot be a month
    ("3/17/2026 6:02:00 AM", "2026-03-17T06:02:00"),  # US Outlook's short form
    ("11/06/2025 6:02 PM", "2025-11-06T18:02:00"),  # AM/PM: month-first
    ("11/06/2025 14:30", "2025-06-11T14:30:00"),  # a 24-hour clock: day-first
    ("11.06.2025", "2025-06-11"),  # dots: day-first
    ("Envoyé : 11/06/2025 14:30", "2025-06-11T14:30:00"),  # a French label: day-first
    ("Gesendet: 11/06/2025", "2025-06-11"),  # a German label: day-first
    # Not a whole date: kept as written
    ("June 2025", "June 2025"),
    ("yesterday", "yesterday"),
    ("Issue 11", "Issue 11"),
    ("Gesendet: Dienstag, 17. März 2026 06:02", "2026-03-17T06:02:00"),  # German month names (see EUROPEAN)
    # Samsung Email's forward: day first, the zone in brackets
    ("15/06/2026 19:04 (GMT+02:00)", "2026-06-15T19:04:00+02:00"),
    ("Date: 15/06/2026 08:15 ( UTC-05:30 )", "2026-06-15T08:15:00-05:30"),
]


@pytest.mark.parametrize(("written", "iso"), TABLE)
def test_date_shapes(written, iso):
    assert normalise_date(written) == iso


def test_the_table_covers_at_least_25_readable_shapes():
    assert sum(written != iso for written, iso in TABLE) >= 25


def test_a_caller_that_knows_the_locale_decides_day_or_month():
    assert normalise_date("11/06/2025", day_first=True) == "2025-06-11"
    assert normalise_date("11/06/2025 14:30", day_first=False) == "2025-11-06T14:30:00"
    assert normalise_date("2025/06/11", day_first=True) == "2025-06-11"


def test_a_long_or_odd_value_is_kept_and_never_raises():
    for value in ("x" * 5000, "99/99/9999", "Wed, 45 Foo 2025 99:99:99 +9999", "0/0/0", "1" * 300, "\x00\u200b"):
        assert isinstance(normalise_date(value), str)


def test_the_splitter_normalises_the_dates_it_finds():
    letter = split_newsletter("Subject: AI Weekly\nDate: June 11th, 2025\n\n## Open agents catch up\n\n"
                              "Two labs released agents this week.\n\n## Chips get cheaper\n\nPrices fell again.\n")
    assert letter.date == "2025-06-11"


# French, German and Spanish, as newsletters and those languages' mail clients write them (dateutil's
# parserinfo taught the month names: newsletters.dates.FOREIGN_MONTHS).
EUROPEAN = [
    ("6 décembre 2026", "2026-12-06"), ("6 decembre 2026", "2026-12-06"), ("1er janvier 2027", "2027-01-01"),
    ("Envoyé : dimanche 6 décembre 2026 09:30", "2026-12-06T09:30:00"),  # Outlook (fr-FR)
    ("Date: dim. 6 déc. 2026 à 09:30", "2026-12-06T09:30:00"),  # Gmail's forward block (fr)
    ("mar. 8 déc. 2026", "2026-12-08"),  # 'mar.' is Tuesday here, not March
    ("6. Dezember 2026", "2026-12-06"), ("3. März 2026 14:05 Uhr", "2026-03-03T14:05:00"),
    ("Gesendet: Sonntag, 6. Dezember 2026 09:30", "2026-12-06T09:30:00"),  # Outlook (de-DE)
    ("Datum: So., 6. Dez. 2026 um 09:30", "2026-12-06T09:30:00"),  # Gmail (de)
    ("6 de diciembre de 2026", "2026-12-06"), ("martes, 8 de diciembre de 2026", "2026-12-08"),
    ("Enviado el: domingo, 6 de diciembre de 2026 9:30", "2026-12-06T09:30:00"),  # Outlook (es-ES)
    ("Date: dom, 6 dic 2026 a las 9:30", "2026-12-06T09:30:00"),  # Gmail (es)
    ("lunes 7 de diciembre de 2026 10:00 CET", "2026-12-07T10:00:00+01:00"),
    ("2 juin 2026 à 8h30", "2026-06-02T08:30:00"), ("6 mayo 2026", "2026-05-06"), ("15 août 2026", "2026-08-15"),
]


@pytest.mark.parametrize("value, iso", EUROPEAN)
def test_french_german_and_spanish_dates(value, iso):
    assert normalise_date(value) == iso


@pytest.mark.parametrize("value", ["Mai 2026", "décembre", "6 de diciembre", "le 6 du mois prochain"])
def test_a_european_date_without_its_day_month_or_year_is_kept_as_written(value):
    assert normalise_date(value) == value


@pytest.mark.parametrize("line, name", [("La Lettre IA — 6 décembre 2026", "La Lettre IA"),
                                        ("KI-Briefing 6. Dezember 2026", "KI-Briefing"),
                                        ("Boletín IA · 6 de diciembre de 2026", "Boletín IA")])
def test_a_european_masthead_gives_the_newsletters_name_and_date(line, name):
    body = "\n\n".join([line, "**Des robots au port de Rotterdam**",
                        "Le port a ouvert un terminal automatisé qui fonctionne toute la nuit, sans équipe de quai.",
                        "**Un modèle ouvert de plus**", "Un laboratoire publie un modèle de 12 milliards de paramètres "
                        "sous licence libre, avec ses données d'entraînement."])
    letter = split_newsletter(body, "markdown")
    assert (letter.source, letter.date) == (name, "2026-12-06")


# The tenth blind set's languages and shapes: Chinese as QQ Mail writes a forward's date (the part of the day a word
# before a 12-hour time), Brazilian Portuguese (Ghost's byline, a table's day-first 'Data'), Czech (Seznam's numeric
# date, month names in the genitive), an org-mode timestamp.
TENTH = [
    ("2026年6月19日(星期五) 上午8:30", "2026-06-19T08:30:00"), ("2026年6月19日(星期五) 下午3:05", "2026-06-19T15:05:00"),
    ("2026年6月19日(周五) 中午11:18", "2026-06-19T11:18:00"), ("2026年6月19日(周五) 中午1:05", "2026-06-19T13:05:00"),
    ("2026年6月19日（星期五） 晚上10:25", "2026-06-19T22:25:00"), ("2026年6月20日(星期六) 凌晨0:40", "2026-06-20T00:40:00"),
    ("19 jun 2026", "2026-06-19"), ("sexta-feira, 10 de julho de 2026", "2026-07-10"), ("Data: 10/07/2026 08:00", "2026-07-10T08:00:00"),
    ("Datum: 19. 6. 2026 16:31:07", "2026-06-19T16:31:07"), ("19. června 2026", "2026-06-19"),
    ("pátek 19. června 2026 16:31", "2026-06-19T16:31:00"), ("čt 2. července 2026 9:05", "2026-07-02T09:05:00"),
    ("Odesláno: úterý 1. prosince 2026 8:00", "2026-12-01T08:00:00"),
    ("[2026-07-10 Fri 14:30]", "2026-07-10T14:30:00"), ("<2026-07-10 Fri>", "2026-07-10"),
]


@pytest.mark.parametrize("value, iso", TENTH)
def test_chinese_portuguese_and_czech_dates_and_org_timestamps(value, iso):
    assert normalise_date(value) == iso


# The eleventh blind set's: Dutch and Russian as Gmail on the web writes a forward's date and as people write them,
# Zimbra's French, Notes' numeric US date, a Readwise 'Received' date, and the machine timestamps of note-taking tools'
# exports (a TiddlyWiki tiddler's, Unix milliseconds as Dendron writes them), each read in UTC.
ELEVENTH = [
    ("vr 19 jun 2026 om 07:00", "2026-06-19T07:00:00"), ("zo 6 sep. 2026 om 09:14", "2026-09-06T09:14:00"),
    ("vrijdag 10 juli 2026", "2026-07-10"), ("Datum: 10-7-2026", "2026-07-10"), ("woensdag 1 mrt. 2026", "2026-03-01"),
    ("Чт, 18 июня 2026 г. в 10:00", "2026-06-18T10:00:00"), ("чт, 18 июн. 2026 г. в 10:00", "2026-06-18T10:00:00"),
    ("9 июля 2026 г., 10:00", "2026-07-09T10:00:00"), ("Вт, 3 нояб. 2026 г. в 18:30", "2026-11-03T18:30:00"),
    ("Дата: 18.06.2026, 10:00", "2026-06-18T10:00:00"),
    ("Mercredi 17 Juin 2026 16:02:11", "2026-06-17T16:02:11"), ("06/16/2026 08:31 AM", "2026-06-16T08:31:00"),
    ("July 9th, 2026 at 1:15 PM", "2026-07-09T13:15:00"),
    ("20260708180412000", "2026-07-08T18:04:12+00:00"), ("20260708180412", "2026-07-08T18:04:12+00:00"),
    ("1783670400000", "2026-07-10T08:00:00+00:00"), ("1783670400", "2026-07-10T08:00:00+00:00"),
]


@pytest.mark.parametrize("value, iso", ELEVENTH)
def test_dutch_and_russian_dates_and_machine_timestamps(value, iso):
    assert normalise_date(value) == iso


@pytest.mark.parametrize("value", ["12345", "20261399180412000", "99999999999999", "0000000000"])
def test_numbers_that_are_no_timestamp_are_kept_as_written(value):
    assert normalise_date(value) == value


# The twelfth blind set's: SquirrelMail's long date, Japanese Outlook's, iOS Mail's Spanish, Horde's (the header as
# written), a OneNote page's, Gmail's print view, a German weekday abbreviated, and MarkDownload's 'created' (the offset
# in brackets a space away: read as that offset, and the day as the year-first date says, not day first).
TWELFTH = [
    ("Mon, June 15, 2026 9:04 am", "2026-06-15T09:04:00"), ("2026年6月16日 22:58", "2026-06-16T22:58:00"),
    ("20 de junio de 2026, 13:00:38 CEST", "2026-06-20T13:00:38+02:00"),
    ("Tuesday, July 7, 2026 10:02 AM", "2026-07-07T10:02:00"), ("Sat, Jul 11, 2026 at 7:02 AM", "2026-07-11T07:02:00"),
    ("Do., 9. Juli 2026 06:00", "2026-07-09T06:00:00"),
    ("2026-07-10T19:42:17 (UTC +01:00)", "2026-07-10T19:42:17+01:00"),
    ("2026-07-03T19:42:17 (UTC -05:00)", "2026-07-03T19:42:17-05:00"), ("2026-07-03 10:00 +02:00", "2026-07-03T10:00:00+02:00"),
    ("2026/07/03T10:00", "2026-07-03T10:00:00"),
]


@pytest.mark.parametrize("value, iso", TWELFTH)
def test_the_twelfth_sets_dates(value, iso):
    assert normalise_date(value) == iso


# The thirteenth blind set's: Swedish Outlook's 'den 11 juli 2026 08:03' (a weekday in front in some versions,
# 'augusti' the one Swedish month name no other language shares), French Apple Mail's, Italian Thunderbird's (the
# header as written), a mail app's received line with a middle dot between the date and the time, a GitHub issue
# form's '2026-07-05 08:01 (UTC+2)', a Drafts note's ISO 'created', a Zettelkasten ID's twelve digits.
THIRTEENTH = [
    ("den 11 juli 2026 08:03", "2026-07-11T08:03:00"), ("lördag den 11 juli 2026 08:03", "2026-07-11T08:03:00"),
    ("måndag den 3 augusti 2026 17:45", "2026-08-03T17:45:00"), ("Skickat: den 3 augusti 2026 17:45", "2026-08-03T17:45:00"),
    ("8 juillet 2026 à 12:55:09 UTC+2", "2026-07-08T12:55:09+02:00"),
    ("Tue, 16 Jun 2026 21:04:10 +0000", "2026-06-16T21:04:10+00:00"),
    ("Thursday, July 9, 2026 · 6:31 PM EDT", "2026-07-09T18:31:00-04:00"), ("July 9, 2026 • 18:31", "2026-07-09T18:31:00"),
    ("2026-07-05 08:01 (UTC+2)", "2026-07-05T08:01:00+02:00"), ("2026-06-20T08:14:37+02:00", "2026-06-20T08:14:37+02:00"),
]


@pytest.mark.parametrize("value, iso", THIRTEENTH)
def test_the_thirteenth_sets_dates(value, iso):
    assert normalise_date(value) == iso


# The fourteenth blind set's: Yahoo Mail in Turkish writes the weekday after the year ('14 Haziran 2026 Pazar 21:03',
# seconds and 'GMT+3' in some versions; the month names without the Turkish letters as people type them); Danish
# Outlook's and Gmail's ('onsdag den 17. juni 2026 06:30', 'ons. 17. jun. 2026 kl. 06:30', 'marts' the one Danish month
# name no other language shares); Spanish Apple Mail's ('8 de julio de 2026, 12:02:51 CEST').
FOURTEENTH = [
    ("14 Haziran 2026 Pazar 21:03", "2026-06-14T21:03:00"), ("2 Kasım 2026 Pazartesi 09:26:50 GMT+3", "2026-11-02T09:26:50+03:00"),
    ("Gönderilen: 3 Ağustos 2026 Pazartesi 10:12", "2026-08-03T10:12:00"), ("3 Agustos 2026 Pazartesi 10:12", "2026-08-03T10:12:00"),
    ("31 Aralık 2026 Perşembe 23:59", "2026-12-31T23:59:00"), ("1 Mart 2026 Pazar 09:00", "2026-03-01T09:00:00"),
    ("onsdag den 17. juni 2026 06:30", "2026-06-17T06:30:00"), ("ons. 17. jun. 2026 kl. 06:30", "2026-06-17T06:30:00"),
    ("Sendt: 2. marts 2026 10:12", "2026-03-02T10:12:00"), ("lørdag den 11. juli 2026 kl. 08:03", "2026-07-11T08:03:00"),
    ("8 de julio de 2026, 12:02:51 CEST", "2026-07-08T12:02:51+02:00"),
]


@pytest.mark.parametrize("value, iso", FOURTEENTH)
def test_the_fourteenth_sets_dates(value, iso):
    assert normalise_date(value) == iso


# The fifteenth blind set's: Gmail on the web in Swedish abbreviates the weekday ('tors 18 juni 2026 kl 07:00': mån, tis,
# ons, tors, fre, lör, sön; the month 'aug.', 'okt.' ...); Czech Apple Mail's ('16. června 2026 18:30:07 GMT+2') and the
# new Outlook for Windows in Turkish ('Pazar, 14 Haziran 2026 20:03', the weekday in front with a comma) were read already.
FIFTEENTH = [
    ("tors 18 juni 2026 kl 07:00", "2026-06-18T07:00:00"), ("mån 3 aug. 2026 kl 10:12", "2026-08-03T10:12:00"),
    ("tis 23 juni 2026 kl 10:12", "2026-06-23T10:12:00"), ("lör 4 juli 2026 kl 08:00", "2026-07-04T08:00:00"),
    ("sön 5 juli 2026 kl 08:00", "2026-07-05T08:00:00"), ("Date: tors 18 juni 2026 kl 07:00", "2026-06-18T07:00:00"),
    ("ons 27 okt. 2021 kl 09:31", "2021-10-27T09:31:00"),
    ("16. června 2026 18:30:07 GMT+2", "2026-06-16T18:30:07+02:00"), ("Datum: 26. října 2021 14:25:08 GMT+3", "2021-10-26T14:25:08+03:00"),
    ("Pazar, 14 Haziran 2026 20:03", "2026-06-14T20:03:00"), ("Tarih: Perşembe, 28 Ekim 2021 12:46", "2021-10-28T12:46:00"),
]


@pytest.mark.parametrize("value, iso", FIFTEENTH)
def test_the_fifteenth_sets_dates(value, iso):
    assert normalise_date(value) == iso


# The sixteenth blind set's: Gmail on the web in Finnish ('ti 30. kesäk. 2026 klo 18.30': the weekday abbreviated in front,
# the month abbreviated with a dot, 'klo' and the time written with a dot), Zim's Finnish 'Created' line ('tiistai 14
# heinäkuu 2026', the month in the nominative), Apple Mail in Hungarian ('2026. június 19. 13:04:27 CEST', the year first)
# and Gmail in Hungarian ('2021. okt. 27., Sze, 9:31', the weekday abbreviated after the date); Thunderbird in Polish
# writes the original's Date header as it stands.
SIXTEENTH = [
    ("ti 30. kesäk. 2026 klo 18.30", "2026-06-30T18:30:00"), ("ke 27. lokak. 2021 klo 9.31", "2021-10-27T09:31:00"),
    ("Date: pe 3. heinäk. 2026 klo 07.05", "2026-07-03T07:05:00"), ("su 12. heinäk. 2026 klo 12.00", "2026-07-12T12:00:00"),
    ("to 1. tammik. 2026 klo 0.15", "2026-01-01T00:15:00"), ("30. kesäkuuta 2026 klo 18.30", "2026-06-30T18:30:00"),
    ("tiistai 14 heinäkuu 2026", "2026-07-14"), ("keskiviikko 9. joulukuuta 2026", "2026-12-09"),
    ("2026. június 19. 13:04:27 CEST", "2026-06-19T13:04:27+02:00"),
    ("Dátum: 2021. október 26. 14:25:08 EEST", "2021-10-26T14:25:08+03:00"),
    ("2026. július 3. 8:02:41 CEST", "2026-07-03T08:02:41+02:00"), ("2021. okt. 27., Sze, 9:31", "2021-10-27T09:31:00"),
    ("2026. febr. 5., Cs, 18:00", "2026-02-05T18:00:00"),
]


@pytest.mark.parametrize("value, iso", SIXTEENTH)
def test_the_sixteenth_sets_dates(value, iso):
    assert normalise_date(value) == iso
