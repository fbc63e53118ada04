"""JSON in and out: canonical form, round trips, and every malformed input refused."""

from __future__ import annotations

import contextlib
import json
import typing
from datetime import date
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import socialtjanst_variabler as sv
from socialtjanst_variabler import Arende, Avslut, Insats, InvalidJson, Uppfoljning
from socialtjanst_variabler import arende as arende_mod
from socialtjanst_variabler._datum import las_datum
from socialtjanst_variabler.arende import _serde
from socialtjanst_variabler.arende._serde import _fast
from socialtjanst_variabler.personnummer import Personnummer
from socialtjanst_variabler.strategies import arenden

PNR = Personnummer.parse("19121212-1212")


def problems(data: object) -> list[str]:
    text = data if isinstance(data, (str, bytes)) else json.dumps(data)
    with pytest.raises(InvalidJson) as info:
        sv.from_json(text)
    assert isinstance(info.value, ValueError)
    return list(info.value.problems)


@given(arenden())
def test_round_trip(a: Arende) -> None:
    text = sv.to_json(a)
    assert sv.from_json(text) == a
    assert sv.to_json(sv.from_json(text)) == text
    assert sv.from_dict(sv.to_dict(a)) == a
    assert sv.from_json(text.encode()) == a


def test_canonical_form() -> None:
    a = Arende(
        id="Ä-1",
        personnummer=PNR,
        problematik=frozenset({sv.Problematik(11), sv.Problematik(2)}),
        insatser=(Insats(beslutsdatum=date(2026, 1, 2), bistandsbedomd=False, avslut=Avslut()),),
    )
    assert sv.to_dict(a) == {
        "id": "Ä-1",
        "personnummer": "19121212-1212",
        "problematik": [2, 11],
        "insatser": [{"beslutsdatum": "2026-01-02", "bistandsbedomd": False, "avslut": {}}],
    }
    assert sv.to_json(a) == (
        '{"id":"Ä-1","insatser":[{"avslut":{},"beslutsdatum":"2026-01-02",'
        '"bistandsbedomd":false}],"personnummer":"19121212-1212","problematik":[2,11]}'
    )


def test_explicit_sex_and_birth_date_without_personnummer() -> None:
    a = Arende(id="1", juridiskt_kon=sv.JuridisktKon(1), fodelsedatum=date(2001, 2, 3))
    assert sv.to_dict(a) == {"id": "1", "juridiskt_kon": 1, "fodelsedatum": "2001-02-03"}
    assert sv.from_dict(sv.to_dict(a)) == a


