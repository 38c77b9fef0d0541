"""One error root. Each stage raises its own subclass; only cli.py catches them.

A ``FinopsGateError`` is the user's to fix: cli.py prints its message on one line and exits 2.
Anything else escaping the pipeline is our bug: exit 3 with a request for a bug report.
"""

from __future__ import annotations


class FinopsGateError(Exception):
    """Bad input or usage. The message names the file and says what to do."""

    exit_code = 2


class UsageError(FinopsGateError):
    """Command-line usage the tool cannot act on."""


class InputError(FinopsGateError):
    """A source file that cannot be read as what it claims to be."""


class ConfigError(FinopsGateError):
    """An invalid .finops-gate.yml."""


class CatalogError(FinopsGateError):
    """A pricing catalog that is missing or does not validate."""


class RefreshError(FinopsGateError):
    """A price refresh that cannot produce a trustworthy catalog: nothing is written."""


class PublishError(FinopsGateError):
    """The CI platform refused or failed a request we cannot retry."""
