"""Every path the project uses, set in one place.

Notebooks and the command line import these names; nothing rebuilds a path
from string pieces elsewhere.
"""
from __future__ import annotations

from pathlib import Path

PROJ_ROOT = Path(__file__).resolve().parents[1]
DATA_DIR = PROJ_ROOT / "data"
RAW_DIR = DATA_DIR / "raw"  # transcripts exactly as received; read-only to the code
PROCESSED_DIR = DATA_DIR / "processed"  # tidy tables, all rebuildable
LEXICON_DIR = DATA_DIR / "lexicons"
FIGURES_DIR = PROJ_ROOT / "figures"
REPORTS_DIR = PROJ_ROOT / "reports"
NOTEBOOKS_DIR = PROJ_ROOT / "notebooks"

OUTLETS_CSV = DATA_DIR / "outlets.csv"
SPEAKERS_CSV = DATA_DIR / "speakers.csv"
LABELS_CSV = DATA_DIR / "labels.csv"
TRANSLATIONS_CSV = DATA_DIR / "translations.csv"  # headlines and titles in English

#: The embedded default: Wang Yi's press conference at the 2020 NPC.
DEFAULT_TRANSCRIPT = RAW_DIR / "wangyi_2020-05-24_npc.txt"
