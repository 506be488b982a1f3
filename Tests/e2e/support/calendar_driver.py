#!/usr/bin/env python3
"""The Matrix side of Tests/e2e/calendar_matrix.sh (standard library only): Ana (mentee) and Ben (mentor) talk to
Tandem through appservice transactions; Ana saves an agenda and later says "calendar". Then the fake homeserver's
log must show, for each file: one upload with the as_token and the bot's user_id, and after the text an m.file
event in the right room whose url is the upload's mxc URI. The uploaded files are copied to --out (ana-saved.ics,
ben-saved.ics, ana-calendar.ics) for Tests/e2e/support/ics_check.py.

  calendar_driver.py --tandem URL --config FILE --db FILE --hs-log FILE --out DIR --first YYYY-MM-DD
"""
import argparse
import json
import shutil
import sys

from checks import Checks
from crash_driver import hs_records, invite, put_transaction, query, text, wait_until

BOT = "@tandem:localhost"
ANA, BEN = "@ana:localhost", "@ben:localhost"
ANA_ROOM, BEN_ROOM = "!cal-ana:localhost", "!cal-ben:localhost"

check = Checks(detail_limit=600)


def files_in(records, room):
    return [r for r in records if r["kind"] == "send" and r["status"] == "accepted" and r["room"] == room
            and r["msgtype"] == "m.file"]


def send(args, txn, *events):
    status, body = put_transaction(args.tandem, args.config, txn, list(events))
    check(f"transaction {txn} answered 200", status == 200, f"{status} {body}")


def verify_file(args, records, record, name, after_text):
    """The file event `record`: its upload, its place after the text, its info; copies the bytes to --out/name."""
    uploads = [r for r in records if r["kind"] == "upload" and r.get("content_uri") == record.get("url")]
    check(f"{name}: the m.file points at one upload", len(uploads) == 1, repr(record))
    if not uploads:
        return
    upload = uploads[0]
    with open(args.config) as handle:
        as_token = json.load(handle)["matrix"]["as_token"]
    check(f"{name}: uploaded with the as_token as the bot ({BOT})",
          upload["token"] == as_token and upload["user_id"] == BOT, repr(upload))
    check(f"{name}: uploaded as mentoring-sessions.ics, text/calendar",
          upload["filename"] == "mentoring-sessions.ics"
          and upload["content_type"] == "text/calendar; charset=utf-8; method=PUBLISH", repr(upload))
    info = record.get("info") or {}
    check(f"{name}: m.file body is the file name, info has its type and size",
          record["body"] == "mentoring-sessions.ics" and info.get("mimetype") == "text/calendar"
          and info.get("size") == upload["size"], repr(record))
    texts = [r for r in records if r["kind"] == "send" and r["status"] == "accepted" and r["room"] == record["room"]
             and r["msgtype"] == "m.notice" and after_text in (r["body"] or "") and r["seq"] < record["seq"]]
    check(f"{name}: sent after the text “{after_text}”", bool(texts), repr(record))
    shutil.copyfile(upload["path"], f"{args.out}/{name}")


def main():
    parser = argparse.ArgumentParser()
    for option in ("--tandem", "--config", "--db", "--hs-log", "--out", "--first"):
        parser.add_argument(option, required=True)
    args = parser.parse_args()
    check.to_the_end("the calendar conversation ran to the end", run, args)
    return 1 if check.failed else 0


def run(args):
    send(args, "cal-1", invite(ANA_ROOM, ANA, True), invite(BEN_ROOM, BEN, True))
    send(args, "cal-2", text(BEN_ROOM, BEN, "help"))
    agenda = f"agenda sessions: 3 frequency: weekly first: {args.first} time: 14:00 topics: visa rules"
    send(args, "cal-3", text(ANA_ROOM, ANA, agenda))
    send(args, "cal-4", text(ANA_ROOM, ANA, "skip"))
    send(args, "cal-5", text(ANA_ROOM, ANA, "yes"))
    saved = wait_until(
        lambda: files_in(hs_records(args.hs_log), ANA_ROOM) and files_in(hs_records(args.hs_log), BEN_ROOM))
    check("Ana and Ben each got the calendar file after the agenda was saved", bool(saved), "no m.file arrived")
    send(args, "cal-6", text(ANA_ROOM, ANA, "calendar"))
    again = wait_until(lambda: len(files_in(hs_records(args.hs_log), ANA_ROOM)) >= 2)
    check("Ana got the file again on “calendar”", bool(again), "no second m.file arrived")
    drained = wait_until(lambda: query(args.db, "SELECT COUNT(*) FROM outbox WHERE status != 'sent'")[0][0] == 0)
    check("every outbox row is sent", drained, repr(query(args.db, "SELECT id, status, last_error FROM outbox")))

    records = hs_records(args.hs_log)
    ana_files, ben_files = files_in(records, ANA_ROOM), files_in(records, BEN_ROOM)
    check("exactly two files to Ana and one to Ben", len(ana_files) == 2 and len(ben_files) == 1,
          f"{len(ana_files)} / {len(ben_files)}")
    if len(ana_files) >= 2 and ben_files:
        verify_file(args, records, ana_files[0], "ana-saved.ics", "Your agenda is saved")
        verify_file(args, records, ben_files[0], "ben-saved.ics", "Ana saved your pair's agenda")
        verify_file(args, records, ana_files[1], "ana-calendar.ics", "as a calendar file")
    uploads = [r for r in records if r["kind"] == "upload"]
    check("one upload per file", len(uploads) == 3, repr(uploads))
    stored = query(args.db, "SELECT COUNT(*) FROM outbox_attachments WHERE content_uri LIKE 'mxc://localhost/%'")[0][0]
    check("each outbox file remembers its mxc URI", stored == 3, f"{stored} of 3")
    others = [r for r in records if r["kind"] == "other"]
    check("no unexpected requests", not others, repr(others[:3]))


if __name__ == "__main__":
    sys.exit(main())
