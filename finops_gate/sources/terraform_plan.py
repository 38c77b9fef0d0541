"""Terraform plan JSON (``terraform show -json tfplan``) -> ResourceChange.

A plan is already a diff: each entry of ``resource_changes`` carries ``before`` and ``after``.
Format reference: https://developer.hashicorp.com/terraform/internals/json-format

- Every format Terraform >= 0.12 writes is read: ``format_version`` 0.1 (Terraform 0.12-0.14,
  no sensitivity maps: nothing in the plan says which values are sensitive), 0.2 (0.15-1.0) and
  1.x (unknown fields ignored); a later major version is refused.
- The output of ``hashicorp/setup-terraform``'s wrapper (a ``[command]`` line before the JSON,
  ``::debug::``/``::set-output`` workflow commands after it) is read, with a note.
- A plan Terraform marks ``errored`` is refused; an incomplete one (``complete: false``:
  ``-target``, deferred changes) is read with a note. An address twice is an error.
- Values unknown until apply (``after_unknown``) become ``Resource.unknown`` paths, never guesses.
- Sensitive values (``*_sensitive``) are dropped before anything else sees them.
- The region comes from the resource's own ``region`` argument (AWS provider 6) or from the
  provider configuration the resource uses (``provider_config_key``, aliases and modules included).
  Google: the resource's ``region`` / ``zone`` / ``location`` first (a zone gives its region).
  Azure: the resource's ``location``, normalised ("West Europe" -> ``westeurope``).
  A provider that sets no region (``provider "aws" {}``) falls back to ``RegionDefaults``: the
  environment the gate runs in (``AWS_REGION``...), then ``pricing.default_region``; the report
  says which.
"""

from __future__ import annotations

import dataclasses
import functools
import itertools
import json
import os
import re
from collections.abc import Callable, Mapping
from dataclasses import field
from pathlib import Path
from typing import Any

from finops_gate.errors import InputError
from finops_gate.frozen import frozen, maker
from finops_gate.model import MOVED_FROM, WRITTEN_UNKNOWN, Action, Resource, ResourceChange
from finops_gate.sources.terraform_links import (
    LINK_KEY,
    Links,
    data_sources,
)
from finops_gate.sources.terraform_links import bare as bare_address
from finops_gate.sources.terraform_plan_json import FAST_FROM, decode_plan

_HOW_TO = "run: terraform show -json tfplan > plan.json"
# resources from which a stage makes its values by ``frozen.maker`` (compiling its function
# costs about as much as a few hundred class calls)
MAKE_FROM = 1000

_ACTIONS: dict[tuple[str, ...], Action] = {
    ("create",): Action.CREATE,
    ("delete",): Action.DELETE,
    ("update",): Action.UPDATE,
    ("no-op",): Action.NOOP,
    ("delete", "create"): Action.REPLACE,
    ("create", "delete"): Action.REPLACE,
}
# "read" (data sources refreshed during apply) and "forget" (removed from state only) change no cost
_IGNORED_ACTIONS = {("read",), ("forget",)}
_ACTION_OF: dict[tuple[Any, ...], Action | None] = {
    **_ACTIONS,
    **dict.fromkeys(_IGNORED_ACTIONS),
}

# provider type -> attribute that names the region on the provider block
_REGION_ARG = {"aws": "region", "google": "region", "google-beta": "region", "azurerm": "location"}


# provider type -> environment variables its provider reads for the region, in its own order
REGION_ENV: dict[str, tuple[str, ...]] = {
    "aws": ("AWS_REGION", "AWS_DEFAULT_REGION"),
    "google": ("GOOGLE_REGION", "GCLOUD_REGION", "CLOUDSDK_COMPUTE_REGION"),
    "google-beta": ("GOOGLE_REGION", "GCLOUD_REGION", "CLOUDSDK_COMPUTE_REGION"),
}
# config key of pricing.default_region -> the provider types it covers
# provider type -> the resource argument that names its own region
_OWN_REGION_ARG = {
    "aws": "region",
    "google": "region",
    "google-beta": "region",
    "azurerm": "location",
}
_DEFAULT_REGION_KEYS = {
    "aws": ("aws",),
    "google": ("google", "google-beta"),
    "azurerm": ("azurerm",),
}


@frozen
class RegionDefaults:
    """Where the region comes from when the plan does not say: provider type -> (region, origin).

    Built by ``region_defaults`` from the environment the gate runs in (the provider read the
    same variables when it made the plan) and ``pricing.default_region``.
    """

    regions: Mapping[str, tuple[str, str]] = field(default_factory=dict)

    def get(self, provider: str) -> tuple[str, str] | None:
        return self.regions.get(provider)


def region_defaults(
    environ: Mapping[str, str], configured: Mapping[str, Any] | None = None
) -> RegionDefaults:
    """The environment first (``AWS_REGION`` before ``AWS_DEFAULT_REGION``, as the AWS provider
    reads them), then ``pricing.default_region`` per cloud (``{aws: us-east-1, ...}``)."""
    out: dict[str, tuple[str, str]] = {}
    for key, value in (configured or {}).items():
        for provider in _DEFAULT_REGION_KEYS.get(str(key), ()):
            if isinstance(value, str) and value:
                out[provider] = (value, f"pricing.default_region.{key}")
    for provider, names in REGION_ENV.items():
        for name in names:
            value = environ.get(name, "").strip()
            if value:
                out[provider] = (value, f"environment variable {name}")
                break
    return RegionDefaults(out)


# a carrier, never compared: eq=False spares building __eq__/__hash__ at start-up
@frozen(eq=False)
class PlanRead:
    """The changes of one plan file, and what the reader noticed on the way (for the report)."""

    changes: list[ResourceChange]
    notes: tuple[str, ...] = ()


