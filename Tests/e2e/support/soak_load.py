#!/usr/bin/env python3
"""Load generator and checker for Tests/e2e/crash_soak.sh (standard library only).

  soak_load.py run    --tandem URL --config FILE --out FILE --stop-file FILE [--seed N] [--interval S]
  soak_load.py verify --db FILE --config FILE --hs-log FILE --acks FILE --counts FILE

`run` drives enrolled participants through real conversations while `tandem serve` is being SIGKILLed and
restarted under it:
  - Matrix participants, each in its own direct room (an invite first), one thread per "unit"; most units are one
    person (one event per transaction), one unit is two people whose next steps travel in one transaction (two
    events) — so a transaction is stored all or nothing;
  - email participants, one raw RFC 5322 message per step through POST /hooks/email.
Every step is a real flow step: "log yesterday 45 min topics: …", "skip", "skip", "yes", then sometimes "my log"
and small talk between flows. A request that did not get a 200 is sent again, unchanged (same txnId and event ids,
same Message-ID), until it does — as a homeserver and a mail relay do. A thread sends a new step only after the
previous one was acknowledged, and no faster than one per --interval seconds, so no sender crosses Tandem's
per-minute flood limit. Once --stop-file exists the threads finish the request in flight and stop; every
acknowledged request is written to --out (JSON).

`verify` waits for the Matrix outbox to drain, then checks the database and the fake homeserver's log against what
was acknowledged. Each assertion prints `ok   NAME` or `FAIL NAME: detail`; "PASSED FAILED" is appended to
--counts.
"""
import argparse
import collections
import http.client
import json
import os
import random
import re
import sys
import threading
import time

from checks import Checks
from tandem_e2e import BOT, hs_records, query, txn_id

MATRIX_UNITS = [["ana"], ["ben"], ["cem"], ["dia"], ["eva"], ["fil"], ["gus"], ["hal"], ["ivo"], ["jan"],
                ["kim", "lea"], ["max", "nia"]]
EMAIL_PEOPLE = ["carla", "dan"]
SMALL_TALK = ["what's next", "status", "help", "xyzzy plugh", "hello 42", "thanks!", "ok 🙂"]
SAVED = "Saved to your mentoring log"
SO_FAR = re.compile(r"Meetings logged so far: (\d+)\.")


def matrix_id(name):
    return f"@{name}:localhost"


def room_of(name):
    return f"!dm-{name}:localhost"


def email_of(name):
    return f"{name}@example.org"


def people_csv():
    """The enrolment CSV: pairs (mentee, mentor) of the Matrix people, and one email pair."""
    lines = ["name,role,pair,matrix_id,email"]
    everyone = [n for unit in MATRIX_UNITS for n in unit]
    for index, name in enumerate(everyone):
        lines.append(f"{name.title()},{'mentee' if index % 2 == 0 else 'mentor'},m{index // 2},{matrix_id(name)},")
    lines.append(f"Carla,mentee,e1,,{email_of('carla')}")
    lines.append(f"Dan,mentor,e1,,{email_of('dan')}")
    return "\n".join(lines) + "\n"


def script(name, rng):
    """A participant's endless conversation: (text, is_yes) steps."""
    session = 0
    while True:
        session += 1
        yield f"log yesterday 45 min topics: soak {name} {session}", False
        yield "skip", False
        yield "skip", False
        yield "yes", True
        if rng.random() < 0.5:
            yield "my log", False
        if rng.random() < 0.6:
            yield rng.choice(SMALL_TALK), False


