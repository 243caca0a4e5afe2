#!/usr/bin/env bash
# Whole-build benchmarks for issue "Fast at national scale".
#
#   bash benches/build.sh                         # 1,000, 10,000 and 50,000 pages
#   SIZES=1000 RUNS=2 bash benches/build.sh       # a quick check
#   bash benches/build.sh --sizes "1000 10000" --runs 3
#
# For each size it writes a deterministic corpus with `gen_corpus --bodies`, then
# times every tool building the same Markdown bodies, in alternating rounds (each
# tool once per round, timed by hyperfine where present):
#
#   bcfsite  `bcfsite build SITE --output OUT` (the whole site: pages, data, checks)
#   floor    benches/floor.rs: walk, read, pulldown-cmark, write; nothing else
#   hugo     benches/hugo with a title added to each body   (if `hugo` is on PATH)
#   zola     benches/zola likewise                           (if `zola` is on PATH)
#
# Every run starts from no output folder (removed in hyperfine's --prepare), so all
# tools write from scratch. Then it prints medians, ratios to the floor, Hugo and
# Zola, milliseconds per page and how linear that is, and peak memory
# (/usr/bin/time -v). Work files go to $BENCH_DIR (default /tmp/bcfsite-bench).
# On a slow disk, creating the files dominates every tool's time; to compare the
# work each tool does, run it again with BENCH_DIR on a tmpfs, e.g. /dev/shm/bench.
set -euo pipefail

SIZES=${SIZES:-1000 10000 50000}
RUNS=${RUNS:-5}
BENCH_DIR=${BENCH_DIR:-/tmp/bcfsite-bench}
while [[ $# -gt 0 ]]; do
    case $1 in
        --sizes) SIZES=$2; shift 2 ;;
        --runs) RUNS=$2; shift 2 ;;
        -h | --help) sed -n '2,21p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "build.sh: unknown argument $1 (try --help)" >&2; exit 2 ;;
    esac
done

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BIN=${CARGO_TARGET_DIR:-$ROOT/target}/release
have() { command -v "$1" > /dev/null 2>&1; }

mkdir -p "$BENCH_DIR"
echo "== machine"
echo "date:     $(date -u '+%Y-%m-%d %H:%M:%S UTC')"
echo "cpu:      $(nproc) x $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)"
echo "memory:   $(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)"
echo "bcfsite:  $(git -C "$ROOT" describe --always --dirty 2> /dev/null || echo unknown)"
echo "work:     $BENCH_DIR ($(df -PT "$BENCH_DIR" | awk 'NR == 2 { print $2 " on " $1 }'))"
have hugo && echo "hugo:     $(hugo version | cut -d' ' -f2)"
have zola && echo "zola:     $(zola --version)"
have hyperfine && echo "timer:    $(hyperfine --version)" || echo "timer:    shell loop (hyperfine not found)"
echo

echo "== building release binaries"
(cd "$ROOT" && cargo build --release --locked --bin bcfsite --example gen_corpus --example floor)
echo

MEMORY=$BENCH_DIR/memory.tsv
: > "$MEMORY"

# Peak resident memory of a command, in KiB. Without GNU time, Python's getrusage
# stands in; it cannot see below about 15 MiB (the child's copy of Python counts).
peak_kib() {
    if [[ -x /usr/bin/time ]]; then
        /usr/bin/time -v -o "$BENCH_DIR/time.txt" "$@" > "$BENCH_DIR/last-run.txt" 2>&1
        awk -F': ' '/Maximum resident set size/ { print $2 }' "$BENCH_DIR/time.txt"
    else
        python3 -c 'import resource, subprocess, sys
subprocess.run(sys.argv[2:], check=True, stdout=open(sys.argv[1], "w"), stderr=subprocess.STDOUT)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)' "$BENCH_DIR/last-run.txt" "$@"
    fi
}

