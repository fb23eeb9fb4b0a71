"""Figures of topics: section keywords, NMF themes, coded themes (the topics notebook)."""
from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from ..labels import Lang, label, term_label, theme_label, translate
from .style import ORIGIN_COLORS, figure_style


def plot_shares(table: pd.DataFrame, *, label_col: str, title: str, lang: Lang = "zh") -> Figure:
    """Horizontal bars of ``share`` (0-1) per row, labelled by ``label_col``, largest on top."""
    t = table.sort_values("share", ascending=True, kind="stable")
    height = max(1.8, 0.22 * len(t) + 1.0)
    with figure_style("single"):
        fig, ax = plt.subplots(figsize=(3.5, height))
        ax.barh(list(t[label_col]), t["share"] * 100, color="#4d4d4d")
        ax.set_xlabel(label("share_answer_text", lang) + " (%)")
        fig.suptitle(label(title, lang))
    return fig


def plot_coherence(coherence: pd.DataFrame, *, chosen: int, lang: Lang = "zh") -> Figure:
    """Mean NPMI per number of topics, the chosen one marked."""
    with figure_style("single"):
        fig, ax = plt.subplots(figsize=(3.5, 2.2))
        ax.plot(coherence["k"], coherence["npmi"], marker="o", color="#4d4d4d")
        best = coherence[coherence["k"] == chosen]
        ax.plot(best["k"], best["npmi"], marker="o", markersize=8, color=ORIGIN_COLORS["domestic"])
        ax.set_xlabel(label("n_topics", lang))
        ax.set_ylabel("NPMI")
        ax.xaxis.get_major_locator().set_params(integer=True)
        fig.suptitle(label("coherence", lang))
    return fig


def plot_theme_flow(table: pd.DataFrame, *, lang: Lang = "zh") -> Figure:
    """Heatmap: answer paragraphs in speaking order (x) by theme (y), shaded by each
    paragraph's share of each theme; vertical lines mark where a unit (section, or
    Q&A) begins. ``table`` is :func:`analysis.topics.theme_flow_table` (one document)."""
    unit = "unit_no"
    paragraphs = table.drop_duplicates(["doc_id", "para_no"])
    themes = list(dict.fromkeys(table["theme"]))
    theme_labels = dict(zip(table["theme"], table["label"]))
    m = table.pivot(index=["doc_id", "para_no"], columns="theme", values="share").reindex(
        pd.MultiIndex.from_frame(paragraphs[["doc_id", "para_no"]]))[themes].to_numpy(dtype=float)
    w = paragraphs.reset_index(drop=True)
    sectioned = (w["unit"] == "section").any()
    with figure_style("double"):
        fig, ax = plt.subplots(figsize=(7.2, 0.28 * len(themes) + 1.3))
        image = ax.imshow(m.T, aspect="auto", cmap="Greys", vmin=0, vmax=1, interpolation="nearest")
        fig.colorbar(image, ax=ax, fraction=0.02, pad=0.01, label=label("theme_weight", lang))
        ax.set_yticks(range(len(themes)), [theme_labels[t] for t in themes])
        starts = w.index[w[unit].ne(w[unit].shift()).fillna(True).astype(bool)].tolist()
        for x in starts[1:]:
            ax.axvline(x - 0.5, color="#2e86c1", linewidth=0.6)
        ends = starts[1:] + [len(w)]
        ax.set_xticks([(a + b - 1) / 2 for a, b in zip(starts, ends)],
                      [str(int(v)) for v in w.loc[starts, unit]])
        ax.tick_params(axis="x", length=0)
        ax.set_xlabel(f"{label('paragraph_order', lang)}; {label('section' if sectioned else 'qa', lang)} 1–{len(starts)}")
        for side in ("top", "right", "left", "bottom"):
            ax.spines[side].set_visible(False)
        fig.suptitle(label("theme_flow", lang))
    return fig


def plot_section_keywords(keywords: pd.DataFrame, *, lang: Lang = "zh") -> Figure:
    """Small multiples: the top c-TF-IDF terms of each unit (section, or Q&A), one
    panel each, titled with the unit number and (shortened) headline.
    ``keywords`` is :func:`analysis.topics.keyword_table` for one document, cut to
    the terms to draw (:func:`analysis.words.top_terms_table`)."""
    sections = sorted(keywords["unit_no"].unique())
    cols = 4 if len(sections) > 6 else max(1, len(sections))
    rows = -(-len(sections) // cols)
    with figure_style("double"):
        # one x scale for every panel, so bar lengths compare across sections
        fig, axes = plt.subplots(rows, cols, figsize=(7.2, 1.35 * rows + 0.5), squeeze=False, sharex=True)
        for ax, section in zip(axes.flat, sections):
            top = keywords[keywords["unit_no"] == section].sort_values("rank").iloc[::-1]
            ax.barh([term_label(t, "zh") for t in top["term"]], top["score"], color="#4d4d4d")
            ax.set_xticks([])
            ax.spines["bottom"].set_visible(False)
            title = translate(top["unit_title"].iloc[0], lang) if "unit_title" in top else ""
            short = title if len(title) <= (28 if lang == "en" else 12) else title[: (27 if lang == "en" else 11)] + "…"
            ax.set_title(f"{section} {short}".strip(), fontsize=6.5, loc="left")
            ax.tick_params(axis="y", labelsize=6.5)
        for ax in list(axes.flat)[len(sections):]:
            ax.set_visible(False)
        fig.suptitle(label("section_keywords", lang))
    return fig


def plot_theme_by_origin(table: pd.DataFrame, *, lang: Lang = "zh") -> Figure:
    """Grouped bars: share of answer text per theme, answers to domestic vs foreign outlets.

    ``table`` is :func:`analysis.topics.theme_share_by` with ``by="qa_origin"``.
    """
    origins = [o for o in ("domestic", "foreign") if o in set(table["qa_origin"])]
    themes = list(dict.fromkeys(table["theme"]))
    y = np.arange(len(themes))
    height = 0.8 / max(1, len(origins))
    with figure_style("single"):
        fig, ax = plt.subplots(figsize=(3.5, 0.4 * len(themes) + 1.2))
        for i, origin in enumerate(origins):
            part = table[table["qa_origin"] == origin].set_index("theme").reindex(themes)
            ax.barh(y + (len(origins) - 1 - i) * height - 0.4 + height / 2, part["share"] * 100,
                    height=height, color=ORIGIN_COLORS[origin], label=label(origin, lang))
        ax.set_yticks(y, [theme_label(t, lang) for t in themes])
        ax.invert_yaxis()
        ax.set_xlabel(label("share_answer_text", lang) + " (%)")
        fig.suptitle(label("theme_by_origin", lang))
        fig.legend(loc="outside lower center", ncols=len(origins))
    return fig
