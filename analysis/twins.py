"""Twins: a Chinese document and its English version, aligned paragraph by paragraph.

The Ministry publishes each regular briefing in Chinese and in English
(``documents.twin`` pairs them). :func:`align` relates their paragraphs, in two steps:

1. **Turn structure.** Each version is cut into blocks: the runs of paragraphs of one
   turn (the question of Q&A 3, its answer; statements and other paragraphs between
   them). Blocks are matched in order by kind (a question with a question …), length
   and the asking outlet (路透社 is Reuters; two questions of different outlets never
   pair), not by Q&A number, so that one question left out or added does not shift the
   rest (:func:`_match_blocks`). A matched pair of blocks with as many paragraphs on each
   side is aligned one to one (``method`` ``turn``).
2. **Length.** What lies between two such pairs (unmatched blocks, and matched blocks
   whose paragraph counts differ, pooled: a turn the versions cut differently is
   aligned across the cut) is aligned by the length model of Gale and
   Church (1993): the English length of a Chinese text is about ``c`` times its length,
   with a variance proportional to it; groups of 1–1, 1–0, 0–1, 2–1, 1–2 and 2–2
   paragraphs with the paper's priors, by dynamic programming (``method`` ``length``).
   Each group's cost is Gale and Church's (delta as in NLTK's ``align_log_prob``; its
   tail taken in log space, so that a long paragraph left out stays possible) less a
   bonus for the anchors the two sides share: numbers (English month names read
   as numbers, 5月 as 5), Latin words of the Chinese text (WHO, G20) and the countries
   they name; a group whose anchors disagree pays it instead (:func:`agreement`). NLTK's own search
   (``align_blocks``) is not used: it fails on some unequal blocks (nltk issue 1293),
   keeps no 1–0 or 0–1 group, and its tail underflows to an impossible cost for long
   paragraphs.

``c`` and the variance are measured on the twins of ``../shared/mfa/pages`` whose
turns match paragraph for paragraph (``benchmarks/eval_twins.py``, on half of them;
the other half measures the accuracy), and kept in ``data/twins_length_model.csv``.

Each row of :func:`align` is one group: the Chinese paragraphs ``zh_para`` …
``zh_para_end`` and the English ``en_para`` … ``en_para_end`` (empty on the side that
has none), the turn (``kind``, ``qa_no``), ``method``, and ``confidence``: the
two-sided probability of so large a departure from the expected length ratio under the
model (1 for an exact ratio, towards 0 for an unlikely one), and ``anchors``, the share
of the anchors that agree (:func:`agreement`; empty when there is none).
"""
from __future__ import annotations

import math
import re
from functools import lru_cache

import numpy as np
import pandas as pd

from .config import DATA_DIR

LENGTH_MODEL = DATA_DIR / "twins_length_model.csv"
#: Gale and Church's priors of the group types (their Table 5, as NLTK keeps them)
PRIORS = {(1, 1): 0.89, (1, 0): 0.0099, (0, 1): 0.0099, (2, 1): 0.089, (1, 2): 0.089, (2, 2): 0.011}
ALIGN_COLUMNS = ["zh_doc", "en_doc", "group", "zh_para", "zh_para_end", "en_para", "en_para_end", "kind", "qa_no",
                 "method", "confidence", "anchors"]
_MONTHS = {m: str(i) for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
     "november", "december"], 1)}
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_LATIN = re.compile(r"[A-Za-z][A-Za-z0-9\-]{1,}")
_MONTH_EN = re.compile(r"\b(" + "|".join(m.capitalize() for m in _MONTHS) + r")\b")


@lru_cache(maxsize=1)
def length_model() -> dict[str, float]:
    """The measured length model: ``ratio`` (English characters per Chinese character),
    ``variance`` (per Chinese character) and ``anchor_weight``."""
    table = pd.read_csv(LENGTH_MODEL)
    return dict(zip(table["name"], table["value"].astype(float)))


def anchors(text: str, doc_lang: str) -> frozenset[str]:
    """What a paragraph can share with its translation whatever the language: its
    numbers (``#5``: thousands separators dropped, an English month name as its number)
    and words in Latin letters (``~who``, lower case): in Chinese text the few it keeps
    as written (WHO, G20, COVID-19), in English every word, so that :func:`agreement`
    can ask whether the Chinese ones are there."""
    numbers = {n.replace(",", "").rstrip(".") for n in _NUMBER.findall(text)}
    if doc_lang == "en":
        numbers |= {_MONTHS[m.lower()] for m in _MONTH_EN.findall(text)}
    return frozenset({f"#{n}" for n in numbers} | {f"~{w.lower()}" for w in _LATIN.findall(text)})


def agreement(zh: frozenset[str], en: frozenset[str]) -> float:
    """The share of the anchors that agree: numbers and countries (``@US``) on either side,
    and the Chinese side's Latin words, found or not among the English words (English
    words with no Latin counterpart in Chinese, most of them, do not count). NaN when
    there is none."""
    za = {x for x in zh if x[0] in "#@"}
    ea = {x for x in en if x[0] in "#@"}
    latin = {x for x in zh if x[0] == "~"}
    total = len(za | ea) + len(latin)
    return (len(za & ea) + len(latin & en)) / total if total else float("nan")


