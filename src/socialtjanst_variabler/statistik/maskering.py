"""Small-number suppression (röjandekontroll), applied after computing.

:func:`maskera` returns a copy of a table in which every cell the rule hides has status
``..`` and no value: counts of 1–4, shares with a small denominator or a small numerator
(or a small remainder), duration statistics with n below 10, and secondary cells
wherever one masked cell could be recovered from a total
(:attr:`~socialtjanst_variabler.statistik.resultat.Tabell.relationer`).

Example:
    >>> from socialtjanst_variabler.statistik.resultat import Cell, Kolumn, Slag, Tabell
    >>> k = (Kolumn("a", "A", Slag.ANTAL), Kolumn("b", "B", Slag.ANTAL),
    ...      Kolumn("c", "C", Slag.ANTAL), Kolumn("s", "Summa", Slag.ANTAL))
    >>> t = Tabell("T", k, ((Cell(3), Cell(20), Cell(30), Cell(53)),),
    ...            relationer=(((0, 0, 1), (0, 1, 1), (0, 2, 1), (0, 3, -1)),))
    >>> [c.status.value for c in maskera(t, Maskering()).rader[0]]
    ['..', '..', '', '']
"""

from __future__ import annotations

import attrs

from socialtjanst_variabler.statistik.resultat import Cell, Maskering, Slag, Status, Tabell

__all__ = ["Maskering", "maskera"]


def _dold(c: Cell) -> Cell:
    return Cell(None, Status.MASKERAD)


def _primar(slag: Slag, c: Cell, m: Maskering) -> bool:
    if c.status is not Status.OK or c.varde is None:
        return False
    if slag is Slag.ANTAL:
        return isinstance(c.varde, int) and 0 < c.varde < m.minsta_antal
    if slag is Slag.ANDEL:
        n, t = c.namnare or 0, c.taljare or 0
        return n < m.minsta_namnare or 0 < t < m.minsta_antal or 0 < n - t < m.minsta_antal
    if slag is Slag.DAGAR:
        return (c.namnare or 0) < m.minsta_n
    return False


def maskera(t: Tabell, m: Maskering) -> Tabell:
    """The table *t* with the rule *m* applied (and recorded in the table)."""
    slag = [k.slag for k in t.kolumner]
    rader = [list(r) for r in t.rader]
    for rad in rader:
        for j, c in enumerate(rad):
            if _primar(slag[j], c, m):
                rad[j] = _dold(c)
    if m.sekundar:
        _sekundar(t, rader)
    # A derived cell (share, index, mean) is hidden with the count it comes from.
    # In column order, so that a difference of two shares follows its shares.
    for j, k in enumerate(t.kolumner):
        kallor = [t.index(x) for x in k.kallor]
        for rad in rader:
            dold = any(rad[x].status is Status.MASKERAD for x in kallor)
            if dold and rad[j].status is Status.OK:
                rad[j] = _dold(rad[j])
    return attrs.evolve(t, rader=tuple(tuple(r) for r in rader), maskering=m)


def _sekundar(t: Tabell, rader: list[list[Cell]]) -> None:
    """Until no relation has exactly one masked cell, mask its smallest other cell."""
    andrat = True
    while andrat:
        andrat = False
        for relation in t.relationer:
            dolda = [(i, j) for i, j, _ in relation if rader[i][j].status is Status.MASKERAD]
            if len(dolda) != 1:
                continue
            # The smallest non-zero visible cell; zeros only when nothing else is left.
            kandidater = sorted(
                (
                    (rader[i][j].varde == 0, rader[i][j].varde, i, j)
                    for i, j, _ in relation
                    if rader[i][j].status is Status.OK and isinstance(rader[i][j].varde, int)
                ),
            )
            if not kandidater:  # pragma: no cover - a relation always has a visible cell
                continue
            _, _, i, j = kandidater[0]
            rader[i][j] = _dold(rader[i][j])
            andrat = True
