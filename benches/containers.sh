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
            page = (head.format(title=html.escape(name)) + paras + tail).encode()
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

# One run: prints "seconds max_rss_kib".
run() {
    /usr/bin/time -f "%e %M" -o "$WORK/time.txt" \
        "$TEEMA" analyse --threads "$THREADS" --format ndjson --lang fi "$@" >/dev/null 2>"$WORK/stderr.txt" || true
    cat "$WORK/time.txt"
}

echo "corpus: $(du -sh --apparent-size "$CORPUS" | cut -f1) in $(find "$CORPUS" -type f | wc -l) files;" \
     "tar.zst: $(du -h "$TAR" | cut -f1); warc.gz: $(du -h "$WARC" | cut -f1)" \
     "($(zcat "$WARC" | wc -c) bytes decompressed)"
echo "run  disk_s  disk_rss_kib  tar_s  tar_rss_kib"
for i in $(seq "$RUNS"); do
    read -r ds dm < <(run "$CORPUS")
    read -r ts tm < <(run "$TAR")
    echo "$i  $ds  $dm  $ts  $tm"
done | tee "$WORK/runs.txt"
awk '{ds+=$2; dm+=$3; ts+=$4; tm+=$5; n++}
     END {printf "mean: disk %.1f s, %d KiB; tar.zst %.1f s, %d KiB; time tar/disk %.3f, rss tar/disk %.3f\n",
          ds/n, dm/n, ts/n, tm/n, (ts/n)/(ds/n), (tm/n)/(dm/n)}' "$WORK/runs.txt"
read -r ws wm < <(run "$WARC")
echo "warc.gz: $ws s, peak RSS $wm KiB"
