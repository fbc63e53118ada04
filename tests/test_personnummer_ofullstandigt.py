"""Issue 11 and 17 for personnummer: samordningsnummer with a partly unknown birth date,
12 digits with '+', birth years from 1800, long input and odd separators.

Check digits come from the textbook Luhn in tests/test_personnummer.py; the possible
birth dates and ages are computed here by brute force, independent of the library.
"""

from __future__ import annotations

import calendar
import copy
import pickle
from datetime import date, timedelta

import pytest
from dateutil.relativedelta import relativedelta
from hypothesis import example, given
from hypothesis import strategies as st

from socialtjanst_variabler import strategies
from socialtjanst_variabler.errors import (
    DateBeforeBirth,
    FutureBirthDate,
    IncompleteBirthDate,
    InvalidDate,
    InvalidFormat,
    InvalidPersonnummer,
    InvalidSerial,
    ValidationError,
)
from socialtjanst_variabler.personnummer import (
    Personnummer,
    compact,
    format,
    is_valid,
    validate,
)
from socialtjanst_variabler.vardemangder.bakgrund import JuridisktKon
from tests.test_personnummer import med_kontroll, tolv

REF = date(2026, 1, 1)


def mojliga_datum(tolv_siffror: str) -> list[date]:
    """Every birth date the 12 digits allow: month 00 is any month, day 60 any day."""
    ar, manad, dag = int(tolv_siffror[:4]), int(tolv_siffror[4:6]), int(tolv_siffror[6:8])
    if dag >= 60:
        dag -= 60
    manader = range(1, 13) if manad == 0 else [manad]
    return [
        date(ar, m, d)
        for m in manader
        for d in range(1, calendar.monthrange(ar, m)[1] + 1)
        if dag in (0, d)
    ]


def siffror(p: Personnummer) -> str:
    return str(p).replace("-", "")


def visar(sista: str, texter: list[str], fodd: str = "") -> bool:
    """Whether any of *texter* shows the last four digits *sista*, beyond the birth date
    *fodd* (the masked form shows it) and the rule's own year."""
    return any(sista in t.replace(fodd, "").replace("före 1800", "") for t in texter)


def texter_i_kedjan(fel: BaseException) -> list[str]:
    """str, repr and args of *fel* and of every exception in its chain."""
    texter: list[str] = []
    sett: set[int] = set()
    ko: list[BaseException | None] = [fel]
    while ko:
        e = ko.pop()
        if e is None or id(e) in sett:
            continue
        sett.add(id(e))
        texter += [str(e), repr(e), *(repr(a) for a in e.args)]
        texter += [repr(v) for v in vars(e).values()]
        ko += [e.__context__, e.__cause__]
    return texter


# --- the opt-in ------------------------------------------------------------------------


@pytest.mark.parametrize("nio", ["800061238", "800160238", "800060238"])
def test_incomplete_date_needs_the_opt_in(nio: str) -> None:
    text = tolv("19", nio)
    with pytest.raises(IncompleteBirthDate, match="ofullstandigt_datum") as fel:
        Personnummer.parse(text)
    assert isinstance(fel.value, InvalidDate)
    assert text[-4:] not in str(fel.value)
    p = Personnummer.parse(text, ofullstandigt_datum=True)
    assert Personnummer(text, ofullstandigt_datum=True) == p
    assert str(p) == text
    assert p.is_samordningsnummer
    assert not p.har_fullstandigt_datum
    assert p.fodelsear == 1980


def test_the_sex_digit_reads_as_for_any_number() -> None:
    assert Personnummer.parse(tolv("19", "800061238"), ofullstandigt_datum=True).juridiskt_kon is (
        JuridisktKon.FLICKA_KVINNA
    )
    assert Personnummer.parse(tolv("19", "800061231"), ofullstandigt_datum=True).juridiskt_kon is (
        JuridisktKon.POJKE_MAN
    )


def test_the_interval_of_each_kind() -> None:
    def intervall(nio: str, sekel: str = "19") -> tuple[date, date]:
        return Personnummer.parse(tolv(sekel, nio), ofullstandigt_datum=True).fodelsedatum_intervall

    # month 00, day known: that day from January to December
    assert intervall("800061238") == (date(1980, 1, 1), date(1980, 12, 1))
    assert intervall("800091238") == (date(1980, 1, 31), date(1980, 12, 31))
    assert intervall("810089238") == (date(1981, 1, 29), date(1981, 12, 29))
    # day 60, month known: the whole month, leap years included
    assert intervall("800260238") == (date(1980, 2, 1), date(1980, 2, 29))
    assert intervall("810260238") == (date(1981, 2, 1), date(1981, 2, 28))
    assert intervall("000260238") == (date(1900, 2, 1), date(1900, 2, 28))
    assert intervall("000260238", "20") == (date(2000, 2, 1), date(2000, 2, 29))
    assert intervall("800460238") == (date(1980, 4, 1), date(1980, 4, 30))
    # both unknown: the year
    assert intervall("800060238") == (date(1980, 1, 1), date(1980, 12, 31))


