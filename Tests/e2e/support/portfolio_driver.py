#!/usr/bin/env python3
"""The Matrix side of Tests/e2e/school_portfolio.sh (standard library only). A school programme through a real
`tandem serve` and the fake homeserver: Ana (pupil of pair p3, writing in Bulgarian) and her peer mentor Marco log
36 meetings, agree ground rules, make a working plan of three goals (the second one private) and review it; Marco
cannot go on and the coordinator, Cora, says "reassign pair p3 to Elif"; Ana writes and changes her learning
statement and approves it, writes the pair's joint statement and her evaluation; Cora writes the project team's
evaluation; Ana asks for her portfolio, leaves goal 2 out, and gets it as a file. Dan, a pupil without guardian
consent, and his mentor Eve get none of it.

The portfolio as uploaded is copied to --out/portfolio.html for Tests/e2e/support/portfolio_check.py.

  portfolio_driver.py --tandem URL --config FILE --db FILE --hs-log FILE --out DIR --start YYYY-MM-DD
"""
import argparse
import datetime
import shutil
import sys

from checks import Checks
from crash_driver import hs_records, invite, put_transaction, query, text, wait_until

check = Checks(detail_limit=800)
ROOMS = {name: f"!dm-{name}:localhost" for name in ("ana", "marco", "elif", "cora", "dan", "eve", "bo")}
txn = 0


def user(name):
    return f"@{name}:localhost"


def say(args, name, *messages):
    """Sends each message from `name` in their direct chat, one transaction each; returns the replies queued."""
    global txn
    room = ROOMS[name]
    before = query(args.db, "SELECT COALESCE(MAX(id), 0) FROM outbox")[0][0]
    for message in messages:
        txn += 1
        status, body = put_transaction(args.tandem, args.config, f"school-{txn}", [text(room, user(name), message)])
        if status != 200:
            check(f"transaction school-{txn} answered 200", False, f"{status} {body}")
    rows = query(args.db, "SELECT body FROM outbox WHERE id > ? AND address = ? AND kind = 'message' ORDER BY id",
                 (before, room))
    return "\n".join(row[0] for row in rows)


def contains(name, replies, expected):
    check(name, expected in replies, replies[-800:])


def main():
    parser = argparse.ArgumentParser()
    for option in ("--tandem", "--config", "--db", "--hs-log", "--out", "--start"):
        parser.add_argument(option, required=True)
    args = parser.parse_args()
    check.to_the_end("the school conversation ran to the end", run, args)
    return 1 if check.failed else 0


