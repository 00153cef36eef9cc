"""parse_document on real treaty text: heading styles, cross-references, structure and offsets.

The snippets are real: the bundled corpora, or excerpts of the treaty named above each one
(the copies from the Dutch treaty database keep their own typos). Long paragraphs are cut
short. Where a snippet is re-wrapped, laid out differently, or given page numbers or a
reference that its source does not have, its comment says so.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from clausediff import Document, NoArticlesError, Position, Span, parse_document

CORPORA = Path(__file__).resolve().parents[1] / "corpora"


def _corpus(name: str) -> str:
    """A bundled corpus text exactly as stored, without newline translation."""
    return (CORPORA / name).read_bytes().decode("utf-8")


def _headings(document: Document) -> list[tuple[str, str]]:
    return [(article.label, article.number) for article in document.articles]


NATO = _corpus("nato-1949.en.txt")
UN_CHARTER = _corpus("un-charter-1945.en.txt")
USSR_DPRK = _corpus("ussr-dprk-1961.en.txt")

# Rio Treaty (1947), 62 Stat. 1681, with its headings on their own lines as printed.
RIO = """\
ARTICLE 1

The High Contracting Parties formally condemn war.

ARTICLE 2

As a consequence of the principle set forth in the preceding Article, the High Contracting \
Parties undertake to submit every controversy which may arise between them to methods of \
peaceful settlement.
"""

# ILO Convention No. 8 (1920), Dutch text.
ILO_ART = """\
Art. 1

1. Voor de toepassing van dit Verdrag wordt onder „zeelieden” verstaan alle personen, werkzaam \
op een schip, dat de zee bevaart.

Art. 2

1. In geval van verlies van een schip door schipbreuk is de reeder verplicht aan ieder der op \
dat schip werkende zeelieden een schadeloosstelling te betalen.
"""

# Rome Statute of the International Criminal Court, as amended at Kampala (2010).
ROME_BIS = """\
Article 15

Prosecutor

1. The Prosecutor may initiate investigations proprio motu on the basis of information on \
crimes within the jurisdiction of the Court.

Article 15 bis

Exercise of jurisdiction over the crime of aggression (State referral, proprio motu)

1. The Court may exercise jurisdiction over the crime of aggression in accordance with article \
13, paragraphs (a) and (c), subject to the provisions of this article.

Article 15 ter

Exercise of jurisdiction over the crime of aggression (Security Council referral)

1. The Court may exercise jurisdiction over the crime of aggression in accordance with article \
13, paragraph (b), subject to the provisions of this article.

Article 16

Deferral of investigation or prosecution

No investigation or prosecution may be commenced or proceeded with under this Statute for a \
period of 12 months after the Security Council, in a resolution adopted under Chapter VII of \
the Charter of the United Nations, has requested the Court to that effect.
"""

_AGGRESSION = "Exercise of jurisdiction over the crime of aggression"

# Paris Convention for the Protection of Industrial Property (Stockholm Act, 1967).
PARIS_QUATER = """\
Article 5ter

In any country of the Union the following shall not be considered as infringements of the \
rights of a patentee:

Article 5quater

When a product is imported into a country of the Union where there exists a patent protecting \
a process of manufacture of the said product, the patentee shall have all the rights.

Article 5quinquies

Industrial designs shall be protected in all the countries of the Union.
"""

# Benelux Convention on Intellectual Property (2005), Dutch text.
BENELUX_DOTTED = """\
Titel I

ALGEMENE EN INSTITUTIONELE BEPALINGEN

Artikel 1.1

Afkortingen

In dit verdrag wordt verstaan onder:

Artikel 1.2

Organisatie

1. Er wordt een Benelux-Organisatie voor de Intellectuele Eigendom ingesteld.
"""

# United States-Korea Free Trade Agreement (2007), Chapter One; the second article's title is
# in title case here, as other agreements print theirs.
KORUS = """\
CHAPTER ONE

INITIAL PROVISIONS AND DEFINITIONS

Section A: Initial Provisions

ARTICLE 1.1: ESTABLISHMENT OF FREE TRADE AREA

The Parties to this Agreement, consistent with Article XXIV of the General Agreement on \
Tariffs and Trade 1994 and Article V of the General Agreement on Trade in Services, hereby \
establish a free trade area in accordance with the provisions of this Agreement.

ARTICLE 1.2: Relation to Other Agreements

The Parties affirm their existing rights and obligations with respect to each other under the \
WTO Agreement and other agreements to which both Parties are party.
"""

# Chile-Mexico Free Trade Agreement (1998), Spanish text, hard-wrapped at 72 columns.
CHILE_MEXICO = """\
Artículo 1-01: Establecimiento de la zona de libre comercio

Las Partes de este Tratado, de conformidad con lo dispuesto en el
Artículo XXIV del Acuerdo General sobre Aranceles Aduaneros y Comercio de
1994 y el Artículo V del Acuerdo General sobre el Comercio de Servicios,
establecen una zona de libre comercio.

Artículo 1-02: Objetivos

1. Los objetivos del presente Tratado, desarrollados de manera específica
a través de sus principios y reglas, son los siguientes:
"""

# Hague Convention on maintenance obligations towards children (1958), French text.
HAGUE_PREMIER = """\
Article premier

La présente Convention a pour objet d'assurer la reconnaissance et l'exécution réciproques des \
décisions rendues à l'occasion de demandes portant sur la réclamation d'aliments par un enfant.

Article 2

Les décisions rendues en matière d'aliments devront être reconnues et déclarées exécutoires.
"""

# Constitution of the Universal Postal Union, French text.
UPU = """\
TITRE I

Dispositions organiques

