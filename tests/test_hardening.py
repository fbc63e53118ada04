"""Issue 17: no leak through odd separators, no stray exception, strict input from forms.

- one masking rule (``errors.mask``) for every 10- and 12-digit number with one separator
  of any kind, checked over the public entry points;
- every public entry point gives the library's own ValueError subclasses for bad data,
  and a TypeError naming the argument for a wrong type, whatever the audit fed it;
- ``Vardemangd.parse``/``format``: text from a form, strictly.
"""

from __future__ import annotations

import io
import json
import re
import unicodedata
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

import socialtjanst_variabler as sv
from socialtjanst_variabler import errors
from socialtjanst_variabler.arende import jsonl
from socialtjanst_variabler.arende._serde import NYCKLAR_VISAS
from socialtjanst_variabler.errors import mask
from socialtjanst_variabler.vardemangder import VARDEMANGDER

# --- masking ------------------------------------------------------------------------------

#: Separators the audit found leaking, and the usual ones.
SEPARATORER = ["", "-", "+", " ", "\t", "  ", "\u2014", "\u2013", "\u00a0", "\n", "_", "/"]
#: Every script's decimal digits are digits: a number in them is still a number.
SIFFERSYSTEM = ["0123456789", "٠١٢٣٤٥٦٧٨٩", "०१२३४५६७८९", "".join(map(chr, range(0xFF10, 0xFF1A)))]


@st.composite
def nummer(draw: st.DrawFn) -> str:
    """A 10- or 12-digit number with at most one separator of any kind."""
    siffror = draw(st.sampled_from(SIFFERSYSTEM))
    langd = draw(st.sampled_from([10, 12]))
    text = "".join(draw(st.lists(st.sampled_from(siffror), min_size=langd, max_size=langd)))
    sep = draw(
        st.sampled_from(SEPARATORER)
        | st.characters(exclude_categories=("Nd", "Cs"), max_codepoint=0x2FFFF)
    )
    # Where a personnummer has it: before the last four digits, or after a 4-digit year.
    plats = draw(st.sampled_from([langd - 4, 4] if langd == 12 else [langd - 4]))
    return text[:plats] + sep + text[plats:]


def _dolda(text: str, nr: str, start: int) -> bool:
    """The last four digits of *nr*, found at *start* in *text*, are hidden."""
    siffror = [k for k, c in enumerate(nr) if c.isdecimal()]
    return all(text[start + k] == "*" for k in siffror[-4:])


@given(nummer(), st.text(max_size=5), st.text(max_size=5))
@example("19910924\t2397", "", "")
@example("19910924  2397", "x ", " y")
@example("19910924\u20142397", "", "")
@example("19910924\u00a02397", "", "")
@example("19121212-1212", "1234", "")  # the year form must not swallow its start
@example("0000-00000000", "", "0000")  # two overlapping numbers, both hidden
def test_mask_hides_every_such_number(nr: str, fore: str, efter: str) -> None:
    # Not glued to other digits (then it is a longer number, not this one).
    if fore[-1:].isdecimal():
        fore += "a"
    if efter[:1].isdecimal():
        efter = "a" + efter
    text = fore + nr + efter
    masked = mask(text)
    assert len(masked) == len(text)  # digits become stars one for one
    assert _dolda(masked, nr, len(fore)), (text, masked)


@pytest.mark.parametrize(
    "text",
    [
        "2026-01-31",
        "2026-01-31 - 2026-02-28",
        "2026-01-31T12:30:00",
        "2026-01-31 12:30",
        "rad 12345",
        "A-17",
        "19121212-121",
        "giltiga koder: 1–35",
        "2026-000123",
        "kod 12345, 67890",
    ],
)
def test_mask_leaves_dates_times_and_short_numbers(text: str) -> None:
    assert mask(text) == text


