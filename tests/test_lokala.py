"""Definition files of local variables: loading, every kind of mistake, the line finder,
the published JSON Schema of the file, and round trips."""

from __future__ import annotations

import json
import re
import tomllib
import unicodedata
from importlib.resources import files
from pathlib import Path
from typing import Any, cast

import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

import socialtjanst_variabler as sv
from socialtjanst_variabler.errors import InvalidCode, ValidationError
from socialtjanst_variabler.katalog import Dataformat
from socialtjanst_variabler.lokala import (
    EXEMPEL,
    ID_MONSTER,
    NUMMER_MONSTER,
    LokalVardemangd,
    Niva,
    Utokning,
    exempel,
    fel,
    konstant_for,
    las_definition,
    rulla_upp,
)
from socialtjanst_variabler.lokala._rader import nyckelrader, rad_for
from socialtjanst_variabler.lokala.definition import (
    _KONSTANT,
    _RESERVERADE,
    _VARDEMANGDNAMN,
    _VERSION,
)
from socialtjanst_variabler.lokala.generera import till_data, till_toml
from socialtjanst_variabler.processteg import Processteg
from socialtjanst_variabler.vardemangder import VARDEMANGDER, Insatstyp
from tests.conftest import SHARED
from tests.lokala_strategier import definitioner

BAS = """\
[utokning]
id = "se.kommun.test"
namn = "Test"
version = "1.0"
bygger_pa = "SKL-2019"
anvands_inte = ["16"]

[[variabel]]
nummer = "L1"
namn = "Livsområde"
processteg = 2
niva = "arende"
dataformat = "flerval"
vardemangd = "Omrade"

[[variabel]]
nummer = "L2"
namn = "Insatstyp, lokal"
processteg = 3
niva = "insats"
dataformat = "enkelval"
vardemangd = "LokalInsatstyp"

[[variabel]]
nummer = "L3"
namn = "Antal samtal"
processteg = 6
niva = "uppfoljning"
dataformat = "heltal"
minst = 0
hogst = 99

[[variabel]]
nummer = "L4"
namn = "Datum för plan"
processteg = 7
niva = "avslut"
dataformat = "datum"

[[vardemangd]]
namn = "Omrade"
koder = [
  { kod = 1, etikett = "Boende" },
  { kod = 2, etikett = "Skulder" },
]

[[vardemangd]]
namn = "LokalInsatstyp"
overordnad = "Insatstyp"
koder = [
  { kod = 1101, etikett = "Försörjningsstöd – nyinskriven", overordnad_kod = 11 },
  { kod = 1102, etikett = "Försörjningsstöd – återkommande", overordnad_kod = 11 },
]
"""


def test_the_base_definition_loads_with_every_format_and_level() -> None:
    u = las_definition(BAS)
    assert isinstance(u, Utokning)
    assert (u.id, u.namn, u.version, u.bygger_pa, u.anvands_inte) == (
        "se.kommun.test",
        "Test",
        "1.0",
        "SKL-2019",
        ("16",),
    )
    assert [v.nummer for v in u.variabler] == ["L1", "L2", "L3", "L4"]
    assert [v.niva for v in u.variabler] == list(Niva)
    assert [v.dataformat for v in u.variabler] == [
        Dataformat.FLERVAL,
        Dataformat.ENKELVAL,
        Dataformat.HELTAL,
        Dataformat.DATUM,
    ]
    l3 = u.variabel("se.kommun.test:L3")
    assert (l3.minst, l3.hogst, l3.vardemangd, l3.flerval) == (0, 99, None, False)
    assert l3.referens == "se.kommun.test:L3"
    assert u.variabler[0].flerval
    assert u.variabler_pa(Niva.INSATS) == (u.variabler[1],)
    assert not u.anvands("16")
    assert u.anvands("12")
    with pytest.raises(LookupError, match="L9"):
        u.variabel("L9")


