//! Per-stage benchmarks: one criterion group per stage of `teema analyse`, so that a
//! regression points at its stage.
//!
//! Run with `cargo bench --bench stages` (about two to three minutes on two cores), or
//! `cargo bench --bench stages -- --quick` for a fast smoke run, or filter by group:
//! `cargo bench --bench stages -- match`.
//!
//! Groups: `decode`, `normalise`, `tokenise`, `lang` (language detection), `match`,
//! `score`, `report`, `chain` (the whole per-document chain), `match_entry_kinds` (the
//! shipped lexicon with and without its regex entries, to attribute match time),
//! `match_lexicon_size` (shipped lexicon vs a synthetic 10,000-entry one; warm and cold
//! word-form cache), `lexicon_compile` (loading the builtin lexicon and building a
//! `Matcher`; building one from a synthetic 2,000-entry lexicon; per entry) and `lexicon_parse` (parsing lexicon
//! TOML of 500 and 2,000 entries, per entry).
//!
//! Inputs, each reported as `Throughput::Bytes` of the text it processes:
//! - `corpus`: every file of `corpus-samples/` (hidden files skipped, as `teema` does),
//!   decoded one by one and concatenated; per-document stages use the files one by one.
//! - `generated`: about 256 KiB of deterministic pseudo-random Finnish and Dutch "posts"
//!   built from the word lists below, so the bench needs no external data.

use criterion::{
    BatchSize, BenchmarkId, Criterion, SamplingMode, Throughput, criterion_group, criterion_main,
};
use std::hint::black_box;
use std::path::Path;
use std::time::Duration;
use teema::analyse::{AnalyseOptions, Analyser, DocResult};
use teema::lang::{Detector, Lang};
use teema::lexicon::{EntryKind, Lexicon};
use teema::matcher::{Match, Matcher};
use teema::normalise::{Normalised, normalise_into};
use teema::report::{Format, Header};
use teema::score::Summary;
use teema::tokenise::{TokenKind, Tokens, tokenise_into};

// ---------------------------------------------------------------------------------------
// Inputs
// ---------------------------------------------------------------------------------------

/// About 200 Finnish words: everyday forum vocabulary plus lexicon-like words and
/// inflected forms that the shipped themes should match.
const FI_WORDS: &str = "\
ja on ei se että oli mutta kun niin myös joka tämä jos vain kuin sitten ole olen olin \
hän me te he minä sinä meillä teillä heillä minulla sinulla nyt vielä aina koskaan taas \
jo ihan tosi aika paljon vähän kaikki mitään jotain joku kukaan missä miksi miten milloin \
työ työssä työpaikka työpäivä töissä töihin töistä työkaveri työkaverit pomo esimies \
asiakas asiakkaat asiakkaan asiakkaita asiakaspalvelu asiakaspalveluun asiakaspalvelussa \
asiakaspalvelija kassa kassalla kauppa kaupassa puhelin puhelimessa soittaa soitin \
vastaa vastannut jonottaa jonotin jono jonossa odottaa odotin tunti tuntia tunnin \
ilta illalla iltaisin iltavuoro iltavuorossa yövuoro yö yöllä viikonloppu viikonloppuna \
ylityö ylityötä ylitöitä ylitunnit päivystää päivystysvuoro tavoitettavissa työpuhelin \
väsynyt väsyttää uupunut stressi kiire kiirettä kuormitus jaksaa jaksanut burnout \
introvertti introvertit hiljainen ujo yksin yksinäisyys seurallinen sosiaalinen \
palaveri palaverit kokous kokouksessa pikkujoulut illanistujaiset afterwork \
hymy hymyillä hymyilin ystävällinen kohtelias rauhallinen asiallinen \
reklamaatio valitus valittaa valitin palaute huono huonoa hyvä hyvää parempi paras \
operaattori liittymä lasku laskussa hinta hinnat maksaa maksoin raha rahaa \
sairaala hoitaja hoitajat vuoro vuorossa lomalla loma kesä talvi syksy kevät \
koti kotona kotiin perhe lapset lapsi mies vaimo ystävä ystävät kaveri \
sanoa sanoi sanoin kertoa kertoi kysyä kysyin tietää tiedän halua haluan pitää pitäisi \
kello klo maanantai tiistai keskiviikko torstai perjantai lauantai sunnuntai \
oikeasti kyllä joo eikä siis vaan kuitenkin vaikka koska sillä jotta ennen jälkeen";

