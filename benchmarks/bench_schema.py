"""Benchmark: validating ärenden against the exported JSON Schema, value sets as ``enum``
(today) or as ``oneOf`` of constants (before), in jsonschema and fastjsonschema.

Run by hand (not in CI); needs the ``bench`` extra and valgrind:

    .venv/bin/python benchmarks/bench_schema.py

The documents are the extract of ``bench_arenden.py`` in dict form (every tenth with one
value set code out of range). Each validator runs under callgrind over 0 and ``--antal``
documents; the difference divided by ``--antal`` is the cost of one document. It also
checks that both forms of the schema give every document the same answer.
"""

from __future__ import annotations

import argparse
import copy
import gc
import json
import random
import re
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import fastjsonschema
from bench_arenden import arende
from jsonschema import Draft202012Validator, FormatChecker

from socialtjanst_variabler.arende.schema import arende_schema

VALIDERARE = (
    "jsonschema enum",
    "jsonschema oneOf",
    "fastjsonschema enum",
    "fastjsonschema oneOf",
)


def som_forut(schema: dict[str, Any]) -> dict[str, Any]:
    """*schema* with each value set a ``oneOf`` of constants, as exported before."""
    forut = copy.deepcopy(schema)
    for definition in forut["$defs"].values():
        if "x-koder" in definition:
            koder = definition.pop("x-koder")
            del definition["enum"]
            definition["oneOf"] = [{"const": k["kod"], "title": k["etikett"]} for k in koder]
    return forut


def dokument(antal: int) -> list[dict[str, Any]]:
    rng = random.Random(20190301)
    docs = [arende(rng, n) for n in range(antal)]
    for d in docs[::10]:
        d["hushallstyp"] = 99  # a code out of range
    return docs


def validerare(namn: str) -> Callable[[Any], bool]:
    """``is_valid`` of validator *namn*."""
    paket, form = namn.split()
    schema = arende_schema() if form == "enum" else som_forut(arende_schema())
    if paket == "jsonschema":
        return Draft202012Validator(schema, format_checker=FormatChecker()).is_valid
    validera = fastjsonschema.compile(schema)

    def is_valid(d: Any) -> bool:
        try:
            validera(d)
        except fastjsonschema.JsonSchemaValueException:
            return False
        return True

    return is_valid


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
        )
    match = re.search(r"Collected : (\d+)", ut.stderr)
    assert match, ut.stderr
    return int(match.group(1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--antal", type=int, default=500)
    parser.add_argument("--kor", choices=VALIDERARE, help=argparse.SUPPRESS)
    parser.add_argument("--fil", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.kor:  # one run, under callgrind
        docs = json.loads(args.fil.read_text(encoding="utf-8"))
        is_valid = validerare(args.kor)
        gc.freeze()  # what was made beforehand stays out of the collector's rounds
        for d in docs[: args.antal]:
            is_valid(d)
        return
    docs = dokument(args.antal)
    svar = {namn: [validerare(namn)(d) for d in docs] for namn in VALIDERARE}
    assert svar["jsonschema enum"] == svar["jsonschema oneOf"]
    assert svar["fastjsonschema enum"] == svar["fastjsonschema oneOf"]
    print(f"{args.antal} dokument, {svar['jsonschema enum'].count(False)} ogiltiga; samma svar")
    with tempfile.TemporaryDirectory() as tmp:
        fil = Path(tmp) / "docs.json"
        fil.write_text(json.dumps(docs), encoding="utf-8")
        for namn in VALIDERARE:
            per = (instruktioner(namn, args.antal, fil) - instruktioner(namn, 0, fil)) / args.antal
            print(f"{namn:22} {per:11,.0f} instruktioner per ärende", flush=True)


if __name__ == "__main__":
    main()