def test_local_value_sets_have_the_national_surface() -> None:
    u = las_definition(BAS)
    omrade, insatstyp = u.vardemangder
    assert issubclass(omrade, LokalVardemangd)
    assert issubclass(omrade, sv.Vardemangd)
    assert omrade.__name__ == "Omrade"
    assert omrade.choices() == [(1, "Boende"), (2, "Skulder")]
    assert omrade.from_code(2).label == "Skulder"
    assert omrade.from_label("Boende") is omrade.BOENDE  # type: ignore[attr-defined]
    assert omrade(1).name == "BOENDE"
    assert omrade.utokning == "se.kommun.test"
    assert omrade.overordnad_vardemangd is None
    assert omrade.beskrivning is None
    assert omrade.BOENDE.nationell is None  # type: ignore[attr-defined]
    for bad in (3, True, 1.0, "1"):
        with pytest.raises(InvalidCode):
            omrade.from_code(bad)
    with pytest.raises(InvalidCode):
        omrade.from_label("Nej")
    assert insatstyp.overordnad_vardemangd is Insatstyp
    assert json.dumps(omrade.BOENDE) == "1"  # type: ignore[attr-defined]


def test_a_local_code_without_a_label_fails_at_creation() -> None:
    with pytest.raises(TypeError, match="code 1 has no label"):
        cast(Any, LokalVardemangd)("Tom", [("A", (1,))])


def test_roll_up_codes_map_to_their_national_parent() -> None:
    u = las_definition(BAS)
    vm = u.variabel("L2").vardemangd
    assert vm is not None
    for m in vm:
        assert m.label.startswith("Försörjningsstöd – ")
        assert rulla_upp(m) is Insatstyp.FORSORJNINGSSTOD
        assert isinstance(m, LokalVardemangd)
        assert m.nationell is Insatstyp.FORSORJNINGSSTOD
    # A national code, and a local code of a set without a parent, count as themselves.
    assert rulla_upp(Insatstyp.KURS) is Insatstyp.KURS
    omrade = u.vardemangder[0]
    assert rulla_upp(omrade.from_code(1)) is omrade.from_code(1)


def test_a_local_variable_may_use_a_national_value_set() -> None:
    text = BAS.replace('vardemangd = "Omrade"', 'vardemangd = "Problematik"').replace(
        '[[vardemangd]]\nnamn = "Omrade"\nkoder = [\n  { kod = 1, etikett = "Boende" },\n'
        '  { kod = 2, etikett = "Skulder" },\n]\n',
        "",
    )
    u = las_definition(text)
    assert u.variabel("L1").vardemangd is sv.Problematik
    assert [vm.__name__ for vm in u.vardemangder] == ["LokalInsatstyp"]


def _med(*ersattningar: tuple[str, str]) -> str:
    text = BAS
    for gammal, ny in ersattningar:
        assert text.count(gammal) >= 1, gammal
        text = text.replace(gammal, ny, 1)
    return text


_OANVAND = '\n[[vardemangd]]\nnamn = "Extra"\nkoder = [{ kod = 1, etikett = "A" }]\n'

