//! From the tree to blocks, main content, comment and post units, and segments.

use super::dom::{Dom, NONE, f, t};
use super::entity::Piece;
use super::{HtmlOptions, SegmentKind};

/// A line or paragraph of visible text.
#[derive(Debug, Clone)]
pub(crate) struct Block {
    /// Range in `Blocks::buf`.
    pub t0: usize,
    pub t1: usize,
    /// Range in `Blocks::pieces`.
    pub p0: usize,
    pub p1: usize,
    /// Nearest block-level element.
    pub owner: u32,
    /// Bytes of text inside links.
    pub link_len: usize,
    /// 1: line break before, 2: paragraph break before.
    pub sep: u8,
    /// Nearest enclosing `blockquote`, or `NONE`.
    pub quote: u32,
    /// Inside a heading.
    pub heading: bool,
}

/// The visible text of a page as blocks, before classification.
#[derive(Debug, Default)]
pub(crate) struct Blocks {
    pub buf: String,
    pub pieces: Vec<Piece>,
    pub blocks: Vec<Block>,
}

const CHROME_ROLES: &[&str] = &[
    "navigation",
    "banner",
    "contentinfo",
    "complementary",
    "search",
    "menu",
    "menubar",
    "dialog",
    "alert",
    "toolbar",
];

/// Collects blocks of visible text in document order.
pub(crate) fn blocks(dom: &Dom) -> Blocks {
    let mut out = Blocks::default();
    out.buf.reserve(dom.buf.len());
    struct W<'a> {
        dom: &'a Dom,
        out: Blocks,
        pending: u8,
        open: bool,
        brs: u8,
    }
    impl W<'_> {
        fn close(&mut self) {
            if !self.open {
                return;
            }
            self.open = false;
            // trim a trailing space
            let b = self.out.blocks.last_mut().unwrap();
            if self.out.buf.ends_with(' ') && b.t1 > b.t0 {
                self.out.buf.pop();
                b.t1 -= 1;
                let end = b.t1;
                while b.p1 > b.p0 {
                    let p = &mut self.out.pieces[b.p1 - 1];
                    if p.t >= end {
                        self.out.pieces.pop();
                        b.p1 -= 1;
                    } else {
                        if p.t + p.t_len > end {
                            p.t_len = end - p.t;
                            if p.exact {
                                p.s_len = p.t_len;
                            }
                        }
                        break;
                    }
                }
            }
            if b.t1 == b.t0 {
                self.out.blocks.pop();
            }
        }
        fn brk(&mut self, n: u8) {
            self.close();
            self.pending = self.pending.max(n);
        }
        fn text(&mut self, id: u32, owner: u32, in_link: bool, quote: u32, heading: bool) {
            let n = &self.dom.nodes[id as usize];
            let mut s = n.a as usize;
            let e = n.b as usize;
            let at_start = !self.open || self.out.buf.ends_with(' ');
            if at_start && self.dom.buf.as_bytes().get(s) == Some(&b' ') {
                s += 1;
            }
            if s >= e {
                return;
            }
            if !self.open {
                let t0 = self.out.buf.len();
                self.out.blocks.push(Block {
                    t0,
                    t1: t0,
                    p0: self.out.pieces.len(),
                    p1: self.out.pieces.len(),
                    owner,
                    link_len: 0,
                    sep: self.pending.max(1),
                    quote,
                    heading,
                });
                self.open = true;
                self.pending = 0;
            }
            self.brs = 0;
            let base = self.out.buf.len();
            self.out.buf.push_str(&self.dom.buf[s..e]);
            for p in &self.dom.pieces[n.pa as usize..n.pb as usize] {
                let (ps, pe) = (p.t, p.t + p.t_len);
                if pe <= s {
                    continue;
                }
                let mut q = *p;
                if ps < s {
                    // only the leading space of a collapsed-whitespace piece or exact run
                    let cut = s - ps;
                    q.t += cut;
                    q.t_len -= cut;
                    if q.exact {
                        q.s += cut;
                        q.s_len -= cut;
                    }
                }
                q.t = q.t - s + base;
                self.out.pieces.push(q);
            }
            let b = self.out.blocks.last_mut().unwrap();
            b.t1 = self.out.buf.len();
            b.p1 = self.out.pieces.len();
            if in_link {
                b.link_len += e - s;
            }
        }
    }
    let mut w = W {
        dom,
        out,
        pending: 0,
        open: false,
        brs: 0,
    };
    // Iterative walk: (node, context, entering)
    #[derive(Clone, Copy)]
    struct Ctx {
        owner: u32,
        link: bool,
        quote: u32,
        heading: bool,
    }
    let mut stack: Vec<(u32, Ctx, bool)> = vec![(
        0,
        Ctx {
            owner: 0,
            link: false,
            quote: NONE,
            heading: false,
        },
        true,
    )];
    while let Some((id, ctx, entering)) = stack.pop() {
        if dom.is_text(id) {
            w.text(id, ctx.owner, ctx.link, ctx.quote, ctx.heading);
            continue;
        }
        let fl = dom.flags(id);
        if !entering {
            if fl & f::BLOCK != 0 {
                w.brk(if fl & f::PARA != 0 { 2 } else { 1 });
            }
            continue;
        }
        if id != 0 && (fl & f::SKIP != 0 || dom.attrs(id).hidden) {
            continue;
        }
        let tag = dom.tag(id);
        if tag == t::BR {
            if !w.open && w.brs > 0 {
                w.pending = 2;
            }
            w.brk(1);
            w.brs += 1;
            continue;
        }
        let mut c = ctx;
        if fl & f::BLOCK != 0 {
            w.brk(if fl & f::PARA != 0 { 2 } else { 1 });
            c.owner = id;
        }
        if tag == t::A {
            c.link = true;
        }
        if tag == t::BLOCKQUOTE || is_quote_class(&dom.attrs(id).class_id) {
            c.quote = id;
        }
        if fl & f::HEADING != 0 {
            c.heading = true;
        }
        stack.push((id, ctx, false));
        // push children in reverse
        let start = stack.len();
        for ch in dom.children(id) {
            stack.push((ch, c, true));
        }
        stack[start..].reverse();
    }
    w.close();
    w.out
}

