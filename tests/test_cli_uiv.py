"""``socialtjanst-variabler uiv``: the UIV task list of a placements file, run as a
subprocess on real files (CSV and JSON Lines) and in-process."""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from socialtjanst_variabler import cli

ROT = Path(__file__).resolve().parents[1]
EXEMPEL = ROT / "examples" / "placeringar.csv"
RUBRIK = (
    "id,placeringsform,lagrum,riktad_mot_missbruk,bistandsbedomd,startdatum,slutdatum,"
    "personnummer,fodelsedatum,fodelsear,uppfoljningsdatum,intervjudatum\n"
)
#: Overdue on 2026-03-02 (ended 31 January, follow-up due by 28 February).
FORSENAD = "P-1,1,1,ja,ja,2026-01-10,2026-01-31,19121212-1212,,,,\n"
#: Done (follow-up registered 2 February).
KLAR = "P-2,1,2,ja,nej,2026-01-10,2026-01-31,,1980-05-10,,2026-02-02,\n"


def kor(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "socialtjanst_variabler", "uiv", *args],
        input=stdin,
        capture_output=True,
        text=True,
        check=False,
    )


def test_the_example_file() -> None:
    done = kor(str(EXEMPEL), "--vid", "2026-03-02")
    assert done.returncode == 1, done.stderr
    out = done.stdout
    assert "Rader: 12, placeringar lästa: 9, olästa rader: 2" in out
    assert "rad 10: lagrum: 9 är inte en kod" in out
    assert "rad 12: 11 fält, rubrikraden har 12" in out
    assert "rad 2 (P-01): UIV försenad, senast 2026-02-25" in out
    assert "rad 4 (P-03): UIV-EB att göra, senast 2026-03-20" in out
    assert "Intervjun 2025-10-15 räknas inte" in out
    assert "Missade uppföljningar (ej gjorda i tid): 2" in out
    # Skatteverket's test numbers in the file are never printed in full.
    for pnr in re.findall(r"\d{8}-\d{4}", EXEMPEL.read_text(encoding="utf-8")):
        assert pnr not in out + done.stderr


def test_nothing_owed_exits_0(tmp_path: Path) -> None:
    fil = tmp_path / "p.csv"
    fil.write_text(RUBRIK + KLAR, encoding="utf-8")
    done = kor(str(fil), "--vid", "2026-03-02")
    assert done.returncode == 0, done.stderr
    assert "Summa: 1 placeringar (0 att göra, 0 försenade, 1 klara" in done.stdout
    assert "Uppgifter:" not in done.stdout
    assert "Olästa rader" not in done.stdout


def test_a_due_task_is_not_an_error(tmp_path: Path) -> None:
    fil = tmp_path / "p.csv"
    fil.write_text(RUBRIK + FORSENAD, encoding="utf-8")
    assert kor(str(fil), "--vid", "2026-02-28").returncode == 0
    assert kor(str(fil), "--vid", "2026-03-01").returncode == 1


def test_json_lines_in_and_out(tmp_path: Path) -> None:
    post = {
        "id": "19121212-1212",
        "placeringsform": 3,
        "lagrum": 4,
        "riktad_mot_missbruk": True,
        "bistandsbedomd": False,
        "startdatum": "2026-01-10",
        "slutdatum": "2026-01-31",
        "personnummer": "19121212-1212",
        "intervjudatum": "2026-01-12",
    }
    fil = tmp_path / "p.jsonl"
    fil.write_text(json.dumps(post) + "\nnot json\n", encoding="utf-8")
    done = kor(str(fil), "--vid", "2026-03-02", "--format", "json")
    assert done.returncode == 1
    forsta, andra = (json.loads(rad) for rad in done.stdout.splitlines())
    assert forsta["id"] == "19121212-****"
    assert forsta["status"] == "FORSENAD"
    assert forsta["modul"] == "UIV-EB"
    assert forsta["senast"] == "2026-02-28"
    assert forsta["missad"] is True
    assert forsta["intervju_ignorerad"] == "FOR_TIDIGT"
    assert forsta["skal"] == ["FEL_LAGRUM", "EJ_BISTANDSBEDOMD_OPPENVARD"]
    assert andra == {"rad": 2, "fel": ["inte giltig JSON"]}
    assert "UIV-uppgifter i" in done.stderr
    assert "Rader: 2, placeringar lästa: 1, olästa rader: 1" in done.stderr
    assert "19121212-1212" not in done.stdout + done.stderr


def test_stdin_and_masked_file_names(tmp_path: Path) -> None:
    done = kor("-", "--vid", "2026-03-02", stdin=RUBRIK + KLAR + "x\n")
    assert done.returncode == 1
    assert "UIV-uppgifter i - vid 2026-03-02" in done.stdout
    assert "rad 3: 1 fält, rubrikraden har 12" in done.stdout
    saknas = kor(str(tmp_path / "19121212-1212.csv"))
    assert saknas.returncode == 1
    assert "19121212-****.csv: filen finns inte" in saknas.stderr
    assert "1212.csv" not in saknas.stderr.replace("****.csv", "")


