"""Errata: where this library corrects the text of SKL-2019, and why.

Each correction is listed once here; the docs' errata page is generated from
:data:`ERRATA`, and lookups (``from_label``, :func:`~socialtjanst_variabler.katalog.variabel`)
still accept the original spelling.

A leaf module: value sets are named by their class name, so that the value sets can read
their errata without an import circle.
"""

from __future__ import annotations

import attrs

__all__ = ["ERRATA", "NAMN_ERRATA", "VARDEMANGD_ERRATA", "Erratum"]


@attrs.frozen(kw_only=True)
class Erratum:
    """One correction of the spec's text.

    Attributes:
        plats: where in SKL-2019 the text stands (Swedish).
        original: the spec's text, as printed.
        rattelse: the text this library uses.
        motivering: why (Swedish).
        variabel: the variable whose name is corrected, if any.
        vardemangd: the class name of the value set (or ``"Processteg"``) whose label
            is corrected.
        kod: the code of the corrected label, with ``vardemangd``.
    """

    plats: str
    original: str
    rattelse: str
    motivering: str
    variabel: str | None = None
    vardemangd: str | None = None
    kod: int | None = None


#: Corrected labels of value-set members (and process steps).
VARDEMANGD_ERRATA: tuple[Erratum, ...] = (
    Erratum(
        plats="Bilaga 1, variabel 14 Samverkan med andra aktörer, värdemängd 1",
        original="Hälsa- och sjukvård",
        rattelse="Hälso- och sjukvård",
        motivering="Stavfel; den etablerade termen är hälso- och sjukvård.",
        vardemangd="Samverkan",
        kod=1,
    ),
    Erratum(
        plats="Gemensam basinformation för uppföljning, de sju processtegen",
        original="Utredda",
        rattelse="Utreda",
        motivering="Stavfel; rubriken i samma avsnitt och NI skriver Utreda.",
        vardemangd="Processteg",
        kod=2,
    ),
)

#: Corrected variable names.
NAMN_ERRATA: tuple[Erratum, ...] = (
    Erratum(
        plats="Bilaga 1, variabel 12 och listan över de 20 variablerna",
        original="Insattstyp",
        rattelse="Insatstyp",
        motivering="Stavfel.",
        variabel="12",
    ),
    Erratum(
        plats="Gemensam basinformation för uppföljning, stycket om variabel 10 och 12",
        original="Insatsstyp",
        rattelse="Insatstyp",
        motivering="Stavningen varierar i källan; en form väljs.",
        variabel="12",
    ),
)

#: Every correction, in the order of the docs' errata page.
ERRATA: tuple[Erratum, ...] = VARDEMANGD_ERRATA + NAMN_ERRATA
