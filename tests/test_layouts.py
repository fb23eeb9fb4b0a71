"""Layouts that the corpus shows only in part, on small texts written for the test."""
from __future__ import annotations

import pytest

from analysis import TranscriptError, parse_transcript


def parse(text: str, **kw):
    return parse_transcript(text, doc_id="t", **kw)


def test_latin_words_keep_one_space_when_wrapped():
    text = (
        "王毅：我们支持世界卫生组织（World Health\n"
        "Organization）发挥作用，这个数字是12\n"
        "0多亿只，COVID-\n"
        "19疫情仍在蔓延，中方将继续合作\n"
        "推进各领域交流。\n"
    )
    body = "《人民日报》记者：请介绍情况？\n\n" + text
    df = parse(body)
    answer = df[df["kind"] == "answer"].iloc[0]["text"]
    assert "(World Health Organization）" in answer.replace("（", "(")
    assert "120多亿只" in answer
    assert "COVID-19疫情" in answer
    assert "中方将继续合作推进" in answer


def test_unlabelled_paragraphs_continue_the_turn():
    text = "问：第一个问题？\n答：第一段。\n第二段。\n问：第二个问题？\n还有一点？\n答：回答。\n"
    df = parse(text)
    assert list(df["kind"]) == ["question", "answer", "answer", "question", "question", "answer"]
    assert list(df["qa_no"]) == [1, 1, 1, 2, 2, 2]
    assert list(df["speaker"]) == ["记者", "答", "答", "记者", "记者", "答"]


def test_journalist_aside_inside_an_answer_stays_in_the_answer():
    text = (
        "法新社记者：中方是否会回应？\n"
        "赵立坚：我们已经说过了。（记者：那具体时间呢？）具体时间请向主管部门询问。\n"
        "中方的立场是一贯的。\n"
    )
    df = parse(text)
    assert list(df["kind"]) == ["question", "answer", "answer"]
    assert "（记者：那具体时间呢？）" in df.iloc[1]["text"]


def test_journalist_aside_standing_alone_is_the_journalists_turn():
    # 2019-03-06 and 2020-01-08 print the journalist's reply as a bracketed paragraph
    # where the English versions have "Journalist:" / "Follow-up:" (see the twins test)
    text = (
        "问：中国是否计划停飞波音飞机？\n"
        "答：为什么？有什么新的消息吗？\n"
        "（记者：我只是问一下）\n"
        "我手里掌握的材料是：有关报道在网上可以查阅。\n"
    )
    df = parse(text)
    assert list(df["kind"]) == ["question", "answer", "question", "answer"]
    assert list(df["qa_no"]) == [1, 1, 2, 2]
    assert df.iloc[2]["text"] == "我只是问一下"  # the label and brackets cut off
    assert df.iloc[2]["follow_up"]


def test_follow_up_and_after_briefing_labels():
    text = (
        "路透社记者：问题一？\n林剑：回答一。\n追问：那么呢？\n林剑：回答二。\n"
        "**********\n会后有记者问及：问题三？\n林剑：回答三。\n"
    )
    df = parse(text)
    q = df[df["kind"] == "question"]
    assert list(q["outlet"]) == ["路透社", "", ""]
    assert list(q["follow_up"]) == [False, True, False]
    assert list(q["qa_no"]) == [1, 2, 3]
    assert len(df) == 6  # the separator is no paragraph


def test_english_labels_and_follow_up():
    text = (
        "Bloomberg: First question?\nMao Ning: First answer.\nMore on it.\n"
        "Follow-up: And then?\nMao Ning: Second answer.\n"
        "The following question was raised after the press conference: Third?\nMao Ning: Third answer.\n"
    )
    df = parse(text)
    assert list(df["kind"]) == ["question", "answer", "answer", "question", "answer", "question", "answer"]
    assert list(df.loc[df["kind"] == "question", "outlet"]) == ["Bloomberg", "", ""]
    assert set(df.loc[df["kind"] == "answer", "speaker"]) == {"Mao Ning"}
    assert df.iloc[0]["speaker"] == "Journalist"


def test_unknown_principal_is_found_from_who_answers():
    # 张三 is not in data/speakers.csv: he is the principal because he answers questions.
    text = "新华社记者：问题？\n张三：回答。\n路透社记者：问题二？\n张三：回答二。\n"
    df = parse(text)
    assert list(df["kind"]) == ["question", "answer", "question", "answer"]
    assert set(df.loc[df["kind"] == "answer", "speaker"]) == {"张三"}


def test_principal_override_for_an_undetectable_label():
    # One English outlet and one answerer: nothing tells them apart but the user.
    text = "CNN: Your comment?\nSpokesperson Wang: No comment.\n"
    with pytest.raises(TranscriptError):
        parse(text)
    df = parse(text, principal="Spokesperson Wang")
    assert list(df["kind"]) == ["question", "answer"]
    assert df.iloc[0]["outlet"] == "CNN"


def test_title_above_a_wrapped_dateline_is_not_joined_to_it():
    text = (
        "王毅就中国外交政策和对外关系答中外记者问\n\n"
        "据新华社北京5月24日电 王毅在人民\n大会堂回答记者提问。\n\n"
        "新华社记者：请问\n您怎么看？\n\n"
        "王毅：这是一个\n很好的问题，我们\n会继续努力。\n"
    )
    df = parse(text)
    assert list(df["kind"]) == ["title", "narration", "question", "answer"]
    assert df.iloc[1]["text"] == "据新华社北京5月24日电 王毅在人民大会堂回答记者提问。"


def test_wrapped_paragraphs_marked_by_indent_without_blank_lines():
    text = (
        "　　新华社记者：中方如何看待\n当前形势？\n"
        "　　王毅：我们认为形势\n总体稳定，但挑战\n依然存在。\n"
        "　　各方应加强合作，共同\n应对挑战。\n"
    )
    df = parse(text)
    assert list(df["kind"]) == ["question", "answer", "answer"]
    assert df.iloc[2]["text"] == "各方应加强合作，共同应对挑战。"


def test_numbered_colon_phrases_are_not_speakers():
    text = "问：有何评论？\n答：我们注意到。\n第一：中方反对。\n总之：中方立场不变。\n"
    df = parse(text)
    assert list(df["kind"]) == ["question", "answer", "answer", "answer"]
    assert df.iloc[2]["text"] == "第一：中方反对。"


def test_a_page_title_above_the_first_question_is_not_a_headline():
    text = (
        "2020年5月25日外交部发言人赵立坚主持例行记者会\n"
        "美国有线电视新闻网记者：中方有何回应？\n赵立坚：我们注意到有关报道。\n"
        "法新社记者：第二个问题？\n赵立坚：回答。\n"
    )
    df = parse(text)
    assert list(df["kind"]) == ["title", "question", "answer", "question", "answer"]
    assert df["section_no"].isna().all()


def test_english_q_and_a_labels():
    text = "Q: Any comment?\nA: We have noted the reports.\nQ: And the other one?\nA: No.\n"
    df = parse(text)
    assert list(df["kind"]) == ["question", "answer", "question", "answer"]
    assert list(df["qa_no"]) == [1, 1, 2, 2]
    assert df.iloc[1]["speaker"] == "A" and df.iloc[0]["speaker"] == "Journalist"
