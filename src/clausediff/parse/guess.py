"""Guesses for what a text does not say about itself: its title and its language."""

from __future__ import annotations

import re

from clausediff.parse.scan import Candidate
from clausediff.scripts import script_language

__all__ = ["guess_language", "guess_title"]

_HEADING_LANGUAGE = {
    "article": "en", "art.": "en", "artículo": "es", "articulo": "es", "artikel": "nl",
    "articolo": "it", "artigo": "pt", "статья": "ru", "ст.": "ru",
}  # fmt: skip


def guess_title(text: str, first_article: int) -> str | None:
    """The first line of the preamble, when it reads like a title."""
    for line in text[:first_article].splitlines():
        line = line.strip()
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
    """The language: from the heading word where it tells (第, 제, Статья, Artículo), else from
    the commonest function words of the first pages."""
    counts: dict[str, int] = {}
    for heading in headings:
        label = heading.label
        if label.startswith("第"):
            language = "zh" if label.endswith(("條", "条")) else None
        elif label.startswith("제"):
            language = "ko"
        else:
            language = _HEADING_LANGUAGE.get(label.split()[0].lower().replace("í", "i"))
            if language is None and label[:3].lower() == "art":
                language = "es" if "culo" in label.lower() else None
        if language:
            counts[language] = counts.get(language, 0) + 1
    best = max(counts, key=lambda k: counts[k]) if counts else None
    if best == "zh" and script_language(text) == "ja":
        return "ja"  # 第一条 is Japanese too: kana tell
    if best not in (None, "en", "nl"):
        return best  # "Article" is also French, "Artikel" also German: ask the words
    words: dict[str, int] = {}
    for word in _LATIN_WORD.findall(text[:5000].lower()):
        lang = _STOP_LANG.get(word)
        if lang:
            words[lang] = words.get(lang, 0) + 1
    if words:
        top = max(words, key=lambda k: words[k])
        if words[top] >= 5:
            return top
    return best or script_language(text)
