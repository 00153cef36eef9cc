"""Headings in every language a user brings: the word tables, and CJK inserted articles.

The snippets are real official texts, cut short: the statutes of Taiwan (law.moj.gov.tw, as
kong0107/mojLawSplitJSON publishes them), Japan (e-Gov), Korea (law.go.kr, as legalize-kr
publishes it), China, Greece (the Government Gazette), Serbia and Germany (the Grundgesetz as
bundestag/gesetze publishes it), and the Italian data-protection code. Statutes and official
texts are free of copyright in each of these countries. Where a layout differs from the
source's (labels and bodies on their own lines, as in the plain copies users make), the
comment says so.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clausediff import Document, canonical_number, parse_document
from clausediff.numbering import ARTICLE_WORDS, HeadingWords


def _headings(document: Document) -> list[tuple[str, str]]:
    return [(article.label, article.number) for article in document.articles]


# Taiwan, 國民大會代表報酬及費用支給條例, articles 1 to 3 as the national database prints
# them ("第 2-1 條" is the article inserted after 2); its bodies keep their hard wraps.
TAIWAN = """\
第 1 條

國民大會代表報酬及費用之支給，依據司法院釋字第二八二號、第二九九
號及第四二一號解釋，特制定本條例。

第 2 條

國民大會代表依法集會期間得支領之報酬，比照相當政務官每月支領待遇
之標準發給出席費。但兼具公職之代表，應擇一支給之。

第 2-1 條

國民大會議長、副議長按相當職務人員支給月俸、政務加給之待遇及因公
支出之特別費。

第 3 條

國民大會代表依法集會期間，得支給膳宿﹑交通費用。
"""

# Taiwan, the Constitution: a chapter heading spaced as the database prints it.
TAIWAN_CHAPTER = """\
第 一 章 總綱

第 1 條

中華民國基於三民主義，為民有民治民享之民主共和國。

第 2 條

中華民國之主權屬於國民全體。
"""

# Japan, Penal Code (刑法), articles 34 and 34-2 with their captions, as e-Gov lays them out.
JAPAN = """\
（時効の中断）
第三十四条

　懲役、禁錮及び拘留の時効は、刑の言渡しを受けた者をその執行のために拘束することによって中断する。

２

　罰金、科料及び没収の時効は、執行行為をすることによって中断する。

（刑の消滅）
第三十四条の二

　禁錮以上の刑の執行を終わり又はその執行の免除を得た者が罰金以上の刑に処せられないで十年を経過したときは、刑の言渡しは、効力を失う。
"""

# Korea, Building Act (건축법), articles 4-2 and 4-3 in the official print form, cut short.
KOREA = """\
제4조의2(건축위원회의 건축 심의 등) ① 대통령령으로 정하는 건축물을 건축하거나 대수선하려는 자는 \
국토교통부령으로 정하는 바에 따라 시ㆍ도지사 또는 시장ㆍ군수ㆍ구청장에게 제4조에 따른 건축위원회의 \
심의를 신청하여야 한다.
제4조의3(건축위원회 회의록의 공개) 시ㆍ도지사 또는 시장ㆍ군수ㆍ구청장은 \
제4조의2제1항에 따른 심의를 신청한 자가 요청하는 경우에는 \
대통령령으로 정하는 바에 따라 회의록을 공개하여야 한다.
"""

# China, Criminal Law, articles 120 and 120-1 (the first inserted after 120), cut short.
CHINA = """\
第一百二十条　组织、领导恐怖活动组织的，处十年以上有期徒刑或者无期徒刑，并处没收财产。
第一百二十条之一　资助恐怖活动组织、实施恐怖活动的个人的，或者资助恐怖活动培训的，\
处五年以下有期徒刑、拘役、管制或者剥夺政治权利，并处罚金。
"""

# Greece, Law 4766/2021 (ΦΕΚ Α΄ 7), articles numbered in words, as the Gazette prints them.
GREECE = """\
Άρθρο τέταρτο
Λοιπές ρυθμίσεις
1. Τα πρωτότυπα κείμενα των εγκεκριμένων σχεδίων συμβάσεων των άρθρων 1 έως 3 φυλάσσονται \
στη Γενική Διεύθυνση Αμυντικών Εξοπλισμών και Επενδύσεων του Υπουργείου Εθνικής Άμυνας.
Άρθρο πέμπτο
Έναρξη ισχύος
H ισχύς του παρόντος αρχίζει από τη δημοσίευσή του στην Εφημερίδα της Κυβερνήσεως.
"""

# Serbia, the Constitution (Устав Републике Србије, 2006), with a title over each article.
SERBIA = """\
Република Србија

