"""Local variables: a municipality's extension of SKL-2019, declared in a TOML file.

A definition file declares one extension (``[utokning]``): its id (a namespace), name,
version and the spec it builds on; its local variables (``[[variabel]]``), numbered
``L1``, ``L2`` … so that no number can ever collide with 1–20 or B1a–B5; its local value
sets (``[[vardemangd]]``), whose codes may roll up to a national code (a local
subdivision of Insatstyp still counts under its national code); and the national
variables it does not use (``anvands_inte``). :func:`las_definition` loads it into an
:class:`Utokning` whose value sets are real enums with the national surface (``label``,
``from_code``, ``from_label``, ``choices``). The format is documented in the docs
(``lokala``) and as a JSON Schema (``schemas/lokal-definition.schema.json``).

Example:
    >>> from socialtjanst_variabler.lokala import exempel, las_definition
    >>> suv = las_definition(exempel("suv39"))
    >>> v = suv.variabel("L39")
    >>> v.namn, v.processteg.label, v.niva.value
    ('Barns bevitnat våld', 'Utreda', 'arende')
    >>> v.vardemangd.from_code(2).label
    'Ja, under det senaste året'
"""

from __future__ import annotations

import enum
import keyword
import os
import re
import tomllib
import unicodedata
from collections.abc import Mapping
from pathlib import Path
from typing import Any, ClassVar, Self, TypeVar, cast

import attrs

from socialtjanst_variabler.arende._lokala import ID_MONSTER, NUMMER_MONSTER, ar_id, ar_nummer
from socialtjanst_variabler.errata import NAMN_ERRATA
from socialtjanst_variabler.katalog import KATALOG, SPEC_VERSION, Dataformat, Variabel
from socialtjanst_variabler.lokala import fel
from socialtjanst_variabler.lokala._rader import Sokvag, nyckelrader, rad_for
from socialtjanst_variabler.processteg import Processteg
from socialtjanst_variabler.vardemangder import TILLAGG_VARDEMANGDER, VARDEMANGDER, Vardemangd

__all__ = [
    "DATAFORMAT",
    "ID_MONSTER",
    "NUMMER_MONSTER",
    "LokalVardemangd",
    "LokalVariabel",
    "Niva",
    "Utokning",
    "las_definition",
]

_VERSION = re.compile(r"^[0-9]+(\.[0-9]+){0,2}$")
_VARDEMANGDNAMN = re.compile(r"^[A-Z][A-Za-z0-9]{0,62}$")
_KONSTANT = re.compile(r"^[A-Z][A-Z0-9_]{0,79}$")

#: The data formats a local variable may have. A personnummer is not one: the ärende
#: already holds the identity, and a second copy would spread it.
DATAFORMAT: tuple[Dataformat, ...] = (
    Dataformat.ENKELVAL,
    Dataformat.FLERVAL,
    Dataformat.DATUM,
    Dataformat.HELTAL,
)


class Niva(enum.StrEnum):
    """Where in the record model a local variable is recorded."""

    ARENDE = "arende"
    INSATS = "insats"
    UPPFOLJNING = "uppfoljning"
    AVSLUT = "avslut"

    @property
    def label(self) -> str:
        """Swedish name of the level."""
        return _NIVA_LABEL[self]

    @property
    def falt(self) -> str:
        """The level's path in the model (``""`` is the ärende), as in the catalog's
        :attr:`~socialtjanst_variabler.katalog.Variabel.falt`."""
        return _NIVA_FALT[self]

    @property
    def processteg(self) -> tuple[Processteg, ...]:
        """The steps recorded at this level, as for the national variables."""
        return _NIVA_STEG[self]


_NIVA_LABEL = {
    Niva.ARENDE: "Ärende",
    Niva.INSATS: "Insats",
    Niva.UPPFOLJNING: "Uppföljning",
    Niva.AVSLUT: "Avslut",
}
_NIVA_FALT = {
    Niva.ARENDE: "",
    Niva.INSATS: "insatser[]",
    Niva.UPPFOLJNING: "insatser[].uppfoljningar[]",
    Niva.AVSLUT: "insatser[].avslut",
}
_NIVA_STEG = {
    Niva.ARENDE: (Processteg.AKTUALISERA, Processteg.UTREDA),
    Niva.INSATS: (Processteg.BESLUTA, Processteg.UTFORMA_UPPDRAG, Processteg.GENOMFORA),
    Niva.UPPFOLJNING: (Processteg.FOLJA_UPP,),
    Niva.AVSLUT: (Processteg.AVSLUTA,),
}


