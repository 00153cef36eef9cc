"""Treaty text -> ``Document``: every rule of treaty grammar lives in this package.

``numbering`` (one level down, beside the model) reads article numbers; here, ``patterns``
holds the table of line-anchored patterns, ``scan`` finds the lines that look like headings,
divisions and paragraph markers, ``lines`` weighs the layout evidence around a line, ``inside``
reads an article's title and paragraphs, ``guess`` the title and language a text does not
state, and ``document`` decides which candidates are headings and builds the ``Document``.
"""

from clausediff.parse.document import parse_document

__all__ = ["parse_document"]
