"""Tables over time (analysis.trends): small corpora whose answers are counted by hand,
and the real archive against the numbers the corpus issue reported."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import analysis
from analysis import trends
from analysis.errors import TranscriptError
from analysis.params import ParameterError, check_compare, check_corpus_params, describe_compare

# Three briefings: two in January 2020 (Geng Shuang, Hua Chunying), none in February,
# one in March (Geng Shuang). Each: question / answer / answer / question / answer / follow-up / answer.
BRIEFING = (
    "问：{a}宣布了新措施，中方有何评论？\n{who}：我们注意到有关报道。\n第二段回答。\n"
    "问：{b}的情况如何？\n{who}：我们不评论。\n追问：你能再说一遍吗？\n{who}：我已经回答了。\n"
)


@pytest.fixture
def corpus(tmp_path):
    for date, who, a, b in [("2020-01-06", "耿爽", "美国", "加拿大"), ("2020-01-20", "华春莹", "美国", "日本"),
                            ("2020-03-02", "耿爽", "日本", "日本")]:
        (tmp_path / f"mfa_{date}.txt").write_text(BRIEFING.format(a=a, b=b, who=who), encoding="utf-8")
    return analysis.read_corpus(tmp_path)


def scores(segments, values):
    """A paragraph score table with the given score for each (doc_id, para_no)."""
    keys = segments[["doc_id", "para_no"]]
    return keys.assign(score=[values.get((d, p), 0.0) for d, p in zip(keys["doc_id"], keys["para_no"])])


def mentions(rows):
    return pd.DataFrame(rows, columns=["doc_id", "para_no", "country"]).assign(start=0, end=1, surface="x",
                                                                             rule="name")


def test_periods_are_named_and_span_the_gaps():
    dates = pd.to_datetime(["2019-08-31", "2019-09-01", "2020-01-01"])
    assert list(trends.period_labels(dates, "M")) == ["2019-08", "2019-09", "2020-01"]
    assert list(trends.period_labels(dates, "Q")) == ["2019Q3", "2019Q3", "2020Q1"]
    assert list(trends.period_labels(dates, "Y")) == ["2019", "2019", "2020"]
    assert trends.period_range("2019-11", "2020-02", "M") == ["2019-11", "2019-12", "2020-01", "2020-02"]
    assert trends.check_freq("quarter") == "Q"
    with pytest.raises(ValueError, match="freq must be one of M, Q, Y"):
        trends.check_freq("W")


def test_tone_trend_by_hand(corpus):
    # answer paragraphs: 1, 2, 4, 6 of each briefing
    s = scores(corpus, {("mfa_2020-01-06", 1): 1.0, ("mfa_2020-01-06", 2): 0.5, ("mfa_2020-01-20", 1): -1.0,
                        ("mfa_2020-03-02", 4): 0.4, ("mfa_2020-01-06", 0): 0.9})  # a question's score is not counted
    t = trends.tone_trend_table(corpus, s, freq="M")
    assert list(t.columns) == ["period", "n", "mean", "ci_low", "ci_high"]
    assert list(t["period"]) == ["2020-01", "2020-02", "2020-03"]
    assert list(t["n"]) == [8, 0, 4]
    assert t["mean"].iloc[0] == pytest.approx((1.0 + 0.5 - 1.0) / 8)
    assert np.isnan(t["mean"].iloc[1])  # no briefing: a gap, not a zero
    assert t["mean"].iloc[2] == pytest.approx(0.1)
    assert np.isnan(t["ci_low"].iloc[2])  # one briefing: no interval
    # two briefings, means 0.375 and -0.25: the interval spans what resampling them can give
    assert t["ci_low"].iloc[0] == pytest.approx(-0.25) and t["ci_high"].iloc[0] == pytest.approx(0.375)


def test_intervals_resample_briefings_not_paragraphs():
    """Two briefings of 100 paragraphs each, one all +1 and one all -1: resampling the
    briefings can give -1, 0 or +1, so the 95% interval is [-1, 1]; resampling the 200
    paragraphs as if independent would give about ±0.14."""
    low, high = trends.cluster_interval([100.0, -100.0], [100, 100], clusters=["a", "b"])
    assert (low, high) == (-1.0, 1.0)
    assert np.isnan(trends.cluster_interval([3.0], [4], clusters=["a"])[0])


def test_intervals_are_reproducible_and_local(corpus):
    s = scores(corpus, {("mfa_2020-01-06", 1): 1.0, ("mfa_2020-01-20", 2): -0.5, ("mfa_2020-03-02", 1): 0.3})
    a = trends.tone_trend_table(corpus, s)
    b = trends.tone_trend_table(corpus, s)
    pd.testing.assert_frame_equal(a, b)
    # dropping March's briefing leaves January's interval as it was
    january = corpus[corpus["doc_id"] != "mfa_2020-03-02"]
    c = trends.tone_trend_table(january, s)
    pd.testing.assert_frame_equal(c.iloc[:1], a.iloc[:1])


def test_mention_trend_counts_turns(corpus):
    # the US named twice in one question (two paragraphs of it would count once too)
    m = mentions([("mfa_2020-01-06", 0, "US"), ("mfa_2020-01-06", 0, "US"), ("mfa_2020-01-06", 3, "CA"),
                  ("mfa_2020-01-06", 1, "US"),  # an answer: not a question turn
                  ("mfa_2020-01-20", 0, "US"), ("mfa_2020-01-20", 3, "JP"), ("mfa_2020-03-02", 0, "JP"),
                  ("mfa_2020-03-02", 3, "JP"), ("mfa_2020-03-02", 3, "ORG:UN")])
    t = trends.mention_trend_table(corpus, m, freq="M")
    assert list(t.columns) == ["period", "country", "n_units", "n_mentioning", "share"]
    got = t.set_index(["period", "country"])
    # January: 2 briefings × 3 question turns (two questions and a follow-up)
    assert got.loc[("2020-01", "US"), "n_units"] == 6
    assert got.loc[("2020-01", "US"), "n_mentioning"] == 2 and got.loc[("2020-01", "US"), "share"] == pytest.approx(2 / 6)
    assert got.loc[("2020-01", "CA"), "n_mentioning"] == 1
    assert got.loc[("2020-03", "CA"), "n_mentioning"] == 0 and got.loc[("2020-03", "CA"), "share"] == 0  # zeros kept
    assert got.loc[("2020-03", "JP"), "n_mentioning"] == 2  # two turns of one briefing
    assert np.isnan(got.loc[("2020-02", "JP"), "share"]) and got.loc[("2020-02", "JP"), "n_units"] == 0
    assert "ORG:UN" not in set(t["country"])  # organisations are no countries
    answers = trends.mention_trend_table(corpus, m, freq="M", kind="answer").set_index(["period", "country"])
    assert answers.loc[("2020-01", "US"), "n_mentioning"] == 1 and answers.loc[("2020-01", "US"), "n_units"] == 6
    spread = trends.mention_dispersion_table(corpus, m, freq="M").set_index(["period", "country"])
    assert spread.loc[("2020-01", "US"), "n_docs"] == 2 and spread.loc[("2020-01", "US"), "n_docs_with"] == 2
    # JP in January: one hit in one of two equal briefings: DP = ½(|1 - ½| + |0 - ½|) = ½
    assert spread.loc[("2020-01", "JP"), "dp"] == pytest.approx(0.5)
    assert spread.loc[("2020-01", "US"), "dp"] == pytest.approx(0.0)


def test_country_tone_counts_a_paragraph_once(corpus):
    m = mentions([("mfa_2020-01-06", 2, "US"), ("mfa_2020-01-06", 2, "US"), ("mfa_2020-01-20", 1, "US"),
                  ("mfa_2020-01-20", 0, "US")])  # a question: not counted with kind="answer"
    s = scores(corpus, {("mfa_2020-01-06", 2): -0.6, ("mfa_2020-01-20", 1): 0.2, ("mfa_2020-01-20", 0): 0.9})
    t = trends.country_tone_trend_table(corpus, s, m, freq="Y")
    assert list(t.columns) == ["period", "country", "n", "mean", "ci_low", "ci_high"]
    row = t.set_index(["period", "country"]).loc[("2020", "US")]
    assert row["n"] == 2 and row["mean"] == pytest.approx(-0.2)
    assert row["ci_low"] == pytest.approx(-0.6) and row["ci_high"] == pytest.approx(0.2)


def test_gries_dp_by_hand():
    assert trends.gries_dp([1, 0, 0, 0, 0], [1, 1, 1, 1, 1]) == pytest.approx(0.8)
    assert trends.gries_dp([2, 2], [10, 10]) == 0
    # parts of 10, 20 and 70 tokens with hits 3, 3, 4: ½(|.3-.1| + |.3-.2| + |.4-.7|) = 0.3
    assert trends.gries_dp([3, 3, 4], [10, 20, 70]) == pytest.approx(0.3)
    assert np.isnan(trends.gries_dp([0, 0], [5, 5]))


def test_spokesperson_effect_separates_person_from_time():
    """A speaks in both years, B only in the second; tone drops for everybody in year
    two. The plain means make B harsher than A; within the same year they are equal."""
    from analysis.documents import attach_documents, document_row

    rows, values, docs = [], {}, []
    for i, (date, who, tone) in enumerate([("2019-03-01", "耿爽", 0.5), ("2019-03-08", "耿爽", 0.5),
                                           ("2020-03-01", "耿爽", 0.1), ("2020-03-08", "赵立坚", 0.1),
                                           ("2020-03-15", "赵立坚", 0.1)]):
        doc_id = f"d{i}"
        docs.append(document_row(doc_id, source="", lang="zh", date=date, genre="briefing", spokesperson=who))
        for p in range(3):
            rows.append({"doc_id": doc_id, "para_no": p, "kind": "answer", "qa_no": 1, "follow_up": False,
                         "text": "x", "n_chars": 1})
            values[(doc_id, p)] = tone
    segments = pd.DataFrame(rows)

    attach_documents(segments, docs)
    s = scores(segments, values)
    t = trends.spokesperson_effect_table(segments, s, freq="Y").set_index("spokesperson")
    assert t.attrs["reference"] == "Geng Shuang"  # most briefings
    assert t.loc["Zhao Lijian", "raw_diff"] == pytest.approx(0.1 - (0.5 + 0.5 + 0.1) / 3)
    assert t.loc["Zhao Lijian", "effect"] == pytest.approx(0.0, abs=1e-12)
    assert t.loc["Zhao Lijian", "n_shared"] == 1 and t.loc["Zhao Lijian", "n_docs"] == 2
    side = trends.spokesperson_tone_table(segments, s, freq="Y")
    assert side.loc[side["period"] == "2019", "shared"].tolist() == [False]
    assert side.loc[side["period"] == "2020", "shared"].tolist() == [True, True]


def test_tone_change_by_hand(corpus):
    from analysis.tokens import tokenize

    tokens = tokenize(corpus)
    # by hand: 评论 weighs -1 (-2 in March, as a scorer reading its context might weigh it)
    # and 回答 +0.5, wherever they stand (questions too)
    march = tokens["doc_id"] == "mfa_2020-03-02"
    weight = np.select([(tokens["token"] == "评论") & march, tokens["token"] == "评论", tokens["token"] == "回答"],
                       [-2.0, -1.0, 0.5], 0.0)
    terms = tokens.assign(term=np.where(weight != 0, tokens["token"], ""), negated=False, weight=weight)
    change = trends.tone_change_table(corpus, terms, before="2020-01", after="2020-03", freq="M").set_index("term")
    answers = tokens[~tokens["punct"]].merge(corpus.loc[corpus["kind"] == "answer", ["doc_id", "para_no"]])
    n_jan = answers["doc_id"].isin(["mfa_2020-01-06", "mfa_2020-01-20"]).sum()
    n_mar = (answers["doc_id"] == "mfa_2020-03-02").sum()
    assert change.attrs["tokens_before"] == n_jan and change.attrs["tokens_after"] == n_mar
    # 评论 in the answers: 我们不评论 once a briefing (the question's 评论 is not an answer's)
    assert change.loc["评论", "before"] == pytest.approx(-2 / n_jan * 10_000)
    assert change.loc["评论", "after"] == pytest.approx(-2 / n_mar * 10_000)
    assert change.loc["评论", "direction"] == "negative"  # twice the rate: the answers got harsher
    assert change.loc["评论", "docs_before"] == 2 and change.loc["评论", "docs_after"] == 1
    # 回答 twice a briefing (第二段回答, 我已经回答了): the same rate before and after, no change
    assert "回答" not in change.index
    with pytest.raises(ValueError, match="no document falls in period '2020-02'"):
        trends.tone_change_table(corpus, terms, before="2020-02", after="2020-03", freq="M")


def test_term_trend_per_million_by_hand(corpus):
    from analysis.tokens import tokenize

    tokens = tokenize(corpus)
    t = trends.term_trend_table(corpus, tokens, ["回答", "评论"], freq="M").set_index(["period", "term"])
    words = tokens[~tokens["punct"]].merge(corpus[["doc_id", "para_no", "kind"]])
    january = words[words["doc_id"].isin(["mfa_2020-01-06", "mfa_2020-01-20"])]
    # 回答 stands in 第二段回答 and 我已经回答了: twice a briefing
    assert t.loc[("2020-01", "回答"), "count"] == 4
    assert t.loc[("2020-01", "回答"), "n_tokens"] == len(january)
    assert t.loc[("2020-01", "回答"), "per_million"] == pytest.approx(4 / len(january) * 1e6)
    assert t.loc[("2020-01", "回答"), "n_docs_with"] == 2
    assert t.loc[("2020-02", "回答"), "n_docs"] == 0 and np.isnan(t.loc[("2020-02", "回答"), "per_million"])


def test_concordance_carries_date_and_spokesperson(corpus):
    lines = trends.concordance_table(corpus, "美国")
    assert list(lines["doc_id"]) == ["mfa_2020-01-06", "mfa_2020-01-20"]
    assert list(lines["spokesperson"]) == ["Geng Shuang", "Hua Chunying"]
    assert str(lines["date"].iloc[1].date()) == "2020-01-20"


def test_events_file(tmp_path):
    events = trends.read_events(analysis.config.DATA_DIR / "events.csv")
    assert list(events["number"]) == list(range(1, len(events) + 1))
    assert events["date"].is_monotonic_increasing
    assert events["source"].str.startswith("https://").all()
    bad = tmp_path / "events.csv"
    bad.write_text("date,label_zh,label_en,countries,source\n2019-13-01,x,x,,s\n", encoding="utf-8")
    with pytest.raises(TranscriptError, match=r"events.csv: line 2: date '2019-13-01' is not YYYY-MM-DD"):
        trends.read_events(bad)
    bad.write_text("date,label\n2019-01-01,x\n", encoding="utf-8")
    with pytest.raises(TranscriptError, match="lacks the column"):
        trends.read_events(bad)


def test_corpus_parameters(tmp_path):
    p = check_corpus_params(corpus=str(tmp_path), countries="加拿大, United States,IN", spokespersons="耿爽",
                            date_from="2019", date_to="2019-06", freq="quarter", lang="en")
    assert p.countries == ("CA", "US", "IN") and p.spokespersons == ("Geng Shuang",)
    assert (p.date_from, p.date_to, p.freq) == ("2019-01-01", "2019-06-30", "Q")
    assert p.corpus_id == tmp_path.name and p.report_id == f"{tmp_path.name}-en"
    for kwargs, message in [
        ({"corpus": "no/such/folder"}, "no such file or folder"),
        ({"spokespersons": "Nobody"}, "'Nobody' not in data/speakers.csv"),
        ({"countries": "Atlantis"}, "'Atlantis' not in the gazetteer"),
        ({"date_from": "2019-02-30"}, "not a calendar date"),
        ({"date_from": "2020", "date_to": "2019"}, "is after date_to"),
        ({"doc_lang": "fr"}, "doc_lang must be one of zh, en, both"),
        ({"freq": "W"}, "freq must be one of M, Q, Y"),
        ({"genre": "speech"}, "genre must be among"),
    ]:
        with pytest.raises(ParameterError, match=message):
            check_corpus_params(**({"corpus": str(tmp_path)} | kwargs))


def test_compare_periods(corpus):
    assert check_compare("2020-01,2020-03", corpus) == ("2020-01", "2020-03", "M")
    with pytest.raises(ParameterError, match="no document of the selection falls in 2020-02"):
        check_compare("2020-01,2020-02", corpus)
    # three months of one year: the default compares the first month with the last
    assert check_compare("", corpus) == ("2020-01", "2020-03", "M")
    one_month = corpus[corpus["doc_id"] != "mfa_2020-03-02"]
    with pytest.raises(ParameterError, match="fall in one month"):
        check_compare("", one_month)


def _monthly(tmp_path, months):
    """One briefing on the 6th of each month named ('2018-05', ...)."""
    for month in months:
        (tmp_path / f"mfa_{month}-06.txt").write_text(BRIEFING.format(a="美国", b="日本", who="耿爽"),
                                                      encoding="utf-8")
    return analysis.read_corpus(tmp_path)


def test_compare_defaults_to_full_years(tmp_path):
    # 2016: two months, 2017 and 2018: eleven, 2019: ten, 2020: seven -> the first and last full years
    months = (["2016-11", "2016-12"] + [f"{y}-{m:02d}" for y in (2017, 2018) for m in range(1, 12)]
              + [f"2019-{m:02d}" for m in range(1, 11)] + [f"2020-{m:02d}" for m in range(1, 8)])
    segments = _monthly(tmp_path, months)
    assert check_compare("", segments) == ("2017", "2019", "Y")
    assert describe_compare("2017", "2019", "Y", segments) == "Compared: 2017 (11 briefings) with 2019 (10 briefings)."


def test_compare_falls_back_to_part_years(tmp_path):
    # as the English archive: May 2018 to July 2020, one full year only
    months = ([f"2018-{m:02d}" for m in range(5, 13)] + [f"2019-{m:02d}" for m in range(1, 13)]
              + [f"2020-{m:02d}" for m in range(1, 8)])
    segments = _monthly(tmp_path, months)
    assert check_compare("", segments) == ("2018", "2020", "Y")
    note = describe_compare("2018", "2020", "Y", segments)
    assert "2018 has briefings in 8 months only and 2020 has briefings in 7 months only" in note


# ---------------------------------------------------------------------------
# The real archive, against the figures the corpus issue reported from its own joins


@pytest.fixture(scope="module")
def archive(pages_dir, tmp_path_factory):
    from analysis import pipeline

    interim = tmp_path_factory.mktemp("interim")
    zh = [p for p in sorted(pages_dir.glob("zh_t*.html"))]
    pipeline.build(zh, corpus_id="zh", interim=interim)
    tables = pipeline.load("zh", interim=interim)
    briefings = tables.documents.loc[tables.documents["genre"] == "briefing", "doc_id"]
    return tables.subset(briefings.tolist())


def test_tone_toward_countries_matches_the_issue(archive):
    # The corpus issue's finding, read in the paragraphs (data/eval/findings.md): tone toward the
    # United States hardens from 2016-17 to 2019-20; Canada's falls with the December 2018
    # detentions; Pakistan's stays warm. Its figures came from the first scorer (US 0.31, 0.32,
    # 0.20, 0.04, -0.07); the tone toward a party (issue 14) and the recalibrated scorer move the
    # levels, so the test holds the finding, not the digits.
    from analysis import sentiment

    party = sentiment.party_tone_table(archive.terms, archive.mentions)
    t = trends.country_tone_trend_table(archive.segments, party, archive.mentions, freq="Y",
                                        countries=["US", "CA", "PK"]).set_index(["country", "period"])
    us = t.loc["US"]
    assert us.loc["2016", "mean"] > 0 and us.loc["2017", "mean"] > 0
    assert us.loc["2019", "mean"] < 0 and us.loc["2020", "mean"] < us.loc["2019", "mean"]
    assert us.loc["2017", "ci_low"] > us.loc["2020", "ci_high"]  # apart beyond their 95% intervals
    assert t.loc[("CA", "2017"), "mean"] > 0.3 and t.loc[("CA", "2018"), "mean"] < -0.1
    for year in ["2017", "2018", "2019", "2020"]:
        assert t.loc[("PK", year), "mean"] > 0.3


def test_question_peaks_match_the_issue(archive):
    m = trends.mention_trend_table(archive.segments, archive.mentions, freq="M", countries=["CA", "IN", "HK"])
    top = {c: g.nlargest(3, "share")["period"].tolist() for c, g in m.groupby("country")}
    assert set(top["CA"][:2]) == {"2018-12", "2019-01"}
    assert set(top["IN"]) == {"2017-06", "2017-07", "2017-08"}
    hk = m[m["country"] == "HK"].set_index("period")["share"]
    # the local peaks of Hong Kong's share (above both neighbours, and above 15%)
    peaks = [p for i, p in enumerate(hk.index[1:-1], 1) if hk.iloc[i] > max(hk.iloc[i - 1], hk.iloc[i + 1])
             and hk.iloc[i] > 0.15] + ([hk.index[-1]] if hk.iloc[-1] > hk.iloc[-2] else [])
    assert {"2019-08", "2019-11", "2020-07"} <= set(peaks)


def test_english_concordance_keeps_whole_words(tmp_path):
    text = ("Q: What is your comment?\nA: " + "We firmly oppose the bullying practices of certain "
            "countries that undermine the multilateral trading system and its rules.\n")
    (tmp_path / "mfa_2019-05-06_en.txt").write_text(text, encoding="utf-8")
    segments = analysis.read_corpus(tmp_path)
    lines = trends.concordance_table(segments, "bullying", window=20)
    # 20 characters: "e firmly oppose the " and " practices of certai", each cut inside a word
    assert list(lines["left"]) == ["firmly oppose the "]
    assert list(lines["right"]) == [" practices of"]
    lines = trends.concordance_table(segments, "bullying", window=18)
    assert list(lines["left"]) == ["firmly oppose the "]  # exactly whole words: nothing dropped
    wide = trends.concordance_table(segments, "bullying")
    assert wide["left"].iloc[0] == "We firmly oppose the "  # 60 characters: the whole sentence start


def test_spokespersons_who_served_together_have_different_colours():
    from analysis.plots.trends import spokesperson_color

    together = [["Hong Lei", "Hua Chunying", "Lu Kang", "Geng Shuang"],  # 2016
                ["Hua Chunying", "Geng Shuang", "Zhao Lijian", "Wang Wenbin"],  # 2020
                ["Hua Chunying", "Wang Wenbin", "Mao Ning", "Lin Jian"],  # 2024
                ["Mao Ning", "Lin Jian", "Guo Jiakun"]]  # 2025
    for people in together:
        colours = [spokesperson_color(p) for p in people]
        assert len(set(colours)) == len(people), people
    assert spokesperson_color("Nobody Listed") == "#7f8c8d"
