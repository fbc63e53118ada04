"""Examples for socialtjanst_variabler.uiv: one per sentence of the method's criteria
(seed 000), the boundaries, routing, thresholds, status and refused input.

Expected values are worked out by hand from the method text and DESIGN.md ("UIV
eligibility"), never copied from the code's output.
"""

from __future__ import annotations

import subprocess
import sys
from datetime import date, datetime
from typing import Any

import attrs
import pytest

from socialtjanst_variabler import uiv
from socialtjanst_variabler.errors import InvalidPlacering, InvalidValue, ValidationError
from socialtjanst_variabler.personnummer import Personnummer
from socialtjanst_variabler.uiv import Lagrum, Modul, Placeringsform, Skal, Status

#: A placement that meets every criterion: 22 days, a 45-year-old, SoL, institution.
BAS = uiv.Placering(
    placeringsform=Placeringsform.INSTITUTION,
    lagrum=Lagrum.SOL,
    riktad_mot_missbruk=True,
    bistandsbedomd=True,
    startdatum=date(2026, 1, 10),
    slutdatum=date(2026, 1, 31),
    fodelsedatum=date(1980, 5, 10),
)


def pl(**andringar: Any) -> uiv.Placering:
    return attrs.evolve(BAS, **andringar)


def test_baseline_is_followed_up() -> None:
    b = uiv.bedom(BAS)
    assert b.ska_foljas_upp is True
    assert b.modul is Modul.UIV
    assert b.skal == ()
    assert b.forklaringar == ()
    assert b.intervju_senast == date(2026, 2, 28)
    assert b.pagaende is False
    assert b.avgorbar is True
    assert b.alder_vid_start == 45
    assert b.antal_dagar == 22
    assert b.placering is BAS
    assert b.troskelvarden == uiv.STANDARD


# --- "De placeringar som ska följas upp är placeringar på eller i: institution,
# familjehem för vuxna, öppenvård" ----------------------------------------------------------


@pytest.mark.parametrize(
    "form", [Placeringsform.INSTITUTION, Placeringsform.FAMILJEHEM, Placeringsform.OPPENVARD]
)
def test_the_three_forms_are_followed_up(form: Placeringsform) -> None:
    b = uiv.bedom(pl(placeringsform=form))
    assert b.ska_foljas_upp
    assert b.modul is Modul.UIV
    assert b.skal == ()


def test_another_form_is_not_followed_up() -> None:
    b = uiv.bedom(pl(placeringsform=Placeringsform.ANNAN))
    assert not b.ska_foljas_upp
    assert b.modul is None
    assert b.skal == (Skal.FEL_PLACERINGSFORM,)
    assert b.intervju_senast is None
    assert b.forklaringar == (
        "Placeringsformen är inte institution, familjehem för vuxna eller öppenvård",
    )


# --- "klientens ålder är 20 år eller äldre vid inledningen av placeringen" ----------------


@pytest.mark.parametrize(
    ("fodelsedatum", "startdatum", "alder_vid_start"),
    [
        # 20th birthday on the start date: 20.
        (date(2006, 1, 10), date(2026, 1, 10), 20),
        # 20th birthday the day after: 19.
        (date(2006, 1, 11), date(2026, 1, 10), 19),
        (date(2006, 1, 9), date(2026, 1, 10), 20),
        # Leapling, 20th birthday in a leap year: 20 only on 29 February.
        (date(2004, 2, 29), date(2024, 2, 28), 19),
        (date(2004, 2, 29), date(2024, 2, 29), 20),
        # Leapling, 20th birthday in a common year (1900): 20 on 28 February.
        (date(1880, 2, 29), date(1900, 2, 27), 19),
        (date(1880, 2, 29), date(1900, 2, 28), 20),
    ],
)
def test_age_on_the_start_date(fodelsedatum: date, startdatum: date, alder_vid_start: int) -> None:
    b = uiv.bedom(pl(fodelsedatum=fodelsedatum, startdatum=startdatum, slutdatum=None))
    assert b.alder_vid_start == alder_vid_start
    assert (Skal.FOR_UNG in b.skal) is (alder_vid_start < 20)
    ended = uiv.bedom(
        pl(fodelsedatum=fodelsedatum, startdatum=startdatum, slutdatum=date(2026, 12, 31))
    )
    assert ended.ska_foljas_upp is (alder_vid_start >= 20)


