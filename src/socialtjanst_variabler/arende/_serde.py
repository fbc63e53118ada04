"""The private cattrs converter behind :func:`to_json` and :func:`from_json`.

Imported lazily (``import socialtjanst_variabler`` does not load cattrs). The converter is
our own instance, never the global one, so nothing leaks into a vendor's application.

JSON form (docs page *Beslut*, Serialisering): codes as integers, dates as ``ÅÅÅÅ-MM-DD`` only, the
personnummer as ``ÅÅÅÅMMDD-NNNN``, multi-choice as sorted code lists, absent values left
out, unknown keys refused. With a personnummer, ``juridiskt_kon`` and ``fodelsedatum`` are
left out too: they derive from it.

Reading is done twice only when it fails: a fast pass (a function generated per class),
and on any error cattrs' detailed pass, which lists every problem with its JSON path.
"""

from __future__ import annotations

import json
import os
import re
import types
import typing
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Mapping
from datetime import date
from functools import cache
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar

import attrs
import cattrs
from cattrs.errors import ClassValidationError, IterableValidationError, IterableValidationNote
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn

from socialtjanst_variabler._datum import las_datum
from socialtjanst_variabler.arende._lokala import LokalaVarden, las_okanda
from socialtjanst_variabler.arende.modell import NIVAER, REGISTRERING, REGLER, Arende
from socialtjanst_variabler.errors import InvalidJson, InvalidValue, ValidationError, _shown
from socialtjanst_variabler.identitet.personnummer import Personnummer
from socialtjanst_variabler.identitet.reservnummer import Reservnummer
from socialtjanst_variabler.vardemangder import Vardemangd

if TYPE_CHECKING:
    from socialtjanst_variabler.lokala.definition import Utokning

__all__ = ["from_dict", "from_json", "to_dict", "to_json"]

T = TypeVar("T")
_PNR = re.compile(r"[0-9]{8}-[0-9]{4}", re.ASCII)


def _pnr(value: object) -> Personnummer:
    if type(value) is not str or not _PNR.fullmatch(value):
        raise ValidationError("ska vara en sträng ÅÅÅÅMMDD-NNNN")
    # Skatteverket issues samordningsnummer whose birth date is partly unknown: a stored
    # one is read, and the ärende carries its birth year.
    return Personnummer.parse(value, ofullstandigt_datum=True)


def _reservnummer(value: object) -> Reservnummer:
    if type(value) is not str:
        raise ValidationError("ska vara en sträng")
    return Reservnummer.parse(value)


def _bool(value: object) -> bool:
    if type(value) is not bool:
        raise ValidationError("ska vara true eller false")
    return value


def _str(value: object) -> str:
    if type(value) is not str:
        raise ValidationError("ska vara en sträng")
    return value


def _int(value: object) -> int:
    if type(value) is not int:  # not true, not 1.0
        raise ValidationError("ska vara ett heltal")
    return value


_SIMPLE: dict[type, Callable[[Any], Any]] = {
    date: las_datum,
    Personnummer: _pnr,
    Reservnummer: _reservnummer,
    bool: _bool,
    str: _str,
    int: _int,
    # Read without the extensions: every value kept as unknown; from_dict then reads the
    # values of the extensions it is given (_med_utokningar).
    LokalaVarden: las_okanda,
}


def _is_code_set(t: Any) -> bool:
    args: tuple[Any, ...] = getattr(t, "__args__", ())
    return (
        getattr(t, "__origin__", None) is frozenset
        and len(args) == 1
        and isinstance(args[0], type)
        and issubclass(args[0], Vardemangd)
    )


def _code_set(value: object, one: Callable[[Any], Vardemangd]) -> frozenset[Vardemangd]:
    if type(value) is not list:
        raise ValidationError("ska vara en lista med koder")
    codes = frozenset([one(v) for v in value])
    if len(codes) != len(value):
        raise ValidationError("samma kod förekommer flera gånger")
    return codes


def _is_tuple(t: Any) -> bool:
    return getattr(t, "__origin__", None) is tuple


