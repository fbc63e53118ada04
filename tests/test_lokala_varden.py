"""A record's local values: checking, JSON, JSON Schema and the completeness findings."""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

import socialtjanst_variabler as sv
from socialtjanst_variabler import strategies
from socialtjanst_variabler.arende.granskning import Allvarlighet, Fynd, Regel
from socialtjanst_variabler.arende.schema import arende_schema
from socialtjanst_variabler.lokala import Niva, Utokning, exempel, las_definition
from socialtjanst_variabler.lokala.fel import DuplicateExtension, InvalidLocalValues
from socialtjanst_variabler.lokala.strategies import lokala_varden
from socialtjanst_variabler.lokala.varden import (
    LokalaVarden,
    arende_schema_med_lokala,
    granska_lokala,
    las_lokala,
    lokala_schema,
    register,
    utan_oanvanda,
)
from socialtjanst_variabler.vardemangder import Insatstyp
from tests.lokala_strategier import definitioner
from tests.test_lokala import BAS

U = las_definition(BAS)
REG = register([U])
T = "se.kommun.test"
#: The rules of the local variables, in granska's Regel.
LOKALA_REGLER = {r for r in Regel if r.name.startswith(("LOKAL_", "NATIONELL_"))}


def test_register_refuses_two_extensions_with_one_id() -> None:
    assert register([U, las_definition(exempel("fia"))]).keys() == {T, "se.kommun.exempel.fia"}
    with pytest.raises(DuplicateExtension, match="två gånger"):
        register([U, las_definition(BAS)])


def test_values_of_every_format_read_and_write_back() -> None:
    arende = las_lokala({T: {"L1": [2, 1]}}, REG, Niva.ARENDE)
    omrade = U.vardemangder[0]
    assert arende.varde(f"{T}:L1") == frozenset({omrade(1), omrade(2)})
    assert arende.till_json() == {T: {"L1": [1, 2]}}
    insats = las_lokala({T: {"L2": 1101}}, REG, Niva.INSATS)
    kod = insats.varde(f"{T}:L2")
    assert kod is not None
    assert kod == 1101
    assert not isinstance(kod, frozenset | date)
    assert isinstance(kod, sv.Vardemangd)
    assert kod.label == "Försörjningsstöd – nyinskriven"
    upp = las_lokala({T: {"L3": 0}}, REG, Niva.UPPFOLJNING)
    assert upp.varde(f"{T}:L3") == 0
    avslut = las_lokala({T: {"L4": "2026-02-28"}}, REG, Niva.AVSLUT)
    assert avslut.varde(f"{T}:L4") == date(2026, 2, 28)
    assert avslut.till_json() == {T: {"L4": "2026-02-28"}}
    assert avslut.som_dict() == {T: {"L4": date(2026, 2, 28)}}
    assert avslut.varde(f"{T}:L3") is None


def test_python_values_are_accepted_and_checked_the_same_way() -> None:
    omrade = U.vardemangder[0]
    lv = las_lokala({T: {"L1": frozenset({omrade(2)})}}, REG, Niva.ARENDE)
    assert lv.till_json() == {T: {"L1": [2]}}
    lv = las_lokala({T: {"L4": date(2026, 1, 2)}}, REG, Niva.AVSLUT)
    assert lv.till_json() == {T: {"L4": "2026-01-02"}}
    with pytest.raises(InvalidLocalValues, match="ÅÅÅÅ-MM-DD"):
        las_lokala({T: {"L4": datetime(2026, 1, 2)}}, REG, Niva.AVSLUT)
    # A member of another value set with the same code is not a code of this one.
    with pytest.raises(InvalidLocalValues, match="Omrade"):
        las_lokala({T: {"L1": [sv.Hushallstyp(1)]}}, REG, Niva.ARENDE)


def test_no_values_and_null_values() -> None:
    assert not las_lokala(None, REG, Niva.ARENDE)
    assert las_lokala(None, REG, Niva.ARENDE) == LokalaVarden()
    assert not las_lokala({T: {"L1": None}}, REG, Niva.ARENDE)
    assert las_lokala({}, REG, Niva.ARENDE).till_json() == {}
    assert las_lokala({T: {"L1": [1]}}, REG, Niva.ARENDE)


