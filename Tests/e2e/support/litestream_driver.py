#!/usr/bin/env python3
"""Load and checks for Tests/e2e/litestream_replication.sh (standard library only).

  litestream_driver.py load    --tandem URL --config FILE --out FILE --control DIR [--count N] [--senders N]
                               [--threads N] [--down-after N] [--seconds S]
  litestream_driver.py restored --db FILE --acks FILE --killed-at T --lag S --hs-log FILE --counts FILE
  litestream_driver.py drained --db FILE --hs-log FILE --counts FILE

`load` sends --count appservice transactions (one invite per sender first, then one message each: "help", "what's
next", …) from --threads threads, spread over --seconds, and records when each was acknowledged (200). A request that failed is sent again
unchanged. After --down-after acknowledgements it creates CONTROL/down, so the fake homeserver refuses every send
from then on and replies pile up in the outbox.

`restored` checks a database restored with `litestream restore` against the acknowledgements: SQLite's
integrity_check and foreign_key_check; every transaction acknowledged more than --lag seconds before the kill
(--killed-at, Unix time) is there, with its events; the recovery point (how long before the kill the oldest lost
acknowledgement was) is printed; every outbox row the homeserver never accepted is still queued.

`drained` waits for the restarted service to empty the outbox, then checks the homeserver got every message row once
per txnId (a resend of a row delivered before the kill carries the same txnId and is de-duplicated) and nothing else.

Each assertion prints `ok   NAME` or `FAIL NAME: detail`, and "PASSED FAILED" is appended to --counts.
"""
import argparse
import http.client
import json
import os
import sys
import threading
import time

from checks import Checks
from tandem_e2e import BOT, hs_records, query, txn_id

TEXTS = ["help", "what's next", "status", "hello", "thanks!"]

check = Checks(600)


def room(sender):
    return f"!ls-{sender}:localhost"


def user(sender):
    return f"@ls{sender}:localhost"


def transactions(count, senders):
    """(txn id, events): an invite from each sender, then messages round-robin until `count` transactions."""
    result = []
    for sender in range(senders):
        result.append((f"ls-invite-{sender}", [{
            "type": "m.room.member", "room_id": room(sender), "sender": user(sender), "state_key": BOT,
            "event_id": f"$ls-invite-{sender}", "origin_server_ts": 1_700_000_000_000,
            "content": {"membership": "invite", "is_direct": True, "displayname": "Tandem"}}]))
    number = 0
    while len(result) < count:
        sender = number % senders
        result.append((f"ls-{number}", [{
            "type": "m.room.message", "room_id": room(sender), "sender": user(sender),
            "event_id": f"$ls-{number}", "origin_server_ts": 1_700_000_000_000 + number,
            "content": {"msgtype": "m.text", "body": TEXTS[number % len(TEXTS)]}}]))
        number += 1
    return result


