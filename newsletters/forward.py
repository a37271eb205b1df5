"""Inline forwards: a newsletter forwarded from Gmail, Outlook, Apple Mail, Yahoo Mail and the clients that
write one of their header blocks, in a text, Markdown or HTML body -> the original newsletter's sender, subject and date, and the original's body alone
(the forwarder's own note above the forward is no part of it).

What each client writes above the original (checked against the clients' own output):
- Gmail: '---------- Forwarded message ---------', then From / Date / Subject / To lines; in HTML
  inside <div class="gmail_attr"> within <div class="gmail_quote">, the body after it.
- Outlook: a rule ('________________________________' in text, a div with a top border in HTML),
  then From / Sent / To / (Cc) / Subject, the labels bold in HTML.
- Apple Mail: 'Begin forwarded message:', then From / Subject / Date / To (/ Reply-To), the labels
  bold in HTML, the original inside <blockquote type="cite">.
- Outlook desktop (2003 to 2019, and Outlook for a plain-text original): '-----Original Message-----',
  then From ('Name <a@b>', or 'Name [mailto:a@b]' up to 2013) / Sent / To / (Cc) / Subject, in text
  and in HTML (a <p class="MsoPlainText"> or MsoNormal paragraph, one field a <br>).
- Yahoo Mail: '----- Forwarded Message -----' (five dashes each side), then From / To / Sent / Subject,
  the date 'Thursday, July 11, 2019, 11:41:57 PM PDT'; in HTML each line a <div>, the labels bold,
  inside <div class="...yahoo_quoted">.
- Any client: '-------- Forwarded Message --------' (Thunderbird), 'Forwarded message:' (MailMate);
  new Outlook, Outlook for Mac ('Date: Thursday, June 18, 2026 at 10:31') and Outlook for iOS (after
  'Get Outlook for iOS' and the rule, 'Sent: Saturday, July 11, 2026 5:30:09 PM') write Outlook's block.
- Spark: '---------- Forwarded message ----------' (ten dashes each side), From / Date ('17 Jun 2026 at
  17:02 +0200') / To / Subject, inside div name="messageReplySection": read as Gmail's.
- Roundcube: '-------- Original Message --------' (its 'originalmessage' label: 'Originalnachricht',
  'Courriel original', 'Mensaje Original', 'Исходное сообщение' ...), then Subject / Date ('2026-06-16
  15:07') / From / To rows in its own labels ('Mittente', 'Destinatario', 'Afzender' ...), a table in HTML.
- Mail.ru: '-------- Пересылаемое сообщение --------', then От кого / Кому / Дата ('Пятница, 10 июля 2026,
  9:00 +03:00') / Тема; Gmail and Thunderbird in Russian the same marker, Outlook 'От: / Отправлено: /
  Кому: / Тема:'.
- Yandex Mail: the same Russian marker, then one unlabelled line naming the date and the sender, '11.07.2026,
  09:00, "Name" <a@b>:' (no subject or recipient), the original, and '-------- Конец пересылаемого
  сообщения --------'.
- Tuta Mail: no marker and no text part: 'Datum: 16.6.2026, 13:02' / 'Von:' with the sender's address alone /
  'An:' / 'Betreff:' lines (in German) above blockquote.tutanota_quote, read as Outlook's block.
- Outlook on the web in Polish: 'Od: / Wysłane: / Do: / Temat:' ('piątek, 19 czerwca 2026 09:30'); Gmail in
  Korean keeps the English marker and labels but '보낸사람:' and writes the date in Korean ('2026년 6월 15일 (월)
  오전 9:12').
- QQ Mail (Chinese): '------------------ 原始邮件 ------------------', then 发件人 ('"Name"<a@b>;', the address
  unspaced, a ';' after it) / 发送时间 ('2026年6月19日(星期五) 上午8:30', the half of the day a word: 上午, 下午,
  中午, 晚上 ...) / 收件人 / (抄送) / 主题, the labels bold in HTML inside a grey box, the original unquoted after it.
- Seznam.cz webmail (Czech): '---------- Původní e-mail ----------', then Od / Komu / Datum ('19. 6. 2026
  16:31:07') / Předmět; Outlook in Czech 'Od: / Odesláno: / Komu: / Předmět:', Thunderbird 'Přeposlaná zpráva'.
  Outlook for Android writes Outlook's block after 'Get Outlook for Android' and the rule ('Sent: Monday, June
  15, 2026 4:02:19 PM'); Gmail in Spanish keeps the English marker and labels but 'De:', the date Spanish ('jue,
  18 jun 2026 a las 15:04').
- Gmail on the web fully in Dutch or Russian: its marker translated ('---------- Doorgestuurd bericht ---------',
  '---------- Пересылаемое сообщение ---------'), Van / Datum ('vr 19 jun 2026 om 07:00') / Onderwerp / Aan, От /
  Дата ('Чт, 18 июня 2026 г. в 10:00') / Тема / Кому.
- Zimbra's web client in French: '----- Mail transféré -----', then De ('"Name" <a@b>') / À / Envoyé ('Mercredi 17
  Juin 2026 16:02:11') / Objet, the original unquoted (in HTML no marker line: the labels bold after its rule,
  hr#zwchr, which stands for the marker). Zimbra in English
  writes Yahoo Mail's marker, '----- Forwarded Message -----', and reads as Yahoo's.
- Horde IMP: '----- Forwarded message from Name <a@b> -----' (in German '----- Weitergeleitete Nachricht von Name
  <a@b> -----'), then Date / From / Reply-To / Subject / To right-aligned to the longest label ('Datum: / Von: /
  Antwort an: / Betreff: / An:', the date the original's header as written), the original unquoted, and '----- End
  forwarded message -----'. SquirrelMail 1.4: ' Original Message ' centred in a rule of dashes, then Subject /
  From / Date ('Mon, June 15, 2026 9:04 am') / To padded to the longest label, and a rule: read as Outlook's
  '-----Original Message-----'.
- Outlook for Windows in Swedish: Outlook's block with 'Från: / Skickat: / Till: / Ämne:' ('den 11 juli 2026 08:03', a
  weekday in front in some versions), '-----Ursprungligt meddelande-----' over them for a plain-text original; Apple
  Mail in French ('Début du message réexpédié :') and Thunderbird in Italian ('-------- Messaggio Inoltrato --------',
  Oggetto / Data / Mittente / Rispondi a / A) were read already.
- Thunderbird in Danish: '-------- Videresendt meddelelse --------' (Yahoo Mail in Danish the same words between
  five dashes) over Emne / Dato (the original's Date header as written) / Fra / Svar til / Til rows, a tab after the
  colon in text, moz-email-headers-table in HTML; Outlook in Danish 'Fra: / Sendt: / Til: / Emne:' and
  '-----Oprindelig meddelelse-----'. Yahoo Mail in Turkish: '----- İletilmiş Mesaj -----' over bold Kimden / Kime /
  (Bilgi) / Gönderilen ('14 Haziran 2026 Pazar 21:03', the weekday after the year; '... 09:26:50 GMT+1') / Konu;
  Thunderbird in Turkish '-------- İletilen İleti --------'. Apple Mail in Spanish ('Inicio del mensaje reenviado:',
  De / Asunto / Fecha '8 de julio de 2026, 12:02:51 CEST' / Para / Responder a) was read already.
- Apple Mail in Czech: 'Začátek přeposílané zprávy:' over bold Od / Předmět / Datum ('16. června 2026 18:30:07 GMT+2') /
  Komu (no reply-to row); without the marker its four labels read as Outlook's block, and with no note above them as
  a copy's own header lines. Gmail on the web in Swedish keeps the English marker and labels but 'Från:', the date
  Swedish with the weekday abbreviated ('tors 18 juni 2026 kl 07:00'). The new Outlook for Windows in Turkish:
  Outlook's block with bold Kimden / Tarih ('Pazar, 14 Haziran 2026 20:03') / Kime / (Bilgi) / Konu, no rule in the
  text part (subject 'İLT: ').
- Gmail on the web in Finnish keeps the English marker and labels but 'Lähettäjä:', the date Finnish ('ti 30. kesäk. 2026
  klo 18.30': the weekday and month abbreviated, the time with a dot). Apple Mail in Hungarian: 'Továbbított levél
  kezdete:' over bold Feladó / Tárgy / Dátum ('2026. június 19. 13:04:27 CEST', the year first) / Címzett (no reply-to
  row). Thunderbird in Polish: '--- Treść przekazanej wiadomości ---' (three dashes each side) over Temat / Data (the
  original's Date header as written) / Nadawca / Adresat / (Kopia), a tab after the colon in text.
- Outlook on the web in Japanese: Outlook's block with '差出人: / 送信日時: / 宛先: / 件名:' ('2026年6月16日 22:58');
  iOS Mail in Spanish: Apple Mail's block, 'Inicio del mensaje reenviado:' over De / Fecha ('20 de junio de 2026,
  13:00:38 CEST') / Para / Asunto / Responder a.
- HCL (IBM Lotus) Notes: '----- Forwarded by Name/Org on 06/16/2026 10:41 AM -----' (the dashes as many as the
  client's line width: the Enron corpus's have 22 and 27), then From / To / Date ('06/16/2026 08:31 AM') /
  Subject, a tab after each label in text, a table in HTML; the original unquoted.
- In German, French, Spanish, Dutch, Italian, Portuguese and Russian each client translates its marker and labels:
  Outlook 'Von: / Gesendet: / An: / Betreff:', 'De : / Envoyé : / À : / Objet :', 'De: / Enviado: / Para: /
  Asunto:', 'Van: / Verzonden: / Aan: / Onderwerp:', 'Da: / Inviato: / A: / Oggetto:', 'De: / Enviado: /
  Para: / Assunto:' (and '-----Ursprüngliche Nachricht-----', '-----Message d'origine-----' ...); Apple
  Mail 'Anfang der weitergeleiteten Nachricht:', 'Début du message réexpédié :', 'Inicio del mensaje
  reenviado:', 'Begin doorgestuurd bericht:', 'Inizio messaggio inoltrato:', 'Início da mensagem
  reencaminhada:' with 'Datum: 17. Mai 2023 um 22:36:20 MESZ' and the like; Gmail '---------- Weitergeleitete
  Nachricht ---------' ...; Gmail set to French keeps the English marker and labels but for 'De :', and writes
  the date in French ('lun. 22 juin 2026 à 07:30'). A date under such a label is read day first where its
  numbers leave it open.
Zimbra's, Notes' and Horde's markers are read as a client's own marker of no family above ('generic').
A block of header labels with no marker, at the top of a text or Markdown body with at most a title and an opener
above it (a heading, a Setext title; a callout, a code fence, an HTML comment: a note-taking tool's copy of a message,
'From: / To: / Date: / Subject:' or the same in another language), is the message's own header lines: its fields
are read the same way, but it is no forward (Forward.own 'top'); so is such a block with nothing under it (a copy
that keeps the headers at its end, Forward.own 'end': the body is what stands above it). A YAML front matter at the
top ('---' ... '---') is never a forward's header block: the search starts under it; nor are the header lines of an mbox
message (its 'From a@b Sun Jul  5 21:04:33 2026' separator line, then the message's headers to a blank line), nor
those of a message as `notmuch show --format=text` prints it (its '\fmessage{ id:...' line, then '\fheader{' over a
summary line and Subject / From / To / Date to '\fheader}').
A body quoted line by line ('> ', as some clients forward and every client replies) is unquoted
first. The stdlib reads the sender (email.utils); the dates these clients write ('Wed, Apr 22,
2026 at 10:12 AM') are no RFC 2822 date, so forward_date reads them.

Everything here looks only at the first FORWARD_WINDOW characters for the marker, and is linear.
"""

