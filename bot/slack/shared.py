"""Shared state in Redis for the scaled-out roles: accepted jobs (with their delivery record),
event and link de-duplication (`SET NX EX`), the digest cache (TTL), feedback and metrics.

The same methods as the embedded `JobQueue` and `Store`, so `Intake` and the spool take either.
Run Redis with AOF on (`appendonly yes`, `appendfsync always`): an acked job is then on disk.
"""

from __future__ import annotations

import dataclasses
import json
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import redis
from redis.backoff import ExponentialBackoff
from redis.retry import Retry

from bot.digest import Digest
from bot.errors import StoreBusy
from bot.slack.queue import SEEN_EVENTS_KEEP_S, Job, NewJob
from bot.slack.store import digest_from_json, digest_to_json

P = "nb:"  # every key of newsbot starts with this
UNSENT = P + "unsent"  # accepted jobs not yet handed to the broker (id → accepted at)
DIGEST_KEEP_S = 30 * 24 * 3600  # a digest stays readable (feedback, re-summarise) this long
JOB_KEEP_S = 7 * 24 * 3600  # a finished job's record (its delivery) is kept this long
LEASE_MS = 5000  # a running job's lease; its worker renews it every second
BUCKETS = (0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300)
# Jobs whose articles shared one model call (a worker's batcher; bot/summarise/batcher.py).
BATCH_BUCKETS = (1, 2, 4, 8, 16, 32, 64)
HISTOGRAMS = {
    "job_latency_seconds": BUCKETS,
    "model_latency_seconds": BUCKETS,
    "model_batch_jobs": BATCH_BUCKETS,
}
RECENT_KEEP = 50  # digests listed per user for the App Home
COUNTERS = ("jobs_done", "jobs_failed", "jobs_redelivered")

# Seen key, then per job its link key ("" = no de-duplication) and its JSON: all or nothing.
_ACCEPT = """
if not redis.call('SET', ARGV[1], '1', 'NX', 'EX', ARGV[2]) then return false end
local ids = {}
for i = 5, #ARGV, 2 do
  local fresh = ARGV[i] == '' or redis.call('SET', ARGV[i], '1', 'NX', 'EX', ARGV[3])
  if fresh then
    local id = redis.call('INCR', KEYS[1])
    redis.call('HSET', KEYS[2] .. id, 'new', ARGV[i + 1], 'status', 'pending',
               'attempts', 0, 'deliveries', 0, 'created', ARGV[4])
    redis.call('ZADD', KEYS[3], ARGV[4], id)
    table.insert(ids, id)
  end
end
return ids
"""
# Take the lease of a job that is not finished: 'gone', 'finished', 'leased:<ms left>' or
# the attempt number.
_CLAIM = """
local status = redis.call('HGET', KEYS[1], 'status')
if not status then return 'gone' end
if status == 'done' or status == 'failed' then return 'finished' end
if not redis.call('SET', KEYS[2], ARGV[1], 'NX', 'PX', ARGV[2]) then
  return 'leased:' .. redis.call('PTTL', KEYS[2])
end
redis.call('HSET', KEYS[1], 'status', 'running', 'worker', ARGV[3], 'started', ARGV[4])
return tostring(redis.call('HINCRBY', KEYS[1], 'attempts', 1))
"""
_RELEASE = """
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
"""
_RENEW = """
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0
"""


def connect(url: str, *, patient: bool) -> redis.Redis:
    """A client: `patient` ones (workers) ride out a Redis restart for about a minute; the
    front end's fail at once, so an ack never waits (the request goes to the spool)."""
    if patient:
        retry = Retry(ExponentialBackoff(cap=1.0, base=0.05), 60)
        return redis.Redis.from_url(
            url, socket_timeout=10, socket_connect_timeout=2, retry=retry, decode_responses=True,
            retry_on_error=[redis.ConnectionError, redis.TimeoutError],
        )  # fmt: skip
    return redis.Redis.from_url(
        url, socket_timeout=0.5, socket_connect_timeout=0.25, decode_responses=True
    )


@contextmanager
def _busy() -> Iterator[None]:
    try:
        yield
    except (redis.ConnectionError, redis.TimeoutError, redis.BusyLoadingError) as err:
        raise StoreBusy(f"The shared store is unreachable ({err}); try again soon.") from err


