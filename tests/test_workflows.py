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
    # Its one checkout is the default branch (see below); nothing is installed or built.
    for step in steps(data):
        assert not any(word in step.get("run", "") for word in ("make", "pip", ".venv")), step


def workflow(name: str) -> dict:
    return load(next(p for p in WORKFLOWS if p.name == name))


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_checkouts_leave_no_token_behind(path: Path) -> None:
    # zizmor's artipacked: a token kept in .git/config is readable by every later step.
    for step in steps(load(path)):
        if step.get("uses", "").startswith("actions/checkout@"):
            assert step.get("with", {}).get("persist-credentials") is False, path.name


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_zizmor_ignores_say_why(path: Path) -> None:
    for line in path.read_text(encoding="utf-8").splitlines():
        if "zizmor: ignore[" in line:
            assert re.search(r"zizmor: ignore\[[\w,-]+\]\s+\S.{20,}", line), line


def test_comment_job_checks_out_only_the_default_branch() -> None:
    data = workflow("pull-request-comment.yml")
    assert data["permissions"] == {}
    (job,) = data["jobs"].values()
    assert job["permissions"] == {
        "actions": "read",
        "contents": "read",
        "pull-requests": "write",
    }
    checkouts = [s for s in job["steps"] if s.get("uses", "").startswith("actions/checkout@")]
    assert len(checkouts) == 1
    # No ref, no repository: a workflow_run job then gets the default branch's latest commit.
    assert set(checkouts[0].get("with", {})) == {"persist-credentials"}
    for step in job["steps"]:
        for value in [*step.get("with", {}).values(), *step.get("env", {}).values()]:
            assert "head" not in str(value), step


def test_comment_job_runs_only_its_own_script_and_takes_no_number_from_the_artifact() -> None:
    (job,) = workflow("pull-request-comment.yml")["jobs"].values()
    runs = [s["run"].strip() for s in job["steps"] if "run" in s]
    assert runs == ['python3 scripts/pr_comment.py --report "$REPORT"']
    download = next(s for s in job["steps"] if "download-artifact" in s.get("uses", ""))
    # Outside the checkout, so nothing in the artifact can replace the code that reads it.
    assert download["with"]["path"].startswith("${{ runner.temp }}/")
    (post,) = (s for s in job["steps"] if "run" in s)
    assert post["env"]["REPORT"] == "${{ runner.temp }}/pr-report/report.json"
    assert set(post["env"]) == {"GH_TOKEN", "NETLIFY_SITE_NAME", "REPORT"}
    text = (WORKFLOWS[0].parent / "pull-request-comment.yml").read_text(encoding="utf-8")
    assert "number" not in "\n".join(line.split("#")[0] for line in text.splitlines())


def test_pull_request_job_fails_exactly_when_the_report_does() -> None:
    data = workflow("pull-request.yml")
    (job,) = data["jobs"].values()
    assert all("continue-on-error" not in s for s in job["steps"])
    runs = [s.get("run", "") for s in job["steps"]]
    gate = next(i for i, r in enumerate(runs) if "scripts/pr_report.py" in r)
    # The report is the gate: it builds the site itself; no other content check or build.
    assert "--build" in runs[gate] and "--data report/report.json" in runs[gate]
    assert not any("make build" in r or "validate.py" in r or "check_ownership" in r for r in runs)
    upload = next(s for s in job["steps"] if "upload-artifact" in s.get("uses", ""))
    assert upload["if"] == "always()" and upload["with"]["path"] == "report/report.json"
    tests = next(i for i, r in enumerate(runs) if ".ci/run" in r)
    assert tests > gate  # the tests run only once the gate passed
    assert "PR_NUMBER" not in job["env"]
