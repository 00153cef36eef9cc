"""An alignment as rows to show: what the text, Markdown, HTML and CSV renderers share.

Each row names its articles as printed (``ARTICLE IV``; the ref too where a protocol or an
annex restarts the numbering; the printed page where the source had pages), gives both
figures by name (the alignment's ``overlap`` with the number bonus beside it, and the pair's
``coverage``), and marks the rows that a partial copy may explain: an article "removed"
because the other side's copy lacks the part that would hold it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from clausediff.model import Article, Document
from clausediff.report.cite import cut_article, partial_note
from clausediff.report.segments import pair_notes

if TYPE_CHECKING:  # annotations only
    from clausediff.match.align import AlignedPair, Alignment

__all__ = ["ONLY_IN_COPY", "AlignmentTable", "PairRow", "article_name", "legend"]

ONLY_IN_COPY = "*"


def article_name(document: Document, article: Article) -> str:
    """An article as a reader finds it: its label as printed, its ref where the label's
    number is not enough (``Article 1 [protocol/1]``), its page where known."""
    name = " ".join(article.label.split())
    if "/" in article.ref or "~" in article.ref:
        name += f" [{article.ref}]"
    page = document.page_at(article.text_span.start)
    if page is not None:
        name += f", p. {page.label or page.number}"
    return name


def legend(alignment: Alignment) -> str:
    """What the alignment's figures measure, in one paragraph."""
    from clausediff.match.align import SAME_NUMBER_BONUS

    return (
        "overlap: the 3-word phrases two articles share, each weighted by its rarity in the "
        "two treaties, 0-100; articles are paired one to one where the overlap is "
        f"{alignment.min_score:g} or more. number: +{SAME_NUMBER_BONUS:g} where both articles "
        "carry the same number, added to the pair's weight when choosing between close "
        "candidates, never to its overlap. coverage: the share of both articles' words that "
        "lie in passages they share, 0-100."
    )


@attrs.frozen
class PairRow:
    """One pair of an alignment, ready to show.

    ``left`` and ``right`` name the articles (``-`` for none); ``overlap``, ``bonus`` and
    ``coverage`` are the figures as shown (``-`` or empty where they do not apply);
    ``status`` carries ``ONLY_IN_COPY`` where a partial copy may explain it; ``notes`` are
    splits, merges and a cut article.
    """

    pair: AlignedPair
    left_article: Article | None
    right_article: Article | None
    left: str
    right: str
    overlap: str
    bonus: str
    coverage: str
    status: str
    only_in_copy: bool
    notes: tuple[str, ...]


@attrs.frozen
class AlignmentTable:
    """The rows of an alignment, the notes on partial copies above them, and the legend.

    ``partial`` says, for each side whose copy is partial, what it lacks; ``marked`` explains
    the rows marked ``ONLY_IN_COPY`` (``None`` when there are none); ``notes`` is both.
    """

    rows: tuple[PairRow, ...]
    partial: tuple[str, ...]
    marked: str | None
    legend: str

    @property
    def notes(self) -> tuple[str, ...]:
        """The notes to print above the table: the partial copies, then the marked rows."""
        return (*self.partial, *([self.marked] if self.marked else []))

    @classmethod
    def of(cls, alignment: Alignment) -> AlignmentTable:
        """The table of *alignment*."""
        left, right = alignment.left, alignment.right
        lrefs = {a.ref: a for a in left.articles}
        rrefs = {a.ref: a for a in right.articles}
        lcut, rcut = cut_article(left), cut_article(right)
        # an article is removed "only in the copy" when the other side's copy is partial
        lpartial = left.metadata.complete is False
        rpartial = right.metadata.complete is False
        rows = []
        for pair in alignment.pairs:
            la = lrefs.get(pair.left_ref) if pair.left_ref else None
            ra = rrefs.get(pair.right_ref) if pair.right_ref else None
            only = (pair.status == "removed" and rpartial) or (pair.status == "added" and lpartial)
            notes = pair_notes(pair)
            for article, cut, document in ((la, lcut, left), (ra, rcut, right)):
                if article is not None and article is cut:
                    notes.append(f"the copy of {document.id} stops inside {article.label}")
            both = la is not None and ra is not None
            comparison = pair.comparison
            rows.append(
                PairRow(
                    pair=pair,
                    left_article=la,
                    right_article=ra,
                    left=article_name(left, la) if la else "-",
                    right=article_name(right, ra) if ra else "-",
                    overlap=f"{pair.score:.1f}" if both else "-",
                    bonus=f"+{pair.number_bonus:g}" if both and pair.number_bonus else "",
                    coverage=f"{comparison.scores.coverage:.1f}" if comparison else "-",
                    status=f"{pair.status}{ONLY_IN_COPY if only else ''}",
                    only_in_copy=only,
                    notes=tuple(notes),
                )
            )
        partial = tuple(
            note
            for document in (left, right)
            if (note := partial_note(document.id, document.metadata)) is not None
        )
        marked = (
            f"Rows marked {ONLY_IN_COPY} are removed or added only as far as the copies show: "
            "the article may stand in the part of the other treaty that its copy lacks."
            if any(row.only_in_copy for row in rows)
            else None
        )
        return cls(tuple(rows), partial, marked, legend(alignment))
