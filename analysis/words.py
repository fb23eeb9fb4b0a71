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
from .tokens import add_segment_info, content_tokens, word_column
from .units import add_units, group_keys


def frequency_table(
    tokens: pd.DataFrame,
    segments: pd.DataFrame | None = None,
    *,
    by: str | Sequence[str] | None = None,
    content_only: bool = True,
    pool: bool = False,
) -> pd.DataFrame:
    """Term counts per document (and per group within it), most frequent first;
    ``pool=True`` counts across documents.

    ``by`` names grouping columns of the tokens or of their paragraphs
    (``kind``, ``speaker``, ``qa_origin``, ``unit_no``...); pass ``segments``
    when the column lives there. Columns: doc_id (unless pooled), the groups,
    term, count, per_10k (per 10,000 counted tokens of the group), rank (1 =
    most frequent within the group, ties share the lower rank).
    """
    groups = group_keys(by, pool=pool)
    tok = content_tokens(tokens) if content_only else tokens
    tok = _with_columns(tok, segments, groups)
    word = word_column(tok)
    counts = tok.groupby(groups + [word], dropna=False).size().rename("count").reset_index()
    counts = counts.rename(columns={word: "term"})
    totals = counts.groupby(groups, dropna=False)["count"].transform("sum") if groups else counts["count"].sum()
    counts["per_10k"] = (counts["count"] / totals * 10_000).round(2)
    counts = counts.sort_values(groups + ["count", "term"], ascending=[True] * len(groups) + [False, True])
    grouped = counts.groupby(groups, dropna=False)["count"] if groups else counts["count"]
    counts["rank"] = grouped.rank(method="min", ascending=False).astype("int64")
    return counts.reset_index(drop=True)


def _with_columns(tok: pd.DataFrame, segments: pd.DataFrame | None, columns: Sequence[str]) -> pd.DataFrame:
    """Tokens with the paragraph columns they lack among ``columns`` (outlet
    information and units added to ``segments`` when asked for)."""
    missing = [c for c in columns if c not in tok.columns]
    if not missing:
        return tok
    if segments is None:
        raise ValueError(f"columns {missing} are not in the tokens: pass segments=")
    seg = segments
    if any(m not in seg.columns and m.startswith("qa_") for m in missing):
        seg = add_outlet_info(seg)
    if any(m not in seg.columns for m in missing):
        seg = add_units(seg)
    return add_segment_info(tok, seg, columns=missing)


def keyness_table(
    tokens: pd.DataFrame,
    segments: pd.DataFrame | None = None,
    *,
    by: str,
    target: object,
    reference: object | None = None,
    min_count: int = 3,
    pool: bool = False,
) -> pd.DataFrame:
    """Terms over- and under-used in a target group against a reference, within
    each document (``pool=True``: the groups pooled across documents, as for
    two periods or two spokespersons of a corpus).

    Rows are paragraphs' tokens whose ``by`` column equals ``target`` against
    those equal to ``reference`` (default: every other value). For each term
    with at least ``min_count`` occurrences in the two together: counts, G²
    (log-likelihood, no continuity correction) signed positive where the term
    is relatively more frequent in the target, its p-value, and Hardie's Log
    Ratio effect size (log2 of the ratio of relative frequencies; a zero
    count is taken as 0.5). Sorted by signed G², highest first (within each
    document). A document without tokens in both groups has no rows; when no
    document has, the error names the empty group.
    """
    tok = _with_columns(content_tokens(tokens), segments, [by])
    keys = group_keys(None, pool=pool)
    parts = []
    sizes = {}
    for key, part in (tok.groupby(keys, sort=False) if keys else [((), tok)]):
        in_target = part[by] == target
        in_reference = ~in_target if reference is None else part[by] == reference
        a = part.loc[in_target, word_column(part)].value_counts()
        b = part.loc[in_reference, word_column(part)].value_counts()
        size_a, size_b = int(a.sum()), int(b.sum())
        sizes[key] = (size_a, size_b)
        if size_a == 0 or size_b == 0:
            continue
        table = _keyness(a, b, size_a, size_b, min_count)
        if keys:
            table.insert(0, "doc_id", key[0] if isinstance(key, tuple) else key)
        parts.append(table)
    if not parts:
        empty = "target" if all(a == 0 for a, _ in sizes.values()) else "reference"
        raise ValueError(f"the {empty} group ({by} = {target if empty == 'target' else reference!r}) has no tokens")
    out = pd.concat(parts, ignore_index=True)
    out.attrs.update(by=by, target=target, reference=reference,
                     size_target=sum(a for a, _ in sizes.values()), size_reference=sum(b for _, b in sizes.values()))
    return out


