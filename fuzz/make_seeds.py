#!/usr/bin/env python3
"""Writes the fuzz targets' seed corpora into fuzz/seeds/TARGET/ from the project's own
files (corpus samples, test pages, lexicons, profiles) and small containers built here.

Project files that are seeds as they stand are not copied: teema::fuzz::SOURCE_SEEDS names
their folders, which the fuzz runs and tests/fuzz_corpus.rs read beside fuzz/seeds/TARGET.

A target whose first byte picks a variant (see teema::fuzz) gets each seed once per variant.
Run from the repository root: python3 fuzz/make_seeds.py. Needs tar, gzip, zstd and zip
only as Python's standard library and the zstd command (for .zst seeds; skipped without it).
"""
import gzip, io, json, os, shutil, subprocess, tarfile, zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "fuzz" / "seeds"
LIMIT = 64 * 1024


def put(target, name, data):
    d = OUT / target
    d.mkdir(parents=True, exist_ok=True)
    (d / name).write_bytes(data[:LIMIT])


def files(folder, *globs):
    out = []
    for g in globs:
        out += sorted((ROOT / folder).glob(g))
    return out


def zstd(data):
    if not shutil.which("zstd"):
        return None
    return subprocess.run(["zstd", "-q", "-c"], input=data, capture_output=True, check=True).stdout


texts = files("corpus-samples", "*.txt") + files("tests/pages/text", "*.txt")
pages = files("tests/pages/html", "*.html")
profiles = files("profiles", "*.toml")

put("decode", "utf16le-bom.txt", "\ufeffTaas jonossa.".encode("utf-16-le"))
put("decode", "stray-e4.txt", "Asiakaspalvelu ei vastannut. ".encode() + b"\xe4" + " Jonotin.".encode())
for p in texts:
    put("analyse", p.name, b"\x00" + p.read_bytes())
for p in pages:
    put("analyse", p.name, b"\x01" + p.read_bytes())
sample = (ROOT / "tests/pages/text/blogger_numbered.txt").read_bytes()
for p in profiles:
    put("profile", p.name + ".with-page", p.read_bytes() + b"\x00" + sample)

# dictionaries: .dic, .dicx, .txt, .yaml (first byte 0..3)
dic = b"%\n1\tpalvelu\n2\tilta\n%\nasiakaspalvelu*\t1\njono\t1\nilta*\t2\nlike\t02/1\n"
dicx = b"DicTerm,palvelu,ilta\nasiakaspalvelu*,X,\njono,X,\nilta*,,X\n"
words = b"# palvelu\nasiakaspalvelu*\njonottaa\nklantenservice\n"
yaml = b"palvelu:\n  - asiakaspalvelu*\n  - klantenservice\nilta:\n  iltatyo:\n    - ilta*\n"
for i, (name, data) in enumerate([("a.dic", dic), ("a.dicx", dicx), ("a.txt", words), ("a.yaml", yaml)]):
    put("dictionary", name, bytes([i]) + data)

# containers: tar, tar.gz, tar.zst, zip (first byte 0..3)
members = [(p.name, p.read_bytes()[:4000]) for p in texts[:3]] + [("sivu/" + pages[0].name, pages[0].read_bytes()[:6000])]
buf = io.BytesIO()
with tarfile.open(fileobj=buf, mode="w", format=tarfile.USTAR_FORMAT) as t:
    for name, data in members:
        info = tarfile.TarInfo(name)
        info.size = len(data)
        info.mtime = 0
        t.addfile(info, io.BytesIO(data))
tar = buf.getvalue()
put("archive", "a.tar", b"\x00" + tar)
put("archive", "a.tar.gz", b"\x01" + gzip.compress(tar, mtime=0))
z = zstd(tar)
if z:
    put("archive", "a.tar.zst", b"\x02" + z)
buf = io.BytesIO()
with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
    for name, data in members:
        zf.writestr(zipfile.ZipInfo(name, (1980, 1, 1, 0, 0, 0)), data)
put("archive", "a.zip", b"\x03" + buf.getvalue())


# WARC: a warcinfo, a request, a response with HTML, a resource with text (first byte 0..2)
def record(kind, uri, block, extra=b""):
    head = (b"WARC/1.0\r\nWARC-Type: " + kind + b"\r\nWARC-Record-ID: <urn:uuid:" + uri + b">\r\n"
            b"WARC-Target-URI: http://example.invalid/" + uri + b"\r\n" + extra
            + b"Content-Length: " + str(len(block)).encode() + b"\r\n\r\n")
    return head + block + b"\r\n\r\n"


page = pages[0].read_bytes()[:8000]
http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + page
warc = (record(b"warcinfo", b"0", b"software: teema seeds\r\n")
        + record(b"request", b"1", b"GET / HTTP/1.1\r\n\r\n")
        + record(b"response", b"2", http, b"Content-Type: application/http; msgtype=response\r\n")
        + record(b"resource", b"3", texts[0].read_bytes()[:3000], b"Content-Type: text/plain\r\n"))
put("warc", "a.warc", b"\x00" + warc)
put("warc", "a.warc.gz", b"\x01" + b"".join(gzip.compress(r, mtime=0) for r in [warc]))
z = zstd(warc)
if z:
    put("warc", "a.warc.zst", b"\x02" + z)

# corpora: VRT, VRT with --lemma-column, CoNLL-U, JSON Lines, CSV (first byte 0..4)
vrt = ("<!-- #vrt positional-attributes: word lemma pos -->\n"
       '<text id="t1" author="iltavuoro" date="2024-03-04">\n<sentence>\n'
       "Asiakaspalvelu\tasiakaspalvelu\tNOUN\nei\tei\tAUX\nvastannut\tvastata\tVERB\n.\t.\tPUNCT\n"
       "</sentence>\n</text>\n"
       '<text id="t2" author="Marieke">\n<sentence>\nDe\tde\tDET\nklantenservice\tklant#service\tNOUN\n'
       "belde\tbellen\tVERB\nniet\tniet\tADV\nterug\tterug\tADV\n</sentence>\n</text>\n").encode()
put("corpus", "a.vrt", b"\x00" + vrt)
put("corpus", "a-lemma.vrt", b"\x01" + vrt)
conllu = ("# newdoc id = d1\n# sent_id = s1\n# text = Jonotin tunnin.\n"
          "1\tJonotin\tjonottaa\tVERB\t_\t_\t0\troot\t_\t_\n2\ttunnin\ttunti\tNOUN\t_\t_\t1\tobj\t_\tSpaceAfter=No\n"
          "3\t.\t.\tPUNCT\t_\t_\t1\tpunct\t_\t_\n\n"
          "# sent_id = s2\n1-2\tdaarvan\t_\t_\t_\t_\t_\t_\t_\t_\n1\tdaar\tdaar\tADV\t_\t_\t0\troot\t_\t_\n"
          "2\tvan\tvan\tADP\t_\t_\t1\tcase\t_\t_\n2.1\tx\tx\tX\t_\t_\t_\t_\t_\t_\n\n").encode()
put("corpus", "a.conllu", b"\x02" + conllu)
jsonl = (ROOT / "corpus-samples/records/posts.jsonl").read_bytes()
put("corpus", "a.jsonl", b"\x03" + jsonl)
rows = [json.loads(l) for l in jsonl.decode().splitlines() if l.strip()][:5]
out = io.StringIO()
import csv
w = csv.writer(out)
w.writerow(["id", "author", "text"])
for r in rows:
    w.writerow([r.get("id", ""), r.get("author", ""), r.get("text", "")])
put("corpus", "a.csv", b"\x04" + out.getvalue().encode())
