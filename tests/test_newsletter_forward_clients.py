"""Inline forwards from seven more mail clients, as each writes them: Gmail on the web set to French,
Thunderbird in German (a plain-text forward sent as format=flowed), Outlook for Mac, Outlook for iOS, Spark,
Roundcube (in English, German and Italian) and Mail.ru in Russian (and Outlook in Russian). The splitter
finds the original newsletter's subject, sender and date, and the newsletter's own items without the
forwarder's note, in the text body, the HTML body and the whole email.

The header blocks follow each client's own output as public copies show it: Gmail in French keeps the
English marker and labels but 'De :' (a no-break space before the colon) and writes the date in French;
Thunderbird's '-------- Weitergeleitete Nachricht --------' with tab-aligned Betreff / Datum / Von / An rows;
Outlook for Mac's bold From / Date ('Wednesday, April 22, 2026 at 10:12') / To / Subject under a
#B5C4DF-bordered div; Outlook for iOS's 'Get Outlook for iOS' signature, the rule and divRplyFwdMsg; Spark's
'---------- Forwarded message ----------' in div name="messageReplySection" and its quoted-printable that
escapes '@', '"', '_' and '#'; Roundcube's '-------- Original Message --------' and Subject / Date
('2026-04-22 10:12') / From / To rows in its localization's labels (its compose.php and labels.inc);
Mail.ru's '-------- Пересылаемое сообщение --------' with От кого / Кому / Дата / Тема. These are built here,
not by the corpus's build_forms.py, and around a newsletter of another set (TLDR AI).

And the eighth blind set's seven client styles: K-9 Mail on Android ('-------- Original Message --------',
From: / Sent: / To: / Subject:, Java's LONG date), Outlook on the web in Dutch (Van / Verzonden / Aan /
Onderwerp), Apple Mail in German ('Anfang der weitergeleiteten Nachricht:'), GNOME Evolution (bold labels in
div.-x-evo-paragraph), Gmail in Japanese ('2026年4月22日(水) 10:12') and in Brazilian Portuguese ('De:', 'qua.,
22 de abr. de 2026 às 10:12'), and Yandex Mail (its marker over one unlabelled 'date, time, sender:' line).

And the ninth blind set's: Tuta Mail in German (HTML only, no marker, 'Von:' with the address alone), Apple Mail in
Dutch ('Begin doorgestuurd bericht:'), Gmail in Korean ('보낸사람:', '2026년 4월 22일 (수) 오전 10:12'), Outlook on
the web in Polish (Od / Wysłane / Do / Temat) inside S/MIME multipart/signed, and a Gmail forward forwarded on
with Outlook on the web.

And the tenth blind set's: QQ Mail in Chinese ('原始邮件', 发件人 / 发送时间 / 收件人 / 主题, the date '2026年4月22日(星期三)
上午10:12', the whole message GB18030 in base64, subject '转发：'), Thunderbird in French ('Message transféré', Sujet /
Date / De / Pour with a space before the colon), Seznam.cz webmail in Czech ('Původní e-mail', Od / Komu / Datum
'22. 4. 2026 10:12:03' / Předmět), Outlook for Android ('Get Outlook for Android', the rule, divRplyFwdMsg) and
Gmail on the web in Spanish ('De:', 'mié, 22 abr 2026 a las 10:12'); and the message shapes the set's other
messages have (multipart/related around the alternative with cid images, a really wrapped format=flowed text part,
base64 in 996-character lines).
And the eleventh blind set's: Gmail on the web fully in Dutch and in Russian (the marker and labels translated:
'Doorgestuurd bericht', Van / Datum / Onderwerp / Aan; 'Пересылаемое сообщение', От / Дата / Тема / Кому), Zimbra's
web client in French ('----- Mail transféré -----' in the text part; in the HTML no marker line but its rule,
hr#zwchr) and HCL (Lotus) Notes ('----- Forwarded by Name/Org on 04/22/2026 11:40 AM -----' over a From / To /
Date / Subject table, a tab after each label in the text part, subject 'Fw: '); and a note-taking tool's copy of
a message, whose header lines at its top or its end give the headers but name no forward. And the twelfth blind
set's: SquirrelMail 1.4 (read as Outlook's Original Message), Horde IMP in German and English ('Weitergeleitete Nachricht
von <From>', a marker of its own), iOS Mail in Spanish and Outlook on the web in Japanese (差出人 / 送信日時 / 宛先 / 件名).
And the thirteenth blind set's: Apple Mail in French ('Début du message réexpédié :'), Thunderbird in Italian ('Messaggio
Inoltrato', Oggetto / Data / Mittente / Rispondi a / A) and Outlook for Windows in Swedish (Från / Skickat / Till / Ämne,
'den 22 april 2026 10:12', subject 'VB: '). And the fourteenth blind set's: Thunderbird in Danish ('Videresendt
meddelelse', Emne / Dato / Fra / Svar til / Til), Yahoo Mail in Turkish ('İletilmiş Mesaj', Kimden / Kime / Gönderilen
'22 Nisan 2026 Çarşamba 10:12' / Konu) and Apple Mail in Spanish ('Inicio del mensaje reenviado:'); Outlook in Danish
('-----Oprindelig meddelelse-----', Fra / Sendt / Til / Emne). And the fifteenth blind set's: Apple Mail in Czech
('Začátek přeposílané zprávy:', Od / Předmět / Datum / Komu, no reply-to row; also with no note above it), Gmail on the
web in Swedish ('Från:', the date 'tors 23 apr. 2026 kl 10:12') and the new Outlook for Windows in Turkish (Kimden /
Tarih 'Çarşamba, 22 Nisan 2026 10:12' / Kime / (Bilgi) / Konu, no rule in the text part, subject 'İLT: ')."""

import json
import quopri
import re
from email import policy
from email.message import EmailMessage
from pathlib import Path

import pytest

from newsletters import split_newsletter
from newsletters.email_message import unflow
from newsletters.forward import unwrap

FOLDER = Path(__file__).resolve().parent / "fixtures" / "newsletters" / "tldr" / "tldr-ai-2026-04-22"
EXPECTED = json.loads((FOLDER / "expected.json").read_text(encoding="utf-8"))
TEXT = (FOLDER / "newsletter.txt").read_text(encoding="utf-8")
HTML = (FOLDER / "newsletter.html").read_text(encoding="utf-8")
SENDER, ADDRESS, SUBJECT = "TLDR AI", "dan@tldrnewsletter.com", "TLDR AI 2026-04-22"
ME = "Camille Roux <camille.roux@example.org>"
NOTE = "Worth a look, the agents part"


def _inner(html: str) -> str:
    return html.split("<body", 1)[1].split(">", 1)[1].rsplit("</body>", 1)[0]


def _email(text: str, html: str | None, subject: str = f"Fwd: {SUBJECT}", cte: str = "quoted-printable") -> bytes:
    msg = EmailMessage(policy=policy.SMTP)
    msg["From"], msg["To"], msg["Subject"] = ME, "team@example.org", subject
    msg["Date"] = "Thu, 23 Apr 2026 09:30:00 +0200"
    msg.set_content(text, charset="utf-8", cte=cte)
    if html is not None:
        msg.add_alternative(html, subtype="html", charset="utf-8", cte=cte)
    return msg.as_bytes()


def _check(raw, client: str, date: str, subject: str = SUBJECT) -> None:
    letter = split_newsletter(raw)
    assert (letter.forward, letter.subject, letter.source, letter.date) == (client, subject, SENDER, date)
    assert len(letter.items) == len(EXPECTED["items"])
    assert [item.sponsored for item in letter.items] == [item["sponsored"] for item in EXPECTED["items"]]
    assert not any(NOTE[:14] in item.title + item.content for item in letter.items)


def _gmail(from_label: str, date: str, from_html: str | None = None) -> tuple[str, str]:
    """Gmail on the web's forward, its text and HTML parts: the marker, the From line under `from_label` (the
    HTML may escape it: `from_html`), Date, Subject and To, the original under them."""
    text = (f"{NOTE}\n\n---------- Forwarded message ---------\n{from_label}: {SENDER} <{ADDRESS}>\nDate: {date}\n"
            f"Subject: {SUBJECT}\nTo: <camille.roux@example.org>\n\n\n{TEXT}")
    html = (f'<div dir="ltr">{NOTE}<br><br><div class="gmail_quote gmail_quote_container"><div dir="ltr" class="gmail_attr">'
            f'---------- Forwarded message ---------<br>{from_html or from_label}: <strong class="gmail_sendername" dir="auto">'
            f'{SENDER}</strong> <span dir="auto">&lt;<a href="mailto:{ADDRESS}">{ADDRESS}</a>&gt;</span><br>Date: {date}<br>'
            f'Subject: {SUBJECT}<br>To: &lt;<a href="mailto:camille.roux@example.org">camille.roux@example.org</a>&gt;<br>'
            f'</div><br><br>{_inner(HTML)}</div></div>')
    return text, html


def test_gmail_on_the_web_in_french():
    """'De :' with a no-break space (U+00A0 in text, &nbsp; in HTML), the rest English, the date French;
    and Gmail fully in French ('Message transféré', 'De :', 'Date :', 'Objet :', 'À :')."""
    date = "mer. 22 avr. 2026 à 10:12"
    text, html = _gmail("De\u00a0", date, "De&nbsp;")
    for raw in (text, html, _email(text, html)):
        _check(raw, "gmail", "2026-04-22T10:12:00")
    french = (f"{NOTE}\n\n---------- Message transféré ---------\nDe\u00a0: {SENDER} <{ADDRESS}>\nDate\u00a0: {date}\n"
              f"Objet\u00a0: {SUBJECT}\nÀ\u00a0: <camille.roux@example.org>\n\n\n{TEXT}")
    _check(french, "gmail", "2026-04-22T10:12:00")


def _flowed(text: str, width: int = 72) -> str:
    """text as a format=flowed writer sends it (RFC 3676): trailing spaces of hard lines stripped, a line
    that starts with a space, '>' or 'From ' stuffed with a space, long lines broken after a space (soft)"""
    out = []
    for line in text.split("\n"):
        line = line.rstrip(" ")
        if line.startswith((" ", ">", "From ")):
            line = " " + line
        while len(line) > width and " " in line[1:width]:
            cut = line.rindex(" ", 1, width) + 1
            out.append(line[:cut])
            line = line[cut:]
        out.append(line)
    return "\n".join(out)


