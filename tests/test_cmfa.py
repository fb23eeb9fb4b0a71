"""The CMFA PressCon dataset in its codebook's layout, read as a corpus: files the tests
write (the dataset is not ours to ship), as xlsx and csv."""
from __future__ import annotations

import pandas as pd
import pytest

from analysis import documents_table
from analysis.cmfa import read_cmfa
from analysis.errors import TranscriptError

CODEBOOK = ["id_orig", "id_split", "id", "link", "spokesperson", "day", "month", "year", "date", "question",
            "answer", "question_lem", "answer_lem", "who_asked", "q_loc", "q_per", "q_org", "q_misc", "a_loc",
            "a_per", "a_org", "a_misc", "q_sentiment", "a_sentiment"]


def dyad(n, date, spokesperson, question, answer, who="", split="", link="", q_sentiment="", a_sentiment="",
         **more):
    row = dict.fromkeys(CODEBOOK, "")
    y, m, d = date.split("-") if date.count("-") == 2 else ("", "", "")
    row |= dict(id=str(n), id_orig=str(n), id_split=split, link=link, spokesperson=spokesperson, date=date,
                year=y, month=m, day=d, question=question, answer=answer, who_asked=who,
                q_sentiment=q_sentiment, a_sentiment=a_sentiment)
    return row | more


ROWS = [
    dyad(1, "2020-05-24", "Hua Chunying", "The US has imposed sanctions on Chinese officials. What is your comment?",
         "China firmly opposes the sanctions.\nWe urge the US to stop its wrong moves.", who="Reuters",
         link="https://www.fmprc.gov.cn/eng/xwfw_665399/s2510_665401/t1.shtml", q_sentiment="-0.2",
         a_sentiment="-0.5", a_loc="China|US"),
    dyad(2, "2020-05-24", "Hua Chunying", "How do you view China-Pakistan relations?",
         "China and Pakistan are all-weather strategic cooperative partners.", who="APP", split="2_1"),
    dyad(3, "2020-05-24", "Hua Chunying", "And the second topic of that question?",
         "I have nothing more to add.", who="APP", split="2_2"),
    dyad(4, "", "Zhao Lijian", "Any update on the visit?", "I have no information to offer.", year="2020",
         month="May", day="25"),
    dyad(5, "sometime", "Zhao Lijian", "Lost?", "Yes."),
    dyad(6, "2020-05-26", "Zhao Lijian", "", ""),
]


@pytest.fixture(params=["xlsx", "csv"])
def cmfa_file(request, tmp_path):
    path = tmp_path / f"CMFA_PressCon_test.{request.param}"
    frame = pd.DataFrame(ROWS, columns=CODEBOOK)
    frame.to_excel(path, index=False) if request.param == "xlsx" else frame.to_csv(path, index=False)
    return path


def test_a_question_row_and_an_answer_row_per_dyad_one_document_per_date(cmfa_file):
    seg = read_cmfa(cmfa_file)
    assert sorted(seg["doc_id"].unique()) == ["cmfa_2020-05-24", "cmfa_2020-05-25"]
    day = seg[seg["doc_id"] == "cmfa_2020-05-24"]
    assert day["qa_no"].tolist() == [1, 1, 1, 2, 2, 3, 3]  # the first answer's line break: two paragraphs
    assert day["kind"].tolist() == ["question", "answer", "answer", "question", "answer", "question", "answer"]
    assert day["para_no"].tolist() == list(range(7))
    assert set(day.loc[day["kind"] == "answer", "speaker"]) == {"Hua Chunying"}
    assert set(day.loc[day["kind"] == "question", "speaker"]) == {"Journalist"}
    assert day.loc[day["kind"] == "question", "outlet"].tolist() == ["Reuters", "APP", "APP"]
    assert day["text"].iloc[2] == "We urge the US to stop its wrong moves."
    # the dataset's own columns: the split of a multi-topic question, entities, sentiment
    assert day.loc[day["qa_no"] == 2, "cmfa_id_split"].unique().tolist() == ["2_1"]
    assert day.loc[day["qa_no"] == 3, "cmfa_id_split"].unique().tolist() == ["2_2"]
    assert day["cmfa_loc"].tolist()[:3] == ["", "China|US", "China|US"]
    assert day["cmfa_sentiment"].tolist()[:3] == [-0.2, -0.5, -0.5]
    assert day["cmfa_sentiment"].iloc[3:].isna().all()
    # the date from year, month (a name) and day where the date column is empty
    other = seg[seg["doc_id"] == "cmfa_2020-05-25"]
    assert other["speaker"].tolist() == ["Journalist", "Zhao Lijian"] and other["outlet"].tolist() == ["", ""]
    # the rows skipped, with the file's row number (the header is row 1) and why
    reasons = dict(seg.attrs["skipped"])
    assert reasons == {f"{cmfa_file}:row 6": "has no readable date",
                       f"{cmfa_file}:row 7": "has neither a question nor an answer"}


