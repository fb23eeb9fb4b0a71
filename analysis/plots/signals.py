"""Figures of diplomatic signals: the protest ladder, set phrases, self and other,
people (one transcript); the ladder over time and toward countries, set-phrase
trends, non-answers (a corpus). Each draws the table it is given
(:mod:`analysis.signals`)."""
from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.colors import BoundaryNorm, ListedColormap
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from ..labels import Lang, country_label, label
from ..signals import LEVEL_GROUPS, ladder_table
from .style import figure_style, wrap
from ..trends import events_between
from .trends import SERIES_COLORS, _draw_events, _encoding, _event_key, _layout, _legend, _mid, _points, \
    _span, _time_axis

#: the ladder's steps from pale to dark (ColorBrewer YlOrRd, 8 classes)
LADDER_COLORS = ["#ffffcc", "#ffeda0", "#fed976", "#feb24c", "#fd8d3c", "#fc4e2a", "#e31a1c", "#b10026"]
#: the ladder's six groups, further apart in lightness than neighbouring steps of the
#: eight-class scale (ColorBrewer YlOrBr, 7 classes, the palest left out)
GROUP_COLORS = ["#fee391", "#fec44f", "#fe9929", "#ec7014", "#cc4c02", "#8c2d04"]
CATEGORY_COLORS = {"vision": "#1f78b4", "sovereignty": "#6a3d9a", "criticism": "#e66101", "reassurance": "#33a02c"}
SIDE_COLORS = {"self": "#c0392b", "other": "#1f4e79"}


def _trend_points(ax, part: pd.DataFrame, freq: str, color: str) -> tuple[bool, bool]:
    """One share series (``mean``, ``ci_low``, ``ci_high`` in 0..1) in per cent: a period
    with few briefings (``sparse``) is a hollow point, neither joined to its neighbours
    nor banded, since a share there rests on a handful of answers. Returns whether any
    period rested on one briefing, and whether any was sparse."""
    sparse = part["sparse"].astype(bool).to_numpy() if "sparse" in part.columns else np.zeros(len(part), bool)
    x = _mid(part["period"], freq)
    y = np.where(sparse, np.nan, part["mean"].to_numpy(float) * 100)
    low = np.where(sparse, np.nan, part["ci_low"].to_numpy(float) * 100)
    high = np.where(sparse, np.nan, part["ci_high"].to_numpy(float) * 100)
    single = (part["n"] > 0).to_numpy() & part["ci_low"].isna().to_numpy() & ~sparse
    hollow = _points(ax, x, y, single=single, color=color, band=(low, high), small_n=0)
    shown = sparse & (part["n"] > 0).to_numpy()
    ax.plot(np.asarray(x)[shown], part["mean"].to_numpy(float)[shown] * 100, linestyle="none", marker="o",
            markersize=3, markerfacecolor="white", markeredgecolor=color, markeredgewidth=0.7)
    return hollow, bool(shown.any())


def _sparse_point_entry(lang: Lang) -> list:
    return [(Line2D([], [], linestyle="none", marker="o", markersize=3, markerfacecolor="white",
                    markeredgecolor="#555555", markeredgewidth=0.7), label("few_briefings_point", lang))]


def step_names(lang: Lang) -> list[str]:
    """The ladder's eight steps, named in ``lang``: '1 关切' … '8 …'."""
    steps = ladder_table()
    column = "level_zh" if lang == "zh" else "level_en"
    return [f"{r.level} {getattr(r, column)}" for r in steps.itertuples()]


