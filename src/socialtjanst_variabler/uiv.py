"""UIV: which ended placements must be followed up, why, by when, and what is still owed.

UIV (*Uppföljning av Insatser för Vuxna*) follows up every ended placement for missbruk
that meets the method's criteria: the social worker answers the background and rating
questions ("bakgrundsfrågorna och sina skattningsfrågor") "oavsett om klienten har
intervjuats eller ej", and the client is interviewed, preferably within one month of the
end ("bör intervjun genomföras inom en månad från det att biståndet avslutades").

A placement (:class:`Placering`) shall be followed up with module UIV when all of these
hold (the docs page *Beslut*, "UIV", settles what the method text leaves open):

- placeringsform is institution, familjehem för vuxna or öppenvård;
- lagrum is SoL, LVM or § 27 LVM;
- it is riktad mot missbruk;
- the client is at least 20 years old on the start date ("vid inledningen av
  placeringen"); a client whose birth date is partly unknown is judged from the
  interval of possible ages, and gets ``Skal.ALDER_OKAND`` when the interval straddles
  the threshold;
- it lasted at least 7 days, counting both the start and the end day ("minst 7 dagar";
  the method's introduction says "mer än sju dagar", the criteria list rules);
- it is not a non-biståndsbedömd treatment in öppenvård.

**UIV-EB.** "Uppföljning ska inte göras för ej biståndsbedömda behandlingar inom öppenvård
(använd modul UIV-EB för dessa uppföljningar)". Such a treatment is routed to module
UIV-EB whatever its lagrum: the SoL/LVM/§ 27 LVM list stands under "Uppföljning ska göras
om", the UIV rule, and a treatment without a bistånd decision has no bistånd lagrum. The
socialtjänstlag (2025:400) in force from 2025-07-01 names exactly this case, "insatser
utan individuell behovsprövning". Care under LVM or § 27 LVM is never bistånd and never
UIV-EB: it is followed up with UIV. The other criteria (form, missbruk, age, length) are
applied to UIV-EB as well; the source names none of its own.

**The task.** :func:`uppgift` gives a placement's state on a date (:class:`Uppgift`). The
follow-up itself (the social worker's questions) is the task: its date
(``uppfoljningsdatum``) makes the task done. The interview is optional and reported on
its own (``intervjudatum``). Either date counts only when held at or after the end date,
or at most :attr:`Troskelvarden.dagar_fore_slut` days before it ("i samband med att
insatsen avslutas"); a date that does not count is reported with its reason
(:class:`Ignorerad`). The task is due from the end date until :attr:`Bedomning.intervju_senast`
and overdue after it. :func:`uppgiftslista` judges many placements at once, with totals
per module; :func:`las_placeringar` reads them from CSV or JSON Lines.

Each ended placement is judged on its own, even when it runs straight into the next
(:func:`bedom_alla`). :func:`bedom` returns a :class:`Bedomning` that lists *every* unmet
criterion (:class:`Skal`), not only the first. The thresholds are named defaults in
:class:`Troskelvarden` (:data:`STANDARD`) that a caller can override in one object.

Sources: the UIV method description, "Missbruk: institution, familjehem och öppenvård"
(seed 000); socialtjänstlagen (2025:400).

Example:
    >>> from datetime import date
    >>> from socialtjanst_variabler import uiv
    >>> pl = uiv.Placering(
    ...     placeringsform=uiv.Placeringsform.INSTITUTION,
    ...     lagrum=uiv.Lagrum.LVM,
    ...     riktad_mot_missbruk=True,
    ...     bistandsbedomd=False,
    ...     startdatum=date(2026, 1, 10),
    ...     slutdatum=date(2026, 1, 31),
    ...     fodelsedatum=date(1980, 5, 10),
    ... )
    >>> b = uiv.bedom(pl)
    >>> b.ska_foljas_upp, b.modul, b.skal, b.intervju_senast
    (True, <Modul.UIV: 1>, (), datetime.date(2026, 2, 28))
    >>> uiv.status(b, vid=date(2026, 3, 2))
    <Status.FORSENAD: 3>
    >>> u = uiv.uppgift(b, vid=date(2026, 3, 2), uppfoljningsdatum=date(2026, 2, 3),
    ...                 intervjudatum=date(2026, 1, 12))
    >>> u.status, u.intervju_raknas, u.intervju_ignorerad
    (<Status.KLAR: 4>, False, <Ignorerad.FOR_TIDIGT: 2>)

    Every unmet criterion is listed, with a Swedish explanation:

    >>> import attrs
    >>> kort = uiv.bedom(attrs.evolve(pl, lagrum=uiv.Lagrum.ANNAT, slutdatum=date(2026, 1, 15)))
    >>> kort.ska_foljas_upp, kort.modul
    (False, None)
    >>> [s.name for s in kort.skal]
    ['FEL_LAGRUM', 'FOR_KORT']
    >>> print(*kort.forklaringar, sep="\\n")
    Lagrummet är inte SoL, LVM eller § 27 LVM
    Placeringen varade 6 dagar (start- och slutdag medräknade); UIV kräver minst 7 dagar

    Impossible input is refused:

    >>> try:
    ...     attrs.evolve(pl, slutdatum=date(2026, 1, 9))
    ... except ValueError as fel:
    ...     print(fel)
    slutdatum: 2026-01-09 ligger före startdatum 2026-01-10
"""

from __future__ import annotations

import enum
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from typing import BinaryIO, TypeVar

import attrs

from socialtjanst_variabler._datum import alder, ar_datum, dagar, las_datum, plus_manader
from socialtjanst_variabler.errors import (
    InvalidPlacering,
    InvalidValue,
    ValidationError,
    mask,
)
from socialtjanst_variabler.identitet.personnummer import Personnummer
from socialtjanst_variabler.vardemangder._base import Vardemangd

__all__ = [
    "KOLUMNER",
    "STANDARD",
    "Bedomning",
    "Ignorerad",
    "Lagrum",
    "Modul",
    "Placering",
    "Placeringsform",
    "Placeringsrad",
    "Post",
    "Skal",
    "Status",
    "Summering",
    "Troskelvarden",
    "Uppgift",
    "Uppgiftslista",
    "bedom",
    "bedom_alla",
    "las_placeringar",
    "status",
    "uppgift",
    "uppgifter",
    "uppgiftslista",
]


T = TypeVar("T")

# --- value sets -----------------------------------------------------------------------------


@enum.verify(enum.UNIQUE, enum.CONTINUOUS)
class Placeringsform(Vardemangd):
    """Placeringsform: where the client was placed.

    The method follows up the first three; ``ANNAN`` exists so that real data with
    any other form (stödboende, hem för vård eller boende för annat än missbruk ...) can
    be passed in and judged, instead of refused.
    """

    INSTITUTION = 1, "Institution"
    FAMILJEHEM = 2, "Familjehem för vuxna"
    OPPENVARD = 3, "Öppenvård"
    ANNAN = 4, "Annan placeringsform", "Någon annan placeringsform än de tre som UIV följer upp"


@enum.verify(enum.UNIQUE, enum.CONTINUOUS)
class Lagrum(Vardemangd):
    """Lagrum: the law the placement was made under.

    ``LVM_27`` is care in another form under § 27 LVM ("§ 27 LVM", as the method writes
    it); ``ANNAT`` covers any other law and placements with none recorded (such as a
    treatment given without an individual needs assessment, which has no bistånd
    decision).
    """

    SOL = 1, "SoL", "Socialtjänstlagen"
    LVM = 2, "LVM", "Lagen (1988:870) om vård av missbrukare i vissa fall"
    LVM_27 = 3, "§ 27 LVM", "Vård i annan form enligt 27 § LVM"
    ANNAT = 4, "Annat eller inget lagrum"


