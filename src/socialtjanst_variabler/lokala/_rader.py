"""Where each key of a TOML text stands: the line of every table, key and array element.

:mod:`tomllib` gives a line only for syntax errors; a semantic error in a definition file
(an unknown process step, a duplicate code) must name its line too. This scanner walks a
text that :mod:`tomllib` has already accepted and records the line of each key path, e.g.
``("variabel", 1, "processteg")`` or ``("vardemangd", 0, "koder", 2, "kod")``.

Example:
    >>> rader = nyckelrader('[utokning]\\nid = "x"\\n\\n[[variabel]]\\nnummer = "L1"\\n')
    >>> rader[("utokning", "id")], rader[("variabel", 0, "nummer")]
    (2, 5)
"""

from __future__ import annotations

from bisect import bisect_right

__all__ = ["Sokvag", "nyckelrader", "rad_for"]

Sokvag = tuple[str | int, ...]

_BARE = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-")


class _Skanner:
    def __init__(self, text: str) -> None:
        self.text = text
        self.i = 0
        self.radstart = [0] + [n + 1 for n, c in enumerate(text) if c == "\n"]
        self.rader: dict[Sokvag, int] = {}
        self.tabellfalt: dict[Sokvag, int] = {}

    def rad(self) -> int:
        return bisect_right(self.radstart, self.i)

    def notera(self, sokvag: Sokvag) -> None:
        self.rader.setdefault(sokvag, self.rad())

    def tecken(self) -> str:
        return self.text[self.i : self.i + 1]

    def blanka(self, *, radbrytningar: bool) -> None:
        """Skip spaces, tabs, comments and (when asked) line breaks."""
        while self.i < len(self.text):
            c = self.text[self.i]
            if c == "#":
                slut = self.text.find("\n", self.i)
                self.i = len(self.text) if slut < 0 else slut
            elif c in " \t\r" or (radbrytningar and c == "\n"):
                self.i += 1
            else:
                return

    def strang(self) -> str:
        """Read a string at the cursor (any of the four kinds); return its raw content."""
        for citat in ('"""', "'''"):
            if self.text.startswith(citat, self.i):
                slut = self.text.index(citat, self.i + 3)
                while self.text.startswith(citat[0], slut + 3):  # up to two extra quotes
                    slut += 1
                innehall = self.text[self.i + 3 : slut]
                self.i = slut + 3
                return innehall
        citat = self.text[self.i]
        j = self.i + 1
        while self.text[j] != citat:
            j += 2 if citat == '"' and self.text[j] == "\\" else 1
        innehall = self.text[self.i + 1 : j]
        self.i = j + 1
        return innehall

    def nyckel(self) -> tuple[str, ...]:
        """A (dotted) key; quoted parts are returned without quotes (escapes kept raw)."""
        delar: list[str] = []
        while True:
            self.blanka(radbrytningar=False)
            if self.tecken() in ('"', "'"):
                delar.append(self.strang())
            else:
                start = self.i
                while self.tecken() in _BARE and self.tecken():
                    self.i += 1
                delar.append(self.text[start : self.i])
            self.blanka(radbrytningar=False)
            if self.tecken() != ".":
                return tuple(delar)
            self.i += 1

    def varde(self, sokvag: Sokvag) -> None:
        self.blanka(radbrytningar=False)
        c = self.tecken()
        if c == "[":
            self.i += 1
            index = 0
            while True:
                self.blanka(radbrytningar=True)
                if self.tecken() == "]":
                    self.i += 1
                    return
                self.notera((*sokvag, index))
                self.varde((*sokvag, index))
                self.blanka(radbrytningar=True)
                if self.tecken() == ",":
                    self.i += 1
                    index += 1
        elif c == "{":
            self.i += 1
            while True:
                self.blanka(radbrytningar=False)
                if self.tecken() == "}":
                    self.i += 1
                    return
                if self.tecken() == ",":
                    self.i += 1
                    continue
                self.nyckelvarde(sokvag)
        elif c in ('"', "'"):
            self.strang()
        else:
            while self.tecken() and self.tecken() not in ",]}\n#":
                self.i += 1

    def nyckelvarde(self, tabell: Sokvag) -> None:
        nyckel = self.nyckel()
        for n in range(1, len(nyckel) + 1):
            self.notera((*tabell, *nyckel[:n]))
        self.blanka(radbrytningar=False)
        self.i += 1  # the "="
        self.varde((*tabell, *nyckel))

    def rubrik(self) -> Sokvag:
        """A ``[table]`` or ``[[array.of.tables]]`` header; returns the table's path."""
        dubbel = self.text.startswith("[[", self.i)
        self.i += 2 if dubbel else 1
        namn = self.nyckel()
        self.i += 2 if dubbel else 1
        sokvag: Sokvag = ()
        for n, del_ in enumerate(namn):
            sokvag = (*sokvag, del_)
            sist = n == len(namn) - 1
            if sist and dubbel:
                index = self.tabellfalt.get(sokvag, -1) + 1
                self.tabellfalt[sokvag] = index
                self.notera(sokvag)
                sokvag = (*sokvag, index)
            elif sokvag in self.tabellfalt:
                sokvag = (*sokvag, self.tabellfalt[sokvag])
            self.notera(sokvag)
        return sokvag

    def kor(self) -> dict[Sokvag, int]:
        tabell: Sokvag = ()
        while True:
            self.blanka(radbrytningar=True)
            if self.i >= len(self.text):
                return self.rader
            if self.tecken() == "[":
                tabell = self.rubrik()
            else:
                self.nyckelvarde(tabell)


def nyckelrader(text: str) -> dict[Sokvag, int]:
    """The line (from 1) of every key path in *text*, a document :mod:`tomllib` accepts.

    A path names tables and keys by name and array elements by index from 0; the line is
    where the key, header or element begins.
    """
    return _Skanner(text).kor()


def rad_for(rader: dict[Sokvag, int], sokvag: Sokvag) -> int | None:
    """The line of *sokvag*, or of its nearest enclosing path that has one."""
    for n in range(len(sokvag), 0, -1):
        rad = rader.get(sokvag[:n])
        if rad is not None:
            return rad
    return None
