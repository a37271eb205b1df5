"""Inline forwards from Outlook and Apple Mail set to German, French, Spanish, Dutch, Italian and Portuguese
(and Gmail's and Outlook desktop's translated marker lines): the splitter finds the original newsletter's
subject, sender and date and the newsletter's own items, in a text body, an HTML body and a whole email.

The header blocks are built as those clients write them (checked against public copies of their forwards:
Outlook's rule, then 'Von: / Gesendet: / An: / Betreff:' with the labels bold in HTML, French labels with a
space before the colon; Apple Mail's 'Anfang der weitergeleiteten Nachricht:' then From / Subject / Date / To
with its own date style, 'um ... MESZ', 'à ... UTC+2', 'alle ore', 'às', 'om')."""

import json
from email import policy
from email.message import EmailMessage
from pathlib import Path

import pytest

from newsletters import split_newsletter
from newsletters.dates import normalise_date
from newsletters.forward import unwrap

FOLDER = Path(__file__).resolve().parent / "fixtures" / "newsletters" / "tldr" / "tldr-ai-2026-04-22"
EXPECTED = json.loads((FOLDER / "expected.json").read_text(encoding="utf-8"))
SENDER, ADDRESS = "TLDR AI", "dan@tldrnewsletter.com"
SUBJECT = "TLDR AI 2026-04-22"
ME = "Sam Rivera <sam.rivera@example.org>"

# language: (Outlook's labels from/sent/to/subject, its date, Apple Mail's marker, labels from/subject/date/to,
# its date, the ISO date Apple's gives, the forwarder's note)
CLIENTS = {
    "de": (("Von", "Gesendet", "An", "Betreff"), "Mittwoch, 22. April 2026 10:12",
           "Anfang der weitergeleiteten Nachricht:", ("Von", "Betreff", "Datum", "An"),
           "22. April 2026 um 10:12:03 MESZ", "2026-04-22T10:12:03+02:00", "Schau mal, der Agenten-Teil."),
    "fr": (("De\u00a0", "Envoyé\u00a0", "À\u00a0", "Objet\u00a0"), "mercredi 22 avril 2026 10:12",
           "Début du message réexpédié :", ("De", "Objet", "Date", "À"),
           "22 avril 2026 à 10:12:03 UTC+2", "2026-04-22T10:12:03+02:00", "Pour info, à lire."),
    "es": (("De", "Enviado", "Para", "Asunto"), "miércoles, 22 de abril de 2026 10:12",
           "Inicio del mensaje reenviado:", ("De", "Asunto", "Fecha", "Para"),
           "22 de abril de 2026, 10:12:03 CEST", "2026-04-22T10:12:03+02:00", "Para que lo leas."),
    "nl": (("Van", "Verzonden", "Aan", "Onderwerp"), "woensdag 22 april 2026 10:12",
           "Begin doorgestuurd bericht:", ("Van", "Onderwerp", "Datum", "Aan"),
           "22 april 2026 om 10:12:03 CEST", "2026-04-22T10:12:03+02:00", "Ter info, lees even mee."),
    "it": (("Da", "Inviato", "A", "Oggetto"), "mercoledì 22 aprile 2026 10:12",
           "Inizio messaggio inoltrato:", ("Da", "Oggetto", "Data", "A"),
           "22 aprile 2026 alle ore 10:12:03 CEST", "2026-04-22T10:12:03+02:00", "Da leggere, ciao."),
    "pt": (("De", "Enviado", "Para", "Assunto"), "quarta-feira, 22 de abril de 2026 10:12",
           "Início da mensagem reencaminhada:", ("De", "Assunto", "Data", "Para"),
           "22 de abril de 2026 às 10:12:03 CEST", "2026-04-22T10:12:03+02:00", "Vale a leitura."),
}
ORIGINAL_MESSAGE = {"de": "Ursprüngliche Nachricht", "fr": "Message d'origine", "es": "Mensaje original",
                    "nl": "Oorspronkelijk bericht", "it": "Messaggio originale", "pt": "Mensagem original"}