# Copies the bodies into a Hugo or Zola content folder with the front matter each
# needs: a title per page, and for Zola an _index.md per section.
prepare_site() { # tool bodies dest
    rm -rf "$3"
    cp -r "$ROOT/benches/$1" "$3"
    python3 - "$@" << 'EOF'
import os, sys
tool, bodies, dest = sys.argv[1:]
fence = "+++" if tool == "zola" else "---"
def title(t):
    return f'title = "{t}"' if tool == "zola" else f"title: {t}"
content = os.path.join(dest, "content")
def front(path, t, body=""):
    with open(path, "w") as f:
        f.write(f"{fence}\n{title(t)}\n{fence}\n\n{body}")
os.makedirs(content)
front(os.path.join(content, "_index.md"), "Generated Better Care Fund")
for area in sorted(os.listdir(bodies)):
    os.makedirs(os.path.join(content, area))
    front(os.path.join(content, area, "_index.md"), f"The {area} area")
    for name in os.listdir(os.path.join(bodies, area)):
        with open(os.path.join(bodies, area, name)) as f:
            body = f.read()
        front(os.path.join(content, area, name), f"{area} {name[:-3]}", body)
EOF
}

# Times each command once, after $prepare, without hyperfine; writes the same JSON
# shape as hyperfine (results[].command, times[]).
time_once() { # json prepare (name command)...
    local json=$1 prepare=$2 first=1
    shift 2
    printf '{"results": [' > "$json"
    while [[ $# -gt 0 ]]; do
        local name=$1 cmd=$2 start end
        shift 2
        eval "$prepare"
        start=$(date +%s.%N)
        eval "$cmd" > /dev/null
        end=$(date +%s.%N)
        ((first)) || printf ',' >> "$json"
        first=0
        printf '{"command": "%s", "times": [%s]}' "$name" \
            "$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.6f", b - a }')" >> "$json"
    done
    printf ']}\n' >> "$json"
}

for size in $SIZES; do
    work=$BENCH_DIR/$size
    site=$work/site
    bodies=$work/bodies
    out=$work/out
    runs=$RUNS
    ((size >= 50000 && runs > 3)) && runs=3
    echo "== $size pages ($runs runs)"
    rm -rf "$bodies" "$out"
    mkdir -p "$site"
    "$BIN/examples/gen_corpus" --pages "$size" --bodies "$bodies" "$site"
    names=(bcfsite floor)
    cmds=("$(printf '%q build %q --output %q' "$BIN/bcfsite" "$site" "$out/bcfsite")"
        "$(printf '%q %q %q' "$BIN/examples/floor" "$bodies" "$out/floor")")
    if have hugo; then
        prepare_site hugo "$bodies" "$work/hugo"
        names+=(hugo)
        cmds+=("$(printf 'hugo --quiet -s %q -d %q' "$work/hugo" "$out/hugo")")
    fi
    if have zola; then
        prepare_site zola "$bodies" "$work/zola"
        names+=(zola)
        cmds+=("$(printf 'zola --root %q build --output-dir %q --force' "$work/zola" "$out/zola")")
    fi
    prepare="rm -rf $(printf '%q' "$out") && sync"
    # Rounds: every tool runs once per round, in turn, so a machine that speeds up or
    # slows down during the benchmark moves every tool alike. Round 0 warms the caches
    # and is not counted.
    json=$work/times.json
    round_files=()
    for ((round = 0; round <= runs; round++)); do
        rjson=$work/round-$round.json
        if have hyperfine; then
            args=()
            for i in "${!names[@]}"; do args+=(-n "${names[$i]}" "${cmds[$i]}"); done
            hyperfine --style none --runs 1 --prepare "$prepare" --export-json "$rjson" "${args[@]}"
        else
            pairs=()
            for i in "${!names[@]}"; do pairs+=("${names[$i]}" "${cmds[$i]}"); done
            time_once "$rjson" "$prepare" "${pairs[@]}"
        fi
        ((round > 0)) && round_files+=("$rjson")
    done
    python3 - "$json" "${round_files[@]}" << 'EOF'
import json, statistics, sys
out, rounds = sys.argv[1], sys.argv[2:]
times = {}
for path in rounds:
    with open(path) as f:
        for r in json.load(f)["results"]:
            times.setdefault(r["command"], []).extend(r["times"])
with open(out, "w") as f:
    json.dump({"results": [{"command": c, "times": t} for c, t in times.items()]}, f)
for c, t in times.items():
    print(f"  {c:<8} median {statistics.median(t):.3f} s  (min {min(t):.3f}, max {max(t):.3f}, {len(t)} runs)")
EOF

    echo "-- bcfsite stages and peak memory at $size pages"
    rm -rf "$out"
    kib=$(peak_kib "$BIN/bcfsite" build "$site" --output "$out/bcfsite" --timings)
    cat "$BENCH_DIR/last-run.txt"
    printf '%s\tbcfsite\t%s\n' "$size" "$kib" >> "$MEMORY"
    rm -rf "$out"
    printf '%s\tfloor\t%s\n' "$size" "$(peak_kib "$BIN/examples/floor" "$bodies" "$out/floor")" >> "$MEMORY"
    if have hugo && [[ $size == 10000 ]]; then
        rm -rf "$out"
        printf '%s\thugo\t%s\n' "$size" "$(peak_kib hugo --quiet -s "$work/hugo" -d "$out/hugo")" >> "$MEMORY"
    fi
    if have zola && [[ $size == 10000 ]]; then
        rm -rf "$out"
        printf '%s\tzola\t%s\n' "$size" "$(peak_kib zola --root "$work/zola" build --output-dir "$out/zola" --force)" >> "$MEMORY"
    fi
    rm -rf "$out"
    echo
done

echo "== summary"
python3 - "$BENCH_DIR" "$SIZES" << 'EOF'
import json, os, statistics, sys
bench, sizes = sys.argv[1], [int(s) for s in sys.argv[2].split()]
medians = {}
for size in sizes:
    with open(os.path.join(bench, str(size), "times.json")) as f:
        for r in json.load(f)["results"]:
            medians[size, r["command"]] = statistics.median(r["times"])
tools = [t for t in ("bcfsite", "floor", "hugo", "zola") if any((s, t) in medians for s in sizes)]
others = [t for t in tools if t != "bcfsite"]
base = 1000 if 1000 in sizes else min(sizes)
per_page = {s: 1000 * medians[s, "bcfsite"] / s for s in sizes}
head = f"{'pages':>7}" + "".join(f"{t + ' s':>11}" for t in tools)
head += "".join(f"{'/' + t:>9}" for t in others) + f"{'ms/page':>9}{'vs ' + str(base):>9}"
print("median wall-clock time; /tool = bcfsite time over that tool's; ms/page is bcfsite's")
print(head)
for s in sizes:
    row = f"{s:>7}" + "".join(f"{medians[s, t]:>11.3f}" if (s, t) in medians else f"{'-':>11}" for t in tools)
    row += "".join(f"{medians[s, 'bcfsite'] / medians[s, t]:>8.2f}x" if (s, t) in medians else f"{'-':>9}" for t in others)
    ratio = per_page[s] / per_page[base]
    flag = "" if abs(ratio - 1) <= 0.2 else "  (outside ±20%)"
    print(row + f"{per_page[s]:>9.3f}{ratio:>8.2f}x{flag}")
print()
print("peak memory (MiB)")
mem = {}
with open(os.path.join(bench, "memory.tsv")) as f:
    for line in f:
        s, tool, kib = line.split()
        mem[int(s), tool] = int(kib) / 1024
print(f"{'pages':>7}" + "".join(f"{t:>10}" for t in tools))
for s in sizes:
    print(f"{s:>7}" + "".join(f"{mem[s, t]:>10.0f}" if (s, t) in mem else f"{'-':>10}" for t in tools))
EOF
