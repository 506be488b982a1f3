#!/usr/bin/env bash
# End-to-end: the email channel against a real SMTP server, all on 127.0.0.1.
#  - installs python3-aiosmtpd from Debian (a venv with pip's aiosmtpd if apt cannot), starts
#    Tests/e2e/support/email_smtp_server.py storing every message in a Maildir;
#  - imports a staff_peers programme (Ana mentee, Ben mentor, pair p1) and starts `tandem serve` with
#    email.smtp_url = smtp://127.0.0.1:PORT (plain SMTP is allowed on loopback only);
#  - POSTs real RFC 5322 messages to /hooks/email with curl and asserts on the mail arriving in the Maildir:
#    a meeting logged by email, the reply in the same thread that completes it, a PDF receipt stored by hash,
#    an auto-reply ignored, a redelivery de-duplicated, wrong or missing bearer secrets refused with 401;
#  - an agenda agreed by email: the answer is multipart/mixed with a text/calendar part (method=PUBLISH) that
#    python's icalendar parses (Tests/e2e/support/ics_check.py; Debian's python3-icalendar, else pip in a venv).
# Everything started here is stopped on exit. Override the binary with TANDEM_BIN.
set -uo pipefail
cd "$(dirname "$0")/../.."
secret="e2e-webhook-secret-$$"
. Tests/e2e/support/common.sh
. Tests/e2e/support/email_e2e.sh
e2e_begin email tandem_pid smtp_pid
show_logs() { tail_logs 25 "$work/smtp.log" "$work/tandem.log"; }

need_tandem

# --- SMTP server (aiosmtpd: Debian's package, else a venv), programme, tandem serve ----------------------------
email_e2e_smtp || { show_logs; finish; }

db="$work/tandem.sqlite"
printf 'name,role,pair,email\nAna,mentee,p1,ana@example.org\nBen,mentor,p1,ben@example.org\n' >"$work/people.csv"
if import_programme "$work/people.csv" P staff_peers --db "$db"; then
    ok "import programme"
else
    fail "import programme"; cat "$work/import.log"; finish
fi

write_config "$work/tandem.json" "$db" "$http_port" '{"email": {"smtp_url": "smtp://127.0.0.1:'"$smtp_port"'",
    "from": "Tandem <tandem@example.org>", "webhook_secret": "'"$secret"'"}}'
base="http://127.0.0.1:$http_port"
start_serve "$work/tandem.json" "$work/tandem.log" "$http_port" && ok "tandem serve" \
    || { fail "tandem serve"; show_logs; finish; }

# --- helpers ------------------------------------------------------------------------------------------------------
post() { # post FILE [AUTH-HEADER]: prints the HTTP status; the body goes to $work/response
    curl -s -o "$work/response" -w '%{http_code}' --max-time 20 -H 'Content-Type: message/rfc822' \
        -H "${2:-Authorization: Bearer $secret}" --data-binary @"$1" "$base/hooks/email"
}
mail_from_ana() { # mail_from_ana FILE MESSAGE-ID SUBJECT IN-REPLY-TO BODY [EXTRA-HEADER]
    {
        printf 'From: Ana Petrova <ana@example.org>\r\nTo: tandem@example.org\r\nSubject: %s\r\n' "$3"
        printf 'Date: %s\r\nMessage-ID: <%s>\r\nMIME-Version: 1.0\r\n' "$(date -u -R)" "$2"
        [ -n "$4" ] && printf 'In-Reply-To: <%s>\r\nReferences: <%s>\r\n' "$4" "$4"
        [ -n "${6:-}" ] && printf '%s\r\n' "$6"
        printf 'Content-Type: text/plain; charset=utf-8\r\n\r\n'
        printf '%s\n' "$5" | sed 's/$/\r/'
    } >"$1"
}
await() { # await N: waits for the Nth mail to Ana (15 s) into $work/mail.N
    "$python" Tests/e2e/support/email_maildir.py "$maildir" wait ana@example.org "$1" 15 >"$work/mail.$1"
}
header() { sed -n "s/^$2: //p" "$work/mail.$1" | head -n 1; }
has() { grep -qF -- "$2" "$work/mail.$1"; }
mails_to_ana() { "$python" Tests/e2e/support/email_maildir.py "$maildir" count ana@example.org; }
sql() { # sql QUERY: the first column of the first row
    "$python" -c 'import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute(sys.argv[2]).fetchone()[0])' \
        "$db" "$1"
}

# --- authentication -------------------------------------------------------------------------------------------------
mail_from_ana "$work/m0.eml" "m0@mail.example.org" "Hello" "" "log yesterday 45 min topics: visa rules"
[ "$(post "$work/m0.eml" "Authorization: Bearer wrong")" = 401 ] && ok "wrong bearer secret: 401" \
    || fail "wrong bearer secret: 401"
