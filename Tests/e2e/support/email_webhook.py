"""Shared by the email e2e drivers: POST a mail to /hooks/email as a mail server does, and read the answers from
the Maildir of Tests/e2e/support/email_smtp_server.py. A driver's main: `args, hook = Webhook.from_arguments()`."""
import argparse
import email.utils
import os
import sys
import time
import urllib.error
import urllib.request
import uuid

sys.path.insert(0, os.path.dirname(__file__))
from email_maildir import messages_to  # noqa: E402


class Webhook:
    def __init__(self, http_port, secret, maildir):
        self.url = f"http://127.0.0.1:{http_port}/hooks/email"
        self.secret = secret
        self.maildir = maildir

    @classmethod
    def from_arguments(cls, *options):
        """Parses the command line: --http-port --secret --db --maildir --counts and `options`, all required;
        returns (the parsed arguments, a Webhook for them)."""
        parser = argparse.ArgumentParser()
        for name in ("--http-port", "--secret", "--db", "--maildir", "--counts", *options):
            parser.add_argument(name, required=True)
        args = parser.parse_args()
        return args, cls(args.http_port, args.secret, args.maildir)

    def post_raw(self, raw):
        """POSTs raw message bytes; returns (status, response body)."""
        request = urllib.request.Request(
            self.url, data=raw, method="POST",
            headers={"Authorization": f"Bearer {self.secret}", "Content-Type": "message/rfc822"})
        try:
            with urllib.request.urlopen(request, timeout=20) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()

    def post(self, sender, text, to="tandem@example.org", headers=(), in_reply_to=None, subject="Tandem",
             content_type="text/plain; charset=utf-8"):
        """POSTs a mail with these fields; returns (status, response body)."""
        lines = [f"From: {sender}", f"To: {to}", f"Subject: {subject}", f"Date: {email.utils.formatdate()}",
                 f"Message-ID: <{uuid.uuid4()}@mail.example.org>", "MIME-Version: 1.0", *headers]
        if in_reply_to:
            lines += [f"In-Reply-To: {in_reply_to}", f"References: {in_reply_to}"]
        lines += [f"Content-Type: {content_type}", "", text]
        return self.post_raw("\r\n".join(lines).encode())

    def mails(self, address):
        return messages_to(self.maildir, address)

    def wait_for(self, address, count, seconds=15):
        """Waits until `address` has at least `count` answers, then a moment for any extra one; returns them."""
        end = time.time() + seconds
        while time.time() < end and len(self.mails(address)) < count:
            time.sleep(0.1)
        time.sleep(0.5)
        return self.mails(address)


def text(message):
    """The plain text of a parsed answer."""
    body = message.get_body(preferencelist=("plain",))
    return body.get_content() if body is not None else ""
