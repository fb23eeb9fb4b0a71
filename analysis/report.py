"""Helpers for the built report (the HTML pages and what they need)."""
from __future__ import annotations

import os
from pathlib import Path

from fontTools.ttLib import TTCollection

from .files import write_atomic
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


def write_index(report_dir: str | os.PathLike[str], figures_dir: str | os.PathLike[str], params: dict[str, str]) -> Path:
    """The report's front page: parameters and versions, a link to every notebook's
    page, and a gallery of every figure (PNG, with its SVG, PDF and CSV)."""
    import json
    from html import escape

    report, figures = Path(report_dir), Path(figures_dir)
    info = build_info(params)
    write_atomic(report / "build.json", lambda f: Path(f).write_text(
        json.dumps(info, indent=2, ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8"))
    pages = sorted(p for p in report.glob("[0-9]*.html") if ".tmp" not in p.name)
    rel = os.path.relpath(figures, report)
    items = []
    for png in sorted(figures.glob("*.png")):
        stem = png.stem
        links = " · ".join(f'<a href="{escape(rel)}/{escape(stem)}.{ext}">{ext.upper()}</a>'
                           for ext in ("svg", "pdf", "csv") if (figures / f"{stem}.{ext}").exists())
        items.append(f'<figure><a href="{escape(rel)}/{escape(png.name)}"><img src="{escape(rel)}/{escape(png.name)}" '
                     f'alt="{escape(stem)}" loading="lazy"></a><figcaption>{escape(stem)}<br>{links}</figcaption></figure>')
    sections = "\n".join(f'<li><a href="{escape(p.name)}">{escape(_notebook_title(p.with_suffix(".ipynb")) if p.with_suffix(".ipynb").exists() else p.stem)}</a></li>'
                         for p in pages)
    rows = "\n".join(f"<tr><th>{escape(k)}</th><td>{escape(str(v))}</td></tr>" for k, v in params.items())
    versions = ", ".join(f"{k} {v}" for k, v in info["packages"].items())
    html = f"""<!DOCTYPE html>
<html lang="zh"><head><meta charset="utf-8"><title>Report: {escape(params.get('transcript', ''))}</title>
<style>
{font_face_css('url("../fonts/wqy-microhei.ttf")')}
body {{ font-family: "WenQuanYi Micro Hei Web", system-ui, sans-serif; margin: 2em auto; max-width: 70em; padding: 0 1em; }}
table {{ border-collapse: collapse; }} th, td {{ text-align: left; padding: .2em 1em .2em 0; }}
.gallery {{ display: grid; grid-template-columns: repeat(auto-fill, minmax(16em, 1fr)); gap: 1em; }}
figure {{ margin: 0; }} img {{ width: 100%; border: 1px solid #ddd; }} figcaption {{ font-size: .85em; }}
</style></head><body>
<h1>Report: {escape(Path(params.get('transcript', '')).name)}</h1>
<h2>Sections</h2><ul>
{sections}
</ul>
<h2>Figures</h2>
<p>Each figure at 300 dpi (click for full size), with its vector SVG and PDF and the data behind it (CSV).</p>
<div class="gallery">
{chr(10).join(items)}
</div>
<h2>Built with</h2>
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
