"""The Ministry's own pages: each layout case read from a real page in ../shared/mfa/pages.

Every expectation was read off the page itself (its paragraphs printed one by one),
not copied from the parser's output; the page's English or Chinese twin is cited
where it shows the same structure.
"""
from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from analysis import TranscriptError, documents_table, read_corpus, read_transcript
from analysis.pages import read_page


@pytest.fixture(scope="module")
def page(pages_dir):
    def read(name: str) -> pd.DataFrame:
        return read_transcript(pages_dir / name)

    return read


def turns(seg: pd.DataFrame) -> list[tuple[int, int]]:
    """(question paragraphs, answer paragraphs) of each Q&A turn, in order."""
    qa = seg[seg["qa_no"].notna()]
    return [((g["kind"] == "question").sum(), (g["kind"] == "answer").sum()) for _, g in qa.groupby("qa_no")]


def test_page_metadata_from_the_page_itself(pages_dir):
    p = read_page(pages_dir / "zh_t1649303.html")
    assert (p.lang, p.genre, p.date, p.spokesperson) == ("zh", "briefing", dt.date(2019, 3, 28), "耿爽")
    assert p.title == "2019年3月28日外交部发言人耿爽主持例行记者会"  # the site's suffix cut off
    assert p.page_no == "t1649303"
    e = read_page(pages_dir / "en_t1649338.html")
    assert (e.lang, e.genre, e.date, e.spokesperson) == ("en", "briefing", dt.date(2019, 3, 28), "Geng Shuang")
    # the body's bold: questions bold, answers not
    assert e.paragraphs[2].text.startswith("Q:") and e.paragraphs[2].emphasis == 1.0
    assert e.paragraphs[3].emphasis == 0.0


def test_english_title_without_a_year_takes_it_from_the_image_stamps(pages_dir):
    # "…Regular Press Conference on September 10": the page's image is W020180910….jpg
    p = read_page(pages_dir / "en_t1593756.html")
    assert p.date == dt.date(2018, 9, 10) and p.date_from == "title and image stamp"


def test_follow_up_answered_without_a_label(page):
    # 2019-03-28: 追问：你是说…？ then 那是在1267委员会… with no 答：, set in plain type; the
    # English version labels the same answer "A:". Eight turns in both, paragraph for paragraph.
    zh, en = page("zh_t1649303.html"), page("en_t1649338.html")
    assert turns(zh) == turns(en) == [(1, 4), (1, 1), (1, 1), (1, 4), (1, 1), (1, 2), (1, 3), (1, 2)]
    assert zh.loc[zh["para_no"] == 10, "kind"].item() == "answer"
    assert list(zh.loc[zh["follow_up"], "qa_no"]) == list(en.loc[en["follow_up"], "qa_no"]) == [3, 4]


def test_anonymous_answers_are_credited_to_the_spokesperson_in_the_title(page):
    zh, en = page("zh_t1649303.html"), page("en_t1649338.html")
    assert set(zh.loc[zh["kind"].isin(["answer", "statement"]), "speaker"]) == {"耿爽"}
    assert set(en.loc[en["kind"].isin(["answer", "statement"]), "speaker"]) == {"Geng Shuang"}


def test_stage_direction_is_neither_headline_nor_speech(page):
    # 2017-06-21: an answer ends "…你需要我再重复一遍吗？", then （记者点头） stands alone, then the
    # answer goes on; the old text parse read the stage direction as a headline and lost
    # four answer paragraphs to narration.
    seg = page("zh_t1472124.html")
    assert not seg["kind"].isin(["headline", "title"]).any()
    nod = seg[seg["text"] == "（记者点头）"]
    assert nod["kind"].tolist() == ["narration"]
    after = seg[seg["para_no"].isin([21, 23, 24, 25])]
    assert set(after["kind"]) == {"answer"} and set(after["qa_no"]) == {6}
    assert (seg["kind"] == "answer").sum() == 30