# (text, error class, line, key, a fragment of the rule)
FEL: list[tuple[str, type[fel.DefinitionError], int | None, str, str]] = [
    (_med(('namn = "Test"', "namn = Test")), fel.TomlSyntaxError, 3, "", "ogiltig TOML"),
    (_med(("bygger_pa", "version")), fel.TomlSyntaxError, 5, "", "ogiltig TOML"),
    (_med(('version = "1.0"\n', "")), fel.MissingKey, 1, "utokning", "'version' saknas"),
    ("[annat]\nx = 1\n", fel.UnknownKey, 1, "annat", "okänd nyckel"),
    ("", fel.MissingKey, None, "", "'utokning' saknas"),
    (
        _med(("koder = [\n  { kod = 1", "koder = []\nx = [\n  { kod = 1")),
        fel.UnknownKey,
        43,
        "vardemangd[0].x",
        "okänd nyckel",
    ),
    (
        _med(('namn = "Livsområde"', 'namm = "Livsområde"')),
        fel.UnknownKey,
        10,
        "variabel[0].namm",
        "kända nycklar: nummer",
    ),
    (
        _med(("processteg = 2", 'processteg = "2"')),
        fel.WrongType,
        11,
        "variabel[0].processteg",
        "ett heltal, inte en sträng",
    ),
    (
        _med(("processteg = 2", "processteg = true")),
        fel.WrongType,
        11,
        "variabel[0].processteg",
        "inte ett sanningsvärde",
    ),
    (
        _med(('nummer = "L1"', "nummer = 1.5")),
        fel.WrongType,
        9,
        "variabel[0].nummer",
        "ett värde av typen float",
    ),
    (
        _med(('anvands_inte = ["16"]', "anvands_inte = [16]")),
        fel.WrongType,
        6,
        "utokning.anvands_inte[0]",
        "variabelnummer som sträng",
    ),
    (
        _med(('anvands_inte = ["16"]', 'anvands_inte = "16"')),
        fel.WrongType,
        6,
        "utokning.anvands_inte",
        "en lista",
    ),
    ("utokning = 3\n", fel.WrongType, 1, "utokning", "en tabell, inte ett heltal"),
    (
        _med(("  { kod = 1, etikett", '  "x",\n  { kod = 1, etikett')),
        fel.WrongType,
        43,
        "vardemangd[0].koder[0]",
        "en tabell",
    ),
    (
        _med(('id = "se.kommun.test"', 'id = "Se Kommun"')),
        fel.InvalidExtensionId,
        2,
        "utokning.id",
        "inget giltigt id",
    ),
    (
        _med(('id = "se.kommun.test"', 'id = "skl-2019"')),
        fel.InvalidExtensionId,
        2,
        "utokning.id",
        "inget giltigt id",
    ),
    (
        _med(('id = "se.kommun.test"', 'id = "0se"')),
        fel.InvalidExtensionId,
        2,
        "utokning.id",
        "inget giltigt id",
    ),
    (
        _med(('bygger_pa = "SKL-2019"', 'bygger_pa = "SKL-2020"')),
        fel.UnknownSpec,
        5,
        "utokning.bygger_pa",
        "okänd specifikation",
    ),
    (
        _med(('version = "1.0"', 'version = "v1"')),
        fel.InvalidVersion,
        4,
        "utokning.version",
        "N, N.N",
    ),
    (
        _med(('nummer = "L1"', 'nummer = "12"')),
        fel.InvalidNumber,
        9,
        "variabel[0].nummer",
        "'12' är ett nationellt nummer",
    ),
    (
        _med(('nummer = "L1"', 'nummer = "B1a"')),
        fel.InvalidNumber,
        9,
        "variabel[0].nummer",
        "nationellt nummer",
    ),
    (
        _med(('nummer = "L1"', 'nummer = "L01"')),
        fel.InvalidNumber,
        9,
        "variabel[0].nummer",
        "L1, L2",
    ),
    (
        _med(('nummer = "L1"', 'nummer = "L10000"')),
        fel.InvalidNumber,
        9,
        "variabel[0].nummer",
        "L1, L2",
    ),
    (
        _med(('nummer = "L2"', 'nummer = "L1"')),
        fel.DuplicateNumber,
        17,
        "variabel[1].nummer",
        "L1 finns redan",
    ),
    (
        _med(("processteg = 2", "processteg = 8")),
        fel.InvalidStep,
        11,
        "variabel[0].processteg",
        "1–7",
    ),
    (
        _med(('niva = "arende"', 'niva = "person"')),
        fel.InvalidLevel,
        12,
        "variabel[0].niva",
        "arende, insats",
    ),
    (
        _med(("processteg = 6", "processteg = 2")),
        fel.StepNotAtLevel,
        27,
        "variabel[2].processteg",
        "registreras inte på nivån uppfoljning",
    ),
    (
        _med(("processteg = 2", "processteg = 7")),
        fel.StepNotAtLevel,
        11,
        "variabel[0].processteg",
        "där: 1 Aktualisera, 2 Utreda",
    ),
    (
        _med(('dataformat = "datum"', 'dataformat = "personnummer"')),
        fel.InvalidDataformat,
        38,
        "variabel[3].dataformat",
        "ärendets identitet",
    ),
    (
        _med(('dataformat = "datum"', 'dataformat = "text"')),
        fel.InvalidDataformat,
        38,
        "variabel[3].dataformat",
        "okänt dataformat",
    ),
    (
        _med(('vardemangd = "Omrade"\n', "")),
        fel.MissingValueSet,
        8,
        "variabel[0]",
        "kräver nyckeln 'vardemangd'",
    ),
    (
        _med(('dataformat = "datum"', 'dataformat = "datum"\nvardemangd = "Omrade"')),
        fel.UnexpectedValueSet,
        39,
        "variabel[3].vardemangd",
        "ingen värdemängd",
    ),
    (
        _med(('dataformat = "datum"', 'dataformat = "datum"\nhogst = 3')),
        fel.UnexpectedValueSet,
        39,
        "variabel[3].hogst",
        "ingen hogst",
    ),
    (
        _med(('vardemangd = "Omrade"', 'vardemangd = "Omrade"\nminst = 1')),
        fel.UnexpectedValueSet,
        15,
        "variabel[0].minst",
        "ingen minst",
    ),
    (
        _med(('vardemangd = "Omrade"', 'vardemangd = "Omraden"')),
        fel.UnknownValueSet,
        14,
        "variabel[0].vardemangd",
        "varken en lokal",
    ),
    (
        _med(("{ kod = 1,", "{ kod = 0,")),
        fel.InvalidLocalCode,
        43,
        "vardemangd[0].koder[0].kod",
        "1–999999",
    ),
    (
        _med(("{ kod = 2,", "{ kod = 1,")),
        fel.DuplicateCode,
        44,
        "vardemangd[0].koder[1].kod",
        "1 finns redan",
    ),
    (
        _med(("kod = 1101,", "kod = 11,")),
        fel.ShadowsNational,
        51,
        "vardemangd[1].koder[0].kod",
        "nationell kod i Insatstyp",
    ),
    (
        _med(('"Försörjningsstöd – nyinskriven"', '"försörjningsstöd (4 kap. 3 § sol)"')),
        fel.ShadowsNational,
        51,
        "vardemangd[1].koder[0].etikett",
        "nationell etikett i Insatstyp",
    ),
    (
        _med(('namn = "LokalInsatstyp"', 'namn = "Insatstyp"')),
        fel.ShadowsNational,
        48,
        "vardemangd[1].namn",
        "aldrig skugga",
    ),
    (
        _med(('namn = "Omrade"', 'namn = "Beslutsutfall"')),
        fel.ShadowsNational,
        41,
        "vardemangd[0].namn",
        "aldrig skugga",
    ),
    (
        _med(('namn = "Livsområde"', 'namn = "insatstyp"')),
        fel.ShadowsNational,
        10,
        "variabel[0].namn",
        "nationella variabel 12",
    ),
    (
        _med(('namn = "Livsområde"', 'namn = "Insattstyp"')),
        fel.ShadowsNational,
        10,
        "variabel[0].namn",
        "nationella variabel 12",
    ),
    (
        _med(('namn = "Livsområde"', 'namn = "Datum för aktualisering"')),
        fel.ShadowsNational,
        10,
        "variabel[0].namn",
        "nationella variabel 1",
    ),
    (
        _med(('"Boende"', '" Boende"')),
        fel.InvalidLabel,
        43,
        "vardemangd[0].koder[0].etikett",
        "blanksteg",
    ),
    (_med(('"Boende"', '""')), fel.InvalidLabel, 43, "vardemangd[0].koder[0].etikett", "tom"),
    (_med(('namn = "Test"', 'namn = "Test\\n"')), fel.InvalidLabel, 3, "utokning.namn", "tom"),
    (
        _med(('"Skulder"', '"boende"')),
        fel.DuplicateLabel,
        44,
        "vardemangd[0].koder[1].etikett",
        "finns redan",
    ),
    (
        _med(('etikett = "Boende" }', 'etikett = "Boende", konstant = "boende" }')),
        fel.InvalidConstant,
        43,
        "vardemangd[0].koder[0].konstant",
        "versaler",
    ),
    (
        _med(('etikett = "Boende" }', 'etikett = "Boende", konstant = "_X" }')),
        fel.InvalidConstant,
        43,
        "vardemangd[0].koder[0].konstant",
        "versaler",
    ),
    (
        _med(('"Skulder"', '"Boende!"')),
        fel.DuplicateConstant,
        44,
        "vardemangd[0].koder[1].etikett",
        "BOENDE finns redan",
    ),
    (
        _med(('"Skulder" }', '"Skulder", konstant = "BOENDE" }')),
        fel.DuplicateConstant,
        44,
        "vardemangd[0].koder[1].konstant",
        "BOENDE finns redan",
    ),
    (
        _med(('namn = "Omrade"', 'namn = "omrade"')),
        fel.InvalidName,
        41,
        "vardemangd[0].namn",
        "stor begynnelsebokstav",
    ),
    (
        _med(('namn = "Omrade"', 'namn = "Områden"')),
        fel.InvalidName,
        41,
        "vardemangd[0].namn",
        "stor begynnelsebokstav",
    ),
    (
        _med(('namn = "LokalInsatstyp"', 'namn = "Omrade"')),
        fel.DuplicateName,
        48,
        "vardemangd[1].namn",
        "Omrade finns redan",
    ),
    (
        _med(('namn = "Insatstyp, lokal"', 'namn = "livsområde"')),
        fel.DuplicateName,
        18,
        "variabel[1].namn",
        "finns redan",
    ),
    (
        _med(('overordnad = "Insatstyp"', 'overordnad = "Insatstyper"')),
        fel.UnknownParent,
        49,
        "vardemangd[1].overordnad",
        "ingen nationell värdemängd",
    ),
    (
        _med((", overordnad_kod = 11 },\n  { kod = 1102", " },\n  { kod = 1102")),
        fel.MissingParentCode,
        51,
        "vardemangd[1].koder[0]",
        "saknar 'overordnad_kod'",
    ),
    (
        _med(("overordnad_kod = 11 },\n  { kod = 1102", "overordnad_kod = 99 },\n  { kod = 1102")),
        fel.UnknownParentCode,
        51,
        "vardemangd[1].koder[0].overordnad_kod",
        "99 är ingen kod i Insatstyp",
    ),
    (
        _med(('etikett = "Boende" }', 'etikett = "Boende", overordnad_kod = 1 }')),
        fel.UnexpectedParentCode,
        43,
        "vardemangd[0].koder[0].overordnad_kod",
        "ingen 'overordnad'",
    ),
    (
        _med(('anvands_inte = ["16"]', 'anvands_inte = ["12"]')),
        fel.ParentNotUsed,
        49,
        "vardemangd[1].overordnad",
        "variabel 12 står under anvands_inte",
    ),
    (
        _med(('anvands_inte = ["16"]', 'anvands_inte = ["21"]')),
        fel.UnknownNationalVariable,
        6,
        "utokning.anvands_inte[0]",
        "ingen nationell variabel",
    ),
    (
        _med(('anvands_inte = ["16"]', 'anvands_inte = ["16", "16"]')),
        fel.DuplicateEntry,
        6,
        "utokning.anvands_inte[1]",
        "två gånger",
    ),
    (BAS + _OANVAND, fel.UnusedValueSet, 56, "vardemangd[2].namn", "Extra används inte"),
    (
        _med(("minst = 0", "minst = 100")),
        fel.InvalidRange,
        30,
        "variabel[2].minst",
        "minst 100 > hogst 99",
    ),
    (
        _med(
            (
                'koder = [\n  { kod = 1, etikett = "Boende" },\n  { kod = 2, etikett = "Skulder" },\n]',
                "koder = []",
            )
        ),
        fel.MissingKey,
        42,
        "vardemangd[0].koder",
        "inga koder",
    ),
]


