"""The fast plan reader (msgspec) gives what the standard reader (json) gives, or leaves it to it.

Each test reads the same bytes both ways: ``FAST_FROM`` lowered to 0 (the fast path first) and
raised out of reach (the standard reader alone), and compares the decoded plan or the one-line
error. Keys the fast path does not return are ones no reader code looks at.
"""

from __future__ import annotations

import json
import math
import struct
import sys
import tracemalloc
from pathlib import Path
from typing import Any

import msgspec
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from finops_gate.errors import InputError
from finops_gate.sources import terraform_plan, terraform_plan_json

# what plan_changes and _Providers read of the top-level object
_READ = {
    "format_version",
    "terraform_version",
    "resource_changes",
    "configuration",
    "variables",
    "errored",
    "complete",
    "deferred_changes",
    "prior_state",
    "planned_values",
    "values",
}


def _read(path: Path, *, fast: bool, monkeypatch: pytest.MonkeyPatch) -> Any:
    """The decoded plan (or the error text) through one reader."""
    monkeypatch.setattr(terraform_plan, "FAST_FROM", 0 if fast else 1 << 62)
    try:
        data, wrapped = terraform_plan._read_json(path, "plan.json")
    except InputError as exc:
        return ("error", str(exc))
    except RecursionError:  # read_plan: "JSON nested too deeply to be a Terraform plan"
        return ("error", "nested too deeply")
    return ("plan", wrapped, data)


def _same(text: bytes, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Any, bool]:
    """Both readers' results are equal; returns (the result, whether msgspec decoded it)."""
    path = tmp_path / "plan.json"
    path.write_bytes(text)
    standard = _read(path, fast=False, monkeypatch=monkeypatch)
    fast = _read(path, fast=True, monkeypatch=monkeypatch)
    monkeypatch.setattr(terraform_plan, "FAST_FROM", 0)
    used = terraform_plan._read_fast(path) is not None
    if standard[0] == "plan" and fast[0] == "plan":
        assert fast[1] == standard[1]
        got, want = fast[2], standard[2]
        assert set(want) - set(got) <= set(want) - _READ  # only keys nobody reads are left out
        assert set(got) <= set(want)
        limit = sys.getrecursionlimit()
        sys.setrecursionlimit(20_000)  # (comparing values nested 1,000 deep)
        try:
            assert _repr(got) == _repr({k: want[k] for k in got})
        finally:
            sys.setrecursionlimit(limit)
    else:
        assert fast == standard
    return standard, used