def test_age_counts_at_the_start_not_at_the_end() -> None:
    # 19 when the placement starts, 20 when it ends: not followed up.
    b = uiv.bedom(pl(fodelsedatum=date(2006, 1, 20)))
    assert b.alder_vid_start == 19
    assert b.skal == (Skal.FOR_UNG,)
    assert b.forklaringar == (
        "Klienten var 19 år vid inledningen av placeringen; UIV kräver minst 20 år",
    )


def test_leapling_with_an_overridden_age_in_a_common_year() -> None:
    t = uiv.Troskelvarden(min_alder=21)
    ok = uiv.bedom(
        pl(fodelsedatum=date(2004, 2, 29), startdatum=date(2025, 2, 28)), troskelvarden=t
    )
    young = uiv.bedom(
        pl(fodelsedatum=date(2004, 2, 29), startdatum=date(2025, 2, 27)), troskelvarden=t
    )
    assert ok.ska_foljas_upp
    assert young.skal == (Skal.FOR_UNG,)
    assert young.forklaringar == (
        "Klienten var 20 år vid inledningen av placeringen; UIV kräver minst 21 år",
    )


def test_born_on_the_start_date_is_allowed_and_too_young() -> None:
    b = uiv.bedom(pl(fodelsedatum=BAS.startdatum))
    assert b.alder_vid_start == 0
    assert b.skal == (Skal.FOR_UNG,)


# --- "placeringen är riktad mot missbruk och pågått minst 7 dagar" --------------------------


def test_not_aimed_at_missbruk() -> None:
    b = uiv.bedom(pl(riktad_mot_missbruk=False))
    assert not b.ska_foljas_upp
    assert b.skal == (Skal.EJ_RIKTAD_MOT_MISSBRUK,)
    assert b.forklaringar == ("Placeringen är inte riktad mot missbruk",)


@pytest.mark.parametrize(
    ("startdatum", "slutdatum", "antal_dagar"),
    [
        (date(2026, 1, 10), date(2026, 1, 10), 1),
        (date(2026, 1, 10), date(2026, 1, 15), 6),
        (date(2026, 1, 10), date(2026, 1, 16), 7),
        (date(2025, 12, 28), date(2026, 1, 2), 6),
        (date(2025, 12, 28), date(2026, 1, 3), 7),
        # Across 29 February.
        (date(2024, 2, 25), date(2024, 3, 1), 6),
        (date(2024, 2, 25), date(2024, 3, 2), 7),
    ],
)
def test_length_counts_start_and_end_day(
    startdatum: date, slutdatum: date, antal_dagar: int
) -> None:
    b = uiv.bedom(pl(startdatum=startdatum, slutdatum=slutdatum))
    assert b.antal_dagar == antal_dagar
    assert b.ska_foljas_upp is (antal_dagar >= 7)
    assert b.skal == (() if antal_dagar >= 7 else (Skal.FOR_KORT,))


def test_exactly_seven_days_is_followed_up_although_the_intro_says_more_than_seven() -> None:
    # "mer än sju dagar" (intro) vs "minst 7 dagar" (criteria): the criteria rule.
    b = uiv.bedom(pl(startdatum=date(2026, 3, 1), slutdatum=date(2026, 3, 7)))
    assert b.ska_foljas_upp