[ "$(post "$work/m0.eml" "X-None: x")" = 401 ] && ok "missing bearer secret: 401" || fail "missing bearer secret: 401"
[ "$(sql "SELECT COUNT(*) FROM email_inbound")" = 0 ] && ok "refused mail is not stored" \
    || fail "refused mail is not stored"

# --- a meeting logged by email, completed in the same thread -------------------------------------------------------
mail_from_ana "$work/m1.eml" "m1@mail.example.org" "Our meeting" "" "Hi Tandem,
log yesterday 45 min topics: visa rules

Ana"
status=$(post "$work/m1.eml")
[ "$status" = 200 ] && grep -q stored "$work/response" && ok "meeting email accepted (200 stored)" \
    || fail "meeting email accepted: $status $(cat "$work/response")"
if await 1; then
    ok "an answer arrived in the Maildir"
    [ "$(header 1 Subject)" = "Re: Our meeting" ] && ok "subject Re: Our meeting" || fail "subject: $(header 1 Subject)"
    [ "$(header 1 In-Reply-To)" = "<m1@mail.example.org>" ] && ok "In-Reply-To the meeting email" \
        || fail "In-Reply-To: $(header 1 In-Reply-To)"
    [ "$(header 1 Auto-Submitted)" = "auto-replied" ] && ok "Auto-Submitted: auto-replied" || fail "Auto-Submitted"
    header 1 From | grep -q '^Tandem <tandem@example.org>$' && ok "From Tandem <tandem@example.org>" \
        || fail "From: $(header 1 From)"
    header 1 Content-Type | grep -q 'multipart/alternative' && has 1 "X-Has-HTML: yes" \
        && ok "multipart/alternative with HTML" || fail "multipart/alternative: $(header 1 Content-Type)"
    has 1 "Topics: visa rules" && has 1 "What time did you start?" && has 1 "Next steps:" \
        && ok "one email: what was understood, the next question and the form" \
        || { fail "first answer"; cat "$work/mail.1"; }
else
    fail "an answer arrived in the Maildir"; show_logs
fi
bot1=$(header 1 Message-ID | tr -d '<>')

mail_from_ana "$work/m2.eml" "m2@mail.example.org" "Re: Our meeting" "$bot1" "Start: 14:00
Next steps: book the flights

On $(date -u -R), Tandem <tandem@example.org> wrote:
> What time did you start?"
[ "$(post "$work/m2.eml")" = 200 ] && ok "reply in the thread accepted" || fail "reply in the thread accepted"
if await 2; then
    [ "$(header 2 In-Reply-To)" = "<m2@mail.example.org>" ] && header 2 References | grep -qF "<$bot1>" \
        && ok "the answer is threaded under the reply" || fail "threading: $(header 2 References)"
    has 2 "Save this meeting to your log?" && has 2 "Start: 14:00" && has 2 "Next steps: book the flights" \
        && ok "both fields of the reply filled in one go" || { fail "reply answer"; cat "$work/mail.2"; }
else
    fail "answer to the reply"; show_logs
fi
bot2=$(header 2 Message-ID | tr -d '<>')
mail_from_ana "$work/m3.eml" "m3@mail.example.org" "Re: Our meeting" "$bot2" "Yes

Ana"
post "$work/m3.eml" >/dev/null
if await 3 && has 3 "Saved to your mentoring log"; then ok "the conversation continued: meeting saved"; else
    fail "meeting saved"; cat "$work/mail.3" 2>/dev/null; fi
[ "$(sql "SELECT COUNT(*) FROM log_entries WHERE start_time = '14:00' AND duration_minutes = 45")" = 1 ] \
    && ok "log entry stored" || fail "log entry stored"

# --- redelivery -----------------------------------------------------------------------------------------------------
before=$(mails_to_ana)
[ "$(post "$work/m3.eml")" = 200 ] && grep -q duplicate "$work/response" && ok "a redelivered email is a duplicate" \
    || fail "redelivered email: $(cat "$work/response")"

# --- a PDF receipt --------------------------------------------------------------------------------------------------
printf '%%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%%%EOF\n' >"$work/receipt.pdf"
pdf_sha=$(sha256sum "$work/receipt.pdf" | cut -d' ' -f1)
{
    printf 'From: Ana Petrova <ana@example.org>\r\nTo: tandem@example.org\r\nSubject: Receipt\r\n'
    printf 'Date: %s\r\nMessage-ID: <m4@mail.example.org>\r\nMIME-Version: 1.0\r\n' "$(date -u -R)"
    printf 'Content-Type: multipart/mixed; boundary="XXbound"\r\n\r\n--XXbound\r\n'
    printf 'Content-Type: text/plain; charset=utf-8\r\n\r\nHere is the receipt for the train.\r\n--XXbound\r\n'
    printf 'Content-Type: application/pdf; name="train receipt.pdf"\r\n'
    printf 'Content-Disposition: attachment; filename="train receipt.pdf"\r\nContent-Transfer-Encoding: base64\r\n\r\n'
    base64 -w 76 "$work/receipt.pdf" | sed 's/$/\r/'
    printf -- '--XXbound--\r\n'
} >"$work/m4.eml"
[ "$(post "$work/m4.eml")" = 200 ] && ok "email with a PDF accepted" || fail "email with a PDF accepted"
[ "$(sql "SELECT COUNT(*) FROM attachments WHERE sha256 = '$pdf_sha' AND media_type = 'application/pdf'")" = 1 ] \
    && ok "PDF stored with its sha256" || fail "PDF stored with its sha256 $pdf_sha"
