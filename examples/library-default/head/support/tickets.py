"""Ticket triage: relies on the wrapper's default model."""

from support.llm_client import complete


def summarize(ticket: str) -> str:
    return complete(f"Summarize this support ticket in two lines:\n{ticket}")


def reply(ticket: str) -> str:
    return complete(f"Draft a polite reply to:\n{ticket}")