def load_plan(
    path: Path, display: str | None = None, *, regions: RegionDefaults | None = None
) -> list[ResourceChange]:
    """Read one plan file; ``display`` is how errors and the report name it."""
    return read_plan(path, display, regions=regions).changes


def read_plan(
    path: Path, display: str | None = None, *, regions: RegionDefaults | None = None
) -> PlanRead:
    """Read one plan file with the notes a report shows (wrapper output, old format, region)."""
    name = display or str(path)
    try:
        data, wrapped = _read_json(path, name)
        notes: list[str] = []
        if wrapped:
            notes.append(
                f"{name}: read through the output of hashicorp/setup-terraform's wrapper "
                "(its [command] line and workflow commands were left out); set "
                "terraform_wrapper: false on setup-terraform to write the plan JSON alone"
            )
        changes = plan_changes(data, display=name, regions=regions, notes=notes)
    except RecursionError:  # a hostile plan nested thousands of levels deep: bad input
        raise InputError(
            f"{name}: JSON nested too deeply to be a Terraform plan; {_HOW_TO}"
        ) from None
    return PlanRead(changes, tuple(notes))


def _read_json(path: Path, name: str) -> tuple[dict[str, Any], bool]:
    fast = _read_fast(path)
    if fast is not None:
        return fast
    try:
        # one str in memory, not bytes + str: a plan can be tens of MB
        with path.open(encoding="utf-8") as handle:
            raw = handle.read()
    except UnicodeDecodeError:
        if _is_binary_plan(path):
            raise InputError(f"{name}: a binary plan file, not JSON; {_HOW_TO}") from None
        raise InputError(f"{name}: not UTF-8 JSON; {_HOW_TO}") from None
    except FileNotFoundError:
        raise InputError(f"{name}: file not found; {_HOW_TO}") from None
    except IsADirectoryError:
        raise InputError(f"{name}: is a directory; pass the plan JSON file with --plan") from None
    except OSError as exc:
        raise InputError(f"{name}: cannot read ({exc.strerror})") from None
    if not raw.strip():
        raise InputError(f"{name}: empty file; {_HOW_TO}")
    start = _WS.match(raw, 0).end()  # type: ignore[union-attr]
    wrapped = raw.startswith("[command]", start)
    if wrapped:
        # setup-terraform's wrapper echoes the command before terraform's own output
        newline = raw.find("\n", start)
        start = len(raw) if newline < 0 else newline + 1
        if not raw[start:].strip():
            raise InputError(
                f"{name}: only setup-terraform's [command] line, no plan JSON after it; {_HOW_TO}"
            )
    try:
        data = _decode_top_level(raw, start, wrapped=wrapped)
    except _WrapperTail as tail:
        raise InputError(
            f"{name}: text after the plan JSON at line {tail.line} ({tail.text!r}); "
            "if it comes from hashicorp/setup-terraform's wrapper, set terraform_wrapper: false "
            f"on that step; {_HOW_TO}"
        ) from None
    except NotJsonNumber as exc:
        raise InputError(f"{name}: not valid JSON ({exc}); {_HOW_TO}") from None
    except json.JSONDecodeError as exc:
        if raw.startswith("PK"):
            raise InputError(f"{name}: a binary plan file, not JSON; {_HOW_TO}") from None
        hint = (
            "if it comes from hashicorp/setup-terraform's wrapper, set terraform_wrapper: false "
            "on that step"
            if wrapped or "::debug::" in raw[:200]
            else "is it truncated?"
        )
        raise InputError(
            f"{name}: not valid JSON (line {exc.lineno} column {exc.colno}: {exc.msg}); "
            f"{hint}; {_HOW_TO}"
        ) from None
    del raw
    if not isinstance(data, dict):
        raise InputError(f'{name}: not a Terraform plan (no "resource_changes"); {_HOW_TO}')
    if isinstance(data, _Tailed):
        wrapped = True
        data = dict(data)
    return data, wrapped


def _read_fast(path: Path) -> tuple[dict[str, Any], bool] | None:
    """A large plan through msgspec (``terraform_plan_json``), and whether it came through
    setup-terraform's wrapper; None: read the standard way, which also says what is wrong with
    a file that cannot be read."""
    try:
        with path.open("rb") as handle:
            if os.fstat(handle.fileno()).st_size < FAST_FROM:
                return None
            buf = handle.read()
    except OSError:
        return None
    start = _ws_bytes().match(buf).end()  # type: ignore[union-attr]
    end = len(buf)
    wrapped = buf.startswith(b"[command]", start)
    if wrapped:  # the wrapper's echo of the command, one line
        start = buf.find(b"\n", start) + 1
        if not start:
            return None
    # the wrapper's workflow commands after the plan: a line starting "::" is not JSON
    cut = _line_starting_colons(buf, start)
    if cut >= 0:
        try:
            tail = buf[cut + 1 :].decode("utf-8")
        except UnicodeDecodeError:
            return None
        if not all(_workflow_line().match(line) for line in tail.splitlines() if line.strip()):
            return None  # something else after the plan: the standard reader says what
        end, wrapped = cut, True
    data = decode_plan(buf, start, end)
    del buf
    if data is None:
        return None
    if "prior_state" in data:
        data["prior_state"] = _reduce("prior_state", data["prior_state"])
    return data, wrapped


def _line_starting_colons(buf: bytes, start: int) -> int:
    """``buf.find(b"\\n::", start)``, by newlines first: Terraform writes the plan on one line,
    and a search for the three bytes would look at every ":" of it."""
    at = buf.find(b"\n", start)
    for _ in range(64):
        if at < 0 or buf.startswith(b"::", at + 1):
            return at
        at = buf.find(b"\n", at + 1)
    return -1 if at < 0 else buf.find(b"\n::", at)


def _reduce(key: str, value: Any) -> Any:
    """A top-level value the source does not keep: of the prior state, only the data sources a
    price depends on (an AMI's platform); of the others, nothing."""
    return data_sources(value) if key == "prior_state" else None


