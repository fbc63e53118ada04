"""Personnummer and samordningsnummer (variabel 3), with juridiskt kön and ålder.

Variable 3 of SKL-2019 is the client's personnummer; variables 4 (juridiskt kön) and 5
(ålder) are derived from it, the age *dynamically*: computed at a date, never stored.
:meth:`Personnummer.parse` turns text into an immutable, hashable value object; the
module-level verbs :func:`validate`, :func:`is_valid`, :func:`compact` and :func:`format`
have the shape of ``python-stdnum`` for vendors who validate strings.

Accepted forms (anything else is refused with a :class:`~.errors.InvalidPersonnummer`
subclass naming the rule broken, never containing the number):

* 12 digits ``ÅÅÅÅMMDDNNNN`` or ``ÅÅÅÅMMDD-NNNN``;
* 10 digits ``ÅÅMMDD-NNNN``, ``ÅÅMMDD+NNNN`` (100 years or more) or ``ÅÅMMDDNNNN``;
* ASCII digits ``0``–``9`` only: ``int()`` and ``str.isdigit()`` accept
  Arabic-Indic, full-width and other Unicode digits, this module does not;
* spaces and tabs around the number are ignored; any other whitespace (a line break,
  a carriage return, a no-break space) and whitespace inside the number is refused,
  since it means the field was not entered as one value;
* a 12-digit number with ``+`` is refused: the plus sign only exists in the 10-digit
  form, where it carries the century.

Rules (Skatteverket; DESIGN.md, "Personnummer"):

* the date must exist, leap years included; a samordningsnummer has day + 60 (61–91),
  its birth date is day - 60;
* the födelsenummer ``000`` is never assigned;
* the check digit is Luhn over the 10-digit form;
* the century of a 10-digit number follows from *referensdatum* (default today) by
  calendar year, as Skatteverket writes it: with ``-`` (or no separator) the person
  turns at most 99 in that year, with ``+`` at least 100;
* a birth date after *referensdatum* is refused, for 10 and 12 digits alike.

Reservnummer and temporary numbers (letters among the last four characters, as used for
clients without a personnummer) are refused with their own class,
:class:`~.errors.NotAPersonnummer`, so that a system can route them.

Sources: Skatteverket on personnummer and samordningsnummer (and its open data of test
numbers); folkbokföringslagen (1991:481) 18 § (personnummer, the plus sign) and 18 a §
(samordningsnummer); lag (1930:173) om beräkning av lagstadgad tid 1 § (a 29 February
birthday counts on 28 February); lag (2024:238) om fastställande av kön i vissa fall, in
force 2025-07-01 (a change of legal sex gives a new personnummer).

Example:
    >>> from datetime import date
    >>> p = Personnummer.parse("19121212-1212")
    >>> p
    Personnummer('19121212-****')
    >>> str(p), p.fodelsedatum, p.juridiskt_kon.label
    ('19121212-1212', datetime.date(1912, 12, 12), 'Pojke/Man')
    >>> p.alder(vid=date(2026, 1, 1))
    113
    >>> Personnummer.parse("121212+1212", referensdatum=date(2026, 1, 1)) == p
    True
    >>> p.tiosiffrig(referensdatum=date(2012, 12, 31))
    '121212+1212'
    >>> s = Personnummer.parse("701063-2391", referensdatum=date(2026, 1, 1))
    >>> s.is_samordningsnummer, s.fodelsedatum
    (True, datetime.date(1970, 10, 3))

    The stdnum-shaped verbs:

    >>> validate("191212121212")
    '19121212-1212'
    >>> compact("121212+1212", referensdatum=date(2026, 1, 1))
    '191212121212'
    >>> format("19121212-1212", tiosiffrig=True, referensdatum=date(2011, 1, 1))
    '121212-1212'
    >>> is_valid("19121212-1213"), is_valid(None), is_valid("19121212-1212\\n")
    (False, False, False)

    Each refusal names its rule and never the number:

    >>> Personnummer.parse("19121212-1213")
    Traceback (most recent call last):
    socialtjanst_variabler.errors.InvalidChecksum: personnumrets kontrollsiffra stämmer inte
    >>> Personnummer.parse("19000229-1235")
    Traceback (most recent call last):
    socialtjanst_variabler.errors.InvalidDate: personnumrets födelsedatum finns inte
    >>> Personnummer.parse("19121212-0008")
    Traceback (most recent call last):
    socialtjanst_variabler.errors.InvalidSerial: personnumrets födelsenummer 000 tilldelas aldrig
    >>> Personnummer.parse("19800101-T123")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    socialtjanst_variabler.errors.NotAPersonnummer: reservnummer eller tillfälligt nummer ...
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from datetime import time as _klockslag
from time import time as _tid
from typing import TYPE_CHECKING, Final, NoReturn, final

from socialtjanst_variabler._datum import alder as _alder
from socialtjanst_variabler.errors import (
    DateBeforeBirth,
    FutureBirthDate,
    InvalidChecksum,
    InvalidDate,
    InvalidFormat,
    InvalidPersonnummer,
    InvalidSerial,
    InvalidType,
    NotAPersonnummer,
    ValidationError,
)
from socialtjanst_variabler.vardemangder.bakgrund import JuridisktKon

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = ["Personnummer", "calc_check_digit", "compact", "format", "is_valid", "validate"]


# --- the hot path's tables ----------------------------------------------------------------

#: Luhn: the digit sum of twice a digit, indexed by the digit's *byte* value (b"0" == 48).
#: Undoubled digits are added as raw bytes: 5 * 48 = 240 ≡ 0 (mod 10), so no offset.
_LUHN_DUBBEL: Final[tuple[int, ...]] = (0,) * 48 + (0, 2, 4, 6, 8, 1, 3, 5, 7, 9)

#: Juridiskt kön by the 9th digit of the 10-digit form: odd Man, even Kvinna.
_KON: Final[dict[str, JuridisktKon]] = {
    str(siffra): JuridisktKon.POJKE_MAN if siffra % 2 else JuridisktKon.FLICKA_KVINNA
    for siffra in range(10)
}

#: ord("0") * 11 and ord("0") * 1111: subtract to read two and four digits from bytes.
_TVA: Final = 528
_FYRA: Final = 53328


# --- today, cheaply -----------------------------------------------------------------------

#: The clock; a module attribute so that tests can move it.
_klocka: Callable[[], float] = _tid

#: (first instant of the day, first instant of the next day, the day), local time.
#: ``date.today()`` costs about a microsecond; a clock read and two comparisons do not.
_idag_cache: tuple[float, float, date] = (0.0, 0.0, date.min)


def _idag() -> date:
    """Today's local date, recomputed only when the clock leaves the cached day."""
    global _idag_cache  # noqa: PLW0603 - a one-entry cache, swapped atomically
    nu = _klocka()
    start, slut, dag = _idag_cache
    if start <= nu < slut:
        return dag
    dag = date.fromtimestamp(nu)
    start = datetime.combine(dag, _klockslag.min).timestamp()
    slut = datetime.combine(dag + timedelta(days=1), _klockslag.min).timestamp()
    _idag_cache = (start, slut, dag)
    return dag