def test_length_explanations() -> None:
    six = uiv.bedom(pl(startdatum=date(2026, 1, 10), slutdatum=date(2026, 1, 15)))
    assert six.forklaringar == (
        "Placeringen varade 6 dagar (start- och slutdag medräknade); UIV kräver minst 7 dagar",
    )
    one = uiv.bedom(pl(startdatum=date(2026, 1, 10), slutdatum=date(2026, 1, 10)))
    assert one.forklaringar == (
        "Placeringen varade 1 dag (start- och slutdag medräknade); UIV kräver minst 7 dagar",
    )
    ten = uiv.bedom(
        pl(startdatum=date(2026, 1, 10), slutdatum=date(2026, 1, 18)),
        troskelvarden=uiv.Troskelvarden(min_dagar=10),
    )
    assert ten.forklaringar == (
        "Placeringen varade 9 dagar (start- och slutdag medräknade); UIV kräver minst 10 dagar",
    )


# --- "placeringen har varit en SoL, LVM eller § 27 LVM" ------------------------------------


@pytest.mark.parametrize("lagrum", [Lagrum.SOL, Lagrum.LVM, Lagrum.LVM_27])
def test_the_three_laws_are_followed_up(lagrum: Lagrum) -> None:
    assert uiv.bedom(pl(lagrum=lagrum)).ska_foljas_upp


def test_another_law_is_not_followed_up() -> None:
    b = uiv.bedom(pl(lagrum=Lagrum.ANNAT))
    assert b.skal == (Skal.FEL_LAGRUM,)
    assert b.forklaringar == ("Lagrummet är inte SoL, LVM eller § 27 LVM",)


@pytest.mark.parametrize("lagrum", [Lagrum.LVM, Lagrum.LVM_27])
@pytest.mark.parametrize("form", [Placeringsform.INSTITUTION, Placeringsform.FAMILJEHEM])
def test_lvm_care_is_not_bistand_and_is_followed_up(form: Placeringsform, lagrum: Lagrum) -> None:
    b = uiv.bedom(pl(placeringsform=form, lagrum=lagrum, bistandsbedomd=False))
    assert b.ska_foljas_upp
    assert b.modul is Modul.UIV


# --- "Vid varje avslutad placering, även om den direkt övergår i en ny placering" ----------


def test_back_to_back_short_placements_are_not_merged() -> None:
    first = pl(startdatum=date(2026, 2, 1), slutdatum=date(2026, 2, 4))
    second = pl(
        placeringsform=Placeringsform.FAMILJEHEM,
        startdatum=date(2026, 2, 5),
        slutdatum=date(2026, 2, 8),
    )
    results = uiv.bedom_alla([first, second])
    assert [r.skal for r in results] == [(Skal.FOR_KORT,), (Skal.FOR_KORT,)]
    assert [r.placering for r in results] == [first, second]


def test_each_placement_of_a_chain_is_followed_up() -> None:
    first = pl(startdatum=date(2026, 1, 1), slutdatum=date(2026, 1, 31))
    second = pl(
        placeringsform=Placeringsform.OPPENVARD,
        startdatum=date(2026, 2, 1),
        slutdatum=date(2026, 3, 15),
    )
    third = pl(lagrum=Lagrum.ANNAT, startdatum=date(2026, 3, 15), slutdatum=None)
    results = uiv.bedom_alla(iter([first, second, third]))
    assert len(results) == 3
    assert [r.ska_foljas_upp for r in results] == [True, True, False]
    assert [r.intervju_senast for r in results] == [date(2026, 2, 28), date(2026, 4, 15), None]
    assert results[2].skal == (Skal.FEL_LAGRUM,)


def test_bedom_alla_applies_the_thresholds_to_every_placement() -> None:
    t = uiv.Troskelvarden(min_dagar=30)
    results = uiv.bedom_alla([BAS, BAS], troskelvarden=t)
    assert [r.skal for r in results] == [(Skal.FOR_KORT,), (Skal.FOR_KORT,)]
    assert all(r.troskelvarden is t for r in results)


def test_bedom_alla_of_nothing() -> None:
    assert uiv.bedom_alla([]) == ()


# --- "Alla placeringar som motsvarar ovanstående kriterier ska följas upp ... oavsett om
# klienten har intervjuats eller ej" --------------------------------------------------------