def plot_protest_ladder(table: pd.DataFrame, names: list[str], *, lang: Lang = "zh") -> Figure:
    """One row per answer (in speaking order, named by ``names``), one column per step
    of the ladder: a dot where the answer uses the step, its size the hits, filled in
    the step's colour at the highest step reached. ``table`` is
    :func:`analysis.signals.protest_turn_table` of one document."""
    steps = [f"L{i}" for i in range(1, 9)]
    n = len(table)
    with figure_style("double"):
        fig, ax = plt.subplots(figsize=(7.2, 1.2 + 0.24 * n))
        for row, r in enumerate(table.itertuples()):
            counts = [getattr(r, s) for s in steps]
            for col, k in enumerate(counts):
                if not k:
                    continue
                top = col + 1 == r.level
                ax.scatter(col, row, s=18 + 14 * min(k, 6), color=LADDER_COLORS[col] if top else "white",
                           edgecolor="#4d4d4d", linewidth=0.6, zorder=3)
                if k > 1:
                    ax.annotate(str(k), (col, row), xytext=(6, 0), textcoords="offset points", fontsize=5.5,
                                va="center", color="#4d4d4d")
        ax.set_xticks(range(8), [wrap(s, 14, 3) for s in step_names(lang)], fontsize=6)
        ax.xaxis.tick_top()
        ax.set_yticks(range(n), [wrap(s, 48, 2) for s in names], fontsize=6)
        ax.set_ylim(n - 0.5, -0.5)
        ax.set_xlim(-0.5, 7.6)
        ax.grid(axis="x", color="#e5e5e5", linewidth=0.5)
        for side in ("right", "bottom"):
            ax.spines[side].set_visible(False)
        handles = [Line2D([], [], marker="o", linestyle="", markersize=5, markerfacecolor="#9e9e9e",
                          markeredgecolor="#4d4d4d", label=label("ladder_highest", lang))]
        counts = table[steps].to_numpy()
        reached = np.arange(1, 9)[None, :] < table["level"].to_numpy()[:, None]
        if ((counts > 0) & reached).any():  # a lower step also used somewhere
            handles.append(Line2D([], [], marker="o", linestyle="", markersize=5, markerfacecolor="white",
                                  markeredgecolor="#4d4d4d", label=label("ladder_also", lang)))
        fig.legend(handles=handles, loc="outside lower center", ncols=len(handles),
                   title=label("ladder_hits_note", lang), title_fontsize=5.5)
        fig.suptitle(label("ladder_title", lang))
    return fig


def plot_set_phrases(table: pd.DataFrame, names: list[str], *, lang: Lang = "zh") -> Figure:
    """Hits of each set phrase (bars, most used on top) coloured by category.
    ``table`` is :func:`analysis.signals.phrase_table`; ``names`` the phrases' labels."""
    n = len(table)
    with figure_style("single"):
        fig, ax = plt.subplots(figsize=(3.5, 0.9 + 0.2 * n))
        colors = [CATEGORY_COLORS.get(c, "#7f8c8d") for c in table["category"]]
        ax.barh(range(n), table["hits"], color=colors, height=0.7)
        for i, k in enumerate(table["hits"]):
            ax.text(k, i, f" {k}", va="center", fontsize=6)
        ax.set_yticks(range(n), [wrap(s, 32, 2) for s in names], fontsize=6)
        ax.set_ylim(n - 0.5, -0.6)
        ax.set_xlim(0, table["hits"].max() * 1.15)
        ax.set_xlabel(label("hits", lang))
        cats = [c for c in CATEGORY_COLORS if c in set(table["category"])]
        fig.legend(handles=[Patch(color=CATEGORY_COLORS[c], label=label(f"phrase_{c}", lang)) for c in cats],
                   loc="outside lower center", ncols=min(len(cats), 2))
        fig.suptitle(label("phrases_title", lang))
    return fig


def plot_self_other(table: pd.DataFrame, names: list[str], *, lang: Lang = "zh") -> Figure:
    """Per answer, how often the speaker names its own side (left, per thousand
    characters) and another's (right). ``table`` is :func:`analysis.signals.self_other_table`."""
    n = len(table)
    with figure_style("double"):
        fig, ax = plt.subplots(figsize=(7.2, 1.1 + 0.22 * n))
        y = np.arange(n)
        ax.barh(y, -table["self_per_1000"], color=SIDE_COLORS["self"], height=0.7, label=label("self", lang))
        ax.barh(y, table["other_per_1000"], color=SIDE_COLORS["other"], height=0.7, label=label("other", lang))
        for yi, (s, o, ks, ko) in enumerate(zip(table["self_per_1000"], table["other_per_1000"], table["self"],
                                                table["other"])):
            if ks:
                ax.text(-s, yi, f"{ks} ", va="center", ha="right", fontsize=5.5, color="#4d4d4d")
            if ko:
                ax.text(o, yi, f" {ko}", va="center", ha="left", fontsize=5.5, color="#4d4d4d")
        ax.axvline(0, color="black", linewidth=0.5)
        ax.set_yticks(y, [wrap(s, 48, 2) for s in names], fontsize=6)
        ax.set_ylim(n - 0.5, -0.6)
        reach = max(table["self_per_1000"].max(), table["other_per_1000"].max(), 1) * 1.2
        ax.set_xlim(-reach, reach)
        ticks = ax.get_xticks()
        ax.set_xticks(ticks, [f"{abs(t):g}" for t in ticks])
        ax.set_xlim(-reach, reach)
        ax.set_xlabel(label("per_1000_chars", lang))
        fig.legend(loc="outside lower center", ncols=2, title=label("self_other_note", lang), title_fontsize=5.5)
        fig.suptitle(label("self_other_title", lang))
    return fig