class LokalVardemangd(Vardemangd):
    """A local value set: the national surface, plus an optional national parent code.

    Built by :func:`las_definition` with the functional Enum API, or written out by the
    generator (``socialtjanst-variabler lokala generera``). A member of a roll-up value
    set has ``overordnad``, the national member it counts under.

    Attributes:
        utokning: the id of the extension that defines it (class attribute).
        overordnad_vardemangd: the national value set its codes roll up to, or None.
        beskrivning: the definition file's description of the value set, or None.
    """

    overordnad: Vardemangd | None
    utokning: ClassVar[str]
    overordnad_vardemangd: ClassVar[type[Vardemangd] | None]
    beskrivning: ClassVar[str | None]

    def __new__(
        cls,
        kod: int,
        label: str = "",
        definition: str | None = None,
        overordnad: Vardemangd | None = None,
    ) -> Self:
        if not label:
            raise TypeError(f"{cls.__name__}: code {kod} has no label")
        member = int.__new__(cls, kod)
        member._value_ = kod
        member.label = label
        member.definition = definition
        member.retired = False
        member.overordnad = overordnad
        return member

    @property
    def nationell(self) -> Vardemangd | None:
        """The national member this code counts under (a roll-up code), else None."""
        return self.overordnad


@attrs.frozen(kw_only=True)
class LokalVariabel:
    """One local variable of an extension.

    Attributes:
        utokning: the extension's id.
        nummer: ``L1`` … (unique within the extension).
        namn: its name.
        processteg: the step where it is recorded.
        niva: the level of the model that holds it.
        dataformat: enkelval, flerval, datum or heltal.
        vardemangd: a local or national value set (choice formats), else None.
        fraga: the question put to the client or the caseworker, if any.
        beskrivning: explanatory text, if any.
        minst, hogst: bounds of a heltal, if any.
    """

    utokning: str
    nummer: str
    namn: str
    processteg: Processteg
    niva: Niva
    dataformat: Dataformat
    vardemangd: type[Vardemangd] | None = None
    fraga: str | None = None
    beskrivning: str | None = None
    minst: int | None = None
    hogst: int | None = None

    @property
    def referens(self) -> str:
        """The variable's unique name across extensions, ``<id>:<nummer>``."""
        return f"{self.utokning}:{self.nummer}"

    @property
    def flerval(self) -> bool:
        """True when several codes may be chosen."""
        return self.dataformat is Dataformat.FLERVAL


@attrs.frozen(kw_only=True)
class Utokning:
    """A loaded extension (utökning): local variables and value sets under one id.

    Attributes:
        id: the namespace, e.g. ``se.kommun.0180.fia``.
        namn: its name.
        version: its version (``N``, ``N.N`` or ``N.N.N``).
        bygger_pa: the spec it extends (``SKL-2019``).
        beskrivning, kalla: free text, and where the content comes from.
        variabler: the local variables, in file order.
        vardemangder: the local value sets, in file order.
        anvands_inte: numbers of the national variables not used, in catalog order.
    """

    id: str
    namn: str
    version: str
    bygger_pa: str
    beskrivning: str | None = None
    kalla: str | None = None
    variabler: tuple[LokalVariabel, ...] = ()
    vardemangder: tuple[type[LokalVardemangd], ...] = ()
    anvands_inte: tuple[str, ...] = ()

    def variabel(self, nummer: str) -> LokalVariabel:
        """The local variable with *nummer* (``L1`` or ``<id>:L1``).

        Raises:
            LookupError: no such variable in this extension.
        """
        lokalt = nummer.removeprefix(f"{self.id}:")
        for v in self.variabler:
            if v.nummer == lokalt:
                return v
        raise LookupError(f"ingen lokal variabel {nummer!r} i utökningen {self.id}")

    def variabler_pa(self, niva: Niva) -> tuple[LokalVariabel, ...]:
        """The local variables recorded at *niva*, in file order."""
        return tuple(v for v in self.variabler if v.niva is niva)

    def anvands(self, nummer: str) -> bool:
        """False for a national variable the municipality declared it does not use."""
        return nummer not in self.anvands_inte


