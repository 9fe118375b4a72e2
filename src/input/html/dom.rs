//! A light document tree built from `html5gum` tokens, with the tag-soup repairs that
//! matter for text: implied end tags of `p`, `li`, `dt`/`dd`, table cells and headings,
//! void elements, and end tags that match nothing being ignored.

use super::entity::{Piece, push_text};
use html5gum::emitters::callback::{CallbackEmitter, CallbackEvent};
use html5gum::{Span, Tokenizer};

pub(crate) const NONE: u32 = u32::MAX;
/// Tag id of text nodes.
pub(crate) const TEXT: u16 = u16::MAX;

/// Properties of a tag.
pub(crate) mod f {
    pub const VOID: u16 = 1;
    /// Starts and ends a line.
    pub const BLOCK: u16 = 2;
    /// Starts and ends a paragraph (blank line).
    pub const PARA: u16 = 4;
    /// Never text: scripts, styles, widgets, embedded documents.
    pub const SKIP: u16 = 8;
    /// Page chrome: navigation, header, footer, sidebars, forms.
    pub const CHROME: u16 = 16;
    /// A start tag that closes an open `p`.
    pub const CLOSES_P: u16 = 32;
    /// Stops the search for an inline end tag.
    pub const SPECIAL: u16 = 64;
    /// Whitespace is kept as is.
    pub const PRE: u16 = 128;
    /// A heading.
    pub const HEADING: u16 = 256;
}

use f::*;

const B: u16 = BLOCK | SPECIAL;
const BP: u16 = BLOCK | SPECIAL | CLOSES_P;
const PP: u16 = BLOCK | PARA | SPECIAL | CLOSES_P;

/// Known tags and their properties; the index is the tag id.
pub(crate) const TAGS: &[(&str, u16)] = &[
    ("html", SPECIAL),
    ("head", SKIP | SPECIAL),
    ("body", SPECIAL),
    ("title", SKIP),
    ("meta", VOID | SKIP),
    ("link", VOID | SKIP),
    ("base", VOID | SKIP),
    ("script", SKIP),
    ("style", SKIP),
    ("template", SKIP | SPECIAL),
    ("noscript", SKIP),
    ("svg", SKIP),
    ("math", SKIP),
    ("iframe", SKIP),
    ("object", SKIP | SPECIAL),
    ("embed", SKIP | VOID),
    ("canvas", SKIP),
    ("video", SKIP),
    ("audio", SKIP),
    ("select", SKIP),
    ("option", SKIP),
    ("optgroup", SKIP),
    ("button", SKIP | SPECIAL),
    ("textarea", SKIP),
    ("input", SKIP | VOID),
    ("datalist", SKIP),
    ("dialog", SKIP | B),
    ("nav", CHROME | BP),
    ("header", CHROME | BP),
    ("footer", CHROME | BP),
    ("aside", CHROME | BP),
    ("form", CHROME | BP),
    ("menu", CHROME | BP),
    ("p", PP),
    ("h1", PP | HEADING),
    ("h2", PP | HEADING),
    ("h3", PP | HEADING),
    ("h4", PP | HEADING),
    ("h5", PP | HEADING),
    ("h6", PP | HEADING),
    ("blockquote", PP),
    ("pre", PP | PRE),
    ("ul", PP),
    ("ol", PP),
    ("dl", PP),
    ("table", PP),
    ("figure", PP),
    ("hr", PP | VOID),
    ("address", BP),
    ("article", BP),
    ("section", BP),
    ("main", BP),
    ("div", BP),
    ("li", BP),
    ("dt", BP),
    ("dd", BP),
    ("tr", B),
    ("td", B),
    ("th", B),
    ("caption", B),
    ("tbody", B),
    ("thead", B),
    ("tfoot", B),
    ("figcaption", BP),
    ("details", BP),
    ("summary", BP),
    ("center", BP),
    ("fieldset", BP),
    ("legend", B),
    ("br", VOID | BLOCK),
    ("img", VOID),
    ("wbr", VOID),
    ("area", VOID),
    ("col", VOID),
    ("source", VOID),
    ("track", VOID),
    ("param", VOID),
    ("keygen", VOID),
    ("a", 0),
    ("time", 0),
    ("cite", BLOCK),
    ("span", 0),
    ("font", 0),
    ("label", 0),
    ("q", 0),
    ("picture", 0),
];

