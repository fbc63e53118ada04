"""Reservnummer: the identity of a client without a personnummer or samordningsnummer.

Some clients have no Swedish number: asylum seekers before a samordningsnummer, visitors,
people not yet identified. They are registered with a *reservnummer*, in one of two kinds:

* **IVO's T-format** ``ÅÅÅÅMMDD-T123``: the birth date, a letter and three digits, or
  ``ÅÅÅÅMMDD-TF10`` (``TF`` and two digits). Inspektionen för vård och omsorg asks for it
  when a decision concerns a person without a Swedish personnummer, and it is the shape of
  the "interim numbers" in personnummer/meta's test data. The third of the four last
  characters carries juridiskt kön as in a personnummer: odd Man, even Kvinna. The
  digits are free: IVO says "tre valfria siffror", so there is no check digit to test
  (personnummer/meta's interim numbers add one, with the letter counted as 1; we do not
  require it). Any ASCII letter is accepted in the letter's place, in either case; the
  canonical form has it in upper case and a hyphen before it.
* **regional**: any other text, kept as opaque text (regions and vendors have their own
  formats: Region Stockholm's start with 99, Region Skåne's are a date and four
  characters with at least one letter). It carries neither birth date nor kön.

Rules (anything else is refused with :class:`~.errors.InvalidReservnummer`, naming the
rule and never the text):

* at most 64 characters are read at all; spaces and tabs around the text are ignored;
* an IVO-shaped text (eight digits, an optional hyphen, then a letter and three digits or
  ``TF`` and two digits) must have a date that exists, from 1800 on and not after
  *referensdatum* (default today); a plus sign before the letter is refused, as is the
  same shape with a two-digit year (``ÅÅMMDD-T123``, whose century would be a guess);
* a regional text has 1-40 characters, all printable: no control characters, line breaks,
  no-break spaces or invisible formatting characters (Python's ``str.isprintable``);
* a text that is or holds a valid personnummer or samordningsnummer (also one with a
  partly unknown birth date) is refused: register it as a
  :class:`~.personnummer.Personnummer`. "Holds" means 10 or 12 digits of any script
  (Arabic-Indic and full-width digits too) with up to three characters that are neither
  letters nor digits before the last four: ``19121212-1212``, ``121212+1212``,
  ``19121212 — 1212``, ``SLL 19121212-1212``. The 10-digit forms are read with today's
  century for both ``-`` and ``+``, the 12-digit ones with any birth date.

Masking: ``repr()`` and :attr:`Reservnummer.maskerad` never show the whole number. The
IVO form shows its birth date, as a personnummer does (``ÅÅÅÅMMDD-****``). A regional
text shows nothing at all (``****``): its format is unknown, so no part of it can be
assumed not to identify the person, not even its length.

Sources: IVO, "Hur rapporterar jag in ett beslut som rör en person utan svenskt
personnummer?" (ivo.se); personnummer/meta ``testdata/interim.json``.

Example:
    >>> from datetime import date
    >>> r = Reservnummer.parse("19800101-T123")
    >>> r, str(r), r.fodelsedatum, r.juridiskt_kon.label
    (Reservnummer('19800101-****'), '19800101-T123', datetime.date(1980, 1, 1), 'Flicka/Kvinna')
    >>> r.alder(vid=date(2026, 1, 1)), r.is_regionalt
    (46, False)
    >>> Reservnummer.parse(" 19800101tf10 ") == Reservnummer.parse("19800101-TF10")
    True
    >>> g = Reservnummer.parse("SLL-4711")
    >>> g, g.maskerad, g.is_regionalt, g.fodelsedatum, g.juridiskt_kon
    (Reservnummer(regionalt='****'), '****', True, None, None)

    Each refusal names its rule and never the text:

    >>> Reservnummer.parse("19800230-T123")
    Traceback (most recent call last):
    socialtjanst_variabler.errors.InvalidReservnummer: reservnumrets födelsedatum finns inte
    >>> Reservnummer.parse("19121212-1212")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    socialtjanst_variabler.errors.InvalidReservnummer: texten är eller innehåller ett ...
"""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING, Final, NoReturn, final

from socialtjanst_variabler._datum import alder as _alder
from socialtjanst_variabler.errors import (
    DateBeforeBirth,
    InvalidPersonnummer,
    InvalidReservnummer,
)
from socialtjanst_variabler.identitet.personnummer import (
    _FORSTA_AR,
    _MAX_LANGD,
    Personnummer,
    _referens,
    _som_datum,
)
from socialtjanst_variabler.vardemangder.bakgrund import JuridisktKon

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = ["Reservnummer"]

#: The longest regional reservnummer, after spaces around it are removed.
MAX_REGIONALT: Final = 40

