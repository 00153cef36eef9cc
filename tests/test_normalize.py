"""Normalization steps, tokens and boilerplate: what each promises, on real treaty snippets."""

from __future__ import annotations

import functools
import re
import unicodedata

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from clausediff.bundled import bundled_corpus_dir
from clausediff.match.normalization import DEFAULT_STEPS, STEPS, normalize
from clausediff.match.tokens import (
    DEFAULT_BOILERPLATE,
    Boilerplate,
    Token,
    collapse_boilerplate,
    tokenize,
    word_keys,
)

# Characters the steps act on, so that random texts often hold something to normalize.
_PRONE = (
    "aZß0_-‐‑–—―−'’‘“”«»`´\u00ad\u200b\u200c\u200d\u2060\ufeff \t\n\r\u00a0\u3000\u2028ＡＢ１ﬁ¹½™"
)
texts = st.one_of(st.text(), st.text(alphabet=st.sampled_from(_PRONE)))

CORPUS_FILES = sorted(p.name for p in bundled_corpus_dir().glob("*.txt"))


def _collapsed_keys(text: str, table: tuple[Boilerplate, ...] = DEFAULT_BOILERPLATE) -> list[str]:
    return [t.key for t in collapse_boilerplate(tokenize(text), table)]


# --- steps -------------------------------------------------------------------------------


def test_steps_are_the_documented_five() -> None:
    """STEPS holds the five named steps, each with a stated guarantee, in DEFAULT_STEPS order."""
    assert tuple(STEPS) == DEFAULT_STEPS
    assert DEFAULT_STEPS == ("nfkc", "casefold", "quotes_dashes", "dehyphenate", "whitespace")
    for name, step in STEPS.items():
        assert step.name == name
        assert step.guarantee.strip()


@settings(max_examples=100, deadline=None)
@pytest.mark.parametrize("name", DEFAULT_STEPS)
@given(text=texts)
def test_every_step_is_idempotent(name: str, text: str) -> None:
    """Applying a step twice gives what applying it once gives."""
    once = STEPS[name].apply(text)
    assert STEPS[name].apply(once) == once


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        # nfkc: full-width letters, ligatures, superscripts
        ("nfkc", "Ｔｒｅａｔｙ", "Treaty"),
        ("nfkc", "ＡＲＴＩＣＬＥ　５", "ARTICLE 5"),
        ("nfkc", "ﬁnal", "final"),
        ("nfkc", "Article 5¹", "Article 51"),
        # casefold: case ignored, ß = ss
        ("casefold", "The PARTIES", "the parties"),
        ("casefold", "Straße", "strasse"),
        ("casefold", "STRASSE", "strasse"),
        # quotes_dashes: curly quotes straight, dashes plain, invisible characters gone
        ("quotes_dashes", "“the Parties”", '"the Parties"'),
        ("quotes_dashes", "the Parties’ rights", "the Parties' rights"),
        ("quotes_dashes", "«Treaty»", '"Treaty"'),
        ("quotes_dashes", "1949–1950", "1949-1950"),
        ("quotes_dashes", "peace — security", "peace - security"),
        ("quotes_dashes", "non‑aggression", "non-aggression"),
        ("quotes_dashes", "co\u00adoperation", "cooperation"),
        ("quotes_dashes", "zero\u200bwidth\u200c\u200d\u2060", "zerowidth"),
        ("quotes_dashes", "\ufeffArticle 1", "Article 1"),
        # dehyphenate: a word broken at a line end is whole
        ("dehyphenate", "con-\ntinue", "continue"),
        ("dehyphenate", "con- \n  tinue", "continue"),
        ("dehyphenate", "Peo-\r\nple", "People"),
        ("dehyphenate", "well-being", "well-being"),
        ("dehyphenate", "peace -\nsecurity", "peace -\nsecurity"),
        ("dehyphenate", "con-\n\ntinue", "con-\n\ntinue"),
        # whitespace: runs are one space, none at the ends
        ("whitespace", "  the\tParties \n\n agree  ", "the Parties agree"),
        ("whitespace", "peace\u00a0and\u3000security\u2028", "peace and security"),
        ("whitespace", "\n\t \r\n", ""),
    ],
)
def test_step_does_what_its_guarantee_says(name: str, text: str, expected: str) -> None:
    """Each step, on a real snippet, gives exactly the documented result."""
    assert STEPS[name].apply(text) == expected


_PLAIN_MARKS = "‘’‚‛′`´“”„‟″«»‐‑‒–—―−﹣\u00ad\u200b\u200c\u200d\u2060\ufeff"
_HYPHEN_BREAK = re.compile(r"(?<=\w)-[ \t]*\r?\n[ \t]*(?=\w)")


