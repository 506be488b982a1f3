#!/usr/bin/env bash
# End-to-end: Tandem as a Matrix application service behind a real Synapse, all on 127.0.0.1.
#  - installs matrix-synapse from PyPI wheels into a venv cached in ${TMPDIR:-/tmp}/tandem-e2e-synapse-venv
#    (first run ~35 s, later runs reuse it);
#  - generates a throwaway Synapse (server name `localhost`, SQLite, no federation keys, registration off) and
#    Tandem's registration with `tandem matrix registration`, enrols alice from a CSV (`tandem import`), starts both;
#  - Tests/e2e/support/matrix_driver.py registers alice and holds real conversations (a direct chat logging a
#    meeting, an image, a group room, an encrypted room), then talks to Tandem's appservice endpoint directly
#    (repeated transactions, tokens, malformed JSON, /healthz, /metrics); an agenda set in the direct chat must
#    bring its calendar file as an m.file (uploaded by the bot) that alice downloads;
#  - restarts Synapse with nothing pending (with SQLite it then numbers its appservice transactions from 1 again), and
#    Tests/e2e/support/matrix_rooms_driver.py checks that Tandem still hears everything and treats rooms as they are.
# Prints `matrix: N passed, M failed` last; exits 1 if anything failed.
# Everything started here is stopped on exit.
set -uo pipefail
cd "$(dirname "$0")/../.."
repo=$(pwd)
tandem="$(swift build --show-bin-path)/tandem"
work=$(mktemp -d "${TMPDIR:-/tmp}/tandem-e2e-matrix.XXXXXX")
passed=0
failed=0
synapse_pid=""
tandem_pid=""
driver_pid=""

