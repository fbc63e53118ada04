"""Answer scales of the six user questions B1a–B5 (Bilaga 2)."""

from __future__ import annotations

import enum

from socialtjanst_variabler.vardemangder._base import Vardemangd

__all__ = ["Bemotande", "Betydelse", "Delaktighet", "Forandring", "Nojdhet"]


@enum.verify(enum.UNIQUE, enum.CONTINUOUS)
class Forandring(Vardemangd):
    """Answer scale shared by B1a (situation/problematik) and B1b (livskvalitet)."""

    FORBATTRATS_MYCKET = 1, "Förbättrats mycket"
    FORBATTRATS_LITE = 2, "Förbättrats lite"
    INGEN_FORANDRING = 3, "Ingen förändring"
    FORSAMRATS_LITE = 4, "Försämrats lite"
    FORSAMRATS_MYCKET = 5, "Försämrats mycket"
    VET_INTE = 6, "Vet inte/har ingen uppfattning"

    @property
    def is_forbattring(self) -> bool:
        """True for the two "improved" answers, the condition for asking B2."""
        return self in (Forandring.FORBATTRATS_MYCKET, Forandring.FORBATTRATS_LITE)


@enum.verify(enum.UNIQUE, enum.CONTINUOUS)
class Betydelse(Vardemangd):
    """Answer scale of B2 (betydelsen av stödet)."""

    MYCKET_STOR = 1, "Mycket stor betydelse"
    GANSKA_STOR = 2, "Ganska stor betydelse"
    GANSKA_LITEN = 3, "Ganska liten betydelse"
    MYCKET_LITEN_INGEN = 4, "Mycket liten/ingen betydelse"
    VET_INTE = 5, "Vet inte/har ingen uppfattning"


@enum.verify(enum.UNIQUE, enum.CONTINUOUS)
class Nojdhet(Vardemangd):
    """Answer scale of B3 (nöjdhet)."""

    MYCKET_NOJD = 1, "Mycket nöjd"
    GANSKA_NOJD = 2, "Ganska nöjd"
    VARKEN_NOJD_ELLER_MISSNOJD = 3, "Varken nöjd eller missnöjd"
    GANSKA_MISSNOJD = 4, "Ganska missnöjd"
    MYCKET_MISSNOJD = 5, "Mycket missnöjd"
    VET_INTE = 6, "Vet inte/har ingen uppfattning"


@enum.verify(enum.UNIQUE, enum.CONTINUOUS)
class Bemotande(Vardemangd):
    """Answer scale of B4 (bemötande)."""

    MYCKET_BRA = 1, "Mycket bra"
    GANSKA_BRA = 2, "Ganska bra"
    VARKEN_BRA_ELLER_DALIGT = 3, "Varken bra eller dåligt"
    GANSKA_DALIGT = 4, "Ganska dåligt"
    MYCKET_DALIGT = 5, "Mycket dåligt"
    VET_INTE = 6, "Vet inte/har ingen uppfattning"


@enum.verify(enum.UNIQUE, enum.CONTINUOUS)
class Delaktighet(Vardemangd):
    """Answer scale of B5 (delaktighet)."""

    MYCKET = 1, "Mycket"
    GANSKA_MYCKET = 2, "Ganska mycket"
    GANSKA_LITE = 3, "Ganska lite"
    INTE_ALLS = 4, "Inte alls"
    VET_INTE = 5, "Vet inte/har ingen uppfattning"