/// Whether a class or id token satisfies `pred`. BEM (`block__element`) and generated
/// CSS-in-JS names (`Block__Part-sc-1x2y`) are also tried by their block name.
fn has_token(class_id: &str, pred: impl Fn(&str) -> bool) -> bool {
    class_id.split([' ', '\t', '\n']).any(|tok| {
        !tok.is_empty()
            && (pred(tok) || {
                let block = tok.split("__").next().unwrap_or(tok);
                let block = block.split("-sc-").next().unwrap_or(block);
                block.len() != tok.len() && !block.is_empty() && pred(block)
            })
    })
}

const NEGATIVE: &[&str] = &[
    "-ad-",
    "banner",
    "combx",
    "comment",
    "com-",
    "contact",
    "footer",
    "gdpr",
    "masthead",
    "media",
    "meta",
    "outbrain",
    "promo",
    "related",
    "scroll",
    "share",
    "shoutbox",
    "sidebar",
    "skyscraper",
    "sponsor",
    "shopping",
    "tags",
    "widget",
    "social",
    "byline",
    "author",
    "newsletter",
    "subscribe",
    "caption",
    "breadcrumb",
    "nav",
    "menu",
    "popup",
    "cookie",
    "signup",
    "recommend",
    "teaser",
    "sharing",
    "toolbar",
    "advert",
    "disclaimer",
];
const POSITIVE: &[&str] = &[
    "article", "body", "content", "entry", "hentry", "h-entry", "main", "page", "post", "text",
    "blog", "story",
];

/// Like [`has_token`] for post and comment containers: a BEM part names the container
/// only when it is its wrapper (`CommentItem__Wrapper`), not a piece of it
/// (`comment__header`).
fn has_unit_token(class_id: &str, pred: impl Fn(&str) -> bool) -> bool {
    class_id.split([' ', '\t', '\n']).any(|tok| {
        if tok.is_empty() {
            return false;
        }
        let Some((block, part)) = tok.split_once("__").or_else(|| tok.split_once("-sc-")) else {
            return pred(tok);
        };
        let block = block.split("-sc-").next().unwrap_or(block);
        ["wrapper", "container", "item", "root", "article", "sc-"]
            .iter()
            .any(|w| part.starts_with(w) || part.contains(w))
            && !block.is_empty()
            && pred(block)
    })
}

/// Readability's class weight: -25 for a boilerplate-like class or id, +25 for a
/// content-like one.
pub(crate) fn class_weight(a: &super::dom::Attrs) -> f32 {
    let s = a.class_id.as_str();
    if s.is_empty() {
        return 0.0;
    }
    let mut w = 0.0;
    if NEGATIVE.iter().any(|n| s.contains(n)) {
        w -= 25.0;
    }
    if POSITIVE.iter().any(|p| s.contains(p)) {
        w += 25.0;
    }
    if a.itemprop.contains("articlebody") {
        w += 50.0;
    }
    w
}