# Top-level keys the source reads; the rest (planned_values, prior_state... often most of the
# file) is decoded one value at a time and dropped at once, so it never sits in memory.
_KEEP = frozenset(
    {
        "format_version",
        "terraform_version",
        "resource_changes",
        "configuration",
        "variables",
        "errored",
        "complete",
        "deferred_changes",
    }
)
_WS = re.compile(r"[ \t\n\r]*")


# GitHub Actions workflow commands the setup-terraform wrapper prints after terraform's output
# compiled at their first use, not at import (start-up: a plan read as text, with no workflow
# lines; compiling a pattern costs about a million instructions, issue 18)
@functools.cache
def _ws_bytes() -> re.Pattern[bytes]:
    return re.compile(rb"[ \t\n\r]*")


@functools.cache
def _workflow_line() -> re.Pattern[str]:
    return re.compile(r"::[a-z-]+(?: [^:\n]*)?::")


class NotJsonNumber(ValueError):
    """``NaN``, ``Infinity`` or ``-Infinity``: Python's json reads them, JSON has no such
    number and terraform never writes one (read, they would reach the prices as NaN)."""


def refuse_constant(token: str) -> Any:
    """``parse_constant`` for the JSON a pull request controls: the token is an error."""
    raise NotJsonNumber(f"{token} is not a JSON number")


class _Tailed(dict[str, Any]):
    """A decoded plan that was followed by workflow-command lines (the wrapper's tail)."""


class _WrapperTail(Exception):
    def __init__(self, line: int, text: str) -> None:
        super().__init__(text)
        self.line, self.text = line, text


def _decode_top_level(text: str, start: int = 0, *, wrapped: bool = False) -> Any:
    """``json.loads`` for a plan document, keeping only the top-level values in ``_KEEP``
    (other keys map to ``None``, so their presence can still be checked)."""
    decoder = json.JSONDecoder(parse_constant=refuse_constant)
    pos = _WS.match(text, start).end()  # type: ignore[union-attr]
    if not text.startswith("{", pos):
        # not an object: let json say
        return json.loads(text[start:] if start else text, parse_constant=refuse_constant)
    out: dict[str, Any] = {}
    pos = _WS.match(text, pos + 1).end()  # type: ignore[union-attr]
    if text.startswith("}", pos):
        return _end(text, pos + 1, out)
    while True:
        key, pos = decoder.raw_decode(text, pos)
        if not isinstance(key, str):
            raise json.JSONDecodeError(
                "Expecting property name enclosed in double quotes", text, pos
            )
        pos = _WS.match(text, pos).end()  # type: ignore[union-attr]
        if not text.startswith(":", pos):
            raise json.JSONDecodeError("Expecting ':' delimiter", text, pos)
        pos = _WS.match(text, pos + 1).end()  # type: ignore[union-attr]
        value, pos = decoder.raw_decode(text, pos)
        out[key] = value if key in _KEEP else _reduce(key, value)
        del value
        pos = _WS.match(text, pos).end()  # type: ignore[union-attr]
        if text.startswith("}", pos):
            return _end(text, pos + 1, out)
        if not text.startswith(",", pos):
            raise json.JSONDecodeError("Expecting ',' delimiter", text, pos)
        pos = _WS.match(text, pos + 1).end()  # type: ignore[union-attr]


def _end(text: str, pos: int, out: dict[str, Any]) -> dict[str, Any]:
    rest = _WS.match(text, pos).end()  # type: ignore[union-attr]
    if rest == len(text):
        return out
    # setup-terraform's wrapper: every line after the JSON is a workflow command
    line_no = text.count("\n", 0, rest) + 1
    seen_command = False
    for line in text[rest:].splitlines():
        if line.strip():
            if not _workflow_line().match(line):
                if seen_command:
                    raise _WrapperTail(line_no, line[:60])
                raise json.JSONDecodeError("Extra data", text, rest)
            seen_command = True
        line_no += 1
    return _Tailed(out)


def _is_binary_plan(path: Path) -> bool:
    with path.open("rb") as handle:
        return handle.read(2) == b"PK"  # terraform plan -out writes a zip archive


def plan_changes(
    data: Mapping[str, Any],
    *,
    display: str,
    regions: RegionDefaults | None = None,
    notes: list[str] | None = None,
) -> list[ResourceChange]:
    """The changes of a parsed plan document; ``notes`` collects what the report should say."""
    notes = [] if notes is None else notes
    _check_format(data, display, notes)
    providers = _Providers(data, regions or RegionDefaults())
    changes: list[ResourceChange] = []
    entries = data.get("resource_changes") or []
    if not isinstance(entries, list):
        raise InputError(f"{display}: resource_changes must be a list; {_HOW_TO}")
    providers.note_planned(entries)
    if len(entries) >= MAKE_FROM:  # (a large plan: its values made by ``frozen.maker``)
        providers.new_resource, providers.new_change = maker(Resource), maker(ResourceChange)
    seen: set[str] = set()
    for index, entry in enumerate(entries):
        change = _change(entry, index, display, providers)
        if change is None:
            continue
        if change.address in seen:
            raise InputError(
                f"{display}: resource_changes[{index}]: address {change.address} appears twice; "
                f"Terraform never writes that, so the plan was edited or merged by hand; {_HOW_TO}"
            )
        seen.add(change.address)
        changes.append(change)
    notes.extend(providers.region_notes(display))
    return changes


_SUPPORTED_FORMATS = {"0": ("1", "2"), "1": None}  # major -> minors read (None: every minor)


