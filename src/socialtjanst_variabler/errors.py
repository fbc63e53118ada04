"""The exception hierarchy of socialtjanst_variabler.

Every error about bad *input* is a :class:`ValidationError`, a :class:`ValueError`
subclass, so ``except ValueError`` catches them all; each subclass names one rule, so a
vendor can route it. Looking up something that does not exist (a variable number) is a
:class:`LookupError` instead.

No message ever contains a full personnummer: where one is involved, the message names
the rule and at most the masked form ``ÅÅÅÅMMDD-****``.
"""

from __future__ import annotations

import enum
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
    "InvalidCodeType",
    "InvalidDate",
    "InvalidFieldType",
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


# Anything that could be a personnummer, whatever its separator: 10 or 12 digits (of any
# script: a number in Arabic-Indic digits is still a number) written whole, or with one
# separator where a personnummer has one: before the last four digits, or after a 4-digit
# year (``ÅÅÅÅ-MMDDNNNN``); and the dashed dates ``ÅÅÅÅ-MM-DD`` and ``ÅÅ-MM-DD`` before
# the last four. A separator is one non-digit character, or a short run of white space,
# with up to two spaces either side; or an escape that repr() or JSON wrote for one (``\t``,
# ``\xa0``, ``\u2014``), since argparse and others quote before we mask. Elsewhere a
# separator does not make a personnummer: ``2026-000123`` (a case number) stays, and a
# dashed date followed by ``-MM-DD`` is a date range (``2026-01-31 - 2026-02-28``).
_ESC = r"\\(?:x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|[a-z])"
_SEP = rf"(?>\s{{0,2}}{_ESC}\s{{0,2}}|\s{{0,2}}[^\d\s]\s{{0,2}}|\s{{1,3}})"
_AR = r"\d{2}(?:\d{2})?"
_PNR_LIKE = re.compile(
    rf"(?<!\d)(?:{_AR}\d{{4}}{_SEP}?\d{{4}}(?!\d)"
    rf"|{_AR}-\d{{2}}-\d{{2}}{_SEP}?\d{{4}}(?!\d|-\d{{2}}-\d{{2}})"
    # Not when a separator and four digits follow: then the 8 digits start a number of
    # the first form (``1234x19121212-1212``), which must be found whole.
    rf"|\d{{4}}{_SEP}\d{{8}}(?!\d|{_SEP}\d{{4}}(?!\d)))"
)


def mask(text: str) -> str:
    """*text* with the last four digits of anything like a personnummer hidden.

    Hidden: every number of 10 or 12 digits (any script's digits), written whole or with
    one separator of any kind before its last four digits (``-``, ``+``, a space, a tab,
    two spaces, an em dash, a non-breaking space, any other single non-digit character,
    or its escape as ``repr`` writes it), or after a 4-digit year; and the dashed date
    forms ``ÅÅÅÅ-MM-DD`` and ``ÅÅ-MM-DD`` followed by the last four. A date
    (``2026-01-31``), a date range, a time and a case number such as ``2026-000123`` are
    left alone. The text is searched first and copied only when something is hidden.

    Example:
        >>> mask("19121212-1212 och 191212121212 och 121212+1212 och 2026-01-31")
        '19121212-**** och 19121212**** och 121212+**** och 2026-01-31'
        >>> mask("19121212\\t1212 och 19121212 \u2014 1212 och 1912-12-12 1212")
        '19121212\\t**** och 19121212 — **** och 1912-12-12 ****'
        >>> mask("2026-01-31 - 2026-02-28, kl. 12:30:00, ärende 2026-000123")
        '2026-01-31 - 2026-02-28, kl. 12:30:00, ärende 2026-000123'
    """
    if _PNR_LIKE.search(text) is None:
        return text
    # Numbers can overlap (``0000-00000000a0000`` holds two); a match never spans the
    # stars of another, so each pass hides what the last one could not reach.
    while (dold := _PNR_LIKE.sub(_dolj, text)) != text:
        text = dold
    return text


def _dolj(match: re.Match[str]) -> str:
    # Every form ends in its last four digits.
    return match.group()[:-4] + "****"


#: The longest text an error message shows; a longer input is described, not shown, so
#: that no message grows with its input (and no cut-off personnummer slips through).
VISA_HOGST = 40


def _shown(value: object) -> str:  # noqa: PLR0911 - one return per kind of value
    """*value* as an error message may show it: a short masked ``repr``, or its type.

    Only strings and numbers are shown; an int is never turned into text past 40 digits
    (Python refuses past 4300), a container never (its repr could recurse without end).
    """
    # The base types' own methods: a subclass may override __repr__ or __len__.
    if isinstance(value, enum.Enum):
        return f"{type(value).__name__}.{value.name}"
    if isinstance(value, str):
        if str.__len__(value) <= VISA_HOGST:
            return str.__repr__(mask(value))  # masked first: repr escapes separators
        return f"en sträng med {str.__len__(value)} tecken"
    if isinstance(value, bool) or value is None:
        return repr(value)
    if isinstance(value, int):
        if int.bit_length(value) <= 128:  # at most 39 digits
            return mask(int.__repr__(value))
        return "ett mycket stort heltal"
    if isinstance(value, float):
        return mask(float.__repr__(value))
    return f"ett värde av typen {type(value).__name__}"


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


class InvalidFieldType(InvalidValue, TypeError):
    """A field of the model given a value of the wrong type (an ``int`` where a value-set
    member belongs, a ``str`` where a date does): also a :class:`TypeError`."""


class InvalidCode(ValidationError):
    """A code or label that is not a member of the value set.

    The message names the value set and its valid codes. ``value`` is the input as the
    message shows it (a short ``repr`` with anything like a personnummer masked, or a
    description such as ``en sträng med 5000 tecken``), never the raw input, so that a
    vendor who logs it logs nothing it should not.
    """

    def __init__(self, vardemangd: type[Vardemangd], value: object) -> None:
        self.vardemangd = vardemangd
        self.value = _shown(value)
        codes = [m.value for m in vardemangd]
        super().__init__(self._text(vardemangd, codes[0], codes[-1]))

    def _text(self, vardemangd: type[Vardemangd], forsta: int, sista: int) -> str:
        return (
            f"{self.value} är inte en kod i värdemängden {vardemangd.__name__} "
            f"(giltiga koder: {forsta}–{sista})"
        )


class InvalidCodeType(InvalidCode, TypeError):
    """The input has the wrong type for the lookup: ``from_code("23")`` (a text: use
    ``parse``), ``from_code(2.0)`` or ``from_code(True)``, ``from_label(1)``.

    Both an :class:`InvalidCode` (so ``except ValueError`` still catches every bad input)
    and a :class:`TypeError` (it is one), like :class:`InvalidType` for a personnummer.
    """

    def __init__(self, vardemangd: type[Vardemangd], value: object, vantat: str) -> None:
        self.vantat = vantat
        super().__init__(vardemangd, value)

    def _text(self, vardemangd: type[Vardemangd], forsta: int, sista: int) -> str:
        return f"{self.value} har fel typ för värdemängden {vardemangd.__name__}: {self.vantat}"


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
