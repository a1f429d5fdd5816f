#!/usr/bin/env bash
# All PDF figures in one run, on a bench corpus made by ../shared/bench/gen_corpus.py:
#   1. fact strings found verbatim in civtrace's text (text_recall.py),
#   2. word agreement with `pdftotext -layout` (benches/pdf_agreement.py),
#   3. throughput side by side with pdftotext, one process per file (benches/pdf_speed.py).
#
#   benches/pdf_bench.sh [CORPUS_DIR] [ROUNDS]      # defaults: /work/bench-corpus 3
# Needs: a release build (cargo build --release), poppler-utils, python3;
# BENCH_PY (default /work/bench-venv/bin/python) and BENCH_DIR (default /work/shared/bench).
set -euo pipefail
cd "$(dirname "$0")/.."
CORPUS="${1:-/work/bench-corpus}"
ROUNDS="${2:-3}"
PY="${BENCH_PY:-/work/bench-venv/bin/python}"
BENCH="${BENCH_DIR:-/work/shared/bench}"
ours=$(mktemp -d /tmp/civtrace-pdftext.XXXXXX)
ref=$(mktemp -d /tmp/pdftotext.XXXXXX)
trap 'rm -rf "$ours" "$ref"' EXIT

benches/pdf_text_dump.sh "$CORPUS" "$ours" target/release/civtrace
bash "$BENCH/pdftext_baseline.sh" "$CORPUS" "$ref" >/dev/null
echo "== fact strings (civtrace)";  "$PY" "$BENCH/text_recall.py" "$ours" "$CORPUS/manifest.jsonl"
echo "== fact strings (pdftotext)"; "$PY" "$BENCH/text_recall.py" "$ref" "$CORPUS/manifest.jsonl" | head -1
echo "== word agreement with pdftotext -layout"; python3 benches/pdf_agreement.py "$ours" "$ref" --worst 3
echo "== throughput"; python3 benches/pdf_speed.py "$CORPUS" --rounds "$ROUNDS"
