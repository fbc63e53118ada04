"""A record's local values: checking, JSON, JSON Schema and completeness findings.

Each level of an ärende (the ärende, an insats, an uppföljning, an avslut) carries its
local values under the extension's id and the variable's number, in JSON::

    "lokala": {"se.kommun.exempel.fia": {"L1": [1, 11]}}

A value is a code (enkelval), a non-empty sorted list of codes (flerval), a date
``ÅÅÅÅ-MM-DD`` or an integer. :func:`las_lokala` checks one level's mapping against the
loaded extensions into :class:`LokalaVarden`: a wrong type, an unknown code or number,
or a variable of another level is refused
(:class:`~socialtjanst_variabler.lokala.fel.InvalidLocalValues`, every problem with its
path); values of an extension that is not
loaded are kept unchanged and reported by :func:`granska_lokala`, never dropped.

Example:
    >>> from socialtjanst_variabler.lokala import Niva, exempel, las_definition
    >>> fia = las_definition(exempel("fia"))
    >>> reg = register([fia])
    >>> lv = las_lokala({"se.kommun.exempel.fia": {"L1": [11, 1]}, "x.annan": {"L5": 2}},
    ...                 reg, Niva.ARENDE)
    >>> sorted(m.label for m in lv.varde("se.kommun.exempel.fia:L1"))
    ['Boende', 'Skulder']
    >>> lv.till_json()
    {'se.kommun.exempel.fia': {'L1': [1, 11]}, 'x.annan': {'L5': 2}}
"""

from __future__ import annotations

import enum
import json
import re
from collections.abc import Iterable, Iterator, Mapping
from datetime import date
from typing import Any

import attrs

from socialtjanst_variabler._datum import ar_datum, las_datum
from socialtjanst_variabler.arende.granskning import Allvarlighet, Fynd
from socialtjanst_variabler.errors import ValidationError, mask
from socialtjanst_variabler.katalog import KATALOG, Dataformat
from socialtjanst_variabler.lokala.definition import (
    LokalVariabel,
    Niva,
    Utokning,
    rulla_upp,
)
from socialtjanst_variabler.lokala.fel import DuplicateExtension, InvalidLocalValues
from socialtjanst_variabler.processteg import Processteg
from socialtjanst_variabler.vardemangder import Vardemangd

__all__ = [
    "LokalRegel",
    "LokalaVarden",
    "LokaltFynd",
    "Lokalvarde",
    "arende_schema_med_lokala",
    "granska_lokala",
    "las_lokala",
    "lokala_schema",
    "register",
    "utan_oanvanda",
]

#: The type of a local value (a code, a set of codes, a date or an integer).
Lokalvarde = Vardemangd | frozenset[Vardemangd] | date | int

#: The JSON key of the local values at every level.
NYCKEL = "lokala"


def register(utokningar: Iterable[Utokning]) -> Mapping[str, Utokning]:
    """The extensions by id, for the functions here.

    Raises:
        DuplicateExtension: two extensions share an id.
    """
    out: dict[str, Utokning] = {}
    for u in utokningar:
        if u.id in out:
            raise DuplicateExtension(f"utökningen {u.id} är laddad två gånger")
        out[u.id] = u
    return out


def _json_varde(x: Lokalvarde) -> object:
    if isinstance(x, frozenset):
        return sorted(m.value for m in x)
    if isinstance(x, date):
        return x.isoformat()
    return int(x)


def _ordna(
    varden: Iterable[tuple[str, str, Lokalvarde]],
) -> tuple[tuple[str, str, Lokalvarde], ...]:
    return tuple(sorted(varden, key=lambda r: (r[0], int(r[1][1:]))))


def _ordna_okanda(okanda: Iterable[tuple[str, str]]) -> tuple[tuple[str, str], ...]:
    return tuple(sorted(okanda))


