"""Running a format's background jobs (the PDF's layouts) at once, in worker processes.

PDF layout is by far the slowest stage and each document's layout is independent, so
documents (reports of several periods, and other kinds of document) are laid out in a
pool of processes.  Each job carries everything it needs and runs itself (``job.run()``,
see :class:`reportgen.formats.Job`); each result brings back the bytes, the warnings and
the time spent.  Nothing here knows what a job makes: a format that needs background
work declares it in its :class:`~reportgen.formats.Format` (``background``).
"""

from __future__ import annotations

import os
import shutil
import signal
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from contextlib import contextmanager
from typing import TYPE_CHECKING

from ..internals import terminate_workers

if TYPE_CHECKING:
    from . import Job, JobResult


def _run(job: "Job") -> "JobResult":
    return job.run()


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


class Workers:
    """The processes that run a build's background jobs, started before its documents
    are read.

    Importing WeasyPrint takes about half a second, as long as reading, assembling and
    rendering the text of a report; a worker started first does it (``warm_up``) on
    another core meanwhile, and lays out each PDF as soon as the build :meth:`send`s it,
    while the build makes the other documents' texts.  On one core, or when told to
    (``early=False``), jobs run in this process, one after another, when the build asks
    for the :meth:`results`.
    """

    def __init__(self, most: int | None = None, early: bool = True,
                 warm_up: Callable[[], None] | None = None):
        self.most = most or default_jobs()
        self.pool: _Pool | None = None
        self.used = False
        self._sent: list[Job] = []
        self._futures: list[Future] = []
        if early and default_jobs() > 1:
            self.pool = _Pool(self.most)
            if warm_up is not None:
                self.pool.submit(warm_up)

    def __enter__(self) -> "Workers":
        return self

    def __exit__(self, exc_type, *exc) -> None:
        if self.pool is None:
            return
        if not self.used or exc_type is not None:
            # no PDF to make after all (every PDF reused), or the build failed: neither
            # the import nor a layout already under way need be waited for
            terminate_workers(self.pool)
        self.pool.shutdown(cancel_futures=True)

    def send(self, job: "Job") -> None:
        """Start laying out ``job`` now if there are workers, while the build goes on
        making the other documents' texts; else it waits for :meth:`results`."""
        self.used = True
        self._sent.append(job)
        if self.pool is not None:
            self._futures.append(self.pool.submit(_run, job))

    def results(self, on_done: Callable[["JobResult"], None] | None = None
                ) -> list["JobResult"]:
        """Every job sent, run, in the order sent; ``on_done`` hears of each as it is
        finished."""
        if self.pool is None:
            return run_jobs(self._sent, self.most, on_done)
        on_done = on_done or (lambda result: None)
        index = {future: i for i, future in enumerate(self._futures)}
        done: dict[int, JobResult] = {}
        for future in as_completed(self._futures):
            done[index[future]] = future.result()
            on_done(done[index[future]])
        return [done[i] for i in range(len(self._futures))]



class _Pool(ProcessPoolExecutor):
    """Worker processes whose temporary files are kept in one folder of their own,
    removed when the pool shuts down.

    WeasyPrint keeps each layout's fonts in a temporary folder that only a process ending
    normally removes; a worker stopped by a signal would leave it behind at every
    interrupted build.
    """

    def __init__(self, workers: int):
        self.scratch = make_scratch()
        # a build run in the background ignores Ctrl+C (the shell set SIGINT so):
        # its workers must ignore it too, not die and break the pool
        ignored = tuple(signum for signum in (signal.SIGINT, signal.SIGTERM)
                        if signal.getsignal(signum) == signal.SIG_IGN)
        super().__init__(max_workers=workers, initializer=_end_with_parent,
                         initargs=(os.getpid(), self.scratch, ignored))

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        try:
            super().shutdown(wait, cancel_futures=cancel_futures)
        finally:
            shutil.rmtree(self.scratch, ignore_errors=True)


