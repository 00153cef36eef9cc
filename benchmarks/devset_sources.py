"""The development set's sources: real legal texts whose articles their publishers marked.

Each entry of ``SOURCES`` names a public repository, the files read from it, the language and
the reader that turns the publisher's markup into blocks: division headings, articles (label,
title, body) and running text. ``render`` lays the blocks out as plain text the way the shared
gold extractor does (a label line, a title line, the body, blank lines between blocks) and
records where each article starts: the gold.

The texts are official (statutes of Taiwan, Japan, Korea, Germany, France, Serbia and Greece;
the constitutions of Spain, Italy and Andorra; treaties) but are read from a directory outside
the project (``--sources``): a ``owner+name/repo`` git directory as the ``fetch`` tool leaves
them, or a plain checkout ``owner/name``. Nothing of them is copied into the project.
"""

from __future__ import annotations

import html
import json
import re
import subprocess
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import NamedTuple


class Block(NamedTuple):
    """One block of a document: ``kind`` is "article", "division" or "text"."""

    kind: str
    label: str = ""  # an article's label as printed ("第 2-1 條", "Art 12a")
    title: str = ""  # its title, or a division's title
    body: str = ""


class Source(NamedTuple):
    """Files of one repository read with one reader, in one language."""

    language: str
    repo: str  # owner/name
    reader: str  # a key of READERS
    paths: tuple[str, ...]
    note: str = ""


def _locate(roots: list[Path], repo: str) -> tuple[Path, bool]:
    """Where *repo* is under one of *roots*: a fetched git directory (True) or a checkout."""
    owner, name = repo.split("/")
    for root in roots:
        mirror = root / f"{owner}+{name}" / "repo"
        if mirror.is_dir():
            return mirror, True
        if (root / owner / name).is_dir():
            return root / owner / name, False
    raise FileNotFoundError(f"{repo}: not under any of {', '.join(map(str, roots))}")


def read_blob(roots: list[Path], repo: str, path: str) -> bytes:
    """A file of *repo*, from a fetched git directory or a plain checkout under *roots*."""
    where, is_git = _locate(roots, repo)
    if is_git:
        return subprocess.run(
            ["git", "--git-dir", str(where), "show", f"HEAD:{path}"],
            capture_output=True,
            check=True,
        ).stdout
    return (where / path).read_bytes()


def list_paths(roots: list[Path], repo: str, prefix: str) -> list[str]:
    """The files of *repo* under *prefix*, in the repository's order."""
    where, is_git = _locate(roots, repo)
    if is_git:
        out = subprocess.run(
            ["git", "-c", "core.quotepath=off", "--git-dir", str(where), "ls-tree", "-r",
             "--name-only", "HEAD", prefix],
            capture_output=True, text=True, check=True,
        ).stdout  # fmt: skip
        return out.splitlines()
    return sorted(str(p.relative_to(where)) for p in (where / prefix).rglob("*") if p.is_file())


def _clean(text: str) -> str:
    """Lines stripped, runs of blank lines made one, CR dropped (as the gold extractor does)."""
    lines = [line.strip() for line in text.replace("\r", "").split("\n")]
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    return "\n".join(out).strip()


def taiwan(data: bytes) -> Iterator[Block]:
    """law.moj.gov.tw JSON (kong0107/mojLawSplitJSON): 條號 / 編章節 entries, Chinese or
    English."""
    law = json.loads(data.decode("utf-8-sig"))
    if law.get("前言"):
        yield Block("text", body=_clean(law["前言"]))
    for item in law.get("法規內容", []):
        if "編章節" in item:
            yield Block("division", title=_clean(item["編章節"]))
        elif "條號" in item:
            yield Block("article", label=item["條號"].strip(), body=_clean(item["條文內容"]))


_EGOV_LABEL = re.compile(r"(第[〇一二三四五六七八九十百千]+条(?:の[一二三四五六七八九十百]+)*)")


