use super::*;
use crate::normalise::{Normalised, normalise_into};

fn run(seg: &Segmenter, raw: &str, choice: Choice) -> (String, Segmentation, String) {
    let mut norm = Normalised::default();
    normalise_into(raw, &mut norm);
    let mut out = Segmentation::default();
    seg.segment(&norm.text, choice, &mut out);
    let id = seg.id(out.profile).to_string();
    (id, out, norm.text)
}

/// The text samples of `corpus-samples/`, decoded: (file name, text).
pub(crate) fn samples() -> Vec<(String, String)> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus-samples");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let bytes = std::fs::read(&p).unwrap();
            let text = crate::input::decode(&bytes).unwrap().text.into_owned();
            (p.file_name().unwrap().to_string_lossy().into_owned(), text)
        })
        .collect()
}

fn text_of(text: &str, s: &Segment) -> String {
    s.spans
        .iter()
        .map(|&(a, b)| &text[a as usize..b as usize])
        .collect::<Vec<_>>()
        .join(" | ")
}

fn kinds(out: &Segmentation, kind: SegmentKind) -> Vec<&Segment> {
    out.segments.iter().filter(|s| s.kind == kind).collect()
}

const FORUM: &str = "Palsta.example - keskustelua\n\
Etusivu › Työ › Työelämä\n\
Kirjaudu sisään | Rekisteröidy\n\
\n\
Iltapalaverit joka viikko\n\
\n\
Avaaja_1\n\
1.2.2024 19:00\n\
\n\
Pomo pitää palaverit aina illalla.\n\
Toinen kappale.\n\
\n\
Vastaa | Lainaa\n\
\n\
Vastaukset (2)\n\
\n\
Toinen_2\n\
1.2.2024 19:30\n\
\n\
Avaaja_1 kirjoitti:\n\
Pomo pitää palaverit aina illalla.\n\
\n\
Sama täällä, ilta menee.\n\
\n\
Vastaa | Lainaa\n\
\n\
Kolmas_3\n\
2.2.2024 8:00\n\
\n\
> lainattu rivi\n\
Oma vastaus heti perään.\n\
\n\
Vastaa | Lainaa\n\
\n\
Luetuimmat keskustelut\n\
Muu ketju 123\n";

#[test]
fn forum_thread_splits_into_post_comments_quotes_and_chrome() {
    let seg = Segmenter::builtin();
    let (id, out, text) = run(&seg, FORUM, Choice::Auto);
    assert_eq!(id, "forum");
    let post = &out.segments[0];
    assert_eq!(post.kind, SegmentKind::Post);
    assert_eq!(
        text_of(&text, post),
        "iltapalaverit joka viikko | pomo pitää palaverit aina illalla.\ntoinen kappale."
    );
    let comments = kinds(&out, SegmentKind::Comment);
    assert_eq!(comments.len(), 2);
    assert_eq!(text_of(&text, comments[0]), "sama täällä, ilta menee.");
    assert_eq!(text_of(&text, comments[1]), "oma vastaus heti perään.");
    let quotes = kinds(&out, SegmentKind::Quote);
    assert_eq!(quotes.len(), 2);
    assert_eq!(
        text_of(&text, quotes[0]),
        "avaaja_1 kirjoitti:\npomo pitää palaverit aina illalla."
    );
    assert_eq!(text_of(&text, quotes[1]), "> lainattu rivi");
    // each quote sits in its comment
    let index = |s: &Segment| out.segments.iter().position(|x| x == s).unwrap() as u32;
    assert_eq!(quotes[0].parent, Some(index(comments[0])));
    assert_eq!(quotes[1].parent, Some(index(comments[1])));
    let chrome: Vec<String> = kinds(&out, SegmentKind::Boilerplate)
        .iter()
        .map(|s| text_of(&text, s))
        .collect();
    assert!(chrome[0].starts_with("palsta.example"), "{chrome:?}");
    assert!(chrome[0].ends_with("rekisteröidy"), "{chrome:?}");
    assert!(chrome.iter().any(|c| c.contains("vastaukset (2)")));
    assert!(chrome.last().unwrap().ends_with("muu ketju 123"));
}

