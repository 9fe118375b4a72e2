//! Negation scope for Finnish and Dutch: which matches stand under a negation cue, and which
//! cue that is.
//!
//! One linear pass over a text's tokens ([`Scopes::scan_into`]) records every negation cue
//! and the byte range of the normalised text it covers (its *scope*). Afterwards a match's
//! byte range is looked up with [`Scopes::negating`], which returns the cue, so a negated
//! count can always be traced back to the word that negated it. The pass allocates nothing
//! per token: the [`Scopes`] buffer is cleared and reused from text to text.
//!
//! Most tokens take a short path (a word without a role after one space: one probe of a
//! 4 KiB hash table, and for Finnish a byte test for a possible abessive). On 4,000 posts
//! of the benchmark corpus (`examples/negation_speed.rs`) the scan costs about a third of
//! the instructions of tokenising (40.8 M against 120.8 M, callgrind) and 27-32 % of its
//! wall time.
//!
//! ## Negation scope (README section)
//!
//! `teema` marks a match as *negated* when it lies inside the scope of a negation cue in
//! the same sentence. The flag means "under a negation cue", not "of negative polarity":
//! two cues do not cancel out (`ei ole mahdotonta`, `niet onmogelijk`, `ei ole niin,
//! ettei ...` are all flagged), and the reported cue is the one nearest to the match.
//! The rules are deliberately shallow (word lists and punctuation, no parser), so that they
//! cost little and can be checked by hand.
//!
//! **Where scopes end.** A scope never crosses a sentence end (`.`, `!`, `?`, a line
//! break). Inside a sentence it ends at a *clause boundary*:
//! * `;`, `:`, `(`, `)`, `[`, `]`, a dash standing between spaces (` - `), and the quote
//!   characters `"` and `'` between words. The tokeniser reports no quotations, so quote
//!   characters are treated as clause boundaries: a cue inside a quotation reaches no
//!   further than the closing quote, and a cue outside does not reach into one;
//! * Dutch: every comma, and the conjunctions `en`, `maar`, `want`, `dus`, `of`, `omdat`,
//!   `dat`, `als`, `wanneer`, `terwijl`, `hoewel`, `die`, `wat`, `doordat`, `zodat`,
//!   `nadat`, `voordat`, `totdat`, `tenzij`, `zodra`, `aangezien`, `ofschoon` (`dat`,
//!   `die` and `wat` not after a preposition, where they are demonstratives);
//! * Finnish: `mutta`, `vaan`, `sillä`, `joten`, the subordinators `koska`, `että`,
//!   `jotta`, `vaikka`, `kunnes`, `jos`, `kun`, and the negative conjunctions (`ettei`,
//!   `jottei`, `ellei`, ...) even without a comma. A comma ends a clause that one of the
//!   subordinators started (`jos ei sada, menemme ulos`); otherwise only when the next
//!   word starts a clause: one of those, `ja`, `tai`, `sekä`, `kuin`, `kyllä`, a relative
//!   or interrogative pronoun (`joka`, `jonka`, `mikä`, `mitä`, `missä`, ... `miksi`,
//!   `miten`, `kuinka`), a personal or demonstrative pronoun (`minä`, `mä`, `sinä`, `sä`,
//!   `hän`, `se`, `me`, `te`, `he`, `ne`, `tämä`, `tää`, `tuo`, `toi`) or a negation cue.
//!   A comma before anything else (a list, an apposition) does not end the scope.
//!
//! **Finnish cues.**
//! * The negative verb `ei`, `en`, `et`, `emme`, `ette`, `eivät`, with `-kä` (`eikä`,
//!   `enkä`, `etkä`, `emmekä`, `ettekä`, `eivätkä`), `-hän` and `-pä` (`eihän`, `enhän`,
//!   `ethän`, `eipä`, `enpä`, `etpä`), colloquial `emmä`, `emmää`, `emmie`, `eikai`; the
//!   negative imperative `älä`, `älkää`, `äläkä`, `älkääkä`, `älköön`, `älkäämme`; and
//!   the conjunctions fused with it: `ettei`, `etten`, `ettet`, `ettemme`, `ettette`,
//!   `etteivät`, `jottei`, `jotten`, `jottet`, `ellei`, `ellen`, `ellet`, `ellemme`,
//!   `ellette`, `elleivät`, `jollei`, `jollen`, `vaikkei`, `vaikken`, `vaikket`,
//!   `muttei`, `mutten`. Scope: from the cue to the end of its clause (the connegative
//!   verb and its complements: `en halua mennä illanistujaisiin`). Words before the cue
//!   are outside, also a fronted object (`kahvia en juo`): a known limit.
//! * `ei … eikä`: both are cues, so both parts are covered.
//! * Not cues: the questions `eikö`, `eikös`, `eiks`, `enkö`, `etkö`, `emmekö`,
//!   `ettekö`, `eivätkö`, `eiköhän` (in forum text mostly rhetorical and positive:
//!   `eikö olekin kiva`, `eiköhän se siitä`), and `ei ainoastaan`, `ei pelkästään`,
//!   `ei yksinomaan` ("not only ... but also"). `ei vain` stays a cue (`se ei vain
//!   toimi`); in `ei vain X vaan myös Y`, `vaan` ends the scope after `X`.
//! * `ilman` ("without"): the next three words, stopping at a clause boundary; `ilman
//!   että` covers the whole `että` clause. Not a cue in `ilman muuta` ("of course"), nor
//!   when the next word is one of a few nouns that make `ilman` the genitive of `ilma`
//!   ("air": `ilman laatu`, `ilman lämpötila`, `ilman kosteus`, `ilman saasteet`, ...).
//! * The abessive case: a word of at least six letters ending in `-tta`/`-ttä` (or the
//!   infinitive `-matta`/`-mättä` with a possessive suffix, `tietämättään`) is negated
//!   by its own ending, which is the cue: `palkatta`, `luvatta`, `ongelmitta`,
//!   `korvauksetta`, `huoneetta`, `autotta`, `työttä`, `sanomatta`. Partitives share the
//!   ending, so the stem before it decides: after `a`/`ä`, `i`, `o`/`ö`: abessive;
//!   after `e` only `-eetta` and `-ksetta` (`vaatetta`, `perhettä` are partitives); after
//!   `u`/`y` never (`vuotta`, `rakkautta`, `terveyttä`), except `syyttä`; and a short
//!   exception list (`kevättä`, `tuhatta`, `kolmatta`, `neljättä`, `seitsemättä`,
//!   `kahdeksatta`, `yhdeksättä`, `sadatta`, `viittä`, `vuotta`, `nuotta`; `mitta` is
//!   too short).
//!   Names (capitalised mid-sentence: `Riitta`) are skipped. Abessives after `-e` of
//!   `i`-stem nouns (`lapsetta`, `huoletta`) are missed: they look like partitives.
//!   Adjectives in `-ton`/`-tön` (`palkaton`) and prefixes (`epä-`) are not cues.
//!
//! **Dutch cues.**
//! * `niet`, `nooit`, `niemand`, `niets`, `niks`, `nergens`, `nimmer`, `allerminst`,
//!   `geenszins`: in a main (verb-second) clause, `niet` stands late and negates the
//!   finite verb before it and the rest of the clause, so the scope is the whole clause,
//!   before and after the cue (`de klantenservice reageert niet`); in a verb-final
//!   subordinate clause (one that starts with `omdat`, `dat`, `als`, `wanneer`,
//!   `terwijl`, `hoewel`, `die`, `wat`, `doordat`, `zodat`, `nadat`, `voordat`,
//!   `totdat`, `tenzij`, `zodra`, `aangezien`, `ofschoon`) from the cue to the clause
//!   end. `dat`, `die`, `wat` at the start of a sentence are demonstratives or
//!   question words: that clause counts as a main clause. Not a cue: `niet alleen`,
//!   `niet enkel`, `niet slechts` ("not only").
//! * `geen`, `noch`: from the cue to the clause end (the noun phrase after it and the
//!   rest of the predicate: `geen probleem`, `geen tijd voor sport`).
//! * `zonder`: the following phrase, up to three words, stopping at a clause boundary;
//!   when `te` comes among them, up to the verb after it (`zonder iets te zeggen`); `zonder
//!   dat` covers the whole `dat` clause; not a cue in `zonder meer` ("certainly").
//! * Rhetorical questions (`is dat niet mooi?`) are still negated: a known limit.
//!
//! **Matches and cues.** A match is negated when its start lies in a scope and it does not
//! contain that scope's cue: a lexicon entry that spells out its own negation (`geen zin`,
//! `ei jaksa`) is not negated by the cue it contains. The abessive is the exception: there
//! the cue is the ending of the matched word itself. When several scopes hold a match, the
//! cue nearest to the match start is reported.
//!
//! **Known limits.** No parsing: `ja`/`tai` and Dutch `en` do not tell a new clause from a
//! coordinated phrase (`en syö lihaa ja kalaa` keeps `kalaa` in scope, but so does `en
//! käy salilla ja syön hyvin` keep `syön`; `geen tijd en zin` loses `zin`); word order
//! beyond the rules above is not analysed; a demonstrative `dat`/`die` after a verb
//! (`ik vind die baan niet leuk`) starts a clause; sentence adverbs and question forms are
//! not told apart from negation; polarity is not computed.

