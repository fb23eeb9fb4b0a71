"""Command line: ``python -m analysis segments PATH... [-o FILE.csv|FILE.parquet]``.

Bad input prints one line to stderr (the file and the problem) and exits 2.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd

from .config import RAW_DIR
from .errors import TranscriptError
from .files import write_atomic
from .transcript import documents_table, read_corpus


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m analysis", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    for name, help_ in (
        ("segments", "write the segments table: one row per paragraph"),
        ("documents", "write the document table: one row per transcript"),
    ):
        p = sub.add_parser(name, help=help_)
        p.add_argument("paths", nargs="+", type=Path, help="transcript files or folders")
        p.add_argument("-o", "--output", type=Path, help="FILE.csv or FILE.parquet (default: CSV to stdout)")
        p.add_argument("--principal", help="the principal speaker's label, if not detected")
    p = sub.add_parser("tables", help="write one transcript's tidy tables (segments, tokens, scores, mentions) as CSV")
    p.add_argument("path", type=Path, help="a transcript file")
    p.add_argument("-o", "--output", type=Path, required=True, help="a folder")
    p.add_argument("--principal", help="the principal speaker's label, if not detected")
    p = sub.add_parser("index", help="write a report's index page and build record")
    p.add_argument("report_dir", type=Path)
    p.add_argument("--figures", type=Path, required=True, help="the report's figure folder")
    p.add_argument("--param", action="append", default=[], metavar="NAME=VALUE", help="a build parameter to record")
    return parser


def _write(table: pd.DataFrame, output: Path | None) -> None:
    if output is None:
        table.to_csv(sys.stdout, index=False)
        return
    if output.suffix not in (".csv", ".parquet"):
        raise TranscriptError(output, "output must end in .csv or .parquet")
    if output.resolve().is_relative_to(RAW_DIR.resolve()):
        raise TranscriptError(output, "data/raw/ holds transcripts as received; write elsewhere")
    if output.suffix == ".csv":
        write_atomic(output, lambda f: table.to_csv(f, index=False))
    else:
        write_atomic(output, lambda f: table.to_parquet(f, index=False))


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.command in ("tables", "index"):
            return _report_command(args)
        segments = read_corpus(args.paths, principal=args.principal)
        table = segments if args.command == "segments" else documents_table(segments)
        _write(table, args.output)
    except TranscriptError as exc:
        print(f"analysis: error: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"analysis: error: {exc.filename or ''}: {exc.strerror}", file=sys.stderr)
        return 2
    return 0


def _report_command(args) -> int:
    from .report import write_index, write_tables
    from .transcript import read_transcript

    if args.command == "index":
        params = dict(p.split("=", 1) for p in args.param)
        write_index(args.report_dir, args.figures, params)
        return 0
    if args.output.resolve().is_relative_to(RAW_DIR.resolve()):
        raise TranscriptError(args.output, "data/raw/ holds transcripts as received; write elsewhere")
    write_tables(read_transcript(args.path, principal=args.principal), args.output)
    return 0


if __name__ == "__main__":
    sys.exit(main())
