"""Insatstyp (variable 12): the 35 kinds of insats for the whole social services."""

from __future__ import annotations

import enum

from socialtjanst_variabler.vardemangder._base import Vardemangd

__all__ = ["Insatstyp"]


@enum.verify(enum.UNIQUE, enum.CONTINUOUS)
class Insatstyp(Vardemangd):
    """Insatstyp (variabel 12; the spec spells the name "Insattstyp" and "Insatsstyp")."""

    LVU_HEM_12 = 1, "§ 12 LVU-hem"
    ANNAT_OVRIGT_BISTAND = 2, "Annat/övrigt bistånd"
    ARBETSFORBEREDANDE_INSATSER = 3, "Arbetsförberedande insatser"
    ARBETSPRAKTIK = 4, "Arbetspraktik"
    AVLOSARSERVICE = 5, "Avlösarservice/Avlösning av anhörig i hemmet"
    BOENDESTOD = 6, "Boendestöd"
    DAGLIG_VERKSAMHET = 7, "Daglig verksamhet"
    DAGVERKSAMHET = 8, "Dagverksamhet"
    EKONOMISKT_BISTAND_LIVSFORING_I_OVRIGT = 9, "Ekonomiskt bistånd för livsföring i övrigt"
    FAMILJEHEM = 10, "Familjehem"
    FORSORJNINGSSTOD = 11, "Försörjningsstöd (4 kap. 3 § SoL)"
    HEM_FOR_VARD_ELLER_BOENDE = 12, "Hem för vård eller boende"
    HEMTJANST_PERSONLIG_OMVARDNAD = 13, "Hemtjänst – Personlig omvårdnad"
    HEMTJANST_SERVICE = 14, "Hemtjänst – Service"
    JOBBSOKARAKTIVITET = 15, "Jobbsökaraktivitet"
    JOURHEM_OCH_BEREDSKAPSHEM = 16, "Jourhem och beredskapshem"
    KONTAKTFAMILJ = 17, "Kontaktfamilj"
    KONTAKTPERSON = 18, "Kontaktperson"
    KORTTIDSTILLSYN = 19, "Korttidstillsyn"
    KORTTIDSVISTELSE = (
        20,
        "Korttidsvistelse/Korttidsvård/korttidsboende (temporära lösningar)",
    )
    KURS = 21, "Kurs"
    LEDSAGARSERVICE = 22, "Ledsagarservice/Ledsagning"
    LVM_HEM = 23, "LVM-hem"
    MATDISTRIBUTION = 24, "Matdistribution"
    MELLANTVANG = 25, "Mellantvång (Särskild kvalificerad kontaktperson eller behandling)"
    NATVERKSHEM = 26, "Nätverkshem"
    PERSONLIG_ASSISTANS = 27, "Personlig assistans"
    PERSONLIGT_STOD = 28, "Personligt stöd"
    STRUKTURERAT_OPPENVARDSPROGRAM = (
        29,
        "Strukturerat öppenvårdsprogram för vård/behandling eller sysselsättning/social träning",
    )
    STUDIE_OCH_YRKESVAGLEDNING = 30, "Studie- och yrkesvägledning"
    STODBOENDE = 31, "Stödboende"
    SARSKILT_BOENDE = 32, "Särskilt boende (permanent)"
    TRYGGHETSLARM = 33, "Trygghetslarm"
    OVRIGT_BISTAND_BOENDE_SOL = 34, "Övrigt bistånd som avser boende enligt SoL"
    OVRIGA_KOMMUNALA_ARBETSMARKNADSINSATSER = 35, "Övriga kommunala arbetsmarknadsinsatser"