def _two_args(hook: Callable[[Any], T]) -> Callable[[Any, Any], T]:
    """A one-argument hook in cattrs' (value, type) shape."""
    return lambda v, _: hook(v)


@cache
def _converter() -> cattrs.Converter:
    c = cattrs.Converter(forbid_extra_keys=True, omit_if_default=True, detailed_validation=True)
    for t, hook in _SIMPLE.items():
        c.register_structure_hook(t, _two_args(hook))
    c.register_unstructure_hook(date, date.isoformat)
    c.register_unstructure_hook(Personnummer, str)
    c.register_unstructure_hook(Reservnummer, str)
    c.register_unstructure_hook(LokalaVarden, LokalaVarden.till_json)
    # On the base class: a predicate hook would lose to cattrs' own int hook (STYLE.md).
    c.register_structure_hook(Vardemangd, lambda v, t: t.from_code(v))
    c.register_unstructure_hook(Vardemangd, int)
    c.register_structure_hook_func(_is_code_set, lambda v, t: _code_set(v, t.__args__[0].from_code))
    c.register_unstructure_hook_func(_is_code_set, lambda s: sorted(int(m) for m in s))

    def structure_tuple(value: object, t: Any) -> tuple[Any, ...]:
        if type(value) is not list:
            raise ValidationError("ska vara en lista")
        item = t.__args__[0]
        out, errors = [], []
        for ix, v in enumerate(value):
            try:
                out.append(c.structure(v, item))
            except Exception as exc:
                note = IterableValidationNote(f"Structuring {t} @ index {ix}", ix, item)
                exc.__notes__ = [*getattr(exc, "__notes__", []), note]
                errors.append(exc)
        if errors:
            raise IterableValidationError(f"While structuring {t!r}", errors, t)
        return tuple(out)

    c.register_structure_hook_func(_is_tuple, structure_tuple)
    for cls in NIVAER.values():
        if any(REGISTRERING in f.metadata for f in attrs.fields(cls)):
            c.register_structure_hook(cls, _utan_registrering(c, cls))

    base = make_dict_unstructure_fn(Arende, c, _cattrs_omit_if_default=True)

    def unstructure_arende(a: Arende) -> dict[str, Any]:
        # Derived values are left out: the identity or the birth date gives them back.
        d = base(a)
        if a.personnummer is not None:
            d.pop("juridiskt_kon", None)
            d.pop("fodelsedatum" if a.personnummer.har_fullstandigt_datum else "fodelsear", None)
        elif a.reservnummer is not None and not a.reservnummer.is_regionalt:
            d.pop("juridiskt_kon", None)
            d.pop("fodelsedatum", None)
        if a.fodelsedatum is not None:
            d.pop("fodelsear", None)
        return d

    c.register_unstructure_hook(Arende, unstructure_arende)
    return c


def _utan_registrering(c: cattrs.Converter, cls: type[Any]) -> Callable[[Any, Any], Any]:
    """cattrs' structuring of *cls*, except that the fields' registration rules
    (``modell.REGISTRERING``) are left to ``granska``, as in the fast pass.

    A field that has them is read first on its own (its type and its REGLER); when that
    succeeds, the object is built without it and the value set through the slot. When it
    fails, the value goes to cattrs unchanged, which reports the problem.
    """
    base = make_dict_structure_fn(cls, c)
    hints = typing.get_type_hints(cls)
    falt = [f for f in attrs.fields(cls) if REGISTRERING in f.metadata]

    def structure(data: Any, t: Any) -> Any:
        if type(data) is not dict:
            return base(data, t)
        sena: dict[str, Any] = {}
        for f in falt:
            if data.get(f.name) is None:
                continue
            try:
                v = c.structure(data[f.name], hints[f.name])
                for regel in f.metadata[REGLER]:
                    regel(None, f, v)
            except Exception:  # cattrs reports it below, with its path
                continue
            sena[f.name] = v
        obj = base({**data, **dict.fromkeys(sena)}, t)
        for namn, v in sena.items():
            getattr(cls, namn).__set__(obj, v)  # the slot's setter: frozen
        return obj

    return structure


