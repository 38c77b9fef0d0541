"""The usage model lives on the ground floor (``finops_gate/usage.py``); the mappers import it
from here by habit."""

from finops_gate.usage import Usage, UsageFile

__all__ = ["Usage", "UsageFile"]
