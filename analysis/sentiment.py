"""Tone: a transparent lexicon scorer for diplomatic Chinese.

How a paragraph is scored (every step shows in :func:`term_table`):

1. **Tokens** are jieba's (:func:`analysis.tokens.tokenize`). Sentences end at
   。！？；… (closing quotes stay with their sentence); clauses also end at ，、：.
2. **Terms.** Each token, or run of 2–4 tokens, found in the lexicons gets a
   polarity: the domain lexicon (``data/lexicons/sentiment_domain.csv``, −2 … +2)
   overrides the general one (Tsinghua praise/degrade, ±1, counted at a quarter
   weight, :data:`GENERAL_WEIGHT`). The longest match wins.
3. **Negation.** A negator (不, 没有, 无, 未 …) before a term in the same clause
   flips it; two flip it back (不冲突不对抗: each 不 flips its own term, so both are
   conciliatory; 并非不…: a double negative). A negator reaches the term right
   after it or one token further (没有任何合作), no further (不接受这种无端指责
   stays an accusation). A prohibition (不要, 别, 勿 …) flips a positive term but
   leaves a negative one negative: 不要损害和平 is a warning, not praise.
4. **Degree.** A degree adverb (更加, 十分, 极 …) right before a term (at most one
   token between, same clause) multiplies it by its weight (``sentiment_modifiers.csv``).
5. **Contrast.** In a sentence with 但/但是/然而/却 …, terms before the contrast word
   count half.
6. **Rhetorical questions.** In a sentence with 难道 or 岂, one negation is
   cancelled (难道不是干涉？ is an accusation of interference).

A unit's score is (P − N) / (P + N + k), k = :data:`SMOOTHING`, where P and N
are the summed positive and negative weights of its terms: 0 without evaluative
terms, towards ±1 as one side dominates, always in (−1, 1).
"""
from __future__ import annotations

from functools import lru_cache
from typing import Literal

import numpy as np
import pandas as pd
import pyarrow as pa

from .config import LEXICON_DIR
from .tokens import segmenter, token_codes
from .units import UNIT_COLUMNS, add_units, group_keys

GENERAL_LEXICON = LEXICON_DIR / "tsinghua_praise_degrade.csv"
DOMAIN_LEXICON = LEXICON_DIR / "sentiment_domain.csv"
MODIFIERS = LEXICON_DIR / "sentiment_modifiers.csv"
_SENTENCE_END = set("。！？!?；;…")
_CLAUSE_END = _SENTENCE_END | set("，,、：:")
_CLOSERS = set("”’」』）)》】")
_MAX_PHRASE = 4
_CONTRAST_BEFORE = 0.5
_NEGATION_WINDOW = 2  # a negator reaches the term right after it, or one token further
#: Weight of the general lexicon's terms: the domain lexicon is written for this genre;
#: the general one fills its gaps, and many of its praise words (明确, 重要, 达成) are
#: the everyday vocabulary of neutral official prose. Chosen on the development half of
#: the labels (data/eval/README.md), among 0, 0.1, 0.25, 0.5, 0.75 and 1.
GENERAL_WEIGHT = 0.25
#: The constant in (P - N) / (P + N + k): a unit needs evaluative weight beyond k to
#: move far from 0. Chosen with GENERAL_WEIGHT, among 0.5, 1, 2, 3 and 4.
SMOOTHING = 2.0
NEGATION_MARK = "¬"


@lru_cache(maxsize=1)
def read_lexicon() -> pd.DataFrame:
    """The combined lexicon: term, polarity, source (``domain`` overrides ``general``)."""
    general = pd.read_csv(GENERAL_LEXICON, dtype={"term": str}, keep_default_na=False)
    domain = pd.read_csv(DOMAIN_LEXICON, dtype={"term": str}, keep_default_na=False)
    general = general.assign(source="general")[["term", "polarity", "source"]]
    domain = domain.assign(source="domain")[["term", "polarity", "source"]]
    general = general.assign(polarity=general["polarity"] * GENERAL_WEIGHT)
    combined = pd.concat([general[~general["term"].isin(domain["term"])], domain], ignore_index=True)
    return combined.astype({"polarity": float})


