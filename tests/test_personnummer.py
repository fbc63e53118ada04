"""Personnummer (variabel 3, with 4 and 5 derived): one named example per rule of DESIGN.md.

Check digits in these tests come from :func:`med_kontroll`, a textbook Luhn written here,
independent of the table-driven one in the library.
"""

from __future__ import annotations

import copy
import pickle
from datetime import date, datetime, timedelta

import pytest

from socialtjanst_variabler.errors import (
    DateBeforeBirth,
    FutureBirthDate,
    InvalidChecksum,
    InvalidDate,
    InvalidFormat,
    InvalidPersonnummer,
    InvalidSerial,
    InvalidType,
    NotAPersonnummer,
    ValidationError,
)
from socialtjanst_variabler.identitet import personnummer as modul
from socialtjanst_variabler.personnummer import (
    Personnummer,
    calc_check_digit,
    compact,
    format,
    is_valid,
    validate,
)
from socialtjanst_variabler.vardemangder.bakgrund import JuridisktKon

REF = date(2026, 1, 1)


def fullbredd(text: str) -> str:
    """*text* in full-width forms (U+FF10 ... for digits, U+FF0D for the hyphen)."""
    return text.translate({ord(c): 0xFF00 + ord(c) - 0x20 for c in "0123456789-"})


def med_kontroll(nio: str) -> str:
    """*nio* (nine digits of the 10-digit form) followed by its Luhn check digit."""
    return nio + calc_check_digit(nio)


def tolv(sekel: str, nio: str) -> str:
    """A 12-digit number ``sekel + nio + check digit``, with hyphen."""
    tio = med_kontroll(nio)
    return f"{sekel}{tio[:6]}-{tio[6:]}"


def test_helper_matches_published_examples() -> None:
    # Skatteverket's classic example 121212-1212 and the samordningsnummer.
    assert med_kontroll("121212121") == "1212121212"
    assert med_kontroll("701063239") == "7010632391"


# --- accepted forms -------------------------------------------------------------------


def test_twelve_digits_with_and_without_hyphen_are_the_same_number() -> None:
    med = Personnummer.parse("19121212-1212")
    utan = Personnummer.parse("191212121212")
    assert med == utan
    assert str(med) == str(utan) == "19121212-1212"
    assert med.fodelsedatum == date(1912, 12, 12)


def test_ten_digits_with_hyphen_plus_and_without_separator() -> None:
    assert str(Personnummer.parse("121212-1212", referensdatum=REF)) == "20121212-1212"
    assert str(Personnummer.parse("1212121212", referensdatum=REF)) == "20121212-1212"
    assert str(Personnummer.parse("121212+1212", referensdatum=REF)) == "19121212-1212"


def test_calling_the_class_is_parse() -> None:
    assert Personnummer("121212+1212", referensdatum=REF) == Personnummer.parse("191212121212")


def test_spaces_and_tabs_around_the_number_are_ignored() -> None:
    for text in (" 19121212-1212", "19121212-1212 ", "\t 191212121212\t", "  121212+1212  "):
        assert str(Personnummer.parse(text, referensdatum=REF)) == "19121212-1212", text


@pytest.mark.parametrize(
    "text",
    [
        "19121212-1212\n",  # a trailing newline, as read from a file
        "19121212-1212\r\n",
        "\n19121212-1212",
        "19121212-1212\u00a0",  # no-break space
        "\u200319121212-1212",  # em space
        "19121212-1212\x0b",
        "19121212-1212\x0c",
        "19121212 1212",  # a space as separator (personnummer-meta: invalid too)
        "1912 1212 1212",
        "19121212-\t1212",
    ],
)
def test_other_whitespace_is_refused(text: str) -> None:
    with pytest.raises(InvalidFormat) as fel:
        Personnummer.parse(text)
    assert type(fel.value) is InvalidFormat
    assert "blanksteg" in str(fel.value)


