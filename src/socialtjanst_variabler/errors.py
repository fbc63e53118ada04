"""The exception hierarchy of socialtjanst_variabler.

Every error about bad *input* is a :class:`ValidationError`, a :class:`ValueError`
subclass, so ``except ValueError`` catches them all; each subclass names one rule, so a
vendor can route it. Looking up something that does not exist (a variable number) is a
:class:`LookupError` instead.

No message ever contains a full personnummer: where one is involved, the message names
the rule and at most the masked form ``ÅÅÅÅMMDD-****``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from socialtjanst_variabler.vardemangder import Vardemangd

__all__ = [
    "DateBeforeBirth",
    "FutureBirthDate",
    "IncompleteBirthDate",
    "InvalidChecksum",
    "InvalidCode",
    "InvalidDate",
    "InvalidFormat",
    "InvalidInterval",
    "InvalidJson",
    "InvalidPersonnummer",
    "InvalidPlacering",
    "InvalidReservnummer",
    "InvalidSerial",
    "InvalidType",
    "InvalidValue",
    "NotAPersonnummer",
    "UnknownVariable",
    "ValidationError",
]


# Anything shaped like a personnummer: 6 or 8 date digits (dashes allowed between year,
# month and day), one optional separator, then the last four digits. ``\d`` matches
# the digits of every script, since a number in Arabic-Indic digits is still a number.
_PNR_LIKE = re.compile(r"(?<!\d)(\d{2}(?:\d{2})?-?\d{2}-?\d{2})([\s+\-–_/.]?)\d{4}(?!\d)")


def mask(text: str) -> str:
    """*text* with the last four digits of anything like a personnummer hidden.

    Dates such as ``2026-01-31`` are left alone.

    Example:
        >>> mask("19121212-1212, 191212121212, 121212+1212, 19121212 1212, 2026-01-31")
        '19121212-****, 19121212****, 121212+****, 19121212 ****, 2026-01-31'
    """
    return _PNR_LIKE.sub(r"\1\2****", text)


def _shown(value: object) -> str:
    shown = repr(value)
    return mask(shown) if len(shown) <= 40 else f"ett värde av typen {type(value).__name__}"


class ValidationError(ValueError):
    """Root of every input error raised by this library."""

    message = "ogiltigt värde"

    def __init__(self, message: str | None = None) -> None:
        super().__init__(message or self.message)

    def __str__(self) -> str:
        return str(self.args[0])


class InvalidValue(ValidationError):
    """A field holds a value that breaks a rule of the model (field and rule named)."""

    def __init__(self, field: str, rule: str) -> None:
        self.field = field
        self.rule = rule
        super().__init__(f"{field}: {rule}")


class InvalidCode(ValidationError):
    """A code or label that is not a member of the value set.

    The message names the value set and its valid codes, never echoes a long input.
    """

    def __init__(self, vardemangd: type[Vardemangd], value: object) -> None:
        self.vardemangd = vardemangd
        self.value = value
        codes = [m.value for m in vardemangd]
        super().__init__(
            f"{_shown(value)} är inte en kod i värdemängden {vardemangd.__name__} "
            f"(giltiga koder: {codes[0]}–{codes[-1]})"
        )


class InvalidInterval(ValidationError):
    """A duration over an interval that runs backwards: its end lies before its start.

    Durations are never returned negative; ``granska`` reports the same dates as
    ``DATUMORDNING``, and statistics count such intervals apart.

    Attributes:
        start: the field path of the interval's start, e.g. ``aktualiseringsdatum``.
        slut: the field path of its end, e.g. ``insatser[0].beslutsdatum``.
    """

    def __init__(self, start: str, slut: str) -> None:
        self.start = start
        self.slut = slut
        super().__init__(f"{slut} ligger före {start}: ingen tid kan räknas")


class InvalidJson(ValidationError):
    """JSON that is not a valid ärende; ``problems`` lists each problem with its path.

    Each problem reads ``<what is wrong> @ $.insatser[0].beslutsdatum``.
    """

    def __init__(self, problems: Iterable[str]) -> None:
        self.problems = tuple(mask(p) for p in problems)
        super().__init__("ogiltigt ärende: " + "; ".join(self.problems))


class UnknownVariable(LookupError):
    """No variable of the catalog has this number."""


# --- personnummer -----------------------------------------------------------------------


class InvalidPersonnummer(ValidationError):
    """Base of every personnummer error; the message names the rule broken."""

    message = "ogiltigt personnummer"


class InvalidType(InvalidPersonnummer, TypeError):
    """The input is not a string."""

    message = "personnumret måste vara en sträng"


class InvalidFormat(InvalidPersonnummer):
    """Not one of the accepted forms (10 or 12 ASCII digits, optional separator)."""

    message = (
        "personnumret har fel format: väntade ÅÅÅÅMMDD-NNNN, ÅÅÅÅMMDDNNNN, "
        "ÅÅMMDD-NNNN, ÅÅMMDD+NNNN eller ÅÅMMDDNNNN med siffrorna 0–9"
    )


class NotAPersonnummer(InvalidFormat):
    """A reservnummer or temporary number (letters among the last four characters).

    These identify clients without a personnummer; route them instead of rejecting them.
    """

    message = (
        "reservnummer eller tillfälligt nummer (bokstäver i de fyra sista), inte ett personnummer"
    )


class InvalidDate(InvalidPersonnummer):
    """The birth date does not exist (day 00, 30 February, month 13 ...)."""

    message = "personnumrets födelsedatum finns inte"


class IncompleteBirthDate(InvalidDate):
    """A samordningsnummer whose birth date is partly unknown (month 00 and/or day 60).

    Skatteverket assigns such numbers when the month or day of birth is unknown; the
    birth year is always known. ``Personnummer.parse`` accepts them only with
    ``ofullstandigt_datum=True``; ``fodelsedatum`` and ``alder`` of such a number raise
    this error when the partly known date cannot give the answer.
    """

    message = (
        "samordningsnumrets födelsedatum är ofullständigt (månad 00 eller dag 60): "
        "tillåts bara med ofullstandigt_datum=True"
    )


class InvalidSerial(InvalidPersonnummer):
    """The födelsenummer is 000, which is never assigned."""

    message = "personnumrets födelsenummer 000 tilldelas aldrig"


class InvalidChecksum(InvalidPersonnummer):
    """The check digit (Luhn over the 10-digit form) is wrong."""

    message = "personnumrets kontrollsiffra stämmer inte"


class FutureBirthDate(InvalidPersonnummer):
    """The birth date lies after the reference date."""

    message = "personnumrets födelsedatum ligger efter referensdatumet"


class DateBeforeBirth(ValidationError):
    """A date given for a valid personnummer lies before its birth date.

    Raised by ``Personnummer.alder(vid=...)`` and by the 10-digit form: there is no age,
    and no way to write the number, before the person is born. Not an
    :class:`InvalidPersonnummer`: the number is fine, the date is not.
    """

    message = "datumet ligger före personnumrets födelsedatum"


class InvalidReservnummer(ValidationError):
    """A reservnummer that breaks a rule; the message names the rule, never the number.

    Raised for an IVO-shaped number (``ÅÅÅÅMMDD-T123``) whose date is impossible, for a
    text that is empty, too long or holds control characters, and for a text that is a
    valid personnummer or samordningsnummer (register that as a personnummer).
    """

    message = "ogiltigt reservnummer"


# --- UIV ----------------------------------------------------------------------------------


class InvalidPlacering(InvalidValue):
    """A placement whose data is impossible (e.g. it ends before it starts)."""