def run(args):
    global txn
    txn += 1
    status, body = put_transaction(args.tandem, args.config, f"school-{txn}",
                                   [invite(room, user(name), True) for name, room in ROOMS.items()])
    check("the invites to seven direct chats are answered 200", status == 200, f"{status} {body}")

    # 36 meetings, every third day from the start; ground rules; the pupil's own evaluation.
    start = datetime.date.fromisoformat(args.start)
    logs = []
    for n in range(36):
        day = (start + datetime.timedelta(days=3 * n)).isoformat()
        logs += [f"log {day} 90 min start: 14:00 topics: maths next steps: none", "yes"]
    say(args, "marco", *logs)
    meetings = query(args.db, """
        SELECT COUNT(DISTINCT meeting_date) FROM log_entries WHERE pair_id = (SELECT id FROM pairs WHERE label = 'p3')
        """)[0][0]
    check("Marco logged 36 meetings of pair p3", meetings == 36, f"{meetings} meetings")
    replies = say(args, "ana", "основни правила", "да", "три пъти седмично", "в библиотеката след часовете",
                  "пишем предния ден", "не", "първо говорим", "да")
    contains("Ana proposes the ground rules", replies, "Основните правила са записани")
    contains("Marco agrees to them", say(args, "marco", "agree rules", "yes"), "You have both agreed")

    # The working plan: goals 1 and 3 by Ana, goal 2 (private) by Marco; a review with indications ticked.
    replies = say(args, "ana", "работен план", "рисува и помага на другите", "математиката", "Четворка по математика",
                  "Марко проверява домашните в понеделник", "до юни", "да")
    contains("Ana saves the working plan with goal 1", replies, "цел 1: Четворка по математика")
    replies = say(args, "marco", "goal", "PRIVATE-GOAL-7f3 no more fights at home", "talks with the counsellor",
                  "May", "yes")
    contains("Marco adds goal 2", replies, "Goal 2 is added")
    replies = say(args, "ana", "цел", "Да идвам навреме за първия час", "Марко ми пише в 7:00", "до май", "да")
    contains("Ana adds goal 3", replies, "Цел 3 е добавена")
    replies = say(args, "marco", "review", "Ana handed in every homework in April", "1, 4 and 5", "skip", "yes")
    contains("Marco's review ticks goals set, attendance and grades", replies,
             "Good signs: goals set, attendance, grades.")

    # A change of mentor.
    replies = say(args, "cora", "reassign pair p3 to Elif")
    contains("Cora reassigns pair p3 to Elif", replies,
             "Done: Elif Demir is now the mentor of pair p3 (Ana Petrova), in place of Marco Rossi.")
    contains("Marco no longer sees the pair's plan", say(args, "marco", "our plan"), "You are not in a pair yet")
    contains("Elif sees the pair's goals", say(args, "elif", "planımız"), "Четворка по математика")
    pupils = query(args.db, "SELECT COUNT(*) FROM mentor_changes")[0][0]
    check("the change of mentor is recorded", pupils == 1, f"{pupils} rows")

    # The learning statement, changed and approved; the joint statement; the pupil's evaluation.
    replies = say(args, "ana", "разказ за наученото", "Срещахме се три пъти седмично след часовете.",
                  "Исках да изкарам математиката.", "Идвах на срещите.", "Дроби, уравнения и <script>x</script>.",
                  "Питам учителите.", "Водя си тетрадка.", "Преди се отказвах, сега опитвам два начина.")
    contains("the interview drafts the statement in Bulgarian", replies, "Ето чернова на твоя разказ за наученото")
    replies = say(args, "ana", "промени разказа 3 Идвах на всички срещи и си направих график.")
    contains("Ana changes part 3", replies, "Част 3 е променена")
    contains("Ana approves it", say(args, "ana", "одобри разказа"), "Одобрено! Версия 2")
    contains("Ana writes the joint statement",
             say(args, "ana", "общо изявление", "Научихме се да планираме седмицата заедно.", "да"),
             "Общото изявление на двойката ти е записано")
    contains("Ana sends her evaluation", say(args, "ana", "оценка", "няма", "увереност", "повече срещи навън", "да"),
             "Благодаря за оценката!")
    replies = say(args, "cora", "evaluate pair p3", "1", "Raised her maths grade from 2 to 4.", "1", "skip", "yes")
    contains("Cora writes the project team's evaluation", replies,
             "The project team's evaluation of Ana Petrova (pair p3) is saved")

    # A pupil without guardian consent, and his mentor, get none of it.
    contains("Dan (no consent) cannot ask for a portfolio", say(args, "dan", "портфолио"),
             "has to wait until your parent's or guardian's consent is recorded")
    replies = say(args, "eve", "working plan", "strong", "weak", "a goal", "how", "June", "yes")
    contains("Eve (mentor of a pupil without consent) saves no working plan", replies, "guardian's consent")
    plans = query(args.db, "SELECT COUNT(*) FROM working_plan_goals WHERE pair_id = "
                           "(SELECT id FROM pairs WHERE label = 'p5')")[0][0]
    check("nothing is stored for Dan's pair", plans == 0, f"{plans} goals")

    # The portfolio: the goals are listed first; Ana leaves goal 2 out.
    replies = say(args, "ana", "портфолио")
    contains("the first time the goals are listed", replies, "2. PRIVATE-GOAL-7f3 no more fights at home")
    replies = say(args, "ana", "портфолио 1, 3")
    contains("the portfolio is sent", replies, "Ето портфолиото ти (e-portfolio.html, прикачено)")
    drained = wait_until(lambda: query(args.db, "SELECT COUNT(*) FROM outbox WHERE status != 'sent'")[0][0] == 0)
    check("every outbox row is delivered", drained,
          repr(query(args.db, "SELECT id, address, status, last_error FROM outbox WHERE status != 'sent'")))
    records = hs_records(args.hs_log)
    files = [r for r in records if r["kind"] == "send" and r["status"] == "accepted" and r["room"] == ROOMS["ana"]
             and r.get("msgtype") == "m.file"]
    check("Ana got exactly one file in her direct chat", len(files) == 1, repr(files))
    if not files:
        return
    uploads = [r for r in records if r["kind"] == "upload" and r.get("content_uri") == files[0].get("url")]
    check("the file is one upload named e-portfolio.html, text/html",
          len(uploads) == 1 and uploads[0]["filename"] == "e-portfolio.html"
          and uploads[0]["content_type"].startswith("text/html"), repr(uploads))
    notices = [r for r in records if r["kind"] == "send" and r["room"] == ROOMS["ana"]
               and r.get("msgtype") == "m.notice" and "e-portfolio.html" in (r.get("body") or "")
               and r["seq"] < files[0]["seq"]]
    check("the file comes after the message announcing it", bool(notices), "no text before the file")
    others = [r for r in records if r["kind"] == "send" and r.get("msgtype") == "m.file" and r["room"] != ROOMS["ana"]]
    check("nobody else got a file", not others, repr(others))
    if uploads:
        shutil.copyfile(uploads[0]["path"], f"{args.out}/portfolio.html")


if __name__ == "__main__":
    sys.exit(main())
