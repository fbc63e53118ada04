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


def _tillfalligt_i(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Temporary directories under *tmp_path* from now on (to see what stays behind);
    multiprocessing's own directory, kept until the interpreter exits, made before."""
    import multiprocessing.util
    import tempfile

    multiprocessing.util.get_temp_dir()
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))


@pytest.mark.parametrize("jobb", [1, 2])
def test_an_error_while_building_is_raised_and_nothing_is_left(
    fil: Path, jobb: int, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # The error raised is the one that happened, and no temporary directory stays behind
    # (the workers are stopped before their directory is removed).

    monkeypatch.setattr(databas, "INTERVALL", 4096)
    _tillfalligt_i(tmp_path, monkeypatch)

    def avbryt(_: int) -> None:
        raise _Avbrott

    with pytest.raises(_Avbrott):
        statistik.bygg_tabeller(str(fil), vid=VID, jobb=jobb, framsteg=avbryt)
    assert list(tmp_path.iterdir()) == []


# Back-pressure in the parallel build: at most a window of ranges is given to the workers
# and not yet loaded. Observed when each range is loaded, by the CSV files that exist then
# (their names begin with the range's first byte); never by timing.


def _byggt(t: statistik.Tabeller) -> dict[str, list[tuple[Any, ...]]]:
    """The tables that building fills (a report sets table ``period`` of the module's
    one-process tables when it runs)."""
    return {namn: rows for namn, rows in _innehall(t).items() if namn != "period"}


class _Svar:
    """What ``Pool.apply_async`` returns: the result, or the error raised, on ``get``."""

    def __init__(self, varde: Any = None, fel: BaseException | None = None) -> None:
        self.varde, self.fel = varde, fel

    def get(self) -> Any:
        if self.fel is not None:
            raise self.fel
        return self.varde


class _GenastPool:
    """A pool whose workers are infinitely fast: a range is read the moment it is given
    out (in this process), so an unbounded build would write every range before loading
    the first. Ranges whose first byte is in *fel* fail, as a worker's error would."""

    def __init__(self, fel: frozenset[int] = frozenset(), katalog: Path | None = None) -> None:
        self.fel, self.katalog = fel, katalog
        self.givna: list[int] = []
        self.stoppad: list[str] = []

    def apply_async(self, funktion: Any, args: tuple[databas._Uppdrag]) -> _Svar:
        (u,) = args
        self.givna.append(u.start)
        if u.start in self.fel:
            return _Svar(fel=_Avbrott(u.start))
        return _Svar(funktion(u))

    def terminate(self) -> None:
        # what is still in the temporary directories when the workers are stopped
        assert self.katalog is not None
        self.stoppad.append(" ".join(sorted(p.name for p in self.katalog.iterdir())))

    def join(self) -> None:
        self.stoppad.append("join")


def _las_in_med_spion(
    monkeypatch: pytest.MonkeyPatch, katalog: Path
) -> list[tuple[set[int], set[int]]]:
    """Wrap the loading of a range: record the ranges whose CSV files exist under
    *katalog* as it begins, and the range loaded (from its files' names; empty when the
    range gave no rows)."""
    sedda: list[tuple[set[int], set[int]]] = []
    kopiera = databas._kopiera

    def spion(con: Any, filer: dict[str, str], forskjut: dict[str, int] | None = None) -> None:
        finns = {int(p.name.split("-", 1)[0]) for p in katalog.glob("*/*.csv")}
        sedda.append((finns, {int(Path(f).name.split("-", 1)[0]) for f in filer.values()}))
        kopiera(con, filer, forskjut)

    monkeypatch.setattr(databas, "_kopiera", spion)
    return sedda


@pytest.mark.parametrize("fonster", [2, 3, 5])
def test_at_most_a_window_of_ranges_is_on_disk(
    fil: Path,
    en_process: statistik.Tabeller,
    fonster: int,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:

    import duckdb

    monkeypatch.setattr(databas, "INTERVALL", 4096)
    _tillfalligt_i(tmp_path, monkeypatch)
    sedda = _las_in_med_spion(monkeypatch, tmp_path)
    pool = _GenastPool()
    con = duckdb.connect()
    try:
        databas.skapa_tabeller(con)
        inlasning = Inlasning(vid=VID, datum_som_text=True)
        framsteg: list[int] = []
        databas._bygg_parallellt(con, pool, str(fil), inlasning, framsteg.append, fonster=fonster)
        delar = [start for start, _ in intervall(str(fil), 4096)]
        assert pool.givna == delar  # every range given out once, in file order
        assert len(sedda) == len(delar) > 3 * fonster
        for (finns, laddas), start in zip(sedda, delar, strict=True):
            assert laddas <= {start}  # loaded in file order
            # the range loaded, and the ranges given out after it: never more than the
            # window, and nothing left of a range loaded before
            assert finns <= set(delar[delar.index(start) : delar.index(start) + fonster])
        # the workers ran as far ahead as the window lets them (they are instantaneous)
        assert max(len(finns) for finns, _ in sedda) == fonster
        assert list(tmp_path.glob("*/*.csv")) == []
        assert framsteg[-1] == en_process.inlasning.rader
        t = statistik.Tabeller(con=con, inlasning=inlasning)
        assert _raknare(inlasning) == _raknare(en_process.inlasning)
        assert _byggt(t) == _byggt(en_process)
    finally:
        con.close()


def test_worker_processes_stay_within_the_window(
    fil: Path, en_process: statistik.Tabeller, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """With real workers: when a range is loaded, the CSV files on disk are those of at
    most 2 * jobb ranges, none loaded before; the tables are those of one process."""

    monkeypatch.setattr(databas, "INTERVALL", 2048)
    _tillfalligt_i(tmp_path, monkeypatch)
    sedda = _las_in_med_spion(monkeypatch, tmp_path)
    flera = statistik.bygg_tabeller(str(fil), vid=VID, jobb=2)
    try:
        assert len(sedda) > 20
        for finns, laddas in sedda:
            assert len(finns) <= 4
            assert all(start <= min(finns) for start in laddas)
        assert _raknare(flera.inlasning) == _raknare(en_process.inlasning)
        assert _byggt(flera) == _byggt(en_process)
    finally:
        flera.close()
    assert list(tmp_path.iterdir()) == []


def test_the_first_error_in_file_order_is_raised_and_the_workers_stopped(
    fil: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Two ranges fail, both handed out within the window; the one earlier in the file
    is raised, not the later. The workers are stopped while the temporary directory
    still exists, and nothing is left."""

    import duckdb

    monkeypatch.setattr(databas, "INTERVALL", 4096)
    _tillfalligt_i(tmp_path, monkeypatch)
    delar = [start for start, _ in intervall(str(fil), 4096)]
    pool = _GenastPool(fel=frozenset({delar[3], delar[4]}), katalog=tmp_path)
    con = duckdb.connect()
    try:
        databas.skapa_tabeller(con)
        inlasning = Inlasning(vid=VID, datum_som_text=True)
        framsteg: list[int] = []
        with pytest.raises(_Avbrott) as fangat:
            databas._bygg_parallellt(con, pool, str(fil), inlasning, framsteg.append, fonster=4)
        assert fangat.value.args == (delar[3],)
        assert delar[4] in pool.givna  # the later error happened, and is not the one raised
        assert len(pool.stoppad) == 2
        assert pool.stoppad[0].startswith("socialtjanst-statistik-")
        assert pool.stoppad[1] == "join"
        assert list(tmp_path.iterdir()) == []
        assert len(framsteg) == 3  # the ranges before it were loaded
    finally:
        con.close()


def test_a_load_error_comes_before_a_later_ranges_error(
    fil: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Loading range 3 fails while range 4 has failed in its worker: the load's error,
    earlier in the file, is the one raised."""
    import duckdb

    monkeypatch.setattr(databas, "INTERVALL", 4096)
    _tillfalligt_i(tmp_path, monkeypatch)
    delar = [start for start, _ in intervall(str(fil), 4096)]
    pool = _GenastPool(fel=frozenset({delar[4]}), katalog=tmp_path)
    kopiera = databas._kopiera
    laddade: list[int] = []

    def fel_i_tredje(con: Any, filer: dict[str, str], forskjut: dict[str, int] | None) -> None:
        laddade.append(len(laddade))
        if len(laddade) == 4:
            raise _Avbrott("laddning")
        kopiera(con, filer, forskjut)

    monkeypatch.setattr(databas, "_kopiera", fel_i_tredje)
    con = duckdb.connect()
    try:
        databas.skapa_tabeller(con)
        inlasning = Inlasning(vid=VID, datum_som_text=True)
        with pytest.raises(_Avbrott) as fangat:
            databas._bygg_parallellt(con, pool, str(fil), inlasning, None, fonster=4)
        assert fangat.value.args == ("laddning",)
        assert delar[4] in pool.givna
    finally:
        con.close()


def test_no_thread_or_process_is_left_after_a_parallel_build(fil: Path) -> None:
    import multiprocessing
    import threading

    fore = set(threading.enumerate())
    t = statistik.bygg_tabeller(str(fil), vid=VID, jobb=2)
    t.close()
    assert set(threading.enumerate()) <= fore
    assert multiprocessing.active_children() == []

    def avbryt(_: int) -> None:
        raise _Avbrott

    with pytest.raises(_Avbrott):
        statistik.bygg_tabeller(str(fil), vid=VID, jobb=2, framsteg=avbryt)
    assert set(threading.enumerate()) <= fore
    assert multiprocessing.active_children() == []
