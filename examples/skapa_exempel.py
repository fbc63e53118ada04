"""Generate ``examples/arenden.jsonl``: a synthetic extract for ``granska`` and statistics.

About 400 ärenden of about 300 persons, aktualiserade 2024–2025 and extracted on
2026-06-30, realistic enough for the reference statistics: clients aged 0–95 with problems
and insatser that fit their age, varied durations, avslag, utredningar and
förhandsbedömningar closed without insats, persons with several ärenden (linked by
``person_id``), open ärenden, and every identity form: personnummer, samordningsnummer
(some with a partly unknown birth date), IVO and regional reservnummer, anonymous clients.

Every personnummer and samordningsnummer is one of Skatteverket's official *test* numbers
(never assigned to a real person), read from
``../shared/conformance/personnummer-meta/``. The file is deterministic (fixed seed).

The first lines carry deliberate problems, one each, so that
``socialtjanst-variabler granska examples/arenden.jsonl`` shows what it finds: dates out of
order, B2 answered without improvement, "påbörjades aldrig" with a date of verkställande, a
missing avslutsorsak, an avslag that was verkställd; and three lines that cannot be read (an
unknown code, an impossible date, a line that is not JSON).

Run from the repository root:

    .venv/bin/python examples/skapa_exempel.py
"""

from __future__ import annotations

import json
import random
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import socialtjanst_variabler as sv
from socialtjanst_variabler.identitet.reservnummer import Reservnummer
from socialtjanst_variabler.personnummer import Personnummer

HERE = Path(__file__).resolve().parent
META = HERE.parent.parent / "shared" / "conformance" / "personnummer-meta"
OUT = HERE / "arenden.jsonl"

#: The extract is taken on this day: nothing later is recorded.
UTTAG = date(2026, 6, 30)
PERIOD_START, PERIOD_SLUT = date(2024, 1, 1), date(2025, 12, 31)

# What fits each age group: (lowest age, problematik codes, insatstyp codes).
_GRUPPER: tuple[tuple[int, tuple[int, ...], tuple[int, ...]], ...] = (
    (0, (1, 2, 6, 12), (10, 12, 16, 17, 18, 29)),
    (13, (1, 2, 6, 8, 9, 12), (1, 10, 12, 17, 18, 29)),
    (18, (6, 8, 9, 10, 11), (6, 11, 18, 29, 31)),
    (25, (2, 3, 6, 8, 10, 11), (3, 4, 6, 11, 12, 23, 29, 31)),
    (65, (1, 4, 5, 6), (13, 14, 20, 24, 32, 33)),
)


def _grupp(alder: int) -> tuple[tuple[int, ...], tuple[int, ...]]:
    return next((p, i) for lagst, p, i in reversed(_GRUPPER) if alder >= lagst)


def _dag(rng: random.Random, start: date, minst: int, mest: int) -> date:
    return start + timedelta(days=rng.randint(minst, mest))


def _alder(fodd: date, vid: date) -> int:
    return vid.year - fodd.year - ((vid.month, vid.day) < (fodd.month, fodd.day))


def _sorterad(rng: random.Random, koder: tuple[int, ...], hogst: int) -> list[int]:
    return sorted(rng.sample(koder, rng.randint(1, min(hogst, len(koder)))))


def personer(rng: random.Random) -> list[dict[str, Any]]:
    """About 300 persons: test numbers of every age, a few samordningsnummer, a few
    anonymous clients, and a few without any identity recorded."""
    pins = json.loads((META / "allPins.json").read_text(encoding="utf-8"))
    coords = json.loads((META / "allCoords.json").read_text(encoding="utf-8"))
    nummer = [p for p in pins if "1929" <= p[:4] <= "2023"]
    samordning = []
    for c in coords:  # a few with a partly unknown birth date; impossible dates left out
        try:
            samordning.append(Personnummer.parse(c, referensdatum=UTTAG, ofullstandigt_datum=True))
        except ValueError:
            continue
    fullstandiga = [s for s in samordning if s.har_fullstandigt_datum and s.fodelsear >= 1950]
    ofullstandiga = [s for s in samordning if not s.har_fullstandigt_datum and s.fodelsear >= 1950]
    valda = [Personnummer.parse(p) for p in rng.sample(nummer, 260)]
    valda += rng.sample(fullstandiga, 12) + rng.sample(ofullstandiga, 6)
    ut: list[dict[str, Any]] = [{"pnr": p} for p in valda]
    for _ in range(5):  # IVO's T-format: the first serial that gives a valid check digit
        fodd = date(rng.randint(1950, 2005), rng.randint(1, 12), rng.randint(1, 28))
        for serie in range(rng.randrange(1000), 2000):
            try:
                ut.append({"reserv": Reservnummer.parse(f"{fodd:%Y%m%d}-T{serie % 1000:03d}")})
                break
            except ValueError:
                continue
    for _ in range(3):  # regional: opaque text, sex and birth year given apart
        ut.append({"reserv": Reservnummer.parse(f"RSV-{rng.randrange(10**6):06d}")})
    for _ in range(10):  # anonymous: sex and birth year given, if at all
        ut.append({"anonym": True, "fodelsear": rng.randint(1960, 2005)})
    for _ in range(5):  # no identity recorded yet
        ut.append({})
    rng.shuffle(ut)
    for n, person in enumerate(ut, start=1):
        person["person_id"] = f"P-{n:04d}"
    return ut


