"""Text transcripts: who asked a follow-up, read from real exchanges of the shared corpus."""
from __future__ import annotations

from analysis import add_outlet_info, parse_transcript, read_transcript
from analysis.overview import origin_table, outlet_question_table

# mfa_2020-05-25 (赵立坚), the first exchange, abridged to its first sentences
ZH = (
    "　　美国有线电视新闻网记者：美国运输部发表声明，要求中国的航空公司须对计划运营的赴美航班提前向美方报备。\n"
    "　　赵立坚：3月26日中方发布的《关于疫情防控期间继续调减国际客运航班量的通知》是在新冠肺炎疫情特殊时期"
    "为了疫情防控需要，经中国国务院联防联控机制批准，由中国民航局发布的。\n"
    "　　追问：上周，你提到中方一些临时航班因未得到美方批准而被迫推迟。中方对此有何回应？\n"
    "　　赵立坚：近期，中国有关航空公司拟安排部分临时航班自美接回一些确有困难、急需回国的留学人员。\n"
    "　　至于你提到的具体问题，请向主管部门询问。\n"
)
EN = (
    "CNN: The US Department of Transportation ordered Chinese air carriers to file flight schedules with the "
    "US government.\n"
    "Zhao Lijian: The Notice on Further Reducing International Passenger Flights during the Epidemic "
    "Prevention and Control Period released on March 26 was approved by the Joint Prevention and Control "
    "Mechanism of the State Council.\n"
    "Follow-up: Last week you mentioned some Chinese temporary flights forced to be delayed after failing to "
    "get approval from the US side. What's your response?\n"
    "Zhao Lijian: Recently Chinese airlines have been arranging temporary flights to bring back overseas "
    "Chinese students who are in difficulties and in urgent need of coming home.\n"
    "As to the specific issue, I will refer you to the competent authorities.\n"
)


def test_a_follow_up_is_asked_by_the_outlet_of_the_question_it_follows():
    for text, outlet in ((ZH, "美国有线电视新闻网"), (EN, "CNN")):
        seg = add_outlet_info(parse_transcript(text, doc_id="t"))
        follow = seg[(seg["kind"] == "question") & seg["follow_up"]]
        assert follow["qa_no"].tolist() == [2]
        assert follow["outlet"].tolist() == [""]  # as printed: 追问 / Follow-up names none
        q2 = seg[seg["qa_no"] == 2]  # the follow-up and the two paragraphs answering it
        assert len(q2) == 3
        assert set(q2["qa_outlet"]) == {outlet} and set(q2["qa_origin"]) == {"foreign"}
        assert set(q2["qa_country"]) == {"US"}
        # one origin group, not a third "unnamed" one; CNN asked both questions
        assert origin_table(seg)[["origin", "questions"]].values.tolist() == [["foreign", 2]]
        assert outlet_question_table(seg)[["outlet", "questions"]].values.tolist() == [[outlet, 2]]


def test_a_follow_up_after_an_anonymous_question_stays_unnamed():
    # mfa_2019-03-04 (陆慷): 问： then 追问：, nobody named
    seg = add_outlet_info(parse_transcript(
        "　　问：华为公司孟晚舟女士的律师已经对加拿大政府、警方等部门提起诉讼。你对此有何评论？\n"
        "　　答：关于孟晚舟女士和华为公司所采取的法律行动，建议你直接向华为公司去了解。\n"
        "　　追问：那你能否证实这两名加拿大公民有无被允许见律师？\n"
        "　　答：我刚才已经说过，中方依法向加拿大方面进行了必要的领事通报。\n",
        doc_id="t",
    ))
    asked = seg[seg["kind"] == "question"]
    assert asked["follow_up"].tolist() == [False, True]
    assert set(asked["qa_origin"]) == {"unnamed"} and set(asked["qa_outlet"]) == {""}


def test_the_corpus_twins_have_the_same_origins(corpus_dir):
    # mfa_2020-05-25 and its English version: nine question turns each, the follow-up CNN's
    for name in ("mfa_2020-05-25.txt", "mfa_2020-05-25_en.txt"):
        seg = add_outlet_info(read_transcript(corpus_dir / name))
        asked = seg[seg["kind"] == "question"].drop_duplicates("qa_no")
        assert len(asked) == 9 and asked["follow_up"].sum() == 1
        assert "unnamed" not in set(asked["qa_origin"]), name
        origins = origin_table(seg).set_index("origin")["questions"].to_dict()
        assert origins == {"domestic": 4, "foreign": 5}, name
