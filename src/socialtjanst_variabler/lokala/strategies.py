"""Hypothesis strategies for local values, for vendors who property-test their systems.

Needs the optional extra ``testing`` (it imports ``hypothesis``).

Example:
    >>> from hypothesis import given
    >>> from socialtjanst_variabler.lokala import Niva, exempel, las_definition
    >>> from socialtjanst_variabler.lokala.varden import las_lokala, register
    >>> fia = las_definition(exempel("fia"))
    >>> @given(lokala_varden(fia, Niva.ARENDE))
    ... def test_varden(data):
    ...     assert las_lokala(data, register([fia]), Niva.ARENDE).till_json() == data
    >>> test_varden()
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

import attrs
from hypothesis import strategies as st

from socialtjanst_variabler.arende.modell import Arende
from socialtjanst_variabler.katalog import Dataformat
from socialtjanst_variabler.lokala.definition import LokalVariabel, Niva, Utokning
from socialtjanst_variabler.lokala.varden import LokalaVarden, las_lokala, register

__all__ = ["arenden_med_lokala", "lokala_varden", "varde"]


def varde(v: LokalVariabel) -> st.SearchStrategy[Any]:
    """A valid JSON value for *v*: a code, a sorted list of codes, a date text or an int."""
    if v.vardemangd is not None:
        koder = [m.value for m in v.vardemangd]
        if v.flerval:
            return st.lists(st.sampled_from(koder), min_size=1, unique=True).map(sorted)
        return st.sampled_from(koder)
    if v.dataformat is Dataformat.DATUM:
        return st.dates(min_value=date(1900, 1, 1)).map(date.isoformat)
    return st.integers(
        min_value=v.minst if v.minst is not None else -(10**9),
        max_value=v.hogst if v.hogst is not None else 10**9,
    )


def lokala_varden(u: Utokning, niva: Niva) -> st.SearchStrategy[dict[str, Any]]:
    """The JSON ``lokala`` object of one level: any subset of *u*'s variables there."""
    variabler = u.variabler_pa(niva)
    return st.fixed_dictionaries({}, optional={v.nummer: varde(v) for v in variabler}).map(
        lambda d: {u.id: d} if d else {}
    )


@st.composite
def arenden_med_lokala(
    draw: st.DrawFn, utokningar: Sequence[Utokning], *, senast: date | None = None
) -> Arende:
    """Consistent ärenden (:func:`socialtjanst_variabler.strategies.arenden`) with valid
    local values of *utokningar* drawn at every level.

    Example:
        >>> from hypothesis import given
        >>> from socialtjanst_variabler import from_json, to_json
        >>> from socialtjanst_variabler.lokala import exempel, las_definition
        >>> fia = las_definition(exempel("fia"))
        >>> @given(arenden_med_lokala([fia], senast=date(2026, 1, 1)))
        ... def test_round_trip(a):
        ...     assert from_json(to_json(a), utokningar=[fia]) == a
        >>> test_round_trip()
    """
    from socialtjanst_variabler.strategies import arenden

    reg = register(utokningar)

    def lokala(niva: Niva) -> LokalaVarden:
        data: dict[str, Any] = {}
        for u in reg.values():
            data |= draw(lokala_varden(u, niva))
        return las_lokala(data, reg, niva)

    a: Arende = draw(arenden(senast=senast))
    insatser = tuple(
        attrs.evolve(
            i,
            lokala=lokala(Niva.INSATS),
            uppfoljningar=tuple(
                attrs.evolve(u, lokala=lokala(Niva.UPPFOLJNING)) for u in i.uppfoljningar
            ),
            avslut=None if i.avslut is None else attrs.evolve(i.avslut, lokala=lokala(Niva.AVSLUT)),
        )
        for i in a.insatser
    )
    return attrs.evolve(a, lokala=lokala(Niva.ARENDE), insatser=insatser)