def test_follow_up_stays_due_without_an_interview() -> None:
    # Never interviewed: long after the recommended date the task is overdue, not dropped.
    assert uiv.status(BAS, vid=date(2027, 1, 1)) is Status.FORSENAD
    assert uiv.bedom(BAS).ska_foljas_upp


# --- "Uppföljning ska inte göras för ej biståndsbedömda behandlingar inom öppenvård
# (använd modul UIV-EB för dessa uppföljningar)" -------------------------------------------


def test_non_bistand_oppenvard_is_routed_to_uiv_eb() -> None:
    b = uiv.bedom(pl(placeringsform=Placeringsform.OPPENVARD, bistandsbedomd=False))
    assert b.ska_foljas_upp is False
    assert b.modul is Modul.UIV_EB
    assert b.skal == (Skal.EJ_BISTANDSBEDOMD_OPPENVARD,)
    # A UIV-EB follow-up is a task too, due by the same date as a UIV one.
    assert b.intervju_senast == date(2026, 2, 28)
    assert b.forklaringar == (
        "Ej biståndsbedömd behandling inom öppenvård följs inte upp med UIV (använd modul UIV-EB)",
    )
    assert uiv.status(b, vid=date(2026, 2, 1)) is Status.ATT_GORA
    assert uiv.status(b, vid=date(2026, 3, 1)) is Status.FORSENAD


def test_bistand_oppenvard_is_uiv() -> None:
    b = uiv.bedom(pl(placeringsform=Placeringsform.OPPENVARD, bistandsbedomd=True))
    assert b.modul is Modul.UIV


def test_uiv_eb_only_when_every_other_criterion_is_met() -> None:
    short = uiv.bedom(
        pl(
            placeringsform=Placeringsform.OPPENVARD,
            bistandsbedomd=False,
            slutdatum=date(2026, 1, 12),
        )
    )
    assert short.modul is None
    assert short.skal == (Skal.FOR_KORT, Skal.EJ_BISTANDSBEDOMD_OPPENVARD)
    ongoing = uiv.bedom(
        pl(placeringsform=Placeringsform.OPPENVARD, bistandsbedomd=False, slutdatum=None)
    )
    assert ongoing.modul is None
    assert ongoing.skal == (Skal.EJ_BISTANDSBEDOMD_OPPENVARD,)
    assert ongoing.avgorbar


# --- every unmet criterion, not only the first ----------------------------------------------


@pytest.mark.parametrize(
    ("form", "forsta", "sista"),
    [
        (Placeringsform.ANNAN, [Skal.FEL_PLACERINGSFORM], []),
        (Placeringsform.OPPENVARD, [], [Skal.EJ_BISTANDSBEDOMD_OPPENVARD]),
    ],
)
def test_every_unmet_criterion_is_listed(
    form: Placeringsform, forsta: list[Skal], sista: list[Skal]
) -> None:
    b = uiv.bedom(
        pl(
            placeringsform=form,
            lagrum=Lagrum.ANNAT,
            riktad_mot_missbruk=False,
            bistandsbedomd=False,
            fodelsedatum=date(2010, 1, 1),
            slutdatum=date(2026, 1, 11),
        )
    )
    mitten = [Skal.FEL_LAGRUM, Skal.EJ_RIKTAD_MOT_MISSBRUK, Skal.FOR_UNG, Skal.FOR_KORT]
    assert b.skal == (*forsta, *mitten, *sista)
    assert len(b.forklaringar) == 5
    assert b.modul is None


# --- "bör intervjun genomföras inom en månad från det att biståndet avslutades" ----------


