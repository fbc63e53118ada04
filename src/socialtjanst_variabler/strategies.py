"""Hypothesis strategies for vendors who property-test their own systems.

Needs the optional extra: ``pip install socialtjanst-variabler[testing]`` (it imports
``hypothesis``, which the library itself never does).

Strategies: :func:`personnummer` (valid numbers), :func:`samordningsnummer_ofullstandiga`
(samordningsnummer with a partly unknown birth date), :func:`reservnummer` (IVO's
T-format and regional ones), :func:`kod` and :func:`koder` (any value set),
:func:`samverkan` (variable 14 with its exclusive codes) and :func:`arenden` (whole,
consistent ärenden).

Example:
    >>> from hypothesis import given
    >>> from socialtjanst_variabler import strategies
    >>> @given(strategies.personnummer(samordningsnummer=False))
    ... def test_roundtrip(p):
    ...     assert Personnummer.parse(str(p)) == p
    >>> test_roundtrip()

    A vendor's own round trip through its system, against the spec's consistency rules:

    >>> import socialtjanst_variabler as sv
    >>> @given(strategies.arenden())
    ... def test_mitt_system(a):
    ...     assert sv.from_json(sv.to_json(a)) == a  # e.g. store and load in your system
    >>> test_mitt_system()
"""

from __future__ import annotations

import string
from datetime import date, timedelta
from typing import TypeVar

import attrs
from hypothesis import strategies as st

