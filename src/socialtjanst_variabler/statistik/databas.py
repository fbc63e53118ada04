"""Loading the analysis tables into a database and running the reports there.

DuckDB (the ``statistik`` extra) is the embedded engine; any DB-API connection whose SQL
dialect runs the reports unchanged (PostgreSQL 15 or later through psycopg) works with
:func:`skapa_tabeller`, :func:`ladda` and :func:`kor_rapport` as well.
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any, BinaryIO, cast

import attrs

from socialtjanst_variabler.arende.modell import Arende
from socialtjanst_variabler.errors import ValidationError
from socialtjanst_variabler.statistik.aldersband import STANDARD, Aldersband
from socialtjanst_variabler.statistik.maskering import maskera
from socialtjanst_variabler.statistik.rapporter import (
    RAPPORTER,
    Data,
    lagg_ut,
    period_sql,
    sql,
    tolka,
)
from socialtjanst_variabler.statistik.resultat import (
    STANDARDMASKERING,
    Maskering,
    Period,
    Rapport,
)
from socialtjanst_variabler.statistik.tabeller import (
    TABELL,
    TABELLER,
    Inlasning,
    Rader,
    create_table,
)

if TYPE_CHECKING:
    from socialtjanst_variabler.lokala.definition import Utokning

__all__ = [
    "BYGGMINNE",
    "INSTALLERA",
    "SaknatTillagg",
    "Tabeller",
    "bygg_tabeller",
    "kor_rapport",
    "ladda",
    "ladda_duckdb",
    "rapport_av",
    "skapa_tabeller",
]

#: DuckDB's ``memory_limit`` while the tables are built, unless *minnesgrans* says
#: otherwise: beyond it DuckDB spills the tables to disk (an in-memory database to a
#: temporary directory), so that memory stays flat whatever the size of the extract. The
#: reports then run with DuckDB's default (80 % of the memory).
BYGGMINNE = "128MB"

#: How to install what the statistics need.
INSTALLERA = "pip install 'socialtjanst-variabler[statistik]'"


_MINNE = re.compile(r"[0-9]{1,6}(KB|MB|GB|KiB|MiB|GiB)", re.ASCII)


class SaknatTillagg(ImportError):
    """An optional extra is not installed; the message says how to install it."""


def duckdb() -> Any:
    """The ``duckdb`` module, or :class:`SaknatTillagg` naming the extra."""
    try:
        import duckdb as modul
    except ImportError:
        raise SaknatTillagg(
            f"statistiken behöver DuckDB, som inte är installerat: {INSTALLERA}"
        ) from None
    return modul


def _kor(con: Any, text: str) -> list[tuple[Any, ...]]:
    cur = con.cursor()
    try:
        cur.execute(text)
        return list(cur.fetchall()) if cur.description else []
    finally:
        cur.close()


def skapa_tabeller(con: Any, band: Aldersband = STANDARD, *, platshallare: str = "?") -> None:
    """Create the analysis tables in *con* and fill the age bands."""
    cur = con.cursor()
    try:
        for t in TABELLER:
            cur.execute(create_table(t))
        rader = [(i, b.fran, b.till, b.etikett) for i, b in enumerate(band.band_)]
        cur.executemany(_insert("aldersband", platshallare), rader)
    finally:
        cur.close()


def _insert(tabell: str, platshallare: str) -> str:
    t = TABELL[tabell]
    varden = ", ".join([platshallare] * len(t.kolumner))
    return f"INSERT INTO {tabell} ({', '.join(t.kolumnnamn)}) VALUES ({varden})"


def ladda(con: Any, batcher: Iterable[Rader], *, platshallare: str = "?") -> None:
    """Insert batches of rows into *con*, then ``ANALYZE``.

    The batches come from
    :meth:`~socialtjanst_variabler.statistik.tabeller.Inlasning.las`.

    Without fresh statistics, PostgreSQL misjudges the reports' cost and spends seconds
    compiling them (JIT) even for a small extract.
    """
    cur = con.cursor()
    try:
        for batch in batcher:
            for namn, rader in batch.items():
                if rader:
                    cur.executemany(_insert(namn, platshallare), rader)
        cur.execute("ANALYZE")
    finally:
        cur.close()


#: The key columns whose numbers run over the whole extract, and the count of the
#: :class:`Inlasning` that each follows: a range read apart numbers from 1 and is shifted.
_NYCKLAR = {
    "radnummer": "rader",
    "arende_nr": "arenden",
    "insats_nr": "insatser",
    "uppfoljning_nr": "uppfoljningar",
}


_RAKNARE = ("rader", "arenden", "olasbara", "granskningsfel", "insatser", "uppfoljningar")


def _skriv_omgang(
    batcher: Iterator[Rader], katalog: str, prefix: str, omgang: int
) -> tuple[dict[str, str], bool]:
    """Write batches to one CSV file per table until a table has *omgang* rows or the
    batches end; the files that got rows, and whether the batches ended."""
    import csv
    from pathlib import Path

    filer = {t.namn: str(Path(katalog) / f"{prefix}-{t.namn}.csv") for t in TABELLER}
    antal = dict.fromkeys(filer, 0)
    oppna = {n: open(f, "w", encoding="utf-8", newline="") for n, f in filer.items()}  # noqa: SIM115
    slut = False
    try:
        skrivare = {n: csv.writer(f, lineterminator="\n") for n, f in oppna.items()}
        while max(antal.values()) < omgang:
            batch = next(batcher, None)
            if batch is None:
                slut = True
                break
            for namn, rader in batch.items():
                if rader:
                    antal[namn] += len(rader)
                    skrivare[namn].writerows(rader)
    finally:
        for f in oppna.values():
            f.close()
    for namn, n in antal.items():
        if not n:  # DuckDB cannot read an empty CSV file
            Path(filer.pop(namn)).unlink()
    return filer, slut


def skriv_parquet(con: Any, katalog: str) -> None:
    """Write every analysis table on the DuckDB connection *con* as
    ``katalog/<tabell>.parquet``."""
    from pathlib import Path

    mal = Path(katalog)
    mal.mkdir(parents=True, exist_ok=True)
    for t in TABELLER:
        _kor(con, f"COPY {t.namn} TO {_sql_text(str(mal / f'{t.namn}.parquet'))} (FORMAT PARQUET)")


def _sql_text(text: str) -> str:
    """*text* as an SQL string literal (a path may hold a quote)."""
    return "'" + text.replace("'", "''") + "'"


def _kopiera(con: Any, filer: dict[str, str], forskjut: dict[str, int] | None = None) -> None:
    """Copy CSV files into their tables, adding *forskjut* to the key columns; the files are
    removed once in."""
    cur = con.cursor()
    try:
        for namn, fil in filer.items():
            t = TABELL[namn]
            typer = ", ".join(f"'k{j}': '{k.typ.value}'" for j, k in enumerate(t.kolumner))
            kolumner = ", ".join(
                f"k{j} + {forskjut[_NYCKLAR[k.namn]]}"
                if forskjut and k.namn in _NYCKLAR
                else f"k{j}"
                for j, k in enumerate(t.kolumner)
            )
            cur.execute(
                f"INSERT INTO {namn} SELECT {kolumner} FROM read_csv({_sql_text(fil)}, "
                "header = false, "
                f"columns = {{{typer}}}, delim = ',', quote = '\"', escape = '\"', "
                "nullstr = '', allow_quoted_nulls = false, auto_detect = false)"
            )
            os.unlink(fil)
    finally:
        cur.close()


def ladda_duckdb(con: Any, batcher: Iterable[Rader], *, omgang: int = 100_000) -> None:
    """Load batches into DuckDB through temporary CSV files (fast, flat).

    DuckDB's ``executemany`` binds one row at a time (about a thousand rows a second);
    writing the rows to a file per table and reading it in is a hundred times faster and
    needs neither pandas nor Arrow. The csv module writes None as an empty field, which
    DuckDB reads as NULL; no text in the tables is ever empty (the model refuses an empty
    person key, and every label and reason has text), so the two cannot be confused.

    The rows go in rounds of about *omgang* rows of the largest table: while DuckDB reads
    one round in (on another thread: DuckDB lets go of Python's lock while it works), the
    next is written, and at most two rounds are on disk at a time.
    """
    from concurrent.futures import Future, ThreadPoolExecutor

    with (
        tempfile.TemporaryDirectory(prefix="socialtjanst-statistik-") as tmp,
        ThreadPoolExecutor(1) as trad,
    ):
        pagar: Future[None] | None = None
        batcher = iter(batcher)
        nummer, slut = 0, False
        while not slut:
            nummer += 1
            filer, slut = _skriv_omgang(batcher, tmp, str(nummer), omgang)
            if pagar is not None:
                pagar.result()
            pagar = trad.submit(_kopiera, con, filer)
        assert pagar is not None
        pagar.result()
    _kor(con, "ANALYZE")


# bygg_tabeller(fil, jobb=N): the file is cut into byte ranges that begin at a line start
# (as granska --jobs); worker processes read, check and flatten one range each into CSV
# files, numbering from 1, and this process reads the ranges in, in file order, shifting
# the numbers by the counts of the ranges before: the tables are those of one process.
# At most a window of ranges (2 * jobb) is handed to the workers and not yet read in, so
# the workers never run further ahead of the loader than that, and the CSV files on disk
# are those of at most that many ranges.

#: The size of a range (bytes) that a worker reads at a time.
INTERVALL = 1 << 23


@attrs.frozen
class _Uppdrag:
    namn: str
    start: int
    slut: int
    katalog: str
    vid: date
    band: Aldersband
    granska: bool


def _bygg_intervall(u: _Uppdrag) -> tuple[Inlasning, dict[str, str]]:
    """Read, check and flatten one range of the file into CSV files (numbers from 1)."""
    from socialtjanst_variabler.arende.jsonl import Intervall, las_jsonl

    forskjut = 0 if u.start == 0 else 1  # the blank line read before a later range
    inlasning = Inlasning(vid=u.vid, band=u.band, granska=u.granska, datum_som_text=True)
    with open(u.namn, "rb") as fil:
        fil.seek(u.start)
        rader = las_jsonl(cast(BinaryIO, Intervall(fil, u.slut, forsta=u.start == 0)))
        if forskjut:
            next(rader)
        poster = ((r.radnummer - forskjut, r.arende) for r in rader)
        filer, _ = _skriv_omgang(
            iter(inlasning.las_poster(poster)), u.katalog, str(u.start), 1 << 62
        )
    return inlasning, filer


def _bygg_parallellt(
    con: Any, pool: Any, namn: str, inlasning: Inlasning, framsteg: Any, *, fonster: int
) -> None:
    """Read *namn* in ranges on *pool* and load them in file order.

    At most *fonster* ranges (at least 2) are in flight at a time: handed to the pool
    (waiting, being read or read) or being loaded. A range is handed over only when one
    has been loaded and its CSV files removed, so the workers cannot run ahead of the
    loader (``pool.imap`` would let them write the whole extract's CSV).
    """
    from collections import deque
    from concurrent.futures import Future, ThreadPoolExecutor

    from socialtjanst_variabler.arende.jsonl import intervall

    assert fonster >= 2  # one being loaded while the next is read
    with (
        tempfile.TemporaryDirectory(prefix="socialtjanst-statistik-") as tmp,
        ThreadPoolExecutor(1) as trad,
    ):
        uppdrag = (
            _Uppdrag(namn, start, slut, tmp, inlasning.vid, inlasning.band, inlasning.granska)
            for start, slut in intervall(namn, INTERVALL)
        )
        # The ranges handed to the pool, in file order: results are taken in this order.
        ute: deque[Any] = deque()
        pagar: Future[None] | None = None  # the load of the range before
        try:
            while True:
                while len(ute) + (pagar is not None) < fonster:
                    u = next(uppdrag, None)
                    if u is None:
                        break
                    ute.append(pool.apply_async(_bygg_intervall, (u,)))
                if not ute:
                    break
                if pagar is not None:
                    # The load of the range before first: its error comes before any
                    # later range's.
                    pagar.result()
                del_, filer = ute.popleft().get()
                forskjut = {k: getattr(inlasning, k) for k in _NYCKLAR.values()}
                pagar = trad.submit(_kopiera, con, filer, forskjut)
                for k in _RAKNARE:
                    setattr(inlasning, k, getattr(inlasning, k) + getattr(del_, k))
                if framsteg is not None:
                    framsteg(inlasning.rader)
            if pagar is not None:
                pagar.result()
        except BaseException:
            # The workers write into tmp: stop them before it is removed, so that the
            # error raised is the one that happened.
            pool.terminate()
            pool.join()
            raise
    _kor(con, "ANALYZE")


def kor_rapport(
    con: Any,
    id: str,
    period: Period,
    *,
    band: Aldersband = STANDARD,
    maskering: Maskering | None = STANDARDMASKERING,
    uteslutna: tuple[tuple[str, int], ...] = (),
    minne: Minne | None = None,
) -> Rapport:
    """Run report *id* for *period* on *con* (masked unless *maskering* is None).

    *minne* keeps each report's raw rows for reuse (see ``rad_data``).
    """
    data = rad_data(con, id, period, minne=minne)
    return rapport_av(id, data, period, band=band, maskering=maskering, uteslutna=uteslutna)


def rapport_av(
    id: str,
    data: Data,
    period: Period,
    *,
    band: Aldersband = STANDARD,
    maskering: Maskering | None = STANDARDMASKERING,
    uteslutna: tuple[tuple[str, int], ...] = (),
) -> Rapport:
    """Report *id* laid out from its raw rows *data* (``rad_data``), masked unless
    *maskering* is None."""
    rdef = RAPPORTER[id]
    tabeller = tuple(lagg_ut(d, data) for d in rdef.delar(band, data))
    if maskering is not None:
        tabeller = tuple(maskera(t, maskering) for t in tabeller)
    return Rapport(
        id=rdef.id,
        titel=rdef.titel,
        fraga=rdef.fraga,
        enhet=rdef.enhet,
        period=period,
        tabeller=tabeller,
        uteslutna=uteslutna,
        maskerad=maskering is not None,
    )


#: Raw rows already computed, by report and period (valid for one set of tables).
Minne = dict[tuple[str, Period], Data]


def rad_data(con: Any, id: str, period: Period, *, minne: Minne | None = None) -> Data:
    """The raw rows of report *id* and of the reports it borrows from (before layout).

    With *minne* (for one connection whose tables do not change), a report's rows are
    computed once per period: R12, which shows R8's durations, reuses R8's rows.
    """
    minne = {} if minne is None else minne
    data: Data = {}
    satt = False
    for i in (*RAPPORTER[id].lanar, id):
        if (i, period) not in minne:
            if not satt:
                for text in period_sql(period):
                    _kor(con, text)
                satt = True
            minne[i, period] = tolka(_kor(con, sql(i)))
        data |= minne[i, period]
    return data


@attrs.define
class Tabeller:
    """The analysis tables of an extract, loaded into DuckDB, ready for the reports.

    Attributes:
        con: the DuckDB connection (an analyst may query it directly).
        inlasning: what was read and what was left out, and why.
    """

    con: Any
    inlasning: Inlasning
    band: Aldersband = STANDARD
    # Where an in-memory database spills beyond its memory limit; removed on close.
    _tillfallig: Any = None

    @property
    def uteslutna(self) -> tuple[tuple[str, int], ...]:
        """Lines or ärenden left out, by reason."""
        return tuple((u.orsak, u.antal) for u in self.inlasning.uteslutna)

    def rapport(
        self,
        id: str,
        *,
        period: Period,
        maskering: Maskering = STANDARDMASKERING,
        omaskerad: bool = False,
    ) -> Rapport:
        """Report *id* for *period*; masked unless *omaskerad*."""
        return kor_rapport(
            self.con,
            id,
            period,
            band=self.band,
            maskering=None if omaskerad else maskering,
            uteslutna=self.uteslutna,
        )

    def rapporter(
        self,
        *,
        period: Period,
        ids: Sequence[str] | None = None,
        maskering: Maskering = STANDARDMASKERING,
        omaskerad: bool = False,
    ) -> tuple[Rapport, ...]:
        """Every report (or those in *ids*) for *period*; each report's SQL runs once."""
        minne: Minne = {}
        return tuple(
            kor_rapport(
                self.con,
                i,
                period,
                band=self.band,
                maskering=None if omaskerad else maskering,
                uteslutna=self.uteslutna,
                minne=minne,
            )
            for i in (ids or list(RAPPORTER))
        )

    def parquet(self, katalog: str) -> None:
        """Write every analysis table as ``katalog/<tabell>.parquet`` (DuckDB's writer)."""
        skriv_parquet(self.con, katalog)

    def close(self) -> None:
        """Close the connection (and remove what an in-memory database spilled to disk)."""
        self.con.close()
        if self._tillfallig is not None:
            self._tillfallig.cleanup()


def bygg_tabeller(
    kalla: str | BinaryIO | Iterable[Arende],
    *,
    vid: date | None = None,
    aldersband: Aldersband = STANDARD,
    granska: bool = True,
    databas: str = ":memory:",
    minnesgrans: str | None = None,
    batch: int = 5000,
    framsteg: Any = None,
    utokningar: Iterable[Utokning] = (),
    jobb: int = 1,
) -> Tabeller:
    """Build the analysis tables from ärenden, a JSON Lines file (path) or a binary stream.

    Args:
        vid: the review date for ``granska`` (default: today): an ärende with a finding
            of severity *fel* is left out and counted.
        aldersband: the age bands of the band columns.
        granska: False to keep ärenden with findings of severity *fel*.
        databas: a DuckDB file to write (default: in memory, spilling to a temporary
            directory beyond the memory limit).
        minnesgrans: DuckDB's ``memory_limit``, e.g. ``"256MB"``, while building and for
            the reports (default: :data:`BYGGMINNE` while building, DuckDB's after).
        framsteg: called with the number of lines read after each batch.
        utokningar: the municipality's extensions: their local values are read, checked
            by ``granska`` and loaded into table ``lokal``.
        jobb: worker processes that read, check and flatten a file (a path) in parallel;
            the tables are the same as with one. Each worker writes a range of the file
            (8 MB) as CSV files in a temporary directory; at most ``2 * jobb`` ranges are
            given out and not yet loaded at a time, so the workers never run further
            ahead of the loading than that. Ignored for a stream or ärenden, and with
            *utokningar*.
    """
    if minnesgrans is not None and not _MINNE.fullmatch(minnesgrans):
        raise ValidationError(f"minnesgrans: {minnesgrans!r} ska vara t.ex. 256MB eller 2GB")
    if type(jobb) is not int or jobb < 1:
        raise ValidationError(f"jobb: {jobb!r} ska vara ett heltal, 1 eller fler")
    db = duckdb()
    inlasning = Inlasning(
        vid=vid or date.today(),
        band=aldersband,
        granska=granska,
        batch=batch,
        datum_som_text=True,
        utokningar=tuple(utokningar),
    )
    with contextlib.ExitStack() as stack:
        pool = None
        # An extension's value sets are classes made at run time, which cannot be sent
        # to a worker process: with extensions, one process reads.
        parallellt = jobb > 1 and not inlasning.utokningar
        if parallellt and isinstance(kalla, str) and os.path.isfile(kalla):
            import multiprocessing

            # Workers fork from a clean server process, never from this one: a fork copies
            # no other thread (DuckDB's, the caller's) and could copy a lock held by one.
            # The server loads the JSON reader (cattrs) once, and every worker shares it.
            ctx = multiprocessing.get_context("forkserver")
            ctx.set_forkserver_preload(["socialtjanst_variabler.arende._serde"])
            pool = stack.enter_context(ctx.Pool(jobb))
        try:
            con = db.connect(databas)
        except db.IOException as exc:
            raise OSError(f"DuckDB kan inte öppna filen ({exc})") from None
        vid_fel = stack.enter_context(contextlib.ExitStack())  # emptied once built
        vid_fel.callback(con.close)
        tillfallig = None
        if databas == ":memory:":
            # DuckDB would spill into ./.tmp of the working directory
            tillfallig = tempfile.TemporaryDirectory(prefix="socialtjanst-statistik-duckdb-")
            vid_fel.callback(tillfallig.cleanup)
            _kor(con, f"SET temp_directory = {_sql_text(tillfallig.name)}")
        _kor(con, f"SET memory_limit = '{minnesgrans or BYGGMINNE}'")
        skapa_tabeller(con, aldersband)
        if pool is not None:
            assert isinstance(kalla, str)
            # Twice the workers: each has a range waiting while the loader catches up.
            _bygg_parallellt(con, pool, kalla, inlasning, framsteg, fonster=2 * jobb)
        else:

            def batcher() -> Iterator[Rader]:
                for b in inlasning.las(kalla):
                    yield b
                    if framsteg is not None:
                        framsteg(inlasning.rader)

            ladda_duckdb(con, batcher())
        if minnesgrans is None:
            _kor(con, "RESET memory_limit")  # the reports may use DuckDB's default
        vid_fel.pop_all()  # built: the connection and the directory belong to Tabeller
    return Tabeller(con=con, inlasning=inlasning, band=aldersband, tillfallig=tillfallig)
