"""Base and head resources matched by address; model settings that move files pair up."""

from __future__ import annotations

from finops_gate.changes import REMOVED, match
from finops_gate.model import Action, Resource


def _model(address: str, model: str = "gpt-4o") -> Resource:
    return Resource(address, "models", "llm_model", "llm", attributes={"model": model})


def test_a_setting_moved_to_another_file_under_the_same_key_path_is_one_change() -> None:
    (change,) = match([_model("config/a.yaml#chat.model")], [_model("config/b.yaml#chat.model")])
    assert change.action is Action.NOOP
    assert change.address == "config/b.yaml#chat.model"
    assert change.before is not None and change.before.address == "config/a.yaml#chat.model"


def test_a_moved_setting_with_a_new_model_is_an_update() -> None:
    (change,) = match(
        [_model("a.yaml#chat.model", "gpt-4o-mini")], [_model("b.yaml#chat.model", "gpt-4-turbo")]
    )
    assert change.action is Action.UPDATE


def test_ambiguous_moves_stay_a_removal_and_creates() -> None:
    changes = match([_model("a.yaml#model")], [_model("b.yaml#model"), _model("c.yaml#model")])
    assert [c.action for c in changes] == [Action.UPDATE, Action.CREATE, Action.CREATE]
    assert changes[0].after is not None and changes[0].after.attributes[REMOVED] is True


def test_a_different_key_path_is_a_removal_and_a_create() -> None:
    changes = match([_model("a.yaml#chat.model")], [_model("a.yaml#assistant.model")])
    assert sorted(c.action for c in changes) == [Action.CREATE, Action.UPDATE]


def test_a_removed_model_setting_is_not_a_deletion() -> None:
    """The application falls back to a default the change does not show: the head side is the
    same setting marked removed (priced as unknown), never a delete that reads as a saving."""
    (change,) = match([_model("a.yaml#chat.model", "gpt-4o")], [])
    assert change.action is Action.UPDATE
    assert change.before is not None and change.after is not None
    assert change.after.attributes == {"model": "gpt-4o", REMOVED: True}
    assert change.before.attributes == {"model": "gpt-4o"}


def test_terraform_resources_never_pair_as_moves() -> None:
    base = [Resource("aws_instance.a", "terraform", "aws_instance", "aws")]
    head = [Resource("aws_instance.b", "terraform", "aws_instance", "aws")]
    assert sorted(c.action for c in match(base, head)) == [Action.CREATE, Action.DELETE]


def _instance(address: str, itype: str = "m5.large") -> Resource:
    return Resource(
        address, "terraform", "aws_instance", "aws", attributes={"instance_type": itype}
    )


def test_adding_count_keeps_the_existing_object_as_instance_zero() -> None:
    """Terraform's implied move (no ``moved`` block needed): the object is not replaced."""
    changes = match(
        [_instance("aws_instance.a")],
        [_instance("aws_instance.a[0]"), _instance("aws_instance.a[1]")],
    )
    assert [(c.address, c.action) for c in changes] == [
        ("aws_instance.a[0]", Action.NOOP),
        ("aws_instance.a[1]", Action.CREATE),
    ]
    assert changes[0].before is not None and changes[0].before.address == "aws_instance.a"


def test_dropping_count_keeps_instance_zero_as_the_resource() -> None:
    base = [_instance("module.m.aws_instance.a[0]"), _instance("module.m.aws_instance.a[1]")]
    changes = match(base, [_instance("module.m.aws_instance.a", "m5.xlarge")])
    assert [(c.address, c.action) for c in changes] == [
        ("module.m.aws_instance.a", Action.UPDATE),
        ("module.m.aws_instance.a[1]", Action.DELETE),
    ]


def test_no_implied_move_for_for_each_keys_or_when_both_addresses_exist() -> None:
    for_each = match([_instance("aws_instance.a")], [_instance('aws_instance.a["x"]')])
    assert sorted(c.action for c in for_each) == [Action.CREATE, Action.DELETE]
    both = match(
        [_instance("aws_instance.a"), _instance("aws_instance.b")],
        [_instance("aws_instance.a"), _instance("aws_instance.a[0]")],
    )
    assert [(c.address, c.action) for c in both] == [
        ("aws_instance.a", Action.NOOP),
        ("aws_instance.a[0]", Action.CREATE),
        ("aws_instance.b", Action.DELETE),
    ]
