#!/usr/bin/env python3
"""A fake Matrix homeserver (client-server side only) for Tests/e2e/matrix_crash_delivery.sh and
Tests/e2e/calendar_matrix.sh. Standard library only.

It answers what Tandem's outbox worker calls and records every call, one JSON object per line, in --log:
  PUT  /_matrix/client/v3/rooms/{roomId}/send/m.room.message/{txnId} → {"event_id": ...}
  POST /_matrix/client/v3/join/{roomIdOrAlias}                      → {"room_id": ...}
  POST /_matrix/media/v3/upload?filename=…&user_id=…                 → {"content_uri": "mxc://localhost/mN"}
  GET  /_matrix/client/v3/rooms/{roomId}/members                    → 404 M_NOT_FOUND (it does not know who is
       in a room: Tandem then goes by the invite), unless CONTROL/members.json maps the room to its joined users
  POST /_matrix/client/v3/createRoom                                → {"room_id": "!dmN:localhost"} (a direct chat
       Tandem opens; recorded with whom it invites)
  PUT  /_matrix/client/v3/user/{userId}/account_data/m.direct       → {}
Like a real homeserver it de-duplicates sends by txnId: a repeated txnId is answered with the first event id and
recorded with status "duplicate" (a repeat with another room or body is recorded as "conflict"). An upload's bytes
are stored in CONTROL/media/mN and its record names that file ("path"), its size, content type and user_id.

Being down is simulated with 503 M_UNKNOWN answers (recorded with status "refused"):
  - while the file CONTROL/down exists, or
  - for the first --down-seconds (or $FAKE_HS_DOWN_SECONDS) seconds after start.
While the file CONTROL/hang_next_send exists, the next new send is accepted and recorded (with "hung": true), the
file is removed, and the answer is held back for --hang-seconds — so a client killed meanwhile never learns that its
message was accepted, and will send it again.

It listens on 127.0.0.1 on a free port and writes that port to --port-file once it is ready.
"""
import argparse
import json
import os
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

SEND_PREFIX = ["_matrix", "client", "v3", "rooms"]
JOIN_PREFIX = ["_matrix", "client", "v3", "join"]
UPLOAD_PATH = ["_matrix", "media", "v3", "upload"]