def _som_datum(varde: object, namn: str) -> date:
    """*varde* as a plain ``datetime.date`` (a datetime gives its date)."""
    if isinstance(varde, datetime):
        return varde.date()
    if isinstance(varde, date):
        return varde
    raise TypeError(f"{namn} måste vara ett datum (datetime.date), inte {type(varde).__name__}")


# --- errors for text that is not in an accepted form --------------------------------------

_RESERVNUMMER: Final = re.compile(r"[0-9]{6}(?:[0-9]{2})?[-+]?(?=[0-9]{0,3}[A-Za-z])[0-9A-Za-z]{4}")
_TOLV_MED_PLUS: Final = re.compile(r"[0-9]{8}\+[0-9]{4}")
_SIFFROR_OCH_TECKEN: Final = re.compile(r"[0-9+-]+")


def _formatfel(text: str) -> InvalidFormat:  # noqa: PLR0911 - one return per rule
    """The most specific format error for *text* (already stripped of spaces and tabs)."""
    if not text:
        return InvalidFormat("personnumret är tomt")
    if any(tecken.isspace() for tecken in text):
        return InvalidFormat(
            "personnumret innehåller blanksteg eller radbrytning; bara mellanslag och "
            "tabb före och efter numret ignoreras"
        )
    if not text.isascii():
        return InvalidFormat(
            "personnumret får bara innehålla siffrorna 0–9 (ASCII), bindestreck och plustecken"
        )
    if _RESERVNUMMER.fullmatch(text):
        return NotAPersonnummer()
    if _TOLV_MED_PLUS.fullmatch(text):
        return InvalidFormat(
            "plustecken finns bara i den tiosiffriga formen ÅÅMMDD+NNNN; "
            "skriv ÅÅÅÅMMDD-NNNN eller ÅÅÅÅMMDDNNNN"
        )
    if _SIFFROR_OCH_TECKEN.fullmatch(text) and sum(t.isdigit() for t in text) not in (10, 12):
        return InvalidFormat("personnumret har fel längd: väntade 10 eller 12 siffror")
    return InvalidFormat()


