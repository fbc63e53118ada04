"""Every command output the docs show is what the command prints when it is run.

A ``text`` block in ``docs/*.md`` whose lines start with ``$ `` is a terminal session: each
``$ command`` is run in a shell (``socialtjanst-variabler`` is this checkout's command, run
in a scratch directory that holds ``examples/``), and its output (standard out and
standard error, as a terminal shows them) must be the lines that follow it. ``$ echo $?``
shows the previous command's exit status.

After a deliberate change of output, rewrite the blocks from the real output with
``UPPDATERA_DOKUMENTATION=1 pytest tests/test_dokumentation.py``, and read the diff.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

ROT = Path(__file__).resolve().parents[1]
DOCS = ROT / "docs"
BLOCK = re.compile(r"^```text\n(.*?)^```", re.DOTALL | re.MULTILINE)


def _sessioner() -> list[tuple[Path, int]]:
    """(page, index of the block) for every block that holds a terminal session."""
    found = []
    for page in sorted(DOCS.glob("*.md")):
        for k, block in enumerate(BLOCK.findall(page.read_text(encoding="utf-8"))):
            if block.startswith("$ "):
                found.append((page, k))
    return found


def _steg(block: str) -> list[tuple[str, list[str]]]:
    """The block as (command, the output lines the docs show for it)."""
    steg: list[tuple[str, list[str]]] = []
    for line in block.splitlines():
        if line.startswith("$ "):
            steg.append((line[2:], []))
        else:
            steg[-1][1].append(line)
    return steg


@pytest.fixture(scope="module")
def skal(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The environment of a session: this checkout's command first on PATH."""
    bin_dir = tmp_path_factory.mktemp("bin")
    kommando = bin_dir / "socialtjanst-variabler"
    kommando.write_text(
        f'#!/bin/sh\nexec {shlex.quote(sys.executable)} -m socialtjanst_variabler "$@"\n',
        encoding="utf-8",
    )
    kommando.chmod(0o755)
    return {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}", "COLUMNS": "80"}


def _kor(steg: list[tuple[str, list[str]]], env: dict[str, str], cwd: Path) -> list[str]:
    """Run a session; the output of each command, as lines."""
    (cwd / "examples").symlink_to(ROT / "examples")
    utfall, status = [], 0
    for kommando, _ in steg:
        if kommando == "echo $?":
            utfall.append(f"{status}\n")
            continue
        done = subprocess.run(
            ["/bin/sh", "-c", f"{{ {kommando}\n}} 2>&1"],  # every stage's standard error
            cwd=cwd,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        utfall.append(done.stdout)
        status = done.returncode
    return utfall


@pytest.mark.parametrize(
    ("page", "k"), _sessioner(), ids=lambda x: x.name if isinstance(x, Path) else str(x)
)
def test_the_docs_show_what_the_command_prints(
    page: Path, k: int, skal: dict[str, str], tmp_path: Path
) -> None:
    text = page.read_text(encoding="utf-8")
    match = list(BLOCK.finditer(text))[k]
    steg = _steg(match.group(1))
    utfall = _kor(steg, skal, tmp_path)
    if os.environ.get("UPPDATERA_DOKUMENTATION") == "1":
        ny = "".join(f"$ {kommando}\n{ut}" for (kommando, _), ut in zip(steg, utfall, strict=True))
        page.write_text(text[: match.start(1)] + ny + text[match.end(1) :], encoding="utf-8")
        return
    for (kommando, visat), ut in zip(steg, utfall, strict=True):
        assert visat == ut.splitlines(), f"{page.name}: $ {kommando}"


def test_there_are_sessions_to_compare() -> None:
    assert len(_sessioner()) >= 4
