#!/usr/bin/env bash
# Short fuzz smoke: each cargo-fuzz target (pdf, html, warc) for FUZZ_SECONDS
# (default 20), seeded with the committed fixtures. Needs cargo-fuzz
# (`cargo install cargo-fuzz`). On a stable toolchain it builds with
# RUSTC_BOOTSTRAP=1 and without a sanitizer (coverage-guided libFuzzer only);
# a crash, a hang past -timeout or memory past -rss_limit_mb fails the run.
# The lib's mutation proptests (in `cargo test`) cover the same readers without it.
#
#   fuzz/smoke.sh                 # FUZZ_SECONDS=300 fuzz/smoke.sh for longer
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
secs="${FUZZ_SECONDS:-20}"
if ! cargo fuzz --version >/dev/null 2>&1; then
  echo "fuzz smoke skipped: cargo-fuzz is not installed (cargo install cargo-fuzz)" >&2
  exit 0
fi
if cargo +nightly --version >/dev/null 2>&1; then
  run=(cargo +nightly fuzz run --fuzz-dir .)
else
  export RUSTC_BOOTSTRAP=1
  run=(cargo fuzz run --fuzz-dir . --sanitizer none)
fi
for target in pdf html warc; do
  seeds=$(mktemp -d)
  case $target in
    pdf) cp ../fixtures/pdf/*.pdf "$seeds"/ ;;
    html) cp ../fixtures/*/*.html "$seeds"/ ;;
    warc) cp ../tests/data/broken/*.warc.gz "$seeds"/ 2>/dev/null || true ;;
  esac
  echo "fuzz smoke: $target for ${secs}s"
  "${run[@]}" "$target" "$seeds" -- -max_total_time="$secs" -timeout=20 -rss_limit_mb=2048 2>&1 | tail -n 3
  rm -rf "$seeds"
done