def uppfoljning(rng: random.Random, datum: date) -> dict[str, Any]:
    b1a = rng.choice([1, 2, 3, 4, 5, None])
    u: dict[str, Any] = {
        "datum": datum.isoformat(),
        "samverkan": rng.choice([[11], [12], _sorterad(rng, tuple(range(1, 11)), 3)]),
        "sip": rng.randint(1, 3),
        "parallella_insatser": rng.randint(1, 3),
        "maluppfyllelse": rng.randint(1, 6),
    }
    if b1a is not None:  # the client answered
        u |= {"b1a": b1a, "b3": rng.randint(1, 6), "b4": rng.randint(1, 6), "b5": rng.randint(1, 5)}
        if b1a in (1, 2):  # B2 is asked only after an improvement
            u["b2"] = rng.randint(1, 5)
    return u


def insats(
    rng: random.Random, akt: date, typer: tuple[int, ...]
) -> tuple[dict[str, Any], date | None]:
    """An insats after the aktualisering, and the date it ended (None while open)."""
    beslut = _dag(rng, akt, 5, 120)
    i: dict[str, Any] = {
        "beslutsdatum": beslut.isoformat(),
        "insatstyp": _sorterad(rng, typer, 2),
        "bistandsbedomd": True,
        "foljs_upp_av_myndighetsutovningen": rng.random() < 0.8,
    }
    if rng.random() < 0.12:  # avslag: never verkställd, never avslutad
        i["beslut"] = sv.Beslutsutfall.AVSLAG.value
        return i, beslut
    i["beslut"] = sv.Beslutsutfall.BIFALL.value if rng.random() < 0.9 else 2
    verk = _dag(rng, beslut, 0, 60)
    slut = _dag(rng, verk, 14, 540)
    uppf = [d for d in (_dag(rng, verk, 60, 120), _dag(rng, verk, 200, 300)) if d < slut]
    i["verkstallighetsdatum"] = verk.isoformat()
    i["uppfoljningar"] = [uppfoljning(rng, d) for d in uppf if d <= UTTAG]
    if slut > UTTAG:
        return i, None
    i["avslut"] = {
        "datum": slut.isoformat(),
        "genomforande": rng.randint(1, 3),
        "avslutsorsak": rng.choice([1, 1, 1, 2, 3, 4, 6, 9]),
    }
    return i, slut


