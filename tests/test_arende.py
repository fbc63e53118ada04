"""The record model: structural rules refused at construction, derived facts."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import socialtjanst_variabler as sv
from socialtjanst_variabler import (
    Arende,
    Avslut,
    AvslutUtanInsats,
    Insats,
    InvalidValue,
    Processteg,
    Uppfoljning,
)
from socialtjanst_variabler.errors import DateBeforeBirth
from socialtjanst_variabler.katalog import TILLAGG
from socialtjanst_variabler.personnummer import Personnummer
from socialtjanst_variabler.strategies import arenden, personnummer

PNR = Personnummer.parse("19121212-1212")


def test_personnummer_derives_sex_and_birth_date() -> None:
    a = Arende(id="1", personnummer=PNR)
    assert a.juridiskt_kon is sv.JuridisktKon.POJKE_MAN
    assert a.fodelsedatum == date(1912, 12, 12)
    assert a == Arende(
        id="1",
        personnummer=PNR,
        juridiskt_kon=sv.JuridisktKon.POJKE_MAN,
        fodelsedatum=date(1912, 12, 12),
    )
    assert a.alder(vid=date(2026, 1, 1)) == 113


@given(st.builds(Arende, id=st.just("A"), personnummer=personnummer()), st.dates())
def test_age_with_a_personnummer_is_the_personnummers_own(a: Arende, vid: date) -> None:
    """One rule of age (leaplings included), with or without a personnummer."""
    assert a.personnummer is not None
    if vid < a.personnummer.fodelsedatum:
        with pytest.raises(DateBeforeBirth):
            a.alder(vid=vid)
    else:
        assert a.alder(vid=vid) == a.personnummer.alder(vid=vid)


@pytest.mark.parametrize(
    ("falt", "varde"),
    [("juridiskt_kon", sv.JuridisktKon.FLICKA_KVINNA), ("fodelsedatum", date(1912, 12, 13))],
)
def test_contradicting_explicit_value_is_refused(falt: str, varde: object) -> None:
    with pytest.raises(InvalidValue, match=f"{falt}: motsäger personnumret") as info:
        Arende(id="1", personnummer=PNR, **{falt: varde})  # type: ignore[arg-type]
    assert "1212" not in str(info.value)


def test_without_personnummer_values_are_explicit() -> None:
    a = Arende(id="1", juridiskt_kon=sv.JuridisktKon.FLICKA_KVINNA, fodelsedatum=date(2010, 2, 28))
    assert a.personnummer is None
    assert a.alder(vid=date(2026, 2, 27)) == 15
    assert Arende(id="1").alder(vid=date(2026, 1, 1)) is None
    with pytest.raises(sv.errors.DateBeforeBirth):
        a.alder(vid=date(2010, 2, 27))
    with pytest.raises(sv.errors.DateBeforeBirth):
        Arende(id="1", personnummer=PNR).alder(vid=date(1912, 12, 11))


@pytest.mark.parametrize(
    ("cls", "falt", "regel"),
    [
        (Arende, {"id": ""}, "icke-tom sträng"),
        (Arende, {"id": " "}, "icke-tom sträng"),
        (Arende, {"id": 7}, "icke-tom sträng"),
        (Arende, {"aktualiseringsdatum": "2026-01-01"}, "datum"),
        (Arende, {"aktualiseringsdatum": datetime(2026, 1, 1)}, "datum"),
        (Arende, {"ursprung": 1}, "fel typ: ska vara en medlem av Ursprung, inte int"),
        (
            Arende,
            {"ursprung": sv.Hushallstyp(1)},
            "fel typ: ska vara en medlem av Ursprung, inte Hushallstyp",
        ),
        (Arende, {"problematik": frozenset()}, "minst en kod"),
        (Arende, {"problematik": {sv.Problematik.HEMLOS}}, "frozenset"),
        (Arende, {"problematik": frozenset({1})}, "frozenset"),
        (Arende, {"personnummer": "19121212-1212"}, "ska vara en Personnummer"),
        (Arende, {"insatser": [Insats()]}, "tuple av Insats"),
        (Arende, {"insatser": (Avslut(),)}, "tuple av Insats"),
        (Insats, {"bistandsbedomd": 1}, "True eller False"),
        (Insats, {"uppfoljningar": (Avslut(),)}, "tuple av Uppfoljning"),
        (Insats, {"avslut": Uppfoljning()}, "Avslut"),
        (
            Uppfoljning,
            {"b2": sv.Forandring(1)},
            "fel typ: ska vara en medlem av Betydelse, inte Forandring",
        ),
        (Avslut, {"avslutsorsak": 9}, "fel typ: ska vara en medlem av Avslutsorsak, inte int"),
    ],
)
def test_structural_errors_are_refused(cls: type, falt: dict[str, Any], regel: str) -> None:
    if cls is Arende:
        falt = {"id": "1", **falt}
    with pytest.raises(InvalidValue, match=regel) as info:
        cls(**falt)
    assert "1212-1212" not in str(info.value)


@pytest.mark.parametrize("ingen", sorted(sv.INGEN_SAMVERKAN))
def test_samverkan_11_and_12_exclude_other_codes(ingen: sv.Samverkan) -> None:
    assert Uppfoljning(samverkan=frozenset({ingen})).samverkan == frozenset({ingen})
    assert Uppfoljning(samverkan=frozenset({sv.Samverkan.POLIS, sv.Samverkan.SKOLA}))
    for other in sv.Samverkan:
        if other is not ingen:
            with pytest.raises(InvalidValue, match="utesluter"):
                Uppfoljning(samverkan=frozenset({ingen, other}))


def test_vet_ej_is_not_absent() -> None:
    u = Uppfoljning(parallella_insatser=sv.ParallellaInsatser.VET_EJ)
    assert u.parallella_insatser is not None
    assert Uppfoljning().parallella_insatser is None


def test_insats_context() -> None:
    assert Insats().kontext is None
    assert Insats(bistandsbedomd=True).kontext is None
    kontext = Insats(bistandsbedomd=True, foljs_upp_av_myndighetsutovningen=True).kontext
    assert kontext is not None
    assert sv.variabel("12").steg(kontext) is Processteg.BESLUTA


def test_durations() -> None:
    insats = Insats(
        beslutsdatum=date(2026, 1, 20),
        verkstallighetsdatum=date(2026, 2, 1),
        avslut=Avslut(datum=date(2026, 3, 3)),
    )
    a = Arende(
        id="1",
        aktualiseringsdatum=date(2026, 1, 5),
        insatser=(insats, Insats(avslut=Avslut(datum=date(2026, 4, 1)))),
    )
    assert sv.handlaggningstid(a, insats) == 15
    assert sv.tid_till_verkstallighet(insats) == 12
    assert sv.insatstid(insats) == 30
    assert sv.total_tid(a) == 86
    assert sv.handlaggningstid(Arende(id="1"), insats) is None
    assert sv.handlaggningstid(a, Insats()) is None
    assert sv.tid_till_verkstallighet(Insats(beslutsdatum=date(2026, 1, 1))) is None
    assert sv.insatstid(Insats(verkstallighetsdatum=date(2026, 1, 1))) is None
    assert sv.insatstid(Insats(verkstallighetsdatum=date(2026, 1, 1), avslut=Avslut())) is None
    assert sv.total_tid(Arende(id="1", aktualiseringsdatum=date(2026, 1, 1))) is None
    open_insats = Arende(id="1", aktualiseringsdatum=date(2026, 1, 1), insatser=(insats, Insats()))
    assert sv.total_tid(open_insats) is None
    assert sv.total_tid(Arende(id="1", insatser=(insats,))) is None


@pytest.mark.parametrize(
    ("arende", "steg"),
    [
        (Arende(id="1"), None),
        (Arende(id="1", aktualiseringsdatum=date(2026, 1, 1)), Processteg.AKTUALISERA),
        (Arende(id="1", hushallstyp=sv.Hushallstyp(1)), Processteg.UTREDA),
        (Arende(id="1", insatser=(Insats(beslutsdatum=date(2026, 1, 2)),)), Processteg.BESLUTA),
        (
            Arende(id="1", insatser=(Insats(verkstallighetsdatum=date(2026, 1, 2)),)),
            Processteg.GENOMFORA,
        ),
        (
            Arende(
                id="1", insatser=(Insats(uppfoljningar=(Uppfoljning(datum=date(2026, 1, 3)),)),)
            ),
            Processteg.FOLJA_UPP,
        ),
        (
            Arende(id="1", insatser=(Insats(avslut=Avslut(datum=date(2026, 1, 4))),)),
            Processteg.AVSLUTA,
        ),
        (
            Arende(id="1", insatser=(Insats(avslut=Avslut(datum=date(2026, 1, 4))), Insats())),
            None,
        ),
    ],
)
def test_step_reached(arende: Arende, steg: Processteg | None) -> None:
    assert sv.uppnatt_processteg(arende) is steg


@given(arenden())
def test_step_reached_is_a_step_with_a_recorded_variable(a: Arende) -> None:
    steg = sv.uppnatt_processteg(a)
    assert steg is not Processteg.UTFORMA_UPPDRAG
    if steg is Processteg.AVSLUTA:  # ended: each insats refused or ended, or none needed
        assert (a.avslut_utan_insats is not None and a.avslut_utan_insats.datum) or all(
            (i.avslut is not None and i.avslut.datum)
            or (i.beslut is sv.Beslutsutfall.AVSLAG and i.beslutsdatum)
            for i in a.insatser
        )


def test_a_wrong_type_is_also_a_type_error() -> None:
    with pytest.raises(sv.InvalidFieldType, match="ursprung: fel typ") as info:
        Arende(id="1", ursprung=1)  # type: ignore[arg-type]
    assert isinstance(info.value, TypeError)
    assert isinstance(info.value, ValueError)
    with pytest.raises(TypeError, match="aktualiseringsdatum: ska vara ett datum"):
        Arende(id="1", aktualiseringsdatum="2026-01-01")  # type: ignore[arg-type]


def test_catalog_fields_exist_in_the_model() -> None:
    import attrs

    from socialtjanst_variabler.arende import NIVAER

    assert {
        "": Arende,
        "insatser[]": Insats,
        "insatser[].uppfoljningar[]": Uppfoljning,
        "insatser[].avslut": Avslut,
        "avslut_utan_insats": AvslutUtanInsats,
    } == NIVAER
    for v in sv.KATALOG:
        niva, _, namn = v.falt.rpartition(".")
        assert namn in attrs.fields_dict(NIVAER[niva]), v.nummer
    for t in TILLAGG:
        niva, _, namn = t.falt.rpartition(".")
        assert namn in attrs.fields_dict(NIVAER[niva]), t.falt


def test_every_model_field_is_a_variable_or_an_addition() -> None:
    """Nothing in the model is unaccounted for: each field holds an SKL variable, is one
    of the library's additions (katalog.TILLAGG), or is structure (id, the levels)."""
    import attrs

    from socialtjanst_variabler.arende import NIVAER

    # lokala: the municipality's local variables, under their extension's id.
    struktur = {"id", "insatser", "uppfoljningar", "avslut", "avslut_utan_insats", "lokala"}
    kanda = {v.falt for v in sv.KATALOG} | {t.falt for t in TILLAGG}
    for niva, cls in NIVAER.items():
        for f in attrs.fields(cls):
            falt = f"{niva}.{f.name}" if niva else f.name
            assert f.name in struktur or falt in kanda, falt
    assert not {t.falt for t in TILLAGG} & {v.falt for v in sv.KATALOG}
