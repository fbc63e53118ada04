"""Importing the package stays cheap: no cattrs, no dateutil, no hypothesis."""

from __future__ import annotations

import subprocess
import sys

import socialtjanst_variabler as sv


def test_import_does_not_load_heavy_modules() -> None:
    code = (
        "import sys, socialtjanst_variabler\n"
        "print(sorted(m for m in ('cattrs', 'dateutil', 'hypothesis') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_all_is_sorted_and_complete() -> None:
    # ruff's isort-style order (RUF022): CONSTANTS, then Classes, then the rest.
    def key(name: str) -> tuple[int, str]:
        return (0 if name.isupper() else 1 if name[0].isupper() else 2, name)

    assert list(sv.__all__) == sorted(sv.__all__, key=key)
    for name in sv.__all__:
        assert hasattr(sv, name), name


def test_version() -> None:
    parts = sv.__version__.split(".")
    assert len(parts) == 3
    assert all(p.isdigit() for p in parts)
