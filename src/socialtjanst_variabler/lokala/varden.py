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

import json
import re
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

import attrs

from socialtjanst_variabler._datum import ar_datum, las_datum
from socialtjanst_variabler.arende._lokala import (
    ID_FEL,
    NYCKEL,
    TOMMA,
    LokalaVarden,
    Lokalvarde,
    ar_id,
    okand_text,
)
from socialtjanst_variabler.arende.granskning import Allvarlighet, Fynd, Regel
from socialtjanst_variabler.arende.modell import Arende
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
    "NYCKEL",
    "LokalaVarden",
    "Lokalvarde",
    "arende_schema_med_lokala",
    "granska_lokala",
    "las_lokala",
    "lokala_schema",
    "register",
    "tolka",
    "utan_oanvanda",
]


def register(
    utokningar: Iterable[Utokning] | Mapping[str, Utokning],
) -> Mapping[str, Utokning]:
    """The extensions by id, for the functions here (a mapping is taken as it is).

    Raises:
        DuplicateExtension: two extensions share an id.
    """
    if isinstance(utokningar, Mapping):
        return utokningar
    out: dict[str, Utokning] = {}
    for u in utokningar:
        if u.id in out:
            raise DuplicateExtension(f"utökningen {u.id} är laddad två gånger")
        out[u.id] = u
    return out


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
        return TOMMA
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
        elif not ar_id(uid):
            problem.append(_problem(ID_FEL, sokvag))
        else:
            if not isinstance(poster, Mapping):
                problem.append(_problem("ska vara ett objekt {nummer: värde}", usok))
                continue
            try:
                okanda.append((uid, okand_text(poster)))
            except ValidationError as exc:
                problem.append(_problem(str(exc), usok))
    if problem:
        raise InvalidLocalValues(problem)
    return LokalaVarden(varden, okanda) if varden or okanda else TOMMA


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


def arende_schema_med_lokala(utokningar: Mapping[str, Utokning]) -> dict[str, Any]:
    """The ärende's JSON Schema with the extensions' variables at every level: the same
    as :func:`~socialtjanst_variabler.arende.schema.arende_schema` given them."""
    from socialtjanst_variabler.arende.schema import arende_schema

    return arende_schema(utokningar.values())


# --- findings --------------------------------------------------------------------------------


def _fynd(regel: Regel, falt: str, text: str) -> Fynd:
    return Fynd(regel=regel, allvarlighet=regel.allvarlighet, falt=falt, text=mask(text))


# The findings read an ärende in its JSON form (a mapping, as from ``to_dict``) or as the
# model (an Arende): the same walk, each value fetched by name.


def _falt(obj: object, namn: str) -> Any:
    if isinstance(obj, Mapping):
        return obj.get(namn)
    return getattr(obj, namn, None)


def _lista(x: object) -> list[Any]:
    return list(x) if isinstance(x, list | tuple) else []


def _objekt(x: object) -> bool:
    return isinstance(x, Mapping) or attrs.has(type(x))


Niva_ = tuple[Niva, str, Any]


def _nivaer(arende: object) -> Iterator[Niva_]:
    """Every level of the ärende: (level, path, object), in document order."""
    yield Niva.ARENDE, "", arende
    for i, insats in enumerate(_lista(_falt(arende, "insatser"))):
        ins = insats if _objekt(insats) else {}
        yield Niva.INSATS, f"insatser[{i}]", ins
        for j, upp in enumerate(_lista(_falt(ins, "uppfoljningar"))):
            yield Niva.UPPFOLJNING, f"insatser[{i}].uppfoljningar[{j}]", upp if _objekt(upp) else {}
        avslut = _falt(ins, "avslut")
        if _objekt(avslut):
            yield Niva.AVSLUT, f"insatser[{i}].avslut", avslut


def _lokala_data(obj: object) -> object:
    """The level's ``lokala`` in its JSON form (None: none)."""
    if isinstance(obj, Mapping):
        return obj.get(NYCKEL)
    lv: LokalaVarden = getattr(obj, NYCKEL)
    return lv.till_json() if lv else None


def _sokvag(plats: str) -> str:
    return f"{plats}.{NYCKEL}" if plats else NYCKEL


def tolka(
    arende: Arende, utokningar: Mapping[str, Utokning]
) -> tuple[list[tuple[object, LokalaVarden]], list[str]]:
    """The local values of *arende* read against the loaded *utokningar*.

    Returns the levels whose values change (values of a loaded extension that were kept
    as unknown, read into codes; hand-built values checked) with their new values, and
    every problem with its JSON path. Levels without a loaded extension's values are
    left as they are.
    """
    andrade: list[tuple[object, LokalaVarden]] = []
    problem: list[str] = []
    for niva, plats, obj in _nivaer(arende):
        lv: LokalaVarden = obj.lokala
        if lv is TOMMA or not any(
            uid in utokningar for uid in (*(r[0] for r in lv.varden), *(r[0] for r in lv.okanda))
        ):
            continue
        try:
            ny = las_lokala(lv.till_json(), utokningar, niva, sokvag=f"$.{_sokvag(plats)}")
        except InvalidLocalValues as exc:
            problem += exc.problems
            continue
        andrade.append((obj, ny))
    return andrade, problem


#: Avslutsorsak 8 "Insatsen påbörjades aldrig": no Genomföra step (as for variabel 11).
_PABORJADES_ALDRIG = 8