def test_thunderbird_in_german_a_plain_text_forward_sent_as_format_flowed():
    """The rows tab-aligned, a long subject broken onto a second line as format=flowed does: read as one line."""
    long_subject = f"{SUBJECT}: Gemini 3.5 Flash-Lite, Mistral’s Paris cluster and leaky agent benchmarks"
    rows = (f"Betreff: \t{long_subject}\nDatum: \tWed, 22 Apr 2026 10:12:00 +0200\nVon: \t{SENDER} <{ADDRESS}>\n"
            f"Antwort an: \t{SENDER} <{ADDRESS}>\nAn: \tcamille.roux@example.org\n")
    text = f"{NOTE}\n\n-- \nCamille Roux\n\n\n-------- Weitergeleitete Nachricht --------\n{rows}\n\n\n{TEXT}"
    msg = EmailMessage(policy=policy.SMTP)
    msg["From"], msg["To"], msg["Subject"] = ME, "team@example.org", f"Fwd: {long_subject}"
    msg["Date"] = "Thu, 23 Apr 2026 09:30:00 +0200"
    msg.set_content(_flowed(text), charset="utf-8", cte="8bit")
    msg.replace_header("Content-Type", "text/plain; charset=UTF-8; format=flowed")
    raw = msg.as_bytes()
    assert re.search(rb"Betreff: \t.{20,70} \r?\n", raw)  # the subject is broken in the message as sent
    _check(raw, "generic", "2026-04-22T10:12:00+02:00", long_subject)
    html = (f'<p>{NOTE}</p><div class="moz-forward-container"><br><br>-------- Weitergeleitete Nachricht --------'
            '<table class="moz-email-headers-table" border="0" cellspacing="0" cellpadding="0"><tbody>'
            + "".join(f'<tr><th valign="BASELINE" nowrap="nowrap" align="RIGHT">{k}: </th><td>{v}</td></tr>'
                      for k, v in (("Betreff", SUBJECT), ("Datum", "Wed, 22 Apr 2026 10:12:00 +0200"),
                                   ("Von", f"{SENDER} &lt;{ADDRESS}&gt;"), ("An", "camille.roux@example.org")))
            + f"</tbody></table><br><br>{_inner(HTML)}</div>")
    _check(html, "generic", "2026-04-22T10:12:00+02:00")


def test_format_flowed_is_read_as_the_lines_written():
    """RFC 3676: soft breaks joined within one quote depth, DelSp's space dropped, stuffing taken off,
    the signature separator '-- ' kept as a line of its own."""
    assert unflow("Betreff: \tA long subject that \nruns on\n From here\n>> quoted and \n>> soft\n-- \nSam") == \
        "Betreff: \tA long subject that runs on\nFrom here\n>> quoted and soft\n-- \nSam"
    assert unflow("Zusammen\ngeschrieben \nund getrennt", delsp=True) == "Zusammen\ngeschriebenund getrennt"


def test_outlook_for_mac_in_english_and_german():
    for labels, date, iso in ((("From", "Date", "To", "Subject"), "Wednesday, April 22, 2026 at 10:12", "2026-04-22T10:12:00"),
                              (("Von", "Datum", "An", "Betreff"), "Mittwoch, 22. April 2026 um 10:12", "2026-04-22T10:12:00")):
        f, d, t, s = labels
        text = f"{NOTE}\n\n{f}: {SENDER} <{ADDRESS}>\n{d}: {date}\n{t}: {ME}\n{s}: {SUBJECT}\n\n{TEXT}"
        sp = 'style="font-size:12.0pt;color:black"'
        html = ('<html xmlns:o="urn:schemas-microsoft-com:office:office"><body lang="EN-US" style="word-wrap:break-word">'
                f'<div class="WordSection1"><p class="MsoNormal"><span style="font-size:12.0pt">{NOTE}<o:p></o:p></span></p>'
                '<p class="MsoNormal"><o:p>&nbsp;</o:p></p><div id="mail-editor-reference-message-container"><div>'
                '<div style="border:none;border-top:solid #B5C4DF 1.0pt;padding:3.0pt 0in 0in 0in">'
                f'<p class="MsoNormal" style="margin-bottom:12.0pt"><b><span {sp}>{f}: </span></b><span {sp}>{SENDER} '
                f'&lt;{ADDRESS}&gt;<br><b>{d}: </b>{date}<br><b>{t}: </b>Camille Roux &lt;camille.roux@example.org&gt;<br>'
                f'<b>{s}: </b>{SUBJECT}<o:p></o:p></span></p></div>{_inner(HTML)}</div></div></div></body></html>')
        for raw in (text, html, _email(text, html, f"FW: {SUBJECT}")):
            _check(raw, "outlook", iso)


def test_outlook_for_ios():
    sent = "Wednesday, April 22, 2026 10:12:03 AM"
    text = (f"{NOTE}\n\nGet Outlook for iOS<https://aka.ms/o0ukef>\n________________________________\n"
            f"From: {SENDER} <{ADDRESS}>\nSent: {sent}\nTo: camille.roux@example.org <camille.roux@example.org>\n"
            f"Subject: {SUBJECT}\n\n{TEXT}")
    html = (f'<html><body><div dir="ltr">{NOTE}</div><div dir="ltr"><br></div><div class="ms-outlook-ios-signature" '
            'id="ms-outlook-mobile-signature"><div dir="ltr">Get <a href="https://aka.ms/o0ukef">Outlook for iOS</a></div></div>'
            '<div id="mail-editor-reference-message-container" class="ms-outlook-mobile-reference-message">'
            '<hr style="display:inline-block;width:98%" tabindex="-1"><div id="divRplyFwdMsg" dir="ltr">'
            f'<font face="Calibri, sans-serif" style="font-size:11pt" color="#000000"><b>From:</b> {SENDER} &lt;{ADDRESS}&gt;<br>'
            f'<b>Sent:</b> {sent}<br><b>To:</b> camille.roux@example.org<br><b>Subject:</b> {SUBJECT}</font>'
            f'<div>&nbsp;</div></div><div>{_inner(HTML)}</div></div></body></html>')
    for raw in (text, html, _email(text, html)):
        _check(raw, "outlook", "2026-04-22T10:12:03")


def _spark_qp(body: str) -> str:
    """Spark's quoted-printable: the standard encoding, and '"', '@', '_', '#' escaped too"""
    encoded = quopri.encodestring(body.encode("utf-8")).decode("ascii")
    return re.sub(r'["@_#]', lambda m: f"={ord(m.group(0)):02X}", encoded)


def test_spark():
    """Ten dashes each side of 'Forwarded message' (Gmail writes nine after it): read as Gmail's block."""
    head = f"---------- Forwarded message ----------\nFrom: {SENDER} <{ADDRESS}>\nDate: 22 Apr 2026 at 10:12 +0200\n"
    text = f"{NOTE}\n\nCamille Roux\n\n{head}To: camille.roux@example.org\nSubject: {SUBJECT}\n\n{TEXT}"
    html = (f'<html xmlns="http://www.w3.org/1999/xhtml"><head><title></title></head><body>\n<div name="messageBodySection">'
            f'<div dir="auto">{NOTE}</div></div>\n<div name="messageSignatureSection"><br />Camille Roux</div>\n'
            f'<div name="messageReplySection">---------- Forwarded message ----------<br />\nFrom: {SENDER} &lt;{ADDRESS}&gt;<br />\n'
            f'Date: 22 Apr 2026 at 10:12 +0200<br />\nTo: camille.roux@example.org<br />\nSubject: {SUBJECT}<br />\n'
            f'<blockquote type="cite" class="spark_quote">{_inner(HTML)}</blockquote>\n</div>\n</body>\n</html>\n')
    msg = EmailMessage(policy=policy.SMTP)
    msg["From"], msg["To"], msg["Subject"], msg["Date"] = ME, "team@example.org", f"Fwd: {SUBJECT}", "Thu, 23 Apr 2026 09:30:00 +0200"
    msg.set_content(text, charset="utf-8", cte="quoted-printable")
    msg.add_alternative(html, subtype="html", charset="utf-8", cte="quoted-printable")
    for part, body in zip(msg.iter_parts(), (text, html)):
        part.set_payload(_spark_qp(body))
        part["Content-Disposition"] = "inline"
    raw = msg.as_bytes()
    assert b"=40" in raw and b"=5F" in raw
    for given in (text, html, raw):
        _check(given, "gmail", "2026-04-22T10:12:00")


@pytest.mark.parametrize("marker,labels", [
    ("Original Message", ("Subject", "Date", "From", "To")), ("Originalnachricht", ("Betreff", "Datum", "Von", "An")),
    ("Messaggio originale", ("Oggetto", "Data", "Mittente", "Destinatario")),
    ("Исходное сообщение", ("Тема", "Дата", "От", "Кому"))], ids=["en", "de", "it", "ru"])
def test_roundcube_in_its_languages(marker, labels):
    """Roundcube's compose.php: the marker between eight dashes, then Subject / Date / From / To in the
    user's language (labels.inc), the date in its default 'Y-m-d H:i'; in HTML a table of right-aligned rows."""
    values = (SUBJECT, "2026-04-22 10:12", f"{SENDER} <{ADDRESS}>", "camille.roux@example.org")
    text = (f"{NOTE}\n\n-- \nCamille Roux\n\n\n-------- {marker} --------\n"
            + "".join(f"{k}: {v}\n" for k, v in zip(labels, values)) + f"\n{TEXT}")
    rows = "".join(f'<tr><th align="right" nowrap="nowrap" valign="baseline">{k}: </th><td>{v.replace("<", "&lt;").replace(">", "&gt;")}</td></tr>'
                   for k, v in zip(labels, values))
    html = ("<html><body style='font-size: 10pt; font-family: Verdana,Geneva,sans-serif'>\n"
            f'<p>{NOTE}</p>\n<div id="signature">-- <br />Camille Roux</div>\n<br /><p>-------- {marker} --------</p>'
            f'<table border="0" cellpadding="0" cellspacing="0"><tbody>{rows}</tbody></table><br>'
            f'<div class="v1rcmBody">{_inner(HTML)}</div>\n</body></html>')
    for raw in (text, html, _email(text, html)):
        _check(raw, "outlook", "2026-04-22T10:12:00")


def test_mailru_in_russian_and_outlook_in_russian():
    date = "Среда, 22 апреля 2026, 10:12 +03:00"
    head = f"От кого: {SENDER} <{ADDRESS}>\nКому: camille.roux@example.org\nДата: {date}\nТема: {SUBJECT}\n"
    text = f"{NOTE}\n \n \n--\nОтправлено из Почты Mail.ru\n \n \n-------- Пересылаемое сообщение --------\n{head} \n{TEXT}"
    html = (f'<HTML><BODY><div>{NOTE}</div><div>&nbsp;</div><div data-signature-widget="container"><div data-signature-widget="content">'
            '<div>--<br>Отправлено из Почты <a href="https://trk.mail.ru/c/zzm979">Mail.ru</a></div></div></div><div>&nbsp;</div>'
            '<div style="background-color:#ffffff;"><div>-------- Пересылаемое сообщение --------<br>'
            + head.replace("<", "&lt;").replace(">", "&gt;").replace("\n", "<br>")
            + f'&nbsp;<div id=""><div class="js-helper js-readmsg-msg"><div><div id="style_1_BODY">{_inner(HTML)}</div></div></div></div></div></div></BODY></HTML>')
    for raw in (text, html, _email(text, html)):
        _check(raw, "generic", "2026-04-22T10:12:00+03:00")
    outlook = (f"{NOTE}\n\n________________________________\nОт: {SENDER} <{ADDRESS}>\nОтправлено: 22 апреля 2026 г. 10:12\n"
               f"Кому: {ME}\nТема: {SUBJECT}\n\n{TEXT}")
    _check(outlook, "outlook", "2026-04-22T10:12:00")