def rulla_upp(member: Vardemangd) -> Vardemangd:
    """The national code that *member* counts under: itself unless it is a roll-up code.

    Example:
        >>> from socialtjanst_variabler.lokala import exempel, las_definition
        >>> fia = las_definition(exempel("fia"))
        >>> kod = fia.variabel("L2").vardemangd.from_code(1101)
        >>> kod.label, rulla_upp(kod).label
        ('Försörjningsstöd – med FIA-kartläggning', 'Försörjningsstöd (4 kap. 3 § SoL)')
    """
    if isinstance(member, LokalVardemangd) and member.overordnad is not None:
        return member.overordnad
    return member


# --- loading ---------------------------------------------------------------------------------

_NATIONELLA_VARDEMANGDER: dict[str, type[Vardemangd]] = {vm.__name__: vm for vm in VARDEMANGDER}
#: Names a local value set may not take: the national ones, the library additions the
#: model is getting, and the names a generated module uses itself.
_RESERVERADE = frozenset(
    {
        *_NATIONELLA_VARDEMANGDER,
        *(vm.__name__ for vm in TILLAGG_VARDEMANGDER),
        "Aktualiseringsorsak",
        "Kvalitetsomrade",
        "Processteg",
        "Dataformat",
        "Vardemangd",
        "LokalVardemangd",
        "Final",
        "TypedDict",
        "ArendeVarden",
        "InsatsVarden",
        "UppfoljningVarden",
        "AvslutVarden",
    }
)
_NATIONELLA_NAMN: dict[str, Variabel] = {v.namn.casefold(): v for v in KATALOG} | {
    e.original.casefold(): v for e in NAMN_ERRATA for v in KATALOG if v.nummer == e.variabel
}
_NATIONELLA_NUMMER = {v.nummer.casefold() for v in KATALOG}

_NYCKLAR_UTOKNING = {
    "id": True,
    "namn": True,
    "version": True,
    "bygger_pa": True,
    "beskrivning": False,
    "kalla": False,
    "anvands_inte": False,
}
_NYCKLAR_VARIABEL = {
    "nummer": True,
    "namn": True,
    "processteg": True,
    "niva": True,
    "dataformat": True,
    "vardemangd": False,
    "fraga": False,
    "beskrivning": False,
    "minst": False,
    "hogst": False,
}
_NYCKLAR_VARDEMANGD = {"namn": True, "koder": True, "overordnad": False, "beskrivning": False}
_NYCKLAR_KOD = {
    "kod": True,
    "etikett": True,
    "konstant": False,
    "definition": False,
    "overordnad_kod": False,
}
_NYCKLAR_FIL = {"utokning": True, "variabel": False, "vardemangd": False}

_T = TypeVar("_T")
_TYPNAMN: dict[type, str] = {
    str: "en sträng",
    int: "ett heltal",
    list: "en lista",
    dict: "en tabell",
}


def _visa(sokvag: Sokvag) -> str:
    text = ""
    for del_ in sokvag:
        text += f"[{del_}]" if isinstance(del_, int) else (f".{del_}" if text else del_)
    return text


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def konstant_for(etikett: str) -> str:
    """The Python constant derived from a label: ASCII-folded, upper case, ``_`` between.

    Example:
        >>> konstant_for("Ja, tidigare men inte under senaste året")
        'JA_TIDIGARE_MEN_INTE_UNDER_SENASTE_ARET'
        >>> konstant_for("0–17 år")
        'K_0_17_AR'
    """
    # Accents go (å -> a); any other non-ASCII character separates words, like a space.
    ascii_ = "".join(
        c if c.isascii() else ("" if unicodedata.combining(c) else " ")
        for c in unicodedata.normalize("NFKD", etikett)
    )
    ord_ = re.findall(r"[A-Za-z0-9]+", ascii_)
    namn = "_".join(ord_).upper()
    return namn if namn[:1].isalpha() else f"K_{namn}".rstrip("_")


