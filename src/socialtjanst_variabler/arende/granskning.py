"""Consistency checks of an ärende: :func:`granska` reports every finding at once.

Structural errors are refused when the model is built; here the data is well-formed and
the question is whether it hangs together and is complete. Each finding names a stable
rule id (:class:`Regel`), a severity (:class:`Allvarlighet`), the path of the field
(``insatser[0].avslut.datum``) and a Swedish explanation. Nothing is ever fixed.

The rules, their ids and their sources are listed on the docs page *Granskning*, generated
from :class:`Regel`.

Example:
    >>> from datetime import date
    >>> from socialtjanst_variabler.arende.modell import Arende, Avslut, Insats
    >>> a = Arende(
    ...     id="A-1",
    ...     aktualiseringsdatum=date(2026, 3, 1),
    ...     insatser=(Insats(beslutsdatum=date(2026, 2, 1), avslut=Avslut()),),
    ... )
    >>> for f in granska(a, vid=date(2026, 6, 1)):
    ...     print(f.regel, f.allvarlighet, f.falt)
    DATUMORDNING fel insatser[0].beslutsdatum
    SAKNAS saknas aktualiseringsorsak
    SAKNAS saknas juridiskt_kon
    SAKNAS saknas fodelsedatum
    SAKNAS saknas ursprung
    SAKNAS saknas hushallstyp
    SAKNAS saknas tidigare_kontakt
    SAKNAS saknas problematik
    SAKNAS saknas insatser[0].verkstallighetsdatum
    SAKNAS saknas insatser[0].insatstyp
    SAKNAS saknas insatser[0].avslut.datum
    SAKNAS saknas insatser[0].avslut.genomforande
    SAKNAS saknas insatser[0].avslut.avslutsorsak
"""

from __future__ import annotations

import enum
from datetime import date
from operator import attrgetter

import attrs

from socialtjanst_variabler._datum import alder
from socialtjanst_variabler.arende.modell import (
    Arende,
    Avslut,
    AvslutUtanInsats,
    Insats,
    Uppfoljning,
)
from socialtjanst_variabler.katalog import KATALOG
from socialtjanst_variabler.vardemangder import Avslutsorsak, Beslutsutfall, Forandring

__all__ = ["Allvarlighet", "Fynd", "Regel", "granska"]


class Allvarlighet(enum.StrEnum):
    """How serious a finding is."""

    #: The data contradicts itself or the spec, so the record is wrong.
    FEL = "fel"
    #: Probably wrong, or impossible to judge from what is recorded.
    VARNING = "varning"
    #: A variable that a step already passed should have recorded is absent.
    SAKNAS = "saknas"


class Regel(enum.StrEnum):
    """The consistency rules; the value is the stable rule id."""

    DATUMORDNING = "DATUMORDNING"
    FRAMTIDA_DATUM = "FRAMTIDA_DATUM"
    FORE_FODELSE = "FORE_FODELSE"
    PABORJADES_ALDRIG = "PABORJADES_ALDRIG"
    EFTER_DODSFALL = "EFTER_DODSFALL"
    VARDNADSHAVARE_VUXEN = "VARDNADSHAVARE_VUXEN"
    B2_UTAN_FORBATTRING = "B2_UTAN_FORBATTRING"
    AVSLAG_VERKSTALLT = "AVSLAG_VERKSTALLT"
    AVSLUT_UTAN_INSATS_MED_INSATS = "AVSLUT_UTAN_INSATS_MED_INSATS"
    SAKNAS = "SAKNAS"

    @property
    def allvarlighet(self) -> Allvarlighet:
        """The usual severity of this rule's findings.

        Two cases are warnings instead, judged when found: B2 answered while neither B1a
        nor B1b is, and an adult's guardian when the avslut has no date.
        """
        return Allvarlighet.SAKNAS if self is Regel.SAKNAS else Allvarlighet.FEL

    @property
    def beskrivning(self) -> str:
        """What the rule checks (Swedish), for the docs."""
        return _BESKRIVNING[self][0]

    @property
    def kalla(self) -> str:
        """Where the rule comes from (Swedish), for the docs."""
        return _BESKRIVNING[self][1]


