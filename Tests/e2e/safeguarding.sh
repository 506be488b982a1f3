#!/usr/bin/env bash
# End-to-end: safeguarding and minors' data in a school programme, through the real `tandem serve` with the fake
# homeserver (Tests/e2e/support/fake_homeserver.py) and the email webhook, driven by
# Tests/e2e/support/safeguarding_driver.py:
#  - disclosures in English, Turkish (from a pupil whose setting is English) and Bulgarian, outside and in the middle
#    of logging a meeting: answered in the language written, naming the lead; never in the log; "tell" at once, "not
#    sure" accepted as possibly urgent, the log goes on without it; look-alikes stay harmless; no disclosure text kept
#    in the inbound messages;
#  - a group room: the lead writes in a cohort room (her newest conversation), yet the concern notice reaches her in
#    her direct chat and nothing reaches the room; a pupil's "my data" there gets "I've answered you privately";
#  - the consent gate: a pupil without consent is told once what consent is and who records it, cannot log or "join"
#    round it, her mentor cannot log with her, she is sent nothing, and still reaches the lead;
#  - an erasure: a pupil who logged, gave feedback, chatted and emailed a file asks to be forgotten; the coordinator's
#    "erase N" names her, "confirm erase N" erases; then the whole database — `sqlite3 .dump`, and the raw bytes of the
#    file after VACUUM — holds none of the strings she typed or sent, nor her name or addresses;
#  - a programme without a coordinator: "forget me" says it is confirmed on the server; `tandem doctor` warns;
#    `tandem erase list` / `tandem erase N` / `tandem erase N --yes`.
# Everything started here is stopped on exit. Override the binary with TANDEM_BIN.
set -uo pipefail
cd "$(dirname "$0")/../.."
. Tests/e2e/support/common.sh
e2e_begin safeguarding tandem_pid hs_pid
secret="e2e-safeguarding-$$"
show_failure() {
    tail_logs 15 "$work/tandem.log"
}

need_tandem
command -v sqlite3 >/dev/null || apt-get install -y -qq sqlite3 >/dev/null 2>&1
command -v sqlite3 >/dev/null && ok "sqlite3 available" || { fail "install sqlite3 (apt-get install sqlite3)"; finish; }

# --- the fake homeserver, a school programme, tandem serve --------------------------------------------------------
start_fake_homeserver || finish
ok "fake homeserver at $hs_url"
tandem_port=$(free_port)
tandem_url="http://127.0.0.1:$tandem_port"
config="$work/tandem.json"
db="$work/tandem.sqlite"
write_config "$config" "$db" "$tandem_port" "{\"email\": {\"smtp_url\": \"smtp://127.0.0.1:$(free_port)\",
    \"from\": \"Tandem <tandem@example.org>\", \"webhook_secret\": \"$secret\"}}"
run_tandem matrix registration --url "$tandem_url" --server-name localhost --homeserver "$hs_url" \
    --config "$config" >"$work/registration.yaml" 2>"$work/registration.err" \
    || { fail "tandem matrix registration: $(cat "$work/registration.err")"; finish; }
cat >"$work/school.csv" <<CSV
name,role,pair,matrix_id,email,language,guardian_consent
Mia,mentee,p1,@mia:localhost,,en,yes
Leo,mentor,p1,@leo:localhost,,en,yes
Deniz,mentee,p2,@deniz:localhost,,en,yes
Ece,mentor,p2,@ece:localhost,,tr,yes
Bogi,mentee,p3,@bogi:localhost,,bg,yes
Vasil,mentor,p3,@vasil:localhost,,bg,yes
Zoe,mentee,p4,@zoe:localhost,,en,no
Max,mentor,p4,@max:localhost,,en,yes
Pippa Quenneville,mentee,p5,@pippa.q:localhost,pippa.q@school.example.org,en,yes
Ria,mentor,p5,@ria:localhost,,en,yes
Lena,safeguarding_lead,,@lena:localhost,,en,
Cora,coordinator,,@cora:localhost,,en,
CSV
run_tandem import "$work/school.csv" --programme School --template school_peers \
    --start "$(date -u -d '10 days ago' +%F)" --db "$db" >"$work/import.log" 2>&1 \
    && ok "import a school programme (10 pupils, a safeguarding lead, a coordinator)" \
    || { fail "import: $(cat "$work/import.log")"; finish; }
start_serve "$config" "$work/tandem.log" "$tandem_port" && ok "tandem serve" || { fail "tandem serve"; finish; }

# --- the conversations ----------------------------------------------------------------------------------------------
python3 Tests/e2e/support/safeguarding_driver.py school --tandem "$tandem_url" --config "$config" --db "$db" \
    --hs-log "$work/hs.jsonl" --secret "$secret" --typed "$work/typed.txt" >"$work/driver.out" 2>&1
grep -v '^counts ' "$work/driver.out" >"$work/driver.checks"
count "$work/driver.checks"

