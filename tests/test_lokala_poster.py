"""Records with local values (issue 15, item 3): the model, JSON, schema, granska, the
statistics table ``lokal`` and the command line, end to end."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

import attrs
import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import socialtjanst_variabler as sv
from socialtjanst_variabler import cli, statistik, strategies
from socialtjanst_variabler.arende import _serde
from socialtjanst_variabler.arende.granskning import (
    Granskningsinstallningar,
    Regel,
    granska,
)
from socialtjanst_variabler.arende.jsonl import las_jsonl
from socialtjanst_variabler.arende.modell import Arende, Avslut, Insats, Uppfoljning
from socialtjanst_variabler.arende.schema import arende_schema
from socialtjanst_variabler.errors import InvalidFieldType, InvalidJson, InvalidValue
from socialtjanst_variabler.lokala import Niva, exempel, las_definition
from socialtjanst_variabler.lokala.fel import DuplicateExtension, InvalidLocalValues
from socialtjanst_variabler.lokala.strategies import arenden_med_lokala
from socialtjanst_variabler.lokala.varden import (
    LokalaVarden,
    granska_lokala,
    las_lokala,
    register,
    tolka,
)
from socialtjanst_variabler.statistik.tabeller import TABELL, lokala_rader
from socialtjanst_variabler.vardemangder import Beslutsutfall, Insatstyp, ParallellaInsatser
from tests.test_lokala import BAS

from ._nycklar import alla_nycklar

U = las_definition(BAS)
T = "se.kommun.test"
FIA = las_definition(exempel("fia"))
SUV = las_definition(exempel("suv39"))
F = "se.kommun.exempel.fia"
S = "se.kommun.exempel.suv"
VID = date(2026, 6, 1)
LOKALA_REGLER = {r for r in Regel if r.name.startswith(("LOKAL_", "NATIONELL_"))}

#: One ärende with local values at every level of the test extension (canonical JSON).
ALLA_NIVAER: dict[str, Any] = {
    "id": "A-1",
    "aktualiseringsdatum": "2026-01-05",
    "lokala": {T: {"L1": [1, 2]}},
    "insatser": [
        {
            "beslutsdatum": "2026-01-20",
            "insatstyp": [11],
            "lokala": {T: {"L2": 1101}},
            "uppfoljningar": [{"datum": "2026-03-01", "lokala": {T: {"L3": 7}}}],
            "avslut": {"datum": "2026-04-01", "lokala": {T: {"L4": "2026-03-31"}}},
        }
    ],
}


def _text(d: dict[str, Any]) -> str:
    return json.dumps(d, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _regler(fynd: tuple[sv.Fynd, ...]) -> list[tuple[str, str]]:
    return [(f.regel.value, f.falt) for f in fynd if f.regel in LOKALA_REGLER]


# --- the model and JSON --------------------------------------------------------------------------


def test_round_trip_with_local_values_at_every_level() -> None:
    text = _text(ALLA_NIVAER)
    a = sv.from_json(text, utokningar=[U])
    assert a.lokala.varde(f"{T}:L1") == frozenset(U.vardemangder[0])
    (insats,) = a.insatser
    assert insats.lokala.varde(f"{T}:L2") == 1101
    assert insats.uppfoljningar[0].lokala.varde(f"{T}:L3") == 7
    assert insats.avslut is not None
    assert insats.avslut.lokala.varde(f"{T}:L4") == date(2026, 3, 31)
    assert sv.to_json(a) == text
    assert sv.to_dict(a) == ALLA_NIVAER
    # Both passes read it the same: the fast one and cattrs' detailed one.
    assert _serde._med_utokningar(_serde._converter().structure(ALLA_NIVAER, Arende), {T: U}) == a
    # Read without the extension, every value is kept (unknown) and written back.
    b = sv.from_json(text)
    assert b != a
    assert b.lokala.okanda == ((T, '{"L1": [1, 2]}'),)
    assert sv.to_json(b) == text
    assert sv.from_dict(ALLA_NIVAER, utokningar=[U]) == a


def test_national_json_is_byte_identical() -> None:
    text = '{"aktualiseringsdatum":"2026-01-05","id":"A-1"}'
    a = sv.from_json(text, utokningar=[U, FIA, SUV])
    assert sv.to_json(a) == text
    assert a == sv.from_json(text)
    assert not a.lokala
    assert "lokala" not in sv.to_dict(attrs.evolve(a, lokala=LokalaVarden()))


@settings(max_examples=40)
@given(strategies.arenden(senast=date(2026, 1, 1)))
def test_national_records_never_gain_a_lokala_key(a: Arende) -> None:
    text = sv.to_json(a)
    assert '"lokala"' not in text
    assert sv.from_json(text, utokningar=[U, FIA]) == a


@settings(max_examples=40)
@given(arenden_med_lokala([U, FIA, SUV], senast=date(2026, 1, 1)))
def test_records_with_local_values_round_trip(a: Arende) -> None:
    text = sv.to_json(a)
    assert sv.from_json(text, utokningar=[U, FIA, SUV]) == a
    assert sv.to_json(sv.from_json(text)) == text  # kept when not loaded
    assert sv.to_json(sv.from_json(text, utokningar=[SUV])) == text  # partly loaded
    jsonschema.validate(json.loads(text), arende_schema([U, FIA, SUV]))
    jsonschema.validate(json.loads(text), arende_schema())
    # granska: the extensions' own rules only; without them, each level's values reported.
    assert {f.regel for f in granska(a, vid=date(2026, 1, 1), utokningar=[U, FIA, SUV])} & {
        Regel.LOKAL_OGILTIG,
        Regel.LOKAL_OKAND_UTOKNING,
    } == set()
    utan = [
        f for f in granska(sv.from_json(text), vid=date(2026, 1, 1)) if f.regel in LOKALA_REGLER
    ]
    antal = sum(
        len(lv.okanda)
        for lv in _alla_lokala(sv.from_json(text))  # one finding per extension and level
    )
    assert [f.regel for f in utan] == [Regel.LOKAL_OKAND_UTOKNING] * antal
    # The model and its JSON form give the same findings, with and without extensions.
    for reg in ({}, {T: U}, register([U, FIA, SUV])):
        assert granska_lokala(a, reg) == granska_lokala(sv.to_dict(a), reg)


@settings(max_examples=40)
@given(arenden_med_lokala([U, FIA, SUV], senast=date(2026, 1, 1)))
def test_lines_with_local_values_take_the_fast_parser_too(a: Arende) -> None:
    d = sv.to_dict(a)
    assert _serde._antal_nycklar(d) == alla_nycklar(d)
    text = sv.to_json(a)
    if _serde._ORJSON_LOADS is not None:
        # A colon inside a text (an id ":") sends the line the standard way, by design.
        tas = text.count(":") == alla_nycklar(d)
        assert _serde._snabb(text) == (sv.from_json(text) if tas else None)
        # A key repeated inside the local values is refused, not silently kept.
        if a.lokala:
            dubbel = text.replace('"lokala":{', '"lokala":{"x":{},"x":{},', 1)
            assert _serde._snabb(dubbel) is None
            with pytest.raises(InvalidJson, match="samma nyckel"):
                sv.from_json(dubbel)


def _alla_lokala(a: Arende) -> list[LokalaVarden]:
    ut = [a.lokala]
    for i in a.insatser:
        ut.append(i.lokala)
        ut += [u.lokala for u in i.uppfoljningar]
        if i.avslut is not None:
            ut.append(i.avslut.lokala)
    return ut


def test_an_unknown_extension_is_kept_and_reported_never_dropped() -> None:
    d = {"id": "A-1", "lokala": {"x.annan": {"L9": {"fritt": [1, "två"]}}, F: {"L1": [3]}}}
    a = sv.from_json(_text(d), utokningar=[FIA])
    assert a.lokala.okanda == (("x.annan", '{"L9": {"fritt": [1, "två"]}}'),)
    assert sv.to_dict(a) == d
    fynd = granska(a, vid=VID, utokningar=[FIA])
    assert ("LOKAL_OKAND_UTOKNING", "lokala.x.annan") in _regler(fynd)
    (rad,) = [r for r in lokala_rader(a, arende_nr=1, insats_nr=1, u_nr=1) if r[4] == "x.annan"]
    assert rad == ("arende", 1, None, None, "x.annan", "L9", *([None] * 5), False)


def test_bad_local_values_are_refused_with_their_path() -> None:
    d = json.loads(json.dumps(ALLA_NIVAER))
    d["lokala"][T]["L1"] = [9]
    d["insatser"][0]["uppfoljningar"][0]["lokala"][T]["L3"] = 100
    with pytest.raises(InvalidLocalValues) as info:
        sv.from_json(_text(d), utokningar=[U])
    assert info.value.problems == (
        f'9 är inte en kod i värdemängden Omrade (giltiga koder: 1–2) @ $.lokala["{T}"].L1',
        f'ska vara 0–99 @ $.insatser[0].uppfoljningar[0].lokala["{T}"].L3',
    )
    # With a national problem too, every problem is listed.
    d["aktualiseringsdatum"] = "igår"
    d["insatser"][0]["uppfoljningar"].append({"datum": "2026-03-02"})  # a level without
    with pytest.raises(InvalidJson) as alla:
        sv.from_json(_text(d), utokningar=[U])
    assert len(alla.value.problems) == 3
    assert alla.value.problems[0].endswith("@ $.aktualiseringsdatum")
    # Without the extension the same record is read: the values are kept unread.
    assert sv.from_json(_text(d).replace("igår", "2026-01-05"))


@pytest.mark.parametrize(
    ("lokala", "problem"),
    [
        (None, "@ $.lokala"),
        ([], "ska vara ett objekt {id: {nummer: värde}} @ $.lokala"),
        ({"x": 5}, "ska vara ett objekt {id: {nummer: värde}} @ $.lokala"),
        ({"x": []}, "ska vara ett objekt {id: {nummer: värde}} @ $.lokala"),
    ],
)
def test_a_lokala_object_has_its_shape(lokala: object, problem: str) -> None:
    with pytest.raises(InvalidJson) as info:
        sv.from_json(_text({"id": "A-1", "lokala": lokala}))
    assert info.value.problems[-1].endswith(problem)


def test_an_empty_lokala_object_is_no_values() -> None:
    assert sv.from_json('{"id": "A-1", "lokala": {}}', utokningar=[U]) == Arende(id="A-1")
    assert sv.to_json(sv.from_json('{"id": "A-1", "lokala": {}}')) == '{"id":"A-1"}'
    with pytest.raises(InvalidLocalValues, match=r"ska vara ett objekt \{nummer: värde\}"):
        las_lokala({"x.annan": 5}, register([U]), Niva.ARENDE)


def test_python_values_that_are_not_json_are_refused() -> None:
    with pytest.raises(InvalidJson, match=r"ska vara JSON @ \$.lokala"):
        sv.from_dict({"id": "A-1", "lokala": {"x": {"L1": object()}}})
    with pytest.raises(InvalidJson, match=r"@ \$.lokala"):
        sv.from_dict({"id": "A-1", "lokala": {1: {}}})


def test_a_local_variable_cannot_shadow_a_national_field() -> None:
    for nyckel in ("12", "insatstyp", "B1a"):
        d: dict[str, Any] = {"id": "A-1", "insatser": [{"lokala": {T: {nyckel: [11]}}}]}
        with pytest.raises(InvalidJson, match=f"ingen lokal variabel '{nyckel}'"):
            sv.from_json(_text(d), utokningar=[U])
        # Refused without the extension too: never kept, never a national value.
        with pytest.raises(InvalidJson, match=r"\(NUMMER_MONSTER\) @ \$\.insatser\[0\]"):
            sv.from_json(_text(d))
    # A variable of another level is refused where it does not belong.
    d = {"id": "A-1", "lokala": {T: {"L2": 1101}}}
    with pytest.raises(InvalidLocalValues, match="registreras på nivån insats"):
        sv.from_json(_text(d), utokningar=[U])


def test_duplicate_extensions_are_refused_everywhere() -> None:
    with pytest.raises(DuplicateExtension):
        sv.from_json('{"id": "A-1"}', utokningar=[U, U])
    with pytest.raises(DuplicateExtension):
        arende_schema([U, U])
    with pytest.raises(DuplicateExtension):
        granska(Arende(id="A-1"), vid=VID, utokningar=[U, U])
    # A generator and a mapping are taken too.
    assert sv.from_json('{"id": "A-1"}', utokningar=(u for u in [U])) == Arende(id="A-1")
    assert register({T: U}) == {T: U}


def test_the_model_checks_its_local_values() -> None:
    with pytest.raises(InvalidFieldType, match="lokala"):
        Arende(id="A-1", lokala={T: {}})  # type: ignore[arg-type]
    for post in [
        ("x", "L1"),
        ("x", "12", 1),
        (1, "L1", 1),
        ("x", "L1", "text"),
        ("x", "L1", True),
        ("x", "L1", frozenset()),
        ("x", "L1", frozenset({1})),
    ]:
        with pytest.raises(InvalidValue, match="lokala"):
            LokalaVarden([post])  # type: ignore[list-item]
    with pytest.raises(InvalidValue, match="okänd utökning"):
        LokalaVarden(okanda=[("x", 1)])  # type: ignore[list-item]
    for varden, okanda in [
        ([("x", "L1", 1), ("x", "L1", 2)], []),
        ([], [("x", "{}"), ("x", "{}")]),
        ([("x", "L1", 1)], [("x", "{}")]),
    ]:
        with pytest.raises(InvalidValue, match="två gånger"):
            LokalaVarden(varden, okanda)
    lv = LokalaVarden([("x", "L2", date(2026, 1, 1)), ("x", "L10", 5)])
    assert LokalaVarden([("x", "L1", 1)], [("y", "{}")]).till_json() == {"x": {"L1": 1}, "y": {}}
    assert [n for _, n, _ in lv.varden] == ["L2", "L10"]  # by number, not as text
    assert Uppfoljning(lokala=lv).lokala is lv
    assert Avslut().lokala is Insats().lokala  # one shared empty value


def test_jsonl_reads_local_values_and_reports_bad_lines() -> None:
    bra = _text(ALLA_NIVAER)
    dalig = bra.replace('"L3":7', '"L3":700')
    rader = list(las_jsonl(io.BytesIO(f"{bra}\n{dalig}\r\n".encode()), utokningar=[U]))
    assert rader[0].arende == sv.from_json(bra, utokningar=[U])
    assert rader[1].fel is not None
    assert rader[1].fel.problems == (
        f'ska vara 0–99 @ $.insatser[0].uppfoljningar[0].lokala["{T}"].L3',
    )
    assert [r.arende for r in las_jsonl([bra])] == [sv.from_json(bra)]


def test_the_orjson_path_gives_the_same_result() -> None:
    text = '{"aktualiseringsdatum":"2026-01-05","id":"A-1"}'
    assert _serde._fran_json(text, {T: U}) == sv.from_json(text)
    # An unknown extension's values nest as deep as they like: counted without recursion.
    djup: Any = 1
    for _ in range(5000):
        djup = {"a": [djup]}
    assert _serde._nycklar_i(djup) == 5000


def test_tolka_reads_hand_built_and_unknown_values() -> None:
    a = sv.from_json(_text(ALLA_NIVAER))
    andrade, problem = tolka(a, {T: U})
    assert len(andrade) == 4
    assert problem == []
    assert tolka(a, {F: FIA}) == ([], [])


# --- the schema --------------------------------------------------------------------------------


def test_the_arende_schema_with_extensions() -> None:
    s = arende_schema([U])
    jsonschema.Draft202012Validator.check_schema(s)
    assert T in s["title"]
    assert s["$id"].endswith(f"arende-med-lokala:{T}@1.0")
    jsonschema.validate(ALLA_NIVAER, s)
    fel = json.loads(json.dumps(ALLA_NIVAER))
    fel["insatser"][0]["lokala"][T]["L2"] = 11  # a national code is no local code
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(fel, s)
    jsonschema.validate(fel, arende_schema())  # without it: any object per extension
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"id": "A-1", "lokala": {"x": 5}}, arende_schema())
    national = arende_schema()
    assert national["$id"] == sv.arende.schema.SCHEMA_ID
    assert national["$defs"]["Insats"]["properties"]["lokala"]["properties"] == {}


# --- granska ----------------------------------------------------------------------------------

_INSATS = Insats(beslutsdatum=date(2026, 1, 20), insatstyp=frozenset({Insatstyp(11)}))


def _med(lokala: dict[str, Any], niva: Niva, reg: Any = None) -> LokalaVarden:
    return las_lokala(lokala, register(reg or [U]), niva)


@pytest.mark.parametrize(
    ("regel", "traff", "nara", "falt"),
    [
        (
            # A value kept unread (read without the extension) that breaks the definition.
            Regel.LOKAL_OGILTIG,
            Arende(id="A-1", lokala=LokalaVarden(okanda=[(T, '{"L1": [9]}')])),
            Arende(id="A-1", lokala=LokalaVarden(okanda=[(T, '{"L1": [2]}')])),
            "lokala",
        ),
        (
            Regel.LOKAL_OKAND_UTOKNING,
            Arende(id="A-1", lokala=_med({F: {"L1": [1]}}, Niva.ARENDE, [FIA])),
            Arende(id="A-1", lokala=_med({T: {"L1": [1]}}, Niva.ARENDE)),
            f"lokala.{F}",
        ),
        (
            Regel.LOKAL_RULLNING,
            Arende(
                id="A-1",
                insatser=(
                    attrs.evolve(
                        _INSATS,
                        insatstyp=frozenset({Insatstyp(4)}),
                        lokala=_med({T: {"L2": 1101}}, Niva.INSATS),
                    ),
                ),
            ),
            Arende(
                id="A-1",
                insatser=(attrs.evolve(_INSATS, lokala=_med({T: {"L2": 1101}}, Niva.INSATS)),),
            ),
            f"insatser[0].lokala.{T}.L2",
        ),
        (
            Regel.NATIONELL_ANVANDS_INTE,  # variable 16, declared unused
            Arende(
                id="A-1",
                insatser=(
                    attrs.evolve(
                        _INSATS,
                        uppfoljningar=(Uppfoljning(parallella_insatser=ParallellaInsatser(1)),),
                    ),
                ),
            ),
            Arende(id="A-1", insatser=(attrs.evolve(_INSATS, uppfoljningar=(Uppfoljning(),)),)),
            "insatser[0].uppfoljningar[0].parallella_insatser",
        ),
        (
            Regel.LOKAL_SAKNAS,  # L1 (Utreda) is due once there is an insats
            Arende(id="A-1", insatser=(_INSATS,)),
            Arende(
                id="A-1",
                lokala=_med({T: {"L1": [1]}}, Niva.ARENDE),
                insatser=(attrs.evolve(_INSATS, lokala=_med({T: {"L2": 1101}}, Niva.INSATS)),),
            ),
            f"lokala.{T}.L1",
        ),
    ],
    ids=lambda x: x.value if isinstance(x, Regel) else "",
)
def test_local_rule_and_near_miss(regel: Regel, traff: Arende, nara: Arende, falt: str) -> None:
    fynd = [f for f in granska(traff, vid=VID, utokningar=[U]) if f.regel is regel]
    assert [f.falt for f in fynd][:1] == [falt]
    assert all(f.allvarlighet is regel.allvarlighet and f.text for f in fynd)
    assert [f for f in granska(nara, vid=VID, utokningar=[U]) if f.regel is regel] == []
    assert regel.beskrivning
    assert regel.kalla


def test_unused_national_variables_are_not_reported_missing() -> None:
    a = Arende(id="A-1", insatser=(attrs.evolve(_INSATS, uppfoljningar=(Uppfoljning(),)),))
    falt = "insatser[0].uppfoljningar[0].parallella_insatser"
    assert falt in {f.falt for f in granska(a, vid=VID)}
    assert falt not in {f.falt for f in granska(a, vid=VID, utokningar=[U])}


def test_derived_national_fields_are_judged_as_in_json() -> None:
    text = (
        '[utokning]\nid = "k"\nnamn = "K"\nversion = "1"\nbygger_pa = "SKL-2019"\n'
        'anvands_inte = ["4"]\n'
    )
    k = las_definition(text)
    pnr = Arende(id="A-1", personnummer=sv.Personnummer.parse("19121212-1212"))
    assert _regler(granska(pnr, vid=VID, utokningar=[k])) == []
    utan = Arende(id="A-1", juridiskt_kon=sv.JuridisktKon(1))
    assert _regler(granska(utan, vid=VID, utokningar=[k])) == [
        ("NATIONELL_ANVANDS_INTE", "juridiskt_kon")
    ]


def test_local_values_on_a_refused_insats_are_reported_too() -> None:
    upp = Uppfoljning(lokala=LokalaVarden(okanda=[("x", "{}")]))
    a = Arende(id="A-1", insatser=(Insats(beslut=Beslutsutfall.AVSLAG, uppfoljningar=(upp,)),))
    assert ("LOKAL_OKAND_UTOKNING", "insatser[0].uppfoljningar[0].lokala.x") in _regler(
        granska(a, vid=VID)
    )


def test_settings_turn_local_rules_off_and_national_findings_stay() -> None:
    a = sv.from_json(_text(ALLA_NIVAER))
    assert Regel.LOKAL_OKAND_UTOKNING in {f.regel for f in granska(a, vid=VID)}
    av = Granskningsinstallningar(av=frozenset({Regel.LOKAL_OKAND_UTOKNING}))
    assert Regel.LOKAL_OKAND_UTOKNING not in {
        f.regel for f in granska(a, vid=VID, installningar=av)
    }
    # The national findings are the same as for the record without local values.
    utan = sv.from_json(_text(_utan_lokala(ALLA_NIVAER)))
    nationella = [f for f in granska(a, vid=VID) if f.regel not in LOKALA_REGLER]
    assert nationella == list(granska(utan, vid=VID))
    assert granska(utan, vid=VID) == granska(utan, vid=VID, utokningar=[])


@settings(max_examples=30)
@given(strategies.arenden(senast=date(2026, 1, 1)))
def test_an_extension_adds_only_its_own_findings(a: Arende) -> None:
    vid = date(2026, 1, 1)
    nationella = granska(a, vid=vid)
    med = granska(a, vid=vid, utokningar=[FIA, SUV])  # neither declares anything unused
    assert med[: len(nationella)] == nationella
    assert {f.regel for f in med[len(nationella) :]} <= {Regel.LOKAL_SAKNAS}


def _utan_lokala(d: Any) -> Any:
    if isinstance(d, dict):
        return {k: _utan_lokala(v) for k, v in d.items() if k != "lokala"}
    if isinstance(d, list):
        return [_utan_lokala(v) for v in d]
    return d


# --- statistics --------------------------------------------------------------------------------


def test_the_lokal_table_is_last_and_keys_join() -> None:
    assert statistik.TABELLNAMN[-1] == "lokal"
    a = sv.from_json(_text(ALLA_NIVAER), utokningar=[U])
    rader = lokala_rader(a, arende_nr=3, insats_nr=5, u_nr=8)
    assert rader == [
        ("arende", 3, None, None, T, "L1", 1, None, None, None, None, True),
        ("arende", 3, None, None, T, "L1", 2, None, None, None, None, True),
        ("insats", 3, 5, None, T, "L2", 1101, None, None, "Insatstyp", 11, True),
        ("uppfoljning", 3, 5, 8, T, "L3", None, 7, None, None, None, True),
        ("avslut", 3, 5, None, T, "L4", None, None, date(2026, 3, 31), None, None, True),
    ]
    assert all(len(r) == len(TABELL["lokal"].kolumner) for r in rader)
    assert (
        lokala_rader(Arende(id="A-1", insatser=(Insats(),)), arende_nr=1, insats_nr=1, u_nr=1) == []
    )
    # A local variable with a national value set counts under its own code.
    text = (
        '[utokning]\nid = "k"\nnamn = "K"\nversion = "1"\nbygger_pa = "SKL-2019"\n'
        '[[variabel]]\nnummer = "L1"\nnamn = "Hushåll, lokalt"\nprocessteg = 2\n'
        'niva = "arende"\ndataformat = "enkelval"\nvardemangd = "Hushallstyp"\n'
    )
    k = las_definition(text)
    b = Arende(id="A-1", lokala=las_lokala({"k": {"L1": 2}}, register([k]), Niva.ARENDE))
    (rad,) = lokala_rader(b, arende_nr=1, insats_nr=1, u_nr=1)
    assert rad[-3:] == ("Hushallstyp", 2, True)


def _uttag(n: int) -> list[dict[str, Any]]:
    """*n* ärenden; each insats has national Insatstyp and a local L2 subdivision."""
    ut = []
    for i in range(n):
        kod = [1101, 1102, 401, 402][i % 4]
        ut.append(
            {
                "id": f"A-{i}",
                "aktualiseringsdatum": "2025-02-01",
                "juridiskt_kon": 1 + i % 2,
                "lokala": {F: {"L1": [1 + i % 13]}, S: {"L39": 1 + i % 3}},
                "insatser": [
                    {
                        "beslutsdatum": "2025-02-10",
                        "verkstallighetsdatum": "2025-02-15",
                        "insatstyp": [kod // 100],
                        "lokala": {F: {"L2": [kod]}},
                    }
                ],
            }
        )
    return ut


def _kor(tabeller: statistik.Tabeller, sql: str) -> list[tuple[Any, ...]]:
    return sorted(tabeller.con.execute(sql).fetchall())


def test_a_roll_up_code_counts_under_its_national_parent(tmp_path: Path) -> None:
    uttag = _uttag(12)
    uttag[0]["insatser"][0]["insatstyp"] = [4]  # 1101 recorded under 4: LOKAL_RULLNING
    fil = tmp_path / "u.jsonl"
    fil.write_text("".join(_text(d) + "\n" for d in uttag), encoding="utf-8")
    t = statistik.bygg_tabeller(str(fil), vid=VID, utokningar=[FIA, SUV])
    try:
        assert t.inlasning.granskningsfel == 1
        assert _kor(t, "SELECT regler FROM utesluten") == [("LOKAL_RULLNING",)]
        # Insatser by national insatstyp, the local codes rolled up into the same count.
        med_lokala = _kor(
            t,
            "SELECT kod, count(DISTINCT insats_nr) FROM (SELECT insats_nr, kod FROM insatstyp "
            "UNION ALL SELECT insats_nr, nationell_kod FROM lokal "
            "WHERE nationell_vardemangd = 'Insatstyp') GROUP BY kod",
        )
        nationellt = _kor(t, "SELECT kod, count(*) FROM insatstyp GROUP BY kod")
        # Each national code split into its local subdivisions.
        delar = _kor(
            t,
            "SELECT nationell_kod, kod, count(*) FROM lokal "
            "WHERE utokning = 'se.kommun.exempel.fia' AND nummer = 'L2' GROUP BY ALL",
        )
        suv = _kor(t, "SELECT kod, count(*) FROM lokal WHERE nummer = 'L39' GROUP BY kod")
    finally:
        t.close()
    # The oracle: counted here from the JSON, on the ärenden kept.
    kvar = uttag[1:]
    koder = Counter(d["insatser"][0]["lokala"][F]["L2"][0] for d in kvar)
    assert med_lokala == nationellt == sorted(Counter(k // 100 for k in koder.elements()).items())
    assert delar == sorted((k // 100, k, n) for k, n in koder.items())
    assert suv == sorted(Counter(d["lokala"][S]["L39"] for d in kvar).items())
    # Without granska, the roll-up code still counts under its parent in the union.
    t = statistik.bygg_tabeller(str(fil), vid=VID, utokningar=[FIA], granska=False)
    try:
        (rad,) = _kor(
            t,
            "SELECT count(DISTINCT insats_nr) FROM (SELECT insats_nr, kod FROM insatstyp "
            "UNION ALL SELECT insats_nr, nationell_kod FROM lokal "
            "WHERE nationell_vardemangd = 'Insatstyp') WHERE kod = 11",
        )
    finally:
        t.close()
    assert rad == (sum(1 for d in uttag if d["insatser"][0]["lokala"][F]["L2"][0] // 100 == 11),)


def test_the_reports_are_the_same_with_local_values(tmp_path: Path) -> None:
    uttag = _uttag(25)
    med, utan = tmp_path / "med.jsonl", tmp_path / "utan.jsonl"
    med.write_text("".join(_text(d) + "\n" for d in uttag), encoding="utf-8")
    utan.write_text("".join(_text(_utan_lokala(d)) + "\n" for d in uttag), encoding="utf-8")
    period = statistik.Period.ar(2025)
    resultat = []
    for fil, lokala in ((med, [FIA, SUV]), (med, []), (utan, [])):
        t = statistik.bygg_tabeller(str(fil), vid=VID, utokningar=lokala)
        try:
            resultat.append(t.rapporter(period=period, omaskerad=True))
            antal = _kor(t, "SELECT laddad, count(*) FROM lokal GROUP BY laddad")
        finally:
            t.close()
        if fil == utan:
            assert antal == []
        elif lokala:
            assert antal == [(True, 25 * 3)]
        else:  # not loaded: one row per variable, kept
            assert antal == [(False, 25 * 3)]
    assert resultat[0] == resultat[1] == resultat[2]


# --- the command line ----------------------------------------------------------------------------


def _fil(tmp_path: Path, uttag: list[dict[str, Any]]) -> Path:
    fil = tmp_path / "u.jsonl"
    fil.write_text("".join(_text(d) + "\n" for d in uttag), encoding="utf-8")
    return fil


def test_granska_lokala_on_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fil = _fil(tmp_path, [ALLA_NIVAER])
    bas = tmp_path / "bas.toml"
    bas.write_text(BAS, encoding="utf-8")
    assert cli.main(["granska", str(fil), "--vid", "2026-06-01"]) == 0
    assert "LOKAL_OKAND_UTOKNING   4" in capsys.readouterr().out
    args = ["granska", str(fil), "--vid", "2026-06-01", "--lokala", str(bas), "--format", "json"]
    assert cli.main(args) == 0
    ut = capsys.readouterr().out
    assert "LOKAL_" not in ut
    # A bad value is an unreadable line, named with its path.
    fil.write_text(_text(ALLA_NIVAER).replace('"L3":7', '"L3":700') + "\n", encoding="utf-8")
    assert cli.main(["granska", str(fil), "--vid", "2026-06-01", "--lokala", str(bas)]) == 1
    assert "ska vara 0–99 @ $.insatser[0].uppfoljningar[0].lokala" in capsys.readouterr().out
    # A bad definition file stops the command, named with its line.
    bas.write_text(BAS.replace('nummer = "L2"', 'nummer = "12"'), encoding="utf-8")
    assert cli.main(["granska", str(fil), "--lokala", str(bas)]) == 1
    assert f"{bas}, rad " in capsys.readouterr().err
    assert cli.main(["granska", str(fil), "--lokala", str(tmp_path / "finns-inte.toml")]) == 1
    assert "filen finns inte" in capsys.readouterr().err


def test_granska_jobs_loads_the_extensions_in_each_worker(tmp_path: Path) -> None:
    bas = tmp_path / "bas.toml"
    bas.write_text(BAS, encoding="utf-8")
    uttag = [dict(ALLA_NIVAER, id=f"A-{n}") for n in range(30)]
    uttag[7] = json.loads(_text(uttag[7]).replace('"L1":[1,2]', '"L1":[5]'))
    fil = _fil(tmp_path, uttag)
    vid = date(2026, 6, 1)
    (uppdrag,) = cli._intervall(str(fil), vid, storlek=1 << 20)
    rader, arenden, handelser = cli._granska_intervall(uppdrag, lokala=(str(bas),))
    assert (rader, arenden) == (30, 29)
    assert [h[:2] for h in handelser if h[0] == "o"] == [("o", 8)]
    ut = subprocess.run(
        [
            sys.executable,
            "-m",
            "socialtjanst_variabler",
            "granska",
            str(fil),
            "--vid",
            "2026-06-01",
            "--lokala",
            str(bas),
            "--jobs",
            "2",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    en = subprocess.run(
        [
            sys.executable,
            "-m",
            "socialtjanst_variabler",
            "granska",
            str(fil),
            "--vid",
            "2026-06-01",
            "--lokala",
            str(bas),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert ut.returncode == en.returncode == 1
    assert ut.stdout == en.stdout
    assert "rad 8" in ut.stdout


def test_statistik_lokala_on_the_command_line(tmp_path: Path) -> None:
    fil = _fil(tmp_path, _uttag(8))
    fia, suv = tmp_path / "fia.toml", tmp_path / "suv.toml"
    fia.write_text(exempel("fia").read_text(encoding="utf-8"), encoding="utf-8")
    suv.write_text(exempel("suv39").read_text(encoding="utf-8"), encoding="utf-8")
    db = tmp_path / "t.duckdb"
    args = ["statistik", str(fil), "--vid", "2026-06-01", "--format", "duckdb", "-o", str(db)]
    assert cli.main([*args, "--lokala", str(fia), "--lokala", str(suv)]) == 0
    duckdb = statistik.databas.duckdb()
    con = duckdb.connect(str(db))
    try:
        rader = con.execute(
            "SELECT utokning, count(*) FROM lokal GROUP BY ALL ORDER BY 1"
        ).fetchall()
    finally:
        con.close()
    assert rader == [(F, 16), (S, 8)]


def test_the_model_does_not_load_the_definitions() -> None:
    kod = (
        "import sys, socialtjanst_variabler as sv; sv.Arende; sv.granska; "
        "print(any(m.startswith('socialtjanst_variabler.lokala') for m in sys.modules))"
    )
    ut = subprocess.run([sys.executable, "-c", kod], capture_output=True, text=True, check=True)
    assert ut.stdout.strip() == "False"


@given(st.data())
def test_las_lokala_and_the_model_agree_on_every_level(data: st.DataObject) -> None:
    from socialtjanst_variabler.lokala.strategies import lokala_varden

    for niva in Niva:
        d = data.draw(lokala_varden(U, niva))
        lv = las_lokala(d, register([U]), niva)
        assert lv.till_json() == d
        assert bool(lv) == bool(d)


def _vantade_rader(a: Arende) -> list[tuple[Any, ...]]:
    """The oracle of table ``lokal``: from the JSON form and the definitions' roll-up."""
    ut: list[tuple[Any, ...]] = []
    reg = register([U, FIA, SUV])

    def niva(namn: str, nycklar: tuple[Any, ...], d: dict[str, Any]) -> None:
        for uid, poster in sorted(d.get("lokala", {}).items()):
            for nummer, x in sorted(poster.items(), key=lambda p: int(p[0][1:])):
                v = reg[uid].variabel(nummer)
                if isinstance(x, str):
                    ut.append((namn, *nycklar, uid, nummer, None, None, date.fromisoformat(x)))
                elif v.vardemangd is None:
                    ut.append((namn, *nycklar, uid, nummer, None, x, None))
                else:
                    for kod in x if isinstance(x, list) else [x]:
                        ut.append((namn, *nycklar, uid, nummer, kod, None, None))

    d = sv.to_dict(a)
    niva("arende", (1, None, None), d)
    u_nr = 1
    for i, insats in enumerate(d.get("insatser", [])):
        niva("insats", (1, 1 + i, None), insats)
        for upp in insats.get("uppfoljningar", []):
            niva("uppfoljning", (1, 1 + i, u_nr), upp)
            u_nr += 1
        if "avslut" in insats:
            niva("avslut", (1, 1 + i, None), insats["avslut"])
    return ut


