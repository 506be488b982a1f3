#!/usr/bin/env python3
"""The second half of Tests/e2e/matrix_synapse.sh, run after Synapse was restarted with nothing pending (so it
numbers its appservice transactions from 1 again): Tandem must hear everything after the restart, and treat rooms
as they are now (direct chats it opens itself, members joining, mentions, replies, edits, long messages,
broadcasts). Standard library only; every assertion prints `ok   NAME` or `FAIL NAME: detail`, the counts go to
--counts as "PASSED FAILED". Expected replies are polled for with a deadline, never after a fixed sleep.
"""
import argparse
import datetime
import json
import subprocess
import sys
import time
import uuid

from checks import Checks
from matrix_driver import REPLY_DEADLINE, Alice, bodies, http, q
from tandem_e2e import BOT, query

check = Checks()


def expect(user, room, after, wanted, name):
    ok, messages = user.wait_for_reply(room, after, wanted)
    check(name, ok, f"expected {wanted} within {REPLY_DEADLINE:.0f} s, bot said: {bodies(messages)}")
    return messages


def login(args, name, password):
    status, answer = http("POST", args.hs + "/_matrix/client/v3/login", {
        "type": "m.login.password", "identifier": {"type": "m.id.user", "user": name}, "password": password})
    if status != 200:
        raise RuntimeError(f"login {name}: {status} {answer}")
    return Alice(args.hs, answer["access_token"])


def register(args, name):
    password = f"{name}-{uuid.uuid4().hex}"
    registered = subprocess.run(
        [args.register, "-c", args.hs_config, "-u", name, "-p", password, "--no-admin", args.hs],
        capture_output=True, text=True, timeout=60)
    if registered.returncode != 0:
        raise RuntimeError(f"register {name}: {registered.stdout}{registered.stderr}")
    return login(args, name, password)


def registered_with_direct_chat(args, name):
    """A new user `name` who opens a direct chat with the bot and is welcomed; returns (user, room)."""
    user = register(args, name)
    room = user.create_room(direct=True)
    expect(user, room, None, ["I'm Tandem"], f"{name}'s direct chat is welcomed")
    return user, room


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--hs", required=True, help="Synapse base URL")
    parser.add_argument("--tandem", required=True, help="Tandem base URL")
    parser.add_argument("--db", required=True, help="Tandem's SQLite file")
    parser.add_argument("--hs-config", required=True, help="homeserver.yaml (for register_new_matrix_user)")
    parser.add_argument("--register", required=True, help="path of register_new_matrix_user")
    parser.add_argument("--counts", required=True, help="file to write 'PASSED FAILED' to")
    parser.add_argument("--password", required=True, help="alice's password")
    parser.add_argument("--state", required=True, help="the rooms the first driver made (JSON)")
    parser.add_argument("--restarted-at", type=int, required=True, help="when Synapse restarted (epoch ms)")
    parser.add_argument("--max-txn", type=int, required=True, help="the highest txnId Tandem got before the restart")
    parser.add_argument("--config", required=True, help="Tandem's JSON config (tokens)")
    args = parser.parse_args()
    check.to_the_end("rooms driver ran to the end", run, args)
    check.write_counts(args.counts, "w")


def run(args):
    with open(args.state) as handle:
        state = json.load(handle)
    with open(args.config) as handle:
        args.as_token = json.load(handle)["matrix"]["as_token"]
    alice = login(args, "alice", args.password)
    bob = login(args, "bob", state["bob_password"])
    restart(args, alice, state)
    third_member(alice, bob)
    broadcast(args, alice, bob, state)
    private_in_group(args, alice, bob, state)
    mentions(alice, bob)
    replies_and_edits(alice, state)
    long_message(args, alice, state)
    bank_details(args, alice)


def restart(args, alice, state):
    """Synapse restarted with nothing pending numbers its transactions from 1 again: Tandem still hears it."""
    sent = alice.say(state["dm"], "help")
    expect(alice, state["dm"], sent, ["You can say"], "after the Synapse restart: 'help' in the direct chat is answered")
    room = alice.create_room(direct=True)
    expect(alice, room, None, ["I'm Tandem"], "after the Synapse restart: an invite is joined and welcomed")
    reused = query(args.db, "SELECT txn_id FROM matrix_transactions WHERE received_at >= ? AND txn_id GLOB '[0-9]*'"
                      " AND CAST(txn_id AS INTEGER) <= ?", (args.restarted_at, args.max_txn))
    check(f"Synapse reused transaction IDs after its restart (seen up to {args.max_txn} before)", len(reused) >= 2,
          f"reused after the restart: {reused}")



