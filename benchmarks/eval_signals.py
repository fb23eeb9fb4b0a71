"""Precision and recall of the diplomatic-signal matchers (analysis.signals), read by hand.

Precision: for each matcher, a random sample of its hits across the Ministry's 2016-2020 pages
(../shared/mfa/pages): 100 in Chinese drawn at random, topped up so that every class (a ladder
step, a phrase category ...) has at least 10 where the archive holds that many, and 40 in
English. Two annotators judged each hit from the written guide alone
(data/eval/signals_guide.md), without seeing the rules. Recall: every signal in one fully read
document per genre, listed by a reader from the same guide, set against the hits.

  python benchmarks/eval_signals.py            # the figures (make eval)
  python benchmarks/eval_signals.py --sample   # draw the sample again, write the items to read

The sample and the labels refer to paragraphs by doc_id, para_no and a checksum of the text
(data/eval/signals_sample.csv); the texts themselves stay in ../shared. Overall precision
is estimated from the random draw only (the top-ups over-represent rare classes); a class's
precision uses all its items, which are random within the class. Intervals: Wilson 95%.
"""
from __future__ import annotations

import argparse
import hashlib
import sys

import numpy as np
import pandas as pd

from analysis import pipeline, signals
from analysis.config import EVAL_DIR, MFA_PAGES_DIR, PROJ_ROOT

SAMPLE_CSV = EVAL_DIR / "signals_sample.csv"
QUALITY_CSV = signals.QUALITY_CSV
#: the development round: a first sample (seed 20261206) and three fully read documents,
#: whose readers' notes led to rule changes; reported apart, never as the measurement
DEV_SAMPLE_CSV = EVAL_DIR / "signals_dev_sample.csv"
DEV_RECALL_DOCS = {"briefing": "mfa_2020-04-02", "written": "mfa_2019-08-09_written_2",
                   "statement": "mfa_2019-10-25_statement"}
ITEMS_DIR = PROJ_ROOT / "build" / "eval" / "signals"
RANDOM_ZH, RANDOM_EN, TOP_UP = 100, 40, 10
SEED = 20261207  # the evaluation round (the development round's was 20261206)
#: the hits each matcher is for: the ladder, self/other and non-answers read the
#: principal's words; phrases, veiled references and people any speech
KINDS = {"protest": signals.SPOKEN_BY_PRINCIPAL, "self_other": signals.SPOKEN_BY_PRINCIPAL,
         "nonanswer": ("answer",), "veiled": signals.SPOKEN_BY_PRINCIPAL,
         "phrase": signals.SPEECH, "person": signals.SPEECH}
#: one fully read document per genre: drawn at random (numpy default_rng(20261207), one
#: integer each) among the Chinese documents of the genre other than the development
#: round's, in doc_id order, with at least 4,000 characters (briefings; 95 such), 1,000
#: (written answers: 6) or 700 (statements: 5), so that there is something to find; and
#: the seed, the one NPC press conference, never used to change a rule
RECALL_DOCS = {
    "briefing": "mfa_2019-01-24",
    "written": "mfa_2019-11-26_written",
    "statement": "mfa_2019-12-04_statement",
    "npc": "wangyi_2020-05-24_npc",
}


def wilson(k: int, n: int, z: float = 1.96) -> tuple[float, float]:
    if n == 0:
        return float("nan"), float("nan")
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * np.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return centre - half, centre + half


