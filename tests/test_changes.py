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
