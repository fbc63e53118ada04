"""The analysis tables: an extract flattened into tidy rows, derived facts computed once.

Every table is defined here, column by column (:data:`TABELLER`); the docs page and the
``CREATE TABLE`` statements are generated from these definitions. :func:`rader` turns one
ärende into its rows; :class:`Inlasning` walks an extract, counts every line that does not
become rows (and why), and hands the rows on in batches, so that memory stays flat.

Keys: ``arende_nr``, ``insats_nr`` and ``uppfoljning_nr`` are numbers given in reading
order; the vendor's case id is never stored (it may be a personnummer). The person key
``person_id`` is stored as given (an opaque key, never a personnummer); reports only count
it.

Example:
    >>> from datetime import date
    >>> from socialtjanst_variabler.arende import Arende, Insats
    >>> a = Arende(
    ...     id="A-1",
    ...     aktualiseringsdatum=date(2025, 1, 10),
    ...     fodelsedatum=date(2000, 6, 1),
    ...     insatser=(Insats(beslutsdatum=date(2025, 1, 31)),),
    ... )
    >>> r = rader(a, arende_nr=1, radnummer=1, insats_nr=1, uppfoljning_nr=1)
    >>> dict(zip(TABELL["arende"].kolumnnamn, r["arende"][0]))["d1_dagar"]
    21
    >>> dict(zip(TABELL["arende"].kolumnnamn, r["arende"][0]))["aldersband_aktualisering"]
    '21–24'
"""

from __future__ import annotations

import calendar
import enum
import json
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from typing import TYPE_CHECKING, Any, BinaryIO

import attrs

from socialtjanst_variabler._datum import alder
from socialtjanst_variabler.arende._lokala import TOMMA, LokalaVarden
from socialtjanst_variabler.arende.modell import Arende, Insats, alla_lokala, slutdatum
from socialtjanst_variabler.errors import DateBeforeBirth
from socialtjanst_variabler.lokala.definition import LokalVardemangd, rulla_upp
from socialtjanst_variabler.statistik.aldersband import STANDARD, Aldersband
from socialtjanst_variabler.vardemangder import Ursprung, Vardemangd

if TYPE_CHECKING:
    from socialtjanst_variabler.lokala.definition import Utokning

__all__ = [
    "TABELL",
    "TABELLER",
    "Inlasning",
    "Kolumn",
    "Tabelldef",
    "Typ",
    "Uteslutning",
    "create_table",
    "lokala_rader",
    "rader",
]


class Typ(enum.StrEnum):
    """A column's SQL type: the same words in DuckDB and PostgreSQL."""

    INTEGER = "INTEGER"
    TEXT = "VARCHAR"
    DATE = "DATE"
    BOOLEAN = "BOOLEAN"


@attrs.frozen
class Kolumn:
    """One column of an analysis table."""

    namn: str
    typ: Typ
    beskrivning: str


@attrs.frozen
class Tabelldef:
    """An analysis table: its name, what one row is, and its columns."""

    namn: str
    rad: str
    kolumner: tuple[Kolumn, ...]

    @property
    def kolumnnamn(self) -> tuple[str, ...]:
        """The column names in order."""
        return tuple(k.namn for k in self.kolumner)


def _k(namn: str, typ: Typ, beskrivning: str) -> Kolumn:
    return Kolumn(namn, typ, beskrivning)


_I, _T, _D, _B = Typ.INTEGER, Typ.TEXT, Typ.DATE, Typ.BOOLEAN

_ALDER = (
    "ålder i fyllda år vid {}; tom när födelsedatum saknas, eller när bara intervallet är "
    "känt och det rymmer två åldrar"
)
_BAND = "åldersband vid {} (av ålderns intervall; ”okänd” när intervallet spänner över två band)"