@lru_cache(maxsize=1)
def read_modifiers() -> pd.DataFrame:
    """Negators, degree adverbs, contrast and rhetorical markers: term, kind, weight."""
    return pd.read_csv(MODIFIERS, dtype={"term": str}, keep_default_na=False).astype({"weight": float})


@lru_cache(maxsize=1)
def _tables():
    lex = read_lexicon()
    mods = read_modifiers()
    cut = segmenter()
    single: dict[str, float] = {}
    # a phrase of 2-4 tokens, keyed by its first token: (the other tokens, polarity, text)
    phrases: dict[str, list[tuple[tuple[str, ...], float, str]]] = {}
    for term, pol in zip(lex["term"], lex["polarity"]):
        parts = cut(term)
        if len(parts) == 1:
            single[term] = pol
        elif len(parts) <= _MAX_PHRASE:
            phrases.setdefault(parts[0], []).append((tuple(parts[1:]), pol, term))
    for options in phrases.values():
        options.sort(key=lambda o: -len(o[0]))  # the longest match wins
    degree = dict(zip(mods.loc[mods["kind"] == "degree", "term"], mods.loc[mods["kind"] == "degree", "weight"]))
    kinds = {k: set(mods.loc[mods["kind"] == k, "term"])
             for k in ("negator", "prohibitive", "contrast", "rhetorical")}
    # modifiers modify: their own polarity (严重, 强烈 ...) is not counted
    for word in list(degree) + [w for ws in kinds.values() for w in ws]:
        single.pop(word, None)
    return single, phrases, degree, kinds


@lru_cache(maxsize=200_000)
def _lookup(word: str) -> tuple[float, str]:
    """A token's polarity and the term to show, or (nan, "").

    jieba keeps some compounds whole (非常感谢, 不友好, 无端指责): such a token is
    read by its longest final part that is a term, since Chinese compounds put the
    head last; a degree adverb or negator in front scales or flips it.
    """
    single, _, degree, kinds = _tables()
    if word in single:
        return single[word], word
    for cut in range(1, len(word) - 1):
        head, rest = word[:cut], word[cut:]
        if rest in single:
            if head in degree:
                return single[rest] * degree[head], word
            if head in kinds["negator"] or (head in kinds["prohibitive"] and single[rest] > 0):
                return -single[rest], NEGATION_MARK + rest
            return single[rest], rest
    return float("nan"), ""


_END, _CLAUSE, _CLOSER, _NEGATOR, _PROHIBITIVE, _RHETORICAL, _CONTRAST = (1 << i for i in range(7))


@lru_cache(maxsize=None)
def _word_bits(w: str) -> int:
    """A token's punctuation and modifier kinds, as bits (computed once per distinct word)."""
    _, _, _, kinds = _tables()
    flags = (w in _SENTENCE_END, w in _CLAUSE_END, w in _CLOSERS, w in kinds["negator"], w in kinds["prohibitive"],
             w in kinds["rhetorical"], w in kinds["contrast"])
    return sum(1 << i for i, f in enumerate(flags) if f)


def _within(clause_start: np.ndarray, k: int) -> np.ndarray:
    """True where the token k places back is in the same clause."""
    ok = np.ones(len(clause_start), dtype=bool)
    for j in range(k):
        ok &= ~np.roll(clause_start, j)  # no clause starts at i, i-1, ..., i-k+1
    ok[:k] = False
    return ok


def _before(flag: np.ndarray, clause_start: np.ndarray, k: int) -> np.ndarray:
    """How many of the k tokens before each token carry ``flag``, within its clause."""
    count = np.zeros(len(flag), dtype=int)
    for j in range(1, k + 1):
        count += np.where(_within(clause_start, j), np.roll(flag, j), False)
    return count


def _group_starts(keys: np.ndarray) -> np.ndarray:
    """True where a new group begins (keys sorted by group)."""
    start = np.ones(len(keys), dtype=bool)
    start[1:] = keys[1:] != keys[:-1]
    return start


