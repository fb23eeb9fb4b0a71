"""Diplomatic signals: each rule on plain sentences, with the false hits that prompted it
(found in the Ministry's pages and by the readers who checked the matchers), and the tables."""
from __future__ import annotations

import pandas as pd
import pytest

from analysis import parse_transcript, pipeline, signals


def run(text: str, *, principal: str | None = None, matchers=signals.MATCHERS):
    seg = parse_transcript(text, doc_id="t", principal=principal)
    t = pipeline.document_tables(seg)
    hits = signals.find_signals(t["segments"], t["tokens"], t["mentions"], matchers=matchers)
    return t, hits


def said(answer: str, matcher: str, *, question: str = "请问中方对此有何评论？") -> list[tuple[str, str]]:
    """(surface, entry) of ``matcher``'s hits in the answer of one Q&A."""
    _, hits = run(f"新华社记者：{question}\n王毅：{answer}\n", matchers=[matcher])
    h = hits[hits["kind"] == "answer"]
    return list(zip(h["surface"], h["entry"]))


def said_en(answer: str, matcher: str) -> list[tuple[str, str]]:
    _, hits = run(f"CNN: Question?\nZhao Lijian: {answer}\n", principal="Zhao Lijian", matchers=[matcher])
    h = hits[hits["kind"] == "answer"]
    return list(zip(h["surface"], h["entry"]))


# --- matching on whole words -------------------------------------------------------------


def test_a_phrase_inside_another_word_is_no_hit():
    # 内政部 (a ministry of the interior) is one token: no 内政 'internal affairs'
    assert said("澳大利亚内政部长发表了讲话。", "phrase") == []
    assert said("停止干涉中国内政。", "phrase") == [("内政", "internal_affairs")]


def test_every_hit_is_its_surface_in_the_paragraph(seed):
    t = pipeline.document_tables(seed)
    hits = signals.find_signals(t["segments"], t["tokens"], t["mentions"])
    text = t["segments"].set_index("para_no")["text"]
    assert len(hits) > 50
    assert all(text[r.para_no][r.start:r.end] == r.surface for r in hits.itertuples())
    # headlines are the editor's: never read
    heads = set(t["segments"].loc[t["segments"]["kind"] == "headline", "para_no"])
    assert not set(hits["para_no"]) & heads


# --- the protest ladder ------------------------------------------------------------------


def test_concern_is_a_step_only_when_the_speaker_states_it():
    assert said("中方对此表示关切。", "protest") == [("表示关切", "concern")]
    assert said("中方对此表示严重关切。", "protest") == [("严重关切", "grave_concern")]
    # others' concerns, to be met, are no step (合理关切, 各方关切: 582 such in the pages)
    assert said("我们愿意照顾各方合理关切。", "protest") == []


def test_the_publics_discontent_is_no_dissatisfaction():
    assert said("这引起了当地人民不满。", "protest") == []
    assert said("中方对此表示强烈不满和坚决反对。", "protest") == [("强烈不满", "strong_dissatisfaction"),
                                                          ("坚决反对", "firm_opposition")]


def test_necessary_measures_are_a_threat_only_when_promised():
    # a host country's duty (mfa_2020-05-06) and an agreement (2020-06-23) are no threat
    assert said("根据公约，驻在国有义务采取必要措施对外交人员加以保护。", "protest") == []
    assert said("双方同意采取必要措施，推动事态降温。", "protest") == []
    assert said("中方必将采取一切必要措施予以坚决回击。", "protest") == [("必将采取一切必要措施", "countermeasures"),
                                                              ("坚决回击", "countermeasures")]


def test_the_highest_step_per_answer_reads_the_principal_only():
    t, hits = run("新华社记者：中方会采取反制措施吗？\n王毅：中方对此表示严重关切，已向美方提出严正交涉。\n"
                  "路透社记者：还有一个问题。\n王毅：中方坚决反对。\n")
    turns = signals.protest_turn_table(hits, t["segments"], t["mentions"])
    answers = turns[turns["kind"] == "answer"].set_index("qa_no")
    assert answers.loc[1, "level"] == 6 and answers.loc[1, "L2"] == 1 and answers.loc[1, "L8"] == 0
    assert answers.loc[2, "level"] == 5
    assert answers.loc[1, "targets"] == ""  # the question names no country


