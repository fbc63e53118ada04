"""The analysis-table rows of one ärende (``statistik.tabeller.rader``) against an
independent oracle.

The oracle below is written from ``../shared/STATISTIK.md`` (common definitions: end of
an ärende, age, durations, ursprung groups, multi-choice tables) and from the column
descriptions of :data:`~socialtjanst_variabler.statistik.tabeller.TABELLER`, one column
at a time and by name, never from the fast builder (``_Radbyggare``). Where the sources
are silent the choice is written beside the code.

Age, birth-date intervals, the end of an ärende, durations and every column are computed
here again. Reused: the model's plain data (the record, a local code's ``overordnad``), the
band set's ``Band`` objects (not its lookup table) and ``dateutil.relativedelta`` as the
reference for calendar months.
"""

from __future__ import annotations

import calendar
import json
from collections import Counter
from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any

import attrs
import pytest
from dateutil.relativedelta import relativedelta
from hypothesis import given
from hypothesis import strategies as st

from socialtjanst_variabler import from_json, strategies
from socialtjanst_variabler.arende import Arende, Avslut, AvslutUtanInsats, Insats, Uppfoljning
from socialtjanst_variabler.identitet.personnummer import Personnummer
from socialtjanst_variabler.identitet.reservnummer import Reservnummer
from socialtjanst_variabler.lokala import exempel, las_definition
from socialtjanst_variabler.lokala.definition import LokalVardemangd, Utokning
from socialtjanst_variabler.lokala.strategies import arenden_med_lokala
from socialtjanst_variabler.lokala.varden import LokalaVarden
from socialtjanst_variabler.statistik.aldersband import (
    ALDRE,
    BARN_OCH_UNGA,
    EKONOMISKT_BISTAND,
    STANDARD,
    VUXNA_MISSBRUK,
    Aldersband,
)
from socialtjanst_variabler.statistik.tabeller import TABELL, TABELLER, Inlasning, Typ, rader
from socialtjanst_variabler.vardemangder import (
    Avslutsorsak,
    Beslutsutfall,
    Genomforande,
    Insatstyp,
    JuridisktKon,
    Maluppfyllelse,
    Problematik,
    Samverkan,
    Sip,
    Ursprung,
    Vardemangd,
)
from tests.lokala_strategier import definitioner
from tests.test_lokala import BAS

SENAST = date(2026, 6, 1)
Rad = dict[str, Any]
Tabeller = dict[str, list[tuple[Any, ...]]]

# --- the oracle ---------------------------------------------------------------------------


def fyllda_ar(fodd: date, vid: date) -> int:
    """Completed years on *vid*; born 29 February, one turns a year older on 28 February
    in a common year (lag 1930:173 1 §, DESIGN.md)."""
    fodelsedag = (fodd.month, fodd.day)
    if fodelsedag == (2, 29) and not calendar.isleap(vid.year):
        fodelsedag = (2, 28)
    return vid.year - fodd.year - (1 if (vid.month, vid.day) < fodelsedag else 0)


def fodelseintervall(a: Arende) -> tuple[date, date] | None:
    """The earliest and latest birth date that the record allows (None: nothing known)."""
    if a.fodelsedatum is not None:  # given, or from a personnummer or IVO reservnummer
        return a.fodelsedatum, a.fodelsedatum
    if a.personnummer is not None:
        # A samordningsnummer with a partly unknown date: month 00 and/or day 60 (00 + 60).
        text = str(a.personnummer)
        ar, manad, dag = int(text[:4]), int(text[4:6]), int(text[6:8]) - 60
        forsta_manad, sista_manad = (manad, manad) if manad else (1, 12)
        forsta_dag = dag or 1
        sista_dag = dag or calendar.monthrange(ar, sista_manad)[1]
        return date(ar, forsta_manad, forsta_dag), date(ar, sista_manad, sista_dag)
    if a.fodelsear is not None:
        return date(a.fodelsear, 1, 1), date(a.fodelsear, 12, 31)
    return None


def bandet(band: Aldersband, lag: int, hog: int) -> str:
    """The band that holds every age from *lag* to *hog*, else ``okänd``."""
    # Band.__contains__ and Band.etikett are the band set's plain public data; the
    # lookup table of Aldersband.band is not used.
    for b in band.band_:
        if lag in b and hog in b:
            return b.etikett
    return band.okand


def alder_och_band(a: Arende, vid: date | None, band: Aldersband) -> tuple[int | None, str]:
    """Age in completed years at *vid* (None unless the record settles it) and its band.

    The possible birth dates are the record's interval, cut at *vid* (whoever has an age
    on *vid* was born by then); none left means *vid* lies before birth: no age.
    """
    intervall = fodelseintervall(a)
    if vid is None or intervall is None or vid < intervall[0]:
        return None, band.okand
    tidigast, senast = intervall[0], min(intervall[1], vid)
    lag, hog = fyllda_ar(senast, vid), fyllda_ar(tidigast, vid)
    return (lag if lag == hog else None), bandet(band, lag, hog)