CHAPITRE I

Généralités

Article PREMIER

Etendue et but de l’Union

1. Les pays qui adoptent la présente Constitution forment un seul territoire postal.
2. L'Union a pour but d'assurer l'organisation et le perfectionnement des services postaux.

Article 1bis

Définitions

1. Aux fins des Actes de l’Union postale universelle, les termes ci-après sont définis comme \
suit:

1.1. Service postal: ensemble des prestations postales.

Article 2

Membres de l'Union
"""

# The North Atlantic Treaty with word numbers, as older treaties print them ("Article One").
NATO_WORDS = """\
Article One

The Parties undertake to settle any international disputes by peaceful means.

Article Two

The Parties will contribute toward the further development of peaceful relations.

ARTICLE THIRD.

The Parties will maintain their capacity to resist armed attack.
"""

# 1967 Protocol relating to the Status of Refugees.
REFUGEE_PROTOCOL = """\
Article I

General provision

1. The States Parties to the present Protocol undertake to apply articles 2 to 34 inclusive of \
the Convention to refugees as hereinafter defined.

Article II

Co-operation of the national authorities with the United Nations

1. The States Parties to the present Protocol undertake to cooperate with the Office of the \
United Nations High Commissioner for Refugees.
2. In order to enable the Office of the High Commissioner to make reports, the States Parties \
to the present Protocol undertake to provide them with the information and statistical data \
requested, in the appropriate form, concerning:

(a) The condition of refugees;

(b) The implementation of the present Protocol;

(c) Laws, regulations and decrees which are, or may hereafter be, in force relating to refugees.
"""

# Council of Europe Convention on Cybercrime (Budapest, 2001); the second heading's dash is a
# hyphen here.
CYBERCRIME = """\
Article 2 – Illegal access

Each Party shall adopt such legislative and other measures as may be necessary.

Article 3 - Illegal interception

Each Party shall adopt such legislative and other measures as may be necessary.
"""

# Rio Treaty (1947), Spanish text; the second heading in capitals.
RIO_ES = """\
Artículo 1

Las Altas Partes Contratantes condenan formalmente la guerra.

ARTÍCULO 2

Como consecuencia del principio formulado en el Artículo anterior, las Altas Partes \
Contratantes se comprometen a someter toda controversia a los métodos de solución pacífica.
"""

# North Atlantic Treaty, German text.
NATO_DE = """\
Artikel 5

Die Parteien vereinbaren, daß ein bewaffneter Angriff gegen eine oder mehrere von ihnen in \
Europa oder Nordamerika als ein Angriff gegen sie alle angesehen werden wird.

Artikel 6

Im Sinne des Artikels 5 gilt als bewaffneter Angriff auf eine oder mehrere der Parteien jeder \
bewaffnete Angriff auf das Gebiet eines dieser Staaten in Europa oder Nordamerika.
"""

# European Agreement on the work of crews of vehicles (AETR), Dutch text: "22 bis" spaced and
# "22ter" joined, as the source has them.
AETR_NL = """\
Artikel 22

1. De aanhangsels 1 en 2 bij de bijlage bij deze Overeenkomst kunnen worden gewijzigd.

Artikel 22 bis

Procedure voor het wijzigen van aanhangsel 1B

Artikel 22ter

Procedure voor de wijziging van Aanhangsel 3

Artikel 23

Naast de in de artikelen 20 en 21 van deze Overeenkomst bedoelde kennisgevingen doet de \
Secretaris-Generaal van de Verenigde Naties aan de bedoelde Staten mededeling van:

a) bekrachtigingen en toetredingen krachtens artikel 14 van deze Overeenkomst;

b) de data waarop krachtens artikel 14 deze Overeenkomst in werking treedt;
"""

# Agreement between the Benelux countries and Italy on seamen (1953), Italian text.
BENELUX_IT = """\
Articolo 1

Al termini del presente Accordo si deve intendere: per „i Paesi del Benelux” il Regno del \
Belgio, il Granducato del Lussemburgo e il Regno dei Paesi Bassi.

Articolo 3

I marittimi di nazionalità italiana possono transitare sul territorio del Benelux.
"""

# Brazil-Netherlands agreement on commercial arrears (1935), Portuguese text: the ordinal mark
# is a ring (U+02DA) in one heading and a degree sign in the other, as in the source.
BRAZIL_PT = """\
Artigo 1˚

As quantias em mil réis, já regularmente depositadas nos bancos, deverao ser entregues ao \
Banco do Brasil.

Artigo 4°

Sao considerados creditos commerciaes atrazados os creditos resultantes da venda de mercadorias \
importadas.
"""

# Collective Security Treaty (1992): Article 1 from the treaty, then the corpus's Article 4.
CSTO = (
    "Статья 1\n"
    "Государства-участники подтверждают обязательство воздерживаться от применения силы "
    "или угрозы силой в межгосударственных отношениях.\n"
    + _corpus("csto-1992.ru.txt").split("\n", 1)[1]
)

# Sino-Korean Treaty (1961), simplified Chinese text.
PRC_DPRK_ZH_HANS = """\
第一条

缔约双方将继续为维护亚洲和世界的和平和各国人民的安全而尽一切努力。

第二条

