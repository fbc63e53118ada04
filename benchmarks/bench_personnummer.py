"""Benchmark: parsing personnummer with ours, ``personnummer`` and python-stdnum.

Run by hand, not in CI (the peers are the ``bench`` extra)::

    pip install -e .[bench]
    python benchmarks/bench_personnummer.py            # 200,000 inputs, best of 5

All three libraries parse the same deterministic corpus in one process. The corpus mixes
about 70 % valid 12-digit numbers, 10 % 10-digit numbers, 5 % samordningsnummer and 15 %
invalid input of many kinds; the birth dates are chosen so that every 10-digit number has
the same century on any run date from 2025 to 2029. A last table times one call with a
10 MB string of digits, which each library must refuse. The output is Markdown tables for
docs/personnummer.md.
"""

from __future__ import annotations

import argparse
import platform
import random
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from datetime import date, timedelta
from importlib.metadata import version

import personnummer.personnummer as pn_peer
import stdnum.exceptions
import stdnum.se.personnummer as stdnum_peer

from socialtjanst_variabler.errors import InvalidPersonnummer
from socialtjanst_variabler.personnummer import Personnummer, calc_check_digit

SEED = 20190101
IDAG = date.today()


def _datum(rng: random.Random, forst: int, sist: int) -> date:
    start = date(forst, 1, 1)
    return start + timedelta(days=rng.randrange((date(sist, 12, 31) - start).days + 1))


def _tolv(rng: random.Random, fodd: date, *, samordning: bool = False) -> str:
    dag = fodd.day + 60 if samordning else fodd.day
    nio = f"{fodd:%y%m}{dag:02d}{rng.randrange(1, 1000):03d}"
    return f"{fodd.year // 100}{nio}{calc_check_digit(nio)}"


#: Arabic-Indic and full-width digits: int() reads both, a personnummer may not hold them.
_UNICODE_SIFFROR = (
    str.maketrans("0123456789", "".join(chr(0x0660 + i) for i in range(10))),
    str.maketrans("0123456789", "".join(chr(0xFF10 + i) for i in range(10))),
)

#: The kinds of input, in table order; the first three are valid.
KATEGORIER = (
    "giltigt, 12 siffror",
    "giltigt, 10 siffror",
    "giltigt samordningsnummer",
    "fel kontrollsiffra",
    "omöjligt datum",
    "födelsenummer 000",
    "reservnummer (bokstav)",
    "fel längd",
    "arabiska/fullbreddssiffror",
    "radbrytning sist",
)


def _ogiltig(rng: random.Random) -> tuple[str, str]:
    """One invalid input of a random kind, with its kind."""
    typ = rng.randrange(9)
    tolv = _tolv(rng, _datum(rng, 1930, 2015))
    if typ <= 2:
        kategori = "fel kontrollsiffra"
        text = f"{tolv[:8]}-{tolv[8:11]}{(int(tolv[11]) + rng.randrange(1, 10)) % 10}"
    elif typ == 3:  # with a correct check digit
        kategori = "omöjligt datum"
        nio = rng.choice(["750230", "751301", "750100", "750132", "010229"])
        nio += f"{rng.randrange(1, 1000):03d}"
        text = f"19{nio}{calc_check_digit(nio)}"
    elif typ == 4:  # with a correct check digit
        kategori = "födelsenummer 000"
        nio = f"{tolv[2:8]}000"
        text = f"{tolv[:2]}{nio}{calc_check_digit(nio)}"
    elif typ == 5:
        kategori = "reservnummer (bokstav)"
        text = f"{tolv[:8]}-{rng.choice('TRSUWXJKLMN')}{tolv[9:]}"
    elif typ == 6:
        kategori = "fel längd"
        text = tolv[: rng.choice([4, 9, 11])]
    elif typ == 7:
        kategori = "arabiska/fullbreddssiffror"
        text = tolv.translate(rng.choice(_UNICODE_SIFFROR))
    else:
        kategori = "radbrytning sist"
        text = f"{tolv[:8]}-{tolv[8:]}\n"
    return kategori, text


def _giltig(rng: random.Random) -> tuple[str, str]:
    """One valid input (70 : 10 : 5 of 12-digit, 10-digit, samordningsnummer)."""
    r = rng.random() * 0.85
    if r < 0.70:
        tolv = _tolv(rng, _datum(rng, 1930, 2015))
        return KATEGORIER[0], tolv if rng.random() < 0.5 else f"{tolv[:8]}-{tolv[8:]}"
    if r < 0.80:
        s = rng.random()
        if s < 0.1:  # 100 or more on every run date from 2025
            tolv = _tolv(rng, _datum(rng, 1905, 1924))
            return KATEGORIER[1], f"{tolv[2:8]}+{tolv[8:]}"
        tolv = _tolv(rng, _datum(rng, 1931, 2015))  # at most 99 on every run date to 2029
        return KATEGORIER[1], f"{tolv[2:8]}-{tolv[8:]}" if s < 0.9 else tolv[2:]
    tolv = _tolv(rng, _datum(rng, 1930, 2015), samordning=True)
    return KATEGORIER[2], tolv if rng.random() < 0.5 else f"{tolv[:8]}-{tolv[8:]}"