@settings(max_examples=100, deadline=None)
@given(text=texts)
def test_step_guarantees_hold_on_any_text(text: str) -> None:
    """On any text, each step's output has the property its guarantee names."""
    nfkc = STEPS["nfkc"].apply(text)
    assert unicodedata.is_normalized("NFKC", nfkc)
    folded = STEPS["casefold"].apply(text)
    assert folded.casefold() == folded
    plain = STEPS["quotes_dashes"].apply(text)
    assert not set(plain) & set(_PLAIN_MARKS)
    assert _HYPHEN_BREAK.search(STEPS["dehyphenate"].apply(text)) is None
    spaced = STEPS["whitespace"].apply(text)
    assert spaced == spaced.strip()
    assert "  " not in spaced
    assert all(c == " " for c in spaced if c.isspace())


@settings(max_examples=100, deadline=None)
@given(text=texts)
def test_normalize_chains_the_default_steps(text: str) -> None:
    """normalize() is the default steps applied one after another, in order."""
    chained = functools.reduce(lambda t, name: STEPS[name].apply(t), DEFAULT_STEPS, text)
    assert normalize(text) == chained


def test_normalize_on_a_treaty_snippet() -> None:
    """normalize() folds width, case, quotes, dashes, line-end hyphens and spacing at once."""
    text = "Ｔｈｅ  “Co-\noperation” —\tStraße\u00ad\n"
    assert normalize(text) == 'the "cooperation" - strasse'


def test_normalize_takes_named_steps() -> None:
    """Only the named steps run; no steps leaves the text as it is; unknown names raise."""
    assert normalize("The  PARTIES", steps=("whitespace",)) == "The PARTIES"
    assert normalize("The  PARTIES", steps=("casefold",)) == "the  parties"
    assert normalize("The  “PARTIES”", steps=()) == "The  “PARTIES”"
    with pytest.raises(KeyError):
        normalize("text", steps=("nfkc", "stem"))


# --- tokens ------------------------------------------------------------------------------


@settings(max_examples=100, deadline=None)
@given(text=texts, offset=st.integers(min_value=0, max_value=10_000))
def test_token_offsets_point_into_the_text(text: str, offset: int) -> None:
    """Every token's offsets, less the offset given, slice its own source out of the text."""
    tokens = tokenize(text, offset)
    previous_end = offset
    for token in tokens:
        assert previous_end <= token.start < token.end <= offset + len(text)
        source = text[token.start - offset : token.end - offset]
        assert source.strip() == source
        assert token.key
        if token.word:
            assert token.key.isalnum()
        previous_end = token.end


@pytest.mark.parametrize(
    "word", ["Co-operation", "co-\noperation", "cooperation", "CO-OPERATION", "co- \r\n operation"]
)
def test_spellings_of_cooperation_share_one_key(word: str) -> None:
    """Hyphenated, line-broken and solid spellings of a word are one token keyed alike."""
    text = f"friendship, {word} and"
    tokens = tokenize(text, 40)
    assert [t.key for t in tokens] == ["friendship", ",", "cooperation", "and"]
    assert text[tokens[2].start - 40 : tokens[2].end - 40] == word


def test_tokenize_punctuation_tokens() -> None:
    """Punctuation marks are tokens of their own, with quotes and dashes made plain."""
    text = "Article 5, “the Parties” — agree."
    tokens = tokenize(text)
    assert [(t.key, t.word) for t in tokens] == [
        ("article", True),
        ("5", True),
        (",", False),
        ('"', False),
        ("the", True),
        ("parties", True),
        ('"', False),
        ("-", False),
        ("agree", True),
        (".", False),
    ]
    assert [text[t.start : t.end] for t in tokens if not t.word] == [",", "“", "”", "—", "."]


def test_tokenize_keys_words_by_their_folded_letters() -> None:
    """Words are keyed by NFKC, case-folded letters and digits; apostrophes stay inside."""
    text = "ＰＥＡＣＥ and Straße; the Parties’ l'État, 1st"
    assert [t.key for t in tokenize(text) if t.word] == [
        "peace",
        "and",
        "strasse",
        "the",
        "parties",
        "létat",
        "1st",
    ]


def test_tokenize_empty_and_blank_texts() -> None:
    """Empty, blank and invisible-only texts give no tokens."""
    assert tokenize("") == []
    assert tokenize(" \n\t ") == []
    assert tokenize("\u00ad\u200b") == []