def test_the_documents_table_of_a_cmfa_file(cmfa_file):
    docs = documents_table(read_cmfa(cmfa_file)).set_index("doc_id")
    first = docs.loc["cmfa_2020-05-24"]
    assert first["lang"] == "en" and first["genre"] == "briefing"
    assert first["spokesperson"] == "Hua Chunying" and first["spokesperson_zh"] == "华春莹"
    assert first["url"].endswith("t1.shtml") and first["source"] == str(cmfa_file)
    assert first["n_questions"] == 3 and first["n_outlets"] == 2 and first["n_answer_paragraphs"] == 4
    assert str(first["date"].date()) == "2020-05-24"


def test_a_file_not_in_the_layout_is_an_error_naming_it(tmp_path):
    path = tmp_path / "other.csv"
    pd.DataFrame({"id": ["1"], "question": ["?"], "text": ["x"]}).to_csv(path, index=False)
    with pytest.raises(TranscriptError) as err:
        read_cmfa(path)
    assert str(path) in str(err.value)
    assert "spokesperson" in str(err.value) and "answer" in str(err.value) and "date" in str(err.value)
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"PK\x03\x04 not really a workbook")
    with pytest.raises(TranscriptError) as err:
        read_cmfa(broken)
    assert str(broken) in str(err.value) and "Excel" in str(err.value)
    with pytest.raises(TranscriptError, match="no such file"):
        read_cmfa(tmp_path / "absent.xlsx")


def test_a_cmfa_file_builds_as_a_corpus_and_is_kept_while_unchanged(cmfa_file, tmp_path):
    from analysis.pipeline import build, load, skipped_table

    interim = tmp_path / "interim"
    first = build([cmfa_file], corpus_id="cmfa", interim=interim, jobs=1)
    assert sorted(first.loc[first["status"] == "ok", "doc_id"]) == ["cmfa_2020-05-24", "cmfa_2020-05-25"]
    assert len(skipped_table("cmfa", interim=interim)) == 2
    again = build([cmfa_file], corpus_id="cmfa", interim=interim, jobs=1)
    pd.testing.assert_frame_equal(first, again)  # nothing read again: the same parts
    tables = load("cmfa", interim=interim)
    assert "cmfa_id_split" in tables.segments.columns
    tok = tables.tokens[tables.tokens["doc_id"] == "cmfa_2020-05-24"]
    assert "sanction" in set(tok["lemma"])  # English tokens, lemmatised
    assert set(tables.mentions["country"]) >= {"US", "CN", "PK"}


def test_the_corpus_report_selection_reads_a_cmfa_file(cmfa_file):
    import shutil
    import uuid

    from analysis.params import ParameterError, check_corpus_params
    from analysis.pipeline import corpus_dir

    cid = f"test_cmfa_{uuid.uuid4().hex[:8]}"  # the selection keeps its tables in data/interim: removed after
    try:
        tables = check_corpus_params(corpus=str(cmfa_file), corpus_id=cid, doc_lang="en").load()
        assert sorted(tables.documents["doc_id"]) == ["cmfa_2020-05-24", "cmfa_2020-05-25"]
        # the default selection (Chinese documents) finds none, and says which language to ask for
        with pytest.raises(ParameterError, match="in en only.*DOC_LANG=en"):
            check_corpus_params(corpus=str(cmfa_file), corpus_id=cid).load()
    finally:
        shutil.rmtree(corpus_dir(cid), ignore_errors=True)