@pytest.mark.parametrize(
    ("slutdatum", "intervju_senast"),
    [
        (date(2024, 1, 31), date(2024, 2, 29)),  # leap year
        (date(2025, 1, 31), date(2025, 2, 28)),  # common year
        (date(2100, 1, 31), date(2100, 2, 28)),  # century, common
        (date(2026, 3, 15), date(2026, 4, 15)),
        (date(2026, 3, 31), date(2026, 4, 30)),
        (date(2026, 12, 31), date(2027, 1, 31)),
        (date(2024, 2, 29), date(2024, 3, 29)),
    ],
)
def test_interview_due_one_calendar_month_after_the_end(
    slutdatum: date, intervju_senast: date
) -> None:
    b = uiv.bedom(pl(startdatum=date(2023, 12, 1), slutdatum=slutdatum))
    assert b.intervju_senast == intervju_senast


@pytest.mark.parametrize(
    ("manader", "intervju_senast"),
    [(0, date(2026, 1, 31)), (2, date(2026, 3, 31)), (13, date(2027, 2, 28))],
)
def test_interview_months_overridden(manader: int, intervju_senast: date) -> None:
    t = uiv.Troskelvarden(intervju_inom_manader=manader)
    assert uiv.bedom(BAS, troskelvarden=t).intervju_senast == intervju_senast


def test_interview_date_beyond_the_calendar_is_refused() -> None:
    ok = uiv.bedom(pl(startdatum=date(9999, 11, 1), slutdatum=date(9999, 11, 30)))
    assert ok.intervju_senast == date(9999, 12, 30)
    with pytest.raises(InvalidPlacering) as info:
        uiv.bedom(pl(startdatum=date(9999, 12, 1), slutdatum=date(9999, 12, 15)))
    assert info.value.field == "slutdatum"


# --- ongoing placements: "not yet due", not "not eligible" ---------------------------------


def test_ongoing_placement_is_not_yet_due() -> None:
    b = uiv.bedom(pl(slutdatum=None))
    assert b.pagaende is True
    assert b.avgorbar is False
    assert b.ska_foljas_upp is False
    assert b.modul is None
    assert b.skal == ()
    assert b.intervju_senast is None
    assert b.antal_dagar is None
    assert uiv.status(b, vid=date(2030, 1, 1)) is Status.PAGAENDE


def test_ongoing_placement_lists_what_is_already_known() -> None:
    b = uiv.bedom(
        pl(placeringsform=Placeringsform.ANNAN, fodelsedatum=date(2008, 1, 1), slutdatum=None),
        troskelvarden=uiv.Troskelvarden(min_dagar=1000),
    )
    # Never FOR_KORT while ongoing, whatever the threshold.
    assert b.skal == (Skal.FEL_PLACERINGSFORM, Skal.FOR_UNG)
    assert b.pagaende
    assert b.avgorbar
    assert uiv.status(b, vid=date(2026, 1, 20)) is Status.EJ_AKTUELL


# --- thresholds ---------------------------------------------------------------------------


def test_standard_thresholds_are_the_methods() -> None:
    assert uiv.STANDARD.min_alder == 20
    assert uiv.STANDARD.min_dagar == 7
    assert uiv.STANDARD.intervju_inom_manader == 1
    assert uiv.Troskelvarden() == uiv.STANDARD


def test_thresholds_are_recorded_in_the_result() -> None:
    t = uiv.Troskelvarden(min_alder=50, min_dagar=30, intervju_inom_manader=3)
    b = uiv.bedom(BAS, troskelvarden=t)
    assert b.troskelvarden is t
    assert b.skal == (Skal.FOR_UNG, Skal.FOR_KORT)
    assert b.forklaringar == (
        "Klienten var 45 år vid inledningen av placeringen; UIV kräver minst 50 år",
        "Placeringen varade 22 dagar (start- och slutdag medräknade); UIV kräver minst 30 dagar",
    )


def test_thresholds_are_immutable() -> None:
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        uiv.STANDARD.min_dagar = 1  # type: ignore[misc]


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("min_alder", -1),
        ("min_dagar", 0),
        ("intervju_inom_manader", -1),
        ("min_dagar", True),
        ("min_dagar", 7.0),
        ("min_alder", "20"),
    ],
)
def test_invalid_thresholds_are_refused(field: str, value: object) -> None:
    with pytest.raises(InvalidValue) as info:
        uiv.Troskelvarden(**{field: value})  # type: ignore[arg-type]
    assert info.value.field == field


