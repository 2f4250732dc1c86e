#!/usr/bin/env bash
# Whole-process loading benchmarks (issue 5, items 2a, 2b and 2e), reported as medians.
#
#   benches/load.sh                 # 1k, 10k and 50k documents
#   SIZES="1000 10000" benches/load.sh
#   BIN=/tmp/old/briefdeck SIZES=10000 benches/load.sh   # another build, same corpora
#
# a. cold load with --no-cache (read, clean, parse, extract, tag, link) of generated corpora:
#    time per document, and its growth from 10k to 50k;
# b. warm start to `list --json` output with the on-disk index at 10k documents;
# e. peak resident memory (/usr/bin/time -f %M) of a cold load against the corpus bytes on disk;
# h. cold load of $HTML_PAGES generated saved web pages (about 100 KB each), per page.
#
# Corpora come from `examples/gen_corpus.rs` (seed 1) under $WORK (default /tmp/briefdeck-bench);
# the index goes to $WORK/cache through XDG_CACHE_HOME. Uses hyperfine when installed
# (`apt-get install -y hyperfine`), else a loop timed with `date +%s%N`. RUNS_<N> sets the number
# of timed runs per size (defaults: 10 at 1k, 5 at 10k, 3 beyond).
set -euo pipefail
cd "$(dirname "$0")/.."

SIZES=${SIZES:-"1000 10000 50000"}
WORK=${WORK:-/tmp/briefdeck-bench}
WARM_SIZE=${WARM_SIZE:-10000}
HTML_PAGES=${HTML_PAGES:-1000}
mkdir -p "$WORK"

cargo build --release --quiet --bin briefdeck --example gen_corpus
TARGET=${CARGO_TARGET_DIR:-target}
# BIN=PATH times another build (an older commit's, to compare before and after a change).
BIN=${BIN:-"$TARGET/release/briefdeck"}
GEN="$TARGET/release/examples/gen_corpus"

runs_for() {
    local var="RUNS_$1"
    if [ -n "${!var:-}" ]; then echo "${!var}"
    elif [ "$1" -le 1000 ]; then echo 10
    elif [ "$1" -le 10000 ]; then echo 5
    else echo 3; fi
}

corpus() {
    local dir="$WORK/corpus-$1"
    if [ ! -f "$dir/.complete" ]; then
        rm -rf "$dir"
        "$GEN" --docs "$1" --seed 1 --out "$dir" >&2
        touch "$dir/.complete"
    fi
    echo "$dir"
}

# median_ms RUNS WARMUP COMMAND... → median wall time in milliseconds.
median_ms() {
    local runs=$1 warmup=$2
    shift 2
    if command -v hyperfine >/dev/null 2>&1; then
        local json="$WORK/hyperfine.json"
        hyperfine -N --style none --runs "$runs" --warmup "$warmup" \
            --export-json "$json" "$(printf '%q ' "$@")" >/dev/null 2>&1
        grep -o '"median": *[0-9.e+-]*' "$json" | head -1 | sed 's/.*: *//' |
            awk '{ printf "%.1f", $1 * 1000 }'
    else
        local i times=()
        for ((i = 0; i < warmup; i++)); do "$@" >/dev/null; done
        for ((i = 0; i < runs; i++)); do
            local t0 t1
            t0=$(date +%s%N)
            "$@" >/dev/null
            t1=$(date +%s%N)
            times+=($(((t1 - t0) / 1000)))
        done
        printf '%s\n' "${times[@]}" | sort -n |
            awk '{ a[NR] = $1 } END { m = (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2; printf "%.1f", m / 1000 }'
    fi
}

for n in $SIZES $WARM_SIZE; do corpus "$n" >/dev/null; done