@pytest.mark.parametrize(
    "nio",
    [
        "800092238",  # month 00, day 92 (32)
        "801360238",  # month 13, day 60
        "800001238",  # month 00 in a personnummer (day < 60): not a samordningsnummer
        "800100238",  # day 00 in a personnummer
        "800059238",  # month 00, day 59
        "800290238",  # a real samordningsnummer date that does not exist: 30 February
    ],
)
def test_what_is_still_an_impossible_date(nio: str) -> None:
    for tillat in (False, True):
        with pytest.raises(InvalidDate) as fel:
            Personnummer.parse(tolv("19", nio), ofullstandigt_datum=tillat)
        assert type(fel.value) is InvalidDate


def test_ten_digit_forms_with_the_opt_in() -> None:
    p = Personnummer.parse(tolv("19", "800061238"), ofullstandigt_datum=True)
    tio = med_kontroll("800061238")
    assert Personnummer.parse(tio, referensdatum=REF, ofullstandigt_datum=True) == p
    assert (
        Personnummer.parse(f"{tio[:6]}-{tio[6:]}", referensdatum=REF, ofullstandigt_datum=True) == p
    )
    gammal = Personnummer.parse(tolv("19", "050060238"), ofullstandigt_datum=True)
    tio = med_kontroll("050060238")
    assert (
        Personnummer.parse(f"{tio[:6]}+{tio[6:]}", referensdatum=REF, ofullstandigt_datum=True)
        == gammal
    )
    with pytest.raises(IncompleteBirthDate):
        Personnummer.parse(f"{tio[:6]}+{tio[6:]}", referensdatum=REF)
    assert p.tiosiffrig(referensdatum=REF) == f"800061-{tolv('19', '800061238')[-4:]}"
    assert gammal.tiosiffrig(referensdatum=REF)[6] == "+"
    with pytest.raises(DateBeforeBirth):
        p.tiosiffrig(referensdatum=date(1979, 12, 31))
    # The 10-digit form in the birth year itself: the earliest date decides.
    assert p.tiosiffrig(referensdatum=date(1980, 1, 1))[6] == "-"


def test_the_stdnum_verbs_take_the_opt_in() -> None:
    text = tolv("19", "800060238")
    assert validate(text, ofullstandigt_datum=True) == text
    assert compact(text, ofullstandigt_datum=True) == text.replace("-", "")
    assert format(text.replace("-", ""), ofullstandigt_datum=True) == text
    assert is_valid(text, ofullstandigt_datum=True)
    assert not is_valid(text)
    for verb in (validate, compact, format):
        with pytest.raises(IncompleteBirthDate):
            verb(text)


def test_serial_000_and_the_reference_date_are_checked_too() -> None:
    with pytest.raises(InvalidSerial):
        Personnummer.parse(tolv("19", "800060000"), ofullstandigt_datum=True)
    # Whether anyone can have been born by the reference date: the earliest date decides.
    text = tolv("20", "260060238")
    with pytest.raises(FutureBirthDate):
        Personnummer.parse(text, referensdatum=date(2025, 12, 31), ofullstandigt_datum=True)
    p = Personnummer.parse(text, referensdatum=date(2026, 1, 1), ofullstandigt_datum=True)
    assert p.fodelsedatum_intervall == (date(2026, 1, 1), date(2026, 12, 31))
    with pytest.raises(FutureBirthDate):
        Personnummer.parse(
            tolv("20", "261260238"), referensdatum=date(2026, 11, 30), ofullstandigt_datum=True
        )


# --- birth date and age ------------------------------------------------------------------


def test_fodelsedatum_raises_and_the_interval_answers() -> None:
    p = Personnummer.parse(tolv("19", "800260238"), ofullstandigt_datum=True)
    with pytest.raises(IncompleteBirthDate, match="fodelsedatum_intervall") as fel:
        p.fodelsedatum  # noqa: B018 - the property under test
    assert "0238" not in str(fel.value)
    hel = Personnummer.parse("19121212-1212")
    assert hel.har_fullstandigt_datum
    assert hel.fodelsear == 1912
    assert hel.fodelsedatum_intervall == (date(1912, 12, 12), date(1912, 12, 12))
    assert hel.alder_intervall(vid=REF) == (113, 113)


