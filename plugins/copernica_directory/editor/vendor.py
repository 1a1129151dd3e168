"""The web editor's browser code, vendored: pinned releases from the npm registry, checked
against their published integrity and unpacked beside the virtual environment.

- Decap CMS: the editor itself. Only the package's own tarball is fetched (`npm pack`), never
  its 630 dependencies: the release ships a self-contained bundle (dist/decap-cms.js and the
  chunks it loads from its own folder by name).
- yaml (eemeli/yaml): the YAML writer of our file formats (theme/static/admin/formats.js), as
  the ES modules of its browser build.

The build copies each into /admin/vendor/ under a folder named by its digest, so nothing of the
editor comes from a CDN and a new release is a new address.
"""

from __future__ import annotations

import base64
import hashlib
import io
import re
import shutil
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

_LIMIT = 64 * 1024 * 1024  # a tarball member larger than this is not a release we pinned


class VendorError(Exception):
    """A vendored package is missing or is not the pinned release."""


@dataclass(frozen=True)
class Pin:
    """One npm release: the integrity npm's registry publishes for it (`npm view
    <name>@<version> dist.integrity`), and which of its files the browser needs."""

    name: str
    version: str
    integrity: str
    folder: str  # the folder of the tarball that is published (below package/)
    files: re.Pattern[str]  # paths below that folder that are published
    entry: str  # the file the editor's page loads

    @property
    def spec(self) -> str:
        return f"{self.name}@{self.version}"


DECAP = Pin(
    "decap-cms",
    "3.16.3",
    "sha512-hf+dPlCh7TJmWl8+6VRzHYOWhri5xgUknrZbDewaWe4s9B7xJ8PQugp2QHeSldMUKzav6+z0oIpwUYhUJDYtYw==",
    "dist",
    re.compile(r"decap-cms\.js|\d+\.decap-cms\.js|decap-cms\.js\.LICENSE\.txt"),
    "decap-cms.js",
)
YAML = Pin(
    "yaml",
    "2.9.1",
    "sha512-3NxN8+78OdzbT7C/WjGsyfPAtJaN3FNDsWxv7Y7mcDsT/oOmgW8BpyQQFFBnvZE3j9Y2Sdz1ULFLezL7Eb2yFw==",
    "browser/dist",
    # Path parts never start with a dot: no "..", nothing hidden.
    re.compile(r"(?:[\w-][\w.-]*/)*[\w-][\w.-]*\.js", re.ASCII),
    "index.js",
)
PINS = (DECAP, YAML)


@dataclass(frozen=True)
class Bundle:
    """An unpacked release: its folder, its files and the digest that names it in the build."""

    pin: Pin
    folder: Path
    digest: str

    @property
    def files(self) -> list[Path]:
        """Every published file, by its path below the folder."""
        return sorted(
            p.relative_to(self.folder)
            for p in self.folder.rglob("*")
            if p.is_file() and self.pin.files.fullmatch(p.relative_to(self.folder).as_posix())
        )


def bundle_folder(root: Path, pin: Pin) -> Path:
    """Where `fetch` unpacks `pin` below `root` (the virtual environment)."""
    return root / "vendor" / f"{pin.name}-{pin.version}"


def integrity_of(data: bytes) -> str:
    """npm's integrity string (Subresource Integrity format) of `data`."""
    return "sha512-" + base64.b64encode(hashlib.sha512(data).digest()).decode("ascii")


def unpack(pin: Pin, tarball: bytes, root: Path) -> Bundle:
    """Check `tarball` against `pin` and unpack its published files into its folder below
    `root`, replacing whatever was there; nothing else of the archive is written."""
    if integrity_of(tarball) != pin.integrity:
        raise VendorError(
            f"the downloaded {pin.spec} does not match its pinned integrity "
            "(editor/vendor.py); refusing to use it"
        )
    folder = bundle_folder(root, pin)
    folder.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{pin.name}-", dir=folder.parent))
    prefix = f"package/{pin.folder}/"
    try:
        with tarfile.open(fileobj=io.BytesIO(tarball), mode="r:gz") as archive:
            for member in archive.getmembers():
                name = member.name.removeprefix(prefix)
                if name == member.name or not member.isfile() or not pin.files.fullmatch(name):
                    continue  # source maps, other builds, package.json: not published
                if member.size > _LIMIT:
                    raise VendorError(f"{pin.spec}: {member.name} is larger than expected")
                data = archive.extractfile(member)
                assert data is not None  # a regular file member
                target = staging / name
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(data.read())
        if not (staging / pin.entry).is_file():
            raise VendorError(f"{pin.spec}: the tarball has no {pin.folder}/{pin.entry}")
        (staging / "INTEGRITY").write_text(pin.integrity + "\n", encoding="ascii")
        if folder.exists():
            shutil.rmtree(folder)
        staging.rename(folder)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return load(root, pin)


def fetch(root: Path, pin: Pin) -> Bundle:
    """`pin` unpacked below `root`, downloaded from the npm registry when it is not there."""
    try:
        return load(root, pin)
    except VendorError:
        pass
    folder = bundle_folder(root, pin)
    folder.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=folder.parent) as tmp:
        try:
            subprocess.run(
                ["npm", "pack", pin.spec, "--pack-destination", tmp, "--silent"],
                check=True,
                capture_output=True,
                text=True,
            )
        except (OSError, subprocess.CalledProcessError) as error:
            detail = getattr(error, "stderr", "") or str(error)
            raise VendorError(
                f"could not download {pin.spec} with npm: {detail.strip()}"
            ) from error
        (tarball,) = Path(tmp).glob("*.tgz")
        return unpack(pin, tarball.read_bytes(), root)


def load(root: Path, pin: Pin) -> Bundle:
    """`pin` as unpacked below `root`, checked to be the pinned release."""
    folder = bundle_folder(root, pin)
    marker = folder / "INTEGRITY"
    if not marker.is_file() or marker.read_text(encoding="ascii").strip() != pin.integrity:
        raise VendorError(
            f"the web editor's {pin.spec} is not installed in the virtual environment; "
            "run `make install`"
        )
    digest = hashlib.sha256()
    bundle = Bundle(pin, folder, "")
    for path in bundle.files:
        digest.update(path.as_posix().encode() + b"\0" + (folder / path).read_bytes())
    return Bundle(pin, folder, digest.hexdigest()[:10])
