"""From an extension to vendors' artefacts: the typed module (checked by mypy --strict),
the docs page, the command line and the catalog exports with extensions."""

from __future__ import annotations

import csv
import importlib.util
import io
import json
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path
from types import ModuleType
from typing import Any

import jsonschema
import pytest

from socialtjanst_variabler import export
from socialtjanst_variabler.cli import main
from socialtjanst_variabler.lokala import EXEMPEL, LokalVardemangd, exempel, las_definition
from socialtjanst_variabler.lokala.generera import (
    dokumentation_md,
    generera_python,
    till_data,
    till_toml,
)
from socialtjanst_variabler.vardemangder import Insatstyp
from tests.test_lokala import BAS

# Every format, a national value set, a roll-up set, a description with quotes.
ALLT = (
    BAS.replace(
        'namn = "Test"', 'namn = "Test"\nbeskrivning = "Med \\"citat\\" och \\\\ och \'\'\'"'
    )
    .replace(
        '[[vardemangd]]\nnamn = "Omrade"',
        '[[variabel]]\nnummer = "L5"\nnamn = "Problematik, igen"\nprocessteg = 1\n'
        'niva = "arende"\ndataformat = "enkelval"\nvardemangd = "Problematik"\n'
        'fraga = "Vad?"\n\n'
        '[[vardemangd]]\nnamn = "Omrade"\nbeskrivning = "Slut med citat\\""',
    )
    .replace('{ kod = 1, etikett = "Boende" }', '{ kod = 1, etikett = "Boende", definition = "D" }')
)


