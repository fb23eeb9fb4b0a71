"""Diplomatic signals: the protest ladder, set phrases, veiled references,
non-answers, self and other, and people.

Readers of Chinese diplomacy read formulas: the Ministry escalates along a ladder
(关切 → 严重关切 → 不满 → 强烈不满 → 坚决反对 → 严正交涉 → 强烈谴责 → 必将采取必要措施),
marks doctrine with fixed phrases (提法), aims at a party without naming it
(个别国家, 一些政客), declines to answer in set ways (请向主管部门询问), and speaks of
itself (中方, 我们) against the other (美方). Each matcher is a dictionary in
``data/signals/`` (data, with a note on every row and a README giving sources), read
by :func:`read_lexicon`:

| matcher | file | entry |
|---|---|---|
| ``protest`` | ``protest_ladder.csv`` | a ladder step (``level`` 1-8) |
| ``phrase`` | ``set_phrases.csv`` | a set phrase, by ``category`` (vision, sovereignty, criticism, reassurance) |
| ``veiled`` | ``veiled_references.csv`` | an unnamed party (countries, politicians, people, forces, media) |
| ``nonanswer`` | ``non_answers.csv`` | a non-answer formula (refer elsewhere, not aware, already answered ...) |
| ``self_other`` | ``self_other.csv`` | the speaker's side (中方, 我们) or another side (美方) |
| ``person`` | ``people.csv`` | a person (leaders, ministers, officials; dated roles) |

Each row has a Chinese and an English regular expression (``zh``, ``en``), so
a document is matched in its own language. Matching is **token-aware** in Chinese,
as the country rules are: a hit of two or three characters must begin and end on a
boundary of the document's tokens (jieba's words), so that 内政 inside 内政部 (a
ministry of the interior, one token) or 国内政局 is no hit; a longer hit, a person's
name or a side form needs one of its ends on a boundary (jieba joins the next
character to a name, 普京总/统, and cuts 中/方向), which still keeps 韩正 out of
美韩正在 (美韩/正在). In English a hit is a run of whole
words (case as each row says: the patterns are case-insensitive unless the row is
``self_other``'s, where ``US`` is not ``us``). Only speech is read: statements,
questions and answers; headlines and narration are the editor's.

Two rules read more than the phrase:

- a veiled reference right after a named party (美国一些政客, 美方个别人, 英国等个别国家:
  the name, then at most 等, 的, 国内, 内, 方面 or 、), or with the name inside it (some US
  politicians), names its party and is no veiled reference; the hit table keeps it with
  ``named`` set to the country;
- a veiled reference in an answer gets an **attributed target**: the countries the
  question of the same Q&A named (China aside). It is an inference, marked as such
  (``target_inferred``), never a finding about the text.

The tables (:func:`turn_table`, :func:`protest_turn_table`, :func:`nonanswer_table`,
:func:`self_other_table`, :func:`person_table` ...) take the hit table and the
segments; corpus tables over periods are at the end (:func:`protest_trend_table`,
:func:`phrase_trend_table`, :func:`nonanswer_trend_table`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from .config import DATA_DIR

SIGNALS_DIR = DATA_DIR / "signals"
LEXICONS = {
    "protest": "protest_ladder.csv",
    "phrase": "set_phrases.csv",
    "veiled": "veiled_references.csv",
    "nonanswer": "non_answers.csv",
    "self_other": "self_other.csv",
}
PEOPLE_CSV = SIGNALS_DIR / "people.csv"
MATCHERS = ("protest", "phrase", "veiled", "nonanswer", "self_other", "person")
SPEECH = ("statement", "question", "answer")
#: the spokesperson's own words: what the ladder, self/other and non-answers read
SPOKEN_BY_PRINCIPAL = ("statement", "answer")
LEVELS = tuple(range(1, 9))
#: hits this long (characters) need only begin or end on a token boundary ...
LONG_HIT = 4
#: ... as do the hits of these matchers (names and side forms, from curated lists)
LENIENT = ("person", "self_other")
HIT_COLUMNS = ["doc_id", "para_no", "kind", "qa_no", "start", "end", "surface", "matcher", "entry", "category",
               "level", "country", "named"]
# what may stand between a named party and a veiled phrase that then names it
_NAMED_GAP = re.compile(r"(?:等|的|国内|内部|内|境内|方面|国|政府|国会|会|议会|当局|政界|官方|、|\s)*")
_NAMED_REACH = 8  # characters
# ... and what may stand between a veiled phrase and a party named right after it
# (域外国家、比如美国; certain people in the US Congress)
_NAMED_AFTER = re.compile(r"(?:、|，|,)?\s*(?:比如|例如|如|包括|特别是|尤其是|\(|（)|\s+(?:in|of|from)\s+(?:the\s+)?")
#: words that name a party without being a country name: 岛内 (on the island) is Taiwan
_NAMING_WORDS = {"岛内": "TW"}


class LexiconError(ValueError):
    """A dictionary file that cannot be used; the message names the file, row and problem."""


@dataclass(frozen=True)
class Entry:
    matcher: str
    entry: str
    category: str
    level: int | None
    country: str
    zh: str
    en: str
    flags_en: int


def _check_pattern(path: Path, row: int, column: str, pattern: str, flags: int = 0) -> None:
    try:
        compiled = re.compile(pattern, flags)
    except re.error as exc:
        raise LexiconError(f"{path}: row {row}, column {column}: not a regular expression ({exc})") from None
    if compiled.groups:
        raise LexiconError(f"{path}: row {row}, column {column}: use (?:...) groups only, not capturing ones")
    if compiled.match(""):
        raise LexiconError(f"{path}: row {row}, column {column}: the pattern matches empty text")


def _read_csv(path: Path, required: list[str]) -> pd.DataFrame:
    if not path.is_file():
        raise LexiconError(f"{path}: no such dictionary file")
    try:
        table = pd.read_csv(path, dtype=str, keep_default_na=False)
    except (pd.errors.ParserError, UnicodeDecodeError) as exc:
        raise LexiconError(f"{path}: not a readable CSV file ({exc})") from None
    missing = [c for c in required if c not in table.columns]
    if missing:
        raise LexiconError(f"{path}: missing column(s) {', '.join(missing)}")
    return table


def _other_sides() -> str:
    """Every 方 side form of the gazetteer but China's (as the country rules read them),
    as one alternation."""
    from .countries import _index

    sides = [s for s, code in _index()[2].items() if code != "CN"]
    return "|".join(sorted(sides, key=lambda s: (-len(s), s)))


@lru_cache(maxsize=None)
def read_lexicon(matcher: str) -> tuple[Entry, ...]:
    """The entries of one matcher's dictionary, checked: every pattern compiles, has
    no capturing group and matches no empty text; ids are unique."""
    if matcher == "person":
        return _read_people()
    if matcher not in LEXICONS:
        raise ValueError(f"matcher must be one of {', '.join(MATCHERS)}, not {matcher!r}")
    path = SIGNALS_DIR / LEXICONS[matcher]
    required = ["id", "zh", "en"] + (["level"] if matcher == "protest" else ["category"])
    table = _read_csv(path, required)
    dupes = table["id"][table["id"].duplicated()]
    if len(dupes):
        raise LexiconError(f"{path}: id listed twice: {', '.join(dupes)}")
    entries = []
    for i, r in enumerate(table.to_dict("records"), start=2):
        zh = r["zh"].replace("{sides}", _other_sides()) if "{sides}" in r["zh"] else r["zh"]
        flags = 0 if matcher == "self_other" else re.IGNORECASE
        _check_pattern(path, i, "zh", zh)
        if r["en"]:
            _check_pattern(path, i, "en", r["en"], flags)
        level = None
        if matcher == "protest":
            if not r["level"].isdigit() or int(r["level"]) not in LEVELS:
                raise LexiconError(f"{path}: row {i}: level must be a whole number from 1 to 8, not {r['level']!r}")
            level = int(r["level"])
        entries.append(Entry(matcher, r["id"], r.get("category", "") or f"level_{level}", level, "", zh, r["en"],
                             flags))
    return tuple(entries)


def _read_people() -> tuple[Entry, ...]:
    table = _read_csv(PEOPLE_CSV, ["person_id", "name_zh", "aliases_zh", "name_en", "aliases_en", "country", "side"])
    entries = []
    for person_id, rows in table.groupby("person_id", sort=False):
        names_zh = {n for r in rows.itertuples() for n in [r.name_zh, *r.aliases_zh.split("|")] if n}
        names_en = {n for r in rows.itertuples() for n in [r.name_en, *r.aliases_en.split("|")] if n}
        zh = "|".join(re.escape(n) for n in sorted(names_zh, key=lambda s: (-len(s), s)))
        en = "|".join(re.escape(n) for n in sorted(names_en, key=lambda s: (-len(s), s)))
        # whole words: "Premier Li" is no part of "Vice Premier Liu He"
        en = f"(?<![A-Za-z])(?:{en})(?![A-Za-z])" if en else ""
        if not zh:
            raise LexiconError(f"{PEOPLE_CSV}: {person_id} has no Chinese name")
        entries.append(Entry("person", str(person_id), rows["side"].iloc[0], None, rows["country"].iloc[0], zh, en, 0))
    return tuple(entries)


@lru_cache(maxsize=1)
def read_people() -> pd.DataFrame:
    """The people gazetteer (``data/signals/people.csv``): a row per person and role,
    with ``from`` and ``to`` dates."""
    return _read_csv(PEOPLE_CSV, ["person_id", "name_zh", "name_en", "country", "side", "role_zh", "role_en",
                                  "from", "to"])


@lru_cache(maxsize=None)
def _compiled(matchers: tuple[str, ...], lang: str) -> list[tuple[re.Pattern, Entry]]:
    """Each entry of ``matchers`` with a pattern in ``lang``, compiled on its own (a
    pattern with a literal start is searched far faster alone than in one alternation)."""
    out = []
    for m in matchers:
        for e in read_lexicon(m):
            if lang == "zh":
                out.append((re.compile(e.zh), e))
            elif e.en:
                out.append((re.compile(e.en, e.flags_en), e))
    return out


def _leftmost_longest(a: np.ndarray, b: np.ndarray, group: np.ndarray) -> np.ndarray:
    """Which hits to keep where hits of one matcher overlap: the one that begins first,
    and of those the longest (then the earlier entry); the others are dropped."""
    order = np.lexsort((np.arange(len(a)), -(b - a), a, group))
    keep = np.zeros(len(a), bool)
    last_group, last_end = None, -1
    for k in order:
        if group[k] != last_group:
            last_group, last_end = group[k], -1
        if a[k] >= last_end:
            keep[k] = True
            last_end = b[k]
    return keep


def _boundaries(tokens: pd.DataFrame, segments: pd.DataFrame, par_off: np.ndarray) -> np.ndarray:
    """Every token start and end, as offsets in the paragraphs joined end to end."""
    from .tokens import paragraph_rows

    rows = paragraph_rows(tokens, segments)
    keep = rows >= 0
    off = par_off[rows[keep]]
    starts = off + tokens["start"].to_numpy(np.int64)[keep]
    ends = off + tokens["end"].to_numpy(np.int64)[keep]
    return np.unique(np.concatenate([starts, ends, par_off]))


def _documents(segments: pd.DataFrame) -> pd.DataFrame:
    """The document variables of ``segments`` (language, date ...), indexed by doc_id."""
    from .documents import document_variables

    docs = document_variables(segments)
    return docs.set_index(docs["doc_id"].astype(str))


def find_signals(
    segments: pd.DataFrame,
    tokens: pd.DataFrame,
    mentions: pd.DataFrame | None = None,
    *,
    matchers: tuple[str, ...] | list[str] = MATCHERS,
) -> pd.DataFrame:
    """Every hit of the dictionaries in what was said (statements, questions, answers).

    ``tokens`` is the token table of ``segments`` (:func:`analysis.tokens.tokenize`);
    ``mentions`` (:func:`analysis.countries.find_mentions`), when given, marks the
    veiled references that follow a named party (``named``). A document is matched
    with the patterns of its language (``lang`` of its document variables).

    Columns: doc_id, para_no, kind (of the paragraph), qa_no, start, end (character
    offsets in ``text``), surface, matcher, entry (the row's id), category, level
    (the protest ladder's step, else null), country (a person's), named (a veiled
    reference's named party, or empty). Sorted by document order, paragraph, offset.
    """
    matchers = tuple(matchers)
    unknown = [m for m in matchers if m not in MATCHERS]
    if unknown:
        raise ValueError(f"matchers must be among {', '.join(MATCHERS)}, not {', '.join(unknown)}")
    said = segments[segments["kind"].isin(SPEECH)]
    docs = _documents(segments)
    langs = docs["lang"].astype(str)
    frames = []
    for lang in ("zh", "en"):
        part = said[said["doc_id"].astype(str).map(langs).fillna("zh").eq(lang)]
        if part.empty:
            continue
        frames.append(_find(part, tokens, matchers, lang))
    hits = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=HIT_COLUMNS)
    hits = hits.reindex(columns=HIT_COLUMNS)
    hits["named"] = ""
    people = hits["matcher"] == "person"
    if people.any():  # a person's country as of the document's date (Tedros: ET, then ORG:WHO)
        rows = _role_rows(hits.loc[people, "entry"], hits.loc[people, "doc_id"].map(docs["date"]))
        hits.loc[people, "country"] = [r.get("country", "") for r in rows]
    if mentions is not None and len(hits) and len(mentions):
        hits["named"] = _named_party(hits, segments, mentions)
    order = {d: i for i, d in enumerate(pd.unique(segments["doc_id"]))}
    hits = hits.assign(_o=hits["doc_id"].map(order)).sort_values(["_o", "para_no", "start", "matcher"], kind="stable")
    return hits.drop(columns="_o").astype({"level": "Int64", "qa_no": "Int64"}).reset_index(drop=True)


def _find(said: pd.DataFrame, tokens: pd.DataFrame, matchers: tuple[str, ...], lang: str) -> pd.DataFrame:
    compiled = _compiled(matchers, lang)
    entries = [e for _, e in compiled]
    texts = said["text"].tolist()
    lengths = np.fromiter(map(len, texts), np.int64, len(texts))
    par_off = np.concatenate([[0], np.cumsum(lengths + 1)])[:-1]
    joined = "\n".join(texts)
    bounds = _boundaries(tokens, said.reset_index(drop=True), par_off) if lang == "zh" else None
    rows = [(m.start(), m.end(), m.group(), k) for k, (pattern, _) in enumerate(compiled)
            for m in pattern.finditer(joined)]
    if bounds is not None and rows:
        starts = np.fromiter((r[0] for r in rows), np.int64, len(rows))
        ends = np.fromiter((r[1] for r in rows), np.int64, len(rows))
        i = np.minimum(np.searchsorted(bounds, starts), len(bounds) - 1)
        j = np.minimum(np.searchsorted(bounds, ends), len(bounds) - 1)
        begins, stops = bounds[i] == starts, bounds[j] == ends
        # a short hit that begins or ends inside a token is part of another word (内政 in
        # 国内政局); a long one, a name or a side form need one end on a boundary, since
        # jieba joins the next character to them (普京总/统, 中/方向) but seldom hides them
        # inside other words whole (韩正 in 美韩/正在 begins and ends inside tokens)
        lenient = (ends - starts >= LONG_HIT) | np.array(
            [entries[r[3]].matcher in LENIENT for r in rows], bool)
        aligned = (begins & stops) | (lenient & (begins | stops))
        rows = [r for r, ok in zip(rows, aligned) if ok]
    if not rows:
        return pd.DataFrame(columns=HIT_COLUMNS)
    a, b, surface, which = map(np.asarray, zip(*rows))
    which = which.astype(int)
    keep = _leftmost_longest(a.astype(np.int64), b.astype(np.int64),
                             np.array([MATCHERS.index(entries[k].matcher) for k in which]))
    a, b, surface, which = a[keep], b[keep], surface[keep], which[keep]
    par = np.searchsorted(par_off, a, "right") - 1
    ent = [entries[k] for k in which]
    return pd.DataFrame({
        "doc_id": said["doc_id"].to_numpy()[par],
        "para_no": said["para_no"].to_numpy()[par],
        "kind": said["kind"].to_numpy()[par],
        "qa_no": said["qa_no"].to_numpy()[par],
        "start": a - par_off[par],
        "end": b - par_off[par],
        "surface": surface,
        "matcher": [e.matcher for e in ent],
        "entry": [e.entry for e in ent],
        "category": [e.category for e in ent],
        "level": pd.array([e.level for e in ent], dtype="Int64"),
        "country": [e.country for e in ent],
    })


def _named_party(hits: pd.DataFrame, segments: pd.DataFrame, mentions: pd.DataFrame) -> list[str]:
    """For each veiled hit, the party it names after all, else '': a country named
    inside the phrase (some US politicians), right before it (美国一些政客, 美国政府某些人,
    英国等个别国家; 岛内一些人 is Taiwan), or right after it as an example (域外国家、比如美国;
    certain people in the US Congress)."""
    text = segments.set_index(["doc_id", "para_no"])["text"]
    veiled = hits.loc[hits["matcher"] == "veiled", ["doc_id", "para_no"]].drop_duplicates()
    near_veiled = mentions.merge(veiled, on=["doc_id", "para_no"])
    by_para = {key: part for key, part in near_veiled.groupby(["doc_id", "para_no"], sort=False)}
    empty = mentions.iloc[:0]
    out = []
    for r in hits.itertuples():
        if r.matcher != "veiled":
            out.append("")
            continue
        para = text[(r.doc_id, r.para_no)]
        named = by_para.get((r.doc_id, r.para_no), empty)
        out.append(_named_in(para, r.start, r.end, named))
    return out


def _named_in(para: str, start: int, end: int, named: pd.DataFrame) -> str:
    inside = named[(named["start"] >= start) & (named["end"] <= end)]
    if len(inside):
        return str(inside["country"].iloc[0])
    near = named[(named["end"] <= start) & (named["end"] >= start - _NAMED_REACH)]
    for m in near.sort_values("end", ascending=False).itertuples():
        if _NAMED_GAP.fullmatch(para[m.end:start]):
            return str(m.country)
    for word, code in _NAMING_WORDS.items():
        before = para[max(0, start - _NAMED_REACH):start]
        i = before.rfind(word)
        if i >= 0 and _NAMED_GAP.fullmatch(before[i + len(word):]):
            return code
    after = _NAMED_AFTER.match(para, end)
    if after:
        follows = named[named["start"] == after.end()]
        if len(follows):
            return str(follows["country"].iloc[0])
    return ""


# ---------------------------------------------------------------------------
# Per turn: the answer to each Q&A, and a document's statements


def answer_turns(segments: pd.DataFrame) -> pd.DataFrame:
    """One row per answer (all answer paragraphs of a Q&A, follow-ups included) and one
    per document's statements: doc_id, qa_no (null for statements), kind, paragraphs,
    chars, outlet (who asked, :func:`analysis.outlets.add_outlet_info`), origin."""
    seg = _turn_key(segments[segments["kind"].isin(SPOKEN_BY_PRINCIPAL)])
    outlet = seg["qa_outlet"] if "qa_outlet" in seg.columns else seg.get("outlet", pd.Series("", index=seg.index))
    origin = seg["qa_origin"] if "qa_origin" in seg.columns else pd.Series("", index=seg.index)
    seg = seg.assign(outlet_=outlet.fillna("").astype(str), origin_=origin.fillna("").astype(str),
                     n=seg["text"].str.len())
    keys = ["doc_id", "qa_no", "kind"]
    out = (seg.groupby(keys, sort=False, dropna=False)
           .agg(paragraphs=("para_no", "size"), chars=("n", "sum"), outlet=("outlet_", "first"),
                origin=("origin_", "first"))
           .reset_index())
    return out.astype({"qa_no": "Int64"})


def question_targets(segments: pd.DataFrame, mentions: pd.DataFrame | None) -> pd.DataFrame:
    """The countries each Q&A's question named, China aside (in order of first mention):
    doc_id, qa_no, targets ('|'-joined codes, empty where none)."""
    if mentions is None or mentions.empty:
        return pd.DataFrame({"doc_id": pd.Series(dtype=str), "qa_no": pd.Series(dtype="Int64"),
                             "targets": pd.Series(dtype=str)})
    q = segments.loc[segments["kind"] == "question", ["doc_id", "para_no", "qa_no"]]
    asked = mentions.merge(q, on=["doc_id", "para_no"]).sort_values(["doc_id", "qa_no", "para_no", "start"])
    asked = asked[asked["country"] != "CN"]
    targets = asked.groupby(["doc_id", "qa_no"], sort=False)["country"].agg(lambda c: "|".join(dict.fromkeys(c)))
    return targets.rename("targets").reset_index().astype({"qa_no": "Int64"})


def _turn_key(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` (paragraphs or hits) keyed by answer turn: ``qa_no`` kept for answers and
    null for statements, so that a document's statements group as one turn."""
    out = frame.copy()
    out["qa_no"] = out["qa_no"].where(out["kind"] == "answer").astype("Int64")
    return out


def protest_turn_table(hits: pd.DataFrame, segments: pd.DataFrame, mentions: pd.DataFrame | None = None) -> pd.DataFrame:
    """Per answer (and per document's statements): the highest step of the protest
    ladder reached (``level``, 0 for none) and every step's hits (``L1`` … ``L8``),
    with who asked and the countries the question named (``targets``).

    Only the principal's words count (answers, statements): a journalist who asks
    whether China will take countermeasures climbs no ladder."""
    turns = answer_turns(segments)
    ladder = _turn_key(hits[(hits["matcher"] == "protest") & hits["kind"].isin(SPOKEN_BY_PRINCIPAL)])
    counts = (ladder.groupby(["doc_id", "qa_no", "kind", "level"], dropna=False).size()
              .unstack("level", fill_value=0).reindex(columns=list(LEVELS), fill_value=0))
    counts.columns = [f"L{c}" for c in counts.columns]
    out = turns.merge(counts.reset_index(), on=["doc_id", "qa_no", "kind"], how="left")
    steps = [f"L{c}" for c in LEVELS]
    out[steps] = out[steps].fillna(0).astype("int64")
    reached = out[steps].to_numpy() > 0
    out["level"] = np.where(reached.any(axis=1), reached.shape[1] - np.argmax(reached[:, ::-1], axis=1), 0)
    out = out.merge(question_targets(segments, mentions), on=["doc_id", "qa_no"], how="left")
    out["targets"] = out["targets"].fillna("")
    return out[["doc_id", "qa_no", "kind", "outlet", "origin", "targets", "chars", "level", *steps]]


def ladder_table(lang: str = "zh") -> pd.DataFrame:
    """The ladder's steps: level, level_zh, level_en (for axes and legends)."""
    path = SIGNALS_DIR / LEXICONS["protest"]
    table = _read_csv(path, ["level", "level_zh", "level_en"])
    return (table[["level", "level_zh", "level_en"]].astype({"level": int}).drop_duplicates("level")
            .sort_values("level").reset_index(drop=True))


def phrase_table(hits: pd.DataFrame, *, kinds: tuple[str, ...] = SPOKEN_BY_PRINCIPAL, by_doc: bool = False) -> pd.DataFrame:
    """Set-phrase hits per phrase (per document with ``by_doc``): entry, category,
    hits, paragraphs, in the principal's words by default; most used first."""
    ph = hits[(hits["matcher"] == "phrase") & hits["kind"].isin(kinds)]
    keys = (["doc_id"] if by_doc else []) + ["entry", "category"]
    out = (ph.groupby(keys, sort=False).agg(hits=("start", "size"), paragraphs=("para_no", "nunique"))
           .reset_index())
    return out.sort_values(keys[:-2] + ["hits", "entry"], ascending=[True] * (len(keys) - 2) + [False, True],
                           kind="stable").reset_index(drop=True)


def veiled_table(hits: pd.DataFrame, segments: pd.DataFrame, mentions: pd.DataFrame | None = None) -> pd.DataFrame:
    """The veiled references in the principal's words (those that follow a named party
    are left out: 美国一些政客 names its party), each with the ``attributed_target``: the
    countries the question of the same Q&A named, China aside. ``target_inferred`` is
    true wherever a target is given: it is read from the question, not from the
    sentence, and is a lead to check, not a finding."""
    v = hits[(hits["matcher"] == "veiled") & hits["kind"].isin(SPOKEN_BY_PRINCIPAL) & (hits["named"] == "")]
    out = _turn_key(v).merge(question_targets(segments, mentions), on=["doc_id", "qa_no"], how="left")
    out["attributed_target"] = out["targets"].fillna("")
    out["target_inferred"] = out["attributed_target"] != ""
    return out[["doc_id", "para_no", "kind", "qa_no", "start", "end", "surface", "entry", "category",
                "attributed_target", "target_inferred"]].reset_index(drop=True)


#: what an answer may say besides its non-answer formulas and still be a full
#: non-answer (a courtesy, 关于你的问题): characters in Chinese, in English
FULL_REST = {"zh": 20, "en": 60}
# a sentence: up to a Chinese end mark, ! ? ; or a full stop before a space or the end
# (U.S. and 2.5 stay whole); without the full stop an English answer was one sentence,
# and every answer with a formula was read as declining in full
_SENTENCE = re.compile(r"(?:[^。！？!?；;.]|\.(?!\s|$))*(?:[。！？!?；;]+|\.(?=\s|$)|$)")


def nonanswer_table(hits: pd.DataFrame, segments: pd.DataFrame) -> pd.DataFrame:
    """Per Q&A: did the answer decline? ``nonanswer`` is ``full`` (every sentence of
    the answer carries a non-answer formula, but for courtesies: at most
    :data:`FULL_REST` characters without one), ``partial`` (a formula, and an answer
    beside it) or ``none``; ``formulas`` lists the formulas' categories. With who
    asked (outlet, origin) and the answer's length."""
    langs = _documents(segments)["lang"].astype(str)
    turns = answer_turns(segments)
    turns = turns[turns["kind"] == "answer"].reset_index(drop=True)
    na = hits[(hits["matcher"] == "nonanswer") & (hits["kind"] == "answer")]
    spans: dict[tuple, list[tuple[int, int]]] = {}
    for r in na.itertuples():
        spans.setdefault((r.doc_id, r.para_no), []).append((r.start, r.end))
    answers = segments[segments["kind"] == "answer"]
    rest = {}
    for r in answers.itertuples():
        marks = spans.get((r.doc_id, r.para_no), [])
        free = 0
        for m in _SENTENCE.finditer(r.text):
            if m.start() == m.end():
                continue
            if not any(a < m.end() and b > m.start() for a, b in marks):
                free += len(m.group().strip())
        key = (r.doc_id, r.qa_no)
        rest[key] = rest.get(key, 0) + free
    formulas = na.groupby(["doc_id", "qa_no"])["category"].agg(lambda c: "|".join(dict.fromkeys(c)))
    status = []
    for r in turns.itertuples():
        key = (r.doc_id, r.qa_no)
        if key not in formulas.index:
            status.append("none")
        else:
            limit = FULL_REST.get(langs.get(str(r.doc_id), "zh"), FULL_REST["zh"])
            status.append("full" if rest.get(key, 0) <= limit else "partial")
    out = turns.assign(nonanswer=status)
    out["formulas"] = [formulas.get((r.doc_id, r.qa_no), "") for r in out.itertuples()]
    return out[["doc_id", "qa_no", "outlet", "origin", "chars", "nonanswer", "formulas"]]


def self_other_table(hits: pd.DataFrame, segments: pd.DataFrame) -> pd.DataFrame:
    """Per answer (and per document's statements): how often the speaker names its own
    side (``self``: 中方, 我们, 我国 ...) and another's (``other``: 美方, 日方 ...), and
    both per thousand characters."""
    turns = answer_turns(segments)
    so = _turn_key(hits[(hits["matcher"] == "self_other") & hits["kind"].isin(SPOKEN_BY_PRINCIPAL)])
    counts = (so.groupby(["doc_id", "qa_no", "kind", "category"], dropna=False).size()
              .unstack("category", fill_value=0).reindex(columns=["self", "other"], fill_value=0).reset_index())
    out = turns.merge(counts, on=["doc_id", "qa_no", "kind"], how="left")
    out[["self", "other"]] = out[["self", "other"]].fillna(0).astype("int64")
    per = 1000 / out["chars"].clip(lower=1)
    out["self_per_1000"] = (out["self"] * per).round(2)
    out["other_per_1000"] = (out["other"] * per).round(2)
    return out[["doc_id", "qa_no", "kind", "outlet", "origin", "chars", "self", "other", "self_per_1000",
                "other_per_1000"]]


def _role_rows(person_ids, dates) -> list[dict]:
    """Each person's row of ``people.csv`` on each date: the first row (in file order)
    whose ``from``..``to`` holds the date, compared to the precision the row gives
    (2017, 2017-01, 2017-01-20); a person holding several offices at once (习近平:
    General Secretary, President, CMC Chairman) gets the first listed. The last row
    where no row holds the date, or where the date is unknown."""
    rows_by = {pid: rows.to_dict("records") for pid, rows in read_people().groupby("person_id", sort=False)}
    out = []
    for pid, date in zip(person_ids, dates):
        rows = rows_by.get(pid) or [{}]
        chosen = rows[-1]
        if pd.notna(date):
            day = pd.Timestamp(date).strftime("%Y-%m-%d")
            for r in rows:
                start, end = r.get("from") or "0000", r.get("to") or "9999"
                if start <= day[:len(start)] and day[:len(end)] <= end:
                    chosen = r
                    break
        out.append(chosen)
    return out


def person_table(hits: pd.DataFrame, segments: pd.DataFrame, *, lang: str = "zh") -> pd.DataFrame:
    """Mentions of people in what was said, one row per person: person_id, name (in
    ``lang``), country, side (self: PRC officials; other) and role, all as of the date of
    the last document that names the person (Tedros: Ethiopia's foreign minister, then
    the WHO's Director-General), mentions, in_questions, in_answers (answers and
    statements), documents; most named first."""
    p = hits[hits["matcher"] == "person"]
    if p.empty:
        return pd.DataFrame(columns=["person_id", "name", "country", "side", "role", "mentions", "in_questions",
                                     "in_answers", "documents"])
    p = p.assign(date=p["doc_id"].map(_documents(segments)["date"]), q=p["kind"].eq("question"),
                 a=p["kind"].isin(SPOKEN_BY_PRINCIPAL))
    out = (p.groupby("entry", sort=False)
           .agg(mentions=("start", "size"), in_questions=("q", "sum"), in_answers=("a", "sum"),
                documents=("doc_id", "nunique"), last=("date", "max"))
           .reset_index().rename(columns={"entry": "person_id"}))
    roles = _role_rows(out["person_id"], out["last"])
    out["name"] = [r.get("name_zh" if lang == "zh" else "name_en", "") for r in roles]
    out["country"] = [r.get("country", "") for r in roles]
    out["side"] = [r.get("side", "") for r in roles]
    out["role"] = [r.get("role_zh" if lang == "zh" else "role_en", "") for r in roles]
    out = out.sort_values(["mentions", "person_id"], ascending=[False, True], kind="stable").reset_index(drop=True)
    return out[["person_id", "name", "country", "side", "role", "mentions", "in_questions", "in_answers",
                "documents"]].astype({"in_questions": "int64", "in_answers": "int64"})


def person_country_table(hits: pd.DataFrame, mentions: pd.DataFrame, tokens: pd.DataFrame) -> pd.DataFrame:
    """People and countries named in the same sentence: person_id, country, sentences
    (how many sentences name both); a person's own country counts too (蓬佩奥 with the
    United States), China aside."""
    from .countries import add_sentences

    p = hits[hits["matcher"] == "person"][["doc_id", "para_no", "start", "entry"]]
    if p.empty or mentions.empty:
        return pd.DataFrame(columns=["person_id", "country", "sentences"])
    p = add_sentences(p.reset_index(drop=True), tokens)
    m = mentions if "sent_no" in mentions.columns else add_sentences(mentions, tokens)
    m = m[m["country"] != "CN"][["doc_id", "para_no", "sent_no", "country"]].drop_duplicates()
    pairs = p.merge(m, on=["doc_id", "para_no", "sent_no"]).drop_duplicates(
        ["doc_id", "para_no", "sent_no", "entry", "country"])
    out = (pairs.groupby(["entry", "country"]).size().rename("sentences").reset_index()
           .rename(columns={"entry": "person_id"}))
    return out.sort_values(["sentences", "person_id", "country"], ascending=[False, True, True],
                           kind="stable").reset_index(drop=True)


def turn_names(turns: pd.DataFrame, segments: pd.DataFrame, mentions: pd.DataFrame | None = None, *,
               lang: str = "zh") -> list[str]:
    """A readable name for each row of a per-answer table (:func:`answer_turns` and the
    tables built on it): the unit's name (:func:`analysis.labels.unit_names`: a section's
    headline, or who asked and the countries the question named) after the Q&A number;
    a document's statements are named as such."""
    from .labels import label, unit_names

    names = unit_names(segments, mentions, lang=lang).set_index(["doc_id", "unit_no"])["unit_name"]
    unit_of = (segments[segments["kind"] == "answer"].drop_duplicates(["doc_id", "qa_no"])
               .set_index(["doc_id", "qa_no"])["unit_no"])
    out = []
    for r in turns.itertuples():
        if r.kind != "answer" or pd.isna(r.qa_no):
            out.append(label("statement", lang))
            continue
        unit = unit_of.get((r.doc_id, r.qa_no))
        name = names.get((r.doc_id, unit), "") if unit is not None and not pd.isna(unit) else ""
        out.append(f"{int(r.qa_no)} {name}".strip())
    return out


def phrase_names(lang: str = "zh") -> dict[str, str]:
    """Each set phrase's display name in ``lang`` (``label_zh``, ``label_en``)."""
    table = _read_csv(SIGNALS_DIR / LEXICONS["phrase"], ["id", "label_zh", "label_en"])
    return dict(zip(table["id"], table["label_zh" if lang == "zh" else "label_en"]))


# ---------------------------------------------------------------------------
# A corpus over time


#: the ladder's thresholds the corpus figure follows: strong dissatisfaction or
#: more, representations or more, countermeasures
TREND_LEVELS = (4, 6, 8)
#: the ladder's steps in groups, for the chart of targets
LEVEL_GROUPS = ((1, 2), (3, 4), (5,), (6,), (7,), (8,))


def protest_trend_table(turns: pd.DataFrame, segments: pd.DataFrame, *, freq: str = "M",
                        levels: tuple[int, ...] = TREND_LEVELS) -> pd.DataFrame:
    """Per period and threshold: the share of answers whose highest protest step is at
    least ``threshold`` (``mean``, with a 95% interval from resampling briefings, and
    ``n`` answers). ``turns`` is :func:`protest_turn_table`; statements are left out."""
    from .trends import _mean_table, _periods, add_coverage, add_periods, period_table

    answers = add_periods(turns[turns["kind"] == "answer"], segments, freq=freq)
    values = pd.concat([answers.assign(threshold=t, value=(answers["level"] >= t).astype(float)) for t in levels],
                       ignore_index=True)[["period", "threshold", "doc_id", "value"]]
    periods = _periods(period_table(segments, freq=freq), freq)
    frame = pd.DataFrame([(p, t) for t in levels for p in periods], columns=["period", "threshold"])
    out = _mean_table(values.sort_values(["period", "threshold"], kind="stable"), ["period", "threshold"], frame)
    return add_coverage(out, segments, freq=freq)


def protest_country_table(turns: pd.DataFrame, *, top: int = 12, min_answers: int = 5,
                          countries: list[str] | tuple[str, ...] | None = None) -> pd.DataFrame:
    """Toward which countries: for each country the questions named (China aside), the
    answers to those questions by the highest protest step they reached, in the groups
    of :data:`LEVEL_GROUPS` (``g0`` none ... ``g6`` countermeasures), as counts and shares;
    the ``top`` countries with the most answers reaching any step, of those with at
    least ``min_answers`` answers, in the order of the share reaching any step; or the
    ``countries`` given (gazetteer codes), in their order. An answer to a question naming
    two countries counts for both: the target is inferred from the question, not read
    from the answer."""
    a = turns[(turns["kind"] == "answer") & (turns["targets"] != "")]
    a = a.assign(country=a["targets"].str.split("|")).explode("country")
    group = np.zeros(len(a), int)
    for g, steps in enumerate(LEVEL_GROUPS, start=1):
        group[a["level"].isin(steps).to_numpy()] = g
    a = a.assign(group=group)
    counts = a.groupby(["country", "group"]).size().unstack("group", fill_value=0)
    counts = counts.reindex(columns=range(len(LEVEL_GROUPS) + 1), fill_value=0)
    counts.columns = [f"g{c}" for c in counts.columns]
    counts["answers"] = counts.sum(axis=1)
    counts["protest"] = counts["answers"] - counts["g0"]
    if countries:
        counts = counts.reindex([c for c in countries if c in counts.index])
    else:
        counts = counts[counts["answers"] >= min_answers]
        counts = counts.sort_values(["protest", "answers"], ascending=False, kind="stable").head(top)
        # drawn as shares: in the order of the share reaching any step
        counts = counts.assign(_s=counts["protest"] / counts["answers"]).sort_values(
            ["_s", "answers"], ascending=False, kind="stable").drop(columns="_s")
    for c in [f"g{c}" for c in range(len(LEVEL_GROUPS) + 1)]:
        counts[f"share_{c}"] = (counts[c] / counts["answers"]).round(4)
    return counts.reset_index()


def phrase_trend_table(hits: pd.DataFrame, segments: pd.DataFrame, *, freq: str = "Q",
                       entries: list[str] | None = None) -> pd.DataFrame:
    """Per set phrase and period: hits in the principal's words, answers in the period,
    hits per 100 answers (``rate``), and the phrase's first use in the selection
    (``first_date``, ``first_doc``), with the period's coverage (``period_docs``,
    ``sparse``: :func:`analysis.trends.add_coverage`). ``entries`` defaults to every
    phrase used."""
    from .trends import _periods, add_coverage, add_periods, period_table

    ph = hits[(hits["matcher"] == "phrase") & hits["kind"].isin(SPOKEN_BY_PRINCIPAL)]
    ph = add_periods(ph, segments, freq=freq)
    entries = entries or list(ph["entry"].value_counts().index)
    ph = ph[ph["entry"].isin(entries)]
    turns = add_periods(answer_turns(segments).query("kind == 'answer'"), segments, freq=freq)
    per = turns.groupby("period").size()
    periods = _periods(period_table(segments, freq=freq), freq)
    counts = ph.groupby(["entry", "period"]).size()
    first = ph.sort_values(["date", "doc_id", "para_no"]).drop_duplicates("entry").set_index("entry")
    rows = []
    for e in entries:
        for p in periods:
            n = int(per.get(p, 0))
            k = int(counts.get((e, p), 0))
            rows.append((e, p, k, n, round(100 * k / n, 3) if n else np.nan))
    out = pd.DataFrame(rows, columns=["entry", "period", "hits", "answers", "rate"])
    out["first_date"] = out["entry"].map(first["date"])
    out["first_doc"] = out["entry"].map(first["doc_id"])
    categories = {e.entry: e.category for e in read_lexicon("phrase")}
    out.insert(1, "category", out["entry"].map(categories))
    return add_coverage(out, segments, freq=freq)


def _declined(table: pd.DataFrame, by: str) -> pd.DataFrame:
    """Per answer of ``table`` (:func:`nonanswer_table`, with a ``by`` column) and measure,
    whether it declines: ``any`` (in full or in part) and ``full``; the values
    :func:`analysis.trends._mean_table` averages, sorted by ``by`` and measure."""
    values = pd.concat([table.assign(measure="any", value=table["nonanswer"].ne("none").astype(float)),
                        table.assign(measure="full", value=table["nonanswer"].eq("full").astype(float))],
                       ignore_index=True)[[by, "measure", "doc_id", "value"]]
    return values.sort_values([by, "measure"], kind="stable")


def nonanswer_trend_table(table: pd.DataFrame, segments: pd.DataFrame, *, freq: str = "Q") -> pd.DataFrame:
    """Per period: the share of answers that decline in full (``full``) and in full or
    in part (``any``), with 95% intervals from resampling briefings. ``table`` is
    :func:`nonanswer_table`."""
    from .trends import _mean_table, _periods, add_coverage, add_periods, period_table

    values = _declined(add_periods(table, segments, freq=freq), "period")
    periods = _periods(period_table(segments, freq=freq), freq)
    frame = pd.DataFrame([(p, m) for m in ("any", "full") for p in periods], columns=["period", "measure"])
    out = _mean_table(values, ["period", "measure"], frame)
    return add_coverage(out, segments, freq=freq)


def nonanswer_origin_table(table: pd.DataFrame, *, by: str = "origin") -> pd.DataFrame:
    """The share of answers that decline (in full or in part, and in full) by who asked
    (``origin``: domestic, foreign, unnamed; or ``outlet``), with 95% intervals from
    resampling briefings."""
    from .trends import _mean_table

    values = _declined(table.assign(**{by: table[by].replace("", "unnamed")}), by)
    groups = sorted(values[by].unique())
    frame = pd.DataFrame([(g, m) for m in ("any", "full") for g in groups], columns=[by, "measure"])
    return _mean_table(values, [by, "measure"], frame)


QUALITY_CSV = DATA_DIR / "eval" / "signals_quality.csv"


def quality_table() -> pd.DataFrame:
    """What the hand checks measured (``make eval`` writes it: benchmarks/eval_signals.py):
    per matcher and language, the precision of a random sample of hits (both readers
    judged right) with its 95% interval and n, and recall on the fully read documents."""
    if not QUALITY_CSV.exists():
        return pd.DataFrame(columns=["matcher", "lang", "precision", "ci_low", "ci_high", "n", "recall",
                                     "recall_n"])
    return pd.read_csv(QUALITY_CSV, keep_default_na=False, na_values=[""],
                       dtype={"n": "Int64", "recall_n": "Int64", "recall_dict_n": "Int64"})


def nonanswer_topic_table(table: pd.DataFrame, segments: pd.DataFrame) -> pd.DataFrame:
    """The share of answers that decline (in full or in part, ``any``; in full, ``full``)
    by the topic of the question: the codebook themes its paragraphs name
    (:func:`analysis.topics.code_table`; a question may carry several, and one that
    names none is ``other``), with 95% intervals from resampling briefings."""
    from .topics import code_table, read_codebook
    from .trends import _mean_table

    themes = list(read_codebook()["theme"])
    coded = code_table(segments[segments["kind"] == "question"])
    asked = coded.groupby(["doc_id", "qa_no"])[themes].any().reset_index()
    t = table.merge(asked, on=["doc_id", "qa_no"], how="left")
    t[themes] = t[themes].fillna(False).astype(bool)
    t["other"] = ~t[themes].any(axis=1)
    rows = [t.loc[t[theme], ["doc_id", "nonanswer"]].assign(topic=theme) for theme in [*themes, "other"]]
    values = _declined(pd.concat(rows, ignore_index=True), "topic")
    # the rows in codebook order, as the frame lists them
    frame = pd.DataFrame([(g, m) for g in [*themes, "other"] for m in ("any", "full")], columns=["topic", "measure"])
    return _mean_table(values, ["topic", "measure"], frame)
