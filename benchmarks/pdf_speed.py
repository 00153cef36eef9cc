#!/usr/bin/env python3
"""PDF reading speed: `clausediff parse FILE --format json` against `pdftotext FILE` on the
same file, process start included for both, best of three runs each, interleaved.

Without arguments, a 300-page PDF is printed from the bundled corpus's texts with reportlab
(the test extra), with a running head and a page number on every page; any PDF can be given
instead (the figures of the README use ../shared/inputs' RCEP, 510 pages, and AANZFTA, 249).
The target: a 300-page PDF parses in under 10 s. Needs `pdftotext` (poppler-utils) on PATH.

Usage: python benchmarks/pdf_speed.py [FILE.pdf ...] [--pages 300] [--runs 3]
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def print_pdf(path: Path, pages: int) -> Path:
    """A PDF of *pages* pages of real treaty text (the bundled corpus, repeated)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    lines = []
    for text in sorted((ROOT / "corpora").glob("*.txt")):
        for paragraph in text.read_text(encoding="utf-8").splitlines():
            words, line = paragraph.split(), ""
            for word in words:
                if len(line) + len(word) > 85:
                    lines.append(line)
                    line = ""
                line = f"{line} {word}".strip()
            lines.append(line)
    width, height = A4
    pdf = canvas.Canvas(str(path), pagesize=A4)
    at = 0
    for number in range(1, pages + 1):
        pdf.setFont("Helvetica", 8)
        pdf.drawString(56, height - 36, "Treaty texts - benchmark print")
        pdf.setFont("Times-Roman", 10.5)
        y = height - 70
        while y > 60:
            pdf.drawString(56, y, lines[at % len(lines)])
            at += 1
            y -= 13
        pdf.setFont("Helvetica", 9)
        pdf.drawCentredString(width / 2, 30, str(number))
        pdf.showPage()
    pdf.save()
    return path


def best_of(command: list[str], runs: int) -> float:
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        best = min(best, time.perf_counter() - start)
    return best


def measure(path: Path, runs: int, work: Path) -> None:
    clausediff = [sys.executable, "-m", "clausediff", "parse", str(path), "--format", "json"]
    pdftotext = ["pdftotext", str(path), str(work / "out.txt")]
    ours = theirs = float("inf")
    for _ in range(runs):  # interleaved, so that the machine's load falls on both alike
        ours = min(ours, best_of(clausediff, 1))
        theirs = min(theirs, best_of(pdftotext, 1))
    import pypdfium2

    pages = len(pypdfium2.PdfDocument(str(path)))
    print(
        f"{path.name}: {pages} pages; clausediff parse {ours:.2f} s, pdftotext {theirs:.2f} s, "
        f"ratio {ours / theirs:.2f} (best of {runs}; target: under 10 s for 300 pages)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--pages", type=int, default=300)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    if shutil.which("pdftotext") is None:
        sys.exit("pdf_speed.py needs pdftotext (Debian: apt-get install poppler-utils)")
    with tempfile.TemporaryDirectory() as directory:
        work = Path(directory)
        files = args.files or [print_pdf(work / f"print-{args.pages}.pdf", args.pages)]
        for path in files:
            measure(path, args.runs, work)


if __name__ == "__main__":
    main()
