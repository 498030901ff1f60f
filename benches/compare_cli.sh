#!/usr/bin/env bash
# Times `service-catalog check` against the Python reference (tomllib + networkx) on the same
# generated tree of N services, best of RUNS (default 3) wall-clock runs each, whole process
# included, and prints the ratio.
#
#   benches/compare_cli.sh N
#
# Builds the release CLI and the generator into ${CARGO_TARGET_DIR:-target}. Needs python3
# (PYTHON to pick another) with networkx: pip install -r benches/python/requirements.txt
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

usage="usage: benches/compare_cli.sh N"
n="${1:?$usage}"
case "$n" in
    '' | *[!0-9]*)
        echo "error: N must be a whole number of services" >&2
        echo "$usage" >&2
        exit 2
        ;;
esac
target_dir="${CARGO_TARGET_DIR:-target}"
runs="${RUNS:-3}"
python="${PYTHON:-python3}"
# The date the generated lifecycle dates are consistent with (the generator's TODAY).
today="2026-01-15"

if ! "$python" -c 'import networkx' 2>/dev/null; then
    echo "error: $python cannot import networkx: pip install -r benches/python/requirements.txt" >&2
    exit 2
fi

cargo build --quiet --release -p service-catalog-cli --bin service-catalog
cargo build --quiet --release -p service-catalog-bench --bin generate

tree="$(mktemp -d)"
trap 'rm -rf "$tree"' EXIT
"$target_dir/release/generate" --services "$n" --out "$tree/tree" >/dev/null
size="$(find "$tree/tree" -type f -printf '%s\n' | awk '{ total += $1 } END { print total }')"

# best_of NAME COMMAND...: runs COMMAND $runs times and sets $best to the fastest, in seconds.
# The CLI exits 1 when the tree has errors (the generated one does, by design), so only an
# exit status above 1 is a failure.
best_of() {
    local name="$1"
    shift
    local fastest=""
    for _ in $(seq "$runs"); do
        local start end status=0
        start="$(date +%s%N)"
        "$@" >"$tree/out" 2>"$tree/err" || status=$?
        end="$(date +%s%N)"
        if [ "$status" -gt 1 ]; then
            echo "error: $name exited with $status" >&2
            cat "$tree/err" >&2
            exit 2
        fi
        local took=$((end - start))
        if [ -z "$fastest" ] || [ "$took" -lt "$fastest" ]; then
            fastest="$took"
        fi
    done
    best="$(awk -v ns="$fastest" 'BEGIN { printf "%.3f", ns / 1e9 }')"
}

best_of "service-catalog check" \
    "$target_dir/release/service-catalog" check "$tree/tree" --format json --today "$today"
rust="$best"
findings="$("$python" - "$tree/out" <<'EOF'
import json, sys
summary = json.load(open(sys.argv[1]))["summary"]
print(f"{summary['errors']} errors, {summary['warnings']} warnings")
EOF
)"

best_of "the python reference" "$python" benches/python/reference.py "$tree/tree"
python_best="$best"
cp "$tree/out" "$tree/reference.json"

printf 'tree: %s services, %.1f MB\n' "$n" "$(awk -v b="$size" 'BEGIN { print b / 1e6 }')"
printf 'service-catalog check --format json: %8s s  (best of %s; %s)\n' "$rust" "$runs" "$findings"
printf 'python tomllib + networkx reference:  %8s s  (best of %s)\n' "$python_best" "$runs"
awk -v r="$rust" -v p="$python_best" 'BEGIN {
    if (r > 0) printf "ratio python / rust: %.1fx\n", p / r
}'
echo "reference steps (last run):"
cat "$tree/reference.json"
