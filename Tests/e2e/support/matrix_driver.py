#!/usr/bin/env python3
"""Drives a real conversation with Tandem through a real Synapse (standard library only).

Used by Tests/e2e/matrix_synapse.sh, which starts Synapse and `tandem serve` and passes their URLs.
Every assertion prints `ok   NAME` or `FAIL NAME: detail`; the counts are written to --counts as "PASSED FAILED".
Each expected reply is polled for with a deadline; nothing is asserted after a fixed sleep.
"""
import argparse
import base64
import datetime
import hashlib
import json
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid

from checks import Checks
from tandem_e2e import BOT, query

REPLY_DEADLINE = 20.0  # seconds to wait for each expected reply

# An 8×8 JPEG (made with Pillow), small enough to inline.
JPEG = base64.b64decode(
    "/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDABALDA4MChAODQ4SERATGCgaGBYWGDEjJR0oOjM9PDkzODdASFxOQERXRTc4UG1RV19iZ2hnPk1x"
    "eXBkeFxlZ2P/2wBDARESEhgVGC8aGi9jQjhCY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2P/wAAR"
    "CAAIAAgDASIAAhEBAxEB/8QAHwAAAQUBAQEBAQEAAAAAAAAAAAECAwQFBgcICQoL/8QAtRAAAgEDAwIEAwUFBAQAAAF9AQIDAAQRBRIhMUEG"
    "E1FhByJxFDKBkaEII0KxwRVS0fAkM2JyggkKFhcYGRolJicoKSo0NTY3ODk6Q0RFRkdISUpTVFVWV1hZWmNkZWZnaGlqc3R1dnd4eXqDhIWG"
    "h4iJipKTlJWWl5iZmqKjpKWmp6ipqrKztLW2t7i5usLDxMXGx8jJytLT1NXW19jZ2uHi4+Tl5ufo6erx8vP09fb3+Pn6/8QAHwEAAwEBAQEB"
    "AQEBAQAAAAAAAAECAwQFBgcICQoL/8QAtREAAgECBAQDBAcFBAQAAQJ3AAECAxEEBSExBhJBUQdhcRMiMoEIFEKRobHBCSMzUvAVYnLRChYk"
    "NOEl8RcYGRomJygpKjU2Nzg5OkNERUZHSElKU1RVVldYWVpjZGVmZ2hpanN0dXZ3eHl6goOEhYaHiImKkpOUlZaXmJmaoqOkpaanqKmqsrO0"
    "tba3uLm6wsPExcbHyMnK0tPU1dbX2Nna4uPk5ebn6Onq8vP09fb3+Pn6/9oADAMBAAIRAxEAPwDJooorA+nP/9k="
)



check = Checks()