/// About 200 Dutch words, likewise.
const NL_WORDS: &str = "\
de het een en van in is dat op te zijn met voor niet aan er maar om ook als dan bij \
nog wel geen al was werd worden naar uit tot door over ze zij wij we jij je ik hij \
mijn jouw ons onze hun hen me mij zich wat wie waar waarom hoe wanneer altijd nooit \
weer heel erg veel weinig alles niets iets iemand niemand hier daar nu toen straks \
werk werken werkte werkdag werkdruk werkplek collega collega's baas leidinggevende \
klant klanten klantenservice klantcontact callcenter helpdesk wachtrij wachttijd \
wachten wachtte gebeld bellen belde telefoon telefonisch mail e-mail gemaild \
avond 's avonds avonddienst nachtdienst weekend weekenddienst overuren overwerk \
overwerken bereikbaar bereikbaarheidsdienst dienst diensten rooster roosters \
moe uitgeput stress druk drukte burn-out overbelast volhouden opgebrand \
introvert introverten verlegen stil alleen eenzaam gezellig sociaal borrel borrels \
vergadering vergaderingen overleg teamuitje bedrijfsfeest netwerkborrel \
glimlach glimlachen vriendelijk beleefd rustig professioneel klachten klacht \
klagen geklaagd slecht slechte goed goede beter best rekening factuur abonnement \
provider storing internet prijs betalen betaald geld ziekenhuis verpleegkundige \
zorg vakantie zomer winter herfst lente huis thuis gezin kinderen kind man vrouw \
vriend vrienden zeggen zei vertellen vertelde vragen vroeg weten weet willen wil \
moeten moet kunnen kan mogen mag gaan ging komen kwam doen deed maken maakte \
maandag dinsdag woensdag donderdag vrijdag zaterdag zondag uur uren minuten \
eigenlijk gewoon toch dus want omdat hoewel zodat voordat nadat terwijl echt";

/// Words with characters the normaliser folds or maps (typographic quotes and dashes,
/// soft hyphen, ĳ ligature, decomposed umlaut, uppercase).
const ODD_WORDS: &[&str] = &[
    "“Asiakaspalvelu”",
    "‘klantenservice’",
    "ilta–yö",
    "ylityö\u{ad}korvaus",
    "ĳverig",
    "Ta\u{308}ma\u{308}",
    "KLANTENSERVICE",
    "Illalla",
    "Overuren",
    "klo 21.30",
    "om 22:15",
    "https://example.fi/foorumi?id=42",
    "asiakas@example.fi",
];

/// Size of the generated input.
const GENERATED_BYTES: usize = 256 * 1024;

/// A small deterministic PRNG (xorshift64*), so the generated text is the same on every run
/// and machine without a `rand` dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[self.below(xs.len())]
    }
}

/// One input document: its bytes as on disk and its decoded text.
struct Doc {
    path: String,
    bytes: Vec<u8>,
    text: String,
}

/// A named input: documents, plus their decoded texts concatenated.
struct Input {
    name: &'static str,
    docs: Vec<Doc>,
    joined: String,
}

impl Input {
    fn new(name: &'static str, docs: Vec<Doc>) -> Input {
        let joined = docs
            .iter()
            .map(|d| d.text.as_str())
            .collect::<Vec<_>>()
            .join("\n\n");
        Input { name, docs, joined }
    }

    /// Bytes of the documents as read from disk.
    fn doc_bytes(&self) -> u64 {
        self.docs.iter().map(|d| d.bytes.len() as u64).sum()
    }
}

