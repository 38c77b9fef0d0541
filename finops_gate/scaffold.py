"""``finops-gate init``: a commented ``.finops-gate.yml`` for the repository it finds.

The repository's head is checked against an empty base with the default settings, so detection
is the gate's own (the same sources, the same pricing): what it finds is listed in the file, and
every resource priced only with usage gets a commented usage stub (never a value: a stub that
said 0 would price it at $0). An existing file is edited round-trip (ruamel.yaml): only the
keys it lacks are added, the user's comments, order and values stay; ``force`` replaces it.
"""

from __future__ import annotations

import io
import json
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from finops_gate.config import CONFIG_NAME, parse_settings
from finops_gate.errors import ConfigError, UsageError
from finops_gate.model import KUBERNETES, LLM, RESOURCE_TYPE, Report, Status, domain

TAG_KEYS = ("finops:team", "finops:service", "finops:environment", "finops:cost-center")
MONTHLY_INCREASE = 500
PERCENT_INCREASE = 25
STUB_MARK = "# finops-gate init: usage stubs"


@dataclass(frozen=True, slots=True)
class Detected:
    """What the gate found in the repository's head."""

    terraform_dirs: tuple[str, ...] = ()
    kubernetes_paths: tuple[str, ...] = ()
    model_files: tuple[str, ...] = ()
    # address -> the usage keys its cost depends on (Terraform, infracost-usage keys)
    terraform_usage: tuple[tuple[str, tuple[str, ...]], ...] = ()
    models_need_usage: bool = False
    kubernetes_usage: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class InitResult:
    """What ``finops-gate init`` did to the config file, and the keys it added."""

    path: Path
    text: str
    action: str  # "created" | "updated" | "unchanged" | "replaced"
    added: tuple[str, ...] = ()


def detect(root: Path) -> Detected:
    """Check ``root`` against an empty base with default settings and read what was found."""
    from finops_gate import app

    with tempfile.TemporaryDirectory(prefix="finops-gate-init-") as empty:
        report = app.check(app.CheckRequest(root=root, base=Path(empty), head=root))
    return _detected(report)


def _detected(report: Report) -> Detected:
    tf_dirs: set[str] = set()
    k8s: set[str] = set()
    models: set[str] = set()
    tf_usage: dict[str, set[str]] = {}
    k8s_usage: set[str] = set()
    models_usage = False
    for cost in report.costs:
        resource = cost.change.current
        file = resource.file
        # where it was found is the reader's own setting (``sources.<reader>``): by source name
        if resource.source == "terraform" and file:
            tf_dirs.add(str(PurePosixPath(file).parent))
        elif resource.source == "kubernetes" and file:
            k8s.add(_glob_for(file))
        elif resource.source == "models" and file:
            models.add(file)
        side = cost.after
        if side is None or side.status is not Status.USAGE_UNKNOWN:
            continue
        keys = {
            line.usage_key
            for line in side.lines
            if line.usage_key and line.monthly_quantity is None
        }
        # the stub goes where the pricer of the resource's domain reads usage, whichever
        # reader found it (a second IaC reader's aws_* types read usage.terraform too)
        kind = domain(resource)
        if kind == RESOURCE_TYPE:
            tf_usage.setdefault(resource.address, set()).update(keys)
        elif kind == LLM:
            models_usage = True
        elif kind == KUBERNETES:
            k8s_usage.update(keys)
    return Detected(
        terraform_dirs=tuple(sorted(tf_dirs)),
        kubernetes_paths=tuple(sorted(k8s)),
        model_files=tuple(sorted(models)),
        terraform_usage=tuple((a, tuple(sorted(k))) for a, k in sorted(tf_usage.items())),
        models_need_usage=models_usage,
        kubernetes_usage=tuple(sorted(k8s_usage)),
    )


def _glob_for(file: str) -> str:
    path = PurePosixPath(file)
    parent = str(path.parent)
    suffix = path.suffix or ".yaml"
    return f"**/*{suffix}" if parent == "." else f"{parent}/**/*{suffix}"


