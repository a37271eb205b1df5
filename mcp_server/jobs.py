"""Batch jobs: a long batch that runs in the server, not inside one request.

start_batch returns a job id at once; the job runs in the lifespan's task group, so no request,
client time limit or cancelled call ends it; batch_status and batch_results read it while it runs
and after. Jobs run one at a time on the server's workers, between the other tools' calls. Every
item gets one result in input order: a cancelled or failed job gives the items it did not reach
an error entry each.

Kept in memory (lost when the server stops) unless jobs_dir names a folder: then each job is a
folder there (job.json, items.json, results.jsonl appended and flushed per chunk), finished jobs
are served after a restart and unfinished ones resume where they stopped. One server per folder
(a lock file says so). Bounded: max_jobs kept at once, max_job_items per job, finished ones kept
for job_retention_s.
"""

from __future__ import annotations

import fcntl
import json
import logging
import secrets
import shutil
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import Any

import anyio
from anyio.abc import TaskGroup

from news_core.errors import Cancelled, ConfigError, InputError

from .config import ServerConfig
from .jsonl_files import result_line
from .results import BatchEntry, JobPage, JobStatus
from .service import Enhancer
from .workers import Workers

log = logging.getLogger(__name__)
ENDED = ("completed", "cancelled", "failed")


@dataclass
class Job:
    id: str
    total: int
    created: float  # time.time()
    items: list[Any] | None  # the input, while work remains
    entries: list[BatchEntry] = field(default_factory=list)
    state: str = "queued"
    finished: float | None = None
    error: str | None = None
    folder: Path | None = None
    scope: anyio.CancelScope | None = None
    cancel_requested: bool = False
    ended: anyio.Event = field(default_factory=anyio.Event)