缔约双方保证共同采取一切措施,防止任何国家对缔约双方的任何一方的侵略。
"""

# Treaty of Mutual Cooperation and Security between Japan and the United States (1960).
US_JAPAN_JA = """\
第五条
各締約国は、日本国の施政の下にある領域における、いずれか一方に対する武力攻撃が、\
自国の平和及び安全を危うくするものであることを認め、自国の憲法上の規定及び手続に従つて\
共通の危険に対処するように行動することを宣言する。
前記の武力攻撃及びその結果として執つたすべての措置は、国際連合憲章第五十一条の規定に従つて\
直ちに国際連合安全保障理事会に報告しなければならない。
第六条
日本国の安全に寄与し、並びに極東における国際の平和及び安全の維持に寄与するため、\
アメリカ合衆国は、その陸軍、空軍及び海軍が日本国において施設及び区域を使用することを許される。
"""


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(NATO, [(f"Article {n}", str(n)) for n in range(1, 15)], id="Article-4"),
        pytest.param(RIO, [("ARTICLE 1", "1"), ("ARTICLE 2", "2")], id="ARTICLE-4"),
        pytest.param(ILO_ART, [("Art. 1", "1"), ("Art. 2", "2")], id="Art.-4"),
        pytest.param(
            _corpus("anzus-1951.signed.en.txt"),
            [
                ("ARTICLE III", "3"),
                ("ARTICLE IV", "4"),
                ("ARTICLE V", "5"),
                ("ARTICLE VI", "6"),
                ("ARTICLE VII", "7"),
                ("ARTICLE VIII", "8"),
            ],
            id="ARTICLE-IV",
        ),
        pytest.param(
            _corpus("prc-dprk-1961.en.txt"),
            [("Article I", "1"), ("Article II", "2")],
            id="Article-IV-no-blank-lines",
        ),
        pytest.param(
            ROME_BIS,
            [
                ("Article 15", "15"),
                ("Article 15 bis", "15bis"),
                ("Article 15 ter", "15ter"),
                ("Article 16", "16"),
            ],
            id="Article-4-bis-ter",
        ),
        pytest.param(
            PARIS_QUATER,
            [
                ("Article 5ter", "5ter"),
                ("Article 5quater", "5quater"),
                ("Article 5quinquies", "5quinquies"),
            ],
            id="Article-4quater",
        ),
        pytest.param(
            AETR_NL,
            [
                ("Artikel 22", "22"),
                ("Artikel 22 bis", "22bis"),
                ("Artikel 22ter", "22ter"),
                ("Artikel 23", "23"),
            ],
            id="Artikel-4bis-nl",
        ),
        pytest.param(
            BENELUX_DOTTED, [("Artikel 1.1", "1.1"), ("Artikel 1.2", "1.2")], id="Artikel-1.2"
        ),
        pytest.param(KORUS, [("ARTICLE 1.1", "1.1"), ("ARTICLE 1.2", "1.2")], id="ARTICLE-1.1:"),
        pytest.param(
            CHILE_MEXICO, [("Artículo 1-01", "1-01"), ("Artículo 1-02", "1-02")], id="Articulo-1-01"
        ),
        pytest.param(
            HAGUE_PREMIER, [("Article premier", "1"), ("Article 2", "2")], id="Article-premier"
        ),
        pytest.param(
            UPU,
            [("Article PREMIER", "1"), ("Article 1bis", "1bis"), ("Article 2", "2")],
            id="Article-PREMIER",
        ),
        pytest.param(
            NATO_WORDS,
            [("Article One", "1"), ("Article Two", "2"), ("ARTICLE THIRD", "3")],
            id="Article-One-Third",
        ),
        pytest.param(
            NATO_WORDS.replace("Article One", "Article First"),
            [("Article First", "1"), ("Article Two", "2"), ("ARTICLE THIRD", "3")],
            id="Article-First",
        ),
        pytest.param(REFUGEE_PROTOCOL, [("Article I", "1"), ("Article II", "2")], id="title-line"),
        pytest.param(
            USSR_DPRK,
            [(f"Article {n}", str(n)) for n in range(1, 6)],
            id="inline-Article-1.-The",
        ),
        pytest.param(
            CYBERCRIME, [("Article 2", "2"), ("Article 3", "3")], id="Article-4-dash-Title"
        ),
        pytest.param(RIO_ES, [("Artículo 1", "1"), ("ARTÍCULO 2", "2")], id="Articulo-es"),
        pytest.param(NATO_DE, [("Artikel 5", "5"), ("Artikel 6", "6")], id="Artikel-de"),
        pytest.param(BENELUX_IT, [("Articolo 1", "1"), ("Articolo 3", "3")], id="Articolo-it"),
        pytest.param(BRAZIL_PT, [("Artigo 1˚", "1"), ("Artigo 4°", "4")], id="Artigo-1-ring-pt"),
        pytest.param(
            BRAZIL_PT.replace("1˚", "1°"),
            [("Artigo 1°", "1"), ("Artigo 4°", "4")],
            id="Artigo-1-degree-pt",
        ),
        pytest.param(CSTO, [("Статья 1", "1"), ("Статья 4", "4")], id="Statya-4.-ru"),
        pytest.param(PRC_DPRK_ZH_HANS, [("第一条", "1"), ("第二条", "2")], id="di-4-tiao-zh-Hans"),
        pytest.param(
            _corpus("prc-dprk-1961.zh-Hant.txt"),
            [("第一條", "1"), ("第二條", "2"), ("第三條", "3")],
            id="di-4-tiao-zh-Hant",
        ),
        pytest.param(_corpus("russia-dprk-2024.ko.txt"), [("제4조", "4")], id="je-4-jo-ko"),
        pytest.param(US_JAPAN_JA, [("第五条", "5"), ("第六条", "6")], id="dai-4-jo-ja"),
    ],
)
def test_heading_styles(text: str, expected: list[tuple[str, str]]) -> None:
    """Every heading style is found with its printed label and canonical number, in order."""
    document = parse_document(text)
    assert _headings(document) == expected
    for article in document.articles:
        start = article.text_span.start
        assert article.span.start == start
        assert document.quote(Span(start, start + len(article.label))) == article.label


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(NATO, [None] * 14, id="bare"),
        pytest.param(
            REFUGEE_PROTOCOL,
            [
                "General provision",
                "Co-operation of the national authorities with the United Nations",
            ],
            id="title-line",
        ),
        pytest.param(
            UPU,
            ["Etendue et but de l’Union", "Définitions", "Membres de l'Union"],
            id="title-line-fr",
        ),
        pytest.param(
            ROME_BIS,
            [
                "Prosecutor",
                f"{_AGGRESSION} (State referral, proprio motu)",
                f"{_AGGRESSION} (Security Council referral)",
                "Deferral of investigation or prosecution",
            ],
            id="title-line-long",
        ),
        pytest.param(CYBERCRIME, ["Illegal access", "Illegal interception"], id="dash"),
        pytest.param(
            KORUS, ["ESTABLISHMENT OF FREE TRADE AREA", "Relation to Other Agreements"], id="colon"
        ),
        pytest.param(
            CHILE_MEXICO,
            ["Establecimiento de la zona de libre comercio", "Objetivos"],
            id="colon-es",
        ),
        pytest.param(USSR_DPRK, [None] * 5, id="inline"),
        pytest.param(_corpus("prc-dprk-1961.zh-Hant.txt"), [None] * 3, id="cjk-bare"),
    ],
)
def test_article_titles(text: str, expected: list[str | None]) -> None:
    """An article's title comes from its heading line or the short line under a bare heading."""
    assert [article.heading for article in parse_document(text).articles] == expected


