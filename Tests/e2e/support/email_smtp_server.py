"""A real SMTP server for Tests/e2e/email_smtp.sh: aiosmtpd on 127.0.0.1, every message stored in a Maildir.

Usage: email_smtp_server.py MAILDIR PORT — prints "ready" once listening and runs until SIGTERM/SIGINT.
Each stored message gets X-MailFrom and X-RcptTo headers with its envelope.
"""
import mailbox
import signal
import sys
import threading

from aiosmtpd.controller import Controller


class MaildirHandler:
    def __init__(self, path):
        self.maildir = mailbox.Maildir(path, create=True)

    async def handle_DATA(self, server, session, envelope):
        data = envelope.original_content or envelope.content
        if isinstance(data, str):
            data = data.encode("utf-8", "surrogateescape")
        envelope_headers = "X-MailFrom: {}\r\nX-RcptTo: {}\r\n".format(
            envelope.mail_from, ", ".join(envelope.rcpt_tos)).encode()
        self.maildir.add(envelope_headers + data)
        return "250 OK stored"


def main():
    path, port = sys.argv[1], int(sys.argv[2])
    controller = Controller(MaildirHandler(path), hostname="127.0.0.1", port=port)
    controller.start()
    print("ready", flush=True)
    stop = threading.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: stop.set())
    stop.wait()
    controller.stop()


if __name__ == "__main__":
    main()
