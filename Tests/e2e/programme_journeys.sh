#!/usr/bin/env bash
# End-to-end: one programme of each template (staff_peers, school_peers, city_to_city), imported from CSV into one
# database, and a mentee and a mentor played through the real `tandem chat` binary:
#  - welcome ("what's next": the programme, the peer, the current step);
#  - staff and city: the agenda (the peer is told and confirms it; only then each supervisor on the enrolment gets
#    the agenda form by email);
#  - school: ground rules proposed by the mentee and agreed by the mentor ("agree rules");
#  - a meeting logged in one message ("log yesterday 45 min topics: …"), the peer told;
#  - both give after-session feedback;
#  - city: a row of the learning plan (mentor) and a transferability rating (mentee; the mentor has no such flow).
# Then Tests/e2e/support/journeys_records.py checks that the database holds exactly those records, each with its
# programme, pair, author and values, and nothing else.
#
# Start dates are relative to today (UTC) so that the intended step is current: staff and school 3 days in
# (Session 1 / Setting up, weeks 1-2), city 130 days in (Meeting up, months 4-6: after the visit).
#
# Environment: TANDEM_BIN (default $(swift build --show-bin-path)/tandem).
set -uo pipefail
cd "$(dirname "$0")/../.."
tandem="${TANDEM_BIN:-$(swift build --show-bin-path)/tandem}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
db="$work/journeys.sqlite"
passed=0
failed=0
check() { # check NAME FILE PATTERN
    if grep -qF -- "$3" "$2"; then passed=$((passed + 1)); echo "ok   $1"
    else failed=$((failed + 1)); echo "FAIL $1: expected '$3' in:"; sed 's/^/    /' "$2"; fi
}
refute() { # refute NAME FILE PATTERN
    if ! grep -qF -- "$3" "$2"; then passed=$((passed + 1)); echo "ok   $1"
    else failed=$((failed + 1)); echo "FAIL $1: did not expect '$3' in:"; sed 's/^/    /' "$2"; fi
}
chat() { # chat ADDRESS OUT MESSAGE... — one `tandem chat` session, one message per argument
    local address=$1 out=$2
    shift 2
    printf '%s\n' "$@" | "$tandem" chat --db "$db" --as "$address" >"$out" 2>&1
}
day() { date -u -d "$1" +%F; } # day '-3 days' → YYYY-MM-DD (UTC, like a programme without a time zone)

if [ ! -x "$tandem" ]; then echo "journeys: $tandem is missing (swift build first, or set TANDEM_BIN)"; exit 1; fi

today=$(day today)
yesterday=$(day yesterday)
staff_start=$(day '-3 days')
school_start=$(day '-3 days')
city_start=$(day '-130 days')
staff_first=$(day '+7 days')   # agendas: 4 sessions every two weeks from here
city_first=$(day '+10 days')   # 3 sessions monthly from here
export JOURNEY_TODAY="$today" JOURNEY_YESTERDAY="$yesterday" JOURNEY_STAFF_START="$staff_start" \
    JOURNEY_SCHOOL_START="$school_start" JOURNEY_CITY_START="$city_start" JOURNEY_STAFF_FIRST="$staff_first" \
    JOURNEY_CITY_FIRST="$city_first"

# ---------------------------------------------------------------------------------------------------------------
# 1. Import: one programme per template, one pair each.
cat >"$work/staff.csv" <<'CSV'
name,role,pair,cohort,email,language,supervisor_email,guardian_consent
Ana,mentee,S1,Faculty exchange,ana@staff.example.org,en,head.ana@uni-a.example.org,
Ben,mentor,S1,Faculty exchange,ben@staff.example.org,en,head.ben@uni-b.example.org,
CSV
cat >"$work/school.csv" <<'CSV'
name,role,pair,cohort,email,language,supervisor_email,guardian_consent
Mia,mentee,K1,Year 8,mia@school.example.org,en,,yes
Leo,mentor,K1,Year 8,leo@school.example.org,en,,no
CSV
cat >"$work/city.csv" <<'CSV'
name,role,pair,cohort,email,language,supervisor_email,guardian_consent
Vera,mentee,C1,Mobility,vera@city.example.org,en,deputy.mayor@city.example.org,
Omar,mentor,C1,Mobility,omar@city.example.org,en,,
CSV
"$tandem" import "$work/staff.csv" --programme "Staff pilot" --template staff_peers --start "$staff_start" \
    --db "$db" >"$work/import-staff.out" 2>&1
