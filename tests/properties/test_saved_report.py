"""`finops-gate comment REPORT` on a hostile saved report (a fork's artifact): any rendering or a
one-line exit 2, never exit 3. The report is the real example's, with its free text and amounts
replaced by generated values; the schema decides what is valid, the renderer must cope."""

from __future__ import annotations

import copy
import functools
import json
import tempfile
from pathlib import Path
from typing import Any

from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from finops_gate.cli import main
from tests.conftest import EXAMPLES

HOSTILE_TEXT = st.one_of(
    st.text(max_size=60),
    st.sampled_from(
        ["<script>x</script>", "@everyone", "](javascript:x)", "\x1b[31mred", "|a|b|", "`\n#"]
    ),
)
AMOUNTS = st.one_of(
    st.decimals(allow_nan=False, allow_infinity=False, places=4).map(str),
    st.sampled_from(["0", "-0", "1e400", "-1E-400", "99999999999999999999999999999.99"]),
    st.none(),
)


@functools.cache
def _example() -> dict[str, Any]:
    base = EXAMPLES / "terraform-plan"
    result = CliRunner().invoke(
        main, ["check", str(base), "--plan", str(base / "plan.json"), "--format", "json"]
    )
    doc: dict[str, Any] = json.loads(result.stdout)
    return doc


def _mutate(doc: dict[str, Any], texts: list[str], amounts: list[str | None]) -> dict[str, Any]:
    out = copy.deepcopy(doc)
    t = iter(texts * 50)
    a = iter(amounts * 50)
    for r in out["resources"]:
        r["address"] = next(t, r["address"])
        for key in ("monthly_before", "monthly_after", "monthly_delta"):
            r[key] = next(a, r[key])
        for line in r.get("lines", []):
            line["name"] = next(t, line["name"])
    for f in out["findings"]:
        f["message"] = next(t, f["message"])
    out["notes"] = [next(t, "") for _ in range(3)]
    out["approval"]["reasons"] = [next(t, "")]
    for key in ("monthly_before", "monthly_after", "monthly_delta", "delta_percent"):
        out["totals"][key] = next(a, out["totals"][key])
    return out


@given(
    st.lists(HOSTILE_TEXT, min_size=1, max_size=8),
    st.lists(AMOUNTS, min_size=1, max_size=8),
    st.sampled_from(["markdown", "table", "json", "sarif"]),
)
def test_a_hostile_saved_report_renders_or_is_exit_2(
    texts: list[str], amounts: list[str | None], fmt: str
) -> None:
    doc = _mutate(_example(), texts, amounts)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "report.json"
        path.write_text(json.dumps(doc))
        result = CliRunner().invoke(main, ["comment", str(path), "--format", fmt])
    assert result.exit_code in (0, 2), result.stderr
    assert "internal error" not in result.stderr and "Traceback" not in result.stderr
    if result.exit_code == 2:
        assert len(result.stderr.strip().splitlines()) == 1
    if fmt == "markdown" and result.exit_code == 0:
        assert "<script>" not in result.stdout


def test_amounts_beyond_the_decimal_precision_render_their_chart() -> None:
    # found by the long fuzz profile: the chart's axis ceiling of a 30-digit amount was an
    # InvalidOperation (exit 3) for `finops-gate comment report.json`
    doc = _mutate(_example(), [""], ["0.0000", "99999999999999999999999999999.99", None])
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "report.json"
        path.write_text(json.dumps(doc))
        result = CliRunner().invoke(main, ["comment", str(path), "--format", "markdown"])
    assert result.exit_code == 0, result.stderr
    assert "xychart-beta" in result.stdout
