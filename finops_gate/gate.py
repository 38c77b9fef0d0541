"""Which config is the gate: decided here, once, for every use case.

The rule: **the gate's config comes from the BASE**, so a change cannot loosen its own gate.

- Which base: the base commit in git mode (``--base-ref``, the pull request's base, or the
  merge-base with the default branch, also for ``--plan`` runs outside a pull request); the
  ``--base`` directory with ``--base/--head``. Outside a git repository, or when no base commit
  can be found, the working tree is all there is: the report says so.
- Which file: ``--config PATH`` when given, read at the base (``git show BASE:PATH``; the same
  relative path in the ``--base`` directory); a PATH outside the repository/the head tree is not
  part of the change and is read as given. Without ``--config``: the nearest ``.finops-gate.yml``
  from the checked directory up to the repository root (``check SUBDIR`` finds the root's).
- A config that is not in the base but is in the head (new in this change) is read from the head,
  with a note, and cannot lower the verdict of the built-in defaults
  (``app._not_below_defaults``); a config the change edits applies after merge, with a note
  (and a second note when the new one would not load).

``GateConfig.origin`` (``base | head | file | worktree | default``) goes into the report's
``config`` field, so every report says where its rules came from.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from finops_gate import gitrefs
from finops_gate.config import CONFIG_NAME, Settings, load_settings, parse_settings
from finops_gate.errors import ConfigError, UsageError
from finops_gate.frozen import frozen


# a carrier, never compared: eq=False spares building __eq__/__hash__ at start-up
@frozen(eq=False)
class GateConfig:
    """The settings of the gate, where they came from, and what the report should say about it."""

    settings: Settings
    origin: str  # base | head | file | worktree | default
    path: str | None = None  # repository-relative (or as given for origin "file")
    ref: str | None = None  # the base commit it was read at (git mode)
    notes: tuple[str, ...] = ()

    def describe(self) -> dict[str, Any]:
        """The report's ``config`` field."""
        return {"origin": self.origin, "path": self.path, "ref": self.ref}


def gate_config(
    root: Path,
    *,
    config: Path | None = None,
    base_dir: Path | None = None,
    head_dir: Path | None = None,
    base_ref: str | None = None,
) -> GateConfig:
    """THE rule (module docstring). ``root`` is the checked directory (the head in git mode)."""
    if base_dir is not None and head_dir is not None:
        return _from_dirs(base_dir, head_dir, config)
    top = gitrefs.repo_root(root) if root.is_dir() else None
    if top is None:
        return _from_worktree(root, config, note=None)
    ref = base_ref or _default_base(root)
    if ref is None:
        note = (
            "no base commit found (no default branch; pass --base-ref REF): the config was "
            "read from the working tree"
        )
        return _from_worktree(root, config, note=note)
    return _from_commit(root, top.resolve(), ref, config)


def _default_base(root: Path) -> str | None:
    try:
        return gitrefs.default_base(root)
    except UsageError:
        return None


def _from_commit(root: Path, top: Path, ref: str, config: Path | None) -> GateConfig:
    if config is not None:
        rel = _inside(config, top)
        if rel is None:
            return _as_given(config)
        candidates = [rel]
    else:
        candidates = _upwards(root.resolve(), top)
    found = gitrefs.read_first(top, ref, candidates)
    if found is not None:
        rel, text = found
        settings = parse_settings(text, display=f"{rel} (base)")
        notes = _edited(top / rel, text, rel)
        return GateConfig(settings, "base", rel, ref, notes)
    for rel in candidates:
        if (top / rel).is_file():
            return _new_in_change(top / rel, rel, ref)
    if config is not None:
        raise UsageError(f"{config}: config file not found in the base commit nor the working tree")
    return GateConfig(Settings(), "default", None, ref)


def _from_dirs(base: Path, head: Path, config: Path | None) -> GateConfig:
    if config is not None:
        rel = _inside(config, head.resolve())
        if rel is None:
            return _as_given(config)
    else:
        rel = CONFIG_NAME
    base_cfg, head_cfg = base / rel, head / rel
    if base_cfg.is_file():
        settings = load_settings(base_cfg, display=f"{rel} (base)")
        text = base_cfg.read_text(encoding="utf-8")
        return GateConfig(settings, "base", rel, None, _edited(head_cfg, text, rel))
    if head_cfg.is_file():
        return _new_in_change(head_cfg, rel, None)
    if config is not None:
        raise UsageError(f"{config}: config file not found in --base nor --head")
    return GateConfig(Settings(), "default")


def _from_worktree(root: Path, config: Path | None, *, note: str | None) -> GateConfig:
    notes = (note,) if note else ()
    if config is not None:
        settings = load_settings(config, display=str(config))
        return GateConfig(settings, "worktree", str(config), None, notes)
    local = root / CONFIG_NAME
    if local.is_file():
        settings = load_settings(local, display=str(local))
        return GateConfig(settings, "worktree", CONFIG_NAME, None, notes)
    return GateConfig(Settings(), "default", None, None, notes)


def _as_given(config: Path) -> GateConfig:
    """A config outside the change (e.g. an organisation-wide file): the change cannot edit it."""
    return GateConfig(load_settings(config, display=str(config)), "file", str(config))


def _new_in_change(path: Path, rel: str, ref: str | None) -> GateConfig:
    note = f"{rel} is new in this change: its policies are read from the head"
    return GateConfig(load_settings(path, display=f"{rel} (head)"), "head", rel, ref, (note,))


def _edited(head_cfg: Path, base_text: str, rel: str) -> tuple[str, ...]:
    """A change to the config itself is shown, and applies only once merged."""
    try:
        head_text = head_cfg.read_text(encoding="utf-8")
    except FileNotFoundError:
        return (f"{rel} is removed in this change: takes effect after merge",)
    except (OSError, UnicodeDecodeError) as exc:
        return (f"{rel} in the head cannot be read ({exc}); the base's applies",)
    if head_text == base_text:
        return ()
    note = (
        f"{rel} changes in this change: its new policies take effect after merge "
        "(this check used the base's)"
    )
    from finops_gate import policies

    try:
        policies.load_settings(parse_settings(head_text, display=f"{rel} (head)"))
    except ConfigError as exc:
        return (note, f"the new config will not load after merge: {exc}")
    return (note,)


def _inside(path: Path, top: Path) -> str | None:
    """``path`` relative to ``top`` (POSIX), or ``None`` when it lies outside."""
    try:
        return path.resolve().relative_to(top).as_posix()
    except ValueError:
        return None


def _upwards(start: Path, top: Path) -> list[str]:
    """``.finops-gate.yml`` from ``start`` up to ``top``, nearest first, relative to ``top``."""
    if start != top and top not in start.parents:
        return [CONFIG_NAME]
    out = []
    here = start
    while True:
        rel = here.relative_to(top).as_posix()
        out.append(CONFIG_NAME if rel == "." else f"{rel}/{CONFIG_NAME}")
        if here == top:
            return out
        here = here.parent