_SKL = "SKL-2019"
_BESKRIVNING: dict[Regel, tuple[str, str]] = {
    Regel.DATUMORDNING: (
        "Datumen följer processen: aktualisering ≤ beslut ≤ verkställande ≤ uppföljning ≤ avslut.",
        f"{_SKL}: datumen ska kunna kopplas till processen för att bestämma handläggnings- "
        "och insatstider.",
    ),
    Regel.FRAMTIDA_DATUM: (
        "Inget datum ligger efter granskningsdagen.",
        "Ett registrerat datum beskriver något som har hänt.",
    ),
    Regel.FORE_FODELSE: (
        "Ingen händelse ligger före brukarens födelsedatum.",
        "Födelsedatum ur personnumret (variabel 3) eller angivet.",
    ),
    Regel.PABORJADES_ALDRIG: (
        "Avslutsorsak 8 ”Insatsen påbörjades aldrig” men ett datum för verkställande finns.",
        f"{_SKL}, variabel 11 och 20.",
    ),
    Regel.EFTER_DODSFALL: (
        "Avslutsorsak 7 ”Brukaren har avlidit”, men ärendet har händelser efter det "
        "avslutsdatumet.",
        f"{_SKL}, variabel 18 och 20.",
    ),
    Regel.VARDNADSHAVARE_VUXEN: (
        "Avslutsorsak 5 ”… på initiativ av vårdnadshavare” för en brukare som fyllt 18 år "
        "vid avslutet; vårdnadshavare finns bara för barn.",
        f"{_SKL}, variabel 20; föräldrabalken 6 kap.",
    ),
    Regel.B2_UTAN_FORBATTRING: (
        "B2 är besvarad fast varken B1a eller B1b visar en förbättring (fel), eller fast "
        "ingen av dem är besvarad (varning).",
        f"{_SKL}, bilaga 2: B2 ställs om situationen/livskvaliteten har förbättrats.",
    ),
    Regel.AVSLAG_VERKSTALLT: (
        "Beslutet om insatsen är avslag, men insatsen har ett datum för verkställande, en "
        "uppföljning eller ett avslut: det som avslagits verkställs aldrig.",
        f"{_SKL}, variabel 10 ”Datum för beslut om insats (eller ej)”; bibliotekets "
        "tillägg Beslutets utfall.",
    ),
    Regel.AVSLUT_UTAN_INSATS_MED_INSATS: (
        "Ärendet är avslutat utan beslut om insats, men har en insats som inte avslagits.",
        "Bibliotekets tillägg Avslut utan insats: ett ärende med en beviljad insats "
        "avslutas genom insatsens avslut (variabel 18).",
    ),
    Regel.SAKNAS: (
        "En variabel saknas i ett steg som processen redan har passerat: variabel 1–2 i "
        "varje ärende; 4–9 när ärendet har en insats (4–5 inte för en anonym brukare, 5 "
        "inte när födelseåret är känt men inte hela datumet); 10 och 12 i varje insats; "
        "11 när insatsen följts upp eller avslutats av annan orsak än att den aldrig "
        "påbörjades, och aldrig efter avslag; 13–17 i varje uppföljning; 18–20 i varje "
        "avslut; datum och orsak i ett avslut utan insats.",
        f"{_SKL}, processtegen och variablernas placering i dem.",
    ),
}


@attrs.frozen(kw_only=True)
class Fynd:
    """One finding of :func:`granska`.

    Attributes:
        regel: the rule broken.
        allvarlighet: fel, varning or saknas.
        falt: the path of the field, e.g. ``insatser[0].avslut.datum``.
        text: a Swedish explanation (never containing a personnummer).
    """

    regel: Regel
    allvarlighet: Allvarlighet
    falt: str
    text: str


def _fynd(regel: Regel, falt: str, text: str, allvarlighet: Allvarlighet | None = None) -> Fynd:
    return Fynd(regel=regel, allvarlighet=allvarlighet or regel.allvarlighet, falt=falt, text=text)


# Each rule first asks its question of the data in the cheapest way (``max`` of the
# dates, ``all`` of the fields, comparisons of dates kept in locals) and builds field
# paths and findings only when the answer is yes: most ärenden have no findings.


_AVSLUT_UTAN_INSATS = "avslut_utan_insats.datum"


def _plats(i: int, var: str | int | None) -> str:
    """The path of a date in insats *i*: None is the aktualisering, an int the date of
    that uppföljning, a str a field of the insats; the ärende's avslut utan insats is
    its own path, whatever *i*."""
    if var is None:
        return "aktualiseringsdatum"
    if isinstance(var, int):
        return f"insatser[{i}].uppfoljningar[{var}].datum"
    if var == _AVSLUT_UTAN_INSATS:
        return var
    return f"insatser[{i}].{var}"