def test_stage_direction_ending_a_paragraph_does_not_make_a_headline(pages_dir, tmp_path):
    # The same page as a text file, one paragraph a line: a paragraph ending in （记者笑）
    # is complete speech, not a short unpunctuated editorial line.
    paras = [p.text for p in read_page(pages_dir / "zh_t1472124.html").paragraphs]
    text = tmp_path / "mfa_2017-06-21.txt"
    text.write_text("\n".join(paras) + "\n所以我们的立场很清楚。（记者笑）\n", encoding="utf-8")
    seg = read_transcript(text)
    assert not seg["kind"].isin(["headline", "title"]).any()
    assert seg.iloc[-1]["kind"] == "answer"


def test_spaced_asterisks_separate_closing_announcements(page):
    # 2017-03-07: the last answer, a line "*　　　*　　　*", then two announcements
    seg = page("zh_t1443750.html")
    assert not seg["text"].str.contains(r"^\*", regex=True).any()
    tail = seg[seg["para_no"] >= 30]
    assert tail["kind"].tolist() == ["statement", "statement"]
    assert tail["qa_no"].isna().all() and set(tail["speaker"]) == {"耿爽"}
    assert tail.iloc[0]["text"].startswith("外交部长王毅将于3月8日")


def test_labelled_closing_paragraph_after_a_separator_is_a_statement(page):
    # 2020-06-01: after the asterisks "赵立坚：…" wishes a happy Children's Day: no answer
    seg = page("zh_t1784776.html")
    last = seg.iloc[-1]
    assert last["kind"] == "statement" and pd.isna(last["qa_no"]) and last["speaker"] == "赵立坚"


def test_a_name_followed_by_a_verb_of_saying_is_no_label(page):
    # 2019-04-04: "耿爽表示：我前天已经回答了…" answers a question asked after the briefing
    seg = page("zh_t1651415.html")
    row = seg[seg["text"].str.startswith("耿爽表示：")]
    assert row["kind"].tolist() == ["answer"] and row["speaker"].tolist() == ["耿爽"]
    assert (seg["speaker"] == "耿爽表示").sum() == 0


def test_reported_answer_to_a_question_after_the_briefing(page):
    # 2016-11-25: "会后，有记者问及：…" (with a comma), answered "耿爽表示，…" in the third person
    seg = page("zh_t1418796.html")
    q = seg[seg["text"].str.startswith("据报道，11月24日，哥伦比亚政府")]
    assert q["kind"].tolist() == ["question"]
    answer = seg[seg["para_no"] == q["para_no"].item() + 1]
    assert answer["kind"].tolist() == ["answer"] and answer["qa_no"].item() == q["qa_no"].item()


def test_announcement_only_briefing_is_a_document_of_statements(page):
    # 2017-10-24: only announcements (the Medvedev visit), no questions
    seg = page("zh_t1504209.html")
    assert set(seg["kind"]) == {"statement"} and set(seg["speaker"]) == {"耿爽"}
    docs = documents_table(seg)
    assert docs.loc[0, "n_questions"] == 0 and docs.loc[0, "doc_id"] == "mfa_2017-10-24"


def test_clarification_exchange(page):
    # 2019-08-23: 问：…他会被释放吗？ 答：… 记者：我已经向深圳警方发了传真… 那你再等一等。
    # 记者：… 关于具体情况…; the English version labels the journalist "Follow-up:" and the
    # replies "A:". Each time the journalist speaks is a turn (a follow-up), and the
    # unlabelled reply after it is the spokesperson's answer.
    zh, en = page("zh_t1691418.html"), page("en_t1691457.html")
    assert turns(zh) == turns(en)
    rows = zh[zh["para_no"].between(16, 21)]
    assert rows["kind"].tolist() == ["question", "answer"] * 3
    assert rows["follow_up"].tolist() == [False, False, True, False, True, False]
    assert rows.iloc[2]["text"].startswith("我已经向深圳警方发了传真")  # 记者： cut off


def test_bracketed_journalist_paragraph(page):
    # 2019-03-06: （记者：是的。《金融时报》援引了…） where the English has "Journalist: Yes, …"
    zh, en = page("zh_t1643437.html"), page("en_t1643545.html")
    assert turns(zh) == turns(en)
    row = zh[zh["text"].str.startswith("是的。《金融时报》")]
    assert row["kind"].tolist() == ["question"] and row["follow_up"].tolist() == [True]