/// Every non-hidden file of `corpus-samples/`, in sorted order.
fn corpus_input() -> Input {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus-samples");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("reading {}: {e}", dir.display()))
        .map(|e| e.expect("directory entry").path())
        .filter(|p| p.is_file())
        .filter(|p| !p.file_name().unwrap().to_string_lossy().starts_with('.'))
        .collect();
    paths.sort();
    assert!(!paths.is_empty(), "no files in {}", dir.display());
    let docs = paths
        .into_iter()
        .map(|p| {
            let bytes = std::fs::read(&p).expect("reading a corpus sample");
            // Some samples are Latin-1: decode each file on its own before concatenating.
            let text = teema::input::decode(&bytes)
                .map(|d| d.text.into_owned())
                .unwrap_or_default();
            Doc {
                path: p.display().to_string(),
                bytes,
                text,
            }
        })
        .collect();
    Input::new("corpus", docs)
}

/// About `target` bytes of forum-post-sized documents, alternating Finnish and Dutch, each
/// with a few words of the other language and some lexicon-like and oddly written words.
fn generated_input(target: usize) -> Input {
    let fi: Vec<&str> = FI_WORDS.split_whitespace().collect();
    let nl: Vec<&str> = NL_WORDS.split_whitespace().collect();
    let mut rng = Rng(0x7465_656d_615f_6265); // "teema_be"
    let mut docs = Vec::new();
    let mut total = 0;
    while total < target {
        let (main, other) = if docs.len() % 2 == 0 {
            (&fi, &nl)
        } else {
            (&nl, &fi)
        };
        let size = 300 + rng.below(2700);
        let mut text = String::with_capacity(size + 64);
        let mut sentence_start = true;
        while text.len() < size {
            let r = rng.below(100);
            let word = if r < 5 {
                rng.pick(other)
            } else if r < 7 {
                rng.pick(ODD_WORDS)
            } else {
                rng.pick(main)
            };
            if sentence_start {
                let mut cs = word.chars();
                if let Some(c) = cs.next() {
                    text.extend(c.to_uppercase());
                    text.push_str(cs.as_str());
                }
                sentence_start = false;
            } else {
                text.push_str(word);
            }
            match rng.below(100) {
                0..=7 => {
                    text.push_str(". ");
                    sentence_start = true;
                }
                8 => {
                    text.push_str("!\n\n");
                    sentence_start = true;
                }
                9 => {
                    text.push_str("? ");
                    sentence_start = true;
                }
                10..=15 => text.push_str(", "),
                _ => text.push(' '),
            }
        }
        text.push_str(".\n");
        total += text.len();
        docs.push(Doc {
            path: format!("generated/post-{:05}.txt", docs.len()),
            bytes: text.clone().into_bytes(),
            text,
        });
    }
    Input::new("generated", docs)
}

/// `text` as Latin-1 bytes (characters outside Latin-1 become `?`).
fn latin1(text: &str) -> Vec<u8> {
    text.chars()
        .map(|c| u8::try_from(u32::from(c)).unwrap_or(b'?'))
        .collect()
}

/// A synthetic lexicon: one theme with `n` distinct made-up lemmas, half Finnish, half
/// Dutch, as TOML text.
fn big_lexicon_toml(n: usize) -> String {
    const SYL: &[&str] = &[
        "ka", "lo", "mi", "ne", "pu", "ra", "si", "tu", "va", "ho", "je", "ky", "lä", "mö", "nu",
        "pe", "ri", "so", "te", "vi", "da", "ge", "bo", "fa", "ze", "wu", "ij", "oe",
    ];
    let mut rng = Rng(0x6c65_7869_636f_6e31);
    let mut seen = std::collections::HashSet::new();
    let mut words = Vec::with_capacity(n);
    while words.len() < n {
        let k = 3 + rng.below(4);
        let w: String = (0..k).map(|_| rng.pick(SYL)).collect();
        if seen.insert(w.clone()) {
            words.push(w);
        }
    }
    let side = |ws: &[String]| {
        ws.iter()
            .map(|w| format!("  \"{w}\",\n"))
            .collect::<String>()
    };
    let (fi, nl) = words.split_at(n / 2);
    format!(
        "id = \"big\"\nlabel = \"Synthetic\"\nversion = \"1\"\n\n\
         [fi]\nentries = [\n{}]\n\n[nl]\nentries = [\n{}]\n",
        side(fi),
        side(nl)
    )
}

