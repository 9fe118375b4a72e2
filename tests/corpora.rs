//! Annotated corpora: VRT (Korp's verticalised text) and CoNLL-U, and `--lemma-column`.
//! Every corpus file is written by the test at run time; the sentences were made up for it,
//! and every expected offset, line and match below was worked out by hand from them.

mod common;
use common::skipped;

use assert_cmd::Command;
use serde_json::Value;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

fn teema() -> Command {
    Command::cargo_bin("teema").unwrap()
}

/// A lexicon of one theme `t`: the lemma `kokous` (meeting), the compound head `*vuoro`
/// (shift) and the prefix `ylityö*` (overtime); Dutch: the lemma `vergadering`.
fn lexicon(dir: &Path) -> PathBuf {
    let p = dir.join("t.toml");
    fs::write(
        &p,
        "id = \"t\"\nlabel = \"T\"\nversion = \"1\"\n[fi]\n\
         entries = [\"kokous\", \"*vuoro\", \"ylityö*\"]\n[nl]\nentries = [\"vergadering\"]\n",
    )
    .unwrap();
    p
}

fn run(dir: &Path, args: &[&str]) -> Value {
    let lex = lexicon(dir);
    let out = teema()
        .current_dir(dir)
        .args(["analyse", "--format", "json", "--evidence", "--lang", "fi"])
        .arg("--lexicon")
        .arg(&lex)
        .args(args)
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&out.stdout).expect("a JSON report");
    let want = if report["skipped"].as_array().unwrap().is_empty() {
        0
    } else {
        2
    };
    assert_eq!(
        out.status.code(),
        Some(want),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    report
}

fn docs(report: &Value) -> &Vec<Value> {
    report["documents"].as_array().unwrap()
}

fn paths(report: &Value) -> Vec<&str> {
    docs(report)
        .iter()
        .map(|d| d["path"].as_str().unwrap())
        .collect()
}

/// Each match of a document as (text, entry, kind, start, end).
fn matches(doc: &Value) -> Vec<(String, String, String, u64, u64)> {
    doc["matches"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            (
                m["text"].as_str().unwrap().into(),
                m["entry"].as_str().unwrap().into(),
                m["kind"].as_str().unwrap().into(),
                m["start"].as_u64().unwrap(),
                m["end"].as_u64().unwrap(),
            )
        })
        .collect()
}

fn m(
    text: &str,
    entry: &str,
    kind: &str,
    start: u64,
    end: u64,
) -> (String, String, String, u64, u64) {
    (text.into(), entry.into(), kind.into(), start, end)
}

/// A VRT file with a corpus root, two texts with odd attribute values, paragraphs,
/// sentences with and without ids, a named-entity element inside a sentence, a `spaces`
/// column and an escaped `<` in a word. Line numbers are in the comments of the test below.
const NESTED: &str = "\
<!-- #vrt positional-attributes: word lemma lemmacomp spaces -->
<corpus name=\"testi\">
<text id=\"k1\" author=\"Maija &amp; Matti\" title=\"&quot;Yövuoro&quot; ja 'ilta'\" empty=\"\" date=\"2024-03-15 21:03\" place=\"Ylöjärvi ☕ &#228;&#x00E4;\">
<paragraph>
<sentence id=\"s1\">
Taas\ttaas\ttaas\t_
yövuorossa\työvuoro\työ|vuoro\tSpaceAfter=No
.\t.\t.\t_
</sentence>
<sentence>
<ne type=\"org\" name=\"Oy &lt;Firma&gt;\">
Firma\tFirma\tFirma\t_
</ne>
&lt;3\t&lt;3\t&lt;3\t_
ylityöt\tylityö\tyli|työ\t_
</sentence>
</paragraph>
<paragraph>
<sentence id=\"s3\">
Kokous\tkokous\tkokous\t_
</sentence>
</paragraph>
</text>
<text id=\"k2\" author=\"Liisa\" title=\"\" empty=\"\" date=\"2024-04-02\" place=\"\">
<paragraph>
<sentence id=\"s4\">
Iltavuoro\tiltavuoro\tilta|vuoro\t_
</sentence>
</paragraph>
</text>
</corpus>
";

