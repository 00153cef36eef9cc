"""How a word becomes a key: named steps, for MATCHING ONLY (the text and its offsets never
change).

The token layer (``clausediff.match.tokens``) cuts a text into words, and into single
characters where a script does not space its words (Han, kana); each token's *key* is what its
surface form becomes through the steps below, in order. Two tokens match when their keys are
equal. Each step has a name, states what it guarantees, and is idempotent: applying it to its
own output changes nothing.

=============  ===============================================================================
``nfkc``       compatibility forms folded: full-width letters, ligatures (``ﬁ`` = ``fi``)
``casefold``   case ignored, ``ß`` = ``ss``
``letters``    only letters and digits kept: hyphens, apostrophes, soft hyphens and zero-width
               characters inside a word are dropped (``co-operation`` = ``cooperation``,
               ``self‑defence`` = ``selfdefence``)
``diacritics`` accents of Latin, Greek and Cyrillic letters dropped (``é`` = ``e``,
               ``ё`` = ``е``): OCR and typists lose them; ``й`` and ``ў`` are letters of their
               own and stay
``chinese``    Traditional Chinese characters read as Simplified (``條`` = ``条``, OpenCC's
               character table), so a Taipei print matches a Beijing one
``spelling``   British spelling read as American (``recognises`` = ``recognizes``,
               ``defence`` = ``defense``; ``clausediff.match.spelling``), for English texts and
               texts of unknown language
``inflection`` Snowball stemming, so that inflected forms match (``государств`` =
               ``государства``), in the languages where it was measured to help: Russian
               (``INFLECTION_LANGUAGES``)
``stem``       (off by default) Snowball stemming in every language that has a stemmer; it
               was measured not to help French and German comparisons (the README's figures)
=============  ===============================================================================

``DEFAULT_STEPS`` are all but ``stem``. A ``Normalizer`` applies a sequence of steps for one
language and remembers the keys it has made (a treaty's vocabulary is small).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable, Iterable

import attrs

from clausediff.errors import InputError
from clausediff.match.spelling import american, american_all

__all__ = [
    "DEFAULT_NORMALIZER",
    "DEFAULT_STEPS",
    "INFLECTION_LANGUAGES",
    "STEPS",
    "Normalizer",
    "Step",
    "mark_key",
    "normalizer",
    "stem_language",
]


@attrs.frozen
class Step:
    """One normalization step: a name, what it guarantees, and the function from a key and
    the text's language (``None`` when unknown) to the new key."""

    name: str
    guarantee: str
    apply: Callable[[str, str | None], str] = attrs.field(eq=False, repr=False)
    #: the same for many keys at once, where that is faster (``None``: ``apply`` each)
    apply_all: Callable[[list[str], str | None], list[str]] | None = attrs.field(
        default=None, eq=False, repr=False
    )

    def each(self, keys: list[str], language: str | None) -> list[str]:
        """``apply`` to every key of *keys*."""
        if self.apply_all is not None:
            return self.apply_all(keys, language)
        apply = self.apply
        return [apply(key, language) for key in keys]


_NON_WORD = re.compile(r"[\W_]+")
# a hyphen at a line end, with a page-number line before the word's second half perhaps
_BROKEN = re.compile(r"-[ \t]*(?:\r\n?|\n)(?:[ \t\f]*\d{1,4}[ \t]*(?:\r\n?|\n))?[ \t]*")
# every combining accent but the breve of Cyrillic й and ў (letters of their own: and
# Snowball's Russian endings -ий, -ый, -ой need the й)
_COMBINING = re.compile("(?<![иИуУ])[\u0300-\u036f]|(?<=[иИуУ])[\u0300-\u0305\u0307-\u036f]")


def _nfkc(key: str, language: str | None = None) -> str:
    return key if key.isascii() else unicodedata.normalize("NFKC", key)


def _casefold(key: str, language: str | None = None) -> str:
    return key.casefold()


def _letters(key: str, language: str | None = None) -> str:
    return key if key.isalnum() else _NON_WORD.sub("", key)


def _diacritics(key: str, language: str | None = None) -> str:
    if key.isascii():
        return key
    decomposed = unicodedata.normalize("NFD", key)
    if not _COMBINING.search(decomposed):
        return key
    return unicodedata.normalize("NFC", _COMBINING.sub("", decomposed))


@functools.cache
def _opencc() -> Callable[[str], str]:
    import opencc  # here: 5 ms that texts without Han characters never pay

    return opencc.OpenCC("t2s").convert


