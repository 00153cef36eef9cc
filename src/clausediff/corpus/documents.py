"""The documents of an index as search and lineage see them: which document an article
belongs to, its treaty and its date; and the dates a search may be limited to."""

from __future__ import annotations

import bisect
import datetime
import re
from collections.abc import Sequence

import attrs

from clausediff.corpus.storage import DocumentRow
from clausediff.errors import InputError

__all__ = ["DateRange", "Documents", "date_bounds"]

_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def date_bounds(value: str) -> tuple[str, str]:
    """The first and last day a date may stand for: ``1949`` is 1949-01-01 to 1949-12-31,
    ``1949-04`` that month, ``1949-04-04`` that day (ISO strings, which sort as dates).

    Raises:
        InputError: *value* is not a date written YYYY, YYYY-MM or YYYY-MM-DD.
    """
    found = _DATE.fullmatch(value.strip())
    year, month, day = found.groups() if found else ("", None, None)
    try:
        datetime.date(int(year), int(month or 1), int(day or 1))
    except ValueError as e:
        raise InputError(
            f"{value!r} is not a date", hint="write it YYYY-MM-DD, YYYY-MM or YYYY"
        ) from e
    if day is not None:
        return f"{year}-{month}-{day}", f"{year}-{month}-{day}"
    if month is not None:
        return f"{year}-{month}-01", f"{year}-{month}-31"
    return f"{year}-01-01", f"{year}-12-31"


@attrs.frozen
class DateRange:
    """Texts signed on or after ``after`` and on or before ``before`` (either may be
    ``None``). A text whose date is unknown, or known only to a year or month that is not
    wholly inside the range, is outside it."""

    before: str | None = None
    after: str | None = None

    def __bool__(self) -> bool:
        return self.before is not None or self.after is not None

    def holds(self, signed: str | None) -> bool:
        """Whether a text signed on *signed* is surely inside the range."""
        if not self:
            return True
        if signed is None:
            return False
        try:
            first, last = date_bounds(signed)
        except InputError:
            return False
        if self.before is not None and last > date_bounds(self.before)[1]:
            return False
        return self.after is None or first >= date_bounds(self.after)[0]


@attrs.frozen
class Documents:
    """The documents of an index, found by article id (a document's articles have
    consecutive ids)."""

    rows: tuple[DocumentRow, ...]
    _firsts: list[int] = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "_firsts", [row.first for row in self.rows])

    @classmethod
    def of(cls, rows: Sequence[DocumentRow]) -> Documents:
        """The table of these rows (sorted by their first article)."""
        return cls(tuple(sorted(rows, key=lambda r: r.first)))

    def of_article(self, article: int) -> DocumentRow | None:
        """The document holding an article id, or ``None``."""
        at = bisect.bisect_right(self._firsts, article) - 1
        if at < 0 or self.rows[at].last < article:
            return None
        return self.rows[at]

    def by_name(self, name: str) -> DocumentRow | None:
        """The document called *name*, or ``None``."""
        for row in self.rows:
            if row.name == name:
                return row
        return None