#[test]
fn vrt_texts_with_nested_structures_and_odd_attributes() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("c.vrt"), NESTED).unwrap();
    let report = run(
        dir.path(),
        &["c.vrt", "--group-by", "author", "--group-by", "date:month"],
    );
    assert_eq!(paths(&report), ["c.vrt!1", "c.vrt!2"]);
    let d = &docs(&report)[0];
    // the text rebuilt: "Taas yövuorossa.\nFirma <3 ylityöt\n\nKokous" (ö is two bytes)
    assert_eq!(d["bytes"], 43);
    assert_eq!(d["profile"], "none");
    let r = &d["record"];
    assert_eq!(r["line"], 3);
    assert_eq!(r["id"], "k1");
    assert_eq!(r["fields"]["author"], "Maija & Matti");
    assert_eq!(r["fields"]["title"], "\"Yövuoro\" ja 'ilta'");
    assert_eq!(r["fields"]["empty"], "");
    assert_eq!(r["fields"]["place"], "Ylöjärvi ☕ ää");
    assert_eq!(
        matches(d),
        [
            m("yövuorossa", "*vuoro", "compound_head", 5, 16),
            m("ylityöt", "ylityö*", "prefix", 27, 35),
            m("Kokous", "kokous", "lemma", 37, 43),
        ]
    );
    let ev = d["matches"].as_array().unwrap();
    // source lines: yövuorossa on line 7, ylityöt on 15, Kokous on 20
    let lines: Vec<_> = ev.iter().map(|e| e["source_line"].as_u64()).collect();
    assert_eq!(lines, [Some(7), Some(15), Some(20)]);
    // sentence ids: the second sentence has none
    let ids: Vec<_> = ev.iter().map(|e| e["sent_id"].as_str()).collect();
    assert_eq!(ids, [Some("s1"), None, Some("s3")]);
    // line and column in the rebuilt text: Kokous starts line 4 (after a blank line)
    assert_eq!(
        (ev[2]["line"].as_u64(), ev[2]["column"].as_u64()),
        (Some(4), Some(1))
    );
    assert_eq!(ev[1]["left"], "Taas yövuorossa. Firma <3 ");
    let d2 = &docs(&report)[1];
    assert_eq!(d2["record"]["line"], 24);
    assert_eq!(d2["record"]["fields"]["title"], "");
    assert_eq!(
        matches(d2),
        [m("Iltavuoro", "*vuoro", "compound_head", 0, 9)]
    );
    let groups = &report["summary"]["groups"];
    assert_eq!(groups["author"]["Maija & Matti"]["documents"], 1);
    assert_eq!(groups["author"]["Liisa"]["themes"]["t"]["hits"], 1);
    assert_eq!(groups["date:month"]["2024-03"]["themes"]["t"]["hits"], 3);
    assert_eq!(groups["date:month"]["2024-04"]["documents"], 1);
}

#[test]
fn a_malformed_vrt_line_skips_its_text_and_the_rest_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let vrt = "<!-- #vrt positional-attributes: word lemma -->\n\
        <text id=\"a\">\nKokous\tkokous\n</text>\n\
        <text id=\"b\">\nKokous\tkokous\nylityö\n</text>\n\
        orpo\torpo\n\
        <text id=\"c\">\n<sentence>\nKokous\tkokous\n</paragraph>\n</text>\n\
        <text id=\"d\">\nKokous\tkokous\n</text>\n\
        <text id=\"e\">\nKokous\tkokous\n";
    fs::write(dir.path().join("bad.vrt"), vrt).unwrap();
    let report = run(dir.path(), &["bad.vrt"]);
    assert_eq!(paths(&report), ["bad.vrt!1", "bad.vrt!4"]);
    let s = skipped(&report);
    assert_eq!(s.len(), 4, "{s:?}");
    assert_eq!(s[0].0, "bad.vrt!2");
    assert!(
        s[0].1.starts_with(
            "line 7: a token with 1 TAB-separated attribute(s) where the file names 2"
        ),
        "{}",
        s[0].1
    );
    assert_eq!(s[1].0, "bad.vrt");
    assert!(
        s[1].1.starts_with("lines 9–9: token lines outside"),
        "{}",
        s[1].1
    );
    assert_eq!(s[2].0, "bad.vrt!3");
    assert!(
        s[2].1
            .starts_with("line 13: </paragraph> closes no open element"),
        "{}",
        s[2].1
    );
    assert_eq!(s[3].0, "bad.vrt!5");
    assert!(
        s[3].1.contains("the file ends inside this <text>"),
        "{}",
        s[3].1
    );
    for d in docs(&report) {
        assert_eq!(d["themes"]["t"]["hits"], 1);
    }
}

