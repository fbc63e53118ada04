"""The reference reports against an independent oracle, and their properties."""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from socialtjanst_variabler import statistik, strategies
from socialtjanst_variabler.arende import Arende, Avslut, Insats, Uppfoljning
from socialtjanst_variabler.arende.granskning import Allvarlighet, granska
from socialtjanst_variabler.arende.jsonl import las_jsonl
from socialtjanst_variabler.identitet.personnummer import Personnummer, calc_check_digit
from socialtjanst_variabler.identitet.reservnummer import Reservnummer
from socialtjanst_variabler.statistik.aldersband import STANDARD
from socialtjanst_variabler.statistik.databas import rad_data
from socialtjanst_variabler.statistik.rapporter import RAPPORTER, lagg_ut
from socialtjanst_variabler.statistik.resultat import Period, Slag, Status, Tabell
from socialtjanst_variabler.vardemangder import Insatstyp, JuridisktKon, Problematik

from .oracle_statistik import ORAKEL

EXEMPEL = Path(__file__).resolve().parents[1] / "examples" / "arenden.jsonl"
VID = date(2026, 11, 22)


def _giltiga(vid: date = VID) -> list[Arende]:
    with EXEMPEL.open("rb") as f:
        return [
            r.arende
            for r in las_jsonl(f)
            if r.arende is not None
            and not any(x.allvarlighet is Allvarlighet.FEL for x in granska(r.arende, vid=vid))
        ]


def _lika(a: float | int | str | None, b: float | int | str | None) -> bool:
    if isinstance(a, float) and isinstance(b, float | int):
        return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)
    return a == b


def _jamfor(id: str, tabeller: statistik.Tabeller, arenden: Sequence[Arende], p: Period) -> None:
    sql_data = rad_data(tabeller.con, id, p)
    orakel = ORAKEL[id](arenden, p.fran, p.till, STANDARD)
    rdef = RAPPORTER[id]
    for d_sql, d_orakel in zip(
        rdef.delar(STANDARD, sql_data), rdef.delar(STANDARD, orakel), strict=True
    ):
        t1, t2 = lagg_ut(d_sql, sql_data), lagg_ut(d_orakel, orakel)
        assert t1.kolumner == t2.kolumner, (id, t1.rubrik)
        for r1, r2 in zip(t1.rader, t2.rader, strict=True):
            for c1, c2, k in zip(r1, r2, t1.kolumner, strict=True):
                assert _lika(c1.varde, c2.varde), (id, t1.rubrik, r1[0].varde, k.namn, c1, c2)
                assert c1.status == c2.status, (id, t1.rubrik, r1[0].varde, k.namn)


@pytest.fixture(scope="module")
def exempel() -> statistik.Tabeller:
    return statistik.bygg_tabeller(str(EXEMPEL), vid=VID)


PERIODER = [
    Period.ar(2025),
    Period.ar(2026),
    Period.kvartal(2025, 3),
    Period.manad(2025, 6),
    Period(date(2024, 11, 15), date(2026, 2, 10)),
]


@pytest.mark.parametrize("id", sorted(ORAKEL))
@pytest.mark.parametrize("p", PERIODER, ids=str)
def test_exempel_lika_med_orakel(exempel: statistik.Tabeller, id: str, p: Period) -> None:
    _jamfor(id, exempel, _giltiga(), p)


def test_exempel_uteslutna(exempel: statistik.Tabeller) -> None:
    rader = sum(1 for _ in EXEMPEL.open("rb"))
    assert exempel.inlasning.rader == rader
    assert exempel.inlasning.arenden == len(_giltiga())
    assert exempel.inlasning.arenden + sum(n for _, n in exempel.uteslutna) == rader
    (n,) = exempel.con.execute("SELECT COUNT(*) FROM utesluten").fetchone()
    assert n == sum(n for _, n in exempel.uteslutna)


SENAST = date(2026, 6, 1)
_arenden = st.lists(strategies.arenden(senast=SENAST), max_size=8)


@st.composite
def _perioder(draw: st.DrawFn) -> Period:
    fran = draw(st.dates(date(1995, 1, 1), SENAST))
    till = draw(st.dates(fran, date(2027, 12, 31)))
    return Period(fran, till)


def _lagerbalans(r: statistik.Rapport) -> None:
    for tabell in r.tabeller:
        for rad in tabell.rader:
            v = {k.namn: c.varde for k, c in zip(tabell.kolumner, rad, strict=True)}
            assert isinstance(v["pagaende_efter"], int)
            assert isinstance(v["pagaende_fore"], int)
            assert isinstance(v["nya"], int)
            assert isinstance(v["avslutade"], int)
            assert v["pagaende_efter"] == v["pagaende_fore"] + v["nya"] - v["avslutade"]


