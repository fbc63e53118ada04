"""Pooled statistics: several pseudonymised extracts merged and compared per municipality.

Each municipality pseudonymises its extract with the collection's shared key
(:mod:`socialtjanst_variabler.identitet.pseudonym`); a region or a national authority
loads the files together with :func:`bygg_poolade`. The analysis tables are those of a
single extract (:mod:`~socialtjanst_variabler.statistik.tabeller`) with two more columns
in ``arende`` (``kommun`` and ``person_id_kalla``) and the file in ``utesluten``:

* the person pseudonym is the person key, so a person who moved between municipalities
  is one person in the pooled reports;
* an ärende whose pseudonymised case id was already read (in the same or an earlier file)
  is a duplicate: it is kept once (the first read) and recorded in ``utesluten`` with its
  file and line (:attr:`Poolade.dubbletter`);
* every pseudonym of one load carries the same key id; another key is refused
  (:class:`BlandadeNycklar`), since the same person has unrelated pseudonyms under two
  keys;
* a line that does not match the pseudonymised form is refused with its file and line
  (:class:`OgiltigRad`): nothing is loaded.

Two loaders give identical tables (a property test holds them to it): ``motor="duckdb"``
(default) reads the files with DuckDB's own JSON reader and computes every derived column
in SQL, without the Python record model (an order of magnitude faster; checks the
pseudonymised form: keys, types, pseudonyms and key id, kommunkod, value sets, dates; reads
the files in rounds of ``omgang`` bytes, so that a round and a small index of every line,
not the whole pool, bound DuckDB's temporary files);
``motor="python"`` reads each line into the record model (which also runs its consistency
checks) and flattens it with :func:`~socialtjanst_variabler.statistik.tabeller.rader`.

ärenden are numbered by municipality, then file and line, so that each municipality's
rows form one range of keys; its reports run the unchanged report SQL over views of that
range in a schema of its own (``kommun_0180``), chosen by ``search_path``
(:meth:`Poolade.jamforelse`). The same views work on PostgreSQL.

Example:
    >>> from socialtjanst_variabler.statistik import Period
    >>> p = bygg_poolade(["examples/pseudonym-0180.jsonl", "examples/pseudonym-1480.jsonl"])
    >>> p.kommuner, p.arenden, p.nyckel_id
    (('0180', '1480'), 331, 'vdoldnkt')
    >>> j = p.jamforelse("R1", period=Period.ar(2025))
    >>> for k in j.tabeller[0].kolumner[:4]:
    ...     print(k.rubrik)
    Juridiskt kön
    Alla: Pågående dagen före s
    0180: Pågående dagen före s
    1480: Pågående dagen före s
    >>> [c.varde for c in j.tabeller[0].rader[-1][:4]]
    ['Totalt', 97, 53, 44]
    >>> p.close()
"""

from __future__ import annotations

import codecs
import contextlib
import functools
import itertools
import json
import re
from collections.abc import Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import Any, Final

import attrs

from socialtjanst_variabler._datum import alder
from socialtjanst_variabler.errors import ValidationError, mask
from socialtjanst_variabler.statistik.aldersband import STANDARD, Aldersband
from socialtjanst_variabler.statistik.databas import (
    _MINNE,
    _sql_text,
    duckdb,
    ladda_duckdb,
    rapport_av,
    skapa_tabeller,
    skriv_parquet,
)
from socialtjanst_variabler.statistik.rapporter import RAPPORTER, period_sql, sql, tolka
from socialtjanst_variabler.statistik.resultat import (
    STANDARDMASKERING,
    Cell,
    Maskering,
    Period,
    Rapport,
    Slag,
    Status,
    Tabell,
)
from socialtjanst_variabler.statistik.tabeller import TABELL, TABELLER, Rader, datumnyckel, rader

__all__ = [
    "ALLA",
    "DUBBLETT",
    "OMGANG",
    "SCHEMAPREFIX",
    "BlandadeNycklar",
    "Dubblett",
    "Jamforelse",
    "OgiltigRad",
    "Poolade",
    "bygg_poolade",
    "schema_for",
    "skapa_kommunvyer",
]

#: The reason recorded in ``utesluten`` for an ärende read twice.
DUBBLETT: Final = "dubblett"
#: The heading of the pooled total in a comparison.
ALLA: Final = "Alla"

_NYCKEL_FEL = re.compile(r"pseudonymer från olika nycklar .*nyckel-id ([a-z2-7]+) men ([a-z2-7]+)")


class OgiltigRad(ValidationError):
    """A line of a pooled file that does not match the pseudonymised form.

    Attributes:
        fil: the file, as given (masked, as every message).
        radnummer: the line (1 is the first).
        problem: what is wrong, with its JSON path.
    """

    def __init__(self, fil: str, radnummer: int | None, problem: str) -> None:
        self.fil = mask(fil)
        self.radnummer = radnummer
        self.problem = mask(problem)
        var = f"{fil}, rad {radnummer}" if radnummer is not None else fil
        # Masked as every message: a file name or a line's text could hold a personnummer.
        super().__init__(mask(f"{var}: {problem} (inget lästes in)"))


class BlandadeNycklar(OgiltigRad):
    """A pseudonym of another key than the load's: pooled data never mix keys.

    Attributes:
        forvantad: the load's key id (of the first pseudonym read).
        funnen: the key id found on the line.
    """

    def __init__(self, fil: str, radnummer: int | None, forvantad: str, funnen: str) -> None:
        self.forvantad = forvantad
        self.funnen = funnen
        super().__init__(
            fil,
            radnummer,
            f"pseudonymer från olika nycklar kan inte slås samman: nyckel-id {funnen} men "
            f"{forvantad} väntades (samma person har olika pseudonymer under olika nycklar)",
        )


@attrs.frozen
class Dubblett:
    """An ärende read twice: where the copy is, and where the ärende was first read."""

    fil: str
    radnummer: int
    forsta_fil: str
    forsta_radnummer: int


#: The bytes of JSON :func:`bygg_poolade` reads in one round by default. With it and a
#: 4 GB memory limit, 50 million ärenden (36 GB of JSON) loaded with at most 10.6 GB on
#: disk beside the JSON, database file and temporary files together.
OMGANG: Final = 2_000_000_000

#: The name of a municipality's schema of views, before its kommunkod.
SCHEMAPREFIX: Final = "kommun_"


def schema_for(kommun: str, prefix: str = SCHEMAPREFIX) -> str:
    """The schema of *kommun*'s views (``kommun_0180``); the code is checked (SCB's list).

    Example:
        >>> schema_for("0180")
        'kommun_0180'
    """
    from socialtjanst_variabler.identitet.kommunkoder import validera_kommunkod

    validera_kommunkod(kommun)
    return f"{prefix}{kommun}"


def _kor(con: Any, text: str) -> list[tuple[Any, ...]]:
    # On the connection itself, not a cursor: a DuckDB cursor is a session of its own,
    # without the temporary tables, macros and search_path set here.
    res = con.execute(text)
    return list(res.fetchall()) if res.description else []


# --- the pseudonymised form, read from its JSON Schema --------------------------------------


@attrs.frozen
class _Nod:
    """One node of the pseudonymised form: what JSON it takes and what values."""

    slag: str  # "objekt", "lista", "heltal", "text", "bool", "datum", "pseudonym"
    nullbar: bool = True
    falt: tuple[tuple[str, _Nod], ...] = ()
    element: _Nod | None = None
    koder: tuple[Any, ...] | None = None
    minst: int | None = None
    hogst: int | None = None
    minst_en: bool = False  # a multi-choice list: at least one code, each once
    ensam: tuple[int, ...] = ()  # codes that may only be chosen alone (samverkan 11, 12)
    kravd: bool = True  # present and not null (a required field, a list element)