def test_an_unknown_extension_is_kept_and_never_dropped() -> None:
    data = {"x.annan": {"L5": [3, 1], "L1": {"a": None}}, T: {"L1": [1]}}
    lv = las_lokala(data, REG, Niva.ARENDE)
    assert lv.okanda == (("x.annan", '{"L1": {"a": null}, "L5": [3, 1]}'),)
    assert lv.till_json() == data
    assert list(lv.till_json()) == sorted(data)
    assert hash(lv) == hash(las_lokala(json.loads(json.dumps(data)), REG, Niva.ARENDE))


PROBLEM: list[tuple[Niva, Any, str]] = [
    (Niva.ARENDE, [1], "ska vara ett objekt {id: {nummer: värde}} @ $.lokala"),
    (Niva.ARENDE, {T: [1]}, f'ska vara ett objekt {{nummer: värde}} @ $.lokala["{T}"]'),
    (Niva.ARENDE, {5: {}}, 'utökningens id ska vara en sträng @ $.lokala["5"]'),
    (Niva.ARENDE, {"x": {"L1": {1, 2}}}, 'en okänd utöknings värden ska vara JSON @ $.lokala["x"]'),
    (Niva.ARENDE, {T: {"L9": 1}}, f"ingen lokal variabel 'L9' i {T} @ $.lokala[\"{T}\"].L9"),
    (Niva.ARENDE, {T: {"l1": [1]}}, "ingen lokal variabel 'l1'"),
    (Niva.ARENDE, {T: {f"{T}:L1": [1]}}, "ingen lokal variabel"),
    (Niva.ARENDE, {T: {"L2": 1101}}, "L2 registreras på nivån insats, inte arende"),
    (Niva.ARENDE, {T: {"L1": []}}, "ska vara en icke-tom lista av koder"),
    (Niva.ARENDE, {T: {"L1": 1}}, "ska vara en icke-tom lista av koder"),
    (Niva.ARENDE, {T: {"L1": [1, 1]}}, "samma kod står två gånger"),
    (Niva.ARENDE, {T: {"L1": [3]}}, "3 är inte en kod i värdemängden Omrade"),
    (Niva.ARENDE, {T: {"L1": [True]}}, "True har fel typ för värdemängden Omrade"),
    (Niva.INSATS, {T: {"L2": 11}}, "11 är inte en kod i värdemängden LokalInsatstyp"),
    (Niva.INSATS, {T: {"L2": "1101"}}, "'1101' har fel typ för värdemängden LokalInsatstyp"),
    (Niva.UPPFOLJNING, {T: {"L3": 100}}, "ska vara 0–99"),
    (Niva.UPPFOLJNING, {T: {"L3": -1}}, "ska vara 0–99"),
    (Niva.UPPFOLJNING, {T: {"L3": 1.0}}, "ska vara ett heltal"),
    (Niva.UPPFOLJNING, {T: {"L3": False}}, "ska vara ett heltal"),
    (Niva.AVSLUT, {T: {"L4": "20260102"}}, "ska vara en sträng ÅÅÅÅ-MM-DD"),
    (Niva.AVSLUT, {T: {"L4": "2026-02-30"}}, "datumet finns inte"),
    (Niva.AVSLUT, {T: {"L4": "19121212-1212"}}, "ska vara en sträng"),
]


@pytest.mark.parametrize(("niva", "data", "text"), PROBLEM)
def test_each_wrong_value_is_refused_with_its_path(niva: Niva, data: Any, text: str) -> None:
    with pytest.raises(InvalidLocalValues) as info:
        las_lokala(data, REG, niva)
    assert len(info.value.problems) == 1
    assert text in info.value.problems[0]
    assert " @ $.lokala" in info.value.problems[0]
    assert "1212-1212" not in str(info.value)


