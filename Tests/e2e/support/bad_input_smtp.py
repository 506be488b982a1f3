#!/usr/bin/env python3
"""A minimal plain-SMTP sink for Tests/e2e/bad_input.sh (standard library only, no STARTTLS, loopback only).

Usage: bad_input_smtp.py DIR PORT-FILE — listens on 127.0.0.1 (a free port, written to PORT-FILE once ready) and
stores every message exactly as received (after dot-unstuffing) as DIR/NNNN.eml, with its envelope in
DIR/NNNN.json ({"mail_from": ..., "rcpt_to": [...]}). Runs until SIGTERM.
"""
import json
import os
import signal
import socketserver
import sys
import threading

counter_lock = threading.Lock()
counter = [0]


class Handler(socketserver.StreamRequestHandler):
    timeout = 60

    def send(self, line):
        self.wfile.write(line.encode() + b"\r\n")
        self.wfile.flush()

    def handle(self):
        self.send("220 127.0.0.1 bad-input sink ESMTP")
        mail_from, rcpt_to = None, []
        while True:
            line = self.rfile.readline(65536)
            if not line:
                return
            command = line.decode("latin-1").rstrip("\r\n")
            verb = command.split(" ", 1)[0].upper()
            if verb in ("EHLO", "HELO"):
                self.wfile.write(b"250-127.0.0.1\r\n250-8BITMIME\r\n250-SIZE 104857600\r\n250 SMTPUTF8\r\n")
                self.wfile.flush()
            elif verb == "MAIL":
                mail_from, rcpt_to = command[10:].strip(), []
                self.send("250 OK")
            elif verb == "RCPT":
                rcpt_to.append(command[8:].strip())
                self.send("250 OK")
            elif verb == "DATA":
                self.send("354 go ahead")
                lines = []
                while True:
                    data = self.rfile.readline(1 << 20)
                    if not data or data == b".\r\n":
                        break
                    lines.append(data[1:] if data.startswith(b"..") else data)
                with counter_lock:
                    counter[0] += 1
                    number = counter[0]
                base = os.path.join(self.server.directory, f"{number:04d}")
                with open(base + ".json.tmp", "w") as handle:
                    json.dump({"mail_from": mail_from, "rcpt_to": rcpt_to}, handle)
                with open(base + ".eml.tmp", "wb") as handle:
                    handle.write(b"".join(lines))
                os.replace(base + ".json.tmp", base + ".json")
                os.replace(base + ".eml.tmp", base + ".eml")
                self.send("250 OK stored")
            elif verb == "RSET":
                mail_from, rcpt_to = None, []
                self.send("250 OK")
            elif verb == "NOOP":
                self.send("250 OK")
            elif verb == "QUIT":
                self.send("221 bye")
                return
            else:
                self.send("502 not implemented")


class Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True


def main():
    directory, port_file = sys.argv[1], sys.argv[2]
    os.makedirs(directory, exist_ok=True)
    server = Server(("127.0.0.1", 0), Handler)
    server.directory = directory
    signal.signal(signal.SIGTERM, lambda *_: threading.Thread(target=server.shutdown).start())
    with open(port_file + ".tmp", "w") as handle:
        handle.write(f"{server.server_address[1]}\n")
    os.replace(port_file + ".tmp", port_file)
    server.serve_forever(poll_interval=0.1)


if __name__ == "__main__":
    main()
