#!/usr/bin/env python3
"""The scenario of Tests/e2e/email_identity.sh: forged mail against a running `tandem serve`, through POST /hooks/email
exactly as a mail server delivers it, with the answers read from a real SMTP server's Maildir.

  1. forged: finance "approve 1", a mentee's IBAN changed over two mails, a facilitator's broadcast to a pair,
     "forget me" + "yes", a coordinator's "erase 1" + "yes" — nothing changes, each real address gets one
     "confirm" mail per request;
  2. confirmed: the finance coordinator replies "yes" through the confirm mail's reply address: the claim is approved
     once; a second reply changes nothing; a "no" to the coordinator's drops the erasure;
  3. the mail server's verdict: a passing Authentication-Results from the trusted server is believed, the same from
     an untrusted authserv-id is ignored, a DMARC failure is not answered at all.
"""
import email.utils
import os
import sys
import time

sys.path.insert(0, os.path.dirname(__file__))
from checks import Checks  # noqa: E402
from email_webhook import Webhook, text  # noqa: E402
from tandem_e2e import first_value  # noqa: E402

TRUSTED = "mx.tandem.test"
CONFIRM = 'reply "yes" to this message'
check = Checks(600)
args = None
hook = None


def q(sql, params=()):
    return first_value(args.db, sql, params)


def post(*arguments, **keywords):
    return hook.post(*arguments, **keywords)


def mails(address):
    return hook.mails(address)


def confirms(address):
    return [m for m in mails(address) if CONFIRM in text(m)]


def wait_for(address, count, seconds=15):
    return hook.wait_for(address, count, seconds)


def request(name, sender, texts, headers=()):
    """Sends each text as one fresh mail from `sender`; returns the answers to the sender's address."""
    address = email.utils.parseaddr(sender)[1]
    for body in texts:
        before = len(mails(address))
        status, _ = post(sender, body, headers=headers)
        check(f"{name}: '{body[:40]}' accepted (200)", status == 200, status)
        wait_for(address, before + 1)
    return mails(address)


def reply(address, mail, body):
    """Answers `mail` as its recipient would: to its Reply-To, threaded under it."""
    before = len(mails(address))
    status, _ = post(address, body + "\n\n> " + text(mail).replace("\n", "\n> "), to=mail["Reply-To"],
                     in_reply_to=mail["Message-ID"], subject="Re: " + str(mail["Subject"]))
    check(f"reply '{body}' from {address} accepted", status == 200, status)
    return wait_for(address, before + 1)


def forged():
    claim, iban = "SELECT status FROM expense_claims WHERE id = 1", "SELECT iban_masked FROM bank_details"
    before = {"claim": q(claim), "iban": q(iban)}

    request("forged finance approval", "Georgi <georgi@example.org>", ["approve 1"])
    check("forged 'approve 1': claim 1 still submitted", q(claim) == "submitted", q(claim))
    check("the finance coordinator got one confirm mail", len(confirms("georgi@example.org")) == 1,
          [text(m) for m in mails("georgi@example.org")])
    check("the confirm mail names the request",
          "Claim: 1" in text(confirms("georgi@example.org")[0]) if confirms("georgi@example.org") else False)

    request("forged IBAN change", "Ana Petrova <ana@example.org>",
            ["iban GB33 BUKB 2020 1555 5555 55", "Mallory Thief"])
    check("forged IBAN change: the bank details are unchanged", q(iban) == before["iban"], q(iban))
    check("the mentee got one confirm mail", len(confirms("ana@example.org")) == 1,
          [text(m) for m in mails("ana@example.org")])

    pupil_mails = len(mails("ana@example.org"))
    request("forged broadcast", "Fran <fran@example.org>",
            ["broadcast to pair p1: meet me alone after school", "send broadcast"])
    check("forged broadcast: nothing stored", q("SELECT COUNT(*) FROM broadcasts") == 0)
    time.sleep(1)
    check("forged broadcast: nothing reached the pair", len(mails("ana@example.org")) == pupil_mails
          and q("SELECT COUNT(*) FROM outbox WHERE body LIKE '%meet me alone%' AND address != 'fran@example.org'") == 0)
    check("the facilitator got one confirm mail per request", len(confirms("fran@example.org")) == 2,
          [text(m) for m in mails("fran@example.org")])

    request("forged forget me", "ana@example.org", ["forget me", "yes"])
    check("forged 'forget me': no erasure requested",
          q("SELECT COUNT(*) FROM erasure_requests WHERE participant_id = "
            "(SELECT participant_id FROM addresses WHERE address = 'ana@example.org')") == 0)
    check("the mentee got one more confirm mail", len(confirms("ana@example.org")) == 2)

    request("forged erase", "Cora <cora@example.org>", ["erase 1", "yes"])
    check("forged 'erase 1' + 'yes': request 1 still pending",
          q("SELECT status FROM erasure_requests WHERE id = 1") == "pending")
    check("forged 'erase 1' + 'yes': Marco is still enrolled",
          q("SELECT COUNT(*) FROM addresses WHERE address = 'marco@example.org'") == 1)
    check("the coordinator got one confirm mail", len(confirms("cora@example.org")) == 1,
          [text(m) for m in mails("cora@example.org")])


