"""Benchmark: why a plain hash of a personnummer is no pseudonym.

Run by hand, not in CI::

    python benchmarks/bench_pseudonym.py              # birth year 1990, best of 3
    python benchmarks/bench_pseudonym.py --ar 2001
    python benchmarks/bench_pseudonym.py --uttag 100000 1000000   # the command's speed

Every valid personnummer of one birth year is enumerated (each day, serials 001–999, the
check digit computed: 365 * 999 = 364,635 numbers; as many samordningsnummer again) and
hashed with SHA-256 of its 12 digits, the way a "hashed personnummer" is usually made.
A hash found in an extract is reversed by finding it among them: the time to hash one
birth year is the time to re-identify every person of that year, and 127 birth years
(1900–2026) bound the whole population. For comparison the same numbers go through the
library's keyed pseudonym (HMAC-SHA256): each costs about as much, but without the key
there is nothing to enumerate against. The output is Markdown for docs/pseudonymisering.md.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import platform
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from datetime import date, timedelta
from pathlib import Path

from socialtjanst_variabler.identitet.personnummer import Personnummer, calc_check_digit
from socialtjanst_variabler.identitet.pseudonym import Nyckel, Pseudonymiserare, skapa_nyckelfil

ALLA_AR = range(1900, 2027)


def personnummer_for_ar(ar: int, *, samordning: bool = False) -> list[str]:
    """The 12 digits of every valid personnummer (or samordningsnummer) born in *ar*."""
    ut = []
    dag = date(ar, 1, 1)
    while dag.year == ar:
        dd = dag.day + 60 if samordning else dag.day
        prefix = f"{ar % 100:02d}{dag.month:02d}{dd:02d}"
        for serie in range(1, 1000):
            nio = f"{prefix}{serie:03d}"
            ut.append(f"{ar // 100}{nio}{calc_check_digit(nio)}")
        dag += timedelta(days=1)
    return ut


def _basta(n: int, f: Callable[[], object]) -> float:
    tider = []
    for _ in range(n):
        start = time.perf_counter()
        f()
        tider.append(time.perf_counter() - start)
    return min(tider)


def uttag(antal: Sequence[int]) -> None:
    """Time ``socialtjanst-variabler pseudonymisera`` on generated extracts of each size.

    The extract is bench_arenden.py's (one deliberate bad line in 1,000); the command runs
    in its own process, whose peak resident memory is read from ``RUSAGE_CHILDREN``.
    """
    spec = importlib.util.spec_from_file_location(
        "bench_arenden", Path(__file__).with_name("bench_arenden.py")
    )
    assert spec is not None
    assert spec.loader is not None
    bench_arenden = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench_arenden)
    print("| rader | fil | tid | rader/s | största minne (maxrss) |")
    print("|---:|---:|---:|---:|---:|")
    for n in antal:
        with tempfile.TemporaryDirectory() as tmp:
            indata, nyckel, ut = Path(tmp, "in.jsonl"), Path(tmp, "k"), Path(tmp, "ut.jsonl")
            bench_arenden.skriv(indata, n)
            skapa_nyckelfil(nyckel)
            kommando = [sys.executable, "-m", "socialtjanst_variabler", "pseudonymisera"]
            kommando += [str(indata), "--nyckel", str(nyckel), "--kommun", "0180", "-o", str(ut)]
            start = time.perf_counter()
            kord = subprocess.run(kommando, capture_output=True, check=False)
            tid = time.perf_counter() - start
            assert kord.returncode == 1  # the deliberate bad lines
            rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
            mb = indata.stat().st_size / 1e6
            print(f"| {n:,} | {mb:.0f} MB | {tid:.1f} s | {n / tid:,.0f} | {rss / 1024:.0f} MiB |")


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--ar", type=int, default=1990, help="birth year (default 1990)")
    parser.add_argument("--upprepa", type=int, default=3, help="runs; the best counts")
    parser.add_argument(
        "--uttag", type=int, nargs="+", metavar="RADER", help="time the command instead"
    )
    args = parser.parse_args(argv)
    if args.uttag:
        uttag(args.uttag)
        return

    start = time.perf_counter()
    nummer = personnummer_for_ar(args.ar)
    uppraknat = time.perf_counter() - start
    Personnummer.parse(nummer[0])  # the first and last are valid numbers
    Personnummer.parse(nummer[-1])
    kodade = [n.encode("ascii") for n in nummer]
    sha256 = hashlib.sha256

    def hasha_alla() -> dict[bytes, str]:
        return {sha256(b).digest(): n for b, n in zip(kodade, nummer, strict=True)}

    # The attack: a leaked hash is looked up among all hashes of its birth year.
    tabell = hasha_alla()
    mal = sha256(nummer[len(nummer) // 2].encode()).digest()
    assert tabell[mal] == nummer[len(nummer) // 2]

    t_sha = _basta(args.upprepa, hasha_alla)
    ps = Pseudonymiserare(Nyckel.skapa())
    objekt = [Personnummer.parse(n) for n in nummer]
    t_hmac = _basta(args.upprepa, lambda: [ps.person(p) for p in objekt])

    n = len(nummer)
    print(
        f"Mätt {date.today().isoformat()}: {platform.python_implementation()} "
        f"{platform.python_version()}, {platform.machine()}, {sys.platform}; bäst av "
        f"{args.upprepa}.\n"
    )
    print("| vad | antal | tid | per sekund |")
    print("|---|---:|---:|---:|")
    print(f"| räkna upp alla personnummer födda {args.ar} | {n:,} | {uppraknat:.2f} s | |")
    print(f"| SHA-256 av alla (och en uppslagstabell) | {n:,} | {t_sha:.2f} s | {n / t_sha:,.0f} |")
    print(f"| samma med samordningsnummer (dubbelt så många) | {2 * n:,} | {2 * t_sha:.2f} s | |")
    alla = n * 2 * len(ALLA_AR)
    print(
        f"| alla födelseår 1900–2026, med samordningsnummer | {alla:,} | "
        f"{2 * t_sha * len(ALLA_AR):.0f} s | |"
    )
    print(
        f"| bibliotekets pseudonym (HMAC-SHA256) av alla födda {args.ar} | {n:,} | "
        f"{t_hmac:.2f} s | {n / t_hmac:,.0f} |"
    )


if __name__ == "__main__":
    main()
