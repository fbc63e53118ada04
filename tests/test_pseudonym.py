"""Keyed pseudonyms: the key, the construction, test vectors and mixed keys."""

from __future__ import annotations

import base64
import copy
import hmac
import os
import pickle
import re
import stat
import traceback
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from socialtjanst_variabler import strategies
from socialtjanst_variabler.errors import InvalidValue, ValidationError
from socialtjanst_variabler.identitet import kommunkoder
from socialtjanst_variabler.identitet.kommunkoder import (
    KOMMUNER,
    LAN,
    InvalidKommunkod,
    is_kommunkod,
    kommun_namn,
    lan_namn,
    validera_kommunkod,
)
from socialtjanst_variabler.identitet.personnummer import Personnummer
from socialtjanst_variabler.identitet.pseudonym import (
    NYCKEL_MILJO,
    PSEUDONYM_LANGD,
    STANDARDDOMAN,
    InvalidNyckel,
    InvalidPseudonym,
    Nyckel,
    NyckelKontroll,
    OlikaNycklar,
    Pseudonymiserare,
    is_pseudonym,
    jamfor,
    nyckel_id,
    skapa_nyckelfil,
)

#: The test key of the docs' vectors: the bytes 00 01 02 ... 1f.
TESTNYCKEL = bytes(range(32))


# --- an independent oracle: the construction written out with hmac directly -------------


def _b32(data: bytes) -> str:
    return base64.b32encode(data).decode().lower()


def oracle_id(key: bytes) -> str:
    return _b32(hmac.new(key, b"socialtjanst-variabler/nyckel-id/1", "sha256").digest()[:5])


def oracle(key: bytes, slag: str, doman: str, varde: bytes) -> str:
    msg = b"socialtjanst-variabler/pseudonym/1\x00" + slag.encode() + b"\x00"
    msg += doman.encode() + b"\x00" + varde
    return oracle_id(key) + "_" + _b32(hmac.new(key, msg, "sha256").digest()[:20])


nycklar = st.binary(min_size=32, max_size=64).filter(lambda b: len(set(b)) > 1)
domaner = st.text(
    st.characters(codec="utf-8", categories=["L", "N", "P", "S", "Zs"]), min_size=1, max_size=30
).filter(lambda d: d == d.strip() and d.isprintable())
kommuner = st.sampled_from(sorted(KOMMUNER))
idn = st.text(st.characters(codec="utf-8"), min_size=1, max_size=20)


# --- test vectors ------------------------------------------------------------------------

#: Fixed vectors, also printed in docs/pseudonymisering.md (key 000102...1f).
VEKTORER = [
    ("person", "standard", b"191212121212", "vdoldnkt_3jcebh2touxwpygnyanoq7akidpjwxwm"),
    ("arende", "standard", b"0180\x00A-1", "vdoldnkt_latyg2akso22w3t64tt2tja6ayzludtb"),
    ("person-lokal", "standard", b"0180\x00K-77", "vdoldnkt_qvisvmg72ujluc3xu4rx4isg67mmbnr5"),
    ("person-arende", "standard", b"1480\x00R-5", "vdoldnkt_qmnk7joeovy52lvdikqtqmunuvyz3g4p"),
    ("person", "exempel", b"191212121212", "vdoldnkt_gtjvxutcaj3gdq6h33rzdtz6jams6mux"),
]


@pytest.mark.parametrize(("slag", "doman", "varde", "vantat"), VEKTORER)
def test_fixed_vectors(slag: str, doman: str, varde: bytes, vantat: str) -> None:
    assert oracle(TESTNYCKEL, slag, doman, varde) == vantat
    ps = Pseudonymiserare(Nyckel(TESTNYCKEL), doman=doman)
    kommun, _, text = varde.decode().partition("\x00")
    made = {
        "person": lambda: ps.person(Personnummer.parse(varde.decode())),
        "arende": lambda: ps.arende(kommun, text),
        "person-lokal": lambda: ps.lokal_person(kommun, text),
        "person-arende": lambda: ps.person_for_arende(kommun, text),
    }[slag]()
    assert made == vantat


def test_key_id_vector() -> None:
    assert Nyckel(TESTNYCKEL).id == oracle_id(TESTNYCKEL) == "vdoldnkt"


