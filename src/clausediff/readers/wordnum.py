"""Word's automatic numbering (``word/numbering.xml``): the numbers Word prints before a
paragraph, which the document text itself never holds.

A paragraph is numbered through its ``w:numPr`` (a list instance ``numId`` and a level
``ilvl``), given directly or by its paragraph style. Each list instance points to an abstract
definition whose levels give the start value, the number format and the text around it
(``Article %1``, ``%1.%2.``); list instances of one abstract definition share its counters,
unless an instance overrides a level's start. A level counts up, and the levels below it start
again, as the paragraphs go by.
"""

from __future__ import annotations

from xml.etree import ElementTree as ET

import attrs

from clausediff.readers.listnum import format_number

__all__ = ["Numbering", "W"]

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _val(element: ET.Element | None, name: str = "val") -> str | None:
    return None if element is None else element.get(f"{W}{name}")


@attrs.frozen
class _Level:
    start: int
    style: str
    text: str
    suffix: str
    legal: bool


def _level(element: ET.Element) -> _Level:
    start = _val(element.find(f"{W}start"))
    suffix = {"space": " ", "nothing": ""}.get(_val(element.find(f"{W}suff")) or "tab", "\t")
    return _Level(
        int(start) if start and start.lstrip("-").isdigit() else 0,
        _val(element.find(f"{W}numFmt")) or "decimal",
        _val(element.find(f"{W}lvlText")) or "",
        suffix,
        element.find(f"{W}isLgl") is not None,
    )


class Numbering:
    """The numbering definitions of one document, and the counters as paragraphs go by."""

    def __init__(self, numbering: ET.Element | None, styles: ET.Element | None) -> None:
        self.abstract: dict[str, dict[int, _Level]] = {}
        self.instances: dict[str, tuple[str, dict[int, _Level], dict[int, int]]] = {}
        self.style_links: dict[str, str] = {}  # abstract id -> numbering style it links to
        self.style_numpr: dict[str, tuple[str | None, int | None]] = {}
        self.counters: dict[str, dict[int, int]] = {}
        self.started: set[str] = set()
        if styles is not None:
            self._read_styles(styles)
        if numbering is not None:
            self._read_numbering(numbering)

    def _read_styles(self, styles: ET.Element) -> None:
        based: dict[str, str] = {}
        for style in styles.iter(f"{W}style"):
            style_id = _val(style, "styleId")
            if not style_id:
                continue
            parent = _val(style.find(f"{W}basedOn"))
            if parent:
                based[style_id] = parent
            numpr = style.find(f"{W}pPr/{W}numPr")
            if numpr is not None:
                level = _val(numpr.find(f"{W}ilvl"))
                self.style_numpr[style_id] = (
                    _val(numpr.find(f"{W}numId")),
                    int(level) if level else None,
                )
        for style_id, parent in based.items():  # inherit numbering from the base style
            seen = {style_id}
            while style_id not in self.style_numpr and parent in based and parent not in seen:
                seen.add(parent)
                parent = based[parent]
            if style_id not in self.style_numpr and parent in self.style_numpr:
                self.style_numpr[style_id] = self.style_numpr[parent]

    def _read_numbering(self, numbering: ET.Element) -> None:
        for abstract in numbering.iter(f"{W}abstractNum"):
            key = _val(abstract, "abstractNumId") or ""
            self.abstract[key] = {
                int(_val(lvl, "ilvl") or 0): _level(lvl) for lvl in abstract.iter(f"{W}lvl")
            }
            link = _val(abstract.find(f"{W}numStyleLink"))
            if link:
                self.style_links[key] = link
        for num in numbering.iter(f"{W}num"):
            num_id = _val(num, "numId") or ""
            abstract_id = _val(num.find(f"{W}abstractNumId")) or ""
            levels: dict[int, _Level] = {}
            starts: dict[int, int] = {}
            for override in num.iter(f"{W}lvlOverride"):
                ilvl = int(_val(override, "ilvl") or 0)
                start = _val(override.find(f"{W}startOverride"))
                if start and start.lstrip("-").isdigit():
                    starts[ilvl] = int(start)
                lvl = override.find(f"{W}lvl")
                if lvl is not None:
                    levels[ilvl] = _level(lvl)
            self.instances[num_id] = (abstract_id, levels, starts)

    def _levels(self, num_id: str) -> tuple[str, dict[int, _Level]] | None:
        instance = self.instances.get(num_id)
        if instance is None:
            return None
        abstract_id, overrides, _ = instance
        for _ in range(4):  # follow a numbering-style link to the definition with the levels
            link = self.style_links.get(abstract_id)
            if link is None or self.abstract.get(abstract_id):
                break
            linked = self.style_numpr.get(link, (None, None))[0]
            if linked is None or linked not in self.instances:
                break
            abstract_id = self.instances[linked][0]
        return abstract_id, {**self.abstract.get(abstract_id, {}), **overrides}

    def label(self, num_id: str | None, ilvl: int | None, style: str | None) -> str:
        """The number Word prints before a paragraph (with its tab or space), counting it;
        ``""`` for an unnumbered paragraph."""
        if num_id is None and style in self.style_numpr:
            num_id, style_level = self.style_numpr[style]
            ilvl = ilvl if ilvl is not None else style_level
        if not num_id or num_id == "0":
            return ""
        found = self._levels(num_id)
        if found is None:
            return ""
        abstract_id, levels = found
        level = ilvl or 0
        if level not in levels:
            return ""
        counters = self.counters.setdefault(abstract_id, {})
        if num_id not in self.started:
            self.started.add(num_id)
            for at, start in self.instances[num_id][2].items():
                counters[at] = start - 1
                for deeper in [k for k in counters if k > at]:
                    del counters[deeper]
        counters[level] = counters.get(level, levels[level].start - 1) + 1
        for deeper in [k for k in counters if k > level]:
            del counters[deeper]
        return self._render(levels, counters, level)

    @staticmethod
    def _render(levels: dict[int, _Level], counters: dict[int, int], level: int) -> str:
        this = levels[level]
        if this.style == "bullet" or not this.text:
            return ""
        text = this.text
        for at in range(8, -1, -1):
            marker = f"%{at + 1}"
            if marker in text:
                defined = levels.get(at)
                value = counters.get(at, defined.start if defined else 1)
                style = "decimal" if this.legal or defined is None else defined.style
                text = text.replace(marker, format_number(value, style))
        return text + this.suffix
