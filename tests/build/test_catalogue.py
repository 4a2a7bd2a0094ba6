"""The raw-file catalogue and data/raw/SOURCES.md against the files of data/raw."""

from __future__ import annotations

import hashlib
import re

import pytest

from orion_data.build.catalogue import CATALOGUE
from orion_data.paths import RAW_DIR

SOURCES = (RAW_DIR / "SOURCES.md").read_text(encoding="utf-8")
RAW_FILES = sorted(
    path.relative_to(RAW_DIR).as_posix()
    for path in RAW_DIR.rglob("*")
    if path.is_file() and path.name != "SOURCES.md"
)


@pytest.mark.parametrize("key", sorted(CATALOGUE))
def test_catalogued_file_exists(key):
    assert (RAW_DIR / CATALOGUE[key].path).is_file()


@pytest.mark.parametrize("relative", RAW_FILES)
def test_sources_lists_hash(relative):
    digest = hashlib.sha256((RAW_DIR / relative).read_bytes()).hexdigest()
    name = relative.split("/", 1)[1]
    row = next((line for line in SOURCES.splitlines() if f"| `{name}` |" in line), None)

    assert row is not None, f"{relative} is not listed in SOURCES.md"
    assert digest in row


def test_sources_lists_no_other_file():
    listed = re.findall(r"^\| `([^`]+)` \|", SOURCES, flags=re.MULTILINE)
    names = {relative.split("/", 1)[1] for relative in RAW_FILES}

    assert set(listed) == names
