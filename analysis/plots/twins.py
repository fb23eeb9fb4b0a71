"""Figures of twins: the two versions' tone, group by group; where the English is milder."""
from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from ..labels import Lang, label
from .style import KIND_COLORS, TONE_COLORS, figure_style, wrap

_KINDS = {"other": "statement"}  # the aligner's turn kinds, coloured as the segments' kinds


def plot_twin_tone(shifts: pd.DataFrame, *, lang: Lang = "zh", n_marked: int = 5) -> Figure:
    """Scatter: each aligned group's Chinese tone (x) against its English tone (y),
    coloured by kind (questions as rings over the answers, since many sit at 0, 0), with n
    per kind in the legend; the diagonal equal tone; the ``n_marked`` groups furthest from
    it are numbered (the group numbers of :func:`analysis.twins.shift_table`), which a note
    under the figure says. The title names the document.

    ``shifts`` is :func:`analysis.twins.shift_table` of one twin."""
    both = shifts[shifts["zh_para"].notna() & shifts["en_para"].notna()]
    with figure_style("single"):
        fig, ax = plt.subplots(figsize=(3.5, 3.4))
        ax.plot([-1, 1], [-1, 1], color="#bdc3c7", linewidth=0.6, zorder=0)
        ax.axhline(0, color="#bdc3c7", linewidth=0.4, zorder=0)
        ax.axvline(0, color="#bdc3c7", linewidth=0.4, zorder=0)
        kinds = []
        grouped = dict(list(both.groupby(both["kind"].map(lambda k: _KINDS.get(k, k)), sort=False)))
        for kind in sorted(grouped, key=lambda k: k == "question"):  # questions last, as rings on top
            part = grouped[kind]
            color = KIND_COLORS.get(kind, "#4d4d4d")
            ring = kind == "question"
            ax.scatter(part["zh_score"], part["en_score"], s=26 if ring else 12, zorder=3 if ring else 2,
                       facecolors="none" if ring else color, edgecolors=color, linewidths=1.0 if ring else 0,
                       alpha=1.0 if ring else 0.85, label=f"{label(kind, lang)} ({len(part)})")
            kinds.append(kind)
        far = both.reindex(both["tone_diff"].abs().sort_values(ascending=False).index).head(n_marked)
        for row in far.itertuples():
            ax.annotate(str(int(row.group)), (row.zh_score, row.en_score), xytext=(3, 2),
                        textcoords="offset points", fontsize=6)
        ax.set_xlim(-1, 1)
        ax.set_ylim(-1, 1)
        ticks = [-1, -0.5, 0, 0.5, 1]
        ax.set_xticks(ticks, [f"{t:g}" for t in ticks])
        ax.set_yticks(ticks, [f"{t:g}" for t in ticks])
        ax.set_aspect("equal")
        ax.text(0.52, 0.64, label("equal_tone", lang), fontsize=6, color="#888888", ha="center", va="center",
                rotation=45, rotation_mode="anchor")  # just above the diagonal, along it
        ax.set_xlabel(label("zh_version_tone", lang))
        ax.set_ylabel(label("en_version_tone", lang))
        fig.legend(loc="outside lower center", ncols=max(1, len(kinds)), title=label("twin_numbers_note", lang),
                   title_fontsize=6)
        doc = str(both["zh_doc"].iloc[0]) if len(both) else ""
        fig.suptitle(wrap(f"{label('twin_tone_title', lang)}: {doc}", 44))
    return fig


def plot_translation_shifts(summary: pd.DataFrame, *, lang: Lang = "zh") -> Figure:
    """Horizontal bars: for each category of terms (and all groups), the mean intensity
    difference |English| − |Chinese| of the aligned groups holding one, with its 95%
    interval: two bars a category, the groups chosen by the Chinese side's terms (solid)
    and by the English side's (hatched), since choosing by one side alone makes the other
    look milder by selection; orange the categories of adversarial terms, purple the
    friendly ones, grey all groups and the general lexicon; n beside each category.

    ``summary`` is :func:`analysis.twins.shift_summary`."""
    colors = {"against": TONE_COLORS["negative"], "for": TONE_COLORS["positive"]}
    grey = "#7f8c8d"
    order = list(dict.fromkeys(summary["category"]))[::-1]
    with figure_style("single"):
        fig, ax = plt.subplots(figsize=(3.5, 0.34 * len(order) + 1.5))
        names = []
        for y, cat in enumerate(order):
            rows = summary[summary["category"] == cat]
            side = rows["side"].iloc[0]
            color = colors.get(side, grey)
            for row in rows.itertuples():
                offset = {"zh": 0.19, "en": -0.19, "both": 0.0}[row.chosen_by]
                height = 0.36 if row.chosen_by != "both" else 0.6
                ax.barh(y + offset, row.intensity_diff, height=height, color=color if row.chosen_by != "en" else "white",
                        edgecolor=color, hatch="////" if row.chosen_by == "en" else None, linewidth=0.6)
                ax.errorbar(row.intensity_diff, y + offset, xerr=[[row.intensity_diff - row.intensity_low],
                                                                  [row.intensity_high - row.intensity_diff]],
                            fmt="none", ecolor="black", elinewidth=0.5, capsize=1.2)
            n = "/".join(str(int(v)) for v in rows.sort_values("chosen_by", ascending=False)["groups"])
            names.append(f"{label('cat_' + cat, lang)} ({n})")
        ax.axvline(0, color="black", linewidth=0.6)
        ax.set_yticks(np.arange(len(order)), names)
        ax.set_ylim(-0.6, len(order) - 0.4)
        low = min(-0.05, float(summary["intensity_low"].min()) * 1.15)
        high = max(0.05, float(summary["intensity_high"].max()) * 1.15)
        ax.set_xlim(low, high)
        ax.set_xlabel(wrap(label("intensity_difference", lang), 46))
        handles = [plt.Rectangle((0, 0), 1, 1, color=colors["against"], label=label("side_against", lang)),
                   plt.Rectangle((0, 0), 1, 1, color=colors["for"], label=label("side_for", lang)),
                   plt.Rectangle((0, 0), 1, 1, color=grey, label=label("side_reference", lang)),
                   plt.Rectangle((0, 0), 1, 1, facecolor="#bbbbbb", edgecolor="#555555",
                                 label=label("chosen_by_zh", lang)),
                   plt.Rectangle((0, 0), 1, 1, facecolor="white", edgecolor="#555555", hatch="////",
                                 label=label("chosen_by_en", lang))]
        fig.legend(handles=handles, loc="outside lower center", ncols=1)
        fig.suptitle(wrap(label("translation_shift_title", lang), 44))
    return fig
