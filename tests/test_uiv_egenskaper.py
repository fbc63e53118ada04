"""Properties of the UIV rule (hypothesis).

The oracles are written independently of the library: age with
``dateutil.relativedelta`` (which gives the 28 February rule for leaplings, DESIGN.md),
length by counting the days of the closed period, months with ``relativedelta``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

import attrs
import pytest
from dateutil.relativedelta import relativedelta
from hypothesis import given
from hypothesis import strategies as st

from socialtjanst_variabler import uiv
from socialtjanst_variabler.errors import InvalidPlacering
from socialtjanst_variabler.uiv import Lagrum, Modul, Placeringsform, Skal, Status

FORST = date(1900, 1, 1)
SIST = date(2200, 12, 31)

UIV_FORMER = {Placeringsform.INSTITUTION, Placeringsform.FAMILJEHEM, Placeringsform.OPPENVARD}
UIV_LAGRUM = {Lagrum.SOL, Lagrum.LVM, Lagrum.LVM_27}


@st.composite
def fodelsedatum_fore(draw: st.DrawFn, startdatum: date) -> date:
    """A birth date on or before *startdatum*, often close to a 20th birthday."""
    nara = startdatum - relativedelta(years=draw(st.integers(17, 23)))
    nara += timedelta(days=draw(st.integers(-3, 3)))
    fritt = draw(st.dates(min_value=startdatum - timedelta(days=365 * 90), max_value=startdatum))
    return min(draw(st.sampled_from([nara, fritt])), startdatum)


@st.composite
def placeringar(
    draw: st.DrawFn, *, pagaende: bool | None = None, bara_ar: bool | None = False
) -> uiv.Placering:
    """Placements; with ``bara_ar`` None, some know only the client's birth year."""
    startdatum = draw(st.dates(min_value=FORST, max_value=SIST))
    if pagaende is None:
        pagaende = draw(st.integers(0, 4)) == 0
    if bara_ar is None:
        bara_ar = draw(st.integers(0, 3)) == 0
    langd = draw(st.integers(0, 10) | st.integers(0, 3000))
    fodd = draw(fodelsedatum_fore(startdatum))
    return uiv.Placering(
        placeringsform=draw(st.sampled_from(Placeringsform)),
        lagrum=draw(st.sampled_from(Lagrum)),
        riktad_mot_missbruk=draw(st.booleans()),
        bistandsbedomd=draw(st.booleans()),
        startdatum=startdatum,
        slutdatum=None if pagaende else startdatum + timedelta(days=langd),
        fodelsedatum=None if bara_ar else fodd,
        fodelsear=fodd.year if bara_ar else None,
    )


def _fodd(p: uiv.Placering) -> date:
    assert p.fodelsedatum is not None  # placeringar() gives full birth dates by default
    return p.fodelsedatum


def _alder(p: uiv.Placering, *, sista: bool) -> int:
    """The age on the start date if born on the latest (sista) or earliest possible day."""
    if p.fodelsedatum is not None:
        fodd = p.fodelsedatum
    else:
        assert p.fodelsear is not None
        fodd = min(date(p.fodelsear, 12, 31), p.startdatum) if sista else date(p.fodelsear, 1, 1)
    return relativedelta(p.startdatum, fodd).years


troskelvarden = st.builds(
    uiv.Troskelvarden,
    min_alder=st.integers(0, 30),
    min_dagar=st.integers(1, 40),
    intervju_inom_manader=st.integers(0, 24),
)
alla_troskelvarden = st.just(uiv.STANDARD) | troskelvarden


def _for_kort(p: uiv.Placering, t: uiv.Troskelvarden) -> bool:
    if p.slutdatum is None:
        return False  # judged at the end
    return len(range(p.startdatum.toordinal(), p.slutdatum.toordinal() + 1)) < t.min_dagar


#: Whether a placement violates each criterion, from the method text directly.
KRITERIER: dict[Skal, Callable[[uiv.Placering, uiv.Troskelvarden], bool]] = {
    Skal.FEL_PLACERINGSFORM: lambda p, t: p.placeringsform not in UIV_FORMER,
    Skal.FEL_LAGRUM: lambda p, t: p.lagrum not in UIV_LAGRUM,
    Skal.EJ_RIKTAD_MOT_MISSBRUK: lambda p, t: not p.riktad_mot_missbruk,
    Skal.FOR_UNG: lambda p, t: _alder(p, sista=False) < t.min_alder,
    Skal.FOR_KORT: _for_kort,
    Skal.EJ_BISTANDSBEDOMD_OPPENVARD: lambda p, t: (
        p.placeringsform is Placeringsform.OPPENVARD
        and not p.bistandsbedomd
        and p.lagrum not in (Lagrum.LVM, Lagrum.LVM_27)
    ),
    Skal.ALDER_OKAND: lambda p, t: _alder(p, sista=True) < t.min_alder <= _alder(p, sista=False),
}