# North Atlantic Treaty, Articles 5 and 6, hard-wrapped so that references open lines.
NATO_WRAPPED = """\
Article 5

The Parties agree that an armed attack against one or more of them in
Europe or North America shall be considered an attack against them all;
and consequently they agree that, if such an armed attack occurs, each
of them, in exercise of the right of individual or collective self-
defence recognised by
Article 51 of the Charter of the United Nations, will assist the Party
or Parties so attacked.

Article 6

For the purpose of
Article 5, an armed attack on one or more of the Parties is deemed to
include an armed attack on the territory of any of the Parties.
"""

# UN Charter, Articles 3 and 4, hard-wrapped: the line "Article 110." ends a sentence begun on
# the line before, which ends mid-sentence.
CHARTER_WRAPPED = """\
Article 3

The original Members of the United Nations shall be the states which,
having participated in the United Nations Conference on International
Organization at San Francisco, or having previously signed the
Declaration by United Nations of January 1, 1942, sign the present
Charter and ratify it in accordance with
Article 110.

Article 4

1. Membership in the United Nations is open to all other peaceloving
states which accept the obligations contained in the present Charter.
"""

# UN Charter, Articles 44 and 45, shortened and hard-wrapped after a long line that ends in a
# plain word; the reference to Article 45 is this test's: it puts a heading-shaped line that is
# in sequence at a line start.
CHARTER_LONG_LINE = """\
Article 44

When the Security Council has decided to use force it shall, before calling upon a
Member not represented on it to provide armed forces in fulfilment of the obligations
assumed under Article 43, invite that Member to participate, as provided in the subsequent
Article 45. The Member shall hold national air-force contingents available.

Article 45

In order to enable the United Nations to take urgent military measures, Members shall
hold immediately available national air-force contingents.
"""

# Treaty on Mutual Cooperation and Security (1960), Japanese, hard-wrapped inside a sentence.
US_JAPAN_JA_WRAPPED = """\
第五条
前記の武力攻撃及びその結果として執つたすべての措置は、国際連合憲章
第五十一条の規定に従つて直ちに国際連合安全保障理事会に報告しなければならない。
第六条
日本国の安全に寄与するため、アメリカ合衆国は、施設及び区域を使用することを許される。
"""

# UN Charter, Article 52, traditional Chinese, hard-wrapped inside paragraph 4.
CHARTER_ZH_WRAPPED = """\
第五十二條

四、本條絕不妨礙
第三十四條及第三十五條之適用。

第五十三條

一、安全理事會對於職權內之執行行動,在適當情形下,應利用此項區域辦法或區域機關。
"""


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(NATO_WRAPPED, ["5", "6"], id="Article-51-of-the-Charter"),
        pytest.param(CHARTER_WRAPPED, ["3", "4"], id="Article-110.-after-mid-sentence-line"),
        pytest.param(CHARTER_LONG_LINE, ["44", "45"], id="after-long-line-ending-in-a-word"),
        pytest.param(CHILE_MEXICO, ["1-01", "1-02"], id="Articulo-XXIV-del-es"),
        pytest.param(_corpus("us-japan-1960.en.txt"), ["5"], id="Article-51-of-the/Charter."),
        pytest.param(US_JAPAN_JA_WRAPPED, ["5", "6"], id="dai-51-jo-no-ja"),
        pytest.param(CHARTER_ZH_WRAPPED, ["52", "53"], id="di-34-tiao-ji-zh"),
        pytest.param(_corpus("russia-dprk-2024.ko.txt"), ["4"], id="je-51-jo-wa-ko"),
        pytest.param(_corpus("dunkirk-1947.en.txt"), ["2"], id="Article-I-of-this-Treaty"),
    ],
)
def test_cross_references_are_not_headings(text: str, expected: list[str]) -> None:
    """A reference that a wrap puts at a line start stays inside its article."""
    assert [article.number for article in parse_document(text).articles] == expected


