"""UIV: which ended placements must be followed up, why, and by when.

UIV (*Uppföljning av Insatser för Vuxna*) follows up every ended placement for missbruk
that meets the method's criteria: the social worker answers the background and rating
questions ("bakgrundsfrågorna och sina skattningsfrågor"), and the client is interviewed,
preferably within one month of the end ("bör intervjun genomföras inom en månad från det
att biståndet avslutades").

A placement (:class:`Placering`) shall be followed up with module UIV when all of these
hold (DESIGN.md, "UIV eligibility", which settles what the method text leaves open):

- placeringsform is institution, familjehem för vuxna or öppenvård;
- lagrum is SoL, LVM or § 27 LVM;
- it is riktad mot missbruk;
- the client is at least 20 years old on the start date ("vid inledningen av
  placeringen");
- it lasted at least 7 days, counting both the start and the end day ("minst 7 dagar";
  the method's introduction says "mer än sju dagar", the criteria list rules);
- it is not a non-biståndsbedömd treatment in öppenvård: those are routed to module
  UIV-EB ("använd modul UIV-EB för dessa uppföljningar"). Care under LVM or § 27 LVM is
  never bistånd, and is followed up with UIV all the same.

Each ended placement is judged on its own, even when it runs straight into the next
(:func:`bedom_alla`). :func:`bedom` returns a :class:`Bedomning` that lists *every* unmet
criterion (:class:`Skal`), not only the first. The thresholds are named defaults in
:class:`Troskelvarden` (:data:`STANDARD`) that a caller can override in one object.
:func:`status` gives the state for a vendor's task list at a given date.

Source: the UIV method description, "Missbruk: institution, familjehem och öppenvård"
(seed 000).

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
from collections.abc import Callable, Iterable
from datetime import date

import attrs

from socialtjanst_variabler._datum import alder, ar_datum, dagar, plus_manader
from socialtjanst_variabler.errors import InvalidPlacering, InvalidValue
from socialtjanst_variabler.identitet.personnummer import Personnummer
from socialtjanst_variabler.vardemangder._base import Vardemangd

__all__ = [
    "STANDARD",
    "Bedomning",
    "Lagrum",
    "Modul",
    "Placering",
    "Placeringsform",
    "Skal",
    "Status",
    "Troskelvarden",
    "bedom",
    "bedom_alla",
    "status",
]


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
    it); ``ANNAT`` covers any other law and placements with none recorded.
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
    (:class:`Troskelvarden`), so the labels of ``FOR_UNG`` and ``FOR_KORT`` name
    no number; :attr:`Bedomning.forklaringar` gives the sentences with the numbers applied.
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


@enum.verify(enum.UNIQUE, enum.CONTINUOUS)
class Status(Vardemangd):
    """The state of a placement's UIV follow-up at a date, for a vendor's task list.

    ``FORSENAD`` refers to the *recommended* interview date
    (:attr:`Bedomning.intervju_senast`): the follow-up itself stays due, with or without
    an interview.
    """

    PAGAENDE = (
        1,
        "Inte aktuell ännu: placeringen pågår",
        "Uppföljning kan bli aktuell när placeringen avslutas",
    )
    ATT_GORA = 2, "Uppföljning ska göras", "Intervjun bör göras senast intervju_senast"
    FORSENAD = (
        3,
        "Försenad: rekommenderat sista datum för intervjun har passerat",
        "Uppföljningen ska fortfarande göras, med eller utan intervju",
    )
    KLAR = 4, "Klar: intervjun är gjord"
    EJ_AKTUELL = 5, "Ska inte följas upp med UIV"


# --- thresholds -----------------------------------------------------------------------------


def _heltal(minst: int) -> Callable[[object, attrs.Attribute[int], int], None]:
    def check(_instance: object, attribute: attrs.Attribute[int], value: int) -> None:
        if type(value) is not int or value < minst:
            raise InvalidValue(attribute.name, f"måste vara ett heltal, minst {minst}")

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
            month's end. Default 1.

    Raises:
        InvalidValue: a threshold that is not an int, or below its least value
            (0 years, 1 day, 0 months).

    Example:
        >>> Troskelvarden(min_dagar=8)
        Troskelvarden(min_alder=20, min_dagar=8, intervju_inom_manader=1)
    """

    min_alder: int = attrs.field(default=20, validator=_heltal(0))
    min_dagar: int = attrs.field(default=7, validator=_heltal(1))
    intervju_inom_manader: int = attrs.field(default=1, validator=_heltal(0))


#: The method's thresholds (20 years, 7 days, 1 month).
STANDARD = Troskelvarden()


# --- the placement --------------------------------------------------------------------------


def _datum(falt: str, value: object) -> date:
    if not ar_datum(value):
        raise InvalidPlacering(falt, "måste vara ett datum (datetime.date, inte datetime)")
    return value


def _sant_falskt(falt: str, value: object) -> bool:
    if type(value) is not bool:
        raise InvalidPlacering(falt, "måste vara True eller False")
    return value


