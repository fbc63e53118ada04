"""Local variables: a municipality completes SKL-2019 with one TOML file, no Python.

SKL-2019 says the general variables must be completed with what each activity needs, and
that each municipality chooses which general variables it uses. An *extension*
(utökning) declares both: local variables numbered ``L1``, ``L2`` … under the
extension's own id, their value sets (finer local codes may roll up to a national code),
and the national variables not used. National codes and labels can never be changed,
shadowed or reused.

- :func:`las_definition` loads and checks a definition file into an :class:`Utokning`;
- :mod:`~socialtjanst_variabler.lokala.varden` checks a record's local values, gives
  their JSON Schema and the completeness findings; records carry them at every level
  (``lokala``), and ``from_json``, ``arende_schema``, ``granska`` and the statistics
  (table ``lokal``) take the extensions as ``utokningar``;
- :mod:`~socialtjanst_variabler.lokala.generera` writes a typed Python module, a TOML
  file and a docs page from a loaded extension;
- :func:`exempel` gives the shipped examples (FIA's life areas, SUV question 39).

Example:
    >>> from socialtjanst_variabler.lokala import exempel, las_definition
    >>> fia = las_definition(exempel("fia"))
    >>> fia.id, [v.nummer for v in fia.variabler]
    ('se.kommun.exempel.fia', ['L1', 'L2'])
    >>> fia.variabel("L1").vardemangd.choices()[:2]
    [(1, 'Boende'), (2, 'Situationen hemma')]
"""

from __future__ import annotations

from pathlib import Path

from socialtjanst_variabler.lokala.definition import (
    DATAFORMAT,
    ID_MONSTER,
    NUMMER_MONSTER,
    LokalVardemangd,
    LokalVariabel,
    Niva,
    Utokning,
    konstant_for,
    las_definition,
    rulla_upp,
)
from socialtjanst_variabler.lokala.fel import DefinitionError

__all__ = [
    "DATAFORMAT",
    "EXEMPEL",
    "ID_MONSTER",
    "NUMMER_MONSTER",
    "DefinitionError",
    "LokalVardemangd",
    "LokalVariabel",
    "Niva",
    "Utokning",
    "exempel",
    "konstant_for",
    "las_definition",
    "rulla_upp",
]

#: The definition files shipped with the library, by name.
EXEMPEL: tuple[str, ...] = ("fia", "suv39")


def exempel(namn: str) -> Path:
    """The path of a shipped example definition file: ``"fia"`` or ``"suv39"``.

    Raises:
        LookupError: no example has this name.
    """
    if namn not in EXEMPEL:
        raise LookupError(f"inget exempel {namn!r} (finns: {', '.join(EXEMPEL)})")
    return Path(__file__).parent / "exempel" / f"{namn}.toml"