use crate::lang::Lang;
use crate::tokenise::{Token, TokenKind, Tokens};
use std::sync::LazyLock;

/// A negation cue: the byte range, in the normalised text, of the word (or, for the
/// abessive, the case ending) that negates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cue {
    /// Byte offset of the first byte of the cue.
    pub start: usize,
    /// Byte offset after the last byte of the cue.
    pub end: usize,
    /// What sort of cue this is.
    pub kind: CueKind,
}

/// What sort of negation cue a [`Cue`] is, which also says how far its scope reaches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CueKind {
    /// A negative word whose scope runs to the end of its clause (Finnish `ei`, `en`,
    /// `ettei`, `älä`; Dutch `geen`, `noch`, and `niet` and its kin in a subordinate
    /// clause).
    Forward,
    /// Dutch `niet`, `nooit`, `niemand`, ... in a main clause: the scope is the whole
    /// clause, before and after the cue.
    Clause,
    /// `ilman`, `zonder`: the scope is the following phrase.
    Without,
    /// The Finnish abessive ending `-tta`/`-ttä`: the scope is the word it ends.
    Abessive,
}

/// A cue and the byte range of the normalised text it negates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Scope {
    /// The cue.
    pub cue: Cue,
    /// Byte offset where the scope starts.
    pub start: usize,
    /// Byte offset after the end of the scope (`start` when the cue negates nothing, as
    /// a cue at the end of its clause).
    pub end: usize,
}

