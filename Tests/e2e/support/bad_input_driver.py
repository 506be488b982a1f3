#!/usr/bin/env python3
"""The bad-input suite of Tests/e2e/bad_input.sh: hostile and broken requests through the real HTTP endpoint, as
exact bytes on raw sockets (standard library only).

  bad_input_driver.py --port PORT --pid PID --db FILE --config FILE --maildir DIR --counts FILE [--only GROUP,...]

Groups: auth, json, types, utf8, nul, big, injection, sql, traversal, replay, midflow, slowloris, connections,
files (zip/PDF bombs, a PNG claiming to be a PDF), forged (senders who are not who they say).
After each group: GET /healthz answers 200 and the process is alive. Each assertion prints `ok   NAME` or
`FAIL NAME: detail`; "PASSED FAILED" is appended to --counts.
"""
import argparse
import base64
import glob
import json
import os
import socket
import sqlite3
import sys
import threading
import time

from checks import Checks

BOT = "@tandem:localhost"
ANA, BEN = "@ana:localhost", "@ben:localhost"
ANA_ROOM, BEN_ROOM = "!ana-dm:localhost", "!ben-dm:localhost"
CARLA = "carla@example.org"
ERIN = "erin@example.org"  # a city_to_city mentee: she has an expenses budget
FAY, FAY_ROOM = "@fay:localhost", "!fay-dm:localhost"  # the facilitator
EVIL_FAY, EVIL_ROOM = "@fay:evil.example", "!evil-dm:localhost"  # her localpart on another server
IBAN = "DE89 3704 0044 0532 0130 00"  # not the example IBAN the prompt shows
SQL_TOPIC = "'); DROP TABLE participants;--"
SQL_TOPIC_ITEMS = ["')", "DROP TABLE participants", "--"]  # a list slot: ";" separates topics
SQL_TOPIC_ONE = "Robert') DROP TABLE log_entries-- 100% _x_ \"q\" \\"
SQL_NEXT = '%_"; DELETE FROM log_entries WHERE \'1\'=\'1\' --'

args = None
config = None
serial = 0


check = Checks(1200)


def unique(prefix):
    global serial
    serial += 1
    return f"{prefix}-{os.getpid()}-{serial}"


# --- raw HTTP ------------------------------------------------------------------------------------------------------

def connect(timeout=30):
    sock = socket.create_connection(("127.0.0.1", args.port), timeout=timeout)
    return sock


def read_response(sock, timeout=60):
    """Reads until the server closes; returns (status or None, head text, body bytes)."""
    sock.settimeout(timeout)
    data = b""
    try:
        while True:
            chunk = sock.recv(65536)
            if not chunk:
                break
            data += chunk
    except (socket.timeout, ConnectionResetError):
        pass
    head, _, body = data.partition(b"\r\n\r\n")
    text = head.decode("latin-1")
    try:
        status = int(text.split(" ", 2)[1]) if text.startswith("HTTP/1.") else None
    except (IndexError, ValueError):
        status = None
    return status, text, body


def raw(data, timeout=60):
    """Sends exact bytes (the whole request), returns (status, head, body)."""
    sock = connect()
    try:
        try:
            sock.sendall(data)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the server answered early (413) and closed: the answer is still readable
        return read_response(sock, timeout)
    finally:
        sock.close()


def request(method, path, body=b"", headers=None, timeout=60):
    lines = [f"{method} {path} HTTP/1.1", "Host: 127.0.0.1", "Connection: close"]
    for name, value in (headers or {}).items():
        lines.append(f"{name}: {value}")
    if body or method in ("PUT", "POST"):
        lines.append(f"Content-Length: {len(body)}")
    return raw(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body, timeout)


def hs_auth():
    return {"Authorization": f"Bearer {config['matrix']['hs_token']}", "Content-Type": "application/json"}


def mail_auth():
    return {"Authorization": f"Bearer {config['email']['webhook_secret']}", "Content-Type": "message/rfc822"}


def put_txn(body, txn=None, headers=None):
    txn = txn or unique("bad")
    status, head, response = request("PUT", f"/_matrix/app/v1/transactions/{txn}", body,
                                     hs_auth() if headers is None else headers)
    return status, response


def event(sender, room, text=None, event_id=None, **fields):
    base = {"type": "m.room.message", "room_id": room, "sender": sender, "event_id": event_id or "$" + unique("ev"),
            "origin_server_ts": int(time.time() * 1000)}
    if text is not None:
        base["content"] = {"msgtype": "m.text", "body": text}
    return {**base, **fields}


def say(sender, room, text):
    """One message in a transaction of its own; returns (status, [new outbox bodies for the room])."""
    before = max_outbox()
    body = json.dumps({"events": [event(sender, room, text)]}).encode()
    status, _ = put_txn(body)
    return status, [r[0] for r in q("SELECT body FROM outbox WHERE id > ? AND address = ? ORDER BY id", (before, room))]


def mail(text, subject="Hello", message_id=None, sender="Carla <carla@example.org>", extra=(), parts=None,
         content_type="text/plain; charset=utf-8"):
    """Builds a raw RFC 5322 message (bytes; header values may already be bytes)."""
    message_id = message_id or unique("m") + "@mail.example.org"
    def b(value):
        return value if isinstance(value, bytes) else value.encode("utf-8")
    head = [b"From: " + b(sender), b"To: tandem@example.org", b"Subject: " + b(subject),
            b"Date: " + time.strftime("%a, %d %b %Y %H:%M:%S +0000", time.gmtime()).encode(),
            b"Message-ID: <" + b(message_id) + b">", b"MIME-Version: 1.0"] + [b(h) for h in extra]
    if parts is None:
        head.append(b"Content-Type: " + b(content_type))
        return b"\r\n".join(head) + b"\r\n\r\n" + b(text) + b"\r\n"
    boundary = b"XXbadinputXX"
    head.append(b'Content-Type: multipart/mixed; boundary="' + boundary + b'"')
    out = b"\r\n".join(head) + b"\r\n\r\n--" + boundary + b"\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
    out += b(text) + b"\r\n"
    for part_headers, payload in parts:
        out += b"--" + boundary + b"\r\n" + b"\r\n".join(b(h) for h in part_headers)
        out += b"\r\nContent-Transfer-Encoding: base64\r\n\r\n" + base64.encodebytes(payload).replace(b"\n", b"\r\n")
    return out + b"--" + boundary + b"--\r\n"


def post_mail(raw_message, headers=None):
    status, _, body = request("POST", "/hooks/email", raw_message, mail_auth() if headers is None else headers)
    return status, body.decode("utf-8", "replace")


