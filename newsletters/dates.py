"""Dates as mail headers, mail clients, newsletters and feeds write them -> ISO 8601.

Three readers, strictest first:
1. RFC 2822 / RFC 822, the Date header's own shape ('Wed, 11 Jun 2025 13:40:02 +0000', feeds' pubDate),
   with the standard library's email.utils; only on that exact shape, since email.utils reads
   'March 17, 2026 6:02 PM' as 06:02.
2. ISO 8601 / RFC 3339 ('2025-06-11', '2025-06-11T13:40:02Z', Atom's updated) with datetime.fromisoformat.
3. python-dateutil for what people and mail clients write: 'June 11th, 2025', 'Jun 11, 2025 at 6:02 AM',
   Outlook's 'Tuesday, March 17, 2026 6:02 AM', Apple Mail's '17 March 2026 at 06:02:11 GMT', '2025/06/11'.
   Day, month and year must all be written: 'June 2025' is no date (dateutil would fill in today's day).
   Where English finds no date, French, German, Spanish, Dutch, Italian, Portuguese, Russian and Polish month
   names are tried ('6 décembre 2026', '6. Dezember 2026', '6 de diciembre de 2026', '22 april 2026', '22 aprile
   2026', '22 de abril de 2026', '10 июля 2026', 'piątek, 19 czerwca 2026 09:30', Swedish Outlook's 'måndag den 3
   augusti 2026 10:12', Danish 'onsdag den 17. juni 2026 kl. 06:30', Turkish '14 Haziran 2026 Pazar 21:03' as Yahoo
   Mail in Turkish writes it, the weekday after the year, and 'Pazar, 14 Haziran 2026 20:03' as the new Outlook does;
   Gmail in Swedish's 'tors 18 juni 2026 kl 07:00'): dateutil's parserinfo taught them (FOREIGN_MONTHS, and
   FOREIGN_WEEKDAYS for a weekday anywhere in the date).
   A middle dot or a bullet between the date and the time ('Thursday, July 9, 2026 · 6:31 PM EDT', as a mail app
   lays out a received line) is read as a space.
   Japanese (and Chinese) dates, '2026年7月7日(火) 10:00' as Gmail in Japanese writes them, and Korean ones,
   '2026년 6월 15일 (월) 오전 9:12' as Gmail in Korean writes them, and Chinese ones, '2026年6月19日(星期五) 上午8:30' as
   QQ Mail writes them, are read before dateutil (CJK_DATE): year 年/년, month 月/월, day 日/일, a weekday in
   brackets, a time, in Korean after 오전 (AM) or 오후 (PM), in Chinese after the part of the day (凌晨, 早上, 上午:
   before noon; 中午: about noon, '中午1:05' is 13:05; 下午, 傍晚, 晚上: after noon).
   Czech month names ('19. června 2026', Seznam's and Outlook's) are among the FOREIGN_MONTHS; Seznam's numeric
   '19. 6. 2026 16:31:07' is day first (the dots). An org-mode timestamp ('[2026-07-10 Fri 14:30]', '<2026-07-10
   Fri>') is read as the ISO date and time it holds. MarkDownload's 'created' ('2026-07-10T19:42:17 (UTC +01:00)',
   the offset in brackets a space away) is read as the ISO date and time with that offset; a year first is
   year-month-day also where a 'T' and a time follow it.
4. Before them, the machine timestamps note-taking tools write in their exports' headers, in UTC: a TiddlyWiki
   tiddler's 17 digits ('20260708180412000': year, month, day, hours, minutes, seconds, milliseconds; 14 without
   the milliseconds) and Unix time in milliseconds or seconds ('1783791872000' as Dendron writes 'created' and
   'updated', '1783791872'), each only alone and only in the years 1990 to 2100.

What comes out: YYYY-MM-DD for a date without a time; YYYY-MM-DDTHH:MM:SS with the offset when the value
gives a time zone (an offset, or a zone name such as GMT, UTC, EST, PDT, CET); without an offset when it
gives none, since no zone is invented. Anything unreadable is kept as written. A label in front
('Sent:', 'Date:', 'Gesendet:', ...) is dropped, and read as a locale cue.

Day or month first: an all-numeric date such as 11/06/2025 is 11 June in most of the world and
November 6 in the US; the value alone cannot say. The cues, in order:
- a number over 12 decides ('17/03/2026' is day-first whatever the cues);
- a year first ('2025/06/11', '2025-06-11') is year-month-day;
- dots between the numbers ('11.06.2025', the German, Russian and Nordic style): day-first;
- a label in another language than English ('Gesendet:', 'Envoyé :', 'Enviado:', 'Datum:', ...): day-first;
- AM/PM ('11/06/2025 6:02 AM', US Outlook's short form): month-first;
- a 24-hour time without AM/PM ('11/06/2025 14:30'): day-first, since US clients write AM/PM;
- no cue at all: month-first, the US convention of most English-language newsletters and of dateutil.
A caller that knows the sender's locale passes day_first and no cue is looked at.
"""