def _form() -> _Nod:
    from socialtjanst_variabler.identitet.pseudonym import pseudonymiserat_schema

    schema = pseudonymiserat_schema()
    defs: dict[str, Any] = schema["$defs"]

    def los(s: dict[str, Any]) -> dict[str, Any]:
        while "$ref" in s:
            ref = s["$ref"].rsplit("/", 1)[1]
            s = {**defs[ref], **{k: v for k, v in s.items() if k != "$ref"}}
        return s

    def nod(s: dict[str, Any]) -> _Nod:  # noqa: PLR0911 - one return per kind of node
        s = los(s)
        nullbar = False
        if "anyOf" in s and any(los(a).get("type") == "null" for a in s["anyOf"]):
            nullbar = True
            s = los(next(a for a in s["anyOf"] if los(a).get("type") != "null"))
        typ = s.get("type")
        if typ == "object":
            kravda = set(s.get("required", ()))
            # Local variables do not come along into pooled statistics (yet): a line that
            # has them is refused as not of the form, on both paths alike.
            falt = tuple(
                (k, attrs.evolve(nod(v), kravd=k in kravda))
                for k, v in s["properties"].items()
                if k != "lokala"
            )
            return _Nod("objekt", nullbar, falt=falt)
        if typ == "array":
            ensam: tuple[int, ...] = ()
            for villkor in s.get("anyOf", ()):
                ensam += tuple(villkor.get("items", {}).get("not", {}).get("enum", ()))
            return _Nod(
                "lista",
                nullbar,
                element=attrs.evolve(nod(s["items"]), nullbar=False, kravd=True),
                minst_en="minItems" in s,
                ensam=ensam,
            )
        if typ == "boolean":
            return _Nod("bool", nullbar)
        if typ == "string":
            if s.get("format") == "date":
                return _Nod("datum", nullbar)
            if "pattern" in s and "_" in s["pattern"]:
                return _Nod("pseudonym", nullbar)
            return _Nod("text", nullbar, koder=tuple(s["enum"]))
        if "enum" in s and all(isinstance(v, str) for v in s["enum"]):
            return _Nod("text", nullbar, koder=tuple(s["enum"]))
        koder = tuple(s["enum"]) if "enum" in s else None
        return _Nod("heltal", nullbar, koder=koder, minst=s.get("minimum"), hogst=s.get("maximum"))

    return nod(schema)


@functools.cache
def _formen() -> _Nod:
    """The pseudonymised form, read once from its JSON Schema."""
    return _form()


def _struktur_fel(s: object, n: _Nod, sokvag: str) -> str | None:  # noqa: PLR0911 - per kind
    """What is wrong with the JSON structure *s* (from DuckDB's ``json_structure``)."""
    if s == "NULL":  # null, or (merged over a list) null in every element
        return None if n.nullbar or sokvag.endswith("]") else f"får inte vara null @ {sokvag}"
    if n.slag == "objekt":
        if s == "JSON":  # an empty object
            return None
        if not isinstance(s, dict):
            return f"ska vara ett JSON-objekt @ {sokvag}"
        falt = dict(n.falt)
        for k, v in s.items():
            if k not in falt:
                return f"hör inte till den pseudonymiserade formen @ {sokvag}.{k}"
            if (fel := _struktur_fel(v, falt[k], f"{sokvag}.{k}")) is not None:
                return fel
        return None
    if n.slag == "lista":
        if not isinstance(s, list):
            return f"ska vara en lista @ {sokvag}"
        assert n.element is not None
        return _struktur_fel(s[0], n.element, f"{sokvag}[]")
    vantat = {"heltal": ("UBIGINT", "BIGINT"), "bool": ("BOOLEAN",)}.get(n.slag, ("VARCHAR",))
    if s not in vantat:
        namn = {"heltal": "ett heltal", "bool": "true eller false"}.get(n.slag, "en sträng")
        return f"ska vara {namn} @ {sokvag}"
    return None


def _typ(n: _Nod, datum: str = "VARCHAR") -> str:
    """The DuckDB type of *n* (dates as *datum*)."""
    if n.slag == "objekt":
        return "STRUCT(" + ", ".join(f'"{k}" {_typ(v, datum)}' for k, v in n.falt) + ")"
    if n.slag == "lista":
        assert n.element is not None
        return _typ(n.element, datum) + "[]"
    return {"heltal": "BIGINT", "bool": "BOOLEAN", "datum": datum}.get(n.slag, "VARCHAR")


def _json_typ(n: _Nod) -> Any:
    """The structure argument of ``json_transform`` for *n* (dates as text)."""
    if n.slag == "objekt":
        return {k: _json_typ(v) for k, v in n.falt}
    if n.slag == "lista":
        assert n.element is not None
        return [_json_typ(n.element)]
    # HUGEINT: a number beyond BIGINT would become NULL, not a value the checks refuse.
    return {"heltal": "HUGEINT", "bool": "BOOLEAN"}.get(n.slag, "VARCHAR")


def _lit(v: Any) -> str:
    return f"'{v}'" if isinstance(v, str) else str(v)


def _kontroller(  # noqa: PLR0912 - one branch per kind of node
    n: _Nod, e: str, sokvag: str, niva: int = 0
) -> Iterator[tuple[str, str]]:
    """(SQL that is true when the value *e* is fine, the problem) for *n* and below."""
    if n.slag == "objekt":
        if n.kravd:  # a required object, or an element of a list (null in insatser)
            yield f"{e} IS NOT NULL", f"saknas eller är null @ {sokvag}"
        for k, v in n.falt:
            for villkor, problem in _kontroller(v, f'{e}."{k}"', f"{sokvag}.{k}", niva):
                yield f"({e} IS NULL OR {villkor})", problem
        return
    if n.slag == "lista":
        assert n.element is not None
        x = f"x{niva}"
        if n.minst_en:
            yield (
                f"({e} IS NULL OR (len({e}) >= 1 AND len(list_distinct({e})) = len({e})))",
                f"ska vara en lista med minst en kod, var och en en gång @ {sokvag}",
            )
        if n.ensam:
            koder = ", ".join(map(str, n.ensam))
            yield (
                f"({e} IS NULL OR len({e}) = 1 OR NOT list_has_any({e}, [{koder}]))",
                f"koderna {koder} kan bara väljas ensamma @ {sokvag}",
            )
        for villkor, problem in _kontroller(n.element, x, f"{sokvag}[]", niva + 1):
            yield (
                f"coalesce(list_bool_and(list_transform({e}, lambda {x}: {villkor})), true)",
                problem,
            )
        return
    if n.kravd:
        yield f"{e} IS NOT NULL", f"saknas eller är null @ {sokvag}"
    ok: str | None = None
    problem = ""
    if n.koder is not None:
        ok = f"list_contains([{', '.join(_lit(k) for k in n.koder)}], {e})"
        problem = f"ska vara en av {', '.join(str(k) for k in n.koder)} @ {sokvag}"
    elif n.minst is not None:
        ok = f"{e} BETWEEN {n.minst} AND {n.hogst}"
        problem = f"ska vara ett heltal {n.minst}–{n.hogst} @ {sokvag}"
    elif n.slag == "datum":
        ok = (
            f"(regexp_full_match({e}, '[0-9]{{4}}-[0-9]{{2}}-[0-9]{{2}}') "
            f"AND try_cast({e} AS DATE) IS NOT NULL)"
        )
        problem = f"ska vara ett datum ÅÅÅÅ-MM-DD @ {sokvag}"
    elif n.slag == "pseudonym":
        ok = f"regexp_full_match({e}, '[a-z2-7]{{8}}_[a-z2-7]{{32}}')"
        problem = f"inte en pseudonym (nyckel-id, understreck, 32 tecken a–z och 2–7) @ {sokvag}"
    if ok is not None:
        yield f"({e} IS NULL OR {ok})", problem


_DATUM = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_PSEUDONYM = re.compile(r"[a-z2-7]{8}_[a-z2-7]{32}")


