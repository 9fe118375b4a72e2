#!/usr/bin/env python3
"""Write one text file per treebank sentence, named by its sent_id.

Usage: python3 validation/ud_to_text.py OUTDIR FILE.conllu [FILE.conllu ...]

Each sentence's `# text =` line is written (UTF-8, with a trailing newline) to
OUTDIR/<treebank>/<sent_id>.txt, where <treebank> is the conllu file name without
its extension (e.g. fi_tdt-ud-dev). Characters in a sent_id that cannot appear in a
file name ('/' and NUL) are replaced by '_' and the mapping is printed on stderr.
Byte offsets reported by teema on these files are offsets into the sentence text.
OUTDIR must lie outside the project: the treebanks are CC BY-SA and their
sentences are referenced from the project by sent_id only.
"""
import os
import sys


def sentences(path):
    sent_id, text = None, None
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("# sent_id"):
                sent_id = line.split("=", 1)[1].strip()
            elif line.startswith("# text"):
                text = line.split("=", 1)[1].strip()
            elif line == "":
                if sent_id is not None and text is not None:
                    yield sent_id, text
                sent_id, text = None, None
    if sent_id is not None and text is not None:
        yield sent_id, text


def main(argv):
    if len(argv) < 3:
        sys.exit(__doc__)
    outdir = argv[1]
    for path in argv[2:]:
        bank = os.path.basename(path).rsplit(".", 1)[0]
        target = os.path.join(outdir, bank)
        os.makedirs(target, exist_ok=True)
        n = 0
        for sent_id, text in sentences(path):
            name = sent_id.replace("/", "_").replace("\0", "_")
            if name != sent_id:
                print(f"{bank}: sent_id {sent_id!r} written as {name!r}", file=sys.stderr)
            with open(os.path.join(target, name + ".txt"), "w", encoding="utf-8") as out:
                out.write(text + "\n")
            n += 1
        print(f"{bank}: {n} sentences -> {target}", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv)