def test_journalist_laughing_and_clarifying_labels(page):
    # 2019-06-14: "记者笑：我希望你的回答也长一些。" / "Journalist: I hope your answer is long, too."
    zh = page("zh_t1672311.html")
    row = zh[zh["text"] == "我希望你的回答也长一些。"]
    assert row["kind"].tolist() == ["question"]
    # 2019-01-08: "Journalist clarifies: Some US and ROK media commented …"
    en = page("en_t1627900.html")
    row = en[en["text"].str.startswith("Some US and ROK media commented")]
    assert row["kind"].tolist() == ["question"] and row["follow_up"].tolist() == [True]


def test_plain_follow_up_on_a_bold_page_is_answered_by_the_next_plain_paragraph(page):
    # 2019-12-11: "记者追问：…？" set in plain type, then two unlabelled plain paragraphs of
    # the spokesperson's; the English version labels them "Hua Chunying:"
    seg = page("zh_t1723659.html")
    assert seg.loc[seg["para_no"].isin([49, 50]), "kind"].tolist() == ["answer", "answer"]
    assert turns(seg)[-3] == (1, 2)


def test_english_answer_set_in_bold_by_mistake_stays_an_answer(page):
    # 2019-01-07: "A: China and the United States agreed…" and the paragraph after it are
    # bold on the English page; both are the spokesperson's
    seg = page("en_t1627624.html")
    assert seg.loc[seg["text"].str.startswith("As for whether the trade talks"), "kind"].tolist() == ["answer"]
    assert seg["qa_no"].max() == 6  # as in the Chinese version


def test_another_officials_label_is_not_an_outlet(page):
    # 2020-02-24: "Hua Chunying: Good afternoon…" introduces the new spokesperson Zhao Lijian
    seg = page("en_t1748946.html")
    first = seg.iloc[0]
    assert first["kind"] == "statement" and first["speaker"] == "Hua Chunying" and first["outlet"] == ""
    assert seg.loc[2, "speaker"] == "Zhao Lijian"


def test_note_introducing_questions_after_the_briefing_is_not_a_question(page):
    # 2019-09-17 (English): "***", then "A journalist asked the following question after the
    # press conference:" alone, then "Q: …"
    seg = page("en_t1698607.html")
    note = seg[seg["text"].str.startswith("A journalist asked the following question")]
    assert note["kind"].tolist() == ["narration"]
    assert seg["qa_no"].max() == 11  # as in the Chinese version


def test_question_and_answer_in_one_paragraph_split_at_line_breaks(page):
    # 2020-03-05 (English): "<strong>Q: …<br></strong><br>A: …" inside one <p>
    seg = page("en_t1752564.html")
    assert (seg["kind"] == "question").sum() >= 3 and (seg["kind"] == "answer").any()
    assert not seg["text"].str.contains("A: ").any()


def test_ascii_colon_labels(page):
    seg = page("zh_t1585313.html")  # 问:… 答:… with ASCII colons
    assert seg["kind"].tolist()[:2] == ["question", "answer"]
    assert seg.iloc[0]["text"].startswith("朝韩双方8月13日")
    en = page("en_t1560357.html")  # "Q:The Vietnam unit …" with no space after the colon
    assert not en["text"].str.match(r"^Q:").any()


def test_statement_page_given_as_question_and_answer_is_written_answers(page):
    seg = page("zh_t1602078.html")  # 外交部发言人华春莹就美领导人无端指责中国表明立场: 问：… 答：…
    assert documents_table(seg).loc[0, "genre"] == "written"


def test_listing_and_status_pages_say_what_they_are(pages_dir):
    with pytest.raises(TranscriptError, match="listing page") as info:
        read_transcript(pages_dir / "zh_fyrbt_674889_default_1.html")
    assert str(pages_dir / "zh_fyrbt_674889_default_1.html") in str(info.value)
    with pytest.raises(TranscriptError, match="302 Found"):
        read_transcript(pages_dir / "zh_robots.txt.html")


