"""Consistency checks of an ärende: :func:`granska` reports every finding at once.

Structural errors are refused when the model is built; here the data is well-formed and
the question is whether it hangs together and is complete. Each finding names a stable
rule id (:class:`Regel`), a severity (:class:`Allvarlighet`), the path of the field
(``insatser[0].avslut.datum``) and a Swedish explanation. Nothing is ever fixed.

The rules, their ids and their sources are listed on the docs page *Granskning*, generated
from :class:`Regel`.

Example:
    >>> from datetime import date
    >>> from socialtjanst_variabler.arende import Arende, Avslut, Insats
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
from collections.abc import Iterator
from datetime import date

import attrs

from socialtjanst_variabler._datum import alder
from socialtjanst_variabler.arende import Arende, Avslut, Insats, Uppfoljning
from socialtjanst_variabler.katalog import KATALOG
from socialtjanst_variabler.vardemangder import Avslutsorsak

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
    Regel.SAKNAS: (
        "En variabel saknas i ett steg som processen redan har passerat: variabel 1–2 i "
        "varje ärende; 4–9 när ärendet har en insats; 10 och 12 i varje insats; 11 när "
        "insatsen följts upp eller avslutats av annan orsak än att den aldrig påbörjades; "
        "13–17 i varje uppföljning; 18–20 i varje avslut.",
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


# An event is (date, where); ``where`` becomes a field path only for a finding, since
# building every path up front would cost more than the checks themselves.
_Var = tuple[int, str] | tuple[int, str, int]


def _falt(where: str | _Var) -> str:
    if isinstance(where, str):
        return where
    if len(where) == 3:
        return f"insatser[{where[0]}].uppfoljningar[{where[2]}].datum"
    return f"insatser[{where[0]}].{where[1]}"


def _handelser(arende: Arende) -> list[tuple[date, str | _Var]]:
    """Every recorded event date of the ärende, with where it is recorded."""
    out: list[tuple[date, str | _Var]] = []
    if arende.aktualiseringsdatum:
        out.append((arende.aktualiseringsdatum, "aktualiseringsdatum"))
    for i, insats in enumerate(arende.insatser):
        if insats.beslutsdatum:
            out.append((insats.beslutsdatum, (i, "beslutsdatum")))
        if insats.verkstallighetsdatum:
            out.append((insats.verkstallighetsdatum, (i, "verkstallighetsdatum")))
        for j, u in enumerate(insats.uppfoljningar):
            if u.datum:
                out.append((u.datum, (i, "uppfoljningar", j)))
        if insats.avslut and insats.avslut.datum:
            out.append((insats.avslut.datum, (i, "avslut.datum")))
    return out


def _fore(where: str | _Var, senast: tuple[date, str | _Var]) -> Fynd:
    return _fynd(Regel.DATUMORDNING, _falt(where), f"ligger före {_falt(senast[1])}")


def _datumordning(arende: Arende) -> Iterator[Fynd]:
    akt = arende.aktualiseringsdatum
    for i, insats in enumerate(arende.insatser):
        senast: tuple[date, str | _Var] | None = (akt, "aktualiseringsdatum") if akt else None
        for d, where in (
            (insats.beslutsdatum, (i, "beslutsdatum")),
            (insats.verkstallighetsdatum, (i, "verkstallighetsdatum")),
        ):
            if d is None:
                continue
            if senast and d < senast[0]:
                yield _fore(where, senast)
            if senast is None or d > senast[0]:
                senast = (d, where)
        efter_uppf = senast
        for j, u in enumerate(insats.uppfoljningar):
            if u.datum is None:
                continue
            if senast and u.datum < senast[0]:
                yield _fore((i, "uppfoljningar", j), senast)
            if efter_uppf is None or u.datum > efter_uppf[0]:
                efter_uppf = (u.datum, (i, "uppfoljningar", j))
        slut = insats.avslut.datum if insats.avslut else None
        if slut and efter_uppf and slut < efter_uppf[0]:
            yield _fore((i, "avslut.datum"), efter_uppf)


def _avslut(arende: Arende, vid: date, handelser: list[tuple[date, str | _Var]]) -> Iterator[Fynd]:
    for i, insats in enumerate(arende.insatser):
        a = insats.avslut
        if a is None or a.avslutsorsak is None:
            continue
        p = f"insatser[{i}]"
        orsak = a.avslutsorsak
        if orsak is Avslutsorsak.PABORJADES_ALDRIG and insats.verkstallighetsdatum:
            yield _fynd(
                Regel.PABORJADES_ALDRIG,
                f"{p}.verkstallighetsdatum",
                "insatsen påbörjades aldrig enligt avslutsorsaken men har ett datum för "
                "verkställande",
            )
        if orsak is Avslutsorsak.BRUKAREN_HAR_AVLIDIT and a.datum:
            for d, where in handelser:
                if d > a.datum:
                    yield _fynd(
                        Regel.EFTER_DODSFALL,
                        _falt(where),
                        f"ligger efter {p}.avslut.datum, då brukaren enligt avslutsorsaken "
                        "har avlidit",
                    )
        fodd = arende.fodelsedatum
        vuxen = fodd is not None and alder(fodd, a.datum or vid) >= 18
        if orsak is Avslutsorsak.AVBRYTS_AV_VARDNADSHAVARE and vuxen:
            # Without an avslut date only the age today is known: the client may have
            # been a child when the insats ended.
            yield _fynd(
                Regel.VARDNADSHAVARE_VUXEN,
                f"{p}.avslut.avslutsorsak",
                "avbruten på initiativ av vårdnadshavare, men brukaren hade fyllt 18 år"
                if a.datum
                else "avbruten på initiativ av vårdnadshavare, men brukaren har fyllt 18 år "
                "och avslutsdatum saknas",
                None if a.datum else Allvarlighet.VARNING,
            )


def _b2(arende: Arende) -> Iterator[Fynd]:
    for i, insats in enumerate(arende.insatser):
        for j, u in enumerate(insats.uppfoljningar):
            if u.b2 is None:
                continue
            falt = f"insatser[{i}].uppfoljningar[{j}].b2"
            svar = [b for b in (u.b1a, u.b1b) if b is not None]
            if not svar:
                yield _fynd(
                    Regel.B2_UTAN_FORBATTRING,
                    falt,
                    "B2 är besvarad men varken B1a eller B1b, så villkoret kan inte prövas",
                    Allvarlighet.VARNING,
                )
            elif not any(b.is_forbattring for b in svar):
                yield _fynd(
                    Regel.B2_UTAN_FORBATTRING,
                    falt,
                    "B2 ställs bara när B1a eller B1b visar en förbättring",
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


_ARENDE = _falt_under("")
_AKTUALISERING = _ARENDE[:2]  # variables 1 and 2: expected before any utredning
_INSATS = _falt_under("insatser[]")
_UTAN_VERKSTALLIGHET = tuple(f for f in _INSATS if f[0] != "verkstallighetsdatum")
_UPPFOLJNING = _falt_under("insatser[].uppfoljningar[]")
_AVSLUT = _falt_under("insatser[].avslut")


def _saknas(
    obj: Arende | Insats | Uppfoljning | Avslut,
    falt: tuple[tuple[str, str], ...],
    prefix: str,
) -> Iterator[Fynd]:
    for namn, text in falt:
        if getattr(obj, namn) is None:
            yield _fynd(Regel.SAKNAS, prefix + namn, text)


def _fullstandighet(arende: Arende) -> Iterator[Fynd]:
    yield from _saknas(arende, _ARENDE if arende.insatser else _AKTUALISERING, "")
    for i, insats in enumerate(arende.insatser):
        p = f"insatser[{i}]."
        avslut = insats.avslut
        # Verkställande is due once the insats is followed up, or ended for any other
        # reason than that it never started.
        verkstalld = insats.uppfoljningar or (
            avslut is not None and avslut.avslutsorsak is not Avslutsorsak.PABORJADES_ALDRIG
        )
        yield from _saknas(insats, _INSATS if verkstalld else _UTAN_VERKSTALLIGHET, p)
        for j, u in enumerate(insats.uppfoljningar):
            yield from _saknas(u, _UPPFOLJNING, f"{p}uppfoljningar[{j}].")
        if avslut is not None:
            yield from _saknas(avslut, _AVSLUT, f"{p}avslut.")


def granska(arende: Arende, *, vid: date) -> tuple[Fynd, ...]:
    """Every consistency and completeness finding of *arende* as of *vid*, at once.

    Findings come in a stable order: dates (order, future, before birth), the avslut
    rules, B2, then completeness.
    """
    fynd: list[Fynd] = list(_datumordning(arende))
    handelser = _handelser(arende)
    fodd = arende.fodelsedatum
    if fodd and fodd > vid:
        fynd.append(
            _fynd(Regel.FRAMTIDA_DATUM, "fodelsedatum", f"ligger efter granskningsdagen {vid}")
        )
    for d, where in handelser:
        if d > vid:
            fynd.append(
                _fynd(Regel.FRAMTIDA_DATUM, _falt(where), f"ligger efter granskningsdagen {vid}")
            )
        if fodd and d < fodd:
            fynd.append(
                _fynd(Regel.FORE_FODELSE, _falt(where), "ligger före brukarens födelsedatum")
            )
    fynd.extend(_avslut(arende, vid, handelser))
    fynd.extend(_b2(arende))
    fynd.extend(_fullstandighet(arende))
    return tuple(fynd)
