"""Value sets the library adds to SKL-2019 (not SKL variables).

SKL-2019 asks for "nya, pågående respektive avslutade ärenden" and for handläggningstider,
but its variables cannot record a beslut that grants nothing (variable 10 is "Datum för
beslut om insats (eller ej)") nor an utredning that ends without a beslut on insats. These
two value sets make those cases recordable, so that every ärende can end. They are marked
as additions in the catalog (:data:`~socialtjanst_variabler.katalog.TILLAGG`) and the docs.
"""

from __future__ import annotations

import enum

from socialtjanst_variabler.vardemangder._base import Vardemangd

__all__ = ["Beslutsutfall", "OrsakUtanInsats"]


@enum.verify(enum.UNIQUE, enum.CONTINUOUS)
class Beslutsutfall(Vardemangd):
    """What the beslut on an insats decided (library addition to variable 10)."""

    BIFALL = 1, "Bifall"
    DELVIS_BIFALL = 2, "Delvis bifall"
    AVSLAG = 3, "Avslag", "Inget beviljas: insatsen verkställs aldrig och avslutas inte."


@enum.verify(enum.UNIQUE, enum.CONTINUOUS)
class OrsakUtanInsats(Vardemangd):
    """Why an ärende ended without a beslut on insats (library addition)."""

    INGEN_UTREDNING = (
        1,
        "Utredning inleddes inte (förhandsbedömning)",
        "Ärendet avslutades efter aktualiseringen utan att en utredning inleddes.",
    )
    UTREDNING_UTAN_BESLUT = 2, "Utredningen avslutades utan beslut om insats"
    ANSOKAN_ATERTOGS = 3, "Ansökan återtogs"
    BRUKAREN_HAR_FLYTTAT = 4, "Brukaren har flyttat"
    BRUKAREN_HAR_AVLIDIT = 5, "Brukaren har avlidit"
    ANNAN_ORSAK = 6, "Annan orsak"
