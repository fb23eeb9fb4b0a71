"""Compute once per document, keep it, load it.

One step computes every per-document table; the tables are kept as Parquet:

| table | one row per | columns |
|---|---|---|
| ``segments`` | paragraph | the segments table, with who asked each Q&A (:func:`analysis.add_outlet_info`) and its unit (:func:`analysis.units.add_units`) |
| ``tokens`` | token | :func:`analysis.tokens.tokenize`'s columns, with ``sent_no`` and ``clause_no`` |
| ``terms`` | scored token | doc_id, para_no, position, term, polarity, negated, degree, weight (tokens that score nothing are left out) |
| ``sentences`` | sentence | doc_id, para_no, sent_no, start, end (character offsets), score, positive_terms, negative_terms, pos, neg |
| ``paragraphs`` | paragraph | doc_id, para_no, score, pos, neg |
| ``mentions`` | country mention | :func:`analysis.countries.find_mentions`'s columns, with ``sent_no`` |
| ``documents`` | document | :func:`analysis.documents_table`'s columns (``twin`` is filled in when a corpus is loaded) |

A corpus lives in ``data/interim/<corpus_id>/``: a manifest (each file, its size
and time, its doc id or why it was skipped, and the part that holds its tables)
and one partitioned dataset, ``parts/<part>/<table>.parquet``, each part the
documents of one batch. :func:`build` brings a corpus up to date: a file whose
size, modification time and pipeline :func:`fingerprint` (the code and data the
tables depend on) are unchanged is not read again; the others are parsed, then
computed in batches on every core (processes, not threads: a batch's memory is its
own and freed when it ends) and written as new parts. Parts whose documents all
moved to newer parts are deleted, and small parts are merged when they pile up.
:func:`load` reads any set of documents back as one :class:`Tables`.

Per-document files would be simpler, but at seven small Parquet files a
document the writing alone costs more than all the computing (measured: 18 s of
27 s for 931 briefings); a part holds a batch of documents in seven files.
"""
from __future__ import annotations

import hashlib
import json
import multiprocessing as mp
import os
import shutil
import uuid
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import cached_property
from os import PathLike
from pathlib import Path
from typing import Iterable, Sequence

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from .config import CORPUS_METADATA_CSV, DATA_DIR, INTERIM_DIR, LEXICON_DIR
from .errors import TranscriptError
from .files import write_atomic

TABLES = ("segments", "tokens", "terms", "sentences", "paragraphs", "mentions", "documents")
TERM_COLUMNS = ["doc_id", "para_no", "position", "term", "polarity", "negated", "degree", "weight"]
MANIFEST_COLUMNS = ["source", "size", "mtime_ns", "doc_id", "base_id", "order", "part", "status", "reason",
                    "fingerprint", *(f"hash_{t}" for t in TABLES)]
#: Characters of text a worker computes at once: large enough that per-call and
#: per-file costs vanish, small enough that a worker's memory stays small.
BATCH_CHARS = 300_000
#: Parts in a corpus beyond which the small ones are merged (a daily briefing adds one).
MAX_PARTS = 48
_PACKAGE = Path(__file__).parent
#: What the per-document tables depend on besides the transcript itself.
_FINGERPRINT_FILES = [
    *(_PACKAGE / f"{m}.py" for m in ("config", "errors", "textio", "pages", "transcript", "documents", "outlets",
                                     "units", "tokens", "english", "cmfa", "sentiment", "countries", "pipeline")),
    DATA_DIR / "outlets.csv", DATA_DIR / "speakers.csv", CORPUS_METADATA_CSV,
]


# ---------------------------------------------------------------------------
# The tables of a batch of documents


