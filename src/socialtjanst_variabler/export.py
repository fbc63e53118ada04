"""The specification as data, for vendors who do not write Python: JSON, CSV, SQL, Schema.

Every export is generated from the code (:data:`~socialtjanst_variabler.katalog.KATALOG`,
the value sets, the process steps, the errata), carries the library version and the spec
id, and is deterministic: the same version gives the same bytes on every run.

- :func:`katalog_json`: the whole catalog in a documented, versioned structure
  (``format_version`` :data:`FORMAT_VERSION`), valid against the JSON Schema
  :func:`katalog_json_schema` that ships in the package;
- :func:`katalog_csv`: one row per variable and code, like SKL's Excel file (RFC 4180:
  comma, ``\\r\\n`` line ends, UTF-8 without BOM);
- :func:`katalog_sql`: code tables with their rows, runnable in PostgreSQL and SQLite;
- :func:`~socialtjanst_variabler.arende.schema.arende_schema_json`: the JSON Schema (draft
  2020-12) of an ärende, for validating an extract in any language.

:data:`FORMAT` maps the command line's ``export --format`` names to these functions:
adding a format is one entry there.

Example:
    >>> import json
    >>> data = json.loads(katalog_json())
    >>> data["format_version"], data["spec"]["id"], len(data["variabler"])
    ('1', 'SKL-2019', 26)
    >>> data["vardemangder"]["Hushallstyp"]["koder"][1]["etikett"]
    'Ensamstående med barn 0–17 år'
    >>> katalog_csv().splitlines()[0].split(",")[:6]
    ['variabel', 'namn', 'processteg', 'processteg_namn', 'dataformat', 'flerval']
    >>> sorted(FORMAT)
    ['csv', 'json', 'jsonschema', 'katalogschema', 'sql']
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable, Sequence
from importlib.resources import files
from itertools import product
from typing import TYPE_CHECKING, Any

from socialtjanst_variabler._version import __version__
from socialtjanst_variabler.arende.schema import arende_schema_json
from socialtjanst_variabler.errata import ERRATA, Erratum
from socialtjanst_variabler.katalog import (
    KATALOG,
    SPEC_ISBN,
    SPEC_TITEL,
    SPEC_UTGIVARE,
    SPEC_VERSION,
    Dataformat,
    Kvalitetsomrade,
    Variabel,
    variabel,
)
from socialtjanst_variabler.processteg import (
    REGEL_KALLA,
    Insatskontext,
    Processteg,
    steg_for_beslut_och_insatstyp,
)
from socialtjanst_variabler.vardemangder import (
    INGEN_SAMVERKAN,
    VARDEMANGDER,
    Forandring,
    Samverkan,
    Vardemangd,
)

if TYPE_CHECKING:
    from socialtjanst_variabler.lokala import Utokning

__all__ = [
    "BIBLIOTEK",
    "CSV_KOLUMNER",
    "FORMAT",
    "FORMAT_MED_LOKALA",
    "FORMAT_VERSION",
    "katalog_csv",
    "katalog_json",
    "katalog_json_schema",
    "katalog_sql",
]

#: Version of the structure of the exports (JSON keys, CSV columns, SQL tables). It
#: changes only when the structure does, not when the library's version does: a new key
#: or table is a new minor library version with the same major ``format_version``;
#: a removed or renamed one a new ``format_version``.
FORMAT_VERSION = "1"

#: The distribution name, as in every export.
BIBLIOTEK = "socialtjanst-variabler"

#: Codes that may only be chosen alone, per value set (variabel 14: codes 11 and 12).
_EXKLUSIVA: dict[type[Vardemangd], frozenset[Vardemangd]] = {Samverkan: INGEN_SAMVERKAN}

# --- the catalog as plain data --------------------------------------------------------------


def _ankare_variabel(v: Variabel) -> str:
    return f"variabler.html#variabel-{v.nummer.lower()}"


def _ankare_vardemangd(vm: type[Vardemangd]) -> str:
    return f"vardemangder.html#vardemangd-{vm.__name__.lower()}"


def _regelvariabler() -> list[Variabel]:
    """The variables whose step follows the rule (10 and 12): the ones with two steps."""
    return [v for v in KATALOG if len(v.processteg) > 1]


def _regelfall() -> list[tuple[bool, bool, Processteg]]:
    """The rule's table: every combination of the two conditions and its step."""
    return [
        (
            bistand,
            myndighet,
            steg_for_beslut_och_insatstyp(
                Insatskontext(bistandsbedomd=bistand, foljs_upp_av_myndighetsutovningen=myndighet)
            ),
        )
        for bistand, myndighet in product((True, False), repeat=2)
    ]


