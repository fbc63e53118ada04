"""The command line, called in-process and once as the installed script."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

import socialtjanst_variabler as sv
from socialtjanst_variabler import errors
from socialtjanst_variabler.cli import main
from socialtjanst_variabler.export import FORMAT
from socialtjanst_variabler.personnummer import Personnummer


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
    # One flag alone is a context too; the other then means "yes".
    _, out, _ = run(capsys, "steg", "3", "--no-myndighetsutovning")
    assert "Inga variabler i detta steg." in out
    _, out, _ = run(capsys, "steg", "3", "--myndighetsutovning")
    assert [line.split()[0] for line in out.splitlines()[1:]] == ["10", "12"]


def test_steg_myndighetsutovning_explicitly_on(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "steg", "3", "--bistandsbedomd", "--myndighetsutovning")
    assert [line.split()[0] for line in out.splitlines()[1:]] == ["10", "12"]


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


# --- the command line as a subprocess ---------------------------------------------------------


def cli(*argv: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "socialtjanst_variabler", *argv], capture_output=True, check=False
    )


# --- export -----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", list(FORMAT))
def test_export_subprocess_writes_the_export_bytes(name: str) -> None:
    done = cli("export", "--format", name)
    assert done.returncode == 0
    assert done.stderr == b""
    assert done.stdout == FORMAT[name]().encode("utf-8")


def test_export_default_is_json() -> None:
    assert cli("export").stdout == FORMAT["json"]().encode("utf-8")


@pytest.mark.parametrize("name", list(FORMAT))
def test_export_to_file(name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / f"katalog.{name}"
    status, out, err = run(capsys, "export", "--format", name, "-o", str(target))
    assert (status, out, err) == (0, "", "")
    assert target.read_bytes() == FORMAT[name]().encode("utf-8")


def test_export_csv_keeps_crlf_in_file_and_stdout(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "katalog.csv"
    main(["export", "--format", "csv", "--output", str(target)])
    data = target.read_bytes()
    assert (
        data.count(b"\r\n")
        == data.count(b"\n")
        == sum(len(v.vardemangd) if v.vardemangd else 1 for v in sv.KATALOG) + 1
    )
    status, out, _ = run(capsys, "export", "--format", "csv", "-o", "-")
    assert status == 0
    assert out.encode("utf-8") == data


def test_export_to_a_stream_without_buffer(monkeypatch: pytest.MonkeyPatch) -> None:
    stream = io.StringIO()
    monkeypatch.setattr(sys, "stdout", stream)
    assert main(["export", "--format", "sql"]) == 0
    assert stream.getvalue() == FORMAT["sql"]()


@pytest.mark.parametrize(
    ("make_target", "reason"),
    [
        (lambda d: d / "saknas" / "k.json", "katalogen finns inte"),
        (lambda d: d, "det är en katalog"),
        (lambda d: d / "fil" / "k.json", "en del av sökvägen är inte en katalog"),
    ],
)
def test_export_to_an_unwritable_path_exits_1(
    make_target: object, reason: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "fil").write_text("x")
    assert callable(make_target)
    target = make_target(tmp_path)
    status, out, err = run(capsys, "export", "-o", str(target))
    assert status == 1
    assert out == ""
    assert err == f"socialtjanst-variabler: kan inte skriva {target}: {reason}\n"


def test_export_unknown_format_exits_2() -> None:
    done = cli("export", "--format", "xml")
    assert done.returncode == 2
    assert done.stdout == b""
    assert "ogiltigt val: 'xml'" in done.stderr.decode()


def test_broken_pipe_ends_quietly(monkeypatch: pytest.MonkeyPatch) -> None:
    read_end, write_end = os.pipe()
    os.close(read_end)
    stream = io.TextIOWrapper(io.FileIO(write_end, "w"), encoding="utf-8")
    monkeypatch.setattr(sys, "stdout", stream)
    assert main(["export"]) == 1
    stream.write("x" * 100_000)  # stdout now points at devnull: writing works again
    stream.flush()
    stream.close()


def test_broken_pipe_subprocess_has_no_traceback() -> None:
    done = subprocess.run(
        f"{sys.executable} -m socialtjanst_variabler katalog | head -1",
        shell=True,
        capture_output=True,
        check=True,
    )
    assert done.stdout.decode().startswith(sv.SPEC_VERSION)
    assert b"Traceback" not in done.stderr


# --- personnummer ---------------------------------------------------------------------------

# Worked by hand from the rules (DESIGN.md), not from our output:
# 19121212-1212: born 1912-12-12; 9th digit of 1212121212 is 1, odd: man; 113 on 2026-01-01.
# 701063-2391: day 63 - 60 = 3, born 1970-10-03 (minus sign, read in 2026); 9th digit 9: man.
# 20080229-1237: born 2008-02-29; 9th digit 3: man; 18 on 2026-02-28 (lag 1930:173).


def test_personnummer_valid() -> None:
    done = cli("personnummer", "19121212-1212", "--vid", "2026-01-01")
    assert done.returncode == 0
    out = done.stdout.decode()
    assert out.splitlines() == [
        "Giltigt personnummer: 19121212-****",
        "Födelsedatum: 1912-12-12",
        f"Juridiskt kön: {sv.JuridisktKon.POJKE_MAN.label}",
        "Ålder: 113 år den 2026-01-01",
        "Samordningsnummer: nej",
    ]
    assert "1212121212" not in out.replace("-", "")


def test_personnummer_samordningsnummer(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, "personnummer", "701063-2391", "--vid", "2026-01-01")
    assert status == 0
    assert err == ""
    assert "Giltigt samordningsnummer: 19701063-****" in out
    assert "Födelsedatum: 1970-10-03" in out
    assert "Ålder: 55 år den 2026-01-01" in out
    assert "Samordningsnummer: ja" in out
    assert "2391" not in out


def test_personnummer_leap_day_birthday_and_woman(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "personnummer", "200802291237", "--vid", "2026-02-28")
    assert "Ålder: 18 år den 2026-02-28" in out
    _, out, _ = run(capsys, "personnummer", "20080229-1237", "--vid", "2026-02-27")
    assert "Ålder: 17 år den 2026-02-27" in out
    # 19900101-0025: Luhn over 9001010025 holds; 9th digit 2, even: woman.
    _, out, _ = run(capsys, "personnummer", "19900101-0025", "--vid", "2026-01-01")
    assert f"Juridiskt kön: {sv.JuridisktKon.FLICKA_KVINNA.label}" in out


def test_personnummer_ten_digits_century_from_vid(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "personnummer", "121212-1212", "--vid", "2026-01-01")
    assert "Födelsedatum: 2012-12-12" in out
    _, out, _ = run(capsys, "personnummer", "121212+1212", "--vid", "2026-01-01")
    assert "Födelsedatum: 1912-12-12" in out


def test_personnummer_default_date_is_today(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "personnummer", "19121212-1212")
    idag = date.today()
    alder = idag.year - 1912 - ((idag.month, idag.day) < (12, 12))
    assert status == 0
    assert f"Ålder: {alder} år den {idag.isoformat()}" in out


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ("19121212-1213", errors.InvalidChecksum),
        ("19000229-1235", errors.InvalidDate),
        ("19121212-0008", errors.InvalidSerial),
        ("19800101-T123", errors.NotAPersonnummer),
        ("20300101-0010", errors.FutureBirthDate),
        ("1912-12-12", errors.InvalidFormat),
    ],
)
def test_personnummer_invalid_names_the_rule(
    text: str, error: type[errors.InvalidPersonnummer], capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, err = run(capsys, "personnummer", text, "--vid", "2026-01-01")
    assert status == 1
    assert out.startswith("Ogiltigt personnummer: ")
    with pytest.raises(error) as info:
        Personnummer.parse(text, referensdatum=date(2026, 1, 1))
    assert out == f"Ogiltigt personnummer: {info.value}\n"
    assert text not in out + err


def test_personnummer_born_after_vid_is_invalid() -> None:
    done = cli("personnummer", "20121212-1212", "--vid", "2012-12-11")
    assert done.returncode == 1
    assert done.stdout.decode() == (f"Ogiltigt personnummer: {errors.FutureBirthDate.message}\n")


ARABISKA_INDISKA_SIFFROR = str.maketrans("0123456789", "".join(chr(0x660 + i) for i in range(10)))


@pytest.mark.parametrize(
    "vid",
    [
        "20260101",
        "2026-1-01",
        "2026-02-30",
        "2026-13-01",
        "2026-01-01".translate(ARABISKA_INDISKA_SIFFROR),  # int() would accept these
        "2026-01-01T00",
        "",
    ],
)
def test_personnummer_bad_vid_exits_2(vid: str) -> None:
    done = cli("personnummer", "19121212-1212", "--vid", vid)
    assert done.returncode == 2
    assert done.stdout == b""
    err = done.stderr.decode()
    assert "ogiltigt datum" in err
    assert "ÅÅÅÅ-MM-DD" in err


@pytest.mark.parametrize("vid", ["2026-02-30", "2025-02-29", "0000-01-01", "2026-1-1"])
def test_personnummer_bad_vid_in_process(vid: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["personnummer", "19121212-1212", "--vid", vid])
    assert info.value.code == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert f"argument --vid: ogiltigt datum '{vid}'" in err


@pytest.mark.parametrize(
    "argv",
    [
        ["personnummer", "19121212-1212", "--vid", "19121212-1212"],
        ["personnummer", "--vid", "191212121212", "19121212-1212"],
        ["variabel", "19121212-1212"],
        ["19121212-1212"],
        ["personnummer", "19121212-1212", "1212121212"],
        ["steg", "191212121212"],
    ],
)
def test_no_full_personnummer_in_any_output(argv: list[str]) -> None:
    done = cli(*argv)
    assert done.returncode in (1, 2)
    output = (done.stdout + done.stderr).decode()
    for full in ("19121212-1212", "191212121212", "1212121212"):
        assert full not in output
    assert "****" in output


# --- help and messages in Swedish -----------------------------------------------------------


@pytest.mark.parametrize(
    "argv",
    [[], ["katalog"], ["variabel"], ["steg"], ["export"], ["personnummer"]],
)
def test_every_command_has_swedish_help(argv: list[str]) -> None:
    done = cli(*argv, "--help")
    assert done.returncode == 0
    out = done.stdout.decode()
    assert out.startswith("användning: socialtjanst-variabler")
    assert "visa denna hjälp och avsluta" in out
    for english in ("usage:", "options:", "positional arguments", "show this help", "default:"):
        assert english not in out


@pytest.mark.parametrize(
    ("argv", "swedish"),
    [
        ([], "dessa argument krävs: KOMMANDO"),
        (["okänt"], "ogiltigt val: 'okänt'"),
        (["katalog", "extra"], "okända argument: extra"),
        (["steg", "x"], "ogiltigt heltal: 'x'"),
        (["export", "-o"], "väntade ett värde"),
    ],
)
def test_usage_errors_are_swedish(argv: list[str], swedish: str) -> None:
    done = cli(*argv)
    assert done.returncode == 2
    err = done.stderr.decode()
    assert err.startswith("användning: ")
    assert swedish in err
    assert ": fel: " in err
