"""The rules of issue 12: for each, an ärende that triggers it and a near miss that does not;
the two false positives as regressions; the settings (Granskningsinstallningar)."""

from __future__ import annotations

from datetime import date
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import socialtjanst_variabler as sv
from socialtjanst_variabler import (
    Allvarlighet,
    Arende,
    Avslut,
    Avslutsorsak,
    Insats,
    Insatstyp,
    Problematik,
    Regel,
    Uppfoljning,
    granska,
)
from socialtjanst_variabler.arende.granskning import STANDARD, Granskningsinstallningar
from socialtjanst_variabler.errors import InvalidValue
from socialtjanst_variabler.strategies import arenden

VID = date(2026, 6, 1)
D = date
AKT = D(2026, 1, 1)


def arende(*insatser: Insats, **falt: Any) -> Arende:
    base: dict[str, Any] = {"id": "A", "aktualiseringsdatum": AKT}
    base.update(falt)
    return Arende(insatser=insatser, **base)


def fynd(a: Arende, regel: Regel, vid: date = VID, **kw: Any) -> list[tuple[str, str]]:
    return [(f.falt, f.allvarlighet.value) for f in granska(a, vid=vid, **kw) if f.regel is regel]


FEB = D(2026, 2, 1)


def insats(typ: Insatstyp, verk: date | None = FEB, **kw: Any) -> Insats:
    return Insats(
        beslutsdatum=D(2026, 1, 20), verkstallighetsdatum=verk, insatstyp=frozenset({typ}), **kw
    )


ENSAM = frozenset({Problematik.ENSAMKOMMANDE_BARN})
SKOLA = frozenset({Problematik.SKOLRELATERAD_PROBLEMATIK})
DOD = Avslutsorsak.BRUKAREN_HAR_AVLIDIT
ALDRIG = Avslutsorsak.PABORJADES_ALDRIG


def _samverkan(*koder: int, sip: int | None = None, **kw: Any) -> Uppfoljning:
    """A follow-up as the reader builds it (the constructor refuses 11/12 combined)."""
    data: dict[str, Any] = {"datum": "2026-03-01", "samverkan": list(koder), **kw}
    if sip is not None:
        data["sip"] = sip
    a = sv.from_dict({"id": "x", "insatser": [{"uppfoljningar": [data]}]})
    return a.insatser[0].uppfoljningar[0]