fn big_lexicon() -> Lexicon {
    let text = big_lexicon_toml(10_000);
    let themes = teema::lexicon::parse_source("big.toml", &text).expect("synthetic lexicon");
    Lexicon::from_themes(themes).expect("synthetic lexicon ids")
}

/// Entries (and excludes) of the shipped lexicon, both languages.
fn shipped_entries() -> usize {
    let lexicon = Lexicon::builtin().expect("builtin lexicon");
    lexicon
        .themes
        .iter()
        .flat_map(|t| &t.sides)
        .map(|s| s.entries.len() + s.exclude.len())
        .sum()
}

fn shipped_matcher() -> Matcher {
    Matcher::new(
        Lexicon::builtin().expect("builtin lexicon"),
        teema::morph::default_backend(),
    )
}

/// The shipped lexicon with only the entries (and excludes) `keep` accepts.
fn shipped_filtered(keep: impl Fn(&EntryKind) -> bool) -> Matcher {
    let mut lexicon = Lexicon::builtin().expect("builtin lexicon");
    for theme in &mut lexicon.themes {
        for side in &mut theme.sides {
            side.entries.retain(|e| keep(&e.kind));
            side.exclude.retain(|e| keep(&e.kind));
        }
    }
    Matcher::new(lexicon, teema::morph::default_backend())
}

fn inputs() -> Vec<Input> {
    vec![corpus_input(), generated_input(GENERATED_BYTES)]
}

/// Short runs, so that the whole bench takes about three minutes on two cores.
fn short<M: criterion::measurement::Measurement>(g: &mut criterion::BenchmarkGroup<'_, M>) {
    g.measurement_time(Duration::from_secs(3))
        .warm_up_time(Duration::from_millis(500))
        .sample_size(20);
}

// ---------------------------------------------------------------------------------------
// Stages
// ---------------------------------------------------------------------------------------

fn bench_decode(c: &mut Criterion) {
    let mut g = c.benchmark_group("decode");
    short(&mut g);
    for input in inputs() {
        let utf8 = input.joined.as_bytes().to_vec();
        let l1 = latin1(&input.joined);
        for (enc, bytes) in [("utf8", utf8), ("latin1", l1)] {
            g.throughput(Throughput::Bytes(bytes.len() as u64));
            g.bench_with_input(BenchmarkId::new(enc, input.name), &bytes, |b, bytes| {
                b.iter(|| teema::input::decode(black_box(bytes)).map(|d| d.text.len()))
            });
        }
    }
    g.finish();
}

fn bench_normalise(c: &mut Criterion) {
    let mut g = c.benchmark_group("normalise");
    short(&mut g);
    for input in inputs() {
        let mut out = Normalised::default();
        g.throughput(Throughput::Bytes(input.joined.len() as u64));
        g.bench_function(input.name, |b| {
            b.iter(|| {
                normalise_into(black_box(&input.joined), &mut out);
                black_box(out.text.len())
            })
        });
    }
    g.finish();
}

/// Site-chrome segmentation (profile detection, line rules, author blocks, quotes).
fn bench_segment(c: &mut Criterion) {
    use teema::segment::{Choice, Segmentation, Segmenter};
    let segmenter = Segmenter::shared();
    let mut g = c.benchmark_group("segment");
    short(&mut g);
    for input in inputs() {
        let norm = teema::normalise::normalise(&input.joined);
        let mut out = Segmentation::default();
        g.throughput(Throughput::Bytes(norm.text.len() as u64));
        g.bench_function(input.name, |b| {
            b.iter(|| {
                segmenter.segment(black_box(&norm.text), Choice::Auto, &mut out);
                black_box(out.segments.len())
            })
        });
    }
    g.finish();
}

