"""Figures of a corpus over time: activity, spokespersons, countries, tone, topics, terms.

Time runs along a date axis (years labelled, each period ticked), so that fifty
months stay legible at print width. A period's point stands at its middle; an
interval is a band; a period without briefings is a gap in the line, never
bridged. A point that rests on one briefing is drawn hollow, ``n`` is written
beside points that rest on few paragraphs, and a period with few briefings (the
archive's ragged first and last months: :func:`analysis.trends.add_coverage`) is
shaded: a spike from one briefing is seen as one.
Dated events (:func:`analysis.trends.read_events`) are numbered vertical lines,
with their key below the figure.
"""
from __future__ import annotations

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.colors import PowerNorm
from matplotlib.figure import Figure
from matplotlib.legend_handler import HandlerTuple
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from ..labels import Lang, country_label, label, spokesperson_label, term_label
from ..trends import events_between
from .style import ORIGIN_COLORS, TONE_COLORS, figure_style

SERIES_COLORS = ["#1f4e79", "#c0392b", "#1e8449", "#b9770e", "#6c3483", "#117a65", "#7f8c8d", "#a04000"]
KIND_LINE = {"question": "#d35400", "answer": "#1f4e79"}
#: Points resting on fewer paragraphs than this get their n written beside them.
SMALL_N = 30
SPARSE_SHADE = "#ececec"


def spokesperson_color(name: str) -> str:
    """The colour of a spokesperson (canonical name) in every figure: the ``color``
    column of ``data/speakers.csv`` (contemporaries differ), so that Geng Shuang has
    one colour in the tenure chart, the tone comparisons and the topics; a name not
    listed there takes grey."""
    from ..documents import read_speakers

    table = read_speakers()
    colors = dict(zip(table["name_en"], table["color"])) if "color" in table.columns else {}
    return colors.get(name) or "#7f8c8d"


# ---------------------------------------------------------------------------
# The time axis, events, and points that rest on little


def _span(periods: pd.Series, freq: str) -> tuple[pd.Timestamp, pd.Timestamp]:
    first, last = pd.Period(min(periods), freq=freq), pd.Period(max(periods), freq=freq)
    return first.start_time, last.end_time


def _mid(periods, freq: str) -> np.ndarray:
    """Each period's middle, where its point stands."""
    spans = [pd.Period(p, freq=freq) for p in periods]
    return np.array([s.start_time + (s.end_time - s.start_time) / 2 for s in spans], dtype="datetime64[ns]")


def _time_axis(ax: Axes, periods, freq: str, *, labels: bool = True, minor: bool = True) -> None:
    """Dates along x: years labelled; each period ticked (``minor=False``: years only,
    for small panels, where fifty ticks would crowd). Ticks are placed once, at fixed
    dates (date locators recomputing them at every layout pass are slow)."""
    start, end = _span(pd.Series(list(periods)), freq)
    ax.set_xlim(start, end)
    years = list(range(start.year, end.year + 1))
    step = 1 if len(years) <= 12 else 5
    named = sorted(set(periods))
    if freq != "Y" and len(named) <= 8:  # a short span: every period named under its point
        ax.set_xticks(mdates.date2num(pd.DatetimeIndex(_mid(named, freq)).to_pydatetime()), named)
        ax.set_xticks([], minor=True)
        ax.tick_params(axis="x", which="major", length=0)
    elif freq == "Y":
        ax.set_xticks([mdates.date2num(pd.Timestamp(y, 7, 1)) for y in years[::step]],
                      [str(y) for y in years[::step]])
        ax.set_xticks([mdates.date2num(pd.Timestamp(y, 1, 1)) for y in years[1:]], minor=True)
        ax.tick_params(axis="x", which="major", length=0)
    else:
        firsts = [y for y in years[::step] if pd.Timestamp(y, 1, 1) >= start]
        ticks, names = [pd.Timestamp(y, 1, 1) for y in firsts], [str(y) for y in firsts]
        # a span that starts well before its first January: its first month named too
        if start.month != 1 and (not ticks or (ticks[0] - start).days >= 120):
            ticks, names = [start, *ticks], [f"{start:%Y-%m}", *names]
        ax.set_xticks([mdates.date2num(t) for t in ticks], names, ha="left")
        if minor:
            ticks = pd.date_range(start, end, freq="MS" if freq == "M" else "QS")
        else:
            ticks = pd.DatetimeIndex([pd.Timestamp(y, 1, 1) for y in years if pd.Timestamp(y, 1, 1) >= start])
        ax.set_xticks(mdates.date2num(ticks.to_pydatetime()), minor=True)
    if not labels:
        ax.tick_params(axis="x", which="both", labelbottom=False)


