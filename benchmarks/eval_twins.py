"""Twin alignment: the length model measured, its accuracy, and how often it is needed.

    python benchmarks/eval_twins.py            # measure and print
    python benchmarks/eval_twins.py --fit      # ... and write data/twins_length_model.csv
    python benchmarks/eval_twins.py --sample   # ... and write the reader's check sheet (build/eval/twins/)

On the Chinese–English twins of ../shared/mfa/pages (the corpus ``pages``, built if
needed):

1. **Structure.** How many twins have the same turns (the same blocks: statements, each
   Q&A's question and answer) with as many paragraphs in each; how many have a block
   whose paragraph counts differ (there the length model aligns); how many have
   different block lists (the unmatched stretches go to the length model).
2. **The length model** is measured on half of the twins whose turns match paragraph for
   paragraph (every other twin in date order: the fit half): ``ratio`` = English
   characters per Chinese character over their paragraph pairs; ``variance`` as Gale and
   Church define it; the anchors' weight chosen among 0, 1, 2, 4 and 8 by accuracy on
   the fit half.
3. **Accuracy** on the other half: the turn structure set aside, whole documents aligned
   by length alone, against the paragraph pairs the turns give (there one to one, in
   order): the share of true pairs found as 1–1 groups (recall) and of 1–1 groups that
   are true (precision), with a 95% interval from 2,000 bootstrap resamples of twins.
4. ``--sample`` writes the groups the length model makes in real use (unequal blocks and
   unmatched stretches, all of them) with both texts, for two readers' check, each from
   the guide at the sheet's head (one in order, one in reverse); their verdicts
   (data/eval/twins_check_labels.csv) are then counted.
"""
from __future__ import annotations

import argparse
import csv
import math
import sys
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from analysis import pipeline, twins  # noqa: E402
from analysis.config import MFA_PAGES_DIR  # noqa: E402

SHEET = ROOT / "build" / "eval" / "twins"
LABELS = ROOT / "data" / "eval" / "twins_check_labels.csv"
SEED = 20200524


def _tables():
    if not pipeline.read_manifest("pages").shape[0]:
        pipeline.build([MFA_PAGES_DIR], corpus_id="pages")
    return pipeline.load("pages")


def _pairs(tables):
    d = tables.documents
    pairs = d[(d["lang"] == "zh") & (d["twin"] != "")].sort_values("date")
    by_doc = {k: g for k, g in tables.segments.groupby("doc_id", sort=False)}
    return [(z, e, by_doc[z], by_doc[e]) for z, e in zip(pairs["doc_id"], pairs["twin"])]


def structure(pairs):
    """Each twin: 'clean' (same blocks, same paragraph counts), 'unequal' (same blocks, some
    counts differ) or 'different' (different block lists)."""
    kinds = {}
    for z, _, zs, es in pairs:
        zb, eb = twins._blocks(zs), twins._blocks(es)
        if [k for k, _ in zb] != [k for k, _ in eb]:
            kinds[z] = "different"
        elif all(len(a) == len(b) for (_, a), (_, b) in zip(zb, eb)):
            kinds[z] = "clean"
        else:
            kinds[z] = "unequal"
    return kinds


def fit(pairs) -> dict[str, float]:
    zh, en = [], []
    for _, _, zs, es in pairs:
        zh += zs["text"].str.len().tolist()
        en += es["text"].str.len().tolist()
    zh, en = np.array(zh, float), np.array(en, float)
    ok = (zh > 0) & (en > 0)
    zh, en = zh[ok], en[ok]
    ratio = en.sum() / zh.sum()
    m = (zh + en / ratio) / 2
    variance = float(np.mean((zh * ratio - en) ** 2 / m))
    return {"ratio": float(ratio), "variance": variance, "pairs": int(ok.sum())}