# (rule, triggering ärende, near miss, expected (field, severity) of the trigger)
FALL: list[tuple[Regel, Arende, Arende, list[tuple[str, str]]]] = [
    # Ensamkommande barn: 21 at the aktualisering is fel, a day younger a warning.
    (
        Regel.ENSAMKOMMANDE_VUXEN,
        arende(aktualiseringsorsak=ENSAM, fodelsedatum=D(2005, 1, 1)),
        arende(aktualiseringsorsak=ENSAM, fodelsedatum=D(2008, 1, 2)),
        [("aktualiseringsorsak", "fel")],
    ),
    (
        Regel.ENSAMKOMMANDE_VUXEN,
        arende(problematik=ENSAM, fodelsedatum=D(2005, 1, 2)),
        arende(problematik=ENSAM, fodelsedatum=D(2008, 1, 2)),
        [("problematik", "varning")],
    ),
    # A birth year decides only when the whole interval lies on one side.
    (
        Regel.ENSAMKOMMANDE_VUXEN,
        arende(aktualiseringsorsak=ENSAM, fodelsear=2004),
        arende(aktualiseringsorsak=ENSAM, fodelsear=2008),  # 17 or 18: no finding
        [("aktualiseringsorsak", "fel")],
    ),
    (
        Regel.ENSAMKOMMANDE_VUXEN,
        arende(aktualiseringsorsak=ENSAM, fodelsear=2005),  # 20 or 21: only a warning
        arende(aktualiseringsorsak=ENSAM),  # no birth: nothing to judge
        [("aktualiseringsorsak", "varning")],
    ),
    (
        Regel.ENSAMKOMMANDE_FODD_I_SVERIGE,
        arende(aktualiseringsorsak=ENSAM, ursprung=sv.Ursprung(2)),
        arende(aktualiseringsorsak=ENSAM, ursprung=sv.Ursprung(4)),
        [("ursprung", "varning")],
    ),
    (
        Regel.SKOLRELATERAD_VUXEN,
        arende(problematik=SKOLA, fodelsedatum=D(2005, 1, 1)),
        arende(problematik=SKOLA, fodelsedatum=D(2005, 1, 2)),
        [("problematik", "varning")],
    ),
    # Youth placements, at the verkställande.
    (
        Regel.LVU_HEM_VUXEN,
        arende(insats(Insatstyp.LVU_HEM_12), fodelsedatum=D(2005, 2, 1)),
        arende(insats(Insatstyp.LVU_HEM_12), fodelsedatum=D(2005, 2, 2)),
        [("insatser[0].insatstyp", "fel")],
    ),
    # Without a verkställande, at the beslut (2026-01-20).
    (
        Regel.JOURHEM_VUXEN,
        arende(insats(Insatstyp.JOURHEM_OCH_BEREDSKAPSHEM, None), fodelsedatum=D(2005, 1, 20)),
        arende(insats(Insatstyp.JOURHEM_OCH_BEREDSKAPSHEM, None), fodelsedatum=D(2005, 1, 21)),
        [("insatser[0].insatstyp", "fel")],
    ),
    (
        Regel.LVM_HEM_UNG,
        arende(insats(Insatstyp.LVM_HEM), fodelsedatum=D(2008, 2, 2)),
        arende(insats(Insatstyp.LVM_HEM), fodelsedatum=D(2008, 2, 1)),
        [("insatser[0].insatstyp", "varning")],
    ),
    (
        Regel.STODBOENDE_UNG,
        arende(insats(Insatstyp.STODBOENDE), fodelsedatum=D(2010, 2, 2)),
        arende(insats(Insatstyp.STODBOENDE), fodelsedatum=D(2010, 2, 1)),
        [("insatser[0].insatstyp", "varning")],
    ),
    (
        Regel.FORSORJNINGSSTOD_UNG,
        arende(insats(Insatstyp.FORSORJNINGSSTOD), fodelsear=2009),  # 16 or 17
        arende(insats(Insatstyp.FORSORJNINGSSTOD), fodelsear=2008),  # 17 or 18: unsure
        [("insatser[0].insatstyp", "varning")],
    ),
    (
        Regel.PABORJADES_ALDRIG_GENOMFORD,
        arende(Insats(avslut=Avslut(avslutsorsak=ALDRIG, genomforande=sv.Genomforande(2)))),
        arende(Insats(avslut=Avslut(avslutsorsak=ALDRIG, genomforande=sv.Genomforande(3)))),
        [("insatser[0].avslut.genomforande", "fel")],
    ),
    (
        Regel.PABORJADES_ALDRIG_UPPFOLJD,
        arende(Insats(uppfoljningar=(Uppfoljning(),), avslut=Avslut(avslutsorsak=ALDRIG))),
        arende(
            Insats(
                uppfoljningar=(Uppfoljning(),),
                avslut=Avslut(avslutsorsak=Avslutsorsak.ANDRA_ORSAKER),
            )
        ),
        [("insatser[0].uppfoljningar", "fel")],
    ),
    # Beslut 2026-02-28: three months later is 2026-05-28; VID is 2026-06-01.
    (
        Regel.EJ_VERKSTALLT,
        arende(Insats(beslutsdatum=D(2026, 2, 28))),
        arende(Insats(beslutsdatum=D(2026, 3, 1))),
        [("insatser[0].verkstallighetsdatum", "varning")],
    ),
    (
        Regel.SEN_VERKSTALLIGHET,
        arende(Insats(beslutsdatum=D(2026, 1, 31), verkstallighetsdatum=D(2026, 5, 1))),
        # 31 January + 3 months is 30 April (the month's end): still in time.
        arende(Insats(beslutsdatum=D(2026, 1, 31), verkstallighetsdatum=D(2026, 4, 30))),
        [("insatser[0].verkstallighetsdatum", "varning")],
    ),
    (
        Regel.SAMVERKAN_KOMBINERAD,
        arende(Insats(uppfoljningar=(_samverkan(1, 12),))),
        arende(Insats(uppfoljningar=(_samverkan(1, 10),))),
        [("insatser[0].uppfoljningar[0].samverkan", "fel")],
    ),
    (
        Regel.SIP_UTAN_SAMVERKAN,
        arende(Insats(uppfoljningar=(_samverkan(12, sip=2),))),
        arende(Insats(uppfoljningar=(_samverkan(12, sip=3),))),
        [("insatser[0].uppfoljningar[0].sip", "fel")],
    ),
    (
        Regel.SIP_UTAN_SAMVERKAN,
        arende(Insats(uppfoljningar=(_samverkan(12, sip=1),))),
        arende(Insats(uppfoljningar=(_samverkan(11, sip=1),))),  # a need, unmet
        [("insatser[0].uppfoljningar[0].sip", "fel")],
    ),
    # Over 110: at VID while the ärende is open.
    (
        Regel.HOG_ALDER,
        arende(fodelsedatum=D(1915, 5, 31)),
        arende(fodelsedatum=D(1915, 6, 2)),
        [("fodelsedatum", "varning")],
    ),
    (
        Regel.HOG_ALDER,
        arende(fodelsear=1914),  # 111 or 112
        arende(fodelsear=1915),  # 110 or 111: unsure
        [("fodelsear", "varning")],
    ),
    # Open, latest event 2025-05-31, more than 12 months before VID (2026-06-01).
    (
        Regel.INAKTIVT_ARENDE,
        arende(aktualiseringsdatum=D(2025, 5, 31)),
        arende(aktualiseringsdatum=D(2025, 6, 1)),
        [("aktualiseringsdatum", "varning")],
    ),
    (
        Regel.INAKTIVT_ARENDE,
        arende(
            Insats(beslutsdatum=D(2025, 1, 1), beslut=sv.Beslutsutfall.AVSLAG),
            Insats(verkstallighetsdatum=D(2025, 3, 1)),
            aktualiseringsdatum=D(2024, 12, 1),
        ),
        arende(  # every insats ended or refused: not open
            Insats(beslutsdatum=D(2025, 1, 1), beslut=sv.Beslutsutfall.AVSLAG),
            Insats(verkstallighetsdatum=D(2025, 3, 1), avslut=Avslut()),
            aktualiseringsdatum=D(2024, 12, 1),
        ),
        [("insatser[1].verkstallighetsdatum", "varning")],
    ),
]