@pytest.mark.parametrize(
    "text",
    [
        "١٩١٢١٢١٢-١٢١٢",  # Arabic-Indic: int() would read these
        "۱۹۱۲۱۲۱۲۱۲۱۲",  # Extended Arabic-Indic (Persian)
        fullbredd("19121212-1212"),  # full-width digits and hyphen
        fullbredd("121212") + "-" + fullbredd("1212"),
        "१९१२१२१२१२१२",  # Devanagari
        "19121212-121²",  # superscript two: str.isdigit() says True
        "᭓",
        "19121212\u20131212",  # en dash as separator
        "19121212\u22121212",  # minus sign as separator
    ],
)
def test_non_ascii_digits_and_signs_are_refused(text: str) -> None:
    assert int("١٩٨٨") == 1988  # the trap this rule exists for
    with pytest.raises(InvalidFormat) as fel:
        Personnummer.parse(text)
    assert type(fel.value) is InvalidFormat
    assert "ASCII" in str(fel.value)


def test_twelve_digits_with_plus_only_for_someone_who_turns_100_or_more() -> None:
    # Issue 11: '+' with 12 digits (as in personnummer/meta) is accepted when it agrees
    # with the reference date, by calendar year as for the 10-digit form.
    p = Personnummer.parse("19121212-1212")
    assert Personnummer.parse("19121212+1212", referensdatum=date(2012, 1, 1)) == p
    assert Personnummer.parse(" 19121212+1212\t", referensdatum=REF) == p
    with pytest.raises(InvalidFormat, match="plustecknet") as fel:
        Personnummer.parse("19121212+1212", referensdatum=date(2011, 12, 31))
    assert type(fel.value) is InvalidFormat
    assert "1212" not in str(fel.value)


@pytest.mark.parametrize(
    "text",
    ["", "   ", "1", "12121212", "121212121", "12121212121", "1912121212123", "19121212-12123"],
)
def test_wrong_length_is_refused(text: str) -> None:
    with pytest.raises(InvalidFormat) as fel:
        Personnummer.parse(text)
    assert type(fel.value) is InvalidFormat
    assert "längd" in str(fel.value) or "tomt" in str(fel.value)


@pytest.mark.parametrize(
    "text",
    [
        "1912-1212-1212",
        "191212-121212",
        "19121212--1212",
        "12121-21212",
        "1212121-212",
        "121212*1212",
        "19121212_1212",
        "-1212121212",
        "+121212-1212",
        "191212121212-",
        "19121212/1212",
    ],
)
def test_separator_in_the_wrong_place_or_unknown_is_refused(text: str) -> None:
    with pytest.raises(InvalidFormat) as fel:
        Personnummer.parse(text)
    assert type(fel.value) is InvalidFormat


@pytest.mark.parametrize(
    "text",
    [
        "19800101-T123",  # temporary number, letter first
        "800101-T123",
        "20000101T220",  # personnummer-meta's interim form
        "000101T220",
        "19800101-12AB",  # reservnummer with letters last
        "800101+X123",
        "19800101-t123",  # lower case
    ],
)
def test_reservnummer_and_temporary_numbers_have_their_own_error(text: str) -> None:
    with pytest.raises(NotAPersonnummer) as fel:
        Personnummer.parse(text)
    assert isinstance(fel.value, InvalidFormat)  # a plain "except InvalidFormat" still works
    assert "reservnummer" in str(fel.value)


def test_letters_elsewhere_are_a_plain_format_error() -> None:
    for text in ("1980O101-1234", "ABCDEFGH-IJKL", "19800101-T1234", "19800101-ÅÄÖ1"):
        with pytest.raises(InvalidFormat) as fel:
            Personnummer.parse(text)
        assert type(fel.value) is InvalidFormat, text


@pytest.mark.parametrize(
    "varde", [None, 191212121212, 1212121212.0, b"191212121212", bytearray(b"1"), ["1"], object()]
)
def test_wrong_type_is_refused(varde: object) -> None:
    with pytest.raises(InvalidType) as fel:
        Personnummer.parse(varde)  # type: ignore[arg-type]
    assert isinstance(fel.value, TypeError)
    assert isinstance(fel.value, ValueError)


