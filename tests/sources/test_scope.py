"""scope.closure: a changed file brings in its whole project, and nothing else; the tree lists
only those files, with the walk's rules; identical bytes are parsed once."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Sequence
from pathlib import Path

import pytest

from finops_gate.sources import terraform_hcl
from finops_gate.sources.scope import closure
from finops_gate.sources.sides import DirSides
from finops_gate.sources.tree import MAX_FILE_BYTES, Tree


class FakeSides:
    """Both sides as dicts of path -> text (the Sides protocol)."""

    def __init__(self, base: dict[str, str], head: dict[str, str]) -> None:
        self.sides = {"base": base, "head": head}

    def files(self, side: str) -> frozenset[str]:
        return frozenset(self.sides[side])

    def changed(self) -> frozenset[str]:
        base, head = self.sides["base"], self.sides["head"]
        return frozenset(r for r in base.keys() | head.keys() if base.get(r) != head.get(r))

    def symlinks(self) -> frozenset[str]:
        return frozenset()

    def read(self, side: str, rels: Iterable[str]) -> dict[str, bytes]:
        return {r: self.sides[side][r].encode() for r in rels if r in self.sides[side]}

    def grep(
        self, pattern: str, suffixes: Sequence[str], *, fixed: Sequence[str] = ()
    ) -> dict[str, list[str]]:
        regex = re.compile(pattern, re.MULTILINE)
        found: dict[str, list[str]] = {}
        for rel, text in self.sides["head"].items():
            if rel.endswith(tuple(suffixes)):
                hits = [m.group(0) for m in regex.finditer(text)]
                hits += [f for f in fixed if re.search(rf"(?<!\w){re.escape(f)}(?!\w)", text)]
                if hits:
                    found[rel] = hits
        return found


def _scope(base: dict[str, str], changes: dict[str, str | None]) -> set[str]:
    head = {**base, **{k: v for k, v in changes.items() if v is not None}}
    for rel in [k for k, v in changes.items() if v is None]:
        del head[rel]
    return set(closure(FakeSides(base, head)).files)


TF = {
    "live/a/main.tf": 'module "web" {\n  source = "../../modules/web"\n}\n',
    "live/a/terraform.tfvars": 'size = "m5.large"\n',
    "live/b/main.tf": 'module "web" {\n  source = "../../modules/web"\n}\n',
    "live/c/main.tf": 'resource "aws_instance" "x" {}\n',
    "modules/web/main.tf": 'module "disk" {\n  source = "./disk"\n}\n',
    "modules/web/disk/main.tf": 'resource "aws_ebs_volume" "d" {}\n',
    "modules/web/README.md": "docs\n",
}


def test_a_changed_module_brings_every_root_that_calls_it_and_their_modules() -> None:
    got = _scope(TF, {"modules/web/disk/main.tf": 'resource "aws_ebs_volume" "e" {}\n'})
    assert got == set(TF) - {"live/c/main.tf"}


def test_a_changed_root_brings_its_own_files_and_the_modules_it_calls_only() -> None:
    got = _scope(TF, {"live/a/terraform.tfvars": 'size = "m5.xlarge"\n'})
    assert got == {
        "live/a/main.tf",
        "live/a/terraform.tfvars",
        "modules/web/main.tf",
        "modules/web/README.md",
        "modules/web/disk/main.tf",
    }


def test_a_module_call_removed_in_the_head_still_reads_the_module_on_both_sides() -> None:
    got = _scope(TF, {"live/c/main.tf": 'module "m" {\n  source = "../../modules/web"\n}\n'})
    assert {"live/c/main.tf", "modules/web/main.tf", "modules/web/disk/main.tf"} <= got
    assert "live/a/main.tf" not in got


DEPLOY = "apiVersion: apps/v1\nkind: Deployment\n"
K8S = {
    "k8s/a.yaml": DEPLOY + "metadata: {name: api, namespace: shop}\n",
    "k8s/b.yaml": DEPLOY + "metadata: {name: worker, namespace: shop}\n",
    "k8s/hpa.yaml": "kind: HorizontalPodAutoscaler\nmetadata: {name: x}\n",
    "k8s/ns.yaml": "kind: Namespace\nmetadata: {name: shop}\n",
    "prod/api.yaml": DEPLOY + "metadata: {name: api, namespace: shop}\n",
    "ci/workflow.yaml": "on: push\njobs: {build: {runs-on: ubuntu-latest}}\n",
    "test/data/cluster.json": '{"name": "gke-1", "kind": "container#cluster"}\n',
    "base/kustomization.yaml": "resources: [deploy.yaml]\n",
    "base/deploy.yaml": "kind: Deployment\nmetadata: {name: svc}\n",
    "overlays/dev/kustomization.yaml": "resources: [../../base]\n",
    "overlays/prod/kustomization.yaml": "resources: [../../base]\n",
    "overlays/prod/patch.yaml": "replicas: 3\n",
    "chart/Chart.yaml": "name: c\n",
    "chart/templates/d.yaml": "kind: Deployment\n",
}


def test_a_manifest_brings_the_files_that_act_on_its_objects_or_copy_them() -> None:
    got = _scope(K8S, {"k8s/a.yaml": K8S["k8s/a.yaml"] + "spec: {replicas: 3}\n"})
    assert got == {"k8s/a.yaml", "k8s/hpa.yaml", "k8s/ns.yaml", "prod/api.yaml"}


@pytest.mark.parametrize(
    ("rel", "text"),
    [
        ("ci/workflow.yaml", "on: pull_request\njobs: {build: {runs-on: ubuntu-latest}}\n"),
        ("test/data/cluster.json", '{"name": "gke-1", "kind": "container#cluster", "size": 3}\n'),
    ],
)
def test_a_yaml_or_json_file_that_holds_no_object_brings_no_manifest(rel: str, text: str) -> None:
    """A CI workflow or a recorded API response is no Kubernetes object on either side: it
    acts on none, so the tree's HPAs, namespaces and same-named objects are not read for it."""
    assert _scope(K8S, {rel: text}) == {rel}
    # the same file becoming a manifest does bring them
    got = _scope(K8S, {rel: DEPLOY + "metadata: {name: api, namespace: shop}\n"})
    assert {"k8s/hpa.yaml", "k8s/ns.yaml", "k8s/a.yaml"} <= got


