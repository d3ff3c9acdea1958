#!/usr/bin/env bash
# luxxon-errors serve and Prism (@stoplight/prism-cli) side by side on this machine, in one
# run: the same bounded load loop (scripts/compare-prism/load.mjs: N keep-alive GETs of
# /errors/{CODE}, C at a time) against each, and each server's peak RSS (VmHWM) after it.
# Not part of CI: it installs Prism from npm into target/npm.
#
#   scripts/compare-prism.sh [N] [C]        # default 20000 requests, 16 at a time
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-20000}
C=${2:-16}
TARGET=${CARGO_TARGET_DIR:-target}
WORK=$TARGET/prism-compare
mkdir -p "$WORK"

if [ ! -x target/npm/node_modules/.bin/prism ]; then
  npm install --prefix target/npm @stoplight/prism-cli >/dev/null
fi
cargo build --release -p luxxon-errors-cli >/dev/null 2>&1
node scripts/compare-prism/openapi.mjs generated/openapi/luxxon-errors.components.yaml "$WORK/openapi.yaml"

pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true' EXIT

peak_rss_kib() { awk '/VmHWM/ {print $2}' "/proc/$1/status"; }

wait_for() { # URL
  for _ in $(seq 1 200); do
    curl -s -o /dev/null "$1" && return 0
    sleep 0.1
  done
  echo "no answer from $1" >&2
  return 1
}

"$TARGET/release/luxxon-errors" serve --catalog errors.yaml --addr 127.0.0.1:18431 >"$WORK/serve.log" 2>&1 &
pids+=($!); serve_pid=$!
node target/npm/node_modules/@stoplight/prism-cli/dist/index.js mock -p 18432 -h 127.0.0.1 -v warn "$WORK/openapi.yaml" >"$WORK/prism.log" 2>&1 &
pids+=($!); prism_pid=$!

wait_for http://127.0.0.1:18431/errors/NOT_FOUND
wait_for http://127.0.0.1:18432/errors/NOT_AUTHORIZED
echo "idle RSS: serve $(peak_rss_kib $serve_pid) KiB, prism $(peak_rss_kib $prism_pid) KiB"
echo "serve: $(node scripts/compare-prism/load.mjs http://127.0.0.1:18431 "$WORK/openapi.yaml.codes" "$N" "$C") peak_rss_kib=$(peak_rss_kib $serve_pid)"
echo "prism: $(node scripts/compare-prism/load.mjs http://127.0.0.1:18432 "$WORK/openapi.yaml.codes" "$N" "$C") peak_rss_kib=$(peak_rss_kib $prism_pid)"
echo "machine: $(nproc) cores, $(uname -sr), node $(node --version), prism $(node -p 'require("./target/npm/node_modules/@stoplight/prism-cli/package.json").version')"