def _cumcount_since(flag: np.ndarray, reset: np.ndarray) -> np.ndarray:
    """Running count of ``flag`` that restarts at 0 wherever ``reset`` is True."""
    c = np.cumsum(flag)
    base = np.maximum.accumulate(np.where(reset, c - flag, 0))
    return c - base


def term_table(segments: pd.DataFrame, tokens: pd.DataFrame) -> pd.DataFrame:
    """Every token of ``tokens`` (the table :func:`analysis.tokens.tokenize` made of
    ``segments``: the text is never tokenized twice) with what the scorer made of it.

    Columns: the token table's (doc_id, para_no, position, token ...), then
    sent_no and clause_no (within the paragraph), term (the lexicon entry
    matched at this token; a phrase is credited to its first token), polarity
    (the entry's), negated, degree, weight (the signed contribution after
    negation, degree and contrast; 0 for tokens that are no term).
    """
    single, phrases, degree, kinds = _tables()
    tok = tokens.reset_index(drop=True)
    codes, vocab = token_codes(tok)
    n = len(codes)
    doc_code = pd.factorize(tok["doc_id"])[0].astype(np.int64)
    para_no = tok["para_no"].to_numpy(dtype=np.int64)
    para_key = doc_code * (int(para_no.max(initial=0)) + 1) + para_no
    para_start = _group_starts(para_key)

    # every per-word property is computed once per distinct word (and cached), then spread by code
    bits = np.fromiter(map(_word_bits, vocab), np.int64, len(vocab))[codes] if n else np.zeros(0, np.int64)

    def flag(bit: int) -> np.ndarray:
        return (bits & bit) != 0

    # sentences and clauses: a boundary after a terminal (and after closers that follow it)
    is_end = flag(_END)
    is_clause_end = flag(_CLAUSE)
    is_closer = flag(_CLOSER)
    # a sentence ends at a terminal mark, or at the closing quotes right after one
    end_like = is_end | (is_closer & np.roll(is_end, 1)) | (is_closer & np.roll(is_closer, 1) & np.roll(is_end, 2))
    next_is_closer = np.append(is_closer[1:], False)
    next_is_new_para = np.append(para_start[1:], True)
    end_here = end_like & (~next_is_closer | next_is_new_para)
    sent_start = para_start | np.roll(end_here, 1) & ~para_start
    if n:
        sent_start[0] = True
    clause_start = sent_start | (np.roll(is_clause_end, 1) & ~para_start)
    if n:
        clause_start[0] = True
    sent_no = _cumcount_since(sent_start, para_start) - 1
    sent_key = np.cumsum(sent_start)

    # terms: phrases first (longest wins), looked for only where the first two tokens
    # begin some phrase (found by integer pair keys, not by comparing strings)
    code_of = {w: c for c, w in enumerate(vocab)}
    term_id = np.full(n, -1, dtype=np.int64)  # index into `shown_terms`
    shown_terms: list[str] = []
    term_index: dict[str, int] = {}

    def term_code(text: str) -> int:
        if text not in term_index:
            term_index[text] = len(shown_terms)
            shown_terms.append(text)
        return term_index[text]

    polarity = np.zeros(n)
    covered = np.zeros(n, dtype=bool)
    width = len(vocab) + 1
    heads = {}
    for first, options in phrases.items():
        if first in code_of:
            for rest, pol, text in options:
                if all(r in code_of for r in rest):
                    heads.setdefault(code_of[first] * width + code_of[rest[0]], []).append(
                        (np.array([code_of[r] for r in rest]), pol, text))
    if heads and n > 1:
        pair = codes[:-1] * width + codes[1:]
        candidates = np.flatnonzero(np.isin(pair, np.fromiter(heads, np.int64, len(heads)))
                                    & (para_key[:-1] == para_key[1:]))
        for i in candidates.tolist():
            if covered[i]:
                continue
            # the longest phrase first, as the lexicon lists them
            for rest, pol, text in heads[codes[i] * width + codes[i + 1]]:
                j = i + 1 + len(rest)
                if j <= n and (codes[i + 1:j] == rest).all() and para_key[j - 1] == para_key[i] \
                        and not covered[i:j].any():
                    term_id[i], polarity[i] = term_code(text), pol
                    covered[i:j] = True
                    break
    found = [_lookup(w) for w in vocab]
    lookup = np.array([f[0] for f in found], dtype=float)[codes] if n else np.zeros(0)
    shown_code = np.array([term_code(f[1]) if f[1] else -1 for f in found], dtype=np.int64)[codes] \
        if n else np.zeros(0, np.int64)
    single_hit = ~covered & ~np.isnan(lookup)
    term_id[single_hit] = shown_code[single_hit]
    polarity[single_hit] = lookup[single_hit]
    is_term = (term_id >= 0) & (polarity != 0)

    # negation: negators among the two tokens before the term, in its clause (each
    # flips once); a prohibition (不要, 别 ...) flips positive terms only: 不要损害 warns
    negator = flag(_NEGATOR)
    prohibitive = flag(_PROHIBITIVE)
    neg_count = _before(negator, clause_start, _NEGATION_WINDOW) + np.where(
        polarity > 0, _before(prohibitive, clause_start, _NEGATION_WINDOW), 0)
    # rhetorical questions cancel one negation after 难道/岂 in the sentence
    rhet = flag(_RHETORICAL)
    rhet_before = _cumcount_since(rhet, sent_start) > 0
    neg_count = np.where(rhet_before & (neg_count > 0), neg_count - 1, neg_count)
    negated = is_term & (neg_count % 2 == 1)

    # degree: the nearest adverb among the two tokens before the term, same clause
    deg = np.array([degree.get(w, 1.0) for w in vocab], dtype=float)[codes] if n else np.ones(0)
    deg_prev1 = np.where(_within(clause_start, 1), np.roll(deg, 1), 1.0)
    deg_prev2 = np.where(_within(clause_start, 2), np.roll(deg, 2), 1.0)
    degree_w = np.where(deg_prev1 != 1.0, deg_prev1, deg_prev2)

    # contrast: terms before a contrast word in its sentence count half
    contrast = flag(_CONTRAST)
    seen = _cumcount_since(contrast, sent_start)
    total = pd.Series(contrast).groupby(sent_key).transform("sum").to_numpy()
    contrast_w = np.where((total > 0) & (seen == 0), _CONTRAST_BEFORE, 1.0)

    weight = np.where(is_term, polarity * np.where(negated, -1, 1) * degree_w * contrast_w, 0.0)
    terms = pa.array(shown_terms + [""], type=pa.string()).take(pa.array(np.where(is_term, term_id, len(shown_terms))))
    return tok.assign(  # copy-on-write: the token columns are shared, not copied
        sent_no=sent_no,
        clause_no=_cumcount_since(clause_start, para_start) - 1,
        term=pd.array(terms, dtype=pd.StringDtype("pyarrow", na_value=np.nan)),
        polarity=np.where(is_term, polarity, 0.0),
        negated=negated,
        degree=np.where(is_term, degree_w, 1.0),
        weight=weight,
    )


