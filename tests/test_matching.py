"""Matching that sees what a reader sees: every script, spelling variants, page furniture,
repeated passages, a minimal redline, splits and formula articles (real treaty snippets)."""

from __future__ import annotations

import difflib
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clausediff import align_documents, load_document, parse_document
from clausediff.match.compare import Clause, Comparison, clause_tokens, compare_clauses
from clausediff.match.passages import common_runs
from clausediff.match.redline import Op
from clausediff.match.tokens import is_unit, join_compounds, normalize, tokenize
from clausediff.model import FurnitureKind
from clausediff.parse.furniture import find_furniture
from clausediff.scripts import dominant_script, script_language

FORMULA = "尽其全力给予军事及其他援助"


def _clause(document_id: str, number: str) -> Clause:
    document = load_document(document_id)
    return Clause.from_article(document, document.article(number))


def _kept(result: Comparison, side: str = "left") -> list[str]:
    """The texts of the redline's equal ops on one side."""
    clause = result.left if side == "left" else result.right
    return [
        clause.quote(op.left if side == "left" else op.right)  # type: ignore[arg-type]
        for op in result.redline
        if op.op == Op.EQUAL
    ]


# --- scripts that do not space their words -------------------------------------------------


@pytest.mark.parametrize(
    ("left", "right", "number"),
    [
        ("sino-soviet-1950.zh-Hans", "ussr-dprk-1961.worldjpn.zh-Hans", "1:1"),
        ("prc-dprk-1961.zh-Hant", "ussr-dprk-1961.worldjpn.zh-Hans", "2:1"),
    ],
)
def test_chinese_alliance_clauses_share_the_formula(left: str, right: str, number: str) -> None:
    """The 1950 and 1961 alliance clauses (Simplified and Traditional) share 尽其全力给予军事及其他
    援助 as a passage the redline keeps equal, and score at least 25."""
    a, b = number.split(":")
    result = compare_clauses(_clause(left, a), _clause(right, b))
    assert result.score >= 25
    formula = [p for p in result.shared if FORMULA in normalize(p.text).replace(" ", "")]
    assert formula
    equal = [op.left for op in result.redline if op.op == Op.EQUAL and op.left is not None]
    for passage in formula:
        assert any(s.start <= passage.left.start and passage.left.end <= s.end for s in equal)


def test_a_three_character_edit_stays_three_characters() -> None:
    """Changing three characters of a Chinese clause changes three units, not a whole chunk."""
    text = (
        "一旦缔约一方受到任何一个国家的或者几个国家联合的武装进攻，"
        "因而处于战争状态时，缔约另一方应立即尽其全力给予军事及其他援助。"
    )
    edited = text.replace("武装进攻", "武力侵略")
    result = compare_clauses(Clause("a", None, None, text), Clause("b", None, None, edited))
    changed = [op for op in result.redline if op.op != Op.EQUAL]
    assert len(changed) == 1
    assert changed[0].left is not None
    assert result.left.quote(changed[0].left) == "装进攻"
    assert result.score > 85


def test_a_wrapped_line_inside_chinese_text_is_no_gap() -> None:
    """A line break between two Chinese characters (a print wrap) is not a token."""
    assert normalize("军事及\n其他援助") == normalize("军事及其他援助") == "军事及其他援助"
    tokens = tokenize("军事及\n其他")
    assert [t.key for t in tokens] == list("军事及其他")
    assert all(is_unit(t.key) for t in tokens)


@pytest.mark.parametrize(
    ("text", "script", "language"),
    [
        ("第一条 締約国は、この条約の規定に従い、相互に協力する。", "kana", "ja"),
        ("第一條 締約雙方保證共同採取一切措施。", "han", "zh"),
        ("제1조 체약당사국은 이 조약에 따라 협력한다.", "hangul", "ko"),
        ("Άρθρο 1 Τα Συμβαλλόμενα Μέρη", "greek", "el"),
        ("Статья 1 Государства-участники", "cyrillic", None),
        ("Article 1 The Parties", "latin", None),
    ],
)
def test_scripts_and_the_languages_they_tell(text: str, script: str, language: str | None) -> None:
    """Kana tell Japanese from Chinese; Hangul Korean; Greek Greek; Latin and Cyrillic tell
    no language by themselves."""
    assert dominant_script(text) == script
    assert script_language(text) == language


