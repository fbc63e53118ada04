"""The command line, called in-process and once as the installed script."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import socialtjanst_variabler as sv
from socialtjanst_variabler.cli import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def test_katalog_lists_every_variable(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "katalog")
    assert status == 0
    lines = out.splitlines()
    assert lines[0] == "SKL-2019: 26 variabler och brukarfrågor"
    assert len(lines) == 27
    for v, line in zip(sv.KATALOG, lines[1:], strict=True):
        assert line.split()[0] == v.nummer
        assert v.namn in line


def test_variabel_prints_its_value_set(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "variabel", "7")
    assert status == 0
    assert "Variabel 7: Hushållstyp" in out
    for kod, label in sv.Hushallstyp.choices():
        assert f"{kod:>4}  {label}\n" in out


def test_variabel_shows_question_condition_and_both_steps(
    capsys: pytest.CaptureFixture[str],
) -> None:
    _, out, _ = run(capsys, "variabel", "B2")
    assert "Fråga: Om din situation" in out
    assert "Villkor: " in out
    assert "Kvalitetsområde: Betydelsen av stödet" in out
    _, out, _ = run(capsys, "variabel", "12")
    assert "3 Besluta / 5 Genomföra" in out
    assert "Besluta för biståndsbedömda" in out
    _, out, _ = run(capsys, "variabel", "5")
    assert "Härleds från variabel: 3" in out
    assert "Värdemängd" not in out


def test_unknown_variable_exits_1(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, "variabel", "21")
    assert status == 1
    assert out == ""
    assert "ingen variabel '21'" in err


def test_steg_with_and_without_context(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "steg", "3")
    assert [line.split()[0] for line in out.splitlines()[1:]] == ["10", "12"]
    _, out, _ = run(capsys, "steg", "3", "--no-bistandsbedomd")
    assert "Inga variabler i detta steg." in out
    _, out, _ = run(capsys, "steg", "5", "--bistandsbedomd", "--no-myndighetsutovning")
    assert [line.split()[0] for line in out.splitlines()[1:]] == ["10", "11", "12"]


def test_steg_4_says_it_has_none(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "steg", "4")
    assert "SKL-2019 knyter ingen variabel" in out
    assert "Inga variabler i detta steg." in out


@pytest.mark.parametrize("argv", [[], ["steg", "8"], ["okänt"], ["variabel"]])
def test_bad_usage_exits_2(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(argv)
    assert info.value.code == 2


def test_installed_script_and_module() -> None:
    # The script sits beside the interpreter in the environment the tests run in.
    script = str(Path(sys.executable).with_name("socialtjanst-variabler"))
    for cmd in (
        [script, "--version"],
        [sys.executable, "-m", "socialtjanst_variabler", "--version"],
    ):
        done = subprocess.run(cmd, capture_output=True, text=True, check=True)
        assert done.stdout.strip() == f"socialtjanst-variabler {sv.__version__}"


def test_python_dash_m_runs_main(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import runpy

    monkeypatch.setattr(sys, "argv", ["socialtjanst_variabler", "steg", "1"])
    with pytest.raises(SystemExit) as info:
        runpy.run_module("socialtjanst_variabler", run_name="__main__")
    assert info.value.code == 0
    assert "Processteg 1: Aktualisera" in capsys.readouterr().out