def test_every_problem_is_listed_at_once() -> None:
    with pytest.raises(InvalidLocalValues) as info:
        las_lokala({T: {"L1": [9], "L9": 1, "L2": 1101}}, REG, Niva.ARENDE, sokvag="$.x")
    assert [p.rpartition(" @ ")[2] for p in info.value.problems] == [
        f'$.x["{T}"].L1',
        f'$.x["{T}"].L9',
        f'$.x["{T}"].L2',
    ]


def test_open_ended_integer_bounds() -> None:
    text = BAS.replace("minst = 0\nhogst = 99\n", "minst = 5\n")
    reg = register([las_definition(text)])
    with pytest.raises(InvalidLocalValues, match="ska vara 5–…"):
        las_lokala({T: {"L3": 4}}, reg, Niva.UPPFOLJNING)
    reg = register([las_definition(text.replace("minst = 5", "hogst = 5"))])
    with pytest.raises(InvalidLocalValues, match="ska vara …–5"):
        las_lokala({T: {"L3": 6}}, reg, Niva.UPPFOLJNING)
    assert las_lokala({T: {"L3": -(10**12)}}, reg, Niva.UPPFOLJNING)


# --- hypothesis: generated values of generated extensions validate ----------------------------


@given(definitioner(), st.data())
def test_generated_values_validate_and_round_trip(
    data: dict[str, Any], draw: st.DataObject
) -> None:
    u = las_definition(data)
    reg = register([u])
    for niva in Niva:
        varden = draw.draw(lokala_varden(u, niva))
        lv = las_lokala(varden, reg, niva)
        assert lv.till_json() == varden
        assert las_lokala(lv.till_json(), reg, niva) == lv
        jsonschema.validate(varden, lokala_schema(reg, niva))
        for uid, nummer, _ in lv.varden:
            assert u.variabel(nummer).niva is niva
            assert uid == u.id


@given(definitioner(), st.data())
def test_values_at_the_wrong_level_are_refused(data: dict[str, Any], draw: st.DataObject) -> None:
    u = las_definition(data)
    if not u.variabler:
        return
    v = draw.draw(st.sampled_from(u.variabler))
    annan = draw.draw(st.sampled_from([n for n in Niva if n is not v.niva]))
    from socialtjanst_variabler.lokala.strategies import varde

    x = draw.draw(varde(v))
    with pytest.raises(InvalidLocalValues, match="registreras på nivån"):
        las_lokala({u.id: {v.nummer: x}}, register([u]), annan)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({u.id: {v.nummer: x}}, lokala_schema(register([u]), annan))


# --- JSON Schema ---------------------------------------------------------------------------------


def test_the_level_schema_describes_each_variable() -> None:
    s = lokala_schema(REG, Niva.UPPFOLJNING)
    jsonschema.Draft202012Validator.check_schema(s)
    l3 = s["properties"][T]["properties"]["L3"]
    assert l3["description"] == f"{T}:L3: Antal samtal"
    assert l3["anyOf"][0] == {"type": "integer", "minimum": 0, "maximum": 99}
    assert s["additionalProperties"] == {"type": "object"}  # unknown extensions: kept
    jsonschema.validate({"x.y": {"L1": 1}}, s)
    for bad in ({T: {"L3": 100}}, {T: {"L1": [1]}}, {T: "x"}):
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(bad, s)
    l4 = lokala_schema(REG, Niva.AVSLUT)["properties"][T]["properties"]["L4"]["anyOf"][0]
    assert l4["format"] == "date"


def test_the_arende_schema_with_local_values_at_every_level() -> None:
    s = arende_schema_med_lokala(REG)
    jsonschema.Draft202012Validator.check_schema(s)
    assert T in s["title"]
    arende: dict[str, Any] = {
        "id": "A-1",
        "lokala": {T: {"L1": [1]}},
        "insatser": [
            {
                "lokala": {T: {"L2": 1102}},
                "uppfoljningar": [{"lokala": {T: {"L3": 5}}}],
                "avslut": {"lokala": {T: {"L4": "2026-01-01"}}},
            }
        ],
    }
    jsonschema.validate(arende, s)
    arende["insatser"][0]["uppfoljningar"][0]["lokala"] = {T: {"L1": [1]}}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(arende, s)
    assert arende_schema_med_lokala({}) == arende_schema()


