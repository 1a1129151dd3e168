"""JSON Schemas for editors: generated from the model, never stale, accepting every sample."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import CONTENT, ROOT, write

from copernica_directory.model.jsonschemas import generate, render

SCHEMAS = ROOT / "schemas"
CHECK = Path(sys.executable).with_name("check-jsonschema")


def check(schema: str, *files: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(CHECK), "--schemafile", str(SCHEMAS / f"{schema}.schema.json"), *map(str, files)],
        capture_output=True,
        text=True,
        check=False,
    )


def test_committed_schemas_are_current() -> None:
    for name, schema in generate(CONTENT).items():
        path = SCHEMAS / f"{name}.schema.json"
        assert path.read_text(encoding="utf-8") == render(schema), (
            f"{path.name} is stale: run scripts/generate_schemas.py"
        )


def test_every_sample_file_passes_check_jsonschema() -> None:
    partners = sorted(CONTENT.glob("partners/*/partner.yaml"))
    assert len(partners) >= 12
    result = check("partner", *partners)
    assert result.returncode == 0, result.stdout + result.stderr
    result = check("taxonomy", *sorted(CONTENT.glob("taxonomy/*.yaml")))
    assert result.returncode == 0, result.stdout + result.stderr


def test_schema_rejects_what_the_validator_rejects(tmp_path: Path) -> None:
    source = (CONTENT / "partners" / "maasmail" / "partner.yaml").read_text(encoding="utf-8")
    bad = write(tmp_path / "partner.yaml", source.replace("brands:", "brandz:"))
    result = check("partner", bad)
    assert result.returncode == 1
    assert "brandz" in result.stdout


def test_scaffold_and_samples_point_editors_at_the_schema() -> None:
    first = (CONTENT / "partners" / "maasmail" / "partner.yaml").read_text().splitlines()[0]
    assert first == "# yaml-language-server: $schema=../../../schemas/partner.schema.json"
    assert (
        CONTENT / "partners" / "maasmail" / "../../../schemas/partner.schema.json"
    ).resolve() == (SCHEMAS / "partner.schema.json")
