"""Layouts real copies arrive in: tables of contents, title lines, references that open a
sentence, bracketed titles, roman numerals, one-line OCR dumps, byte-order marks and old line
ends, and texts of a hundred thousand articles.

The snippets are real, cut short: Greek Law 4766/2021 as the Government Gazette prints it, the
GDPR and the EU Charter of Fundamental Rights (EUR-Lex), the Grundgesetz as bundestag/gesetze
publishes it (hard-wrapped), the WIPO Convention's German text with WIPO's bracketed titles,
Geneva Convention I (1949) with roman article numbers as in the U.S. Treaties series, the Rio
Treaty (1947) and the North Atlantic Treaty from the bundled corpus.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clausediff import Document, Span, canonical_number, parse_document

CORPORA = Path(__file__).resolve().parents[1] / "corpora"
NATO = (CORPORA / "nato-1949.en.txt").read_bytes().decode("utf-8")


def _numbers(document: Document) -> list[str]:
    return [article.number for article in document.articles]


# Greek Law 4766/2021: its table of contents ("ΠΙΝΑΚΑΣ ΠΕΡΙΕΧΟΜΕΝΩΝ"), then the articles.
GREEK_CONTENTS = """\
NOMOΣ ΥΠ’ ΑΡΙΘΜ. 4766
Έγκριση σχεδίων συμβάσεων στον τομέα της άμυνας.
ΠΙΝΑΚΑΣ ΠΕΡΙΕΧΟΜΕΝΩΝ
Άρθρο πρώτο: Έγκριση σχεδίου σύμβασης προμήθειας μαχητικών αεροσκαφών τύπου «RAFALE»
Άρθρο δεύτερο: Έγκριση σχεδίου σύμβασης εν συνεχεία υποστήριξης των μαχητικών \
αεροσκαφών τύπου «RAFALE»
Άρθρο τρίτο: Λοιπές ρυθμίσεις
Άρθρο πρώτο
Έγκριση σχεδίου σύμβασης προμήθειας
μαχητικών αεροσκαφών τύπου «RAFALE»
1. Εγκρίνεται το υπό στοιχεία 013Γ/2020 σχέδιο σύμβασης για την προμήθεια έξι (6) καινούργιων \
και δώδεκα (12) μεταχειρισμένων μαχητικών αεροσκαφών (Α/Φ) τύπου «RAFALE».
Άρθρο δεύτερο
Έγκριση σχεδίου σύμβασης εν συνεχεία υποστήριξης
των μαχητικών αεροσκαφών τύπου «RAFALE»
1. Εγκρίνεται το υπό στοιχεία 014Γ/2020 σχέδιο σύμβασης για την εν συνεχεία υποστήριξη των \
αεροσκαφών (Α/Φ) τύπου «RAFALE».
Άρθρο τρίτο
Λοιπές ρυθμίσεις
1. Τα πρωτότυπα κείμενα των εγκεκριμένων σχεδίων συμβάσεων των άρθρων 1 έως 3 φυλάσσονται \
στη Γενική Διεύθυνση Αμυντικών Εξοπλισμών και Επενδύσεων του Υπουργείου Εθνικής Άμυνας.
"""

# The same contents as bare lines, as a copy made from a printed index lays them out.
BARE_CONTENTS = """\
CONVENTION

Article 1
Article 2
Article 3

The High Contracting Parties have agreed as follows:

Article 1

The Parties undertake to settle any international disputes by peaceful means.

Article 2

The Parties will contribute toward the further development of peaceful relations.

Article 3

