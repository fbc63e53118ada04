"""The pseudonymised extract: its form, its schema, what it keeps and what it never holds."""

from __future__ import annotations

import io
import json
import re
import typing
from datetime import date
from importlib.resources import files
from pathlib import Path
from typing import Any

import attrs
import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

from socialtjanst_variabler import strategies
from socialtjanst_variabler.arende import Arende, Avslut, Insats, Uppfoljning
from socialtjanst_variabler.arende.modell import AvslutUtanInsats
from socialtjanst_variabler.errors import InvalidJson
from socialtjanst_variabler.identitet.kommunkoder import KOMMUNER
from socialtjanst_variabler.identitet.personnummer import Personnummer
from socialtjanst_variabler.identitet.pseudonym import (
    _ERSATTS,
    SCHEMA_ID,
    Kalla,
    Nyckel,
    PseudonymiseradRad,
    Pseudonymiserare,
    is_pseudonym,
    las_pseudonymiserad,
    pseudonymiserat_schema,
    pseudonymiserat_schema_json,
    skriv_rad,
)
from socialtjanst_variabler.vardemangder import JuridisktKon

NYCKEL = Nyckel(bytes(range(32)))
PS = Pseudonymiserare(NYCKEL, doman="test")
SENAST = date(2026, 6, 30)


def _schema_fil() -> str:
    return (
        files("socialtjanst_variabler")
        .joinpath("schemas", "pseudonymiserat-arende.schema.json")
        .read_text(encoding="utf-8")
    )


VALIDATOR = jsonschema.Draft202012Validator(
    json.loads(_schema_fil()), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
)


def arenden() -> st.SearchStrategy[Arende]:
    """Ärenden with every kind of identity: personnummer, vendor key, none, anonymous."""
    return strategies.arenden(senast=SENAST)


# --- an independent oracle: does a text hold a valid personnummer? -----------------------


def _luhn(tio: str) -> bool:
    summa = 0
    for i, c in enumerate(tio):
        d = int(c) * (2 if i % 2 == 0 else 1)
        summa += d - 9 if d > 9 else d
    return summa % 10 == 0


def _kan_vara_personnummer(siffror: str) -> bool:
    """Month 01–12, day 01–31 or 61–91, Luhn: looser than the real rule, so stricter here."""
    tio = siffror[-10:]
    manad, dag = int(tio[2:4]), int(tio[4:6])
    return 1 <= manad <= 12 and (1 <= dag <= 31 or 61 <= dag <= 91) and _luhn(tio)


def personnummerlika(text: str) -> list[str]:
    """Every 10- or 12-digit run (separators - and + removed) that could be a number."""
    utan = re.sub(r"[-+]", "", text)
    runs = re.findall(r"(?<!\d)(\d{10}|\d{12})(?!\d)", utan)
    return [r for r in runs if _kan_vara_personnummer(r)]


def test_oracle_finds_personnummer() -> None:
    assert personnummerlika('{"x":"19121212-1212"}') == ["191212121212"]
    assert personnummerlika("a 121212+1212 b") == ["1212121212"]
    assert personnummerlika('"2025-03-02","2025-06-08"') == []
    assert personnummerlika("1912121213") == []  # wrong check digit


# --- properties over generated ärenden ---------------------------------------------------


@given(arenden(), st.sampled_from(sorted(KOMMUNER)))
def test_extract_holds_no_personnummer(a: Arende, kommun: str) -> None:
    rad = PS.pseudonymisera(a, kommun=kommun)
    text = skriv_rad(rad)
    assert personnummerlika(text) == []
    if a.personnummer is not None:
        siffror = str(a.personnummer).replace("-", "")
        assert siffror not in text
        assert siffror[2:] not in text
    if a.reservnummer is not None:  # a regional one may be short text: compare values
        texter = {v for k, v in rad.items() if isinstance(v, str) and k != "kommun"}
        assert str(a.reservnummer) not in texter
        assert rad["person_id_kalla"] != "personnummer"
    assert is_pseudonym(rad["id"])
    assert is_pseudonym(rad["person_id"])
    assert not {"personnummer", "reservnummer", "fodelsedatum", "anonym"} & rad.keys()


@given(arenden(), st.sampled_from(sorted(KOMMUNER)))
def test_extract_matches_its_schema(a: Arende, kommun: str) -> None:
    rad = json.loads(skriv_rad(PS.pseudonymisera(a, kommun=kommun)))
    assert list(VALIDATOR.iter_errors(rad)) == []


