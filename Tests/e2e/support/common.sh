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

aiosmtpd_python() { # prints a python3 that can import aiosmtpd: Debian's package, else a shared venv from PyPI
    local python=/usr/bin/python3 venv="${TMPDIR:-/tmp}/tandem-e2e-aiosmtpd-venv"
    if ! "$python" -c 'import aiosmtpd' 2>/dev/null; then
        export DEBIAN_FRONTEND=noninteractive
        apt-get install -y -qq python3-aiosmtpd >/dev/null 2>&1 \
            || { apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq python3-aiosmtpd >/dev/null 2>&1; }
    fi
    if ! "$python" -c 'import aiosmtpd' 2>/dev/null; then
        ( flock 9
          [ -x "$venv/bin/python" ] && "$venv/bin/python" -c 'import aiosmtpd' 2>/dev/null \
              || { python3 -m venv "$venv" && "$venv/bin/python" -m pip install -q --disable-pip-version-check aiosmtpd; }
        ) 9>"${TMPDIR:-/tmp}/tandem-e2e-aiosmtpd.lock" >/dev/null 2>&1
        python="$venv/bin/python"
    fi
    echo "$python"
}
