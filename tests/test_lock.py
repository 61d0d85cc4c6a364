"""Dependencies locked (issue 27): every package pinned with its hashes, the lock files agreeing with the
requirement files they were made from and with each other, and the Makefile installing from them."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def pins(path: Path) -> dict[str, str]:
    """name → version of every `name==version` (or `name[extras]==version`) line, requirement files and
    pip-compile's lock files alike."""
    found = {}
    for line in path.read_text().splitlines():
        match = re.match(r"^([A-Za-z0-9_.\-]+)(?:\[[^\]]*\])?==([^\s;\\]+)", line.strip())
        if match:
            found[match.group(1).lower().replace("_", "-")] = match.group(2)
    return found


def hashed(path: Path) -> set[str]:
    """The packages of a lock file that carry at least one sha256 hash."""
    names, current = set(), None
    for line in path.read_text().splitlines():
        match = re.match(r"^([A-Za-z0-9_.\-]+)==", line)
        if match:
            current = match.group(1).lower().replace("_", "-")
        elif current and "--hash=sha256:" in line:
            names.add(current)
    return names


def test_every_package_of_each_lock_is_pinned_with_its_hashes():
    for lock in ("requirements.lock", "requirements-dev.lock"):
        pinned = pins(ROOT / lock)
        assert len(pinned) > 40, lock  # the direct dependencies and all those below them
        assert hashed(ROOT / lock) == set(pinned), lock


def test_the_locks_hold_the_versions_the_requirement_files_pin_and_agree_with_each_other():
    runtime, dev = pins(ROOT / "requirements.lock"), pins(ROOT / "requirements-dev.lock")
    for name, version in pins(ROOT / "requirements.txt").items():
        assert runtime.get(name) == version, name
    for name, version in pins(ROOT / "requirements-dev.txt").items():
        assert dev.get(name) == version, name
    # What the app runs on is the same in both: the tests try the program that is served.
    assert {name: dev.get(name) for name in runtime} == runtime


def test_the_makefile_installs_from_the_locks_with_their_hashes():
    makefile = (ROOT / "Makefile").read_text()
    assert "pip install -q --require-hashes -r requirements.lock" in makefile
    assert "pip install -q --require-hashes -r requirements-dev.lock" in makefile
    assert "install -q -r requirements" not in makefile  # never the floating requirement files