def test_nulls_are_absent_values() -> None:
    assert sv.from_json('{"id": "1", "ursprung": null}') == Arende(id="1")


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (
            {"id": "1", "ursprung": True},
            "True har fel typ för värdemängden Ursprung: en kod är ett heltal (int); text från ett formulär läses med Ursprung.parse @ $.ursprung",
        ),
        ({"id": "1", "ursprung": 2.0}, "@ $.ursprung"),
        ({"id": "1", "ursprung": "2"}, "@ $.ursprung"),
        (
            {"id": "1", "ursprung": 6},
            "6 är inte en kod i värdemängden Ursprung (giltiga koder: 1–5) @ $.ursprung",
        ),
        (
            {"id": "1", "aktualiseringsdatum": "20240102"},
            "ska vara en sträng ÅÅÅÅ-MM-DD @ $.aktualiseringsdatum",
        ),
        (
            {"id": "1", "aktualiseringsdatum": "2024-W01-2"},
            "ska vara en sträng ÅÅÅÅ-MM-DD @ $.aktualiseringsdatum",
        ),
        (
            {"id": "1", "aktualiseringsdatum": "2023-02-29"},
            "datumet finns inte @ $.aktualiseringsdatum",
        ),
        (
            {"id": "1", "aktualiseringsdatum": "\uff12\uff10\uff12\uff14-01-02"},
            "ÅÅÅÅ-MM-DD @ $.aktualiseringsdatum",
        ),
        ({"id": "1", "aktualiseringsdatum": 20240102}, "ÅÅÅÅ-MM-DD @ $.aktualiseringsdatum"),
        ({"id": "1", "extra": 1}, "okända nycklar: 'extra' @ $"),
        ({"ursprung": 1}, "obligatoriskt fält saknas @ $.id"),
        ({"id": 5}, "ska vara en sträng @ $.id"),
        ({"id": ""}, "ärendets id ska vara en icke-tom sträng @ $.id"),
        (
            {"id": "1", "problematik": []},
            "flerval ska ha minst en kod när det registrerats @ $.problematik",
        ),
        ({"id": "1", "problematik": [1, 1]}, "samma kod förekommer flera gånger @ $.problematik"),
        ({"id": "1", "problematik": 1}, "ska vara en lista med koder @ $.problematik"),
        ({"id": "1", "insatser": {}}, "ska vara en lista @ $.insatser"),
        ({"id": "1", "insatser": [[]]}, "@ $.insatser[0]"),
        (
            {"id": "1", "insatser": [{}, {"bistandsbedomd": 1}]},
            "ska vara true eller false @ $.insatser[1].bistandsbedomd",
        ),
        (
            {"id": "1", "insatser": [{"beslutsdatum": "2024-1-2"}]},
            "ÅÅÅÅ-MM-DD @ $.insatser[0].beslutsdatum",
        ),
        (
            {"id": "1", "insatser": [{"uppfoljningar": [{"samverkan": [1, 12]}]}]},
            "Kod 11 och 12 (Ingen samverkan …) utesluter varandra och koderna 1–10 @ $.insatser[0].uppfoljningar[0].samverkan",
        ),
        ({"id": "1", "insatser": [{"avslut": {"datum": "x"}}]}, "@ $.insatser[0].avslut.datum"),
        (
            {"id": "1", "personnummer": "121212-1212"},
            "ska vara en sträng ÅÅÅÅMMDD-NNNN @ $.personnummer",
        ),
        (
            {"id": "1", "personnummer": "19121212-1213"},
            "kontrollsiffra stämmer inte @ $.personnummer",
        ),
        (
            {"id": "1", "personnummer": "19121212-1212", "juridiskt_kon": 1},
            "motsäger personnumret @ $.juridiskt_kon",
        ),
        ([], "ska vara ett JSON-objekt @ $"),
        ("null", "ska vara ett JSON-objekt @ $"),
    ],
)
def test_malformed_input_is_refused_with_its_path(data: Any, expected: str) -> None:
    found = problems(data)
    assert any(p.endswith(expected) or p == expected for p in found), found


def test_every_problem_is_listed_at_once() -> None:
    data = {
        "id": "1",
        "ursprung": 9,
        "hushallstyp": True,
        "insatser": [{"beslutsdatum": "x"}, {"insatstyp": [99]}],
        "okand": 1,
    }
    found = problems(data)
    assert len(found) == 5
    assert {p.rpartition(" @ ")[2] for p in found} == {
        "$.ursprung",
        "$.hushallstyp",
        "$.insatser[0].beslutsdatum",
        "$.insatser[1].insatstyp",
        "$",
    }


@pytest.mark.parametrize(
    "text", ["", "{", "not json", "[1,", b"\xff\xfe", '{"id": NaN}x', "[" * 100_000]
)
def test_malformed_json(text: str | bytes) -> None:
    (problem,) = problems(text)
    assert problem.endswith("@ $")


def test_no_personnummer_in_any_message() -> None:
    for data in (
        {"id": "1", "ursprung": "19121212-1212"},
        {"id": "1", "ursprung": 191212121212},
        {"id": "1", "19121212-1212": 1},
        {"id": "1", "personnummer": "19121212-1213"},
        {"id": "1", "personnummer": "19121212-1212", "fodelsedatum": "1912-12-13"},
    ):
        text = "; ".join(problems(data))
        assert "1212-1212" not in text
        assert "121212121" not in text


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda children: st.lists(children) | st.dictionaries(st.text(), children),
    max_leaves=20,
)
keys = st.sampled_from(
    ["id", "ursprung", "problematik", "personnummer", "insatser", "aktualiseringsdatum", "x"]
)


@given(st.one_of(st.text(), st.binary(), json_values.map(json.dumps)))
def test_only_our_error_escapes(text: str | bytes) -> None:
    with contextlib.suppress(InvalidJson):
        sv.from_json(text)


