"""The report templates are rendered from the modules compiled from them ahead
(finops_gate/report/loader.py) while those are current, and from their source otherwise."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import jinja2
import pytest

from finops_gate.report import loader, render
from finops_gate.report.document import Document
from tests.conftest import EXAMPLES

NAMES = sorted(p.name for p in loader.TEMPLATES.glob("*.j2"))


def test_the_shipped_compiled_templates_are_current() -> None:
    """Edited a template, or locked another jinja2? Run python scripts/compile_templates.py."""
    recorded = json.loads((loader.COMPILED / loader.MANIFEST).read_text(encoding="utf-8"))
    assert recorded == loader.manifest()
    assert NAMES and all(loader.Loader().current(name) for name in NAMES)


def test_the_shipped_modules_are_what_the_script_writes(tmp_path: Path) -> None:
    written = loader.compile_all(render._env(), tmp_path)
    shipped = sorted(loader.COMPILED.glob("tmpl_*.py"))
    assert [p.name for p in written] == [p.name for p in shipped] and len(shipped) == len(NAMES)
    for new, old in zip(written, shipped, strict=True):
        assert new.read_text(encoding="utf-8") == old.read_text(encoding="utf-8")


def _env(source: Path, compiled: Path) -> jinja2.Environment:
    env = render._env().overlay(loader=loader.Loader(source, compiled))
    env.cache = None  # every get_template asks the loader
    return env


def _copy(tmp_path: Path) -> tuple[Path, Path]:
    source, compiled = tmp_path / "templates", tmp_path / "compiled"
    shutil.copytree(loader.TEMPLATES, source, ignore=shutil.ignore_patterns("compiled"))
    shutil.copytree(loader.COMPILED, compiled, ignore=shutil.ignore_patterns("__pycache__"))
    return source, compiled


def test_a_template_edited_after_compiling_renders_from_its_source(tmp_path: Path) -> None:
    source, compiled = _copy(tmp_path)
    assert _env(source, compiled).loader.current("table.txt.j2")
    table = source / "table.txt.j2"
    table.write_text("EDITED {{ 1 + 1 }}\n" + table.read_text(encoding="utf-8"), encoding="utf-8")
    env = _env(source, compiled)
    assert not env.loader.current("table.txt.j2")
    assert env.get_template("table.txt.j2").filename == str(table)


def test_modules_compiled_by_another_jinja2_are_not_used(tmp_path: Path) -> None:
    source, compiled = _copy(tmp_path)
    recorded = json.loads((compiled / loader.MANIFEST).read_text(encoding="utf-8"))
    (compiled / loader.MANIFEST).write_text(json.dumps({**recorded, "jinja2": "0.1"}))
    env = _env(source, compiled)
    assert env.get_template("comment.md.j2").filename == str(source / "comment.md.j2")


@pytest.mark.parametrize(
    ("example", "config"),
    [("terraform-plan", "policies"), ("model-switch", None), ("kubernetes", None)],
)  # fmt: skip
def test_compiled_and_source_templates_render_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, example: str, config: str | None
) -> None:
    from finops_gate.app import CheckRequest, check
    from finops_gate.report.json import document

    root = EXAMPLES / example
    cfg = EXAMPLES / config / ".finops-gate.yml" if config else None
    plans = tuple(sorted(root.glob("*.json")))
    request = (
        CheckRequest(root=root, plans=plans, config=cfg)
        if plans
        else CheckRequest(root=root, base=root / "base", head=root / "head", config=cfg)
    )
    doc: Document = document(check(request))
    source, compiled = _copy(tmp_path)
    (compiled / loader.MANIFEST).unlink()  # nothing is current: every template from source
    rendered = []
    for env in (_env(loader.TEMPLATES, loader.COMPILED), _env(source, compiled)):
        monkeypatch.setattr(render, "_env", lambda env=env: env)
        rendered.append((render.markdown(doc), render.table(doc)))
    assert rendered[0] == rendered[1]
    assert _env(loader.TEMPLATES, loader.COMPILED).get_template(NAMES[0]).filename != str(
        loader.TEMPLATES / NAMES[0]
    )