def sha1(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def load_pages(matchers=signals.MATCHERS) -> tuple[pipeline.Tables, pd.DataFrame]:
    pipeline.build([MFA_PAGES_DIR], corpus_id="pages", progress=False)
    t = pipeline.load("pages")
    hits = signals.find_signals(t.segments, t.tokens, t.mentions, matchers=matchers)
    return t, hits


def claim(row) -> str:
    """What the matcher says the words are, in the guide's terms."""
    if row.matcher == "protest":
        steps = signals.ladder_table().set_index("level")["level_en"]
        return f"protest step {row.level}: {steps[row.level]}"
    if row.matcher == "person":
        p = signals.read_people()
        r = p[p["person_id"] == row.entry].iloc[-1]
        return f"person: {r['name_en']} ({r['name_zh']}), {r['role_en']}, {r['country']}"
    if row.matcher == "phrase":
        table = pd.read_csv(signals.SIGNALS_DIR / signals.LEXICONS["phrase"], dtype=str, keep_default_na=False)
        r = table.set_index("id").loc[row.entry]
        return f"set phrase: {r['zh'].split('|')[0]} / {r['label_en']}"
    return f"{row.matcher}: {row.category}"


def draw(hits: pd.DataFrame, langs: dict[str, str], matcher: str) -> pd.DataFrame:
    """One matcher's sample (its own random stream: drawing one matcher again leaves the
    others' samples as they are), in random order, so that no reader sees them by class;
    hits the development round read are left out."""
    rng = np.random.default_rng([SEED, signals.MATCHERS.index(matcher)])
    rows = []
    pool = hits[(hits["matcher"] == matcher) & hits["kind"].isin(KINDS[matcher])]
    if DEV_SAMPLE_CSV.exists():
        dev = pd.read_csv(DEV_SAMPLE_CSV, dtype={"doc_id": str}, keep_default_na=False)
        seen = set(zip(dev["doc_id"], dev["para_no"].astype(int), dev["start"].astype(int)))
        pool = pool[[k not in seen for k in zip(pool["doc_id"], pool["para_no"].astype(int),
                                                 pool["start"].astype(int))]]
    if matcher == "veiled":
        pool = pool[pool["named"] == ""]
    pool = pool.assign(lang=pool["doc_id"].map(langs))
    cls = pool["level"].astype(str) if matcher == "protest" else pool["category"]
    pool = pool.assign(cls=cls.to_numpy())
    for lang, n in (("zh", RANDOM_ZH), ("en", RANDOM_EN)):
        part = pool[pool["lang"] == lang]
        take = rng.choice(len(part), min(n, len(part)), replace=False)
        chosen = part.iloc[np.sort(take)].assign(stratum="random")
        rows.append(chosen)
        if lang == "zh":
            for c, group in part.drop(part.index[take]).groupby("cls"):
                have = int((chosen["cls"] == c).sum())
                if have < TOP_UP:
                    extra = rng.choice(len(group), min(TOP_UP - have, len(group)), replace=False)
                    rows.append(group.iloc[np.sort(extra)].assign(stratum="top-up"))
    sample = pd.concat(rows, ignore_index=True)
    sample = sample.iloc[rng.permutation(len(sample))].reset_index(drop=True)
    sample.insert(0, "item", [f"{matcher[:3]}{i:04d}" for i in range(len(sample))])
    return sample


def write_items(sample: pd.DataFrame, t: pipeline.Tables) -> None:
    """The items to read, one file per matcher and language (build/eval/signals/)."""
    seg = t.segments.set_index(["doc_id", "para_no"])
    text = seg["text"]
    kinds = seg["kind"]
    ITEMS_DIR.mkdir(parents=True, exist_ok=True)
    for (matcher, lang), part in sample.groupby(["matcher", "lang"]):
        lines = [f"# Items: {matcher} ({lang})", "",
                 "Judge each item by data/eval/signals_guide.md. Answer as CSV lines: item,verdict,note"
                 + (",scope (full or partial)" if matcher == "nonanswer" else ""), ""]
        for r in part.sort_values("item").itertuples():
            para = text[(r.doc_id, r.para_no)]
            a, b = max(0, r.start - 160), min(len(para), r.end + 160)
            shown = ("…" if a else "") + para[a:r.start] + "【" + para[r.start:r.end] + "】" + para[r.end:b] + \
                    ("…" if b < len(para) else "")
            lines += [f"## {r.item}", f"claim: {r.claim}", f"document: {r.doc_id} · {kinds[(r.doc_id, r.para_no)]}",
                      "", shown, ""]
            if matcher == "nonanswer":
                answer = t.segments[(t.segments["doc_id"] == r.doc_id) & (t.segments["qa_no"] == r.qa_no)]
                lines.append("The whole Q&A:")
                lines += [f"- {k}: {x}" for k, x in zip(answer["kind"], answer["text"])]
                lines.append("")
        (ITEMS_DIR / f"{matcher}_{lang}.md").write_text("\n".join(lines), encoding="utf-8")


def sample_main(matchers: list[str]) -> int:
    t, hits = load_pages(tuple(matchers))
    langs = dict(zip(t.documents["doc_id"], t.documents["lang"]))
    sample = pd.concat([draw(hits, langs, m) for m in matchers], ignore_index=True)
    sample["claim"] = [claim(r) for r in sample.itertuples()]
    text = t.segments.set_index(["doc_id", "para_no"])["text"]
    sample["text_sha1"] = [sha1(text[(r.doc_id, r.para_no)]) for r in sample.itertuples()]
    keep = ["item", "matcher", "lang", "stratum", "cls", "entry", "doc_id", "para_no", "kind", "qa_no", "start", "end",
            "surface", "claim", "text_sha1"]
    if SAMPLE_CSV.exists():  # the other matchers' samples stay as drawn
        kept = pd.read_csv(SAMPLE_CSV, dtype=str, keep_default_na=False)
        sample = pd.concat([kept[~kept["matcher"].isin(matchers)], sample[keep].astype(str)], ignore_index=True)
    sample = sample.assign(_m=sample["matcher"].map(signals.MATCHERS.index)).sort_values(["_m", "item"])
    sample[keep].to_csv(SAMPLE_CSV, index=False)
    sample = sample[sample["matcher"].isin(matchers)]
    write_items(sample, t)
    print(f"{len(sample)} items -> {SAMPLE_CSV.relative_to(PROJ_ROOT)}; texts to read in {ITEMS_DIR.relative_to(PROJ_ROOT)}/")
    print(sample.groupby(["matcher", "lang", "stratum"]).size().to_string())
    return 0


def read_labels(matcher: str, who: str, prefix: str = "signals") -> pd.DataFrame | None:
    path = EVAL_DIR / f"{prefix}_labels_{matcher}_{who}.csv"
    if not path.exists():
        return None
    labels = pd.read_csv(path, dtype={"item": str}, keep_default_na=False)
    labels["verdict"] = labels["verdict"].astype(int)
    return labels


def kappa(a: np.ndarray, b: np.ndarray) -> float:
    po = float(np.mean(a == b))
    pe = float(np.mean(a) * np.mean(b) + (1 - np.mean(a)) * (1 - np.mean(b)))
    return (po - pe) / (1 - pe) if pe < 1 else float("nan")


def fmt(k: int, n: int) -> str:
    low, high = wilson(k, n)
    return f"{k / n:.3f} [{low:.2f}, {high:.2f}] (n={n})" if n else "n=0"


def precision_report(sample: pd.DataFrame, t: pipeline.Tables, prefix: str = "signals") -> dict[tuple[str, str], dict]:
    """Print each matcher's precision; return the figures by (matcher, lang)."""
    text = t.segments.set_index(["doc_id", "para_no"])["text"]
    moved = [r.item for r in sample.itertuples() if sha1(text.get((r.doc_id, r.para_no), "")) != r.text_sha1]
    if moved:
        sys.exit(f"eval_signals: {len(moved)} sampled paragraphs are no longer the ones read (first: {moved[0]})")
    summary: dict[tuple[str, str], dict] = {}
    print("Precision: share of a random sample of hits that both readers judged right (Wilson 95%);")
    print("each reader's share, their agreement and Cohen's kappa beside it.")
    for matcher in signals.MATCHERS:
        a, b = read_labels(matcher, "a", prefix), read_labels(matcher, "b", prefix)
        if a is None or b is None:
            print(f"  {matcher}: not read by two readers yet")
            continue
        part = (sample[sample["matcher"] == matcher].merge(a[["item", "verdict"]], on="item")
                .merge(b[["item", "verdict"]], on="item", suffixes=("_a", "_b")))
        part["both"] = part["verdict_a"] & part["verdict_b"]
        kept = still_hit(part, t)
        for lang in ("zh", "en"):
            rnd = part[(part["lang"] == lang) & (part["stratum"] == "random")]
            if rnd.empty:
                continue
            k, n = int(rnd["both"].sum()), len(rnd)
            va, vb = rnd["verdict_a"].to_numpy(), rnd["verdict_b"].to_numpy()
            kap = kappa(va, vb)
            print(f"  {matcher:<10} {lang}: {fmt(k, n)}; reader A {va.mean():.3f}, B {vb.mean():.3f}; "
                  f"agreement {np.mean(va == vb):.3f}, kappa " + (f"{kap:.2f}" if kap == kap else
                                                                  "undefined (every verdict 1)"))
            low, high = wilson(k, n)
            row = {"matcher": matcher, "lang": lang, "n": n, "precision": round(k / n, 3), "ci_low": round(low, 3),
                   "ci_high": round(high, 3), "agreement": round(float(np.mean(va == vb)), 3)}
            now = rnd[kept[rnd.index]]
            if len(now) < n:
                k2, n2 = int(now["both"].sum()), len(now)
                print(f"  {'':<10} {lang}: the rules as they are now keep {n2} of these {n} hits: {fmt(k2, n2)} "
                      f"(post hoc, optimistic: changed after reading the readers' notes)")
                row |= {"precision_now": round(k2 / n2, 3), "n_now": n2}
            summary[(matcher, lang)] = row
        for cls, group in part[part["lang"] == "zh"].groupby("cls"):
            print(f"      {cls:<18} {fmt(int(group['both'].sum()), len(group))}")
        if matcher == "nonanswer":
            scope_report(sample, t, prefix)
    return summary


def still_hit(part: pd.DataFrame, t: pipeline.Tables) -> pd.Series:
    """Whether the rules as they are now still make each sampled hit (a veiled one not
    named after all)."""
    docs = sorted(set(part["doc_id"]))
    sub = t.subset(docs)
    matcher = part["matcher"].iloc[0]
    hits = signals.find_signals(sub.segments, sub.tokens, sub.mentions, matchers=[matcher])
    if matcher == "veiled":
        hits = hits[hits["named"] == ""]
    keys = set(zip(hits["doc_id"], hits["para_no"].astype(int), hits["start"].astype(int), hits["end"].astype(int)))
    return pd.Series([(r.doc_id, int(r.para_no), int(r.start), int(r.end)) in keys for r in part.itertuples()],
                     index=part.index)


def scope_report(sample: pd.DataFrame, t: pipeline.Tables, prefix: str = "signals") -> None:
    """The non-answer table's full/partial call against each reader's, per Q&A whose hit
    reader A judged right, by language."""
    labels = {who: read_labels("nonanswer", who, prefix) for who in ("a", "b")}
    if any(x is None or "scope" not in x.columns for x in labels.values()):
        return
    hits = signals.find_signals(t.segments, t.tokens, matchers=["nonanswer"])
    table = signals.nonanswer_table(hits, t.segments)
    items = (sample[sample["matcher"] == "nonanswer"]
             .merge(labels["a"][["item", "verdict", "scope"]], on="item")
             .merge(labels["b"][["item", "scope"]], on="item", suffixes=("_a", "_b")))
    items = items[items["verdict"] == 1].drop_duplicates(["doc_id", "qa_no"]).astype({"qa_no": "Int64"})
    got = items.merge(table[["doc_id", "qa_no", "nonanswer"]], on=["doc_id", "qa_no"])
    for lang, g in got.groupby("lang"):
        agree = [int((g[f"scope_{w}"] == g["nonanswer"]).sum()) for w in ("a", "b")]
        print(f"      full/partial call, {lang}, per Q&A: reader A {fmt(agree[0], len(g))}; reader B "
              f"{fmt(agree[1], len(g))}; the readers agree on {int((g['scope_a'] == g['scope_b']).sum())}")


def in_dictionary(matcher: str, surface: str) -> bool:
    """Whether the reader's words are a form the matcher's dictionary holds (a pattern of
    it matches them, ignoring token boundaries and context): recall within the
    dictionary measures the matching; recall over all the reader listed, the coverage."""
    import re

    entries = signals.read_lexicon(matcher)
    flags = 0 if matcher == "self_other" else re.IGNORECASE
    return any(re.search(e.zh, surface) or (e.en and re.search(e.en, surface, flags)) for e in entries)


def recall_report(docs: dict[str, str] = RECALL_DOCS, prefix: str = "signals") -> dict[str, dict]:
    """Recall on the fully read documents: each listed signal found by a hit of its
    matcher overlapping the words the reader marked; returns the figures by matcher."""
    from analysis.config import DEFAULT_TRANSCRIPT

    rows = []
    print("Recall on fully read documents (the reader's list against the hits): all the reader listed; "
          "and the listed forms the dictionary holds")
    for genre, doc_id in docs.items():
        path = EVAL_DIR / f"{prefix}_recall_{doc_id}.csv"
        if not path.exists():
            print(f"  {genre}: no reading yet ({path.name})")
            continue
        listed = pd.read_csv(path, dtype={"surface": str}, keep_default_na=False)
        t = (pipeline.load_transcript(DEFAULT_TRANSCRIPT) if genre == "npc"
             else pipeline.load("pages", doc_ids=[doc_id]))
        hits = signals.find_signals(t.segments, t.tokens, t.mentions)
        hits = hits[(hits["matcher"] != "veiled") | (hits["named"] == "")]
        text = t.segments.set_index("para_no")["text"]
        for r in listed.itertuples():
            para = text.get(int(r.para_no), "")
            where = [i for i in range(len(para)) if para.startswith(r.surface, i)] if r.surface else []
            if not where:
                sys.exit(f"eval_signals: {path.name}: {r.surface!r} is not in paragraph {r.para_no}")
            k = min(int(r.occurrence or 1), len(where)) - 1
            a, b = where[k], where[k] + len(r.surface)
            mine = hits[(hits["para_no"] == int(r.para_no)) & (hits["matcher"] == r.matcher)
                        & (hits["start"] < b) & (hits["end"] > a)]
            rows.append({"genre": genre, "matcher": r.matcher, "found": len(mine) > 0,
                         "listed_form": in_dictionary(r.matcher, r.surface)})
    if not rows:
        return {}
    table = pd.DataFrame(rows)
    out = {}
    for (genre, matcher), g in table.groupby(["genre", "matcher"], sort=False):
        d = g[g["listed_form"]]
        print(f"  {genre:<9} {matcher:<10} all {fmt(int(g['found'].sum()), len(g)):<28} "
              f"in dictionary {fmt(int(d['found'].sum()), len(d))}")
    for matcher, g in table.groupby("matcher"):
        d = g[g["listed_form"]]
        print(f"  all       {matcher:<10} all {fmt(int(g['found'].sum()), len(g)):<28} "
              f"in dictionary {fmt(int(d['found'].sum()), len(d))}")
        out[matcher] = {"recall": round(g["found"].mean(), 3), "recall_n": len(g),
                        "recall_dict": round(d["found"].mean(), 3) if len(d) else np.nan, "recall_dict_n": len(d)}
    return out


def write_quality(precision: dict[tuple[str, str], dict], recall: dict[str, dict]) -> None:
    """The summary the notebooks show (data/eval/signals_quality.csv), rewritten only when it changes."""
    rows = []
    for (matcher, lang), row in precision.items():
        rows.append(row | (recall.get(matcher, {}) if lang == "zh" else {}))
    table = pd.DataFrame(rows).reindex(columns=["matcher", "lang", "n", "precision", "ci_low", "ci_high",
                                                "agreement", "recall", "recall_n",
                                                "recall_dict", "recall_dict_n"])
    for c in ("recall_n", "recall_dict_n"):
        table[c] = table[c].astype("Int64")
    text = table.to_csv(index=False)
    if not QUALITY_CSV.exists() or QUALITY_CSV.read_text(encoding="utf-8") != text:
        QUALITY_CSV.write_text(text, encoding="utf-8")
        print(f"\nwrote {QUALITY_CSV.relative_to(PROJ_ROOT)}")


def findings_report() -> None:
    """Three findings of the signals over the 2016-2020 Chinese briefings, each set
    beside what a reader judged from the paragraphs alone (data/eval/signals_findings.md)."""
    items_csv = EVAL_DIR / "signals_findings_items.csv"
    if not items_csv.exists():
        return
    docs = pipeline.load_documents("pages")
    ids = docs[(docs["lang"] == "zh") & (docs["genre"] == "briefing")]["doc_id"].tolist()
    t = pipeline.load("pages", doc_ids=ids)
    seg = t.segments
    items = pd.read_csv(items_csv, dtype={"group": str}, keep_default_na=False)
    for r in items.itertuples():  # the passages read are still these
        if r.finding == "F2":
            text = seg[(seg["doc_id"] == r.doc_id) & (seg["para_no"] == int(float(r.para_no)))]["text"].iloc[0]
        else:
            text = "\n".join(seg[(seg["doc_id"] == r.doc_id) & (seg["qa_no"] == int(float(r.qa_no)))]["text"])
        if sha1(text) != r.sha1:
            sys.exit(f"eval_signals: finding {r.finding} item {r.item}: the text is not the one that was read")
    hits = signals.find_signals(seg, t.tokens, t.mentions)
    turns = signals.protest_turn_table(hits, seg, t.mentions)

    print("Three findings over the 2016-2020 Chinese briefings, each checked by a reader of the paragraphs:")
    a = turns[turns["kind"] == "answer"]
    codes = a["targets"].str.split("|")
    hk = a[codes.apply(lambda c: "HK" in c)]
    us = a[codes.apply(lambda c: "US" in c and "HK" not in c and "TW" not in c)]
    print(f"F1. Answers to questions naming Hong Kong reach a step of the protest ladder more often than answers "
          f"to questions naming the United States: {fmt(int((hk['level'] > 0).sum()), len(hk))} against "
          f"{fmt(int((us['level'] > 0).sum()), len(us))} (the matcher, all answers).")
    f1 = items[items["finding"] == "F1"].merge(
        pd.read_csv(EVAL_DIR / "signals_findings_F1_reader.csv", keep_default_na=False), on="item")
    for group in ("HK", "US"):
        g = f1[f1["group"] == group]
        print(f"    reader, 30 random answers naming {group}: a step in {fmt(int(g['protest'].sum()), len(g))}")

    sm = hits[(hits["entry"] == "smear") & hits["kind"].isin(signals.SPOKEN_BY_PRINCIPAL)]
    trend = signals.phrase_trend_table(hits, seg, freq="Y", entries=["smear"])
    rates = ", ".join(f"{r.period} {r.rate:.1f}" for r in trend.itertuples())
    print(f"F2. The charge of smearing (抹黑, 污蔑, 造谣 ...) arrives in 2019: per 100 answers {rates} "
          f"({len(sm)} uses in all).")
    f2 = items[items["finding"] == "F2"].merge(
        pd.read_csv(EVAL_DIR / "signals_findings_F2_reader.csv", keep_default_na=False), on="item")
    for group, g in f2.groupby("group"):
        print(f"    reader, uses of {group}: the speaker's charge of smearing in {fmt(int(g['verdict'].sum()), len(g))}")

    na = signals.nonanswer_table(hits, seg)
    by = signals.nonanswer_origin_table(na)
    anyd = by[by["measure"] == "any"].set_index("origin")
    print("F3. Questions from foreign outlets are declined more often than questions from Chinese ones "
          "(2020, when transcripts name outlets): " + "; ".join(
              f"{o} {anyd.loc[o, 'mean']:.3f} [{anyd.loc[o, 'ci_low']:.2f}, {anyd.loc[o, 'ci_high']:.2f}] "
              f"(n={anyd.loc[o, 'n']})" for o in ("domestic", "foreign")) + " (the matcher, in full or in part).")
    f3 = items[items["finding"] == "F3"].merge(
        pd.read_csv(EVAL_DIR / "signals_findings_F3_reader.csv", keep_default_na=False), on="item")
    for group in ("domestic", "foreign"):
        g = f3[f3["group"] == group]
        k = int((g["declines"] != "none").sum())
        m = int((g["nonanswer"] != "none").sum())
        print(f"    reader, 30 random Q&As from {group} outlets: declined in {fmt(k, len(g))} "
              f"(the matcher: {m} of the same {len(g)})")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sample", nargs="*", metavar="MATCHER", choices=signals.MATCHERS,
                        help="draw the sample of these matchers (default: all) and write the items to read")
    args = parser.parse_args()
    if not MFA_PAGES_DIR.is_dir():
        print(f"eval_signals: {MFA_PAGES_DIR} is absent; nothing to measure")
        return 0
    if args.sample is not None:
        return sample_main(args.sample or list(signals.MATCHERS))
    t, _ = load_pages()
    sample = pd.read_csv(SAMPLE_CSV, dtype={"item": str, "cls": str}, keep_default_na=False)
    sample["qa_no"] = pd.to_numeric(sample["qa_no"], errors="coerce").astype("Int64")
    if DEV_SAMPLE_CSV.exists():
        print("== Development round (its readers' notes changed the rules: not the measurement)")
        dev = pd.read_csv(DEV_SAMPLE_CSV, dtype={"item": str, "cls": str}, keep_default_na=False)
        precision_report(dev, t, "signals_dev")
        print()
        recall_report(DEV_RECALL_DOCS, "signals_dev")
        print("\n== Evaluation round (a fresh sample and fresh documents, read after the last rule change)")
    precision = precision_report(sample, t)
    print()
    recall = recall_report()
    write_quality(precision, recall)
    print()
    findings_report()
    return 0


if __name__ == "__main__":
    sys.exit(main())
