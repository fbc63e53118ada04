"""Sphinx directives for the statistics pages, rendered from the code.

- ``.. statistiktabeller::``   the analysis tables, column by column (``#tabell-<namn>``);
- ``.. statistikrapport:: R1`` the report's unit and question, and its tables computed on
                               the example extract (masked), so the page cannot drift.
"""

from __future__ import annotations

from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from docutils import nodes
from spec_tables import _table
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from socialtjanst_variabler import statistik
from socialtjanst_variabler.statistik.resultat import Slag
from socialtjanst_variabler.statistik.tabeller import TABELLER
from socialtjanst_variabler.statistik.utdata import varde_text

EXEMPEL = Path(__file__).resolve().parents[2] / "examples" / "arenden.jsonl"
#: The review date and period of the examples on the report pages.
VID = date(2026, 11, 22)
PERIOD = statistik.Period.ar(2025)


@cache
def _tabeller() -> statistik.Tabeller:
    return statistik.bygg_tabeller(str(EXEMPEL), vid=VID)


class StatistiktabellerDirective(SphinxDirective):
    def run(self) -> list[nodes.Node]:
        ut: list[nodes.Node] = []
        for t in TABELLER:
            section = nodes.section(ids=[f"tabell-{t.namn}"], names=[f"tabell-{t.namn}"])
            section += nodes.title(text=f"{t.namn}")
            section += nodes.paragraph(text=f"En rad per {t.rad}.")
            rader = [(k.namn, k.typ.value, k.beskrivning) for k in t.kolumner]
            section += _table(["Kolumn", "Typ", "Innehåll"], rader)
            self.state.document.note_explicit_target(section)
            ut.append(section)
        return ut


class StatistikrapportDirective(SphinxDirective):
    required_arguments = 1

    def run(self) -> list[nodes.Node]:
        id = self.arguments[0]
        rdef = statistik.RAPPORTER[id]
        r = _tabeller().rapport(id, period=PERIOD)
        ut: list[nodes.Node] = [
            nodes.paragraph(text=f"Enhet: {rdef.enhet}. Exempel: exempeluttaget, period {PERIOD}.")
        ]
        for t in r.tabeller:
            ut.append(nodes.rubric(text=t.rubrik))
            rader = []
            for rad in t.rader:
                celler = [varde_text(k, c) for k, c in zip(t.kolumner, rad, strict=True)]
                antal = [
                    c for k, c in zip(t.kolumner, celler, strict=True) if k.slag is not Slag.TEXT
                ]
                if any(c not in ("0", ".") for c in antal):
                    rader.append(celler)
            if not rader:
                ut.append(nodes.paragraph(text="Inga enheter i exemplet."))
            else:
                ut.append(_table([k.rubrik for k in t.kolumner], rader))
            for not_ in (*t.fotnoter, "Rader med bara nollor är utelämnade här."):
                ut.append(nodes.paragraph(text=not_))
        ut.append(nodes.paragraph(text=r.tabeller[0].noter[-1]))
        return ut


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_directive("statistiktabeller", StatistiktabellerDirective)
    app.add_directive("statistikrapport", StatistikrapportDirective)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