from __future__ import annotations

import html as html_lib
import re
from dataclasses import dataclass
from datetime import datetime

from .dates import RFC_2822, normalise_date

FORWARD_WINDOW = 200_000  # a forward's header block sits near the top
# The marker lines, as each client writes them in English, German, French, Spanish, Dutch, Italian, Portuguese
# and Russian (Gmail, Yahoo Mail, Thunderbird and Mail.ru translate 'Forwarded message', Outlook desktop and
# Roundcube 'Original Message', Apple Mail 'Begin forwarded message:'; the translations as those clients ship
# them: Roundcube's from its localization files, eM Client's German '------ Originalnachricht ------').
FORWARDED = (r"(?:forwarded message|weitergeleitete nachricht|message transf[ée]r[ée]|message transmis|"
             r"mensaje reenviado|doorgestuurd bericht|messaggio inoltrato|mensagem (?:re)?encaminhada|"
             r"пересылаемое сообщение|пересланное сообщение|p[řr]eposlan[áa] zpr[áa]va|转发邮件|轉寄郵件|"
             r"videresendt meddelelse|[iİ]letilmi[şs] mesaj|[iİ]letilen [iİ]leti|tre[śs][ćc] przekazanej wiadomo[śs]ci)")
ORIGINAL = (r"(?:original message|urspr[üu]ngliche nachricht|originalnachricht|message d['’]origine|"
            r"courriel original|mensaje original|oorspronkelijke? bericht|messaggio originale|mensagem original|"
            r"исходное сообщение|p[ůu]vodn[íi] e-?mail|p[ůu]vodn[íi] zpr[áa]va|原始邮件|原始郵件|ursprungligt meddelande|"
            r"oprindelig meddelelse)")
