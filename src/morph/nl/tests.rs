//! Hand-written unit tests.

use super::*;
use crate::lang::Lang;
use std::collections::HashSet;

fn has(lemma: &str, hint: Option<&str>, expect: &[&str]) {
    let f = forms(lemma, InflectionClass::of_hint(Lang::Nl, hint).as_ref());
    for e in expect {
        assert!(
            f.iter().any(|x| x == e),
            "{lemma} ({hint:?}) should produce {e}; got {f:?}"
        );
    }
}

fn lacks(lemma: &str, hint: Option<&str>, bad: &[&str]) {
    let f = forms(lemma, InflectionClass::of_hint(Lang::Nl, hint).as_ref());
    for e in bad {
        assert!(
            !f.iter().any(|x| x == e),
            "{lemma} ({hint:?}) should not produce {e}"
        );
    }
}

#[test]
fn strong_verbs() {
    has(
        "lopen",
        None,
        &[
            "loop", "loopt", "liep", "liepen", "gelopen", "lopend", "lopende",
        ],
    );
    has(
        "schrijven",
        None,
        &["schrijf", "schrijft", "schreef", "schreven", "geschreven"],
    );
    has(
        "zijn",
        None,
        &["ben", "bent", "is", "was", "waren", "geweest"],
    );
    has("hebben", None, &["heb", "heeft", "had", "hadden", "gehad"]);
    has("gaan", None, &["ga", "gaat", "ging", "gingen", "gegaan"]);
    has("komen", None, &["kom", "komt", "kwam", "kwamen", "gekomen"]);
    has(
        "vinden",
        None,
        &["vind", "vindt", "vond", "vonden", "gevonden"],
    );
    lacks("komen", None, &["koom", "koomt"]);
}

#[test]
fn weak_verbs_kofschip() {
    has(
        "werken",
        None,
        &["werkt", "werkte", "werkten", "gewerkt", "gewerkte"],
    );
    has(
        "wachten",
        None,
        &["wacht", "wachtte", "wachtten", "gewacht"],
    );
    lacks("wachten", None, &["wachtt", "gewachtt"]);
    has("bellen", None, &["belt", "belde", "belden", "gebeld"]);
    has("maken", None, &["maakt", "maakte", "gemaakt", "gemaakte"]);
    has("leven", None, &["leeft", "leefde", "geleefd"]);
    has("reizen", None, &["reist", "reisde", "gereisd"]);
    has(
        "informeren",
        None,
        &["informeert", "informeerde", "geïnformeerd"],
    );
    has(
        "herinneren",
        None,
        &["herinnert", "herinnerde", "herinnerd"],
    );
}

#[test]
fn weak_bare_stem_is_left_to_the_noun() {
    // the bare stem of a weak verb is mostly also a noun (conversion): `de plaats`, `het
    // werk`, `de vorm` are not forms of plaatsen, werken, vormen
    lacks("plaatsen", None, &["plaats"]);
    lacks("werken", None, &["werk"]);
    lacks("vormen", None, &["vorm"]);
    lacks("antwoorden", None, &["antwoord"]);
    has("plaatsen", None, &["plaatst", "plaatste", "geplaatst"]);
    // a stem in -t is also the third person singular
    has("wachten", None, &["wacht"]);
    has("haten", None, &["haat"]);
    // strong and irregular verbs keep the first person
    has("lopen", None, &["loop"]);
    has("denken", None, &["denk", "dacht"]);
    has("kunnen", None, &["kan", "kun"]);
    // the noun keeps its own forms
    has("plaats", None, &["plaatsen"]);
}