def _handelser(arende: Arende) -> list[tuple[date, int, str | int | None]]:
    """Every recorded event date of the ärende, with where it is (see _plats)."""
    out: list[tuple[date, int, str | int | None]] = []
    if arende.aktualiseringsdatum:
        out.append((arende.aktualiseringsdatum, 0, None))
    for i, insats in enumerate(arende.insatser):
        for namn in ("beslutsdatum", "verkstallighetsdatum"):
            if d := getattr(insats, namn):
                out.append((d, i, namn))
        for j, u in enumerate(insats.uppfoljningar):
            if u.datum:
                out.append((u.datum, i, j))
        if insats.avslut and insats.avslut.datum:
            out.append((insats.avslut.datum, i, "avslut.datum"))
    if arende.avslut_utan_insats and arende.avslut_utan_insats.datum:
        out.append((arende.avslut_utan_insats.datum, 0, _AVSLUT_UTAN_INSATS))
    return out


def _fore(i: int, var: str | int, senast: str | int | None) -> Fynd:
    return _fynd(Regel.DATUMORDNING, _plats(i, var), f"ligger före {_plats(i, senast)}")


def _datumordning(akt: date | None, i: int, insats: Insats, ut: list[Fynd]) -> None:
    """DATUMORDNING within insats *i*: aktualisering ≤ beslut ≤ verkställande ≤
    uppföljning ≤ avslut."""
    # The latest date so far, and where it is (see _plats).
    senast, var = akt, None
    for namn in ("beslutsdatum", "verkstallighetsdatum"):
        d = getattr(insats, namn)
        if d is None:
            continue
        if senast is not None and d < senast:
            ut.append(_fore(i, namn, var))
        if senast is None or d > senast:
            senast, var = d, namn
    # Uppföljningar may come in any order among themselves; the avslut comes after all.
    hogst = senast
    hogst_var: str | int | None = var
    for j, u in enumerate(insats.uppfoljningar):
        d = u.datum
        if d is None:
            continue
        if senast is not None and d < senast:
            ut.append(_fore(i, j, var))
        if hogst is None or d > hogst:
            hogst, hogst_var = d, j
    slut = insats.avslut.datum if insats.avslut else None
    if slut and hogst and slut < hogst:
        ut.append(_fore(i, "avslut.datum", hogst_var))


def _tidslinje(arende: Arende, vid: date, datum: list[date], ut: list[Fynd]) -> None:
    """FRAMTIDA_DATUM and FORE_FODELSE, for the ärende's event *datum*."""
    fodd = arende.fodelsedatum
    if fodd is None and arende.fodelsear is not None:
        # Only the year is known: an event before it is certainly before birth.
        fodd = date(arende.fodelsear, 1, 1)
    if fodd and fodd > vid:
        falt = "fodelsedatum" if arende.fodelsedatum else "fodelsear"
        ut.append(_fynd(Regel.FRAMTIDA_DATUM, falt, f"ligger efter granskningsdagen {vid}"))
    if not datum or (max(datum) <= vid and (fodd is None or min(datum) >= fodd)):
        return
    for d, i, var in _handelser(arende):
        if d > vid:
            ut.append(
                _fynd(Regel.FRAMTIDA_DATUM, _plats(i, var), f"ligger efter granskningsdagen {vid}")
            )
        if fodd and d < fodd:
            ut.append(
                _fynd(Regel.FORE_FODELSE, _plats(i, var), "ligger före brukarens födelsedatum")
            )


def _avslut(arende: Arende, vid: date, i: int, insats: Insats, ut: list[Fynd]) -> None:
    """The rules on avslutsorsak (variable 20), for an insats whose avslut has one."""
    a = insats.avslut
    assert a is not None  # called only for an insats with an avslut
    orsak = a.avslutsorsak
    if orsak is Avslutsorsak.PABORJADES_ALDRIG and insats.verkstallighetsdatum:
        ut.append(
            _fynd(
                Regel.PABORJADES_ALDRIG,
                f"insatser[{i}].verkstallighetsdatum",
                "insatsen påbörjades aldrig enligt avslutsorsaken men har ett datum för "
                "verkställande",
            )
        )
    elif orsak is Avslutsorsak.BRUKAREN_HAR_AVLIDIT and a.datum:
        for d, annan, var in _handelser(arende):  # annan: the insats of that event
            if d > a.datum:
                ut.append(
                    _fynd(
                        Regel.EFTER_DODSFALL,
                        _plats(annan, var),
                        f"ligger efter insatser[{i}].avslut.datum, då brukaren enligt "
                        "avslutsorsaken har avlidit",
                    )
                )
    elif orsak is Avslutsorsak.AVBRYTS_AV_VARDNADSHAVARE:
        fodd = arende.fodelsedatum
        if fodd is not None and alder(fodd, a.datum or vid) >= 18:
            # Without an avslut date only the age today is known: the client may have
            # been a child when the insats ended.
            ut.append(
                _fynd(
                    Regel.VARDNADSHAVARE_VUXEN,
                    f"insatser[{i}].avslut.avslutsorsak",
                    "avbruten på initiativ av vårdnadshavare, men brukaren hade fyllt 18 år"
                    if a.datum
                    else "avbruten på initiativ av vårdnadshavare, men brukaren har fyllt "
                    "18 år och avslutsdatum saknas",
                    None if a.datum else Allvarlighet.VARNING,
                )
            )