#: The analysis tables, in load order.
TABELLER: tuple[Tabelldef, ...] = (
    Tabelldef(
        "arende",
        "ett ärende",
        (
            _k("arende_nr", _I, "ärendets nummer i läsordning (nyckel)"),
            _k("radnummer", _I, "raden i uttaget (tom när ärendena inte kom från en fil)"),
            _k("person_id", _T, "personnyckel (opak; aldrig ett personnummer); tom = saknas"),
            _k("aktualiseringsdatum", _D, "variabel 1"),
            _k("slutdatum", _D, "ärendets slut: sista avslut/avslag, eller avslut utan insats"),
            _k("juridiskt_kon", _I, "variabel 4 (1 Flicka/Kvinna, 2 Pojke/Man); tom = saknas"),
            _k("ursprung", _I, "variabel 6"),
            _k("ursprung_grupp", _I, "1 inrikes född (6: 1–2), 2 utrikes född (3–4), 3 vet inte"),
            _k("hushallstyp", _I, "variabel 7"),
            _k("tidigare_kontakt", _I, "variabel 8"),
            _k("fodd_tidigast", _I, "tidigaste möjliga födelsedag som ÅÅÅÅMMDD"),
            _k("fodd_senast", _I, "senaste möjliga födelsedag som ÅÅÅÅMMDD"),
            _k("alder_aktualisering", _I, _ALDER.format("aktualiseringen")),
            _k("aldersband_aktualisering", _T, _BAND.format("aktualiseringen")),
            _k("alder_slut", _I, _ALDER.format("ärendets slut")),
            _k("aldersband_slut", _T, _BAND.format("ärendets slut")),
            _k("forsta_beslutsdatum", _D, "tidigaste beslutsdatum bland insatserna"),
            _k("d1_dagar", _I, "D1: dagar från aktualisering till första beslut"),
            _k("d1_bakvand", _B, "D1 går baklänges (konsistensfel): utesluten ur tiderna"),
            _k("d4_dagar", _I, "D4: dagar från aktualisering till ärendets slut"),
            _k("d4_bakvand", _B, "D4 går baklänges (konsistensfel): utesluten ur tiderna"),
            _k("antal_insatser", _I, "antal insatser i ärendet"),
            _k("kommun", _T, "SCB:s kommunkod (samlad statistik); tom för ett enskilt uttag"),
            _k(
                "person_id_kalla",
                _T,
                "varifrån personnyckeln kommer i ett pseudonymiserat uttag: personnummer, "
                "lokal (leverantörens nyckel) eller arende (ingen nyckel); tom annars",
            ),
        ),
    ),
    Tabelldef(
        "insats",
        "en insats",
        (
            _k("insats_nr", _I, "insatsens nummer (nyckel)"),
            _k("arende_nr", _I, "ärendet insatsen hör till"),
            _k("ordning", _I, "insatsens plats i ärendet (0, 1, …)"),
            _k("beslutsdatum", _D, "variabel 10"),
            _k("beslut", _I, "beslutsutfall (1 Bifall, 2 Delvis bifall, 3 Avslag); tom = okänt"),
            _k("verkstallighetsdatum", _D, "variabel 11"),
            _k("avslutsdatum", _D, "variabel 18"),
            _k("genomforande", _I, "variabel 19"),
            _k("avslutsorsak", _I, "variabel 20"),
            _k("alder_verkstallighet", _I, _ALDER.format("verkställandet")),
            _k("aldersband_verkstallighet", _T, _BAND.format("verkställandet")),
            _k("alder_avslut", _I, _ALDER.format("avslutet")),
            _k("aldersband_avslut", _T, _BAND.format("avslutet")),
            _k("d2_dagar", _I, "D2: dagar från beslut till verkställande"),
            _k("d2_bakvand", _B, "D2 går baklänges: utesluten ur tiderna"),
            _k("d3_dagar", _I, "D3: dagar från verkställande till avslut"),
            _k("d3_bakvand", _B, "D3 går baklänges: utesluten ur tiderna"),
            _k("beslut_plus_3_manader", _D, "beslutsdatum plus tre kalendermånader"),
            _k(
                "maluppfyllelse_vid_avslut",
                _I,
                "variabel 17 i den sista uppföljningen på eller före avslutet (en uppföljning "
                "utan datum räknas inte; två samma dag: den senare i posten); tom utan "
                "avslutsdatum",
            ),
        ),
    ),
    Tabelldef(
        "uppfoljning",
        "en uppföljning",
        (
            _k("uppfoljning_nr", _I, "uppföljningens nummer (nyckel)"),
            _k("insats_nr", _I, "insatsen"),
            _k("arende_nr", _I, "ärendet"),
            _k("datum", _D, "variabel 13"),
            _k("sip", _I, "variabel 15"),
            _k("parallella_insatser", _I, "variabel 16"),
            _k("maluppfyllelse", _I, "variabel 17"),
            _k("b1a", _I, "brukarfråga B1a"),
            _k("b1b", _I, "brukarfråga B1b"),
            _k("b2", _I, "brukarfråga B2"),
            _k("b3", _I, "brukarfråga B3"),
            _k("b4", _I, "brukarfråga B4"),
            _k("b5", _I, "brukarfråga B5"),
            _k("alder", _I, _ALDER.format("uppföljningen")),
            _k("aldersband", _T, _BAND.format("uppföljningen")),
        ),
    ),
    Tabelldef(
        "aktualiseringsorsak",
        "en vald kod i variabel 2",
        (_k("arende_nr", _I, "ärendet"), _k("kod", _I, "koden (Problematik)")),
    ),
    Tabelldef(
        "problematik",
        "en vald kod i variabel 9",
        (_k("arende_nr", _I, "ärendet"), _k("kod", _I, "koden (Problematik)")),
    ),
    Tabelldef(
        "insatstyp",
        "en vald kod i variabel 12",
        (_k("insats_nr", _I, "insatsen"), _k("kod", _I, "koden (Insatstyp)")),
    ),
    Tabelldef(
        "samverkan",
        "en vald kod i variabel 14",
        (_k("uppfoljning_nr", _I, "uppföljningen"), _k("kod", _I, "koden (Samverkan)")),
    ),
    Tabelldef(
        "utesluten",
        "en rad i uttaget som inte blev ett ärende i tabellerna",
        (
            _k("radnummer", _I, "raden i uttaget (tom när ärendena inte kom från en fil)"),
            _k("orsak", _T, "”oläsbar rad”, ”fel i granskningen” eller ”dubblett”"),
            _k("regler", _T, "granskningens regler av allvarlighet fel, kommaseparerade"),
            _k("fil", _T, "filen raden kommer från (samlad statistik); tom för ett enskilt uttag"),
        ),
    ),
    Tabelldef(
        "aldersband",
        "ett åldersband (inställning)",
        (
            _k("ordning", _I, "bandets plats"),
            _k("fran", _I, "lägsta ålder"),
            _k("till", _I, "högsta ålder; tom = uppåt öppet"),
            _k("etikett", _T, "t.ex. ”18–20” eller ”90+”"),
        ),
    ),
    Tabelldef(
        "period",
        "perioden [s, e] som rapporterna räknar på (fylls i per körning)",
        (
            _k("fran", _D, "s, periodens första dag"),
            _k("till", _D, "e, periodens sista dag"),
            _k("till_nyckel", _I, "e som ÅÅÅÅMMDD (för ålder vid e)"),
            _k("till_skottar", _B, "e ligger i ett skottår (den 29 februari räknas som 28)"),
            _k("fjol_fran", _D, "1 januari året före e:s år (R14)"),
            _k("fjol_halvar", _D, "30 juni året före e:s år (R14)"),
        ),
    ),
    Tabelldef(
        "lokal",
        "ett lokalt värde (en rad per vald kod i ett flerval), se sidan Lokala variabler",
        (
            _k("niva", _T, "nivån: arende, insats, uppfoljning eller avslut"),
            _k("arende_nr", _I, "ärendet"),
            _k("insats_nr", _I, "insatsen (insats, uppfoljning, avslut); tom på ärendet"),
            _k("uppfoljning_nr", _I, "uppföljningen (nivån uppfoljning); annars tom"),
            _k("utokning", _T, "utökningens id, t.ex. se.kommun.0180.fia"),
            _k("nummer", _T, "den lokala variabelns nummer, t.ex. L1"),
            _k("kod", _I, "koden (enkelval, flerval)"),
            _k("heltal", _I, "värdet (heltal)"),
            _k("datum", _D, "värdet (datum)"),
            _k(
                "nationell_vardemangd",
                _T,
                "den nationella värdemängd koden räknas under (finare lokal kod, eller en "
                "nationell värdemängd), t.ex. Insatstyp; annars tom",
            ),
            _k("nationell_kod", _I, "den nationella kod koden räknas under; annars tom"),
            _k(
                "laddad",
                _B,
                "false: utökningen var inte laddad (värdena sparade men inte tolkade: en rad "
                "per variabel, utan värde)",
            ),
        ),
    ),
)