/// Ids of tags the extractor refers to by name.
pub(crate) mod t {
    pub const HTML: u16 = 0;
    pub const BODY: u16 = 2;
    pub const P: u16 = 33;
    pub const H1: u16 = 34;
    pub const BLOCKQUOTE: u16 = 40;
    pub const UL: u16 = 42;
    pub const OL: u16 = 43;
    pub const DL: u16 = 44;
    pub const TABLE: u16 = 45;
    pub const ARTICLE: u16 = 49;
    pub const DIV: u16 = 52;
    pub const LI: u16 = 53;
    pub const DT: u16 = 54;
    pub const DD: u16 = 55;
    pub const TR: u16 = 56;
    pub const TD: u16 = 57;
    pub const TH: u16 = 58;
    pub const TBODY: u16 = 60;
    pub const THEAD: u16 = 61;
    pub const TFOOT: u16 = 62;
    pub const BR: u16 = 69;
    pub const A: u16 = 78;
    pub const TIME: u16 = 79;
    pub const CITE: u16 = 80;
    pub const OPTION: u16 = 20;
    pub const PRE: u16 = 41;
    pub const FIGCAPTION: u16 = 63;
    pub const FIGURE: u16 = 46;
    pub const ADDRESS: u16 = 48;
    pub const SECTION: u16 = 50;
    pub const MAIN: u16 = 51;
}

/// One node of the tree: an element or a text run.
#[derive(Debug, Clone)]
pub(crate) struct Node {
    pub tag: u16,
    pub parent: u32,
    pub first_child: u32,
    pub last_child: u32,
    pub next: u32,
    /// Element: index into `Dom::attrs`. Text: start in `Dom::buf`.
    pub a: u32,
    /// Text: end in `Dom::buf`.
    pub b: u32,
    /// Text: pieces range start / end in `Dom::pieces`.
    pub pa: u32,
    pub pb: u32,
}

/// The attributes the extractor reads.
#[derive(Debug, Clone, Default)]
pub(crate) struct Attrs {
    /// `class` and `id` values, lowercased, space separated.
    pub class_id: String,
    pub role: String,
    pub itemprop: String,
    pub datetime: String,
    pub rel: String,
    pub title: String,
    pub itemtype: String,
    pub hidden: bool,
}

/// The document tree. Node 0 is the document.
#[derive(Debug, Default)]
pub(crate) struct Dom {
    pub nodes: Vec<Node>,
    pub attrs: Vec<Attrs>,
    pub buf: String,
    pub pieces: Vec<Piece>,
    pub extra_tags: Vec<Box<[u8]>>,
}

impl Dom {
    pub fn flags(&self, id: u32) -> u16 {
        let tag = self.nodes[id as usize].tag;
        TAGS.get(tag as usize).map_or(0, |x| x.1)
    }
    pub fn tag(&self, id: u32) -> u16 {
        self.nodes[id as usize].tag
    }
    pub fn attrs(&self, id: u32) -> &Attrs {
        &self.attrs[self.nodes[id as usize].a as usize]
    }
    pub fn is_text(&self, id: u32) -> bool {
        self.nodes[id as usize].tag == TEXT
    }
    pub fn text(&self, id: u32) -> &str {
        let n = &self.nodes[id as usize];
        &self.buf[n.a as usize..n.b as usize]
    }
    pub fn children(&self, id: u32) -> Children<'_> {
        Children {
            dom: self,
            next: self.nodes[id as usize].first_child,
        }
    }
    pub fn parent(&self, id: u32) -> u32 {
        self.nodes[id as usize].parent
    }
}