@given(nycklar, domaner, strategies.personnummer())
def test_person_matches_oracle(key: bytes, doman: str, p: Personnummer) -> None:
    ps = Pseudonymiserare(Nyckel(key), doman=doman)
    siffror = str(p).replace("-", "").encode()
    assert ps.person(p) == oracle(key, "person", doman, siffror)


@given(nycklar, domaner, kommuner, idn)
def test_local_pseudonyms_match_oracle(key: bytes, doman: str, kommun: str, id: str) -> None:
    ps = Pseudonymiserare(Nyckel(key), doman=doman)
    varde = f"{kommun}\x00{id}".encode()
    assert ps.arende(kommun, id) == oracle(key, "arende", doman, varde)
    assert ps.lokal_person(kommun, id) == oracle(key, "person-lokal", doman, varde)
    assert ps.person_for_arende(kommun, id) == oracle(key, "person-arende", doman, varde)


# --- determinism and separation ----------------------------------------------------------


@given(nycklar, domaner, strategies.personnummer())
def test_deterministic_per_key_and_domain(key: bytes, doman: str, p: Personnummer) -> None:
    a = Pseudonymiserare(Nyckel(key), doman=doman).person(p)
    b = Pseudonymiserare(Nyckel(bytes(key)), doman=doman).person(p)
    assert a == b
    assert len(a) == PSEUDONYM_LANGD
    assert is_pseudonym(a)


@given(nycklar, nycklar, strategies.personnummer())
def test_different_keys_differ(k1: bytes, k2: bytes, p: Personnummer) -> None:
    if k1 == k2:
        return
    a, b = Pseudonymiserare(Nyckel(k1)).person(p), Pseudonymiserare(Nyckel(k2)).person(p)
    assert a != b
    assert a[9:] != b[9:]


@given(nycklar, domaner, domaner, strategies.personnummer())
def test_different_domains_differ(key: bytes, d1: str, d2: str, p: Personnummer) -> None:
    n = Nyckel(key)
    a, b = Pseudonymiserare(n, doman=d1).person(p), Pseudonymiserare(n, doman=d2).person(p)
    assert (a == b) == (d1 == d2)
    assert nyckel_id(a) == nyckel_id(b) == n.id


@given(nycklar, kommuner, idn)
def test_kinds_are_separated(key: bytes, kommun: str, id: str) -> None:
    ps = Pseudonymiserare(Nyckel(key))
    made = {ps.arende(kommun, id), ps.lokal_person(kommun, id), ps.person_for_arende(kommun, id)}
    assert len(made) == 3


def test_same_case_id_in_two_municipalities_differs() -> None:
    ps = Pseudonymiserare(Nyckel(TESTNYCKEL))
    assert ps.arende("0180", "A-1") != ps.arende("1480", "A-1")
    # A zero byte inside the id cannot make two inputs collide: the id is last.
    assert ps.arende("0180", "A\x001") != ps.arende("0180", "A")


def test_one_person_whatever_the_written_form() -> None:
    ps = Pseudonymiserare(Nyckel(TESTNYCKEL))
    former = ["19121212-1212", "191212121212", "121212+1212", " 19121212-1212 "]
    assert len({ps.person(Personnummer.parse(f)) for f in former}) == 1


def test_pseudonyms_hold_no_digits_0_1_8_9() -> None:
    # RFC 4648 base32 has the digits 2-7 only: no month 01-12 can be written in it, so no
    # run of digits in a pseudonym can be a valid personnummer.
    ps = Pseudonymiserare(Nyckel(TESTNYCKEL))
    texts = [ps.arende("0180", str(i)) for i in range(200)]
    assert not re.search("[0189]", "".join(texts))


# --- the key -----------------------------------------------------------------------------


def test_key_creation_is_random_and_long_enough() -> None:
    a, b = Nyckel.skapa(), Nyckel.skapa()
    assert a != b
    assert a == a  # noqa: PLR0124 - equality with itself
    assert len(a._hemlighet.varde) == 32
    assert len(a.id) == 8
    assert hash(a) == hash(a.id)
    assert a.__eq__("text") is NotImplemented


