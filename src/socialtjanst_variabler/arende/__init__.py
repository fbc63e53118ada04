"""Records: the ärende model, its JSON form, the JSON Lines reader, its schema and checks.

* ``modell``: :class:`Arende`, :class:`Insats`, :class:`Uppfoljning`, :class:`Avslut`
  and the derived facts;
* :mod:`~socialtjanst_variabler.arende.granskning`: the consistency checks;
* ``_serde`` (JSON, loads cattrs on first use), :mod:`~socialtjanst_variabler.arende.jsonl`
  (extracts) and :mod:`~socialtjanst_variabler.arende.schema` (the JSON Schema).

The model's names are importable from here, as they were before the package was split.
"""

from __future__ import annotations

from socialtjanst_variabler.arende.modell import (
    NIVAER,
    REGLER,
    SCHEMA,
    Arende,
    Avslut,
    AvslutUtanInsats,
    Insats,
    Uppfoljning,
    handlaggningstid,
    insatstid,
    slutdatum,
    tid_till_verkstallighet,
    total_tid,
    uppnatt_processteg,
)

__all__ = [
    "NIVAER",
    "REGLER",
    "SCHEMA",
    "Arende",
    "Avslut",
    "AvslutUtanInsats",
    "Insats",
    "Uppfoljning",
    "handlaggningstid",
    "insatstid",
    "slutdatum",
    "tid_till_verkstallighet",
    "total_tid",
    "uppnatt_processteg",
]