/// Iterator over a node's children.
pub(crate) struct Children<'a> {
    dom: &'a Dom,
    next: u32,
}

impl Iterator for Children<'_> {
    type Item = u32;
    fn next(&mut self) -> Option<u32> {
        if self.next == NONE {
            return None;
        }
        let c = self.next;
        self.next = self.dom.nodes[c as usize].next;
        Some(c)
    }
}

fn tag_id(name: &[u8], extra: &mut Vec<Box<[u8]>>) -> u16 {
    static KNOWN: std::sync::OnceLock<rustc_hash::FxHashMap<&'static [u8], u16>> =
        std::sync::OnceLock::new();
    let known = KNOWN.get_or_init(|| {
        TAGS.iter()
            .enumerate()
            .map(|(i, (n, _))| (n.as_bytes(), i as u16))
            .collect()
    });
    if let Some(&i) = known.get(name) {
        return i;
    }
    if let Some(p) = extra.iter().position(|e| &**e == name) {
        return (TAGS.len() + p) as u16;
    }
    extra.push(name.into());
    (TAGS.len() + extra.len() - 1).min(TEXT as usize - 1) as u16
}

#[derive(Clone, Copy, PartialEq)]
enum Attr {
    None,
    Class,
    Id,
    Role,
    Itemprop,
    Datetime,
    Rel,
    Title,
    Itemtype,
    Hidden,
    AriaHidden,
    Style,
}

struct Builder<'s> {
    src: &'s str,
    dom: Dom,
    stack: Vec<u32>,
    cur_tag: u16,
    cur_attrs: Attrs,
    cur_attr: Attr,
    pre_depth: u32,
}