def test_a_str_subclass_is_read_as_its_text() -> None:
    class Text(str):
        __slots__ = ()

        def __len__(self) -> int:  # a subclass may lie; the parser reads the text
            return 0

    p = Personnummer.parse(Text("19121212-1212"))
    assert p == Personnummer.parse("19121212-1212")
    assert type(compact(Text("19121212-1212"))) is str


# --- dates ----------------------------------------------------------------------------


def test_1900_02_29_invalid_and_2000_02_29_valid() -> None:
    with pytest.raises(InvalidDate):
        Personnummer.parse(tolv("19", "000229123"))
    p = Personnummer.parse(tolv("20", "000229123"))
    assert p.fodelsedatum == date(2000, 2, 29)
    # 10 digits: the century decides the leap year too.
    with pytest.raises(InvalidDate):
        Personnummer.parse(med_kontroll("000229123"), referensdatum=date(1999, 12, 31))
    assert Personnummer.parse(med_kontroll("000229123"), referensdatum=REF) == p


def test_day_00_is_invalid() -> None:
    with pytest.raises(InvalidDate):
        Personnummer.parse(tolv("19", "800100123"))


@pytest.mark.parametrize("dag", range(32, 61))
def test_days_32_to_60_are_invalid(dag: int) -> None:
    with pytest.raises(InvalidDate):
        Personnummer.parse(tolv("19", f"8001{dag:02d}123"))


@pytest.mark.parametrize("dag", range(92, 100))
def test_days_92_and_up_are_invalid(dag: int) -> None:
    with pytest.raises(InvalidDate):
        Personnummer.parse(tolv("19", f"8001{dag:02d}123"))


@pytest.mark.parametrize("nio", ["800001123", "801301123", "802001123", "800431123", "810229123"])
def test_month_00_13_and_impossible_days_are_invalid(nio: str) -> None:
    with pytest.raises(InvalidDate):
        Personnummer.parse(tolv("19", nio))
    with pytest.raises(InvalidDate):
        Personnummer.parse(med_kontroll(nio), referensdatum=REF)


def test_year_0000_is_invalid() -> None:
    with pytest.raises(InvalidDate):
        Personnummer.parse(tolv("00", "000101123"))


# --- samordningsnummer ----------------------------------------------------------------


def test_samordningsnummer_701063_2391() -> None:
    p = Personnummer.parse("701063-2391", referensdatum=REF)
    assert p.is_samordningsnummer
    assert p.fodelsedatum == date(1970, 10, 3)
    assert str(p) == "19701063-2391"
    assert p.juridiskt_kon is JuridisktKon.POJKE_MAN
    assert p.alder(vid=date(2026, 10, 2)) == 55
    assert p.alder(vid=date(2026, 10, 3)) == 56


def test_samordningsnummer_days_61_and_91() -> None:
    forsta = Personnummer.parse(tolv("19", "800161123"))
    sista = Personnummer.parse(tolv("19", "800191123"))
    assert forsta.fodelsedatum == date(1980, 1, 1)
    assert sista.fodelsedatum == date(1980, 1, 31)
    assert forsta.is_samordningsnummer
    assert sista.is_samordningsnummer
    assert not Personnummer.parse(tolv("19", "800131123")).is_samordningsnummer


def test_samordningsnummer_date_must_exist() -> None:
    with pytest.raises(InvalidDate):  # 31 April
        Personnummer.parse(tolv("19", "800491123"))
    with pytest.raises(InvalidDate):  # 29 February 1900
        Personnummer.parse(tolv("19", "000289123"))
    assert Personnummer.parse(tolv("20", "000289123")).fodelsedatum == date(2000, 2, 29)


# --- födelsenummer and check digit ----------------------------------------------------


def test_serial_000_is_refused() -> None:
    for text in (tolv("19", "121212000"), med_kontroll("121212000")):
        with pytest.raises(InvalidSerial):
            Personnummer.parse(text, referensdatum=REF)
    for serie in ("001", "100", "010", "999"):
        assert is_valid(tolv("19", f"121212{serie}"))


