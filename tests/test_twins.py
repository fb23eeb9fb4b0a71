"""Twins: paragraph alignment of a Chinese briefing and its English version, and renderings."""
from __future__ import annotations

import pandas as pd
import pytest

from analysis import twins
from analysis.transcript import parse_paragraphs

RATIO = twins.length_model()["ratio"]


def test_the_length_model_groups_paragraphs_by_their_lengths():
    r = RATIO
    # three paragraphs each, lengths in the measured ratio: one to one
    assert twins.length_align([20, 50, 30], [round(20 * r), round(50 * r), round(30 * r)]) == [
        (range(0, 1), range(0, 1)), (range(1, 2), range(1, 2)), (range(2, 3), range(2, 3))]
    # two Chinese paragraphs rendered as one English paragraph: a 2-1 group
    groups = twins.length_align([60, 60, 40], [round(120 * r), round(40 * r)])
    assert groups == [(range(0, 2), range(0, 1)), (range(2, 3), range(1, 2))]
    # nothing on one side: each paragraph of the other stands alone (0-1)
    assert twins.length_align([], [100, 200]) == [(range(0, 0), range(0, 1)), (range(0, 0), range(1, 2))]
    # a paragraph the other version lacks is joined to a neighbour rather than left alone
    # (Gale and Church's priors: 1-2 is nine times likelier than 0-1)
    groups = twins.length_align([100, 100], [round(100 * r), 60, round(100 * r)])
    assert len(groups) == 2 and sorted(len(g) for _, g in groups) == [1, 2]


def test_anchors_agree_across_languages():
    zh = twins.anchors("5月24日，世卫组织（WHO）第73届世界卫生大会通过了决议，G20也有表态。", "zh")
    en = twins.anchors("On May 24, the 73rd World Health Assembly of the WHO adopted a resolution; the G20 also spoke.",
                       "en")
    assert {"#5", "#24", "#73", "~who", "~g20"} <= zh
    assert twins.agreement(zh, en) == 1.0
    other = twins.anchors("On June 3, the 12th meeting was held in Geneva.", "en")
    assert twins.agreement(zh, other) == 0.0
    assert twins.agreement(twins.anchors("我们欢迎。", "zh"), twins.anchors("We welcome it.", "en")) != \
        twins.agreement(twins.anchors("我们欢迎。", "zh"), twins.anchors("We welcome it.", "en"))  # NaN: none to compare


ZH = ["赵立坚：今天我发布一条消息。", "路透社记者：中方对此有何评论？", "赵立坚：我们坚决反对。", "这是我们的一贯立场。",
      "彭博社记者：第二个问题是什么？", "赵立坚：没有这个情况。"]
EN = ["Zhao Lijian: I have an announcement today.", "Reuters: What is China's comment?",
      "Zhao Lijian: We firmly oppose it. This is our consistent position, and we have stated it many times before.",
      "Bloomberg: What is the second question?", "Zhao Lijian: There is no such thing."]


def _docs(zh, en):
    return (parse_paragraphs(zh, doc_id="t_2020-05-25", principal="赵立坚"),
            parse_paragraphs(en, doc_id="t_2020-05-25_en", principal="Zhao Lijian"))


def test_turns_first_then_length_where_a_turn_differs():
    zh, en = _docs(ZH, EN)
    a = twins.align(zh, en)
    # the announcement, both questions and the last answer: one to one by turns
    turn = a[a["method"] == "turn"]
    assert list(zip(turn["zh_para"], turn["en_para"])) == [(0, 0), (1, 1), (4, 3), (5, 4)]
    # the first answer is two paragraphs in Chinese, one in English: the length model joins them
    length = a[a["method"] == "length"]
    assert len(length) == 1
    row = length.iloc[0]
    assert (row["zh_para"], row["zh_para_end"], row["en_para"], row["en_para_end"]) == (2, 3, 2, 2)
    assert (row["kind"], row["qa_no"]) == ("answer", 1)
    assert a["confidence"].between(0, 1).all()


