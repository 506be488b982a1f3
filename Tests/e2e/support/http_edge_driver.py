#!/usr/bin/env python3
"""The attacks of Tests/e2e/http_edge.sh, against `tandem serve` on 127.0.0.1, as raw socket bytes (standard library
only): half-sent requests from many loopback addresses, heads without credentials, huge unauthenticated bodies
(the process's RSS watched), a flood of slow connections from one address, Mailgun posts with an overflowing
timestamp and replayed tokens.

  http_edge_driver.py --port PORT --pid PID --db FILE --config FILE --counts FILE --replay-file FILE

Writes a signed Mailgun post that was already used to --replay-file, for the script to replay after a restart.
"""
import argparse
import hashlib
import hmac
import json
import socket
import sqlite3
import sys
import threading
import time
import urllib.parse

sys.path.insert(0, __file__.rsplit("/", 1)[0])
from checks import Checks  # noqa: E402

check = Checks(detail_limit=400)
args = None
config = None


def connect(source="127.0.0.1", timeout=10):
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.settimeout(timeout)
    sock.bind((source, 0))
    sock.connect(("127.0.0.1", args.port))
    return sock


def status_within(sock, seconds):
    """The status code of the first response line if one arrives within `seconds`, else None."""
    sock.settimeout(seconds)
    data = b""
    try:
        while b"\r\n" not in data:
            chunk = sock.recv(4096)
            if not chunk:
                break
            data += chunk
    except (socket.timeout, ConnectionResetError):
        pass
    try:
        return int(data.split(b" ", 2)[1]) if data.startswith(b"HTTP/1.1 ") else None
    except (IndexError, ValueError):
        return None


def is_open(sock):
    """Whether the server still holds the connection (nothing to read, no close)."""
    sock.settimeout(0.001)
    try:
        sock.recv(1, socket.MSG_PEEK)
        return False  # an answer or the close arrived
    except socket.timeout:
        return True
    except OSError:
        return False


def request(method, path, body=b"", headers=None, source="127.0.0.1", timeout=10):
    """Sends the head, then — unless the server answers within 0.3 s, as it does when it refuses a head — the body;
    returns the response's status."""
    sock = connect(source, timeout)
    head = f"{method} {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: {len(body)}\r\n"
    for name, value in (headers or {}).items():
        head += f"{name}: {value}\r\n"
    sock.sendall(head.encode() + b"\r\n")
    status = status_within(sock, 0.3) if body else None
    if status is None:
        try:
            sock.sendall(body)
        except OSError:
            pass  # answered and closed meanwhile: the answer may still be readable
        status = status_within(sock, timeout)
    sock.close()
    return status


def blind_post(path, body, headers):
    """Sends head and body in one go, as a client that never looks for an early answer; returns the status if the
    answer survived the server closing on the rest of the body, else None."""
    sock = connect()
    head = f"POST {path} HTTP/1.1\r\nHost: x\r\nContent-Length: {len(body)}\r\n"
    head += "".join(f"{name}: {value}\r\n" for name, value in headers.items())
    try:
        sock.sendall(head.encode() + b"\r\n" + body)
    except OSError:
        pass
    status = status_within(sock, 5)
    sock.close()
    return status


def healthz(source="127.0.0.1"):
    started = time.monotonic()
    status = request("GET", "/healthz", source=source, timeout=5)
    return status, time.monotonic() - started


def rss_mb():
    with open(f"/proc/{args.pid}/status") as handle:
        return next(int(line.split()[1]) for line in handle if line.startswith("VmRSS:")) // 1024


def alive():
    try:
        with open(f"/proc/{args.pid}/status"):
            return True
    except OSError:
        return False


def stored_mails():
    with sqlite3.connect(args.db, timeout=10) as db:
        return db.execute("SELECT COUNT(*) FROM email_inbound").fetchone()[0]


