#!/usr/bin/env bash
# End-to-end: agenda calendar files over Matrix, against Tests/e2e/support/fake_homeserver.py on 127.0.0.1.
#  - a staff_peers programme in Europe/Sofia: Ana (mentee) and Ben (mentor), each in a direct room with the bot;
#  - Ana saves an agenda (3 weekly sessions at 14:00) and later says "calendar";
#  - Tests/e2e/support/calendar_driver.py checks the homeserver saw, per file, one upload (as_token, the bot's
#    user_id, text/calendar) and an m.file event after the text, whose url is the upload's mxc URI;
#  - Tests/e2e/support/ics_check.py parses each uploaded file with python's icalendar (Debian's python3-icalendar,
#    else pip in a venv): CRLF, 75-octet lines, METHOD:PUBLISH, VTIMEZONE Europe/Sofia, DTSTART/DTEND with that
#    TZID and DTEND after DTSTART, UIDs agenda-<pair>-<n>@tandem and the same UIDs in the file sent again.
# Everything started here is stopped on exit. Override the binary with TANDEM_BIN.
set -uo pipefail
cd "$(dirname "$0")/../.."
. Tests/e2e/support/common.sh
e2e_begin calendar-matrix tandem_pid hs_pid
show_failure() {
    tail_logs 15 "$work/tandem.log"
    [ -s "$work/hs.jsonl" ] && { echo "--- homeserver log"; tail -n 20 "$work/hs.jsonl" | sed 's/^/    /'; }
}

need_tandem
if ics_python=$(python_with icalendar python3-icalendar); then
    ok "python icalendar available ($ics_python)"
else
    fail "install python's icalendar (apt-get python3-icalendar or pip icalendar): offline?"; finish
fi

# --- the fake homeserver, tandem serve ----------------------------------------------------------------------------
mkdir -p "$work/files"
start_fake_homeserver || finish
ok "fake homeserver at $hs_url"

tandem_port=$(free_port)
tandem_url="http://127.0.0.1:$tandem_port"
config="$work/tandem.json"
db="$work/tandem.sqlite"
write_config "$config" "$db" "$tandem_port"
matrix_registration "$tandem_url" --homeserver "$hs_url"
printf 'name,role,pair,matrix_id\nAna,mentee,p1,@ana:localhost\nBen,mentor,p1,@ben:localhost\n' >"$work/people.csv"
if run_tandem import "$work/people.csv" --programme P --template staff_peers \
    --start "$(date -u -d '3 days ago' +%F)" --tz Europe/Sofia --db "$db" >"$work/import.log" 2>&1; then
    ok "import a staff_peers programme in Europe/Sofia"
else
    fail "import: $(cat "$work/import.log")"; finish
fi
start_serve "$config" "$work/tandem.log" "$tandem_port" && ok "tandem serve" || { fail "tandem serve"; finish; }

# --- the conversation, the homeserver's view, the files -----------------------------------------------------------
python3 Tests/e2e/support/calendar_driver.py --tandem "$tandem_url" --config "$config" --db "$db" \
    --hs-log "$work/hs.jsonl" --out "$work/files" --first "$(date -u -d '+7 days' +%F)" >"$work/driver.out" 2>&1
count "$work/driver.out"
for file in ana-saved ben-saved ana-calendar; do
    [ -s "$work/files/$file.ics" ] || { fail "$file.ics was uploaded"; continue; }
    peer=Ben
    [ "$file" = ben-saved ] && peer=Ana
    "$ics_python" Tests/e2e/support/ics_check.py "$work/files/$file.ics" --events 3 --tzid Europe/Sofia \
        --summary "with $peer" --uids-like "$work/files/ana-saved.ics" >"$work/$file.checks" 2>&1
    count "$work/$file.checks"
done
finish