def _form_fel(v: Any, n: _Nod, sokvag: str) -> str | None:  # noqa: PLR0911, PLR0912 - per kind
    """What is wrong with the JSON value *v* for *n*: the checks of the SQL path, in Python.

    The record model reads some things the form does not allow (a code as text, a null
    birth year); the pooled load refuses them on both paths alike.
    """
    if v is None:
        return None if n.nullbar else f"får inte vara null @ {sokvag}"
    if n.slag == "objekt":
        if type(v) is not dict:
            return f"ska vara ett JSON-objekt @ {sokvag}"
        falt = dict(n.falt)
        for k in v:
            if k not in falt:
                return f"hör inte till den pseudonymiserade formen @ {sokvag}.{k}"
        for k, barn in n.falt:
            if barn.kravd and v.get(k) is None:
                return f"saknas eller är null @ {sokvag}.{k}"
            if k in v and (fel := _form_fel(v[k], barn, f"{sokvag}.{k}")) is not None:
                return fel
        return None
    if n.slag == "lista":
        if type(v) is not list:
            return f"ska vara en lista @ {sokvag}"
        assert n.element is not None
        if n.minst_en and (not v or len(set(map(repr, v))) != len(v)):
            return f"ska vara en lista med minst en kod, var och en en gång @ {sokvag}"
        if n.ensam and len(v) > 1 and set(v) & set(n.ensam):
            koder = ", ".join(map(str, n.ensam))
            return f"koderna {koder} kan bara väljas ensamma @ {sokvag}"
        for x in v:
            if x is None:
                return f"saknas eller är null @ {sokvag}[]"
            if (fel := _form_fel(x, n.element, f"{sokvag}[]")) is not None:
                return fel
        return None
    typ: type = {"heltal": int, "bool": bool}.get(n.slag, str)
    if type(v) is not typ:
        namn = {"heltal": "ett heltal", "bool": "true eller false"}.get(n.slag, "en sträng")
        return f"ska vara {namn} @ {sokvag}"
    return _skalar_fel(v, n, sokvag)


def _skalar_fel(v: Any, n: _Nod, sokvag: str) -> str | None:
    """What is wrong with the value *v* of the right JSON type for *n*."""
    if n.koder is not None and v not in n.koder:
        return f"ska vara en av {', '.join(str(k) for k in n.koder)} @ {sokvag}"
    if n.minst is not None and not n.minst <= v <= (n.hogst or v):
        return f"ska vara ett heltal {n.minst}–{n.hogst} @ {sokvag}"
    if n.slag == "datum":
        try:
            date.fromisoformat(v)
        except ValueError:
            return f"ska vara ett datum ÅÅÅÅ-MM-DD @ {sokvag}"
        if not _DATUM.fullmatch(v):
            return f"ska vara ett datum ÅÅÅÅ-MM-DD @ {sokvag}"
    if n.slag == "pseudonym" and not _PSEUDONYM.fullmatch(v):
        return f"inte en pseudonym (nyckel-id, understreck, 32 tecken a–z och 2–7) @ {sokvag}"
    return None


# --- loading with DuckDB's JSON reader ------------------------------------------------------


def _makron(band: Aldersband) -> tuple[str, ...]:
    """Age and age band at a date from the birth interval, as :func:`_alder_ur` computes."""
    sista = 130
    etiketter = ", ".join(_sql_text(band.band(a, a)) for a in range(sista + 1))
    okand = _sql_text(band.okand)
    skottar = "((year(v) % 4 = 0 AND year(v) % 100 <> 0) OR year(v) % 400 = 0)"
    return (
        "CREATE OR REPLACE TEMP MACRO _p_alder(f, v) AS year(v) - year(f) - CASE WHEN "
        "month(v) * 100 + day(v) < month(f) * 100 + CASE WHEN month(f) = 2 AND day(f) = 29 "
        f"AND NOT {skottar} THEN 28 ELSE day(f) END THEN 1 ELSE 0 END",
        "CREATE OR REPLACE TEMP MACRO _p_lag(lo, hi, v) AS CASE WHEN v IS NULL OR lo IS NULL "
        "OR v < lo THEN NULL ELSE greatest(_p_alder(hi, v), 0) END",
        "CREATE OR REPLACE TEMP MACRO _p_hog(lo, hi, v) AS CASE WHEN v IS NULL OR lo IS NULL "
        "OR v < lo THEN NULL ELSE _p_alder(lo, v) END",
        "CREATE OR REPLACE TEMP MACRO _p_ald(lo, hi, v) AS CASE WHEN _p_lag(lo, hi, v) = "
        "_p_hog(lo, hi, v) THEN _p_lag(lo, hi, v) END",
        f"CREATE OR REPLACE TEMP MACRO _p_etikett(a) AS ([{etiketter}])[least(a, {sista}) + 1]",
        "CREATE OR REPLACE TEMP MACRO _p_band(lo, hi, v) AS CASE WHEN _p_lag(lo, hi, v) IS "
        f"NULL THEN {okand} WHEN _p_etikett(_p_lag(lo, hi, v)) = _p_etikett(_p_hog(lo, hi, v)) "
        f"THEN _p_etikett(_p_lag(lo, hi, v)) ELSE {okand} END",
        "CREATE OR REPLACE TEMP MACRO _p_dagar(a, b) AS CASE WHEN b >= a THEN b - a END",
        "CREATE OR REPLACE TEMP MACRO _p_bakvand(a, b) AS coalesce(b < a, false)",
    )


def _kolumner(tabell: str) -> str:
    # Only this module's columns and those before them: columns other features add at the
    # end of a table are left NULL here (their loaders fill them).
    namn = TABELL[tabell].kolumnnamn
    return ", ".join(namn[: namn.index(_SISTA[tabell]) + 1])


_SISTA = {
    "arende": "person_id_kalla",
    "insats": "maluppfyllelse_vid_avslut",
    "uppfoljning": "aldersband",
    "utesluten": "fil",
}

_ARENDE_SQL = """
INSERT INTO arende ({kolumner})
SELECT arende_nr, rad, person_id, akt, slut, juridiskt_kon, ursprung,
  CASE WHEN ursprung IN (1, 2) THEN 1 WHEN ursprung IN (3, 4) THEN 2
    WHEN ursprung IS NOT NULL THEN 3 END,
  hushallstyp, tidigare_kontakt,
  year(lo) * 10000 + month(lo) * 100 + day(lo), year(hi) * 10000 + month(hi) * 100 + day(hi),
  _p_ald(lo, hi, akt), _p_band(lo, hi, akt), _p_ald(lo, hi, slut), _p_band(lo, hi, slut),
  forsta, _p_dagar(akt, forsta), _p_bakvand(akt, forsta),
  _p_dagar(akt, slut), _p_bakvand(akt, slut), coalesce(len(insatser), 0), kommun, person_id_kalla
FROM (
  SELECT *,
    CASE WHEN avslut_utan_insats IS NOT NULL THEN avslut_utan_insats.datum
      WHEN coalesce(len(insatser), 0) = 0 THEN NULL
      WHEN list_bool_or(list_transform(insatser, lambda i: (CASE WHEN i.beslut = 3
        THEN i.beslutsdatum ELSE i.avslut.datum END) IS NULL)) THEN NULL
      ELSE list_max(list_transform(insatser, lambda i: CASE WHEN i.beslut = 3
        THEN i.beslutsdatum ELSE i.avslut.datum END)) END AS slut,
    list_min(list_transform(insatser, lambda i: i.beslutsdatum)) AS forsta
  FROM (SELECT *, aktualiseringsdatum AS akt FROM _p_arende)
)
"""

_INSATS_SQL = """
INSERT INTO insats ({kolumner})
SELECT insats_nr, arende_nr, ordning, i.beslutsdatum, i.beslut, i.verkstallighetsdatum,
  i.avslut.datum, i.avslut.genomforande, i.avslut.avslutsorsak,
  _p_ald(lo, hi, i.verkstallighetsdatum), _p_band(lo, hi, i.verkstallighetsdatum),
  _p_ald(lo, hi, i.avslut.datum), _p_band(lo, hi, i.avslut.datum),
  _p_dagar(i.beslutsdatum, i.verkstallighetsdatum),
  _p_bakvand(i.beslutsdatum, i.verkstallighetsdatum),
  _p_dagar(i.verkstallighetsdatum, i.avslut.datum),
  _p_bakvand(i.verkstallighetsdatum, i.avslut.datum),
  CAST(i.beslutsdatum + INTERVAL 3 MONTH AS DATE),
  CASE WHEN i.avslut.datum IS NOT NULL THEN list_last(list_sort(list_filter(
    list_transform(i.uppfoljningar, lambda u, k: {{'d': u.datum, 'k': k, 'm': u.maluppfyllelse}}),
    lambda x: x.d IS NOT NULL AND x.d <= i.avslut.datum))).m END
FROM _p_insats
"""