def test_a_russian_newsletters_own_lines_are_no_forward():
    """'Тема:' and 'Дата:' lines of a newsletter's own text, with no marker and no sender and recipient, are text."""
    assert unwrap("Дайджест недели\n\nТема: нейросети\nДата: 22 апреля 2026\n\nГлавное за неделю ...", "text") is None


# -- the eighth blind set's clients: K-9 Mail, Outlook on the web in Dutch, Apple Mail in German, GNOME Evolution,
# Gmail in Japanese and in Brazilian Portuguese, Yandex Mail ------------------------------------------------------

def test_k9_mail_on_android():
    """K-9's HEADER quote style (TextQuoteCreator / HtmlQuoteCreator): '-------- Original Message --------' and
    From: / Sent: / To: / Subject: in text; in HTML a Tahoma div with a rule and bold labels, inserted after the
    original's <body>; Sent in Java's LONG date and time ('April 22, 2026 at 10:12:03 AM GMT+2')."""
    sent = "April 22, 2026 at 10:12:03 AM GMT+2"
    signature = "Sent from my Android device with K-9 Mail. Please excuse my brevity."
    text = (f"{NOTE}\n\n-- \n{signature}\n\n-------- Original Message --------\nFrom: {SENDER} <{ADDRESS}>\nSent: {sent}\n"
            f"To: camille.roux@example.org\nSubject: {SUBJECT}\n\n{TEXT}")
    html = ('<!DOCTYPE html PUBLIC "-//W3C//DTD HTML 4.0 Transitional//EN">\n<html><head></head><body>'
            f'<div dir="auto">{NOTE}<br><br>-- <br>{signature}</div>\n'
            "<div style='font-size:10.0pt;font-family:\"Tahoma\",\"sans-serif\";padding:3.0pt 0in 0in 0in'>\n"
            "<hr style='border:none;border-top:solid #E1E1E1 1.0pt'>\n"
            f"<b>From:</b> {SENDER} &lt;{ADDRESS}&gt;<br>\n<b>Sent:</b> {sent}<br>\n<b>To:</b> camille.roux@example.org<br>\n"
            f"<b>Subject:</b> {SUBJECT}<br>\n</div>\n<br>\n{_inner(HTML)}</body></html>")
    for raw in (text, html, _email(text, html)):
        _check(raw, "outlook", "2026-04-22T10:12:03")  # the zone dropped, as for Apple Mail's 'GMT'


def test_outlook_on_the_web_in_dutch():
    """The English block's markup (the rule, divRplyFwdMsg) with Van / Verzonden / Aan / Onderwerp, the date
    Dutch ('woensdag 22 april 2026 10:12'); the subject keeps 'FW: '."""
    sent = "woensdag 22 april 2026 10:12"
    text = (f"{NOTE}\n\n________________________________\nVan: {SENDER} <{ADDRESS}>\nVerzonden: {sent}\n"
            f"Aan: camille.roux@example.org\nOnderwerp: {SUBJECT}\n\n{TEXT}")
    html = (f'<html><body dir="ltr"><div class="elementToProof">{NOTE}</div><div id="appendonsend"></div>'
            '<hr style="display:inline-block;width:98%" tabindex="-1"><div id="divRplyFwdMsg" dir="ltr">'
            f'<font face="Calibri, sans-serif" style="font-size:11pt" color="#000000"><b>Van:</b> {SENDER} &lt;{ADDRESS}&gt;<br>'
            f'<b>Verzonden:</b> {sent}<br><b>Aan:</b> camille.roux@example.org<br><b>Onderwerp:</b> {SUBJECT}</font>'
            f'<div>&nbsp;</div></div><div>{_inner(HTML)}</div></body></html>')
    for raw in (text, html, _email(text, html, f"FW: {SUBJECT}")):
        _check(raw, "outlook", "2026-04-22T10:12:00")


def test_apple_mail_in_german():
    """'Anfang der weitergeleiteten Nachricht:' and Von / Betreff / Datum / An / Antwort an, the date
    '22. April 2026 um 10:12:03 MESZ'; subject 'WG: '."""
    date = "22. April 2026 um 10:12:03 MESZ"
    text = (f"{NOTE}\n\nAnfang der weitergeleiteten Nachricht:\n\nVon: {SENDER} <{ADDRESS}>\nBetreff: {SUBJECT}\n"
            f"Datum: {date}\nAn: camille.roux@example.org\nAntwort an: {SENDER} <{ADDRESS}>\n\n{TEXT}")
    row = lambda k, v: f'<div style="margin: 0px;"><span><b>{k}: </b></span><span>{v}<br></span></div>'
    html = (f'<html aria-label="Nachrichtentext"><body style="overflow-wrap: break-word;">{NOTE}<br id="lineBreakAtBeginningOfMessage">'
            '<div><br><blockquote type="cite"><div>Anfang der weitergeleiteten Nachricht:</div><br class="Apple-interchange-newline">'
            + row("Von", f'{SENDER} &lt;<a href="mailto:{ADDRESS}">{ADDRESS}</a>&gt;') + row("Betreff", f"<b>{SUBJECT}</b>")
            + row("Datum", date) + row("An", "camille.roux@example.org") + row("Antwort an", f"{SENDER} &lt;{ADDRESS}&gt;")
            + f"<br><div>{_inner(HTML)}</div></blockquote></div><br></body></html>")
    for raw in (text, html, _email(text, html, f"WG: {SUBJECT}")):
        _check(raw, "apple", "2026-04-22T10:12:03+02:00")


def test_gnome_evolution():
    """Evolution's inline forward: '-------- Forwarded Message --------', then one div.-x-evo-paragraph per header
    with the label bold before the colon ('<b>From</b>: ...'), the date as the original's header."""
    date = "Wed, 22 Apr 2026 10:12:03 +0200"
    text = (f"{NOTE}\n\n-- \nCamille Roux\n\n-------- Forwarded Message --------\nFrom: {SENDER} <{ADDRESS}>\n"
            f"To: camille.roux@example.org\nSubject: {SUBJECT}\nDate: {date}\n\n{TEXT}")
    para = lambda x: f'<div class="-x-evo-paragraph" data-headers>{x}</div>'
    html = (f'<html><body><div>{NOTE}</div><div><br></div><div><span class="-x-evo-signature-wrapper"><span class="-x-evo-signature">'
            '<pre>-- <br>Camille Roux</pre></span></span></div><div><br></div><div>-------- Forwarded Message --------</div>'
            + para(f'<b>From</b>: {SENDER} &lt;<a href="mailto:{ADDRESS}">{ADDRESS}</a>&gt;') + para("<b>To</b>: camille.roux@example.org")
            + para(f"<b>Subject</b>: {SUBJECT}") + para(f"<b>Date</b>: {date}") + para("<br>") + f"{_inner(HTML)}</body></html>")
    for raw in (text, html, _email(text, html)):
        _check(raw, "generic", "2026-04-22T10:12:03+02:00")


@pytest.mark.parametrize("from_label,date,iso", [
    ("From", "2026年4月22日(水) 10:12", "2026-04-22T10:12:00"),
    ("De", "qua., 22 de abr. de 2026 às 10:12", "2026-04-22T10:12:00")], ids=["ja", "pt-BR"])
def test_gmail_on_the_web_in_japanese_and_brazilian_portuguese(from_label, date, iso):
    """Gmail's English marker and Date / Subject / To labels; From stays English in Japanese and is 'De:' in
    Brazilian Portuguese; the date in the user's language ('2026年4月22日(水) 10:12', 'qua., 22 de abr. de 2026 às 10:12')."""
    text, html = _gmail(from_label, date)
    for raw in (text, html, _email(text, html)):
        _check(raw, "gmail", iso)


def test_yandex_mail():
    """Yandex Mail: the Russian marker, then one unlabelled line with the date and the sender ('22.04.2026, 10:12,
    "TLDR AI" <dan@...>:'), the original, and the end marker; no subject in the block, so the subject is not
    checked here (a whole email keeps the forward's own 'Fwd: ...')."""
    start, end = "-------- Пересылаемое сообщение --------", "-------- Конец пересылаемого сообщения --------"
    line = f'22.04.2026, 10:12, "{SENDER}" <{ADDRESS}>:'
    text = f"{NOTE}\n \n \n{start}\n{line}\n \n{TEXT}\n \n{end}\n"
    html = (f"<div>{NOTE}</div><div>&nbsp;</div><div>&nbsp;</div><div>{start}</div>"
            f"<div>22.04.2026, 10:12, &#34;{SENDER}&#34; &lt;{ADDRESS}&gt;:</div><div>&nbsp;</div>{_inner(HTML)}<div>&nbsp;</div><div>{end}</div>")
    for raw in (text, html, _email(text, html)):
        letter = split_newsletter(raw)
        assert (letter.forward, letter.source, letter.date) == ("generic", SENDER, "2026-04-22T10:12:00")
        assert [item.sponsored for item in letter.items] == [item["sponsored"] for item in EXPECTED["items"]]
        assert not any(NOTE[:14] in item.title + item.content for item in letter.items)
    assert unwrap(f"Новости недели\n\n{line}\n\nТекст письма", "text") is None  # no marker above it: no forward


# -- the ninth blind set's clients: Tuta Mail in German, Apple Mail in Dutch, Gmail in Korean, Outlook on the web in
# Polish inside S/MIME multipart/signed, a Gmail forward forwarded on with Outlook on the web --------------------

def _html_only(html: str, subject: str) -> bytes:
    msg = EmailMessage(policy=policy.SMTP)
    msg["From"], msg["To"], msg["Subject"] = ME, "team@example.org", subject
    msg["Date"] = "Thu, 23 Apr 2026 09:30:00 +0200"
    msg.set_content(html, subtype="html", charset="utf-8", cte="quoted-printable")
    return msg.as_bytes()