/// Two documents; the first has a multiword token, an empty node, `SpaceAfter=No` and
/// sentence ids; the second a new paragraph.
const CONLLU: &str = "\
# newdoc id = ketju-1
# sent_id = k1.1
# text = Kokous, ettei ylityöt.
1\tKokous\tkokous\tNOUN\t_\t_\t0\troot\t_\tSpaceAfter=No
2\t,\t,\tPUNCT\t_\t_\t1\tpunct\t_\t_
3-4\tettei\t_\t_\t_\t_\t_\t_\t_\t_
3\tettä\tettä\tSCONJ\t_\t_\t1\tmark\t_\t_
4\tei\tei\tAUX\t_\t_\t1\taux\t_\t_
4.1\tole\tolla\tVERB\t_\t_\t_\t_\t1:conj\t_
5\tylityöt\tyli#työ\tNOUN\t_\t_\t1\tnsubj\t_\tSpaceAfter=No
6\t.\t.\tPUNCT\t_\t_\t1\tpunct\t_\t_

# sent_id = k1.2
1\tYövuoro\työ#vuoro\tNOUN\t_\t_\t0\troot\t_\t_

# newdoc id = ketju-2
# newpar
# sent_id = k2.1
1\tKokouksessa\tkokous\tNOUN\t_\t_\t0\troot\t_\t_

# newpar
# sent_id = k2.2
1\tkokous\tkokous\tNOUN\t_\t_\t0\troot\t_\t_

";

