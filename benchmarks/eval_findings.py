"""Three findings of the corpus report, checked by reading the paragraphs behind them.

Reads the Ministry's 2016-2020 pages (../shared/mfa/pages, kept as the corpus "pages", as
`make report CORPUS=../shared/mfa/pages` keeps it), recomputes each finding from the trend
tables, and sets beside it what an independent reader judged from the paragraphs alone
(data/eval/findings_*.csv; the procedure is in data/eval/findings.md). Paragraphs are
referred to by doc_id and para_no, with a checksum of their text: a parse that moves them
stops the script rather than comparing the wrong ones.
"""
from __future__ import annotations

import hashlib
import sys

import numpy as np
import pandas as pd
from scipy import stats

from analysis import pipeline, sentiment, trends
from analysis.config import EVAL_DIR, MFA_PAGES_DIR


def wilson(k: int, n: int, z: float = 1.96) -> tuple[float, float]:
    """Wilson's 95% interval of a proportion k/n."""
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * np.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return centre - half, centre + half


def check_texts(table: pd.DataFrame, segments: pd.DataFrame, name: str) -> None:
    text = segments.set_index(["doc_id", "para_no"])["text"]
    for row in table.itertuples():
        got = hashlib.sha1(text[(row.doc_id, row.para_no)].encode("utf-8")).hexdigest()
        if got != row.text_sha1:
            sys.exit(f"{name}: {row.doc_id} paragraph {row.para_no} is not the paragraph that was read")


def main() -> int:
    if not MFA_PAGES_DIR.is_dir():
        print(f"eval_findings: {MFA_PAGES_DIR} is absent; nothing to check")
        return 0
    pipeline.build([MFA_PAGES_DIR], corpus_id="pages", progress=False)
    documents = pipeline.load_documents("pages")
    chosen = documents[(documents["lang"] == "zh") & (documents["genre"] == "briefing")]["doc_id"].tolist()
    t = pipeline.load("pages", doc_ids=chosen)
    seg = t.segments

    # 1. Tone toward the United States hardened from 2017 to 2020.
    us = pd.read_csv(EVAL_DIR / "findings_us_ratings.csv", dtype={"period": str})
    check_texts(us, seg, "findings_us_ratings.csv")
    party = sentiment.party_tone_table(t.terms, t.mentions)  # tone toward each party, as the report scores it
    party_us = party[party["country"] == "US"]
    tone = trends.country_tone_trend_table(seg, party, t.mentions, freq="Y", countries=["US"])
    print("1. Tone toward the United States in the answer paragraphs naming it, by year (the report):")
    print(tone.drop(columns="country").round(3).to_string(index=False))
    a = us.loc[us["period"] == "2017", "rating"].to_numpy()
    b = us.loc[us["period"] == "2020", "rating"].to_numpy()
    rng = np.random.default_rng(1)
    diff = [rng.choice(a, len(a)).mean() - rng.choice(b, len(b)).mean() for _ in range(10_000)]
    scores = us.merge(party_us[["doc_id", "para_no", "score"]], on=["doc_id", "para_no"])
    rho = stats.spearmanr(scores["rating"], scores["score"]).statistic
    print(f"   A reader rating 15 random paragraphs of 2017 and 15 of 2020, shuffled and undated, on the stance\n"
          f"   toward the US (-2 hostile ... +2 warm): 2017 mean {a.mean():+.2f} ({(a < 0).sum()} of {len(a)} negative), "
          f"2020 mean {b.mean():+.2f} ({(b < 0).sum()} of {len(b)} negative);\n"
          f"   difference {a.mean() - b.mean():.2f} (95% CI {np.percentile(diff, 2.5):.2f} to {np.percentile(diff, 97.5):.2f}), "
          f"Mann-Whitney p = {stats.mannwhitneyu(a, b, alternative='greater').pvalue:.1g}; "
          f"the reader's ratings against the scorer's: Spearman's rho = {rho:.2f} (n = {len(us)})")

    # 2. Canada's peak in December 2018 is the Meng Wanzhou case and the detained Canadians.
    ca = pd.read_csv(EVAL_DIR / "findings_canada_topics.csv")
    check_texts(ca, seg, "findings_canada_topics.csv")
    m = trends.mention_dispersion_table(seg, t.mentions, freq="M", countries=["CA"]).set_index("period")
    print("\n2. Questions naming Canada (the report): "
          + "; ".join(f"{p}: {int(m.loc[p, 'n_mentioning'])} of {int(m.loc[p, 'n_units'])} question turns "
                      f"({m.loc[p, 'share']:.0%}), in {int(m.loc[p, 'n_docs_with'])} of {int(m.loc[p, 'n_docs'])} briefings"
                      for p in ("2018-11", "2018-12", "2019-01")))
    k = int(ca["topic"].isin(["meng", "detained_canadians", "both"]).sum())
    low, high = wilson(k, len(ca))
    print(f"   A reader sorting the {len(ca)} question paragraphs of December 2018: "
          + ", ".join(f"{topic} {n}" for topic, n in ca["topic"].value_counts().items())
          + f"; about Meng Wanzhou or the detained Canadians: {k} of {len(ca)} ({k / len(ca):.0%}, 95% CI "
          f"{low:.0%} to {high:.0%})")

    # 3. Hong Kong's peaks: the 2019 protests and foreign reactions, then the national security law.
    hk = pd.read_csv(EVAL_DIR / "findings_hongkong_topics.csv", dtype={"period": str})
    check_texts(hk, seg, "findings_hongkong_topics.csv")
    m = trends.mention_dispersion_table(seg, t.mentions, freq="M", countries=["HK"]).set_index("period")
    print("\n3. Questions naming Hong Kong (the report): "
          + "; ".join(f"{p}: {m.loc[p, 'share']:.0%} of {int(m.loc[p, 'n_units'])} question turns, "
                      f"{int(m.loc[p, 'n_docs'])} briefings" for p in ("2019-08", "2019-11", "2020-07")))
    counts = hk.groupby(["period", "topic"]).size().unstack(fill_value=0)
    print("   A reader sorting the question paragraphs of those months:")
    print(counts.to_string())
    return 0


if __name__ == "__main__":
    sys.exit(main())