The Parties will maintain their capacity to resist armed attack.
"""


# A Greek law's contents as a PDF copy wraps them at 72 columns: an entry's title runs over two
# lines (the first ending in a comma, or the second going on in lower case), and the wrap hides
# that the next entry opens a line (the line above it does not end a sentence).
WRAPPED_CONTENTS = """\
ΠΕΡΙΕΧΟΜΕΝΑ
Άρθρο 9: Ίδρυση και λειτουργία τουριστικών επιχειρήσεων οδικών μεταφορών
Άρθρο 10: Πλαίσιο έναρξης λειτουργίας μονάδων ιαματικής θεραπείας,
κέντρων ιαματικού τουρισμού - θερμαλισμού - Προσθήκη Κεφαλαίου ΛΖ΄
Άρθρο 11: Θέση σε κυκλοφορία και άδεια κυκλοφορίας ειδικών τουριστικών
λεωφορείων δημόσιας χρήσης - Αντικατάσταση του άρθρου 4 του ν. 711/1977
Άρθρο 12: Αντικατάσταση αδειών κυκλοφορίας ειδικών τουριστικών
λεωφορείων δημόσιας χρήσης - Τροποποίηση του άρθρου 6 του ν. 711/1977
Άρθρο 13: Χρόνος κυκλοφορίας ειδικών τουριστικών λεωφορείων
ΚΕΦΑΛΑΙΟ Θ΄: ΑΠΛΟΥΣΤΕΥΣΗ ΠΛΑΙΣΙΟΥ
Άρθρο 9: Ίδρυση και λειτουργία τουριστικών επιχειρήσεων
Οι τουριστικές επιχειρήσεις οδικών μεταφορών ιδρύονται ελεύθερα.
Άρθρο 10: Πλαίσιο έναρξης λειτουργίας μονάδων ιαματικής θεραπείας
Οι μονάδες ιαματικής θεραπείας λειτουργούν μετά από γνωστοποίηση.
Άρθρο 11: Θέση σε κυκλοφορία ειδικών τουριστικών λεωφορείων
Τα ειδικά τουριστικά λεωφορεία τίθενται σε κυκλοφορία με άδεια.
Άρθρο 12: Αντικατάσταση αδειών κυκλοφορίας
Οι άδειες κυκλοφορίας αντικαθίστανται με απόφαση του Υπουργού.
Άρθρο 13: Χρόνος κυκλοφορίας
Τα λεωφορεία κυκλοφορούν για είκοσι έτη.
"""


@pytest.mark.parametrize(
    ("text", "numbers", "first"),
    [
        pytest.param(GREEK_CONTENTS, ["1", "2", "3"], "Άρθρο πρώτο\nΈγκριση", id="titled-el"),
        pytest.param(
            WRAPPED_CONTENTS,
            ["9", "10", "11", "12", "13"],
            "Άρθρο 9: Ίδρυση και λειτουργία τουριστικών επιχειρήσεων\nΟι",
            id="wrapped-el",
        ),
        pytest.param(BARE_CONTENTS, ["1", "2", "3"], "Article 1\n\nThe Parties", id="bare"),
    ],
)
def test_table_of_contents_is_not_articles(text: str, numbers: list[str], first: str) -> None:
    """Entries of a table of contents are no articles: each article starts at its real
    heading, and the contents stay in the preamble."""
    document = parse_document(text)
    assert _numbers(document) == numbers
    assert document.articles[0].text_span.start == text.index(first)
    assert document.preamble == Span(0, text.index(first))


# GDPR, Chapter IX: a heading under a long chapter title without final punctuation.
GDPR_IX = """\
CHAPTER IX
Provisions relating to specific processing situations
Article 85
Processing and freedom of expression and information
1. Member States shall by law reconcile the right to the protection of personal data pursuant to \
this Regulation with the right to freedom of expression and information.
"""

# Charter of Fundamental Rights of the EU, Articles 50 and 51 around the title of Title VII.
CHARTER_VII = """\
Article 50
Right not to be tried or punished twice in criminal proceedings for the same criminal offence
No one shall be liable to be tried or punished again in criminal proceedings for an offence for \
which he or she has already been finally acquitted or convicted within the Union in accordance \
with the law.
TITLE VII
GENERAL PROVISIONS GOVERNING THE INTERPRETATION AND APPLICATION OF THE CHARTER
Article 51
Field of application
1. The provisions of this Charter are addressed to the institutions, bodies, offices and agencies \
of the Union with due regard for the principle of subsidiarity.
"""


@pytest.mark.parametrize(
    ("text", "numbers", "title"),
    [
        pytest.param(GDPR_IX, ["85"], "Processing and freedom of expression and information"),
        pytest.param(CHARTER_VII, ["50", "51"], "Field of application"),
    ],
)
def test_heading_under_a_long_title_line(text: str, numbers: list[str], title: str) -> None:
    """A division's title line without final punctuation does not hide the heading under it."""
    document = parse_document(text)
    assert _numbers(document) == numbers
    assert document.articles[-1].heading == title
    assert document.articles[-1].divisions[-1].title is not None


# Grundgesetz, Articles 9, 108 and 141, hard-wrapped as published (Article 108 cut short).
GG_REFERENCES = """\
Art 9

(3) Das Recht, zur Wahrung und Förderung der Arbeits- und
Wirtschaftsbedingungen Vereinigungen zu bilden, ist für jedermann und
für alle Berufe gewährleistet. Abreden, die dieses Recht einschränken
oder zu behindern suchen, sind nichtig, hierauf gerichtete Maßnahmen
sind rechtswidrig. Maßnahmen nach den Artikeln 12a, 35 Abs. 2 und 3,
Artikel 87a Abs. 4 und Artikel 91 dürfen sich nicht gegen
Arbeitskämpfe richten.


Art 108

(3) Verwalten die Landesfinanzbehörden Steuern, die ganz oder zum Teil
dem Bund zufließen, so werden sie im Auftrage des Bundes tätig.
Artikel 85 Abs. 3 und 4 gilt mit der Maßgabe, daß an die Stelle der
Bundesregierung der Bundesminister der Finanzen tritt.


Art 141

Artikel 7 Abs. 3 Satz 1 findet keine Anwendung in einem Lande, in dem
am 1. Januar 1949 eine andere landesrechtliche Regelung bestand.
"""