def _parallella(slut: date | None, verk: date = FEB) -> Arende:
    nej = Uppfoljning(datum=D(2026, 3, 1), parallella_insatser=sv.ParallellaInsatser.NEJ)
    return arende(
        Insats(verkstallighetsdatum=D(2026, 1, 10), uppfoljningar=(nej,)),
        Insats(verkstallighetsdatum=verk, avslut=Avslut(datum=slut) if slut else None),
    )


FALL += [
    (
        Regel.PARALLELLA_INSATSER_NEJ,
        _parallella(None),
        _parallella(None, verk=D(2026, 3, 2)),  # started after the follow-up
        [("insatser[0].uppfoljningar[0].parallella_insatser", "varning")],
    ),
    (
        Regel.PARALLELLA_INSATSER_NEJ,
        _parallella(D(2026, 3, 1)),  # ended on the day of the follow-up
        _parallella(D(2026, 2, 28)),  # ended the day before
        [("insatser[0].uppfoljningar[0].parallella_insatser", "varning")],
    ),
]


@pytest.mark.parametrize(("regel", "traff", "nara", "vantat"), FALL, ids=[f[0].value for f in FALL])
def test_rule_and_near_miss(
    regel: Regel, traff: Arende, nara: Arende, vantat: list[tuple[str, str]]
) -> None:
    assert fynd(traff, regel) == vantat
    assert fynd(nara, regel) == []
    # Each finding has a Swedish text and the rule is documented.
    assert all(f.text for f in granska(traff, vid=VID))
    assert regel.beskrivning
    assert regel.kalla


def test_every_rule_has_a_case() -> None:
    """Every rule of issue 12 is tested above (the older rules in test_granskning)."""
    aldre = {
        Regel.DATUMORDNING,
        Regel.FRAMTIDA_DATUM,
        Regel.FORE_FODELSE,
        Regel.PABORJADES_ALDRIG,
        Regel.EFTER_DODSFALL,
        Regel.VARDNADSHAVARE_VUXEN,
        Regel.B2_UTAN_FORBATTRING,
        Regel.AVSLAG_VERKSTALLT,
        Regel.AVSLUT_UTAN_INSATS_MED_INSATS,
        Regel.SAKNAS,
    }
    # The local variables' rules (issue 15): tests/test_lokala_poster.py.
    lokala = {r for r in Regel if r.name.startswith(("LOKAL_", "NATIONELL_"))}
    assert {f[0] for f in FALL} == set(Regel) - aldre - lokala