def test_reference_after_mid_sentence_line_stays_in_its_article() -> None:
    """``...in accordance with`` / ``Article 110.`` is the end of Article 3, not an article."""
    document = parse_document(CHARTER_WRAPPED)
    article = document.article("3")
    assert document.quote(article.text_span).endswith("in accordance with\nArticle 110.")
    assert document.article("4").text_span.start == CHARTER_WRAPPED.index("Article 4\n")


# North Atlantic Treaty, Articles 1 to 4, hard-wrapped, with page numbers between a heading and
# the line before it and between two lines of one sentence; the reference to Article 51 at the
# end of Article 3 is this test's.
NATO_PAGES = """\
Article 1

The Parties undertake, as set forth in the Charter of the United Nations, to settle any
international disputes in which they may be involved by peaceful means.
12
Article 2

The Parties will contribute toward the further development of peaceful and friendly
- 13 -
international relations.

Page 14

Article 3

In order more effectively to achieve the objectives of this Treaty, the Parties, separately
and jointly, will maintain and develop their individual and collective capacity to resist
armed attack, in accordance with
15 of 40
Article 51 of the Charter.
Article 4

The Parties will consult together whenever, in the opinion of any of them, the territorial
integrity, political independence or security of any of the Parties is threatened.
"""


def test_page_number_lines_are_looked_through() -> None:
    """A page number between a heading and the sentence before it does not hide the heading."""
    document = parse_document(NATO_PAGES)
    assert _headings(document) == [(f"Article {n}", str(n)) for n in range(1, 5)]
    starts = [NATO_PAGES.index(f"Article {n}\n") for n in range(1, 5)]
    assert [article.text_span.start for article in document.articles] == starts


def test_hyphenated_hard_wrapped_text_keeps_its_inline_headings() -> None:
    """End-of-line hyphenation ("con-/tinue", "Peo-/ple’s") confuses neither headings nor spans."""
    document = parse_document(USSR_DPRK)
    starts = [USSR_DPRK.index(f"Article {n}. ") for n in range(1, 6)]
    assert [article.text_span.start for article in document.articles] == starts
    assert document.preamble == Span(0, starts[0])
    first = document.quote(document.article("1").text_span)
    assert first.startswith("Article 1. The Contracting Parties declare that they will con-\ntinue")
    assert first.endswith("military and other assistance with all the means at its disposal.")
    assert document.quote(document.article("5").text_span).endswith("and with th")
    assert all(article.paragraphs == () for article in document.articles)


def test_divisions_are_context_not_articles() -> None:
    """Chapter headings are divisions of the articles they introduce, never articles."""
    document = parse_document(UN_CHARTER)
    assert [article.number for article in document.articles] == [str(n) for n in range(1, 112)]
    assert not any(article.label.upper().startswith("CHAPTER") for article in document.articles)
    chapters = [(division.kind, division.label, division.number) for division in document.divisions]
    assert chapters[:2] == [("chapter", "CHAPTER I", "1"), ("chapter", "CHAPTER II", "2")]
    assert len(chapters) == 19
    assert document.divisions[0].span == Span(1421, 1430)
    assert [d.label for d in document.article("1").divisions] == ["CHAPTER I"]
    assert [d.label for d in document.article("3").divisions] == ["CHAPTER II"]
    assert [d.label for d in document.article("51").divisions] == ["CHAPTER VII"]
    # the chapter heading belongs to the span of the article before it, not to its text
    article_2 = document.article("2")
    assert article_2.span == Span(2563, 4275)
    assert document.quote(article_2.text_span).endswith("enforcement measures under Chapter VII.")


# United Nations Convention on the Law of the Sea (1982), Part II, Sections 1 and 2.
UNCLOS_PART = """\
PART II

TERRITORIAL SEA AND CONTIGUOUS ZONE

SECTION 1. GENERAL PROVISIONS

Article 2

1. The sovereignty of a coastal State extends, beyond its land territory and internal waters, \
to an adjacent belt of sea, described as the territorial sea.

SECTION 2. LIMITS OF THE TERRITORIAL SEA

Article 3

Breadth of the territorial sea

Every State has the right to establish the breadth of its territorial sea up to a limit not \
exceeding 12 nautical miles, measured from baselines determined in accordance with this \
Convention.
"""


@pytest.mark.parametrize(
    ("text", "number", "expected"),
    [
        pytest.param(
            UPU,
            "1",
            [("title", "TITRE I", "1"), ("chapter", "CHAPITRE I", "1")],
            id="TITRE-CHAPITRE-fr",
        ),
        pytest.param(
            KORUS,
            "1.1",
            [("chapter", "CHAPTER ONE", "1"), ("section", "Section A: Initial Provisions", "a")],
            id="CHAPTER-Section",
        ),
        pytest.param(BENELUX_DOTTED, "1.2", [("title", "Titel I", "1")], id="Titel-nl"),
        pytest.param(
            UNCLOS_PART,
            "2",
            [("part", "PART II", "2"), ("section", "SECTION 1. GENERAL PROVISIONS", "1")],
            id="PART-SECTION",
        ),
        pytest.param(
            UNCLOS_PART,
            "3",
            [
                ("part", "PART II", "2"),
                ("section", "SECTION 2. LIMITS OF THE TERRITORIAL SEA", "2"),
            ],
            id="next-SECTION-replaces-the-last",
        ),
    ],
)
def test_article_divisions(text: str, number: str, expected: list[tuple[str, str, str]]) -> None:
    """An article lists the Part, Title, Chapter and Section headings in force, outermost first."""
    document = parse_document(text)
    article = document.article(number)
    assert [(d.kind, d.label, d.number) for d in article.divisions] == expected
    assert all(not d.label.startswith(("Article", "ARTICLE")) for d in document.divisions)