def score(pairs, mentions, **model) -> pd.DataFrame:
    """Per twin, whole documents aligned by length (turns set aside): true 1-1 pairs, 1-1
    groups predicted, and how many of those are true."""
    rows = []
    for z, e, zs, es in pairs:
        groups = twins.align(zs, es, mentions=mentions, turns=False, model=model)
        ones = groups[(groups["zh_para"] == groups["zh_para_end"]) & (groups["en_para"] == groups["en_para_end"])]
        correct = int((ones["zh_para"] == ones["en_para"]).sum())
        rows.append({"doc_id": z, "true": len(zs), "one_to_one": len(ones), "correct": correct,
                     "groups": len(groups)})
    return pd.DataFrame(rows)


def interval(table: pd.DataFrame, num: str, den: str, n: int = 2000) -> tuple[float, float, float]:
    rng = np.random.default_rng(SEED)
    a, b = table[num].to_numpy(float), table[den].to_numpy(float)
    idx = rng.integers(0, len(a), size=(n, len(a)))
    boots = a[idx].sum(axis=1) / b[idx].sum(axis=1)
    return a.sum() / b.sum(), float(np.quantile(boots, 0.025)), float(np.quantile(boots, 0.975))


def wilson(k: int, n: int) -> tuple[float, float]:
    if n == 0:
        return float("nan"), float("nan")
    z = 1.96
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return centre - half, centre + half


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--fit", action="store_true", help="write data/twins_length_model.csv")
    ap.add_argument("--sample", action="store_true", help="write the reader's check sheet")
    ap.add_argument("--shift-sample", action="store_true", help="write the three translation-shift check sheets")
    args = ap.parse_args()
    tables = _tables()
    pairs = _pairs(tables)
    kinds = structure(pairs)
    counts = pd.Series(kinds).value_counts()
    print(f"twins: {len(pairs)}; same turns, paragraph for paragraph: {counts.get('clean', 0)}; "
          f"same turns, some block's paragraph counts differ: {counts.get('unequal', 0)}; "
          f"different turn lists: {counts.get('different', 0)}")
    clean = [p for p in pairs if kinds[p[0]] == "clean"]
    fit_half, test_half = clean[0::2], clean[1::2]
    measured = fit(fit_half)
    print(f"length model on the fit half ({len(fit_half)} twins, {measured['pairs']} paragraph pairs): "
          f"ratio {measured['ratio']:.3f} English characters per Chinese character, variance {measured['variance']:.1f}")
    best = None
    for weight in (0.0, 1.0, 2.0, 4.0, 8.0):
        s = score(fit_half, tables.mentions, ratio=measured["ratio"], variance=measured["variance"],
                  anchor_weight=weight)
        recall = s["correct"].sum() / s["true"].sum()
        print(f"  anchors weight {weight:g}: fit-half recall of the true pairs {recall:.4f}")
        if best is None or recall > best[1]:
            best = (weight, recall)
    weight = best[0]
    print(f"chosen anchor weight: {weight:g}")
    for w, label in ((0.0, "length alone"), (weight, "length with anchors")):
        s = score(test_half, tables.mentions, ratio=measured["ratio"], variance=measured["variance"], anchor_weight=w)
        r, rl, rh = interval(s, "correct", "true")
        p, pl, ph = interval(s, "correct", "one_to_one")
        exact = (s["correct"] == s["true"]).mean()
        print(f"test half ({len(test_half)} twins, {int(s['true'].sum())} true pairs), {label}, turns set aside: "
              f"recall {r:.3f} [{rl:.3f}, {rh:.3f}], precision {p:.3f} [{pl:.3f}, {ph:.3f}]; "
              f"twins aligned without an error {exact:.1%}")
    if args.fit:
        rows = [("ratio", round(measured["ratio"], 4),
                 f"English characters per Chinese character over {measured['pairs']} paragraph pairs of "
                 f"{len(fit_half)} twins (benchmarks/eval_twins.py)"),
                ("variance", round(measured["variance"], 2), "Gale and Church's s2, per Chinese character, same pairs"),
                ("anchor_weight", weight, "chosen among 0 1 2 4 8 by recall on the same twins")]
        with open(twins.LENGTH_MODEL, "w", newline="", encoding="utf-8") as f:
            w = csv.writer(f)
            w.writerow(["name", "value", "note"])
            w.writerows(rows)
        print(f"written {twins.LENGTH_MODEL}")
    # the length model in real use: what the aligner sends to it
    used = []
    for z, e, zs, es in pairs:
        a = twins.align(zs, es, mentions=tables.mentions)
        used.append(a[a["method"] == "length"])
    used = pd.concat(used, ignore_index=True)
    n_twins = used["zh_doc"].nunique()
    kinds_n = used.assign(n_zh=(used["zh_para_end"] - used["zh_para"] + 1).fillna(0),
                          n_en=(used["en_para_end"] - used["en_para"] + 1).fillna(0))
    shapes = (kinds_n["n_zh"].astype(int).astype(str) + "-" + kinds_n["n_en"].astype(int).astype(str)).value_counts()
    print(f"in use: {len(used)} groups of {n_twins} twins go to the length model "
          f"({', '.join(f'{k}: {v}' for k, v in shapes.items())})")
    if args.sample:
        _sheet(used, tables)
    shifts = twins.shift_table(twins.align_twins(tables.segments, tables.documents, mentions=tables.mentions),
                               tables.segments, tables.terms, tables.mentions)
    if args.shift_sample:
        _shift_sheets(shifts, tables)
    _shift_checks(shifts, tables)
    if LABELS.exists():
        labels = pd.read_csv(LABELS, dtype=str, keep_default_na=False)
        current = {f"{r.zh_doc}#{r.group}" for r in used.itertuples()}
        stale = set(labels["group_id"]) ^ current
        if stale:
            print(f"  (the reader's labels are of another alignment: {len(stale)} groups differ; re-run --sample)")
        agree = (labels["reader_1"] == labels["reader_2"]).mean()
        both = labels[(labels["reader_1"] != "unsure") & (labels["reader_2"] != "unsure")]
        k = int(((both["reader_1"] == "correct") & (both["reader_2"] == "correct")).sum())
        n = len(both)
        lo, hi = wilson(k, n)
        print(f"two readers' check of the length model's {len(labels)} groups in use: identical verdicts {agree:.1%}; "
              f"correct for both {k} of {n} ({k / n:.1%}, Wilson 95% [{lo:.1%}, {hi:.1%}]; a group either "
              f"reader was unsure of left out)")
        print("  wrong: " + ", ".join(labels.loc[(labels["reader_1"] == "wrong") | (labels["reader_2"] == "wrong"),
                                                   "group_id"]))