def test_no_age_rules_for_refused_or_undated_insatser_or_for_familjehem() -> None:
    vuxen = {"fodelsedatum": D(1980, 1, 1)}
    avslag = insats(Insatstyp.LVU_HEM_12, None, beslut=sv.Beslutsutfall.AVSLAG)
    assert fynd(arende(avslag, **vuxen), Regel.LVU_HEM_VUXEN) == []
    utan_datum = Insats(insatstyp=frozenset({Insatstyp.JOURHEM_OCH_BEREDSKAPSHEM}))
    assert fynd(arende(utan_datum, **vuxen), Regel.JOURHEM_VUXEN) == []
    # Familjehem för vuxna exists: no rule on Familjehem (code 10).
    familjehem = arende(insats(Insatstyp.FAMILJEHEM), **vuxen)
    assert [
        f for f in granska(familjehem, vid=VID) if f.allvarlighet is not Allvarlighet.SAKNAS
    ] == []
    # A verkställande before birth: FORE_FODELSE says it, the age rules stay silent.
    fore = arende(insats(Insatstyp.LVM_HEM), fodelsedatum=D(2026, 3, 1), aktualiseringsdatum=None)
    assert fynd(fore, Regel.LVM_HEM_UNG) == []
    # Ärende codes need the aktualisering date.
    assert (
        fynd(
            arende(aktualiseringsorsak=ENSAM, aktualiseringsdatum=None, **vuxen),
            Regel.ENSAMKOMMANDE_VUXEN,
        )
        == []
    )
    # An adult's Försörjningsstöd, from a birth year alone: the cheap screen.
    assert (
        fynd(arende(insats(Insatstyp.FORSORJNINGSSTOD), fodelsear=1990), Regel.FORSORJNINGSSTOD_UNG)
        == []
    )


def test_a_code_checked_for_age_among_others() -> None:
    typ = frozenset({Insatstyp.FORSORJNINGSSTOD, Insatstyp.LVU_HEM_12, Insatstyp.KURS})
    a = arende(Insats(beslutsdatum=D(2026, 1, 20), insatstyp=typ), fodelsedatum=D(1990, 1, 1))
    assert fynd(a, Regel.LVU_HEM_VUXEN) == [("insatser[0].insatstyp", "fel")]
    assert fynd(a, Regel.FORSORJNINGSSTOD_UNG) == []


def test_ej_verkstallt_not_when_ended_followed_up_refused_or_in_the_future() -> None:
    beslut = D(2026, 1, 1)
    for i in (
        Insats(beslutsdatum=beslut, avslut=Avslut(avslutsorsak=ALDRIG)),
        Insats(beslutsdatum=beslut, uppfoljningar=(Uppfoljning(),)),
        Insats(beslutsdatum=beslut, beslut=sv.Beslutsutfall.AVSLAG),
        Insats(beslutsdatum=D(2026, 7, 1)),
    ):
        assert fynd(arende(i), Regel.EJ_VERKSTALLT) == []


def test_both_codes_with_ursprung_born_in_sweden_give_one_finding() -> None:
    a = arende(aktualiseringsorsak=ENSAM, problematik=ENSAM, ursprung=sv.Ursprung(1))
    (f,) = [f for f in granska(a, vid=VID) if f.regel is Regel.ENSAMKOMMANDE_FODD_I_SVERIGE]
    assert "aktualiseringsorsak och problematik" in f.text


def test_hog_alder_at_the_end_of_a_closed_arende() -> None:
    slut = Insats(avslut=Avslut(datum=D(2020, 1, 1)))
    assert (
        fynd(
            arende(slut, aktualiseringsdatum=D(2019, 1, 1), fodelsedatum=D(1912, 1, 1)),
            Regel.HOG_ALDER,
        )
        == []
    )
    assert fynd(
        arende(slut, aktualiseringsdatum=D(2019, 1, 1), fodelsedatum=D(1909, 1, 1)), Regel.HOG_ALDER
    ) == [("fodelsedatum", "varning")]


