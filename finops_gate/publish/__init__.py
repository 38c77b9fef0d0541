"""Publishing to CI platforms: the only network code of the gate.

``base.py`` the ``Publisher`` protocol (a platform's primitives) and, once, generic over it, the
comment behaviours, staleness, trimming, the status and approval collection (``Publication``);
``github.py`` the GitHub primitives (PyGithub); ``gitlab.py`` the GitLab primitives
(python-gitlab); ``comment.py`` the text every publisher posts
(marker, trimmed body, status line); ``approvals.py`` the platform-neutral approval data;
``post.py`` the ``--post`` sequence: approvals applied to the report, then comment and status.

``PUBLISHERS`` maps a platform (``PullRequestContext.platform``) to a factory; the platform
modules and their API clients are imported lazily, so ``finops-gate check`` starts fast and runs
without them installed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from finops_gate.ci import PullRequestContext
    from finops_gate.publish.base import Publisher
    from finops_gate.report.document import Document

COMMENT_BEHAVIORS = ("update", "new", "delete-and-new", "hide-and-new")
STATUS_CONTEXT = "finops-gate"


def _github(ctx: PullRequestContext) -> Publisher:
    from finops_gate.publish.github import GitHubPublisher

    return GitHubPublisher(ctx)


def _gitlab(ctx: PullRequestContext) -> Publisher:
    from finops_gate.publish.gitlab import GitLabPublisher

    return GitLabPublisher(ctx)


# platform -> factory of its Publisher (alphabetical; one line per platform)
PUBLISHERS: dict[str, Callable[[PullRequestContext], Publisher]] = {
    "github": _github,
    "gitlab": _gitlab,
}

# platforms that cannot hide a comment: ``hide-and-new`` is a usage error there, before the check
CANNOT_HIDE = frozenset({"gitlab"})
# platforms where a failure to post (no token, API refused or down) is logged and the job still
# exits with the verdict's code: on GitLab the job's own result is the gate. On GitHub it is exit 2.
POST_FAILURE_LOGGED = frozenset({"gitlab"})


def _github_annotations(doc: Document) -> list[str]:
    from finops_gate.publish.github import workflow_annotations

    return workflow_annotations(doc)


# platform -> the findings as the CI's own annotations (printed in the job log), where it has them
ANNOTATIONS: dict[str, Callable[[Document], list[str]]] = {
    "github": _github_annotations,
}
