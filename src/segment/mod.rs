//! Segmentation: a scraped page is split into the author's `post`, numbered `comment`s,
//! `quote`s inside them, and `boilerplate` (site chrome: menus, reply links, lists of other
//! threads, footers), each with byte offsets.
//!
//! The rules come from site profiles ([`profile`], `profiles/*.toml`), chosen per page by
//! the lines that identify a platform (`detect`), or fixed with `--profile`. Segmentation
//! works on lines of the normalised text:
//! 1. the page head ends at the last `head_end` line among the first `head_lines` lines;
//!    the closing furniture begins at the first `tail_start` line;
//! 2. `boilerplate` lines are furniture wherever they are;
//! 3. the first `comments_start` line opens the comments; every `author_block` after it (or,
//!    without such a line, every author block but the post's own) starts a comment;
//! 4. in the post and comments, a `quote_start` line and the lines after it up to a blank
//!    line, and runs of `quote_line` lines, are quotes.
//!
//! Nothing is dropped: every non-blank line belongs to exactly one segment. A segment's
//! `spans` are its runs of lines (a post interrupted by a furniture line has two spans).

mod date;
mod options;
mod profile;
mod signals;

pub use date::normalise as normalise_date;

pub use options::{Profiles, SegmentOptions};
pub use profile::parse as parse_profile;
pub use profile::{GENERIC, ProfileError, ProfileSource};

use regex::{Regex, RegexSet};
use serde::Serialize;
use signals::Signal;
use smallvec::SmallVec;
use std::path::PathBuf;
use std::sync::{Arc, LazyLock, OnceLock};

static SHARED: LazyLock<Segmenter> = LazyLock::new(Segmenter::builtin);

/// What a segment is.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum SegmentKind {
    /// The author's own text: the opening post or blog post.
    Post,
    /// A reply or comment below the post.
    Comment,
    /// Text quoted from another message, inside a post or comment.
    Quote,
    /// Site chrome: navigation, author and date lines, reply links, other threads, footers.
    Boilerplate,
}

impl SegmentKind {
    /// Every kind, in report order.
    pub const ALL: [SegmentKind; 4] = [
        SegmentKind::Post,
        SegmentKind::Comment,
        SegmentKind::Quote,
        SegmentKind::Boilerplate,
    ];

    /// The kind's name in reports.
    pub fn name(self) -> &'static str {
        match self {
            SegmentKind::Post => "post",
            SegmentKind::Comment => "comment",
            SegmentKind::Quote => "quote",
            SegmentKind::Boilerplate => "boilerplate",
        }
    }

    /// Position in [`SegmentKind::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }
}

/// One segment of a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    /// What it is.
    pub kind: SegmentKind,
    /// Its number among the segments of its kind, from 1 (comment 3 is the third comment).
    pub n: u32,
    /// Byte ranges of the normalised text, in order, each a run of whole lines.
    pub spans: SmallVec<[(u32, u32); 1]>,
    /// For a quote: the index of the post or comment segment it is in.
    pub parent: Option<u32>,
}

/// A post's or comment's author and date, where a line of the page gives them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Label {
    /// The writer's name: its byte range in the normalised text (the analyser reads it from
    /// the original text, which keeps its case).
    pub author: Option<(u32, u32)>,
    /// The date, normalised to ISO 8601: `2024-05-13` or `2024-05-13T22:10`.
    pub date: Option<String>,
}

/// Which profile segments a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Choice {
    /// The profile whose `detect` lines occur most (at least its `min_detect`), else the
    /// generic one.
    Auto,
    /// This profile (index into [`Segmenter::profiles`]).
    Fixed(usize),
    /// No segmentation: the whole text is the post.
    Off,
}

/// A compiled profile: its own rules plus the generic profile's. The `detect` rules are
/// compiled with the profile; the others when a page is first segmented with it (a run
/// that meets no forum page never compiles the forum rules).
#[derive(Debug)]
pub struct Profile {
    /// The profile as written.
    pub source: ProfileSource,
    id: Arc<str>,
    detect: RegexSet,
    /// The generic profile's rules, added to this profile's (empty for the generic one).
    extra: Arc<ProfileSource>,
    rules: OnceLock<Rules>,
}

