"""Hypothesis strategies for vendors who property-test their own systems.

Needs the optional extra: ``pip install socialtjanst-variabler[testing]`` (it imports
``hypothesis``, which the library itself never does).

Example:
    >>> from hypothesis import given
    >>> from socialtjanst_variabler import strategies
    >>> @given(strategies.personnummer(samordningsnummer=False))
    ... def test_roundtrip(p):
    ...     assert Personnummer.parse(str(p)) == p
    >>> test_roundtrip()
"""

from __future__ import annotations

from datetime import date

from hypothesis import strategies as st

from socialtjanst_variabler.personnummer import Personnummer
from socialtjanst_variabler.vardemangder.bakgrund import JuridisktKon

__all__ = ["personnummer"]

#: The earliest birth date in Skatteverket's test personnummer.
_TIDIGAST: date = date(1890, 1, 1)


def _kontrollsiffra(nio: str) -> int:
    """The Luhn check digit of nine digits, written plainly (the parser's is table-driven).

    >>> _kontrollsiffra("121212121")
    2
    """
    summa = 0
    for plats, siffra in enumerate(nio):
        varde = int(siffra) * (2 - plats % 2)
        summa += varde - 9 if varde > 9 else varde
    return -summa % 10


def personnummer(
    *,
    samordningsnummer: bool | None = None,
    juridiskt_kon: JuridisktKon | None = None,
    min_fodelsedatum: date = _TIDIGAST,
    max_fodelsedatum: date | None = None,
) -> st.SearchStrategy[Personnummer]:
    """Valid personnummer and samordningsnummer, as ``Personnummer`` objects.

    Args:
        samordningsnummer: only samordningsnummer (True), only personnummer (False) or
            both (None, the default).
        juridiskt_kon: only numbers with this juridiskt kön (default: both).
        min_fodelsedatum: the earliest birth date (default 1890-01-01, the earliest in
            Skatteverket's test numbers).
        max_fodelsedatum: the latest birth date (default: today, when the strategy is
            created, so every number is valid with the default reference date).

    Serials run over 001–999; the birth date, serial and kind shrink towards simple
    values.
    """
    senast = date.today() if max_fodelsedatum is None else max_fodelsedatum
    sorter = st.booleans() if samordningsnummer is None else st.just(samordningsnummer)
    # The 9th digit of the 10-digit form is the serial's last digit: odd is Man.
    if juridiskt_kon is None:
        nummer = st.integers(1, 999)
    elif juridiskt_kon is JuridisktKon.POJKE_MAN:
        nummer = st.integers(0, 499).map(lambda n: 2 * n + 1)
    else:
        nummer = st.integers(1, 499).map(lambda n: 2 * n)

    def bygg(fodd: date, samordning: bool, serie: int) -> Personnummer:
        dag = fodd.day + 60 if samordning else fodd.day
        nio = f"{fodd.year % 100:02d}{fodd.month:02d}{dag:02d}{serie:03d}"
        text = f"{fodd.year // 100:02d}{nio}{_kontrollsiffra(nio)}"
        return Personnummer.parse(text, referensdatum=senast)

    return st.builds(bygg, st.dates(min_fodelsedatum, senast), sorter, nummer)