#[test]
fn prefixed_and_separable_verbs() {
    has(
        "opzeggen",
        None,
        &["opzeggen", "opzegt", "opgezegd", "opzegde"],
    );
    lacks("opzeggen", None, &["zegt"]);
    has("opzeggen", Some("verb:sep"), &["zegt", "zeg", "opgezegd"]);
    has(
        "verbinden",
        None,
        &["verbind", "verbindt", "verbond", "verbonden"],
    );
    lacks("verbinden", None, &["geverbonden"]);
    has("doorverbinden", None, &["doorverbonden", "doorverbindt"]);
    has("aangeven", None, &["aangegeven", "aangeeft", "aangaf"]);
    has("betalen", None, &["betaalt", "betaalde", "betaald"]);
    has("begrijpen", None, &["begrijp", "begreep", "begrepen"]);
    has("bezighouden", None, &["beziggehouden"]);
    has("ontmoeten", None, &["ontmoette", "ontmoet"]);
}

#[test]
fn strong_pattern_hint() {
    has(
        "kijven",
        Some("strong:ij-ee-ee"),
        &["keef", "keven", "gekeven"],
    );
    has(
        "lopen",
        Some("strong:oo-ie-oo"),
        &["liep", "liepen", "gelopen"],
    );
}

#[test]
fn plurals() {
    has("klant", None, &["klanten"]);
    has("kind", None, &["kinderen"]);
    has("huis", None, &["huizen"]);
    has("brief", None, &["brieven"]);
    has("auto", None, &["auto's"]);
    has("monteur", None, &["monteurs"]);
    has("bal", None, &["ballen"]);
    has("maan", None, &["manen"]);
    has("mogelijkheid", Some("noun"), &["mogelijkheden"]);
    has("organisatie", None, &["organisaties"]);
    has("bacterie", None, &["bacteriën"]);
    has("museum", None, &["musea"]);
    has("politicus", None, &["politici"]);
    has("tafel", None, &["tafels"]);
    has("stad", None, &["steden"]);
    has("schoolkind", None, &["schoolkinderen"]);
}

#[test]
fn diminutives() {
    has("kop", None, &["kopje", "kopjes"]);
    has("boom", None, &["boompje", "boompjes"]);
    has("huis", None, &["huisje"]);
    has("bal", None, &["balletje"]);
    has("telefoon", None, &["telefoontje"]);
    has("koning", None, &["koninkje"]);
    has("ring", None, &["ringetje"]);
    has("auto", None, &["autootje"]);
}

#[test]
fn adjectives() {
    has("groot", None, &["grote", "groter", "grootst", "grootste"]);
    has("wit", Some("adj"), &["witte"]);
    has("lief", Some("adj"), &["lieve", "liever"]);
    has("duur", Some("adj"), &["dure", "duurder", "duurst"]);
    has("goed", None, &["goede", "beter", "best"]);
    has("mooi", None, &["mooie", "mooier", "mooist", "moois"]);
    has("moeilijk", None, &["moeilijke", "moeilijker"]);
    lacks("ander", Some("adj"), &["anders"]);
}

#[test]
fn adverbs_do_not_inflect() {
    assert_eq!(forms("ook", None), vec!["ook"]);
}

#[test]
fn compounds() {
    let h: HashSet<String> = forms("abonnement", None).into_iter().collect();
    assert!(is_compound_of("internetabonnement", &h));
    assert!(is_compound_of("abonnementen", &h));
    let h: HashSet<String> = forms("toegang", None).into_iter().collect();
    assert!(is_compound_of("internettoegang", &h));
    let h: HashSet<String> = forms("keuring", None).into_iter().collect();
    assert!(is_compound_of("goedkeuring", &h));
    let h: HashSet<String> = forms("geven", None).into_iter().collect();
    assert!(is_compound_of("aangegeven", &h));
    assert!(!is_compound_of(
        "hebben",
        &forms("zijn", None).into_iter().collect()
    ));
    let h: HashSet<String> = forms("medewerker", None).into_iter().collect();
    assert!(is_compound_of("klantenservicemedewerkers", &h));
    let h: HashSet<String> = forms("adres", None).into_iter().collect();
    assert!(is_compound_of("e-mailadres", &h));
    let h: HashSet<String> = forms("storing", None).into_iter().collect();
    assert!(is_compound_of("KPN-storing", &h));
    let h: HashSet<String> = forms("delen", None).into_iter().collect();
    assert!(!is_compound_of("verdelen", &h));
    let h: HashSet<String> = forms("ring", None).into_iter().collect();
    assert!(!is_compound_of("ding", &h));
}