def _keyness(a: pd.Series, b: pd.Series, size_a: int, size_b: int, min_count: int) -> pd.DataFrame:
    table = pd.concat([a.rename("n_target"), b.rename("n_reference")], axis=1).fillna(0).astype("int64")
    table = table[(table["n_target"] + table["n_reference"]) >= min_count]
    rows = []
    for term, n_t, n_r in table.itertuples():
        contingency = np.array([[n_t, size_a - n_t], [n_r, size_b - n_r]])
        g2, p, _, _ = chi2_contingency(contingency, correction=False, lambda_="log-likelihood")
        ratio = math.log2((max(n_t, 0.5) / size_a) / (max(n_r, 0.5) / size_b))
        rows.append((term, n_t, n_r, g2 if ratio >= 0 else -g2, p, ratio))
    out = pd.DataFrame(rows, columns=["term", "n_target", "n_reference", "g2", "p", "log_ratio"])
    return out.sort_values(["g2", "term"], ascending=[False, True], ignore_index=True)


def top_terms_table(table: pd.DataFrame, *, n: int = 20, by: str | Sequence[str] | None = None) -> pd.DataFrame:
    """The first ``n`` rows of each document (and group of ``by``) of a ranked term
    table (:func:`frequency_table`, or :func:`analysis.topics.keyword_table` by
    ``unit_no``), in its order: the terms a bar chart or a word cloud draws."""
    groups = group_keys(by) if "doc_id" in table.columns else [b for b in ([by] if isinstance(by, str) else by or [])]
    if not groups:
        return table.head(n).reset_index(drop=True)
    return table.groupby(groups, sort=False, dropna=False).head(n).reset_index(drop=True)


def key_terms_table(keyness: pd.DataFrame, *, n: int = 12) -> pd.DataFrame:
    """The ``n`` most key terms of the target group and of the reference group in
    each document (:func:`keyness_table`): the rows a keyness chart draws, most key
    target term first, most key reference term last."""
    def pick(part: pd.DataFrame) -> pd.DataFrame:
        top, bottom = part.head(n), part.tail(n)
        return pd.concat([top[top["g2"] > 0], bottom[bottom["g2"] < 0]])

    if "doc_id" not in keyness.columns:
        return pick(keyness).reset_index(drop=True)
    return pd.concat([pick(part) for _, part in keyness.groupby("doc_id", sort=False)], ignore_index=True)


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
    pool: bool = False,
) -> pd.DataFrame:
    """Word pairs that occur together more than chance (NLTK association measures),
    in each document (``pool=True``: across documents).

    Pairs are counted among content tokens within a paragraph, never across
    paragraphs; ``window`` 2 means adjacent content words. ``measure`` is
    Dunning's log-likelihood ratio (``llr``) or pointwise mutual information
    (``pmi``); both scores are returned, sorted by the one chosen.
    """
    keys = group_keys(None, pool=pool)
    parts = []
    for key, part in (tokens.groupby(keys, sort=False) if keys else [((), tokens)]):
        table = _collocations(part, measure=measure, min_count=min_count, window=window)
        if keys:
            table.insert(0, "doc_id", key[0] if isinstance(key, tuple) else key)
        parts.append(table)
    return pd.concat(parts, ignore_index=True) if parts else _collocations(tokens, measure=measure,
                                                                           min_count=min_count, window=window)


def _collocations(tokens: pd.DataFrame, *, measure: str, min_count: int, window: int) -> pd.DataFrame:
    from nltk.collocations import BigramAssocMeasures, BigramCollocationFinder

    content = content_tokens(tokens)
    sep = "\x00"  # paragraph boundary: pairs never cross it
    words: list[str] = []
    for _, para in content.groupby(["doc_id", "para_no"], sort=False)[word_column(content)]:
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


def origin_keyness_table(tokens: pd.DataFrame, segments: pd.DataFrame, *, min_count: int = 3,
                         pool: bool = False) -> pd.DataFrame | None:
    """Keyness of the principal's answers to foreign outlets against answers to
    domestic ones (outlet origins from ``data/outlets.csv``), in each document
    that has both (``pool=True``: across documents), or None when none has
    (anonymous briefings, say)."""
    seg = add_outlet_info(segments)
    answers = seg[seg["kind"] == "answer"]
    both = answers.groupby("doc_id")["qa_origin"].agg(lambda o: {"domestic", "foreign"} <= set(o))
    if pool:
        if not {"domestic", "foreign"} <= set(answers["qa_origin"]):
            return None
    elif not both.any():
        return None
    else:
        answers = answers[answers["doc_id"].isin(both.index[both])]
    # tokens outside answers get no qa_origin from `answers` and fall in neither group
    tok = tokens[tokens["doc_id"].isin(answers["doc_id"].unique())]
    return keyness_table(tok, answers, by="qa_origin", target="foreign", reference="domestic",
                         min_count=min_count, pool=pool)
