"""Date arithmetic shared by the whole library, written once (docs page *Beslut*, Tider).

- age in completed years, where someone born 29 February turns a year older on
  28 February in common years (lag 1930:173 1 §; what ``dateutil.relativedelta`` gives);
- calendar months added with clamping to the month's end (31 Jan + 1 month = 28/29 Feb),
  by ``dateutil.relativedelta``;
- elapsed days ``(end - start).days`` and closed periods ``start <= d <= end``.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, datetime
from typing import TypeGuard

from socialtjanst_variabler.errors import ValidationError

__all__ = ["alder", "ar_datum", "dagar", "las_datum", "plus_manader"]

_ISODATUM = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", re.ASCII)


def ar_datum(value: object) -> TypeGuard[date]:
    """True for a calendar date: a ``datetime`` (a ``date`` subclass) carries a time of day
    and is refused everywhere the model takes a date.

    Example:
        >>> ar_datum(date(2026, 1, 1)), ar_datum(datetime(2026, 1, 1)), ar_datum("2026-01-01")
        (True, False, False)
    """
    return isinstance(value, date) and not isinstance(value, datetime)


def las_datum(text: object) -> date:
    """A strict ``ÅÅÅÅ-MM-DD`` date (docs page *Beslut*, Serialisering).

    ``date.fromisoformat`` alone also takes ``20240102`` and ``2024-W01-2``.

    Raises:
        ValidationError: not a string of that form, or a date that does not exist.

    Example:
        >>> las_datum("2024-02-29")
        datetime.date(2024, 2, 29)
        >>> las_datum("20240102")
        Traceback (most recent call last):
        ...
        socialtjanst_variabler.errors.ValidationError: ska vara en sträng ÅÅÅÅ-MM-DD
    """
    if type(text) is not str or not _ISODATUM.fullmatch(text):
        raise ValidationError("ska vara en sträng ÅÅÅÅ-MM-DD")
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValidationError("datumet finns inte") from None


def alder(fodelsedatum: date, vid: date) -> int:
    """Completed years from *fodelsedatum* to *vid* (callers refuse a *vid* before birth).

    Example:
        >>> alder(date(2008, 2, 29), date(2026, 2, 28))
        18
        >>> alder(date(2008, 2, 29), date(2026, 2, 27))
        17
        >>> alder(date(2000, 5, 10), date(2020, 5, 10))
        20
    """
    month, day = fodelsedatum.month, fodelsedatum.day
    if month == 2 and day == 29 and not calendar.isleap(vid.year):
        day = 28
    years = vid.year - fodelsedatum.year
    if (vid.month, vid.day) < (month, day):
        years -= 1
    return years


def plus_manader(d: date, manader: int) -> date:
    """*d* plus a number of calendar months, clamped to the end of the target month.

    Example:
        >>> plus_manader(date(2024, 1, 31), 1)
        datetime.date(2024, 2, 29)
        >>> plus_manader(date(2025, 1, 31), 1)
        datetime.date(2025, 2, 28)
    """
    # Imported here: only the UIV rule needs it, and importing the package stays cheap.
    from dateutil.relativedelta import relativedelta

    result: date = d + relativedelta(months=manader)
    return result


def dagar(start: date, slut: date) -> int:
    """Elapsed days ``(slut - start).days``, as the docs page *Beslut* defines durations.

    Example:
        >>> dagar(date(2026, 1, 1), date(2026, 1, 7))
        6
    """
    return (slut - start).days