class _Lasare:
    """One load: the parsed data, the key lines, and a helper per kind of check."""

    def __init__(self, data: dict[str, Any], text: str, kalla: str) -> None:
        self.data = data
        self.kalla = kalla
        self._text = text

    def rad(self, sokvag: Sokvag) -> int | None:
        # Only when there is an error to place: a load raises at its first error.
        return rad_for(nyckelrader(self._text), sokvag)

    def fel(
        self, typ: type[fel.DefinitionError], sokvag: Sokvag, regel: str
    ) -> fel.DefinitionError:
        return typ(kalla=self.kalla, rad=self.rad(sokvag), nyckel=_visa(sokvag), regel=regel)

    def tabell(self, varde: object, sokvag: Sokvag, nycklar: Mapping[str, bool]) -> dict[str, Any]:
        if not isinstance(varde, dict):
            raise self.fel(fel.WrongType, sokvag, f"ska vara en tabell, inte {_typ(varde)}")
        for nyckel in varde:
            if nyckel not in nycklar:
                kanda = ", ".join(nycklar)
                raise self.fel(
                    fel.UnknownKey, (*sokvag, nyckel), f"okänd nyckel (kända nycklar: {kanda})"
                )
        for nyckel, kravs in nycklar.items():
            if kravs and nyckel not in varde:
                raise self.fel(fel.MissingKey, sokvag, f"nyckeln {nyckel!r} saknas")
        return varde

    def varde(self, tabell: Mapping[str, Any], sokvag: Sokvag, nyckel: str, typ: type[_T]) -> _T:
        varde = tabell[nyckel]
        if not isinstance(varde, typ) or isinstance(varde, bool):
            raise self.fel(
                fel.WrongType,
                (*sokvag, nyckel),
                f"ska vara {_TYPNAMN[typ]}, inte {_typ(varde)}",
            )
        return varde

    def valfri(
        self, tabell: Mapping[str, Any], sokvag: Sokvag, nyckel: str, typ: type[_T]
    ) -> _T | None:
        return self.varde(tabell, sokvag, nyckel, typ) if nyckel in tabell else None

    def text(self, tabell: Mapping[str, Any], sokvag: Sokvag, nyckel: str) -> str:
        varde = _nfc(self.varde(tabell, sokvag, nyckel, str))
        if not varde.strip() or varde != varde.strip():
            raise self.fel(
                fel.InvalidLabel,
                (*sokvag, nyckel),
                "texten får inte vara tom eller börja eller sluta med blanksteg",
            )
        return varde

    def valfri_text(self, tabell: Mapping[str, Any], sokvag: Sokvag, nyckel: str) -> str | None:
        return self.text(tabell, sokvag, nyckel) if nyckel in tabell else None

    def lista(self, tabell: Mapping[str, Any], sokvag: Sokvag, nyckel: str) -> list[Any]:
        return self.varde(tabell, sokvag, nyckel, list) if nyckel in tabell else []


def _typ(varde: object) -> str:
    if isinstance(varde, bool):
        return "ett sanningsvärde"
    for typ, namn in _TYPNAMN.items():
        if isinstance(varde, typ):
            return namn
    return f"ett värde av typen {type(varde).__name__}"


def _las_text(kalla: str | os.PathLike[str]) -> tuple[str, str]:
    if isinstance(kalla, str):
        return kalla, "<text>"
    namn = os.fspath(kalla)
    data = Path(kalla).read_bytes()
    try:
        return data.decode("utf-8"), namn
    except UnicodeDecodeError as exc:
        rad = data[: exc.start].count(b"\n") + 1
        raise fel.InvalidEncoding(
            kalla=namn, rad=rad, nyckel="", regel="filen är inte UTF-8"
        ) from None


