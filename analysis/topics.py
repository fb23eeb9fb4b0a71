"""Topics: what each section is about, and the themes that cut across a transcript.

Three views, each a tidy table:

- :func:`keyword_table`: the terms that set each unit of a document (its
  sections, or its Q&As where it has no headlines) apart from the rest, by class-based TF-IDF as
  BERTopic computes it (Grootendorst 2022): ``w(t, c) = tf(t, c) / |c| *
  log(1 + A / f(t))``, with ``|c|`` the counted tokens of section ``c``, ``A``
  the mean tokens per section and ``f(t)`` the frequency of ``t`` across all
  sections.
- :func:`theme_model`: an NMF topic model (scikit-learn, fixed random state)
  over answer paragraphs, its number of topics chosen by NPMI coherence
  computed on the transcript itself (:func:`coherence_table`).
- :func:`code_table`: transparent coding rules from ``data/codebook.csv``,
  as KH Coder's coding rules: a paragraph has a theme when it contains one of
  the theme's terms.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from itertools import combinations
from typing import Literal

import numpy as np
import pandas as pd
from sklearn.decomposition import NMF
from sklearn.feature_extraction.text import CountVectorizer, TfidfTransformer

from .config import DATA_DIR
from .labels import Lang, theme_terms_label
from .outlets import add_outlet_info
from .tokens import add_segment_info, content_tokens, word_column
from .units import add_units, group_keys

CODEBOOK_CSV = DATA_DIR / "codebook.csv"


def _answer_docs(segments: pd.DataFrame, tokens: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    answers = segments[segments["kind"] == "answer"]
    if answers.empty:
        raise ValueError("the transcript has no answer paragraphs to model")
    tok = content_tokens(tokens).merge(answers[["doc_id", "para_no"]], on=["doc_id", "para_no"])
    return answers, tok


def keyword_table(segments: pd.DataFrame, tokens: pd.DataFrame, *, n: int = 10) -> pd.DataFrame:
    """The ``n`` most distinctive terms of each unit's answers within its document
    (c-TF-IDF over the document's units: its sections where it has headlines, its
    Q&As otherwise; see :func:`analysis.units.add_units`).

    Columns: doc_id, unit_no, unit_title (the headline, or empty), rank, term,
    score, count (the term's count in the unit's answers).
    """
    answers, tok = _answer_docs(segments, tokens)
    answers = add_units(answers)
    tok = add_segment_info(tok, answers, columns=["unit_no"])
    titles = answers.drop_duplicates(["doc_id", "unit_no"]).set_index(["doc_id", "unit_no"])["unit_title"]
    rows = []
    for doc_id, doc in tok.groupby("doc_id", sort=False):
        counts = doc.groupby(["unit_no", word_column(doc)]).size().unstack(fill_value=0)
        tf = counts.div(counts.sum(axis=1), axis=0)
        mean_size = counts.sum(axis=1).mean()
        idf = np.log(1 + mean_size / counts.sum(axis=0))
        scores = tf * idf
        for unit, row in scores.iterrows():
            top = row.sort_values(ascending=False, kind="stable")
            top = top[top > 0].head(n)
            for rank, (term, score) in enumerate(top.items(), 1):
                rows.append((doc_id, int(unit), titles.get((doc_id, unit), ""), rank, term, float(score),
                             int(counts.at[unit, term])))
    return pd.DataFrame(rows, columns=["doc_id", "unit_no", "unit_title", "rank", "term", "score", "count"])


# ---------------------------------------------------------------------------
# NMF themes and their coherence


def _paragraph_terms(tok: pd.DataFrame) -> pd.Series:
    return tok.groupby(["doc_id", "para_no"], sort=False)[word_column(tok)].agg(list)


def npmi(top_terms: list[str], documents: list[set[str]]) -> float:
    """Mean normalised PMI of the pairs of ``top_terms``, on document co-occurrence.

    NPMI(a, b) = log(P(a, b) / (P(a) P(b))) / -log P(a, b), with P the share of
    documents (here: answer paragraphs) that contain the words; a pair that
    never co-occurs scores -1 (Bouma 2009).
    """
    n = len(documents)
    scores = []
    for a, b in combinations(top_terms, 2):
        pa = sum(a in d for d in documents) / n
        pb = sum(b in d for d in documents) / n
        pab = sum(a in d and b in d for d in documents) / n
        if pab == 0:
            scores.append(-1.0)
        elif pab == 1:
            scores.append(1.0)
        else:
            scores.append(math.log(pab / (pa * pb)) / -math.log(pab))
    return float(np.mean(scores)) if scores else float("nan")


def _npmi_scores(presence, columns: list[np.ndarray]) -> list[float]:
    """:func:`npmi` of several term lists at once: ``presence`` is a binary
    documents × vocabulary matrix (scipy sparse), each entry of ``columns`` a list
    of vocabulary indices. The same arithmetic as :func:`npmi`, on co-occurrence
    counts from one sparse product per list instead of a scan per pair."""
    n = presence.shape[0]
    scores = []
    for cols in columns:
        sub = presence[:, cols]
        together = (sub.T @ sub).toarray()
        alone = np.diag(together)
        pairs = []
        for i, j in combinations(range(len(cols)), 2):
            pa, pb, pab = alone[i] / n, alone[j] / n, together[i, j] / n
            if pab == 0:
                pairs.append(-1.0)
            elif pab == 1:
                pairs.append(1.0)
            else:
                pairs.append(math.log(pab / (pa * pb)) / -math.log(pab))
        scores.append(float(np.mean(pairs)) if pairs else float("nan"))
    return scores


@dataclass
class ThemeModel:
    """A fitted NMF theme model: its terms, paragraph weights and coherence."""

    k: int
    terms: pd.DataFrame  # theme, rank, term, weight
    weights: pd.DataFrame  # doc_id, para_no, theme_1 ... theme_k
    coherence: pd.DataFrame  # k, npmi (every k tried)
    paragraphs: int = 0  # answer paragraphs fitted

    def caveats(self) -> list[str]:
        """What a reader should know before trusting the themes: a number of themes
        at the top of the range tried (coherence had not peaked: the choice is the
        range's, not the data's), and themes resting on a handful of paragraphs."""
        notes = []
        if len(self.coherence) > 1 and self.k == int(self.coherence["k"].max()):
            notes.append(f"{self.k} themes is the largest number tried: coherence was still rising, so the "
                         "range chose it, not the data. Set n_topics to compare fewer themes.")
        if self.paragraphs and self.paragraphs / self.k < 4:
            notes.append(f"{self.paragraphs} answer paragraphs for {self.k} themes (about "
                         f"{self.paragraphs / self.k:.1f} a theme): each theme rests on a few paragraphs; "
                         "read them as leads, not as the transcript's structure.")
        return notes

    def labels(self, n: int = 3, lang: Lang = "zh") -> dict[str, str]:
        """Each theme's label: its ``n`` top terms (in English their glosses)."""
        return {
            theme: theme_terms_label("·".join(group.nsmallest(n, "rank")["term"]), lang)
            for theme, group in self.terms.groupby("theme", sort=False)
        }


