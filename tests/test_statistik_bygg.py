"""Building the analysis tables: every way of loading gives the same tables.

One process or several (``bygg_tabeller(jobb=N)``), one round of CSV files or many, the
generic DB-API loader or DuckDB's: the rows must be identical, numbers and all, and every
line of the file accounted for the same way. No test here measures time.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from socialtjanst_variabler import statistik
from socialtjanst_variabler.arende.jsonl import intervall
from socialtjanst_variabler.errors import ValidationError
from socialtjanst_variabler.statistik import databas
from socialtjanst_variabler.statistik.tabeller import (
    TABELL,
    TABELLER,
    Inlasning,
    Typ,
    _Radbyggare,
    rader,
)

EXEMPEL = Path(__file__).resolve().parents[1] / "examples" / "arenden.jsonl"
VID = date(2026, 11, 22)

pytest.importorskip("duckdb", reason="duckdb saknas (tillägget statistik)")


def _innehall(t: statistik.Tabeller) -> dict[str, list[tuple[Any, ...]]]:
    ut = {}
    for d in TABELLER:
        ordning = ", ".join(d.kolumnnamn)
        ut[d.namn] = t.con.execute(f"SELECT * FROM {d.namn} ORDER BY {ordning}").fetchall()
    return ut


def _raknare(i: Inlasning) -> tuple[int, ...]:
    return (i.rader, i.arenden, i.olasbara, i.granskningsfel, i.insatser, i.uppfoljningar)


@pytest.fixture(scope="module")
def fil(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example extract with a byte-order mark, and bad lines at the ends of ranges."""
    text = EXEMPEL.read_bytes()
    f = tmp_path_factory.mktemp("bygg") / "uttag.jsonl"
    rader_ = text.splitlines(keepends=True)
    mitt = len(rader_) // 2
    # a blank line and a byte-order mark in the middle: both refused there, as in one pass
    f.write_bytes(
        b"\xef\xbb\xbf"
        + b"".join(rader_[:mitt])
        + b"\n\xef\xbb\xbf{}\nnot json\n"
        + b"x" * 100_000  # a line longer than a range: cut inside
        + b"\n"
        + b"".join(rader_[mitt:])
        + b'{"id": "sist"}'  # no line break at the end
    )
    return f


@pytest.fixture(scope="module")
def en_process(fil: Path) -> Iterator[statistik.Tabeller]:
    t = statistik.bygg_tabeller(str(fil), vid=VID)
    assert t.inlasning.olasbara >= 3
    assert t.inlasning.granskningsfel > 0
    yield t
    t.close()


def test_several_processes_build_the_tables_of_one(
    fil: Path, en_process: statistik.Tabeller, monkeypatch: pytest.MonkeyPatch
) -> None:
    # small ranges, so that the file is cut in many places (some in a long line)
    monkeypatch.setattr(databas, "INTERVALL", 4096)
    sedda: list[int] = []
    flera = statistik.bygg_tabeller(str(fil), vid=VID, jobb=2, framsteg=sedda.append)
    try:
        assert len(sedda) > 5
        assert sedda == sorted(sedda)
        assert sedda[-1] == en_process.inlasning.rader
        assert _raknare(flera.inlasning) == _raknare(en_process.inlasning)
        assert _innehall(flera) == _innehall(en_process)
        p = statistik.Period.ar(2025)
        assert flera.rapporter(period=p) == en_process.rapporter(period=p)
    finally:
        flera.close()