@pytest.mark.parametrize(("text", "klass", "rad", "nyckel", "regel"), FEL)
def test_every_mistake_has_its_own_clear_error(
    text: str, klass: type[fel.DefinitionError], rad: int | None, nyckel: str, regel: str
) -> None:
    with pytest.raises(klass) as info:
        las_definition(text)
    exc = info.value
    assert type(exc) is klass
    assert isinstance(exc, ValidationError)
    assert isinstance(exc, ValueError)
    assert (exc.kalla, exc.rad, exc.nyckel) == ("<text>", rad, nyckel)
    assert regel in exc.regel
    plats = "<text>" if rad is None else f"<text>, rad {rad}"
    assert str(exc) == (f"{plats}: {nyckel}: {exc.regel}" if nyckel else f"{plats}: {exc.regel}")


def test_every_error_class_is_exercised() -> None:
    testade = {klass for _, klass, _, _, _ in FEL} | {fel.InvalidEncoding}
    alla = {
        getattr(fel, n)
        for n in fel.__all__
        if isinstance(getattr(fel, n), type) and issubclass(getattr(fel, n), fel.DefinitionError)
    }
    assert alla - {fel.DefinitionError} == testade


def test_a_file_names_itself_and_a_non_utf8_file_its_line(tmp_path: Path) -> None:
    p = tmp_path / "kommun.toml"
    p.write_bytes(BAS.encode("utf-8").replace(b'"Test"', b'"T\xe9st"'))
    with pytest.raises(fel.InvalidEncoding) as info:
        las_definition(p)
    assert (info.value.kalla, info.value.rad) == (str(p), 3)
    assert str(info.value) == f"{p}, rad 3: filen är inte UTF-8"
    p.write_text(BAS.replace("processteg = 2", "processteg = 9"), encoding="utf-8")
    with pytest.raises(fel.InvalidStep, match=r"kommun\.toml, rad 11: variabel\[0\]\.processteg"):
        las_definition(p)
    with pytest.raises(FileNotFoundError):
        las_definition(tmp_path / "saknas.toml")