def mailgun_form(timestamp, token, message):
    key = config["email"]["mailgun_signing_key"].encode()
    signature = hmac.new(key, (timestamp + token).encode(), hashlib.sha256).hexdigest()
    return urllib.parse.urlencode({"timestamp": timestamp, "token": token, "signature": signature,
                                   "body-mime": message}).encode()


def mail(message_id, text):
    return (f"From: Carla <carla@example.org>\r\nTo: tandem@example.org\r\nSubject: Hi\r\n"
            f"Message-ID: <{message_id}>\r\nDate: {time.strftime('%a, %d %b %Y %H:%M:%S +0000', time.gmtime())}\r\n"
            f"Content-Type: text/plain; charset=utf-8\r\n\r\n{text}\r\n")


FORM = {"Content-Type": "application/x-www-form-urlencoded"}


# --- the attacks ----------------------------------------------------------------------------------------------------

def slow_clients():
    rss_before = rss_mb()
    starts = [
        b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: ",
        (f"PUT /_matrix/app/v1/transactions/slow HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
         f"{config['matrix']['hs_token']}\r\nContent-Length: 1000\r\n\r\n{{\"events\":").encode(),
        b"POST /hooks/email/mailgun/mime HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
        b"Content-Length: 1000\r\n\r\ntimestamp=1",
    ]
    held = []
    for index in range(500):
        sock = connect(f"127.0.0.{10 + index % 25}")
        sock.sendall(starts[index % 3])
        held.append(sock)
    probes = [healthz() for _ in range(20)]
    check(f"500 half-sent requests open (25 addresses): 20 GET /healthz all 200, slowest "
          f"{max(t for _, t in probes) * 1000:.0f} ms", all(s == 200 for s, _ in probes), probes)
    still = sum(is_open(sock) for sock in held)
    check(f"…and the server still holds all 500 ({still})", still == 500, still)
    check(f"RSS with 500 half-sent requests: {rss_mb()} MB (before {rss_before} MB)", rss_mb() < rss_before + 64,
          rss_mb())
    for sock in held:
        sock.close()


def heads_without_credentials():
    cases = [
        ("appservice, no token", "PUT /_matrix/app/v1/transactions/a HTTP/1.1\r\nHost: x\r\n"
                                 "Content-Length: 15000000\r\n\r\n", 401),
        ("appservice, wrong token", "PUT /_matrix/app/v1/transactions/a HTTP/1.1\r\nHost: x\r\n"
                                    "Authorization: Bearer wrong\r\nContent-Length: 15000000\r\n\r\n", 403),
        ("appservice, wrong token, over the route's 16 MiB", "PUT /_matrix/app/v1/transactions/a HTTP/1.1\r\n"
         "Host: x\r\nAuthorization: Bearer wrong\r\nContent-Length: 50000000\r\n\r\n", 413),
        ("raw email, wrong secret", "POST /hooks/email HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer wrong\r\n"
                                    "Content-Length: 20000000\r\n\r\n", 401),
        ("Mailgun route, not a form", "POST /hooks/email/mailgun/mime HTTP/1.1\r\nHost: x\r\n"
                                      "Content-Type: text/plain\r\nContent-Length: 50000000\r\n\r\n", 400),
        ("/healthz with a body", "POST /healthz HTTP/1.1\r\nHost: x\r\nContent-Length: 1000000\r\n\r\n", 413),
    ]
    for name, head, expected in cases:
        sock = connect()
        sock.sendall(head.encode())
        status = status_within(sock, 2)
        sock.close()
        check(f"{name}: {expected} from the head alone (no body sent)", status == expected, status)
    rss_before = rss_mb()
    payload = b"x" * (20 * 1000 * 1000)
    statuses = [blind_post("/hooks/email", payload, {"Authorization": "Bearer wrong"}) for _ in range(4)]
    check(f"four 20 MB bodies sent blindly with a wrong secret: answers {statuses} (None: reset before it was read), "
          f"RSS {rss_mb()} MB (before {rss_before} MB)", set(statuses) <= {401, None} and rss_mb() < rss_before + 16,
          (statuses, rss_mb()))