/// What the matcher does: a modifier, then one of the head's compound forms.
fn matcher_compound(token: &str, head: &str) -> bool {
    let heads = compound_forms(head, None);
    token.char_indices().skip(2).any(|(i, _)| {
        let (m, h) = token.split_at(i);
        heads.iter().any(|f| f == h) && split_ok(m, h)
    })
}

#[test]
fn particle_verb_participles_are_compounds_of_the_verb() {
    // particle + ge-participle: aan|gelegd, uit|gevoerde, af|gebroken
    assert!(matcher_compound("aangelegd", "leggen"));
    assert!(matcher_compound("uitgevoerde", "voeren"));
    assert!(matcher_compound("afgebroken", "breken"));
    // finite forms still never end a compound (wedst|rijd, bewe|ging)
    assert!(!matcher_compound("wedstrijd", "rijden"));
    assert!(!matcher_compound("beweging", "gaan"));
    assert!(!compound_forms("gaan", None).contains(&"ging".to_string()));
}

#[test]
fn separable_verbs_split_into_particle_and_finite_forms() {
    let (particle, finite) = separable("plaatsvinden").unwrap();
    assert_eq!(particle, "plaats");
    for f in ["vindt", "vond", "vonden", "vinden"] {
        assert!(finite.contains(&f.to_string()), "{f} in {finite:?}");
    }
    let (particle, finite) = separable("aankomen").unwrap();
    assert_eq!(particle, "aan");
    assert!(finite.contains(&"kwam".to_string()));
    // participles stand with their particle (aangekomen), so they are no finite forms
    assert!(!finite.iter().any(|f| f.starts_with("ge")));
    assert!(separable("komen").is_none());
    assert!(separable("tafel").is_none());
    assert!(finite_forms("geven").contains(&"gaf".to_string()));
    assert!(finite_forms("tafel").is_empty());
    assert!(is_particle("aan") && is_particle("terug") && !is_particle("goed"));
}

#[test]
fn homographs_of_more_frequent_words_are_withheld() {
    // the noun begin, the plural of lid, the adverb geleden, the noun reden and geld
    lacks("beginnen", None, &["begin"]);
    has("beginnen", None, &["begint", "begon", "begonnen"]);
    lacks("lijden", None, &["leden", "geleden"]);
    has("lijden", None, &["lijdt", "leed"]);
    has("overlijden", None, &["overleden"]);
    lacks("vragen", None, &["vraag"]);
    has("vragen", None, &["vraagt", "vroeg", "gevraagd"]);
    has("vraag", None, &["vragen"]);
    lacks("middel", None, &["middels"]);
    has("middel", None, &["middelen"]);
    lacks("gelden", None, &["geld"]);
    lacks("wild", None, &["wilde", "wilden"]);
    has("wild", None, &["wilder"]);
    lacks("gebruik", None, &["gebruiken"]);
    // the words themselves keep their own forms
    has("lid", None, &["leden"]);
    has("willen", None, &["wilde", "wilden"]);
    has("gebruiken", None, &["gebruikt"]);
    // lexicalised participles are adjectives of their own
    lacks("voldoen", None, &["voldoende"]);
    lacks("verschillen", None, &["verschillende"]);
    has("voldoen", None, &["voldoet", "voldeed"]);
    has("lopen", None, &["lopende"]);
}