fn bench_tokenise(c: &mut Criterion) {
    let mut g = c.benchmark_group("tokenise");
    short(&mut g);
    for input in inputs() {
        let norm = teema::normalise::normalise(&input.joined);
        let mut out = Tokens::default();
        g.throughput(Throughput::Bytes(norm.text.len() as u64));
        g.bench_function(input.name, |b| {
            b.iter(|| {
                tokenise_into(black_box(&norm.text), &mut out);
                black_box(out.tokens.len())
            })
        });
    }
    g.finish();
}

/// Language detection per document, as the analyser does it: a function-word vote over the
/// normalised words (falling back to `whatlang`), and `whatlang` alone.
fn bench_lang(c: &mut Criterion) {
    let detector = Detector::default();
    let mut g = c.benchmark_group("lang");
    short(&mut g);
    for input in inputs() {
        let docs: Vec<_> = input
            .docs
            .iter()
            .map(|d| {
                let norm = teema::normalise::normalise(&d.text);
                let tokens = teema::tokenise::tokenise(&norm.text);
                (d.text.as_str(), norm.text, tokens)
            })
            .collect();
        g.throughput(Throughput::Bytes(input.doc_bytes()));
        g.bench_function(BenchmarkId::new("detect_words", input.name), |b| {
            b.iter(|| {
                let mut found = 0;
                for (text, norm, tokens) in &docs {
                    let words = tokens
                        .tokens
                        .iter()
                        .filter(|t| t.kind == TokenKind::Word)
                        .map(|t| t.text(norm));
                    found += usize::from(detector.detect_words(words, text).lang.is_some());
                }
                found
            })
        });
        g.bench_function(BenchmarkId::new("whatlang", input.name), |b| {
            b.iter(|| {
                let mut found = 0;
                for (text, _, _) in &docs {
                    found += usize::from(detector.detect(black_box(text)).lang.is_some());
                }
                found
            })
        });
    }
    g.finish();
}

fn bench_match(c: &mut Criterion) {
    let matcher = shipped_matcher();
    let mut g = c.benchmark_group("match");
    short(&mut g);
    for input in inputs() {
        let norm = teema::normalise::normalise(&input.joined);
        let tokens = teema::tokenise::tokenise(&norm.text);
        g.throughput(Throughput::Bytes(norm.text.len() as u64));
        // The concatenated input mixes both languages: search it with each side.
        for lang in Lang::ALL {
            let mut searcher = matcher.searcher();
            let mut out: Vec<Match> = Vec::new();
            searcher.find(lang, &norm.text, &tokens, &mut out); // warm the word-form cache
            g.bench_function(BenchmarkId::new(lang.code(), input.name), |b| {
                b.iter(|| {
                    searcher.find(lang, black_box(&norm.text), &tokens, &mut out);
                    black_box(out.len())
                })
            });
        }
    }
    g.finish();
}

/// Per document: the detected language, the matches and the token count.
fn doc_matches(matcher: &Matcher, input: &Input) -> Vec<(Option<Lang>, Vec<Match>, u64)> {
    let detector = Detector::default();
    let mut searcher = matcher.searcher();
    input
        .docs
        .iter()
        .map(|d| {
            let lang = detector.detect(&d.text).lang;
            let norm = teema::normalise::normalise(&d.text);
            let tokens = teema::tokenise::tokenise(&norm.text);
            let mut out = Vec::new();
            if let Some(lang) = lang {
                searcher.find(lang, &norm.text, &tokens, &mut out);
            }
            (lang, out, tokens.tokens.len() as u64)
        })
        .collect()
}

fn bench_score(c: &mut Criterion) {
    let matcher = shipped_matcher();
    let lexicon = matcher.lexicon();
    let mut g = c.benchmark_group("score");
    short(&mut g);
    for input in inputs() {
        let per_doc = doc_matches(&matcher, &input);
        g.throughput(Throughput::Bytes(input.doc_bytes()));
        g.bench_function(input.name, |b| {
            b.iter(|| {
                let mut hits = 0;
                for (lang, matches, tokens) in &per_doc {
                    let s = teema::score::score(lexicon, *lang, black_box(matches), *tokens);
                    hits += s.len();
                }
                hits
            })
        });
    }
    g.finish();
}