def huge_unauthenticated_bodies():
    rss_before = rss_mb()
    payload = b"body-mime=" + b"A" * (50 * 1000 * 1000)
    results = []
    peak = [rss_before]

    def post():
        results.append(request("POST", "/hooks/email/mailgun/mime", payload, FORM, timeout=120))

    def watch():
        while any(t.is_alive() for t in threads):
            peak[0] = max(peak[0], rss_mb())
            time.sleep(0.05)

    threads = [threading.Thread(target=post) for _ in range(4)]
    for thread in threads:
        thread.start()
    watcher = threading.Thread(target=watch)
    watcher.start()
    for thread in threads:
        thread.join()
    watcher.join()
    counts = {s: results.count(s) for s in set(results)}
    check(f"four concurrent unauthenticated 50 MB Mailgun posts: {counts} (401: read, no signature; 503: refused "
          f"before the body while another was read)", set(results) <= {401, 503} and 401 in results, counts)
    check(f"peak RSS during them {peak[0]} MB (before {rss_before} MB; the issue saw 44 → 378 MB)",
          peak[0] < rss_before + 200, peak[0])
    status, _ = healthz()
    check("/healthz still 200 afterwards", status == 200, status)


def one_address_flood():
    sockets = [connect("127.0.0.50") for _ in range(300)]
    time.sleep(1.2)
    refused = 0
    for sock in sockets:
        if status_within(sock, 0.01) == 429:
            refused += 1
    held = sum(is_open(sock) for sock in sockets)
    check(f"300 silent connections from one address: {held} held (limit 64), {refused} answered 429",
          held == 64 and refused == 236, (held, refused))
    status, _ = healthz("127.0.0.50")
    check("a request from that address is still served (its oldest silent connection makes room)", status == 200,
          status)
    for sock in sockets:
        sock.close()


def mailgun():
    for timestamp in ("-9223372036854775808", "9223372036854775807", "99999999999999999999999"):
        status = request("POST", "/hooks/email/mailgun/mime",
                         mailgun_form(timestamp, "t" * 50, mail("overflow@x", "hello")), FORM)
        check(f"a signed Mailgun post with timestamp={timestamp}: 401, the process alive", status == 401 and alive(),
              status)
    before = stored_mails()
    token = hashlib.sha256(str(time.time()).encode()).hexdigest()[:50]
    now = str(int(time.time()))
    status = request("POST", "/hooks/email/mailgun/mime", mailgun_form(now, token, mail(f"{token}@x", "help")), FORM)
    check("a signed Mailgun post: 200, stored", status == 200 and stored_mails() == before + 1, status)
    forged = mailgun_form(now, token, mail(f"forged-{token}@x", "forget me"))
    status = request("POST", "/hooks/email/mailgun/mime", forged, FORM)
    check("its timestamp, token and signature again with another message: 401, nothing stored",
          status == 401 and stored_mails() == before + 1, status)
    with open(args.replay_file, "wb") as handle:
        handle.write(forged)


def main():
    global args, config
    parser = argparse.ArgumentParser()
    for name in ("port", "pid"):
        parser.add_argument(f"--{name}", type=int, required=True)
    for name in ("db", "config", "counts", "replay-file"):
        parser.add_argument(f"--{name}", required=True)
    args = parser.parse_args()
    with open(args.config) as handle:
        config = json.load(handle)
    for group in (slow_clients, heads_without_credentials, huge_unauthenticated_bodies, one_address_flood, mailgun):
        print(f"== {group.__name__}", flush=True)
        check.to_the_end(group.__name__, group)  # a failed group is one failed assertion; the next one still runs
        status, _ = healthz()
        check(f"{group.__name__}: /healthz 200 afterwards, process alive", status == 200 and alive(), status)
    check.write_counts(args.counts)


if __name__ == "__main__":
    main()
