#!/usr/bin/env bash
# End-to-end: the reports, from a city_to_city programme of 6 pairs imported from CSV and played through the real
# `tandem chat` binary (feedback with sentences naming people, transferability assessments, a plan, meetings,
# documents, evaluations):
#  - `tandem report programme` writes HTML that parses with every tag closed, and CSV; the usefulness and
#    transferability counts are right, counts of under 5 people read "<5", and no name, address, pair label or
#    sentence anyone typed appears (Tests/e2e/support/reports_check.py);
#  - `tandem report learning C1 --lang bg`: the pair's draft with translated headings; "our report" in the chat;
#  - `tandem report certificate C1` refuses and lists what is missing, then (rule met) writes printable HTML with
#    the names escaped.
#
# Environment: TANDEM_BIN (default $(swift build --show-bin-path)/tandem).
set -uo pipefail
cd "$(dirname "$0")/../.."
source Tests/e2e/support/common.sh
tandem="${TANDEM_BIN:-$(swift build --show-bin-path)/tandem}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
db="$work/reports.sqlite"
passed=0
failed=0
check() { # check NAME FILE PATTERN
    if grep -qF -- "$3" "$2"; then ok "$1"; else fail "$1: expected '$3' in:"; sed 's/^/    /' "$2"; fi
}
chat() { # chat ADDRESS OUT MESSAGE...
    local address=$1 out=$2
    shift 2
    printf '%s\n' "$@" | "$tandem" chat --db "$db" --as "$address" >"$out" 2>&1
}
checked() { # checked OUT: add the python checker's counts
    cat "$1"
    passed=$((passed + $(grep -c '^ok ' "$1")))
    failed=$((failed + $(grep -c '^FAIL ' "$1")))
    grep -q '^checked: ' "$1" || fail "the checker did not run to the end"
}
day() { date -u -d "$1" +%F; }

if [ ! -x "$tandem" ]; then echo "reports: $tandem is missing (swift build first, or set TANDEM_BIN)"; exit 1; fi

mentees=("Vera <Novak> & Co" "Mila Petrova" "Deniz Kaya" "Ivo Stoev" "Elif Demir" "Hana Ruzic")
mentors=("Omar Haddad" "Boris Ilev" "Aylin Tas" "Petar Kolev" "Selin Oz" "Nina Marko")
echo "name,role,pair,cohort,email,language" >"$work/city.csv"
for i in 1 2 3 4 5 6; do
    echo "${mentees[$((i - 1))]},mentee,C$i,Mobility,mentee$i@city.example.org,en" >>"$work/city.csv"
    echo "${mentors[$((i - 1))]},mentor,C$i,Mobility,mentor$i@city.example.org,en" >>"$work/city.csv"
done
"$tandem" import "$work/city.csv" --programme "City reports" --template city_to_city --start "$(day '-130 days')" \
    --db "$db" >"$work/import.out" 2>&1
check "the CSV enrols 6 pairs" "$work/import.out" "12 people; 12 new"

# Feedback: 6 mentees rate 5, 2 mentors rate 3; transferability: mentees 1-5 rate a measure 3, mentee 6 rates 1.
: >"$work/forbidden.txt"
for i in 1 2 3 4 5 6; do
    sentence="Session $i with ${mentors[$((i - 1))]} on tram priority"
    rating=3; [ "$i" = 6 ] && rating=1
    chat "mentee$i@city.example.org" "$work/mentee$i.out" feedback 5 "$sentence" \
        transferability "Superblock pilot $i" "two years" "traffic sensors $i" "mobility office $i" \
        "traffic ordinance $i" skip "$rating" yes
    printf '%s\n' "${mentees[$((i - 1))]}" "${mentors[$((i - 1))]}" "mentee$i@city.example.org" \
        "mentor$i@city.example.org" "C$i" "$sentence" "Superblock pilot $i" "traffic sensors $i" \
        "mobility office $i" >>"$work/forbidden.txt"