def test_every_wrong_check_digit_is_refused() -> None:
    ratt = med_kontroll("121212121")
    for siffra in "0123456789":
        if siffra == ratt[-1]:
            continue
        for text in (f"19{ratt[:-1]}{siffra}", f"{ratt[:6]}-{ratt[6:9]}{siffra}"):
            with pytest.raises(InvalidChecksum):
                Personnummer.parse(text, referensdatum=REF)


def test_check_digit_covers_the_ten_digit_form_only() -> None:
    # The century is not part of the Luhn sum: both are valid, different people.
    a = Personnummer.parse("19121212-1212")
    b = Personnummer.parse("20121212-1212")
    assert a != b
    assert a.fodelsedatum.year + 100 == b.fodelsedatum.year


def test_check_digit_is_tested_before_the_date() -> None:
    # A typo gives the typo's error, whatever else the mistyped number would break.
    with pytest.raises(InvalidChecksum):
        Personnummer.parse("19000229-1234")


# --- century of a 10-digit number -----------------------------------------------------


def test_plus_in_the_year_the_person_turns_100() -> None:
    # Born 1912-12-12: turns 100 in 2012, so from 2012-01-01 it is written with '+',
    # even before the birthday (calendar year, as Skatteverket writes it).
    for ref in (date(2012, 1, 1), date(2012, 12, 11), date(2012, 12, 12), date(2013, 6, 1)):
        p = Personnummer.parse("121212+1212", referensdatum=ref)
        assert p.fodelsedatum == date(1912, 12, 12), ref
        assert p.tiosiffrig(referensdatum=ref) == "121212+1212"


def test_hyphen_in_the_year_before_the_person_turns_100() -> None:
    ref = date(2011, 12, 31)
    assert Personnummer.parse("121212-1212", referensdatum=ref).fodelsedatum.year == 1912
    assert Personnummer.parse("1212121212", referensdatum=ref).fodelsedatum.year == 1912
    # The same number with '+' that year is someone born a century earlier.
    assert Personnummer.parse("121212+1212", referensdatum=ref).fodelsedatum.year == 1812


def test_ten_digits_whose_date_would_lie_after_the_reference_date() -> None:
    # In 2012 before 12 December, "121212-1212" (at most 99 that year) can only be born
    # 2012-12-12, which has not happened yet: refused, not moved back a century.
    with pytest.raises(FutureBirthDate):
        Personnummer.parse("121212-1212", referensdatum=date(2012, 12, 11))
    with pytest.raises(FutureBirthDate):
        Personnummer.parse("1212121212", referensdatum=date(2012, 1, 1))
    born_today = Personnummer.parse("121212-1212", referensdatum=date(2012, 12, 12))
    assert born_today.fodelsedatum == date(2012, 12, 12)
    assert born_today.alder(vid=date(2012, 12, 12)) == 0


def test_plus_spans_100_to_199_years() -> None:
    ref = date(2026, 6, 1)
    for nio, ar in (("260101123", 1926), ("270101123", 1827), ("260601123", 1926)):
        tio = med_kontroll(nio)
        plus = Personnummer.parse(f"{tio[:6]}+{tio[6:]}", referensdatum=ref)
        assert plus.fodelsedatum.year == ar
        minus = Personnummer.parse(f"{tio[:6]}-{tio[6:]}", referensdatum=ref)
        assert minus.fodelsedatum.year == ar + 100


def test_twelve_digits_after_the_reference_date_are_refused() -> None:
    text = tolv("20", "300101123")
    with pytest.raises(FutureBirthDate):
        Personnummer.parse(text, referensdatum=date(2029, 12, 31))
    assert Personnummer.parse(text, referensdatum=date(2030, 1, 1)).fodelsedatum == date(2030, 1, 1)


