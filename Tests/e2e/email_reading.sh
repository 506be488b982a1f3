#!/usr/bin/env bash
# End-to-end: mail read the way real clients write it (issue 15). Replies shaped as Apple Mail (a one-line answer
# directly above "On … wrote:"), Thunderbird (format=flowed, bottom-posted) and stock Android in Bulgarian ("Да"
# directly above "… написа:") are POSTed to /hooks/email and answered through a real SMTP server (aiosmtpd,
# Tests/e2e/support/email_smtp_server.py) on 127.0.0.1; spam from public test suites (Tests/ChannelsTests/Fixtures/
# public), marked failing SPF by the trusted mail server, gets no reply and leaves no participant. A staff_peers
# programme: Ana (English) and Boyana (Bulgarian) mentees. Driver: Tests/e2e/support/email_reading_driver.py.
# Everything started here is stopped on exit. Override the binary with TANDEM_BIN.
set -uo pipefail
cd "$(dirname "$0")/../.."
. Tests/e2e/support/common.sh
. Tests/e2e/support/email_e2e.sh
e2e_begin email-reading tandem_pid smtp_pid
show_failure() { email_e2e_logs; }

need_tandem
email_e2e_start staff_peers "name,role,pair,email,language
Ana,mentee,p1,ana@example.org,en
Ben,mentor,p1,ben@example.org,en
Boyana,mentee,p2,boyana@example.org,bg
Dimitar,mentor,p2,dimitar@example.org,bg" || finish

fixtures=Tests/ChannelsTests/Fixtures/public
"$python" Tests/e2e/support/email_reading_driver.py --http-port "$http_port" --secret "$secret" --db "$db" \
    --maildir "$maildir" --counts "$work/counts" --spam-big5 "$fixtures/mailgem-content_transfer_encoding_empty.eml" \
    --spam-cpython "$fixtures/cpython-msg_47.eml" || [ -s "$work/counts" ] || fail "the driver stopped (above)"
finish