@enum.verify(enum.UNIQUE, enum.CONTINUOUS)
class Modul(Vardemangd):
    """The follow-up module a placement is routed to."""

    UIV = 1, "UIV", "Uppföljning av Insatser för Vuxna"
    UIV_EB = (
        2,
        "UIV-EB",
        "Uppföljning av ej biståndsbedömda behandlingar inom öppenvård",
    )


@enum.verify(enum.UNIQUE, enum.CONTINUOUS)
class Skal(Vardemangd):
    """A criterion of the method that a placement does not meet ("skäl": reason).

    The labels are the explanation a caseworker reads. Thresholds can be overridden
    (:class:`Troskelvarden`), so the labels of ``FOR_UNG``, ``FOR_KORT`` and
    ``ALDER_OKAND`` name no number; :attr:`Bedomning.forklaringar` gives the sentences
    with the numbers applied.
    """

    FEL_PLACERINGSFORM = (
        1,
        "Placeringsformen är inte institution, familjehem för vuxna eller öppenvård",
    )
    FEL_LAGRUM = 2, "Lagrummet är inte SoL, LVM eller § 27 LVM"
    EJ_RIKTAD_MOT_MISSBRUK = 3, "Placeringen är inte riktad mot missbruk"
    FOR_UNG = (
        4,
        "Klienten var yngre än åldersgränsen vid inledningen av placeringen",
        "Åldersgränsen är 20 år enligt metoden (Troskelvarden.min_alder)",
    )
    FOR_KORT = (
        5,
        "Placeringen varade kortare än den kortaste tid som följs upp",
        "Minst 7 dagar enligt metoden, start- och slutdag medräknade (Troskelvarden.min_dagar)",
    )
    EJ_BISTANDSBEDOMD_OPPENVARD = (
        6,
        "Ej biståndsbedömd behandling inom öppenvård följs inte upp med UIV (använd modul UIV-EB)",
    )
    ALDER_OKAND = (
        7,
        "Klientens födelsedatum är delvis okänt, så det går inte att avgöra om klienten "
        "hade nått åldersgränsen vid inledningen av placeringen",
        "De möjliga åldrarna på startdatum ligger på båda sidor om åldersgränsen",
    )


@enum.verify(enum.UNIQUE, enum.CONTINUOUS)
class Status(Vardemangd):
    """The state of a placement's follow-up at a date, for a vendor's task list.

    The task is the follow-up itself (the social worker's background and rating
    questions), due "oavsett om klienten har intervjuats eller ej"; the interview is
    optional and reported beside it (:class:`Uppgift`). ``FORSENAD`` means the follow-up
    has not been registered by :attr:`Bedomning.intervju_senast`, the date by which it
    and the interview should have been done; it is still owed.
    """

    PAGAENDE = (
        1,
        "Inte aktuell ännu: placeringen pågår",
        "Uppföljning kan bli aktuell när placeringen avslutas",
    )
    ATT_GORA = 2, "Uppföljning ska göras", "Uppföljningen bör göras senast intervju_senast"
    FORSENAD = (
        3,
        "Försenad: rekommenderat sista datum för uppföljningen har passerat",
        "Uppföljningen ska fortfarande göras, med eller utan intervju",
    )
    KLAR = 4, "Klar: uppföljningen är gjord"
    EJ_AKTUELL = 5, "Ska inte följas upp"
    OAVGJORD = (
        6,
        "Kan inte avgöras: klientens ålder vid placeringens start är okänd",
        "Skulle följas upp om klienten hade nått åldersgränsen; avgör med ett fullständigt "
        "födelsedatum",
    )


@enum.verify(enum.UNIQUE, enum.CONTINUOUS)
class Ignorerad(Vardemangd):
    """Why a follow-up or interview date given for a placement does not count."""

    FORE_START = 1, "Datumet ligger före placeringens startdatum"
    FOR_TIDIGT = (
        2,
        "Datumet ligger för långt före slutdatum för att höra till avslutet",
        "Fler dagar före slutdatum än Troskelvarden.dagar_fore_slut",
    )
    EJ_AVSLUTAD = 3, "Placeringen har inget slutdatum: den pågår"
    EFTER_VID = 4, "Datumet ligger efter dagen för bedömningen: inte gjort ännu"


# --- thresholds -----------------------------------------------------------------------------


# A threshold past any calendar (years, days or months beyond 9999 years) is a mistake,
# and would overflow date arithmetic later.
_STORST = 10_000 * 366


def _heltal(minst: int) -> Callable[[object, attrs.Attribute[int], int], None]:
    def check(_instance: object, attribute: attrs.Attribute[int], value: int) -> None:
        if type(value) is not int or not minst <= value <= _STORST:
            raise InvalidValue(
                attribute.name, f"måste vara ett heltal, minst {minst} och högst {_STORST}"
            )

    return check


@attrs.frozen(kw_only=True)
class Troskelvarden:
    """The thresholds of the UIV rule, with the method's values as defaults.

    Override any of them in one object, e.g. ``Troskelvarden(min_dagar=8)`` or
    ``attrs.evolve(STANDARD, min_alder=18)``, and pass it to :func:`bedom`; each
    :class:`Bedomning` records the thresholds it applied.

    Attributes:
        min_alder: The client's least age in completed years on the start date
            ("klientens ålder är 20 år eller äldre vid inledningen av placeringen").
            Default 20.
        min_dagar: The least length in days, counting both the start and the end day
            ("pågått minst 7 dagar"). Default 7.
        intervju_inom_manader: Calendar months after the end date by which the interview
            should be held ("bör intervjun genomföras inom en månad"), clamped to the
            month's end; the follow-up is due by the same date. Default 1.
        dagar_fore_slut: How many days before the end date a follow-up or interview may
            be held and still count for this placement. Default 7. The method wants the
            interview "i samband med att insatsen avslutas": at or after the end, or in
            the placement's last days (a discharge talk is usually held in the last week).
            Seven days is the method's own unit, the shortest placement it follows up, so
            for the shortest placement any day of it is "in connection with the end",
            while an interview months before the end (about the placement's first weeks)
            never counts as its follow-up.

    Raises:
        InvalidValue: a threshold that is not an int, below its least value (0 years,
            1 day, 0 months, 0 days), or above 3,660,000.

    Example:
        >>> Troskelvarden(min_dagar=8)
        Troskelvarden(min_alder=20, min_dagar=8, intervju_inom_manader=1, dagar_fore_slut=7)
    """

    min_alder: int = attrs.field(default=20, validator=_heltal(0))
    min_dagar: int = attrs.field(default=7, validator=_heltal(1))
    intervju_inom_manader: int = attrs.field(default=1, validator=_heltal(0))
    dagar_fore_slut: int = attrs.field(default=7, validator=_heltal(0))


#: The method's thresholds (20 years, 7 days, 1 month, 7 days before the end).
STANDARD = Troskelvarden()


# --- the placement --------------------------------------------------------------------------


def _datum(falt: str, value: object) -> date:
    if not ar_datum(value):
        raise InvalidPlacering(falt, "måste vara ett datum (datetime.date, inte datetime)")
    return value


def _kanske_datum(falt: str, value: object) -> date | None:
    return None if value is None else _datum(falt, value)


def _sant_falskt(falt: str, value: object) -> bool:
    if type(value) is not bool:
        raise InvalidPlacering(falt, "måste vara True eller False")
    return value


