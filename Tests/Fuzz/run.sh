#!/usr/bin/env bash
# Builds the libFuzzer targets (swiftc -sanitize=fuzzer,address) and runs each for SECONDS (default 60) on the
# seed corpus kept in Tests/Fuzz/corpus/TARGET. New inputs found go to a temporary copy of the corpus; a crash
# leaves its input in Tests/Fuzz/crashes/ — turn it into a regression test, then add it to the corpus.
#   bash Tests/Fuzz/run.sh [SECONDS] [TARGET…]      targets: http mime slots flows json mailgun
set -uo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-60}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(http mime slots flows json mailgun)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p Tests/Fuzz/crashes
passed=0
failed=0
for target in "${targets[@]}"; do
    flags=()
    case "$target" in
        http) module=HTTP; sources=(Sources/HTTP/*.swift); harness=HTTPRequestParserFuzz.swift
              flags=(-I Sources/CEpoll) ;;
        mime) module=Channels; harness=MIMEParserFuzz.swift
              sources=($(find Sources/Channels/Email -name '*.swift' ! -name 'SMTP*' ! -name 'OutgoingMail*')) ;;
        slots) module=Engine; sources=($(find Sources/Engine -name '*.swift')); harness=SlotParserFuzz.swift ;;
        json) module=Channels; sources=(Sources/Channels/Common/JSON*.swift); harness=JSONParserFuzz.swift ;;
        flows) module=Engine; sources=($(find Sources/Engine -name '*.swift')); harness=FlowFileFuzz.swift ;;
        mailgun) module=Service; sources=(Sources/Service/Email/MailgunTimestamp.swift)
                 harness=MailgunTimestampFuzz.swift ;;
        *) echo "unknown target $target"; failed=$((failed + 1)); continue ;;
    esac
    binary="$work/fuzz-$target"
    if ! swiftc -O -swift-version 6 -enable-upcoming-feature ExistentialAny -sanitize=fuzzer,address -parse-as-library -module-name "$module" "${flags[@]}" "${sources[@]}" \
        "Tests/Fuzz/$harness" -o "$binary" >"$work/build-$target.log" 2>&1; then
        echo "FAIL $target: does not build"; tail -20 "$work/build-$target.log"; failed=$((failed + 1)); continue
    fi
    cp -r "Tests/Fuzz/corpus/$target" "$work/corpus-$target"
    if "$binary" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
        -artifact_prefix="Tests/Fuzz/crashes/$target-" "$work/corpus-$target" >"$work/run-$target.log" 2>&1; then
        echo "ok   $target: $(grep -Eo 'Done [0-9]+ runs' "$work/run-$target.log") in ${seconds}s"
        passed=$((passed + 1))
    else
        echo "FAIL $target:"; grep -E 'ERROR|SUMMARY|Test unit written' "$work/run-$target.log" | head -5
        failed=$((failed + 1))
    fi
done
echo "fuzz: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