def test_japanese_treaty_is_parsed_as_japanese() -> None:
    """A Japanese text whose headings look Chinese (第一条) is detected as ja, not zh."""
    document = parse_document(
        "第一条 締約国は、国際連合憲章に定める目的及び原則を再確認する。\n"
        "第二条 締約国は、自由な諸制度を強化することにより、"
        "平和的かつ友好的な国際関係の発展に貢献する。\n"
    )
    assert document.language == "ja"


# --- spelling, compounds, hyphens -------------------------------------------------------------


@pytest.mark.shared
def test_anzus_signed_and_initialled_article_iv_are_the_same(shared_dir: Path) -> None:
    """ANZUS Art. IV as signed (US print) and as initialled (Australian print) differ only in
    recognizes/recognises and punctuation: score 100 and no changed op."""
    signed = load_document(shared_dir / "corpora" / "anzus-1951.en.txt")
    initialled = load_document(shared_dir / "corpora" / "anzus-1951.dafp.en.txt")
    result = compare_clauses(
        Clause.from_article(signed, signed.article("4")),
        Clause.from_article(initialled, initialled.article("4")),
    )
    assert result.score >= 99
    assert {op.op for op in result.redline} == {Op.EQUAL}


def test_nato_and_the_charter_share_collective_self_defence() -> None:
    """NATO Art. 5 (self-defence) and the Charter's Art. 51 (printed selfdefense) share
    "individual or collective self-defence"."""
    result = compare_clauses(_clause("nato-1949", "5"), _clause("un-charter-1945", "51"))
    assert any("individual or collective self-defence" in p.text for p in result.shared)


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("the right of self-defence", "the right of self defense"),
        ("the right of selfdefence", "the right of self‑defense"),
        ("in peace-time and in war", "in peace time and in war"),
        ("in peacetime and in war", "in peace-time and in war"),
        ("the organised and recognised", "the organized and recognized"),
        ("the centre of labour", "the center of labor"),
        ("государств-участников договора", "государств - участников договора"),
        ("co-operation between", "co-\noperation between"),
    ],
)
def test_variants_a_reader_takes_for_the_same_words_match(left: str, right: str) -> None:
    """Spelling, compound and hyphenation variants compare as equal words, not changes."""
    result = compare_clauses(Clause("a", None, None, left), Clause("b", None, None, right))
    assert result.score == 100.0
    assert {op.op for op in result.redline} == {Op.EQUAL}


def test_join_compounds_uses_the_other_texts_closed_form() -> None:
    """Two words next to each other join where the other text writes them as one."""
    tokens = tokenize("государств - участников")
    joined = join_compounds(tokens, {"государствучастников"})
    assert [t.key for t in joined] == ["государствучастников"]
    assert (joined[0].start, joined[0].end) == (0, 23)
    assert join_compounds(tokens, {"другое"}) == tokens


# --- page furniture ------------------------------------------------------------------------------

_WRAPPED = (
    "Article 1\n\nThe High Contracting Parties undertake to respect and to ensure respect\n"
    "for the present Convention in all circumstances, and it nec-\n12\nessitates nothing.\n"
)