#[test]
fn conllu_documents_multiword_tokens_and_sentence_ids() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("t.conllu"), CONLLU).unwrap();
    let report = run(dir.path(), &["t.conllu"]);
    assert_eq!(paths(&report), ["t.conllu!1", "t.conllu!2"]);
    let d = &docs(&report)[0];
    // "Kokous, ettei ylityöt.\nYövuoro": the multiword token is its surface form, the empty
    // node is left out
    assert_eq!(d["bytes"], 32);
    assert_eq!(d["record"]["id"], "ketju-1");
    assert_eq!(d["record"]["line"], 1);
    assert_eq!(
        matches(d),
        [
            m("Kokous", "kokous", "lemma", 0, 6),
            m("ylityöt", "ylityö*", "prefix", 14, 22),
            m("Yövuoro", "*vuoro", "compound_head", 24, 32),
        ]
    );
    let ev = d["matches"].as_array().unwrap();
    let at: Vec<_> = ev
        .iter()
        .map(|e| {
            (
                e["sent_id"].as_str().unwrap(),
                e["source_line"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(at, [("k1.1", 4), ("k1.1", 10), ("k1.2", 14)]);
    let d2 = &docs(&report)[1];
    // "Kokouksessa\n\nkokous"
    assert_eq!(d2["bytes"], 19);
    assert_eq!(d2["record"]["line"], 16);
    assert_eq!(
        matches(d2),
        [
            m("Kokouksessa", "kokous", "lemma", 0, 11),
            m("kokous", "kokous", "lemma", 13, 19),
        ]
    );
    let ids: Vec<_> = d2["matches"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["sent_id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["k2.1", "k2.2"]);

    // without # newdoc the file is one document, named by the file's path
    let one: String = CONLLU
        .lines()
        .filter(|l| !l.starts_with("# newdoc"))
        .map(|l| format!("{l}\n"))
        .collect();
    fs::write(dir.path().join("one.conllu"), one).unwrap();
    let report = run(dir.path(), &["one.conllu"]);
    assert_eq!(paths(&report), ["one.conllu"]);
    assert_eq!(docs(&report)[0]["themes"]["t"]["hits"], 5);
}

/// The same sentences as CoNLL-U and as VRT, with lemmas that disagree with the words on
/// purpose: "Palaveri" (a meeting) lemmatised `kokous`, "Kokouksessa" lemmatised `istunto`,
/// "iltavuoro" not marked as a compound, "kokouksiin" without a lemma (`_`).
fn lemma_corpus(dir: &Path) {
    let rows = [
        ("Palaveri", "kokous", "kokous", true),
        ("venyi", "venyä", "venyä", true),
        ("yövuorossa", "yö#vuoro", "yö|vuoro", false),
        (".", ".", ".", true),
        ("Kokouksessa", "istunto", "istunto", true),
        ("oli", "olla", "olla", true),
        ("iltavuoro", "iltavuoro", "iltavuoro", true),
        ("ja", "ja", "ja", true),
        ("kokouksiin", "_", "_", true),
    ];
    let mut conllu = String::from("# sent_id = a\n");
    let mut vrt = String::from(
        "<!-- #vrt positional-attributes: word lemma lemmacomp spaces -->\n\
         <text id=\"x\">\n<sentence id=\"a\">\n",
    );
    let mut n = 0;
    for (i, (w, l, comp, space)) in rows.iter().enumerate() {
        n += 1;
        let misc = if *space { "_" } else { "SpaceAfter=No" };
        conllu.push_str(&format!("{n}\t{w}\t{l}\tX\t_\t_\t0\tdep\t_\t{misc}\n"));
        let plain = l.replace('#', "");
        vrt.push_str(&format!("{w}\t{plain}\t{comp}\t{misc}\n"));
        if i == 3 {
            conllu.push_str("\n# sent_id = b\n");
            vrt.push_str("</sentence>\n<sentence id=\"b\">\n");
            n = 0;
        }
    }
    conllu.push('\n');
    vrt.push_str("</sentence>\n</text>\n");
    fs::write(dir.join("l.conllu"), conllu).unwrap();
    fs::write(dir.join("l.vrt"), vrt).unwrap();
}

#[test]
fn lemma_column_makes_lemma_entries_follow_the_corpus_lemmas() {
    let dir = tempfile::tempdir().unwrap();
    lemma_corpus(dir.path());
    // the text: "Palaveri venyi yövuorossa.\nKokouksessa oli iltavuoro ja kokouksiin"
    let forms = [
        m("yövuorossa", "*vuoro", "compound_head", 15, 26),
        m("Kokouksessa", "kokous", "lemma", 28, 39),
        m("iltavuoro", "*vuoro", "compound_head", 44, 53),
        m("kokouksiin", "kokous", "lemma", 57, 67),
    ];
    // with the lemmas: Palaveri is a meeting, Kokouksessa is not; iltavuoro is no compound
    // in a corpus that marks compounds; kokouksiin has no lemma and keeps its form's match
    let lemmas = [
        m("Palaveri", "kokous", "lemma", 0, 8),
        m("yövuorossa", "*vuoro", "compound_head", 15, 26),
        m("kokouksiin", "kokous", "lemma", 57, 67),
    ];
    for (file, column) in [("l.conllu", "LEMMA"), ("l.vrt", "lemma")] {
        let report = run(dir.path(), &[file]);
        assert_eq!(matches(&docs(&report)[0]), forms, "{file}");
        let report = run(dir.path(), &[file, "--lemma-column", column]);
        assert_eq!(matches(&docs(&report)[0]), lemmas, "{file}");
        assert_eq!(docs(&report)[0]["themes"]["t"]["hits"], 3);
    }
    // without a lemmacomp column VRT lemmas are unmarked: compound heads keep their forms
    let vrt = fs::read_to_string(dir.path().join("l.vrt")).unwrap();
    let vrt = vrt.replace("lemmacomp", "comp");
    fs::write(dir.path().join("u.vrt"), vrt).unwrap();
    let report = run(dir.path(), &["u.vrt", "--lemma-column", "lemma"]);
    let found: Vec<_> = matches(&docs(&report)[0])
        .into_iter()
        .map(|x| x.0)
        .collect();
    assert_eq!(found, ["Palaveri", "yövuorossa", "iltavuoro", "kokouksiin"]);
    // a column the file does not have: the file is listed with the reason
    let report = run(dir.path(), &["l.vrt", "--lemma-column", "lemma2"]);
    assert!(docs(&report).is_empty());
    let s = skipped(&report);
    assert_eq!(s[0].0, "l.vrt");
    assert!(
        s[0].1.contains("--lemma-column lemma2: no such column"),
        "{}",
        s[0].1
    );
    // --vrt-columns names the columns of a file without the comment
    let bare: String = fs::read_to_string(dir.path().join("l.vrt"))
        .unwrap()
        .lines()
        .skip(1)
        .map(|l| format!("{l}\n"))
        .collect();
    fs::write(dir.path().join("bare.vrt"), bare).unwrap();
    let report = run(
        dir.path(),
        &[
            "bare.vrt",
            "--vrt-columns",
            "word,lemma,lemmacomp,spaces",
            "--lemma-column",
            "lemma",
        ],
    );
    assert_eq!(matches(&docs(&report)[0]), lemmas);
}

fn tar_zst(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut b = tar::Builder::new(Vec::new());
    for (name, data) in entries {
        let mut h = tar::Header::new_gnu();
        h.set_size(data.len() as u64);
        h.set_mode(0o644);
        h.set_entry_type(tar::EntryType::Regular);
        h.set_cksum();
        b.append_data(&mut h, name, *data).unwrap();
    }
    let tar = b.into_inner().unwrap();
    ruzstd::encoding::compress_to_vec(&tar[..], ruzstd::encoding::CompressionLevel::Fastest)
}

#[test]
fn corpus_files_score_the_same_loose_compressed_and_in_a_tar_zst() {
    let dir = tempfile::tempdir().unwrap();
    lemma_corpus(dir.path());
    fs::write(dir.path().join("c.vrt"), NESTED).unwrap();
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(NESTED.as_bytes()).unwrap();
    fs::write(dir.path().join("c.vrt.gz"), gz.finish().unwrap()).unwrap();
    let l_vrt = fs::read(dir.path().join("l.vrt")).unwrap();
    let archive = tar_zst(&[
        ("data/c.vrt", NESTED.as_bytes()),
        ("data/l.vrt", &l_vrt),
        ("data/t.conllu", CONLLU.as_bytes()),
    ]);
    fs::write(dir.path().join("all.tar.zst"), archive).unwrap();
    fs::write(dir.path().join("t.conllu"), CONLLU).unwrap();
    for extra in [&[][..], &["--lemma-column", "lemma"][..]] {
        let mut loose = vec!["c.vrt", "l.vrt", "t.conllu"];
        loose.extend(extra);
        let loose = run(dir.path(), &loose);
        let mut packed = vec!["all.tar.zst"];
        packed.extend(extra);
        let packed = run(dir.path(), &packed);
        let mut gz = vec!["c.vrt.gz"];
        gz.extend(extra);
        let gz = run(dir.path(), &gz);
        assert!(skipped(&loose).is_empty() && skipped(&packed).is_empty());
        let key = |d: &Value| {
            let mut d = d.clone();
            let p = d["path"].as_str().unwrap().replace("all.tar.zst!data/", "");
            d["path"] = Value::String(p.replace(".vrt.gz!", ".vrt!"));
            d
        };
        let a: Vec<Value> = docs(&loose).iter().map(key).collect();
        let b: Vec<Value> = docs(&packed).iter().map(key).collect();
        assert_eq!(a.len(), 5);
        assert_eq!(a, b);
        let c: Vec<Value> = docs(&gz).iter().map(key).collect();
        assert_eq!(a[..2], c[..]);
        assert_eq!(paths(&packed)[0], "all.tar.zst!data/c.vrt!1");
    }
}

#[test]
fn corpus_reports_are_the_same_bytes_for_any_thread_count() {
    let dir = tempfile::tempdir().unwrap();
    lemma_corpus(dir.path());
    fs::write(dir.path().join("c.vrt"), NESTED).unwrap();
    fs::write(dir.path().join("t.conllu"), CONLLU).unwrap();
    let lex = lexicon(dir.path());
    let out = |threads: &str| {
        teema()
            .current_dir(dir.path())
            .args([
                "analyse", "c.vrt", "l.vrt", "t.conllu", "--format", "ndjson",
            ])
            .args([
                "--evidence",
                "--lemma-column",
                "lemma",
                "--threads",
                threads,
            ])
            .arg("--lexicon")
            .arg(&lex)
            .output()
            .unwrap()
    };
    let one = out("1");
    assert_eq!(one.status.code(), Some(0));
    let lines = String::from_utf8_lossy(&one.stdout).lines().count();
    // a header, five documents, a summary
    assert!(lines >= 7, "{lines}");
    assert_eq!(one.stdout, out("4").stdout);
}
