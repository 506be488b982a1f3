"""A real SMTP server for the email e2e tests: aiosmtpd on 127.0.0.1, every message stored in a Maildir.

Usage: email_smtp_server.py MAILDIR PORT [--mode-file FILE] [--login USER:PASSWORD]
Prints "ready" once listening and runs until SIGTERM/SIGINT. Each stored message gets X-MailFrom, X-RcptTo and
X-Sequence (arrival order, from 1) headers. With --mode-file, the file's content decides each MAIL FROM: `ok`
(or no file) accepts, a three-digit code such as `451` answers that code (a temporary failure, for outage tests).
With --login, AUTH PLAIN/LOGIN with that user and password is required (offered without TLS: loopback tests only).
"""
import argparse
import mailbox
import signal
import threading

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


class MaildirHandler:
    def __init__(self, path, mode_file):
        self.maildir = mailbox.Maildir(path, create=True)
        self.mode_file = mode_file
        self.sequence = 0
        self.refused = 0

    def mode(self):
        try:
            with open(self.mode_file) as handle:
                return handle.read().strip() or "ok"
        except (OSError, TypeError):
            return "ok"

    async def handle_MAIL(self, server, session, envelope, address, options):
        mode = self.mode()
        if mode != "ok":
            self.refused += 1
            print(f"refused MAIL FROM {address} with {mode} ({self.refused})", flush=True)
            return f"{mode} 4.3.0 Outage test: try again later"
        envelope.mail_from = address
        envelope.mail_options.extend(options)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        data = envelope.original_content or envelope.content
        if isinstance(data, str):
            data = data.encode("utf-8", "surrogateescape")
        self.sequence += 1
        envelope_headers = "X-MailFrom: {}\r\nX-RcptTo: {}\r\nX-Sequence: {}\r\n".format(
            envelope.mail_from, ", ".join(envelope.rcpt_tos), self.sequence).encode()
        self.maildir.add(envelope_headers + data)
        return "250 OK stored"


def authenticator(user, password):
    def check(server, session, envelope, mechanism, auth_data):
        ok = isinstance(auth_data, LoginPassword) and auth_data.login.decode() == user \
            and auth_data.password.decode() == password
        return AuthResult(success=ok)
    return check


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("maildir")
    parser.add_argument("port", type=int)
    parser.add_argument("--mode-file")
    parser.add_argument("--login")
    args = parser.parse_args()
    options = {}
    if args.login:
        user, _, password = args.login.partition(":")
        options = {"authenticator": authenticator(user, password), "auth_require_tls": False, "auth_required": True}
    controller = Controller(MaildirHandler(args.maildir, args.mode_file), hostname="127.0.0.1", port=args.port,
                            **options)
    controller.start()
    print("ready", flush=True)
    stop = threading.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: stop.set())
    stop.wait()
    controller.stop()


if __name__ == "__main__":
    main()