@attrs.frozen(init=False)
class Placering:
    """One placement of a client, as the UIV rule needs it (immutable).

    Give the client's birth date directly (``fodelsedatum``), through a ``Personnummer``
    (``personnummer``; a samordningsnummer whose birth date is partly unknown, parsed with
    ``ofullstandigt_datum=True``, is accepted), or, when only the year is known, as
    ``fodelsear``; sources given together must agree. ``slutdatum`` is required, ``None``
    while the placement is ongoing, so that a forgotten end date cannot silently hide a
    follow-up.

    Attributes:
        placeringsform: Institution, familjehem för vuxna, öppenvård, or another form.
        lagrum: SoL, LVM, § 27 LVM, or another law / none.
        riktad_mot_missbruk: The placement targets missbruk.
        bistandsbedomd: The placement is a biståndsbedömd insats. Only matters for
            öppenvård: LVM care is not bistånd and is followed up all the same.
        startdatum: The first day of the placement.
        slutdatum: The last day of the placement, ``None`` while ongoing.
        fodelsedatum: The client's birth date; ``None`` when it is partly unknown (a
            samordningsnummer with month 00 or day 60, or only the year given).
        personnummer: The client's personnummer, when given (masked in ``repr``).
        fodelsear: The birth year as given (``None`` unless passed explicitly);
            :attr:`fodelsedatum_intervall` holds what is known in every case.

    Raises:
        InvalidPlacering: a field of the wrong type, the end before the start, the birth
            after the start, no birth date at all, or sources of the birth date that
            contradict each other.

    Example:
        >>> try:
        ...     Placering(
        ...         placeringsform=Placeringsform.OPPENVARD,
        ...         lagrum=Lagrum.SOL,
        ...         riktad_mot_missbruk=True,
        ...         bistandsbedomd=True,
        ...         startdatum=date(2026, 1, 10),
        ...         slutdatum=None,
        ...     )
        ... except ValueError as fel:
        ...     print(fel)
        fodelsedatum: ange fodelsedatum, personnummer eller fodelsear

        Only the birth year known:

        >>> p = Placering(
        ...     placeringsform=Placeringsform.OPPENVARD,
        ...     lagrum=Lagrum.SOL,
        ...     riktad_mot_missbruk=True,
        ...     bistandsbedomd=True,
        ...     startdatum=date(2026, 1, 10),
        ...     slutdatum=None,
        ...     fodelsear=1990,
        ... )
        >>> p.fodelsedatum, p.fodelsedatum_intervall
        (None, (datetime.date(1990, 1, 1), datetime.date(1990, 12, 31)))
    """

    placeringsform: Placeringsform
    lagrum: Lagrum
    riktad_mot_missbruk: bool
    bistandsbedomd: bool
    startdatum: date
    slutdatum: date | None
    fodelsedatum: date | None
    personnummer: Personnummer | None
    fodelsear: int | None

    def __init__(
        self,
        *,
        placeringsform: Placeringsform,
        lagrum: Lagrum,
        riktad_mot_missbruk: bool,
        bistandsbedomd: bool,
        startdatum: date,
        slutdatum: date | None,
        fodelsedatum: date | None = None,
        personnummer: Personnummer | None = None,
        fodelsear: int | None = None,
    ) -> None:
        if not isinstance(placeringsform, Placeringsform):
            raise InvalidPlacering(
                "placeringsform", "måste vara en Placeringsform (Placeringsform.from_code)"
            )
        if not isinstance(lagrum, Lagrum):
            raise InvalidPlacering("lagrum", "måste vara ett Lagrum (Lagrum.from_code)")
        _sant_falskt("riktad_mot_missbruk", riktad_mot_missbruk)
        _sant_falskt("bistandsbedomd", bistandsbedomd)
        _datum("startdatum", startdatum)
        if slutdatum is not None and _datum("slutdatum", slutdatum) < startdatum:
            raise InvalidPlacering("slutdatum", f"{slutdatum} ligger före startdatum {startdatum}")
        fodelsedatum, tidigast = _klientens_fodelsedatum(fodelsedatum, personnummer, fodelsear)
        if tidigast > startdatum:
            raise InvalidPlacering(
                _kalla(fodelsedatum, personnummer),
                "klientens födelsedatum ligger efter placeringens startdatum",
            )
        self.__attrs_init__(
            placeringsform,
            lagrum,
            riktad_mot_missbruk,
            bistandsbedomd,
            startdatum,
            slutdatum,
            fodelsedatum,
            personnummer,
            fodelsear,
        )

    @property
    def fodelsedatum_intervall(self) -> tuple[date, date]:
        """The earliest and the latest possible birth date (the same date when known).

        From the birth date, else from the personnummer
        (``Personnummer.fodelsedatum_intervall``), else the birth year's first and last
        day. Never later than :attr:`startdatum`: the client was born by then.
        """
        if self.fodelsedatum is not None:
            return self.fodelsedatum, self.fodelsedatum
        if self.personnummer is not None:
            tidigast, senast = self.personnummer.fodelsedatum_intervall
        else:
            assert self.fodelsear is not None  # the only source left without a full date
            tidigast, senast = date(self.fodelsear, 1, 1), date(self.fodelsear, 12, 31)
        return tidigast, min(senast, self.startdatum)


def _kalla(fodelsedatum: date | None, personnummer: Personnummer | None) -> str:
    """The field the client's (earliest possible) birth date came from."""
    if fodelsedatum is not None:
        return "fodelsedatum"
    return "fodelsear" if personnummer is None else "personnummer"


def _klientens_fodelsedatum(
    fodelsedatum: date | None, personnummer: object, fodelsear: object
) -> tuple[date | None, date]:
    """The full birth date (or None) and the earliest possible birth date."""
    if fodelsear is not None and (type(fodelsear) is not int or not 1 <= fodelsear <= 9999):
        raise InvalidPlacering("fodelsear", "måste vara ett årtal (heltal 1–9999)")
    if fodelsedatum is not None:
        _datum("fodelsedatum", fodelsedatum)
    if personnummer is not None:
        if not isinstance(personnummer, Personnummer):
            raise InvalidPlacering(
                "personnummer", "måste vara en Personnummer (Personnummer.parse)"
            )
        tidigast, senast = personnummer.fodelsedatum_intervall
        # Never echo the dates: together with the personnummer they identify the client.
        if fodelsedatum is not None and not tidigast <= fodelsedatum <= senast:
            raise InvalidPlacering("fodelsedatum", "stämmer inte med personnumrets födelsedatum")
        if personnummer.har_fullstandigt_datum:
            fodelsedatum = tidigast
        elif fodelsedatum is None:
            # A samordningsnummer with a partly unknown birth date (opt-in when parsed).
            if fodelsear is not None and fodelsear != personnummer.fodelsear:
                raise InvalidPlacering("fodelsear", "stämmer inte med personnumrets födelseår")
            return None, tidigast
    if fodelsedatum is not None:
        if fodelsear is not None and fodelsear != fodelsedatum.year:
            raise InvalidPlacering("fodelsear", "stämmer inte med födelsedatumet")
        return fodelsedatum, fodelsedatum
    if fodelsear is None:
        raise InvalidPlacering("fodelsedatum", "ange fodelsedatum, personnummer eller fodelsear")
    return None, date(fodelsear, 1, 1)


# --- the judgement --------------------------------------------------------------------------

#: The reasons that an otherwise eligible treatment routed to UIV-EB may have: the lagrum
#: criterion is UIV's only (a treatment without a bistånd decision has no bistånd lagrum).
_EB_SKAL = frozenset({Skal.EJ_BISTANDSBEDOMD_OPPENVARD, Skal.FEL_LAGRUM})


