"""From a loaded extension to text: its definition data and TOML, a typed Python module
for vendors, and a docs page.

- :func:`till_data`: the definition as plain data, with the keys of the TOML file (what
  the catalog export carries, and what
  :func:`~socialtjanst_variabler.lokala.las_definition` reads back);
- :func:`till_toml`: the same as a canonical TOML file;
- :func:`generera_python`: a module of real enums with labels and a ``TypedDict`` of the
  values at each level, which ``mypy --strict`` accepts;
- :func:`dokumentation_md`: a docs page (Markdown, Swedish).

Example:
    >>> from socialtjanst_variabler.lokala import exempel, las_definition
    >>> suv = las_definition(exempel("suv39"))
    >>> las_definition(till_toml(suv)) == suv
    False
    >>> till_data(las_definition(till_toml(suv))) == till_data(suv)
    True
    >>> print(generera_python(suv).split("class ")[1].splitlines()[0])
    BarnsBevitnatVald(LokalVardemangd):
"""

from __future__ import annotations

import json
from typing import Any

from socialtjanst_variabler._version import __version__
from socialtjanst_variabler.katalog import KATALOG, Dataformat
from socialtjanst_variabler.lokala.definition import (
    LokalVardemangd,
    LokalVariabel,
    Niva,
    Utokning,
    konstant_for,
)
from socialtjanst_variabler.vardemangder import Vardemangd

__all__ = ["dokumentation_md", "generera_python", "till_data", "till_toml"]


def _utan_none(d: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in d.items() if v is not None and v != []}


def _kod(m: Vardemangd) -> dict[str, Any]:
    parent = m.overordnad if isinstance(m, LokalVardemangd) else None
    return _utan_none(
        {
            "kod": m.value,
            "etikett": m.label,
            "konstant": None if m.name == konstant_for(m.label) else m.name,
            "definition": m.definition,
            "overordnad_kod": parent.value if parent is not None else None,
        }
    )


def _variabel(v: LokalVariabel) -> dict[str, Any]:
    return _utan_none(
        {
            "nummer": v.nummer,
            "namn": v.namn,
            "processteg": v.processteg.value,
            "niva": v.niva.value,
            "dataformat": v.dataformat.value,
            "vardemangd": v.vardemangd.__name__ if v.vardemangd else None,
            "fraga": v.fraga,
            "beskrivning": v.beskrivning,
            "minst": v.minst,
            "hogst": v.hogst,
        }
    )


def till_data(u: Utokning) -> dict[str, Any]:
    """The definition as plain data, keyed like the TOML file; optional keys left out
    when empty. ``las_definition`` reads it back to an equal extension."""
    data: dict[str, Any] = {
        "utokning": _utan_none(
            {
                "id": u.id,
                "namn": u.namn,
                "version": u.version,
                "bygger_pa": u.bygger_pa,
                "beskrivning": u.beskrivning,
                "kalla": u.kalla,
                "anvands_inte": list(u.anvands_inte),
            }
        )
    }
    if u.variabler:
        data["variabel"] = [_variabel(v) for v in u.variabler]
    if u.vardemangder:
        data["vardemangd"] = [
            _utan_none(
                {
                    "namn": vm.__name__,
                    "overordnad": (
                        vm.overordnad_vardemangd.__name__ if vm.overordnad_vardemangd else None
                    ),
                    "beskrivning": vm.beskrivning,
                    "koder": [_kod(m) for m in vm],
                }
            )
            for vm in u.vardemangder
        ]
    return data


# --- TOML --------------------------------------------------------------------------------


def _toml_varde(x: object) -> str:
    if isinstance(x, str):
        # A JSON string is a TOML basic string, except that TOML wants DEL escaped.
        return json.dumps(x, ensure_ascii=False).replace("\x7f", "\\u007f")
    if isinstance(x, list):
        return "[" + ", ".join(_toml_varde(e) for e in x) + "]"
    if isinstance(x, dict):
        return "{ " + ", ".join(f"{k} = {_toml_varde(v)}" for k, v in x.items()) + " }"
    return str(x)


