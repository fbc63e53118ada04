"""The command line: ``socialtjanst-variabler``.

Subcommands print the catalog, one variable with its value set, or the variables of one
process step; export the specification as JSON, CSV or SQL; and check a personnummer.
Messages, help texts included, are in Swedish, like the spec. No output ever holds a full
personnummer: the ``personnummer`` command prints the masked form ``ÅÅÅÅMMDD-****``, and
every error message is masked the same way before it is written.

Exit status: 0 when all went well, 1 when the answer is "no" (an unknown variable, an
invalid personnummer, a file that cannot be written), 2 on bad usage.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import Path
from typing import Any, NoReturn, TextIO

from socialtjanst_variabler._version import __version__
from socialtjanst_variabler.errors import InvalidPersonnummer, UnknownVariable
from socialtjanst_variabler.export import FORMAT
from socialtjanst_variabler.katalog import KATALOG, SPEC_VERSION, Variabel, variabel, variabler_i
from socialtjanst_variabler.personnummer import Personnummer
from socialtjanst_variabler.processteg import Insatskontext, Processteg

__all__ = ["main"]

PROG = "socialtjanst-variabler"


class _Kommandofel(Exception):
    """A command could not do its work (exit status 1); the message is Swedish."""


# --- argparse in Swedish ------------------------------------------------------------------

#: argparse's own English phrases and their Swedish translation, applied to its error
#: messages (fragments, so that small wording changes between Python versions still pass).
_SVENSKA: tuple[tuple[str, str], ...] = (
    ("the following arguments are required", "dessa argument krävs"),
    ("unrecognized arguments", "okända argument"),
    ("invalid choice", "ogiltigt val"),
    ("choose from", "välj bland"),
    ("expected one argument", "väntade ett värde"),
    ("ambiguous option", "tvetydig flagga"),
    ("could match", "kan betyda"),
    ("ignored explicit argument", "flaggan tar inget värde"),
    ("invalid int value", "ogiltigt heltal"),
)

#: A personnummer or samordningsnummer, 10 or 12 digits, in any text: the last four digits
#: are masked wherever it occurs in a message.
_NUMMER = re.compile(r"(?<![0-9])([0-9]{6}(?:[0-9]{2})?[-+]?)[0-9]{4}(?![0-9])")


def _maskera(text: str) -> str:
    """*text* with the last four digits of anything like a personnummer replaced by ****.

    Example:
        >>> _maskera("ingen variabel '19121212-1212'; 1212121212")
        "ingen variabel '19121212-****'; 121212****"
    """
    return _NUMMER.sub(r"\1****", text)


def _svenska(message: str) -> str:
    for engelska, svenska in _SVENSKA:
        message = message.replace(engelska, svenska)
    return message


class _Hjalpformat(argparse.HelpFormatter):
    """argparse's help layout with a Swedish usage prefix."""

    def add_usage(
        self,
        usage: str | None,
        actions: Iterable[argparse.Action],
        groups: Iterable[argparse._MutuallyExclusiveGroup],
        prefix: str | None = None,
    ) -> None:
        super().add_usage(usage, actions, groups, "användning: " if prefix is None else prefix)


