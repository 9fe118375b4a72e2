//! Throughput of the negation scan next to tokenising alone.
//!
//! `cargo run --release --example negation_speed -- DIR [MAX_FILES] [ROUNDS] [STAGES]`
//!
//! Reads up to `MAX_FILES` (default 3000) files under `DIR` (sorted), normalises them
//! (untimed), then times, over `ROUNDS` rounds (default 5), tokenising every text and
//! scanning every tokenised text for negation in its language (Finnish or Dutch by a vote
//! of a few function words). Reports MB/s of normalised text for both, and the scan's
//! cost relative to tokenising. `STAGES` (`both`, default; `tokenise`; `scan`; `none`)
//! picks the timed stages, so that `perf stat -e instructions` of one run minus that of a
//! `none` run counts the instructions of a stage free of the noise of a busy machine.

use std::hint::black_box;
use std::time::Instant;
use teema::lang::Lang;
use teema::negation::Scopes;
use teema::normalise::{Normalised, normalise_into};
use teema::tokenise::{Tokens, tokenise_into};

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = args
        .next()
        .expect("usage: negation_speed DIR [MAX_FILES] [ROUNDS]");
    let max: usize = args.next().map_or(3000, |a| a.parse().expect("MAX_FILES"));
    let rounds: usize = args.next().map_or(5, |a| a.parse().expect("ROUNDS"));
    let stages = args.next().unwrap_or_else(|| "both".into());
    let (do_tok, do_scan) = match stages.as_str() {
        "both" => (true, true),
        "tokenise" => (true, false),
        "scan" => (false, true),
        "none" => (false, false),
        other => panic!("unknown STAGES {other:?}"),
    };

    let mut paths: Vec<_> = walkdir::WalkDir::new(&dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .take(max)
        .collect();
    paths.sort();
    let mut norm = Normalised::default();
    let mut texts = Vec::with_capacity(paths.len());
    for p in &paths {
        let bytes = std::fs::read(p).expect("readable file");
        normalise_into(&String::from_utf8_lossy(&bytes), &mut norm);
        texts.push(norm.text.clone());
    }
    let total: usize = texts.iter().map(String::len).sum();

    // tokens and language per text, for the scan rounds
    let mut all_tokens = Vec::with_capacity(texts.len());
    let mut langs = Vec::with_capacity(texts.len());
    let (mut fi, mut nl) = (0, 0);
    for t in &texts {
        let mut tokens = Tokens::default();
        tokenise_into(t, &mut tokens);
        let vote = tokens
            .tokens
            .iter()
            .take(400)
            .fold(0i32, |v, tok| match tok.text(t) {
                "ja" | "on" | "ei" | "että" | "se" | "oli" => v + 1,
                "de" | "het" | "een" | "en" | "niet" | "van" => v - 1,
                _ => v,
            });
        let lang = if vote > 0 { Lang::Fi } else { Lang::Nl };
        if lang == Lang::Fi {
            fi += 1;
        } else {
            nl += 1;
        }
        langs.push(lang);
        all_tokens.push(tokens);
    }
    let token_count: usize = all_tokens.iter().map(|t| t.tokens.len()).sum();

    let mut best_tok = f64::MAX;
    let mut best_scan = f64::MAX;
    let mut tokens = Tokens::default();
    let mut scopes = Scopes::new();
    let mut cues = 0;
    for _ in 0..rounds {
        let t0 = Instant::now();
        for t in texts.iter().filter(|_| do_tok) {
            tokenise_into(t, &mut tokens);
            black_box(&tokens);
        }
        best_tok = best_tok.min(t0.elapsed().as_secs_f64());

        let t0 = Instant::now();
        cues = 0;
        for ((t, tok), lang) in texts
            .iter()
            .zip(&all_tokens)
            .zip(&langs)
            .filter(|_| do_scan)
        {
            scopes.scan_into(*lang, t, &tok.tokens);
            cues += scopes.scopes().len();
            black_box(&scopes);
        }
        best_scan = best_scan.min(t0.elapsed().as_secs_f64());
    }
    let mb = total as f64 / 1e6;
    println!(
        "{} files ({fi} fi, {nl} nl), {:.1} MB normalised, {token_count} tokens, {cues} cues; best of {rounds} rounds",
        texts.len(),
        mb
    );
    println!(
        "tokenise:      {:8.1} ms  {:7.1} MB/s",
        best_tok * 1e3,
        mb / best_tok
    );
    println!(
        "negation scan: {:8.1} ms  {:7.1} MB/s  ({:.1} ns/token)",
        best_scan * 1e3,
        mb / best_scan,
        best_scan * 1e9 / token_count as f64
    );
    println!(
        "scan cost relative to tokenising: {:.1}%",
        100.0 * best_scan / best_tok
    );
}
