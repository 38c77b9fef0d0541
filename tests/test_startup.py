"""Start-up: a run imports what its inputs need, nothing more (issue 18; bench/bench_startup.py
measures the time). A plan of AWS resources reported as JSON never loads the templates, the
schema validator, YAML, the other clouds' mappers, the Kubernetes or model pricers, or the
readers of source trees."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

TINY = {
    "format_version": "1.2",
    "resource_changes": [
        {
            "address": "aws_instance.web",
            "mode": "managed",
            "type": "aws_instance",
            "name": "web",
            "provider_name": "registry.terraform.io/hashicorp/aws",
            "change": {
                "actions": ["create"],
                "before": None,
                "after": {
                    "ami": "ami-0abc",
                    "instance_type": "t3.medium",
                    "tags": {"finops:team": "web"},
                },
                "after_unknown": {"id": True},
            },
        }
    ],
    # the AMI lookup the plan read: the instance is billed as Linux for a fact, not an assumption
    "prior_state": {
        "values": {
            "root_module": {
                "resources": [
                    {
                        "address": "data.aws_ami.linux",
                        "mode": "data",
                        "type": "aws_ami",
                        "name": "linux",
                        "values": {"id": "ami-0abc", "platform_details": "Linux/UNIX"},
                    }
                ]
            }
        }
    },
    "configuration": {
        "provider_config": {
            "aws": {"name": "aws", "expressions": {"region": {"constant_value": "us-east-1"}}}
        },
        "root_module": {
            "resources": [
                {
                    "address": "aws_instance.web",
                    "mode": "managed",
                    "type": "aws_instance",
                    "name": "web",
                    "provider_config_key": "aws",
                    "expressions": {
                        "ami": {"references": ["data.aws_ami.linux.id", "data.aws_ami.linux"]}
                    },
                }
            ]
        },
    },
}

# run the CLI in a fresh interpreter and list the modules it loaded, and the dataclasses of
# finops_gate whose docstring the dataclass decorator had to make up (see the test below)
_PROBE = """
import dataclasses, json, sys
from finops_gate.cli import main
sys.argv = ["finops-gate", *sys.argv[2:]]
try:
    main()
except SystemExit as exc:
    code = exc.code
made_up = sorted(
    f"{name}.{cls.__qualname__}"
    for name, module in list(sys.modules.items())
    if name.startswith("finops_gate")
    for cls in vars(module).values()
    if isinstance(cls, type) and dataclasses.is_dataclass(cls) and cls.__module__ == name
    and (cls.__doc__ or "").startswith(cls.__name__ + "(")
)
with open(OUT, "w") as handle:
    json.dump(
        {
            "code": code,
            "modules": sorted(sys.modules),
            "made_up": made_up,
            "commands": sorted(main.commands),
        },
        handle,
    )
