"""scripts/system-deps.sh takes a library's file as its check, as the reports' setup needs."""

from __future__ import annotations

import subprocess
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "system-deps.sh"


def test_an_existing_file_counts_as_installed_so_nothing_is_installed(tmp_path):
    library = tmp_path / "libexample.so.0"
    library.write_bytes(b"")  # a file that exists but is not executable, like a library
    result = subprocess.run(
        [str(SCRIPT), f"no-such-debian-package-overgang:{library}", "coreutils:ls"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "Installing" not in result.stderr