def _smime_signed(raw: bytes) -> bytes:
    """The message S/MIME-signed: multipart/signed (protocol application/x-pkcs7-signature) holding its body and an
    smime.p7s part (a stand-in: nothing checks the signature)."""
    from email import message_from_bytes
    from email.message import MIMEPart
    msg = message_from_bytes(raw, policy=policy.SMTP)
    inner = MIMEPart(policy=policy.SMTP)
    inner["Content-Type"] = msg["Content-Type"]
    inner.set_payload(msg.get_payload())
    sig = MIMEPart(policy=policy.SMTP)
    sig["Content-Type"] = 'application/x-pkcs7-signature; name="smime.p7s"'
    sig["Content-Transfer-Encoding"] = "base64"
    sig["Content-Disposition"] = 'attachment; filename="smime.p7s"'
    sig.set_payload("MIIBCgYJKoZIhvcNAQcCoIIA+zCCAPcCAQE=\n")
    out = EmailMessage(policy=policy.SMTP)
    for name, value in msg.items():
        if name.lower() not in ("content-type", "content-transfer-encoding"):
            out[name] = value
    out["Content-Type"] = ('multipart/signed; protocol="application/x-pkcs7-signature"; micalg=2.16.840.1.101.3.4.2.1; '
                           'boundary="signed-1"')
    out.set_payload([inner, sig])
    return out.as_bytes()


def _tuta(address: str, inner: str, date: str = "22.4.2026, 10:12") -> str:
    """Tuta's HTML forward (its createResponseMailArgsForForwarding): the note, the account's signature, then
    Datum / Von (the address alone) / An / Betreff lines and the original in blockquote.tutanota_quote."""
    return ('<html><head><meta http-equiv="Content-Type" content="text/html; charset=UTF-8"></head><body>'
            f'<div>{NOTE}</div><div><br></div><div><br></div><div>--<br>Gesichert mit Tuta Mail:<br>https://tuta.com/free-email</div><br>'
            f'Datum: {date}<br>Von: {address}<br>An: camille.roux@example.org<br>Betreff: {SUBJECT}<br><br>'
            f'<blockquote class="tutanota_quote">{inner}</blockquote></body></html>')


def test_tuta_mail_in_german():
    """Tuta writes no text part, no marker and no display name: 'Datum: 22.4.2026, 10:12' / 'Von: dan@...' / 'An:'
    / 'Betreff:' above blockquote.tutanota_quote; subject 'FWD: '. Read as Outlook's block (From, Date, To, Subject).
    TLDR's body never spells its address's domain name ('tldrnewsletter'), so the source stays the address."""
    html = _tuta(ADDRESS, _inner(HTML))
    for raw in (html, _html_only(html, f"FWD: {SUBJECT}")):
        letter = split_newsletter(raw)
        assert (letter.forward, letter.subject, letter.source, letter.date) == ("outlook", SUBJECT, ADDRESS, "2026-04-22T10:12:00")
        assert [item.sponsored for item in letter.items] == [item["sponsored"] for item in EXPECTED["items"]]
        assert not any(NOTE[:14] in item.title + item.content for item in letter.items)


def test_a_sender_named_by_its_address_alone_takes_the_name_the_newsletter_spells():
    """An address alone ('Von: newsletter@brewline.co') names the newsletter by its domain where the newsletter's own
    text spells that name as a word with a capital ('your daily Brewline'); a domain seen only in links and
    addresses, or only in lower case, leaves the address as it is."""
    story = ('<h2><a href="https://example.com/a">Chipmakers race to glass substrates</a></h2><p>Three foundries said '
             'this week that glass cores will ship in 2027, two years ahead of plan, citing demand for larger packages.</p>'
             '<h2><a href="https://example.com/b">A weather model trained on forty years of radar</a></h2><p>The European '
             'centre released the model openly, with the training code and a year of forecasts to compare against.</p>')
    named = _tuta("newsletter@brewline.co", f'<p>Good morning, this is your daily Brewline.</p>{story}')
    assert split_newsletter(_html_only(named, "FWD: Glass")).source == "Brewline"
    unnamed = _tuta("newsletter@brewline.co", f'<p><a href="https://brewline.co/web">View online</a> · '
                                              f'brewline.co</p>{story}<p>Sent by newsletter@brewline.co</p>')
    assert split_newsletter(_html_only(unnamed, "FWD: Glass")).source == "newsletter@brewline.co"


def test_apple_mail_in_dutch():
    """'Begin doorgestuurd bericht:' and Van / Onderwerp / Datum / Aan / Antwoord aan, the date '22 april 2026 om
    10:12:03 CEST', the original in a cite blockquote."""
    date = "22 april 2026 om 10:12:03 CEST"
    text = (f"{NOTE}\n\nBegin doorgestuurd bericht:\n\nVan: {SENDER} <{ADDRESS}>\nOnderwerp: {SUBJECT}\nDatum: {date}\n"
            f"Aan: camille.roux@example.org\nAntwoord aan: {SENDER} <{ADDRESS}>\n\n{TEXT}")
    row = lambda k, v: f'<div style="margin: 0px;"><span><b>{k}: </b></span><span>{v}<br></span></div>'
    html = (f'<html aria-label="berichttekst"><body style="overflow-wrap: break-word;">{NOTE}<br id="lineBreakAtBeginningOfMessage">'
            '<div><br><blockquote type="cite"><div>Begin doorgestuurd bericht:</div><br class="Apple-interchange-newline">'
            + row("Van", f'{SENDER} &lt;<a href="mailto:{ADDRESS}">{ADDRESS}</a>&gt;') + row("Onderwerp", f"<b>{SUBJECT}</b>")
            + row("Datum", date) + row("Aan", "camille.roux@example.org") + row("Antwoord aan", f"{SENDER} &lt;{ADDRESS}&gt;")
            + f"<br><div>{_inner(HTML)}</div></blockquote></div><br></body></html>")
    for raw in (text, html, _email(text, html)):
        _check(raw, "apple", "2026-04-22T10:12:03+02:00")


@pytest.mark.parametrize("date,iso", [("2026년 4월 22일 (수) 오전 10:12", "2026-04-22T10:12:00"),
                                      ("2026년 4월 22일 (수) 오후 3:05", "2026-04-22T15:05:00")], ids=["am", "pm"])
def test_gmail_on_the_web_in_korean(date, iso):
    """Gmail in Korean: the English marker and Date / Subject / To labels, the sender's label '보낸사람:', the date
    Korean ('2026년 4월 22일 (수) 오전 10:12': 년 월 일, the weekday in brackets, 오전 AM / 오후 PM)."""
    text, html = _gmail("보낸사람", date)
    for raw in (text, html, _email(text, html)):
        _check(raw, "gmail", iso)


def test_outlook_on_the_web_in_polish_signed_with_smime():
    """Outlook on the web in Polish: the rule and divRplyFwdMsg with Od / Wysłane ('środa, 22 kwietnia 2026 10:12') /
    Do / Temat, subject 'PD: '; the whole forward S/MIME-signed (multipart/signed holding the alternative and
    smime.p7s), as Outlook sends it with a certificate."""
    sent = "środa, 22 kwietnia 2026 10:12"
    text = (f"{NOTE}\n\n________________________________\nOd: {SENDER} <{ADDRESS}>\nWysłane: {sent}\n"
            f"Do: camille.roux@example.org\nTemat: {SUBJECT}\n\n{TEXT}")
    html = (f'<html><body dir="ltr"><div class="elementToProof">{NOTE}</div><div id="appendonsend"></div>'
            '<hr style="display:inline-block;width:98%" tabindex="-1"><div id="divRplyFwdMsg" dir="ltr">'
            f'<font face="Calibri, sans-serif" style="font-size:11pt" color="#000000"><b>Od:</b> {SENDER} &lt;{ADDRESS}&gt;<br>'
            f'<b>Wysłane:</b> {sent}<br><b>Do:</b> camille.roux@example.org<br><b>Temat:</b> {SUBJECT}</font>'
            f'<div>&nbsp;</div></div><div>{_inner(HTML)}</div></body></html>')
    plain = _email(text, html, f"PD: {SUBJECT}")
    for raw in (text, html, plain, _smime_signed(plain)):
        _check(raw, "outlook", "2026-04-22T10:12:00")


def test_a_gmail_forward_forwarded_on_with_outlook_on_the_web():
    """A forward of a forward: Outlook on the web's block names the first forwarder and 'Fwd: ...', Gmail's block
    inside it the newsletter; the original's subject, sender and date come out, subject 'FW: Fwd: '."""
    gmail_text, gmail_html = _gmail("From", "Wed, Apr 22, 2026 at 10:12 AM")
    sent, first = "Thursday, April 23, 2026 9:30 AM", "Camille Roux <camille.roux@example.org>"
    text = (f"FYI, from Camille\n\n________________________________\nFrom: {first}\nSent: {sent}\nTo: team@example.org\n"
            f"Subject: Fwd: {SUBJECT}\n\n{gmail_text}")
    html = (f'<html><body dir="ltr"><div class="elementToProof">FYI, from Camille</div><div id="appendonsend"></div>'
            '<hr style="display:inline-block;width:98%" tabindex="-1"><div id="divRplyFwdMsg" dir="ltr">'
            f'<font face="Calibri, sans-serif" style="font-size:11pt" color="#000000"><b>From:</b> Camille Roux &lt;camille.roux@example.org&gt;<br>'
            f'<b>Sent:</b> {sent}<br><b>To:</b> team@example.org<br><b>Subject:</b> Fwd: {SUBJECT}</font>'
            f'<div>&nbsp;</div></div><div>{gmail_html}</div></body></html>')
    for raw in (text, html, _email(text, html, f"FW: Fwd: {SUBJECT}")):
        _check(raw, "gmail", "2026-04-22T10:12:00")


# The tenth blind set's client styles: QQ Mail (GB18030), Thunderbird in French, Seznam in Czech, Outlook for Android,
# Gmail in Spanish; multipart/related around the alternative, format=flowed wrapped, long base64 lines ---------------

def _gb18030(text: str, html: str, subject: str) -> bytes:
    """QQ Mail's message: both parts GB18030 in base64 (the subject an encoded word in GB18030)."""
    msg = EmailMessage(policy=policy.SMTP)
    msg["From"], msg["To"], msg["Subject"] = "周琳 <zhou.lin@qq.com>", "team@example.cn", subject
    msg["Date"] = "Thu, 23 Apr 2026 09:30:00 +0800"
    msg.set_content(text.encode("gb18030"), "text", "plain", cte="base64")
    msg.add_alternative(html.encode("gb18030"), "text", "html", cte="base64")
    for part in msg.iter_parts():
        part.set_param("charset", "gb18030")
    return msg.as_bytes()


@pytest.mark.parametrize("half,date,iso", [("上午", "10:12", "2026-04-22T10:12:00"), ("下午", "3:05", "2026-04-22T15:05:00"),
                                           ("中午", "12:40", "2026-04-22T12:40:00")], ids=["am", "pm", "noon"])
