"""msgspec types of the fast plan reader (``terraform_plan_json``), imported only for a large
plan: the members the reader keeps, and of ``prior_state`` only what ``data_sources`` walks."""

from typing import Any

from msgspec import UNSET, Raw, Struct, UnsetType


class Head(Struct):
    """A prior-state resource's mode; the rest of it is skipped."""

    mode: Any = None


class Module(Struct):
    """A state module: its resources undecoded (Raw), its child modules."""

    resources: list[Raw] | None = None
    child_modules: list["Module"] | None = None


class Values(Struct):
    root_module: Module | None = None


class State(Struct):
    values: Values | None = None


class Plan(Struct):
    """The members the reader keeps (decoded), or whose presence it reads (Raw: checked, not
    decoded); msgspec checks and skips the others."""

    format_version: Any = UNSET
    terraform_version: Any = UNSET
    resource_changes: Any = UNSET
    configuration: Any = UNSET
    variables: Any = UNSET
    errored: Any = UNSET
    complete: Any = UNSET
    deferred_changes: Any = UNSET
    prior_state: State | UnsetType | None = UNSET
    planned_values: Raw | UnsetType = UNSET
    values: Raw | UnsetType = UNSET


PRESENT = ("planned_values", "values")