def _check_format(data: Mapping[str, Any], display: str, notes: list[str]) -> None:
    if "resource_changes" not in data and "planned_values" not in data:
        hint = " (this looks like a state file)" if "values" in data else ""
        raise InputError(
            f'{display}: not a Terraform plan (no "resource_changes"){hint}; {_HOW_TO}'
        )
    version = data.get("format_version")
    if not isinstance(version, str) or not version:
        raise InputError(f"{display}: plan has no format_version; {_HOW_TO}")
    major, _, minor = version.partition(".")
    minors = _SUPPORTED_FORMATS.get(major, ())
    if minors is not None and minor.split(".")[0] not in minors:
        raise InputError(
            f"{display}: plan format_version {version} is not supported (supported: 0.1, 0.2 "
            "and 1.x, written by Terraform 0.12 and later); upgrade finops-gate"
        )
    if version.startswith("0.1"):
        notes.append(
            f"{display}: plan format {version} (Terraform 0.12-0.14) has no sensitivity maps; "
            "values the configuration marks sensitive are not known as such"
        )
    if data.get("errored") is True:
        raise InputError(
            f"{display}: Terraform marks this plan as errored (planning stopped on an error, so "
            "the changes in it are incomplete); fix the errors terraform plan printed and "
            "produce the plan again"
        )
    deferred = data.get("deferred_changes")
    if data.get("complete") is False or (isinstance(deferred, list) and deferred):
        extra = f", {len(deferred)} deferred change(s)" if isinstance(deferred, list) else ""
        notes.append(
            f"{display}: Terraform marks this plan as incomplete (-target, or changes deferred "
            f"to a later plan{extra}); what is not in it is not in this check"
        )


def _change(entry: Any, index: int, display: str, providers: _Providers) -> ResourceChange | None:
    if not isinstance(entry, dict):
        raise InputError(f"{display}: resource_changes[{index}] must be an object; {_HOW_TO}")
    if entry.get("mode", "managed") != "managed":
        return None  # data sources cost nothing
    address, kind = entry.get("address"), entry.get("type")
    change = entry.get("change")
    if not isinstance(address, str) or not isinstance(kind, str) or not isinstance(change, dict):
        raise InputError(
            f"{_where(display, index)} needs string 'address' and 'type' and an object 'change'"
        )
    deposed = entry.get("deposed")
    config_address = address
    if isinstance(deposed, str) and deposed:
        # an object left over by create_before_destroy: the same address, a separate object
        address = f"{address} (deposed {deposed})"
    try:  # (``_action`` without a call: a list of known strings, as every valid change)
        action = _ACTION_OF[tuple(change.get("actions"))]  # type: ignore[arg-type]
    except (KeyError, TypeError):
        action = _action(change.get("actions"), display, index, address)
    if action is None:
        return None
    name = entry.get("provider_name")
    # (a provider's name says its type: looked up by the name alone, without a call)
    provider = providers.named.get(name) if type(name) is str else None
    if provider is None:
        provider = providers.provider_type(name, kind)
    # (a plan without its configuration, as other generators write: no call to say so)
    config_key = providers.config_key(config_address, entry) if providers.configured else None

    linked = providers.joining.get(kind)
    if linked is None:  # (once per type: a large plan's resources of a type are all alike)
        linked = providers.joining[kind] = providers.links.may_join(kind)
    # (the two sides, by a function of the module: a closure over this call's names would
    # make a cell for each of them, per resource of a large plan; a side the plan writes as
    # null is None without a call: a create has no before, a delete no after)
    values = change.get("before")
    before = None if values is None else _side(
        values, change, "before", None, "before_sensitive",
        address, config_address, kind, provider, providers, config_key, linked, display, index,
    )  # fmt: skip
    values = change.get("after")
    after = None if values is None else _side(
        values, change, "after", "after_unknown", "after_sensitive",
        address, config_address, kind, provider, providers, config_key, linked, display, index,
    )  # fmt: skip
    if action is _DELETE:
        after = None
    elif action is _CREATE:
        before = None
    elif action is _NOOP:
        if after is None:
            after = before
        if before is None:
            before = after
        if (
            before is not None
            and after is not None
            and before.attributes.get(LINK_KEY) != after.attributes.get(LINK_KEY)
        ):
            # terraform leaves it alone, but what it runs changed (an autoscaling group whose
            # launch template changed): its cost changes, so it is shown as changed
            action = _UPDATE
    if before is None and after is None:
        return None
    if after is not None and after.unknown and providers.expressions_of:
        after = _written_unknown(after, providers.expressions_of.get(bare_address(config_address)))
    previous = entry.get("previous_address")
    if isinstance(previous, str) and previous and previous != config_address:
        # moved (a moved block, or terraform state mv): the base side had the old address,
        # and the usage configured for it keeps applying to the new one
        if before is not None:
            before = dataclasses.replace(before, address=previous)
        if after is not None:
            after = dataclasses.replace(
                after, attributes={**after.attributes, MOVED_FROM: previous}
            )
    return providers.new_change(address, action, before, after)


def _written_unknown(after: Resource, written: dict[str, Any] | None) -> Resource:
    """``after`` with the arguments its code writes that the plan shows unknown as a whole
    (``WRITTEN_UNKNOWN``): set to a value known only at apply, so AWS's default for leaving
    them unset (a provider-computed ``multi_az``, ``storage_type``...) is not theirs."""
    if not written:
        return after
    # (by the unknown paths, a handful: the expressions of a resource may be many)
    hits = frozenset(p for p in after.unknown if _from_apply(_written_at(written, p)))
    if not hits:
        return after
    return dataclasses.replace(after, attributes={**after.attributes, WRITTEN_UNKNOWN: hits})


def _written_at(written: dict[str, Any], path: str) -> Any:
    """The configuration expression of the argument at dotted ``path``, also inside a nested
    block (``upgrade_policy.0.support_type``: the block's list, its index, the argument), or
    None when the code does not write it there."""
    if path in written:
        return written[path]
    found: Any = written
    for part in path.split("."):
        if isinstance(found, dict):
            found = found.get(part)
        elif isinstance(found, list) and part.isdigit() and int(part) < len(found):
            found = found[int(part)]
        else:
            return None
    return found


