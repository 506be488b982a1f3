#!/usr/bin/env bash
# End-to-end: the SMTP server is unreachable, then answers 451 (try later), then recovers — all on 127.0.0.1.
# While it is down, inbound mail keeps being accepted (200) and stored, replies wait in the outbox (never dead,
# never dropped); once it is back, they drain exactly once each and, per recipient, in the order they were queued.
# The SMTP server (aiosmtpd, Tests/e2e/support/email_smtp_server.py) requires AUTH, so the run also shows the SMTP
# password and the other secrets never reach the log or the metrics. The scenario is driven by
# Tests/e2e/support/email_outage_driver.py. Override the binary with TANDEM_BIN. Ends with `email-outage: N passed, M failed`.
set -uo pipefail
cd "$(dirname "$0")/../.."
. Tests/e2e/support/common.sh
e2e_begin email-outage tandem_pid
trap '[ -s "$work/smtp.pid" ] && stop "$(cat "$work/smtp.pid")"; e2e_cleanup' EXIT  # the driver starts the SMTP server
show_failure() {
    tail_logs 15 "$work/smtp.log" "$work/tandem.log"
}

need_tandem
python=$(python_with aiosmtpd python3-aiosmtpd)
"$python" -c 'import aiosmtpd' 2>/dev/null && ok "aiosmtpd available" || { fail "install aiosmtpd"; finish; }

smtp_port=$(free_port)
http_port=$(free_port)
db="$work/tandem.sqlite"
secret="outage-webhook-secret-$$"
password="outage-smtp-password-$$"
printf 'name,role,pair,email\nAna,mentee,p1,ana@example.org\nBen,mentor,p1,ben@example.org\n' >"$work/people.csv"
printf 'Carla,mentee,p2,carla@example.org\nDan,mentor,p2,dan@example.org\n' >>"$work/people.csv"
import_programme "$work/people.csv" P staff_peers --db "$db" && ok "import programme" \
    || { fail "import: $(cat "$work/import.log")"; finish; }
write_config "$work/tandem.json" "$db" "$http_port" '{"outbox": {"retry_max_seconds": 2},
    "email": {"smtp_url": "smtp://127.0.0.1:'"$smtp_port"'", "smtp_user": "tandem", "smtp_password": "'"$password"'",
              "from": "Tandem <tandem@example.org>", "webhook_secret": "'"$secret"'", "rate_limit_per_hour": 1000}}'
start_serve "$work/tandem.json" "$work/tandem.log" "$http_port" && ok "tandem serve (SMTP server not started yet)" \
    || { fail "tandem serve"; finish; }

"$python" Tests/e2e/support/email_outage_driver.py --python "$python" --work "$work" --db "$db" \
    --http-port "$http_port" --smtp-port "$smtp_port" --secret "$secret" --login "tandem:$password" \
    --counts "$work/counts" || [ -s "$work/counts" ] || fail "the outage driver stopped before counting (above)"

curl -s --max-time 5 "http://127.0.0.1:$http_port/metrics" >"$work/metrics.txt"
python3 Tests/e2e/support/secret_scan.py "$work/tandem.json" "$work/tandem.log" "$work/metrics.txt" "$db" \
    && ok "no secret in the log, the metrics or any reply (SMTP password, webhook secret)" || fail "a secret leaked"
kill -0 "$tandem_pid" 2>/dev/null && ok "tandem serve ran through the outage" || fail "tandem serve died"
finish
