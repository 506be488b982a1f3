#!/usr/bin/env bash
# A short libFuzzer run of every target (HTTP parser, MIME parser, slot parsers, flow files, JSON, Mailgun timestamp)
# on its seed
# corpus.
# The long run is `bash Tests/Fuzz/run.sh 600`.
exec bash "$(dirname "$0")/../Fuzz/run.sh" "${FUZZ_SECONDS:-20}"
