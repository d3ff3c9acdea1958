#!/usr/bin/env bash
# Refreshes every generated file and every recorded test expectation from the current
# code and errors.yaml, then checks, without overwriting, that all of them are fresh.
#
#   1. `luxxon-errors render`: generated/ and docs/errors.md;
#   2. GOLDEN=overwrite: the emitter's golden expansion
#      (luxxon-errors-codegen/tests/golden/);
#   3. TRYBUILD=overwrite: the compile-fail suite's expected compiler output
#      (tests/ui/*.stderr);
#   4. the same suites and `luxxon-errors check` again, plain: a blessed file that does
#      not pass as written fails here rather than in CI.
#
# Not errors.lock: recording shipped codes is a release decision (`luxxon-errors ship`).
#
# Review the diff it lists before committing: blessing records whatever the code does
# now, mistakes included. Usage: scripts/bless.sh
set -euo pipefail
cd "$(dirname "$0")/.."

blessed=(generated docs/errors.md luxxon-errors-codegen/tests/golden tests/ui)

echo "== render the generated files"
cargo run --quiet -p luxxon-errors-cli -- render

echo "== bless the golden expansion"
GOLDEN=overwrite cargo test --quiet -p luxxon-errors-codegen --test golden

echo "== bless the compile-fail expectations"
# Only the trybuild test: the other test of the file reads the `.stderr` files that this
# one is rewriting.
TRYBUILD=overwrite cargo test --quiet -p luxxon-errors-compile-fail --test ui -- --exact ui

echo "== check that everything is fresh"
cargo run --quiet -p luxxon-errors-cli -- check
cargo test --quiet -p luxxon-errors-codegen --test golden
cargo test --quiet -p luxxon-errors-compile-fail --test ui

echo "== blessed; what changed:"
git status --short -- "${blessed[@]}"
