"""Command line: ``python -m analysis segments PATH... [-o FILE.csv|FILE.parquet]``.

Transcripts are text files or saved Ministry pages (.html, .shtml, .htm); a folder
means every such file in it. A corpus never stops for one bad file: each file that
cannot be read is skipped and listed at the end (on stderr) with its reason. When no
file can be read, or the output cannot be written, the command prints one line per
problem to stderr and exits 2.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd

from .config import RAW_DIR
from .documents import documents_table
from .errors import TranscriptError
from .files import write_atomic
from .params import ParameterError
from .transcript import read_corpus


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m analysis", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    for name, help_ in (
        ("segments", "write the segments table: one row per paragraph"),
        ("documents", "write the documents table: one row per transcript"),
    ):
        p = sub.add_parser(name, help=help_)
        p.add_argument("paths", nargs="+", type=Path, help="transcript files or folders")
        p.add_argument("-o", "--output", type=Path, help="FILE.csv or FILE.parquet (default: CSV to stdout)")
        p.add_argument("--principal", help="the principal speaker's label, if not detected")
        p.add_argument("--metadata", type=Path,
                       help="a CSV with a 'file' column and date, lang, genre, spokesperson, title or url "
                            "for what the files do not say")
        p.add_argument("--strict", action="store_true", help="stop at the first file that cannot be read")
    p = sub.add_parser("build", help="bring a corpus's per-document tables (data/interim) up to date")
    p.add_argument("paths", nargs="+", type=Path, help="transcript files or folders")
    p.add_argument("--corpus-id", required=True, help="the corpus's name (its manifest: data/interim/_corpora/ID.parquet)")
    p.add_argument("--metadata", type=Path, help="a metadata CSV (see segments --help)")
    p.add_argument("--jobs", type=int, help="processes (default: one a core)")
    p = sub.add_parser("tables", help="write a built corpus's tables (segments, tokens, scores, mentions) as CSV")
    p.add_argument("corpus_id", help="a corpus built with 'build'")
    p.add_argument("-o", "--output", type=Path, required=True, help="a folder")
    p = sub.add_parser("index", help="write a report's index page and build record")
    p.add_argument("report_dir", type=Path)
    p.add_argument("--figures", type=Path, required=True, help="the report's figure folder")
    p.add_argument("--param", action="append", default=[], metavar="NAME=VALUE", help="a build parameter to record")
    p.add_argument("--params", type=Path, help="a corpus report's parameter file (name=value lines) to record")
    p.add_argument("--notebooks", nargs="+", help="list only these notebooks (stems) and their figures")
    p = sub.add_parser("check-params", help="check a corpus report's parameter file; write each notebook's")
    p.add_argument("params", type=Path, help="name=value lines, as make report CORPUS= writes them")
    p.add_argument("--notebooks", type=Path, required=True, help="the corpus notebooks' folder")
    p.add_argument("-o", "--output", type=Path, required=True, help="a folder for NOTEBOOK.yaml files")
    p = sub.add_parser("export", help="write a corpus report's tables (Parquet) for its parameter file")
    p.add_argument("params", type=Path, help="name=value lines, as make report CORPUS= writes them")
    p.add_argument("-o", "--output", type=Path, required=True, help="a folder")
    return parser


def _write(table: pd.DataFrame, output: Path | None) -> None:
    if output is None:
        table.to_csv(sys.stdout, index=False)
        return
    _check_output(output)
    if output.suffix == ".csv":
        write_atomic(output, lambda f: table.to_csv(f, index=False))
    else:
        write_atomic(output, lambda f: table.to_parquet(f, index=False))


def _error(message: str) -> None:
    print(f"analysis: error: {message}", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.command in ("tables", "index", "check-params", "export"):
            return _report_command(args)
        if args.command == "build":
            return _build(args)
        if args.output is not None:
            _check_output(args.output)
        try:
            segments = read_corpus(args.paths, principal=args.principal, metadata=args.metadata,
                                   errors="raise" if args.strict else "skip")
        except TranscriptError as exc:
            # nothing could be read: each file's own reason, one line each
            skipped = exc.skipped or [(exc.path, exc.problem)]
            for path, problem in skipped:
                _error(f"{path}: {problem}")
            return 2
        skipped = segments.attrs.get("skipped", [])
        table = segments if args.command == "segments" else documents_table(segments)
        _write(table, args.output)
        if skipped:
            print(f"analysis: skipped {len(skipped)} of {len(skipped) + table['doc_id'].nunique()} files:",
                  file=sys.stderr)
            for path, problem in skipped:
                print(f"  {path}: {problem}", file=sys.stderr)
    except TranscriptError as exc:
        _error(str(exc))
        return 2
    except ParameterError as exc:
        _error(str(exc))
        return 2
    except (OSError, ValueError) as exc:
        _error(f"{getattr(exc, 'filename', '') or ''}: {getattr(exc, 'strerror', None) or exc}".lstrip(": "))
        return 2
    return 0


def _check_output(output: Path) -> None:
    if output.suffix not in (".csv", ".parquet"):
        raise TranscriptError(output, "output must end in .csv or .parquet")
    if output.resolve().is_relative_to(RAW_DIR.resolve()):
        raise TranscriptError(output, "data/raw/ holds transcripts as received; write elsewhere")


def _build(args) -> int:
    import time

    from .pipeline import build, manifest_path

    start = time.perf_counter()
    manifest = build(args.paths, corpus_id=args.corpus_id, metadata=args.metadata, jobs=args.jobs)
    seconds = time.perf_counter() - start
    skipped = manifest[manifest["status"] == "skipped"]
    # a dataset file (CMFA PressCon) is many documents, and its skipped rows are listed one by one
    what = "sources" if manifest["source"].str.contains(r"#|:row \d+$", regex=True).any() else "files"
    print(f"build {args.corpus_id}: {int(manifest['status'].eq('ok').sum())} documents "
          f"({len(manifest)} {what}, {len(skipped)} skipped) in {seconds:.1f} s", file=sys.stderr)
    # one line a reason (listing pages differ only in their link counts), with examples
    kinds = skipped.assign(kind=skipped["reason"].str.replace(r"\s*\(.*?\)", "", regex=True))
    for kind, group in kinds.groupby("kind", sort=False):
        names = ", ".join(Path(s).name for s in group["source"].head(3))
        more = f" and {len(group) - 3} more" if len(group) > 3 else ""
        print(f"  skipped {len(group)}: {kind} ({names}{more})", file=sys.stderr)
    if len(skipped) > 3:
        print(f"  (every skipped {what[:-1]} and its reason: {manifest_path(args.corpus_id)})", file=sys.stderr)
    if not manifest["status"].eq("ok").any():
        _error(f"{args.corpus_id}: no file could be read")
        return 2
    return 0


def _report_command(args) -> int:
    from .report import read_params_file, write_corpus_tables, write_index, write_notebook_params, write_tables

    if args.command == "index":
        params = dict(p.split("=", 1) for p in args.param)
        if args.params:
            params.update({k: v for k, v in read_params_file(args.params).items() if v})
        write_index(args.report_dir, args.figures, params, args.notebooks)
        return 0
    if args.command == "check-params":
        write_notebook_params(args.params, args.notebooks, args.output)
        return 0
    if args.output.resolve().is_relative_to(RAW_DIR.resolve()):
        raise TranscriptError(args.output, "data/raw/ holds transcripts as received; write elsewhere")
    if args.command == "export":
        write_corpus_tables(args.params, args.output)
        return 0
    write_tables(args.corpus_id, args.output)
    return 0


if __name__ == "__main__":
    sys.exit(main())