def quiet_after(user, room, plain, addressed, wanted, name):
    """`plain` (chatter) must get no answer: the bot's first message after it answers `addressed` (sent after it)."""
    expect(user, room, addressed, wanted, f"{name}: the addressed message is answered")
    after_plain = user.bot_messages_after(room, plain)
    after_addressed = user.bot_messages_after(room, addressed)
    check(f"{name}: the chatter is not answered", len(after_plain) == len(after_addressed), bodies(after_plain))


def third_member(alice, bob):
    """A direct chat that a third person joins is a group room from then on: chatter there is not for the bot."""
    room = alice.create_room(direct=True)
    expect(alice, room, None, ["I'm Tandem"], "a new direct chat is welcomed")
    sent = alice.say(room, "help")
    expect(alice, room, sent, ["You can say"], "direct chat: a plain 'help' is answered")
    alice.invite(room, "@bob:localhost")
    bob.join(room)
    plain = alice.say(room, "bob, shall we meet on Tuesday?")
    addressed = alice.say(room, "!tandem help")
    quiet_after(alice, room, plain, addressed, ["You can say"], "after a third member joined the direct chat")



def direct_room_opened_for(args, user):
    """The direct chat Tandem opened for `user` (polled: the outbox opens it), or None."""
    end = time.monotonic() + REPLY_DEADLINE
    while time.monotonic() < end:
        rows = query(args.db, "SELECT room_id FROM matrix_rooms WHERE dm_user = ? AND invited_by = ?", (user, BOT))
        if rows:
            return rows[0][0]
        time.sleep(0.2)
    return None


def broadcast(args, alice, bob, state):
    """Fran's broadcast to her cohort reaches alice's direct chat, and bob and carol — who never wrote to the bot in
    a direct chat — in direct chats the bot opens for them; the pair's shared room gets no personal copy."""
    fran, room = registered_with_direct_chat(args, "fran")
    carol = register(args, "carol")
    sent = fran.say(room, "broadcast to cohort c1: please log your sessions this week")
    expect(fran, room, sent, ["3 people"], "fran's broadcast preview counts alice, bob and carol")
    sent = fran.say(room, "send broadcast")
    expect(fran, room, sent, ["3 messages on their way"], "'send broadcast' sends three personal copies")
    wanted = ["please log your sessions this week"]
    expect(alice, state["dm"], None, wanted, "alice gets the broadcast in her direct chat")
    for name, user in (("bob", bob), ("carol", carol)):
        opened = direct_room_opened_for(args, f"@{name}:localhost")
        if not check(f"the bot opened a direct chat for {name}, who never wrote to it", opened, "no room"):
            continue
        user.join(opened)
        expect(user, opened, None, wanted, f"{name} reads the broadcast in the direct chat the bot opened")
        invite = [e for e in user.timeline(opened) if e.get("type") == "m.room.member"
                  and e.get("state_key") == f"@{name}:localhost" and e["content"].get("membership") == "invite"]
        check(f"{name}'s invite is marked is_direct", invite and invite[0]["content"].get("is_direct") is True,
              repr(invite))
    status, direct = http("GET", args.hs + f"/_matrix/client/v3/user/{BOT}/account_data/m.direct".replace("@", "%40"),
                          token=args.as_token)
    check("the bot's m.direct lists the chats it opened",
          status == 200 and "@carol:localhost" in (direct or {}) and "@bob:localhost" in (direct or {}),
          f"{status} {direct}")
    shared = [m for m in alice.bot_messages_after(state["group"], None) if wanted[0] in m["content"].get("body", "")]
    check("the pair's shared room got no personal copy of the broadcast", not shared, bodies(shared))



def answered_privately(user, room, dm, text, private_wanted, note, name):
    """`text` in the group `room` gets only `note` there; `private_wanted` arrives in the direct chat `dm`."""
    dm_before = user.timeline(dm)[-1]["event_id"]
    sent = user.say(room, text)
    messages = expect(user, room, sent, [note], f"{name}: the room hears '{note}'")
    check(f"{name}: nothing else is said in the room", len(messages) == 1, bodies(messages))
    expect(user, dm, dm_before, private_wanted, f"{name}: the answer is in the direct chat")