@settings(max_examples=40)
@given(arenden_med_lokala([U, FIA, SUV], senast=date(2026, 1, 1)))
def test_the_lokal_rows_follow_the_json_form(a: Arende) -> None:
    rader = lokala_rader(a, arende_nr=1, insats_nr=1, u_nr=1)
    assert [r[:9] for r in rader] == _vantade_rader(a)
    for r in rader:
        kod = r[6]
        if r[5] == "L2":  # the roll-up codes of both test extensions: parent = code // 100
            assert (r[9], r[10]) == ("Insatstyp", kod // 100)
        else:
            assert (r[9], r[10]) == (None, None)
    # Read without the extensions: a row per variable, not interpreted.
    utan = lokala_rader(sv.from_json(sv.to_json(a)), arende_nr=1, insats_nr=1, u_nr=1)
    assert {r[:6] for r in utan} == {r[:6] for r in rader}
    assert all(r[6:] == (None,) * 5 + (False,) for r in utan)


@pytest.mark.parametrize(
    "lokala",
    [
        {"19121212-1212": {"L1": 1}},  # an id that is free text
        {"Se.Kommun": {"L1": 1}},
        {"se.x": {"19121212-1212": 1}},  # a variable key that is free text
        {"se.x": {"L01": 1}},
        {"fia\n": {"L1": 1}},
    ],
)
@pytest.mark.parametrize("utokningar", [(), (FIA,)])
def test_ids_and_numbers_of_any_extension_have_their_form(
    lokala: dict[str, Any], utokningar: tuple[Any, ...]
) -> None:
    # Ids and numbers reach tables and findings as they are: free text never gets there.
    text = _text({"id": "A-1", "insatser": [{"lokala": lokala}]})
    with pytest.raises(InvalidJson, match=r"\((ID|NUMMER)_MONSTER\) @ \$\.insatser\[0\]") as e:
        sv.from_json(text, utokningar=utokningar)
    assert "1212" not in str(e.value)


@pytest.mark.parametrize(
    ("varden", "okanda"),
    [
        ([("19121212-1212", "L1", 5)], []),
        ([("se.x", "L0", 5)], []),
        ([], [("19121212-1212", "{}")]),
    ],
)
def test_hand_built_local_values_have_the_same_form(
    varden: list[tuple[str, str, Any]], okanda: list[tuple[str, str]]
) -> None:
    with pytest.raises(InvalidValue, match=r"^lokala: ") as e:
        LokalaVarden(varden, okanda)
    assert "1212" not in str(e.value)


def test_alla_lokala_walks_every_level_in_document_order() -> None:
    from socialtjanst_variabler.arende.modell import alla_lokala

    lv = [LokalaVarden(okanda=[(f"se.n{n}", "{}")]) for n in range(5)]
    a = Arende(
        id="A-1",
        lokala=lv[0],
        insatser=(
            Insats(lokala=lv[1], uppfoljningar=(Uppfoljning(lokala=lv[2]),)),
            Insats(lokala=lv[3], avslut=Avslut(lokala=lv[4])),
        ),
    )
    assert list(alla_lokala(a)) == lv
    assert list(alla_lokala(Arende(id="A-2"))) == [LokalaVarden()]
