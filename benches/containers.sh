#!/usr/bin/env bash
# Containers benchmark: the benchmark corpus read from disk against the same files packed as
# one .tar.zst (wall time and peak memory, runs interleaved so that load from other work on
# the machine falls on both alike), and a ~1 GiB WARC made from the corpus, each post wrapped
# in an HTML page as a `response` record (peak memory).
#
#   benches/containers.sh [CORPUS]          # default /tmp/corpus200
#   RUNS=5 TEEMA=target/release/teema THREADS=2 benches/containers.sh
#
# Needs: tar, zstd, python3 (standard library only, to write the WARC), GNU time
# (/usr/bin/time -v). Inputs are built once into $WORK and reused.
set -euo pipefail

CORPUS=${1:-/tmp/corpus200}
TEEMA=${TEEMA:-target/release/teema}
WORK=${WORK:-/tmp/teema-containers}
RUNS=${RUNS:-3}
THREADS=${THREADS:-2}
mkdir -p "$WORK"

TAR="$WORK/corpus.tar.zst"
if [ ! -s "$TAR" ]; then
    echo "packing $CORPUS into $TAR" >&2
    tar -C "$(dirname "$CORPUS")" -cf - "$(basename "$CORPUS")" | zstd -q -3 -T0 -o "$TAR"
fi

WARC="$WORK/corpus.warc.gz"
if [ ! -s "$WARC" ]; then
    echo "writing $WARC" >&2
    python3 - "$CORPUS" "$WARC" <<'EOF'
import gzip, html, os, sys, uuid
corpus, out = sys.argv[1], sys.argv[2]
# Page chrome in the shape of a forum page: head with styles and scripts, navigation,
# a sidebar of thread links, a footer. About 2.9 KB, so that 320k posts make ~1 GiB.
nav = "".join(f'<li><a href="/alue/{i}">Keskustelualue {i}</a></li>' for i in range(12))
side = "".join(f'<li><a href="/t/{i}">Ketju numero {i} ja sen otsikko</a></li>' for i in range(25))
head = ('<!DOCTYPE html><html lang="fi"><head><meta charset="utf-8"><title>{title}</title>'
        '<link rel="stylesheet" href="/static/site.css"><script>window.dataLayer=[];'
        'function gtag(){dataLayer.push(arguments)}</script></head><body>'
        f'<header><nav><ul>{nav}</ul></nav></header><main><article class="post">'
        '<h1>{title}</h1><div class="post-body">')
tail = ('</div></article></main><aside class="sidebar"><h2>Uusimmat ketjut</h2>'
        f'<ul>{side}</ul></aside><footer><p>Ehdot | Tietosuoja | Evästeet</p></footer>'
        '</body></html>')
n = 0
with open(out, "wb") as f:
    for root, dirs, files in os.walk(corpus):
        dirs.sort()
        for name in sorted(files):
            text = open(os.path.join(root, name), "rb").read().decode("utf-8", "replace")
            paras = "".join(f"<p>{html.escape(p)}</p>" for p in text.split("\n") if p.strip())
            page = (head.replace("{title}", html.escape(name)) + paras + tail).encode()
            body = (b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
                    + f"Content-Length: {len(page)}\r\n\r\n".encode() + page)
            uri = f"https://keskustelu.example.fi/{os.path.basename(root)}/{name}"
            hdr = (f"WARC/1.1\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:{uuid.uuid4()}>\r\n"
                   f"WARC-Date: 2024-03-15T21:03:00Z\r\nWARC-Target-URI: {uri}\r\n"
                   "Content-Type: application/http; msgtype=response\r\n"
                   f"Content-Length: {len(body)}\r\n\r\n").encode()
            f.write(gzip.compress(hdr + body + b"\r\n\r\n", compresslevel=1))
            n += 1
print(f"{n} records", file=sys.stderr)
EOF
fi

# One run: prints "wall_seconds cpu_seconds(user+sys) max_rss_kib".
run() {
    /usr/bin/time -f "%e %U %S %M" -o "$WORK/time.txt" \
        "$TEEMA" analyse --threads "$THREADS" --format ndjson "$@" >/dev/null 2>"$WORK/stderr.txt" || true
    awk '{printf "%s %.2f %s\n", $1, $2 + $3, $4}' "$WORK/time.txt"
}

echo "corpus: $(du -sh --apparent-size "$CORPUS" | cut -f1) in $(find "$CORPUS" -type f | wc -l) files;" \
     "tar.zst: $(du -h "$TAR" | cut -f1); warc.gz: $(du -h "$WARC" | cut -f1)" \
     "($(zcat "$WARC" | wc -c) bytes decompressed)"
# The machine may be shared: wall time follows the load, CPU time (user + system) much less.
echo "run  disk_wall_s disk_cpu_s disk_rss_kib  tar_wall_s tar_cpu_s tar_rss_kib"
for i in $(seq "$RUNS"); do
    read -r dw dc dm < <(run "$CORPUS")
    read -r tw tc tm < <(run "$TAR")
    echo "$i  $dw $dc $dm  $tw $tc $tm"
done | tee "$WORK/runs.txt"
awk '{dw+=$2; dc+=$3; dm+=$4; tw+=$5; tc+=$6; tm+=$7; n++}
     END {printf "mean: disk %.1f s wall, %.1f s CPU, %d KiB; tar.zst %.1f s wall, %.1f s CPU, %d KiB\n",
          dw/n, dc/n, dm/n, tw/n, tc/n, tm/n;
          printf "tar.zst/disk: wall %.3f, CPU %.3f, peak RSS %.3f\n", tw/dw, tc/dc, tm/dm}' "$WORK/runs.txt"
read -r ww wc wm < <(run "$WARC")
echo "warc.gz: $ww s wall, $wc s CPU, peak RSS $wm KiB"