/// Bits of [`Rules::kinds`]: the line rule lists a pattern comes from.
const HEAD_END: u8 = 1;
const BOILERPLATE: u8 = 1 << 1;
const COMMENTS_START: u8 = 1 << 2;
const TAIL_START: u8 = 1 << 3;
const QUOTE_START: u8 = 1 << 4;
const QUOTE_LINE: u8 = 1 << 5;
const LIST_HEADING: u8 = 1 << 6;

/// A profile's line and block rules, compiled.
#[derive(Debug)]
struct Rules {
    /// Every line rule of the profile and the generic one in one set: a line matching none
    /// (most prose) costs one pass, and a line matching some is read once for all lists.
    any_rule: RegexSet,
    /// Per pattern of `any_rule`: the bit of its list.
    kinds: Vec<u8>,
    /// The `quote_line` rules alone: the only ones that apply to long lines.
    quote_line: RegexSet,
    author_block: Option<Regex>,
}

impl Rules {
    fn compile(source: &ProfileSource, g: &ProfileSource) -> Result<Rules, ProfileError> {
        let invalid = |e: regex::Error| ProfileError::Pattern {
            file: source.file.clone(),
            message: e.to_string(),
        };
        let lists: [(&[String], &[String], u8); 7] = [
            (&source.head_end, &g.head_end, HEAD_END),
            (&source.boilerplate, &g.boilerplate, BOILERPLATE),
            (&source.comments_start, &g.comments_start, COMMENTS_START),
            (&source.tail_start, &g.tail_start, TAIL_START),
            (&source.quote_start, &g.quote_start, QUOTE_START),
            (&source.quote_line, &g.quote_line, QUOTE_LINE),
            (&source.list_heading, &g.list_heading, LIST_HEADING),
        ];
        let mut patterns = Vec::new();
        let mut kinds = Vec::new();
        for (own, generic, bit) in lists {
            for pattern in own.iter().chain(generic) {
                patterns.push(pattern.clone());
                kinds.push(bit);
            }
        }
        let quote_line: Vec<String> = source
            .quote_line
            .iter()
            .chain(&g.quote_line)
            .cloned()
            .collect();
        Ok(Rules {
            any_rule: profile::line_set(&patterns).map_err(invalid)?,
            kinds,
            quote_line: profile::line_set(&quote_line).map_err(invalid)?,
            author_block: profile::block_regex(
                &[source.author_block.clone(), g.author_block.clone()].concat(),
            )
            .map_err(invalid)?,
        })
    }

    /// The lists (bits) of the rules that `line` (`long`: longer than [`MAX_RULE_LINE`])
    /// matches: for a long line only `quote_line` counts.
    fn kinds_of(&self, line: &str, long: bool) -> u8 {
        if long {
            return if self.quote_line.is_match(line) {
                QUOTE_LINE
            } else {
                0
            };
        }
        if !self.any_rule.is_match(line) {
            return 0;
        }
        self.any_rule
            .matches(line)
            .iter()
            .fold(0, |m, i| m | self.kinds[i])
    }
}

impl Profile {
    /// The rules, compiled on first use.
    fn rules(&self) -> &Rules {
        self.rules.get_or_init(|| {
            Rules::compile(&self.source, &self.extra).expect("the profile's rules compile")
        })
    }
}

/// Segments documents with a set of profiles. Shared by all worker threads.
#[derive(Debug)]
pub struct Segmenter {
    profiles: Vec<Profile>,
    generic: usize,
    /// Every profile's `detect` patterns in one set: most lines match none, and one pass
    /// over them settles that for all profiles at once.
    any_detect: RegexSet,
}

/// A document's segments, with the buffers that produced them (reused between documents).
#[derive(Debug, Default)]
pub struct Segmentation {
    /// The profile used (index into [`Segmenter::profiles`]); `None` with [`Choice::Off`].
    pub profile: Option<usize>,
    /// The segments: the post first, then the others in order of position.
    pub segments: Vec<Segment>,
    /// Per segment: its author and date (for posts and comments, where a line gives them).
    pub labels: Vec<Label>,
    lines: Vec<(u32, u32)>,
    chrome: Vec<bool>,
    kinds: Vec<u8>,
    owner: Vec<u32>,
    quote: Vec<u32>,
    joined: String,
    joined_starts: Vec<u32>,
}

impl Segmentation {
    /// Every span as `(start, end, segment index)`, sorted by position: a sweep over
    /// tokens in text order finds each token's segment.
    pub fn owners(&self) -> Vec<(u32, u32, u32)> {
        let mut spans = Vec::new();
        self.owners_into(&mut spans);
        spans
    }