def test_default_reference_date_is_today() -> None:
    idag = date.today()
    imorgon = idag + timedelta(days=1)
    idag_nio = f"{idag:%y%m%d}123"
    assert Personnummer.parse(tolv(f"{idag:%Y}"[:2], idag_nio)).fodelsedatum == idag
    assert Personnummer.parse(med_kontroll(idag_nio)).fodelsedatum == idag
    imorgon_nio = f"{imorgon:%y%m%d}123"
    with pytest.raises(FutureBirthDate):
        Personnummer.parse(tolv(f"{imorgon:%Y}"[:2], imorgon_nio))
    if imorgon.year == idag.year:  # on 31 December, tomorrow's ÅÅ means 100 years ago
        with pytest.raises(FutureBirthDate):
            Personnummer.parse(med_kontroll(imorgon_nio))


def test_today_follows_the_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    # The default reference date is cached per local day; moving the clock past
    # midnight moves it.
    klocka = [datetime(2012, 12, 11, 23, 59, 59).timestamp()]
    monkeypatch.setattr(modul, "_klocka", lambda: klocka[0])
    monkeypatch.setattr(modul, "_idag_cache", (0.0, 0.0, date.min))
    with pytest.raises(FutureBirthDate):
        Personnummer.parse("121212-1212")
    with pytest.raises(FutureBirthDate):
        Personnummer.parse("201212121212")
    assert Personnummer.parse("121212+1212").tiosiffrig() == "121212+1212"
    klocka[0] += 1  # midnight: 2012-12-12
    assert Personnummer.parse("121212-1212").fodelsedatum == date(2012, 12, 12)
    assert Personnummer.parse("201212121212").tiosiffrig() == "121212-1212"
    assert is_valid("201212121212")


def test_reference_date_may_be_a_datetime_or_date_subclass() -> None:
    class Dag(date):
        pass

    for ref in (datetime(2012, 12, 11, 23, 59), Dag(2012, 12, 11)):
        with pytest.raises(FutureBirthDate):
            Personnummer.parse("121212-1212", referensdatum=ref)
        with pytest.raises(FutureBirthDate):
            Personnummer.parse("20121212-1212", referensdatum=ref)
        assert Personnummer.parse("121212+1212", referensdatum=ref).tiosiffrig(
            referensdatum=ref
        ) == ("121212+1212")


def test_a_reference_date_that_is_not_a_date_is_a_programming_error() -> None:
    for ref in ("2026-01-01", 2026, object()):
        with pytest.raises(TypeError, match="referensdatum") as fel:
            Personnummer.parse("19121212-1212", referensdatum=ref)  # type: ignore[arg-type]
        assert not isinstance(fel.value, ValueError)
        with pytest.raises(TypeError, match="referensdatum"):
            Personnummer.parse("121212-1212", referensdatum=ref)  # type: ignore[arg-type]
        with pytest.raises(TypeError):
            is_valid("121212-1212", referensdatum=ref)  # type: ignore[arg-type]


# --- juridiskt kön (variabel 4) -------------------------------------------------------


@pytest.mark.parametrize("siffra", range(10))
def test_juridiskt_kon_from_the_ninth_digit(siffra: int) -> None:
    p = Personnummer.parse(tolv("19", f"80010112{siffra}"))
    if siffra in (1, 3, 5, 7, 9):
        assert p.juridiskt_kon is JuridisktKon.POJKE_MAN
        assert p.juridiskt_kon.label == "Pojke/Man"
        assert p.juridiskt_kon.value == 2
    else:
        assert p.juridiskt_kon is JuridisktKon.FLICKA_KVINNA
        assert p.juridiskt_kon.label == "Flicka/Kvinna"
        assert p.juridiskt_kon.value == 1


# --- ålder (variabel 5) ---------------------------------------------------------------


def test_age_of_a_leapling_on_28_february_and_1_march() -> None:
    # Lag (1930:173) 1 §: born 29 February, a year older on 28 February in common years.
    # (The personnummer package and personnummer-meta's ports say 1 March.)
    p = Personnummer.parse(tolv("20", "080229123"))
    assert p.alder(vid=date(2026, 2, 27)) == 17
    assert p.alder(vid=date(2026, 2, 28)) == 18
    assert p.alder(vid=date(2026, 3, 1)) == 18
    # In a leap year the birthday is the day itself.
    assert p.alder(vid=date(2028, 2, 28)) == 19
    assert p.alder(vid=date(2028, 2, 29)) == 20
    assert p.alder(vid=date(2009, 2, 28)) == 1


