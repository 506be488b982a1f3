#!/usr/bin/env python3
"""The conversations of Tests/e2e/safeguarding.sh (standard library only), through the real `tandem serve`: pupils
write in Matrix direct rooms (appservice transactions; replies read from the fake homeserver's log) and one sends a
file by email (the webhook). Every assertion prints `ok   NAME` or `FAIL NAME: detail`; the last line is
`counts PASSED FAILED`.

  safeguarding_driver.py school --tandem URL --config FILE --db FILE --hs-log FILE --secret SECRET --typed FILE
  safeguarding_driver.py club   --tandem URL --config FILE --db FILE --hs-log FILE --secret SECRET --typed FILE

`school`: disclosures, the consent gate and an erasure in the School programme; `club`: "forget me" in the Club
programme, which has no coordinator. --typed receives (appended), one per line, every text the erased pupils typed
or sent, for the database search.
"""
import argparse
import json
import sqlite3
import time
import urllib.error
import urllib.request

import crash_driver
from checks import Checks
from crash_driver import event, hs_records, invite, put_transaction, query, text, wait_until

check = Checks(detail_limit=700)
ROOMS = {}  # user id → direct room
SEEN = {}  # room → number of bot messages already read
TXN = [0]


def room_of(user):
    return ROOMS[user]


def bot_messages(args, room):
    return [r["body"] for r in hs_records(args.hs_log)
            if r["kind"] == "send" and r["status"] == "accepted" and r["room"] == room and r["msgtype"] == "m.notice"]


def queued(args, room):
    return query(args.db, "SELECT COUNT(*) FROM outbox WHERE address = ? AND status = 'queued'", (room,))[0][0]


def say(args, user, message):
    """Sends `message` as `user` and returns what the bot answered (every new message in the room, joined)."""
    room = room_of(user)
    TXN[0] += 1
    status, body = put_transaction(args.tandem, args.config, f"{room}-{TXN[0]}", [text(room, user, message)])
    if status != 200:
        check(f"{user} “{message}” is accepted", False, f"{status} {body}")
    wait_until(lambda: len(bot_messages(args, room)) > SEEN.get(room, 0) and queued(args, room) == 0)
    messages = bot_messages(args, room)
    new = messages[SEEN.get(room, 0):]
    SEEN[room] = len(messages)
    return "\n".join(new)


def inbox(args, user):
    """What arrived in `user`'s room since it was last read (notices from others' actions)."""
    room = room_of(user)
    wait_until(lambda: queued(args, room) == 0, 10)
    messages = bot_messages(args, room)
    new = messages[SEEN.get(room, 0):]
    SEEN[room] = len(messages)
    return "\n".join(new)


def inbox_with(args, user, needle, deadline=30.0):
    """What arrived in `user`'s room since it was last read, once it holds `needle` (or `deadline` seconds passed):
    an answer in the direct chat may be queued a moment after the group room's reply, and a loaded machine makes the
    moment longer."""
    room = room_of(user)
    wait_until(lambda: needle in "\n".join(bot_messages(args, room)[SEEN.get(room, 0):]), deadline)
    return inbox(args, user)


def start(args, users, prefix):
    """Each user invites the bot to a direct room; its welcome there is read and set aside."""
    events = []
    for index, user in enumerate(users):
        ROOMS[user] = f"!{prefix}{index}:localhost"
        events.append(invite(ROOMS[user], user, True))
    status, body = put_transaction(args.tandem, args.config, f"{prefix}-invites", events)
    check(f"{len(users)} people open a direct room with the bot", status == 200, f"{status} {body}")
    for user in users:
        wait_until(lambda: bot_messages(args, ROOMS[user]) and queued(args, ROOMS[user]) == 0, 10)
        SEEN[ROOMS[user]] = len(bot_messages(args, ROOMS[user]))


