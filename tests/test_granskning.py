"""Consistency checks: one example that triggers each rule and one that does not."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import attrs
import pytest
from hypothesis import assume, given

import socialtjanst_variabler as sv
from socialtjanst_variabler import (
    Allvarlighet,
    Arende,
    Avslut,
    Avslutsorsak,
    Forandring,
    Fynd,
    Insats,
    Regel,
    Uppfoljning,
    granska,
)
from socialtjanst_variabler.personnummer import Personnummer
from socialtjanst_variabler.strategies import arenden

VID = date(2026, 6, 1)
D = date  # short for the tables below


def fynd(a: Arende, regel: Regel, vid: date = VID) -> list[Fynd]:
    return [f for f in granska(a, vid=vid) if f.regel is regel]


def paths(a: Arende, regel: Regel, vid: date = VID) -> list[str]:
    return [f.falt for f in fynd(a, regel, vid)]


def arende(*insatser: Insats, **falt: object) -> Arende:
    base: dict[str, object] = {"id": "A", "aktualiseringsdatum": D(2026, 1, 1)}
    base.update(falt)
    return Arende(insatser=insatser, **base)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("insats", "fel"),
    [
        (Insats(beslutsdatum=D(2025, 12, 31)), ["insatser[0].beslutsdatum"]),
        (
            Insats(beslutsdatum=D(2026, 2, 1), verkstallighetsdatum=D(2026, 1, 20)),
            ["insatser[0].verkstallighetsdatum"],
        ),
        (
            Insats(
                verkstallighetsdatum=D(2026, 2, 1),
                uppfoljningar=(Uppfoljning(datum=D(2026, 3, 1)), Uppfoljning(datum=D(2026, 1, 15))),
            ),
            ["insatser[0].uppfoljningar[1].datum"],
        ),
        (
            Insats(
                verkstallighetsdatum=D(2026, 2, 1),
                uppfoljningar=(Uppfoljning(datum=D(2026, 4, 1)),),
                avslut=Avslut(datum=D(2026, 3, 1)),
            ),
            ["insatser[0].avslut.datum"],
        ),
        (Insats(avslut=Avslut(datum=D(2025, 6, 1))), ["insatser[0].avslut.datum"]),
    ],
)
def test_datumordning_triggers(insats: Insats, fel: list[str]) -> None:
    found = fynd(arende(insats), Regel.DATUMORDNING)
    assert [f.falt for f in found] == fel
    assert all(f.allvarlighet is Allvarlighet.FEL and "ligger före" in f.text for f in found)


def test_datumordning_accepts_equal_and_increasing_dates() -> None:
    insats = Insats(
        beslutsdatum=D(2026, 1, 1),
        verkstallighetsdatum=D(2026, 1, 1),
        uppfoljningar=(
            Uppfoljning(datum=D(2026, 3, 1)),
            Uppfoljning(datum=D(2026, 2, 1)),
            Uppfoljning(),
        ),
        avslut=Avslut(datum=D(2026, 3, 1)),
    )
    assert paths(arende(insats), Regel.DATUMORDNING) == []
    assert (
        paths(
            arende(Insats(beslutsdatum=D(2026, 2, 1)), aktualiseringsdatum=None), Regel.DATUMORDNING
        )
        == []
    )


def test_framtida_datum() -> None:
    a = arende(Insats(beslutsdatum=D(2026, 6, 2)))
    assert paths(a, Regel.FRAMTIDA_DATUM) == ["insatser[0].beslutsdatum"]
    assert paths(a, Regel.FRAMTIDA_DATUM, vid=D(2026, 6, 2)) == []


def test_birth_date_in_the_future() -> None:
    a = arende(fodelsedatum=D(2026, 6, 2), aktualiseringsdatum=None)
    assert paths(a, Regel.FRAMTIDA_DATUM) == ["fodelsedatum"]
    assert paths(a, Regel.FRAMTIDA_DATUM, vid=D(2026, 6, 2)) == []


def test_fore_fodelse() -> None:
    a = arende(fodelsedatum=D(2026, 1, 2), juridiskt_kon=sv.JuridisktKon(1))
    assert paths(a, Regel.FORE_FODELSE) == ["aktualiseringsdatum"]
    assert paths(arende(fodelsedatum=D(2026, 1, 1)), Regel.FORE_FODELSE) == []
    assert paths(arende(), Regel.FORE_FODELSE) == []


def test_paborjades_aldrig_with_verkstallighet() -> None:
    aldrig = Avslut(avslutsorsak=Avslutsorsak.PABORJADES_ALDRIG)
    a = arende(Insats(verkstallighetsdatum=D(2026, 2, 1), avslut=aldrig))
    assert paths(a, Regel.PABORJADES_ALDRIG) == ["insatser[0].verkstallighetsdatum"]
    assert paths(arende(Insats(avslut=aldrig)), Regel.PABORJADES_ALDRIG) == []
    annan = Avslut(avslutsorsak=Avslutsorsak.ANDRA_ORSAKER)
    assert (
        paths(
            arende(Insats(verkstallighetsdatum=D(2026, 2, 1), avslut=annan)),
            Regel.PABORJADES_ALDRIG,
        )
        == []
    )


def test_events_after_death() -> None:
    dod = Avslut(datum=D(2026, 3, 1), avslutsorsak=Avslutsorsak.BRUKAREN_HAR_AVLIDIT)
    a = arende(
        Insats(avslut=dod), Insats(beslutsdatum=D(2026, 3, 2)), Insats(beslutsdatum=D(2026, 3, 1))
    )
    assert paths(a, Regel.EFTER_DODSFALL) == ["insatser[1].beslutsdatum"]
    utan_datum = Avslut(avslutsorsak=Avslutsorsak.BRUKAREN_HAR_AVLIDIT)
    assert (
        paths(
            arende(Insats(avslut=utan_datum), Insats(beslutsdatum=D(2027, 1, 1))),
            Regel.EFTER_DODSFALL,
        )
        == []
    )


def test_vardnadshavare_for_an_adult() -> None:
    orsak = Avslutsorsak.AVBRYTS_AV_VARDNADSHAVARE
    # Turns 18 on 2026-03-01: the day of the avslut counts.
    a = arende(
        Insats(avslut=Avslut(datum=D(2026, 3, 1), avslutsorsak=orsak)), fodelsedatum=D(2008, 3, 1)
    )
    assert paths(a, Regel.VARDNADSHAVARE_VUXEN) == ["insatser[0].avslut.avslutsorsak"]
    barn = arende(
        Insats(avslut=Avslut(datum=D(2026, 2, 28), avslutsorsak=orsak)), fodelsedatum=D(2008, 3, 1)
    )
    assert paths(barn, Regel.VARDNADSHAVARE_VUXEN) == []
    # Without an avslut date the reference date decides.
    # Without an avslut date only today's age is known: a warning, not an error.
    utan = arende(Insats(avslut=Avslut(avslutsorsak=orsak)), fodelsedatum=D(2008, 3, 1))
    assert paths(utan, Regel.VARDNADSHAVARE_VUXEN, vid=D(2026, 2, 28)) == []
    (varning,) = fynd(utan, Regel.VARDNADSHAVARE_VUXEN, vid=D(2026, 3, 1))
    assert varning.falt == "insatser[0].avslut.avslutsorsak"
    assert varning.allvarlighet is Allvarlighet.VARNING
    assert fynd(a, Regel.VARDNADSHAVARE_VUXEN)[0].allvarlighet is Allvarlighet.FEL
    assert (
        paths(arende(Insats(avslut=Avslut(avslutsorsak=orsak))), Regel.VARDNADSHAVARE_VUXEN) == []
    )
    pnr = Personnummer.parse("19121212-1212")
    assert paths(
        arende(Insats(avslut=Avslut(avslutsorsak=orsak)), personnummer=pnr),
        Regel.VARDNADSHAVARE_VUXEN,
    )


@pytest.mark.parametrize(
    ("b1a", "b1b", "allvarlighet"),
    [
        (Forandring.INGEN_FORANDRING, None, Allvarlighet.FEL),
        (Forandring.FORSAMRATS_LITE, Forandring.VET_INTE, Allvarlighet.FEL),
        (None, None, Allvarlighet.VARNING),
        (Forandring.FORBATTRATS_LITE, None, None),
        (Forandring.INGEN_FORANDRING, Forandring.FORBATTRATS_MYCKET, None),
    ],
)
def test_b2_only_after_improvement(
    b1a: Forandring | None, b1b: Forandring | None, allvarlighet: Allvarlighet | None
) -> None:
    u = Uppfoljning(b1a=b1a, b1b=b1b, b2=sv.Betydelse.MYCKET_STOR)
    found = fynd(arende(Insats(uppfoljningar=(u,))), Regel.B2_UTAN_FORBATTRING)
    assert [f.allvarlighet for f in found] == ([allvarlighet] if allvarlighet else [])
    assert all(f.falt == "insatser[0].uppfoljningar[0].b2" for f in found)
    utan_b2 = Uppfoljning(b1a=b1a, b1b=b1b)
    assert fynd(arende(Insats(uppfoljningar=(utan_b2,))), Regel.B2_UTAN_FORBATTRING) == []


def test_completeness_of_a_new_arende() -> None:
    assert paths(Arende(id="A"), Regel.SAKNAS) == ["aktualiseringsdatum", "aktualiseringsorsak"]


def test_completeness_once_there_is_an_insats() -> None:
    a = Arende(id="A", insatser=(Insats(),))
    assert paths(a, Regel.SAKNAS) == [
        "aktualiseringsdatum",
        "aktualiseringsorsak",
        "juridiskt_kon",
        "fodelsedatum",
        "ursprung",
        "hushallstyp",
        "tidigare_kontakt",
        "problematik",
        "insatser[0].beslutsdatum",
        "insatser[0].insatstyp",
    ]
    assert all(f.allvarlighet is Allvarlighet.SAKNAS for f in fynd(a, Regel.SAKNAS))
    # personnummer (variabel 3) is optional; 4 and 5 then derive from it.
    pnr = Arende(id="A", personnummer=Personnummer.parse("19121212-1212"), insatser=(Insats(),))
    assert "juridiskt_kon" not in paths(pnr, Regel.SAKNAS)
    assert "fodelsedatum" not in paths(pnr, Regel.SAKNAS)


def test_verkstallighet_expected_once_followed_up_or_ended() -> None:
    def saknar_verk(insats: Insats) -> bool:
        return "insatser[0].verkstallighetsdatum" in paths(arende(insats), Regel.SAKNAS)

    assert not saknar_verk(Insats())
    assert saknar_verk(Insats(uppfoljningar=(Uppfoljning(),)))
    assert saknar_verk(Insats(avslut=Avslut(avslutsorsak=Avslutsorsak.MALET_UPPNATT)))
    assert saknar_verk(Insats(avslut=Avslut()))
    assert not saknar_verk(Insats(avslut=Avslut(avslutsorsak=Avslutsorsak.PABORJADES_ALDRIG)))


def test_completeness_of_follow_up_and_avslut() -> None:
    a = arende(
        Insats(uppfoljningar=(Uppfoljning(sip=sv.Sip(1)),), avslut=Avslut(datum=D(2026, 5, 1)))
    )
    saknas = paths(a, Regel.SAKNAS)
    for falt in ("datum", "samverkan", "parallella_insatser", "maluppfyllelse"):
        assert f"insatser[0].uppfoljningar[0].{falt}" in saknas
    assert "insatser[0].uppfoljningar[0].sip" not in saknas
    assert "insatser[0].uppfoljningar[0].b1a" not in saknas  # the client may decline
    assert "insatser[0].avslut.avslutsorsak" in saknas
    assert "insatser[0].avslut.genomforande" in saknas
    assert "insatser[0].avslut.datum" not in saknas
    (f,) = [f for f in fynd(a, Regel.SAKNAS) if f.falt == "insatser[0].avslut.genomforande"]
    assert f.text == "variabel 19 Insatsens genomförande i förhållande till planeringen saknas"


def test_every_rule_is_documented() -> None:
    for regel in Regel:
        assert regel.value == regel.name
        assert regel.beskrivning
        assert regel.kalla
    assert Regel.SAKNAS.allvarlighet is Allvarlighet.SAKNAS
    assert Regel.DATUMORDNING.allvarlighet is Allvarlighet.FEL


@given(arenden(senast=date(2026, 1, 1)))
def test_consistent_arenden_have_no_errors(a: Arende) -> None:
    found = granska(a, vid=date(2026, 1, 1))
    assert [f for f in found if f.allvarlighet is not Allvarlighet.SAKNAS] == []
    for f in found:
        assert f.falt
        assert f.text


@given(arenden(senast=date(2026, 1, 1)))
def test_findings_are_deterministic_and_never_contain_the_personnummer(a: Arende) -> None:
    found = granska(a, vid=date(2025, 1, 1))
    assert found == granska(a, vid=date(2025, 1, 1))
    if a.personnummer is not None:
        last4 = str(a.personnummer)[-4:]
        assert not any(str(a.personnummer) in f.text or f"-{last4}" in f.text for f in found)


@given(arenden())
def test_default_latest_date_is_today(a: Arende) -> None:
    found = granska(a, vid=date.today())
    assert not [f for f in found if f.allvarlighet is Allvarlighet.FEL]


def datumfalt(obj: Any, prefix: str = "") -> list[tuple[str, date]]:
    """Every recorded event date in *obj* with its path, read off the model itself."""
    out: list[tuple[str, date]] = []
    for f in attrs.fields(type(obj)):
        v = getattr(obj, f.name)
        if isinstance(v, date) and f.name != "fodelsedatum":
            out.append((prefix + f.name, v))
        elif isinstance(v, tuple):
            for k, inre in enumerate(v):
                out += datumfalt(inre, f"{prefix}{f.name}[{k}].")
        elif attrs.has(type(v)):
            out += datumfalt(v, f"{prefix}{f.name}.")
    return out


@given(arenden(senast=date(2026, 1, 1)))
def test_the_latest_and_earliest_event_dates_are_checked(a: Arende) -> None:
    """granska screens the dates cheaply (max and min) before it looks at each one; the
    screen must see every date, whichever is the latest or the earliest."""
    alla = datumfalt(a)
    assume(alla)
    sist = max(d for _, d in alla)
    framtida = paths(a, Regel.FRAMTIDA_DATUM, vid=sist - timedelta(days=1))
    assert sorted(p for p in framtida if p != "fodelsedatum") == sorted(
        p for p, d in alla if d == sist
    )
    forst = min(d for _, d in alla)
    b = attrs.evolve(
        a,
        personnummer=None,
        reservnummer=None,
        fodelsedatum=forst + timedelta(days=1),
        fodelsear=None,
    )
    assert sorted(paths(b, Regel.FORE_FODELSE, vid=sist)) == sorted(
        p for p, d in alla if d == forst
    )
