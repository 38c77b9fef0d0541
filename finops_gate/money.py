"""Money as people read it: one formatter for every report, message and rendering.

Amounts are ``Decimal`` end to end; this is where they are rounded, and only for display.
"""

from __future__ import annotations

from decimal import Decimal

SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥"}
# ISO 4217 minor units where they are not 2 (of the currencies the ECB publishes)
MINOR_UNITS = {"JPY": 0, "KRW": 0, "ISK": 0, "IDR": 0, "HUF": 2}


def prefix(currency: str) -> str:
    """``$`` for USD, ``€`` for EUR; ``CHF `` (code and a space) where there is no symbol."""
    return SYMBOLS.get(currency, f"{currency} ")


def fmt(amount: Decimal, currency: str = "USD", *, signed: bool = False) -> str:
    """``Decimal("1234.5")`` -> ``$1,234.50``; tiny per-request amounts keep their digits."""
    sign = (
        ("+" if amount > 0 else "-" if amount < 0 else "±")
        if signed
        else ("-" if amount < 0 else "")
    )
    mag = abs(amount)
    places = MINOR_UNITS.get(currency, 2)
    smallest = Decimal(1).scaleb(-places)
    if mag >= smallest or mag == 0:
        text = f"{mag:,.{places}f}"
    elif mag >= Decimal("0.000001"):
        text = format(mag.normalize(), "f")
    else:
        text = f"{mag:.2E}"
    return f"{sign}{prefix(currency)}{text}"


def rate(amount: Decimal, currency: str = "USD") -> str:
    """A unit price to its last significant digit, and at least to the minor unit:
    ``0.0104`` -> ``$0.0104``, ``0.1`` -> ``$0.10``, ``1234.5`` -> ``$1,234.50``. Rounded to
    cents, an hourly rate loses its digits and a $0.0004 request rate reads $0.00."""
    mag = abs(amount)
    places = MINOR_UNITS.get(currency, 2)
    if mag and mag < Decimal("0.000001"):
        text = f"{mag:.2E}"
    else:
        exponent = mag.normalize().as_tuple().exponent
        shown = -exponent if isinstance(exponent, int) else places
        text = f"{mag:,.{min(max(places, shown), 10)}f}"
    return f"{'-' if amount < 0 else ''}{prefix(currency)}{text}"