def _fit(matrix, vocab: np.ndarray, k: int, n_terms: int) -> tuple[np.ndarray, pd.DataFrame]:
    model = NMF(n_components=k, init="nndsvd", random_state=0, max_iter=1000)
    w = model.fit_transform(matrix)
    rows = []
    for i, comp in enumerate(model.components_):
        order = np.argsort(-comp, kind="stable")[:n_terms]
        for rank, j in enumerate(order, 1):
            rows.append((f"theme_{i + 1}", rank, vocab[j], float(comp[j])))
    return w, pd.DataFrame(rows, columns=["theme", "rank", "term", "weight"])


def coherence_table(
    segments: pd.DataFrame,
    tokens: pd.DataFrame,
    *,
    ks: range = range(2, 9),
    n_terms: int = 10,
) -> pd.DataFrame:
    """Mean NPMI of each theme's top terms, for each number of themes ``k``."""
    return theme_model(segments, tokens, n_topics="auto", ks=ks, n_terms=n_terms).coherence


def theme_model(
    segments: pd.DataFrame,
    tokens: pd.DataFrame,
    *,
    n_topics: int | Literal["auto"] = "auto",
    ks: range = range(2, 9),
    n_terms: int = 10,
) -> ThemeModel:
    """NMF over TF-IDF of the answer paragraphs' content tokens.

    With ``n_topics="auto"`` every ``k`` in ``ks`` is fitted and the one whose
    themes have the highest mean NPMI (on the transcript's own answer
    paragraphs) is kept; ties go to the smaller ``k``. The coherence of every
    ``k`` tried is in ``.coherence``.
    """
    answers, tok = _answer_docs(segments, tokens)
    para_terms = _paragraph_terms(tok)
    vectorizer = CountVectorizer(analyzer=lambda terms: terms, min_df=2)
    counts = vectorizer.fit_transform(para_terms.tolist())
    vocab = vectorizer.get_feature_names_out()
    tfidf = TfidfTransformer().fit_transform(counts)
    presence = (counts > 0).astype(np.int64).tocsc()
    position = {term: i for i, term in enumerate(vocab)}
    max_k = min(max(ks), counts.shape[0] - 1, counts.shape[1] - 1)
    tried = [int(n_topics)] if n_topics != "auto" else [k for k in ks if k <= max_k]
    if not tried or tried[0] < 1:
        raise ValueError(f"too few answer paragraphs or terms for a theme model ({counts.shape})")
    fits = {}
    for k in tried:
        w, terms = _fit(tfidf, vocab, k, n_terms)
        columns = [np.array([position[t] for t in g["term"]]) for _, g in terms.groupby("theme")]
        score = np.mean(_npmi_scores(presence, columns))
        fits[k] = (w, terms, float(score))
    coherence = pd.DataFrame([(k, fits[k][2]) for k in tried], columns=["k", "npmi"])
    best = int(coherence.sort_values(["npmi", "k"], ascending=[False, True]).iloc[0]["k"])
    w, terms, _ = fits[best]
    weights = pd.DataFrame(w, columns=[f"theme_{i + 1}" for i in range(best)])
    keys = pd.DataFrame(list(para_terms.index), columns=["doc_id", "para_no"])
    return ThemeModel(k=best, terms=terms, weights=pd.concat([keys, weights], axis=1), coherence=coherence,
                      paragraphs=int(counts.shape[0]))