done
check "feedback is saved" "$work/mentee1.out" "Thanks for your check-in!"
check "a measure is assessed" "$work/mentee6.out" "Saved: \"Superblock pilot 6\", transferability 1 (low)."
for i in 1 2; do
    chat "mentor$i@city.example.org" "$work/mentor$i.out" feedback 3 "Too short, said ${mentees[$((i - 1))]}"
    echo "Too short, said ${mentees[$((i - 1))]}" >>"$work/forbidden.txt"
done

# 1. The anonymised programme report.
"$tandem" report programme "City reports" --out "$work/programme" --db "$db" >"$work/programme.out" 2>&1
check "the programme report is written" "$work/programme.out" "and 4 CSV files."
python3 Tests/e2e/support/reports_check.py programme "$work/programme" "$work/forbidden.txt" >"$work/p.check" 2>&1
checked "$work/p.check"

# 2. The learning programme report draft of pair C1.
# (Tandem answers at most 30 messages a minute from one person: the meetings and records below are given in one
# message each where a flow allows it, and shared between the two peers.)
chat mentor1@city.example.org "$work/plan.out" "plan objective: Open data portal steps: copy the host's catalogue \
support: monthly calls time frame: months 4-6 resources: none evidence: ten datasets online" yes
chat mentee1@city.example.org "$work/log.out" \
    "log $(day '-100 days') 60 min start: 10:00 topics: data catalogue next steps: none" yes "our report"
check "our report answers in the chat" "$work/log.out" "## 1. Objectives"
check "our report lists the plan's objective" "$work/log.out" "**Open data portal**"
"$tandem" report learning C1 --lang bg --db "$db" >"$work/learning.md" 2>&1
check "the learning report has Bulgarian headings" "$work/learning.md" "## 1. Цели"
check "the learning report lists the meeting" "$work/learning.md" \
    "| $(day '-100 days') | 10:00 | 1 ч | data catalogue |"
check "the learning report lists the measure and its rating" "$work/learning.md" "| Superblock pilot 1 | 3 (висока) |"
check "the learning report asks for the dissemination" "$work/learning.md" "## 5. Разпространение на резултатите"

# 3. The certificate: refused while the rule is not met, then written.
"$tandem" report certificate C1 --out "$work/certificate.html" --db "$db" >"$work/refused.out" 2>&1
status=$?
if [ "$status" = 1 ] && [ ! -e "$work/certificate.html" ]; then ok "an unmet rule is refused (exit 1, no file)"
else fail "an unmet rule is refused (exit $status)"; fi
check "the refusal lists the mentee's missing meetings and documents" "$work/refused.out" \
    "Vera <Novak> & Co (mentee): 1 of 6 meetings logged; Learning Needs (learning_needs) not delivered; no evaluation"
check "the refusal lists the mentor's missing items" "$work/refused.out" \
    "Omar Haddad (mentor): 1 of 6 meetings logged; Learning Experiences (learning_experiences) not delivered"
meetings() { # meetings DAYS_AGO...: one message and "yes" each
    for n in "$@"; do
        printf '%s\n' "log $(day "-$n days") 60 min start: 10:00 topics: visit plan next steps: none" yes
    done
}
mapfile -t mentee_meetings < <(meetings 90 80)
mapfile -t mentor_meetings < <(meetings 70 60 50)
chat mentee1@city.example.org "$work/done-mentee.out" "${mentee_meetings[@]}" \
    document 2 "mobility data" "small open data team" "a working portal" yes \
    "evaluation open: licensing gained: a portal plan feedback: keep the visit" yes
chat mentor1@city.example.org "$work/done-mentor.out" "${mentor_meetings[@]}" \
    document 2 "open data" "five years of portal work" "share the catalogue" yes \
    "evaluation open: none gained: a partner city feedback: more time" yes
"$tandem" report certificate C1 --out "$work/certificate.html" --db "$db" >"$work/certificate.out" 2>&1
check "the certificate is written once the rule is met" "$work/certificate.out" "2 certificate(s) for"
python3 Tests/e2e/support/reports_check.py certificate "$work/certificate.html" "Vera <Novak> & Co" "Omar Haddad" \
    >"$work/c.check" 2>&1
checked "$work/c.check"

echo "reports: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
