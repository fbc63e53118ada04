"""Benchmark: pooled statistics on generated pseudonymised extracts from 290 municipalities.

Generates N pseudonymised ärenden with DuckDB (``COPY ... TO``, one JSON Lines file per
municipality, never through Python objects), loads them with
:func:`~socialtjanst_variabler.statistik.poolad.bygg_poolade` into a DuckDB file with a
memory limit, runs every report pooled and for a sample of municipalities, and prints
times, rows and the peak memory (RSS) of the process. The data go under ``/work/data``
(or ``--katalog``) and are deleted at the end unless ``--behall``.

The data: municipality sizes skewed (a few large, many small), about 1.6 ärenden per
person within a municipality, 3 % of ärenden with a person from anywhere (persons who
moved: some persons appear in two municipalities), 0.01 % duplicate lines (an ärende
delivered twice), 0–3 insatser with 0–2 uppföljningar each, birth year and month.

Run (niced, the machine is shared)::

    nice -n 10 .venv/bin/python benchmarks/bench_poolad.py 1000000 --minnesgrans 4GB

``--json DIR`` loads files made before (kept, not deleted), ``--omgang`` sets the bytes of
JSON read per round. "disk" is the most the database file and DuckDB's temporary files
took together while loading and reporting (sampled every 0.2 s).

Measured 2026-11-30 on the development machine (2 cores AMD EPYC, virtual machine, 23 GB
RAM), shared with other jobs (load average before–after in the last column), CPython
3.11.7, DuckDB 2.0.1, niced, database file on disk; "together" is all fourteen reports
for the whole pool, "per kommun" is ``jamforelser`` for that many municipalities (every
report for the pool and for each, side by side):

=========== ======= ======== ====== ======== ============ ===== ======= ======= =========
ärenden     JSON    generate load   together per kommun   limit RSS     disk    load avg
=========== ======= ======== ====== ======== ============ ===== ======= ======= =========
1,000,000   0.72 GB 21 s     48 s   8.7 s    33 s (20)    4 GB  1.7 GB  --      1.8–3.4
1,000,000   0.72 GB 36 s     87 s   27 s     36 s (5)     1 GB  1.1 GB  --      4.0–6.0
5,000,000   3.6 GB  284 s    506 s  118 s    244 s (20)   4 GB  4.2 GB  --      3.4–6.7
10,000,000  7.2 GB  185 s    601 s  43 s     64 s (5)     4 GB  4.7 GB  --      4.3–2.8
20,000,000  14.4 GB 452 s    596 s  95 s     124 s (5)    4 GB  5.2 GB  --      0.5–1.9
1,000,000   0.72 GB 14 s     20 s   3.3 s    8.6 s (20)   4 GB  1.7 GB  0.09 GB 0.4–1.0
20,000,000  14.4 GB 217 s    393 s  67 s     82 s (5)     4 GB  4.4 GB  3.8 GB  1.0–2.2
50,000,000  36.1 GB 584 s    1868 s 354 s    282 s (5)    4 GB  5.0 GB  10.6 GB 3.7–2.1
=========== ======= ======== ====== ======== ============ ===== ======= ======= =========

Three loaders: the 1 M (4 GB) and 5 M rows used the first (one DuckDB scan per file) and a
generator with one partitioned ``COPY``; the 1 M (1 GB), 10 M and 20 M rows the second
(one scan for all files, one ``COPY`` per municipality); the last three rows the current one
(the files in rounds of 2 GB: a first pass checks and indexes every line, a second loads
each round under numbers from the index). The 50 M files were generated apart (same
generator, load 2–4) and loaded with ``--json``. After these runs the loader got a hash
per line (a line changed between the passes is refused) and checks for null in lists and
numbers beyond BIGINT: 4–9 % slower (2 M ärenden, alternated: 36.1 and 37.4 s before,
37.5 and 40.8 s after).

The 50 M run took three attempts before the current loader: a partitioned ``COPY``
buffered all 290 municipalities and ran out of memory; a second was stopped for time; a
third, reading the whole pool in one statement, filled the disk with DuckDB's temporary
files (42 GB beside the JSON were not enough, where 20 M had needed 9.5 GB). Reading in
rounds bounds them by a round and the index. The resident memory stays near the limit:
above it by up to 1.2 GB; with one statement it grew by about 50 MB per million ärenden
from 5 M to 20 M (not investigated); with rounds 20 M peaked at 4.4 GB and 50 M at
5.0 GB (about 20 MB more per million), below one statement's 5.2 GB at 20 M. The
record-model path (``motor="python"``) took 26 s for 100,000 ärenden where the DuckDB
path took 2.7 s (second loader, same files, load average 2–4).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import resource
import shutil
import sys
import threading
import time
from datetime import date
from pathlib import Path
from typing import Any

from socialtjanst_variabler.identitet.kommunkoder import KOMMUNER
from socialtjanst_variabler.identitet.pseudonym import pseudonymiserat_schema
from socialtjanst_variabler.statistik import Period
from socialtjanst_variabler.statistik.poolad import OMGANG, bygg_poolade

NYCKEL_ID = "benchmrk"


def _koder(namn: str) -> str:
    koder: list[int] = pseudonymiserat_schema()["$defs"][namn]["enum"]
    return "[" + ", ".join(map(str, koder)) + "]"


def _valj(namn: str, h: str) -> str:
    """A code of value set *namn*, chosen by the hash expression *h*."""
    lista = _koder(namn)
    return f"{lista}[CAST(1 + ({h}) % len({lista}) AS BIGINT)]"


def _pseudonym(uttryck: str) -> str:
    # md5 is hex; 0, 1, 8, 9 are not base32: mapped to w, x, y, z.
    return f"'{NYCKEL_ID}_' || translate(md5({uttryck}), '0189', 'wxyz')"


def _intervall(n: int) -> list[tuple[str, int, int]]:
    """Each municipality's range of ärende numbers: sizes skewed (a few large, many small)."""
    kanter = [round(n * (k / len(KOMMUNER)) ** 2) for k in range(len(KOMMUNER) + 1)]
    return [(kod, kanter[k], kanter[k + 1]) for k, kod in enumerate(KOMMUNER)]


