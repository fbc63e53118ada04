"""The exports, each read back by a real consumer and compared with the code.

JSON: validated against its own published JSON Schema with ``jsonschema``; SQL: loaded
into SQLite and queried; CSV: read with the ``csv`` module. Every expected value comes
from the enums and the catalog, never from an export.
"""

from __future__ import annotations

import copy
import csv
import io
import json
import os
import sqlite3
import subprocess
import sys
from collections.abc import Callable, Iterator
from importlib.resources import files
from typing import Any

import jsonschema
import pytest

import socialtjanst_variabler as sv
from socialtjanst_variabler import export
from socialtjanst_variabler.arende.schema import arende_schema_json
from socialtjanst_variabler.errata import ERRATA
from socialtjanst_variabler.katalog import Variabel
from socialtjanst_variabler.vardemangder import Vardemangd

# --- what the exports must say, straight from the code -------------------------------------

#: Value sets by class name, as the errata name them.
KLASSER: dict[str, type[Vardemangd]] = {vm.__name__: vm for vm in sv.VARDEMANGDER}
KLASSER["Processteg"] = sv.Processteg


def forbattrade() -> list[int]:
    """The B1 answers after which B2 is asked: "Förbättrats mycket" and "... lite"."""
    return [m.value for m in sv.Forandring if m.label.startswith("Förbättrats")]


def exklusiv(member: sv.Vardemangd) -> bool:
    """Variabel 14's "Ingen samverkan" codes (by identity: Problematik 11 == Samverkan 11)."""
    return any(member is m for m in sv.INGEN_SAMVERKAN)


def anvands_av(vm: type[sv.Vardemangd]) -> list[str]:
    return [v.nummer for v in sv.KATALOG if v.vardemangd is vm]


# --- JSON -----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def schema() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(export.katalog_json_schema())
    return loaded


@pytest.fixture(scope="module")
def data() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(export.katalog_json())
    return loaded


def validator(schema: dict[str, Any]) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )


def test_schema_is_a_valid_draft_2020_12_schema(schema: dict[str, Any]) -> None:
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)
    shipped = files("socialtjanst_variabler").joinpath("schemas", "katalog.schema.json")
    assert json.loads(shipped.read_text(encoding="utf-8")) == schema
    assert schema["properties"]["format_version"]["const"] == export.FORMAT_VERSION


def test_json_validates_against_its_schema(schema: dict[str, Any], data: dict[str, Any]) -> None:
    errors = sorted(validator(schema).iter_errors(data), key=lambda e: list(e.path))
    assert errors == []


def _mutations() -> Iterator[tuple[str, Callable[[dict[str, Any]], None]]]:
    def drop_key(d: dict[str, Any]) -> None:
        del d["variabler"][0]["namn"]

    def extra_key(d: dict[str, Any]) -> None:
        d["variabler"][0]["okand"] = 1

    def code_as_text(d: dict[str, Any]) -> None:
        d["vardemangder"]["Sip"]["koder"][0]["kod"] = "1"

    def wrong_version(d: dict[str, Any]) -> None:
        d["format_version"] = "2"

    def bad_number(d: dict[str, Any]) -> None:
        d["variabler"][0]["nummer"] = "21"

    def bad_format(d: dict[str, Any]) -> None:
        d["variabler"][0]["dataformat"] = "text"

    def empty_label(d: dict[str, Any]) -> None:
        d["processteg"][0]["etikett"] = ""

    yield from (
        ("drop_key", drop_key),
        ("extra_key", extra_key),
        ("code_as_text", code_as_text),
        ("wrong_version", wrong_version),
        ("bad_number", bad_number),
        ("bad_format", bad_format),
        ("empty_label", empty_label),
    )


@pytest.mark.parametrize(("name", "mutate"), list(_mutations()))
def test_schema_rejects_broken_exports(
    name: str,
    mutate: Callable[[dict[str, Any]], None],
    schema: dict[str, Any],
    data: dict[str, Any],
) -> None:
    broken = copy.deepcopy(data)
    mutate(broken)
    assert not validator(schema).is_valid(broken), name


