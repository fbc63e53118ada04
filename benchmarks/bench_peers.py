"""Benchmark: reading an ärende here and in peer libraries with the same checks.

Run by hand (not in CI); needs the ``bench`` extra and valgrind:

    .venv/bin/python benchmarks/bench_peers.py
    .venv/bin/python benchmarks/bench_peers.py --utan-callgrind   # times only

Every reader takes one JSON line of the extract of ``bench_arenden.py`` (text in, a
checked record or a refusal out):

* ``json.loads`` and ``orjson.loads``: parsing alone, the floor;
* ``from_json``: this library, with the standard library's parser and with orjson;
* ``pydantic``: pydantic v2 models (strict, frozen, unknown keys forbidden),
  ``model_validate_json``;
* ``msgspec``: msgspec structs (frozen, unknown keys forbidden), ``msgspec.json.decode``;
* ``fastjsonschema`` and ``jsonschema``: ``json.loads`` and the exported JSON Schema (a
  schema cannot check the personnummer nor derive anything: structure only).

The peers' models hold the same checks as the library's: strict ISO dates, codes of the
value sets (the library's own IntEnums), multi-choice lists without repeated codes and
not empty, codes 11 and 12 of variable 14 alone, a non-blank id, at most one identity,
the personnummer (read by the library's ``Personnummer.parse``, so that all pay the same
for it) with juridiskt kön and födelsedatum derived from it and a contradicting value
refused. Each reader runs under callgrind over 0 and ``--antal`` lines in a fresh process;
the difference divided by ``--antal`` is the cost of one line. Times are taken side by
side in one process, the readers in turn, ``--varv`` rounds, the median per reader.
"""

from __future__ import annotations

import argparse
import enum
import gc
import json
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import fastjsonschema
import msgspec
import orjson
import pydantic
from bench_arenden import arende
from jsonschema import Draft202012Validator, FormatChecker

import socialtjanst_variabler as sv
from socialtjanst_variabler.arende import _serde
from socialtjanst_variabler.arende.schema import arende_schema
from socialtjanst_variabler.errors import mask

# --- the same checks, for the peers --------------------------------------------------------


def _utan_dubbletter(v: tuple[Any, ...] | None) -> frozenset[Any] | None:
    if v is None:
        return None
    koder = frozenset(v)
    if len(koder) != len(v):
        raise ValueError("samma kod förekommer flera gånger")
    return koder


def _samverkan_regel(v: frozenset[sv.Samverkan] | None) -> None:
    if v and len(v) > 1 and v & sv.INGEN_SAMVERKAN:
        raise ValueError("kod 11 och 12 står ensamma")


def _id_regel(v: str) -> None:
    if not v.strip():
        raise ValueError("id ska vara en icke-tom sträng")


def _person_id_regel(v: str | None) -> None:
    if v is not None and (not v.strip() or len(v) > 200 or not v.isprintable() or mask(v) != v):
        raise ValueError("ogiltigt person_id")


def _pnr(v: object) -> sv.Personnummer:
    if type(v) is not str or not re.fullmatch(r"[0-9]{8}-[0-9]{4}", v):
        raise ValueError("ska vara en sträng ÅÅÅÅMMDD-NNNN")
    return sv.Personnummer.parse(v, ofullstandigt_datum=True)


def _reservnummer(v: object) -> sv.Reservnummer:
    if type(v) is not str:
        raise ValueError("ska vara en sträng")
    return sv.Reservnummer.parse(v)


def _identitet(  # noqa: PLR0917 - the six values the model derives from
    pnr: sv.Personnummer | None,
    reserv: sv.Reservnummer | None,
    anonym: bool,
    kon: sv.JuridisktKon | None,
    fodd: date | None,
    ar: int | None,
) -> tuple[sv.JuridisktKon | None, date | None, int | None]:
    """The derived (kön, födelsedatum, födelseår), as the library's model derives them."""
    if sum((pnr is not None, reserv is not None, anonym)) > 1:
        raise ValueError("högst en identitet")

    def harled(givet: Any, varde: Any) -> Any:
        if givet is not None and givet != varde:
            raise ValueError("motsäger identiteten")
        return varde

    if pnr is not None:
        kon = harled(kon, pnr.juridiskt_kon)
        if pnr.har_fullstandigt_datum:
            fodd = harled(fodd, pnr.fodelsedatum)
        else:
            ar = harled(ar, pnr.fodelsear)
    elif reserv is not None and not reserv.is_regionalt:
        kon = harled(kon, reserv.juridiskt_kon)
        fodd = harled(fodd, reserv.fodelsedatum)
    if fodd is not None:
        ar = harled(ar, fodd.year)
    return kon, fodd, ar


