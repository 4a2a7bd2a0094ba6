"""The description of one raw file: path, encoding, delimiter and the columns the build uses."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class RawFile:
    """One raw file as the build expects to find it under the raw folder.

    `columns` pairs each raw header with its name in the build. When `positional` is set, the
    pairs describe every header cell in order and the header must match exactly, because
    the file has blank or misleading headers. `wholes` are integer columns written as
    decimals (`38.0`). `periode` is the rentrée or millésime of a file that does not state
    it in its rows. `records` names the JSON member that holds the list of records.
    """

    key: str
    path: str
    columns: tuple[tuple[str, str], ...]
    encoding: str = "utf-8"
    delimiter: str = ";"
    integers: tuple[str, ...] = ()
    wholes: tuple[str, ...] = ()
    decimals: tuple[str, ...] = ()
    dates: tuple[str, ...] = ()
    decimal_comma: bool = False
    nulls: tuple[str, ...] = ("",)
    positional: bool = False
    periode: str | None = None
    records: str | None = None

    def raw_name(self, name: str) -> str:
        """Return the raw header of the column the build calls `name`."""
        for raw, canonical in self.columns:
            if canonical == name:
                return raw
        raise KeyError(name)


def same_names(*names: str) -> tuple[tuple[str, str], ...]:
    """Return column pairs for headers that the build uses under their own name."""
    return tuple((name, name) for name in names)
