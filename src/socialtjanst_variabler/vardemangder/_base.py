"""The base class of every value set (värdemängd)."""

from __future__ import annotations

import enum
import re
import unicodedata
from functools import cache
from typing import NoReturn, Self

from socialtjanst_variabler.errata import VARDEMANGD_ERRATA
from socialtjanst_variabler.errors import InvalidCode, InvalidCodeType

__all__ = ["Vardemangd"]

# What parse reads: an ASCII code without leading zeros, white space around it. Short:
# no value set has a code past six digits.
_KODTEXT = re.compile(r"[ \t\r\n]*([1-9][0-9]{0,5})[ \t\r\n]*", re.ASCII)
_LANGSTA_TEXT = 64
# Longer than any label (the longest is under 200 characters; a test holds it).
_LANGSTA_ETIKETT = 400
_VANTAT_KOD = "en kod är ett heltal (int); text från ett formulär läses med {cls}.parse"


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
        if type(value) is int:
            raise InvalidCode(cls, value)
        raise InvalidCodeType(cls, value, _VANTAT_KOD.format(cls=cls.__name__))

    @classmethod
    def from_code(cls, kod: object) -> Self:
        """Return the member with code *kod*, which must be a real :class:`int`.

        ``True``, ``2.0`` and ``"2"`` are refused: the standard ``Cls(value)`` accepts
        the first two, which would let a wrong type slip through untrusted input. Text
        from a form or a file goes through :meth:`parse`.

        Raises:
            InvalidCodeType: *kod* is not an int (a :class:`TypeError` too).
            InvalidCode: *kod* is an int but not a code of this value set.

        Example:
            >>> from socialtjanst_variabler import Ursprung
            >>> Ursprung.from_code("2")
            Traceback (most recent call last):
            ...
            socialtjanst_variabler.errors.InvalidCodeType: '2' har fel typ för värdemängden \
Ursprung: en kod är ett heltal (int); text från ett formulär läses med Ursprung.parse
            >>> Ursprung.from_code(9)
            Traceback (most recent call last):
            ...
            socialtjanst_variabler.errors.InvalidCode: 9 är inte en kod i värdemängden \
Ursprung (giltiga koder: 1–5)
        """
        if isinstance(kod, cls):
            return kod
        if type(kod) is int:
            member = cls._value2member_map_.get(kod)
            if member is not None:
                return member  # type: ignore[return-value]
            raise InvalidCode(cls, kod)
        raise InvalidCodeType(cls, kod, _VANTAT_KOD.format(cls=cls.__name__))

    @classmethod
    def from_label(cls, label: object) -> Self:
        """Return the member whose label is *label*, exactly (after Unicode NFC).

        The original spelling of a corrected erratum is accepted too
        (see :mod:`socialtjanst_variabler.errata`).

        Raises:
            InvalidCodeType: *label* is not a string (a :class:`TypeError` too).
            InvalidCode: no member has this label.
        """
        if not isinstance(label, str):
            raise InvalidCodeType(cls, label, "en etikett är en sträng (str)")
        # Longer than every label: refused before NFC, whose work grows with the text.
        if str.__len__(label) <= _LANGSTA_ETIKETT:
            member = _labels(cls).get(unicodedata.normalize("NFC", label))
            if member is not None:
                return member  # type: ignore[return-value]
        raise InvalidCode(cls, label)

    @classmethod
    def parse(cls, text: object) -> Self:
        """The member whose code *text* writes: strict reading of untrusted text.

        For a value posted by a web form or read from a file. Accepted: the code in ASCII
        digits ``0-9`` with no leading zero, with white space (space, tab, CR, LF) around
        it and nothing else. Refused, unlike ``int()``: a sign (``"+2"``), an underscore
        (``"2_3"``), other scripts' digits (``"٢٣"``), a decimal point (``"2.0"``), an
        empty text, and leading zeros (``"023"``): one code has one text, the one
        :meth:`format` writes, so a form posts back exactly what it was given. A text
        longer than 64 characters is refused before it is read.

        Raises:
            InvalidCodeType: *text* is not a string (a :class:`TypeError` too).
            InvalidCode: *text* does not write a code of this value set.

        Example:
            >>> from socialtjanst_variabler import Ursprung
            >>> Ursprung.parse(" 2\\n").label
            'Född i Sverige, med båda föräldrarna födda utomlands'
            >>> Ursprung.parse("٢")
            Traceback (most recent call last):
            ...
            socialtjanst_variabler.errors.InvalidCode: '٢' är inte en kod i värdemängden \
Ursprung (giltiga koder: 1–5)
        """
        if not isinstance(text, str):
            raise InvalidCodeType(cls, text, "parse läser text (str); en int går till from_code")
        if str.__len__(text) <= _LANGSTA_TEXT:
            found = _KODTEXT.fullmatch(text)
            if found is not None:
                member = cls._value2member_map_.get(int(found[1]))
                if member is not None:
                    return member  # type: ignore[return-value]
        raise InvalidCode(cls, text)

    def format(self) -> str:
        """The code as text, as :meth:`parse` reads it back: ``"2"``.

        Example:
            >>> from socialtjanst_variabler import Ursprung
            >>> Ursprung.VET_INTE.format()
            '5'
        """
        return str(self._value_)

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
