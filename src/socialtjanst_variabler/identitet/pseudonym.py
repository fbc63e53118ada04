"""Keyed pseudonyms for persons and ärenden, and the pseudonymised extract.

A pseudonym is HMAC-SHA256 under a secret :class:`Nyckel` (at least 32 random bytes),
truncated to 160 bits and written in lowercase base32 (RFC 4648, alphabet ``a–z2–7``),
after the key's id: ``<nyckel-id>_<32 characters>``, 41 characters in all. The key id is
the first 40 bits of ``HMAC(nyckel, "socialtjanst-variabler/nyckel-id/1")``: it says which
key made a pseudonym without saying anything about the key, so that pseudonyms of
different keys are never compared or merged silently (:class:`OlikaNycklar`).

What is fed to the HMAC (all UTF-8; ``\\0`` is a zero byte)::

    socialtjanst-variabler/pseudonym/1 \\0 <slag> \\0 <doman> \\0 <varde>

* ``slag`` ``person``: ``varde`` is the personnummer's (or samordningsnummer's) 12
  digits ``ÅÅÅÅMMDDNNNN``, whatever form it was written in: one person, one pseudonym,
  in every municipality;
* ``slag`` ``person-lokal``: ``varde`` is ``<kommunkod> \\0 <person_id>``, the vendor's
  own person key, for a client without a personnummer (links the client's ärenden
  within one municipality only);
* ``slag`` ``person-arende``: ``varde`` is ``<kommunkod> \\0 <ärendets id>``, for a
  client with neither (reservnummer, anonymous): the ärende is its own person;
* ``slag`` ``arende``: ``varde`` is ``<kommunkod> \\0 <ärendets id>``, the case id.

``doman`` separates collections: the same person gets unrelated pseudonyms in two
domains (two databases, two studies) under the same key. Every part before the last is
free of zero bytes, so the input is unambiguous.

Example:
    >>> nyckel = Nyckel(bytes(range(32)))  # a real key comes from Nyckel.skapa()
    >>> nyckel
    Nyckel(id='vdoldnkt')
    >>> ps = Pseudonymiserare(nyckel, doman="exempel")
    >>> from socialtjanst_variabler.identitet.personnummer import Personnummer
    >>> ps.person(Personnummer.parse("19121212-1212"))
    'vdoldnkt_gtjvxutcaj3gdq6h33rzdtz6jams6mux'
    >>> tio = Personnummer.parse("121212+1212")
    >>> ps.person(tio) == ps.person(Personnummer.parse("191212121212"))
    True
    >>> ps.arende("0180", "A-1")
    'vdoldnkt_ofm6xpvhztidu7ufwyxair7ilpv2eikz'
"""

from __future__ import annotations

import base64
import enum
import hashlib
import hmac
import json
import os
import re
import secrets
import stat
from collections.abc import Iterable, Iterator, Mapping
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, Final, NoReturn

import attrs

from socialtjanst_variabler._datum import plus_manader
from socialtjanst_variabler.errors import InvalidJson, InvalidValue, ValidationError
from socialtjanst_variabler.identitet.kommunkoder import KOMMUNER, validera_kommunkod

if TYPE_CHECKING:
    from socialtjanst_variabler.arende.modell import Arende
    from socialtjanst_variabler.identitet.personnummer import Personnummer

__all__ = [
    "FORMATVERSION",
    "NYCKEL_MILJO",
    "NYCKEL_MIN_BYTE",
    "PSEUDONYM_LANGD",
    "SCHEMA_ID",
    "STANDARDDOMAN",
    "InvalidNyckel",
    "InvalidPseudonym",
    "Kalla",
    "Nyckel",
    "NyckelKontroll",
    "OlikaNycklar",
    "PseudonymiseradRad",
    "Pseudonymiserare",
    "is_pseudonym",
    "jamfor",
    "las_pseudonymiserad",
    "nyckel_id",
    "pseudonymiserat_schema",
    "pseudonymiserat_schema_json",
    "skapa_nyckelfil",
    "skriv_rad",
]