def egov_html(data: bytes) -> Iterator[Block]:
    """e-Gov HTML (shibacow/law.e-gov.go.jp): an article is a ``DIV class="item"`` opening with
    ``<B>第…条…</B>``, its caption the ``arttitle`` before it, its items ``DIV class="number"``;
    chapter and supplementary-provision (附則) headings are ``<B>`` lines outside them."""
    page = data.decode("cp932", errors="replace")
    start = page.find("</A>", page.find('TARGET="data"') + 1) if 'TARGET="data"' in page else 0
    caption = ""
    pending: Block | None = None
    pattern = (
        r'<DIV class="(arttitle|item|number)">(.*?)</DIV>|<B>((?:<A[^>]*>)?[^<]+)(?:</A>)?\s*</B>'
    )
    for m in re.finditer(pattern, page[start:], re.S):
        kind, inner = m.group(1), m.group(2) or m.group(3) or ""
        text = _clean(html.unescape(re.sub(r"<[^>]+>", "", inner)))
        if not text:
            continue
        if kind is None:  # a heading line: chapter, section, 附則
            if re.match(r"第[一二三四五六七八九十百]+[編章節款目]|附\s*則", text):
                if pending:
                    yield pending
                    pending = None
                yield Block("division", title=text)
        elif kind == "arttitle":
            caption = text
        else:
            label = _EGOV_LABEL.match(text)
            if kind == "item" and label:
                if pending:
                    yield pending
                body = _clean(text[label.end() :])
                pending = Block("article", label=label.group(1), title=caption, body=body)
                caption = ""
            elif pending:
                pending = pending._replace(body=pending.body + "\n" + text)
    if pending:
        yield pending


def markdown_headed(pattern: str) -> Callable[[bytes], Iterator[Block]]:
    """Markdown whose article headings are marked (``### Art 1``, ``##### 제1조 (목적)``);
    other headings are divisions."""
    article = re.compile(pattern)

    def read(data: bytes) -> Iterator[Block]:
        text = data.decode("utf-8")
        if text.startswith("---"):
            text = text.split("---", 2)[2]
        pending: Block | None = None
        for chunk in re.split(r"(?m)^(#{1,6} .*)$", text):
            heading = re.match(r"#{1,6} (.*)", chunk)
            if heading:
                if pending:
                    yield pending
                    pending = None
                m = article.fullmatch(heading.group(1).strip())
                if m:
                    pending = Block("article", label=m.group("label"), title=m.group("title") or "")
                else:
                    yield Block("division", title=heading.group(1).strip())
            elif pending:
                pending = pending._replace(body=_clean(re.sub(r"\*\*|\\", "", chunk)))
            elif chunk.strip():
                yield Block("text", body=_clean(chunk))
        if pending:
            yield pending

    return read


def serbia_html(data: bytes) -> Iterator[Block]:
    """pravno-informacioni-sistem.rs HTML: ``<p class="clan">Члан N.</p>`` is an article
    (other "clan" paragraphs are part headings); titles print above the article."""
    page = data.decode("utf-8-sig")
    pending: Block | None = None
    for m in re.finditer(r'<p(?: class="([^"]*)")?>(.*?)</p>', page, re.S):
        cls, text = m.group(1) or "", _clean(html.unescape(re.sub(r"<[^>]+>", "", m.group(2))))
        if not text:
            continue
        if cls == "clan" and re.fullmatch(r"Члан \d+[а-я]?\.?", text):
            if pending:
                yield pending
            pending = Block("article", label=text)
        elif cls in ("clan", "odluka-zakon", "naslov", "bold", "centar") or not pending:
            if pending:
                yield pending
                pending = None
            yield Block("division" if cls else "text", title=text, body=text)
        else:
            pending = pending._replace(body=(pending.body + "\n" + text).strip())
    if pending:
        yield pending