def test_json_metadata(data: dict[str, Any]) -> None:
    assert data["format_version"] == export.FORMAT_VERSION
    assert data["bibliotek"] == "socialtjanst-variabler"
    assert data["bibliotek_version"] == sv.__version__
    assert data["spec"] == {
        "id": sv.SPEC_VERSION,
        "titel": sv.SPEC_TITEL,
        "utgivare": sv.SPEC_UTGIVARE,
        "isbn": sv.SPEC_ISBN,
    }
    assert list(data) == [
        "format_version",
        "bibliotek",
        "bibliotek_version",
        "spec",
        "dataformat",
        "processteg",
        "regel_beslut_och_insatstyp",
        "kvalitetsomraden",
        "vardemangder",
        "variabler",
        "errata",
    ]


def test_json_value_sets_match_the_enums(data: dict[str, Any]) -> None:
    assert list(data["vardemangder"]) == [vm.__name__ for vm in sv.VARDEMANGDER]
    for vm in sv.VARDEMANGDER:
        entry = data["vardemangder"][vm.__name__]
        assert entry["namn"] == vm.__name__
        assert entry["ankare"] == f"vardemangder.html#vardemangd-{vm.__name__.lower()}"
        assert entry["variabler"] == anvands_av(vm)
        assert [(k["kod"], k["etikett"]) for k in entry["koder"]] == vm.choices()
        for kod, member in zip(entry["koder"], vm, strict=True):
            assert kod["konstant"] == member.name
            assert kod["definition"] == member.definition
            assert kod["utgangen"] is member.retired
            assert kod["exklusiv"] is exklusiv(member)
            assert vm[kod["konstant"]] is member


def test_json_variables_match_the_catalog(data: dict[str, Any]) -> None:
    assert [v["nummer"] for v in data["variabler"]] == [v.nummer for v in sv.KATALOG]
    for i, (entry, v) in enumerate(zip(data["variabler"], sv.KATALOG, strict=True), start=1):
        assert entry["ordning"] == i
        assert entry["namn"] == v.namn
        assert entry["ankare"] == f"variabler.html#variabel-{v.nummer.lower()}"
        assert entry["brukarfraga"] is v.nummer.startswith("B")
        assert entry["processteg"] == [int(s) for s in v.processteg]
        assert entry["processteg_beror_pa_insats"] is (v.nummer in ("10", "12"))
        assert sv.Dataformat(entry["dataformat"]) is v.dataformat
        assert entry["flerval"] is (v.nummer in ("2", "9", "12", "14"))
        assert entry["vardemangd"] == (v.vardemangd.__name__ if v.vardemangd else None)
        assert entry["instruktion"] == v.instruktion
        assert entry["harleds_fran"] == v.harleds_fran
        assert entry["fraga"] == v.fraga
        assert entry["kvalitetsomrade"] == (int(v.kvalitetsomrade) if v.kvalitetsomrade else None)
        assert entry["anmarkning"] == v.anmarkning
        if v.villkor is None:
            assert entry["villkor"] is None
        else:
            assert entry["villkor"] == {
                "text": v.villkor,
                "variabler": list(v.villkor_variabler),
                "koder": forbattrade(),
            }
    assert [v["nummer"] for v in data["variabler"] if v["villkor"]] == ["B2"]