def _manad(a: Arende) -> int | None:
    """The birth month an ärende tells, judged from all its birth dates possible."""
    if a.fodelsedatum is not None:
        return a.fodelsedatum.month
    if a.personnummer is None:
        return None
    tidigast, senast = a.personnummer.fodelsedatum_intervall
    mojliga = {
        date.fromordinal(d).month for d in range(tidigast.toordinal(), senast.toordinal() + 1)
    }
    return mojliga.pop() if len(mojliga) == 1 else None


def test_birth_month_of_a_samordningsnummer_with_unknown_day() -> None:
    dag_okand = Personnummer.parse("19800560-2381", ofullstandigt_datum=True)
    manad_okand = Personnummer.parse("19800061-2385", ofullstandigt_datum=True)
    rad = PS.pseudonymisera(Arende(id="A-1", personnummer=dag_okand), kommun="0180")
    assert (rad["fodelsear"], rad["fodelsemanad"]) == (1980, 5)
    rad = PS.pseudonymisera(Arende(id="A-1", personnummer=manad_okand), kommun="0180")
    assert rad["fodelsear"] == 1980
    assert "fodelsemanad" not in rad


@given(arenden(), st.sampled_from(sorted(KOMMUNER)))
def test_extract_reads_back_with_everything_statistics_need(a: Arende, kommun: str) -> None:
    text = skriv_rad(PS.pseudonymisera(a, kommun=kommun))
    (rad,) = las_pseudonymiserad([text])
    b = rad.arende
    assert b is not None, rad.fel
    assert rad.kommun == kommun
    assert b.id == PS.arende(kommun, a.id)
    assert b.personnummer is None
    assert b.fodelsedatum is None
    assert not b.anonym
    assert b.fodelsear == a.fodelsear
    assert rad.fodelsemanad == _manad(a)
    intervall = rad.fodelsedatum_intervall
    if a.fodelsedatum is not None:
        assert intervall is not None
        assert intervall[0] <= a.fodelsedatum <= intervall[1]
        assert (intervall[0].year, intervall[0].month) == (intervall[1].year, intervall[1].month)
    elif a.personnummer is not None:
        assert intervall is not None
        tidigast, senast = a.personnummer.fodelsedatum_intervall
        assert intervall[0] <= tidigast <= senast <= intervall[1]
    elif a.fodelsear is None:
        assert intervall is None
    else:
        assert intervall == (date(a.fodelsear, 1, 1), date(a.fodelsear, 12, 31))
    assert b.juridiskt_kon == a.juridiskt_kon
    # Every field that is not identity is unchanged.
    ovriga = {f.name for f in attrs.fields(Arende)} - _ERSATTS - {"juridiskt_kon"}
    for namn in ovriga:
        assert getattr(b, namn) == getattr(a, namn), namn
    if a.personnummer is not None:
        assert rad.person_id_kalla is Kalla.PERSONNUMMER
        assert b.person_id == PS.person(a.personnummer)
    elif a.person_id is not None:
        assert rad.person_id_kalla is Kalla.LOKAL
        assert b.person_id == PS.lokal_person(kommun, a.person_id)
    else:
        assert rad.person_id_kalla is Kalla.ARENDE
        assert b.person_id == PS.person_for_arende(kommun, a.id)


@given(strategies.personnummer(max_fodelsedatum=SENAST))
def test_a_person_who_moved_is_one_person(p: Personnummer) -> None:
    a = Arende(id="A-1", personnummer=p)
    i_stockholm = PS.pseudonymisera(a, kommun="0180")
    i_goteborg = PS.pseudonymisera(a, kommun="1480")
    assert i_stockholm["person_id"] == i_goteborg["person_id"]
    assert i_stockholm["id"] != i_goteborg["id"]  # case ids are per municipality


def test_example_line() -> None:
    a = Arende(
        id="A-1",
        personnummer=Personnummer.parse("19121212-1212"),
        aktualiseringsdatum=date(2026, 1, 5),
        anonym=False,
    )
    rad = PS.pseudonymisera(a, kommun="0180")
    assert rad == {
        "aktualiseringsdatum": "2026-01-05",
        "fodelsear": 1912,
        "fodelsemanad": 12,
        "id": PS.arende("0180", "A-1"),
        "juridiskt_kon": JuridisktKon.POJKE_MAN.value,
        "kommun": "0180",
        "person_id": PS.person(Personnummer.parse("19121212-1212")),
        "person_id_kalla": "personnummer",
    }
    assert skriv_rad(rad).startswith('{"aktualiseringsdatum":"2026-01-05","fodelsear":1912,')


def test_birth_year_without_birth_date_is_kept() -> None:
    a = Arende(id="A-2", fodelsear=1950, juridiskt_kon=JuridisktKon.FLICKA_KVINNA, anonym=True)
    rad = PS.pseudonymisera(a, kommun="2584")
    assert rad["fodelsear"] == 1950
    assert "fodelsemanad" not in rad
    assert "anonym" not in rad
    assert rad["person_id_kalla"] == "arende"