@attrs.frozen
class LokalaVarden:
    """The local values at one level of a record (hashable, in a canonical order).

    Attributes:
        varden: ``(extension id, number, value)`` for the loaded extensions, sorted.
        okanda: ``(extension id, canonical JSON text)`` for extensions not loaded, kept
            as they came so that nothing is lost.
    """

    varden: tuple[tuple[str, str, Lokalvarde], ...] = attrs.field(default=(), converter=_ordna)
    okanda: tuple[tuple[str, str], ...] = attrs.field(default=(), converter=_ordna_okanda)

    def __bool__(self) -> bool:
        return bool(self.varden or self.okanda)

    def varde(self, referens: str) -> Lokalvarde | None:
        """The value of ``<id>:<nummer>``, or None when it is not recorded."""
        for uid, nummer, x in self.varden:
            if f"{uid}:{nummer}" == referens:
                return x
        return None

    def som_dict(self) -> dict[str, dict[str, Lokalvarde]]:
        """The loaded extensions' values as ``{id: {nummer: value}}``."""
        out: dict[str, dict[str, Lokalvarde]] = {}
        for uid, nummer, x in self.varden:
            out.setdefault(uid, {})[nummer] = x
        return out

    def till_json(self) -> dict[str, Any]:
        """The JSON form: codes as integers, code sets as sorted lists, dates as text;
        an unknown extension's values exactly as read."""
        out: dict[str, Any] = {
            uid: {nummer: _json_varde(x) for nummer, x in varden.items()}
            for uid, varden in self.som_dict().items()
        }
        for uid, text in self.okanda:
            out[uid] = json.loads(text)
        return dict(sorted(out.items()))


def _varde(v: LokalVariabel, x: object) -> Lokalvarde:
    """Check one value against its variable (JSON or Python form); ValueError if bad."""
    vm = v.vardemangd
    if v.dataformat is Dataformat.ENKELVAL:
        assert vm is not None  # a choice variable always has one
        return vm.from_code(x)
    if v.dataformat is Dataformat.FLERVAL:
        assert vm is not None
        if not isinstance(x, list | tuple | set | frozenset) or not x:
            raise ValidationError("ska vara en icke-tom lista av koder")
        koder = [vm.from_code(k) for k in x]
        if len(set(koder)) != len(koder):
            raise ValidationError("samma kod står två gånger")
        return frozenset(koder)
    if v.dataformat is Dataformat.DATUM:
        return x if ar_datum(x) else las_datum(x)
    if type(x) is not int:
        raise ValidationError("ska vara ett heltal")
    if (v.minst is not None and x < v.minst) or (v.hogst is not None and x > v.hogst):
        raise ValidationError(
            f"ska vara {v.minst if v.minst is not None else '…'}–"
            f"{v.hogst if v.hogst is not None else '…'}"
        )
    return x


def _problem(text: str, sokvag: str) -> str:
    return f"{mask(text)} @ {sokvag}"


def _las_utokning(
    u: Utokning,
    poster: object,
    niva: Niva,
    usok: str,
    *,
    varden: list[tuple[str, str, Lokalvarde]],
    problem: list[str],
) -> None:
    if not isinstance(poster, Mapping):
        problem.append(_problem("ska vara ett objekt {nummer: värde}", usok))
        return
    variabler = {v.nummer: v for v in u.variabler}
    for nummer, x in poster.items():
        vsok = f"{usok}.{nummer}"
        v = variabler.get(nummer)
        if v is None:
            problem.append(_problem(f"ingen lokal variabel {nummer!r} i {u.id}", vsok))
        elif v.niva is not niva:
            text = f"{v.nummer} registreras på nivån {v.niva.value}, inte {niva.value}"
            problem.append(_problem(text, vsok))
        elif x is not None:
            try:
                varden.append((u.id, v.nummer, _varde(v, x)))
            except ValueError as exc:
                problem.append(_problem(str(exc), vsok))