def generera_sql(n: int, katalog: Path) -> list[str]:
    """The ``COPY`` statements that write *n* pseudonymised ärenden, a file per municipality.

    Persons belong to a municipality (about 1.6 ärenden each); 3 % of the ärenden take a
    person from the whole country instead, so some persons appear in two municipalities.
    """
    personer = max(1, int(n / 1.6))
    h = "hash(i)"
    insats = f"""{{
        'beslutsdatum': akt + CAST(hash(i, j, 1) % 60 AS INTEGER),
        'beslut': {_valj("Beslutsutfall", "hash(i, j, 2)")},
        'verkstallighetsdatum': akt + CAST(hash(i, j, 1) % 60 + hash(i, j, 3) % 40 AS INTEGER),
        'insatstyp': list_distinct([{_valj("Insatstyp", "hash(i, j, 4)")},
            {_valj("Insatstyp", "hash(i, j, 5) % 12")}]),
        'avslut': CASE WHEN hash(i, j, 6) % 10 < 7 THEN {{
            'datum': akt + CAST(hash(i, j, 1) % 60 + hash(i, j, 3) % 40 + 10
                + hash(i, j, 7) % 700 AS INTEGER),
            'genomforande': {_valj("Genomforande", "hash(i, j, 8)")},
            'avslutsorsak': {_valj("Avslutsorsak", "hash(i, j, 9)")}}} END,
        'uppfoljningar': list_transform(range(CAST(hash(i, j, 10) % 3 AS INTEGER)),
            lambda u: {{
            'datum': akt + CAST(hash(i, j, 1) % 60 + 60 + 90 * u + hash(i, j, u, 11) % 60
                AS INTEGER),
            'sip': {_valj("Sip", "hash(i, j, u, 12)")},
            'maluppfyllelse': {_valj("Maluppfyllelse", "hash(i, j, u, 13)")},
            'samverkan': [{_valj("Samverkan", "hash(i, j, u, 14) % 10")}],
            'b1a': {_valj("Forandring", "hash(i, j, u, 15)")},
            'b3': {_valj("Nojdhet", "hash(i, j, u, 16)")}}})
    }}"""
    satser = []
    for kommun, fran, till in _intervall(n):
        if till <= fran:
            continue
        lokala = max(1, int((till - fran) / 1.6))
        satser.append(f"""
    COPY (
      SELECT * EXCLUDE (i, p, akt) FROM (
        SELECT i, p, akt,
          {_pseudonym("'a' || CAST(i AS VARCHAR)")} AS id,
          {_pseudonym("'p' || CAST(p AS VARCHAR)")} AS person_id,
          'personnummer' AS person_id_kalla,
          '{kommun}' AS kommun,
          CAST(1930 + hash(p, 1) % 90 AS INTEGER) AS fodelsear,
          CAST(1 + hash(p, 2) % 12 AS INTEGER) AS fodelsemanad,
          {_valj("JuridisktKon", "hash(p, 3)")} AS juridiskt_kon,
          {_valj("Ursprung", "hash(p, 4)")} AS ursprung,
          {_valj("Hushallstyp", "hash(i, 5)")} AS hushallstyp,
          {_valj("TidigareKontakt", "hash(i, 6)")} AS tidigare_kontakt,
          akt AS aktualiseringsdatum,
          list_distinct([{_valj("Problematik", "hash(i, 7)")},
            {_valj("Problematik", "hash(i, 8) % 5")}]) AS aktualiseringsorsak,
          [{_valj("Problematik", "hash(i, 9)")}] AS problematik,
          list_transform(range(CAST(hash(i, 10) % 4 AS INTEGER)), lambda j: {insats})
            AS insatser
        FROM (
          SELECT i,
            CASE WHEN hash(i, 20) % 100 < 3 THEN hash(i, 21) % {personer}
              ELSE {fran} + hash(i, 24) % {lokala} END AS p,
            DATE '2020-01-01' + CAST(hash(i, 23) % 2190 AS INTEGER) AS akt
          FROM (
            SELECT CASE WHEN {h} % 10000 = 0 THEN greatest(i - 1, {fran}) ELSE i END AS i
            FROM range({fran}, {till}) t(i)
          )
        )
      )
    ) TO '{katalog / f"{kommun}.jsonl"}' (FORMAT json)
    """)
    return satser