@pytest.mark.parametrize("sep", ["\t", "\u00a0", "\u2014", "\n", "\x00"])
def test_mask_reads_the_escapes_that_repr_writes(sep: str) -> None:
    # argparse quotes with repr() before we mask: '19910924\xa02397'.
    quoted = repr(f"19910924{sep}2397")
    assert "2397" not in mask(quoted)


def test_mask_searches_before_it_substitutes() -> None:
    text = "A-17 och 2026-01-31 och 2026-000123"
    assert errors._PNR_LIKE.search(text) is None
    assert mask(text) is text


def _texter(obj: object, sedda: set[int] | None = None) -> Iterator[str]:
    """Every text an exception (or value) shows: str, repr, args, attributes, the chain."""
    sedda = set() if sedda is None else sedda
    if id(obj) in sedda:
        return
    sedda.add(id(obj))
    yield repr(obj)
    if isinstance(obj, BaseException):
        yield str(obj)
        for arg in obj.args:
            yield str(arg)
        for namn in ("value", "problems", "vantat"):
            if hasattr(obj, namn):
                yield str(getattr(obj, namn))
        for kedja in (obj.__cause__, obj.__context__):
            if kedja is not None:
                yield from _texter(kedja, sedda)


def _utfall(f: Callable[[], object]) -> list[str]:
    try:
        return list(_texter(f()))
    except Exception as exc:  # every kind: what it says is what is checked
        return list(_texter(exc))


def _ingangar(nr: str) -> dict[str, Callable[[], object]]:
    """The public entry points a vendor feeds untrusted text."""
    return {
        "from_code": lambda: sv.Ursprung.from_code(nr),
        "from_label": lambda: sv.Ursprung.from_label(nr),
        "parse": lambda: sv.Ursprung.parse(nr),
        "variabel": lambda: sv.variabel(nr),
        "from_dict kod": lambda: sv.from_dict({"id": "A", "ursprung": nr}),
        "from_dict nyckel": lambda: sv.from_dict({"id": "A", nr: 1}),
        "from_dict datum": lambda: sv.from_dict({"id": "A", "aktualiseringsdatum": nr}),
        "from_json": lambda: sv.from_json(json.dumps({"id": "A", "hushallstyp": nr, nr: 2})),
        "from_json dubblett": lambda: sv.from_json(f'{{"id": "A", "{nr}": 1, "{nr}": 2}}'),
        "Arende repr": lambda: sv.Arende(id=nr),
        "las_jsonl": lambda: list(
            jsonl.las_jsonl([json.dumps({"id": nr}), json.dumps({"id": "A", nr: 1})])
        ),
    }


@given(nummer())
@example("19910924\t2397")
@example("19910924\u20142397")
@example("19910924\u00a02397")
@example("19910924  2397")
def test_no_entry_point_shows_such_a_number(nr: str) -> None:
    sista = nr[-4:]
    for namn, f in _ingangar(nr).items():
        for text in _utfall(f):
            # Wherever the number appears (raw, or as repr/JSON escaped it), its last four
            # digits are hidden.
            for form in {nr, repr(nr)[1:-1], json.dumps(nr)[1:-1]}:
                assert form not in text, (namn, text)
            assert not re.search(re.escape(nr[:-4]) + r"\S{0,8}" + re.escape(sista), text), (
                namn,
                text,
            )


def test_invalid_code_keeps_only_a_masked_value() -> None:
    with pytest.raises(sv.InvalidCode) as info:
        sv.Ursprung.from_label("19910924\t2397")
    assert info.value.value == "'19910924\\t****'"
    with pytest.raises(sv.InvalidCode) as stort:
        sv.Ursprung.from_code(199109242397)
    assert stort.value.value == "19910924****"


def test_rad_holds_no_traceback_with_the_raw_line() -> None:
    (rad,) = jsonl.las_jsonl(['{"id": "A", "personnummer": "19910924-2398"}'])
    assert rad.fel is not None
    assert rad.fel.__traceback__ is None
    assert rad.fel.__context__ is None
    assert rad.fel.__cause__ is None
    assert "2398" not in repr(rad)


