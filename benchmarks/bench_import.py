"""Benchmark: what importing the package costs, in instructions and in milliseconds.

Run by hand (not in CI); the instruction counts need valgrind:

    .venv/bin/python benchmarks/bench_import.py
    .venv/bin/python benchmarks/bench_import.py --src /tmp/base/src   # another version

Each statement runs in a fresh interpreter (``python -S -c ...``, bytecode already
cached), once under callgrind and ``--runs`` times under ``-X importtime``; the tables show
what the statement adds to an empty interpreter. ``--src`` puts another checkout's
``src`` first on the path, to compare with an earlier version on the same machine.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile

#: What is measured: a name and the statement run in a fresh interpreter.
SATSER: tuple[tuple[str, str], ...] = (
    ("tom", "pass"),
    ("attrs+dateutil", "import attrs, dateutil.relativedelta, enum, datetime"),
    ("paketet", "import socialtjanst_variabler"),
    ("en värdemängd", "from socialtjanst_variabler import Hushallstyp"),
    ("personnummer", "import socialtjanst_variabler as sv; sv.Personnummer"),
    ("from_json", "import socialtjanst_variabler as sv; sv.from_json"),
)


def _miljo(src: str | None) -> dict[str, str]:
    env = dict(os.environ, PYTHONHASHSEED="0")
    if src:
        env["PYTHONPATH"] = src
    return env


def instruktioner(sats: str, src: str | None) -> int:
    """Instructions callgrind counts for the whole interpreter running *sats*."""
    with tempfile.TemporaryDirectory() as tmp:
        ut = subprocess.run(
            [
                "valgrind",
                "--tool=callgrind",
                f"--callgrind-out-file={tmp}/cg.out",
                sys.executable,
                "-c",
                sats,
            ],
            capture_output=True,
            text=True,
            check=True,
            env=_miljo(src),
        )
    match = re.search(r"Collected : (\d+)", ut.stderr)
    assert match, ut.stderr
    return int(match.group(1))


def millisekunder(sats: str, src: str | None) -> float:
    """What ``-X importtime`` reports for all top-level imports of *sats* (ms)."""
    ut = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", sats],
        capture_output=True,
        text=True,
        check=True,
        env=_miljo(src),
    )
    # Top-level lines only ("import time: self | cumulative | name", no indentation).
    total = 0
    for rad in ut.stderr.splitlines():
        delar = rad.split("|")
        topp = len(delar) == 3 and delar[2].startswith(" ") and not delar[2].startswith("  ")
        if topp and delar[1].strip().isdigit():
            total += int(delar[1])
    return total / 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--src", help="another version's src directory, first on the path")
    parser.add_argument("--runs", type=int, default=21)
    parser.add_argument("--utan-callgrind", action="store_true")
    args = parser.parse_args()
    for _, sats in SATSER:  # compile the bytecode once, outside the measurements
        subprocess.run([sys.executable, "-c", sats], check=True, env=_miljo(args.src))
    tom = 0 if args.utan_callgrind else instruktioner("pass", args.src)
    tom_ms = statistics.median(millisekunder("pass", args.src) for _ in range(args.runs))
    for namn, sats in SATSER[1:]:
        ms = sorted(millisekunder(sats, args.src) - tom_ms for _ in range(args.runs))
        rad = f"{namn:15} importtime median {statistics.median(ms):6.1f} ms"
        rad += f" ({ms[0]:.1f}–{ms[-1]:.1f}, {args.runs} körningar)"
        if not args.utan_callgrind:
            rad += f"  {instruktioner(sats, args.src) - tom:12,} instruktioner"
        print(rad, flush=True)


if __name__ == "__main__":
    main()