#: The shortest key accepted, in bytes (256 bits, the size of SHA-256's output).
NYCKEL_MIN_BYTE: Final = 32
#: The longest key accepted, in bytes.
_NYCKEL_MAX_BYTE: Final = 512
#: The environment variable :meth:`Nyckel.fran_miljo` reads by default.
NYCKEL_MILJO: Final = "SOCIALTJANST_VARIABLER_NYCKEL"
#: The domain used when none is given (one collection per key).
STANDARDDOMAN: Final = "standard"
#: The version of the pseudonym construction and of the extract's form.
FORMATVERSION: Final = 1
#: Characters in a pseudonym, 8 (key id) + 1 + 32 (160 bits).
PSEUDONYM_LANGD: Final = 41
#: The ``$id`` of the pseudonymised extract's JSON Schema (stable per form version).
SCHEMA_ID: Final = f"urn:socialtjanst-variabler:pseudonymiserat-arende:{FORMATVERSION}"

# The key's text form (file and environment variable): this prefix, then the key as
# lowercase hex. The prefix tells a key from other secrets, and secret scanners can
# look for it.
_TEXT_PREFIX: Final = "svnyckel1:"
_HEX: Final = frozenset("0123456789abcdef")
_ID_ETIKETT: Final = b"socialtjanst-variabler/nyckel-id/1"
_ETIKETT: Final = b"socialtjanst-variabler/pseudonym/1"
_ID_BYTE, _PSEUDONYM_BYTE = 5, 20  # whole base32 characters: no padding, no spare bits
_FORM: Final = re.compile(r"[a-z2-7]{8}_[a-z2-7]{32}")
_DOMAN_MAX = 100
_FILSTORLEK_MAX = 4096


class InvalidNyckel(ValidationError):
    """A key that cannot be used; the message says why and never shows the key."""

    message = "ogiltig nyckel"


class InvalidPseudonym(ValidationError):
    """Text that is not a pseudonym of the form ``<nyckel-id>_<32 tecken>``."""

    message = (
        "inte en pseudonym: väntade 8 tecken nyckel-id, understreck och 32 tecken (a–z och 2–7)"
    )


class OlikaNycklar(ValidationError):
    """Pseudonyms made with different keys were to be compared or merged.

    Attributes:
        forvantad: the key id expected (the first seen).
        funnen: the key id that differs.
    """

    def __init__(self, forvantad: str, funnen: str) -> None:
        self.forvantad = forvantad
        self.funnen = funnen
        super().__init__(
            f"pseudonymer från olika nycklar kan inte jämföras eller slås samman: "
            f"nyckel-id {funnen} men {forvantad} väntades (samma person har olika "
            f"pseudonymer under olika nycklar)"
        )


def _b32(data: bytes) -> str:
    return base64.b32encode(data).decode("ascii").lower()


@attrs.frozen
class _Hemlighet:
    """Holds the key bytes; kept out of every repr, and out of pickles by Nyckel."""

    varde: bytes = attrs.field(repr=False)


