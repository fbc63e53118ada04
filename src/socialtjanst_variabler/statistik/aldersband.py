"""Age bands: the default aggregates exactly into Socialstyrelsen's official ones.

Example:
    >>> STANDARD.band(17, 17), STANDARD.band(17, 18), STANDARD.band(95, 95)
    ('15–17', 'okänd', '90+')
    >>> [b.etikett for b in BARN_OCH_UNGA.band_][:3]
    ['0–3', '4–6', '7–9']
"""

from __future__ import annotations

import itertools

import attrs

from socialtjanst_variabler.errors import ValidationError

__all__ = [
    "ALDRE",
    "BARN_OCH_UNGA",
    "EKONOMISKT_BISTAND",
    "OKAND",
    "STANDARD",
    "VUXNA_MISSBRUK",
    "Aldersband",
    "Band",
]


#: The band of an age that is unknown or spans two bands (the SQL of R2 uses it too).
OKAND = "okänd"


@attrs.frozen
class Band:
    """Ages *fran* to *till* inclusive (*till* None: open upwards)."""

    fran: int
    till: int | None

    @property
    def etikett(self) -> str:
        """``18–20`` or ``90+``."""
        return f"{self.fran}+" if self.till is None else f"{self.fran}–{self.till}"

    def __contains__(self, alder: int) -> bool:
        return self.fran <= alder and (self.till is None or alder <= self.till)


def _kontrollera(_: object, __: object, band: tuple[Band, ...]) -> None:
    if not band:
        raise ValidationError("aldersband: minst ett band behövs")
    for a, b in itertools.pairwise(band):
        if a.till is None or b.fran <= a.till:
            raise ValidationError("aldersband: banden ska vara stigande och inte överlappa")
    for b in band:
        if b.fran < 0 or (b.till is not None and b.till < b.fran):
            raise ValidationError(f"aldersband: ogiltigt band {b.fran}–{b.till}")


@attrs.frozen
class Aldersband:
    """A set of age bands; an age outside every band, or unsettled, is ``okand``."""

    band_: tuple[Band, ...] = attrs.field(validator=_kontrollera)
    okand: str = attrs.field(default=OKAND, init=False)
    # The label of every age up to the last band's start, for a lookup without a scan.
    _tabell: tuple[str, ...] = attrs.field(init=False, repr=False, eq=False)

    @_tabell.default
    def _bygg_tabell(self) -> tuple[str, ...]:
        if not self.band_:
            return ()  # refused by the validator, which runs next
        sista = self.band_[-1]
        hogst = sista.fran if sista.till is None else sista.till + 1
        return tuple(
            next((b.etikett for b in self.band_ if ar in b), self.okand) for ar in range(hogst + 1)
        )

    @classmethod
    def av(cls, *granser: tuple[int, int | None]) -> Aldersband:
        """Bands from ``(fran, till)`` pairs.

        Example:
            >>> Aldersband.av((0, 17), (18, None)).band(40, 40)
            '18+'
        """
        return cls(tuple(Band(f, t) for f, t in granser))

    def band(self, lag: int, hog: int) -> str:
        """The band of an age known to lie in [*lag*, *hog*]; ``okand`` if it spans two."""
        tabell = self._tabell
        sista = len(tabell) - 1
        etikett = tabell[min(lag, sista)] if lag >= 0 else self.okand
        if etikett != self.okand and etikett == tabell[min(hog, sista)]:
            return etikett
        return self.okand

    @property
    def etiketter(self) -> tuple[str, ...]:
        """Every label in order, ``okand`` last."""
        return (*(b.etikett for b in self.band_), self.okand)


#: The library's default, which aggregates into every official set below.
STANDARD = Aldersband.av(
    (0, 3), (4, 6), (7, 9), (10, 12), (13, 14), (15, 17), (18, 20), (21, 24), (25, 29),
    (30, 39), (40, 49), (50, 59), (60, 64), (65, 79), (80, 89), (90, None),
)  # fmt: skip
#: Socialstyrelsen, barn och unga (art.nr 2015-12-33).
BARN_OCH_UNGA = Aldersband.av((0, 3), (4, 6), (7, 9), (10, 12), (13, 14), (15, 17), (18, 20))
#: Socialstyrelsen's register of ekonomiskt bistånd.
EKONOMISKT_BISTAND = Aldersband.av(
    (0, 17), (18, 24), (25, 29), (30, 39), (40, 49), (50, 59), (60, 64), (65, 69), (70, None)
)
#: Vuxna med missbruk.
VUXNA_MISSBRUK = Aldersband.av(
    (18, 20), (21, 24), (25, 29), (30, 39), (40, 49), (50, 59), (60, 64), (65, None)
)
#: Äldre.
ALDRE = Aldersband.av((65, 79), (80, 89), (90, None))
