"""Hypothesis strategies: arbitrary texts, and whole treaties built with known article numbers.

``treaties()`` draws a numbering style, a heading form, a wrapping width and a body for each
article, and returns the text together with the canonical numbers the parser must find, so a
property can check the parse against what was generated rather than against itself.
"""

from __future__ import annotations

import re
import textwrap
from typing import NamedTuple

from hypothesis import assume
from hypothesis import strategies as st

__all__ = [
    "GeneratedTreaty",
    "any_texts",
    "heading_fragments",
    "int_to_cjk",
    "int_to_roman",
    "int_to_words",
    "treaties",
]

# Characters that stress a parser: combining marks, right-to-left text, zero-width and
# directional controls, CJK and Hangul, full-width digits, line and paragraph separators.
_AWKWARD = (
    "\u0301\u0308\u0327"  # combining acute, diaeresis, cedilla
    "\u05d0\u05d1\u0627\u0644\u200f\u202e\u2067"  # Hebrew, Arabic, RLM, RLO, RLI
    "\u200b\u200c\u200d\u2060\ufeff"  # zero-width space, non-joiner, joiner, word joiner, BOM
    "\u00a0\u3000\u2028\u2029\x0b\x0c\x85\r\n\t "  # spaces and line breaks of every kind
    "第条條章제조장十百零四一２４"
    "°º.:;,()-–—IVXivxlcdmA1234567890"
)

#: Pieces of real headings and structure lines, so random texts often hold a heading.
heading_fragments = st.sampled_from(
    [
        "Article 1",
        "Article 4",
        "ARTICLE IV",
        "Art. 2bis",
        "Article 1.2: Scope",
        "Article 51 of the Charter",
        "Article 5, an armed attack",
        "Artículo 1-01",
        "Article premier",
        "Статья 4.",
        "第四條",
        "第五十一条の規定",
        "제4조",
        "제4조의2",
        "CHAPTER I",
        "PART II",
        "Section 3",
        "ANNEX",
        "1. ",
        "(a) ",
        "(iv) ",
        "1994. ",
        "- 12 -",
        "Done at Washington",
        "IN WITNESS WHEREOF",
        "\n",
        "\n\n",
        "\r\n",
    ]
)


def any_texts() -> st.SearchStrategy[str]:
    """Arbitrary Unicode, awkward characters, and mixtures of those with heading fragments."""
    awkward = st.text(alphabet=st.sampled_from(_AWKWARD))
    mixed = st.lists(st.one_of(st.text(), awkward, heading_fragments), max_size=25).map("".join)
    return st.one_of(st.text(), awkward, mixed)


_ROMAN_STEPS = (
    (1000, "M"),
    (900, "CM"),
    (500, "D"),
    (400, "CD"),
    (100, "C"),
    (90, "XC"),
    (50, "L"),
    (40, "XL"),
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
)
_UNITS = "zero one two three four five six seven eight nine".split()
_TEENS = "ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split()
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
_CJK_DIGITS = "零一二三四五六七八九"


def int_to_roman(number: int) -> str:
    """Write 1..3999 as an upper-case roman numeral."""
    out = []
    for value, numeral in _ROMAN_STEPS:
        count, number = divmod(number, value)
        out.append(numeral * count)
    return "".join(out)


def int_to_words(number: int) -> str:
    """Write 1..99 in English words, capitalised: ``Twenty-one``."""
    if number < 10:
        words = _UNITS[number]
    elif number < 20:
        words = _TEENS[number - 10]
    else:
        tens, units = divmod(number, 10)
        words = _TENS[tens - 2] + (f"-{_UNITS[units]}" if units else "")
    return words.capitalize()


def int_to_cjk(number: int) -> str:
    """Write 1..999 in Chinese numerals: ``四``, ``十二``, ``五十一``, ``一百零三``."""
    hundreds, rest = divmod(number, 100)
    tens, units = divmod(rest, 10)
    out = ""
    if hundreds:
        out += _CJK_DIGITS[hundreds] + "百"
    if tens:
        out += ("" if tens == 1 and not hundreds else _CJK_DIGITS[tens]) + "十"
    elif hundreds and units:
        out += "零"
    if units:
        out += _CJK_DIGITS[units]
    return out


class GeneratedTreaty(NamedTuple):
    """A generated treaty text and the canonical article numbers it holds, in order."""

    text: str
    numbers: tuple[str, ...]
    labels: tuple[str, ...]
    titles: tuple[str | None, ...]
    paragraphs: tuple[int, ...]
    style: str
    form: str