from __future__ import annotations

import email.utils
import re
import warnings
from datetime import datetime, timedelta, timezone
from functools import cache

MAX_CHARS = 200  # a longer value is no date header; kept as written
RFC_2822 = re.compile(r"(?:[A-Za-z]{3},\s*)?\d{1,2}\s+[A-Za-z]{3}\s+\d{2,4}\s+\d{1,2}:\d{2}(?::\d{2})?"
                      r"(?:\s*(?:[+-]\d{4}|[A-Za-z]{1,5}))?(?:\s*\([^()]{0,60}\))?")
LABEL = re.compile(r"^\s*\**\s*(date|sent|published|updated|pubdate|gesendet|d[áa]tum|envoy[ée]|date d'envoi|"
                   r"fecha|enviado(?: el)?|enviada em|inviato|data|verzonden|skickat|sendt|dato|l[äa]hetetty|"
                   r"g[öo]nderilen|tarih|"
                   r"wys[łl]ano|wys[łl]ane|дата|отправлено|odesl[áa]no|发送时间)\s*\**\s*[:：]\s*\**\s*", re.I)
ENGLISH_LABELS = frozenset(("date", "sent", "published", "updated", "pubdate"))
NUMERIC_DATE = re.compile(r"\b(\d{1,2})([/.-])(\d{1,2})\2(\d{2}|\d{4})\b")
YEAR_FIRST = re.compile(r"^\D{0,20}\b\d{4}[/.-]\d{1,2}[/.-]\d{1,2}(?!\d)")  # (a 'T' and the time may follow)
# an ISO date and time with its offset a space away, as MarkDownload writes '2026-07-10T19:42:17 (UTC +01:00)' once
# the brackets are off
ISO_SPACED_OFFSET = re.compile(r"^(\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2})?)\s([+-]\d{2}:\d{2})$")
# the time after the Nordic 'klo' / 'kl.' written with a dot, as Finnish does ('ti 30. kesäk. 2026 klo 18.30'): read as
# '18:30' (only there: '30.06.2026' is a date)
CLOCK_DOT = re.compile(r"(?<![^\W\d_])(klo|kl\.?)\s*(\d{1,2})\.(\d{2})(?![\d.])", re.I)
# a middle dot or a bullet between a date's parts, spaced ('July 9, 2026 · 6:31 PM')
DOT_BETWEEN = re.compile(r" [·•] ")
AM_PM = re.compile(r"\d\s*[ap]\.?m\.?\b", re.I)
TIME = re.compile(r"\b\d{1,2}:\d{2}\b")
ZONES = {name: timezone(timedelta(hours=hours), name) for name, hours in (
    ("UTC", 0), ("GMT", 0), ("UT", 0), ("Z", 0), ("EST", -5), ("EDT", -4), ("CST", -6), ("CDT", -5),
    ("MST", -7), ("MDT", -6), ("PST", -8), ("PDT", -7), ("BST", 1), ("CET", 1), ("CEST", 2), ("EET", 2),
    ("EEST", 3), ("JST", 9), ("AEST", 10), ("AEDT", 11),
    # German names Apple Mail writes ('17. Mai 2023 um 22:36:20 MESZ')
    ("MEZ", 1), ("MESZ", 2), ("OEZ", 2), ("OESZ", 3), ("WEZ", 0), ("WESZ", 1))}