# --- granska_lokala -------------------------------------------------------------------------------


def _arende(**falt: Any) -> dict[str, Any]:
    return {"id": "A-1", "aktualiseringsdatum": "2026-01-05", **falt}


def _regler(fynd: tuple[Any, ...]) -> list[tuple[str, str]]:
    return [(f.regel.value, f.falt) for f in fynd]


def test_a_complete_record_has_no_findings() -> None:
    a = _arende(
        lokala={T: {"L1": [1]}},
        insatser=[
            {
                "insatstyp": [11],
                "lokala": {T: {"L2": 1101}},
                "uppfoljningar": [{"lokala": {T: {"L3": 1}}}],
                "avslut": {"lokala": {T: {"L4": "2026-03-01"}}},
            }
        ],
    )
    assert granska_lokala(a, REG) == ()


def test_missing_local_variables_by_process_step() -> None:
    # Without an insats, step 2 (Utreda) has not been passed: L1 is not yet due.
    assert granska_lokala(_arende(), REG) == ()
    a = _arende(insatser=[{"uppfoljningar": [{}], "avslut": {}}])
    fynd = granska_lokala(a, REG)
    assert _regler(fynd) == [
        ("LOKAL_SAKNAS", f"lokala.{T}.L1"),
        ("LOKAL_SAKNAS", f"insatser[0].lokala.{T}.L2"),
        ("LOKAL_SAKNAS", f"insatser[0].uppfoljningar[0].lokala.{T}.L3"),
        ("LOKAL_SAKNAS", f"insatser[0].avslut.lokala.{T}.L4"),
    ]
    assert all(f.allvarlighet is Allvarlighet.SAKNAS for f in fynd)
    assert fynd[0].text == f"{T}:L1 Livsområde saknas (processteg 2 Utreda)"


STEG_FALL = [
    (1, {}, True),
    (2, {}, True),
    (3, {}, True),
    (4, {}, False),
    (4, {"verkstallighetsdatum": "2026-02-01"}, True),
    (5, {"verkstallighetsdatum": "2026-02-01"}, False),
    (5, {"uppfoljningar": [{}]}, True),
    (5, {"avslut": {"avslutsorsak": 1}}, True),
    (5, {"avslut": {"avslutsorsak": 8}}, False),
    (4, {"avslut": {"avslutsorsak": 8}}, False),
    (5, {"avslut": {}}, True),
]


@pytest.mark.parametrize(("steg", "insats", "due"), STEG_FALL)
def test_insats_steps_are_due_like_the_national_rule(
    steg: int, insats: dict[str, Any], due: bool
) -> None:
    niva = "arende" if steg <= 2 else "insats"
    text = (
        '[utokning]\nid = "k"\nnamn = "K"\nversion = "1"\nbygger_pa = "SKL-2019"\n'
        f'[[variabel]]\nnummer = "L1"\nnamn = "X"\nprocessteg = {steg}\nniva = "{niva}"\n'
        'dataformat = "heltal"\n'
    )
    reg = register([las_definition(text)])
    fynd = granska_lokala(_arende(insatser=[insats]), reg)
    assert bool(fynd) is due
    if steg == 1:
        assert _regler(granska_lokala(_arende(), reg)) == [("LOKAL_SAKNAS", "lokala.k.L1")]


def test_invalid_values_and_unknown_extensions_are_findings() -> None:
    a = _arende(
        lokala={T: {"L1": [7]}, "x.okand": {"L1": 1}},
        insatser=[{"lokala": {T: {"L2": 1101}}, "insatstyp": [11]}],
    )
    fynd = granska_lokala(a, REG)
    assert _regler(fynd) == [
        ("LOKAL_OGILTIG", "lokala"),
    ]
    assert fynd[0].allvarlighet is Allvarlighet.FEL
    assert "7 är inte en kod" in fynd[0].text
    a["lokala"] = {T: {"L1": [1]}, "x.okand": {"L1": 1}}
    fynd = granska_lokala(a, REG)
    assert _regler(fynd) == [("LOKAL_OKAND_UTOKNING", "lokala.x.okand")]
    assert fynd[0].allvarlighet is Allvarlighet.VARNING
    assert "inte är laddad" in fynd[0].text


