#!/usr/bin/env bash
# The test command from the README: unit, integration and property tests, then
# the fuzz smoke (when cargo-fuzz is installed; .ci/run installs it).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
cargo test --locked --all-targets
cargo test --locked --doc
bash fuzz/smoke.sh