def test_age_in_completed_years() -> None:
    p = Personnummer.parse("19121212-1212")
    assert p.alder(vid=date(1912, 12, 12)) == 0
    assert p.alder(vid=date(2012, 12, 11)) == 99
    assert p.alder(vid=date(2012, 12, 12)) == 100
    assert p.alder(vid=datetime(2012, 12, 12, 0, 0)) == 100


def test_age_before_birth_is_refused() -> None:
    p = Personnummer.parse("19121212-1212")
    with pytest.raises(DateBeforeBirth) as fel:
        p.alder(vid=date(1912, 12, 11))
    assert isinstance(fel.value, ValueError)
    assert not isinstance(fel.value, InvalidPersonnummer)  # the number is fine


def test_age_needs_a_date() -> None:
    p = Personnummer.parse("19121212-1212")
    with pytest.raises(TypeError, match="vid"):
        p.alder(vid="2026-01-01")  # type: ignore[arg-type]


def test_age_of_a_samordningsnummer_counts_from_day_minus_60() -> None:
    p = Personnummer.parse(tolv("19", "800175123"))  # born 1980-01-15
    assert p.alder(vid=date(2000, 1, 14)) == 19
    assert p.alder(vid=date(2000, 1, 15)) == 20


# --- text forms -----------------------------------------------------------------------


def test_str_is_the_canonical_form() -> None:
    for text in ("191212121212", "19121212-1212", " 121212+1212", "121212+1212"):
        assert str(Personnummer.parse(text, referensdatum=REF)) == "19121212-1212"


def test_repr_masks_the_last_four_digits() -> None:
    p = Personnummer.parse(tolv("19", "800101987"))
    assert repr(p) == "Personnummer('19800101-****')"
    assert "9876" not in repr(p)
    assert "9876" not in f"{[p]}"


def test_ten_digit_form_around_the_100th_birthday_year() -> None:
    p = Personnummer.parse("19121212-1212")
    assert p.tiosiffrig(referensdatum=date(1912, 12, 12)) == "121212-1212"
    assert p.tiosiffrig(referensdatum=date(2011, 12, 31)) == "121212-1212"
    assert p.tiosiffrig(referensdatum=date(2012, 1, 1)) == "121212+1212"
    assert p.tiosiffrig(referensdatum=datetime(2111, 12, 31, 12)) == "121212+1212"
    assert p.tiosiffrig() == "121212+1212"  # today, long after 2012


def test_ten_digit_form_before_birth_or_200_years_after_is_refused() -> None:
    p = Personnummer.parse("19121212-1212")
    with pytest.raises(DateBeforeBirth):
        p.tiosiffrig(referensdatum=date(1912, 12, 11))
    with pytest.raises(ValidationError, match="200"):
        p.tiosiffrig(referensdatum=date(2112, 1, 1))
    with pytest.raises(TypeError):
        p.tiosiffrig(referensdatum="2012-01-01")  # type: ignore[arg-type]


# --- value object ---------------------------------------------------------------------


def test_equal_hash_and_usable_as_key() -> None:
    a = Personnummer.parse("19121212-1212")
    b = Personnummer.parse("121212+1212", referensdatum=REF)
    c = Personnummer.parse("20121212-1212")
    assert a == b
    assert hash(a) == hash(b)
    assert a != c
    assert len({a, b, c}) == 2
    assert {a: 1}[b] == 1


def test_never_equal_to_its_text() -> None:
    p = Personnummer.parse("19121212-1212")
    assert p != "19121212-1212"
    assert p != "191212121212"
    assert p.__eq__("19121212-1212") is NotImplemented