# --- pydantic v2 ---------------------------------------------------------------------------

_P = pydantic.ConfigDict(strict=True, extra="forbid", frozen=True)


def _pmedlem(vm: type[enum.IntEnum]) -> Callable[[int], Any]:
    """A strict int to its member. pydantic's own enum check takes ``true`` and ``1.0``
    even in strict mode, which the library refuses."""
    medlemmar = {m.value: m for m in vm}

    def medlem(v: int) -> Any:
        try:
            return medlemmar[v]
        except KeyError:
            raise ValueError(f"{v} är inte en kod i {vm.__name__}") from None

    return medlem


def _pflerval(vm: type[enum.IntEnum]) -> Any:
    # Read as a tuple of strict ints (strict mode takes a JSON array), then a frozenset
    # of members without repeats.
    medlem = _pmedlem(vm)
    return Annotated[
        Annotated[tuple[int, ...], pydantic.Field(min_length=1)] | None,
        pydantic.AfterValidator(
            lambda v: None if v is None else _utan_dubbletter(tuple(map(medlem, v)))
        ),
        pydantic.Field(default=None),
    ]


def _pkod(vm: type[enum.IntEnum]) -> Any:
    medlem = _pmedlem(vm)
    return Annotated[
        int | None,
        pydantic.AfterValidator(lambda v: None if v is None else medlem(v)),
        pydantic.Field(default=None),
    ]


class PUppfoljning(pydantic.BaseModel):
    model_config = _P
    datum: date | None = None
    samverkan: _pflerval(sv.Samverkan) = None  # type: ignore[valid-type]
    sip: _pkod(sv.Sip) = None  # type: ignore[valid-type]
    parallella_insatser: _pkod(sv.ParallellaInsatser) = None  # type: ignore[valid-type]
    maluppfyllelse: _pkod(sv.Maluppfyllelse) = None  # type: ignore[valid-type]
    b1a: _pkod(sv.Forandring) = None  # type: ignore[valid-type]
    b1b: _pkod(sv.Forandring) = None  # type: ignore[valid-type]
    b2: _pkod(sv.Betydelse) = None  # type: ignore[valid-type]
    b3: _pkod(sv.Nojdhet) = None  # type: ignore[valid-type]
    b4: _pkod(sv.Bemotande) = None  # type: ignore[valid-type]
    b5: _pkod(sv.Delaktighet) = None  # type: ignore[valid-type]

    @pydantic.field_validator("samverkan")
    @classmethod
    def _samverkan(cls, v: Any) -> Any:
        _samverkan_regel(v)
        return v


class PAvslut(pydantic.BaseModel):
    model_config = _P
    datum: date | None = None
    genomforande: _pkod(sv.Genomforande) = None  # type: ignore[valid-type]
    avslutsorsak: _pkod(sv.Avslutsorsak) = None  # type: ignore[valid-type]


class PAvslutUtanInsats(pydantic.BaseModel):
    model_config = _P
    datum: date | None = None
    orsak: _pkod(sv.OrsakUtanInsats) = None  # type: ignore[valid-type]


class PInsats(pydantic.BaseModel):
    model_config = _P
    beslutsdatum: date | None = None
    beslut: _pkod(sv.Beslutsutfall) = None  # type: ignore[valid-type]
    verkstallighetsdatum: date | None = None
    insatstyp: _pflerval(sv.Insatstyp) = None  # type: ignore[valid-type]
    bistandsbedomd: bool | None = None
    foljs_upp_av_myndighetsutovningen: bool | None = None
    uppfoljningar: tuple[PUppfoljning, ...] = ()
    avslut: PAvslut | None = None