def test_references_that_open_a_sentence_are_not_headings() -> None:
    """``Artikel 7 Abs. 3 Satz 1 findet ...``: a capitalised reference noun after the number
    carries a sentence on, even at the start of a line after a full stop."""
    document = parse_document(GG_REFERENCES)
    assert _numbers(document) == ["9", "108", "141"]
    assert document.quote(document.article("141").text_span).endswith("Regelung bestand.")


# WIPO Convention, German text, with the titles WIPO's edition prints in brackets.
WIPO_DE = """\
Art. 1 [Errichtung der Organisation]
Hiermit wird die Weltorganisation für geistiges Eigentum errichtet.

Art. 2 [Begriffsbestimmungen]
Im Sinne dieses Übereinkommens bedeutet:
"""


def test_bracketed_titles() -> None:
    """``Art. 1 [Errichtung der Organisation]`` is a heading with its title in brackets."""
    document = parse_document(WIPO_DE)
    assert _numbers(document) == ["1", "2"]
    assert [a.heading for a in document.articles] == [
        "Errichtung der Organisation",
        "Begriffsbestimmungen",
    ]


# Geneva Convention I (1949), Articles 49 to 51 numbered in roman, cut short.
GENEVA_I = """\
ARTICLE XLIX

The High Contracting Parties undertake to enact any legislation necessary to provide effective \
penal sanctions for persons committing, or ordering to be committed, any of the grave breaches \
of the present Convention defined in the following Article.

ARTICLE L

Grave breaches to which the preceding Article relates shall be those involving any of the \
following acts, if committed against persons or property protected by the Convention: wilful \
killing, torture or inhuman treatment, including biological experiments.

ARTICLE LI

No High Contracting Party shall be allowed to absolve itself or any other High Contracting Party \
of any liability incurred by itself or by another High Contracting Party in respect of breaches \
referred to in the preceding Article.
"""


def test_single_letter_roman_numeral_in_sequence() -> None:
    """``ARTICLE L`` after ``ARTICLE XLIX`` is Article 50 (the grave breaches), not article l."""
    document = parse_document(GENEVA_I)
    assert _numbers(document) == ["49", "50", "51"]
    assert document.article("50").label == "ARTICLE L"


# Rio Treaty (1947), Articles 1 to 3 run into one line, as OCR dumps of the Statutes print them.
RIO_ONE_LINE = (
    "The High Contracting Parties have agreed upon the following provisions: ARTICLE 1 The High "
    "Contracting Parties formally condemn war and undertake in their international relations not "
    "to resort to the threat or the use of force. ARTICLE 2 As a consequence of the principle set "
    "forth in the preceding Article, the High Contracting Parties undertake to submit every "
    "controversy which may arise between them to methods of peaceful settlement. ARTICLE 3 1. The "
    "High Contracting Parties agree that an armed attack by any State against an American State "
    "shall be considered as an attack against all the American States. 2. On the request of the "
    "State or States directly attacked, each one of the Contracting Parties may determine the "
    "immediate measures which it may individually take.\n"
)


def test_one_line_dump_with_paragraph_numbers() -> None:
    """``... ARTICLE 3 1. The High Contracting Parties ...``: the paragraph number does not hide
    the run-in heading, and Article 3 is not swallowed into Article 2."""
    document = parse_document(RIO_ONE_LINE)
    assert [(a.label, a.number) for a in document.articles] == [
        ("ARTICLE 1", "1"),
        ("ARTICLE 2", "2"),
        ("ARTICLE 3", "3"),
    ]
    assert document.article("3").text_span.start == RIO_ONE_LINE.index("ARTICLE 3")


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("\ufeff" + NATO, id="utf-8-bom"),
        pytest.param(NATO.replace("\r\n", "\n").replace("\n", "\r"), id="cr-only"),
        pytest.param("\ufeff" + NATO.replace("\r\n", "\n").replace("\n", "\r"), id="bom-cr"),
        pytest.param(NATO.replace("\r\n", "\n").replace("\n", "\u2028"), id="line-separator"),
    ],
)
def test_byte_order_mark_and_old_line_ends(text: str) -> None:
    """A BOM stays out of the title and the articles, and CR-only (old Mac) or U+2028 line ends
    parse like LF: the same articles at the same offsets, and the text is kept as given."""
    plain = NATO.replace("\r\n", "\n")
    expected = parse_document(plain)
    document = parse_document(text)
    shift = 1 if text.startswith("\ufeff") else 0
    assert document.text == text
    assert _numbers(document) == _numbers(expected)
    assert [a.text_span.start - shift for a in document.articles] == [
        a.text_span.start for a in expected.articles
    ]
    assert document.title == expected.title
    assert document.title is not None
    assert "\ufeff" not in document.title


