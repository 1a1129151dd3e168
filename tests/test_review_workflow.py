"""The scheduled import workflow: on a schedule and by hand, secrets via env, one pull request."""

from __future__ import annotations

from pathlib import Path

import yaml

WORKFLOW = Path(__file__).resolve().parents[1] / ".github" / "workflows" / "import-reviews.yml"


def test_the_import_workflow() -> None:
    data = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    triggers = data.pop(True)  # YAML 1.1 reads the key `on` as true
    assert set(triggers) == {"schedule", "workflow_dispatch"}
    assert triggers["schedule"][0]["cron"]
    assert data["permissions"] == {"contents": "read"}
    (job,) = data["jobs"].values()
    assert job["permissions"] == {"contents": "write", "pull-requests": "write"}
    assert data["defaults"]["run"]["shell"] == "bash"
    steps = job["steps"]
    runs = [s.get("run", "") for s in steps]
    importing = next(s for s in steps if "import --from-api" in s.get("run", ""))
    assert set(importing["env"]) == {
        "NETLIFY_AUTH_TOKEN",
        "NETLIFY_FORM_ID",
        "REVIEW_HASH_KEY",
        "REVIEW_TOKEN_KEY",
    }
    assert any("scripts/validate.py" in run for run in runs)
    pull_request = next(s for s in steps if s.get("uses", "").startswith("peter-evans/"))
    assert pull_request["with"]["branch"] == "reviews/import"
    assert pull_request["with"]["add-paths"] == "content/reviews"