def test_json_process_steps_and_the_rule(data: dict[str, Any]) -> None:
    assert [(s["kod"], s["etikett"]) for s in data["processteg"]] == sv.Processteg.choices()
    assert [s["skl_tillagg"] for s in data["processteg"]] == [False] * 6 + [True]
    assert [s["definition"] for s in data["processteg"]] == [s.definition for s in sv.Processteg]
    regel = data["regel_beslut_och_insatstyp"]
    assert regel["variabler"] == ["10", "12"]
    assert "Besluta" in regel["regel"]
    assert "Genomföra" in regel["regel"]
    fall = {
        (f["bistandsbedomd"], f["foljs_upp_av_myndighetsutovningen"]): f["processteg"]
        for f in regel["fall"]
    }
    # The spec: Besluta only when both hold, Genomföra otherwise.
    assert fall == {
        (True, True): sv.Processteg.BESLUTA,
        (True, False): sv.Processteg.GENOMFORA,
        (False, True): sv.Processteg.GENOMFORA,
        (False, False): sv.Processteg.GENOMFORA,
    }


def test_json_formats_areas_and_errata(data: dict[str, Any]) -> None:
    assert [(d["kod"], d["etikett"]) for d in data["dataformat"]] == [
        (d.value, d.label) for d in sv.Dataformat
    ]
    assert [(k["kod"], k["etikett"]) for k in data["kvalitetsomraden"]] == (
        sv.Kvalitetsomrade.choices()
    )
    assert len(data["errata"]) == len(ERRATA)
    for entry, e in zip(data["errata"], ERRATA, strict=True):
        assert (entry["plats"], entry["original"], entry["rattelse"], entry["motivering"]) == (
            e.plats,
            e.original,
            e.rattelse,
            e.motivering,
        )
        assert entry["variabel"] == e.variabel
        assert entry["vardemangd"] == e.vardemangd
        assert entry["kod"] == e.kod
        if e.vardemangd is not None:
            klass = KLASSER[e.vardemangd]
            assert klass.from_code(entry["kod"]).label == entry["rattelse"]


def test_json_text_form() -> None:
    text = export.katalog_json()
    assert text.endswith("}\n")
    assert "Hälso- och sjukvård" in text  # ensure_ascii=False: the letters, not \u escapes
    assert "\\u" not in text
    assert text.splitlines()[1] == '  "format_version": "1",'


# --- SQL ------------------------------------------------------------------------------------


@pytest.fixture
def db() -> Iterator[sqlite3.Connection]:
    con = sqlite3.connect(":memory:")
    con.execute("PRAGMA foreign_keys = ON")
    con.executescript(export.katalog_sql())
    yield con
    con.close()


def test_sql_loads_into_sqlite_with_intact_foreign_keys(db: sqlite3.Connection) -> None:
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_sql_value_sets_match_the_enums(db: sqlite3.Connection) -> None:
    names = [r[0] for r in db.execute("SELECT namn FROM vardemangd ORDER BY ordning")]
    assert names == [vm.__name__ for vm in sv.VARDEMANGDER]
    for vm in sv.VARDEMANGDER:
        rows = db.execute(
            "SELECT kod, etikett, konstant, definition, utgangen, exklusiv"
            " FROM vardemangd_kod WHERE vardemangd = ? ORDER BY kod",
            (vm.__name__,),
        ).fetchall()
        assert [(kod, etikett) for kod, etikett, *_ in rows] == vm.choices()
        for row, member in zip(rows, vm, strict=True):
            assert row[2:] == (
                member.name,
                member.definition,
                int(member.retired),
                int(exklusiv(member)),
            )
    total = db.execute("SELECT count(*) FROM vardemangd_kod").fetchone()[0]
    assert total == sum(len(vm) for vm in sv.VARDEMANGDER)


def _variabel_rad(i: int, v: Variabel) -> tuple[object, ...]:
    return (
        v.nummer,
        i,
        v.namn,
        int(v.is_brukarfraga),
        int(len(v.processteg) == 2),
        str(v.dataformat),
        int(v.flerval),
        v.vardemangd.__name__ if v.vardemangd else None,
        v.instruktion,
        v.harleds_fran,
        v.fraga,
        int(v.kvalitetsomrade) if v.kvalitetsomrade else None,
        v.villkor,
        v.anmarkning,
    )