APPLE = (r"(?:begin forwarded message|anfang der weitergeleiteten (?:nachricht|e-mail)|"
         r"d[ée]but du message (?:r[ée]exp[ée]di[ée]|transf[ée]r[ée])|(?:inicio|comienzo) del mensaje reenviado|"
         r"begin doorgestuurd bericht|inizio messaggio inoltrato|in[íi]cio da mensagem (?:re)?encaminhada|"
         r"za[čc][áa]tek p[řr]epos[íi]lan[ée] zpr[áa]vy|tov[áa]bb[íi]tott lev[ée]l kezdete)")
# Zimbra in French ('----- Mail transféré -----'); HCL Notes ('----- Forwarded by Name/Org on 06/16/2026 10:41 AM -----')
ZIMBRA = r"(?:mail transf[ée]r[ée])"
# Zimbra's HTML forward has no marker line but its rule, hr#zwchr (data-marker '__DIVIDER__' since 8.8): read as this line
ZIMBRA_RULE = re.compile(r"<hr\b[^<>]*\bid=[\"']?zwchr\b", re.I)
ZIMBRA_LINE = "----- zimbra -----"
# Horde IMP: '----- Forwarded message from Name <a@b> -----' ('----- Weitergeleitete Nachricht von Name <a@b> -----'),
# the sender named in the marker; its end, '----- End forwarded message -----', stays in the body as a line of text
# (possessive runs and one to three spaces before the closing dashes: a line of long runs of spaces costs linear time)
HORDE = rf"-{{3,}}+[ \t]*+{FORWARDED}[ \t]++(?:from|von|de|da|van|от)[ \t]++[^\n]{{1,200}}?[ \t]{{1,3}}-{{3,}}+"
NOTES = r"-{3,}\s*forwarded by\s+[^\n]{1,160}?\s+on\s+\d{1,2}/\d{1,2}/\d{2,4}(?:\s+\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AP]M)?)?\s*-{3,}"
MARKER = re.compile(
    r"(?im)^[>\s]*(?:"
    rf"(?P<yahoo>-{{5}}\s*{FORWARDED}\s*-{{5}})|"
    rf"(?P<gmail>-{{9,}}\s*{FORWARDED}\s*-{{9,}})|"
    rf"(?P<apple>{APPLE}\s*:)|"
    rf"(?P<outlook>-{{3,}}\s*{ORIGINAL}\s*-{{3,}}|_{{10,}}|-{{10,}})|"
    rf"(?P<generic>-{{3,}}\s*(?:{FORWARDED}|{ZIMBRA}|zimbra)\s*-{{3,}}|forwarded message\s*:|{NOTES}|{HORDE})"
    r")[ \t]*$")
