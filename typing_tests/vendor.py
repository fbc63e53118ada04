"""Vendor-style code, only type-checked (mypy --strict), never run.

If a change to the library breaks how a vendor would naturally write this, mypy fails.
"""

from __future__ import annotations

from typing import assert_never

import socialtjanst_variabler as sv
from socialtjanst_variabler import Hushallstyp, Insatskontext, Processteg


def dropdown(nummer: str) -> list[tuple[int, str]]:
    vm = sv.variabel(nummer).vardemangd
    return [] if vm is None else vm.choices()


def from_database(kod: int) -> Hushallstyp:
    member: Hushallstyp = Hushallstyp(kod)
    strict: Hushallstyp = Hushallstyp.from_code(kod)
    assert member is strict
    return Hushallstyp.from_label(member.label)


def from_form(posted: str) -> tuple[Hushallstyp, str]:
    """A web form posts text; it goes back into the form as the same text."""
    try:
        h: Hushallstyp = Hushallstyp.parse(posted)
    except sv.InvalidCodeType:  # not text at all: a programming error
        raise
    except sv.InvalidCode:  # text, but not a code
        h = Hushallstyp.ENSAMSTAENDE_UTAN_BARN
    return h, h.format()


def har_barn(h: Hushallstyp) -> bool:
    match h:
        case (
            Hushallstyp.ENSAMSTAENDE_UTAN_BARN
            | Hushallstyp.SAMMANBOENDE_UTAN_BARN
            | Hushallstyp.OVRIGA_HUSHALL_UTAN_BARN
        ):
            return False
        case (
            Hushallstyp.ENSAMSTAENDE_MED_BARN_0_17
            | Hushallstyp.ENSAMSTAENDE_MED_BARN_18
            | Hushallstyp.SAMMANBOENDE_MED_BARN_0_17
            | Hushallstyp.SAMMANBOENDE_MED_BARN_18
            | Hushallstyp.OVRIGA_HUSHALL_MED_BARN_0_17
            | Hushallstyp.OVRIGA_HUSHALL_MED_BARN_18
        ):
            return True
        case _:
            assert_never(h)


def steg_i_min_verksamhet() -> dict[str, Processteg]:
    kontext = Insatskontext(bistandsbedomd=True, foljs_upp_av_myndighetsutovningen=False)
    return {v.nummer: v.steg(kontext) for v in sv.KATALOG}


def kod_och_text(m: sv.Vardemangd) -> tuple[int, str, str | None]:
    return m.value, m.label, m.definition


def hantera_fel(text: str) -> str:
    try:
        return sv.Ursprung.from_label(text).label
    except sv.InvalidCode as exc:
        return str(exc)