def test_a_kustomize_base_brings_every_overlay_over_it_whole() -> None:
    got = _scope(K8S, {"base/deploy.yaml": "kind: Deployment\nmetadata: {name: svc2}\n"})
    assert {
        "base/kustomization.yaml",
        "base/deploy.yaml",
        "overlays/dev/kustomization.yaml",
        "overlays/prod/kustomization.yaml",
        "overlays/prod/patch.yaml",
    } <= got
    assert not any(r.startswith("chart/") for r in got)


def test_an_overlay_brings_its_base_but_not_its_sibling() -> None:
    got = _scope(K8S, {"overlays/prod/patch.yaml": "replicas: 9\n"})
    assert {"overlays/prod/patch.yaml", "base/deploy.yaml"} <= got
    assert "overlays/dev/kustomization.yaml" not in got


def test_a_chart_template_brings_the_whole_chart() -> None:
    got = _scope(K8S, {"chart/templates/d.yaml": "kind: StatefulSet\n"})
    assert {"chart/Chart.yaml", "chart/templates/d.yaml"} <= got


def test_a_lock_file_change_brings_the_python_files_that_may_name_a_model() -> None:
    base = {
        "poetry.lock": '[[package]]\nname = "openai"\nversion = "1.0"\n',
        "app/llm.py": "from openai import OpenAI\nclient = OpenAI()\nmodel = 1\n",
        "app/util.py": "def f():\n    return 1\n",
        "config/chat.yaml": "model: gpt-4o\n",
    }
    got = _scope(base, {"poetry.lock": base["poetry.lock"].replace("1.0", "1.2")})
    assert got == {"poetry.lock", "app/llm.py"}
    # any other change reads the lock files too (a code site's default model follows them)
    assert _scope(base, {"config/chat.yaml": "model: gpt-4o-mini\n"}) == {
        "config/chat.yaml",
        "poetry.lock",
    }


def test_a_changed_file_a_tf_file_names_brings_its_directory_and_the_roots_over_it() -> None:
    files = {
        **TF,
        "modules/web/disk/main.tf": 'locals {\n  s = yamldecode(file("s.yaml"))\n}\n',
        "modules/web/disk/s.yaml": "size: 10\n",
        "docs/s.md": "docs\n",
    }
    roots = {"live/a/main.tf", "live/a/terraform.tfvars", "live/b/main.tf"}
    modules = {"modules/web/main.tf", "modules/web/README.md", "modules/web/disk/main.tf"}
    assert _scope(files, {"modules/web/disk/s.yaml": "size: 20\n"}) == roots | modules | {
        "modules/web/disk/s.yaml"
    }
    assert _scope(files, {"docs/s.md": "more\n"}) == {"docs/s.md"}


