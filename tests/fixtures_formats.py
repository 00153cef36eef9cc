"""Real files in every format, made by real writers (reportlab, python-docx, odfpy), so the
readers' tests run on a fresh machine without ../shared."""

from __future__ import annotations

from pathlib import Path

ARTICLES = [
    ("Article 1", "The Parties undertake to settle any international dispute by peaceful "
     "means in such a manner that international peace and security are not endangered."),
    ("Article 2", "The Parties will contribute toward the further development of peaceful "
     "and friendly international relations by strengthening their free institutions."),
    ("Article 3", "In order more effectively to achieve the objectives of this Treaty, the "
     "Parties, separately and jointly, will maintain and develop their individual and "
     "collective capacity to resist armed attack."),
    ("Article 4", "The Parties will consult together whenever, in the opinion of any of them, "
     "the territorial integrity, political independence or security of any of the Parties "
     "is threatened."),
]  # fmt: skip
TESTIMONIUM = "Done at Washington, this fourth day of April 1949."
RUNNING_HEAD = "Treaty of Friendship - Official Text"


def write_pdf(path: Path, *, pages_per_article: bool = True, footnote: bool = True) -> Path:
    """A PDF with a running head, a page number at each page's foot, one article per page, a
    hyphenated line end, and a note: its mark raised after a word, its text set small at the
    foot of page 1."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    width, height = A4
    pdf = canvas.Canvas(str(path), pagesize=A4)
    pdf.setTitle("Treaty of Friendship")
    for number, (heading, body) in enumerate(ARTICLES, start=1):
        pdf.setFont("Helvetica", 9)
        pdf.drawString(72, height - 40, RUNNING_HEAD)
        pdf.setFont("Helvetica", 12)
        y = height - 100
        if number == 1:
            pdf.drawString(72, y, "THE PARTIES TO THIS TREATY agree as follows:")
            y -= 30
        pdf.drawString(72, y, heading)
        y -= 20
        words = body.split()
        line: list[str] = []
        for word in words:
            if len(" ".join([*line, word])) > 60:
                pdf.drawString(72, y, " ".join(line))
                y -= 16
                line = []
            line.append(word)
        if number == 2:  # a hyphenated line end
            pdf.drawString(72, y, " ".join(line) + " con-")
            y -= 16
            line = ["tinue."]
        last = " ".join(line)
        pdf.drawString(72, y, last)
        if number == 1 and footnote:  # the note's mark, raised and smaller after the word
            pdf.setFont("Helvetica", 7)
            pdf.drawString(72 + pdf.stringWidth(last, "Helvetica", 12), y + 5, "1")
            pdf.setFont("Helvetica", 12)
        if number == len(ARTICLES):
            pdf.drawString(72, y - 30, TESTIMONIUM)
        if number == 1 and footnote:
            pdf.setFont("Helvetica", 8)
            pdf.drawString(72, 80, "1 As amended by the Protocol of 1951.")
        pdf.setFont("Helvetica", 10)
        pdf.drawCentredString(width / 2, 30, str(number))
        pdf.showPage()
    pdf.save()
    return path


def write_scan(path: Path) -> Path:
    """A PDF of two pages that are pictures only (as a scanner makes), with no text layer."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    pdf = canvas.Canvas(str(path), pagesize=A4)
    for _ in range(2):
        for row in range(40):
            pdf.rect(72, 100 + row * 16, 300 + (row * 37) % 120, 8, fill=1)
        pdf.showPage()
    pdf.save()
    return path


_ABSTRACT = """<w:abstractNum xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"
 w:abstractNumId="90"><w:multiLevelType w:val="multilevel"/>
<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="Article %1"/>
<w:suff w:val="space"/></w:lvl>
<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="(%2)"/>
</w:lvl></w:abstractNum>"""
_NUM = """<w:num xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"
 w:numId="90"><w:abstractNumId w:val="90"/></w:num>"""