def test_sql_variables_match_the_catalog(db: sqlite3.Connection) -> None:
    rows = db.execute(
        "SELECT nummer, ordning, namn, brukarfraga, processteg_beror_pa_insats, dataformat,"
        " flerval, vardemangd, instruktion, harleds_fran, fraga, kvalitetsomrade, villkor,"
        " anmarkning FROM variabel ORDER BY ordning"
    ).fetchall()
    assert rows == [_variabel_rad(i, v) for i, v in enumerate(sv.KATALOG, start=1)]
    steg = db.execute(
        "SELECT variabel, processteg FROM variabel_processteg"
        " JOIN variabel ON variabel.nummer = variabel_processteg.variabel"
        " ORDER BY ordning, processteg"
    ).fetchall()
    assert steg == [(v.nummer, int(s)) for v in sv.KATALOG for s in v.processteg]
    # A vendor's query: the dropdown of variable 14, labels from the shared table.
    dropdown = db.execute(
        "SELECT k.kod, k.etikett FROM variabel v"
        " JOIN vardemangd_kod k ON k.vardemangd = v.vardemangd"
        " WHERE v.nummer = '14' ORDER BY k.kod"
    ).fetchall()
    assert dropdown == sv.Samverkan.choices()
    villkor = db.execute(
        "SELECT variabel, villkorsvariabel, kod FROM variabel_villkor"
        " ORDER BY variabel, villkorsvariabel, kod"
    ).fetchall()
    assert villkor == [("B2", b1, kod) for b1 in ("B1a", "B1b") for kod in forbattrade()]


def test_sql_steps_rule_metadata_and_errata(db: sqlite3.Connection) -> None:
    steps = db.execute(
        "SELECT kod, etikett, definition, skl_tillagg FROM processteg ORDER BY kod"
    ).fetchall()
    assert steps == [
        (s.value, s.label, s.definition, int(s is sv.Processteg.AVSLUTA)) for s in sv.Processteg
    ]
    regel = db.execute(
        "SELECT bistandsbedomd, foljs_upp_av_myndighetsutovningen, processteg"
        " FROM regel_beslut_och_insatstyp"
    ).fetchall()
    assert sorted(regel) == [(0, 0, 5), (0, 1, 5), (1, 0, 5), (1, 1, 3)]
    meta = dict(db.execute("SELECT nyckel, varde FROM metadata").fetchall())
    assert meta == {
        "format_version": export.FORMAT_VERSION,
        "bibliotek": "socialtjanst-variabler",
        "bibliotek_version": sv.__version__,
        "spec_id": sv.SPEC_VERSION,
        "spec_titel": sv.SPEC_TITEL,
        "spec_utgivare": sv.SPEC_UTGIVARE,
        "spec_isbn": sv.SPEC_ISBN,
    }
    formats = db.execute("SELECT kod, etikett FROM dataformat").fetchall()
    assert formats == [(d.value, d.label) for d in sv.Dataformat]
    areas = db.execute("SELECT kod, etikett FROM kvalitetsomrade ORDER BY kod").fetchall()
    assert areas == sv.Kvalitetsomrade.choices()
    errata = db.execute(
        "SELECT original, rattelse, variabel, vardemangd, kod FROM erratum ORDER BY ordning"
    ).fetchall()
    assert errata == [(e.original, e.rattelse, e.variabel, e.vardemangd, e.kod) for e in ERRATA]


@pytest.mark.parametrize(
    "text", ["it's", "''", "O'Brien'; DROP TABLE variabel; --", "rad\nbrytning", "Å–ö", ""]
)
def test_sql_string_literals_round_trip(text: str) -> None:
    con = sqlite3.connect(":memory:")
    assert con.execute("SELECT " + export._sql_varde(text)).fetchone() == (text,)
    con.close()


@pytest.mark.parametrize(("value", "expected"), [(None, None), (True, 1), (False, 0), (35, 35)])
def test_sql_other_literals(value: bool | int | None, expected: int | None) -> None:
    con = sqlite3.connect(":memory:")
    assert con.execute("SELECT " + export._sql_varde(value)).fetchone() == (expected,)
    con.close()


