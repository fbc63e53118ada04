"""Identities of a client: personnummer and samordningsnummer.

:mod:`~socialtjanst_variabler.identitet.personnummer` holds :class:`Personnummer`
(variable 3, with juridiskt kön and ålder derived from it). The module is also importable
as ``socialtjanst_variabler.personnummer``, its name in the design.
"""

from __future__ import annotations

from socialtjanst_variabler.identitet.personnummer import Personnummer

__all__ = ["Personnummer"]