def _cost(zh_len: int, en_len: int, kind: tuple[int, int], ratio: float, variance: float) -> float:
    """Gale–Church's cost of a group: −log of (two-sided tail probability of its length
    departure × the prior of its kind), with delta as NLTK's ``align_log_prob`` and the
    C reference implementation compute it; the tail in log space (scipy), so that a long
    paragraph left out stays possible rather than infinitely unlikely."""
    from scipy.special import log_ndtr

    if zh_len + en_len == 0:
        return -math.log(PRIORS[kind])
    c, s2 = ratio, variance
    m = (zh_len + en_len / c) / 2
    delta = (zh_len * c - en_len) / math.sqrt(m * s2)
    return -(math.log(2) + float(log_ndtr(-abs(delta))) + math.log(PRIORS[kind]))


def _tail(zh_len: int, en_len: int, ratio: float, variance: float) -> float:
    """Two-sided probability of a length departure at least this large (Gale–Church's delta)."""
    if zh_len == 0 or en_len == 0:
        return 0.0
    m = (zh_len + en_len / ratio) / 2
    delta = (zh_len * ratio - en_len) / math.sqrt(m * variance)
    return math.erfc(abs(delta) / math.sqrt(2))


def length_align(zh_lens: list[int], en_lens: list[int], *, zh_anchors: list[frozenset] | None = None,
                 en_anchors: list[frozenset] | None = None, ratio: float | None = None,
                 variance: float | None = None, anchor_weight: float | None = None) -> list[tuple[range, range]]:
    """Gale–Church alignment of two lists of paragraph lengths, with anchors: the groups
    in order, each (Chinese indices, English indices) as ranges (one may be empty)."""
    model = length_model()
    ratio = model["ratio"] if ratio is None else ratio
    variance = model["variance"] if variance is None else variance
    weight = model["anchor_weight"] if anchor_weight is None else anchor_weight
    n, m = len(zh_lens), len(en_lens)
    za = zh_anchors or [frozenset()] * n
    ea = en_anchors or [frozenset()] * m
    inf = float("inf")
    cost = np.full((n + 1, m + 1), inf)
    back: dict[tuple[int, int], tuple[int, int]] = {}
    cost[0, 0] = 0.0
    for i in range(n + 1):
        for j in range(m + 1):
            if i == 0 and j == 0:
                continue
            best, how = inf, None
            for di, dj in PRIORS:
                if di > i or dj > j or cost[i - di, j - dj] == inf:
                    continue
                lz, le = sum(zh_lens[i - di:i]), sum(en_lens[j - dj:j])
                c = _cost(lz, le, (di, dj), ratio, variance)
                if weight and di and dj:
                    share = agreement(frozenset().union(*za[i - di:i]), frozenset().union(*ea[j - dj:j]))
                    if share == share:  # not NaN: some anchor to agree on
                        c -= weight * (2 * share - 1)
                c += cost[i - di, j - dj]
                if c < best:
                    best, how = c, (di, dj)
            cost[i, j] = best
            if how is not None:
                back[(i, j)] = how
    groups = []
    i, j = n, m
    while (i, j) != (0, 0):
        di, dj = back[(i, j)]
        groups.append((range(i - di, i), range(j - dj, j)))
        i, j = i - di, j - dj
    return groups[::-1]


def _blocks(seg: pd.DataFrame) -> list[tuple[tuple[str, int], list[int]]]:
    """A document's runs of paragraphs of one turn: ((kind, qa_no), paragraph numbers)."""
    out: list[tuple[tuple[str, int], list[int]]] = []
    for kind, qa, para in zip(seg["kind"], seg["qa_no"], seg["para_no"]):
        key = (kind, int(qa)) if kind in ("question", "answer") and pd.notna(qa) else ("other", -1)
        if out and out[-1][0] == key:
            out[-1][1].append(int(para))
        else:
            out.append((key, [int(para)]))
    return out


@lru_cache(maxsize=1)
def _outlet_names() -> dict[str, str]:
    """An outlet as either version labels it -> its English name (one name for 路透社 and Reuters)."""
    from .outlets import read_outlets

    table = read_outlets()
    return {str(o).strip(): str(n).strip().lower() for o, n in zip(table["outlet"], table["name_en"])}


