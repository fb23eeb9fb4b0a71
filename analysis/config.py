"""Every path the project uses, set in one place.

Notebooks and the command line import these names; nothing rebuilds a path
from string pieces elsewhere.

Third-party transcripts (the Ministry's briefings and pages) are not part of
the repository: they are read where they live, in the shared folder beside
the checkout (``../shared``), or wherever the environment variable
``ANALYSIS_SHARED_DIR`` points.
"""
from __future__ import annotations

import os
from pathlib import Path

PROJ_ROOT = Path(__file__).resolve().parents[1]
DATA_DIR = PROJ_ROOT / "data"
RAW_DIR = DATA_DIR / "raw"  # the seed transcript exactly as received; read-only to the code
#: per-document tables kept by the pipeline, all rebuildable (ANALYSIS_INTERIM_DIR moves them)
INTERIM_DIR = Path(os.environ.get("ANALYSIS_INTERIM_DIR") or DATA_DIR / "interim").resolve()
PROCESSED_DIR = DATA_DIR / "processed"  # tidy tables, all rebuildable
LEXICON_DIR = DATA_DIR / "lexicons"
EVAL_DIR = DATA_DIR / "eval"
FIGURES_DIR = PROJ_ROOT / "figures"
REPORTS_DIR = PROJ_ROOT / "reports"
NOTEBOOKS_DIR = PROJ_ROOT / "notebooks"

OUTLETS_CSV = DATA_DIR / "outlets.csv"
SPEAKERS_CSV = DATA_DIR / "speakers.csv"
LABELS_CSV = DATA_DIR / "labels.csv"
TRANSLATIONS_CSV = DATA_DIR / "translations.csv"  # headlines and titles in English
#: What the transcripts of the shared corpus are (spokesperson, genre, source) where the
#: text itself does not say it; see data/metadata.md.
CORPUS_METADATA_CSV = DATA_DIR / "corpus_metadata.csv"

#: The embedded default: Wang Yi's press conference at the 2020 NPC.
DEFAULT_TRANSCRIPT = RAW_DIR / "wangyi_2020-05-24_npc.txt"

#: Environment variable that points to the shared data folder.
SHARED_ENV = "ANALYSIS_SHARED_DIR"
SHARED_DIR = Path(os.environ.get(SHARED_ENV) or PROJ_ROOT.parent / "shared").resolve()
#: Eight curated transcripts (text files), described in their README.
SHARED_CORPUS_DIR = SHARED_DIR / "corpus"
#: The Ministry's own web pages as served, 2016-2020, and a quick guide to them (pages.csv).
MFA_DIR = SHARED_DIR / "mfa"
MFA_PAGES_DIR = MFA_DIR / "pages"
MFA_PAGES_CSV = MFA_DIR / "pages.csv"