@attrs.frozen(kw_only=True)
class Bedomning:
    """The result of :func:`bedom` for one placement (immutable).

    Attributes:
        placering: The placement judged.
        troskelvarden: The thresholds applied.
        skal: Every criterion the placement does not meet, in code order; empty when it
            meets them all. While the placement is ongoing, ``Skal.FOR_KORT`` is never
            listed (the length is judged at the end); the other criteria are.
        modul: ``Modul.UIV`` when the placement shall be followed up with UIV;
            ``Modul.UIV_EB`` for an ended non-biståndsbedömd treatment in öppenvård
            that meets every criterion but UIV's lagrum (then :attr:`ska_foljas_upp` is
            ``False``: "Uppföljning ska inte göras" with UIV, it is routed instead);
            otherwise ``None``, also while the placement is ongoing and when the age
            cannot be decided.
        intervju_senast: When :attr:`modul` is set, the end date plus
            :attr:`Troskelvarden.intervju_inom_manader` calendar months, clamped to the
            month's end: the date by which the interview *should* (bör) be held and the
            follow-up done. Otherwise ``None``.
        alder_vid_start: The client's age in completed years on the start date; ``None``
            when a partly unknown birth date leaves more than one age possible.
        antal_dagar: The length in days, counting the start and the end day; ``None``
            while ongoing.
        alder_vid_start_intervall: The least and the greatest possible age on the start
            date (equal when the birth date is known).
    """

    placering: Placering
    troskelvarden: Troskelvarden
    skal: tuple[Skal, ...]
    modul: Modul | None
    intervju_senast: date | None
    alder_vid_start: int | None
    antal_dagar: int | None
    alder_vid_start_intervall: tuple[int, int]

    @property
    def pagaende(self) -> bool:
        """Whether the placement is ongoing (no end date), so its follow-up is not yet due."""
        return self.placering.slutdatum is None

    @property
    def ska_foljas_upp(self) -> bool:
        """Whether the placement has ended and meets every criterion (follow it up with UIV)."""
        return not self.pagaende and not self.skal

    @property
    def avgorbar(self) -> bool:
        """Whether the UIV outcome is settled.

        True when the placement has ended, or when a criterion other than the length is
        already unmet (an ongoing placement can then never qualify for UIV).
        """
        return not self.pagaende or bool(self.skal)

    @property
    def forklaringar(self) -> tuple[str, ...]:
        """One Swedish sentence per unmet criterion, with the thresholds applied.

        Example:
            >>> pl = Placering(
            ...     placeringsform=Placeringsform.FAMILJEHEM,
            ...     lagrum=Lagrum.SOL,
            ...     riktad_mot_missbruk=True,
            ...     bistandsbedomd=True,
            ...     startdatum=date(2026, 3, 1),
            ...     slutdatum=date(2026, 3, 1),
            ...     fodelsedatum=date(2006, 3, 2),
            ... )
            >>> for text in bedom(pl).forklaringar:
            ...     print(text)
            Klienten var 19 år vid inledningen av placeringen; UIV kräver minst 20 år
            Placeringen varade 1 dag (start- och slutdag medräknade); UIV kräver minst 7 dagar
        """
        return tuple(self._forklaring(s) for s in self.skal)

    def _forklaring(self, skal: Skal) -> str:
        t = self.troskelvarden
        lagst, hogst = self.alder_vid_start_intervall
        match skal:
            case Skal.FOR_UNG:
                alder_text = f"{hogst} år" if lagst == hogst else f"högst {hogst} år"
                return (
                    f"Klienten var {alder_text} vid inledningen av placeringen;"
                    f" UIV kräver minst {t.min_alder} år"
                )
            case Skal.ALDER_OKAND:
                return (
                    f"Klienten var mellan {lagst} och {hogst} år vid inledningen av"
                    f" placeringen (födelsedatumet är delvis okänt); UIV kräver minst"
                    f" {t.min_alder} år"
                )
            case Skal.FOR_KORT:
                return (
                    f"Placeringen varade {_dagar_text(self.antal_dagar)} (start- och slutdag"
                    f" medräknade); UIV kräver minst {_dagar_text(t.min_dagar)}"
                )
            case _:
                return skal.label

    def uppgift(
        self,
        *,
        vid: date,
        uppfoljningsdatum: date | None = None,
        intervjudatum: date | None = None,
        id: str | None = None,
    ) -> Uppgift:
        """The follow-up task on *vid*; see :func:`uppgift`."""
        return _uppgift(self, vid, uppfoljningsdatum, intervjudatum, id)

    def status(
        self,
        *,
        vid: date,
        intervju_datum: date | None = None,
        uppfoljningsdatum: date | None = None,
        intervjudatum: date | None = None,
    ) -> Status:
        """The follow-up's state on *vid*; see :func:`status`."""
        if intervju_datum is not None:
            _datum("intervju_datum", intervju_datum)
            if uppfoljningsdatum is not None:
                raise InvalidPlacering(
                    "intervju_datum",
                    "ange antingen intervju_datum (äldre anrop) eller uppfoljningsdatum",
                )
            # The one-date call: the date on which the follow-up was done (DESIGN: the
            # docs of 0.1 told vendors to pass the registration date when not interviewed).
            uppfoljningsdatum = intervju_datum
        return _uppgift(self, vid, uppfoljningsdatum, intervjudatum, None).status


def _dagar_text(antal: int | None) -> str:
    return "1 dag" if antal == 1 else f"{antal} dagar"


def _alder_intervall(placering: Placering) -> tuple[int, int]:
    tidigast, senast = placering.fodelsedatum_intervall
    return alder(senast, placering.startdatum), alder(tidigast, placering.startdatum)


def _uppgiftsmodul(skal: Iterable[Skal]) -> Modul | None:
    """The module the criteria point to, whether or not the placement has ended, with an
    age that cannot be decided taken as met."""
    ovriga = set(skal) - {Skal.ALDER_OKAND}
    if not ovriga:
        return Modul.UIV
    if Skal.EJ_BISTANDSBEDOMD_OPPENVARD in ovriga and ovriga <= _EB_SKAL:
        return Modul.UIV_EB
    return None


def bedom(placering: Placering, *, troskelvarden: Troskelvarden = STANDARD) -> Bedomning:
    """Judge one placement by the UIV rule.

    Args:
        placering: The placement.
        troskelvarden: The thresholds to apply; the method's by default.

    Returns:
        A :class:`Bedomning` with every unmet criterion, the module, and the date by
        which the interview should be held.

    Raises:
        InvalidPlacering: the interview date would lie after 9999-12-31.
        TypeError: *placering* is not a :class:`Placering`, or *troskelvarden* not a
            :class:`Troskelvarden`.

    Example:
        Non-biståndsbedömd treatment in öppenvård is routed to UIV-EB, whatever the
        lagrum ("insatser utan individuell behovsprövning", SoL 2025:400), except
        under LVM or § 27 LVM:

        >>> pl = Placering(
        ...     placeringsform=Placeringsform.OPPENVARD,
        ...     lagrum=Lagrum.ANNAT,
        ...     riktad_mot_missbruk=True,
        ...     bistandsbedomd=False,
        ...     startdatum=date(2026, 1, 5),
        ...     slutdatum=date(2026, 3, 31),
        ...     fodelsedatum=date(1990, 1, 1),
        ... )
        >>> b = bedom(pl)
        >>> b.ska_foljas_upp, b.modul, b.intervju_senast
        (False, <Modul.UIV_EB: 2>, datetime.date(2026, 4, 30))
        >>> [s.name for s in b.skal]
        ['FEL_LAGRUM', 'EJ_BISTANDSBEDOMD_OPPENVARD']
        >>> bedom(attrs.evolve(pl, lagrum=Lagrum.LVM_27)).modul
        <Modul.UIV: 1>

        A threshold overridden:

        >>> bedom(pl, troskelvarden=Troskelvarden(min_dagar=90)).skal
        (<Skal.FEL_LAGRUM: 2>, <Skal.FOR_KORT: 5>, <Skal.EJ_BISTANDSBEDOMD_OPPENVARD: 6>)
    """
    if not isinstance(placering, Placering):
        raise TypeError(f"placering ska vara en Placering, inte {type(placering).__name__}")
    if not isinstance(troskelvarden, Troskelvarden):
        raise TypeError(
            f"troskelvarden ska vara en Troskelvarden, inte {type(troskelvarden).__name__}"
        )
    t = troskelvarden
    p = placering
    lagst, hogst = _alder_intervall(p)
    antal_dagar = None if p.slutdatum is None else dagar(p.startdatum, p.slutdatum) + 1

    skal: list[Skal] = []
    if p.placeringsform is Placeringsform.ANNAN:
        skal.append(Skal.FEL_PLACERINGSFORM)
    if p.lagrum is Lagrum.ANNAT:
        skal.append(Skal.FEL_LAGRUM)
    if not p.riktad_mot_missbruk:
        skal.append(Skal.EJ_RIKTAD_MOT_MISSBRUK)
    if hogst < t.min_alder:
        skal.append(Skal.FOR_UNG)
    if antal_dagar is not None and antal_dagar < t.min_dagar:
        skal.append(Skal.FOR_KORT)
    # LVM and § 27 LVM care is never bistånd, and is followed up all the same.
    tvang = p.lagrum in (Lagrum.LVM, Lagrum.LVM_27)
    if p.placeringsform is Placeringsform.OPPENVARD and not p.bistandsbedomd and not tvang:
        skal.append(Skal.EJ_BISTANDSBEDOMD_OPPENVARD)
    if lagst < t.min_alder <= hogst:
        skal.append(Skal.ALDER_OKAND)

    modul: Modul | None = None
    intervju_senast: date | None = None
    if p.slutdatum is not None and Skal.ALDER_OKAND not in skal:
        modul = _uppgiftsmodul(skal)
        if modul is not None:
            intervju_senast = _intervju_senast(p.slutdatum, t.intervju_inom_manader)
    return Bedomning(
        placering=p,
        troskelvarden=t,
        skal=tuple(skal),
        modul=modul,
        intervju_senast=intervju_senast,
        alder_vid_start=lagst if lagst == hogst else None,
        antal_dagar=antal_dagar,
        alder_vid_start_intervall=(lagst, hogst),
    )