# 'UTC+1', 'GMT+3' as mail clients write them mean 1 and 3 hours ahead of UTC; dateutil reads them the POSIX
# TZ way round (3 hours behind), so they become '+01:00', '+03:00' before it reads them.
ZONE_OFFSET = re.compile(r"\b(?:UTC|GMT)\s?([+-])(\d{1,2})(?::?(\d{2}))?\b")
# Samsung Email's quoted date, '15/06/2026 19:04 (GMT+02:00)': the zone in brackets, which dateutil cannot read
BRACKETED_ZONE = re.compile(r"\(\s*((?:UTC|GMT)(?:\s?[+-]\d{1,2}(?::?\d{2})?)?)\s*\)")  # (and Notion's '(UTC)')
# Month names in French, German, Spanish, Dutch, Italian, Portuguese, Russian, Polish, Czech, Finnish and Hungarian (full, and as mail
# clients abbreviate them: 'déc.', 'Dez.', 'dic', 'mrt', 'ott', 'out', 'июл.'; Russian and Polish in the genitive
# a date takes, '10 июля', '19 czerwca', and the nominative), each with the English month it is; accents
# optional, as people type them. Swedish's are theirs but for 'augusti' (its weekdays in FOREIGN_LEAD, 'den' a jump
# word: 'måndag den 3 augusti 2026'); Danish's but for 'marts' ('kl.' before the time a jump word); Turkish's
# ('Haziran', 'Ağustos', 'Kasım', and without the Turkish letters, 'Agustos', 'Kasim'); Finnish in the partitive a date
# takes ('30. kesäkuuta'), the nominative (Zim's 'tiistai 14 heinäkuu 2026') and as Gmail abbreviates it ('kesäk.'), 'klo'
# before the time a jump word; Hungarian's full and abbreviated ('június', 'okt.', 'febr.', 'szept.'), accents optional.
FOREIGN_MONTHS = (
    ("janvier", "janv", "januar", "jänner", "jan", "enero", "ene", "januari", "gennaio", "gen", "janeiro",
     "января", "январь", "янв", "stycznia", "styczeń", "styczen", "ledna", "leden", "ocak", "tammikuuta", "tammikuu",
     "tammik", "január"),
    ("février", "fevrier", "févr", "fevr", "februar", "feb", "febrero", "februari", "febbraio", "fevereiro", "fev",
     "февраля", "февраль", "февр", "фев", "lutego", "luty", "února", "unora", "únor", "unor", "şubat", "subat",
     "helmikuuta", "helmikuu", "helmik", "február", "febr"),
    ("mars", "märz", "maerz", "mär", "marzo", "maart", "mrt", "março", "marco", "марта", "март", "мар", "marca",
     "marzec", "března", "brezna", "březen", "brezen", "marts", "mart", "maaliskuuta", "maaliskuu", "maalisk",
     "március", "marcius", "márc", "marc"),
    ("avril", "avr", "april", "apr", "abril", "abr", "aprile", "апреля", "апрель", "апр", "kwietnia", "kwiecień",
     "kwiecien", "dubna", "duben", "nisan", "huhtikuuta", "huhtikuu", "huhtik", "április", "aprilis", "ápr"),
    ("mai", "mayo", "may", "mei", "maggio", "mag", "maio", "мая", "май", "maja", "maj", "května", "kvetna", "květen",
     "kveten", "mayıs", "mayis", "toukokuuta", "toukokuu", "toukok", "május", "majus", "máj"),
    ("juin", "juni", "junio", "jun", "giugno", "giu", "junho", "июня", "июнь", "июн", "czerwca", "czerwiec", "června",
     "cervna", "červen", "cerven", "haziran", "kesäkuuta", "kesakuuta", "kesäkuu", "kesakuu", "kesäk", "kesak",
     "június", "junius", "jún"),
    ("juillet", "juil", "juli", "julio", "jul", "luglio", "lug", "julho", "июля", "июль", "июл", "lipca", "lipiec",
     "července", "cervence", "červenec", "cervenec", "temmuz", "heinäkuuta", "heinakuuta", "heinäkuu", "heinakuu",
     "heinäk", "heinak", "július", "julius", "júl"),
    ("août", "aout", "august", "augusti", "aug", "agosto", "ago", "augustus", "августа", "август", "авг", "sierpnia",
     "sierpień", "sierpien", "srpna", "srpen", "ağustos", "agustos", "elokuuta", "elokuu", "elok", "augusztus"),
    ("septembre", "sept", "september", "sep", "septiembre", "setiembre", "settembre", "setembro", "set",
     "сентября", "сентябрь", "сент", "сен", "września", "wrzesnia", "wrzesień", "wrzesien", "září", "zari", "eylül",
     "eylul", "syyskuuta", "syyskuu", "syysk", "szeptember", "szept"),
    ("octobre", "oct", "oktober", "okt", "octubre", "ottobre", "ott", "outubro", "out", "октября", "октябрь", "окт",
     "października", "pazdziernika", "październik", "pazdziernik", "října", "rijna", "říjen", "rijen", "ekim",
     "lokakuuta", "lokakuu", "lokak", "október"),
    ("novembre", "nov", "november", "noviembre", "novembro", "ноября", "ноябрь", "нояб", "ноя", "listopada",
     "listopad", "listopadu", "kasım", "kasim", "marraskuuta", "marraskuu", "marrask"),
    ("décembre", "decembre", "déc", "dec", "dezember", "dez", "diciembre", "dic", "december", "dicembre", "dezembro",
     "декабря", "декабрь", "дек", "grudnia", "grudzień", "grudzien", "prosince", "prosinec", "aralık", "aralik",
     "joulukuuta", "joulukuu", "jouluk"),
)
# Weekdays dateutil skips wherever they stand: Turkish (Yahoo Mail writes one after the year, '14 Haziran 2026 Pazar
# 21:03'), Danish (in front, 'lørdag den 11. juli 2026', Gmail's 'ons. 17. jun. 2026'), Gmail's Swedish abbreviations
# ('tors 18 juni 2026 kl 07:00': mån, tis, ons, tors, fre, lör, sön) and Hungarian (Gmail's after the date, '2021. okt.
# 27., Sze, 9:31': hétfő, kedd, szerda, csütörtök, péntek, szombat, vasárnap; the one-letter abbreviations H, K, P, V
# left out), each with the English day it is.
FOREIGN_WEEKDAYS = (("pazartesi", "mandag", "man", "mån", "hétfő", "hetfo"), ("salı", "sali", "tirsdag", "tir", "tis", "kedd"),
                    ("çarşamba", "carsamba", "onsdag", "ons", "szerda", "sze"),
                    ("perşembe", "persembe", "torsdag", "tor", "tors", "csütörtök", "csutortok", "cs"),
                    ("cuma", "fredag", "fre", "péntek", "pentek"), ("cumartesi", "lørdag", "lordag", "lør", "lör", "szombat", "szo"),
                    ("pazar", "søndag", "sondag", "søn", "sön", "vasárnap", "vasarnap"))