def test_qq_mail_in_chinese_in_gb18030(half, date, iso):
    """QQ Mail: '------------------ 原始邮件 ------------------' (&nbsp; around the words in HTML), then bold
    发件人 ('"Name"<a@b>;': quoted, no space, a ';' after) / 发送时间 ('2026年4月22日(星期三) 上午10:12', the part of the
    day a word) / 收件人 / 主题 in a grey box, the original unquoted; subject '转发：'; the message GB18030 in base64."""
    sent = f"2026年4月22日(星期三) {half}{date}"
    note = "这期值得一看，特别是智能体那部分。"
    text = (f"{note}\n\n\n------------------ 原始邮件 ------------------\n发件人: \"{SENDER}\"<{ADDRESS}>;\n发送时间: {sent}\n"
            f"收件人: \"周琳\"<zhou.lin@qq.com>;\n主题: {SUBJECT}\n\n\n\n{TEXT}")
    box = "".join(f"<div><b>{k}:</b>&nbsp;{v}</div>" for k, v in (
        ("发件人", f"&quot;{SENDER}&quot;&lt;{ADDRESS}&gt;;"), ("发送时间", sent), ("收件人", "&quot;周琳&quot;&lt;zhou.lin@qq.com&gt;;<wbr>"),
        ("主题", SUBJECT)))
    html = (f'<meta http-equiv="Content-Type" content="text/html; charset=GB18030"><div>{note}</div><div><br></div>'
            '<div style="font-size: 12px;font-family: Arial Narrow;padding:2px 0 2px 0;">------------------&nbsp;原始邮件'
            f'&nbsp;------------------</div><div style="font-size: 12px;background:#efefef;padding:8px;">{box}</div>'
            f"<div><br></div>{_inner(HTML)}")
    raw = _gb18030(text, html, f"转发：{SUBJECT}")
    assert b"base64" in raw and "原始邮件".encode("gb18030") not in raw
    for form in (text, html, raw):
        letter = split_newsletter(form)
        assert (letter.subject, letter.source, letter.date) == (SUBJECT, SENDER, iso)
        assert len(letter.items) == len(EXPECTED["items"])
        assert not any(note[:6] in item.title + item.content for item in letter.items)


def test_thunderbird_in_french():
    """'-------- Message transféré --------' over the moz-email-headers-table (Sujet / Date / De / Répondre à / Pour,
    a space before each colon), the Date row the original's header; tab-aligned rows in the text part."""
    rows = (("Sujet", SUBJECT), ("Date", "Wed, 22 Apr 2026 10:12:44 +0200"), ("De", f"{SENDER} <{ADDRESS}>"),
            ("Répondre à", f"{SENDER} <{ADDRESS}>"), ("Pour", "camille.roux@example.org"))
    text = (f"{NOTE}\n\n\n-------- Message transféré --------\n" + "".join(f"{k} : \t{v}\n" for k, v in rows)
            + f"\n\n\n{TEXT}")
    html = (f'<p>{NOTE}</p><div class="moz-forward-container"><br><br>-------- Message transféré --------'
            '<table class="moz-email-headers-table" border="0" cellspacing="0" cellpadding="0"><tbody>'
            + "".join(f'<tr><th valign="BASELINE" nowrap="nowrap" align="RIGHT">{k}&nbsp;: </th><td>'
                      f'{v.replace("<", "&lt;").replace(">", "&gt;")}</td></tr>' for k, v in rows)
            + f"</tbody></table><br><br>{_inner(HTML)}</div>")
    for raw in (text, html, _email(text, html, f"Fwd: {SUBJECT}")):
        _check(raw, "generic", "2026-04-22T10:12:44+02:00")


def test_seznam_webmail_in_czech():
    """Seznam.cz: the note, '---------- Původní e-mail ----------' and Od / Komu / Datum ('22. 4. 2026 10:12:03', day
    first) / Předmět, the original unquoted after it; the whole message in base64."""
    head = (f"---------- Původní e-mail ----------\nOd: {SENDER} <{ADDRESS}>\nKomu: camille.roux@example.org\n"
            f"Datum: 22. 4. 2026 10:12:03\nPředmět: {SUBJECT}")
    text = f"{NOTE}\n\n{head}\n{TEXT}"
    html = (f"<div>{NOTE}</div><div><br></div><div>"
            + head.replace("<", "&lt;").replace(">", "&gt;").replace("\n", "<br>") + f"<br></div><div>{_inner(HTML)}</div>")
    for raw in (text, html, _email(text, html, f"Fwd: {SUBJECT}", cte="base64")):
        _check(raw, "outlook", "2026-04-22T10:12:03")


def test_outlook_for_android():
    """'Get Outlook for Android' (aka.ms/AAb9ysg) in div#ms-outlook-mobile-signature, the rule, divRplyFwdMsg with bold
    From / Sent ('Wednesday, April 22, 2026 10:12:03 AM') / To / Subject; subject 'FW: '."""
    sent = "Wednesday, April 22, 2026 10:12:03 AM"
    text = (f"{NOTE}\n\nGet Outlook for Android<https://aka.ms/AAb9ysg>\n________________________________\n"
            f"From: {SENDER} <{ADDRESS}>\nSent: {sent}\nTo: camille.roux@example.org <camille.roux@example.org>\n"
            f"Subject: {SUBJECT}\n\n{TEXT}")
    html = (f'<html><body><div dir="auto">{NOTE}</div><div id="ms-outlook-mobile-body-separator-line" dir="auto"><br></div>'
            '<div id="ms-outlook-mobile-signature" dir="auto">Get <a href="https://aka.ms/AAb9ysg">Outlook for Android</a></div>'
            '<hr style="display:inline-block;width:98%" tabindex="-1"><div id="divRplyFwdMsg" dir="ltr">'
            f'<font face="Calibri, sans-serif" style="font-size:11pt" color="#000000"><b>From:</b> {SENDER} &lt;{ADDRESS}&gt;<br>'
            f'<b>Sent:</b> {sent}<br><b>To:</b> camille.roux@example.org<br><b>Subject:</b> {SUBJECT}</font>'
            f'<div>&nbsp;</div></div><div>{_inner(HTML)}</div></body></html>')
    for raw in (text, html, _email(text, html, f"FW: {SUBJECT}")):
        _check(raw, "outlook", "2026-04-22T10:12:03")


def test_gmail_on_the_web_in_spanish():
    """Gmail set to Spanish: the English marker and Date / Subject / To labels, 'De:' for From, the date Spanish
    ('mié, 22 abr 2026 a las 10:12')."""
    date = "mié, 22 abr 2026 a las 10:12"
    text, html = _gmail("De", date)
    for raw in (text, html, _email(text, html)):
        _check(raw, "gmail", "2026-04-22T10:12:00")


def _wrap_base64(raw: bytes, width: int) -> bytes:
    """every base64 body of the message in lines of `width` characters instead of 76"""
    def rewrap(m: re.Match) -> bytes:
        data = b"".join(m.group(2).split())
        return m.group(1) + b"\r\n".join(data[i:i + width] for i in range(0, len(data), width)) + b"\r\n"
    return re.sub(rb"(Content-Transfer-Encoding: base64\r?\n(?:[^\r\n]+\r?\n)*\r?\n)((?:[A-Za-z0-9+/=]+\r?\n)+)", rewrap, raw)


def test_related_around_the_alternative_flowed_text_and_long_base64_lines():
    """A newsletter sent as Apple Mail writes one with pictures (multipart/related around the alternative, the HTML's
    cid: images beside it), its text part format=flowed and really wrapped, and both parts base64 in 996-character
    lines: the headers' subject, date and source, and the HTML part's items."""
    msg = EmailMessage(policy=policy.SMTP)
    msg["From"], msg["To"], msg["Subject"] = f"{SENDER} <{ADDRESS}>", "camille.roux@example.org", SUBJECT
    msg["Date"] = "Wed, 22 Apr 2026 10:12:00 +0000"
    msg.set_content(_flowed(TEXT), charset="utf-8", cte="base64")
    msg.get_body(("plain",)).set_param("format", "flowed")
    msg.get_body(("plain",)).set_param("delsp", "no")
    msg.add_alternative(HTML.replace("<body", '<body><img src="cid:logo@tldr" alt=""><br', 1), subtype="html",
                        charset="utf-8", cte="base64")
    from email.message import MIMEPart
    inner = MIMEPart(policy=policy.SMTP)  # (make_related() refuses to wrap an alternative)
    inner["Content-Type"] = msg["Content-Type"]
    inner.set_payload(msg.get_payload())
    del msg["Content-Type"]
    msg["Content-Type"] = 'multipart/related; type="multipart/alternative"'
    msg.set_payload([inner])
    msg.add_related(b"\x89PNG\r\n\x1a\n" + bytes(32), "image", "png", cid="<logo@tldr>", disposition="inline",
                    filename="logo.png")
    raw = _wrap_base64(msg.as_bytes(), 996)
    assert b"multipart/related" in raw and re.search(rb"\n[A-Za-z0-9+/]{996}\r?\n", raw)
    letter = split_newsletter(raw)
    assert (letter.subject, letter.source, letter.date) == (SUBJECT, SENDER, "2026-04-22T10:12:00+00:00")
    assert [item.title for item in letter.items] == [item.title for item in split_newsletter(HTML).items]
    assert len(letter.items) == len(EXPECTED["items"])
    from newsletters.email_message import read_message
    plain = dict(read_message(raw).bodies)["text/plain"]
    assert plain.replace("\r\n", "\n").strip() == "\n".join(line.rstrip(" ") for line in TEXT.split("\n")).strip()


# The eleventh blind set's client styles: Gmail in Dutch and in Russian (localized throughout), Zimbra in French, HCL
# Notes; a copy's own header lines ------------------------------------------------------------------------------------

def _gmail_localized_throughout(marker: str, labels: tuple[str, str, str, str], date: str) -> tuple[str, str]:
    """Gmail on the web in a language whose forward block it translates whole: the marker and the four labels"""
    f, d, s, t = labels
    text = (f"{NOTE}\n\n{marker}\n{f}: {SENDER} <{ADDRESS}>\n{d}: {date}\n{s}: {SUBJECT}\n"
            f"{t}: <camille.roux@example.org>\n\n\n{TEXT}")
    html = (f'<div dir="ltr">{NOTE}<br><br><div class="gmail_quote gmail_quote_container"><div dir="ltr" class="gmail_attr">'
            f'{marker}<br>{f}: <strong class="gmail_sendername" dir="auto">{SENDER}</strong> <span dir="auto">&lt;'
            f'<a href="mailto:{ADDRESS}">{ADDRESS}</a>&gt;</span><br>{d}: {date}<br>{s}: {SUBJECT}<br>{t}: &lt;'
            f'<a href="mailto:camille.roux@example.org">camille.roux@example.org</a>&gt;<br></div><br><br>{_inner(HTML)}</div></div>')
    return text, html