# Sentences of treaty prose. Each cross-reference sits mid-sentence and is followed by a
# lower-case word or a comma, wherever the wrapping puts it.
_SENTENCES = (
    "The Parties undertake, as set forth in the Charter of the United Nations, to settle any "
    "international disputes in which they may be involved by peaceful means.",
    "Each of them, in exercise of the right of individual or collective self-defence "
    "recognised by Article 51 of the Charter of the United Nations, will assist the Party or "
    "Parties so attacked.",
    "For the purpose of Article 5, an armed attack on one or more of the Parties is deemed to "
    "include an armed attack on the territory of any of the Parties.",
    "Any such armed attack and all measures taken as a result thereof shall be immediately "
    "reported to the Security Council in accordance with Article 51 of the Charter and the "
    "laws of the Parties.",
    "The Parties will consult together whenever, in the opinion of any of them, the "
    "territorial integrity, political independence or security of any of the Parties is "
    "threatened.",
    "The council referred to in Article 9 of this Treaty shall set up such subsidiary bodies "
    "as may be necessary.",
    "Nothing in Article 4, paragraph 2, of this Treaty shall affect the rights and "
    "obligations of the Parties under the Charter.",
    "This Treaty shall be ratified and its provisions carried out by the Parties in "
    "accordance with their respective constitutional processes.",
)
_TITLES = (
    "Scope",
    "Definitions",
    "Peaceful settlement of disputes",
    "Collective self-defence",
    "Consultations",
    "Entry into force",
)
_CJK_SENTENCES = (
    "缔约双方将继续为维护亚洲和世界的和平和各国人民的安全而尽一切努力。",
    "一旦缔约一方受到武装进攻,缔约另一方应依照联合国宪章第五十一条的规定立即给予援助。",
    "締約雙方保證共同採取一切措施,防止任何國家對締約雙方的任何一方的侵略。",
    "前条の規定は、第五条の規定に従つて執つた措置に影響を及ぼすものではない。",
)
_KO_SENTENCES = (
    "쌍방중 어느 일방이 무력침공을 받아 전쟁상태에 처하게 되는 경우 타방은 유엔헌장 "
    "제51조와 쌍방의 법에 준해 지체없이 군사적 및 기타 원조를 제공한다.",
    "쌍방은 제3조에 규정된 협의를 정기적으로 진행한다.",
    "이 조약은 비준서를 교환한 날부터 효력을 가진다.",
)
_PAGE_LINES = ("12", "- 7 -", "Page 3", "14 of 40", "– 21 –")

_LATIN_STYLES = ("arabic", "roman", "art", "words", "bis", "dotted")
_STYLES = (*_LATIN_STYLES, "cjk", "cjk-hant", "korean")
_CJK_BARE_HEADING = re.compile(r"第[零一二三四五六七八九十百]+[条條]")


@st.composite
def _numbers(draw: st.DrawFn, style: str) -> list[tuple[str, str]]:
    """(printed number, canonical number) pairs for one treaty, in order."""
    if style == "dotted":
        pairs = []
        for chapter in range(1, draw(st.integers(1, 3)) + 1):
            for article in range(1, draw(st.integers(1, 4)) + 1):
                pairs.append((f"{chapter}.{article}", f"{chapter}.{article}"))
        return pairs
    first = draw(st.sampled_from([1, 1, 1, 3, 9, 19]))
    count = draw(st.integers(1, 8))
    values = range(first, first + count)
    if style == "roman":
        return [(int_to_roman(n), str(n)) for n in values]
    if style == "words":
        return [(int_to_words(n), str(n)) for n in values]
    if style in ("cjk", "cjk-hant"):
        return [(int_to_cjk(n), str(n)) for n in values]
    if style == "korean":
        pairs = []
        for n in values:
            pairs.append((str(n), str(n)))
            if draw(st.integers(0, 4)) == 0:
                pairs.append((f"{n}조의2", f"{n}bis"))
        return pairs
    pairs = []
    for n in values:
        pairs.append((str(n), str(n)))
        if style == "bis" and draw(st.booleans()):
            spelling = draw(st.sampled_from(["{}bis", "{} bis", "{}-bis", "{}BIS"]))
            pairs.append((spelling.format(n), f"{n}bis"))
    return pairs