class _Parser(argparse.ArgumentParser):
    """An ArgumentParser whose help and errors are Swedish, and errors masked."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _Hjalpformat)
        super().__init__(add_help=False, **kwargs)
        self._positionals.title = "argument"
        self._optionals.title = "flaggor"
        self.add_argument("-h", "--help", action="help", help="visa denna hjälp och avsluta")

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: fel: {_maskera(_svenska(message))}\n")


_ISODATUM = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _datum(text: str) -> date:
    """A strict ``ÅÅÅÅ-MM-DD`` date (``date.fromisoformat`` alone takes ``20260131`` too)."""
    if _ISODATUM.fullmatch(text):
        try:
            return date.fromisoformat(text)
        except ValueError:
            pass
    raise argparse.ArgumentTypeError(
        f"ogiltigt datum {text!r}: skriv ÅÅÅÅ-MM-DD, till exempel 2026-01-31"
    )


# --- the catalog commands -----------------------------------------------------------------


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
            # None: the flag was not given; the default is "followed up by myndigheten".
            foljs_upp_av_myndighetsutovningen=args.myndighetsutovning is not False,
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


# --- export -------------------------------------------------------------------------------


#: The usual reasons a file cannot be written, in Swedish (others: the system's text).
_OSFEL: dict[type[OSError], str] = {
    FileNotFoundError: "katalogen finns inte",
    NotADirectoryError: "en del av sökvägen är inte en katalog",
    IsADirectoryError: "det är en katalog",
    PermissionError: "åtkomst nekad",
}


def _skriv_bytes(data: bytes, out: TextIO) -> None:
    """Write *data* unchanged (no newline translation, no locale encoding) to *out*."""
    buffer = getattr(out, "buffer", None)
    if buffer is None:
        out.write(data.decode("utf-8"))
        return
    out.flush()
    buffer.write(data)
    buffer.flush()


def _export(args: argparse.Namespace, out: TextIO) -> int:
    data = FORMAT[args.format]().encode("utf-8")
    if args.output in (None, "-"):
        _skriv_bytes(data, out)
        return 0
    try:
        Path(args.output).write_bytes(data)
    except OSError as exc:
        orsak = _OSFEL.get(type(exc), exc.strerror or str(exc))
        raise _Kommandofel(f"kan inte skriva {args.output}: {orsak}") from None
    return 0


# --- personnummer -------------------------------------------------------------------------


def _personnummer(args: argparse.Namespace, out: TextIO) -> int:
    vid: date = args.vid if args.vid is not None else date.today()
    try:
        p = Personnummer.parse(args.text, referensdatum=vid)
    except InvalidPersonnummer as exc:
        out.write(f"Ogiltigt personnummer: {exc}\n")
        return 1
    slag = "samordningsnummer" if p.is_samordningsnummer else "personnummer"
    out.write(f"Giltigt {slag}: {str(p)[:8]}-****\n")
    out.write(f"Födelsedatum: {p.fodelsedatum.isoformat()}\n")
    out.write(f"Juridiskt kön: {p.juridiskt_kon.label}\n")
    out.write(f"Ålder: {p.alder(vid=vid)} år den {vid.isoformat()}\n")
    out.write(f"Samordningsnummer: {'ja' if p.is_samordningsnummer else 'nej'}\n")
    return 0


# --- the parser ---------------------------------------------------------------------------


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog=PROG,
        description=(
            f"SKL:s generella variabler för uppföljning av socialtjänsten ({SPEC_VERSION})."
        ),
        epilog=(
            "Slutstatus: 0 när allt gick bra, 1 när svaret är nej (okänd variabel, ogiltigt "
            "personnummer, fil som inte kan skrivas), 2 vid felaktig användning. "
            "Kör KOMMANDO --help för hjälp om ett kommando."
        ),
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"%(prog)s {__version__}",
        help="visa bibliotekets version och avsluta",
    )
    sub = parser.add_subparsers(
        dest="kommando", required=True, metavar="KOMMANDO", title="kommandon"
    )

    def kommando(namn: str, hjalp: str, epilog: str | None = None) -> argparse.ArgumentParser:
        p: argparse.ArgumentParser = sub.add_parser(
            namn, help=hjalp, description=hjalp[0].upper() + hjalp[1:] + ".", epilog=epilog
        )
        return p

    p = kommando("katalog", "lista alla 26 variabler och brukarfrågor")
    p.set_defaults(func=_katalog)

    p = kommando("variabel", "visa en variabel med dess värdemängd")
    p.add_argument("nummer", help='variabelns nummer, t.ex. "12" eller "B1a"')
    p.set_defaults(func=_variabel)

    p = kommando("steg", "lista variablerna i ett processteg")
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
        default=None,
        help="insatsen följs upp av myndighetsutövningen (standard: ja)",
    )
    p.set_defaults(func=_steg)

    p = kommando(
        "export",
        "skriv specifikationen som data: JSON, CSV eller SQL",
        epilog=(
            "Samma version ger samma byte vid varje körning. Utdata är UTF-8; CSV har "
            "radslut CRLF (RFC 4180)."
        ),
    )
    p.add_argument(
        "--format",
        choices=list(FORMAT),
        default="json",
        help=(
            "json: hela katalogen; csv: en rad per variabel och kod; sql: kodtabeller för "
            "PostgreSQL och SQLite; katalogschema: JSON Schema för json-exporten "
            "(standard: json)"
        ),
    )
    p.add_argument(
        "-o",
        "--output",
        metavar="FIL",
        help="skriv till FIL (UTF-8) i stället för till standard ut",
    )
    p.set_defaults(func=_export)

    p = kommando(
        "personnummer",
        "kontrollera ett personnummer eller samordningsnummer",
        epilog=(
            "Skriver födelsedatum, juridiskt kön och ålder, eller vilken regel numret bryter "
            "mot. Numret skrivs bara maskerat (ÅÅÅÅMMDD-****). Slutstatus: 0 giltigt, "
            "1 ogiltigt, 2 felaktig användning."
        ),
    )
    p.add_argument(
        "text",
        metavar="PERSONNUMMER",
        help="ÅÅÅÅMMDD-NNNN, ÅÅÅÅMMDDNNNN, ÅÅMMDD-NNNN, ÅÅMMDD+NNNN eller ÅÅMMDDNNNN",
    )
    p.add_argument(
        "--vid",
        type=_datum,
        metavar="ÅÅÅÅ-MM-DD",
        help="datumet numret läses och åldern räknas vid (standard: i dag)",
    )
    p.set_defaults(func=_personnummer)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status (0 ok, 1 no/not found, 2 bad usage)."""
    args = _parser().parse_args(argv)
    try:
        return int(args.func(args, sys.stdout))
    except (UnknownVariable, _Kommandofel) as exc:
        sys.stderr.write(f"{PROG}: {_maskera(str(exc.args[0]))}\n")
        return 1
    except BrokenPipeError:
        # The reader stopped early (``| head``): end quietly, as Python's docs advise, with
        # stdout pointed at devnull so that the flush at exit does not fail again.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
        return 1
