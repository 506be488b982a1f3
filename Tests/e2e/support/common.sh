# Shared by the e2e scripts (sourced after `cd` to the repository root): the set-up every script makes
# (e2e_begin), counting checks, stopping processes, finding free loopback ports, waiting for a server, configuring
# and starting `tandem serve`. A script that calls e2e_begin gets a `finish` printing its `NAME: N passed, M failed`
# line (and calling the script's own `show_failure`, if it has one, after a failure); the others keep their own.

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

add_counts() { # add_counts FILE: adds the "PASSED FAILED" lines a Python driver appended to FILE, then empties it
    [ -s "$1" ] || return 0
    local p f
    while read -r p f; do passed=$((passed + p)); failed=$((failed + f)); done <"$1"
    : >"$1"
}

e2e_begin() { # e2e_begin NAME [PID-VARIABLE[:SIGNAL]...]: sets repo, tandem ($TANDEM_BIN, else the binary `swift
    # build` makes), work (a fresh temporary folder), passed=0, failed=0 and no_tandem_env (the caller's TANDEM_*
    # variables, which run_tandem leaves out); each PID-VARIABLE starts empty and is stopped on exit (SIGNAL, default
    # TERM; in the order given) before $work is removed; defines finish, which prints `NAME: N passed, M failed`
    e2e_name=$1
    shift
    e2e_stop_on_exit=("$@")
    local entry
    for entry in "$@"; do printf -v "${entry%%:*}" '%s' ""; done
    repo=$(pwd)
    tandem="${TANDEM_BIN:-$(swift build --show-bin-path)/tandem}"
    work=$(mktemp -d "${TMPDIR:-/tmp}/tandem-e2e-$e2e_name.XXXXXX")
    passed=0
    failed=0
    no_tandem_env=$(env | sed -n 's/^\(TANDEM_[A-Za-z0-9_]*\)=.*/-u \1/p')
    trap e2e_cleanup EXIT
    trap 'exit 130' INT TERM HUP
    finish() { # adds the drivers' counts in $work/counts, shows the script's show_failure after a failure, exits
        add_counts "$work/counts"
        if [ "$failed" -ne 0 ] && declare -F show_failure >/dev/null; then show_failure; fi
        echo "$e2e_name: $passed passed, $failed failed"
        [ "$failed" -eq 0 ] && exit 0 || exit 1
    }
}

e2e_cleanup() { # on exit (set by e2e_begin): stops e2e_begin's PID variables, removes $work (kept with E2E_KEEP=1)
    local entry name
    for entry in "${e2e_stop_on_exit[@]}"; do
        name=${entry%%:*}
        if [ "$name" = "$entry" ]; then stop "${!name}"; else stop "${!name}" "${entry#*:}"; fi
    done
    if [ -n "${E2E_KEEP:-}" ]; then echo "kept $work"; else rm -rf "$work"; fi
}

need_tandem() { # the tandem binary must exist, else one failure and finish
    [ -x "$tandem" ] || { fail "tandem binary at $tandem (run swift build)"; finish; }
}

tail_logs() { # tail_logs LINES FILE...: the last LINES lines of each non-empty FILE, info-level HTTP lines left out
    local lines=$1 log
    shift
    for log in "$@"; do
        [ -s "$log" ] || continue
        echo "--- last lines of $log"
        grep -v "level=info http " "$log" | tail -n "$lines" | cut -c1-300 | sed 's/^/    /'
    done
}

run_tandem() { # run_tandem ARGS...: the tandem binary without the caller's TANDEM_* variables (they would override
    # the test's configuration); variables the script exports after e2e_begin are kept
    # shellcheck disable=SC2086
    env $no_tandem_env "$tandem" "$@"
}

tandem_export() { # tandem_export NAME=VALUE: exports a TANDEM_* variable that run_tandem and start_serve then keep
    export "${1?}"
    no_tandem_env=$(grep -vx -- "-u ${1%%=*}" <<<"$no_tandem_env")
}

write_config() { # write_config FILE DB PORT [JSON]: a configuration for `tandem serve` on 127.0.0.1:PORT with the
    # database DB and the dialogs in $dialogs (else $repo/Dialogs); the sections of JSON are merged into it
    python3 - "$1" "$2" "$3" "${dialogs:-$repo/Dialogs}" "${4:-}" <<'EOF'
import json, sys
path, db, port, dialogs, extra = sys.argv[1:]
def merge(base, more):
    for key, value in more.items():
        base[key] = merge(base.get(key, {}), value) if isinstance(value, dict) else value
    return base
config = {"database": {"path": db}, "http": {"host": "127.0.0.1", "port": int(port)}, "dialogs": {"path": dialogs}}
json.dump(merge(config, json.loads(extra or "{}")), open(path, "w"), indent=2)
EOF
}

start_serve() { # start_serve CONFIG LOG [PORT [ARGS...]]: `tandem serve --config CONFIG ARGS...` in the background
    # (as run_tandem), appending to LOG; sets tandem_pid; with a PORT, 0 once its /healthz answers 200 within 30 s
    # shellcheck disable=SC2086
    env $no_tandem_env "$tandem" serve --config "$1" "${@:4}" >>"$2" 2>&1 &
    tandem_pid=$!
    [ -z "${3:-}" ] || wait_http "http://127.0.0.1:$3/healthz" 30 "$tandem_pid"
}

sigkill_tandem() { # SIGKILL $tandem_pid, no chance to finish anything; empties tandem_pid, 1 if it still runs
    kill -9 "$tandem_pid" 2>/dev/null
    wait "$tandem_pid" 2>/dev/null
    kill -0 "$tandem_pid" 2>/dev/null && return 1
    tandem_pid=""
}

import_programme() { # import_programme CSV PROGRAMME TEMPLATE ARGS...: `tandem import` (as run_tandem) starting
    # 14 days ago, ARGS naming the database (--db FILE or --config FILE); its output goes to $work/import.log
    run_tandem import "$1" --programme "$2" --template "$3" --start "$(date -u -d '14 days ago' +%F)" "${@:4}" \
        >>"$work/import.log" 2>&1
}

matrix_registration() { # matrix_registration URL [ARGS...]: `tandem matrix registration` for Tandem at URL with
    # $config into $work/registration.yaml; on failure one failure and finish
    run_tandem matrix registration --url "$1" --server-name localhost "${@:2}" --config "$config" \
        >"$work/registration.yaml" 2>"$work/registration.err" \
        || { fail "tandem matrix registration: $(cat "$work/registration.err")"; finish; }
}