def _enkelval_100(r: statistik.Rapport) -> None:
    for tabell in r.tabeller[:2]:
        andelar = [rad[tabell.index("andel")] for rad in tabell.rader[:-1]]
        total = tabell.rader[-1][tabell.index("T")].varde
        if total:
            assert math.isclose(sum(c.varde or 0 for c in andelar), 100.0)  # type: ignore[misc]
        else:
            assert all(c.status is Status.EJ_TILLAMPLIG for c in andelar)


# Building the tables is the slow part of an example: one build serves every property.
@settings(max_examples=25)
@given(_arenden, _perioder())
def test_genererade_uttag(arenden: list[Arende], p: Period) -> None:
    # Identities the strategy draws as free text (ids, regional reservnummer) could read
    # like a report heading ("Måluppfyllelse"): give them text no label can contain.
    arenden = [
        attrs.evolve(
            a,
            id=f"hemligt-id-{n}",
            reservnummer=(
                Reservnummer.parse(f"hemligt-rn-{n}")
                if a.reservnummer is not None and a.reservnummer.is_regionalt
                else a.reservnummer
            ),
        )
        for n, a in enumerate(arenden)
    ]
    hemligt = _personnummer_text(arenden)
    t = statistik.bygg_tabeller(arenden, vid=SENAST)
    try:
        assert t.inlasning.arenden == len(arenden)  # the strategy draws no errors
        for id in ORAKEL:
            _jamfor(id, t, arenden, p)
        omaskerade = {r.id: r for r in t.rapporter(period=p, omaskerad=True)}
        maskerade = t.rapporter(period=p)
    finally:
        t.close()
    for r in omaskerade.values():
        _relationer_galler(r)
    _lagerbalans(omaskerade["R1"])
    _enkelval_100(omaskerade["R2"])
    for r in [*omaskerade.values(), *maskerade]:
        for text in _texter(r):
            assert not any(h in text for h in hemligt), text
    for r in maskerade:
        _maskering_ok(r)


def _flodestal(r: statistik.Rapport) -> dict[tuple[str, int, str], object]:
    """The counts of a report that only events in the period can change."""
    ut: dict[tuple[str, int, str], object] = {}
    for t in r.tabeller:
        for i, rad in enumerate(t.rader):
            for k, c in zip(t.kolumner, rad, strict=True):
                if k.slag is Slag.ANTAL and k.namn not in (
                    "pagaende_fore",
                    "pagaende_efter",
                    "aktiva",
                ):
                    ut[t.rubrik, i, k.namn] = c.varde
    return ut


@settings(max_examples=15)
@given(_arenden, strategies.arenden(senast=SENAST))
def test_arende_utanfor_perioden_andrar_inga_floden(arenden: list[Arende], extra: Arende) -> None:
    p = Period(date(2027, 1, 1), date(2027, 12, 31))  # every generated event is earlier
    fore = statistik.bygg_tabeller(arenden, vid=SENAST)
    efter = statistik.bygg_tabeller([*arenden, extra], vid=SENAST)
    try:
        for id in ("R1", "R3", "R5", "R13"):
            a = fore.rapport(id, period=p, omaskerad=True)
            b = efter.rapport(id, period=p, omaskerad=True)
            assert _flodestal(a) == _flodestal(b)
    finally:
        fore.close()
        efter.close()


def _personnummer_text(arenden: Sequence[Arende]) -> set[str]:
    ut = set()
    for a in arenden:
        if a.personnummer is not None:
            text = str(a.personnummer)
            ut |= {text, text.replace("-", ""), text[2:]}
        if a.reservnummer is not None:
            ut.add(str(a.reservnummer))
        if a.person_id is not None:
            ut.add(a.person_id)
        ut.add(a.id)
    # A regional reservnummer may be as short as "0", which any table holds as a count:
    # search for identities long enough to mean something.
    return {t for t in ut if len(t) >= 6}


def _texter(r: statistik.Rapport) -> list[str]:
    ut = [r.titel, r.fraga, r.enhet]
    for t in r.tabeller:
        ut += [t.rubrik, *t.noter, *(k.rubrik for k in t.kolumner)]
        ut += [str(c.varde) for rad in t.rader for c in rad]
    return ut


def _relationer_galler(r: statistik.Rapport) -> None:
    """Every relation the suppression relies on holds in the unmasked numbers."""
    for t in r.tabeller:
        for relation in t.relationer:
            summa = 0
            for i, j, tecken in relation:
                v = t.rader[i][j].varde
                assert isinstance(v, int), (r.id, t.rubrik, i, j)
                summa += tecken * v
            assert summa == 0, (r.id, t.rubrik, relation)


def _relationer_ok(t: Tabell) -> None:
    for relation in t.relationer:
        dolda = sum(t.rader[i][j].status is Status.MASKERAD for i, j, _ in relation)
        assert dolda != 1, (t.rubrik, relation)