# references that name no other object's attributes: a plan knows their values (a variable, a
# null constant, a local of them...); one the plan still shows unknown is the provider computing
# the argument left null, so AWS's default applies
_KNOWN_AT_PLAN = ("var.", "local.", "count.", "each.", "path.", "terraform.", "self.")


def _from_apply(expression: Any, depth: int = 0) -> bool:
    """Whether an argument's configuration expression takes a value from another resource, a
    data source or a module (``aws_ssm_parameter.ha.value``), known only at apply: not a
    constant (``null`` included) nor a variable (a module passing ``var.x`` through, null)."""
    if depth > 8:
        return False
    if isinstance(expression, list):  # a block: any of its arguments
        return any(_from_apply(block, depth + 1) for block in expression[:64])
    if not isinstance(expression, dict):
        return False
    if "constant_value" in expression:
        return False
    refs = expression.get("references")
    if isinstance(refs, list):
        return any(isinstance(r, str) and not r.startswith(_KNOWN_AT_PLAN) for r in refs)
    # a block's arguments by name
    return any(_from_apply(v, depth + 1) for v in list(expression.values())[:64])


def _side(
    values: Any,
    change: dict[str, Any],
    values_key: str,
    unknown_key: str | None,
    sensitive_key: str,
    address: str,
    config_address: str,
    kind: str,
    provider: str,
    providers: _Providers,
    config_key: str | None,
    linked: bool,
    display: str,
    index: int,
) -> Resource | None:
    """One side of a change (``_change``): its values (``change[values_key]``, not null) as
    the reader keeps them."""
    if not isinstance(values, dict):
        raise InputError(
            f"{_where(display, index)}.change.{values_key} must be an object or null ({address})"
        )
    sensitive = change.get(sensitive_key)
    if sensitive:  # (an empty or false mask redacts nothing)
        values = _redact(values, sensitive)
    mask = change.get(unknown_key) if unknown_key else None
    unknown = frozenset(_true_paths(mask)) if mask else _NOTHING
    if values and not _PLAIN_NAMES.issuperset(values) and _hidden_names(values):
        # no Terraform attribute starts with "_": a hand-made plan never sets what the
        # reader joins (LINK_KEY) or records for itself
        values = {k: v for k, v in values.items() if not k.startswith("_")}
    if linked:
        # what the price depends on elsewhere in the plan (see terraform_links)
        related = providers.links.related(config_address, kind, values_key == "after", values)
        if related is not None:
            values = {**values, LINK_KEY: related}
    if provider == "aws":
        # (``_region`` and ``_tags`` of an AWS resource, inlined, and what they call where
        # the answer is known: this runs for both sides of every resource of a large plan)
        # its own region argument, else its provider's
        own = values.get("region")
        if isinstance(own, str) and own:
            region: str | None = own
        else:
            found = providers.regions.get((config_key, provider))
            if found is None:
                region = providers.region(config_key, provider, address)
            else:  # (``_Providers.region``)
                region, defaulted = found
                if defaulted is not None:
                    defaulted.add(address)
        tags_all = values.get("tags_all")
        if isinstance(tags_all, dict) and "tags_all" not in unknown:
            try:  # (``_strings``: the plan's own map, when its values are all strings)
                "".join(tags_all.values())
                tags: dict[str, str] | None = tags_all
            except TypeError:
                tags = _strings(tags_all)
            unknown_tags = _pending(unknown, "tags_all.") if unknown else _NOTHING
        else:
            tags, unknown_tags = _tags(values, unknown, provider, providers, config_key)
    else:
        region = _region(values, address, provider, providers, config_key)
        tags, unknown_tags = _tags(values, unknown, provider, providers, config_key)
    # (positional, in the field order: this runs for both sides of every resource)
    return providers.new_resource(
        address,
        "terraform",
        kind,
        provider,
        region,
        values,
        unknown,
        tags,
        unknown_tags,
        display,
        None,
        display,
    )


_CREATE, _DELETE, _NOOP, _UPDATE = Action.CREATE, Action.DELETE, Action.NOOP, Action.UPDATE


def _hidden_names(values: dict[str, Any]) -> bool:
    """Whether a name of ``values`` may start with "_" (``_side``); where none does, the names
    are remembered in ``_PLAIN_NAMES``, so that a later side with only those names is passed
    by a lookup each (in C, on their cached hashes: a large plan's resources of a kind share
    their names), not by comparing them."""
    # (in C: JSON keys are strings) a name that starts with "_" sorts below "`" (the next
    # character), as attributes (lowercase) do not; a name that does for another reason
    # answers True too, and is kept by the caller
    if min(values) < "`":
        return True
    if len(_PLAIN_NAMES) >= _PLAIN_NAMES_MAX:  # (bounded: a plan of made-up names passes by)
        _PLAIN_NAMES.clear()
    _PLAIN_NAMES.update(values)
    return False


_PLAIN_NAMES: set[str] = set()
_PLAIN_NAMES_MAX = 4096


def _where(display: str, index: int) -> str:
    """How an error names a change: made only for the error (not for every change read)."""
    return f"{display}: resource_changes[{index}]"


def _action(actions: Any, display: str, index: int, address: str) -> Action | None:
    """The action of a change (None: one that changes no cost, ``read`` or ``forget``)."""
    try:
        return _ACTION_OF[tuple(actions)]  # (a list of known strings: every valid change)
    except (KeyError, TypeError):
        pass
    where = _where(display, index)
    if not isinstance(actions, list) or not all(isinstance(a, str) for a in actions):
        raise InputError(f"{where}.change.actions must be a list of strings ({address})")
    raise InputError(f"{where}.change.actions {actions!r} is not a Terraform plan action")


