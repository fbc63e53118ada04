"""The golden transcription checked against the seed text itself, when ../shared/ is here."""

from __future__ import annotations

import re

import pytest

from socialtjanst_variabler.errata import VARDEMANGD_ERRATA
from socialtjanst_variabler.katalog import KATALOG
from tests.conftest import SHARED
from tests.test_vardemangder import read_golden

SEED = SHARED / "seeds" / "001_6d09aa7a6e4abb13.txt"
pytestmark = pytest.mark.skipif(not SEED.exists(), reason=f"seed not found at {SEED}")

HEADING = re.compile(r"^(?:#+ )?(?:<b>)?(\d+|B\d[ab]?)\. ")
VALUE = re.compile(r"^(?:\*\*|<b>)?Värde\s*(?:</b>\s*)?mängd\s*(\d+)(?:\*\*|</b>)?\s*(.*)$")


def seed_rows() -> dict[str, list[tuple[int, str]]]:
    text = SEED.read_text(encoding="utf-8")
    text = text[text.index("# BILAGA 1") : text.index("# BILAGA 3")]
    rows: dict[str, list[tuple[int, str]]] = {}
    current = ""
    for line in text.splitlines():
        if m := HEADING.match(line):
            current = m.group(1)
        elif m := VALUE.match(line):
            rows.setdefault(current, []).append((int(m.group(1)), m.group(2).strip()))
    return rows


def test_golden_is_the_seed_with_errata_applied() -> None:
    errata = {
        (v.nummer, e.kod): (e.original, e.rattelse)
        for e in VARDEMANGD_ERRATA
        for v in KATALOG
        if v.vardemangd is not None and v.vardemangd.__name__ == e.vardemangd
    }
    seed = seed_rows()
    golden = read_golden()
    assert set(seed) == set(golden)
    for nummer, rows in seed.items():
        expected = [
            (kod, errata[nummer, kod][1]) if (nummer, kod) in errata else (kod, label)
            for kod, label in rows
        ]
        for kod, label in rows:
            if (nummer, kod) in errata:
                assert label == errata[nummer, kod][0]
        assert golden[nummer] == expected, nummer


def test_catalog_names_and_questions_appear_in_the_seed() -> None:
    text = SEED.read_text(encoding="utf-8")
    for v in KATALOG:
        if v.nummer != "12":  # corrected name, see errata
            assert v.namn in text, v.nummer
        if v.fraga:
            assert f"{v.nummer}. {v.fraga}" in text
        assert v.instruktion in text


def test_quoted_rule_for_variables_10_and_12_is_verbatim() -> None:
    from socialtjanst_variabler.processteg import REGEL_KALLA

    assert REGEL_KALLA in SEED.read_text(encoding="utf-8").replace("**", "")
