"""Benchmark: ``granska --jobs N`` against one process on the same file.

Run by hand (not in CI):

    .venv/bin/python benchmarks/bench_jobs.py --antal 100000 --jobs 2

It writes the extract of ``bench_arenden.py``, runs the command with ``--jobs 1`` and
``--jobs N`` in turn (``--varv`` times each), checks that the outputs are identical, and
reports the wall-clock and CPU time of each run (the CPU time of all processes: what
the split costs in all), the median speed-up, and the machine's load average before and
after: on a shared machine the speed-up says little unless the cores were idle.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench_arenden import skriv


def kor(fil: Path, jobs: int) -> tuple[float, float, bytes]:
    """Wall-clock seconds, CPU seconds of the command and its workers, and its output."""
    fore = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    ut = subprocess.run(
        [
            sys.executable,
            "-m",
            "socialtjanst_variabler",
            "granska",
            str(fil),
            "--vid",
            "2026-01-01",
            "--jobs",
            str(jobs),
        ],
        capture_output=True,
        check=False,
    )
    tid = time.perf_counter() - start
    efter = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = efter.ru_utime + efter.ru_stime - fore.ru_utime - fore.ru_stime
    return tid, cpu, ut.stdout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--antal", type=int, default=100_000)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--varv", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        fil = Path(tmp) / "uttag.jsonl"
        skriv(fil, args.antal)
        print(f"{args.antal:,} rader, {fil.stat().st_size / 1e6:.0f} MB, {os.cpu_count()} kärnor")
        print(f"load average före: {os.getloadavg()}")
        en: list[float] = []
        flera: list[float] = []
        for _ in range(args.varv):
            t1, cpu1, ut1 = kor(fil, 1)
            tn, cpun, utn = kor(fil, args.jobs)
            assert ut1 == utn, "olika utskrift"
            en.append(t1)
            flera.append(tn)
            print(
                f"  --jobs 1: {t1:.1f} s ({cpu1:.1f} s CPU)   "
                f"--jobs {args.jobs}: {tn:.1f} s ({cpun:.1f} s CPU i alla processer)",
                flush=True,
            )
        print(f"load average efter: {os.getloadavg()}")
        kvot = statistics.median(a / b for a, b in zip(en, flera, strict=True))
        print(
            f"median: {args.antal / statistics.median(en):,.0f} ärenden/s med en process, "
            f"{args.antal / statistics.median(flera):,.0f} med {args.jobs}; "
            f"{kvot:.2f} gånger så snabbt"
        )


if __name__ == "__main__":
    main()