def _provider_type(provider_name: Any, kind: str) -> str:
    # "registry.terraform.io/hashicorp/aws" -> "aws"; fall back to the type prefix
    if isinstance(provider_name, str) and provider_name:
        return provider_name.rsplit("/", 1)[-1]
    return kind.split("_", 1)[0]


def _true_paths(mask: Any, prefix: str = "") -> list[str]:
    """Dotted paths where a *_unknown / *_sensitive mask is ``true``."""
    if mask is True:
        return [prefix]
    out: list[str] = []
    if isinstance(mask, dict):
        for key, sub in mask.items():
            if sub is True:
                out.append(f"{prefix}.{key}" if prefix else str(key))
            elif sub and isinstance(sub, (dict, list)):
                out.extend(_true_paths(sub, f"{prefix}.{key}" if prefix else str(key)))
    elif isinstance(mask, list):
        for i, sub in enumerate(mask):
            if sub is True:
                out.append(f"{prefix}.{i}" if prefix else str(i))
            elif sub and isinstance(sub, (dict, list)):
                out.extend(_true_paths(sub, f"{prefix}.{i}" if prefix else str(i)))
    return out


def _redact(values: Any, mask: Any) -> Any:
    """``values`` without anything the sensitivity ``mask`` marks; copies only what it changes."""
    if mask is None or mask is False or mask == {} or mask == []:
        return values
    if mask is True:
        return _SENSITIVE
    if isinstance(values, dict) and isinstance(mask, dict):
        out = {}
        for key, value in values.items():
            red = _redact(value, mask.get(key))
            if red is not _SENSITIVE:
                out[key] = red
        return out
    if isinstance(values, list) and isinstance(mask, list):
        return [
            r
            for i, v in enumerate(values)
            if (r := _redact(v, mask[i] if i < len(mask) else None)) is not _SENSITIVE
        ]
    return values


_SENSITIVE = object()