def _score(pos: pd.Series, neg: pd.Series) -> pd.Series:
    return (pos - neg) / (pos + neg + SMOOTHING)


def _shown(terms: pd.DataFrame) -> pd.Series:
    return np.where(terms["negated"], NEGATION_MARK + terms["term"], terms["term"])


SENTENCE_COLUMNS = ["doc_id", "para_no", "sent_no", "start", "end", "text", "score",
                    "positive_terms", "negative_terms", "pos", "neg"]


def sentence_table(segments: pd.DataFrame, terms: pd.DataFrame, *, with_text: bool = True) -> pd.DataFrame:
    """One row per sentence: doc_id, para_no, sent_no, start and end (character
    offsets in the paragraph's text), text (unless ``with_text=False``), score
    (−1 … 1), positive_terms and negative_terms (space-separated; ¬ marks a
    negated term), pos and neg (the summed weights). ``terms`` is :func:`term_table`'s."""
    t = terms
    columns = SENTENCE_COLUMNS if with_text else [c for c in SENTENCE_COLUMNS if c != "text"]
    if t.empty:
        return pd.DataFrame(columns=columns)
    sent_no = t["sent_no"].to_numpy()
    para_no = t["para_no"].to_numpy()
    doc = pd.factorize(t["doc_id"])[0]
    new = np.ones(len(t), dtype=bool)
    new[1:] = (sent_no[1:] != sent_no[:-1]) | (para_no[1:] != para_no[:-1]) | (doc[1:] != doc[:-1])
    sid = np.cumsum(new) - 1
    first = np.flatnonzero(new)
    last = np.append(first[1:], len(t)) - 1
    weight = t["weight"].to_numpy()
    pos = np.bincount(sid, weights=np.clip(weight, 0, None), minlength=len(first))
    neg = np.bincount(sid, weights=np.clip(-weight, 0, None), minlength=len(first))
    out = t.iloc[first][["doc_id", "para_no", "sent_no"]].reset_index(drop=True)
    starts, ends = t["start"].to_numpy()[first], t["end"].to_numpy()[last]
    out["start"], out["end"] = starts.astype(np.int32), ends.astype(np.int32)
    if with_text:
        texts = segments.set_index(["doc_id", "para_no"])["text"]
        para_text = texts.reindex(pd.MultiIndex.from_frame(out[["doc_id", "para_no"]])).to_numpy()
        out["text"] = [p[a:b] for p, a, b in zip(para_text, starts, ends)]
    out["pos"], out["neg"] = pos, neg
    out["score"] = _score(out["pos"], out["neg"])
    # the terms of each sentence, joined in a plain loop over the few scored tokens
    hit = weight != 0
    positive: list[list[str]] = [[] for _ in range(len(out))]
    negative: list[list[str]] = [[] for _ in range(len(out))]
    shown = _shown(t[hit])
    for i, term, w in zip(sid[hit].tolist(), list(shown), weight[hit].tolist()):
        (positive if w > 0 else negative)[i].append(term)
    out["positive_terms"] = [" ".join(terms) for terms in positive]
    out["negative_terms"] = [" ".join(terms) for terms in negative]
    return out[columns]


