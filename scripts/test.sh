#!/usr/bin/env bash
# The test command from the README: unit, integration, property and fuzz-smoke tests.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
cargo test --locked --all-targets