class _Providers:
    """Provider configurations of the plan: region and default tags per config key."""

    def __init__(self, data: Mapping[str, Any], defaults: RegionDefaults) -> None:
        self._defaults = defaults
        # (provider, region, origin) -> addresses priced in a default region
        self._defaulted: dict[tuple[str, str, str], set[str]] = {}
        config = data.get("configuration") if isinstance(data.get("configuration"), dict) else {}
        assert isinstance(config, dict)
        self._config: dict[str, Any] = (
            config.get("provider_config") if isinstance(config.get("provider_config"), dict) else {}
        ) or {}
        variables = data.get("variables")
        self._variables: dict[str, Any] = variables if isinstance(variables, dict) else {}
        self._resource_keys: dict[str, str] = {}
        # configuration address -> the arguments its code writes (``expressions``), so that an
        # argument written with a value known only at apply is told from one left unset that the
        # provider computes (both show unknown in ``after_unknown``)
        self.expressions_of: dict[str, dict[str, Any]] = {}
        # (provider_name, type) -> provider type; (config key, argument) -> (known, value)
        self._provider_types: dict[tuple[Any, str], str] = {}
        self.named: dict[str, str] = {}  # a provider's name (not empty) -> its type
        self._expressions: dict[tuple[str | None, str], tuple[bool, Any]] = {}
        # (config key, provider type) -> (region, the set its default-priced addresses go in)
        self.regions: dict[tuple[str | None, str], tuple[str | None, set[str] | None]] = {}
        self.links = Links()
        # type -> whether a resource of it may be joined to anything (``Links.may_join``)
        self.joining: dict[str, bool] = {}
        # how the values read are made: ``plan_changes`` makes a large plan's by
        # ``frozen.maker`` (the same values, for less than a class call each)
        self.new_resource: Callable[..., Resource] = Resource
        self.new_change: Callable[..., ResourceChange] = ResourceChange
        self._collect(config.get("root_module"), "")
        self.configured = bool(self._resource_keys)  # (else ``config_key`` is None for all)
        self.links.note_state(data.get("prior_state"), _redact)

    def _collect(self, module: Any, prefix: str) -> None:
        if not isinstance(module, dict):
            return
        for res in module.get("resources") or []:
            if isinstance(res, dict) and isinstance(res.get("address"), str):
                key = res.get("provider_config_key")
                if isinstance(key, str):
                    self._resource_keys[prefix + res["address"]] = key
                written = res.get("expressions")
                if isinstance(written, dict) and written:
                    self.expressions_of[prefix + res["address"]] = written
                self.links.note_config(res, prefix)
        for name, call in (module.get("module_calls") or {}).items():
            if isinstance(call, dict):
                self._collect(call.get("module"), f"{prefix}module.{name}.")

    def note_planned(self, entries: list[Any]) -> None:
        """Remember the planned values of the resources others in the plan may depend on
        (terraform_links): of the types some type of the plan can join (``Links.wanted``)."""
        # (looked at here, a large plan's resources cost a lookup each, twice; a type that is
        # not a string is refused by ``_change``)
        try:  # (in C: every entry an object and every type hashable, as in any valid plan)
            found = set(map(dict.get, entries, _TYPE_KEYS))
        except TypeError:
            found = set()
            for entry in entries:
                if isinstance(entry, dict):
                    kind = entry.get("type")
                    if type(kind) is str:
                        found.add(kind)
        kinds = {kind for kind in found if type(kind) is str}
        targets = self.links.wanted(kinds)
        if not targets:
            return
        note = self.links.note_planned
        for entry in entries:
            if isinstance(entry, dict):
                kind = entry.get("type")
                if type(kind) is str and kind in targets:
                    note(entry, _redact, self._written_unknown(entry))

    def _written_unknown(self, entry: Mapping[str, Any]) -> frozenset[str]:
        """The arguments ``entry``'s code writes that its plan shows unknown as a whole (as
        ``_written_unknown`` finds them for a resource itself), for what joins it."""
        change, address = entry.get("change"), entry.get("address")
        mask = change.get("after_unknown") if isinstance(change, dict) else None
        if not mask or not isinstance(address, str) or not self.expressions_of:
            return _NOTHING
        written = self.expressions_of.get(bare_address(address))
        if not written:
            return _NOTHING
        return frozenset(p for p in _true_paths(mask) if _from_apply(_written_at(written, p)))

    def provider_type(self, provider_name: Any, kind: str) -> str:
        key = (provider_name if isinstance(provider_name, str) else None, kind)
        found = self._provider_types.get(key)
        if found is None:
            found = self._provider_types[key] = _provider_type(provider_name, kind)
            if isinstance(provider_name, str) and provider_name:  # (its type, whatever the kind)
                self.named[provider_name] = found
        return found

    def config_key(self, address: str, entry: Mapping[str, Any]) -> str | None:
        if not self._resource_keys:
            return None  # a plan without its configuration (other generators)
        # configuration addresses carry no count/for_each index: strip "[...]" parts
        bare = bare_address(address)
        key = self._resource_keys.get(bare)
        if key is None and isinstance(entry.get("provider_name"), str):
            return None
        return key

    def _entry(self, key: str | None) -> dict[str, Any] | None:
        if key is None:
            return None
        entry = self._config.get(key)
        if entry is None and ":" in key:
            # older Terraform writes "module_name:aws"; the provider may be inherited from root
            entry = self._config.get(key.rsplit(":", 1)[-1])
        return entry if isinstance(entry, dict) else None

    def region(self, key: str | None, provider: str, address: str) -> str | None:
        """The provider configuration's region; where it sets none, the default (counted for
        the report's note). A region computed from something unknown stays unknown."""
        found = self.regions.get((key, provider))
        if found is None:
            found = self.regions[(key, provider)] = self._region_of(key, provider)
        region, defaulted = found
        if defaulted is not None:
            defaulted.add(address)
        return region

    def _region_of(self, key: str | None, provider: str) -> tuple[str | None, set[str] | None]:
        """(region, the addresses priced in it by default, or None where the plan says)."""
        arg = _REGION_ARG.get(provider)
        if arg is None:
            return None, None
        known, value = self.expression(key, arg)
        if isinstance(value, str) and value:
            return value, None
        if known and value is not None:
            return None, None  # set, but not to a region name
        if not known and self._entry(key) is not None:
            return None, None  # set from something the plan does not know
        default = self._defaults.get(provider)
        if default is None:
            return None, None
        return default[0], self._defaulted.setdefault((provider, *default), set())

    def region_notes(self, display: str) -> list[str]:
        return [
            f"{display}: {len(addresses)} {provider} resource(s) whose provider sets no "
            f"{_REGION_ARG[provider]} priced in {region} (from {origin})"
            for (provider, region, origin), addresses in sorted(self._defaulted.items())
        ]

    def expression(self, key: str | None, arg: str) -> tuple[bool, Any]:
        """(known, value) of a provider argument; unknown when it references something unset.
        ``(True, None)``: the provider block does not set it."""
        found = self._expressions.get((key, arg))
        if found is None:
            found = self._expressions[(key, arg)] = self._expression(key, arg)
        return found

    def _expression(self, key: str | None, arg: str) -> tuple[bool, Any]:
        entry = self._entry(key)
        if entry is None:
            return False, None
        expr = (entry.get("expressions") or {}).get(arg)
        if not isinstance(expr, dict):
            return True, None
        if "constant_value" in expr:
            return True, expr["constant_value"]
        for ref in expr.get("references") or []:
            if isinstance(ref, str) and ref.startswith("var."):
                var = self._variables.get(ref[4:].split(".")[0])
                if isinstance(var, dict) and "value" in var:
                    return True, var["value"]
        return False, None

    def default_tags_refs(self, key: str | None) -> tuple[dict[str, str], tuple[str, ...] | None]:
        """(default tags, None when all known, else the references behind the unknown part).

        ``tags = var.default_tags`` resolves from the plan's variables; an object written with
        references (``{"finops:team" = var.team}``) hides its keys from the plan JSON.
        """
        entry = self._entry(key)
        if entry is None:
            return {}, None
        blocks = (entry.get("expressions") or {}).get("default_tags")
        if not isinstance(blocks, list):
            return {}, None
        tags: dict[str, str] = {}
        refs: list[str] | None = None
        for block in blocks:
            expr = block.get("tags") if isinstance(block, dict) else None
            if not isinstance(expr, dict):
                continue
            value = expr.get("constant_value")
            named = [r for r in expr.get("references") or [] if isinstance(r, str)]
            if value is None and len(named) == 1 and named[0].startswith("var."):
                var = self._variables.get(named[0][4:])
                value = var.get("value") if isinstance(var, dict) else None
            if isinstance(value, dict):
                tags.update({str(k): str(v) for k, v in value.items()})
            else:
                refs = [*(refs or []), *named]
        return tags, None if refs is None else tuple(refs)


def _region(
    values: Mapping[str, Any],
    address: str,
    provider: str,
    providers: _Providers,
    key: str | None,
) -> str | None:
    if provider == "azurerm":
        location = own_region(provider, values)
        if location is not None:
            return location
    elif provider in ("google", "google-beta"):
        found = _google_region(values, providers, key)
        if found is not None:
            return found
    else:
        own = values.get(_OWN_REGION_ARG.get(provider, "region"))
        if isinstance(own, str) and own and provider in _OWN_REGION_ARG:
            return own
    # a "region" argument unknown until apply (S3 buckets compute it) defaults to the provider's
    return providers.region(key, provider, address)


def azure_location(value: Any) -> str | None:
    """Azure's display name or ARM name as the ARM region name: "West Europe" -> westeurope."""
    if not isinstance(value, str) or not value.strip():
        return None
    return "".join(value.split()).lower()