# The header fields' labels in those languages, each with the English field it is (Outlook: 'Von/Gesendet/
# An/Betreff', 'De/Envoyé/À/Objet' with a space before the colon, 'De/Enviado/Para/Asunto', 'Van/Verzonden/
# Aan/Onderwerp', 'Da/Inviato/A/Oggetto', 'De/Enviado/Para/Assunto', 'От/Отправлено/Кому/Тема'; Apple Mail:
# 'Datum', 'Date', 'Fecha', 'Data' for the date, 'Kopie' for Cc; Thunderbird's French 'Sujet', 'Pour';
# Roundcube's Italian and Dutch 'Mittente/Destinatario', 'Afzender/Ontvanger'; Mail.ru's 'От кого/Кому/Дата/Тема';
# QQ Mail's '发件人/发送时间/收件人/抄送/主题' (and the traditional '寄件人/寄件日期/收件者/副本/主旨'); Seznam's and Czech
# Outlook's 'Od/Komu/Datum/Odesláno/Předmět/Kopie'; Outlook for Windows in Swedish 'Från/Skickat/Till/Ämne/Kopia';
# Danish 'Fra/Dato/Sendt/Til/Emne/Kopi/Svar til' (Thunderbird, Outlook); Turkish 'Kimden/Gönderen/Kime/Bilgi/
# Gönderilen/Tarih/Konu/Yanıt Adresi' (Yahoo Mail, Outlook); Gmail's Finnish 'Lähettäjä'; Hungarian 'Feladó/Tárgy/Dátum/
# Címzett/Másolat' (Apple Mail); Thunderbird's Polish 'Nadawca/Adresat' (with Outlook's 'Temat', 'Kopia').
LABELS = {
    "from": ("from", "von", "de", "van", "da", "mittente", "afzender", "от кого", "от", "od", "보낸사람", "发件人",
             "寄件人", "寄件者", "差出人", "från", "fra", "kimden", "gönderen", "gonderen", "lähettäjä", "feladó", "nadawca"),
    "date": ("date", "datum", "fecha", "data", "дата", "日期", "日付", "dato", "tarih", "dátum"),
    "sent": ("sent", "gesendet", "envoyé", "envoye", "date d'envoi", "enviado el", "enviado", "enviada em",
             "enviada", "verzonden", "inviato", "отправлено", "wysłane", "wysłano", "发送时间", "寄件日期",
             "odesláno", "odeslano", "送信日時", "skickat", "sendt", "gönderilen", "gonderilen"),
    "subject": ("subject", "betreff", "objet", "sujet", "asunto", "onderwerp", "oggetto", "assunto", "тема", "temat",
                "主题", "主旨", "předmět", "predmet", "件名", "ämne", "emne", "konu", "tárgy"),
    "to": ("to", "an", "à", "pour", "a", "para", "aan", "destinatario", "ontvanger", "кому", "do", "收件人", "收件者",
           "komu", "宛先", "till", "til", "kime", "címzett", "adresat"),
    "cc": ("cc", "kopie", "copie", "копия", "抄送", "副本", "kopia", "kopi", "bilgi", "másolat"),
    "bcc": ("bcc",),
    "reply-to": ("reply-to", "antwort an", "répondre à", "responder a", "antwoord aan", "rispondi a", "ответить",
                 "svar til", "yanıt adresi"),
}
# (a Turkish 'ı' also as 'i': the pattern below matches 'YANIT' for 'yanıt', which lower-cases to 'yanit'; and an
# upper-case 'İ' lower-cases to 'i' and a combining dot, which _label drops)
FIELD_OF = {variant: name for name, labels in LABELS.items() for label in labels
            for variant in {label, label.replace("ı", "i")}}