#: The tables by name.
TABELL: dict[str, Tabelldef] = {t.namn: t for t in TABELLER}


def create_table(t: Tabelldef) -> str:
    """The portable ``CREATE TABLE`` statement of *t*.

    Example:
        >>> print(create_table(TABELL["samverkan"]))
        CREATE TABLE samverkan (
          uppfoljning_nr INTEGER,
          kod INTEGER
        );
    """
    kolumner = ",\n".join(f"  {k.namn} {k.typ.value}" for k in t.kolumner)
    return f"CREATE TABLE {t.namn} (\n{kolumner}\n);"


# --- derived facts ------------------------------------------------------------------------

_INRIKES = frozenset({Ursprung(1), Ursprung(2)})
_UTRIKES = frozenset({Ursprung(3), Ursprung(4)})


def _ursprung_grupp(u: Ursprung | None) -> int | None:
    if u is None:
        return None
    if u in _INRIKES:
        return 1
    return 2 if u in _UTRIKES else 3


def _fodelseintervall(a: Arende) -> tuple[date, date] | None:
    """The earliest and latest possible birth date, when anything is known."""
    if a.fodelsedatum is not None:
        return a.fodelsedatum, a.fodelsedatum
    if a.personnummer is not None:  # a samordningsnummer with a partly unknown date
        return a.personnummer.fodelsedatum_intervall
    if a.fodelsear is None:
        return None
    return date(a.fodelsear, 1, 1), date(a.fodelsear, 12, 31)