def las_definition(kalla: str | os.PathLike[str] | Mapping[str, Any]) -> Utokning:
    """Load and check a definition file: a path (``pathlib.Path``) or TOML text.

    A :class:`str` is the TOML text itself; pass a ``pathlib.Path`` for a file. A
    mapping is the definition as data, keyed like the file (as in the catalog export, or
    :func:`~socialtjanst_variabler.lokala.generera.till_data`); its errors have no line.

    Raises:
        DefinitionError: a subclass per kind of mistake (see
            :mod:`socialtjanst_variabler.lokala.fel`), naming line, key and rule.
        OSError: the file cannot be read.
    """
    if isinstance(kalla, Mapping):
        return _bygg(_Lasare(dict(kalla), "", "<data>"))
    text, namn = _las_text(kalla)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        traff = re.search(r"at line (\d+)", str(exc))
        rad = int(traff.group(1)) if traff else text.count("\n") + 1
        regel = re.sub(r"\s*\(at .*\)$", "", str(exc))
        raise fel.TomlSyntaxError(
            kalla=namn, rad=rad, nyckel="", regel=f"ogiltig TOML: {regel}"
        ) from None
    return _bygg(_Lasare(data, text, namn))


def _bygg(las: _Lasare) -> Utokning:
    las.tabell(las.data, (), _NYCKLAR_FIL)
    u = las.tabell(las.data["utokning"], ("utokning",), _NYCKLAR_UTOKNING)
    sok: Sokvag = ("utokning",)
    uid = las.varde(u, sok, "id", str)
    if not ar_id(uid) or uid.casefold() == SPEC_VERSION.casefold():
        raise las.fel(
            fel.InvalidExtensionId,
            (*sok, "id"),
            f"{uid!r} är inget giltigt id: små bokstäver a–z, siffror och bindestreck i "
            "delar åtskilda av punkt, första tecknet en bokstav, t.ex. 'se.kommun.0180.fia'",
        )
    version = las.varde(u, sok, "version", str)
    if not _VERSION.match(version):
        raise las.fel(
            fel.InvalidVersion, (*sok, "version"), f"{version!r}: skriv N, N.N eller N.N.N"
        )
    spec = las.varde(u, sok, "bygger_pa", str)
    if spec != SPEC_VERSION:
        raise las.fel(
            fel.UnknownSpec,
            (*sok, "bygger_pa"),
            f"okänd specifikation {spec!r} (biblioteket har {SPEC_VERSION})",
        )
    anvands_inte = _anvands_inte(las)
    lokala = _vardemangder(las, uid, anvands_inte)
    variabler = _variabler(las, uid, lokala)
    anvanda = {v.vardemangd for v in variabler}
    for n, vm in enumerate(lokala.values()):
        if vm not in anvanda:
            raise las.fel(
                fel.UnusedValueSet,
                ("vardemangd", n, "namn"),
                f"värdemängden {vm.__name__} används inte av någon lokal variabel",
            )
    return Utokning(
        id=uid,
        namn=las.text(u, sok, "namn"),
        version=version,
        bygger_pa=spec,
        beskrivning=las.valfri_text(u, sok, "beskrivning"),
        kalla=las.valfri_text(u, sok, "kalla"),
        variabler=variabler,
        vardemangder=tuple(lokala.values()),
        anvands_inte=anvands_inte,
    )


def _anvands_inte(las: _Lasare) -> tuple[str, ...]:
    sok: Sokvag = ("utokning", "anvands_inte")
    sedda: set[str] = set()
    for n, nummer in enumerate(las.lista(las.data["utokning"], ("utokning",), "anvands_inte")):
        if not isinstance(nummer, str):
            raise las.fel(
                fel.WrongType, (*sok, n), "ska vara ett variabelnummer som sträng, t.ex. '8'"
            )
        if nummer not in {v.nummer for v in KATALOG}:
            raise las.fel(
                fel.UnknownNationalVariable,
                (*sok, n),
                f"{nummer!r} är ingen nationell variabel (1–20, B1a, B1b, B2–B5)",
            )
        if nummer in sedda:
            raise las.fel(fel.DuplicateEntry, (*sok, n), f"variabel {nummer} står två gånger")
        sedda.add(nummer)
    return tuple(v.nummer for v in KATALOG if v.nummer in sedda)