# compiled at its first use, not at import (start-up: only a Google zone needs it)
@functools.cache
def _zone() -> re.Pattern[str]:
    return re.compile(r"^([a-z]+-[a-z]+\d+)-[a-z]$")


def _google_region(values: Mapping[str, Any], providers: _Providers, key: str | None) -> str | None:
    """A google resource's own region: its ``region``, ``zone`` or ``location`` (a zone gives its
    region; a GCS multi- or dual-region such as ``US`` or ``NAM4`` stays itself, lowercased), else
    the provider block's ``zone`` when it sets no ``region``."""
    own = own_region("google", values)
    if own is not None:
        return own
    known, region = providers.expression(key, "region")
    if not (known and isinstance(region, str) and region):
        known, zone = providers.expression(key, "zone")
        if known and isinstance(zone, str) and zone:
            return _google_location(zone)
    return None  # the provider's region (or the configured default) as for every provider


def own_region(provider: str, values: Mapping[str, Any]) -> str | None:
    """A google or azurerm resource's own region from its arguments, normalised (shared with the
    ``.tf`` reader): azurerm ``location``; google ``region``, ``zone`` or ``location``."""
    links = values.get(LINK_KEY)
    links = links if isinstance(links, Mapping) else {}
    # a child without a location of its own (an AKS or GKE node pool, a SQL database) lives
    # where the parent the readers joined lives (terraform_links)
    parent = links.get("cluster") or links.get("server")
    parent_location = parent.get("location") if isinstance(parent, Mapping) else None
    if provider == "azurerm":
        return azure_location(values.get("location")) or azure_location(parent_location)
    if provider in ("google", "google-beta"):
        for own in (*(values.get(arg) for arg in ("region", "zone", "location")), parent_location):
            if isinstance(own, str) and own:
                return _google_location(own)
    return None


def _google_location(value: str) -> str:
    value = value.strip().lower()
    zone = _zone().match(value)
    return zone.group(1) if zone else value


def _tags(
    values: Mapping[str, Any],
    unknown: frozenset[str],
    provider: str,
    providers: _Providers,
    key: str | None,
) -> tuple[dict[str, str] | None, frozenset[str]]:
    """Effective tags (AWS ``tags_all`` / ``tags`` + default_tags, GCP labels, Azure tags)."""
    if provider == "aws":
        tags_all = values.get("tags_all")
        if isinstance(tags_all, dict) and "tags_all" not in unknown:
            return _strings(tags_all), _pending(unknown, "tags_all.")
        defaults, refs = providers.default_tags_refs(key)
        defaults_known = refs is None
        own = values.get("tags") if isinstance(values.get("tags"), dict) else {}
        assert isinstance(own, dict)
        tags = {**defaults, **{str(k): str(v) for k, v in own.items() if v is not None}}
        pending = {p.split(".", 1)[1] for p in unknown if p.startswith("tags.")}
        if "tags" in unknown or not defaults_known:
            pending.add("*")
            # "*<reference>": what the unknown keys come from, for the tag policy's message
            pending.update(f"*{r}" for r in refs or ())
        if "tags" not in values and "tags_all" not in values and "tags" not in unknown:
            return (tags or None), frozenset(pending)
        return tags, frozenset(pending)
    # GCP: terraform_labels (labels + provider default_labels) or effective_labels (also those
    # set outside Terraform); Azure: tags
    for attr in ("terraform_labels", "effective_labels", "labels", "tags"):
        if isinstance(values.get(attr), dict):
            pending = {p.split(".", 1)[1] for p in unknown if p.startswith(attr + ".")}
            return {str(k): str(v) for k, v in values[attr].items()}, frozenset(pending)
        if attr in unknown:
            if not _labels_follow(unknown, provider, providers, key, attr):
                return {}, frozenset({"*"})
            labels = values.get("labels")
            own = labels if isinstance(labels, dict) else {}
            return {str(k): str(v) for k, v in own.items()}, frozenset()
    return None, frozenset()


_NOTHING: frozenset[str] = frozenset()
_TYPE_KEYS = itertools.repeat("type")


def _pending(unknown: frozenset[str], prefix: str) -> frozenset[str]:
    """The keys under ``prefix`` that are unknown until apply."""
    if not unknown:
        return _NOTHING
    # by value: the resources of a plan share a few sets of unknown paths ({"id", "arn"})
    key = (unknown, prefix)
    found = _PENDING.get(key)
    if found is None:
        found = frozenset({p[len(prefix) :] for p in unknown if p.startswith(prefix)})
        if len(_PENDING) >= 4096:  # (bounded: a plan of distinct sets passes through)
            _PENDING.clear()
        _PENDING[key] = found
    return found


_PENDING: dict[tuple[frozenset[str], str], frozenset[str]] = {}


def _strings(tags: dict[Any, Any]) -> dict[str, str]:
    """A tag map as strings, without null values; the plan's own map when it is one already
    (JSON keys are strings, and tags are read, never changed)."""
    try:
        "".join(tags.values())  # (in C: stops at the first value that is not a string)
    except TypeError:
        return {str(k): str(v) for k, v in tags.items() if v is not None}
    return tags


def _labels_follow(
    unknown: frozenset[str], provider: str, providers: _Providers, key: str | None, attr: str
) -> bool:
    """True when a google resource's computed ``terraform_labels``/``effective_labels`` (unknown
    in a plan that creates it) equal its known ``labels``: the provider sets no default_labels."""
    if provider not in ("google", "google-beta") or attr not in (
        "terraform_labels",
        "effective_labels",
    ):
        return False
    known, defaults = providers.expression(key, "default_labels")
    labels_unknown = any(p == "labels" or p.startswith("labels.") for p in unknown)
    return known and not defaults and not labels_unknown