def test_a_range_read_in_this_process_is_numbered_from_one(fil: Path) -> None:
    """The worker's function, run here: its rows are numbered within its range."""
    storlek = fil.stat().st_size
    delar = list(intervall(str(fil), storlek // 3))
    assert delar[0][0] == 0
    assert delar[-1][1] == storlek
    assert all(a[1] == b[0] for a, b in itertools.pairwise(delar))
    ett = statistik.bygg_tabeller(str(fil), vid=VID)
    try:
        summa = 0
        for start, slut in delar:
            uppdrag = databas._Uppdrag(str(fil), start, slut, str(fil.parent), VID, ett.band, True)
            inlasning, filer = databas._bygg_intervall(uppdrag)
            summa += inlasning.rader
            arende = Path(filer["arende"]).read_text(encoding="utf-8").splitlines()
            assert arende[0].startswith("1,")
            for f in filer.values():
                Path(f).unlink()
        assert summa == ett.inlasning.rader
    finally:
        ett.close()


def test_rounds_of_csv_files_give_the_same_tables(en_process: statistik.Tabeller) -> None:
    import duckdb

    con = duckdb.connect()
    try:
        databas.skapa_tabeller(con)
        inlasning = Inlasning(vid=VID, batch=7, datum_som_text=True)
        databas.ladda_duckdb(con, inlasning.las(str(EXEMPEL)), omgang=50)
        t = statistik.Tabeller(con=con, inlasning=inlasning)
        ett = statistik.bygg_tabeller(str(EXEMPEL), vid=VID)
        try:
            assert _innehall(t) == _innehall(ett)
        finally:
            ett.close()
    finally:
        con.close()


def test_no_rows_at_all() -> None:
    t = statistik.bygg_tabeller([], vid=VID)
    try:
        assert all(not rows for namn, rows in _innehall(t).items() if namn != "aldersband")
    finally:
        t.close()


def test_several_processes_and_an_empty_file(tmp_path: Path) -> None:
    tom = tmp_path / "tom.jsonl"
    tom.write_bytes(b"")
    t = statistik.bygg_tabeller(str(tom), vid=VID, jobb=2)
    try:
        assert t.inlasning.rader == 0
    finally:
        t.close()
    t = statistik.bygg_tabeller(str(EXEMPEL), vid=VID, jobb=2)  # without framsteg
    try:
        assert t.inlasning.arenden > 250
    finally:
        t.close()


def test_jobb_is_ignored_for_a_stream_or_arenden() -> None:
    from socialtjanst_variabler.arende.jsonl import las_jsonl

    ett = statistik.bygg_tabeller(str(EXEMPEL), vid=VID)
    with EXEMPEL.open("rb") as f:
        strom = statistik.bygg_tabeller(f, vid=VID, jobb=2)
    with EXEMPEL.open("rb") as f:
        arenden = [r.arende for r in las_jsonl(f) if r.arende is not None]
    poster = statistik.bygg_tabeller(iter(arenden), vid=VID, jobb=2)
    try:
        assert _innehall(strom) == _innehall(ett)
        assert _raknare(strom.inlasning) == _raknare(ett.inlasning)
        # Ärenden carry no line numbers, and none is unreadable: the same ärenden in.
        assert poster.inlasning.arenden == ett.inlasning.arenden
        assert _innehall(poster)["insats"] == _innehall(ett)["insats"]
    finally:
        for t in (ett, strom, poster):
            t.close()


@pytest.mark.parametrize("jobb", [0, -1, True, "2", 1.0])
def test_jobb_must_be_a_positive_int(jobb: Any) -> None:
    with pytest.raises(ValidationError, match="jobb"):
        statistik.bygg_tabeller([], vid=VID, jobb=jobb)


def test_dates_as_text_or_as_dates_are_the_same_rows() -> None:
    from socialtjanst_variabler.arende.jsonl import las_jsonl

    with EXEMPEL.open("rb") as f:
        arenden = [r.arende for r in las_jsonl(f) if r.arende is not None]
    # rader() builds with dates as dates; the CSV path writes them as text.
    som_text = _Radbyggare(statistik.STANDARD, text=True)
    for nr, a in enumerate(arenden, start=1):
        ett = rader(a, arende_nr=nr, radnummer=nr, insats_nr=1, uppfoljning_nr=1)
        b2: dict[str, list[tuple[Any, ...]]] = {t.namn: [] for t in TABELLER}
        n2 = som_text.lagg_till(b2, a, arende_nr=nr, radnummer=nr, insats_nr=1, uppfoljning_nr=1)
        assert n2 == (len(ett["insats"]), len(ett["uppfoljning"]))
        for namn, rr in b2.items():
            typer = [k.typ for k in TABELL[namn].kolumner]
            for r_text, r_datum in zip(rr, ett[namn], strict=True):
                for v_text, v_datum, typ in zip(r_text, r_datum, typer, strict=True):
                    if typ is Typ.DATE and v_datum is not None:
                        assert v_text == v_datum.isoformat()
                    else:
                        assert v_text == v_datum


def test_local_values_are_read_in_one_process(monkeypatch: pytest.MonkeyPatch) -> None:
    """An extension's value sets cannot be sent to a worker: with extensions, jobb is
    ignored, and table ``lokal`` (its dates written as text) is the same."""
    from socialtjanst_variabler.lokala import exempel, las_definition

    fil = EXEMPEL.with_name("arenden-lokala.jsonl")
    utokningar = [las_definition(exempel("fia")), las_definition(exempel("suv39"))]
    monkeypatch.setattr(databas, "INTERVALL", 2048)
    ett = statistik.bygg_tabeller(str(fil), vid=VID, utokningar=utokningar)
    flera = statistik.bygg_tabeller(str(fil), vid=VID, utokningar=utokningar, jobb=2)
    try:
        assert _innehall(ett)["lokal"]
        assert _innehall(flera) == _innehall(ett)
        assert _raknare(flera.inlasning) == _raknare(ett.inlasning)
    finally:
        ett.close()
        flera.close()


class _Avbrott(Exception):
    pass


@pytest.mark.parametrize("jobb", [1, 2])
def test_an_error_while_building_is_raised_and_nothing_is_left(
    fil: Path, jobb: int, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # The error raised is the one that happened, and no temporary directory stays behind
    # (the workers are stopped before their directory is removed).
    import tempfile

    monkeypatch.setattr(databas, "INTERVALL", 4096)
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))

    def avbryt(_: int) -> None:
        raise _Avbrott

    with pytest.raises(_Avbrott):
        statistik.bygg_tabeller(str(fil), vid=VID, jobb=jobb, framsteg=avbryt)
    assert list(tmp_path.iterdir()) == []
