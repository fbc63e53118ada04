"""Sphinx directives that render the spec's data from the code, so the docs cannot drift.

- ``.. katalog::``      every variable as a section ``#variabel-N`` with its value set,
                        each code a row ``#variabel-N-kod-K``;
- ``.. vardemangder::`` every value set as a section ``#vardemangd-<name>``, headed by the
                        Swedish names and numbers of its variables (the class name in
                        small print), each code a row ``#vardemangd-<name>-kod-K``;
- every code is a visible link to its own row, to copy and cite;
- ``.. processteg::``   the seven steps and the variables recorded in each;
- ``.. errata::``       the corrections of the spec's text;
- ``.. granskningsregler::`` the consistency rules of ``granska``, ``#regel-<id>``;
- ``.. falt::``         where the record model holds each variable;
- ``.. lokal-utokning:: NAME`` a shipped example extension's page, as
                        ``socialtjanst-variabler lokala dokumentera`` writes it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from socialtjanst_variabler import KATALOG, VARDEMANGDER, Processteg, Vardemangd, variabler_i
from socialtjanst_variabler.arende.granskning import Regel
from socialtjanst_variabler.errata import ERRATA
from socialtjanst_variabler.katalog import TILLAGG, Variabel
from socialtjanst_variabler.vardemangder import TILLAGG_VARDEMANGDER


class _SpecDirective(SphinxDirective):
    """Registers every anchor it creates as a label, so pages can ``{ref}`` it."""

    def label(self, node: nodes.Element) -> None:
        node["names"] = list(node["ids"])
        self.state.document.note_explicit_target(node)

    def codes(self, vm: type[Vardemangd], prefix: str) -> nodes.table:
        ids = [f"{prefix}-kod-{kod}" for kod, _ in vm.choices()]
        # The code itself is the visible link to its row's anchor, to copy and cite.
        table = _table(
            ["Kod", "Etikett"],
            [
                (_ankarlank(str(kod), ident), label)
                for (kod, label), ident in zip(vm.choices(), ids, strict=True)
            ],
            ids,
        )
        for row in table.findall(nodes.row):
            if row["ids"]:
                self.label(row)
        return table


def _ankarlank(text: str, ident: str) -> nodes.reference:
    """*text* as a link to the anchor *ident* on the same page."""
    return nodes.reference(
        "", text, refid=ident, internal=True, classes=["spec-ankare"], reftitle=f"#{ident}"
    )


def _table(
    header: Sequence[str],
    rows: Sequence[Sequence[str | nodes.Node]],
    row_ids: Sequence[str] = (),
) -> nodes.table:
    table = nodes.table(classes=["spec-table"])
    group = nodes.tgroup(cols=len(header))
    table += group
    for _ in header:
        group += nodes.colspec(colwidth=1)
    thead = nodes.thead()
    group += thead
    thead += _row(header)
    tbody = nodes.tbody()
    group += tbody
    for i, cells in enumerate(rows):
        row = _row(cells)
        if i < len(row_ids):
            row["ids"].append(row_ids[i])
        tbody += row
    return table


def _row(cells: Sequence[str | nodes.Node]) -> nodes.row:
    row = nodes.row()
    for cell in cells:
        entry = nodes.entry()
        entry += (
            nodes.paragraph("", "", cell)
            if isinstance(cell, nodes.Node)
            else nodes.paragraph(text=cell)
        )
        row += entry
    return row


def _section(ident: str, title: str) -> nodes.section:
    section = nodes.section(ids=[ident], names=[ident])
    section += nodes.title(text=title)
    return section


def _fields(pairs: Sequence[tuple[str, str | nodes.Node | None]]) -> nodes.field_list:
    fields = nodes.field_list()
    for name, value in pairs:
        if value:
            field = nodes.field()
            field += nodes.field_name(text=name)
            body = nodes.field_body()
            body += (
                nodes.paragraph("", "", value)
                if isinstance(value, nodes.Node)
                else (nodes.paragraph(text=value))
            )
            field += body
            fields += field
    return fields


def _lank_till_vardemangd(vm: type[Vardemangd] | None) -> nodes.Node | None:
    """A link from a variable to its value set's section on the value-set page."""
    if vm is None:
        return None
    uri = f"vardemangder.html#vardemangd-{vm.__name__.lower()}"
    lank = nodes.reference("", "", refuri=uri, internal=True)
    lank += nodes.literal(text=vm.__name__)
    return lank


def rubrik(vm: type[Vardemangd]) -> str:
    """The heading of a value set: the Swedish names and numbers of the variables that use
    it (``Hushållstyp (variabel 7)``); for a value set no variable uses (a library
    addition), the first line of its docstring."""
    delar = [
        f"{v.namn} ({'brukarfråga' if v.is_brukarfraga else 'variabel'} {v.nummer})"
        for v in KATALOG
        if v.vardemangd is vm
    ]
    if delar:
        return " och ".join(delar)
    forsta = (vm.__doc__ or vm.__name__).strip().splitlines()[0]
    return forsta.rstrip(".")


def _klassnamn(vm: type[Vardemangd]) -> nodes.paragraph:
    """The Python class in small print under the heading."""
    para = nodes.paragraph(classes=["spec-klassnamn"])
    para += nodes.literal(text=f"socialtjanst_variabler.{vm.__name__}")
    return para


def anchor(v: Variabel) -> str:
    """The stable anchor of a variable: ``variabel-12``, ``variabel-b1a``."""
    return f"variabel-{v.nummer.lower()}"