@attrs.frozen(init=False)
class Placering:
    """One placement of a client, as the UIV rule needs it (immutable).

    Give the client's birth date either directly (``fodelsedatum``) or through a
    ``Personnummer`` (``personnummer``); with
    both, they must agree. ``slutdatum`` is required, ``None`` while the placement is
    ongoing, so that a forgotten end date cannot silently hide a follow-up.

    Attributes:
        placeringsform: Institution, familjehem för vuxna, öppenvård, or another form.
        lagrum: SoL, LVM, § 27 LVM, or another law / none.
        riktad_mot_missbruk: The placement targets missbruk.
        bistandsbedomd: The placement is a biståndsbedömd insats. Only matters for
            öppenvård: LVM care is not bistånd and is followed up all the same.
        startdatum: The first day of the placement.
        slutdatum: The last day of the placement, ``None`` while ongoing.
        fodelsedatum: The client's birth date.
        personnummer: The client's personnummer, when given (masked in ``repr``).

    Raises:
        InvalidPlacering: a field of the wrong type, the end before the start, the birth
            after the start, no birth date at all, or a birth date that contradicts the
            personnummer.

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
        fodelsedatum: ange fodelsedatum eller personnummer
    """

    placeringsform: Placeringsform
    lagrum: Lagrum
    riktad_mot_missbruk: bool
    bistandsbedomd: bool
    startdatum: date
    slutdatum: date | None
    fodelsedatum: date
    personnummer: Personnummer | None

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
        fodelsedatum = _klientens_fodelsedatum(fodelsedatum, personnummer)
        if fodelsedatum > startdatum:
            raise InvalidPlacering(
                "fodelsedatum", "klientens födelsedatum ligger efter placeringens startdatum"
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
        )


def _klientens_fodelsedatum(fodelsedatum: date | None, personnummer: object) -> date:
    if personnummer is None:
        if fodelsedatum is None:
            raise InvalidPlacering("fodelsedatum", "ange fodelsedatum eller personnummer")
        return _datum("fodelsedatum", fodelsedatum)
    if not isinstance(personnummer, Personnummer):
        raise InvalidPlacering("personnummer", "måste vara en Personnummer (Personnummer.parse)")
    fran_personnummer = personnummer.fodelsedatum
    # Never echo the dates: together with the personnummer they identify the client.
    if fodelsedatum is not None and _datum("fodelsedatum", fodelsedatum) != fran_personnummer:
        raise InvalidPlacering("fodelsedatum", "stämmer inte med personnumrets födelsedatum")
    return fran_personnummer


# --- the judgement --------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class Bedomning:
    """The result of :func:`bedom` for one placement (immutable).

    Attributes:
        placering: The placement judged.
        troskelvarden: The thresholds applied.
        skal: Every criterion the placement does not meet, in code order; empty when it
            meets them all. While the placement is ongoing, ``Skal.FOR_KORT`` is never
            listed (the length is judged at the end); the other criteria are.
        modul: ``Modul.UIV`` when the placement shall be followed up;
            ``Modul.UIV_EB`` for an ended non-biståndsbedömd treatment in öppenvård
            that meets every other criterion (then :attr:`ska_foljas_upp` is ``False``:
            "Uppföljning ska inte göras", it is routed instead); otherwise ``None``,
            also while the placement is ongoing.
        intervju_senast: When the placement shall be followed up, the end date plus
            :attr:`Troskelvarden.intervju_inom_manader` calendar months, clamped to the
            month's end: the date by which the interview *should* (bör) be held. A
            recommendation, not a condition. Otherwise ``None``.
        alder_vid_start: The client's age in completed years on the start date.
        antal_dagar: The length in days, counting the start and the end day; ``None``
            while ongoing.
    """

    placering: Placering
    troskelvarden: Troskelvarden
    skal: tuple[Skal, ...]
    modul: Modul | None
    intervju_senast: date | None
    alder_vid_start: int
    antal_dagar: int | None

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
        """Whether the outcome is settled.

        True when the placement has ended, or when a criterion other than the length is
        already unmet (an ongoing placement can then never qualify).
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
        match skal:
            case Skal.FOR_UNG:
                return (
                    f"Klienten var {self.alder_vid_start} år vid inledningen av placeringen;"
                    f" UIV kräver minst {t.min_alder} år"
                )
            case Skal.FOR_KORT:
                return (
                    f"Placeringen varade {_dagar_text(self.antal_dagar)} (start- och slutdag"
                    f" medräknade); UIV kräver minst {_dagar_text(t.min_dagar)}"
                )
            case _:
                return skal.label

    def status(self, *, vid: date, intervju_datum: date | None = None) -> Status:
        """The follow-up's state on *vid*; see :func:`status`."""
        _datum("vid", vid)
        if intervju_datum is not None and _datum("intervju_datum", intervju_datum) < (
            self.placering.startdatum
        ):
            raise InvalidPlacering(
                "intervju_datum", "intervjun ligger före placeringens startdatum"
            )
        slutdatum = self.placering.slutdatum
        if self.skal:
            return Status.EJ_AKTUELL
        if slutdatum is None or vid < slutdatum:
            return Status.PAGAENDE
        if intervju_datum is not None and intervju_datum <= vid:
            return Status.KLAR
        assert self.intervju_senast is not None  # an ended placement without skal
        if vid <= self.intervju_senast:
            return Status.ATT_GORA
        return Status.FORSENAD


