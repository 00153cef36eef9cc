"""One command's process tree, watched while it runs: the shared sampler of the scale
benchmarks (``search_scale.py``, ``lineage_scale.py``).

Runs the command and, until it ends, reads the resident memory and CPU time of it and of
every process it starts (a pool's workers, its fork server), several times a second with
psutil (which ``clausediff[dask]`` brings). Its output and errors go to files, not pipes: the
workers of a killed run would hold a pipe open.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from collections.abc import Callable

import attrs
import psutil


@attrs.frozen
class Sampled:
    """What ``sample`` saw: wall seconds, and by pid each process's peak MB, its CPU seconds
    (as last read) and its role; the whole tree's peak MB; what the command printed."""

    wall: float
    peaks: dict[int, float]
    cpu: dict[int, float]
    roles: dict[int, str]
    tree: float
    out: str

    def below(self) -> dict[int, float]:
        """The peaks of the processes the command started, without its own."""
        command = next(iter(self.peaks))
        return {pid: peak for pid, peak in self.peaks.items() if pid != command}


def sample(
    argv: list[str],
    role: Callable[[psutil.Process], str] = lambda process: str(process.pid),
    every: float = 0.2,
) -> Sampled:
    """Run *argv*, reading its process tree every *every* seconds (module docstring); each
    process's role is what *role* says of it when first seen. Exits naming the command and
    its errors when it fails."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        child = subprocess.Popen(argv, stdout=out, stderr=errors)
        root = psutil.Process(child.pid)
        peaks: dict[int, float] = {child.pid: 0.0}
        cpu: dict[int, float] = {}
        roles: dict[int, str] = {}
        tree = 0.0
        while child.poll() is None:
            sizes = {}
            try:
                for process in [root, *root.children(recursive=True)]:
                    with process.oneshot():
                        if process.pid not in roles:
                            roles[process.pid] = role(process)
                        sizes[process.pid] = process.memory_info().rss / 2**20
                        times = process.cpu_times()
                        cpu[process.pid] = times.user + times.system
            except psutil.Error:  # a process ended between the listing and the reading
                continue
            for pid, size in sizes.items():
                peaks[pid] = max(peaks.get(pid, 0.0), size)
            tree = max(tree, sum(sizes.values()))
            time.sleep(every)
        wall = time.perf_counter() - start
        if child.returncode != 0:
            errors.seek(0)
            sys.exit(f"{' '.join(argv)} failed: {errors.read().decode(errors='replace')}")
        out.seek(0)
        printed = out.read().decode(errors="replace")
    return Sampled(wall, peaks, cpu, roles, tree, printed)