def _match_blocks(zb, eb, zh_len, en_len, zh_outlet, en_outlet, ratio: float,
                  variance: float) -> list[tuple[int, int]]:
    """The pairs of blocks that are the same turn: a dynamic programme over the two block
    lists in which a block pairs only with one of its kind (question, answer, other) at
    Gale and Church's length cost, or stands alone; two questions whose outlets are known
    and differ never pair, and two of the same outlet gain. Q&A numbers are not compared:
    a question one version leaves out renumbers the rest."""
    n, m = len(zb), len(eb)
    inf = float("inf")
    cost = np.full((n + 1, m + 1), inf)
    cost[0, 0] = 0.0
    back: dict[tuple[int, int], tuple[int, int]] = {}
    for i in range(n + 1):
        for j in range(m + 1):
            if i == j == 0:
                continue
            options = []
            if i and j and zb[i - 1][0][0] == eb[j - 1][0][0]:
                c = _cost(zh_len[i - 1], en_len[j - 1], (1, 1), ratio, variance)
                zo, eo = zh_outlet[i - 1], en_outlet[j - 1]
                if zo and eo:
                    c = c - 2.0 if zo == eo else inf
                options.append((cost[i - 1, j - 1] + c, (1, 1)))
            if i:
                options.append((cost[i - 1, j] + _cost(zh_len[i - 1], 0, (1, 0), ratio, variance), (1, 0)))
            if j:
                options.append((cost[i, j - 1] + _cost(0, en_len[j - 1], (0, 1), ratio, variance), (0, 1)))
            best, how = min(options, key=lambda o: o[0])
            cost[i, j] = best
            back[(i, j)] = how
    pairs = []
    i, j = n, m
    while (i, j) != (0, 0):
        di, dj = back[(i, j)]
        if di and dj:
            pairs.append((i - 1, j - 1))
        i, j = i - di, j - dj
    return pairs[::-1]


def align(zh: pd.DataFrame, en: pd.DataFrame, *, mentions: pd.DataFrame | None = None,
          turns: bool = True, model: dict[str, float] | None = None) -> pd.DataFrame:
    """The paragraph alignment of a Chinese document's segments (``zh``) and its English
    version's (``en``): one row per group (see the module's docstring). ``mentions``
    (country mentions of either, :func:`analysis.countries.find_mentions`) adds the
    countries to the anchors; ``turns=False`` skips the turn structure and aligns the
    whole documents by length (how the evaluation measures the length model); ``model``
    replaces :func:`length_model`'s ratio, variance and anchor weight."""
    model = length_model() | (model or {})
    zh_doc, en_doc = str(zh["doc_id"].iloc[0]), str(en["doc_id"].iloc[0])
    zh_text = dict(zip(zh["para_no"].astype(int), zh["text"]))
    en_text = dict(zip(en["para_no"].astype(int), en["text"]))
    za = {p: anchors(t, "zh") for p, t in zh_text.items()}
    ea = {p: anchors(t, "en") for p, t in en_text.items()}
    if mentions is not None and len(mentions):
        for doc, table in ((zh_doc, za), (en_doc, ea)):
            mine = mentions[mentions["doc_id"] == doc]
            for p, codes in mine.groupby("para_no")["country"]:
                if int(p) in table:
                    table[int(p)] = table[int(p)] | {f"@{c}" for c in codes if c != "CN"}
    zb, eb = (_blocks(zh), _blocks(en)) if turns else ([(("all", -1), sorted(zh_text))],
                                                      [(("all", -1), sorted(en_text))])
    rows: list[dict] = []

    def emit(zp: list[int], ep: list[int], key: tuple[str, int], method: str) -> None:
        zl = sum(len(zh_text[p]) for p in zp)
        el = sum(len(en_text[p]) for p in ep)
        a = frozenset().union(*(za[p] for p in zp)) if zp else frozenset()
        b = frozenset().union(*(ea[p] for p in ep)) if ep else frozenset()
        rows.append({"zh_doc": zh_doc, "en_doc": en_doc, "group": len(rows),
                     "zh_para": zp[0] if zp else None, "zh_para_end": zp[-1] if zp else None,
                     "en_para": ep[0] if ep else None, "en_para_end": ep[-1] if ep else None,
                     "kind": key[0], "qa_no": key[1] if key[1] >= 0 else None, "method": method,
                     "confidence": _tail(zl, el, model["ratio"], model["variance"]),
                     "anchors": agreement(a, b) if zp and ep else float("nan")})

    # matched blocks with as many paragraphs on each side anchor the alignment; everything
    # between two such anchors (unmatched blocks, matched ones whose counts differ) is pooled
    # and aligned by length, so that a turn the two versions cut differently (closing remarks
    # a parser put in the last answer on one side) is aligned across the cut
    zkey = {p: k for k, ps in zb for p in ps}
    ekey = {p: k for k, ps in eb for p in ps}
    pending_z: list[int] = []
    pending_e: list[int] = []

    def flush() -> None:
        if pending_z or pending_e:
            groups = length_align([len(zh_text[p]) for p in pending_z], [len(en_text[p]) for p in pending_e],
                                  zh_anchors=[za[p] for p in pending_z], en_anchors=[ea[p] for p in pending_e],
                                  ratio=model["ratio"], variance=model["variance"],
                                  anchor_weight=model["anchor_weight"])
            for gi, gj in groups:
                zp, ep = [pending_z[i] for i in gi], [pending_e[j] for j in gj]
                emit(zp, ep, zkey[zp[0]] if zp else ekey[ep[0]], "length")
        pending_z.clear()
        pending_e.clear()

    names = _outlet_names()

    def outlets(seg: pd.DataFrame, blocks) -> list[str]:
        by_para = dict(zip(seg["para_no"].astype(int), seg["outlet"].fillna("").astype(str)))
        return [names.get(by_para[ps[0]].strip(), by_para[ps[0]].strip().lower()) if key[0] == "question" else ""
                for key, ps in blocks]

    if turns:
        matched = _match_blocks(zb, eb, [sum(len(zh_text[p]) for p in ps) for _, ps in zb],
                                [sum(len(en_text[p]) for p in ps) for _, ps in eb],
                                outlets(zh, zb), outlets(en, eb), model["ratio"], model["variance"])
    else:
        matched = [(0, 0)]
    zi = ei = 0
    for a, b in matched:
        pending_z.extend(p for _, ps in zb[zi:a] for p in ps)
        pending_e.extend(p for _, ps in eb[ei:b] for p in ps)
        key, zp = zb[a]
        _, ep = eb[b]
        if len(zp) == len(ep) and key[0] != "all":
            flush()
            for p, q in zip(zp, ep):
                emit([p], [q], key, "turn")
        else:
            pending_z.extend(zp)
            pending_e.extend(ep)
        zi, ei = a + 1, b + 1
    pending_z.extend(p for _, ps in zb[zi:] for p in ps)
    pending_e.extend(p for _, ps in eb[ei:] for p in ps)
    flush()
    out = pd.DataFrame(rows, columns=ALIGN_COLUMNS)
    for column in ("zh_para", "zh_para_end", "en_para", "en_para_end", "qa_no"):
        out[column] = out[column].astype("Int64")
    return out


