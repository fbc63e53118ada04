"""The base class of every value set (värdemängd)."""

from __future__ import annotations

import enum
import unicodedata
from functools import cache
from typing import NoReturn, Self

from socialtjanst_variabler.errata import VARDEMANGD_ERRATA
from socialtjanst_variabler.errors import InvalidCode

__all__ = ["Vardemangd"]


class Vardemangd(enum.IntEnum):
    """Base of every value set: a stable integer code and the spec's exact Swedish label.

    A member is an :class:`int` (its code), so it stores, compares and serializes as the
    code, and it carries ``label`` (the spec's text, errata applied), ``definition``
    (optional explanatory text) and ``retired`` (a code the spec withdrew stays, marked).
    """

    _value_: int
    label: str
    definition: str | None
    retired: bool

    def __new__(
        cls,
        kod: int,
        label: str = "",
        definition: str | None = None,
        retired: bool = False,
    ) -> Self:
        # The default exists only so that ``Hushallstyp(2)`` type-checks (mypy #10573);
        # a member defined without a label fails here, at import.
        if not label:
            raise TypeError(f"{cls.__name__}: code {kod} has no label")
        member = int.__new__(cls, kod)
        member._value_ = kod
        member.label = label
        member.definition = definition
        member.retired = retired
        return member

    @classmethod
    def _missing_(cls, value: object) -> NoReturn:
        raise InvalidCode(cls, value)

    @classmethod
    def from_code(cls, kod: object) -> Self:
        """Return the member with code *kod*, which must be a real :class:`int`.

        ``True``, ``2.0`` and ``"2"`` are refused: the standard ``Cls(value)`` accepts
        the first two, which would let a wrong type slip through untrusted input.

        Raises:
            InvalidCode: *kod* is not an int, or not a code of this value set.
        """
        if isinstance(kod, cls):
            return kod
        if type(kod) is int:
            member = cls._value2member_map_.get(kod)
            if member is not None:
                return member  # type: ignore[return-value]
        raise InvalidCode(cls, kod)

    @classmethod
    def from_label(cls, label: object) -> Self:
        """Return the member whose label is *label*, exactly (after Unicode NFC).

        The original spelling of a corrected erratum is accepted too
        (see :mod:`socialtjanst_variabler.errata`).

        Raises:
            InvalidCode: no member has this label.
        """
        if isinstance(label, str):
            member = _labels(cls).get(unicodedata.normalize("NFC", label))
            if member is not None:
                return member  # type: ignore[return-value]
        raise InvalidCode(cls, label)

    @classmethod
    def choices(cls) -> list[tuple[int, str]]:
        """``(code, label)`` pairs in code order, for a dropdown or a database table."""
        return [(m.value, m.label) for m in cls]


@cache
def _labels(cls: type[Vardemangd]) -> dict[str, Vardemangd]:
    table: dict[str, Vardemangd] = {m.label: m for m in cls}
    for erratum in VARDEMANGD_ERRATA:
        if erratum.vardemangd == cls.__name__:
            table[erratum.original] = cls.from_code(erratum.kod)
    return table
