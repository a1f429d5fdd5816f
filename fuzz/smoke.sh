#!/usr/bin/env bash
# Short fuzz smoke for CI. With cargo-fuzz and a nightly toolchain, runs the `pdf`
# target for FUZZ_SECONDS (default 60) seeded with the committed fixture PDFs;
# otherwise (or in addition, always) runs the lib's mutation proptest, which needs
# only stable Rust.
#
#   fuzz/smoke.sh            # FUZZ_SECONDS=300 PROPTEST_CASES=500 for longer
set -euo pipefail
cd "$(dirname "$0")/.."
secs="${FUZZ_SECONDS:-60}"

PROPTEST_CASES="${PROPTEST_CASES:-200}" cargo test --release --lib parse::pdf::robustness

if cargo +nightly fuzz --version >/dev/null 2>&1; then
  corpus=$(mktemp -d)
  trap 'rm -rf "$corpus"' EXIT
  cp fixtures/pdf/*.pdf "$corpus"/
  # -rss_limit_mb and -timeout turn memory blow-ups and hangs into failures.
  cargo +nightly fuzz run pdf "$corpus" -- -max_total_time="$secs" -rss_limit_mb=2048 -timeout=20
else
  echo "cargo-fuzz or nightly not installed: ran the proptest smoke only" >&2
fi
