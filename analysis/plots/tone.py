"""Figures of tone: the arc, by unit, question against answer, by origin, driver terms."""
from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from ..labels import Lang, label, term_label, translate
from .style import KIND_COLORS, ORIGIN_COLORS, TONE_COLORS, diverging_bars, figure_style, mark_zeros, origin_legend, \
    wrap


def plot_tone_arc(arc: pd.DataFrame, *, level: str = "paragraph", lang: Lang = "zh") -> Figure:
    """Tone in speaking order: one bar per unit (coloured by kind), a vertical
    line where each section (each Q&A without headlines) begins, numbered on top.

    ``arc`` is :func:`analysis.sentiment.arc_table`.
    """
    unit = "unit_no"
    with figure_style("double"):
        fig, ax = plt.subplots(figsize=(7.2, 2.8))
        colors = [KIND_COLORS.get(k, "#4d4d4d") for k in arc["kind"]]
        ax.bar(arc["order"], arc["score"], width=0.85 if len(arc) < 80 else 1.0, color=colors)
        ax.axhline(0, color="black", linewidth=0.5)
        zero = mark_zeros(ax, arc["order"], arc["score"], colors)
        ax.set_ylim(-1, 1)
        groups = arc[unit].ffill()
        starts = arc.index[groups.ne(groups.shift()).fillna(True).astype(bool) & groups.notna()].tolist()
        for i, start in enumerate(starts):
            x = arc.loc[start, "order"] - 0.5
            if i:
                ax.axvline(x, color="#bdc3c7", linewidth=0.6, zorder=0)
            ax.text(x + 0.3, 0.97, str(int(groups[start])), transform=ax.get_xaxis_transform(),
                    fontsize=6, va="top", color="#555555")
        ax.set_xlim(-0.5, len(arc) - 0.5)
        ax.set_xticks([])
        ax.set_ylabel(label("tone", lang))
        ax.set_xlabel(label({"sentence": "sentence_order", "paragraph": "paragraph_order_all"}.get(level, "answer_order"), lang))
        kinds = [k for k in KIND_COLORS if k in set(arc["kind"])]
        handles = [plt.Rectangle((0, 0), 1, 1, color=KIND_COLORS[k], label=label(k, lang)) for k in kinds]
        if zero:
            handles.append(plt.Line2D([], [], marker="o", linestyle="", markersize=3, markerfacecolor="white",
                                      markeredgecolor="#4d4d4d", label=label("score_zero", lang)))
        fig.legend(handles=handles, loc="outside lower center", ncols=len(handles))
        fig.suptitle(label("tone_arc", lang))
    return fig


def plot_tone_by_section(table: pd.DataFrame, *, lang: Lang = "zh") -> Figure:
    """Horizontal bars: the pooled tone of each unit's answers, in speaking order.

    ``table`` is :func:`analysis.sentiment.tone_table` of one document by
    ``["unit_no", "unit_title"]`` (or ``qa_no``), headlines shown as :mod:`analysis.labels` gives them.
    """
    unit = "unit_no" if "unit_no" in table.columns else "qa_no"
    t = table.sort_values(unit, ascending=False)
    if "unit_name" in t:
        titles = list(t["unit_name"])
    else:
        titles = [translate(v, lang) for v in (t["unit_title"] if "unit_title" in t else [""] * len(t))]
    names = [wrap(f"{int(v)} {title}".strip(), 40) for v, title in zip(t[unit], titles)]
    with figure_style("single"):
        fig, ax = plt.subplots(figsize=(3.5, 0.3 * len(t) + 1.1))
        y = np.arange(len(t))
        ax.barh(y, t["score"], color=[TONE_COLORS["positive" if v >= 0 else "negative"] for v in t["score"]])
        mark_zeros(ax, y, t["score"], "#4d4d4d", horizontal=True)
        ax.set_yticks(y, names)
        ax.axvline(0, color="black", linewidth=0.6)
        ax.set_xlim(-1, 1)
        ax.set_xlabel(label("tone", lang))
        sectioned = "unit_title" in t and (t["unit_title"] != "").any()
        fig.suptitle(label("tone_by_section" if sectioned or unit != "unit_no" else "tone_by_qa", lang))
    return fig


