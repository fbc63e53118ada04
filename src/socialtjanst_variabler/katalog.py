"""The catalog: the 20 general variables and six user questions of SKL-2019, as data.

:data:`KATALOG` holds them in the spec's order ("1" … "20", then "B1a" … "B5"); everything
else (docs tables, exports, the command line) is derived from it.

Example:
    >>> from socialtjanst_variabler import variabel
    >>> v = variabel("12")
    >>> v.namn, v.flerval, v.vardemangd.__name__
    ('Insatstyp', True, 'Insatstyp')
    >>> [s.label for s in v.processteg]
    ['Besluta', 'Genomföra']
"""

from __future__ import annotations

import enum

import attrs

from socialtjanst_variabler.errata import NAMN_ERRATA
from socialtjanst_variabler.errors import UnknownVariable, _shown
from socialtjanst_variabler.processteg import (
    Insatskontext,
    Processteg,
    steg_for_beslut_och_insatstyp,
)
from socialtjanst_variabler.vardemangder import (
    Avslutsorsak,
    Bemotande,
    Beslutsutfall,
    Betydelse,
    Delaktighet,
    Forandring,
    Genomforande,
    Hushallstyp,
    Insatstyp,
    JuridisktKon,
    Maluppfyllelse,
    Nojdhet,
    OrsakUtanInsats,
    ParallellaInsatser,
    Problematik,
    Samverkan,
    Sip,
    TidigareKontakt,
    Ursprung,
    Vardemangd,
)
from socialtjanst_variabler.vardemangder.uppfoljning import INGEN_SAMVERKAN_REGEL

__all__ = [
    "KATALOG",
    "SPEC_ISBN",
    "SPEC_TITEL",
    "SPEC_UTGIVARE",
    "SPEC_VERSION",
    "TILLAGG",
    "Dataformat",
    "Kvalitetsomrade",
    "Tillagg",
    "Variabel",
    "variabel",
    "variabler_i",
]

#: Identifier of the specification this catalog transcribes.
SPEC_VERSION = "SKL-2019"
SPEC_TITEL = (
    "Verksamhetssystem som stöd för systematisk uppföljning – förslag till generella "
    "variabler och brukarfrågor för uppföljning av socialtjänstens stöd"
)
SPEC_UTGIVARE = "Sveriges Kommuner och Landsting (SKL, numera Sveriges Kommuner och Regioner)"
SPEC_ISBN = "978-91-7585-717-6"


class Dataformat(enum.StrEnum):
    """How a variable is recorded (the spec's instruction under each variable)."""

    DATUM = "datum"
    PERSONNUMMER = "personnummer"
    HELTAL = "heltal"
    ENKELVAL = "enkelval"
    FLERVAL = "flerval"

    @property
    def label(self) -> str:
        """Swedish description, as in the docs."""
        return _DATAFORMAT_LABELS[self]


_DATAFORMAT_LABELS = {
    Dataformat.DATUM: "Datum (ÅÅÅÅ-MM-DD)",
    Dataformat.PERSONNUMMER: "Personnummer (ÅÅÅÅMMDD-NNNN)",
    Dataformat.HELTAL: "Heltal",
    Dataformat.ENKELVAL: "Välj ett alternativ",
    Dataformat.FLERVAL: "Möjlighet till flera val",
}


@enum.verify(enum.UNIQUE, enum.CONTINUOUS)
class Kvalitetsomrade(Vardemangd):
    """The quality areas of the six user questions (Bilaga 2)."""

    FORANDRING = 1, "Förändring av brukarens situation / livskvalitet"
    BETYDELSE = 2, "Betydelsen av stödet"
    NOJDHET = 3, "Nöjdhet"
    BEMOTANDE = 4, "Bemötande"
    DELAKTIGHET = 5, "Delaktighet"


