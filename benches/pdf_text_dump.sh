#!/usr/bin/env bash
# Writes civtrace's PDF text for every PDF under CORPUS_DIR into OUT_DIR/<name>.txt,
# one process per file (like ../shared/bench/pdftext_baseline.sh does for pdftotext).
#
#   benches/pdf_text_dump.sh CORPUS_DIR OUT_DIR [BIN]     # LAYOUT=1 adds --layout
set -euo pipefail
CORPUS="${1:?usage: pdf_text_dump.sh CORPUS_DIR OUT_DIR [BIN]}"
OUT="${2:?usage: pdf_text_dump.sh CORPUS_DIR OUT_DIR [BIN]}"
BIN="${3:-target/release/civtrace}"
FLAG=""; [ "${LAYOUT:-0}" = 1 ] && FLAG="--layout"
mkdir -p "$OUT"
start=$(date +%s.%N)
find "$CORPUS" -type f -iname '*.pdf' -print0 | sort -z |
  xargs -0 -r -I{} sh -c 'f="$1"; b=$(basename "$f"); "$2" pdftext "$f" $3 > "$4/${b%.*}.txt" || echo "failed: $f" >&2' _ {} "$BIN" "$FLAG" "$OUT"
end=$(date +%s.%N)
n=$(find "$CORPUS" -type f -iname '*.pdf' | wc -l)
awk -v n="$n" -v s="$start" -v e="$end" 'BEGIN { printf "civtrace pdftext: %d PDFs in %.2fs = %.1f docs/s\n", n, e-s, n/(e-s) }'
