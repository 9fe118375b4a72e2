//! CoNLL-U (`.conllu`, also compressed and inside archives), the format of the Universal
//! Dependencies treebanks and of the parsers trained on them.
//!
//! Documents: each `# newdoc` comment starts one, shown as `file.conllu!N` (N counts the
//! file's documents from 1) with `record.id` the comment's `id = …` value and `record.line`
//! its line; a file without `# newdoc` is one document, shown as the file's path. The text
//! analysed is rebuilt from FORM as [`super::vrt`] describes (sentences on lines of their
//! own, a blank line at `# newpar`, no space after a token marked `SpaceAfter=No` in MISC).
//! A multiword token (`1-2 ettei`) is one token of the text, its surface form; the
//! syntactic words it spans (`1 että`, `2 ei`) give it their lemmas but no text. Empty nodes
//! (`1.1`) have no surface form and are left out. `# sent_id` names each sentence's id,
//! reported with the evidence as `sent_id`.
//!
//! A malformed line (not ten TAB-separated fields, an ID that is neither `N`, `N-M` nor
//! `N.M`) makes its document skipped and listed with the line number; the rest is read.

use super::vrt::{DocBuilder, Line, Lines, skipped};
use super::{Contained, Found, ReadOptions, Record};
use serde_json::{Map, Value};

/// The columns of CoNLL-U, in order.
pub const COLUMNS: [&str; 10] = [
    "ID", "FORM", "LEMMA", "UPOS", "XPOS", "FEATS", "HEAD", "DEPREL", "DEPS", "MISC",
];

/// A multiword token being read: its surface form and the lemmas of its words.
struct Multiword {
    last: u64,
    form: String,
    line: u64,
    space_after: bool,
    lemmas: Vec<String>,
}

/// The document being read.
struct Doc {
    builder: DocBuilder,
    line: u64,
    id: Option<String>,
}

fn space_after(misc: &str) -> bool {
    !misc.split('|').any(|x| x == "SpaceAfter=No")
}

