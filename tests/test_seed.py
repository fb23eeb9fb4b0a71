"""The newspaper layout of the seed: wrapped lines, page breaks, headlines.

Expected strings are typed from the file (line numbers from `cat -n`).
"""
from __future__ import annotations

HEADLINES = [
    "这场疫情的最重要启示",
    "中美两国当前最需要做的三件事",
    "全球化需要更加包容和普惠的发展",
    "中俄共同抗疫的经历，将转化为疫情后中俄关系提速升级的动力",  # lines 174-175
    "中国不是救世主，但我们愿做及时雨",
    "对香港未来应该更加充满信心",
    "病毒溯源应坚持专业性、公正性和建设性",
    "针对中国的“滥诉”必将自取其辱",
    "今年中国外交聚焦五大任务",
    "中国始终奉行独立自主的和平外交政策",
    "世卫组织改革可从三个方面入手",
    "两岸实现统一，任何人任何势力都不可能阻挡",  # lines 526-527
]


def test_sections_follow_headlines(seed):
    heads = seed[seed["kind"] == "headline"]
    assert list(heads["text"]) == HEADLINES
    assert list(heads["section_no"]) == list(range(1, 13))
    # each headline stands right before its question, and heads that Q&A
    for _, h in heads.iterrows():
        q = seed.loc[h["para_no"] + 1]
        assert q["kind"] == "question" and q["qa_no"] == h["qa_no"] == h["section_no"]
    qa = seed[seed["kind"].isin(["question", "answer"])]
    assert (qa["section_no"] == qa["qa_no"]).all()
    assert (qa["section_title"] == qa["section_no"].map(dict(enumerate(HEADLINES, 1)))).all()


def test_editorial_text_around_the_qa(seed):
    first, second, last = seed.iloc[0], seed.iloc[1], seed.iloc[-1]
    assert first["kind"] == "narration" and first["text"].startswith("据新华社北京5月24日电 十三届全国人大")
    assert first["text"].endswith("回答中外记者提问。")
    assert second["kind"] == "statement" and second["text"].startswith("各位记者朋友，大家好！")
    assert last["kind"] == "title" and last["text"] == "世界回不到过去，中国也不会停下前进的脚步"
    for row in (first, second, last):
        assert row["section_title"] == "" and row["section_no"] is not None
    assert seed.loc[[0, 1, 89], "section_no"].isna().all()
    assert seed.loc[[0, 1, 89], "qa_no"].isna().all()


def test_page_breaks_are_joined(seed):
    # the four blank lines in mid-sentence: 120/122, 316/318, 423/425, 442/444
    joins = ["因为历史在向前迈进。", "然而，美国内一些政治人物", "推进“一带一路”卫生合作", "促进共同发展的宗旨"]
    for piece in joins:
        hits = seed[seed["text"].str.contains(piece, regex=False)]
        assert len(hits) == 1 and hits.iloc[0]["kind"] == "answer", piece
    for start in ("前迈进", "内一些政治人物", "“一带一路”卫生合作", "共同发展的宗旨"):
        assert not seed["text"].str.startswith(start).any()


def test_wrapped_lines_join_without_spaces(seed):
    body = seed[seed["kind"] != "narration"]
    assert not body["text"].str.contains(" ").any()
    # numbers split over two lines stay whole (lines 61, 98-99, 234-235)
    text = "".join(seed["text"])
    for number in ("120多亿只", "14亿中国人民", "568亿只和2.5亿件", "二十国集团"):
        assert number in text


def test_paragraph_ending_in_colon_is_complete(seed):
    # lines 325-327 end with a colon before a list of three paragraphs
    colon = seed[seed["text"].str.endswith("这一进程应坚持专业性、公正性和建设性：")]
    assert len(colon) == 1
    nxt = seed.loc[colon.index[0] + 1]
    assert nxt["text"].startswith("专业性是指溯源应以科学为依据")
    assert nxt["kind"] == "answer" and nxt["qa_no"] == 7


def test_colon_inside_an_answer_is_not_a_label(seed):
    # line 74: "我要在此呼吁：" opens an unlabelled answer paragraph
    row = seed[seed["text"].str.startswith("我要在此呼吁：")]
    assert len(row) == 1 and row.iloc[0]["kind"] == "answer" and row.iloc[0]["speaker"] == "王毅"