await 4 && ok "the PDF email was answered" || fail "the PDF email was answered"

# --- an auto-reply is never answered --------------------------------------------------------------------------------
before=$(mails_to_ana)
mail_from_ana "$work/m5.eml" "m5@mail.example.org" "Automatic reply: Re: Our meeting" "$bot2" \
    "I am out of the office until Monday. log" "Auto-Submitted: auto-replied"
[ "$(post "$work/m5.eml")" = 200 ] && grep -q ignored "$work/response" && ok "auto-reply: 200, ignored" \
    || fail "auto-reply: $(cat "$work/response")"
mail_from_ana "$work/m6.eml" "m6@mail.example.org" "my log" "" "my log"
post "$work/m6.eml" >/dev/null
next=$((before + 1))
if await "$next" && has "$next" "Your mentoring log" \
    && [ "$(header "$next" In-Reply-To)" = "<m6@mail.example.org>" ]; then
    sleep 0.5
    [ "$(mails_to_ana)" = "$next" ] && ok "auto-reply ignored: the only new mail answers the next email" \
        || fail "auto-reply was answered ($(mails_to_ana) mails)"
else
    fail "answer after the auto-reply"; cat "$work/mail.$next" 2>/dev/null
fi
[ "$(sql "SELECT outcome FROM email_inbound WHERE message_id = 'm5@mail.example.org'")" = ignored ] \
    && ok "auto-reply recorded as ignored" || fail "auto-reply recorded as ignored"

# --- an agenda agreed by email comes back with its calendar file ----------------------------------------------------
first=$(date -u -d '+7 days' +%F)
before=$(mails_to_ana)
mail_from_ana "$work/m7.eml" "m7@mail.example.org" "Our agenda" "" \
    "agenda sessions: 2 frequency: weekly first: $first time: 14:00 topics: visa rules"
post "$work/m7.eml" >/dev/null
await $((before + 1)) && has $((before + 1)) "Anything else to add" && ok "agenda by email: asked for the rest" \
    || fail "agenda by email: $(cat "$work/mail.$((before + 1))" 2>/dev/null)"
parent=$(header $((before + 1)) Message-ID | tr -d '<>')
mail_from_ana "$work/m8.eml" "m8@mail.example.org" "Re: Our agenda" "$parent" "skip"
post "$work/m8.eml" >/dev/null
await $((before + 2)) && has $((before + 2)) "Save this agenda" && ok "agenda by email: confirmation asked" \
    || fail "agenda confirmation: $(cat "$work/mail.$((before + 2))" 2>/dev/null)"
parent=$(header $((before + 2)) Message-ID | tr -d '<>')
mail_from_ana "$work/m9.eml" "m9@mail.example.org" "Re: Our agenda" "$parent" "yes"
post "$work/m9.eml" >/dev/null
saved=$((before + 3))
if await "$saved" && has "$saved" "Your agenda is saved"; then
    ok "agenda saved by email"
    header "$saved" Content-Type | grep -q '^multipart/mixed' && ok "the answer is multipart/mixed" \
        || fail "the answer is multipart/mixed: $(header "$saved" Content-Type)"
    has "$saved" "Open the attached mentoring-sessions.ics" && ok "the text names the attached file" \
        || fail "the text names the attached file"
    part_type=$("$python" Tests/e2e/support/email_maildir.py "$maildir" part ana@example.org "$saved" text/calendar \
        "$work/agenda.ics")
    [ "$part_type" = "text/calendar; charset=utf-8; method=PUBLISH" ] \
        && ok "a text/calendar; charset=utf-8; method=PUBLISH part" || fail "calendar part: '$part_type'"
    if ics_python=$(python_with icalendar python3-icalendar); then
        "$ics_python" Tests/e2e/support/ics_check.py "$work/agenda.ics" --events 2 --tzid UTC --summary "with Ben" \
            >"$work/ics.checks" 2>&1
        cat "$work/ics.checks"
        passed=$((passed + $(grep -c '^ok ' "$work/ics.checks")))
        failed=$((failed + $(grep -c '^FAIL ' "$work/ics.checks")))
    else
        fail "install python's icalendar (apt-get python3-icalendar or pip icalendar): offline?"
    fi
else
    fail "agenda saved by email: $(cat "$work/mail.$saved" 2>/dev/null)"; show_logs
fi

finish
