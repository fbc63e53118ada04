"""JSON Schema (draft 2020-12) of the JSON form of an ärende, generated from the model.

The schema is derived from the attrs classes of :mod:`socialtjanst_variabler.arende` and
their type hints, so it follows the model: every value set becomes a ``$defs`` entry, its
codes an ``enum`` (what validators check, and fast) and its labels the annotation
``x-koder`` beside it (``kod`` and ``etikett`` per code, as in the catalog export; a
validator ignores it), every date the strict ``ÅÅÅÅ-MM-DD`` pattern. What a schema cannot
express (the personnummer's check digit and date, a legal sex that contradicts it) is
checked by :func:`~socialtjanst_variabler.from_json`; consistency between fields is
:func:`~socialtjanst_variabler.arende.granskning.granska`'s work.

Example:
    >>> s = arende_schema()
    >>> s["$schema"]
    'https://json-schema.org/draft/2020-12/schema'
    >>> s["$defs"]["Sip"]["enum"]
    [1, 2, 3]
    >>> s["$defs"]["Sip"]["x-koder"][0]
    {'kod': 1, 'etikett': 'Ja, SIP finns'}
"""

from __future__ import annotations

import json
import types
import typing
from collections.abc import Iterable, Mapping
from datetime import date
from typing import TYPE_CHECKING, Any

import attrs

from socialtjanst_variabler._version import __version__
from socialtjanst_variabler.arende._lokala import LokalaVarden
from socialtjanst_variabler.arende.modell import NIVAER, SCHEMA, Arende
from socialtjanst_variabler.identitet.personnummer import Personnummer
from socialtjanst_variabler.identitet.reservnummer import Reservnummer
from socialtjanst_variabler.katalog import KATALOG, SPEC_VERSION, TILLAGG
from socialtjanst_variabler.vardemangder import INGEN_SAMVERKAN, Samverkan, Vardemangd

if TYPE_CHECKING:
    from socialtjanst_variabler.lokala.definition import Utokning

__all__ = ["SCHEMA_ID", "arende_schema", "arende_schema_json"]

#: The schema's ``$id``: stable per library version.
SCHEMA_ID = f"urn:socialtjanst-variabler:{__version__}:arende.schema.json"

# The lengths pin the patterns: some validators let "$" match before a final newline.
_DATUM = {
    "type": "string",
    "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
    "minLength": 10,
    "maxLength": 10,
    "format": "date",
}
_PERSONNUMMER = {
    "type": "string",
    "pattern": "^[0-9]{8}-[0-9]{4}$",
    "minLength": 13,
    "maxLength": 13,
    "description": "ÅÅÅÅMMDD-NNNN; kontrollsiffra och datum prövas av biblioteket",
}
_RESERVNUMMER = {
    "type": "string",
    "minLength": 1,
    "maxLength": 40,
    "pattern": "\\S",
    "description": "IVO:s T-format ÅÅÅÅMMDD-Xnnn eller ett regionalt reservnummer; "
    "reglerna prövas av biblioteket",
}


def _variabel_text(cls: type, namn: str) -> str | None:
    """The catalog's "Variabel N: Namn" for the field, when a variable lives there, or
    "Tillägg: Namn" for one of the library's additions."""
    for v in KATALOG:
        niva, _, attr = v.falt.rpartition(".")
        if attr == namn and NIVAER.get(niva) is cls:
            return f"Variabel {v.nummer}: {v.namn}"
    for t in TILLAGG:
        niva, _, attr = t.falt.rpartition(".")
        if attr == namn and NIVAER.get(niva) is cls:
            return f"Tillägg (inte en SKL-variabel): {t.namn}"
    return None