def arendets_slut(a: Arende) -> date | None:
    """STATISTIK.md "end of an ärende": the date of avslut utan insats when recorded (a
    recorded one wins, as ``slutdatum`` documents); otherwise, once every insats has ended
    (avslut with a date) or was refused (Avslag, with its beslut date), the latest of those
    dates; otherwise open (also an ärende without insatser)."""
    if a.avslut_utan_insats is not None:
        return a.avslut_utan_insats.datum
    datum = []
    for i in a.insatser:
        if i.beslut is Beslutsutfall.AVSLAG:
            datum.append(i.beslutsdatum)
        else:
            datum.append(i.avslut.datum if i.avslut is not None else None)
    if not datum or None in datum:
        return None
    return max(d for d in datum if d is not None)


def dagar(start: date | None, slut: date | None) -> tuple[int | None, bool]:
    """(elapsed days, runs backwards): a backwards interval has no duration, only the flag."""
    if start is None or slut is None:
        return None, False
    if slut < start:
        return None, True
    return (slut - start).days, False


def kod(x: Vardemangd | None) -> int | None:
    """A code as a plain int (the tables hold INTEGER, not enum members)."""
    return None if x is None else int(x)


def ursprung_grupp(u: Ursprung | None) -> int | None:
    """1 inrikes född (codes 1–2), 2 utrikes född (3–4), 3 vet inte (5)."""
    if u is None:
        return None
    return {1: 1, 2: 1, 3: 2, 4: 2, 5: 3}[int(u)]


def yyyymmdd(d: date) -> int:
    return int(d.strftime("%Y%m%d"))


def maluppfyllelse_vid_avslut(i: Insats) -> int | None:
    """Variable 17 of the last uppföljning dated on or before the avslut (R10).

    The sources are silent on two follow-ups on the same date: the later one in the
    record counts (the one registered last). Undated follow-ups are not placed in time and
    do not count; an unregistered variable 17 in the last one gives none.
    """
    if i.avslut is None or i.avslut.datum is None:
        return None
    slut = i.avslut.datum
    placerade = [(u.datum, u) for u in i.uppfoljningar if u.datum is not None and u.datum <= slut]
    if not placerade:
        return None
    # sorted() is stable: among equal dates the record's order stays, the last is last.
    sista = sorted(placerade, key=lambda p: p[0])[-1][1]
    return kod(sista.maluppfyllelse)


def lokala(
    niva: str, arende_nr: int, insats_nr: int | None, u_nr: int | None, lv: LokalaVarden
) -> list[Rad]:
    """Table ``lokal``: a row per value, per chosen code of a multi-choice, and per
    variable of an extension that was not loaded (without a value)."""
    ut: list[Rad] = []
    nycklar = {"niva": niva, "arende_nr": arende_nr, "insats_nr": insats_nr, "uppfoljning_nr": u_nr}
    tomt = dict.fromkeys(["kod", "heltal", "datum", "nationell_vardemangd", "nationell_kod"])
    for uid, nummer, x in lv.varden:
        rad = nycklar | tomt | {"utokning": uid, "nummer": nummer, "laddad": True}
        if isinstance(x, date):
            ut.append(rad | {"datum": x})
        elif isinstance(x, Vardemangd | frozenset):
            for k in x if isinstance(x, frozenset) else [x]:
                # The national code it counts under: a local code's parent, a national
                # code itself, a local code without a parent none.
                nationell = k.overordnad if isinstance(k, LokalVardemangd) else k
                ut.append(
                    rad
                    | {"kod": int(k)}
                    | (
                        {}
                        if nationell is None
                        else {
                            "nationell_vardemangd": type(nationell).__name__,
                            "nationell_kod": int(nationell),
                        }
                    )
                )
        else:
            ut.append(rad | {"heltal": x})
    for uid, text in lv.okanda:
        for nummer in json.loads(text):
            ut.append(nycklar | tomt | {"utokning": uid, "nummer": nummer, "laddad": False})
    return ut


