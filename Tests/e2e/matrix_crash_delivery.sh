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
repo=$(pwd)
tandem="$(swift build --show-bin-path)/tandem"
work=$(mktemp -d "${TMPDIR:-/tmp}/tandem-e2e-crash.XXXXXX")
driver="$repo/Tests/e2e/support/crash_driver.py"
passed=0
failed=0
hs_pid=""
tandem_pid=""

. Tests/e2e/support/common.sh
cleanup() {
    stop "$tandem_pid"
    stop "$hs_pid"
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP

finish() {
    add_counts "$work/counts"
    if [ "$failed" -ne 0 ]; then
        for log in "$work"/tandem-*.log; do
            [ -s "$log" ] && { echo "--- last lines of $log"; tail -n 15 "$log" | sed 's/^/    /'; }
        done
        [ -s "$work/hs.jsonl" ] && { echo "--- homeserver log"; tail -n 30 "$work/hs.jsonl" | sed 's/^/    /'; }
    fi
    echo "matrix-crash: $passed passed, $failed failed"
    [ "$failed" -eq 0 ] && exit 0 || exit 1
}
# TANDEM_* variables of the caller would override the test's configuration: every tandem runs without them.
no_tandem_env=$(env | sed -n 's/^\(TANDEM_[A-Za-z0-9_]*\)=.*/-u \1/p')
step() { python3 "$driver" "$1" --tandem "$tandem_url" --config "$config" --db "$db" --hs-log "$work/hs.jsonl" \
    --counts "$work/counts"; }
start_tandem() { # start_tandem NAME: starts `tandem serve`, waits for /healthz
    env $no_tandem_env "$tandem" serve --config "$config" >"$work/tandem-$1.log" 2>&1 &
    tandem_pid=$!
    local end=$((SECONDS + 30))
    while [ $SECONDS -lt $end ] && kill -0 "$tandem_pid" 2>/dev/null; do
        if [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$tandem_url/healthz")" = 200 ]; then
            ok "tandem serve ($1) answers /healthz"; return 0
        fi
        sleep 0.1
    done
    fail "tandem serve ($1) did not become healthy"; finish
}
kill_tandem() { # SIGKILL, no chance to finish anything
    kill -9 "$tandem_pid" 2>/dev/null
    wait "$tandem_pid" 2>/dev/null
    if kill -0 "$tandem_pid" 2>/dev/null; then fail "tandem still running after SIGKILL"; else ok "tandem killed (SIGKILL)"; fi
    tandem_pid=""
}

[ -x "$tandem" ] || { fail "tandem binary at $tandem (run swift build)"; finish; }

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
python3 - "$config" "$db" "$tandem_port" "$repo/Dialogs" <<'EOF'
import json, sys
path, db, port, dialogs = sys.argv[1:]
json.dump({"database": {"path": db}, "http": {"host": "127.0.0.1", "port": int(port)}, "dialogs": {"path": dialogs}},
          open(path, "w"), indent=2)
EOF
env $no_tandem_env "$tandem" matrix registration --url "$tandem_url" --server-name localhost --homeserver "$hs_url" \
    --config "$config" >"$work/registration.yaml" 2>"$work/registration.err" \
    || { fail "tandem matrix registration: $(cat "$work/registration.err")"; finish; }

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
