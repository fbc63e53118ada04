"""The real cases the model covers: avslag, ärenden ended without insats, persons, anonymous
clients, a birth year alone, and durations that never run backwards."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import attrs
import pytest
from dateutil.relativedelta import relativedelta
from hypothesis import given
from hypothesis import strategies as st

import socialtjanst_variabler as sv
from socialtjanst_variabler import (
    Arende,
    Avslut,
    AvslutUtanInsats,
    Beslutsutfall,
    Insats,
    InvalidInterval,
    InvalidJson,
    InvalidValue,
    OrsakUtanInsats,
    Processteg,
    Uppfoljning,
)
from socialtjanst_variabler.errors import DateBeforeBirth
from socialtjanst_variabler.identitet.reservnummer import Reservnummer
from socialtjanst_variabler.personnummer import Personnummer
from socialtjanst_variabler.strategies import arenden

VID = date(2026, 6, 1)
PNR = Personnummer.parse("19121212-1212")


def fynd(a: Arende, vid: date = VID) -> list[tuple[str, str, str]]:
    return [(f.regel.value, f.allvarlighet.value, f.falt) for f in sv.granska(a, vid=vid)]


def komplett(**kwargs: Any) -> Arende:
    """An ärende with variables 1–9 registered, so only the case under test can be found."""
    falt: dict[str, Any] = {
        "id": "A-1",
        "aktualiseringsdatum": date(2026, 1, 5),
        "aktualiseringsorsak": frozenset({sv.Problematik.HEMLOS}),
        "personnummer": PNR,
        "ursprung": sv.Ursprung(1),
        "hushallstyp": sv.Hushallstyp(1),
        "tidigare_kontakt": sv.TidigareKontakt(1),
        "problematik": frozenset({sv.Problematik.HEMLOS}),
    }
    return Arende(**{**falt, **kwargs})


AVSLAG = Insats(
    beslutsdatum=date(2026, 2, 1),
    beslut=Beslutsutfall.AVSLAG,
    insatstyp=frozenset({sv.Insatstyp(1)}),
)


# --- avslag -------------------------------------------------------------------------------


def test_a_refused_insats_ends_the_arende_on_its_beslut_date_without_saknas() -> None:
    a = komplett(insatser=(AVSLAG,))
    assert fynd(a) == []
    assert sv.slutdatum(a) == date(2026, 2, 1)
    assert sv.total_tid(a) == 27
    assert sv.uppnatt_processteg(a) is Processteg.AVSLUTA
    assert sv.from_json(sv.to_json(a)) == a
    assert sv.to_dict(a)["insatser"][0]["beslut"] == 3


@pytest.mark.parametrize(
    ("spar", "falt"),
    [
        ({"verkstallighetsdatum": date(2026, 2, 2)}, "insatser[0].verkstallighetsdatum"),
        ({"uppfoljningar": (Uppfoljning(),)}, "insatser[0].uppfoljningar"),
        ({"avslut": Avslut()}, "insatser[0].avslut"),
    ],
)
def test_a_refused_insats_that_was_carried_out_is_an_error(spar: dict[str, Any], falt: str) -> None:
    a = komplett(insatser=(attrs.evolve(AVSLAG, **spar),))
    assert ("AVSLAG_VERKSTALLT", "fel", falt) in fynd(a)


def test_a_refused_insats_still_needs_its_beslut_date_and_insatstyp() -> None:
    a = komplett(insatser=(Insats(beslut=Beslutsutfall.AVSLAG),))
    assert fynd(a) == [
        ("SAKNAS", "saknas", "insatser[0].beslutsdatum"),
        ("SAKNAS", "saknas", "insatser[0].insatstyp"),
    ]
    assert sv.slutdatum(a) is None  # no date, no end


@pytest.mark.parametrize("utfall", [Beslutsutfall.BIFALL, Beslutsutfall.DELVIS_BIFALL, None])
def test_a_granted_insats_is_open_until_its_avslut(utfall: Beslutsutfall | None) -> None:
    a = komplett(insatser=(attrs.evolve(AVSLAG, beslut=utfall),))
    assert sv.slutdatum(a) is None
    assert sv.uppnatt_processteg(a) is Processteg.BESLUTA


def test_the_end_is_the_latest_of_refusals_and_avslut() -> None:
    avslutad = Insats(
        beslutsdatum=date(2026, 1, 10),
        verkstallighetsdatum=date(2026, 1, 12),
        avslut=Avslut(datum=date(2026, 1, 30)),
    )
    a = komplett(insatser=(avslutad, AVSLAG))
    assert sv.slutdatum(a) == date(2026, 2, 1)
    b = komplett(insatser=(avslutad, attrs.evolve(AVSLAG, beslutsdatum=date(2026, 1, 11))))
    assert sv.slutdatum(b) == date(2026, 1, 30)
    assert sv.slutdatum(komplett()) is None  # no insats and no avslut utan insats: open


# --- avslut utan insats -------------------------------------------------------------------

UTAN = AvslutUtanInsats(datum=date(2026, 1, 20), orsak=OrsakUtanInsats.ANSOKAN_ATERTOGS)


def test_an_arende_ended_without_insats() -> None:
    a = komplett(avslut_utan_insats=UTAN)
    assert fynd(a) == []
    assert sv.slutdatum(a) == date(2026, 1, 20)
    assert sv.total_tid(a) == 15
    assert sv.uppnatt_processteg(a) is Processteg.AVSLUTA
    assert sv.from_json(sv.to_json(a)) == a
    assert sv.to_dict(a)["avslut_utan_insats"] == {"datum": "2026-01-20", "orsak": 3}


def test_an_end_without_insats_needs_date_and_reason_in_order() -> None:
    a = komplett(avslut_utan_insats=AvslutUtanInsats())
    assert fynd(a) == [
        ("SAKNAS", "saknas", "avslut_utan_insats.datum"),
        ("SAKNAS", "saknas", "avslut_utan_insats.orsak"),
    ]
    assert sv.slutdatum(a) is None
    tidig = komplett(avslut_utan_insats=attrs.evolve(UTAN, datum=date(2026, 1, 4)))
    assert ("DATUMORDNING", "fel", "avslut_utan_insats.datum") in fynd(tidig)
    with pytest.raises(InvalidInterval, match="slutdatum ligger före aktualiseringsdatum"):
        sv.total_tid(tidig)
    sen = komplett(avslut_utan_insats=attrs.evolve(UTAN, datum=date(2026, 7, 1)))
    assert ("FRAMTIDA_DATUM", "fel", "avslut_utan_insats.datum") in fynd(sen)


def test_an_end_without_insats_contradicts_a_granted_insats_only() -> None:
    beviljad = attrs.evolve(AVSLAG, beslut=Beslutsutfall.BIFALL)
    a = komplett(avslut_utan_insats=UTAN, insatser=(AVSLAG, beviljad))
    assert [f for f in fynd(a) if f[0] == "AVSLUT_UTAN_INSATS_MED_INSATS"] == [
        ("AVSLUT_UTAN_INSATS_MED_INSATS", "fel", "insatser[1]")
    ]


# --- the person key ----------------------------------------------------------------------


def test_person_id_round_trips_and_is_not_demanded() -> None:
    a = komplett(person_id="kund-42")
    assert sv.from_json(sv.to_json(a)).person_id == "kund-42"
    assert fynd(komplett()) == []


@pytest.mark.parametrize(
    ("varde", "regel"),
    [
        ("", "icke-tom"),
        ("   ", "icke-tom"),
        ("x" * 201, "högst 200"),
        (42, "ska vara en sträng"),
        ("a\nb", "styrtecken"),
        ("19121212-1212", "ser ut som ett personnummer"),
        ("p-191212121212", "ser ut som ett personnummer"),
    ],
)
def test_a_bad_person_id_is_refused(varde: object, regel: str) -> None:
    with pytest.raises(InvalidValue, match=regel) as info:
        Arende(id="1", person_id=varde)  # type: ignore[arg-type]
    assert "1212-1212" not in str(info.value)
    with pytest.raises(InvalidJson, match=r"@ \$\.person_id"):  # the reader runs the same rules
        sv.from_dict({"id": "1", "person_id": varde})


# --- anonymous clients and a birth year alone ---------------------------------------------


def test_an_anonymous_client_owes_no_identity() -> None:
    a = komplett(personnummer=None, anonym=True, insatser=(AVSLAG,))
    assert fynd(a) == []
    assert sv.to_dict(a)["anonym"] is True
    assert "anonym" not in sv.to_dict(komplett())  # False is the default, left out
    assert sv.from_dict({"id": "1", "anonym": False}) == Arende(id="1")
    with pytest.raises(InvalidJson, match=r"@ \$\.anonym"):
        sv.from_dict({"id": "1", "anonym": None})
    with pytest.raises(InvalidValue, match="högst en identitet"):
        komplett(anonym=True)
    with pytest.raises(InvalidValue, match="True eller False"):
        Arende(id="1", anonym=None)  # type: ignore[arg-type]


def test_without_identity_sex_and_birth_date_are_still_due() -> None:
    a = komplett(personnummer=None, insatser=(AVSLAG,))
    assert fynd(a) == [
        ("SAKNAS", "saknas", "juridiskt_kon"),
        ("SAKNAS", "saknas", "fodelsedatum"),
    ]
    b = attrs.evolve(a, fodelsear=1990)
    assert fynd(b) == [("SAKNAS", "saknas", "juridiskt_kon")]


def test_the_birth_year_derives_from_the_birth_date() -> None:
    a = komplett()
    assert a.fodelsear == 1912
    assert "fodelsear" not in sv.to_dict(a)
    b = Arende(id="1", fodelsedatum=date(1990, 5, 1))
    assert b.fodelsear == 1990
    assert "fodelsear" not in sv.to_dict(b)
    assert sv.to_dict(Arende(id="1", fodelsear=1990))["fodelsear"] == 1990
    assert Arende(id="1", fodelsedatum=date(1990, 5, 1), fodelsear=1990) == b
    with pytest.raises(InvalidValue, match="fodelsear: motsäger födelsedatumet"):
        Arende(id="1", fodelsedatum=date(1990, 5, 1), fodelsear=1991)


@pytest.mark.parametrize(
    ("varde", "regel"),
    [(1799, "årtal 1800–9999"), (10_000, "årtal"), (True, "heltal"), (1990.0, "heltal")],
)
def test_a_bad_birth_year_is_refused(varde: object, regel: str) -> None:
    with pytest.raises(InvalidValue, match=regel):
        Arende(id="1", fodelsear=varde)  # type: ignore[arg-type]


@pytest.mark.parametrize("varde", [True, 1990.0, "1990", 1799])
def test_a_bad_birth_year_is_refused_in_json(varde: object) -> None:
    with pytest.raises(InvalidJson, match=r"@ \$\.fodelsear"):
        sv.from_dict({"id": "1", "fodelsear": varde})


@pytest.mark.parametrize(
    ("vid", "intervall", "alder"),
    [
        (date(1990, 1, 1), (0, 0), 0),
        (date(1990, 12, 31), (0, 0), 0),
        (date(1991, 1, 1), (0, 1), None),
        (date(2026, 6, 1), (35, 36), None),
        (date(2026, 12, 31), (36, 36), 36),
    ],
)
def test_age_from_a_birth_year_is_an_interval(
    vid: date, intervall: tuple[int, int], alder: int | None
) -> None:
    a = Arende(id="1", fodelsear=1990)
    assert a.alder_intervall(vid=vid) == intervall
    assert a.alder(vid=vid) == alder


def test_age_needs_a_date_and_a_birth() -> None:
    assert Arende(id="1").alder_intervall(vid=VID) is None
    assert Arende(id="1").alder(vid=VID) is None
    with pytest.raises(DateBeforeBirth):
        Arende(id="1", fodelsear=2027).alder_intervall(vid=VID)
    with pytest.raises(TypeError, match="vid ska vara ett datum"):
        komplett().alder(vid=None)  # type: ignore[arg-type]
    assert komplett().alder_intervall(vid=VID) == (113, 113)


def test_events_before_the_birth_year_or_a_future_birth_year() -> None:
    a = Arende(id="1", fodelsear=2026, aktualiseringsdatum=date(2025, 12, 31))
    assert ("FORE_FODELSE", "fel", "aktualiseringsdatum") in fynd(a)
    assert ("FRAMTIDA_DATUM", "fel", "fodelsear") in fynd(a, vid=date(2025, 12, 31))
    assert fynd(attrs.evolve(a, aktualiseringsdatum=date(2026, 1, 1))) == [
        ("SAKNAS", "saknas", "aktualiseringsorsak")
    ]


@given(st.integers(1800, 2100), st.dates(date(1800, 1, 1), date(2200, 12, 31)))
def test_the_age_interval_holds_every_possible_birth_date(ar: int, vid: date) -> None:
    a = Arende(id="1", fodelsear=ar)
    if vid.year < ar:
        with pytest.raises(DateBeforeBirth):
            a.alder_intervall(vid=vid)
        return
    intervall = a.alder_intervall(vid=vid)
    assert intervall is not None
    lagst, hogst = intervall
    # The oldest and youngest possible persons, aged by dateutil (an independent rule).
    mojliga = {
        relativedelta(vid, d).years
        for d in (date(ar, 1, 1), date(ar, 12, 31), min(vid, date(ar, 12, 31)))
        if d <= vid
    }
    assert min(mojliga) == lagst
    assert max(mojliga) == hogst


# --- identity forms ----------------------------------------------------------------------

OFULLSTANDIG = Personnummer.parse("19800060-2386", ofullstandigt_datum=True)  # day unknown
IVO = Reservnummer.parse("19800101-T124")


def test_a_samordningsnummer_with_a_partly_unknown_birth_date() -> None:
    a = komplett(personnummer=OFULLSTANDIG, insatser=(AVSLAG,))
    assert (a.fodelsedatum, a.fodelsear) == (None, 1980)
    assert a.juridiskt_kon is OFULLSTANDIG.juridiskt_kon
    assert fynd(a) == []  # the birth year stands for variable 5
    assert a.alder_intervall(vid=date(2026, 1, 15)) == OFULLSTANDIG.alder_intervall(
        vid=date(2026, 1, 15)
    )
    d = sv.to_dict(a)
    assert "fodelsear" not in d
    assert "juridiskt_kon" not in d
    assert sv.from_json(sv.to_json(a)) == a
    # an explicit birth date must be one the number allows
    assert komplett(personnummer=OFULLSTANDIG, fodelsedatum=date(1980, 7, 9)).fodelsear == 1980
    with pytest.raises(InvalidValue, match="fodelsedatum: motsäger personnumret"):
        komplett(personnummer=OFULLSTANDIG, fodelsedatum=date(1981, 1, 1))
    with pytest.raises(InvalidValue, match="fodelsear: motsäger personnumret"):
        komplett(personnummer=OFULLSTANDIG, fodelsear=1981)


def test_an_ivo_reservnummer_gives_sex_and_birth_date() -> None:
    a = komplett(personnummer=None, reservnummer=IVO, insatser=(AVSLAG,))
    assert (a.fodelsedatum, a.juridiskt_kon) == (IVO.fodelsedatum, IVO.juridiskt_kon)
    assert fynd(a) == []
    assert sv.to_dict(a)["reservnummer"] == "19800101-T124"
    assert "fodelsedatum" not in sv.to_dict(a)
    assert sv.from_json(sv.to_json(a)) == a
    assert "T124" not in repr(a)


def test_a_regional_reservnummer_is_opaque() -> None:
    r = Reservnummer.parse("RSV-000123")
    a = komplett(personnummer=None, reservnummer=r, insatser=(AVSLAG,))
    assert a.fodelsedatum is None
    assert a.juridiskt_kon is None
    assert fynd(a) == [
        ("SAKNAS", "saknas", "juridiskt_kon"),
        ("SAKNAS", "saknas", "fodelsedatum"),
    ]
    b = attrs.evolve(a, juridiskt_kon=sv.JuridisktKon(1), fodelsear=1970)
    assert fynd(b) == []
    assert sv.from_json(sv.to_json(b)) == b
    assert "000123" not in repr(b)


@pytest.mark.parametrize(
    "falt",
    [
        {"personnummer": PNR, "reservnummer": IVO},
        {"reservnummer": IVO, "anonym": True},
    ],
)
def test_an_arende_has_at_most_one_identity(falt: dict[str, Any]) -> None:
    with pytest.raises(InvalidValue, match="högst en identitet"):
        Arende(id="1", **falt)


def test_the_reader_takes_every_identity_form() -> None:
    assert sv.from_dict({"id": "1", "personnummer": "19800060-2386"}).fodelsear == 1980
    assert sv.from_dict({"id": "1", "reservnummer": " 19800101-T124 "}).reservnummer == IVO
    with pytest.raises(InvalidJson, match=r"@ \$\.reservnummer"):
        sv.from_dict({"id": "1", "reservnummer": 19800101})
    with pytest.raises(InvalidJson, match=r"@ \$\.reservnummer") as info:
        sv.from_dict({"id": "1", "reservnummer": "19121212-1212"})  # a personnummer
    assert "1212-1212" not in str(info.value)


@given(arenden(senast=date(2026, 1, 1)))
def test_no_identity_appears_in_repr_or_findings(a: Arende) -> None:
    """Whatever the identity form, neither the repr nor a finding shows it in full."""
    hemlig = [
        str(x)[-4:] for x in (a.personnummer, a.reservnummer) if x is not None and len(str(x)) > 4
    ]
    text = repr(a) + "".join(f.text + f.falt for f in sv.granska(a, vid=date(2026, 1, 1)))
    for del_ in hemlig:
        assert f"-{del_}" not in text


# --- durations never lie ------------------------------------------------------------------


def test_each_duration_refuses_an_interval_that_runs_backwards() -> None:
    i = Insats(
        beslutsdatum=date(2026, 1, 1),
        verkstallighetsdatum=date(2025, 12, 31),
        avslut=Avslut(datum=date(2025, 12, 30)),
    )
    a = Arende(id="1", aktualiseringsdatum=date(2026, 1, 2), insatser=(i,))
    with pytest.raises(InvalidInterval) as info:
        sv.handlaggningstid(a, i)
    assert (info.value.start, info.value.slut) == ("aktualiseringsdatum", "beslutsdatum")
    with pytest.raises(InvalidInterval, match="verkstallighetsdatum ligger före beslutsdatum"):
        sv.tid_till_verkstallighet(i)
    with pytest.raises(InvalidInterval, match=r"avslut\.datum ligger före verkstallighetsdatum"):
        sv.insatstid(i)
    with pytest.raises(InvalidInterval, match="slutdatum ligger före aktualiseringsdatum"):
        sv.total_tid(a)
    assert isinstance(info.value, ValueError)


@given(arenden(senast=date(2026, 1, 1)), st.integers(-400, 400))
def test_durations_are_never_negative(a: Arende, skift: int) -> None:
    """Whatever the dates: a duration is None, an InvalidInterval, or at least 0."""
    if a.aktualiseringsdatum is not None:  # move the aktualisering: now any order is possible
        a = attrs.evolve(a, aktualiseringsdatum=a.aktualiseringsdatum + timedelta(days=skift))
    matt: list[Any] = [lambda: sv.total_tid(a)]
    for i in a.insatser:
        matt += [
            lambda i=i: sv.handlaggningstid(a, i),
            lambda i=i: sv.tid_till_verkstallighet(i),
            lambda i=i: sv.insatstid(i),
        ]
    for m in matt:
        try:
            tid = m()
        except InvalidInterval:
            continue
        assert tid is None or tid >= 0


@given(arenden(senast=date(2026, 1, 1)))
def test_the_end_is_none_or_a_recorded_date(a: Arende) -> None:
    slut = sv.slutdatum(a)
    if slut is None:
        return
    datum = {i.beslutsdatum for i in a.insatser} | {i.avslut.datum for i in a.insatser if i.avslut}
    if a.avslut_utan_insats is not None:
        datum.add(a.avslut_utan_insats.datum)
    assert slut in datum
    assert sv.uppnatt_processteg(a) is Processteg.AVSLUTA
