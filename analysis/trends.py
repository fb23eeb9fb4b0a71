"""Change over time and between spokespersons, across a corpus of briefings.

Every table here pools the documents of a corpus by **period**: a document's
date (from its document variables, :func:`analysis.documents_table`) by
calendar month (``freq="M"``, periods named ``2019-08``), quarter (``"Q"``,
``2019Q3``) or year (``"Y"``, ``2019``). Every period from the first dated
document to the last has its rows, with ``n`` 0 where no document falls: a gap
is shown as a gap, never bridged. Undated documents are left out (their doc ids
are in the table's ``attrs["undated"]``).

**Intervals** are 95% percentile intervals from a *cluster* bootstrap: the
briefings of a period are drawn with replacement (2,000 draws, a fixed seed
per period, so that adding a briefing in May leaves March's interval as it was),
and the statistic is computed over all the paragraphs (turns, Q&As) of the
briefings drawn. The paragraphs of one briefing share a day, a spokesperson and
the news, so they are not independent draws: resampling paragraphs would give
intervals too narrow. A period with a single briefing has no interval (NaN), and
the figures draw its point hollow: a spike from one briefing is seen as one.

**Dispersion** says how many briefings carry a mention or a term, and Gries'
DP (Gries 2008, "Dispersions and adjusted frequencies in corpora"): with the
briefings of a period as the corpus parts, ``DP = ½ Σ |v_i − s_i|`` where
``s_i`` is briefing *i*'s share of the period's units (turns, tokens) and
``v_i`` its share of the hits; 0 when the hits spread as the text does, near 1
when one briefing holds them all.

The three tables other tools read have fixed names and columns:
:func:`tone_trend_table`, :func:`mention_trend_table`,
:func:`country_tone_trend_table`.
"""
from __future__ import annotations

import re
import zlib
from typing import Iterable, Literal, Sequence

import numpy as np
import pandas as pd

Freq = Literal["M", "Q", "Y"]
FREQS: tuple[Freq, ...] = ("M", "Q", "Y")
FREQ_NAMES = {"M": "month", "Q": "quarter", "Y": "year"}
N_BOOT = 2000
LEVEL = 0.95
SEED = 20161115  # the first briefing of the shared archive
#: Gazetteer kinds that count as countries in the trend tables (regions and organisations do not).
COUNTRY_KINDS = ("country", "observer", "territory")


# ---------------------------------------------------------------------------
# Periods


def check_freq(freq: object) -> Freq:
    """``freq`` as ``M``, ``Q`` or ``Y`` (``month``, ``quarter``, ``year`` are taken too)."""
    words = {v: k for k, v in FREQ_NAMES.items()}
    value = words.get(str(freq).lower(), str(freq).upper()) if isinstance(freq, str) else freq
    if value not in FREQS:
        raise ValueError(f"freq must be one of M, Q, Y (month, quarter, year), not {freq!r}")
    return value  # type: ignore[return-value]


def period_labels(dates: pd.Series | Sequence, freq: Freq) -> np.ndarray:
    """Each date's period, as text: ``2019-08``, ``2019Q3`` or ``2019``."""
    freq = check_freq(freq)
    idx = pd.PeriodIndex(pd.to_datetime(pd.Series(dates)), freq=freq)
    return np.asarray(idx.astype(str), dtype=object)


def period_range(first: str, last: str, freq: Freq) -> list[str]:
    """Every period from ``first`` to ``last`` (period labels), in order."""
    return [str(p) for p in pd.period_range(pd.Period(first, freq=freq), pd.Period(last, freq=freq), freq=freq)]


def period_start(periods: Iterable[str], freq: Freq) -> pd.DatetimeIndex:
    """The first day of each period (where a figure places it)."""
    return pd.DatetimeIndex([pd.Period(p, freq=freq).start_time for p in periods])


def period_table(segments: pd.DataFrame, *, freq: Freq = "M") -> pd.DataFrame:
    """One row per dated document of ``segments``: doc_id, date, period, lang,
    genre, spokesperson (from the document variables it carries)."""
    from .documents import document_variables

    freq = check_freq(freq)
    docs = document_variables(segments)
    undated = docs.loc[docs["date"].isna(), "doc_id"].tolist()
    docs = docs[docs["date"].notna()].reset_index(drop=True)
    out = docs[["doc_id", "date", "lang", "genre", "spokesperson"]].copy()
    out.insert(2, "period", period_labels(out["date"], freq))
    out.attrs["undated"] = undated
    return out


def add_periods(table: pd.DataFrame, segments: pd.DataFrame, *, freq: Freq = "M") -> pd.DataFrame:
    """``table`` (any table with ``doc_id``) with its documents' ``date``, ``period``
    and ``spokesperson``; rows of undated documents are dropped."""
    docs = period_table(segments, freq=freq).set_index("doc_id")
    wanted = [c for c in ("date", "period", "spokesperson") if c not in table.columns]
    out = table.join(docs[wanted], on="doc_id", how="inner")
    return out.reset_index(drop=True)


def _periods(docs: pd.DataFrame, freq: Freq) -> list[str]:
    if docs.empty:
        return []
    return period_range(docs["period"].min(), docs["period"].max(), freq)


def add_coverage(table: pd.DataFrame, segments: pd.DataFrame, *, freq: Freq = "M") -> pd.DataFrame:
    """``table`` (any table with ``period``) with ``period_docs``, the documents of the
    period, and ``sparse``: the period holds fewer than half as many documents as the
    median period (or fewer than two), as the archive's first and last months do. The
    figures shade such periods: a point there rests on little."""
    docs = period_table(segments, freq=check_freq(freq))
    counts = docs.groupby("period").size()
    counts = counts.reindex(_periods(docs, freq), fill_value=0)
    threshold = max(2.0, float(counts[counts > 0].median()) / 2) if (counts > 0).any() else 2.0
    out = table.copy()
    out["period_docs"] = out["period"].map(counts).fillna(0).astype("int64").to_numpy()
    out["sparse"] = (out["period_docs"] < threshold).to_numpy()
    out.attrs["sparse_below"] = int(np.ceil(threshold))
    return out


# ---------------------------------------------------------------------------
# Turns: the units of questions and answers


def turn_table(segments: pd.DataFrame, *, kind: str = "question") -> pd.DataFrame:
    """The turns of one kind: a run of consecutive paragraphs of ``kind`` within one
    Q&A (a follow-up question is a turn of its own; so is the answer to it).
    One row per paragraph: doc_id, para_no, turn (numbered within the corpus)."""
    seg = segments[["doc_id", "para_no", "kind", "qa_no", "follow_up"]]
    doc = pd.factorize(seg["doc_id"])[0]
    k = seg["kind"].to_numpy(dtype=object)
    qa = seg["qa_no"].fillna(-1).to_numpy(dtype=np.int64)
    fu = seg["follow_up"].to_numpy(dtype=bool)
    new = np.ones(len(seg), dtype=bool)
    new[1:] = (doc[1:] != doc[:-1]) | (k[1:] != k[:-1]) | (qa[1:] != qa[:-1]) | (fu[1:] & ~fu[:-1])
    turn = np.cumsum(new) - 1
    mine = k == kind
    return pd.DataFrame({"doc_id": seg["doc_id"].to_numpy()[mine], "para_no": seg["para_no"].to_numpy()[mine],
                         "turn": turn[mine]})