. Tests/e2e/support/common.sh
cleanup() {
    stop "$driver_pid"
    stop "$tandem_pid"
    stop "$synapse_pid"
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP

finish() {
    echo "matrix: $passed passed, $failed failed"
    [ "$failed" -eq 0 ] && exit 0 || exit 1
}
show_logs() {
    for log in "$work/synapse.out" "$work/hs/homeserver.log" "$work/tandem.log"; do
        [ -s "$log" ] && { echo "--- last lines of $log"; tail -n 25 "$log" | sed 's/^/    /'; }
    done
}
# TANDEM_* variables of the caller would override the test's configuration: every tandem runs without them.
no_tandem_env=$(env | sed -n 's/^\(TANDEM_[A-Za-z0-9_]*\)=.*/-u \1/p')

[ -x "$tandem" ] || { fail "tandem binary at $tandem (run swift build)"; finish; }

# --- matrix-synapse in a cached venv -------------------------------------------------------------------------------
venv="${TMPDIR:-/tmp}/tandem-e2e-synapse-venv"
install_synapse() {
    rm -rf "$venv"
    if ! python3 -m venv "$venv" >/dev/null 2>&1; then
        echo "python3 -m venv failed; installing python3-venv"
        rm -rf "$venv"
        export DEBIAN_FRONTEND=noninteractive
        apt-get install -y python3-venv >/dev/null 2>&1 \
            || { apt-get update >/dev/null 2>&1 && apt-get install -y python3-venv >/dev/null 2>&1; } || return 1
        python3 -m venv "$venv" || return 1
    fi
    "$venv/bin/python" -m pip --version >/dev/null 2>&1 || "$venv/bin/python" -m ensurepip --upgrade >/dev/null || return 1
    "$venv/bin/python" -m pip install -q --disable-pip-version-check --only-binary=:all: matrix-synapse || return 1
    touch "$venv/.tandem-complete"
}
(
    flock 9 # two runs at once share one install
    if [ ! -e "$venv/.tandem-complete" ] || ! "$venv/bin/python" -c 'import synapse' 2>/dev/null; then
        echo "installing matrix-synapse into $venv (wheels only)"
        install_synapse
    fi
) 9>"$venv.lock"
if [ -e "$venv/.tandem-complete" ]; then ok "matrix-synapse available ($("$venv/bin/python" -c 'import synapse; print(synapse.__version__)'))"
else fail "install matrix-synapse into $venv"; finish; fi

# --- configuration ----------------------------------------------------------------------------------------------------
synapse_port=$(free_port)
tandem_port=$(free_port)
while [ "$tandem_port" = "$synapse_port" ]; do tandem_port=$(free_port); done
hs_url="http://127.0.0.1:$synapse_port"
tandem_url="http://127.0.0.1:$tandem_port"
config="$work/tandem.json"
db="$work/tandem.sqlite"
mkdir -p "$work/hs"

python3 - "$config" "$db" "$tandem_port" "$repo/Dialogs" <<'EOF'
import json, sys
path, db, port, dialogs = sys.argv[1:]
# alice says more than the default 30 messages a minute: no flood protection in this test.
json.dump({"database": {"path": db}, "http": {"host": "127.0.0.1", "port": int(port)}, "dialogs": {"path": dialogs},
           "inbound": {"max_messages_per_minute": 1000}},
          open(path, "w"), indent=2)
EOF
# Logging meetings is for people enrolled in a programme: alice, her mentor bob, carol (who never writes to the bot)
# and their facilitator fran come from an enrolment CSV.
cat >"$work/enrol.csv" <<'CSV'
name,role,pair,cohort,matrix_id,language
Alice,mentee,p1,c1,@alice:localhost,en
Bob,mentor,p1,c1,@bob:localhost,en
Carol,mentee,p2,c1,@carol:localhost,en
Fran,facilitator,,c1,@fran:localhost,en
CSV
if env $no_tandem_env "$tandem" import "$work/enrol.csv" --programme "Matrix pilot" --template staff_peers \
    --start "$(date -u -d '14 days ago' +%F)" --config "$config" >"$work/import.out" 2>&1; then
    ok "alice is enrolled as a mentee (tandem import)"
else
    fail "tandem import: $(cat "$work/import.out")"; finish
fi
# Dora is in a city_to_city programme, where expenses (and bank details) are claimed.
printf 'name,role,pair,matrix_id,language\nDora,mentee,d1,@dora:localhost,en\n' >"$work/enrol-city.csv"
if env $no_tandem_env "$tandem" import "$work/enrol-city.csv" --programme "Matrix city" --template city_to_city \
    --start "$(date -u -d '14 days ago' +%F)" --config "$config" >"$work/import.out" 2>&1; then
    ok "dora is enrolled in a city_to_city programme (tandem import)"
else
    fail "tandem import: $(cat "$work/import.out")"; finish
fi
if env $no_tandem_env "$tandem" matrix registration --url "$tandem_url" --server-name localhost --homeserver "$hs_url" \
    --config "$config" >"$work/registration.yaml" 2>"$work/registration.err"; then
    ok "tandem matrix registration wrote the YAML and the tokens"
else
    fail "tandem matrix registration: $(cat "$work/registration.err")"; finish
fi

# Synapse writes its log and media relative to the working directory: run it inside $work/hs.
if ! (cd "$work/hs" && "$venv/bin/python" -m synapse.app.homeserver --server-name localhost --config-path "$work/hs/homeserver.yaml" \
    --data-directory "$work/hs" --generate-config --report-stats=no >"$work/generate.out" 2>&1); then
    fail "synapse --generate-config"; cat "$work/generate.out"; finish
fi
cat >"$work/hs/override.yaml" <<EOF
listeners:
  - port: $synapse_port
    bind_addresses: ['127.0.0.1']
    type: http
    tls: false
    x_forwarded: false
    resources:
      - names: [client]
        compress: false
trusted_key_servers: []
suppress_key_server_warning: true
enable_registration: false
report_stats: false
app_service_config_files: ['$work/registration.yaml']
rc_message: {per_second: 1000, burst_count: 1000}
rc_room_creation: {per_second: 1000, burst_count: 1000}
rc_login:
  address: {per_second: 1000, burst_count: 1000}
  account: {per_second: 1000, burst_count: 1000}
  failed_attempts: {per_second: 1000, burst_count: 1000}
rc_registration: {per_second: 1000, burst_count: 1000}
rc_joins:
  local: {per_second: 1000, burst_count: 1000}
  remote: {per_second: 1000, burst_count: 1000}
rc_invites:
  per_room: {per_second: 1000, burst_count: 1000}
  per_user: {per_second: 1000, burst_count: 1000}
  per_issuer: {per_second: 1000, burst_count: 1000}
rc_media_create: {per_second: 1000, burst_count: 1000}
EOF

# --- start both ------------------------------------------------------------------------------------------------------
start_synapse() { # in the background, logging to $work/synapse.out; sets synapse_pid
    (cd "$work/hs" && exec "$venv/bin/python" -m synapse.app.homeserver -c "$work/hs/homeserver.yaml" \
        -c "$work/hs/override.yaml" >>"$work/synapse.out" 2>&1) &
    synapse_pid=$!
}
started=$SECONDS
start_synapse
env $no_tandem_env "$tandem" serve --config "$config" >"$work/tandem.log" 2>&1 &
tandem_pid=$!

if wait_http "$tandem_url/healthz" 30 "$tandem_pid"; then ok "tandem serve answers /healthz"
else fail "tandem serve did not become healthy"; show_logs; finish; fi
if wait_http "$hs_url/health" 60 "$synapse_pid"; then ok "synapse answers /health ($((SECONDS - started)) s)"
else fail "synapse did not become healthy"; show_logs; finish; fi

alice_password="alice-$(python3 -c 'import uuid; print(uuid.uuid4().hex)')"
run_driver() { # run_driver SCRIPT ARGS...: in the background (so that a signal stops the script at once), counted
    python3 "$repo/Tests/e2e/support/$1" "${@:2}" --hs "$hs_url" --tandem "$tandem_url" --db "$db" \
        --hs-config "$work/hs/homeserver.yaml" --register "$venv/bin/register_new_matrix_user" \
        --password "$alice_password" --state "$work/rooms.json" --counts "$work/counts" &
    driver_pid=$!
    wait "$driver_pid"
    driver_pid=""
    if read -r driver_passed driver_failed <"$work/counts" 2>/dev/null; then
        passed=$((passed + driver_passed))
        failed=$((failed + driver_failed))
    else
        fail "$1 did not report its counts"
    fi
    rm -f "$work/counts"
}

# --- the conversation ------------------------------------------------------------------------------------------------
run_driver matrix_driver.py --config "$config"

# --- a Synapse restart with nothing pending: it numbers its appservice transactions from 1 again --------------------
sql() { python3 -c 'import sqlite3, sys; print(sqlite3.connect(sys.argv[1], timeout=10).execute(sys.argv[2]).fetchone()[0])' "$@"; }
pending=1
for _ in $(seq 1 200); do
    pending=$(sql "$work/hs/homeserver.db" "SELECT COUNT(*) FROM application_services_txns")
    [ "$pending" = 0 ] && break
    sleep 0.1
done
[ "$pending" = 0 ] && ok "nothing pending for Tandem at Synapse's shutdown" || fail "Synapse still has $pending transactions for Tandem"
max_txn=$(sql "$db" "SELECT COALESCE(MAX(CAST(txn_id AS INTEGER)), 0) FROM matrix_transactions WHERE txn_id GLOB '[0-9]*'")
stop "$synapse_pid"
restarted_at=$(python3 -c 'import time; print(int(time.time() * 1000))')
start_synapse
if wait_http "$hs_url/health" 60 "$synapse_pid"; then ok "synapse restarted (Tandem had seen transactions up to $max_txn)"
else fail "synapse did not come back"; show_logs; finish; fi
run_driver matrix_rooms_driver.py --restarted-at "$restarted_at" --max-txn "$max_txn" --config "$config"

if kill -0 "$tandem_pid" 2>/dev/null; then ok "tandem serve still running"; else fail "tandem serve died"; fi
if kill -0 "$synapse_pid" 2>/dev/null; then ok "synapse still running"; else fail "synapse died"; fi
[ "$failed" -eq 0 ] || show_logs
finish