def test_two_pages_of_one_date_get_a_stable_suffix(pages_dir):
    # 2017-04-08: three written answers; the suffix follows the page numbers
    names = ["zh_t1452273.html", "zh_t1452272.html", "zh_t1452267.html"]
    seg = read_corpus([pages_dir / n for n in names])
    docs = documents_table(seg).set_index("source")
    ids = {n: docs.loc[str(pages_dir / n), "doc_id"] for n in names}
    assert ids == {"zh_t1452267.html": "mfa_2017-04-08_written", "zh_t1452272.html": "mfa_2017-04-08_written_2",
                   "zh_t1452273.html": "mfa_2017-04-08_written_3"}
    # a page published later renames none read before it: the two earlier pages alone
    # have the ids they have beside the later one
    earlier = documents_table(read_corpus([pages_dir / n for n in names[1:]])).set_index("source")
    assert {n: earlier.loc[str(pages_dir / n), "doc_id"] for n in names[1:]} == {n: ids[n] for n in names[1:]}


def test_twins_and_one_spokesperson_across_languages(pages_dir):
    seg = read_corpus([pages_dir / "zh_t1649303.html", pages_dir / "en_t1649338.html"])
    docs = documents_table(seg).set_index("doc_id")
    assert docs.loc["mfa_2019-03-28", "twin"] == "mfa_2019-03-28_en"
    assert docs.loc["mfa_2019-03-28_en", "twin"] == "mfa_2019-03-28"
    assert set(docs["spokesperson"]) == {"Geng Shuang"}
    assert docs.loc["mfa_2019-03-28", "spokesperson_zh"] == "耿爽"
    assert (docs["date"] == pd.Timestamp("2019-03-28")).all()
    assert docs.loc["mfa_2019-03-28", "url"] == ""  # no page carries its own URL


def test_metadata_file_fills_what_the_page_leaves_empty(pages_dir, tmp_path):
    meta = tmp_path / "meta.csv"
    meta.write_text("file,url,date\nzh_t1649303.html,https://www.fmprc.gov.cn/web/t1649303.shtml,2001-01-01\n",
                    encoding="utf-8")
    seg = read_corpus([pages_dir / "zh_t1649303.html"], metadata=meta)
    docs = documents_table(seg)
    assert docs.loc[0, "url"] == "https://www.fmprc.gov.cn/web/t1649303.shtml"
    assert docs.loc[0, "date"] == pd.Timestamp("2019-03-28")  # the page's own date wins


def test_parse_matches_an_independent_count_of_25_pages(pages_dir):
    """A second reader counted statements, question turns, answer paragraphs per turn and
    closing statements of 25 randomly drawn pages by hand (data/eval/parse_check.md)."""
    from analysis.config import EVAL_DIR

    counts = pd.read_csv(EVAL_DIR / "parse_check_counts.csv", dtype=str, keep_default_na=False)
    for row in counts.itertuples():
        seg = read_transcript(pages_dir / row.file)
        questions = seg.loc[seg["kind"] == "question", "para_no"]
        first = questions.min() if len(questions) else float("inf")
        statements = seg[seg["kind"] == "statement"]
        answers = [a for _, a in turns(seg)]
        assert (statements["para_no"] < first).sum() == int(row.statements_before), row.file
        assert len(answers) == int(row.question_turns), row.file
        assert " ".join(map(str, answers)) == row.answers_per_turn, row.file
        assert (statements["para_no"] > first).sum() == int(row.closing_statements), row.file


