"""The JSON Schema of an ärende, validated by a real consumer (the jsonschema package)."""

from __future__ import annotations

import copy
import json
from datetime import date
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from jsonschema import Draft202012Validator, FormatChecker

import socialtjanst_variabler as sv
from socialtjanst_variabler.arende.schema import SCHEMA_ID, arende_schema
from socialtjanst_variabler.strategies import arenden

SCHEMA = arende_schema()
VALIDATOR = Draft202012Validator(SCHEMA, format_checker=FormatChecker())


def test_schema_is_valid_draft_2020_12() -> None:
    Draft202012Validator.check_schema(SCHEMA)
    assert SCHEMA["$id"] == SCHEMA_ID
    assert sv.__version__ in SCHEMA_ID


def test_every_value_set_of_the_model_is_defined_with_codes_and_labels() -> None:
    for vm in sv.VARDEMANGDER:
        definition = SCHEMA["$defs"][vm.__name__]
        assert definition["enum"] == [kod for kod, _ in vm.choices()]
        assert definition["x-koder"] == [
            {"kod": kod, "etikett": label} for kod, label in vm.choices()
        ]
        assert "oneOf" not in definition


def test_schema_is_deterministic() -> None:
    assert json.dumps(arende_schema()) == json.dumps(SCHEMA)


@given(arenden())
def test_every_valid_arende_is_valid_against_the_schema(a: sv.Arende) -> None:
    errors = list(VALIDATOR.iter_errors(sv.to_dict(a)))
    assert errors == []


BROKEN: list[Any] = [True, 1.5, "x", [None], {"a": 1}, [], 0, 10**20]


@given(arenden(), st.data())
def test_broken_arenden_are_invalid_against_the_schema(a: sv.Arende, data: st.DataObject) -> None:
    d = sv.to_dict(a)
    key = data.draw(st.sampled_from(sorted(d)))
    value = data.draw(st.sampled_from(BROKEN))
    if key in ("id", "person_id", "reservnummer") and value == "x":
        value = ""  # any non-blank text is a valid id (and a regional reservnummer)
    if key == "insatser" and value == []:
        value = [None]  # an ärende without insatser is valid
    if key == "anonym" and value is True:
        value = 1.5  # anonym is a boolean
    d[key] = value
    assert not VALIDATOR.is_valid(d)
    with pytest.raises(sv.InvalidJson):
        sv.from_dict(d)


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"id": "1", "extra": 1},
        {"id": "1", "aktualiseringsdatum": "2024-01-02\n"},
        {"id": "1", "aktualiseringsdatum": "20240102"},
        {"id": "1", "ursprung": True},
        {"id": "1", "problematik": [1, 1]},
        {"id": "1", "personnummer": "121212-1212"},
        {"id": "1", "insatser": [{"avslut": {"avslutsorsak": 10}}]},
    ],
)
def test_structurally_broken_examples_are_invalid(data: dict[str, Any]) -> None:
    assert not VALIDATOR.is_valid(data)
    with pytest.raises(sv.InvalidJson):
        sv.from_dict(data)


@pytest.mark.parametrize("samverkan", [[1, 11], [11, 12]])
def test_samverkan_11_12_combined_is_invalid_but_read(samverkan: list[int]) -> None:
    """The schema states the registration rule; the reader reads the ärende anyway and
    granska reports it (SAMVERKAN_KOMBINERAD), so the rest of the ärende is checked."""
    data = {"id": "1", "insatser": [{"uppfoljningar": [{"samverkan": samverkan}]}]}
    assert not VALIDATOR.is_valid(data)
    a = sv.from_dict(data)
    assert sv.Regel.SAMVERKAN_KOMBINERAD in {f.regel for f in sv.granska(a, vid=date(2026, 1, 1))}


@pytest.mark.parametrize("samverkan", [[11], [12], [1, 2, 10]])
def test_valid_samverkan(samverkan: list[int]) -> None:
    data = {"id": "1", "insatser": [{"uppfoljningar": [{"samverkan": samverkan}]}]}
    assert VALIDATOR.is_valid(data)
    assert sv.from_dict(data)


def _som_forut(schema: dict[str, Any]) -> dict[str, Any]:
    """*schema* as it was exported before the ``enum`` form: each value set a ``oneOf``
    of constants with their labels as titles."""
    forut = copy.deepcopy(schema)
    for definition in forut["$defs"].values():
        if "x-koder" in definition:
            koder = definition.pop("x-koder")
            assert definition.pop("enum") == [k["kod"] for k in koder]
            definition["oneOf"] = [{"const": k["kod"], "title": k["etikett"]} for k in koder]
    return forut


FORUT = Draft202012Validator(_som_forut(SCHEMA), format_checker=FormatChecker())


def _stallen(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every place in a JSON value: the paths of its objects' keys and its lists' items."""
    found = [path] if path else []
    if isinstance(value, dict):
        for k, v in value.items():
            found += _stallen(v, (*path, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            found += _stallen(v, (*path, i))
    return found


_VARDEN = st.one_of(
    st.integers(-2, 30),
    st.sampled_from([*BROKEN, 1.0, 2.0, False, None, "2024-01-01", "1"]),
    st.lists(st.one_of(st.integers(-1, 14), st.sampled_from([True, 1.0, None])), max_size=4),
)


@given(arenden(), st.data())
def test_enum_rejects_exactly_what_one_of_consts_rejected(
    a: sv.Arende, data: st.DataObject
) -> None:
    # A value set as an enum is a faster form of the same constraint: wherever a value
    # is changed (codes out of range, true, 1.0, lists), both forms give one answer.
    d = sv.to_dict(a)
    for _ in range(data.draw(st.integers(0, 3))):
        *path, last = data.draw(st.sampled_from(_stallen(d)))
        where: Any = d
        for step in path:
            where = where[step]
        # A copy: hypothesis may hand back the very list it drew before, and writing into
        # it would make the document contain itself.
        where[last] = copy.deepcopy(data.draw(_VARDEN))
    assert VALIDATOR.is_valid(d) == FORUT.is_valid(d)
    if SNABB is not None:
        assert _snabb_godtar(SNABB, d) == _snabb_godtar(SNABB_FORUT, d)


try:
    import fastjsonschema
except ImportError:  # pragma: no cover - dev installs it
    SNABB = SNABB_FORUT = None
else:
    SNABB = fastjsonschema.compile(SCHEMA)
    SNABB_FORUT = fastjsonschema.compile(_som_forut(SCHEMA))


def _snabb_godtar(validera: Any, d: Any) -> bool:
    try:
        validera(d)
    except fastjsonschema.JsonSchemaValueException:
        return False
    return True


def test_export_command_writes_the_schema(capsys: pytest.CaptureFixture[str]) -> None:
    from socialtjanst_variabler.cli import main

    assert main(["export", "--format", "jsonschema"]) == 0
    assert json.loads(capsys.readouterr().out) == SCHEMA
