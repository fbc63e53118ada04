"""The command line: ``socialtjanst-variabler``.

Subcommands print the catalog, one variable with its value set, or the variables of one
process step. Messages are in Swedish, like the spec.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import TextIO

from socialtjanst_variabler._version import __version__
from socialtjanst_variabler.errors import UnknownVariable
from socialtjanst_variabler.katalog import KATALOG, SPEC_VERSION, Variabel, variabel, variabler_i
from socialtjanst_variabler.processteg import Insatskontext, Processteg

__all__ = ["main"]


def _rad(v: Variabel) -> str:
    steg = " / ".join(f"{s.value} {s.label}" for s in v.processteg)
    return f"{v.nummer:>4}  {v.namn}  [{steg}; {v.dataformat.label}]"


def _katalog(_: argparse.Namespace, out: TextIO) -> int:
    out.write(f"{SPEC_VERSION}: {len(KATALOG)} variabler och brukarfrågor\n")
    for v in KATALOG:
        out.write(_rad(v) + "\n")
    return 0


def _variabel(args: argparse.Namespace, out: TextIO) -> int:
    v = variabel(args.nummer)
    out.write(f"Variabel {v.nummer}: {v.namn}\n")
    out.write("Processteg: " + " / ".join(f"{s.value} {s.label}" for s in v.processteg) + "\n")
    if len(v.processteg) > 1:
        out.write(
            "  (Besluta för biståndsbedömda insatser som följs upp av myndighetsutövningen,"
            " annars Genomföra)\n"
        )
    out.write(f"Dataformat: {v.dataformat.label}\n")
    for rubrik, text in (
        ("Fråga", v.fraga),
        ("Kvalitetsområde", v.kvalitetsomrade.label if v.kvalitetsomrade else None),
        ("Villkor", v.villkor),
        ("Härleds från variabel", v.harleds_fran),
        ("Anmärkning", v.anmarkning),
    ):
        if text:
            out.write(f"{rubrik}: {text}\n")
    if v.vardemangd is not None:
        out.write(f"Värdemängd ({v.vardemangd.__name__}):\n")
        for kod, label in v.vardemangd.choices():
            out.write(f"{kod:>4}  {label}\n")
    return 0


def _steg(args: argparse.Namespace, out: TextIO) -> int:
    steg = Processteg.from_code(args.steg)
    kontext = None
    if args.bistandsbedomd is not None:
        kontext = Insatskontext(
            bistandsbedomd=args.bistandsbedomd,
            foljs_upp_av_myndighetsutovningen=args.myndighetsutovning,
        )
    out.write(f"Processteg {steg.value}: {steg.label}\n")
    if steg.definition:
        out.write(f"  {steg.definition}\n")
    valda = variabler_i(steg, kontext)
    if not valda:
        out.write("  Inga variabler i detta steg.\n")
    for v in valda:
        out.write(_rad(v) + "\n")
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="socialtjanst-variabler",
        description=(
            f"SKL:s generella variabler för uppföljning av socialtjänsten ({SPEC_VERSION})."
        ),
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="kommando", required=True, metavar="KOMMANDO")

    p = sub.add_parser("katalog", help="lista alla 26 variabler och brukarfrågor")
    p.set_defaults(func=_katalog)

    p = sub.add_parser("variabel", help="visa en variabel med dess värdemängd")
    p.add_argument("nummer", help='variabelns nummer, t.ex. "12" eller "B1a"')
    p.set_defaults(func=_variabel)

    p = sub.add_parser("steg", help="lista variablerna i ett processteg")
    p.add_argument("steg", type=int, choices=range(1, 8), metavar="STEG", help="processteg 1–7")
    p.add_argument(
        "--bistandsbedomd",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="insatsen är biståndsbedömd (avgör steget för variabel 10 och 12)",
    )
    p.add_argument(
        "--myndighetsutovning",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="insatsen följs upp av myndighetsutövningen (standard: ja)",
    )
    p.set_defaults(func=_steg)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status (0 ok, 1 not found, 2 bad usage)."""
    args = _parser().parse_args(argv)
    try:
        return int(args.func(args, sys.stdout))
    except UnknownVariable as exc:
        sys.stderr.write(f"socialtjanst-variabler: {exc.args[0]}\n")
        return 1