# --- the model cannot grow an identifying field unnoticed --------------------------------


def test_every_model_field_is_decided() -> None:
    """A new field of Arende must be either kept or replaced, by decision."""
    behalls = {
        "aktualiseringsdatum",
        "aktualiseringsorsak",
        "juridiskt_kon",
        "ursprung",
        "hushallstyp",
        "tidigare_kontakt",
        "problematik",
        "avslut_utan_insats",
        "insatser",
        # Local values: codes, dates and integers of the municipality's own variables.
        "lokala",
    }
    falt = {f.name for f in attrs.fields(Arende)}
    assert falt - _ERSATTS == behalls


def test_nested_records_hold_no_free_text() -> None:
    """Below the ärende only codes, dates, flags and records: nothing can identify."""
    for cls in (Insats, Uppfoljning, Avslut, AvslutUtanInsats):
        for namn, typ in typing.get_type_hints(cls).items():
            assert typ is not str, (cls, namn)
            assert str not in typing.get_args(typ), (cls, namn)
            assert Personnummer not in typing.get_args(typ), (cls, namn)


# --- the schema --------------------------------------------------------------------------


def test_shipped_schema_is_the_generated_one() -> None:
    # Regenerate after a model change with:
    # python -c "from socialtjanst_variabler.identitet.pseudonym import pseudonymiserat_schema_json as s; open('src/socialtjanst_variabler/schemas/pseudonymiserat-arende.schema.json', 'w', encoding='utf-8').write(s())"
    assert _schema_fil() == pseudonymiserat_schema_json()
    jsonschema.Draft202012Validator.check_schema(pseudonymiserat_schema())
    assert pseudonymiserat_schema()["$id"] == SCHEMA_ID


@pytest.mark.parametrize(
    ("andring", "fel"),
    [
        ({"personnummer": "19121212-1212"}, "Additional properties"),
        ({"fodelsedatum": "1912-12-12"}, "Additional properties"),
        ({"kommun": "0199"}, "is not one of"),
        ({"kommun": 180}, "is not of type"),
        ({"id": "A-1"}, "does not match"),
        ({"person_id": None}, "is not of type"),
        ({"fodelsemanad": 13}, "is greater than"),
        ({"person_id_kalla": "okand"}, "is not one of"),
    ],
)
def test_schema_refuses(andring: dict[str, Any], fel: str) -> None:
    rad = PS.pseudonymisera(Arende(id="A-1", fodelsedatum=date(1990, 5, 4)), kommun="0180")
    assert list(VALIDATOR.iter_errors(rad)) == []
    rad |= andring
    assert any(fel in e.message for e in VALIDATOR.iter_errors(rad))


def test_schema_month_needs_year() -> None:
    rad = PS.pseudonymisera(Arende(id="A-1", fodelsedatum=date(1990, 5, 4)), kommun="0180")
    del rad["fodelsear"]
    assert any("dependency" in e.message for e in VALIDATOR.iter_errors(rad))


# --- the reader refuses what is not of the form ------------------------------------------


def _rad(**andring: Any) -> str:
    rad = PS.pseudonymisera(Arende(id="A-1", fodelsedatum=date(1990, 5, 4)), kommun="0180")
    rad |= andring
    return json.dumps({k: v for k, v in rad.items() if v is not ...})


@pytest.mark.parametrize(
    ("rad", "problem"),
    [
        (
            _rad(personnummer="19121212-1212"),
            "hör inte till den pseudonymiserade formen @ $.personnummer",
        ),
        (
            _rad(fodelsedatum="1990-05-04"),
            "hör inte till den pseudonymiserade formen @ $.fodelsedatum",
        ),
        (_rad(anonym=True), "@ $.anonym"),
        (
            _rad(kommun="0199"),
            "0199 är inte en kommunkod (SCB:s kommunindelning från 2007-01-01) @ $.kommun",
        ),
        (_rad(kommun=...), "ska vara en sträng med fyra siffror @ $.kommun"),
        (_rad(fodelsemanad=0), "ska vara en månad 1–12 @ $.fodelsemanad"),
        (_rad(fodelsemanad="5"), "ska vara en månad 1–12 @ $.fodelsemanad"),
        (
            _rad(person_id_kalla="vet ej"),
            "ska vara en av personnummer, lokal, arende @ $.person_id_kalla",
        ),
        (
            _rad(id="A-1"),
            "inte en pseudonym: väntade 8 tecken nyckel-id, understreck och 32 tecken (a–z och 2–7) @ $.id",
        ),
        (_rad(person_id=...), "inte en pseudonym"),
        (_rad(ursprung=9), "9 är inte en kod i värdemängden Ursprung"),
        ("[1, 2]", "ska vara ett JSON-objekt @ $"),
        ("{", "inte giltig JSON @ $"),
        ("[" * 100_000 + "]" * 100_000, "inte giltig JSON @ $"),
        (b"\xff{}", "inte giltig UTF-8 @ $"),
        ("", "tom rad @ $"),
        (" \n", "tom rad @ $"),
        (5, "ingen rad: ett värde av typen int @ $"),
    ],
)
def test_reader_refuses(rad: str | bytes, problem: str) -> None:
    (las,) = las_pseudonymiserad([rad])
    assert las.arende is None
    assert las.fel is not None
    assert any(problem in p for p in las.fel.problems), las.fel.problems
    assert las.fel.__traceback__ is None


