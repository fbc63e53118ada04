"""The same report SQL on a real PostgreSQL server gives DuckDB's results.

Needs a server: set ``SV_PG_DSN`` (a libpq connection string, e.g.
``host=/tmp/pg dbname=postgres user=postgres``); ``.ci/run`` starts a throwaway cluster on
a Unix socket and sets it. Without one, the tests are skipped and say why. Each run
works in a schema of its own, dropped at the end.
"""

from __future__ import annotations

import math
import os
import uuid
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from socialtjanst_variabler import statistik, strategies
from socialtjanst_variabler.arende import Arende
from socialtjanst_variabler.statistik.databas import kor_rapport, ladda, rad_data, skapa_tabeller
from socialtjanst_variabler.statistik.resultat import Period
from socialtjanst_variabler.statistik.tabeller import Inlasning

EXEMPEL = Path(__file__).resolve().parents[1] / "examples" / "arenden.jsonl"
VID = date(2026, 6, 1)
PERIODER = [
    Period.ar(2025),
    Period.kvartal(2025, 2),
    Period(date(2024, 12, 15), date(2026, 2, 28)),
    Period(date(2000, 1, 1), date(2030, 12, 31)),
]


def _anslut() -> Any:
    dsn = os.environ.get("SV_PG_DSN")
    if not dsn:
        pytest.skip("ingen PostgreSQL-server: sätt SV_PG_DSN (t.ex. 'host=/tmp/pg user=postgres')")
    psycopg = pytest.importorskip("psycopg", reason="psycopg saknas (dev-tillägget)")
    try:
        return psycopg.connect(dsn, autocommit=True, connect_timeout=5)
    except psycopg.OperationalError as exc:
        pytest.skip(f"PostgreSQL-servern i SV_PG_DSN svarar inte: {str(exc).splitlines()[0]}")


@pytest.fixture(scope="module")
def pg() -> Iterator[Any]:
    con = _anslut()
    schema = f"sv_test_{uuid.uuid4().hex[:12]}"
    con.execute(f"CREATE SCHEMA {schema}")
    con.execute(f"SET search_path TO {schema}")
    try:
        yield con
    finally:
        con.execute(f"DROP SCHEMA {schema} CASCADE")
        con.close()


def _tom(pg: Any) -> None:
    for (namn,) in pg.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()"
    ).fetchall():
        pg.execute(f"DROP TABLE {namn}")


def _ladda_pg(pg: Any, kalla: Any) -> None:
    _tom(pg)
    skapa_tabeller(pg, platshallare="%s")
    ladda(pg, Inlasning(vid=VID).las(kalla), platshallare="%s")


def _lika(a: dict[Any, Any], b: dict[Any, Any], id: str) -> None:
    assert a.keys() == b.keys(), (id, set(a) ^ set(b))
    for k, v in a.items():
        if isinstance(v, float) or isinstance(b[k], float):
            assert math.isclose(v, b[k], rel_tol=1e-12, abs_tol=1e-12), (id, k, v, b[k])
        else:
            assert v == b[k], (id, k, v, b[k])


def test_pg_version(pg: Any) -> None:
    (version,) = pg.execute("SHOW server_version_num").fetchone()
    assert int(version) >= 150000


def test_exempel_samma_som_duckdb(pg: Any) -> None:
    with EXEMPEL.open("rb") as f:
        _ladda_pg(pg, f)
    duck = statistik.bygg_tabeller(str(EXEMPEL), vid=VID)
    try:
        for p in PERIODER:
            for id in statistik.RAPPORTER:
                _lika(rad_data(pg, id, p), rad_data(duck.con, id, p), id)
        # The typed, masked report is the same too.
        for id in statistik.RAPPORTER:
            assert (
                kor_rapport(pg, id, PERIODER[0]).tabeller
                == duck.rapport(id, period=PERIODER[0]).tabeller
            )
    finally:
        duck.close()


@settings(max_examples=10)
@given(st.lists(strategies.arenden(senast=VID), max_size=8))
def test_genererade_samma_som_duckdb(pg: Any, arenden: list[Arende]) -> None:
    _ladda_pg(pg, arenden)
    duck = statistik.bygg_tabeller(arenden, vid=VID)
    try:
        for id in statistik.RAPPORTER:
            for p in PERIODER[2:]:
                _lika(rad_data(pg, id, p), rad_data(duck.con, id, p), id)
    finally:
        duck.close()
