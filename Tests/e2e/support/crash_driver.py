#!/usr/bin/env python3
"""Steps of Tests/e2e/matrix_crash_delivery.sh that talk to Tandem or read its files (standard library only).

  crash_driver.py send     --tandem URL --config FILE --db FILE --counts FILE
  crash_driver.py queued   --db FILE --hs-log FILE --counts FILE      (before the kill: stored, not delivered)
  crash_driver.py wait-hung --hs-log FILE --counts FILE               (the homeserver holds an accepted send)
  crash_driver.py drained  --db FILE --counts FILE                    (waits for the outbox to drain)
  crash_driver.py repeat   --tandem URL --config FILE --db FILE --counts FILE (a repeated txnId after restarts)
  crash_driver.py verify   --db FILE --hs-log FILE --config FILE --counts FILE

Each assertion prints `ok   NAME` or `FAIL NAME: detail`, and each step appends "PASSED FAILED" to --counts.
Waiting is polling with a deadline, never a fixed sleep.
"""
import argparse
import json
import sys
import urllib.error
import urllib.request

from checks import Checks
from tandem_e2e import BOT, hs_records, query, txn_id, wait_until

DIRECT = "!crash-direct:localhost"
GROUP = "!crash-group:localhost"

check = Checks()


def put_transaction(tandem, config, txn, events):
    with open(config) as handle:
        hs_token = json.load(handle)["matrix"]["hs_token"]
    request = urllib.request.Request(
        f"{tandem}/_matrix/app/v1/transactions/{txn}", data=json.dumps({"events": events}).encode(), method="PUT",
        headers={"Authorization": f"Bearer {hs_token}", "Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


counter = 0


def event(kind, room, sender, **fields):
    global counter
    counter += 1
    base = {"type": kind, "room_id": room, "sender": sender, "event_id": f"$crash-{counter}",
            "origin_server_ts": 1_700_000_000_000 + counter}
    return {**base, **fields}


def invite(room, sender, direct):
    content = {"membership": "invite", "displayname": "Tandem"}
    if direct:
        content["is_direct"] = True
    return event("m.room.member", room, sender, state_key=BOT, content=content)


def text(room, sender, body):
    return event("m.room.message", room, sender, content={"msgtype": "m.text", "body": body})


def transactions():
    """The homeserver's transactions: two invites, then messages that produce replies (one with two events)."""
    return [
        ("crash-1", [invite(DIRECT, "@ana:localhost", True)]),
        ("crash-2", [invite(GROUP, "@ben:localhost", False)]),
        ("crash-3", [text(DIRECT, "@ana:localhost", "log yesterday 45 min topics: visa rules")]),
        ("crash-4", [text(GROUP, "@ben:localhost", "!tandem help"), text(DIRECT, "@ana:localhost", "skip")]),
        ("crash-5", [text(GROUP, "@ben:localhost", "!tandem my log"), text(DIRECT, "@ana:localhost", "help")]),
    ]


MESSAGE_EVENTS = 5


def step_send(args):
    for txn, events in transactions():
        status, body = put_transaction(args.tandem, args.config, txn, events)
        check(f"transaction {txn} ({len(events)} event(s)) answered 200 while the homeserver is down",
              status == 200 and body.strip() == "{}", f"{status} {body}")
    rows = query(args.db, "SELECT COUNT(*) FROM inbound_messages WHERE channel = 'matrix'")[0][0]
    check("every message event was stored", rows == MESSAGE_EVENTS, f"{rows} rows, expected {MESSAGE_EVENTS}")
    joins = query(args.db, "SELECT address FROM outbox WHERE kind = 'join' ORDER BY id")
    check("a join is queued for each invite", [r[0] for r in joins] == [DIRECT, GROUP], repr(joins))
    for room in (DIRECT, GROUP):
        replies = query(args.db, "SELECT COUNT(*) FROM outbox WHERE kind = 'message' AND address = ?", (room,))[0][0]
        check(f"replies are queued for {room}", replies >= 2, f"{replies} rows")


def step_queued(args):
    # The worker tried (and the homeserver refused) before we kill Tandem: the kill lands between storing and
    # delivering, not before the worker ever ran.
    refused = wait_until(lambda: [r for r in hs_records(args.hs_log) if r.get("status") == "refused"])
    check("the worker tried to deliver and the homeserver refused (503)", bool(refused), "no request reached it")
    accepted = [r for r in hs_records(args.hs_log) if r.get("status") not in ("refused", None)]
    check("nothing was delivered while the homeserver was down", not accepted, repr(accepted[:3]))
    attempted = wait_until(lambda: query(args.db, "SELECT COUNT(*) FROM outbox WHERE attempts > 0")[0][0])
    check("the failed attempt is recorded in the outbox", attempted > 0, "no row has attempts > 0")
    statuses = query(args.db, "SELECT status, COUNT(*) FROM outbox GROUP BY status")
    check("every outbox row is still queued", len(statuses) == 1 and statuses[0][0] == "queued", repr(statuses))


def step_wait_hung(args):
    hung = wait_until(lambda: [r for r in hs_records(args.hs_log) if r.get("hung")])
    check("after the restart the homeserver accepted a send whose answer Tandem will never read", bool(hung),
          "no send reached the homeserver")


def step_drained(args):
    queued = wait_until(
        lambda: query(args.db, "SELECT COUNT(*) FROM outbox WHERE status = 'queued'")[0][0] == 0, deadline=45)
    remaining = query(args.db, "SELECT id, address, attempts, last_error FROM outbox WHERE status = 'queued'")
    check("after the restart the outbox drains (no queued rows)", queued, repr(remaining))


def step_repeat(args):
    before_in = query(args.db, "SELECT COUNT(*) FROM inbound_messages")[0][0]
    before_out = query(args.db, "SELECT COUNT(*) FROM outbox")[0][0]
    txn, events = transactions()[2]
    status, body = put_transaction(args.tandem, args.config, txn, events)
    after_in = query(args.db, "SELECT COUNT(*) FROM inbound_messages")[0][0]
    after_out = query(args.db, "SELECT COUNT(*) FROM outbox")[0][0]
    check("a transaction repeated after two restarts: 200, nothing stored, nothing queued",
          status == 200 and after_in == before_in and after_out == before_out,
          f"{status} {body}, inbound {before_in} → {after_in}, outbox {before_out} → {after_out}")


def step_verify(args):
    with open(args.config) as handle:
        as_token = json.load(handle)["matrix"]["as_token"]
    records = hs_records(args.hs_log)
    rows = query(args.db, "SELECT id, kind, address, body, status FROM outbox ORDER BY id")
    statuses = sorted({r[4] for r in rows})
    check("every outbox row is sent (none queued, none dead)", statuses == ["sent"], repr(statuses))

    # Delivered exactly once per txnId, as the homeserver sees it.
    accepted = [r for r in records if r["kind"] == "send" and r["status"] == "accepted"]
    per_txn = {}
    for r in accepted:
        per_txn.setdefault(r["txn"], []).append(r)
    twice = {txn: len(rs) for txn, rs in per_txn.items() if len(rs) > 1}
    check("no txnId was stored twice as a distinct event", not twice, repr(twice))
    conflicts = [r for r in records if r.get("status") == "conflict"]
    check("no txnId was reused for another room or body", not conflicts, repr(conflicts))
    delivered = {r["txn"]: (r["room"], r["body"]) for r in accepted}
    expected = {txn_id(id, address, body): (address, body) for id, kind, address, body, _ in rows if kind == "message"}
    missing = sorted(set(expected) - set(delivered))
    extra = sorted(set(delivered) - set(expected))
    wrong = sorted(t for t in set(expected) & set(delivered) if expected[t] != delivered[t])
    check("the delivered messages are exactly the outbox rows (txnId from the row, room and body)",
          not missing and not extra and not wrong, f"missing {missing}, extra {extra}, different {wrong}")
    duplicates = [r for r in records if r["kind"] == "send" and r["status"] == "duplicate"]
    hung = [r for r in accepted if r.get("hung")]
    check("the send interrupted by the kill was sent again with the same txnId (and de-duplicated)",
          bool(hung) and any(d["txn"] == hung[0]["txn"] and d["event_id"] == hung[0]["event_id"] for d in duplicates),
          f"hung {hung}, duplicates {duplicates}")
    check("every delivered message is an m.notice", all(r["msgtype"] == "m.notice" for r in accepted),
          repr({r["msgtype"] for r in accepted}))
    check("every request carried the as_token", all(r.get("token") == as_token for r in records if r["kind"] != "other"),
          "a request had a missing or wrong token")
    others = [r for r in records if r["kind"] == "other"]
    check("no unexpected requests", not others, repr(others[:3]))

    for room in (DIRECT, GROUP):
        joins = [r["seq"] for r in records if r["kind"] == "join" and r["room"] == room and r["status"] == "joined"]
        sends = [r for r in accepted if r["room"] == room]
        check(f"{room}: joined before its first message",
              bool(joins) and bool(sends) and min(joins) < sends[0]["seq"],
              f"joins at {joins}, first send at {sends[0]['seq'] if sends else None}")
        order = [int(r["txn"].split("-")[1]) for r in sends]  # accepted records are in arrival order
        check(f"{room}: messages arrived in outbox id order", order == sorted(order) and len(order) >= 2, repr(order))
    joined = query(args.db, "SELECT room_id FROM matrix_rooms WHERE joined_at IS NOT NULL ORDER BY room_id")
    check("both rooms are marked joined", sorted(r[0] for r in joined) == sorted([DIRECT, GROUP]), repr(joined))
    integrity = query(args.db, "PRAGMA integrity_check")
    check("PRAGMA integrity_check is ok", integrity == [("ok",)], repr(integrity))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("step", choices=["send", "queued", "wait-hung", "drained", "repeat", "verify"])
    parser.add_argument("--tandem")
    parser.add_argument("--config")
    parser.add_argument("--db")
    parser.add_argument("--hs-log")
    parser.add_argument("--counts", required=True)
    args = parser.parse_args()
    step = {"send": step_send, "queued": step_queued, "wait-hung": step_wait_hung, "drained": step_drained,
            "repeat": step_repeat, "verify": step_verify}[args.step]
    check.to_the_end(f"step {args.step} ran to the end", step, args)
    check.write_counts(args.counts)
    return 1 if check.failed else 0


if __name__ == "__main__":
    sys.exit(main())
