"""Normalization steps, tokens and boilerplate: what each promises, on real treaty snippets."""

from __future__ import annotations

import pytest
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

from clausediff.bundled import bundled_corpus_dir
from clausediff.match.boilerplate import (
    DEFAULT_BOILERPLATE,
    Boilerplate,
    collapse_boilerplate,
    word_keys,
)
from clausediff.match.normalization import DEFAULT_NORMALIZER, DEFAULT_STEPS, STEPS, Normalizer
from clausediff.match.tokens import Token, normalize, tokenize

# Characters the steps act on, so that random texts often hold something to normalize.
_PRONE = (
    "aZß0_-‐‑–—―−'’‘“”«»`´\u00ad\u200b\u200c\u200d\u2060\ufeff \t\n\r\u00a0\u3000\u2028ＡＢ１ﬁ¹½™"
)
texts = st.one_of(st.text(), st.text(alphabet=st.sampled_from(_PRONE)))

CORPUS_FILES = sorted(p.name for p in bundled_corpus_dir().glob("*.txt"))


def _collapsed_keys(text: str, table: tuple[Boilerplate, ...] = DEFAULT_BOILERPLATE) -> list[str]:
    # word_keys does not see marks: a variant whose words a mark divides collapses there
    return [t.key for t in collapse_boilerplate([t for t in tokenize(text) if t.word], table)]


# --- steps -------------------------------------------------------------------------------


def test_steps_are_the_documented_eight() -> None:
    """STEPS holds the eight named steps, each with a stated guarantee; stem (every language)
    is off by default, inflection (Russian) on."""
    assert tuple(STEPS) == (*DEFAULT_STEPS, "stem")
    assert DEFAULT_STEPS == (
        "nfkc",
        "casefold",
        "letters",
        "diacritics",
        "chinese",
        "spelling",
        "inflection",
    )
    for name, step in STEPS.items():
        assert step.name == name
        assert step.guarantee.strip()


words = st.one_of(
    st.text(max_size=12),
    st.text(alphabet=st.sampled_from(_PRONE), max_size=12),
    st.sampled_from(
        "recognises organisation defence labour centre manoeuvres programme travelled "
        "государств участников Straße Ｔｒｅａｔｙ 締約國 條約 Άρθρο État".split()
    ),
)


@settings(max_examples=100, deadline=None)
@pytest.mark.parametrize("name", STEPS)
@pytest.mark.parametrize("language", [None, "en", "ru", "fr", "de"])
@given(word=words)
def test_every_step_is_idempotent(name: str, language: str | None, word: str) -> None:
    """Applying a step to its own output changes nothing, in any language."""
    once = STEPS[name].apply(word, language)
    assert STEPS[name].apply(once, language) == once


@pytest.mark.parametrize(
    ("name", "word", "expected"),
    [
        # nfkc: full-width letters, ligatures
        ("nfkc", "Ｔｒｅａｔｙ", "Treaty"),
        ("nfkc", "ﬁnal", "final"),
        # casefold: case ignored, ß = ss
        ("casefold", "PARTIES", "parties"),
        ("casefold", "Straße", "strasse"),
        # letters: hyphens, apostrophes and invisible characters inside a word dropped
        ("letters", "co-operation", "cooperation"),
        ("letters", "self‑defence", "selfdefence"),
        ("letters", "co\u00adoperation", "cooperation"),
        ("letters", "l'état", "létat"),
        ("letters", "государств-участников", "государствучастников"),
        # diacritics: Latin, Greek and Cyrillic accents dropped
        ("diacritics", "létat", "letat"),
        ("diacritics", "ещё", "еще"),
        ("diacritics", "настоящий", "настоящий"),
        ("diacritics", "άρθρο", "αρθρο"),
        ("diacritics", "조약", "조약"),
        # chinese: Traditional read as Simplified
        ("chinese", "締約國", "缔约国"),
        ("chinese", "條約", "条约"),
        ("chinese", "缔约国", "缔约国"),
        # spelling: British read as American, in English
        ("spelling", "recognises", "recognizes"),
        ("spelling", "organisation", "organization"),
        ("spelling", "selfdefence", "selfdefense"),
        ("spelling", "labour", "labor"),
        ("spelling", "exercise", "exercise"),
        ("spelling", "otherwise", "otherwise"),
    ],
)
def test_step_does_what_its_guarantee_says(name: str, word: str, expected: str) -> None:
    """Each step, on a real word, gives exactly the documented result."""
    assert STEPS[name].apply(word, None) == expected


def test_spelling_is_left_alone_outside_english() -> None:
    """The spelling step reads British as American only in English (or an unknown language)."""
    assert STEPS["spelling"].apply("organisation", "fr") == "organisation"
    assert STEPS["spelling"].apply("organisation", "en-GB") == "organization"


@pytest.mark.parametrize(
    ("language", "forms"),
    [
        ("ru", ["государств", "государства", "государствам"]),
        ("de", ["Vertragsparteien", "Vertragspartei"]),
        ("fr", ["agressions", "agression"]),
        ("en", ["attacks", "attacked", "attack"]),
    ],
)
def test_stem_gives_inflected_forms_one_key(language: str, forms: list[str]) -> None:
    """With the stem step, the inflected forms of a word share one key in their language;
    by default only Russian's do (the inflection step)."""
    norm = Normalizer((*DEFAULT_STEPS, "stem"), language)
    assert len({norm.key(form) for form in forms}) == 1
    by_default = {Normalizer(DEFAULT_STEPS, language).key(form) for form in forms}
    assert (len(by_default) == 1) == (language == "ru")