_UPPFOLJNING_SQL = """
INSERT INTO uppfoljning ({kolumner})
SELECT uppfoljning_nr, insats_nr, arende_nr, u.datum, u.sip, u.parallella_insatser,
  u.maluppfyllelse, u.b1a, u.b1b, u.b2, u.b3, u.b4, u.b5,
  _p_ald(lo, hi, u.datum), _p_band(lo, hi, u.datum)
FROM _p_uppfoljning
"""


def _omgangar(filer: Sequence[str], omgang: int) -> list[list[str]]:
    """The distinct *filer* in order, in rounds of at most *omgang* bytes (a file is never
    split: a larger one is a round of its own)."""
    rundor: list[list[str]] = []
    storlek = 0
    for fil in dict.fromkeys(filer):
        try:
            byte = Path(fil).stat().st_size
        except OSError:  # the reader reports it, with the file's name
            byte = 0
        if not rundor or storlek + byte > omgang:
            rundor.append([])
            storlek = 0
        rundor[-1].append(fil)
        storlek += byte
    return rundor


def _kalla(filer: Sequence[str]) -> str:
    # DuckDB numbers the lines of the files in order: WITH ORDINALITY counts on from one
    # file to the next, the same in every scan of the same list.
    return (
        f"read_ndjson_objects([{', '.join(map(_sql_text, filer))}], filename = true) "
        "WITH ORDINALITY"
    )


def _las_rader(filer: Sequence[str], n: _Nod) -> str:
    """SQL: each line of the round *filer* with its file, line, hash and typed columns."""
    return (
        f"SELECT f.fil_nr, ordinality - f.borjan + 1 AS rad, hash(json) AS h, json_transform("
        f"json, {_sql_text(json.dumps(_json_typ(n)))}) AS a FROM {_kalla(filer)} "
        "JOIN _p_fil f ON f.fil = filename"
    )


def _strukturer(
    con: Any, filer: Sequence[str], nr: dict[str, int], n: _Nod
) -> list[tuple[int, int, str]]:
    """Check the JSON structure of the round *filer*; each file's first line to ``_p_fil``.

    Keys and types are checked once per distinct structure, in Python, against the form.
    """
    try:
        strukturer = _kor(
            con,
            f"SELECT json_structure(json), filename, min(ordinality), count(*) "
            f"FROM {_kalla(filer)} GROUP BY ALL",
        )
    except (duckdb().InvalidInputException, duckdb().IOException) as exc:
        raise _lasfel(filer, exc) from None
    borjan = dict.fromkeys(filer, 0)
    antal = dict.fromkeys(filer, 0)
    for _, fil, rad, n_rader in strukturer:
        borjan[fil] = min(borjan[fil] or rad, rad)
        antal[fil] += n_rader
    fel: list[tuple[int, int, str]] = []
    for fil in filer:
        # DuckDB skips a blank line, which would shift every later line number.
        if antal[fil] != _radantal(fil):
            tomma = itertools.islice(_tomma(fil), 1)
            fel.extend((nr[fil], nummer, "tom rad @ $") for nummer in tomma)
        _kor(con, f"INSERT INTO _p_fil VALUES ({nr[fil]}, {_sql_text(fil)}, {borjan[fil]})")
    for struktur, fil, rad, _ in strukturer:
        try:
            problem = _struktur_fel(json.loads(struktur), n, "$")
        except RecursionError:
            problem = "för djupt nästlad JSON @ $"
        if problem is not None:
            fel.append((nr[fil], rad - borjan[fil] + 1, problem))
    return fel


def _forsta_nyckel(filer: Sequence[str]) -> str:
    """The key id of the load: that of the first line's case pseudonym ("" if none)."""
    for fil in filer:
        with contextlib.suppress(OSError), Path(fil).open("rb") as f:
            for rad in f:
                if rad.strip():
                    with contextlib.suppress(ValueError, RecursionError):
                        objekt = json.loads(rad)
                        if type(objekt) is dict and isinstance(objekt.get("id"), str):
                            return str(objekt["id"][:8])
                    return ""
    return ""


def _vardefel(nyckel: str, n: _Nod) -> str:
    """SQL: the first problem of a line's values (``a``), or NULL: key id, value sets,
    dates, pseudonyms. A pseudonym of another key gives ``nyckel:<field>:<its key id>``."""
    kontroller = [
        (
            f"a.{f} IS NULL OR NOT regexp_full_match(a.{f}, '[a-z2-7]{{8}}_[a-z2-7]{{32}}') "
            f"OR a.{f}[1:8] = {_sql_text(nyckel)}",
            f"'nyckel:{f}:' || a.{f}[1:8]",
        )
        for f in ("id", "person_id")
    ]
    kontroller += [(v, _sql_text(p)) for v, p in _kontroller(n, "a", "$")]
    kontroller.append(
        (
            "a.fodelsemanad IS NULL OR a.fodelsear IS NOT NULL",
            _sql_text("kräver fodelsear @ $.fodelsemanad"),
        )
    )
    return (
        "CASE "
        + " ".join(f"WHEN NOT coalesce({v}, false) THEN {p}" for v, p in kontroller)
        + " END"
    )


def _forsta_fel(filer: Sequence[str], fel: list[tuple[int, int, str]], nyckel: str) -> OgiltigRad:
    # On one line a structure problem (found first) goes before a value's.
    i, rad, problem = min(fel, key=lambda f: f[:2])
    if problem.startswith("nyckel:"):
        return BlandadeNycklar(filer[i], rad, nyckel, problem.rsplit(":", 1)[1])
    return OgiltigRad(filer[i], rad, problem)


def _prova(
    con: Any,
    runda: Sequence[str],
    *,
    filer: Sequence[str],
    nr: dict[str, int],
    n: _Nod,
    nyckel: str,
) -> None:
    """Check every line of the round *runda* and index it in ``_p_index``; the first bad
    line raises (the rounds are in file order, so it is the first of the load)."""
    try:
        fel = _strukturer(con, runda, nr, n)
    except OgiltigRad:
        if len(runda) == 1:
            raise
        # A file DuckDB cannot read fails its whole round: the files are checked one by
        # one, so that the first bad line is named whatever the rounds.
        for fil in runda:
            _prova(con, [fil], filer=filer, nr=nr, n=n, nyckel=nyckel)
        raise
    _kor(
        con,
        "INSERT INTO _p_index SELECT fil_nr, rad, h, a.id, a.kommun, "
        "coalesce(len(a.insatser), 0), coalesce(list_sum(list_transform(a.insatser, "
        f"lambda i: coalesce(len(i.uppfoljningar), 0))), 0), {_vardefel(nyckel, n)} "
        f"FROM ({_las_rader(runda, n)})",
    )
    fel += _kor(
        con,
        "SELECT fil_nr, rad, problem FROM _p_index WHERE problem IS NOT NULL "
        "ORDER BY fil_nr, rad LIMIT 1",
    )
    if fel:
        raise _forsta_fel(filer, fel, nyckel)