# --- strict input from forms ----------------------------------------------------------------


@pytest.mark.parametrize("vm", VARDEMANGDER)
def test_parse_and_format_round_trip(vm: type[sv.Vardemangd]) -> None:
    for m in vm:
        assert vm.parse(m.format()) is m
        assert vm.parse(f"  {m.format()}\r\n") is m
        assert m.format() == str(m.value)


@pytest.mark.parametrize(
    "text",
    ["+2", "2_3", "٢", "\uff12", "2.0", "", " ", "02", "0", "1 2", "\u00a02", "2\x00", "x" * 65],
)
def test_parse_refuses_what_int_would_take(text: str) -> None:
    with pytest.raises(sv.InvalidCode) as info:
        sv.Hushallstyp.parse(text)
    assert not isinstance(info.value, TypeError)
    assert "är inte en kod i värdemängden Hushallstyp" in str(info.value)


@given(st.text(max_size=12))
def test_parse_takes_exactly_the_canonical_text(text: str) -> None:
    try:
        member = sv.Insatstyp.parse(text)
    except sv.InvalidCode:
        stripped = text.strip(" \t\r\n")
        assert not (stripped.isascii() and stripped.isdigit() and stripped[:1] != "0") or (
            int(stripped) not in {m.value for m in sv.Insatstyp}
        )
    else:
        assert text.strip(" \t\r\n") == member.format()


@pytest.mark.parametrize("junk", [2, 2.0, True, None, b"2", ["2"]])
def test_parse_takes_only_text(junk: object) -> None:
    with pytest.raises(sv.InvalidCodeType, match="parse läser text"):
        sv.Hushallstyp.parse(junk)


def test_type_and_value_are_told_apart() -> None:
    with pytest.raises(sv.InvalidCodeType) as typ:
        sv.Insatstyp.from_code("23")
    assert isinstance(typ.value, TypeError)
    assert isinstance(typ.value, ValueError)
    assert "fel typ" in str(typ.value)
    assert "Insatstyp.parse" in str(typ.value)
    with pytest.raises(sv.InvalidCode) as varde:
        sv.Insatstyp.from_code(99)
    assert not isinstance(varde.value, TypeError)
    assert "99 är inte en kod" in str(varde.value)
    with pytest.raises(sv.InvalidCodeType):
        sv.Insatstyp("23")  # type: ignore[arg-type]
    with pytest.raises(sv.InvalidCodeType, match="en etikett är en sträng"):
        sv.Insatstyp.from_label(23)
    # A member of another value set is a wrong type, shown by name.
    with pytest.raises(sv.InvalidCodeType, match=r"Ursprung\.VET_INTE har fel typ"):
        sv.Hushallstyp.from_code(sv.Ursprung.VET_INTE)


def test_longest_label_is_below_the_lookup_limit() -> None:
    from socialtjanst_variabler.vardemangder._base import _LANGSTA_ETIKETT

    assert max(len(m.label) for vm in VARDEMANGDER for m in vm) < _LANGSTA_ETIKETT
    assert max(len(v.namn) for v in sv.KATALOG) < 400


# --- the audit's inputs to every entry point ------------------------------------------------

HUGE = 10**5000
DEEP: list[Any] = []
_d = DEEP
for _ in range(100_000):
    _d.append([])
    _d = _d[0]
LONG = "1" * 10_000_000
JUNK: list[object] = [HUGE, -HUGE, DEEP, None, True, False, 2.5, float("nan"), LONG, b"x", {}]


def _bara_vara_fel(f: Callable[[], object], argument: str) -> None:
    """*f* returns, or raises the library's ValueError or a TypeError naming *argument*."""
    try:
        f()
    except sv.ValidationError:
        pass
    except LookupError as exc:
        assert isinstance(exc, sv.UnknownVariable)
    except TypeError as exc:
        assert argument in str(exc), exc
    assert len(str(_utfall(f))) < 5_000  # no message grows with its input


