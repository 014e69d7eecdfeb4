"""What the test bots' forkserver imports once: the bot's modules and the English parser.

Every bot the kill and lock tests start is a process of its own, forked from that server (the
way a prefork server or Celery's pool starts its children from a loaded parent). Started with
`python -c`, each spent about four of its five seconds of start-up importing spaCy, torch
(which thinc imports) and loading the parser, twenty times a suite on two busy cores.
"""

from __future__ import annotations

import logging
import os

from bot.config import Settings
from bot.parse import pipeline as parser
from bot.slack.server import Bot, pipeline, run_http
from bot.summarise.extractive import ExtractiveSummariser

parser("en")  # loaded here, once; each forked bot finds it loaded (copy-on-write)


def serve(env: dict[str, str], cwd: str) -> None:
    """`newsbot serve` with exactly the environment `env`, as a fresh process would see it."""
    os.environ.clear()
    os.environ.update(env)
    os.chdir(cwd)
    logging.basicConfig(level=logging.INFO)
    settings = Settings(_env_file=None)  # type: ignore[call-arg]
    build = None if settings.broker_url else pipeline(settings, ExtractiveSummariser())
    run_http(Bot(settings, build))