/// The negation scopes of one text: filled by [`Scopes::scan_into`], queried with
/// [`Scopes::negating`]. Reuse one value across texts to avoid allocating.
#[derive(Debug, Clone, Default)]
pub struct Scopes {
    /// Scopes, sorted by start after a scan.
    scopes: Vec<Scope>,
    /// The longest scope in bytes: bounds the backward search of a query.
    max_len: usize,
}

/// Scans normalised `text` with its `tokens` (from [`crate::tokenise::tokenise`]) for
/// negation in `lang`.
pub fn scopes(lang: Lang, text: &str, tokens: &Tokens) -> Scopes {
    let mut out = Scopes::default();
    out.scan_into(lang, text, &tokens.tokens);
    out
}

/// Marks an open scope: its end is not known yet.
const OPEN: usize = usize::MAX;

/// What a word does in the scan.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    /// Nothing.
    None,
    /// Starts a clause (a conjunction), main clause order.
    Main,
    /// Starts a verb-final subordinate clause.
    Sub,
    /// A negative word with its scope to the clause end.
    Forward,
    /// A negative conjunction: starts a clause, and negates to its end.
    SubForward,
    /// A Dutch `niet`-like word.
    Clause,
    /// `ilman`, `zonder`.
    Without,
    /// Starts a clause only after a comma (Finnish pronouns, `ja`, ...).
    AfterComma,
}

impl Scopes {
    /// An empty set of scopes.
    pub fn new() -> Scopes {
        Scopes::default()
    }

    /// Removes every scope, keeping the buffer.
    pub fn clear(&mut self) {
        self.scopes.clear();
        self.max_len = 0;
    }

    /// Every scope found, sorted by start (cues of the abessive and empty scopes included).
    pub fn scopes(&self) -> &[Scope] {
        &self.scopes
    }

    /// True when no cue was found.
    pub fn is_empty(&self) -> bool {
        self.scopes.is_empty()
    }

    /// The cue that negates the match `start..end` (byte offsets in the normalised text),
    /// or `None`. A match is negated when `start` lies inside a scope and the match does
    /// not contain that scope's cue (except for the abessive, whose cue is the ending of
    /// the word itself); of several such cues, the one nearest to `start`.
    pub fn negating(&self, start: usize, end: usize) -> Option<Cue> {
        // scopes starting at or before `start`; none longer than `max_len`
        let upto = self.scopes.partition_point(|s| s.start <= start);
        let mut best: Option<(usize, Cue)> = None;
        for s in self.scopes[..upto].iter().rev() {
            if s.start + self.max_len < start {
                break;
            }
            if start >= s.end {
                continue;
            }
            let cue = s.cue;
            let contains_cue = start <= cue.start && cue.end <= end;
            if contains_cue && cue.kind != CueKind::Abessive {
                continue;
            }
            let distance = start.abs_diff(cue.start);
            if best.is_none_or(|(d, _)| distance < d) {
                best = Some((distance, cue));
            }
        }
        best.map(|(_, cue)| cue)
    }

    /// True when the match `start..end` is negated (see [`Scopes::negating`]).
    pub fn is_negated(&self, start: usize, end: usize) -> bool {
        self.negating(start, end).is_some()
    }