def _regeltext() -> str:
    nummer = " och ".join(v.nummer for v in _regelvariabler())
    besluta, genomfora = Processteg.BESLUTA, Processteg.GENOMFORA
    return (
        f"Variabel {nummer} registreras i processteg {besluta.value} {besluta.label} när "
        "insatsen är biståndsbedömd och följs upp av myndighetsutövningen, annars i "
        f"processteg {genomfora.value} {genomfora.label}."
    )


def _villkorskoder(v: Variabel) -> list[int]:
    """The answers to the condition's variables that make *v* apply (B2: improved)."""
    svar = {m for nummer in v.villkor_variabler for m in (variabel(nummer).vardemangd or ())}
    return sorted(m.value for m in svar if isinstance(m, Forandring) and m.is_forbattring)


def _anvands_av(vm: type[Vardemangd]) -> list[str]:
    return [v.nummer for v in KATALOG if v.vardemangd is vm]


def _erratum(e: Erratum) -> dict[str, object]:
    return {
        "plats": e.plats,
        "original": e.original,
        "rattelse": e.rattelse,
        "motivering": e.motivering,
        "variabel": e.variabel,
        "vardemangd": e.vardemangd,
        "kod": e.kod,
    }


def _kod(m: Vardemangd, exklusiva: frozenset[Vardemangd]) -> dict[str, object]:
    return {
        "kod": m.value,
        "konstant": m.name,
        "etikett": m.label,
        "definition": m.definition,
        "utgangen": m.retired,
        "exklusiv": m in exklusiva,
    }


def _vardemangd(vm: type[Vardemangd]) -> dict[str, object]:
    exklusiva = _EXKLUSIVA.get(vm, frozenset())
    return {
        "namn": vm.__name__,
        "ankare": _ankare_vardemangd(vm),
        "variabler": _anvands_av(vm),
        "koder": [_kod(m, exklusiva) for m in vm],
    }


def _variabel(ordning: int, v: Variabel) -> dict[str, object]:
    villkor: dict[str, object] | None = None
    if v.villkor is not None:
        villkor = {
            "text": v.villkor,
            "variabler": list(v.villkor_variabler),
            "koder": _villkorskoder(v),
        }
    return {
        "nummer": v.nummer,
        "ordning": ordning,
        "namn": v.namn,
        "ankare": _ankare_variabel(v),
        "brukarfraga": v.is_brukarfraga,
        "processteg": [s.value for s in v.processteg],
        "processteg_beror_pa_insats": len(v.processteg) > 1,
        "dataformat": v.dataformat.value,
        "flerval": v.flerval,
        "vardemangd": v.vardemangd.__name__ if v.vardemangd else None,
        "instruktion": v.instruktion,
        "harleds_fran": v.harleds_fran,
        "fraga": v.fraga,
        "kvalitetsomrade": v.kvalitetsomrade.value if v.kvalitetsomrade else None,
        "villkor": villkor,
        "anmarkning": v.anmarkning,
    }


def _katalog() -> dict[str, object]:
    """The whole export as plain data, keys in the documented order."""
    return {
        "format_version": FORMAT_VERSION,
        "bibliotek": BIBLIOTEK,
        "bibliotek_version": __version__,
        "spec": {
            "id": SPEC_VERSION,
            "titel": SPEC_TITEL,
            "utgivare": SPEC_UTGIVARE,
            "isbn": SPEC_ISBN,
        },
        "dataformat": [{"kod": d.value, "etikett": d.label} for d in Dataformat],
        "processteg": [
            {
                "kod": s.value,
                "etikett": s.label,
                "definition": s.definition,
                "skl_tillagg": s.is_skl_tillagg,
            }
            for s in Processteg
        ],
        "regel_beslut_och_insatstyp": {
            "variabler": [v.nummer for v in _regelvariabler()],
            "regel": _regeltext(),
            "kalla": REGEL_KALLA,
            "fall": [
                {
                    "bistandsbedomd": bistand,
                    "foljs_upp_av_myndighetsutovningen": myndighet,
                    "processteg": steg.value,
                }
                for bistand, myndighet, steg in _regelfall()
            ],
        },
        "kvalitetsomraden": [{"kod": k.value, "etikett": k.label} for k in Kvalitetsomrade],
        "vardemangder": {vm.__name__: _vardemangd(vm) for vm in VARDEMANGDER},
        "variabler": [_variabel(i, v) for i, v in enumerate(KATALOG, start=1)],
        "errata": [_erratum(e) for e in ERRATA],
    }


