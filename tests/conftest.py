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


def assert_same_figures(a: Path, b: Path, images: int) -> list[Path]:
    """Two runs' figure folders: as many PNG files as the notebook showed images, each with
    its SVG, PDF and CSV, and the same files with the same bytes in both; the PNGs of ``a``."""
    pngs = sorted(a.glob("*.png"))
    assert pngs and len(pngs) == images
    for png in pngs:
        for ext in (".svg", ".pdf", ".csv"):
            assert png.with_suffix(ext).exists()
    files = sorted(p.name for p in a.iterdir())
    assert files == sorted(p.name for p in b.iterdir())
    for name in files:
        assert (a / name).read_bytes() == (b / name).read_bytes(), name
    return pngs
