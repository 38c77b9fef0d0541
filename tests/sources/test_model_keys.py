"""Which keys name a model."""

from __future__ import annotations

import pytest

from finops_gate.sources.model_keys import is_model_key, normalize_key


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        ("model", True),
        ("default_model", True),
        ("defaultModel", True),
        ("OPENAI_MODEL", True),
        ("embedding-model", True),
        ("model_id", True),
        ("deployment", True),
        ("AZURE_OPENAI_DEPLOYMENT_NAME", True),
        ("model_path", False),
        ("models", False),
        ("temperature", False),
    ],
)
def test_model_key_names(key: str, expected: bool) -> None:
    assert is_model_key(key) is expected


def test_camel_and_kebab_case_keys_normalize_to_snake_case() -> None:
    assert normalize_key("defaultModel") == "default_model"
    assert normalize_key("DEFAULT-MODEL") == "default_model"