# --- database ------------------------------------------------------------------------------------------------------

def q(sql, params=()):
    connection = sqlite3.connect(args.db, timeout=10)
    connection.text_factory = lambda b: b.decode("utf-8", "surrogateescape")
    try:
        return connection.execute(sql, params).fetchall()
    finally:
        connection.close()


def max_outbox():
    return q("SELECT COALESCE(MAX(id), 0) FROM outbox")[0][0]


def snapshot():
    tables = ["inbound_messages", "matrix_transactions", "email_inbound", "outbox", "participants", "log_entries",
              "attachments", "conversations"]
    return {t: q(f"SELECT COUNT(*) FROM {t}")[0][0] for t in tables}


def schema():
    return sorted(q("SELECT type, name FROM sqlite_master"))


def alive():
    try:
        os.kill(args.pid, 0)
        return True
    except OSError:
        return False


def healthy(group):
    status, head, body = request("GET", "/healthz", timeout=10)
    check(f"[{group}] afterwards: GET /healthz is 200 and the process is alive", status == 200 and alive(),
          f"status {status}, alive {alive()}")


# --- groups --------------------------------------------------------------------------------------------------------

def group_auth():
    before = snapshot()
    body = json.dumps({"events": [event(ANA, ANA_ROOM, "my log")]}).encode()
    txn = unique("auth")
    cases = [
        ("no Authorization header", {"Content-Type": "application/json"}, "", {401}),
        ("a wrong bearer token", {"Authorization": "Bearer wrong-token"}, "", {403}),
        ("an empty bearer token", {"Authorization": "Bearer "}, "", {401, 403}),
        ("Basic instead of Bearer", {"Authorization": "Basic " + base64.b64encode(b"a:b").decode()}, "", {401}),
        ("a wrong access_token query", {}, "?access_token=wrong", {403}),
        ("the right header with a wrong access_token query", hs_auth(), "?access_token=wrong", {403}),
        ("the token with a suffix", {"Authorization": f"Bearer {config['matrix']['hs_token']}x"}, "", {403}),
        ("the token's prefix", {"Authorization": f"Bearer {config['matrix']['hs_token'][:-1]}"}, "", {403}),
    ]
    for name, headers, query, expected in cases:
        status, _, _ = request("PUT", f"/_matrix/app/v1/transactions/{txn}{query}", body, headers)
        check(f"appservice with {name}: {'/'.join(map(str, sorted(expected)))}", status in expected, status)
    status, _, _ = request("GET", "/_matrix/app/v1/users/@x:localhost", headers={"Authorization": "Bearer nope"})
    check("appservice user query with a wrong token: 403", status == 403, status)
    message = mail("my log")
    for name, headers, expected in [
        ("no Authorization header", {"Content-Type": "message/rfc822"}, 401),
        ("a wrong secret", {"Authorization": "Bearer wrong"}, 401),
        ("the hs_token instead of the email secret", {"Authorization": f"Bearer {config['matrix']['hs_token']}"}, 401),
        ("the secret without Bearer", {"Authorization": config["email"]["webhook_secret"]}, 401),
    ]:
        status, _ = post_mail(message, headers)
        check(f"email webhook with {name}: {expected}", status == expected, status)
    status, _, _ = request("POST", "/hooks/email/mailgun/mime", b"timestamp=1&token=x&signature=y&body-mime=x",
                           {"Content-Type": "application/x-www-form-urlencoded"})
    check("Mailgun route with a forged signature: 401", status == 401, status)
    check("nothing was stored by refused requests", snapshot() == before, f"{before} → {snapshot()}")
    status, _ = put_txn(body, txn)
    check("the same transaction with the right token: 200", status == 200, status)


def group_json():
    before = snapshot()
    bodies = [
        ("an empty body", b""),
        ("a truncated object", b'{"events": ['),
        ("plain text", b"not json at all"),
        ("single quotes", b"{'events': []}"),
        ("a truncated event", b'{"events": [{"type": "m.room.message", "sender": '),
        ("100,000 [", b"[" * 100_000),
        ("100,000 [ closed", b"[" * 100_000 + b"]" * 100_000),
        ("100,000 nested objects", b'{"a":' * 100_000 + b"1" + b"}" * 100_000),
        ("events nested 100,000 deep", b'{"events":' + b"[" * 100_000 + b"]" * 100_000 + b"}"),
        ("content nested 10,000 deep",
         b'{"events":[{"type":"m.room.message","room_id":"!x:localhost","sender":"@ana:localhost","event_id":"$deep",'
         b'"content":' + b'{"a":' * 10_000 + b"1" + b"}" * 10_000 + b"}]}"),
        ("a number too large", b'{"events": [], "x": 1e999999}'),
    ]
    for name, body in bodies:
        started = time.monotonic()
        status, response = put_txn(body)
        took = time.monotonic() - started
        check(f"malformed JSON ({name}): 400 with an M_ error in {took:.2f}s",
              status == 400 and b"M_" in response and took < 10, f"{status} {response[:200]!r}")
    after = snapshot()
    check("malformed bodies stored nothing (no transaction recorded, so a fixed resend is not lost)",
          after == before, f"{before} → {after}")


