"""The UIV task (issue 12): UIV-EB routing without lagrum, the follow-up date that makes the
task done, the interview window around the end, and clients whose birth date is partly
unknown.

Expected values are worked out by hand from the method text (seed 000): "Uppföljning ska
inte göras för ej biståndsbedömda behandlingar inom öppenvård (använd modul UIV-EB ...)",
"oavsett om klienten har intervjuats eller ej", "i samband med att insatsen avslutas".
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from socialtjanst_variabler import uiv
from socialtjanst_variabler.errors import InvalidPlacering, InvalidValue
from socialtjanst_variabler.identitet.personnummer import Personnummer, calc_check_digit
from socialtjanst_variabler.uiv import Ignorerad, Lagrum, Modul, Placeringsform, Skal, Status

#: 22 days, 10 January to 31 January 2026, a 45-year-old, SoL, institution: UIV.
BAS = uiv.Placering(
    placeringsform=Placeringsform.INSTITUTION,
    lagrum=Lagrum.SOL,
    riktad_mot_missbruk=True,
    bistandsbedomd=True,
    startdatum=date(2026, 1, 10),
    slutdatum=date(2026, 1, 31),
    fodelsedatum=date(1980, 5, 10),
)
#: The same, as a non-biståndsbedömd treatment in öppenvård without lagrum: UIV-EB.
EB = attrs.evolve(
    BAS, placeringsform=Placeringsform.OPPENVARD, lagrum=Lagrum.ANNAT, bistandsbedomd=False
)


def pl(**andringar: Any) -> uiv.Placering:
    return attrs.evolve(BAS, **andringar)


# --- UIV-EB routing: every lagrum, never for LVM -------------------------------------------


@pytest.mark.parametrize(
    ("lagrum", "bistandsbedomd", "modul", "skal"),
    [
        # Not biståndsbedömd: UIV-EB whatever the lagrum, except LVM and § 27 LVM.
        (Lagrum.SOL, False, Modul.UIV_EB, [Skal.EJ_BISTANDSBEDOMD_OPPENVARD]),
        (Lagrum.ANNAT, False, Modul.UIV_EB, [Skal.FEL_LAGRUM, Skal.EJ_BISTANDSBEDOMD_OPPENVARD]),
        (Lagrum.LVM, False, Modul.UIV, []),
        (Lagrum.LVM_27, False, Modul.UIV, []),
        # Biståndsbedömd: UIV by its own lagrum criterion.
        (Lagrum.SOL, True, Modul.UIV, []),
        (Lagrum.LVM, True, Modul.UIV, []),
        (Lagrum.LVM_27, True, Modul.UIV, []),
        (Lagrum.ANNAT, True, None, [Skal.FEL_LAGRUM]),
    ],
)
def test_oppenvard_routing_for_every_lagrum(
    lagrum: Lagrum, bistandsbedomd: bool, modul: Modul | None, skal: list[Skal]
) -> None:
    b = uiv.bedom(
        pl(placeringsform=Placeringsform.OPPENVARD, lagrum=lagrum, bistandsbedomd=bistandsbedomd)
    )
    assert b.modul is modul
    assert list(b.skal) == skal
    assert b.ska_foljas_upp is (modul is Modul.UIV)
    assert (b.intervju_senast == date(2026, 2, 28)) is (modul is not None)


@pytest.mark.parametrize("lagrum", list(Lagrum))
@pytest.mark.parametrize("form", [Placeringsform.INSTITUTION, Placeringsform.FAMILJEHEM])
def test_only_oppenvard_goes_to_uiv_eb(form: Placeringsform, lagrum: Lagrum) -> None:
    b = uiv.bedom(pl(placeringsform=form, lagrum=lagrum, bistandsbedomd=False))
    assert b.modul is (None if lagrum is Lagrum.ANNAT else Modul.UIV)


@pytest.mark.parametrize(
    ("andring", "skal"),
    [
        ({"riktad_mot_missbruk": False}, Skal.EJ_RIKTAD_MOT_MISSBRUK),
        ({"fodelsedatum": date(2010, 1, 1)}, Skal.FOR_UNG),
        ({"slutdatum": date(2026, 1, 12)}, Skal.FOR_KORT),
    ],
)
def test_uiv_eb_keeps_the_other_criteria(andring: dict[str, Any], skal: Skal) -> None:
    b = uiv.bedom(attrs.evolve(EB, **andring))
    assert b.modul is None
    assert skal in b.skal
    assert uiv.uppgift(b, vid=date(2026, 3, 1)).status is Status.EJ_AKTUELL


def test_an_ongoing_uiv_eb_treatment_is_a_task_to_come() -> None:
    b = uiv.bedom(attrs.evolve(EB, slutdatum=None))
    assert b.modul is None
    u = uiv.uppgift(b, vid=date(2026, 3, 1))
    assert u.status is Status.PAGAENDE
    assert u.modul is Modul.UIV_EB
    assert u.senast is None


# --- each module's status -------------------------------------------------------------------


@pytest.mark.parametrize("placering", [BAS, EB], ids=["UIV", "UIV-EB"])
@pytest.mark.parametrize(
    ("vid", "uppfoljningsdatum", "status"),
    [
        (date(2026, 1, 30), None, Status.PAGAENDE),  # the day before the end
        (date(2026, 1, 31), None, Status.ATT_GORA),  # the end date
        (date(2026, 2, 28), None, Status.ATT_GORA),  # the last day
        (date(2026, 3, 1), None, Status.FORSENAD),  # the day after
        (date(2027, 1, 1), None, Status.FORSENAD),  # still owed
        (date(2026, 3, 1), date(2026, 2, 10), Status.KLAR),
        (date(2026, 3, 1), date(2026, 3, 1), Status.KLAR),  # done on vid
        (date(2026, 3, 1), date(2026, 3, 2), Status.FORSENAD),  # not done yet on vid
        (date(2026, 1, 30), date(2026, 1, 29), Status.KLAR),  # done in the last days
        (date(2026, 1, 30), date(2026, 1, 12), Status.PAGAENDE),  # too early: ignored
    ],
)
def test_status_of_each_module(
    placering: uiv.Placering, vid: date, uppfoljningsdatum: date | None, status: Status
) -> None:
    u = uiv.uppgift(placering, vid=vid, uppfoljningsdatum=uppfoljningsdatum)
    assert u.status is status
    assert u.modul is (Modul.UIV if placering is BAS else Modul.UIV_EB)
    assert u.senast == date(2026, 2, 28)
    assert uiv.status(placering, vid=vid, uppfoljningsdatum=uppfoljningsdatum) is status


def test_not_followed_up_at_all() -> None:
    u = uiv.uppgift(pl(placeringsform=Placeringsform.ANNAN), vid=date(2026, 3, 1))
    assert u.status is Status.EJ_AKTUELL
    assert u.modul is None
    assert u.senast is None
    assert not u.missad
    ongoing = uiv.uppgift(pl(lagrum=Lagrum.ANNAT, slutdatum=None), vid=date(2026, 3, 1))
    assert ongoing.status is Status.EJ_AKTUELL


def test_the_interview_never_decides_the_status() -> None:
    # "oavsett om klienten har intervjuats eller ej": an interview without the follow-up
    # leaves the task owed; a follow-up without an interview is done.
    u = uiv.uppgift(BAS, vid=date(2026, 3, 1), intervjudatum=date(2026, 2, 3))
    assert u.status is Status.FORSENAD
    assert u.intervju_raknas
    assert not u.uppfoljning_raknas
    klar = uiv.uppgift(BAS, vid=date(2026, 3, 1), uppfoljningsdatum=date(2026, 2, 3))
    assert klar.status is Status.KLAR
    assert not klar.intervju_raknas
    assert klar.intervju_ignorerad is None


def test_the_issue_example_an_early_interview_is_not_done() -> None:
    # Issue 12: an interview on 15 February in a placement that ends 30 June was "klar"
    # on 5 July.
    p = pl(startdatum=date(2026, 1, 10), slutdatum=date(2026, 6, 30))
    assert uiv.status(p, vid=date(2026, 7, 5), intervju_datum=date(2026, 2, 15)) is (
        Status.ATT_GORA
    )
    u = uiv.uppgift(p, vid=date(2026, 7, 5), intervjudatum=date(2026, 2, 15))
    assert u.intervju_ignorerad is Ignorerad.FOR_TIDIGT
    assert u.forklaringar == (
        "Intervjun 2026-02-15 räknas inte: den ligger 135 dagar före slutdatum, högst 7 tillåts",
    )


@pytest.mark.parametrize(
    ("uppfoljningsdatum", "vid", "missad"),
    [
        (None, date(2026, 3, 1), True),  # overdue
        (None, date(2026, 2, 28), False),  # due
        (date(2026, 2, 28), date(2026, 3, 10), False),  # done on the last day
        (date(2026, 3, 1), date(2026, 3, 10), True),  # done, a day late
        (date(2026, 1, 20), date(2026, 3, 10), True),  # too early: still owed
    ],
)
def test_missed(uppfoljningsdatum: date | None, vid: date, missad: bool) -> None:
    assert uiv.uppgift(BAS, vid=vid, uppfoljningsdatum=uppfoljningsdatum).missad is missad


def test_legacy_and_new_follow_up_dates_do_not_mix() -> None:
    with pytest.raises(InvalidPlacering) as info:
        uiv.status(
            BAS,
            vid=date(2026, 3, 1),
            intervju_datum=date(2026, 2, 1),
            uppfoljningsdatum=date(2026, 2, 1),
        )
    assert info.value.field == "intervju_datum"


@pytest.mark.parametrize(
    ("falt", "varde"),
    [
        ("vid", datetime(2026, 3, 1, 8, 0)),
        ("uppfoljningsdatum", "2026-02-01"),
        ("intervjudatum", datetime(2026, 2, 1, 8, 0)),
    ],
)
def test_the_task_refuses_wrong_types(falt: str, varde: object) -> None:
    argument: dict[str, Any] = {"vid": date(2026, 3, 1), falt: varde}
    with pytest.raises(InvalidPlacering) as info:
        uiv.uppgift(BAS, **argument)
    assert info.value.field == falt
    with pytest.raises(InvalidPlacering):
        uiv.bedom(BAS).uppgift(**argument)


# --- the window around the end date ---------------------------------------------------------


@pytest.mark.parametrize(
    ("datum", "ignorerad"),
    [
        (date(2026, 1, 9), Ignorerad.FORE_START),  # the day before the start
        (date(2026, 1, 10), Ignorerad.FOR_TIDIGT),  # the start, 21 days before the end
        (date(2026, 1, 23), Ignorerad.FOR_TIDIGT),  # 8 days before: one day outside
        (date(2026, 1, 24), None),  # 7 days before: one day inside
        (date(2026, 1, 31), None),  # the end date
        (date(2026, 2, 20), None),  # after the end, on or before vid
        (date(2026, 2, 21), Ignorerad.EFTER_VID),  # the day after vid: not yet held
    ],
)
def test_window_boundaries(datum: date, ignorerad: Ignorerad | None) -> None:
    u = uiv.uppgift(BAS, vid=date(2026, 2, 20), uppfoljningsdatum=datum, intervjudatum=datum)
    assert u.uppfoljning_ignorerad is ignorerad
    assert u.intervju_ignorerad is ignorerad
    assert u.uppfoljning_raknas is (ignorerad is None)
    assert u.intervju_raknas is (ignorerad is None)
    assert u.status is (Status.KLAR if ignorerad is None else Status.ATT_GORA)
    assert len(u.forklaringar) == (0 if ignorerad is None else 2)


def test_window_explanations() -> None:
    vid = date(2026, 2, 20)
    u = uiv.uppgift(
        BAS, vid=vid, uppfoljningsdatum=date(2026, 1, 9), intervjudatum=date(2026, 2, 21)
    )
    assert u.forklaringar == (
        "Uppföljningen 2026-01-09 räknas inte: den ligger före placeringens startdatum 2026-01-10",
        "Intervjun 2026-02-21 räknas inte: den ligger efter 2026-02-20 och är inte gjord ännu",
    )
    en = uiv.uppgift(BAS, vid=vid, intervjudatum=date(2026, 1, 23))
    assert en.forklaringar == (
        "Intervjun 2026-01-23 räknas inte: den ligger 8 dagar före slutdatum, högst 7 tillåts",
    )


def test_a_date_for_an_ongoing_placement_does_not_count() -> None:
    u = uiv.uppgift(
        pl(slutdatum=None),
        vid=date(2026, 3, 1),
        uppfoljningsdatum=date(2026, 2, 1),
        intervjudatum=date(2026, 2, 1),
    )
    assert u.status is Status.PAGAENDE
    assert u.uppfoljning_ignorerad is Ignorerad.EJ_AVSLUTAD
    assert u.intervju_ignorerad is Ignorerad.EJ_AVSLUTAD
    assert u.forklaringar == (
        "Uppföljningen 2026-02-01 räknas inte: placeringen har inget slutdatum",
        "Intervjun 2026-02-01 räknas inte: placeringen har inget slutdatum",
    )


def test_the_shortest_placement_counts_from_its_first_day() -> None:
    sju = pl(startdatum=date(2026, 3, 1), slutdatum=date(2026, 3, 7))
    u = uiv.uppgift(sju, vid=date(2026, 3, 10), uppfoljningsdatum=date(2026, 3, 1))
    assert u.status is Status.KLAR


@pytest.mark.parametrize(
    ("dagar_fore_slut", "datum", "raknas"),
    [
        (0, date(2026, 1, 30), False),
        (0, date(2026, 1, 31), True),
        (14, date(2026, 1, 17), True),
        (14, date(2026, 1, 16), False),
    ],
)
def test_the_window_is_overridable(dagar_fore_slut: int, datum: date, raknas: bool) -> None:
    t = uiv.Troskelvarden(dagar_fore_slut=dagar_fore_slut)
    u = uiv.bedom(BAS, troskelvarden=t).uppgift(vid=date(2026, 3, 1), intervjudatum=datum)
    assert u.intervju_raknas is raknas


def test_the_window_threshold_is_checked() -> None:
    assert uiv.STANDARD.dagar_fore_slut == 7
    with pytest.raises(InvalidValue) as info:
        uiv.Troskelvarden(dagar_fore_slut=-1)
    assert info.value.field == "dagar_fore_slut"


# --- partly unknown birth date --------------------------------------------------------------


def ar(fodelsear: int, **andringar: Any) -> uiv.Placering:
    return pl(fodelsedatum=None, fodelsear=fodelsear, **andringar)


@pytest.mark.parametrize(
    ("fodelsear", "startdatum", "intervall", "skal"),
    [
        # Born in 2006, start 10 January 2026: 19 (born after 10 January) or 20.
        (2006, date(2026, 1, 10), (19, 20), [Skal.ALDER_OKAND]),
        (2005, date(2026, 1, 10), (20, 21), []),  # 20 at the least
        (2007, date(2026, 1, 10), (18, 19), [Skal.FOR_UNG]),  # 19 at the most
        (2006, date(2026, 12, 31), (20, 20), []),  # born by 31 December: 20
        (2006, date(2026, 1, 1), (19, 20), [Skal.ALDER_OKAND]),
        (2026, date(2026, 1, 10), (0, 0), [Skal.FOR_UNG]),  # born by the start
    ],
)
def test_age_from_the_birth_year(
    fodelsear: int, startdatum: date, intervall: tuple[int, int], skal: list[Skal]
) -> None:
    b = uiv.bedom(ar(fodelsear, startdatum=startdatum, slutdatum=date(2027, 1, 31)))
    assert b.alder_vid_start_intervall == intervall
    assert b.alder_vid_start == (intervall[0] if intervall[0] == intervall[1] else None)
    assert list(b.skal) == skal
    assert b.ska_foljas_upp is (not skal)


def test_an_undecided_age_is_its_own_status() -> None:
    b = uiv.bedom(ar(2006))
    assert b.modul is None
    assert b.intervju_senast is None
    assert b.forklaringar == (
        "Klienten var mellan 19 och 20 år vid inledningen av placeringen (födelsedatumet är"
        " delvis okänt); UIV kräver minst 20 år",
    )
    u = uiv.uppgift(b, vid=date(2026, 3, 1))
    assert u.status is Status.OAVGJORD
    assert u.modul is Modul.UIV
    assert u.senast == date(2026, 2, 28)
    assert not u.missad
    assert uiv.uppgift(b, vid=date(2026, 1, 20)).status is Status.PAGAENDE
    assert uiv.uppgift(b, vid=date(2026, 3, 1), uppfoljningsdatum=date(2026, 2, 1)).status is (
        Status.KLAR
    )
    eb = uiv.uppgift(attrs.evolve(EB, fodelsedatum=None, fodelsear=2006), vid=date(2026, 3, 1))
    assert (eb.status, eb.modul) == (Status.OAVGJORD, Modul.UIV_EB)


def test_an_undecided_age_beside_another_reason_is_not_a_task() -> None:
    b = uiv.bedom(ar(2006, riktad_mot_missbruk=False))
    assert b.skal == (Skal.EJ_RIKTAD_MOT_MISSBRUK, Skal.ALDER_OKAND)
    assert uiv.uppgift(b, vid=date(2026, 3, 1)).status is Status.EJ_AKTUELL


def test_the_age_threshold_decides_the_interval() -> None:
    b = uiv.bedom(ar(2006), troskelvarden=uiv.Troskelvarden(min_alder=19))
    assert b.ska_foljas_upp
    ung = uiv.bedom(ar(2006), troskelvarden=uiv.Troskelvarden(min_alder=21))
    assert ung.skal == (Skal.FOR_UNG,)
    assert ung.forklaringar == (
        "Klienten var högst 20 år vid inledningen av placeringen; UIV kräver minst 21 år",
    )


def test_birth_year_interval_and_agreement() -> None:
    p = ar(1980)
    assert p.fodelsedatum is None
    assert p.fodelsear == 1980
    assert p.fodelsedatum_intervall == (date(1980, 1, 1), date(1980, 12, 31))
    assert BAS.fodelsedatum_intervall == (date(1980, 5, 10), date(1980, 5, 10))
    assert pl(fodelsear=1980).fodelsedatum == date(1980, 5, 10)  # both, agreeing


@pytest.mark.parametrize(
    ("andringar", "falt"),
    [
        ({"fodelsear": 1981}, "fodelsear"),  # contradicts the birth date
        ({"fodelsedatum": None, "fodelsear": 2027}, "fodelsear"),  # after the start
        ({"fodelsedatum": None, "fodelsear": "1980"}, "fodelsear"),
        ({"fodelsedatum": None, "fodelsear": True}, "fodelsear"),
        ({"fodelsedatum": None, "fodelsear": 0}, "fodelsear"),
        ({"fodelsedatum": None, "fodelsear": 10000}, "fodelsear"),
    ],
)
def test_a_bad_birth_year_is_refused(andringar: dict[str, Any], falt: str) -> None:
    with pytest.raises(InvalidPlacering) as info:
        pl(**andringar)
    assert info.value.field == falt


# --- a samordningsnummer whose birth date is partly unknown (MODELL.md, Identity API) ------

#: Month 00 and day 60: born some day in 1980.
AR_1980 = Personnummer.parse("19800060-2386", ofullstandigt_datum=True)
#: Day 60: born some day in February 1980.
FEB_1980 = Personnummer.parse("19800260-2384", ofullstandigt_datum=True)


def snr(p: Personnummer, startdatum: date, **andringar: Any) -> uiv.Placering:
    falt: dict[str, Any] = {"fodelsedatum": None, "slutdatum": date(2001, 12, 31)}
    return pl(personnummer=p, startdatum=startdatum, **(falt | andringar))


@pytest.mark.parametrize(
    ("p", "startdatum", "intervall", "skal"),
    [
        (AR_1980, date(2000, 6, 1), (19, 20), [Skal.ALDER_OKAND]),
        (AR_1980, date(2000, 1, 1), (19, 20), [Skal.ALDER_OKAND]),
        (AR_1980, date(2000, 12, 31), (20, 20), []),
        (AR_1980, date(2001, 1, 1), (20, 21), []),
        (AR_1980, date(1999, 12, 31), (19, 19), [Skal.FOR_UNG]),
        (FEB_1980, date(2000, 3, 1), (20, 20), []),
        (FEB_1980, date(2000, 2, 29), (20, 20), []),  # born by 29 February: 20
        (FEB_1980, date(2000, 2, 15), (19, 20), [Skal.ALDER_OKAND]),
        (FEB_1980, date(2000, 1, 31), (19, 19), [Skal.FOR_UNG]),
    ],
)
def test_age_from_an_incomplete_samordningsnummer(
    p: Personnummer, startdatum: date, intervall: tuple[int, int], skal: list[Skal]
) -> None:
    b = uiv.bedom(snr(p, startdatum))
    assert b.placering.fodelsedatum is None
    assert b.alder_vid_start_intervall == intervall
    assert b.alder_vid_start_intervall == p.alder_intervall(vid=startdatum)  # its own API
    assert list(b.skal) == skal
    assert b.ska_foljas_upp is (not skal)


def test_an_incomplete_samordningsnummer_and_other_sources() -> None:
    start = date(2000, 6, 1)
    assert snr(AR_1980, start).fodelsedatum_intervall == (date(1980, 1, 1), date(1980, 12, 31))
    # A full birth date inside the number's interval settles the age.
    kand = snr(FEB_1980, start, fodelsedatum=date(1980, 2, 10))
    assert kand.fodelsedatum == date(1980, 2, 10)
    assert uiv.bedom(kand).alder_vid_start == 20
    assert snr(AR_1980, start, fodelsear=1980).fodelsear == 1980
    for andringar, falt in (
        ({"fodelsedatum": date(1980, 3, 1)}, "fodelsedatum"),  # outside February
        ({"fodelsear": 1981}, "fodelsear"),
    ):
        with pytest.raises(InvalidPlacering) as info:
            snr(FEB_1980, start, **andringar)
        assert info.value.field == falt
        assert "2384" not in str(info.value)
    with pytest.raises(InvalidPlacering) as fore:
        snr(FEB_1980, date(1980, 1, 31))  # born in February, after the start
    assert fore.value.field == "personnummer"
    assert "2384" not in repr(snr(AR_1980, start))


def test_the_reader_takes_an_incomplete_samordningsnummer() -> None:
    import io

    rader = list(
        uiv.las_placeringar(
            io.BytesIO(
                b"id,placeringsform,lagrum,riktad_mot_missbruk,bistandsbedomd,startdatum,"
                b"slutdatum,personnummer\nP-1,1,1,ja,ja,2000-06-01,2000-06-30,19800060-2386\n"
            )
        )
    )
    assert rader[0].post is not None
    assert rader[0].post.placering.personnummer == AR_1980
    u = uiv.uppgift(rader[0].post.placering, vid=date(2000, 7, 5))
    assert u.status is Status.OAVGJORD


@st.composite
def ofullstandiga(draw: st.DrawFn) -> Personnummer:
    """Samordningsnummer with month 00 and/or day 60 (the day unknown)."""
    ar = draw(st.integers(1900, 2020))
    manad = draw(st.integers(0, 12))
    dag = 60 if manad else draw(st.integers(60, 91))
    nio = f"{ar % 100:02d}{manad:02d}{dag:02d}{draw(st.integers(1, 999)):03d}"
    text = f"{ar}{nio[2:6]}-{nio[6:]}{calc_check_digit(nio)}"
    return Personnummer.parse(text, referensdatum=date(2100, 1, 1), ofullstandigt_datum=True)


@given(ofullstandiga(), st.integers(0, 40 * 366), st.integers(0, 30))
def test_the_age_criterion_follows_the_age_interval(
    p: Personnummer, efter: int, min_alder: int
) -> None:
    start = p.fodelsedatum_intervall[0] + timedelta(days=efter)
    t = uiv.Troskelvarden(min_alder=min_alder)
    b = uiv.bedom(snr(p, start, slutdatum=None), troskelvarden=t)
    lagst, hogst = p.alder_intervall(vid=start)  # the identity API as the oracle
    assert b.alder_vid_start_intervall == (lagst, hogst)
    assert (Skal.FOR_UNG in b.skal) is (hogst < min_alder)
    assert (Skal.ALDER_OKAND in b.skal) is (lagst < min_alder <= hogst)
    assert b.alder_vid_start == (lagst if lagst == hogst else None)