def _intervju_senast(slutdatum: date, manader: int) -> date:
    try:
        return plus_manader(slutdatum, manader)
    except ValueError:
        raise InvalidPlacering(
            "slutdatum", "intervjudatumet hamnar efter 9999-12-31 och kan inte anges"
        ) from None


def bedom_alla(
    placeringar: Iterable[Placering], *, troskelvarden: Troskelvarden = STANDARD
) -> tuple[Bedomning, ...]:
    """Judge a client's placements one by one, in the order given.

    The method follows up every ended placement "även om den direkt övergår i en ny
    placering": placements that run straight into each other are never merged, so two
    back-to-back placements of 4 days each are both too short, and two of 30 days each
    are two follow-ups.

    Example:
        >>> forsta = Placering(
        ...     placeringsform=Placeringsform.INSTITUTION,
        ...     lagrum=Lagrum.LVM,
        ...     riktad_mot_missbruk=True,
        ...     bistandsbedomd=False,
        ...     startdatum=date(2026, 1, 1),
        ...     slutdatum=date(2026, 1, 30),
        ...     fodelsedatum=date(1970, 6, 1),
        ... )
        >>> andra = attrs.evolve(
        ...     forsta,
        ...     placeringsform=Placeringsform.FAMILJEHEM,
        ...     lagrum=Lagrum.LVM_27,
        ...     startdatum=date(2026, 1, 31),
        ...     slutdatum=date(2026, 4, 15),
        ... )
        >>> [(b.modul, b.intervju_senast) for b in bedom_alla([forsta, andra])]
        [(<Modul.UIV: 1>, datetime.date(2026, 2, 28)), (<Modul.UIV: 1>, datetime.date(2026, 5, 15))]
    """
    return tuple(bedom(p, troskelvarden=troskelvarden) for p in placeringar)


# --- the task at a date ---------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class Uppgift:
    """A placement's follow-up task on one date (immutable); made by :func:`uppgift`.

    Attributes:
        bedomning: The judgement of the placement.
        vid: The date the task is looked at.
        status: The state on *vid* (:class:`Status`).
        modul: The module of the task: :attr:`Bedomning.modul`, or for a placement not
            yet ended (or whose age cannot be decided) the module it will go to when
            ended (if long enough, and old enough); ``None`` exactly when the status is
            ``EJ_AKTUELL``.
        senast: The date by which the follow-up should be done (end date plus
            :attr:`Troskelvarden.intervju_inom_manader` months); ``None`` while the
            placement has no end date, and for ``EJ_AKTUELL``.
        uppfoljningsdatum: The date the follow-up (the social worker's questions) was
            registered, as given.
        uppfoljning_ignorerad: Why *uppfoljningsdatum* does not count, or ``None``.
        intervjudatum: The date the client was interviewed, as given.
        intervju_ignorerad: Why *intervjudatum* does not count, or ``None``.
        id: The caller's key for the placement, when given (:class:`Post`).
    """

    bedomning: Bedomning
    vid: date
    status: Status
    modul: Modul | None
    senast: date | None
    uppfoljningsdatum: date | None = None
    uppfoljning_ignorerad: Ignorerad | None = None
    intervjudatum: date | None = None
    intervju_ignorerad: Ignorerad | None = None
    id: str | None = None

    @property
    def uppfoljning_raknas(self) -> bool:
        """Whether a follow-up date was given and counts (it makes the task done)."""
        return self.uppfoljningsdatum is not None and self.uppfoljning_ignorerad is None

    @property
    def intervju_raknas(self) -> bool:
        """Whether an interview date was given and counts as this placement's interview."""
        return self.intervjudatum is not None and self.intervju_ignorerad is None

    @property
    def missad(self) -> bool:
        """Whether the follow-up was not done by :attr:`senast`: overdue now, or done late."""
        if self.status is Status.FORSENAD:
            return True
        if self.status is not Status.KLAR or self.senast is None:
            return False
        assert self.uppfoljningsdatum is not None  # KLAR: a counted follow-up date
        return self.uppfoljningsdatum > self.senast

    @property
    def forklaringar(self) -> tuple[str, ...]:
        """One Swedish sentence per date that does not count, with its reason.

        Example:
            >>> pl = Placering(
            ...     placeringsform=Placeringsform.INSTITUTION,
            ...     lagrum=Lagrum.SOL,
            ...     riktad_mot_missbruk=True,
            ...     bistandsbedomd=True,
            ...     startdatum=date(2026, 1, 10),
            ...     slutdatum=date(2026, 6, 30),
            ...     fodelsedatum=date(1980, 5, 10),
            ... )
            >>> u = uppgift(pl, vid=date(2026, 7, 5), intervjudatum=date(2026, 2, 15))
            >>> u.status.name
            'ATT_GORA'
            >>> print(*u.forklaringar)
            Intervjun 2026-02-15 räknas inte: den ligger 135 dagar före slutdatum, högst 7 tillåts
        """
        texter = []
        for namn, datum, skal in (
            ("Uppföljningen", self.uppfoljningsdatum, self.uppfoljning_ignorerad),
            ("Intervjun", self.intervjudatum, self.intervju_ignorerad),
        ):
            if skal is not None:
                assert datum is not None  # a reason is only given for a given date
                texter.append(f"{namn} {datum.isoformat()} räknas inte: {self._orsak(datum, skal)}")
        return tuple(texter)

    def _orsak(self, datum: date, skal: Ignorerad) -> str:
        p = self.bedomning.placering
        match skal:
            case Ignorerad.FORE_START:
                return f"den ligger före placeringens startdatum {p.startdatum.isoformat()}"
            case Ignorerad.FOR_TIDIGT:
                assert p.slutdatum is not None  # FOR_TIDIGT is judged against the end
                fore = dagar(datum, p.slutdatum)
                grans = self.bedomning.troskelvarden.dagar_fore_slut
                return f"den ligger {_dagar_text(fore)} före slutdatum, högst {grans} tillåts"
            case Ignorerad.EJ_AVSLUTAD:
                return "placeringen har inget slutdatum"
            case _:
                return f"den ligger efter {self.vid.isoformat()} och är inte gjord ännu"


