#!/usr/bin/env bash
# Full-text search benchmarks (issue 14), reported as medians.
#
#   benches/search.sh                      # 10k and 100k documents
#   SIZES=10000 benches/search.sh
#
# a. whole process, warm index: `briefdeck search WORD DIR --json` against `rg -i -l WORD DIR`
#    on the same folder, paired run by run (farm-bench when installed, else hyperfine, else a
#    timed loop), for each of $WORDS;
# b. the index on disk against the corpus's bytes;
# c. what building the index adds to a cold load, at $COLD_SIZE documents: `list --json` with
#    an empty cache against `search WORD --json` with an empty cache (the load, then the index);
# d. in process (benches/search.rs): each query's median and p95 at every size.
#
# Corpora come from examples/gen_corpus (seed 1) under $WORK (default /tmp/briefdeck-bench),
# shared with benches/load.sh; caches go to private folders under $WORK, never the user's.
set -euo pipefail
cd "$(dirname "$0")/.."

SIZES=${SIZES:-"10000 100000"}
WORDS=${WORDS:-"Taiwan semiconduttori sanctions"}
COLD_SIZE=${COLD_SIZE:-10000}
RUNS=${RUNS:-10}
WORK=${WORK:-/tmp/briefdeck-bench}
mkdir -p "$WORK"

cargo build --release --quiet --bin briefdeck --example gen_corpus
TARGET=${CARGO_TARGET_DIR:-target}
BIN=${BIN:-"$TARGET/release/briefdeck"}
GEN="$TARGET/release/examples/gen_corpus"
command -v rg >/dev/null || { echo "search.sh: needs ripgrep (apt-get install -y ripgrep)" >&2; exit 1; }

corpus() {
    local dir="$WORK/corpus-$1"
    if [ ! -f "$dir/.complete" ]; then
        rm -rf "$dir"
        "$GEN" --docs "$1" --seed 1 --out "$dir" >&2
        touch "$dir/.complete"
    fi
    echo "$dir"
}

# pair LABEL CMD_A -- CMD_B: medians of both and of the ratio A/B.
pair() {
    local label=$1
    shift
    local a=() b=()
    while [ "$1" != "--" ]; do a+=("$1"); shift; done
    shift
    b=("$@")
    if command -v farm-bench >/dev/null; then
        local out
        out=$(farm-bench -n "$RUNS" --timeout 900 --vs "${b[*]}" -- "${a[@]}" 2>&1)
        local wa wb r
        wa=$(echo "$out" | awk '/^A wall s/ {print $5 * 1000}')
        wb=$(echo "$out" | awk '/^B wall s/ {print $5 * 1000}')
        r=$(echo "$out" | awk '/^A\/B wall/ {print $4}')
        printf '%-34s %9.1f ms  rg %9.1f ms  ratio %s\n' "$label" "$wa" "$wb" "$r"
    elif command -v hyperfine >/dev/null; then
        hyperfine -N --style basic --runs "$RUNS" --warmup 1 "${a[*]}" "${b[*]}" | grep -E "Time|±|faster"
    else
        local t0 t1 t2
        t0=$(date +%s%N); for _ in $(seq "$RUNS"); do "${a[@]}" >/dev/null; done
        t1=$(date +%s%N); for _ in $(seq "$RUNS"); do "${b[@]}" >/dev/null; done
        t2=$(date +%s%N)
        printf '%-34s mean %9.1f ms  rg mean %9.1f ms\n' "$label" \
            "$(( (t1 - t0) / RUNS / 1000000 ))" "$(( (t2 - t1) / RUNS / 1000000 ))"
    fi
}

echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
for n in $SIZES; do
    dir=$(corpus "$n")
    export XDG_CACHE_HOME="$WORK/search-cache-$n"
    # Warm: the load index and the full-text index, then a second run that answers from it.
    "$BIN" search warmup "$dir" --json >/dev/null 2>&1 || true
    sleep 2
    "$BIN" search warmup "$dir" --json >/dev/null 2>&1 || true
    echo "== $n documents ($(du -sh --apparent-size "$dir" | cut -f1) in $dir)"
    for w in $WORDS; do
        pair "search $w" "$BIN" search "$w" "$dir" --json -- rg -i -l "$w" "$dir"
    done
    idx=$(du -sb "$XDG_CACHE_HOME/briefdeck/fulltext" | cut -f1)
    bytes=$(du -sb --apparent-size "$dir" | cut -f1)
    awk -v i="$idx" -v c="$bytes" 'BEGIN { printf "index on disk: %.1f MB for %.1f MB of corpus (%.2fx)\n", i/1e6, c/1e6, i/c }'
done

dir=$(corpus "$COLD_SIZE")
cold() {
    local label=$1
    shift
    local total=0 times=()
    for _ in 1 2 3; do
        rm -rf "$WORK/search-cold"
        local t0 t1
        t0=$(date +%s%N)
        XDG_CACHE_HOME="$WORK/search-cold" "$@" >/dev/null 2>&1
        t1=$(date +%s%N)
        times+=($(( (t1 - t0) / 1000000 )))
    done
    printf '%s\n' "${times[@]}" | sort -n | sed -n 2p | xargs printf '%-34s median %s ms\n' "$label"
}
echo "== cold load at $COLD_SIZE documents (3 runs each)"
cold "list --json (load)" "$BIN" list "$dir" --json
cold "search --json (load + index)" "$BIN" search Taiwan "$dir" --json
rm -rf "$WORK/search-cold"

echo "== in process (benches/search.rs)"
for n in $SIZES; do
    BENCH_DIR=$(corpus "$n") BENCH_CACHE="$WORK/search-cache-$n/briefdeck" \
        cargo bench --quiet --bench search 2>/dev/null
done
