"""What the HTML report needs: the web font and the template that loads it."""
from __future__ import annotations

from fontTools.ttLib import TTFont

from analysis.report import TEMPLATE_DIR, export_web_font


def test_web_font_covers_chinese_and_rebuilds_identically(tmp_path):
    a = export_web_font(tmp_path / "a" / "wqy.ttf")
    b = export_web_font(tmp_path / "b" / "wqy.ttf")
    assert a.read_bytes() == b.read_bytes()
    cmap = TTFont(a).getBestCmap()
    assert all(ord(ch) in cmap for ch in "王毅人民日报，“”")


def test_template_loads_the_font_before_generic_families():
    html = (TEMPLATE_DIR / "report" / "index.html.j2").read_text()
    assert 'url("../fonts/wqy-microhei.ttf")' in html
    # a browser never falls back past a generic family: the web font must come first
    lists = [ln.split(":", 1)[1].strip() for ln in html.splitlines()
             if ln.strip().startswith("font-family:") and "," in ln]
    assert len(lists) == 2  # prose and code
    assert all(fl.startswith('"WenQuanYi Micro Hei Web",') for fl in lists)


def test_index_links_every_section_and_figure(tmp_path):
    import json

    from analysis.report import write_index

    report, figures = tmp_path / "reports" / "x", tmp_path / "figures" / "x"
    report.mkdir(parents=True)
    figures.mkdir(parents=True)
    (report / "00_a.html").write_text("<html></html>")
    for ext in ("png", "svg", "pdf", "csv"):
        (figures / f"00_fig.{ext}").write_bytes(b"x")
    index = write_index(report, figures, {"transcript": "data/raw/x.txt", "lang": "en"})
    html = index.read_text()
    assert 'href="00_a.html"' in html and "../../figures/x/00_fig.png" in html and "00_fig.pdf" in html
    info = json.loads((report / "build.json").read_text())
    assert info["parameters"] == {"transcript": "data/raw/x.txt", "lang": "en"} and info["packages"]["pandas"]


def test_tables_are_shown_named_rounded_without_row_numbers():
    import pandas as pd

    from analysis.display import show

    table = pd.DataFrame({"country": ["US", "CA"], "share": [0.12345, float("nan")], "n": [3, 4]})
    html = show(table, "en").to_html()
    assert ">United States</td>" in html and ">Canada</td>" in html  # the name beside the code
    assert ">0.123</td>" in html and "0.12345" not in html
    assert 'class="row_heading' not in html  # no row numbers
    assert html == show(table.copy(), "en").to_html()  # the same page on every rebuild
    pivot = table.set_index("country")
    assert 'class="row_heading' in show(pivot, "en", names=False).to_html()  # a meaningful index is kept
