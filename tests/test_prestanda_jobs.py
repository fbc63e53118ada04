"""``granska --jobs N``: several processes, the same output as one."""

from __future__ import annotations

import contextlib
import io
import itertools
import json
import tempfile
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from socialtjanst_variabler import cli

EXEMPEL = Path(__file__).resolve().parents[1] / "examples" / "arenden.jsonl"
VID = date(2026, 11, 22)


def _kor(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    status = cli.main(argv)
    ut = capsys.readouterr()
    return status, ut.out, ut.err


def _blandat(tmp_path: Path) -> Path:
    """The example extract with unreadable lines spread through it: blank lines, a
    byte-order mark in the middle (only line 1 may have one), bad UTF-8, a last line
    without a line break."""
    rader = EXEMPEL.read_bytes().splitlines(keepends=True)
    rader[40:40] = [b"\n", b"\xef\xbb\xbf" + rader[3], b"\xff\xfe\n", b"not json\r\n"]
    rader[200:200] = [b"   \n", b'{"id": "A-1", "id": "A-2"}\n']
    fil = tmp_path / "blandat.jsonl"
    fil.write_bytes(b"\xef\xbb\xbf" + b"".join(rader).rstrip(b"\n"))
    return fil


@pytest.mark.parametrize("storlek", [1, 700, 5_000, 1 << 21])
@pytest.mark.parametrize("format", ["text", "json"])
def test_jobs_give_the_output_of_one_process(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    storlek: int,
    format: str,
) -> None:
    fil = _blandat(tmp_path)
    argv = ["granska", str(fil), "--vid", VID.isoformat(), "--format", format]
    en = _kor(argv, capsys)
    monkeypatch.setattr(cli, "INTERVALL", storlek)
    flera = _kor([*argv, "--jobs", "2"], capsys)
    assert flera == en
    assert en[0] == 1
    if format == "json":
        assert len(en[1].splitlines()) > 10  # every finding and unreadable line, in order
    else:
        assert "rad 41: tom rad" in en[1]


def test_stdin_is_read_in_one_process(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def aldrig(*_: object) -> None:
        raise AssertionError("stdin read in several processes")

    monkeypatch.setattr(cli, "_granska_parallellt", aldrig)
    data = io.BytesIO(b'{"id": "1"}\n')
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(data))
    status, out, _ = _kor(["granska", "-", "--vid", "2026-06-01", "--jobs", "2"], capsys)
    assert "Rader: 1, ärenden lästa: 1" in out
    assert status == 0


@pytest.mark.parametrize("jobs", ["0", "-1", "två", ""])
def test_jobs_must_be_a_positive_number(capsys: pytest.CaptureFixture[str], jobs: str) -> None:
    with pytest.raises(SystemExit) as info:
        cli.main(["granska", str(EXEMPEL), "--jobs", jobs])
    assert info.value.code == 2
    assert "ogiltigt antal processer" in capsys.readouterr().err


_RADER = st.sampled_from(
    [
        b'{"id": "1", "aktualiseringsdatum": "2026-01-01", "aktualiseringsorsak": [1]}',
        b'{"id": "2", "ursprung": 9}',
        b'{"id": "3", "aktualiseringsdatum": "2027-01-01"}',
        b"",
        b"  ",
        b"\xef\xbb\xbf{}",
        b"\xff",
        b"[",
        b'{"id": "' + b"x" * 300 + b'"}',
    ]
)


def _utskrift(argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = cli.main(argv)
    return status, out.getvalue(), err.getvalue()


@settings(max_examples=25)
@given(
    st.lists(_RADER, max_size=30),
    st.sampled_from([b"\n", b"\r\n"]),
    st.booleans(),
    st.integers(1, 400),
    st.sampled_from(["text", "json"]),
)
def test_ranges_of_any_size_give_the_output_of_one_process(
    rader: list[bytes], radslut: bytes, sist: bool, storlek: int, format: str
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        fil = Path(tmp) / "uttag.jsonl"
        fil.write_bytes(radslut.join(rader) + (radslut if sist else b""))
        argv = ["granska", str(fil), "--vid", VID.isoformat(), "--format", format]
        en = _utskrift(argv)
        tidigare, cli.INTERVALL = cli.INTERVALL, storlek
        try:
            flera = _utskrift([*argv, "--jobs", "2"])
        finally:
            cli.INTERVALL = tidigare
    assert flera == en


def test_a_worker_reads_its_range_as_one_process_would(tmp_path: Path) -> None:
    # In this process (the workers' coverage is not measured): the second of two ranges.
    fil = tmp_path / "uttag.jsonl"
    fil.write_bytes(b'{"id": "1"}\n\xef\xbb\xbf{"id": "2"}\n{"id": "3", "ursprung": 9}')
    delar = list(cli._intervall(str(fil), VID, 5))
    assert [d[1:3] for d in delar] == [(0, 12), (12, 27), (27, 53)]
    rader, arenden, handelser = cli._granska_intervall(delar[1])
    assert (rader, arenden) == (1, 0)
    assert handelser == [("o", 1, ["inte giltig JSON (kolumn 1) @ $"])]  # a BOM after line 1
    rader, arenden, handelser = cli._granska_intervall(delar[0])
    assert (rader, arenden) == (1, 1)
    assert {h[0] for h in handelser} == {"f"}


def test_the_ranges_cover_the_file_and_begin_at_line_starts(tmp_path: Path) -> None:
    fil = _blandat(tmp_path)
    data = fil.read_bytes()
    delar = list(cli._intervall(str(fil), VID, 1000))
    assert delar[0][1] == 0
    assert delar[-1][2] == len(data)
    for (_, _, slut, _), (_, start, _, _) in itertools.pairwise(delar):
        assert slut == start
        assert data[start - 1 : start] == b"\n"


def test_progress_is_written_on_a_terminal(capsys: pytest.CaptureFixture[str]) -> None:
    summa = cli._Sammanfattning(io.StringIO(), som_json=False)
    cli._samla([(9_999, 0, []), (2, 0, []), (5, 0, [])], summa, framsteg=True)
    assert capsys.readouterr().err == "\r10000 rader lästa"
    assert json.dumps(summa.rader) == "10006"


@pytest.mark.parametrize("format", ["text", "json"])
def test_jobs_follow_the_rule_settings(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    format: str,
) -> None:
    regler = tmp_path / "regler.toml"
    regler.write_text(
        'verkstallighet_manader = 4\n[regler]\nAVSLAG_VERKSTALLT = "av"\nDATUMORDNING = "varning"\n',
        encoding="utf-8",
    )
    argv = ["granska", str(_blandat(tmp_path)), "--vid", VID.isoformat(), "--format", format]
    argv += ["--regler", str(regler)]
    en = _kor(argv, capsys)
    monkeypatch.setattr(cli, "INTERVALL", 5_000)
    # The example's DATUMORDNING findings are fel by default: a worker without the
    # settings would write them so.
    assert _kor([*argv, "--jobs", "2"], capsys) == en
    assert "varning" in en[1]
    assert "DATUMORDNING" in en[1]