def _draw_events(ax: Axes, events: pd.DataFrame) -> None:
    """Each event a dotted vertical line with its number at the top, in a strip of
    headroom above the data; numbers of events close together step down so that they
    do not overlap. Call after the y limits are set."""
    if events is None or events.empty:
        return
    low, high = ax.get_ylim()
    ax.set_ylim(low, high + 0.2 * (high - low))  # the numbers' strip
    lo, hi = (mdates.num2date(v).replace(tzinfo=None) for v in ax.get_xlim())
    span = (hi - lo).days or 1
    last, row = None, 0
    for event in events.itertuples():
        ax.axvline(event.date, color="#7f8c8d", linewidth=0.5, linestyle=(0, (2, 2)), zorder=0)
        row = row + 1 if last is not None and (event.date - last).days < span * 0.04 and row < 1 else 0
        ax.text(event.date, 1.0 - 0.09 * row, f" {event.number}", transform=ax.get_xaxis_transform(),
                fontsize=6, color="#555555", va="top", ha="left")
        last = event.date


def _shade_sparse(ax: Axes, table: pd.DataFrame, freq: str) -> bool:
    """Shade the periods with few briefings (``sparse``, from
    :func:`analysis.trends.add_coverage`); whether any was shaded."""
    if "sparse" not in table.columns:
        return False
    periods = sorted(set(table.loc[table["sparse"].astype(bool) & (table["period_docs"] > 0), "period"]))
    for p in periods:
        period = pd.Period(p, freq=freq)
        ax.axvspan(period.start_time, period.end_time, color=SPARSE_SHADE, linewidth=0, zorder=0)
    return bool(periods)


def _sparse_entry(table: pd.DataFrame, lang: Lang) -> list:
    """The legend entry for shaded periods, when the table has any."""
    if "sparse" not in table.columns or not (table["sparse"].astype(bool) & (table["period_docs"] > 0)).any():
        return []
    return [(Patch(color=SPARSE_SHADE, linewidth=0), label("few_briefings", lang).format(
        n=table.attrs.get("sparse_below", "")))]