#: IVO's T-format: eight date digits, a separator, a letter and three digits or TF and two.
_IVO: Final = re.compile(r"([0-9]{8})([-+]?)([A-Za-z][0-9]{3}|[Tt][Ff][0-9]{2})")
#: The same with a two-digit year.
_IVO_KORT: Final = re.compile(r"[0-9]{6}[-+]?(?:[A-Za-z][0-9]{3}|[Tt][Ff][0-9]{2})")

_PERSONNUMMER: Final = (
    "texten är eller innehåller ett personnummer eller samordningsnummer: registrera det "
    "som personnummer, inte som reservnummer"
)


#: Six or eight digits, up to three characters that are neither letters nor digits, then
#: four digits: where a personnummer may hide. ``\d`` matches the digits of every script.
_SIFFERGRUPP: Final = re.compile(r"(?<!\d)(\d{6}|\d{8})(?:[^\w]|_){0,3}(\d{4})(?!\d)")


def _innehaller_personnummer(text: str) -> bool:
    """Whether *text* holds a personnummer or samordningsnummer (also with a partly
    unknown date): 10 or 12 digits of any script, with up to three separators of any kind
    before the last four (``19121212-1212``, ``121212+1212``, ``19121212 — 1212``)."""
    for traff in _SIFFERGRUPP.finditer(text):
        siffror = "".join(str(int(t)) for t in traff.group(1) + traff.group(2))
        former: list[tuple[str, date | None]]
        if len(siffror) == 12:
            # The far future keeps every 12-digit number with a real date.
            former = [(siffror, date.max)]
        else:
            # Today decides the century: '-' and '+' give the two possible ones.
            former = [(siffror, None), (f"{siffror[:6]}+{siffror[6:]}", None)]
        for form, referensdatum in former:
            try:
                Personnummer.parse(form, referensdatum=referensdatum, ofullstandigt_datum=True)
            except InvalidPersonnummer:
                continue
            return True
    return False