@functools.lru_cache(maxsize=65_536)
def _simplified(char: str) -> str:
    converted: str = _opencc()(char)
    # one character to one: a phrase rule that changes the length is not a character's form
    return converted if len(converted) == len(char) else char


def _chinese(key: str, language: str | None = None) -> str:
    if key.isascii() or not any("\u3400" <= c <= "\u9fff" or c >= "\uf900" for c in key):
        return key
    return "".join(map(_simplified, key))


def _chinese_all(keys: list[str], language: str | None = None) -> list[str]:
    if "".join(keys).isascii():
        return keys
    return [_chinese(key) for key in keys]


def _spelling(key: str, language: str | None = None) -> str:
    if language is not None and not language.startswith("en"):
        return key
    return american(key)


def _spelling_all(keys: list[str], language: str | None = None) -> list[str]:
    if language is not None and not language.startswith("en"):
        return keys
    return american_all(keys)


#: Snowball stemmers by language tag (PyStemmer's algorithm names).
_STEMMERS = {
    "ar": "arabic", "ca": "catalan", "cs": "czech", "da": "danish", "de": "german",
    "el": "greek", "en": "english", "es": "spanish", "eu": "basque", "fi": "finnish",
    "fr": "french", "hu": "hungarian", "id": "indonesian", "it": "italian", "lt": "lithuanian",
    "nl": "dutch", "no": "norwegian", "pl": "polish", "pt": "portuguese", "ro": "romanian",
    "ru": "russian", "sr": "serbian", "sv": "swedish", "tr": "turkish",
}  # fmt: skip


def stem_language(language: str | None) -> str | None:
    """The Snowball algorithm for a language tag (``ru-RU`` -> ``russian``), or ``None``."""
    if not language:
        return None
    return _STEMMERS.get(language.split("-")[0].lower())


@functools.cache
def _stemmer(algorithm: str) -> Callable[[str], str]:
    try:
        import Stemmer
    except ImportError as e:  # pragma: no cover - PyStemmer is a core dependency
        raise InputError("the stem step needs PyStemmer", hint="pip install PyStemmer") from e
    return Stemmer.Stemmer(algorithm).stemWord  # type: ignore[no-any-return]


#: Languages whose comparisons stemming was measured to improve (``benchmarks/stemming.py``:
#: Russian alignment recall 0.857 -> 0.896 at the same precision; French and German gained
#: nothing and their unrelated pairs scored higher), stemmed by the default step ``inflection``.
INFLECTION_LANGUAGES: frozenset[str] = frozenset({"ru"})


def _inflection(key: str, language: str | None = None) -> str:
    if not language or language.split("-")[0].lower() not in INFLECTION_LANGUAGES:
        return key
    return _stem(key, language)


def _inflection_all(keys: list[str], language: str | None = None) -> list[str]:
    if not language or language.split("-")[0].lower() not in INFLECTION_LANGUAGES:
        return keys
    return [_stem(key, language) for key in keys]


def _stem(key: str, language: str | None = None) -> str:
    algorithm = stem_language(language)
    if algorithm is None or not key.isalpha():
        return key
    stem = _stemmer(algorithm)
    # Snowball is not always idempotent (a stem can be stemmed again): go to the fixed point
    for _ in range(4):
        shorter = stem(key)
        if shorter == key:
            break
        key = shorter
    return key


#: Every step, by name, in the order they apply.
STEPS: dict[str, Step] = {
    step.name: step
    for step in (
        Step("nfkc", "compatibility forms folded: full-width letters, ligatures", _nfkc),
        Step("casefold", "case ignored, including ß = ss", _casefold),
        Step(
            "letters",
            "only letters and digits: hyphens, apostrophes and invisible characters inside a "
            "word dropped, so hyphenated and closed compounds are one key",
            _letters,
        ),
        Step("diacritics", "Latin, Greek and Cyrillic accents dropped: é = e, ё = е", _diacritics),
        Step(
            "chinese",
            "Traditional Chinese characters read as Simplified: 條 = 条",
            _chinese,
            _chinese_all,
        ),
        Step(
            "spelling",
            "British spelling read as American in English: recognises = recognizes",
            _spelling,
            _spelling_all,
        ),
        Step(
            "inflection",
            "inflected forms share their Snowball stem, in the languages where that was "
            "measured to help (Russian)",
            _inflection,
            _inflection_all,
        ),
        Step("stem", "inflected forms share their Snowball stem, in the text's language", _stem),
    )
}
#: The steps applied by default, in order (``stem`` for every language is left out: see the
#: README's figures).
DEFAULT_STEPS: tuple[str, ...] = (
    "nfkc",
    "casefold",
    "letters",
    "diacritics",
    "chinese",
    "spelling",
    "inflection",
)