def _layout(width: float, height: float, events: pd.DataFrame | None = None):
    """A figure of ``width`` × ``height`` inches to draw in, with room below for the
    key of ``events`` when there are any: (figure, where to draw, where the key goes)."""
    if events is None or events.empty:
        fig = plt.figure(figsize=(width, height))
        return fig, fig, None
    rows = len(events) if len(events) <= 3 else -(-len(events) // 2)
    key_height = 0.3 + 0.1 * rows
    fig = plt.figure(figsize=(width, height + key_height))
    main, key = fig.subfigures(2, 1, height_ratios=[height, key_height])
    return fig, main, key


def _event_key(key, events: pd.DataFrame, lang: Lang) -> None:
    """The numbered events, listed in the room :func:`_layout` left below the figure."""
    if key is None or events.empty:
        return
    rows = [f"{r.number}  {r.date:%Y-%m-%d}  {getattr(r, 'label_' + lang)}" for r in events.itertuples()]
    handles = [Line2D([], [], linestyle="none") for _ in rows]
    key.legend(handles, rows, loc="upper center", ncols=2 if len(rows) > 3 else 1, fontsize=6,
               handlelength=0, handletextpad=0, columnspacing=2.5, labelspacing=0.25,
               title=label("events", lang), title_fontsize=6.5, alignment="left")


def _encoding(lang: Lang, *, color: str = "#555555", band: bool = True, hollow: bool = True,
              hollow_label: str = "one_briefing") -> list:
    """Legend entries for the marks every trend uses: the mean with its interval band,
    and (when any is drawn) the hollow point, whose meaning ``hollow_label`` names."""
    mean = Line2D([], [], color=color, marker="o", markersize=3, linewidth=0.9)
    handles = [((mean, Patch(color=color, alpha=0.18, linewidth=0)) if band else mean, label("mean_ci" if band else "per_period", lang))]
    if hollow:
        handles.append((Line2D([], [], linestyle="none", marker="o", markersize=3, markerfacecolor="white",
                               markeredgecolor=color, markeredgewidth=0.7), label(hollow_label, lang)))
    return handles


def _legend(canvas, entries: list, *, title: str | None = None, ncols: int | None = None) -> None:
    """One legend below the plots: (handle, text) entries, an optional note as its title."""
    handles, texts = zip(*entries)
    canvas.legend(list(handles), list(texts), loc="outside lower center", ncols=ncols or len(entries),
                  title=title, title_fontsize=5.5, handler_map={tuple: HandlerTuple(ndivide=1)})


def _points(ax: Axes, x, y, *, n=None, single=None, color: str, label_text: str | None = None,
            band=None, small_n: int = SMALL_N, marker: str = "o", size: float = 3.0, n_dy: float = 3) -> bool:
    """A series: line (broken at gaps), interval band, markers (hollow where one
    briefing), and n beside the points that rest on fewer than ``small_n`` (``n_dy``
    points above; below where negative). Whether a hollow point was drawn."""
    y = np.asarray(y, float)
    if band is not None:
        low, high = (np.asarray(b, float) for b in band)
        ax.fill_between(x, low, high, color=color, alpha=0.18, linewidth=0, step=None)
        # a point without neighbours has no band to show: its interval as a bar
        have = ~np.isnan(low) & ~np.isnan(high)
        before = np.concatenate([[False], have[:-1]])
        after = np.concatenate([have[1:], [False]])
        alone = have & ~before & ~after
        ax.vlines(np.asarray(x)[alone], low[alone], high[alone], color=color, alpha=0.45, linewidth=1.2)
    ax.plot(x, y, color=color, linewidth=0.9, label=label_text)
    single = np.zeros(len(y), bool) if single is None else np.asarray(single, bool)
    ok = ~np.isnan(y)
    ax.plot(np.asarray(x)[ok & ~single], y[ok & ~single], linestyle="none", marker=marker, markersize=size,
            color=color)
    ax.plot(np.asarray(x)[ok & single], y[ok & single], linestyle="none", marker=marker, markersize=size,
            markerfacecolor="white", markeredgecolor=color, markeredgewidth=0.7)
    if n is not None:
        for xi, yi, ni in zip(np.asarray(x)[ok], y[ok], np.asarray(n)[ok]):
            if ni < small_n:
                ax.annotate(f"{int(ni)}", (xi, yi), xytext=(0, n_dy), textcoords="offset points", fontsize=5,
                            ha="center", va="bottom" if n_dy >= 0 else "top", color=color)
    return bool((ok & single).any())


# ---------------------------------------------------------------------------
# Overview


def plot_activity(table: pd.DataFrame, *, freq: str, lang: Lang = "zh") -> Figure:
    """Two panels over time: documents per period (bars) and Q&As per document (with
    its interval). ``table`` is :func:`analysis.trends.activity_table`."""
    x = _mid(table["period"], freq)
    width = pd.Timedelta(days={"M": 24, "Q": 75, "Y": 300}[freq])
    with figure_style("double"):
        fig, (top, bottom) = plt.subplots(2, 1, figsize=(7.2, 3.4), sharex=True, height_ratios=[1, 1.3])
        top.bar(x, table["n_docs"], width=width, color="#7f8c8d")
        top.set_ylabel(label(f"briefings_per_{freq}", lang))
        single = table["n_docs"].eq(1).to_numpy()
        hollow = _points(bottom, x, table["per_doc"], single=single, color=SERIES_COLORS[0],
                         band=(table["ci_low"], table["ci_high"]), small_n=0)
        bottom.set_ylabel(label("questions_per_briefing", lang))
        bottom.set_ylim(bottom=0)
        _time_axis(top, table["period"], freq, labels=False)
        _time_axis(bottom, table["period"], freq)
        fig.suptitle(label("activity_title", lang))
        _legend(fig, _encoding(lang, color=SERIES_COLORS[0], hollow=hollow))
    return fig


def plot_spokespersons(documents: pd.DataFrame, tenure: pd.DataFrame, *, lang: Lang = "zh") -> Figure:
    """Who held the briefings: one row per spokesperson, a tick for each briefing,
    with the number held and the share on the right. ``documents`` has doc_id,
    date and spokesperson (:func:`analysis.trends.period_table`); ``tenure`` is
    :func:`analysis.trends.tenure_table` (the rows, in its order)."""
    people = tenure["spokesperson"].tolist()
    with figure_style("double"):
        fig, ax = plt.subplots(figsize=(7.2, 0.32 * len(people) + 1.0))
        for i, person in enumerate(people):
            dates = documents.loc[documents["spokesperson"] == person, "date"]
            ax.vlines(dates, len(people) - i - 0.35, len(people) - i + 0.35, color=spokesperson_color(person),
                      linewidth=0.6)
        ax.set_yticks(range(len(people), 0, -1), [spokesperson_label(p, lang) for p in people])
        ax.set_ylim(0.4, len(people) + 0.6)
        for i, row in enumerate(tenure.itertuples()):
            ax.text(1.01, len(people) - i, f"{row.n_docs}  ({row.share:.0%})", transform=ax.get_yaxis_transform(),
                    va="center", fontsize=6)
        periods = pd.PeriodIndex(pd.to_datetime(documents["date"]), freq="M").astype(str)
        _time_axis(ax, periods, "M")
        ax.spines["left"].set_visible(False)
        ax.tick_params(axis="y", length=0)
        fig.suptitle(label("spokespersons_title", lang))
    return fig


def plot_origins(table: pd.DataFrame, *, freq: str, lang: Lang = "zh") -> Figure:
    """Stacked bars: the share of each period's questions asked by domestic and
    foreign outlets, by outlets the transcript does not place, and without an
    outlet named. ``table`` is :func:`analysis.trends.origin_trend_table`."""
    wide = table.pivot(index="period", columns="origin", values="share").fillna(0)
    n = table.groupby("period")["n_questions"].sum().reindex(wide.index)
    x = _mid(wide.index, freq)
    width = pd.Timedelta(days={"M": 24, "Q": 75, "Y": 300}[freq])
    with figure_style("double"):
        fig, ax = plt.subplots(figsize=(7.2, 2.4))
        bottom = np.zeros(len(wide))
        for origin in ("domestic", "foreign", "unknown", "unnamed"):
            if origin in wide and wide[origin].gt(0).any():  # an origin no question has is left out
                values = wide[origin].to_numpy() * 100
                ax.bar(x, values, width=width, bottom=bottom, color=ORIGIN_COLORS[origin], label=label(origin, lang))
                bottom += values
        ax.bar(x[n.to_numpy() == 0], 100, width=width, color="none", edgecolor="#dddddd", linewidth=0.4)
        ax.set_ylim(0, 100)
        ax.set_ylabel(label("share_of_questions", lang))
        _time_axis(ax, wide.index, freq)
        fig.legend(loc="outside lower center", ncols=4)
        fig.suptitle(label("origins_title", lang))
        if table.attrs.get("unnamed_before"):
            ax.set_title(label("unnamed_before_note", lang).format(n=table.attrs["unnamed_before"],
                                                                    first=table.attrs["first_named"]),
                         fontsize=6, loc="left", color="#555555")
    return fig


def plot_mean_trend(table: pd.DataFrame, *, freq: str, ylabel: str, title: str, lang: Lang = "zh",
                    events: pd.DataFrame | None = None, zero: bool = False, ylim=None,
                    n_note: str = "small_n_note") -> Figure:
    """One mean per period with its interval (``period``, ``n``, ``mean``,
    ``ci_low``, ``ci_high``: :func:`analysis.trends.tone_trend_table`,
    :func:`analysis.trends.answer_length_table`), hollow where one briefing carries
    the point, n written where it is small (``n_note`` the label that says what n
    counts), events numbered."""
    x = _mid(table["period"], freq)
    start, end = _span(table["period"], freq)
    shown = events_between(events, start, end)
    with figure_style("double"):
        fig, canvas, key = _layout(7.2, 2.9, shown)
        ax = canvas.subplots()
        single = (table["n"] > 0).to_numpy() & table["ci_low"].isna().to_numpy()
        _shade_sparse(ax, table, freq)
        hollow = _points(ax, x, table["mean"], n=table["n"], single=single, color=SERIES_COLORS[0],
                         band=(table["ci_low"], table["ci_high"]))
        if zero:
            ax.axhline(0, color="black", linewidth=0.5)
        if ylim is not None:
            ax.set_ylim(*ylim)
        ax.set_ylabel(label(ylabel, lang))
        _time_axis(ax, table["period"], freq)
        _draw_events(ax, shown)
        canvas.suptitle(label(title, lang))
        _legend(canvas, _encoding(lang, color=SERIES_COLORS[0], hollow=hollow) + _sparse_entry(table, lang),
                title=label(n_note, lang).format(n=SMALL_N))
        _event_key(key, shown, lang)
    return fig


# ---------------------------------------------------------------------------
# Countries


def plot_mention_heatmap(table: pd.DataFrame, *, freq: str, lang: Lang = "zh") -> Figure:
    """Countries (rows, in the table's order of first appearance) by period: the
    share of question turns naming each, in per cent. ``table`` is
    :func:`analysis.trends.mention_trend_table` of the countries to draw."""
    order = list(dict.fromkeys(table["country"]))
    wide = table.pivot(index="country", columns="period", values="share").reindex(order) * 100
    periods = list(wide.columns)
    with figure_style("double"):
        fig, ax = plt.subplots(figsize=(7.2, 0.2 * len(order) + 1.3))
        data = np.ma.masked_invalid(wide.to_numpy(float))
        # a square-root scale: a 5% share stays visible beside the United States' 50%
        norm = PowerNorm(0.5, vmin=0, vmax=max(1.0, float(np.nanmax(wide.to_numpy()))))
        image = ax.imshow(data, aspect="auto", cmap="Greys", norm=norm, interpolation="nearest")
        ax.set_yticks(range(len(order)), [country_label(c, lang) for c in order])
        # years named at their first period (January, Q1); a first column that is not one
        # named in full, where the next year's label is far enough away not to collide
        firsts = [i for i, p in enumerate(periods) if len(p) == 4 or p.endswith(("-01", "Q1"))]
        names = [periods[i][:4] for i in firsts]
        if periods and 0 not in firsts and (not firsts or firsts[0] >= 4):
            firsts, names = [0, *firsts], [periods[0], *names]
        ax.set_xticks([i - 0.5 for i in firsts], names, ha="left")
        ax.set_xticks(np.arange(len(periods)) - 0.5, minor=True)
        ax.tick_params(axis="x", which="minor", length=1.5)
        for side in ("top", "right", "left", "bottom"):
            ax.spines[side].set_visible(False)
        bar = fig.colorbar(image, ax=ax, fraction=0.03, pad=0.01)
        bar.set_label(label(f"share_{table.attrs.get('kind', 'question')}_turns", lang) + "\n"
                      + label("sqrt_scale", lang), fontsize=6)
        bar.ax.tick_params(labelsize=6)
        fig.suptitle(label("country_heatmap_title", lang))
    return fig


def plot_country_trends(table: pd.DataFrame, *, freq: str, lang: Lang = "zh", events: pd.DataFrame | None = None,
                        ncols: int = 3) -> Figure:
    """Small multiples, one panel per country (in the table's order): the share of
    question turns and of answer turns naming it per period; a point carried by one
    briefing hollow; the country's events numbered. ``table`` is
    :func:`analysis.trends.mention_dispersion_table` of the countries, questions and
    answers stacked with a ``kind`` column."""
    countries = list(dict.fromkeys(table["country"]))
    nrows = -(-len(countries) // ncols)
    start, end = _span(table["period"], freq)
    shown = events_between(events, start, end, countries)  # the events of the countries drawn
    with figure_style("double"):
        fig, canvas, key = _layout(7.2, 1.45 * nrows + 0.9, shown)
        axes = canvas.subplots(nrows, ncols, sharex=True, squeeze=False)
        hollow = False
        for ax, country in zip(axes.flat, countries):
            part = table[table["country"] == country]
            _shade_sparse(ax, part, freq)
            for kind in ("question", "answer"):
                k = part[part["kind"] == kind]
                if k.empty:
                    continue
                hollow |= _points(ax, _mid(k["period"], freq), k["share"] * 100,
                                  single=k["n_docs_with"].eq(1).to_numpy(),
                                  n=k["n_units"] if kind == "question" else None, color=KIND_LINE[kind],
                                  label_text=label(f"{kind}_turns", lang), size=2.2)
            ax.set_title(country_label(country, lang), loc="left", fontsize=7, pad=2)
            top = float(np.nanmax(part["share"].to_numpy(float))) * 100 if part["share"].notna().any() else 1.0
            ax.set_ylim(0, max(top, 1.0) * 1.12)
            _time_axis(ax, table["period"], freq)
            _draw_events(ax, events_between(events, start, end, [country]))
        for ax in list(axes.flat)[len(countries):]:
            ax.set_visible(False)
        canvas.supylabel(label("share_turns_pct", lang), fontsize=7)
        canvas.suptitle(label("country_trends_title", lang))
        entries = [(Line2D([], [], color=KIND_LINE[k], marker="o", markersize=2.2, linewidth=0.9),
                    label(f"{k}_turns", lang)) for k in ("question", "answer")]
        entries += _encoding(lang, band=False, hollow=hollow, hollow_label="named_one_briefing")[1:]
        _legend(canvas, entries + _sparse_entry(table, lang), title=label("scales_note", lang).format(n=SMALL_N),
                ncols=min(5, len(entries) + 1))
        _event_key(key, shown, lang)
    return fig


def plot_country_tone_trends(table: pd.DataFrame, *, freq: str, lang: Lang = "zh", ncols: int = 3,
                             min_n: int = 5) -> Figure:
    """Small multiples, one panel per country: the mean tone of the answer paragraphs
    naming it per period, with its interval; periods with fewer than ``min_n``
    paragraphs are not drawn. ``table`` is
    :func:`analysis.trends.country_tone_trend_table` of the countries."""
    countries = list(dict.fromkeys(table["country"]))
    nrows = -(-len(countries) // ncols)
    with figure_style("double"):
        fig, axes = plt.subplots(nrows, ncols, figsize=(7.2, 1.45 * nrows + 0.9), sharex=True, sharey=True,
                                 squeeze=False)
        hollow = False
        for ax, country in zip(axes.flat, countries):
            part = table[table["country"] == country]
            shown = part["n"] >= min_n
            mean = part["mean"].where(shown)
            single = (shown & part["ci_low"].isna()).to_numpy()
            _shade_sparse(ax, part, freq)
            hollow |= _points(ax, _mid(part["period"], freq), mean, n=part["n"].where(shown, 10**9), single=single,
                    color=SERIES_COLORS[0], band=(part["ci_low"].where(shown), part["ci_high"].where(shown)), size=2.2)
            ax.axhline(0, color="black", linewidth=0.4)
            ax.set_title(country_label(country, lang), loc="left", fontsize=7, pad=2)
            ax.set_ylim(-1, 1)
            _time_axis(ax, table["period"], freq)
        for ax in list(axes.flat)[len(countries):]:
            ax.set_visible(False)
        fig.supylabel(label("country_tone_mean", lang), fontsize=7)
        fig.suptitle(label("country_tone_trends_title", lang))
        _legend(fig, _encoding(lang, color=SERIES_COLORS[0], hollow=hollow) + _sparse_entry(table, lang),
                title=label("min_paragraphs_note", lang).format(n=min_n, small=SMALL_N))
    return fig


# ---------------------------------------------------------------------------
# Tone by spokesperson, and what changed


def plot_spokesperson_tone(table: pd.DataFrame, *, freq: str, lang: Lang = "zh") -> Figure:
    """Side by side within the periods where two or more spokespersons held
    briefings: each one's mean answer tone with its interval, dodged within the
    period. ``table`` is :func:`analysis.trends.spokesperson_tone_table` (rows with
    ``shared``)."""
    t = table[table["shared"]]
    people = sorted(t["spokesperson"].unique(), key=lambda p: t.loc[t["spokesperson"] == p, "period"].min())
    periods = sorted(t["period"].unique())
    pos = {p: i for i, p in enumerate(periods)}
    step = 0.8 / max(1, len(people))
    with figure_style("double"):
        fig, ax = plt.subplots(figsize=(7.2, 2.8))
        for j, person in enumerate(people):
            part = t[t["spokesperson"] == person]
            x = np.array([pos[p] for p in part["period"]]) - 0.4 + step * (j + 0.5)
            color = spokesperson_color(person)
            ax.vlines(x, part["ci_low"], part["ci_high"], color=color, linewidth=0.7)
            single = part["ci_low"].isna().to_numpy()
            ax.plot(x[~single], part["mean"].to_numpy()[~single], "o", markersize=2.6, color=color,
                    label=spokesperson_label(person, lang))
            ax.plot(x[single], part["mean"].to_numpy()[single], "o", markersize=2.6, markerfacecolor="white",
                    markeredgecolor=color, markeredgewidth=0.7)
        ax.set_xticks(range(len(periods)), periods, rotation=90 if len(periods) > 16 else 0, fontsize=6)
        ax.set_xlim(-0.6, len(periods) - 0.4)
        for i in range(1, len(periods)):
            ax.axvline(i - 0.5, color="#eeeeee", linewidth=0.5, zorder=0)
        ax.set_ylabel(label("answer_tone_mean", lang))
        fig.legend(loc="outside lower center", ncols=max(1, len(people)))
        fig.suptitle(label("spokesperson_tone_title", lang))
    return fig


def plot_spokesperson_effects(table: pd.DataFrame, *, lang: Lang = "zh") -> Figure:
    """Each spokesperson's tone against the reference's: the plain difference of
    means (open) and the difference within the same periods with its interval
    (filled). ``table`` is :func:`analysis.trends.spokesperson_effect_table`."""
    t = table.iloc[::-1].reset_index(drop=True)
    y = np.arange(len(t))
    with figure_style("single"):
        fig, ax = plt.subplots(figsize=(3.5, 0.35 * len(t) + 1.3))
        ax.axvline(0, color="black", linewidth=0.5)
        ax.hlines(y, t["ci_low"], t["ci_high"], color=SERIES_COLORS[0], linewidth=1.0)
        ax.plot(t["effect"], y, "o", color=SERIES_COLORS[0], markersize=3.5, label=label("within_periods", lang))
        ax.plot(t["raw_diff"], y + 0.18, "D", markerfacecolor="white", markeredgecolor=SERIES_COLORS[1],
                markersize=3.2, markeredgewidth=0.8, label=label("plain_difference", lang), linestyle="none")
        names = [f"{spokesperson_label(p, lang)} ({n})" for p, n in zip(t["spokesperson"], t["n_docs"])]
        ax.set_yticks(y, names)
        ax.set_xlabel(label("tone_difference", lang).format(reference=spokesperson_label(
            table.attrs.get("reference", t["spokesperson"].iloc[-1]), lang)) + "\n" + label("n_briefings_note", lang))
        fig.legend(loc="outside lower center", ncols=2)
        fig.suptitle(label("spokesperson_effect_title", lang))
    return fig


def plot_tone_change(table: pd.DataFrame, *, lang: Lang = "zh") -> Figure:
    """Diverging bars: the terms whose weight per 10,000 answer tokens changed most
    between two periods (left: pulling tone down; right: up), each with the
    briefings it scores in before → after. ``table`` is
    :func:`analysis.trends.tone_change_table`."""
    rows = table.sort_values("change", ascending=True, kind="stable").reset_index(drop=True)
    before, after = table.attrs.get("before", ""), table.attrs.get("after", "")
    with figure_style("single"):
        fig, ax = plt.subplots(figsize=(3.5, 0.17 * len(rows) + 1.2))
        y = np.arange(len(rows))
        ax.barh(y, rows["change"], color=[TONE_COLORS[d] for d in rows["direction"]])
        ax.set_yticks(y, [term_label(t, lang) for t in rows["term"]])
        ax.axvline(0, color="black", linewidth=0.6)
        span = float(rows["change"].abs().max()) if len(rows) else 1.0
        for yi, row in zip(y, rows.itertuples()):
            ax.text(row.change + (0.02 * span if row.change >= 0 else -0.02 * span), yi,
                    f"{row.docs_before}→{row.docs_after}", va="center", fontsize=4.8, color="#555555",
                    ha="left" if row.change >= 0 else "right")
        ax.set_xlim(-1.75 * span, 1.75 * span)
        handles = [Patch(color=TONE_COLORS[d]) for d in ("negative", "positive") if d in set(rows["direction"])]
        names = [label(f"pulls_{d}", lang) for d in ("negative", "positive") if d in set(rows["direction"])]
        fig.legend(handles, names, loc="outside lower center", ncols=2)
        ax.set_xlabel(label("weight_change", lang).format(before=before, after=after) + "\n"
                      + label("briefings_before_after", lang))
        fig.suptitle(label("tone_change_title", lang).format(before=before, after=after))
    return fig


# ---------------------------------------------------------------------------
# Topics and terms


def plot_topic_trends(table: pd.DataFrame, *, freq: str, labels: dict[str, str], lang: Lang = "zh",
                      ncols: int = 5) -> Figure:
    """Small multiples, one panel per topic: its mean share of the answer paragraphs
    per period with the interval. ``table``: period, theme, n, mean, ci_low, ci_high
    (:func:`analysis.trends.theme_trend_table`); ``labels`` names each theme."""
    themes = list(dict.fromkeys(table["theme"]))
    nrows = -(-len(themes) // ncols)
    with figure_style("double"):
        fig, axes = plt.subplots(nrows, ncols, figsize=(7.2, 1.05 * nrows + 0.5), sharex=True, sharey=True,
                                 squeeze=False)
        top = float(np.nanmax(table["ci_high"].to_numpy(float))) * 100 if len(table) else 1.0
        hollow = False
        for ax, theme in zip(axes.flat, themes):
            part = table[table["theme"] == theme]
            single = ((part["n"] > 0) & part["ci_low"].isna()).to_numpy()
            _shade_sparse(ax, part, freq)
            hollow |= _points(ax, _mid(part["period"], freq), part["mean"] * 100, single=single,
                              color=SERIES_COLORS[0], band=(part["ci_low"] * 100, part["ci_high"] * 100), size=1.4)
            ax.set_title(labels.get(theme, theme), loc="left", fontsize=6, pad=1.5)
            ax.set_ylim(0, top * 1.05)
            _time_axis(ax, table["period"], freq, minor=False)
            ax.tick_params(labelsize=5)
        for ax in list(axes.flat)[len(themes):]:
            ax.set_visible(False)
        fig.supylabel(label("topic_share_pct", lang), fontsize=7)
        fig.suptitle(label("topic_trends_title", lang))
        _legend(fig, _encoding(lang, color=SERIES_COLORS[0], hollow=hollow) + _sparse_entry(table, lang))
    return fig


def plot_topic_by_spokesperson(table: pd.DataFrame, *, labels: dict[str, str], lang: Lang = "zh") -> Figure:
    """Each topic's mean share of each spokesperson's answer paragraphs, with the
    interval, topics in rows. ``table``: theme, spokesperson, n, mean, ci_low,
    ci_high (:func:`analysis.trends.theme_spokesperson_table`)."""
    themes = list(dict.fromkeys(table["theme"]))
    people = list(dict.fromkeys(table["spokesperson"]))
    step = 0.8 / max(1, len(people))
    with figure_style("double"):
        fig, ax = plt.subplots(figsize=(7.2, 0.24 * len(themes) + 1.0))
        for j, person in enumerate(people):
            part = table[table["spokesperson"] == person].set_index("theme").reindex(themes)
            y = len(themes) - 1 - np.arange(len(themes)) + 0.4 - step * (j + 0.5)
            color = spokesperson_color(person)
            ax.hlines(y, part["ci_low"] * 100, part["ci_high"] * 100, color=color, linewidth=0.6)
            ax.plot(part["mean"] * 100, y, "o", markersize=2.0, color=color, label=spokesperson_label(person, lang))
        ax.set_yticks(len(themes) - 1 - np.arange(len(themes)), [labels.get(t, t) for t in themes], fontsize=6)
        ax.set_ylim(-0.6, len(themes) - 0.4)
        ax.set_xlabel(label("topic_share_pct", lang))
        fig.legend(loc="outside lower center", ncols=max(1, len(people)))
        fig.suptitle(label("topic_spokesperson_title", lang))
    return fig


def plot_term_trends(table: pd.DataFrame, *, freq: str, lang: Lang = "zh") -> Figure:
    """Two panels over time for the terms a user names: occurrences per million tokens
    (top) and the share of the period's briefings that use the term (bottom: how far a
    peak spreads). ``table`` is :func:`analysis.trends.term_trend_table`."""
    terms = list(dict.fromkeys(table["term"]))
    with figure_style("double"):
        fig, (top, bottom) = plt.subplots(2, 1, figsize=(7.2, 3.6), sharex=True, height_ratios=[1.4, 1])
        hollow = False
        _shade_sparse(top, table, freq)
        _shade_sparse(bottom, table, freq)
        for i, term in enumerate(terms):
            part = table[table["term"] == term]
            x = _mid(part["period"], freq)
            color = SERIES_COLORS[i % 8]
            single = part["n_docs_with"].eq(1).to_numpy()
            hollow |= _points(top, x, part["per_million"], single=single, color=color, label_text=term_label(term, lang),
                    size=2.4)
            share = part["n_docs_with"] / part["n_docs"].where(part["n_docs"] > 0) * 100
            _points(bottom, x, share, color=color, size=2.0)
        top.set_ylabel(label("per_million_tokens", lang))
        bottom.set_ylabel(label("share_briefings_using", lang))
        top.set_ylim(bottom=0)
        bottom.set_ylim(0, 100)
        _time_axis(top, table["period"], freq, labels=False)
        _time_axis(bottom, table["period"], freq)
        entries = list(zip(*top.get_legend_handles_labels()))
        entries += _encoding(lang, band=False, hollow=hollow, hollow_label="used_one_briefing")[1:]
        _legend(fig, entries + _sparse_entry(table, lang), ncols=min(5, len(entries) + 1))
        fig.suptitle(label("term_trend_title", lang).format(term=term_label(terms[0], lang)) if len(terms) == 1
                     else label("term_trends_title", lang))
    return fig


# ---------------------------------------------------------------------------
# Questions and answers


def plot_answer_tone_by(table: pd.DataFrame, *, by: str, freq: str, lang: Lang = "zh") -> Figure:
    """Mean answer tone per period for each group of questions (``pressing``,
    ``neutral``, ``friendly``; or the outlet's origin), with intervals. ``table`` is
    :func:`analysis.trends.answer_tone_by_table`."""
    groups = list(dict.fromkeys(table[by]))
    colors = {"pressing": TONE_COLORS["negative"], "neutral": "#7f8c8d", "friendly": TONE_COLORS["positive"],
              **ORIGIN_COLORS}
    with figure_style("double"):
        fig, ax = plt.subplots(figsize=(7.2, 2.6))
        _shade_sparse(ax, table, freq)
        hollow = False
        for i, group in enumerate(groups):
            part = table[table[by] == group]
            single = ((part["n"] > 0) & part["ci_low"].isna()).to_numpy()
            # n above the points of one series, below those of the next: less overlap
            hollow |= _points(ax, _mid(part["period"], freq), part["mean"], n=part["n"], single=single,
                              color=colors.get(group, "#4d4d4d"), band=(part["ci_low"], part["ci_high"]),
                              label_text=label(f"q_{group}" if by == "pressing" else group, lang),
                              n_dy=3 if i % 2 == 0 else -3)
        ax.axhline(0, color="black", linewidth=0.5)
        ax.set_ylabel(label("answer_tone_qa", lang))  # each Q&A counts once
        _time_axis(ax, table["period"], freq)
        entries = list(zip(*ax.get_legend_handles_labels()))
        entries += _encoding(lang, hollow=hollow)[1:] + _sparse_entry(table, lang)
        # three to a row: in English the five entries do not fit one row at print width
        _legend(fig, entries, title=label("small_n_qa_note", lang).format(n=SMALL_N), ncols=min(3, len(entries)))
        fig.suptitle(label(f"answer_tone_by_{by}_title", lang))
    return fig


def plot_qa_slope(table: pd.DataFrame, *, freq: str, lang: Lang = "zh") -> Figure:
    """Per period, how much the answer's tone follows the question's: the slope of
    answer tone on question tone with its interval. ``table`` is
    :func:`analysis.trends.qa_slope_table`."""
    with figure_style("single"):
        fig, ax = plt.subplots(figsize=(3.5, 2.3))
        single = ((table["n"] > 0) & table["ci_low"].isna()).to_numpy()
        _shade_sparse(ax, table, freq)
        _points(ax, _mid(table["period"], freq), table["slope"], n=table["n"], single=single,
                color=SERIES_COLORS[0], band=(table["ci_low"], table["ci_high"]))
        ax.axhline(0, color="black", linewidth=0.5)
        ax.set_ylabel(label("qa_slope", lang))
        _time_axis(ax, table["period"], freq)
        fig.suptitle(label("qa_slope_title", lang))
    return fig