SHIFT_QUESTIONS = {
    "us_mentions": "The Chinese paragraph(s) name the United States (美国, 美方, 美 in a compound such as 中美, 美军 …) "
                   "somewhere, and an automatic matcher found no mention of the United States (US, U.S., United States, "
                   "America, American …) in the English version. For each item answer: (1) where the Chinese names the "
                   "US (quote the words); (2) what the English has there; (3) a category: `dropped` (the English "
                   "translation leaves the US unnamed there: e.g. 美国《纽约时报》 → \"the New York Times\", 美国总统特朗普 "
                   "→ \"President Trump\"), `other-form` (the English names the US in a form the matcher may have "
                   "missed: \"Washington\", \"the American side\" …), `false` (the Chinese matcher was wrong: 美 does not "
                   "mean the US there, e.g. 美元, 美好), or `other`.",
    "approval": "Each item pairs a Chinese paragraph (or more) with the Ministry's English version. For each item, "
                "compare how WARM the two versions are in their words of approval, praise, welcome, thanks or "
                "appreciation (赞赏, 欢迎, 感谢, 祝贺, 高度评价 …): answer `english-cooler` (the English drops or weakens a "
                "word of approval or its intensifier: 高度赞赏 → \"appreciate\"; 热烈欢迎 → \"welcome\"; a praise clause "
                "left out), `same`, or `english-warmer`, and quote the words that decide it.",
    "omissions": "Each item pairs a Chinese paragraph (or more) with the Ministry's English version, where the "
                 "English is much shorter than usual for its Chinese. For each item answer: `content-left-out` (a "
                 "sentence, clause or substantive phrase of the Chinese has no translation: quote it), `condensed` "
                 "(everything is there but said more briefly), or `alignment-error` (the English shown is not the "
                 "translation of the Chinese shown), with the words that decide it.",
}


