#!/usr/bin/env bash
# Smoke test of `tandem bench --quick` (issues 9 and 17): the benchmark completes in under 60 s and prints every figure
# line in a form that parses (`name=number`). No timing is asserted: CI machines vary; only the full benchmark
# (deploy/bench.md) is compared against the targets.
# Uses the build `Tests/run-all.sh` just made (TANDEM_BIN overrides, e.g. a release binary): a release binary left
# over from an older checkout would test old code.
set -uo pipefail
cd "$(dirname "$0")/../.."
tandem="${TANDEM_BIN:-$(swift build --show-bin-path 2>/dev/null)/tandem}"
work=$(mktemp -d "${TMPDIR:-/tmp}/tandem-bench-smoke.XXXXXX")
trap 'rm -rf "$work"' EXIT
passed=0
failed=0
ok() { passed=$((passed + 1)); echo "ok   $1"; }
fail() { failed=$((failed + 1)); echo "FAIL $1"; }
finish() { echo "bench: $passed passed, $failed failed"; [ "$failed" -eq 0 ] && exit 0 || exit 1; }

[ -n "$tandem" ] && [ -x "$tandem" ] || { fail "tandem binary (run swift build)"; finish; }

start=$SECONDS
timeout 60 "$tandem" bench --quick --out "$work/figures.txt" >"$work/stdout" 2>"$work/stderr"
status=$?
elapsed=$((SECONDS - start))
if [ "$status" -eq 0 ]; then ok "tandem bench --quick exits 0 (${elapsed} s)"; else
    fail "tandem bench --quick exited $status after ${elapsed} s"
    sed 's/^/    /' "$work/stdout" "$work/stderr" | tail -n 20
fi
[ "$elapsed" -lt 60 ] && ok "finishes in under 60 s" || fail "took ${elapsed} s"

expect() { # expect NAME REGEX: a line of stdout matches
    if grep -Eq "$2" "$work/stdout"; then ok "$1"; else fail "$1 (no line matching /$2/)"; fi
}
number='[0-9]+(\.[0-9]+)?'
expect "machine line (nproc, cpu, build)" '^machine: nproc=[0-9]+ cpu="[^"]*" .*build=(release|debug)'
expect "inbound_tx_per_s" "^inbound_tx_per_s=$number "
expect "latency at a fixed offered load" "^latency_ms_p50=$number p99=$number max=$number at_offered=$number/s"
expect "batched_tx_per_s (50 events)" "^batched_tx_per_s=$number \(50 events"
expect "every flow stored and answered" '^check_flows=ok '
expect "saturation_tx_per_s (every reply delivered)" "^saturation_tx_per_s=$number \(single-event transactions with every reply"
expect "saturation latency" "^saturation_latency_ms_p50=$number p99=$number max=$number "
expect "latency at a fixed offered load with delivery on" "^delivered_latency_ms_p50=$number p99=$number max=$number at_offered="
expect "where a request's time went inside the service, saturated" \
    "^saturation_stages_ms request_mean=$number .*write_waiting_p99=$number .*write_batch_p99=$number writes_per_commit=$number "
expect "where a request's time went inside the service, at a fixed load" \
    "^delivered_stages_ms request_mean=$number .*write_batch_p99=$number writes_per_commit=$number "
# The reply delay is measured on the replies the homeserver received (txnId tandem-{outbox id}-{digest}): not none.
expect "reply delay at the homeserver" "^saturation_reply_ms_p50=$number p99=$number max=$number .*, [1-9][0-9]* replies;"
expect "every reply delivered exactly once" '^check_replies=ok '
expect "broadcast_queue_10k_ms" "^broadcast_queue_10k_ms=$number "
expect "delivery_rate_per_s" "^delivery_rate_per_s=$number "
expect "inbound_tx_per_s_sync_full" "^inbound_tx_per_s_sync_full=$number "
expect "rss_idle_mb" "^rss_idle_mb=$number "
expect "reminder_pass_100k_pairs_ms" "^reminder_pass_100k_pairs_ms=$number "
expect "startup_ms_on_100k_1M_db" "^startup_ms_on_100k_1M_db=$number "
expect "rss_after_100k_1M_mb" "^rss_after_100k_1M_mb=$number "
expect "bench_total_s" "^bench_total_s=$number "
if grep -q "FAILED" "$work/stdout"; then fail "no FAILED in the output"; grep FAILED "$work/stdout" | sed 's/^/    /'; else
    ok "no FAILED in the output"; fi
if [ -s "$work/figures.txt" ] && diff -q <(grep -v '^workdir:' "$work/stdout") "$work/figures.txt" >/dev/null; then
    ok "--out FILE holds the same lines"; else fail "--out FILE differs from stdout"; fi
finish