pub(super) fn expand(
    shown: &str,
    lines: &mut Lines<'_>,
    read: &ReadOptions,
    emit: &mut dyn FnMut(Found) -> bool,
) -> bool {
    let limit = read.max_decompressed;
    let lemma_col = match &read.lemma_column {
        None => None,
        Some(name) => match COLUMNS.iter().position(|c| c.eq_ignore_ascii_case(name)) {
            Some(i) => Some(i),
            None => {
                return emit(skipped(
                    shown,
                    format!(
                        "--lemma-column {name}: CoNLL-U has no such column (its columns are {})",
                        COLUMNS.join(", ")
                    ),
                ));
            }
        },
    };
    let new_doc = |line: u64, id: Option<String>| Doc {
        builder: DocBuilder::new(limit),
        line,
        id,
    };
    let mut doc = new_doc(1, None);
    let mut number = 0u64;
    let mut any_newdoc = false;
    let mut in_sentence = false;
    let mut sent_id: Option<String> = None;
    let mut mwt: Option<Multiword> = None;
    let flush = |doc: &mut Doc, mwt: &mut Option<Multiword>| {
        if let Some(m) = mwt.take() {
            let lemmas: Vec<(&str, Option<&str>)> =
                m.lemmas.iter().map(|l| (l.as_str(), None)).collect();
            doc.builder.token(&m.form, m.line, m.space_after, &lemmas);
        }
    };
    // hands on a finished document; `last`: no `# newdoc` follows (the end of the file)
    let mut finish = |doc: Doc, any_newdoc: bool, emit: &mut dyn FnMut(Found) -> bool| -> bool {
        if doc.builder.is_empty() && doc.builder.error.is_none() {
            return true;
        }
        number += 1;
        let path = if any_newdoc {
            format!("{shown}!{number}")
        } else {
            shown.to_string()
        };
        match doc.builder.finish(lemma_col.is_some()) {
            Ok((bytes, ann)) => emit(Found::Contained(Box::new(Contained {
                path,
                bytes,
                record: Some(Record {
                    line: doc.line,
                    id: doc.id.map(Value::String),
                    fields: Map::new(),
                }),
                html: false,
                charset: None,
                annotation: Some(Box::new(ann)),
            }))),
            Err(reason) => emit(skipped(path, reason)),
        }
    };
    loop {
        let line_no = lines.line + 1;
        let text = match lines.next_line() {
            Ok(Some(Line::Text(t))) => t,
            Ok(Some(Line::Bad(reason))) => {
                doc.builder.fail(line_no, reason);
                continue;
            }
            Ok(None) => break,
            Err(e) => {
                doc.builder.fail(
                    line_no,
                    format!("the file breaks off here ({e}); nothing after it is read"),
                );
                flush(&mut doc, &mut mwt);
                return finish(doc, any_newdoc, emit);
            }
        };
        if text.trim().is_empty() {
            if in_sentence {
                if mwt.is_some() {
                    doc.builder
                        .fail(line_no, "the sentence ends inside a multiword token");
                    mwt = None;
                }
                doc.builder.end_sentence();
                in_sentence = false;
            }
            sent_id = None;
            continue;
        }
        if let Some(comment) = text.strip_prefix('#') {
            let comment = comment.trim();
            let (key, value) = match comment.split_once('=') {
                Some((k, v)) => (k.trim(), Some(v.trim())),
                None => (comment, None),
            };
            match key {
                "newdoc" | "newdoc id" => {
                    flush(&mut doc, &mut mwt);
                    any_newdoc = true;
                    let next = new_doc(line_no, value.map(str::to_string));
                    let done = std::mem::replace(&mut doc, next);
                    if !finish(done, any_newdoc, emit) {
                        return false;
                    }
                    in_sentence = false;
                }
                "newpar" | "newpar id" => doc.builder.end_paragraph(),
                "sent_id" => sent_id = value.map(str::to_string),
                _ => {}
            }
            continue;
        }
        let fields: Vec<&str> = text.split('\t').collect();
        if fields.len() != 10 {
            doc.builder.fail(
                line_no,
                format!(
                    "{} TAB-separated field(s) where CoNLL-U has 10",
                    fields.len()
                ),
            );
            continue;
        }
        if !in_sentence {
            doc.builder.start_sentence(sent_id.as_deref());
            in_sentence = true;
        }
        let id = fields[0];
        let lemma = lemma_col.map(|i| fields[i]);
        if let Some((a, b)) = id.split_once('-') {
            let (Ok(a), Ok(b)) = (a.parse::<u64>(), b.parse::<u64>()) else {
                doc.builder.fail(
                    line_no,
                    format!("a multiword token ID that is not N-M: {id:?}"),
                );
                continue;
            };
            flush(&mut doc, &mut mwt);
            if b < a {
                doc.builder.fail(
                    line_no,
                    format!("a multiword token range that runs backwards: {id}"),
                );
                continue;
            }
            mwt = Some(Multiword {
                last: b,
                form: fields[1].to_string(),
                line: line_no,
                space_after: space_after(fields[9]),
                lemmas: Vec::new(),
            });
            continue;
        }
        if let Some((a, b)) = id.split_once('.') {
            if a.parse::<u64>().is_err() || b.parse::<u64>().is_err() {
                doc.builder
                    .fail(line_no, format!("an empty node ID that is not N.M: {id:?}"));
            }
            continue;
        }
        let Ok(n) = id.parse::<u64>() else {
            doc.builder
                .fail(line_no, format!("an ID that is not a number: {id:?}"));
            continue;
        };
        if let Some(m) = &mut mwt {
            if n <= m.last {
                if let Some(l) = lemma {
                    m.lemmas.push(l.to_string());
                }
                if n == m.last {
                    flush(&mut doc, &mut mwt);
                }
                continue;
            }
            flush(&mut doc, &mut mwt);
        }
        let lemmas = [(lemma.unwrap_or("_"), None)];
        let lemmas = if lemma.is_some() { &lemmas[..] } else { &[] };
        doc.builder
            .token(fields[1], line_no, space_after(fields[9]), lemmas);
    }
    flush(&mut doc, &mut mwt);
    finish(doc, any_newdoc, emit)
}