def orakel(
    a: Arende,
    *,
    arende_nr: int,
    radnummer: int | None,
    insats_nr: int,
    uppfoljning_nr: int,
    band: Aldersband = STANDARD,
) -> dict[str, list[Rad]]:
    """The rows of *a* in every table, as dicts by column name."""
    ut: dict[str, list[Rad]] = {t.namn: [] for t in TABELLER}
    akt = a.aktualiseringsdatum
    slut = arendets_slut(a)
    intervall = fodelseintervall(a)
    beslut = [i.beslutsdatum for i in a.insatser if i.beslutsdatum is not None]
    forsta_beslut = min(beslut) if beslut else None
    alder_akt, band_akt = alder_och_band(a, akt, band)
    alder_slut, band_slut = alder_och_band(a, slut, band)
    d1, d1_bakvand = dagar(akt, forsta_beslut)
    d4, d4_bakvand = dagar(akt, slut)
    ut["arende"].append(
        {
            "arende_nr": arende_nr,
            "radnummer": radnummer,
            "person_id": a.person_id,
            "aktualiseringsdatum": akt,
            "slutdatum": slut,
            "juridiskt_kon": kod(a.juridiskt_kon),
            "ursprung": kod(a.ursprung),
            "ursprung_grupp": ursprung_grupp(a.ursprung),
            "hushallstyp": kod(a.hushallstyp),
            "tidigare_kontakt": kod(a.tidigare_kontakt),
            "fodd_tidigast": None if intervall is None else yyyymmdd(intervall[0]),
            "fodd_senast": None if intervall is None else yyyymmdd(intervall[1]),
            "alder_aktualisering": alder_akt,
            "aldersband_aktualisering": band_akt,
            "alder_slut": alder_slut,
            "aldersband_slut": band_slut,
            "forsta_beslutsdatum": forsta_beslut,
            "d1_dagar": d1,
            "d1_bakvand": d1_bakvand,
            "d4_dagar": d4,
            "d4_bakvand": d4_bakvand,
            "antal_insatser": len(a.insatser),
            "kommun": None,  # both filled by the pooled load only
            "person_id_kalla": None,
        }
    )
    for k in a.aktualiseringsorsak or ():
        ut["aktualiseringsorsak"].append({"arende_nr": arende_nr, "kod": int(k)})
    for k in a.problematik or ():
        ut["problematik"].append({"arende_nr": arende_nr, "kod": int(k)})
    ut["lokal"] += lokala("arende", arende_nr, None, None, a.lokala)
    u_nr = uppfoljning_nr
    for ordning, i in enumerate(a.insatser):
        nr = insats_nr + ordning
        avslut = i.avslut
        avslutsdatum = avslut.datum if avslut is not None else None
        alder_verk, band_verk = alder_och_band(a, i.verkstallighetsdatum, band)
        alder_avslut, band_avslut = alder_och_band(a, avslutsdatum, band)
        d2, d2_bakvand = dagar(i.beslutsdatum, i.verkstallighetsdatum)
        d3, d3_bakvand = dagar(i.verkstallighetsdatum, avslutsdatum)
        ut["insats"].append(
            {
                "insats_nr": nr,
                "arende_nr": arende_nr,
                "ordning": ordning,
                "beslutsdatum": i.beslutsdatum,
                "beslut": kod(i.beslut),
                "verkstallighetsdatum": i.verkstallighetsdatum,
                "avslutsdatum": avslutsdatum,
                "genomforande": None if avslut is None else kod(avslut.genomforande),
                "avslutsorsak": None if avslut is None else kod(avslut.avslutsorsak),
                "alder_verkstallighet": alder_verk,
                "aldersband_verkstallighet": band_verk,
                "alder_avslut": alder_avslut,
                "aldersband_avslut": band_avslut,
                "d2_dagar": d2,
                "d2_bakvand": d2_bakvand,
                "d3_dagar": d3,
                "d3_bakvand": d3_bakvand,
                # Calendar months, clamped to the month's end: dateutil is the reference.
                "beslut_plus_3_manader": None
                if i.beslutsdatum is None
                else i.beslutsdatum + relativedelta(months=3),
                "maluppfyllelse_vid_avslut": maluppfyllelse_vid_avslut(i),
            }
        )
        for typ in i.insatstyp or ():
            ut["insatstyp"].append({"insats_nr": nr, "kod": int(typ)})
        ut["lokal"] += lokala("insats", arende_nr, nr, None, i.lokala)
        for u in i.uppfoljningar:
            alder_u, band_u = alder_och_band(a, u.datum, band)
            ut["uppfoljning"].append(
                {
                    "uppfoljning_nr": u_nr,
                    "insats_nr": nr,
                    "arende_nr": arende_nr,
                    "datum": u.datum,
                    "sip": kod(u.sip),
                    "parallella_insatser": kod(u.parallella_insatser),
                    "maluppfyllelse": kod(u.maluppfyllelse),
                    "b1a": kod(u.b1a),
                    "b1b": kod(u.b1b),
                    "b2": kod(u.b2),
                    "b3": kod(u.b3),
                    "b4": kod(u.b4),
                    "b5": kod(u.b5),
                    "alder": alder_u,
                    "aldersband": band_u,
                }
            )
            for aktor in u.samverkan or ():
                ut["samverkan"].append({"uppfoljning_nr": u_nr, "kod": int(aktor)})
            ut["lokal"] += lokala("uppfoljning", arende_nr, nr, u_nr, u.lokala)
            u_nr += 1
        if avslut is not None:
            ut["lokal"] += lokala("avslut", arende_nr, nr, None, avslut.lokala)
    # utesluten, aldersband and period hold the run, not an ärende: no rows here.
    return ut


def som_tupler(tabeller: dict[str, list[Rad]]) -> Tabeller:
    """The oracle's rows as tuples in the column order of TABELLER (every column named)."""
    ut: Tabeller = {}
    for namn, rader_ in tabeller.items():
        kolumner = TABELL[namn].kolumnnamn
        for rad in rader_:
            assert sorted(rad) == sorted(kolumner), namn
        ut[namn] = [tuple(rad[k] for k in kolumner) for rad in rader_]
    return ut


# --- comparing ----------------------------------------------------------------------------

_TYPER: dict[Typ, type] = {Typ.INTEGER: int, Typ.TEXT: str, Typ.DATE: date, Typ.BOOLEAN: bool}


def kolumntyper(tabeller: Tabeller) -> None:
    """Every value has its column's type exactly (an int, never an enum member or a bool)."""
    for namn, rader_ in tabeller.items():
        kolumner = TABELL[namn].kolumner
        for rad in rader_:
            assert len(rad) == len(kolumner), namn
            for k, v in zip(kolumner, rad, strict=True):
                assert v is None or type(v) is _TYPER[k.typ], (namn, k.namn, v)


def _typad(rad: tuple[Any, ...]) -> tuple[tuple[type, Any], ...]:
    return tuple((type(v), v) for v in rad)