# ---------------------------------------------------------------------------
# The cluster bootstrap


def _rng(*key: object) -> np.random.Generator:
    """A generator seeded by ``key``: the same key, the same draws."""
    return np.random.default_rng([SEED, zlib.crc32("\x1f".join(map(str, key)).encode())])


def _draws(clusters: Sequence[str], n_boot: int = N_BOOT) -> np.ndarray:
    """Bootstrap multiplicities of ``clusters`` (briefings), draws × clusters, seeded by
    the clusters themselves: a period's interval changes only when its briefings do."""
    g = len(clusters)
    return _rng(*clusters).multinomial(g, np.full(g, 1.0 / g), size=n_boot)


def _percentiles(stats: np.ndarray, level: float = LEVEL) -> tuple[float, float]:
    tail = (1 - level) / 2 * 100
    low, high = np.percentile(stats, [tail, 100 - tail], axis=0)
    return low, high


def cluster_interval(
    sums: np.ndarray, counts: np.ndarray, *, clusters: Sequence[str] | None = None, n_boot: int = N_BOOT,
    level: float = LEVEL,
) -> tuple[float, float]:
    """Percentile interval of the ratio ``Σ sums / Σ counts`` when the clusters
    (briefings, named by ``clusters``; default: numbered) are drawn with replacement;
    NaN for fewer than two clusters."""
    sums, counts = np.asarray(sums, float), np.asarray(counts, float)
    names = [str(c) for c in (clusters if clusters is not None else range(len(sums)))]
    keep = counts > 0
    sums, counts = sums[keep], counts[keep]
    names = [n for n, k in zip(names, keep) if k]
    if len(sums) < 2:
        return float("nan"), float("nan")
    draws = _draws(names, n_boot)
    low, high = _percentiles((draws @ sums) / (draws @ counts), level)
    return float(low), float(high)


def _mean_table(values: pd.DataFrame, groups: list[str], frame: pd.DataFrame) -> pd.DataFrame:
    """Mean of ``value`` per group with its cluster-bootstrap interval.

    ``values`` has the ``groups`` columns, ``doc_id`` (the cluster) and ``value``;
    ``frame`` lists every group that must appear (with n 0 where it has no rows).
    Groups whose briefings are the same (the topics of one period) share their draws.
    """
    per_doc = (values.groupby(groups + ["doc_id"], sort=True, observed=True)["value"].agg(["sum", "size"])
               .reset_index())
    codes = per_doc.groupby(groups, sort=False, observed=True).ngroup().to_numpy()
    bounds = np.flatnonzero(np.diff(codes, prepend=-1))
    ends = np.append(bounds[1:], len(per_doc))
    sums, sizes = per_doc["sum"].to_numpy(float), per_doc["size"].to_numpy(float)
    docs = per_doc["doc_id"].astype(str).to_numpy()
    cache: dict[tuple, np.ndarray] = {}
    rows = []
    for a, b in zip(bounds, ends):
        n = sizes[a:b].sum()
        clusters = tuple(docs[a:b])
        if len(clusters) >= 2:
            draws = cache.get(clusters)
            if draws is None:
                draws = cache[clusters] = _draws(clusters)
            low, high = _percentiles((draws @ sums[a:b]) / (draws @ sizes[a:b]))
        else:
            low = high = np.nan
        rows.append((int(n), float(sums[a:b].sum() / n), float(low), float(high)))
    stats = per_doc.iloc[bounds][groups].reset_index(drop=True)
    stats[["n", "mean", "ci_low", "ci_high"]] = pd.DataFrame(rows, columns=["n", "mean", "ci_low", "ci_high"])
    out = frame[groups].merge(stats, on=groups, how="left")
    out["n"] = out["n"].fillna(0).astype("int64")
    return out


# ---------------------------------------------------------------------------
# The three tables other tools read


def tone_trend_table(segments: pd.DataFrame, scores: pd.DataFrame, *, freq: Freq = "M",
                     kind: str = "answer") -> pd.DataFrame:
    """Mean tone of the paragraphs of ``kind`` per period.

    ``scores`` is the paragraph scorer's table (:func:`analysis.sentiment.paragraph_table`).
    One row per period: ``period``, ``n`` (paragraphs of that kind), ``mean`` (their
    mean paragraph tone), ``ci_low``, ``ci_high`` (95%, resampling briefings).
    """
    freq = check_freq(freq)
    docs = period_table(segments, freq=freq)
    paras = segments.loc[segments["kind"] == kind, ["doc_id", "para_no"]]
    values = paras.merge(scores[["doc_id", "para_no", "score"]], on=["doc_id", "para_no"])
    values = values.rename(columns={"score": "value"}).merge(docs[["doc_id", "period"]], on="doc_id")
    frame = pd.DataFrame({"period": _periods(docs, freq)})
    out = _mean_table(values, ["period"], frame)
    out.attrs.update(freq=freq, kind=kind, undated=docs.attrs["undated"])
    return out


def _country_codes(mentions: pd.DataFrame, countries: Sequence[str] | None) -> pd.DataFrame:
    """The mentions of countries and territories (not regions or organisations), or of ``countries``."""
    if countries is not None:
        return mentions[mentions["country"].isin(list(countries))]
    from .labels import country_kinds

    kinds = country_kinds()
    return mentions[mentions["country"].map(kinds).isin(COUNTRY_KINDS)]


def mention_trend_table(segments: pd.DataFrame, mentions: pd.DataFrame, *, freq: Freq = "M",
                        kind: str = "question", countries: Sequence[str] | None = None) -> pd.DataFrame:
    """How many turns of ``kind`` name each country, per period.

    ``mentions`` is :func:`analysis.countries.find_mentions`'s table. A turn is a
    question (a follow-up is a turn of its own), or the answer to one
    (:func:`turn_table`); a turn names a country when any of its paragraphs does.
    One row per period and country, zeros included: ``period``, ``country``,
    ``n_units`` (turns of that kind in the period), ``n_mentioning`` (those that
    name the country), ``share``. Countries: every country and territory the turns
    name (regions and organisations left out), or those of ``countries``.
    """
    freq = check_freq(freq)
    docs = period_table(segments, freq=freq)
    turns = turn_table(segments, kind=kind).merge(docs[["doc_id", "period"]], on="doc_id")
    named = _country_codes(mentions, countries)[["doc_id", "para_no", "country"]]
    hits = named.merge(turns, on=["doc_id", "para_no"]).drop_duplicates(["turn", "country"])
    codes = sorted(set(hits["country"])) if countries is None else list(dict.fromkeys(countries))
    periods = _periods(docs, freq)
    units = turns.drop_duplicates("turn").groupby("period").size()
    counts = hits.groupby(["period", "country"]).size()
    index = pd.MultiIndex.from_product([periods, codes], names=["period", "country"])
    out = index.to_frame(index=False)
    out["n_units"] = units.reindex(out["period"]).fillna(0).astype("int64").to_numpy()
    out["n_mentioning"] = counts.reindex(index).fillna(0).astype("int64").to_numpy()
    out["share"] = out["n_mentioning"] / out["n_units"].where(out["n_units"] > 0)
    out.attrs.update(freq=freq, kind=kind, undated=docs.attrs["undated"])
    return out