@pytest.mark.parametrize(
    ("nyckel", "regel"),
    [
        (b"x" * 31, "för kort: 31 byte"),
        (bytes(range(32)) * 17, "för lång"),
        (bytes(32), "samma byte upprepad"),
        ("a" * 64, "ska vara bytes"),
    ],
)
def test_bad_keys(nyckel: object, regel: str) -> None:
    with pytest.raises(InvalidNyckel, match=regel):
        Nyckel(nyckel)  # type: ignore[arg-type]


def test_key_is_immutable_and_not_picklable() -> None:
    n = Nyckel(TESTNYCKEL)
    with pytest.raises(AttributeError):
        n._id = "x"
    with pytest.raises(TypeError, match="picklas"):
        pickle.dumps(n)
    assert copy.copy(n) is n
    assert copy.deepcopy(n) is n


def _text(key: bytes) -> str:
    return "svnyckel1:" + key.hex()


def test_text_form() -> None:
    assert Nyckel.fran_text(_text(TESTNYCKEL) + "\n") == Nyckel(TESTNYCKEL)
    assert Nyckel.fran_text("  " + _text(TESTNYCKEL)).id == "vdoldnkt"


@pytest.mark.parametrize(
    ("text", "regel"),
    [
        (TESTNYCKEL.hex(), "ska börja med 'svnyckel1:'"),
        ("svnyckel1:" + TESTNYCKEL.hex().upper(), "hexsiffror"),
        ("svnyckel1:" + TESTNYCKEL.hex()[:-1], "jämnt antal"),
        ("svnyckel1:" + TESTNYCKEL.hex()[:-2], "för kort"),
        (12, "ska vara en sträng"),
    ],
)
def test_bad_text_forms(text: object, regel: str) -> None:
    with pytest.raises(InvalidNyckel, match=regel):
        Nyckel.fran_text(text)  # type: ignore[arg-type]


def test_key_file_roundtrip(tmp_path: Path) -> None:
    fil = tmp_path / "nyckel"
    n = skapa_nyckelfil(fil)
    assert stat.S_IMODE(fil.stat().st_mode) == 0o600
    assert fil.read_text().startswith("svnyckel1:")
    assert Nyckel.fran_fil(fil) == n
    assert Nyckel.fran_fil(str(fil)).id == n.id
    with pytest.raises(InvalidNyckel, match="filen finns redan"):
        skapa_nyckelfil(fil)
    assert Nyckel.fran_fil(fil) == n  # never overwritten
    with pytest.raises(InvalidNyckel, match="kan inte skapa nyckelfilen"):
        skapa_nyckelfil(tmp_path / "saknas" / "nyckel")


def _skriv(fil: Path, data: bytes, mode: int = 0o600) -> Path:
    fil.write_bytes(data)
    fil.chmod(mode)
    return fil


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_key_file_readable_by_others_is_refused(tmp_path: Path) -> None:
    fil = _skriv(tmp_path / "k", _text(TESTNYCKEL).encode(), 0o644)
    with pytest.raises(InvalidNyckel, match="chmod 600"):
        Nyckel.fran_fil(fil)


@pytest.mark.parametrize(
    ("data", "regel"),
    [
        (b"x" * 5000, "för stor"),
        ("svnyckel1:ä".encode(), "annat än ASCII"),
        (b"", "ska börja med"),
    ],
)
def test_bad_key_files(tmp_path: Path, data: bytes, regel: str) -> None:
    with pytest.raises(InvalidNyckel, match=regel):
        Nyckel.fran_fil(_skriv(tmp_path / "k", data))


def test_missing_key_file(tmp_path: Path) -> None:
    with pytest.raises(InvalidNyckel, match="filen finns inte"):
        Nyckel.fran_fil(tmp_path / "saknas")
    with pytest.raises(InvalidNyckel, match="kan inte läsa nyckelfilen"):
        Nyckel.fran_fil(tmp_path)  # a directory


