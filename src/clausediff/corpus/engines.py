"""Where the corpus's map tasks run: in this process, on a pool of local processes, or on a
``dask.distributed`` cluster.

An engine maps a pure function over items and gives the results back *in the items' order*,
with at most a window of items in flight (memory stays bounded however many there are).
The order is what keeps an index the same however it was built: the one writer loads the
results as a single process would have. A task is a module-level function of picklable
values; it never touches the index file (the writer does).

- ``InProcess``: the built-in ``map`` (no process is started).
- ``ProcessPool``: the standard library's ``ProcessPoolExecutor`` (started on first use,
  so a run with nothing to do starts nothing). Its workers end themselves when the process
  that started them is gone (``WATCH`` seconds at most): killed, it cannot stop them, and
  they would wait for tasks for ever, each holding its memory.
- ``DaskCluster`` (``clausediff[dask]``): a running cluster at a scheduler's address. Tasks
  are pure, so a task whose worker dies is run again on another (Dask's own retries); a
  cluster that goes away (the scheduler, or every worker) raises ``ClusterError``, after
  which the index holds what was loaded before (each document in its own transaction) and
  the next run completes it.
"""

from __future__ import annotations

import collections
import itertools
import multiprocessing
import os
import threading
import time
import warnings
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import CancelledError, Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, Protocol, TypeVar

from clausediff.errors import ClauseDiffWarning, ClusterError, MissingExtraError

__all__ = ["DaskCluster", "Engine", "InProcess", "ProcessPool", "cpu_count", "make_engine"]

_In = TypeVar("_In")
_Out = TypeVar("_Out")
_Given = TypeVar("_Given", covariant=True)

#: Tasks in flight per worker: enough to keep every worker busy while the writer loads.
WINDOW_PER_WORKER = 3
#: Seconds between a pool worker's looks at whether the process that started it is there.
WATCH = 1.0


class _Result(Protocol[_Given]):
    def result(self) -> _Given: ...


class Engine(Protocol):
    """Runs map tasks; ``workers`` says how many run at once."""

    workers: int

    def map(self, task: Callable[[_In], _Out], items: Iterable[_In]) -> Iterator[_Out]:
        """``task(item)`` for each item, in the items' order."""
        ...

    def close(self) -> None:
        """Release the engine's processes or connection."""
        ...