@attrs.frozen(kw_only=True)
class Variabel:
    """One variable or user question of the catalog.

    Attributes:
        nummer: the spec's number, ``"1"`` … ``"20"`` or ``"B1a"`` … ``"B5"``.
        namn: the spec's name (errata applied); for a user question, its heading.
        processteg: the step(s) where it is recorded; two only for variables 10 and 12,
            whose step depends on the insats (see :meth:`steg`).
        dataformat: how it is recorded.
        vardemangd: the value set (an enum class), or None for dates, numbers and the
            personnummer.
        instruktion: the spec's instruction under the variable, verbatim.
        harleds_fran: the variable it is derived from (4 and 5 from 3), if any.
        fraga: the question put to the client (user questions only).
        kvalitetsomrade: the quality area (user questions only).
        villkor: when the question applies, if not always (B2).
        villkor_variabler: the variables the condition reads.
        anmarkning: the spec's footnote or remark, if any.
        falt: where the record model (:class:`~socialtjanst_variabler.arende.Arende`)
            holds it, e.g. ``insatser[].avslut.avslutsorsak``; ``[]`` stands for
            every element of a list.
    """

    nummer: str
    namn: str
    falt: str
    processteg: tuple[Processteg, ...]
    dataformat: Dataformat
    vardemangd: type[Vardemangd] | None = None
    instruktion: str
    harleds_fran: str | None = None
    fraga: str | None = None
    kvalitetsomrade: Kvalitetsomrade | None = None
    villkor: str | None = None
    villkor_variabler: tuple[str, ...] = ()
    anmarkning: str | None = None

    @property
    def flerval(self) -> bool:
        """True when several codes may be chosen (variables 2, 9, 12, 14)."""
        return self.dataformat is Dataformat.FLERVAL

    @property
    def is_brukarfraga(self) -> bool:
        """True for the six user questions B1a–B5."""
        return self.nummer.startswith("B")

    def steg(self, kontext: Insatskontext) -> Processteg:
        """The step where this variable is recorded for an insats in *kontext*.

        Only variables 10 and 12 depend on the context.

        Example:
            >>> from socialtjanst_variabler import Insatskontext, variabel
            >>> service = Insatskontext(
            ...     bistandsbedomd=False, foljs_upp_av_myndighetsutovningen=False
            ... )
            >>> variabel("10").steg(service).label
            'Genomföra'
            >>> variabel("11").steg(service).label
            'Genomföra'
        """
        if len(self.processteg) == 1:
            return self.processteg[0]
        return steg_for_beslut_och_insatstyp(kontext)


_DATUM = "Ange år, månad och dag (ex. enligt formen ÅÅÅÅ-MM-DD)"
_ETT = "Välj ett alternativ"
_FLERA = "Möjlighet till flera val"
_AKT = (Processteg.AKTUALISERA,)
_UTR = (Processteg.UTREDA,)
_BESLUTA_ELLER_GENOMFORA = (Processteg.BESLUTA, Processteg.GENOMFORA)
_UPP = (Processteg.FOLJA_UPP,)
_AVS = (Processteg.AVSLUTA,)
_INS = "insatser[]"
_UPPF = "insatser[].uppfoljningar[]"
_AVSL = "insatser[].avslut"
_B2_VILLKOR = (
    "Ställs bara om brukaren svarat Förbättrats mycket eller Förbättrats lite på B1a eller B1b."
)


_INSTRUKTION = {Dataformat.DATUM: _DATUM, Dataformat.ENKELVAL: _ETT, Dataformat.FLERVAL: _FLERA}


def _variabel(
    nummer: str,
    namn: str,
    steg: tuple[Processteg, ...],
    falt: str,
    dataformat: Dataformat,
    *,
    vardemangd: type[Vardemangd] | None = None,
    anmarkning: str | None = None,
) -> Variabel:
    return Variabel(
        nummer=nummer,
        namn=namn,
        falt=falt,
        processteg=steg,
        dataformat=dataformat,
        vardemangd=vardemangd,
        instruktion=_INSTRUKTION[dataformat],
        anmarkning=anmarkning,
    )


def _val(
    nummer: str, namn: str, steg: tuple[Processteg, ...], vm: type[Vardemangd], falt: str
) -> Variabel:
    return _variabel(nummer, namn, steg, falt, Dataformat.ENKELVAL, vardemangd=vm)


def _flera(
    nummer: str,
    namn: str,
    steg: tuple[Processteg, ...],
    vm: type[Vardemangd],
    falt: str,
    *,
    anmarkning: str | None = None,
) -> Variabel:
    return _variabel(
        nummer, namn, steg, falt, Dataformat.FLERVAL, vardemangd=vm, anmarkning=anmarkning
    )


def _datum(nummer: str, namn: str, steg: tuple[Processteg, ...], falt: str) -> Variabel:
    return _variabel(nummer, namn, steg, falt, Dataformat.DATUM)


def _fraga(
    nummer: str,
    namn: str,
    fraga: str,
    omrade: Kvalitetsomrade,
    vm: type[Vardemangd],
    *,
    villkor: str | None = None,
    villkor_variabler: tuple[str, ...] = (),
    anmarkning: str | None = None,
) -> Variabel:
    return Variabel(
        nummer=nummer,
        namn=namn,
        falt=f"{_UPPF}.{nummer.lower()}",
        processteg=_UPP,
        dataformat=Dataformat.ENKELVAL,
        vardemangd=vm,
        instruktion=_ETT,
        fraga=fraga,
        kvalitetsomrade=omrade,
        villkor=villkor,
        villkor_variabler=villkor_variabler,
        anmarkning=anmarkning,
    )