def korpus(antal: int, seed: int = SEED) -> list[tuple[str, str]]:
    """The deterministic mix of inputs: (kind, text), 85 % valid and 15 % invalid."""
    rng = random.Random(seed)
    return [_giltig(rng) if rng.random() < 0.85 else _ogiltig(rng) for _ in range(antal)]


# --- the contenders: each returns how many inputs it accepted --------------------------


def ours_parse(texts: Sequence[str]) -> int:
    parse = Personnummer.parse
    ok = 0
    for t in texts:
        try:
            parse(t)
        except InvalidPersonnummer:
            continue
        ok += 1
    return ok


def ours_full(texts: Sequence[str]) -> int:
    parse = Personnummer.parse
    ok = 0
    for t in texts:
        try:
            p = parse(t)
        except InvalidPersonnummer:
            continue
        p.alder(vid=IDAG)
        p.juridiskt_kon  # noqa: B018 - the work being measured
        ok += 1
    return ok


def personnummer_parse(texts: Sequence[str]) -> int:
    parse = pn_peer.parse
    fel = pn_peer.PersonnummerException
    ok = 0
    for t in texts:
        try:
            parse(t)
        except fel:
            continue
        ok += 1
    return ok


def personnummer_full(texts: Sequence[str]) -> int:
    parse = pn_peer.parse
    fel = pn_peer.PersonnummerException
    ok = 0
    for t in texts:
        try:
            p = parse(t)
        except fel:
            continue
        p.get_age()
        p.is_male()
        ok += 1
    return ok


def stdnum_parse(texts: Sequence[str]) -> int:
    validate = stdnum_peer.validate
    fel = stdnum.exceptions.ValidationError
    ok = 0
    for t in texts:
        try:
            validate(t)
        except fel:
            continue
        ok += 1
    return ok


def stdnum_full(texts: Sequence[str]) -> int:
    validate = stdnum_peer.validate
    fodelsedatum = stdnum_peer.get_birth_date
    kon = stdnum_peer.get_gender
    fel = stdnum.exceptions.ValidationError
    idag = IDAG
    ok = 0
    for t in texts:
        try:
            validate(t)
        except fel:
            continue
        fodd = fodelsedatum(t)  # stdnum has no age: the usual formula
        idag.year - fodd.year - ((idag.month, idag.day) < (fodd.month, fodd.day))
        kon(t)
        ok += 1
    return ok


VAR = "socialtjanst_variabler"
PN = f"personnummer {version('personnummer')}"
STDNUM = f"python-stdnum {version('python-stdnum')}"

UPPGIFTER: dict[str, dict[str, Callable[[Sequence[str]], int]]] = {
    "tolka + validera": {VAR: ours_parse, PN: personnummer_parse, STDNUM: stdnum_parse},
    "tolka + ålder + kön": {VAR: ours_full, PN: personnummer_full, STDNUM: stdnum_full},
}


def mat(funktion: Callable[[Sequence[str]], int], texts: Sequence[str], upprepa: int) -> float:
    """Best wall time of *upprepa* runs, in seconds."""
    bast = float("inf")
    for _ in range(upprepa):
        start = time.perf_counter()
        funktion(texts)
        bast = min(bast, time.perf_counter() - start)
    return bast


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--antal", type=int, default=200_000, help="inputs in the corpus")
    parser.add_argument("--upprepa", type=int, default=5, help="runs; the best counts")
    args = parser.parse_args(argv)
    indata = korpus(args.antal)
    texts = [text for _, text in indata]
    print(
        f"{len(texts):,} indata, bästa av {args.upprepa}; Python {platform.python_version()} "
        f"({sys.implementation.name}), {platform.machine()}, {IDAG}\n"
    )
    print("| uppgift | bibliotek | tid | µs per indata | snabbare än personnummer |")
    print("|---|---|---:|---:|---:|")
    for uppgift, deltagare in UPPGIFTER.items():
        tider = {namn: mat(f, texts, args.upprepa) for namn, f in deltagare.items()}
        for namn, sekunder in tider.items():
            print(
                f"| {uppgift} | {namn} | {sekunder:.3f} s "
                f"| {sekunder / len(texts) * 1e6:.2f} | {tider[PN] / sekunder:.2f} x |"
            )

    # Long junk (issue 17): refused before any work that grows with its length.
    tolka = UPPGIFTER["tolka + validera"]
    skrap = ["1" * 10_000_000]
    print("\n| 10 MB siffror | " + " | ".join(tolka) + " |")
    print("|---|" + "---:|" * len(tolka))
    langsamt = [mat(funktion, skrap, 3) for funktion in tolka.values()]
    print("| tid per anrop | " + " | ".join(f"{t * 1e6:,.1f} µs" for t in langsamt) + " |")

    # What each library accepts, by kind of input (not timed).
    antal = Counter(kategori for kategori, _ in indata)
    godkanda = {namn: Counter[str]() for namn in tolka}
    for kategori, text in indata:
        for namn, funktion in tolka.items():
            godkanda[namn][kategori] += funktion([text])
    print(f"\n| indata | antal | {' | '.join(tolka)} |")
    print("|---|---:|" + "---:|" * len(tolka))
    for kategori in KATEGORIER:
        andelar = " | ".join(f"{godkanda[namn][kategori] / antal[kategori]:.0%}" for namn in tolka)
        print(f"| {kategori} | {antal[kategori]:,} | {andelar} |")


if __name__ == "__main__":
    main()