def _dagar_text(antal: int | None) -> str:
    return "1 dag" if antal == 1 else f"{antal} dagar"


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

    Example:
        Non-biståndsbedömd treatment in öppenvård is routed to UIV-EB:

        >>> pl = Placering(
        ...     placeringsform=Placeringsform.OPPENVARD,
        ...     lagrum=Lagrum.SOL,
        ...     riktad_mot_missbruk=True,
        ...     bistandsbedomd=False,
        ...     startdatum=date(2026, 1, 5),
        ...     slutdatum=date(2026, 3, 31),
        ...     fodelsedatum=date(1990, 1, 1),
        ... )
        >>> b = bedom(pl)
        >>> b.ska_foljas_upp, b.modul, b.skal
        (False, <Modul.UIV_EB: 2>, (<Skal.EJ_BISTANDSBEDOMD_OPPENVARD: 6>,))

        A threshold overridden:

        >>> bedom(pl, troskelvarden=Troskelvarden(min_dagar=90)).skal
        (<Skal.FOR_KORT: 5>, <Skal.EJ_BISTANDSBEDOMD_OPPENVARD: 6>)
    """
    t = troskelvarden
    p = placering
    alder_vid_start = alder(p.fodelsedatum, p.startdatum)
    antal_dagar = None if p.slutdatum is None else dagar(p.startdatum, p.slutdatum) + 1

    skal: list[Skal] = []
    if p.placeringsform is Placeringsform.ANNAN:
        skal.append(Skal.FEL_PLACERINGSFORM)
    if p.lagrum is Lagrum.ANNAT:
        skal.append(Skal.FEL_LAGRUM)
    if not p.riktad_mot_missbruk:
        skal.append(Skal.EJ_RIKTAD_MOT_MISSBRUK)
    if alder_vid_start < t.min_alder:
        skal.append(Skal.FOR_UNG)
    if antal_dagar is not None and antal_dagar < t.min_dagar:
        skal.append(Skal.FOR_KORT)
    # LVM and § 27 LVM care is never bistånd, and is followed up all the same.
    tvang = p.lagrum in (Lagrum.LVM, Lagrum.LVM_27)
    if p.placeringsform is Placeringsform.OPPENVARD and not p.bistandsbedomd and not tvang:
        skal.append(Skal.EJ_BISTANDSBEDOMD_OPPENVARD)

    modul: Modul | None = None
    intervju_senast: date | None = None
    if p.slutdatum is not None:
        if not skal:
            modul = Modul.UIV
            intervju_senast = _intervju_senast(p.slutdatum, t.intervju_inom_manader)
        elif skal == [Skal.EJ_BISTANDSBEDOMD_OPPENVARD]:
            modul = Modul.UIV_EB
    return Bedomning(
        placering=p,
        troskelvarden=t,
        skal=tuple(skal),
        modul=modul,
        intervju_senast=intervju_senast,
        alder_vid_start=alder_vid_start,
        antal_dagar=antal_dagar,
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


def status(
    placering: Placering | Bedomning, *, vid: date, intervju_datum: date | None = None
) -> Status:
    """The state of a placement's UIV follow-up on *vid*, for a vendor's task list.

    In order:

    - ``Status.EJ_AKTUELL``: a criterion is unmet (also while still ongoing, when a
      criterion other than the length already fails; UIV-EB routing included);
    - ``Status.PAGAENDE``: not yet due, the placement is ongoing or has not ended by
      *vid*;
    - ``Status.KLAR``: the interview was held (``intervju_datum`` on or before *vid*;
      a later date counts as not yet held);
    - ``Status.ATT_GORA``: due, *vid* on or before :attr:`Bedomning.intervju_senast`;
    - ``Status.FORSENAD``: the recommended interview date has passed; the follow-up
      (background and rating questions) is still due, with or without an interview.

    A :class:`Placering` is judged with the :data:`STANDARD` thresholds; pass a
    :class:`Bedomning` to use others.

    Raises:
        InvalidPlacering: *vid* or *intervju_datum* is not a date, or the interview lies
            before the placement's start.

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
        >>> status(pl, vid=date(2024, 3, 1), intervju_datum=date(2024, 2, 10))
        <Status.KLAR: 4>
    """
    if isinstance(placering, Placering):
        placering = bedom(placering)
    return placering.status(vid=vid, intervju_datum=intervju_datum)