@pytest.mark.parametrize("junk", JUNK, ids=lambda j: type(j).__name__)
def test_value_sets_and_catalog_take_any_junk(junk: object) -> None:
    for vm in (sv.Problematik, sv.Insatstyp, sv.Processteg):
        for lookup in (vm.from_code, vm.from_label, vm.parse):
            _bara_vara_fel(lambda: lookup(junk), vm.__name__)  # noqa: B023 - called at once
    _bara_vara_fel(lambda: sv.variabel(junk), "nummer")  # type: ignore[arg-type]
    _bara_vara_fel(lambda: sv.variabler_i(junk), "steg")  # type: ignore[arg-type]
    _bara_vara_fel(
        lambda: sv.variabler_i(sv.Processteg.BESLUTA, junk),  # type: ignore[arg-type]
        "kontext",
    )
    _bara_vara_fel(lambda: sv.steg_for_beslut_och_insatstyp(junk), "kontext")  # type: ignore[arg-type]
    _bara_vara_fel(
        lambda: sv.Insatskontext(bistandsbedomd=junk, foljs_upp_av_myndighetsutovningen=True),  # type: ignore[arg-type]
        "bistandsbedomd",
    )


@pytest.mark.parametrize("junk", JUNK, ids=lambda j: type(j).__name__)
def test_json_and_reader_take_any_junk(junk: object) -> None:
    _bara_vara_fel(lambda: sv.from_dict(junk), "data")
    _bara_vara_fel(lambda: sv.from_dict({"id": "A", "insatser": junk}), "data")
    _bara_vara_fel(lambda: sv.from_dict({"id": "A", "aktualiseringsorsak": junk}), "data")
    _bara_vara_fel(lambda: sv.from_json(junk), "text")  # type: ignore[arg-type]
    _bara_vara_fel(lambda: sv.to_json(junk), "arende")  # type: ignore[arg-type]
    _bara_vara_fel(lambda: list(jsonl.las_jsonl(junk)), "source")  # type: ignore[arg-type]
    (rad,) = jsonl.las_jsonl([junk])  # type: ignore[list-item]
    assert rad.fel is not None
    assert rad.arende is None


def test_a_deeply_nested_json_text_is_refused() -> None:
    with pytest.raises(sv.InvalidJson, match="för djupt nästlad"):
        sv.from_json("[" * 100_000 + "]" * 100_000)


# Entry points in modules other helpers own this session (issue 17 item 2); strict xfail,
# so that the fix landing on main makes them pass and the marker must go.
_ANDRAS = pytest.mark.xfail(
    strict=True, reason="modell.py, granskning.py, uiv.py: fixed by their owners (issue 17)"
)


@_ANDRAS
@pytest.mark.parametrize("junk", [None, "2026-01-01", 2026])
def test_granska_names_a_wrong_vid(junk: object) -> None:
    a = sv.Arende(id="A", personnummer=sv.Personnummer.parse("19121212-1212"))
    with pytest.raises(TypeError, match="vid"):
        sv.granska(a, vid=junk)  # type: ignore[arg-type]


def _placering() -> Any:
    from datetime import date

    from socialtjanst_variabler import uiv

    return uiv.Placering(
        placeringsform=uiv.Placeringsform.INSTITUTION,
        lagrum=uiv.Lagrum.SOL,
        riktad_mot_missbruk=True,
        bistandsbedomd=True,
        startdatum=date(2026, 1, 1),
        slutdatum=date(2026, 2, 1),
        fodelsedatum=date(1980, 1, 1),
    )


