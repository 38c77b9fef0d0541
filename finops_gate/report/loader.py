"""Where the report templates come from: the Python module compiled from each (shipped in
``templates/compiled/``), or the template's source.

Compiling the comment template costs a run more than everything else it does for a small plan
(lexing, parsing and code generation in jinja2, then Python's compiler), on every run that
writes Markdown or the terminal table. ``scripts/compile_templates.py`` compiles them ahead, as
``jinja2.Environment.compile_templates`` does, and records the sha256 of each source and the
jinja2 version beside them. A compiled module is used only while both still hold: a template
edited since (or another jinja2) is compiled from its source as before, so a stale module never
renders. A test holds the shipped modules current.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, MutableMapping
from pathlib import Path
from typing import Any

import jinja2

TEMPLATES = Path(__file__).with_name("templates")
COMPILED = TEMPLATES / "compiled"
MANIFEST = "SOURCES.json"


def manifest(templates: Path = TEMPLATES) -> dict[str, Any]:
    """What compiled modules of ``templates`` must record to be current."""
    return {
        "jinja2": jinja2.__version__,
        "templates": {
            p.name: hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(templates.glob("*.j2"))
        },
    }


def _recorded(compiled: Path) -> dict[str, Any]:
    try:
        found = json.loads((compiled / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return found if isinstance(found, dict) else {}


class Loader(jinja2.BaseLoader):
    """A template from its compiled module while that is current, else from its source."""

    def __init__(self, templates: Path = TEMPLATES, compiled: Path = COMPILED) -> None:
        self.templates = templates
        self._source = jinja2.FileSystemLoader(str(templates))
        self._compiled = jinja2.ModuleLoader(str(compiled))
        self._recorded = _recorded(compiled)

    def current(self, name: str) -> bool:
        """Whether the compiled module of ``name`` was made from the template as it is now."""
        recorded = self._recorded
        if recorded.get("jinja2") != jinja2.__version__:
            return False
        digest = (recorded.get("templates") or {}).get(name)
        try:
            return digest == hashlib.sha256((self.templates / name).read_bytes()).hexdigest()
        except OSError:
            return False

    def list_templates(self) -> list[str]:
        return sorted(p.name for p in self.templates.glob("*.j2"))

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str | None, Callable[[], bool] | None]:
        return self._source.get_source(environment, template)

    def load(
        self,
        environment: jinja2.Environment,
        name: str,
        globals: MutableMapping[str, Any] | None = None,
    ) -> jinja2.Template:
        if self.current(name):
            return self._compiled.load(environment, name, globals)
        return self._source.load(environment, name, globals)


def compile_all(environment: jinja2.Environment, target: Path) -> list[Path]:
    """Compile every template of ``environment``'s source folder into ``target`` (emptied of
    older modules first) and record the manifest: what ``scripts/compile_templates.py`` runs."""
    target.mkdir(parents=True, exist_ok=True)
    for old in target.glob("tmpl_*.py"):
        old.unlink()
    environment.compile_templates(str(target), zip=None, filter_func=lambda n: n.endswith(".j2"))
    (target / MANIFEST).write_text(json.dumps(manifest(), indent=2) + "\n", encoding="utf-8")
    return sorted(target.glob("tmpl_*.py"))
