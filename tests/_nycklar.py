"""Counting the keys of JSON values, for the tests of the fast JSON pass."""

from __future__ import annotations

from typing import Any


def alla_nycklar(value: Any) -> int:
    """The keys of every object in *value*, at any depth."""
    if isinstance(value, dict):
        return len(value) + sum(map(alla_nycklar, value.values()))
    if isinstance(value, list):
        return sum(map(alla_nycklar, value))
    return 0