@pytest.mark.parametrize("marker,labels,date", [
    ("---------- Doorgestuurd bericht ---------", ("Van", "Datum", "Onderwerp", "Aan"), "wo 22 apr 2026 om 10:12"),
    ("---------- Пересылаемое сообщение ---------", ("От", "Дата", "Тема", "Кому"), "Ср, 22 апр. 2026 г. в 10:12"),
    ("---------- Пересылаемое сообщение ---------", ("От", "Дата", "Тема", "Кому"), "среда, 22 апреля 2026 г. в 10:12"),
], ids=["dutch", "russian", "russian-long"])
def test_gmail_on_the_web_in_dutch_and_russian(marker, labels, date):
    text, html = _gmail_localized_throughout(marker, labels, date)
    for raw in (text, html, _email(text, html)):
        _check(raw, "gmail", "2026-04-22T10:12:00")


def test_zimbra_in_french():
    """Zimbra: in the text part '----- Mail transféré -----' over De / À / Envoyé ('Mercredi 22 Avril 2026 10:12:03')
    / Objet; in the HTML the note's 12pt div, hr#zwchr (no marker line), the bold labels and the original in the
    __HEADERS__ and __QUOTED_TEXT__ divs. A client's own marker: 'generic', not Outlook's marker-less block."""
    sent = "Mercredi 22 Avril 2026 10:12:03"
    text = (f"{NOTE}\n\n----- Mail transféré -----\nDe: \"{SENDER}\" <{ADDRESS}>\nÀ: camille.roux@example.org\n"
            f"Envoyé: {sent}\nObjet: {SUBJECT}\n\n{TEXT}")
    html = ('<html><body><div style="font-family: arial, helvetica, sans-serif; font-size: 12pt; color: #000000">'
            f'<div>{NOTE}</div><div><br></div><hr id="zwchr" data-marker="__DIVIDER__"><div data-marker="__HEADERS__">'
            f'<b>De: </b>"{SENDER}" &lt;{ADDRESS}&gt;<br><b>À: </b>camille.roux@example.org<br><b>Envoyé: </b>{sent}<br>'
            f'<b>Objet: </b>{SUBJECT}<br></div><br><div data-marker="__QUOTED_TEXT__">{_inner(HTML)}</div></div></body></html>')
    for raw in (text, html, _email(text, html)):
        _check(raw, "generic", "2026-04-22T10:12:03")
    older = html.replace(' data-marker="__DIVIDER__"', "")  # (before Zimbra 8.8: the rule without its data-marker)
    _check(older, "generic", "2026-04-22T10:12:03")


@pytest.mark.parametrize("dashes", [5, 22], ids=["notes-9", "enron-era"])
def test_hcl_notes(dashes):
    """Notes: '----- Forwarded by Name/Org on DATE -----' (the dashes as wide as the client makes them), a From / To
    / Date ('04/22/2026 10:12 AM') / Subject table with grey labels, a rule, the original unquoted; subject 'Fw: '."""
    marker = f"{'-' * dashes} Forwarded by Camille Roux/Research/Northbeam on 04/22/2026 11:40 AM {'-' * dashes}"
    rows = (("From", f"{SENDER} <{ADDRESS}>"), ("To", "camille.roux@example.org"), ("Date", "04/22/2026 10:12 AM"),
            ("Subject", SUBJECT))
    text = f"{NOTE}\n\n{marker}\n\n" + "".join(f"{k}:\t{v}\n" for k, v in rows) + f"\n\n\n{TEXT}"
    table = "".join(f'<tr valign=top><td width=1%><font size=1 color=#5f5f5f face="sans-serif">{k}:</font>'
                    f'<td width=100%><font size=1 face="sans-serif">{v.replace("<", "&lt;").replace(">", "&gt;")}</font>'
                    for k, v in rows)
    html = (f'<font size=2 face="sans-serif">{NOTE}</font><br><br><font size=1 color=#800080 face="sans-serif">{marker}'
            f'</font><br><br><table width=100%>{table}</table><br><hr width=100% size=2 align=left noshade><br>{_inner(HTML)}')
    for raw in (text, html, _email(text, html, f"Fw: {SUBJECT}")):
        _check(raw, "generic", "2026-04-22T10:12:00")


def test_a_copys_own_header_lines_give_the_headers_but_name_no_forward():
    """A note-taking tool's copy of a message with its header lines at the top (under at most a title) or at its end:
    the original's subject, date and source, the newsletter's own items, and no forward; the same lines under a
    note are a forward (Outlook's block has no marker), and so are they at the top of a message's part."""
    head = (f"From: {SENDER} <{ADDRESS}>\nTo: camille.roux@example.org\nDate: Wed, 22 Apr 2026 10:12:00 +0000\n"
            f"Subject: {SUBJECT}\n")
    russian = f"От кого: {SENDER} <{ADDRESS}>\nКому: camille.roux@example.org\nДата: 22 апреля 2026 г., 10:12\nТема: {SUBJECT}\n"
    for copy in (f"{head}\n{TEXT}", f"# {SUBJECT}\n\n{head}\n{TEXT}", f"{SUBJECT}\n{'=' * 20}\n\n{russian}\n* * *\n\n{TEXT}"):
        letter = split_newsletter(copy)
        assert (letter.forward, letter.subject, letter.source, letter.date[:10]) == (None, SUBJECT, SENDER, "2026-04-22")
        assert len(letter.items) == len(EXPECTED["items"])
    # at the end of a short copy (a header block is looked for in the first 80 lines): the body stands above it
    body = ("## Harbour cranes go electric\n\nThe port replaced its last diesel crane this spring; the new ones run on a "
            "battery bank charged overnight.\n\n## A ferry timetable drafted by a model\n\nPlanners now check the draft "
            "instead of writing it, and the winter schedule came out two weeks early.\n")
    ports = ("**Da:** Port Notes <hello@portnotes.example>  \n**A:** lettore@example.it  \n**Data:** mercoledì 22 aprile "
             "2026, 10:12  \n**Oggetto:** Gru elettriche in porto\n")
    letter = split_newsletter(f"{body}\n---\n\n{ports}")
    assert (letter.forward, letter.subject, letter.source, letter.date) == (None, "Gru elettriche in porto", "Port Notes",
                                                                            "2026-04-22T10:12:00")
    assert [item.title for item in letter.items] == ["Harbour cranes go electric", "A ferry timetable drafted by a model"]
    _check(f"{NOTE}\n\n{head}\n{TEXT}", "outlook", "2026-04-22T10:12:00+00:00")
    letter = split_newsletter(_email(f"{head}\n{TEXT}", None))
    assert (letter.forward, letter.subject, letter.source) == ("outlook", SUBJECT, SENDER)


# The twelfth blind set's client styles: SquirrelMail 1.4 and Horde IMP in German (text only), iOS Mail in Spanish,
# Outlook on the web in Japanese ----------------------------------------------------------------------------------

def test_squirrelmail():
    """SquirrelMail 1.4's inline forward (compose.php's getforwardHeader): ' Original Message ' centred in a rule of
    dashes, Subject / From / Date / To padded to the longest label, the date as getLongDateString writes it, a rule;
    read as Outlook's '-----Original Message-----'."""
    rule = " Original Message ".center(74, "-")
    text = (f"{NOTE}\n\n{rule}\nSubject: {SUBJECT}\nFrom:    {SENDER} <{ADDRESS}>\nDate:    Wed, April 22, 2026 10:12 am\n"
            f"To:      camille.roux@example.org\n{'-' * 74}\n\n{TEXT}")
    for raw in (text, _email(text, None)):
        _check(raw, "outlook", "2026-04-22T10:12:00")


@pytest.mark.parametrize("marker,labels,end", [
    ("Weitergeleitete Nachricht von", ("Datum", "Von", "Antwort an", "Betreff", "An"),
     "Ende der weitergeleiteten Nachricht"),
    ("Forwarded message from", ("Date", "From", "Reply-To", "Subject", "To"), "End forwarded message"),
], ids=["german", "english"])
def test_horde_imp(marker, labels, end):
    """Horde IMP's inline forward (IMP_Compose::forwardMessageText): '----- Forwarded message from <From> -----' (in
    German 'Weitergeleitete Nachricht von'), Date / From / Reply-To / Subject / To right-aligned to the longest label,
    the original's Date header as written, the original unquoted and '----- End forwarded message -----'. A client's
    own marker: 'generic', not Outlook's marker-less block."""
    values = ("Wed, 22 Apr 2026 10:12:00 +0000", f"{SENDER} <{ADDRESS}>", f"{SENDER} <{ADDRESS}>", SUBJECT,
              "camille.roux@example.org")
    width = max(map(len, labels)) + 2
    head = "".join(f"{label}: ".rjust(width) + value + "\n" for label, value in zip(labels, values))
    text = (f"{NOTE}\n\n----- {marker} {SENDER} <{ADDRESS}> -----\n{head}\n{TEXT.rstrip()}\n\n----- {end} -----\n\n-- \n"
            "Camille Roux\nNorthbeam Research\n")
    for raw in (text, _email(text, None, f"Fwd: {SUBJECT}")):
        _check(raw, "generic", "2026-04-22T10:12:00+00:00")


def test_ios_mail_in_spanish():
    """iOS Mail in Spanish: 'Enviado desde mi iPhone', 'Inicio del mensaje reenviado:' in a cite blockquote, bold De /
    Fecha ('22 de abril de 2026, 10:12:03 CEST') / Para / Asunto / Responder a, the original after a U+FEFF."""
    date = "22 de abril de 2026, 10:12:03 CEST"
    text = (f"{NOTE}\n\nEnviado desde mi iPhone\n\nInicio del mensaje reenviado:\n\nDe: {SENDER} <{ADDRESS}>\nFecha: {date}\n"
            f"Para: camille.roux@example.org\nAsunto: {SUBJECT}\nResponder a: {SENDER} <{ADDRESS}>\n\n\ufeff{TEXT}")
    html = ('<html><body dir="auto"><div dir="ltr">' + NOTE + '</div><div dir="ltr"><br></div><div dir="ltr">Enviado desde '
            'mi iPhone</div><div dir="ltr"><br><blockquote type="cite">Inicio del mensaje reenviado:<br><br></blockquote></div>'
            f'<blockquote type="cite"><div dir="ltr"><b>De:</b> {SENDER} &lt;{ADDRESS}&gt;<br><b>Fecha:</b> {date}<br>'
            f'<b>Para:</b> camille.roux@example.org<br><b>Asunto:</b> <b>{SUBJECT}</b><br><b>Responder a:</b> {SENDER} '
            f'&lt;{ADDRESS}&gt;<br><br></div></blockquote><blockquote type="cite"><div dir="ltr">\ufeff{_inner(HTML)}</div>'
            '</blockquote></body></html>')
    for raw in (text, html, _email(text, html)):
        _check(raw, "apple", "2026-04-22T10:12:03+02:00")