def plot_people(table: pd.DataFrame, *, lang: Lang = "zh", top: int = 15) -> Figure:
    """The most named people: mentions in answers and statements (dark) and in
    questions (light), coloured by side. ``table`` is :func:`analysis.signals.person_table`."""
    t = table.head(top)
    n = len(t)
    with figure_style("single"):
        fig, ax = plt.subplots(figsize=(3.5, 1.0 + 0.2 * n))
        y = np.arange(n)
        dark = [SIDE_COLORS.get(s, "#7f8c8d") for s in t["side"]]
        ax.barh(y, t["in_answers"], color=dark, height=0.7)
        ax.barh(y, t["in_questions"], left=t["in_answers"], color=dark, alpha=0.35, height=0.7)
        for yi, total in enumerate(t["mentions"]):
            ax.text(total, yi, f" {total}", va="center", fontsize=6)
        ax.set_xlim(0, t["mentions"].max() * 1.15)
        names = [f"{r.name} ({country_label(r.country, lang)})" for r in t.itertuples()]
        ax.set_yticks(y, [wrap(s, 32, 2) for s in names], fontsize=6)
        ax.set_ylim(n - 0.5, -0.6)
        ax.set_xlabel(label("mentions", lang))
        handles = []
        for side in ("self", "other"):
            if side in set(t["side"]):
                handles.append(Patch(color=SIDE_COLORS[side], label=label(f"person_{side}_answers", lang)))
                if t.loc[t["side"] == side, "in_questions"].sum():
                    handles.append(Patch(color=SIDE_COLORS[side], alpha=0.35,
                                         label=label(f"person_{side}_questions", lang)))
        fig.legend(handles=handles, loc="outside lower center", ncols=1)
        fig.suptitle(label("people_title", lang))
    return fig


# ---------------------------------------------------------------------------
# A corpus


def plot_protest_trend(table: pd.DataFrame, *, freq: str, lang: Lang = "zh",
                       events: pd.DataFrame | None = None) -> Figure:
    """The share of answers reaching each threshold of the ladder per period, with its
    interval, dated events numbered. ``table`` is :func:`analysis.signals.protest_trend_table`;
    ``events`` :func:`analysis.trends.event_table`."""
    names = step_names(lang)
    start, end = _span(table["period"], freq)
    shown = events_between(events, start, end)
    with figure_style("double"):
        fig, canvas, key = _layout(7.2, 3.0, shown)
        ax = canvas.subplots()
        hollow = sparse = False
        entries = []
        for i, (t, part) in enumerate(table.groupby("threshold", sort=True)):
            color = [LADDER_COLORS[3], LADDER_COLORS[5], LADDER_COLORS[7]][i % 3]
            one, few = _trend_points(ax, part, freq, color)
            hollow, sparse = hollow or one, sparse or few
            text = label("ladder_at_least", lang).format(step=names[t - 1]) if t < 8 else names[t - 1]
            entries.append((Line2D([], [], color=color, marker="o", markersize=3), text))
        ax.set_ylim(bottom=0)
        ax.set_ylabel(label("share_of_answers_pct", lang))
        _time_axis(ax, table["period"], freq)
        _draw_events(ax, shown)
        canvas.suptitle(label("ladder_trend_title", lang))
        _legend(canvas, entries + _encoding(lang, hollow=hollow)[::-1][:1 if hollow else 0]
                + (_sparse_point_entry(lang) if sparse else []), ncols=3, title=label("ladder_trend_note", lang))
        _event_key(key, shown, lang)
    return fig


