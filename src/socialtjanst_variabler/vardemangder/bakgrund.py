"""Background of the client, recorded during utredning (variables 4, 6, 7, 8)."""

from __future__ import annotations

import enum

from socialtjanst_variabler.vardemangder._base import Vardemangd

__all__ = ["Hushallstyp", "JuridisktKon", "TidigareKontakt", "Ursprung"]


@enum.verify(enum.UNIQUE, enum.CONTINUOUS)
class JuridisktKon(Vardemangd):
    """Juridiskt kön (variabel 4); derived from the personnummer when there is one."""

    FLICKA_KVINNA = 1, "Flicka/Kvinna"
    POJKE_MAN = 2, "Pojke/Man"


@enum.verify(enum.UNIQUE, enum.CONTINUOUS)
class Ursprung(Vardemangd):
    """Ursprung (variabel 6)."""

    FODD_I_SVERIGE_MINST_EN_FORALDER_FODD_I_SVERIGE = (
        1,
        "Född i Sverige, med minst en förälder född i Sverige",
    )
    FODD_I_SVERIGE_BADA_FORALDRARNA_FODDA_UTOMLANDS = (
        2,
        "Född i Sverige, med båda föräldrarna födda utomlands",
    )
    FODD_I_OVRIGA_EUROPA = 3, "Född i övriga Europa"
    FODD_UTANFOR_EUROPA = 4, "Född utanför Europa"
    VET_INTE = 5, "Vet inte"


@enum.verify(enum.UNIQUE, enum.CONTINUOUS)
class Hushallstyp(Vardemangd):
    """Hushållstyp (variabel 7)."""

    ENSAMSTAENDE_UTAN_BARN = 1, "Ensamstående utan barn"
    ENSAMSTAENDE_MED_BARN_0_17 = 2, "Ensamstående med barn 0–17 år"
    ENSAMSTAENDE_MED_BARN_18 = 3, "Ensamstående med barn 18+ år"
    SAMMANBOENDE_UTAN_BARN = 4, "Sammanboende utan barn"
    SAMMANBOENDE_MED_BARN_0_17 = 5, "Sammanboende med barn 0–17 år"
    SAMMANBOENDE_MED_BARN_18 = 6, "Sammanboende med barn 18+ år"
    OVRIGA_HUSHALL_UTAN_BARN = 7, "Övriga hushåll utan barn"
    OVRIGA_HUSHALL_MED_BARN_0_17 = 8, "Övriga hushåll med barn 0–17 år"
    OVRIGA_HUSHALL_MED_BARN_18 = 9, "Övriga hushåll med barn 18+ år"


@enum.verify(enum.UNIQUE, enum.CONTINUOUS)
class TidigareKontakt(Vardemangd):
    """Tidigare kontakt med socialtjänsten (variabel 8)."""

    NEJ = 1, "Nej"
    JA_MINDRE_AN_2_AR_SEDAN = 2, "Ja, för mindre än 2 år sedan"
    JA_MER_AN_2_AR_SEDAN = 3, "Ja, för mer än 2 år sedan"
    VET_EJ = 4, "Vet ej"