def align_twins(segments: pd.DataFrame, documents: pd.DataFrame, *, mentions: pd.DataFrame | None = None
                ) -> pd.DataFrame:
    """:func:`align` for every pair of twins in ``documents`` (a Chinese document with its
    ``twin``), one table."""
    pairs = documents[(documents["lang"] == "zh") & (documents["twin"] != "")]
    by_doc = {d: g for d, g in segments.groupby("doc_id", sort=False)}
    parts = [align(by_doc[z], by_doc[e], mentions=mentions) for z, e in zip(pairs["doc_id"], pairs["twin"])
             if z in by_doc and e in by_doc]
    return pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=ALIGN_COLUMNS)


# ---------------------------------------------------------------------------
# Renderings: how the English versions render a Chinese term


def aligned_texts(alignment: pd.DataFrame, segments: pd.DataFrame) -> pd.DataFrame:
    """The groups of an alignment with both sides' text (paragraphs joined by a line
    break): zh_doc, en_doc, group, zh_para … en_para_end, kind, qa_no, method, zh_text, en_text."""
    text = segments.set_index(["doc_id", "para_no"])["text"]

    def side(doc, first, last):
        if pd.isna(first):
            return ""
        return "\n".join(text.get((doc, p), "") for p in range(int(first), int(last) + 1))

    out = alignment.copy()
    out["zh_text"] = [side(d, a, b) for d, a, b in zip(out["zh_doc"], out["zh_para"], out["zh_para_end"])]
    out["en_text"] = [side(d, a, b) for d, a, b in zip(out["en_doc"], out["en_para"], out["en_para_end"])]
    return out


def _ngrams(tokens: pd.DataFrame, max_n: int) -> dict[tuple[str, int], set[str]]:
    """Each English paragraph's word n-grams (1 … max_n lower-case lemmas, within a
    sentence-free run of words: punctuation breaks a run), none beginning or ending with a
    stop word (a negator may begin one: not accept)."""
    from .english import stopwords

    stop = stopwords() - {"not", "no", "never", "n't", "nothing", "none"}
    out: dict[tuple[str, int], set[str]] = {}
    for (doc, para), part in tokens.groupby(["doc_id", "para_no"], sort=False):
        words = part["lemma"].str.lower().tolist()
        punct = part["punct"].tolist()
        grams: set[str] = set()
        run: list[str] = []
        for w, p in zip(words + [""], punct + [True]):
            if p:
                for i in range(len(run)):
                    for n in range(1, max_n + 1):
                        g = run[i:i + n]
                        if len(g) == n and g[0] not in stop and g[-1] not in stop:
                            grams.add(" ".join(g))
                run = []
            else:
                run.append(w)
        out[(str(doc), int(para))] = grams
    return out