def plot_protest_countries(table: pd.DataFrame, *, lang: Lang = "zh") -> Figure:
    """For each country the questions named, its answers by the highest step they
    reached (stacked shares; the answers without any step are left out of the bar and
    counted in n). ``table`` is :func:`analysis.signals.protest_country_table`."""
    names = step_names(lang)
    groups = [" / ".join(names[s - 1].split(" ", 1)[1] for s in g) for g in LEVEL_GROUPS]
    colors = GROUP_COLORS
    n = len(table)
    with figure_style("double"):
        fig, ax = plt.subplots(figsize=(7.2, 1.3 + 0.24 * n))
        y = np.arange(n)
        left = np.zeros(n)
        for g, (name, color) in enumerate(zip(groups, colors), start=1):
            share = table[f"share_g{g}"].to_numpy() * 100
            ax.barh(y, share, left=left, color=color, edgecolor="#4d4d4d", linewidth=0.3, height=0.7,
                    label=f"{LEVEL_GROUPS[g - 1][0]}{'–' + str(LEVEL_GROUPS[g - 1][-1]) if len(LEVEL_GROUPS[g - 1]) > 1 else ''} {name}")
            left += share
        for yi, (total, answers) in enumerate(zip(left, table["answers"])):
            ax.text(total, yi, f" {total:.0f}% (n={answers})", va="center", fontsize=5.5, color="#4d4d4d")
        ax.set_yticks(y, [country_label(c, lang) for c in table["country"]], fontsize=6.5)
        ax.set_ylim(n - 0.5, -0.6)
        ax.set_xlim(0, max(left.max() * 1.3, 10))
        ax.set_xlabel(label("share_of_answers_pct", lang))
        fig.legend(loc="outside lower center", ncols=3, title=label("ladder_countries_note", lang),
                   title_fontsize=5.5)
        fig.suptitle(label("ladder_countries_title", lang))
    return fig


