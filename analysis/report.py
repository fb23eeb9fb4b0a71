"""Helpers for the built report (the HTML pages and what they need)."""
from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
from fontTools.ttLib import TTCollection

from .files import write_atomic
from .labels import label, spokesperson_label
from .plots.style import font_path

TEMPLATE_DIR = Path(__file__).parent / "templates"
#: CJK code points the web font covers (the report template repeats it in Jinja).
CJK_UNICODE_RANGE = "U+2E80-2FDF, U+3000-303F, U+3100-31BF, U+3200-9FFF, U+F900-FAFF, U+FE30-FE4F, U+FF00-FFEF, U+20000-2FFFF"
WEB_FONT_FAMILY = "WenQuanYi Micro Hei Web"


def font_face_css(src: str) -> str:
    """The @font-face rule for the figure font as a web font, CJK code points only,
    so it can come first in every font list without taking over Latin text."""
    return (f'@font-face {{ font-family: "{WEB_FONT_FAMILY}"; src: {src} format("truetype"); '
            f"unicode-range: {CJK_UNICODE_RANGE}; }}")


def export_web_font(dest: str | os.PathLike[str]) -> Path:
    """Write the figure font's first face (WenQuanYi Micro Hei) as a .ttf browsers load.

    Browsers do not read TrueType collections (.ttc), so the face is taken
    out of the collection; its timestamp is kept, so the file has the same
    bytes on every build.
    """
    face = TTCollection(str(font_path()), recalcTimestamp=False).fonts[0]
    return write_atomic(dest, face.save)


def build_info(params: dict[str, str]) -> dict:
    """What a report was built with: parameters, Python and package versions, the git commit."""
    import platform
    import subprocess
    from importlib.metadata import PackageNotFoundError, version

    from .config import PROJ_ROOT

    packages = {}
    for name in ("pandas", "numpy", "matplotlib", "jieba", "rjieba", "scikit-learn", "scipy", "nltk",
                 "wordcloud", "papermill", "nbconvert", "jupytext", "paperang-p2-fonts-cjk", "stopwordsiso"):
        try:
            packages[name] = version(name)
        except PackageNotFoundError:
            packages[name] = "not installed"
    try:
        commit = subprocess.run(["git", "rev-parse", "HEAD"], cwd=PROJ_ROOT, capture_output=True,
                                text=True, check=True).stdout.strip()
        dirty = bool(subprocess.run(["git", "status", "--porcelain"], cwd=PROJ_ROOT, capture_output=True,
                                    text=True, check=True).stdout.strip())
    except (OSError, subprocess.CalledProcessError):
        commit, dirty = "unknown", False
    return {"parameters": params, "python": platform.python_version(), "packages": packages,
            "git_commit": commit + (" (with uncommitted changes)" if dirty else "")}


def _notebook_title(path: Path) -> str:
    import json

    nb = json.loads(path.read_text(encoding="utf-8"))
    for cell in nb.get("cells", []):
        if cell.get("cell_type") == "markdown":
            for line in "".join(cell.get("source", "")).splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return path.stem


def _figure_title(png: Path) -> str:
    """The title a figure was saved with (:func:`analysis.plots.style.save_figure` puts
    it in the PNG's text chunk), or empty."""
    from PIL import Image

    try:
        with Image.open(png) as im:
            return im.text.get("Title", "") if hasattr(im, "text") else ""
    except OSError:  # not a PNG we wrote: captioned by its name
        return ""


def _report_name(params: dict[str, str], lang: str) -> str:
    """What a report is about, as its page's title: for one transcript, its date,
    speaker and genre from the documents table (the file name where it is not built);
    for a corpus, its name."""
    if "transcript" not in params:
        return params.get("corpus_id") or params.get("corpus", "")
    path = Path(params["transcript"])
    try:
        from .pipeline import load_transcript

        doc = load_transcript(path).documents.iloc[0]
    except Exception:  # noqa: BLE001 - a title is no reason to fail the report
        return path.name
    parts = [spokesperson_label(doc["spokesperson"], lang) if doc["spokesperson"] else "",
             label(f"genre_{doc['genre']}", lang) if doc["genre"] else "",
             doc["date"].strftime("%Y-%m-%d") if pd.notna(doc["date"]) else "",
             label("english_text", lang) if doc["lang"] == "en" else ""]
    return " · ".join(p for p in parts if p) + f" ({path.name})"