def generera(n: int, katalog: Path) -> list[str]:
    """Write *n* ärenden under *katalog*; the files, one per municipality."""
    import duckdb

    katalog.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect()
    # One file at a time (a partitioned write would buffer every municipality at once).
    con.execute("SET memory_limit = '2GB'")
    for sats in generera_sql(n, katalog):
        con.execute(sats)
    con.close()
    return sorted(str(p) for p in katalog.glob("*.jsonl"))


class Topp:
    """Samples the process's resident memory (VmRSS) and the bytes under *katalog* (the
    database file and DuckDB's temporary files) every 0.2 s; keeps the peaks."""

    def __init__(self, katalog: Path) -> None:
        self.topp = 0
        self.disk = 0
        self._katalog = katalog
        self._stopp = threading.Event()
        self._trad = threading.Thread(target=self._mat, daemon=True)

    def _mat(self) -> None:
        while not self._stopp.is_set():
            for rad in Path("/proc/self/status").read_text().splitlines():
                if rad.startswith("VmRSS:"):
                    self.topp = max(self.topp, int(rad.split()[1]) * 1024)
            byte = 0
            for rot, _, filer in os.walk(self._katalog):
                for f in filer:
                    with contextlib.suppress(OSError):  # a temporary file just removed
                        byte += (Path(rot) / f).stat().st_size
            self.disk = max(self.disk, byte)
            self._stopp.wait(0.2)

    def __enter__(self) -> Topp:
        self._trad.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stopp.set()
        self._trad.join()


def postgres(p_: Any, dsn: str, katalog: Path, kommuner: int) -> dict[str, Any]:
    """Copy the pooled tables to PostgreSQL (CSV and ``COPY``) and run the same reports."""
    import psycopg

    from socialtjanst_variabler.statistik.databas import kor_rapport, skapa_tabeller
    from socialtjanst_variabler.statistik.poolad import schema_for, skapa_kommunvyer
    from socialtjanst_variabler.statistik.rapporter import RAPPORTER
    from socialtjanst_variabler.statistik.tabeller import TABELLER

    ut: dict[str, Any] = {}
    schema = "sv_bench_poolad"
    with psycopg.connect(dsn, autocommit=True) as pg:
        pg.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")
        for (namn,) in pg.execute(
            "SELECT nspname FROM pg_namespace WHERE nspname LIKE 'kommun_%'"
        ).fetchall():
            pg.execute(f"DROP SCHEMA {namn} CASCADE")
        pg.execute(f"CREATE SCHEMA {schema}")
        pg.execute(f"SET search_path TO {schema}")
        skapa_tabeller(pg, platshallare="%s")
        pg.execute("DELETE FROM aldersband")
        t = time.perf_counter()
        for tabell in TABELLER:
            fil = katalog / f"{tabell.namn}.csv"
            p_.con.execute(f"COPY {tabell.namn} TO '{fil}' (FORMAT csv, HEADER false)")
            kopiera = f"COPY {tabell.namn} FROM STDIN (FORMAT csv)"
            with pg.cursor() as cur, cur.copy(kopiera) as cp, fil.open("rb") as f:
                while block := f.read(1 << 20):
                    cp.write(block)
            fil.unlink()
        pg.execute("ANALYZE")
        ut["pg_ladda_s"] = round(time.perf_counter() - t, 1)
        valda = skapa_kommunvyer(pg, tabellschema=schema)[:kommuner]
        period = Period.ar(2024)
        t = time.perf_counter()
        for id in RAPPORTER:
            kor_rapport(pg, id, period)
        ut["pg_rapporter_poolat_s"] = round(time.perf_counter() - t, 1)
        t = time.perf_counter()
        for kommun in valda:
            pg.execute(f"SET search_path TO {schema_for(kommun)}, {schema}")
            for id in RAPPORTER:
                kor_rapport(pg, id, period)
        ut["pg_per_kommun_s"] = round(time.perf_counter() - t, 1)
        storlek = pg.execute("SELECT pg_database_size(current_database())").fetchone()
        ut["pg_storlek_gb"] = round(storlek[0] / 1e9, 2) if storlek else None
        pg.execute("SET search_path TO public")
        for (namn,) in pg.execute(
            "SELECT nspname FROM pg_namespace WHERE nspname LIKE 'kommun_%'"
        ).fetchall():
            pg.execute(f"DROP SCHEMA {namn} CASCADE")
        pg.execute(f"DROP SCHEMA {schema} CASCADE")
    return ut