@given(st.dictionaries(keys, json_values))
def test_only_our_error_escapes_for_near_valid_objects(data: dict[str, Any]) -> None:
    try:
        a = sv.from_dict(data)
    except InvalidJson as exc:
        assert exc.problems
    else:
        assert sv.from_dict(sv.to_dict(a)) == a


@given(arenden(), st.data())
def test_fast_and_detailed_paths_agree(a: Arende, data: st.DataObject) -> None:
    """A valid ärende with one field broken is refused, and the problem names that field."""
    d = sv.to_dict(a)
    key = data.draw(st.sampled_from(sorted(d)))
    # anonym is the one boolean field that can hold True
    d[key] = data.draw(st.sampled_from([True, 1.5, [None], {"a": 1}][key == "anonym" :]))
    try:
        sv.from_dict(d)
    except InvalidJson as exc:
        # The problem names the broken field itself (or a path inside it).
        assert any(f"@ $.{key}" in p for p in exc.problems), exc.problems
    else:
        raise AssertionError(f"accepted a broken {key}")


def test_uppfoljning_answers_round_trip() -> None:
    u = Uppfoljning(
        datum=date(2026, 1, 1),
        b1a=sv.Forandring(1),
        b2=sv.Betydelse(2),
        samverkan=frozenset({sv.Samverkan(12)}),
    )
    a = Arende(id="1", insatser=(Insats(uppfoljningar=(u,)),))
    assert sv.to_dict(a)["insatser"][0]["uppfoljningar"] == [
        {"datum": "2026-01-01", "samverkan": [12], "b1a": 1, "b2": 2}
    ]
    assert sv.from_json(sv.to_json(a)) == a


def test_json_error_position() -> None:
    assert problems('{"id": x}') == ["inte giltig JSON (kolumn 8) @ $"]
    assert problems('{\n"id": x}') == ["inte giltig JSON (rad 2, kolumn 7) @ $"]


# The fast pass (generated, one function per class) reads valid data without the model's
# type validators and with its rules; the tests below hold it to what the model and the
# detailed pass accept.


def _valideras(obj: Any) -> None:
    """Run every validator of *obj* and of the model objects inside it."""
    attrs.validate(obj)
    for f in attrs.fields(type(obj)):
        v = getattr(obj, f.name)
        for inre in v if isinstance(v, tuple) else (v,):
            if attrs.has(type(inre)):
                _valideras(inre)


@given(arenden())
def test_fast_pass_builds_what_the_validators_accept(a: Arende) -> None:
    b = _fast(Arende)(sv.to_dict(a))
    _valideras(b)
    assert b == a


date_like = st.one_of(
    st.dates().map(date.isoformat),
    st.text(alphabet="0123456789-W+ T:\n\u0661\uff12", min_size=8, max_size=12),
    st.text(min_size=10, max_size=10),
)


@given(date_like)
def test_fast_pass_takes_exactly_the_strict_dates(text: str) -> None:
    try:
        expected: date | None = las_datum(text)
    except ValueError:
        expected = None
    try:
        got = _fast(Arende)({"id": "A", "aktualiseringsdatum": text}).aktualiseringsdatum
    except Exception:  # the fast pass only refuses; the detailed pass explains
        got = None
    assert got == expected


def test_date_cache_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_serde, "_DAGAR", {})
    monkeypatch.setattr(_serde, "_DAGAR_MAX", 1)
    first = sv.from_dict({"id": "A", "aktualiseringsdatum": "2031-01-01"})
    second = sv.from_dict({"id": "A", "aktualiseringsdatum": "2031-01-02"})
    assert first.aktualiseringsdatum == date(2031, 1, 1)
    assert second.aktualiseringsdatum == date(2031, 1, 2)
    assert list(_serde._DAGAR) == ["2031-01-01"]


@pytest.mark.parametrize("value", [(), (1,), {}])
def test_a_list_field_takes_only_a_list(value: object) -> None:
    """from_dict takes Python data too: a tuple is not a JSON list, even when empty."""
    with pytest.raises(InvalidJson, match=r"ska vara en lista @ \$\.insatser"):
        sv.from_dict({"id": "A", "insatser": value})


