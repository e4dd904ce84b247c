#!/usr/bin/env bash
# Refreshes the README's screenshots on purpose: runs the browser tests with their pictures written to
# docs/screenshots (a normal test run writes them to .data/screenshots and leaves docs/ alone).
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
FINOPS_SCREENSHOTS_DIR="$repo/docs/screenshots" FINOPS_TEST_PROJECTS="tests/FinOps.E2ETests" exec bash "$repo/infra/test.sh"