def test_english_ladder():
    assert said_en("China firmly opposes this and has lodged stern representations with the US side.",
                   "protest") == [("firmly opposes", "firm_opposition"), ("stern representations", "representations")]
    # others' measures 'taken' are no threat; China's promised measures are
    assert said_en("China has been taking necessary measures to facilitate travel.", "protest") == []
    assert said_en("China will take all necessary measures to defend its interests.", "protest") == [
        ("will take all necessary measures", "countermeasures")]


# --- set phrases ---------------------------------------------------------------------------


def test_peace_and_development_is_not_peaceful_development():
    # both readers: 世界和平发展, 和平发展事业 are 'peace and development', not the formula
    assert said("我们致力于维护世界和平发展。", "phrase") == []
    assert said("中国坚定不移走和平发展道路。", "phrase") == [("和平发展", "peaceful_development")]


def test_two_sovereignty_formulas_are_told_apart():
    assert said("坚定维护国家主权、安全、发展利益。", "phrase") == [("主权、安全、发展利益",
                                                         "sovereignty_security_development")]


# --- veiled references -----------------------------------------------------------------------


def test_a_reference_that_names_its_party_is_not_veiled():
    def veiled(answer: str, question: str = "请问中方对此有何评论？") -> list[str]:
        t, hits = run(f"新华社记者：{question}\n王毅：{answer}\n")
        return signals.veiled_table(hits, t["segments"], t["mentions"])["surface"].tolist()

    assert veiled("个别国家出于政治目的抹黑中国。") == ["个别国家"]
    # the party named right before, inside, or right after as an example (readers' 0s)
    assert veiled("美国一些政客出于政治目的抹黑中国。") == []
    assert veiled("美国政府某些人不断抹黑中国。") == []
    assert veiled("希望域外国家、比如美国，停止挑拨。") == []
    assert veiled("岛内一些人妄图挟洋自重。") == []


def test_the_attributed_target_comes_from_the_question_and_is_marked_inferred():
    t, hits = run("路透社记者：美国国务卿蓬佩奥昨天批评中国。\n王毅：个别政客散布谎言，我们坚决反对。\n")
    v = signals.veiled_table(hits, t["segments"], t["mentions"])
    assert v["attributed_target"].tolist() == ["US"] and v["target_inferred"].all()


def test_english_veiled_reference_naming_its_party():
    _, hits = run("CNN: Question?\nZhao Lijian: Some US politicians keep smearing China. Certain politicians "
                  "are lying.\n", principal="Zhao Lijian", matchers=["veiled"])
    assert hits[["surface", "named"]].values.tolist() == [["Some US politicians", "US"],
                                                          ["Certain politicians", ""]]


# --- non-answers -----------------------------------------------------------------------------


def nonanswer(answer: str) -> str:
    t, hits = run(f"新华社记者：请问双方何时会谈？\n王毅：{answer}\n", matchers=["nonanswer"])
    return signals.nonanswer_table(hits, t["segments"])["nonanswer"].iloc[0]


def test_full_and_partial_non_answers():
    assert nonanswer("我不掌握有关情况。") == "full"
    assert nonanswer("关于你的问题，建议你向主管部门询问。") == "full"
    assert nonanswer("我不掌握有关情况。中方一贯主张通过对话协商解决分歧，这一立场没有变化。") == "partial"
    assert nonanswer("中方一贯主张通过对话协商解决分歧。") == "none"


def test_someone_elses_ignorance_is_no_non_answer():
    assert said("美方一些人不了解中国。", "nonanswer") == []
    assert said("我不了解你说的情况。", "nonanswer") == [("我不了解", "unaware")]


