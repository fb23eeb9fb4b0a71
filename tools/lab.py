"""Start JupyterLab on the project (make lab), and the command line make lab-check shares.

    python tools/lab.py [--port N] [--ip ADDRESS] [--browser yes|no]

JupyterLab runs with the project's Jupyter config folder (build/jupyter, prepared by
tools/lab_setup.py: the CJK web font in custom.css), the project root as its root, on
127.0.0.1 unless told otherwise. As root (a container, a fresh VM) it runs at all only with
--allow-root, which is given then. With --browser no nothing tries to open a browser, for a
machine without a display: once the server answers, this prints its URL with the token, the
one line a headless user needs; with --port the server takes that port or stops, rather than
silently moving to the next free one. Ctrl-C reaches JupyterLab itself, which asks to confirm
(a second Ctrl-C stops at once).
"""
from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from analysis.config import PROJ_ROOT
from lab_setup import CONFIG


def server_command(*, ip: str = "127.0.0.1", port: int | None = None, browser: bool = False,
                   extra: list[str] = ()) -> list[str]:
    """The `jupyter lab` command line for this project (port None: Jupyter's own choice)."""
    cmd = [sys.executable, "-m", "jupyter", "lab", f"--ServerApp.root_dir={PROJ_ROOT}", f"--ip={ip}",
           "--LabApp.custom_css=True"]
    if port is not None:
        cmd += [f"--port={port}", "--ServerApp.port_retries=0"]
    if not browser:
        cmd.append("--no-browser")
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        cmd.append("--allow-root")  # otherwise JupyterLab refuses to start as root
    return cmd + list(extra)


def server_env(**extra: str) -> dict[str, str]:
    """The environment JupyterLab runs in: the project's Jupyter config folder (custom.css)."""
    return {**os.environ, "JUPYTER_CONFIG_DIR": str(CONFIG), **extra}


def wait_for_server(server: subprocess.Popen, runtime_dir: str | os.PathLike[str] | None = None,
                    timeout: float = 120) -> dict | None:
    """The server's own description (url, port, token) once it answers; None if it stopped.

    A Jupyter server writes jpserver-<pid>.json in its runtime folder once it listens; its
    url and port are the real ones, also when Jupyter moved on to another free port.
    """
    if runtime_dir is None:
        from jupyter_core.paths import jupyter_runtime_dir
        runtime_dir = jupyter_runtime_dir()
    info_file = Path(runtime_dir) / f"jpserver-{server.pid}.json"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and server.poll() is None:
        try:
            info = json.loads(info_file.read_text(encoding="utf-8"))
            urllib.request.urlopen(f"{info['url']}api/status?token={info['token']}", timeout=2)
            return info
        except (OSError, ValueError, KeyError):
            time.sleep(0.5)
    return None


def lab_url(info: dict, path: str = "lab") -> str:
    """The URL that opens JupyterLab, with the token when the server has one."""
    return f"{info['url']}{path}" + (f"?token={info['token']}" if info.get("token") else "")


def yes(value: str) -> bool:
    """A make variable's yes/no (yes, no, 1, 0, true, false, on, off)."""
    value = value.strip().lower()
    if value not in {"yes", "no", "1", "0", "true", "false", "on", "off"}:
        raise argparse.ArgumentTypeError(f"expected yes or no, not {value!r}")
    return value in {"yes", "1", "true", "on"}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--port", type=int, help="the port (default: 8888, or the next free one)")
    parser.add_argument("--ip", default="127.0.0.1", help="the address to listen on (default 127.0.0.1)")
    parser.add_argument("--browser", type=yes, default=True, help="yes: open a browser; no: headless")
    args = parser.parse_args(argv)

    server = subprocess.Popen(server_command(ip=args.ip, port=args.port, browser=args.browser), env=server_env())
    # Ctrl-C goes to the whole foreground group: JupyterLab handles it (and asks to confirm);
    # this process only waits for it. A SIGTERM (make killed) is passed on.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, lambda *_: server.send_signal(signal.SIGTERM))
    info = wait_for_server(server)
    if info is not None:
        remote = (f"from another machine: ssh -L {info['port']}:127.0.0.1:{info['port']} <this host>, "
                  "then the URL above; " if args.ip == "127.0.0.1" else "")
        print(f"\nmake lab: JupyterLab is running; open\n\n    {lab_url(info)}\n\n"
              f"  ({remote}stop with Ctrl-C twice)\n", flush=True)
    elif server.poll() is None:
        print("make lab: JupyterLab does not answer yet; see its log above", file=sys.stderr, flush=True)
    return server.wait()


if __name__ == "__main__":
    sys.exit(main())