impl Builder<'_> {
    fn append(&mut self, node: Node) -> u32 {
        let id = self.dom.nodes.len() as u32;
        let parent = node.parent;
        self.dom.nodes.push(node);
        let p = &mut self.dom.nodes[parent as usize];
        if p.first_child == NONE {
            p.first_child = id;
        } else {
            let last = p.last_child;
            p.last_child = id;
            self.dom.nodes[last as usize].next = id;
            return id;
        }
        p.last_child = id;
        id
    }

    fn top(&self) -> u32 {
        *self.stack.last().unwrap_or(&0)
    }

    fn pop_to(&mut self, depth: usize) {
        while self.stack.len() > depth {
            let id = self.stack.pop().unwrap_or(0);
            if self.dom.flags(id) & PRE != 0 {
                self.pre_depth = self.pre_depth.saturating_sub(1);
            }
        }
    }

    /// Finds `tag` in the open stack, searching down until a tag in `stop`.
    fn find_open(&self, tag: u16, stop: &[u16]) -> Option<usize> {
        for (d, &id) in self.stack.iter().enumerate().rev() {
            let t = self.dom.tag(id);
            if t == tag {
                return Some(d);
            }
            if stop.contains(&t) {
                return None;
            }
        }
        None
    }

    fn close_p(&mut self) {
        if let Some(d) = self.find_open(
            t::P,
            &[
                t::TABLE,
                t::TD,
                t::TH,
                t::HTML,
                t::BODY,
                t::LI,
                t::DIV,
                t::BLOCKQUOTE,
            ],
        ) {
            self.pop_to(d);
        }
    }

    fn start_tag(&mut self, self_closing: bool) {
        let tag = self.cur_tag;
        let fl = TAGS.get(tag as usize).map_or(0, |x| x.1);
        if tag == t::HTML || tag == t::BODY {
            return;
        }
        if fl & CLOSES_P != 0 {
            self.close_p();
        }
        match tag {
            t::LI => {
                if let Some(d) = self.find_open(t::LI, &[t::UL, t::OL, t::TABLE, t::BODY]) {
                    self.pop_to(d);
                }
            }
            t::DT | t::DD => {
                if let Some(d) = self
                    .find_open(t::DD, &[t::DL, t::BODY])
                    .or_else(|| self.find_open(t::DT, &[t::DL, t::BODY]))
                {
                    self.pop_to(d);
                }
            }
            t::TR => {
                for c in [t::TD, t::TH, t::TR] {
                    if let Some(d) = self.find_open(c, &[t::TABLE, t::TBODY, t::THEAD, t::TFOOT]) {
                        self.pop_to(d);
                    }
                }
            }
            t::TD | t::TH => {
                for c in [t::TD, t::TH] {
                    if let Some(d) = self.find_open(c, &[t::TR, t::TABLE]) {
                        self.pop_to(d);
                    }
                }
            }
            t::OPTION if self.dom.tag(self.top()) == t::OPTION => {
                self.pop_to(self.stack.len() - 1);
            }
            t::A => {
                if let Some(d) = self.find_open(t::A, &[t::DIV, t::TD, t::LI, t::P, t::BODY]) {
                    self.pop_to(d);
                }
            }
            _ if fl & HEADING != 0 => {
                let top = self.top();
                if self.dom.flags(top) & HEADING != 0 {
                    self.pop_to(self.stack.len() - 1);
                }
            }
            _ => {}
        }
        let a = self.dom.attrs.len() as u32;
        self.dom.attrs.push(std::mem::take(&mut self.cur_attrs));
        let parent = self.top();
        let id = self.append(Node {
            tag,
            parent,
            first_child: NONE,
            last_child: NONE,
            next: NONE,
            a,
            b: 0,
            pa: 0,
            pb: 0,
        });
        if fl & VOID == 0 && !(self_closing && tag as usize >= TAGS.len()) {
            self.stack.push(id);
            if fl & PRE != 0 {
                self.pre_depth += 1;
            }
        }
    }

    fn end_tag(&mut self, tag: u16) {
        let fl = TAGS.get(tag as usize).map_or(0, |x| x.1);
        if tag == t::HTML || tag == t::BODY {
            return;
        }
        if tag == t::BR {
            self.cur_tag = t::BR;
            self.start_tag(true);
            return;
        }
        for (d, &id) in self.stack.iter().enumerate().rev() {
            let ot = self.dom.tag(id);
            if ot == tag {
                self.pop_to(d);
                return;
            }
            let of = self.dom.flags(id);
            if fl & SPECIAL == 0 && of & SPECIAL != 0 {
                return; // stray inline end tag
            }
            if matches!(ot, t::TABLE | t::TD | t::TH)
                && !matches!(tag, t::TABLE | t::TR | t::TBODY | t::THEAD | t::TFOOT)
            {
                return;
            }
        }
    }

    fn text(&mut self, span: Span<usize>) {
        let Some(raw) = self.src.get(span.start..span.end) else {
            return;
        };
        if raw.is_empty() {
            return;
        }
        let a = self.dom.buf.len() as u32;
        let pa = self.dom.pieces.len() as u32;
        let pre = self.pre_depth > 0;
        push_text(
            raw,
            span.start,
            pre,
            &mut self.dom.buf,
            &mut self.dom.pieces,
        );
        let parent = self.top();
        // Merge into a preceding text sibling (a text run split by a comment).
        let last = self.dom.nodes[parent as usize].last_child;
        if last != NONE
            && self.dom.nodes[last as usize].tag == TEXT
            && self.dom.nodes[last as usize].b == a
        {
            let n = &mut self.dom.nodes[last as usize];
            n.b = self.dom.buf.len() as u32;
            n.pb = self.dom.pieces.len() as u32;
            return;
        }
        self.append(Node {
            tag: TEXT,
            parent,
            first_child: NONE,
            last_child: NONE,
            next: NONE,
            a,
            b: self.dom.buf.len() as u32,
            pa,
            pb: self.dom.pieces.len() as u32,
        });
    }

    fn attr_value(&mut self, v: &[u8]) {
        let s = String::from_utf8_lossy(v);
        let a = &mut self.cur_attrs;
        match self.cur_attr {
            Attr::Class | Attr::Id => {
                if !a.class_id.is_empty() {
                    a.class_id.push(' ');
                }
                a.class_id.push_str(&s.to_ascii_lowercase());
            }
            Attr::Role => a.role = s.to_ascii_lowercase(),
            Attr::Itemprop => a.itemprop = s.to_ascii_lowercase(),
            Attr::Datetime => a.datetime = s.into_owned(),
            Attr::Rel => a.rel = s.to_ascii_lowercase(),
            Attr::Title => a.title = s.into_owned(),
            Attr::Itemtype => a.itemtype = s.to_ascii_lowercase(),
            Attr::Hidden => a.hidden = true,
            Attr::AriaHidden => a.hidden |= s.trim().eq_ignore_ascii_case("true"),
            Attr::Style => {
                let l: String = s
                    .to_ascii_lowercase()
                    .chars()
                    .filter(|c| !c.is_whitespace())
                    .collect();
                a.hidden |= l.contains("display:none") || l.contains("visibility:hidden");
            }
            Attr::None => {}
        }
    }
}