"$tandem" import "$work/school.csv" --programme "School pilot" --template school_peers --start "$school_start" \
    --db "$db" >"$work/import-school.out" 2>&1
"$tandem" import "$work/city.csv" --programme "City exchange" --template city_to_city --start "$city_start" \
    --db "$db" >"$work/import-city.out" 2>&1
check "staff: the CSV enrols the pair" "$work/import-staff.out" "2 people; 2 new"
check "staff: the programme is created" "$work/import-staff.out" "programme Staff pilot created"
check "school: the CSV enrols the pair" "$work/import-school.out" "2 people; 2 new"
check "city: the CSV enrols the pair" "$work/import-city.out" "2 people; 2 new"

# ---------------------------------------------------------------------------------------------------------------
# 2. Staff peers: welcome, agenda (supervisors get the form), a logged meeting, feedback from both.
chat ana@staff.example.org "$work/staff-ana-1.out" "what's next"
check "staff: the mentee's welcome names the programme and the peer" "$work/staff-ana-1.out" \
    "Staff pilot (Staff peer programme) — you are the mentee; your peer: Ben."
check "staff: the mentee's welcome names the current step" "$work/staff-ana-1.out" \
    "Now: Session 1 · Getting to know each other"
check "staff: the agenda form is due on day 7" "$work/staff-ana-1.out" "Due: Agenda form by $(day "$staff_start +7 days")."
check "staff: no meeting logged yet" "$work/staff-ana-1.out" "Meetings logged: 0"
chat ben@staff.example.org "$work/staff-ben-1.out" "what's next"
check "staff: the mentor's welcome names the peer" "$work/staff-ben-1.out" \
    "Staff pilot (Staff peer programme) — you are the mentor; your peer: Ana."
check "staff: the mentor's welcome names the current step" "$work/staff-ben-1.out" \
    "Now: Session 1 · Getting to know each other"

# The first-date question offers "next monday" as its example; the answer must be read (then cancelled).
chat ben@staff.example.org "$work/staff-ben-probe.out" agenda 4 2 "next monday" cancel
check "staff: the agenda prompt's own example 'next monday' is read as a date" "$work/staff-ben-probe.out" \
    "At what time do your sessions start?"
check "staff: the cancelled agenda saves nothing" "$work/staff-ben-probe.out" "Nothing was saved."

chat ana@staff.example.org "$work/staff-ana-2.out" \
    agenda 4 "every two weeks" "$staff_first" 2pm "onboarding, budget rules" "We meet online on Teams." yes \
    "log yesterday 45 min topics: onboarding, budget rules" skip skip yes \
    feedback 4 "We agreed our four dates."
check "staff: the agenda is saved" "$work/staff-ana-2.out" \
    "Your agenda is saved (version 1): 4 sessions, every two weeks."
check "staff: the first session is on the date given" "$work/staff-ana-2.out" "1. $staff_first 14:00"
check "staff: the fourth session is six weeks later" "$work/staff-ana-2.out" "4. $(day "$staff_first +42 days") 14:00"
check "staff: the agenda form waits for the peer's confirmation" "$work/staff-ana-2.out" \
    "The agenda form goes to your supervisors once Ben has confirmed it."
check "staff: the one-message log is understood" "$work/staff-ana-2.out" "• Duration: 45 min"
check "staff: the meeting is saved" "$work/staff-ana-2.out" \
    "Saved to your mentoring log: $yesterday, 45 min. Meetings logged so far: 1."
check "staff: the mentee's feedback is saved" "$work/staff-ana-2.out" \
    "Thanks for your check-in! Check-ins you gave: 1, on average 4.0 out of 5."

chat ben@staff.example.org "$work/staff-ben-2.out" "confirm agenda" feedback 5 "Ana came well prepared." "what's next"
check "staff: both supervisors get the agenda form once the mentor confirmed it" "$work/staff-ben-2.out" \
    "The agenda form is on its way to 2 supervisors by email."
