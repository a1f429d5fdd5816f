#!/usr/bin/env bash
# Short fuzz smoke: each cargo-fuzz target (pdf, html, warc), seeded with the
# committed fixtures. By default a fixed number of runs from a fixed seed, so
# CI is reproducible (a crash it finds is found again on every machine);
# FUZZ_SECONDS=N fuzzes each target for N seconds from a random seed instead.
# Crashes found go to fuzz/artifacts and, once fixed, to tests/data/fuzz. Needs cargo-fuzz
# (`cargo install cargo-fuzz`). On a stable toolchain it builds with
# RUSTC_BOOTSTRAP=1 and without a sanitizer (coverage-guided libFuzzer only);
# a crash, a hang past -timeout or memory past -rss_limit_mb fails the run.
# The lib's mutation proptests (in `cargo test`) cover the same readers without it.
#
#   fuzz/smoke.sh                 # FUZZ_SECONDS=300 fuzz/smoke.sh for longer
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
secs="${FUZZ_SECONDS:-}"
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
  if [[ -n $secs ]]; then
    budget=(-max_total_time="$secs")
    echo "fuzz smoke: $target for ${secs}s"
  else
    case $target in
      pdf) runs=1500 ;;
      html) runs=5000 ;;
      warc) runs=300000 ;;
    esac
    budget=(-seed=20181130 -runs="$runs")
    echo "fuzz smoke: $target, $runs runs from seed 20181130"
  fi
  if ! "${run[@]}" "$target" "$seeds" -- "${budget[@]}" -timeout=20 -rss_limit_mb=2048 >"$seeds.log" 2>&1; then
    grep -E "panicked|SUMMARY|ERROR|Test unit written" "$seeds.log" | head -n 20 >&2
    tail -n 40 "$seeds.log" >&2
    rm -rf "$seeds" "$seeds.log"
    exit 1
  fi
  tail -n 2 "$seeds.log"
  rm -f "$seeds.log"
  rm -rf "$seeds"
done
