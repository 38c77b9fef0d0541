"""Use cases as plain functions: no click, no environment, no sockets.

check:  inputs (plans, base/head trees) -> changes -> prices -> policies -> Report
"""

from __future__ import annotations

import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from finops_gate.catalogs.store import CatalogDir, CatalogSet
from finops_gate.changes import match
from finops_gate.config import CONFIG_NAME, Settings, load_settings
from finops_gate.errors import ConfigError, UsageError
from finops_gate.model import Report, ResourceChange
from finops_gate.sources.terraform_plan import read_plan, region_defaults
from finops_gate.sources.tree import Tree, configured, unreadable_verdict


@dataclass(frozen=True, slots=True)
class CheckRequest:
    """What to compare. Trees: ``base``/``head`` dirs, or ``base_ref`` (head = ``root``)."""

    root: Path = Path(".")
    plans: tuple[Path, ...] = ()
    base: Path | None = None
    head: Path | None = None
    base_ref: str | None = None
    config: Path | None = None
    options: dict[str, Any] = field(default_factory=dict)
    # the price date: --as-of, else pricing.as_of, else ``today`` (the CLI passes the UTC date;
    # the core never reads the clock). None throughout: the newest catalogs and prices.
    as_of: date | None = None
    today: date | None = None
    catalog_dirs: tuple[Path, ...] = ()  # --catalog-dir, over pricing.catalog_dirs


@dataclass(frozen=True, slots=True)
class _Sides:
    base: Tree | None
    head: Tree | None
    notes: tuple[str, ...] = ()


def check(request: CheckRequest) -> Report:
    """Run the whole gate and return the Report (the caller renders it and picks the exit code)."""
    if (request.base is None) != (request.head is None):
        raise UsageError("--base and --head go together; pass both directories")
    if request.base_ref is not None and request.base is not None:
        raise UsageError("use either --base-ref or --base/--head, not both")
    with tempfile.TemporaryDirectory(prefix="finops-gate-base-") as tmp:
        sides = _sides(request, Path(tmp))
        settings, config_notes, config_root = _settings(request, sides)
        settings = settings.with_catalogs(_catalogs(request, settings, config_root))
        sides = _configured(sides, settings)
        changes: list[ResourceChange] = []
        plans = _plans(request, settings, sides)
        if not plans and sides.base is None:
            raise UsageError(
                f"{request.root}: nothing to check; pass --plan FILE, --base DIR --head DIR, "
                "or run inside a git repository (or list sources.terraform.plans in the config)"
            )
        regions = region_defaults(
            request.options.get("environment") or {}, settings.section("pricing", "default_region")
        )
        plan_notes: list[str] = []
        for plan, display in _unique_plans(plans, request.root, plan_notes):
            read = read_plan(plan, display, regions=regions)
            changes.extend(read.changes)
            plan_notes.extend(read.notes)
        # imported after the plans are read: a large plan's text is freed by then, so the
        # pricing modules and catalogs do not add to the peak memory of parsing it
        from finops_gate.estimate.engine import price_changes
        from finops_gate.report.build import build_report
        from finops_gate.sources import TREE_SOURCES

        unread: list[str] = []
        if sides.base is not None and sides.head is not None:
            held_in_base: set[str] = set()
            for name, loader in TREE_SOURCES.items():
                if name == "terraform" and plans:
                    continue  # the plan already describes the Terraform change
                base_resources = loader(sides.base, settings)
                held_in_base.update(r.file for r in base_resources if r.file)
                changes.extend(match(base_resources, loader(sides.head, settings)))
            # fail closed: a file the head cannot read must not make its resources look deleted
            unread = unreadable_verdict(sides.base, sides.head, held_in_base=held_in_base)
        deltas = price_changes(changes, settings)
        from finops_gate import policies
        from finops_gate.policies.report import extra

        context = request.options.get("policy_context") or policies.PolicyContext()
        outcome = policies.evaluate(deltas, settings, context)
        notes = (
            *sides.notes,
            *config_notes,
            *plan_notes,
            *_config_change(request, sides),
            *unread,
            *_skipped(sides),
            *_as_of_note(request, settings),
            *settings.catalogs.notes(),
        )
        as_of = settings.catalogs.as_of
        return build_report(
            deltas,
            findings=outcome.findings,
            verdict=outcome.verdict,
            approval=outcome.approval,
            notes=notes,
            extra=extra(outcome),
            catalog_files=settings.catalogs.used(),
            as_of=None if as_of is None else as_of.isoformat(),
        )


