# Shared by the e2e scripts (sourced after `cd` to the repository root): counting checks, stopping processes,
# finding free loopback ports, waiting for a server. Each script keeps its own `finish`, which prints its
# `NAME: N passed, M failed` line.

ok() { passed=$((passed + 1)); echo "ok   $1"; }
fail() { failed=$((failed + 1)); echo "FAIL $1"; }

stop() { # stop PID [SIGNAL]: the signal (default TERM), up to 5 s, then SIGKILL
    [ -n "$1" ] || return 0
    kill "-${2:-TERM}" "$1" 2>/dev/null || return 0
    for _ in $(seq 1 50); do kill -0 "$1" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$1" 2>/dev/null
    wait "$1" 2>/dev/null
}

free_port() { # a TCP port on 127.0.0.1 that nothing listens on right now
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

wait_http() { # wait_http URL SECONDS PID: 0 once URL answers 200, 1 on timeout or when PID died
    local end=$((SECONDS + $2))
    while [ $SECONDS -lt $end ]; do
        kill -0 "$3" 2>/dev/null || return 1
        [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$1")" = 200 ] && return 0
        sleep 0.1
    done
    return 1
}

python_with() { # python_with MODULE DEBIAN-PACKAGE: prints a python3 that imports MODULE — Debian's, with the package
                # installed by apt-get when missing, else a venv with pip's MODULE; returns 1 when neither works
    local module=$1 package=$2 venv="${TMPDIR:-/tmp}/tandem-e2e-$1-venv"
    if ! /usr/bin/python3 -c "import $module" 2>/dev/null; then
        export DEBIAN_FRONTEND=noninteractive
        apt-get install -y -qq "$package" >/dev/null 2>&1 \
            || { apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq "$package" >/dev/null 2>&1; }
    fi
    /usr/bin/python3 -c "import $module" 2>/dev/null && { echo /usr/bin/python3; return 0; }
    ( flock 9
      [ -x "$venv/bin/python" ] && "$venv/bin/python" -c "import $module" 2>/dev/null \
          || { python3 -m venv "$venv" && "$venv/bin/python" -m pip install -q --disable-pip-version-check "$module"; }
    ) 9>"$venv.lock" >/dev/null 2>&1
    "$venv/bin/python" -c "import $module" 2>/dev/null && { echo "$venv/bin/python"; return 0; }
    return 1
}

stop_cleanly() { # stop_cleanly PID SECONDS: SIGTERM must stop it within SECONDS with exit 0 (one ok or fail)
    kill -TERM "$1"
    for _ in $(seq 1 $(($2 * 10))); do kill -0 "$1" 2>/dev/null || break; sleep 0.1; done
    if kill -0 "$1" 2>/dev/null; then
        fail "tandem serve did not stop within $2 s of SIGTERM"; stop "$1" KILL
    else
        wait "$1"; local status=$?
        [ "$status" -eq 0 ] && ok "tandem serve stopped on SIGTERM (exit 0)" || fail "tandem serve exit $status on SIGTERM"
    fi
}

check_database() { # check_database FILE: PRAGMA integrity_check and foreign_key_check must both be clean
    local result
    result=$(python3 -c 'import sqlite3, sys; c = sqlite3.connect(sys.argv[1])
print(c.execute("PRAGMA integrity_check").fetchall() == [("ok",)] and c.execute("PRAGMA foreign_key_check").fetchall() == [])' "$1")
    [ "$result" = True ] && ok "integrity_check ok, foreign_key_check empty" || fail "database checks: $result"
}

start_fake_homeserver() { # start_fake_homeserver [ARGS...]: Tests/e2e/support/fake_homeserver.py logging to
    # $work/hs.jsonl, controlled through $work/control; sets hs_pid and hs_url, returns 1 if it did not start
    mkdir -p "$work/control"
    python3 Tests/e2e/support/fake_homeserver.py --log "$work/hs.jsonl" --control "$work/control" \
        --port-file "$work/hs.port" "$@" >"$work/hs.out" 2>&1 &
    hs_pid=$!
    for _ in $(seq 1 100); do [ -s "$work/hs.port" ] && break; sleep 0.1; done
    [ -s "$work/hs.port" ] || { fail "fake homeserver did not start: $(cat "$work/hs.out")"; return 1; }
    hs_url="http://127.0.0.1:$(cat "$work/hs.port")"
}

count() { # count OUTPUT-FILE: adds the file's ok / FAIL lines to the totals and prints them
    cat "$1"
    passed=$((passed + $(grep -c '^ok ' "$1")))
    failed=$((failed + $(grep -c '^FAIL ' "$1")))
}

add_counts() { # add_counts FILE: adds the "PASSED FAILED" lines a Python driver appended to FILE, then empties it
    [ -s "$1" ] || return 0
    local p f
    while read -r p f; do passed=$((passed + p)); failed=$((failed + f)); done <"$1"
    : >"$1"
}