class PArende(pydantic.BaseModel):
    model_config = pydantic.ConfigDict(
        strict=True, extra="forbid", frozen=True, arbitrary_types_allowed=True
    )
    id: str
    person_id: str | None = None
    aktualiseringsdatum: date | None = None
    aktualiseringsorsak: _pflerval(sv.Problematik) = None  # type: ignore[valid-type]
    personnummer: Annotated[sv.Personnummer | None, pydantic.BeforeValidator(_pnr)] = None
    reservnummer: Annotated[sv.Reservnummer | None, pydantic.BeforeValidator(_reservnummer)] = None
    anonym: bool = False
    juridiskt_kon: _pkod(sv.JuridisktKon) = None  # type: ignore[valid-type]
    fodelsedatum: date | None = None
    fodelsear: Annotated[int | None, pydantic.Field(ge=1800, le=9999)] = None
    ursprung: _pkod(sv.Ursprung) = None  # type: ignore[valid-type]
    hushallstyp: _pkod(sv.Hushallstyp) = None  # type: ignore[valid-type]
    tidigare_kontakt: _pkod(sv.TidigareKontakt) = None  # type: ignore[valid-type]
    problematik: _pflerval(sv.Problematik) = None  # type: ignore[valid-type]
    avslut_utan_insats: PAvslutUtanInsats | None = None
    insatser: tuple[PInsats, ...] = ()

    @pydantic.field_validator("id")
    @classmethod
    def _id(cls, v: str) -> str:
        _id_regel(v)
        return v

    @pydantic.field_validator("person_id")
    @classmethod
    def _person_id(cls, v: str | None) -> str | None:
        _person_id_regel(v)
        return v

    @pydantic.model_validator(mode="after")
    def _harledda(self) -> PArende:
        kon, fodd, ar = _identitet(
            self.personnummer,
            self.reservnummer,
            self.anonym,
            self.juridiskt_kon,
            self.fodelsedatum,
            self.fodelsear,
        )
        # Frozen: the derived values go in as the library's model puts them, directly.
        self.__dict__.update(juridiskt_kon=kon, fodelsedatum=fodd, fodelsear=ar)
        return self


# --- msgspec -------------------------------------------------------------------------------


def _mflerval(v: frozenset[Any] | None, n: int, name: str) -> None:
    # msgspec turns a list into a frozenset silently: a repeated code is seen by the count.
    if v is not None and (not v or len(v) != n):
        raise ValueError(f"{name}: tom eller samma kod flera gånger")


class MUppfoljning(msgspec.Struct, frozen=True, forbid_unknown_fields=True, kw_only=True):
    datum: date | None = None
    samverkan: list[sv.Samverkan] | None = None
    sip: sv.Sip | None = None
    parallella_insatser: sv.ParallellaInsatser | None = None
    maluppfyllelse: sv.Maluppfyllelse | None = None
    b1a: sv.Forandring | None = None
    b1b: sv.Forandring | None = None
    b2: sv.Betydelse | None = None
    b3: sv.Nojdhet | None = None
    b4: sv.Bemotande | None = None
    b5: sv.Delaktighet | None = None

    def __post_init__(self) -> None:
        s = self.samverkan
        if s is not None:
            koder = frozenset(s)
            _mflerval(koder, len(s), "samverkan")
            _samverkan_regel(koder)
            msgspec.structs.force_setattr(self, "samverkan", koder)


class MAvslut(msgspec.Struct, frozen=True, forbid_unknown_fields=True, kw_only=True):
    datum: date | None = None
    genomforande: sv.Genomforande | None = None
    avslutsorsak: sv.Avslutsorsak | None = None


class MAvslutUtanInsats(msgspec.Struct, frozen=True, forbid_unknown_fields=True, kw_only=True):
    datum: date | None = None
    orsak: sv.OrsakUtanInsats | None = None


