"""Check notebook parameters before anything runs.

Papermill passes parameters through unchecked: an unknown name only prints
a warning and a wrong type goes in as it is. Each notebook's first cell after
``parameters`` calls :func:`check_params`, which fails with one clear message.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .config import PROJ_ROOT
from .labels import LANGS, Lang


class ParameterError(ValueError):
    """A notebook parameter with a wrong value; the message says which and why."""


@dataclass(frozen=True)
class Params:
    transcript: Path
    doc_id: str
    lang: Lang
    principal: str | None

    @property
    def report_id(self) -> str:
        """Folder name for this build: the doc id, plus ``-en`` for English labels."""
        return self.doc_id if self.lang == "zh" else f"{self.doc_id}-{self.lang}"


def check_params(*, transcript: object, lang: object = "zh", principal: object = "") -> Params:
    """Validate the common notebook parameters and resolve the transcript path.

    ``transcript`` is a path, absolute or relative to the project root;
    ``lang`` is ``zh`` or ``en`` (labels of tables and figures); ``principal``
    is the principal speaker's label, or empty to detect it.
    """
    if not isinstance(transcript, (str, Path)) or not str(transcript).strip():
        raise ParameterError(f"transcript must be a file path, not {transcript!r}")
    path = Path(transcript)
    if not path.is_absolute():
        path = PROJ_ROOT / path
    if not path.is_file():
        raise ParameterError(f"transcript {str(transcript)!r}: no such file")
    if lang not in LANGS:
        raise ParameterError(f"lang must be one of {', '.join(LANGS)}, not {lang!r}")
    if not isinstance(principal, str):
        raise ParameterError(f"principal must be a speaker label (text), not {principal!r}")
    return Params(
        transcript=path, doc_id=path.stem, lang=lang, principal=principal.strip() or None
    )