def _shift_samples(shifts: pd.DataFrame, tables) -> dict[str, pd.DataFrame]:
    """The three samples a reader checked the shifts the corpus figures show on (seeded)."""
    paired = twins.aligned_texts(shifts[shifts["zh_para"].notna() & shifts["en_para"].notna()], tables.segments)
    rng = np.random.default_rng(13)
    us = paired[paired["only_zh"].str.split().map(lambda s: "US" in s)]
    approval = paired[paired["zh_categories"].str.split().map(lambda s: "approval" in s)]
    sample_us = us.iloc[rng.choice(len(us), 20, replace=False)]
    sample_approval = approval.iloc[rng.choice(len(approval), 20, replace=False)]
    omissions = twins.omission_table(shifts, tables.segments)
    sample_omissions = omissions[omissions["missing"] == "shorter"].sample(15, random_state=3)
    return {"us_mentions": sample_us, "approval": sample_approval, "omissions": sample_omissions}


def _shift_sheets(shifts: pd.DataFrame, tables) -> None:
    out = ROOT / "build" / "eval" / "shifts"
    out.mkdir(parents=True, exist_ok=True)
    for name, frame in _shift_samples(shifts, tables).items():
        lines = [f"# {name}", "", SHIFT_QUESTIONS[name], ""]
        for i, r in enumerate(frame.itertuples(), 1):
            lines += [f"## item {i} ({r.zh_doc}#{r.group})", "", "**Chinese:**", f"> {r.zh_text}", "",
                      "**English:**", f"> {r.en_text}", ""]
        (out / f"{name}.md").write_text("\n".join(lines), encoding="utf-8")
    print(f"written the shift check sheets to {out}")


def _shift_checks(shifts: pd.DataFrame, tables) -> None:
    """What the corpus figures show, beside what a reader found in the texts of a sample."""
    both = shifts[shifts["zh_para"].notna() & shifts["en_para"].notna()]
    us_zh = int(both["only_zh"].str.split().map(lambda s: "US" in s).sum())
    us_en = int(both["only_en"].str.split().map(lambda s: "US" in s).sum())
    summary = twins.shift_summary(shifts)
    by_zh = summary[summary["chosen_by"].isin(["zh", "both"])].set_index("category")
    by_en = summary[summary["chosen_by"].isin(["en", "both"])].set_index("category")
    omissions = twins.omission_table(shifts, tables.segments)["missing"].value_counts()
    print(f"\nTranslation shifts: the US named in the Chinese only in {us_zh} aligned groups, in the English only "
          f"in {us_en}; |English| - |Chinese| tone, all groups {by_zh.at['all', 'intensity_diff']:+.3f}, approval "
          f"{by_zh.at['approval', 'intensity_diff']:+.3f} (chosen by the English terms "
          f"{by_en.at['approval', 'intensity_diff']:+.3f}), hostility {by_zh.at['hostility', 'intensity_diff']:+.3f} "
          f"({by_en.at['hostility', 'intensity_diff']:+.3f}); "
          f"English much shorter than the model expects in {int(omissions.get('shorter', 0))} groups, no Chinese "
          f"counterpart in {int(omissions.get('zh', 0))}, no English in {int(omissions.get('en', 0))}")
    for name, column in (("us_mentions", "category"), ("approval", "verdict"), ("omissions", "verdict")):
        path = ROOT / "data" / "eval" / f"twins_shift_check_{name}.csv"
        if path.exists():
            read = pd.read_csv(path, dtype=str, keep_default_na=False)[column].value_counts()
            print(f"  a reader's check, {name}: " + ", ".join(f"{k} {v}" for k, v in read.items()))