class MInsats(msgspec.Struct, frozen=True, forbid_unknown_fields=True, kw_only=True):
    beslutsdatum: date | None = None
    beslut: sv.Beslutsutfall | None = None
    verkstallighetsdatum: date | None = None
    insatstyp: list[sv.Insatstyp] | None = None
    bistandsbedomd: bool | None = None
    foljs_upp_av_myndighetsutovningen: bool | None = None
    uppfoljningar: tuple[MUppfoljning, ...] = ()
    avslut: MAvslut | None = None

    def __post_init__(self) -> None:
        t = self.insatstyp
        if t is not None:
            koder = frozenset(t)
            _mflerval(koder, len(t), "insatstyp")
            msgspec.structs.force_setattr(self, "insatstyp", koder)


class MArende(msgspec.Struct, frozen=True, forbid_unknown_fields=True, kw_only=True):
    id: str
    person_id: str | None = None
    aktualiseringsdatum: date | None = None
    aktualiseringsorsak: list[sv.Problematik] | None = None
    personnummer: str | None = None
    reservnummer: str | None = None
    anonym: bool = False
    juridiskt_kon: sv.JuridisktKon | None = None
    fodelsedatum: date | None = None
    fodelsear: Annotated[int, msgspec.Meta(ge=1800, le=9999)] | None = None
    ursprung: sv.Ursprung | None = None
    hushallstyp: sv.Hushallstyp | None = None
    tidigare_kontakt: sv.TidigareKontakt | None = None
    problematik: list[sv.Problematik] | None = None
    avslut_utan_insats: MAvslutUtanInsats | None = None
    insatser: tuple[MInsats, ...] = ()

    def __post_init__(self) -> None:
        _id_regel(self.id)
        _person_id_regel(self.person_id)
        satt = msgspec.structs.force_setattr
        for namn in ("aktualiseringsorsak", "problematik"):
            lista = getattr(self, namn)
            if lista is not None:
                koder = frozenset(lista)
                _mflerval(koder, len(lista), namn)
                satt(self, namn, koder)
        pnr = None if self.personnummer is None else _pnr(self.personnummer)
        reserv = None if self.reservnummer is None else _reservnummer(self.reservnummer)
        kon, fodd, ar = _identitet(
            pnr, reserv, self.anonym, self.juridiskt_kon, self.fodelsedatum, self.fodelsear
        )
        satt(self, "personnummer", pnr)
        satt(self, "reservnummer", reserv)
        satt(self, "juridiskt_kon", kon)
        satt(self, "fodelsedatum", fodd)
        satt(self, "fodelsear", ar)


_MSGSPEC = msgspec.json.Decoder(MArende)

# --- the readers ----------------------------------------------------------------------------


def _schema_lasare(validera: Callable[[Any], Any]) -> Callable[[str], Any]:
    def las(rad: str) -> Any:
        data = json.loads(rad)
        validera(data)
        return data

    return las


def _fastjsonschema() -> Callable[[str], Any]:
    return _schema_lasare(fastjsonschema.compile(arende_schema()))


def _jsonschema() -> Callable[[str], Any]:
    validator = Draft202012Validator(arende_schema(), format_checker=FormatChecker())
    return _schema_lasare(validator.validate)


def _from_json(snabb: bool) -> Callable[[str], Any]:
    def las(rad: str) -> Any:
        return sv.from_json(rad)

    if not snabb:
        _serde._ORJSON_LOADS = None
    return las


LASARE: dict[str, Callable[[], Callable[[str], Any]]] = {
    "json.loads": lambda: json.loads,
    "orjson.loads": lambda: orjson.loads,
    "from_json (json)": lambda: _from_json(False),
    "from_json (orjson)": lambda: _from_json(True),
    "pydantic": lambda: PArende.model_validate_json,
    "msgspec": lambda: _MSGSPEC.decode,
    "fastjsonschema": _fastjsonschema,
    "jsonschema": _jsonschema,
}


def rader(antal: int) -> list[str]:
    rng = random.Random(20190301)
    return [json.dumps(arende(rng, n), ensure_ascii=False) for n in range(antal)]