# Rome Statute of the International Criminal Court, Article 8 (opening).
ROME_8 = """\
Article 8

War crimes

1. The Court shall have jurisdiction in respect of war crimes in particular when committed as \
part of a plan or policy or as part of a large-scale commission of such crimes.
2. For the purpose of this Statute, "war crimes" means:
(a) Grave breaches of the Geneva Conventions of 12 August 1949, namely, any of the following \
acts against persons or property protected under the provisions of the relevant Geneva \
Convention:
(i) Wilful killing;
(ii) Torture or inhuman treatment, including biological experiments;
(iii) Wilfully causing great suffering, or serious injury to body or health;
(b) Other serious violations of the laws and customs applicable in international armed \
conflict, within the established framework of international law, namely, any of the following \
acts:
(i) Intentionally directing attacks against the civilian population as such;
"""

# A German double taxation convention, Article 2 in the wording of the OECD Model.
DBA_DE = """\
Artikel 2

Unter das Abkommen fallende Steuern

(1) Dieses Abkommen gilt, ohne Rücksicht auf die Art der Erhebung, für Steuern vom Einkommen \
und vom Vermögen, die für Rechnung eines Vertragsstaats oder seiner Gebietskörperschaften \
erhoben werden.
(2) Als Steuern vom Einkommen und vom Vermögen gelten alle Steuern, die vom Gesamteinkommen, \
vom Gesamtvermögen oder von Teilen des Einkommens oder des Vermögens erhoben werden.
"""

# United Nations Convention on the Law of the Sea, Article 311, hard-wrapped so that a year
# that ends a sentence opens a line.
UNCLOS_311 = """\
Article 311

Relation to other conventions and international agreements

1. This Convention shall prevail, as between States Parties, over the Geneva
Conventions on the Law of the Sea of 29 April
1958.
2. This Convention shall not alter the rights and obligations of States Parties
which arise from other agreements compatible with this Convention.
"""


@pytest.mark.parametrize(
    ("text", "number", "expected"),
    [
        pytest.param(
            UN_CHARTER, "1", [("1.", 0), ("2.", 0), ("3.", 0), ("4.", 0)], id="1.-un-charter"
        ),
        pytest.param(
            ROME_8,
            "8",
            [
                ("1.", 0),
                ("2.", 0),
                ("(a)", 1),
                ("(i)", 2),
                ("(ii)", 2),
                ("(iii)", 2),
                ("(b)", 1),
                ("(i)", 2),
            ],
            id="1.-(a)-(i)-rome-statute",
        ),
        pytest.param(
            REFUGEE_PROTOCOL,
            "2",
            [("1.", 0), ("2.", 0), ("(a)", 1), ("(b)", 1), ("(c)", 1)],
            id="(a)-refugee-protocol",
        ),
        pytest.param(NATO, "6", [("(i)", 2), ("(ii)", 2)], id="(i)-nato"),
        pytest.param(DBA_DE, "2", [("(1)", 0), ("(2)", 0)], id="(1)-de"),
        pytest.param(AETR_NL, "23", [("a)", 1), ("b)", 1)], id="a)-aetr"),
        pytest.param(CHILE_MEXICO, "1-01", [], id="1994-after-a-wrap-es"),
        pytest.param(UNCLOS_311, "311", [("1.", 0), ("2.", 0)], id="1958.-after-a-wrap"),
    ],
)
def test_paragraphs(text: str, number: str, expected: list[tuple[str, int]]) -> None:
    """Numbered paragraphs are found with their printed labels and levels, and no stray numbers."""
    document = parse_document(text)
    article = document.article(number)
    assert [(p.label, p.level) for p in article.paragraphs] == expected
    for paragraph in article.paragraphs:
        assert document.quote(paragraph.span).startswith(paragraph.label)
        assert article.text_span.start < paragraph.span.start < article.text_span.end


def test_paragraph_spans_nest() -> None:
    """A paragraph runs to the next marker of its level or higher; sub-items end inside it."""
    document = parse_document(ROME_8)
    spans = {p.label + str(i): p.span for i, p in enumerate(document.article("8").paragraphs)}
    assert document.quote(spans["(a)2"]).endswith("serious injury to body or health;")
    assert document.quote(spans["(i)3"]) == "(i) Wilful killing;"
    assert spans["2.1"].end == document.article("8").text_span.end
    assert document.quote(spans["1.0"]).endswith("large-scale commission of such crimes.")


def test_a_year_at_a_line_start_is_not_a_paragraph() -> None:
    """``1958.`` opening a line inside paragraph 1 is part of it, not a paragraph 1958."""
    document = parse_document(UNCLOS_311)
    first = document.article("311").paragraphs[0]
    assert document.quote(first.span).endswith("of 29 April\n1958.")


# Security Treaty between Australia, New Zealand and the United States (ANZUS), Article XI and
# the testimonium.
ANZUS_END = """\
ARTICLE XI

This Treaty shall be ratified by the Parties in accordance with their respective \
constitutional processes.

IN WITNESS WHEREOF the undersigned Plenipotentiaries have signed this Treaty.

DONE at the city of San Francisco this first day of September, 1951.
"""


@pytest.mark.parametrize(
    ("text", "opening"),
    [
        pytest.param(NATO, "In witness whereof, the undersigned", id="In-witness-whereof"),
        pytest.param(UN_CHARTER, "IN FAITH WHEREOF the representatives", id="IN-FAITH-WHEREOF"),
        pytest.param(ANZUS_END, "IN WITNESS WHEREOF the undersigned", id="IN-WITNESS-WHEREOF"),
        pytest.param(
            NATO.replace(
                "In witness whereof, the undersigned plenipotentiaries have signed this Treaty. ",
                "",
            ),
            "Done at Washington, the fourth day of April, 1949.",
            id="Done-at",
        ),
    ],
)
def test_trailing_part_starts_at_the_testimonium(text: str, opening: str) -> None:
    """The trailing part begins with "Done at ..." or "IN WITNESS WHEREOF" and runs to the end."""
    document = parse_document(text)
    start = text.index(opening)
    assert document.trailing == Span(start, len(text))
    assert document.articles[-1].span.end == start
    assert not document.quote(document.articles[-1].text_span).endswith("\n")