def bryter_mot(skal: Skal, p: uiv.Placering, t: uiv.Troskelvarden) -> bool:
    return KRITERIER[skal](p, t)


def test_the_oracle_covers_every_criterion() -> None:
    assert set(KRITERIER) == set(Skal)


@given(placeringar(bara_ar=None), alla_troskelvarden)
def test_followed_up_exactly_when_no_criterion_is_unmet(
    p: uiv.Placering, t: uiv.Troskelvarden
) -> None:
    b = uiv.bedom(p, troskelvarden=t)
    uppfyller_allt = not any(bryter_mot(s, p, t) for s in Skal)
    assert b.ska_foljas_upp is (p.slutdatum is not None and uppfyller_allt)
    assert b.ska_foljas_upp is (not b.pagaende and not b.skal)
    assert (b.modul is Modul.UIV) is b.ska_foljas_upp
    assert (b.intervju_senast is not None) is (b.modul is not None)


@given(placeringar(bara_ar=None), alla_troskelvarden)
def test_each_unmet_criterion_is_listed_exactly_when_violated(
    p: uiv.Placering, t: uiv.Troskelvarden
) -> None:
    b = uiv.bedom(p, troskelvarden=t)
    for skal in Skal:
        assert (skal in b.skal) is bryter_mot(skal, p, t), skal
    assert list(b.skal) == sorted(set(b.skal))  # each once, in code order
    assert len(b.forklaringar) == len(b.skal)


@given(placeringar(bara_ar=None), alla_troskelvarden)
def test_uiv_eb_routing(p: uiv.Placering, t: uiv.Troskelvarden) -> None:
    b = uiv.bedom(p, troskelvarden=t)
    # UIV-EB has no lagrum criterion: only UIV's list names SoL, LVM and § 27 LVM.
    ovriga = [s for s in Skal if s not in (Skal.EJ_BISTANDSBEDOMD_OPPENVARD, Skal.FEL_LAGRUM)]
    vantat = (
        p.slutdatum is not None
        and bryter_mot(Skal.EJ_BISTANDSBEDOMD_OPPENVARD, p, t)
        and not any(bryter_mot(s, p, t) for s in ovriga)
    )
    assert (b.modul is Modul.UIV_EB) is vantat


@given(placeringar(pagaende=False), st.integers(1, 4000), alla_troskelvarden)
def test_lengthening_never_turns_followed_up_into_not(
    p: uiv.Placering, extra: int, t: uiv.Troskelvarden
) -> None:
    assert p.slutdatum is not None
    langre = attrs.evolve(p, slutdatum=p.slutdatum + timedelta(days=extra))
    fore, efter = uiv.bedom(p, troskelvarden=t), uiv.bedom(langre, troskelvarden=t)
    assert set(efter.skal) <= set(fore.skal)
    if fore.ska_foljas_upp:
        assert efter.ska_foljas_upp


@given(placeringar(), st.integers(1, 40 * 366), alla_troskelvarden)
def test_an_older_client_never_turns_followed_up_into_not(
    p: uiv.Placering, extra: int, t: uiv.Troskelvarden
) -> None:
    assert p.fodelsedatum is not None  # placeringar() gives full birth dates by default
    aldre = attrs.evolve(p, fodelsedatum=p.fodelsedatum - timedelta(days=extra))
    fore, efter = uiv.bedom(p, troskelvarden=t), uiv.bedom(aldre, troskelvarden=t)
    assert set(efter.skal) <= set(fore.skal)
    assert efter.ska_foljas_upp or not fore.ska_foljas_upp


@given(placeringar(pagaende=False), st.integers(1, 400))
def test_overriding_min_dagar_moves_the_boundary_exactly(p: uiv.Placering, m: int) -> None:
    exakt = attrs.evolve(p, slutdatum=p.startdatum + timedelta(days=m - 1))  # m days
    assert Skal.FOR_KORT not in uiv.bedom(exakt, troskelvarden=uiv.Troskelvarden(min_dagar=m)).skal
    assert Skal.FOR_KORT in uiv.bedom(exakt, troskelvarden=uiv.Troskelvarden(min_dagar=m + 1)).skal


@given(placeringar(), st.integers(0, 100))
def test_overriding_min_alder_moves_the_boundary_exactly(p: uiv.Placering, a: int) -> None:
    # Born exactly a years before the start (on 28 February if the day does not exist).
    exakt = attrs.evolve(p, fodelsedatum=p.startdatum - relativedelta(years=a))
    assert Skal.FOR_UNG not in uiv.bedom(exakt, troskelvarden=uiv.Troskelvarden(min_alder=a)).skal
    assert Skal.FOR_UNG in uiv.bedom(exakt, troskelvarden=uiv.Troskelvarden(min_alder=a + 1)).skal