class Generator:
    def __init__(self, args):
        self.args = args
        self.host, self.port = args.tandem.replace("http://", "").split(":")
        with open(args.config) as handle:
            config = json.load(handle)
        self.hs_token = config["matrix"]["hs_token"]
        self.secret = config["email"]["webhook_secret"]
        self.lock = threading.Lock()
        self.acks = []  # acknowledged requests
        self.unacked = []  # requests given up on (only after the stop deadline)
        self.statuses = collections.Counter()
        self.stop = threading.Event()

    def request(self, method, path, body, headers):
        """One attempt: the status, or None when the connection failed."""
        connection = http.client.HTTPConnection(self.host, int(self.port), timeout=15)
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            response.read()
            return response.status
        except (OSError, http.client.HTTPException):
            return None
        finally:
            connection.close()

    def deliver(self, method, path, body, headers, record):
        """Sends until a 200 (the same bytes each time); gives up only long after the stop."""
        attempts = 0
        give_up = None
        while True:
            attempts += 1
            status = self.request(method, path, body, headers)
            with self.lock:
                self.statuses[str(status)] += 1
            if status == 200:
                record["attempts"] = attempts
                with self.lock:
                    self.acks.append(record)
                return True
            if status not in (None, 503):
                record["unexpected_status"] = status  # kept: verify reports it
            if self.stop.is_set():
                give_up = give_up or time.monotonic() + self.args.stop_grace
                if time.monotonic() > give_up:
                    record["attempts"] = attempts
                    with self.lock:
                        self.unacked.append(record)
                    return False
            time.sleep(0.05 + random.random() * 0.15)

    def pace(self, started, rng):
        """Waits out the rest of the interval (jittered) since `started`; False once stopping."""
        end = started + self.args.interval * (0.8 + 0.4 * rng.random())
        while time.monotonic() < end:
            if self.stop.is_set() or os.path.exists(self.args.stop_file):
                self.stop.set()
                return False
            time.sleep(0.05)
        if os.path.exists(self.args.stop_file):
            self.stop.set()
        return not self.stop.is_set()

    def matrix_unit(self, index, names):
        rng = random.Random(self.args.seed * 1000 + index)
        scripts = {name: script(name, rng) for name in names}
        counter = 0

        def transaction(events, texts, yes):
            nonlocal counter
            counter += 1
            txn = f"soak-{self.args.seed}-u{index}-{counter}"
            body = json.dumps({"events": events}).encode()
            record = {"kind": "matrix", "txn": txn, "events": [e["event_id"] for e in events],
                      "senders": [e["sender"] for e in events], "rooms": [e["room_id"] for e in events],
                      "types": [e["type"] for e in events], "texts": texts, "yes": yes}
            headers = {"Authorization": f"Bearer {self.hs_token}", "Content-Type": "application/json"}
            return self.deliver("PUT", f"/_matrix/app/v1/transactions/{txn}", body, headers, record)

        def event(name, kind, **fields):
            return {"type": kind, "room_id": room_of(name), "sender": matrix_id(name),
                    "event_id": f"$soak-{self.args.seed}-{name}-{counter + 1}",
                    "origin_server_ts": int(time.time() * 1000), **fields}

        invites = [event(name, "m.room.member", state_key=BOT,
                         content={"membership": "invite", "is_direct": True, "displayname": "Tandem"})
                   for name in names]
        started = time.monotonic()
        if not transaction(invites, [None] * len(names), [False] * len(names)):
            return
        while self.pace(started, rng):
            started = time.monotonic()
            steps = [next(scripts[name]) for name in names]
            events = [event(name, "m.room.message", content={"msgtype": "m.text", "body": text})
                      for name, (text, _) in zip(names, steps)]
            if not transaction(events, [s[0] for s in steps], [s[1] for s in steps]):
                return

    def email_person(self, index, name):
        rng = random.Random(self.args.seed * 1000 + 500 + index)
        steps = script(name, rng)
        counter = 0
        started = time.monotonic() - self.args.interval
        while self.pace(started, rng):
            started = time.monotonic()
            text, yes = next(steps)
            counter += 1
            message_id = f"soak-{self.args.seed}-{name}-{counter}@mail.example.org"
            raw = (f"From: {name.title()} <{email_of(name)}>\r\nTo: tandem@example.org\r\n"
                   f"Subject: step {counter}\r\nDate: {time.strftime('%a, %d %b %Y %H:%M:%S +0000', time.gmtime())}\r\n"
                   f"Message-ID: <{message_id}>\r\nMIME-Version: 1.0\r\n"
                   f"Content-Type: text/plain; charset=utf-8\r\n\r\n{text}\r\n").encode()
            record = {"kind": "email", "message_id": message_id, "sender": email_of(name), "text": text, "yes": yes}
            headers = {"Authorization": f"Bearer {self.secret}", "Content-Type": "message/rfc822"}
            if not self.deliver("POST", "/hooks/email", raw, headers, record):
                return

    def run(self):
        threads = [threading.Thread(target=self.matrix_unit, args=(i, unit), daemon=True)
                   for i, unit in enumerate(MATRIX_UNITS)]
        threads += [threading.Thread(target=self.email_person, args=(i, name), daemon=True)
                    for i, name in enumerate(EMAIL_PEOPLE)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        with open(self.args.out, "w") as handle:
            json.dump({"acks": self.acks, "unacked": self.unacked, "statuses": self.statuses}, handle)
        print(f"generator: {len(self.acks)} acknowledged, {len(self.unacked)} never acknowledged, "
              f"attempt statuses {dict(self.statuses)}", flush=True)
        return 0


# --- verify -------------------------------------------------------------------------------------------------------



check = Checks(1500)


def verify(args):
    with open(args.acks) as handle:
        data = json.load(handle)
    acks, unacked = data["acks"], data["unacked"]
    matrix_acks = [a for a in acks if a["kind"] == "matrix"]
    email_acks = [a for a in acks if a["kind"] == "email"]
    check("the generator got every request acknowledged in the end (200 after retries)", not unacked,
          f"{len(unacked)} never acknowledged: {unacked[:3]}")
    unexpected = [a for a in acks + unacked if "unexpected_status" in a]
    check("no attempt was answered with anything but 200 or 503 (or a dropped connection)", not unexpected,
          repr([(a.get("txn") or a.get("message_id"), a["unexpected_status"]) for a in unexpected[:5]]))
    retried = sum(1 for a in acks if a["attempts"] > 1)
    check(f"load: {len(matrix_acks)} transactions and {len(email_acks)} emails acknowledged, {retried} after retries",
          len(matrix_acks) >= 20 and len(email_acks) >= 4, "too little load to mean anything")

    # Drain: every Matrix outbox row leaves (the fake homeserver is up).
    end = time.monotonic() + args.drain_seconds
    while time.monotonic() < end:
        if query(args.db, "SELECT COUNT(*) FROM outbox WHERE channel = 'matrix' AND status = 'queued'")[0][0] == 0:
            break
        time.sleep(0.2)
    queued = query(args.db, "SELECT id, address, attempts, last_error FROM outbox "
                            "WHERE channel = 'matrix' AND status = 'queued' LIMIT 5")
    check("after the last restart the Matrix outbox drains (no queued rows)", not queued, repr(queued))

    # Inbound: every acknowledged event stored exactly once, nothing else stored.
    inbound = collections.Counter(
        (c, e) for c, e in query(args.db, "SELECT channel, external_id FROM inbound_messages"))
    stored_txns = {r[0] for r in query(args.db, "SELECT txn_id FROM matrix_transactions")}
    missing_txn = [a["txn"] for a in matrix_acks if a["txn"] not in stored_txns]
    check("every acknowledged transaction is recorded (matrix_transactions)", not missing_txn, missing_txn[:5])
    message_events = [(e, t) for a in matrix_acks for e, t in zip(a["events"], a["types"]) if t == "m.room.message"]
    wrong = [(e, inbound[("matrix", e)]) for e, _ in message_events if inbound[("matrix", e)] != 1]
    check(f"every event of every acknowledged transaction is stored exactly once ({len(message_events)} events)",
          not wrong, wrong[:5])
    invited = [r for a in matrix_acks for r, t in zip(a["rooms"], a["types"]) if t == "m.room.member"]
    rooms = {r[0]: r[1] for r in query(args.db, "SELECT room_id, joined_at FROM matrix_rooms")}
    check(f"every acknowledged invite is recorded and its room joined ({len(invited)} rooms)",
          all(rooms.get(r) is not None for r in invited), {r: rooms.get(r, "missing") for r in invited})
    email_rows = collections.Counter(
        r[0] for r in query(args.db, "SELECT message_id FROM email_inbound WHERE outcome = 'processed'"))
    wrong = [(a["message_id"], email_rows[a["message_id"]], inbound[("email", a["message_id"])])
             for a in email_acks if email_rows[a["message_id"]] != 1 or inbound[("email", a["message_id"])] != 1]
    check(f"every acknowledged email is stored exactly once, processed ({len(email_acks)} emails)", not wrong, wrong[:5])
    sent_ids = {("matrix", e) for e, _ in message_events} | {("email", a["message_id"]) for a in email_acks}
    extra = [k for k in inbound if k not in sent_ids]
    check("nothing is stored that was never sent", not extra, extra[:5])
    throttled = query(args.db, "SELECT channel, external_id FROM inbound_messages WHERE conversation_id IS NULL")
    check("no message was throttled (the load stays under the per-sender limit)", not throttled, throttled[:5])

    # Delivery: the homeserver saw each outbox row once (by its txnId), nothing else, in order per room.
    rows = query(args.db, "SELECT id, kind, address, body, status FROM outbox WHERE channel = 'matrix' ORDER BY id")
    statuses = collections.Counter(r[4] for r in rows)
    check(f"every Matrix outbox row is sent ({len(rows)} rows)", set(statuses) == {"sent"}, dict(statuses))
    records = hs_records(args.hs_log)
    accepted = [r for r in records if r["kind"] == "send" and r["status"] == "accepted"]
    per_txn = collections.Counter(r["txn"] for r in accepted)
    twice = {t: n for t, n in per_txn.items() if n > 1}
    check("no txnId was accepted twice by the homeserver", not twice, twice)
    conflicts = [r for r in records if r.get("status") == "conflict"]
    check("no txnId was reused for another room or body", not conflicts, conflicts[:3])
    # A row addressed to a user ID (a reminder queued before their direct chat was known) goes to their direct chat:
    # the one they invited the bot to, if it is known by the time the row is sent, else a room the bot opened for
    # them (the homeserver created it, inviting them).
    opened = collections.defaultdict(set)
    for name in (n for unit in MATRIX_UNITS for n in unit):
        opened[matrix_id(name)].add(room_of(name))
    for r in records:
        if r["kind"] == "create_room" and r.get("status") == "created":
            for user in r.get("invite") or []:
                opened[user].add(r["room"])
    expected = {txn_id(i, address, body): (address, body) for i, kind, address, body, _ in rows if kind == "message"}
    delivered = {r["txn"]: (r["room"], r["body"]) for r in accepted}
    missing = sorted(set(expected) - set(delivered))
    extra = sorted(set(delivered) - set(expected))

    def same(txn):
        (address, body), (room, sent) = expected[txn], delivered[txn]
        return body == sent and (room == address or room in opened.get(address, ()))
    different = sorted(t for t in set(expected) & set(delivered) if not same(t))
    check(f"the homeserver received exactly the outbox rows, each as one event ({len(expected)} messages)",
          not missing and not extra and not different,
          f"missing {missing[:5]}, extra {extra[:5]}, different {different[:5]}"
          + "".join(f"\n    {t}: expected {expected[t]}, delivered {delivered[t]}" for t in different[:3]))
    replies = collections.Counter(address for i, kind, address, body, _ in rows if kind == "message")
    asked = collections.Counter(r for a in matrix_acks for r, t in zip(a["rooms"], a["types"]) if t == "m.room.message")
    silent = {room: (asked[room], replies[room]) for room in asked if replies[room] < asked[room] + 1}
    check("every acknowledged message got a reply (each room: replies >= messages + the welcome)", not silent,
          f"(messages, replies) {silent}")
    refused = [r for r in records if r.get("status") == "refused"]
    check("the homeserver never refused a request (it stays up here)", not refused, refused[:3])
    duplicates = sum(1 for r in records if r["kind"] == "send" and r["status"] == "duplicate")
    print(f"info resends the homeserver de-duplicated by txnId: {duplicates}", flush=True)
    # The order is kept per address: the rows queued for a room after the bot joined it. A reminder queued for a
    # person before their chat was known (a row older than the room's join) takes its place in the room when sent.
    joined = {}
    for i, kind, address, body, _ in rows:
        if kind == "join":
            joined.setdefault(address, i)
    by_room = collections.defaultdict(list)
    for r in accepted:
        row = int(r["txn"].split("-")[1])
        if row > joined.get(r["room"], 0):
            by_room[r["room"]].append(row)
    disorder = {room: order for room, order in by_room.items() if order != sorted(order)}
    check("each room received the messages queued for it in outbox order", not disorder, disorder)
    others = [r for r in records if r["kind"] == "other"]
    check("no unexpected requests reached the homeserver", not others, others[:3])

    # The conversations: one saved meeting per acknowledged "yes", each confirmed once.
    yes = collections.Counter()
    for a in matrix_acks:
        for sender, y in zip(a["senders"], a["yes"]):
            yes[sender] += int(bool(y))
    for a in email_acks:
        yes[a["sender"]] += int(a["yes"])
    entries = collections.Counter()
    for channel, address, count in query(args.db, """
            SELECT a.channel, a.address, COUNT(l.id) FROM addresses a JOIN log_entries l ON l.participant_id =
            a.participant_id GROUP BY a.channel, a.address"""):
        entries[address] += count
    people = [matrix_id(n) for u in MATRIX_UNITS for n in u] + [email_of(n) for n in EMAIL_PEOPLE]
    mismatch = {p: (yes[p], entries[p]) for p in people if yes[p] != entries[p]}
    check(f"saved log entries = acknowledged \"yes\" confirmations, per person ({sum(yes.values())} in all)",
          not mismatch and sum(yes.values()) > 0, f"(yes, entries) {mismatch}")
    total = query(args.db, "SELECT COUNT(*) FROM log_entries")[0][0]
    check("no other log entries exist", total == sum(yes.values()), f"{total} rows, {sum(yes.values())} yes")
    confirmations = collections.defaultdict(list)  # address → "so far" numbers, in delivery order
    for r in sorted(accepted, key=lambda r: r["seq"]):
        if SAVED in (r["body"] or ""):
            confirmations[r["room"]].append(int(SO_FAR.search(r["body"]).group(1)))
    for i, kind, address, body, status in query(
            args.db, "SELECT id, kind, address, body, status FROM outbox WHERE channel = 'email' ORDER BY id"):
        if SAVED in body:
            confirmations[address].append(int(SO_FAR.search(body).group(1)))
    # "Meetings logged so far" counts the pair's log: across the two rooms of a pair, 1..n, each once.
    everyone = [(room_of(n), matrix_id(n)) for u in MATRIX_UNITS for n in u] + [(email_of(n), email_of(n))
                                                                                for n in EMAIL_PEOPLE]
    wrong = {}
    for mentee, mentor in zip(everyone[0::2], everyone[1::2]):
        numbers = sorted(confirmations[mentee[0]] + confirmations[mentor[0]])
        if numbers != list(range(1, yes[mentee[1]] + yes[mentor[1]] + 1)):
            wrong[f"{mentee[1]} + {mentor[1]}"] = (confirmations[mentee[0]], confirmations[mentor[0]])
        for room, person in (mentee, mentor):
            if len(confirmations[room]) != yes[person]:
                wrong[person] = (len(confirmations[room]), "confirmations for", yes[person], "yes")
    check("each saved meeting was confirmed exactly once, the pair's count going 1, 2, 3… (no reply twice)",
          not wrong, wrong)

    # Email replies: one threaded answer per processed email (no SMTP here: they wait in the outbox).
    outgoing = query(args.db, "SELECT outbox_id, message_id, in_reply_to FROM email_outgoing")
    answers = collections.Counter(r[2] for r in outgoing)
    unanswered = [a["message_id"] for a in email_acks if answers[a["message_id"]] != 1]
    check("each acknowledged email has exactly one answer queued, threaded under it", not unanswered,
          [(m, answers[m]) for m in unanswered[:5]])
    ids = collections.Counter(r[1] for r in outgoing)
    check("every queued answer has its own Message-ID", all(n == 1 for n in ids.values()),
          {k: v for k, v in ids.items() if v > 1})
    email_status = collections.Counter(
        r[0] for r in query(args.db, "SELECT status FROM outbox WHERE channel = 'email'"))
    check("email rows wait in the outbox (no SMTP configured): none dead", email_status.get("dead", 0) == 0,
          dict(email_status))

    integrity = query(args.db, "PRAGMA integrity_check")
    check("PRAGMA integrity_check is ok", integrity == [("ok",)], integrity[:5])
    foreign = query(args.db, "PRAGMA foreign_key_check")
    check("PRAGMA foreign_key_check finds nothing", foreign == [], foreign[:5])


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("step", choices=["csv", "run", "verify"])
    parser.add_argument("--tandem")
    parser.add_argument("--config")
    parser.add_argument("--out")
    parser.add_argument("--stop-file")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--interval", type=float, default=2.2)
    parser.add_argument("--stop-grace", type=float, default=60.0)
    parser.add_argument("--db")
    parser.add_argument("--hs-log")
    parser.add_argument("--acks")
    parser.add_argument("--counts")
    parser.add_argument("--drain-seconds", type=float, default=45.0)
    args = parser.parse_args()
    if args.step == "csv":
        sys.stdout.write(people_csv())
        return 0
    if args.step == "run":
        return Generator(args).run()
    check.to_the_end("verify ran to the end", verify, args)
    check.write_counts(args.counts)
    return 1 if check.failed else 0


if __name__ == "__main__":
    sys.exit(main())