def rendering_table(alignment: pd.DataFrame, segments: pd.DataFrame, tokens: pd.DataFrame, terms,
                    *, top: int = 3, min_count: int = 3, max_n: int = 4) -> pd.DataFrame:
    """How the English versions render each Chinese term of ``terms``: over the aligned
    groups with text on both sides, the English word sequences (lemmas, 1 … ``max_n``
    words) that most often stand in the English side of a group whose Chinese side holds
    the term, ranked by the Dice coefficient of the two (2·both / (groups with the term +
    groups with the rendering)); ``top`` of them per term, each in at least ``min_count``
    groups with the term.

    Columns: term, n_term (groups whose Chinese holds it), rendering, n_both (those whose
    English holds the rendering), share (n_both / n_term), n_rendering (groups whose
    English holds it, with or without the term), dice, example (the English sentence
    where it first stands). The English sides' n-grams come from ``tokens`` (the English
    documents' token table)."""
    pairs = alignment[alignment["zh_para"].notna() & alignment["en_para"].notna()]
    pairs = aligned_texts(pairs, segments)
    grams_of = _ngrams(tokens[tokens["doc_id"].isin(set(pairs["en_doc"]))], max_n)
    group_grams = []
    for r in pairs.itertuples():
        g: set[str] = set()
        for p in range(int(r.en_para), int(r.en_para_end) + 1):
            g |= grams_of.get((str(r.en_doc), p), set())
        group_grams.append(g)
    df: dict[str, int] = {}
    for g in group_grams:
        for w in g:
            df[w] = df.get(w, 0) + 1
    rows = []
    zh_texts = pairs["zh_text"].tolist()
    en_texts = pairs["en_text"].tolist()
    for term in terms:
        hits = [i for i, t in enumerate(zh_texts) if term in t]
        if not hits:
            continue
        counts: dict[str, int] = {}
        for i in hits:
            for w in group_grams[i]:
                counts[w] = counts.get(w, 0) + 1
        scored = sorted(((2 * c / (len(hits) + df[w]), c, w) for w, c in counts.items() if c >= min_count),
                        reverse=True)
        chosen: list[tuple[float, int, str]] = []
        for dice, c, w in scored:
            # a longer sequence that holds a chosen one (or is held by it) adds nothing
            if any(w in o or o in w for _, _, o in chosen):
                continue
            chosen.append((dice, c, w))
            if len(chosen) == top:
                break
        for dice, c, w in chosen:
            example = next((_sentence_with(en_texts[i], w) for i in hits if w in group_grams[i]), "")
            rows.append({"term": term, "n_term": len(hits), "rendering": w, "n_both": c, "share": c / len(hits),
                         "n_rendering": df[w], "dice": dice, "example": example})
    return pd.DataFrame(rows, columns=["term", "n_term", "rendering", "n_both", "share", "n_rendering", "dice",
                                       "example"])


def _lemma_text(text: str) -> str:
    from .english import tokenize_text

    return " ".join(t[3].lower() for t in tokenize_text(text))


def _sentence_with(text: str, gram: str) -> str:
    """The first sentence of ``text`` whose lemmas hold ``gram`` (or the text's start)."""
    for sentence in re.split(r"(?<=[.!?;])\s+", text):
        if gram in _lemma_text(sentence):
            return sentence[:240]
    return text[:240]


# ---------------------------------------------------------------------------
# Translation shifts: where the English differs from the Chinese

SHIFT_COLUMNS = ["zh_doc", "en_doc", "group", "kind", "qa_no", "method", "zh_para", "zh_para_end", "en_para",
                 "en_para_end", "zh_chars", "en_chars", "length_ratio", "zh_score", "en_score", "tone_diff",
                 "intensity_diff", "zh_categories", "en_categories", "zh_countries", "en_countries", "only_zh",
                 "only_en"]
#: the term categories a shift is read by (the domain lexicons' categories, and the general lexicon's)
AGAINST = ("protest", "accusation", "hostility", "interference", "warning", "principle", "admonition", "rejection",
           "confrontation")
FOR = ("cooperation", "friendship", "solidarity", "approval", "values")


def group_scores(alignment: pd.DataFrame, terms: pd.DataFrame, *, k: float | None = None
                 ) -> tuple[np.ndarray, np.ndarray]:
    """Each group's Chinese and English score, its paragraphs' term weights pooled as a
    paragraph's are, (P − N)/(P + N + k) (``k``: :func:`analysis.sentiment.smoothing`);
    NaN on a side without paragraphs."""
    from . import sentiment

    k = sentiment.smoothing() if k is None else k
    t = terms.loc[terms["weight"] != 0, ["doc_id", "para_no", "weight"]]
    pos = t["weight"].clip(lower=0).groupby([t["doc_id"].astype(str), t["para_no"].astype(int)]).sum()
    neg = (-t["weight"]).clip(lower=0).groupby([t["doc_id"].astype(str), t["para_no"].astype(int)]).sum()
    pooled = {key: (pos.get(key, 0.0), neg.get(key, 0.0)) for key in pos.index.union(neg.index)}

    def side(doc, first, last) -> float:
        if pd.isna(first):
            return float("nan")
        keys = [(str(doc), p) for p in range(int(first), int(last) + 1)]
        P = sum(pooled.get(key, (0.0, 0.0))[0] for key in keys)
        N = sum(pooled.get(key, (0.0, 0.0))[1] for key in keys)
        return (P - N) / (P + N + k)

    a = alignment
    return (np.array([side(d, x, y) for d, x, y in zip(a["zh_doc"], a["zh_para"], a["zh_para_end"])], dtype=float),
            np.array([side(d, x, y) for d, x, y in zip(a["en_doc"], a["en_para"], a["en_para_end"])], dtype=float))