def _job(job_id: int, fields: dict[str, str]) -> Job:
    new = json.loads(fields["new"])
    if fields.get("placeholder_ts"):  # posted by an earlier delivery of this job
        new["placeholder_ts"] = fields["placeholder_ts"]
    return Job(
        **new,
        id=job_id,
        status=fields.get("status", "pending"),
        attempts=int(fields.get("attempts", 0)),
        digest_id=fields.get("digest_id") or None,
        deliveries=int(fields.get("deliveries", 0)),
    )


class SharedState:
    """Jobs, de-duplication, cache, feedback and metrics in one Redis database."""

    def __init__(self, client: redis.Redis, clock: Callable[[], float] = time.time) -> None:
        self.r: Any = client  # decoded answers (str); redis-py's own types are unions
        self._clock = clock
        self._accept = client.register_script(_ACCEPT)
        self._claim = client.register_script(_CLAIM)
        self._release = client.register_script(_RELEASE)
        self._renew = client.register_script(_RENEW)

    # -- the queue side (front end) ----------------------------------------------------------

    def accept(
        self, key: str, jobs: list[NewJob], dedupe_window_s: float, wait_s: float | None = None
    ) -> list[int] | None:
        """Store a request's jobs once per `key` (atomically, in one script): None for a
        repeat. Each new job is also listed as unsent until the broker has it."""
        args: list[Any] = [P + "seen:" + key, int(SEEN_EVENTS_KEEP_S),
                           max(1, int(dedupe_window_s)), self._clock()]  # fmt: skip
        for job in jobs:
            args.append(f"{P}link:{job.repeat_key}" if job.repeat_key else "")
            args.append(json.dumps(dataclasses.asdict(job)))
        with _busy():
            ids = self._accept(keys=[P + "jobid", P + "job:", UNSENT], args=args)
        return None if ids is None else [int(i) for i in ids]

    def accept_all(
        self,
        requests: list[tuple[str, list[NewJob]]],
        dedupe_window_s: float,
        wait_s: float | None = None,
    ) -> list[list[int] | None]:
        """`accept` for each request (each one atomic; Redis needs no batching for speed)."""
        return [self.accept(key, jobs, dedupe_window_s, wait_s) for key, jobs in requests]

    def unsent(self, limit: int = 100) -> list[int]:
        """Accepted jobs the broker may not have yet, oldest first."""
        with _busy():
            return [int(i) for i in self.r.zrange(UNSENT, 0, limit - 1)]

    def sent(self, job_id: int) -> None:
        with _busy():
            self.r.zrem(UNSENT, job_id)

    def count(self, status: str) -> int:
        """Jobs waiting to start (`pending`: not yet handed over, or in the broker's list)."""
        if status != "pending":
            return 0
        with _busy():
            return int(self.r.zcard(UNSENT)) + int(self.r.llen(BROKER_QUEUE))

    # -- one job (workers) -------------------------------------------------------------------

    def job(self, job_id: int) -> Job | None:
        raw = self.r.hgetall(f"{P}job:{job_id}")
        return _job(job_id, raw) if raw else None

    def field(self, job_id: int, name: str) -> str | None:
        value = self.r.hget(f"{P}job:{job_id}", name)
        return value if value is not None else None

    def claim(self, job_id: int, token: str, worker: str) -> str:
        """Lease a job for this delivery: see `_CLAIM` for the answers."""
        answer = self._claim(
            keys=[f"{P}job:{job_id}", f"{P}lease:{job_id}"],
            args=[token, LEASE_MS, worker, self._clock()],
        )
        return str(answer)

    def renew(self, job_id: int, token: str) -> bool:
        return bool(self._renew(keys=[f"{P}lease:{job_id}"], args=[token, LEASE_MS]))

    def release(self, job_id: int, token: str, *, again: bool) -> None:
        """Give the lease back; a job handed back to run `again` later (not a crash) does
        not count the attempt."""
        if again:
            self.r.hincrby(f"{P}job:{job_id}", "attempts", -1)
            self.r.hset(f"{P}job:{job_id}", "status", "pending")
        self._release(keys=[f"{P}lease:{job_id}"], args=[token])

    def set(self, job_id: int, **fields: str | int) -> None:
        self.r.hset(f"{P}job:{job_id}", mapping=fields)

    def finish(
        self, job_id: int, *, digest_id: str | None = None, error: str | None = None
    ) -> None:
        key = f"{P}job:{job_id}"
        with self.r.pipeline() as tx:
            fields: dict[str, str] = {"status": "failed" if error else "done"}
            if digest_id:
                fields["digest_id"] = digest_id
            if error:
                fields["error"] = error
            tx.hset(key, mapping=fields)
            tx.expire(key, JOB_KEEP_S)
            tx.incr(P + ("m:jobs_failed" if error else "m:jobs_done"))
            tx.execute()

    # -- the store side ----------------------------------------------------------------------

    def cached_digest(self, canon: str, ttl_s: float) -> tuple[str, Digest] | None:
        digest_id = self.r.get(f"{P}cache:{canon}")
        if digest_id is None:
            return None
        digest = self.digest(digest_id)
        return (digest_id, digest) if digest else None

    def save_digest(self, canon: str, digest: Digest, ttl_s: float = 6 * 3600) -> str:
        digest_id = uuid.uuid4().hex[:16]
        with self.r.pipeline() as tx:
            tx.set(f"{P}digest:{digest_id}", digest_to_json(digest), ex=DIGEST_KEEP_S)
            tx.set(f"{P}cache:{canon}", digest_id, ex=max(1, int(ttl_s)))
            tx.execute()
        return digest_id

    def digest(self, digest_id: str) -> Digest | None:
        with _busy():
            data = self.r.get(f"{P}digest:{digest_id}")
        return digest_from_json(data) if data else None

    def delivered_to(self, user: str, digest_id: str) -> None:
        """Remember a digest in `user`'s App Home list (newest first, bounded)."""
        key = f"{P}recent:{user}"
        with self.r.pipeline() as tx:
            tx.lpush(key, f"{digest_id}|{self._clock()}")
            tx.ltrim(key, 0, RECENT_KEEP - 1)
            tx.execute()

    def recent_digests(self, user: str, limit: int = 10) -> list[tuple[str, Digest, float]]:
        """A user's newest delivered digests (id, digest, when), newest first, one per link."""
        out: list[tuple[str, Digest, float]] = []
        seen: set[str] = set()
        with _busy():
            entries = self.r.lrange(f"{P}recent:{user}", 0, RECENT_KEEP - 1)
        for entry in entries:
            digest_id, at = entry.split("|", 1)
            digest = self.digest(digest_id)
            if digest is None or (digest.url or digest_id) in seen:
                continue
            seen.add(digest.url or digest_id)
            out.append((digest_id, digest, float(at)))
            if len(out) == limit:
                break
        return out

    def add_feedback(self, digest_id: str, user: str, vote: int) -> None:
        with _busy():
            self.r.hset(f"{P}feedback:{digest_id}", user, vote)

    def feedback(self, digest_id: str) -> dict[str, int]:
        raw = self.r.hgetall(f"{P}feedback:{digest_id}")
        return {k: int(v) for k, v in raw.items()}

    # -- metrics -----------------------------------------------------------------------------

    def incr(self, name: str) -> None:
        self.r.incr(P + "m:" + name)

    def observe(self, name: str, seconds: float) -> None:
        """One observation of a histogram in `HISTOGRAMS` (cumulative buckets, sum, count)."""
        key = f"{P}m:h:{name}"
        with self.r.pipeline(transaction=False) as tx:
            for bound in HISTOGRAMS[name]:
                if seconds <= bound:
                    tx.hincrby(key, str(bound), 1)
            tx.hincrby(key, "+Inf", 1)
            tx.hincrbyfloat(key, "sum", seconds)
            tx.execute()

    def metrics(self) -> dict[str, Any]:
        """Counters, queue depth and histograms, for `/metrics`."""
        with _busy():
            counters = {n: int(self.r.get(P + "m:" + n) or 0) for n in COUNTERS}
            hists = {n: {k: float(v) for k, v in self.r.hgetall(f"{P}m:h:{n}").items()}
                     for n in HISTOGRAMS}  # fmt: skip
            depth = self.count("pending")
        return {"queue_depth": depth, **counters, "histograms": hists}


# The Celery queue's list in Redis (Celery's default queue name).
BROKER_QUEUE = "celery"
