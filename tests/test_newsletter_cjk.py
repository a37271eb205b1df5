"""A newsletter in Japanese, as mail magazines are sent (first seen in the eighth set): headlines led by a
decorative symbol ('◆ ...'), sections between rules drawn in box characters, an ad marked '【PR】' under a
'◇◆ PR ◆◇' label, the editor's afterword ('編集後記') and a reprint notice, and no spaces between words, so
that lengths and word counts must count characters. Written here in its text and HTML forms; both must
give the same items. Also: a text part that upper-cases each headline and its link, with the author's name
on the line under it."""

import re

import pytest

from newsletters import split_newsletter

RULE = "━" * 30
STORIES = [
    ("地方銀行が窓口業務に音声AIを導入、待ち時間を半分に", "地方銀行の一つが、窓口での住所変更や口座開設の手続きを音声AIで案内する仕組みを全支店に広げました。利用者の待ち時間は平均で半分ほどになったといいます。"),
    ("研究チームが小型モデル向けの新しい蒸留手法を発表", "大きなモデルの判断根拠を小さなモデルに少しずつ移す手法で、計算量を抑えたまま精度を保てることを示しました。コードも公開されています。"),
    ("翻訳アプリが方言の聞き取りに対応、関西弁と博多弁から", "旅行者向けの翻訳アプリが、標準語に加えて二つの方言の聞き取りに対応しました。今後は東北地方の方言にも広げる予定です。"),
]
AD = ("【PR】中小企業向け「AI業務改善セミナー」参加者募集", "事例をもとに、日々の業務にAIを取り入れる手順を二時間で学べるオンラインセミナーです。参加は無料、先着百名。")
EXPECTED = [title for title, _ in STORIES] + [AD[0].replace("【PR】", "")]


def text_part() -> str:
    out = [RULE, "　週刊AIニュース便　第58号", RULE, "", "いつもお読みいただきありがとうございます。", "",
           RULE, "■ 今週のニュース", RULE, ""]
    for n, (title, text) in enumerate(STORIES):
        out += [f"◆ {title}", "", "　" + text[:40], "　" + text[40:], "", "　▼続きはこちら",
                f"　https://news.example.jp/{n}", ""]
    out += ["─" * 30, "◇◆ PR ◆◇", "─" * 30, "", AD[0], "", "　" + AD[1], "", "　▼お申し込みはこちら",
            "　https://seminar.example.jp/", "", RULE, "■ 編集後記", RULE, "",
            "今週は雨の日が続きました。皆さまもどうぞお体に気をつけてお過ごしください。", "", "（編集部）", "", RULE,
            "配信停止はこちら https://news.example.jp/stop", "このメールマガジンの無断転載を禁じます。"]
    return "\n".join(out) + "\n"


def html_part() -> str:
    stories = "".join(f'<p style="font-size:15px"><b>◆ {t}</b></p><p>{x}</p>'
                      f'<p style="text-align:right"><a href="https://news.example.jp/{n}">▼続きはこちら</a></p>'
                      for n, (t, x) in enumerate(STORIES))
    return ("<html><body><table><tr><td><p>週刊AIニュース便　第58号</p><p>いつもお読みいただきありがとうございます。</p>"
            f'<p style="border-left:6px solid #123"><b>■ 今週のニュース</b></p>{stories}'
            f'<table style="border:1px dashed #999"><tr><td><font size="1">◇◆ PR ◆◇</font><br><b>{AD[0]}</b><br>{AD[1]}'
            '<br><a href="https://seminar.example.jp/">▼お申し込みはこちら</a></td></tr></table>'
            "<p><b>■ 編集後記</b></p><p>今週は雨の日が続きました。皆さまもどうぞお体に気をつけてお過ごしください。</p>"
            '<p>（編集部）</p><p><a href="https://news.example.jp/stop">配信停止はこちら</a></p>'
            "<p>このメールマガジンの無断転載を禁じます。</p></td></tr></table></body></html>")


def _key(title: str) -> str:
    return re.sub(r"\W", "", title.casefold())


@pytest.mark.parametrize("raw", [text_part(), text_part().replace("\n", "\r\n"), html_part()], ids=["text", "crlf", "html"])
def test_a_japanese_mail_magazine_gives_its_stories_and_its_ad(raw):
    letter = split_newsletter(raw)
    assert [_key(item.title) for item in letter.items] == [_key(t) for t in EXPECTED], letter.reason
    assert [item.sponsored for item in letter.items] == [False] * len(STORIES) + [True]
    assert letter.items[0].url == "https://news.example.jp/0"


def test_an_upper_cased_text_part_keeps_its_linked_headlines_and_leaves_bylines_out():
    stories = [("A Data Broker Sold Pings From Clinic Parking Lots", "Joseph Cole"),
               ("The Repair Shop That Fixes Banned Tractors", "Mary-Ann Brook"),
               ("A Bot Network Floods Local Comment Sections", "Emanuel Marsh")]
    raw = "\n\n".join(f"{t.upper()} [HTTPS://EMAIL.EXAMPLE.CO/C/{n}ABC]\n\n{who}\n\nRecords obtained by the newsroom "
                      f"show what happened over three years, in detail, with documents.\n\nRead more "
                      f"[https://email.example.co/c/{n}abc]" for n, (t, who) in enumerate(stories))
    letter = split_newsletter("The weekly roundup\n\n" + raw + "\n")
    assert [item.title.casefold() for item in letter.items] == [t.casefold() for t, _ in stories], letter.reason
    assert letter.items[0].url.startswith("https://email.example.co/")