def _las_duckdb(
    con: Any, filer: Sequence[str], band: Aldersband, omgang: int
) -> tuple[int, int, tuple[Dubblett, ...]]:
    """Load *filer* into the analysis tables in SQL: lines read, ärenden kept, duplicates.

    Two passes over the files in rounds of at most *omgang* bytes, so that a round and
    the index, not the pool, bound DuckDB's temporary files: the first checks every line
    and keeps a small index (case pseudonym and a hash of the line, kommun, how many
    insatser and uppföljningar); from it the ärenden are numbered over the whole pool
    (by municipality, file and line, duplicates out); the second reads each round again
    into the tables under those numbers.
    """
    n = _formen()
    nr = {fil: filer.index(fil) for fil in filer}
    rundor = _omgangar(filer, omgang)
    nyckel = _forsta_nyckel(list(nr))
    _kor(con, "CREATE TEMP TABLE _p_fil (fil_nr INTEGER, fil VARCHAR, borjan BIGINT)")
    _kor(
        con,
        "CREATE TEMP TABLE _p_index (fil_nr INTEGER, rad BIGINT, h UBIGINT, id VARCHAR, "
        "kommun VARCHAR, insatser BIGINT, uppfoljningar BIGINT, problem VARCHAR)",
    )
    # 1. Every line checked (the first failing line of the pool is named), and indexed.
    for runda in rundor:
        _prova(con, runda, filer=filer, nr=nr, n=n, nyckel=nyckel)
    # A file given again: every line of it is read again (and so a duplicate).
    for i, fil in enumerate(filer):
        if (forsta := nr[fil]) != i:
            _kor(
                con,
                f"INSERT INTO _p_index SELECT {i}, rad, h, id, kommun, insatser, "
                f"uppfoljningar, NULL FROM _p_index WHERE fil_nr = {forsta}",
            )
    # 2. Duplicates out; ärenden numbered by municipality, file and line, and the first
    # insats and uppföljning number of each (those before it, counted in the index).
    _kor(
        con,
        "CREATE TEMP TABLE _p_kopia AS SELECT fil_nr, rad, h, id, kommun, insatser, "
        "uppfoljningar, row_number() OVER (PARTITION BY id ORDER BY fil_nr, rad) AS kopia "
        "FROM _p_index",
    )
    _kor(con, "DROP TABLE _p_index")
    _kor(
        con,
        "CREATE TEMP TABLE _p_nr AS SELECT fil_nr, rad, h, arende_nr, "
        "coalesce(sum(insatser) OVER w, 0) AS insats0, "
        "coalesce(sum(uppfoljningar) OVER w, 0) AS uppfoljning0 FROM (SELECT *, row_number() "
        "OVER (ORDER BY kommun, fil_nr, rad) AS arende_nr FROM _p_kopia WHERE kopia = 1) "
        "WINDOW w AS (ORDER BY arende_nr ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)",
    )
    # The duplicates too (without numbers), so that the second read checks every line.
    _kor(
        con,
        "INSERT INTO _p_nr SELECT fil_nr, rad, h, NULL, NULL, NULL FROM _p_kopia WHERE kopia > 1",
    )
    # 3. Each round read again into the tables.
    for makro in _makron(band):
        _kor(con, makro)
    for runda in rundor:
        _ladda_runda(con, runda, [nr[f] for f in runda], filer, n)
    for i, fil in enumerate(filer):
        if nr[fil] != i:
            _kor(con, f"INSERT INTO _p_fil VALUES ({i}, {_sql_text(fil)}, 0)")
    _kor(
        con,
        f"INSERT INTO utesluten ({_kolumner('utesluten')}) SELECT rad, '{DUBBLETT}', NULL, fil "
        "FROM _p_kopia JOIN _p_fil USING (fil_nr) WHERE kopia > 1",
    )
    rader_ = _kor(con, "SELECT count(*), count(*) FILTER (WHERE kopia = 1) FROM _p_kopia")[0]
    dubbletter = _kor(
        con,
        "SELECT d.fil_nr, d.rad, f.fil_nr, f.rad FROM _p_kopia d JOIN _p_kopia f "
        "ON d.id = f.id AND f.kopia = 1 WHERE d.kopia > 1 ORDER BY d.fil_nr, d.rad",
    )
    for t in ("_p_nr", "_p_kopia", "_p_fil"):
        _kor(con, f"DROP TABLE {t}")
    return (
        int(rader_[0]),
        int(rader_[1]),
        tuple(Dubblett(filer[a], b, filer[c], d) for a, b, c, d in dubbletter),
    )


_ANDRAD = "filen ändrades medan den lästes in; läs in igen"


def _ladda_runda(
    con: Any, runda: Sequence[str], nummer: Sequence[int], filer: Sequence[str], n: _Nod
) -> None:
    """Read the round *runda* (files *nummer*) again and load its ärenden kept (numbered
    in ``_p_nr``); a line changed since it was checked is refused."""
    falt = ", ".join(f'CAST(a."{k}" AS {_typ(v, "DATE")}) AS "{k}"' for k, v in n.falt)
    fodd = (
        "CASE WHEN fodelsear IS NULL THEN NULL WHEN fodelsemanad IS NULL THEN "
        "make_date(fodelsear, 1, 1) ELSE make_date(fodelsear, fodelsemanad, 1) END AS lo, "
        "CASE WHEN fodelsear IS NULL THEN NULL WHEN fodelsemanad IS NULL THEN "
        "make_date(fodelsear, 12, 31) ELSE last_day(make_date(fodelsear, fodelsemanad, 1)) "
        "END AS hi"
    )
    lista = ", ".join(map(str, nummer))
    try:
        _kor(
            con,
            f"CREATE TEMP TABLE _p_arende AS SELECT *, {fodd} FROM (SELECT arende_nr, insats0, "
            f"uppfoljning0, fil_nr, rad, r.h <> k.h AS andrad, {falt} "
            f"FROM ({_las_rader(runda, n)}) r JOIN (SELECT * FROM _p_nr WHERE fil_nr IN "
            f"({lista})) k USING (fil_nr, rad))",
        )
    except (duckdb().InvalidInputException, duckdb().IOException) as exc:
        fil = next((f for f in runda if f'"{f}"' in str(exc)), runda[0])
        raise OgiltigRad(fil, None, _ANDRAD) from None
    # The second read must be the lines checked in the first: none changed, none gone.
    andrad = _kor(
        con,
        "SELECT fil_nr, rad FROM _p_arende WHERE andrad UNION ALL SELECT fil_nr, NULL FROM "
        f"(SELECT fil_nr FROM _p_nr WHERE fil_nr IN ({lista}) EXCEPT ALL SELECT fil_nr "
        "FROM _p_arende) ORDER BY fil_nr, rad NULLS LAST LIMIT 1",
    )
    for i, rad in andrad:
        raise OgiltigRad(filer[i], rad, _ANDRAD)
    _kor(con, "DELETE FROM _p_arende WHERE arende_nr IS NULL")  # the duplicates
    _kor(con, _ARENDE_SQL.format(kolumner=_kolumner("arende")))
    _kor(
        con,
        "INSERT INTO aktualiseringsorsak SELECT arende_nr, unnest(aktualiseringsorsak) "
        "FROM _p_arende",
    )
    _kor(con, "INSERT INTO problematik SELECT arende_nr, unnest(problematik) FROM _p_arende")
    # An insats's number and its first uppföljning's follow from the ärende's (see _p_nr).
    _kor(
        con,
        "CREATE TEMP TABLE _p_insats AS SELECT insats0 + ordning + 1 AS insats_nr, "
        "uppfoljning0 + coalesce(sum(coalesce(len(i.uppfoljningar), 0)) OVER (PARTITION BY "
        "arende_nr ORDER BY ordning ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) "
        "AS uppfoljning0, * EXCLUDE (uppfoljning0) FROM (SELECT arende_nr, uppfoljning0, lo, hi, "
        "unnest(insatser) AS i, generate_subscripts(insatser, 1) - 1 AS ordning, insats0 "
        "FROM _p_arende)",
    )
    _kor(con, _INSATS_SQL.format(kolumner=_kolumner("insats")))
    _kor(con, "INSERT INTO insatstyp SELECT insats_nr, unnest(i.insatstyp) FROM _p_insats")
    _kor(
        con,
        "CREATE TEMP TABLE _p_uppfoljning AS SELECT uppfoljning0 + u_ordning AS "
        "uppfoljning_nr, * FROM (SELECT insats_nr, arende_nr, uppfoljning0, lo, hi, "
        "unnest(i.uppfoljningar) AS u, generate_subscripts(i.uppfoljningar, 1) AS u_ordning "
        "FROM _p_insats)",
    )
    _kor(con, _UPPFOLJNING_SQL.format(kolumner=_kolumner("uppfoljning")))
    _kor(
        con,
        "INSERT INTO samverkan SELECT uppfoljning_nr, unnest(u.samverkan) FROM _p_uppfoljning",
    )
    for t in ("_p_uppfoljning", "_p_insats", "_p_arende"):
        _kor(con, f"DROP TABLE {t}")


