"""Helpers for the built report (the HTML pages and what they need)."""
from __future__ import annotations

import os
from pathlib import Path

from fontTools.ttLib import TTCollection

from .files import write_atomic
from .viz import font_path

TEMPLATE_DIR = Path(__file__).parent / "templates"


def export_web_font(dest: str | os.PathLike[str]) -> Path:
    """Write the figure font's first face (WenQuanYi Micro Hei) as a .ttf browsers load.

    Browsers do not read TrueType collections (.ttc), so the face is taken
    out of the collection; its timestamp is kept, so the file has the same
    bytes on every build.
    """
    face = TTCollection(str(font_path()), recalcTimestamp=False).fonts[0]
    return write_atomic(dest, face.save)
