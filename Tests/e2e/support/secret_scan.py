#!/usr/bin/env python3
"""Secrets must never leave Tandem except in the finance export: scans the service log, the /metrics page and every
reply in the outbox for the configured tokens, webhook secret, SMTP password, data key and full IBANs.

  secret_scan.py CONFIG LOG METRICS DATABASE [SECRET...]

The secrets are every configured setting named *token*, *secret*, *password* or *key*, plus the SECRET arguments
(e.g. the full IBANs the test typed).

Prints each leak (which secret, where — never the value) and exits 1 if there is any.
"""
import json
import sqlite3
import sys

def main():
    config_path, log, metrics, db, *extra = sys.argv[1:]
    config = json.load(open(config_path))
    secrets = {f"{section}.{key}": value for section, keys in config.items() if isinstance(keys, dict)
               for key, value in keys.items()
               if isinstance(value, str) and len(value) >= 8
               and any(word in key for word in ("token", "secret", "password", "key"))}
    secrets.update({f"argument {n + 1}": value for n, value in enumerate(extra)})
    connection = sqlite3.connect(db)
    places = {
        "the log": open(log, errors="replace").read(),
        "/metrics": open(metrics, errors="replace").read(),
        "the replies (outbox)": "\n".join(row[0] for row in connection.execute("SELECT body FROM outbox")),
    }
    leaks = [f"{name} in {place}" for name, value in secrets.items() for place, text in places.items()
             if value in text]
    print(f"secret scan: {len(secrets)} secrets ({', '.join(sorted(secrets))}) in {len(places)} places")
    for leak in leaks:
        print("LEAK", leak)
    return 1 if leaks else 0


if __name__ == "__main__":
    sys.exit(main())
