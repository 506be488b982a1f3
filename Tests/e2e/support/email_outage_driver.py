#!/usr/bin/env python3
"""The scenario of Tests/e2e/email_outage.sh: an SMTP outage in three phases against a running `tandem serve`.

  1. down: nothing listens on the SMTP port; mails from four people are POSTed to /hooks/email;
  2. 451: the SMTP server is up but answers every MAIL FROM with 451 (try again later); more mail arrives;
  3. back: the server accepts; every reply drains exactly once, per recipient in queue order.
"""
import argparse
import email
import email.policy
import mailbox
import os
import subprocess
import sys
import time
import urllib.request

from checks import Checks
from tandem_e2e import query, wait_until

PEOPLE = ["ana@example.org", "ben@example.org", "carla@example.org", "dan@example.org"]
check = Checks(800)
args = None
serial = 0


def q(sql, params=()):
    return query(args.db, sql, params)


def post(sender, text):
    global serial
    serial += 1
    message = (f"From: {sender}\r\nTo: tandem@example.org\r\nSubject: outage {serial}\r\n"
               f"Message-ID: <outage-{serial}-{os.getpid()}@mail.example.org>\r\nMIME-Version: 1.0\r\n"
               f"Date: {time.strftime('%a, %d %b %Y %H:%M:%S +0000', time.gmtime())}\r\n"
               f"Content-Type: text/plain; charset=utf-8\r\n\r\n{text}\r\n").encode()
    request = urllib.request.Request(f"http://127.0.0.1:{args.http_port}/hooks/email", data=message, method="POST",
                                     headers={"Authorization": f"Bearer {args.secret}",
                                              "Content-Type": "message/rfc822"})
    try:
        with urllib.request.urlopen(request, timeout=20) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def send_round(texts):
    statuses = [post(person, text) for text in texts for person in PEOPLE]
    return statuses


def queued():
    return q("SELECT id, address, status, attempts, last_error FROM outbox WHERE channel = 'email' ORDER BY id")


def heads():
    """The oldest undelivered reply of each recipient: the one being retried (the others wait behind it, in order)."""
    first = {}
    for row in queued():
        if row[2] == "queued":
            first.setdefault(row[1], row)
    return list(first.values())


def start_smtp(mode):
    with open(os.path.join(args.work, "smtp.mode"), "w") as handle:
        handle.write(mode)
    log = open(os.path.join(args.work, "smtp.log"), "a")
    process = subprocess.Popen([args.python, os.path.join(os.path.dirname(__file__), "email_smtp_server.py"),
                                os.path.join(args.work, "maildir"), str(args.smtp_port),
                                "--mode-file", os.path.join(args.work, "smtp.mode"), "--login", args.login],
                               stdout=log, stderr=subprocess.STDOUT)
    with open(os.path.join(args.work, "smtp.pid"), "w") as handle:
        handle.write(str(process.pid))
    ready = wait_until(lambda: "ready" in open(os.path.join(args.work, "smtp.log")).read(), 15)
    return process, ready


def main():
    global args
    parser = argparse.ArgumentParser()
    for name in ("python", "work", "db", "secret", "login", "counts"):
        parser.add_argument(f"--{name}", required=True)
    parser.add_argument("--http-port", type=int, required=True)
    parser.add_argument("--smtp-port", type=int, required=True)
    args = parser.parse_args()

    # 1. SMTP unreachable.
    statuses = send_round(["what's next", "status"])
    check(f"while SMTP is unreachable, {len(statuses)} inbound mails are accepted (200)",
          statuses == [200] * len(statuses), statuses)
    check("every one of them is stored", q("SELECT COUNT(*) FROM email_inbound")[0][0] == len(statuses),
          q("SELECT COUNT(*) FROM email_inbound"))
    tried = wait_until(lambda: len(heads()) == len(PEOPLE) and all(row[3] >= 2 for row in heads()), 20)
    rows = queued()
    check(f"{len(rows)} replies wait in the outbox, none sent or dead",
          rows and all(row[2] == "queued" for row in rows), rows[:3])
    check("the oldest reply of each recipient was retried (with backoff), the others wait behind it in order",
          tried and all(row[3] == 0 for row in rows if row not in heads()), heads())
    check("the reason is kept: the connection failed",
          all(row[4] and "connect" in row[4].lower() for row in heads()), heads()[:2])

    # 2. The server answers 451 to every MAIL FROM.
    process, ready = start_smtp("451")
    check("SMTP server up, answering 451 (try again later)", ready)
    statuses = send_round(["my log"])
    check("inbound mail still accepted and stored during the 451 phase", statuses == [200] * len(statuses), statuses)
    deferred = wait_until(lambda: all(row[4] and "451" in row[4] for row in heads()), 20)
    rows = queued()
    check(f"the retries are deferred with the server's 451; all {len(rows)} replies still queued, none dead",
          deferred and all(row[2] == "queued" for row in rows), heads()[:3])
    maildir = mailbox.Maildir(os.path.join(args.work, "maildir"), create=True)
    check("nothing was delivered while the server refused", len(maildir) == 0, len(maildir))

    # 3. Recovery.
    with open(os.path.join(args.work, "smtp.mode"), "w") as handle:
        handle.write("ok")
    total = len(queued())
    drained = wait_until(lambda: all(row[2] == "sent" for row in queued()), 60)
    check(f"after the outage all {total} replies drain (status sent)", drained,
          [r for r in queued() if r[2] != "sent"][:3])
    time.sleep(1)
    messages = [email.message_from_bytes(m.as_bytes(), policy=email.policy.default) for m in maildir]
    ids = [m["Message-ID"] for m in messages]
    check(f"{total} mails arrived, each once (no Message-ID twice)", len(ids) == total and len(set(ids)) == total,
          f"{len(ids)} mails, {len(set(ids))} distinct")
    outbox_of = {f"<{mid}>": (oid, address) for oid, mid, address in
                 q("SELECT outbox_id, message_id, address FROM email_outgoing")}
    by_person = {}
    for message in sorted(messages, key=lambda m: int(m["X-Sequence"])):
        oid, address = outbox_of.get(message["Message-ID"], (None, None))
        by_person.setdefault(address, []).append(oid)
    check("every delivered mail is one of the queued replies", None not in by_person, by_person.get(None))
    in_order = all(ids == sorted(ids) for ids in by_person.values())
    counts = ", ".join(f"{address.split('@')[0]} {len(ids)}" for address, ids in sorted(by_person.items()) if address)
    check(f"per recipient, mails arrived in queue order ({counts})", in_order and set(by_person) == set(PEOPLE),
          by_person)
    check("none was marked dead", q("SELECT COUNT(*) FROM outbox WHERE status = 'dead'")[0][0] == 0)
    process.terminate()
    process.wait(10)
    check.write_counts(args.counts, "w")
    return 1 if check.failed else 0


if __name__ == "__main__":
    sys.exit(main())
