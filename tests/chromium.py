"""Headless Chromium for tests that look at rendered HTML (Debian's `chromium` package).

`ensure_chromium()` finds the browser or installs it with apt (CI starts on a fresh machine and
runs as root); `dump_dom()` returns the DOM after scripts ran; `visible_text()` keeps what a reader
sees (no scripts, styles or tags).
"""

from __future__ import annotations

import html
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

CANDIDATES = ("chromium", "chromium-browser")
FLAGS = (
    "--headless",
    "--no-sandbox",  # root in a container: the sandbox needs user namespaces we may not have
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    # The pages load CSS/JS from public CDNs that this machine cannot reach: fail those fast.
    "--host-resolver-rules=MAP * ~NOTFOUND",
)


class ChromiumUnavailable(RuntimeError):
    pass


def find_chromium() -> str | None:
    for name in CANDIDATES:
        if path := shutil.which(name):
            return path
    return "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None


def ensure_chromium() -> str:
    """Path of a chromium binary, installing Debian's package when missing."""
    if path := find_chromium():
        return path
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        raise ChromiumUnavailable(
            "chromium is not installed and cannot be installed here (needs root and apt-get): "
            "run `apt-get update && apt-get install -y chromium`"
        )
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for cmd in (["apt-get", "update"], ["apt-get", "install", "-y", "chromium"]):
        done = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=900, check=False)
        if done.returncode != 0:
            raise ChromiumUnavailable(f"`{' '.join(cmd)}` failed ({done.returncode}):\n{done.stderr[-2000:]}")
    if path := find_chromium():
        return path
    raise ChromiumUnavailable("apt-get installed chromium but no chromium binary is on PATH")


def dump_dom(url: str, *, chromium: str | None = None, timeout: float = 90) -> str:
    """The serialised DOM of `url` after Chromium loaded it (scripts run, network unreachable)."""
    binary = chromium or ensure_chromium()
    with tempfile.TemporaryDirectory(prefix="chromium-") as profile:
        done = subprocess.run(
            [binary, *FLAGS, f"--user-data-dir={profile}", "--dump-dom", url],
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
    if done.returncode != 0 or not done.stdout.strip():
        raise RuntimeError(f"chromium --dump-dom {url} failed ({done.returncode}): {done.stderr[-2000:]}")
    return done.stdout


def visible_text(dom: str) -> str:
    """Text a reader sees: scripts, styles and tags removed, entities decoded, spaces collapsed."""
    text = re.sub(r"<(script|style|noscript|template)\b.*?</\1>", " ", dom, flags=re.S | re.I)
    text = re.sub(r"<[^>]+>", " ", text)
    return re.sub(r"\s+", " ", html.unescape(text)).strip()