def test_no_trailing_part_without_a_testimonium() -> None:
    """A text that stops inside its last article has no trailing part."""
    assert parse_document(USSR_DPRK).trailing is None


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("", id="empty"),
        pytest.param(
            "Treaty of Friendship, Alliance and Mutual Assistance between the Union of Soviet "
            "Socialist Republics and the People's Republic of China\n\nThe Presidium of the "
            "Supreme Soviet of the Union of Soviet Socialist Republics and the Central People's "
            "Government of the People's Republic of China,\n",
            id="preamble-only",
        ),
        pytest.param(
            "According to the treaty, the two sides shall provide military assistance in "
            "accordance with\nArticle 51 of the UN Charter.\n",
            id="reference-only",
        ),
        pytest.param("article 1\n\nlower-case headings are not headings.\n", id="lower-case"),
    ],
)
def test_text_without_headings_raises(text: str) -> None:
    """A text with no article heading raises NoArticlesError naming the document."""
    with pytest.raises(NoArticlesError, match="sino-soviet-1950") as raised:
        parse_document(text, id="sino-soviet-1950")
    assert raised.value.document_id == "sino-soviet-1950"


def test_offsets_point_at_the_source() -> None:
    """Spans are exact offsets: each text span starts at its label, and quote returns it."""
    document = parse_document(NATO)
    assert document.preamble == Span(0, 627)
    article_1, article_5 = document.article("1"), document.article("5")
    assert article_1.span == Span(627, 1035)
    assert article_1.text_span == Span(627, 1033)
    assert article_5.text_span.start == 1962
    assert document.quote(Span(1962, 1962 + len("Article 5"))) == "Article 5"
    assert document.quote(article_5.text_span).endswith("international peace and security.")
    assert document.position(article_5.text_span.start) == Position(line=21, column=1)
    assert document.trailing == Span(6891, 7021)


def test_windows_line_endings() -> None:
    """CRLF text gives the same articles and titles, and no carriage return in any label."""
    unix = parse_document(REFUGEE_PROTOCOL)
    windows = parse_document(REFUGEE_PROTOCOL.replace("\n", "\r\n"))
    assert _headings(windows) == _headings(unix)
    assert [a.heading for a in windows.articles] == [a.heading for a in unix.articles]
    assert [[p.label for p in a.paragraphs] for a in windows.articles] == [
        [p.label for p in a.paragraphs] for a in unix.articles
    ]
    assert not any("\r" in f"{a.label}{a.heading}" for a in windows.articles)


def test_division_titles() -> None:
    """A division's title is the short line under its heading."""
    charter = parse_document(UN_CHARTER)
    assert [d.title for d in charter.divisions[:3]] == [
        "Purposes and principles",
        "Membership",
        "Organs",
    ]
    assert parse_document(KORUS).divisions[0].title == "INITIAL PROVISIONS AND DEFINITIONS"


# Known parser bugs. Each test states the correct result and is expected to fail until the
# parser is fixed; strict=True makes a fix show up as an unexpected pass.

# Rome Statute, Articles 15 to 16, laid out with side titles over run-in headings (the layout
# of rule 3 of the parse module's docstring).
ROME_SIDE_TITLES = """\
Article 15. The Prosecutor may initiate investigations proprio motu on the basis of information \
on crimes within the jurisdiction of the Court.
State referral, proprio motu
Article 15 bis. The Court may exercise jurisdiction over the crime of aggression in accordance \
with article 13, paragraphs (a) and (c), subject to the provisions of this article.
Security Council referral
Article 15 ter. The Court may exercise jurisdiction over the crime of aggression in accordance \
with article 13, paragraph (b), subject to the provisions of this article.
Deferral of investigation or prosecution
Article 16. No investigation or prosecution may be commenced or proceeded with under this \
Statute for a period of 12 months.
"""


def test_ter_after_bis_under_a_side_title() -> None:
    """``Article 15 ter.`` continues the numbering after ``Article 15 bis.``, like ``16`` does."""
    numbers = [article.number for article in parse_document(ROME_SIDE_TITLES).articles]
    assert numbers == ["15", "15bis", "15ter", "16"]


# Rome Statute, Articles 15, 15 bis and 16, traditional Chinese text.
ROME_ZH_BIS = """\
第十五條

（一） 檢察官可以自行根據有關本法院管轄權內的犯罪的資料開始調查。

第十五條之二

（一） 在不違反本條規定的情況下，法院可根據第十三條第 1 項和第 3 項對侵略罪行使管轄權。

第十六條

如果安全理事會根據《聯合國憲章》第七章通過決議，向本法院提出要求，在其後十二個月內，本法院不得根據本規約開始或進行調查或起訴。
"""


def test_chinese_bis_article() -> None:
    """``第十五條之二`` is an article heading of its own."""
    document = parse_document(ROME_ZH_BIS)
    assert _headings(document) == [
        ("第十五條", "15"),
        ("第十五條之二", "15bis"),
        ("第十六條", "16"),
    ]