class State:
    def __init__(self, args):
        self.args = args
        self.lock = threading.Lock()
        self.seq = 0
        self.sent = {}  # txnId → (room, body, event_id)
        self.uploads = 0
        self.rooms = 0
        self.started = time.monotonic()
        self.down_seconds = args.down_seconds
        self.log = open(args.log, "a", buffering=1)

    def record(self, entry):
        """Appends one record (under the lock, with a sequence number) and returns it."""
        with self.lock:
            self.seq += 1
            entry = {"seq": self.seq, "time": time.time(), **entry}
            self.log.write(json.dumps(entry, sort_keys=True) + "\n")
            self.log.flush()
            return entry

    def is_down(self):
        if os.path.exists(os.path.join(self.args.control, "down")):
            return True
        return time.monotonic() - self.started < self.down_seconds


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "FakeHomeserver/1"

    def log_message(self, format, *args):  # quiet: everything worth knowing is in the JSON-lines log
        pass

    @property
    def state(self):
        return self.server.state

    def answer(self, status, payload, headers=()):
        data = json.dumps(payload).encode()
        try:
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            for name, value in headers:
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(data)
            self.wfile.flush()
        except OSError:
            pass  # the client is gone (killed): nothing to answer

    def raw_body(self):
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def body(self):
        raw = self.raw_body()
        try:
            return json.loads(raw) if raw else {}
        except ValueError:
            return None

    def segments(self):
        path = urllib.parse.urlsplit(self.path).path
        return [urllib.parse.unquote(part) for part in path.strip("/").split("/")]

    def auth(self):
        header = self.headers.get("Authorization", "")
        return header[len("Bearer "):] if header.startswith("Bearer ") else None

    def do_PUT(self):
        parts = self.segments()
        if len(parts) == 8 and parts[:4] == SEND_PREFIX and parts[5:7] == ["send", "m.room.message"]:
            return self.send_message(parts[4], parts[7])
        if len(parts) == 7 and parts[:4] == ["_matrix", "client", "v3", "user"] and parts[5:] == ["account_data",
                                                                                                   "m.direct"]:
            entry = {"kind": "m.direct", "user": parts[4], "content": self.body()}
            if self.state.is_down():
                return self.refuse(entry)
            self.state.record({**entry, "status": "stored"})
            return self.answer(200, {})
        self.other()

    def do_POST(self):
        parts = self.segments()
        if len(parts) == 5 and parts[:4] == JOIN_PREFIX:
            return self.join(parts[4])
        if parts == UPLOAD_PATH:
            return self.upload()
        if parts == ["_matrix", "client", "v3", "createRoom"]:
            return self.create_room()
        self.other()

    def create_room(self):
        body = self.body() or {}
        entry = {"kind": "create_room", "invite": body.get("invite"), "is_direct": body.get("is_direct")}
        if self.state.is_down():
            return self.refuse(entry)
        with self.state.lock:
            self.state.rooms += 1
            room = f"!dm{self.state.rooms}:localhost"
        self.state.record({**entry, "room": room, "status": "created"})
        self.answer(200, {"room_id": room})

    def do_GET(self):
        parts = self.segments()
        if len(parts) == 6 and parts[:4] == SEND_PREFIX and parts[5] == "members":
            return self.members(parts[4])
        self.other()

    def members(self, room):
        entry = {"kind": "members", "room": room, "token": self.auth()}
        if self.state.is_down():
            return self.refuse(entry)
        try:
            with open(os.path.join(self.state.args.control, "members.json")) as handle:
                members = json.load(handle).get(room)
        except (OSError, ValueError):
            members = None
        if members is None:
            self.state.record({**entry, "status": "unknown"})
            return self.answer(404, {"errcode": "M_NOT_FOUND", "error": "Unknown room"})
        self.state.record({**entry, "status": "listed"})
        self.answer(200, {"chunk": [{"type": "m.room.member", "state_key": user, "content": {"membership": "join"}}
                                    for user in members]})

    def other(self):
        self.body()
        self.state.record({"kind": "other", "method": self.command, "path": self.path, "status": "unrecognized"})
        self.answer(404, {"errcode": "M_UNRECOGNIZED", "error": "Unrecognized request"})

    def refuse(self, entry):
        self.state.record({**entry, "status": "refused"})
        self.answer(503, {"errcode": "M_UNKNOWN", "error": "The fake homeserver is down"})

    def join(self, room):
        self.body()
        entry = {"kind": "join", "room": room, "token": self.auth()}
        if self.state.is_down():
            return self.refuse(entry)
        self.state.record({**entry, "status": "joined"})
        self.answer(200, {"room_id": room})

    def upload(self):
        data = self.raw_body()
        query = urllib.parse.parse_qs(urllib.parse.urlsplit(self.path).query)
        entry = {"kind": "upload", "token": self.auth(), "filename": query.get("filename", [None])[0],
                 "user_id": query.get("user_id", [None])[0], "content_type": self.headers.get("Content-Type"),
                 "size": len(data)}
        if self.state.is_down():
            return self.refuse(entry)
        with self.state.lock:
            self.state.uploads += 1
            media_id = f"m{self.state.uploads}"
        folder = os.path.join(self.state.args.control, "media")
        os.makedirs(folder, exist_ok=True)
        path = os.path.join(folder, media_id)
        with open(path, "wb") as handle:
            handle.write(data)
        uri = f"mxc://localhost/{media_id}"
        self.state.record({**entry, "status": "uploaded", "content_uri": uri, "path": path})
        self.answer(200, {"content_uri": uri})

    def send_message(self, room, txn):
        content = self.body()
        if content is None:
            return self.answer(400, {"errcode": "M_NOT_JSON", "error": "Content not JSON."})
        entry = {"kind": "send", "room": room, "txn": txn, "token": self.auth(),
                 "msgtype": content.get("msgtype"), "body": content.get("body")}
        if content.get("msgtype") == "m.file":
            entry.update(url=content.get("url"), info=content.get("info"))
        if self.state.is_down():
            return self.refuse(entry)
        hang = False
        with self.state.lock:  # decide atomically whether this txnId is new
            previous = self.state.sent.get(txn)
            if previous is None:
                event_id = f"$fake-{len(self.state.sent) + 1}"
                self.state.sent[txn] = (room, entry["body"], event_id)
                flag = os.path.join(self.state.args.control, "hang_next_send")
                if os.path.exists(flag):
                    os.remove(flag)
                    hang = True
        if previous is None:
            self.state.record({**entry, "status": "accepted", "event_id": event_id, "hung": hang})
            if hang:
                time.sleep(self.state.args.hang_seconds)
            return self.answer(200, {"event_id": event_id})
        same = previous[0] == room and previous[1] == entry["body"]
        self.state.record({**entry, "status": "duplicate" if same else "conflict", "event_id": previous[2]})
        self.answer(200, {"event_id": previous[2]})


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--log", required=True, help="JSON-lines file of every call")
    parser.add_argument("--control", required=True, help="directory of flag files (down, hang_next_send)")
    parser.add_argument("--port-file", required=True, help="written with the port once listening")
    parser.add_argument("--down-seconds", type=float, default=float(os.environ.get("FAKE_HS_DOWN_SECONDS", "0")))
    parser.add_argument("--hang-seconds", type=float, default=60.0)
    args = parser.parse_args()
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    server.state = State(args)
    temporary = args.port_file + ".tmp"
    with open(temporary, "w") as handle:
        handle.write(f"{server.server_address[1]}\n")
    os.replace(temporary, args.port_file)
    try:
        server.serve_forever(poll_interval=0.1)
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