def _radantal(fil: str) -> int:
    """The lines of *fil* (a last line without a line break counts)."""
    antal, sista = 0, b"\n"
    with Path(fil).open("rb") as f:
        while block := f.read(1 << 20):
            antal += block.count(b"\n")
            sista = block[-1:]
    return antal + (sista != b"\n")


def _tomma(fil: str) -> Iterator[int]:
    """The numbers of the blank lines of *fil*."""
    with Path(fil).open("rb") as f:
        for nummer, rad in enumerate(f, start=1):
            if not rad.strip():
                yield nummer


def _lasfel(filer: Sequence[str], exc: Exception) -> OgiltigRad:
    """A file DuckDB cannot read as JSON Lines: the file, and its first line that is not
    JSON (found in Python, since DuckDB's count of lines is not the reader's)."""
    text = str(exc)
    fil = next((f for f in filer if f'"{f}"' in text), filer[0])
    try:
        with Path(fil).open("rb") as f:
            for nummer, rad in enumerate(f, start=1):
                try:
                    objekt = type(json.loads(rad)) is dict
                except (ValueError, RecursionError):
                    objekt = False
                if not objekt:
                    return OgiltigRad(fil, nummer, "inte giltig JSON @ $")
    except OSError:
        return OgiltigRad(fil, None, "filen finns inte eller kan inte läsas")
    return OgiltigRad(fil, None, f"DuckDB kan inte läsa filen som JSON Lines ({text})")


# --- loading through the record model -----------------------------------------------------


def _alder_ur(
    fodd: tuple[date, date] | None, vid: date | None, band: Aldersband
) -> tuple[int | None, str]:
    """Age at *vid* (None unless exact) and its band, from the birth interval *fodd*."""
    if fodd is None or vid is None or vid < fodd[0]:
        return None, band.okand
    lag, hog = max(alder(fodd[1], vid), 0), alder(fodd[0], vid)
    return (lag if lag == hog else None), band.band(lag, hog)


def _justera(
    r: Rader, fodd: tuple[date, date] | None, kommun: str, kalla: str, band: Aldersband
) -> Rader:
    """The rows of :func:`rader` with ages from the birth interval and the pooled columns."""

    def vid(tabell: str, rad: tuple[Any, ...], kolumn: str) -> Any:
        return rad[TABELL[tabell].kolumnnamn.index(kolumn)]

    (a,) = r["arende"]
    akt = _alder_ur(fodd, vid("arende", a, "aktualiseringsdatum"), band)
    slut = _alder_ur(fodd, vid("arende", a, "slutdatum"), band)
    r["arende"] = [
        _satt(
            "arende",
            a,
            fodd_tidigast=None if fodd is None else datumnyckel(fodd[0]),
            fodd_senast=None if fodd is None else datumnyckel(fodd[1]),
            alder_aktualisering=akt[0],
            aldersband_aktualisering=akt[1],
            alder_slut=slut[0],
            aldersband_slut=slut[1],
            kommun=kommun,
            person_id_kalla=kalla,
        )
    ]
    insatser = []
    for i in r["insats"]:
        verk = _alder_ur(fodd, vid("insats", i, "verkstallighetsdatum"), band)
        avsl = _alder_ur(fodd, vid("insats", i, "avslutsdatum"), band)
        insatser.append(
            _satt(
                "insats",
                i,
                alder_verkstallighet=verk[0],
                aldersband_verkstallighet=verk[1],
                alder_avslut=avsl[0],
                aldersband_avslut=avsl[1],
            )
        )
    r["insats"] = insatser
    r["uppfoljning"] = [
        _satt(
            "uppfoljning",
            u,
            **dict(
                zip(
                    ("alder", "aldersband"),
                    _alder_ur(fodd, vid("uppfoljning", u, "datum"), band),
                    strict=True,
                )
            ),
        )
        for u in r["uppfoljning"]
    ]
    return r


def _las_python(
    filer: Sequence[str], band: Aldersband
) -> tuple[list[Rader], int, int, tuple[Dubblett, ...]]:
    """Read *filer* into the record model and flatten them (the reference path)."""
    from socialtjanst_variabler.identitet.pseudonym import PseudonymiseradRad, las_pseudonymiserad

    nyckel: str | None = None
    senaste: list[bytes] = []

    def lasta(f: Any) -> Iterator[bytes]:
        # The reader takes one line per row it yields: the line of each row is kept to
        # check its form, which the record model reads more leniently.
        for rad in f:
            senaste[:] = [rad]
            yield rad

    forsta: dict[str, tuple[int, int]] = {}
    behallna: list[tuple[str, int, int, PseudonymiseradRad]] = []
    dubbletter: list[tuple[int, int, int, int]] = []
    antal = 0
    for fil_nr, fil in enumerate(filer):
        try:
            with Path(fil).open("rb") as f:
                for pr in las_pseudonymiserad(lasta(f), nyckel_id=nyckel):
                    antal += 1
                    if pr.fel is not None:
                        for p in pr.fel.problems:
                            if m := _NYCKEL_FEL.search(p):
                                raise BlandadeNycklar(fil, pr.radnummer, m[2], m[1])
                        raise OgiltigRad(fil, pr.radnummer, "; ".join(pr.fel.problems))
                    data = json.loads(senaste[0].removeprefix(codecs.BOM_UTF8))
                    problem = _form_fel(data, _formen(), "$")
                    if problem is None and "fodelsemanad" in data and "fodelsear" not in data:
                        problem = "kräver fodelsear @ $.fodelsemanad"
                    if problem is not None:
                        raise OgiltigRad(fil, pr.radnummer, problem)
                    assert pr.arende is not None
                    assert pr.kommun is not None
                    id_ = pr.arende.id
                    nyckel = nyckel or id_[:8]
                    if id_ in forsta:
                        dubbletter.append((fil_nr, pr.radnummer, *forsta[id_]))
                        continue
                    forsta[id_] = (fil_nr, pr.radnummer)
                    behallna.append((pr.kommun, fil_nr, pr.radnummer, pr))
        except OSError:
            raise OgiltigRad(fil, None, "filen finns inte eller kan inte läsas") from None
    behallna.sort(key=lambda t: t[:3])
    ut: list[Rader] = []
    insats_nr = uppfoljning_nr = 1
    for arende_nr, (kommun, _, radnummer, pr) in enumerate(behallna, start=1):
        assert pr.arende is not None
        assert pr.person_id_kalla is not None
        r = rader(
            pr.arende,
            arende_nr=arende_nr,
            radnummer=radnummer,
            insats_nr=insats_nr,
            uppfoljning_nr=uppfoljning_nr,
            band=band,
        )
        insats_nr += len(r["insats"])
        uppfoljning_nr += len(r["uppfoljning"])
        ut.append(_justera(r, pr.fodelsedatum_intervall, kommun, pr.person_id_kalla.value, band))
    fil_index = dict(enumerate(filer))
    ut.append(
        {
            **{t.namn: [] for t in TABELLER},
            "utesluten": [
                _utesluten(radnummer, fil_index[fil_nr]) for fil_nr, radnummer, _, _ in dubbletter
            ],
        }
    )
    return (
        ut,
        antal,
        len(behallna),
        tuple(Dubblett(fil_index[a], b, fil_index[c], d) for a, b, c, d in sorted(dubbletter)),
    )


def _satt(tabell: str, rad: tuple[Any, ...], **varden: Any) -> tuple[Any, ...]:
    """*rad* of *tabell* with the named columns set."""
    namn = TABELL[tabell].kolumnnamn
    ut = list(rad)
    for k, v in varden.items():
        ut[namn.index(k)] = v
    return tuple(ut)


def _utesluten(radnummer: int, fil: str) -> tuple[Any, ...]:
    tom = (None,) * len(TABELL["utesluten"].kolumnnamn)
    return _satt("utesluten", tom, radnummer=radnummer, orsak=DUBBLETT, fil=fil)


# --- the pooled tables ----------------------------------------------------------------------