def test_smallest_thresholds_are_allowed() -> None:
    t = uiv.Troskelvarden(min_alder=0, min_dagar=1, intervju_inom_manader=0)
    b = uiv.bedom(pl(fodelsedatum=BAS.startdatum, slutdatum=BAS.startdatum), troskelvarden=t)
    assert b.ska_foljas_upp
    assert b.intervju_senast == BAS.startdatum


# --- status for a vendor's task list --------------------------------------------------------


@pytest.mark.parametrize(
    ("vid", "intervju_datum", "expected"),
    [
        (date(2026, 1, 9), None, Status.PAGAENDE),  # before the start
        (date(2026, 1, 30), None, Status.PAGAENDE),  # the day before the end
        (date(2026, 1, 31), None, Status.ATT_GORA),  # the end date
        (date(2026, 2, 28), None, Status.ATT_GORA),  # the recommended interview date
        (date(2026, 3, 1), None, Status.FORSENAD),  # the day after
        (date(2026, 2, 10), date(2026, 2, 10), Status.KLAR),
        (date(2026, 2, 10), date(2026, 2, 11), Status.ATT_GORA),  # not yet held
        (date(2026, 4, 1), date(2026, 3, 20), Status.KLAR),  # late, but done
        (date(2026, 4, 1), date(2026, 5, 2), Status.FORSENAD),  # not yet held
        (date(2026, 2, 1), date(2026, 1, 31), Status.KLAR),  # on the last day
        (date(2026, 1, 20), date(2026, 1, 15), Status.PAGAENDE),  # not ended yet
    ],
)
def test_status(vid: date, intervju_datum: date | None, expected: Status) -> None:
    assert uiv.status(BAS, vid=vid, intervju_datum=intervju_datum) is expected
    b = uiv.bedom(BAS)
    assert b.status(vid=vid, intervju_datum=intervju_datum) is expected


def test_status_of_a_placement_not_followed_up() -> None:
    b = uiv.bedom(pl(riktad_mot_missbruk=False))
    assert uiv.status(b, vid=date(2026, 2, 1)) is Status.EJ_AKTUELL
    assert uiv.status(b, vid=date(2026, 2, 1), intervju_datum=date(2026, 2, 1)) is (
        Status.EJ_AKTUELL
    )
    assert uiv.status(b, vid=date(2026, 1, 20)) is Status.EJ_AKTUELL


def test_status_uses_the_thresholds_of_the_bedomning() -> None:
    b = uiv.bedom(BAS, troskelvarden=uiv.Troskelvarden(intervju_inom_manader=2))
    assert uiv.status(b, vid=date(2026, 3, 31)) is Status.ATT_GORA
    assert uiv.status(BAS, vid=date(2026, 3, 31)) is Status.FORSENAD


@pytest.mark.parametrize(
    ("vid", "intervju_datum", "field"),
    [
        (datetime(2026, 2, 1, 12, 0), None, "vid"),
        ("2026-02-01", None, "vid"),
        (date(2026, 2, 1), datetime(2026, 2, 1, 12, 0), "intervju_datum"),
        (date(2026, 2, 1), "2026-02-01", "intervju_datum"),
    ],
)
def test_status_refuses_impossible_input(vid: Any, intervju_datum: Any, field: str) -> None:
    with pytest.raises(InvalidPlacering) as info:
        uiv.status(BAS, vid=vid, intervju_datum=intervju_datum)
    assert info.value.field == field


def test_the_one_date_call_counts_only_around_the_end() -> None:
    # Since 0.2 the old intervju_datum is a follow-up date: on the start of a 22-day
    # placement it is 21 days before the end, outside the 7-day window.
    assert uiv.status(BAS, vid=date(2026, 2, 1), intervju_datum=BAS.startdatum) is (Status.ATT_GORA)
    assert uiv.status(BAS, vid=date(2026, 2, 1), intervju_datum=date(2026, 1, 24)) is (Status.KLAR)
    assert uiv.status(BAS, vid=date(2026, 2, 1), intervju_datum=date(2026, 1, 9)) is (
        Status.ATT_GORA
    )