    /// [`Segmentation::owners`] into a reused buffer.
    pub fn owners_into(&self, spans: &mut Vec<(u32, u32, u32)>) {
        spans.clear();
        for (i, s) in self.segments.iter().enumerate() {
            spans.extend(s.spans.iter().map(|&(a, b)| (a, b, i as u32)));
        }
        spans.sort_unstable();
    }
}

impl Segmenter {
    /// Compiles `sources`, which must include the generic profile. A later source with the
    /// id of an earlier one replaces it (user profiles override the shipped ones).
    pub fn new(sources: Vec<ProfileSource>) -> Result<Segmenter, ProfileError> {
        let mut by_id: std::collections::BTreeMap<String, ProfileSource> = Default::default();
        for s in sources {
            by_id.insert(s.id.clone(), s);
        }
        let generic = by_id
            .get(GENERIC)
            .cloned()
            .unwrap_or_else(|| ProfileSource {
                id: GENERIC.into(),
                label: "Any page".into(),
                ..ProfileSource::default()
            });
        by_id
            .entry(GENERIC.into())
            .or_insert_with(|| generic.clone());
        // Shipped profiles compile their rules when first used (a test checks that they
        // compile); a user's are compiled now so that an error stops the run at once.
        let eager = by_id.values().any(|s| !s.file.starts_with("builtin:"));
        let generic = Arc::new(generic);
        let none = Arc::new(ProfileSource::default());
        let mut profiles = Vec::new();
        for source in by_id.into_values() {
            let extra = if source.id == GENERIC {
                none.clone()
            } else {
                generic.clone()
            };
            let detect = profile::line_set(&source.detect).map_err(|e| ProfileError::Pattern {
                file: source.file.clone(),
                message: e.to_string(),
            })?;
            let rules = OnceLock::new();
            if eager {
                let _ = rules.set(Rules::compile(&source, &extra)?);
            }
            profiles.push(Profile {
                detect,
                id: Arc::from(source.id.as_str()),
                extra,
                rules,
                source,
            });
        }
        let generic = profiles
            .iter()
            .position(|p| p.source.id == GENERIC)
            .expect("the generic profile is present");
        let all: Vec<String> = profiles
            .iter()
            .flat_map(|p| p.source.detect.iter().cloned())
            .collect();
        let any_detect = profile::line_set(&all).map_err(|e| ProfileError::Pattern {
            file: "site profiles (detect)".into(),
            message: e.to_string(),
        })?;
        Ok(Segmenter {
            profiles,
            generic,
            any_detect,
        })
    }

    /// The shipped profiles.
    pub fn builtin() -> Segmenter {
        Segmenter::new(profile::builtin()).expect("the shipped profiles compile")
    }