def _label(style: str, printed: str) -> str:
    if style == "roman":
        return f"ARTICLE {printed}"
    if style == "art":
        return f"Art. {printed}"
    if style == "cjk":
        return f"第{printed}条"
    if style == "cjk-hant":
        return f"第{printed}條"
    if style == "korean":
        return f"제{printed}" if printed.endswith("조의2") else f"제{printed}조"
    return f"Article {printed}"


@st.composite
def _latin_body(draw: st.DrawFn, width: int, numbered: bool) -> list[str]:
    """One to three wrapped paragraphs of treaty prose, as lines; ``1.``, ``2.`` if *numbered*."""
    lines: list[str] = []
    blank = draw(st.booleans())
    for number in range(1, draw(st.integers(1, 3)) + 1):
        sentences = draw(st.lists(st.sampled_from(_SENTENCES), min_size=1, max_size=3))
        if lines and blank:
            lines.append("")
        marker = f"{number}. " if numbered else ""
        lines.extend(textwrap.wrap(marker + " ".join(sentences), width=width))
    return lines


@st.composite
def _article(
    draw: st.DrawFn, style: str, form: str, label: str, width: int, gap: str
) -> tuple[str, str | None, int]:
    """One article's text, its title (``None`` when it has none) and its paragraph count."""
    title = draw(st.sampled_from(_TITLES)) if form in ("title", "same-line") else None
    paragraphs = 0
    if style in ("cjk", "cjk-hant"):
        sentences = draw(st.lists(st.sampled_from(_CJK_SENTENCES), min_size=1, max_size=3))
        # CJK has no spaces: the wrap may cut anywhere, except right after a reference, where
        # "第五十一条" alone on a line would be a heading by any reading
        body = textwrap.wrap("".join(sentences), width=width // 2)
        assume(not any(_CJK_BARE_HEADING.fullmatch(line) for line in body))
    elif style == "korean":
        sentences = draw(st.lists(st.sampled_from(_KO_SENTENCES), min_size=1, max_size=3))
        body = textwrap.wrap(" ".join(sentences), width=width // 2)
    elif form == "inline":
        first = draw(st.sampled_from(_SENTENCES))
        body = textwrap.wrap(f"{label}. {first}", width=width)
        body.extend(draw(_latin_body(width, numbered=False)))
    else:
        numbered = draw(st.booleans())
        body = draw(_latin_body(width, numbered=numbered))
        if numbered:
            paragraphs = sum(1 for line in body if line[:1].isdigit() and line[1:3] == ". ")
    heading = []
    if form == "same-line":
        heading = [f"{label} - {title}"]
    elif form == "title" and title is not None:
        heading = [label, title] if gap == "\n" else [label, "", title]
    elif form != "inline":
        heading = [label]
    # page numbers: before the heading, or between two lines of the body
    if draw(st.integers(0, 3)) == 0:
        heading.insert(0, draw(st.sampled_from(_PAGE_LINES)))
    if len(body) > 2 and draw(st.integers(0, 3)) == 0:
        at = draw(st.integers(1, len(body) - 1))
        body.insert(at, draw(st.sampled_from(_PAGE_LINES)))
    text = "\n".join(body)
    return (gap.join(["\n".join(heading), text]) if heading else text), title, paragraphs


@st.composite
def treaties(draw: st.DrawFn) -> GeneratedTreaty:
    """A treaty in one numbering style and one heading form, hard-wrapped, with page numbers."""
    style = draw(st.sampled_from(_STYLES))
    if style in ("cjk", "cjk-hant", "korean"):
        form = draw(st.sampled_from(["bare", "title"]))
    else:
        form = draw(st.sampled_from(["bare", "title", "inline", "same-line"]))
    width = draw(st.integers(40, 80))
    gap = draw(st.sampled_from(["\n\n", "\n"]))
    pairs = draw(_numbers(style))
    labels = tuple(_label(style, printed) for printed, _ in pairs)
    parts = ["TREATY OF FRIENDSHIP AND MUTUAL ASSISTANCE\n\nThe Parties have agreed as follows:"]
    titles: list[str | None] = []
    paragraphs: list[int] = []
    for label in labels:
        text, title, count = draw(_article(style, form, label, width, gap))
        parts.append(text)
        titles.append(title)
        paragraphs.append(count)
    if draw(st.booleans()):
        parts.append("Done at Washington, the fourth day of April, 1949.")
    return GeneratedTreaty(
        text=gap.join(parts) + draw(st.sampled_from(["", "\n"])),
        numbers=tuple(number for _, number in pairs),
        labels=labels,
        titles=tuple(titles),
        paragraphs=tuple(paragraphs),
        style=style,
        form=form,
    )
