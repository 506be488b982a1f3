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
repo=$(pwd)
tandem="${TANDEM_BIN:-$(swift build --show-bin-path)/tandem}"
dialogs="${DIALOGS:-$repo/Dialogs}"
work=$(mktemp -d "${TMPDIR:-/tmp}/tandem-e2e-edge.XXXXXX")
passed=0
failed=0
tandem_pid=""

. Tests/e2e/support/common.sh
cleanup() {
    stop "$tandem_pid" KILL
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP

finish() {
    add_counts "$work/counts"
    if [ "$failed" -ne 0 ] && [ -s "$work/tandem.log" ]; then
        echo "--- last lines of tandem.log"; grep -v "level=info http " "$work/tandem.log" | tail -n 15 | cut -c1-300
    fi
    echo "http-edge: $passed passed, $failed failed"
    [ "$failed" -eq 0 ] && exit 0 || exit 1
}
no_tandem_env=$(env | sed -n 's/^\(TANDEM_[A-Za-z0-9_]*\)=.*/-u \1/p')
run() { env $no_tandem_env "$tandem" "$@"; }

[ -x "$tandem" ] || { fail "tandem binary at $tandem (run swift build)"; finish; }
began=$SECONDS

# --- configuration, programme, tandem serve --------------------------------------------------------------------------
port=$(free_port)
config="$work/tandem.json"
db="$work/tandem.sqlite"
python3 - "$config" "$db" "$port" "$dialogs" <<'EOF'
import json, sys
path, db, port, dialogs = sys.argv[1:]
json.dump({"database": {"path": db}, "http": {"host": "127.0.0.1", "port": int(port)}, "dialogs": {"path": dialogs},
           "email": {"from": "Tandem <tandem@example.org>", "webhook_secret": "edge-webhook-secret",
                     "mailgun_signing_key": "edge-mailgun-signing-key"},
           "expenses": {"data_key": "edge-data-key-0123456789-abcdefghijklmnop"}},
          open(path, "w"), indent=2)
EOF
run matrix registration --url "http://127.0.0.1:$port" --server-name localhost --config "$config" \
    >"$work/registration.yaml" 2>"$work/registration.err" || { fail "registration: $(cat "$work/registration.err")"; finish; }
printf 'name,role,pair,email\nCarla,mentee,c1,carla@example.org\nDan,mentor,c1,dan@example.org\n' >"$work/people.csv"
run import "$work/people.csv" --programme Edge --template city_to_city --start "$(date -u -d '14 days ago' +%F)" \
    --config "$config" >"$work/import.log" 2>&1 && ok "enrolled Carla and Dan (email)" \
    || { fail "import: $(cat "$work/import.log")"; finish; }
start_serve() {
    env $no_tandem_env "$tandem" serve --config "$config" >>"$work/tandem.log" 2>&1 &
    tandem_pid=$!
    wait_http "http://127.0.0.1:$port/healthz" 30 "$tandem_pid"
}
start_serve && ok "tandem serve answers /healthz" || { fail "tandem serve did not start"; finish; }

# --- the attacks ---------------------------------------------------------------------------------------------------
python3 Tests/e2e/support/http_edge_driver.py --port "$port" --pid "$tandem_pid" --db "$db" --config "$config" \
    --counts "$work/counts" --replay-file "$work/replay.form"
if [ -s "$work/replay.form" ]; then
    stop_cleanly "$tandem_pid" 15
    start_serve && ok "tandem serve restarted" || { fail "tandem serve did not restart"; finish; }
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
run backup --out "$work/backups/hourly-01.sqlite" --config "$config" >/dev/null 2>&1
[ "$(mode "$work/backups/hourly-01.sqlite")" = 600 ] && ok "tandem backup writes a mode 600 file" \
    || fail "backup mode: $(mode "$work/backups/hourly-01.sqlite")"
run expenses export --programme Edge --out "$work/export" --config "$config" >/dev/null 2>&1
[ "$(mode "$work/export/claims.csv")" = 600 ] && ok "tandem expenses export writes claims.csv mode 600" \
    || fail "claims.csv mode: $(mode "$work/export/claims.csv")"
run report programme Edge --out "$work/report" --config "$config" >/dev/null 2>&1
[ "$(mode "$work/report/index.html")" = 600 ] && ok "tandem report programme writes index.html mode 600" \
    || fail "report mode: $(mode "$work/report/index.html")"
files=$(run doctor --config "$config" --backups "$work/backups" 2>&1 | grep "files:")
[[ "$files" == "ok   files: "* ]] && ok "tandem doctor: database and backups readable by their owner only" \
    || fail "doctor files: $files"
chmod 644 "$work/backups/hourly-01.sqlite"
files=$(run doctor --config "$config" --backups "$work/backups" 2>&1 | grep "files:")
[[ "$files" == "warn files: "*"hourly-01.sqlite (mode 644)"* ]] && ok "tandem doctor warns about a backup others may read" \
    || fail "doctor files after chmod 644: $files"

stop_cleanly "$tandem_pid" 15
tandem_pid=""
check_database "$db"
echo "took $((SECONDS - began)) s"
finish
