"""Loading the analysis tables into a database and running the reports there.

DuckDB (the ``statistik`` extra) is the embedded engine; any DB-API connection whose SQL
dialect runs the reports unchanged (PostgreSQL 15 or later through psycopg) works with
:func:`skapa_tabeller`, :func:`ladda` and :func:`kor_rapport` as well.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any, BinaryIO

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
    "INSTALLERA",
    "SaknatTillagg",
    "Tabeller",
    "bygg_tabeller",
    "kor_rapport",
    "ladda",
    "ladda_duckdb",
    "skapa_tabeller",
]

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


def ladda_duckdb(con: Any, batcher: Iterable[Rader]) -> None:
    """Load batches into DuckDB through temporary CSV files and ``COPY`` (fast, flat).

    DuckDB's ``executemany`` binds one row at a time (about a thousand rows a second);
    writing the rows to a file per table and copying it in is a hundred times faster and
    needs neither pandas nor Arrow. The csv module writes None as an empty field, which
    ``COPY`` reads as NULL; no text in the tables is ever empty (the model refuses an empty
    person key, and every label and reason has text), so the two cannot be confused.
    """
    import csv
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory(prefix="socialtjanst-statistik-") as tmp:
        filer = {
            t.namn: (Path(tmp) / f"{t.namn}.csv").open("w", encoding="utf-8", newline="")
            for t in TABELLER
        }
        skrivare = {namn: csv.writer(f, lineterminator="\n") for namn, f in filer.items()}
        antal = dict.fromkeys(filer, 0)
        try:
            for batch in batcher:
                for namn, rader in batch.items():
                    if rader:
                        antal[namn] += len(rader)
                        skrivare[namn].writerows(rader)
        finally:
            for f in filer.values():
                f.close()
        for namn, f in filer.items():
            if not antal[namn]:
                continue  # DuckDB cannot sniff an empty file
            fil = f.name.replace("'", "''")
            _kor(
                con,
                f"COPY {namn} FROM '{fil}' (FORMAT csv, HEADER false, DELIM ',', QUOTE '\"', "
                "ESCAPE '\"', ALLOW_QUOTED_NULLS false, NULLSTR '')",
            )
    _kor(con, "ANALYZE")


def kor_rapport(
    con: Any,
    id: str,
    period: Period,
    *,
    band: Aldersband = STANDARD,
    maskering: Maskering | None = STANDARDMASKERING,
    uteslutna: tuple[tuple[str, int], ...] = (),
) -> Rapport:
    """Run report *id* for *period* on *con* (masked unless *maskering* is None)."""
    rdef = RAPPORTER[id]
    data = rad_data(con, id, period)
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


def rad_data(con: Any, id: str, period: Period) -> Data:
    """The raw rows of report *id* and of the reports it borrows from (before layout)."""
    for text in period_sql(period):
        _kor(con, text)
    data: Data = {}
    for i in (*RAPPORTER[id].lanar, id):
        data |= tolka(_kor(con, sql(i)))
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
        """Every report (or those in *ids*) for *period*."""
        return tuple(
            self.rapport(i, period=period, maskering=maskering, omaskerad=omaskerad)
            for i in (ids or list(RAPPORTER))
        )

    def parquet(self, katalog: str) -> None:
        """Write every analysis table as ``katalog/<tabell>.parquet`` (DuckDB's writer)."""
        from pathlib import Path

        mal = Path(katalog)
        mal.mkdir(parents=True, exist_ok=True)
        for t in TABELLER:
            fil = str(mal / f"{t.namn}.parquet").replace("'", "''")
            _kor(self.con, f"COPY {t.namn} TO '{fil}' (FORMAT PARQUET)")

    def close(self) -> None:
        """Close the connection."""
        self.con.close()


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
) -> Tabeller:
    """Build the analysis tables from ärenden, a JSON Lines file (path) or a binary stream.

    Args:
        vid: the review date for ``granska`` (default: today): an ärende with a finding
            of severity *fel* is left out and counted.
        aldersband: the age bands of the band columns.
        granska: False to keep ärenden with findings of severity *fel*.
        databas: a DuckDB file to write (default: in memory). An in-memory database
            grows with the extract; a file, with *minnesgrans*, keeps memory flat.
        minnesgrans: DuckDB's ``memory_limit``, e.g. ``"256MB"`` (default: DuckDB's).
        framsteg: called with the number of lines read after each batch.
        utokningar: the municipality's extensions: their local values are read, checked
            by ``granska`` and loaded into table ``lokal``.
    """
    if minnesgrans is not None and not _MINNE.fullmatch(minnesgrans):
        raise ValidationError(f"minnesgrans: {minnesgrans!r} ska vara t.ex. 256MB eller 2GB")
    db = duckdb()
    try:
        con = db.connect(databas)
    except db.IOException as exc:
        raise OSError(f"DuckDB kan inte öppna filen ({exc})") from None
    if minnesgrans is not None:
        _kor(con, f"SET memory_limit = '{minnesgrans}'")
    skapa_tabeller(con, aldersband)
    inlasning = Inlasning(vid=vid or date.today(), band=aldersband, granska=granska, batch=batch)
    inlasning.utokningar = tuple(utokningar)

    def batcher() -> Iterator[Rader]:
        for b in inlasning.las(kalla):
            yield b
            if framsteg is not None:
                framsteg(inlasning.rader)

    ladda_duckdb(con, batcher())
    return Tabeller(con=con, inlasning=inlasning, band=aldersband)