from socialtjanst_variabler._datum import alder
from socialtjanst_variabler.arende import Arende, Avslut, AvslutUtanInsats, Insats, Uppfoljning
from socialtjanst_variabler.errors import InvalidReservnummer
from socialtjanst_variabler.identitet.personnummer import Personnummer, calc_check_digit
from socialtjanst_variabler.identitet.reservnummer import Reservnummer
from socialtjanst_variabler.vardemangder import (
    INGEN_SAMVERKAN,
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

__all__ = [
    "arenden",
    "kod",
    "koder",
    "personnummer",
    "reservnummer",
    "samordningsnummer_ofullstandiga",
    "samverkan",
]

V = TypeVar("V", bound=Vardemangd)
T = TypeVar("T")

#: The earliest birth date in Skatteverket's test personnummer.
_TIDIGAST: date = date(1890, 1, 1)


def personnummer(
    *,
    samordningsnummer: bool | None = None,
    juridiskt_kon: JuridisktKon | None = None,
    min_fodelsedatum: date = _TIDIGAST,
    max_fodelsedatum: date | None = None,
) -> st.SearchStrategy[Personnummer]:
    """Valid personnummer and samordningsnummer, as ``Personnummer`` objects.

    Args:
        samordningsnummer: only samordningsnummer (True), only personnummer (False) or
            both (None, the default).
        juridiskt_kon: only numbers with this juridiskt kön (default: both).
        min_fodelsedatum: the earliest birth date (default 1890-01-01, the earliest in
            Skatteverket's test numbers).
        max_fodelsedatum: the latest birth date (default: today, when the strategy is
            created, so every number is valid with the default reference date).

    Serials run over 001–999; the birth date, serial and kind shrink towards simple
    values.
    """
    senast = date.today() if max_fodelsedatum is None else max_fodelsedatum
    sorter = st.booleans() if samordningsnummer is None else st.just(samordningsnummer)
    nummer = _serier(juridiskt_kon)

    def bygg(fodd: date, samordning: bool, serie: int) -> Personnummer:
        dag = fodd.day + 60 if samordning else fodd.day
        nio = f"{fodd.year % 100:02d}{fodd.month:02d}{dag:02d}{serie:03d}"
        text = f"{fodd.year // 100:02d}{nio}{calc_check_digit(nio)}"
        return Personnummer.parse(text, referensdatum=senast)

    return st.builds(bygg, st.dates(min_fodelsedatum, senast), sorter, nummer)


def _serier(juridiskt_kon: JuridisktKon | None) -> st.SearchStrategy[int]:
    """Födelsenummer 001-999; the 9th digit of the 10-digit form (the serial's last
    digit) is odd for Man."""
    if juridiskt_kon is None:
        return st.integers(1, 999)
    if juridiskt_kon is JuridisktKon.POJKE_MAN:
        return st.integers(0, 499).map(lambda n: 2 * n + 1)
    return st.integers(1, 499).map(lambda n: 2 * n)


def samordningsnummer_ofullstandiga(
    *,
    juridiskt_kon: JuridisktKon | None = None,
    min_fodelsear: int = _TIDIGAST.year,
    max_fodelsear: int | None = None,
) -> st.SearchStrategy[Personnummer]:
    """Samordningsnummer whose birth date is partly unknown, as ``Personnummer`` objects.

    Month 00 with a known day, a known month with day 60 (day 00 + 60), or both, as
    Skatteverket assigns them; each parses with ``ofullstandigt_datum=True``.

    Args:
        juridiskt_kon: only numbers with this juridiskt kön (default: both).
        min_fodelsear: the earliest birth year (default 1890).
        max_fodelsear: the latest birth year (default: last year, when the strategy is
            created, so every number is valid with the default reference date).

    Example:
        >>> from hypothesis import given
        >>> @given(samordningsnummer_ofullstandiga())
        ... def test_ofullstandig(p):
        ...     assert not p.har_fullstandigt_datum and p.is_samordningsnummer
        >>> test_ofullstandig()
    """
    sista = date.today().year - 1 if max_fodelsear is None else max_fodelsear
    okant: st.SearchStrategy[tuple[int, int]] = st.one_of(
        st.tuples(st.just(0), st.integers(1, 31)),  # the month unknown
        st.tuples(st.integers(1, 12), st.just(0)),  # the day unknown
        st.just((0, 0)),  # both
    )

    def bygg(ar: int, manad_dag: tuple[int, int], serie: int) -> Personnummer:
        manad, dag = manad_dag
        nio = f"{ar % 100:02d}{manad:02d}{dag + 60:02d}{serie:03d}"
        return Personnummer.parse(
            f"{ar // 100:02d}{nio}{calc_check_digit(nio)}",
            referensdatum=date(ar, 12, 31),
            ofullstandigt_datum=True,
        )

    return st.builds(bygg, st.integers(min_fodelsear, sista), okant, _serier(juridiskt_kon))


def _ar_regionalt(text: str) -> bool:
    try:
        return Reservnummer.parse(text).is_regionalt
    except InvalidReservnummer:
        return False


def reservnummer(
    *, regionalt: bool | None = None, max_fodelsedatum: date | None = None
) -> st.SearchStrategy[Reservnummer]:
    """Valid reservnummer: IVO's T-format (``ÅÅÅÅMMDD-T123``, ``ÅÅÅÅMMDD-TF10``) and
    regional ones (opaque text).

    Args:
        regionalt: only regional (True), only IVO's T-format (False) or both (None).
        max_fodelsedatum: the latest birth date of an IVO reservnummer (default: today,
            when the strategy is created).

    Example:
        >>> from hypothesis import given
        >>> @given(reservnummer())
        ... def test_tur_och_retur(r):
        ...     assert Reservnummer.parse(str(r)) == r
        >>> test_tur_och_retur()
    """
    senast = date.today() if max_fodelsedatum is None else max_fodelsedatum

    def ivo_text(fodd: date, bokstav: str, nummer: int, tf: bool) -> Reservnummer:
        slut = f"TF{nummer % 100:02d}" if tf else f"{bokstav}{nummer:03d}"
        return Reservnummer.parse(f"{fodd:%Y%m%d}-{slut}", referensdatum=senast)

    ivo = st.builds(
        ivo_text,
        st.dates(_TIDIGAST, senast),
        st.sampled_from(string.ascii_uppercase),
        st.integers(0, 999),
        st.booleans(),
    )
    regionala = (
        st.one_of(
            st.from_regex(r"\A(99[0-9]{10}|[0-9]{8}-[A-Z0-9]{4}|[A-Z]{1,4}-?[0-9]{3,10})\Z"),
            st.text(
                st.characters(codec="utf-8", categories=("L", "N", "P", "S")),
                min_size=1,
                max_size=40,
            ),
        )
        .filter(_ar_regionalt)
        .map(Reservnummer.parse)
    )
    if regionalt is None:
        return st.one_of(ivo, regionala)
    return regionala if regionalt else ivo


def kod(vardemangd: type[V]) -> st.SearchStrategy[V]:
    """Any member of the value set *vardemangd*."""
    return st.sampled_from(list(vardemangd))


def koder(vardemangd: type[V]) -> st.SearchStrategy[frozenset[V]]:
    """A registered multi-choice answer: a non-empty set of codes of *vardemangd*."""
    return st.frozensets(kod(vardemangd), min_size=1, max_size=4)


def samverkan() -> st.SearchStrategy[frozenset[Samverkan]]:
    """A valid answer to variable 14: codes 1–10, or code 11 or 12 alone."""
    vanliga = [m for m in Samverkan if m not in INGEN_SAMVERKAN]
    return st.one_of(
        st.frozensets(st.sampled_from(vanliga), min_size=1, max_size=4),
        st.sampled_from([frozenset({m}) for m in sorted(INGEN_SAMVERKAN)]),
    )


def _kanske(s: st.SearchStrategy[T]) -> st.SearchStrategy[T | None]:
    """Mostly registered, sometimes absent."""
    return st.one_of(st.none(), s, s, s)


@st.composite
def _datumkedja(draw: st.DrawFn, start: date, senast: date, antal: int) -> list[date]:
    offsets = st.integers(0, (senast - start).days)
    return [
        start + timedelta(days=o)
        for o in sorted(draw(st.lists(offsets, min_size=antal, max_size=antal)))
    ]


@st.composite
def _uppfoljning(draw: st.DrawFn, datum: date) -> Uppfoljning:
    b1a = draw(_kanske(kod(Forandring)))
    b1b = draw(_kanske(kod(Forandring)))
    # B2 is asked only when B1a or B1b improved.
    forbattrad = any(b is not None and b.is_forbattring for b in (b1a, b1b))
    return Uppfoljning(
        datum=draw(_kanske(st.just(datum))),
        samverkan=draw(_kanske(samverkan())),
        sip=draw(_kanske(kod(Sip))),
        parallella_insatser=draw(_kanske(kod(ParallellaInsatser))),
        maluppfyllelse=draw(_kanske(kod(Maluppfyllelse))),
        b1a=b1a,
        b1b=b1b,
        b2=draw(_kanske(kod(Betydelse) if forbattrad else st.nothing())),
        b3=draw(_kanske(kod(Nojdhet))),
        b4=draw(_kanske(kod(Bemotande))),
        b5=draw(_kanske(kod(Delaktighet))),
    )


@st.composite
def _insats(draw: st.DrawFn, akt: date, senast: date) -> Insats:
    """An insats with its dates in process order; the avslutsorsak is drawn later."""
    antal = draw(st.integers(0, 2))
    beslut, verk, *uppf, slut = draw(_datumkedja(akt, senast, 3 + antal))
    utfall = draw(_kanske(kod(Beslutsutfall)))
    if utfall is Beslutsutfall.AVSLAG:  # refused: never carried out
        return Insats(
            beslutsdatum=draw(_kanske(st.just(beslut))),
            beslut=utfall,
            insatstyp=draw(_kanske(koder(Insatstyp))),
            bistandsbedomd=draw(_kanske(st.booleans())),
        )
    avslut = Avslut(
        datum=draw(_kanske(st.just(slut))), genomforande=draw(_kanske(kod(Genomforande)))
    )
    return Insats(
        beslutsdatum=draw(_kanske(st.just(beslut))),
        beslut=utfall,
        verkstallighetsdatum=draw(_kanske(st.just(verk))),
        insatstyp=draw(_kanske(koder(Insatstyp))),
        bistandsbedomd=draw(_kanske(st.booleans())),
        foljs_upp_av_myndighetsutovningen=draw(_kanske(st.booleans())),
        uppfoljningar=tuple(draw(_uppfoljning(d)) for d in uppf),
        avslut=draw(st.none() | st.just(avslut)),
    )


def _orsaker(insats: Insats, fodd: date | None, sista: date, senast: date) -> list[Avslutsorsak]:
    """The avslutsorsaker consistent with the rest of the ärende, judged as ``granska``
    does at *senast*."""
    avslut = insats.avslut
    assert avslut is not None
    slut = avslut.datum
    uteslutna = {
        # never started, yet verkställd or followed up
        Avslutsorsak.PABORJADES_ALDRIG: insats.verkstallighetsdatum or insats.uppfoljningar,
        # a death, yet later events
        Avslutsorsak.BRUKAREN_HAR_AVLIDIT: slut is None or slut != sista,
        # a guardian, yet an adult (at the avslut, or at senast without its date)
        Avslutsorsak.AVBRYTS_AV_VARDNADSHAVARE: fodd is None or alder(fodd, slut or senast) >= 18,
    }
    return [o for o in Avslutsorsak if not uteslutna.get(o)]


@st.composite
def arenden(draw: st.DrawFn, *, senast: date | None = None) -> Arende:
    """Well-formed, consistent ärenden with every date on or before *senast*.

    ``granska(a, vid=senast)`` finds nothing of severity *fel* in them; findings of
    severity *saknas* are expected, since values are often left unregistered.

    Args:
        senast: the latest date of any event (default: today, when drawn).
    """
    senast = senast or date.today()
    # The identity: a personnummer (possibly a samordningsnummer with a partly unknown
    # birth date), a reservnummer, an anonymous client, or none (yet).
    fore = senast - timedelta(days=1)
    pnr = draw(
        st.none()
        | personnummer(max_fodelsedatum=fore)
        | samordningsnummer_ofullstandiga(max_fodelsear=fore.year)
    )
    reserv = None if pnr else draw(st.none() | reservnummer(max_fodelsedatum=fore))
    anonym = pnr is None and reserv is None and draw(st.booleans())
    harlett = (pnr is not None) or (reserv is not None and not reserv.is_regionalt)
    if pnr is not None:
        fodd = pnr.fodelsedatum if pnr.har_fullstandigt_datum else None
    elif reserv is not None and not reserv.is_regionalt:
        fodd = reserv.fodelsedatum
    else:
        fodd = draw(_kanske(st.dates(date(1900, 1, 1), senast)))
    # Without a birth date, sometimes the birth year alone is known.
    if pnr is not None and not pnr.har_fullstandigt_datum:
        fodelsear = None  # it comes from the number
        fodd_tidigast = date(pnr.fodelsear, 1, 1)
    else:
        fodelsear = None if fodd else draw(_kanske(st.integers(1900, senast.year)))
        fodd_tidigast = fodd or (date(fodelsear, 1, 1) if fodelsear else date.min)
    akt = draw(st.dates(max(fodd_tidigast, min(date(1990, 1, 1), senast)), senast))
    insatser = draw(st.lists(_insats(akt, senast), max_size=3))
    utan_insats = None
    if all(i.beslut is Beslutsutfall.AVSLAG for i in insatser):
        utan_insats = draw(
            _kanske(
                st.builds(
                    AvslutUtanInsats,
                    datum=_kanske(st.dates(akt, senast)),
                    orsak=_kanske(kod(OrsakUtanInsats)),
                )
            )
        )
    sista = max(
        [akt]
        + [d for i in insatser for d in (i.beslutsdatum, i.verkstallighetsdatum) if d]
        + [u.datum for i in insatser for u in i.uppfoljningar if u.datum]
        + [i.avslut.datum for i in insatser if i.avslut and i.avslut.datum]
    )
    insatser = [
        attrs.evolve(
            i,
            avslut=attrs.evolve(
                i.avslut,
                avslutsorsak=draw(_kanske(st.sampled_from(_orsaker(i, fodd, sista, senast)))),
            ),
        )
        if i.avslut
        else i
        for i in insatser
    ]
    return Arende(
        id=draw(st.text(st.characters(codec="utf-8"), min_size=1, max_size=12).filter(str.strip)),
        # At most six digits: an opaque key never looks like a personnummer.
        person_id=draw(_kanske(st.integers(0, 999_999).map(lambda n: f"person-{n}"))),
        aktualiseringsdatum=draw(_kanske(st.just(akt))),
        aktualiseringsorsak=draw(_kanske(koder(Problematik))),
        personnummer=pnr,
        reservnummer=reserv,
        anonym=anonym,
        juridiskt_kon=None if harlett else draw(_kanske(kod(JuridisktKon))),
        fodelsedatum=None if harlett else fodd,
        fodelsear=fodelsear,
        ursprung=draw(_kanske(kod(Ursprung))),
        hushallstyp=draw(_kanske(kod(Hushallstyp))),
        tidigare_kontakt=draw(_kanske(kod(TidigareKontakt))),
        problematik=draw(_kanske(koder(Problematik))),
        avslut_utan_insats=utan_insats,
        insatser=tuple(insatser),
    )