def _names(steps: Iterable[str]) -> tuple[str, ...]:
    names = tuple(steps)
    unknown = [name for name in names if name not in STEPS]
    if unknown:
        raise ValueError(f"unknown normalization step {unknown[0]!r}; the steps are {list(STEPS)}")
    return names


_CACHE_LIMIT = 500_000  # keys remembered before the memory is cleared (a corpus' vocabulary)
_TOGETHER = 8  # new words from which the steps run over them together (fewer: one at a time)


@attrs.frozen
class Normalizer:
    """Words to keys: *steps* (names from ``STEPS``) applied in order, for texts in
    *language* (a tag such as ``en`` or ``ru``; ``None`` when unknown)."""

    steps: tuple[str, ...] = attrs.field(default=DEFAULT_STEPS, converter=_names)
    language: str | None = None
    _steps: tuple[Step, ...] = attrs.field(init=False, eq=False, repr=False)
    # each step's function, for one word at a time (``key``)
    _functions: tuple[Callable[[str, str | None], str], ...] = attrs.field(
        init=False, eq=False, repr=False
    )
    _cache: dict[str, str] = attrs.field(init=False, factory=dict, eq=False, repr=False)

    @_steps.default
    def _resolve_steps(self) -> tuple[Step, ...]:
        return tuple(STEPS[name] for name in self.steps)

    @_functions.default
    def _resolve(self) -> tuple[Callable[[str, str | None], str], ...]:
        return tuple(step.apply for step in self._steps)

    def key(self, word: str) -> str:
        """The key of one word, unit or mark (``""`` when nothing of a word is a letter or
        digit): a word or unit through the steps, a mark through ``mark_key``."""
        key = self._cache.get(word)
        if key is None:
            if not word[:1].isalnum():
                key = mark_key(word)
            else:
                key = _BROKEN.sub("", word) if "\n" in word or "\r" in word else word
                language = self.language
                for apply in self._functions:
                    key = apply(key, language)
            if len(self._cache) >= _CACHE_LIMIT:
                self._cache.clear()
            self._cache[word] = key
        return key

    def keys(self, words: list[str]) -> list[str]:
        """The keys of many words at once (``key`` of each); the words not yet seen go
        through each step together (a treaty's first words are mostly new)."""
        keys: list[str | None] = list(map(self._cache.get, words))
        if None not in keys:
            return keys  # type: ignore[return-value]
        new = list(dict.fromkeys(w for w, k in zip(words, keys, strict=True) if k is None))
        if len(new) < _TOGETHER:
            key = self.key
            return [key(w) if k is None else k for w, k in zip(words, keys, strict=True)]
        marks = [w for w in new if not w[:1].isalnum()]
        plain = [w for w in new if w[:1].isalnum()]
        made = [_BROKEN.sub("", w) if "\n" in w or "\r" in w else w for w in plain]
        for step in self._steps:
            made = step.each(made, self.language)
        if len(self._cache) + len(new) >= _CACHE_LIMIT:
            self._cache.clear()
        self._cache.update(zip(plain, made, strict=True))
        self._cache.update(zip(marks, map(mark_key, marks), strict=True))
        cache = self._cache
        return [cache[w] if k is None else k for w, k in zip(words, keys, strict=True)]

    def for_language(self, language: str | None) -> Normalizer:
        """The same steps for texts in *language*."""
        if language == self.language:
            return self
        return normalizer(self.steps, language)


@functools.lru_cache(maxsize=64)
def normalizer(steps: Iterable[str] = DEFAULT_STEPS, language: str | None = None) -> Normalizer:
    """A shared ``Normalizer`` for these steps and language (its key memory is shared too)."""
    return Normalizer(tuple(steps), language)


#: The default steps, for texts of unknown language.
DEFAULT_NORMALIZER = normalizer(DEFAULT_STEPS, None)

_QUOTES_DASHES = str.maketrans(
    {
        "‘": "'", "’": "'", "‚": "'", "‛": "'", "′": "'", "`": "'", "´": "'",
        "“": '"', "”": '"', "„": '"', "‟": '"', "″": '"', "«": '"', "»": '"',
        "‐": "-", "‑": "-", "‒": "-", "–": "-", "—": "-", "―": "-", "−": "-", "﹣": "-",
    }
)  # fmt: skip


def mark_key(mark: str) -> str:
    """The key of a punctuation mark: compatibility forms folded, quotes straight, every dash
    ``-``."""
    return unicodedata.normalize("NFKC", mark).translate(_QUOTES_DASHES)