def test_a_roll_up_code_needs_its_national_code() -> None:
    insats: dict[str, Any] = {"lokala": {T: {"L2": 1102}}, "insatstyp": [4]}
    a = _arende(lokala={T: {"L1": [1]}}, insatser=[insats])
    fynd = granska_lokala(a, REG)
    assert _regler(fynd) == [("LOKAL_RULLNING", f"insatser[0].lokala.{T}.L2")]
    assert "Insatstyp 11" in fynd[0].text
    insats["insatstyp"] = [4, 11]
    assert granska_lokala(a, REG) == ()
    insats["insatstyp"] = None  # not recorded: nothing to contradict
    assert granska_lokala(a, REG) == ()


def test_roll_up_against_two_national_variables_and_single_codes() -> None:
    text = (
        '[utokning]\nid = "k"\nnamn = "K"\nversion = "1"\nbygger_pa = "SKL-2019"\n'
        '[[variabel]]\nnummer = "L1"\nnamn = "Problem, lokalt"\nprocessteg = 1\n'
        'niva = "arende"\ndataformat = "enkelval"\nvardemangd = "Prob"\n'
        '[[vardemangd]]\nnamn = "Prob"\noverordnad = "Problematik"\n'
        'koder = [{ kod = 101, etikett = "Spel om pengar", overordnad_kod = 1 }]\n'
    )
    reg = register([las_definition(text)])
    a = _arende(lokala={"k": {"L1": 101}}, aktualiseringsorsak=[2], problematik=[1])
    assert granska_lokala(a, reg) == ()  # code 1 recorded in variable 9
    a["problematik"] = [3]
    assert _regler(granska_lokala(a, reg)) == [("LOKAL_RULLNING", "lokala.k.L1")]


def test_national_variables_declared_unused_but_recorded() -> None:
    a = _arende(
        lokala={T: {"L1": [1]}},
        insatser=[
            {
                "lokala": {T: {"L2": 1101}},
                "insatstyp": [11],
                "uppfoljningar": [{"lokala": {T: {"L3": 1}}, "parallella_insatser": 1}],
            }
        ],
    )
    fynd = granska_lokala(a, REG)
    assert _regler(fynd) == [
        ("NATIONELL_ANVANDS_INTE", "insatser[0].uppfoljningar[0].parallella_insatser")
    ]
    assert fynd[0].allvarlighet is Allvarlighet.VARNING
    fia = register([las_definition(exempel("fia"))])
    assert all(f.regel is not Regel.NATIONELL_ANVANDS_INTE for f in granska_lokala(a, fia))


def test_granska_lokala_never_crashes_on_odd_shapes() -> None:
    for a in (
        {"insatser": "x"},
        {"insatser": [None, {"uppfoljningar": 3, "avslut": 5}]},
        {"lokala": 5},
        {"lokala": {T: {"L1": "x"}}, "insatser": [{"lokala": []}]},
    ):
        for f in granska_lokala(a, REG):
            assert f.regel in LOKALA_REGLER


def test_utan_oanvanda_drops_only_missing_findings_of_unused_variables() -> None:
    def fynd(regel: Regel, allvarlighet: Allvarlighet, falt: str) -> Fynd:
        return Fynd(regel=regel, allvarlighet=allvarlighet, falt=falt, text="t")

    alla = (
        fynd(Regel.SAKNAS, Allvarlighet.SAKNAS, "insatser[0].uppfoljningar[1].parallella_insatser"),
        fynd(Regel.SAKNAS, Allvarlighet.SAKNAS, "insatser[0].uppfoljningar[1].sip"),
        fynd(
            Regel.DATUMORDNING, Allvarlighet.FEL, "insatser[0].uppfoljningar[1].parallella_insatser"
        ),
    )
    assert utan_oanvanda(alla, REG) == alla[1:]
    assert utan_oanvanda(alla, {}) == alla