def test_a_syntax_error_at_the_end_of_the_document_names_the_last_line() -> None:
    with pytest.raises(fel.TomlSyntaxError) as info:
        las_definition('[utokning]\nid = "x"\nnamn = [')
    assert info.value.rad == 3


def test_definition_as_data_loads_and_its_errors_have_no_line() -> None:
    data = tomllib.loads(BAS)
    assert till_data(las_definition(data)) == till_data(las_definition(BAS))
    data["variabel"][0]["processteg"] = 9
    with pytest.raises(fel.InvalidStep) as info:
        las_definition(data)
    assert (info.value.kalla, info.value.rad) == ("<data>", None)


def test_national_codes_and_labels_stay_untouched_by_any_load() -> None:
    fore = [(vm.__name__, vm.choices()) for vm in VARDEMANGDER]
    las_definition(BAS)
    for namn in EXEMPEL:
        las_definition(exempel(namn))
    assert [(vm.__name__, vm.choices()) for vm in VARDEMANGDER] == fore
    assert Insatstyp.from_code(11).label == "Försörjningsstöd (4 kap. 3 § SoL)"
    with pytest.raises(InvalidCode):
        Insatstyp.from_code(1101)


# --- the shipped examples ---------------------------------------------------------------------


def _seed() -> str:
    """Seed 003's text; without ../shared (a clone on its own) the test is skipped."""
    seed = next((SHARED / "seeds").glob("003_*"), None)
    if seed is None:
        pytest.skip(f"seed 003 not found under {SHARED / 'seeds'}")
    return seed.read_text(encoding="utf-8")


