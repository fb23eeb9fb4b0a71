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
    coloured by kind, the diagonal equal tone; the ``n_marked`` groups furthest from it are
    numbered (the group numbers of :func:`analysis.twins.shift_table`).

    ``shifts`` is :func:`analysis.twins.shift_table` of one twin."""
    both = shifts[shifts["zh_para"].notna() & shifts["en_para"].notna()]
    with figure_style("single"):
        fig, ax = plt.subplots(figsize=(3.5, 3.4))
        ax.plot([-1, 1], [-1, 1], color="#bdc3c7", linewidth=0.6, zorder=0)
        ax.axhline(0, color="#bdc3c7", linewidth=0.4, zorder=0)
        ax.axvline(0, color="#bdc3c7", linewidth=0.4, zorder=0)
        kinds = []
        for kind, part in both.groupby(both["kind"].map(lambda k: _KINDS.get(k, k)), sort=False):
            ax.scatter(part["zh_score"], part["en_score"], s=12, color=KIND_COLORS.get(kind, "#4d4d4d"),
                       alpha=0.85, label=label(kind, lang), zorder=2)
            kinds.append(kind)
        far = both.reindex(both["tone_diff"].abs().sort_values(ascending=False).index).head(n_marked)
        for row in far.itertuples():
            ax.annotate(str(int(row.group)), (row.zh_score, row.en_score), xytext=(3, 2),
                        textcoords="offset points", fontsize=6)
        ax.set_xlim(-1, 1)
        ax.set_ylim(-1, 1)
        ax.set_aspect("equal")
        ax.set_xlabel(label("zh_version_tone", lang))
        ax.set_ylabel(label("en_version_tone", lang))
        fig.legend(loc="outside lower center", ncols=max(1, len(kinds)))
        fig.suptitle(label("twin_tone_title", lang))
    return fig


def plot_translation_shifts(summary: pd.DataFrame, *, lang: Lang = "zh") -> Figure:
    """Horizontal bars: for each category of the Chinese side's terms (and all groups), the
    mean intensity difference |English| − |Chinese| of the aligned groups holding one, with
    its 95% interval; orange the categories of terms against, purple those for, grey all
    and the general lexicon; n beside each bar.

    ``summary`` is :func:`analysis.twins.shift_summary`."""
    t = summary.iloc[::-1].reset_index(drop=True)
    colors = {"against": TONE_COLORS["negative"], "for": TONE_COLORS["positive"]}
    with figure_style("single"):
        fig, ax = plt.subplots(figsize=(3.5, 0.24 * len(t) + 1.3))
        y = np.arange(len(t))
        ax.barh(y, t["intensity_diff"], color=[colors.get(s, "#7f8c8d") for s in t["side"]], height=0.65)
        ax.errorbar(t["intensity_diff"], y, xerr=[t["intensity_diff"] - t["intensity_low"],
                                                 t["intensity_high"] - t["intensity_diff"]],
                    fmt="none", ecolor="black", elinewidth=0.6, capsize=1.5)
        ax.axvline(0, color="black", linewidth=0.6)
        ax.set_yticks(y, [f"{label('cat_' + c, lang)} ({n})" for c, n in zip(t["category"], t["groups"])])
        low = min(-0.05, float(t["intensity_low"].min()) * 1.15)
        high = max(0.05, float(t["intensity_high"].max()) * 1.15)
        ax.set_xlim(low, high)
        ax.set_xlabel(wrap(label("intensity_difference", lang), 44))
        handles = [plt.Rectangle((0, 0), 1, 1, color=colors[s], label=label(f"side_{s}", lang)) for s in colors]
        fig.legend(handles=handles, loc="outside lower center", ncols=2)
        fig.suptitle(wrap(label("translation_shift_title", lang), 44))
    return fig
