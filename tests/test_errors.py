"""The error hierarchy, and that no personnummer reaches a message."""

from __future__ import annotations

import pytest

import socialtjanst_variabler as sv
from socialtjanst_variabler.errors import mask

# One number, 19800101-5678, in every shape a message could meet it.
SHAPES = [
    ("19800101-5678", "19800101-****"),
    ("198001015678", "19800101****"),
    ("800101-5678", "800101-****"),
    ("800101+5678", "800101+****"),
    ("8001015678", "800101****"),
    ("19800101 5678", "19800101 ****"),
    ("1980-01-01-5678", "1980-01-01-****"),
    ("19800101_5678", "19800101_****"),
    ("19800101/5678", "19800101/****"),
    ("19800101\u20135678", "19800101\u2013****"),
    ("\u0661\u0669\u0668\u0660\u0660\u0661\u0660\u0661\u0665\u0666\u0667\u0668", None),
    ("\uff11\uff19\uff18\uff10\uff10\uff11\uff10\uff11-\uff15\uff16\uff17\uff18", None),
]


@pytest.mark.parametrize(("text", "masked"), SHAPES)
def test_mask_hides_the_last_four_digits(text: str, masked: str | None) -> None:
    result = mask(f"x {text} y")
    assert result.endswith("**** y")
    assert text[-4:] not in result
    if masked is not None:
        assert result == f"x {masked} y"


@pytest.mark.parametrize("text", ["2026-01-31", "kod 14", "rad 12345", "19121212-121"])
def test_mask_leaves_dates_and_short_numbers(text: str) -> None:
    assert mask(text) == text


@pytest.mark.parametrize(("text", "_"), SHAPES)
def test_no_message_echoes_a_personnummer(text: str, _: object) -> None:
    with pytest.raises(sv.InvalidCode) as code:
        sv.Ursprung.from_label(text)
    with pytest.raises(sv.UnknownVariable) as unknown:
        sv.variabel(text)
    with pytest.raises(sv.InvalidJson) as json_error:
        sv.from_dict({"id": "1", "ursprung": text, text: 1})
    for exc in (code.value, unknown.value, json_error.value):
        assert text[-4:] not in str(exc)


def test_hierarchy() -> None:
    assert issubclass(sv.InvalidCode, ValueError)
    assert issubclass(sv.InvalidJson, sv.ValidationError)
    assert issubclass(sv.InvalidValue, sv.ValidationError)
    assert issubclass(sv.InvalidPersonnummer, sv.ValidationError)
    assert issubclass(sv.UnknownVariable, LookupError)
    assert str(sv.ValidationError()) == "ogiltigt värde"


def test_masked_personnummer() -> None:
    p = sv.Personnummer.parse("19121212-1212")
    assert p.maskerad == "19121212-****"
    assert repr(p) == "Personnummer('19121212-****')"
    assert "1212-1212" not in repr(sv.Arende(id="1", personnummer=p))
    # A vendor may use the personnummer as its case id: repr masks that too.
    assert repr(sv.Arende(id="19121212-1212")).startswith("Arende(id='19121212-****'")