def country_tone_trend_table(segments: pd.DataFrame, scores: pd.DataFrame, mentions: pd.DataFrame, *,
                             freq: Freq = "Y", kind: str = "answer",
                             countries: Sequence[str] | None = None) -> pd.DataFrame:
    """Mean tone toward each country in the paragraphs of ``kind`` that name it, per period.

    ``scores``: :func:`analysis.sentiment.party_tone_table` (tone toward each party a
    paragraph names, from the sentences that name it: what the tables of tone toward a
    country use, since issue 14), or a table of paragraph scores without a ``country``
    column (the paragraph's own tone, as before). A paragraph counts once for a country
    however often it names it. One row per period and country (every period; n 0 where
    no paragraph names it): ``period``, ``country``, ``n`` (paragraphs of that kind
    naming the country), ``mean`` (their mean tone toward it), ``ci_low``, ``ci_high``
    (95%, resampling briefings). Countries as in :func:`mention_trend_table`.
    """
    freq = check_freq(freq)
    docs = period_table(segments, freq=freq)
    paras = segments.loc[segments["kind"] == kind, ["doc_id", "para_no"]]
    named = _country_codes(mentions, countries)[["doc_id", "para_no", "country"]].drop_duplicates()
    on = ["doc_id", "para_no"] + (["country"] if "country" in scores.columns else [])
    values = (named.merge(paras, on=["doc_id", "para_no"])
              .merge(scores[on + ["score"]], on=on)
              .merge(docs[["doc_id", "period"]], on="doc_id").rename(columns={"score": "value"}))
    codes = sorted(set(values["country"])) if countries is None else list(dict.fromkeys(countries))
    frame = pd.MultiIndex.from_product([_periods(docs, freq), codes], names=["period", "country"]).to_frame(index=False)
    out = _mean_table(values, ["period", "country"], frame)
    out.attrs.update(freq=freq, kind=kind, undated=docs.attrs["undated"])
    return out


# ---------------------------------------------------------------------------
# Dispersion


def gries_dp(hits: np.ndarray, sizes: np.ndarray) -> float:
    """Gries' DP of hits over corpus parts of the given sizes (NaN without hits)."""
    hits, sizes = np.asarray(hits, float), np.asarray(sizes, float)
    if hits.sum() == 0 or sizes.sum() == 0:
        return float("nan")
    return float(0.5 * np.abs(hits / hits.sum() - sizes / sizes.sum()).sum())