def email(args, sender, name, subject, body, filename, data):
    boundary = "sg-boundary"
    message = (
        f"From: {name} <{sender}>\r\nTo: tandem@example.org\r\nSubject: {subject}\r\n"
        f"Date: Sat, 14 Mar 2026 10:00:00 +0000\r\nMessage-ID: <sg-mail-1@mail.example.net>\r\nMIME-Version: 1.0\r\n"
        f"Content-Type: multipart/mixed; boundary={boundary}\r\n\r\n--{boundary}\r\n"
        f"Content-Type: text/plain; charset=utf-8\r\n\r\n{body}\r\n--{boundary}\r\n"
        f"Content-Type: application/pdf; name={filename}\r\nContent-Disposition: attachment; filename={filename}\r\n"
        f"Content-Transfer-Encoding: 8bit\r\n\r\n{data}\r\n--{boundary}--\r\n").encode()
    request = urllib.request.Request(
        f"{args.tandem}/hooks/email", data=message, method="POST",
        headers={"Authorization": f"Bearer {args.secret}", "Content-Type": "message/rfc822"})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


MIA, LEO, DENIZ, ECE, BOGI, VASIL = (f"@{n}:localhost" for n in ("mia", "leo", "deniz", "ece", "bogi", "vasil"))
ZOE, MAX, PIPPA, RIA, LENA, CORA = (f"@{n}:localhost" for n in ("zoe", "max", "pippa.q", "ria", "lena", "cora"))
COHORT = "!cohort:localhost"
INTRO = {"en": "Thank you for telling me.", "tr": "Bana anlattığın için teşekkürler.", "bg": "Благодаря, че ми казваш."}


def in_room(args, user, message):
    """Sends `message` as `user` in the cohort room and returns what the room and the user's direct room got."""
    TXN[0] += 1
    status, body = put_transaction(args.tandem, args.config, f"cohort-{TXN[0]}", [text(COHORT, user, message)])
    check(f"{user} “{message}” in the cohort room is accepted", status == 200, f"{status} {body}")
    wait_until(lambda: len(bot_messages(args, COHORT)) > SEEN.get(COHORT, 0) and queued(args, COHORT) == 0)
    messages = bot_messages(args, COHORT)
    room = "\n".join(messages[SEEN.get(COHORT, 0):])
    SEEN[COHORT] = len(messages)
    return room, inbox(args, user)


def cohort_room(args):
    """A group room with the lead and two pupils: the lead's newest conversation from now on, and a room where a
    personal command is answered privately."""
    joins = [event("m.room.member", COHORT, user, state_key=user, content={"membership": "join"})
             for user in (LENA, MIA, DENIZ)]
    status, body = put_transaction(args.tandem, args.config, "cohort-invite", [invite(COHORT, LENA, False)] + joins)
    check("the lead invites the bot to a cohort room with two pupils", status == 200, f"{status} {body}")
    room, _ = in_room(args, LENA, "!tandem help")
    check("“help” is answered in the room (nothing personal)", room != "", room)
    room, private = in_room(args, MIA, "!tandem my data")
    if "Everything Tandem stores about you" not in private:
        private += inbox_with(args, MIA, "Everything Tandem stores about you")
    check("a personal command in the group room gets “I've answered you privately” there",
          "answered you privately" in room and "Everything Tandem stores" not in room, room)
    check("... and the answer comes in her direct chat", "Everything Tandem stores about you" in private, private)