def test_age_when_the_interval_settles_it_and_an_error_when_it_does_not() -> None:
    p = Personnummer.parse(tolv("19", "800260238"), ofullstandigt_datum=True)  # February 1980
    assert p.alder_intervall(vid=date(2026, 1, 31)) == (45, 45)
    assert p.alder(vid=date(2026, 1, 31)) == 45
    assert p.alder_intervall(vid=date(2026, 2, 1)) == (45, 46)
    with pytest.raises(IncompleteBirthDate, match="alder_intervall"):
        p.alder(vid=date(2026, 2, 1))
    assert p.alder_intervall(vid=date(2026, 2, 27)) == (45, 46)
    # Born 29 February 1980 at the latest, 46 on 28 February 2026 (lag 1930:173 1 §).
    assert p.alder_intervall(vid=date(2026, 2, 28)) == (46, 46)
    assert p.alder(vid=date(2026, 2, 28)) == 46
    # Inside the interval: the ages of whoever was born by then.
    assert p.alder_intervall(vid=date(1980, 2, 10)) == (0, 0)
    assert p.alder(vid=date(1980, 2, 10)) == 0
    with pytest.raises(DateBeforeBirth):
        p.alder_intervall(vid=date(1980, 1, 31))
    with pytest.raises(DateBeforeBirth):
        p.alder(vid=date(1980, 1, 31))
    with pytest.raises(TypeError, match="vid"):
        p.alder_intervall(vid=None)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="vid"):
        p.alder(vid="2026-01-01")  # type: ignore[arg-type]


def test_pickle_and_copy_keep_an_incomplete_number() -> None:
    p = Personnummer.parse(tolv("19", "800060238"), ofullstandigt_datum=True)
    for kopia in (
        pickle.loads(pickle.dumps(p)),
        pickle.loads(pickle.dumps(p, protocol=0)),
        copy.copy(p),
        copy.deepcopy(p),
    ):
        assert kopia == p
        assert hash(kopia) == hash(p)
        assert not kopia.har_fullstandigt_datum
        assert kopia.fodelsedatum_intervall == p.fodelsedatum_intervall


# --- '+' with 12 digits -----------------------------------------------------------------


def test_plus_with_twelve_digits_follows_the_calendar_year_of_the_100th_birthday() -> None:
    text = tolv("19", "261231238")  # born 31 December 1926
    p = Personnummer.parse(text)
    plus = f"{text[:8]}+{text[9:]}"
    assert Personnummer.parse(plus, referensdatum=date(2026, 1, 1)) == p  # turns 100 in 2026
    with pytest.raises(InvalidFormat, match="100 år") as fel:
        Personnummer.parse(plus, referensdatum=date(2025, 12, 31))
    assert text[-4:] not in str(fel.value)
    # The other rules come first, as for any number.
    with pytest.raises(FutureBirthDate):
        Personnummer.parse(plus, referensdatum=date(1926, 12, 30))
    with pytest.raises(InvalidFormat):
        Personnummer.parse(f"{text[:8]}+{text[9:12]}X")
    # With a partly unknown date, the birth year decides.
    ofullst = tolv("19", "260060238")
    plus = f"{ofullst[:8]}+{ofullst[9:]}"
    assert Personnummer.parse(plus, referensdatum=REF, ofullstandigt_datum=True).fodelsear == 1926
    with pytest.raises(IncompleteBirthDate):
        Personnummer.parse(plus, referensdatum=REF)


# --- birth years from 1800 --------------------------------------------------------------


@pytest.mark.parametrize("sekel", ["00", "01", "09", "17"])
def test_twelve_digits_before_1800_are_refused(sekel: str) -> None:
    with pytest.raises(InvalidDate, match="före 1800") as fel:
        Personnummer.parse(tolv(sekel, "900101123"))
    assert type(fel.value) is InvalidDate
    with pytest.raises(InvalidDate, match="före 1800"):
        Personnummer.parse(tolv(sekel, "900060123"), ofullstandigt_datum=True)


def test_the_issues_example_and_the_first_year_accepted() -> None:
    with pytest.raises(InvalidDate, match="före 1800"):
        Personnummer.parse("00900101-1239")
    with pytest.raises(InvalidDate, match="före 1800"):
        Personnummer.parse(tolv("17", "991231123"))
    assert Personnummer.parse(tolv("18", "000101123")).fodelsedatum == date(1800, 1, 1)


