"""Look at the notebooks in JupyterLab as a user would (make lab-check).

Starts JupyterLab on 127.0.0.1 with the project's settings, opens each executed
notebook of the report in headless Chromium, and saves a screenshot of each to
build/lab-check/; then stops the server. Look at the PNG files.
"""
from __future__ import annotations

import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

from analysis.config import PROJ_ROOT, REPORTS_DIR

OUT = PROJ_ROOT / "build" / "lab-check"
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--hide-scrollbars", "--window-size=1400,1000"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main() -> int:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        print("lab-check: chromium is not installed (make lab-check installs it with apt-get)", file=sys.stderr)
        return 2
    report = REPORTS_DIR / (sys.argv[1] if len(sys.argv) > 1 else "wangyi_2020-05-24_npc")
    only = set(sys.argv[2:])  # notebook stems; none: every notebook of the report
    notebooks = sorted(report.glob("[0-9]*.ipynb"))
    notebooks = [n for n in notebooks if ".tmp" not in n.name and ".failed" not in n.name
                 and (not only or n.stem in only)]
    if not notebooks:
        print(f"lab-check: no executed notebooks in {report}; run make report first", file=sys.stderr)
        return 2
    OUT.mkdir(parents=True, exist_ok=True)
    port, token = free_port(), secrets.token_hex(16)
    env = {**os.environ, "JUPYTER_CONFIG_DIR": str(PROJ_ROOT / "build" / "jupyter")}
    server = subprocess.Popen(
        [sys.executable, "-m", "jupyter", "lab", "--no-browser", "--allow-root", "--ip=127.0.0.1",
         f"--port={port}", f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={PROJ_ROOT}",
         "--LabApp.custom_css=True"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )
    try:
        for _ in range(120):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/api/status?token={token}", timeout=1)
                break
            except OSError:
                time.sleep(0.5)
        else:
            print("lab-check: JupyterLab did not start", file=sys.stderr)
            return 1
        for nb in notebooks:
            rel = nb.relative_to(PROJ_ROOT).as_posix()
            shot = OUT / f"{report.name}_{nb.stem}.png"
            with tempfile.TemporaryDirectory() as profile:
                subprocess.run(
                    [chromium, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", "--virtual-time-budget=25000",
                     f"--screenshot={shot}", f"http://127.0.0.1:{port}/lab/tree/{rel}?token={token}"],
                    check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=180,
                )
            print(f"lab-check: {rel} -> {shot.relative_to(PROJ_ROOT)}" + ("" if shot.exists() else " (no screenshot!)"))
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    return 0


if __name__ == "__main__":
    sys.exit(main())