ENGLISH_LABELS = frozenset(LABELS)
FIELD = re.compile(r"^[>\s]*[*_]{0,2}(" + "|".join(sorted(map(re.escape, FIELD_OF), key=len, reverse=True))
                   + r")[*_]{0,2}\s*(?:::|[:：])\s*[*_]{0,2}\s*(.*)$", re.I)  # (QQ Mail may write a full-width colon; Logseq
# and Dataview's fields in a copy, 'from:: Name <a@b>', two; the value greedy and stripped where it is read, so that a
# long line of spaces costs linear time)
# Yandex Mail's line under its marker: the date, the time and the sender, no labels
ATTRIBUTION = re.compile(r"^[>\s]*(\d{1,2}\.\d{1,2}\.\d{4},?\s+\d{1,2}:\d{2}),\s+([^<>]{1,200}<[^<>\s]+>)\s*:\s*$")
MAX_FIELD_LINES = 12
MAX_NOTE_LINES = 80  # a forward's note is short: a header block further down is the newsletter's own text
NEWLINE_TAGS = re.compile(r"^</?(?:br|div|p|tr|li|blockquote|h[1-6]|table|hr)\b", re.I)
TAG_OR_TEXT = re.compile(r"<[^<>]{0,4000}>|[^<]+|<")
QUOTED = re.compile(r"(?m)^>[ \t]?")