    /// Replaces the scopes with those of normalised `text` in `lang`, from its `tokens`
    /// (all of a text's tokens, or the tokens of a stretch of it in one language). One
    /// pass over the tokens; no allocation once the buffer has grown to the number of
    /// cues.
    pub fn scan_into(&mut self, lang: Lang, text: &str, tokens: &[Token]) {
        self.clear();
        let bytes = text.as_bytes();
        let words: &Words = match lang {
            Lang::Fi => &FI,
            Lang::Nl => &NL,
        };
        let mut scan = Scan {
            out: self,
            open_from: 0,
            last_end: 0,
            phrase: None,
            sorted: true,
        };
        let mut clause_start = 0;
        let mut clause_sub = false;
        // a forward cue whose clause word (`ilman että`, `zonder dat`) must not end it
        let mut keep_next_clause_word = false;
        let word_of = |t: &Token| -> &[u8] {
            if t.kind == TokenKind::Word {
                &bytes[t.start as usize..t.end as usize]
            } else {
                b""
            }
        };

        for (i, t) in tokens.iter().enumerate() {
            let (s, e) = (t.start as usize, t.end as usize);
            let word = word_of(t);
            let role = words.role(word);
            let prev = i.checked_sub(1).map(|p| &tokens[p]);
            let same_sentence = prev.is_some_and(|p| p.sentence == t.sentence);
            // the common case, kept short: a word without a role after one space
            if role == Role::None
                && same_sentence
                && scan.phrase.is_none()
                && s > 0
                && bytes[s - 1] == b' '
                && prev.is_some_and(|p| p.end as usize + 1 == s)
            {
                if lang == Lang::Fi && maybe_abessive(word) {
                    scan.abessive(t, word);
                }
                continue;
            }
            if let Some(p) = prev {
                scan.last_end = p.end as usize;
            }
            let boundary = match prev {
                Some(p) if same_sentence => {
                    let gap = gap_boundary(bytes, p.end as usize, s, t.flags);
                    let comma_ends = match lang {
                        Lang::Nl => true,
                        Lang::Fi => role != Role::None || clause_sub,
                    };
                    let demonstrative = role == Role::Sub
                        && lang == Lang::Nl
                        && matches!(word, b"dat" | b"die" | b"wat")
                        && is_nl_preposition(word_of(p));
                    let clause_word = matches!(role, Role::Main | Role::Sub | Role::SubForward)
                        && !demonstrative
                        && !keep_next_clause_word;
                    gap == Gap::Strong || (gap == Gap::Comma && comma_ends) || clause_word
                }
                _ => true,
            };
            keep_next_clause_word = false;
            if boundary {
                scan.close_open();
                clause_start = s;
                clause_sub = match role {
                    // `dat`, `die`, `wat` opening a sentence are demonstratives or questions
                    Role::Sub => same_sentence || !matches!(word, b"dat" | b"die" | b"wat"),
                    Role::SubForward => true,
                    _ => false,
                };
            }
            scan.count_phrase(word, e);
            let cue = |kind| Cue {
                start: s,
                end: e,
                kind,
            };
            let next = tokens.get(i + 1).filter(|n| n.sentence == t.sentence);
            let is_cue = matches!(
                role,
                Role::Forward | Role::SubForward | Role::Clause | Role::Without
            ) && !not_a_cue(lang, word, next.map(word_of));
            match role {
                Role::Forward | Role::SubForward if is_cue => {
                    scan.push(cue(CueKind::Forward), e);
                }
                Role::Clause if is_cue && clause_sub => scan.push(cue(CueKind::Forward), e),
                Role::Clause if is_cue => scan.push(cue(CueKind::Clause), clause_start),
                Role::Without if is_cue && next.is_some() => {
                    let n = next.map_or(&b""[..], word_of);
                    if n == b"dat" || n == "että".as_bytes() {
                        keep_next_clause_word = true;
                    } else {
                        // an open phrase (`ilman palkkaa ilman lomaa`) ends before this cue
                        if let Some((k, _)) = scan.phrase.take() {
                            let open = &mut scan.out.scopes[k];
                            open.end = scan.last_end.max(open.start);
                        }
                        scan.phrase = Some((scan.out.scopes.len(), WITHOUT_WORDS));
                    }
                    scan.push(cue(CueKind::Without), e);
                }
                Role::None if lang == Lang::Fi => scan.abessive(t, word),
                _ => {}
            }
        }
        if let Some(last) = tokens.last() {
            scan.last_end = last.end as usize;
        }
        scan.close_open();
        if !scan.sorted {
            self.scopes.sort_by_key(|s| (s.start, s.cue.start));
        }
    }
}

/// The state of one scan.
struct Scan<'a> {
    out: &'a mut Scopes,
    /// Index of the first scope of the current clause.
    open_from: usize,
    /// End of the last token seen.
    last_end: usize,
    /// An open `ilman`/`zonder` scope: its index and how many words it may still take.
    phrase: Option<(usize, u8)>,
    /// Whether the scopes were pushed in order of their start.
    sorted: bool,
}