def _ignorerad(d: date, placering: Placering, vid: date, t: Troskelvarden) -> Ignorerad | None:
    """Why the follow-up or interview date *d* does not count, or None when it does."""
    if d < placering.startdatum:
        return Ignorerad.FORE_START
    if placering.slutdatum is None:
        return Ignorerad.EJ_AVSLUTAD
    if dagar(d, placering.slutdatum) > t.dagar_fore_slut:
        return Ignorerad.FOR_TIDIGT
    if d > vid:
        return Ignorerad.EFTER_VID
    return None


def _uppgift(
    b: Bedomning,
    vid: date,
    uppfoljningsdatum: date | None,
    intervjudatum: date | None,
    id: str | None,
) -> Uppgift:
    _datum("vid", vid)
    uppfoljningsdatum = _kanske_datum("uppfoljningsdatum", uppfoljningsdatum)
    intervjudatum = _kanske_datum("intervjudatum", intervjudatum)
    p, t = b.placering, b.troskelvarden
    uppf_ign = None if uppfoljningsdatum is None else _ignorerad(uppfoljningsdatum, p, vid, t)
    intervju_ign = None if intervjudatum is None else _ignorerad(intervjudatum, p, vid, t)

    modul = _uppgiftsmodul(b.skal)
    senast: date | None = None
    if modul is None:
        status = Status.EJ_AKTUELL
    else:
        if p.slutdatum is not None:
            senast = b.intervju_senast or _intervju_senast(p.slutdatum, t.intervju_inom_manader)
        if uppfoljningsdatum is not None and uppf_ign is None:
            status = Status.KLAR
        elif senast is None or p.slutdatum is None or vid < p.slutdatum:
            status = Status.PAGAENDE
        elif Skal.ALDER_OKAND in b.skal:
            status = Status.OAVGJORD
        elif vid <= senast:
            status = Status.ATT_GORA
        else:
            status = Status.FORSENAD
    return Uppgift(
        bedomning=b,
        vid=vid,
        status=status,
        modul=modul,
        senast=senast,
        uppfoljningsdatum=uppfoljningsdatum,
        uppfoljning_ignorerad=uppf_ign,
        intervjudatum=intervjudatum,
        intervju_ignorerad=intervju_ign,
        id=id,
    )


def uppgift(
    placering: Placering | Bedomning,
    *,
    vid: date,
    uppfoljningsdatum: date | None = None,
    intervjudatum: date | None = None,
) -> Uppgift:
    """A placement's follow-up task on *vid*, for a vendor's task list.

    The status, in order:

    - ``Status.EJ_AKTUELL``: neither UIV nor UIV-EB applies (also while ongoing, when a
      criterion other than the length already fails);
    - ``Status.KLAR``: the follow-up was registered (*uppfoljningsdatum* counts, see
      below), with or without an interview;
    - ``Status.PAGAENDE``: not yet due, the placement is ongoing or has not ended by
      *vid*;
    - ``Status.OAVGJORD``: it would be followed up, but the client's age on the start
      date cannot be decided (``Skal.ALDER_OKAND``);
    - ``Status.ATT_GORA``: due, *vid* on or before :attr:`Uppgift.senast`;
    - ``Status.FORSENAD``: :attr:`Uppgift.senast` has passed; still owed.

    A follow-up or interview date counts when it lies on or after the start, the
    placement has an end date, the date is at most
    :attr:`Troskelvarden.dagar_fore_slut` days before that end (or after it), and it is
    not after *vid*. Otherwise it is reported in :attr:`Uppgift.uppfoljning_ignorerad`
    or :attr:`Uppgift.intervju_ignorerad`. The interview never decides the status: the
    follow-up is due "oavsett om klienten har intervjuats eller ej".

    A :class:`Placering` is judged with the :data:`STANDARD` thresholds; pass a
    :class:`Bedomning` to use others.

    Raises:
        InvalidPlacering: *vid* or a date given is not a date.

    Example:
        >>> pl = Placering(
        ...     placeringsform=Placeringsform.OPPENVARD,
        ...     lagrum=Lagrum.SOL,
        ...     riktad_mot_missbruk=True,
        ...     bistandsbedomd=False,
        ...     startdatum=date(2026, 1, 10),
        ...     slutdatum=date(2026, 3, 31),
        ...     fodelsedatum=date(1980, 5, 10),
        ... )
        >>> u = uppgift(pl, vid=date(2026, 4, 2), intervjudatum=date(2026, 3, 30))
        >>> u.modul.label, u.status.name, u.senast, u.intervju_raknas
        ('UIV-EB', 'ATT_GORA', datetime.date(2026, 4, 30), True)
    """
    if isinstance(placering, Placering):
        placering = bedom(placering)
    return _uppgift(placering, vid, uppfoljningsdatum, intervjudatum, None)


def status(
    placering: Placering | Bedomning,
    *,
    vid: date,
    intervju_datum: date | None = None,
    uppfoljningsdatum: date | None = None,
    intervjudatum: date | None = None,
) -> Status:
    """The state of a placement's follow-up on *vid*: ``uppgift(...).status``.

    See :func:`uppgift` for the rules. ``intervju_datum`` is the one-date call of
    version 0.1, kept working: it is the date the follow-up was done (the old docs had
    vendors pass the registration date there when the client was not interviewed), so
    it is taken as *uppfoljningsdatum*, and now counts only in the window around the end
    date, like every follow-up date (issue 12). Give either it or *uppfoljningsdatum*.

    Raises:
        InvalidPlacering: a date is not a date, or both *intervju_datum* and
            *uppfoljningsdatum* are given.

    Example:
        >>> pl = Placering(
        ...     placeringsform=Placeringsform.INSTITUTION,
        ...     lagrum=Lagrum.SOL,
        ...     riktad_mot_missbruk=True,
        ...     bistandsbedomd=True,
        ...     startdatum=date(2024, 1, 2),
        ...     slutdatum=date(2024, 1, 31),
        ...     fodelsedatum=date(1980, 5, 10),
        ... )
        >>> [status(pl, vid=d).name for d in (date(2024, 1, 30), date(2024, 2, 29),
        ...                                   date(2024, 3, 1))]
        ['PAGAENDE', 'ATT_GORA', 'FORSENAD']
        >>> status(pl, vid=date(2024, 3, 1), uppfoljningsdatum=date(2024, 2, 10))
        <Status.KLAR: 4>
    """
    if isinstance(placering, Placering):
        placering = bedom(placering)
    return placering.status(
        vid=vid,
        intervju_datum=intervju_datum,
        uppfoljningsdatum=uppfoljningsdatum,
        intervjudatum=intervjudatum,
    )


# --- many placements ------------------------------------------------------------------------


def _kanske_text(_instance: object, attribute: attrs.Attribute[str | None], value: object) -> None:
    if value is not None and type(value) is not str:
        raise InvalidPlacering(attribute.name, "måste vara en sträng")


def _falt_datum(_instance: object, attribute: attrs.Attribute[date | None], value: object) -> None:
    _kanske_datum(attribute.name, value)


def _ar_placering(_instance: object, _attribute: attrs.Attribute[Placering], value: object) -> None:
    if not isinstance(value, Placering):
        raise InvalidPlacering("placering", "måste vara en Placering")


@attrs.frozen(kw_only=True)
class Post:
    """A placement with its key and registered dates, one entry of a task list.

    Attributes:
        placering: The placement.
        id: The caller's key (never a personnummer in output: masked when it looks like
            one).
        uppfoljningsdatum: When the follow-up (the social worker's questions) was
            registered, if it was.
        intervjudatum: When the client was interviewed, if they were.
    """

    placering: Placering = attrs.field(validator=_ar_placering)
    id: str | None = attrs.field(default=None, validator=_kanske_text)
    uppfoljningsdatum: date | None = attrs.field(default=None, validator=_falt_datum)
    intervjudatum: date | None = attrs.field(default=None, validator=_falt_datum)


