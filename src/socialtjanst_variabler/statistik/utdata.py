"""Rendering reports: a terminal table, CSV (plain or Swedish Excel) and xlsx.

Values are formatted the Swedish way in text and Excel CSV (decimal comma); a masked cell
shows ``..`` and a cell that does not apply ``.``; the suppression rule (or the warning
that the output is unmasked) is printed under every table.

Example:
    >>> from socialtjanst_variabler.statistik.resultat import Cell, Kolumn, Slag, Tabell
    >>> t = Tabell("Exempel", (Kolumn("rad", "Grupp", Slag.TEXT),
    ...     Kolumn("andel", "Andel (%)", Slag.ANDEL)), ((Cell("A"), Cell(12.345)),))
    >>> print(tabell_text(t))
    Exempel
    Grupp  Andel (%)
    A           12,3
    OMASKERAD: endast för kommunens eget bruk, får inte publiceras.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from socialtjanst_variabler.statistik.resultat import Cell, Kolumn, Rapport, Slag, Status, Tabell

__all__ = ["SYMBOLER", "csv_text", "rapport_text", "tabell_text", "varde_text", "xlsx"]

#: The symbols of a cell's status, explained (printed in xlsx and the docs).
SYMBOLER: tuple[tuple[str, str], ...] = (
    ("..", "Maskerat: värdet döljs för att ingen enskild ska kunna identifieras."),
    (".", "Ej tillämpligt: inget att räkna (till exempel en andel av noll)."),
    ("0", "Noll: inga enheter."),
)


def varde_text(k: Kolumn, c: Cell, decimaltecken: str = ",") -> str:
    """The cell as text: ``..``, ``.``, an integer, or one decimal for shares and days."""
    if c.status is not Status.OK or c.varde is None:
        return c.status.value or "."
    v = c.varde
    if isinstance(v, str):
        return v
    if k.slag is Slag.ANTAL:
        return str(int(v))
    return f"{v:.1f}".replace(".", decimaltecken)


#: The widest label in text output; longer ones (a few insatstyper) end in "…".
TEXTBREDD = 48


def _kort(text: str) -> str:
    return text if len(text) <= TEXTBREDD else text[: TEXTBREDD - 1] + "…"


def tabell_text(t: Tabell) -> str:
    """The table as aligned text, its notes under it (long labels shortened)."""
    rubriker = [k.rubrik for k in t.kolumner]
    rader = [[_kort(varde_text(k, c)) for k, c in zip(t.kolumner, r, strict=True)] for r in t.rader]
    bredd = [max(len(x) for x in kol) for kol in zip(rubriker, *rader, strict=True)]

    def rad(celler: Sequence[str]) -> str:
        delar = [
            c.ljust(b) if k.slag is Slag.TEXT else c.rjust(b)
            for c, b, k in zip(celler, bredd, t.kolumner, strict=True)
        ]
        return "  ".join(delar).rstrip()

    ut = [t.rubrik, rad(rubriker), *(rad(r) for r in rader), *t.noter]
    return "\n".join(ut)


def _uteslutna(r: Rapport) -> str:
    delar = ", ".join(f"{orsak}: {n}" for orsak, n in r.uteslutna) or "inga"
    return f"Uteslutna rader: {delar}"


def rapport_text(r: Rapport) -> str:
    """The whole report as text."""
    huvud = [
        f"{r.id} {r.titel}",
        f"Fråga: {r.fraga}",
        f"Period: {r.period}; enhet: {r.enhet}",
        _uteslutna(r),
    ]
    if not r.maskerad:
        huvud.append("OMASKERAD UTDATA: endast för kommunens eget bruk.")
    return "\n".join(huvud) + "\n\n" + "\n\n".join(tabell_text(t) for t in r.tabeller) + "\n"


def csv_text(rapporter: Iterable[Rapport], *, excel: bool = False) -> str:
    """Every cell as one tidy row: rapport, period, tabell, rad, kolumn, varde, status.

    With *excel*: ``;``, decimal comma and a byte-order mark, as Swedish Excel opens it;
    otherwise RFC 4180 (comma, decimal point). The notes of each table follow as rows
    whose kolumn is ``anmärkning``.
    """
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=";" if excel else ",", lineterminator="\r\n")
    w.writerow(["rapport", "period", "tabell", "rad", "kolumn", "varde", "status"])
    decimal = "," if excel else "."
    for r in rapporter:
        for t in r.tabeller:
            for rad in t.rader:
                for k, c in zip(t.kolumner[1:], rad[1:], strict=True):
                    varde = "" if c.status is not Status.OK else varde_text(k, c, decimal)
                    w.writerow(
                        [
                            r.id,
                            str(r.period),
                            t.rubrik,
                            rad[0].varde,
                            k.rubrik,
                            varde,
                            c.status.value,
                        ]
                    )
            for not_ in t.noter:
                w.writerow([r.id, str(r.period), t.rubrik, "", "anmärkning", not_, ""])
    return ("\ufeff" if excel else "") + buf.getvalue()


def _xlsx_cell(blad: Any, plats: tuple[int, int], k: Kolumn, c: Cell, tal: Any) -> None:
    rad, j = plats
    if c.status is not Status.OK or c.varde is None:
        blad.write_string(rad, j, c.status.value or ".")
    elif isinstance(c.varde, str):
        blad.write_string(rad, j, c.varde)
    elif k.slag is Slag.ANTAL:
        blad.write_number(rad, j, c.varde)
    else:
        blad.write_number(rad, j, c.varde, tal)


def xlsx(rapporter: Sequence[Rapport], fil: str | Path) -> None:
    """Write an Excel workbook: one sheet per report and a sheet explaining the symbols."""
    from socialtjanst_variabler.statistik.databas import INSTALLERA, SaknatTillagg

    try:
        import xlsxwriter
    except ImportError:
        raise SaknatTillagg(
            f"xlsx behöver XlsxWriter, som inte är installerat: {INSTALLERA}"
        ) from None
    bok = xlsxwriter.Workbook(str(fil))
    fet = bok.add_format({"bold": True})
    rubrik = bok.add_format({"bold": True, "font_size": 14})
    tal = bok.add_format({"num_format": "0.0"})
    for r in rapporter:
        blad = bok.add_worksheet(r.id)
        blad.set_column(0, 0, 45)
        blad.set_column(1, 60, 12)
        blad.write(0, 0, f"{r.id} {r.titel}", rubrik)
        blad.write(1, 0, f"Fråga: {r.fraga}")
        blad.write(2, 0, f"Period: {r.period}; enhet: {r.enhet}")
        blad.write(3, 0, _uteslutna(r))
        rad = 5
        for t in r.tabeller:
            blad.write(rad, 0, t.rubrik, fet)
            rad += 1
            for j, k in enumerate(t.kolumner):
                blad.write(rad, j, k.rubrik, fet)
            rad += 1
            for celler in t.rader:
                for j, (k, c) in enumerate(zip(t.kolumner, celler, strict=True)):
                    _xlsx_cell(blad, (rad, j), k, c, tal)
                rad += 1
            for not_ in t.noter:
                blad.write_string(rad, 0, not_)
                rad += 1
            rad += 1
    blad = bok.add_worksheet("Symboler")
    blad.set_column(0, 0, 10)
    blad.set_column(1, 1, 90)
    blad.write(0, 0, "Symbol", fet)
    blad.write(0, 1, "Betydelse", fet)
    for i, (symbol, text) in enumerate(SYMBOLER, start=1):
        blad.write_string(i, 0, symbol)
        blad.write_string(i, 1, text)
    for r in rapporter[:1]:
        blad.write_string(len(SYMBOLER) + 2, 1, r.tabeller[0].noter[-1])
    try:
        bok.close()
    except xlsxwriter.exceptions.FileCreateError as exc:
        raise exc.args[0] from None  # the OSError it wraps
