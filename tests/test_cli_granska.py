"""``socialtjanst-variabler granska``: run as a subprocess on real files, and in-process."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from socialtjanst_variabler import cli

EXEMPEL = Path(__file__).resolve().parents[1] / "examples" / "arenden.jsonl"
#: The rules the example's deliberate problems break (examples/skapa_exempel.py).
REGLER = (
    "DATUMORDNING",
    "B2_UTAN_FORBATTRING",
    "PABORJADES_ALDRIG",
    "SAKNAS",
    "AVSLAG_VERKSTALLT",
)
GOD = '{"id": "1", "aktualiseringsdatum": "2026-01-01", "aktualiseringsorsak": [1]}\n'


def kor(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "socialtjanst_variabler", "granska", *args],
        input=stdin.decode("utf-8", "replace") if stdin is not None else None,
        capture_output=True,
        text=True,
        check=False,
    )


def test_clean_file_exits_0(tmp_path: Path) -> None:
    fil = tmp_path / "ren.jsonl"
    fil.write_text(GOD * 3, encoding="utf-8")
    done = kor(str(fil), "--vid", "2026-06-01")
    assert done.returncode == 0, done.stderr
    assert "Rader: 3, ärenden lästa: 3, olästa rader: 0" in done.stdout
    assert "Summa: 0 fynd (0 fel, 0 varning, 0 saknas)" in done.stdout


def test_example_extract() -> None:
    done = kor(str(EXEMPEL), "--vid", "2026-11-22")
    assert done.returncode == 1
    out = done.stdout
    assert "olästa rader: 3" in out
    for rad in ("rad 7:", "rad 8:", "rad 20:"):
        assert rad in out
    for regel in REGLER:
        assert regel in out
    # The example holds official test numbers; none may be printed in full.
    for rad in EXEMPEL.read_text(encoding="utf-8").splitlines():
        if '"personnummer"' in rad:
            pnr = json.loads(rad)["personnummer"]
            assert pnr not in out
            assert pnr[-4:] not in out.replace("2026-11-22", "")


def test_json_findings_on_stdout_summary_on_stderr() -> None:
    done = kor(str(EXEMPEL), "--vid", "2026-11-22", "--format", "json")
    assert done.returncode == 1
    rader = [json.loads(line) for line in done.stdout.splitlines()]
    assert [r["rad"] for r in rader if "fel" in r] == [7, 8, 20]
    fynd = [r for r in rader if "regel" in r]
    assert {r["regel"] for r in fynd} == set(REGLER)
    assert set(fynd[0]) == {"rad", "id", "regel", "allvarlighet", "falt", "text"}
    assert "Summa: 7 fynd" in done.stderr


def test_stdin() -> None:
    done = kor("-", "--vid", "2026-06-01", stdin=GOD.encode() + b"{")
    assert done.returncode == 1
    assert "Rader: 2, ärenden lästa: 1, olästa rader: 1" in done.stdout
    assert "Granskning av - vid 2026-06-01" in done.stdout


@pytest.mark.parametrize(
    ("innehall", "lasta", "olasta"),
    [
        (b"", 0, 0),
        (GOD.encode() + b'{"id": "2", "aktualiseringsdat', 1, 1),  # truncated
        (bytes(range(256)) * 10, 0, 11),  # binary: lines split at each \n byte
        (b"not json\n" + GOD.encode(), 1, 1),
        (b"\n\n", 0, 2),
    ],
)
def test_awkward_files(tmp_path: Path, innehall: bytes, lasta: int, olasta: int) -> None:
    fil = tmp_path / "uttag.jsonl"
    fil.write_bytes(innehall)
    done = kor(str(fil), "--vid", "2026-06-01")
    assert done.returncode == (1 if olasta else 0), done.stderr
    assert f"ärenden lästa: {lasta}, olästa rader: {olasta}" in done.stdout


def test_huge_line(tmp_path: Path) -> None:
    fil = tmp_path / "stor.jsonl"
    with fil.open("wb") as f:
        f.write(GOD.encode())
        f.write(b'{"id": "' + b"x" * (3 << 20) + b'"}\n')
        f.write(GOD.encode())
    done = kor(str(fil), "--vid", "2026-06-01")
    assert done.returncode == 1
    assert "ärenden lästa: 2, olästa rader: 1" in done.stdout
    assert "rad 2: raden är längre än" in done.stdout


def test_missing_file_and_bad_usage(tmp_path: Path) -> None:
    done = kor(str(tmp_path / "finns-inte.jsonl"))
    assert done.returncode == 1
    assert "kan inte läsa" in done.stderr
    assert kor(str(EXEMPEL), "--vid", "20261122").returncode == 2
    assert kor(str(EXEMPEL), "--format", "xml").returncode == 2
    assert kor().returncode == 2


def test_in_process_limits_and_progress(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(cli, "VISA_HOGST", 2)
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    rader = [GOD, "x\n", "y\n", "z\n", '{"id": "19121212-1212", "insatser": [{}]}\n'] * 2500
    fil = tmp_path / "m.jsonl"
    fil.write_text("".join(rader), encoding="utf-8")
    status = cli.main(["granska", str(fil), "--vid", "2026-06-01"])
    out, err = capsys.readouterr()
    assert status == 1
    assert "Rader: 12500, ärenden lästa: 5000, olästa rader: 7500" in out
    assert "  … och 7498 till" in out
    assert "… fler fynd: använd --format json för alla" in out
    assert "19121212-1212" not in out
    assert "(19121212-****)" in out
    assert "\r10000 rader lästa" in err


class _Stdin:
    def __init__(self, data: bytes) -> None:
        self.buffer = io.BytesIO(data)


def test_in_process_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # The same runs as the subprocess tests above, in-process so that coverage sees them.
    assert cli.main(["granska", str(EXEMPEL), "--vid", "2026-11-22", "--format", "json"]) == 1
    out, err = capsys.readouterr()
    assert [json.loads(line)["rad"] for line in out.splitlines()][:2] == [2, 3]
    assert "Summa: 7 fynd (6 fel, 0 varning, 1 saknas)" in err

    ren = tmp_path / "ren.jsonl"
    ren.write_text(GOD, encoding="utf-8")
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    assert cli.main(["granska", str(ren), "--vid", "2026-06-01"]) == 0
    out, err = capsys.readouterr()
    assert "Fynd per regel" not in out
    assert "Olästa rader" not in out
    assert err == ""

    monkeypatch.setattr(sys, "stdin", _Stdin(GOD.encode() + b"x\n"))
    assert cli.main(["granska", "-", "--vid", "2026-06-01"]) == 1
    assert "Rader: 2, ärenden lästa: 1, olästa rader: 1" in capsys.readouterr().out

    assert cli.main(["granska", str(tmp_path / "saknas.jsonl")]) == 1
    assert "kan inte läsa" in capsys.readouterr().err
    namn = tmp_path / "19800101-5678.jsonl"
    assert cli.main(["granska", str(namn)]) == 1
    err = capsys.readouterr().err
    assert "19800101-****.jsonl: filen finns inte" in err
    namn.write_text(GOD, encoding="utf-8")
    assert cli.main(["granska", str(namn), "--vid", "2026-06-01"]) == 0
    assert "5678" not in capsys.readouterr().out
    assert cli.main(["granska", str(tmp_path)]) == 1
    assert "det är en katalog" in capsys.readouterr().err

    assert cli.main(["granska", str(EXEMPEL), "--vid", "2026-11-22"]) == 1
    out = capsys.readouterr().out
    assert out.count("\n  rad ") == 10  # 3 unreadable lines and 7 findings, all listed
    assert "fler fynd" not in out