def greek_gazette(data: bytes) -> Iterator[Block]:
    """Greek Government Gazette text (kafidas/just-text), one paragraph a line. No markup: the
    Gazette prints each heading alone on its line, so a line that is only ``Άρθρο N`` (or
    ``Article N`` in a ratified treaty's English text) is taken for a heading, unless it
    stands inside a quotation (``«``...``»``: the articles an amendment inserts into another
    law belong to the amending article) and does not continue the law's own numbering (a
    quotation the Gazette leaves unclosed ends there); the rest is kept as it stands, one block
    of text between headings."""
    heading = re.compile(
        r"(?:Άρθρο|ΑΡΘΡΟ|Article|ARTICLE) (?:\d+(?:\.\d+)*[^\W\d_]?|[^\W\d_]+(?: [^\W\d_]+)?)"
    )
    lines = data.decode("utf-8").split("\n")
    text: list[str] = []
    pending: Block | None = None
    quoted = 0  # how deep in quotations the line stands
    last = 0  # the law's own last article number
    for line in lines:
        stripped = line.strip()
        number = stripped.split()[-1] if heading.fullmatch(stripped) else ""
        if number and quoted and number == str(last + 1):
            quoted = 0  # the law's next article: the quotation before it was left open
        if number and not quoted:
            last = int(number) if number.isdigit() else last
            if pending:
                yield pending._replace(body="\n".join(text).strip())
            elif text:
                yield Block("text", body="\n".join(text).strip())
            pending, text = Block("article", label=stripped), []
        else:
            text.append(stripped)
        quoted = max(0, quoted + stripped.count("«") - stripped.count("»"))
    if pending:
        yield pending._replace(body="\n".join(text).strip())
    elif text:
        yield Block("text", body="\n".join(text).strip())


def files_per_article(paths: list[str], data: list[bytes]) -> Iterator[Block]:
    """One file an article (steeve/france.code-civil, amatiasq/constitucion-espanola): the
    label is the file's first line, the divisions its directories."""
    last: list[str] = []
    for path, blob in zip(paths, data, strict=True):
        dirs = [re.sub(r"^\d+\. ", "", d) for d in path.split("/")[:-1]]
        for depth, name in enumerate(dirs):
            if depth >= len(last) or last[depth] != name:
                yield Block("division", title=name)
        last = dirs
        text = blob.decode("utf-8")
        first, _, rest = text.strip().partition("\n")
        label = first.lstrip("# ").strip()
        rest = re.sub(r"^-{3,}\n", "", rest.strip())
        if re.match(r"(?:Article|Artículo) ", label):
            yield Block("article", label=label, body=_clean(rest))
        else:
            yield Block("text", body=_clean(text.lstrip("# ")))


def open_treaty(language: str) -> Callable[[bytes], Iterator[Block]]:
    """lawchat-oss/open-treaties JSON (read from ../shared): ``Article N`` or ``第N條``."""

    def read(data: bytes) -> Iterator[Block]:
        treaty = json.loads(data)
        yield Block("text", body=_clean(treaty.get(f"preamble_{language}") or ""))
        for at, article in enumerate(treaty["articles"], start=1):
            label = f"Article {at}" if language == "en" else f"第{article['article']}條"
            yield Block(
                "article",
                label=label,
                title=_clean(article.get(f"title_{language}") or ""),
                body=_clean(article.get(f"content_{language}") or ""),
            )

    return read


def andorra(data: bytes) -> Iterator[Block]:
    """The Constitution of Andorra (mcasellasd/andorra-consti): a list of articles with their
    ``numeracio`` (``Article 1``), the title they stand under and their official Catalan text."""
    text = data.decode("utf-8")
    items = json.loads(text[text.index("= [") + 2 : text.rindex("]") + 1])
    title = None
    for item in items:
        if item.get("titol") != title and item.get("titol"):
            title = item["titol"]
            yield Block("division", title=title)
        label = item.get("numeracio") or ""
        if label.startswith("Article"):
            yield Block("article", label=label, body=_clean(item["text_oficial"]))
        else:
            yield Block("text", body=_clean(item["text_oficial"]))


