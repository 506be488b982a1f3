#!/usr/bin/env bash
# End-to-end: the real `tandem chat` binary on a real SQLite file.
#  1. a scripted session logs a meeting from one message;
#  2. a session killed (SIGKILL) in the middle of a flow resumes at the same question when restarted.
set -uo pipefail
cd "$(dirname "$0")/../.."
tandem="$(swift build --show-bin-path)/tandem"
work=$(mktemp -d)
trap 'kill -9 $(jobs -p) 2>/dev/null; rm -rf "$work"' EXIT
passed=0
failed=0
check() { # check NAME FILE PATTERN
    if grep -qF -- "$3" "$2"; then passed=$((passed + 1)); echo "ok   $1"
    else failed=$((failed + 1)); echo "FAIL $1: expected '$3' in:"; sed 's/^/    /' "$2"; fi
}

# 1. One message, the optional questions skipped, confirmed.
printf '%s\n' "log yesterday 45 min topics: visa rules" skip skip yes "my log" \
    | "$tandem" chat --db "$work/a.sqlite" --as ana >"$work/a.out" 2>&1
check "one-message log is understood" "$work/a.out" "• Duration: 45 min"
check "meeting is saved" "$work/a.out" "Meetings logged so far: 1"
check "my log lists it" "$work/a.out" "(45 min): visa rules"

# 2. Kill in the middle of a flow, then resume.
mkfifo "$work/in"
"$tandem" chat --db "$work/b.sqlite" --as ben <"$work/in" >"$work/b1.out" 2>&1 &
pid=$!
exec 3>"$work/in"
printf '%s\n' "log" "yesterday" "14:30" >&3
for _ in $(seq 1 100); do grep -q "How long did you meet" "$work/b1.out" && break; sleep 0.1; done
kill -9 "$pid"
wait "$pid" 2>/dev/null
exec 3>&-
check "first session reached the duration question" "$work/b1.out" "How long did you meet?"

printf '%s\n' "50 min" "goals" skip yes "my log" \
    | "$tandem" chat --db "$work/b.sqlite" --as ben >"$work/b2.out" 2>&1
check "restart resumes at the same question" "$work/b2.out" "We were in the middle of logging a meeting."
check "restart re-asks the duration" "$work/b2.out" "How long did you meet?"
check "answers before the kill were kept" "$work/b2.out" "14:30 (50 min): goals"

echo "chat: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