def datumnyckel(d: date) -> int:
    """*d* as the integer YYYYMMDD the tables keep birth dates in (portable SQL)."""
    return d.year * 10000 + d.month * 100 + d.day


def _plus_tre_manader(d: date) -> date:
    """*d* plus three calendar months, clamped to the month's end (as ``plus_manader``)."""
    ar, manad = divmod(d.month + 2, 12)
    ar, manad = d.year + ar, manad + 1
    return date(ar, manad, min(d.day, calendar.monthrange(ar, manad)[1]))


def _dagar(start: date | None, slut: date | None) -> tuple[int | None, bool]:
    """Elapsed days, or (None, True) for an interval that runs backwards."""
    if start is None or slut is None:
        return None, False
    d = (slut - start).days
    return (None, True) if d < 0 else (d, False)


def _sista_maluppfyllelse(i: Insats) -> int | None:
    slut = i.avslut.datum if i.avslut is not None else None
    if slut is None:
        return None
    kandidater = [u for u in i.uppfoljningar if u.datum is not None and u.datum <= slut]
    if not kandidater:
        return None
    # The last by date; among equal dates, the later in the record.
    sista = max(enumerate(kandidater), key=lambda p: (p[1].datum, p[0]))[1]
    return None if sista.maluppfyllelse is None else int(sista.maluppfyllelse)


def _int(v: int | None) -> int | None:
    return None if v is None else int(v)


Rader = dict[str, list[tuple[Any, ...]]]


def rader(
    a: Arende,
    *,
    arende_nr: int,
    radnummer: int | None,
    insats_nr: int,
    uppfoljning_nr: int,
    band: Aldersband = STANDARD,
) -> Rader:
    """The rows of one ärende in every table, keyed from the given numbers on."""
    ut: Rader = {t.namn: [] for t in TABELLER}
    _Radbyggare(band, text=False).lagg_till(
        ut,
        a,
        arende_nr=arende_nr,
        radnummer=radnummer,
        insats_nr=insats_nr,
        uppfoljning_nr=uppfoljning_nr,
    )
    return ut


class _Minne(dict[Any, Any]):
    """``f(x)`` for each *x*, computed once (an extract has few distinct dates)."""

    def __init__(self, f: Callable[[Any], Any]) -> None:
        super().__init__()
        self.f = f
        self[None] = None

    def __missing__(self, x: Any) -> Any:
        v = self[x] = self.f(x)
        return v


def _samma(x: Any) -> Any:
    return x


