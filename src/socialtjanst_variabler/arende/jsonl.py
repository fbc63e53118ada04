"""Streaming reader for JSON Lines extracts: one ärende per line.

Every line yields a :class:`Rad`: either an ärende or the error that refused it, with its
line number. A bad line never stops the run and is never dropped silently. Memory stays
flat whatever the file size: lines are read one at a time, and a line longer than
:data:`MAX_RADLANGD` is reported and skipped without being held in memory.

Example:
    >>> import io
    >>> data = io.BytesIO(b'{"id": "A-1"}\\nnot json\\n{"id": "A-2", "ursprung": 9}\\n')
    >>> for rad in las_jsonl(data):
    ...     print(rad.radnummer, rad.arende.id if rad.arende else rad.fel.problems)
    1 A-1
    2 ('inte giltig JSON (kolumn 1) @ $',)
    3 ('9 är inte en kod i värdemängden Ursprung (giltiga koder: 1–5) @ $.ursprung',)
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, BinaryIO

import attrs

from socialtjanst_variabler.arende.modell import Arende
from socialtjanst_variabler.errors import InvalidJson

if TYPE_CHECKING:
    from socialtjanst_variabler.lokala.definition import Utokning

__all__ = ["MAX_RADLANGD", "Rad", "las_jsonl"]

#: The longest line read (bytes); a longer one is reported as an error and skipped.
MAX_RADLANGD = 1 << 20


@attrs.frozen(kw_only=True)
class Rad:
    """One line of an extract: exactly one of ``arende`` and ``fel`` is set."""

    radnummer: int
    arende: Arende | None = None
    fel: InvalidJson | None = None


# Rad(radnummer=..., arende=...) for the reader's hot path: its slots filled directly,
# without the keyword handling of __init__ (Rad has no validators).
_ny = object.__new__
_satt_radnummer = vars(Rad)["radnummer"].__set__
_satt_arende = vars(Rad)["arende"].__set__
_satt_fel = vars(Rad)["fel"].__set__


def _rad(radnummer: int, arende: Arende) -> Rad:
    rad = _ny(Rad)
    _satt_radnummer(rad, radnummer)
    _satt_arende(rad, arende)
    _satt_fel(rad, None)
    return rad


def _innehall(line: bytes | str) -> int:
    """The length of *line* without its ending (``\\n`` or ``\\r\\n``)."""
    # Each type with its own: bytes never compared with str (python -bb would object).
    lf, crlf = (b"\n", b"\r\n") if isinstance(line, bytes) else ("\n", "\r\n")
    n = len(line)
    if line.endswith(crlf):  # type: ignore[arg-type]
        return n - 2
    return n - 1 if line.endswith(lf) else n  # type: ignore[arg-type]


@attrs.frozen
class _Lang:
    """In place of a line over :data:`MAX_RADLANGD`: its unit, ``byte`` or ``tecken``."""

    enhet: str


def _lang(line: bytes | str) -> _Lang:
    return _Lang("byte" if isinstance(line, bytes) else "tecken")


def _rader(source: BinaryIO | Iterable[object]) -> Iterator[object]:
    """The lines of *source*; a :class:`_Lang` for a line over :data:`MAX_RADLANGD`.

    From a file (anything with ``readline``, binary or text) a long line is never held
    in memory. The limit counts the line without its ending, so that ``\\n`` and
    ``\\r\\n`` lines have the same limit: bytes in a binary file, characters in a text
    file or a ``str`` line.
    """
    readline = getattr(source, "readline", None)
    if readline is None:
        for line in source:
            if isinstance(line, (bytes, str)) and _innehall(line) > MAX_RADLANGD:
                yield _lang(line)
            else:
                yield line
        return
    while line := readline(MAX_RADLANGD + 2):
        if _innehall(line) > MAX_RADLANGD:
            lf = b"\n" if isinstance(line, bytes) else "\n"
            while not line.endswith(lf) and (line := readline(MAX_RADLANGD)):
                pass  # the rest of the long line, a piece at a time
            yield _lang(line)
        else:
            yield line


def las_jsonl(
    source: BinaryIO | Iterable[bytes | str], *, utokningar: Iterable[Utokning] = ()
) -> Iterator[Rad]:
    """Read ärenden from a JSON Lines stream: a file (binary or text), or an iterable of
    lines (``bytes`` or ``str``).

    Every line is accounted for: it yields an ärende or an error, whatever it holds.
    Lines are UTF-8 (a byte-order mark on the first line is allowed); a blank line, a line
    over :data:`MAX_RADLANGD` and an item of the iterable that is not a line are reported
    as errors, like any other line that is not an ärende. A kept error holds no traceback
    (whose frames would hold the raw line). Local values are read as by
    :func:`~socialtjanst_variabler.from_json` with *utokningar*.

    Raises:
        TypeError: *source* is neither a file nor an iterable of lines (a whole text is
            refused too: ``text.splitlines()`` gives its lines).
    """
    if isinstance(source, (str, bytes, bytearray)):
        raise TypeError(
            "las_jsonl(): source ska vara en fil eller en följd av rader, inte en hel "
            f"{type(source).__name__} (dela den med splitlines())"
        )
    if not hasattr(source, "readline") and not isinstance(source, Iterable):
        raise TypeError(
            "las_jsonl(): source ska vara en fil eller en följd av rader, "
            f"inte {type(source).__name__}"
        )
    from socialtjanst_variabler.arende._serde import _register

    return _las(source, _register(utokningar))


def _las(source: BinaryIO | Iterable[object], utokningar: Mapping[str, Utokning]) -> Iterator[Rad]:
    from socialtjanst_variabler.arende._serde import _fran_json

    for nummer, rad in enumerate(_rader(source), start=1):
        if isinstance(rad, _Lang):
            yield _fel(nummer, f"raden är längre än {MAX_RADLANGD} {rad.enhet} @ $")
            continue
        if isinstance(rad, (bytes, bytearray)):
            try:
                line = rad.decode("utf-8-sig" if nummer == 1 else "utf-8")
            except UnicodeDecodeError:
                yield _fel(nummer, "inte giltig UTF-8 @ $")
                continue
        elif isinstance(rad, str):
            line = rad
        else:
            yield _fel(nummer, f"ingen rad: ett värde av typen {type(rad).__name__} @ $")
            continue
        # JSON allows the line break (\n or \r\n) and other white space around a value.
        if not line or line.isspace():
            yield _fel(nummer, "tom rad @ $")
            continue
        try:
            arende = _fran_json(line, utokningar)
        except InvalidJson as exc:
            yield Rad(radnummer=nummer, fel=_utan_radslut(line, exc, utokningar))
        else:
            yield _rad(nummer, arende)


def _utan_radslut(line: str, exc: InvalidJson, utokningar: Mapping[str, Utokning]) -> InvalidJson:
    """The error of *line* read without its line break, so that a position points into the
    line (JSON counts the break as a line of its own: "rad 2, kolumn 1"); read again only
    when it failed, so that good lines are never copied. Kept for later without its
    traceback, whose frames hold the raw line."""
    from socialtjanst_variabler.arende._serde import _fran_json

    utan = line.rstrip("\r\n")
    if utan != line:
        try:
            _fran_json(utan, utokningar)  # fails again: only the line break differs
        except InvalidJson as ny:
            exc = ny
    return exc.with_traceback(None)


def _fel(radnummer: int, problem: str) -> Rad:
    return Rad(radnummer=radnummer, fel=InvalidJson([problem]))


# --- ranges of a file, for worker processes (granska --jobs, bygg_tabeller(jobb=N)) ----------


class Intervall:
    """The lines of *fil* from its position up to byte *slut*, for :func:`las_jsonl` in a
    worker that reads one range of a file. A later range is read after a blank line,
    which the worker drops: only the file's first line may begin with a byte-order mark."""

    def __init__(self, fil: BinaryIO, slut: int, forsta: bool) -> None:
        self.fil, self.slut, self.tom = fil, slut, not forsta

    def readline(self, n: int) -> bytes:
        if self.tom:
            self.tom = False
            return b"\n"
        if self.fil.tell() >= self.slut:
            return b""
        return self.fil.readline(n)


def intervall(namn: str, storlek: int) -> Iterator[tuple[int, int]]:
    """The ranges ``(start, slut)`` of file *namn*, about *storlek* bytes each, each cut
    after a line break."""
    with open(namn, "rb") as fil:
        langd = fil.seek(0, 2)
        start = 0
        while start < langd:
            fil.seek(start + storlek - 1)
            while (bit := fil.readline(1 << 16)) and not bit.endswith(b"\n"):
                pass  # to the end of the line that the cut fell in
            slut = min(fil.tell(), langd)
            yield start, slut
            start = slut
