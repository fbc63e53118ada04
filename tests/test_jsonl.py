"""The streaming JSON Lines reader: every line accounted for, bad lines never stop it."""

from __future__ import annotations

import io

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import socialtjanst_variabler as sv
from socialtjanst_variabler.arende import Arende, jsonl
from socialtjanst_variabler.strategies import arenden


def read(data: bytes) -> list[sv.Rad]:
    return list(sv.las_jsonl(io.BytesIO(data)))


def test_each_line_yields_an_arende_or_an_error() -> None:
    rader = read(b'{"id": "1"}\n\n{"id": 2}\n\xff\n{"id": "5"}')
    assert [r.radnummer for r in rader] == [1, 2, 3, 4, 5]
    assert [r.arende.id if r.arende else None for r in rader] == ["1", None, None, None, "5"]
    fel = [r.fel.problems for r in rader if r.fel]
    assert fel == [("tom rad @ $",), ("ska vara en sträng @ $.id",), ("inte giltig UTF-8 @ $",)]
    assert all((r.arende is None) != (r.fel is None) for r in rader)
    # An ärende's Rad is built without __init__ (so Rad must have no validators): it is
    # the Rad that __init__ makes.
    assert not any(a.validator for a in attrs.fields(sv.Rad))
    assert rader[0] == sv.Rad(radnummer=1, arende=Arende(id="1"))
    assert repr(rader[0]) == repr(sv.Rad(radnummer=1, arende=Arende(id="1")))


def test_byte_order_mark_and_crlf() -> None:
    rader = read(b'\xef\xbb\xbf{"id": "1"}\r\n{"id": "2"}\r\n')
    assert [r.arende.id for r in rader if r.arende] == ["1", "2"]


def test_a_byte_order_mark_later_is_an_error() -> None:
    rader = read(b'{"id": "1"}\n\xef\xbb\xbf{"id": "2"}\n')
    assert rader[1].fel is not None


def test_empty_input() -> None:
    assert read(b"") == []


def test_iterables_of_text_lines() -> None:
    rader = list(sv.las_jsonl(['{"id": "1"}\n', "x"]))
    assert rader[0].arende == Arende(id="1")
    assert rader[1].fel is not None


def test_huge_line_is_reported_and_skipped(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(jsonl, "MAX_RADLANGD", 64)
    lang = b'{"id": "' + b"x" * 500 + b'"}\n'
    rader = read(b'{"id": "1"}\n' + lang + b'{"id": "3"}\n' + b"y" * 200)
    assert [r.radnummer for r in rader] == [1, 2, 3, 4]
    assert rader[1].fel is not None
    assert rader[1].fel.problems == ("raden är längre än 64 byte @ $",)
    assert rader[2].arende == Arende(id="3")
    assert rader[3].fel is not None


def test_a_line_of_exactly_the_limit_is_read(monkeypatch: pytest.MonkeyPatch) -> None:
    line = b'{"id": "' + b"x" * 20 + b'"}'
    monkeypatch.setattr(jsonl, "MAX_RADLANGD", len(line))
    (rad,) = read(line)
    assert rad.arende is not None


@given(st.lists(st.one_of(arenden().map(sv.to_json), st.text(max_size=30))))
def test_no_line_is_lost(lines: list[str]) -> None:
    lines = [line.replace("\n", " ").replace("\r", " ") for line in lines]
    data = "".join(line + "\n" for line in lines).encode()
    rader = read(data)
    assert [r.radnummer for r in rader] == list(range(1, len(lines) + 1))
    for line, rad in zip(lines, rader, strict=False):
        if rad.arende is not None:
            assert sv.to_json(rad.arende) == sv.to_json(sv.from_json(line))