def test_a_question_left_out_of_one_version_does_not_shift_the_rest():
    zh, en = _docs(ZH, EN[:1] + EN[3:])  # the English leaves out Q&A 1
    a = twins.align(zh, en)
    one_to_one = a[(a["zh_para"] == a["zh_para_end"]) & (a["en_para"] == a["en_para_end"])]
    pairs = set(zip(one_to_one["zh_para"], one_to_one["en_para"]))
    assert {(0, 0)} <= pairs
    # the second Q&A is still found; the first one's Chinese stands alone (no English side)
    qa2 = a[(a["kind"].isin(["question", "answer"])) & (a["en_para"].notna()) & (a["qa_no"] == 2)]
    assert set(zip(qa2["zh_para"], qa2["en_para"])) == {(4, 1), (5, 2)}
    alone = a[a["en_para"].isna()]
    assert set(alone["zh_para"]) == {1, 2} or set(range(1, 4)) >= set(alone["zh_para"])


def test_the_shared_twin_aligns_paragraph_for_paragraph(corpus_dir):
    from analysis import read_transcript

    zh = read_transcript(corpus_dir / "mfa_2020-05-25.txt")
    en = read_transcript(corpus_dir / "mfa_2020-05-25_en.txt")
    a = twins.align(zh, en)
    assert len(zh) == len(en)  # the corpus README: same paragraph count
    assert (a["method"] == "turn").all()
    assert (a["zh_para"] == a["en_para"]).all() and len(a) == len(zh)


def test_renderings_of_a_chinese_term():
    from analysis.tokens import tokenize

    zh = parse_paragraphs(["赵立坚：我们坚决反对美方抹黑中国。", "我们反对抹黑。", "我们欢迎合作。", "坚决反对任何抹黑行为。"],
                          doc_id="t_2020-05-25", principal="赵立坚")
    en = parse_paragraphs(["Zhao Lijian: We firmly oppose the US smearing China.", "We oppose smears.",
                           "We welcome cooperation.", "We firmly oppose any smearing."],
                          doc_id="t_2020-05-25_en", principal="Zhao Lijian")
    a = twins.align(zh, en)
    both = pd.concat([zh, en], ignore_index=True)
    tokens = pd.concat([tokenize(en)], ignore_index=True)
    table = twins.rendering_table(a, both, tokens, ["抹黑", "坚决反对"], min_count=2)
    smear = table[table["term"] == "抹黑"].iloc[0]
    assert smear["rendering"] == "smear" and smear["n_term"] == 3 and smear["n_both"] == 3
    assert smear["dice"] == pytest.approx(1.0)
    oppose = table[table["term"] == "坚决反对"].iloc[0]
    assert oppose["rendering"] == "firmly oppose" and oppose["n_both"] == 2
    assert "firmly oppose" in oppose["example"]


def _shifted():
    """A twin whose English drops the US from one answer, is milder in another, and leaves out
    most of a third."""
    zh = parse_paragraphs([
        "赵立坚：美国政府的做法严重损害两国关系，我们坚决反对。",
        "路透社记者：中方对中巴合作有何评价？",
        "赵立坚：中巴是全天候战略合作伙伴，我们高度赞赏巴方的坚定支持，双方合作共赢。",
        "彭博社记者：你对此有何评论？",
        "赵立坚：我们注意到有关报道。我们一贯主张各方通过对话协商解决分歧，维护地区和平稳定，"
        "这符合各方共同利益，也是国际社会的普遍期待。我们希望有关各方保持冷静克制。",
    ], doc_id="t_2020-05-25", principal="赵立坚")
    en = parse_paragraphs([
        "Zhao Lijian: The government's practice seriously harms bilateral relations and we firmly oppose it.",
        "Reuters: How does China view its cooperation with Pakistan?",
        "Zhao Lijian: China and Pakistan are all-weather strategic cooperative partners.",
        "Bloomberg: What is your comment?",
        "Zhao Lijian: We noted the reports.",
    ], doc_id="t_2020-05-25_en", principal="Zhao Lijian")
    return zh, en


def _tables(zh, en):
    from analysis import sentiment
    from analysis.countries import find_mentions
    from analysis.documents import attach_documents, document_variables
    from analysis.tokens import tokenize

    both = attach_documents(pd.concat([zh, en], ignore_index=True),
                            pd.concat([document_variables(zh), document_variables(en)]))
    tokens = tokenize(both)
    return both, sentiment.term_table(both, tokens), find_mentions(both, tokens)