impl Scan<'_> {
    /// Opens a scope of `cue` starting at `start`.
    #[inline]
    fn push(&mut self, cue: Cue, start: usize) {
        self.push_closed(cue, start, OPEN);
    }

    #[inline]
    fn push_closed(&mut self, cue: Cue, start: usize, end: usize) {
        if self.out.scopes.last().is_some_and(|l| l.start > start) {
            self.sorted = false;
        }
        if end != OPEN {
            self.out.max_len = self.out.max_len.max(end - start);
        }
        self.out.scopes.push(Scope { cue, start, end });
    }

    /// Records the abessive `word`, token `t`, if it is one (not for names).
    #[inline]
    fn abessive(&mut self, t: &Token, word: &[u8]) {
        if t.flags & Token::NAME != 0 {
            return;
        }
        if let Some(ending) = abessive_ending(word) {
            let (s, e) = (t.start as usize, t.end as usize);
            let cue = Cue {
                start: e - ending,
                end: e,
                kind: CueKind::Abessive,
            };
            self.push_closed(cue, s, e);
        }
    }

    /// Closes the open scopes of the clause at the end of its last token.
    fn close_open(&mut self) {
        let end = self.last_end;
        for s in &mut self.out.scopes[self.open_from..] {
            if s.end == OPEN {
                s.end = end.max(s.start);
                self.out.max_len = self.out.max_len.max(s.end - s.start);
            }
        }
        self.open_from = self.out.scopes.len();
        self.phrase = None;
    }

    /// Counts `word` (ending at `end`) against an open `ilman`/`zonder` phrase.
    #[inline]
    fn count_phrase(&mut self, word: &[u8], end: usize) {
        let Some((index, left)) = self.phrase else {
            return;
        };
        let left = left - 1;
        let scope = &mut self.out.scopes[index];
        if left == 0 {
            scope.end = end;
            self.out.max_len = self.out.max_len.max(end - scope.start);
            self.phrase = None;
        } else if word == b"te" {
            // `zonder iets te zeggen`: the verb after `te` ends the phrase
            self.phrase = Some((index, 1));
        } else {
            self.phrase = Some((index, left));
        }
    }
}

/// How many words after `ilman`/`zonder` the scope takes at most.
const WITHOUT_WORDS: u8 = 3;

/// What punctuation between two tokens says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Gap {
    /// Nothing: spaces, or punctuation that does not end a clause.
    None,
    /// A comma.
    Comma,
    /// A clause boundary whatever follows.
    Strong,
}

/// The clause boundary, if any, in `bytes[from..to]`, the gap before a token with `flags`.
#[inline]
fn gap_boundary(bytes: &[u8], from: usize, to: usize, flags: u8) -> Gap {
    // most gaps are one space (compared by hand: a slice comparison calls `memcmp`)
    if to == from + 1 && bytes[from] == b' ' {
        return Gap::None;
    }
    let gap = &bytes[from..to];
    let mut found = Gap::None;
    for (k, &b) in gap.iter().enumerate() {
        match b {
            b';' | b':' | b'(' | b')' | b'[' | b']' | b'"' | b'\'' => return Gap::Strong,
            b',' => found = Gap::Comma,
            b'-' => {
                // a dash between spaces; not `koti- ja työasiat` nor `b to b -markkinointi`
                let before = k == 0 || gap[k - 1].is_ascii_whitespace() || gap[k - 1] == b'-';
                let after = gap
                    .get(k + 1)
                    .is_some_and(|&a| a.is_ascii_whitespace() || a == b'-');
                let open_head = k + 1 == gap.len() && flags & Token::OPEN_COMPOUND_HEAD != 0;
                if k > 0 && before && after && !open_head {
                    return Gap::Strong;
                }
            }
            _ => {}
        }
    }
    found
}

/// Finnish words with a role, by role.
const FI_WORDS: &[(Role, &[&str])] = &[
    (
        Role::Forward,
        &[
            "ei",
            "en",
            "et",
            "emme",
            "ette",
            "eivät",
            "eikä",
            "enkä",
            "etkä",
            "emmekä",
            "ettekä",
            "eivätkä",
            "eihän",
            "enhän",
            "ethän",
            "eipä",
            "enpä",
            "etpä",
            "emmä",
            "emmää",
            "emmie",
            "eikai",
            "älä",
            "älkää",
            "äläkä",
            "älkääkä",
            "älköön",
            "älkäämme",
        ],
    ),
    (
        Role::SubForward,
        &[
            "ettei",
            "etten",
            "ettet",
            "ettemme",
            "ettette",
            "etteivät",
            "jottei",
            "jotten",
            "jottet",
            "ellei",
            "ellen",
            "ellet",
            "ellemme",
            "ellette",
            "elleivät",
            "jollei",
            "jollen",
            "vaikkei",
            "vaikken",
            "vaikket",
            "muttei",
            "mutten",
        ],
    ),
    (Role::Without, &["ilman"]),
    (Role::Main, &["mutta", "vaan", "sillä", "joten"]),
    (
        Role::Sub,
        &["koska", "että", "jotta", "vaikka", "kunnes", "jos", "kun"],
    ),
    (
        Role::AfterComma,
        &[
            "ja", "tai", "sekä", "kuin", "joka", "jonka", "jota", "jossa", "josta", "johon",
            "jolla", "jolle", "jolta", "jona", "joksi", "jotka", "joiden", "joita", "joissa",
            "joista", "joihin", "joilla", "mikä", "minkä", "mitä", "missä", "mistä", "mihin",
            "millä", "mille", "miltä", "mitkä", "miksi", "miten", "kuinka", "minä", "mä", "mie",
            "sinä", "sä", "hän", "se", "me", "te", "he", "ne", "tämä", "tää", "tuo", "toi",
            "kyllä",
        ],
    ),
];

