"""Typed results: what a report returns, for a vendor to render in its own product.

A :class:`Rapport` holds one or more :class:`Tabell`; a table has typed columns
(:class:`Kolumn`) and rows of :class:`Cell`, each with a value and a status (``""``,
``..`` masked, ``.`` not applicable, as Kolumn and JSON-stat do). The suppression rule
that was applied travels with the table (:attr:`Tabell.maskering`; None: unmasked).

Example:
    >>> t = Tabell(
    ...     rubrik="Exempel",
    ...     kolumner=(Kolumn("grupp", "Grupp", Slag.TEXT), Kolumn("n", "Antal", Slag.ANTAL)),
    ...     rader=((Cell("A"), Cell(3)), (Cell("B"), Cell(12))),
    ... )
    >>> t.cell(1, "n").varde
    12
"""

from __future__ import annotations

import enum
from datetime import date

import attrs

__all__ = ["Cell", "Kolumn", "Maskering", "Period", "Rapport", "Slag", "Status", "Tabell"]


class Status(enum.StrEnum):
    """A cell's status, as Kolada and JSON-stat mark it."""

    OK = ""
    MASKERAD = ".."
    EJ_TILLAMPLIG = "."


class Slag(enum.StrEnum):
    """What a column holds, which decides how it is masked and rendered."""

    TEXT = "text"
    ANTAL = "antal"  # a count of units
    ANDEL = "andel"  # a share in percent (numerator and denominator in the cell)
    DAGAR = "dagar"  # a duration statistic in days (n in the cell)
    TAL = "tal"  # another number (an index, a mean) derived from a count


@attrs.frozen
class Kolumn:
    """A column: its key, its Swedish heading and its kind.

    Attributes:
        kallor: for a share, index, mean or difference: the columns of the same row it is
            derived from (it is masked when any of them is).
    """

    namn: str
    rubrik: str
    slag: Slag
    kallor: tuple[str, ...] = ()


@attrs.frozen
class Cell:
    """One value with its status; shares carry numerator and denominator, durations n."""

    varde: int | float | str | None
    status: Status = Status.OK
    taljare: int | None = None
    namnare: int | None = None


@attrs.frozen
class Maskering:
    """The small-number rule (röjandekontroll); its parameters travel with every table.

    Attributes:
        minsta_antal: a count from 1 to ``minsta_antal - 1`` is masked (0 stays 0).
        minsta_namnare: a share whose denominator is below this is masked.
        minsta_n: a median, quartile, minimum or maximum with n below this is masked.
        sekundar: mask a second cell wherever one masked cell could be recovered from a
            row or column total.
    """

    minsta_antal: int = 5
    minsta_namnare: int = 10
    minsta_n: int = 10
    sekundar: bool = True

    def beskrivning(self) -> str:
        """The rule in Swedish, printed under every table."""
        text = (
            f"Röjandekontroll: antal 1–{self.minsta_antal - 1} visas som ”..”; "
            f"andelar visas som ”..” när nämnaren är under {self.minsta_namnare} eller "
            f"täljaren eller nämnaren minus täljaren är 1–{self.minsta_antal - 1}; "
            f"median, kvartiler, min och max visas som ”..” när n är under {self.minsta_n}"
        )
        if self.sekundar:
            text += "; ytterligare celler döljs där en dold cell annars kunde räknas fram ur "
            text += "en summa"
        return text + ". ”.” betyder ej tillämpligt."


#: The default rule.
STANDARDMASKERING = Maskering()

OMASKERAD_TEXT = "OMASKERAD: endast för kommunens eget bruk, får inte publiceras."


@attrs.frozen
class Tabell:
    """A table of a report.

    Attributes:
        relationer: the additive relations between count cells (a row or column total,
            the stock identity): each a tuple of ``(rad, kolumn, tecken)`` whose signed sum
            is zero. Suppression keeps every relation at zero or at least two masked cells.
        maskering: the rule applied; None when the table is unmasked (and says so).
    """

    rubrik: str
    kolumner: tuple[Kolumn, ...]
    rader: tuple[tuple[Cell, ...], ...]
    relationer: tuple[tuple[tuple[int, int, int], ...], ...] = ()
    fotnoter: tuple[str, ...] = ()
    maskering: Maskering | None = None

    def index(self, kolumn: str) -> int:
        """The position of the column named *kolumn*."""
        for i, k in enumerate(self.kolumner):
            if k.namn == kolumn:
                return i
        raise KeyError(kolumn)

    def cell(self, rad: int, kolumn: str) -> Cell:
        """The cell in row *rad* of the column named *kolumn*."""
        return self.rader[rad][self.index(kolumn)]

    @property
    def noter(self) -> tuple[str, ...]:
        """The footnotes, then the suppression rule (or the unmasked warning)."""
        regel = OMASKERAD_TEXT if self.maskering is None else self.maskering.beskrivning()
        return (*self.fotnoter, regel)


@attrs.frozen
class Period:
    """A closed period [fran, till].

    Example:
        >>> Period.ar(2025)
        Period(fran=datetime.date(2025, 1, 1), till=datetime.date(2025, 12, 31))
        >>> str(Period.kvartal(2025, 2))
        '2025-04-01–2025-06-30'
    """

    fran: date
    till: date = attrs.field()

    @till.validator
    def _efter(self, _: object, till: date) -> None:
        if till < self.fran:
            from socialtjanst_variabler.errors import ValidationError

            raise ValidationError("period: till ska vara samma dag som eller efter fran")

    @classmethod
    def ar(cls, ar: int) -> Period:
        """A calendar year."""
        return cls(date(ar, 1, 1), date(ar, 12, 31))

    @classmethod
    def kvartal(cls, ar: int, kvartal: int) -> Period:
        """A quarter (1–4)."""
        import calendar

        manad = 3 * kvartal
        return cls(date(ar, manad - 2, 1), date(ar, manad, calendar.monthrange(ar, manad)[1]))

    @classmethod
    def manad(cls, ar: int, manad: int) -> Period:
        """A calendar month."""
        import calendar

        return cls(date(ar, manad, 1), date(ar, manad, calendar.monthrange(ar, manad)[1]))

    def __str__(self) -> str:
        return f"{self.fran.isoformat()}–{self.till.isoformat()}"


@attrs.frozen
class Rapport:
    """One reference report for one period.

    Attributes:
        id: ``R1`` … ``R14``.
        enhet: the unit counted (ärende, insats, uppföljning, person).
        uteslutna: lines or ärenden the tables left out, and why, as ``(orsak, antal)``.
        maskerad: False when the tables are unmasked (each table says so too).
    """

    id: str
    titel: str
    fraga: str
    enhet: str
    period: Period
    tabeller: tuple[Tabell, ...]
    uteslutna: tuple[tuple[str, int], ...] = ()
    maskerad: bool = True
