"""Check notebook parameters before anything runs.

Papermill passes parameters through unchecked: an unknown name only prints
a warning and a wrong type goes in as it is. Each notebook's first cell after
``parameters`` calls :func:`check_params`, which fails with one clear message.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .config import FIGURES_DIR, PROJ_ROOT, RAW_DIR
from .labels import LANGS, Lang


class ParameterError(ValueError):
    """A notebook parameter with a wrong value; the message says which and why."""


@dataclass(frozen=True)
class Params:
    transcript: Path
    doc_id: str
    lang: Lang
    principal: str | None
    figures_dir: Path

    @property
    def report_id(self) -> str:
        """Folder name for this build: the doc id, plus ``-en`` for English labels."""
        return report_id(self.doc_id, self.lang)


def report_id(doc_id: str, lang: Lang) -> str:
    """``reports/`` and ``figures/`` folder of a build (the Makefile uses the same rule)."""
    return doc_id if lang == "zh" else f"{doc_id}-{lang}"


def check_params(
    *,
    transcript: object,
    lang: object = "zh",
    principal: object = "",
    figures_dir: object = "",
) -> Params:
    """Validate the common notebook parameters and resolve the transcript path.

    ``transcript`` is a path, absolute or relative to the project root;
    ``lang`` is ``zh`` or ``en`` (labels of tables and figures); ``principal``
    is the principal speaker's label, or empty to detect it; ``figures_dir``
    is where figures go, empty for ``figures/<report_id>/``.
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
    if not isinstance(figures_dir, (str, Path)):
        raise ParameterError(f"figures_dir must be a folder path or empty, not {figures_dir!r}")
    default = FIGURES_DIR / report_id(path.stem, lang)
    figures = Path(figures_dir) if str(figures_dir).strip() else default
    if not figures.is_absolute():
        figures = PROJ_ROOT / figures
    if figures.resolve().is_relative_to(RAW_DIR.resolve()):
        raise ParameterError("figures_dir must not be inside data/raw/, which holds transcripts as received")
    return Params(
        transcript=path,
        doc_id=path.stem,
        lang=lang,
        principal=principal.strip() or None,
        figures_dir=figures,
    )


def positive_int(name: str, value: object) -> int:
    """``value`` as a positive whole number, or a ParameterError naming ``name``."""
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ParameterError(f"{name} must be a whole number of at least 1, not {value!r}")
    return value


def nonempty_text(name: str, value: object) -> str:
    """``value`` as non-empty text, or a ParameterError naming ``name``."""
    if not isinstance(value, str) or not value.strip():
        raise ParameterError(f"{name} must be non-empty text, not {value!r}")
    return value.strip()
