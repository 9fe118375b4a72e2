//! Measures how well lemma and compound-head entries find their words, on CoNLL-U treebanks
//! with gold lemmas, through teema's real matcher.
//!
//! ```text
//! cargo run --release --example morph_eval -- [--morph paradigms|snowball|voikko]
//!     [--lex 400] [--top 20] [--tune] [--min-lemma-f1 X] [--min-compound-f1 X] FILE.conllu...
//! ```
//!
//! For each file (language from the name: `fi_*` Finnish, `nl_*` Dutch) and for both Dutch
//! files together:
//! * a lexicon of `--lex` lemmas is sampled deterministically from content words (NOUN,
//!   VERB, ADJ, ADV) occurring at least 3 times, compound marks (`#`, `_`) removed;
//! * **whole-lemma** task: entries are bare lemmas; a (token, entry) pair is gold when the
//!   token's gold lemma is the entry, predicted when teema matches the token to the entry;
//! * **compound-head** task: entries are `*head` for lemmas sampled from compound heads (the
//!   last compound part) and plain lemmas; gold when the token's lemma or its last compound
//!   part is the entry;
//! * scored on the held-out half (odd-numbered sentences; even ones are for tuning, and
//!   `--tune` scores those instead, to study errors without looking at the held-out half).
//!
//! Prints precision, recall and F1 per task, the matching stage's speed (tokens/s, one
//! thread: warm, every form seen before; and cold, each distinct form analysed on first
//! sight, which is what an analysing backend such as voikko costs), and the most frequent
//! misses and false hits (`--top N` of each; 0 for none). Exits 1 when a `--min-*` floor is not met,
//! which `.ci/run` uses as a regression guard.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::process::ExitCode;
use std::time::Instant;
use teema::lang::Lang;
use teema::lexicon::{Lexicon, parse_source};
use teema::matcher::Matcher;
use teema::normalise::normalise_str;

struct Token {
    form: String,
    lemma: String,
    last_part: String,
    upos: String,
    sentence: usize,
    /// `teema::tokenise::Token` flags: a capitalised word inside its sentence is a name.
    flags: u8,
}

fn read_conllu(path: &str, lang: Lang) -> Vec<Token> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let mark = if lang == Lang::Fi { '#' } else { '_' };
    let mut out = Vec::new();
    let mut sentence = 0;
    let mut first_word = true;
    for line in text.lines() {
        if line.is_empty() {
            sentence += 1;
            first_word = true;
            continue;
        }
        if line.starts_with('#') {
            continue;
        }
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() != 10 || f[0].contains(['-', '.']) {
            continue;
        }
        let lemma_raw = normalise_str(f[2]);
        // as teema::tokenise::mark_names: capitalised (not all capitals), not the first word
        let mut chars = f[1].rsplit('-').next().unwrap_or(f[1]).chars();
        let capitalised =
            chars.next().is_some_and(char::is_uppercase) && chars.any(char::is_lowercase);
        let is_word = f[1].chars().any(char::is_alphanumeric);
        let flags = if capitalised && !first_word {
            teema::tokenise::Token::NAME
        } else {
            0
        };
        first_word &= !is_word;
        out.push(Token {
            flags,
            form: normalise_str(f[1]),
            lemma: lemma_raw.replace(mark, ""),
            last_part: lemma_raw.rsplit(mark).next().unwrap_or("").to_string(),
            upos: f[3].to_string(),
            sentence,
        });
    }
    out
}

/// A deterministic linear congruential generator.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
}

fn sample(mut pool: Vec<String>, n: usize, seed: u64) -> Vec<String> {
    pool.sort();
    pool.dedup();
    let mut rng = Lcg(seed);
    for i in (1..pool.len()).rev() {
        let j = (rng.next() % (i as u64 + 1)) as usize;
        pool.swap(i, j);
    }
    pool.truncate(n);
    pool.sort();
    pool
}

fn usable(term: &str) -> bool {
    term.chars().count() >= 2 && term.chars().all(|c| c.is_alphabetic() || c == '-')
}

struct Scores {
    tp: u64,
    fp: u64,
    fn_: u64,
    misses: HashMap<(String, String), u64>,
    false_hits: HashMap<(String, String), u64>,
    tokens: usize,
    seconds: f64,
    cold_seconds: f64,
}