def _end_with_parent(parent: int, scratch: str, ignored: tuple[int, ...] = ()) -> None:
    """In a worker: keep temporary files in ``scratch``, and exit when the build that
    started it is gone.  A build killed outright (SIGKILL) can neither stop its workers
    nor remove ``scratch``, and an idle worker would wait for work forever: the worker
    removes the folder and ends.

    Ctrl+C reaches every process of the terminal's group and SIGTERM handlers are
    inherited: the build (or preview) says what happened, so a worker ends without a word,
    removing ``scratch`` first (a SIGTERM to the whole group ends the build at once, with
    no chance to remove it).  A signal the build ignores (``ignored``), the worker ignores.
    """
    tempfile.tempdir = scratch

    def quiet_exit(signum, frame) -> None:
        shutil.rmtree(scratch, ignore_errors=True)
        os._exit(128 + signum)

    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, signal.SIG_IGN if signum in ignored else quiet_exit)

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.2)
        shutil.rmtree(scratch, ignore_errors=True)
        os._exit(1)

    threading.Thread(target=watch, name="reportgen-parent-watch", daemon=True).start()


_SCRATCH_PREFIX = "reportgen-pdf-"


def make_scratch() -> str:
    """A new folder for the temporary files of PDF layouts, named after this process so
    that a later build can tell it was left behind (:func:`remove_left_behind`)."""
    remove_left_behind()
    return tempfile.mkdtemp(prefix=f"{_SCRATCH_PREFIX}{os.getpid()}-")


def remove_left_behind() -> None:
    """Remove the scratch folders of builds that were killed outright (SIGKILL, a machine
    out of memory): no process of theirs was left to remove them.  A folder whose process
    still runs, or whose name is not of this form, is left alone."""
    try:
        entries = list(os.scandir(tempfile.gettempdir()))
    except OSError:
        return
    for entry in entries:
        pid = entry.name[len(_SCRATCH_PREFIX):].split("-", 1)[0]
        if not (entry.name.startswith(_SCRATCH_PREFIX) and pid.isdigit()):
            continue
        try:
            os.kill(int(pid), 0)
            continue  # its build still runs
        except ProcessLookupError:
            pass
        except (PermissionError, OverflowError):
            continue  # another user's process, or not a process number
        if entry.is_dir(follow_symlinks=False):
            shutil.rmtree(entry.path, ignore_errors=True)


@contextmanager
def _scratch_here() -> Iterator[None]:
    """Lay out in this process with temporary files in a scratch folder of its own,
    removed when the layouts end, whether they finish or are interrupted."""
    scratch = make_scratch()
    before = tempfile.tempdir
    tempfile.tempdir = scratch
    try:
        yield
    finally:
        tempfile.tempdir = before
        shutil.rmtree(scratch, ignore_errors=True)


def run_jobs(jobs: list["Job"], workers: int | None = None,
             on_done: Callable[["JobResult"], None] | None = None,
             pool: ProcessPoolExecutor | None = None) -> list["JobResult"]:
    """Run every job: in ``pool`` if given, else in this process when there is one job
    or one worker.  ``on_done`` hears of each as it is finished (for progress)."""
    on_done = on_done or (lambda result: None)
    workers = min(workers or default_jobs(), len(jobs))
    if workers <= 1 and pool is None:
        results = []
        with _scratch_here():
            for job in jobs:
                results.append(_run(job))
                on_done(results[-1])
        return results
    if pool is None:
        with _Pool(workers) as own:
            return run_jobs(jobs, workers, on_done, own)
    # biggest first, so a big report does not start last and leave a worker idle
    order = sorted(range(len(jobs)), key=lambda i: -jobs[i].size)
    done: dict[int, JobResult] = {}
    futures = {pool.submit(_run, jobs[i]): i for i in order}
    for future in as_completed(futures):
        done[futures[future]] = future.result()
        on_done(done[futures[future]])
    return [done[i] for i in range(len(jobs))]
