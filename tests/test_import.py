"""Importing the package stays cheap: the value sets, errors and catalog load at once;
the record model, checks, identities, UIV and JSON (cattrs) load on first use."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

import socialtjanst_variabler as sv

#: What ``import socialtjanst_variabler`` loads of the package itself.
EAGER = {
    "socialtjanst_variabler",
    "socialtjanst_variabler._version",
    "socialtjanst_variabler.errata",
    "socialtjanst_variabler.errors",
    "socialtjanst_variabler.katalog",
    "socialtjanst_variabler.processteg",
    "socialtjanst_variabler.vardemangder",
    "socialtjanst_variabler.vardemangder._base",
    "socialtjanst_variabler.vardemangder.avslut",
    "socialtjanst_variabler.vardemangder.bakgrund",
    "socialtjanst_variabler.vardemangder.brukarfragor",
    "socialtjanst_variabler.vardemangder.insats",
    "socialtjanst_variabler.vardemangder.problematik",
    "socialtjanst_variabler.vardemangder.tillagg",
    "socialtjanst_variabler.vardemangder.uppfoljning",
}

#: What the identities add (``sv.Personnummer``).
IDENTITET = {
    "socialtjanst_variabler._datum",
    "socialtjanst_variabler.identitet",
    "socialtjanst_variabler.identitet.personnummer",
    "socialtjanst_variabler.identitet.reservnummer",
}

#: Third-party and heavier standard modules that importing the package must not load.
HEAVY = ("cattrs", "dateutil", "hypothesis", "json", "datetime", "jsonschema", "orjson")


def _loaded(code: str) -> tuple[set[str], set[str]]:
    """The package's modules and the HEAVY ones in sys.modules after *code*, run in a
    fresh interpreter."""
    program = (
        "import sys, json\n"
        f"{code}\n"
        "own = sorted(m for m in sys.modules if m.split('.')[0] == 'socialtjanst_variabler')\n"
        f"heavy = sorted(m for m in {HEAVY!r} if m in sys.modules)\n"
        "print(json.dumps([own, heavy]))"
    )
    done = subprocess.run(
        [sys.executable, "-c", program], capture_output=True, text=True, check=True
    )
    own, heavy = json.loads(done.stdout)
    return set(own), set(heavy) - {"json"}  # the probe itself imports json


@pytest.mark.parametrize(
    "code",
    [
        "import socialtjanst_variabler",
        "from socialtjanst_variabler import Hushallstyp",
        "from socialtjanst_variabler.vardemangder import Hushallstyp",
        "import socialtjanst_variabler as sv; sv.variabel('7'); sv.KATALOG; sv.Processteg",
    ],
)
def test_import_loads_value_sets_errors_and_catalog_only(code: str) -> None:
    own, heavy = _loaded(code)
    assert own == EAGER
    assert heavy == set()


def test_personnummer_loads_the_identities_only() -> None:
    own, heavy = _loaded("import socialtjanst_variabler as sv; sv.Personnummer")
    assert own == EAGER | IDENTITET
    assert heavy == {"datetime"}


def test_the_model_loads_on_first_use_without_cattrs() -> None:
    own, heavy = _loaded("import socialtjanst_variabler as sv; sv.Arende; sv.granska")
    assert "socialtjanst_variabler.arende.modell" in own
    assert "socialtjanst_variabler.arende.granskning" in own
    assert "socialtjanst_variabler.arende._serde" not in own
    assert "socialtjanst_variabler.uiv" not in own
    assert heavy == {"datetime"}


def test_json_loads_cattrs_on_first_use() -> None:
    own, heavy = _loaded("import socialtjanst_variabler as sv; sv.from_json")
    assert "socialtjanst_variabler.arende._serde" in own
    assert "cattrs" in heavy


def test_a_lazy_name_is_the_object_of_its_module() -> None:
    from socialtjanst_variabler.arende import modell
    from socialtjanst_variabler.identitet import personnummer

    assert sv.Arende is modell.Arende
    assert sv.Personnummer is personnummer.Personnummer
    assert vars(sv)["Arende"] is modell.Arende  # cached after the first use


def test_an_unknown_name_raises_attribute_error() -> None:
    with pytest.raises(AttributeError, match="has no attribute 'Finns_inte'"):
        _ = sv.Finns_inte


def test_dir_lists_every_public_name() -> None:
    names = dir(sv)
    assert set(sv.__all__) <= set(names)
    assert names == sorted(names)


def test_all_is_sorted_and_complete() -> None:
    # ruff's isort-style order (RUF022): CONSTANTS, then Classes, then the rest.
    def key(name: str) -> tuple[int, str]:
        return (0 if name.isupper() else 1 if name[0].isupper() else 2, name)

    assert list(sv.__all__) == sorted(sv.__all__, key=key)
    for name in sv.__all__:
        assert hasattr(sv, name), name


def test_version() -> None:
    parts = sv.__version__.split(".")
    assert len(parts) == 3
    assert all(p.isdigit() for p in parts)