echo "briefdeck load benchmarks on $(nproc) cores; medians; load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "a/e. cold load: briefdeck list DIR --json --no-cache"
echo "    (CPU µs/doc: user+system time of one more run, per document: what 1 core would take;"
echo "     less sensitive than wall time to other work on the machine)"
printf '%8s %10s %12s %10s %12s %12s %12s\n' docs "MB on disk" "median ms" "µs/doc" "CPU µs/doc" "peak RSS MB" "3×disk+50"
declare -A per_doc
for n in $SIZES; do
    dir=$(corpus "$n")
    bytes=$(du -sb --exclude=.complete "$dir" | cut -f1)
    runs=$(runs_for "$n")
    ms=$(median_ms "$runs" 1 "$BIN" list "$dir" --json --no-cache)
    us=$(awk -v ms="$ms" -v n="$n" 'BEGIN { printf "%.0f", ms * 1000 / n }')
    per_doc[$n]=$us
    read -r rss_kb user sys < <({ /usr/bin/time -f '%M %U %S' "$BIN" list "$dir" --json --no-cache >/dev/null; } 2>&1 | tail -1)
    printf '%8s %10.1f %12s %10s %12.0f %12.0f %12.0f\n' "$n" "$(awk -v b="$bytes" 'BEGIN { print b / 1e6 }')" \
        "$ms" "$us" "$(awk -v u="$user" -v s="$sys" -v n="$n" 'BEGIN { print (u + s) * 1e6 / n }')" \
        "$(awk -v k="$rss_kb" 'BEGIN { print k * 1024 / 1e6 }')" \
        "$(awk -v b="$bytes" 'BEGIN { print (3 * b + 50e6) / 1e6 }')"
done
if [ -n "${per_doc[10000]:-}" ] && [ -n "${per_doc[50000]:-}" ]; then
    echo "growth 10k → 50k per document: $(awk -v a="${per_doc[10000]}" -v b="${per_doc[50000]}" 'BEGIN { printf "%.2fx", b / a }')"
fi

echo
echo "b. warm start: briefdeck list DIR --json with the index at $WARM_SIZE documents"
dir=$(corpus "$WARM_SIZE")
export XDG_CACHE_HOME="$WORK/cache"
rm -rf "$XDG_CACHE_HOME"
"$BIN" list "$dir" --json >/dev/null # builds the index
ms=$(median_ms "$(runs_for 1000)" 2 "$BIN" list "$dir" --json)
rss_kb=$( { /usr/bin/time -f %M "$BIN" list "$dir" --json >/dev/null; } 2>&1 | tail -1)
size=$(du -sb "$XDG_CACHE_HOME/briefdeck" | cut -f1)
printf 'median %s ms; peak RSS %.0f MB (the mapped index included); index %.1f MB\n' "$ms" \
    "$(awk -v k="$rss_kb" 'BEGIN { print k * 1024 / 1e6 }')" "$(awk -v b="$size" 'BEGIN { print b / 1e6 }')"
ms=$(median_ms "$(runs_for 1000)" 1 "$BIN" links "$dir" --json)
echo "the same load with links printed (links --json, a large output): median $ms ms"

echo
echo "h. cold load of saved web pages: briefdeck list DIR --json --no-cache on $HTML_PAGES generated pages"
echo "   of about 100 KB (gen_corpus --html: an article in realistic chrome)"
dir="$WORK/html-$HTML_PAGES"
if [ ! -f "$dir/.complete" ]; then
    rm -rf "$dir"
    "$GEN" --docs 0 --html "$HTML_PAGES" --seed 1 --out "$dir" >&2
    touch "$dir/.complete"
fi
ms=$(median_ms 5 1 "$BIN" list "$dir" --json --no-cache)
read -r rss_kb user sys < <({ /usr/bin/time -f '%M %U %S' "$BIN" list "$dir" --json --no-cache >/dev/null; } 2>&1 | tail -1)
printf 'median %s ms wall (%.2f ms a page); CPU %.2f ms a page (what one core would take); peak RSS %.0f MB\n' \
    "$ms" "$(awk -v ms="$ms" -v n="$HTML_PAGES" 'BEGIN { print ms / n }')" \
    "$(awk -v u="$user" -v s="$sys" -v n="$HTML_PAGES" 'BEGIN { print (u + s) * 1e3 / n }')" \
    "$(awk -v k="$rss_kb" 'BEGIN { print k * 1024 / 1e6 }')"