def _problems(exc: BaseException, path: str = "$") -> list[str]:
    """Every problem under *exc* as ``<what> @ <JSON path>``.

    Like ``cattrs.transform_error``, except that an error the model itself raised
    (:class:`InvalidValue`, from a validator) points at its field, not at the object.
    """
    if isinstance(exc, IterableValidationError):
        items, rest = exc.group_exceptions()
        found = [p for e, note in items for p in _problems(e, f"{path}[{note.index!r}]")]
    elif isinstance(exc, ClassValidationError):
        fields, rest = exc.group_exceptions()
        found = [p for e, note in fields for p in _problems(e, f"{path}.{note.name}")]
    elif isinstance(exc, InvalidValue):
        return [f"{exc.rule} @ {path}.{exc.field}"]
    elif isinstance(exc, ValidationError):
        return [f"{exc} @ {path}"]
    elif isinstance(exc, cattrs.ForbiddenExtraKeysError):
        return [f"okända nycklar: {_nycklar(exc.extra_fields)} @ {path}"]
    elif isinstance(exc, KeyError):
        return [f"obligatoriskt fält saknas @ {path}"]
    else:
        return [f"ogiltigt värde @ {path}"]
    return found + [p for e in rest for p in _problems(e, path)]


#: How many unknown or repeated keys a problem names; the rest are counted.
NYCKLAR_VISAS = 5


def _nycklar(keys: Collection[str]) -> str:
    """*keys* for a message: each escaped and capped (``repr``, at most 40 characters),
    at most :data:`NYCKLAR_VISAS` of them, so the message does not grow with the input."""
    alla = sorted(keys, key=lambda k: (len(k), k))[: NYCKLAR_VISAS + 1]
    visade = [_shown(k) for k in alla[:NYCKLAR_VISAS]]
    if len(keys) > NYCKLAR_VISAS:
        visade.append(f"… och {len(keys) - NYCKLAR_VISAS} till")
    return ", ".join(visade)


# The fast pass: one structuring function per model class, generated from the attrs fields
# and type hints, like cattrs' own. Each value is checked and converted inline; then the
# object's slots are filled without the type validators, which the conversion has just
# met, and with the rules each field lists in its metadata (``arende.REGLER``), so the
# rules stay written once. A field's registration rules (``arende.REGISTRERING``) are not
# run: an extract is read whole, and ``granska`` reports them. Whatever it refuses goes to
# cattrs' detailed pass, which lists every problem: the fast pass only has to refuse, not
# to explain.
_SAKNAS = object()  # a key that is absent


def _utan_none(t: Any) -> Any:
    """X for ``X | None``, else *t*."""
    if type(t) is types.UnionType:
        (t,) = (a for a in t.__args__ if a is not type(None))
    return t


def _las(t: Any, f: attrs.Attribute[Any], scope: dict[str, Any]) -> list[str]:
    """Lines that check and convert ``v``, a JSON value of type *t* (without its None;
    ``v`` is never None here) for field *f*; one branch per kind of type."""
    namn = f.name
    args: tuple[Any, ...] = getattr(t, "__args__", ())
    if _is_code_set(t):
        # Not True or 1.0, which equal 1, then a code list already read, or a new one.
        scope[f"k_{namn}"], scope[f"n_{namn}"] = _kodlistor(args[0], f)
        return [
            "if v.__class__ is not list or not set(map(type, v)) <= HELTAL: raise Fel",
            f"v = k_{namn}.get(tuple(v)) or n_{namn}(v)",
        ]
    if _is_tuple(t):
        scope[f"s_{namn}"] = _fast(args[0])
        return [f"v = tuple(map(s_{namn}, v)) if v.__class__ is list else Fel.fel()"]
    if attrs.has(t) and t is not LokalaVarden:  # LokalaVarden: read whole, by its hook
        scope[f"s_{namn}"] = _fast(t)
        return [f"v = s_{namn}(v)"]
    if issubclass(t, Vardemangd):
        scope[f"t_{namn}"] = {m.value: m for m in t}
        # Not True, which equals 1; an unknown code: KeyError.
        return [f"v = t_{namn}[v] if v.__class__ is int else Fel.fel()"]
    if t is date:
        # A text not seen before goes to dag(); so does anything but an exact str (a str
        # subclass may compare equal to a cached text: what is accepted must not depend
        # on what was read before).
        return ["v = (v.__class__ is str and DAGAR.get(v)) or dag(v)"]
    if t not in _SIMPLE:
        raise TypeError(f"{namn}: a type the fast pass lacks: {t!r}")
    scope[f"h_{namn}"] = _SIMPLE[t]  # the converter's own hook
    return [f"v = h_{namn}(v)"]