def _outlook_text(lang: str, body: str, rule: str = "_" * 32) -> str:
    (f, s, t, subj), when, *_, note = CLIENTS[lang]
    return (f"{note}\n\n{rule}\n{f}: {SENDER} <{ADDRESS}>\n{s}: {when}\n{t}: {ME}\n{subj}: {SUBJECT}\n\n{body}")


def _outlook_html(lang: str, html: str) -> str:
    (f, s, t, subj), when, *_, note = CLIENTS[lang]
    rows = [(f, f"{SENDER} &lt;{ADDRESS}&gt;"), (s, when), (t, "Sam Rivera &lt;sam.rivera@example.org&gt;"),
            (subj, SUBJECT)]
    fields = "<br>".join(f"<b>{label}:</b> {value}" for label, value in rows)
    return (f'<html><body><div class="WordSection1"><p class="MsoNormal">{note}<o:p></o:p></p>'
            f'<div style="border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0cm 0cm 0cm">'
            f'<p class="MsoNormal">{fields}<o:p></o:p></p></div><p class="MsoNormal"><o:p>&nbsp;</o:p></p>'
            f"{_inner(html)}</div></body></html>")


def _apple_text(lang: str, body: str) -> str:
    *_, marker, (f, subj, d, t), when, _iso, note = CLIENTS[lang]
    return (f"{note}\n\n{marker}\n\n{f}: {SENDER} <{ADDRESS}>\n{subj}: {SUBJECT}\n{d}: {when}\n"
            f"{t}: {ME}\n\n{body}")


def _apple_html(lang: str, html: str) -> str:
    *_, marker, (f, subj, d, t), when, _iso, note = CLIENTS[lang]
    rows = [(f, f"{SENDER} &lt;{ADDRESS}&gt;"), (subj, f"<b>{SUBJECT}</b>"), (d, when), (t, "sam.rivera@example.org")]
    fields = "".join(f'<div style="margin: 0px;"><span><b>{k}: </b></span><span>{v}<br></span></div>' for k, v in rows)
    return (f'<html><body><div dir="auto">{note}<div dir="ltr"><br><blockquote type="cite"><div>{marker}</div>'
            f'<br class="Apple-interchange-newline">{fields}<br>{_inner(html)}</blockquote></div></div></body></html>')


def _inner(html: str) -> str:
    return html.split("<body", 1)[1].split(">", 1)[1].rsplit("</body>", 1)[0] if "<body" in html else html


def _email(text: str, html: str) -> bytes:
    msg = EmailMessage(policy=policy.SMTP)
    msg["From"], msg["To"], msg["Subject"] = ME, "team@example.org", f"WG: {SUBJECT}"
    msg["Date"] = "Thu, 23 Apr 2026 09:30:00 +0200"
    msg.set_content(text, charset="utf-8", cte="quoted-printable")
    msg.add_alternative(html, subtype="html", charset="utf-8", cte="quoted-printable")
    return msg.as_bytes()


def _check(letter, client: str, date: str) -> None:
    assert (letter.forward, letter.subject, letter.source, letter.date) == (client, SUBJECT, SENDER, date)
    assert len(letter.items) == len(EXPECTED["items"])
    assert [item.sponsored for item in letter.items] == [item["sponsored"] for item in EXPECTED["items"]]


@pytest.mark.parametrize("lang", sorted(CLIENTS))
def test_an_outlook_forward_in_each_language_gives_the_originals_headers_and_items(lang):
    text = (FOLDER / "newsletter.txt").read_text(encoding="utf-8")
    html = (FOLDER / "newsletter.html").read_text(encoding="utf-8")
    for raw in (_outlook_text(lang, text), _outlook_html(lang, html),
                _email(_outlook_text(lang, text), _outlook_html(lang, html)),
                _outlook_text(lang, text, rule=f"-----{ORIGINAL_MESSAGE[lang]}-----")):
        letter = split_newsletter(raw)
        _check(letter, "outlook", "2026-04-22T10:12:00")
        note = CLIENTS[lang][-1]
        assert not any(note[:12] in item.title + item.content for item in letter.items)


