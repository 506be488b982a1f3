#!/usr/bin/env bash
# End-to-end: the command line's own contract (issue 18).
#  - `tandem help` lists every command; `tandem COMMAND --help` (and `tandem help COMMAND`) prints each one's usage
#    and options and exits 0;
#  - each command takes only its own options: an unknown one, a missing value, a missing required option or an
#    extra argument is a usage error (exit 2) that names it and points at the command's --help;
#  - `tandem serve --log-level` (and log.level) decides which log lines are written.
set -uo pipefail
cd "$(dirname "$0")/../.."
. Tests/e2e/support/common.sh
e2e_begin cli tandem_pid:KILL
run() { run_tandem "$@" >"$work/out" 2>"$work/err"; }

need_tandem

# --- help ---------------------------------------------------------------------------------------------------------------
run help && grep -q "^COMMANDS:" "$work/out" && ok "tandem help lists the commands" || fail "tandem help: $(cat "$work/err")"
commands=$(sed -n 's/^  tandem \([a-z][a-z -]*[a-z]\)\( \[\| [A-Z-]\|$\).*/\1/p' "$work/out" | sed 's/ \(\[\|--\).*//')
count=0
bad=""
while read -r command; do
    [ -n "$command" ] || continue
    count=$((count + 1))
    # shellcheck disable=SC2086
    run $command --help
    if [ $? -ne 0 ] || ! grep -q "^USAGE: tandem $command" "$work/out" || ! grep -q "^  -h, --help" "$work/out"; then
        bad="$bad [$command]"
    fi
    # shellcheck disable=SC2086
    run help $command
    grep -q "^USAGE: tandem $command" "$work/out" || bad="$bad [help $command]"
done <<<"$commands"
[ "$count" -ge 20 ] && [ -z "$bad" ] && ok "every one of the $count commands answers --help and \`tandem help COMMAND\`" \
    || fail "--help of $count commands; failing:$bad"
run report --help && grep -q "tandem report certificate" "$work/out" && ok "a group (tandem report --help) lists its commands" \
    || fail "tandem report --help: $(cat "$work/out" "$work/err")"

# --- usage errors -------------------------------------------------------------------------------------------------------
usage_error() { # usage_error NAME EXPECTED-TEXT ARGS...: exit 2, the text and a pointer to --help on stderr
    local name=$1 text=$2
    shift 2
    run "$@"
    local status=$?
    if [ "$status" -eq 2 ] && grep -qF -- "$text" "$work/err" && grep -q -- "--help\`\.$" "$work/err"; then ok "$name"
    else fail "$name: exit $status, $(head -c 300 "$work/err")"; fi
}
usage_error "an option of another command is refused by name" "unknown option --out for \`tandem chat\`" \
    chat --out x
usage_error "a missing value is named" "option --db FILE needs a value" outbox list --db
usage_error "a missing required option is named" "\`tandem import\` needs --programme NAME" import people.csv
usage_error "a missing argument is named" "\`tandem restore\` needs FILE" restore
usage_error "an extra argument is refused" "unexpected argument \`extra\` for \`tandem doctor\`" doctor extra
usage_error "a flag takes no value" "option --quick takes no value" bench --quick=yes
usage_error "a group without its command lists them" "expected \`report pair\`, \`report programme\`" report
usage_error "an unknown command is named" "unknown command \`frobnicate\`" frobnicate
usage_error "an unknown log level is refused" "--log-level is debug, info, warn or error" serve --log-level loud

# --- log levels -------------------------------------------------------------------------------------------------------
port=$(free_port)
write_config "$work/tandem.json" "$work/t.sqlite" "$port" '{"log": {"level": "warn"}}'
serve_log() { # serve_log NAME ARGS...: tandem serve with ARGS, one GET /healthz, SIGTERM; its log in $work/NAME.log
    local name=$1
    shift
    start_serve "$work/tandem.json" "$work/$name.log" "$port" "$@" || fail "tandem serve ($name) did not start"
    stop "$tandem_pid"
    tandem_pid=""
}
serve_log warn
[ ! -s "$work/warn.log" ] && ok "log.level warn: no info lines (start, requests)" \
    || fail "log.level warn still wrote: $(head -n 3 "$work/warn.log")"
serve_log info --log-level info
grep -q "^ts=[0-9T:-]*Z level=info http method=GET route=/healthz status=200 duration_us=[0-9]*$" "$work/info.log" \
    && ok "--log-level info overrides log.level: one line per request, ts= level= then the event's key=value fields" \
    || fail "--log-level info: $(head -n 3 "$work/info.log")"
finish
