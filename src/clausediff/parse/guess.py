"""Guesses for what a text does not say about itself: its title and its language."""

from __future__ import annotations

import re

from clausediff.numbering import ARTICLE_WORDS, fold
from clausediff.parse.scan import Candidate
from clausediff.scripts import script_language

__all__ = ["guess_language", "guess_title"]


def _heading_languages() -> dict[str, tuple[str, bool]]:
    """Each heading word, folded: its language (the first row's), and whether other rows
    share it (``Article`` is English, French and Catalan)."""
    found: dict[str, tuple[str, bool]] = {}
    for row in ARTICLE_WORDS:
        for word in {fold(w) for w in row.words}:
            first = found.get(word)
            found[word] = (row.language, False) if first is None else (first[0], True)
    return found


_HEADING_LANGUAGE = _heading_languages()


def guess_title(text: str, first_article: int) -> str | None:
    """The first line of the preamble, when it reads like a title."""
    for line in text[:first_article].splitlines():
        line = line.strip().lstrip("\ufeff").strip()
        if line:
            titled = len(line) <= 200 and line[-1] not in ",;:" and not line[0].islower()
            return line if titled else None
    return None


_STOPWORDS = {
    "en": "the of and shall to in or any be by".split(),
    "fr": "le la les des et du de aux est une".split(),
    "es": "el la los las del y en que por una".split(),
    "nl": "de het van en een voor zijn wordt bij".split(),
    "de": "der die das und den von zu ist mit dem".split(),
    "it": "il della delle degli e di che per una".split(),
    "pt": "o os da do das dos e em uma que".split(),
}
_STOP_LANG = {word: lang for lang, words in _STOPWORDS.items() for word in words}
_LATIN_WORD = re.compile(r"[a-zà-ÿ]+")


def guess_language(text: str, headings: list[Candidate]) -> str | None:
    """The language: from the heading word where it tells (第, 제, Статья, Άρθρο), else from
    the commonest function words of the first pages, else from a heading word several
    languages share (``Article``: English)."""
    sure: dict[str, int] = {}
    shared: dict[str, int] = {}
    known: dict[str, tuple[str, bool]] = {}
    for heading in headings:
        label = heading.label
        parts = label.split()
        word = parts[-1] if parts[0][:1].isdigit() else parts[0]
        if word not in known:
            if label.startswith("第"):
                # 第一条 is Japanese too: kana tell
                known[word] = ("ja" if script_language(text) == "ja" else "zh"), False
            elif label.startswith("제"):
                known[word] = "ko", False
            else:
                known[word] = _HEADING_LANGUAGE.get(fold(word), ("", True))
        language, common = known[word]
        if language:
            counts = shared if common else sure
            counts[language] = counts.get(language, 0) + 1
    if sure:
        return max(sure, key=lambda k: sure[k])
    words: dict[str, int] = {}
    for word in _LATIN_WORD.findall(text[:5000].lower()):
        lang = _STOP_LANG.get(word)
        if lang:
            words[lang] = words.get(lang, 0) + 1
    if words:
        top = max(words, key=lambda k: words[k])
        if words[top] >= 5:
            return top
    return max(shared, key=lambda k: shared[k]) if shared else script_language(text)