class _Bygge:
    def __init__(self, utokningar: Mapping[str, Utokning]) -> None:
        self.defs: dict[str, Any] = {}
        self.utokningar = utokningar

    def lokala(self, cls: type) -> dict[str, Any]:
        """The ``lokala`` object of level *cls*: the loaded extensions' variables there."""
        from socialtjanst_variabler.lokala.definition import Niva
        from socialtjanst_variabler.lokala.varden import lokala_schema

        niva = next(n for n in Niva if NIVAER[n.falt] is cls)
        return lokala_schema(self.utokningar, niva)

    def kodlista(self, vm: type[Vardemangd]) -> dict[str, Any]:
        if vm.__name__ not in self.defs:
            self.defs[vm.__name__] = {
                "type": "integer",
                "title": vm.__name__,
                # An enum validates several times faster than a oneOf of consts, which
                # tries every code (docs/prestanda.md); the labels ride along beside it.
                "enum": [m.value for m in vm],
                "x-koder": [{"kod": m.value, "etikett": m.label} for m in vm],
            }
        return {"$ref": f"#/$defs/{vm.__name__}"}

    def typ(self, t: Any) -> dict[str, Any]:
        args = [a for a in getattr(t, "__args__", ()) if a is not type(None)]
        if type(t) is types.UnionType:  # X | None: null means "not registered"
            return {"anyOf": [self.typ(args[0]), {"type": "null"}]}
        origin = getattr(t, "__origin__", None)
        if origin is frozenset:
            items = self.kodlista(args[0])
            lista: dict[str, Any] = {
                "type": "array",
                "items": items,
                "minItems": 1,
                "uniqueItems": True,
            }
            if args[0] is Samverkan:
                ingen = sorted(m.value for m in INGEN_SAMVERKAN)
                lista["anyOf"] = [
                    {"maxItems": 1},
                    {"items": {"not": {"enum": ingen}}},
                ]
            return lista
        if origin is tuple:
            return {"type": "array", "items": self.typ(args[0])}
        if attrs.has(t):
            return self.klass(t)
        if isinstance(t, type) and issubclass(t, Vardemangd):
            return self.kodlista(t)
        simple: dict[Any, dict[str, Any]] = {
            date: _DATUM,
            Personnummer: _PERSONNUMMER,
            Reservnummer: _RESERVNUMMER,
            bool: {"type": "boolean"},
            int: {"type": "integer"},
            str: {"type": "string", "minLength": 1, "pattern": "\\S"},
        }
        return dict(simple[t])

    def klass(self, cls: type) -> dict[str, Any]:
        hints = typing.get_type_hints(cls)
        properties: dict[str, Any] = {}
        for f in attrs.fields(cls):
            if hints[f.name] is LokalaVarden:
                properties[f.name] = self.lokala(cls)
                continue
            prop = self.typ(hints[f.name])
            if SCHEMA in f.metadata:  # on the value, not on its null alternative
                (prop["anyOf"][0] if "anyOf" in prop else prop).update(f.metadata[SCHEMA])
            text = _variabel_text(cls, f.name)
            if text:
                prop["description"] = text
            properties[f.name] = prop
        self.defs[cls.__name__] = {
            "type": "object",
            "title": cls.__name__,
            "properties": properties,
            "required": [f.name for f in attrs.fields(cls) if f.default is attrs.NOTHING],
            "additionalProperties": False,
        }
        return {"$ref": f"#/$defs/{cls.__name__}"}


def arende_schema(utokningar: Iterable[Utokning] = ()) -> dict[str, Any]:
    """The JSON Schema of one ärende (one line of a JSON Lines extract).

    Every level has a ``lokala`` object: with *utokningar* (loaded with
    :func:`~socialtjanst_variabler.lokala.las_definition`), their local variables at that
    level, each with its type and codes; an extension not given is allowed as any object
    (the reader keeps its values, and ``granska`` reports them).

    Raises:
        DuplicateExtension: two extensions share an id.
    """
    from socialtjanst_variabler.lokala.varden import register

    reg = register(utokningar)
    bygge = _Bygge(reg)
    rot = bygge.klass(Arende)
    titel = f"Ärende enligt {SPEC_VERSION} (socialtjanst-variabler {__version__})"
    schema_id = SCHEMA_ID
    if reg:
        titel += f" med lokala variabler ({', '.join(sorted(reg))})"
        delar = ",".join(f"{uid}@{u.version}" for uid, u in sorted(reg.items()))
        schema_id = SCHEMA_ID.replace("arende.schema.json", f"arende-med-lokala:{delar}")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": schema_id,
        "title": titel,
        "$ref": rot["$ref"],
        "$defs": dict(sorted(bygge.defs.items())),
    }


def arende_schema_json() -> str:
    """:func:`arende_schema` as deterministic JSON text (the ``jsonschema`` export)."""
    return json.dumps(arende_schema(), ensure_ascii=False, indent=2) + "\n"
