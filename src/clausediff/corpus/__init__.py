"""A corpus of treaties: one storage module that owns the index's schema and every SQL
statement (``storage``), index building (``build``), ``search``, ``lineage``, and the
``Corpus`` facade that puts them behind one object."""

from clausediff.corpus.facade import Corpus

__all__ = ["Corpus"]