fn is_comment_unit(a: &super::dom::Attrs) -> bool {
    if a.itemtype.contains("schema.org/comment") {
        return true;
    }
    has_unit_token(&a.class_id, |tok| {
        matches!(
            tok,
            "comment"
                | "comment-item"
                | "commentitem"
                | "comment-block"
                | "reply"
                | "reactie"
                | "kommentti"
                | "vastaus"
                | "answer"
                | "comment-thread-item"
                | "js-comment"
        ) || [
            "commentwrap",
            "comment-wrap",
            "commentitem",
            "commentbox",
            "comment-box",
            "commentcontainer",
        ]
        .iter()
        .any(|x| tok.ends_with(x))
            || (tok.starts_with("comment") && tok.ends_with("item"))
            || (tok.starts_with("comment-")
                && tok[8..].bytes().all(|b| b.is_ascii_digit())
                && tok.len() > 8)
    })
}

/// Quotation containers of boards that do not use `blockquote`.
fn is_quote_class(class_id: &str) -> bool {
    !class_id.is_empty()
        && has_unit_token(class_id, |tok| {
            matches!(
                tok,
                "quote"
                    | "bbcode_quote"
                    | "bbcode-quote"
                    | "quotecontent"
                    | "quote-content"
                    | "quotebox"
                    | "quote-box"
                    | "lainaus"
                    | "citaat"
                    | "bbquote"
            )
        })
}

fn is_post_unit(a: &super::dom::Attrs) -> bool {
    if a.itemtype.contains("discussionforumposting") || a.itemtype.contains("socialmediaposting") {
        return true;
    }
    has_unit_token(&a.class_id, |tok| {
        matches!(
            tok,
            "post"
                | "topic-post"
                | "postbit"
                | "postcontainer"
                | "forum-post"
                | "message"
                | "bericht"
                | "viesti"
                | "thread-post"
                | "crawler-post"
                | "postwrapper"
                | "post-container"
                | "forumpost"
        )
    })
}

/// Parts of a post or comment that are not its text: header, author line, date, actions.
fn is_unit_meta(a: &super::dom::Attrs, tag: u16) -> bool {
    if tag == t::TIME {
        return true;
    }
    has_token(&a.class_id, |tok| {
        [
            "heading",
            "author",
            "date",
            "header",
            "userinfo",
            "profile",
            "signature",
        ]
        .iter()
        .any(|x| tok.len() > x.len() && tok.ends_with(x))
    }) || has_token(&a.class_id, |tok| {
        const W: &[&str] = &[
            "header",
            "meta",
            "author",
            "user",
            "username",
            "date",
            "datetime",
            "time",
            "timestamp",
            "actions",
            "footer",
            "avatar",
            "vcard",
            "signature",
            "sig",
            "postprofile",
            "profile",
            "byline",
            "reply-link",
            "comment-reply-link",
            "permalink",
            "postinfo",
            "post-info",
            "info",
            "names",
            "poster",
            "buttons",
            "controls",
            "menu",
            "toolbar",
            "rating",
            "votes",
            "likes",
            "secondary-text",
            "comment-header",
            "comment-footer",
            "comment-meta",
            "commentmetadata",
            "comment-actions",
            "post-meta",
            "crawler-post-meta",
            "title",
            "postedby",
            "bbcode_postedby",
            "postfoot",
            "posthead",
            "post-footer",
            "post-header",
            "says",
            "fn",
            "nick",
            "nickname",
            "comment-author",
            "comment-timestamp",
            "published",
            "postauthor",
            "user-info",
            "userinfo",
            "message-user",
            "message-attribution",
            "creator",
        ];
        W.contains(&tok)
    })
}

fn is_author(a: &super::dom::Attrs, tag: u16) -> u8 {
    if a.itemprop == "author" || a.itemprop == "creator" {
        return 2;
    }

    if a.rel.contains("author") {
        return 2;
    }
    if tag == t::CITE {
        return 1;
    }
    if has_token(&a.class_id, |tok| {
        ["commentauthor", "postauthor", "username", "authorname"]
            .iter()
            .any(|x| tok.ends_with(x))
    }) {
        return 2;
    }
    if has_token(&a.class_id, |tok| {
        matches!(
            tok,
            "fn" | "username"
                | "user-name"
                | "nick"
                | "nickname"
                | "user"
                | "comment-author-name"
                | "author-name"
                | "poster"
                | "postauthor"
                | "creator"
                | "name"
        )
    }) {
        return 2;
    }
    if has_token(&a.class_id, |tok| {
        matches!(
            tok,
            "author"
                | "comment-author"
                | "post-author"
                | "postprofile"
                | "username-link"
                | "message-user"
        )
    }) {
        return 1;
    }
    0
}

fn is_date(a: &super::dom::Attrs, tag: u16) -> bool {
    tag == t::TIME
        || a.itemprop.starts_with("date")
        || has_token(&a.class_id, |tok| {
            tok.len() > 4 && (tok.ends_with("date") || tok.ends_with("timestamp"))
        })
        || has_token(&a.class_id, |tok| {
            matches!(
                tok,
                "date"
                    | "datetime"
                    | "timestamp"
                    | "published"
                    | "comment-date"
                    | "post-date"
                    | "entry-date"
                    | "postdate"
                    | "comment-timestamp"
                    | "time"
                    | "relative-date"
                    | "post-time"
                    | "time-ago"
                    | "timeago"
                    | "posted"
                    | "comment-time"
                    | "u-dt"
                    | "dt-published"
            )
        })
}