def _langsam(text: str, referensdatum: date | None) -> Personnummer:
    """Every text the fast path did not take: strip spaces and tabs once, or refuse."""
    strippad = text.strip(" \t")
    if len(strippad) != len(text):
        return Personnummer.parse(strippad, referensdatum=referensdatum)
    raise _formatfel(text)


def _som_str(text: object) -> str:
    if isinstance(text, str):
        return str.__str__(text)  # a plain str, whatever a subclass overrides
    raise InvalidType()


# --- the value object ---------------------------------------------------------------------


@final
class Personnummer:
    """A valid personnummer or samordningsnummer: immutable, hashable, compared by number.

    Create it with :meth:`parse` (or ``Personnummer(text)``, the same). Two objects are
    equal when their 12 digits are. ``str()`` gives the canonical ``ÅÅÅÅMMDD-NNNN``;
    ``repr()`` masks the last four digits, so that logs never hold the full number.
    """

    __slots__ = ("_fodelsedatum", "_nummer")

    _nummer: str  # the 12 digits ÅÅÅÅMMDDNNNN
    _fodelsedatum: date

    def __new__(cls, text: str, *, referensdatum: date | None = None) -> Personnummer:
        """Same as :meth:`parse`."""
        return cls.parse(text, referensdatum=referensdatum)

    @classmethod
    def parse(  # noqa: PLR0912 - the hot path, inlined on purpose
        cls, text: str, *, referensdatum: date | None = None
    ) -> Personnummer:
        """Parse and validate *text* (variabel 3).

        Args:
            text: one of the forms in the module docstring; spaces and tabs around it are
                ignored.
            referensdatum: the date the number is read at (default: today, local time).
                It decides the century of a 10-digit number, by calendar year, and a birth
                date after it is refused.

        Raises:
            InvalidType: *text* is not a ``str``.
            NotAPersonnummer: a reservnummer or temporary number (letters in the last
                four characters).
            InvalidFormat: any other text that is not 10 or 12 ASCII digits with an
                allowed separator.
            InvalidChecksum: the Luhn check digit is wrong.
            InvalidDate: the birth date does not exist (for a samordningsnummer: day - 60).
            InvalidSerial: the födelsenummer is ``000``.
            FutureBirthDate: the birth date lies after *referensdatum*.
            TypeError: *referensdatum* is not a date (a programming error, not bad input).

        Example:
            >>> Personnummer.parse("  121212-1212 ", referensdatum=date(2012, 12, 12))
            Personnummer('20121212-****')
        """
        # The fast path: an exact str of 10-13 characters, checked in the order
        # format -> check digit -> date -> serial -> reference date, each step once.
        if text.__class__ is not str:
            text = _som_str(text)
        langd = len(text)
        if langd == 13:
            if text[8] != "-":
                return _langsam(text, referensdatum)
            siffror = text[:8] + text[9:]
        elif langd == 12:
            siffror = text
        else:
            return _parse_tio(text, langd, referensdatum)
        if not (siffror.isascii() and siffror.isdigit()):
            return _langsam(text, referensdatum)
        b = siffror.encode()
        dubbel = _LUHN_DUBBEL
        if (
            dubbel[b[2]] + b[3] + dubbel[b[4]] + b[5] + dubbel[b[6]]
            + b[7] + dubbel[b[8]] + b[9] + dubbel[b[10]] + b[11]
        ) % 10:  # fmt: skip
            raise InvalidChecksum()
        dag = b[6] * 10 + b[7] - _TVA
        if dag > 60:
            dag -= 60
        try:
            fodd = date(
                b[0] * 1000 + b[1] * 100 + b[2] * 10 + b[3] - _FYRA, b[4] * 10 + b[5] - _TVA, dag
            )
        except ValueError:
            raise InvalidDate() from None
        if b[8] == 48 and b[9] == 48 and b[10] == 48:
            raise InvalidSerial()
        if referensdatum is None:
            if fodd > _idag():
                raise FutureBirthDate()
        elif fodd > (
            referensdatum
            if referensdatum.__class__ is date
            else _som_datum(referensdatum, "referensdatum")
        ):
            raise FutureBirthDate()
        p = _ny(cls)
        _satt_nummer(p, siffror)
        _satt_fodelsedatum(p, fodd)
        return p

    # --- attributes -----------------------------------------------------------------------

    @property
    def fodelsedatum(self) -> date:
        """Födelsedatum; for a samordningsnummer the day is the number's day - 60."""
        return self._fodelsedatum

    @property
    def is_samordningsnummer(self) -> bool:
        """Whether this is a samordningsnummer (day + 60) rather than a personnummer."""
        return self._nummer[6] >= "6"

    @property
    def juridiskt_kon(self) -> JuridisktKon:
        """Variabel 4, juridiskt kön, from the 9th digit of the 10-digit form (odd is Man).

        Strictly the termbank's *administrativt kön*: since 2025-07-01 (lag 2024:238) a
        change of legal sex gives a new personnummer.

        Example:
            >>> Personnummer.parse("19121212-1212").juridiskt_kon
            <JuridisktKon.POJKE_MAN: 2>
        """
        return _KON[self._nummer[10]]

    def alder(self, *, vid: date) -> int:
        """Ålder (variabel 5): age in completed years on *vid*, never stored.

        Someone born 29 February turns a year older on 28 February in common years
        (lag 1930:173 1 §).

        Raises:
            DateBeforeBirth: *vid* lies before the birth date.
            TypeError: *vid* is not a date.

        Example:
            >>> p = Personnummer.parse("20080229-1237")
            >>> p.alder(vid=date(2026, 2, 27)), p.alder(vid=date(2026, 2, 28))
            (17, 18)
        """
        if vid.__class__ is not date:
            vid = _som_datum(vid, "vid")
        fodd = self._fodelsedatum
        if vid < fodd:
            raise DateBeforeBirth()
        return _alder(fodd, vid)

    # --- text forms -----------------------------------------------------------------------

    def __str__(self) -> str:
        """The canonical form ``ÅÅÅÅMMDD-NNNN``."""
        nummer = self._nummer
        return f"{nummer[:8]}-{nummer[8:]}"

    @property
    def maskerad(self) -> str:
        """The canonical form with its last four digits hidden, ``ÅÅÅÅMMDD-****``.

        The only form of the number that may reach a log, a message or a screen.
        """
        return f"{self._nummer[:8]}-****"

    def __repr__(self) -> str:
        """Masked: ``Personnummer('ÅÅÅÅMMDD-****')``."""
        return f"Personnummer('{self.maskerad}')"

    def tiosiffrig(self, *, referensdatum: date | None = None) -> str:
        """The 10-digit form as written on *referensdatum* (default today).

        ``ÅÅMMDD-NNNN`` in the calendar years the person turns 0 to 99, ``ÅÅMMDD+NNNN``
        from the year of the 100th birthday (folkbokföringslagen 18 §). Parsing the result
        with the same *referensdatum* gives this number back.

        Raises:
            DateBeforeBirth: *referensdatum* lies before the birth date.
            ValidationError: *referensdatum* lies 200 or more calendar years after the
                birth year, which the 10-digit form cannot express.

        Example:
            >>> p = Personnummer.parse("19121212-1212")
            >>> p.tiosiffrig(referensdatum=date(2011, 12, 31))
            '121212-1212'
            >>> p.tiosiffrig(referensdatum=date(2012, 1, 1))
            '121212+1212'
        """
        ref = _idag() if referensdatum is None else _som_datum(referensdatum, "referensdatum")
        fodd = self._fodelsedatum
        if ref < fodd:
            raise DateBeforeBirth()
        ar = ref.year - fodd.year
        if ar >= 200:
            raise ValidationError(
                "den tiosiffriga formen kan inte skrivas 200 år eller mer efter födelseåret"
            )
        nummer = self._nummer
        return f"{nummer[2:8]}{'-' if ar < 100 else '+'}{nummer[8:]}"

    # --- value semantics ------------------------------------------------------------------

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Personnummer):
            return self._nummer == other._nummer
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self._nummer)

    # Hidden from type checkers, which would otherwise accept any attribute name; always
    # true at run time, hence no second branch to cover.
    if not TYPE_CHECKING:  # pragma: no branch

        def __setattr__(self, name: str, value: object) -> NoReturn:
            raise AttributeError(f"Personnummer är oföränderligt: kan inte sätta {name!r}")

        def __delattr__(self, name: str) -> NoReturn:
            raise AttributeError(f"Personnummer är oföränderligt: kan inte ta bort {name!r}")

    def __reduce__(self) -> tuple[Callable[[str], Personnummer], tuple[str]]:
        # Pickle and copy by the canonical text; the birth date was checked when parsed.
        return (_aterskapa, (self._nummer,))


