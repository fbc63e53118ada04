"""The Swedish UIV page (docs/uiv.md): its examples run, its tables match the code."""

from __future__ import annotations

import doctest
import re
from pathlib import Path

import attrs
import pytest

from socialtjanst_variabler import uiv

SIDA = Path(__file__).resolve().parents[1] / "docs" / "uiv.md"
TEXT = SIDA.read_text(encoding="utf-8")


def _exempel() -> list[tuple[int, str]]:
    """The ```pycon blocks of the page, with their line numbers."""
    block = re.compile(r"^```pycon\n(.*?)^```$", re.MULTILINE | re.DOTALL)
    return [(TEXT.count("\n", 0, m.start()) + 1, m.group(1)) for m in block.finditer(TEXT)]


def test_the_page_has_examples() -> None:
    assert len(_exempel()) >= 5


def test_the_examples_run() -> None:
    # One session, like a reader typing them in order.
    globs: dict[str, object] = {}
    parser = doctest.DocTestParser()
    runner = doctest.DocTestRunner(verbose=False)
    for rad, kod in _exempel():
        test = parser.get_doctest(kod, globs, f"uiv.md:{rad}", str(SIDA), rad)
        runner.run(test, clear_globs=False)
        globs = test.globs  # DocTest copies its globals: carry them to the next block
    result = runner.summarize(verbose=False)
    assert result.attempted > 0
    assert result.failed == 0


def _tabellrader() -> set[tuple[str, ...]]:
    rader = set()
    for line in TEXT.splitlines():
        if line.startswith("|") and not line.startswith("|---"):
            rader.add(tuple(cell.strip() for cell in line.strip("|").split("|")))
    return rader


@pytest.mark.parametrize("enum", [uiv.Placeringsform, uiv.Lagrum])
def test_code_tables_match_the_code(enum: type[uiv.Placeringsform | uiv.Lagrum]) -> None:
    rader = _tabellrader()
    for member in enum:
        assert (f"`{member.name}`", str(member.value), member.label) in rader


def test_status_table_matches_the_code() -> None:
    rader = {rad[:2] for rad in _tabellrader() if len(rad) == 3}
    for member in uiv.Status:
        assert (f"`{member.name}` ({member.value})", member.label) in rader


def test_rule_table_names_every_reason_with_its_code() -> None:
    for member in uiv.Skal:
        assert f"`{member.name}` ({member.value})" in TEXT


def test_threshold_table_matches_the_defaults() -> None:
    rader = {rad[:2] for rad in _tabellrader()}
    for falt in attrs.fields(uiv.Troskelvarden):
        assert (f"`{falt.name}`", str(getattr(uiv.STANDARD, falt.name))) in rader


def test_module_labels_are_named() -> None:
    for member in uiv.Modul:
        assert f'`Modul.{member.name}` ({member.value}, "{member.label}")' in TEXT


def test_ignorerad_table_matches_the_code() -> None:
    rader = _tabellrader()
    for member in uiv.Ignorerad:
        assert (f"`{member.name}`", str(member.value), member.label) in rader


def test_column_table_matches_the_code() -> None:
    tabell = re.search(r"\.\. list-table::\n.*?\n\n(.*?)```", TEXT, re.DOTALL)
    assert tabell is not None
    celler = re.findall(r"^   [* ] - (.*)$", tabell.group(1), re.MULTILINE)
    rader = [tuple(celler[i : i + 3]) for i in range(0, len(celler), 3)]
    assert rader[0] == ("Kolumn", "Krävs", "Innehåll")
    assert rader[1:] == [
        (f"``{namn}``", "ja" if kravs else "nej", text) for namn, kravs, text in uiv.KOLUMNER
    ]