def private_in_group(args, alice, bob, state):
    """Personal commands typed in a group room are answered in the direct chat; questions continue there; the
    pair's own records may be shown in the pair's room, but not once a stranger is in it."""
    group, dm = state["group"], state["dm"]
    answered_privately(alice, group, dm, "!tandem my data", ["Everything Tandem stores about you"],
                       "Alice, I've answered you privately.", "'my data' in the pair room")
    answered_privately(alice, group, dm, "!tandem log", ["When did you meet?"],
                       "Alice, I've asked you privately — please answer me there.", "'log' in the pair room")
    sent = alice.say(dm, "yesterday")
    expect(alice, dm, sent, ["What time did you start?"], "the plain answer in the direct chat continues the flow")
    sent = alice.say(dm, "cancel")
    expect(alice, dm, sent, ["I stopped logging a meeting"], "'cancel' in the direct chat")
    sent = alice.say(group, "!tandem what's next")
    messages = expect(alice, group, sent, ["you are the mentee"], "'what's next' in the pair's own room is answered there")
    eve = register(args, "eve")
    alice.invite(group, "@eve:localhost")
    eve.join(group)
    answered_privately(alice, group, dm, "!tandem what's next", ["you are the mentee"],
                       "Alice, I've answered you privately.", "'what's next' once a stranger is in the room")
    sent = eve.say(group, "!tandem my data")
    messages = expect(eve, group, sent, ["answered you privately"],
                      "a stranger's 'my data' in the shared room: the room hears a note")
    check("the stranger's 'my data' says nothing about anyone in the room",
          not any("Alice" in m["content"].get("body", "") or "stores about you" in m["content"].get("body", "")
                  for m in messages), bodies(messages))



PILL = '<a href="https://matrix.to/#/@tandem:localhost">Tandem</a>'


def mention(user, room, before, after):
    """A message as Element sends a mention of the bot: its name in the body, a pill, m.mentions."""
    return user.send(room, {"msgtype": "m.text", "body": f"{before}Tandem{after}", "format": "org.matrix.custom.html",
                            "formatted_body": f"{before}{PILL}{after}", "m.mentions": {"user_ids": [BOT]}})


def mentions(alice, bob):
    """In a pair's room, a mention of the bot by its display name anywhere in a message addresses it."""
    room = alice.create_room(direct=False)
    alice.invite(room, "@bob:localhost")
    bob.join(room)
    expect(alice, room, None, ["Hello, pair!"], "a new pair room is welcomed")
    sent = mention(alice, room, "what's next for us, ", "?")
    expect(alice, room, sent, ["you are the mentee"], "a mention by display name mid-sentence is answered in the room")
    sent = mention(bob, room, "hey ", ", what's next for us?")
    expect(bob, room, sent, ["you are the mentor"], "'hey Tandem, what's next for us?' is answered in the room")
    plain = bob.send(room, {"msgtype": "m.text", "body": "we can do this in tandem", "m.mentions": {}})
    addressed = alice.say(room, "!tandem help")
    quiet_after(alice, room, plain, addressed, ["You can say"], "'in tandem' with m.mentions naming nobody")


