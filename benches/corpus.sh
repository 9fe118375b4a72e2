#!/usr/bin/env bash
# Whole-corpus benchmark: teema against ripgrep and cat on the same folder of small files.
#
# Usage:
#   benches/corpus.sh [MIB] [OUT_DIR]
#
#   MIB      corpus size in MiB (default 200)
#   OUT_DIR  where the corpus is built (default /tmp/teema-bench-corpus); it is reused when
#            its size marker (OUT_DIR/.teema-bench-corpus) says it was built with the same
#            MIB and generator, and it is never deleted unless that marker is present.
#
# Environment:
#   ROUNDS            measured rounds per command (default 5); the median is reported
#   LEXICON_10K       1 (default) also times teema with a 10,000-entry lexicon folder: the
#                     shipped lexicons plus a generated theme of made-up words (lemmas,
#                     prefixes, compound heads) up to 10,000 entries; 0 skips it
#   CARGO_TARGET_DIR  honoured when locating the release binary (default: target/)
#
# What it does:
#   1. cargo build --release
#   2. builds the corpus with ../shared/tools/make_corpus.py (relative to the repo root)
#      when that exists, else generates seeded Finnish/Dutch text files itself (python3)
#   3. extracts the lexicons' plain words (lexicons/*.toml: bare words, =word, word*,
#      *head, without markers; no phrases, no regexes) into a word list for ripgrep
#   4. one untimed warm-up pass (page cache) and a sanity run of teema
#   5. ROUNDS rounds, each running in turn, under /usr/bin/time -v:
#        A  teema analyse OUT --format ndjson -q            (default threads)
#        B  rg -c -i -w -F -f WORDS OUT                     (fixed-string word search)
#        C  find OUT -type f -print0 | xargs -0 cat         (just reading the bytes)
#        T1 teema ... --threads 1       T2 teema ... --threads 2
#        L  teema ... --lexicon BIG       (10,000 entries; unless LEXICON_10K=0)
#   6. prints median wall time, MB/s (1 MB = 10^6 bytes), files/s and peak RSS per
#      command, the median per-round ratios teema/rg and teema/cat, the 1→2 thread
#      speed-up and the 10,000-entry/shipped lexicon ratio.
#
# Linearity: run it at several sizes (e.g. 100, 200 and 400 MiB, each into its own OUT_DIR)
# and compare the seconds per MiB.
#
# Hidden files (such as the size marker) are left out by all three commands: teema and rg
# skip them by default, and the find expression excludes them.
#
# Needs: cargo, python3 (3.11+, for tomllib), rg and GNU time
#   (apt-get install ripgrep time).

set -euo pipefail

MIB="${1:-200}"
OUT="${2:-/tmp/teema-bench-corpus}"
ROUNDS="${ROUNDS:-5}"
LEXICON_10K="${LEXICON_10K:-1}"

if ! [[ "$MIB" =~ ^[0-9]+([.][0-9]+)?$ ]]; then
    echo "corpus.sh: MIB must be a number, got '$MIB'" >&2
    exit 2
fi
if ! [[ "$ROUNDS" =~ ^[1-9][0-9]*$ ]]; then
    echo "corpus.sh: ROUNDS must be a positive integer, got '$ROUNDS'" >&2
    exit 2
fi

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

