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
* ``ÅÅÅÅMMDD+NNNN`` (12 digits with ``+``, as in Skatteverket's and personnummer/meta's
  lists) is accepted only when it agrees with *referensdatum*: the person turns at least
  100 in the reference year, by calendar year, the rule of the 10-digit form;
* at most 64 characters, spaces around the number included: longer text is refused
  before any work that grows with its length.

Rules (Skatteverket; the docs page *Beslut*, "Personnummer"):

* the date must exist, leap years included; a samordningsnummer has day + 60 (61–91),
  its birth date is day - 60;
* the birth year is 1800 or later: a 12-digit number with century 00, 01 or 17 is
  refused, never read as a birth in year 90;
* a samordningsnummer with a partly unknown birth date (month ``00`` and/or day ``60``,
  that is day ``00`` + 60; Skatteverket assigns these when the month or day is not
  known) is accepted only with ``ofullstandigt_datum=True``, otherwise refused with
  :class:`~.errors.IncompleteBirthDate`. Its birth year is always known
  (:attr:`Personnummer.fodelsear`); :attr:`Personnummer.fodelsedatum_intervall` gives the
  earliest and latest possible birth date and :meth:`Personnummer.alder_intervall` the
  possible ages; :attr:`Personnummer.fodelsedatum` raises, and
  :meth:`Personnummer.alder` raises unless the interval settles the age (never a guess);
* the födelsenummer ``000`` is never assigned;
* the check digit is Luhn over the 10-digit form;
* the century of a 10-digit number follows from *referensdatum* (default today) by
  calendar year, as Skatteverket writes it: with ``-`` (or no separator) the person
  turns at most 99 in that year, with ``+`` at least 100;
* a birth date after *referensdatum* is refused, for 10 and 12 digits alike (for a
  partly unknown date: when even the earliest possible date lies after it).

Reservnummer and temporary numbers (letters among the last four characters, as used for
clients without a personnummer) are refused with their own class,
:class:`~.errors.NotAPersonnummer`, so that a system can route them to
:class:`~.reservnummer.Reservnummer`.

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
    >>> Personnummer.parse("19090527+1474", referensdatum=date(2026, 1, 1)).fodelsedatum
    datetime.date(1909, 5, 27)

    A samordningsnummer whose month of birth is unknown (month 00), with the opt-in:

    >>> o = Personnummer.parse("19800061-2385", ofullstandigt_datum=True)
    >>> o.har_fullstandigt_datum, o.fodelsear, o.fodelsedatum_intervall
    (False, 1980, (datetime.date(1980, 1, 1), datetime.date(1980, 12, 1)))
    >>> o.alder_intervall(vid=date(2026, 6, 1))
    (45, 46)
    >>> o.alder(vid=date(2026, 12, 1))
    46

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
    >>> Personnummer.parse("17121212-1212")
    Traceback (most recent call last):
    socialtjanst_variabler.errors.InvalidDate: personnumrets födelseår ligger före 1800
    >>> Personnummer.parse("19800061-2385")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    socialtjanst_variabler.errors.IncompleteBirthDate: samordningsnumrets födelsedatum är ...
    >>> Personnummer.parse("19121212+1212", referensdatum=date(2011, 1, 1))  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    socialtjanst_variabler.errors.InvalidFormat: plustecknet betyder ...
    >>> Personnummer.parse("19800101-T123")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    socialtjanst_variabler.errors.NotAPersonnummer: reservnummer eller tillfälligt nummer ...
