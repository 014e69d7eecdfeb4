"""Digest → the stable JSON contract that other tools read."""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

from bot.digest import Digest


def digest_record(digest: Digest) -> dict[str, Any]:
    """The JSON object for one digest (keys are a contract: see README)."""
    return {
        "input": digest.input,
        "url": digest.url,
        "title": digest.title,
        "site": digest.site,
        "author": digest.author,
        "published": digest.published,
        "language": digest.language,
        "text": digest.text,
        "summary": list(digest.summary),
        "summary_method": digest.summary_method,
        "summary_support": [list(s) for s in digest.summary_support],
        "model": digest.model,
        "figures": [asdict(f) for f in digest.figures],
        "quotes": [asdict(q) for q in digest.quotes],
        "warnings": list(digest.warnings),
    }


def error_record(source: str, message: str) -> dict[str, Any]:
    """The JSON object for an input that failed, in batch mode."""
    return {"input": source, "error": message}


def dumps(record: dict[str, Any], indent: int | None = None) -> str:
    return json.dumps(record, ensure_ascii=False, indent=indent)
