"""Shared by the e2e drivers (standard library only): Tandem's SQLite file read while it serves, the fake
homeserver's log (Tests/e2e/support/fake_homeserver.py --log), polling with a deadline, the bot's Matrix id."""
import hashlib
import json
import sqlite3
import time

BOT = "@tandem:localhost"


def query(db, sql, params=()):
    """All rows of `sql` in the SQLite file `db`."""
    connection = sqlite3.connect(db, timeout=10)
    try:
        return connection.execute(sql, params).fetchall()
    finally:
        connection.close()


def first_value(db, sql, params=()):
    """The first column of the first row of `sql` in the SQLite file `db`."""
    return query(db, sql, params)[0][0]


def txn_id(row_id, address, body):
    """The txnId Tandem sends an outbox row's message under: its id and a digest of its address and text (an id
    used again after a restore, for another reply, is another transaction)."""
    digest = hashlib.sha256(f"{address}\n{body}".encode()).hexdigest()[:12]
    return f"tandem-{row_id}-{digest}"


def hs_records(path):
    """Every request the fake homeserver logged to `path` (one JSON object a line); none before it logged any. A
    last line without its newline is still being written: it is left for the next read."""
    try:
        with open(path) as handle:
            return [json.loads(line) for line in handle if line.endswith("\n") and line.strip()]
    except FileNotFoundError:
        return []


def wait_until(predicate, deadline=30.0, interval=0.1):
    """Polls `predicate` until it returns a truthy value or `deadline` seconds (default 30) pass; returns its
    last value."""
    end = time.monotonic() + deadline
    while True:
        value = predicate()
        if value or time.monotonic() >= end:
            return value
        time.sleep(interval)
