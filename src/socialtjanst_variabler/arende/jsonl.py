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

from collections.abc import Iterable, Iterator
from typing import BinaryIO

import attrs

from socialtjanst_variabler.arende.modell import Arende
from socialtjanst_variabler.errors import InvalidJson

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


def _rader(source: BinaryIO | Iterable[bytes | str]) -> Iterator[bytes | str | None]:
    """The lines of *source*; None for a line over :data:`MAX_RADLANGD` (skipped)."""
    readline = getattr(source, "readline", None)
    if readline is None:
        yield from source
        return
    while line := readline(MAX_RADLANGD + 1):
        if len(line) > MAX_RADLANGD and not line.endswith(b"\n"):
            while (rest := readline(MAX_RADLANGD)) and not rest.endswith(b"\n"):
                pass
            yield None
        else:
            yield line


def las_jsonl(source: BinaryIO | Iterable[bytes | str]) -> Iterator[Rad]:
    """Read ärenden from a JSON Lines stream (a binary file, or an iterable of lines).

    Lines are UTF-8 (a byte-order mark on the first line is allowed); a blank line is
    reported as an error, like any other line that is not an ärende.
    """
    from socialtjanst_variabler.arende._serde import from_json

    for nummer, rad in enumerate(_rader(source), start=1):
        if rad is None:
            yield Rad(
                radnummer=nummer, fel=InvalidJson([f"raden är längre än {MAX_RADLANGD} byte @ $"])
            )
            continue
        if isinstance(rad, bytes):
            try:
                line = rad.decode("utf-8-sig" if nummer == 1 else "utf-8")
            except UnicodeDecodeError:
                yield Rad(radnummer=nummer, fel=InvalidJson(["inte giltig UTF-8 @ $"]))
                continue
        else:
            line = rad
        # JSON allows the line break (\n or \r\n) and other white space around a value.
        if not line or line.isspace():
            yield Rad(radnummer=nummer, fel=InvalidJson(["tom rad @ $"]))
            continue
        try:
            yield _rad(nummer, from_json(line))
        except InvalidJson as exc:
            yield Rad(radnummer=nummer, fel=exc)