def theme_flow_table(model: ThemeModel, segments: pd.DataFrame) -> pd.DataFrame:
    """Each answer paragraph's share of each theme (its NMF weights scaled to sum to
    one; all zero where it fits no theme), in speaking order, with its unit: what the
    theme-flow chart draws. Columns: doc_id, para_no, unit, unit_no, unit_start (the
    unit's first answer paragraph: where the chart draws a line), theme, label (the
    theme's top terms), share."""
    seg = add_units(segments)[["doc_id", "para_no", "unit", "unit_no"]]
    themes = [c for c in model.weights.columns if c.startswith("theme_")]
    w = model.weights.merge(seg, on=["doc_id", "para_no"]).sort_values(["doc_id", "para_no"]).reset_index(drop=True)
    m = w[themes].to_numpy(dtype=float)
    m = m / np.where(m.sum(axis=1, keepdims=True) > 0, m.sum(axis=1, keepdims=True), 1)
    shares = pd.DataFrame(m, columns=themes)
    long = pd.concat([w[["doc_id", "para_no", "unit", "unit_no"]], shares], axis=1).melt(
        id_vars=["doc_id", "para_no", "unit", "unit_no"], var_name="theme", value_name="share")
    long["order"] = long["theme"].map({t: i for i, t in enumerate(themes)})
    long = long.sort_values(["doc_id", "para_no", "order"], kind="stable").drop(columns="order")
    long.insert(5, "label", long["theme"].map(model.labels()))
    # where each unit begins: the chart's vertical lines
    first = w["unit_no"].ne(w.groupby("doc_id")["unit_no"].shift()).fillna(True).astype(bool)
    starts = pd.MultiIndex.from_frame(w.loc[first, ["doc_id", "para_no"]])
    long.insert(4, "unit_start", pd.MultiIndex.from_frame(long[["doc_id", "para_no"]]).isin(starts))
    return long.reset_index(drop=True)


