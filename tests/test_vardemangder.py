"""Value sets: the golden transcription, strict lookups and their properties."""

from __future__ import annotations

import json
import pickle
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import socialtjanst_variabler as sv
from socialtjanst_variabler.errata import VARDEMANGD_ERRATA
from socialtjanst_variabler.vardemangder import VARDEMANGDER, Vardemangd

GOLDEN = Path(__file__).parent / "data" / "vardemangder.tsv"

#: Value sets by class name, as the errata name them.
KLASSER: dict[str, type[Vardemangd]] = {vm.__name__: vm for vm in VARDEMANGDER}
KLASSER["Processteg"] = sv.Processteg


def read_golden() -> dict[str, list[tuple[int, str]]]:
    """variabel number -> [(code, label)] from tests/data/vardemangder.tsv."""
    rows: dict[str, list[tuple[int, str]]] = {}
    lines = GOLDEN.read_text(encoding="utf-8").splitlines()
    for line in lines[lines.index("variabel\tkod\tlabel") + 1 :]:
        nummer, kod, label = line.split("\t")
        rows.setdefault(nummer, []).append((int(kod), label))
    return rows


members = st.sampled_from([m for vm in VARDEMANGDER for m in vm])


def test_golden_matches_every_variable_with_a_value_set() -> None:
    golden = read_golden()
    with_sets = {v.nummer: v.vardemangd for v in sv.KATALOG if v.vardemangd is not None}
    assert set(golden) == set(with_sets)
    for nummer, vm in with_sets.items():
        assert vm.choices() == golden[nummer], f"variabel {nummer}"


def test_every_value_set_is_used_by_the_catalog() -> None:
    used = {v.vardemangd for v in sv.KATALOG}
    assert set(VARDEMANGDER) == used - {None}
    assert len(VARDEMANGDER) == len(set(VARDEMANGDER))


@pytest.mark.parametrize("vm", VARDEMANGDER, ids=lambda vm: vm.__name__)
def test_labels_are_clean_text(vm: type[Vardemangd]) -> None:
    for m in vm:
        assert m.label == unicodedata.normalize("NFC", m.label)
        assert m.label == m.label.strip()
        assert "  " not in m.label
        assert " -" not in m.label, "the spec uses an en dash, not a hyphen, between words"
        assert m.label.isprintable()
    assert len({m.label for m in vm}) == len(vm)


def test_en_dash_where_the_spec_has_one() -> None:
    assert sv.Hushallstyp.ENSAMSTAENDE_MED_BARN_0_17.label == "Ensamstående med barn 0\u201317 år"
    assert sv.Insatstyp.HEMTJANST_SERVICE.label == "Hemtjänst \u2013 Service"


@pytest.mark.parametrize("vm", VARDEMANGDER, ids=lambda vm: vm.__name__)
def test_codes_are_contiguous_from_one(vm: type[Vardemangd]) -> None:
    assert [m.value for m in vm] == list(range(1, len(vm) + 1))


def test_shared_value_sets() -> None:
    assert sv.variabel("2").vardemangd is sv.variabel("9").vardemangd is sv.Problematik
    assert sv.Aktualiseringsorsak is sv.Problematik
    assert sv.variabel("B1a").vardemangd is sv.variabel("B1b").vardemangd is sv.Forandring


@given(members)
def test_member_round_trips(m: Vardemangd) -> None:
    cls = type(m)
    assert cls.from_code(m.value) is m
    assert cls.from_code(m) is m
    assert cls.from_label(m.label) is m
    assert cls.from_label(unicodedata.normalize("NFD", m.label)) is m
    assert cls(m.value) is m
    assert pickle.loads(pickle.dumps(m)) is m
    assert json.loads(json.dumps(m)) == m.value
    assert json.dumps([m]) == f"[{m.value}]"


@given(members)
def test_members_of_another_value_set_are_refused(m: Vardemangd) -> None:
    for other in VARDEMANGDER:
        if other is not type(m):
            with pytest.raises(sv.InvalidCode):
                other.from_code(m)


@pytest.mark.parametrize("junk", [True, False, 2.0, "2", None, b"\x02", 1 + 0j, [1]])
def test_from_code_takes_only_a_real_int(junk: object) -> None:
    # A wrong type is said to be one: both an InvalidCode and a TypeError.
    with pytest.raises(sv.InvalidCodeType) as info:
        sv.Hushallstyp.from_code(junk)
    assert isinstance(info.value, TypeError)
    assert "har fel typ för värdemängden Hushallstyp" in str(info.value)
    assert info.value.vardemangd is sv.Hushallstyp
    # value is the text the message shows, never the raw input.
    assert isinstance(info.value.value, str)
    assert str(info.value).startswith(info.value.value)


@given(st.one_of(st.integers(), st.floats(), st.text(), st.binary(), st.none(), st.booleans()))
def test_junk_raises_only_invalid_code(junk: object) -> None:
    for vm in VARDEMANGDER:
        for lookup in (vm.from_code, vm.from_label):
            try:
                member = lookup(junk)
            except sv.InvalidCode:
                continue
            # Only an exact int code or exact label gets through.
            assert (
                junk in (member.value, member.label)
                or unicodedata.normalize("NFC", str(junk)) == member.label
            )
            assert type(junk) in (int, str)


def test_unknown_code_names_value_set_and_valid_codes() -> None:
    with pytest.raises(
        sv.InvalidCode, match=r"99 är inte en kod i värdemängden Sip \(giltiga koder: 1–3\)"
    ):
        sv.Sip.from_code(99)
    with pytest.raises(sv.InvalidCode, match="Sip"):
        sv.Sip(99)
    assert isinstance(sv.InvalidCode(sv.Sip, 0), ValueError)


def test_long_junk_is_shortened_in_the_message() -> None:
    with pytest.raises(sv.InvalidCode) as info:
        sv.Sip.from_label("x" * 500)
    assert len(str(info.value)) < 120


def test_errata_originals_are_accepted_on_lookup() -> None:
    assert VARDEMANGD_ERRATA
    for e in VARDEMANGD_ERRATA:
        assert e.kod is not None
        klass = KLASSER[str(e.vardemangd)]
        member = klass.from_code(e.kod)
        assert member.label == e.rattelse
        assert klass.from_label(e.original) is member
    assert sv.Samverkan.from_label("Hälsa- och sjukvård") is sv.Samverkan.HALSO_OCH_SJUKVARD


def test_label_lookup_is_exact() -> None:
    with pytest.raises(sv.InvalidCode):
        sv.Ursprung.from_label("vet inte")
    with pytest.raises(sv.InvalidCode):
        sv.Ursprung.from_label(" Vet inte")


def test_choices_and_attributes() -> None:
    assert sv.JuridisktKon.choices() == [(1, "Flicka/Kvinna"), (2, "Pojke/Man")]
    assert all(m.definition is None and not m.retired for m in sv.Insatstyp)


def test_a_member_without_label_fails_at_class_creation() -> None:
    with pytest.raises(TypeError, match="code 1 has no label"):

        class Trasig(Vardemangd):
            A = 1


def test_ingen_samverkan_codes() -> None:
    assert {m.value for m in sv.INGEN_SAMVERKAN} == {11, 12}


def test_forandring_improvement() -> None:
    better = {m for m in sv.Forandring if m.is_forbattring}
    assert better == {sv.Forandring.FORBATTRATS_MYCKET, sv.Forandring.FORBATTRATS_LITE}