@pytest.mark.parametrize("junk", [None, "2026-01-01", 2026])
def test_alder_and_bedom_name_a_wrong_argument(junk: object) -> None:
    from socialtjanst_variabler import uiv

    a = sv.Arende(id="A", personnummer=sv.Personnummer.parse("19121212-1212"))
    for f in (
        lambda: a.alder(vid=junk),  # type: ignore[arg-type]
        lambda: a.alder_intervall(vid=junk),  # type: ignore[arg-type]
    ):
        with pytest.raises(TypeError, match="vid ska vara ett datum"):
            f()
    with pytest.raises(TypeError, match="placering ska vara en Placering"):
        uiv.bedom(junk)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="troskelvarden ska vara en Troskelvarden"):
        uiv.bedom(_placering(), troskelvarden=junk)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "namn", ["insatstid", "slutdatum", "tid_till_verkstallighet", "total_tid", "uppnatt_processteg"]
)
def test_the_derived_facts_name_a_wrong_argument(namn: str) -> None:
    with pytest.raises(TypeError, match=r"ska vara en (Arende|Insats), inte NoneType"):
        getattr(sv, namn)(None)


def test_handlaggningstid_names_each_wrong_argument() -> None:
    a = sv.Arende(id="A")
    with pytest.raises(TypeError, match="arende ska vara en Arende, inte Insats"):
        sv.handlaggningstid(sv.Insats(), sv.Insats())  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="insats ska vara en Insats, inte Arende"):
        sv.handlaggningstid(a, a)  # type: ignore[arg-type]


@pytest.mark.parametrize("varde", [2**63, 10_000 * 366 + 1])
def test_a_threshold_past_any_calendar_is_refused(varde: int) -> None:
    from socialtjanst_variabler import uiv

    with pytest.raises(sv.ValidationError, match="högst 3660000"):
        uiv.Troskelvarden(intervju_inom_manader=varde)
    assert uiv.Troskelvarden(intervju_inom_manader=10_000 * 366).intervju_inom_manader > 0


# --- duplicate keys, caches, echoes ---------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "var"),
    [
        ('{"id": "A", "id": "B"}', "$"),
        ('{"id": "A", "personnummer": "19121212-1212", "personnummer": "19800101-5678"}', "$"),
        ('{"id": "A", "insatser": [{"insatstyp": [1], "insatstyp": [2]}]}', "$.insatser[0]"),
        (
            '{"id": "A", "insatser": [{}, {"avslut": {"datum": "2026-01-01", "datum": "x"}}]}',
            "$.insatser[1].avslut",
        ),
    ],
)
def test_duplicate_keys_are_refused_with_their_path(text: str, var: str) -> None:
    for form in (text, text.encode(), text + "  \n"):
        with pytest.raises(sv.InvalidJson) as info:
            sv.from_json(form)
        (problem,) = info.value.problems
        assert problem.startswith("samma nyckel flera gånger: '")
        assert problem.endswith(f" @ {var}")
        assert "5678" not in problem


def test_many_unknown_keys_are_capped_and_escaped() -> None:
    data: dict[str, object] = {"id": "A"} | {f"k{i}\n\x1b[2J": i for i in range(1000)}
    data["x" * 10_000_000] = 1
    with pytest.raises(sv.InvalidJson) as info:
        sv.from_dict(data)
    (problem,) = info.value.problems
    assert len(problem) < 400
    assert "\n" not in problem
    assert "\x1b" not in problem
    assert f"… och {1001 - NYCKLAR_VISAS} till" in problem


def test_what_is_accepted_does_not_depend_on_the_date_cache() -> None:
    class Text(str):
        pass

    svar = []
    for _ in range(2):  # before and after the plain text has been read (and cached)
        try:
            sv.from_dict({"id": "A", "aktualiseringsdatum": Text("2026-01-05")})
            svar.append(True)
        except sv.InvalidJson:
            svar.append(False)
        sv.from_dict({"id": "A", "aktualiseringsdatum": "2026-01-05"})
    assert svar == [False, False]


# --- the reader accounts for every line --------------------------------------------------------