def test_page_numbers_running_heads_and_note_marks_are_furniture() -> None:
    """Page-number lines in sequence, heads repeated at page breaks and superscript note marks
    are furniture; a numbered list and a lone number in the text are not."""

    def page(n: int) -> str:
        return "".join(f"line {k} of page {n} reads on\n" for k in range(11))

    text = (
        f"GENEVA CONVENTION III\n{page(11)}- 12 -\nGENEVA CONVENTION III\n{page(12)}"
        f"13\nGENEVA CONVENTION III\n{page(13)}Page 14\nthe Parties¹ agree\n1\n2\n3\n"
    )
    found = {(f.kind, text[f.span.start : f.span.end]) for f in find_furniture(text)}
    assert (FurnitureKind.PAGE_NUMBER, "- 12 -") in found
    assert (FurnitureKind.PAGE_NUMBER, "13") in found
    assert (FurnitureKind.PAGE_NUMBER, "Page 14") in found
    assert (FurnitureKind.RUNNING_HEAD, "GENEVA CONVENTION III") in found
    assert (FurnitureKind.FOOTNOTE_MARK, "¹") in found
    assert not {s for k, s in found if s in ("1", "2", "3")}


def test_furniture_is_left_out_of_matching_and_kept_in_the_text() -> None:
    """A page number inside an article (and inside a word broken at a page end) changes
    nothing in a comparison with the clean text, and the document keeps every character."""
    clean = parse_document(_WRAPPED.replace("nec-\n12\n", "nec"), id="clean")
    paged = parse_document(_WRAPPED, id="paged")
    assert paged.text == _WRAPPED
    result = compare_clauses(
        Clause.from_article(clean, clean.articles[0]), Clause.from_article(paged, paged.articles[0])
    )
    assert result.score == 100.0
    assert {op.op for op in result.redline} == {Op.EQUAL}


def test_page_numbers_never_show_in_a_redline() -> None:
    """A page number between changed words is not shown deleted or inserted."""
    from clausediff.report import render

    left = parse_document(
        "Article 1\n\nThe Parties shall consult together\n"
        + "x y z\n" * 12
        + "14\nwhenever any of them so requests.\n"
        + "x y z\n" * 12
        + "15\nend\n",
        id="left",
    )
    right = parse_document(
        "Article 1\n\nThe Parties will consult together\n"
        + "x y z\n" * 12
        + "whenever any of them so requests.\n"
        + "x y z\n" * 12
        + "end\n",
        id="right",
    )
    text = render(
        compare_clauses(
            Clause.from_article(left, left.articles[0]),
            Clause.from_article(right, right.articles[0]),
        ),
        "text",
    )
    assert "777" not in text
    assert "778" not in text


# --- repeated passages ----------------------------------------------------------------------------


def test_a_passage_repeated_a_hundred_times_is_still_shared() -> None:
    """A paragraph the other text repeats 100 times (once a seed cap's blind spot) is found."""
    paragraph = "the measures necessary to restore and maintain international peace and security"
    words = paragraph.split()
    other = []
    for k in range(100):
        other += [*words, f"filler{k}", "x"]
    runs = common_runs(["start", *words, "end"], other, min_length=3)
    assert (1, 0, len(words)) in runs


def test_comparison_time_grows_linearly_on_periodic_text() -> None:
    """Four times a periodic schedule costs about four times the time, not sixteen (a loose
    bound, not a benchmark: the ratio of the two runs, measured in one process)."""
    paragraph = " ".join(f"word{k}" for k in range(60)) + "."

    def cost(times: int) -> float:
        text = " ".join([paragraph] * times)
        edited = text.replace("word7 ", "other ", 3)
        start = time.perf_counter()
        compare_clauses(Clause("a", None, None, text), Clause("b", None, None, edited))
        return time.perf_counter() - start

    cost(8)  # warm the caches
    small = min(cost(32) for _ in range(3))
    large = min(cost(128) for _ in range(3))
    assert large / small < 10  # quadratic would be 16


# --- a minimal redline ---------------------------------------------------------------------------