def test_fia_example_has_the_seeds_thirteen_life_areas() -> None:
    fia = las_definition(exempel("fia"))
    livsomrade = fia.variabel("L1").vardemangd
    assert livsomrade is not None
    etiketter = [m.label for m in livsomrade]
    assert len(etiketter) == 13  # "Kartläggning av social livssituation (13 områden)"
    # The seed lists them separated by " – " (and one comma) over four lines.
    text = _seed()
    start = text.index("Den sociala livssituationen :")
    stycke = text[start : text.index("Mål och arbete", start)].split(":", 1)[1]
    seed = [d.strip() for rad in stycke.splitlines() for d in re.split(r"–|,\s", rad) if d.strip()]
    assert seed[-1].endswith(".")  # the sentence's full stop is not part of the label
    seed[-1] = seed[-1].removesuffix(".")
    assert etiketter == seed
    assert fia.variabel("L1").processteg is Processteg.UTREDA


def test_suv_example_has_question_39_verbatim() -> None:
    suv = las_definition(exempel("suv39"))
    v = suv.variabel("L39")
    text = _seed()
    assert v.fraga is not None
    assert v.fraga in text
    assert "39. Barns bevitnat våld" in text
    assert v.vardemangd is not None
    svar = [m.label for m in v.vardemangd]
    assert svar == ["Nej", "Ja, under det senaste året", "Ja, tidigare men inte under senaste året"]
    block = text[text.index(v.fraga) :]
    assert "\n\n".join(svar) in block
    assert v.beskrivning is not None
    assert v.beskrivning in text
    assert not v.flerval


def test_exempel_refuses_an_unknown_name() -> None:
    with pytest.raises(LookupError, match="fia, suv39"):
        exempel("bbic")


# --- the line finder ---------------------------------------------------------------------------