def lika(faktiska: Tabeller, vantade: Tabeller) -> None:
    """The same rows in every table, as multisets (their order is not defined), values and
    their types alike."""
    assert faktiska.keys() == vantade.keys()
    for namn in vantade:
        f = Counter(map(_typad, faktiska[namn]))
        v = Counter(map(_typad, vantade[namn]))
        assert f == v, (namn, sorted(map(repr, faktiska[namn])), sorted(map(repr, vantade[namn])))


def jamfor(a: Arende, band: Aldersband = STANDARD, **nummer: Any) -> Tabeller:
    """``rader(a)`` checked against the oracle; the rows."""
    nummer = {"arende_nr": 1, "radnummer": None, "insats_nr": 1, "uppfoljning_nr": 1} | nummer
    faktiska = rader(a, band=band, **nummer)
    kolumntyper(faktiska)
    lika(faktiska, som_tupler(orakel(a, band=band, **nummer)))
    return faktiska


# --- drawing ärenden ----------------------------------------------------------------------

_DATUM = st.dates(date(1880, 1, 1), date(2030, 12, 31))
_SKOTTDAGAR = st.integers(1892, 2024).filter(calendar.isleap).map(lambda ar: date(ar, 2, 29))


def _datum_i(a: Arende) -> list[date | None]:
    """Every date of the events of *a*."""
    utan = a.avslut_utan_insats
    ut = [a.aktualiseringsdatum, None if utan is None else utan.datum]
    for i in a.insatser:
        ut += [i.beslutsdatum, i.verkstallighetsdatum, None if i.avslut is None else i.avslut.datum]
        ut += [u.datum for u in i.uppfoljningar]
    return ut


@st.composite
def _omkastade(draw: st.DrawFn, a: Arende) -> Arende:
    """*a* with any date replaced (or dropped) at random: intervals that run backwards,
    events before birth, follow-ups after the avslut; now and then a beslut turned into
    an avslag (or back) and an avslut utan insats beside insatser. ``rader`` does not
    judge the data (``granska`` does, before it): every row must still be right."""

    # The ärende's own dates and birthdays (and the days around them) come up often:
    # equal dates and age boundaries are where rows go wrong.
    egna = [d for d in _datum_i(a) if d is not None]
    for fodd in (a.fodelsedatum, None if a.fodelsear is None else date(a.fodelsear, 12, 31)):
        if fodd is not None:
            ar = relativedelta(years=draw(st.integers(0, 100)))
            egna += [fodd + ar + timedelta(days=dag) for dag in (-1, 0, 1)]

    def datum(d: date | None) -> date | None:
        return draw(st.sampled_from([d, d, None, *egna]) | _DATUM)

    insatser = []
    for i in a.insatser:
        avslut = i.avslut
        if avslut is not None:
            avslut = attrs.evolve(avslut, datum=datum(avslut.datum))
        insatser.append(
            attrs.evolve(
                i,
                beslut=draw(st.sampled_from([i.beslut] * 4) | strategies.kod(Beslutsutfall)),
                beslutsdatum=datum(i.beslutsdatum),
                verkstallighetsdatum=datum(i.verkstallighetsdatum),
                uppfoljningar=tuple(attrs.evolve(u, datum=datum(u.datum)) for u in i.uppfoljningar),
                avslut=avslut,
            )
        )
    utan = draw(st.sampled_from([a.avslut_utan_insats] * 4) | st.just(AvslutUtanInsats()))
    if utan is not None:
        utan = attrs.evolve(utan, datum=datum(utan.datum))
    falt: dict[str, Any] = {}
    egen_identitet = a.personnummer is None and (
        a.reservnummer is None or a.reservnummer.is_regionalt
    )
    if egen_identitet and draw(st.booleans()):
        # A birth date of its own (born 29 February now and then), or none.
        falt = {"fodelsedatum": draw(st.none() | _DATUM | _SKOTTDAGAR), "fodelsear": None}
    return attrs.evolve(
        a,
        aktualiseringsdatum=datum(a.aktualiseringsdatum),
        avslut_utan_insats=utan,
        insatser=tuple(insatser),
        **falt,
    )


def _okand(lv: LokalaVarden, uid: str, poster: dict[str, Any] | None) -> LokalaVarden:
    if poster is None:
        return lv
    return attrs.evolve(lv, okanda=[*lv.okanda, (uid, json.dumps(poster))])


@st.composite
def _med_okand_utokning(draw: st.DrawFn, a: Arende, laddade: Iterable[str]) -> Arende:
    """*a* with the values of an extension that was not loaded at some levels."""
    uid = next(u for u in ("x.okand", "y.okand") if u not in set(laddade))
    poster = st.none() | st.dictionaries(
        st.integers(1, 9999).map(lambda n: f"L{n}"), st.integers() | st.just([1, 2]), max_size=3
    )
    insatser = tuple(
        attrs.evolve(
            i,
            lokala=_okand(i.lokala, uid, draw(poster)),
            uppfoljningar=tuple(
                attrs.evolve(u, lokala=_okand(u.lokala, uid, draw(poster))) for u in i.uppfoljningar
            ),
            avslut=None
            if i.avslut is None
            else attrs.evolve(i.avslut, lokala=_okand(i.avslut.lokala, uid, draw(poster))),
        )
        for i in a.insatser
    )
    return attrs.evolve(a, lokala=_okand(a.lokala, uid, draw(poster)), insatser=insatser)