def test_key_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    assert Nyckel.fran_miljo(miljo={NYCKEL_MILJO: _text(TESTNYCKEL)}).id == "vdoldnkt"
    assert Nyckel.fran_miljo("ANNAN", miljo={"ANNAN": _text(TESTNYCKEL)}).id == "vdoldnkt"
    monkeypatch.setenv(NYCKEL_MILJO, _text(TESTNYCKEL))
    assert Nyckel.fran_miljo().id == "vdoldnkt"
    monkeypatch.delenv(NYCKEL_MILJO)
    with pytest.raises(InvalidNyckel, match=f"{NYCKEL_MILJO} är inte satt"):
        Nyckel.fran_miljo()


# --- the key never shows -----------------------------------------------------------------


def _former(key: bytes) -> list[str]:
    """Every way the key could be written: hex (both cases), base64, base32, raw."""
    return [
        key.hex(),
        key.hex().upper(),
        base64.b64encode(key).decode(),
        base64.urlsafe_b64encode(key).decode().rstrip("="),
        base64.b32encode(key).decode().rstrip("="),
        key.decode("latin-1"),
        repr(key),
        # Any 8 consecutive key bytes in hex would already be a leak.
        *(key[i : i + 8].hex() for i in range(0, len(key) - 7, 8)),
    ]


def assert_no_key(key: bytes, *texter: str) -> None:
    for text in texter:
        for form in _former(key):
            assert form not in text


def _kedja(exc: BaseException) -> str:
    return "".join(traceback.format_exception(exc))


def test_key_never_in_repr_str_or_errors(tmp_path: Path) -> None:
    key = os.urandom(32)
    n = Nyckel(key)
    ps = Pseudonymiserare(n)
    texter = [repr(n), str(n), repr(ps), str(ps), repr(n._hemlighet), repr(vars(type(n)))]
    fel: list[BaseException] = []
    for bad in (_text(key) + "zz", _text(key).upper(), _text(key)[:-1], "x" + _text(key)):
        with pytest.raises(InvalidNyckel) as info:
            Nyckel.fran_text(bad)
        fel.append(info.value)
    with pytest.raises(TypeError) as pickle_info:
        pickle.dumps(n)
    fel.append(pickle_info.value)
    fil = _skriv(tmp_path / "k", (_text(key) + "ö").encode())
    with pytest.raises(InvalidNyckel) as fil_info:
        Nyckel.fran_fil(fil)
    fel.append(fil_info.value)
    with pytest.raises(OlikaNycklar) as mix_info:
        n.kontrollera(Pseudonymiserare(Nyckel(TESTNYCKEL)).arende("0180", "A"))
    fel.append(mix_info.value)
    texter += [_kedja(e) for e in fel]
    assert_no_key(key, *texter)
    for e in fel:
        assert e.__cause__ is None
        assert e.__context__ is None


# --- mixing keys -------------------------------------------------------------------------


def test_mixed_key_ids_are_refused() -> None:
    a = Pseudonymiserare(Nyckel(TESTNYCKEL)).arende("0180", "A-1")
    annan = Nyckel(bytes(range(1, 33)))
    b = Pseudonymiserare(annan).arende("0180", "A-1")
    assert jamfor(a, a)
    assert not jamfor(a, Pseudonymiserare(Nyckel(TESTNYCKEL)).arende("0180", "A-2"))
    with pytest.raises(OlikaNycklar) as info:
        jamfor(a, b)
    assert (info.value.forvantad, info.value.funnen) == ("vdoldnkt", annan.id)
    assert "olika nycklar" in str(info.value)
    assert Nyckel(TESTNYCKEL).kontrollera(a) == a
    with pytest.raises(OlikaNycklar):
        annan.kontrollera(a)
    kontroll = NyckelKontroll()
    assert kontroll(a) == a
    assert kontroll.nyckel_id == "vdoldnkt"
    with pytest.raises(OlikaNycklar):
        kontroll(b)
    with pytest.raises(OlikaNycklar):
        NyckelKontroll(annan.id)(a)


@pytest.mark.parametrize(
    "text",
    [
        "A-1",
        "vdoldnkt-fb4ehfz73ty4xuupp2c26kkwldf4sbnb",
        "VDOLDNKT_FB4EHFZ73TY4XUUPP2C26KKWLDF4SBNB",
        "vdoldnkt_fb4ehfz73ty4xuupp2c26kkwldf4sbn",
        "vdoldnkt_fb4ehfz73ty4xuupp2c26kkwldf4sbnb\n",
        "vdoldnkt_fb4ehfz73ty4xuupp2c26kkwldf4sbn1",
        None,
    ],
)
def test_not_pseudonyms(text: object) -> None:
    assert not is_pseudonym(text)
    with pytest.raises(InvalidPseudonym):
        nyckel_id(text)  # type: ignore[arg-type]