# --- the false positives of issue 12 (regressions) ------------------------------------------


def test_two_avslut_for_a_death_a_few_days_apart_are_no_finding() -> None:
    a = arende(
        Insats(avslut=Avslut(datum=D(2026, 3, 1), avslutsorsak=DOD)),
        Insats(avslut=Avslut(datum=D(2026, 3, 4), avslutsorsak=DOD)),
        Insats(avslut=Avslut(datum=D(2026, 3, 6), avslutsorsak=Avslutsorsak.ANDRA_ORSAKER)),
        Insats(beslutsdatum=D(2026, 3, 2)),
    )
    assert fynd(a, Regel.EFTER_DODSFALL) == [
        # another avslut after the death: its date is a registration date
        ("insatser[2].avslut.datum", "varning"),
        # a beslut after the death is certainly wrong
        ("insatser[3].beslutsdatum", "fel"),
    ]


def test_an_avslut_utan_insats_after_a_death() -> None:
    dod = Insats(avslut=Avslut(datum=D(2026, 3, 1), avslutsorsak=DOD))
    for orsak, vantat in (
        (sv.OrsakUtanInsats.BRUKAREN_HAR_AVLIDIT, []),
        (sv.OrsakUtanInsats.ANNAN_ORSAK, [("avslut_utan_insats.datum", "varning")]),
    ):
        utan = sv.AvslutUtanInsats(datum=D(2026, 3, 5), orsak=orsak)
        assert fynd(arende(dod, avslut_utan_insats=utan), Regel.EFTER_DODSFALL) == vantat


def test_an_aktualisering_before_birth_is_a_warning_other_events_an_error() -> None:
    a = arende(Insats(beslutsdatum=D(2026, 1, 5)), fodelsedatum=D(2026, 1, 10))
    assert fynd(a, Regel.FORE_FODELSE) == [
        ("aktualiseringsdatum", "varning"),
        ("insatser[0].beslutsdatum", "fel"),
    ]


# --- settings ------------------------------------------------------------------------------


def test_settings_turn_off_change_severity_and_thresholds() -> None:
    a = arende(Insats(beslutsdatum=D(2026, 2, 28)))
    assert fynd(a, Regel.EJ_VERKSTALLT) == [("insatser[0].verkstallighetsdatum", "varning")]
    av = Granskningsinstallningar(av={Regel.EJ_VERKSTALLT})
    assert fynd(a, Regel.EJ_VERKSTALLT, installningar=av) == []
    fel = Granskningsinstallningar(allvarlighet={"EJ_VERKSTALLT": "fel"})
    assert fynd(a, Regel.EJ_VERKSTALLT, installningar=fel) == [
        ("insatser[0].verkstallighetsdatum", "fel")
    ]
    fyra = attrs.evolve(STANDARD, verkstallighet_manader=4)
    assert fynd(a, Regel.EJ_VERKSTALLT, installningar=fyra) == []
    # Off wins over a severity; other rules are untouched.
    bada = Granskningsinstallningar(
        av={Regel.EJ_VERKSTALLT}, allvarlighet={Regel.EJ_VERKSTALLT: Allvarlighet.FEL}
    )
    assert bada.allvarlighet == ()
    assert granska(a, vid=VID, installningar=bada) == tuple(
        f for f in granska(a, vid=VID) if f.regel is not Regel.EJ_VERKSTALLT
    )


