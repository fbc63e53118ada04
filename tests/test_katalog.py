"""The catalog and the process steps, against DESIGN.md and the seed."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

import socialtjanst_variabler as sv
from socialtjanst_variabler import Insatskontext, Processteg, variabler_i

P = Processteg
ORDER = [str(n) for n in range(1, 21)] + ["B1a", "B1b", "B2", "B3", "B4", "B5"]

# DESIGN.md: 1–2 → 1; 3–9 → 2; 11 → 5; 13–17 and B1a–B5 → 6; 18–20 → 7;
# 10 and 12 → Besluta or Genomföra by context; step 4 has none.
EXPECTED_STEG: dict[str, tuple[Processteg, ...]] = {
    **dict.fromkeys(("1", "2"), (P.AKTUALISERA,)),
    **{str(n): (P.UTREDA,) for n in range(3, 10)},
    "10": (P.BESLUTA, P.GENOMFORA),
    "11": (P.GENOMFORA,),
    "12": (P.BESLUTA, P.GENOMFORA),
    **{str(n): (P.FOLJA_UPP,) for n in range(13, 18)},
    **dict.fromkeys(ORDER[20:], (P.FOLJA_UPP,)),
    **{str(n): (P.AVSLUTA,) for n in range(18, 21)},
}

kontexter = st.builds(
    Insatskontext, bistandsbedomd=st.booleans(), foljs_upp_av_myndighetsutovningen=st.booleans()
)


def test_26_entries_in_spec_order() -> None:
    assert len(sv.KATALOG) == 26
    assert [v.nummer for v in sv.KATALOG] == ORDER


def test_spec_metadata() -> None:
    assert sv.SPEC_VERSION == "SKL-2019"
    assert sv.SPEC_ISBN == "978-91-7585-717-6"
    assert "SKL" in sv.SPEC_UTGIVARE
    assert sv.SPEC_TITEL.startswith("Verksamhetssystem som stöd för systematisk uppföljning")


def test_process_step_mapping() -> None:
    assert {v.nummer: v.processteg for v in sv.KATALOG} == EXPECTED_STEG


@pytest.mark.parametrize(
    ("bistandsbedomd", "myndighet", "steg"),
    [
        (True, True, P.BESLUTA),
        (True, False, P.GENOMFORA),
        (False, True, P.GENOMFORA),
        (False, False, P.GENOMFORA),
    ],
)
def test_rule_for_variables_10_and_12(
    bistandsbedomd: bool, myndighet: bool, steg: Processteg
) -> None:
    kontext = Insatskontext(
        bistandsbedomd=bistandsbedomd, foljs_upp_av_myndighetsutovningen=myndighet
    )
    assert sv.steg_for_beslut_och_insatstyp(kontext) is steg
    assert sv.variabel("10").steg(kontext) is steg
    assert sv.variabel("12").steg(kontext) is steg
    in_steg = {v.nummer for v in variabler_i(steg, kontext)}
    assert {"10", "12"} <= in_steg
    other = P.GENOMFORA if steg is P.BESLUTA else P.BESLUTA
    assert not {"10", "12"} & {v.nummer for v in variabler_i(other, kontext)}


@given(kontexter)
def test_every_variable_is_in_exactly_one_step_for_a_context(kontext: Insatskontext) -> None:
    placed = [v.nummer for steg in P for v in variabler_i(steg, kontext)]
    assert sorted(placed) == sorted(ORDER)
    for v in sv.KATALOG:
        assert v.steg(kontext) in v.processteg


@given(kontexter)
def test_step_4_has_no_variables(kontext: Insatskontext) -> None:
    assert variabler_i(P.UTFORMA_UPPDRAG) == ()
    assert variabler_i(P.UTFORMA_UPPDRAG, kontext) == ()
    assert P.UTFORMA_UPPDRAG.definition


def test_steps_without_context_list_every_possible_variable() -> None:
    assert [v.nummer for v in variabler_i(P.BESLUTA)] == ["10", "12"]
    assert [v.nummer for v in variabler_i(P.GENOMFORA)] == ["10", "11", "12"]
    assert [v.nummer for v in variabler_i(P.AVSLUTA)] == ["18", "19", "20"]


def test_process_steps() -> None:
    assert [(s.value, s.label) for s in P] == [
        (1, "Aktualisera"),
        (2, "Utreda"),
        (3, "Besluta"),
        (4, "Utforma uppdrag"),
        (5, "Genomföra"),
        (6, "Följa upp"),
        (7, "Avsluta"),
    ]
    assert [s for s in P if s.is_skl_tillagg] == [P.AVSLUTA]
    assert P.from_label("Utredda") is P.UTREDA


def test_unique_numbers_and_names() -> None:
    assert len({v.nummer for v in sv.KATALOG}) == 26
    assert len({v.namn for v in sv.KATALOG}) == 26


def test_formats_and_value_sets() -> None:
    flerval = {v.nummer for v in sv.KATALOG if v.flerval}
    assert flerval == {"2", "9", "12", "14"}
    datum = {v.nummer for v in sv.KATALOG if v.dataformat is sv.Dataformat.DATUM}
    assert datum == {"1", "10", "11", "13", "18"}
    for v in sv.KATALOG:
        has_set = v.dataformat in (sv.Dataformat.ENKELVAL, sv.Dataformat.FLERVAL)
        assert (v.vardemangd is not None) == has_set, v.nummer
        assert v.vardemangd is None or v.vardemangd in sv.VARDEMANGDER
        assert v.dataformat.label
    assert sv.variabel("3").dataformat is sv.Dataformat.PERSONNUMMER
    assert sv.variabel("5").dataformat is sv.Dataformat.HELTAL
    assert {v.nummer for v in sv.KATALOG if v.harleds_fran == "3"} == {"4", "5"}


def test_user_questions() -> None:
    fragor = [v for v in sv.KATALOG if v.is_brukarfraga]
    assert [v.nummer for v in fragor] == ORDER[20:]
    for v in sv.KATALOG:
        assert (v.fraga is not None) == v.is_brukarfraga
        assert (v.kvalitetsomrade is not None) == v.is_brukarfraga
    assert [v.kvalitetsomrade for v in fragor] == [
        sv.Kvalitetsomrade.FORANDRING,
        sv.Kvalitetsomrade.FORANDRING,
        sv.Kvalitetsomrade.BETYDELSE,
        sv.Kvalitetsomrade.NOJDHET,
        sv.Kvalitetsomrade.BEMOTANDE,
        sv.Kvalitetsomrade.DELAKTIGHET,
    ]
    with_condition = [v for v in sv.KATALOG if v.villkor]
    assert [v.nummer for v in with_condition] == ["B2"]
    assert with_condition[0].villkor_variabler == ("B1a", "B1b")


def test_variable_names_with_errata() -> None:
    assert sv.variabel("12").namn == "Insatstyp"
    assert sv.variabel("Insattstyp") is sv.variabel("Insatsstyp") is sv.variabel("12")
    assert sv.variabel(" hushållstyp ") is sv.variabel("7")
    assert sv.variabel("b1a") is sv.variabel("B1a")


@pytest.mark.parametrize("junk", [12, None, 1.5, True, b"12", ["12"]])
def test_a_number_that_is_not_text_is_a_type_error(junk: object) -> None:
    with pytest.raises(TypeError, match=r"variabel\(\): nummer ska vara en sträng") as info:
        sv.variabel(junk)  # type: ignore[arg-type]
    assert type(junk).__name__ in str(info.value)


@pytest.mark.parametrize("junk", ["21", "0", "B6", "B1c", "", "x" * 200, "x" * 10**6])
def test_unknown_variable_raises_lookup_error(junk: object) -> None:
    with pytest.raises(sv.UnknownVariable) as info:
        sv.variabel(junk)  # type: ignore[arg-type]
    assert isinstance(info.value, LookupError)
    assert not isinstance(info.value, ValueError)
    assert "SKL-2019" in str(info.value)
    assert len(str(info.value)) < 120