def test_lines_of_keys_in_every_kind_of_toml_value() -> None:
    text = (
        "# kommentar\n"
        "[utokning]\n"
        'id = "x" # k\n'
        'anvands_inte = ["8", # kommentar\n'
        '  "16"]\n'
        "[[variabel]]\n"
        "nummer = 'L1'\n"
        "[[vardemangd]]\n"
        'namn = """A\n'
        'b"""\n'
        "beskrivning = '''c'''\n"
        "koder = [\n"
        '  { kod = 1, etikett = "Nej, \\" ]" },\n'
        "  { kod = 2, etikett = 'Ja' , },\n"
        "]\n"
        "[[vardemangd]]\n"
        'namn = "B"\n'
        'a.b = { "c" = 3 }\n'
        "[vardemangd.x]\n"
        "y = 1\n"
    )
    rader = nyckelrader(text)
    assert rader[("utokning",)] == 2
    assert rader[("utokning", "anvands_inte", 1)] == 5
    assert rader[("variabel", 0, "nummer")] == 7
    assert rader[("vardemangd", 0, "namn")] == 9
    assert rader[("vardemangd", 0, "beskrivning")] == 11
    assert rader[("vardemangd", 0, "koder", 0, "etikett")] == 13
    assert rader[("vardemangd", 0, "koder", 1, "etikett")] == 14
    assert rader[("vardemangd", 1)] == 16
    assert rader[("vardemangd", 1, "a", "b", "c")] == 18
    assert rader[("vardemangd", 1, "x", "y")] == 20
    # A multi-line string may end with up to two quotes of its own.
    text = 'z = """q""""\nw = 2\n'
    assert tomllib.loads(text)["z"] == 'q"'
    assert nyckelrader(text)[("w",)] == 2
    assert rad_for(rader, ("vardemangd", 1, "saknas", 3)) == 16
    assert rad_for(rader, ("saknas",)) is None


@given(definitioner())
def test_the_line_finder_agrees_with_where_each_key_is_written(data: dict[str, Any]) -> None:
    text = till_toml(las_definition(data))
    rader = nyckelrader(text)
    linjer = text.splitlines()
    for n, v in enumerate(data.get("variabel", [])):
        for nyckel in v:
            assert linjer[rader[("variabel", n, nyckel)] - 1].startswith(f"{nyckel} = ")
    for n, vm in enumerate(data.get("vardemangd", [])):
        for k, kod in enumerate(vm["koder"]):
            linje = linjer[rader[("vardemangd", n, "koder", k, "kod")] - 1]
            assert linje.startswith(f"  {{ kod = {kod['kod']}, ")
    for nyckel in data["utokning"]:
        assert linjer[rader[("utokning", nyckel)] - 1].startswith(f"{nyckel} = ")


@given(definitioner(), st.data())
def test_an_unknown_key_anywhere_names_its_line(data: dict[str, Any], draw: st.DataObject) -> None:
    text = till_toml(las_definition(data))
    linjer = text.splitlines()
    # Insert the unknown key right after a table header or at the start of an inline code.
    platser = [
        i for i, r in enumerate(linjer) if r in ("[utokning]", "[[variabel]]", "[[vardemangd]]")
    ]
    i = draw.draw(st.sampled_from(platser))
    linjer.insert(i + 1, "okand_nyckel = 1")
    with pytest.raises(fel.UnknownKey) as info:
        las_definition("\n".join(linjer) + "\n")
    assert info.value.rad == i + 2
    assert info.value.nyckel.endswith(".okand_nyckel")


# --- round trips and the published schema --------------------------------------------------------


@given(definitioner())
def test_round_trip_load_export_load(data: dict[str, Any]) -> None:
    u = las_definition(data)
    via_toml = las_definition(till_toml(u))
    via_json = las_definition(json.loads(json.dumps(till_data(u))))
    assert till_data(via_toml) == till_data(via_json) == till_data(u)
    assert till_toml(via_toml) == till_toml(u)
    for a, b in zip(u.vardemangder, via_toml.vardemangder, strict=True):
        assert [(m.name, m.value, m.label, m.definition, m.overordnad) for m in a] == [
            (m.name, m.value, m.label, m.definition, m.overordnad) for m in b
        ]


