from __future__ import annotations

from pathlib import Path

import pytest

from analysis import read_transcript
from analysis.config import PROJ_ROOT, RAW_DIR

SEED = RAW_DIR / "wangyi_2020-05-24_npc.txt"


@pytest.fixture(scope="session")
def seed():
    return read_transcript(SEED)


@pytest.fixture(scope="session")
def raw_dir() -> Path:
    return RAW_DIR


@pytest.fixture(scope="session")
def proj_root() -> Path:
    return PROJ_ROOT
