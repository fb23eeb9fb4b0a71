"""Discourse analysis of Chinese political transcripts."""
from .cmfa import read_cmfa
from .documents import add_document_info, documents_table
from .errors import TranscriptError
from .transcript import parse_paragraphs, parse_transcript, read_corpus, read_transcript

__all__ = [
    "TranscriptError",
    "add_document_info",
    "documents_table",
    "parse_paragraphs",
    "parse_transcript",
    "read_cmfa",
    "read_corpus",
    "read_transcript",
]

from .outlets import add_outlet_info, read_outlets  # noqa: E402
from .params import ParameterError, check_params  # noqa: E402

__all__ += ["add_outlet_info", "read_outlets", "ParameterError", "check_params"]
