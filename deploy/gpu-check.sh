#!/usr/bin/env bash
# The model layer on a GPU, in one command for a lent machine that can download nothing
# (an H200 with python3, torch and transformers; pydantic & co. come as wheels in .whl/).
# Run from the repository root: `bash deploy/gpu-check.sh`; everything goes to $OUT/gpu-check.log.
# The wheels (not committed; .whl/ is git-ignored locally), fetched beforehand on a machine with PyPI:
#   pip download --no-deps --only-binary=:all: --python-version 3.12 --implementation cp \
#     --platform manylinux2014_x86_64 -d .whl annotated-types==0.8.0 pydantic==2.14.4 \
#     pydantic-core==2.50.5 pydantic-settings==2.16.3 pysbd==0.3.4 python-dotenv==1.2.4 \
#     typing-extensions==4.16.0 typing-inspection==0.4.5
#
# What it measures:
#  1. smoke: NEWSBOT_DEVICE=auto resolves to cuda, and the transformers engine loads a
#     distilbart-shaped model (random weights) in bf16 on it and summarises a 900-token article twice;
#  2. `newsbot bench --device cuda`: for the distilbart and bart-large shapes, seconds per
#     article of the pipeline baseline (fp32) and of our engine (bf16), median of 3 interleaved
#     rounds (CTranslate2 is reported unavailable: no CUDA 13 build), then 1, 16 and 64 articles
#     at once against one at a time (the batcher's gain).
# The whole run stays within BUDGET seconds: the bench gets what the earlier steps left.
# Without a GPU, e.g. DEVICE=cpu PY=.venv/bin/python SKIP_WHEELS=1 BENCH_ARGS="--shapes
# distilbart-cnn-12-6 --rounds 1 --new-tokens 8 --concurrency 1" runs the same steps on the CPU.
set -uo pipefail
DEVICE=${DEVICE:-cuda}
PY=${PY:-python3}
BUDGET=${BUDGET:-500}
BENCH_ARGS=${BENCH_ARGS:---shapes distilbart-cnn-12-6,bart-large-cnn --rounds 3 --concurrency 1,16,64}
OUT=${OUT:-/tmp/gpu-check}
export PYTHONUNBUFFERED=1 HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1
step() { echo; echo "== $* (at ${SECONDS}s)"; }

main() {
step "wheels"
if [ -z "${SKIP_WHEELS:-}" ]; then
  timeout 60 "$PY" -m pip install -q --no-index --no-deps --no-compile --no-cache-dir \
    --upgrade --target /tmp/site .whl/*.whl || exit 1
  export PYTHONPATH=/tmp/site:$PWD${PYTHONPATH:+:$PYTHONPATH}
else
  export PYTHONPATH=$PWD${PYTHONPATH:+:$PYTHONPATH}
fi

step "GPU and versions"
timeout 15 nvidia-smi -L
timeout 60 "$PY" -c 'import sys, torch, transformers, pydantic
print("python", sys.version.split()[0], "torch", torch.__version__, "cuda", torch.version.cuda,
      "transformers", transformers.__version__, "pydantic", pydantic.__version__)
print("GPU:", torch.cuda.is_available() and torch.cuda.get_device_name(0))'

# A failed smoke still lets the bench run: one lease, as much to read as it can give.
step "smoke: NEWSBOT_DEVICE=auto, transformers engine dtype, two summaries"
NEWSBOT_DEVICE=auto timeout 150 "$PY" - "$DEVICE" <<'EOF' || echo "SMOKE FAILED (status $?)"
import sys
import time
from pathlib import Path

import torch

from bot.article import Article
from bot.bench import article_sentences, build, shape
from bot.config import Settings
from bot.summarise import make_summariser
from bot.summarise.models import resolve_device

want = sys.argv[1]
name = "distilbart-cnn-12-6"
folder = build(name, Path("~/.cache/newsbot/bench").expanduser())  # the bench reuses it
settings = Settings(_env_file=None, summariser="seq2seq", model=str(folder), max_new_tokens=24)
device = resolve_device(settings.device)
print(f"NEWSBOT_DEVICE={settings.device} resolves to {device}")
summariser = make_summariser(settings).inner  # unguarded: the guard needs more wheels
engine = summariser.engine.engine  # the Batcher's engine
dtype = next(engine.model.parameters()).dtype
print(f"engine {engine.backend}, compute type {engine.compute_type}, on {engine.device}, {dtype}")
sentences = article_sentences(900, shape(name)["vocab_size"], seed=0)
article = Article(paragraphs=(" ".join(sentences),), sentences=tuple(sentences), language="en")
for call in ("first", "second"):
    started = time.perf_counter()
    summary = summariser.summarise(article, 3)
    print(f"{call} summary: {time.perf_counter() - started:.2f} s, {len(summary.sentences)} sentences")
assert device == want, device
assert engine.backend == "transformers" and engine.device.startswith(want), engine.device
assert dtype == (torch.bfloat16 if want == "cuda" else torch.float32), dtype
print("smoke ok")
EOF

step "bench on $DEVICE"
# shellcheck disable=SC2086  # BENCH_ARGS is a list of arguments
timeout $((BUDGET - SECONDS)) "$PY" -m bot.bench --device "$DEVICE" $BENCH_ARGS
echo "bench exit status $? (124: out of time); done at ${SECONDS}s"
}

mkdir -p "$OUT"
main 2>&1 | tee -a "$OUT/gpu-check.log"