def test_a_hundred_thousand_articles() -> None:
    """Numbers of 10,000 and more are headings: 100,000 articles parse as 100,000 articles."""
    text = "".join(f"Article {n}\n\nThe Parties shall consult.\n\n" for n in range(1, 100_001))
    document = parse_document(text)
    assert len(document.articles) == 100_000
    assert document.article("12345").text_span.start == text.index("Article 12345\n")


def test_a_list_of_bare_headings_has_no_articles_but_its_last() -> None:
    """Bare heading lines one under the other have no bodies: only the last, with text under
    it, is an article (and 400,000 such lines parse in one step)."""
    text = "".join(f"Article {n}\n" for n in range(1, 400_001)) + "\nThe Parties agree.\n"
    document = parse_document(text)
    assert _numbers(document) == ["400000"]
    assert document.preamble == Span(0, text.index("Article 400000"))


# Grundgesetz, end of Article 146 and the annex that quotes the Unification Treaty's Article 3.
GG_ANNEX = """\
Art 146

Dieses Grundgesetz, das nach Vollendung der Einheit und Freiheit
Deutschlands für das gesamte deutsche Volk gilt, verliert seine
Gültigkeit an dem Tage, an dem eine Verfassung in Kraft tritt, die von
dem deutschen Volke in freier Entscheidung beschlossen worden ist.

Anhang EV

- EinigVtr v. 31.8.1990 II 889, 890 - 892, -
sieht folgende Maßgaben vor:
Artikel 3
Inkrafttreten des Grundgesetzes
Mit dem Wirksamwerden des Beitritts tritt das Grundgesetz für die
Bundesrepublik Deutschland in den Ländern Brandenburg,
Mecklenburg-Vorpommern, Sachsen, Sachsen-Anhalt und Thüringen in Kraft.
"""

# Unification Treaty (Einigungsvertrag), Protocol note on Article 4 no. 5: a plural reference
# noun after the number, at the start of a paragraph.
EINIGUNGSVERTRAG = """\
Artikel 4

Beitrittsbedingte Änderungen des Grundgesetzes

4.  Zu Artikel 4 Nr. 5

Artikel 143 Absätze 1 und 2 haben nur zeitliche Bedeutung; sie sind
deshalb keine Vorgabe für die künftige Gesetzgebung.
"""


@pytest.mark.parametrize(
    ("text", "numbers"),
    [
        pytest.param(GG_ANNEX, ["146"], id="quoted-after-an-amending-line"),
        pytest.param(EINIGUNGSVERTRAG, ["4"], id="Absätze"),
    ],
)
def test_quoted_and_referenced_articles_are_not_headings(text: str, numbers: list[str]) -> None:
    """An article an annex or amendment quotes (``sieht folgende Maßgaben vor:`` /
    ``Artikel 3``), or a sentence opening ``Artikel 143 Absätze 1 und 2``, is no heading."""
    assert _numbers(parse_document(text)) == numbers


# GDPR, Article 5, with the heading doubled as the EU's LEOS editor exports it (the number
# alone, then number and title); the layout is LEOS's, the words are the GDPR's.
GDPR_DOUBLED = """\
Article 4
Definitions
For the purposes of this Regulation, the following definitions apply.

Article 5
Article 5 Principles relating to processing of personal data
1. Personal data shall be processed lawfully, fairly and in a transparent manner in relation to \
the data subject.
"""


def test_doubled_heading_starts_at_its_first_line() -> None:
    """``Article 5`` over ``Article 5 Principles ...`` is one article, starting at the first."""
    document = parse_document(GDPR_DOUBLED)
    assert _numbers(document) == ["4", "5"]
    assert document.article("5").text_span.start == GDPR_DOUBLED.index("Article 5\n")


# French Constitution of 1958 as the Conseil constitutionnel prints it: Article 6 ends without
# its full stop, Article 67 follows a title (66-1 before it) under a Titre heading.
FRENCH_CONSTITUTION = """\
ARTICLE 6. Le Président de la République est élu pour cinq ans au suffrage
universel direct.
Nul ne peut exercer plus de deux mandats consécutifs.
Les modalités d'application du présent article sont fixées par une loi organique
ARTICLE 7. Le Président de la République est élu à la majorité absolue des
suffrages exprimés.
ARTICLE 66-1. Nul ne peut être condamné à la peine de mort.
Titre IX
LA HAUTE COUR
ARTICLE 67. Le Président de la République n'est pas responsable des actes
accomplis en cette qualité, sous réserve des dispositions des articles 53-2 et 68.
"""


def test_capital_heading_in_sequence_after_a_missing_full_stop() -> None:
    """``ARTICLE 7.`` in capitals, next in the numbering, is a heading even after a line that
    lacks its full stop; ``ARTICLE 67.`` follows ``66-1`` under a title in capitals."""
    document = parse_document(FRENCH_CONSTITUTION)
    assert _numbers(document) == ["6", "7", "66-1", "67"]