@final
class Reservnummer:
    """A reservnummer: IVO's T-format (birth date and kön) or a regional opaque text.

    Immutable and hashable; equal when the canonical texts are. Create it with
    :meth:`parse` (or ``Reservnummer(text)``, the same). ``str()`` gives the canonical
    text, ``repr()`` and :attr:`maskerad` a masked form.
    """

    __slots__ = ("_fodelsedatum", "_text")

    _text: str  # canonical: ÅÅÅÅMMDD-Xnnn for IVO, the stripped text for a regional one
    _fodelsedatum: date | None  # None for a regional reservnummer

    def __new__(cls, text: str, *, referensdatum: date | None = None) -> Reservnummer:
        """Same as :meth:`parse`."""
        return cls.parse(text, referensdatum=referensdatum)

    @classmethod
    def parse(cls, text: str, *, referensdatum: date | None = None) -> Reservnummer:
        """Read a reservnummer of either kind (see the module docstring for the rules).

        Args:
            text: the reservnummer; spaces and tabs around it are ignored.
            referensdatum: the date it is read at (default: today, local time); an IVO
                birth date after it is refused.

        Raises:
            InvalidReservnummer: the text breaks a rule; the message names it.
            TypeError: *text* is not a ``str``, or *referensdatum* not a date.

        Example:
            >>> Reservnummer.parse("20000101-t221", referensdatum=date(2026, 1, 1))
            Reservnummer('20000101-****')
        """
        if not isinstance(text, str):
            raise TypeError(f"reservnumret måste vara en sträng, inte {type(text).__name__}")
        if referensdatum is not None:
            referensdatum = _som_datum(referensdatum, "referensdatum")
        if str.__len__(text) > _MAX_LANGD:  # before any work that grows with the text
            raise InvalidReservnummer(
                f"reservnumret är för långt: högst {_MAX_LANGD} tecken, mellanslag runt "
                "numret inräknade"
            )
        text = str.__str__(text).strip(" \t")
        if not text:
            raise InvalidReservnummer("reservnumret är tomt")
        ivo = _IVO.fullmatch(text)
        if ivo is not None:
            datum, tecken, slut = ivo.groups()
            return _ivo(datum, tecken, slut, referensdatum)
        if _IVO_KORT.fullmatch(text):
            raise InvalidReservnummer(
                "reservnumret i IVO:s format skrivs med fyrsiffrigt år, ÅÅÅÅMMDD-T123"
            )
        if len(text) > MAX_REGIONALT:
            raise InvalidReservnummer(f"reservnumret är för långt: högst {MAX_REGIONALT} tecken")
        if not text.isprintable():
            raise InvalidReservnummer(
                "reservnumret innehåller kontrolltecken, radbrytningar eller osynliga tecken"
            )
        if _innehaller_personnummer(text):
            raise InvalidReservnummer(_PERSONNUMMER)
        r = _ny(cls)
        _satt_text(r, text)
        _satt_fodelsedatum(r, None)
        return r

    # --- attributes -----------------------------------------------------------------------

    @property
    def is_regionalt(self) -> bool:
        """True for a regional reservnummer (opaque text), False for IVO's T-format."""
        return self._fodelsedatum is None

    @property
    def fodelsedatum(self) -> date | None:
        """The birth date of an IVO reservnummer; None for a regional one."""
        return self._fodelsedatum

    @property
    def juridiskt_kon(self) -> JuridisktKon | None:
        """Juridiskt kön of an IVO reservnummer, from the third of its last four characters.

        Odd is Man, even Kvinna, as in a personnummer.

        None for a regional one.

        Example:
            >>> Reservnummer.parse("19800101-TF10").juridiskt_kon
            <JuridisktKon.POJKE_MAN: 2>
        """
        if self._fodelsedatum is None:
            return None
        if int(self._text[11]) % 2:
            return JuridisktKon.POJKE_MAN
        return JuridisktKon.FLICKA_KVINNA

    def alder(self, *, vid: date) -> int | None:
        """Age in completed years on *vid* for an IVO reservnummer; None for a regional one.

        Raises:
            DateBeforeBirth: *vid* lies before the birth date.
            TypeError: *vid* is not a date.

        Example:
            >>> Reservnummer.parse("20080229-T121").alder(vid=date(2026, 2, 28))
            18
        """
        vid = _som_datum(vid, "vid")
        fodd = self._fodelsedatum
        if fodd is None:
            return None
        if vid < fodd:
            raise DateBeforeBirth()
        return _alder(fodd, vid)

    # --- text forms -----------------------------------------------------------------------

    def __str__(self) -> str:
        """The canonical text: ``ÅÅÅÅMMDD-T123`` or the regional text without spaces around."""
        return self._text

    @property
    def maskerad(self) -> str:
        """``ÅÅÅÅMMDD-****`` for IVO's T-format, ``****`` for a regional reservnummer."""
        if self._fodelsedatum is None:
            return "****"
        return f"{self._text[:8]}-****"

    def __repr__(self) -> str:
        """Masked: ``Reservnummer('ÅÅÅÅMMDD-****')`` or ``Reservnummer(regionalt='****')``."""
        if self._fodelsedatum is None:
            return "Reservnummer(regionalt='****')"
        return f"Reservnummer('{self.maskerad}')"

    # --- value semantics ------------------------------------------------------------------

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Reservnummer):
            return self._text == other._text
        return NotImplemented

    def __hash__(self) -> int:
        return hash(("Reservnummer", self._text))

    if not TYPE_CHECKING:  # pragma: no branch

        def __setattr__(self, name: str, value: object) -> NoReturn:
            raise AttributeError(f"Reservnummer är oföränderligt: kan inte sätta {name!r}")

        def __delattr__(self, name: str) -> NoReturn:
            raise AttributeError(f"Reservnummer är oföränderligt: kan inte ta bort {name!r}")

    def __reduce__(self) -> tuple[Callable[[str], Reservnummer], tuple[str]]:
        # Pickle and copy by the canonical text; it was checked when parsed.
        return (_aterskapa, (self._text,))


_ny = object.__new__
_satt_text: Callable[[Reservnummer, str], None] = Reservnummer.__dict__["_text"].__set__
_satt_fodelsedatum: Callable[[Reservnummer, date | None], None] = Reservnummer.__dict__[
    "_fodelsedatum"
].__set__


def _aterskapa(text: str) -> Reservnummer:
    """Unpickle: the canonical text of a reservnummer that was valid when it was pickled."""
    return Reservnummer.parse(text, referensdatum=date.max)


def _ivo(datum: str, tecken: str, slut: str, referensdatum: date | None) -> Reservnummer:
    """IVO's T-format, its parts matched: check the separator and the date."""
    if tecken == "+":
        raise InvalidReservnummer(
            "reservnumret i IVO:s format skrivs ÅÅÅÅMMDD-T123, med bindestreck och utan plustecken"
        )
    ar = int(datum[:4])
    if ar < _FORSTA_AR:
        raise InvalidReservnummer("reservnumrets födelseår ligger före 1800")
    try:
        fodd = date(ar, int(datum[4:6]), int(datum[6:]))
    except ValueError:
        raise InvalidReservnummer("reservnumrets födelsedatum finns inte") from None
    if fodd > _referens(referensdatum):
        raise InvalidReservnummer("reservnumrets födelsedatum ligger efter referensdatumet")
    r = _ny(Reservnummer)
    _satt_text(r, f"{datum}-{slut.upper()}")
    _satt_fodelsedatum(r, fodd)
    return r