/// The classification of every block.
#[derive(Debug)]
pub(crate) struct Classified {
    pub kind: Vec<SegmentKind>,
    /// Author and date of the article (outside a thread), from its post container.
    pub post_meta: (Option<String>, Option<String>),
    /// The post or comment unit the block belongs to (`NONE` for none).
    pub unit: Vec<u32>,
    pub units: Vec<Unit>,
}

/// A post or comment with its author and date.
#[derive(Debug, Clone)]
pub(crate) struct Unit {
    pub node: u32,
    pub kind: SegmentKind,
    pub author: Option<String>,
    pub date: Option<String>,
}

fn subtree_text(dom: &Dom, id: u32, out: &mut String) {
    for c in dom.children(id) {
        if dom.is_text(c) {
            out.push_str(dom.text(c));
        } else if dom.flags(c) & f::SKIP == 0 && !dom.attrs(c).hidden {
            if dom.tag(c) == t::BR {
                out.push(' ');
            }
            subtree_text(dom, c, out);
        }
    }
}

fn clean_name(s: &str) -> Option<String> {
    let mut s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    for suffix in [
        ":",
        "...",
        "…",
        "said",
        "says",
        "wrote",
        "kirjoitti",
        "sanoi",
        "schreef",
        "zei",
        "zegt",
        "schrijft",
    ] {
        let t = s.trim_end();
        if let Some(x) = t.strip_suffix(suffix) {
            s = x.trim_end().to_string();
        }
    }
    let s = s.trim().trim_end_matches(':').trim().to_string();
    if s.is_empty() || s.len() > 80 {
        None
    } else {
        Some(s)
    }
}

/// Finds author and date inside `unit`, not descending into other units.
fn unit_meta(dom: &Dom, unit: u32, is_unit: &[bool]) -> (Option<String>, Option<String>) {
    let mut author: Option<(u8, String)> = None;
    let mut date: Option<(u8, String)> = None;
    let mut stack: Vec<u32> = dom.children(unit).collect();
    stack.reverse();
    while let Some(id) = stack.pop() {
        if dom.is_text(id) || is_unit[id as usize] {
            continue;
        }
        let a = dom.attrs(id);
        let tag = dom.tag(id);
        if dom.flags(id) & f::SKIP != 0 && tag != super::dom::t::TIME {
            continue;
        }
        let mut ar = is_author(a, tag);
        if a.itemprop == "name" {
            // the name of an author (`itemprop=author` > `itemprop=name`), not of the post
            let p = dom.parent(id);
            if p != NONE && matches!(dom.attrs(p).itemprop.as_str(), "author" | "creator") {
                ar = 3;
            }
        }
        if ar > 0 && author.as_ref().is_none_or(|(r, _)| ar > *r) {
            let mut s = String::new();
            subtree_text(dom, id, &mut s);
            if let Some(n) = clean_name(&s) {
                author = Some((ar, n));
            } else if !a.title.is_empty() {
                author = clean_name(&a.title).map(|n| (ar, n));
            }
        }
        if date.as_ref().is_none_or(|d| d.0 < 2) && is_date(a, tag) {
            if !a.datetime.is_empty() {
                date = Some((2, a.datetime.trim().to_string()));
            } else if a.title.len() >= 10 && a.title.bytes().filter(u8::is_ascii_digit).count() >= 6
            {
                // `<abbr class="published" title="2024-03-04T18:20:00+02:00">18.20</abbr>`
                date = Some((2, a.title.trim().to_string()));
            } else if date.is_none() {
                let mut s = String::new();
                subtree_text(dom, id, &mut s);
                let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
                if !s.is_empty() && s.len() < 80 && s.bytes().any(|b| b.is_ascii_digit()) {
                    date = Some((1, s));
                }
            }
        }
        let start = stack.len();
        stack.extend(dom.children(id));
        stack[start..].reverse();
    }
    (author.map(|x| x.1), date.map(|x| x.1))
}

/// Per element text and link lengths (bytes of block text in the subtree).
fn lengths(dom: &Dom, bl: &Blocks) -> (Vec<u32>, Vec<u32>) {
    let n = dom.nodes.len();
    let mut text_len = vec![0u32; n];
    let mut link_len = vec![0u32; n];
    for b in &bl.blocks {
        text_len[b.owner as usize] += (b.t1 - b.t0) as u32;
        link_len[b.owner as usize] += b.link_len as u32;
    }
    for id in (1..n).rev() {
        let p = dom.nodes[id].parent as usize;
        text_len[p] += text_len[id];
        link_len[p] += link_len[id];
    }
    (text_len, link_len)
}