FOREIGN_MONTH_NAMES = "|".join(name for names in FOREIGN_MONTHS for name in names)
FOREIGN_MONTH = re.compile(rf"(?<![^\W\d_])(?:{FOREIGN_MONTH_NAMES})(?![^\W\d_])", re.I)
# A weekday in front ('dimanche 6 décembre', 'So., 6. Dez.', 'domingo, 6 de', 'woensdag 22 april',
# 'mercoledì 22 aprile', 'quarta-feira, 22 de abril', 'Пятница, 10 июля', 'пт, 10 июл.', 'piątek, 19 czerwca'): no
# part of the date,
# and its French and Spanish abbreviation 'mar' is also March. German 'Am' ('Am So., 6. Dez. ...') goes with it.
FOREIGN_LEAD = re.compile(r"^(?:am\s+)?(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|lun|mar|mer|jeu|ven|sam|dim|"
                          r"montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonnabend|sonntag|mo|di|mi|do|fr|sa|so|"
                          r"lunes|martes|miércoles|miercoles|jueves|viernes|sábado|sabado|domingo|mié|mie|jue|vie|sáb|"
                          r"sab|dom|maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag|ma|wo|vr|za|zo|"
                          r"lunedì|lunedi|martedì|martedi|mercoledì|mercoledi|giovedì|giovedi|venerdì|venerdi|sabato|"
                          r"domenica|gio|(?:segunda|terça|terca|quarta|quinta|sexta)(?:-feira)?|seg|ter|qua|qui|sex|"
                          r"понедельник|вторник|среда|четверг|пятница|суббота|воскресенье|пн|вт|ср|чт|пт|сб|вс|"
                          r"poniedzia[łl]ek|wtorek|[śs]roda|czwartek|pi[ąa]tek|sobota|niedziela|"
                          r"m[åa]ndag|tisdag|onsdag|torsdag|fredag|l[öo]rdag|s[öo]ndag|"
                          r"pond[ěe]l[íi]|[úu]ter[ýy]|st[řr]eda|[čc]tvrtek|p[áa]tek|ned[ěe]le|po|[úu]t|st|[čc]t|p[áa]|ne|"
                          r"maanantai|tiistai|keskiviikko|torstai|perjantai|lauantai|sunnuntai|ti|ke|to|pe|la|su)"
                          r"\.?,?\s+", re.I)