def plot_question_answer_tone(table: pd.DataFrame, *, lang: Lang = "zh") -> Figure:
    """Scatter: each Q&A's question tone (x) against its answer tone (y), numbered,
    coloured by the questioner's origin; the diagonal is equal tone.

    ``table`` is :func:`analysis.sentiment.question_answer_tone_table`.
    """
    with figure_style("single"):
        fig, ax = plt.subplots(figsize=(3.5, 3.3))
        ax.plot([-1, 1], [-1, 1], color="#bdc3c7", linewidth=0.6, zorder=0)
        ax.axhline(0, color="#bdc3c7", linewidth=0.4, zorder=0)
        ax.axvline(0, color="#bdc3c7", linewidth=0.4, zorder=0)
        for row in table.itertuples():
            ax.scatter(row.question, row.answer, color=ORIGIN_COLORS.get(row.origin, "#7f8c8d"), s=14)
            ax.annotate(str(row.qa_no), (row.question, row.answer), xytext=(3, 2),
                        textcoords="offset points", fontsize=6)
        ax.set_xlim(-1, 1)
        ax.set_ylim(-1, 1)
        ax.set_xlabel(label("question_tone", lang))
        ax.set_ylabel(label("answer_tone", lang))
        origin_legend(fig, table["origin"], lang)
        fig.suptitle(label("tone_qa", lang))
    return fig


def plot_tone_by_origin(table: pd.DataFrame, *, lang: Lang = "zh") -> Figure:
    """Grouped bars: pooled tone of questions and of answers, by questioner's origin.

    ``table`` is :func:`analysis.sentiment.tone_table` by ``["qa_origin", "kind"]``.
    """
    origins = [o for o in ORIGIN_COLORS if o in set(table["qa_origin"])]
    kinds = [k for k in ("question", "answer") if k in set(table["kind"])]
    x = np.arange(len(kinds))
    width = 0.8 / max(1, len(origins))
    with figure_style("single"):
        fig, ax = plt.subplots(figsize=(3.5, 2.4))
        for i, origin in enumerate(origins):
            part = table[table["qa_origin"] == origin].set_index("kind").reindex(kinds)
            n = int(part.loc["question", "paragraphs"]) if "question" in part.index and part["paragraphs"].notna().any() else 0
            ax.bar(x - 0.4 + width * (i + 0.5), part["score"], width=width,
                   color=ORIGIN_COLORS[origin], label=f"{label(origin, lang)} (n={n})")
        ax.axhline(0, color="black", linewidth=0.5)
        ax.set_ylim(-1, 1)  # the scale of every other tone chart
        ax.set_xticks(x, [label(k, lang) for k in kinds])
        ax.set_ylabel(label("tone", lang))
        fig.legend(loc="outside lower center", ncols=len(origins))
        fig.suptitle(label("tone_by_origin", lang))
    return fig


def plot_driver_terms(drivers: pd.DataFrame, *, lang: Lang = "zh") -> Figure:
    """Diverging bars: the terms whose summed weight drives the tone most, negative
    (left, orange) and positive (right, purple). ``drivers`` is
    :func:`analysis.sentiment.driver_table`."""
    neg = drivers[drivers["direction"] == "negative"].sort_values("weight", ascending=False)
    pos = drivers[drivers["direction"] == "positive"].sort_values("weight", ascending=True)
    rows = pd.concat([neg, pos])
    with figure_style("single"):
        fig, ax = plt.subplots(figsize=(3.5, 0.17 * len(rows) + 1.1))
        diverging_bars(ax, [wrap(term_label(t, lang), 30) for t in rows["term"]], rows["weight"],
                       [TONE_COLORS[d] for d in rows["direction"]])
        ax.set_xlabel(label("weight", lang))
        fig.suptitle(label("tone_drivers", lang))
    return fig