    /// The shipped profiles, compiled once per process.
    pub fn shared() -> &'static Segmenter {
        &SHARED
    }

    /// The shipped profiles plus (overriding by id) those in `paths` (files or folders).
    pub fn with_files(paths: &[PathBuf]) -> Result<Segmenter, ProfileError> {
        let mut sources = profile::builtin();
        sources.extend(profile::load(paths)?);
        Segmenter::new(sources)
    }

    /// The profiles, sorted by id.
    pub fn profiles(&self) -> &[Profile] {
        &self.profiles
    }

    /// The choice `--profile NAME` stands for: `auto`, `none` or a profile id.
    pub fn choice(&self, name: &str) -> Result<Choice, ProfileError> {
        match name {
            "auto" => Ok(Choice::Auto),
            "none" => Ok(Choice::Off),
            _ => self
                .profiles
                .iter()
                .position(|p| p.source.id == name)
                .map(Choice::Fixed)
                .ok_or_else(|| ProfileError::Unknown {
                    name: name.to_string(),
                    known: self
                        .profiles
                        .iter()
                        .map(|p| p.source.id.as_str())
                        .collect::<Vec<_>>()
                        .join(", "),
                }),
        }
    }

    /// The id of profile `index`.
    pub fn id(&self, index: Option<usize>) -> &str {
        index.map_or("none", |i| self.profiles[i].source.id.as_str())
    }

    /// The id of profile `index`, shared.
    pub fn id_arc(&self, index: Option<usize>) -> Arc<str> {
        static NONE: LazyLock<Arc<str>> = LazyLock::new(|| Arc::from("none"));
        index.map_or_else(|| NONE.clone(), |i| self.profiles[i].id.clone())
    }

    /// Splits normalised `text` into segments.
    pub fn segment(&self, text: &str, choice: Choice, out: &mut Segmentation) {
        out.segments.clear();
        out.labels.clear();
        split_lines(text, &mut out.lines);
        let profile = match choice {
            Choice::Off => None,
            Choice::Fixed(i) => Some(i),
            Choice::Auto => Some(self.detect_profile(text, &out.lines)),
        };
        out.profile = profile;
        match profile {
            None => whole_text(out),
            Some(i) => self.apply(&self.profiles[i], text, out),
        }
        out.labels.resize(out.segments.len(), Label::default());
    }

    fn detect_profile(&self, text: &str, lines: &[(u32, u32)]) -> usize {
        let line = |&(a, b): &(u32, u32)| &text[a as usize..b as usize];
        let hits: SmallVec<[&str; 16]> = lines
            .iter()
            .filter(|&&(a, b)| candidate(a, b))
            .map(line)
            .filter(|l| self.any_detect.is_match(l))
            .collect();
        let mut best = self.generic;
        let mut best_count = 0;
        if hits.is_empty() {
            return best;
        }
        for (i, p) in self.profiles.iter().enumerate() {
            if p.source.detect.is_empty() {
                continue;
            }
            // distinct rules matched: a link repeated under every comment counts once
            let mut matched = vec![false; p.source.detect.len()];
            for l in &hits {
                for r in p.detect.matches(l).iter() {
                    matched[r] = true;
                }
            }
            let count = matched.iter().filter(|&&m| m).count();
            if count >= p.source.min_detect && count > best_count {
                best = i;
                best_count = count;
            }
        }
        best
    }

    fn apply(&self, p: &Profile, text: &str, out: &mut Segmentation) {
        let n = out.lines.len();
        let rules = p.rules();
        // The rule lists each line matches (quote lines at any length)...
        let mut kinds = std::mem::take(&mut out.kinds);
        kinds.clear();
        kinds.extend(out.lines.iter().map(|&(a, b)| {
            if a == b {
                0
            } else {
                rules.kinds_of(&text[a as usize..b as usize], !candidate(a, b))
            }
        }));
        let lines = Lines {
            text,
            spans: &out.lines,
            kinds: &kinds,
        };
        let mut chrome = std::mem::take(&mut out.chrome);
        chrome.clear();
        chrome.resize(n, false);

        // 1. head and tail
        let body = body_bounds(p, &lines);
        chrome[..body.start].iter_mut().for_each(|c| *c = true);
        chrome[body.end..].iter_mut().for_each(|c| *c = true);
        // 2. furniture lines and the start of the comments
        let comments_at = mark_furniture(&lines, body.clone(), &mut chrome);
        // 3. author blocks, which may span lines
        let joined = (&mut out.joined, &mut out.joined_starts);
        let blocks = author_blocks(p, &lines, body.clone(), &mut chrome, joined);
        // 4. general signals: dates, author lines, numbered and bulleted comments
        let general = General::scan(&lines, body.clone(), &mut chrome, comments_at);
        let starts = choose_starts(p, &lines, &chrome, comments_at, &blocks, &general, body.end);
        // 5. owners and quotes
        let (owner, quote) = (&mut out.owner, &mut out.quote);
        owners(&starts, n, owner);
        let quotes = mark_quotes(&lines, body.clone(), &chrome, owner, quote);
        // 6. segments, with their authors and dates
        build_segments(&lines, &chrome, owner, quote, quotes, &mut out.segments);
        let by_owner = general.labels(&lines, body.end, &chrome, owner, &blocks, starts.len());
        out.labels.clear();
        out.labels.extend(out.segments.iter().map(|s| match s.kind {
            SegmentKind::Post => by_owner[0].clone(),
            SegmentKind::Comment => by_owner.get(s.n as usize).cloned().unwrap_or_default(),
            _ => Label::default(),
        }));
        out.chrome = chrome;
        out.kinds = kinds;
    }
}

/// The lines of a text being segmented, and which of them match some line rule.
struct Lines<'a> {
    text: &'a str,
    /// Each line's byte range in `text`.
    spans: &'a [(u32, u32)],
    /// Per line: the rule lists it matches (bits: [`HEAD_END`], ...).
    kinds: &'a [u8],
}