# --- tools --------------------------------------------------------------------------------
missing=()
command -v rg >/dev/null 2>&1 || missing+=("rg (ripgrep)")
[[ -x /usr/bin/time ]] || missing+=("/usr/bin/time (GNU time)")
command -v python3 >/dev/null 2>&1 || missing+=("python3")
if ((${#missing[@]})); then
    echo "corpus.sh: missing: ${missing[*]}" >&2
    echo "install with:  apt-get install ripgrep time   (and python3 if absent)" >&2
    exit 1
fi

TMP="$(mktemp -d -t teema-bench.XXXXXX)"
cleanup() { rm -rf -- "$TMP"; }
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- build --------------------------------------------------------------------------------
echo "==> cargo build --release"
cargo build --release --quiet
TEEMA="${CARGO_TARGET_DIR:-$ROOT/target}/release/teema"
[[ -x "$TEEMA" ]] || { echo "corpus.sh: no binary at $TEEMA" >&2; exit 1; }

# --- corpus -------------------------------------------------------------------------------
MAKE_CORPUS="$ROOT/../shared/tools/make_corpus.py"
if [[ -f "$MAKE_CORPUS" ]]; then GENERATOR="make_corpus.py"; else GENERATOR="builtin"; fi
MARKER="$OUT/.teema-bench-corpus"
WANT="mib=$MIB generator=$GENERATOR"

if [[ -f "$MARKER" && "$(cat "$MARKER")" == "$WANT" ]]; then
    echo "==> reusing corpus in $OUT ($WANT)"
else
    if [[ -e "$OUT" ]]; then
        if [[ -f "$MARKER" ]]; then
            echo "==> corpus in $OUT was built with '$(cat "$MARKER")'; rebuilding"
            rm -rf -- "$OUT"
        elif [[ -n "$(ls -A "$OUT" 2>/dev/null)" ]]; then
            echo "corpus.sh: $OUT exists, is not empty and has no $(basename "$MARKER");" \
                "refusing to overwrite it (choose another OUT_DIR)" >&2
            exit 1
        fi
    fi
    mkdir -p "$OUT"
    echo "==> building a $MIB MiB corpus in $OUT ($GENERATOR)"
    if [[ "$GENERATOR" == "make_corpus.py" ]]; then
        python3 "$MAKE_CORPUS" "$OUT" --mib "$MIB"
    else
        python3 - "$OUT" "$MIB" <<'PY'
# Seeded fallback: forum-post-sized files of Finnish or Dutch pseudo-text.
import os, random, sys
out, mib = sys.argv[1], float(sys.argv[2])
fi = ("ja on ei se että oli mutta kun niin myös työ töissä asiakas asiakkaat asiakaspalvelu "
      "asiakaspalveluun puhelimessa jonottaa illalla iltavuoro ylityö ylitöitä viikonloppuna "
      "väsynyt kiire stressi introvertti hiljainen yksin palaveri pomo esimies kassalla kauppa "
      "hymyillä ystävällinen valitus lasku operaattori hoitaja vuoro kotona perhe lapset "
      "sanoi kertoi kysyin tiedän haluan pitäisi klo kello maanantai perjantai sunnuntai").split()
nl = ("de het een en van in is dat op te zijn met voor niet werk werkdag collega baas klant "
      "klanten klantenservice wachtrij gebeld telefoon avond avonddienst weekend overuren "
      "overwerk bereikbaar dienst rooster moe stress druk introvert verlegen stil alleen borrel "
      "vergadering glimlach vriendelijk klacht rekening provider thuis gezin kinderen zei "
      "vroeg weet wil moet kan maandag vrijdag zondag uur eigenlijk gewoon toch dus want").split()
rng = random.Random(7)
target, written, n = int(mib * 1024 * 1024), 0, 0
while written < target:
    words = fi if n % 2 == 0 else nl
    sents = []
    for _ in range(rng.randint(1, 12)):
        s = " ".join(rng.choice(words) for _ in range(rng.randint(4, 18)))
        sents.append(s[0].upper() + s[1:] + rng.choice([".", ".", ".", "!", "?"]))
    paras, i = [], 0
    while i < len(sents):
        j = i + rng.randint(1, 4)
        paras.append(" ".join(sents[i:j]))
        i = j
    body = ("\n\n".join(paras) + "\n").encode("utf-8")
    d = os.path.join(out, f"d{n // 1000:05d}")
    if n % 1000 == 0:
        os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, f"post-{n:07d}.txt"), "wb") as f:
        f.write(body)
    written += len(body)
    n += 1
print(f"{n} files, {written} bytes in {out}")
PY
    fi
    printf '%s' "$WANT" >"$MARKER"
fi

# The files every command sees: everything but hidden files and folders.
read -r FILES BYTES < <(find "$OUT" -mindepth 1 \( -name '.*' -prune \) -o -type f -print0 | xargs -0 stat -c '%s' | awk '{n++; b+=$1} END {print n+0, b+0}')
((FILES > 0)) || { echo "corpus.sh: no files in $OUT" >&2; exit 1; }
echo "    $FILES files, $BYTES bytes"

# --- word list for rg ---------------------------------------------------------------------
WORDS="$TMP/words.txt"
python3 - "$WORDS" lexicons/*.toml <<'PY'
import sys, tomllib
out, paths = sys.argv[1], sys.argv[2:]
words = set()
for path in paths:
    with open(path, "rb") as f:
        doc = tomllib.load(f)
    for lang in ("fi", "nl"):
        for e in doc.get(lang, {}).get("entries", []):
            term = e["term"] if isinstance(e, dict) else e
            t = term.strip().lower()
            if len(t) >= 2 and t.startswith("/") and t.endswith("/"):
                continue                      # regex
            if any(c.isspace() for c in t):
                continue                      # phrase
            if t.startswith("="):
                t = t[1:]
            elif t.startswith("*"):
                t = t[1:]
            elif t.endswith("*"):
                t = t[:-1]
            if t and "*" not in t:
                words.add(t)
with open(out, "w", encoding="utf-8") as f:
    f.write("".join(w + "\n" for w in sorted(words)))
print(f"    {len(words)} plain lexicon words for rg from {len(paths)} lexicon files")
PY

# --- 10,000-entry lexicon ----------------------------------------------------------------
BIG="$TMP/lexicon-10k"
if [[ "$LEXICON_10K" == 1 ]]; then
    mkdir -p "$BIG"
    cp lexicons/*.toml "$BIG/"
    python3 - "$BIG" lexicons/*.toml <<'PY'
import random, sys, tomllib
out, paths = sys.argv[1], sys.argv[2:]
shipped = 0
for path in paths:
    with open(path, "rb") as f:
        doc = tomllib.load(f)
    for lang in ("fi", "nl"):
        side = doc.get(lang, {})
        shipped += len(side.get("entries", [])) + len(side.get("exclude", []))
n = 10_000 - shipped
syl = ["ka", "lo", "mi", "ne", "pu", "ra", "si", "tu", "va", "ho", "je", "ky", "lä", "mö",
       "nu", "pe", "ri", "so", "te", "vi", "da", "ge", "bo", "fa", "ze", "wu", "ij", "oe"]
rng = random.Random(10_000)
words = set()
while len(words) < n:
    words.add("".join(rng.choice(syl) for _ in range(rng.randint(3, 6))))
entries = []
for i, w in enumerate(sorted(words)):
    # mostly lemmas, as in the shipped lexicons; some prefixes and compound heads
    entries.append(w + "*" if i % 10 == 1 else "*" + w if i % 10 == 2 else w)
fi, nl = entries[: n // 2], entries[n // 2:]
side = lambda es: "".join(f'  "{e}",\n' for e in es)
with open(f"{out}/synthetic.toml", "w", encoding="utf-8") as f:
    f.write('id = "synthetic"\nlabel = "Synthetic"\nversion = "1"\n\n'
            f"[fi]\nentries = [\n{side(fi)}]\n\n[nl]\nentries = [\n{side(nl)}]\n")
print(f"    10,000-entry lexicon: {shipped} shipped entries + {n} generated")
PY
fi

# --- commands -----------------------------------------------------------------------------
CAT_PIPELINE='find "$1" -mindepth 1 \( -name ".*" -prune \) -o -type f -print0 | xargs -0 cat'

# measure LABEL CMD...: runs CMD (stdout to /dev/null) under /usr/bin/time -v and appends
# "LABEL wall_seconds max_rss_kib" to $TMP/results. Accepted exit codes: teema 0 or 2 (some
# inputs skipped), rg 0 or 1 (no match), cat 0.
measure() {
    local label="$1" log="$TMP/time.log" status=0
    shift
    /usr/bin/time -v -o "$log" "$@" >/dev/null || status=$?
    case "$label:$status" in
        teema*:0 | teema*:2 | rg:0 | rg:1 | cat:0) ;;
        *)
            echo >&2
            echo "corpus.sh: '$label' failed with exit status $status: $*" >&2
            cat "$log" >&2
            exit 1
            ;;
    esac
    python3 - "$log" "$label" >>"$TMP/results" <<'PY'
import sys
wall = rss = None
for line in open(sys.argv[1]):
    line = line.strip()
    if line.startswith("Elapsed (wall clock) time"):
        v = line.rsplit(": ", 1)[1]
        secs = 0.0
        for part in v.split(":"):
            secs = secs * 60 + float(part)
        wall = secs
    elif line.startswith("Maximum resident set size"):
        rss = int(line.rsplit(": ", 1)[1])
if wall is None or rss is None:
    sys.exit("could not parse /usr/bin/time -v output")
print(sys.argv[2], wall, rss)
PY
}

# --- warm-up and sanity check -------------------------------------------------------------
echo "==> warm-up (page cache) and sanity run"
bash -c "$CAT_PIPELINE" _ "$OUT" >/dev/null
status=0
"$TEEMA" analyse "$OUT" --format ndjson -q >"$TMP/report.ndjson" || status=$?
if ((status != 0 && status != 2)); then
    echo "corpus.sh: teema failed with exit status $status" >&2
    exit 1
fi
python3 - "$TMP/report.ndjson" <<'PY'
import json, sys
last = None
for line in open(sys.argv[1], encoding="utf-8"):
    last = line
s = json.loads(last)
hits = {k: v["hits"] for k, v in s.get("themes", {}).items()}
print(f"    teema: {s.get('documents')} documents, {s.get('skipped')} skipped, "
      f"{s.get('tokens')} tokens; hits {hits}")
PY
rm -f "$TMP/report.ndjson"

# --- measured rounds ----------------------------------------------------------------------
: >"$TMP/results"
LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')"
for ((r = 1; r <= ROUNDS; r++)); do
    printf '==> round %d/%d: teema' "$r" "$ROUNDS"
    measure teema "$TEEMA" analyse "$OUT" --format ndjson -q
    printf ', rg'
    measure rg rg -c -i -w -F -f "$WORDS" "$OUT"
    printf ', cat'
    measure cat bash -c "$CAT_PIPELINE" _ "$OUT"
    printf ', teema --threads 1'
    measure teema-t1 "$TEEMA" analyse "$OUT" --format ndjson -q --threads 1
    printf ', teema --threads 2'
    measure teema-t2 "$TEEMA" analyse "$OUT" --format ndjson -q --threads 2
    if [[ "$LEXICON_10K" == 1 ]]; then
        printf ', teema --lexicon 10k'
        measure teema-10k "$TEEMA" analyse "$OUT" --format ndjson -q --lexicon "$BIG"
    fi
    echo
done

LOAD_AFTER="$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')"

# --- table --------------------------------------------------------------------------------
python3 - "$TMP/results" "$FILES" "$BYTES" "$MIB" "$ROUNDS" "$(nproc)" "$LOAD_BEFORE" \
    "$LOAD_AFTER" <<'PY'
import statistics, sys
path, files, nbytes, mib, rounds, cpus, load_before, load_after = sys.argv[1:]
files, nbytes = int(files), int(nbytes)
runs = {}
for line in open(path):
    label, wall, rss = line.split()
    runs.setdefault(label, []).append((float(wall), int(rss)))

def med(label):
    return statistics.median(w for w, _ in runs[label])

def ratio(a, b):
    return statistics.median(x[0] / y[0] for x, y in zip(runs[a], runs[b]) if y[0] > 0)

names = {
    "teema": "teema analyse (ndjson)",
    "rg": "rg -c -i -w -F -f WORDS",
    "cat": "find | xargs cat",
    "teema-t1": "teema --threads 1",
    "teema-t2": "teema --threads 2",
    "teema-10k": "teema 10,000 entries",
}
print()
print(f"corpus: {files} files, {nbytes / 1e6:.1f} MB ({mib} MiB); {rounds} rounds; {cpus} CPUs")
print(f"load average before / after the rounds: {load_before} / {load_after}"
      "  (other busy processes skew wall times)")
print()
hdr = f"{'command':<26} {'median s':>9} {'MB/s':>9} {'files/s':>10} {'peak RSS MiB':>13}"
print(hdr)
print("-" * len(hdr))
for label in ("teema", "rg", "cat", "teema-t1", "teema-t2", "teema-10k"):
    if label not in runs:
        continue
    m = med(label)
    rss = max(r for _, r in runs[label]) / 1024
    mbps = nbytes / 1e6 / m if m > 0 else float("inf")
    fps = files / m if m > 0 else float("inf")
    print(f"{names[label]:<26} {m:>9.3f} {mbps:>9.1f} {fps:>10.0f} {rss:>13.1f}")
print()
print(f"median ratio teema / rg           : {ratio('teema', 'rg'):6.2f}x")
print(f"median ratio teema / cat          : {ratio('teema', 'cat'):6.2f}x")
print(f"speed-up --threads 1 -> 2         : {ratio('teema-t1', 'teema-t2'):6.2f}x"
      f"  (median of per-round t1/t2; ratio of medians {med('teema-t1') / med('teema-t2'):.2f}x)")
if "teema-10k" in runs:
    print(f"median ratio 10,000 entries / shipped: {ratio('teema-10k', 'teema'):6.2f}x")
print(f"seconds per MiB (teema)           : {med('teema') / float(mib):.4f}")
PY