def http(method, url, body=None, token=None, content_type="application/json", raw=False):
    """Returns (status, parsed JSON or text or None). Never raises for HTTP errors."""
    headers = {}
    data = None
    if body is not None:
        data = body if isinstance(body, bytes) else json.dumps(body).encode()
        headers["Content-Type"] = content_type
    if token is not None:
        headers["Authorization"] = f"Bearer {token}"
    request = urllib.request.Request(url, data=data, method=method, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            status, payload = response.status, response.read()
    except urllib.error.HTTPError as error:
        status, payload = error.code, error.read()
    if raw:
        return status, payload.decode("utf-8", "replace")
    try:
        return status, json.loads(payload) if payload else None
    except ValueError:
        return status, payload.decode("utf-8", "replace")


def q(segment):
    return urllib.parse.quote(segment, safe="")


class Alice:
    def __init__(self, hs, token):
        self.hs = hs
        self.token = token

    def call(self, method, path, body=None):
        return http(method, self.hs + path, body, self.token)

    def create_room(self, direct, encrypted=False):
        body = {"invite": [BOT], "preset": "trusted_private_chat" if direct else "private_chat"}
        if direct:
            body["is_direct"] = True
        else:
            body["name"] = "Pair room"
        if encrypted:
            body["initial_state"] = [
                {"type": "m.room.encryption", "state_key": "", "content": {"algorithm": "m.megolm.v1.aes-sha2"}}]
        status, answer = self.call("POST", "/_matrix/client/v3/createRoom", body)
        if status != 200:
            raise RuntimeError(f"createRoom: {status} {answer}")
        return answer["room_id"]

    def invite(self, room, user):
        status, answer = self.call("POST", f"/_matrix/client/v3/rooms/{q(room)}/invite", {"user_id": user})
        if status != 200:
            raise RuntimeError(f"invite: {status} {answer}")

    def join(self, room):
        status, answer = self.call("POST", f"/_matrix/client/v3/join/{q(room)}", {})
        if status != 200:
            raise RuntimeError(f"join: {status} {answer}")

    def send(self, room, content):
        txn = uuid.uuid4().hex
        status, answer = self.call(
            "PUT", f"/_matrix/client/v3/rooms/{q(room)}/send/m.room.message/{txn}", content)
        if status != 200:
            raise RuntimeError(f"send: {status} {answer}")
        return answer["event_id"]

    def send_encrypted(self, room):
        """An m.room.encrypted event as an E2E client would send it (the ciphertext is not real: nobody decrypts)."""
        txn = uuid.uuid4().hex
        content = {"algorithm": "m.megolm.v1.aes-sha2", "ciphertext": base64.b64encode(uuid.uuid4().bytes).decode(),
                   "device_id": "E2ETEST", "sender_key": "c2VuZGVyLWtleQ", "session_id": "c2Vzc2lvbg"}
        status, answer = self.call("PUT", f"/_matrix/client/v3/rooms/{q(room)}/send/m.room.encrypted/{txn}", content)
        if status != 200:
            raise RuntimeError(f"send encrypted: {status} {answer}")
        return answer["event_id"]

    def say(self, room, text):
        return self.send(room, {"msgtype": "m.text", "body": text})

    def timeline(self, room):
        """The room's events, oldest first (the last 500 are plenty for this test)."""
        status, answer = self.call("GET", f"/_matrix/client/v3/rooms/{q(room)}/messages?dir=b&limit=500")
        if status != 200:
            raise RuntimeError(f"messages: {status} {answer}")
        return list(reversed(answer.get("chunk", [])))

    def bot_messages_after(self, room, event_id):
        """The bot's m.room.message events after `event_id` (all of them when event_id is None)."""
        events = self.timeline(room)
        if event_id is not None:
            ids = [e.get("event_id") for e in events]
            if event_id not in ids:
                return []
            events = events[ids.index(event_id) + 1:]
        return [e for e in events if e.get("sender") == BOT and e.get("type") == "m.room.message"]

    def wait_for_reply(self, room, after, wanted, deadline=REPLY_DEADLINE):
        """Polls until the bot's messages after `after` contain every string of `wanted` (in one text or
        across them). Returns (satisfied, messages)."""
        end = time.monotonic() + deadline
        messages = []
        while True:
            messages = self.bot_messages_after(room, after)
            text = "\n".join(m.get("content", {}).get("body", "") for m in messages)
            if messages and all(w in text for w in wanted):
                return True, messages
            if time.monotonic() >= end:
                return False, messages
            time.sleep(0.2)


def bodies(messages):
    return " | ".join(repr(m.get("content", {}).get("body", "")) for m in messages) or "(no reply)"


def expect_reply(alice, room, after, wanted, name):
    ok, messages = alice.wait_for_reply(room, after, wanted)
    check(name, ok, f"expected {wanted} within {REPLY_DEADLINE:.0f} s, bot said: {bodies(messages)}")
    return messages


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--hs", required=True, help="Synapse base URL")
    parser.add_argument("--tandem", required=True, help="Tandem base URL")
    parser.add_argument("--config", required=True, help="Tandem's JSON config (tokens)")
    parser.add_argument("--db", required=True, help="Tandem's SQLite file")
    parser.add_argument("--hs-config", required=True, help="homeserver.yaml (for register_new_matrix_user)")
    parser.add_argument("--register", required=True, help="path of register_new_matrix_user")
    parser.add_argument("--counts", required=True, help="file to write 'PASSED FAILED' to")
    parser.add_argument("--password", default="alice-" + uuid.uuid4().hex, help="alice's password")
    parser.add_argument("--state", help="file to write the rooms alice made to (JSON), for the next driver")
    args = parser.parse_args()
    check.to_the_end("driver ran to the end", run, args)
    check.write_counts(args.counts, "w")


def run(args):
    with open(args.config) as handle:
        matrix = json.load(handle)["matrix"]
    hs_token, as_token = matrix["hs_token"], matrix["as_token"]

    # --- alice, a real user ------------------------------------------------------------------------------------
    password = args.password
    registered = subprocess.run(
        [args.register, "-c", args.hs_config, "-u", "alice", "-p", password, "--no-admin", args.hs],
        capture_output=True, text=True, timeout=60)
    if not check("register_new_matrix_user alice", registered.returncode == 0,
                 registered.stdout + registered.stderr):
        return
    status, login = http("POST", args.hs + "/_matrix/client/v3/login", {
        "type": "m.login.password", "identifier": {"type": "m.id.user", "user": "alice"}, "password": password})
    if not check("alice logs in", status == 200 and "access_token" in (login or {}), f"{status} {login}"):
        return
    alice = Alice(args.hs, login["access_token"])

    # --- the homeserver reaches Tandem: appservice ping -------------------------------------------------------
    status, ping = http("POST", args.hs + "/_matrix/client/v1/appservice/tandem/ping", {}, as_token)
    check("homeserver pings Tandem (POST /_matrix/client/v1/appservice/tandem/ping)",
          status == 200 and isinstance(ping, dict) and "duration_ms" in ping, f"{status} {ping}")

    # --- a direct chat: invite → join → welcome ---------------------------------------------------------------
    dm = alice.create_room(direct=True)
    messages = expect_reply(alice, dm, None, ["I'm Tandem"], "bot joins the direct chat and sends its welcome")
    joined = any(e.get("type") == "m.room.member" and e.get("state_key") == BOT
                 and e.get("content", {}).get("membership") == "join" for e in alice.timeline(dm))
    check("bot's join is in the room", joined, "no m.room.member join for the bot")
    check("welcome is an m.notice", bool(messages) and messages[0]["content"].get("msgtype") == "m.notice",
          bodies(messages))
    check("exactly one welcome", len([m for m in messages if "I'm Tandem" in m["content"].get("body", "")]) == 1,
          bodies(messages))

    # --- logging a meeting in one message -----------------------------------------------------------------------
    sent = alice.say(dm, "log yesterday 45 min topics: visa rules")
    messages = expect_reply(alice, dm, sent, ["Got it", "What time did you start?"],
                            "'log yesterday 45 min topics: visa rules' → summary and start-time question")
    text = "\n".join(m["content"].get("body", "") for m in messages)
    check("summary has the duration and topics", "• Duration: 45 min" in text and "• Topics: visa rules" in text,
          bodies(messages))
    sent = alice.say(dm, "skip")
    expect_reply(alice, dm, sent, ["What next steps"], "'skip' → next-steps question")
    sent = alice.say(dm, "skip")
    expect_reply(alice, dm, sent, ["Save this meeting to your log?", "(yes / no)"], "'skip' → confirmation")
    sent = alice.say(dm, "yes")
    expect_reply(alice, dm, sent, ["Saved to your mentoring log", "Meetings logged so far: 1"],
                 "'yes' → saved to the mentoring log")
    sent = alice.say(dm, "my log")
    expect_reply(alice, dm, sent, ["1 meeting,", "(45 min): visa rules"], "'my log' lists the meeting")
    rows = query(args.db, "SELECT duration_minutes, topics FROM log_entries")
    check("log_entries has the meeting", len(rows) == 1 and rows[0][0] == 45 and "visa rules" in str(rows[0][1]),
          repr(rows))

    # --- an image: uploaded to the homeserver, fetched and stored by Tandem -------------------------------------
    status, upload = http("POST", args.hs + "/_matrix/media/v3/upload?filename=receipt.jpg", JPEG,
                          alice.token, content_type="image/jpeg")
    if check("upload the JPEG", status == 200 and "content_uri" in (upload or {}), f"{status} {upload}"):
        sent = alice.send(dm, {"msgtype": "m.image", "body": "receipt.jpg", "url": upload["content_uri"],
                               "info": {"mimetype": "image/jpeg", "size": len(JPEG), "w": 8, "h": 8}})
        ok, messages = alice.wait_for_reply(dm, sent, [])
        check("bot answers the image", ok, "no reply within the deadline")
        rows = query(args.db, "SELECT sha256, size, media_type, bytes FROM attachments")
        expected = hashlib.sha256(JPEG).hexdigest()
        check("attachments has one row with the image's SHA-256",
              len(rows) == 1 and rows[0][0] == expected, f"expected {expected}, rows: {[r[:3] for r in rows]}")
        check("stored bytes, size and type are the upload's",
              len(rows) == 1 and bytes(rows[0][3]) == JPEG and rows[0][1] == len(JPEG) and rows[0][2] == "image/jpeg",
              repr([r[:3] for r in rows]))

    # --- a PNG sent as "receipt.pdf" with info.mimetype application/pdf: its type comes from its bytes ---------------
    png = bytes.fromhex("89504e470d0a1a0a0000000d49484452") + b"a png claiming to be a pdf"
    status, upload = http("POST", args.hs + "/_matrix/media/v3/upload?filename=receipt.pdf", png,
                          alice.token, content_type="application/pdf")
    if check("upload a PNG labelled application/pdf", status == 200 and "content_uri" in (upload or {}),
             f"{status} {upload}"):
        sent = alice.send(dm, {"msgtype": "m.file", "body": "receipt.pdf", "url": upload["content_uri"],
                               "info": {"mimetype": "application/pdf", "size": len(png)}})
        ok, _ = alice.wait_for_reply(dm, sent, [])
        check("bot answers the file", ok, "no reply within the deadline")
        rows = query(args.db, "SELECT media_type, size FROM attachments WHERE sha256 = ?",
                        (hashlib.sha256(png).hexdigest(),))
        check("stored as image/png (read from its bytes), not as the label's application/pdf",
              rows == [("image/png", len(png))], repr(rows))

    # --- every message the bot wrote is a notice with HTML ------------------------------------------------------
    notices = alice.bot_messages_after(dm, None)
    bad = [m for m in notices if m["content"].get("msgtype") != "m.notice"
           or m["content"].get("format") != "org.matrix.custom.html" or "formatted_body" not in m["content"]]
    check("every bot message is an m.notice with formatted_body", notices and not bad, bodies(bad))

    # --- Tandem's appservice endpoint, directly ------------------------------------------------------------------
    tandem = args.tandem
    marker = uuid.uuid4().hex
    txn_path = f"/_matrix/app/v1/transactions/e2e-repeat-{marker}"
    event_id = f"$e2e-repeat-{marker}"
    body = {"events": [{
        "type": "m.room.message", "event_id": event_id, "sender": "@alice:localhost", "room_id": dm,
        "origin_server_ts": int(time.time() * 1000), "content": {"msgtype": "m.text", "body": "help"}}]}

    def outbox_rows():
        return query(args.db, "SELECT COUNT(*) FROM outbox")[0][0]

    def inbound_rows():
        return query(args.db, "SELECT COUNT(*) FROM inbound_messages WHERE external_id = ?", (event_id,))[0][0]

    before = outbox_rows()
    first = http("PUT", tandem + txn_path, body, hs_token)
    check("transaction answered 200 {}", first == (200, {}), repr(first))
    after_first = outbox_rows()
    check("transaction stored the event once", inbound_rows() == 1, f"{inbound_rows()} rows")
    check("transaction queued replies", after_first > before, f"outbox {before} → {after_first}")
    second = http("PUT", tandem + txn_path, body, hs_token)
    check("repeated transaction answered 200 {}", second == (200, {}), repr(second))
    check("repeated transaction stored nothing new", inbound_rows() == 1, f"{inbound_rows()} rows")
    check("repeated transaction queued no replies", outbox_rows() == after_first,
          f"outbox {after_first} → {outbox_rows()}")
    # The same event in a new transaction (a homeserver may do that after its own crash) is also stored once.
    third = http("PUT", tandem + txn_path + "-again", body, hs_token)
    check("same event in another transaction: 200, nothing new",
          third == (200, {}) and inbound_rows() == 1 and outbox_rows() == after_first,
          f"{third}, inbound {inbound_rows()}, outbox {after_first} → {outbox_rows()}")

    status, answer = http("PUT", tandem + f"/_matrix/app/v1/transactions/e2e-bad-{marker}", body, "wrong-token")
    check("wrong hs_token → 403 M_FORBIDDEN",
          status == 403 and isinstance(answer, dict) and answer.get("errcode") == "M_FORBIDDEN", f"{status} {answer}")
    status, answer = http("PUT", tandem + f"/_matrix/app/v1/transactions/e2e-none-{marker}", body)
    check("no token → 401", status == 401, f"{status} {answer}")
    status, answer = http("PUT", tandem + f"/_matrix/app/v1/transactions/e2e-json-{marker}", b"{not json",
                          hs_token)
    check("malformed JSON → 400 M_NOT_JSON",
          status == 400 and isinstance(answer, dict) and answer.get("errcode") == "M_NOT_JSON", f"{status} {answer}")
    status, answer = http("PUT", tandem + f"/_matrix/app/v1/transactions/e2e-query-{marker}?access_token="
                          + q(hs_token), {"events": []})
    check("legacy ?access_token= query is accepted", (status, answer) == (200, {}), f"{status} {answer}")
    status, answer = http("PUT", tandem + f"/_matrix/app/v1/transactions/e2e-both-{marker}?access_token=wrong",
                          {"events": []}, hs_token)
    check("header and query token that disagree → 403", status == 403, f"{status} {answer}")
    status, answer = http("GET", tandem + f"/_matrix/app/v1/transactions/e2e-get-{marker}", token=hs_token)
    check("wrong method → 405 M_UNRECOGNIZED",
          status == 405 and isinstance(answer, dict) and answer.get("errcode") == "M_UNRECOGNIZED", f"{status} {answer}")
    status, answer = http("GET", tandem + "/_matrix/app/v1/nothing-here", token=hs_token)
    check("unknown path → 404 M_UNRECOGNIZED",
          status == 404 and isinstance(answer, dict) and answer.get("errcode") == "M_UNRECOGNIZED", f"{status} {answer}")
    status, answer = http("GET", tandem + "/_matrix/app/v1/users/" + q("@someone:localhost"), token=hs_token)
    check("user query for a user Tandem does not own → 404", status == 404, f"{status} {answer}")
    check("refused transactions stored nothing",
          query(args.db, "SELECT COUNT(*) FROM matrix_transactions WHERE txn_id IN (?, ?, ?, ?, ?)",
                   (f"e2e-bad-{marker}", f"e2e-none-{marker}", f"e2e-json-{marker}", f"e2e-both-{marker}",
                    f"e2e-get-{marker}"))[0][0] == 0)
    status, answer = http("GET", tandem + "/healthz", raw=True)
    check("GET /healthz → 200", status == 200, f"{status} {answer}")
    status, answer = http("GET", tandem + "/metrics", raw=True)
    check("GET /metrics has tandem_http_requests_total",
          status == 200 and "tandem_http_requests_total" in answer, f"{status} {answer[:300]}")

    # --- an encrypted direct chat: the bot cannot read it and says so, once ---------------------------------------
    # Synapse puts the room's m.room.encryption into the invite's unsigned.invite_room_state, so the bot can know
    # before anyone writes.
    secret = alice.create_room(direct=True, encrypted=True)
    expect_reply(alice, secret, None, ["end-to-end encrypted"],
                 "invited into an encrypted room, the bot says it cannot read it (before anyone writes)")
    alice.send_encrypted(secret)
    alice.send_encrypted(secret)
    sentinel = alice.say(secret, "help")  # unencrypted: answered after anything the encrypted events caused
    expect_reply(alice, secret, sentinel, ["You can say"], "encrypted room: a plain-text message is still answered")
    warnings = [m for m in alice.bot_messages_after(secret, None)
                if "end-to-end encrypted" in m["content"].get("body", "")]
    check("encrypted room: the explanation is given exactly once", len(warnings) == 1,
          f"{len(warnings)} explanations: {bodies(alice.bot_messages_after(secret, None))}")

    # --- a group room (alice, bob and the bot): only messages addressed to the bot are answered -----------------
    bob_password = "bob-" + uuid.uuid4().hex
    registered = subprocess.run(
        [args.register, "-c", args.hs_config, "-u", "bob", "-p", bob_password, "--no-admin", args.hs],
        capture_output=True, text=True, timeout=60)
    check("register_new_matrix_user bob", registered.returncode == 0, registered.stdout + registered.stderr)
    status, login = http("POST", args.hs + "/_matrix/client/v3/login", {
        "type": "m.login.password", "identifier": {"type": "m.id.user", "user": "bob"}, "password": bob_password})
    bob = Alice(args.hs, login["access_token"])
    group = alice.create_room(direct=False)
    alice.invite(group, "@bob:localhost")
    bob.join(group)
    if args.state:
        with open(args.state, "w") as state:
            json.dump({"dm": dm, "group": group, "encrypted": secret, "bob_password": bob_password}, state)
    expect_reply(alice, group, None, ["Hello, pair!"], "bot joins the group room with the group welcome")
    plain = alice.say(group, "hello everyone, shall we meet on Tuesday?")
    addressed = alice.say(group, "!tandem help")
    messages = expect_reply(alice, group, addressed, ["You can say"], "'!tandem help' in the group room is answered")
    # Replies leave in the order they were queued, so an answer to the plain message would come first.
    after_plain = alice.bot_messages_after(group, plain)
    check("a group message without !tandem gets no reply",
          after_plain and "You can say" in after_plain[0]["content"].get("body", "")
          and len(after_plain) == len(messages), bodies(after_plain))

    # --- an agenda: its calendar file is uploaded by the bot and sent as an m.file -----------------------------
    first = (datetime.date.today() + datetime.timedelta(days=7)).isoformat()
    sent = alice.say(dm, f"agenda sessions: 2 frequency: weekly first: {first} time: 14:00 topics: visa rules")
    expect_reply(alice, dm, sent, ["Anything else to add"], "'agenda …' in one message → the notes question")
    sent = alice.say(dm, "skip")
    expect_reply(alice, dm, sent, ["Save this agenda for your pair?"], "'skip' → the agenda confirmation")
    sent = alice.say(dm, "yes")
    expect_reply(alice, dm, sent, ["Your agenda is saved", "Open the attached mentoring-sessions.ics"],
                 "'yes' → agenda saved, the text names the calendar file")
    end = time.monotonic() + REPLY_DEADLINE
    files = []
    while not files and time.monotonic() < end:
        files = [m for m in alice.bot_messages_after(dm, sent) if m["content"].get("msgtype") == "m.file"]
        time.sleep(0.2)
    content = files[0]["content"] if files else {}
    check("the calendar file arrives as one m.file named mentoring-sessions.ics, text/calendar",
          len(files) == 1 and content.get("body") == "mentoring-sessions.ics"
          and content.get("info", {}).get("mimetype") == "text/calendar", bodies(files))
    url = content.get("url", "")
    if check("its url is an mxc:// URI of this homeserver", url.startswith("mxc://localhost/"), repr(content)):
        status, data = http("GET", args.hs + "/_matrix/client/v1/media/download/localhost/" + q(url.split("/")[-1]),
                            token=alice.token, raw=True)
        stored = query(args.db, "SELECT bytes FROM outbox_attachments WHERE content_uri = ?", (url,))
        check("alice downloads the calendar Tandem uploaded (BEGIN:VCALENDAR, METHOD:PUBLISH, the same bytes)",
              status == 200 and data.startswith("BEGIN:VCALENDAR\r\n") and "METHOD:PUBLISH\r\n" in data
              and len(stored) == 1 and bytes(stored[0][0]).decode() == data, f"{status} {data[:200]!r}")


if __name__ == "__main__":
    main()
    sys.exit(0)