def test_reader_takes_files_of_both_kinds(tmp_path: Path) -> None:
    fil = tmp_path / "ut.jsonl"
    fil.write_bytes(b"\xef\xbb\xbf" + _rad().encode() + b"\r\n" + _rad().encode() + b"\n")
    with fil.open("rb") as binar:
        assert [r.arende is not None for r in las_pseudonymiserad(binar)] == [True, True]
    with fil.open(encoding="utf-8-sig") as text:
        assert [r.arende is not None for r in las_pseudonymiserad(text)] == [True, True]


def test_reader_refuses_a_second_key() -> None:
    annan = Pseudonymiserare(Nyckel(bytes(range(1, 33))), doman="test")
    rader = [
        skriv_rad(PS.pseudonymisera(Arende(id="A-1"), kommun="0180")),
        skriv_rad(annan.pseudonymisera(Arende(id="A-2"), kommun="0180")),
        skriv_rad(PS.pseudonymisera(Arende(id="A-3"), kommun="0180")),
    ]
    lasta = list(las_pseudonymiserad(rader))
    assert [r.radnummer for r in lasta] == [1, 2, 3]
    assert lasta[0].arende is not None
    assert lasta[2].arende is not None
    assert lasta[1].fel is not None
    assert "olika nycklar" in lasta[1].fel.problems[0]
    # Given the expected key id, the first line is judged too.
    (forsta, *_) = las_pseudonymiserad(rader[1:], nyckel_id=NYCKEL.id)
    assert forsta.fel is not None


@pytest.mark.parametrize(
    ("ar", "manad", "vantat"),
    [
        (1990, None, (date(1990, 1, 1), date(1990, 12, 31))),
        (1990, 12, (date(1990, 12, 1), date(1990, 12, 31))),
        (2023, 2, (date(2023, 2, 1), date(2023, 2, 28))),
        (None, None, None),
    ],
)
def test_birth_interval(
    ar: int | None, manad: int | None, vantat: tuple[date, date] | None
) -> None:
    a = Arende(id=PS.arende("0180", "A-1"), fodelsear=ar)
    assert (
        PseudonymiseradRad(radnummer=1, fodelsemanad=manad, arende=a).fodelsedatum_intervall
        == vantat
    )
    assert (
        PseudonymiseradRad(radnummer=1, fel=InvalidJson(["x @ $"])).fodelsedatum_intervall is None
    )


def test_reader_reports_overlong_lines() -> None:
    data = io.BytesIO(b'{"id": "' + b"x" * (1 << 20) + b'"}\n' + _rad().encode() + b"\n")
    lang, bra = las_pseudonymiserad(data)
    assert lang.fel is not None
    assert "längre än" in lang.fel.problems[0]
    assert bra.arende is not None
    assert bra.radnummer == 2


#: A pseudonym of the right form with ten base32 digits 2-7 in a row, as about one in
#: 800,000 is: no valid personnummer, but errors.mask takes it for one.
TIO_SIFFROR = "vdoldnkt_ab2345672345cdefghijklmnopqrstuv"


def test_a_pseudonym_with_ten_digits_is_no_personnummer() -> None:
    assert is_pseudonym(TIO_SIFFROR)
    assert personnummerlika(TIO_SIFFROR) == []


def test_a_pseudonym_with_ten_digits_reads_back() -> None:
    (rad,) = las_pseudonymiserad([_rad(person_id=TIO_SIFFROR)])
    assert rad.arende is not None, rad.fel
    assert rad.arende.person_id == TIO_SIFFROR


def test_the_model_takes_every_pseudonym_as_person_key() -> None:
    assert Arende(id="A-1", person_id=TIO_SIFFROR).person_id == TIO_SIFFROR