# Build a frozen object without __init__: write the slots through their descriptors.
_ny = object.__new__
_satt_nummer: Callable[[Personnummer, str], None] = Personnummer.__dict__["_nummer"].__set__
_satt_fodelsedatum: Callable[[Personnummer, date], None] = Personnummer.__dict__[
    "_fodelsedatum"
].__set__


def _aterskapa(nummer: str) -> Personnummer:
    """Unpickle: the 12 digits of a number that was valid when it was pickled."""
    return Personnummer.parse(nummer, referensdatum=date.max)


def _parse_tio(  # noqa: PLR0912 - the hot path, inlined on purpose
    text: str, langd: int, referensdatum: date | None
) -> Personnummer:
    """The 10-digit forms ``ÅÅMMDD-NNNN``, ``ÅÅMMDD+NNNN`` and ``ÅÅMMDDNNNN``."""
    if langd == 11:
        tecken = text[6]
        if tecken == "+":
            plus = True
        elif tecken == "-":
            plus = False
        else:
            return _langsam(text, referensdatum)
        siffror = text[:6] + text[7:]
    elif langd == 10:
        plus = False
        siffror = text
    else:
        return _langsam(text, referensdatum)
    if not (siffror.isascii() and siffror.isdigit()):
        return _langsam(text, referensdatum)
    b = siffror.encode()
    dubbel = _LUHN_DUBBEL
    if (
        dubbel[b[0]] + b[1] + dubbel[b[2]] + b[3] + dubbel[b[4]]
        + b[5] + dubbel[b[6]] + b[7] + dubbel[b[8]] + b[9]
    ) % 10:  # fmt: skip
        raise InvalidChecksum()
    if referensdatum is None:
        ref = _idag()
    elif referensdatum.__class__ is date:
        ref = referensdatum
    else:
        ref = _som_datum(referensdatum, "referensdatum")
    # The birth year is the one with the two digits whose distance to the reference
    # year is 0-99 (with "-") or 100-199 (with "+"), counted in calendar years.
    ar = ref.year - (ref.year - (b[0] * 10 + b[1] - _TVA)) % 100
    if plus:
        ar -= 100
    dag = b[4] * 10 + b[5] - _TVA
    if dag > 60:
        dag -= 60
    try:
        fodd = date(ar, b[2] * 10 + b[3] - _TVA, dag)
    except ValueError:
        raise InvalidDate() from None
    if b[6] == 48 and b[7] == 48 and b[8] == 48:
        raise InvalidSerial()
    if fodd > ref:
        raise FutureBirthDate()
    p = _ny(Personnummer)
    _satt_nummer(p, f"{ar // 100:02d}{siffror}")
    _satt_fodelsedatum(p, fodd)
    return p


