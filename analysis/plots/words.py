"""Figures of words: frequent terms, word clouds, keyness (the words notebook)."""
from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.figure import Figure

from ..labels import Lang, label, term_label
from .style import ORIGIN_COLORS, diverging_bars, figure_style, font_path, wrap


_PANEL_ORDER = {kind: i for i, kind in enumerate(("narration", "statement", "question", "answer"))}


def plot_top_terms(table: pd.DataFrame, *, by: str | None = None, lang: Lang = "zh") -> Figure:
    """Horizontal bars of term counts, most frequent on top; one panel per value of ``by``.

    ``table`` is :func:`analysis.words.top_terms_table` (the terms to draw, in order).
    """
    groups = [(None, table)] if by is None else list(table.groupby(by, sort=False))
    groups.sort(key=lambda g: _PANEL_ORDER.get(g[0], 99))
    n = max((len(g) for _, g in groups), default=0)
    height = max(2.0, 0.16 * n + 0.9)
    with figure_style("double" if by else "single"):
        fig, axes = plt.subplots(1, len(groups), figsize=(3.5 * len(groups), height), squeeze=False)
        for ax, (value, part) in zip(axes[0], groups):
            top = part.iloc[::-1]
            ax.barh([term_label(t, lang) for t in top["term"]], top["count"], color="#4d4d4d")
            ax.set_xlabel(label("count", lang))
            ax.xaxis.get_major_locator().set_params(integer=True)
            if value is not None:
                ax.set_title(label(str(value), lang))
        fig.suptitle(label("top_terms_by_kind" if by else "top_terms", lang))
    return fig


def wordcloud_layout(freq: pd.DataFrame, *, max_words: int = 100, seed: int = 0):
    """Lay out a word cloud from our own counts (``term``, ``count``), never from
    wordcloud's tokenizer, which drops one-character words. Fixed random state,
    so the same counts give the same picture."""
    from wordcloud import WordCloud

    counts = dict(zip(freq["term"], freq["count"]))
    return WordCloud(
        font_path=str(font_path()),
        width=1400,
        height=800,
        background_color="white",
        max_words=max_words,
        prefer_horizontal=1.0,
        min_font_size=28,  # 28 px of 1400 across a 3.5 in column: 5 pt in print, the smallest legible
        colormap="Dark2",  # dark colours only: every word legible on white
        random_state=seed,
    ).generate_from_frequencies(counts)


def plot_wordcloud(
    freq: pd.DataFrame, *, title: str, lang: Lang = "zh", max_words: int = 100, seed: int = 0
) -> Figure:
    """A word cloud of ``freq`` (see :func:`wordcloud_layout`) under a title (a label key);
    with ``lang="en"`` the words are their English glosses (:func:`analysis.labels.term_gloss`)."""
    if lang == "en":  # English glosses alone (terms sharing a gloss add up); unglossed terms stay Chinese
        freq = freq.assign(term=[term_label(t, lang, chinese=False) for t in freq["term"]]).groupby(
            "term", sort=False, as_index=False)["count"].sum()
    cloud = wordcloud_layout(freq, max_words=max_words, seed=seed)
    with figure_style("single"):
        fig, ax = plt.subplots(figsize=(3.5, 2.2))
        ax.imshow(cloud.to_array(), interpolation="bilinear")
        ax.set_axis_off()
        ax.set_title(label(title, lang))
    return fig


def plot_keyness(table: pd.DataFrame, *, target: str, reference: str, lang: Lang = "zh",
                 value: str = "g2", names: tuple[str, str] | None = None, annotate: str | None = None) -> Figure:
    """Diverging bars: the most key terms of the target group (right) and of the
    reference group (left), as quanteda's textplot_keyness; the bars are signed G²
    (``value="g2"``) or the Log Ratio effect size (``value="log_ratio"``, for
    corpora, where G² grows with size and ranks frequent terms first).

    ``table`` is :func:`analysis.words.key_terms_table` (most key target term first);
    ``target`` and ``reference`` are label keys naming the two groups, or, with
    ``names``, the names themselves (two periods, two spokespersons). With
    ``annotate="log_ratio"`` each bar of G² has its Log Ratio written beside it (for
    corpora: the bars rank the evidence, the numbers give the size of the effect).
    """
    rows = table.iloc[::-1]  # most key target term on top, most key reference term at the bottom
    height = max(2.0, 0.16 * len(rows) + 1.0)
    shown = (label(target, lang), label(reference, lang)) if names is None else names
    with figure_style("single"):
        fig, ax = plt.subplots(figsize=(3.5, height))
        colors = [ORIGIN_COLORS["foreign" if g > 0 else "domestic"] for g in rows["g2"]]
        diverging_bars(ax, [wrap(term_label(t, lang), 30) for t in rows["term"]], rows[value], colors)
        if value == "g2":
            for x in (-3.84, 3.84):  # p = 0.05 for one term, before any correction for the many tested
                ax.axvline(x, color="#7f8c8d", linewidth=0.5, linestyle="--")
        xlabel = label("keyness" if value == "g2" else "log_ratio", lang)
        if annotate:
            span = float(rows[value].abs().max()) if len(rows) else 1.0
            for y, (v, a) in enumerate(zip(rows[value], rows[annotate])):
                ax.text(v + (0.02 if v >= 0 else -0.02) * span, y, f"{a:+.1f}", va="center", fontsize=5,
                        color="#555555", ha="left" if v >= 0 else "right")
            ax.set_xlim(-1.3 * span, 1.3 * span)
            xlabel += "\n" + label(f"{annotate}_note", lang)
        ax.set_xlabel(xlabel)
        fig.suptitle(label("keyness_title", lang) if names is None else
                     label("keyness_pair_title", lang).format(target=shown[0], reference=shown[1]))
        handles = [
            plt.Rectangle((0, 0), 1, 1, color=ORIGIN_COLORS["foreign"], label=shown[0]),
            plt.Rectangle((0, 0), 1, 1, color=ORIGIN_COLORS["domestic"], label=shown[1]),
        ]
        fig.legend(handles=handles, loc="outside lower center", ncols=2)
    return fig