def till_toml(u: Utokning) -> str:
    """The definition as a canonical TOML file (keys in the documented order)."""
    data = till_data(u)
    rader = [
        f"# {u.namn} ({u.id} {u.version}): lokala variabler till {u.bygger_pa}.",
        f"# Skriven av socialtjanst-variabler {__version__}.",
        "",
        "[utokning]",
    ]
    rader += [f"{k} = {_toml_varde(v)}" for k, v in data["utokning"].items()]
    for v in data.get("variabel", []):
        rader += ["", "[[variabel]]"] + [f"{k} = {_toml_varde(x)}" for k, x in v.items()]
    for vm in data.get("vardemangd", []):
        rader += ["", "[[vardemangd]]"]
        rader += [f"{k} = {_toml_varde(x)}" for k, x in vm.items() if k != "koder"]
        rader += ["koder = ["] + [f"  {_toml_varde(k)}," for k in vm["koder"]] + ["]"]
    return "\n".join(rader) + "\n"


# --- Python ------------------------------------------------------------------------------

_NIVA_KLASS = {
    Niva.ARENDE: "ArendeVarden",
    Niva.INSATS: "InsatsVarden",
    Niva.UPPFOLJNING: "UppfoljningVarden",
    Niva.AVSLUT: "AvslutVarden",
}


def _pytyp(v: LokalVariabel) -> str:
    if v.vardemangd is None:
        return "date" if v.dataformat is Dataformat.DATUM else "int"
    namn = v.vardemangd.__name__
    return f"frozenset[{namn}]" if v.flerval else namn


def generera_python(u: Utokning) -> str:
    """A typed Python module for *u*: one enum per local value set (real members with
    labels, roll-up codes pointing at their national member) and a ``TypedDict`` of
    the values at each level. ``mypy --strict`` accepts it."""
    nationella = sorted(
        {vm.__name__ for vm in (v.vardemangd for v in u.variabler) if vm is not None}
        - {vm.__name__ for vm in u.vardemangder}
        | {
            vm.overordnad_vardemangd.__name__
            for vm in u.vardemangder
            if vm.overordnad_vardemangd is not None
        }
    )
    rader = [
        f'"""Lokala variabler: {u.namn} ({u.id} {u.version}), utökning av {u.bygger_pa}.',
        "",
        f"Genererad av socialtjanst-variabler {__version__} ur en definitionsfil; ändra inte",
        "för hand (kör socialtjanst-variabler lokala generera igen).",
        '"""',
        "",
        "from __future__ import annotations",
        "",
        "import enum",
    ]
    if any(v.dataformat is Dataformat.DATUM for v in u.variabler):
        rader.append("from datetime import date")
    rader += ["from typing import Final, TypedDict", ""]
    rader.append("from socialtjanst_variabler.lokala import LokalVardemangd")
    if nationella:
        rader.append(f"from socialtjanst_variabler.vardemangder import {', '.join(nationella)}")
    rader += [
        "",
        "__all__ = [",
        *sorted(
            [f'    "{n}",' for n in ("UTOKNING_ID", "UTOKNING_VERSION", "BYGGER_PA")]
            + ['    "ANVANDS_INTE",']
            + [f'    "{vm.__name__}",' for vm in u.vardemangder]
            + [f'    "{_NIVA_KLASS[n]}",' for n in Niva if u.variabler_pa(n)]
        ),
        "]",
        "",
        f"UTOKNING_ID: Final = {u.id!r}",
        f"UTOKNING_VERSION: Final = {u.version!r}",
        f"BYGGER_PA: Final = {u.bygger_pa!r}",
        f"#: National variables that {u.id} does not use.",
        f"ANVANDS_INTE: Final[tuple[str, ...]] = {u.anvands_inte!r}",
    ]
    for vm in u.vardemangder:
        rader += ["", "", "@enum.verify(enum.UNIQUE)", f"class {vm.__name__}(LokalVardemangd):"]
        rader.append(f"    {_docstring(vm.beskrivning or f'Lokal värdemängd {vm.__name__}.')}")
        rader.append("")
        for m in vm:
            args = [repr(m.value), repr(m.label)]
            if m.definition is not None or m.overordnad is not None:
                args.append(repr(m.definition))
            if m.overordnad is not None:
                args.append(f"{type(m.overordnad).__name__}.{m.overordnad.name}")
            rader.append(f"    {m.name} = {', '.join(args)}")
        rader += [
            "",
            "",
            f"{vm.__name__}.utokning = UTOKNING_ID",
            f"{vm.__name__}.overordnad_vardemangd = "
            + (vm.overordnad_vardemangd.__name__ if vm.overordnad_vardemangd else "None"),
            f"{vm.__name__}.beskrivning = {vm.beskrivning!r}",
        ]
    for niva in Niva:
        variabler = u.variabler_pa(niva)
        if not variabler:
            continue
        rader += ["", "", f"class {_NIVA_KLASS[niva]}(TypedDict, total=False):"]
        rader.append(f'    """Lokala värden för {u.id} på nivån {niva.label.lower()}."""')
        for v in variabler:
            rader += ["", f"    #: {v.namn} (processteg {v.processteg.value})"]
            rader.append(f"    {v.nummer}: {_pytyp(v)}")
    return "\n".join(rader) + "\n"