# UN Charter, Articles 51 and 52 (bundled corpus), with a footnote mark after Article 51's last
# sentence, as PDF copies print marks; the mark and the hard wrap are this test's.
CHARTER_NOTE_MARK = """\
Article 51

Nothing in the present Charter shall impair the inherent right of individual or collective
self-defence if an armed attack occurs against a Member of the United Nations, until the
Security Council has taken measures necessary to maintain international peace and security.12
Article 52

1. Nothing in the present Charter precludes the existence of regional arrangements or agencies
for dealing with such matters relating to the maintenance of international peace and security.
"""


def test_footnote_mark_after_a_sentence_ends_it() -> None:
    """``... peace and security.12`` ends a sentence (12 is a note mark): the heading under it
    opens an article."""
    assert _numbers(parse_document(CHARTER_NOTE_MARK)) == ["51", "52"]


# United States-Korea FTA, Chapter One (as in test_parse), then an annex table that lists the
# chapter's articles again, row by row, as RCEP's Annex 4A lists its commitments; the table
# rows are this test's.
KORUS_ANNEX = """\
ARTICLE 1.1: ESTABLISHMENT OF FREE TRADE AREA

The Parties to this Agreement hereby establish a free trade area in accordance with the \
provisions of this Agreement.

ARTICLE 1.2: Relation to Other Agreements

The Parties affirm their existing rights and obligations with respect to each other.

ANNEX 1-A

ARTICLE 1.2 Relation to Other Agreements 3 years
Korea
ARTICLE 1.2 Relation to Other Agreements
2. Time period for the review
5 years
"""


def test_table_rows_that_repeat_chapter_numbers_are_not_articles() -> None:
    """A chapter-numbered heading (``1.2``) that comes again out of sequence, as rows of an
    annex's table do, is not a second article."""
    document = parse_document(KORUS_ANNEX)
    assert _numbers(document) == ["1.1", "1.2"]


# North Atlantic Treaty, Article 5; the revision note under it citing "Article V.B" is this
# test's, laid out as the revision history of a set of bylaws prints its notes.
PINPOINT = """\
Article 5

The Parties agree that an armed attack against one or more of them in Europe or North America \
shall be considered an attack against them all.

Article V.B: Clause revised to name the Security Council.
"""


def test_pinpoint_into_an_article_is_not_a_heading() -> None:
    """``Article V.B: Clause revised ...`` points into Article 5; it opens no article."""
    assert _numbers(parse_document(PINPOINT)) == ["5"]


# Bylaws that end with a table of their amendments (as the CMU Student Senate's do): one entry
# names a whole article ("Article II: ..."), the entries around it point into articles.
AMENDMENT_TABLE = """\
Article I: Purpose

A. The purpose of these bylaws is to establish the procedures of the Senate.

Article II: Terms and Definitions

A. The Board refers to the Activities Board.

Appendix B: Amendments to the Bylaws

April 6, 2011:

Article I.A.1: Clause expanded to include the general purpose.

Article II: Terms & Definitions arranged in alphabetical order.

Article IV.B.1.b: Clause revised to clarify the constraints on members.
"""


def test_an_entry_among_references_is_not_a_heading() -> None:
    """``Article II: Terms ... arranged`` between two pinpoint entries of a table of
    amendments is a line of that table: the bylaws have Articles 1 and 2 only."""
    document = parse_document(AMENDMENT_TABLE)
    assert _numbers(document) == ["1", "2"]
    assert "arranged in alphabetical order" not in document.articles[1].text


# A code that inserts articles with a raised number, as pravo.gov.ru prints them.
RAISED_NUMBERS = """\
Статья 6
Гражданство Российской Федерации приобретается и прекращается в соответствии с законом.

Статья 6¹
Гражданин Российской Федерации не может быть лишен своего гражданства.

Статья 6²
Иностранные граждане пользуются в Российской Федерации правами.

Статья 7
Российская Федерация - социальное государство.
"""


def test_raised_sub_number_is_an_inserted_article() -> None:
    """``Статья 6¹`` is the article inserted after 6 (``6bis``), printed as it was; it was
    read as 61, or stopped the parser with a ValueError."""
    document = parse_document(RAISED_NUMBERS)
    assert _numbers(document) == ["6", "6bis", "6ter", "7"]
    assert [a.label for a in document.articles][1:3] == ["Статья 6¹", "Статья 6²"]