# --- the placement ------------------------------------------------------------------------


def test_placement_is_immutable_and_hashable() -> None:
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        BAS.slutdatum = None  # type: ignore[misc]
    assert pl() == BAS
    assert hash(pl()) == hash(BAS)
    assert pl(slutdatum=None) != BAS
    assert len({BAS, pl(), pl(slutdatum=None)}) == 2


def test_result_is_immutable() -> None:
    b = uiv.bedom(BAS)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        b.modul = None  # type: ignore[misc]
    assert uiv.bedom(BAS) == b


def test_ending_on_the_start_date_is_allowed() -> None:
    assert pl(slutdatum=BAS.startdatum).slutdatum == BAS.startdatum


def test_end_before_start_is_refused() -> None:
    with pytest.raises(InvalidPlacering) as info:
        pl(slutdatum=date(2026, 1, 9))
    assert info.value.field == "slutdatum"
    assert str(info.value) == "slutdatum: 2026-01-09 ligger före startdatum 2026-01-10"
    assert isinstance(info.value, ValueError)
    assert isinstance(info.value, ValidationError)


def test_birth_after_start_is_refused() -> None:
    with pytest.raises(InvalidPlacering) as info:
        pl(fodelsedatum=date(2026, 1, 11))
    assert info.value.field == "fodelsedatum"


def test_a_birth_date_is_required() -> None:
    with pytest.raises(InvalidPlacering) as info:
        uiv.Placering(
            placeringsform=Placeringsform.INSTITUTION,
            lagrum=Lagrum.SOL,
            riktad_mot_missbruk=True,
            bistandsbedomd=True,
            startdatum=date(2026, 1, 10),
            slutdatum=None,
        )
    assert info.value.field == "fodelsedatum"


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("placeringsform", 1),
        ("placeringsform", Lagrum.SOL),
        ("lagrum", "SoL"),
        ("lagrum", 1),
        ("riktad_mot_missbruk", 1),
        ("riktad_mot_missbruk", "Ja"),
        ("bistandsbedomd", None),
        ("startdatum", datetime(2026, 1, 10, 8, 0)),
        ("startdatum", "2026-01-10"),
        ("slutdatum", datetime(2026, 1, 31, 8, 0)),
        ("slutdatum", "2026-01-31"),
        ("fodelsedatum", datetime(1980, 5, 10)),
        ("fodelsedatum", 19800510),
        ("personnummer", "19121212-1212"),
    ],
)
def test_wrong_types_are_refused(field: str, value: object) -> None:
    with pytest.raises(InvalidPlacering) as info:
        pl(**{field: value})
    assert info.value.field == field


# --- value sets: stable codes and exact labels --------------------------------------------


def test_codes_and_labels_are_stable() -> None:
    assert [(m.name, m.value, m.label) for m in Placeringsform] == [
        ("INSTITUTION", 1, "Institution"),
        ("FAMILJEHEM", 2, "Familjehem för vuxna"),
        ("OPPENVARD", 3, "Öppenvård"),
        ("ANNAN", 4, "Annan placeringsform"),
    ]
    assert [(m.name, m.value, m.label) for m in Lagrum] == [
        ("SOL", 1, "SoL"),
        ("LVM", 2, "LVM"),
        ("LVM_27", 3, "§ 27 LVM"),
        ("ANNAT", 4, "Annat eller inget lagrum"),
    ]
    assert [(m.name, m.value, m.label) for m in Modul] == [
        ("UIV", 1, "UIV"),
        ("UIV_EB", 2, "UIV-EB"),
    ]
    assert [(m.name, m.value) for m in Skal] == [
        ("FEL_PLACERINGSFORM", 1),
        ("FEL_LAGRUM", 2),
        ("EJ_RIKTAD_MOT_MISSBRUK", 3),
        ("FOR_UNG", 4),
        ("FOR_KORT", 5),
        ("EJ_BISTANDSBEDOMD_OPPENVARD", 6),
        ("ALDER_OKAND", 7),
    ]
    assert [(m.name, m.value) for m in Status] == [
        ("PAGAENDE", 1),
        ("ATT_GORA", 2),
        ("FORSENAD", 3),
        ("KLAR", 4),
        ("EJ_AKTUELL", 5),
        ("OAVGJORD", 6),
    ]
    assert [(m.name, m.value) for m in uiv.Ignorerad] == [
        ("FORE_START", 1),
        ("FOR_TIDIGT", 2),
        ("EJ_AVSLUTAD", 3),
        ("EFTER_VID", 4),
    ]