@pytest.mark.parametrize("slut", ["\n", "\r\n"])
@pytest.mark.parametrize("binar", [True, False])
def test_the_line_limit_is_the_same_for_lf_crlf_text_and_bytes(
    monkeypatch: pytest.MonkeyPatch, slut: str, binar: bool
) -> None:
    monkeypatch.setattr(jsonl, "MAX_RADLANGD", 40)
    ratt = '{"id": "' + "x" * 30 + '"}'  # 40 characters: at the limit
    lang = '{"id": "' + "x" * 31 + '"}'  # 41: over it
    text = ratt + slut + lang + slut + ratt + slut + "y" * 500 + slut + ratt
    kalla: Any = io.BytesIO(text.encode()) if binar else io.StringIO(text, newline="")
    for source in (kalla, text.splitlines(keepends=True)):
        rader = list(jsonl.las_jsonl(source))
        assert [r.radnummer for r in rader] == [1, 2, 3, 4, 5]
        assert [r.arende is not None for r in rader] == [True, False, True, False, True]
        enhet = "byte" if binar and source is kalla else "tecken"
        assert rader[1].fel is not None
        assert rader[1].fel.problems == (f"raden är längre än 40 {enhet} @ $",)


def test_a_whole_text_is_not_taken_for_its_lines() -> None:
    with pytest.raises(TypeError, match="splitlines"):
        jsonl.las_jsonl('{"id": "A"}\n')
    with pytest.raises(TypeError, match="source"):
        jsonl.las_jsonl(5)  # type: ignore[arg-type]


def test_an_item_that_is_not_a_line_is_reported() -> None:
    rader = list(jsonl.las_jsonl([True, b'{"id": "A"}', bytearray(b'{"id": "B"}')]))  # type: ignore[list-item]
    assert rader[0].fel is not None
    assert rader[0].fel.problems == ("ingen rad: ett värde av typen bool @ $",)
    assert [r.arende.id for r in rader[1:] if r.arende] == ["A", "B"]


def test_a_label_is_compared_after_nfc() -> None:
    label = sv.Ursprung.VET_INTE.label
    assert sv.Ursprung.from_label(unicodedata.normalize("NFD", label)) is sv.Ursprung.VET_INTE


# --- the command line -------------------------------------------------------------------------


def test_variabel_with_a_code_prints_it_with_its_anchor(capsys: pytest.CaptureFixture[str]) -> None:
    from socialtjanst_variabler import cli

    assert cli.main(["variabel", "12", "23"]) == 0
    ut = capsys.readouterr().out.splitlines()
    assert ut == [
        "Variabel 12: Insatstyp",
        f"Kod 23: {sv.Insatstyp.from_code(23).label}",
        "Värdemängd: Insatstyp",
        "Ankare: variabler.html#variabel-12-kod-23",
    ]
    assert cli.main(["variabel", "B1a", " 1 "]) == 0
    assert "Ankare: variabler.html#variabel-b1a-kod-1" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("args", "fel"),
    [
        (["variabel", "12", "+23"], "variabel 12: '+23' är inte en kod i värdemängden Insatstyp"),
        (["variabel", "12", "99"], "variabel 12: '99' är inte en kod"),
        (["variabel", "1", "1"], "variabel 1 (Datum för aktualisering) har ingen värdemängd"),
        (["variabel", "99", "1"], "ingen variabel '99'"),
    ],
)
def test_variabel_with_a_bad_code_exits_1(
    capsys: pytest.CaptureFixture[str], args: list[str], fel: str
) -> None:
    from socialtjanst_variabler import cli

    assert cli.main(args) == 1
    assert fel in capsys.readouterr().err


