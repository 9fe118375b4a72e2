#!/usr/bin/env python3
"""Generated forms against a corpus's own lemmas, on the UD treebanks.

Converts CoNLL-U treebanks (default: ../shared/data/ud/*.conllu) to VRT in a scratch
folder, then runs teema on the VRT twice, with generated forms (the default) and with
`--lemma-column lemma`, and compares the matches: per theme, the matches each way and the
ones both find (same document, same span, same theme); and, for the matches only one way
finds, the entries and kinds that account for them.

The VRT written has one <text> per document (the part of each `# sent_id` before its last
sentence number: `b204.3` -> `b204`, `X.p.5.s.4` -> `X.p.5`), a <sentence> per sentence
with its id, and the positional attributes `word lemma lemmacomp upos spaces`, as Korp's
corpora have them: `lemma` is LEMMA with its compound boundaries (`#` in the Finnish
treebank, `_` in the Dutch ones) removed, `lemmacomp` has them as `|`, and a multiword
token (`ettei`) is one token whose lemma is the set `|että|ei|` of its words' lemmas.
Nothing of the treebanks is written outside the scratch folder.

The built-in themes find only a handful of matches in treebank text (news, blogs, fiction,
Wikipedia), so the script also writes a theme of everyday words (`everyday`: common nouns
and verbs as lemma entries, a few compound heads, chosen for this comparison) and runs it
alongside them.

    benches/ud_lemmas.py [--teema target/release/teema] [--out /tmp/ud-vrt] [FILE.conllu ...]
"""

import argparse
import collections
import glob
import json
import os
import re
import subprocess
import sys


EVERYDAY = """id = "everyday"
label = "Everyday words (for the lemma comparison)"
version = "1"
[fi]
entries = ["työ", "aika", "päivä", "vuosi", "ihminen", "koti", "kaupunki", "maa", "asia",
  "elämä", "lapsi", "perhe", "talo", "tie", "raha", "kirja", "sana", "ystävä", "ilta",
  "olla", "tehdä", "sanoa", "tulla", "mennä", "saada", "voida", "pitää", "antaa", "ottaa",
  "nähdä", "tietää", "haluta", "alkaa", "käydä", "hyvä", "uusi", "suuri", "pieni",
  "*työ", "*päivä", "*talo", "*kirja", "*maa"]
[nl]
entries = ["werk", "tijd", "dag", "jaar", "mens", "huis", "stad", "land", "zaak", "leven",
  "kind", "familie", "weg", "geld", "boek", "woord", "vriend", "avond", "zijn", "hebben",
  "doen", "zeggen", "komen", "gaan", "krijgen", "kunnen", "moeten", "geven", "nemen",
  "zien", "weten", "willen", "beginnen", "goed", "nieuw", "groot", "klein",
  "*werk", "*dag", "*huis", "*boek", "*land"]
"""


def doc_of(sent_id):
    m = re.match(r"^(.*)\.s\.\d+$", sent_id) or re.match(r"^(.*)\.\d+$", sent_id)
    return m.group(1) if m else sent_id


def esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def sentences(path):
    sent, comments = [], {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line:
                if sent:
                    yield comments, sent
                sent, comments = [], {}
            elif line.startswith("#"):
                k, _, v = line[1:].partition("=")
                comments[k.strip()] = v.strip()
            else:
                sent.append(line.split("\t"))
    if sent:
        yield comments, sent


def marks(lemma):
    return re.sub(r"(?<=\w)[#_](?=\w)", "|", lemma)


def plain(lemma):
    return re.sub(r"(?<=\w)[#_](?=\w)", "", lemma)


def tokens(sent):
    """(word, lemma, lemmacomp, upos, spaces) per surface token."""
    out, i = [], 0
    while i < len(sent):
        cols = sent[i]
        tid = cols[0]
        if "." in tid:
            i += 1
            continue
        if "-" in tid:
            a, b = (int(x) for x in tid.split("-"))
            words = [c for c in sent[i + 1 :] if c[0].isdigit() and "." not in c[0] and "-" not in c[0] and a <= int(c[0]) <= b]
            lemma = "|" + "|".join(plain(w[2]) for w in words) + "|"
            comp = "|" + "|".join(marks(w[2]) for w in words) + "|"
            out.append((cols[1], lemma, comp, "MWT", cols[9]))
            i += 1 + len(words)
            continue
        out.append((cols[1], plain(cols[2]), marks(cols[2]), cols[3], cols[9]))
        i += 1
    return out


def to_vrt(src, dst):
    docs = collections.OrderedDict()
    for comments, sent in sentences(src):
        sid = comments.get("sent_id", "")
        docs.setdefault(doc_of(sid), []).append((sid, sent))
    with open(dst, "w", encoding="utf-8") as out:
        out.write("<!-- #vrt positional-attributes: word lemma lemmacomp upos spaces -->\n")
        for doc, sents in docs.items():
            out.write(f'<text id="{esc(doc)}" treebank="{esc(os.path.basename(src))}">\n')
            for sid, sent in sents:
                out.write(f'<sentence id="{esc(sid)}">\n')
                for t in tokens(sent):
                    spaces = "SpaceAfter=No" if "SpaceAfter=No" in t[4].split("|") else "_"
                    out.write("\t".join(esc(x) for x in (t[0], t[1], t[2], t[3], spaces)) + "\n")
                out.write("</sentence>\n")
            out.write("</text>\n")
    return len(docs)


def run(teema, vrt, lang, extra):
    cmd = [teema, "analyse", vrt, "--evidence", "--lang", lang, "--threads", "2", "-q"] + extra
    out = subprocess.run(cmd, capture_output=True, check=False)
    if out.returncode not in (0, 2):
        sys.exit(f"{' '.join(cmd)}: exit {out.returncode}: {out.stderr.decode()}")
    return json.loads(out.stdout)


def matches(report):
    found = {}
    for d in report["documents"]:
        for m in d.get("matches", []):
            key = (d["path"], m["start"], m["end"], m["theme"])
            found[key] = (m["entry"], m["kind"], m["text"].lower())
    return found


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--teema", default="target/release/teema")
    ap.add_argument("--out", default="/tmp/ud-vrt")
    ap.add_argument("files", nargs="*")
    args = ap.parse_args()
    files = args.files or sorted(glob.glob(os.path.join(os.path.dirname(__file__), "../../shared/data/ud/*.conllu")))
    os.makedirs(args.out, exist_ok=True)
    for src in files:
        name = os.path.basename(src)
        lang = name[:2]
        vrt = os.path.join(args.out, name.replace(".conllu", ".vrt"))
        n = to_vrt(src, vrt)
        lex = os.path.join(args.out, "lexicons")
        os.makedirs(lex, exist_ok=True)
        with open(os.path.join(lex, "everyday.toml"), "w", encoding="utf-8") as f:
            f.write(EVERYDAY)
        builtin = os.path.join(os.path.dirname(os.path.abspath(__file__)), "../lexicons")
        lexicons = ["--lexicon", builtin, "--lexicon", lex]
        forms = run(args.teema, vrt, lang, lexicons)
        lemmas = run(args.teema, vrt, lang, lexicons + ["--lemma-column", "lemma"])
        a, b = matches(forms), matches(lemmas)
        tokens = forms["summary"]["tokens"]
        print(f"\n## {name}: {n} texts, {tokens} tokens, {len(forms['skipped'])}/{len(lemmas['skipped'])} skipped")
        themes = sorted({k[3] for k in a} | {k[3] for k in b})
        print(f"{'theme':22} {'forms':>6} {'lemmas':>6} {'both':>6} {'forms only':>10} {'lemmas only':>11}")
        for t in themes:
            fa = {k for k in a if k[3] == t}
            fb = {k for k in b if k[3] == t}
            print(f"{t:22} {len(fa):6} {len(fb):6} {len(fa & fb):6} {len(fa - fb):10} {len(fb - fa):11}")
        both = len(set(a) & set(b))
        union = len(set(a) | set(b))
        print(f"{'all':22} {len(a):6} {len(b):6} {both:6} {len(set(a) - set(b)):10} {len(set(b) - set(a)):11}"
              f"   agreement (both / either) {both / union if union else 1:.3f}")
        for label, only, src in (("forms only", set(a) - set(b), a), ("lemmas only", set(b) - set(a), b)):
            by = collections.Counter((src[k][0], src[k][1]) for k in only)
            words = collections.defaultdict(collections.Counter)
            for k in only:
                words[(src[k][0], src[k][1])][src[k][2]] += 1
            top = ", ".join(f"{e} ({kind}) {c}: {'/'.join(w for w, _ in words[(e, kind)].most_common(3))}"
                            for (e, kind), c in by.most_common(8))
            print(f"  {label}: {top}")


if __name__ == "__main__":
    main()
