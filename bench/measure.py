"""Run a command in a child process and report wall time and peak RSS (from wait4's rusage)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from dataclasses import dataclass

PYTHON = sys.executable


@dataclass
class Run:
    label: str
    seconds: float
    peak_mb: float
    returncode: int
    #: CPU seconds (user + system) of the child: fairer than wall time on a shared machine
    cpu_s: float = 0.0


def run(label: str, argv: list[str], env: dict[str, str] | None = None) -> Run:
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, env=env)
    _pid, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    cpu = usage.ru_utime + usage.ru_stime
    result = Run(label, seconds, usage.ru_maxrss / 1024, code, cpu)
    print(
        f"{label:<38} {seconds:8.2f} s  cpu {cpu:8.2f} s  peak RSS {result.peak_mb:6.0f} MB"
        f"  exit {code}",
        flush=True,
    )
    return result


def python(label: str, code: str) -> Run:
    return run(label, [PYTHON, "-c", code])