"""

NOT_NEEDED = (
    "jinja2",
    "jsonschema",
    "yaml",
    "hcl2",
    "lark",
    "finops_gate.estimate.azure",
    "finops_gate.estimate.gcp",
    "finops_gate.estimate.kubernetes",
    "finops_gate.estimate.models",
    "finops_gate.catalogs.llm",
    "finops_gate.estimate.fx",  # a USD report converts nothing
    "finops_gate.report.render",
    "finops_gate.report.sarif",
    "finops_gate.report.sections",  # no projects, services, assumptions or exchange rate
    # no budgets, exemptions or usage.services configured
    "finops_gate.policies.budgets",
    "finops_gate.policies.exemptions",
    "finops_gate.policies.services",
    # no Kubernetes object nor AI-model call site in the change
    "finops_gate.policies.kubernetes",
    "finops_gate.policies.unpinned",
    "finops_gate.policies.per_request",  # no side priced per request, no limit configured
    "finops_gate.sources.terraform_hcl",
    "finops_gate.sources.kubernetes",
    "finops_gate.sources.models",
    "finops_gate.sources.model_code",
    "finops_gate.publish.github",
    "finops_gate.publish.gitlab",
    "finops_gate.sources.tree",
    "finops_gate.changes",  # base and head resources matched: a plan is already a change
    # the AMI names and SSM parameters: the plan's AMI lookup tells the platform itself
    "finops_gate.sources.aws_ami",
    # the AWS mappers of the types the plan does not hold (each is imported by its first use)
    "finops_gate.estimate.aws.rds_instance",
    "finops_gate.estimate.aws.s3_bucket",
    "finops_gate.estimate.aws.lambda_function",
    "finops_gate.estimate.aws.dynamodb_table",
    "finops_gate.estimate.aws.load_balancer",
    "finops_gate.estimate.aws.autoscaling_group",
    "finops_gate.estimate.aws.reserved",  # no usage file: no reservation
    # outside a git repository no git process is started; the report is written without
    # tempfile (and the shutil, bz2, lzma and random behind it); did-you-mean only when needed
    "subprocess",
    "tempfile",
    "shutil",
    "difflib",
    # catalogs are hashed by the interpreter's own sha256, not OpenSSL's (catalogs/files.py)
    "hashlib",
    "_hashlib",
)


def _probe(tmp_path: Path, *args: str) -> dict[str, Any]:
    out = tmp_path / "modules.json"
    code = _PROBE.replace("OUT", repr(str(out)))
    subprocess.run([sys.executable, "-c", code, "-", *args], check=True, cwd=tmp_path)
    data: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    return data


def _loaded(tmp_path: Path, *args: str) -> tuple[int, set[str]]:
    data = _probe(tmp_path, *args)
    return data["code"], set(data["modules"])


def _tiny_run(tmp_path: Path) -> list[str]:
    plan = tmp_path / "tiny.json"
    plan.write_text(json.dumps(TINY), encoding="utf-8")
    return ["check", str(tmp_path), "--plan", str(plan), "--format", "json"]


def test_a_json_run_on_an_aws_plan_imports_only_what_it_needs(tmp_path: Path) -> None:
    plan = tmp_path / "tiny.json"
    plan.write_text(json.dumps(TINY), encoding="utf-8")
    report = tmp_path / "report.json"
    code, modules = _loaded(
        tmp_path, "check", str(tmp_path), "--plan", str(plan), "--format", "json",
        "--out", str(report),
    )  # fmt: skip
    assert code in (0, 1)
    # the run did price the instance (so the probe saw a real run, not an early exit)
    row = json.loads(report.read_text(encoding="utf-8"))["resources"][0]
    assert row["status"] == "priced" and row["monthly_after"] not in (None, "0")
    assert "finops_gate.estimate.aws.ec2_instance" in modules
    loaded = sorted(m for m in modules if any(m == n or m.startswith(n + ".") for n in NOT_NEEDED))
    assert loaded == []


def test_other_clouds_and_free_lists_load_when_a_plan_needs_them(tmp_path: Path) -> None:
    """The same laziness never changes a verdict: a free type (its list read on demand) and
    an Azure type in one plan are still free and priced."""
    from finops_gate.config import Settings
    from finops_gate.estimate.engine import price_side
    from finops_gate.model import Resource, Status

    free = price_side(Resource("aws_iam_role.r", "terraform", "aws_iam_role", "aws"), Settings())
    utility = price_side(Resource("random_id.r", "terraform", "random_id", "random"), Settings())
    disk = Resource(
        "azurerm_managed_disk.d",
        "terraform",
        "azurerm_managed_disk",
        "azurerm",
        "eastus",
        attributes={"storage_account_type": "Premium_LRS", "disk_size_gb": 128},
    )
    assert free.status is Status.FREE and utility.status is Status.FREE
    assert price_side(disk, Settings()).status is Status.PRICED


def test_a_type_is_either_mapped_or_free_never_both() -> None:
    """Pricing looks the mapper up first and reads the free lists only for a type without one:
    that order is the old one (free first) only while no type is in both."""
    from finops_gate.estimate import terraform

    assert set(terraform.MAPPERS) & terraform.FREE == set()


def test_the_pricer_looks_for_joined_resources_under_the_readers_key() -> None:
    """The AWS join (autoscaling targets) is imported only for a resource that carries joined
    values, found under the key the readers write them to."""
    from finops_gate.estimate import terraform
    from finops_gate.estimate.aws import _common
    from finops_gate.sources import terraform_links

    assert terraform._LINKS == terraform_links.LINK_KEY == _common.LINK_KEY


def test_a_check_run_makes_no_other_command_and_the_help_lists_them_all(tmp_path: Path) -> None:
    """The commands besides ``check`` (their forty options) are made when a command line names
    one or asks for the list (``cli._Group``), so the help and the errors are as before."""
    data = _probe(tmp_path, *_tiny_run(tmp_path), "--out", str(tmp_path / "r.json"))
    assert data["code"] in (0, 1) and data["commands"] == ["check"]
    every = ["check", "comment", "init", "pricing"]
    assert _probe(tmp_path, "--help")["commands"] == every
    assert _probe(tmp_path, "init", "--help")["commands"] == every
    from click.testing import CliRunner

    from finops_gate.cli import main

    listed = CliRunner().invoke(main, ["--help"]).output
    assert all(f"  {name} " in listed for name in every)
    wrong = CliRunner().invoke(main, ["pricng"])
    assert wrong.exit_code == 2 and "Did you mean 'pricing'?" in wrong.output


def test_no_dataclass_of_a_plan_run_has_its_docstring_made_up(tmp_path: Path) -> None:
    """A dataclass without a docstring gets one made from ``inspect.signature`` of the class
    when it is built, about a tenth of its build cost, for every class on every run: each one
    a run loads says what it is instead."""
    data = _probe(tmp_path, *_tiny_run(tmp_path), "--out", str(tmp_path / "r.json"))
    assert data["made_up"] == []


def test_a_run_outside_a_git_repository_finds_none_without_asking_git(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from finops_gate import gitrefs

    monkeypatch.delenv("GIT_DIR", raising=False)
    outside = tmp_path / "plain" / "dir"
    outside.mkdir(parents=True)
    if any((p / ".git").exists() for p in (outside, *outside.parents)):
        pytest.skip("the temporary directory is inside a git repository")
    started: list[object] = []
    monkeypatch.setattr(gitrefs.Pending, "__init__", lambda *a, **k: started.append(a))
    assert gitrefs.repo_root(outside) is None and started == []


@pytest.mark.parametrize("how", ["directory", "worktree file", "symlink into it", "GIT_DIR"])
def test_a_repository_is_still_found_however_it_is_reached(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    """The shortcut above never hides a repository: a ``.git`` directory or file up the tree
    (a worktree, a submodule), a directory reached through a symlink, ``GIT_DIR``."""
    from finops_gate import gitrefs

    repo = tmp_path / "repo"
    (repo / "sub").mkdir(parents=True)
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    monkeypatch.delenv("GIT_DIR", raising=False)
    where = repo / "sub"
    if how == "worktree file":
        subprocess.run(
            ["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@t", "commit",
             "-q", "--allow-empty", "-m", "c"], check=True,
        )  # fmt: skip
        subprocess.run(
            ["git", "-C", str(repo), "worktree", "add", "-q", str(tmp_path / "wt")], check=True
        )
        (tmp_path / "wt" / "sub").mkdir()
        where, repo = tmp_path / "wt" / "sub", tmp_path / "wt"
        assert (repo / ".git").is_file()
    elif how == "symlink into it":
        where = tmp_path / "link"
        where.symlink_to(repo / "sub", target_is_directory=True)
    elif how == "GIT_DIR":
        where = tmp_path / "elsewhere"
        where.mkdir()
        monkeypatch.setenv("GIT_DIR", str(repo / ".git"))
        monkeypatch.setenv("GIT_WORK_TREE", str(repo))
    found = gitrefs.repo_root(where)
    assert found is not None and found.resolve() == repo.resolve()


def _without_ami(plan: dict[str, Any]) -> dict[str, Any]:
    """The plan of bench/bench_startup.py: the instance's AMI is not in it, so the report
    assumes its operating system (and loads its assumptions section)."""
    out = json.loads(json.dumps(plan))
    out.pop("prior_state", None)
    out["resource_changes"][0]["change"]["after"].pop("ami", None)
    out["configuration"]["root_module"]["resources"][0].pop("expressions", None)
    return out


@pytest.mark.parametrize("shape", ["the AMI in the plan", "an assumed operating system"])
def test_a_plan_run_compiles_no_dataclass_method(tmp_path: Path, shape: str) -> None:
    """``@dataclass`` compiles six methods per frozen class when the class is built, a third of
    a small run (finops_gate/frozen.py); the classes a plan run loads are ``@frozen``, which
    compiles a method only where a run calls it often."""
    code = (
        "import builtins, sys\n"
        "sources = []\n"
        "original = builtins.exec\n"
        "def counted(source, *a, **k):\n"
        "    if isinstance(source, str):\n"
        "        sources.append(source.split('(')[0])\n"
        "    return original(source, *a, **k)\n"
        "builtins.exec = counted\n"
        "from finops_gate.cli import main\n"
        "sys.argv = ['finops-gate', *sys.argv[1:]]\n"
        "try:\n"
        "    main()\n"
        "except SystemExit:\n"
        "    pass\n"
        "print('\\n'.join(sources))\n"
    )
    args = [*_tiny_run(tmp_path), "--out", str(tmp_path / "r.json")]
    if shape != "the AMI in the plan":
        plan = tmp_path / "tiny.json"
        plan.write_text(json.dumps(_without_ami(TINY)), encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, cwd=tmp_path,
        check=True,
    )  # fmt: skip
    report = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert bool(report.get("assumptions")) is (shape != "the AMI in the plan")
    compiled = proc.stdout.split("\n")
    assert "def __create_fn__" not in compiled  # how dataclasses compiles each method
    # nor __init__: a run builds each class a few times, below frozen.WARM_CALLS
    assert compiled.count("def __init__") < 5
    assert json.loads((tmp_path / "r.json").read_text())["resources"][0]["status"] == "priced"


def test_every_dataclass_of_the_package_says_what_it_is() -> None:
    """The same for the dataclasses of the other modes (trees, Kubernetes, models, publishing):
    each says what it is, so none has its docstring made up at start-up."""
    import ast

    package = Path(__file__).resolve().parent.parent / "finops_gate"
    undocumented = []
    for path in sorted(package.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.ClassDef) or ast.get_docstring(node) is not None:
                continue
            for deco in node.decorator_list:
                target = deco.func if isinstance(deco, ast.Call) else deco
                if getattr(target, "id", getattr(target, "attr", None)) in ("dataclass", "frozen"):
                    undocumented.append(f"{path.relative_to(package)}:{node.lineno} {node.name}")
    assert undocumented == []


def test_a_run_with_a_config_file_checks_it_without_importing_jsonschema(tmp_path: Path) -> None:
    """Nearly every repository has a .finops-gate.yml: its schema is checked by
    config_schema.py (held to jsonschema by tests/test_config_schema.py), not by jsonschema,
    whose import costs more than the rest of a small run."""
    (tmp_path / ".finops-gate.yml").write_text(
        "version: 1\npolicies:\n  approval: {monthly_increase: 1}\n", encoding="utf-8"
    )
    report = tmp_path / "r.json"
    code, modules = _loaded(tmp_path, *_tiny_run(tmp_path), "--out", str(report))
    doc = json.loads(report.read_text(encoding="utf-8"))
    assert code == 1 and doc["verdict"] == "approval_required"  # the config was applied
    assert "yaml" in modules and "jsonschema" not in modules


def test_a_config_that_breaks_the_schema_is_still_exit_2_naming_the_key(tmp_path: Path) -> None:
    (tmp_path / ".finops-gate.yml").write_text(
        "version: 1\npolicies:\n  approval: {monthly_increse: 1}\n", encoding="utf-8"
    )
    plan = tmp_path / "tiny.json"
    plan.write_text(json.dumps(TINY), encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "finops_gate.cli", "check", str(tmp_path), "--plan", str(plan)],
        capture_output=True, text=True, cwd=tmp_path, check=False,
    )  # fmt: skip
    assert proc.returncode == 2 and "policies.approval.monthly_increse" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_markdown_and_table_runs_compile_no_template(tmp_path: Path) -> None:
    """The templates are rendered from the modules compiled from them ahead (report/loader.py):
    compiling them costs more than the rest of a small run."""
    plan = tmp_path / "tiny.json"
    plan.write_text(json.dumps(TINY), encoding="utf-8")
    code = (
        "import sys, jinja2\n"
        "compiled = []\n"
        "original = jinja2.Environment.compile\n"
        "def counted(self, *a, **k):\n"
        "    compiled.append(1)\n"
        "    return original(self, *a, **k)\n"
        "jinja2.Environment.compile = counted\n"
        "from finops_gate.cli import main\n"
        "sys.argv = ['finops-gate', *sys.argv[1:]]\n"
        "try:\n"
        "    main()\n"
        "except SystemExit:\n"
        "    pass\n"
        "print('compiled', len(compiled))\n"
    )
    for fmt in ("markdown", "table"):
        out = tmp_path / f"r.{fmt}"
        args = ["check", str(tmp_path), "--plan", str(plan), "--format", fmt, "--out", str(out)]
        proc = subprocess.run(
            [sys.executable, "-c", code, *args], capture_output=True, text=True, cwd=tmp_path,
            check=True,
        )  # fmt: skip
        assert proc.stdout.split() == ["compiled", "0"] and "30.37" in out.read_text()


def test_an_aws_plan_reads_the_aws_catalog_alone(tmp_path: Path) -> None:
    """Catalog files are read per cloud (and per region where a version is split): a plan of
    AWS resources reads no Azure, Google, Kubernetes or model catalog."""
    plan = tmp_path / "tiny.json"
    plan.write_text(json.dumps(TINY), encoding="utf-8")
    code = (
        "import pathlib, sys\n"
        "read = []\n"
        "original = pathlib.Path.open\n"
        "def recorded(self, *args, **kwargs):\n"
        "    read.append(str(self))\n"
        "    return original(self, *args, **kwargs)\n"
        "pathlib.Path.open = recorded\n"
        "from finops_gate.cli import main\n"
        "sys.argv = ['finops-gate', *sys.argv[1:]]\n"
        "try:\n"
        "    main()\n"
        "except SystemExit:\n"
        "    pass\n"
        "print('\\n'.join(read))\n"
    )
    args = ["check", str(tmp_path), "--plan", str(plan), "--format", "json", "--out", "r.json"]
    proc = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, cwd=tmp_path,
        check=True,
    )  # fmt: skip
    catalogs = [p for p in proc.stdout.split() if p.endswith(".json") and "pricing/" in p]
    assert catalogs and all("pricing/aws/" in p for p in catalogs)


def _commit_repo(repo: Path, files: dict[str, str]) -> None:
    subprocess.run(["git", "init", "-q", "-b", "main", str(repo)], check=True)
    for rel, text in files.items():
        (repo / rel).parent.mkdir(parents=True, exist_ok=True)
        (repo / rel).write_text(text, encoding="utf-8")
    subprocess.run(["git", "-C", str(repo), "add", "-A"], check=True)
    subprocess.run(
        ["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q",
         "-m", "base"], check=True,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("sub", "files"),
    [  # the text of each file says which it is
        ("a/b", {"a/b/.finops-gate.yml": "near", "a/.finops-gate.yml": "mid",
                 ".finops-gate.yml": "top"}),
        ("a/b", {"a/x": "", ".finops-gate.yml": "top only"}),
        ("a/b", {"a/b/x": ""}),  # none at all
        ("a/b", {"a/b/.finops-gate.yml/x": "", ".finops-gate.yml": "a directory in the way"}),
        ("a/b c", {"a/b c/.finops-gate.yml": "space", "a/.finops-gate.yml": "mid"}),
        ("a/b\nc", {"a/b\nc/.finops-gate.yml": "newline", ".finops-gate.yml": "top"}),
    ],
)  # fmt: skip
def test_the_base_config_found_in_one_git_process_is_the_one_found_file_by_file(
    tmp_path: Path, sub: str, files: dict[str, str]
) -> None:
    """``read_first`` asks one ``git cat-file --batch`` what ``read_file`` asked one ``git show``
    per candidate: the same file wins, with the same text, whatever the names hold."""
    from finops_gate import gitrefs

    repo = tmp_path / "repo"
    _commit_repo(repo, files)
    candidates = [f"{sub}/.finops-gate.yml", "a/.finops-gate.yml", ".finops-gate.yml"]
    one_by_one = next(
        ((rel, text) for rel in candidates if (text := gitrefs.read_file(repo, "HEAD", rel))),
        None,
    )
    assert gitrefs.read_first(repo, "HEAD", candidates) == one_by_one


def test_a_plan_run_in_a_subdirectory_asks_git_four_questions(tmp_path: Path) -> None:
    """Where the top level is, the default branch, the merge-base, the base's config (one
    process for every directory up to the top): the top level is asked once per run."""
    repo = tmp_path / "repo"
    _commit_repo(repo, {"deep/er/x": "", ".finops-gate.yml": "version: 1\n"})
    plan = repo / "deep" / "er" / "tiny.json"
    plan.write_text(json.dumps(TINY), encoding="utf-8")
    code = (
        "import os, sys\n"
        "asked = []\n"
        "original = os.posix_spawnp\n"
        "def counted(path, args, *a, **k):\n"
        "    asked.append(args[3])\n"
        "    return original(path, args, *a, **k)\n"
        "os.posix_spawnp = counted\n"
        "from finops_gate.cli import main\n"
        "sys.argv = ['finops-gate', *sys.argv[1:]]\n"
        "try:\n"
        "    main()\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(' '.join(asked))\n"
    )
    out = tmp_path / "r.json"
    args = ["check", "deep/er", "--plan", str(plan), "--format", "json", "--out", str(out)]
    proc = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, cwd=repo,
        check=True,
    )  # fmt: skip
    assert proc.stdout.split() == ["rev-parse", "for-each-ref", "merge-base", "cat-file"]
    assert json.loads(out.read_text(encoding="utf-8"))["config"]["origin"] == "base"


def test_a_plan_run_inside_a_repository_asks_git_without_importing_subprocess(
    tmp_path: Path,
) -> None:
    """The four questions to git are asked without ``subprocess`` (and the ``signal`` and
    ``selectors`` behind it): importing them cost more than asking (gitrefs.Pending)."""
    repo = tmp_path / "repo"
    _commit_repo(repo, {".finops-gate.yml": "version: 1\n"})
    report = tmp_path / "r.json"
    plan = tmp_path / "tiny.json"
    plan.write_text(json.dumps(TINY), encoding="utf-8")
    args = ["check", str(repo), "--plan", str(plan), "--format", "json", "--out", str(report)]
    code, modules = _loaded(tmp_path, *args)
    assert code in (0, 1)
    assert json.loads(report.read_text(encoding="utf-8"))["config"]["origin"] == "base"
    assert not {"subprocess", "signal", "selectors"} & modules


def test_a_process_run_freezes_what_it_imported_an_in_process_caller_never(
    tmp_path: Path,
) -> None:
    """The command line of a process: what it loaded is taken out of the collector's full
    passes (cli._settle_imports). A caller running the CLI in its own process (these tests)
    keeps its garbage collectable."""
    import gc

    from click.testing import CliRunner

    from finops_gate.cli import main

    args = [*_tiny_run(tmp_path), "--out", str(tmp_path / "r.json")]
    before = gc.get_freeze_count()
    result = CliRunner().invoke(main, args)
    assert result.exit_code in (0, 1) and gc.get_freeze_count() == before
    code = (
        "import gc, sys\n"
        "from finops_gate.cli import main\n"
        "sys.argv = ['finops-gate', *sys.argv[1:]]\n"
        "try:\n"
        "    main()\n"
        "except SystemExit as exc:\n"
        "    print(exc.code, gc.get_freeze_count() > 1000)\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, cwd=tmp_path,
        check=True,
    )  # fmt: skip
    assert proc.stdout.split() in (["0", "True"], ["1", "True"])


_COLLECTIONS = """
import gc, sys
if sys.argv[1] == "off":
    gc.disable()