class _Radbyggare:
    """Builds the rows of ärenden straight into a batch, for :func:`rader` and
    :class:`Inlasning`.

    What repeats from ärende to ärende is computed once per extract: a date's value in the
    rows (ISO text when *text*, for the CSV that DuckDB copies in; else the date), three
    months after a beslut, the band of an age. Every value is the one :func:`rader`
    documents; only the form of a date differs with *text*.
    """

    def __init__(self, band: Aldersband, *, text: bool) -> None:
        self.band = band
        self.okand = band.okand
        # The band of each exact age, up to one past the last band's bounds (an older age
        # falls in the same band as that one: an open last band, or none).
        hogst = max(max(b.fran, b.till or 0) for b in band.band_) + 1
        self.etikett = tuple(band.band(ar, ar) for ar in range(hogst + 1))
        self.hogst = hogst
        self.datum = _Minne(date.isoformat if text else _samma)
        self.plus3 = _Minne(lambda d: self.datum[_plus_tre_manader(d)])

    def _alder(self, a: Arende, vid: date | None) -> tuple[int | None, str]:
        """Age at *vid* (None unless exactly known) and its band (``okänd`` when unsettled)."""
        if vid is None:
            return None, self.okand
        fodd = a.fodelsedatum
        if fodd is not None:  # the common case, without the model's checks
            if vid < fodd:
                return None, self.okand
            ar = alder(fodd, vid)
            return ar, self.etikett[min(ar, self.hogst)]
        try:
            intervall = a.alder_intervall(vid=vid)
        except DateBeforeBirth:
            return None, self.okand
        if intervall is None:
            return None, self.okand
        lag, hog = intervall
        return (lag if lag == hog else None), self.band.band(lag, hog)

    def lagg_till(
        self,
        ut: Rader,
        a: Arende,
        *,
        arende_nr: int,
        radnummer: int | None,
        insats_nr: int,
        uppfoljning_nr: int,
    ) -> tuple[int, int]:
        """Append the rows of *a* to *ut*; the numbers of insatser and uppföljningar."""
        datum = self.datum
        alder_ = self._alder
        fodd = _fodelseintervall(a)
        akt = a.aktualiseringsdatum
        slut = slutdatum(a)
        insatser = a.insatser
        beslut = [i.beslutsdatum for i in insatser if i.beslutsdatum is not None]
        forsta = min(beslut) if beslut else None
        d1, d1b = _dagar(akt, forsta)
        d4, d4b = _dagar(akt, slut)
        ut["arende"].append(
            (
                arende_nr,
                radnummer,
                a.person_id,
                datum[akt],
                datum[slut],
                _int(a.juridiskt_kon),
                _int(a.ursprung),
                _ursprung_grupp(a.ursprung),
                _int(a.hushallstyp),
                _int(a.tidigare_kontakt),
                None if fodd is None else datumnyckel(fodd[0]),
                None if fodd is None else datumnyckel(fodd[1]),
                *alder_(a, akt),
                *alder_(a, slut),
                datum[forsta],
                d1,
                d1b,
                d4,
                d4b,
                len(insatser),
                None,  # kommun and person_id_kalla: filled by the pooled load
                None,
            )
        )
        if orsak := a.aktualiseringsorsak:
            ut["aktualiseringsorsak"] += [(arende_nr, int(k)) for k in sorted(orsak)]
        if problematik := a.problematik:
            ut["problematik"] += [(arende_nr, int(k)) for k in sorted(problematik)]
        # Dates there stay dates: the csv module writes them as ISO text too.
        ut["lokal"] += lokala_rader(
            a, arende_nr=arende_nr, insats_nr=insats_nr, u_nr=uppfoljning_nr
        )
        if not insatser:
            return 0, 0
        insats_rader, insatstyp_rader = ut["insats"], ut["insatstyp"]
        uppf_rader, samverkan_rader = ut["uppfoljning"], ut["samverkan"]
        uppf_forst = uppfoljning_nr
        for ordning, i in enumerate(insatser):
            nr = insats_nr + ordning
            avslut = i.avslut
            avslutsdatum = avslut.datum if avslut is not None else None
            beslutsdatum, verk = i.beslutsdatum, i.verkstallighetsdatum
            d2, d2b = _dagar(beslutsdatum, verk)
            d3, d3b = _dagar(verk, avslutsdatum)
            insats_rader.append(
                (
                    nr,
                    arende_nr,
                    ordning,
                    datum[beslutsdatum],
                    _int(i.beslut),
                    datum[verk],
                    datum[avslutsdatum],
                    _int(avslut.genomforande) if avslut is not None else None,
                    _int(avslut.avslutsorsak) if avslut is not None else None,
                    *alder_(a, verk),
                    *alder_(a, avslutsdatum),
                    d2,
                    d2b,
                    d3,
                    d3b,
                    self.plus3[beslutsdatum],
                    _sista_maluppfyllelse(i),
                )
            )
            if i.insatstyp:
                insatstyp_rader += [(nr, int(k)) for k in sorted(i.insatstyp)]
            for u in i.uppfoljningar:
                uppf_rader.append(
                    (
                        uppfoljning_nr,
                        nr,
                        arende_nr,
                        datum[u.datum],
                        _int(u.sip),
                        _int(u.parallella_insatser),
                        _int(u.maluppfyllelse),
                        _int(u.b1a),
                        _int(u.b1b),
                        _int(u.b2),
                        _int(u.b3),
                        _int(u.b4),
                        _int(u.b5),
                        *alder_(a, u.datum),
                    )
                )
                if u.samverkan:
                    samverkan_rader += [(uppfoljning_nr, int(k)) for k in sorted(u.samverkan)]
                uppfoljning_nr += 1
        return len(insatser), uppfoljning_nr - uppf_forst


