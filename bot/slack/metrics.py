"""`GET /metrics` in the Prometheus text format (0.0.4): queue depth, jobs done/failed and
redelivered, job latency (accepted → answered) and model latency histograms."""

from __future__ import annotations

from typing import Any

from bot.slack.shared import BUCKETS, HISTOGRAMS

CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"
_HELP = {
    "queue_depth": ("gauge", "Jobs accepted and not yet started."),
    "jobs_running": ("gauge", "Jobs being worked on now."),
    "jobs_done": ("counter", "Jobs answered with a digest."),
    "jobs_failed": ("counter", "Jobs answered with an error (or given up on)."),
    "jobs_redelivered": ("counter", "Job deliveries after a worker was lost or a retry."),
    "job_latency_seconds": ("histogram", "Accepted to answered, per job."),
    "model_latency_seconds": ("histogram", "Summary, figures and quotes of one article."),
    "model_batch_jobs": ("histogram", "Jobs whose articles shared one model call."),
}


def render(values: dict[str, Any]) -> str:
    """The exposition text for `values` (as `SharedState.metrics` returns them; a missing
    name is left out, so the embedded mode shows what it has)."""
    lines: list[str] = []
    for name, (kind, help_text) in _HELP.items():
        metric = f"newsbot_{name}" + ("_total" if kind == "counter" else "")
        if kind == "histogram":
            hist = values.get("histograms", {}).get(name)
            if hist is None:
                continue
            lines += [f"# HELP {metric} {help_text}", f"# TYPE {metric} histogram"]
            # stored cumulatively: each bucket at or above the value
            for bound in HISTOGRAMS.get(name, BUCKETS):
                lines.append(f'{metric}_bucket{{le="{bound}"}} {int(hist.get(str(bound), 0))}')
            count = int(hist.get("+Inf", 0))
            lines.append(f'{metric}_bucket{{le="+Inf"}} {count}')
            lines.append(f"{metric}_sum {hist.get('sum', 0.0)}")
            lines.append(f"{metric}_count {count}")
        elif values.get(name) is not None:
            lines += [f"# HELP {metric} {help_text}", f"# TYPE {metric} {kind}"]
            lines.append(f"{metric} {values[name]}")
    return "\n".join(lines) + "\n"
