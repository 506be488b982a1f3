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
dialogs="${DIALOGS:-$(pwd)/Dialogs}"
. Tests/e2e/support/common.sh
e2e_begin bad-input tandem_pid:KILL smtp_pid
show_failure() {
    tail_logs 15 "$work/tandem.log"
}

need_tandem
began=$SECONDS

# --- SMTP sink, configuration, programme, tandem serve ------------------------------------------------------------
python3 "$repo/Tests/e2e/support/bad_input_smtp.py" "$work/maildir" "$work/smtp.port" >"$work/smtp.log" 2>&1 &
smtp_pid=$!
for _ in $(seq 1 100); do [ -s "$work/smtp.port" ] && break; sleep 0.1; done
[ -s "$work/smtp.port" ] && ok "SMTP sink on 127.0.0.1:$(cat "$work/smtp.port")" || { fail "SMTP sink"; finish; }
port=$(free_port)
config="$work/tandem.json"
db="$work/tandem.sqlite"
write_config "$config" "$db" "$port" '{"email": {"from": "Tandem <tandem@example.org>",
    "webhook_secret": "bad-input-webhook-secret", "trusted_authserv_id": "mx.bad-input.test",
    "smtp_url": "smtp://127.0.0.1:'"$(cat "$work/smtp.port")"'", "rate_limit_per_hour": 10000},
    "expenses": {"data_key": "bad-input-data-key-0123456789-abcdefghijkl"}}'
# No homeserver: Matrix replies wait in the outbox, where the driver reads them.
matrix_registration "http://127.0.0.1:$port"
printf 'name,role,pair,cohort,matrix_id,email\nAna,mentee,p1,x,@ana:localhost,\nBen,mentor,p1,x,@ben:localhost,\n' >"$work/people.csv"
printf 'Carla,mentee,p2,x,,carla@example.org\nDan,mentor,p2,x,,dan@example.org\n' >>"$work/people.csv"
printf 'Fay,facilitator,,x,@fay:localhost,fay@example.org\n' >>"$work/people.csv"
printf 'name,role,pair,email\nErin,mentee,c1,erin@example.org\nFelix,mentor,c1,felix@example.org\n' >"$work/city.csv"
import_programme "$work/people.csv" Bad staff_peers --config "$config" \
    && import_programme "$work/city.csv" BadCity city_to_city --config "$config" \
    && ok "enrolled Ana, Ben, Fay (Matrix), Carla, Dan (email); Erin, Felix (email, city programme with budgets)" \
    || { fail "import: $(cat "$work/import.log")"; finish; }
start_serve "$config" "$work/tandem.log" "$port" && ok "tandem serve answers /healthz" \
    || { fail "tandem serve did not start"; finish; }

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
