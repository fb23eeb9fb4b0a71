"""Word statistics: frequencies, keyness, concordance (KWIC), collocations.

Each function returns a tidy DataFrame. Keyness uses scipy's log-likelihood
G² on each term's 2×2 table, as quanteda's ``textstat_keyness(measure="lr")``
and AntConc report it; collocations use NLTK's association measures.
"""
from __future__ import annotations

import math
import re
from typing import Literal, Sequence

import numpy as np
import pandas as pd
from scipy.stats import chi2_contingency

from .outlets import add_outlet_info
from .tokens import add_segment_info, content_tokens


def frequency_table(
    tokens: pd.DataFrame,
    segments: pd.DataFrame | None = None,
    *,
    by: str | Sequence[str] | None = None,
    content_only: bool = True,
) -> pd.DataFrame:
    """Term counts, overall or per group, most frequent first.

    ``by`` names grouping columns of the tokens or of their paragraphs
    (``kind``, ``speaker``, ``qa_origin``, ``section_no``, ``doc_id``...); pass
    ``segments`` when the column lives there. Columns: the groups, term,
    count, per_10k (per 10,000 counted tokens of the group), rank (1 = most
    frequent within the group, ties share the lower rank).
    """
    groups = [by] if isinstance(by, str) else list(by or [])
    tok = content_tokens(tokens) if content_only else tokens
    missing = [g for g in groups if g not in tok.columns]
    if missing:
        if segments is None:
            raise ValueError(f"columns {missing} are not in the tokens: pass segments=")
        seg = segments if all(m in segments.columns for m in missing) else add_outlet_info(segments)
        tok = add_segment_info(tok, seg, columns=missing)
    counts = tok.groupby(groups + ["token"], dropna=False).size().rename("count").reset_index()
    counts = counts.rename(columns={"token": "term"})
    totals = counts.groupby(groups, dropna=False)["count"].transform("sum") if groups else counts["count"].sum()
    counts["per_10k"] = (counts["count"] / totals * 10_000).round(2)
    counts = counts.sort_values(groups + ["count", "term"], ascending=[True] * len(groups) + [False, True])
    grouped = counts.groupby(groups, dropna=False)["count"] if groups else counts["count"]
    counts["rank"] = grouped.rank(method="min", ascending=False).astype("int64")
    return counts.reset_index(drop=True)


def keyness_table(
    tokens: pd.DataFrame,
    segments: pd.DataFrame | None = None,
    *,
    by: str,
    target: object,
    reference: object | None = None,
    min_count: int = 3,
) -> pd.DataFrame:
    """Terms over- and under-used in a target group against a reference.

    Rows are paragraphs' tokens whose ``by`` column equals ``target`` against
    those equal to ``reference`` (default: every other value). For each term
    with at least ``min_count`` occurrences in the two together: counts, G²
    (log-likelihood, no continuity correction) signed positive where the term
    is relatively more frequent in the target, its p-value, and Hardie's Log
    Ratio effect size (log2 of the ratio of relative frequencies; a zero
    count is taken as 0.5). Sorted by signed G², highest first.
    """
    tok = content_tokens(tokens)
    if by not in tok.columns:
        if segments is None:
            raise ValueError(f"column {by!r} is not in the tokens: pass segments=")
        seg = segments if by in segments.columns else add_outlet_info(segments)
        tok = add_segment_info(tok, seg, columns=[by])
    in_target = tok[by] == target
    in_reference = ~in_target if reference is None else tok[by] == reference
    a = tok.loc[in_target, "token"].value_counts()
    b = tok.loc[in_reference, "token"].value_counts()
    size_a, size_b = int(a.sum()), int(b.sum())
    if size_a == 0 or size_b == 0:
        empty = "target" if size_a == 0 else "reference"
        raise ValueError(f"the {empty} group ({by} = {target if size_a == 0 else reference!r}) has no tokens")
    table = pd.concat([a.rename("n_target"), b.rename("n_reference")], axis=1).fillna(0).astype("int64")
    table = table[(table["n_target"] + table["n_reference"]) >= min_count]
    rows = []
    for term, n_t, n_r in table.itertuples():
        contingency = np.array([[n_t, size_a - n_t], [n_r, size_b - n_r]])
        g2, p, _, _ = chi2_contingency(contingency, correction=False, lambda_="log-likelihood")
        ratio = math.log2((max(n_t, 0.5) / size_a) / (max(n_r, 0.5) / size_b))
        rows.append((term, n_t, n_r, g2 if ratio >= 0 else -g2, p, ratio))
    out = pd.DataFrame(rows, columns=["term", "n_target", "n_reference", "g2", "p", "log_ratio"])
    out.attrs.update(size_target=size_a, size_reference=size_b, by=by, target=target, reference=reference)
    return out.sort_values(["g2", "term"], ascending=[False, True], ignore_index=True)


