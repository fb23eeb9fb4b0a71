"""The house style, the fonts, and the one function that saves a figure.

Every figure is drawn inside :func:`figure_style` and written by
:func:`save_figure`; nobody calls ``savefig`` by hand.
"""
from __future__ import annotations

import hashlib
import io
import os
import re
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

from ..config import FIGURES_DIR
from ..files import write_atomic
from ..labels import Lang, label, named

STYLE_DIR = Path(__file__).parents[1] / "styles"
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


_CLIP = re.compile(rb'<clipPath id="(p[0-9a-f]+)">(.*?)</clipPath>', re.DOTALL)


def stable_svg_ids(svg: bytes) -> bytes:
    """The SVG with each clip path named by what it draws, as printed.

    Matplotlib names a clip path by hashing its rectangle's coordinates at full float
    precision; the layout engine can place the same panel a few units in the last bit
    apart from one process to the next (a figure with subfigures, say), which renamed
    the clip paths of an otherwise identical file. Named from the printed rectangle
    instead, a rebuild gives the same bytes."""
    names = {old: b"p" + hashlib.sha256(body).hexdigest()[:10].encode() for old, body in _CLIP.findall(svg)}
    if not names:
        return svg
    pattern = re.compile(rb"\b(" + b"|".join(re.escape(k) for k in names) + rb")\b")
    return pattern.sub(lambda m: names[m.group(1)], svg)


def figure_title(fig: Figure) -> str:
    """The figure's title as printed (its suptitle, else its first panel's title)."""
    if fig._suptitle is not None and fig._suptitle.get_text():
        return fig._suptitle.get_text()
    return next((ax.get_title() for ax in fig.axes if ax.get_title()), "")


def _save(fig: Figure, f, fmt: str) -> None:
    # the title travels in the file (PNG text chunk, PDF and SVG metadata): the report's
    # gallery captions each figure with it, and a figure copied elsewhere keeps it
    title = figure_title(fig)
    metadata = {**_METADATA[fmt], **({"Title": title} if title else {})}
    if fmt != "svg":
        fig.savefig(f, format=fmt, metadata=metadata)
        return
    buffer = io.BytesIO()
    fig.savefig(buffer, format="svg", metadata=metadata)
    data = stable_svg_ids(buffer.getvalue())
    if isinstance(f, (str, os.PathLike)):
        Path(f).write_bytes(data)
    else:
        f.write(data)