def test_with_the_real_granska_on_a_real_arende() -> None:
    a = sv.from_json('{"id": "A-1", "aktualiseringsdatum": "2026-01-05"}')
    nationella = sv.granska(a, vid=date(2026, 6, 1))
    fia = register([las_definition(exempel("fia"))])
    assert utan_oanvanda(nationella, fia) == nationella
    assert granska_lokala(sv.to_dict(a), fia) == ()
    # An insats makes the utredning's local variable due, and its own too.
    b = sv.from_json(
        '{"id": "A-1", "aktualiseringsdatum": "2026-01-05", '
        '"insatser": [{"beslutsdatum": "2026-02-01", "insatstyp": [11]}]}'
    )
    assert _regler(granska_lokala(sv.to_dict(b), fia)) == [
        ("LOKAL_SAKNAS", "lokala.se.kommun.exempel.fia.L1"),
        ("LOKAL_SAKNAS", "insatser[0].lokala.se.kommun.exempel.fia.L2"),
    ]
    assert Insatstyp.FORSORJNINGSSTOD.value == 11


def test_rule_severity_table() -> None:
    assert {r: r.allvarlighet for r in LOKALA_REGLER} == {
        Regel.LOKAL_SAKNAS: Allvarlighet.SAKNAS,
        Regel.LOKAL_OKAND_UTOKNING: Allvarlighet.VARNING,
        Regel.LOKAL_OGILTIG: Allvarlighet.FEL,
        Regel.LOKAL_RULLNING: Allvarlighet.FEL,
        Regel.NATIONELL_ANVANDS_INTE: Allvarlighet.VARNING,
    }


def test_utokning_type_is_exported() -> None:
    assert isinstance(U, Utokning)


def _med_lokala(a: dict[str, Any], u: Utokning, draw: st.DataObject) -> dict[str, Any]:
    """The ärende's JSON form with drawn local values at every level."""

    def lagg_till(obj: dict[str, Any], niva: Niva) -> None:
        varden = draw.draw(lokala_varden(u, niva))
        if varden:
            obj["lokala"] = varden

    lagg_till(a, Niva.ARENDE)
    for insats in a.get("insatser", []):
        lagg_till(insats, Niva.INSATS)
        for upp in insats.get("uppfoljningar", []):
            lagg_till(upp, Niva.UPPFOLJNING)
        if insats.get("avslut") is not None:
            lagg_till(insats["avslut"], Niva.AVSLUT)
    return a


@given(strategies.arenden(senast=date(2026, 6, 1)), definitioner(), st.data())
def test_generated_records_with_local_values_check_and_round_trip(
    arende: sv.Arende, data: dict[str, Any], draw: st.DataObject
) -> None:
    u = las_definition(data)
    reg = register([u])
    a = _med_lokala(sv.to_dict(arende), u, draw)
    a = json.loads(json.dumps(a))  # through JSON text, as an extract would be
    fynd = granska_lokala(a, reg)
    assert {f.regel for f in fynd} <= {
        Regel.LOKAL_SAKNAS,
        Regel.LOKAL_RULLNING,
        Regel.NATIONELL_ANVANDS_INTE,
    }
    jsonschema.validate(a, arende_schema_med_lokala(reg))
    # Loaded without the extension, nothing is lost: every value is kept and reported.
    okand = granska_lokala(a, {})
    antal = sum(1 for niva, _, obj in _nivaer_i(a) if "lokala" in obj)
    assert [f.regel for f in okand] == [Regel.LOKAL_OKAND_UTOKNING] * antal
    for niva, _, obj in _nivaer_i(a):
        if "lokala" in obj:
            assert las_lokala(obj["lokala"], {}, niva).till_json() == obj["lokala"]
            assert las_lokala(obj["lokala"], reg, niva).till_json() == obj["lokala"]


def _nivaer_i(a: dict[str, Any]) -> list[tuple[Niva, str, dict[str, Any]]]:
    from socialtjanst_variabler.lokala.varden import _nivaer

    return [(n, p, dict(o)) for n, p, o in _nivaer(a)]
