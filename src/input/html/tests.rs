use super::*;

fn x(s: &str) -> Extracted {
    extract(s.as_bytes(), &HtmlOptions::default())
}

#[test]
fn tag_ids_match_names() {
    use dom::{TAGS, t};
    for (id, name) in [
        (t::HTML, "html"),
        (t::BODY, "body"),
        (t::P, "p"),
        (t::H1, "h1"),
        (t::BLOCKQUOTE, "blockquote"),
        (t::UL, "ul"),
        (t::OL, "ol"),
        (t::DL, "dl"),
        (t::TABLE, "table"),
        (t::ARTICLE, "article"),
        (t::DIV, "div"),
        (t::LI, "li"),
        (t::DT, "dt"),
        (t::DD, "dd"),
        (t::TR, "tr"),
        (t::TD, "td"),
        (t::TH, "th"),
        (t::TBODY, "tbody"),
        (t::THEAD, "thead"),
        (t::TFOOT, "tfoot"),
        (t::BR, "br"),
        (t::A, "a"),
        (t::TIME, "time"),
        (t::CITE, "cite"),
        (t::OPTION, "option"),
        (t::PRE, "pre"),
        (t::FIGCAPTION, "figcaption"),
        (t::FIGURE, "figure"),
        (t::ADDRESS, "address"),
        (t::SECTION, "section"),
        (t::MAIN, "main"),
    ] {
        assert_eq!(TAGS[id as usize].0, name);
    }
}

#[test]
fn entities_decoded_in_text() {
    let e = x("<p>Taas ylity&ouml;it&auml; &amp; p&#228;ivyst&#xE4;&nbsp;viikonloppuna.</p>");
    assert_eq!(e.text, "Taas ylityöitä & päivystä viikonloppuna.");
}

#[test]
fn scripts_styles_nav_hidden_not_in_post() {
    let page = "<html><head><title>Otsikko</title><style>p{color:red}</style></head><body>\
        <nav><a href='/'>Etusivu</a> <a href='/b'>Blogi</a></nav>\
        <script>var salainen = 1;</script>\
        <div hidden>piilotettu teksti</div><div style='display: none'>toinen piilo</div>\
        <span aria-hidden=\"true\">kolmas piilo</span><noscript>ei skriptiä</noscript>\
        <template><p>pohja</p></template><button>Lähetä</button>\
        <article><p>Kirjoitan tänne pitkän kappaleen, jossa on pilkkuja, sanoja ja ajatuksia.</p></article>\
        <footer>Kaikki oikeudet pidätetään</footer></body></html>";
    let e = x(page);
    for bad in [
        "salainen",
        "color",
        "piilo",
        "skriptiä",
        "pohja",
        "Lähetä",
        "Otsikko",
    ] {
        assert!(!e.text.contains(bad), "{bad} in {:?}", e.text);
    }
    let post = e.text_of(&[SegmentKind::Post]);
    assert_eq!(
        post,
        "Kirjoitan tänne pitkän kappaleen, jossa on pilkkuja, sanoja ja ajatuksia."
    );
    let boiler = e.text_of(&[SegmentKind::Boilerplate]);
    assert!(boiler.contains("Etusivu") && boiler.contains("oikeudet"));
    let e2 = extract(
        page.as_bytes(),
        &HtmlOptions {
            keep_boilerplate: false,
        },
    );
    assert_eq!(e2.text, post);
}

#[test]
fn blocks_and_paragraphs() {
    let e = extract(
        b"<div><p>Eka kappale.</p><p>Toka\n   kappale.</p><div>rivi</div><div>toinen<br>kolmas</div></div>",
        &HtmlOptions::default(),
    );
    assert!(
        e.text.starts_with("Eka kappale.\n\nToka kappale."),
        "{:?}",
        e.text
    );
    assert!(e.text.contains("rivi\ntoinen\nkolmas"), "{:?}", e.text);
}

#[test]
fn windows_1252_page_from_meta() {
    let page = b"<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1252\"></head>\
        <body><article><p>Ylity\xf6it\xe4 taas, ja \x93lainausmerkit\x94 ovat kaarevia, ei se mit\xe4\xe4n.</p></article></body></html>";
    let e = extract(page, &HtmlOptions::default());
    assert_eq!(e.encoding, "windows-1252");
    assert!(
        e.text.contains("Ylityöitä taas, ja “lainausmerkit” ovat"),
        "{:?}",
        e.text
    );
    let at = e.text.find("taas").unwrap();
    let (s, en) = e.offsets.original_range(at, at + 4);
    assert_eq!(&page[s..en], b"taas");
    let at = e.text.find("Ylityöitä").unwrap();
    let (s, en) = e.offsets.original_range(at, at + "Ylityöitä".len());
    assert_eq!(&page[s..en], b"Ylity\xf6it\xe4");
}

#[test]
fn offset_map_runs_are_exact() {
    let page = "<html><body><article><h2>Otsikko</h2><p>Hyv&auml;\n  <b>päivä</b>, kaikki &lt;3 ja   muuta.</p>\
        <p>Toinen kappale, jossa ei ole mitään erikoista mutta on tarpeeksi pituutta.</p></article></body></html>";
    let e = x(page);
    let mut checked = 0;
    for r in e.offsets.runs() {
        let (s, en) = e.offsets.run_original(r);
        let t = &e.text[r.text.0..r.text.1];
        if r.exact {
            assert_eq!(&page[s..en], t);
            checked += 1;
        } else {
            let mut buf = String::new();
            let mut p = Vec::new();
            entity::push_text(&page[s..en], 0, false, &mut buf, &mut p);
            assert_eq!(buf.trim_start(), t.trim_start(), "run {r:?}");
        }
    }
    assert!(checked >= 4);
    // Every segment maps back to a range that starts and ends on its text.
    for seg in &e.segments {
        let t = e.segment_text(seg);
        let (s, en) = e.offsets.original_range(seg.span.0, seg.span.1);
        let first = t.split_whitespace().next().unwrap();
        assert!(
            page[s..en].starts_with(first.split('&').next().unwrap()),
            "{seg:?} {t:?} {:?}",
            &page[s..en]
        );
    }
}