# United States-Philippines Mutual Defense Treaty (1951), Articles II and III hard-wrapped at
# 60 columns as in the scanned copy; a page number inside Article III's first sentence.
PHILIPPINES_WRAPPED = """\
ARTICLE II

In order more effectively to achieve the objective of this
Treaty, the Parties separately and jointly by self-help and
mutual aid will maintain and develop their individual and
collective capacity to resist armed attack.

ARTICLE III

The Parties, through their Foreign Ministers or their
12
deputies, will consult together from time to time regarding
the implementation of this Treaty.
"""

# Rome Statute, Articles 15 to 16 laid out without blank lines, as in the printed Statute.
ROME_COMPACT = ROME_BIS.replace("\n\n", "\n")


@pytest.mark.parametrize(
    ("text", "number", "expected"),
    [
        pytest.param(NATO_WRAPPED, "6", None, id="line-ending-in-of-is-not-a-title"),
        pytest.param(
            _corpus("us-philippines-1951.en.txt"), "7", None, id="an-article's-only-line-is-text"
        ),
        pytest.param(PHILIPPINES_WRAPPED, "2", None, id="wrapped-line-before-a-capital"),
        pytest.param(PHILIPPINES_WRAPPED, "3", None, id="wrapped-line-before-a-page-number"),
        pytest.param(
            ROME_COMPACT,
            "15bis",
            f"{_AGGRESSION} (State referral, proprio motu)",
            id="long-title-over-paragraph-1",
        ),
    ],
)
def test_article_title_bugs(text: str, number: str, expected: str | None) -> None:
    """A body's wrapped first line is no title, and a long title over ``1.`` is still one."""
    assert parse_document(text).article(number).heading == expected


# North American Free Trade Agreement (1992), Articles 1110 and 1107, without blank lines.
NAFTA_1110 = """\
Article 1110: Expropriation and Compensation
1. No Party may directly or indirectly nationalize or expropriate an investment of an investor \
of another Party in its territory or take a measure tantamount to nationalization or \
expropriation of such an investment ("expropriation"), except:
(a) for a public purpose;
(b) on a non-discriminatory basis;
(c) in accordance with due process of law and Article 1105(1); and
(d) on payment of compensation in accordance with paragraphs 2 through 6.
2. Compensation shall be equivalent to the fair market value of the expropriated investment \
immediately before the expropriation took place ("date of expropriation").
"""
NAFTA_1107 = """\
Article 1107: Senior Management and Boards of Directors
1. No Party may require that an enterprise of that Party that is an investment of an investor \
of another Party appoint to senior management positions individuals of any particular \
nationality.
2. A Party may require that a majority of the board of directors, or any committee thereof, of \
an enterprise of that Party that is an investment under this Agreement, be of a particular \
nationality, or resident in the territory of the Party.
"""
# Convention on Road Traffic (Vienna, 1968), Article 25 bis, from the Dutch database: its
# paragraph 3 has no space after the number, as in the source.
ROAD_TRAFFIC = """\
Article 25 bis

Special regulations for tunnels indicated by special road signs

In tunnels indicated by the special road signs, the following rules shall apply:

1. All drivers are forbidden:

(a) to reverse;

(b) to make a U-turn.

2. Even if the tunnel is lit, all drivers must switch on the driving or passing lamps.

3.Drivers are permitted to stop or park a vehicle only in case of emergency or danger. In doing \
so, they must, where possible, use the places specially indicated.

4. In case of a prolonged stoppage the driver must switch off the engine.
"""


@pytest.mark.parametrize(
    ("text", "number", "expected"),
    [
        pytest.param(
            NAFTA_1110,
            "1110",
            ["1.", "(a)", "(b)", "(c)", "(d)", "2."],
            id="item-after-'; and'-is-dropped",
        ),
        pytest.param(NAFTA_1107, "1107", ["1.", "2."], id="paragraphs-under-a-long-heading-line"),
        pytest.param(
            ROAD_TRAFFIC,
            "25bis",
            ["1.", "(a)", "(b)", "2.", "3.", "4."],
            id="'3.Drivers'-loses-3-and-4",
        ),
    ],
)
def test_paragraph_bugs(text: str, number: str, expected: list[str]) -> None:
    """List items after ``; and``, paragraphs under long headings, and ``3.Word`` are found."""
    article = parse_document(text).article(number)
    assert [paragraph.label for paragraph in article.paragraphs] == expected


# UN Charter, Articles 5 and 6, with run-in headings as in line-broken OCR copies.
CHARTER_RUN_IN = """\
Article 5 A Member of the United Nations against which preventive or enforcement action has been \
taken by the Security Council may be suspended from the exercise of the rights and privileges \
of membership by the General Assembly upon the recommendation of the Security Council.

Article 6 A Member of the United Nations which has persistently violated the Principles \
contained in the present Charter may be expelled from the Organization by the General \
Assembly upon the recommendation of the Security Council.
"""


def test_sentence_starting_with_a_is_not_a_letter_suffix() -> None:
    """``Article 5 A Member ...`` is Article 5 whose text begins "A Member"."""
    document = parse_document(CHARTER_RUN_IN)
    assert _headings(document) == [("Article 5", "5"), ("Article 6", "6")]


@pytest.mark.parametrize(
    ("text", "label"),
    [
        pytest.param("PART II\n\nArticle 3\n\nText.\n", "PART II", id="PART-II/Article-3"),
        pytest.param(KORUS, "Section A: Initial Provisions", id="Section-A/ARTICLE-1.1"),
    ],
)
def test_division_followed_by_an_article_has_no_title(text: str, label: str) -> None:
    """A Part or Section heading right above an article heading has no title."""
    document = parse_document(text)
    (division,) = [d for d in document.divisions if d.label == label]
    assert division.title is None