class Nyckel:
    """A secret key for pseudonyms: at least 32 random bytes.

    Whoever holds it can recompute every pseudonym from a personnummer, so it is kept
    apart from the pseudonymised data. It never appears in ``repr()``, ``str()``, an
    error message or a pickle: only its :attr:`id` does.

    Create one with :meth:`skapa` or :func:`skapa_nyckelfil`; read one with
    :meth:`fran_fil`, :meth:`fran_miljo` or :meth:`fran_text`. The text form, in a file
    or an environment variable, is ``svnyckel1:`` followed by the key in lowercase hex
    (64 hex digits for 32 bytes), optionally followed by a line break.

    Example:
        >>> k = Nyckel.skapa()
        >>> len(k.id), repr(k) == f"Nyckel(id='{k.id}')"
        (8, True)
        >>> Nyckel(b"kort")  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        socialtjanst_variabler...InvalidNyckel: nyckeln är för kort: 4 byte, minst 32 krävs
    """

    __slots__ = ("_hemlighet", "_id")

    _hemlighet: _Hemlighet
    _id: str

    def __init__(self, nyckel: bytes) -> None:
        """Wrap the raw key bytes *nyckel* (at least :data:`NYCKEL_MIN_BYTE`)."""
        if type(nyckel) is not bytes:
            raise InvalidNyckel("nyckeln ska vara bytes")
        if len(nyckel) < NYCKEL_MIN_BYTE:
            raise InvalidNyckel(
                f"nyckeln är för kort: {len(nyckel)} byte, minst {NYCKEL_MIN_BYTE} krävs"
            )
        if len(nyckel) > _NYCKEL_MAX_BYTE:
            raise InvalidNyckel(f"nyckeln är för lång: högst {_NYCKEL_MAX_BYTE} byte")
        if len(set(nyckel)) == 1:
            raise InvalidNyckel("nyckeln är samma byte upprepad: skapa den med Nyckel.skapa()")
        object.__setattr__(self, "_hemlighet", _Hemlighet(nyckel))
        digest = hmac.new(nyckel, _ID_ETIKETT, hashlib.sha256).digest()
        object.__setattr__(self, "_id", _b32(digest[:_ID_BYTE]))

    @classmethod
    def skapa(cls) -> Nyckel:
        """A new random key of 32 bytes from the operating system's CSPRNG (``secrets``)."""
        return cls(secrets.token_bytes(NYCKEL_MIN_BYTE))

    @classmethod
    def fran_text(cls, text: str) -> Nyckel:
        """Read the text form ``svnyckel1:<hex>`` (white space around it is ignored)."""
        if type(text) is not str:
            raise InvalidNyckel("nyckelns textform ska vara en sträng")
        text = text.strip()
        if not text.startswith(_TEXT_PREFIX):
            raise InvalidNyckel(
                f"nyckeln ska börja med {_TEXT_PREFIX!r} följt av nyckeln i hex "
                "(skapa en med: socialtjanst-variabler nyckel skapa -o FIL)"
            )
        hexa = text[len(_TEXT_PREFIX) :]
        if not set(hexa) <= _HEX or len(hexa) % 2:
            raise InvalidNyckel(
                f"nyckeln efter {_TEXT_PREFIX!r} ska vara ett jämnt antal hexsiffror 0–9, a–f"
            )
        return cls(bytes.fromhex(hexa))

    @classmethod
    def fran_fil(cls, sokvag: str | os.PathLike[str]) -> Nyckel:
        """Read a key file written by :func:`skapa_nyckelfil` (or by hand, same form).

        On POSIX systems a file that others than its owner can read or write is refused,
        as ssh refuses such a private key: ``chmod 600 FIL``.
        """
        try:
            with Path(sokvag).open("rb") as fil:
                rattigheter = stat.S_IMODE(os.fstat(fil.fileno()).st_mode)
                data = fil.read(_FILSTORLEK_MAX + 1)
        except OSError as exc:
            orsak = "filen finns inte" if isinstance(exc, FileNotFoundError) else exc.strerror
            raise InvalidNyckel(f"kan inte läsa nyckelfilen {sokvag}: {orsak}") from None
        if os.name == "posix" and rattigheter & 0o077:
            raise InvalidNyckel(
                f"nyckelfilen {sokvag} kan läsas eller ändras av andra än ägaren "
                f"(rättigheter {rattigheter:04o}): kör chmod 600 på den"
            )
        if len(data) > _FILSTORLEK_MAX:
            raise InvalidNyckel(f"nyckelfilen {sokvag} är för stor för att vara en nyckel")
        if not data.isascii():
            raise InvalidNyckel(f"nyckelfilen {sokvag} innehåller annat än ASCII")
        return cls.fran_text(data.decode("ascii"))

    @classmethod
    def fran_miljo(
        cls, namn: str = NYCKEL_MILJO, *, miljo: Mapping[str, str] | None = None
    ) -> Nyckel:
        """Read the key's text form from the environment variable *namn*.

        Args:
            namn: the variable (default ``SOCIALTJANST_VARIABLER_NYCKEL``).
            miljo: the environment to read (default ``os.environ``).
        """
        text = (os.environ if miljo is None else miljo).get(namn)
        if text is None:
            raise InvalidNyckel(f"miljövariabeln {namn} är inte satt")
        return cls.fran_text(text)

    @property
    def id(self) -> str:
        """The key's public id (8 base32 characters), the prefix of its pseudonyms."""
        return self._id

    def _hmac(self, slag: str, doman: str, varde: bytes) -> str:
        meddelande = b"\0".join((_ETIKETT, slag.encode(), doman.encode(), varde))
        digest = hmac.digest(self._hemlighet.varde, meddelande, "sha256")
        return f"{self._id}_{_b32(digest[:_PSEUDONYM_BYTE])}"

    def kontrollera(self, pseudonym: str) -> str:
        """Return *pseudonym* if this key made it (judged by its key id), else raise.

        Raises:
            InvalidPseudonym: not of the pseudonym form.
            OlikaNycklar: another key's pseudonym.
        """
        funnen = nyckel_id(pseudonym)
        if funnen != self._id:
            raise OlikaNycklar(self._id, funnen)
        return pseudonym

    def __repr__(self) -> str:
        return f"Nyckel(id='{self._id}')"

    __str__ = __repr__

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Nyckel):
            return NotImplemented
        return hmac.compare_digest(self._hemlighet.varde, other._hemlighet.varde)

    def __hash__(self) -> int:
        return hash(self._id)

    def __setattr__(self, name: str, value: object) -> NoReturn:
        raise AttributeError("Nyckel kan inte ändras")

    def __reduce__(self) -> NoReturn:
        # A pickle would hold the key in the clear, wherever it is written.
        raise TypeError("en Nyckel kan inte picklas: läs den från fil eller miljövariabel")

    def __copy__(self) -> Nyckel:
        return self

    def __deepcopy__(self, memo: object) -> Nyckel:
        return self