def test_a_retired_code_and_a_definition_are_shown(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from socialtjanst_variabler import cli

    kod = sv.Processteg.UTFORMA_UPPDRAG
    monkeypatch.setattr(kod, "retired", True)
    v = sv.Variabel.__new__(sv.Variabel)  # a variable whose value set is Processteg
    object.__setattr__(v, "nummer", "7")
    object.__setattr__(v, "namn", "Test")
    object.__setattr__(v, "vardemangd", sv.Processteg)
    monkeypatch.setattr(cli, "variabel", lambda _: v)
    assert cli.main(["variabel", "7", "4"]) == 0
    ut = capsys.readouterr().out
    assert f"  {kod.definition}\n  (utgången kod)\n" in ut


def test_ctrl_c_exits_130_with_one_line(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from socialtjanst_variabler import cli

    def avbryt(*_: object) -> int:
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "_katalog", avbryt)
    assert cli.main(["katalog"]) == 130
    assert capsys.readouterr().err == "socialtjanst-variabler: avbrutet\n"


def test_ctrl_c_during_granska_in_a_real_process() -> None:
    import os
    import signal
    import subprocess
    import sys

    rad = '{"id": "A", "aktualiseringsdatum": "2026-01-01"}\n'
    # A test run started in the background inherits an ignored SIGINT, and Python then
    # installs no KeyboardInterrupt: the child puts Python's own handler back, as it has
    # when started from a terminal, then runs the command.
    start = (
        "import runpy, signal, sys; signal.signal(signal.SIGINT, signal.default_int_handler); "
        "sys.argv = ['socialtjanst-variabler', 'granska', '-', '--format', 'json']; "
        "runpy.run_module('socialtjanst_variabler', run_name='__main__')"
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", start],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    assert proc.stdin is not None
    assert proc.stdout is not None
    proc.stdin.write(rad.encode())
    proc.stdin.flush()
    assert proc.stdout.readline()  # a finding: the reader is running, waiting for more
    proc.send_signal(signal.SIGINT)
    # stdin stays open: only the signal can end the process (closing it first would let
    # the reader end normally, a race).
    assert proc.wait(timeout=120) == 130
    assert proc.stderr is not None
    assert proc.stderr.read().decode() == "socialtjanst-variabler: avbrutet\n"
    proc.stdin.close()
    proc.stdout.close()
    proc.stderr.close()


def test_granska_text_output_cannot_be_forged(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from socialtjanst_variabler import cli

    falsk = "A\nSumma: 0 fynd\x1b[2J\u202e" + "x" * 200
    fil = tmp_path / "u.jsonl"
    fil.write_text(
        json.dumps({"id": falsk, "aktualiseringsdatum": "2026-01-01"})
        + "\n"
        + json.dumps({"id": "B", "okänd\nrad\x1b[2J": 1})
        + "\n",
        encoding="utf-8",
    )
    assert cli.main(["granska", str(fil), "--vid", "2026-06-01"]) == 1
    ut = capsys.readouterr().out
    assert "\x1b" not in ut
    assert "\u202e" not in ut
    assert [r for r in ut.splitlines() if r.startswith("Summa")] == [ut.splitlines()[-1]]
    assert "(A\\nSumma: 0 fynd\\x1b[2J\\u202e" in ut
    assert max(len(r) for r in ut.splitlines()) < 300


@pytest.mark.parametrize("sep", SEPARATORER)
def test_no_command_prints_such_a_number(
    sep: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from socialtjanst_variabler import cli

    nr = f"19910924{sep}2397"
    fil = tmp_path / "u.jsonl"
    fil.write_text(
        json.dumps({"id": nr, "aktualiseringsdatum": "2026-01-01"})
        + "\n"
        + json.dumps({"id": "B", nr: 1, "ursprung": nr})
        + "\n",
        encoding="utf-8",
    )
    for args in (
        ["granska", str(fil), "--vid", "2026-06-01"],
        ["granska", str(fil), "--vid", "2026-06-01", "--format", "json"],
        ["variabel", nr],
        ["variabel", "6", nr],
        ["personnummer", nr],
    ):
        cli.main(args)
        ut = capsys.readouterr()
        for text in (ut.out, ut.err):
            assert "2397" not in text, (args, text)
    for args in (["steg", nr], ["personnummer", "19121212-1212", "--vid", nr]):
        with pytest.raises(SystemExit):
            cli.main(args)
        assert "2397" not in capsys.readouterr().err, args