def disclosures(args):
    # The people who will be told write first, so Tandem has a conversation to reach them in; then the lead writes in
    # a group room, her newest conversation: notices must still go to her direct chat.
    for user in (LENA, LEO, RIA, CORA):
        say(args, user, "hi")
    cohort_room(args)
    # Outside any flow, in three languages, whatever the setting (Deniz's is English).
    for user, language, message in [
        (MIA, "en", "my friend said his dad hits him"),
        (DENIZ, "tr", "babam beni dovuyor"),
        (BOGI, "bg", "страх ме е да се прибера вкъщи"),
        (MIA, "en", "sometimes I think about ending it all"),
    ]:
        reply = say(args, user, message)
        check(f"{language}: “{message}” is answered in {language}, naming the lead",
              reply.startswith(INTRO[language]) and "Lena" in reply, reply)
    for user, message in [(MIA, "this homework is killing me"), (DENIZ, "dövüş sanatları kursuna gidiyorum"),
                          (BOGI, "убийствено скучно беше")]:
        reply = say(args, user, message)
        check(f"the look-alike “{message}” is not taken for a disclosure", not any(
            reply.startswith(intro) for intro in INTRO.values()), reply)

    # In the middle of logging a meeting: never an answer; "tell" at once; the log goes on without it.
    for user, language, disclosure, topic in [
        (MIA, "en", "maths, he touches me and I don't like it", "maths"),
        (DENIZ, "tr", "matematik, bazen her şeyi bitirmek istiyorum", "matematik"),
        (BOGI, "bg", "математика, тормозят ме в училище", "математика"),
    ]:
        say(args, user, "log yesterday 45 min")
        say(args, user, "skip")
        reply = say(args, user, disclosure)
        check(f"{language}: mid-flow disclosure is explained, and the log waits on the same question",
              reply.startswith(INTRO[language]) and ("We were in the middle of logging a meeting" in reply
                                                     or "Бяхме по средата" in reply or "Yarıda kalan" in reply), reply)
        if user == MIA:
            reply = say(args, user, "tell")
            check("en: “tell” at once starts the report while the log waits",
                  "can wait" in reply and "What happened?" in reply, reply)
            say(args, user, "he touches me and I don't like it")
            reply = say(args, user, "not sure")
            check("en: “not sure” to the danger question is accepted", "Who is involved?" in reply, reply)
            say(args, user, "skip")
            reply = say(args, user, "yes")
            check("en: the concern is sent and the log comes back to its question",
                  "Lena, the safeguarding lead, has it now" in reply and "possibly urgent" in reply
                  and "Which topics did you discuss?" in reply, reply)
        say(args, user, topic)
        say(args, user, "skip")
        reply = say(args, user, "yes" if language != "bg" else "да")
        check(f"{language}: the meeting is saved without the disclosure", "45" in reply, reply)
    topics = " ".join(row[0] for row in query(args.db, "SELECT topics FROM log_entries"))
    check("no disclosure is in the mentoring log (the peer reads it)",
          all(word not in topics for word in ("touches", "bitirmek", "тормоз")) and "maths" in topics, topics)
    notice = inbox(args, LENA)
    check("the lead got Mia's concern as possibly urgent, with how to reach her",
          "from Mia (mentee)" in notice and "NOT SURE" in notice and "matrix: @mia:localhost" in notice, notice)
    room = "\n".join(bot_messages(args, COHORT)[SEEN.get(COHORT, 0):])
    check("no notice went to the cohort room (the lead's newest conversation)", room == "", room)
    peers = inbox(args, LEO)
    check("the peer is told of the meeting, not of the disclosure",
          "Mia logged a meeting" in peers and "touches" not in peers, peers)
    bodies = [row[0] for row in query(args.db, "SELECT body FROM inbound_messages WHERE body != ''")]
    check("no disclosure or concern text is kept in the inbound messages",
          not any(word in body for body in bodies for word in ("hits", "touches", "dovuyor", "страх", "ending it")),
          [b for b in bodies if "hits" in b or "touches" in b])
    sent = [row[0] for row in query(args.db, "SELECT body FROM outbox WHERE status = 'sent'")]
    check("nor in the delivered replies and notices (the concern itself is kept for the lead)",
          not any(word in body for body in sent for word in ("touches", "bitirmek", "тормоз")),
          [b for b in sent if "touches" in b])


def consent(args):
    reply = say(args, ZOE, "hi")
    check("a pupil without consent is told what consent is and who records it",
          "That is called consent. Cora records it" in reply, reply)
    again = say(args, ZOE, "what's next")
    check("... once", "That is called consent" not in again and "waiting for your parent's" in again, again)
    check("her status suggests no command that would fail", "Now:" not in again and "ground rules" not in again,
          again)
    reply = say(args, ZOE, "log yesterday 45 min topics: art")
    check("she cannot log a meeting, and is told why", "That has to wait until your parent's" in reply, reply)
    code = query(args.db, "SELECT join_code FROM programmes WHERE name = 'School'")[0][0]
    reply = say(args, ZOE, f"join {code}")
    roles = query(args.db, "SELECT role FROM enrolments JOIN participants p ON p.id = participant_id "
                           "WHERE p.name = 'Zoe'")
    check("“join” cannot get round it: still only a mentee", roles == [("mentee",)], f"{roles} {reply}")
    reply = say(args, MAX, "log yesterday 45 min topics: art")
    check("her mentor cannot log a meeting with her", "You can't log meetings, agendas or feedback with Zoe" in reply,
          reply)
    pair = query(args.db, "SELECT COUNT(*) FROM log_entries l JOIN pairs p ON p.id = l.pair_id WHERE p.label = 'p4'")
    check("nothing is logged for the pair", pair == [(0,)], pair)
    check("the pupil is sent nothing about her mentor", "logged a meeting" not in inbox(args, ZOE))
    reply = say(args, ZOE, "concern")
    check("a pupil without consent still reaches the safeguarding lead", "Lena" in reply, reply)