#[test]
fn lexicalised_words_and_suffixes_are_no_compounds() {
    // adverbs, opaque nouns, names of days and countries, multiplicatives
    assert!(!matcher_compound("bijvoorbeeld", "beeld"));
    assert!(!matcher_compound("voorbeelden", "beeld"));
    assert!(!matcher_compound("allemaal", "maal"));
    assert!(!matcher_compound("driemaal", "maal"));
    assert!(!matcher_compound("tegelijkertijd", "tijd"));
    assert!(!matcher_compound("hoofdsteden", "stad"));
    assert!(!matcher_compound("ziekenhuizen", "huis"));
    assert!(!matcher_compound("zondagen", "dag"));
    assert!(!matcher_compound("duitsland", "land"));
    assert!(!matcher_compound("onderdelen", "deel"));
    // real compounds with the same heads still are
    assert!(matcher_compound("standbeeld", "beeld"));
    assert!(matcher_compound("avondmaal", "maal"));
    assert!(matcher_compound("havenstad", "stad"));
    assert!(matcher_compound("studietijd", "tijd"));
    assert!(matcher_compound("werkdagen", "dag"));
    assert!(matcher_compound("buurland", "land"));
    assert!(matcher_compound("stadsdelen", "deel"));
    // derivational suffixes: -matig, feminine -ster, agent -aar
    assert!(!matcher_compound("regelmatig", "matig"));
    assert!(!matcher_compound("kunstmatige", "matig"));
    assert!(!matcher_compound("woordvoerster", "ster"));
    assert!(!matcher_compound("omroepsters", "ster"));
    assert!(!matcher_compound("leraars", "aar"));
    assert!(matcher_compound("filmsterren", "ster"));
    // no Dutch word ends in a bare -c (fac|toren, eiersc|halen)
    assert!(!matcher_compound("factoren", "toren"));
    assert!(matcher_compound("kerktoren", "toren"));
}

#[test]
fn more_homographs_are_withheld() {
    lacks("spel", None, &["spelen"]);
    has("spel", None, &["spellen", "spelletje"]);
    lacks("aanvallen", None, &["aanval"]);
    has("aanvallen", None, &["aanvalt", "aangevallen"]);
    lacks("raden", None, &["raad"]);
    has("raad", None, &["raden"]);
}

#[test]
fn impossible_modifiers_are_no_compound_splits() {
    // a particle with a linking -s (om|streden, not oms|treden)
    assert!(!matcher_compound("omstreden", "treden"));
    assert!(matcher_compound("opgetreden", "treden"));
    // ge- after a consonant belongs to the head's prefix (mandaat|gebieden)
    assert!(!matcher_compound("mandaatgebieden", "bieden"));
    assert!(matcher_compound("hogescholen", "school"));
    // no Dutch word ends in a doubled long vowel (waa|ronder)
    assert!(!split_ok("waa", "ronde"));
    assert!(split_ok("zee", "water"));
    // prefixes and surname particles
    assert!(!matcher_compound("internationale", "nationaal"));
    assert!(!matcher_compound("vandersteen", "steen"));
    assert!(matcher_compound("grafsteen", "steen"));
    assert!(!matcher_compound("bijgevolg", "gevolg"));
}

#[test]
fn present_participles_end_compounds() {
    assert!(matcher_compound("pijnstillend", "stillen"));
    assert!(matcher_compound("voorgaande", "gaan"));
    assert!(matcher_compound("losstaande", "staan"));
    // finite forms still do not
    assert!(!matcher_compound("wedstrijd", "rijden"));
}

#[test]
fn compounds_written_without_a_linking_element_match_it() {
    has("mattaart", None, &["mattentaart", "mattentaarten"]);
    has("vrouwwijding", None, &["vrouwenwijding"]);
    has("zededelinquent", None, &["zedendelinquent"]);
    has("pannekoek", None, &["pannenkoek"]);
    // not for short words, verbs or before a vowel (matt|aart)
    assert!(!forms("taart", None).iter().any(|f| f.contains("ent")));
    assert!(
        forms("boekhouden", None)
            .iter()
            .all(|f| !f.starts_with("boeken"))
    );
    lacks("mattaart", None, &["mattenaart"]);
}