#[test]
fn every_non_blank_line_is_in_exactly_one_segment() {
    let seg = Segmenter::builtin();
    for sample in samples() {
        let (_, out, text) = run(&seg, &sample.1, Choice::Auto);
        let owners = out.owners();
        for w in owners.windows(2) {
            assert!(w[0].1 <= w[1].0, "{}: overlapping spans {w:?}", sample.0);
        }
        let mut covered = vec![false; text.len()];
        for (a, b, _) in &owners {
            covered[*a as usize..*b as usize]
                .iter_mut()
                .for_each(|c| *c = true);
        }
        for (i, ch) in text.char_indices() {
            if !ch.is_whitespace() {
                assert!(covered[i], "{}: byte {i} ({ch:?}) in no segment", sample.0);
            }
        }
    }
}

#[test]
fn blogger_comments_are_counted_and_the_archive_is_chrome() {
    let seg = Segmenter::builtin();
    let page = "Blogin nimi\nAlaotsikko\n\nEtusivu    Minusta    Arkisto\n\n\
                tiistai 14. toukokuuta 2024\n\nOtsikko\n\nPostauksen teksti.\n\n\
                Lähettänyt Kirjoittaja klo 20.17\n\nJaa\n\nTunnisteet: a, b\n\n\
                2 kommenttia:\n\nEka sanoi...\nHyvä teksti.\n14. toukokuuta 2024 klo 21.03\n\
                VastaaPoista\n\nToka sanoi...\nKiitos!\n15. toukokuuta 2024 klo 7.45\n\
                VastaaPoista\n\nLähetä kommentti\n\nBlogiarkisto\n► 2024 (9)\n";
    let (id, out, text) = run(&seg, page, Choice::Auto);
    assert_eq!(id, "blogger");
    assert_eq!(
        text_of(&text, &out.segments[0]),
        "otsikko\n\npostauksen teksti."
    );
    let comments = kinds(&out, SegmentKind::Comment);
    let texts: Vec<String> = comments.iter().map(|c| text_of(&text, c)).collect();
    assert_eq!(texts, ["hyvä teksti.", "kiitos!"]);
}

#[test]
fn wordpress_author_lines_are_not_quotes() {
    let seg = Segmenter::builtin();
    let page = "Blog\n\nHome    Over mij    Contact\n\nTitel\n\n\
                Geplaatst op 8 oktober 2024 door Schrijver\n\nDe tekst van het bericht.\n\n\
                Tags: a, b\n\n2 Reacties\n\nJan schreef:\n9 oktober 2024 om 07:41\n\
                Herkenbaar.\nBeantwoorden\n\nPiet schreef:\n9 oktober 2024 om 12:18\n\
                Mee eens.\nBeantwoorden\n\nLaat een reactie achter\nNaam *\n";
    let (id, out, text) = run(&seg, page, Choice::Auto);
    assert_eq!(id, "wordpress");
    assert_eq!(kinds(&out, SegmentKind::Quote).len(), 0);
    let comments: Vec<String> = kinds(&out, SegmentKind::Comment)
        .iter()
        .map(|c| text_of(&text, c))
        .collect();
    assert_eq!(comments, ["herkenbaar.", "mee eens."]);
    assert_eq!(
        text_of(&text, &out.segments[0]),
        "titel | de tekst van het bericht."
    );
}

#[test]
fn plain_text_is_one_post_and_off_keeps_everything() {
    let seg = Segmenter::builtin();
    let text = "Ensimmäinen rivi.\n\nToinen kappale on tässä.\n";
    let (id, out, norm) = run(&seg, text, Choice::Auto);
    assert_eq!(id, "generic");
    assert_eq!(out.segments.len(), 1);
    assert_eq!(
        text_of(&norm, &out.segments[0]),
        "ensimmäinen rivi.\n\ntoinen kappale on tässä."
    );
    let (id, out, _) = run(&seg, FORUM, Choice::Off);
    assert_eq!(id, "none");
    assert_eq!(out.segments.len(), 1);
    assert_eq!(out.segments[0].spans.len(), 1);
    let (_, out, _) = run(&seg, "", Choice::Auto);
    assert_eq!(out.segments.len(), 1);
    assert!(out.segments[0].spans.is_empty());
}