# --- JSON -------------------------------------------------------------------------------------


def katalog_json(utokningar: Sequence[Utokning] = ()) -> str:
    """The whole catalog as JSON (UTF-8 text, 2-space indent, keys in a fixed order).

    The structure is documented in the docs (``upphandling``) and in the JSON Schema
    :func:`katalog_json_schema`; ``format_version`` names its version.

    With loaded extensions (:mod:`socialtjanst_variabler.lokala`), a last key
    ``lokala`` lists each one's definition, keyed like its TOML file; without, the
    output is exactly the national export.
    """
    data = _katalog()
    if utokningar:
        from socialtjanst_variabler.lokala.generera import till_data

        data["lokala"] = [till_data(u) for u in utokningar]
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _schema_text(namn: str) -> str:
    return files("socialtjanst_variabler").joinpath("schemas", namn).read_text(encoding="utf-8")


def katalog_json_schema(*, med_lokala: bool = False) -> str:
    """The JSON Schema (draft 2020-12) that :func:`katalog_json` output satisfies.

    Shipped in the package as ``schemas/katalog.schema.json``. With *med_lokala*, the
    schema also allows the ``lokala`` key, each entry valid against
    ``schemas/utokning.schema.json`` (the definition file's schema).
    """
    text = _schema_text("katalog.schema.json")
    if not med_lokala:
        return text
    schema: dict[str, Any] = json.loads(text)
    utokning: dict[str, Any] = json.loads(_schema_text("utokning.schema.json"))
    # The nested "$id" keeps its "#/$defs/..." references pointing into itself.
    del utokning["$schema"]
    schema["$id"] += ":lokala"
    schema["properties"]["lokala"] = {
        "description": "Lokala utökningar, skilda från den nationella specifikationen.",
        "type": "array",
        "items": utokning,
    }
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"


# --- CSV --------------------------------------------------------------------------------------

#: The CSV header, in column order.
CSV_KOLUMNER: tuple[str, ...] = (
    "variabel",
    "namn",
    "processteg",
    "processteg_namn",
    "dataformat",
    "flerval",
    "vardemangd",
    "kod",
    "etikett",
    "definition",
    "utgangen",
    "spec",
    "bibliotek_version",
)


def _ja_nej(varde: bool) -> str:
    return "ja" if varde else "nej"


def _csv_rader() -> Iterable[Sequence[str]]:
    for v in KATALOG:
        gemensamt = (
            v.nummer,
            v.namn,
            "|".join(str(s.value) for s in v.processteg),
            "|".join(s.label for s in v.processteg),
            v.dataformat.value,
            _ja_nej(v.flerval),
        )
        metadata = (SPEC_VERSION, __version__)
        if v.vardemangd is None:
            yield (*gemensamt, "", "", "", "", "", *metadata)
            continue
        for m in v.vardemangd:
            kod = (str(m.value), m.label, m.definition or "", _ja_nej(m.retired))
            yield (*gemensamt, v.vardemangd.__name__, *kod, *metadata)


def _csv_lokala(utokningar: Sequence[Utokning]) -> Iterable[Sequence[str]]:
    for u in utokningar:
        for v in u.variabler:
            gemensamt = (
                v.referens,
                v.namn,
                str(v.processteg.value),
                v.processteg.label,
                v.dataformat.value,
                _ja_nej(v.flerval),
            )
            metadata = (u.id, __version__)
            if v.vardemangd is None:
                yield (*gemensamt, "", "", "", "", "", *metadata)
                continue
            for m in v.vardemangd:
                kod = (str(m.value), m.label, m.definition or "", _ja_nej(m.retired))
                yield (*gemensamt, v.vardemangd.__name__, *kod, *metadata)


