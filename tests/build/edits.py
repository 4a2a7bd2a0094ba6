"""Edits of raw file bytes, and snapshots of folders, for the build tests."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path


def replace_in_line(number: int, old: bytes, new: bytes) -> Callable[[bytes], bytes]:
    """Return an edit that replaces `old` by `new` once, in line `number` (header = 1)."""

    def edit(data: bytes) -> bytes:
        lines = data.split(b"\n")
        assert old in lines[number - 1], f"{old!r} not in line {number}: {lines[number - 1]!r}"
        lines[number - 1] = lines[number - 1].replace(old, new, 1)
        return b"\n".join(lines)

    return edit


def snapshot(folder: Path) -> dict[str, bytes]:
    """Return every file of `folder` with its bytes, keyed by relative path."""
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }
