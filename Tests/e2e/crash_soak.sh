#!/usr/bin/env bash
# End-to-end crash soak: nothing acknowledged is lost and nothing is answered twice while `tandem serve` is
# SIGKILLed at random moments and restarted, under load.
#  - a fake homeserver (Tests/e2e/support/fake_homeserver.py) on 127.0.0.1 records every send by txnId and
#    de-duplicates like a real one; now and then it holds back its answer to a send, so kills land mid-delivery;
#  - a load generator (Tests/e2e/support/soak_load.py run, threads) sends appservice transactions for fourteen enrolled
#    Matrix participants in direct rooms (two units send two people's events) and raw emails for two email
#    participants, doing real flow steps ("log yesterday 45 min topics: …", "skip", "skip", "yes", "my log", small
#    talk); every request that did not get a 200 is sent again unchanged (same txnId / Message-ID);
#  - meanwhile the service is killed with SIGKILL SOAK_KILLS times (default 20; some kills land during start-up) at
#    random moments, and restarted each time;
#  - after the last restart and a drain (soak_load.py verify): every acknowledged transaction/email has all its
#    events stored exactly once, every Matrix outbox row is sent and reached the homeserver once per txnId
#    tandem-<id>, every saved meeting was confirmed once, saved log entries = acknowledged "yes" confirmations, and
#    the file passes PRAGMA integrity_check and foreign_key_check.
# Email: no SMTP server here (email.smtp_url is empty): the email side is checked in the database — one answer
# queued per acknowledged email, each with its own Message-ID. SMTP delivery is email_smtp.sh's subject.
# Environment: TANDEM_BIN (default $(swift build --show-bin-path)/tandem), DIALOGS (default Dialogs/),
# SOAK_KILLS (default 20), SOAK_SEED (default: random, printed). Ends with `crash-soak: N passed, M failed`.
set -uo pipefail
cd "$(dirname "$0")/../.."
dialogs="${DIALOGS:-$(pwd)/Dialogs}"
kills="${SOAK_KILLS:-20}"
seed="${SOAK_SEED:-$((RANDOM * 32768 + RANDOM))}"
. Tests/e2e/support/common.sh
e2e_begin crash-soak gen_pid tandem_pid:KILL hs_pid
load="$repo/Tests/e2e/support/soak_load.py"
show_failure() {
    echo "--- seed $seed (SOAK_SEED=$seed reproduces the load, not the kill timing)"
    last=$(ls -t "$work"/tandem-*.log 2>/dev/null | head -n 1)
    [ -n "$last" ] && { echo "--- last lines of $last"; tail -n 20 "$last" | sed 's/^/    /'; }
    grep -h "level=error" "$work"/tandem-*.log 2>/dev/null | sort | uniq -c | sort -rn | head -n 10 | sed 's/^/    /'
    [ -s "$work/gen.log" ] && { echo "--- generator"; tail -n 10 "$work/gen.log" | sed 's/^/    /'; }
}
starts=0
spawn() {
    starts=$((starts + 1))
    start_serve "$config" "$work/tandem-$starts.log"
}
wait_healthy() { wait_http "$tandem_url/healthz" 30 "$tandem_pid"; }
rand_ms() { python3 -c "import random; print(random.randint($1, $2))"; }

need_tandem
echo "seed $seed, $kills kills, binary $tandem"
began=$SECONDS

# --- the fake homeserver, the configuration, the programme -----------------------------------------------------------
start_fake_homeserver --hang-seconds 1.5 || finish
ok "fake homeserver listening at $hs_url"

tandem_port=$(free_port)
tandem_url="http://127.0.0.1:$tandem_port"
config="$work/tandem.json"
db="$work/tandem.sqlite"
write_config "$config" "$db" "$tandem_port" \
    '{"email": {"from": "Tandem <tandem@example.org>", "webhook_secret": "soak-webhook-secret"}}'
matrix_registration "$tandem_url" --homeserver "$hs_url"
python3 "$load" csv >"$work/people.csv"
if import_programme "$work/people.csv" Soak staff_peers --config "$config"; then
    ok "enrolled the participants ($(head -c 60 "$work/import.log"))"
else
    fail "import: $(cat "$work/import.log")"; finish
fi

# --- load, and SIGKILL at random moments -------------------------------------------------------------------------------
spawn
wait_healthy && ok "tandem serve (start 1) answers /healthz" || { fail "tandem serve did not start"; finish; }
python3 "$load" run --tandem "$tandem_url" --config "$config" --out "$work/acks.json" \
    --stop-file "$work/control/stop" --seed "$seed" >"$work/gen.log" 2>&1 &
gen_pid=$!

killed=0
early=0
unkillable=0
unhealthy=0
while [ "$killed" -lt "$kills" ]; do
    if [ "$((RANDOM % 5))" -eq 0 ] && [ "$killed" -gt 0 ]; then
        # a kill during start-up: the process is spawned, maybe opening the database, maybe not yet listening
        sleep "$(rand_ms 0 150 | awk '{printf "%.3f", $1 / 1000}')"
        early=$((early + 1))
    else
        [ "$((RANDOM % 3))" -eq 0 ] && touch "$work/control/hang_next_send"  # a send the kill may interrupt
        sleep "$(rand_ms 200 2500 | awk '{printf "%.3f", $1 / 1000}')"
    fi
    sigkill_tandem || unkillable=$((unkillable + 1))
    killed=$((killed + 1))
    kill -0 "$gen_pid" 2>/dev/null || { fail "the load generator died: $(tail -n 5 "$work/gen.log")"; finish; }
    spawn
    if [ "$((RANDOM % 5))" -ne 0 ] || [ "$killed" -eq "$kills" ]; then
        wait_healthy || unhealthy=$((unhealthy + 1))
    fi
done
[ "$unkillable" -eq 0 ] && ok "SIGKILLed $killed times ($early during start-up), restarted after each" \
    || fail "$unkillable of $killed kills left the process running"
wait_healthy && [ "$unhealthy" -eq 0 ] && ok "every restart became healthy (start $starts is serving)" \
    || { fail "$unhealthy restarts did not become healthy within 30 s"; }
errors=$(grep -l "Fatal error\|Segmentation\|assertion failed\|panic" "$work"/tandem-*.log 2>/dev/null | wc -l)
[ "$errors" -eq 0 ] && ok "no start logged a crash" || fail "$errors logs show a crash"

# --- stop the load, drain, verify ----------------------------------------------------------------------------------
rm -f "$work/control/hang_next_send"
touch "$work/control/stop"
end=$((SECONDS + 90))
while [ $SECONDS -lt $end ] && kill -0 "$gen_pid" 2>/dev/null; do sleep 0.1; done
if kill -0 "$gen_pid" 2>/dev/null; then
    fail "the load generator did not finish after the stop"; stop "$gen_pid"
else
    wait "$gen_pid" && ok "load generator: $(tail -n 1 "$work/gen.log")" || fail "load generator: $(tail -n 5 "$work/gen.log")"
fi
gen_pid=""
kill -0 "$tandem_pid" 2>/dev/null && ok "the last start is still running" || fail "the last start died"

python3 "$load" verify --db "$db" --config "$config" --hs-log "$work/hs.jsonl" --acks "$work/acks.json" \
    --counts "$work/counts"
stop_cleanly "$tandem_pid" 10
tandem_pid=""
check_database "$db"
echo "took $((SECONDS - began)) s"
finish
