#!/usr/bin/env bash
# End-to-end: who really sent an email (issue 15). Forged mails are POSTed to /hooks/email exactly as a mail server
# delivers them; the answers arrive at a real SMTP server (aiosmtpd, Tests/e2e/support/email_smtp_server.py) on
# 127.0.0.1. A city_to_city programme: Ana (mentee) and Marco (mentor) in pair p1 of cohort Sofia, Fran
# (facilitator), Georgi (finance coordinator), Cora (coordinator). In the terminal, before serving: Ana's bank
# details and claim 1, Marco's "forget me" (erasure request 1). Then Tests/e2e/support/email_identity_driver.py:
# forged approval, IBAN change, broadcast, "forget me" and "erase 1" + "yes" change nothing and each real address gets
# one confirm mail per request; the confirmation replied through its reply address runs the approval once; a trusted
# Authentication-Results is believed, one from another authserv-id is not, a DMARC failure is never answered.
# Everything started here is stopped on exit. Override the binary with TANDEM_BIN.
set -uo pipefail
cd "$(dirname "$0")/../.."
. Tests/e2e/support/common.sh
. Tests/e2e/support/email_e2e.sh
e2e_begin email-identity tandem_pid smtp_pid
tandem_export TANDEM_EXPENSES_DATA_KEY="e2e-identity-data-key-0123456789-abcdefgh"
show_failure() { email_e2e_logs; }

need_tandem
terminal_setup() { # Ana's bank details and claim 1, Marco's erasure request 1, in the terminal before serving
    chat() { "$tandem" chat --db "$db" --as "$1" >>"$work/chat.log" 2>&1; }
    printf '%s\n' 'bank details' 'BG80 BNBG 9661 1020 3456 78' 'Ana Petrova' 'lost receipt' \
        'The machine printed nothing' '85,40' travel yesterday 'Train to Plovdiv' skip yes | chat ana@example.org
    printf '%s\n' 'forget me' yes | chat marco@example.org
    [ "$(python3 -c 'import sqlite3, sys; c = sqlite3.connect(sys.argv[1])
print(c.execute("SELECT COUNT(*) FROM expense_claims WHERE status = '"'submitted'"'").fetchone()[0],
      c.execute("SELECT COUNT(*) FROM erasure_requests").fetchone()[0])' "$db")" = "1 1" ] \
        && ok "set-up in the terminal: Ana's bank details and claim 1, Marco's erasure request 1" \
        || { fail "set-up in the terminal"; tail -n 20 "$work/chat.log"; return 1; }
}
email_e2e_start city_to_city "name,role,pair,cohort,email
Ana,mentee,p1,Sofia,ana@example.org
Marco,mentor,p1,Sofia,marco@example.org
Fran,facilitator,,Sofia,fran@example.org
Georgi,finance_coordinator,,,georgi@example.org
Cora,coordinator,,,cora@example.org" terminal_setup || finish

"$python" Tests/e2e/support/email_identity_driver.py --http-port "$http_port" --secret "$secret" --db "$db" \
    --maildir "$maildir" --counts "$work/counts" || [ -s "$work/counts" ] || fail "the driver stopped (above)"
finish