def test_outlook_on_the_web_in_japanese():
    """The English block's markup (the rule, divRplyFwdMsg) with bold 差出人 / 送信日時 ('2026年4月22日 10:12') / 宛先 / 件名
    and an ASCII colon; the subject keeps 'FW: '."""
    sent = "2026年4月22日 10:12"
    text = (f"{NOTE}\n\n________________________________\n差出人: {SENDER} <{ADDRESS}>\n送信日時: {sent}\n"
            f"宛先: camille.roux@example.org\n件名: {SUBJECT}\n\n{TEXT}")
    html = (f'<html><body dir="ltr"><div class="elementToProof">{NOTE}</div><div id="appendonsend"></div>'
            '<hr style="display:inline-block;width:98%" tabindex="-1"><div id="divRplyFwdMsg" dir="ltr">'
            f'<font face="Calibri, sans-serif" style="font-size:11pt" color="#000000"><b>差出人:</b> {SENDER} &lt;{ADDRESS}&gt;<br>'
            f'<b>送信日時:</b> {sent}<br><b>宛先:</b> camille.roux@example.org<br><b>件名:</b> {SUBJECT}</font>'
            f'<div>&nbsp;</div></div><div>{_inner(HTML)}</div></body></html>')
    for raw in (text, html, _email(text, html, f"FW: {SUBJECT}")):
        _check(raw, "outlook", "2026-04-22T10:12:00")


# The thirteenth blind set's client styles: Apple Mail in French, Thunderbird in Italian, Outlook for Windows in Swedish --

def _apple_forward(marker: str, aria: str, labels: tuple[str, ...], date: str, note: str = NOTE) -> tuple[str, str]:
    """An Apple Mail (macOS) forward in another language, as text and as HTML: the marker in the cite blockquote,
    then bold From / Subject / Date / To (/ Reply-To: where a fifth label is given) rows under labels (in that order)
    with no space before the colon; the forwarder's note above it (none where note is '')."""
    sender, subject, when, to, *reply = labels
    text = (f"{note}\n\n{marker}\n\n{sender}: {SENDER} <{ADDRESS}>\n{subject}: {SUBJECT}\n{when}: {date}\n"
            f"{to}: camille.roux@example.org\n" + "".join(f"{r}: {SENDER} <{ADDRESS}>\n" for r in reply) + f"\n{TEXT}")
    row = lambda k, v: f'<div style="margin: 0px;"><span style="color:rgba(0, 0, 0, 1.0);"><b>{k}: </b></span><span>{v}<br></span></div>'
    html = (f'<html aria-label="{aria}"><body style="overflow-wrap: break-word;">{note}<br id="lineBreakAtBeginningOfMessage">'
            f'<div><br><blockquote type="cite"><div>{marker}</div><br class="Apple-interchange-newline">'
            + row(sender, f"{SENDER} &lt;<a href=\"mailto:{ADDRESS}\">{ADDRESS}</a>&gt;") + row(subject, f"<b>{SUBJECT}</b>")
            + row(when, date) + row(to, "camille.roux@example.org") + "".join(row(r, f"{SENDER} &lt;{ADDRESS}&gt;") for r in reply)
            + f"<br><div>{_inner(HTML)}</div></blockquote></div><br></body></html>")
    return text, html


def test_apple_mail_in_french():
    """Apple Mail (macOS) in French: 'Début du message réexpédié :' in the cite blockquote, bold De / Objet / Date ('22
    avril 2026 à 10:12:03 UTC+2') / À / Répondre à with no space before the colon; subject 'Fwd: '."""
    text, html = _apple_forward("Début du message réexpédié :", "Corps du message", ("De", "Objet", "Date", "À", "Répondre à"),
                                "22 avril 2026 à 10:12:03 UTC+2")
    for raw in (text, html, _email(text, html)):
        _check(raw, "apple", "2026-04-22T10:12:03+02:00")


def test_thunderbird_in_italian():
    """Thunderbird in Italian: '-------- Messaggio Inoltrato --------' over Oggetto / Data (the original's Date header
    as written) / Mittente / Rispondi a / A rows, a tab after the colon in text, moz-email-headers-table in HTML."""
    rows = [("Oggetto", SUBJECT), ("Data", "Wed, 22 Apr 2026 10:12:00 +0000"), ("Mittente", f"{SENDER} <{ADDRESS}>"),
            ("Rispondi a", f"{SENDER} <{ADDRESS}>"), ("A", "camille.roux@example.org")]
    text = f"{NOTE}\n\n\n-------- Messaggio Inoltrato --------\n" + "".join(f"{k}: \t{v}\n" for k, v in rows) + f"\n\n\n{TEXT}"
    table = "".join(f'<tr><th valign="BASELINE" nowrap="nowrap" align="RIGHT">{k}: </th><td>{v.replace("<", "&lt;").replace(">", "&gt;")}</td></tr>'
                    for k, v in rows)
    html = (f'<!DOCTYPE html><html><body><p>{NOTE}</p><div class="moz-forward-container"><br><br>-------- Messaggio Inoltrato --------'
            f'<table class="moz-email-headers-table" border="0" cellspacing="0" cellpadding="0"><tbody>{table}</tbody></table>'
            f'<br><br>{_inner(HTML)}</div></body></html>')
    for raw in (text, html, _email(text, html, f"Fwd: {SUBJECT}")):
        _check(raw, "generic", "2026-04-22T10:12:00+00:00")


def _outlook_swedish(sent: str) -> tuple[str, str]:
    """Outlook for Windows in Swedish: the note, then bold Från / Skickat / Till / Ämne in Word HTML under a div with a
    top border; the text part the same four lines."""
    labels = ("Från", "Skickat", "Till", "Ämne")
    values = (f"{SENDER} <{ADDRESS}>", sent, "camille.roux@example.org", SUBJECT)
    text = f"{NOTE}\n\n" + "".join(f"{k}: {v}\n" for k, v in zip(labels, values)) + f"\n{TEXT}"
    cells = "<br>".join(f"<b>{k}:</b> {v.replace('<', '&lt;').replace('>', '&gt;')}" for k, v in zip(labels, values))
    html = (f"<html><body lang=SV><div class=WordSection1><p class=MsoNormal>{NOTE}<o:p></o:p></p><p class=MsoNormal><o:p>&nbsp;</o:p></p>"
            "<div><div style='border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0cm 0cm 0cm'><p class=MsoNormal>"
            f"<span style='font-size:11.0pt'>{cells}<o:p></o:p></span></p></div></div><p class=MsoNormal><o:p>&nbsp;</o:p></p>"
            f"{_inner(HTML)}</div></body></html>")
    return text, html


@pytest.mark.parametrize("sent,date", [("den 22 april 2026 10:12", "2026-04-22T10:12:00"),
                                       ("onsdag den 22 april 2026 10:12", "2026-04-22T10:12:00")],
                         ids=["plain", "weekday"])
def test_outlook_for_windows_in_swedish(sent, date):
    """Från / Skickat / Till / Ämne (the date 'den 22 april 2026 10:12', a weekday in front in some versions), the
    subject 'VB: ' (vidarebefordrat): Outlook's block, the original's subject, sender and date."""
    text, html = _outlook_swedish(sent)
    for raw in (text, html, _email(text, html, f"VB: {SUBJECT}")):
        _check(raw, "outlook", date)


def test_outlook_in_swedish_with_its_original_message_marker():
    """Outlook for a plain-text original writes its marker, in Swedish '-----Ursprungligt meddelande-----', over the
    same labels."""
    text = (f"{NOTE}\n\n-----Ursprungligt meddelande-----\nFrån: {SENDER} <{ADDRESS}>\nSkickat: den 3 augusti 2026 10:12\n"
            f"Till: camille.roux@example.org\nÄmne: {SUBJECT}\n\n{TEXT}")
    for raw in (text, _email(text, None, f"VB: {SUBJECT}")):
        _check(raw, "outlook", "2026-08-03T10:12:00")


# The fourteenth blind set's client styles: Thunderbird in Danish, Yahoo Mail in Turkish, Apple Mail in Spanish -----

def test_thunderbird_in_danish():
    """Thunderbird in Danish: '-------- Videresendt meddelelse --------' over Emne / Dato (the original's Date header
    as written) / Fra / Svar til / Til rows, a tab after the colon in text, moz-email-headers-table in HTML."""
    rows = [("Emne", SUBJECT), ("Dato", "Wed, 22 Apr 2026 10:12:00 +0000"), ("Fra", f"{SENDER} <{ADDRESS}>"),
            ("Svar til", f"{SENDER} <{ADDRESS}>"), ("Til", "camille.roux@example.org")]
    text = f"{NOTE}\n\n\n-------- Videresendt meddelelse --------\n" + "".join(f"{k}: \t{v}\n" for k, v in rows) + f"\n\n\n{TEXT}"
    table = "".join(f'<tr><th valign="BASELINE" nowrap="nowrap" align="RIGHT">{k}: </th><td>{v.replace("<", "&lt;").replace(">", "&gt;")}</td></tr>'
                    for k, v in rows)
    html = (f'<!DOCTYPE html><html><body><p>{NOTE}</p><div class="moz-forward-container"><br><br>-------- Videresendt meddelelse --------'
            f'<table class="moz-email-headers-table" border="0" cellspacing="0" cellpadding="0"><tbody>{table}</tbody></table>'
            f'<br><br>{_inner(HTML)}</div></body></html>')
    for raw in (text, html, _email(text, html, f"Fwd: {SUBJECT}")):
        _check(raw, "generic", "2026-04-22T10:12:00+00:00")


def _yahoo_turkish(sent: str, kimden: str = "Kimden") -> tuple[str, str]:
    """Yahoo Mail in Turkish: '----- İletilmiş Mesaj -----' over Kimden / Kime / Gönderilen / Konu, bold in HTML, each line
    a div inside div.yahoo_quoted; the original's classes with Yahoo's 'yiv' prefix."""
    text = (f"{NOTE}\n\n\n----- İletilmiş Mesaj -----\n{kimden}: {SENDER} <{ADDRESS}>\nKime: camille.roux@example.org\n"
            f"Gönderilen: {sent}\nKonu: {SUBJECT}\n\n\n{TEXT}")
    html = (f'<html><body><div class="ydp5c1e9a2fyahoo-style-wrap"><div dir="ltr" data-setdir="false">{NOTE}</div></div>'
            '<div id="yahoo_quoted_5524193806" class="yahoo_quoted"><div style="font-size:13px;color:#26282a;">'
            f'<div>----- İletilmiş Mesaj ----- </div><div><b>{kimden}:</b> {SENDER} &lt;{ADDRESS}&gt;</div>'
            f'<div><b>Kime:</b> camille.roux@example.org</div><div><b>Gönderilen:</b> {sent}</div><div><b>Konu:</b> {SUBJECT}</div>'
            f'<div><br></div><div><br></div><div><div id="yiv5524193806"><div>{_inner(HTML)}</div></div></div></div></div></body></html>')
    return text, html


