"""Readers: one module per input format, each turning a file's bytes into the text a person
would read plus what the layout told (furniture, pages, metadata, a map back to the source).

Readers sit below ``parse``: they import the model and the errors, never the parser.
``sniff.read_bytes`` reads any supported file; ``text``, ``html``, ``pdf``, ``docx``, ``odt``
and ``akn`` each read one format.
"""

from clausediff.readers.base import Anchor, Format, Reading
from clausediff.readers.sniff import EXTENSIONS, read_bytes, sniff_format

__all__ = ["EXTENSIONS", "Anchor", "Format", "Reading", "read_bytes", "sniff_format"]