def katalog_csv(utokningar: Sequence[Utokning] = ()) -> str:
    """One row per variable and code, like SKL's Excel file.

    RFC 4180: comma-separated, fields quoted only when needed, ``\\r\\n`` line ends; to
    be written as UTF-8 bytes without BOM. A variable without a value set (a date, the
    personnummer, the age) has one row with empty ``vardemangd``, ``kod``, ``etikett``,
    ``definition`` and ``utgangen``. The version and spec id are columns, not comment
    lines, which CSV readers do not understand.

    A loaded extension's rows follow the national ones: ``variabel`` is the local
    reference ``<id>:L1`` and ``spec`` the extension's id, so no local row can be taken
    for a national one.
    """
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_KOLUMNER)
    writer.writerows(_csv_rader())
    writer.writerows(_csv_lokala(utokningar))
    return buffer.getvalue()


# --- SQL --------------------------------------------------------------------------------------

_SQL_TABELLER = """\
CREATE TABLE metadata (
    nyckel TEXT PRIMARY KEY,
    varde TEXT NOT NULL
);

CREATE TABLE dataformat (
    kod TEXT PRIMARY KEY,
    etikett TEXT NOT NULL
);

CREATE TABLE processteg (
    kod INTEGER PRIMARY KEY,
    etikett TEXT NOT NULL UNIQUE,
    definition TEXT,
    skl_tillagg INTEGER NOT NULL CHECK (skl_tillagg IN (0, 1))
);

CREATE TABLE regel_beslut_och_insatstyp (
    bistandsbedomd INTEGER NOT NULL CHECK (bistandsbedomd IN (0, 1)),
    foljs_upp_av_myndighetsutovningen INTEGER NOT NULL
        CHECK (foljs_upp_av_myndighetsutovningen IN (0, 1)),
    processteg INTEGER NOT NULL REFERENCES processteg (kod),
    PRIMARY KEY (bistandsbedomd, foljs_upp_av_myndighetsutovningen)
);

CREATE TABLE kvalitetsomrade (
    kod INTEGER PRIMARY KEY,
    etikett TEXT NOT NULL
);

CREATE TABLE vardemangd (
    namn TEXT PRIMARY KEY,
    ordning INTEGER NOT NULL UNIQUE
);

CREATE TABLE vardemangd_kod (
    vardemangd TEXT NOT NULL REFERENCES vardemangd (namn),
    kod INTEGER NOT NULL,
    konstant TEXT NOT NULL,
    etikett TEXT NOT NULL,
    definition TEXT,
    utgangen INTEGER NOT NULL CHECK (utgangen IN (0, 1)),
    exklusiv INTEGER NOT NULL CHECK (exklusiv IN (0, 1)),
    PRIMARY KEY (vardemangd, kod)
);

CREATE TABLE variabel (
    nummer TEXT PRIMARY KEY,
    ordning INTEGER NOT NULL UNIQUE,
    namn TEXT NOT NULL,
    brukarfraga INTEGER NOT NULL CHECK (brukarfraga IN (0, 1)),
    processteg_beror_pa_insats INTEGER NOT NULL CHECK (processteg_beror_pa_insats IN (0, 1)),
    dataformat TEXT NOT NULL REFERENCES dataformat (kod),
    flerval INTEGER NOT NULL CHECK (flerval IN (0, 1)),
    vardemangd TEXT REFERENCES vardemangd (namn),
    instruktion TEXT NOT NULL,
    harleds_fran TEXT REFERENCES variabel (nummer),
    fraga TEXT,
    kvalitetsomrade INTEGER REFERENCES kvalitetsomrade (kod),
    villkor TEXT,
    anmarkning TEXT
);

CREATE TABLE variabel_processteg (
    variabel TEXT NOT NULL REFERENCES variabel (nummer),
    processteg INTEGER NOT NULL REFERENCES processteg (kod),
    PRIMARY KEY (variabel, processteg)
);

CREATE TABLE variabel_villkor (
    variabel TEXT NOT NULL REFERENCES variabel (nummer),
    villkorsvariabel TEXT NOT NULL REFERENCES variabel (nummer),
    kod INTEGER NOT NULL,
    PRIMARY KEY (variabel, villkorsvariabel, kod)
);

CREATE TABLE erratum (
    ordning INTEGER PRIMARY KEY,
    plats TEXT NOT NULL,
    original TEXT NOT NULL,
    rattelse TEXT NOT NULL,
    motivering TEXT NOT NULL,
    variabel TEXT REFERENCES variabel (nummer),
    vardemangd TEXT,
    kod INTEGER
);
"""

