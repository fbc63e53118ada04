"""Personnummer and samordningsnummer: :mod:`socialtjanst_variabler.identitet.personnummer`.

Kept under this name, the one the design and vendors' code use.
"""

from __future__ import annotations

from socialtjanst_variabler.identitet.personnummer import (
    Personnummer,
    calc_check_digit,
    compact,
    format,
    is_valid,
    validate,
)

__all__ = ["Personnummer", "calc_check_digit", "compact", "format", "is_valid", "validate"]