def _lokalt(
    niva: str, nycklar: tuple[int, int | None, int | None], lv: LokalaVarden
) -> Iterator[tuple[Any, ...]]:
    """The rows of one level's local values."""
    for uid, nummer, x in lv.varden:
        if isinstance(x, date):
            yield (niva, *nycklar, uid, nummer, None, None, x, None, None, True)
        elif isinstance(x, frozenset | Vardemangd):
            for kod in sorted(x) if isinstance(x, frozenset) else (x,):
                nationell = rulla_upp(kod)
                nationell_vm = type(nationell)
                if isinstance(nationell, LokalVardemangd):  # a local code of its own
                    vm_namn, nationell_kod = None, None
                else:
                    vm_namn, nationell_kod = nationell_vm.__name__, int(nationell)
                rad = (uid, nummer, int(kod), None, None, vm_namn, nationell_kod, True)
                yield (niva, *nycklar, *rad)
        else:
            yield (niva, *nycklar, uid, nummer, None, int(x), None, None, None, True)
    for uid, text in lv.okanda:
        for nummer in sorted(json.loads(text)):
            yield (niva, *nycklar, uid, nummer, None, None, None, None, None, False)


def lokala_rader(a: Arende, *, arende_nr: int, insats_nr: int, u_nr: int) -> list[tuple[Any, ...]]:
    """The rows of table ``lokal`` for ärende *a*: its local values at every level, keyed
    as in the other tables (*insats_nr* and *u_nr*: the numbers of its first insats and
    uppföljning).

    A code carries the national code it counts under (a roll-up code's parent, or itself
    when the variable uses a national value set): the national tables hold the national
    variables only, so a query that counts by national code joins this table to add the
    local codes (docs page *Lokala variabler*). Values of an extension that was not loaded
    give a row per variable, without a value (``laddad`` false).

    Example:
        >>> from socialtjanst_variabler.lokala import exempel, las_definition
        >>> from socialtjanst_variabler import from_json
        >>> fia = las_definition(exempel("fia"))
        >>> a = from_json('{"id": "A-1", "insatser": [{"insatstyp": [11], "lokala": '
        ...               '{"se.kommun.exempel.fia": {"L2": [1101]}}}]}', utokningar=[fia])
        >>> (rad,) = lokala_rader(a, arende_nr=1, insats_nr=7, u_nr=1)
        >>> rad[:4]
        ('insats', 1, 7, None)
        >>> rad[4:]
        ('se.kommun.exempel.fia', 'L2', 1101, None, None, 'Insatstyp', 11, True)
    """
    if all(lv is TOMMA for lv in alla_lokala(a)):
        return []  # the common case: no local values
    ut = list(_lokalt("arende", (arende_nr, None, None), a.lokala))
    for ordning, i in enumerate(a.insatser):
        nr = insats_nr + ordning
        ut += _lokalt("insats", (arende_nr, nr, None), i.lokala)
        for u in i.uppfoljningar:
            ut += _lokalt("uppfoljning", (arende_nr, nr, u_nr), u.lokala)
            u_nr += 1
        if i.avslut is not None:
            ut += _lokalt("avslut", (arende_nr, nr, None), i.avslut.lokala)
    return ut