def test_codes_from_stored_data() -> None:
    assert Placeringsform.from_code(3) is Placeringsform.OPPENVARD
    assert Lagrum.from_code(3) is Lagrum.LVM_27
    assert Skal.from_code(6) is Skal.EJ_BISTANDSBEDOMD_OPPENVARD


def test_import_is_cheap() -> None:
    code = "import sys, socialtjanst_variabler.uiv; print('cattrs' in sys.modules)"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "False"


# --- the birth date from a personnummer ---------------------------------------------------

PNR = Personnummer.parse("19121212-1212")


def test_birth_date_from_a_personnummer() -> None:
    p = pl(fodelsedatum=None, personnummer=PNR)
    assert p.fodelsedatum == date(1912, 12, 12)
    assert p.personnummer is PNR
    assert uiv.bedom(p).alder_vid_start == 113


def test_birth_date_and_personnummer_that_agree() -> None:
    p = pl(fodelsedatum=date(1912, 12, 12), personnummer=PNR)
    assert p.fodelsedatum == date(1912, 12, 12)


def test_samordningsnummer_gives_the_real_birth_date() -> None:
    # Day 72 = 12 + 60.
    s = Personnummer.parse("19121272-1219")
    assert pl(fodelsedatum=None, personnummer=s).fodelsedatum == date(1912, 12, 12)


def test_contradicting_birth_date_is_refused_without_revealing_the_number() -> None:
    with pytest.raises(InvalidPlacering) as info:
        pl(fodelsedatum=date(1912, 12, 13), personnummer=PNR)
    assert info.value.field == "fodelsedatum"
    message = str(info.value)
    assert "1212" not in message
    assert "1912" not in message


def test_repr_does_not_reveal_the_personnummer() -> None:
    assert "19121212-1212" not in repr(pl(fodelsedatum=None, personnummer=PNR))
    assert "19121212-1212" not in repr(uiv.bedom(pl(fodelsedatum=None, personnummer=PNR)))


def test_personnummer_born_after_the_start_is_refused() -> None:
    with pytest.raises(InvalidPlacering) as info:
        pl(
            fodelsedatum=None,
            personnummer=Personnummer.parse("20260111-0014", referensdatum=date(2026, 6, 1)),
        )
    assert info.value.field == "fodelsedatum"


@pytest.mark.parametrize("lagrum", [Lagrum.LVM, Lagrum.LVM_27])
def test_compulsory_care_in_oppenvard_is_followed_up_without_bistand(lagrum: Lagrum) -> None:
    # LVM and § 27 LVM care ("vård i annan form") is never bistånd, yet named in the criteria.
    b = uiv.bedom(pl(placeringsform=Placeringsform.OPPENVARD, lagrum=lagrum, bistandsbedomd=False))
    assert b.ska_foljas_upp is True
    assert b.modul is Modul.UIV


def test_a_placering_needs_a_real_personnummer() -> None:
    class Falsk:
        fodelsedatum = date(1980, 1, 1)

    with pytest.raises(InvalidPlacering, match="Personnummer"):
        pl(fodelsedatum=None, personnummer=Falsk())
