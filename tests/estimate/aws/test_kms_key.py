"""aws_kms_key: a key-month plus requests at the rate of the key spec."""

from __future__ import annotations

from finops_gate.estimate.aws import kms_key
from finops_gate.estimate.usage import Usage
from finops_gate.model import Resource


def _key(spec: str | None) -> Resource:
    attrs = {} if spec is None else {"customer_master_key_spec": spec}
    return Resource("aws_kms_key.k", "terraform", "aws_kms_key", "aws", "us-east-1", attrs)


def test_request_lines_follow_the_key_spec() -> None:
    keys = {
        None: "kms.requests.symmetric",
        "RSA_2048": "kms.requests.rsa_2048",
        "ECC_NIST_P256": "kms.requests.asymmetric",
    }
    for spec, key in keys.items():
        assert [x.price_key for x in kms_key.cost_lines(_key(spec), Usage())] == ["kms.key", key]


def test_hmac_requests_are_listed_at_their_own_key_never_left_out() -> None:
    lines = kms_key.cost_lines(_key("HMAC_256"), Usage({"monthly_requests": 50_000}))
    assert [(x.price_key, x.usage_key) for x in lines[1:]] == [
        ("kms.requests.hmac", "monthly_requests")
    ]


def test_a_key_spec_not_known_leaves_its_requests_unpriced() -> None:
    lines = kms_key.cost_lines(_key("ML_DSA_65"), Usage())
    assert "ML_DSA_65" in (lines[-1].unknown_reason or "")