def las_lokala(
    data: object,
    utokningar: Mapping[str, Utokning],
    niva: Niva,
    *,
    sokvag: str = "$.lokala",
) -> LokalaVarden:
    """Check the local values of one level (JSON or Python values) into :class:`LokalaVarden`.

    *data* is the level's ``lokala`` mapping (None or absent: no values). A JSON ``null``
    as a value means "not recorded" and is left out.

    Raises:
        InvalidLocalValues: every problem, each with its path from *sokvag*.
    """
    if data is None:
        return LokalaVarden()
    if not isinstance(data, Mapping):
        raise InvalidLocalValues([_problem("ska vara ett objekt {id: {nummer: värde}}", sokvag)])
    problem: list[str] = []
    varden: list[tuple[str, str, Lokalvarde]] = []
    okanda: list[tuple[str, str]] = []
    for uid, poster in data.items():
        usok = f"{sokvag}[{json.dumps(str(uid), ensure_ascii=False)}]"
        if not isinstance(uid, str):
            problem.append(_problem("utökningens id ska vara en sträng", usok))
        elif uid in utokningar:
            _las_utokning(utokningar[uid], poster, niva, usok, varden=varden, problem=problem)
        else:
            try:
                okanda.append((uid, json.dumps(poster, ensure_ascii=False, sort_keys=True)))
            except (TypeError, ValueError):
                problem.append(_problem("en okänd utöknings värden ska vara JSON", usok))
    if problem:
        raise InvalidLocalValues(problem)
    return LokalaVarden(varden, okanda)


# --- JSON Schema -----------------------------------------------------------------------------

_DATUM_SCHEMA = {
    "type": "string",
    "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
    "minLength": 10,
    "maxLength": 10,
    "format": "date",
}


def _kodlista(vm: type[Vardemangd]) -> dict[str, Any]:
    return {
        "type": "integer",
        "title": vm.__name__,
        "oneOf": [{"const": m.value, "title": m.label} for m in vm],
    }


def _variabel_schema(v: LokalVariabel) -> dict[str, Any]:
    if v.vardemangd is not None:
        kod = _kodlista(v.vardemangd)
        s: dict[str, Any] = (
            {"type": "array", "items": kod, "minItems": 1, "uniqueItems": True}
            if v.flerval
            else kod
        )
    elif v.dataformat is Dataformat.DATUM:
        s = dict(_DATUM_SCHEMA)
    else:
        s = {"type": "integer"}
        if v.minst is not None:
            s["minimum"] = v.minst
        if v.hogst is not None:
            s["maximum"] = v.hogst
    return {"anyOf": [s, {"type": "null"}], "description": f"{v.referens}: {v.namn}"}


def lokala_schema(utokningar: Mapping[str, Utokning], niva: Niva) -> dict[str, Any]:
    """The JSON Schema of one level's ``lokala`` object, for the loaded extensions.

    An extension not loaded is allowed (any object): its values are kept and reported by
    :func:`granska_lokala`, not refused.
    """
    properties: dict[str, Any] = {}
    for uid, u in sorted(utokningar.items()):
        properties[uid] = {
            "type": "object",
            "title": f"{u.namn} ({uid} {u.version})",
            "properties": {v.nummer: _variabel_schema(v) for v in u.variabler_pa(niva)},
            "additionalProperties": False,
        }
    return {
        "type": "object",
        "description": "Lokala variabler: {utökningens id: {nummer: värde}}.",
        "properties": properties,
        "additionalProperties": {"type": "object"},
    }


#: The ``$defs`` entry of each level in the ärende's schema.
_NIVA_DEF = {
    Niva.ARENDE: "Arende",
    Niva.INSATS: "Insats",
    Niva.UPPFOLJNING: "Uppfoljning",
    Niva.AVSLUT: "Avslut",
}


def arende_schema_med_lokala(utokningar: Mapping[str, Utokning]) -> dict[str, Any]:
    """The ärende's JSON Schema with a ``lokala`` property at every level.

    Until the record model carries local values itself, this is the schema of the JSON
    form that :func:`las_lokala` reads at each level.
    """
    from socialtjanst_variabler.arende.schema import arende_schema

    schema = arende_schema()
    schema["title"] += f" med lokala variabler ({', '.join(sorted(utokningar)) or 'inga'})"
    for niva, namn in _NIVA_DEF.items():
        schema["$defs"][namn]["properties"][NYCKEL] = lokala_schema(utokningar, niva)
    return schema


# --- findings --------------------------------------------------------------------------------


class LokalRegel(enum.StrEnum):
    """The rules of :func:`granska_lokala`; the value is the stable rule id."""

    #: A local variable is absent in a step the process has passed.
    LOKAL_SAKNAS = "LOKAL_SAKNAS"
    #: Values of an extension that is not loaded (kept, not checked).
    LOKAL_OKAND_UTOKNING = "LOKAL_OKAND_UTOKNING"
    #: A local value that breaks its definition (type, code, number, level).
    LOKAL_OGILTIG = "LOKAL_OGILTIG"
    #: A roll-up code whose national code is not among the national variable's codes.
    LOKAL_RULLNING = "LOKAL_RULLNING"
    #: A national variable that the extension declares unused is recorded.
    NATIONELL_ANVANDS_INTE = "NATIONELL_ANVANDS_INTE"

    @property
    def allvarlighet(self) -> Allvarlighet:
        """The severity of this rule's findings."""
        return _ALLVARLIGHET[self]