def _argument(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0] if __doc__ else None)
    p.add_argument("antal", type=int)
    p.add_argument("--katalog", default="/work/data/poolad")
    p.add_argument("--minnesgrans", default="4GB")
    p.add_argument("--kommuner", type=int, default=20, help="municipalities reported apart")
    p.add_argument("--behall", action="store_true", help="keep the data")
    p.add_argument("--postgres", metavar="DSN", help="also copy to PostgreSQL and run there")
    p.add_argument("--omgang", type=int, default=OMGANG, help="bytes of JSON read per round")
    p.add_argument("--json", metavar="DIR", help="load these files (made before) instead")
    return p.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    """Generate, load, report; print one JSON line of numbers."""
    args = _argument(argv)
    bas = Path(args.katalog) / f"n{args.antal}"
    if args.json and Path(args.json).resolve().is_relative_to(bas.resolve()):
        sys.exit(f"--json {args.json} ligger under {bas}, som tas bort först")
    if bas.exists():
        shutil.rmtree(bas)
    ut: dict[str, Any] = {"antal": args.antal, "datum": date.today().isoformat()}
    ut["last"] = os.getloadavg()[0]
    try:
        t = time.perf_counter()
        (bas / "db").mkdir(parents=True)
        if args.json:
            filer = sorted(str(f) for f in Path(args.json).glob("*.jsonl"))
        else:
            filer = generera(args.antal, bas / "json")
            ut["generera_s"] = round(time.perf_counter() - t, 1)
        ut["json_gb"] = round(sum(Path(f).stat().st_size for f in filer) / 1e9, 2)
        ut["filer"] = len(filer)
        with Topp(bas / "db") as topp:
            t = time.perf_counter()
            p_ = bygg_poolade(
                filer,
                databas=str(bas / "db" / "poolad.duckdb"),
                minnesgrans=args.minnesgrans,
                omgang=args.omgang,
            )
            ut["ladda_s"] = round(time.perf_counter() - t, 1)
            ut["arenden"], ut["dubbletter"] = p_.arenden, len(p_.dubbletter)
            ut["kommuner"] = len(p_.kommuner)
            period = Period.ar(2024)
            t = time.perf_counter()
            p_.rapporter(period=period)
            ut["rapporter_poolat_s"] = round(time.perf_counter() - t, 1)
            valda = p_.kommuner[: args.kommuner]
            t = time.perf_counter()
            p_.jamforelser(period=period, kommuner=valda)
            ut["jamforelse_s"] = round(time.perf_counter() - t, 1)
            ut["jamforelse_kommuner"] = len(valda)
            if args.postgres:
                ut |= postgres(p_, args.postgres, bas, args.kommuner)
            p_.close()
        ut["topp_rss_mb"] = round(topp.topp / 1e6)
        ut["topp_disk_gb"] = round(topp.disk / 1e9, 2)
        ut["maxrss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e3)
        ut["last_efter"] = os.getloadavg()[0]
        print(json.dumps(ut), flush=True)
    finally:
        if not args.behall:
            shutil.rmtree(bas, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