@given(placeringar(pagaende=False), st.integers(0, 120))
def test_overriding_the_months_moves_the_due_date_exactly(p: uiv.Placering, n: int) -> None:
    assert p.slutdatum is not None
    b = uiv.bedom(
        attrs.evolve(
            p,
            placeringsform=Placeringsform.INSTITUTION,
            lagrum=Lagrum.SOL,
            riktad_mot_missbruk=True,
        ),
        troskelvarden=uiv.Troskelvarden(min_alder=0, min_dagar=1, intervju_inom_manader=n),
    )
    assert b.intervju_senast == p.slutdatum + relativedelta(months=n)


@given(placeringar(pagaende=False), st.integers(-40, 80))
def test_status_over_time_without_an_interview(p: uiv.Placering, forskjutning: int) -> None:
    assert p.slutdatum is not None
    b = uiv.bedom(p)
    vid = p.slutdatum + timedelta(days=forskjutning)
    s = uiv.status(b, vid=vid)
    if b.modul is None:  # neither UIV nor UIV-EB
        assert s is Status.EJ_AKTUELL
    elif vid < p.slutdatum:
        assert s is Status.PAGAENDE
    elif vid <= p.slutdatum + relativedelta(months=1):
        assert s is Status.ATT_GORA
    else:
        assert s is Status.FORSENAD


@given(placeringar(pagaende=False), st.integers(0, 100), st.integers(0, 60))
def test_status_around_the_due_date(p: uiv.Placering, fore: int, efter: int) -> None:
    assert p.slutdatum is not None
    t = uiv.Troskelvarden(min_alder=0, min_dagar=1)
    b = uiv.bedom(
        attrs.evolve(
            p,
            placeringsform=Placeringsform.INSTITUTION,
            lagrum=Lagrum.LVM,
            riktad_mot_missbruk=True,
        ),
        troskelvarden=t,
    )
    senast = p.slutdatum + relativedelta(months=1)
    assert b.status(vid=p.slutdatum - timedelta(days=1)) is Status.PAGAENDE
    assert b.status(vid=p.slutdatum) is Status.ATT_GORA
    assert b.status(vid=senast) is Status.ATT_GORA
    assert b.status(vid=senast + timedelta(days=1)) is Status.FORSENAD
    # A follow-up from 7 days before the end (not before the start) to vid: done; an
    # earlier one does not count, a later one is not done yet.
    vid = senast + timedelta(days=efter)
    uppf = max(p.startdatum, p.slutdatum - timedelta(days=fore))
    ej_klar = Status.ATT_GORA if efter == 0 else Status.FORSENAD
    vantat = Status.KLAR if (p.slutdatum - uppf).days <= 7 else ej_klar
    assert b.status(vid=vid, uppfoljningsdatum=uppf) is vantat
    assert b.status(vid=vid, intervju_datum=uppf) is vantat  # the one-date call of 0.1
    assert b.status(vid=vid, uppfoljningsdatum=vid + timedelta(days=1)) is ej_klar
    # The interview alone never makes the follow-up done.
    assert b.status(vid=vid, intervjudatum=p.slutdatum) is ej_klar


@given(st.lists(placeringar(), max_size=6), alla_troskelvarden)
def test_a_sequence_is_judged_placement_by_placement(
    ps: list[uiv.Placering], t: uiv.Troskelvarden
) -> None:
    # Chain the placements back to back: each starts the day after the previous ended.
    kedja: list[uiv.Placering] = []
    for p in ps:
        if kedja and kedja[-1].slutdatum is not None:
            start = kedja[-1].slutdatum + timedelta(days=1)
            langd = None if p.slutdatum is None else p.slutdatum - p.startdatum
            kedja.append(
                attrs.evolve(
                    p,
                    startdatum=start,
                    slutdatum=None if langd is None else start + langd,
                    fodelsedatum=min(_fodd(p), start),
                )
            )
        else:
            kedja.append(p)
    resultat = uiv.bedom_alla(kedja, troskelvarden=t)
    assert len(resultat) == len(kedja)
    for p, b in zip(kedja, resultat, strict=True):
        assert b.placering == p
        assert b == uiv.bedom(p, troskelvarden=t)


@given(st.dates(min_value=FORST, max_value=SIST), st.integers(1, 1000))
def test_an_end_before_the_start_is_always_refused(start: date, fore: int) -> None:
    with pytest.raises(InvalidPlacering) as info:
        attrs.evolve(_mall(start), slutdatum=start - timedelta(days=fore))
    assert info.value.field == "slutdatum"


@given(st.dates(min_value=FORST, max_value=SIST), st.integers(1, 1000))
def test_a_birth_after_the_start_is_always_refused(start: date, efter: int) -> None:
    with pytest.raises(InvalidPlacering) as info:
        attrs.evolve(_mall(start), fodelsedatum=start + timedelta(days=efter))
    assert info.value.field == "fodelsedatum"


def _mall(start: date) -> uiv.Placering:
    return uiv.Placering(
        placeringsform=Placeringsform.INSTITUTION,
        lagrum=Lagrum.SOL,
        riktad_mot_missbruk=True,
        bistandsbedomd=True,
        startdatum=start,
        slutdatum=None,
        fodelsedatum=start,
    )
