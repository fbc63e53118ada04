"""Generate ``examples/arenden.jsonl``: a small synthetic extract for trying ``granska``.

Every personnummer is one of Skatteverket's official *test* personnummer (never assigned to
a real person), read from ``../shared/conformance/personnummer-meta/allPins.json``; the
file is deterministic (fixed seed). A few lines carry deliberate problems so that
``socialtjanst-variabler granska examples/arenden.jsonl`` shows what it finds:
a line that is not JSON, an unknown code, an impossible date, dates out of order, B2
answered without improvement, "påbörjades aldrig" with a date of verkställande, and
missing avslutsorsak.

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
from socialtjanst_variabler.personnummer import Personnummer

HERE = Path(__file__).resolve().parent
PINS = HERE.parent.parent / "shared" / "conformance" / "personnummer-meta" / "allPins.json"
OUT = HERE / "arenden.jsonl"


def testnummer(rng: random.Random) -> list[str]:
    """Official test numbers of adults born 1940–2005, canonical form."""
    pins = json.loads(PINS.read_text(encoding="utf-8"))
    vuxna = [p for p in pins if "1940" <= p[:4] <= "2005"]
    return [str(Personnummer.parse(p)) for p in rng.sample(vuxna, 40)]


def arende(rng: random.Random, n: int, pnr: str) -> dict[str, Any]:
    akt = date(2025, 1, 1) + timedelta(days=rng.randrange(300))
    beslut = akt + timedelta(days=rng.randrange(5, 40))
    verk = beslut + timedelta(days=rng.randrange(0, 20))
    uppf = verk + timedelta(days=90)
    insats: dict[str, Any] = {
        "beslutsdatum": beslut.isoformat(),
        "verkstallighetsdatum": verk.isoformat(),
        "insatstyp": sorted(rng.sample(range(1, 36), rng.randint(1, 2))),
        "bistandsbedomd": True,
        "foljs_upp_av_myndighetsutovningen": True,
        "uppfoljningar": [
            {
                "datum": uppf.isoformat(),
                "samverkan": sorted(rng.sample(range(1, 11), 2)),
                "sip": rng.randint(1, 3),
                "parallella_insatser": rng.randint(1, 3),
                "maluppfyllelse": rng.randint(1, 6),
                "b1a": 1,
                "b2": rng.randint(1, 5),
                "b3": rng.randint(1, 6),
                "b4": rng.randint(1, 6),
                "b5": rng.randint(1, 5),
            }
        ],
        "avslut": {
            "datum": (uppf + timedelta(days=30)).isoformat(),
            "genomforande": rng.randint(1, 3),
            "avslutsorsak": rng.choice([1, 2, 4, 6, 9]),
        },
    }
    return {
        "id": f"EX-{n:03d}",
        "aktualiseringsdatum": akt.isoformat(),
        "aktualiseringsorsak": sorted(rng.sample(range(1, 15), rng.randint(1, 2))),
        "personnummer": pnr,
        "ursprung": rng.randint(1, 5),
        "hushallstyp": rng.randint(1, 9),
        "tidigare_kontakt": rng.randint(1, 4),
        "problematik": sorted(rng.sample(range(1, 15), rng.randint(1, 3))),
        "insatser": [insats],
    }


def main() -> None:
    rng = random.Random(2019)
    rader = [arende(rng, n, pnr) for n, pnr in enumerate(testnummer(rng), start=1)]
    ins = [r["insatser"][0] for r in rader]
    # Deliberate problems, one kind per ärende:
    ins[3]["beslutsdatum"] = "2024-12-01"  # before aktualisering: DATUMORDNING
    ins[7]["uppfoljningar"][0]["b1a"] = 4  # B2 answered without improvement
    ins[11]["avslut"]["avslutsorsak"] = sv.Avslutsorsak.PABORJADES_ALDRIG.value
    del ins[15]["avslut"]["avslutsorsak"]  # SAKNAS
    rader[19]["ursprung"] = 7  # unknown code: the line is refused
    ins[23]["verkstallighetsdatum"] = "2025-02-30"  # impossible date: refused
    lines = [json.dumps(r, ensure_ascii=False, sort_keys=True) for r in rader]
    lines.insert(30, '{"id": "EX-trasig", "ursprung": 1')  # not JSON: refused
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"skrev {len(lines)} rader till {OUT.relative_to(HERE.parent)}")


if __name__ == "__main__":
    main()
