"""British and American spelling, made one for matching: ``recognises`` = ``recognizes``,
``defence`` = ``defense``, ``labour`` = ``labor``, ``centre`` = ``center``.

Keys are lower-case letters and digits (see ``clausediff.match.normalization``). Every British
form is mapped to its American form, so that a text in either spelling (or in both, as treaty
prints often are) gives the same keys. The mapping is data: ``STEMS`` are word parts replaced
wherever they stand in a key (``selfdefence``, ``labourers``), ``WORDS`` whole keys, and
``-ise``/``-yse`` endings follow a rule with its exceptions (``advise``, ``exercise``,
``otherwise`` keep their ``s``).

The result is idempotent: an American form is never rewritten.
"""

from __future__ import annotations

import bisect
import re
from itertools import accumulate

__all__ = ["STEMS", "WORDS", "american", "american_all"]

#: British word parts and their American forms, replaced wherever they occur in a key.
STEMS: dict[str, str] = {
    # -our / -or
    **{
        f"{stem}our": f"{stem}or"
        for stem in (
            "ard arm behavi cand clam col demean endeav fav ferv flav harb hon hum lab "
            "neighb od parl rig rum sav savi splend succ tum val vap vig"
        ).split()
    },
    # -re / -er
    "centred": "centered",
    "centre": "center",
    "metre": "meter",
    "litre": "liter",
    "theatre": "theater",
    "fibre": "fiber",
    "calibre": "caliber",
    "sabre": "saber",
    "sombre": "somber",
    "spectre": "specter",
    "lustre": "luster",
    "meagre": "meager",
    "manoeuvred": "maneuvered",
    "manoeuvring": "maneuvering",
    "manoeuvre": "maneuver",
    # -ce / -se
    "defence": "defense",
    "offence": "offense",
    "pretence": "pretense",
    # doubled l before a suffix
    "travell": "travel",
    "cancell": "cancel",
    "labell": "label",
    "modell": "model",
    "counsell": "counsel",
    "levell": "level",
    "signall": "signal",
    "fuelling": "fueling",
    "totalling": "totaling",
    "channell": "channel",
    # -ae- / -oe- / other
    "paediatr": "pediatr",
    "anaesth": "anesth",
    "oesophag": "esophag",
    "encyclopaed": "encycloped",
    "haemo": "hemo",
    "haema": "hema",
    "leukaem": "leukem",
    "diarrhoea": "diarrhea",
    "oestrogen": "estrogen",
    "programme": "program",
    "catalogue": "catalog",
    "judgement": "judgment",
    "acknowledgement": "acknowledgment",
    "ageing": "aging",
    "aeroplane": "airplane",
    "aluminium": "aluminum",
    "storey": "story",
    "sceptic": "skeptic",
    "mould": "mold",
    "plough": "plow",
    "draught": "draft",
    "gaol": "jail",
    "kerb": "curb",
    "tyre": "tire",
    "grey": "gray",
}

#: Whole British keys and their American forms (forms too short or too common to be stems).
WORDS: dict[str, str] = {
    "fulfil": "fulfill",
    "fulfils": "fulfills",
    "fulfilment": "fulfillment",
    "enrol": "enroll",
    "enrols": "enrolls",
    "enrolment": "enrollment",
    "instalment": "installment",
    "instalments": "installments",
    "skilful": "skillful",
    "wilful": "willful",
    "wilfully": "willfully",
    "licence": "license",
    "licences": "licenses",
    "practise": "practice",
    "practised": "practiced",
    "practising": "practicing",
}

# Keys ending in -ise (and its inflections) that are not the British form of an -ize verb.
_ISE_KEEP = frozenset(
    (
        "advertis advis apprais aris bruis chastis chemis circumcis clockwis compris "
        "compromis concis cruis demis despis devis disenfranchis disguis enfranchis "
        "enterpris excis exercis expertis franchis improvis incis likewis merchandis mortis "
        "otherwis paradis prais precis premis promis repris revis supervis surmis surpris "
        "televis treatis"
    ).split()
)
_ENDINGS = "e|es|ed|ing|er|ers|ation|ations|able"  # of -ise verbs: recognis-ed, organis-ation
_ISE = re.compile(rf"^(?P<stem>[a-z]{{2,}}?)(?P<s>[iy])s(?P<end>{_ENDINGS})$")


def _ize(key: str) -> str:
    m = _ISE.match(key)
    if m is None:
        return key
    stem, vowel, end = m.group("stem", "s", "end")
    base = stem + vowel
    if len(base) < 4 or base + "s" in _ISE_KEEP:
        return key  # rise, wise, noise: too short to be an -ize verb; advise, exercise
    return f"{base}z{end}"


_STEM_PATTERN = re.compile("|".join(sorted(map(re.escape, STEMS), key=len, reverse=True)))


def american(key: str) -> str:
    """The American spelling of a lower-case key (the key itself when it has none)."""
    if not key.isascii():
        return key
    word = WORDS.get(key)
    if word is not None:
        return word
    if _STEM_PATTERN.search(key):
        key = _STEM_PATTERN.sub(lambda m: STEMS[m.group()], key)
    if "s" in key:
        key = _ize(key)
    return key


_ISE_ENDING = re.compile(rf"[iy]s(?:{_ENDINGS})$", re.M)


def american_all(keys: list[str]) -> list[str]:
    """``american`` of every key, the same as one at a time. For a treaty's vocabulary, a
    search of all the keys at once for each British word part (``str.find``, in C) and one
    pass for -ise endings find the few keys that may need a change."""
    joined = "\n".join(keys)
    if joined.count("\n") != len(keys) - 1:  # a key holds a newline: one at a time
        return list(map(american, keys))
    found = [m.start() for m in _ISE_ENDING.finditer(joined)]
    for part in (*STEMS, *WORDS):
        at = joined.find(part)
        while at >= 0:
            found.append(at)
            at = joined.find(part, at + 1)
    out = list(keys)
    if found:
        starts = list(accumulate((len(k) + 1 for k in keys), initial=0))
        for k in {bisect.bisect_right(starts, at) - 1 for at in found}:
            out[k] = american(keys[k])
    return out