def _as_of_note(request: CheckRequest, settings: Settings) -> tuple[str, ...]:
    """A price date other than today is said (the date itself is in every JSON report)."""
    if request.as_of is not None:
        return (f"prices as of {request.as_of.isoformat()} (--as-of)",)
    if settings.as_of is not None:
        return (f"prices as of {settings.as_of.isoformat()} (pricing.as_of in {settings.path})",)
    return ()


def _catalogs(request: CheckRequest, settings: Settings, config_root: Path) -> CatalogSet:
    """The catalogs of this run: the price date, and the team directories over the shipped
    files: ``pricing.catalog_dirs`` (inside the tree the config came from, so the base's in a
    pull request) first, then ``--catalog-dir`` (the command line wins)."""
    dirs = [_config_dir(config_root, written) for written in settings.catalog_dirs]
    for path in request.catalog_dirs:
        if not path.is_dir():
            raise UsageError(f"{path}: --catalog-dir is not a directory")
        dirs.append(CatalogDir(path, str(path)))
    return CatalogSet(
        as_of=request.as_of or settings.as_of or request.today,
        pins=settings.catalog_pins,
        dirs=tuple(dirs),
    )


def _config_dir(root: Path, written: str) -> CatalogDir:
    rel = Path(written)
    inside = root.resolve()
    target = (root / rel).resolve()
    if rel.is_absolute() or ".." in rel.parts or not target.is_relative_to(inside):
        raise ConfigError(
            f"pricing.catalog_dirs: {written!r} is not a folder inside the repository; give a "
            "relative path such as pricing-team"
        )
    if not target.is_dir():
        raise ConfigError(
            f"pricing.catalog_dirs: {written!r} does not exist in the tree the config is read "
            "from; commit the folder (it takes effect once merged)"
        )
    return CatalogDir(target, written)


def _skipped(sides: _Sides) -> tuple[str, ...]:
    """Directories and files the trees left out (skip_dirs, exclude, directory symlinks),
    once each, saying on which side."""
    sides_of: dict[str, list[str]] = {}
    for tree, label in ((sides.base, "base"), (sides.head, "head")):
        for note in dict.fromkeys(tree.skipped if tree is not None else ()):
            sides_of.setdefault(note, []).append(label)
    return tuple(f"{note} ({' and '.join(labels)})" for note, labels in sides_of.items())


def _configured(sides: _Sides, settings: Settings) -> _Sides:
    sources = settings.section("sources")
    if sides.base is None or sides.head is None:
        return sides
    return _Sides(configured(sides.base, sources), configured(sides.head, sources), sides.notes)


def _sides(request: CheckRequest, tmp: Path) -> _Sides:
    if request.base is not None and request.head is not None:
        for side in (request.base, request.head):
            if not side.is_dir():
                raise UsageError(f"{side}: not a directory; --base and --head take directories")
        return _Sides(Tree(request.base), Tree(request.head))
    if request.base_ref is not None:
        if not request.root.is_dir():
            raise UsageError(f"{request.root}: not a directory")
        from finops_gate import gitrefs

        gitrefs.export(request.root, request.base_ref, tmp)
        return _Sides(Tree(tmp), Tree(request.root))
    return _Sides(None, None)


def _settings(request: CheckRequest, sides: _Sides) -> tuple[Settings, tuple[str, ...], Path]:
    """The config of the BASE tree, so a change cannot loosen its own gate; and the tree its
    relative paths (``pricing.catalog_dirs``) are read from."""
    base_root = sides.base.root if sides.base is not None else request.root
    if request.config is not None:
        return load_settings(request.config, display=str(request.config)), (), base_root
    if sides.base is not None and sides.head is not None:
        base_cfg, head_cfg = sides.base.root / CONFIG_NAME, sides.head.root / CONFIG_NAME
        if base_cfg.is_file():
            return load_settings(base_cfg, display=f"{CONFIG_NAME} (base)"), (), base_root
        if head_cfg.is_file():
            note = f"{CONFIG_NAME} is new in this change: its policies are read from the head"
            settings = load_settings(head_cfg, display=f"{CONFIG_NAME} (head)")
            return settings, (note,), sides.head.root
        return Settings(), (), base_root
    local = request.root / CONFIG_NAME
    if local.is_file():
        return load_settings(local, display=str(local)), (), request.root
    return Settings(), (), request.root