def _maskering_ok(r: statistik.Rapport) -> None:
    assert r.maskerad
    for tabell in r.tabeller:
        _relationer_ok(tabell)
        assert tabell.maskering is not None
        for rad in tabell.rader:
            for k, c in zip(tabell.kolumner, rad, strict=True):
                if c.status is Status.MASKERAD:
                    assert c.varde is None
                elif k.slag is Slag.ANTAL:
                    assert c.varde == 0 or c.varde >= 5  # type: ignore[operator]


def test_exempel_maskerad_och_omaskerad(exempel: statistik.Tabeller) -> None:
    p = Period.ar(2025)
    r = statistik.rapport("R5", exempel, period=p)
    o = statistik.rapport("R5", exempel, period=p, omaskerad=True)
    assert r.maskerad
    assert not o.maskerad
    assert all("OMASKERAD" in t.noter[-1] for t in o.tabeller)
    assert all("Röjandekontroll" in t.noter[-1] for t in r.tabeller)
    statusar = {c.status for t in r.tabeller for rad in t.rader for c in rad}
    assert Status.MASKERAD in statusar


def _arende(**kw: object) -> Arende:
    grund: dict[str, object] = {
        "id": "X",
        "aktualiseringsdatum": date(2025, 1, 10),
        "juridiskt_kon": JuridisktKon.FLICKA_KVINNA,
        "fodelsedatum": date(1990, 2, 28),
    }
    return Arende(**(grund | kw))  # type: ignore[arg-type]


def test_bakvanda_intervall_raknas_apart() -> None:
    # Without granska, an insats verkställd before its beslut is kept, flagged and counted.
    a = _arende(
        aktualiseringsorsak=frozenset({Problematik.HEMLOS}),
        insatser=(
            Insats(
                beslutsdatum=date(2025, 3, 1),
                verkstallighetsdatum=date(2025, 2, 1),
                insatstyp=frozenset({Insatstyp.BOENDESTOD}),
                avslut=Avslut(datum=date(2025, 1, 5)),
                uppfoljningar=(Uppfoljning(datum=date(2025, 2, 10)),),
            ),
        ),
    )
    t = statistik.bygg_tabeller([a], vid=SENAST, granska=False)
    r = t.rapport("R8", period=Period.ar(2025), omaskerad=True)
    bakvand = next(x for x in r.tabeller if x.rubrik.startswith("Intervall"))
    assert [c.varde for c in bakvand.rader[0][1:]] == [0, 1, 1, 1]
    assert statistik.bygg_tabeller([a], vid=SENAST).inlasning.granskningsfel == 1


def test_ej_verkstallda_och_d2_oppna() -> None:
    a = _arende(
        insatser=(Insats(beslutsdatum=date(2025, 1, 20)),),
    )
    t = statistik.bygg_tabeller([a], vid=SENAST)
    r = t.rapport("R8", period=Period(date(2025, 1, 1), date(2025, 4, 21)), omaskerad=True)
    ej = next(x for x in r.tabeller if x.rubrik.startswith("Beslut som inte"))
    assert ej.rader[0][1].varde == 1
    r = t.rapport("R8", period=Period(date(2025, 1, 1), date(2025, 4, 20)), omaskerad=True)
    ej = next(x for x in r.tabeller if x.rubrik.startswith("Beslut som inte"))
    assert ej.rader[0][1].varde == 0


def test_fodd_29_februari_alder_vid_e() -> None:
    a = _arende(fodelsedatum=date(2008, 2, 29), aktualiseringsdatum=date(2025, 1, 10))
    t = statistik.bygg_tabeller([a], vid=SENAST)
    for till, band in ((date(2026, 2, 28), "18–20"), (date(2026, 2, 27), "15–17")):
        r = t.rapport("R2", period=Period(date(2025, 1, 1), till), omaskerad=True)
        alder = r.tabeller[0]
        rad = next(rad for rad in alder.rader if rad[alder.index("T")].varde == 1)
        assert rad[0].varde == band


def _med_slut(person: str | None, akt: date, slut: date | None, fodd: date) -> Arende:
    insats = Insats(
        beslutsdatum=akt,
        verkstallighetsdatum=akt,
        avslut=None if slut is None else Avslut(datum=slut),
    )
    return _arende(person_id=person, aktualiseringsdatum=akt, fodelsedatum=fodd, insatser=(insats,))


