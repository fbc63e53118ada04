"""Pooled statistics: pseudonymised extracts merged, duplicates, keys, refusals, comparison."""

from __future__ import annotations

import json
import re
import tempfile
from collections.abc import Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from socialtjanst_variabler import statistik, strategies
from socialtjanst_variabler.arende import Arende
from socialtjanst_variabler.arende.jsonl import las_jsonl
from socialtjanst_variabler.errors import ValidationError
from socialtjanst_variabler.identitet.pseudonym import Nyckel, Pseudonymiserare, skriv_rad
from socialtjanst_variabler.statistik import Period, poolad
from socialtjanst_variabler.statistik.poolad import (
    DUBBLETT,
    BlandadeNycklar,
    OgiltigRad,
    Poolade,
    bygg_poolade,
)
from socialtjanst_variabler.statistik.resultat import Rapport, Status
from socialtjanst_variabler.statistik.tabeller import TABELLER

NYCKEL = Nyckel(bytes(range(32)))
ANNAN = Nyckel(bytes(range(1, 33)))
PS = Pseudonymiserare(NYCKEL, doman="test")
EXEMPEL = Path("examples/arenden.jsonl")
#: The loaders; "rundor" is the DuckDB loader reading each file in a round of its own.
MOTORER = ("duckdb", "python", "rundor")


def _bygg(filer: Sequence[str], motor: str, **kw: Any) -> Poolade:
    if motor == "rundor":
        return bygg_poolade(filer, motor="duckdb", omgang=1, **kw)
    return bygg_poolade(filer, motor=motor, **kw)


PERIOD = Period.ar(2025)


def _skriv(sokvag: Path, rader: Sequence[dict[str, Any] | str]) -> str:
    text = "".join((r if isinstance(r, str) else skriv_rad(r)) + "\n" for r in rader)
    sokvag.write_text(text, encoding="utf-8")
    return str(sokvag)


def _exempel() -> list[Arende]:
    with EXEMPEL.open("rb") as f:
        return [r.arende for r in las_jsonl(f) if r.arende is not None]


def _tabeller(p: Poolade) -> dict[str, list[tuple[Any, ...]]]:
    return {
        t.namn: sorted(p.con.execute(f"SELECT * FROM {t.namn}").fetchall(), key=repr)
        for t in TABELLER
    }


@pytest.fixture
def katalog() -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as tmp:
        yield Path(tmp)


# --- the two loaders agree ------------------------------------------------------------------

_KOMMUNER = ("0180", "1480", "0114")