/// Candidate post and comment containers, outermost post containers only, none inside a
/// comment.
fn find_units(dom: &Dom, text_len: &[u32]) -> Vec<(u32, SegmentKind)> {
    let n = dom.nodes.len();
    let mut inside = vec![0u8; n]; // 1: inside a comment, 2: inside a post
    let mut all = Vec::new();
    for id in 1..n {
        let p = dom.nodes[id].parent as usize;
        inside[id] = inside[p];
        if dom.is_text(id as u32) || text_len[id] == 0 {
            continue;
        }
        let a = dom.attrs(id as u32);
        if a.class_id.is_empty() && a.itemtype.is_empty() {
            continue;
        }
        if is_comment_unit(a) {
            all.push((id as u32, SegmentKind::Comment));
            inside[id] = 1;
        } else if inside[id] == 0 && is_post_unit(a) && text_len[id] >= 10 {
            all.push((id as u32, SegmentKind::Post));
            inside[id] = 2;
        }
    }
    all
}

/// Readability-style main content: which nodes belong to it.
fn main_content(
    dom: &Dom,
    bl: &Blocks,
    text_len: &[u32],
    link_len: &[u32],
    skip: &[bool],
    chrome: &[bool],
) -> (Vec<bool>, u32) {
    let n = dom.nodes.len();
    let mut content = vec![false; n];
    let mut score = vec![f32::NAN; n];
    let init = |id: usize, score: &mut Vec<f32>| {
        if score[id].is_nan() {
            let tag = dom.tag(id as u32);
            let base = match tag {
                t::DIV | t::ARTICLE | t::SECTION | t::MAIN => 5.0,
                t::PRE | t::TD | t::BLOCKQUOTE => 3.0,
                t::ADDRESS | t::OL | t::UL | t::DL | t::DD | t::DT | t::LI => -3.0,
                t::TH => -5.0,
                _ if dom.flags(id as u32) & f::HEADING != 0 => -5.0,
                _ => 0.0,
            };
            score[id] = base + class_weight(dom.attrs(id as u32));
        }
    };
    for b in &bl.blocks {
        if chrome[b.owner as usize] || skip[b.owner as usize] {
            continue;
        }
        let txt = &bl.buf[b.t0..b.t1];
        let len = txt.chars().count();
        if len < 25 {
            continue;
        }
        let commas = txt.matches([',', '，']).count();
        let s = 1.0 + commas as f32 + (len as f32 / 100.0).min(3.0);
        let ofl = dom.flags(b.owner);
        let para_like = matches!(
            dom.tag(b.owner),
            t::P | t::PRE | t::TD | t::LI | t::DD | t::DT | t::BLOCKQUOTE | t::FIGCAPTION
        ) || ofl & f::HEADING != 0;
        let mut e = if para_like {
            dom.parent(b.owner)
        } else {
            b.owner
        };
        let mut level = 0;
        while e != NONE && e != 0 && level < 5 {
            init(e as usize, &mut score);
            let div = match level {
                0 => 1.0,
                1 => 2.0,
                l => l as f32 * 3.0,
            };
            score[e as usize] += s / div;
            e = dom.parent(e);
            level += 1;
        }
    }
    let ld = |id: usize| -> f32 {
        if text_len[id] == 0 {
            0.0
        } else {
            link_len[id] as f32 / text_len[id] as f32
        }
    };
    let mut cands: Vec<(f32, u32)> = score
        .iter()
        .enumerate()
        .filter(|(_, s)| !s.is_nan())
        .map(|(i, &s)| (s * (1.0 - ld(i)), i as u32))
        .collect();
    cands.sort_by(|a, b| b.0.total_cmp(&a.0));
    let Some(&(top_score, mut top)) = cands.first() else {
        return (content, NONE);
    };
    // Readability: when several good candidates share an ancestor, take it.
    let alts: Vec<u32> = cands[1..cands.len().min(5)]
        .iter()
        .filter(|c| c.0 / top_score >= 0.75)
        .map(|c| c.1)
        .collect();
    let is_anc = |p: u32, mut x: u32| {
        while x != NONE && x != 0 {
            if x == p {
                return true;
            }
            x = dom.parent(x);
        }
        false
    };
    if alts.len() >= 3 {
        let mut p = dom.parent(top);
        while p != 0 && p != NONE {
            if alts.iter().filter(|&&a| is_anc(p, a)).count() >= 3 {
                top = p;
                break;
            }
            p = dom.parent(p);
        }
    }
    // Climb while the parent holds no more text.
    loop {
        let p = dom.parent(top);
        if p == 0 || p == NONE || text_len[p as usize] != text_len[top as usize] {
            break;
        }
        top = p;
    }
    let top_s = if score[top as usize].is_nan() {
        top_score
    } else {
        score[top as usize]
    };
    let threshold = (top_s * 0.2).max(10.0);
    let parent = dom.parent(top);
    let mut included: Vec<u32> = Vec::new();
    if parent != NONE {
        for s in dom.children(parent) {
            if s == top {
                included.push(s);
                continue;
            }
            if dom.is_text(s) || text_len[s as usize] == 0 || skip[s as usize] {
                continue;
            }
            let mut bonus = 0.0;
            if !dom.attrs(top).class_id.is_empty()
                && dom.attrs(s).class_id == dom.attrs(top).class_id
            {
                bonus = top_s * 0.2;
            }
            let ss = if score[s as usize].is_nan() {
                0.0
            } else {
                score[s as usize]
            };
            let mut ok = ss + bonus >= threshold;
            if !ok && dom.tag(s) == t::P {
                let l = text_len[s as usize];
                let d = ld(s as usize);
                if l > 80 && d < 0.25 {
                    ok = true;
                } else if l > 0 && l <= 80 && d == 0.0 {
                    let mut txt = String::new();
                    subtree_text(dom, s, &mut txt);
                    ok = txt.contains(". ") || txt.trim_end().ends_with('.');
                }
            }
            if ok {
                included.push(s);
            }
        }
    } else {
        included.push(top);
    }
    for &i in &included {
        content[i as usize] = true;
    }
    // Conditional cleaning inside the content.
    let mut removed = vec![false; n];
    for id in 1..n {
        let p = dom.nodes[id].parent as usize;
        if content[p] {
            content[id] = true;
        }
        if !content[id] || included.contains(&(id as u32)) || dom.is_text(id as u32) {
            continue;
        }
        if removed[p] {
            removed[id] = true;
            continue;
        }
        if !matches!(
            dom.tag(id as u32),
            t::DIV | t::SECTION | t::UL | t::OL | t::DL | t::TABLE | t::FIGURE | t::ARTICLE
        ) && dom.flags(id as u32) & f::CHROME == 0
        {
            continue;
        }
        let w = class_weight(dom.attrs(id as u32));
        let d = ld(id);
        let tl = text_len[id];
        if (w < 0.0 && tl < 2000) || (d > 0.5 && tl < 3000) || (w < 25.0 && d > 0.25 && tl < 1000) {
            removed[id] = true;
        }
    }
    for id in 1..n {
        if removed[id] {
            content[id] = false;
        }
    }
    (content, top)
}