def uppgifter(
    poster: Iterable[Post | Placering], *, vid: date, troskelvarden: Troskelvarden = STANDARD
) -> Iterator[Uppgift]:
    """Each entry's task on *vid*, lazily, in the order given (memory stays flat).

    A bare :class:`Placering` is an entry without key or dates.
    """
    _datum("vid", vid)
    for entry in poster:
        post = Post(placering=entry) if isinstance(entry, Placering) else entry
        b = bedom(post.placering, troskelvarden=troskelvarden)
        yield _uppgift(b, vid, post.uppfoljningsdatum, post.intervjudatum, post.id)


@attrs.frozen(kw_only=True)
class Summering:
    """Totals of a task list: how many tasks per module and status, and how many missed.

    Made by :meth:`av`, which consumes the tasks one at a time (memory stays flat).

    Attributes:
        tabell: ``(modul, status, antal)`` for every pair that occurs, in code order;
            ``modul`` is ``None`` exactly for ``Status.EJ_AKTUELL``.
        missade: Follow-ups not done by their date (:attr:`Uppgift.missad`): overdue
            now, or done late.
    """

    tabell: tuple[tuple[Modul | None, Status, int], ...]
    missade: int

    @classmethod
    def av(cls, uppgifter: Iterable[Uppgift]) -> Summering:
        """The totals of *uppgifter*."""
        antal: Counter[tuple[Modul | None, Status]] = Counter()
        missade = 0
        for u in uppgifter:
            antal[u.modul, u.status] += 1
            missade += u.missad
        rader = sorted(antal.items(), key=lambda r: (r[0][0] or 0, r[0][1]))
        return cls(tabell=tuple((m, s, n) for (m, s), n in rader), missade=missade)

    def antal(self, status: Status | None = None, *, modul: Modul | None = None) -> int:
        """How many tasks have *status* (any when None) and *modul* (any when None)."""
        return sum(
            n
            for m, s, n in self.tabell
            if (status is None or s is status) and (modul is None or m is modul)
        )


@attrs.frozen(kw_only=True)
class Uppgiftslista:
    """The task list of many placements on one date (:func:`uppgiftslista`).

    Attributes:
        vid: The date.
        troskelvarden: The thresholds applied.
        uppgifter: One :class:`Uppgift` per entry, in the order given.
        summering: The totals (:class:`Summering`).
    """

    vid: date
    troskelvarden: Troskelvarden
    uppgifter: tuple[Uppgift, ...]
    summering: Summering

    @property
    def att_gora(self) -> tuple[Uppgift, ...]:
        """The follow-ups owed on :attr:`vid` (overdue and due), the earliest date first."""
        agda = (u for u in self.uppgifter if u.status in (Status.FORSENAD, Status.ATT_GORA))
        return tuple(sorted(agda, key=lambda u: u.senast or date.max))


def uppgiftslista(
    poster: Iterable[Post | Placering], *, vid: date, troskelvarden: Troskelvarden = STANDARD
) -> Uppgiftslista:
    """Judge many placements and give the task list on *vid*, with totals.

    Example:
        >>> pl = Placering(
        ...     placeringsform=Placeringsform.INSTITUTION,
        ...     lagrum=Lagrum.SOL,
        ...     riktad_mot_missbruk=True,
        ...     bistandsbedomd=True,
        ...     startdatum=date(2026, 1, 10),
        ...     slutdatum=date(2026, 1, 31),
        ...     fodelsedatum=date(1980, 5, 10),
        ... )
        >>> eb = attrs.evolve(pl, placeringsform=Placeringsform.OPPENVARD, bistandsbedomd=False)
        >>> lista = uppgiftslista(
        ...     [Post(id="A", placering=pl), Post(id="B", placering=eb),
        ...      Post(id="C", placering=pl, uppfoljningsdatum=date(2026, 2, 2))],
        ...     vid=date(2026, 3, 2),
        ... )
        >>> [(u.id, u.modul.label, u.status.name) for u in lista.uppgifter]
        [('A', 'UIV', 'FORSENAD'), ('B', 'UIV-EB', 'FORSENAD'), ('C', 'UIV', 'KLAR')]
        >>> s = lista.summering
        >>> s.antal(Status.FORSENAD), s.antal(modul=Modul.UIV), s.missade
        (2, 2, 2)
    """
    alla = tuple(uppgifter(poster, vid=vid, troskelvarden=troskelvarden))
    return Uppgiftslista(
        vid=vid, troskelvarden=troskelvarden, uppgifter=alla, summering=Summering.av(alla)
    )


# --- reading placements from a file ---------------------------------------------------------

#: The columns (CSV) or keys (JSON Lines) of a placements file, and whether each is
#: required. One of personnummer, fodelsedatum and fodelsear must hold a value.
KOLUMNER: tuple[tuple[str, bool, str], ...] = (
    ("id", True, "placeringens nyckel i verksamhetssystemet"),
    ("placeringsform", True, "kod 1–4 (Placeringsform)"),
    ("lagrum", True, "kod 1–4 (Lagrum)"),
    ("riktad_mot_missbruk", True, "ja eller nej"),
    ("bistandsbedomd", True, "ja eller nej"),
    ("startdatum", True, "ÅÅÅÅ-MM-DD"),
    ("slutdatum", True, "ÅÅÅÅ-MM-DD, tomt (null) när placeringen pågår"),
    (
        "personnummer",
        False,
        "ÅÅÅÅMMDD-NNNN och de andra formerna, också samordningsnummer med delvis okänt datum",
    ),
    ("fodelsedatum", False, "ÅÅÅÅ-MM-DD"),
    ("fodelsear", False, "ÅÅÅÅ, när bara födelseåret är känt"),
    ("uppfoljningsdatum", False, "ÅÅÅÅ-MM-DD: då uppföljningen registrerades"),
    ("intervjudatum", False, "ÅÅÅÅ-MM-DD: då klienten intervjuades"),
)
_NAMN = tuple(namn for namn, _, _ in KOLUMNER)
_KRAVS = tuple(namn for namn, kravs, _ in KOLUMNER if kravs)

#: The longest line read (bytes); a longer one is reported as unreadable and skipped.
MAX_RADLANGD = 1 << 16

_JA = {"ja": True, "nej": False, "true": True, "false": False, "1": True, "0": False}


@attrs.frozen(kw_only=True)
class Placeringsrad:
    """One line of a placements file: a :class:`Post`, or why the line is unreadable.

    Attributes:
        radnummer: The line number (1 is the first line, the CSV header included).
        post: The entry read, or ``None``.
        fel: The problems, each ``"falt: what is wrong"`` (masked), empty when read.
    """

    radnummer: int
    post: Post | None = None
    fel: tuple[str, ...] = ()


class _Radfel(Exception):
    """A line that is not a placement; args[0] is the list of problems."""


def _fysiska_rader(source: BinaryIO | Iterable[bytes]) -> Iterator[bytes | None]:
    """The lines of *source*; None for a line over :data:`MAX_RADLANGD` (skipped)."""
    readline = getattr(source, "readline", None)
    if readline is None:
        yield from source
        return
    while line := readline(MAX_RADLANGD + 1):
        if len(line) > MAX_RADLANGD and not line.endswith(b"\n"):
            while (rest := readline(MAX_RADLANGD)) and not rest.endswith(b"\n"):
                pass
            yield None
        else:
            yield line


