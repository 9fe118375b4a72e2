#!/usr/bin/env bash
# Compares the reports of two teema builds byte for byte.
#
# Usage:
#   benches/compare_builds.sh OLD_BINARY NEW_BINARY [CORPUS_DIR [N]]
#
# Runs both binaries over corpus-samples/ in every format and unit (with --evidence, with
# --unit segment, records with --group-by, --morph snowball) and, when CORPUS_DIR is given,
# over its first N files in sorted order (default 20000; e.g. the benchmark corpus made by
# ../shared/tools/make_corpus.py), and prints one line per case: the sha256 of each build's
# output and `same` or `DIFFERENT`. Exits 1 when any case differs.
#
# The `tool.version` field is the crate version, so two builds of one version compare equal.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ $# -lt 2 ]; then
    echo "usage: benches/compare_builds.sh OLD_BINARY NEW_BINARY [CORPUS_DIR [N]]" >&2
    exit 2
fi
OLD=$(realpath "$1")
NEW=$(realpath "$2")
CORPUS="${3:-}"
N="${4:-20000}"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

S=corpus-samples
cases=(
    "json|analyse $S --format json"
    "json-evidence|analyse $S --format json --evidence"
    "ndjson-evidence|analyse $S --format ndjson --evidence"
    "ndjson-segment|analyse $S --format ndjson --unit segment --evidence"
    "json-segment|analyse $S --format json --unit segment"
    "csv|analyse $S --format csv"
    "csv-segment|analyse $S --format csv --unit segment"
    "keep-boilerplate|analyse $S --format ndjson --keep-boilerplate"
    "profile-none|analyse $S --format ndjson --profile none"
    "snowball|analyse $S --format ndjson --evidence --morph snowball"
    "lang-fi|analyse $S --format ndjson --lang fi"
    "records-jsonl|analyse $S/records/posts.jsonl --input jsonl --group-by author --group-by lang --format json --evidence"
    "records-gz|analyse $S/records/posts.jsonl.gz --input jsonl --group-by author --format csv --field author"
)
if [ -n "$CORPUS" ]; then
    # the first N files in teema's walk order (sorted by name, folder by folder), linked
    python3 - "$CORPUS" "$WORK/subset" "$N" <<'PY'
import os, sys
src, dst, n = os.path.realpath(sys.argv[1]), sys.argv[2], int(sys.argv[3])
def walk(d):
    for name in sorted(os.listdir(d)):
        if name.startswith('.'):
            continue
        p = os.path.join(d, name)
        if os.path.isdir(p):
            yield from walk(p)
        elif os.path.isfile(p):
            yield p
for i, p in enumerate(walk(src)):
    if i == n:
        break
    rel = os.path.relpath(p, src)
    os.makedirs(os.path.join(dst, os.path.dirname(rel)), exist_ok=True)
    os.symlink(p, os.path.join(dst, rel))
PY
    cases+=("corpus-$N|analyse $WORK/subset --follow --format ndjson --evidence --threads 2")
    cases+=("corpus-$N-csv|analyse $WORK/subset --follow --format csv --threads 1")
fi

status=0
for case in "${cases[@]}"; do
    name="${case%%|*}"
    args="${case#*|}"
    # shellcheck disable=SC2086
    "$OLD" $args -q >"$WORK/old" 2>/dev/null || true
    # shellcheck disable=SC2086
    "$NEW" $args -q >"$WORK/new" 2>/dev/null || true
    a=$(sha256sum <"$WORK/old" | cut -c1-16)
    b=$(sha256sum <"$WORK/new" | cut -c1-16)
    if [ "$a" = "$b" ]; then verdict=same; else verdict=DIFFERENT; status=1; fi
    printf '%-20s %s %s %s\n' "$name" "$a" "$b" "$verdict"
done
exit $status