_FORBATTRING = frozenset(m for m in Forandring if m.is_forbattring)


def _b2(i: int, j: int, u: Uppfoljning, ut: list[Fynd]) -> None:
    """B2 answered although neither B1a nor B1b shows an improvement."""
    ut.append(
        _fynd(
            Regel.B2_UTAN_FORBATTRING,
            f"insatser[{i}].uppfoljningar[{j}].b2",
            "B2 ställs bara när B1a eller B1b visar en förbättring",
        )
        if u.b1a is not None or u.b1b is not None
        else _fynd(
            Regel.B2_UTAN_FORBATTRING,
            f"insatser[{i}].uppfoljningar[{j}].b2",
            "B2 är besvarad men varken B1a eller B1b, så villkoret kan inte prövas",
            Allvarlighet.VARNING,
        )
    )


# Completeness is driven by the catalog's field paths: which variables each level holds,
# as (attribute, message) pairs. Variable 3 is optional (some clients have none) and the
# client may decline the user questions.
def _falt_under(niva: str) -> tuple[tuple[str, str], ...]:
    return tuple(
        (v.falt.rpartition(".")[2], f"variabel {v.nummer} {v.namn} saknas")
        for v in KATALOG
        if v.falt.rpartition(".")[0] == niva and not v.is_brukarfraga and v.nummer != "3"
    )


class _Saknas:
    """SAKNAS for some fields of one level of the model: ``all(s.varden(obj))`` screens
    (a registered value is never false: a date, a code from 1, a non-empty multi-choice;
    were one false, ``fynd`` would still judge it right), ``s.fynd`` says which."""

    def __init__(self, falt: tuple[tuple[str, str], ...]) -> None:
        assert len(falt) > 1, "attrgetter of one name gives the bare value, not a tuple"
        self.falt = falt
        self.varden = attrgetter(*(namn for namn, _ in falt))

    def fynd(
        self,
        obj: Arende | Insats | Uppfoljning | Avslut | AvslutUtanInsats,
        prefix: str,
        ut: list[Fynd],
    ) -> None:
        ut += [
            _fynd(Regel.SAKNAS, prefix + namn, text)
            for namn, text in self.falt
            if getattr(obj, namn) is None
        ]


_ARENDE_FALT = _falt_under("")
_INSATS_FALT = _falt_under("insatser[]")
_ARENDE = _Saknas(_ARENDE_FALT)
# Birth date (5) not due when the birth year is all there is to know; legal sex and birth
# (4, 5) not due for an anonymous client.
_ARENDE_UTAN_DATUM = _Saknas(tuple(f for f in _ARENDE_FALT if f[0] != "fodelsedatum"))
_ARENDE_ANONYM = _Saknas(
    tuple(f for f in _ARENDE_FALT if f[0] not in {"fodelsedatum", "juridiskt_kon"})
)
_AKTUALISERING = _Saknas(_ARENDE_FALT[:2])  # variables 1 and 2: expected before any utredning
_INSATS = _Saknas(_INSATS_FALT)
_UTAN_VERKSTALLIGHET = _Saknas(tuple(f for f in _INSATS_FALT if f[0] != "verkstallighetsdatum"))
_UPPFOLJNING = _Saknas(_falt_under("insatser[].uppfoljningar[]"))
_AVSLUT = _Saknas(_falt_under("insatser[].avslut"))
_UTAN_INSATS = _Saknas(
    (
        ("datum", "datum för avslut utan beslut om insats saknas"),
        ("orsak", "orsak till avslut utan beslut om insats saknas"),
    )
)