def erasure(args):
    typed = [
        "log yesterday 45 min topics: quokka origami, zephyr kites",
        "next steps: ask Mr Oddbody about the xylophone club",
        "Pippa Quenneville loved the quokka origami session",
        "my secret nickname is Wobblestone",
    ]
    say(args, PIPPA, typed[0])
    say(args, PIPPA, "skip")
    say(args, PIPPA, "ask Mr Oddbody about the xylophone club")
    reply = say(args, PIPPA, "yes")
    check("her meeting is saved", "Saved to your mentoring log" in reply, reply)
    say(args, PIPPA, "feedback")
    say(args, PIPPA, "5")
    reply = say(args, PIPPA, typed[2])
    check("her feedback is saved", "Thanks for your check-in" in reply, reply)
    say(args, PIPPA, typed[3])
    poem = "PIPPA SECRET POEM zebracorn moonlight"
    status = email(args, "pippa.q@school.example.org", "Pippa Quenneville", "my poem", "here is my poem glimmerfox",
                   "pippa-poem-glimmerfox.pdf", "%PDF-1.4\n" + poem)
    check("her file by email is stored (webhook 200)", status == 200, status)
    files = query(args.db, "SELECT filename FROM attachments")
    check("the file is stored though no record uses it", ("pippa-poem-glimmerfox.pdf",) in files, files)
    ria = inbox(args, RIA)
    check("her mentor was told of her meeting, with her name and topics",
          "Pippa Quenneville logged a meeting" in ria and "quokka origami" in ria, ria)
    say(args, PIPPA, "forget me")
    reply = say(args, PIPPA, "yes")
    check("“forget me” goes to the coordinator", "sent to Cora" in reply, reply)
    number = query(args.db, "SELECT id FROM erasure_requests WHERE status = 'pending'")[0][0]
    reply = say(args, CORA, f"erase {number}")
    check("“erase N” names the person and erases nothing yet",
          f"Erasure request {number} is from Pippa Quenneville (mentee, School)" in reply
          and query(args.db, "SELECT COUNT(*) FROM participants WHERE name = 'Pippa Quenneville'") == [(1,)], reply)
    reply = say(args, CORA, f"confirm erase {number}")
    check("“confirm erase N” erases (the name was shown by “erase N”, and is gone now)",
          f"Done: the personal data of request {number} is erased" in reply
          and query(args.db, "SELECT COUNT(*) FROM participants WHERE name = 'Pippa Quenneville'") == [(0,)], reply)
    with open(args.typed, "a") as handle:
        for line in typed + ["ask Mr Oddbody about the xylophone club", "quokka origami", "zephyr kites", "Oddbody",
                             "xylophone club", "Wobblestone", "Quenneville", "pippa.q@school.example.org",
                             "@pippa.q:localhost", "glimmerfox", "zebracorn", poem, "pippa-poem-glimmerfox.pdf"]:
            handle.write(line + "\n")


def club(args):
    tom = "@tom:localhost"
    start(args, [tom], "club")
    say(args, tom, "forget me")
    reply = say(args, tom, "yes")
    check("with no coordinator, the pupil is told it is confirmed on the server",
          'the people who run Tandem confirm it on the server (with "tandem erase' in reply, reply)
    with open(args.typed, "a") as handle:
        handle.write("Tom Ashgrove\n@tom:localhost\n")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("step", choices=["school", "club"])
    for option in ("--tandem", "--config", "--db", "--hs-log", "--secret", "--typed"):
        parser.add_argument(option, required=True)
    args = parser.parse_args()
    try:
        if args.step == "school":
            start(args, [MIA, LEO, DENIZ, ECE, BOGI, VASIL, ZOE, MAX, PIPPA, RIA, LENA, CORA], "r")
            disclosures(args)
            consent(args)
            erasure(args)
        else:
            crash_driver.counter = 1_000_000  # event IDs the school step's process did not use (they de-duplicate)
            club(args)
    except Exception as error:  # an unexpected failure is one failed assertion, with its reason
        check("the safeguarding conversations ran to the end", False, f"{type(error).__name__}: {error}")
    print(f"counts {check.passed} {check.failed}")
    return 1 if check.failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