#: All 26 entries in the spec's order (variables 1–20, then user questions B1a–B5).
KATALOG: tuple[Variabel, ...] = (
    _datum("1", "Datum för aktualisering", _AKT, "aktualiseringsdatum"),
    _flera("2", "Ursprunglig aktualiseringsorsak", _AKT, Problematik, "aktualiseringsorsak"),
    Variabel(
        nummer="3",
        namn="Personnummer",
        falt="personnummer",
        processteg=_UTR,
        dataformat=Dataformat.PERSONNUMMER,
        instruktion="(ÅÅÅÅMMDD-NNNN)",
    ),
    Variabel(
        nummer="4",
        namn="Juridiskt kön",
        falt="juridiskt_kon",
        processteg=_UTR,
        dataformat=Dataformat.ENKELVAL,
        vardemangd=JuridisktKon,
        instruktion=_ETT,
        harleds_fran="3",
    ),
    Variabel(
        nummer="5",
        namn="Ålder",
        falt="fodelsedatum",
        processteg=_UTR,
        dataformat=Dataformat.HELTAL,
        instruktion="Antal levnadsår",
        harleds_fran="3",
        anmarkning="Dynamisk: beräknas ur födelsedatumet (personnumret) vid varje "
        "tidpunkt, lagras inte.",
    ),
    _val("6", "Ursprung", _UTR, Ursprung, "ursprung"),
    _val("7", "Hushållstyp", _UTR, Hushallstyp, "hushallstyp"),
    _val("8", "Tidigare kontakt med socialtjänsten", _UTR, TidigareKontakt, "tidigare_kontakt"),
    _flera("9", "Problematik", _UTR, Problematik, "problematik"),
    _datum(
        "10",
        "Datum för beslut om insats (eller ej)",
        _BESLUTA_ELLER_GENOMFORA,
        f"{_INS}.beslutsdatum",
    ),
    _datum(
        "11", "Datum för verkställande", (Processteg.GENOMFORA,), f"{_INS}.verkstallighetsdatum"
    ),
    _flera("12", "Insatstyp", _BESLUTA_ELLER_GENOMFORA, Insatstyp, f"{_INS}.insatstyp"),
    _datum("13", "Datum för uppföljning", _UPP, f"{_UPPF}.datum"),
    _flera(
        "14",
        "Samverkan med andra aktörer",
        _UPP,
        Samverkan,
        f"{_UPPF}.samverkan",
        anmarkning=f"{INGEN_SAMVERKAN_REGEL}.",
    ),
    _val("15", "Samordnad individuell plan (SIP)", _UPP, Sip, f"{_UPPF}.sip"),
    _val(
        "16",
        "Parallella insatser inom socialtjänsten",
        _UPP,
        ParallellaInsatser,
        f"{_UPPF}.parallella_insatser",
    ),
    _val("17", "Måluppfyllelse", _UPP, Maluppfyllelse, f"{_UPPF}.maluppfyllelse"),
    _datum("18", "Datum för avslut", _AVS, f"{_AVSL}.datum"),
    _val(
        "19",
        "Insatsens genomförande i förhållande till planeringen",
        _AVS,
        Genomforande,
        f"{_AVSL}.genomforande",
    ),
    _val("20", "Avslutsorsak", _AVS, Avslutsorsak, f"{_AVSL}.avslutsorsak"),
    _fraga(
        "B1a",
        "Förändring av brukarens situation",
        "Hur har din situation/problematik förändrats sedan insatsen/stödet från "
        "socialtjänsten påbörjades/den senaste uppföljningen?",
        Kvalitetsomrade.FORANDRING,
        Forandring,
    ),
    _fraga(
        "B1b",
        "Förändring av brukarens livskvalitet",
        "Hur har din livskvalitet förändrats sedan insatsen/stödet från socialtjänsten "
        "påbörjades/den senaste uppföljningen?",
        Kvalitetsomrade.FORANDRING,
        Forandring,
        anmarkning="Begreppet livskvalitet bör beskrivas och definieras om det ska "
        "användas i fråga till brukaren.",
    ),
    _fraga(
        "B2",
        "Betydelsen av stödet",
        "Om din situation/problematik/livskvalitet har förbättrats, vilken betydelse har "
        "insatsen/stödet från socialtjänsten haft?",
        Kvalitetsomrade.BETYDELSE,
        Betydelse,
        villkor=_B2_VILLKOR,
        villkor_variabler=("B1a", "B1b"),
    ),
    _fraga(
        "B3",
        "Nöjdhet",
        "Hur nöjd eller missnöjd är du sammantaget med det stöd du fått från socialtjänsten?",
        Kvalitetsomrade.NOJDHET,
        Nojdhet,
    ),
    _fraga(
        "B4",
        "Bemötande",
        "Hur har socialsekreteraren/biståndshandläggaren/personalen bemött dig?",
        Kvalitetsomrade.BEMOTANDE,
        Bemotande,
    ),
    _fraga(
        "B5",
        "Delaktighet",
        "Hur mycket har du kunnat påverka insatsen/stödet du fått från socialtjänsten?",
        Kvalitetsomrade.DELAKTIGHET,
        Delaktighet,
    ),
)