#[cfg(test)]
mod tests {
    use super::super::vrt::{Corpus, expand_bytes};
    use super::*;

    fn docs(text: &str, read: &ReadOptions) -> Vec<Found> {
        let mut out = Vec::new();
        expand_bytes(
            "t.conllu",
            Corpus::Conllu,
            text.as_bytes(),
            read,
            &mut |f| {
                out.push(f);
                true
            },
        );
        out
    }

    const SAMPLE: &str = "# newdoc id = d1\n# sent_id = a.1\n\
        1-2\tettei\t_\t_\t_\t_\t_\t_\t_\t_\n\
        1\tettä\tettä\tSCONJ\t_\t_\t0\troot\t_\t_\n\
        2\tei\tei\tAUX\t_\t_\t1\taux\t_\t_\n\
        2.1\tsanoi\tsanoa\tVERB\t_\t_\t_\t_\t0:root\t_\n\
        3\työvuoro\työ#vuoro\tNOUN\t_\t_\t1\tnsubj\t_\tSpaceAfter=No\n\
        4\t.\t.\tPUNCT\t_\t_\t1\tpunct\t_\t_\n\n\
        # newdoc\n# newpar\n1\tToinen\ttoinen\tADJ\t_\t_\t0\troot\t_\t_\n\n";

    #[test]
    fn newdoc_multiword_tokens_empty_nodes() {
        let read = ReadOptions {
            lemma_column: Some("lemma".into()),
            ..ReadOptions::default()
        };
        let found = docs(SAMPLE, &read);
        assert_eq!(found.len(), 2, "{found:?}");
        let Found::Contained(c) = &found[0] else {
            panic!()
        };
        assert_eq!(c.path, "t.conllu!1");
        assert_eq!(std::str::from_utf8(&c.bytes).unwrap(), "ettei yövuoro.");
        let r = c.record.as_ref().unwrap();
        assert_eq!(
            (r.line, r.id.clone()),
            (1, Some(Value::String("d1".into())))
        );
        let a = c.annotation.as_ref().unwrap();
        assert_eq!(a.tokens.len(), 3);
        let keys: Vec<_> = a.keys(&a.tokens[0]).collect();
        assert_eq!(keys, [("että", None), ("ei", None)]);
        let keys: Vec<_> = a.keys(&a.tokens[1]).collect();
        assert_eq!(keys, [("yövuoro", Some("vuoro"))]);
        assert!(a.compounds_marked);
        assert_eq!(a.sentence_at(7), Some("a.1"));
        assert_eq!(a.line_at(7), Some(7));
        let Found::Contained(c) = &found[1] else {
            panic!()
        };
        assert_eq!(
            (c.path.as_str(), &c.bytes[..]),
            ("t.conllu!2", &b"Toinen"[..])
        );
    }

    #[test]
    fn one_document_per_file_and_bad_lines() {
        let text = "1\tHei\thei\t_\t_\t_\t0\troot\t_\t_\n\n1\tsana\tsana\n\n";
        let found = docs(text, &ReadOptions::default());
        assert_eq!(
            found,
            [skipped(
                "t.conllu",
                "line 3: 3 TAB-separated field(s) where CoNLL-U has 10"
            )]
        );
        let found = docs(
            &text.replace("\tsana\n", "\tsana\t_\t_\t_\t0\troot\t_\t_\n"),
            &ReadOptions::default(),
        );
        let Found::Contained(c) = &found[0] else {
            panic!("{found:?}")
        };
        assert_eq!(
            (c.path.as_str(), &c.bytes[..]),
            ("t.conllu", &b"Hei\nsana"[..])
        );
        assert!(
            c.annotation
                .as_ref()
                .unwrap()
                .keys(&c.annotation.as_ref().unwrap().tokens[0])
                .next()
                .is_none()
        );
    }
}
