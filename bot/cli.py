"""`newsbot summarise | check | models pull | serve | worker | bench | eval`."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from pydantic import ValidationError
from rich.console import Console

from bot.config import Settings
from bot.errors import BadInput, NewsbotError

if TYPE_CHECKING:
    from bot.fetch import Fetcher

stderr = Console(stderr=True)


def main(
    argv: list[str] | None = None,
    *,
    settings: Settings | None = None,
    fetcher: Fetcher | None = None,
) -> int:
    """Entry point of the `newsbot` console script; returns the exit status.

    `settings` and `fetcher` (its resolver and address policy) are for in-process tests."""
    parser = _parser()
    # `eval` and `bench` pass their options on; argparse's REMAINDER alone would refuse an
    # option that comes first (`newsbot eval --only guard`).
    args, unknown = parser.parse_known_args(argv)
    if unknown and not hasattr(args, "rest"):
        parser.error(f"unrecognized arguments: {' '.join(unknown)}")
    if hasattr(args, "rest"):
        args.rest = [*unknown, *args.rest]
    args.fetcher = fetcher
    try:
        settings = settings or Settings()
    except ValidationError as err:
        return _fail(f"bad configuration: {err.errors()[0]['loc']}: {err.errors()[0]['msg']}")
    try:
        return int(args.run(args, settings))
    except NewsbotError as err:
        return _fail(err.message, err.exit_code)
    except KeyboardInterrupt:
        return 130
    except Exception as err:  # a bug, not the user's doing: one line unless --debug
        if args.debug:
            raise
        return _fail(f"internal error ({type(err).__name__}: {err}); --debug shows where", 1)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="newsbot", description=__doc__)
    parser.add_argument("--debug", action="store_true", help="show tracebacks of internal errors")
    commands = parser.add_subparsers(required=True, metavar="COMMAND")

    summarise = commands.add_parser(
        "summarise", aliases=["summarize"], help="digest of articles: summary, figures, quotes"
    )
    summarise.add_argument("inputs", nargs="+", metavar="INPUT", help="URL, .html/.txt file or -")
    output = summarise.add_mutually_exclusive_group()
    output.add_argument("--json", action="store_true", help="print one JSON object")
    output.add_argument("--jsonl", action="store_true", help="one JSON object per input and line")
    summarise.add_argument("--model", help="Hugging Face model id or local path for this run")
    summarise.add_argument(
        "--summariser", choices=["auto", "extractive", "seq2seq", "chat"], help="backend"
    )
    summarise.add_argument(
        "--sources", action="store_true", help="show the paragraph each summary sentence is from"
    )
    summarise.set_defaults(run=_summarise)

    models = commands.add_parser("models", help="manage local models")
    model_commands = models.add_subparsers(required=True, metavar="ACTION")
    pull = model_commands.add_parser("pull", help="download a model ahead of time")
    pull.add_argument("model", nargs="?", help="model id (default: NEWSBOT_MODEL)")
    pull.set_defaults(run=_pull)

    check = commands.add_parser(
        "check", help="does the article support each sentence of a text? where?"
    )
    check.add_argument("article", nargs="?", metavar="ARTICLE", help="URL, .html/.txt file or -")
    check_input = check.add_mutually_exclusive_group(required=True)
    check_input.add_argument("--text", help="the sentence(s) or draft to check")
    check_input.add_argument(
        "--jsonl",
        metavar="FILE",
        help='lines of {"article": …, "sentences": […]} (- for stdin); prints one result a line',
    )
    check.set_defaults(run=_check)

    serve = commands.add_parser("serve", help="run the Slack bot")
    serve.set_defaults(run=_serve)

    worker = commands.add_parser(
        "worker", help="run jobs from NEWSBOT_BROKER_URL (Celery + Redis; loads the model)"
    )
    worker.add_argument(
        "--ping", action="store_true", help="exit 0 when this host's worker is up and ready"
    )
    worker.set_defaults(run=_worker)

    bench = commands.add_parser("bench", help="model speed and memory against transformers")
    bench.add_argument("rest", nargs=argparse.REMAINDER, help="options of bot.bench")
    bench.set_defaults(run=_bench)

    evaluate = commands.add_parser("eval", help="score the dev sets and print the table")
    evaluate.add_argument("rest", nargs=argparse.REMAINDER, help="options of bot.eval.run")
    evaluate.set_defaults(run=_eval)
    return parser


def _summarise(args: argparse.Namespace, settings: Settings) -> int:
    from bot.digest import build_digest
    from bot.render.json import digest_record, dumps, error_record
    from bot.summarise import make_summariser

    if args.json and len(args.inputs) > 1:
        raise NewsbotError("--json prints one object: use --jsonl for several inputs.")
    overrides = {"model": args.model, "summariser": args.summariser}
    settings = settings.model_copy(update={k: v for k, v in overrides.items() if v})
    with _status("Loading the summariser…") as progress:
        summariser = make_summariser(settings, progress=progress)  # once, for every input
    failed = 0
    if not args.jsonl:
        for source in args.inputs:  # one input, or several shown one after another
            try:
                with _status(f"Reading {source}…"):
                    digest = build_digest(source, settings, summariser, args.fetcher)
            except NewsbotError as err:
                if len(args.inputs) == 1:
                    raise
                failed = _fail(f"{source}: {err.message}", err.exit_code)
                continue  # a bad input among several never loses the others
            if args.json:
                print(dumps(digest_record(digest), indent=2))
            else:
                from bot.render.terminal import digest_view

                Console().print(digest_view(digest, sources=args.sources))
        return failed
    for source in args.inputs:  # batch: a bad input is a record, never the end of the run
        try:
            record = digest_record(build_digest(source, settings, summariser, args.fetcher))
        except NewsbotError as err:
            record, failed = error_record(source, err.message), failed + 1
        except Exception as err:  # a bug on one page must not lose the rest of the batch
            record, failed = error_record(source, f"internal error: {err!r}"), failed + 1
        print(dumps(record), flush=True)
    return 2 if failed else 0


def _check(args: argparse.Namespace, settings: Settings) -> int:
    from bot.check import check_jsonl, check_text

    if args.jsonl:
        if args.article:
            raise NewsbotError("--jsonl carries its own articles: give no ARTICLE with it.")
        with _lines(args.jsonl) as lines:
            for result in check_jsonl(lines):
                print(json.dumps(result), flush=True)
        return 0
    if not args.article:
        raise NewsbotError("check --text needs the ARTICLE to check it against.")
    from bot.digest import load
    from bot.extract import extract

    with _status(f"Reading {args.article}…"):
        article = extract(load(args.article, settings))
    report = check_text(article, args.text)
    print("\n".join(report))
    return 0


@contextmanager
def _lines(path: str) -> Iterator[Iterable[str]]:
    if path == "-":
        yield sys.stdin
        return
    try:
        with open(path, encoding="utf-8") as f:
            yield f
    except OSError as err:
        raise BadInput(f"cannot read {path}: {err.strerror}") from err


def _pull(args: argparse.Namespace, settings: Settings) -> int:
    from bot.summarise.models import pull_model

    model = args.model or settings.model
    path = pull_model(model, progress=lambda line: stderr.print(line, markup=False))
    from bot.summarise.engine import prepare

    converted = prepare(path, settings)  # once, here, rather than on the first start
    stderr.print(f"[green]✓[/] {model} is ready in {path}")
    if converted is not None:
        stderr.print(f"[green]✓[/] converted for CTranslate2 in {converted}")
    return 0


def _serve(args: argparse.Namespace, settings: Settings) -> int:
    from bot.slack.server import serve

    serve(settings)
    return 0


def _worker(args: argparse.Namespace, settings: Settings) -> int:
    from bot.slack.tasks import ping_worker, run_worker

    if args.ping:
        return 0 if ping_worker(settings) else 1
    if not settings.slack_bot_token:
        raise NewsbotError("Set SLACK_BOT_TOKEN (xoxb-…): workers answer in Slack.")
    run_worker(settings)
    return 0


def _bench(args: argparse.Namespace, settings: Settings) -> int:
    from bot.bench import main as bench_main

    return bench_main(args.rest)


def _eval(args: argparse.Namespace, settings: Settings) -> int:
    from bot.eval.run import main as eval_main

    return eval_main(args.rest)


@contextmanager
def _status(message: str) -> Iterator[Callable[[str], None]]:
    """A spinner on stderr when it is a terminal (silent in pipes); yields its updater."""
    if not stderr.is_terminal:
        yield lambda line: None
        return
    with stderr.status(message) as spinner:
        yield lambda line: spinner.update(line)


def _fail(message: str, code: int = 2) -> int:
    stderr.print(f"newsbot: error: {message}", markup=False, highlight=False, soft_wrap=True)
    return code


if __name__ == "__main__":
    sys.exit(main())
