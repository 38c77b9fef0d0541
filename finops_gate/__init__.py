"""finops-gate: a pre-merge cost gate for infrastructure, Kubernetes and AI-model changes."""

__version__ = "0.1.0"
