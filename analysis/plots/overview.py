"""Figures of who asked and how long the answers ran (the overview notebook)."""
from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.figure import Figure

from ..labels import Lang, label, outlet_label
from .style import ORIGIN_COLORS, figure_style, origin_legend


def plot_questions_by_outlet(table: pd.DataFrame, *, lang: Lang = "zh") -> Figure:
    """Horizontal bars: questions per outlet, coloured by domestic/foreign origin.

    ``table`` is :func:`analysis.overview.outlet_question_table`.
    """
    names = [_outlet_name(r, lang) for r in table.itertuples()]
    fig = _origin_bars(names, table["questions"], table["origin"], lang=lang,
                       xlabel="questions", title="questions_by_outlet")
    fig.axes[0].xaxis.get_major_locator().set_params(integer=True)
    return fig


def plot_answer_length(qa: pd.DataFrame, *, lang: Lang = "zh", value: str = "answer_chars") -> Figure:
    """Bars: answer length per question in speaking order, coloured by origin; in
    characters (``value="answer_chars"``, Chinese) or words (``"answer_words"``, English).

    ``qa`` is :func:`analysis.overview.qa_table`; each bar is labelled with
    the question's number and the outlet that asked it.
    """
    names = [f"{r.qa_no}  {outlet_label(getattr(r, 'qa_outlet', r.outlet), lang)}"
             + (f" ({label('follow_up', lang)})" if getattr(r, "follow_up", False) else "") for r in qa.itertuples()]
    return _origin_bars(names, qa[value], qa["origin"], lang=lang, xlabel=value, title="answer_length")


def _origin_bars(names, values, origins, *, lang: Lang, xlabel: str, title: str) -> Figure:
    """Horizontal bars, first row on top, coloured by outlet origin, legend below."""
    names, values, origins = list(names)[::-1], list(values)[::-1], list(origins)[::-1]
    height = max(1.8, 0.22 * len(names) + 1.0)
    with figure_style("single"):
        fig, ax = plt.subplots(figsize=(3.5, height))
        ax.barh(names, values, color=[ORIGIN_COLORS[o] for o in origins])
        ax.set_xlabel(label(xlabel, lang))
        fig.suptitle(label(title, lang))  # centred on the figure, never clipped by long tick labels
        origin_legend(fig, origins, lang)
    return fig


def _outlet_name(row, lang: Lang) -> str:
    return outlet_label(row.outlet, lang)