GUIDE = """# Twin alignment check: guide

Each group below pairs some paragraphs of a Chinese Foreign Ministry briefing with some paragraphs of the
Ministry's own English version of the same briefing, as an automatic aligner proposed. One side may be "(none)":
the aligner says that text has no counterpart in the other version; the paragraphs of the other version just
before and after it are then shown as context (they are not part of the group).

Verdict for each group:
- **correct**: the English side is the translation of the Chinese side: every Chinese paragraph's content is in
  the English side, and the English side holds nothing that translates a paragraph not shown (free translation,
  condensed wording and small omissions inside a paragraph still count as correct). A group with one side
  "(none)" is correct if that text has no translation in the other version: its content is not in the context
  paragraphs shown.
- **wrong**: the two sides are not translations of each other, or one side lacks a whole paragraph's content that
  the other has, or holds content from outside the group; a "(none)" group whose text is in fact translated in
  the context shown.
- **unsure**: you cannot tell.
"""


def _sheet(used: pd.DataFrame, tables) -> None:
    """The reader's sheet: every group the length model makes in use, both texts (and, where
    one side is empty, that side's paragraphs just before and after), split in two halves."""
    text = tables.segments.set_index(["doc_id", "para_no"])["text"]
    SHEET.mkdir(parents=True, exist_ok=True)

    def paras(doc, first, last):
        return [text[(doc, p)] for p in range(int(first), int(last) + 1)] if pd.notna(first) else []

    blocks = []
    for r in used.itertuples():
        gid = f"{r.zh_doc}#{r.group}"
        zh, en = paras(r.zh_doc, r.zh_para, r.zh_para_end), paras(r.en_doc, r.en_para, r.en_para_end)
        lines = [f"## {gid}", "", "**Chinese:**", *(f"> {t}" for t in zh or ["(none)"]), "",
                 "**English:**", *(f"> {t}" for t in en or ["(none)"]), ""]
        if not zh or not en:
            doc, lang = (r.zh_doc, "Chinese") if not zh else (r.en_doc, "English")
            near = used  # the paragraphs of that side just before and after the group
            others = tables.segments[tables.segments["doc_id"] == doc].set_index("para_no")["text"]
            key = ("zh" if not zh else "en")
            ahead = [g for g in near.itertuples() if g.zh_doc == r.zh_doc and g.group < r.group
                     and pd.notna(getattr(g, f"{key}_para_end"))]
            before = int(getattr(ahead[-1], f"{key}_para_end")) if ahead else None
            if before is None:
                full = twins.align(tables.segments[tables.segments["doc_id"] == r.zh_doc],
                                   tables.segments[tables.segments["doc_id"] == r.en_doc], mentions=tables.mentions)
                prior = full[(full["group"] < r.group) & full[f"{key}_para_end"].notna()]
                before = int(prior[f"{key}_para_end"].iloc[-1]) if len(prior) else -1
            context = [(p, others[p]) for p in (before, before + 1) if p in others.index]
            lines += [f"*Context, {lang} paragraphs around it (not in the group):*",
                      *(f"> [{p}] {t}" for p, t in context), ""]
        blocks.append("\n".join(lines))
    half = (len(blocks) + 1) // 2
    for name, part in (("a", blocks[:half]), ("b", blocks[half:])):
        (SHEET / f"sheet_{name}.md").write_text(GUIDE + "\n" + "\n".join(part), encoding="utf-8")
    print(f"written {SHEET}/sheet_a.md and sheet_b.md ({len(blocks)} groups)")


if __name__ == "__main__":
    main()