_UTOKNINGAR = st.one_of(
    st.just(las_definition(BAS)),
    st.just(las_definition(exempel("fia"))),
    st.just(las_definition(exempel("suv39"))),
    definitioner().map(las_definition),
)


def _lokala_arenden(u: Utokning) -> st.SearchStrategy[Arende]:
    return arenden_med_lokala([u], senast=SENAST).flatmap(lambda a: _med_okand_utokning(a, [u.id]))


@st.composite
def _uppfoljda_kring_avslutet(draw: st.DrawFn, a: Arende) -> Arende:
    """*a* with more follow-ups of each ended insats, dated the day before its avslut, on
    it, after it or not at all, several on one day: the edges of maluppfyllelse at avslut."""
    insatser = []
    for i in a.insatser:
        slut = i.avslut.datum if i.avslut is not None else None
        dagar_: list[date | None] = [None]
        if slut is not None:
            dagar_ += [slut + timedelta(days=n) for n in (-1, 0, 0, 1)]
        extra = st.builds(
            Uppfoljning,
            datum=st.sampled_from(dagar_),
            maluppfyllelse=st.none() | strategies.kod(Maluppfyllelse),
        )
        nya = draw(st.lists(extra, max_size=4))
        insatser.append(attrs.evolve(i, uppfoljningar=(*i.uppfoljningar, *nya)))
    return attrs.evolve(a, insatser=tuple(insatser))


_KONSEKVENTA = st.one_of(strategies.arenden(senast=SENAST), _UTOKNINGAR.flatmap(_lokala_arenden))
#: Consistent ärenden (with local values or without), ones with their dates shuffled, and
#: ones with follow-ups around the avslut.
ARENDEN = st.one_of(
    _KONSEKVENTA,
    _KONSEKVENTA.flatmap(_omkastade),
    _KONSEKVENTA.flatmap(_uppfoljda_kring_avslutet),
)


@st.composite
def _egna_band(draw: st.DrawFn) -> Aldersband:
    """Bands of one's own: rising, with gaps, the last open or closed."""
    granser = sorted(draw(st.lists(st.integers(0, 110), min_size=2, max_size=10, unique=True)))
    par: list[tuple[int, int | None]] = list(zip(granser[::2], granser[1::2], strict=False))
    if draw(st.booleans()):
        par[-1] = (par[-1][0], None)
    return Aldersband.av(*par)


BAND = st.sampled_from([STANDARD, BARN_OCH_UNGA, EKONOMISKT_BISTAND, VUXNA_MISSBRUK, ALDRE])
BAND = BAND | _egna_band()


# --- properties ---------------------------------------------------------------------------


_NUMMER = st.fixed_dictionaries(
    {
        "arende_nr": st.integers(1, 10**6),
        "radnummer": st.none() | st.integers(1, 10**6),
        "insats_nr": st.integers(1, 10**6),
        "uppfoljning_nr": st.integers(1, 10**6),
    }
)


@given(ARENDEN, BAND, _NUMMER)
def test_rader_are_the_oracles_rows(a: Arende, band: Aldersband, nummer: dict[str, Any]) -> None:
    jamfor(a, band, **nummer)


def _som_text(tabeller: Tabeller) -> Tabeller:
    # The csv module writes a date as ISO text: both forms give the same file.
    def text(v: Any) -> Any:
        return v.isoformat() if isinstance(v, date) else v

    return {namn: [tuple(map(text, r)) for r in rr] for namn, rr in tabeller.items()}


@given(
    st.lists(ARENDEN, max_size=4),
    BAND,
    st.integers(1, 3),
    st.booleans(),
)
def test_a_whole_extract_is_numbered_in_reading_order(
    arenden: list[Arende], band: Aldersband, batch: int, text: bool
) -> None:
    inlasning = Inlasning(vid=SENAST, band=band, granska=False, batch=batch, datum_som_text=text)
    faktiska: Tabeller = {t.namn: [] for t in TABELLER}
    for b in inlasning.las(arenden):
        for namn, rr in b.items():
            faktiska[namn] += rr
    vantade: Tabeller = {t.namn: [] for t in TABELLER}
    insatser = uppfoljningar = 0
    for n, a in enumerate(arenden, start=1):
        nummer = {"insats_nr": insatser + 1, "uppfoljning_nr": uppfoljningar + 1}
        for namn, rr in som_tupler(
            orakel(a, arende_nr=n, radnummer=None, band=band, **nummer)
        ).items():
            vantade[namn] += rr
        insatser += len(a.insatser)
        uppfoljningar += sum(len(i.uppfoljningar) for i in a.insatser)
    if text:
        faktiska, vantade = _som_text(faktiska), _som_text(vantade)
    lika(faktiska, vantade)
    assert (inlasning.arenden, inlasning.insatser, inlasning.uppfoljningar) == (
        len(arenden),
        insatser,
        uppfoljningar,
    )


# --- examples: the edge cases the sources name, computed by hand --------------------------

AKT = date(2025, 1, 10)


def _arende(**falt: Any) -> Arende:
    grund: dict[str, Any] = {"id": "A-1", "aktualiseringsdatum": AKT}
    return Arende(**(grund | falt))


