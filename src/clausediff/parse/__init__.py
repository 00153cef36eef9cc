"""Treaty text -> ``Document``: every rule of treaty grammar lives in this package.

``numbering`` (one level down, beside the model) reads article numbers and holds the table of
heading words of every language; here, ``patterns`` holds the table of line-anchored patterns
built from it, ``scan`` finds the lines that look like headings, divisions and paragraph
markers, ``lines`` weighs the layout evidence around a line, ``headings`` decides which
candidates are headings, ``inside`` reads an article's title and paragraphs, ``guess`` the title
and language a text does not state, and ``document`` builds the ``Document``.
"""

from clausediff.parse.document import parse_document

__all__ = ["parse_document"]