_ALLVARLIGHET = {
    LokalRegel.LOKAL_SAKNAS: Allvarlighet.SAKNAS,
    LokalRegel.LOKAL_OKAND_UTOKNING: Allvarlighet.VARNING,
    LokalRegel.LOKAL_OGILTIG: Allvarlighet.FEL,
    LokalRegel.LOKAL_RULLNING: Allvarlighet.FEL,
    LokalRegel.NATIONELL_ANVANDS_INTE: Allvarlighet.VARNING,
}


@attrs.frozen(kw_only=True)
class LokaltFynd:
    """One finding of :func:`granska_lokala` (the surface of ``granska``'s ``Fynd``)."""

    regel: LokalRegel
    allvarlighet: Allvarlighet
    falt: str
    text: str


def _fynd(regel: LokalRegel, falt: str, text: str) -> LokaltFynd:
    return LokaltFynd(regel=regel, allvarlighet=regel.allvarlighet, falt=falt, text=mask(text))


def _obj(x: object) -> Mapping[str, Any]:
    return x if isinstance(x, Mapping) else {}


def _lista(x: object) -> list[Any]:
    return x if isinstance(x, list) else []


def _nivaer(arende: Mapping[str, Any]) -> Iterator[tuple[Niva, str, Mapping[str, Any]]]:
    """Every level of the ärende's JSON form: (level, path, object)."""
    yield Niva.ARENDE, "", arende
    for i, insats in enumerate(_lista(arende.get("insatser"))):
        ins = _obj(insats)
        yield Niva.INSATS, f"insatser[{i}]", ins
        for j, upp in enumerate(_lista(ins.get("uppfoljningar"))):
            yield Niva.UPPFOLJNING, f"insatser[{i}].uppfoljningar[{j}]", _obj(upp)
        if isinstance(ins.get("avslut"), Mapping):
            yield Niva.AVSLUT, f"insatser[{i}].avslut", ins["avslut"]


#: Avslutsorsak 8 "Insatsen påbörjades aldrig": no Genomföra step (as for variabel 11).
_PABORJADES_ALDRIG = 8


def _passerat(niva: Niva, steg: Processteg, obj: Mapping[str, Any], har_insats: bool) -> bool:
    """Has the process passed *steg* at this level (so its variables are due)?"""
    if niva is Niva.ARENDE:
        return steg is Processteg.AKTUALISERA or har_insats
    if niva is not Niva.INSATS or steg is Processteg.BESLUTA:
        return True
    if _lista(obj.get("uppfoljningar")):
        return True
    avslut = obj.get("avslut")
    if isinstance(avslut, Mapping) and avslut.get("avslutsorsak") != _PABORJADES_ALDRIG:
        return True
    return steg is Processteg.UTFORMA_UPPDRAG and obj.get("verkstallighetsdatum") is not None


def _nationella_koder(niva: Niva, obj: Mapping[str, Any], vm: type[Vardemangd]) -> set[int] | None:
    """The codes recorded in the national variables of *vm* at this level (None: none)."""
    koder: set[int] | None = None
    for v in KATALOG:
        niva_falt, _, attr = v.falt.rpartition(".")
        if v.vardemangd is vm and niva_falt == niva.falt and obj.get(attr) is not None:
            varde = obj[attr]
            koder = (koder or set()) | set(varde if isinstance(varde, list) else [varde])
    return koder