def document_tables(segments: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """Every per-document table of ``segments`` (one or many documents), computed
    once: one tokenization, one term table, everything else from them."""
    from . import countries, sentiment
    from .documents import documents_table
    from .outlets import add_outlet_info
    from .tokens import TOKEN_COLUMNS, tokenize
    from .units import add_units

    seg = add_units(add_outlet_info(segments))
    tokens = tokenize(seg)
    scored = sentiment.term_table(seg, tokens)
    hits = scored[scored["term"] != ""]  # every term, those a rule counts 0 too (they show in the viewer)
    return {
        "segments": seg,
        "tokens": scored[list(TOKEN_COLUMNS) + ["sent_no", "clause_no"]],
        "terms": hits[TERM_COLUMNS],
        "sentences": sentiment.sentence_table(seg, scored, with_text=False),
        "paragraphs": sentiment.paragraph_table(seg, scored),
        "mentions": countries.add_sentences(countries.find_mentions(seg, tokens), scored),
        "documents": documents_table(seg, twins=False),
    }


@dataclass
class Tables:
    """The tables of a set of documents, as :func:`load` reads them back."""

    segments: pd.DataFrame
    tokens: pd.DataFrame
    terms_scored: pd.DataFrame  # the scored tokens only
    sentences: pd.DataFrame
    paragraphs: pd.DataFrame
    mentions: pd.DataFrame
    documents: pd.DataFrame

    @cached_property
    def terms(self) -> pd.DataFrame:
        """The full term table (every token, as :func:`analysis.sentiment.term_table`
        returns it): the tokens with the scored ones' terms and weights."""
        keys = ["doc_id", "para_no", "position"]
        full = self.tokens.merge(self.terms_scored, on=keys, how="left", validate="one_to_one")
        return full.fillna({"term": "", "polarity": 0.0, "negated": False, "degree": 1.0, "weight": 0.0}).astype(
            {"negated": bool})

    def subset(self, doc_ids: Sequence[str]) -> "Tables":
        """The tables of ``doc_ids`` only (in this table's order)."""
        from .documents import attach_documents

        wanted = set(doc_ids)

        def take(frame: pd.DataFrame) -> pd.DataFrame:
            return frame[frame["doc_id"].isin(wanted)].reset_index(drop=True)

        documents = take(self.documents)
        return Tables(segments=attach_documents(take(self.segments), documents), tokens=take(self.tokens),
                      terms_scored=take(self.terms_scored), sentences=take(self.sentences),
                      paragraphs=take(self.paragraphs), mentions=take(self.mentions), documents=documents)

    def with_sentence_text(self) -> pd.DataFrame:
        """The sentences with their ``text`` (cut from the paragraphs by their offsets)."""
        text = self.segments.set_index(["doc_id", "para_no"])["text"]
        s = self.sentences
        paras = text.reindex(pd.MultiIndex.from_frame(s[["doc_id", "para_no"]])).to_numpy()
        return s.assign(text=[p[a:b] for p, a, b in zip(paras, s["start"], s["end"])])


# ---------------------------------------------------------------------------
# Building a corpus


def fingerprint(metadata: str | PathLike[str] | pd.DataFrame | None = None) -> str:
    """A hash of everything the per-document tables depend on besides the transcript:
    the package's parsing and scoring code, the lexicons and metadata files."""
    h = hashlib.sha1()
    files = sorted(_FINGERPRINT_FILES) + sorted(p for p in LEXICON_DIR.iterdir() if p.is_file())
    if metadata is not None and not isinstance(metadata, pd.DataFrame):
        files.append(Path(metadata))
    for path in files:
        h.update(path.name.encode())
        h.update(path.read_bytes())
    if isinstance(metadata, pd.DataFrame):
        h.update(pd.util.hash_pandas_object(metadata.astype(str), index=True).to_numpy().tobytes())
    return h.hexdigest()[:16]


def corpus_dir(corpus_id: str, *, interim: str | PathLike[str] = INTERIM_DIR) -> Path:
    """The folder of a corpus's kept tables: ``data/interim/<corpus_id>/``."""
    return Path(interim) / corpus_id


def manifest_path(corpus_id: str, *, interim: str | PathLike[str] = INTERIM_DIR) -> Path:
    return corpus_dir(corpus_id, interim=interim) / "manifest.parquet"


def read_manifest(corpus_id: str, *, interim: str | PathLike[str] = INTERIM_DIR) -> pd.DataFrame:
    """A corpus's manifest: each file read (absolute path), its size and time, its doc id
    and the part holding its tables, or why it was skipped."""
    path = manifest_path(corpus_id, interim=interim)
    if not path.exists():
        return pd.DataFrame(columns=MANIFEST_COLUMNS)
    return pd.read_parquet(path)


def table_stamp(corpus_id: str, table: str, *, interim: str | PathLike[str] = INTERIM_DIR) -> Path:
    """A file whose modification time says when ``table`` of the corpus last changed:
    rewritten only when its content does, so that make reruns only the notebooks
    that read a changed table (the tone lexicon changes no token)."""
    return corpus_dir(corpus_id, interim=interim) / f"{table}.stamp"


def build(
    paths: str | PathLike[str] | Iterable[str | PathLike[str]],
    *,
    corpus_id: str,
    metadata: str | PathLike[str] | pd.DataFrame | None = None,
    jobs: int | None = None,
    interim: str | PathLike[str] = INTERIM_DIR,
    progress: bool | None = None,
) -> pd.DataFrame:
    """Bring a corpus's per-document tables up to date; return its manifest.

    ``paths`` are transcript files and folders (as :func:`analysis.read_corpus`
    takes them). Files unchanged since the last build of ``corpus_id`` (same size,
    modification time and :func:`fingerprint`) are not read; the others are read,
    and computed on ``jobs`` processes (default: every core). A file that cannot be
    read is skipped and kept in the manifest with its reason.
    """
    from .documents import attach_documents, read_metadata
    from .transcript import _corpus_paths, _frame, _read_one

    root = corpus_dir(corpus_id, interim=interim)
    files = [p.resolve() for p in _corpus_paths(paths, None)]
    meta = read_metadata(metadata)
    fp = fingerprint(metadata)
    old = read_manifest(corpus_id, interim=interim).set_index("source")
    rows: dict[str, dict] = {}
    parsed: dict[str, tuple[list[dict], dict]] = {}

    def parse(p: Path) -> None:
        st = p.stat()
        row = {"source": str(p), "size": st.st_size, "mtime_ns": st.st_mtime_ns, "fingerprint": fp, "part": "",
               "order": _page_order(str(p))} | {f"hash_{t}": "" for t in TABLES}
        try:
            seg_rows, doc = _read_one(p, doc_id=None, principal=None, meta=meta)
        except TranscriptError as exc:
            rows[str(p)] = row | {"doc_id": "", "base_id": "", "status": "skipped", "reason": exc.problem}
            return
        rows[str(p)] = row | {"doc_id": doc["doc_id"], "base_id": doc["doc_id"], "status": "ok", "reason": ""}
        parsed[str(p)] = (seg_rows, doc)

    def still_good(kept: dict | None, st) -> bool:
        return (kept is not None and int(kept["size"]) == st.st_size and int(kept["mtime_ns"]) == st.st_mtime_ns
                and kept["fingerprint"] == fp
                and (kept["status"] == "skipped" or ((root / "parts" / str(kept["part"])).is_dir()
                                                     and all(kept.get(f"hash_{t}") for t in TABLES))))

    def read_dataset(p: Path) -> None:
        """A dataset file (CMFA PressCon): many documents, keyed ``<file>#<doc id>``; its
        skipped rows keyed ``<file>:row <n>``. Kept whole while the file is unchanged."""
        from .cmfa import cmfa_documents

        st = p.stat()
        mine = [k for k in old.index if k == str(p) or k.startswith(f"{p}#") or k.startswith(f"{p}:row ")]
        if mine and all(still_good(old.loc[k].to_dict(), st) for k in mine):
            for k in mine:
                rows[k] = old.loc[k].to_dict() | {"source": k}
            return
        base = {"size": st.st_size, "mtime_ns": st.st_mtime_ns, "fingerprint": fp, "part": "", "order": ""} | {
            f"hash_{t}": "" for t in TABLES}
        try:
            docs, bad_rows = cmfa_documents(p)
        except TranscriptError as exc:
            rows[str(p)] = base | {"source": str(p), "doc_id": "", "base_id": "", "status": "skipped",
                                   "reason": exc.problem}
            return
        for seg_rows, doc in docs:
            key = f"{p}#{doc['doc_id']}"
            rows[key] = base | {"source": key, "doc_id": doc["doc_id"], "base_id": doc["doc_id"], "status": "ok",
                                "reason": ""}
            parsed[key] = (seg_rows, doc)
        for where, reason in bad_rows:
            rows[where] = base | {"source": where, "doc_id": "", "base_id": "", "status": "skipped", "reason": reason}

    from .cmfa import is_dataset

    for p in _progress(files, len(files), bool(progress) or (progress is None and len(files) >= 200), "reading"):
        key = str(p)
        if is_dataset(p):
            read_dataset(p)
            continue
        st = p.stat()
        kept = old.loc[key].to_dict() | {"source": key} if key in old.index else None
        if still_good(kept, st):
            rows[key] = kept
        else:
            parse(p)
    # final doc ids; a kept document whose id a new page moves is read again
    while True:
        ids = _final_ids(rows)
        moved = [s for s, r in rows.items() if r["status"] == "ok" and s not in parsed and ids[s] != r["doc_id"]
                 and not is_dataset(s.split("#", 1)[0])]
        if not moved:
            break
        for source in moved:
            parse(Path(source))
    for source, row in rows.items():
        if row["status"] == "ok":
            row["doc_id"] = ids[source]
    for source in list(parsed):
        if rows[source]["status"] != "ok":  # a text file whose stem another one took
            del parsed[source]
    if parsed:
        docs, seg_rows = [], []
        for source, (srows, doc) in parsed.items():
            for r in srows:
                r["doc_id"] = rows[source]["doc_id"]
            doc["doc_id"] = rows[source]["doc_id"]
            docs.append(doc)
            seg_rows.extend(srows)
        segments = attach_documents(_frame(seg_rows), docs)
        parts, hashes = compute(segments, out=root / "parts", jobs=jobs, progress=progress, with_hashes=True)
        for source in parsed:
            rows[source]["part"] = parts[rows[source]["doc_id"]]
            rows[source].update(hashes[rows[source]["doc_id"]])
    manifest = pd.DataFrame(list(rows.values()), columns=MANIFEST_COLUMNS)
    manifest = _tidy_parts(manifest, root)
    if not _same(manifest, old.reset_index()):  # an unchanged corpus keeps its manifest's time
        write_atomic(manifest_path(corpus_id, interim=interim), lambda f: _write_frame(manifest, Path(f)))
    _stamp_tables(corpus_id, manifest, interim)
    return manifest


def _same(new: pd.DataFrame, old: pd.DataFrame) -> bool:
    """Do two manifests hold the same rows?"""
    if len(new) != len(old) or list(old.columns) != MANIFEST_COLUMNS:
        return False
    a = new[MANIFEST_COLUMNS].astype(str).reset_index(drop=True)
    b = old[MANIFEST_COLUMNS].astype(str).reset_index(drop=True)
    return bool(a.equals(b))


def _final_ids(rows: dict[str, dict]) -> dict[str, str]:
    """Each readable file's doc id in the corpus: pages that share one get ``_2``,
    ``_3`` in page-number order (a later page never renames an earlier one); of
    text files that share one, the later ones are skipped."""
    from .pages import is_page

    ids: dict[str, str] = {}
    by_base: dict[str, list[str]] = {}
    for source, row in rows.items():
        if row["status"] == "ok":
            by_base.setdefault(row["base_id"], []).append(source)
    for base, sources in by_base.items():
        if len(sources) == 1:
            ids[sources[0]] = base
        elif all(is_page(s) for s in sources):
            for n, source in enumerate(sorted(sources, key=lambda s: rows[s]["order"]), 1):
                ids[source] = base if n == 1 else f"{base}_{n}"
        else:
            first, *others = sources
            ids[first] = base
            for source in others:
                rows[source].update(status="skipped", doc_id="", part="",
                                    reason=f"has the same doc_id ({base}) as {first}; rename one")
                ids[source] = ""
    return ids


def _page_order(source: str) -> str:
    from .transcript import _page_order as order

    number, name = order(source)
    return f"{number:020d}:{name}"


def _progress(iterable, total: int, show: bool, what: str):
    if not show:
        return iterable
    from tqdm.auto import tqdm

    return tqdm(iterable, total=total, desc=what, unit="file" if what == "reading" else "batch")


# Segments shared with forked workers by compute() (a fork copies them for free).
_SHARED: dict[str, pd.DataFrame] = {}


def compute(
    segments: pd.DataFrame,
    *,
    out: str | PathLike[str],
    jobs: int | None = None,
    batch_chars: int = BATCH_CHARS,
    progress: bool | None = None,
    with_hashes: bool = False,
) -> dict[str, str] | tuple[dict[str, str], dict[str, dict[str, str]]]:
    """Compute and keep the tables of documents already read (a segments table with
    its document variables, of any number of documents) as parts under ``out``, one
    part a batch, on ``jobs`` processes; return each doc id's part (and, with
    ``with_hashes``, a digest of each of its tables' content: ``hash_<table>``)."""
    from .documents import document_variables

    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    docs = document_variables(segments)
    sizes = segments.groupby("doc_id", sort=False)["n_chars"].sum().reindex(docs["doc_id"]).to_numpy()
    jobs = max(1, jobs or os.cpu_count() or 1)
    # as many batches as a multiple of the processes, so that none waits for the last one
    n_batches = max(1, -(-int(sizes.sum()) // batch_chars))
    if n_batches > 1:
        n_batches = -(-n_batches // jobs) * jobs
    target = sizes.sum() / n_batches
    batches, current, size = [], [], 0
    for doc_id, n in zip(docs["doc_id"], sizes):
        current.append(doc_id)
        size += int(n)
        if size >= target and len(batches) < n_batches - 1:
            batches.append(current)
            current, size = [], 0
    if current:
        batches.append(current)
    jobs = min(jobs, len(batches))
    show = progress if progress is not None else len(batches) >= 8
    _SHARED["segments"] = segments
    try:
        if jobs == 1:
            parts = [_compute_part(b, str(out)) for b in _progress(batches, len(batches), show, "computing")]
        else:
            _warm()
            with ProcessPoolExecutor(max_workers=jobs, mp_context=mp.get_context("fork")) as pool:
                parts = list(_progress(pool.map(_compute_part, batches, [str(out)] * len(batches)),
                                       len(batches), show, "computing"))
    finally:
        _SHARED.clear()
    where = {doc_id: name for batch, (name, _) in zip(batches, parts) for doc_id in batch}
    if not with_hashes:
        return where
    return where, {doc_id: h for _, hashes in parts for doc_id, h in hashes.items()}


def _warm() -> None:
    """Load the engines and lexicons once, before workers fork."""
    from . import countries, sentiment
    from .tokens import segmenter, stopwords

    segmenter("rjieba")("预热")
    segmenter("jieba")  # for the few blocks jieba-rs cuts differently
    stopwords()
    sentiment._tables()
    countries._index()


def _compute_part(doc_ids: list[str], out: str) -> tuple[str, dict[str, dict[str, str]]]:
    """Worker: compute a batch of documents (from the shared segments) and write them
    as one new part; return its name and each document's table digests."""
    from .documents import attach_documents, document_variables

    segments = _SHARED["segments"]
    batch = segments[segments["doc_id"].isin(doc_ids)].reset_index(drop=True)
    batch = attach_documents(batch, document_variables(batch))
    tables = document_tables(batch)
    name = uuid.uuid4().hex[:16]
    tmp = Path(out) / f".{name}.tmp"
    tmp.mkdir(parents=True)
    for table, frame in tables.items():
        _write_frame(frame, tmp / f"{table}.parquet")
    os.replace(tmp, Path(out) / name)
    return name, _digests(tables, doc_ids)


def _digests(tables: dict[str, pd.DataFrame], doc_ids: list[str]) -> dict[str, dict[str, str]]:
    """A digest of each document's rows in each table: what changed, whatever part it lives in."""
    out: dict[str, dict[str, str]] = {d: {} for d in doc_ids}
    for name, frame in tables.items():
        rows = pd.util.hash_pandas_object(frame, index=False).to_numpy()
        # each document's rows in their order, found by one stable sort (not a scan per document)
        codes, uniques = pd.factorize(frame["doc_id"].astype(str))
        order = np.argsort(codes, kind="stable")
        bounds = np.searchsorted(codes[order], np.arange(len(uniques) + 1))
        where = {doc_id: (bounds[i], bounds[i + 1]) for i, doc_id in enumerate(uniques)}
        for doc_id in doc_ids:
            start, end = where.get(doc_id, (0, 0))
            mine = rows[order[start:end]]
            out[doc_id][f"hash_{name}"] = hashlib.sha1(mine.tobytes()).hexdigest()[:16]
    return out


def _write_frame(frame: pd.DataFrame, path: Path) -> None:
    """A table as Parquet, without pandas' attrs (the document variables go to their own table)."""
    table = pa.Table.from_pandas(frame, preserve_index=False)
    meta = dict(table.schema.metadata or {})
    meta.pop(b"PANDAS_ATTRS", None)
    pq.write_table(table.replace_schema_metadata(meta), path)


def _tidy_parts(manifest: pd.DataFrame, root: Path) -> pd.DataFrame:
    """Delete parts no document lives in any more; merge small parts when they pile up."""
    parts_dir = root / "parts"
    live = manifest.loc[manifest["status"] == "ok", "part"]
    if parts_dir.is_dir():
        for folder in parts_dir.iterdir():
            if folder.is_dir() and folder.name not in set(live):
                shutil.rmtree(folder, ignore_errors=True)
    counts = live.value_counts()
    if len(counts) > MAX_PARTS:
        small = counts[counts < counts.median()].index.tolist() or counts.index[-len(counts) // 2:].tolist()
        docs = manifest.loc[manifest["part"].isin(small) & (manifest["status"] == "ok"), "doc_id"].tolist()
        frames = _read_parts(parts_dir, {p: manifest.loc[manifest["part"] == p, "doc_id"].tolist() for p in small})
        name = uuid.uuid4().hex[:16]
        tmp = parts_dir / f".{name}.tmp"
        tmp.mkdir()
        for table in TABLES:
            pq.write_table(frames[table], tmp / f"{table}.parquet")
        os.replace(tmp, parts_dir / name)
        manifest = manifest.copy()
        manifest.loc[manifest["doc_id"].isin(docs) & (manifest["status"] == "ok"), "part"] = name
        for p in small:
            shutil.rmtree(parts_dir / p, ignore_errors=True)
    return manifest


def _stamp_tables(corpus_id: str, manifest: pd.DataFrame, interim: str | PathLike[str]) -> None:
    """Each table's stamp holds a digest of its documents' contents (not of the parts
    they live in): a file touched or read again without a change leaves it as it was."""
    ok = manifest[manifest["status"] == "ok"].sort_values("doc_id")
    for name in TABLES:
        digest = hashlib.sha1("\n".join(ok["doc_id"] + " " + ok[f"hash_{name}"].astype(str)).encode()).hexdigest()
        stamp = table_stamp(corpus_id, name, interim=interim)
        if not stamp.exists() or stamp.read_text(encoding="utf-8").strip() != digest:
            write_atomic(stamp, lambda f: Path(f).write_text(digest + "\n", encoding="utf-8"))


# ---------------------------------------------------------------------------
# Loading


def _read_parts(parts_dir: Path, docs_by_part: dict[str, list[str]]) -> dict[str, pa.Table]:
    """Each table, from the parts given, with only the documents given of each part."""
    out: dict[str, pa.Table] = {}
    for table in TABLES:
        pieces = []
        for part, docs in docs_by_part.items():
            t = pq.read_table(parts_dir / part / f"{table}.parquet")
            if t.num_rows and len(docs) < len(pc.unique(t.column("doc_id"))):
                t = t.filter(pc.is_in(t.column("doc_id"), value_set=pa.array(docs, type=pa.string())))
            pieces.append(t)
        out[table] = pa.concat_tables(pieces, promote_options="permissive") if len(pieces) > 1 else pieces[0]
    return out


def load(
    corpus_id: str,
    *,
    doc_ids: Sequence[str] | None = None,
    interim: str | PathLike[str] = INTERIM_DIR,
) -> Tables:
    """The tables of a built corpus: every document its manifest lists (or those of
    ``doc_ids``), read back from its parts; ``twin`` filled in across them."""
    from .documents import attach_documents, twin_ids

    manifest = read_manifest(corpus_id, interim=interim)
    ok = manifest[manifest["status"] == "ok"]
    if ok.empty and manifest.empty:
        raise TranscriptError(manifest_path(corpus_id, interim=interim), "no such corpus: build it first")
    if doc_ids is not None:
        missing = set(doc_ids) - set(ok["doc_id"])
        if missing:
            raise KeyError(f"not in corpus {corpus_id}: {', '.join(sorted(missing))}")
        ok = ok[ok["doc_id"].isin(doc_ids)]
    if ok.empty:
        raise TranscriptError(corpus_id, "the corpus holds no readable document")
    by_part = {part: list(group["doc_id"]) for part, group in ok.groupby("part", sort=False)}
    frames = {name: t.to_pandas() for name, t in _read_parts(corpus_dir(corpus_id, interim=interim) / "parts",
                                                             by_part).items()}
    order = {doc_id: i for i, doc_id in enumerate(ok["doc_id"])}  # the manifest's (the files') order
    for name, frame in frames.items():
        key = frame["doc_id"].map(order)
        frames[name] = frame.iloc[np.argsort(key.to_numpy(), kind="stable")].reset_index(drop=True)
    documents = frames["documents"]
    documents["twin"] = twin_ids(documents)
    segments = attach_documents(frames["segments"], documents)
    return Tables(segments=segments, tokens=frames["tokens"], terms_scored=frames["terms"],
                  sentences=frames["sentences"], paragraphs=frames["paragraphs"], mentions=frames["mentions"],
                  documents=documents)


def load_documents(corpus_id: str, *, interim: str | PathLike[str] = INTERIM_DIR) -> pd.DataFrame:
    """A built corpus's documents table alone (read without the other tables), with twins."""
    from .documents import twin_ids

    manifest = read_manifest(corpus_id, interim=interim)
    ok = manifest[manifest["status"] == "ok"]
    if ok.empty:
        raise TranscriptError(manifest_path(corpus_id, interim=interim),
                              "no such corpus: build it first" if manifest.empty else "the corpus holds no readable document")
    parts = corpus_dir(corpus_id, interim=interim) / "parts"
    frames = [pq.read_table(parts / part / "documents.parquet") for part in sorted(set(ok["part"]))]
    documents = pa.concat_tables(frames, promote_options="permissive").to_pandas()
    documents = documents[documents["doc_id"].isin(set(ok["doc_id"]))]
    order = {doc_id: i for i, doc_id in enumerate(ok["doc_id"])}
    documents = documents.iloc[np.argsort(documents["doc_id"].map(order).to_numpy(), kind="stable")]
    documents = documents.reset_index(drop=True)
    documents["twin"] = twin_ids(documents)
    return documents


def load_transcript(path: str | PathLike[str], *, corpus_id: str | None = None, **options) -> Tables:
    """One transcript's tables: built (once) if they are missing or out of date, then read.
    Kept as the corpus ``corpus_id`` (default: the file's stem)."""
    p = Path(path)
    corpus_id = corpus_id or p.stem
    manifest = build([p], corpus_id=corpus_id, jobs=1, **options)
    row = manifest.iloc[0]
    if row["status"] != "ok":
        raise TranscriptError(p, row["reason"])
    return load(corpus_id, interim=options.get("interim", INTERIM_DIR))


def skipped_table(corpus_id: str, *, interim: str | PathLike[str] = INTERIM_DIR) -> pd.DataFrame:
    """The files a corpus's build skipped, and why: source, reason."""
    manifest = read_manifest(corpus_id, interim=interim)
    return manifest.loc[manifest["status"] == "skipped", ["source", "reason"]].reset_index(drop=True)


def documents_in(corpus_id: str, *, interim: str | PathLike[str] = INTERIM_DIR) -> list[str]:
    """The doc ids of a built corpus, in the order of its files."""
    manifest = read_manifest(corpus_id, interim=interim)
    return manifest.loc[manifest["status"] == "ok", "doc_id"].tolist()