def test_immutable() -> None:
    p = Personnummer.parse("19121212-1212")
    with pytest.raises(AttributeError):
        p.fodelsedatum = date(2000, 1, 1)  # type: ignore[misc]
    with pytest.raises(AttributeError):
        p._nummer = "200001011234"
    with pytest.raises(AttributeError):
        del p._nummer
    with pytest.raises(AttributeError):
        p.annat = 1  # type: ignore[attr-defined]
    assert str(p) == "19121212-1212"


def test_pickle_and_copy_keep_the_number() -> None:
    p = Personnummer.parse("701063-2391", referensdatum=REF)
    for kopia in (
        pickle.loads(pickle.dumps(p)),
        pickle.loads(pickle.dumps(p, protocol=0)),
        copy.copy(p),
        copy.deepcopy(p),
    ):
        assert kopia == p
        assert str(kopia) == "19701063-2391"
        assert kopia.fodelsedatum == date(1970, 10, 3)
    # The pickle stream holds the number (pickles are data, not logs), but a future
    # date after unpickling is not a reason to fail: it was valid when pickled.
    framtid = Personnummer.parse(tolv("20", "991231123"), referensdatum=date(2100, 1, 1))
    assert pickle.loads(pickle.dumps(framtid)) == framtid


# --- the python-stdnum verbs ----------------------------------------------------------


def test_validate_returns_the_canonical_form_or_raises_the_specific_error() -> None:
    assert validate("191212121212") == "19121212-1212"
    assert validate("121212+1212", referensdatum=REF) == "19121212-1212"
    with pytest.raises(InvalidChecksum):
        validate("19121212-1213")
    with pytest.raises(InvalidType):
        validate(None)


def test_compact_gives_twelve_digits_with_the_century_settled() -> None:
    assert compact("19121212-1212") == "191212121212"
    assert compact("121212+1212", referensdatum=REF) == "191212121212"
    assert compact("121212-1212", referensdatum=REF) == "201212121212"
    with pytest.raises(InvalidFormat):
        compact("19121212 1212")


def test_format_canonical_or_ten_digits() -> None:
    assert format("191212121212") == "19121212-1212"
    assert format(" 19121212-1212 ", tiosiffrig=True, referensdatum=REF) == "121212+1212"
    assert format("121212-1212", tiosiffrig=True, referensdatum=REF) == "121212-1212"
    with pytest.raises(InvalidDate):
        format(tolv("19", "000229123"))


@pytest.mark.parametrize(
    "varde",
    [None, "", "᭓", "²", object(), 191212121212, b"191212121212", "19121212-1213", "\n", "+"],
)
def test_is_valid_is_false_for_junk_and_never_raises(varde: object) -> None:
    assert is_valid(varde) is False


def test_is_valid_true_for_every_accepted_form() -> None:
    for text in ("19121212-1212", "191212121212", "121212+1212", " 701063-2391\t"):
        assert is_valid(text, referensdatum=REF) is True


# --- messages -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "klass"),
    [
        ("19121212-1219", InvalidChecksum),
        (tolv("19", "000229987"), InvalidDate),
        (tolv("19", "121212000"), InvalidSerial),
        (tolv("20", "991231987"), FutureBirthDate),
        ("20121212+1212", InvalidFormat),
        ("19121212-9876\n", InvalidFormat),
        ("1912121298761", InvalidFormat),
        ("19121212-9876x", InvalidFormat),
        ("19121212-98X6", NotAPersonnummer),
        ("١٩١٢١٢١٢-٩٨٧٦", InvalidFormat),
    ],
)
def test_messages_name_the_rule_and_never_the_number(
    text: str, klass: type[InvalidPersonnummer]
) -> None:
    with pytest.raises(klass) as fel:
        Personnummer.parse(text, referensdatum=REF)
    meddelande = str(fel.value)
    assert meddelande
    assert "personnum" in meddelande or "plusteck" in meddelande or "reservnummer" in meddelande
    siffror = "".join(t for t in text if t.isalnum())
    assert siffror[-4:] not in meddelande
    assert siffror[:8] not in meddelande
    assert text.strip() not in repr(fel.value)