passes = []

def record(phase, info):
    if phase == "start":
        passes.append(info["generation"])

gc.callbacks.append(record)
from finops_gate import cli
during = len(passes)
junk = [[] for _ in range(5000)]  # allocations after the import: a pass over the young only
print(during, gc.isenabled(), gc.get_freeze_count(), max(passes) if passes else -1)
"""


@pytest.mark.parametrize("collector", ["on", "off"])
def test_importing_the_command_line_runs_no_collection_and_leaves_the_collector_as_found(
    tmp_path: Path, collector: str
) -> None:
    """The modules are imported with the collector paused (finops_gate/startup.py): no pass
    walks them while they are made, nor right after; the collector is then as it was, nothing
    is left frozen (what the process imported is frozen by the one command it runs).
    Measured with the modules' bytecode cached, as an installed command runs: compiling them
    makes objects of its own (where PYTHONDONTWRITEBYTECODE is set, as in many CI images, a
    first run in a cache of the test's own writes it)."""
    env = {**os.environ, "PYTHONPYCACHEPREFIX": str(tmp_path / "pycache")}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    warm = [sys.executable, "-c", "from finops_gate import cli"]
    subprocess.run(warm, capture_output=True, cwd=tmp_path, env=env, check=True)
    proc = subprocess.run(
        [sys.executable, "-c", _COLLECTIONS, collector], capture_output=True, text=True,
        cwd=tmp_path, check=True, env=env,
    )  # fmt: skip
    during, enabled, frozen, oldest = proc.stdout.split()
    # (at most the young passes while the code of cli.py is loaded, before it pauses them)
    assert int(during) <= 2 and (enabled, frozen) == (str(collector == "on"), "0")
    assert oldest in ("-1", "0")  # after: passes over the young alone, none over the imports


_ENDING = """
import atexit, os, sys
ended = []
real_exit = os._exit

def recorded(code):
    ended.append(code)
    sys.stderr.write(f"ended {code}\\n")
    sys.stderr.flush()
    real_exit(code)

os._exit = recorded
atexit.register(lambda: sys.stderr.write("handler ran\\n"))
from finops_gate.cli import run
sys.argv = ["finops-gate", *sys.argv[1:]]
run()
"""


@pytest.mark.parametrize("config", ["none", "blocking"])
def test_a_process_ends_without_tearing_down_after_its_handlers_and_its_output(
    tmp_path: Path, config: str
) -> None:
    """The process that ran its one command (the ``finops-gate`` script, ``cli.run``) ends with
    ``os._exit`` (cli._end_process): its exit code, its exit handlers run, its whole output
    written (a report on stdout). A caller of ``main`` gets its ``SystemExit`` (the probes
    above)."""
    if config == "blocking":
        (tmp_path / ".finops-gate.yml").write_text(
            "version: 1\npolicies:\n  approval: {monthly_increase: 1}\n", encoding="utf-8"
        )
    args = _tiny_run(tmp_path)
    proc = subprocess.run(
        [sys.executable, "-c", _ENDING, *args], capture_output=True, text=True, cwd=tmp_path,
        check=False,
    )  # fmt: skip
    code = 1 if config == "blocking" else 0
    assert proc.returncode == code
    assert proc.stderr.split("\n")[:2] == ["handler ran", f"ended {code}"]
    report = json.loads(proc.stdout)  # complete: flushed before the end
    assert report["resources"][0]["status"] == "priced"
    assert report["verdict"] == ("approval_required" if code else "warn")  # assumed Linux


def test_only_a_process_that_ends_with_its_command_leaves_the_report_to_the_system(
    tmp_path: Path,
) -> None:
    """The ``finops-gate`` script's process ends once its report is written: the document is
    not freed object by object, nor scanned by the collector (``cli.check``). A caller that
    runs the CLI in its own process (these tests) gets its memory back and its collector as
    it was; the ending process still writes its whole report and exits with its code."""
    import gc

    from click.testing import CliRunner

    from finops_gate import cli

    args = [*_tiny_run(tmp_path), "--out", str(tmp_path / "r.json")]
    enabled = gc.isenabled()
    result = CliRunner().invoke(cli.main, args)
    assert result.exit_code in (0, 1)
    assert cli._LEFT == [] and gc.isenabled() == enabled
    proc = subprocess.run(
        [sys.executable, "-c", _ENDING, *_tiny_run(tmp_path)], capture_output=True, text=True,
        cwd=tmp_path, check=False,
    )  # fmt: skip
    assert proc.returncode == result.exit_code
    assert json.loads(proc.stdout)["resources"][0]["status"] == "priced"


def test_a_local_run_does_not_import_the_publishing_code(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Outside CI there are no annotations to print: the publish package (the platforms and
    their annotations) is not imported (start-up, issue 18); in a GitHub run it is."""
    for name in ("GITHUB_ACTIONS", "GITLAB_CI"):
        monkeypatch.delenv(name, raising=False)
    args = [*_tiny_run(tmp_path), "--out", str(tmp_path / "r.json")]
    code, modules = _loaded(tmp_path, *args)
    assert code in (0, 1) and json.loads((tmp_path / "r.json").read_text())["resources"]
    assert "finops_gate.publish" not in modules
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    for name in ("GITHUB_EVENT_PATH", "GITHUB_STEP_SUMMARY", "GITHUB_EVENT_NAME"):
        monkeypatch.delenv(name, raising=False)
    code, modules = _loaded(tmp_path, *args)
    assert code in (0, 1) and "finops_gate.publish" in modules


_COMPILES = """
import collections, json, re, sys
real = re.compile
sites = collections.Counter()
def compile(pattern, flags=0):
    name = sys._getframe(1).f_code.co_filename.replace("\\\\", "/")
    if "/finops_gate/" in name:
        sites[name.split("/finops_gate/", 1)[1]] += 1
    return real(pattern, flags)
re.compile = compile
from finops_gate.cli import main
sys.argv = ["finops-gate", *sys.argv[1:]]
try:
    main()
except SystemExit:
    pass
print(json.dumps(sites))
"""


def test_a_plan_without_joins_compiles_no_pattern_it_does_not_use(tmp_path: Path) -> None:
    """The patterns of the joins, of AMI names, of Google zones, of workflow lines in a plan
    and of the report's natural sort are compiled at their first use, not at import
    (start-up, issue 18: about a million instructions each): a plan whose instance refers
    to nothing compiles none of them."""
    plan = dict(TINY)
    plan.pop("prior_state")
    config = json.loads(json.dumps(plan["configuration"]))
    del config["root_module"]["resources"][0]["expressions"]
    plan["configuration"] = config
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(plan), encoding="utf-8")
    args = ["check", str(tmp_path), "--plan", str(path), "--format", "json", "--out", "r.json"]
    proc = subprocess.run(
        [sys.executable, "-c", _COMPILES, *args], capture_output=True, text=True, cwd=tmp_path,
        check=True,
    )  # fmt: skip
    sites = json.loads(proc.stdout.strip().splitlines()[-1])
    assert json.loads((tmp_path / "r.json").read_text())["resources"][0]["status"] == "priced"
    assert not any(s.startswith(("sources/terraform_links", "sources/aws_ami")) for s in sites)
    assert sites.get("sources/terraform_plan.py", 0) <= 1  # the whitespace of the text
    assert sites.get("report/build.py", 0) <= 1  # the runs of natural_text


def test_a_report_with_assumptions_alone_does_not_import_the_other_sections(
    tmp_path: Path,
) -> None:
    """An instance whose AMI the plan does not tell is priced as Linux, an assumption: the
    report's assumptions are built without the classes of the other optional sections
    (projects, services, exchange rate, approvals given; start-up, issue 18)."""
    plan = dict(TINY)
    plan.pop("prior_state")
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(plan), encoding="utf-8")
    report = tmp_path / "r.json"
    code, modules = _loaded(
        tmp_path, "check", str(tmp_path), "--plan", str(path), "--format", "json",
        "--out", str(report),
    )  # fmt: skip
    assert code in (0, 1)
    assert json.loads(report.read_text(encoding="utf-8"))["assumptions"]
    assert "finops_gate.report.assumptions" in modules
    assert "finops_gate.report.sections" not in modules