def skapa_nyckelfil(sokvag: str | os.PathLike[str]) -> Nyckel:
    """Create a new random key and write its text form to a new file of mode 0600.

    An existing file is never overwritten: a lost key cannot be made again, and every
    pseudonym made with it would lose its link to new data.

    Raises:
        InvalidNyckel: the file exists or cannot be written.
    """
    nyckel = Nyckel.skapa()
    text = f"{_TEXT_PREFIX}{nyckel._hemlighet.varde.hex()}\n".encode("ascii")
    try:
        fd = os.open(sokvag, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except OSError as exc:
        orsak = "filen finns redan" if isinstance(exc, FileExistsError) else exc.strerror
        raise InvalidNyckel(f"kan inte skapa nyckelfilen {sokvag}: {orsak}") from None
    with os.fdopen(fd, "wb") as fil:
        fil.write(text)
    return nyckel


def is_pseudonym(text: object) -> bool:
    """Whether *text* has the form of a pseudonym (any key). Never raises.

    Example:
        >>> is_pseudonym("vdoldnkt_gtjvxutcaj3gdq6h33rzdtz6jams6mux"), is_pseudonym("A-1")
        (True, False)
    """
    return type(text) is str and _FORM.fullmatch(text) is not None


def nyckel_id(pseudonym: str) -> str:
    """The key id of *pseudonym*; :class:`InvalidPseudonym` if it is not one."""
    if not is_pseudonym(pseudonym):
        raise InvalidPseudonym()
    return pseudonym[:8]


def jamfor(a: str, b: str) -> bool:
    """Whether pseudonyms *a* and *b* are the same; refused across keys.

    Two pseudonyms of different keys are never equal even for the same person, so a
    plain ``==`` would silently answer "different persons".

    Raises:
        OlikaNycklar: *a* and *b* have different key ids.
    """
    ida, idb = nyckel_id(a), nyckel_id(b)
    if ida != idb:
        raise OlikaNycklar(ida, idb)
    return hmac.compare_digest(a, b)


class NyckelKontroll:
    """Checks that every pseudonym seen comes from one key (for merging extracts).

    Example:
        >>> kontroll = NyckelKontroll()
        >>> kontroll("vdoldnkt_gtjvxutcaj3gdq6h33rzdtz6jams6mux")
        'vdoldnkt_gtjvxutcaj3gdq6h33rzdtz6jams6mux'
        >>> try:
        ...     kontroll("aaaaaaaa_gtjvxutcaj3gdq6h33rzdtz6jams6mux")
        ... except OlikaNycklar as exc:
        ...     print(exc.forvantad, exc.funnen)
        vdoldnkt aaaaaaaa
    """

    def __init__(self, forvantad: str | None = None) -> None:
        """Expect the key id *forvantad*, or (None) the first one seen."""
        self.nyckel_id = forvantad

    def __call__(self, pseudonym: str) -> str:
        """Return *pseudonym* if its key id is the expected one, else raise."""
        funnen = nyckel_id(pseudonym)
        if self.nyckel_id is None:
            self.nyckel_id = funnen
        elif funnen != self.nyckel_id:
            raise OlikaNycklar(self.nyckel_id, funnen)
        return pseudonym


class Kalla(enum.Enum):
    """Where a pseudonymised extract's ``person_id`` comes from (``person_id_kalla``)."""

    #: From the personnummer or samordningsnummer, the same person in every municipality.
    PERSONNUMMER = "personnummer"
    #: From the vendor's own ``person_id`` (no personnummer), the same person within one
    #: municipality only.
    LOKAL = "lokal"
    #: From the ärende itself (no personnummer and no person key, as for a reservnummer or
    #: an anonymous client), so each such ärende counts as its own person.
    ARENDE = "arende"


def _doman(doman: object) -> str:
    if (
        type(doman) is not str
        or not 1 <= len(doman) <= _DOMAN_MAX
        or not doman.isprintable()
        or doman != doman.strip()
    ):
        raise InvalidValue(
            "doman",
            f"ska vara en text på 1–{_DOMAN_MAX} synliga tecken utan blanksteg först eller sist",
        )
    return doman


class Pseudonymiserare:
    """Makes the pseudonyms of one collection: one key, one domain.

    Every municipality that delivers to a collection uses the same key and domain, so
    that a person who moved between them is one person in the merged data.
    """

    def __init__(self, nyckel: Nyckel, *, doman: str = STANDARDDOMAN) -> None:
        if not isinstance(nyckel, Nyckel):
            raise InvalidNyckel("nyckeln ska vara en Nyckel")
        self.nyckel = nyckel
        self.doman = _doman(doman)

    def __repr__(self) -> str:
        return f"Pseudonymiserare(nyckel={self.nyckel!r}, doman={self.doman!r})"

    def person(self, personnummer: Personnummer) -> str:
        """The person's pseudonym, from the 12 digits of the personnummer.

        Takes a parsed
        :class:`~socialtjanst_variabler.identitet.personnummer.Personnummer`, never
        text: ``121212+1212`` and ``19121212-1212`` are one person only once parsed.
        """
        from socialtjanst_variabler.identitet.personnummer import Personnummer

        if type(personnummer) is not Personnummer:
            raise InvalidValue("personnummer", "ska vara en Personnummer (Personnummer.parse)")
        siffror = str(personnummer).replace("-", "")
        return self.nyckel._hmac("person", self.doman, siffror.encode("ascii"))

    def _lokal(self, slag: str, kommun: str, text: str, falt: str) -> str:
        validera_kommunkod(kommun)
        if type(text) is not str or not text:
            raise InvalidValue(falt, "ska vara en icke-tom sträng")
        return self.nyckel._hmac(slag, self.doman, f"{kommun}\0{text}".encode())

    def lokal_person(self, kommun: str, person_id: str) -> str:
        """The pseudonym of a client without personnummer, from the vendor's person key."""
        return self._lokal("person-lokal", kommun, person_id, "person_id")

    def person_for_arende(self, kommun: str, arende_id: str) -> str:
        """The person pseudonym of a client with no person key at all (from the ärende)."""
        return self._lokal("person-arende", kommun, arende_id, "id")

    def arende(self, kommun: str, arende_id: str) -> str:
        """The pseudonym of the ärende's case id (case ids are unique per municipality)."""
        return self._lokal("arende", kommun, arende_id, "id")

    def person_for(self, arende: Arende, kommun: str) -> tuple[str, Kalla]:
        """The person pseudonym of *arende* and where it comes from.

        The personnummer when there is one; else the vendor's ``person_id``; else the
        ärende itself.
        """
        if arende.personnummer is not None:
            return self.person(arende.personnummer), Kalla.PERSONNUMMER
        if arende.person_id is not None:
            return self.lokal_person(kommun, arende.person_id), Kalla.LOKAL
        return self.person_for_arende(kommun, arende.id), Kalla.ARENDE

    def pseudonymisera(self, arende: Arende, *, kommun: str) -> dict[str, Any]:
        """One line of the pseudonymised extract (a JSON-ready dict) for *arende*.

        The case id, personnummer and person key become pseudonyms; the birth date
        becomes ``fodelsear`` and ``fodelsemanad``; ``anonym`` is dropped (the source of
        the person key says what statistics need); every other field is kept as
        :func:`~socialtjanst_variabler.to_dict` writes it.
        """
        from socialtjanst_variabler.arende._serde import to_dict

        validera_kommunkod(kommun)
        _inga_okanda_lokala(arende)
        rad = to_dict(arende)
        for falt in _ERSATTS:
            rad.pop(falt, None)
        person_id, kalla = self.person_for(arende, kommun)
        rad["id"] = self.arende(kommun, arende.id)
        rad["person_id"] = person_id
        rad["person_id_kalla"] = kalla.value
        rad["kommun"] = kommun
        # to_dict leaves out what the personnummer gives back; here it is gone.
        if arende.juridiskt_kon is not None:
            rad["juridiskt_kon"] = arende.juridiskt_kon.value
        if arende.fodelsear is not None:
            rad["fodelsear"] = arende.fodelsear
        manad = _fodelsemanad(arende)
        if manad is not None:
            rad["fodelsemanad"] = manad
        return rad


def _inga_okanda_lokala(arende: Arende) -> None:
    """Refuse local values of an extension that was not loaded.

    They are unchecked JSON and may hold free text (a name, a personnummer), which must
    not leave the municipality under a pseudonym; read the extract with the extension.
    """
    from socialtjanst_variabler.arende.modell import alla_lokala

    okanda = sorted({uid for lv in alla_lokala(arende) for uid, _ in lv.okanda})
    if okanda:
        raise InvalidValue(
            "lokala",
            f"värden från en utökning som inte är laddad ({', '.join(okanda)}) är okontrollerade "
            "och kan innehålla fritext: läs uttaget med utökningens definition (--lokala)",
        )


def _fodelsemanad(arende: Arende) -> int | None:
    """The birth month when known: from the birth date, or from a samordningsnummer whose
    day alone is unknown (day 60: its birth dates all lie in one month)."""
    if arende.fodelsedatum is not None:
        return arende.fodelsedatum.month
    if arende.personnummer is not None:
        tidigast, senast = arende.personnummer.fodelsedatum_intervall
        if tidigast.month == senast.month:  # within one year: an unknown month spans it
            return tidigast.month
    return None


#: Fields of the ärende that never reach the pseudonymised extract as they are.
_ERSATTS: Final = frozenset(
    {"id", "person_id", "personnummer", "reservnummer", "anonym", "fodelsedatum", "fodelsear"}
)
#: Fields the pseudonymised extract adds to the ärende's.
_TILLAGDA: Final = ("kommun", "person_id_kalla", "fodelsemanad")


def skriv_rad(rad: Mapping[str, Any]) -> str:
    """One line of the extract as canonical JSON text (sorted keys, compact, UTF-8)."""
    return json.dumps(rad, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


# --- reading a pseudonymised extract --------------------------------------------------------


@attrs.frozen(kw_only=True)
class PseudonymiseradRad:
    """One line of a pseudonymised extract: exactly one of ``arende`` and ``fel`` is set.

    The ärende's ``id`` and ``person_id`` are the pseudonyms, its ``fodelsear`` the birth
    year; the fields the model has no place for are beside it.
    """

    radnummer: int
    kommun: str | None = None
    fodelsemanad: int | None = None
    person_id_kalla: Kalla | None = None
    arende: Arende | None = None
    fel: InvalidJson | None = None

    @property
    def fodelsedatum_intervall(self) -> tuple[date, date] | None:
        """The earliest and latest possible birth date (from the birth month, else the year).

        What age statistics need (an age at any date, or an interval of two ages in the
        birth month); None without a birth year.

        Example:
            >>> from socialtjanst_variabler.arende import Arende
            >>> rad = PseudonymiseradRad(radnummer=1, fodelsemanad=2, arende=Arende(
            ...     id="vdoldnkt_ofm6xpvhztidu7ufwyxair7ilpv2eikz", fodelsear=2024))
            >>> rad.fodelsedatum_intervall
            (datetime.date(2024, 2, 1), datetime.date(2024, 2, 29))
        """
        ar = self.arende.fodelsear if self.arende is not None else None
        if ar is None:
            return None
        if self.fodelsemanad is None:
            return date(ar, 1, 1), date(ar, 12, 31)
        forsta = date(ar, self.fodelsemanad, 1)
        return forsta, plus_manader(forsta, 1) - timedelta(days=1)


def _las_rad(data: object, kontroll: NyckelKontroll) -> tuple[str, int | None, Kalla, Arende]:
    from socialtjanst_variabler.arende._serde import from_dict

    if type(data) is not dict:
        raise InvalidJson(["ska vara ett JSON-objekt @ $"])
    problem: list[str] = []
    for falt in sorted((_ERSATTS - {"id", "person_id", "fodelsear"}) & data.keys()):
        problem.append(f"hör inte till den pseudonymiserade formen @ $.{falt}")
    kommun = data.pop("kommun", None)
    try:
        validera_kommunkod(kommun)
    except InvalidValue as exc:
        problem.append(f"{exc.rule} @ $.kommun")
    manad = data.pop("fodelsemanad", None)
    if manad is not None and (type(manad) is not int or not 1 <= manad <= 12):
        problem.append("ska vara en månad 1–12 @ $.fodelsemanad")
    kalla_text = data.pop("person_id_kalla", None)
    kalla = next((k for k in Kalla if k.value == kalla_text), None)
    if kalla is None:
        giltiga = ", ".join(k.value for k in Kalla)
        problem.append(f"ska vara en av {giltiga} @ $.person_id_kalla")
    for falt in ("id", "person_id"):
        try:
            kontroll(data.get(falt))  # type: ignore[arg-type]
        except ValidationError as exc:
            problem.append(f"{exc} @ $.{falt}")
    if problem:
        raise InvalidJson(problem)
    assert kalla is not None  # checked above, as kommun is
    assert type(kommun) is str
    return kommun, manad, kalla, from_dict(data)


def _json(nummer: int, rad: object) -> tuple[object, str | None]:
    """The JSON value of one line from the reader's line source, or what is wrong."""
    from socialtjanst_variabler.arende.jsonl import MAX_RADLANGD, _Lang

    if isinstance(rad, _Lang):
        return None, f"raden är längre än {MAX_RADLANGD} {rad.enhet} @ $"
    if isinstance(rad, (bytes, bytearray)):
        try:
            rad = rad.decode("utf-8-sig" if nummer == 1 else "utf-8")
        except UnicodeDecodeError:
            return None, "inte giltig UTF-8 @ $"
    if not isinstance(rad, str):
        return None, f"ingen rad: ett värde av typen {type(rad).__name__} @ $"
    if not rad or rad.isspace():
        return None, "tom rad @ $"
    try:
        return json.loads(rad), None
    except (ValueError, RecursionError):
        return None, "inte giltig JSON @ $"


def las_pseudonymiserad(
    source: BinaryIO | Iterable[bytes | str], *, nyckel_id: str | None = None
) -> Iterator[PseudonymiseradRad]:
    """Read a pseudonymised extract line by line, as ``las_jsonl`` reads an extract.

    A line that is not of the pseudonymised form (a personnummer or birth date in it, a
    pseudonym of another key than the file's first, an unknown kommunkod) is reported
    with its line number, never dropped silently. A kept error holds no traceback (whose
    frames would hold the line).

    Args:
        source: a file (binary or text), or an iterable of lines.
        nyckel_id: the key id every pseudonym must carry (default: the first line's).
    """
    from socialtjanst_variabler.arende.jsonl import _rader

    kontroll = NyckelKontroll(nyckel_id)
    for nummer, rad in enumerate(_rader(source), start=1):
        data, problem = _json(nummer, rad)
        if problem is not None:
            yield PseudonymiseradRad(radnummer=nummer, fel=InvalidJson([problem]))
            continue
        try:
            kommun, manad, kalla, arende = _las_rad(data, kontroll)
        except InvalidJson as exc:
            yield PseudonymiseradRad(radnummer=nummer, fel=exc.with_traceback(None))
            continue
        yield PseudonymiseradRad(
            radnummer=nummer,
            kommun=kommun,
            fodelsemanad=manad,
            person_id_kalla=kalla,
            arende=arende,
        )


# --- the JSON Schema ------------------------------------------------------------------------


def pseudonymiserat_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of one line of a pseudonymised extract.

    Derived from the ärende's schema (:func:`~socialtjanst_variabler.arende.schema.arende_schema`):
    the identity fields are gone, ``id`` and ``person_id`` are pseudonyms, and
    ``kommun``, ``person_id_kalla``, ``fodelsear`` and ``fodelsemanad`` are added. The
    package ships it as ``schemas/pseudonymiserat-arende.schema.json``.
    """
    from socialtjanst_variabler.arende.schema import arende_schema

    bas = arende_schema()
    defs: dict[str, Any] = bas["$defs"]
    arende = defs.pop("Arende")
    egenskaper = {k: v for k, v in arende["properties"].items() if k not in _ERSATTS}
    pseudonym = {"$ref": "#/$defs/Pseudonym"}
    egenskaper |= {
        "id": pseudonym | {"description": "Ärendets id, pseudonymiserat"},
        "person_id": pseudonym | {"description": "Personens pseudonym"},
        "person_id_kalla": {"enum": [k.value for k in Kalla]},
        "kommun": {"$ref": "#/$defs/Kommunkod"},
        "fodelsear": {"type": "integer", "minimum": 1800, "maximum": 9999},
        "fodelsemanad": {"type": "integer", "minimum": 1, "maximum": 12},
    }
    defs["PseudonymiseratArende"] = {
        "type": "object",
        "title": "PseudonymiseratArende",
        "properties": dict(sorted(egenskaper.items())),
        "required": ["id", "kommun", "person_id", "person_id_kalla"],
        "dependentRequired": {"fodelsemanad": ["fodelsear"]},
        "additionalProperties": False,
    }
    defs["Pseudonym"] = {
        "type": "string",
        "pattern": "^[a-z2-7]{8}_[a-z2-7]{32}$",
        "minLength": PSEUDONYM_LANGD,
        "maxLength": PSEUDONYM_LANGD,
        "description": "nyckel-id (8 tecken), understreck, HMAC-SHA256 (160 bitar) i base32",
    }
    defs["Kommunkod"] = {
        "type": "string",
        "enum": list(KOMMUNER),
        "description": "SCB:s kommunkod (fyra siffror)",
    }
    return {
        "$schema": bas["$schema"],
        "$id": SCHEMA_ID,
        "title": f"Pseudonymiserat ärende, form {FORMATVERSION} (socialtjanst-variabler)",
        "$ref": "#/$defs/PseudonymiseratArende",
        "$defs": dict(sorted(defs.items())),
    }


def pseudonymiserat_schema_json() -> str:
    """:func:`pseudonymiserat_schema` as the deterministic text of the shipped file."""
    return json.dumps(pseudonymiserat_schema(), ensure_ascii=False, indent=2) + "\n"