def test_sql_is_portable() -> None:
    text = export.katalog_sql()
    for construct in ("AUTOINCREMENT", "`", '"', "BEGIN", "DROP", "PRAGMA"):
        assert construct not in text, construct
    assert text.startswith("-- socialtjanst-variabler ")


# --- CSV ------------------------------------------------------------------------------------


def csv_rows() -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(export.katalog_csv(), newline="")))


def test_csv_header_and_line_ends() -> None:
    text = export.katalog_csv()
    assert next(csv.reader(io.StringIO(text, newline=""))) == list(export.CSV_KOLUMNER)
    assert text.endswith("\r\n")
    assert text.count("\n") == text.count("\r\n")


def test_csv_reads_back_to_the_catalog() -> None:
    rows = csv_rows()
    expected_count = sum(len(v.vardemangd) if v.vardemangd else 1 for v in sv.KATALOG)
    assert len(rows) == expected_count
    assert {r["spec"] for r in rows} == {sv.SPEC_VERSION}
    assert {r["bibliotek_version"] for r in rows} == {sv.__version__}
    for v in sv.KATALOG:
        mine = [r for r in rows if r["variabel"] == v.nummer]
        for r in mine:
            assert r["namn"] == v.namn
            assert r["processteg"].split("|") == [str(int(s)) for s in v.processteg]
            assert r["processteg_namn"].split("|") == [s.label for s in v.processteg]
            assert sv.Dataformat(r["dataformat"]) is v.dataformat
            assert r["flerval"] == ("ja" if v.flerval else "nej")
        if v.vardemangd is None:
            assert [(r["vardemangd"], r["kod"], r["etikett"], r["utgangen"]) for r in mine] == [
                ("", "", "", "")
            ]
        else:
            assert {r["vardemangd"] for r in mine} == {v.vardemangd.__name__}
            assert [(int(r["kod"]), r["etikett"]) for r in mine] == v.vardemangd.choices()
            assert [r["utgangen"] for r in mine] == [
                "ja" if m.retired else "nej" for m in v.vardemangd
            ]
            assert [r["definition"] for r in mine] == [m.definition or "" for m in v.vardemangd]
    # The spec's order, variable by variable.
    order = list(dict.fromkeys(r["variabel"] for r in rows))
    assert order == [v.nummer for v in sv.KATALOG]


# --- determinism and the registry -----------------------------------------------------------


@pytest.mark.parametrize("name", sorted(export.FORMAT))
def test_exports_are_deterministic_in_process(name: str) -> None:
    assert export.FORMAT[name]() == export.FORMAT[name]()


def test_exports_are_deterministic_across_processes() -> None:
    # Different hash seeds: set or dict iteration that leaks into an export would show.
    code = (
        "import sys\n"
        "from socialtjanst_variabler.export import FORMAT\n"
        "for name in sorted(FORMAT):\n"
        "    sys.stdout.buffer.write(FORMAT[name]().encode('utf-8'))\n"
    )
    outputs = []
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, check=True, env=env
        )
        outputs.append(done.stdout)
    assert outputs[0] == outputs[1]
    expected = b"".join(export.FORMAT[n]().encode("utf-8") for n in sorted(export.FORMAT))
    assert outputs[0] == expected


def test_format_registry() -> None:
    assert list(export.FORMAT) == ["json", "csv", "sql", "katalogschema", "jsonschema"]
    assert export.FORMAT["json"] is export.katalog_json
    assert export.FORMAT["jsonschema"] is arende_schema_json
    assert export.FORMAT["katalogschema"] is export.katalog_json_schema
    for name, function in export.FORMAT.items():
        text = function()
        assert isinstance(text, str), name
        assert text.endswith("\n"), name
        assert sv.SPEC_VERSION in text or name == "katalogschema", name
        assert sv.__version__ in text or name == "katalogschema", name
