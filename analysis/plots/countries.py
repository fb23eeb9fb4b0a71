"""Figures of country mentions: by kind, by unit, named together, tone, the map."""
from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from ..labels import Lang, country_label, label
from .style import KIND_COLORS, TONE_COLORS, empty_figure, figure_style, wrap
from .worldmap import world_shapes


def plot_mentions_by_kind(table: pd.DataFrame, *, lang: Lang = "zh") -> Figure:
    """Grouped horizontal bars: mentions of each country in statements (where the
    table has them), questions and answers, in the table's order from the top.
    ``table`` is :func:`analysis.countries.kind_table`."""
    if table.empty:
        return empty_figure("mentions_by_kind", lang)
    kinds = [k for k in ("statement", "question", "answer") if k in table.columns]
    wide = table.set_index("country").iloc[::-1]
    y = np.arange(len(wide))
    bar = 0.8 / len(kinds)
    with figure_style("single"):
        fig, ax = plt.subplots(figsize=(3.5, (0.12 * len(kinds) + 0.04) * len(wide) + 1.2))
        for i, kind in enumerate(kinds):
            ax.barh(y + 0.4 - bar * (i + 0.5), wide[kind], height=bar, color=KIND_COLORS[kind], label=label(kind, lang))
        ax.set_yticks(y, [country_label(c, lang) for c in wide.index])
        ax.set_ylim(-0.6, len(wide) - 0.4)
        ax.set_xlabel(label("mentions", lang))
        ax.xaxis.get_major_locator().set_params(integer=True)
        fig.legend(loc="outside lower center", ncols=len(kinds))
        fig.suptitle(label("mentions_by_kind", lang))
    return fig


def plot_country_heatmap(table: pd.DataFrame, *, sectioned: bool = True, lang: Lang = "zh") -> Figure:
    """Heatmap: countries (rows, in the table's order from the top) by section or Q&A
    (columns), counts written in the cells. ``table`` is
    :func:`analysis.countries.country_unit_table` of one document; ``sectioned`` says
    whether its units are sections or Q&As."""
    if table.empty:
        return empty_figure("country_section", lang)
    wide = table.set_index("country")
    with figure_style("double"):
        fig, ax = plt.subplots(figsize=(7.2, 0.24 * len(wide) + 1.3))
        ax.imshow(wide.to_numpy(), aspect="auto", cmap="Greys", vmin=0, vmax=max(1, wide.to_numpy().max()))
        for (i, j), v in np.ndenumerate(wide.to_numpy()):
            if v:
                ax.text(j, i, str(v), ha="center", va="center", fontsize=6,
                        color="white" if v > wide.to_numpy().max() / 2 else "black")
        ax.set_yticks(range(len(wide)), [country_label(c, lang) for c in wide.index])
        ax.set_xticks(range(wide.shape[1]), [str(int(c)) for c in wide.columns])
        ax.set_xlabel(label("section" if sectioned else "qa", lang))
        for side in ("top", "right", "left", "bottom"):
            ax.spines[side].set_visible(False)
        fig.suptitle(label("country_section" if sectioned else "country_qa", lang))
    return fig


def plot_comention_network(pairs: pd.DataFrame, *, lang: Lang = "zh") -> Figure:
    """Co-mention network: countries on a circle (size by mentions), a line for each
    pair named in the same sentence, width by the number of such sentences.

    ``pairs`` is :func:`analysis.countries.network_table` (each pair, and each end's
    mentions). The circle layout is deterministic; each name sits outside its dot,
    along the radius, wrapped to three short lines, so no name is cut at the edge and
    neighbours at the top do not run into each other.
    """
    if pairs.empty:
        return empty_figure("comention", lang)
    counts = dict(zip(pairs["a"], pairs["a_mentions"])) | dict(zip(pairs["b"], pairs["b_mentions"]))
    nodes = sorted(set(pairs["a"]) | set(pairs["b"]), key=lambda c: (-counts.get(c, 0), c))
    angle = {c: np.pi / 2 - 2 * np.pi * i / max(1, len(nodes)) for i, c in enumerate(nodes)}
    pos = {c: (np.cos(a), np.sin(a)) for c, a in angle.items()}
    top = max(1, int(pairs["sentences"].max())) if len(pairs) else 1
    with figure_style("single"):
        fig, ax = plt.subplots(figsize=(3.5, 3.1))
        for r in pairs.itertuples():
            (x1, y1), (x2, y2) = pos[r.a], pos[r.b]
            ax.plot([x1, x2], [y1, y2], color="#7f8c8d", linewidth=0.4 + 3 * r.sentences / top, zorder=1)
        biggest = max([counts.get(c, 1) for c in nodes] or [1])
        for c in nodes:
            x, y = pos[c]
            ax.scatter(x, y, s=20 + 180 * counts.get(c, 0) / biggest, color="#2471a3", zorder=2)
            ax.text(1.13 * x, 1.13 * y, wrap(country_label(c, lang), 14, lines=3),
                    fontsize=6.5, linespacing=1.0,
                    ha="left" if x > 0.25 else "right" if x < -0.25 else "center",
                    va="bottom" if y > 0.25 else "top" if y < -0.25 else "center")
        ax.set_xlim(-1.75, 1.75)
        ax.set_ylim(-1.4, 1.4)
        ax.set_aspect("equal")
        ax.set_axis_off()
        fig.suptitle(label("comention", lang))
    return fig


