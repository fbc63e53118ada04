"""Reference statistics: the questions of SKL-2019 answered the same way everywhere.

The ärenden of an extract become documented analysis tables
(:mod:`~socialtjanst_variabler.statistik.tabeller`); the fourteen reference reports are
SQL over those tables (:mod:`~socialtjanst_variabler.statistik.rapporter`), run on an
embedded DuckDB or unchanged on PostgreSQL; small numbers are masked after computing
(:mod:`~socialtjanst_variabler.statistik.maskering`). The definitions are
``STATISTIK.md``'s, written out on the docs page *Statistik*.

Needs the optional extra: ``pip install 'socialtjanst-variabler[statistik]'``. Importing
this package does not import DuckDB; building the tables does, and says how to install it
when it is missing.

Example:
    >>> from datetime import date
    >>> from socialtjanst_variabler import statistik
    >>> t = statistik.bygg_tabeller("examples/arenden.jsonl", vid=date(2026, 6, 1))
    >>> r = statistik.rapport("R1", t, period=statistik.Period.ar(2025))
    >>> r.tabeller[0].rubrik
    'Ärenden per juridiskt kön'
"""

from __future__ import annotations

from socialtjanst_variabler.statistik.aldersband import (
    ALDRE,
    BARN_OCH_UNGA,
    EKONOMISKT_BISTAND,
    STANDARD,
    VUXNA_MISSBRUK,
    Aldersband,
    Band,
)
from socialtjanst_variabler.statistik.databas import (
    INSTALLERA,
    SaknatTillagg,
    Tabeller,
    bygg_tabeller,
    kor_rapport,
)
from socialtjanst_variabler.statistik.rapporter import RAPPORTER, sql
from socialtjanst_variabler.statistik.resultat import (
    STANDARDMASKERING,
    Cell,
    Kolumn,
    Maskering,
    Period,
    Rapport,
    Slag,
    Status,
    Tabell,
)
from socialtjanst_variabler.statistik.tabeller import TABELLER

__all__ = [
    "ALDRE",
    "BARN_OCH_UNGA",
    "EKONOMISKT_BISTAND",
    "INSTALLERA",
    "RAPPORTER",
    "STANDARD",
    "TABELLNAMN",
    "VUXNA_MISSBRUK",
    "Aldersband",
    "Band",
    "Cell",
    "Kolumn",
    "Maskering",
    "Period",
    "Rapport",
    "SaknatTillagg",
    "Slag",
    "Status",
    "Tabell",
    "Tabeller",
    "bygg_tabeller",
    "kor_rapport",
    "rapport",
    "sql",
]

#: The analysis tables' names, in load order.
TABELLNAMN: tuple[str, ...] = tuple(t.namn for t in TABELLER)


def rapport(
    id: str,
    tabeller: Tabeller,
    *,
    period: Period,
    maskering: Maskering = STANDARDMASKERING,
    omaskerad: bool = False,
) -> Rapport:
    """Report *id* (``"R1"`` … ``"R14"``) for *period* on built *tabeller*.

    Masked with *maskering* unless *omaskerad* (for the municipality's own use only; every
    table then says so).
    """
    return tabeller.rapport(id, period=period, maskering=maskering, omaskerad=omaskerad)
