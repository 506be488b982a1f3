#!/usr/bin/env bash
# End-to-end bad-input suite: hostile and broken requests through the real HTTP endpoint of `tandem serve`, sent as
# exact bytes on raw sockets by Tests/e2e/support/bad_input_driver.py. Groups: wrong tokens; malformed and deeply
# nested JSON; wrong JSON types; invalid UTF-8; NUL bytes; 10 MB bodies (route limits: appservice 16 MiB, its other
# calls 64 KiB, email 25 MiB, public routes 4 KiB); CR/LF header injection in email subjects and names (checked in
# what Tandem sends, caught by a plain SMTP sink, Tests/e2e/support/bad_input_smtp.py); SQL metacharacters in every
# text slot of the log flow; path traversal in attachment names; replayed and out-of-order transactions; nonsense in
# the middle of a flow; slow-loris; 200 silent connections from one address, 200 concurrent requests. After each
# group GET /healthz must be 200 and the process alive; at the end the service must stop cleanly on SIGTERM and the
# file pass integrity_check and foreign_key_check.
# Environment: TANDEM_BIN (default $(swift build --show-bin-path)/tandem), DIALOGS (default Dialogs/),
# BAD_INPUT_GROUPS (comma-separated subset). Ends with `bad-input: N passed, M failed`.
set -uo pipefail
cd "$(dirname "$0")/../.."
repo=$(pwd)
tandem="${TANDEM_BIN:-$(swift build --show-bin-path)/tandem}"
dialogs="${DIALOGS:-$repo/Dialogs}"
work=$(mktemp -d "${TMPDIR:-/tmp}/tandem-e2e-bad.XXXXXX")
passed=0
failed=0
smtp_pid=""
tandem_pid=""

