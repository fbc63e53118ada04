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

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from socialtjanst_variabler._version import __version__
from socialtjanst_variabler.arende import (
    Arende,
    Avslut,
    AvslutUtanInsats,
    Insats,
    Uppfoljning,
    handlaggningstid,
    insatstid,
    slutdatum,
    tid_till_verkstallighet,
    total_tid,
    uppnatt_processteg,
)
from socialtjanst_variabler.arende.granskning import Allvarlighet, Fynd, Regel, granska
from socialtjanst_variabler.errors import (
    InvalidCode,
    InvalidCodeType,
    InvalidFieldType,
    InvalidInterval,
    InvalidJson,
    InvalidPersonnummer,
    InvalidValue,
    UnknownVariable,
    ValidationError,
)
from socialtjanst_variabler.identitet.personnummer import Personnummer
from socialtjanst_variabler.identitet.reservnummer import Reservnummer
from socialtjanst_variabler.katalog import (
    KATALOG,
    SPEC_ISBN,
    SPEC_TITEL,
    SPEC_UTGIVARE,
    SPEC_VERSION,
    TILLAGG,
    Dataformat,
    Kvalitetsomrade,
    Tillagg,
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
    TILLAGG_VARDEMANGDER,
    VARDEMANGDER,
    Aktualiseringsorsak,
    Avslutsorsak,
    Bemotande,
    Beslutsutfall,
    Betydelse,
    Delaktighet,
    Forandring,
    Genomforande,
    Hushallstyp,
    Insatstyp,
    JuridisktKon,
    Maluppfyllelse,
    Nojdhet,
    OrsakUtanInsats,
    ParallellaInsatser,
    Problematik,
    Samverkan,
    Sip,
    TidigareKontakt,
    Ursprung,
    Vardemangd,
)

if TYPE_CHECKING:
    from socialtjanst_variabler.arende._serde import from_dict, from_json, to_dict, to_json
    from socialtjanst_variabler.arende.jsonl import Rad, las_jsonl

# JSON needs cattrs: loaded on first use only (PEP 562), so importing the package stays
# cheap for vendors who use just the value sets.
_LAZY = {
    "from_dict": "socialtjanst_variabler.arende._serde",
    "from_json": "socialtjanst_variabler.arende._serde",
    "to_dict": "socialtjanst_variabler.arende._serde",
    "to_json": "socialtjanst_variabler.arende._serde",
    "Rad": "socialtjanst_variabler.arende.jsonl",
    "las_jsonl": "socialtjanst_variabler.arende.jsonl",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        value = getattr(importlib.import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "INGEN_SAMVERKAN",
    "KATALOG",
    "SPEC_ISBN",
    "SPEC_TITEL",
    "SPEC_UTGIVARE",
    "SPEC_VERSION",
    "TILLAGG",
    "TILLAGG_VARDEMANGDER",
    "VARDEMANGDER",
    "Aktualiseringsorsak",
    "Allvarlighet",
    "Arende",
    "Avslut",
    "AvslutUtanInsats",
    "Avslutsorsak",
    "Bemotande",
    "Beslutsutfall",
    "Betydelse",
    "Dataformat",
    "Delaktighet",
    "Forandring",
    "Fynd",
    "Genomforande",
    "Hushallstyp",
    "Insats",
    "Insatskontext",
    "Insatstyp",
    "InvalidCode",
    "InvalidCodeType",
    "InvalidFieldType",
    "InvalidInterval",
    "InvalidJson",
    "InvalidPersonnummer",
    "InvalidValue",
    "JuridisktKon",
    "Kvalitetsomrade",
    "Maluppfyllelse",
    "Nojdhet",
    "OrsakUtanInsats",
    "ParallellaInsatser",
    "Personnummer",
    "Problematik",
    "Processteg",
    "Rad",
    "Regel",
    "Reservnummer",
    "Samverkan",
    "Sip",
    "TidigareKontakt",
    "Tillagg",
    "UnknownVariable",
    "Uppfoljning",
    "Ursprung",
    "ValidationError",
    "Vardemangd",
    "Variabel",
    "__version__",
    "from_dict",
    "from_json",
    "granska",
    "handlaggningstid",
    "insatstid",
    "las_jsonl",
    "slutdatum",
    "steg_for_beslut_och_insatstyp",
    "tid_till_verkstallighet",
    "to_dict",
    "to_json",
    "total_tid",
    "uppnatt_processteg",
    "variabel",
    "variabler_i",
]
