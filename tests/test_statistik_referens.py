"""The reference results shipped with the docs: every report on the example extract.

``docs/statistik-referens/`` holds, per report, the unmasked result on the example
extract for the year 2025 (reviewed at :data:`VID`) as CSV, one row per cell. A vendor
runs the same extract through its own system and compares, report by report. This test
checks that the shipped files are what the library computes; regenerate them with

    .venv/bin/python tests/test_statistik_referens.py
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from socialtjanst_variabler import statistik
from socialtjanst_variabler.statistik.utdata import csv_text

ROT = Path(__file__).resolve().parents[1]
EXEMPEL = ROT / "examples" / "arenden.jsonl"
KATALOG = ROT / "docs" / "statistik-referens"
VID = date(2026, 11, 22)
PERIOD = statistik.Period.ar(2025)


def referenser() -> dict[str, str]:
    """The reference CSV text of every report, by file name."""
    tabeller = statistik.bygg_tabeller(str(EXEMPEL), vid=VID)
    try:
        return {
            f"{id}.csv": csv_text([tabeller.rapport(id, period=PERIOD, omaskerad=True)])
            for id in statistik.RAPPORTER
        }
    finally:
        tabeller.close()


@pytest.fixture(scope="module")
def berakat() -> dict[str, str]:
    return referenser()


@pytest.mark.parametrize("id", list(statistik.RAPPORTER))
def test_referens(berakat: dict[str, str], id: str) -> None:
    fil = KATALOG / f"{id}.csv"
    assert fil.read_bytes().decode("utf-8") == berakat[fil.name], (
        f"{fil} is stale: run .venv/bin/python tests/test_statistik_referens.py"
    )


def test_inga_andra_filer() -> None:
    assert sorted(p.name for p in KATALOG.iterdir()) == sorted(
        f"{id}.csv" for id in statistik.RAPPORTER
    )


if __name__ == "__main__":
    KATALOG.mkdir(parents=True, exist_ok=True)
    for namn, text in referenser().items():
        (KATALOG / namn).write_text(text, encoding="utf-8", newline="")
    print(f"wrote {len(statistik.RAPPORTER)} files to {KATALOG}")