@settings(max_examples=30)
@given(
    st.lists(
        st.tuples(
            strategies.arenden(senast=date(2026, 6, 30)),
            st.sampled_from(_KOMMUNER),
            st.integers(0, 2),  # the file
            st.booleans(),  # delivered twice
        ),
        min_size=1,
        max_size=8,
    )
)
def test_duckdb_and_python_give_identical_tables(
    fall: list[tuple[Arende, str, int, bool]],
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        filer: list[list[dict[str, Any]]] = [[], [], []]
        for a, kommun, fil, tva in fall:
            rad = PS.pseudonymisera(a, kommun=kommun)
            filer[fil].append(rad)
            if tva:
                filer[(fil + 1) % 3].append(rad)
        # An empty file too: it is a round of its own for "rundor".
        namn = [_skriv(Path(tmp) / f"{i}.jsonl", r) for i, r in enumerate(filer)]
        resultat = []
        for motor in MOTORER:
            p = _bygg(namn, motor)
            resultat.append((_tabeller(p), p.rader, p.arenden, p.dubbletter, p.kommuner))
            p.close()
        assert resultat[0] == resultat[1] == resultat[2]
        tabeller, rader, arenden, dubbletter, _ = resultat[0]
        assert len(tabeller["arende"]) == arenden == rader - len(dubbletter)


# --- merging municipalities -----------------------------------------------------------------


def _delad(katalog: Path) -> tuple[str, str, list[Arende], list[Arende]]:
    """The example extract split between two municipalities; some persons in both."""
    alla = _exempel()
    a, b = alla[0::2], alla[1::2]
    fa = _skriv(katalog / "0180.jsonl", [PS.pseudonymisera(x, kommun="0180") for x in a])
    fb = _skriv(katalog / "1480.jsonl", [PS.pseudonymisera(x, kommun="1480") for x in b])
    return fa, fb, a, b


def _antal(p: Poolade, sql: str, kommun: str | None = None) -> int:
    if kommun is not None:
        p.con.execute(f"SET search_path = '{poolad.schema_for(kommun)},main'")
    try:
        return int(p.con.execute(sql).fetchone()[0])
    finally:
        p.con.execute("RESET search_path")


@pytest.mark.parametrize("motor", MOTORER)
def test_merge_is_the_sum_except_persons_seen_in_both(katalog: Path, motor: str) -> None:
    fa, fb, a, b = _delad(katalog)
    p = _bygg([fa, fb], motor, databas=str(katalog / "p.duckdb"))
    try:
        # The oracle: persons by personnummer (else the ärende is its own person).
        def personer(arenden: list[Arende], kommun: str) -> set[str]:
            return {PS.person_for(x, kommun)[0] for x in arenden}

        pa, pb = personer(a, "0180"), personer(b, "1480")
        assert pa & pb  # the split puts some persons in both
        per = "SELECT count(DISTINCT person_id) FROM arende"
        assert _antal(p, per, "0180") == len(pa)
        assert _antal(p, per, "1480") == len(pb)
        assert _antal(p, per) == len(pa | pb) == len(pa) + len(pb) - len(pa & pb)
        for tabell in ("arende", "insats", "uppfoljning", "samverkan", "insatstyp"):
            sql = f"SELECT count(*) FROM {tabell}"
            assert _antal(p, sql) == _antal(p, sql, "0180") + _antal(p, sql, "1480")
        assert _antal(p, "SELECT count(*) FROM arende", "0180") == len(a)
        # The reports: every ärende count of the pool is the sum of the municipalities'.
        j = p.jamforelse("R1", period=PERIOD, omaskerad=True)
        (r1, *_) = j.tabeller
        summa = [c.rubrik for c in r1.kolumner if c.rubrik.startswith(poolad.ALLA)]
        assert summa
        for rad in r1.rader:
            varden: dict[str, Any] = {
                k.rubrik: c.varde for k, c in zip(r1.kolumner, rad, strict=True)
            }
            for rubrik in summa:
                matt = rubrik.split(": ", 1)[1]
                assert varden[rubrik] == varden[f"0180: {matt}"] + varden[f"1480: {matt}"]
        # R2 counts persons: the pool counts a person in both municipalities once.
        r2 = p.jamforelse("R2", period=PERIOD, omaskerad=True).tabeller[0]
        total = r2.rader[-1]
        rubriker = [k.rubrik for k in r2.kolumner]
        alla = total[rubriker.index("Alla: Totalt")].varde
        var = [total[rubriker.index(f"{k}: Totalt")].varde for k in ("0180", "1480")]
        assert isinstance(alla, int)
        assert isinstance(var[0], int)
        assert isinstance(var[1], int)
        aktiva = (
            "SELECT count(DISTINCT person_id) FROM arende WHERE aktualiseringsdatum <= "
            "DATE '2025-12-31' AND (slutdatum IS NULL OR slutdatum >= DATE '2025-01-01')"
        )
        assert var == [_antal(p, aktiva, "0180"), _antal(p, aktiva, "1480")]
        assert alla == _antal(p, aktiva) < var[0] + var[1]  # some persons were active in both
    finally:
        p.close()


# Reports that need neither the identity nor the exact birth date: the same numbers on
# the pseudonymised extract, table for table.
LIKA = ("R1", "R6", "R7", "R9", "R11")
# Reports with a breakdown by age band: the pseudonymised extract keeps the birth month,
# so an age near a band's limit becomes an interval ("okänd"); every row and table that
# is not by age band is the same.
ALDER = ("R3", "R4", "R5", "R8", "R10", "R12", "R13")
# R2 and R14 count persons: the pseudonymised person key comes from the personnummer, the
# original's from the vendor's person_id, so they agree only when the two keys do.


def _utan_alder(t: Any) -> tuple[Any, ...]:
    band = statistik.STANDARD.etiketter

    def alder(c: Any) -> bool:
        return isinstance(c.varde, str) and any(c.varde.endswith(b) for b in band)

    return tuple(r for r in t.rader if not any(alder(c) for c in r))


@pytest.mark.parametrize("period", [Period.ar(2024), PERIOD])
def test_pseudonymised_statistics_equal_the_original(katalog: Path, period: Period) -> None:
    alla = _exempel()
    fil = _skriv(katalog / "p.jsonl", [PS.pseudonymisera(a, kommun="0180") for a in alla])
    original = statistik.bygg_tabeller(str(EXEMPEL), granska=False, vid=date(2026, 6, 1))
    p = bygg_poolade([fil])
    try:
        for id in LIKA:
            a = original.rapport(id, period=period, omaskerad=True)
            b = p.rapport(id, period=period, omaskerad=True)
            assert a.tabeller == b.tabeller, id
        for id in ALDER:
            a = original.rapport(id, period=period, omaskerad=True)
            b = p.rapport(id, period=period, omaskerad=True)
            for x, y in zip(a.tabeller, b.tabeller, strict=True):
                if "åldersband" not in x.rubrik:
                    assert _utan_alder(x) == _utan_alder(y), (id, x.rubrik)
        # Only ärenden that had no line read problem are in both.
        assert p.arenden == original.inlasning.arenden
    finally:
        p.close()
        original.close()


# --- duplicates -----------------------------------------------------------------------------


@pytest.mark.parametrize("motor", MOTORER)
def test_duplicates_reported_and_counted_once(katalog: Path, motor: str) -> None:
    fa, fb, a, _ = _delad(katalog)
    en = _bygg([fa, fb], motor)
    tva = _bygg([fa, fb, fa], motor)
    try:
        assert tva.arenden == en.arenden
        assert len(tva.dubbletter) == len(a)
        d = tva.dubbletter[0]
        assert (d.fil, d.radnummer, d.forsta_fil, d.forsta_radnummer) == (fa, 1, fa, 1)
        assert tva.uteslutna == ((DUBBLETT, len(a)),)
        utesluten = tva.con.execute("SELECT orsak, fil, count(*) FROM utesluten GROUP BY ALL")
        assert utesluten.fetchall() == [(DUBBLETT, fa, len(a))]
        for id in ("R1", "R2", "R8"):
            x = en.rapport(id, period=PERIOD, omaskerad=True)
            y = tva.rapport(id, period=PERIOD, omaskerad=True)
            assert x.tabeller == y.tabeller
        assert tva.rapport("R1", period=PERIOD).uteslutna == ((DUBBLETT, len(a)),)
    finally:
        en.close()
        tva.close()


# --- refusals -------------------------------------------------------------------------------


@pytest.mark.parametrize("motor", MOTORER)
def test_mixed_keys_refused(katalog: Path, motor: str) -> None:
    alla = _exempel()[:3]
    fa = _skriv(katalog / "a.jsonl", [PS.pseudonymisera(x, kommun="0180") for x in alla])
    annan = Pseudonymiserare(ANNAN, doman="test")
    fb = _skriv(katalog / "b.jsonl", [annan.pseudonymisera(x, kommun="1480") for x in alla])
    with pytest.raises(BlandadeNycklar) as fel:
        _bygg([fa, fb], motor)
    assert (fel.value.fil, fel.value.radnummer) == (fb, 1)
    assert (fel.value.forvantad, fel.value.funnen) == (NYCKEL.id, ANNAN.id)
    assert "olika nycklar" in str(fel.value)
    assert fb in str(fel.value)
    # Within one file too, on the line where the other key appears.
    blandad = [PS.pseudonymisera(alla[0], kommun="0180")]
    blandad.append(annan.pseudonymisera(alla[1], kommun="0180"))
    fc = _skriv(katalog / "c.jsonl", blandad)
    with pytest.raises(BlandadeNycklar) as fel:
        _bygg([fc], motor)
    assert (fel.value.fil, fel.value.radnummer) == (fc, 2)


def _ratt() -> dict[str, Any]:
    a = _exempel()[1]  # has insatser and uppföljningar
    rad = PS.pseudonymisera(a, kommun="0180")
    assert rad["insatser"][0]["uppfoljningar"]
    return rad


def _andrad(fn: Any) -> dict[str, Any]:
    rad = json.loads(json.dumps(_ratt()))
    fn(rad)
    return dict(rad)


_FEL: list[tuple[str, Any, str]] = [
    ("extra nyckel", lambda r: r.update(personnummer="19121212-1212"), "$.personnummer"),
    ("extra i insats", lambda r: r["insatser"][0].update(x=1), "$.insatser[]"),
    ("lokala", lambda r: r["insatser"][0].update(lokala={"se.kommun.0180.x": {"L1": 1}}), "lokala"),
    ("fel prefix", lambda r: r.update(id="A" + r["id"][1:]), "$.id"),
    ("ingen pseudonym", lambda r: r.update(person_id="P-1"), "$.person_id"),
    ("kommunkod", lambda r: r.update(kommun="0000"), "$.kommun"),
    ("kommun saknas", lambda r: r.pop("kommun"), "$.kommun"),
    ("månad 13", lambda r: r.update(fodelsemanad=13), "$.fodelsemanad"),
    ("månad 0", lambda r: r.update(fodelsemanad=0), "$.fodelsemanad"),
    ("månad utan år", lambda r: r.pop("fodelsear"), "fodelsemanad"),
    ("text som heltal", lambda r: r["insatser"][0].update(beslut="1"), "$.insatser[].beslut"),
    ("decimaltal", lambda r: r.update(ursprung=1.5), "$.ursprung"),
    ("lista som tal", lambda r: r.update(problematik=3), "$.problematik"),
    ("objekt som tal", lambda r: r.update(avslut_utan_insats=3), "$.avslut_utan_insats"),
    ("sant som tal", lambda r: r["insatser"][0].update(bistandsbedomd=1), "bistandsbedomd"),
    ("null år", lambda r: r.update(fodelsear=None), "$.fodelsear"),
    ("okänd kod", lambda r: r.update(hushallstyp=99), "$.hushallstyp"),
    ("tal större än BIGINT", lambda r: r.update(hushallstyp=2**63), "$.hushallstyp"),
    ("största UBIGINT", lambda r: r.update(tidigare_kontakt=2**64 - 1), "$.tidigare_kontakt"),
    ("datum", lambda r: r.update(aktualiseringsdatum="2025-13-01"), "aktualiseringsdatum"),
    ("källa", lambda r: r.update(person_id_kalla="annan"), "person_id_kalla"),
    ("kod två gånger", lambda r: r.update(problematik=[1, 1]), "$.problematik"),
    ("null bland insatser", lambda r: r["insatser"].append(None), "$.insatser[]"),
    (
        "null bland uppföljningar",
        lambda r: r["insatser"][0]["uppfoljningar"].append(None),
        "$.insatser[].uppfoljningar[]",
    ),
    (
        "samverkan 11 med annan",
        lambda r: r["insatser"][0]["uppfoljningar"][0].update(samverkan=[1, 11]),
        "samverkan",
    ),
]


@pytest.mark.parametrize("motor", MOTORER)
@pytest.mark.parametrize(("namn", "andring", "sokvag"), _FEL, ids=[f[0] for f in _FEL])
def test_bad_line_refused_with_file_and_line(
    katalog: Path, motor: str, namn: str, andring: Any, sokvag: str
) -> None:
    ratt = _ratt()
    fa = _skriv(katalog / "a.jsonl", [ratt])
    annan = _andrad(lambda r: r.update(id=r["id"][:-1] + "a"))
    fb = _skriv(katalog / "b.jsonl", [annan, _andrad(andring)])
    with pytest.raises(OgiltigRad) as fel:
        _bygg([fa, fb], motor)
    assert not isinstance(fel.value, BlandadeNycklar)
    assert (fel.value.fil, fel.value.radnummer) == (fb, 2), str(fel.value)
    # The record model names list elements by index, the SQL path by "[]".
    assert sokvag in re.sub(r"\[[0-9]+\]", "[]", fel.value.problem)
    assert f"{fb}, rad 2" in str(fel.value)
    assert isinstance(fel.value, ValidationError)


@pytest.mark.parametrize("motor", MOTORER)
def test_unreadable_files(katalog: Path, motor: str) -> None:
    trasig = _skriv(katalog / "t.jsonl", [skriv_rad(_ratt()), "{inte json"])
    with pytest.raises(OgiltigRad) as fel:
        _bygg([trasig], motor)
    assert fel.value.fil == trasig
    assert "JSON" in fel.value.problem
    saknas = str(katalog / "finns-inte.jsonl")
    with pytest.raises(OgiltigRad, match="finns inte") as fel:
        _bygg([saknas], motor)
    assert fel.value.radnummer is None


def test_first_bad_line_whatever_the_rounds(katalog: Path) -> None:
    # A file DuckDB cannot read fails its whole round; a bad line in an earlier file of
    # the same round is still the one named.
    fa = _skriv(katalog / "a.jsonl", [_andrad(lambda r: r.update(kommun="9999"))])
    fb = _skriv(katalog / "b.jsonl", [skriv_rad(_ratt()), "{inte json"])
    saknas = str(katalog / "saknas.jsonl")
    for andra in (fb, saknas):
        for motor in MOTORER:
            with pytest.raises(OgiltigRad) as fel:
                _bygg([fa, andra], motor)
            assert (fel.value.fil, fel.value.radnummer) == (fa, 1), (motor, str(fel.value))
    # Alone, the unreadable file is named.
    fc = _skriv(katalog / "c.jsonl", [_ratt()])
    with pytest.raises(OgiltigRad) as fel:
        bygg_poolade([fc, fb])
    assert (fel.value.fil, fel.value.radnummer) == (fb, 2)


def test_a_round_that_fails_only_together_is_refused(
    katalog: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fa = _skriv(katalog / "a.jsonl", [_ratt()])
    fb = _skriv(katalog / "b.jsonl", [_andrad(lambda r: r.update(id=r["id"][:-1] + "a"))])
    las = poolad._strukturer

    def bara_ensam(con: Any, filer: Sequence[str], *args: Any) -> Any:
        if len(filer) > 1:
            raise OgiltigRad(filer[0], None, "kan inte läsas tillsammans")
        return las(con, filer, *args)

    monkeypatch.setattr(poolad, "_strukturer", bara_ensam)
    with pytest.raises(OgiltigRad, match="tillsammans"):
        bygg_poolade([fa, fb])


@pytest.mark.parametrize("andring", ["rad", "kortare", "trasig", "borta", "dubblett"])
def test_a_file_changed_between_the_passes_is_refused(
    katalog: Path, monkeypatch: pytest.MonkeyPatch, andring: str
) -> None:
    forsta = _andrad(lambda r: r.update(id=r["id"][:-1] + "a"))
    andra = _andrad(lambda r: r.update(id=r["id"][:-1] + "b"))
    # "dubblett": b's second line is a copy of a's, changed after the check.
    fa = _skriv(katalog / "a.jsonl", [_ratt(), andra if andring == "dubblett" else _ratt()])
    fb = _skriv(katalog / "b.jsonl", [forsta, andra])
    ladda = poolad._ladda_runda
    ny: dict[str, list[dict[str, Any] | str]] = {
        "rad": [forsta, _andrad(lambda r: r.update(person_id=r["id"]))],
        "kortare": [forsta],
        "trasig": [forsta, "{inte json"],
        "dubblett": [forsta, _andrad(lambda r: r.update(id=r["id"][:-1] + "c"))],
    }

    def andra_forst(con: Any, runda: Sequence[str], *args: Any) -> None:
        if fb in runda:  # after the check, before the second read
            if andring == "borta":
                Path(fb).unlink()
            else:
                _skriv(Path(fb), ny[andring])
        ladda(con, runda, *args)

    monkeypatch.setattr(poolad, "_ladda_runda", andra_forst)
    for omgang in (poolad.OMGANG, 1):
        _skriv(Path(fb), [forsta, andra])
        with pytest.raises(OgiltigRad, match="ändrades") as fel:
            bygg_poolade([fa, fb], omgang=omgang)
        assert fel.value.fil == fb
        assert fel.value.radnummer == (2 if andring in ("rad", "dubblett") else None)


def test_deep_json_is_a_bad_line(katalog: Path) -> None:
    djup = '{"id": ' + "[" * 100_000 + "]" * 100_000 + "}"
    for rader, nummer in (([djup], 1), ([skriv_rad(_ratt()), djup], 2)):
        fil = _skriv(katalog / "d.jsonl", rader)
        for motor in MOTORER:
            with pytest.raises(OgiltigRad) as fel:
                _bygg([fil], motor)
            assert fel.value.radnummer == nummer, (motor, str(fel.value))
    trasig = _skriv(katalog / "t.jsonl", [skriv_rad(_ratt()), djup[:-1]])
    for motor in MOTORER:
        with pytest.raises(OgiltigRad, match="JSON") as fel:
            _bygg([trasig], motor)
        assert fel.value.radnummer == 2, motor


def test_a_pattern_in_a_file_name_is_refused(katalog: Path) -> None:
    fil = _skriv(katalog / "b1.jsonl", [_ratt()])
    for namn in ("b*.jsonl", "b?.jsonl", "b[1].jsonl", "~/b1.jsonl"):
        sokvag = namn if namn.startswith("~") else str(katalog / namn)
        with pytest.raises(OgiltigRad, match="byt namn") as fel:
            bygg_poolade([sokvag])
        assert fel.value.fil == sokvag
    # The record model reads a file by its name alone.
    monster = katalog / "b[1].jsonl"
    monster.write_bytes(Path(fil).read_bytes())
    p = bygg_poolade([str(monster)], motor="python")
    assert p.arenden == 1
    p.close()


@pytest.mark.parametrize("tom", ["", "   "])
@pytest.mark.parametrize("motor", MOTORER)
def test_blank_line_refused(katalog: Path, motor: str, tom: str) -> None:
    rader = [skriv_rad(_ratt()), tom, skriv_rad(_andrad(lambda r: r.update(id=r["id"][:-1] + "b")))]
    fil = _skriv(katalog / "tom.jsonl", rader)
    with pytest.raises(OgiltigRad) as fel:
        _bygg([fil], motor)
    assert (fel.value.fil, fel.value.radnummer) == (fil, 2)
    assert "tom rad" in fel.value.problem
    assert list(poolad._tomma(fil)) == [2]


def test_bom_and_last_line_without_break(katalog: Path) -> None:
    fil = katalog / "bom.jsonl"
    rad = skriv_rad(_ratt()).encode()
    # The same ärende twice (a duplicate); the last line has no line break.
    fil.write_bytes(b"\xef\xbb\xbf" + rad + b"\n" + rad)
    tabeller = []
    for motor in MOTORER:
        p = _bygg([str(fil)], motor)
        tabeller.append(_tabeller(p))
        assert (p.rader, p.arenden, len(p.dubbletter)) == (2, 1, 1)
        p.close()
    assert tabeller[0] == tabeller[1] == tabeller[2]
    assert poolad._radantal(str(fil)) == 2
    assert list(poolad._tomma(str(fil))) == []


def test_rounds_of_files(katalog: Path) -> None:
    storlek = {"a": 5, "b": 3, "c": 9, "d": 1}
    for namn, byte in storlek.items():
        (katalog / namn).write_bytes(b"x" * byte)
    f = {namn: str(katalog / namn) for namn in (*storlek, "saknas")}
    rundor = poolad._omgangar([f["a"], f["b"], f["a"], f["c"], f["saknas"], f["d"]], 8)
    # In order, each file once, a round up to 8 bytes, the larger file alone; a missing
    # file weighs nothing (the reader names it).
    assert rundor == [[f["a"], f["b"]], [f["c"]], [f["saknas"], f["d"]]]
    assert poolad._omgangar([f["a"], f["b"]], 1) == [[f["a"]], [f["b"]]]


def test_key_id_of_the_first_line(katalog: Path) -> None:
    tom = katalog / "tom.jsonl"
    tom.write_text("")
    blank = katalog / "blank.jsonl"
    blank.write_text("\n" + skriv_rad(_ratt()) + "\n")
    saknas = str(katalog / "saknas.jsonl")
    assert poolad._forsta_nyckel([saknas, str(tom), str(blank)]) == NYCKEL.id
    assert poolad._forsta_nyckel([saknas, str(tom)]) == ""
    for trasig in ("nej", "[1]", '{"id": 5}', '{"id": ' + "[" * 100_000):
        (katalog / "t.jsonl").write_text(trasig + "\n" + skriv_rad(_ratt()))
        assert poolad._forsta_nyckel([str(katalog / "t.jsonl")]) == ""


def test_unreadable_line_found_in_python(katalog: Path) -> None:
    nan = _skriv(katalog / "nan.jsonl", [skriv_rad(_ratt()), "NaN"])
    for motor in MOTORER:
        with pytest.raises(OgiltigRad) as fel:
            _bygg([nan], motor)
        assert (fel.value.fil, fel.value.radnummer) == (nan, 2)
    # DuckDB refused a file in which every line is a JSON object: its words are kept.
    god = _skriv(katalog / "god.jsonl", [_ratt()])
    fel_ = poolad._lasfel([god], ValueError(f'fel i "{god}"'))
    assert (fel_.fil, fel_.radnummer) == (god, None)
    assert "DuckDB" in fel_.problem


def test_refusal_never_shows_a_personnummer(katalog: Path) -> None:
    fil = _skriv(katalog / "19121212-1212.jsonl", [_andrad(lambda r: r.update(x=1))])
    with pytest.raises(OgiltigRad) as fel:
        bygg_poolade([fil])
    assert "19121212-1212" not in str(fel.value)
    assert "19121212-1212" not in fel.value.fil
    assert "19121212-****" in str(fel.value)


def test_settings_refused(katalog: Path) -> None:
    fil = _skriv(katalog / "a.jsonl", [_ratt()])
    with pytest.raises(ValidationError, match="motor"):
        bygg_poolade([fil], motor="pandas")
    with pytest.raises(ValidationError, match="minnesgrans"):
        bygg_poolade([fil], minnesgrans="mycket")
    with pytest.raises(ValidationError, match="omgang"):
        bygg_poolade([fil], omgang=0)
    with pytest.raises(ValidationError, match="minst ett"):
        bygg_poolade([])
    with pytest.raises(OSError, match="DuckDB"):
        bygg_poolade([fil], databas=str(katalog / "saknas" / "x.duckdb"))
    citat = Path(fil).with_name("o'fil.jsonl")
    citat.write_bytes(Path(fil).read_bytes())
    p = bygg_poolade([str(citat)], minnesgrans="512MB", tradar=1, databas=str(katalog / "p.duckdb"))
    try:
        assert p.con.execute("SELECT current_setting('threads')").fetchone() == (1,)
        with pytest.raises(ValidationError, match="1480 finns inte"):
            p.jamforelse("R1", period=PERIOD, kommuner=["1480"])
        with pytest.raises(ValidationError):
            p.rapport("R1", period=PERIOD, kommun="0000")
        p.parquet(str(katalog / "o'pq"))  # a quote in a path is quoted in the SQL
        assert (katalog / "o'pq" / "arende.parquet").exists()
    finally:
        p.close()


# --- comparison -----------------------------------------------------------------------------


def test_comparison_masks_each_municipality_and_the_recoverable_cell(katalog: Path) -> None:
    fa, fb, _, _ = _delad(katalog)
    p = bygg_poolade([fa, fb])
    try:
        for j in p.jamforelser(period=PERIOD):
            assert j.kommuner == ("0180", "1480")
            _egna_celler(j)
            _ingen_ensam_dold(j)
            _harledda_dolda(j)
        # A subset: the municipality chosen only.
        j = p.jamforelse("R7", period=PERIOD, kommuner=["1480"])
        assert j.kommuner == ("1480",)
        assert isinstance(j.som_rapport(), Rapport)
        assert "per kommun (1480)" in j.som_rapport().titel
        assert p.rapport("R7", period=PERIOD, kommun="1480").tabeller == j.per_kommun[0].tabeller
    finally:
        p.close()


def _egna_celler(j: poolad.Jamforelse) -> None:
    """Each municipality's cell is its own masked report's, or masked more."""
    for i, t in enumerate(j.tabeller):
        egna = [r.tabeller[i] for r in j.per_kommun]
        for rad in t.rader:
            for k, c in zip(t.kolumner, rad, strict=True):
                kod = k.rubrik.split(": ", 1)[0]
                if c.status is Status.OK and kod in j.kommuner:
                    assert any(c in r for r in egna[j.kommuner.index(kod)].rader)


def _ingen_ensam_dold(j: poolad.Jamforelse) -> None:
    """All municipalities shown: no count has exactly one masked municipality beside an
    unmasked total (it would be the total minus the others)."""
    for t in j.tabeller:
        for rad in t.rader:
            celler = dict(zip((k.namn for k in t.kolumner), rad, strict=True))
            for k in t.kolumner:
                if not k.namn.endswith("_alla") or k.slag.value != "antal":
                    continue
                bas = k.namn.removesuffix("_alla")
                kommunceller = [celler[f"{bas}_{kod}"] for kod in j.kommuner]
                dolda = sum(c.status is Status.MASKERAD for c in kommunceller)
                synliga = [c.varde for c in kommunceller if c.status is not Status.MASKERAD]
                assert (
                    dolda != 1
                    or celler[k.namn].status is not Status.OK
                    or all(v in (0, None) for v in synliga)
                )


def _harledda_dolda(j: poolad.Jamforelse) -> None:
    for t, kalla in zip(j.tabeller, j.rapport.tabeller, strict=True):
        harledda = [(k.namn, x) for k in kalla.kolumner for x in k.kallor]
        for rad in t.rader:
            celler = dict(zip((k.namn for k in t.kolumner), rad, strict=True))
            for kod in j.kommuner:
                for namn, x in harledda:
                    visad = celler[f"{namn}_{kod}"].status is Status.OK
                    kalla_ = celler.get(f"{x}_{kod}")
                    dold = kalla_ is not None and kalla_.status is Status.MASKERAD
                    assert not (visad and dold), (j.rapport.id, namn, kod)


def test_sekundar_rule() -> None:
    from socialtjanst_variabler.statistik.resultat import Cell

    dold = Cell(None, Status.MASKERAD)
    assert poolad._sekundar([dold, Cell(7), Cell(5), Cell(0)]) == [dold, Cell(7), dold, Cell(0)]
    assert poolad._sekundar([dold, Cell(0)]) == [dold, Cell(0)]
    assert poolad._sekundar([dold, dold, Cell(5)]) == [dold, dold, Cell(5)]
    assert poolad._sekundar([Cell(3), Cell(5)]) == [Cell(3), Cell(5)]


# --- the command line, and what never reaches any output ------------------------------------


def _cli_uttag(katalog: Path) -> tuple[Path, list[str]]:
    """The example extract pseudonymised by two municipalities with a shared key file."""
    from socialtjanst_variabler import cli

    nyckelfil = katalog / "nyckel"
    assert cli.main(["nyckel", "skapa", "-o", str(nyckelfil)]) == 0
    rader = EXEMPEL.read_text(encoding="utf-8").splitlines(keepends=True)
    filer = []
    for i, kommun in enumerate(("0180", "1480")):
        del_ = katalog / f"del{i}.jsonl"
        del_.write_text("".join(rader[i::2]), encoding="utf-8")
        ut = katalog / f"{kommun}.jsonl"
        args = ["pseudonymisera", str(del_), "--kommun", kommun, "--nyckel", str(nyckelfil)]
        cli.main([*args, "-o", str(ut)])  # status 1: the example has unreadable lines
        filer.append(str(ut))
    return nyckelfil, filer


def test_cli_pooled_and_per_kommun(katalog: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from socialtjanst_variabler import cli

    _, filer = _cli_uttag(katalog)
    capsys.readouterr()
    assert cli.main(["statistik", *filer, "--period", "2025", "--rapport", "R1,r7"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Samlad statistik ur 2 pseudonymiserade uttag")
    assert "dubbletter 0\n" in out
    assert "R1 Flöde" in out
    assert "R7" in out
    assert "0180:" not in out
    args = ["statistik", *filer, filer[0], "--period", "2025", "--kommun", "0180,1480"]
    assert cli.main([*args, "--rapport", "R2"]) == 0
    out = capsys.readouterr().out
    assert "per kommun (0180, 1480)" in out
    assert "Alla: Totalt" in out
    assert f"{filer[0]} rad 1 (först {filer[0]} rad 1)" in out
    assert "…" in out  # more than ten duplicates: the first ten are named
    assert cli.main(["statistik", filer[0], "--poolad", "--kommun", "alla", "--rapport", "R7"]) == 0
    assert "per kommun (0180)" in capsys.readouterr().out


def test_cli_pooled_formats(katalog: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import zipfile

    import duckdb

    from socialtjanst_variabler import cli

    _, filer = _cli_uttag(katalog)
    bas = ["statistik", *filer, "--period", "2025", "--kommun", "1480"]
    assert cli.main([*bas, "--format", "csv", "--excel-csv", "-o", str(katalog / "u.csv")]) == 0
    assert "1480: " in (katalog / "u.csv").read_text(encoding="utf-8-sig")
    assert cli.main([*bas, "--format", "xlsx", "-o", str(katalog / "u.xlsx")]) == 0
    assert zipfile.is_zipfile(katalog / "u.xlsx")
    assert cli.main([*bas, "--format", "csv"]) == 0
    assert "1480: " in capsys.readouterr().out
    assert cli.main([*bas, "--format", "text", "-o", str(katalog / "u.txt")]) == 0
    assert "1480: " in (katalog / "u.txt").read_text(encoding="utf-8")
    assert cli.main([*bas, "--format", "parquet", "-o", str(katalog / "pq")]) == 0
    assert (katalog / "pq" / "utesluten.parquet").exists()
    db = katalog / "p.duckdb"
    assert cli.main([*bas, "--format", "duckdb", "-o", str(db), "--minnesgrans", "1GB"]) == 0
    con = duckdb.connect(str(db))
    try:
        assert con.execute("SELECT DISTINCT kommun FROM arende ORDER BY 1").fetchall() == [
            ("0180",),
            ("1480",),
        ]
        assert con.execute("SELECT count(*) FROM kommun_0180.arende").fetchone() != (0,)
    finally:
        con.close()


def test_cli_pooled_errors(katalog: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from socialtjanst_variabler import cli

    _, filer = _cli_uttag(katalog)
    capsys.readouterr()
    rad = json.loads(Path(filer[0]).read_text(encoding="utf-8").splitlines()[0])
    trasig = _skriv(katalog / "t.jsonl", [{**rad, "kommun": "9999"}])
    assert cli.main(["statistik", *filer, trasig]) == 1
    fel = capsys.readouterr().err
    assert f"{trasig}, rad 1" in fel
    assert "$.kommun" in fel
    assert cli.main(["statistik", *filer, "--kommun", "0114"]) == 1
    assert "0114 finns inte" in capsys.readouterr().err
    assert cli.main(["statistik", *filer, "--rapport", "R99"]) == 1
    assert cli.main(["statistik", *filer, "--format", "xlsx"]) == 1
    assert "-o" in capsys.readouterr().err
    assert cli.main(["statistik", filer[0], "-"]) == 1
    assert "standard in" in capsys.readouterr().err
    assert cli.main(["statistik", *filer, "-o", str(katalog / "saknas" / "x.txt")]) == 1
    assert cli.main(["statistik", *filer, "--format", "xlsx", "-o", str(katalog / "s" / "x")]) == 1


def test_no_key_or_personnummer_in_any_output(
    katalog: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import duckdb

    from socialtjanst_variabler import cli
    from tests.test_pseudonym_uttag import personnummerlika

    nyckelfil, filer = _cli_uttag(katalog)
    nyckel = nyckelfil.read_text(encoding="ascii").strip()
    hexa = nyckel.split(":", 1)[1]
    capsys.readouterr()
    texter = []
    for format_ in ("text", "csv"):
        assert cli.main(["statistik", *filer, "--kommun", "alla", "--format", format_]) == 0
        texter.append(capsys.readouterr().out)
    assert cli.main(["statistik", *filer, "--format", "xlsx", "-o", str(katalog / "u.xlsx")]) == 0
    import zipfile

    with zipfile.ZipFile(katalog / "u.xlsx") as z:
        texter.extend(z.read(n).decode("utf-8") for n in z.namelist())
    db = katalog / "p.duckdb"
    assert cli.main(["statistik", *filer, "--format", "duckdb", "-o", str(db)]) == 0
    con = duckdb.connect(str(db))
    try:
        for t in TABELLER:
            texter.append(repr(con.execute(f"SELECT * FROM {t.namn}").fetchall()))
    finally:
        con.close()
    texter.extend(Path(f).read_text(encoding="utf-8") for f in filer)
    for text in texter:
        assert hexa not in text
        assert nyckel not in text
        assert personnummerlika(text) == []
    # The reports hold no pseudonym either (the tables do: they are the person key).
    for text in texter[:2]:
        assert NYCKEL.id not in text
        assert "_" not in "".join(w for w in text.split() if len(w) == 41)


# --- the per-municipality views on PostgreSQL -----------------------------------------------


def test_kommunvyer_on_postgresql(katalog: Path) -> None:
    """The same views and the same report SQL on PostgreSQL give DuckDB's per-kommun data
    (skipped without a server, as tests/test_statistik_postgres.py)."""
    import uuid

    from socialtjanst_variabler.statistik.databas import ladda, rad_data, skapa_tabeller
    from tests.test_statistik_postgres import _anslut, _lika

    fa, fb, _, _ = _delad(katalog)
    p = bygg_poolade([fa, fb, fa])
    pg = _anslut()
    schema = f"sv_poolad_{uuid.uuid4().hex[:12]}"
    prefix = f"{schema}_k"
    try:
        pg.execute(f"CREATE SCHEMA {schema}")
        pg.execute(f"SET search_path TO {schema}")
        skapa_tabeller(pg, platshallare="%s")
        pg.execute("DELETE FROM aldersband")
        batch = {t.namn: p.con.execute(f"SELECT * FROM {t.namn}").fetchall() for t in TABELLER}
        ladda(pg, [batch], platshallare="%s")
        assert poolad.skapa_kommunvyer(pg, tabellschema=schema, prefix=prefix) == p.kommuner
        for kommun in p.kommuner:
            pg.execute(f"SET search_path TO {poolad.schema_for(kommun, prefix)}, {schema}")
            p.con.execute(f"SET search_path = '{poolad.schema_for(kommun)},main'")
            try:
                for id in statistik.RAPPORTER:
                    _lika(rad_data(pg, id, PERIOD), _rad_data_duck(p, id), id)
            finally:
                p.con.execute("RESET search_path")
    finally:
        pg.execute("SET search_path TO public")
        for kommun in p.kommuner:
            pg.execute(f"DROP SCHEMA IF EXISTS {poolad.schema_for(kommun, prefix)} CASCADE")
        pg.execute(f"DROP SCHEMA {schema} CASCADE")
        pg.close()
        p.close()


def _rad_data_duck(p: Poolade, id: str) -> dict[Any, Any]:
    """rad_data on the connection itself (a DuckDB cursor would not see search_path)."""
    from socialtjanst_variabler.statistik.rapporter import period_sql, sql, tolka

    for text in period_sql(PERIOD):
        p.con.execute(text)
    data: dict[Any, Any] = {}
    for i in (*statistik.RAPPORTER[id].lanar, id):
        data |= tolka(p.con.execute(sql(i)).fetchall())
    return data


# --- the form check of the record-model path ------------------------------------------------


@pytest.mark.parametrize(("namn", "andring", "sokvag"), _FEL, ids=[f[0] for f in _FEL])
def test_form_check_in_python(namn: str, andring: Any, sokvag: str) -> None:
    form = poolad._formen()
    assert poolad._form_fel(_ratt(), form, "$") is None
    problem = poolad._form_fel(_andrad(andring), form, "$")
    if namn == "månad utan år":  # a rule between two fields, checked beside the form
        assert problem is None
    else:
        assert problem is not None
        assert sokvag in problem


@pytest.mark.parametrize(
    ("varde", "problem"),
    [
        ([], "ska vara ett JSON-objekt @ $"),
        ({**_ratt(), "insatser": {}}, "ska vara en lista @ $.insatser"),
        ({**_ratt(), "insatser": [None]}, "saknas eller är null @ $.insatser[]"),
        ({**_ratt(), "problematik": []}, "minst en kod"),
        ({**_ratt(), "aktualiseringsdatum": "20250101"}, "ÅÅÅÅ-MM-DD"),
        ({**_ratt(), "id": "vdoldnkt_" + "1" * 32}, "inte en pseudonym"),
        ({**_ratt(), "fodelsear": 1700}, "ska vara ett heltal 1800–9999 @ $.fodelsear"),
        ({**_ratt(), "hushallstyp": None}, None),
    ],
)
def test_form_check_cases(varde: Any, problem: str | None) -> None:
    fel = poolad._form_fel(varde, poolad._formen(), "$")
    if problem is None:
        assert fel is None
    else:
        assert fel is not None
        assert problem in fel


@pytest.mark.parametrize("motor", MOTORER)
def test_first_bad_line_wins_over_a_later_key(katalog: Path, motor: str) -> None:
    annan = Pseudonymiserare(ANNAN, doman="test").pseudonymisera(_exempel()[2], kommun="0180")
    fil = _skriv(
        katalog / "a.jsonl",
        [_ratt(), _andrad(lambda r: r.update(x=1)), annan],
    )
    with pytest.raises(OgiltigRad) as fel:
        _bygg([fil], motor)
    assert not isinstance(fel.value, BlandadeNycklar)
    assert fel.value.radnummer == 2


def test_comparison_when_a_kommun_lacks_a_column(katalog: Path) -> None:
    """R7 puts each year in a column: a municipality without ärenden in a year lacks it."""
    tidig = [a for a in _exempel() if a.aktualiseringsdatum and a.aktualiseringsdatum.year == 2024]
    sen = [a for a in _exempel() if a.aktualiseringsdatum and a.aktualiseringsdatum.year == 2025]
    fa = _skriv(katalog / "a.jsonl", [PS.pseudonymisera(x, kommun="0180") for x in tidig])
    fb = _skriv(katalog / "b.jsonl", [PS.pseudonymisera(x, kommun="1480") for x in sen])
    p = bygg_poolade([fa, fb])
    try:
        j = p.jamforelse("R7", period=Period(date(2024, 1, 1), date(2025, 12, 31)))
        egna = [len(r.tabeller[0].kolumner) for r in j.per_kommun]
        assert egna[0] < len(j.rapport.tabeller[0].kolumner)
        t = j.tabeller[0]
        saknas = [
            c
            for k, c in zip(t.kolumner, t.rader[0], strict=True)
            if k.rubrik.startswith("0180: ") and "2025" in k.rubrik
        ]
        assert saknas
        assert all(c.status is Status.EJ_TILLAMPLIG for c in saknas)
    finally:
        p.close()


@pytest.mark.parametrize("motor", MOTORER)
def test_an_empty_insats_object_is_read(katalog: Path, motor: str) -> None:
    # DuckDB describes an empty object as the structure "JSON": it is an insats all the same.
    fil = _skriv(katalog / "tom.jsonl", [{**_ratt(), "insatser": [{}]}])
    p = _bygg([fil], motor)
    try:
        assert (p.arenden, _antal(p, "SELECT count(*) FROM insats")) == (1, 1)
    finally:
        p.close()