. Tests/e2e/support/common.sh
cleanup() {
    stop "$tandem_pid" KILL
    stop "$smtp_pid"
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP

finish() {
    add_counts "$work/counts"
    if [ "$failed" -ne 0 ] && [ -s "$work/tandem.log" ]; then
        echo "--- last lines of tandem.log"; grep -v "level=info http " "$work/tandem.log" | tail -n 15 | cut -c1-300 | sed 's/^/    /'
    fi
    echo "bad-input: $passed passed, $failed failed"
    [ "$failed" -eq 0 ] && exit 0 || exit 1
}
no_tandem_env=$(env | sed -n 's/^\(TANDEM_[A-Za-z0-9_]*\)=.*/-u \1/p')

[ -x "$tandem" ] || { fail "tandem binary at $tandem (run swift build)"; finish; }
began=$SECONDS

# --- SMTP sink, configuration, programme, tandem serve ------------------------------------------------------------
python3 "$repo/Tests/e2e/support/bad_input_smtp.py" "$work/maildir" "$work/smtp.port" >"$work/smtp.log" 2>&1 &
smtp_pid=$!
for _ in $(seq 1 100); do [ -s "$work/smtp.port" ] && break; sleep 0.1; done
[ -s "$work/smtp.port" ] && ok "SMTP sink on 127.0.0.1:$(cat "$work/smtp.port")" || { fail "SMTP sink"; finish; }
port=$(free_port)
config="$work/tandem.json"
db="$work/tandem.sqlite"
python3 - "$config" "$db" "$port" "$dialogs" "$(cat "$work/smtp.port")" <<'EOF'
import json, sys
path, db, port, dialogs, smtp = sys.argv[1:]
json.dump({"database": {"path": db}, "http": {"host": "127.0.0.1", "port": int(port)}, "dialogs": {"path": dialogs},
           "email": {"from": "Tandem <tandem@example.org>", "webhook_secret": "bad-input-webhook-secret",
                     "trusted_authserv_id": "mx.bad-input.test",
                     "smtp_url": f"smtp://127.0.0.1:{smtp}", "rate_limit_per_hour": 10000},
           "expenses": {"data_key": "bad-input-data-key-0123456789-abcdefghijkl"}},
          open(path, "w"), indent=2)
EOF
# No homeserver: Matrix replies wait in the outbox, where the driver reads them.
env $no_tandem_env "$tandem" matrix registration --url "http://127.0.0.1:$port" --server-name localhost \
    --config "$config" >"$work/registration.yaml" 2>"$work/registration.err" \
    || { fail "tandem matrix registration: $(cat "$work/registration.err")"; finish; }
printf 'name,role,pair,cohort,matrix_id,email\nAna,mentee,p1,x,@ana:localhost,\nBen,mentor,p1,x,@ben:localhost,\n' >"$work/people.csv"
printf 'Carla,mentee,p2,x,,carla@example.org\nDan,mentor,p2,x,,dan@example.org\n' >>"$work/people.csv"
printf 'Fay,facilitator,,x,@fay:localhost,fay@example.org\n' >>"$work/people.csv"
printf 'name,role,pair,email\nErin,mentee,c1,erin@example.org\nFelix,mentor,c1,felix@example.org\n' >"$work/city.csv"
env $no_tandem_env "$tandem" import "$work/people.csv" --programme Bad --template staff_peers \
    --start "$(date -u -d '14 days ago' +%F)" --config "$config" >"$work/import.log" 2>&1 \
    && env $no_tandem_env "$tandem" import "$work/city.csv" --programme BadCity --template city_to_city \
        --start "$(date -u -d '14 days ago' +%F)" --config "$config" >>"$work/import.log" 2>&1 \
    && ok "enrolled Ana, Ben, Fay (Matrix), Carla, Dan (email); Erin, Felix (email, city programme with budgets)" \
    || { fail "import: $(cat "$work/import.log")"; finish; }
env $no_tandem_env "$tandem" serve --config "$config" >"$work/tandem.log" 2>&1 &
tandem_pid=$!
up=""
for _ in $(seq 1 300); do
    kill -0 "$tandem_pid" 2>/dev/null || break
    [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "http://127.0.0.1:$port/healthz")" = 200 ] && { up=1; break; }
    sleep 0.1
done
[ -n "$up" ] && ok "tandem serve answers /healthz" || { fail "tandem serve did not start"; finish; }

# --- the suite -------------------------------------------------------------------------------------------------------
python3 "$repo/Tests/e2e/support/bad_input_driver.py" --port "$port" --pid "$tandem_pid" --db "$db" --config "$config" \
    --maildir "$work/maildir" --counts "$work/counts" --only "${BAD_INPUT_GROUPS:-}"

# --- afterwards --------------------------------------------------------------------------------------------------------
kill -0 "$tandem_pid" 2>/dev/null && ok "the process is still the one started (pid $tandem_pid)" \
    || fail "tandem serve died during the suite"
crashes=$(grep -c "Fatal error\|Segmentation\|assertion failed\|level=error request failed" "$work/tandem.log")
[ "$crashes" -eq 0 ] && ok "no crash or internal error in the log" \
    || { fail "$crashes crash/internal-error lines in the log"; grep -m 3 "Fatal error\|Segmentation\|level=error" "$work/tandem.log" | cut -c1-300; }
curl -s --max-time 5 "http://127.0.0.1:$port/metrics" >"$work/metrics.txt"
[ -s "$work/metrics.txt" ] && ok "GET /metrics answered" || fail "GET /metrics"
python3 Tests/e2e/support/secret_scan.py "$config" "$work/tandem.log" "$work/metrics.txt" "$db" \
    DE89370400440532013000 "DE89 3704 0044 0532 0130 00" \
    && ok "no secret in the log, the metrics or any reply: tokens, webhook secret, data key, the full IBAN" \
    || fail "a secret leaked (above)"
stop_cleanly "$tandem_pid" 15
tandem_pid=""
check_database "$db"
echo "took $((SECONDS - began)) s"
finish