# Words between a date's parts: 'de' (6 de diciembre de 2026), 'à'/'a las'/'um ... Uhr'/'om'/'alle ore'/'às'/
# 'в'/'kl'/'klo' before the time, Russian 'г.' (год) after the year ('10 июля 2026 г. в 9:00').
FOREIGN_JUMP = ("de", "del", "le", "el", "à", "a", "la", "las", "um", "uhr", "den", "der", "om", "alle", "ore", "às",
                "в", "г", "kl", "klo")


@cache
def _european_info():
    """dateutil's parserinfo taught the FOREIGN_MONTHS and FOREIGN_WEEKDAYS (and 'a', Spanish 'at', is no 'a.m.' here)."""
    from dateutil import parser as dateutil_parser

    class European(dateutil_parser.parserinfo):
        MONTHS = [english + foreign for english, foreign in zip(dateutil_parser.parserinfo.MONTHS, FOREIGN_MONTHS)]
        WEEKDAYS = [english + foreign for english, foreign in zip(dateutil_parser.parserinfo.WEEKDAYS, FOREIGN_WEEKDAYS)]
        JUMP = dateutil_parser.parserinfo.JUMP + list(FOREIGN_JUMP)
        AMPM = [("am",), ("pm",)]

    return European()


# '2026年7月7日(火) 10:00', '2026年7月7日 10:00:05': year, month and day marked by 年 月 日, a weekday in brackets;
# Korean '2026년 6월 15일 (월) 오전 9:12' the same with 년 월 일 and 오전 (AM) / 오후 (PM) before a 12-hour time
# Chinese (QQ Mail) '2026年6月19日(星期五) 上午8:30' the same with the part of the day before a 12-hour time
CJK_DATE = re.compile(r"(\d{4})\s*[年년]\s*(\d{1,2})\s*[月월]\s*(\d{1,2})\s*[日일]\s*(?:[(（][^()（）]{1,3}[)）])?\s*"
                      r"(?:(오전|오후|午前|午後|凌晨|早上|上午|中午|下午|傍晚|晚上)\s*)?(?:(\d{1,2}):(\d{2})(?::(\d{2}))?)?")
PM = ("오후", "午後", "下午", "傍晚", "晚上")
# an org-mode timestamp, '[2026-07-10 Fri 14:30]' or '<2026-07-10 Fri>' (the weekday in the user's language)
ORG_TIMESTAMP = re.compile(r"^[\[<](\d{4}-\d{2}-\d{2})(?:\s+[^\W\d]{1,12}\.?)?(?:\s+(\d{2}:\d{2}))?[\]>]$")
NOON = "中午"  # '中午11:18' is 11:18, '中午12:30' 12:30, '中午1:05' 13:05
# TiddlyWiki's 'created' / 'modified' (YYYYMMDDhhmmss and milliseconds, UTC); Unix time in milliseconds or seconds
TIDDLY_STAMP = re.compile(r"(?:19|20)\d{12}(?:\d{3})?")
EPOCH = re.compile(r"\d{13}|\d{10}")
EPOCH_YEARS = (1990, 2100)


def _timestamp(text: str) -> str | None:
    """a tiddler's timestamp or Unix time (the module's docstring, 4.) -> ISO 8601 in UTC"""
    try:
        if TIDDLY_STAMP.fullmatch(text):
            return datetime.strptime(text[:14], "%Y%m%d%H%M%S").replace(tzinfo=timezone.utc).isoformat()
        if EPOCH.fullmatch(text):
            when = datetime.fromtimestamp(int(text) / (1000 if len(text) == 13 else 1), timezone.utc)
            return when.isoformat() if EPOCH_YEARS[0] <= when.year <= EPOCH_YEARS[1] else None
    except (ValueError, OverflowError, OSError):
        return None
    return None