def _vardemangder(
    las: _Lasare, uid: str, anvands_inte: tuple[str, ...]
) -> dict[str, type[LokalVardemangd]]:
    out: dict[str, type[LokalVardemangd]] = {}
    for n, post in enumerate(las.lista(las.data, (), "vardemangd")):
        sok: Sokvag = ("vardemangd", n)
        t = las.tabell(post, sok, _NYCKLAR_VARDEMANGD)
        namn = las.varde(t, sok, "namn", str)
        if namn in _RESERVERADE:
            raise las.fel(
                fel.ShadowsNational,
                (*sok, "namn"),
                f"{namn} är ett nationellt eller reserverat namn; en lokal värdemängd får "
                "aldrig skugga en nationell",
            )
        if not _VARDEMANGDNAMN.match(namn):
            raise las.fel(
                fel.InvalidName,
                (*sok, "namn"),
                f"{namn!r}: skriv namnet som ett ord med stor begynnelsebokstav, bara A–Z, "
                "a–z och 0–9, t.ex. 'FiaLivsomrade'",
            )
        if namn in out:
            raise las.fel(fel.DuplicateName, (*sok, "namn"), f"värdemängden {namn} finns redan")
        overordnad: type[Vardemangd] | None = None
        if "overordnad" in t:
            parent = las.varde(t, sok, "overordnad", str)
            if parent not in _NATIONELLA_VARDEMANGDER:
                raise las.fel(
                    fel.UnknownParent,
                    (*sok, "overordnad"),
                    f"{parent!r} är ingen nationell värdemängd",
                )
            overordnad = _NATIONELLA_VARDEMANGDER[parent]
            anvandare = [v.nummer for v in KATALOG if v.vardemangd is overordnad]
            if all(nummer in anvands_inte for nummer in anvandare):
                raise las.fel(
                    fel.ParentNotUsed,
                    (*sok, "overordnad"),
                    f"koderna rullas upp till {parent}, men variabel "
                    f"{', '.join(anvandare)} står under anvands_inte",
                )
        medlemmar = _koder(las, sok, t, overordnad)
        klass = cast(
            "type[LokalVardemangd]",
            cast(Any, LokalVardemangd)(namn, medlemmar, module=__name__, qualname=namn),
        )
        klass.utokning = uid
        klass.overordnad_vardemangd = overordnad
        klass.beskrivning = las.valfri_text(t, sok, "beskrivning")
        out[namn] = klass
    return out


def _koder(
    las: _Lasare, sok: Sokvag, t: Mapping[str, Any], overordnad: type[Vardemangd] | None
) -> list[tuple[str, tuple[int, str, str | None, Vardemangd | None]]]:
    koder = las.varde(t, sok, "koder", list)
    if not koder:
        raise las.fel(fel.MissingKey, (*sok, "koder"), "värdemängden har inga koder")
    medlemmar: list[tuple[str, tuple[int, str, str | None, Vardemangd | None]]] = []
    sedda_koder: set[int] = set()
    sedda_etiketter: set[str] = set()
    sedda_konstanter: set[str] = set()
    nationella_etiketter = {m.label.casefold() for m in overordnad or ()}
    for n, post in enumerate(koder):
        ksok: Sokvag = (*sok, "koder", n)
        k = las.tabell(post, ksok, _NYCKLAR_KOD)
        kod = las.varde(k, ksok, "kod", int)
        if not 1 <= kod <= 999_999:
            raise las.fel(fel.InvalidLocalCode, (*ksok, "kod"), f"{kod}: en kod är 1–999999")
        if kod in sedda_koder:
            raise las.fel(fel.DuplicateCode, (*ksok, "kod"), f"koden {kod} finns redan")
        if overordnad is not None and kod in overordnad._value2member_map_:
            raise las.fel(
                fel.ShadowsNational,
                (*ksok, "kod"),
                f"{kod} är en nationell kod i {overordnad.__name__}; en finare lokal kod "
                "måste ha ett eget nummer (t.ex. 1101 under 11)",
            )
        etikett = las.text(k, ksok, "etikett")
        if etikett.casefold() in sedda_etiketter:
            raise las.fel(
                fel.DuplicateLabel, (*ksok, "etikett"), f"etiketten {etikett!r} finns redan"
            )
        if etikett.casefold() in nationella_etiketter:
            raise las.fel(
                fel.ShadowsNational,
                (*ksok, "etikett"),
                f"{etikett!r} är en nationell etikett i {_namn(overordnad)}; en finare kod "
                "måste ha en egen etikett",
            )
        konstant = _konstant(las, ksok, k, etikett)
        if konstant in sedda_konstanter:
            raise las.fel(
                fel.DuplicateConstant,
                (*ksok, "konstant" if "konstant" in k else "etikett"),
                f"konstanten {konstant} finns redan; ange en egen med nyckeln 'konstant'",
            )
        parent = _overordnad_kod(las, ksok, k, overordnad)
        sedda_koder.add(kod)
        sedda_etiketter.add(etikett.casefold())
        sedda_konstanter.add(konstant)
        medlemmar.append((konstant, (kod, etikett, las.valfri_text(k, ksok, "definition"), parent)))
    return medlemmar