/// Classifies blocks into post, comment, quote and boilerplate.
pub(crate) fn classify(dom: &Dom, bl: &Blocks, _opts: &HtmlOptions) -> Classified {
    let n = dom.nodes.len();
    let nb = bl.blocks.len();
    let (text_len, link_len) = lengths(dom, bl);
    // Page chrome: navigation, header, footer, sidebars, forms, and their ARIA roles; but not
    // a wrapper that holds most of the page (ASP.NET pages put the whole body in a form).
    let mut chrome = vec![false; n];
    for id in 1..n {
        let p = dom.nodes[id].parent as usize;
        chrome[id] = chrome[p]
            || (!dom.is_text(id as u32) && {
                let a = dom.attrs(id as u32);
                dom.tag(id as u32) != t::BLOCKQUOTE
                    && !is_quote_class(&a.class_id)
                    && (dom.flags(id as u32) & f::CHROME != 0
                        || (!a.role.is_empty() && CHROME_ROLES.contains(&a.role.as_str())))
                    && (text_len[id] as f32) < 0.5 * text_len[0] as f32
            });
    }
    let found = find_units(dom, &text_len);
    let mut is_unit = vec![false; n];
    for &(u, _) in &found {
        is_unit[u as usize] = true;
    }
    // Units whose own markup lacks the author grow to the largest ancestor holding no other
    // unit and little more text (Discourse-style: the meta beside the body).
    let mut count = vec![0u32; n];
    for &(u, _) in &found {
        count[u as usize] += 1;
    }
    for id in (1..n).rev() {
        let p = dom.nodes[id].parent as usize;
        count[p] += count[id];
    }
    let mut units: Vec<Unit> = Vec::new();
    for &(u, kind) in &found {
        let (mut author, mut date) = unit_meta(dom, u, &is_unit);
        let mut node = u;
        if author.is_none() {
            let mut e = u;
            for _ in 0..3 {
                let p = dom.parent(e);
                if p == 0
                    || p == NONE
                    || count[p as usize] != 1
                    || text_len[p as usize] > 2 * text_len[u as usize] + 300
                {
                    break;
                }
                e = p;
            }
            if e != u {
                is_unit[u as usize] = false;
                is_unit[e as usize] = true;
                let (a2, d2) = unit_meta(dom, e, &is_unit);
                if a2.is_some() {
                    node = e;
                    author = a2;
                    date = date.or(d2);
                } else {
                    is_unit[e as usize] = false;
                    is_unit[u as usize] = true;
                }
            }
        }
        units.push(Unit {
            node,
            kind,
            author,
            date,
        });
    }
    let mut unit_of_node = vec![NONE; n];
    let assign = |units: &[Unit], unit_of_node: &mut Vec<u32>| {
        unit_of_node.fill(NONE);
        for (i, un) in units.iter().enumerate() {
            unit_of_node[un.node as usize] = i as u32;
        }
        for id in 1..n {
            if unit_of_node[id] == NONE {
                let p = dom.nodes[id].parent as usize;
                unit_of_node[id] = unit_of_node[p];
            }
        }
    };
    assign(&units, &mut unit_of_node);
    // Header, author line, date and actions inside units.
    let mut meta = vec![false; n];
    for id in 1..n {
        let p = dom.nodes[id].parent as usize;
        meta[id] = (meta[p] && unit_of_node[p] == unit_of_node[id])
            || (unit_of_node[id] != NONE
                && !dom.is_text(id as u32)
                && !is_unit[id]
                && is_unit_meta(dom.attrs(id as u32), dom.tag(id as u32)));
    }
    // Body text and link bytes per unit.
    let mut body = vec![(0usize, 0usize); units.len()];
    for b in &bl.blocks {
        let u = unit_of_node[b.owner as usize];
        if u != NONE && !meta[b.owner as usize] && !chrome[b.owner as usize] {
            body[u as usize].0 += b.t1 - b.t0;
            body[u as usize].1 += b.link_len;
        }
    }
    // Main content, scored outside comments.
    let in_comment: Vec<bool> = (0..n)
        .map(|id| {
            let u = unit_of_node[id];
            u != NONE && units[u as usize].kind == SegmentKind::Comment
        })
        .collect();
    let (content, top) = main_content(dom, bl, &text_len, &link_len, &in_comment, &chrome);
    // A forum thread: at least two post containers with a writer and a body of their own
    // text (teasers of other articles are mostly links), and the main content is not one
    // post that dwarfs the others.
    let posts: Vec<usize> = (0..units.len())
        .filter(|&i| {
            units[i].kind == SegmentKind::Post
                && units[i].author.is_some()
                && body[i].0 > 0
                && (body[i].1 as f32) < 0.3 * body[i].0 as f32
        })
        .collect();
    let total: usize = posts.iter().map(|&i| body[i].0).sum();
    let top_unit = if top == NONE {
        NONE
    } else {
        unit_of_node[top as usize]
    };
    let dominated = top_unit != NONE
        && units[top_unit as usize].kind == SegmentKind::Post
        && body[top_unit as usize].0 as f32 >= 0.8 * total as f32;
    // Post containers beside the main content, not holding it (Disqus-style comments under a
    // blog article use `post` classes): comments.
    let holds = |anc: u32, mut x: u32| {
        while x != NONE {
            if x == anc {
                return true;
            }
            x = dom.parent(x);
        }
        false
    };
    let beside = top != NONE
        && top_unit == NONE
        && !posts.iter().any(|&i| holds(top, units[i].node))
        && text_len[top as usize] as usize >= 200;
    if posts.len() >= 2 && beside {
        for &i in &posts {
            units[i].kind = SegmentKind::Comment;
        }
    }
    let forum = posts.len() >= 2 && !dominated && !beside;
    // In a thread, every post with a writer counts, short link-heavy replies too.
    let posts: Vec<usize> = if forum {
        (0..units.len())
            .filter(|&i| {
                units[i].kind == SegmentKind::Post && units[i].author.is_some() && body[i].0 > 0
            })
            .collect()
    } else {
        posts
    };
    // The article's own author and date: its post container, else its `article` element.
    let mut post_meta = (None, None);
    if !forum && top != NONE {
        if top_unit != NONE && units[top_unit as usize].kind == SegmentKind::Post {
            let u = &units[top_unit as usize];
            post_meta = (u.author.clone(), u.date.clone());
        } else {
            let mut e = top;
            for _ in 0..4 {
                if e == NONE || e == 0 {
                    break;
                }
                if dom.tag(e) == t::ARTICLE {
                    post_meta = unit_meta(dom, e, &is_unit);
                    break;
                }
                e = dom.parent(e);
            }
        }
    }
    if forum {
        let mut first = true;
        for (i, un) in units.iter_mut().enumerate() {
            if un.kind == SegmentKind::Post {
                if !posts.contains(&i) {
                    continue;
                }
                if !first {
                    un.kind = SegmentKind::Comment;
                }
                first = false;
            }
        }
    }
    // Outside a thread, post containers are not units: the main content decides.
    let keep: Vec<bool> = units
        .iter()
        .enumerate()
        .map(|(i, u)| u.kind == SegmentKind::Comment || (forum && posts.contains(&i)))
        .collect();
    if keep.iter().any(|k| !k) {
        let mut remap = vec![NONE; units.len()];
        let mut kept = Vec::new();
        for (i, u) in units.into_iter().enumerate() {
            if keep[i] {
                remap[i] = kept.len() as u32;
                kept.push(u);
            } else {
                is_unit[u.node as usize] = false;
            }
        }
        units = kept;
        assign(&units, &mut unit_of_node);
        for id in 1..n {
            let p = dom.nodes[id].parent as usize;
            meta[id] = (meta[p] && unit_of_node[p] == unit_of_node[id])
                || (unit_of_node[id] != NONE
                    && !dom.is_text(id as u32)
                    && !is_unit[id]
                    && is_unit_meta(dom.attrs(id as u32), dom.tag(id as u32)));
        }
    }

    // The comments area (a container with a comment-like class that does not hold the
    // article): its headings, counters and "comments are closed" lines are not the article.
    let mut top_anc = vec![false; n];
    let mut e = top;
    while e != NONE {
        top_anc[e as usize] = true;
        e = dom.parent(e);
    }
    let mut comments_area = vec![false; n];
    for id in 1..n {
        let p = dom.nodes[id].parent as usize;
        comments_area[id] = comments_area[p]
            || (!top_anc[id]
                && !dom.is_text(id as u32)
                && has_token(&dom.attrs(id as u32).class_id, |tok| {
                    tok.contains("comment") || tok.contains("reactie") || tok.contains("kommentti")
                }));
    }
    let mut kind = vec![SegmentKind::Boilerplate; nb];
    let mut unit = vec![NONE; nb];
    for (i, b) in bl.blocks.iter().enumerate() {
        let o = b.owner as usize;
        let u = unit_of_node[o];
        let len = b.t1 - b.t0;
        let high_links = len > 0 && b.link_len * 2 > len;
        if dom.tag(b.owner) == t::CITE {
            continue; // the attribution line of a quotation
        }
        if u != NONE {
            unit[i] = u;
            if chrome[o] || meta[o] || high_links {
                continue;
            }
            // A blockquote that holds most of a post is its body (vBulletin), not a quotation.
            let q = b.quote;
            let body_quote = q != NONE
                && text_len[q as usize] as f32
                    >= 0.7 * text_len[units[u as usize].node as usize] as f32;
            kind[i] = if q != NONE
                && !body_quote
                && !is_unit[q as usize]
                && unit_of_node[q as usize] == u
            {
                SegmentKind::Quote
            } else {
                units[u as usize].kind
            };
            continue;
        }
        if forum || chrome[o] || !content[o] || high_links || comments_area[o] {
            continue;
        }
        if b.heading && dom.tag(b.owner) == t::H1 {
            continue;
        }
        kind[i] = if b.quote != NONE && content[b.quote as usize] {
            SegmentKind::Quote
        } else {
            SegmentKind::Post
        };
    }
    // A page where nothing was taken for author text, yet text stands outside chrome and
    // link lists, is a fragment or a bare page (a post body saved alone, a paragraph or
    // two): its plain text is the post. Without this, such a page counted no words at all.
    if !kind.iter().any(|k| *k != SegmentKind::Boilerplate) {
        for (i, b) in bl.blocks.iter().enumerate() {
            let o = b.owner as usize;
            let len = b.t1 - b.t0;
            let high_links = len > 0 && b.link_len * 2 > len;
            if !(chrome[o] || meta[o] || high_links || comments_area[o] || forum)
                && dom.tag(b.owner) != t::CITE
            {
                kind[i] = SegmentKind::Post;
            }
        }
    }
    // A quotation that is all the text of its post or comment is its text (vBulletin puts
    // post bodies in `blockquote`).
    let mut has_own = vec![false; units.len() + 1];
    for (i, k) in kind.iter().enumerate() {
        if matches!(k, SegmentKind::Post | SegmentKind::Comment) {
            let u = unit[i];
            has_own[if u == NONE { units.len() } else { u as usize }] = true;
        }
    }
    for (i, k) in kind.iter_mut().enumerate() {
        let u = unit[i];
        if *k == SegmentKind::Quote && !has_own[if u == NONE { units.len() } else { u as usize }] {
            *k = if u == NONE {
                SegmentKind::Post
            } else {
                units[u as usize].kind
            };
        }
    }
    Classified {
        kind,
        post_meta,
        unit,
        units,
    }
}