# --- the python-stdnum verbs ----------------------------------------------------------------


def validate(text: object, *, referensdatum: date | None = None) -> str:
    """Return the canonical ``ÅÅÅÅMMDD-NNNN`` of *text*, or raise the specific error.

    Example:
        >>> validate("121212-1212", referensdatum=date(2026, 1, 1))
        '20121212-1212'
    """
    return str(Personnummer.parse(text, referensdatum=referensdatum))  # type: ignore[arg-type]


def is_valid(text: object, *, referensdatum: date | None = None) -> bool:
    """Whether *text* is a valid personnummer; never raises for any *text*.

    A wrong type of *referensdatum* is a programming error and still raises TypeError.

    Example:
        >>> is_valid("19121212-1212"), is_valid("19121212+1212"), is_valid(191212121212)
        (True, False, False)
    """
    try:
        Personnummer.parse(text, referensdatum=referensdatum)  # type: ignore[arg-type]
    except InvalidPersonnummer:
        return False
    return True


def compact(text: object, *, referensdatum: date | None = None) -> str:
    """The 12 digits ``ÅÅÅÅMMDDNNNN``, without separator, for storage and keys.

    Unlike python-stdnum's ``compact`` this validates: the century of a 10-digit number
    must be settled first, since dropping a ``+`` would make it another person.

    Example:
        >>> compact(" 19121212-1212 ")
        '191212121212'
    """
    return Personnummer.parse(text, referensdatum=referensdatum)._nummer  # type: ignore[arg-type]