def test_r14_ateraktualisering() -> None:
    arenden = [
        _med_slut("P1", date(2024, 5, 1), date(2025, 3, 1), date(1990, 1, 1)),
        _med_slut("P2", date(2024, 11, 1), date(2025, 2, 1), date(2014, 1, 1)),
        _med_slut("P2", date(2025, 10, 1), None, date(2014, 1, 1)),
        _med_slut("P3", date(2025, 1, 1), date(2025, 4, 1), date(2010, 1, 1)),
        _med_slut("P3", date(2026, 5, 1), None, date(2010, 1, 1)),
        _med_slut("P4", date(2025, 1, 1), date(2025, 8, 1), date(1990, 1, 1)),
        _med_slut("P5", date(2025, 1, 1), date(2025, 1, 10), date(1990, 1, 1)),
        _med_slut("P5", date(2024, 12, 1), None, date(1990, 1, 1)),
        _med_slut(None, date(2025, 1, 1), date(2025, 5, 5), date(1990, 1, 1)),
    ]
    t = statistik.bygg_tabeller(arenden, vid=date(2026, 12, 31))
    try:
        r = t.rapport("R14", period=Period.ar(2026), omaskerad=True)
        _jamfor("R14", t, arenden, Period.ar(2026))
    finally:
        t.close()
    ater, utan = r.tabeller
    varden = {rad[0].varde: [c.varde for c in rad[1:]] for rad in ater.rader}
    assert varden == {
        "0–12 år": [1, 0, 0.0],
        "13–20 år": [1, 1, 100.0],
        "21+ år": [1, 1, 100.0],
        "okänd": [0, 0, None],
        "Totalt": [3, 2, 200 / 3],
    }
    assert utan.rader[0][1].varde == 1


def test_r14_age_from_a_partly_known_birth_date() -> None:
    # A samordningsnummer with an unknown day (born 1–29 February 1980) is 44 on
    # 1 March 2024 whatever the day: 21+, not okänd. A birth year alone (2000) leaves 23
    # or 24: okänd. Born in 2024 with an unknown day, 0 at the end: 0–12.
    def en(person: str, slut: date, **identitet: Any) -> Arende:
        insats = Insats(beslutsdatum=date(2024, 1, 5), avslut=Avslut(datum=slut))
        grund: dict[str, Any] = {"id": person, "person_id": person, "insatser": (insats,)}
        return Arende(aktualiseringsdatum=date(2024, 1, 5), **grund, **identitet)

    arenden = [
        en("P1", date(2024, 3, 1), personnummer=_samordning("19800260")),
        en("P2", date(2024, 3, 1), fodelsear=2000),
        en("P3", date(2024, 6, 30), personnummer=_samordning("20240160")),
    ]
    t = statistik.bygg_tabeller(arenden, vid=date(2026, 12, 31), granska=False)
    try:
        r = t.rapport("R14", period=Period.ar(2025), omaskerad=True)
        _jamfor("R14", t, arenden, Period.ar(2025))
    finally:
        t.close()
    personer = {rad[0].varde: rad[1].varde for rad in r.tabeller[0].rader}
    assert personer == {"0–12 år": 1, "13–20 år": 0, "21+ år": 1, "okänd": 1, "Totalt": 3}


def _samordning(datum: str) -> Personnummer:
    nio = f"{datum[2:]}238"
    return Personnummer.parse(f"{datum}{nio[6:]}{calc_check_digit(nio)}", ofullstandigt_datum=True)


def test_exempel_relationer_och_maskering(exempel: statistik.Tabeller) -> None:
    for p in PERIODER:
        for r in exempel.rapporter(period=p, omaskerad=True):
            _relationer_galler(r)
        for r in exempel.rapporter(period=p):
            _maskering_ok(r)


def test_the_generic_loader_fills_any_db_api_database(monkeypatch: pytest.MonkeyPatch) -> None:
    """``ladda`` is the loader for PostgreSQL and other DB-API databases; sqlite3 (in the
    standard library) stands in here, so it is tested without a server too."""
    import sqlite3

    # sqlite3's own date adapter is deprecated since Python 3.12: write ISO text instead.
    adapters: dict[Any, Any] = sqlite3.adapters  # typeshed's key type defeats inference
    monkeypatch.setitem(adapters, (date, sqlite3.PrepareProtocol), date.isoformat)

    from socialtjanst_variabler.statistik.databas import ladda, skapa_tabeller
    from socialtjanst_variabler.statistik.tabeller import Inlasning

    con = sqlite3.connect(":memory:")
    try:
        skapa_tabeller(con)
        inlasning = Inlasning(vid=SENAST)
        ladda(con, inlasning.las(str(EXEMPEL)))
        (arenden,) = con.execute("SELECT count(*) FROM arende").fetchone()
        (utesluten,) = con.execute("SELECT count(*) FROM utesluten").fetchone()
    finally:
        con.close()
    assert arenden == inlasning.arenden > 250
    assert utesluten == sum(u.antal for u in inlasning.uteslutna) == inlasning.rader - arenden
