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
