"""Publishing to CI platforms: the only network code of the gate.

``github.py`` (PyGithub): the PR comment upsert, the ``finops-gate`` commit status, and the
approvals of engineering leads. The platform clients are imported lazily inside functions so
``finops-gate check`` starts fast and runs without them installed.

``comment.py`` the text every publisher posts (marker, trimmed body, status line);
``approvals.py`` the platform-neutral approval data the publishers hand to the gate;
``post.py`` the ``--post`` sequence: approvals applied to the report, then comment and status.
"""

from __future__ import annotations

COMMENT_BEHAVIORS = ("update", "new", "delete-and-new", "hide-and-new")
STATUS_CONTEXT = "finops-gate"