def cpu_count() -> int:
    """The cores this process may run on (every core: ``--workers``'s default)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


def _ordered(
    submit: Callable[[_In], _Result[_Out]], items: Iterable[_In], window: int
) -> Iterator[_Out]:
    """Submit items with at most *window* in flight; yield their results in order."""
    flight: collections.deque[_Result[_Out]] = collections.deque()
    for item in items:
        flight.append(submit(item))
        if len(flight) >= window:
            yield flight.popleft().result()
    while flight:
        yield flight.popleft().result()


class InProcess:
    """Every task in this process, one after another."""

    workers = 1

    def map(self, task: Callable[[_In], _Out], items: Iterable[_In]) -> Iterator[_Out]:
        """``task(item)`` for each item, in order."""
        return map(task, items)

    def close(self) -> None:
        """Nothing to release."""


class ProcessPool:
    """Tasks on *workers* local processes (the standard library's pool, started from a
    fork server so that no thread of this process is copied into a worker)."""

    def __init__(self, workers: int) -> None:
        self.workers = workers
        self._pool: ProcessPoolExecutor | None = None

    def map(self, task: Callable[[_In], _Out], items: Iterable[_In]) -> Iterator[_Out]:
        """``task(item)`` for each item on the pool, in order; in this process when there
        is a single item (starting processes would cost more than it saves) or when no
        process may be started here (a sandbox, a user with no right to start one).

        Raises:
            ClusterError: a worker process died (killed, or out of memory).
        """
        items = iter(items)
        head = list(itertools.islice(items, 2))
        pool = self._start() if len(head) > 1 else None
        items = itertools.chain(head, items)
        if pool is None:
            yield from map(task, items)
            return

        def submit(item: _In) -> Future[_Out]:
            return pool.submit(task, item)

        try:
            yield from _ordered(submit, items, WINDOW_PER_WORKER * self.workers)
        except BrokenProcessPool as e:
            raise ClusterError(
                "a worker process died (killed, or out of memory)",
                hint="run again: documents loaded so far are kept, the rest is done then",
            ) from e

    def _start(self) -> ProcessPoolExecutor | None:
        """The pool, started on first use and known to answer; ``None`` when no worker
        process can be started."""
        if self._pool is None:
            context = multiprocessing.get_context("forkserver")
            pool = ProcessPoolExecutor(
                self.workers, mp_context=context, initializer=_watch, initargs=(os.getpid(),)
            )
            try:
                _launch_all(pool)
                pool.submit(int).result()  # a worker answers
            except (OSError, BrokenProcessPool) as e:
                pool.shutdown(cancel_futures=True)
                warnings.warn(
                    f"no worker process could be started ({type(e).__name__}: {e}); running "
                    "in this process, which takes longer (a script that asked for workers: "
                    'is its code under `if __name__ == "__main__":`?)',
                    ClauseDiffWarning,
                    stacklevel=2,
                )
                return None
            self._pool = pool
        return self._pool

    def close(self) -> None:
        """Stop the worker processes."""
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = None


def _launch_all(pool: ProcessPoolExecutor) -> None:
    """Start all of *pool*'s workers now, before any task. Left to itself, the standard
    library starts them one at a time as tasks are submitted; when a worker dies while
    another is being started, its pool thread fails counting them ("dictionary changed
    size during iteration", Python 3.11) and the new worker prints a traceback."""
    # not public, but in the standard library from Python 3.9 to 3.13 at least; without it
    # the workers start as the tasks come, as before
    launch = getattr(pool, "_launch_processes", None)
    if launch is not None:
        launch()


def _watch(starter: int) -> None:
    """A pool worker's initializer: a thread that ends the worker once the process that
    started the pool (*starter*) is gone, or its id is another user's."""

    def watch() -> None:
        while True:
            time.sleep(WATCH)
            try:
                os.kill(starter, 0)
            except (ProcessLookupError, PermissionError):  # gone, or its id another user's
                os._exit(1)

    threading.Thread(target=watch, name="clausediff-watch", daemon=True).start()


class DaskCluster:
    """Tasks on a running ``dask.distributed`` cluster, reached at its scheduler's
    *address* (``tcp://host:8786``).

    Raises:
        MissingExtraError: dask.distributed is not installed (``clausediff[dask]``).
        ClusterError: no scheduler answers at *address* within *timeout* seconds.
    """

    def __init__(self, address: str, *, timeout: float = 10.0) -> None:
        try:
            import distributed
        except ImportError as e:
            raise MissingExtraError("a dask.distributed cluster", "dask", verb="running on") from e
        try:
            client: Any = distributed.Client  # untyped
            self._client: Any = client(address, timeout=timeout, set_as_default=False)
        except (OSError, TimeoutError, ValueError) as e:
            raise ClusterError(
                f"no dask scheduler answers at {address} ({e})",
                hint="start one (dask scheduler; dask worker ADDRESS) or check the address",
            ) from e
        self.address = address
        self.workers = max(1, len(self._client.scheduler_info(n_workers=-1)["workers"]))

    def map(self, task: Callable[[_In], _Out], items: Iterable[_In]) -> Iterator[_Out]:
        """``task(item)`` for each item on the cluster, in order.

        Raises:
            ClusterError: the scheduler went away, or a task's workers kept dying.
        """
        from distributed import KilledWorker

        client = self._client

        def submit(item: _In) -> _Result[_Out]:
            future: _Result[_Out] = client.submit(task, item, pure=False)
            return future

        workers = max(1, len(client.scheduler_info(n_workers=-1)["workers"]))
        try:
            yield from _ordered(submit, items, WINDOW_PER_WORKER * workers)
        except KilledWorker as e:
            raise ClusterError(
                f"the cluster at {self.address} lost the workers running one task, "
                f"again and again ({e})",
                hint="check the workers' memory and logs, then run again",
            ) from e
        except (OSError, TimeoutError, CancelledError) as e:
            raise ClusterError(
                f"the connection to the dask scheduler at {self.address} was lost",
                hint="restart the cluster and run again: what was loaded is kept, "
                "the rest is done then",
            ) from e

    def close(self) -> None:
        """Close the connection (the cluster keeps running)."""
        self._client.close()


def make_engine(workers: int | None = None, scheduler: str | None = None) -> Engine:
    """The engine that options name: a cluster at *scheduler*, else a pool of *workers*
    processes (more than one), else this process.

    Raises:
        ClusterError: this is a process starting up, which runs the script that started
            it again (its top level, unguarded), and would start processes of its own.
    """
    if (scheduler or (workers or 1) > 1) and _starting_up():
        advice = 'put the code that calls clausediff under `if __name__ == "__main__":`'
        raise ClusterError(
            "a worker process started by clausediff ran your script's top level again (each "
            f"imports the script it was started from) and asked for workers of its own: {advice}",
            hint=f"{advice}; without it, the work runs in your script's process alone",
        )
    if scheduler:
        return DaskCluster(scheduler)
    if workers is not None and workers > 1:
        return ProcessPool(workers)
    return InProcess()


def _starting_up() -> bool:
    """Whether this process is still starting up (importing the script of the process that
    started it, as the standard library's own check asks)."""
    return bool(getattr(multiprocessing.current_process(), "_inheriting", False))