def test_a_changed_variable_file_below_a_root_brings_the_root_and_its_variable_files() -> None:
    files = {
        **TF,
        "live/c/envs/prod.tfvars": 'size = "m5.large"\n',
        "live/c/envs/dev.tfvars": 'size = "t3.micro"\n',
        "envs/global.tfvars": 'size = "x"\n',  # below no root
    }
    root = {"live/c/main.tf", "live/c/envs/prod.tfvars", "live/c/envs/dev.tfvars"}
    assert _scope(files, {"live/c/envs/prod.tfvars": 'size = "m5.xlarge"\n'}) == root
    assert _scope(files, {"live/c/main.tf": "# changed\n"}) == root
    assert _scope(files, {"envs/global.tfvars": 'size = "y"\n'}) == {"envs/global.tfvars"}


JSONNET = {
    "apps/web/main.jsonnet": '{ apiVersion: "v1", r: (import "shared.libsonnet").r }\n',
    "apps/web/lib.libsonnet": "{ cpu: 1 }\n",
    "lib/shared.libsonnet": "{ r: 2, c: importstr '../conf/c.txt' }\n",
    "conf/c.txt": "a\n",
    "conf/other.txt": "b\n",
    "README.md": "docs\n",
}


def test_a_changed_jsonnet_file_or_a_file_jsonnet_names_brings_every_jsonnet_file() -> None:
    every = {"apps/web/main.jsonnet", "apps/web/lib.libsonnet", "lib/shared.libsonnet"}
    assert _scope(JSONNET, {"lib/shared.libsonnet": "{ r: 3 }\n"}) == every
    assert _scope(JSONNET, {"conf/c.txt": "z\n"}) == every | {"conf/c.txt"}
    assert _scope(JSONNET, {"conf/other.txt": "z\n"}) == {"conf/other.txt"}


def test_a_deleted_file_is_read_from_the_base() -> None:
    assert _scope(TF, {"live/c/main.tf": None}) == {"live/c/main.tf"}


def test_the_tree_lists_only_wanted_files_by_the_walks_rules(tmp_path: Path) -> None:
    for rel in (
        "a/main.tf",
        "a/.terraform/modules/x.tf",
        "venv/lib/x.tf",
        "b/c.yaml",
        "b/skip.yaml",
    ):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("x\n")
    (tmp_path / "venv" / "pyvenv.cfg").write_text("home = /usr\n")
    os.symlink(tmp_path / "b", tmp_path / "linked")
    os.mkfifo(tmp_path / "b" / "pipe.yaml")
    wanted = {
        "a/main.tf",
        "a/.terraform/modules/x.tf",
        "venv/lib/x.tf",
        "linked/c.yaml",
        "b/pipe.yaml",
        "b/skip.yaml",
        "gone.tf",
    }
    full = Tree(tmp_path, exclude=("b/skip.yaml",))
    only = Tree(tmp_path, exclude=("b/skip.yaml",), only=frozenset(wanted))
    assert only.files() == [r for r in full.files() if r in wanted]
    assert only.files() == ["a/main.tf", "b/pipe.yaml"]
    assert set(only.skipped) <= set(full.skipped)
    assert "venv/: a Python virtualenv, skipped" in only.skipped


def test_two_trees_compare_byte_for_byte_and_a_fifo_counts_as_changed(tmp_path: Path) -> None:
    base, head = tmp_path / "base", tmp_path / "head"
    for side in (base, head):
        side.mkdir()
        (side / "same.tf").write_text("a = 1\n")
    (base / "edit.tf").write_text("a = 1\n")
    (head / "edit.tf").write_text("a = 2\n")
    (base / "pipe.yaml").write_text("x: 1\n")
    os.mkfifo(head / "pipe.yaml")
    (head / "new.tf").write_text("b = 1\n")
    sides = DirSides(Tree(base), Tree(head), limit=MAX_FILE_BYTES)
    assert sides.changed() == {"edit.tf", "pipe.yaml", "new.tf"}


def test_a_file_with_the_same_bytes_on_both_sides_is_parsed_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import hcl2

    parsed: list[str] = []
    real = hcl2.loads

    def counting(text: str) -> object:
        parsed.append(text)
        return real(text)

    monkeypatch.setattr(hcl2, "loads", counting)
    monkeypatch.setattr(terraform_hcl, "_PARSED", {})
    monkeypatch.setattr(terraform_hcl, "_MODULES", {})
    base, head = tmp_path / "base", tmp_path / "head"
    files = {
        "variables.tf": 'variable "only_here" { default = "t3.micro" }\n',
        "main.tf": 'resource "aws_instance" "app" {\n  instance_type = var.only_here\n}\n',
    }
    for side in (base, head):
        side.mkdir()
        for name, text in files.items():
            (side / name).write_text(text)
    (head / "main.tf").write_text(files["main.tf"].replace("app", "web"))
    from finops_gate.config import Settings

    terraform_hcl.load(Tree(base), Settings())
    terraform_hcl.load(Tree(head), Settings())
    assert len(parsed) == 3  # variables.tf once, main.tf of each side
