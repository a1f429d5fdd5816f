#!/usr/bin/env bash
# Side-by-side benchmark on a ../shared/bench corpus: civtrace (1 thread and all
# cores) vs the Python baseline (bs4+lxml, pdfminer.six) and pdftotext, in one
# run of bench_time.py, which times each command under /usr/bin/time -v,
# interleaved, and scores every command's records with score.py.
#
#   benches/compare.sh CORPUS [REPEAT]      # e.g. /tmp/bench-corpus 3
#
# Needs: bash ../shared/bench/setup.sh (or BENCH_VENV pointing at its venv).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
corpus=$(cd "${1:?usage: benches/compare.sh CORPUS [REPEAT]}" && pwd)
repeat=${2:-3}
bench=${CIVTRACE_BENCH_DIR:-$here/../shared/bench}
py=${BENCH_VENV:-$bench/.venv}/bin/python
[[ -x $py ]] || py=${CIVTRACE_BENCH_VENV:-/work/bench-venv}/bin/python
cargo build --release --manifest-path "$here/Cargo.toml" >&2
bin=$here/target/release/civtrace
out=${BENCH_OUT:-$here/target/bench}
mkdir -p "$out"
"$py" "$bench/bench_time.py" "$corpus" --repeat "$repeat" --workdir "$out/work" --json "$out/results.json" \
  --cmd "civtrace-html-1t:html:$bin reparse {corpus}/html --threads 1 --bench-records {out} --bench-root {corpus}" \
  --cmd "civtrace-html:html:$bin reparse {corpus}/html --bench-records {out} --bench-root {corpus}" \
  --cmd "civtrace-pdf-1t:pdf:$bin reparse {corpus}/pdf --threads 1 --bench-records {out} --bench-root {corpus}" \
  --cmd "civtrace-pdf:pdf:$bin reparse {corpus}/pdf --bench-records {out} --bench-root {corpus}" \
  "${@:3}"