def group_types():
    before = snapshot()
    cases = [
        ("the body an array", b"[]", {400}),
        ("the body a string", b'"events"', {400}),
        ("events a string", b'{"events": "m.room.message"}', {400}),
        ("events an object", b'{"events": {"type": "m.room.message"}}', {400}),
        ("events a number", b'{"events": 5}', {400}),
        ("events null", b'{"events": null}', {400, 200}),
        ("events of numbers, strings, nulls", b'{"events": [1, "a", null, true, []]}', {200, 400}),
        ("a trailing comma (Foundation's JSONDecoder is lenient)", b'{"events": [],}', {200, 400}),
    ]
    for name, body, expected in cases:
        status, response = put_txn(body)
        check(f"wrong types ({name}): {'/'.join(map(str, sorted(expected)))}", status in expected,
              f"{status} {response[:200]!r}")
    odd = [
        ("a numeric sender", event(42, ANA_ROOM, "my log", event_id="$type-sender")),
        ("a numeric room_id", event(ANA, 7, "my log", event_id="$type-room")),
        ("an array type", {**event(ANA, ANA_ROOM, "my log", event_id="$type-type"), "type": ["m.room.message"]}),
        ("a numeric body", {**event(ANA, ANA_ROOM, event_id="$type-body"), "content": {"msgtype": "m.text", "body": 12}}),
        ("content a string", {**event(ANA, ANA_ROOM, event_id="$type-content"), "content": "my log"}),
        ("a numeric event_id", event(ANA, ANA_ROOM, "my log", event_id=12345)),
        ("msgtype an object", {**event(ANA, ANA_ROOM, event_id="$type-msgtype"),
                               "content": {"msgtype": {"x": 1}, "body": "my log"}}),
        ("state_key a number", {**event(ANA, ANA_ROOM, "my log", event_id="$type-state"), "state_key": 5}),
        ("m.mentions a string", {**event(ANA, "!group-types:localhost", event_id="$type-mentions"),
                                 "content": {"msgtype": "m.text", "body": "hi", "m.mentions": "@tandem:localhost"}}),
        ("unsigned invite_room_state a string",
         {"type": "m.room.member", "room_id": "!types-invite:localhost", "sender": ANA, "event_id": "$type-invite",
          "state_key": BOT, "content": {"membership": "invite"}, "unsigned": {"invite_room_state": "x"}}),
    ]
    for name, ev in odd:
        status, response = put_txn(json.dumps({"events": [ev]}).encode())
        check(f"an event with {name}: 200 (skipped or handled) or 400, never 5xx", status in (200, 400),
              f"{status} {response[:200]!r}")
    stored = q("SELECT external_id FROM inbound_messages WHERE external_id IN ('$type-sender', '$type-room', "
               "'$type-type')")
    check("events missing a usable sender, room or type are not stored", not stored, stored)
    no_id = q("SELECT external_id, body FROM inbound_messages WHERE channel = 'matrix' AND external_id = ''")
    check("an event without a string event_id is skipped like any event missing a required field (not stored "
          "under an empty id, which would swallow every later one as a 'duplicate')", not no_id, no_id)
    check("no participant was created from a malformed sender",
          snapshot()["participants"] == before["participants"], f"{before['participants']} → {snapshot()['participants']}")