check "staff: the mentor is told of the agenda" "$work/staff-ben-2.out" \
    "Ana saved your pair's agenda: 4 sessions, every two weeks."
check "staff: the mentor is told of the meeting" "$work/staff-ben-2.out" \
    "Ana logged a meeting: $yesterday, 45 min — onboarding, budget rules."
check "staff: the mentor's feedback is saved" "$work/staff-ben-2.out" \
    "Thanks for your check-in! Check-ins you gave: 1, on average 5.0 out of 5."
check "staff: the pair's meeting counts for the mentor too" "$work/staff-ben-2.out" "Meetings logged: 1"

# ---------------------------------------------------------------------------------------------------------------
# 3. School peers: welcome (consent given), ground rules proposed and agreed, a meeting logged by the mentor,
#    feedback from both.
chat mia@school.example.org "$work/school-mia-1.out" "what's next"
check "school: the mentee's welcome names the programme and the peer" "$work/school-mia-1.out" \
    "School pilot (School peer mentoring) — you are the mentee; your peer: Leo."
check "school: the mentee's welcome names the current step" "$work/school-mia-1.out" "Now: Setting up"
check "school: the ground rules are due on day 14" "$work/school-mia-1.out" \
    "Due: Ground rules by $(day "$school_start +14 days")."
refute "school: the guardian's consent from the CSV counts" "$work/school-mia-1.out" "waiting for your parent's"
chat leo@school.example.org "$work/school-leo-1.out" "what's next"
check "school: the mentor's welcome names the peer" "$work/school-leo-1.out" \
    "School pilot (School peer mentoring) — you are the mentor; your peer: Mia."
check "school: the mentor's welcome names the current step" "$work/school-leo-1.out" "Now: Setting up"

chat mia@school.example.org "$work/school-mia-2.out" \
    "ground rules" yes "three times a week" "library, Monday, Wednesday and Friday after class" \
    "send a message the day before" no "talk first, then ask the counsellor" yes
check "school: the ground rules are saved and sent to the peer" "$work/school-mia-2.out" \
    "Your ground rules are saved and sent to Leo to agree."

chat leo@school.example.org "$work/school-leo-2.out" "agree rules" yes "our rules" \
    "log yesterday 45 min topics: maths homework" skip skip yes \
    feedback 3 "Useful, but too short."
check "school: the peer receives the proposed rules in full" "$work/school-leo-2.out" \
    "Mia proposes these ground rules for your pair:"
check "school: the peer's yes makes the rules agreed" "$work/school-leo-2.out" \
    "Thank you! You have both agreed: these are now your pair's ground rules."
check "school: our rules shows them agreed by both" "$work/school-leo-2.out" \
    "Your pair's ground rules (version 1, proposed by Mia) — agreed by both of you:"
check "school: the mentor's meeting is saved" "$work/school-leo-2.out" \
    "Saved to your mentoring log: $yesterday, 45 min. Meetings logged so far: 1."
check "school: the mentor's feedback is saved" "$work/school-leo-2.out" \
    "Thanks for your check-in! Check-ins you gave: 1, on average 3.0 out of 5."

chat mia@school.example.org "$work/school-mia-3.out" feedback 5 "Leo explained fractions really well."
check "school: the proposer is told the rules were agreed" "$work/school-mia-3.out" "Leo agreed to your ground rules."
check "school: the mentee is told of the meeting" "$work/school-mia-3.out" \
    "Leo logged a meeting: $yesterday, 45 min — maths homework."
check "school: the mentee's feedback is saved" "$work/school-mia-3.out" \
    "Thanks for your check-in! Check-ins you gave: 1, on average 5.0 out of 5."

# ---------------------------------------------------------------------------------------------------------------
# 4. City to city: welcome, agenda (the mentee's supervisor gets the form), a logged meeting, feedback from both,
#    a learning plan row (mentor), a transferability rating (mentee; out of range first).
chat vera@city.example.org "$work/city-vera-1.out" "what's next"
check "city: the mentee's welcome names the programme and the peer" "$work/city-vera-1.out" \
    "City exchange (City-to-city learning exchange) — you are the mentee; your peer: Omar."