def confirmed():
    confirm = confirms("georgi@example.org")[0]
    events = q("SELECT COUNT(*) FROM expense_events WHERE claim_id = 1")
    answers = reply("georgi@example.org", confirm, "Yes")
    check("the confirmed 'approve 1' ran: claim 1 approved",
          q("SELECT status FROM expense_claims WHERE id = 1") == "approved")
    check("the confirmation was answered with the approval", "approved" in text(answers[-1]), text(answers[-1]))
    approved_events = q("SELECT COUNT(*) FROM expense_events WHERE claim_id = 1")
    check("exactly one event was added", approved_events == events + 1, (events, approved_events))
    answers = reply("georgi@example.org", confirm, "yes")
    check("a second reply to the confirm mail does nothing",
          q("SELECT COUNT(*) FROM expense_events WHERE claim_id = 1") == approved_events
          and "already answered" in text(answers[-1]), text(answers[-1]))
    check("no further confirm mail for the finance coordinator", len(confirms("georgi@example.org")) == 1)

    reply("cora@example.org", confirms("cora@example.org")[0], "no, that was not me")
    check("a 'no' to the coordinator's confirm mail keeps request 1 pending",
          q("SELECT status FROM erasure_requests WHERE id = 1") == "pending"
          and q("SELECT COUNT(*) FROM addresses WHERE address = 'marco@example.org'") == 1)


def verdicts():
    passing = (f"Authentication-Results: {TRUSTED}; dkim=pass header.d=example.org; "
               "spf=pass smtp.mailfrom=example.org; dmarc=pass header.from=example.org")
    answers = request("trusted DMARC pass", "georgi@example.org", ["paid 1"], headers=[passing])
    check("a passing Authentication-Results from the trusted server is believed: claim 1 paid",
          q("SELECT status FROM expense_claims WHERE id = 1") == "paid", text(answers[-1]))
    check("... without a confirm mail", len(confirms("georgi@example.org")) == 1)

    spoofed = passing.replace(TRUSTED, "mx.attacker.test")
    request("spoofed Authentication-Results", "georgi@example.org", ["rate BGN 1.9 2026-03-01"], headers=[spoofed])
    check("a spoofed Authentication-Results (untrusted authserv-id) is ignored: no rate set",
          q("SELECT COUNT(*) FROM expense_rates") == 0)
    check("... and the real address is asked to confirm", len(confirms("georgi@example.org")) == 2)

    before = len(mails("ana@example.org"))
    failing = f"Authentication-Results: {TRUSTED}; spf=fail smtp.mailfrom=example.org; dmarc=fail header.from=example.org"
    status, body = post("ana@example.org", "my log", headers=[failing])
    check("mail the trusted server marked dmarc=fail: 200, ignored", status == 200 and "ignored" in body, body)
    check("... and never answered", len(wait_for("ana@example.org", before + 1, seconds=2)) == before)


def main():
    global args, hook
    args, hook = Webhook.from_arguments()
    try:
        forged()
        confirmed()
        verdicts()
    finally:
        check.write_counts(args.counts)


if __name__ == "__main__":
    main()