_SqlVarde = str | int | bool | None


def _sql_varde(varde: _SqlVarde) -> str:
    """A SQL literal: NULL, 0/1 for a bool, an integer, or a string with ' doubled."""
    if varde is None:
        return "NULL"
    if isinstance(varde, bool):
        return "1" if varde else "0"
    if isinstance(varde, int):
        return str(varde)
    return "'" + varde.replace("'", "''") + "'"


def _insert(tabell: str, kolumner: Sequence[str], rader: Iterable[Sequence[_SqlVarde]]) -> str:
    huvud = f"INSERT INTO {tabell} ({', '.join(kolumner)}) VALUES ("
    return "".join(huvud + ", ".join(_sql_varde(varde) for varde in rad) + ");\n" for rad in rader)


def _sql_rader() -> Iterable[str]:
    yield _insert(
        "metadata",
        ("nyckel", "varde"),
        [
            ("format_version", FORMAT_VERSION),
            ("bibliotek", BIBLIOTEK),
            ("bibliotek_version", __version__),
            ("spec_id", SPEC_VERSION),
            ("spec_titel", SPEC_TITEL),
            ("spec_utgivare", SPEC_UTGIVARE),
            ("spec_isbn", SPEC_ISBN),
        ],
    )
    yield _insert("dataformat", ("kod", "etikett"), [(d.value, d.label) for d in Dataformat])
    yield _insert(
        "processteg",
        ("kod", "etikett", "definition", "skl_tillagg"),
        [(s.value, s.label, s.definition, s.is_skl_tillagg) for s in Processteg],
    )
    yield _insert(
        "regel_beslut_och_insatstyp",
        ("bistandsbedomd", "foljs_upp_av_myndighetsutovningen", "processteg"),
        [(bistand, myndighet, steg.value) for bistand, myndighet, steg in _regelfall()],
    )
    yield _insert(
        "kvalitetsomrade", ("kod", "etikett"), [(k.value, k.label) for k in Kvalitetsomrade]
    )
    yield _insert(
        "vardemangd",
        ("namn", "ordning"),
        [(vm.__name__, i) for i, vm in enumerate(VARDEMANGDER, start=1)],
    )
    for vm in VARDEMANGDER:
        exklusiva = _EXKLUSIVA.get(vm, frozenset())
        yield _insert(
            "vardemangd_kod",
            ("vardemangd", "kod", "konstant", "etikett", "definition", "utgangen", "exklusiv"),
            [
                (vm.__name__, m.value, m.name, m.label, m.definition, m.retired, m in exklusiva)
                for m in vm
            ],
        )
    kolumner = (
        "nummer",
        "ordning",
        "namn",
        "brukarfraga",
        "processteg_beror_pa_insats",
        "dataformat",
        "flerval",
        "vardemangd",
        "instruktion",
        "harleds_fran",
        "fraga",
        "kvalitetsomrade",
        "villkor",
        "anmarkning",
    )
    yield _insert(
        "variabel",
        kolumner,
        [
            (
                v.nummer,
                i,
                v.namn,
                v.is_brukarfraga,
                len(v.processteg) > 1,
                v.dataformat.value,
                v.flerval,
                v.vardemangd.__name__ if v.vardemangd else None,
                v.instruktion,
                v.harleds_fran,
                v.fraga,
                v.kvalitetsomrade.value if v.kvalitetsomrade else None,
                v.villkor,
                v.anmarkning,
            )
            for i, v in enumerate(KATALOG, start=1)
        ],
    )
    yield _insert(
        "variabel_processteg",
        ("variabel", "processteg"),
        [(v.nummer, s.value) for v in KATALOG for s in v.processteg],
    )
    yield _insert(
        "variabel_villkor",
        ("variabel", "villkorsvariabel", "kod"),
        [
            (v.nummer, nummer, kod)
            for v in KATALOG
            for nummer in v.villkor_variabler
            for kod in _villkorskoder(v)
        ],
    )
    yield _insert(
        "erratum",
        ("ordning", "plats", "original", "rattelse", "motivering", "variabel", "vardemangd", "kod"),
        [
            (
                i,
                e.plats,
                e.original,
                e.rattelse,
                e.motivering,
                e.variabel,
                e.vardemangd,
                e.kod,
            )
            for i, e in enumerate(ERRATA, start=1)
        ],
    )