# --- self and other ----------------------------------------------------------------------


def test_self_and_other_sides():
    assert said("中方已向美方提出交涉，我们坚决反对。", "self_other") == [
        ("中方", "self_side"), ("美方", "other_side"), ("我们", "self_we")]
    # English is case-sensitive here: US is no us
    assert said_en("The US side should respect us.", "self_other") == [("The US side", "other_side"),
                                                                      ("us", "self_we")]


def test_self_other_counts_per_answer():
    t, hits = run("新华社记者：请问？\n王毅：中方的立场是明确的。我们希望美方和日方停止挑衅。\n")
    table = signals.self_other_table(hits, t["segments"])
    row = table[table["kind"] == "answer"].iloc[0]
    assert (row["self"], row["other"]) == (2, 2)
    assert row["self_per_1000"] == pytest.approx(2 / row["chars"] * 1000, abs=0.01)


# --- the dictionaries as data --------------------------------------------------------------


def test_every_dictionary_row_is_documented_and_valid():
    for matcher, name in signals.LEXICONS.items():
        table = pd.read_csv(signals.SIGNALS_DIR / name, dtype=str, keep_default_na=False)
        assert "note" in table.columns, name
        assert len(signals.read_lexicon(matcher)) == len(table)


def test_a_bad_dictionary_names_its_file_and_row(tmp_path, monkeypatch):
    (tmp_path / "veiled_references.csv").write_text("id,category,zh,en,note\nx,countries,个别(国家,,\n",
                                                    encoding="utf-8")
    monkeypatch.setattr(signals, "SIGNALS_DIR", tmp_path)
    signals.read_lexicon.cache_clear()
    try:
        with pytest.raises(signals.LexiconError, match=r"veiled_references.csv: row 2, column zh"):
            signals.read_lexicon("veiled")
    finally:
        signals.read_lexicon.cache_clear()


# --- people --------------------------------------------------------------------------------


def test_english_names_are_whole_words():
    # both readers of the evaluation sample: "Premier Li" matched inside "Vice Premier Liu He"
    _, hits = run("CNN: Question?\nZhao Lijian: Vice Premier Liu He met Premier Li Keqiang.\n",
                  principal="Zhao Lijian", matchers=["person"])
    assert hits[["surface", "entry"]].values.tolist() == [["Liu He", "liu_he"], ["Premier Li", "li_keqiang"]]
    assert hits["start"].tolist() == [13, 24]  # the second, not the "Premier Li" of "Premier Liu He"


def test_a_name_inside_two_other_words_is_no_hit():
    # 韩正 across 美韩/正在 (jieba's cut) is no Han Zheng; 蓬佩奥 before 国务卿 is Pompeo
    assert said("美韩正在举行联合军演。", "person") == []
    assert said("蓬佩奥国务卿昨天发表讲话。", "person") == [("蓬佩奥", "pompeo")]


def test_a_persons_role_and_country_follow_the_date():
    # Tedros: Ethiopia's foreign minister until 2016, the WHO's Director-General from 2017-07-01
    rows = signals._role_rows(["tedros", "tedros"], [pd.Timestamp("2016-05-01"), pd.Timestamp("2020-03-01")])
    assert [r["country"] for r in rows] == ["ET", "ORG:WHO"]
    # Xi Jinping holds three offices at once: the first listed is taken
    (xi,) = signals._role_rows(["xi_jinping"], [pd.Timestamp("2019-01-01")])
    assert xi["role_en"].startswith("General Secretary")


# --- a corpus over time ----------------------------------------------------------------------