def plot_country_tone(table: pd.DataFrame, *, lang: Lang = "zh") -> Figure:
    """Dots with intervals: mean tone of the sentences naming each country, the number
    of sentences beside it. ``table`` is :func:`analysis.countries.country_tone_table`."""
    if table.empty:
        return empty_figure("country_tone", lang)
    t = table.sort_values("mean", ascending=True, kind="stable")
    y = np.arange(len(t))
    with figure_style("single"):
        fig, ax = plt.subplots(figsize=(3.5, 0.24 * len(t) + 1.1))
        ax.axvline(0, color="black", linewidth=0.5)
        ok = t["low"].notna()
        ax.hlines(y[ok.to_numpy()], t.loc[ok, "low"].clip(-1, 1), t.loc[ok, "high"].clip(-1, 1),
                  color="#7f8c8d", linewidth=1)
        ax.scatter(t["mean"], y, color=[TONE_COLORS["positive" if m >= 0 else "negative"] for m in t["mean"]], s=14, zorder=3)
        ax.set_yticks(y, [f"{country_label(c, lang)} (n={n})" for c, n in zip(t["country"], t["sentences"])])
        ax.set_xlim(-1, 1)
        ax.set_xlabel(label("mean_tone", lang))
        fig.suptitle(label("country_tone", lang))
    return fig


def plot_world_map(table: pd.DataFrame, *, lang: Lang = "zh", china_apart: bool = False) -> Figure:
    """A world map shaded by mentions in classes (1, 2, 3–5, 6–10 ...); countries not named in grey.

    ``table`` is :func:`analysis.countries.map_table`; places without an outline
    (Hong Kong, Macao) are listed under the map with their counts, and so is China
    when its mentions are counted apart (``china_apart``: it is grey, not unnamed)."""
    from matplotlib.colors import BoundaryNorm, ListedColormap
    from matplotlib.collections import PathCollection

    shapes = world_shapes()
    drawn = table[table["on_map"]] if "on_map" in table else table
    counts = drawn.set_index("country")["mentions"]
    # places whose outline is under about a millimetre at print size (Hong Kong, Macao,
    # Singapore): a dot at their centre, and their counts written under the map
    extent = {c: np.ptp(np.vstack([p.vertices for p in shapes[c]]), axis=0).max() for c in counts.index}
    tiny = [c for c in counts.index if extent[c] < 15]
    dotted = table[table["country"].isin(tiny)]
    absent = table[~table["country"].isin(counts.index)]
    # classes of counts, not a continuous scale: 1 and 2 get colours of their own, well
    # away from the grey of countries not named (YlOrRd from its yellow, not its near-white)
    top = int(counts.max()) if len(counts) else 1
    edges = [1, 2, 3, 6, 11, 21, 51, 101, 201, 501, 1001]
    edges = [e for e in edges if e <= top] + [next((e for e in edges if e > top), top + 1)]
    cmap = ListedColormap(plt.get_cmap("YlOrRd")(np.linspace(0.2, 0.95, max(1, len(edges) - 1))))
    norm = BoundaryNorm(edges, cmap.N)
    with figure_style("double"):
        fig, ax = plt.subplots(figsize=(7.2, 3.9))
        # one collection of all outlines (a patch each made the map the slowest figure to build)
        paths, colours = [], []
        for code in sorted(shapes):
            n = counts.get(code, 0)
            colour = cmap(norm(n)) if n else "#e5e5e5"
            paths += shapes[code]
            colours += [colour] * len(shapes[code])
        outlines = PathCollection(paths, facecolors=colours, edgecolors="white", linewidths=0.15)
        ax.add_collection(outlines, autolim=True)
        for code in tiny:
            x, y = np.vstack([p.vertices for p in shapes[code]]).mean(axis=0)
            ax.scatter(x, y, s=10, color=cmap(norm(counts[code])), edgecolors="#333333", linewidths=0.4, zorder=3)
        ax.autoscale_view()
        ax.invert_yaxis()
        ax.set_aspect("equal")
        ax.set_axis_off()
        sm = plt.cm.ScalarMappable(norm=norm, cmap=cmap)
        bar = fig.colorbar(sm, ax=ax, orientation="horizontal", fraction=0.04, pad=0.02, label=label("mentions", lang))
        middles = [(a + b) / 2 for a, b in zip(edges, edges[1:])]
        bar.set_ticks(middles, labels=[str(a) if b - a == 1 else f"{a}–{b - 1}" for a, b in zip(edges, edges[1:])])
        bar.ax.tick_params(length=0, labelsize=6)
        notes = [label("map_grey", lang)]
        for key, places in (("map_dots", dotted), ("map_absent", absent)):
            if len(places):
                notes.append(label(key, lang).format(places=("、" if lang == "zh" else ", ").join(
                    f"{country_label(c, lang)} {n}" for c, n in zip(places["country"], places["mentions"]))))
        if china_apart:
            notes.append(label("map_china_apart", lang))
        # under the scale, as part of its label: the layout keeps room for it
        bar.set_label(label("mentions", lang) + "\n" + wrap(("；" if lang == "zh" else "; ").join(notes), 130, lines=3),
                      fontsize=6.5)
        fig.suptitle(label("world_map", lang))
    return fig