# A German code: Buch > Abschnitt > Titel, its Titel inside a section (the EU's Title is above
# its sections); the code's own stacked headings say so.
GERMAN_CODE = """\
Buch 1
Allgemeiner Teil

Abschnitt 1
Personen

Titel 1
Natürliche Personen

§ 1 Beginn der Rechtsfähigkeit
Die Rechtsfähigkeit des Menschen beginnt mit der Vollendung der Geburt.

Titel 2
Juristische Personen

§ 21 Nicht wirtschaftlicher Verein
Ein Verein erlangt Rechtsfähigkeit durch Eintragung in das Vereinsregister.

Abschnitt 2
Sachen und Tiere

§ 90 Begriff der Sache
Sachen im Sinne des Gesetzes sind nur körperliche Gegenstände.

Buch 2
Recht der Schuldverhältnisse

Abschnitt 1
Inhalt der Schuldverhältnisse

Titel 1
Verpflichtung zur Leistung

§ 241 Pflichten aus dem Schuldverhältnis
Kraft des Schuldverhältnisses ist der Gläubiger berechtigt, eine Leistung zu fordern.
"""


def test_divisions_nest_as_the_document_stacks_them() -> None:
    """``§ 90`` is in Buch 1, Abschnitt 2, not still in Titel 2 of Abschnitt 1: a section
    closes the titles inside it, a book closes everything."""
    document = parse_document(GERMAN_CODE)
    divisions = {
        a.number: [(str(d.kind), d.number) for d in a.divisions] for a in document.articles
    }
    assert divisions == {
        "1": [("book", "1"), ("section", "1"), ("title", "1")],
        "21": [("book", "1"), ("section", "1"), ("title", "2")],
        "90": [("book", "1"), ("section", "2")],
        "241": [("book", "2"), ("section", "1"), ("title", "1")],
    }


# The Constitution of the United States, as the National Archives transcribe it ("Article. I.").
US_CONSTITUTION = """\
Article. I.

Section. 1.

All legislative Powers herein granted shall be vested in a Congress of the United States, which \
shall consist of a Senate and House of Representatives.

Article. II.

Section. 1.

The executive Power shall be vested in a President of the United States of America.
"""


def test_full_stop_after_the_article_word() -> None:
    """``Article. I.`` (a full stop after the word) is Article 1, and its label reads back."""
    document = parse_document(US_CONSTITUTION)
    assert [(a.label, a.number) for a in document.articles] == [
        ("Article. I", "1"),
        ("Article. II", "2"),
    ]
    assert canonical_number("Article. II") == "2"


# Unification Treaty, its last article and Annex I, which appends a part of quoted articles
# to the EGBGB (abridged): the quotation opens on the line after the amending formula, with
# a division title before its first article, and an inner quotation ("eingetragener Verein")
# closes at a line's end inside it.
EINIGUNGSVERTRAG_ANNEX = """\
Art 45
Inkrafttreten des Vertrags

(1) Dieser Vertrag einschließlich des anliegenden Protokolls und der
Anlagen I bis III tritt an dem Tag in Kraft, an dem die Regierungen
der Bundesrepublik Deutschland und der Deutschen Demokratischen
Republik einander mitgeteilt haben, daß die erforderlichen
innerstaatlichen Voraussetzungen für das Inkrafttreten erfüllt sind.

(2) Der Vertrag bleibt nach Wirksamwerden des Beitritts als
Bundesrecht geltendes Recht.

Anlage I Kapitel III
Sachgebiet B - Bürgerliches Recht

Anlage I Kap III B II Abschnitt II

Bundesrecht wird wie folgt geändert oder ergänzt:

1.  Das Einführungsgesetz zum Bürgerlichen Gesetzbuche in der im
Bundesgesetzblatt Teil III, Gliederungsnummer 400-1, veröffentlichten
bereinigten Fassung, zuletzt geändert durch Artikel 3 des Gesetzes vom
26\\. Juni 1990 (BGBl. I S. 1206),

wird wie folgt geändert:

Nach dem Fünften Teil wird folgender Teil angefügt:

"Sechster Teil

Inkrafttreten und Übergangsrecht aus Anlaß der Einführung des
Bürgerlichen Gesetzbuchs und dieses Einführungsgesetzes in dem in
Artikel 3 des Einigungsvertrages genannten Gebiet

Artikel 230

Umfang der Geltung; Inkrafttreten

(1) Für das in Artikel 3 des Einigungsvertrages genannte Gebiet gelten
der § 616 Abs. 2 und 3 und die §§ 622 sowie 1706 bis 1710 des
Bürgerlichen Gesetzbuchs nicht.

(2) Das Bürgerliche Gesetzbuch und dieses Einführungsgesetz treten im
übrigen in diesem Gebiet am Tag des Wirksamwerdens des Beitritts nach
Maßgabe der folgenden Übergangsvorschriften in Kraft.

Artikel 231

Erstes Buch. Allgemeiner Teil des Bürgerlichen Gesetzbuchs

§ 1

Entmündigung

Rechtskräftig ausgesprochene Entmündigungen bleiben wirksam.

(3) Die in Absatz 1 genannten Vereinigungen führen ab dem
Wirksamwerden des Beitritts die Bezeichnung "eingetragener Verein".


Güterstand

Die güterrechtlichen Wirkungen von Ehen, die vor dem Wirksamwerden des
Beitritts geschlossen worden sind, unterliegen von diesem Tag an dem
Artikel 15; dabei tritt an die Stelle des Zeitpunkts der Eheschließung
der Tag des Wirksamwerdens des Beitritts. Soweit sich allein aus einem
Wechsel des anzuwendenden Rechts nach Satz 1 Ansprüche wegen der
Beendigung des früheren Güterstandes ergeben würden, gelten sie bis
zum Ablauf von zwei Jahren nach Wirksamwerden des Beitritts als
"""

