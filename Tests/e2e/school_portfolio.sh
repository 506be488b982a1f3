#!/usr/bin/env bash
# End-to-end: the school programme's own steps over Matrix, a real `tandem serve` against
# Tests/e2e/support/fake_homeserver.py on 127.0.0.1.
#  - a school_peers programme that started 120 days ago: Ana (pupil, Bulgarian) and Marco in pair p3, Elif (a mentor
#    waiting for a mentee), Cora (coordinator), pair p4, and pair p5 whose pupil Dan has no guardian consent;
#  - Tests/e2e/support/portfolio_driver.py plays it through: 36 meetings, ground rules, a working plan of three goals
#    (goal 2 private), a review with indications ticked, "reassign pair p3 to Elif", the learning statement
#    interview with a change and approval, the joint statement, the pupil's and the project team's evaluations,
#    then "портфолио" and "портфолио 1, 3"; the file must arrive in Ana's direct chat as an m.file after its text;
#  - Tests/e2e/support/portfolio_check.py checks the file: every part, Bulgarian, nothing of goal 2, no other
#    person's name, escaped input, A4, every element closed — and that headless Chromium (Debian's `chromium`,
#    installed by this script unless TANDEM_E2E_CHROMIUM=skip) renders it to A4 PDF pages;
#  - `tandem report programme` shows the review's indications as counts, under 5 pairs as "<5".
# Everything started here is stopped on exit. Override the binary with TANDEM_BIN.
set -uo pipefail
cd "$(dirname "$0")/../.."
. Tests/e2e/support/common.sh
e2e_begin school-portfolio tandem_pid hs_pid
show_failure() { tail_logs 15 "$work/tandem.log"; }

need_tandem
# Headless Chromium (Debian's package, installed here when missing) renders the portfolio to PDF;
# TANDEM_E2E_CHROMIUM=skip (or no way to install it) leaves the file parsed only.
chromium=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$chromium" ] && [ "${TANDEM_E2E_CHROMIUM:-}" != skip ]; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y -qq chromium >/dev/null 2>&1 \
        || { apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq chromium >/dev/null 2>&1; }
    chromium=$(command -v chromium || true)
fi

# --- the fake homeserver, the programme, tandem serve ---------------------------------------------------------------
start_fake_homeserver || finish
ok "fake homeserver at $hs_url"
tandem_port=$(free_port)
tandem_url="http://127.0.0.1:$tandem_port"
config="$work/tandem.json"
db="$work/tandem.sqlite"
# 36 meetings and some 60 other messages come from two people within a minute: the flood limit is raised.
write_config "$config" "$db" "$tandem_port" '{"inbound": {"max_messages_per_minute": 1000}}'
matrix_registration "$tandem_url" --homeserver "$hs_url"
start=$(date -u -d '120 days ago' +%F)
cat >"$work/people.csv" <<CSV
name,role,pair,matrix_id,language,guardian_consent
Ana Petrova,mentee,p3,@ana:localhost,bg,yes
Marco Rossi,mentor,p3,@marco:localhost,en,yes
Elif Demir,mentor,reserve,@elif:localhost,tr,yes
Cora Nash,coordinator,,@cora:localhost,en,
Bo Lind,mentee,p4,@bo:localhost,en,yes
Cy Moreau,mentor,p4,@cy:localhost,en,yes
Dan Roe,mentee,p5,@dan:localhost,en,no
Eve Stone,mentor,p5,@eve:localhost,en,yes
CSV
if run_tandem import "$work/people.csv" --programme "School pilot" --template school_peers \
    --start "$start" --db "$db" >"$work/import.log" 2>&1; then
    ok "import a school_peers programme of 4 pairs"
else
    fail "import: $(cat "$work/import.log")"; finish
fi
start_serve "$config" "$work/tandem.log" "$tandem_port" && ok "tandem serve" || { fail "tandem serve"; finish; }

# --- the conversation, the file -------------------------------------------------------------------------------------
mkdir -p "$work/out"
python3 Tests/e2e/support/portfolio_driver.py --tandem "$tandem_url" --config "$config" --db "$db" \
    --hs-log "$work/hs.jsonl" --out "$work/out" --start "$start" >"$work/driver.out" 2>&1
count "$work/driver.out"
if [ -s "$work/out/portfolio.html" ]; then
    pdf=()
    if [ -n "$chromium" ]; then
        if timeout 120 "$chromium" --headless --no-sandbox --disable-gpu --no-pdf-header-footer \
            --print-to-pdf="$work/out/portfolio.pdf" "file://$work/out/portfolio.html" >"$work/chromium.log" 2>&1 \
            && [ -s "$work/out/portfolio.pdf" ]; then
            pdf=(--pdf "$work/out/portfolio.pdf")
        else
            fail "headless Chromium rendered the portfolio: $(tail -n 3 "$work/chromium.log")"
        fi
    else
        echo "NOTE no chromium (TANDEM_E2E_CHROMIUM=skip, or apt-get could not install it): parsed, not rendered"
    fi
    python3 Tests/e2e/support/portfolio_check.py "$work/out/portfolio.html" "${pdf[@]}" >"$work/check.out" 2>&1
    count "$work/check.out"
else
    fail "the portfolio file was received"
fi

# --- the programme report -------------------------------------------------------------------------------------------
if run_tandem report programme "School pilot" --out "$work/report" --db "$db" \
    --dialogs "$repo/Dialogs" >"$work/report.log" 2>&1 && [ -s "$work/report/review_indications.csv" ]; then
    indications=$(tr -d '\r' <"$work/report/review_indications.csv")
    if grep -qx 'goals set,<5' <<<"$indications" && grep -qx 'new skills,0' <<<"$indications" \
        && grep -q '<li>attendance: &lt;5</li>' "$work/report/index.html" \
        && ! grep -q 'Ana handed in' "$work/report/index.html"; then
        ok "the programme report counts the review's indications, under 5 pairs as <5, without its words"
    else
        fail "review_indications: $(tr '\r\n' '  ' <"$work/report/review_indications.csv")"
    fi
else
    fail "tandem report programme: $(cat "$work/report.log")"
fi
check_database "$db"
stop_cleanly "$tandem_pid" 10
tandem_pid=""
finish
