"""Hypothesis strategies for whole ärenden (to be merged into socialtjanst_variabler.strategies)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TypeVar

from hypothesis import strategies as st

from socialtjanst_variabler._datum import alder
from socialtjanst_variabler.arende import Arende, Avslut, Insats, Uppfoljning
from socialtjanst_variabler.strategies import personnummer
from socialtjanst_variabler.vardemangder import (
    INGEN_SAMVERKAN,
    Avslutsorsak,
    Bemotande,
    Betydelse,
    Delaktighet,
    Forandring,
    Genomforande,
    Hushallstyp,
    Insatstyp,
    JuridisktKon,
    Maluppfyllelse,
    Nojdhet,
    ParallellaInsatser,
    Problematik,
    Samverkan,
    Sip,
    TidigareKontakt,
    Ursprung,
    Vardemangd,
)

V = TypeVar("V", bound=Vardemangd)
T = TypeVar("T")

_SENAST = date(2026, 1, 1)


def kod(vm: type[V]) -> st.SearchStrategy[V]:
    """Any member of the value set *vm*."""
    return st.sampled_from(list(vm))


def koder(vm: type[V]) -> st.SearchStrategy[frozenset[V]]:
    """A non-empty set of codes of *vm* (a registered multi-choice variable)."""
    return st.frozensets(kod(vm), min_size=1, max_size=4)


def samverkan() -> st.SearchStrategy[frozenset[Samverkan]]:
    """A valid answer to variable 14: codes 1–10, or 11 or 12 alone."""
    vanliga = [m for m in Samverkan if m not in INGEN_SAMVERKAN]
    return st.one_of(
        st.frozensets(st.sampled_from(vanliga), min_size=1, max_size=4),
        st.sampled_from([frozenset({m}) for m in sorted(INGEN_SAMVERKAN)]),
    )


def _kanske(s: st.SearchStrategy[T]) -> st.SearchStrategy[T | None]:
    return st.one_of(st.none(), s, s, s)


@st.composite
def _datumkedja(draw: st.DrawFn, start: date, senast: date, antal: int) -> list[date]:
    span = max((senast - start).days, 0)
    offsets = sorted(draw(st.lists(st.integers(0, span), min_size=antal, max_size=antal)))
    return [start + timedelta(days=o) for o in offsets]


@st.composite
def _insats(draw: st.DrawFn, akt: date, senast: date, fodelsedatum: date | None) -> Insats:
    antal_uppf = draw(st.integers(0, 2))
    avslutad = draw(st.booleans())
    kedja = draw(_datumkedja(akt, senast, 2 + antal_uppf + 1))
    beslut, verk, *uppf_datum, slut = kedja
    orsak = draw(_kanske(kod(Avslutsorsak))) if avslutad else None
    aldrig = orsak is Avslutsorsak.PABORJADES_ALDRIG
    if orsak is Avslutsorsak.AVBRYTS_AV_VARDNADSHAVARE and (
        fodelsedatum is None or alder(fodelsedatum, slut) >= 18
    ):
        orsak = Avslutsorsak.ANDRA_ORSAKER
    uppfoljningar = []
    for d in [] if aldrig else uppf_datum:
        b1a = draw(_kanske(kod(Forandring)))
        b1b = draw(_kanske(kod(Forandring)))
        forbattrad = any(b is not None and b.is_forbattring for b in (b1a, b1b))
        uppfoljningar.append(
            Uppfoljning(
                datum=draw(_kanske(st.just(d))),
                samverkan=draw(_kanske(samverkan())),
                sip=draw(_kanske(kod(Sip))),
                parallella_insatser=draw(_kanske(kod(ParallellaInsatser))),
                maluppfyllelse=draw(_kanske(kod(Maluppfyllelse))),
                b1a=b1a,
                b1b=b1b,
                b2=draw(_kanske(kod(Betydelse))) if forbattrad else None,
                b3=draw(_kanske(kod(Nojdhet))),
                b4=draw(_kanske(kod(Bemotande))),
                b5=draw(_kanske(kod(Delaktighet))),
            )
        )
    avslut = None
    if avslutad:
        avslut = Avslut(
            datum=draw(_kanske(st.just(slut))),
            genomforande=draw(_kanske(kod(Genomforande))),
            avslutsorsak=orsak,
        )
    return Insats(
        beslutsdatum=draw(_kanske(st.just(beslut))),
        verkstallighetsdatum=None if aldrig else draw(_kanske(st.just(verk))),
        insatstyp=draw(_kanske(koder(Insatstyp))),
        bistandsbedomd=draw(_kanske(st.booleans())),
        foljs_upp_av_myndighetsutovningen=draw(_kanske(st.booleans())),
        uppfoljningar=tuple(uppfoljningar),
        avslut=avslut,
    )


@st.composite
def arenden(draw: st.DrawFn, *, senast: date = _SENAST) -> Arende:
    """Well-formed, consistent ärenden: every date ≤ *senast*, in process order.

    ``granska(a, vid=senast)`` finds nothing of severity *fel* in them (findings of
    severity *saknas* are expected: values are often left unregistered).
    """
    pnr = draw(st.none() | personnummer(max_fodelsedatum=senast - timedelta(days=1)))
    if pnr is not None:
        fodd: date | None = pnr.fodelsedatum
        kon = None
    else:
        fodd = draw(_kanske(st.dates(date(1900, 1, 1), senast)))
        kon = draw(_kanske(kod(JuridisktKon)))
    tidigast = max(fodd or date(1990, 1, 1), date(1990, 1, 1))
    akt = draw(st.dates(tidigast, senast)) if tidigast <= senast else senast
    insatser = draw(st.lists(_insats(akt, senast, fodd), max_size=3))
    # A death ends everything: keep "Brukaren har avlidit" only on the last event.
    sista = max(
        [akt]
        + [d for i in insatser for d in (i.beslutsdatum, i.verkstallighetsdatum) if d]
        + [u.datum for i in insatser for u in i.uppfoljningar if u.datum]
        + [i.avslut.datum for i in insatser if i.avslut and i.avslut.datum]
    )
    for n, i in enumerate(insatser):
        a = i.avslut
        if a and a.avslutsorsak is Avslutsorsak.BRUKAREN_HAR_AVLIDIT and a.datum != sista:
            ny = Avslut(datum=a.datum, genomforande=a.genomforande, avslutsorsak=None)
            insatser[n] = Insats(
                beslutsdatum=i.beslutsdatum,
                verkstallighetsdatum=i.verkstallighetsdatum,
                insatstyp=i.insatstyp,
                bistandsbedomd=i.bistandsbedomd,
                foljs_upp_av_myndighetsutovningen=i.foljs_upp_av_myndighetsutovningen,
                uppfoljningar=i.uppfoljningar,
                avslut=ny,
            )
    return Arende(
        id=draw(
            st.text(
                st.characters(codec="utf-8", exclude_categories=["Cs"]), min_size=1, max_size=12
            ).filter(str.strip)
        ),
        aktualiseringsdatum=draw(_kanske(st.just(akt))),
        aktualiseringsorsak=draw(_kanske(koder(Problematik))),
        personnummer=pnr,
        juridiskt_kon=kon,
        fodelsedatum=None if pnr else fodd,
        ursprung=draw(_kanske(kod(Ursprung))),
        hushallstyp=draw(_kanske(kod(Hushallstyp))),
        tidigare_kontakt=draw(_kanske(kod(TidigareKontakt))),
        problematik=draw(_kanske(koder(Problematik))),
        insatser=tuple(insatser),
    )