def _config_change(request: CheckRequest, sides: _Sides) -> tuple[str, ...]:
    """A change to the config itself is shown, and applies only once merged."""
    if request.config is not None or sides.base is None or sides.head is None:
        return ()
    base_cfg, head_cfg = sides.base.root / CONFIG_NAME, sides.head.root / CONFIG_NAME
    if not base_cfg.is_file():
        return ()
    if not head_cfg.is_file():
        return (f"{CONFIG_NAME} is removed in this change: takes effect after merge",)
    if base_cfg.read_bytes() == head_cfg.read_bytes():
        return ()
    note = (
        f"{CONFIG_NAME} changes in this change: its new policies take effect after merge "
        "(this check used the base's)"
    )
    from finops_gate import policies
    from finops_gate.errors import ConfigError

    try:
        policies.load_settings(load_settings(head_cfg, display=f"{CONFIG_NAME} (head)"))
    except ConfigError as exc:
        return (note, f"the new config will not load after merge: {exc}")
    return (note,)


def _plans(request: CheckRequest, settings: Settings, sides: _Sides) -> Sequence[Path]:
    if request.plans:
        return request.plans
    configured = settings.section("sources", "terraform").get("plans") or []
    head_root = sides.head.root if sides.head is not None else request.root
    return [head_root / p for p in configured]


def _unique_plans(plans: Sequence[Path], root: Path, notes: list[str]) -> list[tuple[Path, str]]:
    """Each plan once: the same file, or the same bytes under another name, given twice would
    count every resource twice."""
    import hashlib
    import stat

    if len(plans) < 2:
        return [(p, _display(p, root)) for p in plans]
    out: list[tuple[Path, str]] = []
    seen: dict[str, str] = {}  # file identity or content digest -> the display name read
    for plan in plans:
        display = _display(plan, root)
        try:
            st = plan.stat()
            if not stat.S_ISREG(st.st_mode):
                raise OSError("not a regular file")  # never open a FIFO to hash it
            with plan.open("rb") as handle:
                digest = hashlib.file_digest(handle, "sha256").hexdigest()
        except OSError:
            out.append((plan, display))  # the reader names the problem
            continue
        first = seen.get(f"{st.st_dev}:{st.st_ino}") or seen.get(digest)
        if first is not None:
            same = "is given twice" if first == display else f"has the same content as {first}"
            notes.append(f"{display} {same}: read once")
            continue
        seen[f"{st.st_dev}:{st.st_ino}"] = seen[digest] = display
        out.append((plan, display))
    return out


def _display(path: Path, root: Path) -> str:
    try:
        rel = path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)
    return rel if rel != "." else str(path)


MAX_REPORT_BYTES = 200 * 1024 * 1024


def load_report(path: Path) -> dict[str, Any]:
    """A saved JSON report (``check --format json``), validated against the report schema: it
    may come from an untrusted job (a fork's artifact), so it is data that must prove its shape."""
    import json

    import jsonschema

    try:
        if path.stat().st_size > MAX_REPORT_BYTES:
            raise UsageError(f"{path}: report larger than 200 MB; not read")
        doc = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise UsageError(f"{path}: no such report; run finops-gate check --format json") from exc
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise UsageError(f"{path}: not a JSON report ({exc}); run finops-gate check") from exc
    schema_path = Path(__file__).parent / "schema" / "report.schema.json"
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    error = jsonschema.exceptions.best_match(validator.iter_errors(doc))
    if error is not None:
        where = "/".join(str(p) for p in error.absolute_path) or "top level"
        raise UsageError(f"{path}: not a finops-gate report ({where}: {error.message})")
    assert isinstance(doc, dict)
    return doc
