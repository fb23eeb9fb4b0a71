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
