"""How many times a month a CronJob's schedule fires.

Standard five-field cron (the syntax Kubernetes accepts): lists, ranges, steps, month and day
names, ``@hourly``-style macros. The count is the average month of a reference year (365 days):
runs per year / 12. When both day-of-month and day-of-week are restricted, a day matches
either (cron's rule). ``timeZone`` shifts when runs happen, not how many there are; it is
checked so a misspelt zone is reported instead of silently ignored.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

MACROS = {
    "@yearly": "0 0 1 1 *",
    "@annually": "0 0 1 1 *",
    "@monthly": "0 0 1 * *",
    "@weekly": "0 0 * * 0",
    "@daily": "0 0 * * *",
    "@midnight": "0 0 * * *",
    "@hourly": "0 * * * *",
}
_MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
_DAYS = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"]
_FIELDS = [  # (name, low, high, names)
    ("minute", 0, 59, None),
    ("hour", 0, 23, None),
    ("day of month", 1, 31, None),
    ("month", 1, 12, _MONTHS),
    ("day of week", 0, 7, _DAYS),
]
REFERENCE_YEAR = 2026


class CronError(ValueError):
    """A schedule that cannot be read; the message says which field."""


def runs_per_month(schedule: str, time_zone: str | None = None) -> Decimal:
    if time_zone is not None:
        _check_zone(time_zone)
    text = schedule.strip()
    if text.upper().startswith(("CRON_TZ=", "TZ=")):
        zone, _, text = text.partition(" ")
        _check_zone(zone.split("=", 1)[1])
        text = text.strip()
    text = MACROS.get(text.lower(), text)
    parts = text.split()
    if len(parts) != 5:
        raise CronError(f"expected 5 fields, got {len(parts)}")
    sets = [_field(p, *spec) for p, spec in zip(parts, _FIELDS, strict=True)]
    minutes, hours, dom, months, dow = sets
    dow = {d % 7 for d in dow}
    dom_any, dow_any = parts[2] in ("*", "?"), parts[4] in ("*", "?")
    per_day = len(minutes) * len(hours)
    day = dt.date(REFERENCE_YEAR, 1, 1)
    runs = 0
    while day.year == REFERENCE_YEAR:
        if day.month in months:
            in_dom, in_dow = day.day in dom, (day.isoweekday() % 7) in dow
            hit = in_dom and in_dow if dom_any or dow_any else in_dom or in_dow
            if hit:
                runs += per_day
        day += dt.timedelta(days=1)
    return Decimal(runs) / 12


def _field(text: str, name: str, low: int, high: int, names: list[str] | None) -> set[int]:
    out: set[int] = set()
    for part in text.split(","):
        rng, _, step_text = part.partition("/")
        step = 1
        if step_text:
            step = _number(step_text) or 0
            if step == 0:
                raise CronError(f"{name}: bad step {step_text!r}")
        if rng in ("*", "?"):
            lo, hi = low, high
        elif "-" in rng:
            a, _, b = rng.partition("-")
            lo, hi = _value(a, name, low, high, names), _value(b, name, low, high, names)
        else:
            lo = _value(rng, name, low, high, names)
            hi = high if step_text else lo
        if lo > hi:
            raise CronError(f"{name}: range {rng!r} runs backwards")
        out.update(range(lo, hi + 1, step))
    return out


def _value(text: str, name: str, low: int, high: int, names: list[str] | None) -> int:
    if names is not None and text.lower() in names:
        return names.index(text.lower()) + (1 if name == "month" else 0)
    number = _number(text)
    if number is None or not low <= number <= high:
        raise CronError(f"{name}: {text!r} is not in {low}-{high}")
    return number


def _number(text: str) -> int | None:
    """A field's number: ASCII digits only (isdigit() also takes "²", which int() refuses),
    and short (int() refuses thousands of digits)."""
    return int(text) if text.isascii() and text.isdigit() and len(text) <= 9 else None


def _check_zone(zone: str) -> None:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        ZoneInfo(zone)
    except (ZoneInfoNotFoundError, ValueError):
        raise CronError(f"unknown time zone {zone!r}") from None
