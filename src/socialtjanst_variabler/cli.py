"""The command line: ``socialtjanst-variabler``.

Subcommands print the catalog, one variable with its value set, or the variables of one
process step; export the specification as JSON, CSV, SQL or JSON Schema; check a
personnummer; check an extract of ärenden (``granska``); and create a key and
pseudonymise an extract for pooled statistics (``nyckel``, ``pseudonymisera``).
Messages, help texts included, are in Swedish, like the spec. No output ever holds a full
personnummer: the ``personnummer`` command prints the masked form ``ÅÅÅÅMMDD-****``, and
every error message is masked the same way before it is written.

Exit status: 0 when all went well, 1 when the answer is "no" (an unknown variable, an
invalid personnummer, a file that cannot be written), 2 on bad usage.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import json
import os
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, NoReturn, TextIO, cast

from socialtjanst_variabler import uiv
from socialtjanst_variabler._datum import las_datum
from socialtjanst_variabler._version import __version__
from socialtjanst_variabler.arende.granskning import (
    STANDARD,
    Allvarlighet,
    Fynd,
    Granskningsinstallningar,
)
from socialtjanst_variabler.errors import (
    InvalidCode,
    InvalidPersonnummer,
    InvalidValue,
    UnknownVariable,
    ValidationError,
    mask,
)
from socialtjanst_variabler.export import FORMAT
from socialtjanst_variabler.identitet.personnummer import Personnummer
from socialtjanst_variabler.katalog import KATALOG, SPEC_VERSION, Variabel, variabel, variabler_i
from socialtjanst_variabler.lokala import (
    EXEMPEL,
    LokalVardemangd,
    Utokning,
    exempel,
    las_definition,
)
from socialtjanst_variabler.lokala.fel import DefinitionError
from socialtjanst_variabler.processteg import Insatskontext, Processteg

if TYPE_CHECKING:
    from socialtjanst_variabler.arende.jsonl import Rad
    from socialtjanst_variabler.identitet.pseudonym import Nyckel, Pseudonymiserare
    from socialtjanst_variabler.statistik.poolad import Poolade
    from socialtjanst_variabler.statistik.resultat import Period, Rapport

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
        self.exit(2, f"{self.prog}: fel: {mask(_svenska(message))}\n")


def _datum(text: str) -> date:
    """A strict ``ÅÅÅÅ-MM-DD`` date for ``--vid``."""
    try:
        return las_datum(text)
    except ValidationError:
        raise argparse.ArgumentTypeError(
            f"ogiltigt datum {mask(text)!r}: skriv ÅÅÅÅ-MM-DD, till exempel 2026-01-31"
        ) from None


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
    if args.kod is not None:
        return _kod(v, args.kod, out)
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


def _kod(v: Variabel, text: str, out: TextIO) -> int:
    """One code of *v*'s value set, with its citable anchor in the docs."""
    if v.vardemangd is None:
        raise _Kommandofel(f"variabel {v.nummer} ({v.namn}) har ingen värdemängd")
    try:
        member = v.vardemangd.parse(text)
    except InvalidCode as exc:
        raise _Kommandofel(f"variabel {v.nummer}: {exc}") from None
    out.write(f"Variabel {v.nummer}: {v.namn}\n")
    out.write(f"Kod {member.value}: {member.label}\n")
    if member.definition:
        out.write(f"  {member.definition}\n")
    if member.retired:
        out.write("  (utgången kod)\n")
    out.write(f"Värdemängd: {v.vardemangd.__name__}\n")
    out.write(f"Ankare: variabler.html#variabel-{v.nummer.lower()}-kod-{member.value}\n")
    return 0


