"""JSON in and out: canonical form, round trips, and every malformed input refused."""

from __future__ import annotations

import contextlib
import json
import sys
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
from socialtjanst_variabler.arende import _serde, modell
from socialtjanst_variabler.arende._serde import _fast
from socialtjanst_variabler.personnummer import Personnummer
from socialtjanst_variabler.strategies import arenden

from ._nycklar import alla_nycklar

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
            for regel in (
                *f.metadata[arende_mod.REGLER],
                *f.metadata.get(modell.REGISTRERING, ()),
            ):
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


# --- the optional fast parser (extra snabb): the same answers as the standard path -----------

orjson = pytest.importorskip("orjson")


def _utfall(text: str | bytes, loads: Any) -> tuple[str, object]:
    """from_json's answer with *loads* as the fast parser (None: the standard path)."""
    tidigare, _serde._ORJSON_LOADS = _serde._ORJSON_LOADS, loads
    try:
        return ("ärende", sv.from_json(text))
    except InvalidJson as exc:
        return ("fel", exc.problems)
    except Exception as exc:
        return ("undantag", type(exc))
    finally:
        _serde._ORJSON_LOADS = tidigare


def _lika(text: str | bytes) -> tuple[str, object]:
    snabb = _utfall(text, orjson.loads)
    assert snabb == _utfall(text, None)
    return snabb


_JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**70), 2**70)
    | st.floats(allow_nan=True)
    | st.text(max_size=5),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner, max_size=3)
    ),
    max_leaves=8,
)


@given(arenden(), st.data())
def test_fast_parser_gives_the_same_answers(a: Arende, data: st.DataObject) -> None:
    # Valid lines, then the same lines changed: a key repeated, a value replaced by any
    # JSON value, a colon put in a text, the text cut or a character put in.
    d = sv.to_dict(a)
    text = json.dumps(d, ensure_ascii=data.draw(st.booleans()))
    assert _lika(text) == ("ärende", a)
    andring = data.draw(st.sampled_from(["nyckel", "varde", "kolon", "klipp", "tecken"]))
    if andring == "nyckel":
        key = data.draw(st.sampled_from(sorted(d)))
        text = text[:-1] + f", {json.dumps(key)}: {json.dumps(d[key])}}}"
    elif andring == "varde":
        key = data.draw(st.sampled_from(sorted(d)))
        d[key] = data.draw(_JSON)
        text = json.dumps(d)
    elif andring == "kolon":
        text = text.replace('"id": "', '"id": ":', 1)
    elif andring == "klipp":
        text = text[: data.draw(st.integers(0, len(text)))]
    else:
        i = data.draw(st.integers(0, len(text)))
        text = (
            text[:i]
            + data.draw(st.sampled_from([":", ",", "}", "\\", '"', "\ud800", " "]))
            + text[i:]
        )
    _lika(text)
    if "\ud800" not in text:
        _lika(text.encode())


@given(_JSON)
def test_fast_parser_gives_the_same_answers_for_any_json(value: Any) -> None:
    _lika(json.dumps(value))
    _lika(json.dumps({"id": "A-1", "problematik": value}))


@pytest.mark.parametrize(
    "text",
    [
        '{"id": "A-1", "fodelsear": 18446744073709551616}',  # orjson: a float
        '{"id": "A-1", "ursprung": -9223372036854775809}',
        '{"id": "A-1", "hushallstyp": 1e400}',  # orjson refuses, json: inf
        '{"id": "A-1", "ursprung": 1.0}',
        '{"id": "\\ud800"}',  # a lone surrogate: json takes it
        '{"id": "A-1", "id": "A-2"}',
        '{"id": "A-1", "insatser": [{"avslut": {"genomforande": 1, "genomforande": 2}}]}',
        '{"id": "A:1", "ursprung": 2}',  # a colon in a text: the standard path decides
        '{"id": "A-1"}\n',
        ' {"id": "A-1"} x',
        '\ufeff{"id": "A-1"}',
        '{"id": "A-1", "ursprung": NaN}',
        "[" * 2000 + "]" * 2000,
        '"A-1"',
        "",
    ],
)
def test_fast_parser_edge_cases(text: str) -> None:
    _lika(text)
    if "\ud800" not in text:
        _lika(text.encode())
        _lika(b"\xef\xbb\xbf" + text.encode())  # a BOM: json.loads reads bytes as utf-8-sig
        _lika(text.encode("utf-16"))


def test_fast_parser_is_used_when_installed() -> None:
    assert _serde._ORJSON_LOADS is orjson.loads
    assert _serde._snabb('{"id": "A-1"}') == Arende(id="A-1")
    assert _serde._snabb('{"id": "A-1", "id": "A-2"}') is None  # repeated: the standard path
    assert _serde._snabb('{"id": "A-1", "ursprung": 99}') is None  # refused: the standard path
    assert _serde._snabb("[]") is None


def test_environment_switch_forces_the_standard_path() -> None:
    import os
    import subprocess
    import sys

    code = "from socialtjanst_variabler.arende import _serde; print(_serde._ORJSON_LOADS is None)"
    env = dict(os.environ, SOCIALTJANST_VARIABLER_JSON="stdlib")
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    assert done.stdout.strip() == "True"
    assert _serde._orjson() is orjson.loads


def test_without_orjson_the_standard_path_is_used(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "orjson", None)  # import orjson raises ImportError
    assert _serde._orjson() is None


@given(arenden())
def test_key_count_counts_every_object_of_the_model(a: Arende) -> None:
    # A level the model gains must be counted too, or its lines go the slower way.
    d = sv.to_dict(a)
    assert _serde._antal_nycklar(d) == alla_nycklar(d)


def test_environment_switch_is_read_when_the_module_loads(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOCIALTJANST_VARIABLER_JSON", "stdlib")
    assert _serde._orjson() is None
    monkeypatch.setenv("SOCIALTJANST_VARIABLER_JSON", "orjson")
    assert _serde._orjson() is orjson.loads