@pytest.mark.parametrize("sent,date,kimden", [("22 Nisan 2026 Çarşamba 10:12", "2026-04-22T10:12:00", "Kimden"),
                                              ("22 Nisan 2026 Çarşamba 10:12:03 GMT+3", "2026-04-22T10:12:03+03:00", "Kimden"),
                                              ("22 Nisan 2026 Çarşamba 10:12", "2026-04-22T10:12:00", "KİMDEN")],
                         ids=["plain", "seconds-and-zone", "upper-case"])
def test_yahoo_mail_in_turkish(sent, date, kimden):
    """Yahoo Mail set to Turkish: the date with the weekday after the year ('22 Nisan 2026 Çarşamba 10:12', seconds and
    'GMT+3' in some versions); a label in capitals ('KİMDEN', whose dotted capital I lower-cases to two characters) is
    still the sender's."""
    text, html = _yahoo_turkish(sent, kimden)
    for raw in (text, html, _email(text, html, f"Fwd: {SUBJECT}")):
        _check(raw, "yahoo", date)


def test_apple_mail_in_spanish():
    """Apple Mail (macOS) in Spanish: 'Inicio del mensaje reenviado:' in the cite blockquote, bold De / Asunto / Fecha ('22
    de abril de 2026, 10:12:03 CEST') / Para / Responder a; subject 'Fwd: '."""
    text, html = _apple_forward("Inicio del mensaje reenviado:", "Cuerpo del mensaje", ("De", "Asunto", "Fecha", "Para", "Responder a"),
                                "22 de abril de 2026, 10:12:03 CEST")
    for raw in (text, html, _email(text, html)):
        _check(raw, "apple", "2026-04-22T10:12:03+02:00")


def test_outlook_in_danish_with_its_original_message_marker():
    """Outlook in Danish for a plain-text original: '-----Oprindelig meddelelse-----' over Fra / Sendt ('22. april 2026
    10:12', a weekday and 'den' in front in some versions) / Til / Emne."""
    for sent in ("22. april 2026 10:12", "onsdag den 22. april 2026 10:12"):
        text = (f"{NOTE}\n\n-----Oprindelig meddelelse-----\nFra: {SENDER} <{ADDRESS}>\nSendt: {sent}\n"
                f"Til: camille.roux@example.org\nEmne: {SUBJECT}\n\n{TEXT}")
        for raw in (text, _email(text, None, f"VS: {SUBJECT}")):
            _check(raw, "outlook", "2026-04-22T10:12:00")


# The fifteenth blind set's client styles: Apple Mail in Czech, Gmail on the web in Swedish, the new Outlook for Windows in
# Turkish ---------------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("note", [NOTE, ""], ids=["with-a-note", "no-note"])
def test_apple_mail_in_czech(note):
    """Apple Mail (macOS) in Czech: 'Začátek přeposílané zprávy:' in the cite blockquote, bold Od / Předmět / Datum ('22.
    dubna 2026 10:12:03 GMT+2') / Komu and no reply-to row; subject 'Fwd: '. Apple Mail's block, also where the
    forwarder wrote no note above it (its four labels alone at the top are no copy's own header lines: the marker
    says forward)."""
    text, html = _apple_forward("Začátek přeposílané zprávy:", "Tělo zprávy", ("Od", "Předmět", "Datum", "Komu"),
                                "22. dubna 2026 10:12:03 GMT+2", note)
    for raw in (text, html, _email(text, html)):
        _check(raw, "apple", "2026-04-22T10:12:03+02:00")


@pytest.mark.parametrize("date,iso", [("ons 22 apr. 2026 kl 10:12", "2026-04-22T10:12:00"),
                                      ("tors 23 apr. 2026 kl 10:12", "2026-04-23T10:12:00"),
                                      ("mån 20 apr. 2026 kl 07:00", "2026-04-20T07:00:00"),
                                      ("tis 21 apr. 2026 kl 07:00", "2026-04-21T07:00:00"),
                                      ("lör 25 apr. 2026 kl 18:30", "2026-04-25T18:30:00"),
                                      ("sön 26 apr. 2026 kl 18:30", "2026-04-26T18:30:00")],
                         ids=["ons", "tors", "mån", "tis", "lör", "sön"])
def test_gmail_on_the_web_in_swedish(date, iso):
    """Gmail set to Swedish keeps the English marker and Date / Subject / To labels but 'Från:' for From, and writes
    the date in Swedish with the weekday abbreviated ('tors 18 juni 2026 kl 07:00': 'mån', 'tis', 'ons', 'tors', 'fre',
    'lör', 'sön'; the month as 'apr.', 'juni', 'aug.')."""
    text, html = _gmail("Från", date)
    for raw in (text, html, _email(text, html)):
        _check(raw, "gmail", iso)


@pytest.mark.parametrize("cc", [False, True], ids=["four-rows", "with-bilgi"])
def test_the_new_outlook_for_windows_in_turkish(cc):
    """The new Outlook for Windows set to Turkish: Outlook on the web's markup (the rule, divRplyFwdMsg) with bold Kimden
    / Tarih ('Çarşamba, 22 Nisan 2026 10:12') / Kime / (Bilgi) / Konu; the text part the same lines with no rule;
    subject 'İLT: '."""
    rows = [("Kimden", f"{SENDER} <{ADDRESS}>"), ("Tarih", "Çarşamba, 22 Nisan 2026 10:12"),
            ("Kime", "camille.roux@example.org")] + ([("Bilgi", "team@example.org")] if cc else []) + [("Konu", SUBJECT)]
    text = f"{NOTE}\n\n" + "".join(f"{k}: {v}\n" for k, v in rows) + f"\n{TEXT}"
    html = (f'<html><body dir="ltr"><div class="elementToProof">{NOTE}</div><div id="appendonsend"></div>'
            '<hr style="display:inline-block;width:98%" tabindex="-1"><div id="divRplyFwdMsg" dir="ltr">'
            '<font face="Calibri, sans-serif" style="font-size:11pt" color="#000000">'
            + "<br>".join(f"<b>{k}:</b> {v.replace('<', '&lt;').replace('>', '&gt;')}" for k, v in rows)
            + f'</font><div>&nbsp;</div></div><div>{_inner(HTML)}</div></body></html>')
    for raw in (text, html, _email(text, html, f"İLT: {SUBJECT}")):
        _check(raw, "outlook", "2026-04-22T10:12:00")


# The sixteenth blind set's client styles: Gmail on the web in Finnish, Apple Mail in Hungarian, Thunderbird in Polish --

@pytest.mark.parametrize("date,iso", [("ke 22. huhtik. 2026 klo 10.12", "2026-04-22T10:12:00"),
                                      ("ti 21. huhtik. 2026 klo 9.05", "2026-04-21T09:05:00"),
                                      ("to 23. huhtik. 2026 klo 18.30", "2026-04-23T18:30:00"),
                                      ("la 25. huhtik. 2026 klo 7.00", "2026-04-25T07:00:00"),
                                      ("su 26. huhtik. 2026 klo 23.59", "2026-04-26T23:59:00"),
                                      ("ma 29. kesäk. 2026 klo 18.30", "2026-06-29T18:30:00")],
                         ids=["ke", "ti", "to", "la", "su", "ma-kesak"])
def test_gmail_on_the_web_in_finnish(date, iso):
    """Gmail set to Finnish keeps the English marker and Date / Subject / To labels but 'Lähettäjä:' for From (as Swedish
    does 'Från:'), and writes the date in Finnish: the weekday abbreviated in front ('ma', 'ti', 'ke', 'to', 'pe', 'la',
    'su'), the day with a dot, the month abbreviated ('kesäk.', 'huhtik.'), 'klo' and the time with a dot ('klo 18.30')."""
    text, html = _gmail("Lähettäjä", date)
    for raw in (text, html, _email(text, html)):
        _check(raw, "gmail", iso)


@pytest.mark.parametrize("note", [NOTE, ""], ids=["with-a-note", "no-note"])
def test_apple_mail_in_hungarian(note):
    """Apple Mail (macOS) in Hungarian: 'Továbbított levél kezdete:' in the cite blockquote, bold Feladó / Tárgy / Dátum
    ('2026. április 22. 10:12:03 CEST': the year first, each number followed by a dot) / Címzett and no reply-to row;
    subject 'Fwd: '. Apple Mail's block, also with no note above it."""
    text, html = _apple_forward("Továbbított levél kezdete:", "Üzenet törzse", ("Feladó", "Tárgy", "Dátum", "Címzett"),
                                "2026. április 22. 10:12:03 CEST", note)
    for raw in (text, html, _email(text, html)):
        _check(raw, "apple", "2026-04-22T10:12:03+02:00")


@pytest.mark.parametrize("cc", [False, True], ids=["four-rows", "with-kopia"])
def test_thunderbird_in_polish(cc):
    """Thunderbird in Polish: '--- Treść przekazanej wiadomości ---' (three dashes each side, not the eight of
    Thunderbird's other languages) over Temat / Data (the original's Date header as written) / Nadawca / Adresat /
    (Kopia) rows, a tab after the colon in text, moz-email-headers-table in HTML."""
    rows = [("Temat", SUBJECT), ("Data", "Wed, 22 Apr 2026 10:12:00 +0000"), ("Nadawca", f"{SENDER} <{ADDRESS}>"),
            ("Adresat", "camille.roux@example.org")] + ([("Kopia", "team@example.org")] if cc else [])
    marker = "--- Treść przekazanej wiadomości ---"
    text = f"{NOTE}\n\n\n{marker}\n" + "".join(f"{k}: \t{v}\n" for k, v in rows) + f"\n\n\n{TEXT}"
    table = "".join(f'<tr><th valign="BASELINE" nowrap="nowrap" align="RIGHT">{k}: </th><td>{v.replace("<", "&lt;").replace(">", "&gt;")}</td></tr>'
                    for k, v in rows)
    html = (f'<!DOCTYPE html><html><body><p>{NOTE}</p><div class="moz-forward-container"><br><br>{marker}'
            f'<table class="moz-email-headers-table" border="0" cellspacing="0" cellpadding="0"><tbody>{table}</tbody></table>'
            f'<br><br>{_inner(HTML)}</div></body></html>')
    for raw in (text, html, _email(text, html, f"Fwd: {SUBJECT}")):
        _check(raw, "generic", "2026-04-22T10:12:00+00:00")