def arende(
    rng: random.Random, n: int, person: dict[str, Any], akt: date
) -> tuple[dict[str, Any], date | None]:
    """One ärende of *person* aktualiserat *akt*, and the date it ended (None while open)."""
    pnr: Personnummer | None = person.get("pnr")
    reserv: Reservnummer | None = person.get("reserv")
    a: dict[str, Any] = {
        "id": f"EX-{n:03d}",
        "person_id": person["person_id"],
        "aktualiseringsdatum": akt.isoformat(),
    }
    if pnr is not None:
        a["personnummer"] = str(pnr)
        alder = _alder(pnr.fodelsedatum_intervall[1], akt)
    elif reserv is not None and not reserv.is_regionalt:
        a["reservnummer"] = str(reserv)
        alder = _alder(reserv.fodelsedatum or akt, akt)
    else:
        if reserv is not None:
            a["reservnummer"] = str(reserv)
        if person.get("anonym"):
            a["anonym"] = True
        a["juridiskt_kon"] = rng.randint(1, 2)
        a["fodelsear"] = person.get("fodelsear", rng.randint(1960, 2005))
        alder = akt.year - a["fodelsear"] - 1
    problem, typer = _grupp(max(alder, 0))
    a["aktualiseringsorsak"] = _sorterad(rng, problem, 2)
    utfall = rng.random()
    if utfall < 0.08:  # förhandsbedömning: no utredning
        slut = _dag(rng, akt, 1, 14)
        a["avslut_utan_insats"] = {"datum": slut.isoformat(), "orsak": 1}
        return a, slut
    a |= {
        "ursprung": rng.choice([1, 1, 1, 1, 2, 3, 4, 4, 5])
        if pnr is None or not pnr.is_samordningsnummer
        else rng.choice([3, 4]),
        "hushallstyp": rng.choice([2, 5, 8]) if alder < 18 else rng.randint(1, 9),
        "tidigare_kontakt": rng.randint(1, 4),
        "problematik": _sorterad(rng, problem, 3),
    }
    if utfall < 0.16:  # the utredning ended without a beslut on insats
        slut = _dag(rng, akt, 20, 120)
        a["avslut_utan_insats"] = {"datum": slut.isoformat(), "orsak": rng.choice([2, 3, 4, 6])}
        return a, slut
    insatser = [insats(rng, akt, typer) for _ in range(rng.choice([1, 1, 1, 2, 2, 3]))]
    a["insatser"] = [i for i, _ in insatser]
    slut_datum = [s for _, s in insatser]
    return a, None if None in slut_datum else max(s for s in slut_datum if s)


def arenden(rng: random.Random) -> list[dict[str, Any]]:
    """Every ärende of every person, in aktualisering order; a person's next ärende
    starts after the previous one ended (återaktualisering)."""
    ut: list[tuple[date, dict[str, Any]]] = []
    for person in personer(rng):
        akt = _dag(rng, PERIOD_START, 0, (PERIOD_SLUT - PERIOD_START).days)
        for _ in range(rng.choice([1, 1, 1, 1, 1, 1, 2, 2, 3])):
            if akt > PERIOD_SLUT:
                break
            a, slut = arende(rng, 0, person, akt)
            ut.append((akt, a))
            if slut is None:
                break
            akt = _dag(rng, slut, 10, 400)
    ut.sort(key=lambda t: (t[0], t[1]["person_id"]))
    rader = [a for _, a in ut]
    for n, a in enumerate(rader, start=1):
        a["id"] = f"EX-{n:03d}"
    return rader


def main() -> None:
    rng = random.Random(2019)
    rader = arenden(rng)
    med_insats = [
        a for a in rader if any("verkstallighetsdatum" in i for i in a.get("insatser", ()))
    ]
    # Deliberate problems, one per ärende, early in the file (lines 2–8 and 20).
    tidig = med_insats[:7]
    for a in tidig:  # move them to the top, in this order
        rader.remove(a)
    rader[1:1] = tidig
    ins = [a["insatser"][0] for a in tidig]
    ins[0]["beslutsdatum"] = "2023-12-01"  # before aktualisering: DATUMORDNING
    ins[1].setdefault("uppfoljningar", [uppfoljning(rng, UTTAG)])
    ins[1]["uppfoljningar"][0] |= {"b1a": 4, "b2": 2}  # B2 answered without improvement
    ins[2]["avslut"] = {
        "datum": UTTAG.isoformat(),
        "genomforande": 1,
        "avslutsorsak": sv.Avslutsorsak.PABORJADES_ALDRIG.value,
    }
    ins[3]["avslut"] = {"datum": UTTAG.isoformat(), "genomforande": 2}  # SAKNAS avslutsorsak
    ins[4]["beslut"] = sv.Beslutsutfall.AVSLAG.value  # avslag, yet verkställd
    tidig[5]["ursprung"] = 7  # unknown code: the line is refused
    ins[6]["verkstallighetsdatum"] = "2025-02-30"  # impossible date: refused
    for n, a in enumerate(rader, start=1):
        a["id"] = f"EX-{n:03d}"
    lines = [json.dumps(a, ensure_ascii=False, sort_keys=True) for a in rader]
    lines.insert(19, '{"id": "EX-trasig", "ursprung": 1')  # not JSON: refused
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"skrev {len(lines)} rader till {OUT.relative_to(HERE.parent)}")


if __name__ == "__main__":
    main()
