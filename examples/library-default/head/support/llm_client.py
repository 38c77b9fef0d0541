"""The team's thin wrapper around the OpenAI SDK: every feature calls ``complete``."""

from openai import OpenAI

_client = OpenAI()


def complete(prompt: str, model: str = "gpt-4-turbo", max_tokens: int = 400) -> str:
    response = _client.chat.completions.create(
        model=model,
        max_tokens=max_tokens,
        messages=[{"role": "user", "content": prompt}],
    )
    return response.choices[0].message.content or ""