def test_ten_digits_whose_century_falls_before_1800_are_refused() -> None:
    tio = med_kontroll("990101123")
    plus = f"{tio[:6]}+{tio[6:]}"
    # '+' read in 1899 or 1900 gives 1799; read in 1999 it gives 1899.
    for ref in (date(1899, 6, 1), date(1900, 1, 1)):
        with pytest.raises(InvalidDate, match="före 1800"):
            Personnummer.parse(plus, referensdatum=ref)
    assert Personnummer.parse(plus, referensdatum=date(1999, 6, 1)).fodelsedatum == date(1899, 1, 1)


# --- long input (issue 17) ---------------------------------------------------------------


class Strang(str):
    """A str subclass whose methods must not be trusted (they raise)."""

    __slots__ = ()

    def strip(self, chars: str | None = None) -> str:
        raise AssertionError("strip must not be called")

    def __len__(self) -> int:
        raise AssertionError("len must not be called")


@pytest.mark.parametrize("langd", [65, 1_000, 10_000_000])
def test_long_input_is_refused_with_a_format_error(langd: int) -> None:
    for text in ("1" * langd, " " * (langd - 13) + "19121212-1212", Strang("9" * langd)):
        with pytest.raises(InvalidFormat, match="för långt"):
            Personnummer.parse(text)
        for verb in (validate, compact, format):
            with pytest.raises(InvalidFormat, match="för långt"):
                verb(text)
        assert is_valid(text) is False


def test_sixty_four_characters_are_read() -> None:
    text = " " * 25 + "19121212-1212" + "\t" * 26
    assert len(text) == 64
    assert Personnummer.parse(text) == Personnummer.parse("19121212-1212")
    assert Personnummer.parse(Strang("19121212-1212")) == Personnummer.parse("19121212-1212")


# --- odd separators (issue 17) ------------------------------------------------------------

SEPARATORER = [
    "\t",
    "  ",
    " ",
    "\u2014",  # em dash
    "\u2013",  # en dash
    "\u2212",  # minus sign
    "\u00a0",  # no-break space
    "\u2009",  # thin space
    "/",
    ".",
    "_",
    "\n",
    "++",
    "--",
    "\u200b",  # zero-width space
]


@pytest.mark.parametrize("sep", SEPARATORER)
@pytest.mark.parametrize("text", ["19910924-2397", "910924-2397", "19800061-2385"])
def test_odd_separators_are_refused_and_nothing_is_shown(sep: str, text: str) -> None:
    dat, sista = text.split("-")
    udda = f"{dat}{sep}{sista}"
    for tillat in (False, True):
        for verb in (Personnummer.parse, Personnummer, validate, compact, format):
            with pytest.raises(InvalidFormat) as fel:
                verb(udda, referensdatum=REF, ofullstandigt_datum=tillat)
            for t in texter_i_kedjan(fel.value):
                assert sista not in t
        assert is_valid(udda, referensdatum=REF, ofullstandigt_datum=tillat) is False


# --- properties ---------------------------------------------------------------------------


@given(strategies.samordningsnummer_ofullstandiga(max_fodelsear=REF.year - 1))
def test_incomplete_numbers_round_trip(p: Personnummer) -> None:
    assert Personnummer.parse(str(p), ofullstandigt_datum=True) == p
    assert Personnummer.parse(siffror(p), ofullstandigt_datum=True) == p
    assert (
        Personnummer.parse(
            p.tiosiffrig(referensdatum=REF), referensdatum=REF, ofullstandigt_datum=True
        )
        == p
    )
    with pytest.raises(IncompleteBirthDate):
        Personnummer.parse(str(p))
    assert not p.har_fullstandigt_datum
    assert p.is_samordningsnummer
    assert pickle.loads(pickle.dumps(p)) == p


@given(strategies.samordningsnummer_ofullstandiga(max_fodelsear=REF.year - 1))
def test_the_interval_is_exactly_the_possible_dates(p: Personnummer) -> None:
    mojliga = mojliga_datum(siffror(p))
    tidigast, senast = p.fodelsedatum_intervall
    assert tidigast <= senast
    assert (tidigast, senast) == (min(mojliga), max(mojliga))
    assert p.fodelsear == tidigast.year == senast.year