Члан 1.
Република Србија је држава српског народа и свих грађана који у њој живе, заснована на \
владавини права и социјалној правди.

Носиоци суверености

Члан 2.
Сувереност потиче од грађана који је врше референдумом, народном иницијативом и преко \
својих слободно изабраних представника.
"""

# Serbia, the Labour Law (Zakon o radu) in Latin script.
SERBIA_LATIN = """\
I. OSNOVNE ODREDBE

1. Predmet

Član 1.

Prava, obaveze i odgovornosti iz radnog odnosa, odnosno po osnovu rada, uređuju se ovim \
zakonom i posebnim zakonom, u skladu sa ratifikovanim međunarodnim konvencijama.

Član 2.

Odredbe ovog zakona primenjuju se na zaposlene koji rade na teritoriji Republike Srbije.
"""

# Germany, the Grundgesetz as published ("Art 1" without a full stop), hard-wrapped.
GRUNDGESETZ = """\
Art 12a

(1) Männer können vom vollendeten achtzehnten Lebensjahr an zum Dienst
in den Streitkräften, im Bundesgrenzschutz oder in einem
Zivilschutzverband verpflichtet werden.


Art 13

(1) Die Wohnung ist unverletzlich.
"""

# Italy, the data-protection code (d.lgs. 196/2003 as amended in 2018): suffixes past decies.
ITALY = """\
Art. 2-undecies (Limitazioni ai diritti dell'interessato)
1. I diritti di cui agli articoli da 15 a 22 del Regolamento non possono essere esercitati \
con richiesta al titolare del trattamento.
Art. 2-duodecies (Limitazioni per ragioni di giustizia)
1. In applicazione dell'articolo 23, paragrafo 1, lettera f), del Regolamento, i diritti sono \
esercitati nei limiti e con le modalità previsti dalle disposizioni di legge.
Art. 2-terdecies (Diritti riguardanti le persone decedute)
1. I diritti di cui agli articoli da 15 a 22 del Regolamento riferiti ai dati personali \
concernenti persone decedute possono essere esercitati da chi ha un interesse proprio.
"""


# France, the Code du travail: each article numbered with its book's letter (L legislative,
# R regulatory), as Légifrance prints them; before the 2008 recodification with a full stop.
FRENCH_CODE = """\
Article L1121-1

Nul ne peut apporter aux droits des personnes et aux libertés individuelles et collectives de \
restrictions qui ne seraient pas justifiées par la nature de la tâche à accomplir ni \
proportionnées au but recherché.

Article L1221-1

Le contrat de travail est soumis aux règles du droit commun. Il peut être établi selon les \
formes que les parties contractantes décident d'adopter.

Article L1221-2

Le contrat de travail à durée indéterminée est la forme normale et générale de la relation de \
travail.
"""
FRENCH_CODE_1973 = """\
Art. L. 122-14-2. - L'employeur est tenu d'énoncer le ou les motifs du licenciement dans la \
lettre de licenciement mentionnée à l'article L. 122-14-1.

Art. L. 122-14-3. - En cas de litige, le juge à qui il appartient d'apprécier la régularité \
de la procédure suivie et le caractère réel et sérieux des motifs invoqués par l'employeur, \
forme sa conviction au vu des éléments fournis par les parties.
"""


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            TAIWAN,
            [("第 1 條", "1"), ("第 2 條", "2"), ("第 2-1 條", "2bis"), ("第 3 條", "3")],
            id="di-1-tiao-spaced-zh-TW",
        ),
        pytest.param(TAIWAN_CHAPTER, [("第 1 條", "1"), ("第 2 條", "2")], id="chapter-zh-TW"),
        pytest.param(JAPAN, [("第三十四条", "34"), ("第三十四条の二", "34bis")], id="no-ni-ja"),
        pytest.param(KOREA, [("제4조의2", "4bis"), ("제4조의3", "4ter")], id="ui-2-ko"),
        pytest.param(
            CHINA, [("第一百二十条", "120"), ("第一百二十条之一", "120bis")], id="zhi-yi-zh"
        ),
        pytest.param(GREECE, [("Άρθρο τέταρτο", "4"), ("Άρθρο πέμπτο", "5")], id="arthro-el"),
        pytest.param(SERBIA, [("Члан 1", "1"), ("Члан 2", "2")], id="clan-sr-Cyrl"),
        pytest.param(SERBIA_LATIN, [("Član 1", "1"), ("Član 2", "2")], id="clan-sr-Latn"),
        pytest.param(GRUNDGESETZ, [("Art 12a", "12a"), ("Art 13", "13")], id="Art-de"),
        pytest.param(
            FRENCH_CODE,
            [
                ("Article L1121-1", "l1121-1"),
                ("Article L1221-1", "l1221-1"),
                ("Article L1221-2", "l1221-2"),
            ],
            id="code-L-fr",
        ),
        pytest.param(
            FRENCH_CODE_1973,
            [("Art. L. 122-14-2", "l122-14-2"), ("Art. L. 122-14-3", "l122-14-3")],
            id="code-L-dotted-fr",
        ),
        pytest.param(
            ITALY,
            [
                ("Art. 2-undecies", "2undecies"),
                ("Art. 2-duodecies", "2duodecies"),
                ("Art. 2-terdecies", "2terdecies"),
            ],
            id="undecies-it",
        ),
    ],
)
def test_heading_words_of_every_language(text: str, expected: list[tuple[str, str]]) -> None:
    """Each language's heading word and number form is found, and reads back as its number."""
    document = parse_document(text)
    assert _headings(document) == expected
    for article in document.articles:
        assert text.startswith(article.label, article.text_span.start)
        assert canonical_number(article.label) == article.number


@pytest.mark.parametrize(
    ("text", "titles"),
    [
        pytest.param(KOREA, ["건축위원회의 건축 심의 등", "건축위원회 회의록의 공개"], id="ko"),
        pytest.param(GREECE, ["Λοιπές ρυθμίσεις", "Έναρξη ισχύος"], id="el"),
        pytest.param(
            ITALY,
            [
                "Limitazioni ai diritti dell'interessato",
                "Limitazioni per ragioni di giustizia",
                "Diritti riguardanti le persone decedute",
            ],
            id="it",
        ),
    ],
)
def test_titles_in_every_language(text: str, titles: list[str]) -> None:
    """Titles in brackets on the heading line, or on the line under it, are the articles'."""
    assert [article.heading for article in parse_document(text).articles] == titles


def test_spaced_chinese_chapter_is_a_division() -> None:
    """``第 一 章 總綱`` is Chapter 1, the context of the articles under it."""
    document = parse_document(TAIWAN_CHAPTER)
    assert [(d.kind, d.number) for d in document.article("1").divisions] == [("chapter", "1")]


@pytest.mark.parametrize(
    "label",
    ["第三十八条の二", "제38조의2", "第三十八條之一", "第 38-1 條", "第38條之1", "Article 38 bis"],
)
def test_inserted_articles_agree_across_languages(label: str) -> None:
    """The first article inserted after 38 is 38bis however Japan, Korea or China print it."""
    assert canonical_number(label) == "38bis"


def test_treaty_chinese_keeps_zhi_er_for_bis() -> None:
    """A text whose inserted articles start at 之二 (the UN's Chinese: 第八條之二 is 8 bis) is
    read the treaty way; a statute's 之一 is its first inserted article."""
    treaty = "第八條\n\n侵略罪。\n\n第八條之二\n\n侵略罪的定義。\n"
    assert [a.number for a in parse_document(treaty).articles] == ["8", "8bis"]
    assert [a.number for a in parse_document(CHINA).articles] == ["120", "120bis"]


def test_language_comes_from_the_heading_word() -> None:
    """Άρθρο is Greek, Члан Serbian, 第…条 with kana Japanese, 제…조 Korean."""
    expected = {GREECE: "el", SERBIA: "sr", JAPAN: "ja", KOREA: "ko", TAIWAN: "zh"}
    assert {text: parse_document(text).language for text in expected} == expected


# Japan, Penal Code, Article 3 (cut short): its items open with references that carry the
# cited article's caption in brackets, as e-Gov lays them out.
JAPAN_ITEMS = """\
（国民の国外犯）
第三条

　この法律は、日本国外において次に掲げる罪を犯した日本国民に適用する。
一

　第百八条（現住建造物等放火）及び第百九条第一項（非現住建造物等放火）の罪、これらの規定の例により処断すべき罪並びにこれらの罪の未遂罪

二

　第百十九条（現住建造物等浸害）の罪
"""

# Korea, Minor Offenses Act (경범죄 처벌법), its last article and the addenda (부칙) of two
# amending acts, each with its own 제1조, as law.go.kr prints them.
KOREA_ADDENDA = """\
제9조(통고처분 불이행자 등의 처리) ③ 제1항 단서 또는 제2항에 따라 범칙금을 납부한 사람은 그 \
범칙행위에 대하여 다시 처벌받지 아니한다.

부칙 <제11401호,2012.3.21>

제1조(시행일) 이 법은 공포 후 1년이 경과한 날로부터 시행한다.

제2조(벌칙적용에 관한 경과조치) 이 법 시행 전의 행위에 대한 벌칙을 적용할 때에는 종전의 \
규정에 따른다.

부칙 <제13813호,2016.1.22>

제1조(시행일) 이 법은 공포 후 6개월이 경과한 날부터 시행한다.
"""


def test_cited_caption_is_no_title() -> None:
    """``第百八条（現住建造物等放火）及び...`` cites Article 108: the caption in brackets runs
    into the sentence, where a heading's title is followed by a space or the line's end."""
    assert [a.number for a in parse_document(JAPAN_ITEMS).articles] == ["3"]


def test_korean_addenda_are_not_articles() -> None:
    """The addenda (부칙) of amending acts, each numbering its own 제1조, close the statute:
    they are its trailing part, not articles."""
    document = parse_document(KOREA_ADDENDA)
    assert [a.number for a in document.articles] == ["9"]
    assert document.trailing is not None
    assert document.quote(document.trailing).startswith("부칙 <제11401호")


@given(
    row=st.sampled_from([r for r in ARTICLE_WORDS if r.words[0][0].isupper() or r.number_first]),
    data=st.data(),
    first=st.integers(min_value=1, max_value=999_998),
)
@settings(max_examples=150, deadline=None)
def test_every_heading_word_reads_back(row: HeadingWords, data: st.DataObject, first: int) -> None:
    """Any row of the word table, with any number: two articles in a row are found, and each
    label reads back as its number."""
    word = data.draw(st.sampled_from(row.words))
    numbers = [first, first + 1]
    heads = [f"{n}. {word}" if row.number_first else f"{word} {n}" for n in numbers]
    text = "".join(f"{head}\n\nThe Parties shall consult each other.\n\n" for head in heads)
    document = parse_document(text)
    assert [a.number for a in document.articles] == [str(n) for n in numbers]
    assert [canonical_number(a.label) for a in document.articles] == [str(n) for n in numbers]


# The German Civil Code (BGB), its first sections as the federal law portal prints them.
BGB = """\
Bürgerliches Gesetzbuch (BGB)

Buch 1 - Allgemeiner Teil

§ 1 Beginn der Rechtsfähigkeit

Die Rechtsfähigkeit des Menschen beginnt mit der Vollendung der
Geburt.

§ 2 Eintritt der Volljährigkeit

Die Volljährigkeit tritt mit der Vollendung des 18. Lebensjahres ein.

§§ 3 bis 6 (weggefallen)

§ 7 Wohnsitz; Begründung und Aufhebung

(1) Wer sich an einem Orte ständig niederlässt, begründet an diesem
Ort seinen Wohnsitz.

(2) Der Wohnsitz kann gleichzeitig an mehreren Orten bestehen.
"""

# Sweden, the Instrument of Government (Regeringsformen), chapter 1: the number first.
REGERINGSFORMEN = """\
1 kap. Statsskickets grunder

Folksuveränitet

1 § All offentlig makt i Sverige utgår från folket.

Den offentliga makten utövas under lagarna.

Den offentliga maktutövningens mål

2 § Den offentliga makten ska utövas med respekt för alla människors lika värde och för den \
enskilda människans frihet och värdighet.

Grundlagarna

3 § Regeringsformen, successionsordningen, tryckfrihetsförordningen och \
yttrandefrihetsgrundlagen är rikets grundlagar.
"""


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(BGB, [("§ 1", "1"), ("§ 2", "2"), ("§ 7", "7")], id="paragraph-sign-de"),
        pytest.param(
            REGERINGSFORMEN, [("1 §", "1"), ("2 §", "2"), ("3 §", "3")], id="number-first-sv"
        ),
    ],
)
def test_statutes_numbered_by_sections(text: str, expected: list[tuple[str, str]]) -> None:
    """A statute without articles, numbered by the section sign (``§ 1``, ``1 §``), is read
    by its sections (``§§ 3 bis 6 (weggefallen)`` is none); the sign's rows are data too."""
    document = parse_document(text)
    assert _headings(document) == expected
    assert [canonical_number(label) for label, _ in expected] == [n for _, n in expected]


def test_sections_inside_articles_stay_text() -> None:
    """Where a text has articles, ``§ 1`` lines are sections of a law it quotes, not headings."""
    text = "Artikel 1\n\nDas Gesetz wird wie folgt gefasst:\n\n§ 1\n\nGeltung\n\nText.\n"
    assert _headings(parse_document(text)) == [("Artikel 1", "1")]