def paragraph_table(segments: pd.DataFrame, terms: pd.DataFrame) -> pd.DataFrame:
    """One row per paragraph: doc_id, para_no, score (−1 … 1), pos and neg (summed weights).

    Paragraphs without tokens (none in practice) are missing; every
    paragraph of ``segments`` with text appears.
    """
    t = terms.assign(pos=terms["weight"].clip(lower=0), neg=(-terms["weight"]).clip(lower=0))
    out = t.groupby(["doc_id", "para_no"], sort=False).agg(pos=("pos", "sum"), neg=("neg", "sum")).reset_index()
    out["score"] = _score(out["pos"], out["neg"])
    return out[["doc_id", "para_no", "score", "pos", "neg"]]


def tone_table(
    segments: pd.DataFrame,
    paragraphs: pd.DataFrame,
    *,
    by: str | list[str],
    kinds: tuple[str, ...] = ("question", "answer", "statement"),
    pool: bool = False,
) -> pd.DataFrame:
    """Tone aggregated over groups of paragraphs within each document (an answer:
    ``qa_no``; a unit: ``unit_no``; a questioner's origin ...); ``pool=True``
    groups across documents by ``by`` alone. The score of a group pools its terms:
    (P − N) / (P + N + k) over the summed weights, so long paragraphs weigh more.
    Columns: the groups (``doc_id`` first unless pooled), score,
    mean_paragraph_score, paragraphs, chars."""
    groups = group_keys(by, pool=pool)
    seg = segments[segments["kind"].isin(kinds)]
    if any(g in UNIT_COLUMNS for g in groups):
        seg = add_units(seg)
    cols = [c for c in groups if c not in ("doc_id",)] + ["doc_id", "para_no", "n_chars"]
    merged = paragraphs.merge(seg[list(dict.fromkeys(cols))], on=["doc_id", "para_no"])
    out = (
        merged.groupby(groups, dropna=True, sort=True)
        .agg(pos=("pos", "sum"), neg=("neg", "sum"), mean_paragraph_score=("score", "mean"),
             paragraphs=("para_no", "size"), chars=("n_chars", "sum"))
        .reset_index()
    )
    out["score"] = _score(out["pos"], out["neg"])
    return out[groups + ["score", "mean_paragraph_score", "paragraphs", "chars"]]