@dataclass
class Forward:
    client: str  # gmail, outlook, apple, yahoo or generic
    sender: str  # 'TLDR AI <dan@tldrnewsletter.com>', as written
    subject: str
    date: str  # ISO 8601 when readable, else as written; '' when none
    body: str  # the original's body, in the form given (text, Markdown or HTML)
    own: str = ""  # no forward: a saved copy's own header lines, at the 'top' or at the 'end' (the module's docstring)


def unquote(text: str) -> str:
    """A body whose every line is quoted ('> '): one level of quoting removed (up to three levels)."""
    for _ in range(3):
        lines = [line for line in text[:FORWARD_WINDOW].split("\n") if line.strip()]
        if len(lines) < 3 or sum(line.lstrip().startswith(">") for line in lines) < 0.9 * len(lines):
            return text
        text = QUOTED.sub("", text)
    return text


def unwrap(text: str, fmt: str) -> Forward | None:
    """The original newsletter inside an inline forward, or None when text is no forward."""
    return _unwrap_html(text) if fmt == "html" else _unwrap_text(text)


def _unwrap_text(text: str) -> Forward | None:
    lines = text[:FORWARD_WINDOW].split("\n")
    skip = _front_matter_end(lines) or _mbox_end(lines) or _notmuch_end(lines)
    found = _header_block(lines[skip:])
    if found is None:
        return None
    client, fields, start, end = found
    offset = sum(len(line) + 1 for line in lines[:skip + end])
    forward = _forward(client, fields, text[offset:])
    if client == "outlook" and "marker" not in fields:  # no marker: a copy's own header lines?
        if not RULE_OR_BLANK.sub("", text[offset:]):
            forward.own, forward.body = "end", text[:sum(len(line) + 1 for line in lines[:skip + start])]
        elif _title_only(lines[skip:skip + start]):
            forward.own = "top"
    return forward


FRONT_MATTER_LINES = 60


def _front_matter_end(lines: list[str]) -> int:
    """the index of the line under a '---' front matter at the top (0 when there is none)"""
    start = next((n for n, line in enumerate(lines[:FRONT_MATTER_LINES]) if line.strip()), None)
    if start is None or lines[start].strip() != "---":
        return 0
    return next((n + 1 for n in range(start + 1, min(len(lines), start + FRONT_MATTER_LINES))
                 if lines[n].strip() == "---"), 0)


# an mbox file's separator line ('From a@b Sun Jul  5 21:04:33 2026', asctime's date; 'From - ...' as Thunderbird
# writes it, 'From MAILER-DAEMON ...'), the message's header lines under it
MBOX_FROM = re.compile(r"^From \S{1,300} ++(?:[A-Z][a-z]{2} ){2} ?\d{1,2} \d{1,2}:\d{2}(?::\d{2})?(?: [A-Z]{2,5})? \d{4}[ \t]*$")


def _mbox_end(lines: list[str]) -> int:
    """the index of the line under an mbox message's header lines at the top (0 when it opens with no mbox separator)"""
    if not lines or not MBOX_FROM.match(lines[0]):
        return 0
    return next((n + 1 for n in range(1, min(len(lines), FRONT_MATTER_LINES)) if not lines[n].strip()), 0)


# `notmuch show --format=text`'s first line ('\fmessage{ id:<id> depth:0 match:1 excluded:0 filename:<path>', the form
# feed maybe cleaned off) and the end of its header part ('\fheader}')
NOTMUCH_OPEN = re.compile(r"^\f?message\{ id:\S{1,1000} depth:\d{1,4} match:\d excluded:\d(?: filename:.*)?$")
NOTMUCH_HEADER_END = re.compile(r"^\f?header\}\s*$")


