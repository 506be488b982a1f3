#!/usr/bin/env bash
# End-to-end: Matrix replies survive SIGKILL between storing and delivering, and are delivered exactly once.
#  1. a fake homeserver (Tests/e2e/support/fake_homeserver.py) is DOWN (503); `tandem serve` accepts the
#     appservice transactions (invites + messages), stores them and their replies, tries to deliver, fails;
#     SIGKILL;
#  2. the homeserver is UP but holds back its answer to the first message it accepts; SIGKILL while it waits
#     (the message is at the homeserver, Tandem still has it queued);
#  3. restart: the outbox drains; the resend of (2) carries the same txnId and is de-duplicated.
# Then: each outbox row reached the homeserver once per txnId, joins before messages, messages in outbox id order,
# and the SQLite file passes PRAGMA integrity_check.
set -uo pipefail
cd "$(dirname "$0")/../.."
. Tests/e2e/support/common.sh
e2e_begin matrix-crash tandem_pid hs_pid
driver="$repo/Tests/e2e/support/crash_driver.py"
show_failure() {
    tail_logs 15 "$work"/tandem-*.log
    [ -s "$work/hs.jsonl" ] && { echo "--- homeserver log"; tail -n 30 "$work/hs.jsonl" | sed 's/^/    /'; }
}
step() { python3 "$driver" "$1" --tandem "$tandem_url" --config "$config" --db "$db" --hs-log "$work/hs.jsonl" \
    --counts "$work/counts"; }
start_tandem() { # start_tandem NAME: starts `tandem serve`, waits for /healthz
    start_serve "$config" "$work/tandem-$1.log" "$tandem_port" && ok "tandem serve ($1) answers /healthz" \
        || { fail "tandem serve ($1) did not become healthy"; finish; }
}
kill_tandem() { # SIGKILL, no chance to finish anything
    sigkill_tandem && ok "tandem killed (SIGKILL)" || fail "tandem still running after SIGKILL"
    tandem_pid=""
}

need_tandem

# --- the fake homeserver, down -------------------------------------------------------------------------------------
mkdir -p "$work/control"
touch "$work/control/down"
start_fake_homeserver --hang-seconds 60 || finish
ok "fake homeserver listening at $hs_url (down)"

# --- configuration -----------------------------------------------------------------------------------------------------
tandem_port=$(free_port)
tandem_url="http://127.0.0.1:$tandem_port"
config="$work/tandem.json"
db="$work/tandem.sqlite"
write_config "$config" "$db" "$tandem_port"
matrix_registration "$tandem_url" --homeserver "$hs_url"

# --- 1. stored while the homeserver is down, then SIGKILL ------------------------------------------------------------
start_tandem first
step send
step queued
kill_tandem

# --- 2. the homeserver accepts the first message but Tandem is killed before it hears so -----------------------------
touch "$work/control/hang_next_send"
rm -f "$work/control/down"
start_tandem second
step wait-hung
kill_tandem

# --- 3. restart: everything is delivered, once -------------------------------------------------------------------------
start_tandem third
step drained
step repeat
stop_cleanly "$tandem_pid" 10
tandem_pid=""
step verify
finish
