# Shared by the email e2e scripts (sourced after common.sh): a real SMTP server storing mail in a Maildir, and
# `tandem serve` on a programme imported from a CSV, with the webhook secret and a trusted mail server.
# Needs $tandem, $work, $repo (e2e_begin); sets python, maildir, db, http_port, secret, smtp_pid, tandem_pid.

secret="${secret:-e2e-email-secret-$$}"

email_e2e_smtp() { # aiosmtpd (Debian's, else a venv) storing mail in $work/maildir; sets python, smtp_port,
                   # http_port, maildir, smtp_pid; ok/fail lines, returns 1 on failure
    python=$(python_with aiosmtpd python3-aiosmtpd)
    "$python" -c 'import aiosmtpd' 2>/dev/null && ok "aiosmtpd available ($python)" \
        || { fail "install aiosmtpd"; return 1; }
    smtp_port=$(free_port)
    http_port=$(free_port)
    maildir="$work/maildir"
    "$python" Tests/e2e/support/email_smtp_server.py "$maildir" "$smtp_port" >"$work/smtp.log" 2>&1 &
    smtp_pid=$!
    for _ in $(seq 1 100); do grep -q ready "$work/smtp.log" 2>/dev/null && break; sleep 0.1; done
    grep -q ready "$work/smtp.log" && ok "SMTP server on 127.0.0.1:$smtp_port" \
        || { fail "SMTP server start"; return 1; }
}

email_e2e_start() { # email_e2e_start TEMPLATE CSV-TEXT [CHAT-SETUP-FUNCTION]: ok/fail lines; returns 1 on failure
    email_e2e_smtp || return 1

    db="$work/tandem.sqlite"
    printf '%s\n' "$2" >"$work/people.csv"
    import_programme "$work/people.csv" Exchange "$1" --db "$db" \
        && ok "import programme" || { fail "import: $(cat "$work/import.log")"; return 1; }
    [ -z "${3:-}" ] || "$3" || return 1

    write_config "$work/tandem.json" "$db" "$http_port" '{"email": {"smtp_url": "smtp://127.0.0.1:'"$smtp_port"'",
        "from": "Tandem <tandem@example.org>", "webhook_secret": "'"$secret"'",
        "trusted_authserv_id": "mx.tandem.test", "rate_limit_per_hour": 1000}}'
    start_serve "$work/tandem.json" "$work/tandem.log" "$http_port" && ok "tandem serve" \
        || { fail "tandem serve"; return 1; }
}

email_e2e_logs() { # the last lines of the SMTP server's and tandem's logs, after a failure
    tail_logs 20 "$work/smtp.log" "$work/tandem.log"
}