def _changed_words(result: Comparison) -> tuple[int, int]:
    """Words the redline deletes, inserts or replaces; and words difflib's word opcodes
    change, on the same tokens (the comparison's own, compounds joined)."""
    ltokens, rtokens = clause_tokens(result.left), clause_tokens(result.right)
    lvocab = {t.key for t in ltokens if t.word}
    rvocab = {t.key for t in rtokens if t.word}
    ltokens, rtokens = join_compounds(ltokens, rvocab), join_compounds(rtokens, lvocab)
    ours = 0
    for op in result.redline:
        if op.op in (Op.EQUAL, Op.MOVE):
            continue
        for span, tokens in ((op.left, ltokens), (op.right, rtokens)):
            if span is not None:
                ours += sum(1 for t in tokens if t.word and span.start <= t.start < span.end)
    lkeys = [t.key for t in ltokens if t.word]
    rkeys = [t.key for t in rtokens if t.word]
    matcher = difflib.SequenceMatcher(None, lkeys, rkeys, autojunk=False)
    theirs = sum(
        (i2 - i1) + (j2 - j1) for tag, i1, i2, j1, j2 in matcher.get_opcodes() if tag != "equal"
    )
    return ours, theirs


_SMALL_VOCABULARY = "the parties shall attack armed of and other assistance military means".split()
sentences = st.lists(st.sampled_from(_SMALL_VOCABULARY), max_size=40).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(left=sentences, right=sentences)
def test_redline_changes_no_more_words_than_difflib(left: str, right: str) -> None:
    """On random clauses of a small, repetitive vocabulary (the hard case), the redline
    changes no more words than difflib's word opcodes on the same tokens."""
    result = compare_clauses(Clause("a", None, None, left), Clause("b", None, None, right))
    ours, theirs = _changed_words(result)
    assert ours <= theirs


def test_a_kept_word_is_never_deleted_and_inserted_again() -> None:
    """TASS's rendering against 1961: "immediately" and "shall" are kept, not struck."""
    result = compare_clauses(_clause("russia-dprk-2024.tass", "4"), _clause("ussr-dprk-1961", "1"))
    kept = " ".join(_kept(result))
    assert "immediately" in kept
    for op in result.redline:
        if op.op in (Op.DELETE, Op.REPLACE) and op.left is not None:
            assert "immediately" not in result.left.quote(op.left)


def test_shared_words_are_never_struck_in_the_html() -> None:
    """In the HTML, no highlighted (shared) text sits inside a <del> or <ins>."""
    import re

    from clausediff.report import render

    result = compare_clauses(_clause("russia-dprk-2024", "4"), _clause("ussr-dprk-1961", "1"))
    html = render(result, "html")
    changed = re.findall(r"<(del|ins)>(.*?)</\1>", html, re.DOTALL)
    assert changed
    assert not [body for _, body in changed if "<mark>" in body]


# --- splits and formula articles -----------------------------------------------------------------


def test_nato_article_5_carried_into_two_articles_is_a_split() -> None:
    """NATO 5's first sentence in one article and the rest in another: split_into names both."""
    nato = load_document("nato-1949")
    article = nato.article("5")
    body = nato.text[article.text_span.start + len(article.label) : article.text_span.end]
    cut = body.index("Any such armed attack")
    other = parse_document(
        f"Article 1\n\n{body[:cut].strip()}\n\nArticle 2\n\n{body[cut:].strip()}\n", id="other"
    )
    pair = next(p for p in align_documents(nato, other).pairs if p.left == "5")
    assert pair.split_into == ("1", "2")


def test_formula_articles_pair_with_their_twins() -> None:
    """[Deleted] articles in a treaty aligned with itself are identical pairs, not removed and
    added."""
    text = (
        "Article 1\n\nThe Parties agree to consult.\n\nArticle 2\n\n[Deleted]\n\n"
        "Article 3\n\n[Deleted]\n\nArticle 4\n\nThis Treaty shall be ratified.\n"
    )
    document = parse_document(text, id="t")
    statuses = [(p.left, p.right, p.status) for p in align_documents(document, document).pairs]
    assert statuses == [(n, n, "identical") for n in ("1", "2", "3", "4")]
