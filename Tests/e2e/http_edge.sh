#!/usr/bin/env bash
# End-to-end attacks on the HTTP edge of `tandem serve` on 127.0.0.1 (Tests/e2e/support/http_edge_driver.py): 500
# half-sent requests from 25 loopback addresses while /healthz must stay 200; heads without credentials answered
# before their body; 50 MB unauthenticated bodies (RSS watched); 300 silent connections from one address; Mailgun
# posts with overflowing timestamps and a replayed token, replayed again after a restart. Then who may read what
# Tandem writes: the database, WAL, shared memory, a backup, an expenses export and a report are mode 600, and
# `tandem doctor` warns about a backup others may read.
# Environment: TANDEM_BIN (default $(swift build --show-bin-path)/tandem), DIALOGS (default Dialogs/).
# Ends with `http-edge: N passed, M failed`.
set -uo pipefail
cd "$(dirname "$0")/../.."
dialogs="${DIALOGS:-$(pwd)/Dialogs}"
. Tests/e2e/support/common.sh
e2e_begin http-edge tandem_pid:KILL
show_failure() {
    tail_logs 15 "$work/tandem.log"
}

need_tandem
began=$SECONDS

# --- configuration, programme, tandem serve --------------------------------------------------------------------------
port=$(free_port)
config="$work/tandem.json"
db="$work/tandem.sqlite"
write_config "$config" "$db" "$port" '{"email": {"from": "Tandem <tandem@example.org>",
    "webhook_secret": "edge-webhook-secret", "mailgun_signing_key": "edge-mailgun-signing-key"},
    "expenses": {"data_key": "edge-data-key-0123456789-abcdefghijklmnop"}}'
matrix_registration "http://127.0.0.1:$port"
printf 'name,role,pair,email\nCarla,mentee,c1,carla@example.org\nDan,mentor,c1,dan@example.org\n' >"$work/people.csv"
import_programme "$work/people.csv" Edge city_to_city --config "$config" && ok "enrolled Carla and Dan (email)" \
    || { fail "import: $(cat "$work/import.log")"; finish; }
start_serve "$config" "$work/tandem.log" "$port" && ok "tandem serve answers /healthz" \
    || { fail "tandem serve did not start"; finish; }

# --- the attacks ---------------------------------------------------------------------------------------------------
python3 Tests/e2e/support/http_edge_driver.py --port "$port" --pid "$tandem_pid" --db "$db" --config "$config" \
    --counts "$work/counts" --replay-file "$work/replay.form"
if [ -s "$work/replay.form" ]; then
    stop_cleanly "$tandem_pid" 15
    start_serve "$config" "$work/tandem.log" "$port" && ok "tandem serve restarted" \
        || { fail "tandem serve did not restart"; finish; }
    status=$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 -H 'Content-Type: application/x-www-form-urlencoded' \
        --data-binary "@$work/replay.form" "http://127.0.0.1:$port/hooks/email/mailgun/mime")
    [ "$status" = 401 ] && ok "the used Mailgun token replayed after a restart: 401" \
        || fail "the used Mailgun token replayed after a restart: $status"
fi
kill -0 "$tandem_pid" 2>/dev/null && ok "the process survived every attack" || fail "tandem serve died"
crashes=$(grep -c "Fatal error\|Segmentation\|assertion failed\|level=error" "$work/tandem.log")
[ "$crashes" -eq 0 ] && ok "no crash or error in the log" \
    || { fail "$crashes crash/error lines in the log"; grep -m 3 "Fatal error\|Segmentation\|level=error" "$work/tandem.log"; }

# --- who may read what Tandem writes ---------------------------------------------------------------------------------
mode() { stat -c %a "$1" 2>/dev/null || echo missing; }
modes=$(for f in "$db" "$db-wal" "$db-shm"; do printf '%s ' "$(basename "$f")=$(mode "$f")"; done)
[ "$modes" = "tandem.sqlite=600 tandem.sqlite-wal=600 tandem.sqlite-shm=600 " ] \
    && ok "the running service's database, WAL and shared memory are mode 600" || fail "database modes: $modes"
mkdir -m 700 "$work/backups"
run_tandem backup --out "$work/backups/hourly-01.sqlite" --config "$config" >/dev/null 2>&1
[ "$(mode "$work/backups/hourly-01.sqlite")" = 600 ] && ok "tandem backup writes a mode 600 file" \
    || fail "backup mode: $(mode "$work/backups/hourly-01.sqlite")"
run_tandem expenses export --programme Edge --out "$work/export" --config "$config" >/dev/null 2>&1
[ "$(mode "$work/export/claims.csv")" = 600 ] && ok "tandem expenses export writes claims.csv mode 600" \
    || fail "claims.csv mode: $(mode "$work/export/claims.csv")"
run_tandem report programme Edge --out "$work/report" --config "$config" >/dev/null 2>&1
[ "$(mode "$work/report/index.html")" = 600 ] && ok "tandem report programme writes index.html mode 600" \
    || fail "report mode: $(mode "$work/report/index.html")"
files=$(run_tandem doctor --config "$config" --backups "$work/backups" 2>&1 | grep "files:")
[[ "$files" == "ok   files: "* ]] && ok "tandem doctor: database and backups readable by their owner only" \
    || fail "doctor files: $files"
chmod 644 "$work/backups/hourly-01.sqlite"
files=$(run_tandem doctor --config "$config" --backups "$work/backups" 2>&1 | grep "files:")
[[ "$files" == "warn files: "*"hourly-01.sqlite (mode 644)"* ]] && ok "tandem doctor warns about a backup others may read" \
    || fail "doctor files after chmod 644: $files"

stop_cleanly "$tandem_pid" 15
tandem_pid=""
check_database "$db"
echo "took $((SECONDS - began)) s"
finish
