"""Reads the Maildir of Tests/e2e/support/email_smtp_server.py for Tests/e2e/email_smtp.sh.

  Only answers count: the scheduler's own notifications (Auto-Submitted: auto-generated) are skipped.
  email_maildir.py DIR count TO                 how many messages were sent to TO
  email_maildir.py DIR wait TO N SECONDS        waits until at least N messages went to TO, then prints the Nth
                                                (oldest first) as `Header: value` lines, a blank line and its text;
                                                exit 1 on timeout
  email_maildir.py DIR part TO N TYPE FILE      writes the decoded first TYPE part (e.g. text/calendar) of the Nth
                                                message to TO into FILE and prints its type and parameters
                                                (unquoted); exit 1 if none
"""
import email
import email.policy
import mailbox
import os
import sys
import time


def messages_to(path, recipient):
    found = []
    folder = os.path.join(path, "new")
    if not os.path.isdir(folder):
        return found
    for name in os.listdir(folder):
        with open(os.path.join(folder, name), "rb") as handle:
            message = email.message_from_bytes(handle.read(), policy=email.policy.default)
        # Answers only: notifications the scheduler sends on its own (deadline reminders, nudges) are
        # `Auto-Submitted: auto-generated`, answers to a person's mail `auto-replied`.
        if str(message.get("Auto-Submitted", "")).startswith("auto-generated"):
            continue
        if recipient.lower() in str(message.get("X-RcptTo", "")).lower():
            found.append((os.path.getmtime(os.path.join(folder, name)), name, message))
    found.sort(key=lambda item: (item[0], item[1]))
    return [message for _, _, message in found]


def show(message):
    for name in ("From", "To", "Reply-To", "Subject", "Date", "Message-ID", "In-Reply-To", "References",
                 "Auto-Submitted", "MIME-Version", "Content-Type"):
        if message.get(name) is not None:
            print("{}: {}".format(name, " ".join(str(message.get(name)).split())))
    body = message.get_body(preferencelist=("plain",))
    html = message.get_body(preferencelist=("html",))
    print("X-Has-HTML: {}".format("yes" if html is not None else "no"))
    print()
    print(body.get_content() if body is not None else "")


def main():
    path, command, recipient = sys.argv[1], sys.argv[2], sys.argv[3]
    if command == "count":
        print(len(messages_to(path, recipient)))
        return 0
    if command == "part":
        found = messages_to(path, recipient)
        wanted, media_type, target = int(sys.argv[4]), sys.argv[5], sys.argv[6]
        parts = [part for part in found[wanted - 1].walk() if part.get_content_type() == media_type] \
            if len(found) >= wanted else []
        if not parts:
            print("no {} part in message {} to {}".format(media_type, wanted, recipient), file=sys.stderr)
            return 1
        with open(target, "wb") as handle:
            handle.write(parts[0].get_payload(decode=True))
        print("; ".join([parts[0].get_content_type()] + ["{}={}".format(*p) for p in parts[0].get_params()[1:]]))
        return 0
    wanted, deadline = int(sys.argv[4]), time.time() + float(sys.argv[5])
    while True:
        found = messages_to(path, recipient)
        if len(found) >= wanted:
            show(found[wanted - 1])
            return 0
        if time.time() > deadline:
            print("timeout: {} message(s) to {}".format(len(found), recipient), file=sys.stderr)
            return 1
        time.sleep(0.1)


if __name__ == "__main__":
    sys.exit(main())