@pytest.fixture
def two_briefings(tmp_path):
    """Two briefings in two quarters, their signals counted by hand below."""
    folder = tmp_path / "c"
    folder.mkdir()
    (folder / "mfa_2019-01-10.txt").write_text(
        "耿爽：大家好。\n"
        "路透社记者：美国国会通过了涉港法案。中方有何回应？\n耿爽：中方对此坚决反对，已向美方提出严正交涉。\n"
        "彭博社记者：双方何时举行会谈？\n耿爽：我不掌握有关情况。\n", encoding="utf-8")
    (folder / "mfa_2019-04-10.txt").write_text(
        "耿爽：大家好。\n"
        "法新社记者：日本的言论引起关注。\n耿爽：中方表示强烈不满。我们愿同各方推动构建人类命运共同体。\n",
        encoding="utf-8")
    pipeline.build(folder, corpus_id="c", interim=tmp_path / "interim")
    t = pipeline.load("c", interim=tmp_path / "interim")
    return t, signals.find_signals(t.segments, t.tokens, t.mentions)


def test_protest_trend_counts_answers_by_their_highest_step(two_briefings):
    t, hits = two_briefings
    turns = signals.protest_turn_table(hits, t.segments, t.mentions)
    answers = turns[turns["kind"] == "answer"]
    assert answers["level"].tolist() == [6, 0, 4]  # representations; none; strong dissatisfaction
    assert answers["targets"].tolist() == ["US|HK", "", "JP"]
    trend = signals.protest_trend_table(turns, t.segments, freq="Q").set_index(["period", "threshold"])
    assert trend.loc[("2019Q1", 4), "mean"] == 0.5 and trend.loc[("2019Q1", 4), "n"] == 2
    assert trend.loc[("2019Q2", 4), "mean"] == 1.0
    assert trend.loc[("2019Q1", 6), "mean"] == 0.5 and trend.loc[("2019Q2", 6), "mean"] == 0.0
    toward = signals.protest_country_table(turns, min_answers=1).set_index("country")
    assert toward.loc["US", "g4"] == 1 and toward.loc["JP", "g2"] == 1  # step 6 is group 4, step 4 group 2


def test_phrase_trend_and_first_use(two_briefings):
    t, hits = two_briefings
    trend = signals.phrase_trend_table(hits, t.segments, freq="Q")
    row = trend[trend["entry"] == "community_shared_future"].set_index("period")
    assert row.loc["2019Q1", "hits"] == 0 and row.loc["2019Q2", "hits"] == 1
    assert row.loc["2019Q2", "rate"] == 100.0  # one hit in the quarter's one answer
    assert str(row["first_date"].iloc[0])[:10] == "2019-04-10"


def test_non_answer_rates(two_briefings):
    t, hits = two_briefings
    table = signals.nonanswer_table(hits, t.segments)
    assert table["nonanswer"].tolist() == ["none", "full", "none"]
    trend = signals.nonanswer_trend_table(table, t.segments, freq="Q").set_index(["period", "measure"])
    assert trend.loc[("2019Q1", "full"), "mean"] == 0.5 and trend.loc[("2019Q2", "any"), "mean"] == 0.0


def test_non_answers_by_the_topic_of_the_question(two_briefings):
    t, hits = two_briefings
    table = signals.nonanswer_topic_table(signals.nonanswer_table(hits, t.segments), t.segments)
    by = table.set_index(["topic", "measure"])
    # the Hong Kong bill question names the United States (united_states, sovereignty); the
    # question on talks and the one on Japan name no theme, one of them declined in full
    assert by.loc[("united_states", "any"), ("n", "mean")].tolist() == [1, 0.0]
    assert by.loc[("other", "full"), ("n", "mean")].tolist() == [2, 0.5]


def test_english_answers_are_split_into_sentences_for_the_full_or_partial_call():
    # readers of the evaluation sample: 16 of 32 English partial non-answers were called
    # full, since an English answer was read as one sentence
    def call(answer: str) -> str:
        t, hits = run(f"CNN: Question?\nZhao Lijian: {answer}\n", principal="Zhao Lijian", matchers=["nonanswer"])
        return signals.nonanswer_table(hits, t["segments"])["nonanswer"].iloc[0]

    assert call("I'm not aware of the specifics.") == "full"
    assert call("I'm not aware of the specifics. China's position on the U.S. sanctions is consistent and clear: "
                "we oppose unilateral sanctions.") == "partial"
