"""The warehouse build: `python -m orion_data.build`, or `build_warehouse()` from Python."""

from orion_data.build.pipeline import build_warehouse

__all__ = ["build_warehouse"]
