"""How well the whole archive of the Ministry's pages imports (part of make eval).

Reads every page in ../shared/mfa/pages the way a corpus build does (bad files
skipped and listed) and prints:

- pages read, time and peak memory of the import;
- documents by language and genre, and the skipped files by reason;
- briefings with a date, a language and a spokesperson, and a cross-check of
  each briefing's date and language against the archive's own guide
  (pages.csv, whose date is read from the title by a quick rule);
- twin agreement: the Chinese and English versions of one briefing (or one
  day's written answers) should have as many question turns; each pair that
  disagrees is listed;
- the independent reader's count of 25 pages (data/eval/parse_check.md).
"""
from __future__ import annotations

import resource
import sys
import time

import pandas as pd

from analysis import documents_table, read_corpus
from analysis.config import EVAL_DIR, MFA_PAGES_CSV, MFA_PAGES_DIR, SHARED_ENV


def main() -> None:
    if not MFA_PAGES_DIR.is_dir():
        sys.exit(f"eval_parse: the Ministry's pages are read from {MFA_PAGES_DIR}, which is absent "
                 f"(set {SHARED_ENV} to the shared folder)")
    files = sorted(MFA_PAGES_DIR.iterdir())
    start = time.perf_counter()
    segments = read_corpus(MFA_PAGES_DIR, errors="skip", progress=False)
    docs = documents_table(segments)
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    skipped = segments.attrs["skipped"]
    print(f"Pages: {len(files)} files, {len(docs)} documents read, {len(skipped)} skipped; "
          f"{seconds:.1f} s, peak memory {peak:.0f} MB (whole process)")
    print(docs.groupby(["lang", "genre"]).size().rename("documents").to_frame().to_string())
    reasons = pd.Series([why.split(" (")[0] for _, why in skipped]).value_counts()
    print("\nSkipped, by reason:\n" + reasons.to_string())

    briefings = docs[docs["genre"] == "briefing"]
    complete = briefings["date"].notna() & briefings["lang"].isin(["zh", "en"]) & briefings["spokesperson"].ne("")
    print(f"\nBriefings: {len(briefings)}, with date, language and spokesperson: {int(complete.sum())}")
    if MFA_PAGES_CSV.is_file():
        guide = pd.read_csv(MFA_PAGES_CSV, dtype=str, keep_default_na=False)
        guide = guide[guide["kind"] == "briefing"]
        mine = briefings.assign(file=briefings["source"].map(lambda s: s.rsplit("/", 1)[-1]))
        both = guide.merge(mine, on="file", suffixes=("_guide", ""))
        same = (both["date_guide"] == both["date"].dt.strftime("%Y-%m-%d")) & (both["lang_guide"] == both["lang"])
        print(f"pages.csv lists {len(guide)} briefing pages; imported as briefings: {len(both)}; "
              f"same date and language: {int(same.sum())}")
        extra = mine[~mine["file"].isin(guide["file"])]
        print(f"briefings pages.csv files under another kind (its quick rule missed them): {len(extra)}")

    zh = docs[(docs["lang"] == "zh") & (docs["twin"] != "")]
    pairs = zh.merge(docs[["doc_id", "n_questions"]].rename(columns={"doc_id": "twin", "n_questions": "n_en"}),
                     on="twin")
    agree = pairs["n_questions"] == pairs["n_en"]
    print(f"\nTwins: {len(pairs)} pairs ({pairs['genre'].value_counts().to_dict()}); "
          f"same number of question turns: {int(agree.sum())} ({agree.mean():.1%})")
    for row in pairs[~agree].itertuples():
        print(f"  {row.doc_id}: {row.n_questions} turns in Chinese, {row.n_en} in English")

    counts = pd.read_csv(EVAL_DIR / "parse_check_counts.csv", dtype=str, keep_default_na=False)
    by_file = segments.assign(file=segments["doc_id"].map(docs.set_index("doc_id")["source"])
                              .map(lambda s: s.rsplit("/", 1)[-1]))
    exact = 0
    for row in counts.itertuples():
        seg = by_file[by_file["file"] == row.file]
        qa = seg[seg["qa_no"].notna()]
        answers = " ".join(str((g["kind"] == "answer").sum()) for _, g in qa.groupby("qa_no"))
        exact += answers == row.answers_per_turn
    print(f"\nIndependent count of {len(counts)} pages: answer paragraphs of every turn equal on {exact}")


if __name__ == "__main__":
    main()