def load(args):
    with open(args.config) as handle:
        token = json.load(handle)["matrix"]["hs_token"]
    host, port = args.tandem.replace("http://", "").split(":")
    plan = transactions(args.count, args.senders)
    invites, messages = plan[:args.senders], plan[args.senders:]
    lock = threading.Lock()
    acks = []
    failures = []

    def send(txn, events):
        body = json.dumps({"events": events}).encode()
        headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
        for _ in range(200):
            connection = http.client.HTTPConnection(host, int(port), timeout=15)
            try:
                connection.request("PUT", f"/_matrix/app/v1/transactions/{txn}", body=body, headers=headers)
                response = connection.getresponse()
                response.read()
                status = response.status
            except (OSError, http.client.HTTPException):
                status = None
            finally:
                connection.close()
            if status == 200:
                with lock:
                    acks.append({"txn": txn, "events": [e["event_id"] for e in events], "acked_at": time.time()})
                    if len(acks) == args.down_after:
                        open(os.path.join(args.control, "down"), "w").close()
                return
            time.sleep(0.05)
        with lock:
            failures.append(txn)

    def worker(batch, seconds):
        """Sends `batch` in order, spread evenly over `seconds` (as fast as acknowledged when that is slower)."""
        start = time.monotonic()
        for index, (txn, events) in enumerate(batch):
            delay = start + seconds * index / max(len(batch), 1) - time.monotonic()
            if delay > 0:
                time.sleep(delay)
            send(txn, events)

    began = time.monotonic()
    for group, seconds in ((invites, 0), (messages, args.seconds)):
        threads = [threading.Thread(target=worker, args=(group[i::args.threads], seconds))
                   for i in range(args.threads)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    elapsed = time.monotonic() - began
    with open(args.out, "w") as handle:
        json.dump({"acks": acks, "failures": failures}, handle)
    print(f"load: {len(acks)} acknowledged in {elapsed:.1f} s ({len(acks) / elapsed:.0f}/s), "
          f"{len(failures)} never acknowledged", flush=True)
    return 0 if not failures else 1


def restored(args):
    with open(args.acks) as handle:
        acks = json.load(handle)["acks"]
    check("the restored file passes integrity_check", query(args.db, "PRAGMA integrity_check") == [("ok",)],
          query(args.db, "PRAGMA integrity_check")[:3])
    check("and foreign_key_check", query(args.db, "PRAGMA foreign_key_check") == [])
    stored = {row[0] for row in query(args.db, "SELECT txn_id FROM matrix_transactions")}
    events = {row[0] for row in query(args.db, "SELECT external_id FROM inbound_messages WHERE channel = 'matrix'")}
    lost = sorted((a for a in acks if a["txn"] not in stored), key=lambda a: a["acked_at"])
    old_lost = [a for a in lost if a["acked_at"] < args.killed_at - args.lag]
    check(f"every transaction acknowledged more than {args.lag:g} s before the kill is in the restored database",
          not old_lost, f"{len(old_lost)} lost, e.g. {old_lost[:3]}")
    kept = [a for a in acks if a["txn"] in stored]
    missing_events = [a for a in kept for e in a["events"] if not e.startswith("$ls-invite") and e not in events]
    check("each restored transaction has its message events (all or nothing)", not missing_events,
          repr(missing_events[:3]))
    point = args.killed_at - lost[0]["acked_at"] if lost else 0.0
    newest = max((a["acked_at"] for a in kept), default=args.killed_at)
    print(f"recovery point: {point:.2f} s — {len(lost)} of {len(acks)} acknowledged transactions were acknowledged "
          f"in the last {point:.2f} s before SIGKILL and are not in the replica; the newest restored one was "
          f"acknowledged {args.killed_at - newest:.2f} s before the kill", flush=True)

    records = hs_records(args.hs_log)
    accepted = {r["txn"] for r in records if r.get("kind") == "send" and r.get("status") == "accepted"}
    rows = query(args.db, "SELECT id, status, address, body FROM outbox WHERE kind = 'message'")
    statuses = {status for _, status, _, _ in rows}
    queued = [id for id, status, _, _ in rows if status == "queued"]
    never = [id for id, _, address, body in rows if txn_id(id, address, body) not in accepted]
    not_queued = [id for id in never if id not in set(queued)]
    check("every reply the homeserver never accepted is still queued in the restored database (none lost)",
          never and not not_queued, f"{len(never)} never accepted, {len(not_queued)} of them not queued: "
                                    f"{not_queued[:5]}; statuses {statuses}")
    print(f"outbox after restore: {len(rows)} replies, {len(queued)} queued, "
          f"{len(rows) - len(queued)} recorded as sent", flush=True)
    return 0


def drained(args):
    end = time.monotonic() + 60
    while time.monotonic() < end:
        if query(args.db, "SELECT COUNT(*) FROM outbox WHERE status = 'queued'")[0][0] == 0:
            break
        time.sleep(0.2)
    left = query(args.db, "SELECT COUNT(*) FROM outbox WHERE status != 'sent'")[0][0]
    check("after the restart every reply is delivered (none queued, none dead)", left == 0, f"{left} not sent")
    records = hs_records(args.hs_log)
    accepted = [r for r in records if r.get("kind") == "send" and r.get("status") == "accepted"]
    per_txn = {}
    for record in accepted:
        per_txn[record["txn"]] = per_txn.get(record["txn"], 0) + 1
    twice = {txn: n for txn, n in per_txn.items() if n > 1}
    check("no reply reached the homeserver twice as a new event (a resend reuses its txnId)", not twice,
          repr(list(twice.items())[:5]))
    conflicts = [r for r in records if r.get("status") == "conflict"]
    check("no txnId was reused for another room or text", not conflicts, repr(conflicts[:3]))
    restored = query(args.db, "SELECT id, address, body FROM outbox WHERE kind = 'message'")
    ids = [id for id, _, _ in restored]
    rows = {txn_id(id, address, body) for id, address, body in restored}
    extra = set(per_txn) - rows
    beyond = {txn for txn in extra if int(txn.split("-")[1]) > max(ids, default=0)}
    check("the homeserver holds every restored reply, and otherwise only replies sent before the kill of "
          "transactions the restore lost", rows <= set(per_txn) and extra == beyond,
          f"missing {sorted(rows - set(per_txn))[:5]}, unexplained {sorted(extra - beyond)[:5]}")
    if beyond:
        print(f"note: {len(beyond)} replies reached the homeserver within the recovery point and are not in the "
              "restored database", flush=True)
    return 0


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("step", choices=["load", "restored", "drained"])
    parser.add_argument("--tandem")
    parser.add_argument("--config")
    parser.add_argument("--out")
    parser.add_argument("--control")
    parser.add_argument("--count", type=int, default=2000)
    parser.add_argument("--senders", type=int, default=40)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--down-after", type=int, default=1500)
    parser.add_argument("--seconds", type=float, default=0, help="spread the messages over this long")
    parser.add_argument("--db")
    parser.add_argument("--acks")
    parser.add_argument("--killed-at", type=float)
    parser.add_argument("--lag", type=float, default=5.0)
    parser.add_argument("--hs-log")
    parser.add_argument("--counts")
    args = parser.parse_args()
    status = {"load": load, "restored": restored, "drained": drained}[args.step](args)
    if args.counts:
        check.write_counts(args.counts)
    return status


if __name__ == "__main__":
    sys.exit(main())