_SQL_LOKALA = """\
CREATE TABLE lokal_utokning (
    id TEXT PRIMARY KEY,
    ordning INTEGER NOT NULL UNIQUE,
    namn TEXT NOT NULL,
    version TEXT NOT NULL,
    bygger_pa TEXT NOT NULL,
    beskrivning TEXT,
    kalla TEXT
);

CREATE TABLE lokal_anvands_inte (
    utokning TEXT NOT NULL REFERENCES lokal_utokning (id),
    variabel TEXT NOT NULL REFERENCES variabel (nummer),
    PRIMARY KEY (utokning, variabel)
);

CREATE TABLE lokal_vardemangd (
    utokning TEXT NOT NULL REFERENCES lokal_utokning (id),
    namn TEXT NOT NULL,
    overordnad TEXT REFERENCES vardemangd (namn),
    beskrivning TEXT,
    PRIMARY KEY (utokning, namn)
);

CREATE TABLE lokal_vardemangd_kod (
    utokning TEXT NOT NULL,
    vardemangd TEXT NOT NULL,
    kod INTEGER NOT NULL,
    konstant TEXT NOT NULL,
    etikett TEXT NOT NULL,
    definition TEXT,
    overordnad TEXT,
    overordnad_kod INTEGER,
    PRIMARY KEY (utokning, vardemangd, kod),
    FOREIGN KEY (utokning, vardemangd) REFERENCES lokal_vardemangd (utokning, namn),
    FOREIGN KEY (overordnad, overordnad_kod) REFERENCES vardemangd_kod (vardemangd, kod)
);

CREATE TABLE lokal_variabel (
    utokning TEXT NOT NULL REFERENCES lokal_utokning (id),
    nummer TEXT NOT NULL,
    ordning INTEGER NOT NULL,
    namn TEXT NOT NULL,
    processteg INTEGER NOT NULL REFERENCES processteg (kod),
    niva TEXT NOT NULL CHECK (niva IN ('arende', 'insats', 'uppfoljning', 'avslut')),
    dataformat TEXT NOT NULL REFERENCES dataformat (kod),
    flerval INTEGER NOT NULL CHECK (flerval IN (0, 1)),
    lokal_vardemangd TEXT,
    nationell_vardemangd TEXT REFERENCES vardemangd (namn),
    fraga TEXT,
    beskrivning TEXT,
    minst INTEGER,
    hogst INTEGER,
    PRIMARY KEY (utokning, nummer),
    FOREIGN KEY (utokning, lokal_vardemangd) REFERENCES lokal_vardemangd (utokning, namn)
);
"""


_LOKAL_VARIABEL_KOLUMNER = (
    "utokning",
    "nummer",
    "ordning",
    "namn",
    "processteg",
    "niva",
    "dataformat",
    "flerval",
    "lokal_vardemangd",
    "nationell_vardemangd",
    "fraga",
    "beskrivning",
    "minst",
    "hogst",
)


