#!/usr/bin/env python3
"""The database after Tests/e2e/programme_journeys.sh: exactly the records its journeys made (standard library only).

  journeys_records.py DB

The dates come from the environment the script exports (JOURNEY_YESTERDAY, JOURNEY_*_START, JOURNEY_*_FIRST).
Each assertion prints `ok   NAME` or `FAIL NAME: detail`; the last line is `records checked` when every check ran.
"""
import datetime
import json
import os
import sqlite3
import sys

db = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True)
db.row_factory = sqlite3.Row
env = os.environ


def check(name, actual, expected):
    if actual == expected:
        print(f"ok   {name}", flush=True)
    else:
        print(f"FAIL {name}: expected {expected!r}, found {actual!r}", flush=True)


def rows(sql, *args):
    return [dict(row) for row in db.execute(sql, args)]


def scalar(sql, *args):
    return db.execute(sql, args).fetchone()[0]


def day(text, plus=0):
    return (datetime.date.fromisoformat(text) + datetime.timedelta(days=plus)).isoformat()


def monthly(first, count):
    start = datetime.date.fromisoformat(first)
    dates = []
    for index in range(count):
        months = start.month - 1 + index
        year, month = start.year + months // 12, months % 12 + 1
        following = datetime.date(year + month // 12, month % 12 + 1, 1)
        last = (following - datetime.timedelta(days=1)).day
        dates.append(datetime.date(year, month, min(start.day, last)).isoformat())
    return dates


yesterday = env["JOURNEY_YESTERDAY"]
person = {r["address"]: r["participant_id"] for r in rows("SELECT address, participant_id FROM addresses")}

# What each journey made, per programme: who is in the pair, and the records expected for it.
programmes = {
    "Staff pilot": {
        "delivered": "agenda_form",
        "template": "staff_peers", "start": env["JOURNEY_STAFF_START"], "pair": "S1", "cohort": "Faculty exchange",
        "mentee": "ana@staff.example.org", "mentor": "ben@staff.example.org",
        "supervisors": {"ana@staff.example.org": "head.ana@uni-a.example.org",
                        "ben@staff.example.org": "head.ben@uni-b.example.org"},
        "consent": {"ana@staff.example.org": 0, "ben@staff.example.org": 0},
        "log": ("ana@staff.example.org", ["onboarding", "budget rules"]),
        "agenda": ("ana@staff.example.org", "every_two_weeks", ["onboarding", "budget rules"],
                   "We meet online on Teams.", "14:00",
                   [day(env["JOURNEY_STAFF_FIRST"], 14 * n) for n in range(4)]),
        "rules": None,
        "feedback": {("ana@staff.example.org", 4, "We agreed our four dates."),
                     ("ben@staff.example.org", 5, "Ana came well prepared.")},
        "plan": None, "transferability": None,
    },
    "School pilot": {
        "delivered": "ground_rules",
        "template": "school_peers", "start": env["JOURNEY_SCHOOL_START"], "pair": "K1", "cohort": "Year 8",
        "mentee": "mia@school.example.org", "mentor": "leo@school.example.org",
        "supervisors": {"mia@school.example.org": None, "leo@school.example.org": None},
        "consent": {"mia@school.example.org": 1, "leo@school.example.org": 0},
        "log": ("leo@school.example.org", ["maths homework"]),
        "agenda": None,
        "rules": ("mia@school.example.org", "three times a week", "library, Monday, Wednesday and Friday after class",
                  "send a message the day before", 0, 1, "talk first, then ask the counsellor"),
        "feedback": {("leo@school.example.org", 3, "Useful, but too short."),
                     ("mia@school.example.org", 5, "Leo explained fractions really well.")},
        "plan": None, "transferability": None,
    },
    "City exchange": {
        "delivered": "learning_plan",
        "template": "city_to_city", "start": env["JOURNEY_CITY_START"], "pair": "C1", "cohort": "Mobility",
        "mentee": "vera@city.example.org", "mentor": "omar@city.example.org",
        "supervisors": {"vera@city.example.org": "deputy.mayor@city.example.org", "omar@city.example.org": None},
        "consent": {"vera@city.example.org": 0, "omar@city.example.org": 0},
        "log": ("vera@city.example.org", ["bike sharing"]),
        "agenda": ("vera@city.example.org", "monthly", ["bike sharing", "open data"], "We meet in Sofia.", "10:00",
                   monthly(env["JOURNEY_CITY_FIRST"], 3)),
        "rules": None,
        "feedback": {("vera@city.example.org", 4, "Seeing the depot helped."),
                     ("omar@city.example.org", 5, "Vera asked sharp questions.")},
        "plan": ("omar@city.example.org", 1, 1, "Set up a bike-sharing pilot",
                 "map demand, write the tender, pick two districts", "share their tender documents and contacts",
                 "months 5-7", None, "a signed pilot contract", None),
        "transferability": ("vera@city.example.org", "Superblocks", "2 years; first results after 6 months",
                            "traffic sensors and movable planters", "city mobility office leads",
                            "municipal traffic ordinance", None, 2),
    },
}

check("three programmes, no others", sorted(r["name"] for r in rows("SELECT name FROM programmes")),
      sorted(programmes))
check("six people, no others", scalar("SELECT count(*) FROM participants"), 6)

for name, p in programmes.items():
    tag = p["template"]
    programme = rows("SELECT id, template, start_date FROM programmes WHERE name = ?", name)
    if not programme:
        print(f"FAIL {tag}: programme {name} is missing")
        continue
    pid = programme[0]["id"]
    check(f"{tag}: template and start date", (programme[0]["template"], programme[0]["start_date"]),
          (tag, p["start"]))
    pairs = rows("SELECT p.id, p.label, c.name AS cohort FROM pairs p LEFT JOIN cohorts c ON c.id = p.cohort_id "
                 "WHERE p.programme_id = ?", pid)
    check(f"{tag}: one pair in its cohort", [(r["label"], r["cohort"]) for r in pairs], [(p["pair"], p["cohort"])])
    pair = pairs[0]["id"] if pairs else None
    mentee, mentor = person.get(p["mentee"]), person.get(p["mentor"])
    enrolments = rows("SELECT participant_id, role, pair_id, supervisor_email, guardian_consent FROM enrolments "
                      "WHERE programme_id = ? ORDER BY role", pid)
    check(f"{tag}: the mentee and the mentor in the pair, with supervisors and consent",
          [(r["participant_id"], r["role"], r["pair_id"], r["supervisor_email"], r["guardian_consent"])
           for r in enrolments],
          [(mentee, "mentee", pair, p["supervisors"][p["mentee"]], p["consent"][p["mentee"]]),
           (mentor, "mentor", pair, p["supervisors"][p["mentor"]], p["consent"][p["mentor"]])])

    # The mentoring log: the one meeting, by the one who logged it, 45 minutes yesterday.
    logs = rows("SELECT participant_id, pair_id, meeting_date, start_time, duration_minutes, topics, next_steps "
                "FROM log_entries WHERE programme_id = ?", pid)
    who, topics = p["log"]
    check(f"{tag}: exactly one logged meeting, 45 min yesterday",
          [(r["participant_id"], r["pair_id"], r["meeting_date"], r["start_time"], r["duration_minutes"],
            json.loads(r["topics"]), r["next_steps"]) for r in logs],
          [(person.get(who), pair, yesterday, None, 45, topics, None)])

    # Agendas and their sessions.
    agendas = rows("SELECT id, pair_id, revision, author_id, frequency, topics, notes FROM agendas "
                   "WHERE programme_id = ?", pid)
    if p["agenda"] is None:
        check(f"{tag}: no agenda", agendas, [])
    else:
        author, frequency, agenda_topics, notes, time, dates = p["agenda"]
        check(f"{tag}: exactly one agenda (version 1, by the mentee)",
              [(r["pair_id"], r["revision"], r["author_id"], r["frequency"], json.loads(r["topics"]), r["notes"])
               for r in agendas],
              [(pair, 1, person.get(author), frequency, agenda_topics, notes)])
        sessions = rows("SELECT number, session_date, start_time FROM agenda_sessions WHERE agenda_id = ? "
                        "ORDER BY number", agendas[0]["id"]) if agendas else []
        check(f"{tag}: the agenda's sessions and dates",
              [(r["number"], r["session_date"], r["start_time"]) for r in sessions],
              [(n + 1, d, time) for n, d in enumerate(dates)])

    # Ground rules and who agreed.
    rules = rows("SELECT id, pair_id, revision, proposed_by, how_often, where_when, absence, friends_allowed, "
                 "confidentiality, problems FROM ground_rules WHERE programme_id = ?", pid)
    if p["rules"] is None:
        check(f"{tag}: no ground rules", rules, [])
    else:
        proposer, *values = p["rules"]
        check(f"{tag}: exactly one set of ground rules (version 1, by the mentee)",
              [(r["pair_id"], r["revision"], r["proposed_by"], r["how_often"], r["where_when"], r["absence"],
                r["friends_allowed"], r["confidentiality"], r["problems"]) for r in rules],
              [(pair, 1, person.get(proposer), *values)])
        agreed = rows("SELECT participant_id FROM ground_rule_agreements WHERE ground_rules_id = ?",
                      rules[0]["id"]) if rules else []
        check(f"{tag}: the rules are agreed by both members", sorted(r["participant_id"] for r in agreed),
              sorted([mentee, mentor]))

    # After-session feedback: one from each member.
    feedback = rows("SELECT participant_id, pair_id, usefulness, comment FROM session_feedback "
                    "WHERE programme_id = ?", pid)
    check(f"{tag}: one feedback from each member, with its score and sentence",
          sorted((r["participant_id"], r["pair_id"], r["usefulness"], r["comment"]) for r in feedback),
          sorted((person.get(who), pair, score, text) for who, score, text in p["feedback"]))

    # The learning plan.
    plan = rows("SELECT pair_id, author_id, row_number, revision, objective, action_steps, mentor_support, "
                "time_frame, resources, evidence, superseded_by FROM plan_rows WHERE programme_id = ?", pid)
    if p["plan"] is None:
        check(f"{tag}: no learning plan rows", plan, [])
    else:
        author, *values = p["plan"]
        check(f"{tag}: exactly one learning plan row (row 1, version 1, by the mentor)",
              [tuple(r.values()) for r in plan], [(pair, person.get(author), *values)])

    # Transferability assessments.
    assessments = rows("SELECT pair_id, participant_id, measure, period, technical_conditions, governance, "
                       "regulatory_framework, other_factors, rating FROM transferability_assessments "
                       "WHERE programme_id = ?", pid)
    if p["transferability"] is None:
        check(f"{tag}: no transferability assessments", assessments, [])
    else:
        who, *values = p["transferability"]
        check(f"{tag}: exactly one transferability assessment (by the mentee, rating 2)",
              [tuple(r.values()) for r in assessments], [(pair, person.get(who), *values)])

    # The pair's shared template document is recorded as delivered for both members (agenda form, ground rules,
    # learning plan) — so "what's next" and "who is behind" stop listing it.
    check(f"{tag}: the delivered document, once per member",
          [tuple(r.values()) for r in rows("SELECT document, count(*) FROM documents WHERE programme_id = ? "
                                            "GROUP BY document", pid)],
          [(p["delivered"], 2)])

    # Nothing else was filed.
    for table in ("evaluations", "expense_claims"):
        check(f"{tag}: no {table}", scalar(f"SELECT count(*) FROM {table} WHERE programme_id = ?", pid), 0)

# Records of one programme never point at another programme's pair, and nothing exists without a programme.
for table in ("log_entries", "agendas", "ground_rules", "session_feedback", "plan_rows",
              "transferability_assessments"):
    check(f"{table}: every row's pair is in its own programme",
          scalar(f"SELECT count(*) FROM {table} t LEFT JOIN pairs p ON p.id = t.pair_id "
                 f"WHERE p.id IS NULL OR p.programme_id IS NOT t.programme_id"), 0)
check("every agenda session belongs to an agenda",
      scalar("SELECT count(*) FROM agenda_sessions s LEFT JOIN agendas a ON a.id = s.agenda_id WHERE a.id IS NULL"), 0)
check("every agreement is by a member of that rules' pair",
      scalar("SELECT count(*) FROM ground_rule_agreements g JOIN ground_rules r ON r.id = g.ground_rules_id "
             "WHERE NOT EXISTS (SELECT 1 FROM enrolments e WHERE e.pair_id = r.pair_id "
             "AND e.participant_id = g.participant_id)"), 0)
check("totals over the whole database",
      {t: scalar(f"SELECT count(*) FROM {t}") for t in (
          "log_entries", "agendas", "agenda_sessions", "ground_rules", "ground_rule_agreements",
          "session_feedback", "plan_rows", "transferability_assessments", "evaluations", "documents")},
      {"log_entries": 3, "agendas": 2, "agenda_sessions": 7, "ground_rules": 1, "ground_rule_agreements": 2,
       "session_feedback": 6, "plan_rows": 1, "transferability_assessments": 1, "evaluations": 0, "documents": 6})

# Email: exactly the agenda forms, one per member with a supervisor address (the peers' notices went to their
# terminal conversations, as both had talked to Tandem there first).
mail = rows("SELECT address, status, body FROM outbox WHERE channel = 'email' ORDER BY id")
check("email: the agenda forms go to the supervisors, and nothing else by email",
      [(r["address"], r["status"]) for r in mail],
      [("head.ana@uni-a.example.org", "queued"), ("head.ben@uni-b.example.org", "queued"),
       ("deputy.mayor@city.example.org", "queued")])
forms = {r["address"]: r["body"] for r in mail}
expected_lines = {
    "head.ana@uni-a.example.org": ["Agenda form — Staff pilot", "Participant: Ana (mentee)",
                                   "Other participant: Ben (mentor)",
                                   f"1. {env['JOURNEY_STAFF_FIRST']} 14:00", "Topics: onboarding, budget rules"],
    "head.ben@uni-b.example.org": ["Agenda form — Staff pilot", "Participant: Ben (mentor)",
                                   "Other participant: Ana (mentee)"],
    "deputy.mayor@city.example.org": ["Agenda form — City exchange", "Participant: Vera (mentee)",
                                      "Other participant: Omar (mentor)",
                                      f"1. {env['JOURNEY_CITY_FIRST']} 10:00",
                                      "Additional information: We meet in Sofia."],
}
for address, lines in expected_lines.items():
    body = forms.get(address, "")
    check(f"email: the form to {address} names the participant, the peer and the sessions",
          [line for line in lines if line not in body.splitlines()], [])
print("records checked")
