"""A description of the machine and software that a measurement ran on."""

from __future__ import annotations

import datetime
import os
import platform
import sys
from pathlib import Path


def _cpu_model() -> str:
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return platform.processor() or "unknown"


def _memory_total() -> str:
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal:"):
            kilobytes = int(line.split()[1])
            return f"{kilobytes / 1024 / 1024:.1f} GiB"
    return "unknown"


def describe() -> dict[str, str]:
    """Return the cores, memory, CPU model, load, library versions and the date and time."""
    import duckdb
    import pandas
    import streamlit

    load = ", ".join(f"{value:.2f}" for value in os.getloadavg())
    return {
        "date": datetime.datetime.now().astimezone().isoformat(timespec="seconds"),
        "cores (nproc)": str(len(os.sched_getaffinity(0))),
        "memory": _memory_total(),
        "CPU": _cpu_model(),
        "load average (1, 5, 15 min)": load,
        "Python": platform.python_version(),
        "DuckDB": duckdb.__version__,
        "pandas": pandas.__version__,
        "Streamlit": streamlit.__version__,
        "command": _command(),
    }


def _command() -> str:
    """Return the command line of this process, as `python -m MODULE ARGS` when run so."""
    spec = getattr(sys.modules["__main__"], "__spec__", None)
    program = f"-m {spec.name}" if spec is not None else sys.argv[0]
    return " ".join(["python", program, *sys.argv[1:]])


def print_description() -> None:
    """Print `describe()` as a Markdown list."""
    for name, value in describe().items():
        print(f"- {name}: {value}")
