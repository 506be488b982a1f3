#!/usr/bin/env python3
"""Validates a calendar file Tandem sent with the `icalendar` package (Tests/e2e/calendar_matrix.sh, email_smtp.sh).

  ics_check.py FILE --events N --tzid ZONE [--summary TEXT] [--uids-like OTHER.ics]

Checks: every physical line ends with CRLF and has at most 75 octets; icalendar parses it; VERSION 2.0, a PRODID,
METHOD:PUBLISH; one VTIMEZONE whose TZID is ZONE; N confirmed VEVENTs, each with a UID agenda-<pair>-<n>@tandem,
a DTSTAMP in UTC, DTSTART and DTEND in ZONE with DTEND after DTSTART; --summary: every SUMMARY contains TEXT;
--uids-like: the same UIDs as OTHER.ics (a re-sent file updates the events instead of adding new ones).
Prints `ok   NAME` / `FAIL NAME: detail` lines; exit 1 on any failure.
"""
import argparse
import re
import sys

import icalendar

from checks import Checks

check = Checks(detail_limit=400)


def events(calendar):
    return [component for component in calendar.walk("VEVENT")]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("file")
    parser.add_argument("--events", type=int, required=True)
    parser.add_argument("--tzid", required=True)
    parser.add_argument("--summary")
    parser.add_argument("--uids-like")
    args = parser.parse_args()
    with open(args.file, "rb") as handle:
        data = handle.read()
    name = args.file.rsplit("/", 1)[-1]

    lines = data.split(b"\r\n")
    check(f"{name}: CRLF line ends, nothing after the last", lines[-1] == b"" and all(b"\n" not in l for l in lines),
          repr(data[-40:]))
    long_lines = [l for l in lines if len(l) > 75]
    check(f"{name}: no line longer than 75 octets", not long_lines, repr(long_lines[:2]))
    try:
        calendar = icalendar.Calendar.from_ical(data)
    except Exception as error:  # icalendar raises ValueError and friends
        check(f"{name}: icalendar parses it", False, f"{type(error).__name__}: {error}")
        return 1
    check(f"{name}: icalendar parses it", True)
    check(f"{name}: VERSION 2.0, PRODID, METHOD:PUBLISH",
          str(calendar.get("VERSION")) == "2.0" and calendar.get("PRODID") and str(calendar.get("METHOD")) == "PUBLISH",
          repr(dict(calendar)))
    zones = [str(zone.get("TZID")) for zone in calendar.walk("VTIMEZONE")]
    check(f"{name}: one VTIMEZONE, TZID {args.tzid}", zones == [args.tzid], repr(zones))

    found = [event for event in events(calendar) if str(event.get("STATUS", "CONFIRMED")) == "CONFIRMED"]
    check(f"{name}: {args.events} confirmed events", len(found) == args.events, f"{len(found)} events")
    uids = [str(event.get("UID")) for event in events(calendar)]
    check(f"{name}: UIDs agenda-<pair>-<n>@tandem, all different",
          all(re.fullmatch(r"agenda-\d+-\d+@tandem", uid) for uid in uids) and len(set(uids)) == len(uids), repr(uids))
    for event in found:
        uid = str(event.get("UID"))
        start, end, stamp = event.decoded("DTSTART"), event.decoded("DTEND"), event.decoded("DTSTAMP")
        start_zone = event["DTSTART"].params.get("TZID")
        end_zone = event["DTEND"].params.get("TZID")
        check(f"{uid}: DTSTART and DTEND name TZID {args.tzid}", start_zone == args.tzid and end_zone == args.tzid,
              f"{start_zone} / {end_zone}")
        check(f"{uid}: DTEND after DTSTART", end > start, f"{start} → {end}")
        check(f"{uid}: DTSTAMP in UTC", stamp.utcoffset() is not None and stamp.utcoffset().total_seconds() == 0,
              repr(stamp))
        if args.summary:
            summary = str(event.get("SUMMARY"))
            check(f"{uid}: SUMMARY names {args.summary}", args.summary in summary, summary)
    if args.uids_like:
        with open(args.uids_like, "rb") as handle:
            other = icalendar.Calendar.from_ical(handle.read())
        other_uids = [str(event.get("UID")) for event in events(other)]
        check(f"{name}: the same UIDs as {args.uids_like.rsplit('/', 1)[-1]}", uids == other_uids,
              f"{uids} vs {other_uids}")
    return 1 if check.failed else 0


if __name__ == "__main__":
    sys.exit(main())
