"""Generate ``examples/pseudonym-0180.jsonl`` and ``examples/pseudonym-1480.jsonl``.

The example extract (``arenden.jsonl``) split in two, as if Stockholm (0180) and Göteborg
(1480) had each pseudonymised their part with a collection's shared key: the lines read
alternately to each, so persons with several ärenden appear in both municipalities (as if
they had moved). Lines that cannot be read are left out, as ``pseudonymisera`` refuses
them.

The key is the documentation's example key ``bytes(range(32))``: public, for examples
only, never for real data (a real key comes from ``socialtjanst-variabler nyckel skapa``).

Run from the repository root: ``python examples/skapa_pseudonymiserade.py``.
"""

from __future__ import annotations

from pathlib import Path

from socialtjanst_variabler.arende.jsonl import las_jsonl
from socialtjanst_variabler.identitet.pseudonym import Nyckel, Pseudonymiserare, skriv_rad

HERE = Path(__file__).parent
KOMMUNER = ("0180", "1480")


def main() -> None:
    ps = Pseudonymiserare(Nyckel(bytes(range(32))), doman="exempel")
    ut: dict[str, list[str]] = {k: [] for k in KOMMUNER}
    with (HERE / "arenden.jsonl").open("rb") as f:
        for rad in las_jsonl(f):
            if rad.arende is None:
                continue
            kommun = KOMMUNER[rad.radnummer % 2]
            ut[kommun].append(skriv_rad(ps.pseudonymisera(rad.arende, kommun=kommun)))
    for kommun, rader in ut.items():
        (HERE / f"pseudonym-{kommun}.jsonl").write_text("\n".join(rader) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