#[test]
fn copulas_keep_their_finite_forms_before_a_particle() {
    // `het is op`, `zijn eerste atelier in`: no separable verb takes `is`, `zijn`, `werd`
    assert!(finite_forms("zijn").is_empty());
    assert!(finite_forms("worden").is_empty());
    assert!(finite_forms("komen").contains(&"kwam".to_string()));
    assert!(finite_forms("hebben").contains(&"heeft".to_string()));
}

#[test]
fn superlatives_geminates_and_voudig_are_no_compound_ends() {
    // voor|naamste is the superlative voornaamste, not a particle verb
    assert!(!split_ok("voor", "naamste"));
    assert!(split_ok("aan", "gaande"));
    // genees|middelen, not geneesmid|delen; stad|deel keeps its long vowel
    assert!(!matcher_compound("geneesmiddelen", "deel"));
    assert!(!matcher_compound("voedingsmiddelen", "delen"));
    assert!(matcher_compound("stadsdelen", "deel"));
    assert!(!matcher_compound("eenvoudig", "voudig"));
    assert!(!matcher_compound("oorzaken", "zaak"));
    assert!(matcher_compound("hoofdzaken", "zaak"));
    lacks("luiden", None, &["geluid"]);
    has("luiden", None, &["luidt", "luidde"]);
}

#[test]
fn linking_variants_split_only_where_words_can_meet() {
    // `taart` can begin a word, `ttaart` cannot; `vrouw` is short enough to link
    assert!(word_initial_ok("taart") && word_initial_ok("straat") && !word_initial_ok("rdig"));
    let v = linking_variants("vrouwwijding");
    assert!(v.contains(&"vrouwenwijding".to_string()), "{v:?}");
    // two splits (vrouw|wijding, vrouwwij|ding) in singular and plural; none before a
    // vowel or an impossible onset (vrouww|ijding, vrou|wwijding)
    assert_eq!(v.len(), 4, "{v:?}");
    // a schwa-final first part takes -s, not -en (tafel|poot)
    assert!(
        !linking_variants("tafelpoot")
            .iter()
            .any(|f| f.starts_with("tafelen"))
    );
}

#[test]
fn lexicalised_words_inside_longer_compounds() {
    // wedstrijd, ziekenhuis, leeftijd, woensdag are the last parts of longer compounds
    assert!(!matcher_compound("openingswedstrijd", "strijd"));
    assert!(matcher_compound("openingswedstrijd", "wedstrijd"));
    assert!(!matcher_compound("kinderziekenhuis", "huis"));
    assert!(!matcher_compound("pensioenleeftijd", "tijd"));
    assert!(!matcher_compound("paaszondag", "dag"));
    assert!(matcher_compound("paaszondag", "zondag"));
    // but an adverb is no compound's end: only the exact first part counts
    assert!(matcher_compound("wintertijd", "tijd"));
    // ander is no head (tegenstand|er), a linking -s before a prefix is no split end
    assert!(!matcher_compound("tegenstander", "ander"));
    assert!(!matcher_compound("allerminst", "weinig"));
    assert!(!matcher_compound("betalingsverkeer", "keer"));
    assert!(matcher_compound("betalingsverkeer", "verkeer"));
    assert!(matcher_compound("zilverpapier", "papier"));
}

#[test]
fn adjective_forms_that_are_mostly_nouns_are_withheld() {
    lacks("rond", None, &["ronde", "ronden"]);
    has("rond", None, &["ronder", "rondst"]);
    has("ronde", None, &["ronden", "rondes"]);
    lacks("ouder", None, &["oudere"]);
    has("oud", None, &["oude", "oudere", "ouder"]);
}
