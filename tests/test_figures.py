"""Figures read back: formats, resolution, embedded fonts, extractable text, same bytes."""
from __future__ import annotations

import re
import subprocess
import sys
import textwrap
import warnings

import matplotlib.pyplot as plt
import pandas as pd
import pytest
from PIL import Image
from pypdf import PdfReader

from analysis import plots as viz
from analysis.overview import outlet_question_table, qa_table


@pytest.fixture(scope="module")
def written(tmp_path_factory, seed):
    folder = tmp_path_factory.mktemp("figs")
    out = {}
    for lang in ("zh", "en"):
        t = outlet_question_table(seed)
        out[lang] = viz.save_figure(
            viz.plot_questions_by_outlet(t, lang=lang), f"outlets_{lang}", folder=folder, data=t
        )
    return out


def test_all_formats_and_data(written):
    names = sorted(p.suffix for p in written["zh"])
    assert names == [".csv", ".pdf", ".png", ".svg"]
    png = next(p for p in written["zh"] if p.suffix == ".png")
    dpi = Image.open(png).info["dpi"]
    assert round(dpi[0]) == 300
    svg = next(p for p in written["zh"] if p.suffix == ".svg").read_text()
    assert "<dc:date>" not in svg  # no build date


def _pdf(paths):
    return PdfReader(next(p for p in paths if p.suffix == ".pdf"))


def test_pdf_embeds_truetype_font_and_keeps_chinese_text(written):
    reader = _pdf(written["zh"])
    text = reader.pages[0].extract_text()
    for word in ("各媒体提问数", "美国有线电视新闻网", "路透社", "国内媒体", "境外媒体", "提问数"):
        assert word in text
    fonts = reader.pages[0]["/Resources"]["/Font"]
    for ref in fonts.values():
        font = ref.get_object()
        desc = font["/DescendantFonts"][0].get_object()
        assert font["/Subtype"] == "/Type0" and desc["/Subtype"] == "/CIDFontType2"  # TrueType
        assert "/FontFile2" in desc["/FontDescriptor"].get_object()  # embedded
        assert "WenQuanYi" in str(font["/BaseFont"])
    assert "/CreationDate" not in (reader.metadata or {})


def test_english_labels(written):
    text = _pdf(written["en"]).pages[0].extract_text()
    for word in ("Questions by outlet", "CNN", "Reuters", "Phoenix TV", "Domestic outlet", "Foreign outlet"):
        assert word in text
    assert not any("\u4e00" <= ch <= "\u9fff" for ch in text)


@pytest.mark.parametrize("char", ["\u0e01", "\U00020bb7"])  # Thai ko kai; 𠮷 (CJK Ext. B)
def test_missing_glyph_is_an_error(tmp_path, char):
    """Tofu fails: matplotlib's own warning (Thai) and the save-time check (Ext. B,
    which matplotlib draws as an empty box without a word)."""
    with viz.figure_style("single"):
        fig, ax = plt.subplots()
        ax.set_title(f"吉{char}")
    with warnings.catch_warnings():
        warnings.filterwarnings("error", message=".*missing from font.*")
        with pytest.raises(UserWarning, match="missing from font"):
            viz.save_figure(fig, "tofu", folder=tmp_path, formats=["png"])
    plt.close(fig)


def test_chinese_labels_draw_without_missing_glyphs(seed):
    with warnings.catch_warnings():
        warnings.filterwarnings("error", message=".*missing from font.*")
        for lang in ("zh", "en"):
            fig = viz.plot_answer_length(qa_table(seed), lang=lang)
            fig.canvas.draw()
            plt.close(fig)


SCRIPT = textwrap.dedent(
    """
    import sys
    from analysis import plots as viz, read_transcript, words
    from analysis.config import DEFAULT_TRANSCRIPT
    from analysis.overview import qa_table
    from analysis.tokens import tokenize
    seg = read_transcript(DEFAULT_TRANSCRIPT)
    qa = qa_table(seg)
    viz.save_figure(viz.plot_answer_length(qa), "answer_length", folder=sys.argv[1], data=qa)
    freq = words.frequency_table(tokenize(seg))
    viz.save_figure(viz.plot_wordcloud(freq, title="wordcloud_answer"), "cloud", folder=sys.argv[1], data=freq)
    """
)


def test_rebuilds_are_byte_identical(tmp_path):
    for run in ("a", "b"):
        subprocess.run([sys.executable, "-c", SCRIPT, str(tmp_path / run)], check=True)
    a = sorted((tmp_path / "a").iterdir())
    assert [p.name for p in a] == [
        "answer_length.csv", "answer_length.pdf", "answer_length.png", "answer_length.svg",
        "cloud.csv", "cloud.pdf", "cloud.png", "cloud.svg",
    ]
    for p in a:
        assert p.read_bytes() == (tmp_path / "b" / p.name).read_bytes(), p.name


def test_styles_stack_and_set_widths():
    with viz.figure_style("single"):
        assert tuple(plt.rcParams["figure.figsize"]) == (3.5, 2.6)
        assert plt.rcParams["font.family"][0] == "WenQuanYi Micro Hei"
    with viz.figure_style("double"):
        assert tuple(plt.rcParams["figure.figsize"]) == (7.2, 3.6)
    with pytest.raises(ValueError, match="no figure style"):
        viz.style_paths("nonexistent")


def test_wordcloud_keeps_one_character_words():
    freq = pd.DataFrame({"term": ["俄", "美", "合作", "发展"], "count": [30, 25, 10, 5]})
    cloud = viz.wordcloud_layout(freq)
    drawn = {word for (word, _), *_ in cloud.layout_}
    assert drawn == {"俄", "美", "合作", "发展"}
    # the same counts give the same layout
    assert viz.wordcloud_layout(freq).layout_ == cloud.layout_


def test_svg_clip_paths_are_named_by_what_they_clip():
    from analysis.plots.style import stable_svg_ids

    def svg(first, second):
        return (f'<defs><clipPath id="{first}"><rect x="31.1" y="134.71291" width="145.9" height="89.7"/></clipPath>'
                f'<clipPath id="{second}"><rect x="201.2" y="134.71291" width="145.9" height="89.7"/></clipPath></defs>'
                f'<path clip-path="url(#{first})"/><g clip-path="url(#{second})"/>').encode()

    # the same panels, named apart by matplotlib in two processes: the same file once renamed
    a, b = stable_svg_ids(svg("p4fcb94ce2e", "p271a7500b2")), stable_svg_ids(svg("pc2eb982119", "p10c79646ed"))
    assert a == b
    ids = re.findall(rb'clipPath id="(p[0-9a-f]+)"', a)
    assert len(set(ids)) == 2  # two rectangles, two names
    assert a.count(b"url(#" + ids[0] + b")") == 1 and b"p4fcb94ce2e" not in a
