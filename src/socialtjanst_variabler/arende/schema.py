"""JSON Schema (draft 2020-12) of the JSON form of an ärende, generated from the model.

The schema is derived from the attrs classes of :mod:`socialtjanst_variabler.arende` and
their type hints, so it follows the model: every value set becomes a ``$defs`` entry with
its codes and labels, every date the strict ``ÅÅÅÅ-MM-DD`` pattern. What a schema cannot
express (the personnummer's check digit and date, a legal sex that contradicts it) is
checked by :func:`~socialtjanst_variabler.from_json`; consistency between fields is
:func:`~socialtjanst_variabler.arende.granskning.granska`'s work.

Example:
    >>> s = arende_schema()
    >>> s["$schema"]
    'https://json-schema.org/draft/2020-12/schema'
    >>> s["$defs"]["Sip"]["oneOf"][0]
    {'const': 1, 'title': 'Ja, SIP finns'}
"""

from __future__ import annotations

import json
import types
import typing
from datetime import date
from typing import Any

import attrs

from socialtjanst_variabler._version import __version__
from socialtjanst_variabler.arende.modell import NIVAER, SCHEMA, Arende
from socialtjanst_variabler.identitet.personnummer import Personnummer
from socialtjanst_variabler.identitet.reservnummer import Reservnummer
from socialtjanst_variabler.katalog import KATALOG, SPEC_VERSION, TILLAGG
from socialtjanst_variabler.vardemangder import INGEN_SAMVERKAN, Samverkan, Vardemangd

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
    def __init__(self) -> None:
        self.defs: dict[str, Any] = {}

    def kodlista(self, vm: type[Vardemangd]) -> dict[str, Any]:
        if vm.__name__ not in self.defs:
            self.defs[vm.__name__] = {
                "type": "integer",
                "title": vm.__name__,
                "oneOf": [{"const": m.value, "title": m.label} for m in vm],
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


def arende_schema() -> dict[str, Any]:
    """The JSON Schema of one ärende (one line of a JSON Lines extract)."""
    bygge = _Bygge()
    rot = bygge.klass(Arende)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": f"Ärende enligt {SPEC_VERSION} (socialtjanst-variabler {__version__})",
        "$ref": rot["$ref"],
        "$defs": dict(sorted(bygge.defs.items())),
    }


def arende_schema_json() -> str:
    """:func:`arende_schema` as deterministic JSON text (the ``jsonschema`` export)."""
    return json.dumps(arende_schema(), ensure_ascii=False, indent=2) + "\n"