# The same annex, further on: the inserted articles follow the amending formula after a blank
# line, with no opening quotation mark.
EINIGUNGSVERTRAG_INSERTED = """\
Art 45
Inkrafttreten des Vertrags

(1) Dieser Vertrag einschließlich des anliegenden Protokolls und der
Anlagen I bis III tritt an dem Tag in Kraft, an dem die Regierungen
der Bundesrepublik Deutschland und der Deutschen Demokratischen
Republik einander mitgeteilt haben, daß die erforderlichen
innerstaatlichen Voraussetzungen für das Inkrafttreten erfüllt sind.

(2) Der Vertrag bleibt nach Wirksamwerden des Beitritts als
Bundesrecht geltendes Recht.

Bundesrecht wird wie folgt aufgehoben, geändert oder ergänzt:

1.  Das Einführungsgesetz zum Strafgesetzbuch vom 2. März 1974 (BGBl. I S.
469), zuletzt geändert durch Artikel 4 des Gesetzes vom 13. April 1986
(BGBl. I S. 393), wird wie folgt geändert:

a)  Nach Artikel 1 werden folgende Artikel 1a und 1b eingefügt:

Artikel 1a

Anwendbarkeit der Vorschriften über die Sicherungsverwahrung

Die Vorschriften des Strafgesetzbuches über die Sicherungsverwahrung
finden Anwendung, wenn der Täter

1.  die die Verurteilung auslösende Tat an einem Ort begangen hat, an dem
das Strafgesetzbuch bereits vor dem Wirksamwerden des Beitritts
gegolten hat, oder

2.  seine Lebensgrundlage an dem in Nummer 1 bezeichneten Ort hat.

Artikel 1b

Anwendbarkeit der Vorschriften des internationalen Strafrechts

Soweit das deutsche Strafrecht auf im Ausland begangene Taten
Anwendung findet und unterschiedliches Strafrecht im Geltungsbereich
dieses Gesetzes gilt, finden diejenigen Vorschriften Anwendung, die an
dem Ort gelten, an welchem der Täter seine Lebensgrundlage hat."
"""

