#!/usr/bin/env bash
# Feed fetching benchmark: 100 feeds of 50 entries from a local server, reported as medians.
#
#   benches/feeds.sh              # 5 pairs of fetches
#   benches/feeds.sh -r 9         # 9 pairs
#   FEEDS=20 ENTRIES=10 benches/feeds.sh
#   BIN=/tmp/old/briefdeck benches/feeds.sh   # another build, same feeds
#
# `examples/feed_server.rs` serves $FEEDS RSS 2.0 feeds of $ENTRIES entries (about 600 bytes of
# prose each) on 127.0.0.1 with ETag and Last-Modified, and writes their OPML. Each pair of runs
# starts from fresh, empty XDG config, data, state and cache folders, imports the OPML (not
# timed), then times
#   1. `briefdeck fetch --json` with every entry new (target: ≤ 10 s), after which the entry
#      files under $XDG_DATA_HOME/briefdeck/feeds/ (`*.json`, no dot-files) must number
#      FEEDS × ENTRIES;
#   2. the same again, every feed answering 304 Not Modified (target: ≤ 1 s), after which the
#      count must not have changed.
# Exits non-zero when a command fails or a count is wrong; the targets are only reported.
set -euo pipefail
cd "$(dirname "$0")/.."

usage() { echo "usage: $0 [-r PAIRS]" >&2; }
PAIRS=5
while getopts 'r:h' opt; do
    case $opt in
    r) PAIRS=$OPTARG ;;
    h) usage; exit 0 ;;
    *) usage; exit 2 ;;
    esac
done
if ! [[ $PAIRS =~ ^[1-9][0-9]*$ ]]; then
    echo "-r takes a positive number, not '$PAIRS'" >&2
    exit 2
fi
FEEDS=${FEEDS:-100}
ENTRIES=${ENTRIES:-50}
FIRST_TARGET_MS=10000
SECOND_TARGET_MS=1000

cargo build --release --quiet --bin briefdeck --example feed_server
TARGET=${CARGO_TARGET_DIR:-target}
# BIN=PATH times another build (an older commit's, to compare before and after a change).
BIN=${BIN:-"$TARGET/release/briefdeck"}
SERVER="$TARGET/release/examples/feed_server"

WORK=$(mktemp -d "${TMPDIR:-/tmp}/briefdeck-feeds.XXXXXX")
server_pid=
cleanup() {
    if [ -n "$server_pid" ]; then
        kill "$server_pid" 2>/dev/null || true
        wait "$server_pid" 2>/dev/null || true
    fi
    rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

OPML="$WORK/feeds.opml"
"$SERVER" --feeds "$FEEDS" --entries "$ENTRIES" --opml "$OPML" >"$WORK/server.log" 2>&1 &
server_pid=$!
for ((i = 0; i < 100; i++)); do
    grep -q '^listening on ' "$WORK/server.log" && break
    if ! kill -0 "$server_pid" 2>/dev/null; then
        echo "feed_server exited:" >&2
        cat "$WORK/server.log" >&2
        exit 1
    fi
    sleep 0.1
done
if ! grep -q '^listening on ' "$WORK/server.log"; then
    echo "feed_server did not start within 10 s" >&2
    exit 1
fi
addr=$(sed -n 's/^listening on //p' "$WORK/server.log")

# run NAME COMMAND... → runs it with stdout discarded, prints its wall time in milliseconds;
# on failure shows its stderr and exits.
run() {
    local name=$1 t0 t1
    shift
    t0=$(date +%s%N)
    if ! "$@" >/dev/null 2>"$WORK/stderr"; then
        echo "$name failed: $(printf '%q ' "$@")" >&2
        cat "$WORK/stderr" >&2
        exit 1
    fi
    t1=$(date +%s%N)
    echo $(((t1 - t0) / 1000000))
}

# Entry files stored under the current data folder.
stored() {
    local dir="$XDG_DATA_HOME/briefdeck/feeds"
    if [ -d "$dir" ]; then
        find "$dir" -type f -name '*.json' ! -name '.*' | wc -l
    else
        echo 0
    fi
}

median() {
    printf '%s\n' "$@" | sort -n |
        awk '{ a[NR] = $1 } END { m = (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2; printf "%.0f", m }'
}

expected=$((FEEDS * ENTRIES))
echo "briefdeck fetch benchmark: $FEEDS feeds of $ENTRIES entries from $addr, $PAIRS pairs, on $(nproc) cores"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%6s %12s %12s %10s\n' pair "1st ms" "2nd ms" entries
firsts=() seconds=() bad=0
for ((p = 1; p <= PAIRS; p++)); do
    home="$WORK/home-$p"
    rm -rf "$home"
    mkdir -p "$home/config" "$home/data" "$home/state" "$home/cache"
    export XDG_CONFIG_HOME="$home/config" XDG_DATA_HOME="$home/data"
    export XDG_STATE_HOME="$home/state" XDG_CACHE_HOME="$home/cache"
    run "feeds import" "$BIN" feeds import "$OPML" >/dev/null
    first=$(run "first fetch" "$BIN" fetch --json)
    count=$(stored)
    second=$(run "second fetch" "$BIN" fetch --json)
    after=$(stored)
    firsts+=("$first")
    seconds+=("$second")
    printf '%6s %12s %12s %10s\n' "$p" "$first" "$second" "$count"
    if [ "$count" -ne "$expected" ]; then
        echo "  expected $expected entry files after the first fetch, found $count" >&2
        bad=1
    fi
    if [ "$after" -ne "$count" ]; then
        echo "  the second fetch changed the entry files: $count → $after" >&2
        bad=1
    fi
    rm -rf "$home"
done

verdict() { if [ "$1" -le "$2" ]; then echo "ok"; else echo "OVER"; fi; }
m1=$(median "${firsts[@]}")
m2=$(median "${seconds[@]}")
echo
printf 'first fetch (all %d entries new): median %6s ms  target ≤ %5s ms  %s\n' \
    "$expected" "$m1" "$FIRST_TARGET_MS" "$(verdict "$m1" "$FIRST_TARGET_MS")"
printf 'second fetch (all 304):             median %6s ms  target ≤ %5s ms  %s\n' \
    "$m2" "$SECOND_TARGET_MS" "$(verdict "$m2" "$SECOND_TARGET_MS")"
echo "entry files after the first fetch: $count (expected $expected)"
exit "$bad"