def _sql_lokala(utokningar: Sequence[Utokning]) -> Iterable[str]:
    from socialtjanst_variabler.lokala import LokalVardemangd

    yield _insert(
        "lokal_utokning",
        ("id", "ordning", "namn", "version", "bygger_pa", "beskrivning", "kalla"),
        [
            (u.id, i, u.namn, u.version, u.bygger_pa, u.beskrivning, u.kalla)
            for i, u in enumerate(utokningar, start=1)
        ],
    )
    yield _insert(
        "lokal_anvands_inte",
        ("utokning", "variabel"),
        [(u.id, nummer) for u in utokningar for nummer in u.anvands_inte],
    )
    yield _insert(
        "lokal_vardemangd",
        ("utokning", "namn", "overordnad", "beskrivning"),
        [
            (
                u.id,
                vm.__name__,
                vm.overordnad_vardemangd.__name__ if vm.overordnad_vardemangd else None,
                vm.beskrivning,
            )
            for u in utokningar
            for vm in u.vardemangder
        ],
    )
    yield _insert(
        "lokal_vardemangd_kod",
        (
            "utokning",
            "vardemangd",
            "kod",
            "konstant",
            "etikett",
            "definition",
            "overordnad",
            "overordnad_kod",
        ),
        [
            (
                u.id,
                vm.__name__,
                m.value,
                m.name,
                m.label,
                m.definition,
                type(m.overordnad).__name__ if m.overordnad is not None else None,
                m.overordnad.value if m.overordnad is not None else None,
            )
            for u in utokningar
            for vm in u.vardemangder
            for m in vm
        ],
    )
    yield _insert(
        "lokal_variabel",
        _LOKAL_VARIABEL_KOLUMNER,
        [
            (
                u.id,
                v.nummer,
                i,
                v.namn,
                v.processteg.value,
                v.niva.value,
                v.dataformat.value,
                v.flerval,
                v.vardemangd.__name__
                if v.vardemangd and issubclass(v.vardemangd, LokalVardemangd)
                else None,
                v.vardemangd.__name__
                if v.vardemangd and not issubclass(v.vardemangd, LokalVardemangd)
                else None,
                v.fraga,
                v.beskrivning,
                v.minst,
                v.hogst,
            )
            for u in utokningar
            for i, v in enumerate(u.variabler, start=1)
        ],
    )


def katalog_sql(utokningar: Sequence[Utokning] = ()) -> str:
    """Code tables with their rows, as one SQL script for PostgreSQL and SQLite.

    Portable DDL only (``TEXT``, ``INTEGER``, ``PRIMARY KEY``, ``REFERENCES``, ``CHECK``;
    booleans as ``INTEGER`` 0/1), one ``INSERT`` per row in dependency order, strings in
    single quotes with ``'`` doubled. No transaction and no ``DROP``: run it in the
    transaction and schema of your choice.

    With loaded extensions, tables of their own (``lokal_utokning``,
    ``lokal_anvands_inte``, ``lokal_vardemangd``, ``lokal_vardemangd_kod``,
    ``lokal_variabel``) follow the national ones; a roll-up code references its national
    code in ``vardemangd_kod``. Without, the output is exactly the national export.
    """
    huvud = (
        f"-- {BIBLIOTEK} {__version__}: {SPEC_VERSION} som kodtabeller"
        f" (format_version {FORMAT_VERSION}).\n"
        "-- Genererad ur bibliotekets kod; ändra inte för hand.\n"
        "-- Körs i PostgreSQL och SQLite.\n\n"
    )
    sql = huvud + _SQL_TABELLER + "\n" + "\n".join(_sql_rader())
    if utokningar:
        sql += "\n-- Lokala utökningar, skilda från den nationella specifikationen.\n\n"
        sql += _SQL_LOKALA + "\n" + "\n".join(_sql_lokala(utokningar))
    return sql


def _arende_schema_med_lokala(utokningar: Sequence[Utokning]) -> str:
    from socialtjanst_variabler.lokala.varden import arende_schema_med_lokala, register

    if not utokningar:
        return arende_schema_json()
    schema = arende_schema_med_lokala(register(utokningar))
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"


def _katalog_schema_med_lokala(utokningar: Sequence[Utokning]) -> str:
    return katalog_json_schema(med_lokala=bool(utokningar))


#: The export formats of ``socialtjanst-variabler export --format NAME``, in help order.
FORMAT: dict[str, Callable[[], str]] = {
    "json": katalog_json,
    "csv": katalog_csv,
    "sql": katalog_sql,
    "katalogschema": katalog_json_schema,
    "jsonschema": arende_schema_json,
}

#: The same formats with loaded extensions (``socialtjanst-variabler lokala export``);
#: with an empty sequence each gives exactly the national export.
FORMAT_MED_LOKALA: dict[str, Callable[[Sequence[Utokning]], str]] = {
    "json": katalog_json,
    "csv": katalog_csv,
    "sql": katalog_sql,
    "katalogschema": _katalog_schema_med_lokala,
    "jsonschema": _arende_schema_med_lokala,
}