@attrs.frozen
class Jamforelse:
    """One report with its municipalities side by side, and the pooled total.

    Attributes:
        rapport: the pooled report (every municipality loaded).
        kommuner: the municipalities compared, in order.
        per_kommun: each municipality's own report (masked on its own).
        tabeller: per table of the report, the side-by-side table: the row labels, then
            for each measure the pooled total and each municipality's value.
    """

    rapport: Rapport
    kommuner: tuple[str, ...]
    per_kommun: tuple[Rapport, ...]
    tabeller: tuple[Tabell, ...]

    def som_rapport(self) -> Rapport:
        """The side-by-side tables as a report (for text, CSV and xlsx output)."""
        return attrs.evolve(
            self.rapport,
            titel=f"{self.rapport.titel}, per kommun ({', '.join(self.kommuner)})",
            tabeller=self.tabeller,
        )


@attrs.define
class Poolade:
    """Pooled analysis tables in DuckDB, ready for pooled and per-municipality reports.

    Attributes:
        con: the DuckDB connection (the tables, and a schema of views per municipality).
        filer: the files, in load order.
        rader: lines read.
        arenden: ärenden in the tables (duplicates counted once).
        dubbletter: every ärende read again, with where it was first read.
        kommuner: the municipalities found, sorted.
        nyckel_id: the key id of every pseudonym (None for an empty load).
    """

    con: Any
    filer: tuple[str, ...]
    rader: int
    arenden: int
    dubbletter: tuple[Dubblett, ...]
    kommuner: tuple[str, ...] = ()
    nyckel_id: str | None = None
    band: Aldersband = STANDARD

    @property
    def uteslutna(self) -> tuple[tuple[str, int], ...]:
        """The lines left out, by reason (only duplicates; a bad line refuses the load)."""
        return ((DUBBLETT, len(self.dubbletter)),)

    def _valj(self, kommuner: Sequence[str] | None) -> tuple[str, ...]:
        if kommuner is None:
            return self.kommuner
        from socialtjanst_variabler.identitet.kommunkoder import validera_kommunkod

        for k in kommuner:
            validera_kommunkod(k)
        if saknas := [k for k in kommuner if k not in self.kommuner]:
            raise ValidationError(
                f"kommun {', '.join(saknas)} finns inte i uttagen "
                f"(finns: {', '.join(self.kommuner) or 'inga'})"
            )
        return tuple(kommuner)

    def rapport(
        self,
        id: str,
        *,
        period: Period,
        kommun: str | None = None,
        maskering: Maskering = STANDARDMASKERING,
        omaskerad: bool = False,
    ) -> Rapport:
        """Report *id* for *period*, pooled or (*kommun*) for one municipality."""
        schema = None if kommun is None else schema_for(self._valj([kommun])[0])
        _kor_period(self.con, period)
        return self._i(schema, id, period, None if omaskerad else maskering)

    def _i(self, schema: str | None, id: str, period: Period, m: Maskering | None) -> Rapport:
        """Report *id* over the tables of *schema* (None: the pool); period already set."""
        return _rapport(
            self.con,
            id,
            period=period,
            schema=schema,
            band=self.band,
            maskering=m,
            uteslutna=self.uteslutna,
        )

    def rapporter(
        self,
        *,
        period: Period,
        ids: Sequence[str] | None = None,
        maskering: Maskering = STANDARDMASKERING,
        omaskerad: bool = False,
    ) -> tuple[Rapport, ...]:
        """Every pooled report (or those in *ids*) for *period*."""
        return tuple(
            self.rapport(i, period=period, maskering=maskering, omaskerad=omaskerad)
            for i in (ids or list(RAPPORTER))
        )

    def jamforelse(
        self,
        id: str,
        *,
        period: Period,
        kommuner: Sequence[str] | None = None,
        maskering: Maskering = STANDARDMASKERING,
        omaskerad: bool = False,
    ) -> Jamforelse:
        """Report *id* for the pooled data and each municipality (default: all), side by side.

        Each municipality's tables are masked on their own; where a masked count could be
        recovered as the total minus the other municipalities (all of them shown), the
        next smallest is masked too.
        """
        valda = self._valj(kommuner)
        m = None if omaskerad else maskering
        _kor_period(self.con, period)
        total = self._i(None, id, period, m)
        per = tuple(self._i(schema_for(k), id, period, m) for k in valda)
        alla = set(valda) == set(self.kommuner)
        tabeller = tuple(
            _bredvid(t, [r.tabeller[i] for r in per], valda, alla and m is not None)
            for i, t in enumerate(total.tabeller)
        )
        return Jamforelse(total, valda, per, tabeller)

    def jamforelser(
        self,
        *,
        period: Period,
        ids: Sequence[str] | None = None,
        kommuner: Sequence[str] | None = None,
        maskering: Maskering = STANDARDMASKERING,
        omaskerad: bool = False,
    ) -> tuple[Jamforelse, ...]:
        """:meth:`jamforelse` for every report (or those in *ids*)."""
        return tuple(
            self.jamforelse(
                i, period=period, kommuner=kommuner, maskering=maskering, omaskerad=omaskerad
            )
            for i in (ids or list(RAPPORTER))
        )

    def parquet(self, katalog: str) -> None:
        """Write every analysis table as ``katalog/<tabell>.parquet``."""
        skriv_parquet(self.con, katalog)

    def close(self) -> None:
        """Close the connection."""
        self.con.close()


def _kor_period(con: Any, period: Period) -> None:
    for text in period_sql(period):
        _kor(con, text)


def _rapport(
    con: Any,
    id: str,
    *,
    period: Period,
    schema: str | None,
    band: Aldersband,
    maskering: Maskering | None,
    uteslutna: tuple[tuple[str, int], ...],
) -> Rapport:
    """Report *id* over the whole tables, or over *schema*'s views (the same SQL)."""
    rdef = RAPPORTER[id]
    if schema is not None:
        _kor(con, f"SET search_path = '{schema},main'")
    try:
        data: dict[Any, Any] = {}
        for i in (*rdef.lanar, id):
            data |= tolka(_kor(con, sql(i)))  # on the connection: its search_path
    finally:
        if schema is not None:
            _kor(con, "RESET search_path")
    return rapport_av(id, data, period, band=band, maskering=maskering, uteslutna=uteslutna)


def _celler(t: Tabell, rad: tuple[Cell, ...]) -> dict[str, Cell]:
    return {k.namn: c for k, c in zip(t.kolumner, rad, strict=True)}


_SAKNAS = Cell(None, Status.EJ_TILLAMPLIG)


def _bredvid(total: Tabell, per: list[Tabell], kommuner: Sequence[str], alla: bool) -> Tabell:
    """The pooled table and each municipality's, side by side.

    Rows are matched by their labels and columns by their names: a municipality's table
    may lack a row or a column the pooled one has (a year, a code nobody there had),
    which shows as not applicable.
    """
    text = [k.namn for k in total.kolumner if k.slag is Slag.TEXT]
    matt = [k for k in total.kolumner if k.slag is not Slag.TEXT]
    kolumner = [k for k in total.kolumner if k.slag is Slag.TEXT]
    for k in matt:
        kolumner.append(
            attrs.evolve(k, namn=f"{k.namn}_alla", rubrik=f"{ALLA}: {k.rubrik}", kallor=())
        )
        kolumner.extend(
            attrs.evolve(k, namn=f"{k.namn}_{kod}", rubrik=f"{kod}: {k.rubrik}", kallor=())
            for kod in kommuner
        )

    def nyckel(celler: dict[str, Cell]) -> tuple[Any, ...]:
        return tuple(celler[n].varde if n in celler else None for n in text)

    uppslag = []
    for t in per:
        rader_ = [_celler(t, r) for r in t.rader]
        uppslag.append({nyckel(c): c for c in rader_})
    rader: list[tuple[Cell, ...]] = []
    for r in total.rader:
        egna = _celler(total, r)
        per_matt = {
            k.namn: [u.get(nyckel(egna), {}).get(k.namn, _SAKNAS) for u in uppslag] for k in matt
        }
        if alla:
            for k in matt:
                if k.slag is Slag.ANTAL:
                    per_matt[k.namn] = _sekundar(per_matt[k.namn])
            # A share or mean is hidden with a count it is derived from, as in one table.
            for k in matt:
                for i in range(len(kommuner)):
                    kallor = [per_matt[kalla][i] for kalla in k.kallor if kalla in per_matt]
                    if any(c.status is Status.MASKERAD for c in kallor):
                        per_matt[k.namn][i] = _dold(per_matt[k.namn][i])
        celler = [egna[n] for n in text]
        for k in matt:
            celler.append(egna[k.namn])
            celler.extend(per_matt[k.namn])
        rader.append(tuple(celler))
    return Tabell(
        rubrik=total.rubrik,
        kolumner=tuple(kolumner),
        rader=tuple(rader),
        fotnoter=(
            *total.fotnoter,
            "Varje kommuns kolumner är maskerade var för sig; ”Alla” är alla inlästa "
            "kommuner tillsammans (en person i flera kommuner räknas en gång).",
        ),
        maskering=total.maskering,
    )