def format(text: object, *, referensdatum: date | None = None, tiosiffrig: bool = False) -> str:
    """The presentation form: ``ÅÅÅÅMMDD-NNNN``, or with *tiosiffrig* the 10-digit form.

    Both *text* (if it has 10 digits) and the 10-digit result are read at *referensdatum*
    (default today), so the result parses back to the same number on that date.

    Example:
        >>> format("191212121212")
        '19121212-1212'
        >>> format("191212121212", tiosiffrig=True, referensdatum=date(2026, 1, 1))
        '121212+1212'
    """
    p = Personnummer.parse(text, referensdatum=referensdatum)  # type: ignore[arg-type]
    return p.tiosiffrig(referensdatum=referensdatum) if tiosiffrig else str(p)


def calc_check_digit(nio: str) -> str:
    """The Luhn check digit of the first nine digits ``ÅÅMMDDNNN`` of the 10-digit form.

    Written plainly, for making test numbers; the parser inlines the same sum with a
    table for speed, and the tests hold the two to each other.

    Raises:
        InvalidFormat: *nio* is not nine ASCII digits.

    Example:
        >>> calc_check_digit("121212121")
        '2'
    """
    if type(nio) is not str or len(nio) != 9 or not (nio.isascii() and nio.isdigit()):
        raise InvalidFormat("kontrollsiffran räknas på nio siffror ÅÅMMDDNNN (ASCII)")
    summa = 0
    for plats, siffra in enumerate(nio):
        varde = int(siffra) * (2 - plats % 2)
        summa += varde - 9 if varde > 9 else varde
    return str(-summa % 10)