_BY_NUMMER: dict[str, Variabel] = {v.nummer: v for v in KATALOG}
# Names, and numbers in any case ("b1a"), looked up case-insensitively.
_BY_NAMN: dict[str, Variabel] = (
    {v.namn.casefold(): v for v in KATALOG}
    | {v.nummer.casefold(): v for v in KATALOG}
    | {e.original.casefold(): _BY_NUMMER[e.variabel] for e in NAMN_ERRATA if e.variabel}
)


def variabel(nummer: str) -> Variabel:
    """Look a variable up by its number (``"12"``, ``"B1a"``) or its exact name.

    The name lookup ignores case and accepts the spec's original spellings of corrected
    names ("Insattstyp"). The number is text, as the spec writes it (``"B1a"`` is one
    too): an int is refused with a :class:`TypeError` that says so, rather than taken
    for a number that may not be meant.

    Raises:
        UnknownVariable: no variable has this number or name (a :class:`LookupError`).
        TypeError: *nummer* is not a string.

    Example:
        >>> variabel("Insattstyp").nummer
        '12'
        >>> variabel("21")
        Traceback (most recent call last):
        ...
        socialtjanst_variabler.errors.UnknownVariable: ingen variabel '21' i SKL-2019 ...
        >>> variabel(12)
        Traceback (most recent call last):
        ...
        TypeError: variabel(): nummer ska vara en sträng som "12" eller "B1a", inte int
    """
    if not isinstance(nummer, str):
        raise TypeError(
            'variabel(): nummer ska vara en sträng som "12" eller "B1a", '
            f"inte {type(nummer).__name__}"
        )
    # Longer than every name: refused before strip() and casefold(), which grow with it.
    if str.__len__(nummer) <= _LANGSTA_NAMN:
        nyckel = nummer.strip()
        found = _BY_NUMMER.get(nyckel) or _BY_NAMN.get(nyckel.casefold())
        if found is not None:
            return found
    raise UnknownVariable(
        f"ingen variabel {_shown(nummer)} i {SPEC_VERSION} (giltiga nummer: 1–20, B1a, B1b, B2–B5)"
    )


#: Longer than any variable's name, white space around it included.
_LANGSTA_NAMN = 400


def variabler_i(steg: Processteg, kontext: Insatskontext | None = None) -> tuple[Variabel, ...]:
    """The variables recorded in process step *steg*, in catalog order.

    Without *kontext*, every variable that *may* be recorded in the step (variables 10
    and 12 appear under both Besluta and Genomföra); with it, exactly those recorded
    there for such an insats. Step 4 (Utforma uppdrag) has none: an empty tuple.

    Example:
        >>> [v.nummer for v in variabler_i(Processteg.AKTUALISERA)]
        ['1', '2']
        >>> variabler_i(Processteg.UTFORMA_UPPDRAG)
        ()

    Raises:
        TypeError: *steg* is not a :class:`~socialtjanst_variabler.processteg.Processteg`
            (an int: ``Processteg.from_code``),
            or *kontext* is neither None nor an
            :class:`~socialtjanst_variabler.processteg.Insatskontext`.
    """
    if not isinstance(steg, Processteg):
        raise TypeError(
            f"variabler_i(): steg ska vara ett Processteg, inte {type(steg).__name__} "
            "(ett heltal: Processteg.from_code)"
        )
    if kontext is not None and not isinstance(kontext, Insatskontext):
        raise TypeError(
            f"variabler_i(): kontext ska vara en Insatskontext eller None, "
            f"inte {type(kontext).__name__}"
        )
    if kontext is None:
        return tuple(v for v in KATALOG if steg in v.processteg)
    return tuple(v for v in KATALOG if v.steg(kontext) is steg)


