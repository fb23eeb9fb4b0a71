"""Figures of topics: section keywords, NMF themes, coded themes (the topics notebook)."""
from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from ..labels import Lang, label, term_label, theme_label, theme_terms_label, translate
from .style import ORIGIN_COLORS, figure_style, mark_zeros, wrap


def plot_shares(table: pd.DataFrame, *, label_col: str, title: str, lang: Lang = "zh") -> Figure:
    """Horizontal bars of ``share`` (0-1) per row, labelled by ``label_col``, largest on top."""
    t = table.sort_values("share", ascending=True, kind="stable")
    height = max(1.8, 0.22 * len(t) + 1.0)
    with figure_style("single"):
        fig, ax = plt.subplots(figsize=(3.5, height))
        ax.barh([wrap(str(v), 44) for v in t[label_col]], t["share"] * 100, color="#4d4d4d")
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
        for k, v in zip(best["k"], best["npmi"]):
            ax.annotate(label("chosen_k", lang).format(k=int(k)), (k, v), xytext=(0, 7), textcoords="offset points",
                        ha="center", fontsize=6.5, color=ORIGIN_COLORS["domestic"])
        ax.margins(y=0.2)
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
    theme_labels = {t: theme_terms_label(v, lang) for t, v in zip(table["theme"], table["label"])}
    m = table.pivot(index=["doc_id", "para_no"], columns="theme", values="share").reindex(
        pd.MultiIndex.from_frame(paragraphs[["doc_id", "para_no"]]))[themes].to_numpy(dtype=float)
    w = paragraphs.reset_index(drop=True)
    sectioned = (w["unit"] == "section").any()
    with figure_style("double"):
        fig, ax = plt.subplots(figsize=(7.2, 0.28 * len(themes) + 1.3))
        image = ax.imshow(m.T, aspect="auto", cmap="Greys", vmin=0, vmax=1, interpolation="nearest")
        fig.colorbar(image, ax=ax, fraction=0.02, pad=0.01, label=label("theme_weight", lang))
        ax.set_yticks(range(len(themes)), [wrap(theme_labels[t], 44) for t in themes])
        starts = w.index[w[unit].ne(w[unit].shift()).fillna(True).astype(bool)].tolist()
        for x in starts[1:]:
            ax.axvline(x - 0.5, color="#e67e22", linewidth=0.6)  # not the blue of foreign outlets
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
    panel each, titled with the unit number and its name (``unit_name``, from
    :func:`analysis.labels.unit_names`; else the headline), on one scale for all
    panels (ticks on the bottom row). ``keywords`` is :func:`analysis.topics.keyword_table`
    for one document, cut to the terms to draw (:func:`analysis.words.top_terms_table`).
    English labels show each term's gloss alone (the CSV has the Chinese beside it)."""
    sections = sorted(keywords["unit_no"].unique())
    cols = 4 if len(sections) > 6 else max(1, len(sections))
    rows = -(-len(sections) // cols)
    with figure_style("double"):
        # one x scale for every panel, so bar lengths compare across sections
        fig, axes = plt.subplots(rows, cols, figsize=(7.2, 1.5 * rows + 0.6), squeeze=False, sharex=True)
        for ax, section in zip(axes.flat, sections):
            top = keywords[keywords["unit_no"] == section].sort_values("rank").iloc[::-1]
            terms = [wrap(term_label(t, lang, chinese=False), 18) for t in top["term"]]
            ax.barh(range(len(top)), top["score"], color="#4d4d4d")
            ax.set_yticks(range(len(top)), terms)
            if "unit_name" in top:
                title = top["unit_name"].iloc[0]
            else:
                title = translate(top["unit_title"].iloc[0], lang) if "unit_title" in top else ""
            ax.set_title(wrap(f"{section} {title}".strip(), 26, lines=3), fontsize=6.5, loc="left")
            ax.tick_params(axis="y", labelsize=6.5)
            ax.tick_params(axis="x", labelsize=5.5)
        for ax in list(axes.flat)[len(sections):]:
            ax.set_visible(False)
        for ax in axes[-1]:  # the scale under the last row, and under any panel with none below it
            ax.set_xlabel("c-TF-IDF", fontsize=6)
        for i, ax in enumerate(axes.flat):
            below = i + cols
            if below < len(axes.flat) and below >= len(sections) and i < len(sections):
                ax.xaxis.set_tick_params(labelbottom=True)
                ax.set_xlabel("c-TF-IDF", fontsize=6)
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
            ys = y + (len(origins) - 1 - i) * height - 0.4 + height / 2
            ax.barh(ys, part["share"] * 100, height=height, color=ORIGIN_COLORS[origin], label=label(origin, lang))
            mark_zeros(ax, ys, part["share"], ORIGIN_COLORS[origin], horizontal=True, clip=False)
        ax.set_yticks(y, [theme_label(t, lang) for t in themes])
        ax.invert_yaxis()
        ax.set_xlabel(label("share_answer_text", lang) + " (%)")
        fig.suptitle(label("theme_by_origin", lang))
        fig.legend(loc="outside lower center", ncols=len(origins))
    return fig