def granska_lokala(
    arende: Mapping[str, Any], utokningar: Mapping[str, Utokning]
) -> tuple[LokaltFynd, ...]:
    """Findings about the local values of one ärende in its JSON form (``to_dict``).

    Reads the ``lokala`` object at every level: values that break their definition
    (``LOKAL_OGILTIG``), values of an extension not loaded (``LOKAL_OKAND_UTOKNING``,
    kept), roll-up codes whose national code is missing from the national variable at
    the same level (``LOKAL_RULLNING``), local variables absent in a step already passed
    (``LOKAL_SAKNAS``, judged like the national rule), and national variables the
    extensions declare unused but that are recorded (``NATIONELL_ANVANDS_INTE``).
    """
    fynd: list[LokaltFynd] = []
    har_insats = bool(_lista(arende.get("insatser")))
    for niva, plats, obj in _nivaer(arende):
        sok = f"{plats}.{NYCKEL}" if plats else NYCKEL
        try:
            lv = las_lokala(obj.get(NYCKEL), utokningar, niva, sokvag=f"$.{sok}")
        except InvalidLocalValues as exc:
            fynd.extend(_fynd(LokalRegel.LOKAL_OGILTIG, sok, p) for p in exc.problems)
            continue
        for uid, _text in lv.okanda:
            fynd.append(
                _fynd(
                    LokalRegel.LOKAL_OKAND_UTOKNING,
                    f"{sok}.{uid}",
                    f"värden för utökningen {uid}, som inte är laddad: sparade, inte prövade",
                )
            )
        for uid, nummer, x in lv.varden:
            if not isinstance(x, Vardemangd | frozenset):
                continue
            koder = x if isinstance(x, frozenset) else frozenset({x})
            for kod in sorted(koder):
                nationell = rulla_upp(kod)
                if nationell is kod:
                    continue
                recorded = _nationella_koder(niva, obj, type(nationell))
                if recorded is not None and nationell.value not in recorded:
                    fynd.append(
                        _fynd(
                            LokalRegel.LOKAL_RULLNING,
                            f"{sok}.{uid}.{nummer}",
                            f"kod {kod.value} ”{kod.label}” räknas under "
                            f"{type(nationell).__name__} {nationell.value} ”{nationell.label}”, "
                            "som inte är registrerad",
                        )
                    )
        for u in utokningar.values():
            varden = lv.som_dict().get(u.id, {})
            for v in u.variabler_pa(niva):
                if v.nummer not in varden and _passerat(niva, v.processteg, obj, har_insats):
                    fynd.append(
                        _fynd(
                            LokalRegel.LOKAL_SAKNAS,
                            f"{sok}.{u.id}.{v.nummer}",
                            f"{v.referens} {v.namn} saknas (processteg {v.processteg.value} "
                            f"{v.processteg.label})",
                        )
                    )
    fynd.extend(_anvands_inte(arende, utokningar))
    return tuple(fynd)


def _anvands_inte(
    arende: Mapping[str, Any], utokningar: Mapping[str, Utokning]
) -> Iterator[LokaltFynd]:
    oanvanda = {n for u in utokningar.values() for n in u.anvands_inte}
    if not oanvanda:
        return
    nivaer = list(_nivaer(arende))
    for v in KATALOG:
        if v.nummer not in oanvanda:
            continue
        niva_falt, _, attr = v.falt.rpartition(".")
        for niva, plats, obj in nivaer:
            if niva.falt == niva_falt and obj.get(attr) is not None:
                falt = f"{plats}.{attr}" if plats else attr
                yield _fynd(
                    LokalRegel.NATIONELL_ANVANDS_INTE,
                    falt,
                    f"variabel {v.nummer} {v.namn} är registrerad, men utökningen säger att "
                    "den inte används",
                )


def _katalogfalt(falt: str) -> str:
    """``insatser[0].uppfoljningar[2].sip`` -> ``insatser[].uppfoljningar[].sip``."""
    return re.sub(r"\[\d+\]", "[]", falt)


def utan_oanvanda(fynd: Iterable[Fynd], utokningar: Mapping[str, Utokning]) -> tuple[Fynd, ...]:
    """``granska``'s findings without the ``saknas`` ones for unused national variables.

    A municipality that declares it does not use a national variable is not told that
    it is missing; every other finding stays.
    """
    oanvanda = {n for u in utokningar.values() for n in u.anvands_inte}
    falt = {v.falt for v in KATALOG if v.nummer in oanvanda}
    return tuple(
        f
        for f in fynd
        if not (f.allvarlighet is Allvarlighet.SAKNAS and _katalogfalt(f.falt) in falt)
    )