@pytest.mark.parametrize(
    ("forms"),
    [
        ["настоящий", "настоящего", "настоящим"],
        ["действующий", "действующего"],
        ["участвующий", "участвующих"],
    ],
)
def test_russian_short_i_survives_the_accents_step(forms: list[str]) -> None:
    """й is a letter, not и with an accent: the Russian endings -ий, -ый stem as they should."""
    assert STEPS["diacritics"].apply("й", None) == "й"
    assert STEPS["diacritics"].apply("ё", None) == "е"
    norm = Normalizer(DEFAULT_STEPS, "ru")
    assert len({norm.key(form) for form in forms}) == 1


_BRITISH = st.sampled_from(
    ["recognises", "organisations", "defence", "labourers", "centre", "fulfil", "licences",
     "advise", "exercised", "analysed", "selfdefence", "Colour", "программа", "條約", "x-\ny"]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(
    many=st.lists(st.one_of(words, _BRITISH, st.text(min_size=1, max_size=6)), max_size=40),
    language=st.sampled_from([None, "en", "en-GB", "ru", "zh", "fr"]),
    stem=st.booleans(),
)
def test_keys_of_many_words_are_each_words_key(
    many: list[str], language: str | None, stem: bool
) -> None:
    """``Normalizer.keys`` (new words through each step together) gives every word the key
    ``Normalizer.key`` gives it alone, whatever the words, the language and the steps."""
    steps = (*DEFAULT_STEPS, "stem") if stem else DEFAULT_STEPS
    together = Normalizer(steps, language)
    alone = Normalizer(steps, language)
    assert together.keys(many * 2) == [alone.key(w) for w in many * 2]


def test_normalizer_rejects_unknown_steps() -> None:
    """A step name that does not exist is an error naming it."""
    with pytest.raises(ValueError, match="'lemma'"):
        Normalizer(("nfkc", "lemma"))


def test_normalize_on_a_treaty_snippet() -> None:
    """normalize() gives the words' keys: width, case, hyphens, line-end hyphens, spelling,
    note marks and punctuation folded at once."""
    text = "Ｔｈｅ  “Co-\noperation” —\tStraße\u00ad\n self defence¹ organised"
    assert normalize(text) == "the cooperation strasse selfdefense organized"


def test_normalize_joins_units_without_spaces() -> None:
    """In Chinese, the units are joined without spaces, a wrapped line included, and
    Traditional characters read as Simplified."""
    assert normalize("締約雙方\n保證共同") == "缔约双方保证共同"
    assert normalize("Article 4 締約 the") == "article 4 缔约 the"


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


@settings(max_examples=500, deadline=None)
@given(text=texts)
def test_the_fast_pattern_for_texts_without_joins_changes_no_token(text: str) -> None:
    """A text with nothing that joins the parts of a word (no hyphen, apostrophe or invisible
    character) is cut by a simpler pattern: the tokens are those the full pattern gives."""
    from clausediff.match import tokens as module
    from clausediff.scripts import may_hold_units

    assume(not may_hold_units(text))
    for full, fast in (
        (module._SPACED_TOKEN, module._PLAIN_TOKEN),
        (module._SPACED_WORD_TOKEN, module._PLAIN_WORD_TOKEN),
    ):
        expected = full.split(text)
        if module._patterns(text)[0] is module._PLAIN_TOKEN:
            assert fast.split(text) == expected
    assert tokenize(text) == module._finish(
        module._cut(module._SPACED_TOKEN, text, 0, DEFAULT_NORMALIZER, True), (), None
    )


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
    """Words are keyed by NFKC, case-folded letters and digits, accents dropped; an apostrophe
    joins the parts of a word."""
    text = "ＰＥＡＣＥ and Straße; the Parties’ l'État, 1st"
    assert [t.key for t in tokenize(text) if t.word] == [
        "peace",
        "and",
        "strasse",
        "the",
        "parties",
        "letat",
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
@example(text="CO\x08A")  # a mark that is no dash parts an open compound on both paths
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


@pytest.mark.parametrize(
    ("variant", "canonical"),
    [
        *((v, row.canonical) for row in DEFAULT_BOILERPLATE for v in row.variants),
        # a user's row whose variants end on other words than its canonical phrase
        ("this Agreement", "the present treaty"),
        ("the present Convention", "the present treaty"),
    ],
)
def test_every_variant_collapses_alone_in_a_sentence(variant: str, canonical: str) -> None:
    """Each variant, the only one in its sentence, is one token keyed by its canonical phrase,
    through the token path and through word_keys (a text is looked at only when it holds the
    last word of some variant: this fails if one variant's last word is missing)."""
    table = (
        *DEFAULT_BOILERPLATE,
        Boilerplate("the present treaty", ("this agreement", "the present convention")),
    )
    text = f"Nothing in {variant} binds them."
    expected = ["nothing", "in", canonical, "binds", "them"]
    assert _collapsed_keys(text, table) == expected
    assert word_keys(text, table) == expected


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