impl<'a> Lines<'a> {
    /// The text of line `i`.
    fn line(&self, i: usize) -> &'a str {
        let (a, b) = self.spans[i];
        &self.text[a as usize..b as usize]
    }

    /// Whether line `i` is empty.
    fn blank(&self, i: usize) -> bool {
        self.spans[i].0 == self.spans[i].1
    }

    /// Whether line `i` matches a line rule and may be furniture or a quote's first line:
    /// it is not too long.
    fn short(&self, i: usize) -> bool {
        self.kinds[i] != 0 && candidate(self.spans[i].0, self.spans[i].1)
    }

    /// Whether line `i` is not too long and matches a rule of the list `kind`.
    fn is(&self, i: usize, kind: u8) -> bool {
        self.kinds[i] & kind != 0 && candidate(self.spans[i].0, self.spans[i].1)
    }
}

/// The lines between the page head (up to a `head_end` line among the first `head_lines`
/// non-blank lines) and the tail (from the first `tail_start` line on).
fn body_bounds(p: &Profile, lines: &Lines) -> std::ops::Range<usize> {
    let n = lines.spans.len();
    let mut body_start = 0;
    let mut seen = 0;
    for i in 0..n {
        if lines.blank(i) {
            continue;
        }
        seen += 1;
        if seen > p.source.head_lines {
            break;
        }
        if lines.is(i, HEAD_END) {
            body_start = i + 1;
        }
    }
    let body_end = (body_start..n)
        .find(|&i| lines.is(i, TAIL_START))
        .unwrap_or(n);
    body_start..body_end
}

/// Marks the body's furniture lines as chrome, and the comments heading, whose line it
/// returns.
fn mark_furniture(
    lines: &Lines,
    body: std::ops::Range<usize>,
    chrome: &mut [bool],
) -> Option<usize> {
    let mut comments_at = None;
    for (i, c) in chrome
        .iter_mut()
        .enumerate()
        .take(body.end)
        .skip(body.start)
    {
        if !lines.short(i) {
            continue;
        }
        if comments_at.is_none() && lines.is(i, COMMENTS_START) {
            comments_at = Some(i);
            *c = true;
        } else if lines.is(i, BOILERPLATE) {
            *c = true;
        }
    }
    mark_lists(lines, body, chrome);
    comments_at
}

/// Marks lists of links as chrome: a `list_heading` line ("most read", "recent posts") and
/// the short lines after it up to a blank line (blank lines right after the heading are
/// skipped) or a comments heading.
fn mark_lists(lines: &Lines, body: std::ops::Range<usize>, chrome: &mut [bool]) {
    let mut i = body.start;
    while i < body.end {
        if !lines.is(i, LIST_HEADING) {
            i += 1;
            continue;
        }
        chrome[i] = true;
        i += 1;
        while i < body.end && lines.blank(i) {
            i += 1;
        }
        while i < body.end
            && !lines.blank(i)
            && lines.line(i).len() <= MAX_LIST_ITEM
            && !lines.is(i, COMMENTS_START)
        {
            chrome[i] = true;
            i += 1;
        }
    }
}

/// Lines longer than this (bytes) end a list of links: they are prose.
const MAX_LIST_ITEM: usize = 100;

/// Marks the lines of the body's author blocks as chrome and returns each block's first
/// line. Blocks may span lines: they are searched in the body's lines joined (`joined`: the
/// joined text and each line's start in it, reused buffers).
fn author_blocks(
    p: &Profile,
    lines: &Lines,
    body: std::ops::Range<usize>,
    chrome: &mut [bool],
    (joined, joined_starts): (&mut String, &mut Vec<u32>),
) -> Vec<usize> {
    let mut blocks: Vec<usize> = Vec::new();
    let (body_start, body_end) = (body.start, body.end);
    if let Some(re) = &p.rules().author_block
        && body_start < body_end
    {
        joined.clear();
        joined_starts.clear();
        for i in body_start..body_end {
            joined_starts.push(joined.len() as u32);
            joined.push_str(lines.line(i));
            joined.push('\n');
        }
        for m in re.find_iter(joined.as_str()) {
            if m.is_empty() {
                continue;
            }
            let first = joined_starts.partition_point(|&s| s as usize <= m.start()) - 1;
            let last = joined_starts.partition_point(|&s| (s as usize) < m.end()) - 1;
            for c in &mut chrome[body_start + first..=body_start + last] {
                *c = true;
            }
            blocks.push(body_start + first);
        }
    }
    blocks
}

