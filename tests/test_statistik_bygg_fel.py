"""A parallel build that fails: the error raised is the one that happened.

(Written while merging main into ``poolad``: the branch that stops the workers before
their directory is removed had no test, and the suite requires full branch coverage.)
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from socialtjanst_variabler import statistik
from socialtjanst_variabler.statistik import databas

EXEMPEL = Path(__file__).resolve().parents[1] / "examples" / "arenden.jsonl"

pytest.importorskip("duckdb", reason="duckdb saknas (tillägget statistik)")


class _Fel(RuntimeError):
    pass


def test_an_error_while_copying_stops_the_workers(monkeypatch: pytest.MonkeyPatch) -> None:
    def kopiera(*_: Any, **__: Any) -> None:
        raise _Fel("kopieringen misslyckades")

    monkeypatch.setattr(databas, "_kopiera", kopiera)
    with pytest.raises(_Fel, match="kopieringen misslyckades"):
        statistik.bygg_tabeller(str(EXEMPEL), vid=date(2026, 11, 22), jobb=2)
