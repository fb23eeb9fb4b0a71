"""The notebook engine: a successful run prints nothing on stderr.

ipykernel 7.4 warns on every start over unencrypted TCP, and jupyter_client's
interrupt-before-shutdown made the kernel log a KeyboardInterrupt after the last cell;
both reached every `make report`. The project's engine (analysis.engine) encrypts the
channels and skips that interrupt.
"""
import subprocess
import sys

import nbformat


def _run(tmp_path, *engine):
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x = 1 + 1\nprint(x)")])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    src, out = tmp_path / "in.ipynb", tmp_path / "out.ipynb"
    nbformat.write(nb, src)
    done = subprocess.run(
        [sys.executable, "-m", "papermill", *engine, "-k", "python3", "--no-progress-bar",
         "--log-level", "WARNING", str(src), str(out)],
        capture_output=True, text=True, timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert nbformat.read(out, as_version=4).cells[0].outputs[0]["text"] == "2\n"
    return done.stderr


def test_engine_runs_quietly(tmp_path):
    assert _run(tmp_path, "--engine", "analysis") == ""


def test_engine_uses_curve_keys_when_the_kernel_supports_them():
    import zmq
    from papermill.engines import papermill_engines  # registers the project's engine (pyproject.toml)

    from analysis.engine import EncryptedEngine, EncryptedKernelManager

    assert papermill_engines.get_engine("analysis") is EncryptedEngine
    km = EncryptedKernelManager(kernel_name="python3")
    assert km.transport_encryption == ("auto" if zmq.has("curve") else "disabled")


def test_a_batch_run_tells_the_kernel_it_is_one(tmp_path):
    import nbformat

    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("import os\nprint(os.environ.get('ANALYSIS_BATCH'))")])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    src, out = tmp_path / "in.ipynb", tmp_path / "out.ipynb"
    nbformat.write(nb, src)
    subprocess.run([sys.executable, "-m", "papermill", "--engine", "analysis", "-k", "python3", "--no-progress-bar",
                    str(src), str(out)], check=True, capture_output=True, timeout=120)
    assert nbformat.read(out, as_version=4).cells[0].outputs[0]["text"] == "1\n"


def test_the_term_viewer_is_a_note_in_a_batch_run(monkeypatch):
    import pandas as pd

    from analysis.sentiment import term_viewer

    monkeypatch.setenv("ANALYSIS_BATCH", "1")
    view = term_viewer(pd.DataFrame(), pd.DataFrame())
    assert "make lab" in view.data
