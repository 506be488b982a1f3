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

# 0. Enrolment from CSV: a file with one bad row applies nothing and names the row; a good file enrols a pair.
cat >"$work/bad.csv" <<'CSV'
name,role,pair,email,language
Ana,mentee,p1,ana@example.org,en
Ben,mentor,p1,not-an-address,en
CSV
start=$(date -u -d '14 days ago' +%F)  # "yesterday" must fall inside the programme
"$tandem" import "$work/bad.csv" --programme Pilot --template staff_peers --start "$start" --db "$work/a.sqlite" \
    >"$work/bad.out" 2>&1
check "a bad row is named by its line" "$work/bad.out" "bad.csv: line 3: \`email\` is not an email address"
check "a bad file applies nothing" "$work/bad.out" "nothing was imported"
cat >"$work/pair.csv" <<'CSV'
name,role,pair,email,language
Ana,mentee,p1,ana@example.org,en
Ben,mentor,p1,ben@example.org,en
Cem,mentee,p2,cem@example.org,tr
Ben,mentor,p2,ben@example.org,en
CSV
for db in a b; do
    "$tandem" import "$work/pair.csv" --programme Pilot --template staff_peers --start "$start" \
        --db "$work/$db.sqlite" >"$work/import-$db.out" 2>&1
done
check "a good file enrols everyone" "$work/import-a.out" "4 people; 3 new"
"$tandem" import "$work/pair.csv" --programme Pilot --db "$work/a.sqlite" >"$work/again.out" 2>&1
check "importing the same file again changes nothing" "$work/again.out" "4 people; 0 new, 0 changes"

# 1. One message, the optional questions skipped, confirmed.
printf '%s\n' "log yesterday 45 min topics: visa rules" skip skip yes "my log" \
    | "$tandem" chat --db "$work/a.sqlite" --as ana@example.org >"$work/a.out" 2>&1
check "one-message log is understood" "$work/a.out" "• Duration: 45 min"
check "meeting is saved" "$work/a.out" "Meetings logged so far: 1"
check "my log lists it" "$work/a.out" "(45 min): visa rules"

# 2. Kill in the middle of a flow, then resume.
mkfifo "$work/in"
"$tandem" chat --db "$work/b.sqlite" --as ben@example.org <"$work/in" >"$work/b1.out" 2>&1 &
pid=$!
exec 3>"$work/in"
printf '%s\n' "log" "yesterday" "14:30" >&3
for _ in $(seq 1 100); do grep -q "How long did you meet" "$work/b1.out" && break; sleep 0.1; done
kill -9 "$pid"
wait "$pid" 2>/dev/null
exec 3>&-
check "first session reached the duration question" "$work/b1.out" "How long did you meet?"

printf '%s\n' "50 min" "goals" skip yes "my log" \
    | "$tandem" chat --db "$work/b.sqlite" --as ben@example.org >"$work/b2.out" 2>&1
check "restart resumes at the same question" "$work/b2.out" "We were in the middle of logging a meeting."
check "restart re-asks the duration" "$work/b2.out" "How long did you meet?"
check "answers before the kill were kept" "$work/b2.out" "14:30 (50 min): goals"

# 3. `tandem dialogs check` on the shipped dialogues, and on a broken copy.
"$tandem" dialogs check Dialogs >"$work/check-ok.out" 2>&1 && echo "exit=0" >>"$work/check-ok.out"
check "the shipped dialogues pass the check" "$work/check-ok.out" "exit=0"
cp -r Dialogs "$work/broken"
printf 'flow broken\n  title: log.title\n  action: save_log_entry\nask when: colour\n  prompt: log.ask.date\n' \
    >"$work/broken/flows/broken.flow"
"$tandem" dialogs check "$work/broken" >"$work/check-bad.out" 2>&1 || echo "exit=$?" >>"$work/check-bad.out"
check "a broken flow fails the check" "$work/check-bad.out" "exit=1"
check "the problem is named by file and line" "$work/check-bad.out" "broken/flows/broken.flow:4: unknown slot type \`colour\`"

echo "chat: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