def test_shift_table_reads_tone_countries_and_length():
    zh, en = _shifted()
    both, terms, mentions = _tables(zh, en)
    a = twins.align(zh, en, mentions=mentions)
    s = twins.shift_table(a, both, terms, mentions).set_index("zh_para")
    # the first answer: the US named in Chinese only (美国政府 is "the government")
    assert s.loc[0, "only_zh"] == "US" and s.loc[0, "only_en"] == ""
    assert s.loc[0, "zh_score"] < 0 and s.loc[0, "en_score"] < 0
    # the second answer: the English drops the praise and the win-win: milder, and shorter than expected
    assert s.loc[2, "zh_score"] > s.loc[2, "en_score"] and s.loc[2, "intensity_diff"] < 0
    assert "approval" in s.loc[2, "zh_categories"].split() and "cooperation" in s.loc[2, "zh_categories"].split()
    assert s.loc[2, "tone_diff"] == pytest.approx(s.loc[2, "en_score"] - s.loc[2, "zh_score"])
    # the last answer keeps one sentence of three: flagged as content left out
    omissions = twins.omission_table(twins.shift_table(a, both, terms, mentions), both)
    assert list(omissions["missing"]) == ["shorter"] and omissions["zh_text"].iloc[0].startswith("我们注意到")
    assert omissions["length_ratio"].iloc[0] < 0.6
    mention_shifts = twins.mention_shift_table(twins.shift_table(a, both, terms, mentions)).set_index("country")
    assert mention_shifts.loc["US", "only_zh"] == 1 and mention_shifts.loc["PK", "both"] == 2


def test_shift_summary_intervals_contain_the_mean():
    zh, en = _shifted()
    both, terms, mentions = _tables(zh, en)
    a = twins.align(zh, en, mentions=mentions)
    s = twins.shift_table(a, both, terms, mentions)
    many = pd.concat([s.assign(zh_doc=f"d{i}") for i in range(6)], ignore_index=True)  # six twins alike
    summary = twins.shift_summary(many, n_boot=200)
    assert set(summary.loc[summary["category"] != "all", "chosen_by"]) == {"zh", "en"}
    # the approval groups are chosen by their Chinese terms (高度赞赏, 期待) and not by their English ones
    approval = summary[summary["category"] == "approval"]
    assert list(approval["chosen_by"]) == ["zh"]
    assert approval["groups"].iloc[0] == 6 * int(s["zh_categories"].str.contains("approval").sum()) > 0
    assert not s["en_categories"].str.contains("approval").any()
    row = summary.set_index("category").loc["all"]
    assert row["intensity_low"] <= row["intensity_diff"] <= row["intensity_high"]
    assert row["twins"] == 6 and row["groups"] == 6 * int(((s["zh_score"] != 0) | (s["en_score"] != 0)).sum())
    # identical twins resampled: the interval has no width
    assert row["intensity_low"] == pytest.approx(row["intensity_high"])


def test_term_pairs_read_the_lexicons_pairing():
    zh, en = _shifted()
    both, terms, mentions = _tables(zh, en)
    a = twins.align(zh, en, mentions=mentions)
    pairs = twins.term_pair_table(a, terms).set_index("term")
    assert pairs.loc["坚决反对", "rendered"] == "firmly oppose ×1" and pairs.loc["坚决反对", "rendered_groups"] == 1
    # 高度赞赏 has no rendering in the English answer: nothing in that direction but partner words
    assert pairs.loc["高度赞赏", "rendered"] == ""


def test_find_twin(tmp_path):
    (tmp_path / "mfa_2020-05-25.txt").write_text("x", encoding="utf-8")
    assert twins.find_twin(tmp_path / "mfa_2020-05-25.txt") is None
    (tmp_path / "mfa_2020-05-25_en.txt").write_text("x", encoding="utf-8")
    assert twins.find_twin(tmp_path / "mfa_2020-05-25.txt") == tmp_path / "mfa_2020-05-25_en.txt"
    assert twins.find_twin(tmp_path / "mfa_2020-05-25_en.txt") == tmp_path / "mfa_2020-05-25.txt"
