"""Identities of a client: personnummer, samordningsnummer and reservnummer.

:mod:`~socialtjanst_variabler.identitet.personnummer` holds :class:`Personnummer`
(variable 3, with juridiskt kön and ålder derived from it; also a samordningsnummer with
a partly unknown birth date, opt-in). The module is also importable as
``socialtjanst_variabler.personnummer``, its name in the design.
:mod:`~socialtjanst_variabler.identitet.reservnummer` holds :class:`Reservnummer`, for a
client without either number: IVO's T-format (birth date and juridiskt kön) or a
regional reservnummer kept as opaque text.
"""

from __future__ import annotations

from socialtjanst_variabler.identitet.personnummer import Personnummer
from socialtjanst_variabler.identitet.reservnummer import Reservnummer

__all__ = ["Personnummer", "Reservnummer"]