def _q(value: str) -> str:
    """A YAML scalar that stays a string whatever it holds (JSON strings are YAML)."""
    return json.dumps(value, ensure_ascii=False)


def _flow(values: Iterable[str]) -> str:
    return "[" + ", ".join(_q(v) for v in values) + "]"


def template(found: Detected) -> str:
    """A fresh, commented config for what was found."""
    out = [
        "# finops-gate configuration (https://github.com/finops-gate/finops-gate#configuration).",
        "# On a pull request the gate reads this file from the BASE branch: a change cannot",
        "# loosen its own gate. Amounts are USD per month unless report.currency says otherwise.",
        "version: 1",
        "",
    ]
    out += _detected_comment(found)
    out += [
        "policies:",
        "  tags:",
        "    # every taggable resource carries these (GCP labels: finops_team; Kubernetes",
        "    # labels: finops/team, on the pod template for workloads)",
        f"    required: {_flow(TAG_KEYS)}",
        "    on_missing: warn  # fail: block the change until the tags are set",
        "  approval:",
        "    # above either threshold the change needs an engineering lead's approval",
        f"    monthly_increase: {MONTHLY_INCREASE}",
        f"    percent_increase: {PERCENT_INCREASE}",
        "    approvers:",
        "      # user names, or org/team (GitHub) and group paths (GitLab) of your leads",
        "      github: []",
        "      gitlab: []",
        "",
    ]
    out += _usage_stub_lines(found)
    return "\n".join(out).rstrip("\n") + "\n"


def _detected_comment(found: Detected) -> list[str]:
    lines = ["# Found in this repository (sources are auto-detected; list paths to narrow them):"]
    if not (found.terraform_dirs or found.kubernetes_paths or found.model_files):
        lines.append("#   nothing priceable yet: Terraform plans can be passed with --plan")
    lines.append("# sources:")
    if found.terraform_dirs:
        lines.append(f"#   terraform: {{dirs: {_flow(found.terraform_dirs)}}}")
    if found.kubernetes_paths:
        lines.append(f"#   kubernetes: {{paths: {_flow(found.kubernetes_paths)}}}")
    if found.model_files:
        lines.append(f"#   models: {{paths: {_flow(found.model_files)}}}")
    lines.append("")
    return lines


def _usage_stub_lines(found: Detected) -> list[str]:
    """Commented stubs: a cost that depends on usage stays out of the totals until it is given."""
    if not (found.terraform_usage or found.models_need_usage or found.kubernetes_usage):
        return []
    lines = [
        STUB_MARK,
        "# These costs depend on usage finops-gate cannot know. Fill in monthly figures and",
        "# uncomment; until then they are listed as 'depends on usage', never counted as $0.",
        "# usage:",
    ]
    if found.terraform_usage:
        lines += ["#   terraform:", "#     resource_usage:"]
        for address, keys in found.terraform_usage:
            lines.append(f"#       {_q(address)}:")
            lines += [f"#         {key}: " for key in keys] or ["#         {}"]
    if found.kubernetes_usage:
        lines.append("#   kubernetes:")
        lines += [f"#     {key}: " for key in found.kubernetes_usage]
    if found.models_need_usage:
        lines += [
            "#   models:",
            "#     default: {requests_per_month: , input_tokens: , output_tokens: }",
        ]
    return lines