@cache
def _fast(cls: type[Any]) -> Callable[[object], Any]:
    """``structure(data)`` for *cls*: an absent key or ``null`` is the default."""
    hints = typing.get_type_hints(cls)
    fields = attrs.fields(cls)
    scope: dict[str, Any] = {
        "cls": cls,
        "new": object.__new__,
        "Fel": _Fel,
        "NYCKLAR": frozenset(f.name for f in fields),
        "SAKNAS": _SAKNAS,
        "HELTAL": {int},
        "DAGAR": _DAGAR,
        "dag": _dag,
    }
    lines = [
        "def structure(d):",
        "    if d.__class__ is not dict or not d.keys() <= NYCKLAR: raise Fel",
        "    g = d.get",
        "    self = new(cls)",
    ]
    for f in fields:
        typ = _utan_none(hints[f.name])
        if f.default is attrs.NOTHING:  # required: null or absent is refused
            lines += [f"    v = g({f.name!r})", "    if v is None: raise Fel"]
            lines += [f"    {line}" for line in _las(typ, f, scope)]
        elif f.default is None:
            lines += [f"    v = g({f.name!r})", "    if v is not None:"]
            lines += [f"        {line}" for line in _las(typ, f, scope)]
        else:  # () or False: only an absent key is the default, null is refused
            scope[f"d_{f.name}"] = f.default
            lines.append(f"    v = g({f.name!r}, SAKNAS)")
            lines.append(f"    if v is SAKNAS: v = d_{f.name}")
            lines.append("    else:")
            lines += [f"        {line}" for line in _las(typ, f, scope)]
        # The slot's own setter: twice as fast as object.__setattr__.
        scope[f"satt_{f.name}"] = getattr(cls, f.name).__set__
        lines.append(f"    satt_{f.name}(self, v)")
        if _is_code_set(typ):
            continue  # its rules ran when its codes were first read (_kodlistor)
        for k, regel in enumerate(f.metadata.get(REGLER, ())):
            scope[f"r{k}_{f.name}"], scope[f"a_{f.name}"] = regel, f
            lines.append(f"    r{k}_{f.name}(self, a_{f.name}, v)")
    if hasattr(cls, "__attrs_post_init__"):
        lines.append("    self.__attrs_post_init__()")
    lines.append("    return self")
    exec("\n".join(lines), scope)
    structure: Callable[[object], Any] = scope["structure"]
    return structure


# Code lists repeat too (a few combinations of a value set's codes recur), so each
# multi-choice field keeps the frozensets it has read. A field's rules judge its value
# alone, so a list already read has met them. Bounded, like the dates: short lists only
# (the common ones), and at most _KODLISTOR_MAX of them, about 0.4 MB per field.
_KODLISTOR_MAX = 1 << 10
_KODLISTA_LANGD = 4


def _kodlistor(
    vardemangd: type[Vardemangd], f: attrs.Attribute[Any]
) -> tuple[dict[tuple[int, ...], frozenset[Vardemangd]], Callable[[list[int]], frozenset[Any]]]:
    """The cache of field *f* (code lists already read) and the function that reads a new
    one: ``v`` is a list of ints here."""
    kod = {m.value: m for m in vardemangd}.__getitem__  # an unknown code: KeyError
    regler = f.metadata.get(REGLER, ())
    lasta: dict[tuple[int, ...], frozenset[Vardemangd]] = {}

    def ny(v: list[int]) -> frozenset[Any]:
        koder = _code_set(v, kod)
        for regel in regler:
            regel(None, f, koder)
        if len(v) <= _KODLISTA_LANGD and len(lasta) < _KODLISTOR_MAX:
            lasta[tuple(v)] = koder
        return koder

    return lasta, ny


