"""Publishing to CI platforms: the only network code of the gate.

``base.py`` the ``Publisher`` protocol (a platform's primitives) and, once, generic over it, the
comment behaviours, staleness, trimming, the status and approval collection (``Publication``);
``github.py`` the GitHub primitives (PyGithub); ``comment.py`` the text every publisher posts
(marker, trimmed body, status line); ``approvals.py`` the platform-neutral approval data;
``post.py`` the ``--post`` sequence: approvals applied to the report, then comment and status.

``PUBLISHERS`` maps a platform (``PullRequestContext.platform``) to a factory; the platform
modules and their API clients are imported lazily, so ``finops-gate check`` starts fast and runs
without them installed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from finops_gate.ci import PullRequestContext
    from finops_gate.publish.base import Publisher

COMMENT_BEHAVIORS = ("update", "new", "delete-and-new", "hide-and-new")
STATUS_CONTEXT = "finops-gate"


def _github(ctx: PullRequestContext) -> Publisher:
    from finops_gate.publish.github import GitHubPublisher

    return GitHubPublisher(ctx)


# platform -> factory of its Publisher (alphabetical; one line per platform)
PUBLISHERS: dict[str, Callable[[PullRequestContext], Publisher]] = {
    "github": _github,
}


def _github_annotations(doc: dict[str, Any]) -> list[str]:
    from finops_gate.publish.github import workflow_annotations

    return workflow_annotations(doc)


# platform -> the findings as the CI's own annotations (printed in the job log), where it has them
ANNOTATIONS: dict[str, Callable[[dict[str, Any]], list[str]]] = {
    "github": _github_annotations,
}