/// Parses decoded HTML into a tree. Text offsets in pieces are offsets in `src`.
pub(crate) fn parse(src: &str) -> Dom {
    let mut b = Builder {
        src,
        dom: Dom::default(),
        stack: Vec::with_capacity(64),
        cur_tag: 0,
        cur_attrs: Attrs::default(),
        cur_attr: Attr::None,
        pre_depth: 0,
    };
    b.dom.nodes.reserve(src.len() / 40);
    b.dom.buf.reserve(src.len() / 3);
    b.dom.attrs.push(Attrs::default());
    b.dom.nodes.push(Node {
        tag: t::HTML,
        parent: NONE,
        first_child: NONE,
        last_child: NONE,
        next: NONE,
        a: 0,
        b: 0,
        pa: 0,
        pb: 0,
    });
    {
        let mut emitter =
            CallbackEmitter::new(|ev: CallbackEvent<'_>, span: Span<usize>| -> Option<()> {
                match ev {
                    CallbackEvent::OpenStartTag { name } => {
                        b.cur_tag = tag_id(name, &mut b.dom.extra_tags);
                        b.cur_attrs = Attrs::default();
                        b.cur_attr = Attr::None;
                    }
                    CallbackEvent::AttributeName { name } => {
                        b.cur_attr = match name {
                            b"class" => Attr::Class,
                            b"id" => Attr::Id,
                            b"role" => Attr::Role,
                            b"itemprop" => Attr::Itemprop,
                            b"datetime" => Attr::Datetime,
                            b"rel" => Attr::Rel,
                            b"title" => Attr::Title,
                            b"itemtype" => Attr::Itemtype,
                            b"hidden" => Attr::Hidden,
                            b"aria-hidden" => Attr::AriaHidden,
                            b"style" => Attr::Style,
                            _ => Attr::None,
                        };
                        if b.cur_attr == Attr::Hidden {
                            b.cur_attrs.hidden = true;
                        }
                    }
                    CallbackEvent::AttributeValue { value } => b.attr_value(value),
                    CallbackEvent::CloseStartTag { self_closing } => b.start_tag(self_closing),
                    CallbackEvent::EndTag { name } => {
                        let tag = tag_id(name, &mut b.dom.extra_tags);
                        b.end_tag(tag);
                    }
                    CallbackEvent::String { .. } => b.text(span),
                    _ => {}
                }
                None
            });
        emitter.naively_switch_states(true);
        let tok = Tokenizer::new_with_emitter(src, emitter);
        for _ in tok {}
    }
    b.dom
}