def save_figure(
    fig: Figure,
    stem: str,
    *,
    folder: str | os.PathLike[str] | None = None,
    formats: Sequence[Format] = FORMATS,
    data: pd.DataFrame | None = None,
    lang: Lang | None = None,
    extra: dict[str, pd.DataFrame] | None = None,
    close: bool = True,
) -> list[Path]:
    """Write ``<stem>.png`` (300 dpi), ``.svg``, ``.pdf`` and the data as ``<stem>.csv``.

    ``data`` is the table the figure draws, exactly; with ``lang`` its codes get
    their names beside them (:func:`analysis.labels.named`), as the figure shows them.
    ``extra`` holds any other table the figure draws (the events it marks), each
    written as ``<stem>.<name>.csv``.

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
            written.append(write_atomic(out / f"{stem}.{fmt}", lambda f, fmt=fmt: _save(fig, f, fmt)))
    if data is not None:
        table = named(data, lang) if lang is not None else data
        written.append(write_atomic(out / f"{stem}.csv", lambda f: table.to_csv(f, index=False)))
    for name, frame in (extra or {}).items():
        written.append(write_atomic(out / f"{stem}.{name}.csv", lambda f, t=frame: t.to_csv(f, index=False)))
    if close:
        plt.close(fig)
    return written


def drop_figure(stem: str, *, folder: str | os.PathLike[str] | None = None, note: str = "") -> str:
    """No figure for ``stem`` this time (its data is empty or trivial: every outlet
    asked one question, say): remove the files an earlier build wrote under that stem,
    so the report shows no stale chart, and return ``note``, to print in its place."""
    out = Path(folder) if folder is not None else FIGURES_DIR
    for path in out.glob(f"{stem}.*"):
        if path.suffix in {".png", ".svg", ".pdf", ".csv"}:
            path.unlink()
    return note


KIND_COLORS = {"statement": "#a6a6a6", "question": "#e59866", "answer": "#4d4d4d"}
# The two ends of ColorBrewer's PuOr, a diverging scheme readers with red-green colour
# blindness can tell apart (green/red was not); purple warm, orange combative.
TONE_COLORS = {"positive": "#5e3c99", "negative": "#e66101"}


def _cells(ch: str) -> int:
    """Columns a character takes: two for a CJK (full-width) character, one otherwise."""
    import unicodedata

    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


#: Chinese punctuation that may not begin a line (GB/T 15834 line-breaking rules)
_NO_LINE_START = set("，。、；：？！）》」』”’…·,.;:?!)")


def wrap(text: str, width: int, lines: int = 2) -> str:
    """``text`` broken into at most ``lines`` lines of ``width`` columns (a Chinese
    character takes two, a Latin letter one): Latin text at spaces, Chinese between
    characters, never a line that begins with a comma or a full stop; the rest cut
    with "…"."""
    if sum(map(_cells, text)) <= width:
        return text
    # units that stay whole: a word with the space before it (a Chinese run between spaces,
    # 美国有线电视新闻网, is a word too), unless it is wider than a line: then its Chinese
    # characters break one by one, punctuation staying with what precedes it
    units = []
    for i, word in enumerate(text.split(" ")):
        word = (" " if i else "") + word
        if sum(map(_cells, word)) <= width:
            units.append(word)
            continue
        latin = ""
        for ch in word:
            if _cells(ch) == 2 or ch in _NO_LINE_START:
                if latin:
                    units.append(latin)
                    latin = ""
                if ch in _NO_LINE_START and units:
                    units[-1] += ch
                else:
                    units.append(ch)
            else:
                latin += ch
        if latin:
            units.append(latin)
    out, line = [], ""
    for unit in units:
        if line and sum(map(_cells, line + unit)) > width:
            out.append(line.rstrip())
            line = unit.lstrip()
        else:
            line += unit
    out.append(line.rstrip())
    if len(out) > lines:
        out = out[:lines]
        last = out[-1]
        while last and sum(map(_cells, last)) > width - 1:
            last = last[:-1]
        out[-1] = last.rstrip(" ·,，、") + "…"
    return "\n".join(out)


def mark_zeros(ax, positions, values, colors, *, horizontal: bool = False, clip: bool = True) -> bool:
    """A small open circle on the zero line for each bar whose value is 0 (or missing):
    a bar of length 0 draws nothing, and the unit would look absent rather than neutral.
    ``positions`` are the bars' places along the category axis (y for ``horizontal``
    bars), ``colors`` the circles' edges (one colour, or one per bar). Returns whether
    any was drawn (for a legend entry)."""
    zero = (pd.Series(values).fillna(0) == 0).to_numpy()
    if not zero.any():
        return False
    at = np.asarray(positions, dtype=float)[zero]
    edges = colors if isinstance(colors, str) else [c for c, z in zip(colors, zero) if z]
    xy = (np.zeros(len(at)), at) if horizontal else (at, np.zeros(len(at)))
    ax.scatter(*xy, s=9, facecolors="white", edgecolors=edges, linewidths=0.8, zorder=3, clip_on=clip)
    return True


def diverging_bars(ax, labels: Sequence[str], values: Sequence[float], colors: Sequence[str], *,
                   fontsize: float = 6.5) -> None:
    """Horizontal bars from zero, each labelled on the other side of the zero line
    (a term with a positive bar has its name left of zero, and the reverse), so that
    long labels take no room from the axis and both sides keep their scale; the
    first row is drawn at the bottom."""
    values = [float(v) for v in values]
    y = list(range(len(values)))
    ax.barh(y, values, color=colors)
    ax.axvline(0, color="black", linewidth=0.6)
    span = max([abs(v) for v in values] or [1.0]) or 1.0
    pad = 0.03 * span
    for yi, v, text in zip(y, values, labels):
        ax.text(-pad if v >= 0 else pad, yi, text, va="center", ha="right" if v >= 0 else "left",
                fontsize=fontsize, zorder=4,  # over any reference line, on a white ground
                bbox={"facecolor": "white", "edgecolor": "none", "pad": 0.4})
    ax.set_xlim(-1.05 * span, 1.05 * span)
    ax.set_yticks([])
    ax.set_ylim(-0.6, len(values) - 0.4)
    for side in ("left", "right", "top"):
        ax.spines[side].set_visible(False)


def empty_figure(title: str, lang: Lang, message: str = "no_mentions") -> Figure:
    """A figure that says there is nothing to draw (a transcript that names no country)."""
    with figure_style("single"):
        fig, ax = plt.subplots(figsize=(3.5, 1.2))
        ax.text(0.5, 0.5, label(message, lang), ha="center", va="center", transform=ax.transAxes)
        ax.set_axis_off()
        fig.suptitle(label(title, lang))
    return fig


def origin_legend(fig: Figure, origins: Sequence[str], lang: Lang) -> None:
    """A legend of outlet origins below the axes, where it can cover no bar."""
    handles = [
        plt.Rectangle((0, 0), 1, 1, color=ORIGIN_COLORS[o], label=label(o, lang))
        for o in ORIGIN_COLORS
        if o in set(origins)
    ]
    fig.legend(handles=handles, loc="outside lower center", ncols=len(handles))