@pytest.mark.parametrize("lang", sorted(CLIENTS))
def test_an_apple_mail_forward_in_each_language_gives_the_originals_headers_and_items(lang):
    text = (FOLDER / "newsletter.txt").read_text(encoding="utf-8")
    html = (FOLDER / "newsletter.html").read_text(encoding="utf-8")
    iso = CLIENTS[lang][-2]
    for raw in (_apple_text(lang, text), _apple_html(lang, html), _email(_apple_text(lang, text), _apple_html(lang, html)),
                "\n".join("> " + line for line in _apple_text(lang, text).split("\n"))):
        _check(split_newsletter(raw), "apple", iso)


def test_gmails_and_thunderbirds_translated_markers_and_a_day_first_numeric_date():
    body = "Hallo"
    gmail = ("---------- Weitergeleitete Nachricht ---------\nVon: Frontier Brief <e@f.example>\n"
             "Date: Mi., 22. Apr. 2026 um 10:12 Uhr\nSubject: Issue 9\nTo: <jo@example.org>\n\n" + body)
    found = unwrap(gmail, "text")
    assert (found.client, found.subject, found.date, found.body.strip()) == ("gmail", "Issue 9", "2026-04-22T10:12:00", body)
    thunderbird = ("-------- Message transféré --------\nSujet : Issue 9\nDate : Wed, 22 Apr 2026 10:12:00 +0200\n"
                   "De : Frontier Brief <e@f.example>\nPour : jo@example.org\n\n" + body)
    assert unwrap(thunderbird, "text").date == "2026-04-22T10:12:00+02:00"
    # 06/05/2026 under a French label is 6 May (day first), under an English one June 5 with AM/PM
    french = "De : Brief <e@f.example>\nEnvoyé : 06/05/2026 09:30\nÀ : Jo\nObjet : Issue 9\n\nSalut"
    assert unwrap(french, "text").date == "2026-05-06T09:30:00"
    english = "From: Brief <e@f.example>\nSent: 06/05/2026 9:30 AM\nTo: Jo\nSubject: Issue 9\n\nHi"
    assert unwrap(english, "text").date == "2026-06-05T09:30:00"


def test_a_newsletters_own_lines_in_those_languages_are_no_forward():
    # a 'Von:'/'Datum:' pair in the newsletter's own text, with no marker and no subject and recipient, is text
    assert unwrap("Das Briefing\n\nVon: Anna Weber\nDatum: 22. April 2026\n\nHeute im Briefing ...", "text") is None
    assert unwrap("Q&A\n\nDa: Rome\nA: Milan\n\nThe train takes three hours.", "text") is None


def test_dates_in_dutch_italian_portuguese_and_the_zones_mail_clients_write():
    assert normalise_date("woensdag 22 april 2026 10:12") == "2026-04-22T10:12:00"
    assert normalise_date("Inviato: giovedì 7 maggio 2026 09:30") == "2026-05-07T09:30:00"
    assert normalise_date("sexta-feira, 1 de maio de 2026 09:30") == "2026-05-01T09:30:00"
    assert normalise_date("3 okt. 2026") == "2026-10-03"
    assert normalise_date("3 ottobre 2026") == normalise_date("3 de outubro de 2026") == "2026-10-03"
    # 'GMT+3' as mail clients write it is three hours ahead (dateutil alone reads it the POSIX way round)
    assert normalise_date("25 October 2021 at 11:17:21 GMT+3") == "2021-10-25T11:17:21+03:00"
    assert normalise_date("26. Oktober 2021 um 14:25:08 OESZ") == "2021-10-26T14:25:08+03:00"