def group_utf8():
    cases = [
        ("invalid UTF-8 inside a JSON string",
         b'{"events":[{"type":"m.room.message","room_id":"!ana-dm:localhost","sender":"@ana:localhost",'
         b'"event_id":"$utf8-bad","content":{"msgtype":"m.text","body":"caf\xe9 \xff\xfe"}}]}', {400}),
        ("an overlong encoding of '/'", b'{"events":[],"x":"\xc0\xaf"}', {400}),
        ("a UTF-16 body", '{"events": []}'.encode("utf-16"), {400, 200}),
    ]
    for name, body, expected in cases:
        status, response = put_txn(body)
        check(f"appservice: {name}: {'/'.join(map(str, sorted(expected)))}", status in expected,
              f"{status} {response[:200]!r}")
    check("the invalid-UTF-8 event was not stored",
          not q("SELECT 1 FROM inbound_messages WHERE external_id = '$utf8-bad'"))
    body = json.dumps({"events": [event(ANA, ANA_ROOM, event_id="$utf8-surrogate")]})
    body = body.replace('"event_id"', '"content": {"msgtype": "m.text", "body": "lone \\ud800 surrogate"}, "event_id"')
    status, response = put_txn(body.encode())
    check("appservice: a lone surrogate escape (\\ud800): 200 or 400, never 5xx", status in (200, 400),
          f"{status} {response[:200]!r}")
    status, _, _ = request("PUT", "/_matrix/app/v1/transactions/%ff%fe%00", b'{"events":[]}', hs_auth())
    check("appservice: a txnId percent-encoding invalid UTF-8 and NUL: 200/400/404", status in (200, 400, 404), status)
    status, _, _ = raw(b"GET /healthz\xff\xfe HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
    check("raw invalid UTF-8 in the request line: 400 or 404", status in (400, 404), status)
    status, _, _ = raw(b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Bad: \xff\xfe\xc0\r\nConnection: close\r\n\r\n")
    check("raw invalid UTF-8 in a header value: 200 or 400", status in (200, 400), status)
    status, body = post_mail(mail(b"log yesterday \xff\xfe 45 min", subject=b"caf\xe9 \xff"))
    check("email: invalid UTF-8 in a utf-8 body and in the subject: 200", status == 200, f"{status} {body}")
    status, body = post_mail(mail(b"my log \xa4", content_type="text/plain; charset=x-no-such-charset"))
    check("email: an unknown charset: 200", status == 200, f"{status} {body}")
    status, body = post_mail(b"\xff\xfe\x00garbage\r\n\r\n\xff")
    check("email: not a message at all: 200 (recorded as ignored, never retried)",
          status == 200 and "ignored" in body, f"{status} {body}")


def group_nul():
    status, _, _ = raw(b"GET /heal\x00thz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
    check("a NUL byte in the request line: 400 or 404", status in (400, 404), status)
    status, _, _ = raw(b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-N\x00ul: 1\r\nConnection: close\r\n\r\n")
    check("a NUL byte in a header name: 400", status == 400, status)
    status, _, _ = raw(b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Nul: a\x00b\r\nConnection: close\r\n\r\n")
    check("a NUL byte in a header value: 400 or 200", status in (200, 400), status)
    raw_nul = (b'{"events":[{"type":"m.room.message","room_id":"!ana-dm:localhost","sender":"@ana:localhost",'
               b'"event_id":"$nul-raw","content":{"msgtype":"m.text","body":"a\x00b"}}]}')
    status, response = put_txn(raw_nul)
    check("a raw NUL byte inside a JSON string: 400 (not JSON)", status == 400, f"{status} {response[:200]!r}")

    # "\u0000" escaped in the message text: stored verbatim, or refused — never silently cut short.
    text = "before NUL\u0000after NUL"
    event_id = "$" + unique("nul-text")
    status, response = put_txn(json.dumps({"events": [event(ANA, ANA_ROOM, text, event_id=event_id)]}).encode())
    stored = q("SELECT body FROM inbound_messages WHERE external_id = ?", (event_id,))
    check("message text with an escaped NUL: 200 and stored verbatim (or refused with 400 and not stored)",
          (status == 200 and stored == [(text,)]) or (status == 400 and not stored),
          f"status {status}, stored {stored!r}")
    # Two events whose ids differ only after a NUL must not collide: the second one would be lost silently.
    prefix = "$" + unique("nul-id")
    ids = [prefix + "\u0000one", prefix + "\u0000two"]
    status, response = put_txn(json.dumps({"events": [event(ANA, ANA_ROOM, "status", event_id=i) for i in ids]}).encode())
    rows = q("SELECT external_id FROM inbound_messages WHERE external_id LIKE ?", (prefix + "%",))
    check("two events whose event_ids differ after a NUL: both stored under their own ids (or the transaction "
          "refused with 400)", (status == 200 and sorted(r[0] for r in rows) == sorted(ids)) or
          (status == 400 and not rows), f"status {status}, stored ids {rows!r}")
    # The same for txnIds: "x%00one" and "x%00two" are two transactions; the second must not count as a replay.
    prefix = unique("nultxn")
    events = [event(ANA, ANA_ROOM, "status"), event(ANA, ANA_ROOM, "what's next")]
    statuses = [put_txn(json.dumps({"events": [e]}).encode(), txn=f"{prefix}%00{n}")[0]
                for e, n in zip(events, ("one", "two"))]
    stored = q("SELECT external_id FROM inbound_messages WHERE external_id IN (?, ?)",
               tuple(e["event_id"] for e in events))
    check("two txnIds that differ after a %00: both transactions stored (or refused with 400/404)",
          (statuses == [200, 200] and len(stored) == 2) or (statuses[1] in (400, 404) and len(stored) <= 1),
          f"statuses {statuses}, stored {stored}")
    # Email: a NUL in the body and one in the Message-ID.
    status, body = post_mail(mail("status\x00 after the NUL"))
    check("email: a NUL byte in the text: 200", status == 200, f"{status} {body}")
    mid = unique("nul-mid")
    first = post_mail(mail("status", message_id=mid + "\x00one@mail.example.org"))
    second = post_mail(mail("my log", message_id=mid + "\x00two@mail.example.org"))
    check("email: two Message-IDs that differ after a NUL are two emails (the second is not a 'duplicate')",
          first[0] == 200 and second[0] == 200 and "duplicate" not in second[1], f"{first} / {second}")


def group_big():
    ten_mb = 10 * 1000 * 1000
    text = "log yesterday 45 min topics: " + "a" * ten_mb
    event_id = "$" + unique("big")
    body = json.dumps({"events": [event(ANA, ANA_ROOM, text, event_id=event_id)]}).encode()
    started = time.monotonic()
    status, response = put_txn(body)
    took = time.monotonic() - started
    check(f"a 10 MB message to the appservice (16 MiB limit): 200, or refused cleanly (400/413), in {took:.1f}s",
          status in (200, 400, 413) and took < 60, f"{status} {response[:200]!r}")
    if status == 200:
        stored = q("SELECT LENGTH(body) FROM inbound_messages WHERE external_id = ?", (event_id,))
        check("the accepted 10 MB message is stored", stored and stored[0][0] >= ten_mb, stored)
        say(ANA, ANA_ROOM, "cancel")
    healthy("big: after the 10 MB transaction")
    sock = connect()
    sock.sendall(f"PUT /_matrix/app/v1/transactions/{unique('huge')} HTTP/1.1\r\nHost: x\r\n"
                 f"Authorization: Bearer {config['matrix']['hs_token']}\r\nContent-Length: {17 << 20}\r\n\r\n".encode())
    status, _, _ = read_response(sock, 10)
    sock.close()
    check("a 17 MiB Content-Length to the appservice: 413 before the body is sent", status == 413, status)
    for path in ("/healthz", "/metrics", "/nowhere", "/_matrix/app/v1/ping"):
        status, _, _ = request("POST", path, b"x" * ten_mb, hs_auth() if "matrix" in path else None)
        check(f"10 MB to {path} ({'64' if 'matrix' in path else '4'} KiB limit): 413", status == 413, status)
    sock = connect()
    sock.sendall(b"POST /_matrix/app/v1/ping HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n"
                 + f"Authorization: Bearer {config['matrix']['hs_token']}\r\n\r\n".encode())
    try:
        for _ in range(200):
            sock.sendall(b"1000\r\n" + b"x" * 4096 + b"\r\n")
    except OSError:
        pass
    status, _, _ = read_response(sock, 10)
    sock.close()
    check("a chunked body over 64 KiB to the ping route: 413", status == 413, status)
    message = mail("log yesterday 45 min topics: " + "b" * ten_mb)
    started = time.monotonic()
    status, body = post_mail(message)
    took = time.monotonic() - started
    check(f"a 10 MB email (25 MiB limit): 200 or refused cleanly (413), in {took:.1f}s",
          status in (200, 413) and took < 60, f"{status} {body[:200]}")
    post_mail(mail("cancel"))
    sock = connect()
    sock.sendall(f"POST /hooks/email HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {config['email']['webhook_secret']}"
                 f"\r\nContent-Length: {30 << 20}\r\n\r\n".encode())
    status, _, _ = read_response(sock, 10)
    sock.close()
    check("a 30 MiB Content-Length to the email webhook: 413", status == 413, status)
    rss = 0
    try:
        with open(f"/proc/{args.pid}/status") as handle:
            rss = next(int(line.split()[1]) for line in handle if line.startswith("VmRSS:")) // 1024
    except (OSError, StopIteration):
        pass
    check(f"the process survived the big bodies (RSS {rss} MiB)", alive() and rss < 2048, rss)


def sink_mails():
    mails = []
    for path in sorted(glob.glob(os.path.join(args.maildir, "*.eml"))):
        with open(path, "rb") as handle:
            data = handle.read()
        with open(path[:-4] + ".json") as handle:
            envelope = json.load(handle)
        mails.append((path, data, envelope))
    return mails


def header_fields(data):
    head = data.split(b"\r\n\r\n", 1)[0]
    unfolded = head.replace(b"\r\n ", b" ").replace(b"\r\n\t", b" ")
    return [line.split(b":", 1)[0].strip().lower() for line in unfolded.split(b"\r\n")], head


def group_injection():
    cases = [
        ("a Q-encoded CRLF + Bcc in the subject",
         dict(subject="=?utf-8?q?Hi=0D=0ABcc:_evil1@attacker.example?=")),
        ("a B-encoded CRLF + headers + blank line in the subject",
         dict(subject="=?utf-8?b?" + base64.b64encode(b"Hi\r\nX-Injected: yes\r\nBcc: evil2@attacker.example\r\n"
                                                       b"\r\nforged body").decode() + "?=")),
        ("a lone encoded LF in the subject", dict(subject="=?utf-8?q?Hi=0AX-Injected:_lf?=")),
        ("an encoded CRLF + Bcc in the display name",
         dict(sender="=?utf-8?q?Carla=0D=0ABcc:_evil3@attacker.example?= <carla@example.org>")),
        ("a quoted display name with an encoded CR",
         dict(sender='"Carla =?utf-8?q?=0DX-Injected:_name?=" <carla@example.org>')),
        ("a folded Message-ID carrying a header",
         dict(message_id=unique("inj") + "@mail.example.org>\r\n X-Injected: folded <x")),
        ("a References header carrying an encoded CRLF",
         dict(extra=["References: <a@b>=?utf-8?q?=0D=0ABcc:_evil4@attacker.example?="])),
    ]
    before = len(sink_mails())
    sent = 0
    for name, fields in cases:
        status, body = post_mail(mail("my log", **fields))
        sent += status == 200 and "stored" in body
        check(f"email with {name}: 200", status == 200, f"{status} {body}")
    deadline = time.monotonic() + 30
    queued = None
    while time.monotonic() < deadline:
        queued = q("SELECT COUNT(*) FROM outbox WHERE channel = 'email' AND status = 'queued'")[0][0]
        if queued == 0 and len(sink_mails()) >= before + sent:
            break
        time.sleep(0.2)
    mails = sink_mails()
    dead = q("SELECT id, last_error FROM outbox WHERE channel = 'email' AND status = 'dead'")
    check(f"every email answer reached the SMTP sink ({len(mails)} mails, none queued or dead)",
          queued == 0 and not dead and len(mails) - before >= sent,
          f"queued {queued}, dead {dead}: " + str(q("SELECT id, address, attempts, last_error, next_attempt_at "
                                                     "FROM outbox WHERE channel = 'email' AND status = 'queued'")))
    injected, bare, recipients = [], [], []
    for path, data, envelope in mails:
        names, head = header_fields(data)
        if any(n in (b"bcc", b"x-injected", b"cc") for n in names):
            injected.append((os.path.basename(path), [n for n in names if n in (b"bcc", b"x-injected", b"cc")]))
        stripped = head.replace(b"\r\n", b"")
        if b"\r" in stripped or b"\n" in stripped:
            bare.append(os.path.basename(path))
        rcpts = [r.strip("<>").lower() for r in envelope["rcpt_to"]]
        if rcpts != [CARLA] and any("attacker" in r for r in rcpts):
            recipients.append((os.path.basename(path), rcpts))
    check("no mail Tandem sent has an injected header (Bcc, Cc, X-Injected)", not injected, injected)
    check("no mail Tandem sent has a bare CR or LF in its header section", not bare, bare)
    check("no mail Tandem sent went to an injected recipient", not recipients, recipients)
    subjects = [line for _, data, _ in mails[before:] for line in data.split(b"\r\n\r\n", 1)[0].split(b"\r\n")
                if line.lower().startswith(b"subject:")]
    check("every answer has exactly one Subject line", len(subjects) == len(mails) - before, subjects)
    replies = [data for _, data, _ in mails[before:]]
    check("the answers carry the decoded subject on one line (Re: Hi …), not an empty or raw one",
          all(b"Subject: Re: " in data or b"Subject: =?" in data for data in replies), subjects)


def group_sql():
    tables = schema()
    before = snapshot()
    flows = [
        ("matrix", lambda text: say(ANA, ANA_ROOM, text)),
        ("email", lambda text: email_say(text)),
    ]
    for channel, send in flows:
        start = q("SELECT COALESCE(MAX(id), 0) FROM log_entries")[0][0]
        steps = [f"log yesterday 45 min topics: {SQL_TOPIC}", "skip", SQL_NEXT, "yes"]
        if channel == "matrix":
            steps += [f"log yesterday 40 min topics: {SQL_TOPIC_ONE}", "skip", "skip", "yes"]
        statuses = [send(text)[0] for text in steps]
        check(f"{channel}: the log flow with SQL metacharacters in topics and next steps: all 200",
              statuses == [200] * len(steps), statuses)
        rows = q("SELECT topics, next_steps FROM log_entries WHERE id > ? ORDER BY id", (start,))
        check(f"{channel}: the meeting(s) saved once each", len(rows) == len(steps) // 4, rows)
        if rows:
            topics, next_steps = rows[0]
            check(f"{channel}: topics stored verbatim, split into list items at ';' ({SQL_TOPIC!r})",
                  json.loads(topics) == SQL_TOPIC_ITEMS, repr(topics))
            check(f"{channel}: next steps stored verbatim ({SQL_NEXT!r})", next_steps == SQL_NEXT, repr(next_steps))
        if len(rows) > 1:
            check(f"{channel}: a topic with quotes, %, _, \\ and -- stored verbatim ({SQL_TOPIC_ONE!r})",
                  json.loads(rows[1][0]) == [SQL_TOPIC_ONE], repr(rows[1][0]))
        _, replies = send("my log")
        check(f"{channel}: \"my log\" shows the text verbatim", any(SQL_NEXT in r or "'), DROP TABLE participants, --"
                                                                   in r for r in replies), replies)
    after = snapshot()
    check("tables intact: the schema is unchanged, participants and log entries only grew",
          schema() == tables and after["participants"] >= before["participants"] >= 4
          and after["log_entries"] == before["log_entries"] + 3, f"{before} → {after}")
    # Wildcards in addresses must never match someone else's.
    for sender in ("@%:localhost", "@_na:localhost", "@%"):
        room = "!" + unique("wild") + ":localhost"
        put_txn(json.dumps({"events": [{"type": "m.room.member", "room_id": room, "sender": sender,
                                        "event_id": "$" + unique("inv"), "state_key": BOT,
                                        "content": {"membership": "invite", "is_direct": True}}]}).encode())
        status, replies = say(sender, room, "my log")
        check(f"sender {sender!r} asking \"my log\" sees nobody's log", status == 200 and
              not any("DROP TABLE" in r or "45 min" in r for r in replies), f"{status} {replies}")
    for sender in ("%@example.org", "_arla@example.org"):
        status, body = post_mail(mail("my log", sender=f"X <{sender}>"))
        rows = q("SELECT body FROM outbox WHERE address = ? ORDER BY id DESC LIMIT 1", (sender,))
        check(f"email from {sender!r} asking \"my log\" sees nobody's log",
              status == 200 and not any("DROP TABLE" in r[0] for r in rows), f"{status} {rows}")
    txn = "'; DROP TABLE outbox;--%_"
    status, _, _ = request("PUT", "/_matrix/app/v1/transactions/" + "%27%3B%20DROP%20TABLE%20outbox%3B--%25_",
                           json.dumps({"events": [event(ANA, ANA_ROOM, "status", event_id="$'; DROP--%_\"")]}).encode(),
                           hs_auth())
    check("SQL metacharacters in the txnId and event_id: 200, stored verbatim",
          status == 200 and q("SELECT 1 FROM matrix_transactions WHERE txn_id = ?", (txn,))
          and q("SELECT 1 FROM inbound_messages WHERE external_id = ?", ("$'; DROP--%_\"",)), status)
    check("the schema is still unchanged", schema() == tables)


def email_say(text, sender=CARLA, parts=None, extra=()):
    before = max_outbox()
    status, _ = post_mail(mail(text, subject="sql", sender=sender, parts=parts, extra=extra))
    return status, [r[0] for r in q("SELECT body FROM outbox WHERE id > ? AND address = ? ORDER BY id",
                                    (before, sender))]


def group_traversal():
    names = [
        ('Content-Disposition: attachment; filename="../../etc/passwd"', "passwd"),
        ("Content-Disposition: attachment; filename*=utf-8''..%2F..%2Fetc%2Fshadow", "shadow"),
        ('Content-Disposition: attachment; filename="..\\\\..\\\\windows\\\\win.ini"', "win.ini"),
        ('Content-Disposition: attachment; filename="/etc/hosts"', "hosts"),
        ('Content-Disposition: attachment; filename="C:\\\\Windows\\\\receipt.pdf"', "receipt.pdf"),
        ('Content-Disposition: attachment; filename=".."', None),
        ('Content-Disposition: attachment; filename="=?utf-8?q?..=2F..=2Froot=2F.ssh=2Fid_rsa?="', "id rsa"),
    ]
    expected = {}
    parts = []
    for index, (disposition, base) in enumerate(names):
        payload = f"attachment {index} {unique('t')}\n".encode()
        expected[__import__("hashlib").sha256(payload).hexdigest()] = (disposition, base)
        parts.append((["Content-Type: text/plain; name=\"x\"", disposition], payload))
    status, body = post_mail(mail("here are my files", parts=parts))
    check("an email with path-traversal attachment names: 200", status == 200, f"{status} {body}")
    rows = {sha: name for sha, name in q("SELECT sha256, filename FROM attachments")}
    missing = [d for sha, (d, _) in expected.items() if sha not in rows]
    check("every attachment was stored", not missing, missing)
    for sha, (disposition, base) in expected.items():
        name = rows.get(sha)
        if name is None:
            continue
        clean = "/" not in name and "\\" not in name and name not in ("", ".", "..") and not name.startswith("..")
        check(f"stored filename has no path: {disposition.split(';', 1)[1].strip()} → {name!r}",
              clean and (base is None or name == base or name.endswith(base)), repr(name))
    check("nothing was written outside the database (no passwd/shadow next to it)",
          not any(os.path.exists(os.path.join(os.path.dirname(args.db), n)) for n in ("passwd", "shadow", "etc")))


def rss_kib():
    with open(f"/proc/{args.pid}/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmRSS:"))


def deflated_zeros(megabytes):
    """`megabytes` MiB of zeros, deflated (about 1000:1), built in chunks."""
    import zlib
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    chunk = bytes(1 << 20)
    return b"".join(compressor.compress(chunk) for _ in range(megabytes)) + compressor.flush()


def zip_bomb(megabytes):
    """A zip whose one member inflates to `megabytes` MiB (the stored sizes say so; nothing here inflates it)."""
    import struct, zlib
    data = deflated_zeros(megabytes)
    size, crc, name = megabytes << 20, 0, b"zeros.bin"
    for _ in range(megabytes):
        crc = zlib.crc32(bytes(1 << 20), crc)
    local = struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0, crc, len(data), size, len(name), 0) + name
    central = struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, 0, 0, crc, len(data), size, len(name),
                          0, 0, 0, 0, 0, 0) + name
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, 1, 1, len(central), len(local) + len(data), 0)
    return local + data + central + end


def pdf_bomb(megabytes):
    """A PDF with one FlateDecode stream that inflates to `megabytes` MiB."""
    import zlib
    compressor = zlib.compressobj(9)
    stream = b"".join(compressor.compress(bytes(1 << 20)) for _ in range(megabytes)) + compressor.flush()
    return (b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
            + b"2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n"
            + f"3 0 obj << /Length {len(stream)} /Filter /FlateDecode >> stream\n".encode() + stream
            + b"\nendstream endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")


PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000") + b"receipt as png"


def group_files():
    """Receipts that are not what they claim, or that would explode if anything unpacked them."""
    # Bank details are asked only of a sender the mail server vouched for (else confirmed by a reply first).
    vouched = ["Authentication-Results: mx.bad-input.test; dmarc=pass header.from=example.org"]
    status, replies = email_say("bank details", ERIN, extra=vouched)
    status2, replies2 = email_say(IBAN, ERIN, extra=vouched)
    status3, replies3 = email_say("Erin Example", ERIN, extra=vouched)
    check("Erin gives her bank details by email: the IBAN is shown back masked only",
          status == status2 == status3 == 200 and any("**** ****" in r for r in replies3)
          and not any("3704 0044" in r or "37040044" in r for r in replies + replies2 + replies3),
          replies + replies2 + replies3)
    sealed = q("SELECT key_id, iban_masked FROM bank_details")
    check("her IBAN is stored sealed with the configured data key (not the database's secret), and no such secret",
          len(sealed) == 1 and sealed[0][0] != "database"
          and not q("SELECT 1 FROM secrets WHERE name = 'bank-details'"), sealed)
    rss_before = rss_kib()
    cases = [
        ("a PNG that claims to be a PDF", ["Content-Type: application/pdf; name=\"receipt.pdf\"",
                                            'Content-Disposition: attachment; filename="receipt.pdf"'], PNG,
         "image/png", "Receipt"),
        ("a zip bomb (200 MiB of zeros in a small zip)", ["Content-Type: application/zip; name=\"receipts.zip\"",
                                                          'Content-Disposition: attachment; filename="receipts.zip"'],
         zip_bomb(200), "application/zip", "not a file I can take here"),
        ("a PDF bomb (a stream inflating to 300 MiB)", ["Content-Type: application/pdf; name=\"bill.pdf\"",
                                                        'Content-Disposition: attachment; filename="bill.pdf"'],
         pdf_bomb(300), "application/pdf", "Receipt"),
        ("a PDF bomb labelled as a JPEG", ["Content-Type: image/jpeg; name=\"photo.jpg\"",
                                           'Content-Disposition: attachment; filename="photo.jpg"'],
         pdf_bomb(50), "application/pdf", "Receipt"),
    ]
    for name, headers, payload, media_type, answer in cases:
        sha = __import__("hashlib").sha256(payload).hexdigest()
        status, replies = email_say("here is my receipt", ERIN, parts=[(headers, payload)])
        stored = q("SELECT media_type, length(bytes) FROM attachments WHERE sha256 = ?", (sha,))
        check(f"{name}: 200, stored byte for byte as {media_type} (from its bytes, not its label)",
              status == 200 and stored == [(media_type, len(payload))], f"{status} {stored}")
        check(f"{name}: a clear reply", any(answer in r for r in replies), replies)
        status, replies = email_say("cancel", ERIN)
        check(f"{name}: 'cancel' ends the claim", status == 200 and replies, replies)
    grown = rss_kib() - rss_before
    check(f"nothing was unpacked: resident memory grew {grown // 1024} MiB (< 64 MiB)", grown < 64 * 1024,
          f"{rss_before} → {rss_kib()} KiB")


def group_forged():
    """Senders that are not who they say: a facilitator's From: without the webhook secret, Matrix senders outside
    the rules (Tandem's own namespace, not user IDs, the facilitator's name on another server)."""
    before = snapshot()
    forged = mail("who is behind", sender="Fay <fay@example.org>")
    for name, headers in [("no secret", {"Content-Type": "message/rfc822"}),
                          ("a wrong secret", {"Authorization": "Bearer fay-knows-best", "Content-Type": "message/rfc822"}),
                          ("the secret in the wrong path", None)]:
        if headers is None:
            status, _, _ = request("POST", "/hooks/email/" + config["email"]["webhook_secret"], forged,
                                   {"Content-Type": "message/rfc822"})
        else:
            status, _ = post_mail(forged, headers)
        check(f"an email From: the facilitator with {name}: refused (401/404)", status in (401, 404), status)
    status, _, _ = request("POST", "/hooks/email/mailgun/mime",
                           b"sender=fay%40example.org&timestamp=1&token=x&signature=00&body-mime=From%3A+fay",
                           {"Content-Type": "application/x-www-form-urlencoded"})
    check("a Mailgun post From: the facilitator with a forged signature: refused", status in (401, 404), status)
    check("nothing was stored for the forged emails", snapshot() == before, f"{before} → {snapshot()}")

    for sender in (BOT, "@TANDEM:localhost", "fay", "@fay", "@:localhost", "@fay:", "@fa y:localhost", ""):
        before = snapshot()
        status, _ = put_txn(json.dumps({"events": [event(sender, FAY_ROOM, "who is behind")]}).encode())
        check(f"a Matrix event from {sender!r}: 200 and ignored (nothing stored or answered)",
              status == 200 and snapshot()["inbound_messages"] == before["inbound_messages"]
              and snapshot()["outbox"] == before["outbox"], f"{status} {before} → {snapshot()}")
    status, replies = say(EVIL_FAY, EVIL_ROOM, "who is behind")
    leaked = [r for r in replies if "p1" in r or "Ana" in r or "Ben" in r]
    check("the facilitator's localpart on another server is a stranger: answered, no pair or name in the answer",
          status == 200 and replies and not leaked, replies)
    status, replies = say(FAY, FAY_ROOM, "who is behind")
    check("the real facilitator asking the same gets the pairs (so the check above can fail)",
          status == 200 and any("p1" in r for r in replies), replies)


def group_replay():
    ev = event(ANA, ANA_ROOM, "what's next")
    body = json.dumps({"events": [ev]}).encode()
    txn = unique("replay")
    status, _ = put_txn(body, txn)
    check("a transaction: 200", status == 200, status)
    before = snapshot()
    status, _ = put_txn(body, txn)
    check("the same transaction replayed: 200, nothing stored, nothing queued",
          status == 200 and snapshot() == before, f"{status} {before} → {snapshot()}")
    # A homeserver numbering its transactions from 1 again (Synapse after a restart) reuses txnIds for new events.
    other = json.dumps({"events": [event(ANA, ANA_ROOM, "my log")]}).encode()
    status, _ = put_txn(other, txn)
    after = snapshot()
    check("the same txnId with other events: 200, and the new event is stored and answered",
          status == 200 and after["inbound_messages"] == before["inbound_messages"] + 1
          and after["outbox"] > before["outbox"], f"{status} {before} → {after}")
    status, _ = put_txn(body)
    check("the same event in a new transaction: 200, the event not stored or answered twice",
          status == 200 and snapshot()["inbound_messages"] == after["inbound_messages"]
          and snapshot()["outbox"] == after["outbox"], f"{status} {after} → {snapshot()}")
    first, second = unique("ooo"), unique("ooo")
    e1, e2 = event(BEN, BEN_ROOM, "status"), event(BEN, BEN_ROOM, "what's next")
    s2, _ = put_txn(json.dumps({"events": [e2]}).encode(), second)
    s1, _ = put_txn(json.dumps({"events": [e1]}).encode(), first)
    stored = q("SELECT external_id FROM inbound_messages WHERE external_id IN (?, ?)", (e1["event_id"], e2["event_id"]))
    check("out-of-order transactions: both 200 and both stored", s1 == s2 == 200 and len(stored) == 2,
          f"{s1} {s2} {stored}")
    message = mail("what's next")
    status, body = post_mail(message)
    before = snapshot()
    again = post_mail(message)
    check("an email replayed (same Message-ID): 200 duplicate, nothing stored or queued",
          status == 200 and again[0] == 200 and "duplicate" in again[1] and snapshot() == before,
          f"{status} {again} {before} → {snapshot()}")


def group_midflow():
    start = q("SELECT COALESCE(MAX(id), 0) FROM log_entries")[0][0]
    script = [
        ("log yesterday 30 min topics: mid-flow check", "What time did you start?"),
        ("frobnicate the quux!!", None),
        ("!tandem sudo rm -rf /", None),
        ("help", None),
        ("skip", None),
        ("skip", None),
        ("banana", None),
        ("yes", "Saved to your mentoring log"),
    ]
    for text, expect in script:
        status, replies = say(BEN, BEN_ROOM, text)
        check(f"mid-flow {text!r}: 200 and answered" + (f" ({expect!r})" if expect else ""),
              status == 200 and replies and (expect is None or any(expect in r for r in replies)),
              f"{status} {replies}")
    rows = q("SELECT topics, duration_minutes FROM log_entries WHERE id > ?", (start,))
    check("the flow survived the nonsense: the meeting was saved once", rows == [('["mid-flow check"]', 30)], rows)
    mids = [unique("mf") + "@mail.example.org" for _ in range(3)]
    for text, mid in zip(["log yesterday 20 min topics: email mid-flow", "qwertyuiop zxcv", "skip\n\nskip"], mids):
        post_mail(mail(text, message_id=mid))
    status, body = post_mail(mail("yes"))
    rows = q("SELECT topics FROM log_entries WHERE id > ?", (start,))
    check("email: nonsense in the middle of a flow, then the flow completes", status == 200 and
          ('["email mid-flow"]',) in rows, f"{status} {rows}")


def group_slowloris():
    request_bytes = (f"PUT /_matrix/app/v1/transactions/{unique('slow')} HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                     f"Authorization: Bearer {config['matrix']['hs_token']}\r\nContent-Length: 20\r\n\r\n"
                     '{"events": []}      ').encode()
    results = {}

    def loris(key, delay):
        sock = connect()
        started = time.monotonic()
        closed_at, answer = None, b""
        sock.settimeout(0.05)
        try:
            for byte in request_bytes:
                try:
                    sock.sendall(bytes([byte]))
                except OSError:
                    break
                end = time.monotonic() + delay
                while time.monotonic() < end:
                    try:
                        chunk = sock.recv(4096)
                    except socket.timeout:
                        continue
                    except OSError:
                        chunk = b""
                    if not chunk:
                        closed_at = time.monotonic()
                        break
                    answer += chunk
                if closed_at:
                    break
                if time.monotonic() - started > 25:
                    break
        finally:
            sock.close()
        results[key] = ((closed_at or time.monotonic()) - started, closed_at is not None, answer[:40])

    def silent():
        sock = connect()
        started = time.monotonic()
        status, _, _ = read_response(sock, 25)
        results["silent"] = (time.monotonic() - started, True, status)
        sock.close()

    threads = [threading.Thread(target=loris, args=(i, 1.0)) for i in range(10)]
    threads.append(threading.Thread(target=silent))
    for thread in threads:
        thread.start()
    time.sleep(1.5)
    served = []
    while any(t.is_alive() for t in threads):
        started = time.monotonic()
        status, _, _ = request("GET", "/healthz", timeout=5)
        served.append((status, time.monotonic() - started))
        time.sleep(0.5)
    for thread in threads:
        thread.join()
    slow = [v for k, v in results.items() if k != "silent"]
    check(f"10 connections sending one byte per second are dropped within the 10 s read timeout "
          f"(after {max(v[0] for v in slow):.1f}s)", all(v[1] and v[0] <= 13 for v in slow), slow)
    check("…and told 408 before the close", all(v[2].startswith(b"HTTP/1.1 408") for v in slow),
          [v[2] for v in slow])
    check(f"a connection that sends nothing is closed within the read timeout ({results['silent'][0]:.1f}s)",
          results["silent"][0] <= 13, results["silent"])
    check(f"meanwhile other requests were served ({len(served)} GET /healthz, all 200 within 2 s)",
          len(served) >= 5 and all(s == 200 and t < 2 for s, t in served), served)


def group_connections():
    # 200 silent connections from one address: the server keeps 64 of them waiting for a head (its limit per
    # address) and answers the others 429 at once; none costs a thread.
    sockets = []
    refused = 0
    for _ in range(200):
        try:
            sockets.append(connect(timeout=5))
        except OSError:
            refused += 1
    time.sleep(1.2)
    rejected, other = 0, []
    for sock in sockets:
        sock.settimeout(0.01)
        try:
            data = sock.recv(4096)
            if data.startswith(b"HTTP/1.1 429"):
                rejected += 1
            else:
                other.append(data[:40])
        except socket.timeout:
            pass
        except OSError as error:
            other.append(repr(error))
    held = len(sockets) - rejected - len(other)
    check(f"200 silent connections from one address: {held} held (limit 64), {rejected} answered 429, "
          f"{refused} refused", held == 64 and rejected == 200 - 64 - refused and not other,
          f"held {held}, 429 {rejected}, other {other}")
    status, _, _ = request("GET", "/healthz", timeout=5)
    check("meanwhile a new request from the same address is served (the oldest silent one makes room)",
          status == 200, status)
    for sock in sockets:
        sock.close()
    results = []
    lock = threading.Lock()

    def probe():
        try:
            status, _, _ = request("GET", "/healthz", timeout=15)
        except OSError as error:
            status = repr(error)
        with lock:
            results.append(status)

    threads = [threading.Thread(target=probe) for _ in range(200)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    counts = {s: results.count(s) for s in set(results)}
    check(f"200 concurrent GET /healthz: each 200 or 429, none hang or fail ({counts})",
          set(results) <= {200, 429} and results.count(200) >= 100, counts)


GROUPS = {"auth": group_auth, "json": group_json, "types": group_types, "utf8": group_utf8, "nul": group_nul,
          "big": group_big, "injection": group_injection, "sql": group_sql, "traversal": group_traversal,
          "replay": group_replay, "midflow": group_midflow, "slowloris": group_slowloris,
          "connections": group_connections, "files": group_files, "forged": group_forged}


def setup():
    """Invites for the two Matrix direct rooms (idempotent)."""
    for sender, room in ((ANA, ANA_ROOM), (BEN, BEN_ROOM), (FAY, FAY_ROOM), (EVIL_FAY, EVIL_ROOM)):
        body = {"events": [{"type": "m.room.member", "room_id": room, "sender": sender, "event_id": f"$inv-{room}",
                            "state_key": BOT, "content": {"membership": "invite", "is_direct": True}}]}
        status, _ = put_txn(json.dumps(body).encode(), txn=f"setup-{room}")
        check(f"invite to {room}: 200", status == 200, status)


def main():
    global args, config
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--pid", type=int, required=True)
    parser.add_argument("--db", required=True)
    parser.add_argument("--config", required=True)
    parser.add_argument("--maildir", required=True)
    parser.add_argument("--counts", required=True)
    parser.add_argument("--only", default="")
    args = parser.parse_args()
    with open(args.config) as handle:
        config = json.load(handle)
    names = [n for n in args.only.split(",") if n] or list(GROUPS)
    check.to_the_end("setup", setup)
    for name in names:  # a group that fails is one failed assertion, with its reason; the next group still runs
        print(f"== {name}", flush=True)
        check.to_the_end(f"[{name}] ran to the end", GROUPS[name])
        check.to_the_end(f"[{name}] afterwards: GET /healthz", healthy, name)
    check.write_counts(args.counts)
    return 1 if check.failed else 0


if __name__ == "__main__":
    sys.exit(main())