def _avslag(i: int, insats: Insats, ut: list[Fynd]) -> None:
    """AVSLAG_VERKSTALLT: a refused insats with a trace of being carried out."""
    spar = [
        (namn, text)
        for namn, text, finns in (
            (
                "verkstallighetsdatum",
                "har ett datum för verkställande",
                insats.verkstallighetsdatum,
            ),
            ("uppfoljningar", "har uppföljningar", insats.uppfoljningar),
            ("avslut", "har ett avslut", insats.avslut),
        )
        if finns
    ]
    ut += [
        _fynd(Regel.AVSLAG_VERKSTALLT, f"insatser[{i}].{namn}", f"insatsen avslogs men {text}")
        for namn, text in spar
    ]


def _saknas_i(arende: Arende) -> _Saknas:
    """The variables of the ärende itself that are due by now."""
    if not arende.insatser:
        return _AKTUALISERING
    if arende.anonym:
        return _ARENDE_ANONYM
    if arende.fodelsedatum is None and arende.fodelsear is not None:
        return _ARENDE_UTAN_DATUM
    return _ARENDE


def _utan_insats(
    arende: Arende,
    slut: AvslutUtanInsats,
    ordning: list[Fynd],
    ut: list[Fynd],
    saknas: list[Fynd],
) -> None:
    """The rules on an ärende ended without a beslut on insats."""
    akt = arende.aktualiseringsdatum
    if akt and slut.datum and slut.datum < akt:
        ordning.append(
            _fynd(Regel.DATUMORDNING, _AVSLUT_UTAN_INSATS, "ligger före aktualiseringsdatum")
        )
    for i, insats in enumerate(arende.insatser):
        if insats.beslut is not Beslutsutfall.AVSLAG:
            ut.append(
                _fynd(
                    Regel.AVSLUT_UTAN_INSATS_MED_INSATS,
                    f"insatser[{i}]",
                    "ärendet är avslutat utan beslut om insats men har en insats som inte "
                    "avslagits",
                )
            )
    if not all(_UTAN_INSATS.varden(slut)):
        _UTAN_INSATS.fynd(slut, "avslut_utan_insats.", saknas)


def granska(arende: Arende, *, vid: date) -> tuple[Fynd, ...]:
    """Every consistency and completeness finding of *arende* as of *vid*, at once.

    Findings come in a stable order: dates (order, future, before birth), the avslut
    rules, B2, then completeness.
    """
    ordning: list[Fynd] = []
    avslut: list[Fynd] = []
    b2: list[Fynd] = []
    saknas: list[Fynd] = []
    akt = arende.aktualiseringsdatum
    datum = [akt]
    insatser = arende.insatser
    falt = _saknas_i(arende)
    if not all(falt.varden(arende)):
        falt.fynd(arende, "", saknas)
    utan_insats = arende.avslut_utan_insats
    if utan_insats is not None:
        datum.append(utan_insats.datum)
        _utan_insats(arende, utan_insats, ordning, avslut, saknas)
    for i, insats in enumerate(insatser):
        _datumordning(akt, i, insats, ordning)
        datum += (insats.beslutsdatum, insats.verkstallighetsdatum)
        uppfoljningar = insats.uppfoljningar
        slut = insats.avslut
        if insats.beslut is Beslutsutfall.AVSLAG:
            # Refused: only the beslut and what was applied for are due.
            _avslag(i, insats, avslut)
            if not all(_UTAN_VERKSTALLIGHET.varden(insats)):
                _UTAN_VERKSTALLIGHET.fynd(insats, f"insatser[{i}].", saknas)
            continue
        if slut is not None:
            datum.append(slut.datum)
            if slut.avslutsorsak is not None:
                _avslut(arende, vid, i, insats, avslut)
        # Verkställande is due once the insats is followed up, or ended for any other
        # reason than that it never started.
        falt = (
            _INSATS
            if uppfoljningar
            or (slut is not None and slut.avslutsorsak is not Avslutsorsak.PABORJADES_ALDRIG)
            else _UTAN_VERKSTALLIGHET
        )
        if not all(falt.varden(insats)):
            falt.fynd(insats, f"insatser[{i}].", saknas)
        for j, u in enumerate(uppfoljningar):
            datum.append(u.datum)
            if u.b2 is not None and u.b1a not in _FORBATTRING and u.b1b not in _FORBATTRING:
                _b2(i, j, u, b2)
            if not all(_UPPFOLJNING.varden(u)):
                _UPPFOLJNING.fynd(u, f"insatser[{i}].uppfoljningar[{j}].", saknas)
        if slut is not None and not all(_AVSLUT.varden(slut)):
            _AVSLUT.fynd(slut, f"insatser[{i}].avslut.", saknas)
    _tidslinje(arende, vid, list(filter(None, datum)), ordning)  # a date is never false
    return (*ordning, *avslut, *b2, *saknas)