_AKN = "{http://docs.oasis-open.org/legaldocml/ns/akn/3.0}"


def akoma_ntoso(data: bytes) -> Iterator[Block]:
    """Akoma Ntoso 3.0 (the EU's LEOS, read from ../shared/inputs): ``article`` elements with
    ``num`` and ``heading``; ``part``, ``title``, ``chapter``, ``section`` are divisions."""
    root = ET.fromstring(data)
    body = root.find(f".//{_AKN}body")
    if body is None:
        return

    def text_of(element: ET.Element) -> str:
        return _clean(" ".join("".join(element.itertext()).split()))

    def walk(element: ET.Element) -> Iterator[Block]:
        for child in element:
            tag = child.tag.removeprefix(_AKN)
            num, heading = child.find(f"{_AKN}num"), child.find(f"{_AKN}heading")
            if tag == "article":
                parts = [
                    text_of(p) for p in child if p.tag.removeprefix(_AKN) not in ("num", "heading")
                ]
                yield Block(
                    "article",
                    label=text_of(num) if num is not None else "",
                    title=text_of(heading) if heading is not None else "",
                    body="\n".join(p for p in parts if p),
                )
            elif tag in ("part", "title", "chapter", "section", "subsection"):
                line = " ".join(text_of(e) for e in (num, heading) if e is not None)
                yield Block("division", title=line)
                yield from walk(child)

    yield from walk(body)


READERS: dict[str, Callable[[bytes], Iterator[Block]]] = {
    "taiwan": taiwan,
    "egov-html": egov_html,
    "gesetze-md": markdown_headed(r"(?P<label>Art(?:ikel)? \d+[a-z]?)(?: (?P<title>.*))?"),
    "gesetze-md-sections": markdown_headed(r"(?P<label>§ \d+[a-z]?)(?: (?P<title>.*))?"),
    "legalize-kr": markdown_headed(r"(?P<label>제\d+조(?:의\d+)?) ?(?:\((?P<title>.*)\))?"),
    "serbia-html": serbia_html,
    "greek-gazette": greek_gazette,
    "open-treaty-en": open_treaty("en"),
    "open-treaty-zh": open_treaty("zh"),
    "akn": akoma_ntoso,
    "andorra": andorra,
    "italy-md": markdown_headed(r"(?P<label>Art\. \d+(?:-[a-z]+)?\.?)(?: (?P<title>.*))?"),
}

_TAIWAN = ("A0000001", "A0020003", "A0030067", "D0070078", "D0080176", "F0000081", "C0000001")
_SERBIA = ("2126", "1052", "1104", "1088", "1043")
_TREATIES = ("cat", "crc", "icerd", "iccpr", "icescr", "genocide", "refugee", "vcdr", "vclt")