def en(t: Tabeller, tabell: str, i: int = 0) -> Rad:
    """Row *i* of *tabell* by column name."""
    return dict(zip(TABELL[tabell].kolumnnamn, t[tabell][i], strict=True))


@pytest.mark.parametrize(
    ("vid", "alder", "band"),
    [
        (date(2026, 2, 27), 17, "15–17"),
        (date(2026, 2, 28), 18, "18–20"),  # a common year: 28 February is the birthday
        (date(2028, 2, 28), 19, "18–20"),  # a leap year: not before 29 February
        (date(2028, 2, 29), 20, "18–20"),
    ],
)
def test_born_29_february(vid: date, alder: int, band: str) -> None:
    a = _arende(fodelsedatum=date(2008, 2, 29), aktualiseringsdatum=vid)
    r = en(jamfor(a), "arende")
    assert (r["fodd_tidigast"], r["fodd_senast"]) == (20080229, 20080229)
    assert (r["alder_aktualisering"], r["aldersband_aktualisering"]) == (alder, band)


def test_dates_in_reverse_order_are_flagged_without_a_duration() -> None:
    a = _arende(
        aktualiseringsdatum=date(2025, 3, 1),
        insatser=(
            Insats(
                beslutsdatum=date(2025, 2, 1),
                verkstallighetsdatum=date(2025, 1, 15),
                avslut=Avslut(datum=date(2025, 1, 1)),
            ),
        ),
    )
    t = jamfor(a)
    r, i = en(t, "arende"), en(t, "insats")
    assert (r["forsta_beslutsdatum"], r["slutdatum"]) == (date(2025, 2, 1), date(2025, 1, 1))
    assert (r["d1_dagar"], r["d1_bakvand"], r["d4_dagar"], r["d4_bakvand"]) == (
        None,
        True,
        None,
        True,
    )
    assert (i["d2_dagar"], i["d2_bakvand"], i["d3_dagar"], i["d3_bakvand"]) == (
        None,
        True,
        None,
        True,
    )


def test_the_same_day_is_zero_days_not_backwards() -> None:
    a = _arende(
        insatser=(Insats(beslutsdatum=AKT, verkstallighetsdatum=AKT, avslut=Avslut(datum=AKT)),)
    )
    t = jamfor(a)
    r, i = en(t, "arende"), en(t, "insats")
    assert (r["d1_dagar"], r["d1_bakvand"], r["d4_dagar"], r["d4_bakvand"]) == (0, False, 0, False)
    assert (i["d2_dagar"], i["d2_bakvand"], i["d3_dagar"], i["d3_bakvand"]) == (0, False, 0, False)


def test_an_insats_without_avslut_leaves_the_arende_open() -> None:
    a = _arende(
        fodelsedatum=date(1990, 6, 1),
        insatser=(
            Insats(beslutsdatum=date(2025, 1, 31), verkstallighetsdatum=date(2025, 2, 10)),
            Insats(
                beslutsdatum=date(2025, 2, 1),
                verkstallighetsdatum=date(2025, 2, 15),
                avslut=Avslut(
                    datum=date(2025, 6, 30),
                    genomforande=Genomforande(1),
                    avslutsorsak=Avslutsorsak(1),
                ),
            ),
        ),
    )
    t = jamfor(a)
    r, oppen, stangd = en(t, "arende"), en(t, "insats"), en(t, "insats", 1)
    assert (r["slutdatum"], r["d4_dagar"], r["d4_bakvand"]) == (None, None, False)
    assert (r["alder_slut"], r["aldersband_slut"], r["antal_insatser"]) == (None, "okänd", 2)
    assert (r["forsta_beslutsdatum"], r["d1_dagar"]) == (date(2025, 1, 31), 21)
    assert (oppen["avslutsdatum"], oppen["genomforande"], oppen["avslutsorsak"]) == (
        None,
        None,
        None,
    )
    assert (oppen["d3_dagar"], oppen["d3_bakvand"], oppen["maluppfyllelse_vid_avslut"]) == (
        None,
        False,
        None,
    )
    assert (oppen["alder_avslut"], oppen["aldersband_avslut"]) == (None, "okänd")
    assert (oppen["alder_verkstallighet"], oppen["aldersband_verkstallighet"]) == (34, "30–39")
    assert (stangd["d2_dagar"], stangd["d3_dagar"], stangd["alder_avslut"]) == (14, 135, 35)
    assert (stangd["genomforande"], stangd["avslutsorsak"]) == (1, 1)
    assert [(x["insats_nr"], x["ordning"]) for x in (oppen, stangd)] == [(1, 0), (2, 1)]


def test_an_avslut_without_a_date_leaves_the_arende_open() -> None:
    a = _arende(insatser=(Insats(beslutsdatum=AKT, avslut=Avslut(genomforande=Genomforande(1))),))
    t = jamfor(a)
    assert en(t, "arende")["slutdatum"] is None
    assert en(t, "insats")["genomforande"] == 1


