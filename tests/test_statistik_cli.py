"""``socialtjanst-variabler statistik``, the output formats and the optional extra."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
import zipfile
from datetime import date
from pathlib import Path

import pytest

from socialtjanst_variabler import cli, statistik
from socialtjanst_variabler.arende import Arende, Avslut, Insats
from socialtjanst_variabler.errors import ValidationError
from socialtjanst_variabler.statistik import utdata
from socialtjanst_variabler.statistik.aldersband import Aldersband, Band
from socialtjanst_variabler.statistik.tabeller import TABELL, create_table, rader

EXEMPEL = Path(__file__).resolve().parents[1] / "examples" / "arenden.jsonl"
GOD = '{"id": "1", "aktualiseringsdatum": "2025-01-01", "aktualiseringsorsak": [1]}\n'
VID = ["--vid", "2026-11-22"]


def _forvantat() -> tuple[int, int, int, int]:
    """Lines, ärenden kept, unreadable lines and ärenden with errors in the example."""
    from socialtjanst_variabler.arende.granskning import Allvarlighet, granska
    from socialtjanst_variabler.arende.jsonl import las_jsonl

    rader = arenden = olasta = fel = 0
    with EXEMPEL.open("rb") as f:
        for r in las_jsonl(f):
            rader += 1
            if r.arende is None:
                olasta += 1
            elif any(
                x.allvarlighet is Allvarlighet.FEL
                for x in granska(r.arende, vid=date(2026, 11, 22))
            ):
                fel += 1
            else:
                arenden += 1
    return rader, arenden, olasta, fel


def test_text_alla_rapporter(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["statistik", str(EXEMPEL), "--period", "2025", *VID]) == 1
    out = capsys.readouterr().out
    rader, arenden, olasta, fel = _forvantat()
    assert fel > 0
    assert (
        f"rader {rader}, ärenden {arenden}, olästa rader {olasta}, "
        f"uteslutna för fel i granskningen {fel}"
    ) in out
    for id in statistik.RAPPORTER:
        assert f"\n{id} " in out
    assert "Röjandekontroll" in out
    assert "OMASKERAD" not in out
    assert ".." in out


def test_omaskerad_och_urval(capsys: pytest.CaptureFixture[str]) -> None:
    args = ["statistik", str(EXEMPEL), "--fran", "2025-01-01", "--till", "2025-06-30"]
    assert cli.main([*args, "--rapport", "r1, R7", "--omaskerad", *VID]) == 1
    out = capsys.readouterr().out
    assert "R1 Flöde" in out
    assert "R7 Säsong" in out
    assert "R8 " not in out
    assert out.count("OMASKERAD") >= 3
    assert "Period: 2025-01-01–2025-06-30" in out


class _Stdin:
    def __init__(self, data: bytes) -> None:
        self.buffer = io.BytesIO(data)


def test_standard_in(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(sys, "stdin", _Stdin(GOD.encode() + b"x\n"))
    assert cli.main(["statistik", "-", "--rapport", "R7", "--period", "2025", *VID]) == 1
    assert "rader 2, ärenden 1, olästa rader 1" in capsys.readouterr().out


def test_standardperiod_och_ren_fil(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    fil = tmp_path / "ren.jsonl"
    fil.write_text(GOD, encoding="utf-8")
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    assert cli.main(["statistik", str(fil), "--rapport", "R7", *VID]) == 0
    out, err = capsys.readouterr()
    assert "Period: 2025-01-01–2025-12-31" in out  # the year before --vid
    assert "rader lästa" in err


@pytest.mark.parametrize(
    ("period", "fran", "till"),
    [
        ("2025", date(2025, 1, 1), date(2025, 12, 31)),
        ("2024-02", date(2024, 2, 1), date(2024, 2, 29)),
        ("2025-K2", date(2025, 4, 1), date(2025, 6, 30)),
        ("2025-k4", date(2025, 10, 1), date(2025, 12, 31)),
    ],
)
def test_perioder(period: str, fran: date, till: date) -> None:
    assert cli._period(period) == (fran, till)


def test_felaktig_anvandning(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    fil = str(EXEMPEL)
    for args in (
        ["--period", "2025-13"],
        ["--period", "2025-K5"],
        ["--period", "25"],
        ["--period", "2025", "--fran", "2025-01-01"],
        ["--format", "pdf"],
    ):
        with pytest.raises(SystemExit) as e:
            cli.main(["statistik", fil, *args])
        assert e.value.code == 2
    capsys.readouterr()
    for args, text in (
        (["--fran", "2025-01-01"], "ange både --fran och --till"),
        (["--till", "2025-01-01"], "ange både --fran och --till"),
        (["--fran", "2025-02-01", "--till", "2025-01-01"], "--till ligger före --fran"),
        (["--rapport", "R1,R99"], "okänd rapport R99"),
        (["--format", "xlsx"], "ange -o FIL"),
        (["--format", "parquet", "-o", "-"], "ange -o FIL"),
    ):
        assert cli.main(["statistik", fil, *args]) == 1
        assert text in capsys.readouterr().err
    assert cli.main(["statistik", str(tmp_path / "saknas.jsonl")]) == 1
    assert "kan inte läsa" in capsys.readouterr().err


def test_csv_och_excel_csv(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["statistik", str(EXEMPEL), "--rapport", "R8", "--format", "csv", *VID]) == 1
    out = capsys.readouterr().out
    rader = list(csv.reader(io.StringIO(out)))
    assert rader[0] == ["rapport", "period", "tabell", "rad", "kolumn", "varde", "status"]
    assert any(r[6] == ".." and r[5] == "" for r in rader[1:])
    assert any("." in r[5] for r in rader[1:] if r[4] == "Median")
    ut = tmp_path / "ut.csv"
    args = ["statistik", str(EXEMPEL), "--rapport", "R8", "--format", "csv", "--excel-csv"]
    assert cli.main([*args, "--omaskerad", "-o", str(ut), *VID]) == 1
    data = ut.read_bytes()
    assert data.startswith("\ufeff".encode())
    text = data.decode("utf-8-sig")
    rader = list(csv.reader(io.StringIO(text), delimiter=";"))
    medianer = [r[5] for r in rader[1:] if r[4] == "Median" and r[5]]
    assert medianer
    assert all("," in m and "." not in m for m in medianer)


def test_xlsx(tmp_path: Path) -> None:
    ut = tmp_path / "ut.xlsx"
    assert cli.main(["statistik", str(EXEMPEL), "--format", "xlsx", "-o", str(ut), *VID]) == 1
    with zipfile.ZipFile(ut) as z:
        bok = z.read("xl/workbook.xml").decode()
        delade = z.read("xl/sharedStrings.xml").decode()
    for id in (*statistik.RAPPORTER, "Symboler"):
        assert f'name="{id}"' in bok
    assert "Röjandekontroll" in delade
    assert "Maskerat" in delade


def test_duckdb_och_parquet(tmp_path: Path) -> None:
    import duckdb

    db = tmp_path / "tabeller.duckdb"
    assert cli.main(["statistik", str(EXEMPEL), "--format", "duckdb", "-o", str(db), *VID]) == 1
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT COUNT(*) FROM arende").fetchone() == (_forvantat()[1],)
    con.close()
    katalog = tmp_path / "pq"
    assert (
        cli.main(["statistik", str(EXEMPEL), "--format", "parquet", "-o", str(katalog), *VID]) == 1
    )
    for namn in statistik.TABELLNAMN:
        assert (katalog / f"{namn}.parquet").exists()
    antal = duckdb.connect().execute(f"SELECT COUNT(*) FROM '{katalog / 'insats.parquet'}'")
    assert antal.fetchall()[0][0] > 0


def test_skrivfel(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    saknas = tmp_path / "saknas" / "ut"
    fil = tmp_path / "fil"
    fil.write_text("x", encoding="utf-8")
    for format_, mal in (
        ("text", saknas),
        ("xlsx", saknas),
        ("parquet", fil / "under"),
        ("duckdb", saknas),
    ):
        args = ["statistik", str(EXEMPEL), "--rapport", "R7", "--format", format_]
        assert cli.main([*args, "-o", str(mal), *VID]) == 1
        assert "kan inte skriva" in capsys.readouterr().err, format_


def test_utan_tillagget(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "duckdb", None)
    with pytest.raises(
        statistik.SaknatTillagg, match=r"pip install 'socialtjanst-variabler\[statistik\]'"
    ):
        statistik.bygg_tabeller([])
    assert cli.main(["statistik", str(EXEMPEL), *VID]) == 1
    assert "socialtjanst-variabler[statistik]" in capsys.readouterr().err
    monkeypatch.setitem(sys.modules, "xlsxwriter", None)
    with pytest.raises(statistik.SaknatTillagg, match="XlsxWriter"):
        utdata.xlsx([], "x.xlsx")


def test_import_laddar_inte_duckdb() -> None:
    kod = (
        "import sys, socialtjanst_variabler, socialtjanst_variabler.statistik, "
        "socialtjanst_variabler.cli; assert 'duckdb' not in sys.modules, 'duckdb'; "
        "assert 'xlsxwriter' not in sys.modules"
    )
    subprocess.run([sys.executable, "-c", kod], check=True)


def test_aldersband() -> None:
    with pytest.raises(ValidationError, match="minst ett band"):
        Aldersband(())
    with pytest.raises(ValidationError, match="stigande"):
        Aldersband.av((0, 10), (5, 20))
    with pytest.raises(ValidationError, match="stigande"):
        Aldersband.av((0, None), (5, 20))
    with pytest.raises(ValidationError, match="ogiltigt band"):
        Aldersband.av((10, 5))
    b = Aldersband.av((18, 64))
    assert b.band(10, 10) == "okänd"
    assert 70 not in Band(18, 64)
    assert b.etiketter == ("18–64", "okänd")


def test_period_och_tabell() -> None:
    with pytest.raises(ValidationError, match="period"):
        statistik.Period(date(2025, 2, 1), date(2025, 1, 1))
    assert str(statistik.Period.manad(2024, 2)) == "2024-02-01–2024-02-29"
    t = statistik.Tabell("T", (statistik.Kolumn("a", "A", statistik.Slag.ANTAL),), ())
    with pytest.raises(KeyError):
        t.index("b")
    assert "CREATE TABLE arende (" in create_table(TABELL["arende"])


def test_datum_fore_fodelse_ger_okand_alder() -> None:
    a = Arende(
        id="A",
        aktualiseringsdatum=date(2020, 1, 1),
        fodelsedatum=date(2021, 1, 1),
        insatser=(Insats(verkstallighetsdatum=date(2022, 1, 1)),),
    )
    r = rader(a, arende_nr=1, radnummer=None, insats_nr=1, uppfoljning_nr=1)
    arende = dict(zip(TABELL["arende"].kolumnnamn, r["arende"][0], strict=True))
    insats = dict(zip(TABELL["insats"].kolumnnamn, r["insats"][0], strict=True))
    assert arende["aldersband_aktualisering"] == "okänd"
    assert insats["aldersband_verkstallighet"] == "0–3"
    # Only the birth year known: before it, unknown; in it, 0; later, an interval.
    b = Arende(
        id="B",
        aktualiseringsdatum=date(2020, 6, 1),
        fodelsear=2021,
        insatser=(
            Insats(verkstallighetsdatum=date(2021, 3, 1), avslut=Avslut(datum=date(2030, 3, 1))),
        ),
    )
    r = rader(b, arende_nr=1, radnummer=None, insats_nr=1, uppfoljning_nr=1)
    arende = dict(zip(TABELL["arende"].kolumnnamn, r["arende"][0], strict=True))
    insats = dict(zip(TABELL["insats"].kolumnnamn, r["insats"][0], strict=True))
    assert (arende["alder_aktualisering"], arende["aldersband_aktualisering"]) == (None, "okänd")
    assert (insats["alder_verkstallighet"], insats["aldersband_verkstallighet"]) == (0, "0–3")
    assert (insats["alder_avslut"], insats["aldersband_avslut"]) == (None, "7–9")
    assert arende["fodd_tidigast"] == 20210101


def test_minnesgrans(tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match="minnesgrans"):
        statistik.bygg_tabeller([], minnesgrans="mycket")
    t = statistik.bygg_tabeller(
        str(EXEMPEL), vid=date(2026, 11, 22), databas=str(tmp_path / "t.duckdb"), minnesgrans="64MB"
    )
    (grans,) = t.con.execute("SELECT current_setting('memory_limit')").fetchone()
    assert grans == "61.0 MiB"  # 64 MB in DuckDB's binary units
    t.close()


def test_batcher_och_framsteg() -> None:
    sedda: list[int] = []
    arenden = [Arende(id=str(n), aktualiseringsdatum=date(2025, 1, 1 + n)) for n in range(7)]
    t = statistik.bygg_tabeller(arenden, vid=date(2026, 1, 1), batch=3, framsteg=sedda.append)
    assert sedda == [3, 6, 7]
    assert t.con.execute("SELECT COUNT(*) FROM arende").fetchone() == (7,)
    t.close()