#: The development set. ``paths`` of the "files" reader are directories.
SOURCES: tuple[Source, ...] = (
    Source("zh", "kong0107/mojLawSplitJSON", "taiwan",
           tuple(f"FalVMingLing/{c}.json" for c in _TAIWAN)),
    Source("en", "kong0107/mojLawSplitJSON", "taiwan",
           ("Eng_FalVMingLing/A0000001.json", "Eng_FalVMingLing/C0000001.json")),
    Source("ja", "shibacow/law.e-gov.go.jp", "egov-html",
           tuple(f"data/html/{n}.html" for n in ("日本国憲法", "刑法", "行政手続法", "国家賠償法",
                                                  "国籍法"))),
    Source("ko", "legalize-kr/legalize-kr", "legalize-kr", ("kr/경범죄처벌법/법률.md",),
           note="abridged: Article 3(1) items 11-41 and two addenda left out"),
    Source("de", "bundestag/gesetze", "gesetze-md",
           ("g/gg/index.md", "e/einigvtr/index.md", "w/wwsuvtr/index.md", "s/scheckg/index.md")),
    Source("de", "bundestag/gesetze", "gesetze-md-sections",
           ("v/vwvfg/index.md", "b/bdsg_2018/index.md")),
    Source("sr", "dtoma95/converting_rs_legal_acts_to_akoma_ntoso", "serbia-html",
           tuple(f"data/aktovi_html/{n}.html" for n in _SERBIA)),
    Source("el", "kafidas/just-text", "greek-gazette",
           ("2021/n4766.txt", "2021/n4811.txt", "2021/n4820.txt", "2023/n5020.txt"),
           note="gold from the Gazette's heading lines, not from markup"),
    Source("fr", "steeve/france.code-civil", "files", ("Livre Ier",)),
    Source("es", "amatiasq/constitucion-espanola", "files", ("02. CONSTITUCIÓN",)),
    Source("it", "zacchiro/costituzione", "italy-md", ("2019-10-12/costituzione.md",)),
    Source("ca", "mcasellasd/andorra-consti", "andorra", ("data/codis/constitucio/articles.ts",)),
    Source("en", "shared/open-treaties", "open-treaty-en", tuple(f"{t}.json" for t in _TREATIES)),
    Source("zh", "shared/open-treaties", "open-treaty-zh", tuple(f"{t}.json" for t in _TREATIES)),
    Source("en", "shared/inputs", "akn", ("akn/eu-akn4eu-leos-crr-proposal-bill.xml",)),
)  # fmt: skip


def documents(
    source: Source, sources: list[Path], shared: Path
) -> Iterator[tuple[str, list[Block]]]:
    """Each document of *source* as (name, blocks)."""
    if source.reader == "files":
        for directory in source.paths:
            paths = [p for p in list_paths(sources, source.repo, directory) if p.endswith(".md")]
            paths = [p for p in paths if not p.endswith("README.md")]
            if source.repo.endswith("code-civil"):
                paths.sort(key=_code_order)
            blobs = [read_blob(sources, source.repo, p) for p in paths]
            yield directory, list(files_per_article(paths, blobs))
        return
    reader = READERS[source.reader]
    for path in source.paths:
        if source.repo.startswith("shared/"):
            data = (shared / source.repo.removeprefix("shared/") / path).read_bytes()
        else:
            data = read_blob(sources, source.repo, path)
        yield path, list(reader(data))


def _code_order(path: str) -> tuple[int, ...]:
    """Code civil files in article order: Article 515-14 after 515-13, before 516."""
    number = re.search(r"Article (\d+)(?:-(\d+))?", path)
    return (int(number.group(1)), int(number.group(2) or 0)) if number else (0, 0)


class Rendered(NamedTuple):
    """A document laid out as plain text, with its gold articles."""

    text: str
    articles: list[dict[str, object]]  # as the shared extractor's: number_raw, start, ...


def render(blocks: list[Block]) -> Rendered:
    """Lay *blocks* out as the shared gold extractor does: blocks separated by a blank line,
    an article as its label line, its title line, then its body."""
    parts: list[str] = []
    pos = 0
    articles: list[dict[str, object]] = []

    def emit(chunk: str) -> int:
        nonlocal pos
        if not chunk:
            return pos
        if parts:
            parts.append("\n\n")
            pos += 2
        start = pos
        parts.append(chunk)
        pos += len(chunk)
        return start

    for block in blocks:
        if block.kind == "article":
            head = "\n".join(x for x in (block.label, block.title) if x)
            start = emit(head)
            emit(block.body)
            articles.append(
                {"number": block.label, "number_raw": block.label, "heading": block.title or None,
                 "text": block.body, "start": start, "end": pos}
            )  # fmt: skip
        else:
            emit(block.title if block.kind == "division" else block.body)
    return Rendered("".join(parts) + "\n", articles)