def _konstant(las: _Lasare, ksok: Sokvag, k: Mapping[str, Any], etikett: str) -> str:
    konstant = las.valfri(k, ksok, "konstant", str)
    if konstant is None:
        return konstant_for(etikett)
    if not _KONSTANT.match(konstant) or keyword.iskeyword(konstant):
        raise las.fel(
            fel.InvalidConstant,
            (*ksok, "konstant"),
            f"{konstant!r}: versaler A–Z, siffror och _, första tecknet en bokstav",
        )
    return konstant


def _overordnad_kod(
    las: _Lasare, ksok: Sokvag, k: Mapping[str, Any], overordnad: type[Vardemangd] | None
) -> Vardemangd | None:
    if "overordnad_kod" not in k:
        if overordnad is not None:
            raise las.fel(
                fel.MissingParentCode,
                ksok,
                f"koden {k['kod']} saknar 'overordnad_kod': varje kod ska räknas under en "
                f"kod i {overordnad.__name__}",
            )
        return None
    if overordnad is None:
        raise las.fel(
            fel.UnexpectedParentCode,
            (*ksok, "overordnad_kod"),
            "värdemängden har ingen 'overordnad' att rulla upp till",
        )
    pkod = las.varde(k, ksok, "overordnad_kod", int)
    parent: Vardemangd | None = overordnad._value2member_map_.get(pkod)  # type: ignore[assignment]
    if parent is None:
        raise las.fel(
            fel.UnknownParentCode,
            (*ksok, "overordnad_kod"),
            f"{pkod} är ingen kod i {overordnad.__name__}",
        )
    return parent


def _namn(vm: type[Vardemangd] | None) -> str:
    return vm.__name__ if vm else ""


