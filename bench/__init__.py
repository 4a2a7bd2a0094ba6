"""Speed and memory measurements of Orion, reported in docs/benchmarks.md.

Run each script from the repository root as a module, e.g. `python -m bench.console`.
"""
