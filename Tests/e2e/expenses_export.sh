#!/usr/bin/env bash
# End to end: three expense claims made through `tandem chat` (a BGN one converted at the template's fixed rate,
# a mentor's food claim over its line, a transport claim), one approved by the finance coordinator, receipt files
# attached as a file channel stores them, then `tandem expenses export` — read back with Python's csv module:
# exact amounts, full IBANs, byte-identical receipts. The IBANs are sealed with a configured expenses.data_key,
# which is then rotated (`tandem expenses rekey`) before the export: only the new key opens them.
# Needs `tandem expenses` wired in Sources/tandem/main.swift. TANDEM=path/to/tandem overrides the binary.
set -euo pipefail
cd "$(dirname "$0")/../.."
BIN=${TANDEM:-.build/debug/tandem}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
db=$work/tandem.sqlite

start=$(date -u -d '20 days ago' +%F)  # "yesterday" must fall inside the programme
"$BIN" programme create --name Exchange --template city_to_city --start "$start" --db "$db" >/dev/null
cat >"$work/people.csv" <<'CSV'
name,role,pair,cohort,email,language
Ana,mentee,p1,Sofia,ana@example.org,en
Marco,mentor,p1,Sofia,marco@example.org,en
Georgi,finance_coordinator,,,georgi@example.org,en
CSV
"$BIN" import "$work/people.csv" --programme Exchange --db "$db" >/dev/null

export TANDEM_EXPENSES_DATA_KEY=e2e-first-data-key-0123456789-abcdefghijk
chat() { "$BIN" chat --db "$db" --as "$1" >>"$work/chat.log"; }
printf '%s\n' 'iban BG80 BNBG 9661 1020 3456 78' 'Ana Petrova' 'lost receipt' 'The receipt is coming by post.' \
    '250 BGN' travel yesterday 'Hotel in Plovdiv' skip yes | chat ana@example.org
printf '%s\n' 'iban PT50 0002 0123 1234 5678 9015 4' 'Marco Silva' 'lost receipt' 'The receipt is coming by post.' \
    '180 EUR' food yesterday 'Dinner for the visit' skip yes \
    'lost receipt' 'The receipt is coming by post.' '33.33 EUR' transport yesterday 'Taxis' skip yes \
    | chat marco@example.org
printf '%s\n' 'approve 2' | chat georgi@example.org

# The receipts, stored and linked as a Matrix or email message with files would have them (the terminal sends none).
python3 - "$db" "$work" <<'PY'
import hashlib, sqlite3, sys
db, work = sys.argv[1], sys.argv[2]
files = [(1, "hotel.pdf", "application/pdf", b"%PDF-1.4\nhotel\x00\x01\r\n"),
         (2, "dinner.jpg", "image/jpeg", bytes([0xFF, 0xD8, 0xFF, 0xE0]) + b"dinner"),
         (3, "taxi.png", "image/png", bytes([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) + b"taxi")]
connection = sqlite3.connect(db)
with connection:
    for claim, name, media, data in files:
        sha = hashlib.sha256(data).hexdigest()
        connection.execute("INSERT INTO attachments VALUES (?, ?, ?, ?, ?, 0)", (sha, name, media, len(data), data))
        connection.execute("INSERT INTO expense_receipts VALUES (?, ?, 1)", (claim, sha))
        open(f"{work}/sent-{claim}", "wb").write(data)
PY

# Key rotation: the previous key comes from an environment variable, never the command line.
export PREVIOUS_KEY=$TANDEM_EXPENSES_DATA_KEY TANDEM_EXPENSES_DATA_KEY=e2e-second-data-key-0123456789-abcdefghij
"$BIN" expenses rekey --previous-key-env PREVIOUS_KEY --db "$db" | grep -q "re-sealed 2 bank details"
if TANDEM_EXPENSES_DATA_KEY=$PREVIOUS_KEY "$BIN" expenses export --programme Exchange --out "$work/old" --db "$db" \
    >/dev/null 2>&1; then
    echo "FAIL: the previous key still opened the bank details after the rotation"; exit 1
fi
"$BIN" expenses export --programme Exchange --out "$work/out" --db "$db" >/dev/null

python3 - "$work" <<'PY'
import csv, hashlib, sys
work = sys.argv[1]
with open(f"{work}/out/claims.csv", newline="", encoding="utf-8") as f:
    rows = list(csv.DictReader(f))
expected = [("1", "Ana", "250.00", "BGN", "127.82", "EUR", "submitted", "BG80BNBG96611020345678", "claim-1-1.pdf"),
            ("2", "Marco", "180.00", "EUR", "180.00", "EUR", "approved", "PT50000201231234567890154", "claim-2-1.jpg"),
            ("3", "Marco", "33.33", "EUR", "33.33", "EUR", "submitted", "PT50000201231234567890154", "claim-3-1.png")]
assert len(rows) == 3, rows
for row, want in zip(rows, expected):
    got = (row["claim"], row["name"], row["amount"], row["currency"], row["converted_amount"],
           row["converted_currency"], row["status"], row["iban"], row["receipt_files"])
    assert got == want, (got, want)
    sent = open(f"{work}/sent-{row['claim']}", "rb").read()
    exported = open(f"{work}/out/receipts/{row['receipt_files']}", "rb").read()
    assert hashlib.sha256(sent).digest() == hashlib.sha256(exported).digest(), row["receipt_files"]
assert rows[1]["flags"] == "no_receipt over_line" and rows[1]["decision_date"], rows[1]
assert rows[0]["rate_per_eur"] == "1.95583" and rows[0]["rate_date"] == "2026-01-01", rows[0]
print("expenses export: 3 claims, exact amounts, 3 identical receipts")
PY