def replies_and_edits(alice, state):
    """A reply quoting the bot's question is an answer without the quote; an edit of the last answer replaces it."""
    dm = state["dm"]
    sent = alice.say(dm, "log")
    messages = expect(alice, dm, sent, ["When did you meet?"], "'log' asks for the date")
    question = next(m for m in messages if "When did you meet?" in m["content"]["body"])
    quoted = question["content"]["body"]
    today = datetime.date.today()
    first, edited = (today - datetime.timedelta(days=1)).isoformat(), (today - datetime.timedelta(days=3)).isoformat()
    answer = alice.send(dm, {
        "msgtype": "m.text", "body": f"> <{BOT}> {quoted}\n\n{first}", "format": "org.matrix.custom.html",
        "formatted_body": f"<mx-reply><blockquote><a href=\"https://matrix.to/#/{BOT}\">{BOT}</a><br>{quoted}"
                          f"</blockquote></mx-reply>{first}",
        "m.relates_to": {"m.in_reply_to": {"event_id": question["event_id"]}}, "m.mentions": {"user_ids": [BOT]}})
    expect(alice, dm, answer, ["What time did you start?"], "a reply with a fallback is taken as the answer")
    sent = alice.send(dm, {"msgtype": "m.text", "body": f"* {edited}",
                           "m.new_content": {"msgtype": "m.text", "body": edited},
                           "m.relates_to": {"rel_type": "m.replace", "event_id": answer}})
    expect(alice, dm, sent, ["I've taken your edited answer", "What time did you start?"],
           "an edit of the last answer replaces it")
    for text in ("skip", "30 min", "edits"):
        alice.say(dm, text)
    sent = alice.say(dm, "skip")
    expect(alice, dm, sent, [f"Date: {edited}"], "the summary has the edited date, not the quoted question")
    sent = alice.send(dm, {"msgtype": "m.text", "body": f"* {first}", "m.new_content": {"msgtype": "m.text", "body": first},
                           "m.relates_to": {"rel_type": "m.replace", "event_id": answer}})
    expect(alice, dm, sent, ["can't apply an edit"], "an edit of an earlier answer is not applied, and said so")
    sent = alice.say(dm, "no")
    expect(alice, dm, sent, ["What should I change"], "'no' at the confirmation asks what to change")



def long_message(args, alice, state):
    """A 35 KB message (typed where the bot asked what to change): the reply quotes a short excerpt at most, fits in
    an event, and nothing goes dead."""
    dm = state["dm"]
    paste = ("visa rules and budget lines, " * 1300)[:35_000]
    sent = alice.say(dm, "log yesterday 45 min topics: " + paste)
    messages = expect(alice, dm, sent, ["I couldn't use"], "a 35 KB message is answered")
    sizes = [len(m["content"].get("body", "").encode()) for m in messages]
    check("the replies to a 35 KB message quote an excerpt at most (each under 1 KB)", max(sizes) < 1_000, sizes)
    sent = alice.say(dm, "cancel")
    expect(alice, dm, sent, ["I stopped"], "'cancel' after the 35 KB message")
    dead = query(args.db, "SELECT id, last_error FROM outbox WHERE status = 'dead'")
    check("no reply went to the dead queue", not dead, repr(dead))


def bank_details(args, alice):
    """Dora (city_to_city, where expenses are claimed) gives her IBAN: in her direct chat the bot redacts the
    message once the IBAN is sealed; in a group room, where the bot may not redact her message, it asks her to."""
    dora, dm = registered_with_direct_chat(args, "dora")
    iban = dora.say(dm, "iban BG80 BNBG 9661 1020 3456 78")
    expect(dora, dm, iban, ["Whose name is the account in?"], "'iban …' asks whose account it is")
    sent = dora.say(dm, "Dora Petrova")
    expect(dora, dm, sent, ["Saved", "BG80"], "the bank details are saved, the IBAN shown masked")
    end = time.monotonic() + REPLY_DEADLINE
    content = None
    while time.monotonic() < end:
        status, event = dora.call("GET", f"/_matrix/client/v3/rooms/{q(dm)}/event/{q(iban)}")
        content = (event or {}).get("content")
        if status == 200 and content == {}:
            break
        time.sleep(0.2)
    check("the message with the IBAN is redacted from the direct chat", content == {}, repr(content))
    stored = query(args.db, "SELECT COUNT(*) FROM inbound_messages WHERE body LIKE '%9661%'")[0][0]
    check("the IBAN's message body is not kept in inbound_messages", stored == 0, stored)
    group = dora.create_room(direct=False)
    dora.invite(group, "@alice:localhost")
    alice.join(group)
    expect(dora, group, None, ["Hello, pair!"], "dora's group room is welcomed")
    sent = dora.say(group, "!tandem iban BG80 BNBG 9661 1020 3456 78")
    expect(dora, group, sent, ["asked you privately", "Please delete your message"],
           "in a group room where the bot may not redact, dora is asked to delete the IBAN")
    status, event = dora.call("GET", f"/_matrix/client/v3/rooms/{q(group)}/event/{q(sent)}")
    check("(the bot could not redact it: power level 0 in a private_chat room)",
          status == 200 and (event or {}).get("content", {}).get("body", "").startswith("!tandem iban"), f"{status}")


if __name__ == "__main__":
    main()
    sys.exit(0)