/// Dutch words with a role, by role.
const NL_WORDS: &[(Role, &[&str])] = &[
    (
        Role::Clause,
        &[
            "niet",
            "nooit",
            "niemand",
            "niets",
            "niks",
            "nergens",
            "nimmer",
            "allerminst",
            "geenszins",
        ],
    ),
    (Role::Forward, &["geen", "noch"]),
    (Role::Without, &["zonder"]),
    (Role::Main, &["en", "maar", "want", "dus", "of"]),
    (
        Role::Sub,
        &[
            "omdat",
            "dat",
            "als",
            "wanneer",
            "terwijl",
            "hoewel",
            "die",
            "wat",
            "doordat",
            "zodat",
            "nadat",
            "voordat",
            "totdat",
            "tenzij",
            "zodra",
            "aangezien",
            "ofschoon",
        ],
    ),
];

/// The words of one language with a role, in an open-addressing table indexed by a cheap
/// hash: one byte per slot, so the table stays in the L1 cache, and most words cost one
/// probe and no string comparison.
struct Words {
    /// Per slot, 0 for empty or 1 + the index of a word in `words`.
    slots: [u8; SLOTS],
    words: Vec<(&'static str, Role)>,
}

/// Slots in a [`Words`] table (a power of two, several times the number of words).
const SLOTS: usize = 4096;

/// A cheap hash of a word of at least two bytes, in `0..SLOTS`.
#[inline]
fn slot(b: &[u8]) -> usize {
    let h = u32::from(b[0])
        .wrapping_mul(0x9E37)
        .wrapping_add(u32::from(b[1]).wrapping_mul(0x85EB))
        .wrapping_add(u32::from(b[b.len() - 1]).wrapping_mul(0xC2B3))
        .wrapping_add(b.len() as u32 * 0x27D5);
    (h ^ (h >> 11)) as usize & (SLOTS - 1)
}

impl Words {
    fn new(list: &[(Role, &[&'static str])]) -> Words {
        let mut table = Words {
            slots: [0; SLOTS],
            words: Vec::new(),
        };
        for &(role, list) in list {
            for &w in list {
                assert!(w.len() >= 2, "{w}: at least 2 bytes");
                let mut k = slot(w.as_bytes());
                while table.slots[k] != 0 {
                    assert_ne!(table.words[table.slots[k] as usize - 1].0, w, "{w} twice");
                    k = (k + 1) & (SLOTS - 1);
                }
                table.words.push((w, role));
                table.slots[k] = u8::try_from(table.words.len()).expect("at most 255 words");
            }
        }
        table
    }

    /// The role of a (normalised) word.
    #[inline]
    fn role(&self, word: &[u8]) -> Role {
        let b = word;
        if b.len() < 2 {
            return Role::None;
        }
        let mut k = slot(b);
        loop {
            let i = self.slots[k];
            if i == 0 {
                return Role::None;
            }
            let (w, role) = self.words[i as usize - 1];
            if w.as_bytes() == word {
                return role;
            }
            k = (k + 1) & (SLOTS - 1);
        }
    }
}

static FI: LazyLock<Words> = LazyLock::new(|| Words::new(FI_WORDS));
static NL: LazyLock<Words> = LazyLock::new(|| Words::new(NL_WORDS));

/// Dutch prepositions after which `dat`, `die`, `wat` are demonstratives.
fn is_nl_preposition(word: &[u8]) -> bool {
    matches!(
        word,
        b"met"
            | b"van"
            | b"in"
            | b"op"
            | b"voor"
            | b"aan"
            | b"bij"
            | b"over"
            | b"uit"
            | b"naar"
            | b"door"
            | b"om"
            | b"tot"
            | b"zonder"
            | b"na"
            | b"onder"
            | b"tegen"
            | b"achter"
            | b"tussen"
            | b"vanwege"
    )
}

/// True when the cue `word`, followed by the token `next`, is not a negation after all
/// (`niet alleen`, `ilman muuta`, `zonder meer`, `ei ainoastaan`, `ilman laatu`).
fn not_a_cue(lang: Lang, word: &[u8], next: Option<&[u8]>) -> bool {
    // token slices of a `str`, so valid UTF-8; this runs for cue words only
    let (Ok(word), Some(Ok(n))) = (std::str::from_utf8(word), next.map(std::str::from_utf8)) else {
        return false;
    };
    match (lang, word) {
        (Lang::Nl, "niet") => matches!(n, "alleen" | "enkel" | "slechts"),
        (Lang::Nl, "zonder") => n == "meer",
        (Lang::Fi, "ei") => {
            matches!(n, "ainoastaan" | "pelkästään" | "yksinomaan")
        }
        (Lang::Fi, "ilman") => {
            const AIR: [&str; 12] = [
                "laat", "laad", "lämpöt", "kostea", "kosteu", "saast", "paine", "happi", "virta",
                "virra", "puhdist", "raikk",
            ];
            n == "muuta" || AIR.iter().any(|a| n.starts_with(a))
        }
        _ => false,
    }
}

/// Finnish words that end like an abessive and are not (`tuhatta`, `kolmatta`, `vuotta`):
/// the word ends with one of these.
const NOT_ABESSIVE: [&str; 11] = [
    "kevättä",
    "tuhatta",
    "kolmatta",
    "neljättä",
    "seitsemättä",
    "kahdeksatta",
    "yhdeksättä",
    "sadatta",
    "viittä",
    "vuotta",
    "nuotta",
];

/// Possessive suffixes after an abessive `-matta`/`-mättä` (`tietämättään`).
const POSSESSIVES: [&str; 8] = ["ni", "si", "an", "än", "mme", "nne", "nsa", "nsä"];

/// A quick test that lets most words skip [`abessive_ending`]: a `t` where the `tt` of an
/// abessive ending would stand.
#[inline(always)]
fn maybe_abessive(w: &[u8]) -> bool {
    let n = w.len();
    n >= 6 && (w[n - 2] == b't' || w[n - 3] == b't' || (n >= 8 && w[n - 8..n - 4].contains(&b't')))
}

/// If the Finnish `word` is an abessive, the length in bytes of its ending (the cue).
#[inline]
fn abessive_ending(word: &[u8]) -> Option<usize> {
    // at least six letters: `ä` is two bytes, so at least six bytes and usually more
    if word.len() < 6 {
        return None;
    }
    // by hand, not with `ends_with`, which calls `memcmp`
    let is_tta = |w: &[u8]| {
        let n = w.len();
        (w[n - 1] == b'a' && w[n - 2] == b't' && w[n - 3] == b't')
            || (w[n - 1] == 0xA4 && w[n - 2] == 0xC3 && w[n - 3] == b't' && w[n - 4] == b't')
    };
    let (base, suffix) = match *word.last()? {
        b'a' | 0xA4 if is_tta(word) => (word, 0),
        // `tietämättään`, `huomaamattani`: only the infinitive takes a possessive here
        b'a' | 0xA4 | b'n' | b'i' | b'e' => {
            // the `tt` of the ending stands 5 to 9 bytes from the end
            let window = &word[word.len().saturating_sub(9)..word.len() - 3];
            if !window.windows(2).any(|w| w[0] == b't' && w[1] == b't') {
                return None;
            }
            let p = POSSESSIVES.iter().find(|p| word.ends_with(p.as_bytes()))?;
            let base = &word[..word.len() - p.len()];
            if !(base.ends_with(b"matta") || base.ends_with("mättä".as_bytes())) {
                return None;
            }
            (base, p.len())
        }
        _ => return None,
    };
    let vowel_len = if base.ends_with(b"a") { 1 } else { 2 };
    let ending = 2 + vowel_len; // `tt` + the vowel
    let stem = &base[..base.len() - ending];
    if std::str::from_utf8(word).map_or(0, |w| w.chars().count()) < 6 {
        return None;
    }
    if NOT_ABESSIVE.iter().any(|x| base.ends_with(x.as_bytes())) {
        return None;
    }
    let abessive = if stem.ends_with(b"a")
        || stem.ends_with("ä".as_bytes())
        || stem.ends_with(b"i")
        || stem.ends_with(b"o")
        || stem.ends_with("ö".as_bytes())
    {
        true
    } else if stem.ends_with(b"e") {
        stem.ends_with(b"ee") || stem.ends_with(b"kse")
    } else {
        base == "syyttä".as_bytes()
    };
    abessive.then_some(ending + suffix)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokenise::tokenise;

    fn negated(lang: Lang, text: &str, target: &str) -> Option<String> {
        let tokens = tokenise(text);
        let s = text.find(target).expect("target in text");
        scopes(lang, text, &tokens)
            .negating(s, s + target.len())
            .map(|c| text[c.start..c.end].to_string())
    }

    #[test]
    fn abessive_endings() {
        for (w, ending) in [
            ("palkatta", Some("tta")),
            ("korvauksetta", Some("tta")),
            ("ongelmitta", Some("tta")),
            ("huoneetta", Some("tta")),
            ("tietämättään", Some("ttään")),
            ("huomaamattani", Some("ttani")),
            ("työttä", Some("ttä")),
            ("syyttä", Some("ttä")),
            ("vaatetta", None),
            ("perhettä", None),
            ("vuotta", None),
            ("kaksivuotta", None),
            ("rakkautta", None),
            ("tuhatta", None),
            ("kolmatta", None),
            ("etta", None),
            ("mitta", None),
            ("kättä", None),
            ("tuntia", None),
            ("kirjoittaan", None),
        ] {
            let got = abessive_ending(w.as_bytes()).map(|n| &w[w.len() - n..]);
            assert_eq!(got, ending, "{w}");
        }
    }

    #[test]
    fn every_listed_word_passes_the_filter() {
        for (words, list) in [(&*FI, FI_WORDS), (&*NL, NL_WORDS)] {
            for &(role, list) in list {
                for w in list {
                    assert_eq!(words.role(w.as_bytes()), role, "{w}");
                }
            }
            for w in [
                "",
                "a",
                "talo",
                "huis",
                "eikö",
                "nee",
                "keskustelupalstalla",
            ] {
                assert_eq!(words.role(w.as_bytes()), Role::None, "{w}");
            }
        }
    }

    #[test]
    fn cue_inside_a_match_does_not_negate_it() {
        let text = "minulla ei ole aikaa.";
        let tokens = tokenise(text);
        let sc = scopes(Lang::Fi, text, &tokens);
        let s = text.find("ei").unwrap();
        assert_eq!(sc.negating(s, s + "ei ole".len()), None);
        let a = text.find("aikaa").unwrap();
        assert_eq!(
            sc.negating(a, a + 5),
            Some(Cue {
                start: s,
                end: s + 2,
                kind: CueKind::Forward
            })
        );
    }

    #[test]
    fn nearest_cue_wins() {
        assert_eq!(
            negated(Lang::Fi, "ei ole totta, ettei kukaan auta.", "auta").as_deref(),
            Some("ettei")
        );
        assert_eq!(
            negated(Lang::Nl, "niemand heeft geen tijd gehad.", "tijd").as_deref(),
            Some("geen")
        );
    }

    #[test]
    fn a_without_phrase_ends_at_the_next_without() {
        let text = "tein sen ilman palkkaa ilman lomaa koko kesän töissä.";
        let tokens = tokenise(text);
        let sc = scopes(Lang::Fi, text, &tokens);
        let [a, b] = sc.scopes() else {
            panic!("{:?}", sc.scopes())
        };
        assert_eq!(&text[a.start..a.end], " palkkaa");
        assert_eq!(&text[b.start..b.end], " lomaa koko kesän");
        assert_eq!(negated(Lang::Fi, text, "töissä"), None);
    }

    #[test]
    fn buffer_is_reused() {
        let text = "ik heb geen tijd. het werk is niet leuk, maar goed.";
        let tokens = tokenise(text);
        let mut sc = Scopes::new();
        sc.scan_into(Lang::Nl, text, &tokens.tokens);
        let first = sc.scopes().to_vec();
        let cap = sc.scopes.capacity();
        sc.scan_into(Lang::Nl, text, &tokens.tokens);
        assert_eq!(sc.scopes(), &first[..]);
        assert_eq!(sc.scopes.capacity(), cap);
        assert_eq!(first.len(), 2);
        sc.clear();
        assert!(sc.is_empty());
    }

    #[test]
    fn scopes_are_sorted_and_bounded() {
        let text = "het werk is niet leuk en de baas is nooit blij, geen idee waarom.";
        let tokens = tokenise(text);
        let sc = scopes(Lang::Nl, text, &tokens);
        assert!(sc.scopes().windows(2).all(|w| w[0].start <= w[1].start));
        assert!(
            sc.scopes()
                .iter()
                .all(|s| s.end <= text.len() && s.start <= s.end)
        );
        // `werk` precedes `niet` in its main clause; `baas` is in the next clause
        assert!(sc.is_negated(text.find("werk").unwrap(), text.find("werk").unwrap() + 4));
        let b = text.find("baas").unwrap();
        assert_eq!(
            sc.negating(b, b + 4).map(|c| &text[c.start..c.end]),
            Some("nooit")
        );
        let w = text.find("waarom").unwrap();
        assert_eq!(
            sc.negating(w, w + 6).map(|c| &text[c.start..c.end]),
            Some("geen")
        );
    }
}
