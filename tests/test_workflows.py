"""The GitHub Actions workflows: pinned actions, least privilege, no script injection."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

WORKFLOWS = sorted((Path(__file__).resolve().parents[1] / ".github" / "workflows").glob("*.yml"))


def load(path: Path) -> dict:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as true
    return data


def steps(data: dict) -> list[dict]:
    return [step for job in data["jobs"].values() for step in job.get("steps", [])]


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_actions_are_pinned_to_commits(path: Path) -> None:
    for step in steps(load(path)):
        if "uses" in step:
            assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", step["uses"]), step["uses"]


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_no_untrusted_expression_inside_run(path: Path) -> None:
    for step in steps(load(path)):
        assert "${{" not in step.get("run", ""), (path.name, step.get("name"))


def test_pull_request_checks_cannot_write() -> None:
    data = load(next(p for p in WORKFLOWS if p.name == "pull-request.yml"))
    assert "pull_request" in data["on"] and "pull_request_target" not in data["on"]
    assert data["permissions"] == {"contents": "read"}


def test_comment_workflow_never_runs_pull_request_code() -> None:
    data = load(next(p for p in WORKFLOWS if p.name == "pull-request-comment.yml"))
    assert "workflow_run" in data["on"]
    uses = [s.get("uses", "") for s in steps(data)]
    assert not any(u.startswith("actions/checkout") for u in uses)
    assert all("make" not in s.get("run", "") for s in steps(data))