@given(
    st.one_of(
        strategies.samordningsnummer_ofullstandiga(max_fodelsear=REF.year - 1),
        strategies.personnummer(max_fodelsedatum=REF),
    ),
    st.data(),
)
def test_the_age_interval_is_the_ages_of_the_possible_dates(
    p: Personnummer, data: st.DataObject
) -> None:
    tidigast = p.fodelsedatum_intervall[0]
    vid = data.draw(st.dates(tidigast, date(2150, 12, 31)), label="vid")
    lagst, hogst = p.alder_intervall(vid=vid)
    # Oracle: every possible birth date up to vid (relativedelta, DESIGN.md's rule).
    aldrar = {relativedelta(vid, d).years for d in mojliga_datum(siffror(p)) if d <= vid}
    assert (lagst, hogst) == (min(aldrar), max(aldrar))
    assert aldrar == set(range(lagst, hogst + 1))
    if lagst == hogst:
        assert p.alder(vid=vid) == lagst
    else:
        with pytest.raises(IncompleteBirthDate):
            p.alder(vid=vid)
    with pytest.raises(DateBeforeBirth):
        p.alder_intervall(vid=tidigast - timedelta(days=1))


def _former(p: Personnummer) -> list[str]:
    """Every accepted text form of *p* on REF."""
    tolv_siffror = siffror(p)
    tio = p.tiosiffrig(referensdatum=REF)
    former = [str(p), tolv_siffror, tio, f" {p}\t"]
    if tio[6] == "+":
        former.append(f"{tolv_siffror[:8]}+{tolv_siffror[8:]}")
    else:
        former.append(tio.replace("-", ""))
    return former


def _felaktiga(p: Personnummer) -> list[tuple[str, date]]:
    """Texts near *p* that break one rule each, with the reference date to read them at."""
    t = siffror(p)
    fodelsear = p.fodelsear
    sista = t[8:]
    return [
        (f"{t[:11]}{(int(t[11]) + 1) % 10}", REF),  # check digit
        (f"{t[:8]}-{sista}\n", REF),  # a line break
        (f"{t[:8]}\u2014{sista}", REF),  # an em dash
        (f"{t[:8]}\t{sista}", REF),  # a tab inside
        (f"{t[:8]}+{sista}", date(fodelsear + 99, 12, 31)),  # '+' under 100
        (f"{t[:8]}-{sista}{sista}", REF),  # length
        (f"{t[:8]}-{sista}" + " " * 60, REF),  # too long
        (str(p), date(fodelsear - 1, 12, 31)),  # born after the reference date
        (f"{t[2:8]}-{sista}", date(fodelsear - 1, 12, 31)),  # 10 digits, a century later
        (f"17{t[2:8]}-{sista}", REF),  # before 1800
        (f"{t[:8]}-{sista}".replace("-", "-T")[:13], REF),  # a letter
    ]


@given(
    st.one_of(
        strategies.personnummer(max_fodelsedatum=REF),
        strategies.samordningsnummer_ofullstandiga(max_fodelsear=REF.year - 1),
    )
)
@example(Personnummer.parse("19090527-1474"))
def test_no_error_shows_the_number(p: Personnummer) -> None:
    sista = siffror(p)[8:]
    fodd = siffror(p)[:8]
    tillat = not p.har_fullstandigt_datum
    assert not visar(sista, [repr(p), p.maskerad], fodd)
    for text in _former(p):
        assert Personnummer.parse(text, referensdatum=REF, ofullstandigt_datum=tillat) == p
        if tillat:
            with pytest.raises(IncompleteBirthDate) as ofullst:
                Personnummer.parse(text, referensdatum=REF)
            assert not visar(sista, texter_i_kedjan(ofullst.value), fodd)
            with pytest.raises(IncompleteBirthDate) as datumfel:
                p.fodelsedatum  # noqa: B018 - the property under test
            assert not visar(sista, texter_i_kedjan(datumfel.value), fodd)
    for text, ref in _felaktiga(p):
        try:
            Personnummer.parse(text, referensdatum=ref, ofullstandigt_datum=tillat)
        except InvalidPersonnummer as fel:
            assert not visar(sista, texter_i_kedjan(fel), fodd), (text, fel)
        else:  # a mutation that happens to give another valid number
            assert text.strip() != str(p)
    with pytest.raises(DateBeforeBirth) as fore:
        p.alder_intervall(vid=p.fodelsedatum_intervall[0] - timedelta(days=1))
    assert not visar(sista, texter_i_kedjan(fore.value), fodd)
    with pytest.raises(ValidationError) as tio:
        p.tiosiffrig(referensdatum=date(p.fodelsear + 200, 1, 1))
    assert not visar(sista, texter_i_kedjan(tio.value), fodd)


@given(st.text(max_size=80), st.booleans())
def test_any_text_with_the_opt_in_gives_a_number_or_a_documented_error(
    text: str, tillat: bool
) -> None:
    try:
        p = Personnummer.parse(text, referensdatum=REF, ofullstandigt_datum=tillat)
    except InvalidPersonnummer as fel:
        assert type(fel).__module__ == "socialtjanst_variabler.errors"
        return
    assert tillat or p.har_fullstandigt_datum