def question_answer_tone_table(segments: pd.DataFrame, paragraphs: pd.DataFrame) -> pd.DataFrame:
    """Each Q&A's pooled question tone against its pooled answer tone, with the
    outlet that asked and its origin (:func:`analysis.add_outlet_info`): doc_id,
    qa_no, question, answer, qa_outlet, origin."""
    from .outlets import add_outlet_info

    seg = segments if "qa_origin" in segments.columns else add_outlet_info(segments)
    tone = tone_table(seg, paragraphs, by=["qa_no", "kind"], kinds=("question", "answer"))
    wide = tone.pivot(index=["doc_id", "qa_no"], columns="kind", values="score").reset_index()
    wide.columns.name = None
    for kind in ("question", "answer"):
        if kind not in wide:
            wide[kind] = np.nan
    asked = seg[seg["kind"] == "question"].drop_duplicates(["doc_id", "qa_no"]).set_index(["doc_id", "qa_no"])
    index = pd.MultiIndex.from_frame(wide[["doc_id", "qa_no"]])
    wide["qa_outlet"] = asked["qa_outlet"].reindex(index).fillna("").to_numpy()
    wide["origin"] = asked["qa_origin"].reindex(index).to_numpy()
    return wide[["doc_id", "qa_no", "question", "answer", "qa_outlet", "origin"]]


def driver_table(terms: pd.DataFrame, *, n: int = 10, pool: bool = False) -> pd.DataFrame:
    """The terms that weigh most on each side in each document (``pool=True``:
    across documents): doc_id, term (¬ if negated), direction
    (``positive``/``negative``), total weight, occurrences."""
    keys = group_keys(None, pool=pool)
    hits = terms[terms["weight"] != 0].assign(shown=lambda t: _shown(t))
    hits = hits.assign(direction=np.where(hits["weight"] > 0, "positive", "negative"))
    table = (
        hits.groupby(keys + ["direction", "shown"]).agg(weight=("weight", "sum"), count=("weight", "size"))
        .reset_index().rename(columns={"shown": "term"})
    )
    table["abs"] = table["weight"].abs()
    table = table.sort_values(keys + ["direction", "abs", "term"], ascending=[True] * len(keys) + [False, False, True])
    return table.groupby(keys + ["direction"], sort=False).head(n).drop(columns="abs").reset_index(drop=True)


Level = Literal["sentence", "paragraph", "answer", "section"]
LEVELS: tuple[Level, ...] = ("sentence", "paragraph", "answer", "section")