# Dates repeat (an extract spans a few years), so the texts already read are looked up
# rather than parsed again. Bounded, so that memory stays flat whatever the file.
_DAGAR: dict[str, date] = {}
_DAGAR_MAX = 1 << 14  # 45 years of days, about 2 MB


def _dag(v: str) -> date:
    d = las_datum(v)  # a text not yet read, or not a text at all
    if len(_DAGAR) < _DAGAR_MAX:
        _DAGAR[v] = d
    return d


class _Fel(Exception):
    """Refused by the fast pass; the detailed pass says why."""

    @classmethod
    def fel(cls) -> NoReturn:
        raise cls


_las_arende = _fast(Arende)  # generated once, when this module is first imported


def _register(utokningar: Iterable[Utokning]) -> Mapping[str, Utokning]:
    if isinstance(utokningar, tuple | list) and not utokningar:
        return {}  # the common case, without importing the definitions
    from socialtjanst_variabler.lokala.varden import register

    return register(utokningar)


def _med_utokningar(arende: Arende, utokningar: Mapping[str, Utokning]) -> Arende:
    """*arende*, just read, with the values of the loaded extensions read into codes (the
    passes keep every local value as unknown until here)."""
    from socialtjanst_variabler.lokala.fel import InvalidLocalValues
    from socialtjanst_variabler.lokala.varden import tolka

    andrade, problem = tolka(arende, utokningar)
    if problem:
        raise InvalidLocalValues(problem)
    for obj, lv in andrade:
        vars(type(obj))["lokala"].__set__(obj, lv)  # the slot's setter: frozen, not shared
    return arende


def _lokala_problem(data: object, utokningar: Mapping[str, Utokning]) -> list[str]:
    """The problems of the loaded extensions' values in *data*, read as JSON."""
    from socialtjanst_variabler.lokala.fel import InvalidLocalValues
    from socialtjanst_variabler.lokala.varden import NYCKEL, _nivaer, _sokvag, las_lokala

    problem: list[str] = []
    for niva, plats, obj in _nivaer(data):
        if isinstance(obj, dict) and isinstance(obj.get(NYCKEL), dict):
            try:
                las_lokala(obj[NYCKEL], utokningar, niva, sokvag=f"$.{_sokvag(plats)}")
            except InvalidLocalValues as exc:
                problem += exc.problems
    return problem


def from_dict(data: object, *, utokningar: Iterable[Utokning] = ()) -> Arende:
    """Build an :class:`~socialtjanst_variabler.arende.Arende` from its dict form.

    A dict cannot hold a key twice: when it came from ``json.loads``, a repeated key is
    already gone (the last one kept). Read JSON text with :func:`from_json`, which
    refuses it.

    *utokningar*: the extensions whose local values are read and checked (see
    :func:`from_json`).

    Raises:
        InvalidJson: listing every problem with its JSON path.
        DuplicateExtension: two extensions share an id.
    """
    return _fran_dict(data, _register(utokningar))


def _fran_dict(data: object, utokningar: Mapping[str, Utokning]) -> Arende:
    if type(data) is not dict:
        raise InvalidJson(["ska vara ett JSON-objekt @ $"])
    try:
        arende: Arende = _las_arende(data)
    except Exception:
        pass
    else:
        return _med_utokningar(arende, utokningar) if utokningar else arende
    try:
        arende = _converter().structure(data, Arende)
    except Exception as exc:
        problems = _problems(exc)
    else:  # pragma: no cover - the fast pass refused what the detailed one took
        return _med_utokningar(arende, utokningar) if utokningar else arende
    if utokningar:
        problems = list(dict.fromkeys(problems + _lokala_problem(data, utokningar)))
    # Raised outside the except block, so that no __context__ carries the data along.
    raise InvalidJson(problems)