class Jobs:
    def __init__(self, svc: Enhancer, workers: Workers, config: ServerConfig, tg: TaskGroup):
        self.svc, self.workers, self.config, self._tg = svc, workers, config, tg
        self._jobs: dict[str, Job] = {}
        self._turn = anyio.Lock()  # one job at a time: they share the model with the other tools
        self.folder = Path(config.jobs_dir).expanduser() if config.jobs_dir else None
        self._lock = None
        self._unusable: str | None = None  # why the job tools cannot work; the other tools still do

    def open(self) -> None:
        """On disk: lock the folder, load its jobs and resume the unfinished ones. A folder that
        cannot be used leaves the job tools answering why; the other tools work on."""
        if self.folder is None:
            return
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            self._lock = (self.folder / ".lock").open("w")
            fcntl.flock(self._lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            self._unusable = (f"jobs_dir {self.folder} is in use by another news-enhancer server: give each server "
                              "its own jobs_dir")
        except OSError as exc:
            self._unusable = f"jobs_dir {self.folder} cannot be used ({exc.strerror or exc}): set another jobs_dir"
        if self._unusable:
            log.error("%s", self._unusable)
            return
        found = (_load(path) for path in self.folder.iterdir() if (path / "job.json").is_file())
        for job in sorted((job for job in found if job is not None), key=lambda job: job.created):
            self._jobs[job.id] = job
            if job.state not in ENDED:  # resumed in the order they were started
                log.info("job %s resumes at item %d of %d", job.id, len(job.entries), job.total)
                self._tg.start_soon(self._run, job)
        self.sweep()

    def close(self) -> None:
        unfinished = sum(job.state not in ENDED for job in self._jobs.values())
        if unfinished and self.folder is None:
            log.warning("%d unfinished batch jobs are lost with the server (jobs_dir is unset: jobs are kept in "
                        "memory)", unfinished)
        if self._lock is not None:
            self._lock.close()  # releases the lock

    def start(self, items: Any) -> Job:
        self._usable()
        self._check(items)
        self.sweep()
        self._make_room()
        job = Job(secrets.token_hex(8), len(items), time.time(), list(items))
        if self.folder is not None:
            job.folder = self.folder / job.id
            try:
                job.folder.mkdir()
                (job.folder / "items.json").write_text(json.dumps(job.items), encoding="utf-8")
                _save(job)
            except OSError as exc:
                shutil.rmtree(job.folder, ignore_errors=True)
                raise ConfigError(f"cannot write the job to jobs_dir {self.folder}: {exc.strerror or exc}") from None
        self._jobs[job.id] = job
        self._tg.start_soon(self._run, job)
        return job

    def get(self, job_id: str) -> Job:
        self._usable()
        self.sweep()
        if (job := self._jobs.get(job_id)) is None:
            raise InputError(f"no job {job_id!r}: its results were deleted (job_retention_s after it ended, or "
                             "pushed out by newer jobs past max_jobs), the server kept it in memory and has "
                             "restarted since (jobs_dir), or the id is wrong")
        return job

    async def cancel(self, job_id: str) -> Job:
        """Stop the job at its next checkpoint; the items it did not reach get an error entry each."""
        job = self.get(job_id)
        if job.state not in ENDED:
            job.cancel_requested = True
            if job.scope is not None:
                job.scope.cancel()
            with anyio.move_on_after(self.config.shutdown_wait_s):  # else it answers "running", ending soon
                await job.ended.wait()
        return job

    def status(self, job: Job) -> JobStatus:
        ok = sum(e.ok for e in job.entries)
        expires = job.finished + self.config.job_retention_s if job.finished else None
        return JobStatus(job_id=job.id, status=job.state, total=job.total, done=len(job.entries), succeeded=ok,
                         failed=len(job.entries) - ok, created=_iso(job.created), finished=_iso(job.finished),
                         expires=_iso(expires), error=job.error, model=self.svc.backend.model_id)

    def page(self, job: Job, offset: int, limit: int) -> JobPage:
        if offset > job.total:
            raise InputError(f"offset {offset} is past the job's {job.total} items")
        items = job.entries[offset:offset + limit]
        following = offset + len(items)
        done = job.state in ENDED and following >= job.total
        return JobPage(job_id=job.id, status=job.state, total=job.total, done=len(job.entries), items=items,
                       next_offset=None if done else following)

    def sweep(self) -> None:
        """Delete the jobs whose results are past job_retention_s."""
        now = time.time()
        for job in list(self._jobs.values()):
            if job.finished is not None and now - job.finished > self.config.job_retention_s:
                self._delete(job)

    def _usable(self) -> None:
        if self._unusable:
            raise ConfigError(self._unusable)

    def _check(self, items: Any) -> None:
        limit = self.config.max_job_items
        if not isinstance(items, list) or not items:
            raise InputError("items must be a non-empty list of objects with title and content")
        if len(items) > limit:
            raise InputError(f"a job of {len(items)} items is over the limit of {limit} (max_job_items): split it "
                             "into several jobs")

    def _make_room(self) -> None:
        """At max_jobs, the oldest ended job is deleted; when none has ended, the new one is refused."""
        while len(self._jobs) >= self.config.max_jobs:
            ended = [j for j in self._jobs.values() if j.state in ENDED]
            if not ended:
                raise InputError(f"{len(self._jobs)} jobs are queued or running, the limit (max_jobs): wait for "
                                 "one to end, or cancel_batch one")
            self._delete(min(ended, key=lambda j: j.finished or 0))

    def _delete(self, job: Job) -> None:
        self._jobs.pop(job.id, None)
        if job.folder is not None:
            shutil.rmtree(job.folder, ignore_errors=True)

    async def _run(self, job: Job) -> None:
        try:
            await self._run_job(job)
        except Exception:  # never out into the lifespan's task group: that would stop the server
            log.exception("job %s could not be ended cleanly", job.id)
            job.ended.set()

    async def _run_job(self, job: Job) -> None:
        try:
            with anyio.CancelScope() as job.scope:
                if job.cancel_requested:
                    job.scope.cancel()
                async with self._turn:
                    job.state = "running"
                    _save_quietly(job)
                    await self._work(job)
                    self._end(job, "completed")
        except Cancelled:  # the server is stopping: on disk the job resumes at the next start
            return
        except Exception as exc:  # a bug: the job ends, its items each get an error, the server goes on
            log.exception("job %s failed", job.id)
            self._end(job, "failed", f"internal error: {type(exc).__name__}: {exc}")
        if job.cancel_requested and job.state not in ENDED:
            self._end(job, "cancelled")

    async def _work(self, job: Job) -> None:
        ids, size = self.svc.item_ids(job.items), self.svc.chunk_size
        for first in range(len(job.entries), job.total, size):
            chunk = job.items[first:first + size]
            work = partial(self.svc.enhance_entries, ids=ids[first:first + len(chunk)])
            self._append(job, await self.workers.run(work, chunk, first))

    def _append(self, job: Job, entries: list[BatchEntry]) -> None:
        job.entries += entries
        if job.folder is not None:
            try:
                with (job.folder / "results.jsonl").open("a", encoding="utf-8") as out:
                    out.writelines(result_line(e.model_dump(mode="json")) for e in entries)
            except OSError as exc:  # the job goes on in memory; a restart would lose it
                log.error("job %s: cannot write its results to %s (%s): kept in memory only from here on",
                          job.id, job.folder, exc)
                job.folder = None

    def _end(self, job: Job, state: str, error: str | None = None) -> None:
        if job.state in ENDED:
            return
        why = {"cancelled": "not enhanced: the job was cancelled (cancel_batch) before this item ran",
               "failed": f"not enhanced: the job failed ({error})"}.get(state)
        if why and len(job.entries) < job.total:
            ids = self.svc.item_ids(job.items)
            self._append(job, [BatchEntry(index=i, id=ids[i], ok=False, error=why)
                               for i in range(len(job.entries), job.total)])
        job.state, job.error, job.finished, job.items = state, error, time.time(), None
        _save_quietly(job)
        job.ended.set()


def _save(job: Job) -> None:
    if job.folder is None:
        return
    meta = {"id": job.id, "total": job.total, "created": job.created, "state": job.state,
            "finished": job.finished, "error": job.error}
    partial_file = job.folder / "job.json.partial"
    partial_file.write_text(json.dumps(meta), encoding="utf-8")
    partial_file.replace(job.folder / "job.json")  # atomic: a killed server leaves the old state or the new


def _save_quietly(job: Job) -> None:
    try:
        _save(job)
    except OSError as exc:
        log.error("job %s: cannot write its state to %s (%s): kept in memory only from here on", job.id, job.folder,
                  exc)
        job.folder = None


def _load(path: Path) -> Job | None:
    """A job folder as the server left it; an unreadable one is skipped with a warning."""
    try:
        meta = json.loads((path / "job.json").read_text(encoding="utf-8"))
        results = path / "results.jsonl"
        text = results.read_text(encoding="utf-8") if results.exists() else ""
        complete = text[:text.rfind("\n") + 1]  # a line cut by a kill is dropped, its item runs again
        if complete != text:
            results.write_text(complete, encoding="utf-8")
        entries = [BatchEntry.model_validate_json(line) for line in complete.splitlines() if line.strip()]
        ended = meta["state"] in ENDED
        items = None if ended else json.loads((path / "items.json").read_text(encoding="utf-8"))
        return Job(meta["id"], meta["total"], meta["created"], items, entries, "queued" if not ended else meta["state"],
                   meta["finished"], meta["error"], path)
    except (OSError, ValueError, KeyError, TypeError) as exc:
        log.warning("job folder %s cannot be read (%s): skipped", path, exc)
        return None


def _iso(when: float | None) -> str | None:
    try:
        return None if when is None else datetime.fromtimestamp(when, UTC).isoformat(timespec="seconds")
    except (OverflowError, ValueError, OSError):  # a retention of centuries: past what a date can say
        return None
