"""Word statistics on small tables whose answers were worked out by hand."""
from __future__ import annotations

import math

import pandas as pd
import pytest

from analysis import parse_transcript
from analysis import words
from analysis.tokens import tokenize


def _tokens(rows):
    """A token table from (para_no, kind, [tokens]) rows, all content words."""
    recs = []
    for para_no, kind, toks in rows:
        for i, t in enumerate(toks):
            recs.append(("d", para_no, i, t, kind))
    tok = pd.DataFrame(recs, columns=["doc_id", "para_no", "position", "token", "kind"])
    for col in ("stop", "punct", "numeric"):
        tok[col] = False
    return tok


def test_frequency_by_group():
    tok = _tokens([(0, "question", ["合作", "美国", "合作"]), (1, "answer", ["合作", "发展", "发展", "发展"])])
    f = words.frequency_table(tok, by="kind").set_index(["kind", "term"])
    assert f.loc[("question", "合作"), "count"] == 2
    assert f.loc[("answer", "发展"), "count"] == 3
    assert f.loc[("answer", "发展"), "per_10k"] == 7500.0  # 3 of 4
    assert f.loc[("answer", "合作"), "rank"] == 2


def _g2(a, b, c, d):
    """Log-likelihood G² of the 2x2 table [[a, b], [c, d]], written out (Dunning 1993)."""
    n = a + b + c + d
    cells = [(a, (a + b) * (a + c) / n), (b, (a + b) * (b + d) / n),
             (c, (c + d) * (a + c) / n), (d, (c + d) * (b + d) / n)]
    return 2 * sum(o * math.log(o / e) for o, e in cells if o > 0)


def test_keyness_matches_the_formula_and_signs():
    target = ["香港"] * 6 + ["合作"] * 1 + ["其他"] * 13          # 20 tokens
    reference = ["香港"] * 1 + ["合作"] * 9 + ["其他"] * 30       # 40 tokens
    tok = _tokens([(0, "foreign", target), (1, "domestic", reference)])
    k = words.keyness_table(tok, by="kind", target="foreign", min_count=1).set_index("term")
    assert k.loc["香港", "g2"] == pytest.approx(_g2(6, 14, 1, 39))
    assert k.loc["香港", "g2"] > 0 and k.loc["合作", "g2"] < 0
    assert k.loc["合作", "g2"] == pytest.approx(-_g2(1, 19, 9, 31))
    assert k.loc["香港", "log_ratio"] == pytest.approx(math.log2((6 / 20) / (1 / 40)))
    assert k.index[0] == "香港" and k.index[-1] == "合作"
    # by hand for 香港: expected counts 2.333, 17.667, 4.667, 35.333; G2 = 2*(6 ln(6/2.333)
    #   + 14 ln(14/17.667) + 1 ln(1/4.667) + 39 ln(39/35.333)) = 2*(5.6668 - 3.2567 - 1.5405 + 3.8506)
    assert k.loc["香港", "g2"] == pytest.approx(9.4404, abs=1e-3)


def test_keyness_needs_both_groups():
    tok = _tokens([(0, "foreign", ["香港"] * 5)])
    with pytest.raises(ValueError, match="reference group"):
        words.keyness_table(tok, by="kind", target="foreign")


def test_kwic_finds_strings_inside_words():
    seg = parse_transcript("问：中美关系如何？\n答：中美两国应当合作。中美关系很重要。\n", doc_id="t")
    k = words.kwic(seg, "中美", window=3)
    assert len(k) == 3
    row = k.iloc[2]
    assert (row["left"], row["match"], row["right"]) == ("合作。", "中美", "关系很")
    assert list(k["kind"]) == ["question", "answer", "answer"]
    with pytest.raises(ValueError):
        words.kwic(seg, "")


def test_collocations_stay_within_paragraphs():
    tok = _tokens([
        (0, "answer", ["国际", "社会", "支持", "国际", "社会"]),
        (1, "answer", ["国际", "社会", "合作"]),
        (2, "answer", ["合作", "国际"]),
    ])
    c = words.collocation_table(tok, min_count=2)
    assert (c.iloc[0]["word1"], c.iloc[0]["word2"], c.iloc[0]["count"]) == ("国际", "社会", 3)
    # 社会|国际 never occur side by side inside a paragraph; 合作 (end of 1) + 合作 (start of 2) never pair
    assert not ((c["word1"] == "合作") & (c["word2"] == "合作")).any()


def test_origin_keyness_on_the_seed(seed):
    tok = tokenize(seed)
    k = words.origin_keyness_table(tok, seed)
    # 香港 is written 12 times, all in the answer to Reuters (Q6, foreign); twice inside the
    # dictionary word 香港特别行政区, so the token 香港 counts 10 there and 0 in answers to domestic outlets
    row = k.set_index("term").loc["香港"]
    assert (row["n_target"], row["n_reference"]) == (10, 0)
    assert k.iloc[0]["term"] == "香港"


def test_origin_keyness_is_none_without_outlets(corpus_dir):
    from analysis import read_transcript

    seg = read_transcript(corpus_dir / "mfa_2019-03-04.txt")
    assert words.origin_keyness_table(tokenize(seg), seg) is None