@pytest.mark.parametrize("doman", ["", " standard", "a\nb", "x" * 101, 5])
def test_bad_domains(doman: object) -> None:
    with pytest.raises(InvalidValue, match="doman"):
        Pseudonymiserare(Nyckel(TESTNYCKEL), doman=doman)  # type: ignore[arg-type]


def test_pseudonymiserare_checks_its_inputs() -> None:
    with pytest.raises(InvalidNyckel):
        Pseudonymiserare(TESTNYCKEL)  # type: ignore[arg-type]
    ps = Pseudonymiserare(Nyckel(TESTNYCKEL))
    assert ps.doman == STANDARDDOMAN
    with pytest.raises(InvalidKommunkod):
        ps.arende("0199", "A-1")
    with pytest.raises(InvalidValue, match="id: ska vara en icke-tom sträng"):
        ps.arende("0180", "")
    with pytest.raises(InvalidValue, match="person_id"):
        ps.lokal_person("0180", None)  # type: ignore[arg-type]
    with pytest.raises(InvalidValue, match="ska vara en Personnummer"):
        ps.person("19121212-1212")  # type: ignore[arg-type]


# --- kommunkoder -------------------------------------------------------------------------


def test_kommunkoder_table() -> None:
    assert len(KOMMUNER) == 290
    assert len(LAN) == 21
    assert set(KOMMUNER.values()) >= {"Stockholm", "Göteborg", "Malmö", "Kiruna", "Gotland"}
    assert len(set(KOMMUNER.values())) == 290
    assert all(re.fullmatch("[0-9]{4}", k) and k[:2] in LAN for k in KOMMUNER)
    assert list(KOMMUNER) == sorted(KOMMUNER)
    # Municipalities per län, as SCB counts them.
    per_lan = {lan: sum(k[:2] == lan for k in KOMMUNER) for lan in LAN}
    assert per_lan == {
        "01": 26, "03": 8, "04": 9, "05": 13, "06": 13, "07": 8, "08": 12, "09": 1,
        "10": 5, "12": 33, "13": 6, "14": 49, "17": 16, "18": 12, "19": 10, "20": 15,
        "21": 10, "22": 7, "23": 8, "24": 15, "25": 14,
    }  # fmt: skip
    assert "SCB" in kommunkoder.KALLA


@pytest.mark.parametrize(
    ("kod", "namn", "lan"),
    [
        ("0180", "Stockholm", "Stockholms län"),
        ("0331", "Heby", "Uppsala län"),
        ("0862", "Emmaboda", "Kalmar län"),
        ("1265", "Sjöbo", "Skåne län"),
        ("1480", "Göteborg", "Västra Götalands län"),
        ("1864", "Ljusnarsberg", "Örebro län"),
        ("2584", "Kiruna", "Norrbottens län"),
    ],
)
def test_kommun_names(kod: str, namn: str, lan: str) -> None:
    assert validera_kommunkod(kod) == kod
    assert is_kommunkod(kod)
    assert kommun_namn(kod) == namn
    assert lan_namn(kod) == lan


@pytest.mark.parametrize(
    ("kod", "regel"),
    [
        ("180", "har inte formen NNNN"),
        ("01800", "har inte formen NNNN"),
        ("\uff10\uff11\uff18\uff10", "har inte formen NNNN"),  # full-width digits
        ("x" * 50, "'värdet' har inte formen"),
        ("1180", "börjar inte med en länskod"),
        ("0199", "är inte en kommunkod"),
        (180, "ska vara en sträng"),
        (None, "ska vara en sträng"),
    ],
)
def test_bad_kommunkoder(kod: object, regel: str) -> None:
    assert not is_kommunkod(kod)
    with pytest.raises(InvalidKommunkod, match=regel) as info:
        validera_kommunkod(kod)
    assert isinstance(info.value, ValidationError)
    assert info.value.field == "kommun"