def _sekundar(celler: list[Cell]) -> list[Cell]:
    """Mask the next smallest count where a single masked one equals total minus the rest."""
    dolda = [c for c in celler if c.status is Status.MASKERAD]
    if len(dolda) != 1:
        return celler
    kandidater = [
        (c.varde, i)
        for i, c in enumerate(celler)
        if c.status is Status.OK and isinstance(c.varde, int) and c.varde > 0
    ]
    if not kandidater:
        return celler
    _, i = min(kandidater)
    ut = list(celler)
    ut[i] = _dold(ut[i])
    return ut


def _dold(c: Cell) -> Cell:
    """*c* masked: neither its value nor what it is computed from is shown."""
    return Cell(None, Status.MASKERAD)


# --- building -------------------------------------------------------------------------------


def skapa_kommunvyer(
    con: Any, *, tabellschema: str = "main", prefix: str = SCHEMAPREFIX
) -> tuple[str, ...]:
    """Create a schema of views per municipality over its range of keys; the municipalities.

    Portable SQL on any DB-API connection (DuckDB, PostgreSQL): with the municipality's
    schema first in ``search_path`` (``SET search_path TO kommun_0180, public`` in
    PostgreSQL), the unchanged report SQL counts that municipality alone.

    Args:
        tabellschema: the schema of the analysis tables (``main`` in DuckDB, usually
            ``public`` in PostgreSQL).
        prefix: the schema name before the kommunkod.
    """
    cur = con.cursor()
    try:
        # Each municipality's ärenden are one range of arende_nr (numbered by municipality),
        # so its insatser and uppföljningar are one range of their keys too.
        cur.execute(
            f"WITH a AS (SELECT kommun, min(arende_nr) AS a0, max(arende_nr) AS a1 "
            f"FROM {tabellschema}.arende GROUP BY kommun), "
            f"i AS (SELECT a.kommun, min(insats_nr) AS i0, max(insats_nr) AS i1 "
            f"FROM {tabellschema}.insats JOIN a ON arende_nr BETWEEN a0 AND a1 "
            f"GROUP BY a.kommun), "
            f"u AS (SELECT a.kommun, min(uppfoljning_nr) AS u0, max(uppfoljning_nr) AS u1 "
            f"FROM {tabellschema}.uppfoljning JOIN a ON arende_nr BETWEEN a0 AND a1 "
            f"GROUP BY a.kommun) "
            "SELECT a.kommun, a0, a1, coalesce(i0, 1), coalesce(i1, 0), coalesce(u0, 1), "
            "coalesce(u1, 0) FROM a LEFT JOIN i ON i.kommun = a.kommun "
            "LEFT JOIN u ON u.kommun = a.kommun WHERE a.kommun IS NOT NULL ORDER BY a.kommun"
        )
        intervall = cur.fetchall()
        for kommun, a0, a1, i0, i1, u0, u1 in intervall:
            schema = schema_for(kommun, prefix)
            cur.execute(f"CREATE SCHEMA {schema}")
            for tabell, kolumn, fran, till in (
                ("arende", "arende_nr", a0, a1),
                ("insats", "arende_nr", a0, a1),
                ("uppfoljning", "arende_nr", a0, a1),
                ("aktualiseringsorsak", "arende_nr", a0, a1),
                ("problematik", "arende_nr", a0, a1),
                ("insatstyp", "insats_nr", i0, i1),
                ("samverkan", "uppfoljning_nr", u0, u1),
            ):
                cur.execute(
                    f"CREATE VIEW {schema}.{tabell} AS SELECT * FROM {tabellschema}.{tabell} "
                    f"WHERE {kolumn} BETWEEN {fran} AND {till}"
                )
    finally:
        cur.close()
    return tuple(k for k, *_ in intervall)


def bygg_poolade(
    filer: Sequence[str],
    *,
    motor: str = "duckdb",
    aldersband: Aldersband = STANDARD,
    databas: str = ":memory:",
    minnesgrans: str | None = None,
    tradar: int | None = None,
    omgang: int = OMGANG,
) -> Poolade:
    """Load several pseudonymised extracts into one set of analysis tables.

    Args:
        filer: the pseudonymised extracts (JSON Lines), one or more per municipality.
        motor: ``"duckdb"`` (DuckDB's JSON reader, SQL) or ``"python"`` (the record
            model, line by line, about ten times slower and holding every ärende in
            memory: the reference for tests); both give the same tables.
        aldersband: the age bands of the band columns.
        databas: a DuckDB file to write (default: in memory). A file with *minnesgrans*
            bounds the memory by the setting, whatever the size of the data: DuckDB
            spills what does not fit to disk.
        minnesgrans: DuckDB's ``memory_limit``, e.g. ``"2GB"``.
        tradar: DuckDB's ``threads`` (default: one per core).
        omgang: the bytes of JSON read together (``motor="duckdb"``): the files are read
            in rounds of at most this size (a larger file is a round of its own), and a
            round and an index of about 100 bytes per line, not the pool, bound DuckDB's
            temporary files on disk. The files are read twice; a line changed in between
            is refused.

    Raises:
        OgiltigRad: a line that does not match the pseudonymised form (file and line
            named); nothing is loaded.
        BlandadeNycklar: pseudonyms of more than one key.
    """
    if motor not in ("duckdb", "python"):
        raise ValidationError(f"motor: {motor!r} ska vara duckdb eller python")
    if minnesgrans is not None and not _MINNE.fullmatch(minnesgrans):
        raise ValidationError(f"minnesgrans: {minnesgrans!r} ska vara t.ex. 256MB eller 2GB")
    if not filer:
        raise ValidationError("filer: ange minst ett pseudonymiserat uttag")
    if omgang < 1:
        raise ValidationError(f"omgang: {omgang} ska vara ett positivt antal byte")
    filer = tuple(str(f) for f in filer)
    for fil in filer if motor == "duckdb" else ():
        if fil.startswith("~") or any(tecken in fil for tecken in "*?["):
            # DuckDB's reader takes such a name as a pattern of other files (or home).
            raise OgiltigRad(
                fil, None, "filnamnet har * ? eller [ eller börjar med ~; byt namn på filen"
            )
    db = duckdb()
    try:
        con = db.connect(databas)
    except db.IOException as exc:
        raise OSError(f"DuckDB kan inte öppna filen ({exc})") from None
    try:
        if minnesgrans is not None:
            _kor(con, f"SET memory_limit = '{minnesgrans}'")
        if tradar is not None:
            _kor(con, f"SET threads = {int(tradar)}")
        skapa_tabeller(con, aldersband)
        if motor == "duckdb":
            antal, arenden, dubbletter = _las_duckdb(con, filer, aldersband, omgang)
            _kor(con, "ANALYZE")
        else:
            batcher, antal, arenden, dubbletter = _las_python(filer, aldersband)
            ladda_duckdb(con, batcher)
        kommuner = skapa_kommunvyer(con)
        nyckel = _kor(con, "SELECT min(person_id[1:8]) FROM arende")[0][0]
    except BaseException:
        con.close()
        raise
    return Poolade(
        con=con,
        filer=filer,
        rader=antal,
        arenden=arenden,
        dubbletter=dubbletter,
        kommuner=kommuner,
        nyckel_id=nyckel,
        band=aldersband,
    )