def test_photo_caption_and_page_furniture_are_not_speech(tmp_path):
    # No page of the 2016-2020 archive prints a caption or a print button inside its body;
    # this page is built after their layout (a centred picture, then a short centred line).
    html = (
        '<html><head><title>2021年1月4日外交部发言人华春莹主持例行记者会 — 中华人民共和国外交部</title></head><body>'
        '<div id="News_Body_Txt_A">'
        '<p align="center"><img src="./W020210104123.jpg"></p>'
        '<p align="center">外交部发言人华春莹（资料图）</p>'
        '<p>　　<b>问：中方对此有何评论？</b></p>'
        '<p>　　答：我们注意到有关报道。</p>'
        '<p>　　【打印】 </p>'
        "</div></body></html>"
    )
    path = tmp_path / "t1844000.shtml"
    path.write_text(html, encoding="utf-8")
    paras = read_page(path).paragraphs
    assert [p.furniture for p in paras] == [True, False, False, True]
    seg = read_transcript(path)
    assert seg["kind"].tolist() == ["narration", "question", "answer", "narration"]
    assert documents_table(seg).loc[0, "doc_id"] == "mfa_2021-01-04"


def test_follow_ups_take_the_outlet_of_the_question_they_follow(page):
    # 2020-04-29 (耿爽): 《澳大利亚人报》记者 asks about a park (paragraph 30), then 追问 (32),
    # 记者回答 (34) and 追问 (37), each after Geng Shuang's reply; later 路透社记者 asks (45, 49)
    # and 记者： speaks again (47, 51, 53). The English page labels all six "Follow-up:", after
    # "The Australian:" and "Reuters:". Who asked a follow-up is who asked the question before it.
    from analysis import add_outlet_info
    from analysis.overview import origin_table

    zh, en = add_outlet_info(page("zh_t1774733.html")), add_outlet_info(page("en_t1774812.html"))
    for seg, australian, reuters in ((zh, "澳大利亚人报", "路透社"), (en, "The Australian", "Reuters")):
        asked = seg[seg["kind"] == "question"].drop_duplicates("qa_no").set_index("qa_no")
        assert list(asked.index[asked["follow_up"]]) == [12, 13, 14, 17, 19, 20, 24]
        assert (asked.loc[asked["follow_up"], "outlet"] == "").all()  # the page names no outlet on them
        assert list(asked.loc[[11, 12, 13, 14], "qa_outlet"]) == [australian] * 4
        assert list(asked.loc[[16, 17, 18, 19, 20], "qa_outlet"]) == [reuters] * 5
        assert set(asked["qa_origin"]) == {"domestic", "foreign"}  # no "unnamed" group
        answers = seg[(seg["kind"] == "answer") & (seg["qa_no"] == 13)]
        assert set(answers["qa_outlet"]) == {australian}  # the answer to a follow-up, too
        assert set(origin_table(seg)["origin"]) == {"domestic", "foreign"}


def test_follow_ups_after_anonymous_questions_stay_unnamed(page):
    # 2019-03-28: 问： then 追问： (questions 3 and 4), no outlet named anywhere on the page
    from analysis import add_outlet_info

    for name in ("zh_t1649303.html", "en_t1649338.html"):
        seg = add_outlet_info(page(name))
        asked = seg[seg["kind"] == "question"].drop_duplicates("qa_no")
        assert list(asked.loc[asked["follow_up"], "qa_no"]) == [3, 4]
        assert set(asked["qa_origin"]) == {"unnamed"} and set(asked["qa_outlet"]) == {""}


def test_no_follow_up_is_unnamed_after_a_named_question(pages_dir):
    """Across the 2020 pages (the first to name outlets; page numbers from t1729222, 2020-01-02),
    a follow-up is "unnamed" only where the question before it is."""
    from analysis import add_outlet_info

    pages = [p for p in sorted(pages_dir.glob("*_t*.html")) if int(p.stem.split("_t")[1]) >= 1729222]
    seg = add_outlet_info(read_corpus(pages, errors="skip", progress=False))
    asked = seg[seg["kind"] == "question"].drop_duplicates(["doc_id", "qa_no"])
    before = asked.groupby("doc_id")["qa_outlet"].shift().fillna("")
    follow = asked["follow_up"].to_numpy()
    assert ((asked["qa_outlet"] == "") & (before != "") & follow).sum() == 0
    inherited = asked[follow & (asked["outlet"] == "") & (asked["qa_outlet"] != "")]
    assert len(inherited) == 43  # 21 Chinese, 22 English; before, all 43 were "unnamed"