impl Scores {
    fn p(&self) -> f64 {
        self.tp as f64 / (self.tp + self.fp).max(1) as f64
    }
    fn r(&self) -> f64 {
        self.tp as f64 / (self.tp + self.fn_).max(1) as f64
    }
    fn f1(&self) -> f64 {
        let (p, r) = (self.p(), self.r());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

fn evaluate(
    tokens: &[&Token],
    lang: Lang,
    entries: &[String],
    compound: bool,
    morph: &str,
) -> Scores {
    // one theme per entry, so every (token, entry) pair is visible
    let mut themes = Vec::new();
    for (i, e) in entries.iter().enumerate() {
        let written = if compound { format!("*{e}") } else { e.clone() };
        let side = format!("[{}]\nentries = [{:?}]\n", lang.code(), written);
        let text = format!("id = \"e{i:04}\"\nlabel = \"x\"\nversion = \"1\"\n{side}");
        themes.extend(parse_source("eval.toml", &text).expect("entry parses"));
    }
    let lexicon = Lexicon::from_themes(themes).expect("ids are unique");
    let backend = morph.parse::<teema::Backend>().and_then(|b| b.load());
    let backend = backend.unwrap_or_else(|e| {
        eprintln!("morph_eval: {e}");
        std::process::exit(1)
    });
    let matcher = Matcher::new(lexicon, backend);
    let ids: Vec<String> = matcher
        .lexicon()
        .themes
        .iter()
        .map(|t| t.id.to_string())
        .collect();
    let index_of: HashMap<&str, usize> = ids
        .iter()
        .enumerate()
        .map(|(i, id)| (id.as_str(), i))
        .collect();
    let by_theme: Vec<&String> = {
        let mut v = vec![&entries[0]; entries.len()];
        for (i, e) in entries.iter().enumerate() {
            v[index_of[format!("e{i:04}").as_str()]] = e;
        }
        v
    };
    let entry_set: HashSet<&str> = entries.iter().map(String::as_str).collect();
    // speed when every form is new (analysing backends analyse each distinct form once)
    let start = Instant::now();
    let mut searcher = matcher.searcher();
    let n: usize = tokens
        .iter()
        .map(|t| searcher.lookup_token(lang, &t.form, t.flags).len())
        .sum();
    let cold_seconds = start.elapsed().as_secs_f64();
    std::hint::black_box(n);
    let mut searcher = matcher.searcher();
    let mut s = Scores {
        tp: 0,
        fp: 0,
        fn_: 0,
        misses: HashMap::new(),
        false_hits: HashMap::new(),
        tokens: tokens.len(),
        seconds: 0.0,
        cold_seconds,
    };
    // matches per token, a sentence at a time (separable verbs look to the clause's end)
    let mut matched: Vec<Vec<(u16, u32)>> = Vec::with_capacity(tokens.len());
    let mut k = 0;
    while k < tokens.len() {
        let end = k + tokens[k..]
            .iter()
            .take_while(|t| t.sentence == tokens[k].sentence)
            .count();
        let sentence = &tokens[k..end];
        let words: Vec<(&str, u8)> = sentence
            .iter()
            .map(|t| (t.form.as_str(), t.flags))
            .collect();
        let clause_end: Vec<bool> = (0..sentence.len())
            .map(|i| sentence.get(i + 1).is_none_or(|next| next.upos == "PUNCT"))
            .collect();
        // punctuation is no word: its matches are dropped, and it ends a clause
        let found = searcher.lookup_sentence(lang, &words, &clause_end);
        for (t, f) in sentence.iter().zip(found) {
            matched.push(if t.upos == "PUNCT" { Vec::new() } else { f });
        }
        k = end;
    }
    for (t, found) in tokens.iter().zip(matched) {
        let predicted: HashSet<&str> = found
            .into_iter()
            .map(|(theme, _)| by_theme[theme as usize].as_str())
            .collect();
        let mut gold: HashSet<&str> = HashSet::new();
        if entry_set.contains(t.lemma.as_str()) {
            gold.insert(t.lemma.as_str());
        }
        if compound && entry_set.contains(t.last_part.as_str()) {
            gold.insert(t.last_part.as_str());
        }
        for e in &predicted {
            if gold.contains(e) {
                s.tp += 1;
            } else {
                s.fp += 1;
                *s.false_hits
                    .entry((t.form.clone(), e.to_string()))
                    .or_default() += 1;
            }
        }
        for e in gold.difference(&predicted) {
            s.fn_ += 1;
            *s.misses.entry((t.form.clone(), e.to_string())).or_default() += 1;
        }
    }
    // speed of the matching stage, warm: every form has been seen once above
    let start = Instant::now();
    let mut n = 0usize;
    for _ in 0..5 {
        for t in tokens {
            n += searcher.lookup_token(lang, &t.form, t.flags).len();
        }
    }
    s.seconds = start.elapsed().as_secs_f64() / 5.0;
    std::hint::black_box(n);
    s
}

fn top(map: &HashMap<(String, String), u64>, n: usize) -> String {
    let mut v: Vec<_> = map.iter().collect();
    v.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    v.iter()
        .take(n)
        .map(|((form, e), c)| format!("{form}→{e}×{c}"))
        .collect::<Vec<_>>()
        .join(" ")
}

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let mut files = Vec::new();
    let (mut morph, mut lex, mut top_n) = ("paradigms".to_string(), 400usize, 20usize);
    let (mut min_lemma, mut min_compound) = (0.0f64, 0.0f64);
    let mut tune = false;
    while let Some(a) = args.next() {
        let mut value = || args.next().expect("flag needs a value");
        match a.as_str() {
            "--morph" => morph = value(),
            "--tune" => tune = true,
            "--lex" => lex = value().parse().expect("--lex N"),
            "--top" => top_n = value().parse().expect("--top N"),
            "--min-lemma-f1" => min_lemma = value().parse().expect("--min-lemma-f1 X"),
            "--min-compound-f1" => min_compound = value().parse().expect("--min-compound-f1 X"),
            _ => files.push(a),
        }
    }
    if files.is_empty() {
        eprintln!(
            "usage: morph_eval [--morph paradigms|snowball|voikko] [--lex N] [--top N] [--tune] [--min-lemma-f1 X] [--min-compound-f1 X] FILE.conllu..."
        );
        return ExitCode::from(2);
    }
    // corpora: each file, plus all files of one language together when there are several
    let mut corpora: BTreeMap<String, (Lang, Vec<Token>)> = BTreeMap::new();
    let mut by_lang: BTreeMap<Lang, Vec<String>> = BTreeMap::new();
    for f in &files {
        let name = std::path::Path::new(f)
            .file_name()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        let lang = if name.starts_with("fi") {
            Lang::Fi
        } else {
            Lang::Nl
        };
        by_lang.entry(lang).or_default().push(f.clone());
        corpora.insert(name, (lang, read_conllu(f, lang)));
    }
    for (lang, fs) in &by_lang {
        if fs.len() > 1 {
            let all = fs.iter().flat_map(|f| read_conllu(f, *lang)).collect();
            corpora.insert(format!("{} (all)", lang.code()), (*lang, all));
        }
    }
    let mut failed = false;
    let scored = if tune {
        "TUNING (even) sentences, not held out"
    } else {
        "held-out (odd) sentences"
    };
    println!("morphology: {morph}; lexicon: {lex} sampled lemmas; scored on {scored}\n");
    println!(
        "{:<28} {:<9} {:>6} {:>6} {:>6} {:>12} {:>12}",
        "corpus", "task", "P", "R", "F1", "tokens/s", "cold tok/s"
    );
    let mut details = Vec::new();
    for (name, (lang, tokens)) in &corpora {
        let content = |t: &&Token| matches!(t.upos.as_str(), "NOUN" | "VERB" | "ADJ" | "ADV");
        let mut counts: HashMap<&str, usize> = HashMap::new();
        for t in tokens.iter().filter(content) {
            *counts.entry(t.lemma.as_str()).or_default() += 1;
        }
        let frequent: Vec<String> = counts
            .iter()
            .filter(|(l, c)| **c >= 3 && usable(l))
            .map(|(l, _)| l.to_string())
            .collect();
        let lemmas = sample(frequent.clone(), lex, 7);
        let heads: Vec<String> = tokens
            .iter()
            .filter(content)
            .filter(|t| t.last_part != t.lemma.replace('-', "") && usable(&t.last_part))
            .map(|t| t.last_part.clone())
            .collect();
        let mut head_pool = sample(heads, lex / 2, 11);
        head_pool.extend(sample(frequent, lex - head_pool.len(), 13));
        let heads = sample(head_pool, lex, 17);
        let part = if tune { 0 } else { 1 };
        let held_out: Vec<&Token> = tokens.iter().filter(|t| t.sentence % 2 == part).collect();
        for (task, entries, compound, floor) in [
            ("lemma", &lemmas, false, min_lemma),
            ("compound", &heads, true, min_compound),
        ] {
            let s = evaluate(&held_out, *lang, entries, compound, &morph);
            println!(
                "{:<28} {:<9} {:>6.3} {:>6.3} {:>6.3} {:>12.0} {:>12.0}",
                name,
                task,
                s.p(),
                s.r(),
                s.f1(),
                s.tokens as f64 / s.seconds.max(1e-9),
                s.tokens as f64 / s.cold_seconds.max(1e-9)
            );
            if s.f1() < floor {
                failed = true;
                details.push(format!(
                    "FAIL {name} {task}: F1 {:.3} is below the floor {floor}",
                    s.f1()
                ));
            }
            if top_n > 0 {
                let misses = top(&s.misses, top_n);
                details.push(format!("{name} {task} misses: {misses}"));
                let false_hits = top(&s.false_hits, top_n);
                details.push(format!("{name} {task} false hits: {false_hits}"));
            }
        }
    }
    println!();
    for d in details {
        println!("{d}");
    }
    if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
