"""Every transcript of the shared corpus parses as a careful reader counts it.

The expected numbers below were counted by hand from the files (line numbers
refer to `cat -n` of each file), not copied from the parser's output. The
Ministry transcripts are read from ../shared/corpus (not shipped); the answers of
the two anonymous briefings (问/答) are credited to the spokesperson that
data/corpus_metadata.csv names for them (from the corpus README).
"""
from __future__ import annotations

import pytest

from analysis import read_corpus, read_transcript
from analysis.config import RAW_DIR, SHARED_CORPUS_DIR

# file -> (paragraphs by kind, answer paragraphs per question in order, outlets in order,
#          principal/answerer, follow-up question numbers)
EXPECTED = {
    "wangyi_2020-05-24_npc": (
        {"narration": 1, "statement": 1, "headline": 12, "question": 12, "answer": 63, "title": 1},
        [3, 8, 6, 4, 6, 4, 6, 3, 8, 5, 6, 4],
        ["人民日报", "中国国际电视台", "新华社", "今日俄罗斯国际通讯社", "中国日报", "路透社",
         "凤凰卫视", "环球时报", "中央广播电视总台央视", "美国有线电视新闻网", "中国国际广播电台", "澎湃新闻"],
        "王毅",
        [],
    ),
    "mfa_2020-05-25": (
        {"question": 9, "answer": 20},
        [1, 2, 1, 3, 3, 1, 2, 5, 2],
        ["美国有线电视新闻网", "", "澎湃新闻", "法新社", "中国日报", "中新社", "深圳卫视",
         "日本广播协会", "今日俄罗斯"],
        "赵立坚",
        [2],
    ),
    "mfa_2020-05-25_en": (
        {"question": 9, "answer": 20},
        [1, 2, 1, 3, 3, 1, 2, 5, 2],
        ["CNN", "", "The Paper", "AFP", "China Daily", "China News Service", "Shenzhen TV",
         "NHK", "RIA Novosti"],
        "Zhao Lijian",
        [2],
    ),
    "mfa_2019-03-04": (
        {"question": 7, "answer": 12},
        [1, 2, 3, 2, 2, 1, 1],
        [""] * 7,
        "陆慷",
        [5, 6],
    ),
    "mfa_2018-09-17": (
        {"statement": 4, "question": 6, "answer": 11},
        [3, 1, 1, 1, 1, 4],
        [""] * 6,
        "耿爽",
        [],
    ),
    "mfa_2026-08-17": (
        {"statement": 1, "question": 8, "answer": 11},
        [2, 1, 1, 2, 1, 1, 2, 1],
        ["总台央视", "彭博社", "澎湃新闻", "人民日报", "路透社", "印尼安塔拉通讯社", "新华社", ""],
        "林剑",
        [],
    ),
    "mfa_2026-08-17_en": (
        {"statement": 1, "question": 8, "answer": 11},
        [2, 1, 1, 2, 1, 1, 2, 1],
        ["CCTV", "Bloomberg", "The Paper", "People’s Daily", "Reuters", "Antara",
         "Xinhua News Agency", ""],
        "Lin Jian",
        [],
    ),
    "mfa_2026-08-05_written": (
        {"question": 2, "answer": 3},
        [2, 1],
        ["读卖新闻", "路透社"],
        "林剑",
        [],
    ),
}


@pytest.fixture(scope="module")
def corpus(corpus_dir):
    return read_corpus(corpus_dir)


def test_every_corpus_file_is_covered(corpus_dir):
    assert sorted(p.stem for p in corpus_dir.glob("*.txt")) == sorted(EXPECTED)


def test_only_the_seed_is_kept_in_the_repository():
    assert sorted(p.name for p in RAW_DIR.iterdir() if not p.name.startswith(".")) == ["wangyi_2020-05-24_npc.txt"]


@pytest.mark.parametrize("doc_id", sorted(EXPECTED))
def test_counts_by_kind(corpus, doc_id):
    kinds, *_ = EXPECTED[doc_id]
    doc = corpus[corpus["doc_id"] == doc_id]
    assert doc["kind"].value_counts().to_dict() == kinds
    assert list(doc["para_no"]) == list(range(len(doc)))


@pytest.mark.parametrize("doc_id", sorted(EXPECTED))
def test_answers_belong_to_their_question(corpus, doc_id):
    _, per_question, *_ = EXPECTED[doc_id]
    doc = corpus[corpus["doc_id"] == doc_id]
    answers = doc[doc["kind"] == "answer"].groupby("qa_no").size()
    assert list(answers.index) == list(range(1, len(per_question) + 1))
    assert list(answers) == per_question
    # every question is one paragraph here, numbered in reading order
    questions = doc[doc["kind"] == "question"]
    assert list(questions["qa_no"]) == list(range(1, len(per_question) + 1))