"""

from __future__ import annotations

import calendar
import re
from datetime import date, datetime, timedelta
from datetime import time as _klockslag
from time import time as _tid
from typing import TYPE_CHECKING, Final, NoReturn, final

from socialtjanst_variabler._datum import alder as _alder
from socialtjanst_variabler.errors import (
    DateBeforeBirth,
    FutureBirthDate,
    IncompleteBirthDate,
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

#: The longest text read at all: 13 characters plus spaces around them. Anything longer
#: is refused before any work that grows with its length.
_MAX_LANGD: Final = 64

#: The earliest birth year: no personnummer was issued for anyone born before 1800.
_FORSTA_AR: Final = 1800

_FORE_1800: Final = "personnumrets födelseår ligger före 1800"
_FOR_LANG: Final = (
    f"personnumret är för långt: högst {_MAX_LANGD} tecken, mellanslag runt numret inräknade"
)
_PLUS_UNDER_100: Final = (
    "plustecknet betyder att personen fyller minst 100 år under referensåret, men "
    "födelseåret ligger närmare; skriv ÅÅÅÅMMDD-NNNN"
)
_DATUM_OKANT: Final = (
    "samordningsnumrets födelsedatum är ofullständigt (månad 00 eller dag 60): "
    "använd fodelsedatum_intervall eller fodelsear"
)
_ALDER_OKAND: Final = (
    "samordningsnumrets ofullständiga födelsedatum avgör inte åldern vid datumet: "
    "använd alder_intervall"
)


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
_SIFFROR_OCH_TECKEN: Final = re.compile(r"[0-9+-]+")


def _formatfel(text: str) -> InvalidFormat:
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
    if _SIFFROR_OCH_TECKEN.fullmatch(text) and sum(t.isdigit() for t in text) not in (10, 12):
        return InvalidFormat("personnumret har fel längd: väntade 10 eller 12 siffror")
    return InvalidFormat()


def _langsam(text: str, referensdatum: date | None, ofullstandigt_datum: bool) -> Personnummer:
    """Every text the fast path did not take: strip spaces and tabs once, or refuse."""
    if len(text) > _MAX_LANGD:
        raise InvalidFormat(_FOR_LANG)
    strippad = text.strip(" \t")
    if len(strippad) != len(text):
        return Personnummer.parse(
            strippad, referensdatum=referensdatum, ofullstandigt_datum=ofullstandigt_datum
        )
    if len(text) == 13 and text[8] == "+":
        return _tolv_med_plus(text, referensdatum, ofullstandigt_datum)
    raise _formatfel(text)


def _tolv_med_plus(
    text: str, referensdatum: date | None, ofullstandigt_datum: bool
) -> Personnummer:
    """``ÅÅÅÅMMDD+NNNN``: the 12 digits, and a plus sign that must agree with the date."""
    siffror = text[:8] + text[9:]
    if not (siffror.isascii() and siffror.isdigit()):
        raise _formatfel(text)
    p = Personnummer.parse(
        siffror, referensdatum=referensdatum, ofullstandigt_datum=ofullstandigt_datum
    )
    if _referens(referensdatum).year - p.fodelsear < 100:
        raise InvalidFormat(_PLUS_UNDER_100)
    return p


def _referens(referensdatum: date | None) -> date:
    """The reference date as a plain date; today when None."""
    return _idag() if referensdatum is None else _som_datum(referensdatum, "referensdatum")


def _som_str(text: object) -> str:
    if isinstance(text, str):
        if str.__len__(text) > _MAX_LANGD:  # before the copy below, which grows with it
            raise InvalidFormat(_FOR_LANG)
        return str.__str__(text)  # a plain str, whatever a subclass overrides
    raise InvalidType()


def _intervall(nummer: str) -> tuple[date, date]:
    """The earliest and latest birth date the 12 digits *nummer* allow.

    Only for a samordningsnummer with month 00 and/or day 60 (checked when parsed):
    January and December both have 31 days, so a known day with an unknown month spans
    the year from that day in January to that day in December.
    """
    ar = int(nummer[:4])
    manad = int(nummer[4:6])
    dag = int(nummer[6:8]) - 60
    if manad == 0:
        if dag == 0:
            return date(ar, 1, 1), date(ar, 12, 31)
        return date(ar, 1, dag), date(ar, 12, dag)
    return date(ar, manad, 1), date(ar, manad, calendar.monthrange(ar, manad)[1])


def _ofullstandigt(
    nummer: str, referensdatum: date | None, ofullstandigt_datum: bool
) -> Personnummer:
    """The 12 digits *nummer* (check digit and birth year already checked) whose date does
    not exist: a samordningsnummer with a partly unknown date, or refused."""
    manad = int(nummer[4:6])
    dag = int(nummer[6:8])
    # Month 00 with day 61-91 (the day known), or day 60 with month 00-12 (the day unknown).
    if not (manad <= 12 and 60 <= dag <= 91 and (manad == 0 or dag == 60)):
        raise InvalidDate() from None
    if not ofullstandigt_datum:
        raise IncompleteBirthDate() from None
    if nummer[8:11] == "000":
        raise InvalidSerial() from None
    if _intervall(nummer)[0] > _referens(referensdatum):
        raise FutureBirthDate() from None
    p = _ny(Personnummer)
    _satt_nummer(p, nummer)
    _satt_fodelsedatum(p, None)
    return p


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
    _fodelsedatum: date | None  # None: a samordningsnummer with a partly unknown date

    def __new__(
        cls, text: str, *, referensdatum: date | None = None, ofullstandigt_datum: bool = False
    ) -> Personnummer:
        """Same as :meth:`parse`."""
        return cls.parse(text, referensdatum=referensdatum, ofullstandigt_datum=ofullstandigt_datum)

    @classmethod
    def parse(  # noqa: PLR0912 - the hot path, inlined on purpose
        cls, text: str, *, referensdatum: date | None = None, ofullstandigt_datum: bool = False
    ) -> Personnummer:
        """Parse and validate *text* (variabel 3).

        Args:
            text: one of the forms in the module docstring; spaces and tabs around it are
                ignored.
            referensdatum: the date the number is read at (default: today, local time).
                It decides the century of a 10-digit number, by calendar year, and a birth
                date after it is refused.
            ofullstandigt_datum: accept a samordningsnummer whose birth date is partly
                unknown (month 00 and/or day 60). Off by default, since such a number has
                no :attr:`fodelsedatum`.

        Raises:
            InvalidType: *text* is not a ``str``.
            NotAPersonnummer: a reservnummer or temporary number (letters in the last
                four characters).
            InvalidFormat: any other text that is not 10 or 12 ASCII digits with an
                allowed separator, text over 64 characters, and ``ÅÅÅÅMMDD+NNNN`` for
                someone who turns less than 100 in the reference year.
            InvalidChecksum: the Luhn check digit is wrong.
            InvalidDate: the birth date does not exist (for a samordningsnummer: day - 60),
                or its year is before 1800.
            IncompleteBirthDate: a samordningsnummer with month 00 or day 60, without
                *ofullstandigt_datum*.
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
                return _langsam(text, referensdatum, ofullstandigt_datum)
            siffror = text[:8] + text[9:]
        elif langd == 12:
            siffror = text
        else:
            return _parse_tio(text, langd, referensdatum, ofullstandigt_datum)
        if not (siffror.isascii() and siffror.isdigit()):
            return _langsam(text, referensdatum, ofullstandigt_datum)
        b = siffror.encode()
        dubbel = _LUHN_DUBBEL
        if (
            dubbel[b[2]] + b[3] + dubbel[b[4]] + b[5] + dubbel[b[6]]
            + b[7] + dubbel[b[8]] + b[9] + dubbel[b[10]] + b[11]
        ) % 10:  # fmt: skip
            raise InvalidChecksum()
        ar = b[0] * 1000 + b[1] * 100 + b[2] * 10 + b[3] - _FYRA
        if ar < _FORSTA_AR:
            raise InvalidDate(_FORE_1800)
        dag = b[6] * 10 + b[7] - _TVA
        if dag > 60:
            dag -= 60
        try:
            fodd = date(ar, b[4] * 10 + b[5] - _TVA, dag)
        except ValueError:
            return _ofullstandigt(siffror, referensdatum, ofullstandigt_datum)
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
        """Födelsedatum; for a samordningsnummer the day is the number's day - 60.

        Raises:
            IncompleteBirthDate: a samordningsnummer whose birth date is partly unknown
                (see :attr:`fodelsedatum_intervall`).
        """
        fodd = self._fodelsedatum
        if fodd is None:
            raise IncompleteBirthDate(_DATUM_OKANT)
        return fodd

    @property
    def har_fullstandigt_datum(self) -> bool:
        """False for a samordningsnummer whose month or day of birth is unknown."""
        return self._fodelsedatum is not None

    @property
    def fodelsear(self) -> int:
        """The birth year, known for every number.

        Example:
            >>> Personnummer.parse("19800060-2386", ofullstandigt_datum=True).fodelsear
            1980
        """
        return int(self._nummer[:4])

    @property
    def fodelsedatum_intervall(self) -> tuple[date, date]:
        """The earliest and latest possible birth date (the same date twice when known).

        Month 00 with a known day spans that day in January to that day in December;
        day 60 spans the month; both span the year.

        Example:
            >>> Personnummer.parse("19800260-2384", ofullstandigt_datum=True).fodelsedatum_intervall
            (datetime.date(1980, 2, 1), datetime.date(1980, 2, 29))
        """
        fodd = self._fodelsedatum
        if fodd is None:
            return _intervall(self._nummer)
        return fodd, fodd

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

        For a samordningsnummer with a partly unknown birth date, the age when every
        possible birth date gives the same age; otherwise an error, never a guess.

        Raises:
            DateBeforeBirth: *vid* lies before the (earliest possible) birth date.
            IncompleteBirthDate: the birth date is partly unknown and the possible dates
                give different ages on *vid* (use :meth:`alder_intervall`).
            TypeError: *vid* is not a date.

        Example:
            >>> p = Personnummer.parse("20080229-1237")
            >>> p.alder(vid=date(2026, 2, 27)), p.alder(vid=date(2026, 2, 28))
            (17, 18)
        """
        if vid.__class__ is not date:
            vid = _som_datum(vid, "vid")
        fodd = self._fodelsedatum
        if fodd is None:
            lagst, hogst = self.alder_intervall(vid=vid)
            if lagst != hogst:
                raise IncompleteBirthDate(_ALDER_OKAND)
            return lagst
        if vid < fodd:
            raise DateBeforeBirth()
        return _alder(fodd, vid)

    def alder_intervall(self, *, vid: date) -> tuple[int, int]:
        """The lowest and highest possible age on *vid*, in completed years.

        The ages over every possible birth date up to *vid* (:attr:`fodelsedatum_intervall`
        cut at *vid*: whoever has an age on *vid* was born by then). Every age between the
        two occurs. For a known birth date both are :meth:`alder`.

        Raises:
            DateBeforeBirth: *vid* lies before the earliest possible birth date.
            TypeError: *vid* is not a date.

        Example:
            >>> s = Personnummer.parse("19800060-2386", ofullstandigt_datum=True)
            >>> s.alder_intervall(vid=date(2026, 6, 1)), s.alder_intervall(vid=date(1980, 3, 1))
            ((45, 46), (0, 0))
        """
        if vid.__class__ is not date:
            vid = _som_datum(vid, "vid")
        tidigast, senast = self.fodelsedatum_intervall
        if vid < tidigast:
            raise DateBeforeBirth()
        return _alder(min(senast, vid), vid), _alder(tidigast, vid)

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
        ref = _referens(referensdatum)
        fodd = self.fodelsedatum_intervall[0]
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
_satt_fodelsedatum: Callable[[Personnummer, date | None], None] = Personnummer.__dict__[
    "_fodelsedatum"
].__set__


def _aterskapa(nummer: str) -> Personnummer:
    """Unpickle: the 12 digits of a number that was valid when it was pickled."""
    return Personnummer.parse(nummer, referensdatum=date.max, ofullstandigt_datum=True)


def _parse_tio(  # noqa: PLR0912 - the hot path, inlined on purpose
    text: str, langd: int, referensdatum: date | None, ofullstandigt_datum: bool
) -> Personnummer:
    """The 10-digit forms ``ÅÅMMDD-NNNN``, ``ÅÅMMDD+NNNN`` and ``ÅÅMMDDNNNN``."""
    if langd == 11:
        tecken = text[6]
        if tecken == "+":
            plus = True
        elif tecken == "-":
            plus = False
        else:
            return _langsam(text, referensdatum, ofullstandigt_datum)
        siffror = text[:6] + text[7:]
    elif langd == 10:
        plus = False
        siffror = text
    else:
        return _langsam(text, referensdatum, ofullstandigt_datum)
    if not (siffror.isascii() and siffror.isdigit()):
        return _langsam(text, referensdatum, ofullstandigt_datum)
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
    if ar < _FORSTA_AR:
        raise InvalidDate(_FORE_1800)
    dag = b[4] * 10 + b[5] - _TVA
    if dag > 60:
        dag -= 60
    try:
        fodd = date(ar, b[2] * 10 + b[3] - _TVA, dag)
    except ValueError:
        return _ofullstandigt(f"{ar // 100:02d}{siffror}", ref, ofullstandigt_datum)
    if b[6] == 48 and b[7] == 48 and b[8] == 48:
        raise InvalidSerial()
    if fodd > ref:
        raise FutureBirthDate()
    p = _ny(Personnummer)
    _satt_nummer(p, f"{ar // 100:02d}{siffror}")
    _satt_fodelsedatum(p, fodd)
    return p


# --- the python-stdnum verbs ----------------------------------------------------------------


def validate(
    text: object, *, referensdatum: date | None = None, ofullstandigt_datum: bool = False
) -> str:
    """Return the canonical ``ÅÅÅÅMMDD-NNNN`` of *text*, or raise the specific error.

    Example:
        >>> validate("121212-1212", referensdatum=date(2026, 1, 1))
        '20121212-1212'
    """
    return str(
        Personnummer.parse(
            text,  # type: ignore[arg-type]
            referensdatum=referensdatum,
            ofullstandigt_datum=ofullstandigt_datum,
        )
    )


def is_valid(
    text: object, *, referensdatum: date | None = None, ofullstandigt_datum: bool = False
) -> bool:
    """Whether *text* is a valid personnummer; never raises for any *text*.

    A wrong type of *referensdatum* is a programming error and still raises TypeError.

    Example:
        >>> is_valid("19121212-1212"), is_valid("20121212+1212"), is_valid(191212121212)
        (True, False, False)
    """
    try:
        Personnummer.parse(
            text,  # type: ignore[arg-type]
            referensdatum=referensdatum,
            ofullstandigt_datum=ofullstandigt_datum,
        )
    except InvalidPersonnummer:
        return False
    return True


def compact(
    text: object, *, referensdatum: date | None = None, ofullstandigt_datum: bool = False
) -> str:
    """The 12 digits ``ÅÅÅÅMMDDNNNN``, without separator, for storage and keys.

    Unlike python-stdnum's ``compact`` this validates: the century of a 10-digit number
    must be settled first, since dropping a ``+`` would make it another person.

    Example:
        >>> compact(" 19121212-1212 ")
        '191212121212'
    """
    return Personnummer.parse(
        text,  # type: ignore[arg-type]
        referensdatum=referensdatum,
        ofullstandigt_datum=ofullstandigt_datum,
    )._nummer


def format(
    text: object,
    *,
    referensdatum: date | None = None,
    tiosiffrig: bool = False,
    ofullstandigt_datum: bool = False,
) -> str:
    """The presentation form: ``ÅÅÅÅMMDD-NNNN``, or with *tiosiffrig* the 10-digit form.

    Both *text* (if it has 10 digits) and the 10-digit result are read at *referensdatum*
    (default today), so the result parses back to the same number on that date.

    Example:
        >>> format("191212121212")
        '19121212-1212'
        >>> format("191212121212", tiosiffrig=True, referensdatum=date(2026, 1, 1))
        '121212+1212'
    """
    p = Personnummer.parse(
        text,  # type: ignore[arg-type]
        referensdatum=referensdatum,
        ofullstandigt_datum=ofullstandigt_datum,
    )
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