# --- the library's additions ------------------------------------------------------------


@attrs.frozen(kw_only=True)
class Tillagg:
    """A field of the record model that is the library's addition, not an SKL variable.

    Each exists to record a real case the variables cannot, or to compute the spec's own
    statistics; none changes or replaces a variable.

    Attributes:
        falt: where it lives in the record model, as :attr:`Variabel.falt`.
        namn: Swedish name.
        beskrivning: what it records (Swedish).
        motivering: why the library needs it (Swedish).
        vardemangd: its value set, if it has one (from ``vardemangder.tillagg``).
    """

    falt: str
    namn: str
    beskrivning: str
    motivering: str
    vardemangd: type[Vardemangd] | None = None


#: Every field the library adds to the model, in model order; the docs page *Ärenden*
#: lists them as additions, apart from the catalog of SKL-2019's variables.
TILLAGG: tuple[Tillagg, ...] = (
    Tillagg(
        falt="person_id",
        namn="Personnyckel",
        beskrivning="Ogenomskinlig nyckel för personen: leverantörens egen eller en "
        "nyckelbaserad pseudonym, aldrig personnumret.",
        motivering="”Hur många kvinnor respektive män finns i vår verksamhet?” och "
        "återaktualisering räknar personer, inte ärenden; nyckeln knyter ihop en persons "
        "ärenden.",
    ),
    Tillagg(
        falt="reservnummer",
        namn="Reservnummer",
        beskrivning="Reservnummer för en brukare utan personnummer: IVO:s T-format "
        "(ÅÅÅÅMMDD-T123, med födelsedatum och juridiskt kön) eller ett regionalt nummer, "
        "som sparas som ogenomskinlig text.",
        motivering="Brukare utan svenskt personnummer ska kunna registreras och följas; "
        "variabel 3 har ingen plats för deras nummer.",
    ),
    Tillagg(
        falt="anonym",
        namn="Anonym brukare",
        beskrivning="Brukaren är anonym: ingen identitet registreras, med avsikt.",
        motivering="Skiljer en anonym brukare från ett personnummer som ännu inte "
        "registrerats, så att variabel 3–5 inte rapporteras som saknade.",
    ),
    Tillagg(
        falt="fodelsear",
        namn="Födelseår",
        beskrivning="Födelseåret, när hela födelsedatumet inte är känt; härleds annars "
        "ur födelsedatumet.",
        motivering="Ålder (variabel 5) som intervall för samordningsnummer med "
        "ofullständigt datum och för brukare utan personnummer.",
    ),
    Tillagg(
        falt="avslut_utan_insats.datum",
        namn="Datum för avslut utan beslut om insats",
        beskrivning="Dagen då ärendet avslutades utan beslut om insats: utredningen "
        "avslutades utan ett sådant beslut, eller ingen utredning inleddes.",
        motivering="Varje ärende ska kunna avslutas: ”avslutade ärenden” och "
        "handläggningstider räknas på alla ärenden, inte bara dem som fick en insats.",
    ),
    Tillagg(
        falt="avslut_utan_insats.orsak",
        namn="Orsak till avslut utan insats",
        beskrivning="Varför ärendet avslutades utan beslut om insats.",
        motivering="Skiljer förhandsbedömningar, återtagna ansökningar och flyttar åt "
        "i statistiken.",
        vardemangd=OrsakUtanInsats,
    ),
    Tillagg(
        falt="insatser[].beslut",
        namn="Beslutets utfall",
        beskrivning="Vad beslutet om insatsen blev: bifall, delvis bifall eller avslag.",
        motivering="Variabel 10 är ”Datum för beslut om insats (eller ej)”: ett avslag "
        "ska kunna registreras, och en avslagen insats verkställs aldrig.",
        vardemangd=Beslutsutfall,
    ),
    Tillagg(
        falt="insatser[].bistandsbedomd",
        namn="Biståndsbedömd",
        beskrivning="Insatsen beviljas efter individuell behovsprövning (bistånd).",
        motivering="Avgör tillsammans med nästa fält i vilket processteg variabel 10 "
        "och 12 registreras.",
    ),
    Tillagg(
        falt="insatser[].foljs_upp_av_myndighetsutovningen",
        namn="Följs upp av myndighetsutövningen",
        beskrivning="Insatsen följs upp av myndighetsutövningen.",
        motivering="Avgör tillsammans med föregående fält i vilket processteg variabel "
        "10 och 12 registreras.",
    ),
)