#[test]
fn a_user_profile_overrides_and_a_fixed_choice_is_used() {
    let mine = profile::parse(
        "mine.toml",
        "id = \"forum\"\nlabel = \"Mine\"\nboilerplate = ['roskaa']\n",
    )
    .unwrap();
    let mut sources = profile::builtin();
    sources.push(mine);
    let seg = Segmenter::new(sources).unwrap();
    let forum = seg.choice("forum").unwrap();
    let (_, out, text) = run(&seg, "Tekstiä.\nRoskaa\nLisää tekstiä.\n", forum);
    assert_eq!(
        text_of(&text, &out.segments[0]),
        "tekstiä. | lisää tekstiä."
    );
    assert!(matches!(
        seg.choice("nope"),
        Err(ProfileError::Unknown { .. })
    ));
}

#[test]
fn quotes_start_at_an_intro_line_or_a_marker_and_end_at_a_blank_line() {
    let seg = Segmenter::builtin();
    let page = "Oma teksti alkuun.\n\nLainaus\nToisen sanat tässä.\nJa toinen rivi.\n\n\
                Vastaus lainaukseen.\n> merkitty lainaus\nEi enää lainausta.\n\n\
                Piet schreef:\nIk moet altijd bereikbaar zijn.\n\nDat herken ik.\n";
    let (_, out, text) = run(&seg, page, Choice::Auto);
    let quotes: Vec<String> = kinds(&out, SegmentKind::Quote)
        .iter()
        .map(|q| text_of(&text, q))
        .collect();
    assert_eq!(
        quotes,
        [
            "lainaus\ntoisen sanat tässä.\nja toinen rivi.",
            "> merkitty lainaus",
            "piet schreef:\nik moet altijd bereikbaar zijn."
        ]
    );
    assert_eq!(
        text_of(&text, &out.segments[0]),
        "oma teksti alkuun. | vastaus lainaukseen. | ei enää lainausta. | dat herken ik."
    );
}

#[test]
fn shipped_profiles_compile_their_rules_when_first_used() {
    let seg = Segmenter::builtin();
    fn compiled(seg: &Segmenter) -> Vec<&str> {
        seg.profiles()
            .iter()
            .filter(|p| p.rules.get().is_some())
            .map(|p| p.source.id.as_str())
            .collect()
    }
    assert!(compiled(&seg).is_empty(), "{:?}", compiled(&seg));
    let prose = "Kävin eilen kaupungilla ja ostin uudet kengät.\n\nNe olivat liian pienet.\n";
    let (id, _, _) = run(&seg, prose, Choice::Auto);
    assert_eq!(id, "generic");
    assert_eq!(compiled(&seg), ["generic"]);
    let forum = seg.choice("forum").unwrap();
    run(&seg, prose, forum);
    assert_eq!(compiled(&seg), ["forum", "generic"]);
    // a user's profiles are compiled at once, so that an error stops the run before it reads
    let mut sources = profile::builtin();
    sources.push(profile::parse("my.toml", "id = \"my\"\nlabel = \"Mine\"\n").unwrap());
    let seg = Segmenter::new(sources).unwrap();
    assert_eq!(compiled(&seg).len(), seg.profiles().len());
}

#[test]
fn long_lines_are_only_quote_lines() {
    let seg = Segmenter::builtin();
    let long = "sana ".repeat(100);
    let text = format!(
        "Alku on tässä ja se on tavallista tekstiä.\n\n> {long}\n\n© 2024 {long}\n\n© 2024 Sivusto\n"
    );
    let (_, out, norm) = run(&seg, &text, Choice::Auto);
    let quotes = kinds(&out, SegmentKind::Quote);
    assert_eq!(quotes.len(), 1, "{:?}", out.segments);
    assert!(text_of(&norm, quotes[0]).starts_with("> sana"));
    // the long "©" line is prose (too long to be furniture), the short one furniture
    let boilerplate: Vec<String> = kinds(&out, SegmentKind::Boilerplate)
        .iter()
        .map(|s| text_of(&norm, s))
        .collect();
    assert_eq!(boilerplate, ["© 2024 sivusto"]);
}
