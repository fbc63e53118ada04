"""Benchmark: build the analysis tables from an extract and run all fourteen reports.

Run by hand (not in CI), one size per process so that the peak memory is the size's own:

    .venv/bin/python benchmarks/bench_statistik.py --antal 100000
    .venv/bin/python benchmarks/bench_statistik.py --antal 1000000 --fil /tmp/a1m.jsonl
    .venv/bin/python benchmarks/bench_statistik.py --fil /tmp/a1m.jsonl --jobb 2
    .venv/bin/python benchmarks/bench_statistik.py --antal 1000000 --minnesgrans 256MB

It writes a deterministic extract (to a temporary file, or to ``--fil`` when that does not
exist yet, so that later runs reuse it); persons are drawn from a pool, so that R14 has
people with several ärenden, and every ärende passes granska. Then it times three things
on it: reading it with ``las_jsonl`` and checking each ärende with ``granska`` (the
baseline the issue compares with), building the tables (which reads and checks the same
way, then loads DuckDB; ``--jobb N`` in N processes), and running all reports for one
year on one connection, as ``Tabeller.rapporter`` does. Wall time, CPU time (with worker
processes), peak resident memory (``ru_maxrss``, this process) and the load average are
printed after each step; with ``--jobb``, also the most CSV on disk (bytes, ranges) when a
range begins to load.

Measured 2026-11-30 on a shared 2-core VM (AMD EPYC), Python 3.11.7, DuckDB 2.0.1,
against the code at the start of the round (48c0d96) on the same extract, runs alternated,
load average 1.5-6.4 (docs/prestanda.md has the full table):

    1,000,000 ärenden         before                    after
    granska (CPU)             27.6-31.1 s               29.1-30.8 s
    build (CPU)               68.7-72.4 s               71.7-78.4 s
    build peak RSS            686-690 MiB               205-227 MiB
    all reports (CPU)         9.0-9.3 s                 5.6-6.0 s
    all reports (wall)        9.0-9.2 s (load 2.7-4.2)  5.6-5.8 s (load 1.5-4.0)
    100,000 ärenden
    build (CPU)               7.1-7.8 s                 6.6-7.5 s
    build peak RSS            171-173 MiB               162-171 MiB
    all reports (CPU)         1.0-1.1 s                 0.7 s
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import socialtjanst_variabler as sv
from socialtjanst_variabler import statistik
from socialtjanst_variabler.statistik import databas as databasmodul
from socialtjanst_variabler.statistik.databas import Minne, kor_rapport


def _koder(
    rng: random.Random, antal: int, hogst: int = 3, utan: frozenset[int] = frozenset()
) -> list[int]:
    koder = [k for k in range(1, antal + 1) if k not in utan]
    return sorted(rng.sample(koder, rng.randint(1, hogst)))


# Codes that granska calls an error for an adult (21 or older): Problematik 13 Ensamkommande
# barn, Insatstyp 1 LVU-hem and 16 Jourhem. Left out from age 20 at the aktualisering (the
# verkställande comes at most 89 days later), so that every generated ärende passes granska
# and becomes rows: the benchmark measures what it says.
_VUXEN = 20
_EJ_VUXEN_PROBLEMATIK = frozenset({13})
_EJ_VUXEN_INSATSTYP = frozenset({1, 16})


def arende(rng: random.Random, nummer: int, personer: int) -> dict[str, Any]:
    """One synthetic, consistent ärende in JSON form."""
    akt = date(2023, 1, 1) + timedelta(days=rng.randrange(900))
    fodd = min(date(1930, 1, 1) + timedelta(days=rng.randrange(30000)), akt)
    vuxen = akt.year - fodd.year - ((akt.month, akt.day) < (fodd.month, fodd.day)) >= _VUXEN
    ej_problematik = _EJ_VUXEN_PROBLEMATIK if vuxen else frozenset()
    ej_insatstyp = _EJ_VUXEN_INSATSTYP if vuxen else frozenset()
    insatser = []
    for _ in range(rng.choice((1, 1, 2, 3))):
        beslut = akt + timedelta(days=rng.randrange(1, 60))
        verk = beslut + timedelta(days=rng.randrange(0, 30))
        uppf = [
            {
                "datum": (verk + timedelta(days=30 * (k + 1))).isoformat(),
                **(
                    {"samverkan": sorted(rng.sample(range(1, 11), 2)), "sip": rng.randint(1, 3)}
                    if rng.random() < 0.9
                    else {"samverkan": [12], "sip": 3}  # no need of samverkan, nor of SIP
                ),
                "maluppfyllelse": rng.randint(1, 6),
                "b1a": rng.randint(1, 6),
                "b3": rng.randint(1, 6),
                "b5": rng.randint(1, 5),
            }
            for k in range(rng.randint(0, 2))
        ]
        insats: dict[str, Any] = {
            "beslutsdatum": beslut.isoformat(),
            "verkstallighetsdatum": verk.isoformat(),
            "insatstyp": _koder(rng, 35, 2, ej_insatstyp),
            "uppfoljningar": uppf,
        }
        if rng.random() < 0.6:
            insats["avslut"] = {
                "datum": (verk + timedelta(days=100 + rng.randrange(200))).isoformat(),
                "genomforande": rng.randint(1, 3),
                "avslutsorsak": rng.choice((1, 2, 3, 4, 6)),
            }
        insatser.append(insats)
    return {
        "id": f"A-{nummer}",
        "person_id": f"P-{rng.randrange(personer)}",
        "aktualiseringsdatum": akt.isoformat(),
        "aktualiseringsorsak": _koder(rng, 14, 3, ej_problematik),
        "juridiskt_kon": rng.randint(1, 2),
        "fodelsedatum": fodd.isoformat(),
        "ursprung": rng.randint(1, 5),
        "problematik": _koder(rng, 14, 3, ej_problematik),
        "insatser": insatser,
    }


def skriv(path: Path, antal: int) -> None:
    rng = random.Random(20190301)
    with path.open("w", encoding="utf-8") as f:
        for n in range(antal):
            f.write(json.dumps(arende(rng, n, max(antal // 2, 1))) + "\n")


def _rss() -> str:
    return f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB"


def _cpu() -> float:
    """CPU seconds of this process and its finished children (worker processes)."""
    sjalv = resource.getrusage(resource.RUSAGE_SELF)
    barn = resource.getrusage(resource.RUSAGE_CHILDREN)
    return sjalv.ru_utime + sjalv.ru_stime + barn.ru_utime + barn.ru_stime


def _last() -> str:
    return "load average " + " ".join(f"{x:.1f}" for x in os.getloadavg())


def _rakna_csv() -> list[tuple[int, int]]:
    """Wrap the loading of a range (``--jobb``): record the CSV files on disk as each
    range's files begin to load, as (bytes, ranges). Read when a load begins, so a
    peak between two loads can be missed; the count of ranges is the bound's."""
    sedda: list[tuple[int, int]] = []
    kopiera = databasmodul._kopiera

    def rakna(con: Any, filer: dict[str, str], forskjut: dict[str, int] | None = None) -> None:
        if filer:
            csv = list(Path(next(iter(filer.values()))).parent.glob("*.csv"))
            delar = {f.name.split("-", 1)[0] for f in csv}
            sedda.append((sum(f.stat().st_size for f in csv), len(delar)))
        kopiera(con, filer, forskjut)

    databasmodul._kopiera = rakna
    return sedda


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--antal", type=int, default=100_000)
    parser.add_argument(
        "--fil", type=Path, help="the extract to use (written first if it does not exist)"
    )
    parser.add_argument("--jobb", type=int, default=1, help="worker processes for building")
    parser.add_argument(
        "--minnesgrans",
        help="build into a DuckDB file with this memory_limit (e.g. 256MB) instead of memory",
    )
    args = parser.parse_args()
    vid = date(2026, 12, 31)
    with tempfile.TemporaryDirectory() as tmp:
        path = args.fil or Path(tmp) / "arenden.jsonl"
        if not path.exists():
            skriv(path, args.antal)
        print(f"fil: {path.stat().st_size / 1e6:.0f} MB  maxrss: {_rss()}  {_last()}")

        start, cpu = time.perf_counter(), _cpu()
        with path.open("rb") as f:
            for rad in sv.las_jsonl(f):
                if rad.arende is not None:
                    sv.granska(rad.arende, vid=vid)
        print(
            f"läsa + granska: {time.perf_counter() - start:.1f} s  "
            f"(cpu {_cpu() - cpu:.1f} s)  maxrss: {_rss()}"
        )

        csv = _rakna_csv() if args.jobb > 1 else []
        start, cpu = time.perf_counter(), _cpu()
        databas = str(Path(tmp) / "tabeller.duckdb") if args.minnesgrans else ":memory:"
        tabeller = statistik.bygg_tabeller(
            str(path), vid=vid, databas=databas, minnesgrans=args.minnesgrans, jobb=args.jobb
        )
        print(
            f"bygga tabellerna (jobb {args.jobb}): {time.perf_counter() - start:.1f} s  "
            f"(cpu {_cpu() - cpu:.1f} s)  maxrss: {_rss()}  "
            f"(ärenden {tabeller.inlasning.arenden:,}, uteslutna {tabeller.uteslutna})"
        )
        if csv:
            print(
                f"  mest CSV på disk när en del läses in: {max(b for b, _ in csv) / 1e6:.0f} MB, "
                f"{max(d for _, d in csv)} delar ({len(csv)} delar lästa)"
            )
        for t in statistik.TABELLNAMN:
            (n,) = tabeller.con.execute(f"SELECT COUNT(*) FROM {t}").fetchone()
            print(f"  {t:<20} {n:>12,} rader")

        # As Tabeller.rapporter runs them: one connection, each report's SQL once (R12
        # reuses R8's rows), timed one by one.
        period = statistik.Period.ar(2025)
        minne: Minne = {}
        start, cpu = time.perf_counter(), _cpu()
        for id in statistik.RAPPORTER:
            t0 = time.perf_counter()
            kor_rapport(tabeller.con, id, period, band=tabeller.band, minne=minne)
            print(f"  {id:<4} {time.perf_counter() - t0:6.2f} s")
        print(
            f"alla rapporter: {time.perf_counter() - start:.1f} s  (cpu {_cpu() - cpu:.1f} s)  "
            f"maxrss: {_rss()}  {_last()}"
        )
        tabeller.close()


if __name__ == "__main__":
    main()