def test_avslag_without_verkstallighet_ends_the_arende_on_the_beslut() -> None:
    a = _arende(
        insatser=(
            Insats(
                beslutsdatum=date(2025, 2, 20),
                beslut=Beslutsutfall.AVSLAG,
                insatstyp=frozenset({Insatstyp.BOENDESTOD}),
            ),
        ),
    )
    t = jamfor(a)
    r, i = en(t, "arende"), en(t, "insats")
    assert (r["slutdatum"], r["d1_dagar"], r["d4_dagar"]) == (date(2025, 2, 20), 41, 41)
    assert (i["beslut"], i["verkstallighetsdatum"], i["d2_dagar"], i["d2_bakvand"]) == (
        3,
        None,
        None,
        False,
    )
    assert i["beslut_plus_3_manader"] == date(2025, 5, 20)
    assert t["insatstyp"] == [(1, 6)]
    # Without its beslut date the avslag has no date to end the ärende on.
    utan_datum = attrs.evolve(a, insatser=(attrs.evolve(a.insatser[0], beslutsdatum=None),))
    assert en(jamfor(utan_datum), "arende")["slutdatum"] is None


def test_avslut_utan_insats_ends_the_arende() -> None:
    a = _arende(avslut_utan_insats=AvslutUtanInsats(datum=date(2025, 1, 20)))
    t = jamfor(a)
    assert (en(t, "arende")["slutdatum"], en(t, "arende")["d4_dagar"]) == (date(2025, 1, 20), 10)
    assert t["insats"] == []
    assert en(jamfor(_arende()), "arende")["slutdatum"] is None  # no insats: open


def _uppf(d: date | None, m: int | None) -> Uppfoljning:
    return Uppfoljning(datum=d, maluppfyllelse=None if m is None else Maluppfyllelse(m))


@pytest.mark.parametrize(
    ("uppfoljningar", "vantat"),
    [
        # the one on the avslut day counts; one after it and an undated one do not
        ([(date(2025, 3, 1), 4), (date(2025, 6, 30), 2), (date(2025, 9, 1), 5), (None, 6)], 2),
        # the record's order does not matter, the dates do
        ([(date(2025, 9, 1), 5), (date(2025, 6, 1), 1), (date(2025, 3, 1), 4)], 1),
        # the last one without variable 17: none (an earlier answer is not carried on)
        ([(date(2025, 3, 1), 4), (date(2025, 6, 1), None)], None),
        # two on one date: the later in the record (the sources are silent)
        ([(date(2025, 6, 1), 4), (date(2025, 6, 1), 3)], 3),
        # only after the avslut
        ([(date(2025, 7, 1), 4)], None),
    ],
)
def test_maluppfyllelse_at_avslut(
    uppfoljningar: list[tuple[date | None, int | None]], vantat: int | None
) -> None:
    a = _arende(
        fodelsedatum=date(1990, 6, 1),
        insatser=(
            Insats(
                beslutsdatum=date(2025, 1, 20),
                verkstallighetsdatum=date(2025, 2, 1),
                uppfoljningar=tuple(_uppf(d, m) for d, m in uppfoljningar),
                avslut=Avslut(datum=date(2025, 6, 30)),
            ),
        ),
    )
    t = jamfor(a, uppfoljning_nr=7, insats_nr=3)
    assert en(t, "insats")["maluppfyllelse_vid_avslut"] == vantat
    # Every follow-up has its row, after the avslut too, numbered in record order.
    assert [
        (en(t, "uppfoljning", n)["uppfoljning_nr"], en(t, "uppfoljning", n)["datum"])
        for n in range(len(uppfoljningar))
    ] == [(7 + n, d) for n, (d, _) in enumerate(uppfoljningar)]


def test_a_follow_up_after_the_avslut_has_its_own_age() -> None:
    a = _arende(
        fodelsedatum=date(2000, 7, 1),
        insatser=(
            Insats(
                beslutsdatum=date(2025, 1, 20),
                verkstallighetsdatum=date(2025, 2, 1),
                uppfoljningar=(_uppf(date(2025, 7, 1), 1),),
                avslut=Avslut(datum=date(2025, 6, 30)),
            ),
        ),
    )
    t = jamfor(a)
    assert (en(t, "insats")["alder_avslut"], en(t, "insats")["aldersband_avslut"]) == (24, "21–24")
    assert (en(t, "uppfoljning")["alder"], en(t, "uppfoljning")["aldersband"]) == (25, "25–29")
    assert en(t, "insats")["maluppfyllelse_vid_avslut"] is None


@pytest.mark.parametrize(
    ("beslut", "plus3"),
    [
        (date(2025, 11, 30), date(2026, 2, 28)),
        (date(2023, 11, 30), date(2024, 2, 29)),
        (date(2025, 1, 31), date(2025, 4, 30)),
        (date(2025, 12, 15), date(2026, 3, 15)),
        (date(2025, 10, 31), date(2026, 1, 31)),
    ],
)
def test_three_calendar_months_after_the_beslut(beslut: date, plus3: date) -> None:
    t = jamfor(_arende(insatser=(Insats(beslutsdatum=beslut),)))
    assert en(t, "insats")["beslut_plus_3_manader"] == plus3


SAMORDNING = Personnummer.parse("19800260-2384", ofullstandigt_datum=True)


@pytest.mark.parametrize(
    ("vid", "alder", "band"),
    [
        (date(1990, 2, 15), None, "okänd"),  # 9 or 10: two bands
        (date(1990, 3, 1), 10, "10–12"),
        (date(1980, 2, 10), 0, "0–3"),  # within the birth month: born by then
        (date(1980, 1, 31), None, "okänd"),  # before the earliest birth date
    ],
)
def test_a_samordningsnummer_with_an_unknown_day(vid: date, alder: int | None, band: str) -> None:
    r = en(jamfor(_arende(personnummer=SAMORDNING, aktualiseringsdatum=vid)), "arende")
    assert (r["fodd_tidigast"], r["fodd_senast"]) == (19800201, 19800229)
    assert (r["alder_aktualisering"], r["aldersband_aktualisering"]) == (alder, band)
    assert r["juridiskt_kon"] == 1