def _text(nummer: int, rad: bytes | None) -> str:
    if rad is None:
        raise _Radfel([f"raden är längre än {MAX_RADLANGD} byte"])
    try:
        text = rad.decode("utf-8-sig" if nummer == 1 else "utf-8")
    except UnicodeDecodeError:
        raise _Radfel(["inte giltig UTF-8"]) from None
    return text.rstrip("\r\n")


def las_placeringar(
    source: BinaryIO | Iterable[bytes], *, referensdatum: date | None = None
) -> Iterator[Placeringsrad]:
    """Read placements from CSV or JSON Lines (UTF-8), one :class:`Placeringsrad` a line.

    The format is told from the first line: JSON Lines when it starts with ``{``, else a
    CSV header naming the columns of :data:`KOLUMNER` (comma-separated, any order).
    Codes are integers; booleans ``ja``/``nej`` in CSV (also ``true``/``false``, ``1``/``0``),
    ``true``/``false`` in JSON; dates ``ÅÅÅÅ-MM-DD``; an empty CSV field or a JSON
    ``null`` is no value, but ``slutdatum`` must be present (empty while ongoing), so a
    forgotten column cannot hide a follow-up. An unknown column or key is an error, so a
    misspelt optional column is never silently ignored. Every line that is not a
    placement is yielded with its problems, never dropped; memory stays flat.

    Args:
        source: A binary file, or an iterable of byte lines.
        referensdatum: The date a 10-digit personnummer is read at (its century).

    Example:
        >>> rader = [b"id,placeringsform,lagrum,riktad_mot_missbruk,bistandsbedomd,"
        ...          b"startdatum,slutdatum,fodelsedatum\\n",
        ...          b"P-1,1,1,ja,ja,2026-01-10,2026-01-31,1980-05-10\\n",
        ...          b"P-2,1,9,ja,ja,2026-01-10,,1980-05-10\\n"]
        >>> for rad in las_placeringar(rader):
        ...     print(rad.radnummer, rad.post.id if rad.post else rad.fel)
        2 P-1
        3 ('lagrum: 9 är inte en kod i värdemängden Lagrum (giltiga koder: 1–4)',)
    """
    import csv
    import json

    kolumner: list[str] | None = None
    rubrikfel: str | None = None
    som_json: bool | None = None
    for nummer, rad in enumerate(_fysiska_rader(source), start=1):
        try:
            text = _text(nummer, rad)
            if not text.strip():
                raise _Radfel(["tom rad"])
            if som_json is None:
                som_json = text.lstrip().startswith("{")
            if som_json:
                try:
                    data = json.loads(text)
                except (json.JSONDecodeError, RecursionError):
                    raise _Radfel(["inte giltig JSON"]) from None
                if not isinstance(data, dict):
                    raise _Radfel(["raden är inte ett JSON-objekt"])
                yield Placeringsrad(radnummer=nummer, post=_post(data, False, referensdatum))
                continue
            if kolumner is None and rubrikfel is None:
                kolumner, rubrikfel = _rubrik(text)
                if rubrikfel is not None:
                    raise _Radfel([rubrikfel])
                continue
            if rubrikfel is not None:
                raise _Radfel(["rubrikraden (rad 1) kan inte läsas"])
            assert kolumner is not None
            try:
                (falt,) = csv.reader([text], strict=True)
            except (csv.Error, ValueError):
                raise _Radfel(["inte en giltig CSV-rad"]) from None
            if len(falt) != len(kolumner):
                raise _Radfel([f"{len(falt)} fält, rubrikraden har {len(kolumner)}"])
            varden: dict[str, object] = {
                k: v for k, v in zip(kolumner, falt, strict=True) if v != ""
            }
            varden.setdefault("slutdatum", None)  # the column is there: empty is ongoing
            yield Placeringsrad(radnummer=nummer, post=_post(varden, True, referensdatum))
        except _Radfel as fel:
            yield Placeringsrad(radnummer=nummer, fel=tuple(mask(p) for p in fel.args[0]))


def _rubrik(text: str) -> tuple[list[str] | None, str | None]:
    import csv

    try:
        (kolumner,) = csv.reader([text], strict=True)
    except (csv.Error, ValueError):
        return None, "rubrikraden är inte en giltig CSV-rad"
    kolumner = [k.strip() for k in kolumner]
    okanda = [k for k in kolumner if k not in _NAMN]
    if okanda:
        return None, f"okänd kolumn {okanda[0]!r} (kolumner: {', '.join(_NAMN)})"
    dubbla = sorted({k for k in kolumner if kolumner.count(k) > 1})
    if dubbla:
        return None, f"kolumnen {dubbla[0]!r} finns två gånger"
    saknas = [k for k in _KRAVS if k not in kolumner]
    if saknas:
        return None, f"kolumnen {saknas[0]!r} saknas"
    return kolumner, None


def _varde(varde: T | None) -> T:
    assert varde is not None  # a required field: missing or unreadable raised already
    return varde


def _post(varden: dict[str, object], fran_csv: bool, referensdatum: date | None) -> Post:
    problem: list[str] = []
    okanda = [k for k in varden if k not in _NAMN]
    problem += [f"{k}: okänd nyckel" for k in okanda[:3]]
    for namn in _KRAVS:
        if namn not in varden or (varden[namn] is None and namn != "slutdatum"):
            problem.append(f"{namn}: saknas")
    if problem:
        raise _Radfel(problem)

    def falt(namn: str, las: Callable[[object], T]) -> T | None:
        varde = varden.get(namn)
        if varde is None:
            return None
        try:
            return las(varde)
        except ValidationError as exc:
            problem.append(f"{namn}: {exc}")
            return None

    def heltal(v: object) -> object:
        # CSV gives text: "3" is the code 3; JSON gives the int itself.
        return int(v) if fran_csv and isinstance(v, str) and v.isascii() and v.isdigit() else v

    def sant(v: object) -> bool:
        if fran_csv and isinstance(v, str) and v.strip().lower() in _JA:
            return _JA[v.strip().lower()]
        if not fran_csv and type(v) is bool:
            return v
        raise ValidationError("ska vara ja eller nej" if fran_csv else "ska vara true eller false")

    def ar(v: object) -> int:
        v = heltal(v)
        if type(v) is not int:
            raise ValidationError("ska vara ett årtal ÅÅÅÅ")
        return v

    def pnr(v: object) -> Personnummer:
        if type(v) is not str:
            raise ValidationError("ska vara en sträng")
        return Personnummer.parse(v, referensdatum=referensdatum, ofullstandigt_datum=True)

    def text(v: object) -> str:
        if type(v) is not str or not v.strip():
            raise ValidationError("ska vara en sträng, inte tom")
        return v

    id = falt("id", text)
    form = falt("placeringsform", lambda v: Placeringsform.from_code(heltal(v)))
    lagrum = falt("lagrum", lambda v: Lagrum.from_code(heltal(v)))
    riktad = falt("riktad_mot_missbruk", sant)
    bistand = falt("bistandsbedomd", sant)
    start = falt("startdatum", las_datum)
    slut = falt("slutdatum", las_datum)
    personnummer = falt("personnummer", pnr)
    fodd = falt("fodelsedatum", las_datum)
    fodelsear = falt("fodelsear", ar)
    uppf = falt("uppfoljningsdatum", las_datum)
    intervju = falt("intervjudatum", las_datum)
    if problem:
        raise _Radfel(problem)
    try:
        placering = Placering(
            placeringsform=_varde(form),
            lagrum=_varde(lagrum),
            riktad_mot_missbruk=_varde(riktad),
            bistandsbedomd=_varde(bistand),
            startdatum=_varde(start),
            slutdatum=slut,
            fodelsedatum=fodd,
            personnummer=personnummer,
            fodelsear=fodelsear,
        )
    except InvalidPlacering as exc:
        raise _Radfel([str(exc)]) from None
    return Post(placering=placering, id=id, uppfoljningsdatum=uppf, intervjudatum=intervju)