def test_bad_usage_exits_2() -> None:
    assert kor(str(EXEMPEL), "--vid", "20260302").returncode == 2
    assert kor(str(EXEMPEL), "--format", "xml").returncode == 2
    assert kor().returncode == 2
    hjalp = kor("--help")
    assert hjalp.returncode == 0
    assert hjalp.stdout.startswith("användning: socialtjanst-variabler uiv")


# --- in-process, so that coverage sees the command ------------------------------------------


def test_in_process_limits(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(cli, "VISA_HOGST", 2)
    fil = tmp_path / "p.csv"
    fil.write_text(RUBRIK + (FORSENAD + KLAR + "x\n") * 5, encoding="utf-8")
    assert cli.main(["uiv", str(fil), "--vid", "2026-03-02"]) == 1
    out = capsys.readouterr().out
    assert "Rader: 16, placeringar lästa: 10, olästa rader: 5" in out
    assert "  … och 3 till" in out
    assert "  … fler uppgifter: använd --format json för alla" in out
    assert out.count("(19121212-****)") == 0  # the id is P-1; the number is never shown
    assert "  UIV               0         5         5         0         0\n" in out
    assert "UIV-EB" in out


def test_in_process_json_and_stdin(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    class Stdin:
        buffer = io.BytesIO(
            (RUBRIK + KLAR + "P-3,1,1,ja,ja,9999-12-01,9999-12-20,,1980-05-10,,,\n").encode()
        )

    monkeypatch.setattr(sys, "stdin", Stdin())
    assert cli.main(["uiv", "-", "--vid", "2026-03-02", "--format", "json"]) == 1
    out, err = capsys.readouterr()
    rader = [json.loads(rad) for rad in out.splitlines()]
    assert rader[0]["status"] == "KLAR"
    assert rader[0]["uppfoljningsdatum"] == "2026-02-02"
    assert rader[1]["rad"] == 3
    assert rader[1]["fel"] == [
        "slutdatum: intervjudatumet hamnar efter 9999-12-31 och kan inte anges"
    ]
    assert "olästa rader: 1" in err


def test_in_process_text_with_an_undecided_age(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fil = tmp_path / "p.csv"
    fil.write_text(
        RUBRIK
        + "P-5,1,1,ja,ja,2026-01-10,2026-02-27,,,2006,,\n"
        + "P-6,4,1,ja,ja,2026-01-10,2026-02-27,,1980-01-01,,,2026-01-01\n"
        + "P-7\n",
        encoding="utf-8",
    )
    assert cli.main(["uiv", str(fil), "--vid", "2026-03-02"]) == 1  # the unreadable line
    out = capsys.readouterr().out
    assert "Olästa rader:\n  rad 4: 1 fält, rubrikraden har 12\nUppgifter:" in out
    assert "rad 2 (P-5): UIV oavgjord, senast 2026-03-27; Klienten var mellan 19 och 20 år" in out
    # Not followed up, but an ignored interview is still reported.
    assert "rad 3 (P-6): ej aktuell; Intervjun 2026-01-01 räknas inte" in out


# --- the docs show real output --------------------------------------------------------------


def _visade_korningar() -> list[tuple[str, str, str]]:
    """(page, command, shown output) for every ``$ socialtjanst-variabler uiv`` in the docs,
    with ``$ echo $?`` folded into the output as ``[status N]``."""
    korningar: list[tuple[str, str, str]] = []
    for sida in ("uiv.md", "kommandorad.md"):
        text = (ROT / "docs" / sida).read_text(encoding="utf-8")
        for block in re.findall(r"^```text\n(.*?)^```$", text, re.MULTILINE | re.DOTALL):
            rader = block.splitlines()
            for i, rad in enumerate(rader):
                if not rad.startswith("$ socialtjanst-variabler uiv"):
                    continue
                utdata: list[str] = []
                for foljande in rader[i + 1 :]:
                    if foljande == "$ echo $?":
                        continue
                    if foljande.startswith("$ "):
                        break
                    utdata.append(foljande)
                korningar.append((sida, rad[2:], "\n".join(utdata)))
    return korningar


def test_the_docs_show_uiv_runs() -> None:
    assert {sida for sida, _, _ in _visade_korningar()} == {"uiv.md", "kommandorad.md"}


@pytest.mark.parametrize(("sida", "kommando", "visat"), _visade_korningar())
def test_shown_output_is_the_real_output(sida: str, kommando: str, visat: str) -> None:
    skal = kommando.replace("socialtjanst-variabler", f"{sys.executable} -m socialtjanst_variabler")
    done = subprocess.run(
        ["bash", "-c", skal + "; echo $?"], cwd=ROT, capture_output=True, text=True, check=False
    )
    *utdata, status = done.stdout.rstrip("\n").split("\n")
    if visat.endswith(("\n0", "\n1", "\n2")):  # an `echo $?` was shown
        visat, visad_status = visat.rsplit("\n", 1)
        assert status == visad_status
    assert "\n".join(utdata) == visat, sida