fn analyse_all(matcher: &Matcher, input: &Input) -> Vec<DocResult> {
    let detector = Detector::default();
    let mut analyser = Analyser::new(matcher, &detector, AnalyseOptions::default());
    input
        .docs
        .iter()
        .filter_map(|d| analyser.analyse(d.path.clone(), &d.bytes).ok())
        .collect()
}

fn bench_report(c: &mut Criterion) {
    let matcher = shipped_matcher();
    let header = Header::new(matcher.lexicon(), matcher.morphology());
    let mut g = c.benchmark_group("report");
    short(&mut g);
    for input in inputs() {
        let docs = analyse_all(&matcher, &input);
        let mut summary = Summary::new(matcher.lexicon());
        for d in &docs {
            let unit = teema::score::Counted {
                wc: d.wc,
                sentences: d.sentences,
                dic_words: d.dic_words,
                short: d.short,
                in_stats: !d.short,
            };
            summary.add_document(&unit, d.bytes, &d.themes);
        }
        g.throughput(Throughput::Bytes(input.doc_bytes()));
        g.bench_function(BenchmarkId::new("ndjson", input.name), |b| {
            b.iter(|| {
                let unit = teema::analyse::Unit::Document;
                let encoder =
                    teema::report::Encoder::new(Format::Ndjson, unit, &Default::default());
                let mut sink = teema::report::sink(Format::Ndjson, unit, Box::new(std::io::sink()));
                sink.begin(&header).unwrap();
                let mut encoded = Vec::new();
                for d in &docs {
                    encoded.clear();
                    encoder.document(black_box(d), &mut encoded).unwrap();
                    sink.document(&encoded).unwrap();
                }
                sink.finish(&summary).unwrap();
            })
        });
    }
    g.finish();
}

fn bench_chain(c: &mut Criterion) {
    let matcher = shipped_matcher();
    let detector = Detector::default();
    let mut g = c.benchmark_group("chain");
    short(&mut g);
    // Tens of milliseconds per iteration: flat sampling keeps the group within its time.
    g.sampling_mode(SamplingMode::Flat);
    for input in inputs() {
        let mut analyser = Analyser::new(&matcher, &detector, AnalyseOptions::default());
        // Warm the analyser's word-form cache as a long run would have.
        for d in &input.docs {
            let _ = analyser.analyse(d.path.clone(), &d.bytes);
        }
        g.throughput(Throughput::Bytes(input.doc_bytes()));
        g.bench_function(BenchmarkId::new("analyse", input.name), |b| {
            b.iter(|| {
                let mut tokens = 0;
                for d in &input.docs {
                    if let Ok(r) = analyser.analyse(d.path.clone(), black_box(&d.bytes)) {
                        tokens += r.tokens;
                    }
                }
                tokens
            })
        });
    }
    g.finish();
}

/// Which kind of entry the `match` time goes to: the shipped lexicon without its regexes,
/// and its regexes alone.
fn bench_entry_kinds(c: &mut Criterion) {
    let is_regex = |k: &EntryKind| matches!(k, EntryKind::Regex(_));
    let variants = [
        ("all", shipped_matcher()),
        ("no_regex", shipped_filtered(|k| !is_regex(k))),
        ("regex_only", shipped_filtered(is_regex)),
    ];
    let input = generated_input(GENERATED_BYTES);
    let norm = teema::normalise::normalise(&input.joined);
    let tokens = teema::tokenise::tokenise(&norm.text);
    let mut g = c.benchmark_group("match_entry_kinds");
    short(&mut g);
    g.throughput(Throughput::Bytes(norm.text.len() as u64));
    for (name, matcher) in &variants {
        for lang in Lang::ALL {
            let mut out = Vec::new();
            let mut searcher = matcher.searcher();
            searcher.find(lang, &norm.text, &tokens, &mut out);
            g.bench_function(format!("{name}/{}", lang.code()), |b| {
                b.iter(|| {
                    searcher.find(lang, black_box(&norm.text), &tokens, &mut out);
                    black_box(out.len())
                })
            });
        }
    }
    g.finish();
}