def write_docx(path: Path) -> Path:
    """A Word document whose article headings exist only in the numbering definitions
    ("Article %1"), with lettered sub-items, a table of contents, a header and a footer."""
    from docx import Document
    from docx.oxml import parse_xml
    from docx.oxml.ns import qn

    document = Document()
    numbering = document.part.numbering_part.element
    numbering.insert(0, parse_xml(_ABSTRACT))
    numbering.append(parse_xml(_NUM))

    def numbered(text: str, level: int) -> None:
        paragraph = document.add_paragraph(text)
        props = paragraph._p.get_or_add_pPr()
        numpr = props.makeelement(qn("w:numPr"), {})
        ilvl = numpr.makeelement(qn("w:ilvl"), {qn("w:val"): str(level)})
        numid = numpr.makeelement(qn("w:numId"), {qn("w:val"): "90"})
        numpr.append(ilvl)
        numpr.append(numid)
        props.append(numpr)

    document.core_properties.title = "Treaty of Friendship"
    document.sections[0].header.paragraphs[0].text = RUNNING_HEAD
    document.sections[0].footer.paragraphs[0].text = "Confidential draft"
    from docx.enum.style import WD_STYLE_TYPE

    contents = document.styles.add_style("TOC 1", WD_STYLE_TYPE.PARAGRAPH)
    for heading, _ in ARTICLES:  # a table of contents, as Word's TOC field leaves it
        document.add_paragraph(f"{heading} Title\t1", style=contents)
    document.add_paragraph("THE PARTIES TO THIS TREATY agree as follows:")
    for heading, body in ARTICLES:
        numbered(heading.replace("Article ", "Title "), 0)
        document.add_paragraph(body)
        numbered("first item of the list", 1)
        numbered("second item of the list", 1)
    document.add_paragraph(TESTIMONIUM)
    document.save(str(path))
    return path


def write_odt(path: Path) -> Path:
    """An OpenDocument text with headings, a numbered list, a header and a note."""
    from odf.opendocument import OpenDocumentText
    from odf.style import (
        Footer,
        Header,
        ListLevelProperties,
        MasterPage,
        PageLayout,
    )
    from odf.text import (
        H,
        List,
        ListItem,
        ListLevelStyleNumber,
        ListStyle,
        Note,
        NoteBody,
        NoteCitation,
        P,
    )

    document = OpenDocumentText()
    layout = PageLayout(name="Layout")
    document.automaticstyles.addElement(layout)
    master = MasterPage(name="Standard", pagelayoutname=layout)
    header = Header()
    header.addElement(P(text=RUNNING_HEAD))
    master.addElement(header)
    footer = Footer()
    footer.addElement(P(text="Confidential draft"))
    master.addElement(footer)
    document.masterstyles.addElement(master)
    numbers = ListStyle(name="Numbers")
    level = ListLevelStyleNumber(level=1, numformat="a", numprefix="(", numsuffix=")")
    level.addElement(ListLevelProperties())
    numbers.addElement(level)
    document.automaticstyles.addElement(numbers)
    document.text.addElement(P(text="THE PARTIES TO THIS TREATY agree as follows:"))
    for index, (heading, body) in enumerate(ARTICLES):
        document.text.addElement(H(outlinelevel=1, text=heading))
        paragraph = P(text=body)
        if index == 0:
            note = Note(noteclass="footnote", id="ftn1")
            note.addElement(NoteCitation(text="1"))
            note_body = NoteBody()
            note_body.addElement(P(text="As amended by the Protocol of 1951."))
            note.addElement(note_body)
            paragraph.addElement(note)
        document.text.addElement(paragraph)
        items = List(stylename=numbers)
        for text in ("first item of the list", "second item of the list"):
            item = ListItem()
            item.addElement(P(text=text))
            items.addElement(item)
        document.text.addElement(items)
    document.text.addElement(P(text=TESTIMONIUM))
    document.save(str(path))
    return path


def write_two_columns(path: Path) -> Path:
    """A bilingual page set in two columns, English left and French right, drawn line by
    line across the page (as a typesetter does), with a running head and a page number."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    width, height = A4
    pdf = canvas.Canvas(str(path), pagesize=A4)
    pdf.setFont("Helvetica", 9)
    pdf.drawCentredString(width / 2, height - 30, RUNNING_HEAD)
    pdf.setFont("Times-Roman", 10)
    y = height - 80
    english = ["Article 1", "The Parties undertake to settle any", "international dispute by",
               "peaceful means.", "Article 2", "The Parties will contribute toward",
               "the further development of", "peaceful relations.", "Article 3",
               "The Parties will consult together", "whenever the security of any of",
               "them is threatened."]  # fmt: skip
    french = ["Article premier", "Les Parties s'engagent à régler", "par des moyens pacifiques",
              "tout différend international.", "Article 2", "Les Parties contribueront au",
              "développement de relations", "internationales pacifiques.", "Article 3",
              "Les Parties se consulteront", "chaque fois que la sécurité de",
              "l'une d'elles sera menacée."]  # fmt: skip
    for left, right in zip(english, french, strict=True):
        pdf.drawString(60, y, left)
        pdf.drawString(320, y, right)
        y -= 14
    pdf.drawCentredString(width / 2, 30, "7")
    pdf.showPage()
    pdf.save()
    return path