def _docstring(text: str) -> str:
    return repr(text)  # a plain string literal is a docstring too, whatever the text


# --- docs page ---------------------------------------------------------------------------


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _ankare(u: Utokning, suffix: str) -> str:
    return f"lokal-{u.id.replace('.', '-')}-{suffix}".lower()


def dokumentation_md(u: Utokning, *, rubrikniva: int = 1) -> str:
    """A docs page (Markdown with MyST anchors, Swedish) for *u*.

    Each variable has the anchor ``lokal-<id with dashes>-<nummer>``, e.g.
    ``lokal-se-kommun-exempel-fia-l1``, so pages and specifications can cite it.
    """
    h = "#" * rubrikniva
    rader = [f"({_ankare(u, 'utokning')})=", f"{h} {u.namn}", ""]
    if u.beskrivning:
        rader += [u.beskrivning, ""]
    rader += [
        "| Uppgift | Värde |",
        "|---|---|",
        f"| Id | `{u.id}` |",
        f"| Version | {u.version} |",
        f"| Bygger på | {u.bygger_pa} |",
    ]
    if u.kalla:
        rader.append(f"| Källa | {_cell(u.kalla)} |")
    oanvanda = [v for v in KATALOG if v.nummer in u.anvands_inte]
    text = ", ".join(f"{v.nummer} {v.namn}" for v in oanvanda) if oanvanda else "inga"
    rader += [f"| Nationella variabler som inte används | {_cell(text)} |", ""]
    for v in u.variabler:
        rader += [f"({_ankare(u, v.nummer)})=", f"{h}# {v.nummer} {v.namn}", ""]
        rader += ["| Uppgift | Värde |", "|---|---|", f"| Referens | `{v.referens}` |"]
        rader.append(f"| Processteg | {v.processteg.value} {v.processteg.label} |")
        rader.append(f"| Nivå | {v.niva.label} |")
        rader.append(f"| Dataformat | {v.dataformat.label} |")
        if v.fraga:
            rader.append(f"| Fråga | {_cell(v.fraga)} |")
        if v.beskrivning:
            rader.append(f"| Beskrivning | {_cell(v.beskrivning)} |")
        if v.minst is not None or v.hogst is not None:
            grans = f"{'' if v.minst is None else v.minst}–{'' if v.hogst is None else v.hogst}"
            rader.append(f"| Tillåtna värden | {grans} |")
        rader.append("")
        if v.vardemangd is not None:
            rader += _kodtabell(v.vardemangd)
    return "\n".join(rader)


def _kodtabell(vm: type[Vardemangd]) -> list[str]:
    lokal = issubclass(vm, LokalVardemangd)
    parent = vm.overordnad_vardemangd if issubclass(vm, LokalVardemangd) else None
    rader = [f"Värdemängd {vm.__name__}" + ("" if lokal else " (nationell)") + ":", ""]
    if parent is None:
        rader += ["| Kod | Etikett |", "|---|---|"]
        rader += [f"| {m.value} | {_cell(m.label)} |" for m in vm]
    else:
        rader += [f"| Kod | Etikett | Räknas under ({parent.__name__}) |", "|---|---|---|"]
        for m in vm:
            nat = m.overordnad if isinstance(m, LokalVardemangd) else None
            assert nat is not None  # every code of a roll-up value set has its parent
            rader.append(f"| {m.value} | {_cell(m.label)} | {nat.value} {_cell(nat.label)} |")
    return [*rader, ""]