def _notmuch_end(lines: list[str]) -> int:
    """the index of the line under a notmuch message's header part (0 when it opens with no '\fmessage{' line)"""
    if not lines or not NOTMUCH_OPEN.match(lines[0]):
        return 0
    return next((n + 1 for n in range(1, min(len(lines), FRONT_MATTER_LINES)) if NOTMUCH_HEADER_END.match(lines[n])), 0)


# the opener of a copy's header block: an Obsidian callout, a code fence, an HTML comment, a <details> disclosure
OPENER = re.compile(r"^\s*(?:>\s*\[![\w-]+\].*|`{3,}[\w-]*|~{3,}[\w-]*|<!--.*|</?details>|<summary>.*</summary>)\s*$", re.I)
RULE_OR_BLANK = re.compile(r"(?m)^\s*(?:-{3,}|\*(?:\s*\*){2,}|_{3,})?\s*$\n?")
ATX_TITLE = re.compile(r"^\s{0,3}#{1,6}\s+\S")
SETEXT_RULE = re.compile(r"^\s{0,3}(?:=+|-+)\s*$")


def _title_only(lines: list[str]) -> bool:
    """True when the lines above a header block are at most a title (a Markdown heading or a Setext title over its
    rule) and an opener (a callout, a code fence, an HTML comment ...)"""
    above = [line for line in lines if line.strip() and not OPENER.match(line)]
    if not above:
        return True
    if len(above) == 1:
        return bool(ATX_TITLE.match(above[0]))
    return len(above) == 2 and not SETEXT_RULE.match(above[0]) and bool(SETEXT_RULE.match(above[1]))


def _unwrap_html(raw: str) -> Forward | None:
    """The HTML read as lines (a line ends at <br>, </div>, </p> ...), each remembering where it
    starts in the HTML, so that the body after the header block is cut from the HTML itself."""
    lines, starts = [], []
    current: list[str] = []
    for m in TAG_OR_TEXT.finditer(raw[:FORWARD_WINDOW]):
        piece = m.group(0)
        if piece.startswith("<") and len(piece) > 1:
            if NEWLINE_TAGS.match(piece):
                line = " ".join(html_lib.unescape("".join(current)).split())
                if line:  # (nested tags end many empty lines)
                    lines.append(line)
                    starts.append(m.start())
                current = []
                if ZIMBRA_RULE.match(piece):  # Zimbra's HTML has its rule, not its marker line
                    lines.append(ZIMBRA_LINE)
                    starts.append(m.start())
            continue
        current.append(piece)
    found = _header_block(lines)
    if found is None:
        return None
    client, fields, _, end = found
    return _forward(client, fields, raw[starts[end - 1]:] if end else raw)


def _header_block(lines: list[str]) -> tuple[str, dict[str, str], int, int] | None:
    """(client, header fields, index of its first field line, index of the line after the block) of the first
    forward header block."""
    marker = None
    for n, line in enumerate(lines):
        if n > MAX_NOTE_LINES and marker is None:
            return None
        m = MARKER.match(line) if marker is None else None
        if m:
            marker = (next(k for k, v in m.groupdict().items() if v), n)
            continue
        if marker is not None and (attribution := ATTRIBUTION.match(line)):  # Yandex Mail's one line
            return marker[0], {"from": attribution.group(2), "date": attribution.group(1)}, n, n + 1
        if marker is not None or FIELD.match(line):
            fields, end = _fields(lines, n)
            # Without a marker line only Outlook's own block is a forward (From, Sent or Date, To or
            # Cc, Subject): a newsletter's front matter or header lines ('From:', 'Date:') are not.
            if "from" in fields and (("subject" in fields or "date" in fields or "sent" in fields) if marker
                                     else _outlook_block(fields)):
                if marker:
                    fields["marker"] = lines[marker[1]]
                return (marker[0] if marker else "outlook"), fields, n, end
            marker = None  # a rule or a lone 'Date:' line in the newsletter's own text
    return None