fn bench_lexicon_size(c: &mut Criterion) {
    let shipped = shipped_matcher();
    let big = Matcher::new(big_lexicon(), teema::morph::default_backend());
    let input = generated_input(GENERATED_BYTES);
    let norm = teema::normalise::normalise(&input.joined);
    let tokens = teema::tokenise::tokenise(&norm.text);
    let mut g = c.benchmark_group("match_lexicon_size");
    short(&mut g);
    g.throughput(Throughput::Bytes(norm.text.len() as u64));
    for (name, matcher) in [("shipped", &shipped), ("synthetic_10k", &big)] {
        for lang in Lang::ALL {
            let mut out = Vec::new();
            let mut searcher = matcher.searcher();
            searcher.find(lang, &norm.text, &tokens, &mut out);
            let id = format!("{name}/{}/warm", lang.code());
            g.bench_function(id, |b| {
                b.iter(|| {
                    searcher.find(lang, black_box(&norm.text), &tokens, &mut out);
                    black_box(out.len())
                })
            });
            // A fresh searcher: every distinct word form is analysed against the lexicon.
            let id = format!("{name}/{}/cold", lang.code());
            g.bench_function(id, |b| {
                b.iter(|| {
                    let mut searcher = matcher.searcher();
                    searcher.find(lang, black_box(&norm.text), &tokens, &mut out);
                    black_box(out.len())
                })
            });
        }
    }
    g.finish();

    let mut g = c.benchmark_group("lexicon_compile");
    short(&mut g);
    g.sample_size(10).sampling_mode(SamplingMode::Flat);
    let entries: usize = shipped_entries();
    g.throughput(Throughput::Elements(entries as u64));
    g.bench_function("shipped", |b| b.iter(shipped_matcher));
    // 2,000 entries rather than 10,000 keep the group short; compare the rate per entry.
    let text = big_lexicon_toml(2_000);
    let lex_2k = Lexicon::from_themes(teema::lexicon::parse_source("big.toml", &text).unwrap())
        .expect("synthetic lexicon ids");
    g.throughput(Throughput::Elements(2_000));
    g.bench_function("synthetic_2k", |b| {
        b.iter_batched(
            || lex_2k.clone(),
            |lex| Matcher::new(lex, teema::morph::default_backend()),
            BatchSize::LargeInput,
        )
    });
    g.finish();
}

/// Parsing lexicon TOML, per entry: two sizes, so that growth worse than linear shows as a
/// lower rate for the larger file.
fn bench_lexicon_parse(c: &mut Criterion) {
    let mut g = c.benchmark_group("lexicon_parse");
    short(&mut g);
    g.sample_size(10).sampling_mode(SamplingMode::Flat);
    for n in [500, 2_000] {
        let text = big_lexicon_toml(n);
        g.throughput(Throughput::Elements(n as u64));
        g.bench_with_input(BenchmarkId::new("synthetic", n), &text, |b, text| {
            b.iter(|| teema::lexicon::parse_source("big.toml", black_box(text)).unwrap())
        });
    }
    g.finish();
}

criterion_group! {
    name = stages;
    // No plots and fewer bootstrap resamples: the analysis otherwise takes as long as the
    // measurements on a two-core machine. Pass `--plotting-backend plotters` for plots.
    config = Criterion::default().without_plots().nresamples(20_000);
    targets =
        bench_decode,
        bench_normalise,
        bench_segment,
        bench_tokenise,
        bench_lang,
        bench_match,
        bench_score,
        bench_report,
        bench_chain,
        bench_entry_kinds,
        bench_lexicon_size,
        bench_lexicon_parse,
}
criterion_main!(stages);
