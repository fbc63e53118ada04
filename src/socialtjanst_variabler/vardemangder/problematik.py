"""Problematik: the value set shared by variables 2 and 9 (Bilaga 1).

Variable 2 (Ursprunglig aktualiseringsorsak) is recorded at aktualisering, variable 9
(Problematik) after utredning; they share one value set so the two can be cross-tabulated.
"""

from __future__ import annotations

import enum

from socialtjanst_variabler.vardemangder._base import Vardemangd

__all__ = ["Aktualiseringsorsak", "Problematik"]


@enum.verify(enum.UNIQUE, enum.CONTINUOUS)
class Problematik(Vardemangd):
    """Ursprunglig aktualiseringsorsak (variabel 2) and Problematik (variabel 9)."""

    BRISTER_I_OMVARDNAD = 1, "Brister i och/eller behov av omvårdnad/omsorg"
    UTSATT_FOR_VALD = 2, "Utsatt för våld/övergrepp"
    UTOVAR_VALD = 3, "Utövar våld/övergrepp"
    SOMATISK_OHALSA = 4, "Somatisk ohälsa"
    FYSISK_FUNKTIONSNEDSATTNING = 5, "Fysisk funktionsnedsättning"
    PSYKISK_OHALSA = 6, "Psykisk ohälsa"
    PSYKISK_FUNKTIONSNEDSATTNING = 7, "Psykisk funktionsnedsättning"
    RISKBRUK_MISSBRUK_BEROENDE = 8, "Riskbruk/missbruk/beroende (alkohol, droger, spel etc.)"
    KRIMINALITET = 9, "Kriminalitet"
    EJ_SJALVFORSORJANDE = 10, "Ej självförsörjande"
    HEMLOS = 11, "Hemlös"
    SKOLRELATERAD_PROBLEMATIK = 12, "Skolrelaterad problematik"
    ENSAMKOMMANDE_BARN = 13, "Ensamkommande barn"
    ANNAT_OVRIGT = 14, "Annat/Övrigt"


#: Variable 2 uses the same value set; the alias keeps vendor code readable.
Aktualiseringsorsak = Problematik