def shift_table(alignment: pd.DataFrame, segments: pd.DataFrame, terms: pd.DataFrame,
                mentions: pd.DataFrame) -> pd.DataFrame:
    """One row per aligned group (both versions' paragraphs, see :func:`align`) with what
    changed between them: ``zh_chars``, ``en_chars`` and ``length_ratio`` (the English
    length over what the length model expects from the Chinese: below 1 the English is
    shorter than usual, 0 where it has no paragraph); ``zh_score`` and ``en_score`` (each
    side's terms pooled, as a paragraph's score: (P − N)/(P + N + k)), ``tone_diff``
    (English − Chinese) and ``intensity_diff`` (|English| − |Chinese|: below 0 the English
    is milder, whatever the direction); ``zh_categories`` and ``en_categories`` (the
    lexicon categories of each side's scored terms, space-separated: protest, cooperation
    …, general);
    ``zh_countries`` and ``en_countries`` (the countries and regions each side names, China
    left out, space-separated codes) and ``only_zh``, ``only_en`` (those named on one side only).

    ``terms`` and ``mentions`` are both versions' (:func:`analysis.sentiment.term_table`,
    :func:`analysis.countries.find_mentions`); the two languages' scores come from
    different lexicons, so compare differences between groups rather than read one
    difference as a fact about the translation."""
    from . import sentiment

    ratio = length_model()["ratio"]
    zh_scores, en_scores = group_scores(alignment, terms)
    chars = dict(zip(zip(segments["doc_id"].astype(str), segments["para_no"].astype(int)),
                     segments["text"].str.len()))
    category = {lang: dict(zip(lex["term"], lex["category"]))
                for lang, lex in (("zh", sentiment.read_lexicon(sentiment.RULES, doc_lang="zh")),
                                  ("en", sentiment.read_lexicon(sentiment.RULES, doc_lang="en")))}
    english_docs = set(alignment["en_doc"].astype(str))
    scored = terms.loc[terms["weight"] != 0, ["doc_id", "para_no", "term"]]
    cats: dict[tuple[str, int], set[str]] = {}
    for d, p, term in zip(scored["doc_id"].astype(str), scored["para_no"].astype(int), scored["term"]):
        c = category["en" if d in english_docs else "zh"].get(str(term).lstrip(sentiment.NEGATION_MARK))
        if c:
            cats.setdefault((d, p), set()).add(c)
    named: dict[tuple[str, int], set[str]] = {}
    m = mentions[(mentions["country"] != "CN")]
    for d, p, c in zip(m["doc_id"].astype(str), m["para_no"].astype(int), m["country"]):
        named.setdefault((d, p), set()).add(str(c))
    rows = []
    for r, zs, es in zip(alignment.itertuples(), zh_scores, en_scores):
        zp = [(r.zh_doc, p) for p in range(int(r.zh_para), int(r.zh_para_end) + 1)] if pd.notna(r.zh_para) else []
        ep = [(r.en_doc, p) for p in range(int(r.en_para), int(r.en_para_end) + 1)] if pd.notna(r.en_para) else []
        zc, ec = sum(chars.get(x, 0) for x in zp), sum(chars.get(x, 0) for x in ep)
        zn = set().union(*(named.get(x, set()) for x in zp)) if zp else set()
        en = set().union(*(named.get(x, set()) for x in ep)) if ep else set()
        rows.append({
            "zh_doc": r.zh_doc, "en_doc": r.en_doc, "group": r.group, "kind": r.kind, "qa_no": r.qa_no,
            "method": r.method, "zh_para": r.zh_para, "zh_para_end": r.zh_para_end, "en_para": r.en_para,
            "en_para_end": r.en_para_end, "zh_chars": zc, "en_chars": ec,
            "length_ratio": ec / (ratio * zc) if zc else float("nan"),
            "zh_score": zs, "en_score": es, "tone_diff": es - zs, "intensity_diff": abs(es) - abs(zs),
            "zh_categories": " ".join(sorted(set().union(*(cats.get(x, set()) for x in zp)))) if zp else "",
            "en_categories": " ".join(sorted(set().union(*(cats.get(x, set()) for x in ep)))) if ep else "",
            "zh_countries": " ".join(sorted(zn)), "en_countries": " ".join(sorted(en)),
            "only_zh": " ".join(sorted(zn - en)), "only_en": " ".join(sorted(en - zn)),
        })
    out = pd.DataFrame(rows, columns=SHIFT_COLUMNS)
    for column in ("zh_para", "zh_para_end", "en_para", "en_para_end", "qa_no"):
        out[column] = out[column].astype("Int64")
    return out