@pytest.mark.parametrize("doc_id", sorted(EXPECTED))
def test_outlets_speakers_follow_ups(corpus, doc_id):
    _, _, outlets, principal, follow_ups = EXPECTED[doc_id]
    doc = corpus[corpus["doc_id"] == doc_id]
    questions = doc[doc["kind"] == "question"]
    assert list(questions["outlet"]) == outlets
    assert list(questions.loc[questions["follow_up"], "qa_no"]) == follow_ups
    assert set(doc.loc[doc["kind"].isin(["answer", "statement"]), "speaker"]) == {principal}
    assert set(doc.loc[doc["kind"].isin(["narration", "title", "headline"]), "speaker"]) <= {""}
    # outlets are named on questions only
    assert set(doc.loc[doc["kind"] != "question", "outlet"]) <= {""}


def test_english_twins_have_as_many_questions_as_chinese(corpus):
    for zh, en in [("mfa_2020-05-25", "mfa_2020-05-25_en"), ("mfa_2026-08-17", "mfa_2026-08-17_en")]:
        a, b = corpus[corpus["doc_id"] == zh], corpus[corpus["doc_id"] == en]
        assert a["qa_no"].max() == b["qa_no"].max()
        assert list(a["kind"]) == list(b["kind"])


def test_labels_are_cut_from_text(corpus):
    starts = corpus["text"].str.match(r"^(问|答|追问|王毅|赵立坚|林剑|.{0,14}记者)[：:]")
    assert not starts.any(), corpus.loc[starts, "text"].str[:20].tolist()
    assert not corpus["text"].str.match(r"^(Zhao Lijian|Lin Jian|Follow-up|CNN|CCTV):").any()
    assert (corpus["n_chars"] == corpus["text"].str.len()).all()


def test_separator_line_is_not_a_paragraph(corpus):
    assert not corpus["text"].str.fullmatch(r"\*+").any()
    doc = corpus[corpus["doc_id"] == "mfa_2026-08-17"]
    last_q = doc[doc["kind"] == "question"].iloc[-1]
    assert last_q["text"].startswith("一些巴基斯坦媒体报道称")  # after 会后有记者问及：
    en = corpus[corpus["doc_id"] == "mfa_2026-08-17_en"]
    assert en[en["kind"] == "question"].iloc[-1]["text"].startswith("Some media in Pakistan")


def test_announcements_before_first_question_are_statements(corpus):
    doc = corpus[corpus["doc_id"] == "mfa_2018-09-17"]
    statements = doc[doc["kind"] == "statement"]
    assert list(statements["para_no"]) == [0, 1, 2, 3]
    assert statements.iloc[0]["text"].startswith("一、第73届联合国大会")
    assert statements.iloc[2]["text"].startswith("二、外交部和山东省人民政府")
    assert statements["qa_no"].isna().all()


def test_document_table(corpus):
    from analysis import documents_table

    docs = documents_table(corpus).set_index("doc_id")
    assert docs.loc["wangyi_2020-05-24_npc", "date"].strftime("%Y-%m-%d") == "2020-05-24"
    assert docs.loc["mfa_2020-05-25_en", "lang"] == "en"
    assert docs.loc["mfa_2020-05-25", "lang"] == "zh"
    # one person in both languages
    assert docs.loc["mfa_2020-05-25", "spokesperson"] == docs.loc["mfa_2020-05-25_en", "spokesperson"] == "Zhao Lijian"
    assert docs.loc["mfa_2020-05-25", "spokesperson_zh"] == "赵立坚"
    # the anonymous briefing's spokesperson comes from the metadata file, not from 答
    assert docs.loc["mfa_2019-03-04", "spokesperson"] == "Lu Kang"
    assert docs.loc["mfa_2019-03-04", "n_follow_ups"] == 2
    assert docs.loc["wangyi_2020-05-24_npc", "n_questions"] == 12
    assert docs.loc["wangyi_2020-05-24_npc", "n_headlines"] == 12
    assert docs.loc["wangyi_2020-05-24_npc", "genre"] == "npc"
    assert docs.loc["mfa_2026-08-05_written", "genre"] == "written"
    assert docs.loc["mfa_2026-08-17", "genre"] == "briefing"
    # twins: the other-language version, where both are in the corpus
    assert docs.loc["mfa_2020-05-25", "twin"] == "mfa_2020-05-25_en"
    assert docs.loc["mfa_2026-08-17_en", "twin"] == "mfa_2026-08-17"
    assert docs.loc["mfa_2019-03-04", "twin"] == ""


def test_without_metadata_anonymous_answers_keep_their_label(corpus_dir, tmp_path):
    copy = tmp_path / "lukang.txt"  # a name no metadata file describes
    copy.write_bytes((corpus_dir / "mfa_2019-03-04.txt").read_bytes())
    df = read_transcript(copy)
    assert set(df.loc[df["kind"] == "answer", "speaker"]) == {"答"}


def test_read_transcript_doc_id_and_principal_override(corpus_dir):
    df = read_transcript(corpus_dir / "mfa_2019-03-04.txt", doc_id="lukang", principal="答")
    assert set(df["doc_id"]) == {"lukang"}
    assert (df["kind"] == "answer").sum() == 12
