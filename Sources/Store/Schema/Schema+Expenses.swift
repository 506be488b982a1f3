extension Schema {
    /// Expense claims, receipts, bank details, budget events.
    static let expenses: [Migration] = [expenseClaims, bankDetailsKeys]

    static let expenseClaims = Migration(
        version: 10, name: "expense claims, events, rates, bank details, secrets", sql: """
        -- Random secrets generated once per database (e.g. the key material for bank details). A configured key
        -- should replace this: a copy of the database file then no longer carries what decrypts it.
        CREATE TABLE secrets (
            name TEXT PRIMARY KEY,
            value TEXT NOT NULL,
            created_at INTEGER NOT NULL
        );
        -- Exchange rates a finance coordinator set for a programme: 1 EUR = per_eur units of currency, valid from
        -- rate_date. Exact decimal text, never floating point. Rows are never changed: a new rate is a new row.
        CREATE TABLE expense_rates (
            id INTEGER PRIMARY KEY,
            programme_id INTEGER NOT NULL REFERENCES programmes(id) ON DELETE CASCADE,
            currency TEXT NOT NULL CHECK (length(currency) = 3),
            per_eur TEXT NOT NULL,
            rate_date TEXT NOT NULL,
            set_by TEXT NOT NULL,
            created_at INTEGER NOT NULL
        );
        CREATE INDEX expense_rates_lookup ON expense_rates(programme_id, currency, rate_date);
        -- Where a participant's reimbursements go: account holder and IBAN, each sealed (AES-256-GCM) and bound to
        -- the participant; only the masked IBAN is readable without the key.
        CREATE TABLE bank_details (
            participant_id INTEGER PRIMARY KEY REFERENCES participants(id) ON DELETE CASCADE,
            holder_sealed BLOB NOT NULL,
            iban_sealed BLOB NOT NULL,
            iban_masked TEXT NOT NULL,
            updated_at INTEGER NOT NULL
        );
        -- One expense claim; its id is the claim number people use ("claim 12"). Amounts are exact minor units:
        -- as on the receipt, and converted into the budget line's currency.
        CREATE TABLE expense_claims (
            id INTEGER PRIMARY KEY,
            programme_id INTEGER NOT NULL REFERENCES programmes(id),
            participant_id INTEGER NOT NULL REFERENCES participants(id),
            role TEXT NOT NULL,
            category TEXT NOT NULL,
            expense_date TEXT NOT NULL,
            description TEXT NOT NULL,
            meeting_date TEXT,
            log_entry_id INTEGER REFERENCES log_entries(id) ON DELETE SET NULL,
            amount_minor INTEGER NOT NULL CHECK (amount_minor > 0),
            currency TEXT NOT NULL,
            converted_minor INTEGER NOT NULL CHECK (converted_minor >= 0),
            converted_currency TEXT NOT NULL,
            rate_per_eur TEXT,
            rate_date TEXT,
            no_receipt_reason TEXT,
            flags TEXT NOT NULL DEFAULT '',
            status TEXT NOT NULL CHECK (status IN
                ('draft', 'submitted', 'needs_info', 'approved', 'rejected', 'paid', 'dropped')),
            decided_at INTEGER,
            source_message_id INTEGER REFERENCES inbound_messages(id) ON DELETE SET NULL,
            created_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL
        );
        CREATE INDEX expense_claims_participant ON expense_claims(participant_id, status);
        CREATE INDEX expense_claims_programme ON expense_claims(programme_id, status);
        -- The receipt files of a claim (bytes in attachments, by SHA-256). The same file in two live claims is
        -- refused by the application, which can say which claim has it.
        CREATE TABLE expense_receipts (
            claim_id INTEGER NOT NULL REFERENCES expense_claims(id),
            sha256 TEXT NOT NULL,
            position INTEGER NOT NULL,
            PRIMARY KEY (claim_id, sha256)
        );
        CREATE INDEX expense_receipts_sha256 ON expense_receipts(sha256);
        -- Every change of a claim, append-only: who (NULL = Tandem itself), when, what.
        CREATE TABLE expense_events (
            id INTEGER PRIMARY KEY,
            claim_id INTEGER NOT NULL REFERENCES expense_claims(id),
            actor_id INTEGER REFERENCES participants(id),
            kind TEXT NOT NULL,
            detail TEXT NOT NULL DEFAULT '',
            created_at INTEGER NOT NULL
        );
        CREATE INDEX expense_events_claim ON expense_events(claim_id, id);
        CREATE TRIGGER expense_events_no_update BEFORE UPDATE ON expense_events
        BEGIN SELECT RAISE(ABORT, 'expense events are append-only'); END;
        CREATE TRIGGER expense_events_no_delete BEFORE DELETE ON expense_events
        BEGIN SELECT RAISE(ABORT, 'expense events are append-only'); END;
        """)

    static let bankDetailsKeys = Migration(version: 11, name: "bank details record the key that sealed them", sql: """
        -- `database` = the per-database secret in `secrets`; otherwise the id of the configured expenses.data_key.
        ALTER TABLE bank_details ADD COLUMN key_id TEXT NOT NULL DEFAULT 'database';
        """)
}
