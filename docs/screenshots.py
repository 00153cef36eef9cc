#!/usr/bin/env python3
"""Make the README's pictures with headless Chromium (run from the project root).

- ``docs/flagship.png``: the flagship comparison's HTML report;
- ``docs/nato-anzus.png``: the NATO / ANZUS alignment's HTML report (its top);
- ``docs/notebook.png``: what a notebook shows for the flagship comparison. The page is not
  Jupyter: it lays out one cell as JupyterLab does (the code with its ``In [1]:`` prompt, then
  the output area with ``Out[1]:``) and puts in the output area exactly what the comparison's
  ``_repr_html_()`` returns, which is what Jupyter inserts there.

Usage: python docs/screenshots.py [--chromium PATH]
"""

from __future__ import annotations

import argparse
import html
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"

NOTEBOOK_CODE = """import clausediff

old = clausediff.load_bundled("ussr-dprk-1961")
new = clausediff.load_bundled("russia-dprk-2024")
clausediff.compare_clauses(
    clausediff.Clause.from_article(old, old.article("1")),
    clausediff.Clause.from_article(new, new.article("4")),
)"""

# JupyterLab's cell layout, in its light theme's colours and fonts
NOTEBOOK_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>notebook cell</title>
<style>
body {{ margin: 0; background: #fff; font-family: system-ui, sans-serif; }}
.cell {{ display: grid; grid-template-columns: 72px 1fr; padding: 12px 16px 0 0; }}
.prompt {{ font: 13px/1.4 monospace; color: #307fc1; text-align: right; padding: 6px 8px 0 0; }}
.out .prompt {{ color: #bf5b3d; }}
.input {{ background: #f7f7f7; border: 1px solid #e0e0e0; border-radius: 2px;
         font: 13px/1.4 monospace; white-space: pre; padding: 6px 8px; margin: 0; }}
.output {{ padding: 6px 8px; }}
</style></head><body>
<div class="cell"><div class="prompt">[1]:</div><pre class="input">{code}</pre></div>
<div class="cell out"><div class="prompt">[1]:</div><div class="output">{output}</div></div>
</body></html>
"""


def _shoot(chromium: str, page: Path, png: Path, width: int, height: int, profile: Path) -> None:
    subprocess.run(
        [
            chromium, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
            "--no-first-run", "--disable-background-networking", "--disable-sync",
            f"--user-data-dir={profile}", f"--window-size={width},{height}",
            f"--screenshot={png}", page.as_uri(),
        ],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    print(f"wrote {png.relative_to(ROOT)} ({width}x{height})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--chromium", default=shutil.which("chromium") or "chromium")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT / "src"))
    import clausediff
    from clausediff.match.align import align_documents

    old = clausediff.load_bundled("ussr-dprk-1961")
    new = clausediff.load_bundled("russia-dprk-2024")
    flagship = clausediff.compare_clauses(
        clausediff.Clause.from_article(old, old.article("1")),
        clausediff.Clause.from_article(new, new.article("4")),
    )
    alignment = align_documents(
        clausediff.load_bundled("nato-1949"), clausediff.load_bundled("anzus-1951")
    )
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        pages = {
            "flagship": (clausediff.render(flagship, "html"), 1280, 1000),
            "nato-anzus": (clausediff.render(alignment, "html"), 1280, 1400),
            "notebook": (
                NOTEBOOK_PAGE.format(
                    code=html.escape(NOTEBOOK_CODE), output=flagship._repr_html_()
                ),
                1100,
                820,
            ),
        }
        for name, (text, width, height) in pages.items():
            page = work / f"{name}.html"
            page.write_text(text, encoding="utf-8")
            _shoot(args.chromium, page, DOCS / f"{name}.png", width, height, work / "profile")


if __name__ == "__main__":
    main()