# --- reading an extract -------------------------------------------------------------------


@attrs.frozen
class Uteslutning:
    """How many lines or ärenden were left out, and why."""

    orsak: str
    antal: int


OLASBAR = "oläsbar rad"
GRANSKNINGSFEL = "fel i granskningen"


@attrs.define
class Inlasning:
    """Walks an extract and yields the rows of every table in batches.

    Attributes:
        utokningar: the extensions whose local values are read and checked (table
            ``lokal``).
        rader: lines (or ärenden) seen.
        arenden: ärenden that became rows.
        olasbara: lines that could not be read.
        granskningsfel: ärenden left out for a finding of severity ``fel``.
        datum_som_text: dates in the rows as ISO text (``2025-01-31``), for a CSV file;
            else as :class:`datetime.date`, for a DB-API ``executemany``.
        insatser: insatser that became rows.
        uppfoljningar: uppföljningar that became rows.
    """

    vid: date
    band: Aldersband = STANDARD
    granska: bool = True
    batch: int = 5000
    datum_som_text: bool = False
    rader: int = 0
    arenden: int = 0
    olasbara: int = 0
    granskningsfel: int = 0
    utokningar: tuple[Utokning, ...] = ()
    insatser: int = 0
    uppfoljningar: int = 0

    @property
    def uteslutna(self) -> tuple[Uteslutning, ...]:
        """The lines left out, by reason (reasons with none are listed too)."""
        return (
            Uteslutning(OLASBAR, self.olasbara),
            Uteslutning(GRANSKNINGSFEL, self.granskningsfel),
        )

    def _poster(
        self, kalla: str | BinaryIO | Iterable[Arende]
    ) -> Iterator[tuple[int | None, Arende | None]]:
        if isinstance(kalla, str):
            with open(kalla, "rb") as fil:
                yield from self._poster(fil)
            return
        if hasattr(kalla, "readline"):
            from socialtjanst_variabler.arende.jsonl import las_jsonl

            for rad in las_jsonl(kalla, utokningar=self.utokningar):  # type: ignore[arg-type]
                yield rad.radnummer, rad.arende
            return
        for a in kalla:
            yield None, a

    def las(self, kalla: str | BinaryIO | Iterable[Arende]) -> Iterator[Rader]:
        """Batches of rows from *kalla*: a path, a binary JSON Lines stream or ärenden."""
        return self.las_poster(self._poster(kalla))

    def las_poster(self, poster: Iterable[tuple[int | None, Arende | None]]) -> Iterator[Rader]:
        """Batches of rows from ``(line number, ärende or None if unreadable)`` pairs."""
        from socialtjanst_variabler.arende.granskning import Allvarlighet, granska

        bygg = _Radbyggare(self.band, text=self.datum_som_text)
        batch: Rader = {t.namn: [] for t in TABELLER}
        i_batch = 0
        for radnummer, a in poster:
            self.rader += 1
            if a is None:
                self.olasbara += 1
                batch["utesluten"].append((radnummer, OLASBAR, None, None))
            else:
                fel = (
                    sorted(
                        {
                            f.regel.value
                            for f in granska(a, vid=self.vid, utokningar=self.utokningar)
                            if f.allvarlighet is Allvarlighet.FEL
                        }
                    )
                    if self.granska
                    else []
                )
                if fel:
                    self.granskningsfel += 1
                    batch["utesluten"].append((radnummer, GRANSKNINGSFEL, ",".join(fel), None))
                else:
                    self.arenden += 1
                    n_insatser, n_uppfoljningar = bygg.lagg_till(
                        batch,
                        a,
                        arende_nr=self.arenden,
                        radnummer=radnummer,
                        insats_nr=self.insatser + 1,
                        uppfoljning_nr=self.uppfoljningar + 1,
                    )
                    self.insatser += n_insatser
                    self.uppfoljningar += n_uppfoljningar
            i_batch += 1
            if i_batch >= self.batch:
                yield batch
                batch = {t.namn: [] for t in TABELLER}
                i_batch = 0
        if i_batch:
            yield batch