def _steg(args: argparse.Namespace, out: TextIO) -> int:
    steg = Processteg.from_code(args.steg)
    kontext = None
    if args.bistandsbedomd is not None or args.myndighetsutovning is not None:
        # Either flag gives a context; the one not given means "yes".
        kontext = Insatskontext(
            bistandsbedomd=args.bistandsbedomd is not False,
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


#: The usual reasons a file cannot be opened, in Swedish (others: the system's text).
_OSFEL: dict[type[OSError], str] = {
    NotADirectoryError: "en del av sökvägen är inte en katalog",
    IsADirectoryError: "det är en katalog",
    PermissionError: "åtkomst nekad",
}


def _orsak(exc: OSError, saknas: str) -> str:
    """Why a file could not be opened; *saknas* says what a FileNotFoundError means."""
    if isinstance(exc, FileNotFoundError):
        return saknas
    return _OSFEL.get(type(exc), exc.strerror or str(exc))


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
        orsak = _orsak(exc, "katalogen finns inte")
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
    out.write(f"Giltigt {slag}: {p.maskerad}\n")
    out.write(f"Födelsedatum: {p.fodelsedatum.isoformat()}\n")
    out.write(f"Juridiskt kön: {p.juridiskt_kon.label}\n")
    out.write(f"Ålder: {p.alder(vid=vid)} år den {vid.isoformat()}\n")
    out.write(f"Samordningsnummer: {'ja' if p.is_samordningsnummer else 'nej'}\n")
    return 0


# --- granska ------------------------------------------------------------------------------


class _Regelfil:
    """A settings file for ``granska --regler``: its name and the settings it gives."""

    def __init__(self, namn: str, installningar: Granskningsinstallningar) -> None:
        self.namn = namn
        self.installningar = installningar


def _regelfil(fil: str) -> _Regelfil:
    """Read ``--regler FIL`` (TOML); a bad file is bad usage, named with its key."""
    try:
        text = Path(fil).read_text(encoding="utf-8")
    except OSError as exc:
        orsak = _orsak(exc, "filen finns inte")
        raise argparse.ArgumentTypeError(f"kan inte läsa regelfilen {fil}: {orsak}") from None
    except UnicodeDecodeError:
        raise argparse.ArgumentTypeError(f"regelfilen {fil} är inte UTF-8") from None
    try:
        return _Regelfil(fil, Granskningsinstallningar.fran_toml(text))
    except ValidationError as exc:
        raise argparse.ArgumentTypeError(f"regelfilen {fil}: {exc}") from None


def _regelval(regler: _Regelfil | None) -> tuple[str, dict[str, Any]]:
    """The settings used, as the text summary says them and as the JSON line records them."""
    if regler is None:
        return "standard", {"fil": None, "avvikelser": {}}
    avvikelser = regler.installningar.avvikelser()
    delar = [f"{r}={v}" for r, v in avvikelser.get("regler", {}).items()]
    delar += [f"{k}={v}" for k, v in avvikelser.items() if k != "regler"]
    text = f"{_visa(regler.namn)} ({'; '.join(delar) or 'som standard'})"
    return text, {"fil": _visa(regler.namn), "avvikelser": avvikelser}


#: How many unreadable lines and findings the text summary lists one by one; the rest are
#: counted, so that memory stays flat whatever the size of the extract.
VISA_HOGST = 50


#: The longest id the text summary shows; a longer one is cut (after masking).
ID_HOGST = 60


def _visa(text: str, hogst: int | None = None) -> str:
    """*text* from the data, safe in a line of the text summary: masked, every character
    that is not printable (a line break, an ANSI escape, a bidi override) written as an
    escape, and cut at *hogst* characters."""
    text = mask(text)
    if not text.isprintable():
        text = "".join(c if c.isprintable() else ascii(c)[1:-1] for c in text)
    if hogst is not None and len(text) > hogst:
        text = text[: hogst - 1] + "…"
    return text


def _las(fil: str) -> BinaryIO:
    if fil == "-":
        return sys.stdin.buffer
    try:
        return Path(fil).open("rb")
    except OSError as exc:
        orsak = _orsak(exc, "filen finns inte")
        raise _Kommandofel(f"kan inte läsa {fil}: {orsak}") from None  # masked by main()


class _Sammanfattning:
    """What ``granska`` has seen so far: counts, and the first lines and findings in full."""

    def __init__(self, out: TextIO, som_json: bool) -> None:
        self.out = out
        self.som_json = som_json
        self.per_regel: Counter[tuple[str, str]] = Counter()
        self.olasta: list[str] = []
        self.detaljer: list[str] = []
        self.rader = self.antal_olasta = self.arenden = 0

    def olast(self, radnummer: int, problem: list[str]) -> None:
        self.antal_olasta += 1
        if self.som_json:
            self.out.write(json.dumps({"rad": radnummer, "fel": problem}, ensure_ascii=False))
            self.out.write("\n")
        elif len(self.olasta) < VISA_HOGST:
            self.olasta.append(f"  rad {radnummer}: {_visa('; '.join(problem))}")

    def fynd(self, radnummer: int, id: str, f: Fynd) -> None:
        self.per_regel[f.allvarlighet.value, f.regel.value] += 1
        if self.som_json:
            post = {"rad": radnummer, "id": id, "regel": f.regel.value}
            post |= {"allvarlighet": f.allvarlighet.value, "falt": f.falt, "text": f.text}
            self.out.write(json.dumps(post, ensure_ascii=False) + "\n")
        elif len(self.detaljer) < VISA_HOGST:
            self.detaljer.append(
                f"  rad {radnummer} ({_visa(id, ID_HOGST)}): {f.allvarlighet.value} "
                f"{f.regel.value} {_visa(f.falt)}: {_visa(f.text)}"
            )

    def skriv(self, visa: TextIO, rubrik: str) -> int:
        """Write the summary to *visa*; return the exit status."""
        visa.write(f"{rubrik}\n")
        visa.write(
            f"Rader: {self.rader}, ärenden lästa: {self.arenden}, "
            f"olästa rader: {self.antal_olasta}\n"
        )
        if self.olasta:
            visa.write("Olästa rader:\n" + "\n".join(self.olasta) + "\n")
            if self.antal_olasta > len(self.olasta):
                visa.write(f"  … och {self.antal_olasta - len(self.olasta)} till\n")
        if self.per_regel:
            visa.write("Fynd per regel:\n")
            for (allvarlighet, regel), n in sorted(self.per_regel.items()):
                visa.write(f"  {allvarlighet:<8} {regel:<22} {n}\n")
        if self.detaljer:
            visa.write("Fynd:\n" + "\n".join(self.detaljer) + "\n")
            if self.per_regel.total() > len(self.detaljer):
                visa.write("  … fler fynd: använd --format json för alla\n")
        totalt = Counter[str]()
        for (allvarlighet, _), n in self.per_regel.items():
            totalt[allvarlighet] += n
        delar = ", ".join(f"{totalt[a.value]} {a.value}" for a in Allvarlighet)
        visa.write(f"Summa: {totalt.total()} fynd ({delar})\n")
        return 1 if self.antal_olasta or totalt[Allvarlighet.FEL.value] else 0


def _granska(args: argparse.Namespace, out: TextIO) -> int:
    from socialtjanst_variabler.arende.granskning import granska
    from socialtjanst_variabler.arende.jsonl import las_jsonl  # loads cattrs: only when used

    vid: date = args.vid if args.vid is not None else date.today()
    regler: _Regelfil | None = args.regler
    installningar = STANDARD if regler is None else regler.installningar
    lokala = _utokningar(args.lokala)
    summa = _Sammanfattning(out, som_json=args.format == "json")
    framsteg = sys.stderr.isatty()
    if args.jobs > 1 and args.fil != "-" and Path(args.fil).is_file():
        _granska_parallellt(
            args.fil,
            args.jobs,
            vid,
            installningar,
            summa=summa,
            framsteg=framsteg,
            lokala=tuple(args.lokala),
        )
    else:  # stdin (and a pipe) is read in one process
        fil = _las(args.fil)
        try:
            for rad in las_jsonl(fil, utokningar=lokala):
                summa.rader = rad.radnummer
                if framsteg and rad.radnummer % 10_000 == 0:
                    sys.stderr.write(f"\r{rad.radnummer} rader lästa")
                if rad.fel is not None:
                    summa.olast(rad.radnummer, [mask(p) for p in rad.fel.problems])
                    continue
                arende = rad.arende
                assert arende is not None  # a Rad holds exactly one of the two
                summa.arenden += 1
                id = mask(arende.id)
                for f in granska(arende, vid=vid, installningar=installningar, utokningar=lokala):
                    summa.fynd(rad.radnummer, id, f)
        finally:
            if fil is not sys.stdin.buffer:
                fil.close()
    if framsteg and summa.rader >= 10_000:
        sys.stderr.write("\n")
    text, post = _regelval(regler)
    if summa.som_json:  # the last line records the settings used
        out.write(json.dumps({"regelval": post}, ensure_ascii=False) + "\n")
    visa = sys.stderr if summa.som_json else out
    return summa.skriv(
        visa, f"Granskning av {_visa(args.fil)} vid {vid.isoformat()}\nRegelval: {text}"
    )


# granska --jobs N: the file is cut into byte ranges that begin at a line start; worker
# processes read and check one range each and send back what they saw (unreadable lines
# and findings, numbered within the range), and this process hands it, range by range in
# file order, to the same _Sammanfattning as one process would: the output is the same,
# order, line numbers, counts and examples included. Memory stays flat: a range is small,
# and only a few are in flight at a time.

#: The size of a range (bytes) that a worker reads at a time.
INTERVALL = 1 << 21


def _jobb(text: str) -> int:
    try:
        n = int(text)
    except ValueError:
        n = 0
    if n < 1:
        raise argparse.ArgumentTypeError(
            f"ogiltigt antal processer {mask(text)!r}: skriv 1 eller fler"
        )
    return n


#: What a worker sends back: lines read, ärenden read, and in file order the unreadable
#: lines ("o", line, problems) and the findings ("f", line, masked id, finding).
_Utfall = tuple[int, int, list[tuple[Any, ...]]]


def _granska_intervall(
    uppdrag: tuple[str, int, int, date],
    installningar: Granskningsinstallningar = STANDARD,
    lokala: tuple[str, ...] = (),
) -> _Utfall:
    from socialtjanst_variabler.arende.granskning import granska
    from socialtjanst_variabler.arende.jsonl import Intervall, las_jsonl

    utokningar = _utokningar_i_processen(lokala)  # by path: a value set does not pickle
    namn, start, slut, vid = uppdrag
    forskjut = 0 if start == 0 else 1  # the blank line put before a later range
    handelser: list[tuple[Any, ...]] = []
    rader = arenden = 0
    with Path(namn).open("rb") as fil:
        fil.seek(start)
        intervall = cast(BinaryIO, Intervall(fil, slut, forsta=start == 0))
        for rad in las_jsonl(intervall, utokningar=utokningar):
            nummer = rad.radnummer - forskjut
            if nummer == 0:
                continue
            rader = nummer
            if rad.fel is not None:
                handelser.append(("o", nummer, [mask(p) for p in rad.fel.problems]))
                continue
            arende = rad.arende
            assert arende is not None  # a Rad holds exactly one of the two
            arenden += 1
            id = mask(arende.id)
            fynd = granska(arende, vid=vid, installningar=installningar, utokningar=utokningar)
            handelser += [("f", nummer, id, f) for f in fynd]
    return rader, arenden, handelser


def _intervall(
    namn: str, vid: date, storlek: int | None = None
) -> Iterator[tuple[str, int, int, date]]:
    """The ranges of file *namn*, about *storlek* bytes each (:data:`INTERVALL`), cut
    after a line break, as a worker's task."""
    from socialtjanst_variabler.arende.jsonl import intervall

    for start, slut in intervall(namn, storlek or INTERVALL):
        yield namn, start, slut, vid


def _samla(utfall: Iterable[_Utfall], summa: _Sammanfattning, framsteg: bool) -> None:
    """Hand the ranges' findings, in file order, to *summa*."""
    for rader, arenden, handelser in utfall:
        bas = summa.rader
        for h in handelser:
            if h[0] == "o":
                summa.olast(bas + h[1], h[2])
            else:
                summa.fynd(bas + h[1], h[2], h[3])
        summa.rader += rader
        summa.arenden += arenden
        if framsteg and summa.rader // 10_000 > bas // 10_000:
            sys.stderr.write(f"\r{summa.rader // 10_000 * 10_000} rader lästa")


def _granska_parallellt(
    namn: str,
    jobs: int,
    vid: date,
    installningar: Granskningsinstallningar,
    *,
    summa: _Sammanfattning,
    framsteg: bool,
    lokala: tuple[str, ...] = (),
) -> None:
    import multiprocessing

    # The JSON reader (cattrs) loaded once here, so that forked workers share it instead of
    # each importing it.
    import socialtjanst_variabler.arende._serde  # noqa: F401

    with multiprocessing.Pool(jobs) as pool:
        arbete = functools.partial(_granska_intervall, installningar=installningar, lokala=lokala)
        _samla(pool.imap(arbete, _intervall(namn, vid)), summa, framsteg)


# --- statistik ----------------------------------------------------------------------------


def _period(text: str) -> tuple[date, date]:
    """``ÅÅÅÅ``, ``ÅÅÅÅ-MM`` or ``ÅÅÅÅ-Kn`` (a quarter) as a closed period."""
    import calendar
    import re

    if m := re.fullmatch(r"([0-9]{4})", text):
        ar = int(m[1])
        return date(ar, 1, 1), date(ar, 12, 31)
    if (m := re.fullmatch(r"([0-9]{4})-([0-9]{2})", text)) and 1 <= int(m[2]) <= 12:
        ar, manad = int(m[1]), int(m[2])
        return date(ar, manad, 1), date(ar, manad, calendar.monthrange(ar, manad)[1])
    if m := re.fullmatch(r"([0-9]{4})-[Kk]([1-4])", text):
        ar, manad = int(m[1]), 3 * int(m[2])
        return date(ar, manad - 2, 1), date(ar, manad, calendar.monthrange(ar, manad)[1])
    raise argparse.ArgumentTypeError(
        f"ogiltig period {text!r}: skriv ÅÅÅÅ, ÅÅÅÅ-MM eller ÅÅÅÅ-K1 … ÅÅÅÅ-K4"
    )


_STATISTIKFORMAT = ("text", "csv", "xlsx", "duckdb", "parquet")


def _statistik_borjan(
    args: argparse.Namespace,
) -> tuple[date, Period, list[str] | None, bool]:
    """What both statistics commands read first: the date, the period, the reports, and
    whether the output is a file (which xlsx, duckdb and parquet need)."""
    from socialtjanst_variabler import statistik

    vid: date = args.vid if args.vid is not None else date.today()
    period = statistik.Period(*_statistik_period(args, vid))
    ids = _statistik_ids(args)
    till_fil = args.output not in (None, "-")
    if args.format in ("xlsx", "duckdb", "parquet") and not till_fil:
        raise _Kommandofel(f"--format {args.format} skriver till en fil: ange -o FIL")
    return vid, period, ids, till_fil


def _statistik_period(args: argparse.Namespace, vid: date) -> tuple[date, date]:
    if args.period is not None:
        fran, till = args.period
    elif args.fran is not None or args.till is not None:
        if args.fran is None or args.till is None:
            raise _Kommandofel("ange både --fran och --till, eller --period")
        fran, till = args.fran, args.till
    else:
        fran, till = _period(str(vid.year - 1))
    if till < fran:
        raise _Kommandofel("--till ligger före --fran")
    return fran, till


@contextlib.contextmanager
def _skrivfel(fil: str) -> Iterator[None]:
    """Turn a failure to write *fil*, or a missing extra, into a command error."""
    from socialtjanst_variabler.statistik import SaknatTillagg

    try:
        yield
    except SaknatTillagg as exc:
        raise _Kommandofel(str(exc)) from None
    except OSError as exc:
        raise _Kommandofel(
            f"kan inte skriva {fil}: {_orsak(exc, 'katalogen finns inte')}"
        ) from None


def _statistik(args: argparse.Namespace, out: TextIO) -> int:
    from socialtjanst_variabler import statistik
    from socialtjanst_variabler.statistik import utdata

    if len(args.fil) > 1 or args.poolad or args.kommun is not None:
        return _statistik_poolad(args, out)
    args.fil = args.fil[0]
    vid, period, ids, till_fil = _statistik_borjan(args)
    framsteg = sys.stderr.isatty()
    fil = _las(args.fil)
    try:
        with _skrivfel(args.output):
            tabeller = statistik.bygg_tabeller(
                fil,
                vid=vid,
                databas=args.output if args.format == "duckdb" else ":memory:",
                utokningar=_utokningar(args.lokala),
                framsteg=(lambda n: sys.stderr.write(f"\r{n} rader lästa")) if framsteg else None,
            )
    finally:
        if fil is not sys.stdin.buffer:
            fil.close()
    if framsteg:
        sys.stderr.write("\n")
    inl = tabeller.inlasning
    status = 1 if inl.olasbara or inl.granskningsfel else 0
    try:
        if args.format in ("duckdb", "parquet"):
            with _skrivfel(args.output):
                if args.format == "parquet":
                    tabeller.parquet(args.output)
            return status
        rapporter = tabeller.rapporter(period=period, ids=ids, omaskerad=args.omaskerad)
    finally:
        tabeller.close()
    if args.format == "xlsx":
        with _skrivfel(args.output):
            utdata.xlsx(rapporter, args.output)
        return status
    if args.format == "csv":
        text = utdata.csv_text(rapporter, excel=args.excel_csv)
    else:
        text = (
            f"Statistik ur {_visa(args.fil)}: rader {inl.rader}, ärenden {inl.arenden}, "
            f"olästa rader {inl.olasbara}, uteslutna för fel i granskningen "
            f"{inl.granskningsfel} (granskade vid {vid.isoformat()})\n\n"
        ) + "\n".join(utdata.rapport_text(r) for r in rapporter)
    if not till_fil:
        _skriv_bytes(text.encode("utf-8"), out)
        return status
    with _skrivfel(args.output):
        Path(args.output).write_bytes(text.encode("utf-8"))
    return status


def _statistik_ids(args: argparse.Namespace) -> list[str] | None:
    from socialtjanst_variabler import statistik

    ids = [i.strip().upper() for i in args.rapport.split(",")] if args.rapport else None
    if okanda := [i for i in ids or () if i not in statistik.RAPPORTER]:
        giltiga = ", ".join(statistik.RAPPORTER)
        raise _Kommandofel(f"okänd rapport {', '.join(okanda)} (finns: {giltiga})")
    return ids


def _poolad_rubrik(p: Poolade) -> str:
    """What was read, and the first duplicates with where they were first read."""
    dubbletter = ", ".join(
        f"{_visa(d.fil)} rad {d.radnummer} (först {_visa(d.forsta_fil)} rad {d.forsta_radnummer})"
        for d in p.dubbletter[:10]
    )
    mer = " …" if len(p.dubbletter) > 10 else ""
    return (
        f"Samlad statistik ur {len(p.filer)} pseudonymiserade uttag (nyckel-id "
        f"{p.nyckel_id}): rader {p.rader}, ärenden {p.arenden}, kommuner "
        f"{len(p.kommuner)}, dubbletter {len(p.dubbletter)}"
        + (f": {dubbletter}{mer}" if dubbletter else "")
        + "\n\n"
    )


def _poolade_rapporter(
    p: Poolade, args: argparse.Namespace, period: Period, ids: list[str] | None
) -> tuple[Rapport, ...]:
    """The pooled reports, or (``--kommun``) each side by side per municipality."""
    from socialtjanst_variabler.errors import ValidationError

    try:
        if args.kommun is None:
            return p.rapporter(period=period, ids=ids, omaskerad=args.omaskerad)
        kommuner = None if args.kommun == "alla" else [k.strip() for k in args.kommun.split(",")]
        jamforelser = p.jamforelser(
            period=period, ids=ids, kommuner=kommuner, omaskerad=args.omaskerad
        )
    except ValidationError as exc:
        raise _Kommandofel(str(exc)) from None
    return tuple(j.som_rapport() for j in jamforelser)


def _statistik_poolad(args: argparse.Namespace, out: TextIO) -> int:
    """Several pseudonymised extracts: pooled reports, or per municipality side by side."""
    from socialtjanst_variabler.errors import ValidationError
    from socialtjanst_variabler.statistik import utdata
    from socialtjanst_variabler.statistik.poolad import bygg_poolade

    _, period, ids, till_fil = _statistik_borjan(args)
    if "-" in args.fil:
        raise _Kommandofel("pseudonymiserade uttag läses från filer, inte standard in")
    try:
        with _skrivfel(args.output):
            p = bygg_poolade(
                args.fil,
                databas=args.output if args.format == "duckdb" else ":memory:",
                minnesgrans=args.minnesgrans,
            )
    except ValidationError as exc:
        raise _Kommandofel(str(exc)) from None
    try:
        if args.format in ("duckdb", "parquet"):
            with _skrivfel(args.output):
                if args.format == "parquet":
                    p.parquet(args.output)
            return 0
        rapporter = _poolade_rapporter(p, args, period, ids)
    finally:
        p.close()
    if args.format == "xlsx":
        with _skrivfel(args.output):
            utdata.xlsx(rapporter, args.output)
        return 0
    if args.format == "csv":
        text = utdata.csv_text(rapporter, excel=args.excel_csv)
    else:
        text = _poolad_rubrik(p) + "\n".join(utdata.rapport_text(r) for r in rapporter)
    if not till_fil:
        _skriv_bytes(text.encode("utf-8"), out)
        return 0
    with _skrivfel(args.output):
        Path(args.output).write_bytes(text.encode("utf-8"))
    return 0


def _statistik_kommando(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "fil",
        metavar="FIL",
        nargs="+",
        help=(
            "uttaget (UTF-8, JSON Lines), eller - för standard in; flera filer: "
            "pseudonymiserade uttag som slås samman (samlad statistik)"
        ),
    )
    p.add_argument(
        "--poolad",
        action="store_true",
        help="filen är ett pseudonymiserat uttag (underförstått med flera filer)",
    )
    p.add_argument(
        "--kommun",
        metavar="0180,1480",
        help=(
            "samlad statistik: varje rapport per kommun sida vid sida med summan för alla "
            "(kommunkoder, kommaseparerade, eller alla)"
        ),
    )
    p.add_argument(
        "--minnesgrans",
        metavar="STORLEK",
        help="samlad statistik: DuckDB:s minnesgräns, t.ex. 2GB (bäst med --format duckdb)",
    )
    grupp = p.add_mutually_exclusive_group()
    grupp.add_argument(
        "--period",
        type=_period,
        metavar="PERIOD",
        help="ÅÅÅÅ, ÅÅÅÅ-MM eller ÅÅÅÅ-K1 … ÅÅÅÅ-K4 (standard: förra kalenderåret)",
    )
    grupp.add_argument("--fran", type=_datum, metavar="ÅÅÅÅ-MM-DD", help="periodens första dag")
    p.add_argument("--till", type=_datum, metavar="ÅÅÅÅ-MM-DD", help="periodens sista dag")
    p.add_argument("--rapport", metavar="R1,R8", help="bara dessa rapporter (standard: alla)")
    p.add_argument(
        "--format",
        choices=_STATISTIKFORMAT,
        default="text",
        help=(
            "text: tabeller på svenska; csv: en rad per cell; xlsx: ett blad per rapport; "
            "duckdb: analystabellerna som DuckDB-fil; parquet: analystabellerna som "
            "Parquet-filer i katalogen OUT (standard: text)"
        ),
    )
    p.add_argument(
        "--excel-csv",
        action="store_true",
        help="CSV för svensk Excel: semikolon, decimalkomma och BOM",
    )
    p.add_argument(
        "--omaskerad",
        action="store_true",
        help="visa små tal (endast för kommunens eget bruk; varje tabell märks)",
    )
    p.add_argument(
        "--vid",
        type=_datum,
        metavar="ÅÅÅÅ-MM-DD",
        help="granskningsdagen: ärenden med fel i granskningen utesluts (standard: i dag)",
    )
    p.add_argument("-o", "--output", metavar="OUT", help="skriv till OUT i stället för standard ut")
    _lokala_flagga(p, "tabellen lokal")
    p.set_defaults(func=_statistik)


# --- lokala (local variables) ---------------------------------------------------------------


def _las_utokning(fil: str) -> Utokning:
    try:
        return las_definition(Path(fil))
    except OSError as exc:
        orsak = _orsak(exc, "filen finns inte")
        raise _Kommandofel(f"kan inte läsa {fil}: {orsak}") from None


def _lokala_flagga(p: argparse.ArgumentParser, vad: str) -> None:
    """``--lokala FIL`` (repeatable): the municipality's extensions, read by path."""
    p.add_argument(
        "--lokala",
        action="append",
        default=[],
        metavar="FIL",
        help=f"en definitionsfil för lokala variabler (TOML; kan upprepas): {vad}",
    )


def _utokningar(filer: Sequence[str]) -> tuple[Utokning, ...]:
    """The extensions of ``--lokala``; a bad file is an error (exit status 1)."""
    return tuple(_las_utokning(fil) for fil in filer)


@functools.cache
def _utokningar_i_processen(filer: tuple[str, ...]) -> tuple[Utokning, ...]:
    """The extensions of a ``granska --jobs`` worker, loaded once per process."""
    return _utokningar(filer)


def _skriv_till(text: str, output: str | None, out: TextIO) -> None:
    if output in (None, "-"):
        _skriv_bytes(text.encode("utf-8"), out)
        return
    try:
        Path(output).write_bytes(text.encode("utf-8"))
    except OSError as exc:
        raise _Kommandofel(
            f"kan inte skriva {output}: {_orsak(exc, 'katalogen finns inte')}"
        ) from None


def _lokala_kontrollera(args: argparse.Namespace, out: TextIO) -> int:
    u = _las_utokning(args.fil)
    out.write(f"{u.id} {u.version}: {u.namn} (bygger på {u.bygger_pa})\n")
    out.write(f"Lokala variabler: {len(u.variabler)}\n")
    for v in u.variabler:
        delar = [f"{v.processteg.value} {v.processteg.label}", v.niva.label, v.dataformat.label]
        if v.vardemangd is not None:
            vm = v.vardemangd
            text = f"{vm.__name__}, {len(vm)} koder"
            if not issubclass(vm, LokalVardemangd):
                text = f"{vm.__name__} (nationell)"
            elif vm.overordnad_vardemangd is not None:
                text += f", räknas under {vm.overordnad_vardemangd.__name__}"
            delar.append(text)
        out.write(f"{v.nummer:>6}  {v.namn}  [{'; '.join(delar)}]\n")
    out.write(f"Lokala värdemängder: {len(u.vardemangder)}\n")
    oanvanda = ", ".join(u.anvands_inte) or "inga"
    out.write(f"Nationella variabler som inte används: {oanvanda}\n")
    out.write("Definitionen är giltig.\n")
    return 0


def _lokala_generera(args: argparse.Namespace, out: TextIO) -> int:
    from socialtjanst_variabler.lokala.generera import generera_python

    _skriv_till(generera_python(_las_utokning(args.fil)), args.output, out)
    return 0


def _lokala_dokumentera(args: argparse.Namespace, out: TextIO) -> int:
    from socialtjanst_variabler.lokala.generera import dokumentation_md

    _skriv_till(dokumentation_md(_las_utokning(args.fil)) + "\n", args.output, out)
    return 0


def _lokala_exempel(args: argparse.Namespace, out: TextIO) -> int:
    _skriv_till(exempel(args.namn).read_text(encoding="utf-8"), args.output, out)
    return 0


def _lokala_export(args: argparse.Namespace, out: TextIO) -> int:
    from socialtjanst_variabler.export import FORMAT_MED_LOKALA

    utokningar = [_las_utokning(fil) for fil in args.fil]
    _skriv_till(FORMAT_MED_LOKALA[args.format](utokningar), args.output, out)
    return 0


def _lokala_parser(kommando: Any) -> None:
    """The ``lokala`` command and its subcommands (local variables, issue 15)."""
    p = kommando(
        "lokala",
        "lokala variabler: kontrollera en definitionsfil, generera kod, dokumentation och export",
        epilog="Slutstatus: 0 giltig definition, 1 fel i filen (rad och nyckel anges), "
        "2 felaktig användning.",
    )
    lsub = p.add_subparsers(dest="lokalt_kommando", required=True, metavar="KOMMANDO")
    fil = {"metavar": "FIL", "help": "definitionsfilen (TOML, UTF-8)"}
    utfil = {"metavar": "FIL", "help": "skriv till FIL (UTF-8) i stället för till standard ut"}

    q = lsub.add_parser("kontrollera", help="kontrollera en definitionsfil och sammanfatta den")
    q.add_argument("fil", **fil)
    q.set_defaults(func=_lokala_kontrollera)

    q = lsub.add_parser("exempel", help="skriv en medföljande definitionsfil att utgå från")
    q.add_argument("namn", choices=EXEMPEL, metavar="NAMN", help=f"{' eller '.join(EXEMPEL)}")
    q.add_argument("-o", "--output", **utfil)
    q.set_defaults(func=_lokala_exempel)

    q = lsub.add_parser("generera", help="skriv en typad Python-modul (enum med etiketter)")
    q.add_argument("fil", **fil)
    q.add_argument("-o", "--output", **utfil)
    q.set_defaults(func=_lokala_generera)

    q = lsub.add_parser("dokumentera", help="skriv en dokumentationssida (Markdown)")
    q.add_argument("fil", **fil)
    q.add_argument("-o", "--output", **utfil)
    q.set_defaults(func=_lokala_dokumentera)

    q = lsub.add_parser("export", help="exportera specifikationen med utökningarna")
    q.add_argument("fil", nargs="+", metavar="FIL", help="en eller flera definitionsfiler")
    q.add_argument("--format", choices=list(FORMAT), default="json", help="som för export")
    q.add_argument("-o", "--output", **utfil)
    q.set_defaults(func=_lokala_export)


# --- nyckel och pseudonymisera (pooled data, issue 14) ----------------------------------


def _kommunkod(text: str) -> str:
    from socialtjanst_variabler.identitet.kommunkoder import validera_kommunkod

    try:
        return validera_kommunkod(text)
    except InvalidValue as exc:
        raise argparse.ArgumentTypeError(exc.rule) from None


def _doman(text: str) -> str:
    from socialtjanst_variabler.identitet.pseudonym import _doman

    try:
        return _doman(text)
    except ValidationError:
        raise argparse.ArgumentTypeError(
            f"ogiltig domän {mask(text)!r}: 1–100 synliga tecken utan blanksteg först eller sist"
        ) from None


def _nyckel(args: argparse.Namespace) -> Nyckel:
    """The key of ``--nyckel FIL``, else of the environment variable; never shown."""
    from socialtjanst_variabler.identitet.pseudonym import NYCKEL_MILJO, InvalidNyckel, Nyckel

    try:
        if args.nyckel is not None:
            return Nyckel.fran_fil(args.nyckel)
        if NYCKEL_MILJO not in os.environ:
            raise _Kommandofel(f"ange en nyckel: --nyckel FIL eller miljövariabeln {NYCKEL_MILJO}")
        return Nyckel.fran_miljo()
    except InvalidNyckel as exc:
        fel = str(exc)
    raise _Kommandofel(fel)  # outside the except block: nothing chained


def _nyckel_skapa(args: argparse.Namespace, out: TextIO) -> int:
    from socialtjanst_variabler.identitet.pseudonym import InvalidNyckel, skapa_nyckelfil

    try:
        nyckel = skapa_nyckelfil(args.output)
    except InvalidNyckel as exc:
        fel = str(exc)
    else:
        out.write(
            f"Nyckel skapad: {args.output} (rättigheter 0600), nyckel-id {nyckel.id}.\n"
            "Förvara den åtskild från de pseudonymiserade uttagen: den som har nyckeln kan "
            "räkna fram varje persons pseudonym ur personnumret.\n"
        )
        return 0
    raise _Kommandofel(fel)


def _nyckel_id(args: argparse.Namespace, out: TextIO) -> int:
    out.write(f"{_nyckel(args).id}\n")
    return 0


@contextlib.contextmanager
def _ny_fil(utfil: str, out: TextIO) -> Iterator[TextIO]:
    """*out* for ``-``; else a temporary file beside *utfil* that becomes *utfil* only
    when the block ends without error (no half-written extract under the real name)."""
    import tempfile

    if utfil == "-":
        yield out
        return
    mal = Path(utfil)
    try:
        fd, tillfallig = tempfile.mkstemp(prefix=f".{mal.name}.", dir=mal.parent)
    except OSError as exc:
        orsak = _orsak(exc, "katalogen finns inte")
        raise _Kommandofel(f"kan inte skriva {utfil}: {orsak}") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as ut:
            yield ut
        os.replace(tillfallig, mal)
    except OSError as exc:
        Path(tillfallig).unlink()
        orsak = _orsak(exc, "katalogen finns inte")
        raise _Kommandofel(f"kan inte skriva {utfil}: {orsak}") from None
    except BaseException:
        Path(tillfallig).unlink()
        raise


def _pseudonymisera_rad(
    ps: Pseudonymiserare, rad: Rad, kommun: str
) -> tuple[str | None, tuple[str, ...]]:
    """The pseudonymised line of *rad*, or None and why it is refused."""
    from socialtjanst_variabler.identitet.pseudonym import skriv_rad

    if rad.fel is not None:
        return None, rad.fel.problems
    assert rad.arende is not None  # a Rad holds exactly one of the two
    try:
        return skriv_rad(ps.pseudonymisera(rad.arende, kommun=kommun)), ()
    except ValidationError as exc:  # a line the pseudonymised form cannot take
        return None, (str(exc),)


def _pseudonymisera(args: argparse.Namespace, out: TextIO) -> int:
    from socialtjanst_variabler.arende.jsonl import las_jsonl  # loads cattrs: only when used
    from socialtjanst_variabler.identitet.kommunkoder import kommun_namn
    from socialtjanst_variabler.identitet.pseudonym import Pseudonymiserare

    ps = Pseudonymiserare(_nyckel(args), doman=args.doman)
    lokala = _utokningar(args.lokala)
    if args.output != "-" and Path(args.output).exists():
        # Replacing the extract would lose it; replacing the key would lose every link.
        for namn, fil in (("uttaget", args.fil), ("nyckelfilen", args.nyckel)):
            if fil not in (None, "-") and Path(fil).exists() and Path(fil).samefile(args.output):
                raise _Kommandofel(f"utfilen {args.output} är {namn}: välj en annan utfil")
    rader = skrivna = antal_vagrade = 0
    vagrade: list[str] = []  # the first VISA_HOGST in full; the rest counted (flat memory)
    fil = _las(args.fil)
    try:
        with _ny_fil(args.output, out) as ut:
            for rad in las_jsonl(fil, utokningar=lokala):
                rader = rad.radnummer
                text, problem = _pseudonymisera_rad(ps, rad, args.kommun)
                if text is None:
                    antal_vagrade += 1
                    if len(vagrade) < VISA_HOGST:
                        vagrade.append(f"  rad {rad.radnummer}: {'; '.join(map(mask, problem))}")
                    continue
                ut.write(text + "\n")
                skrivna += 1
    finally:
        if fil is not sys.stdin.buffer:
            fil.close()
    visa = sys.stderr if args.output == "-" else out
    visa.write(
        f"Pseudonymisering av {mask(args.fil)}: kommun {args.kommun} "
        f"({kommun_namn(args.kommun)}), nyckel-id {ps.nyckel.id}, domän {ps.doman!r}\n"
        f"Rader: {rader}, skrivna: {skrivna}, vägrade: {antal_vagrade}\n"
    )
    if vagrade:
        visa.write("Vägrade rader (inte skrivna; rätta dem och kör igen):\n")
        visa.write("\n".join(vagrade) + "\n")
        if antal_vagrade > len(vagrade):
            visa.write(f"  … och {antal_vagrade - len(vagrade)} till\n")
    return 1 if antal_vagrade else 0


def _pseudonymkommandon(
    kommando: Callable[[str, str, str | None], argparse.ArgumentParser],
) -> None:
    """The subcommands ``nyckel`` and ``pseudonymisera``."""
    nyckelhjalp = (
        "nyckelfilen (skapad med nyckel skapa); utan flaggan läses miljövariabeln "
        "SOCIALTJANST_VARIABLER_NYCKEL"
    )
    p = kommando(
        "nyckel",
        "skapa en nyckel för pseudonymer, eller visa en nyckels id",
        "Nyckeln visas aldrig; bara dess id (8 tecken), som inleder varje pseudonym "
        "den gör. Slutstatus: 0 klart, 1 fel, 2 felaktig användning.",
    )
    nsub = p.add_subparsers(
        dest="nyckelkommando", required=True, metavar="KOMMANDO", title="kommandon"
    )
    q = nsub.add_parser(
        "skapa",
        help="skapa en ny slumpnyckel i en ny fil (rättigheter 0600)",
        description="Skapa en ny slumpnyckel (32 byte) i en ny fil med rättigheter 0600. "
        "En befintlig fil skrivs aldrig över.",
    )
    q.add_argument("-o", "--output", metavar="FIL", required=True, help="den nya nyckelfilen")
    q.set_defaults(func=_nyckel_skapa)
    q = nsub.add_parser(
        "id", help="visa nyckelns id", description="Visa nyckelns id (aldrig nyckeln)."
    )
    q.add_argument("--nyckel", metavar="FIL", help=nyckelhjalp)
    q.set_defaults(func=_nyckel_id)

    p = kommando(
        "pseudonymisera",
        "pseudonymisera ett uttag för samlad statistik (JSON Lines in och ut)",
        "Läser uttaget rad för rad (minnet växer inte med filen). Ärendets id, "
        "personnummer och personnyckel ersätts med pseudonymer (HMAC-SHA256 under "
        "nyckeln), födelsedatum med födelseår och -månad, och varje rad får kommunkoden. "
        "En rad som inte kan läsas skrivs inte: den rapporteras med radnummer. "
        "Slutstatus: 0 alla rader skrivna, 1 någon rad vägrad eller annat fel, "
        "2 felaktig användning.",
    )
    p.add_argument(
        "fil", metavar="FIL", help="uttaget (UTF-8, JSON Lines), eller - för standard in"
    )
    p.add_argument(
        "--kommun",
        required=True,
        type=_kommunkod,
        metavar="KOMMUNKOD",
        help="SCB:s kommunkod för den kommun som lämnar uttaget, t.ex. 0180",
    )
    p.add_argument("--nyckel", metavar="FIL", help=nyckelhjalp)
    _lokala_flagga(
        p, "deras lokala värden följer med; värden från en utökning som inte anges vägras"
    )
    p.add_argument(
        "--doman",
        type=_doman,
        default="standard",
        metavar="TEXT",
        help="samlingens namn: samma person får olika pseudonymer i olika domäner "
        "(standard: standard)",
    )
    p.add_argument(
        "-o",
        "--output",
        metavar="UT",
        required=True,
        help="det pseudonymiserade uttaget, eller - för standard ut (sammanfattningen "
        "skrivs då på standard fel)",
    )
    p.set_defaults(func=_pseudonymisera)


# --- uiv ----------------------------------------------------------------------------------

#: Short Swedish names of the UIV statuses for the task list, in the order of its columns.
_UIV_KOLUMNER: tuple[tuple[str, str, str], ...] = (
    ("ATT_GORA", "att göra", "att göra"),
    ("FORSENAD", "försenad", "försenade"),
    ("KLAR", "klar", "klara"),
    ("PAGAENDE", "pågår", "pågår"),
    ("OAVGJORD", "oavgjord", "oavgjorda"),
)


class _Uppgiftsrapport:
    """What ``uiv`` has seen so far: counts, and the first lines and tasks in full."""

    def __init__(self, out: TextIO, som_json: bool, vid: date) -> None:
        self.out = out
        self.som_json = som_json
        self.vid = vid
        self.olasta: list[str] = []
        self.detaljer: list[str] = []
        self.rader = self.antal_olasta = self.antal_detaljer = 0

    def olast(self, radnummer: int, problem: Sequence[str]) -> None:
        self.antal_olasta += 1
        if self.som_json:
            self.out.write(json.dumps({"rad": radnummer, "fel": list(problem)}, ensure_ascii=False))
            self.out.write("\n")
        elif len(self.olasta) < VISA_HOGST:
            self.olasta.append(f"  rad {radnummer}: {'; '.join(problem)}")

    def uppgifter(self, fil: BinaryIO) -> Iterator[uiv.Uppgift]:
        """Read, judge and report each line; yield the tasks for the totals."""
        for rad in uiv.las_placeringar(fil, referensdatum=self.vid):
            self.rader = rad.radnummer
            if rad.post is None:
                self.olast(rad.radnummer, rad.fel)
                continue
            post = rad.post
            try:
                u = uiv.bedom(post.placering).uppgift(
                    vid=self.vid,
                    uppfoljningsdatum=post.uppfoljningsdatum,
                    intervjudatum=post.intervjudatum,
                    id=post.id,
                )
            except ValidationError as exc:  # an end date whose due date is past 9999
                self.olast(rad.radnummer, [mask(str(exc))])
                continue
            self.uppgift(rad.radnummer, u)
            yield u

    def uppgift(self, radnummer: int, u: uiv.Uppgift) -> None:
        id = mask(u.id or "")
        b = u.bedomning
        texter = [
            t for s, t in zip(b.skal, b.forklaringar, strict=True) if s is uiv.Skal.ALDER_OKAND
        ]
        texter += [mask(t) for t in u.forklaringar]
        if self.som_json:
            post = {
                "rad": radnummer,
                "id": id,
                "status": u.status.name,
                "modul": u.modul.label if u.modul else None,
                "slutdatum": _iso(b.placering.slutdatum),
                "senast": _iso(u.senast),
                "missad": u.missad,
                "uppfoljningsdatum": _iso(u.uppfoljningsdatum),
                "uppfoljning_ignorerad": _namn(u.uppfoljning_ignorerad),
                "intervjudatum": _iso(u.intervjudatum),
                "intervju_ignorerad": _namn(u.intervju_ignorerad),
                "skal": [s.name for s in b.skal],
                "forklaringar": [*b.forklaringar, *u.forklaringar],
            }
            self.out.write(json.dumps(post, ensure_ascii=False) + "\n")
            return
        listas = u.status in (uiv.Status.FORSENAD, uiv.Status.ATT_GORA, uiv.Status.OAVGJORD)
        if not listas and not u.forklaringar:
            return
        self.antal_detaljer += 1
        if len(self.detaljer) < VISA_HOGST:
            kort = {k[0]: k[1] for k in _UIV_KOLUMNER}.get(u.status.name, "ej aktuell")
            modul = f"{u.modul.label} " if u.modul else ""
            senast = f", senast {u.senast.isoformat()}" if u.senast else ""
            rad = f"  rad {radnummer} ({id}): {modul}{kort}{senast}"
            self.detaljer.append("; ".join([rad, *texter]))

    def skriv(self, visa: TextIO, rubrik: str, summa: uiv.Summering) -> int:
        """Write the summary to *visa*; return the exit status."""
        lasta = summa.antal()
        visa.write(f"{rubrik}\n")
        visa.write(
            f"Rader: {self.rader}, placeringar lästa: {lasta}, olästa rader: {self.antal_olasta}\n"
        )
        if self.olasta:
            visa.write("Olästa rader:\n" + "\n".join(self.olasta) + "\n")
            if self.antal_olasta > len(self.olasta):
                visa.write(f"  … och {self.antal_olasta - len(self.olasta)} till\n")
        if self.detaljer:
            visa.write("Uppgifter:\n" + "\n".join(self.detaljer) + "\n")
            if self.antal_detaljer > len(self.detaljer):
                visa.write("  … fler uppgifter: använd --format json för alla\n")
        visa.write("Per modul:  " + "".join(f"{namn:>10}" for _, namn, _ in _UIV_KOLUMNER) + "\n")
        for modul in uiv.Modul:
            tal = [summa.antal(uiv.Status[status], modul=modul) for status, _, _ in _UIV_KOLUMNER]
            visa.write(f"  {modul.label:<9}" + "".join(f"{n:>10}" for n in tal) + "\n")
        delar = [
            f"{summa.antal(uiv.Status[status])} {namn}" for status, _, namn in _UIV_KOLUMNER
        ] + [f"{summa.antal(uiv.Status.EJ_AKTUELL)} ej aktuella"]
        visa.write(f"Summa: {lasta} placeringar ({', '.join(delar)})\n")
        visa.write(f"Missade uppföljningar (ej gjorda i tid): {summa.missade}\n")
        return 1 if self.antal_olasta or summa.antal(uiv.Status.FORSENAD) else 0


def _iso(d: date | None) -> str | None:
    return None if d is None else d.isoformat()


def _namn(member: uiv.Ignorerad | None) -> str | None:
    return None if member is None else member.name


def _uiv(args: argparse.Namespace, out: TextIO) -> int:
    vid: date = args.vid if args.vid is not None else date.today()
    rapport = _Uppgiftsrapport(out, som_json=args.format == "json", vid=vid)
    fil = _las(args.fil)
    try:
        summa = uiv.Summering.av(rapport.uppgifter(fil))
    finally:
        if fil is not sys.stdin.buffer:
            fil.close()
    visa = sys.stderr if rapport.som_json else out
    return rapport.skriv(visa, f"UIV-uppgifter i {mask(args.fil)} vid {vid.isoformat()}", summa)


def _uiv_kommando(kommando: Callable[..., argparse.ArgumentParser]) -> None:
    p = kommando(
        "uiv",
        "skriv UIV-uppgiftslistan för placeringar i en fil (CSV eller JSON Lines)",
        epilog=(
            "Läser filen rad för rad (minnet växer inte med filen), bedömer varje placering "
            "med UIV-regeln och skriver uppgifterna som ska göras, är försenade eller inte kan "
            "avgöras, och summor per modul. Med --format json skrivs varje placering som en "
            "JSON-rad på standard ut och sammanfattningen på standard fel. Slutstatus: 0 när "
            "ingen uppföljning är försenad, 1 när någon är försenad eller någon rad inte kunde "
            "läsas, 2 vid felaktig användning."
        ),
    )
    p.add_argument(
        "fil",
        metavar="FIL",
        help="placeringarna (UTF-8; CSV med rubrikrad, eller JSON Lines), eller - för standard in",
    )
    p.add_argument(
        "--vid",
        type=_datum,
        metavar="ÅÅÅÅ-MM-DD",
        help="dagen uppgiftslistan gäller (standard: i dag)",
    )
    p.add_argument(
        "--format",
        choices=["text", "json"],
        default="text",
        help="text: uppgiftslista och summor; json: varje placering som en JSON-rad "
        "(standard: text)",
    )
    p.set_defaults(func=_uiv)


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

    p = kommando(
        "variabel",
        "visa en variabel med dess värdemängd, eller en kod i den",
        epilog=(
            "Med KOD visas bara den koden, med dess ankare i dokumentationen "
            "(variabler.html#variabel-12-kod-23), för att citera den."
        ),
    )
    p.add_argument("nummer", help='variabelns nummer, t.ex. "12" eller "B1a"')
    p.add_argument("kod", nargs="?", metavar="KOD", help="en kod i variabelns värdemängd")
    p.set_defaults(func=_variabel)

    p = kommando("steg", "lista variablerna i ett processteg")
    p.add_argument("steg", type=int, choices=range(1, 8), metavar="STEG", help="processteg 1–7")
    p.add_argument(
        "--bistandsbedomd",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="insatsen är biståndsbedömd (avgör steget för variabel 10 och 12; standard "
        "när bara --myndighetsutovning anges: ja)",
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
        "skriv specifikationen som data: JSON, CSV, SQL eller JSON Schema",
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
            "PostgreSQL och SQLite; jsonschema: JSON Schema för ett ärende (en rad i ett "
            "uttag); katalogschema: JSON Schema för json-exporten (standard: json)"
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

    p = kommando(
        "granska",
        "granska ett uttag: ett ärende per rad (JSON Lines)",
        epilog=(
            "Läser filen rad för rad (minnet växer inte med filen) och skriver en "
            "sammanfattning: lästa ärenden, olästa rader med radnummer och fynd per regel "
            "och allvarlighet. Med --format json skrivs varje fynd som en JSON-rad på "
            "standard ut, sist en rad med regelvalet, och sammanfattningen på standard fel. "
            "Slutstatus: 0 utan fel, "
            "1 när någon rad inte kunde läsas eller något fynd är ett fel, 2 vid felaktig "
            "användning."
        ),
    )
    p.add_argument(
        "fil", metavar="FIL", help="uttaget (UTF-8, JSON Lines), eller - för standard in"
    )
    p.add_argument(
        "--vid",
        type=_datum,
        metavar="ÅÅÅÅ-MM-DD",
        help="granskningsdagen: inget datum får ligga efter den (standard: i dag)",
    )
    p.add_argument(
        "--format",
        choices=["text", "json"],
        default="text",
        help="text: sammanfattning; json: varje fynd som en JSON-rad (standard: text)",
    )
    p.add_argument(
        "--regler",
        type=_regelfil,
        metavar="FIL",
        help="regelval (TOML): regler som stängs av eller får en annan allvarlighet, och "
        "gränsvärden (standard: reglerna som de dokumenteras)",
    )
    p.add_argument(
        "--jobs",
        type=_jobb,
        default=1,
        metavar="N",
        help="granska filen i N processer, med samma utskrift som i en (standard: 1; "
        "standard in läses alltid i en process)",
    )
    _lokala_flagga(p, "deras lokala variabler granskas")
    p.set_defaults(func=_granska)

    _statistik_kommando(
        kommando(
            "statistik",
            "referensstatistik ur ett uttag: rapporterna R1–R14",
            epilog=(
                "Bygger analystabeller ur uttaget (rad för rad) och kör rapporterna för "
                "perioden, med röjandekontroll (små tal visas som ..). Ärenden med fel i "
                "granskningen och oläsbara rader utesluts och räknas. Kräver tillägget: "
                "pip install 'socialtjanst-variabler[statistik]'. Slutstatus: 0 utan fel, "
                "1 när någon rad inte kunde läsas eller uteslöts för fel, 2 vid felaktig "
                "användning. Flera filer (eller --poolad): pseudonymiserade uttag från en "
                "eller flera kommuner slås samman; pseudonymen är personnyckeln, dubbletter "
                "räknas en gång och redovisas, och en rad som inte följer den "
                "pseudonymiserade formen stoppar inläsningen med fil och rad."
            ),
        )
    )
    _pseudonymkommandon(kommando)
    _uiv_kommando(kommando)
    _lokala_parser(kommando)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status (0 ok, 1 no/not found, 2 bad usage,
    130 interrupted by Ctrl-C)."""
    try:
        args = _parser().parse_args(argv)
        status = int(args.func(args, sys.stdout))
        sys.stdout.flush()  # here, so that a closed pipe is met in this try
        return status
    except (UnknownVariable, _Kommandofel, DefinitionError) as exc:
        sys.stderr.write(f"{PROG}: {_visa(str(exc.args[0]))}\n")
        return 1
    except KeyboardInterrupt:
        # Ctrl-C: one line, no traceback; 128 + SIGINT, as a shell reports it.
        sys.stderr.write(f"{PROG}: avbrutet\n")
        return 130
    except BrokenPipeError:
        # The reader stopped early (``| head``): end quietly, as Python's docs advise, with
        # stdout pointed at devnull so that the flush at exit does not fail again.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
        return 1
