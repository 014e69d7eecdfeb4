"""`newsbot serve`: the Bolt app over HTTP (uvicorn) or Socket Mode, plus the workers."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import uvicorn
from slack_bolt.adapter.socket_mode import SocketModeHandler
from slack_bolt.adapter.starlette.handler import to_bolt_request, to_starlette_response
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from bot.config import Settings
from bot.errors import NewsbotError, StoreBusy
from bot.render.slack_home import home_view
from bot.slack.app import build_app, web_client
from bot.slack.db import Database
from bot.slack.delivery import Delivery
from bot.slack.dispatch import Dispatcher
from bot.slack.frontdoor import Refused, verified_body
from bot.slack.inbox import Inbox, InboxRunner
from bot.slack.intake import Intake
from bot.slack.jobs import Runner
from bot.slack.metrics import CONTENT_TYPE as METRICS_TYPE
from bot.slack.metrics import render as render_metrics
from bot.slack.pipeline import Pipeline
from bot.slack.pipeline import pipeline as pipeline
from bot.slack.progress import Tracker
from bot.slack.queue import JobQueue
from bot.slack.shared import SharedState, connect
from bot.slack.spool import Spool
from bot.slack.store import Store, recent_digests
from bot.slack.tasks import UNFURL_TASK, celery_app
from bot.slack.unfurl import QueuedUnfurls, Unfurler

log = logging.getLogger(__name__)

DB_NAME = "newsbot.sqlite3"
SPOOL_NAME = "intake.spool"
# /healthz answers within this even when the store is locked (it never blocks the loop).
HEALTH_TIMEOUT_S = 1.0


def check_slack(client: WebClient, api_url: str) -> None:
    """Fail at start, in one line, when Slack is unreachable or refuses the bot token."""
    try:
        client.auth_test()
    except SlackApiError as err:
        reason = err.response.get("error", "refused")
        raise NewsbotError(f"Slack refused SLACK_BOT_TOKEN ({reason}).") from err
    except OSError as err:  # urllib's URLError and socket errors
        raise NewsbotError(f"I can't reach Slack at {api_url} ({err}).") from err


class Bot:
    """The store, the worker pool and the Bolt app of one process."""

    def __init__(self, settings: Settings, build: Pipeline | None = None) -> None:
        if not settings.slack_bot_token:
            raise NewsbotError("Set SLACK_BOT_TOKEN (xoxb-…) to run the Slack bot.")
        if not settings.slack_app_token and not settings.slack_signing_secret:
            raise NewsbotError(
                "Set SLACK_SIGNING_SECRET for HTTP mode, or SLACK_APP_TOKEN for Socket Mode."
            )
        self.settings = settings
        self.client = web_client(settings)
        check_slack(self.client, settings.slack_api_url)  # before minutes of model loading
        spool = Spool(settings.data_dir / SPOOL_NAME)
        delivery = Delivery(self.client, settings)
        self.runner: Runner | Dispatcher
        self.shared: SharedState | None = None
        self._dbs: tuple[Database, ...] = ()
        self.unfurler: Unfurler | QueuedUnfurls | None = None
        self.inbox: Inbox | None = None  # events stored before their ack (embedded store)
        if settings.broker_url:  # the front-end role: ack and enqueue, never load a model
            self.shared = SharedState(connect(settings.broker_url, patient=False))
            broker = celery_app(settings)
            self.runner = Dispatcher(self.shared, broker, spool, settings)
            self.intake = Intake(self.shared, self.shared, spool, self.runner, self.client,
                                 delivery, settings.dedupe_window_s)  # fmt: skip
            if settings.unfurl_domain_list:  # the workers fetch and summarise the links
                self.unfurler = QueuedUnfurls(
                    settings.unfurl_domain_list,
                    lambda event, urls: broker.send_task(UNFURL_TASK, args=[event, urls]),
                )
        else:
            path = settings.data_dir / DB_NAME
            # Two connections: the acks never queue behind a worker's write, nor a worker
            # behind the acks; SQLite arbitrates between them (and other processes).
            self.db, intake_db = Database(path), Database(path, wait_s=5.0)
            self.jobs, self.store = JobQueue(self.db), Store(self.db)
            build = build or pipeline(settings)
            track = Tracker(self.client, settings.progress_after_s)
            self.runner = Runner(self.jobs, self.store, delivery, build, settings, spool, track)
            self._dbs = (self.db, intake_db)
            self.inbox = Inbox(intake_db)
            self.intake = Intake(
                JobQueue(intake_db),
                Store(intake_db),
                spool,
                self.runner,
                self.client,
                delivery,
                settings.dedupe_window_s,
            )
            # Unfurls read and write the digest cache from their own pool (the workers' store
            # connection; SQLite serialises the writes) and the one model, through its batcher.
            if settings.unfurl_domain_list:
                self.unfurler = Unfurler(
                    settings.unfurl_domain_list,
                    self.store,
                    self.client,
                    build,
                    settings.cache_ttl_s,
                )
        self.app, self.events = build_app(
            settings, self.client, self.intake, self.home, self.unfurler
        )
        self.inbox_runner = InboxRunner(self.inbox, self.app.dispatch) if self.inbox else None
        self.socket: SocketModeHandler | None = None
        self._stopped = False

    def start(self) -> None:
        """Start the workers (resuming stored jobs) and, with an app token, Socket Mode."""
        self.runner.start()
        if self.inbox_runner is not None:
            self.inbox_runner.start()
        if self.settings.slack_app_token:
            self.socket = SocketModeHandler(self.app, app_token=self.settings.slack_app_token)
            self.socket.connect()

    def stop(self) -> None:
        """Disconnect and let the workers finish their current job; safe to call twice."""
        if self._stopped:
            return
        self._stopped = True
        if self.socket is not None:
            self.socket.close()
        if self.inbox_runner is not None and self.inbox is not None:
            self.inbox_runner.stop()  # the requests not dispatched yet stay stored
            self.inbox.writer.close()
        self.intake.writer.close()
        if self.unfurler is not None:
            self.unfurler.stop()
        if self.runner.stop():
            for db in self._dbs:
                db.close()
            log.info("stopped; workers idle")
            return
        log.info("stopped with a job in progress; it resumes on the next start")

    def health(self) -> tuple[bool, dict[str, Any]]:
        """Ready when the pool runs and, in Socket Mode, the socket is connected; with the
        threads per role, stuck jobs and replaced threads."""
        connected = self.socket is None or self.socket.client.is_connected()
        ok = self.runner.running and connected
        if self.inbox_runner is not None:
            ok = ok and self.inbox_runner.running
        mode = "socket" if self.settings.slack_app_token else "http"
        try:
            pending: int | None = self.intake.jobs.count("pending")  # WAL read / Redis
        except StoreBusy:  # Redis restarting: acks go to the spool meanwhile
            pending = None
        info = {"ok": ok, "mode": mode, "pending": pending, **self.runner.health()}
        if self.inbox is not None:
            with contextlib.suppress(StoreBusy):
                info["inbox"] = self.inbox.count()  # acked, listener not run yet
        return ok, info

    def home(self, user: str) -> dict[str, Any]:
        """The App Home view of `user`: last digests, settings, health."""
        ok, info = self.health()
        return home_view(
            self.shared.recent_digests(user) if self.shared else recent_digests(self.store, user),
            model=self.settings.model if self.settings.summariser != "extractive" else "extractive",
            summary_sentences=self.settings.summary_sentences,
            healthy=ok,
            pending=int(info["pending"] or 0),
        )

    def metrics(self) -> dict[str, Any]:
        """What `/metrics` shows: shared counters (Redis), or the embedded queue's counts."""
        if self.shared is not None:
            return self.shared.metrics()
        jobs = self.intake.jobs
        names = {"queue_depth": "pending", "jobs_running": "running", "jobs_done": "done",
                 "jobs_failed": "failed"}  # fmt: skip
        return {name: jobs.count(status) for name, status in names.items()}

    def _listened(self, payload: dict[str, Any]) -> bool:
        event = payload.get("event") or {}
        return payload.get("type") == "event_callback" and event.get("type") in self.events

    def asgi(self) -> Starlette:
        """`POST /slack/events` (HTTP mode only) and `GET /healthz`."""

        async def events(request: Request) -> Response:
            try:  # size and signature first, on the raw bytes: nothing unsigned is parsed
                body, payload = await verified_body(
                    request, self.settings.slack_signing_secret or ""
                )
            except Refused as refused:
                return refused.response()
            # An event we listen to is stored whole and acked; its listener runs after the
            # burst. Commands and interactions (rarer, and some answer in their ack) and
            # events nobody handles (Bolt's 404) go through Bolt now.
            inbox = self.inbox_runner
            if inbox is not None and payload and self._listened(payload):
                key = str(payload.get("event_id") or uuid.uuid4().hex)
                if await inbox.inbox.add(key, body, request.headers):
                    inbox.arrived()
                    return Response(status_code=200)
                self.intake.store_busy()  # locked: Bolt's listener spools it without waiting
            # Bolt's dispatch blocks until ack(); run it off the event loop so one slow
            # request never holds up the others.
            try:
                resp = await run_in_threadpool(self.app.dispatch, to_bolt_request(request, body))
            except Exception as err:  # a signed payload with fields of the wrong shape
                log.warning("malformed Slack payload: %s: %s", type(err).__name__, err)
                return Refused(400, "malformed request body").response()
            return to_starlette_response(resp)

        async def healthz(request: Request) -> Response:
            try:  # in a thread, bounded: a locked store must not freeze the event loop
                ok, info = await asyncio.wait_for(run_in_threadpool(self.health), HEALTH_TIMEOUT_S)
            except TimeoutError:
                ok, info = False, {"ok": False, "error": "health check timed out"}
            return JSONResponse(info, status_code=200 if ok else 503)

        async def metrics(request: Request) -> Response:
            try:
                values = await asyncio.wait_for(run_in_threadpool(self.metrics), HEALTH_TIMEOUT_S)
            except (TimeoutError, StoreBusy):
                return Response("store unavailable\n", status_code=503)
            return Response(render_metrics(values), media_type=METRICS_TYPE)

        @asynccontextmanager
        async def lifespan(app: Starlette) -> AsyncIterator[None]:
            yield
            # uvicorn re-raises SIGTERM once it has shut down, which skips `finally` blocks:
            # stop the workers here, while shutting down, so a running job can finish.
            await run_in_threadpool(self.stop)

        routes = [
            Route("/healthz", healthz, methods=["GET"]),
            Route("/metrics", metrics, methods=["GET"]),
        ]
        if not self.settings.slack_app_token:
            routes.append(Route("/slack/events", events, methods=["POST"]))
        return Starlette(routes=routes, lifespan=lifespan)


def run_http(bot: Bot, host: str = "0.0.0.0") -> None:
    """Start the bot and serve it with uvicorn until SIGINT/SIGTERM (uvicorn traps them)."""
    bot.start()
    mode = "Socket Mode" if bot.socket else f"HTTP on :{bot.settings.port}/slack/events"
    log.info("newsbot is listening (%s)", mode)
    try:
        uvicorn.run(bot.asgi(), host=host, port=bot.settings.port, log_level="warning")
    finally:
        bot.stop()


def serve(settings: Settings) -> None:
    """`newsbot serve`: one summariser, the workers, and Slack over HTTP or Socket Mode."""
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    run_http(Bot(settings))


if __name__ == "__main__":
    serve(Settings())  # type: ignore[call-arg]  # pydantic-settings fills it from the env