def _importera(path: Path, namn: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(namn, path)
    assert spec is not None
    assert spec.loader is not None
    modul = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(modul)
    return modul


def test_generated_modules_pass_mypy_strict_and_match_the_definition(tmp_path: Path) -> None:
    texter = {namn: exempel(namn).read_text(encoding="utf-8") for namn in EXEMPEL}
    texter["allt"] = ALLT
    filer = []
    for namn, text in texter.items():
        u = las_definition(text)
        fil = tmp_path / f"lokala_{namn}.py"
        fil.write_text(generera_python(u), encoding="utf-8")
        filer.append(fil)
        modul = _importera(fil, f"lokala_{namn}")
        assert u.id == modul.UTOKNING_ID
        assert u.version == modul.UTOKNING_VERSION
        assert u.anvands_inte == modul.ANVANDS_INTE
        for vm in u.vardemangder:
            gen = getattr(modul, vm.__name__)
            assert issubclass(gen, LokalVardemangd)
            assert gen.choices() == vm.choices()
            assert [(m.name, m.definition, m.overordnad) for m in gen] == [
                (m.name, m.definition, m.overordnad) for m in vm
            ]
            assert (gen.utokning, gen.overordnad_vardemangd, gen.beskrivning) == (
                vm.utokning,
                vm.overordnad_vardemangd,
                vm.beskrivning,
            )
    # A vendor's code using the generated module, type-checked with it.
    (tmp_path / "leverantor.py").write_text(
        "from lokala_fia import FiaInsatstyp, InsatsVarden\n"
        "from socialtjanst_variabler.vardemangder import Insatstyp\n\n"
        "varden: InsatsVarden = {'L2': frozenset({FiaInsatstyp.ARBETSPRAKTIK_I_ANNAN_FORM})}\n"
        "kod: FiaInsatstyp = FiaInsatstyp.from_code(401)\n"
        "nationell: Insatstyp | None = None if kod.overordnad is None else Insatstyp.KURS\n"
        "etikett: str = kod.label\n",
        encoding="utf-8",
    )
    (tmp_path / "fel.py").write_text(
        "from lokala_fia import InsatsVarden\n\nvarden: InsatsVarden = {'L2': 401}\n",
        encoding="utf-8",
    )
    cache = tmp_path / ".mypy_cache"
    kommando = [sys.executable, "-m", "mypy", "--strict", "--cache-dir", str(cache)]
    klart = subprocess.run(
        [*kommando, *map(str, filer), str(tmp_path / "leverantor.py")],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=False,
    )
    assert klart.returncode == 0, klart.stdout + klart.stderr
    assert "Success" in klart.stdout
    # And mypy does check them: a wrong value type is an error.
    klart = subprocess.run(
        [*kommando, str(tmp_path / "fel.py")],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=False,
    )
    assert klart.returncode == 1
    assert "frozenset[FiaInsatstyp]" in klart.stdout


def test_generated_module_is_deterministic_and_marks_itself_generated() -> None:
    u = las_definition(exempel("fia"))
    text = generera_python(u)
    assert text == generera_python(las_definition(exempel("fia")))
    assert "ändra inte" in text
    assert "Insatstyp.FORSORJNINGSSTOD" in text
    assert "from datetime import date" not in text
    assert "from datetime import date" in generera_python(las_definition(ALLT))


def test_toml_output_keeps_every_character() -> None:
    u = las_definition(ALLT)
    tillbaka = las_definition(till_toml(u))
    assert till_data(tillbaka) == till_data(u)
    assert u.beskrivning == "Med \"citat\" och \\ och '''"
    assert "\x7f" not in till_toml(u)


def test_docs_page_for_an_extension() -> None:
    u = las_definition(ALLT)
    md = dokumentation_md(u)
    assert md.startswith("(lokal-se-kommun-test-utokning)=\n# Test\n")
    assert "(lokal-se-kommun-test-l1)=\n## L1 Livsområde" in md
    assert "| Referens | `se.kommun.test:L2` |" in md
    assert (
        "| Nationella variabler som inte används | 16 Parallella insatser inom socialtjänsten |"
        in md
    )
    assert "| Kod | Etikett | Räknas under (Insatstyp) |" in md
    assert "| 1101 | Försörjningsstöd – nyinskriven | 11 Försörjningsstöd (4 kap. 3 § SoL) |" in md
    assert "Värdemängd Problematik (nationell):" in md
    assert "| Tillåtna värden | 0–99 |" in md
    assert "| Fråga | Vad? |" in md
    assert dokumentation_md(u, rubrikniva=2).startswith("(lokal-se-kommun-test-utokning)=\n## Test")
    suv = dokumentation_md(las_definition(exempel("suv39")))
    assert "| Nationella variabler som inte används | inga |" in suv
    assert "| Källa |" in suv
    pipe = las_definition(BAS.replace('"Skulder"', '"Skulder | lån"'))
    assert "Skulder \\| lån" in dokumentation_md(pipe)
    halv = las_definition(BAS.replace("minst = 0\n", ""))
    assert "| Tillåtna värden | –99 |" in dokumentation_md(halv)
    halv = las_definition(BAS.replace("hogst = 99\n", ""))
    assert "| Tillåtna värden | 0– |" in dokumentation_md(halv)


# --- command line ----------------------------------------------------------------------------


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def test_kontrollera_summarises_a_valid_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    status, out, err = run(capsys, "lokala", "kontrollera", str(exempel("fia")))
    assert (status, err) == (0, "")
    rader = out.splitlines()
    assert (
        rader[0]
        == "se.kommun.exempel.fia 1.0: FIA – Förutsättningar inför arbete (bygger på SKL-2019)"
    )
    assert rader[1] == "Lokala variabler: 2"
    assert (
        "L1  Livsområden med behov av förändring  [2 Utreda; Ärende; Möjlighet till flera val; FiaLivsomrade, 13 koder]"
        in out
    )
    assert "FiaInsatstyp, 4 koder, räknas under Insatstyp]" in out
    assert rader[-1] == "Definitionen är giltig."
    fil = tmp_path / "allt.toml"
    fil.write_text(ALLT, encoding="utf-8")
    status, out, _ = run(capsys, "lokala", "kontrollera", str(fil))
    assert status == 0
    assert "Problematik (nationell)]" in out
    assert "[7 Avsluta; Avslut; Datum (ÅÅÅÅ-MM-DD)]" in out
    assert "Nationella variabler som inte används: 16" in out


def test_kontrollera_reports_the_line_and_key(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    fil = tmp_path / "fel.toml"
    fil.write_text(BAS.replace('nummer = "L1"', 'nummer = "12"'), encoding="utf-8")
    status, out, err = run(capsys, "lokala", "kontrollera", str(fil))
    assert (status, out) == (1, "")
    assert err == (
        f"socialtjanst-variabler: {fil}, rad 9: variabel[0].nummer: '12' är ett nationellt "
        "nummer: en lokal variabel numreras L1, L2 … (L och 1–9999)\n"
    )
    status, _, err = run(capsys, "lokala", "kontrollera", str(tmp_path / "saknas.toml"))
    assert status == 1
    assert "filen finns inte" in err


def test_generera_and_dokumentera_write_files_or_stdout(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    u = las_definition(exempel("suv39"))
    modul = tmp_path / "suv.py"
    assert run(capsys, "lokala", "generera", str(exempel("suv39")), "-o", str(modul)) == (0, "", "")
    assert modul.read_text(encoding="utf-8") == generera_python(u)
    status, out, _ = run(capsys, "lokala", "generera", str(exempel("suv39")))
    assert (status, out) == (0, generera_python(u))
    sida = tmp_path / "suv.md"
    assert run(capsys, "lokala", "dokumentera", str(exempel("suv39")), "-o", str(sida))[0] == 0
    assert sida.read_text(encoding="utf-8") == dokumentation_md(u) + "\n"
    status, _, err = run(
        capsys, "lokala", "generera", str(exempel("suv39")), "-o", str(tmp_path / "x" / "y.py")
    )
    assert status == 1
    assert "katalogen finns inte" in err


def test_lokala_export_with_extensions(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    filer = [str(exempel(n)) for n in EXEMPEL]
    status, out, _ = run(capsys, "lokala", "export", *filer)
    assert status == 0
    assert [u["utokning"]["id"] for u in json.loads(out)["lokala"]] == [
        "se.kommun.exempel.fia",
        "se.kommun.exempel.suv",
    ]
    utfil = tmp_path / "k.sql"
    assert run(capsys, "lokala", "export", *filer, "--format", "sql", "-o", str(utfil))[0] == 0
    assert "CREATE TABLE lokal_variabel" in utfil.read_text(encoding="utf-8")


def test_exempel_writes_a_shipped_definition(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    status, out, _ = run(capsys, "lokala", "exempel", "suv39")
    assert (status, out) == (0, exempel("suv39").read_text(encoding="utf-8"))
    fil = tmp_path / "fia.toml"
    assert run(capsys, "lokala", "exempel", "fia", "-o", str(fil)) == (0, "", "")
    assert till_data(las_definition(fil)) == till_data(las_definition(exempel("fia")))
    with pytest.raises(SystemExit):
        main(["lokala", "exempel", "bbic"])
    assert "ogiltigt val" in capsys.readouterr().err


def test_lokala_needs_a_subcommand(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["lokala"])
    assert info.value.code == 2
    assert "dessa argument krävs" in capsys.readouterr().err


# --- catalog exports with extensions --------------------------------------------------------------

UTOKNINGAR = [las_definition(exempel(n)) for n in EXEMPEL]


@pytest.mark.parametrize("format", sorted(export.FORMAT))
def test_without_extensions_every_export_is_exactly_the_national_one(format: str) -> None:
    assert export.FORMAT_MED_LOKALA[format](()) == export.FORMAT[format]()
    assert export.FORMAT_MED_LOKALA.keys() == export.FORMAT.keys()


def test_json_export_keeps_the_national_part_and_adds_a_separate_key() -> None:
    nationell = json.loads(export.katalog_json())
    med = json.loads(export.katalog_json(UTOKNINGAR))
    lokala = med.pop("lokala")
    assert med == nationell
    assert "lokala" not in nationell
    assert [las_definition(d).id for d in lokala] == [u.id for u in UTOKNINGAR]
    assert [till_data(las_definition(d)) for d in lokala] == [till_data(u) for u in UTOKNINGAR]
    schema = json.loads(export.katalog_json_schema(med_lokala=True))
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(json.loads(export.katalog_json(UTOKNINGAR)), schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(
            json.loads(export.katalog_json(UTOKNINGAR)), json.loads(export.katalog_json_schema())
        )
    lokala[0]["variabel"][0]["nummer"] = "12"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**nationell, "lokala": lokala}, schema)
    assert export.FORMAT_MED_LOKALA["katalogschema"](UTOKNINGAR) == export.katalog_json_schema(
        med_lokala=True
    )


def test_csv_export_appends_rows_that_cannot_be_taken_for_national_ones() -> None:
    nationell = export.katalog_csv()
    med = export.katalog_csv(UTOKNINGAR)
    assert med.startswith(nationell)
    rader = list(csv.DictReader(io.StringIO(med[len(nationell) :]), fieldnames=export.CSV_KOLUMNER))
    assert len(rader) == 13 + 4 + 3
    assert {r["spec"] for r in rader} == {u.id for u in UTOKNINGAR}
    assert all(":L" in r["variabel"] for r in rader)
    assert rader[0]["variabel"] == "se.kommun.exempel.fia:L1"
    assert rader[0]["etikett"] == "Boende"
    # A local date or integer variable has one row without codes.
    med_datum = export.katalog_csv([las_definition(BAS)])
    datum = [
        r for r in csv.DictReader(io.StringIO(med_datum)) if r["variabel"] == "se.kommun.test:L4"
    ]
    assert [(r["dataformat"], r["kod"]) for r in datum] == [("datum", "")]


def test_sql_export_adds_tables_with_intact_foreign_keys() -> None:
    nationell = export.katalog_sql()
    med = export.katalog_sql([*UTOKNINGAR, las_definition(ALLT)])
    assert med.startswith(nationell)
    with closing(sqlite3.connect(":memory:")) as db:
        db.execute("PRAGMA foreign_keys = ON")
        db.executescript(med)
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []
        rad = db.execute(
            "SELECT k.etikett, n.etikett FROM lokal_vardemangd_kod k JOIN vardemangd_kod n "
            "ON n.vardemangd = k.overordnad AND n.kod = k.overordnad_kod WHERE k.kod = 401"
        ).fetchone()
        assert rad == ("Arbetspraktik på reguljär arbetsplats", Insatstyp.ARBETSPRAKTIK.label)
        assert db.execute("SELECT count(*) FROM lokal_utokning").fetchone() == (3,)
        assert db.execute(
            "SELECT nummer, lokal_vardemangd, nationell_vardemangd FROM lokal_variabel "
            "WHERE utokning = 'se.kommun.test' ORDER BY ordning"
        ).fetchall() == [
            ("L1", "Omrade", None),
            ("L2", "LokalInsatstyp", None),
            ("L3", None, None),
            ("L4", None, None),
            ("L5", None, "Problematik"),
        ]
        assert db.execute("SELECT * FROM lokal_anvands_inte").fetchall() == [
            ("se.kommun.test", "16")
        ]


def test_arende_schema_export_with_extensions() -> None:
    s: dict[str, Any] = json.loads(export.FORMAT_MED_LOKALA["jsonschema"](UTOKNINGAR))
    assert "se.kommun.exempel.fia" in s["$defs"]["Insats"]["properties"]["lokala"]["properties"]