def kwic(
    segments: pd.DataFrame,
    pattern: str,
    *,
    window: int = 20,
    regex: bool = False,
) -> pd.DataFrame:
    """Keyword in context: every occurrence of ``pattern`` in the paragraphs' text.

    Matching is on characters, as Chinese concordancers do, so it finds a
    string whether or not the segmenter keeps it whole (中美 inside 中美关系).
    ``window`` characters of context stand on each side, within the paragraph.
    Columns: doc_id, para_no, kind, speaker, qa_no, start, end, left, match, right.
    """
    if not pattern:
        raise ValueError("the KWIC pattern is empty")
    rx = re.compile(pattern if regex else re.escape(pattern))
    rows = []
    for row in segments.itertuples(index=False):
        for m in rx.finditer(row.text):
            s, e = m.span()
            rows.append(
                (row.doc_id, row.para_no, row.kind, row.speaker, row.qa_no, s, e,
                 row.text[max(0, s - window):s], m.group(0), row.text[e:e + window])
            )
    columns = ["doc_id", "para_no", "kind", "speaker", "qa_no", "start", "end", "left", "match", "right"]
    return pd.DataFrame(rows, columns=columns).astype({"qa_no": "Int64"})


def collocation_table(
    tokens: pd.DataFrame,
    *,
    measure: Literal["llr", "pmi"] = "llr",
    min_count: int = 3,
    window: int = 2,
) -> pd.DataFrame:
    """Word pairs that occur together more than chance (NLTK association measures).

    Pairs are counted among content tokens within a paragraph, never across
    paragraphs; ``window`` 2 means adjacent content words. ``measure`` is
    Dunning's log-likelihood ratio (``llr``) or pointwise mutual information
    (``pmi``); both scores are returned, sorted by the one chosen.
    """
    from nltk.collocations import BigramAssocMeasures, BigramCollocationFinder

    content = content_tokens(tokens)
    sep = "\x00"  # paragraph boundary: pairs never cross it
    words: list[str] = []
    for _, para in content.groupby(["doc_id", "para_no"], sort=False)["token"]:
        words.extend(para.tolist())
        words.append(sep)
    finder = BigramCollocationFinder.from_words(words, window_size=window)
    finder.apply_ngram_filter(lambda w1, w2: sep in (w1, w2))
    finder.apply_freq_filter(min_count)
    measures = BigramAssocMeasures()
    llr = dict(finder.score_ngrams(measures.likelihood_ratio))
    pmi = dict(finder.score_ngrams(measures.pmi))
    rows = [(w1, w2, finder.ngram_fd[(w1, w2)], llr[(w1, w2)], pmi[(w1, w2)]) for (w1, w2) in llr]
    out = pd.DataFrame(rows, columns=["word1", "word2", "count", "llr", "pmi"])
    return out.sort_values([measure, "word1", "word2"], ascending=[False, True, True], ignore_index=True)


def origin_keyness_table(tokens: pd.DataFrame, segments: pd.DataFrame, *, min_count: int = 3) -> pd.DataFrame | None:
    """Keyness of the principal's answers to foreign outlets against answers to
    domestic ones (outlet origins from ``data/outlets.csv``), or None when the
    transcript has no answers to one of the two (anonymous briefings, say)."""
    seg = add_outlet_info(segments)
    answers = seg[seg["kind"] == "answer"]
    if not {"domestic", "foreign"} <= set(answers["qa_origin"]):
        return None
    # tokens outside answers get no qa_origin from `answers` and fall in neither group
    return keyness_table(tokens, answers, by="qa_origin", target="foreign", reference="domestic",
                         min_count=min_count)