/// The first lines of the comments: the author blocks after the comments heading (or after
/// the post's own block), and the text right after the heading when no block starts it.
fn comment_starts(
    lines: &Lines,
    chrome: &[bool],
    comments_at: Option<usize>,
    blocks: &[usize],
    post_block: bool,
    body_end: usize,
) -> Vec<usize> {
    let mut starts: Vec<usize> = match comments_at {
        Some(m) => blocks.iter().copied().filter(|&b| b > m).collect(),
        None if post_block => blocks.iter().copied().skip(1).collect(),
        None => blocks.to_vec(),
    };
    if let Some(m) = comments_at {
        // Text between the comments heading and the first author block (or all text
        // after the heading, when the profile finds no author blocks) is a comment.
        let first = starts.first().copied().unwrap_or(body_end);
        if (m + 1..first).any(|i| !lines.blank(i) && !chrome[i]) {
            starts.insert(0, m + 1);
        }
    }
    starts
}

/// The comment starts from the strongest kind of delimiter the comments have: numbered or
/// bulleted markers after the comments heading, else the profile's author blocks, else the
/// general author lines (a name and a date, a byline and a date).
fn choose_starts(
    p: &Profile,
    lines: &Lines,
    chrome: &[bool],
    comments_at: Option<usize>,
    blocks: &[usize],
    general: &General,
    body_end: usize,
) -> Vec<usize> {
    if !general.markers.is_empty() {
        return comment_starts(
            lines,
            chrome,
            comments_at,
            &general.markers,
            false,
            body_end,
        );
    }
    let post_block = p.source.post_author_block;
    let profile_has = match comments_at {
        Some(m) => blocks.iter().any(|&b| b > m),
        None => blocks.len() > usize::from(post_block),
    };
    if profile_has || general.blocks.is_empty() {
        return comment_starts(lines, chrome, comments_at, blocks, post_block, body_end);
    }
    // the first author line heads the post when it comes before the post's prose
    let first_prose = (0..body_end)
        .find(|&i| !chrome[i] && lines.spans[i].1 - lines.spans[i].0 >= PROSE_LINE)
        .unwrap_or(body_end);
    let post_block = general.blocks[0] < first_prose;
    comment_starts(
        lines,
        chrome,
        comments_at,
        &general.blocks,
        post_block,
        body_end,
    )
}

/// A line at least this long (bytes) that is not furniture is prose.
const PROSE_LINE: u32 = 80;

/// What the general signals found in a page's lines.
struct General {
    /// Per line before the tail: its signal.
    signals: Vec<Signal>,
    /// First lines of author lines and name + date blocks.
    blocks: Vec<usize>,
    /// Comment markers after the comments heading: `1.`, `2.`, ... or `• title` lines.
    markers: Vec<usize>,
    /// Name lines above a date line.
    names: Vec<usize>,
}

impl General {
    /// Reads the signals of the lines up to the tail, marks date, author and number lines of
    /// the body as chrome, and finds the author blocks and comment markers.
    fn scan(
        lines: &Lines,
        body: std::ops::Range<usize>,
        chrome: &mut [bool],
        comments_at: Option<usize>,
    ) -> General {
        let signals: Vec<Signal> = (0..body.end)
            .map(|i| {
                let (a, b) = lines.spans[i];
                if a == b || (b - a) as usize > signals::MAX_SIGNAL_LINE {
                    Signal::None
                } else {
                    signals::classify(lines.line(i))
                }
            })
            .collect();
        let mut blocks = Vec::new();
        let mut names = Vec::new();
        let next_date = |i: usize| {
            i + 1 < body.end && matches!(signals[i + 1], Signal::Date(_)) && !lines.blank(i + 1)
        };
        for i in body.clone() {
            match &signals[i] {
                Signal::Date(_) | Signal::Number(_) => chrome[i] = true,
                Signal::AuthorDate(..) => {
                    chrome[i] = true;
                    blocks.push(i);
                }
                Signal::Byline(_) => {
                    chrome[i] = true;
                    if next_date(i) {
                        blocks.push(i);
                    }
                }
                Signal::None if !lines.blank(i) && (lines.spans[i].1 - lines.spans[i].0) <= 40 => {
                    let line = lines.line(i);
                    let stats = i + 1 < body.end && signals::stat_line(lines.line(i + 1));
                    if stats && signals::name_line(line) {
                        chrome[i] = true;
                    } else if next_date(i) && signals::name_line(line) {
                        names.push(i);
                    }
                }
                _ => {}
            }
        }
        // A name alone above a date heads a message when the page repeats the pattern (a
        // single one is more likely a title above its date).
        if names.len() >= 2 {
            for &i in &names {
                chrome[i] = true;
            }
            blocks.extend_from_slice(&names);
            blocks.sort_unstable();
        } else {
            names.clear();
        }
        let mut markers = Vec::new();
        if let Some(m) = comments_at {
            let mut expect = 1;
            for (i, s) in signals.iter().enumerate().take(body.end).skip(m + 1) {
                if *s == Signal::Number(expect) {
                    markers.push(i);
                    expect += 1;
                }
            }
            if markers.is_empty() {
                // a bullet line heading a body (not a list of bullets)
                for i in m + 1..body.end {
                    if signals[i] != Signal::Bullet {
                        continue;
                    }
                    let next = (i + 1..body.end).find(|&j| !lines.blank(j));
                    if next.is_some_and(|j| signals[j] != Signal::Bullet && !chrome[j]) {
                        markers.push(i);
                    }
                }
            }
        }
        General {
            signals,
            blocks,
            markers,
            names,
        }
    }

