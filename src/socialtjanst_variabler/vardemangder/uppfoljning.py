"""Recorded at uppföljning (variables 14, 15, 16, 17)."""

from __future__ import annotations

import enum

from socialtjanst_variabler.vardemangder._base import Vardemangd

__all__ = [
    "INGEN_SAMVERKAN",
    "INGEN_SAMVERKAN_REGEL",
    "Maluppfyllelse",
    "ParallellaInsatser",
    "Samverkan",
    "Sip",
]


@enum.verify(enum.UNIQUE, enum.CONTINUOUS)
class Samverkan(Vardemangd):
    """Samverkan med andra aktörer (variabel 14), multiple choice.

    Codes 11 and 12 ("Ingen samverkan ...") exclude each other and codes 1–10; see
    :data:`~socialtjanst_variabler.vardemangder.uppfoljning.INGEN_SAMVERKAN`.
    """

    HALSO_OCH_SJUKVARD = 1, "Hälso- och sjukvård"
    FORSKOLA = 2, "Förskola"
    SKOLA = 3, "Skola"
    STATENS_INSTITUTIONSSTYRELSE = 4, "Statens institutionsstyrelse"
    KRIMINALVARD = 5, "Kriminalvård"
    POLIS = 6, "Polis"
    MIGRATIONSVERKET = 7, "Migrationsverket"
    HABILITERING = 8, "Habilitering"
    REHABILITERING = 9, "Rehabilitering"
    OVRIGA_VERKSAMHETER = 10, "Övriga verksamheter"
    # The spec ends code 11 with a full stop and code 12 without; kept verbatim.
    INGEN_SAMVERKAN_BEHOV_FANNS = (
        11,
        "Ingen samverkan har skett med annan verksamhet, men behov av samverkan har funnits.",
    )
    INGEN_SAMVERKAN_INGET_BEHOV = (
        12,
        "Ingen samverkan har skett med annan verksamhet och behov av samverkan har inte funnits",
    )


#: The two "no collaboration" answers (codes 11 and 12), each only ever chosen alone.
INGEN_SAMVERKAN = frozenset(
    {Samverkan.INGEN_SAMVERKAN_BEHOV_FANNS, Samverkan.INGEN_SAMVERKAN_INGET_BEHOV}
)

#: The rule, in the words the catalog and the model's error both use.
INGEN_SAMVERKAN_REGEL = "Kod 11 och 12 (Ingen samverkan …) utesluter varandra och koderna 1–10"


@enum.verify(enum.UNIQUE, enum.CONTINUOUS)
class Sip(Vardemangd):
    """Samordnad individuell plan (SIP) (variabel 15)."""

    JA_SIP_FINNS = 1, "Ja, SIP finns"
    NEJ_MEN_BEHOV_FINNS = 2, "Nej, men det finns behov av SIP"
    NEJ_INGET_BEHOV = 3, "Nej, det finns inget behov av SIP"


@enum.verify(enum.UNIQUE, enum.CONTINUOUS)
class ParallellaInsatser(Vardemangd):
    """Parallella insatser inom socialtjänsten (variabel 16)."""

    JA = 1, "Ja"
    NEJ = 2, "Nej"
    VET_EJ = 3, "Vet ej"


@enum.verify(enum.UNIQUE, enum.CONTINUOUS)
class Maluppfyllelse(Vardemangd):
    """Måluppfyllelse (variabel 17)."""

    POSITIV_ALLA_MAL_UPPNADDA = 1, "Positiv förändring, alla mål har uppnåtts"
    POSITIV_ALLA_MAL_INTE_UPPNADDA = 2, "Positiv förändring, alla mål har inte uppnåtts"
    INGEN_ALLA_MAL_UPPNADDA = 3, "Ingen förändring, alla mål har uppnåtts"
    INGEN_ALLA_MAL_INTE_UPPNADDA = 4, "Ingen förändring, alla mål har inte uppnåtts"
    NEGATIV_ALLA_MAL_INTE_UPPNADDA = 5, "Negativ förändring, alla mål har inte uppnåtts"
    KAN_INTE_BEDOMA = (
        6,
        "Kan inte bedöma (vid t.ex. otydliga mål eller avsaknad av genomförandeplan)",
    )
