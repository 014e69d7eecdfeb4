"""Typed settings, read once from the environment (and `.env`) and passed explicitly."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import AliasChoices, Field
from pydantic_settings import BaseSettings, SettingsConfigDict

SummariserKind = Literal["auto", "extractive", "seq2seq", "chat"]
EngineKind = Literal["auto", "transformers", "ctranslate2"]
ComputeType = Literal[
    "auto",
    "float32",
    "float16",
    "bfloat16",
    "int8",
    "int8_float32",
    "int8_float16",
    "int8_bfloat16",
]


def _env(name: str) -> AliasChoices:
    # Accept both the env name (the contract) and the field name (for tests).
    return AliasChoices(name, name.lower())


class Settings(BaseSettings):
    """Every knob of newsbot; names given in the issues are a contract."""

    model_config = SettingsConfigDict(
        env_file=".env", extra="ignore", populate_by_name=True, frozen=True
    )

    # Slack
    slack_bot_token: str | None = Field(None, validation_alias=_env("SLACK_BOT_TOKEN"))
    slack_signing_secret: str | None = Field(None, validation_alias=_env("SLACK_SIGNING_SECRET"))
    slack_app_token: str | None = Field(None, validation_alias=_env("SLACK_APP_TOKEN"))
    slack_api_url: str = Field("https://slack.com/api/", validation_alias=_env("SLACK_API_URL"))
    port: int = Field(3000, validation_alias=_env("NEWSBOT_PORT"))
    data_dir: Path = Field(Path("./newsbot-data"), validation_alias=_env("NEWSBOT_DATA_DIR"))
    # Threads that summarise and answer (the model itself runs one job at a time).
    workers: int = Field(2, ge=1, validation_alias=_env("NEWSBOT_WORKERS"))
    # Pages fetched and extracted at once, apart from the model: a slow page delays itself.
    fetch_concurrency: int = Field(16, ge=1, validation_alias=_env("NEWSBOT_FETCH_CONCURRENCY"))
    # Slack delivery: retries of one call (5xx, 429, connection) with back-off and jitter,
    # then the job is requeued after a growing delay (base below, capped at 5 min).
    slack_retries: int = Field(3, ge=0, validation_alias=_env("NEWSBOT_SLACK_RETRIES"))
    slack_retry_backoff_s: float = Field(
        0.5, ge=0, validation_alias=_env("NEWSBOT_SLACK_RETRY_BACKOFF")
    )
    requeue_delay_s: float = Field(5.0, ge=0, validation_alias=_env("NEWSBOT_REQUEUE_DELAY"))
    # On SIGTERM, running jobs may finish within this; the rest go back to the queue.
    stop_grace_s: float = Field(10.0, ge=0, validation_alias=_env("NEWSBOT_STOP_GRACE"))
    # A job running longer than this marks its thread stuck: health says so, a new one starts.
    stuck_after_s: float = Field(600.0, gt=0, validation_alias=_env("NEWSBOT_STUCK_AFTER"))
    # Scale-out: with a broker URL (redis://…), `serve` only acks and enqueues and
    # `newsbot worker` processes run the jobs (Celery); without one everything is embedded.
    broker_url: str | None = Field(None, validation_alias=_env("NEWSBOT_BROKER_URL"))
    # A job's soft/hard time limits; the broker redelivers an unacked job after the visibility
    # timeout (a worker machine lost), so it must exceed the hard limit.
    # Jobs one `newsbot worker` process runs at once. 1: a prefork pool of `workers`
    # processes, each with its own model, one job each. More: one process, this many threads,
    # one model whose batcher joins their articles into shared calls, and a slow site holds
    # only its own thread (Celery's time limits are not enforced in a thread pool: the job's
    # own fetch deadline and budget are).
    worker_threads: int = Field(1, ge=1, validation_alias=_env("NEWSBOT_WORKER_THREADS"))
    job_soft_limit_s: float = Field(300.0, gt=0, validation_alias=_env("NEWSBOT_JOB_SOFT_LIMIT"))
    job_hard_limit_s: float = Field(360.0, gt=0, validation_alias=_env("NEWSBOT_JOB_HARD_LIMIT"))
    visibility_timeout_s: float = Field(
        3600.0, gt=0, validation_alias=_env("NEWSBOT_VISIBILITY_TIMEOUT")
    )
    cache_ttl_s: float = Field(6 * 3600, validation_alias=_env("NEWSBOT_CACHE_TTL"))
    dedupe_window_s: float = Field(300, validation_alias=_env("NEWSBOT_DEDUPE_WINDOW"))
    # Comma-separated domains whose links the bot unfurls with a compact digest (subdomains
    # included); empty = off. Each must also be in the manifest's unfurl_domains.
    unfurl_domains: str = Field("", validation_alias=_env("NEWSBOT_UNFURL_DOMAINS"))
    # A stage that lasts this long is shown in the placeholder ("Summarising…"); faster
    # stages cost no Slack call. Assistant threads show every stage with setStatus.
    progress_after_s: float = Field(2.0, ge=0, validation_alias=_env("NEWSBOT_PROGRESS_AFTER"))

    # Fetching
    allow_private_urls: bool = Field(False, validation_alias=_env("NEWSBOT_ALLOW_PRIVATE_URLS"))
    fetch_connect_timeout_s: float = Field(5.0, validation_alias=_env("NEWSBOT_CONNECT_TIMEOUT"))
    fetch_read_timeout_s: float = Field(15.0, validation_alias=_env("NEWSBOT_READ_TIMEOUT"))
    max_page_bytes: int = Field(5_000_000, validation_alias=_env("NEWSBOT_MAX_PAGE_BYTES"))
    max_redirects: int = Field(5, validation_alias=_env("NEWSBOT_MAX_REDIRECTS"))
    # Connect + headers + body of one link, redirects included: a drip-feeding server ends
    # here (fetch.py), and a fetcher thread waits no longer for a page (slack/pipeline.py).
    fetch_deadline_s: float = Field(20.0, gt=0, validation_alias=_env("NEWSBOT_FETCH_DEADLINE"))
    # A whole job (fetch, extract, summary, figures, quotes); an overrun becomes a clear reply.
    job_budget_s: float = Field(60.0, gt=0, validation_alias=_env("NEWSBOT_JOB_BUDGET"))

    # Summarising
    summariser: SummariserKind = Field("auto", validation_alias=_env("NEWSBOT_SUMMARISER"))
    model: str = Field("sshleifer/distilbart-cnn-12-6", validation_alias=_env("NEWSBOT_MODEL"))
    model_probe_timeout_s: float = Field(2.0, validation_alias=_env("NEWSBOT_MODEL_PROBE_TIMEOUT"))
    device: str = Field("auto", validation_alias=_env("NEWSBOT_DEVICE"))
    summary_sentences: int = Field(
        3, ge=1, le=6, validation_alias=_env("NEWSBOT_SUMMARY_SENTENCES")
    )
    max_new_tokens: int = Field(142, validation_alias=_env("NEWSBOT_MAX_NEW_TOKENS"))
    num_beams: int = Field(4, validation_alias=_env("NEWSBOT_NUM_BEAMS"))
    # Up to 50 for batch and research use; the Slack message keeps its own limit (render/slack).
    max_figures: int = Field(8, ge=0, le=50, validation_alias=_env("NEWSBOT_MAX_FIGURES"))
    max_quotes: int = Field(6, ge=0, le=50, validation_alias=_env("NEWSBOT_MAX_QUOTES"))
    # How the model runs: `auto` is CTranslate2 (int8 on a CPU, float16 on a GPU) for the
    # families it converts, else transformers (float32 on a CPU, bfloat16/float16 on a GPU).
    engine: EngineKind = Field("auto", validation_alias=_env("NEWSBOT_ENGINE"))
    compute_type: ComputeType = Field("auto", validation_alias=_env("NEWSBOT_COMPUTE_TYPE"))
    # Benchmarks set it to NEWSBOT_MAX_NEW_TOKENS so every engine writes the same length.
    min_new_tokens: int = Field(0, ge=0, validation_alias=_env("NEWSBOT_MIN_NEW_TOKENS"))
    # Concurrent jobs share model calls: at most this many prompts in one call, gathered for
    # at most this long (seconds) after the first arrives.
    max_batch: int = Field(16, ge=1, validation_alias=_env("NEWSBOT_MAX_BATCH"))
    batch_wait_s: float = Field(0.02, ge=0, validation_alias=_env("NEWSBOT_BATCH_WAIT"))

    @property
    def unfurl_domain_list(self) -> tuple[str, ...]:
        """`unfurl_domains` as lower-case names, without blanks or leading dots."""
        names = (d.strip().strip(".").lower() for d in self.unfurl_domains.split(","))
        return tuple(d for d in names if d)