def plot_phrase_trends(table: pd.DataFrame, names: dict[str, str], *, freq: str, lang: Lang = "zh") -> Figure:
    """Set phrases (rows, in order of first use) by period: hits per 100 answers as a
    heat map, a black tick at the period of first use in the selection (none for the
    phrases already in use in its first period), periods with few briefings hatched.
    ``table`` is :func:`analysis.signals.phrase_trend_table` (with ``sparse`` from
    :func:`analysis.trends.add_coverage`, where given)."""
    first = table.drop_duplicates("entry").sort_values(["first_date", "entry"])
    order = first["entry"].tolist()
    wide = table.pivot(index="entry", columns="period", values="rate").reindex(order)
    periods = list(wide.columns)
    n = len(order)
    with figure_style("double"):
        fig, ax = plt.subplots(figsize=(7.2, 1.4 + 0.2 * n))
        bounds = [0, 0.001, 1, 2, 5, 10, 20, 50, 1000]
        cmap = ListedColormap(["#ffffff", "#c6dbef", "#9ecae1", "#6baed6", "#4292c6", "#2171b5", "#08519c",
                               "#08306b"])
        norm = BoundaryNorm(bounds, cmap.N)
        values = wide.to_numpy(float, copy=True)
        if "sparse" in table.columns:  # a rate over a handful of answers is left blank (hatched)
            sparse_cols = set(table.loc[table["sparse"].astype(bool), "period"])
            values[:, [j for j, p in enumerate(periods) if p in sparse_cols]] = 0
        im = ax.imshow(np.nan_to_num(values), aspect="auto", cmap=cmap, norm=norm, interpolation="nearest")
        ax.set_xticks(np.arange(len(periods) + 1) - 0.5, minor=True)
        ax.set_yticks(np.arange(n + 1) - 0.5, minor=True)
        ax.grid(which="minor", color="#eeeeee", linewidth=0.3)
        ax.tick_params(which="minor", length=0)
        starts = first.set_index("entry")["first_date"]
        for i, e in enumerate(order):
            p = str(pd.Period(starts[e], freq=freq))
            if p in periods[1:]:
                j = periods.index(p)
                ax.plot([j - 0.5, j - 0.5], [i - 0.45, i + 0.45], color="black", linewidth=1.2)
        handles = [Line2D([], [], color="black", linewidth=1.2, label=label("first_use", lang))]
        if "sparse" in table.columns:
            sparse = set(table.loc[table["sparse"].astype(bool), "period"])
            for j, p in enumerate(periods):
                if p in sparse:
                    ax.add_patch(plt.Rectangle((j - 0.5, -0.5), 1, n, fill=False, hatch="////",
                                               edgecolor="#9e9e9e", linewidth=0))
            if sparse & set(periods):
                handles.append(Patch(facecolor="white", edgecolor="#9e9e9e", hatch="////", linewidth=0,
                                     label=label("few_briefings", lang).format(n=table.attrs.get("sparse_below", ""))))
        ax.set_yticks(range(n), [wrap(names.get(e, e), 34, 2) for e in order], fontsize=6)
        step = max(1, len(periods) // 12)
        ax.set_xticks(range(0, len(periods), step), periods[::step], fontsize=6, rotation=0)
        cbar = fig.colorbar(im, ax=ax, shrink=0.5, pad=0.01, ticks=bounds[:-1])
        cbar.ax.set_yticklabels(["0", ">0", "1", "2", "5", "10", "20", "50"], fontsize=5.5)
        cbar.set_label(label("per_100_answers", lang), fontsize=6)
        fig.suptitle(label("phrase_trend_title", lang))
        fig.legend(handles=handles, loc="outside lower center", ncols=len(handles))
    return fig


def plot_nonanswers(trend: pd.DataFrame, by_origin: pd.DataFrame, *, freq: str, lang: Lang = "zh") -> Figure:
    """Two panels: the share of answers that decline (in full or in part; in full)
    per period, and by who asked. ``trend`` is :func:`analysis.signals.nonanswer_trend_table`,
    ``by_origin`` :func:`analysis.signals.nonanswer_origin_table`."""
    with figure_style("double"):
        fig, (ax, bx) = plt.subplots(1, 2, figsize=(7.2, 2.9), width_ratios=[3, 1.2], sharey=True)
        sparse = False
        entries = []
        for i, measure in enumerate(("any", "full")):
            part = trend[trend["measure"] == measure]
            _, few = _trend_points(ax, part, freq, SERIES_COLORS[i])
            sparse = sparse or few
            entries.append((Line2D([], [], color=SERIES_COLORS[i], marker="o", markersize=3),
                            label(f"nonanswer_{measure}", lang)))
        ax.set_ylim(bottom=0)
        ax.set_ylabel(label("share_of_answers_pct", lang))
        _time_axis(ax, trend["period"], freq)
        origins = [o for o in ("domestic", "foreign", "unnamed") if o in set(by_origin["origin"])]
        for k, measure in enumerate(("any", "full")):
            part = by_origin[by_origin["measure"] == measure].set_index("origin").reindex(origins)
            xs = np.arange(len(origins)) + (k - 0.5) * 0.36
            err = np.vstack([part["mean"] - part["ci_low"], part["ci_high"] - part["mean"]]) * 100
            bx.bar(xs, part["mean"] * 100, width=0.34, color=SERIES_COLORS[k],
                   yerr=np.nan_to_num(err), ecolor="#4d4d4d", error_kw={"linewidth": 0.6})
        bx.set_xticks(range(len(origins)),
                      [f"{label(o, lang)}\nn={int(by_origin[(by_origin['origin'] == o) & (by_origin['measure'] == 'any')]['n'].iloc[0])}"
                       for o in origins], fontsize=6)
        bx.tick_params(axis="y", labelleft=True)
        bx.set_title(label("by_origin", lang), fontsize=7)
        fig.suptitle(label("nonanswer_title", lang))
        _legend(fig, entries + [(Line2D([], [], color="#4d4d4d", linewidth=0.6), label("ci95", lang))]
                + (_sparse_point_entry(lang) if sparse else []), ncols=4)
    return fig