@pytest.mark.parametrize(
    ("vid", "alder", "band"),
    [
        (date(2010, 12, 31), 10, "10–12"),  # everyone born in 2000 is 10 on 31 December
        (date(2010, 6, 1), None, "okänd"),  # 9 or 10
        (date(2012, 6, 1), None, "10–12"),  # 11 or 12: the band is known, the age is not
        (date(2000, 6, 1), 0, "0–3"),
        (date(1999, 12, 31), None, "okänd"),
    ],
)
def test_a_birth_year_alone(vid: date, alder: int | None, band: str) -> None:
    r = en(jamfor(_arende(fodelsear=2000, aktualiseringsdatum=vid)), "arende")
    assert (r["fodd_tidigast"], r["fodd_senast"]) == (20000101, 20001231)
    assert (r["alder_aktualisering"], r["aldersband_aktualisering"]) == (alder, band)


@pytest.mark.parametrize(
    "identitet",
    [
        {"anonym": True, "juridiskt_kon": JuridisktKon(2)},
        {"reservnummer": Reservnummer.parse("990000123456")},
        {},
    ],
)
def test_no_birth_date_no_age(identitet: dict[str, Any]) -> None:
    r = en(jamfor(_arende(**identitet)), "arende")
    assert (r["fodd_tidigast"], r["fodd_senast"], r["alder_aktualisering"]) == (None, None, None)
    assert r["aldersband_aktualisering"] == "okänd"


def test_an_ivo_reservnummer_gives_the_birth_date() -> None:
    r = en(jamfor(_arende(reservnummer=Reservnummer.parse("20100505-T123"))), "arende")
    assert (r["fodd_tidigast"], r["alder_aktualisering"], r["aldersband_aktualisering"]) == (
        20100505,
        14,
        "13–14",
    )


@pytest.mark.parametrize(("ursprung", "grupp"), [(1, 1), (2, 1), (3, 2), (4, 2), (5, 3)])
def test_ursprung_groups(ursprung: int, grupp: int) -> None:
    r = en(jamfor(_arende(ursprung=Ursprung(ursprung))), "arende")
    assert (r["ursprung"], r["ursprung_grupp"]) == (ursprung, grupp)


def test_multi_choice_codes_give_a_row_each() -> None:
    a = _arende(
        aktualiseringsorsak=frozenset({Problematik(5), Problematik(1)}),
        problematik=frozenset({Problematik(2)}),
        insatser=(
            Insats(insatstyp=frozenset({Insatstyp(11), Insatstyp(3)})),
            Insats(
                uppfoljningar=(
                    Uppfoljning(samverkan=frozenset({Samverkan(1), Samverkan(6)})),
                    Uppfoljning(samverkan=frozenset({Samverkan(11)}), sip=Sip(2)),
                )
            ),
        ),
    )
    t = jamfor(a, arende_nr=4, insats_nr=10, uppfoljning_nr=20)
    assert sorted(t["aktualiseringsorsak"]) == [(4, 1), (4, 5)]
    assert t["problematik"] == [(4, 2)]
    assert sorted(t["insatstyp"]) == [(10, 3), (10, 11)]
    assert sorted(t["samverkan"]) == [(20, 1), (20, 6), (21, 11)]
    assert [
        (en(t, "uppfoljning", n)["insats_nr"], en(t, "uppfoljning", n)["sip"]) for n in (0, 1)
    ] == [
        (11, None),
        (11, 2),
    ]


def test_local_values_loaded_and_not() -> None:
    u = las_definition(BAS)
    t = "se.kommun.test"
    text = json.dumps(
        {
            "id": "A-1",
            "lokala": {t: {"L1": [2, 1]}, "x.annan": {"L9": 1, "L3": "x"}},
            "insatser": [
                {
                    "lokala": {t: {"L2": 1101}},
                    "uppfoljningar": [{}, {"lokala": {t: {"L3": 7}}}],
                    "avslut": {"lokala": {t: {"L4": "2026-03-31"}}},
                }
            ],
        }
    )
    a = from_json(text, utokningar=[u])
    rows = jamfor(a, arende_nr=2, insats_nr=5, uppfoljning_nr=8)["lokal"]
    assert sorted(rows, key=repr) == sorted(
        [
            ("arende", 2, None, None, t, "L1", 1, None, None, None, None, True),
            ("arende", 2, None, None, t, "L1", 2, None, None, None, None, True),
            ("arende", 2, None, None, "x.annan", "L3", None, None, None, None, None, False),
            ("arende", 2, None, None, "x.annan", "L9", None, None, None, None, None, False),
            ("insats", 2, 5, None, t, "L2", 1101, None, None, "Insatstyp", 11, True),
            ("uppfoljning", 2, 5, 9, t, "L3", None, 7, None, None, None, True),
            ("avslut", 2, 5, None, t, "L4", None, None, date(2026, 3, 31), None, None, True),
        ],
        key=repr,
    )