def shift_summary(shifts: pd.DataFrame, *, n_boot: int = 2000, seed: int = 20200524) -> pd.DataFrame:
    """Is the English milder, and where? For the groups holding a term of each category
    (a group counts in every category it holds; ``all`` is every group with a scored term on
    either side), the mean Chinese and English score, the mean ``intensity_diff``
    (|English| − |Chinese|; below 0 the English is milder) and the mean ``tone_diff``, with
    95% intervals from resampling twins (2,000 resamples: a twin's groups stay together).

    Each category is read twice (``chosen_by``): the groups whose Chinese holds such a term,
    and those whose English does. Choosing by one side's terms picks groups where that side
    is intense, so the other looks milder by selection alone (regression to the mean); a
    shift both choices show is not that artefact.

    Columns: category, side (``against``, ``for``, ``general``, ``all``), chosen_by (zh, en;
    both for ``all``), groups, twins, zh_mean, en_mean, intensity_diff, intensity_low,
    intensity_high, tone_diff, tone_low, tone_high."""
    both = shifts[shifts["zh_para"].notna() & shifts["en_para"].notna()]
    rng = np.random.default_rng(seed)
    rows = []
    sides = {c: "against" for c in AGAINST} | {c: "for" for c in FOR} | {"general": "general"}
    wanted = [("all", "all", "both")] + [(c, s, by) for c, s in sides.items() for by in ("zh", "en")]
    for cat, side, by in wanted:
        if cat == "all":
            part = both[(both["zh_score"] != 0) | (both["en_score"] != 0)]
        else:
            part = both[both[f"{by}_categories"].str.split().map(lambda cs: cat in cs)]
        if len(part) < 5:
            continue
        twins_ = part.groupby("zh_doc").indices
        keys = list(twins_)
        idiff, tdiff = part["intensity_diff"].to_numpy(), part["tone_diff"].to_numpy()
        boots_i, boots_t = [], []
        for _ in range(n_boot):
            take = np.concatenate([twins_[key] for key in rng.choice(keys, size=len(keys))])
            boots_i.append(idiff[take].mean())
            boots_t.append(tdiff[take].mean())
        rows.append({"category": cat, "side": side, "chosen_by": by, "groups": len(part), "twins": len(keys),
                     "zh_mean": part["zh_score"].mean(), "en_mean": part["en_score"].mean(),
                     "intensity_diff": idiff.mean(), "intensity_low": float(np.quantile(boots_i, 0.025)),
                     "intensity_high": float(np.quantile(boots_i, 0.975)), "tone_diff": tdiff.mean(),
                     "tone_low": float(np.quantile(boots_t, 0.025)), "tone_high": float(np.quantile(boots_t, 0.975))})
    return pd.DataFrame(rows)


def omission_table(shifts: pd.DataFrame, segments: pd.DataFrame, *, shorter: float = 0.6,
                   min_chars: int = 50) -> pd.DataFrame:
    """Content in one version and not the other: the groups with no paragraph on one side
    (``missing`` ``en`` or ``zh``), and those whose English is much shorter than the length
    model expects (``length_ratio`` below ``shorter``, in groups of at least ``min_chars``
    Chinese characters: a short reply's ratio says little): a sentence or a clause left
    out, or a condensed rendering, with both texts. Columns: zh_doc, group, kind, qa_no, missing
    (en, zh or shorter), length_ratio, zh_text, en_text."""
    s = shifts
    short = (s["length_ratio"] < shorter) & (s["zh_chars"] >= min_chars)
    missing = np.where(s["en_para"].isna(), "en", np.where(s["zh_para"].isna(), "zh", np.where(short, "shorter", "")))
    out = aligned_texts(s.assign(missing=missing)[missing != ""], segments)
    return out[["zh_doc", "group", "kind", "qa_no", "missing", "length_ratio", "zh_text", "en_text"]].reset_index(
        drop=True)


def mention_shift_table(shifts: pd.DataFrame, *, min_count: int = 1) -> pd.DataFrame:
    """Countries named in one version and not the other: for each country (code), the
    aligned groups naming it in both versions, in the Chinese only and in the English only,
    and the share of its groups that name it on one side only. Sorted by that count."""
    both = shifts[shifts["zh_para"].notna() & shifts["en_para"].notna()]
    counts: dict[str, list[int]] = {}
    for zc, ec in zip(both["zh_countries"], both["en_countries"]):
        z, e = set(zc.split()), set(ec.split())
        for c in z | e:
            row = counts.setdefault(c, [0, 0, 0])
            row[0 if c in z and c in e else 1 if c in z else 2] += 1
    out = pd.DataFrame([(c, *v) for c, v in counts.items()], columns=["country", "both", "only_zh", "only_en"])
    out["one_side_share"] = (out["only_zh"] + out["only_en"]) / out[["both", "only_zh", "only_en"]].sum(axis=1)
    out = out[out[["both", "only_zh", "only_en"]].sum(axis=1) >= min_count]
    return out.assign(one_side=out["only_zh"] + out["only_en"]).sort_values(
        ["one_side", "country"], ascending=[False, True]).drop(columns="one_side").reset_index(drop=True)


# ---------------------------------------------------------------------------
# For the notebooks

#: Chinese terms whose English renderings the reports table: the protest ladder, the
#: accusations, the principle, the partnership (each in the domain lexicon or the user dictionary)
KEY_TERMS = ("坚决反对", "强烈不满", "严正交涉", "强烈谴责", "抹黑", "污名化", "霸凌", "双重标准", "干涉", "内政",
             "别有用心", "冷战思维", "合作共赢", "互利共赢", "同舟共济", "人类命运共同体", "传统友好", "高度赞赏")