def _nfc(x: Any) -> Any:
    """Texts in Unicode NFC, as the loader keeps them."""
    if isinstance(x, str):
        return unicodedata.normalize("NFC", x)
    if isinstance(x, list):
        return [_nfc(e) for e in x]
    if isinstance(x, dict):
        return {k: _nfc(v) for k, v in x.items()}
    return x


@given(definitioner())
def test_data_form_is_the_definition(data: dict[str, Any]) -> None:
    ut = till_data(las_definition(data))
    data = _nfc(data)
    assert ut["utokning"].get("anvands_inte", []) == sorted(
        data["utokning"].get("anvands_inte", []), key=[v.nummer for v in sv.KATALOG].index
    )
    assert ut.get("variabel", []) == data.get("variabel", [])
    for a, b in zip(ut.get("vardemangd", []), data.get("vardemangd", []), strict=True):
        assert {k: v for k, v in a.items() if k != "koder"} == {
            k: v for k, v in b.items() if k != "koder"
        }
        for ka, kod in zip(a["koder"], b["koder"], strict=True):
            kb = dict(kod)
            if kb.get("konstant") == konstant_for(kb["etikett"]):
                del kb["konstant"]
            assert ka == kb


def _schema() -> dict[str, Any]:
    text = (
        files("socialtjanst_variabler")
        .joinpath("schemas", "utokning.schema.json")
        .read_text("utf-8")
    )
    schema: dict[str, Any] = json.loads(text)
    return schema


def test_the_published_schema_is_valid_and_matches_the_loader() -> None:
    schema = _schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    props = schema["properties"]["utokning"]["properties"]
    assert props["id"]["pattern"] == ID_MONSTER.pattern
    assert props["version"]["pattern"] == _VERSION.pattern
    assert props["anvands_inte"]["items"]["enum"] == [v.nummer for v in sv.KATALOG]
    variabel = schema["$defs"]["variabel"]["properties"]
    assert variabel["nummer"]["pattern"] == NUMMER_MONSTER.pattern
    assert variabel["niva"]["enum"] == [n.value for n in Niva]
    assert variabel["vardemangd"]["pattern"] == _VARDEMANGDNAMN.pattern
    vardemangd = schema["$defs"]["vardemangd"]["properties"]
    assert vardemangd["namn"]["not"]["enum"] == sorted(_RESERVERADE)
    assert vardemangd["overordnad"]["enum"] == sorted(vm.__name__ for vm in VARDEMANGDER)
    assert schema["$defs"]["kod"]["properties"]["konstant"]["pattern"] == _KONSTANT.pattern
    steg = [
        regel["then"]["properties"]["processteg"]
        for regel in schema["$defs"]["variabel"]["allOf"][:4]
    ]
    assert [s.get("enum", [s.get("const")]) for s in steg] == [
        [p.value for p in n.processteg] for n in Niva
    ]


@pytest.mark.parametrize("namn", EXEMPEL)
def test_the_schema_accepts_the_examples(namn: str) -> None:
    with exempel(namn).open("rb") as f:
        jsonschema.validate(tomllib.load(f), _schema())


@given(definitioner())
def test_the_schema_accepts_every_valid_definition(data: dict[str, Any]) -> None:
    jsonschema.validate(data, _schema())


_SCHEMAFEL = [
    t
    for t in FEL
    if t[1]
    in {
        fel.UnknownKey,
        fel.WrongType,
        fel.InvalidExtensionId,
        fel.UnknownSpec,
        fel.InvalidVersion,
        fel.InvalidNumber,
        fel.InvalidStep,
        fel.InvalidLevel,
        fel.StepNotAtLevel,
        fel.InvalidDataformat,
        fel.MissingValueSet,
        fel.UnexpectedValueSet,
        fel.InvalidLocalCode,
        fel.InvalidConstant,
        fel.InvalidName,
        fel.UnknownParent,
        fel.MissingParentCode,
        fel.UnexpectedParentCode,
        fel.UnknownNationalVariable,
        fel.DuplicateEntry,
    }
]


@pytest.mark.parametrize(("text", "klass", "rad", "nyckel", "regel"), _SCHEMAFEL)
def test_the_schema_refuses_what_it_can_express(
    text: str, klass: type[fel.DefinitionError], rad: int | None, nyckel: str, regel: str
) -> None:
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(tomllib.loads(text), _schema())
