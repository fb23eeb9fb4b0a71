"""The one exception the package raises for bad input."""
from __future__ import annotations

from os import PathLike


class TranscriptError(ValueError):
    """A transcript that cannot be read or parsed.

    The message always names the file and the problem, so that a command line
    or a notebook can show it as one line.
    """

    def __init__(self, path: str | PathLike[str], problem: str) -> None:
        self.path = str(path)
        self.problem = problem
        #: for a corpus of which no file could be read: each file and its problem
        self.skipped: list[tuple[str, str]] = []
        super().__init__(f"{self.path}: {problem}")
