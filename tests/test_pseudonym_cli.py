"""The commands ``nyckel`` and ``pseudonymisera``: as a subprocess and in process."""

from __future__ import annotations

import base64
import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from socialtjanst_variabler import cli
from socialtjanst_variabler.arende import Arende
from socialtjanst_variabler.arende.jsonl import las_jsonl
from socialtjanst_variabler.identitet import pseudonym
from socialtjanst_variabler.identitet.pseudonym import (
    NYCKEL_MILJO,
    Nyckel,
    Pseudonymiserare,
    las_pseudonymiserad,
)
from tests.test_pseudonym_uttag import personnummerlika

EXEMPEL = Path(__file__).resolve().parents[1] / "examples" / "arenden.jsonl"
NYCKELBYTES = bytes(range(100, 132))
NYCKELTEXT = "svnyckel1:" + NYCKELBYTES.hex()


def _kor(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    miljo = {k: v for k, v in os.environ.items() if k != NYCKEL_MILJO} | (env or {})
    return subprocess.run(
        [sys.executable, "-m", "socialtjanst_variabler", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=miljo,
        check=False,
    )


def _utan_nyckel(key: bytes, *texter: str) -> None:
    for text in texter:
        for form in (key.hex(), key.hex().upper(), base64.b64encode(key).decode()):
            assert form not in text


def _exemplet() -> tuple[int, list[Arende], list[int]]:
    """The example extract as the reader sees it: lines, ärenden, numbers of bad lines."""
    with EXEMPEL.open("rb") as fil:
        lasta = list(las_jsonl(fil))
    bra = [r.arende for r in lasta if r.arende is not None]
    return len(lasta), bra, [r.radnummer for r in lasta if r.fel is not None]


def _nyckelfil(tmp_path: Path, key: bytes = NYCKELBYTES) -> Path:
    fil = tmp_path / "nyckel"
    fil.write_text("svnyckel1:" + key.hex() + "\n")
    fil.chmod(0o600)
    return fil


# --- as a subprocess ---------------------------------------------------------------------


def test_subprocess_key_and_extract(tmp_path: Path) -> None:
    nyckelfil = tmp_path / "k.key"
    skapa = _kor("nyckel", "skapa", "-o", str(nyckelfil))
    assert skapa.returncode == 0, skapa.stderr
    assert stat.S_IMODE(nyckelfil.stat().st_mode) == 0o600
    nyckel = Nyckel.fran_fil(nyckelfil)
    assert f"nyckel-id {nyckel.id}" in skapa.stdout
    key = bytes.fromhex(nyckelfil.read_text().strip().removeprefix("svnyckel1:"))

    ut = tmp_path / "ut.jsonl"
    kor = _kor(
        "pseudonymisera",
        str(EXEMPEL),
        "--nyckel",
        str(nyckelfil),
        "--kommun",
        "0180",
        "-o",
        str(ut),
    )
    # The example has deliberate bad lines: they are reported, not written, status 1.
    rader, bra, fel = _exemplet()
    assert fel
    assert kor.returncode == 1, kor.stderr
    assert f"Rader: {rader}, skrivna: {len(bra)}, vägrade: {len(fel)}" in kor.stdout
    for nummer in fel[: cli.VISA_HOGST]:
        assert f"  rad {nummer}: " in kor.stdout
    text = ut.read_text(encoding="utf-8")
    assert len(text.splitlines()) == len(bra)
    assert personnummerlika(text) == []
    for a in bra:
        assert f'"{a.id}"' not in text
        if a.person_id is not None:
            assert f'"{a.person_id}"' not in text
    _utan_nyckel(key, skapa.stdout, skapa.stderr, kor.stdout, kor.stderr, text)
    lasta = list(las_pseudonymiserad(ut.open("rb"), nyckel_id=nyckel.id))
    assert all(r.arende is not None for r in lasta)

    id = _kor("nyckel", "id", "--nyckel", str(nyckelfil))
    assert id.stdout == f"{nyckel.id}\n"
    again = _kor("nyckel", "skapa", "-o", str(nyckelfil))
    assert again.returncode == 1
    assert "filen finns redan" in again.stderr


def test_subprocess_key_from_environment_to_stdout() -> None:
    kor = _kor(
        "pseudonymisera",
        str(EXEMPEL),
        "--kommun",
        "1480",
        "--doman",
        "region-x",
        "-o",
        "-",
        env={NYCKEL_MILJO: NYCKELTEXT},
    )
    assert kor.returncode == 1
    _, bra, fel = _exemplet()
    rader = kor.stdout.splitlines()
    assert len(rader) == len(bra)
    forsta = json.loads(rader[0])
    ps = Pseudonymiserare(Nyckel(NYCKELBYTES), doman="region-x")
    assert forsta["id"] == ps.arende("1480", bra[0].id)
    assert forsta["kommun"] == "1480"
    assert f"vägrade: {len(fel)}" in kor.stderr
    assert "domän 'region-x'" in kor.stderr
    _utan_nyckel(NYCKELBYTES, kor.stdout, kor.stderr)


# --- in process, every path --------------------------------------------------------------


def test_all_lines_written_is_status_0(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bra = tmp_path / "in.jsonl"
    bra.write_text('{"id": "A-1", "personnummer": "19121212-1212"}\n{"id": "A-2"}\n')
    ut = tmp_path / "ut.jsonl"
    status = cli.main(
        [
            "pseudonymisera",
            str(bra),
            "--nyckel",
            str(_nyckelfil(tmp_path)),
            "--kommun",
            "0180",
            "-o",
            str(ut),
        ]
    )
    fangat = capsys.readouterr()
    assert status == 0, fangat.err
    assert "Rader: 2, skrivna: 2, vägrade: 0" in fangat.out
    assert "Vägrade" not in fangat.out
    assert len(ut.read_text().splitlines()) == 2
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []
    _utan_nyckel(NYCKELBYTES, fangat.out, fangat.err, ut.read_text())


def test_a_refused_line_is_named(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    fil = tmp_path / "in.jsonl"
    fil.write_text('{"id": "A-1"}\n{"id": "A-2", "personnummer": "19121212-1213"}\n{"id": "A-3"}\n')
    ut = tmp_path / "ut.jsonl"
    args = ["--nyckel", str(_nyckelfil(tmp_path)), "--kommun", "0180", "-o", str(ut)]
    assert cli.main(["pseudonymisera", str(fil), *args]) == 1
    fangat = capsys.readouterr().out
    assert "Rader: 3, skrivna: 2, vägrade: 1" in fangat
    assert "  rad 2: " in fangat
    assert "kontrollsiffra stämmer inte @ $.personnummer" in fangat
    assert "1213" not in fangat
    assert "… och" not in fangat
    assert len(ut.read_text().splitlines()) == 2


def test_many_refused_lines_are_counted(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    fel = tmp_path / "fel.jsonl"
    fel.write_text("x\n" * (cli.VISA_HOGST + 5))
    status = cli.main(
        [
            "pseudonymisera",
            str(fel),
            "--nyckel",
            str(_nyckelfil(tmp_path)),
            "--kommun",
            "0180",
            "-o",
            str(tmp_path / "ut"),
        ]
    )
    ut = capsys.readouterr().out
    assert status == 1
    assert f"vägrade: {cli.VISA_HOGST + 5}" in ut
    assert "… och 5 till" in ut
    assert (tmp_path / "ut").read_text() == ""


def test_stdin_and_environment(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import io

    monkeypatch.setenv(NYCKEL_MILJO, NYCKELTEXT)
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b'{"id": "A-1"}\n')))
    assert cli.main(["pseudonymisera", "-", "--kommun", "0180", "-o", "-"]) == 0
    fangat = capsys.readouterr()
    assert json.loads(fangat.out)["kommun"] == "0180"
    assert "skrivna: 1" in fangat.err


def test_no_key_given(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.delenv(NYCKEL_MILJO, raising=False)
    assert cli.main(["pseudonymisera", str(EXEMPEL), "--kommun", "0180", "-o", "-"]) == 1
    assert (
        f"ange en nyckel: --nyckel FIL eller miljövariabeln {NYCKEL_MILJO}"
        in capsys.readouterr().err
    )
    assert cli.main(["nyckel", "id"]) == 1
    capsys.readouterr()
    monkeypatch.setenv(NYCKEL_MILJO, NYCKELTEXT)
    assert cli.main(["nyckel", "id"]) == 0
    assert capsys.readouterr().out == f"{Nyckel(NYCKELBYTES).id}\n"


def test_bad_key_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    fil = tmp_path / "nyckel"
    fil.write_text("svnyckel1:" + "ab" * 10)
    fil.chmod(0o600)
    assert (
        cli.main(
            ["pseudonymisera", str(EXEMPEL), "--kommun", "0180", "--nyckel", str(fil), "-o", "-"]
        )
        == 1
    )
    fel = capsys.readouterr().err
    assert "nyckeln är för kort: 10 byte" in fel
    assert "ab" * 10 not in fel


def test_bad_usage(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    nyckel = str(_nyckelfil(tmp_path))
    for args, fel in [
        (["--kommun", "180"], "argument --kommun: '180' har inte formen NNNN"),
        (["--kommun", "0199"], "argument --kommun: 0199 är inte en kommunkod"),
        (["--kommun", "0180", "--doman", " x"], "argument --doman: ogiltig domän ' x'"),
        (["--kommun", "0180", "--doman", " 19121212-1212"], "ogiltig domän ' 19121212-****'"),
    ]:
        with pytest.raises(SystemExit) as info:
            cli.main(["pseudonymisera", str(EXEMPEL), "--nyckel", nyckel, "-o", "-", *args])
        assert info.value.code == 2
        assert fel in capsys.readouterr().err
    with pytest.raises(SystemExit) as info:
        cli.main(["nyckel"])
    assert info.value.code == 2


def test_output_cannot_be_written(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    nyckel = str(_nyckelfil(tmp_path))
    args = ["pseudonymisera", str(EXEMPEL), "--nyckel", nyckel, "--kommun", "0180", "-o"]
    assert cli.main([*args, str(tmp_path / "saknas" / "ut.jsonl")]) == 1
    assert "kan inte skriva" in capsys.readouterr().err
    katalog = tmp_path / "en-katalog"
    katalog.mkdir()
    (katalog / "x").write_text("")
    assert cli.main([*args, str(katalog)]) == 1
    assert "kan inte skriva" in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["en-katalog", "nyckel"]


def test_an_error_midway_leaves_no_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def trasig(*_: object, **__: object) -> dict[str, object]:
        raise RuntimeError("trasig")

    monkeypatch.setattr(pseudonym.Pseudonymiserare, "pseudonymisera", trasig)
    nyckel = str(_nyckelfil(tmp_path))
    with pytest.raises(RuntimeError):
        cli.main(
            [
                "pseudonymisera",
                str(EXEMPEL),
                "--nyckel",
                nyckel,
                "--kommun",
                "0180",
                "-o",
                str(tmp_path / "ut"),
            ]
        )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["nyckel"]


def test_key_command_refuses_to_overwrite(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fil = tmp_path / "k"
    assert cli.main(["nyckel", "skapa", "-o", str(fil)]) == 0
    forsta = fil.read_text()
    assert cli.main(["nyckel", "skapa", "-o", str(fil)]) == 1
    assert fil.read_text() == forsta
    fangat = capsys.readouterr()
    _utan_nyckel(bytes.fromhex(forsta.strip().removeprefix("svnyckel1:")), fangat.out, fangat.err)


def test_output_never_replaces_the_extract_or_the_key(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    nyckel = _nyckelfil(tmp_path)
    fore = nyckel.read_text()
    uttag = tmp_path / "in.jsonl"
    uttag.write_text('{"id": "A-1"}\n')
    args = ["pseudonymisera", str(uttag), "--nyckel", str(nyckel), "--kommun", "0180", "-o"]
    assert cli.main([*args, str(nyckel)]) == 1
    assert "är nyckelfilen: välj en annan utfil" in capsys.readouterr().err
    assert nyckel.read_text() == fore
    assert cli.main([*args, str(uttag)]) == 1
    assert "är uttaget: välj en annan utfil" in capsys.readouterr().err
    assert uttag.read_text() == '{"id": "A-1"}\n'
    ut = tmp_path / "ut.jsonl"
    ut.write_text("gammalt\n")
    assert cli.main([*args, str(ut)]) == 0  # an earlier output is replaced
    assert "gammalt" not in ut.read_text()


LOKALA_EXEMPEL = EXEMPEL.with_name("arenden-lokala.jsonl")
LOKALA_DEF = Path(pseudonym.__file__).parents[1] / "lokala" / "exempel"


def test_local_values_of_an_unloaded_extension_are_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Unchecked local values may hold free text: without their definition no line leaves.
    ut = tmp_path / "ut.jsonl"
    args = ["--nyckel", str(_nyckelfil(tmp_path)), "--kommun", "0180", "-o", str(ut)]
    assert cli.main(["pseudonymisera", str(LOKALA_EXEMPEL), *args]) == 1
    fangat = capsys.readouterr().out
    antal = len(LOKALA_EXEMPEL.read_text().splitlines())
    assert f"Rader: {antal}, skrivna: 0, vägrade: {antal}" in fangat
    assert "  rad 1: lokala: värden från en utökning som inte är laddad (se.kommun." in fangat
    assert ut.read_text() == ""

    # With both definitions the lines are written, their local values kept as read; the
    # example's last line also holds an extension defined nowhere, and stays refused.
    lokala = ["--lokala", str(LOKALA_DEF / "fia.toml"), "--lokala", str(LOKALA_DEF / "suv39.toml")]
    assert cli.main(["pseudonymisera", str(LOKALA_EXEMPEL), *args, *lokala]) == 1
    fangat = capsys.readouterr().out
    assert f"skrivna: {antal - 1}, vägrade: 1" in fangat
    assert (
        f"  rad {antal}: lokala: värden från en utökning som inte är laddad (se.kommun.annan)"
        in (fangat)
    )
    skrivet = [json.loads(r) for r in ut.read_text().splitlines()]
    lasta = [json.loads(r) for r in LOKALA_EXEMPEL.read_text().splitlines()][:-1]
    assert [r["lokala"] for r in skrivet] == [r["lokala"] for r in lasta]
    assert [i.get("lokala") for r in skrivet for i in r["insatser"]] == [
        i.get("lokala") for r in lasta for i in r["insatser"]
    ]


def test_unknown_local_values_at_any_level_are_refused() -> None:
    from socialtjanst_variabler.arende import Avslut, Insats, Uppfoljning
    from socialtjanst_variabler.arende._lokala import LokalaVarden
    from socialtjanst_variabler.errors import InvalidValue

    ps = Pseudonymiserare(Nyckel(NYCKELBYTES))
    okand = LokalaVarden(okanda=[("se.okand", '{"L1":"Anna Andersson"}')])
    bas = Arende(id="A-1")
    ps.pseudonymisera(bas, kommun="0180")  # nothing local: written
    for arende in (
        Arende(id="A-1", lokala=okand),
        Arende(id="A-1", insatser=(Insats(lokala=okand),)),
        Arende(id="A-1", insatser=(Insats(uppfoljningar=(Uppfoljning(lokala=okand),)),)),
        Arende(id="A-1", insatser=(Insats(avslut=Avslut(lokala=okand)),)),
    ):
        with pytest.raises(InvalidValue, match=r"^lokala: .*\(se\.okand\)") as fel:
            ps.pseudonymisera(arende, kommun="0180")
        assert "Anna" not in str(fel.value)