def _variabler(
    las: _Lasare, uid: str, lokala: Mapping[str, type[LokalVardemangd]]
) -> tuple[LokalVariabel, ...]:
    out: list[LokalVariabel] = []
    for n, post in enumerate(las.lista(las.data, (), "variabel")):
        sok: Sokvag = ("variabel", n)
        t = las.tabell(post, sok, _NYCKLAR_VARIABEL)
        nummer = las.varde(t, sok, "nummer", str)
        if not ar_nummer(nummer):
            nationellt = nummer.casefold() in _NATIONELLA_NUMMER
            raise las.fel(
                fel.InvalidNumber,
                (*sok, "nummer"),
                f"{nummer!r}"
                + (" är ett nationellt nummer" if nationellt else "")
                + ": en lokal variabel numreras L1, L2 … (L och 1–9999)",
            )
        if any(v.nummer == nummer for v in out):
            raise las.fel(fel.DuplicateNumber, (*sok, "nummer"), f"{nummer} finns redan")
        namn = las.text(t, sok, "namn")
        if namn.casefold() in _NATIONELLA_NAMN:
            nat = _NATIONELLA_NAMN[namn.casefold()]
            raise las.fel(
                fel.ShadowsNational,
                (*sok, "namn"),
                f"{namn!r} är namnet på den nationella variabel {nat.nummer}",
            )
        if any(v.namn.casefold() == namn.casefold() for v in out):
            raise las.fel(fel.DuplicateName, (*sok, "namn"), f"variabeln {namn!r} finns redan")
        steg = las.varde(t, sok, "processteg", int)
        if not 1 <= steg <= 7:
            raise las.fel(fel.InvalidStep, (*sok, "processteg"), f"{steg}: processteg är 1–7")
        niva_text = las.varde(t, sok, "niva", str)
        if niva_text not in Niva._value2member_map_:
            raise las.fel(
                fel.InvalidLevel,
                (*sok, "niva"),
                f"{niva_text!r}: välj arende, insats, uppfoljning eller avslut",
            )
        niva = Niva(niva_text)
        processteg = Processteg(steg)
        if processteg not in niva.processteg:
            tillatna = ", ".join(f"{s.value} {s.label}" for s in niva.processteg)
            raise las.fel(
                fel.StepNotAtLevel,
                (*sok, "processteg"),
                f"processteg {steg} {processteg.label} registreras inte på nivån "
                f"{niva.value} (där: {tillatna})",
            )
        dataformat = _dataformat(las, sok, t)
        vardemangd = _variabelns_vardemangd(las, sok, t, dataformat, lokala)
        minst = las.valfri(t, sok, "minst", int)
        hogst = las.valfri(t, sok, "hogst", int)
        if minst is not None and hogst is not None and minst > hogst:
            raise las.fel(fel.InvalidRange, (*sok, "minst"), f"minst {minst} > hogst {hogst}")
        out.append(
            LokalVariabel(
                utokning=uid,
                nummer=nummer,
                namn=namn,
                processteg=processteg,
                niva=niva,
                dataformat=dataformat,
                vardemangd=vardemangd,
                fraga=las.valfri_text(t, sok, "fraga"),
                beskrivning=las.valfri_text(t, sok, "beskrivning"),
                minst=minst,
                hogst=hogst,
            )
        )
    return tuple(out)


def _dataformat(las: _Lasare, sok: Sokvag, t: Mapping[str, Any]) -> Dataformat:
    text = las.varde(t, sok, "dataformat", str)
    tillatna = {d.value: d for d in DATAFORMAT}
    if text not in tillatna:
        varfor = (
            "ett personnummer registreras bara i ärendets identitet"
            if text == Dataformat.PERSONNUMMER.value
            else "okänt dataformat"
        )
        raise las.fel(
            fel.InvalidDataformat,
            (*sok, "dataformat"),
            f"{text!r}: {varfor} (välj {', '.join(tillatna)})",
        )
    return tillatna[text]


def _variabelns_vardemangd(
    las: _Lasare,
    sok: Sokvag,
    t: Mapping[str, Any],
    dataformat: Dataformat,
    lokala: Mapping[str, type[LokalVardemangd]],
) -> type[Vardemangd] | None:
    for nyckel in ("minst", "hogst"):
        if nyckel in t and dataformat is not Dataformat.HELTAL:
            raise las.fel(
                fel.UnexpectedValueSet,
                (*sok, nyckel),
                f"en variabel med dataformat {dataformat.value} har ingen {nyckel}",
            )
    if dataformat not in (Dataformat.ENKELVAL, Dataformat.FLERVAL):
        if "vardemangd" in t:
            raise las.fel(
                fel.UnexpectedValueSet,
                (*sok, "vardemangd"),
                f"en variabel med dataformat {dataformat.value} har ingen värdemängd",
            )
        return None
    if "vardemangd" not in t:
        raise las.fel(
            fel.MissingValueSet,
            sok,
            f"dataformat {dataformat.value} kräver nyckeln 'vardemangd' (en lokal eller "
            "nationell värdemängd)",
        )
    namn = las.varde(t, sok, "vardemangd", str)
    vm = lokala.get(namn) or _NATIONELLA_VARDEMANGDER.get(namn)
    if vm is None:
        raise las.fel(
            fel.UnknownValueSet,
            (*sok, "vardemangd"),
            f"{namn!r} är varken en lokal värdemängd i filen eller en nationell",
        )
    return vm