def arc_table(segments: pd.DataFrame, terms: pd.DataFrame, *, level: Level = "paragraph") -> pd.DataFrame:
    """Tone in speaking order at one level, for the tone arc, within each document.

    Columns: doc_id, order (0, 1, ... within the document), qa_no, unit_no
    (the section, or the Q&A in documents without headlines), kind (the
    paragraph's kind; ``answer`` at the answer and section levels), score, and
    para_no and sent_no where the level has them. Editorial text (headlines,
    titles, narration) is left out.
    """
    if level not in LEVELS:
        raise ValueError(f"level must be one of {LEVELS}, not {level!r}")
    t = terms
    spoken = add_units(segments[segments["kind"].isin(["statement", "question", "answer"])])
    info = spoken[["doc_id", "para_no", "kind", "qa_no", "unit_no"]]
    if level in ("sentence", "paragraph"):
        scores = sentence_table(segments, t) if level == "sentence" else paragraph_table(segments, t)
        out = scores.merge(info, on=["doc_id", "para_no"])
    else:
        unit = "qa_no" if level == "answer" else "unit_no"
        paragraphs = paragraph_table(segments, t)
        out = tone_table(spoken, paragraphs, by=unit, kinds=("answer",)).assign(kind="answer")
        if unit == "qa_no":
            units = info.drop_duplicates(["doc_id", "qa_no"]).set_index(["doc_id", "qa_no"])["unit_no"]
            out["unit_no"] = units.reindex(pd.MultiIndex.from_frame(out[["doc_id", "qa_no"]])).to_numpy()
        else:
            qas = info.dropna(subset=["unit_no"]).drop_duplicates(["doc_id", "unit_no"]).set_index(["doc_id", "unit_no"])["qa_no"]
            out["qa_no"] = qas.reindex(pd.MultiIndex.from_frame(out[["doc_id", "unit_no"]])).to_numpy()
    out = out.reset_index(drop=True)
    out.insert(1, "order", out.groupby("doc_id", sort=False).cumcount())
    return out


def highlight_html(terms: pd.DataFrame, doc_id: str, para_no: int) -> str:
    """A paragraph as HTML with its scored terms marked: purple positive, orange
    negative (the figures' colour-blind-safe pair), the weight in each mark's
    tooltip and after the paragraph."""
    from html import escape

    t = terms[(terms["doc_id"] == doc_id) & (terms["para_no"] == para_no)]
    parts = []
    for row in t.itertuples():
        if row.weight:
            colour = "#5e3c99" if row.weight > 0 else "#b35806"  # PuOr, as TONE_COLORS (text: a darker orange)
            parts.append(
                f'<span style="color:{colour};font-weight:bold;border-bottom:2px solid {colour}" '
                f'title="{escape(row.term)}: {row.weight:+.2f}">{escape(row.token)}</span>'
            )
        else:
            parts.append(escape(row.token))
    scored = t[t["weight"] != 0]
    listing = ", ".join(
        f"{escape(NEGATION_MARK + r.term if r.negated else r.term)} {r.weight:+.2f}" for r in scored.itertuples()
    )
    pos, neg = scored["weight"].clip(lower=0).sum(), (-scored["weight"]).clip(lower=0).sum()
    score = (pos - neg) / (pos + neg + SMOOTHING)
    return (f'<p style="font-size:1.1em;line-height:1.8">{"".join(parts)}</p>'
            f"<p>score {score:+.3f} &nbsp; (P {pos:.2f}, N {neg:.2f}); terms: {listing or 'none'}</p>")


def term_viewer(terms: pd.DataFrame, segments: pd.DataFrame):
    """An ipywidgets viewer for JupyterLab: pick a paragraph, see its scored terms.

    In a batch run (``make report``: the project's papermill engine sets
    ``ANALYSIS_BATCH``) there is nobody to pick, and a live widget in a batch run can
    leave nbclient waiting for ever (jupyter/nbclient#312; it hung one build here):
    a one-line note instead."""
    import os

    from IPython.display import HTML, display

    if os.environ.get("ANALYSIS_BATCH") == "1":
        return HTML("<p><i>The paragraph viewer is interactive: open this notebook in JupyterLab "
                    "(<code>make lab</code>) to use it.</i></p>")
    import ipywidgets as widgets

    spoken = segments[segments["kind"].isin(["statement", "question", "answer"])]
    options = [
        (f"{r.para_no:>3} {r.kind} Q{'' if pd.isna(r.qa_no) else int(r.qa_no)}: {r.text[:24]}…", (r.doc_id, r.para_no))
        for r in spoken.itertuples()
    ]
    picker = widgets.Dropdown(options=options, description="paragraph", layout=widgets.Layout(width="90%"))
    out = widgets.Output()

    def show(change=None) -> None:
        out.clear_output()
        with out:
            display(HTML(highlight_html(terms, *picker.value)))

    picker.observe(show, names="value")
    show()
    return widgets.VBox([picker, out])