def _passerat(niva: Niva, steg: Processteg, obj: object, har_insats: bool) -> bool:
    """Has the process passed *steg* at this level (so its variables are due)?"""
    if niva is Niva.ARENDE:
        return steg is Processteg.AKTUALISERA or har_insats
    if niva is not Niva.INSATS or steg is Processteg.BESLUTA:
        return True
    if _lista(_falt(obj, "uppfoljningar")):
        return True
    avslut = _falt(obj, "avslut")
    if _objekt(avslut) and _falt(avslut, "avslutsorsak") != _PABORJADES_ALDRIG:
        return True
    return steg is Processteg.UTFORMA_UPPDRAG and _falt(obj, "verkstallighetsdatum") is not None


def _nationella_koder(niva: Niva, obj: object, vm: type[Vardemangd]) -> set[int] | None:
    """The codes recorded in the national variables of *vm* at this level (None: none)."""
    koder: set[int] | None = None
    for v in KATALOG:
        niva_falt, _, attr = v.falt.rpartition(".")
        varde = _falt(obj, attr)
        if v.vardemangd is vm and niva_falt == niva.falt and varde is not None:
            flera = isinstance(varde, list | frozenset)
            koder = (koder or set()) | {int(k) for k in (varde if flera else [varde])}
    return koder


def granska_lokala(
    arende: Arende | Mapping[str, Any], utokningar: Mapping[str, Utokning]
) -> tuple[Fynd, ...]:
    """Findings about the local values of one ärende: the model, or its JSON form.

    Reads the local values at every level: values that break their definition
    (``LOKAL_OGILTIG``), values of an extension not loaded (``LOKAL_OKAND_UTOKNING``,
    kept), roll-up codes whose national code is missing from the national variable at
    the same level (``LOKAL_RULLNING``), local variables absent in a step already passed
    (``LOKAL_SAKNAS``, judged like the national rule), and national variables the
    extensions declare unused but that are recorded (``NATIONELL_ANVANDS_INTE``).
    :func:`~socialtjanst_variabler.arende.granskning.granska` adds these findings when
    given the extensions, after its own.
    """
    if not utokningar and not isinstance(arende, Mapping):
        return tuple(_okanda(arende))  # the model without extensions: nothing to read
    fynd: list[Fynd] = []
    har_insats = bool(_lista(_falt(arende, "insatser")))
    for niva, plats, obj in _nivaer(arende):
        sok = _sokvag(plats)
        try:
            lv = las_lokala(_lokala_data(obj), utokningar, niva, sokvag=f"$.{sok}")
        except InvalidLocalValues as exc:
            fynd.extend(_fynd(Regel.LOKAL_OGILTIG, sok, p) for p in exc.problems)
            continue
        fynd += [_okand(sok, uid) for uid, _text in lv.okanda]
        fynd += _rullning(niva, obj, lv, sok)
        for u in utokningar.values():
            varden = lv.som_dict().get(u.id, {})
            for v in u.variabler_pa(niva):
                if v.nummer not in varden and _passerat(niva, v.processteg, obj, har_insats):
                    fynd.append(
                        _fynd(
                            Regel.LOKAL_SAKNAS,
                            f"{sok}.{u.id}.{v.nummer}",
                            f"{v.referens} {v.namn} saknas (processteg {v.processteg.value} "
                            f"{v.processteg.label})",
                        )
                    )
    fynd.extend(_anvands_inte(arende, utokningar))
    return tuple(fynd)


def _okand(sok: str, uid: str) -> Fynd:
    return _fynd(
        Regel.LOKAL_OKAND_UTOKNING,
        f"{sok}.{uid}",
        f"värden för utökningen {uid}, som inte är laddad: sparade, inte prövade",
    )


def _okanda(arende: Arende) -> Iterator[Fynd]:
    """LOKAL_OKAND_UTOKNING for every extension with values at every level of the model."""
    for _, plats, obj in _nivaer(arende):
        lv: LokalaVarden = obj.lokala
        if lv is not TOMMA:
            sok = _sokvag(plats)
            for uid in sorted({r[0] for r in lv.varden} | {r[0] for r in lv.okanda}):
                yield _okand(sok, uid)


def _rullning(niva: Niva, obj: object, lv: LokalaVarden, sok: str) -> Iterator[Fynd]:
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
                yield _fynd(
                    Regel.LOKAL_RULLNING,
                    f"{sok}.{uid}.{nummer}",
                    f"kod {kod.value} ”{kod.label}” räknas under "
                    f"{type(nationell).__name__} {nationell.value} ”{nationell.label}”, "
                    "som inte är registrerad",
                )


#: Variables 4 and 5 are left out of the JSON form when the identity gives them: the
#: model holds them anyway, and is judged as its JSON form would be.
_HARLEDDA = frozenset({"juridiskt_kon", "fodelsedatum"})


def _registrerad(obj: object, attr: str) -> bool:
    if _falt(obj, attr) is None:
        return False
    if not isinstance(obj, Arende) or attr not in _HARLEDDA:
        return True
    r = obj.reservnummer
    return obj.personnummer is None and (r is None or r.is_regionalt)


def _anvands_inte(arende: object, utokningar: Mapping[str, Utokning]) -> Iterator[Fynd]:
    oanvanda = {n for u in utokningar.values() for n in u.anvands_inte}
    if not oanvanda:
        return
    nivaer = list(_nivaer(arende))
    for v in KATALOG:
        if v.nummer not in oanvanda:
            continue
        niva_falt, _, attr = v.falt.rpartition(".")
        for niva, plats, obj in nivaer:
            if niva.falt == niva_falt and _registrerad(obj, attr):
                falt = f"{plats}.{attr}" if plats else attr
                yield _fynd(
                    Regel.NATIONELL_ANVANDS_INTE,
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