def kontrollera(lines: list[str]) -> None:
    """The peers take what the library takes and refuse what it refuses."""
    bad = [
        '{"id": " "}',
        '{"id": "x", "problematik": [1, 1]}',
        '{"id": "x", "problematik": []}',
        '{"id": "x", "hushallstyp": 99}',
        '{"id": "x", "hushallstyp": true}',
        '{"id": "x", "aktualiseringsdatum": "20240102"}',
        '{"id": "x", "personnummer": "19121212-1213"}',
        '{"id": "x", "personnummer": "19121212-1212", "juridiskt_kon": 1}',
        '{"id": "x", "okand": 1}',
        '{"id": "x", "insatser": [{"uppfoljningar": [{"samverkan": [1, 11]}]}]}',
    ]
    peers: dict[str, Callable[[str], Any]] = {
        "from_json": sv.from_json,
        "pydantic": PArende.model_validate_json,
        "msgspec": _MSGSPEC.decode,
    }
    for namn, las in peers.items():
        for rad in lines[:200]:
            a, b = sv.from_json(rad), las(rad)  # the same derived values
            assert (a.juridiskt_kon, a.fodelsedatum) == (b.juridiskt_kon, b.fodelsedatum), namn
        for rad in bad:
            try:
                las(rad)
            except (ValueError, msgspec.ValidationError):
                continue
            raise AssertionError(f"{namn} tog {rad}")


def instruktioner(namn: str, antal: int, fil: Path) -> int:
    with tempfile.TemporaryDirectory() as tmp:
        ut = subprocess.run(
            [
                "valgrind",
                "--tool=callgrind",
                f"--callgrind-out-file={tmp}/cg.out",
                sys.executable,
                __file__,
                "--kor",
                namn,
                "--antal",
                str(antal),
                "--fil",
                str(fil),
            ],
            capture_output=True,
            text=True,
            check=True,
            env=dict(os.environ, PYTHONHASHSEED="0"),
        )
    match = re.search(r"Collected : (\d+)", ut.stderr)
    assert match, ut.stderr
    return int(match.group(1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--antal", type=int, default=1000)
    parser.add_argument("--varv", type=int, default=7)
    parser.add_argument("--utan-callgrind", action="store_true")
    parser.add_argument("--kor", choices=LASARE, help=argparse.SUPPRESS)
    parser.add_argument("--fil", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.kor:  # one run, under callgrind; every line read once first (warm caches)
        lines = args.fil.read_text(encoding="utf-8").splitlines()
        las = LASARE[args.kor]()
        for rad in lines:
            las(rad)
        gc.freeze()  # what was made beforehand stays out of the collector's rounds
        for rad in lines[: args.antal]:
            las(rad)
        return
    lines = rader(args.antal)
    kontrollera(lines)
    tider: dict[str, list[float]] = {namn: [] for namn in LASARE}
    lasare = {namn: skapa() for namn, skapa in LASARE.items() if namn != "from_json (json)"}
    for _ in range(args.varv):  # side by side: the readers in turn, every round
        for namn, tid in tider.items():
            if namn.startswith("from_json"):
                _serde._ORJSON_LOADS = orjson.loads if "orjson" in namn else None
                las = sv.from_json
            else:
                las = lasare[namn]
            start = time.process_time()
            for rad in lines:
                las(rad)
            tid.append((time.process_time() - start) / len(lines) * 1e6)
    instr: dict[str, float] = {}
    if not args.utan_callgrind:
        with tempfile.TemporaryDirectory() as tmp:
            fil = Path(tmp) / "rader.jsonl"
            fil.write_text("\n".join(lines) + "\n", encoding="utf-8")
            for namn in LASARE:
                instr[namn] = (
                    instruktioner(namn, args.antal, fil) - instruktioner(namn, 0, fil)
                ) / args.antal
    bas = instr.get("pydantic") or statistics.median(tider["pydantic"])
    print(f"{args.antal} rader, {args.varv} varv; load average {os.getloadavg()[0]:.1f}")
    print("| Läsare | Instruktioner per rad | mot pydantic | CPU-tid per rad (median) |")
    print("|---|---:|---:|---:|")
    for namn in LASARE:
        us = statistics.median(tider[namn])
        per = instr.get(namn)
        jamfor = (per if per is not None else us) / bas
        kolumn = f"{per:,.0f}" if per is not None else "–"
        print(f"| {namn} | {kolumn} | {jamfor:.2f} | {us:.1f} µs |")


if __name__ == "__main__":
    main()