    /// Per owner (0 the post, `k` the `k`th comment): the first author and date that its
    /// furniture lines give.
    fn labels(
        &self,
        lines: &Lines,
        body_end: usize,
        chrome: &[bool],
        owner: &[u32],
        profile_blocks: &[usize],
        comments: usize,
    ) -> Vec<Label> {
        let mut out = vec![Label::default(); comments + 1];
        let mut fallback: Vec<Option<(u32, u32)>> = vec![None; comments + 1];
        for i in 0..body_end.min(self.signals.len()) {
            if !chrome[i] || lines.blank(i) {
                continue;
            }
            let label = &mut out[owner[i] as usize];
            let (author, date) = match &self.signals[i] {
                Signal::AuthorDate(a, d) => (Some(*a), Some(d)),
                Signal::Byline(a) => (Some(*a), None),
                Signal::Date(d) => (None, Some(d)),
                _ => (None, None),
            };
            if label.date.is_none() {
                label.date = date.cloned();
            }
            let start = lines.spans[i].0;
            let at = |(a, b): (usize, usize)| (start + a as u32, start + b as u32);
            if label.author.is_none() {
                label.author = author.map(at);
            }
            // a name alone, or the first line of a profile's author block, when no byline
            // or author line names the writer
            let k = owner[i] as usize;
            if fallback[k].is_none() {
                let line = lines.line(i);
                let whole = (0, line.len());
                fallback[k] = if self.names.binary_search(&i).is_ok() {
                    Some(at(whole))
                } else if profile_blocks.binary_search(&i).is_ok() {
                    signals::author_in(line)
                        .or_else(|| signals::name_line(line).then_some(whole))
                        .map(at)
                } else {
                    None
                };
            }
        }
        for (label, f) in out.iter_mut().zip(fallback) {
            if label.author.is_none() {
                label.author = f;
            }
        }
        out
    }
}

/// Per line, its owner: 0 for the post, `k` for the `k`th comment (from `starts[k - 1]`).
fn owners(starts: &[usize], n: usize, owner: &mut Vec<u32>) {
    owner.clear();
    owner.resize(n, 0);
    let mut k = 0;
    for (i, o) in owner.iter_mut().enumerate() {
        while k < starts.len() && starts[k] <= i {
            k += 1;
        }
        *o = k as u32;
    }
}

/// How the quote being read goes on.
#[derive(PartialEq)]
enum QuoteMode {
    None,
    /// After "X kirjoitti:": up to a blank line.
    Intro,
    /// `>` lines: while they last.
    Marker,
}

/// Per line, the number of the quote it belongs to (0: none), within the body; returns the
/// number of quotes.
fn mark_quotes(
    lines: &Lines,
    body: std::ops::Range<usize>,
    chrome: &[bool],
    owner: &[u32],
    quote: &mut Vec<u32>,
) -> u32 {
    quote.clear();
    quote.resize(lines.spans.len(), 0);
    let mut mode = QuoteMode::None;
    let mut q = 0u32;
    for i in body {
        if lines.blank(i) || chrome[i] || (i > 0 && owner[i] != owner[i - 1]) {
            mode = QuoteMode::None;
        }
        if lines.blank(i) || chrome[i] {
            continue;
        }
        if lines.is(i, QUOTE_START) {
            q += 1;
            mode = QuoteMode::Intro;
        } else if lines.kinds[i] & QUOTE_LINE != 0 {
            if mode == QuoteMode::None {
                q += 1;
                mode = QuoteMode::Marker;
            }
        } else if mode == QuoteMode::Marker {
            mode = QuoteMode::None;
        }
        if mode != QuoteMode::None {
            quote[i] = q;
        }
    }
    q
}

