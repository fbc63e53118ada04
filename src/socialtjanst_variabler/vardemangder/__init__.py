"""Every value set (värdemängd) of SKL-2019, Bilaga 1 and 2, in one place.

One module per area of the spec; ``VARDEMANGDER`` is the registry that tests, docs and
exports iterate over. ``TILLAGG_VARDEMANGDER`` holds the few value sets the library adds
(module ``tillagg``), kept apart so that the spec's own stay exactly the spec's.
"""

from __future__ import annotations

from socialtjanst_variabler.vardemangder._base import Vardemangd
from socialtjanst_variabler.vardemangder.avslut import Avslutsorsak, Genomforande
from socialtjanst_variabler.vardemangder.bakgrund import (
    Hushallstyp,
    JuridisktKon,
    TidigareKontakt,
    Ursprung,
)
from socialtjanst_variabler.vardemangder.brukarfragor import (
    Bemotande,
    Betydelse,
    Delaktighet,
    Forandring,
    Nojdhet,
)
from socialtjanst_variabler.vardemangder.insats import Insatstyp
from socialtjanst_variabler.vardemangder.problematik import Aktualiseringsorsak, Problematik
from socialtjanst_variabler.vardemangder.tillagg import Beslutsutfall, OrsakUtanInsats
from socialtjanst_variabler.vardemangder.uppfoljning import (
    INGEN_SAMVERKAN,
    Maluppfyllelse,
    ParallellaInsatser,
    Samverkan,
    Sip,
)

__all__ = [
    "INGEN_SAMVERKAN",
    "TILLAGG_VARDEMANGDER",
    "VARDEMANGDER",
    "Aktualiseringsorsak",
    "Avslutsorsak",
    "Bemotande",
    "Beslutsutfall",
    "Betydelse",
    "Delaktighet",
    "Forandring",
    "Genomforande",
    "Hushallstyp",
    "Insatstyp",
    "JuridisktKon",
    "Maluppfyllelse",
    "Nojdhet",
    "OrsakUtanInsats",
    "ParallellaInsatser",
    "Problematik",
    "Samverkan",
    "Sip",
    "TidigareKontakt",
    "Ursprung",
    "Vardemangd",
]

#: Every value set, in the order the spec first uses it.
VARDEMANGDER: tuple[type[Vardemangd], ...] = (
    Problematik,
    JuridisktKon,
    Ursprung,
    Hushallstyp,
    TidigareKontakt,
    Insatstyp,
    Samverkan,
    Sip,
    ParallellaInsatser,
    Maluppfyllelse,
    Genomforande,
    Avslutsorsak,
    Forandring,
    Betydelse,
    Nojdhet,
    Bemotande,
    Delaktighet,
)

#: The value sets the library adds to the spec (not SKL-2019's): see
#: :mod:`~socialtjanst_variabler.vardemangder.tillagg`.
TILLAGG_VARDEMANGDER: tuple[type[Vardemangd], ...] = (Beslutsutfall, OrsakUtanInsats)
