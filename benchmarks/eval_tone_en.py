"""English tone against the readers' labels, carried over to the English versions (issue 13).

The readers of issue 14 labelled Chinese paragraphs (data/eval/tone_items.csv and the
round-2 labels; the guide: data/eval/tone_guide.md). Where an item's document has an English
twin among ../shared/mfa/pages, the twins are aligned (analysis/twins.py) and the label goes
to the English side of the item's group: the unit scored is the group (its Chinese paragraphs
must all be labelled items; the gold is their mean), the English paragraphs pooled. The
documents keep issue 14's split: development (where the English lexicon and rules were
read) and evaluation (printed, never tuned on).

Prints, per split: Spearman's rho of the English scorer against the readers' mean, of the
Chinese scorer on the same units (the reference the goal names), of two baselines (VADER's
compound score on the English text; the English general lexicon, VADER's words, alone), with
95% bootstrap intervals (2,000 resamples of documents); then how the Chinese and the English
scores of aligned units correlate: on the labelled units, and on every aligned group with text
on both sides (answers and statements) of all 450 twins; then tone toward a party carried
over the same way.

  python benchmarks/eval_tone_en.py
  python benchmarks/eval_tone_en.py --errors    # the development units the scorer misses most
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from analysis import pipeline, sentiment, twins  # noqa: E402
from analysis.config import EVAL_DIR, MFA_PAGES_DIR  # noqa: E402
from eval_tone import boot_rho, fmt, load_labels, print_and_keep, rho  # noqa: E402

ITEMS = EVAL_DIR / "tone_items.csv"
QUALITY_CSV = EVAL_DIR / "tone_quality_en.csv"


def party_report(units: pd.DataFrame, labels: pd.DataFrame, items: pd.DataFrame, tables) -> None:
    """Tone toward a party, carried over: the readers' label of the tone toward each country a
    Chinese answer or statement paragraph names goes to the English side of its group (groups
    of one Chinese paragraph); each side's party scorer (sentences naming the party, pooled over
    the group's paragraphs) against it."""
    party = sentiment.party_tone_table(tables.terms, tables.mentions)
    pooled = {}
    for r in party.itertuples():
        p, n = pooled.get((r.doc_id, int(r.para_no), r.country), (0.0, 0.0))
        pooled[(r.doc_id, int(r.para_no), r.country)] = (p + r.pos, n + r.neg)
    k = sentiment.smoothing()

    def score(doc, first, last, country):
        P = sum(pooled.get((doc, q, country), (0.0, 0.0))[0] for q in range(int(first), int(last) + 1))
        N = sum(pooled.get((doc, q, country), (0.0, 0.0))[1] for q in range(int(first), int(last) + 1))
        return (P - N) / (P + N + k)

    one = units[(units["zh_para"] == units["zh_para_end"]) & units["kind"].isin(["answer", "statement"])]
    pairs = one.merge(items[["item_id", "doc_id", "para_no"]], left_on=["zh_doc", "zh_para"],
                      right_on=["doc_id", "para_no"], suffixes=("", "_item")).merge(
        labels[labels["party"] != "ALL"], on="item_id", suffixes=("_unit", ""))
    if pairs.empty:
        return
    pairs["english"] = [score(d, a, b, c) for d, a, b, c in zip(pairs["en_doc"], pairs["en_para"],
                                                                 pairs["en_para_end"], pairs["party"])]
    pairs["chinese"] = [score(d, a, b, c) for d, a, b, c in zip(pairs["zh_doc"], pairs["zh_para"],
                                                                 pairs["zh_para_end"], pairs["party"])]
    rows = []
    for split in ("development", "evaluation"):
        part = pairs[pairs["split"] == split]
        if len(part) > 5:
            rows.append({"split": split, "pairs": len(part), "documents": part["doc_id"].nunique(),
                         "english": fmt(boot_rho(part, "english")), "chinese": fmt(boot_rho(part, "chinese")),
                         "readers": fmt(boot_rho(part, "label_a", gold="label_b"))})
    print("\nTone toward a party, carried over to the English (answer and statement paragraphs and the countries "
          "they name): Spearman rho [95% interval]\n")
    with pd.option_context("display.width", 250):
        print(pd.DataFrame(rows).to_string(index=False))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--errors", action="store_true")
    args = ap.parse_args()
    pipeline.build([MFA_PAGES_DIR], corpus_id="pages", progress=False)
    items = pd.read_csv(ITEMS)
    labels = load_labels()
    gold = items.merge(labels[labels["party"] == "ALL"], on="item_id")
    docs = pipeline.load_documents("pages").set_index("doc_id")
    item_docs = sorted(d for d in set(items["doc_id"]) if d in docs.index and docs.at[d, "twin"])
    pairs = [(d, docs.at[d, "twin"]) for d in item_docs]
    tables = pipeline.load("pages", doc_ids=[x for p in pairs for x in p])
    seg = tables.segments
    alignment = twins.align_twins(seg, tables.documents, mentions=tables.mentions)
    both = alignment[alignment["zh_para"].notna() & alignment["en_para"].notna()]
    labelled = gold.set_index(["doc_id", "para_no"])
    rows = []
    for r in both.itertuples():
        keys = [(r.zh_doc, p) for p in range(int(r.zh_para), int(r.zh_para_end) + 1)]
        if all(k in labelled.index for k in keys):
            g = labelled.loc[keys]
            rows.append({"doc_id": r.zh_doc, "zh_doc": r.zh_doc, "zh_para": r.zh_para, "zh_para_end": r.zh_para_end,
                         "en_doc": r.en_doc, "en_para": r.en_para, "en_para_end": r.en_para_end,
                         "split": g["split"].iloc[0], "genre": g["genre"].iloc[0], "kind": g["kind"].iloc[0],
                         "gold": g["gold"].mean(), "label_a": g["label_a"].mean(), "label_b": g["label_b"].mean(),
                         "method": r.method})
    units = pd.DataFrame(rows)
    print(f"labelled Chinese items with an English twin: {int(gold['doc_id'].isin(item_docs).sum())} in "
          f"{len(item_docs)} documents; carried over to {len(units)} aligned units "
          f"({(units['method'] == 'turn').sum()} by turns, {(units['method'] == 'length').sum()} by length)")
    terms = tables.terms  # the pipeline's: every token, with its weight (both languages)
    k = sentiment.smoothing()
    units["chinese"], units["english"] = twins.group_scores(units, terms, k=k)
    general = sentiment.term_table(seg[seg["doc_id"].isin(set(units["en_doc"]))],
                                   tables.tokens[tables.tokens["doc_id"].isin(set(units["en_doc"]))], rules=frozenset())
    units["general lexicon"] = twins.group_scores(units, general, k=sentiment.SMOOTHING)[1]
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    vader = SentimentIntensityAnalyzer()
    text = seg.set_index(["doc_id", "para_no"])["text"]
    units["VADER"] = [vader.polarity_scores(" ".join(text[(d, p)] for p in range(int(a), int(b) + 1)))["compound"]
                      for d, a, b in zip(units["en_doc"], units["en_para"], units["en_para_end"])]
    out = []
    for split in ("development", "evaluation"):
        part = units[units["split"] == split]
        row = {"split": split, "units": len(part), "documents": part["doc_id"].nunique()}
        for col in ("english", "chinese", "VADER", "general lexicon"):
            row[col] = boot_rho(part, col)
        row["zh/en"] = boot_rho(part, "english", gold="chinese")
        row["readers"] = boot_rho(part, "label_a", gold="label_b")
        out.append(row)
    print_and_keep(pd.DataFrame(out), ("english", "chinese", "VADER", "general lexicon", "zh/en", "readers"),
                   "\nParagraph tone, English: Spearman rho against the readers' mean [95% bootstrap interval]; "
                   "'chinese' is the Chinese scorer on the same units, 'zh/en' the two scorers against each other\n",
                   QUALITY_CSV)

    party_report(units, labels, items, tables)

    # every aligned group of every twin: do the two versions' scores agree?
    all_tables = pipeline.load("pages")
    all_align = twins.align_twins(all_tables.segments, all_tables.documents, mentions=all_tables.mentions)
    spoken = all_align[all_align["zh_para"].notna() & all_align["en_para"].notna()
                       & all_align["kind"].isin(["answer", "other"])].reset_index(drop=True)
    spoken["doc_id"] = spoken["zh_doc"]
    spoken["chinese"], spoken["english"] = twins.group_scores(spoken, all_tables.terms, k=k)
    evaluative = spoken[(spoken["english"] != 0) | (spoken["chinese"] != 0)]
    print(f"\nChinese and English scores of aligned answer and statement groups, all {spoken['zh_doc'].nunique()} "
          f"twins: rho {fmt(boot_rho(spoken, 'english', gold='chinese'))} over {len(spoken)} groups; "
          f"Pearson r {np.corrcoef(spoken['english'], spoken['chinese'])[0, 1]:.3f}; "
          f"where either scores: rho {rho(evaluative['english'], evaluative['chinese']):.3f} ({len(evaluative)})")
    if args.errors:
        dev = units[units["split"] == "development"].copy()
        dev["rank_gap"] = dev["english"].rank(pct=True) - dev["gold"].rank(pct=True)
        en_text = {(r.en_doc, r.en_para): " ".join(text[(r.en_doc, p)] for p in range(int(r.en_para),
                                                                                     int(r.en_para_end) + 1))
                   for r in dev.itertuples()}
        shown_terms = terms[terms["weight"] != 0]
        for r in dev.reindex(dev["rank_gap"].abs().sort_values(ascending=False).index).head(40).itertuples():
            t = shown_terms[(shown_terms["doc_id"] == r.en_doc) & shown_terms["para_no"].between(r.en_para,
                                                                                                  r.en_para_end)]
            print(f"\n[{r.en_doc} {r.en_para}] gold {r.gold:+.1f} english {r.english:+.2f} chinese {r.chinese:+.2f}")
            print("  " + en_text[(r.en_doc, r.en_para)][:600])
            print("  terms: " + ", ".join(f"{a}{b:+.2f}" for a, b in zip(t["term"], t["weight"])))


if __name__ == "__main__":
    main()
