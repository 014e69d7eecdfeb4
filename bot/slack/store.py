"""The bot's embedded store (SQLite): cached digests and feedback."""

from __future__ import annotations

import dataclasses
import json
import time
import uuid
from collections.abc import Callable

from bot.digest import Digest
from bot.figures import Figure
from bot.quotes import Quote
from bot.slack.db import Database


def digest_to_json(digest: Digest) -> str:
    """A digest as JSON (figures and quotes as objects)."""
    return json.dumps(dataclasses.asdict(digest), ensure_ascii=False)


def digest_from_json(data: str) -> Digest:
    """The inverse of `digest_to_json`; unknown keys from older versions are ignored."""
    raw = json.loads(data)
    known = {f.name for f in dataclasses.fields(Digest)}
    values = {k: v for k, v in raw.items() if k in known}
    values["summary"] = tuple(values.get("summary", ()))
    values["warnings"] = tuple(values.get("warnings", ()))
    values["figures"] = tuple(Figure(**f) for f in values.get("figures", ()))
    values["quotes"] = tuple(Quote(**q) for q in values.get("quotes", ()))
    values["summary_support"] = tuple(tuple(s) for s in values.get("summary_support", ()))
    values["summary_paragraphs"] = tuple(tuple(s) for s in values.get("summary_paragraphs", ()))
    return Digest(**values)


class Store:
    """Cached digests and feedback in the bot's SQLite file (the jobs are the queue's)."""

    def __init__(self, db: Database, clock: Callable[[], float] = time.time) -> None:
        self.db = db
        self._clock = clock  # injectable, so TTLs test without sleeps

    def cached_digest(self, canon: str, ttl_s: float) -> tuple[str, Digest] | None:
        """The newest digest of a link made within `ttl_s`, with its id."""
        row = self.db.read(
            lambda db: db.execute(
                "SELECT id, data FROM digests WHERE canon = ? AND created >= ?"
                " ORDER BY created DESC LIMIT 1",
                (canon, self._clock() - ttl_s),
            ).fetchone()
        )
        return (row["id"], digest_from_json(row["data"])) if row else None

    def save_digest(self, canon: str, digest: Digest) -> str:
        """Store a digest; its id goes into the feedback buttons."""
        digest_id = uuid.uuid4().hex[:16]
        data = digest_to_json(digest)
        self.db.write(
            lambda db: db.execute(
                "INSERT INTO digests VALUES (?, ?, ?, ?)", (digest_id, canon, data, self._clock())
            )
        )
        return digest_id

    def digest(self, digest_id: str) -> Digest | None:
        """One stored digest by id."""
        row = self.db.read(
            lambda db: db.execute("SELECT data FROM digests WHERE id = ?", (digest_id,)).fetchone()
        )
        return digest_from_json(row["data"]) if row else None

    def add_feedback(self, digest_id: str, user: str, vote: int) -> None:
        """Record a 👍 (+1) or 👎 (-1); a user's later vote replaces their earlier one."""
        self.db.write(
            lambda db: db.execute(
                "INSERT OR REPLACE INTO feedback VALUES (?, ?, ?, ?)",
                (digest_id, user, vote, self._clock()),
            )
        )

    def feedback(self, digest_id: str) -> dict[str, int]:
        """Votes on a digest by user."""
        rows = self.db.read(
            lambda db: db.execute(
                "SELECT user, vote FROM feedback WHERE digest_id = ?", (digest_id,)
            ).fetchall()
        )
        return {r["user"]: r["vote"] for r in rows}


def recent_digests(store: Store, user: str, limit: int = 10) -> list[tuple[str, Digest, float]]:
    """A user's newest delivered digests (id, digest, when), newest first, one per link."""
    rows = store.db.read(
        lambda db: db.execute(
            "SELECT d.id, d.data, MAX(j.updated) AS at FROM jobs j JOIN digests d"
            " ON d.id = j.digest_id WHERE j.user = ? AND j.status = 'done'"
            " GROUP BY d.canon ORDER BY at DESC LIMIT ?",
            (user, limit),
        ).fetchall()
    )
    return [(row["id"], digest_from_json(row["data"]), float(row["at"])) for row in rows]