# Greek law 4811/2021, Article 3, which inserts a chapter of articles 206-214 into law
# 4442/2016 (abridged), then Article 4, which inserts the next.
GREEK_AMENDMENT = """\
Άρθρο 3

Ίδρυση και λειτουργία επιχειρήσεων οδικής
βοήθειας οχημάτων και συνεργατών οδικής βοήθειας οχημάτων - Προσθήκη Κεφαλαίου Λ΄ στον ν. 4442/2016
Μετά από το άρθρο 205 του ν. 4442/2016 (Α΄ 230) προστίθεται Κεφάλαιο Λ΄ ως εξής:
«ΚΕΦΑΛΑΙΟ Λ΄
ΑΠΛΟΥΣΤΕΥΣΗ ΠΛΑΙΣΙΟΥ ΙΔΡΥΣΗΣ
ΚΑΙ ΛΕΙΤΟΥΡΓΙΑΣ ΕΠΙΧΕΙΡΗΣΕΩΝ ΟΔΙΚΗΣ
ΒΟΗΘΕΙΑΣ ΟΧΗΜΑΤΩΝ ΚΑΙ ΣΥΝΕΡΓΑΤΩΝ
ΟΔΙΚΗΣ ΒΟΗΘΕΙΑΣ ΟΧΗΜΑΤΩΝ

Άρθρο 206

Πεδίο εφαρμογής
Στο πεδίο εφαρμογής του παρόντος Κεφαλαίου εμπίπτουν οι επιχειρήσεις οδικής βοήθειας οχημάτων \
και οι συνεργάτες οδικής βοήθειας οχημάτων του άρθρου 1 του ν. 3651/2008 (Α΄ 44), με Κωδικό \
Αριθμό Δραστηριότητας (Κ.Α.Δ.) 52.21.25.

Άρθρο 207

Αρμόδια αρχή
1. Αρμόδια αρχή για την εφαρμογή του παρόντος Κεφαλαίου είναι η Διεύθυνση Μεταφορών και \
Επικοινωνιών της περιφερειακής ενότητας όπου βρίσκεται η έδρα της επιχείρησης οδικής βοήθειας \
ή του συνεργάτη οδικής βοήθειας οχημάτων.
2. Εφόσον η επιχείρηση οδικής βοήθειας οχημάτων είναι και ασφαλιστική επιχείρηση, υπό την \
έννοια του ν. 4364/2016 (Α΄ 13), αρμόδια αρχή για την εφαρμογή του παρόντος Κεφαλαίου είναι η \
Τράπεζα της Ελλάδος.

Άρθρο 214

Μη εφαρμοζόμενες διατάξεις
Μετά από την έκδοση όλων των κανονιστικών πράξεων του άρθρου 212 του παρόντος, οι παρ. 3, 4 \
και 5 του άρθρου 3, περί επιχειρήσεων οδικής βοήθειας οχημάτων, οι παρ. 2, 3 και 4 του άρθρου \
4, περί συνεργατών οδικής βοήθειας οχημάτων, και οι περ. α), β) και γ) της παρ. 1 του άρθρου \
12, περί κυρώσεων, του ν. 3651/2008 (Α΄ 44) δεν εφαρμόζονται στις δραστηριότητες του παρόντος \
Κεφαλαίου.».
ΚΕΦΑΛΑΙΟ Γ΄
ΑΠΛΟΥΣΤΕΥΣΗ ΠΛΑΙΣΙΟΥ ΙΔΡΥΣΗΣ
ΚΑΙ ΛΕΙΤΟΥΡΓΙΑΣ ΣΧΟΛΩΝ ΟΔΗΓΩΝ
ΑΥΤΟΚΙΝΗΤΩΝ ΚΑΙ ΜΟΤΟΣΙΚΛΕΤΩΝ
ΚΑΙ ΚΕΝΤΡΩΝ ΘΕΩΡΗΤΙΚΗΣ ΕΚΠΑΙΔΕΥΣΗΣ ΥΠΟΨΗΦΙΩΝ ΟΔΗΓΩΝ

Άρθρο 4

Ίδρυση και λειτουργία σχολών οδηγών
αυτοκινήτων και μοτοσικλετών
και Κέντρων Θεωρητικής Εκπαίδευσης
Υποψήφιων Οδηγών - Προσθήκη
Κεφαλαίου ΛΑ΄ στον ν. 4442/2016
Μετά από το άρθρο 214 του ν. 4442/2016 (Α΄ 230) προστίθεται Κεφάλαιο ΛΑ΄ ως εξής:
«ΚΕΦΑΛΑΙΟ ΛΑ΄
ΑΠΛΟΥΣΤΕΥΣΗ ΠΛΑΙΣΙΟΥ ΙΔΡΥΣΗΣ
"""


@pytest.mark.parametrize(
    ("text", "numbers"),
    [
        pytest.param(EINIGUNGSVERTRAG_ANNEX, ["45"], id="de-quoted-part"),
        pytest.param(EINIGUNGSVERTRAG_INSERTED, ["45"], id="de-inserted-after-a-blank-line"),
        pytest.param(GREEK_AMENDMENT, ["3", "4"], id="el-quoted-chapter"),
        pytest.param(
            GREEK_AMENDMENT.replace("Κεφαλαίου.».", "Κεφαλαίου."),
            ["3", "4"],
            id="el-quotation-left-open",
        ),
    ],
)
def test_articles_an_amendment_quotes_stay_in_the_amending_article(
    text: str, numbers: list[str]
) -> None:
    """Headings inside a quotation that opens after an amending formula (``folgender Teil
    angefügt:`` / ``"Sechster Teil``, ``ως εξής:`` / ``«ΚΕΦΑΛΑΙΟ Λ΄``) are the amended law's,
    not the text's: the amending article runs on over them. A quotation whose closing mark is
    missing ends, at the latest, where the text's own numbering goes on."""
    document = parse_document(text)
    assert _numbers(document) == numbers
    if len(numbers) == 2:
        assert "Άρθρο 206" in document.articles[0].text


_LIST_JOIN = re.compile(r"[;,]\s*(?:and|or|et|ou|y|o|e|und|oder|en|of)$", re.IGNORECASE)


@settings(max_examples=300)
@given(
    line=st.lists(
        st.sampled_from(["; ", ",", "\t", "  ", "and", "AND", "oder", "o", "of", "band", "x", "é"]),
        max_size=8,
    ).map("".join)
)
def test_list_join_read_from_the_end_agrees_with_a_search(line: str) -> None:
    """A paragraph line's list join (``; and``) read back from its end says what a search of
    the whole line for the join at its end says."""
    from clausediff.parse.inside import _joins_list

    assert _joins_list(line) == bool(_LIST_JOIN.search(line))


@pytest.mark.parametrize(
    "line",
    ["a sentence.1", "a sentence. 12", "the end.*", "close)²", "paragraph 12", "x.1234", ".1"],
)
def test_note_mark_at_a_line_end_found_from_its_tail(line: str) -> None:
    """A footnote mark after a sentence's end is found at the line's end only, as before."""
    from clausediff.parse.lines import _NOTE_MARK_END, position_after

    assert (position_after(line) == 2) == bool(_NOTE_MARK_END.search(line))
