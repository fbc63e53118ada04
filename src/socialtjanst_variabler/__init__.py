"""SKL:s generella variabler och brukarfrågor för uppföljning av socialtjänsten.

A typed, testable transcription of SKL-2019 (*Verksamhetssystem som stöd för systematisk
uppföljning*, ISBN 978-91-7585-717-6): value sets with stable codes and exact labels, the
catalog of 20 variables and six user questions with their process steps, personnummer
handling, the UIV follow-up rule, records, checks and JSON.

Example:
    >>> import socialtjanst_variabler as sv
    >>> len(sv.KATALOG)
    26
    >>> v = sv.variabel("7")
    >>> v.namn, v.processteg[0].label
    ('Hushållstyp', 'Utreda')
    >>> sv.Hushallstyp.from_code(2).label
    'Ensamstående med barn 0–17 år'
"""

from socialtjanst_variabler._version import __version__
from socialtjanst_variabler.errors import InvalidCode, UnknownVariable, ValidationError
from socialtjanst_variabler.katalog import (
    KATALOG,
    SPEC_ISBN,
    SPEC_TITEL,
    SPEC_UTGIVARE,
    SPEC_VERSION,
    Dataformat,
    Kvalitetsomrade,
    Variabel,
    variabel,
    variabler_i,
)
from socialtjanst_variabler.processteg import (
    Insatskontext,
    Processteg,
    steg_for_beslut_och_insatstyp,
)
from socialtjanst_variabler.vardemangder import (
    INGEN_SAMVERKAN,
    VARDEMANGDER,
    Aktualiseringsorsak,
    Avslutsorsak,
    Bemotande,
    Betydelse,
    Delaktighet,
    Forandring,
    Genomforande,
    Hushallstyp,
    Insatstyp,
    JuridisktKon,
    Maluppfyllelse,
    Nojdhet,
    ParallellaInsatser,
    Problematik,
    Samverkan,
    Sip,
    TidigareKontakt,
    Ursprung,
    Vardemangd,
)

__all__ = [
    "INGEN_SAMVERKAN",
    "KATALOG",
    "SPEC_ISBN",
    "SPEC_TITEL",
    "SPEC_UTGIVARE",
    "SPEC_VERSION",
    "VARDEMANGDER",
    "Aktualiseringsorsak",
    "Avslutsorsak",
    "Bemotande",
    "Betydelse",
    "Dataformat",
    "Delaktighet",
    "Forandring",
    "Genomforande",
    "Hushallstyp",
    "Insatskontext",
    "Insatstyp",
    "InvalidCode",
    "JuridisktKon",
    "Kvalitetsomrade",
    "Maluppfyllelse",
    "Nojdhet",
    "ParallellaInsatser",
    "Problematik",
    "Processteg",
    "Samverkan",
    "Sip",
    "TidigareKontakt",
    "UnknownVariable",
    "Ursprung",
    "ValidationError",
    "Vardemangd",
    "Variabel",
    "__version__",
    "steg_for_beslut_och_insatstyp",
    "variabel",
    "variabler_i",
]