def to_dict(arende: Arende) -> dict[str, Any]:
    """The canonical dict form of *arende* (JSON types only).

    Raises:
        TypeError: *arende* is not an :class:`~socialtjanst_variabler.arende.Arende`.
    """
    if not isinstance(arende, Arende):
        raise TypeError(f"arende ska vara ett Arende, inte {type(arende).__name__}")
    result: dict[str, Any] = _converter().unstructure(arende)
    return result


class _Dubblett(Exception):
    """An object with a repeated key: the fast scan leaves it to the detailed pass."""


def _par(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """JSON's object, refusing a repeated key (json keeps the last one silently)."""
    d = dict(pairs)
    if len(d) != len(pairs):
        raise _Dubblett
    return d


class _MedDubbletter(dict[str, Any]):
    """An object of the detailed pass that had repeated keys (``dubbletter``)."""

    dubbletter: list[str]


def _par_detalj(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    d = dict(pairs)
    if len(d) == len(pairs):
        return d
    antal = Counter(k for k, _ in pairs)
    med = _MedDubbletter(d)
    med.dubbletter = [k for k, n in antal.items() if n > 1]
    return med


def _dubbletter(data: Any, path: str = "$") -> list[str]:
    """``nyckeln 'x' förekommer flera gånger @ <path>`` for each object under *data*."""
    found: list[str] = []
    # An explicit stack: the data may nest as deep as json allowed.
    stack: list[tuple[Any, str]] = [(data, path)]
    while stack:
        value, where = stack.pop()
        if isinstance(value, dict):
            if isinstance(value, _MedDubbletter):
                found.append(f"samma nyckel flera gånger: {_nycklar(value.dubbletter)} @ {where}")
            stack += [(v, f"{where}.{k}") for k, v in reversed(value.items())]
        elif isinstance(value, list):
            stack += [(v, f"{where}[{i}]") for i, v in reversed(list(enumerate(value)))]
    return found


# The C scanner that json.loads runs, called directly: json.loads adds three Python
# calls and two regex matches for the white space around the value. Its objects go
# through _par, which refuses a repeated key (one Python call per object: measured in
# docs/prestanda.md); the detailed pass then says where.
_SKANNA: Callable[[str, int], tuple[Any, int]] = json.JSONDecoder(object_pairs_hook=_par).scan_once  # type: ignore[attr-defined]


# The optional fast parser (extra ``snabb``): orjson, when installed. It is used for the
# common case only, a line that it parses and the fast pass takes; anything else (a
# refusal, a repeated key, a number or text that orjson reads differently or not at all)
# goes the standard library's way, which stays the reference: the result and every error
# are the same with and without orjson (tests/test_serde.py). The environment variable
# SOCIALTJANST_VARIABLER_JSON=stdlib turns it off.
def _orjson() -> Callable[[str | bytes], Any] | None:
    if os.environ.get("SOCIALTJANST_VARIABLER_JSON") == "stdlib":
        return None
    try:
        import orjson
    except ImportError:
        return None
    loads: Callable[[str | bytes], Any] = orjson.loads
    return loads


_ORJSON_LOADS = _orjson()


def _antal_nycklar(data: dict[str, Any]) -> int:
    """How many keys the objects of an ärende that the fast pass has taken hold in all.

    Written for the model's levels (``arende.NIVAER``): the fast pass has checked that
    each of them is an object. An object it did not count (a level the model gains
    later) could only make the count too low, which sends the line the standard way:
    slower, never wrong (tests/test_serde.py holds it to a full count).
    """
    antal = len(data)
    if "lokala" in data:
        antal += _nycklar_i(data["lokala"])
    for insats in data.get("insatser") or ():
        antal += len(insats)
        if "lokala" in insats:
            antal += _nycklar_i(insats["lokala"])
        if uppfoljningar := insats.get("uppfoljningar"):
            antal += sum(map(len, uppfoljningar))
            for u in uppfoljningar:
                if "lokala" in u:
                    antal += _nycklar_i(u["lokala"])
        if avslut := insats.get("avslut"):
            antal += len(avslut)
            if "lokala" in avslut:
                antal += _nycklar_i(avslut["lokala"])
    if utan := data.get("avslut_utan_insats"):
        antal += len(utan)
    return antal


def _nycklar_i(varde: object) -> int:
    """The keys of every object in *varde* (local values: any JSON, as deep as it is)."""
    antal = 0
    stack = [varde]
    while stack:
        x = stack.pop()
        if x.__class__ is dict:
            antal += len(x)
            stack += x.values()
        elif x.__class__ is list:
            stack += x
    return antal


def _snabb(text: str | bytes) -> Arende | None:
    """The ärende, when orjson parses *text* and the fast pass takes it; else None.

    orjson keeps the last of a repeated key without a word. Each key–value pair has one
    colon outside the strings, and colons inside them only add to the count: when the
    colons are exactly as many as the keys that the objects ended up with, no key was
    repeated. Otherwise (a colon in a text, say) the standard path decides.
    """
    assert _ORJSON_LOADS is not None
    try:
        data = _ORJSON_LOADS(text)
        if data.__class__ is not dict:
            return None
        arende: Arende = _las_arende(data)
    except Exception:  # the standard path says what is wrong, or takes it after all
        return None
    kolon = text.count(":") if text.__class__ is str else text.count(b":")  # type: ignore[arg-type]
    return arende if kolon == _antal_nycklar(data) else None


def from_json(text: str | bytes, *, utokningar: Iterable[Utokning] = ()) -> Arende:
    """Parse one ärende from JSON text.

    A key repeated in one object is refused (``json`` would keep the last one, so that
    ``{"personnummer": A, "personnummer": B}`` would mean B without a word).

    Local values (``lokala`` at every level) of the extensions in *utokningar* (loaded
    with :func:`~socialtjanst_variabler.lokala.las_definition`) are read into their
    codes, and refused when they break the definition; the values of any other extension
    are kept as they are (:attr:`LokalaVarden.okanda
    <socialtjanst_variabler.lokala.varden.LokalaVarden.okanda>`), never dropped, and
    ``granska`` reports them.

    With the extra ``snabb`` installed, orjson parses the common case; the result and
    every error are the same as without it.

    Raises:
        InvalidJson: malformed JSON, a repeated key, or every structural problem with its
            JSON path (a local value's problems too).
        TypeError: *text* is neither ``str`` nor ``bytes``.
        DuplicateExtension: two extensions share an id.
    """
    return _fran_json(text, _register(utokningar))


def _fran_json(text: str | bytes, utokningar: Mapping[str, Utokning]) -> Arende:
    if _ORJSON_LOADS is not None and (text.__class__ is str or text.__class__ is bytes):
        arende = _snabb(text)
        if arende is not None:
            return _med_utokningar(arende, utokningar) if utokningar else arende
    if text.__class__ is str:
        try:
            data, slut = _SKANNA(text, 0)
        except Exception:  # json.loads below says what is wrong
            pass
        else:
            # What json.loads takes: only JSON's white space after the value.
            if slut == len(text) or not text[slut:].strip(" \t\n\r"):
                return _fran_dict(data, utokningar)
    elif not isinstance(text, (str, bytes, bytearray)):
        raise TypeError(f"from_json(): text ska vara str eller bytes, inte {type(text).__name__}")
    try:
        data = json.loads(text, object_pairs_hook=_par_detalj)
    except (ValueError, TypeError) as exc:
        where = ""
        if isinstance(exc, json.JSONDecodeError):
            rad = f"rad {exc.lineno}, " if exc.lineno > 1 else ""
            where = f" ({rad}kolumn {exc.colno})"
        problem = f"inte giltig JSON{where} @ $"
    except RecursionError:
        problem = "för djupt nästlad JSON @ $"
    else:
        dubbletter = _dubbletter(data)
        if not dubbletter:
            return _fran_dict(data, utokningar)
        raise InvalidJson(dubbletter)
    # Outside the except block: a JSONDecodeError's .doc is the whole text, personnummer
    # included, and would otherwise ride along as __context__.
    raise InvalidJson([problem])


def to_json(arende: Arende) -> str:
    """The canonical JSON text of *arende*: compact, sorted keys, UTF-8 characters kept."""
    return json.dumps(to_dict(arende), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
