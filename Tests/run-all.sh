#!/usr/bin/env bash
# Every test Tandem has: the Swift test suites (unit, transcripts, real SQLite files, HTTP on 127.0.0.1),
# then the end-to-end scripts in Tests/e2e/ that drive the built `tandem` binary.
set -euo pipefail
cd "$(dirname "$0")/.."

swift build --build-tests
# The suites' temporary files (a database per test) go in one folder, removed when the run ends: a suite that
# leaves its files behind cannot fill the disk run after run.
scratch=$(mktemp -d "${TMPDIR:-/tmp}/tandem-swift-tests.XXXXXX")
trap 'rm -rf "$scratch"' EXIT
TMPDIR="$scratch" swift test --skip-build

status=0
for script in Tests/e2e/*.sh; do
    [ -e "$script" ] || continue
    echo "== $script"
    bash "$script" || status=1
done
exit $status