check "city: the mentee's welcome names the current step" "$work/city-vera-1.out" "Now: 3 · Meeting up"
chat omar@city.example.org "$work/city-omar-1.out" "what's next"
check "city: the mentor's welcome names the peer" "$work/city-omar-1.out" \
    "City exchange (City-to-city learning exchange) — you are the mentor; your peer: Vera."
check "city: the mentor's welcome names the current step" "$work/city-omar-1.out" "Now: 3 · Meeting up"

chat vera@city.example.org "$work/city-vera-2.out" \
    agenda 3 monthly "$city_first" 10:00 "bike sharing, open data" "We meet in Sofia." yes \
    "log yesterday 45 min topics: bike sharing" skip skip yes \
    feedback 4 "Seeing the depot helped." \
    transferability Superblocks "2 years; first results after 6 months" "traffic sensors and movable planters" \
    "city mobility office leads" "municipal traffic ordinance" skip 4 2 yes
check "city: the agenda is saved" "$work/city-vera-2.out" "Your agenda is saved (version 1): 3 sessions, monthly."
check "city: the first session is on the date given" "$work/city-vera-2.out" "1. $city_first 10:00"
check "city: the agenda form waits for the peer's confirmation" "$work/city-vera-2.out" \
    "The agenda form goes to your supervisors once Omar has confirmed it."
check "city: the meeting is saved" "$work/city-vera-2.out" \
    "Saved to your mentoring log: $yesterday, 45 min. Meetings logged so far: 1."
check "city: the mentee's feedback is saved" "$work/city-vera-2.out" \
    "Thanks for your check-in! Check-ins you gave: 1, on average 4.0 out of 5."
check "city: a rating above 3 is refused" "$work/city-vera-2.out" "That is more than 3."
check "city: the transferability rating is saved" "$work/city-vera-2.out" \
    "Saved: \"Superblocks\", transferability 2 (moderate). Measures you assessed: 1."

chat omar@city.example.org "$work/city-omar-2.out" "confirm agenda" \
    plan "Set up a bike-sharing pilot" "map demand, write the tender, pick two districts" \
    "share their tender documents and contacts" "months 5-7" skip "a signed pilot contract" yes \
    feedback 5 "Vera asked sharp questions." \
    transferability
check "city: the mentor is told of the agenda" "$work/city-omar-2.out" \
    "Vera saved your pair's agenda: 3 sessions, monthly."
check "city: only the mentee's supervisor gets the agenda form, once the mentor confirmed it" \
    "$work/city-omar-2.out" "The agenda form is on its way to 1 supervisor by email."
check "city: the mentor is told of the meeting" "$work/city-omar-2.out" \
    "Vera logged a meeting: $yesterday, 45 min — bike sharing."
check "city: the plan row is added" "$work/city-omar-2.out" "Row 1 is added to your learning plan."
check "city: the mentor's feedback is saved" "$work/city-omar-2.out" \
    "Thanks for your check-in! Check-ins you gave: 1, on average 5.0 out of 5."
check "city: the mentor has no transferability flow" "$work/city-omar-2.out" "Sorry, I didn't understand that."

chat vera@city.example.org "$work/city-vera-3.out" "our plan" "what's next"
check "city: the mentee is told of the plan row" "$work/city-vera-3.out" \
    "Omar updated row 1 of your learning plan: Set up a bike-sharing pilot."
check "city: our plan shows the one row" "$work/city-vera-3.out" "Your learning plan — 1 row:"
check "city: the meeting counts in what's next" "$work/city-vera-3.out" "Meetings logged: 1"

# ---------------------------------------------------------------------------------------------------------------
# 5. The database holds exactly those records.
python3 Tests/e2e/support/journeys_records.py "$db" >"$work/records.out" 2>&1
cat "$work/records.out"
passed=$((passed + $(grep -c '^ok ' "$work/records.out")))
failed=$((failed + $(grep -c '^FAIL ' "$work/records.out")))
if ! grep -q '^records checked$' "$work/records.out"; then
    failed=$((failed + 1)); echo "FAIL the record checks did not run to the end"
fi

echo "journeys: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
