"""Benchmark: machine instructions per ärende for each stage of reading an extract.

Run by hand (not in CI); needs valgrind:

    .venv/bin/python benchmarks/bench_instruktioner.py

Timings on a shared virtual machine vary by up to 50 % from run to run; instruction
counts (valgrind's callgrind) are nearly the same every run (set PYTHONHASHSEED=0 for the
same hashing), so they show whether a change to the code made a stage cheaper. Every
ärende is read once before the stages are counted, so the date and code-list caches are
warm, as in an extract after its first lines. The ``json`` stage counts ``json.loads``;
the reader calls its C scanner directly; ``from_json`` uses orjson when it is installed
(``SOCIALTJANST_VARIABLER_JSON=stdlib`` turns it off). ``cli granska`` is the command
``granska`` on a file, its summary included. Each stage runs twice under callgrind, over 0
and over ``--antal`` ärenden of the same extract as ``bench_arenden.py``; the difference
divided by ``--antal`` is the cost of one ärende.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import io
import json
import random
import re
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

from bench_arenden import arende

import socialtjanst_variabler as sv
from socialtjanst_variabler import cli
from socialtjanst_variabler.arende._serde import from_dict

STEG = ("json", "from_json", "modell", "granska", "las_jsonl+granska", "cli granska")


def kor(steg: str, rader: list[str], antal: int) -> None:
    """Run *steg* over the first *antal* lines (everything it needs is made first)."""
    data = [json.loads(r) for r in rader]
    arenden = [from_dict(d) for d in data]
    vid = date(2026, 1, 1)
    # What was made beforehand stays out of the garbage collector's rounds: otherwise a
    # round over all of it would land in whichever stage ran then (a stream holds one
    # ärende at a time).
    gc.freeze()
    if steg == "json":
        for r in rader[:antal]:
            json.loads(r)
    elif steg == "from_json":
        for r in rader[:antal]:
            sv.from_json(r)
    elif steg == "cli granska":  # the command, summary and masking included
        with tempfile.TemporaryDirectory() as tmp:
            fil = Path(tmp) / "uttag.jsonl"
            fil.write_text("".join(r + "\n" for r in rader[:antal]), encoding="utf-8")
            with contextlib.redirect_stdout(io.StringIO()):
                cli.main(["granska", str(fil), "--vid", vid.isoformat()])
    elif steg == "modell":
        for d in data[:antal]:
            from_dict(d)
    elif steg == "granska":
        for a in arenden[:antal]:
            sv.granska(a, vid=vid)
    else:
        strom = io.BytesIO("".join(r + "\n" for r in rader[:antal]).encode())
        for rad in sv.las_jsonl(strom):
            if rad.arende is not None:
                sv.granska(rad.arende, vid=vid)


def instruktioner(fil: Path, steg: str, antal: int) -> int:
    """Instructions callgrind counts for the whole process."""
    with tempfile.TemporaryDirectory() as tmp:
        ut = subprocess.run(
            [
                "valgrind",
                "--tool=callgrind",
                f"--callgrind-out-file={tmp}/cg.out",
                sys.executable,
                __file__,
                "--kor",
                steg,
                "--fil",
                str(fil),
                "--antal",
                str(antal),
            ],
            capture_output=True,
            text=True,
            check=True,
        )
    match = re.search(r"Collected : (\d+)", ut.stderr)
    assert match, ut.stderr
    return int(match.group(1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--steg", nargs="*", choices=STEG, default=STEG)
    parser.add_argument("--antal", type=int, default=1000)
    parser.add_argument("--kor", choices=STEG, help=argparse.SUPPRESS)
    parser.add_argument("--fil", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.kor:  # one run, under callgrind
        kor(args.kor, args.fil.read_text(encoding="utf-8").splitlines(), args.antal)
        return
    rng = random.Random(20190301)
    with tempfile.TemporaryDirectory() as tmp:
        fil = Path(tmp) / "arenden.jsonl"
        text = "".join(json.dumps(arende(rng, n)) + "\n" for n in range(args.antal))
        fil.write_text(text, encoding="utf-8")
        for steg in args.steg:
            per = (instruktioner(fil, steg, args.antal) - instruktioner(fil, steg, 0)) / args.antal
            print(f"{steg:20} {per:9,.0f} instruktioner per ärende")


if __name__ == "__main__":
    main()