# --- word_keys and boilerplate -------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Co-operation and co-\noperation",
        "the other\nContracting Party shall",
        "ﬁnal Ｐａｒｔｙ Straße",
        "Article 5¹ of the Charter",
        "the Parties’ rights and l’État",
        "either of the High Contracting Parties; the two sides",
        "the other — side",
        pytest.param(
            "peace—security",
        ),
        pytest.param(
            "co\u00adoperation",
        ),
        pytest.param(
            "zero\u200dwidth",
        ),
        pytest.param(
            "non‐\naggression",
        ),
        "the _ other party",
        pytest.param(
            "Brand™",
        ),
        pytest.param(
            "½",
        ),
    ],
)
def test_word_keys_matches_collapsed_tokens_on_tricky_texts(text: str) -> None:
    """word_keys() gives the keys of collapse_boilerplate(tokenize()) on awkward snippets."""
    assert word_keys(text) == _collapsed_keys(text)


@settings(max_examples=100, deadline=None)
@example(text="peace—security")
@given(text=texts)
def test_word_keys_matches_collapsed_tokens_on_any_text(text: str) -> None:
    """word_keys(text) equals the keys of collapse_boilerplate(tokenize(text)) for any text."""
    assert word_keys(text) == _collapsed_keys(text)


_BOILERPLATE_WORDS = (
    "the other contracting high party parties side sides two both either of one any state "
    "states shall consult The Other Contracting Party Sides"
).split()
boilerplate_texts = st.lists(
    st.tuples(
        st.sampled_from(_BOILERPLATE_WORDS),
        st.sampled_from([" ", " ", " ", "\n", ", ", ". ", "-\n", "'"]),
    ).map("".join),
    max_size=30,
).map("".join)


@settings(max_examples=100, deadline=None)
@given(text=boilerplate_texts)
def test_word_keys_matches_collapsed_tokens_on_boilerplate_texts(text: str) -> None:
    """On texts dense with boilerplate phrases, word_keys() and the token path agree."""
    assert word_keys(text) == _collapsed_keys(text)


@pytest.mark.parametrize("name", CORPUS_FILES)
def test_word_keys_matches_collapsed_tokens_on_the_corpus(name: str) -> None:
    """On every bundled treaty text, the fast path and the token path give the same keys."""
    text = (bundled_corpus_dir() / name).read_text(encoding="utf-8")
    keys = word_keys(text)
    assert len(keys) >= 10
    assert keys == _collapsed_keys(text)


@pytest.mark.parametrize(
    "phrase",
    [
        "the other Contracting Party",
        "the other High Contracting Party",
        "the other side",
        "the other party",
        "The Other\nContracting  Party",
    ],
)
def test_other_party_variants_collapse_to_one_token(phrase: str) -> None:
    """Each 'other party' variant becomes one token keyed 'the other party' over the phrase."""
    text = f"Should {phrase} be attacked,"
    tokens = collapse_boilerplate(tokenize(text, 100))
    assert [t.key for t in tokens] == ["should", "the other party", "be", "attacked"]
    other = tokens[1]
    assert other.word
    assert text[other.start - 100 : other.end - 100] == phrase


def test_collapse_prefers_the_longest_variant_and_drops_punctuation() -> None:
    """'either of the contracting parties' wins over shorter variants; marks are dropped."""
    text = "If either of the Contracting Parties is attacked, the two sides shall consult."
    assert _collapsed_keys(text) == [
        "if",
        "either party",
        "is",
        "attacked",
        "the parties",
        "shall",
        "consult",
    ]
    assert word_keys(text) == _collapsed_keys(text)


def test_collapse_leaves_non_boilerplate_tokens_untouched() -> None:
    """Word tokens outside any variant come out as they went in."""
    tokens = tokenize("The other States shall consult.")
    assert collapse_boilerplate(tokens) == [t for t in tokens if t.word]
    assert collapse_boilerplate([]) == []


def test_a_user_table_extends_the_default() -> None:
    """Rows added to the default table collapse their variants too; the defaults still apply."""
    table = (
        *DEFAULT_BOILERPLATE,
        Boilerplate("the present treaty", ("this treaty", "the present treaty")),
    )
    text = "This Treaty binds the other side."
    assert _collapsed_keys(text) == ["this", "treaty", "binds", "the other party"]
    assert _collapsed_keys(text, table) == ["the present treaty", "binds", "the other party"]
    assert word_keys(text, table) == ["the present treaty", "binds", "the other party"]
    first = collapse_boilerplate(tokenize(text), table)[0]
    assert first == Token("the present treaty", 0, len("This Treaty"), True)


def test_a_user_table_alone_replaces_the_default() -> None:
    """A table without the default rows collapses only its own variants."""
    table = (Boilerplate("the present treaty", ("this treaty",)),)
    text = "This Treaty binds the other side."
    assert _collapsed_keys(text, table) == ["the present treaty", "binds", "the", "other", "side"]
    assert word_keys(text, table) == _collapsed_keys(text, table)