def write_index(report_dir: str | os.PathLike[str], figures_dir: str | os.PathLike[str], params: dict[str, str],
                notebooks: list[str] | None = None) -> Path:
    """The report's front page: parameters and versions, a link to every notebook's
    page, and a gallery of every figure (PNG, with its SVG, PDF and CSV). With
    ``notebooks`` (their stems), only those notebooks' pages and figures (a figure's
    name begins with its notebook's number): pages left from an earlier build with
    other parameters are not listed."""
    import json
    from html import escape

    report, figures = Path(report_dir), Path(figures_dir)
    info = build_info(params)
    write_atomic(report / "build.json", lambda f: Path(f).write_text(
        json.dumps(info, indent=2, ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8"))
    pages = sorted(p for p in report.glob("[0-9]*.html") if ".tmp" not in p.name)
    numbers = None
    if notebooks is not None:
        pages = [p for p in pages if p.stem in set(notebooks)]
        numbers = {n.split("_")[0] for n in notebooks}
    def ours(path: Path) -> bool:
        return numbers is None or path.name.split("_")[0] in numbers
    rel = os.path.relpath(figures, report)
    items = []
    for png in sorted(p for p in figures.glob("*.png") if ours(p)):
        stem = png.stem
        links = " · ".join(f'<a href="{escape(rel)}/{escape(stem)}.{ext}">{ext.upper()}</a>'
                           for ext in ("svg", "pdf", "csv") if (figures / f"{stem}.{ext}").exists())
        title = _figure_title(png) or stem
        items.append(f'<figure><a href="{escape(rel)}/{escape(png.name)}"><img src="{escape(rel)}/{escape(png.name)}" '
                     f'alt="{escape(title)}" loading="lazy"></a><figcaption>{escape(title)}<br>'
                     f'<small>{escape(stem)}</small> · {links}</figcaption></figure>')
    # tables that are no figure's data (a concordance), nor a figure's second table (its events)
    tables = [csv for csv in sorted(figures.glob("*.csv")) if ours(csv) and not (figures / f"{csv.name.split('.')[0]}.png").exists()]
    table_items = "\n".join(f'<li><a href="{escape(rel)}/{escape(csv.name)}">{escape(csv.name)}</a></li>'
                            for csv in tables)
    sections = "\n".join(f'<li><a href="{escape(p.name)}">{escape(_notebook_title(p.with_suffix(".ipynb")) if p.with_suffix(".ipynb").exists() else p.stem)}</a></li>'
                         for p in pages)
    rows = "\n".join(f"<tr><th>{escape(k)}</th><td>{escape(str(v))}</td></tr>" for k, v in params.items())
    versions = ", ".join(f"{k} {v}" for k, v in info["packages"].items())
    lang = "en" if params.get("lang") == "en" else "zh"  # the label language
    name = _report_name(params, lang)
    doc_lang = {"en": "English documents", "both": "Chinese and English documents"}.get(params.get("doc_lang", ""))
    if doc_lang:
        name = f"{name} ({doc_lang})"
    name += " · English labels" if lang == "en" else " · 中文标签"

    def t(key: str) -> str:  # the page's own words, in the label language
        return label(key, lang)
    html = f"""<!DOCTYPE html>
<html lang="{lang}"><head><meta charset="utf-8"><title>{escape(name)}</title>
<style>
{font_face_css('url("../fonts/wqy-microhei.ttf")')}
body {{ font-family: "WenQuanYi Micro Hei Web", system-ui, sans-serif; margin: 2em auto; max-width: 70em; padding: 0 1em; }}
table {{ border-collapse: collapse; }} th, td {{ text-align: left; padding: .2em 1em .2em 0; }}
.gallery {{ display: grid; grid-template-columns: repeat(auto-fill, minmax(16em, 1fr)); gap: 1em; }}
figure {{ margin: 0; }} img {{ width: 100%; border: 1px solid #ddd; }} figcaption {{ font-size: .85em; }}
</style></head><body>
<h1>{escape(name)}</h1>
<h2>{escape(t("report_sections"))}</h2><ul>
{sections}
</ul>
<h2>{escape(t("report_figures"))}</h2>
<p>{escape(t("report_figures_note"))}</p>
<div class="gallery">
{chr(10).join(items)}
</div>
{"<h2>" + escape(t("report_tables")) + "</h2><ul>" + table_items + "</ul>" if tables else ""}
<h2>{escape(t("report_built_with"))}</h2>
<table>{rows}
<tr><th>python</th><td>{escape(info['python'])}</td></tr>
<tr><th>git commit</th><td>{escape(info['git_commit'])}</td></tr>
<tr><th>packages</th><td>{escape(versions)}</td></tr></table>
</body></html>
"""
    return write_atomic(report / "index.html", lambda f: Path(f).write_text(html, encoding="utf-8"))


def write_tables(corpus_id: str, out_dir: str | os.PathLike[str], **options) -> list[Path]:
    """A built corpus's tidy tables as CSV files in ``out_dir`` (for spreadsheets and
    other tools): segments, tokens, sentence and paragraph scores, country mentions and
    documents, read from the pipeline's Parquet files (nothing is computed again)."""
    from .pipeline import load

    tables = load(corpus_id, **options)
    out = Path(out_dir)
    frames = {
        "segments": tables.segments,
        "tokens": tables.tokens,
        "sentences": tables.with_sentence_text(),
        "paragraphs": tables.paragraphs,
        "mentions": tables.mentions,
        "documents": tables.documents,
    }
    return [write_atomic(out / f"{name}.csv", lambda f, t=table: t.to_csv(f, index=False))
            for name, table in frames.items()]


# ---------------------------------------------------------------------------
# The corpus report: its parameters, and its tables


def read_params_file(path: str | os.PathLike[str]) -> dict[str, str]:
    """A parameter file as ``make report CORPUS=`` writes it: ``name=value`` lines."""
    out = {}
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if "=" in line:
            name, value = line.split("=", 1)
            out[name.strip()] = value.strip()
    return out


def notebook_parameters(path: str | os.PathLike[str]) -> list[str]:
    """The names a notebook (a jupytext py:percent file) sets in its parameters cell."""
    import re

    names, inside = [], False
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if line.startswith("# %%"):
            inside = 'tags=["parameters"]' in line
            continue
        m = re.match(r"([A-Za-z_]\w*)\s*=", line) if inside else None
        if m:
            names.append(m.group(1))
    return names


#: The corpus notebooks' parameters that :func:`analysis.params.check_corpus_params` does not take.
NOTEBOOK_ONLY = ("compare", "pair", "terms", "query")


def check_corpus_params_file(path: str | os.PathLike[str]):
    """The checked parameters of a parameter file (a ParameterError says what is wrong)."""
    from .params import ParameterError, check_corpus_params

    values = read_params_file(path)
    unknown = set(values) - {"corpus", "corpus_id", "metadata", "date_from", "date_to", "doc_lang",
                             "spokespersons", "freq", "countries", "genre", "lang", "events", *NOTEBOOK_ONLY}
    if unknown:
        raise ParameterError(f"{path}: unknown parameter(s) {', '.join(sorted(unknown))}")
    return check_corpus_params(**{k: v for k, v in values.items() if k not in NOTEBOOK_ONLY})


def write_notebook_params(path: str | os.PathLike[str], notebooks: str | os.PathLike[str],
                          out: str | os.PathLike[str]) -> list[Path]:
    """Check a parameter file, then write, for each notebook of the folder, a YAML file
    of the parameters its parameters cell has (papermill -f), all as text."""
    import json

    check_corpus_params_file(path)
    values = read_params_file(path)
    written = []
    for nb in sorted(Path(notebooks).glob("[0-9]*.py")):
        mine = {name: values[name] for name in notebook_parameters(nb) if name in values}
        text = "".join(f"{name}: {json.dumps(value, ensure_ascii=False)}\n" for name, value in mine.items())
        written.append(write_atomic(Path(out) / f"{nb.stem}.yaml",
                                    lambda f, t=text: Path(f).write_text(t, encoding="utf-8")))
    return written


def write_corpus_tables(path: str | os.PathLike[str], out_dir: str | os.PathLike[str]) -> list[Path]:
    """A corpus report's tables as Parquet, for the selection its parameter file makes:
    documents, segments, paragraph tone scores and country mentions of the selected
    documents, and the three trend tables (tone, mentions in questions, tone toward
    countries, from the sentences that name them; the last at the next coarser
    frequency, as the report draws it)."""
    from . import sentiment, trends
    from .pipeline import _write_frame

    params = check_corpus_params_file(path)
    tables = params.load(build=False)
    out = Path(out_dir)
    seg = tables.segments
    coarser = {"M": "Q", "Q": "Y", "Y": "Y"}[params.freq]
    frames = {
        "documents": tables.documents,
        "segments": seg,
        "paragraphs": tables.paragraphs,
        "mentions": tables.mentions,
        "tone_trend": trends.tone_trend_table(seg, tables.paragraphs, freq=params.freq),
        "mention_trend": trends.mention_trend_table(seg, tables.mentions, freq=params.freq),
        "country_tone_trend": trends.country_tone_trend_table(
            seg, sentiment.party_tone_table(tables.terms, tables.mentions), tables.mentions, freq=coarser),
    }
    return [write_atomic(out / f"{name}.parquet", lambda f, t=table: _write_frame(t, Path(f)))
            for name, table in frames.items()]