def _dispersion(hits: pd.DataFrame, sizes: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Per group of ``keys`` (period, and country or term): briefings with hits and DP.

    ``hits``: keys, doc_id, hits (briefings with none may be missing);
    ``sizes``: period, doc_id, size (every briefing of every period)."""
    by_period = {p: g.set_index("doc_id")["size"] for p, g in sizes.groupby("period", sort=False)}
    rows = []
    for key, part in hits.groupby(keys, sort=False):
        key = key if isinstance(key, tuple) else (key,)
        size = by_period[key[0]]
        h = part.set_index("doc_id")["hits"].reindex(size.index).fillna(0).to_numpy()
        rows.append((*key, int((h > 0).sum()), gries_dp(h, size.to_numpy())))
    return pd.DataFrame(rows, columns=keys + ["n_docs_with", "dp"])


def mention_dispersion_table(segments: pd.DataFrame, mentions: pd.DataFrame, *, freq: Freq = "M",
                             kind: str = "question", countries: Sequence[str] | None = None) -> pd.DataFrame:
    """:func:`mention_trend_table` with how the mentions spread over the period's
    briefings: ``n_docs`` (briefings in the period), ``n_docs_with`` (briefings
    whose turns of ``kind`` name the country) and ``dp`` (Gries' DP over the
    briefings, each weighted by its turns of ``kind``; NaN without a mention)."""
    freq = check_freq(freq)
    trend = mention_trend_table(segments, mentions, freq=freq, kind=kind, countries=countries)
    docs = period_table(segments, freq=freq)
    turns = turn_table(segments, kind=kind).merge(docs[["doc_id", "period"]], on="doc_id")
    sizes = turns.drop_duplicates("turn").groupby(["period", "doc_id"]).size().rename("size").reset_index()
    named = _country_codes(mentions, countries)[["doc_id", "para_no", "country"]]
    hits = (named.merge(turns, on=["doc_id", "para_no"]).drop_duplicates(["turn", "country"])
            .groupby(["period", "country", "doc_id"]).size().rename("hits").reset_index())
    spread = _dispersion(hits, sizes, ["period", "country"])
    n_docs = docs.groupby("period").size()
    out = trend.merge(spread, on=["period", "country"], how="left")
    out.insert(5, "n_docs", n_docs.reindex(out["period"]).fillna(0).astype("int64").to_numpy())
    out["n_docs_with"] = out["n_docs_with"].fillna(0).astype("int64")
    out.attrs.update(trend.attrs)
    return out


# ---------------------------------------------------------------------------
# The corpus at a glance


def activity_table(segments: pd.DataFrame, *, freq: Freq = "M") -> pd.DataFrame:
    """Briefings and questions per period: ``period``, ``n_docs`` (documents),
    ``n_questions`` (Q&As), ``per_doc`` (Q&As per document), ``ci_low``,
    ``ci_high`` (95%, resampling documents)."""
    freq = check_freq(freq)
    docs = period_table(segments, freq=freq)
    q = segments[segments["kind"] == "question"].drop_duplicates(["doc_id", "qa_no"]).groupby("doc_id").size()
    per_doc = docs[["doc_id", "period"]].assign(value=q.reindex(docs["doc_id"]).fillna(0).to_numpy())
    # one "paragraph" per document: the mean over documents of their Q&As
    frame = pd.DataFrame({"period": _periods(docs, freq)})
    stats = _mean_table(per_doc, ["period"], frame).rename(columns={"n": "n_docs", "mean": "per_doc"})
    stats.insert(2, "n_questions", per_doc.groupby("period")["value"].sum().reindex(stats["period"])
                 .fillna(0).astype("int64").to_numpy())
    stats.attrs.update(freq=freq, undated=docs.attrs["undated"])
    return stats


def _shares(counts: pd.Series, index: pd.MultiIndex, name: str) -> pd.DataFrame:
    """Counts by (period, group) over every pair of ``index`` (0 where none), as the
    column ``name``, with ``share``: of the period's total (NaN in an empty period)."""
    out = counts.reindex(index).fillna(0).astype("int64").rename(name).reset_index()
    totals = out.groupby("period")[name].transform("sum")
    out["share"] = out[name] / totals.where(totals > 0)
    return out


def spokesperson_table(segments: pd.DataFrame, *, freq: Freq = "M") -> pd.DataFrame:
    """Who held the briefings of each period: ``period``, ``spokesperson``, ``n_docs``,
    ``share`` (of the period's documents); every spokesperson in every period."""
    freq = check_freq(freq)
    docs = period_table(segments, freq=freq)
    people = docs.groupby("spokesperson")["date"].min().sort_values().index.tolist()
    index = pd.MultiIndex.from_product([_periods(docs, freq), people], names=["period", "spokesperson"])
    return _shares(docs.groupby(["period", "spokesperson"]).size(), index, "n_docs")


def tenure_table(segments: pd.DataFrame) -> pd.DataFrame:
    """Each spokesperson's first and last document in the corpus, documents held
    and their share: ``spokesperson``, ``first``, ``last``, ``n_docs``, ``share``,
    in order of first appearance."""
    docs = period_table(segments, freq="M")
    out = docs.groupby("spokesperson").agg(first=("date", "min"), last=("date", "max"), n_docs=("doc_id", "size"))
    out["share"] = out["n_docs"] / out["n_docs"].sum()
    return out.sort_values(["first", "last"]).reset_index()


def origin_trend_table(segments: pd.DataFrame, *, freq: Freq = "M", named_only: bool = False) -> pd.DataFrame:
    """Who asked, per period: the questions (Q&As) whose outlet the transcript names
    as domestic or foreign, names but ``data/outlets.csv`` does not place (unknown), or
    leaves unnamed: ``period``, ``origin``, ``n_questions``, ``share`` (of the period's
    questions), and ``foreign_share_named`` (foreign among the named; NaN where none is
    named). With ``named_only``, the periods before the first one whose transcripts name
    an outlet are left out (their questions are counted in ``attrs["unnamed_before"]``)."""
    from .outlets import add_outlet_info

    freq = check_freq(freq)
    docs = period_table(segments, freq=freq)
    seg = segments if "qa_origin" in segments.columns else add_outlet_info(segments)
    q = seg[seg["kind"] == "question"].drop_duplicates(["doc_id", "qa_no"])[["doc_id", "qa_origin"]]
    q = q.merge(docs[["doc_id", "period"]], on="doc_id")
    origins = ["domestic", "foreign", "unknown", "unnamed"]
    index = pd.MultiIndex.from_product([_periods(docs, freq), origins], names=["period", "origin"])
    out = _shares(q.groupby(["period", "qa_origin"]).size(), index, "n_questions")
    wide = out.set_index(["period", "origin"])["n_questions"].unstack("origin")
    named = wide["domestic"] + wide["foreign"]
    foreign = (wide["foreign"] / named.where(named > 0)).rename("foreign_share_named")
    out = out.join(foreign, on="period")
    if named_only:
        any_named = wide[["domestic", "foreign", "unknown"]].sum(axis=1)
        first = any_named[any_named > 0].index.min() if (any_named > 0).any() else None
        before = out["period"] < first if first is not None else pd.Series(True, index=out.index)
        unnamed_before = int(out.loc[before, "n_questions"].sum())
        out = out[~before].reset_index(drop=True)
        out.attrs.update(unnamed_before=unnamed_before, first_named=first or "")
    return out


def answer_length_table(segments: pd.DataFrame, *, freq: Freq = "M") -> pd.DataFrame:
    """Mean length of an answer (characters of one answer turn) per period:
    ``period``, ``n`` (answer turns), ``mean``, ``ci_low``, ``ci_high``."""
    freq = check_freq(freq)
    docs = period_table(segments, freq=freq)
    turns = turn_table(segments, kind="answer").merge(segments[["doc_id", "para_no", "n_chars"]],
                                                      on=["doc_id", "para_no"])
    per_turn = turns.groupby(["doc_id", "turn"], sort=False)["n_chars"].sum().rename("value").reset_index()
    values = per_turn.merge(docs[["doc_id", "period"]], on="doc_id")
    return _mean_table(values, ["period"], pd.DataFrame({"period": _periods(docs, freq)}))


# ---------------------------------------------------------------------------
# Tone: by spokesperson, and what changed


def spokesperson_tone_table(segments: pd.DataFrame, scores: pd.DataFrame, *, freq: Freq = "Q",
                            kind: str = "answer", min_docs: int = 1) -> pd.DataFrame:
    """Mean tone of each spokesperson's paragraphs of ``kind`` per period, with
    ``n_docs`` (their briefings in the period), ``n`` (paragraphs), ``mean``,
    ``ci_low``, ``ci_high``, and ``shared`` (the period has briefings of at least
    two spokespersons, each with ``min_docs`` or more: where person and time can be
    told apart). Only spokespersons with briefings in the period have rows."""
    freq = check_freq(freq)
    docs = period_table(segments, freq=freq)
    docs = docs[docs["spokesperson"] != ""]
    paras = segments.loc[segments["kind"] == kind, ["doc_id", "para_no"]]
    values = (paras.merge(scores[["doc_id", "para_no", "score"]], on=["doc_id", "para_no"])
              .merge(docs[["doc_id", "period", "spokesperson"]], on="doc_id").rename(columns={"score": "value"}))
    frame = values[["period", "spokesperson"]].drop_duplicates().sort_values(["period", "spokesperson"])
    out = _mean_table(values, ["period", "spokesperson"], frame)
    n_docs = docs.groupby(["period", "spokesperson"]).size()
    out.insert(2, "n_docs", n_docs.reindex(pd.MultiIndex.from_frame(out[["period", "spokesperson"]])).to_numpy())
    enough = out[out["n_docs"] >= min_docs].groupby("period")["spokesperson"].nunique()
    out["shared"] = out["period"].map(enough).fillna(0).ge(2).to_numpy() & (out["n_docs"] >= min_docs).to_numpy()
    return out.reset_index(drop=True)


def spokesperson_effect_table(segments: pd.DataFrame, scores: pd.DataFrame, *, freq: Freq = "M",
                              kind: str = "answer", reference: str | None = None,
                              n_boot: int = N_BOOT) -> pd.DataFrame:
    """How each spokesperson's tone differs from a reference spokesperson's *in the
    same periods*: a regression of paragraph tone on spokesperson and period
    (two-way fixed effects, least squares over paragraphs), so that a change over
    time is not read as a difference between people.

    Columns: ``spokesperson``, ``n_docs``, ``n`` (paragraphs), ``raw_diff`` (the
    difference of plain means from the reference's, time ignored), ``effect`` (the
    difference within periods), ``ci_low``, ``ci_high`` (95%; briefings resampled
    within each period), ``n_shared`` (periods in which the spokesperson and
    another both held briefings: where the effect comes from). The reference
    (default: the spokesperson with the most briefings) has effect 0.
    """
    freq = check_freq(freq)
    docs = period_table(segments, freq=freq)
    docs = docs[docs["spokesperson"] != ""]
    paras = segments.loc[segments["kind"] == kind, ["doc_id", "para_no"]]
    per_doc = (paras.merge(scores[["doc_id", "para_no", "score"]], on=["doc_id", "para_no"])
               .groupby("doc_id")["score"].agg(["sum", "size"]))
    d = docs.join(per_doc, on="doc_id", how="inner").reset_index(drop=True)
    people = d.groupby("spokesperson").size().sort_values(ascending=False, kind="stable")
    if reference is None:
        reference = str(people.index[0])
    if reference not in people.index:
        raise ValueError(f"reference spokesperson {reference!r} has no briefings in the selection")
    others = [p for p in people.index if p != reference]
    periods = sorted(d["period"].unique())
    p_idx = d["period"].map({p: i for i, p in enumerate(periods)}).to_numpy()
    s_idx = d["spokesperson"].map({p: i for i, p in enumerate(others)}).fillna(-1).astype(int).to_numpy()
    y_sum, w = d["sum"].to_numpy(float), d["size"].to_numpy(float)

    def solve(mult: np.ndarray) -> np.ndarray:
        """Effects for briefing multiplicities ``mult`` (draws × briefings)."""
        ww, yy = mult * w, mult * y_sum  # weights (paragraphs) and weighted sums
        n_p, n_s = len(periods), len(others)
        onehot_p = np.zeros((len(d), n_p))
        onehot_p[np.arange(len(d)), p_idx] = 1
        W_p = ww @ onehot_p  # draws × periods
        Y_p = yy @ onehot_p
        effects = np.full((len(mult), n_s), np.nan)
        mine = s_idx >= 0
        onehot_ps = np.zeros((len(d), n_p * n_s))
        onehot_ps[np.flatnonzero(mine), p_idx[mine] * n_s + s_idx[mine]] = 1
        M = (ww @ onehot_ps).reshape(len(mult), n_p, n_s)  # weight of spokesperson j in period p
        Y_ps = (yy @ onehot_ps).reshape(len(mult), n_p, n_s)
        inv = np.where(W_p > 0, 1 / np.where(W_p > 0, W_p, 1), 0)
        A = np.einsum("bpj,bpk,bp->bjk", M, M, inv)
        A = np.einsum("bj,jk->bjk", M.sum(axis=1), np.eye(n_s)) - A
        rhs = Y_ps.sum(axis=1) - np.einsum("bpj,bp,bp->bj", M, Y_p, inv)
        for b in range(len(mult)):
            idx = np.flatnonzero(np.abs(np.diag(A[b])) > 1e-12)
            if len(idx):
                effects[b, idx] = np.linalg.lstsq(A[b][np.ix_(idx, idx)], rhs[b, idx], rcond=None)[0]
        return effects

    point = solve(np.ones((1, len(d))))[0]
    # draws: briefings resampled within each period
    draws = np.zeros((n_boot, len(d)))
    for i, p in enumerate(periods):
        members = np.flatnonzero(p_idx == i)
        draws[:, members] = _draws(list(d["doc_id"].to_numpy()[members]), n_boot)
    boot = solve(draws)
    tail = (1 - LEVEL) / 2 * 100
    low = np.nanpercentile(boot, tail, axis=0) if len(others) else np.array([])
    high = np.nanpercentile(boot, 100 - tail, axis=0) if len(others) else np.array([])
    raw = d.groupby("spokesperson")[["sum", "size"]].sum()
    raw_mean = raw["sum"] / raw["size"]
    shared = d.groupby("period")["spokesperson"].nunique()
    rows = [(reference, 0.0, 0.0, 0.0, 0.0)] + [
        (p, float(raw_mean[p] - raw_mean[reference]), float(point[i]), float(low[i]), float(high[i]))
        for i, p in enumerate(others)]
    out = pd.DataFrame(rows, columns=["spokesperson", "raw_diff", "effect", "ci_low", "ci_high"])
    out.insert(1, "n_docs", out["spokesperson"].map(people).astype("int64"))
    out.insert(2, "n", out["spokesperson"].map(raw["size"]).astype("int64"))
    in_shared = d[d["period"].map(shared) >= 2].groupby("spokesperson")["period"].nunique()
    out["n_shared"] = out["spokesperson"].map(in_shared).fillna(0).astype("int64")
    out.attrs.update(reference=reference, freq=freq, kind=kind)
    return out


def tone_change_table(segments: pd.DataFrame, terms: pd.DataFrame, *, before: str, after: str,
                      freq: Freq = "Y", kind: str = "answer", paragraphs: pd.DataFrame | None = None,
                      n: int = 10) -> pd.DataFrame:
    """The terms that drive the change of tone between two periods.

    For each scored term (¬ marks a negated one), its summed weight per 10,000
    tokens of the paragraphs of ``kind`` in each period (optionally only the
    ``paragraphs`` given: doc_id, para_no, say those naming a country), and the
    change. Columns: ``term``, ``before``, ``after`` (weight per 10,000 tokens),
    ``change``, ``docs_before``, ``docs_after`` (briefings in which the term
    scores), ``direction`` (``negative`` where the change pulls the tone down).
    The ``n`` largest changes each way, largest first.
    """
    from .sentiment import _shown

    freq = check_freq(freq)
    docs = period_table(segments, freq=freq)
    chosen = docs[docs["period"].isin([before, after])][["doc_id", "period"]]
    for p in (before, after):
        if p not in set(chosen["period"]):
            raise ValueError(f"no document falls in period {p!r} (freq {freq})")
    paras = segments.loc[segments["kind"] == kind, ["doc_id", "para_no"]]
    if paragraphs is not None:
        paras = paras.merge(paragraphs[["doc_id", "para_no"]].drop_duplicates(), on=["doc_id", "para_no"])
    tok = terms.merge(paras, on=["doc_id", "para_no"]).merge(chosen, on="doc_id")
    if "punct" in tok.columns:
        size = tok.loc[~tok["punct"].astype(bool)].groupby("period").size()
    else:
        size = tok.groupby("period").size()
    hits = tok[tok["weight"] != 0].assign(term=lambda t: _shown(t))
    per = hits.groupby(["term", "period"])["weight"].sum().unstack("period").reindex(columns=[before, after])
    per = per.fillna(0.0)
    rate = per.div(size.reindex([before, after]).to_numpy(), axis=1) * 10_000
    docs_with = hits.groupby(["term", "period"])["doc_id"].nunique().unstack("period").reindex(
        columns=[before, after]).fillna(0).astype("int64")
    out = pd.DataFrame({"term": rate.index, "before": rate[before].to_numpy(), "after": rate[after].to_numpy()})
    out["change"] = out["after"] - out["before"]
    out["docs_before"] = docs_with[before].reindex(out["term"]).to_numpy()
    out["docs_after"] = docs_with[after].reindex(out["term"]).to_numpy()
    out["direction"] = np.where(out["change"] < 0, "negative", "positive")
    down = out[out["change"] < 0].sort_values(["change", "term"]).head(n)
    up = out[out["change"] > 0].sort_values(["change", "term"], ascending=[False, True]).head(n)
    table = pd.concat([down, up], ignore_index=True)
    table.attrs.update(before=before, after=after, freq=freq, kind=kind,
                       tokens_before=int(size.get(before, 0)), tokens_after=int(size.get(after, 0)))
    return table


# ---------------------------------------------------------------------------
# Questions and answers


def qa_tone_table(segments: pd.DataFrame, scores: pd.DataFrame, *, freq: Freq = "Y") -> pd.DataFrame:
    """Each Q&A's question tone and answer tone (mean paragraph tone of each side),
    with the questioner's origin and the period: doc_id, qa_no, period, origin,
    question, answer, pressing (``pressing`` where the question scores below 0,
    ``neutral`` at 0, ``friendly`` above)."""
    from .outlets import add_outlet_info

    freq = check_freq(freq)
    docs = period_table(segments, freq=freq)
    seg = segments if "qa_origin" in segments.columns else add_outlet_info(segments)
    qa = seg[seg["kind"].isin(["question", "answer"]) & seg["qa_no"].notna()]
    scored = qa[["doc_id", "para_no", "qa_no", "kind"]].merge(scores[["doc_id", "para_no", "score"]],
                                                             on=["doc_id", "para_no"])
    wide = scored.groupby(["doc_id", "qa_no", "kind"])["score"].mean().unstack("kind")
    wide = wide.reindex(columns=["question", "answer"]).dropna().reset_index()
    wide.columns.name = None
    origin = seg[seg["kind"] == "question"].drop_duplicates(["doc_id", "qa_no"]).set_index(["doc_id", "qa_no"])
    wide["origin"] = origin["qa_origin"].reindex(pd.MultiIndex.from_frame(wide[["doc_id", "qa_no"]])).to_numpy()
    wide = wide.merge(docs[["doc_id", "period"]], on="doc_id")
    wide["pressing"] = np.select([wide["question"] < 0, wide["question"] > 0], ["pressing", "friendly"], "neutral")
    wide["qa_no"] = wide["qa_no"].astype("int64")
    return wide[["doc_id", "qa_no", "period", "origin", "question", "answer", "pressing"]]


def answer_tone_by_table(qa: pd.DataFrame, *, by: str = "pressing") -> pd.DataFrame:
    """Mean answer tone per period and group of :func:`qa_tone_table` (``pressing``
    or ``origin``): ``period``, the group, ``n`` (Q&As), ``mean``, ``ci_low``, ``ci_high``."""
    if by not in ("pressing", "origin"):
        raise ValueError(f"by must be 'pressing' or 'origin', not {by!r}")
    values = qa.rename(columns={"answer": "value"})
    groups = ["pressing", "neutral", "friendly"] if by == "pressing" else \
        [o for o in ("domestic", "foreign", "unknown", "unnamed") if o in set(qa["origin"])]
    periods = sorted(qa["period"].unique())
    frame = pd.MultiIndex.from_product([periods, groups], names=["period", by]).to_frame(index=False)
    return _mean_table(values, ["period", by], frame)


def qa_slope_table(qa: pd.DataFrame, *, n_boot: int = N_BOOT) -> pd.DataFrame:
    """Per period, the least-squares slope of answer tone on question tone over its
    Q&As (how much harder the answer gets per unit of harsher question): ``period``,
    ``n``, ``slope``, ``ci_low``, ``ci_high`` (briefings resampled)."""
    rows = []
    tail = (1 - LEVEL) / 2 * 100
    for period, part in qa.groupby("period", sort=True):
        x, y = part["question"].to_numpy(float), part["answer"].to_numpy(float)
        doc = pd.factorize(part["doc_id"])[0]
        g = doc.max() + 1 if len(doc) else 0

        def slope(weights: np.ndarray) -> np.ndarray:
            sw = weights.sum(axis=-1)
            mx, my = (weights * x).sum(-1) / sw, (weights * y).sum(-1) / sw
            sxx = (weights * x * x).sum(-1) / sw - mx * mx
            sxy = (weights * x * y).sum(-1) / sw - mx * my
            return np.where(sxx > 1e-12, sxy / np.where(sxx > 1e-12, sxx, 1), np.nan)

        point = float(slope(np.ones((1, len(x))))[0]) if len(x) else float("nan")
        if g >= 2:
            draws = _draws(list(pd.unique(part["doc_id"])), n_boot)[:, doc]
            boot = slope(draws.astype(float))
            low, high = np.nanpercentile(boot, [tail, 100 - tail])
        else:
            low = high = float("nan")
        rows.append((period, len(x), point, float(low), float(high)))
    return pd.DataFrame(rows, columns=["period", "n", "slope", "ci_low", "ci_high"])


# ---------------------------------------------------------------------------
# Terms over time, and the concordance


def _term_pattern(term: str) -> re.Pattern:
    """A term as found in text: as characters (Chinese), or as a whole word, any case (Latin)."""
    if re.search(r"[A-Za-z]", term):
        return re.compile(r"(?<![A-Za-z])" + re.escape(term) + r"(?![A-Za-z])", re.IGNORECASE)
    return re.compile(re.escape(term))


def term_trend_table(segments: pd.DataFrame, tokens: pd.DataFrame, terms: Sequence[str], *,
                     freq: Freq = "M", kinds: Sequence[str] = ("question", "answer", "statement")) -> pd.DataFrame:
    """How often each of ``terms`` occurs per period, per million tokens.

    A term is counted wherever its characters stand in a paragraph of ``kinds``
    (as a concordancer finds it, whether or not the segmenter keeps it whole; Latin
    terms as whole words, any case); the denominator is the word tokens (no
    punctuation) of those paragraphs. Columns: ``period``, ``term``, ``count``,
    ``n_tokens``, ``per_million``, ``n_docs``, ``n_docs_with`` (briefings that use
    it), ``dp`` (Gries' DP over the period's briefings, by their tokens).
    """
    freq = check_freq(freq)
    terms = [t for t in dict.fromkeys(terms) if t]
    if not terms:
        raise ValueError("name at least one term")
    docs = period_table(segments, freq=freq)
    seg = segments[segments["kind"].isin(list(kinds))][["doc_id", "para_no", "text"]]
    words = tokens[~tokens["punct"]] if "punct" in tokens.columns else tokens
    words = words.merge(seg[["doc_id", "para_no"]], on=["doc_id", "para_no"])
    sizes = words.groupby("doc_id").size().rename("size")
    sizes = docs[["doc_id", "period"]].join(sizes, on="doc_id").fillna({"size": 0})
    periods = _periods(docs, freq)
    per_period_tokens = sizes.groupby("period")["size"].sum()
    n_docs = docs.groupby("period").size()
    text = seg["text"].astype(str)
    frames = []
    for term in terms:
        rx = _term_pattern(term)
        counts = text.map(lambda s, rx=rx: len(rx.findall(s)))
        hits = seg.assign(hits=counts.to_numpy()).groupby("doc_id")["hits"].sum()
        hits = docs[["doc_id", "period"]].join(hits, on="doc_id").fillna({"hits": 0})
        by_period = hits.groupby("period")["hits"].sum()
        spread = _dispersion(hits.assign(term=term), sizes, ["period", "term"])
        frame = pd.DataFrame({"period": periods, "term": term})
        frame["count"] = by_period.reindex(periods).fillna(0).astype("int64").to_numpy()
        frame["n_tokens"] = per_period_tokens.reindex(periods).fillna(0).astype("int64").to_numpy()
        frame["per_million"] = frame["count"] / frame["n_tokens"].where(frame["n_tokens"] > 0) * 1e6
        frame["n_docs"] = n_docs.reindex(periods).fillna(0).astype("int64").to_numpy()
        frame = frame.merge(spread.drop(columns="term"), on="period", how="left")
        frame["n_docs_with"] = frame["n_docs_with"].fillna(0).astype("int64")
        frame["dp"] = frame["dp"].where(frame["count"] > 0)
        frames.append(frame)
    out = pd.concat(frames, ignore_index=True)
    out.attrs.update(freq=freq)
    return out


def concordance_table(segments: pd.DataFrame, pattern: str, *, window: int | None = None, regex: bool = False,
                      kinds: Sequence[str] | None = None) -> pd.DataFrame:
    """Keyword in context across a corpus (:func:`analysis.words.kwic`), each line
    with its document's date and spokesperson and the outlet that asked: doc_id,
    date, spokesperson, para_no, kind, qa_no, outlet, left, match, right.

    ``window`` characters each side: by default 20 for Chinese and 60 for a pattern in
    Latin script (about the same number of words), where a context cut inside a word
    loses that part word."""
    from .outlets import add_outlet_info
    from .words import kwic

    latin = pattern.isascii()
    window = window or (60 if latin else 20)
    seg = segments if kinds is None else segments[segments["kind"].isin(list(kinds))]
    if latin:  # one character more each side tells whether the window cut a word
        lines = kwic(seg, pattern, window=window + 1, regex=regex)
        left, right = lines["left"], lines["right"]
        long_left, long_right = left.str.len().gt(window), right.str.len().gt(window)
        cut = long_left & ~left.str[0].fillna(" ").str.isspace()
        lines["left"] = left.str[1:].where(long_left, left)
        lines.loc[cut, "left"] = lines.loc[cut, "left"].str.replace(r"^\S*", "", regex=True).str.lstrip()
        cut = long_right & ~right.str[-1].fillna(" ").str.isspace()
        lines["right"] = right.str[:-1].where(long_right, right)
        lines.loc[cut, "right"] = lines.loc[cut, "right"].str.replace(r"\S*$", "", regex=True).str.rstrip()
    else:
        lines = kwic(seg, pattern, window=window, regex=regex)
    docs = period_table(segments, freq="M").set_index("doc_id")
    lines = lines.join(docs[["date", "spokesperson"]], on="doc_id")
    with_outlets = segments if "qa_outlet" in segments.columns else add_outlet_info(segments)
    outlet = with_outlets.set_index(["doc_id", "para_no"])["qa_outlet"]
    lines["outlet"] = outlet.reindex(pd.MultiIndex.from_frame(lines[["doc_id", "para_no"]])).fillna("").to_numpy()
    return lines[["doc_id", "date", "spokesperson", "para_no", "kind", "qa_no", "outlet", "left", "match", "right"]]


def country_trend_table(segments: pd.DataFrame, mentions: pd.DataFrame, *, freq: Freq = "M",
                        countries: Sequence[str]) -> pd.DataFrame:
    """:func:`mention_dispersion_table` of question turns and of answer turns, stacked
    with a ``kind`` column first: what the countries' small multiples draw."""
    parts = [mention_dispersion_table(segments, mentions, freq=freq, kind=kind, countries=countries)
             .assign(kind=kind) for kind in ("question", "answer")]
    out = pd.concat(parts, ignore_index=True)
    out = out[["kind"] + [c for c in out.columns if c != "kind"]]
    order = {c: i for i, c in enumerate(countries)}
    out = out.sort_values(["country", "kind", "period"], key=lambda s: s.map(order) if s.name == "country" else s,
                          kind="stable", ignore_index=True)
    out.attrs.update(freq=freq)
    return out


def top_countries(trend: pd.DataFrame, *, n: int = 6, exclude: Sequence[str] = ("CN",)) -> list[str]:
    """The ``n`` countries named by the most turns in a :func:`mention_trend_table`
    (China, the speaker's own country, left out unless ``exclude`` is empty)."""
    totals = trend[~trend["country"].isin(list(exclude))].groupby("country")["n_mentioning"].sum()
    totals = totals[totals > 0]
    return totals.sort_values(ascending=False, kind="stable").head(n).index.tolist()


# ---------------------------------------------------------------------------
# Topics over time


def _theme_shares(model, segments: pd.DataFrame) -> pd.DataFrame:
    from .topics import theme_flow_table

    flow = theme_flow_table(model, segments)
    return flow[["doc_id", "para_no", "theme", "share"]]


def theme_trend_table(model, segments: pd.DataFrame, *, freq: Freq = "M") -> pd.DataFrame:
    """Each topic's prevalence per period: the mean share of the topic in the answer
    paragraphs of the period (each paragraph's NMF weights scaled to sum to one,
    :func:`analysis.topics.theme_flow_table`). ``model`` is
    :func:`analysis.topics.theme_model`'s. Columns: ``period``, ``theme``, ``label``
    (its top terms), ``n`` (paragraphs), ``mean``, ``ci_low``, ``ci_high``."""
    freq = check_freq(freq)
    docs = period_table(segments, freq=freq)
    shares = _theme_shares(model, segments).merge(docs[["doc_id", "period"]], on="doc_id")
    themes = list(dict.fromkeys(shares["theme"]))
    frame = pd.MultiIndex.from_product([_periods(docs, freq), themes], names=["period", "theme"]).to_frame(index=False)
    out = _mean_table(shares.rename(columns={"share": "value"}), ["period", "theme"], frame)
    out.insert(2, "label", out["theme"].map(model.labels()))
    out.attrs.update(freq=freq)
    return out


def theme_spokesperson_table(model, segments: pd.DataFrame) -> pd.DataFrame:
    """Each topic's prevalence in each spokesperson's answers (as
    :func:`theme_trend_table`, the whole corpus pooled): ``theme``, ``label``,
    ``spokesperson``, ``n``, ``mean``, ``ci_low``, ``ci_high``. The spokespersons
    spoke in different years: read it beside the topics over time."""
    docs = period_table(segments, freq="Y")
    docs = docs[docs["spokesperson"] != ""]
    shares = _theme_shares(model, segments).merge(docs[["doc_id", "spokesperson"]], on="doc_id")
    themes = list(dict.fromkeys(shares["theme"]))
    people = docs.groupby("spokesperson")["date"].min().sort_values().index.tolist()
    frame = pd.MultiIndex.from_product([themes, people], names=["theme", "spokesperson"]).to_frame(index=False)
    out = _mean_table(shares.rename(columns={"share": "value"}), ["theme", "spokesperson"], frame)
    out.insert(1, "label", out["theme"].map(model.labels()))
    return out


# ---------------------------------------------------------------------------
# Events


EVENT_COLUMNS = ("date", "label_zh", "label_en", "countries", "source")


def read_events(path) -> pd.DataFrame:
    """A file of dated events to mark on time axes (``data/events.csv`` or a user's):
    a CSV with ``date`` (YYYY-MM-DD), ``label_zh``, ``label_en``, ``countries``
    (ISO codes separated by spaces, for the countries' panels; empty: none) and
    ``source``. Rows in date order, numbered from 1 (``number``)."""
    from .errors import TranscriptError

    try:
        table = pd.read_csv(path, dtype=str, keep_default_na=False)
    except (OSError, UnicodeDecodeError, pd.errors.ParserError) as exc:
        raise TranscriptError(path, f"cannot read the events file ({exc})") from None
    missing = [c for c in EVENT_COLUMNS if c not in table.columns]
    if missing:
        raise TranscriptError(path, f"the events file lacks the column(s) {', '.join(missing)}")
    dates = pd.to_datetime(table["date"], format="%Y-%m-%d", errors="coerce")
    if dates.isna().any():
        line = int(np.flatnonzero(dates.isna().to_numpy())[0]) + 2
        raise TranscriptError(path, f"line {line}: date {table['date'].iloc[line - 2]!r} is not YYYY-MM-DD")
    table = table.assign(date=dates).sort_values("date", kind="stable").reset_index(drop=True)
    for column in ("label_zh", "label_en"):
        table[column] = table[column].where(table[column] != "", table["label_en" if column == "label_zh" else "label_zh"])
    table.insert(0, "number", np.arange(1, len(table) + 1))
    return table[["number", *EVENT_COLUMNS]]


def events_between(events: pd.DataFrame | None, start, end,
                   countries: Sequence[str] | None = None) -> pd.DataFrame:
    """The events (:func:`read_events`) dated from ``start`` to ``end`` (both included)
    and, with ``countries``, concerning one of them; their numbers as they were."""
    if events is None or events.empty:
        return pd.DataFrame(columns=["number", *EVENT_COLUMNS])
    keep = (events["date"] >= start) & (events["date"] <= end)
    if countries is not None:
        wanted = set(countries)
        keep &= events["countries"].fillna("").str.split().map(lambda cs: bool(wanted & set(cs)))
    return events[keep].reset_index(drop=True)


def event_table(events: pd.DataFrame | None, table: pd.DataFrame, *, freq: Freq,
                countries: Sequence[str] | None = None) -> pd.DataFrame:
    """The events that fall within a trend table's periods (and, with ``countries``, that
    concern one of them): what its figure marks, numbered from 1 in date order."""
    if table.empty:
        return pd.DataFrame(columns=["number", *EVENT_COLUMNS])
    first, last = pd.Period(table["period"].min(), freq=freq), pd.Period(table["period"].max(), freq=freq)
    out = events_between(events, first.start_time, last.end_time, countries)
    out["number"] = np.arange(1, len(out) + 1)
    return out


def document_summary_table(documents: pd.DataFrame, *, freq: Freq = "Y") -> pd.DataFrame:
    """What a corpus holds, per period and language: ``period``, ``lang``, ``n_docs``,
    ``first``, ``last`` (dates), ``n_questions``, ``n_chars``, ``spokespersons``
    (how many held its briefings); undated documents under the period ``undated``."""
    freq = check_freq(freq)
    docs = documents.assign(period=np.where(documents["date"].notna(),
                                            period_labels(documents["date"].fillna(pd.Timestamp(0)), freq),
                                            "undated"))
    out = docs.groupby(["period", "lang"], sort=True).agg(
        n_docs=("doc_id", "size"), first=("date", "min"), last=("date", "max"),
        n_questions=("n_questions", "sum"), n_chars=("n_chars", "sum"),
        spokespersons=("spokesperson", lambda s: s[s != ""].nunique()))
    return out.reset_index()


def mention_lines_table(segments: pd.DataFrame, mentions: pd.DataFrame, *, country: str, period: str,
                        freq: Freq = "M", kind: str = "question") -> pd.DataFrame:
    """The paragraphs of ``kind`` in ``period`` that name ``country``, to read what a
    trend counts: doc_id, date, spokesperson, para_no, surface (the forms that
    matched), text."""
    freq = check_freq(freq)
    docs = period_table(segments, freq=freq)
    docs = docs[docs["period"] == period]
    hits = mentions[(mentions["country"] == country) & mentions["doc_id"].isin(docs["doc_id"])]
    surface = hits.groupby(["doc_id", "para_no"])["surface"].agg(lambda s: " ".join(dict.fromkeys(s)))
    seg = segments[(segments["kind"] == kind) & segments["doc_id"].isin(docs["doc_id"])]
    seg = seg.join(surface, on=["doc_id", "para_no"], how="inner")
    out = seg[["doc_id", "para_no", "surface", "text"]].merge(docs[["doc_id", "date", "spokesperson"]], on="doc_id")
    return out[["doc_id", "date", "spokesperson", "para_no", "surface", "text"]].reset_index(drop=True)


def paragraph_lines_table(segments: pd.DataFrame, scores: pd.DataFrame, *, period: str, freq: Freq = "Y",
                          kind: str = "answer", mentions: pd.DataFrame | None = None, country: str | None = None,
                          n: int = 5, lowest: bool = True) -> pd.DataFrame:
    """The ``n`` paragraphs of ``kind`` in ``period`` with the lowest (``lowest=False``:
    highest) tone, optionally only those naming ``country``, to read what a mean rests
    on: doc_id, date, spokesperson, para_no, score, text."""
    freq = check_freq(freq)
    docs = period_table(segments, freq=freq)
    docs = docs[docs["period"] == period]
    seg = segments[(segments["kind"] == kind) & segments["doc_id"].isin(docs["doc_id"])]
    if country is not None:
        if mentions is None:
            raise ValueError("pass mentions= to choose paragraphs naming a country")
        named = mentions.loc[mentions["country"] == country, ["doc_id", "para_no"]].drop_duplicates()
        seg = seg.merge(named, on=["doc_id", "para_no"])
    scored = seg[["doc_id", "para_no", "text"]].merge(scores[["doc_id", "para_no", "score"]], on=["doc_id", "para_no"])
    scored = scored.merge(docs[["doc_id", "date", "spokesperson"]], on="doc_id")
    picked = scored.nsmallest(n, "score") if lowest else scored.nlargest(n, "score")
    return picked[["doc_id", "date", "spokesperson", "para_no", "score", "text"]].reset_index(drop=True)


def group_keyness_table(segments: pd.DataFrame, tokens: pd.DataFrame, *, by: Literal["period", "spokesperson"],
                        target: str, reference: str, freq: Freq = "Y", kind: str = "answer",
                        min_count: int = 10) -> pd.DataFrame:
    """Keyness between two periods or two spokespersons of a corpus (documents
    pooled): :func:`analysis.words.keyness_table` of the tokens of ``kind``
    paragraphs, keeping only the terms significant after Bonferroni's correction for
    the number tested (p < 0.05 / terms), in its order (signed G²); the Log Ratio
    beside G² says how large each difference is (Hardie 2014: in a large corpus a
    small difference is significant). Columns as keyness_table's; attrs as
    keyness_table's plus ``tested``."""
    from .words import keyness_table

    freq = check_freq(freq)
    seg = add_periods(segments[segments["kind"] == kind], segments, freq=freq)
    seg = seg[seg[by].isin([target, reference])]
    tok = tokens.merge(seg[["doc_id", "para_no"]], on=["doc_id", "para_no"])
    table = keyness_table(tok, seg, by=by, target=target, reference=reference, min_count=min_count, pool=True)
    tested = len(table)
    out = table[table["p"] < 0.05 / max(tested, 1)].reset_index(drop=True)
    out.attrs.update(table.attrs, tested=tested)
    return out


def qa_lines_table(segments: pd.DataFrame, qa: pd.DataFrame) -> pd.DataFrame:
    """The Q&As of ``qa`` (rows of :func:`qa_tone_table`) with their text, to read:
    doc_id, qa_no, question (its tone), answer (its tone), question_text, answer_text
    (the first answer paragraph)."""
    seg = segments[segments["kind"].isin(["question", "answer"])]
    first = seg.drop_duplicates(["doc_id", "qa_no", "kind"]).set_index(["doc_id", "qa_no", "kind"])["text"]
    keys = pd.MultiIndex.from_frame(qa[["doc_id", "qa_no"]].astype({"qa_no": "int64"}))
    out = qa[["doc_id", "qa_no", "question", "answer"]].reset_index(drop=True)
    for kind in ("question", "answer"):
        idx = pd.MultiIndex.from_arrays([keys.get_level_values(0), keys.get_level_values(1), [kind] * len(keys)])
        out[f"{kind}_text"] = first.reindex(idx).to_numpy()
    return out
