"""Discourse analysis of Chinese political transcripts."""
from .errors import TranscriptError
from .transcript import documents_table, parse_transcript, read_corpus, read_transcript

__all__ = [
    "TranscriptError",
    "documents_table",
    "parse_transcript",
    "read_corpus",
    "read_transcript",
]

from .outlets import add_outlet_info, read_outlets  # noqa: E402
from .params import ParameterError, check_params  # noqa: E402

__all__ += ["add_outlet_info", "read_outlets", "ParameterError", "check_params"]
