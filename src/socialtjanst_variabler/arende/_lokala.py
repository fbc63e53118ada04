"""The value type of a record's local values, :class:`LokalaVarden`, for the model.

A leaf module: it imports nothing from :mod:`socialtjanst_variabler.arende` nor from
:mod:`socialtjanst_variabler.lokala`, so that the model can hold local values without
loading the definitions, and :mod:`socialtjanst_variabler.lokala.varden` (which reads
and checks them, and imports ``granska``) can build on the model. The public home of
the class is :mod:`socialtjanst_variabler.lokala.varden`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from datetime import date
from typing import Any

import attrs

from socialtjanst_variabler.errors import InvalidValue, ValidationError
from socialtjanst_variabler.vardemangder import Vardemangd

__all__ = [
    "ID_MONSTER",
    "NUMMER_MONSTER",
    "NYCKEL",
    "TOMMA",
    "LokalaVarden",
    "Lokalvarde",
    "ar_id",
    "ar_nummer",
    "las_okanda",
    "okand_text",
]

#: The type of a local value (a code, a set of codes, a date or an integer).
Lokalvarde = Vardemangd | frozenset[Vardemangd] | date | int

#: The JSON key of the local values at every level.
NYCKEL = "lokala"

#: The extension id: lower-case ASCII segments separated by dots, the first starting
#: with a letter, e.g. ``se.kommun.0180.fia`` (reverse domain style) or just ``fia``;
#: at most 100 characters.
ID_MONSTER = re.compile(r"^[a-z][a-z0-9-]*(\.[a-z0-9][a-z0-9-]*)*$")
#: A local variable number: ``L`` and 1–9999 without leading zeros. It never collides
#: with a national number (1–20, B1a–B5); elsewhere it is written ``<id>:L1``.
NUMMER_MONSTER = re.compile(r"^L[1-9][0-9]{0,3}$")


def ar_id(uid: object) -> bool:
    """Whether *uid* is a well-formed extension id (:data:`ID_MONSTER`, at most 100)."""
    return type(uid) is str and len(uid) <= 100 and ID_MONSTER.fullmatch(uid) is not None


def ar_nummer(nummer: object) -> bool:
    """Whether *nummer* is a well-formed local variable number (:data:`NUMMER_MONSTER`)."""
    return type(nummer) is str and NUMMER_MONSTER.fullmatch(nummer) is not None


# An id or number is written into tables and findings as it is: checking its form keeps
# free text (a name, a personnummer) out of them, even from an extension nobody loaded.
ID_FEL = "utökningens id ska vara gemena ASCII-segment åtskilda av punkter (ID_MONSTER)"
NUMMER_FEL = "en lokal variabels nummer ska vara L1–L9999 (NUMMER_MONSTER)"


def _json_varde(x: Lokalvarde) -> object:
    if isinstance(x, frozenset):
        return sorted(m.value for m in x)
    if isinstance(x, date):
        return x.isoformat()
    return int(x)


def _ar_varde(x: object) -> bool:
    if isinstance(x, frozenset):
        return bool(x) and all(isinstance(m, Vardemangd) for m in x)
    return type(x) is date or (isinstance(x, int) and not isinstance(x, bool))


def _ordna(
    varden: Iterable[tuple[str, str, Lokalvarde]],
) -> tuple[tuple[str, str, Lokalvarde], ...]:
    varden = tuple(varden)
    for post in varden:
        # A value checked by lokala.varden.las_lokala always passes; a hand-built one may
        # not, and must not reach JSON or the statistics in a form nobody reads back.
        if not (
            type(post) is tuple
            and len(post) == 3  # (id, number, value)
            and ar_id(post[0])
            and ar_nummer(post[1])
            and _ar_varde(post[2])
        ):
            raise InvalidValue(
                "lokala",
                "varje lokalt värde ska vara (utökningens id, nummer L1…, värde: en kod, en "
                "icke-tom frozenset av koder, ett datum eller ett heltal)",
            )
    return tuple(sorted(varden, key=lambda r: (r[0], int(r[1][1:]))))


def _ordna_okanda(okanda: Iterable[tuple[str, str]]) -> tuple[tuple[str, str], ...]:
    okanda = tuple(okanda)
    for post in okanda:
        if not (type(post) is tuple and len(post) == 2 and all(type(p) is str for p in post)):
            raise InvalidValue("lokala", "en okänd utökning ska vara (id, JSON-text)")
        if not ar_id(post[0]):
            raise InvalidValue("lokala", ID_FEL)
    return tuple(sorted(okanda))


@attrs.frozen
class LokalaVarden:
    """The local values at one level of a record (hashable, in a canonical order).

    Every level of an ärende (:class:`~socialtjanst_variabler.arende.Arende`,
    :class:`~socialtjanst_variabler.arende.Insats`,
    :class:`~socialtjanst_variabler.arende.Uppfoljning`,
    :class:`~socialtjanst_variabler.arende.Avslut`) has one, empty by default. Built by
    :func:`~socialtjanst_variabler.lokala.varden.las_lokala` from the JSON form, or by
    hand from checked values.

    Attributes:
        varden: ``(extension id, number, value)`` for the loaded extensions, sorted.
        okanda: ``(extension id, canonical JSON text)`` for extensions not loaded, kept
            as they came so that nothing is lost.

    Example:
        >>> from socialtjanst_variabler import Insatstyp
        >>> lv = LokalaVarden([("se.k", "L2", frozenset({Insatstyp(11)}))])
        >>> lv.till_json()
        {'se.k': {'L2': [11]}}
        >>> bool(LokalaVarden())
        False
    """

    varden: tuple[tuple[str, str, Lokalvarde], ...] = attrs.field(default=(), converter=_ordna)
    okanda: tuple[tuple[str, str], ...] = attrs.field(default=(), converter=_ordna_okanda)

    def __attrs_post_init__(self) -> None:
        nycklar = [(uid, nummer) for uid, nummer, _ in self.varden]
        okanda = [uid for uid, _ in self.okanda]
        if (
            len(set(nycklar)) != len(nycklar)
            or len(set(okanda)) != len(okanda)
            or not {uid for uid, _ in nycklar}.isdisjoint(okanda)
        ):
            # Each would be lost in the JSON form, which has one place per key.
            raise InvalidValue("lokala", "samma variabel eller utökning står två gånger")

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


#: The empty value of every level (the model's default): ``x.lokala is TOMMA`` is the
#: cheap first test of the hot paths.
TOMMA = LokalaVarden()


def okand_text(poster: object) -> str:
    """The canonical JSON text of an unknown extension's values (how they are kept).

    Raises:
        ValidationError: *poster* is not JSON (a value built in Python), or a key is not
            a local variable number.
    """
    if isinstance(poster, dict) and not all(map(ar_nummer, poster)):
        raise ValidationError(NUMMER_FEL)
    try:
        return json.dumps(poster, ensure_ascii=False, sort_keys=True, allow_nan=False)
    except (TypeError, ValueError):
        raise ValidationError("en okänd utöknings värden ska vara JSON") from None


def las_okanda(data: object) -> LokalaVarden:
    """One level's ``lokala`` object read without any extension: every value kept as
    unknown (:attr:`LokalaVarden.okanda`), to be checked when its extension is given.

    Raises:
        ValidationError: *data* is not an object of objects keyed by text.
    """
    if type(data) is not dict:
        raise ValidationError("ska vara ett objekt {id: {nummer: värde}}")
    if any(type(uid) is not str or type(poster) is not dict for uid, poster in data.items()):
        raise ValidationError("ska vara ett objekt {id: {nummer: värde}}")
    if not all(map(ar_id, data)):
        raise ValidationError(ID_FEL)
    if not data:
        return TOMMA
    return LokalaVarden((), [(uid, okand_text(poster)) for uid, poster in data.items()])