@pytest.mark.parametrize(
    ("falt", "grans", "a", "regel"),
    [
        ("inaktiv_manader", 13, arende(aktualiseringsdatum=D(2025, 5, 31)), Regel.INAKTIVT_ARENDE),
        ("hogsta_alder", 111, arende(fodelsedatum=D(1915, 5, 31)), Regel.HOG_ALDER),
        (
            "ensamkommande_fel_alder",
            22,
            arende(aktualiseringsorsak=ENSAM, fodelsedatum=D(2005, 1, 1)),
            Regel.ENSAMKOMMANDE_VUXEN,
        ),
        (
            "skolrelaterad_alder",
            22,
            arende(problematik=SKOLA, fodelsedatum=D(2005, 1, 1)),
            Regel.SKOLRELATERAD_VUXEN,
        ),
        (
            "lvu_hem_alder",
            22,
            arende(insats(Insatstyp.LVU_HEM_12), fodelsedatum=D(2005, 2, 1)),
            Regel.LVU_HEM_VUXEN,
        ),
        (
            "jourhem_alder",
            22,
            arende(insats(Insatstyp.JOURHEM_OCH_BEREDSKAPSHEM), fodelsedatum=D(2005, 2, 1)),
            Regel.JOURHEM_VUXEN,
        ),
        (
            "lvm_hem_alder",
            17,
            arende(insats(Insatstyp.LVM_HEM), fodelsedatum=D(2008, 2, 2)),
            Regel.LVM_HEM_UNG,
        ),
        (
            "stodboende_alder",
            15,
            arende(insats(Insatstyp.STODBOENDE), fodelsedatum=D(2010, 2, 2)),
            Regel.STODBOENDE_UNG,
        ),
        (
            "forsorjningsstod_alder",
            17,
            arende(insats(Insatstyp.FORSORJNINGSSTOD), fodelsedatum=D(2008, 2, 2)),
            Regel.FORSORJNINGSSTOD_UNG,
        ),
    ],
)
def test_each_threshold_moves_its_rule(falt: str, grans: int, a: Arende, regel: Regel) -> None:
    assert fynd(a, regel)
    kw: dict[str, Any] = {falt: grans}
    andrad = attrs.evolve(STANDARD, **kw)
    assert not [
        f
        for f in fynd(a, regel, installningar=andrad)
        if f[1] == "fel" or regel is not Regel.ENSAMKOMMANDE_VUXEN
    ]
    assert andrad.avvikelser() == {falt: grans}


def test_ensamkommande_thresholds() -> None:
    a = arende(aktualiseringsorsak=ENSAM, fodelsedatum=D(2005, 1, 1))  # 21
    andrad = Granskningsinstallningar(ensamkommande_fel_alder=22, ensamkommande_varning_alder=22)
    assert fynd(a, Regel.ENSAMKOMMANDE_VUXEN, installningar=andrad) == []
    with pytest.raises(InvalidValue, match="ensamkommande_varning_alder"):
        Granskningsinstallningar(ensamkommande_varning_alder=22)


_regler = st.sampled_from(list(Regel))
installningar = st.builds(
    Granskningsinstallningar,
    av=st.frozensets(_regler, max_size=3),
    allvarlighet=st.dictionaries(_regler, st.sampled_from(list(Allvarlighet)), max_size=3),
    verkstallighet_manader=st.integers(1, 1200),
    inaktiv_manader=st.integers(1, 1200),
    hogsta_alder=st.integers(0, 150),
    ensamkommande_fel_alder=st.just(150),
    ensamkommande_varning_alder=st.integers(0, 150),
    skolrelaterad_alder=st.integers(0, 150),
    lvm_hem_alder=st.integers(0, 150),
)


@given(installningar)
def test_settings_round_trip_through_toml(g: Granskningsinstallningar) -> None:
    assert Granskningsinstallningar.fran_toml(g.som_toml()) == g
    assert hash(g) == hash(Granskningsinstallningar.fran_toml(g.som_toml()))


def test_standard_file_and_its_differences() -> None:
    assert STANDARD.avvikelser() == {}
    assert Granskningsinstallningar.fran_toml("") == STANDARD
    assert Granskningsinstallningar.fran_toml(STANDARD.som_toml()) == STANDARD
    assert "[regler]" not in STANDARD.som_toml()


@pytest.mark.parametrize(
    ("kwargs", "falt"),
    [
        ({"av": "HOG_ALDER"}, "av"),
        ({"av": 3}, "av"),
        ({"av": ["INGEN"]}, "av"),
        ({"allvarlighet": 3}, "allvarlighet"),
        ({"allvarlighet": {"INGEN": "fel"}}, "allvarlighet"),
        ({"allvarlighet": {"HOG_ALDER": "svår"}}, "allvarlighet.HOG_ALDER"),
        ({"hogsta_alder": True}, "hogsta_alder"),
        ({"hogsta_alder": -1}, "hogsta_alder"),
        ({"verkstallighet_manader": 0}, "verkstallighet_manader"),
        ({"inaktiv_manader": 1.5}, "inaktiv_manader"),
    ],
)
def test_bad_settings_name_the_field(kwargs: dict[str, Any], falt: str) -> None:
    with pytest.raises(InvalidValue) as exc:
        Granskningsinstallningar(**kwargs)
    assert exc.value.field == falt


