from __future__ import annotations

from pathlib import Path

import pytest

from analysis import read_transcript
from analysis.config import MFA_PAGES_DIR, PROJ_ROOT, RAW_DIR, SHARED_CORPUS_DIR, SHARED_ENV

SEED = RAW_DIR / "wangyi_2020-05-24_npc.txt"


def _shared(folder: Path) -> Path:
    if not folder.is_dir():
        pytest.skip(f"needs the shared data in {folder} (absent; set {SHARED_ENV} to point elsewhere)")
    return folder


@pytest.fixture(scope="session")
def seed():
    return read_transcript(SEED)


@pytest.fixture(scope="session")
def raw_dir() -> Path:
    return RAW_DIR


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    """The shared corpus of eight curated transcripts (text files)."""
    return _shared(SHARED_CORPUS_DIR)


@pytest.fixture(scope="session")
def pages_dir() -> Path:
    """The Ministry's own pages, 2016-2020."""
    return _shared(MFA_PAGES_DIR)


@pytest.fixture(scope="session")
def proj_root() -> Path:
    return PROJ_ROOT