def theme_share_table(model: ThemeModel, segments: pd.DataFrame, *, pool: bool = False) -> pd.DataFrame:
    """Share of each document's answer text (characters; ``pool=True``: of all
    documents') whose strongest theme is each theme: doc_id, theme, share, label."""
    keys = group_keys(None, pool=pool)
    w = model.weights.set_index(["doc_id", "para_no"])
    dominant = w.idxmax(axis=1).where(w.max(axis=1) > 0, "none").rename("theme")
    chars = segments.set_index(["doc_id", "para_no"])["n_chars"]
    table = pd.concat([dominant, chars.reindex(dominant.index)], axis=1).reset_index()
    sums = table.groupby(keys + ["theme"])["n_chars"].sum().rename("share").reset_index()
    totals = sums.groupby(keys)["share"].transform("sum") if keys else sums["share"].sum()
    sums["share"] = sums["share"] / totals
    sums["label"] = sums["theme"].map(model.labels()).fillna("")
    return sums.sort_values(keys + ["share"], ascending=[True] * len(keys) + [False], ignore_index=True)


# ---------------------------------------------------------------------------
# Coding rules


def read_codebook() -> pd.DataFrame:
    """The codebook: theme, name_zh, name_en, terms (separated by |), rationale."""
    table = pd.read_csv(CODEBOOK_CSV, dtype=str, keep_default_na=False)
    if table["theme"].duplicated().any():
        raise ValueError(f"{CODEBOOK_CSV}: a theme is listed twice")
    return table


def code_table(segments: pd.DataFrame, *, codebook: pd.DataFrame | None = None) -> pd.DataFrame:
    """One boolean column per codebook theme: does the paragraph's text contain one of its terms?

    Keeps doc_id, para_no, kind, qa_no, section_no, n_chars and adds the theme
    columns, for every paragraph (questions included; filter by ``kind``).
    """
    codebook = read_codebook() if codebook is None else codebook
    out = segments[["doc_id", "para_no", "kind", "qa_no", "section_no", "n_chars"]].copy()
    for row in codebook.itertuples():
        terms = [t for t in row.terms.split("|") if t]
        out[row.theme] = segments["text"].apply(lambda text, terms=terms: any(t in text for t in terms))
    return out


def theme_share_by(
    segments: pd.DataFrame,
    *,
    by: Literal["unit_no", "qa_no", "qa_origin", None] = None,
    codebook: pd.DataFrame | None = None,
    pool: bool = False,
) -> pd.DataFrame:
    """Share of answer text (characters) coded with each theme, per document and
    group (``pool=True``: across documents).

    A paragraph may carry several themes, so shares need not sum to one.
    Columns: doc_id (unless pooled), the group (if any), theme, share, paragraphs.
    """
    codebook = read_codebook() if codebook is None else codebook
    seg = add_outlet_info(segments) if by == "qa_origin" else add_units(segments) if by == "unit_no" else segments
    coded = code_table(seg, codebook=codebook)
    coded = coded[coded["kind"] == "answer"]
    if by in ("qa_origin", "unit_no"):
        coded = coded.assign(**{by: seg.loc[coded.index, by]})
    themes = list(codebook["theme"])
    groups = group_keys(by, pool=pool)
    rows = []
    for key, part in (coded.groupby(groups, sort=True) if groups else [((), coded)]):
        total = part["n_chars"].sum()
        for theme in themes:
            mask = part[theme]
            rows.append((*((key,) if not isinstance(key, tuple) else key), theme,
                         float(part.loc[mask, "n_chars"].sum() / total) if total else 0.0, int(mask.sum())))
    return pd.DataFrame(rows, columns=groups + ["theme", "share", "paragraphs"])