def find_twin(path) -> "Path | None":
    """A transcript file's other-language version beside it: ``<stem>_en<suffix>`` for a
    Chinese file, the stem without ``_en`` for an English one; None if there is none."""
    from pathlib import Path

    p = Path(path)
    other = p.with_name(p.stem[:-3] + p.suffix) if p.stem.endswith("_en") else p.with_name(p.stem + "_en" + p.suffix)
    return other if other.is_file() and other != p else None


def pair_summary(alignment: pd.DataFrame) -> pd.DataFrame:
    """Per twin: its groups, how many the turns aligned and how many the length model, and
    the groups with one side only. Columns: zh_doc, en_doc, groups, by_turns, by_length,
    zh_only, en_only."""
    a = alignment
    return a.groupby(["zh_doc", "en_doc"], sort=False).agg(
        groups=("group", "size"), by_turns=("method", lambda m: int((m == "turn").sum())),
        by_length=("method", lambda m: int((m == "length").sum())),
        zh_only=("en_para", lambda s: int(s.isna().sum())), en_only=("zh_para", lambda s: int(s.isna().sum())),
    ).reset_index()


def term_pair_table(alignment: pd.DataFrame, terms: pd.DataFrame, *, others: int = 3) -> pd.DataFrame:
    """How one twin renders its evaluative terms, read through the two lexicons: for each
    Chinese term the Chinese scorer counts, the aligned groups holding it, the English
    entries of the English domain lexicon that render it (its ``zh`` column names the
    term) found in those groups, and otherwise the English terms counted in the same
    direction there. Sparse text gives no reliable word association (:func:`rendering_table`
    needs many groups); this reads the lexicons' own pairing instead.

    Columns: term (Chinese; ¬ a negated one), direction (positive or negative), groups,
    rendered (the English entries rendering it, ``term ×n``), rendered_groups (groups where
    one stands), other (up to ``others`` other English terms of the same direction in the
    groups without one), unmatched (groups whose English counts nothing in that direction)."""
    from . import sentiment

    domain = pd.read_csv(sentiment.DOMAIN_LEXICON_EN, dtype=str, keep_default_na=False)
    renders: dict[str, set[str]] = {}
    for term, zh in zip(domain["term"], domain["zh"]):
        for z in zh.split("|"):
            if z:
                renders.setdefault(z, set()).add(sentiment._lemmas_en(term, " "))
    t = terms[terms["weight"] != 0]
    shown = np.where(t["negated"], sentiment.NEGATION_MARK + t["term"].astype(str), t["term"].astype(str)) \
        if "negated" in t.columns else t["term"].astype(str).to_numpy()
    scored: dict[tuple[str, int], list[tuple[str, int]]] = {}
    for d, p, term, w in zip(t["doc_id"].astype(str), t["para_no"].astype(int), shown, t["weight"]):
        scored.setdefault((d, p), []).append((term, 1 if w > 0 else -1))
    found: dict[tuple[str, int], dict] = {}
    for r in alignment[alignment["zh_para"].notna() & alignment["en_para"].notna()].itertuples():
        zh = [x for p in range(int(r.zh_para), int(r.zh_para_end) + 1) for x in scored.get((r.zh_doc, p), [])]
        en = [x for p in range(int(r.en_para), int(r.en_para_end) + 1) for x in scored.get((r.en_doc, p), [])]
        for term, sign in dict.fromkeys(zh):
            row = found.setdefault((term, sign), {"groups": 0, "rendered": {}, "rendered_groups": 0, "other": {},
                                                  "unmatched": 0})
            row["groups"] += 1
            mine = renders.get(term.lstrip(sentiment.NEGATION_MARK), set())
            hits = [e for e, _ in en if e.lstrip(sentiment.NEGATION_MARK) in mine]
            same = [e for e, s in en if s == sign]
            if hits:
                row["rendered_groups"] += 1
                for e in dict.fromkeys(hits):
                    row["rendered"][e] = row["rendered"].get(e, 0) + 1
            else:
                for e in dict.fromkeys(same):
                    row["other"][e] = row["other"].get(e, 0) + 1
            if not same:
                row["unmatched"] += 1

    def listing(counts: dict[str, int], n: int | None = None) -> str:
        items = sorted(counts.items(), key=lambda x: (-x[1], x[0]))[:n]
        return ", ".join(f"{e} ×{k}" for e, k in items)

    rows = [{"term": term, "direction": "positive" if sign > 0 else "negative", "groups": v["groups"],
             "rendered": listing(v["rendered"]), "rendered_groups": v["rendered_groups"],
             "other": listing(v["other"], others), "unmatched": v["unmatched"]} for (term, sign), v in found.items()]
    out = pd.DataFrame(rows, columns=["term", "direction", "groups", "rendered", "rendered_groups", "other",
                                      "unmatched"])
    return out.sort_values(["groups", "term"], ascending=[False, True]).reset_index(drop=True)