/// The segments: runs of lines with the same owner, blank lines inside a run included; chrome
/// in boilerplate segments, quotes in quote segments under their comment.
fn build_segments(
    lines: &Lines,
    chrome: &[bool],
    owner: &[u32],
    quote: &[u32],
    quotes: u32,
    segments: &mut Vec<Segment>,
) {
    segments.push(Segment {
        kind: SegmentKind::Post,
        n: 1,
        spans: SmallVec::new(),
        parent: None,
    });
    let mut comment_seg: Vec<u32> = vec![0];
    let mut quote_seg: Vec<u32> = vec![u32::MAX; quotes as usize + 1];
    let mut boilerplate_n = 0;
    let mut last: Option<u32> = None;
    for i in 0..lines.spans.len() {
        if lines.blank(i) {
            continue;
        }
        // A comment's segment exists from its author block on, even if it holds no text.
        while comment_seg.len() <= owner[i] as usize {
            segments.push(Segment {
                kind: SegmentKind::Comment,
                n: comment_seg.len() as u32,
                spans: SmallVec::new(),
                parent: None,
            });
            comment_seg.push(segments.len() as u32 - 1);
        }
        let seg = if chrome[i] {
            match last {
                Some(s) if segments[s as usize].kind == SegmentKind::Boilerplate => s,
                _ => {
                    boilerplate_n += 1;
                    segments.push(Segment {
                        kind: SegmentKind::Boilerplate,
                        n: boilerplate_n,
                        spans: SmallVec::new(),
                        parent: None,
                    });
                    segments.len() as u32 - 1
                }
            }
        } else if quote[i] > 0 {
            let qi = quote[i] as usize;
            if quote_seg[qi] == u32::MAX {
                segments.push(Segment {
                    kind: SegmentKind::Quote,
                    n: quote[i],
                    spans: SmallVec::new(),
                    parent: Some(comment_seg[owner[i] as usize]),
                });
                quote_seg[qi] = segments.len() as u32 - 1;
            }
            quote_seg[qi]
        } else {
            comment_seg[owner[i] as usize]
        };
        let (a, b) = lines.spans[i];
        let spans = &mut segments[seg as usize].spans;
        match spans.last_mut() {
            Some(span) if last == Some(seg) => span.1 = b,
            _ => spans.push((a, b)),
        }
        last = Some(seg);
    }
}

/// Lines longer than this (in bytes) are prose: never furniture, never a quote's first line.
/// Site chrome is short lines; skipping paragraphs keeps segmentation cheap.
pub const MAX_RULE_LINE: u32 = 400;

fn candidate(a: u32, b: u32) -> bool {
    a < b && b - a <= MAX_RULE_LINE
}

/// The whole text as the post.
fn whole_text(out: &mut Segmentation) {
    let first = out.lines.iter().find(|(a, b)| a != b);
    let last = out.lines.iter().rev().find(|(a, b)| a != b);
    let mut spans = SmallVec::new();
    if let (Some(&(a, _)), Some(&(_, b))) = (first, last) {
        spans.push((a, b));
    }
    out.segments.push(Segment {
        kind: SegmentKind::Post,
        n: 1,
        spans,
        parent: None,
    });
    out.labels.push(Label::default());
}

/// Each line's content without surrounding white space, as a byte range (empty for a blank
/// line).
fn split_lines(text: &str, lines: &mut Vec<(u32, u32)>) {
    lines.clear();
    let mut start = 0usize;
    let bytes = text.as_bytes();
    loop {
        let end = memchr::memchr(b'\n', &bytes[start..]).map_or(text.len(), |i| start + i);
        let raw = &text[start..end];
        let lead = raw.len() - raw.trim_start().len();
        let trimmed = raw.trim();
        let a = (start + lead) as u32;
        lines.push((a, a + trimmed.len() as u32));
        if end == text.len() {
            break;
        }
        start = end + 1;
    }
}

#[cfg(test)]
mod tests;
