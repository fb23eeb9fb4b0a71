"""Decode a transcript file into text, whatever encoding it came in.

UTF-8 (with or without a byte-order mark) is tried first and strictly;
anything else is left to charset-normalizer, a maintained detector. GBK and
GB2312 answers are decoded as GB18030, their superset, so that rare
characters survive. Line ends (CRLF, CR) become LF. Nothing here writes.
"""
from __future__ import annotations

import re
from os import PathLike
from pathlib import Path

from charset_normalizer import from_bytes

from .errors import TranscriptError

_GB_FAMILY = {"gbk", "gb2312", "cp936", "gb18030", "hz"}
# Share of control characters (other than tab and line ends) above which a
# decoded file is taken for binary data rather than text.
_MAX_CONTROL_SHARE = 0.01
# Unicode's control characters (category Cc) other than tab and line feed.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def decode_bytes(data: bytes, path: str | PathLike[str] = "<bytes>") -> str:
    """Return the text in ``data``, or raise :class:`TranscriptError`."""
    if not data.strip():
        raise TranscriptError(path, "the file is empty")
    text = _decode(data, path)
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise TranscriptError(path, "the file holds only white space")
    controls = len(_CONTROL.findall(text))
    if controls / len(text) > _MAX_CONTROL_SHARE:
        raise TranscriptError(
            path, "the file looks binary, not like a text transcript"
        )
    return text


def _decode(data: bytes, path: str | PathLike[str]) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    # A NUL byte outside UTF-16/32 means binary data.
    if b"\x00" in data and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise TranscriptError(path, "the file looks binary, not like a text transcript")
    best = from_bytes(data).best()
    if best is None:
        raise TranscriptError(
            path, "the encoding could not be recognised (is it a text file?)"
        )
    encoding = best.encoding.lower().replace("-", "").replace("_", "")
    if encoding in {e.replace("-", "") for e in _GB_FAMILY}:
        try:
            return data.decode("gb18030")
        except UnicodeDecodeError:
            pass
    return str(best)


def read_bytes(path: str | PathLike[str]) -> bytes:
    """A file's bytes, or :class:`TranscriptError` naming it (missing, a folder, unreadable)."""
    p = Path(path)
    if not p.exists():
        raise TranscriptError(p, "no such file")
    if p.is_dir():
        raise TranscriptError(p, "is a folder, not a transcript file")
    try:
        return p.read_bytes()
    except OSError as exc:
        raise TranscriptError(p, f"cannot be read ({exc.strerror})") from exc


def read_text(path: str | PathLike[str]) -> str:
    """Read and decode a transcript file (see :func:`decode_bytes`)."""
    return decode_bytes(read_bytes(path), path)
