"""Recorded at avslut (variables 19, 20)."""

from __future__ import annotations

import enum

from socialtjanst_variabler.vardemangder._base import Vardemangd

__all__ = ["Avslutsorsak", "Genomforande"]


@enum.verify(enum.UNIQUE, enum.CONTINUOUS)
class Genomforande(Vardemangd):
    """Insatsens genomförande i förhållande till planeringen (variabel 19)."""

    SOM_PLANERAT = 1, "Insatsen har genomförts som planerat"
    DELVIS_SOM_PLANERAT = 2, "Insatsen har delvis genomförts som planerat"
    INTE_ALLS_SOM_PLANERAT = 3, "Insatsen har inte alls genomförts som planerat"


@enum.verify(enum.UNIQUE, enum.CONTINUOUS)
class Avslutsorsak(Vardemangd):
    """Avslutsorsak (variabel 20)."""

    MALET_UPPNATT = 1, "Målet/målen med insatsen har uppnåtts"
    SVARAR_INTE_MOT_BEHOV = 2, "Insatsen bedöms inte svara mot brukarens behov"
    AVBRYTS_AV_UTFORARE = 3, "Insatsen avbryts oplanerat på initiativ av utförare/uppdragstagare"
    AVBRYTS_AV_BRUKAREN = 4, "Insatsen avbryts oplanerat på initiativ av brukaren/företrädare"
    AVBRYTS_AV_VARDNADSHAVARE = 5, "Insatsen avbryts oplanerat på initiativ av vårdnadshavare"
    BRUKAREN_HAR_FLYTTAT = 6, "Brukaren har flyttat"
    BRUKAREN_HAR_AVLIDIT = 7, "Brukaren har avlidit"
    PABORJADES_ALDRIG = 8, "Insatsen påbörjades aldrig"
    ANDRA_ORSAKER = 9, "Andra orsaker"