def _repr(value: Any) -> Any:
    """Equality that tells 0 from 0.0 and -0.0, and NaN from NaN (the bits of a float)."""
    if isinstance(value, dict):
        return {k: _repr(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_repr(v) for v in value]
    if isinstance(value, float):
        return ("float", struct.pack("<d", value))
    return (type(value).__name__, value)


def _plan(after: Any = None, **extra: Any) -> dict[str, Any]:
    return {
        "format_version": "1.2",
        "terraform_version": "1.9.8",
        "planned_values": {"root_module": {"resources": [{"values": {"x": 1}}]}},
        "resource_changes": [
            {
                "address": "aws_instance.a",
                "mode": "managed",
                "type": "aws_instance",
                "provider_name": "registry.terraform.io/hashicorp/aws",
                "change": {"actions": ["create"], "before": None, "after": after or {}},
            }
        ],
        "prior_state": {
            "values": {
                "root_module": {
                    "resources": [
                        {"address": "data.aws_ami.x", "mode": "data", "type": "aws_ami"},
                        {"address": "aws_s3_bucket.b", "mode": "managed", "type": "aws_s3_bucket"},
                    ]
                }
            }
        },
        "configuration": {"provider_config": {"aws": {"name": "aws"}}},
        "relevant_attributes": [{"resource": "aws_instance.a", "attribute": ["ami"]}],
        **extra,
    }


def _text(doc: Any, **kwargs: Any) -> bytes:
    return json.dumps(doc, **kwargs).encode("utf-8")


def test_a_terraform_plan_is_decoded_by_msgspec_to_the_same_members(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    result, used = _same(_text(_plan({"size": 10})), tmp_path, monkeypatch)
    assert used
    assert result[2]["planned_values"] is None  # present, not kept
    # of the prior state only the data sources (an AMI's platform) are kept
    assert result[2]["prior_state"]["values"]["root_module"]["resources"] == [
        {"address": "data.aws_ami.x", "mode": "data", "type": "aws_ami"}
    ]


@pytest.mark.parametrize("compact", [True, False])
def test_whitespace_and_key_order_do_not_matter(
    compact: bool, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    doc = dict(reversed(_plan({"a": [1, {"b": None}]}).items()))
    text = _text(doc, separators=(",", ":")) if compact else _text(doc, indent=4)
    _, used = _same(b"\r\n \t" + text + b"\n\n", tmp_path, monkeypatch)
    assert used


@pytest.mark.parametrize(
    "literal",
    [
        "18446744073709551616",  # 2**64: msgspec keeps it an int, as json does
        "-9223372036854775809",
        "123456789012345678901234567890123456789",
        "0.1",
        "0.30000000000000004",
        "-0",
        "-0.0",
        "1E2",
        "1e-400",
        "5e-324",
        "2.2250738585072011e-308",
        "1.7976931348623157e308",
        "9007199254740993",
        "9007199254740993.0",
        "123456789012345678901234567890.5e-3",
        "0.1000000000000000055511151231257827021181583404541015625",
    ],
)
def test_numbers_decode_to_the_same_value_and_type(
    literal: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = _text(_plan({"n": 0})).replace(b'"n": 0', b'"n": ' + literal.encode())
    result, used = _same(text, tmp_path, monkeypatch)
    assert used
    assert _repr(result[2]["resource_changes"][0]["change"]["after"]["n"]) == _repr(
        json.loads(literal)
    )


@pytest.mark.parametrize(
    ("fragment", "fast"),
    [
        ('"n": 1e400', False),  # json: infinity
        ('"n": "\\ud800"', False),  # a lone surrogate: json keeps it
        ('"n": "\\udc00\\ud800"', False),
        ('"n": "caf\\u00e9 \\ud83d\\ude00"', True),  # a surrogate pair: both read the emoji
        ('"n": "caf\u00e9"', True),
        ('"n": {"k": 1, "k": 2}', True),  # a key twice: the last value, both ways
    ],
)
def test_values_the_decoders_differ_on_are_left_to_json(
    fragment: str, fast: bool, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = _text(_plan({"n": 0})).replace(b'"n": 0', fragment.encode("utf-8"))
    result, used = _same(text, tmp_path, monkeypatch)
    assert result[0] == "plan"
    assert used is fast


@pytest.mark.parametrize(
    ("fragment", "token"),
    [('"n": NaN', "NaN"), ('"n": -Infinity', "-Infinity"), ('"n": Infinity', "Infinity")],
)
def test_nan_and_infinity_are_not_json_numbers_both_ways(
    fragment: str, token: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Python's json reads them, msgspec refuses: neither is a plan (terraform never writes one,
    and a NaN read as a size reached the prices as a crash, exit 3)."""
    text = _text(_plan({"n": 0})).replace(b'"n": 0', fragment.encode("utf-8"))
    result, used = _same(text, tmp_path, monkeypatch)
    assert not used
    assert result[0] == "error"
    assert f"{token} is not a JSON number" in result[1] and "plan.json" in result[1]


@pytest.mark.parametrize(
    "fragment",
    ['"x": 1e400', '"x": "\\ud800"', '"x": 123456789012345678901234567890'],
)
def test_what_the_reader_drops_is_checked_the_same_way(
    fragment: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """planned_values is skipped, not decoded: still, what json reads, msgspec accepts or leaves
    to json."""
    text = _text(_plan()).replace(b'"x": 1', fragment.encode())
    result, _ = _same(text, tmp_path, monkeypatch)
    assert result[0] == "plan"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (b"\xef\xbb\xbf" + _text(_plan()), "Unexpected UTF-8 BOM"),
        (_text(_plan()).replace(b'"x": 1', b'"x": "\xff"'), "not UTF-8 JSON"),  # skipped part
        (_text(_plan()).replace(b'"ami"', b'"a\xc3"'), "not UTF-8 JSON"),  # a cut character
        (
            _text(_plan({"s": "\u00e9"}), ensure_ascii=False).replace(b"\xc3\xa9", b"\xed\xa0\x80"),
            "not UTF-8",
        ),
        (_text(_plan()).replace(b'"x": 1', b'"x": [1,]'), "not valid JSON"),
        (_text(_plan()).replace(b'"x": 1', b'"x": "a\x01"'), "not valid JSON"),
        (_text(_plan()).replace(b'"x": 1', b'"x": 01'), "not valid JSON"),
        (_text(_plan()).replace(b'"x": 1', b'"x": "\\q"'), "not valid JSON"),
        (_text(_plan())[:-1], "not valid JSON"),
        (_text(_plan()) + b" {}", "not valid JSON"),
        (_text(_plan()) + b"\n::debug::x\nmore", "text after the plan JSON"),
        (b"[" + _text(_plan()) + b"]", "not a Terraform plan"),
        (b"{}", "not a Terraform plan"),
        (b'{"values": {}}', "looks like a state file"),
        (b'{"format_version": "1.2", "resource_changes": 5}', "resource_changes must be a list"),
        (b'{"format_version": "1.2", "resource_changes": [], "errored": true}', "as errored"),
        (b'{"format_version": "9.0", "resource_changes": []}', "is not supported"),
        (b"PK\x03\x04", "a binary plan file"),
    ],
)
def test_bad_files_get_the_same_one_line_error(
    text: bytes, message: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    result, _ = _same(text, tmp_path, monkeypatch)
    if result[0] == "plan":  # decoded alike: plan_changes says what is wrong
        with pytest.raises(InputError) as caught:
            terraform_plan.plan_changes(result[2], display="plan.json")
        result = ("error", str(caught.value))
    assert message in result[1]


_COMMAND = b"[command]/usr/bin/terraform show -json tfplan\n"
_TAIL = b"\n::debug::stdout\n\n::set-output name=exitcode::0\n"


@pytest.mark.parametrize(
    ("head", "tail"),
    [(_COMMAND, _TAIL), (_COMMAND, b"\n"), (b"", _TAIL), (b"\r\n" + _COMMAND, b"\r" + _TAIL)],
)
def test_setup_terraform_wrapper_output_is_read_fast_too(
    head: bytes, tail: bytes, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    result, used = _same(head + _text(_plan()) + tail, tmp_path, monkeypatch)
    assert result[0] == "plan" and result[1] is True
    assert used


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (_COMMAND + _text(_plan()) + _TAIL + b"not a command\n", "text after the plan JSON"),
        (_COMMAND + _text(_plan()) + b"\nnot a command\n", "not valid JSON"),
        (_COMMAND + b"\n  \n", "only setup-terraform's [command] line"),
        (_COMMAND + b"::debug::x\n", "not valid JSON"),
        (b"[command]", "only setup-terraform's [command] line"),
        (_COMMAND + _text(_plan()) + b"\n::debug::\xff\n", "not UTF-8"),
        (_COMMAND + _text(_plan())[:-1] + _TAIL, "not valid JSON"),
    ],
)
def test_bad_wrapper_output_gets_the_same_error(
    text: bytes, message: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    result, used = _same(text, tmp_path, monkeypatch)
    assert result[0] == "error" and message in result[1]
    assert not used


def test_nesting_msgspec_accepts_json_accepts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Both decoders count nesting against the interpreter's recursion limit, a few frames
    apart; msgspec runs with a lower limit, so it never accepts what json refuses: around the
    limit every depth gives the same result both ways (decoded, or "nested too deeply")."""
    outcomes = set()
    for depth in range(900, 1100, 7):
        deep = b"[" * depth + b"]" * depth
        text = _text(_plan({"n": 0})).replace(b'"n": 0', b'"n": ' + deep)
        result, used = _same(text, tmp_path, monkeypatch)
        outcomes.add((result[0], used))
        if result[0] == "error":
            assert "nested too deeply" in result[1]
    assert outcomes == {("plan", True), ("plan", False), ("error", False)}


def test_a_huge_planned_values_is_never_built(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What the reader drops costs no memory: a plan whose planned_values is 8 MB of values is
    read with less than 1 MB allocated beyond the file's bytes."""
    doc = _plan()
    doc["planned_values"] = {
        "root_module": {"resources": [{"v": [i, "x" * 40]} for i in range(150_000)]}
    }
    text = _text(doc)
    assert len(text) > 8_000_000
    tracemalloc.start()
    try:
        base = tracemalloc.get_traced_memory()[0]
        tracemalloc.reset_peak()
        data = terraform_plan_json.decode_plan(text)
        peak = tracemalloc.get_traced_memory()[1] - base
    finally:
        tracemalloc.stop()
    assert data is not None and data["planned_values"] is None
    assert peak < 1_000_000


_JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**30), max_value=10**30)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=20,
)


@settings(max_examples=150, deadline=None)
@given(value=_JSON, ascii_only=st.booleans())
def test_any_values_decode_alike(value: Any, ascii_only: bool, tmp_path_factory: Any) -> None:
    """Whatever a plan holds (ints of any size, floats, text with lone surrogates when
    escaped), the fast reader gives what json gives, or leaves it to json."""
    tmp = tmp_path_factory.mktemp("p")
    try:
        text = _text(_plan({"v": value}), ensure_ascii=ascii_only)
    except UnicodeEncodeError:  # a lone surrogate, written raw: not UTF-8 at all
        return
    with pytest.MonkeyPatch.context() as monkeypatch:
        result, _ = _same(text, tmp, monkeypatch)
    assert result[0] == "plan"


@settings(max_examples=500, deadline=None)
@given(
    digits=st.text("0123456789", min_size=1, max_size=40),
    fraction=st.text("0123456789", max_size=30),
    exponent=st.integers(min_value=-340, max_value=330),
)
def test_float_text_rounds_the_same_as_json(digits: str, fraction: str, exponent: int) -> None:
    literal = f"{digits.lstrip('0') or '0'}{'.' + fraction if fraction else ''}e{exponent}"
    want = json.loads(literal)
    if math.isinf(want):
        with pytest.raises(msgspec.DecodeError):
            msgspec.json.decode(literal)  # json: infinity; msgspec refuses, json decides
        return
    assert struct.pack("<d", msgspec.json.decode(literal)) == struct.pack("<d", want)


def _state(*modules: Any) -> dict[str, Any]:
    root, *children = modules
    return {"format_version": "1.0", "values": {"root_module": {**root, "child_modules": children}}}


_DATA = {"address": "data.aws_ami.x", "mode": "data", "type": "aws_ami", "values": {"id": "ami-1"}}
_MANAGED = {"address": "aws_s3_bucket.b", "mode": "managed", "type": "aws_s3_bucket", "values": {}}


@pytest.mark.parametrize(
    ("state", "fast"),
    [
        (_state({"resources": [_MANAGED, _DATA]}), True),
        (
            _state(
                {"resources": [_MANAGED]},
                {
                    "address": "module.a",
                    "resources": [{**_DATA, "address": "module.a.data.aws_ami.x"}],
                },
                {"address": "module.b", "child_modules": [{"resources": [_DATA, _MANAGED]}]},
            ),
            True,
        ),
        (_state({"resources": None}), True),
        (_state({}), True),
        ({"values": None}, True),
        (None, True),
        # shapes Terraform never writes: json's way decides (data_sources ignores them)
        ({"values": []}, False),
        ({"values": {"root_module": {"resources": {"a": 1}}}}, False),
        ({"values": {"root_module": {"resources": ["data"]}}}, False),
    ],
)
def test_the_prior_state_keeps_the_same_data_sources(
    state: Any, fast: bool, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    result, used = _same(_text(_plan(prior_state=state)), tmp_path, monkeypatch)
    assert result[0] == "plan"
    assert used is fast


def test_the_prior_states_managed_resources_are_never_built() -> None:
    """Of a prior state of 8 MB of managed resources only the data sources are decoded."""
    managed = [{**_MANAGED, "values": {"i": i, "s": "x" * 40}} for i in range(100_000)]
    text = _text(_plan(prior_state=_state({"resources": [*managed, _DATA]})))
    assert len(text) > 8_000_000
    tracemalloc.start()
    try:
        base = tracemalloc.get_traced_memory()[0]
        tracemalloc.reset_peak()
        data = terraform_plan_json.decode_plan(text)
        peak = tracemalloc.get_traced_memory()[1] - base
    finally:
        tracemalloc.stop()
    assert data is not None
    assert terraform_plan._reduce("prior_state", data["prior_state"]) == {
        "values": {"root_module": {"resources": [_DATA]}}
    }
    # a list of 100,000 undecoded resources (msgspec.Raw, ~60 bytes each): decoding them all
    # takes about 5x the text
    assert peak < len(text)


def test_a_key_twice_in_a_state_resource_keeps_its_last_value(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = _text(_plan(prior_state=_state({"resources": [_MANAGED, _DATA]})))
    text = text.replace(b'"mode": "data"', b'"mode": "data", "mode": "managed"').replace(
        b'"aws_s3_bucket.b", "mode": "managed"',
        b'"aws_s3_bucket.b", "mode": "managed", "mode": "data"',
    )
    result, used = _same(text, tmp_path, monkeypatch)
    assert used and result[0] == "plan"


@pytest.mark.parametrize("shape", ["terraform", "other"])
def test_the_reports_of_a_large_plan_are_the_same_bytes_either_way(
    shape: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The benchmark's plan shapes, 1,500 resources (over FAST_FROM for the terraform shape),
    checked end to end with and without the fast reader: the same JSON report."""
    import importlib.util

    from click.testing import CliRunner

    from finops_gate.cli import main

    spec = importlib.util.spec_from_file_location(
        "bench_plan", Path(__file__).resolve().parents[2] / "bench" / "bench_plan.py"
    )
    assert spec is not None and spec.loader is not None
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    plan = tmp_path / "big.json"
    (bench.write_other if shape == "other" else bench.write_plan)(plan, 1500)
    monkeypatch.setenv("AWS_REGION", "us-east-1")
    reports = []
    for fast_from in (0, 1 << 62):
        monkeypatch.setattr(terraform_plan, "FAST_FROM", fast_from)
        out = tmp_path / f"report-{fast_from}.json"
        args = ["check", str(tmp_path), "--plan", str(plan), "--format", "json", "--out", str(out)]
        result = CliRunner().invoke(main, args)
        assert result.exit_code in (0, 1), result.output
        reports.append(out.read_bytes())
    assert reports[0] == reports[1]
    assert b'"resources": [{"address"' in reports[0]


def test_an_indented_plan_with_the_wrappers_tail_is_read_fast(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """More lines than the newline-by-newline look for the tail takes (64) before it."""
    text = _COMMAND + _text(_plan({"a": list(range(100))}), indent=1) + _TAIL
    assert text.count(b"\n") > 100
    result, used = _same(text, tmp_path, monkeypatch)
    assert result[0] == "plan" and result[1] is True
    assert used
