#!/usr/bin/env python3
"""The scenario of Tests/e2e/email_reading.sh: replies written as real clients write them, against a running
`tandem serve`, through POST /hooks/email, with the answers read from a real SMTP server's Maildir.

  1. Ana logs a meeting and answers each question as a different client would: Apple Mail (a one-line answer
     directly above "On … wrote:"), Thunderbird (format=flowed, bottom-posted under the quote), Apple Mail again;
  2. Boyana, who speaks Bulgarian, confirms hers from stock Android mail ("Да" directly above "… написа:");
  3. spam from public test suites — marked failing SPF by the trusted mail server — gets no reply at all.
"""
import email.utils
import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
from checks import Checks  # noqa: E402
from email_webhook import Webhook, text  # noqa: E402
from tandem_e2e import first_value  # noqa: E402

TRUSTED = "mx.tandem.test"
check = Checks(600)
args = None
hook = None


def q(sql, params=()):
    return first_value(args.db, sql, params)


def answer(address, mail, body, content_type="text/plain; charset=utf-8"):
    """Replies to `mail` through its reply address with `body`; returns the answer Tandem sent back."""
    before = len(hook.mails(address))
    status, _ = hook.post(address, body, to=mail["Reply-To"], in_reply_to=mail["Message-ID"],
                          subject="Re: " + str(mail["Subject"]), content_type=content_type)
    check(f"reply from {address} accepted", status == 200, status)
    answers = hook.wait_for(address, before + 1)
    check(f"... and answered ({address})", len(answers) == before + 1, len(answers))
    return answers[-1] if len(answers) > before else None


def quoted(mail):
    return "\n".join("> " + line for line in text(mail).splitlines())


def attribution(mail, template):
    sender = mail["From"]
    return template.format(name=email.utils.parseaddr(str(sender))[0], address=mail["Reply-To"].addresses[0].addr_spec)


def first_mail(who, sender, body, wanted, asked):
    """`who` mails `body` from `sender`; Tandem's first answer must hold `wanted` (the check `asked`); returns it."""
    address = email.utils.parseaddr(sender)[1]
    status, _ = hook.post(sender, body)
    check(f"{who}'s meeting mail accepted", status == 200, status)
    mail = hook.wait_for(address, 1)[-1]
    check(asked, wanted in text(mail), text(mail))
    return mail


def ana():
    address = "ana@example.org"
    mail = first_mail("Ana", f"Ana <{address}>", "log yesterday 45 min topics: visa rules", "What time did you start?",
                      "Tandem asks when it started")

    apple = "14:00\n" + attribution(mail, "On 4 Dec 2026, at 13:31, {name} <{address}> wrote:") + "\n\n" + quoted(mail)
    mail = answer(address, mail, apple)
    check("Apple Mail: the one-line answer above the attribution was read (14:00)",
          mail is not None and "next steps" in text(mail).lower() and "couldn't" not in text(mail), mail and text(mail))

    # Thunderbird, format=flowed: the attribution and the quote first (its lines end in a space: soft breaks), the
    # answer under it — which RFC 3676 forbids joining to the quoted line above.
    lines = [attribution(mail, "On 04/12/2026 13:31, {name} wrote:")]
    lines += ["> " + line + " " for line in text(mail).splitlines() if line.strip()]
    lines += ["skip", ""]
    mail = answer(address, mail, "\r\n".join(lines), content_type="text/plain; charset=utf-8; format=flowed")
    check("Thunderbird flowed bottom post: 'skip' was read, the meeting is ready to save",
          mail is not None and "Save this meeting to your log?" in text(mail), mail and text(mail))

    apple = "Yes\n" + attribution(mail, "On 4 Dec 2026, at 13:35, {name} <{address}> wrote:") + "\n\n" + quoted(mail)
    mail = answer(address, mail, apple)
    check("Apple Mail 'Yes' saved the meeting", mail is not None and "Saved to your mentoring log" in text(mail),
          mail and text(mail))
    check("the log entry has the start time from the Apple Mail answer",
          q("SELECT COUNT(*) FROM log_entries WHERE start_time = '14:00' AND duration_minutes = 45") == 1)


def boyana():
    address = "boyana@example.org"
    mail = first_mail("Boyana", f"Бояна <{address}>", "запиши вчера 45 мин теми: визи\nпропусни\nпропусни",
                      "Да запиша ли тази среща в дневника?", "Tandem asks her, in Bulgarian, to save it")
    android = "Да\n" + attribution(mail, '4.12.2026 13:31, "{name}" <{address}> написа:') + "\n" + quoted(mail)
    mail = answer(address, mail, android)
    check("stock Android in Bulgarian: 'Да' directly above '… написа:' saved the meeting",
          mail is not None and "Записано в дневника" in text(mail), mail and text(mail))


def spam():
    participants = q("SELECT COUNT(*) FROM participants")
    for path, sender in [(args.spam_big5, "3712f2@msa.hinet.net"), (args.spam_cpython, None)]:
        raw = open(path, "rb").read()
        mark = f"Authentication-Results: {TRUSTED}; spf=softfail smtp.mailfrom=spam.example\r\n".encode()
        status, body = hook.post_raw(mark + raw)
        check(f"spam {os.path.basename(path)}: 200", status == 200, status)
        if sender:
            check(f"... no reply to {sender}", len(hook.wait_for(sender, 1, seconds=2)) == 0)
    check("spam made no participant", q("SELECT COUNT(*) FROM participants") == participants)
    check("nothing was queued to any spam sender",
          q("SELECT COUNT(*) FROM outbox WHERE address NOT LIKE '%@example.org'") == 0)


def main():
    global args, hook
    args, hook = Webhook.from_arguments("--spam-big5", "--spam-cpython")
    try:
        ana()
        boyana()
        spam()
    finally:
        check.write_counts(args.counts)


if __name__ == "__main__":
    main()