@pytest.mark.parametrize("bad", [[True], [1.0], [1, True], [2, 2], []])
def test_code_list_cache_refuses_what_equals_a_cached_list(bad: list[Any]) -> None:
    """The code lists already read are kept: True, 1.0 or a repeated code must not pass
    for a list that was read (True == 1 and hash(1.0) == hash(1))."""
    sv.from_dict({"id": "A", "problematik": [1]})
    sv.from_dict({"id": "A", "problematik": [1, 2]})
    with pytest.raises(InvalidJson, match=r"@ \$\.problematik"):
        sv.from_dict({"id": "A", "problematik": bad})


def test_code_list_cache_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each multi-choice field keeps at most _KODLISTOR_MAX lists, of at most
    _KODLISTA_LANGD codes; a list it does not keep is still read right."""
    lasta = _fast(Arende).__globals__["k_problematik"]  # the field's cache (generated code)
    ny, nyckel = {"id": "A", "problematik": [4, 3, 2, 1]}, (4, 3, 2, 1)  # to_dict sorts
    lasta.pop(nyckel, None)
    monkeypatch.setattr(_serde, "_KODLISTOR_MAX", len(lasta))
    assert sv.from_dict(ny).problematik == frozenset(map(sv.Problematik, range(1, 5)))
    assert nyckel not in lasta
    monkeypatch.setattr(_serde, "_KODLISTOR_MAX", len(lasta) + 1)
    kept = sv.from_dict(ny).problematik
    assert sv.from_dict(ny).problematik is kept is lasta[nyckel]
    lang = {"id": "A", "problematik": [5, 4, 3, 2, 1]}
    monkeypatch.setattr(_serde, "_KODLISTOR_MAX", len(lasta) + 1)  # room, but too long
    assert sv.from_dict(lang).problematik == frozenset(map(sv.Problematik, range(1, 6)))
    assert (5, 4, 3, 2, 1) not in lasta


def test_rules_of_a_multi_choice_judge_the_value_alone() -> None:
    """The reader runs a multi-choice's rules without the instance (and keeps the lists
    that met them), so no rule may need it."""
    checked = 0
    for cls in arende_mod.NIVAER.values():
        hints = typing.get_type_hints(cls)
        for f in attrs.fields(cls):
            (typ, _) = typing.get_args(hints[f.name]) or (None, None)
            if typing.get_origin(typ) is not frozenset:
                continue
            (vardemangd,) = typing.get_args(typ)
            for regel in f.metadata[arende_mod.REGLER]:
                regel(None, f, frozenset({next(iter(vardemangd))}))
                checked += 1
    assert checked == 5  # _minst_en on the four multi-choice fields, and _samverkan


def test_fast_pass_refuses_a_type_it_lacks() -> None:
    @attrs.frozen(kw_only=True)
    class Okand:
        x: complex | None = None

    with pytest.raises(TypeError, match="a type the fast pass lacks"):
        _fast(Okand)


def test_errors_carry_no_personnummer_along() -> None:
    """An InvalidJson has no __context__: json's error holds the whole text."""
    pnr = "19121212-1212"
    for text in (
        f'{{"id": "A", "personnummer": "{pnr}",}}',  # malformed
        f'{{"id": "A", "personnummer": "{pnr}", "ursprung": 99}}',  # refused by the model
        f'{{"id": "A", "{pnr}": 1}}',  # an unknown key
    ):
        with pytest.raises(InvalidJson) as info:
            sv.from_json(text)
        assert info.value.__context__ is None
        assert info.value.__cause__ is None
        assert "1212-1212" not in str(info.value.problems)


@given(
    arenden(),
    st.text(" \t\n\r\x0b\x0c\u2028\ufeffx{", max_size=3),
    st.text(" \t\n\r\ufeff", max_size=2),
)
def test_from_json_takes_exactly_what_json_loads_takes(a: Arende, efter: str, fore: str) -> None:
    """from_json scans the value itself; the white space around it is JSON's, no more."""
    text = fore + sv.to_json(a) + efter
    try:
        json.loads(text)
    except ValueError:
        with pytest.raises(InvalidJson, match="inte giltig JSON"):
            sv.from_json(text)
    else:
        assert sv.from_json(text) == a