# --- a programme without a coordinator: confirmed on the server -----------------------------------------------------
printf 'name,role,pair,matrix_id,language,guardian_consent\nTom Ashgrove,mentee,c1,@tom:localhost,en,yes\n' \
    >"$work/club.csv"
run_tandem import "$work/club.csv" --programme Club --template school_peers --start "$(date -u +%F)" --db "$db" \
    >"$work/club.log" 2>&1 && ok "import a programme with no coordinator" || fail "import: $(cat "$work/club.log")"
python3 Tests/e2e/support/safeguarding_driver.py club --tandem "$tandem_url" --config "$config" --db "$db" \
    --hs-log "$work/hs.jsonl" --secret "$secret" --typed "$work/typed.txt" | grep -v '^counts ' >"$work/club.checks"
count "$work/club.checks"
request=$(sqlite3 "$db" "SELECT id FROM erasure_requests WHERE status = 'pending'")
run_tandem doctor --config "$config" >"$work/doctor.out" 2>&1
grep -q "warn erasure: request(s) $request wait in a programme without a coordinator" "$work/doctor.out" \
    && ok "tandem doctor warns of the request no coordinator can confirm" \
    || fail "doctor: $(grep erasure "$work/doctor.out")"
run_tandem erase list --db "$db" >"$work/erase-list.out" 2>&1
grep -q "^$request	pending	Tom Ashgrove (mentee)	Club	.*coordinators: none" "$work/erase-list.out" \
    && ok "tandem erase list shows whose request it is, and that no coordinator can confirm it" \
    || fail "erase list: $(cat "$work/erase-list.out")"
run_tandem erase "$request" --db "$db" >"$work/erase-preview.out" 2>&1
status=$?
[ "$status" = 1 ] && grep -q "Nothing is erased yet" "$work/erase-preview.out" \
    && [ "$(sqlite3 "$db" "SELECT COUNT(*) FROM participants WHERE name = 'Tom Ashgrove'")" = 1 ] \
    && ok "tandem erase N names the person and erases nothing" || fail "erase preview: $(cat "$work/erase-preview.out")"
run_tandem erase "$request" --yes --db "$db" >"$work/erase-yes.out" 2>&1 \
    && grep -q "Done: the personal data of request $request is erased" "$work/erase-yes.out" \
    && [ "$(sqlite3 "$db" "SELECT COUNT(*) FROM participants WHERE name = 'Tom Ashgrove'")" = 0 ] \
    && ok "tandem erase N --yes erases" || fail "erase --yes: $(cat "$work/erase-yes.out")"

# --- the whole database, after the erasures ---------------------------------------------------------------------------
stop_cleanly "$tandem_pid" 20
tandem_pid=""
check_database "$db"
sqlite3 "$db" .dump >"$work/dump.sql"
sqlite3 "$db" "VACUUM" && ok "VACUUM" || fail "VACUUM"
python3 - "$work/typed.txt" "$work/dump.sql" "$db" >"$work/search.checks" <<'PY'
import sys
strings = [line.rstrip("\n") for line in open(sys.argv[1], encoding="utf-8") if line.strip()]
dump = open(sys.argv[2], encoding="utf-8", errors="replace").read()
raw = open(sys.argv[3], "rb").read()
wal = b""
for suffix in ("-wal", "-journal"):
    try:
        wal += open(sys.argv[3] + suffix, "rb").read()
    except FileNotFoundError:
        pass
found_dump = [s for s in strings if s.lower() in dump.lower()]
found_raw = [s for s in strings if s.encode().lower() in (raw + wal).lower()]
print(("ok   " if len(strings) >= 15 else "FAIL ") + f"{len(strings)} strings the erased pupils typed or sent")
where = [line[:300] for line in dump.splitlines() if any(s.lower() in line.lower() for s in found_dump)][:5]
print(("ok   " if not found_dump else "FAIL ") + "none in `sqlite3 .dump`" + (f": {found_dump} in {where}" if found_dump else ""))
print(("ok   " if not found_raw else "FAIL ") + "none in the database file's bytes after VACUUM"
      + (f": {found_raw}" if found_raw else ""))
print(("ok   " if "'Mia'" in dump and "@mia:localhost" in dump else "FAIL ") + "the other pupils' data is still there")
PY
count "$work/search.checks"
[ "$(sqlite3 "$db" "SELECT COUNT(*) FROM concerns")" -ge 1 ] && ok "the concerns are kept for the lead" \
    || fail "concerns kept"
[ "$(sqlite3 "$db" "SELECT COUNT(*) FROM log_entries l JOIN participants p ON p.id = l.participant_id
    WHERE p.name = 'removed' AND l.topics = '[]' AND l.duration_minutes = 45")" = 1 ] \
    && ok "her meeting still counts (45 min), without what she wrote" || fail "anonymous count kept"
finish