def init(root: Path, *, force: bool = False, found: Detected | None = None) -> InitResult:
    """Write (or complete) ``root/.finops-gate.yml``; the result says what was done."""
    if not root.is_dir():
        raise UsageError(f"{root}: no such directory")
    path = root / CONFIG_NAME
    found = detect(root) if found is None else found
    fresh = template(found)
    if path.is_symlink() or (path.exists() and not path.is_file()):
        raise UsageError(f"{path}: not a regular file; remove it or pass another directory")
    if not path.exists() or force:
        _validate(fresh, path)
        action = "replaced" if path.exists() else "created"
        _write_atomic(path, fresh)
        return InitResult(path, fresh, action)
    try:
        current = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(
            f"{path}: cannot read it ({exc.__class__.__name__}); fix it or pass --force"
        ) from None
    text, added = complete(current, found, display=str(path))
    if not added:
        return InitResult(path, current, "unchanged")
    _validate(text, path)
    _write_atomic(path, text)
    return InitResult(path, text, "updated", added)


def complete(current: str, found: Detected, *, display: str) -> tuple[str, tuple[str, ...]]:
    """``current`` with only the missing keys added (comments, order and values kept)."""
    from ruamel.yaml import YAML
    from ruamel.yaml.comments import CommentedMap, CommentedSeq
    from ruamel.yaml.error import YAMLError

    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096
    try:
        doc = yaml.load(current)
    except YAMLError as exc:
        raise ConfigError(
            f"{display}: not valid YAML ({exc.__class__.__name__}); fix it or pass --force"
        ) from None
    if doc is None:
        doc = CommentedMap()
    if not isinstance(doc, CommentedMap):
        raise ConfigError(f"{display}: the top level is not a mapping; fix it or pass --force")
    added: list[str] = []

    def ensure(parent: CommentedMap, key: str, value: Any, where: str) -> Any:
        if key not in parent:
            parent[key] = value
            added.append(where)
        return parent[key]

    if "version" not in doc:
        doc.insert(0, "version", 1)
        added.append("version")
    policies = ensure(doc, "policies", CommentedMap(), "policies")
    if isinstance(policies, CommentedMap):
        tags = ensure(policies, "tags", CommentedMap(), "policies.tags")
        if isinstance(tags, CommentedMap):
            seq = CommentedSeq(TAG_KEYS)
            seq.fa.set_flow_style()
            ensure(tags, "required", seq, "policies.tags.required")
        approval = ensure(policies, "approval", CommentedMap(), "policies.approval")
        if isinstance(approval, CommentedMap) and not (
            "monthly_increase" in approval or "percent_increase" in approval
        ):
            approval["monthly_increase"] = MONTHLY_INCREASE
            approval["percent_increase"] = PERCENT_INCREASE
            added += ["policies.approval.monthly_increase", "policies.approval.percent_increase"]
    buf = io.StringIO()
    yaml.dump(doc, buf)
    text = buf.getvalue()
    missing = _missing_stubs(doc, found)
    if missing is not None and STUB_MARK not in current:
        stubs = _usage_stub_lines(missing)
        if stubs:
            text = text.rstrip("\n") + "\n\n" + "\n".join(stubs) + "\n"
            added.append("usage stubs (commented)")
    return text, tuple(added)


def _missing_stubs(doc: Any, found: Detected) -> Detected | None:
    """Only the stubs for usage the file does not give yet."""
    usage = _mapping(doc.get("usage") if hasattr(doc, "get") else None)
    given = _mapping(_mapping(usage.get("terraform")).get("resource_usage"))
    tf = tuple((a, k) for a, k in found.terraform_usage if a not in given)
    models = found.models_need_usage and not isinstance(usage.get("models"), dict)
    k8s = () if isinstance(usage.get("kubernetes"), dict) else found.kubernetes_usage
    if not (tf or models or k8s):
        return None
    return Detected(terraform_usage=tf, models_need_usage=models, kubernetes_usage=k8s)


def _mapping(value: Any) -> dict[Any, Any]:
    return value if isinstance(value, dict) else {}


def _validate(text: str, path: Path) -> None:
    """The file written must be one the gate accepts: a bug here is never the user's problem."""
    parse_settings(text, display=str(path))


def _write_atomic(path: Path, text: str) -> None:
    from finops_gate import outfile

    outfile.write(path, text)  # the one safe writer: atomic, a planted temp name cannot redirect it
