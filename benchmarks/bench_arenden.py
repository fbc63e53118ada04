"""Benchmark: stream ärenden as JSON Lines through read + granska.

Run by hand (not in CI):

    .venv/bin/python benchmarks/bench_arenden.py --antal 1000000
    .venv/bin/python benchmarks/bench_arenden.py --antal 100000

It writes a deterministic extract to a temporary file (personnummer drawn from a fixed
list of synthetic valid numbers), then reads it with :func:`las_jsonl` and checks each
ärende with :func:`granska`, and reports ärenden per second and the peak resident memory
of the process (``ru_maxrss``). Memory that does not grow with the file is shown by
running it for 100,000 and 1,000,000 lines.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import tempfile
import time
from collections import Counter
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import socialtjanst_variabler as sv
from socialtjanst_variabler.personnummer import calc_check_digit


def _pnr(rng: random.Random) -> str:
    fodd = date(1930, 1, 1) + timedelta(days=rng.randrange(27000))
    serie = rng.randrange(1, 1000)
    return f"{fodd:%Y%m%d}-{serie:03d}{calc_check_digit(f'{fodd:%y%m%d}{serie:03d}')}"


def _koder(rng: random.Random, vm: type[sv.Vardemangd], hogst: int = 3) -> list[int]:
    return sorted(rng.sample(range(1, len(vm) + 1), rng.randint(1, hogst)))


def arende(rng: random.Random, nummer: int) -> dict[str, Any]:
    """One synthetic ärende in JSON form, mostly consistent, sometimes not."""
    akt = date(2024, 1, 1) + timedelta(days=rng.randrange(600))
    insatser = []
    for _ in range(rng.choice((1, 1, 2, 3))):
        beslut = akt + timedelta(days=rng.randrange(1, 60))
        verk = beslut + timedelta(days=rng.randrange(0, 30))
        uppf = [
            {
                "datum": (verk + timedelta(days=30 * (k + 1))).isoformat(),
                "samverkan": sorted(rng.sample(range(1, 11), 2)) if rng.random() < 0.9 else [12],
                "sip": rng.randint(1, 3),
                "parallella_insatser": rng.randint(1, 3),
                "maluppfyllelse": rng.randint(1, 6),
                "b1a": 1,
                "b2": rng.randint(1, 5),
                "b3": rng.randint(1, 6),
            }
            for k in range(rng.randint(0, 2))
        ]
        insats: dict[str, Any] = {
            "beslutsdatum": beslut.isoformat(),
            "verkstallighetsdatum": verk.isoformat(),
            "insatstyp": _koder(rng, sv.Insatstyp, 2),
            "bistandsbedomd": True,
            "uppfoljningar": uppf,
        }
        if rng.random() < 0.6:
            insats["avslut"] = {
                "datum": (verk + timedelta(days=200)).isoformat(),
                "genomforande": rng.randint(1, 3),
                "avslutsorsak": rng.randint(1, 9),
            }
        insatser.append(insats)
    return {
        "id": f"A-{nummer}",
        "aktualiseringsdatum": akt.isoformat(),
        "aktualiseringsorsak": _koder(rng, sv.Problematik),
        "personnummer": _pnr(rng),
        "ursprung": rng.randint(1, 5),
        "hushallstyp": rng.randint(1, 9),
        "tidigare_kontakt": rng.randint(1, 4),
        "problematik": _koder(rng, sv.Problematik),
        "insatser": insatser,
    }


def skriv(path: Path, antal: int) -> None:
    rng = random.Random(20190301)
    with path.open("w", encoding="utf-8") as f:
        for n in range(antal):
            if n % 1000 == 999:
                f.write('{"id": "trasig", "ursprung": 99}\n')  # a deliberate bad line
            else:
                f.write(json.dumps(arende(rng, n), ensure_ascii=False) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--antal", type=int, default=100_000)
    args = parser.parse_args()
    vid = date(2026, 1, 1)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "arenden.jsonl"
        skriv(path, args.antal)
        storlek = path.stat().st_size
        rss_fore = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        per_regel: Counter[str] = Counter()
        lasta = fel = 0
        start = time.perf_counter()
        with path.open("rb") as f:
            for rad in sv.las_jsonl(f):
                if rad.arende is None:
                    fel += 1
                    continue
                lasta += 1
                for fynd in sv.granska(rad.arende, vid=vid):
                    per_regel[fynd.regel] += 1
        tid = time.perf_counter() - start
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"rader: {args.antal:,}  fil: {storlek / 1e6:.0f} MB  ärenden: {lasta:,}  fel: {fel:,}")
    print(f"tid: {tid:.1f} s  ärenden/s: {args.antal / tid:,.0f}")
    print(f"maxrss före läsning: {rss_fore / 1024:.0f} MiB, efter: {rss / 1024:.0f} MiB")
    print("fynd per regel:", {str(k): v for k, v in per_regel.most_common()})
    delar(min(args.antal, 20_000), vid)


def delar(antal: int, vid: date) -> None:
    """Where the time goes per ärende: JSON parsing, building the model, checking.

    Measured one ärende at a time, as the stream does, so that no batch of live objects
    makes the garbage collector's work part of the figures.
    """
    from socialtjanst_variabler.arende._serde import from_dict

    rng = random.Random(20190301)
    rader = [json.dumps(arende(rng, n)) for n in range(antal)]
    klocka = time.perf_counter
    t_json = t_modell = t_granska = 0.0
    for rad in rader:
        t0 = klocka()
        data = json.loads(rad)
        t1 = klocka()
        a = from_dict(data)
        t2 = klocka()
        sv.granska(a, vid=vid)
        t3 = klocka()
        t_json += t1 - t0
        t_modell += t2 - t1
        t_granska += t3 - t2
    for namn, t in (("json.loads", t_json), ("modellen", t_modell), ("granska", t_granska)):
        print(f"  {namn:<11} {t / antal * 1e6:6.1f} µs per ärende")


if __name__ == "__main__":
    main()