def _outlook_block(fields: dict[str, str]) -> bool:
    return "subject" in fields and ("sent" in fields or "date" in fields) and ("to" in fields or "cc" in fields)


def _fields(lines: list[str], start: int) -> tuple[dict[str, str], int]:
    """The 'Name: value' lines from start (blank lines before the first allowed)."""
    fields: dict[str, str] = {}
    n = start
    while n < len(lines) and n < start + MAX_FIELD_LINES:
        line = lines[n]
        m = FIELD.match(line)
        if m:
            label = _label(m.group(1))
            fields.setdefault(FIELD_OF[label], m.group(2).strip().strip("* "))
            if FIELD_OF[label] in ("date", "sent"):
                fields.setdefault("date label", label)
        elif line.strip(" >") or fields:
            break
        n += 1
    return fields, n


def _label(text: str) -> str:
    """a label as FIELD matched it -> its key in FIELD_OF ('KİMDEN' -> 'kimden')"""
    return text.lower().replace("\u0307", "")


def _forward(client: str, fields: dict[str, str], body: str) -> Forward:
    when = fields.get("date") or fields.get("sent") or ""
    # A date under a label in another language is day first where its numbers leave it open ('06/12/2026')
    day_first = True if fields.get("date label", "date") not in ENGLISH_LABELS else None
    return Forward(client=client, sender=_quoted(fields.get("from", "")), subject=fields.get("subject", ""),
                   date=forward_date(when, day_first) if when else "", body=body)


def _quoted(sender: str) -> str:
    """'The Batch @ DeepLearning.AI <thebatch@x>': clients write the name unquoted, even with an '@'
    in it, which email.utils would misread; quoted, it reads as written. Outlook 2010-2019 desktop
    writes the address as 'Name [mailto:a@b]' (read as 'Name <a@b>'). QQ Mail writes '"Name"<a@b>;' (the name
    quoted, no space, a ';' after the address as in a list of recipients)."""
    sender = re.sub(r"\[mailto:([^\[\]\s]+)\]", r"<\1>", sender)
    sender = re.sub(r"(>)\s*;\s*$", r"\1", sender)
    m = re.fullmatch(r"\s*+\"?([^<>\"]++)\"?\s*+<([^<>\s]++)>\s*+", sender)  # (possessive: linear on long runs)
    return f"\"{m.group(1).strip()}\" <{m.group(2)}>" if m and m.group(1).strip() else sender


CLIENT_DATE = ("%b %d, %Y %I:%M %p", "%B %d, %Y %I:%M %p", "%b %d, %Y %I:%M:%S %p", "%B %d, %Y %I:%M:%S %p",
               "%d %b %Y %H:%M", "%d %B %Y %H:%M", "%d %b %Y %H:%M:%S", "%d %B %Y %H:%M:%S", "%b %d, %Y %H:%M",
               "%B %d, %Y %H:%M", "%B %d, %Y, %I:%M:%S %p", "%B %d, %Y, %I:%M %p", "%m/%d/%Y %I:%M %p", "%b %d, %Y",
               "%B %d, %Y")


def forward_date(value: str, day_first: bool | None = None) -> str:
    """'Wed, Apr 22, 2026 at 10:12 AM' (Gmail), 'Wednesday, April 22, 2026 10:12 AM' (Outlook),
    'April 22, 2026 at 10:12:03 AM GMT' (Apple Mail) or an RFC 2822 date -> ISO 8601; in another language
    ('Mittwoch, 22. April 2026 10:12', 'mercredi 22 avril 2026 10:12') by dates.normalise_date."""
    if RFC_2822.fullmatch(" ".join(value.split())):  # Thunderbird's: its offset is kept
        return normalise_date(value)
    plain = re.sub(r"\s+at\s+", " ", " ".join(value.split()))
    plain = re.sub(r"^(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+", "", plain, flags=re.I)
    plain = re.sub(r"\s+(?:[A-Z]{2,5}(?:[+-]\d{1,2})?|[+-]\d{2}:?\d{2}|\(.*\))$", "", plain)
    for pattern in CLIENT_DATE if not day_first else ():
        try:
            return datetime.strptime(plain, pattern).isoformat()
        except ValueError:
            continue
    return normalise_date(value, day_first)