def _cjk(text: str) -> str | None:
    m = CJK_DATE.fullmatch(text)
    if not m:
        return None
    year, month, day, half, hour, minute, second = (x if i == 3 else int(x) if x else None
                                                    for i, x in enumerate(m.groups()))
    if half and hour is not None:
        if hour > 12:
            return None
        hour = (hour if hour >= 11 else hour + 12) if half == NOON else hour % 12 + (12 if half in PM else 0)
    try:
        if hour is None:
            return datetime(year, month, day).date().isoformat()
        return datetime(year, month, day, hour, minute, second or 0).isoformat()
    except ValueError:
        return None


# Two defaults that differ in the date and the hour: a date field or hour that dateutil filled in differs
# between the two readings (minutes and seconds not written are 0 in both, as '6 AM' means).
DEFAULTS = (datetime(2000, 1, 1, 0, 0, 0), datetime(2001, 2, 2, 1, 0, 0))


def normalise_date(value: str, day_first: bool | None = None) -> str:
    """A date as written -> ISO 8601 (see the module's docstring); unreadable values are kept as written."""
    text = " ".join(value.split())
    if not text or len(text) > MAX_CHARS:
        return text
    label = LABEL.match(text)
    body = text[label.end():] if label else text
    if parsed := _timestamp(body) or _rfc_2822(body):  # (an RFC 2822 date may end in a comment: '+0000 (UTC)')
        return parsed
    body = CLOCK_DOT.sub(r"\1 \2:\3", DOT_BETWEEN.sub(" ", BRACKETED_ZONE.sub(r"\1", body)))
    body = ZONE_OFFSET.sub(lambda m: f"{m.group(1)}{int(m.group(2)):02d}:{m.group(3) or '00'}", body)
    body = ORG_TIMESTAMP.sub(lambda m: m.group(1) + (f"T{m.group(2)}" if m.group(2) else ""), body)
    body = ISO_SPACED_OFFSET.sub(r"\1\2", body)
    parsed = _rfc_2822(body) or _iso(body) or _cjk(body)
    if parsed is not None:
        return parsed
    if day_first is None:
        day_first = _day_first(body, label.group(1).lower() if label else "")
    return _dateutil(body, day_first) or text


def _rfc_2822(text: str) -> str | None:
    if not RFC_2822.fullmatch(text):
        return None
    try:
        return email.utils.parsedate_to_datetime(text).isoformat()
    except (TypeError, ValueError, IndexError, OverflowError):
        return None


def _iso(text: str) -> str | None:
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}\S*)?", text):
        return None
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        return None
    return parsed.isoformat() if len(text) > 10 else parsed.date().isoformat()


def _day_first(text: str, label: str) -> bool:
    """The locale cues of the module's docstring, in its order, for an all-numeric day and month."""
    if (m := NUMERIC_DATE.search(text)) and m.group(2) == ".":
        return True
    if label and label not in ENGLISH_LABELS:
        return True
    if AM_PM.search(text):
        return False
    return bool(TIME.search(text))


def _dateutil(text: str, day_first: bool) -> str | None:
    """dateutil's reading, if it finds a whole date (day, month and year) in a plausible year: in
    English, or else with French, German and Spanish month names (the weekday in front dropped)."""
    english = _dateutil_reading(text, day_first, None)
    if english is not None or not FOREIGN_MONTH.search(text):
        return english
    text = re.sub(r"\b1(?:er|ᵉʳ)(?=\s)", "1", FOREIGN_LEAD.sub("", text))  # '1er janvier': the first
    return _dateutil_reading(text, day_first, _european_info())


def _dateutil_reading(text: str, day_first: bool, info) -> str | None:
    from dateutil import parser as dateutil_parser  # imported on first use: 60 ms the server's start need not pay

    year_first = bool(YEAR_FIRST.match(text))
    readings = []
    for default in DEFAULTS:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # an unknown zone name: the local time is kept, without an offset
            try:
                readings.append(dateutil_parser.parser(info).parse(
                    text, default=default, dayfirst=day_first and not year_first, yearfirst=year_first, tzinfos=ZONES))
            except (ValueError, OverflowError, TypeError):
                return None
    first, second = readings
    if first.date() != second.date() or not 1970 <= first.year <= 2100:
        return None
    if first.hour != second.hour:  # no time in the value
        return first.date().isoformat()
    return first.isoformat()