@pytest.mark.parametrize(
    ("text", "falt"),
    [
        ("x = ", "regelfil"),
        ("okand = 1", "okand"),
        ("hogsta_alder = 1.5", "hogsta_alder"),
        ("hogsta_alder = 200", "hogsta_alder"),
        ("regler = 1", "regler"),
        ("[regler]\nX = 'av'", "regler.X"),
        ("[regler]\nHOG_ALDER = 1", "regler.HOG_ALDER"),
        ("[regler]\nHOG_ALDER = 'tyst'", "regler.HOG_ALDER"),
    ],
)
def test_bad_files_name_the_key(text: str, falt: str) -> None:
    with pytest.raises(InvalidValue) as exc:
        Granskningsinstallningar.fran_toml(text)
    assert exc.value.field == falt


@given(arenden(senast=date(2026, 1, 1)), installningar)
def test_settings_only_drop_or_relabel_findings(a: Arende, g: Granskningsinstallningar) -> None:
    """With the standard thresholds, settings remove or relabel findings, never add."""
    g = attrs.evolve(STANDARD, av=g.av, allvarlighet=dict(g.allvarlighet))
    standard = granska(a, vid=date(2026, 1, 1))
    andrade = granska(a, vid=date(2026, 1, 1), installningar=g)
    grad = dict(g.allvarlighet)
    assert andrade == tuple(
        attrs.evolve(f, allvarlighet=grad.get(f.regel, f.allvarlighet))
        for f in standard
        if f.regel not in g.av
    )


# --- reading variable 14 from an extract ----------------------------------------------------


def test_the_reader_keeps_the_arende_and_its_other_findings() -> None:
    text = (
        '{"id": "1", "aktualiseringsdatum": "2026-01-01", "insatser": [{"beslutsdatum": '
        '"2025-12-01", "uppfoljningar": [{"samverkan": [2, 11]}]}]}'
    )
    a = sv.from_json(text)
    regler = {f.regel for f in granska(a, vid=VID)}
    assert {Regel.SAMVERKAN_KOMBINERAD, Regel.DATUMORDNING} <= regler
    # Registration stays strict.
    with pytest.raises(InvalidValue, match="utesluter"):
        Uppfoljning(samverkan=a.insatser[0].uppfoljningar[0].samverkan)


@pytest.mark.parametrize(
    ("uppfoljningar", "problem"),
    [
        # Another problem sends the line to the detailed pass: it names that problem only.
        ([{"samverkan": [1, 12], "sip": 9}], "$.insatser[0].uppfoljningar[0].sip"),
        # A follow-up that is not an object, and samverkan lists that are wrong themselves.
        ([1], "$.insatser[0].uppfoljningar[0]"),
        ([{"samverkan": [1, 99]}], "$.insatser[0].uppfoljningar[0].samverkan"),
        ([{"samverkan": []}], "$.insatser[0].uppfoljningar[0].samverkan"),
    ],
)
def test_the_detailed_pass_does_not_refuse_the_exclusivity(
    uppfoljningar: list[Any], problem: str
) -> None:
    with pytest.raises(sv.InvalidJson) as exc:
        sv.from_dict({"id": "1", "insatser": [{"uppfoljningar": uppfoljningar}]})
    assert len(exc.value.problems) == 1
    assert exc.value.problems[0].endswith(f"@ {problem}")
    assert "utesluter" not in exc.value.problems[0]


def test_the_strategy_judges_age_as_granska_does() -> None:
    from socialtjanst_variabler import strategies

    person = Arende(id="-", fodelsedatum=D(2005, 1, 1))
    assert strategies._kanske_vuxen(person, D(2026, 1, 1))
    assert not strategies._kanske_vuxen(person, D(2025, 12, 31))
    assert not strategies._kanske_vuxen(person, D(2004, 1, 1))  # before birth: no age
    assert not strategies._kanske_vuxen(person, None)
    assert not strategies._kanske_vuxen(Arende(id="-"), D(2026, 1, 1))
