"""sources.load_sides: a change whose projects hold only HCL (``.tf``, ``.tfvars``) is read by the
Terraform source alone; the others would find nothing there, and are not even imported."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from finops_gate.config import Settings
from finops_gate.sources import k8s_render, kubernetes, load_sides, models, scope
from finops_gate.sources.tree import Tree

# HCL that quotes what the other sources look for: a model setting, a manifest in a heredoc
HCL = {
    "ai/main.tf": (
        'variable "model" { default = "gpt-4o" }\n'
        'resource "kubernetes_manifest" "web" {\n'
        "  manifest = yamldecode(<<EOT\n"
        "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\n"
        "spec: {replicas: 3}\nEOT\n  )\n}\n"
    ),
    "ai/terraform.tfvars": 'model = "gpt-4-turbo"\nmax_tokens = 4000\n',
    "ai/deploy.auto.tfvars": "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: x}\n",
}


def _tree(root: Path, files: dict[str, str]) -> Tree:
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    return Tree(root)


def test_the_other_sources_find_nothing_in_hcl_files(tmp_path: Path) -> None:
    tree = _tree(tmp_path, HCL)
    assert kubernetes.load(tree, Settings()) == []
    assert models.load(tree, Settings()) == []
    assert tree.unreadable == {} and tree.skipped == []


def test_hcl_only_sides_skip_the_other_sources_and_a_configured_path_does_not(
    tmp_path: Path,
) -> None:
    base, head = _tree(tmp_path / "b", HCL), _tree(tmp_path / "h", HCL)
    assert load_sides("models", base, head, Settings()) == ([], [])
    assert load_sides("kubernetes", base, head, Settings()) == ([], [])
    yaml_too = _tree(tmp_path / "y", {**HCL, "k8s/web.yaml": HCL["ai/deploy.auto.tfvars"]})
    _, found = load_sides("kubernetes", base, yaml_too, Settings())
    assert [r.address for r in found] == ["Deployment/default/x"]


def test_scope_knows_every_kustomization_name() -> None:
    assert scope.KUSTOMIZATION_NAMES == k8s_render.KUSTOMIZATION_NAMES


def test_a_terraform_only_change_imports_no_other_source(tmp_path: Path) -> None:
    valid = {rel: text for rel, text in HCL.items() if rel != "ai/deploy.auto.tfvars"}
    base, head = _tree(tmp_path / "b", valid), _tree(tmp_path / "h", valid)
    (head.root / "ai" / "terraform.tfvars").write_text('model = "gpt-4o-mini"\n')
    b, h = str(base.root), str(head.root)
    code = (
        "import sys\n"
        "from finops_gate.cli import main\n"
        "try:\n"
        f"    main(['check', {h!r}, '--base', {b!r}, '--head', {h!r},"
        " '--format', 'json', '--out', sys.argv[1]])\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(sorted(m for m in sys.modules if m in ("
        "'finops_gate.sources.models', 'finops_gate.sources.kubernetes')))\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path / "r.json")],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert proc.stdout.strip().splitlines()[-1] == "[]", proc.stderr
    assert (tmp_path / "r.json").is_file(), proc.stdout + proc.stderr


def test_the_models_source_keeps_no_parsed_file_once_both_sides_are_read(tmp_path: Path) -> None:
    """Files the same on both sides are parsed once (a memo by content); once the sides are
    read the memo is dropped, so what a setting's file parsed to (its attributes, dropped from
    a rendered report once priced) is not held to the end of a whole tree's check."""
    from finops_gate.sources import model_code_tree

    sides = []
    for name in ("base", "head"):
        root = tmp_path / name
        (root / "svc").mkdir(parents=True)
        (root / "svc" / "config.yaml").write_text("assistant:\n  model: gpt-4o-mini\n")
        (root / "app.py").write_text("client.chat.completions.create(model='gpt-4o')\n")
        sides.append(Tree(root))
    before, after = load_sides("models", sides[0], sides[1], Settings())
    assert {r.address for r in after} >= {"svc/config.yaml#assistant.model"}
    assert before == after
    assert not models._MEMO
    assert not model_code_tree._MEMO


def _imported_after_check(tmp_path: Path, base: Tree, head: Tree) -> tuple[list[str], str]:
    b, h, out = str(base.root), str(head.root), str(tmp_path / "r.json")
    code = (
        "import sys\n"
        "from finops_gate.cli import main\n"
        "try:\n"
        f"    main(['check', {h!r}, '--base', {b!r}, '--head', {h!r},"
        f" '--format', 'json', '--out', {out!r}])\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(','.join(sorted(m for m in sys.modules if 'sources.model_code' in m)))\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=120
    )
    last = proc.stdout.splitlines()[-1] if proc.stdout else proc.stderr
    return [m for m in last.split(",") if m], (tmp_path / "r.json").read_text()


def test_a_change_without_source_code_does_not_load_the_code_scanners(tmp_path: Path) -> None:
    """A change of manifests and config files finds its model settings without the source-code
    parsers (a tenth of a second to import); a change holding source code still uses them."""
    config = {"svc/config.yaml": "assistant:\n  model: gpt-4o-mini\n"}
    base = _tree(tmp_path / "b", config)
    head = _tree(tmp_path / "h", {"svc/config.yaml": "assistant:\n  model: gpt-4-turbo\n"})
    loaded, report = _imported_after_check(tmp_path, base, head)
    assert loaded == []
    assert "svc/config.yaml#assistant.model" in report and "gpt-4-turbo" in report

    (head.root / "app.py").write_text("client.chat.completions.create(model='gpt-4o')\n")
    loaded, report = _imported_after_check(tmp_path, base, head)
    assert "finops_gate.sources.model_code_tree" in loaded
    assert "app.py" in report