class KatalogDirective(_SpecDirective):
    def run(self) -> list[nodes.Node]:
        out: list[nodes.Node] = []
        for v in KATALOG:
            kind = "Brukarfråga" if v.is_brukarfraga else "Variabel"
            title = f"{kind} {v.nummer}: {v.namn}"
            section = _section(anchor(v), title)
            self.label(section)
            section += _fields(
                [
                    ("Fråga", v.fraga),
                    ("Processteg", " / ".join(f"{s.value}. {s.label}" for s in v.processteg)),
                    ("Dataformat", v.dataformat.label),
                    # Shown only where it says more than the data format does.
                    (
                        "Instruktion i SKL-2019",
                        v.instruktion if v.instruktion != v.dataformat.label else None,
                    ),
                    ("Kvalitetsområde", v.kvalitetsomrade.label if v.kvalitetsomrade else None),
                    ("Villkor", v.villkor),
                    ("Härleds från", f"variabel {v.harleds_fran}" if v.harleds_fran else None),
                    ("Värdemängd", _lank_till_vardemangd(v.vardemangd)),
                    ("Anmärkning", v.anmarkning),
                ]
            )
            if v.vardemangd is not None:
                section += self.codes(v.vardemangd, anchor(v))
            out.append(section)
        return out


class VardemangderDirective(_SpecDirective):
    def run(self) -> list[nodes.Node]:
        out: list[nodes.Node] = []
        for vm in VARDEMANGDER:
            ident = f"vardemangd-{vm.__name__.lower()}"
            section = _section(ident, rubrik(vm))
            self.label(section)
            section += _klassnamn(vm)
            section += self.codes(vm, ident)
            out.append(section)
        return out


class ProcesstegDirective(_SpecDirective):
    def run(self) -> list[nodes.Node]:
        rows = []
        for steg in Processteg:
            names = [f"{v.nummer} {v.namn}" for v in variabler_i(steg)]
            note = steg.definition or ""
            rows.append((str(steg.value), steg.label, "; ".join(names) or "–", note))
        table = _table(
            ["Steg", "Namn", "Variabler", "Anmärkning"],
            rows,
            [f"steg-{s.value}" for s in Processteg],
        )
        for row in table.findall(nodes.row):
            if row["ids"]:
                self.label(row)
        return [table]


class ErrataDirective(_SpecDirective):
    def run(self) -> list[nodes.Node]:
        rows = [(e.plats, e.original, e.rattelse, e.motivering) for e in ERRATA]
        return [_table(["Plats i SKL-2019", "Original", "Rättelse", "Motivering"], rows)]


class GranskningsreglerDirective(_SpecDirective):
    def run(self) -> list[nodes.Node]:
        rows = [(r.value, r.allvarlighet.value, r.beskrivning, r.kalla) for r in Regel]
        table = _table(
            ["Regel-id", "Allvarlighet", "Vad som prövas", "Källa"],
            rows,
            [f"regel-{r.value.lower().replace('_', '-')}" for r in Regel],
        )
        for row in table.findall(nodes.row):
            if row["ids"]:
                self.label(row)
        return [table]


class FaltDirective(_SpecDirective):
    def run(self) -> list[nodes.Node]:
        rows = [(v.nummer, v.namn, v.falt, v.dataformat.label) for v in KATALOG]
        return [_table(["Variabel", "Namn", "Fält i modellen", "Dataformat"], rows)]


class TillaggDirective(_SpecDirective):
    """The library's additions to the model (``katalog.TILLAGG``), apart from the spec."""

    def run(self) -> list[nodes.Node]:
        rows = [
            (
                t.falt,
                t.namn,
                t.vardemangd.__name__ if t.vardemangd else "",
                t.beskrivning,
                t.motivering,
            )
            for t in TILLAGG
        ]
        header = ["Fält i modellen", "Namn", "Värdemängd", "Vad", "Varför"]
        table = _table(
            header,
            rows,
            [
                f"tillagg-{t.falt.replace('[]', '').replace('.', '-').replace('_', '-')}"
                for t in TILLAGG
            ],
        )
        for row in table.findall(nodes.row):
            if row["ids"]:
                self.label(row)
        tables: list[nodes.Node] = [table]
        for vm in TILLAGG_VARDEMANGDER:
            section = _section(f"vardemangd-{vm.__name__.lower()}", f"Värdemängd {vm.__name__}")
            section += self.codes(vm, f"vardemangd-{vm.__name__.lower()}")
            tables.append(section)
        return tables


class LokalUtokningDirective(SphinxDirective):
    """The page of a shipped example extension, rendered from the same Markdown that
    ``socialtjanst-variabler lokala dokumentera`` writes (so the two cannot drift)."""

    required_arguments = 1

    def run(self) -> list[nodes.Node]:
        from socialtjanst_variabler.lokala import exempel, las_definition
        from socialtjanst_variabler.lokala.generera import dokumentation_md

        sokvag = exempel(self.arguments[0])
        self.env.note_dependency(str(sokvag))
        text = dokumentation_md(las_definition(sokvag), rubrikniva=2)
        return self.parse_text_to_nodes(text, allow_section_headings=True)


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_directive("lokal-utokning", LokalUtokningDirective)
    app.add_directive("granskningsregler", GranskningsreglerDirective)
    app.add_directive("falt", FaltDirective)
    app.add_directive("katalog", KatalogDirective)
    app.add_directive("vardemangder", VardemangderDirective)
    app.add_directive("processteg", ProcesstegDirective)
    app.add_directive("errata", ErrataDirective)
    app.add_directive("tillagg", TillaggDirective)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
