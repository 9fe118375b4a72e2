//! Verb conjugation.
//!
//! A verb is reduced to a handful of stems ([`VStems`]): weak and strong
//! present vowel stems, 3sg, past stems, conditional stem, the imperative
//! consonant stem, passive present and passive root, past active participle
//! and second-infinitive stem. [`conjugate`] attaches person endings, moods,
//! infinitives (with cases and possessives), and declines the participles as
//! adjectives via the nominal module. Colloquial spoken forms that are regular
//! (`mennää`, `sanottii`, `sanois`, `sanonu`, `-ks`) are generated too.

use super::clitics::{Clitics, Out};
use super::gradation::{
    Strong, cat, cc, chop, ends_long, is_vowel, last, strengthen, syllables, weak_or_same,
};
use super::nominal::{DeclOpts, decline, paradigm};

/// Stems of a verb paradigm (vectors allow variants).
#[derive(Default, Debug, Clone)]
pub struct VStems {
    pub inf: String,
    pub weak: Vec<String>,
    pub strong: Vec<String>,
    pub pres3: Vec<String>,
    pub past_w: Vec<String>,
    pub past_s: Vec<String>,
    pub cond: Vec<String>,
    pub imp: Vec<String>,
    pub pass_pres: Vec<String>,
    pub pass_root: Vec<String>,
    pub pcp: Vec<String>,
    pub inf2: Vec<String>,
}

fn v1(s: String) -> Vec<String> {
    vec![s]
}

/// Conditional stem from a strong vowel stem: `luke`→`lukisi`, `sano`→`sanoisi`,
/// `tapaa`→`tapaisi`, `juo`→`joisi`.
fn cond_of(stem: &str) -> String {
    let lv = last(stem).unwrap_or('a');
    if lv == 'e' || lv == 'i' || ends_long(stem) {
        format!("{}isi", chop(stem, 1))
    } else {
        cc(stem, "isi")
    }
}

/// Second infinitive stem (`sanoa`→`sanoe`, `lukea`→`lukie`, `tulla`→`tulle`).
fn inf2_of(inf: &str) -> String {
    let b = chop(inf, 1);
    if b.ends_with('e') {
        format!("{}ie", chop(b, 1))
    } else {
        cc(b, "e")
    }
}

/// Verbs with `-si` past for `-tAA` after a long vowel/diphthong.
const SI_PAST: &[&str] = &[
    "huutaa",
    "pyytää",
    "löytää",
    "tietää",
    "kiitää",
    "sietää",
    "soutaa",
    "taitaa",
];

/// Participles that are lexicalised adjectives or nouns with their own lemma
/// (sopiva "suitable", seuraava "next", elämä "life", tapahtuma "event"):
/// their declension is not generated for the verb.
pub const LEXICALIZED_PARTICIPLES: &[&str] = &[
    "sopiva",
    "seuraava",
    "pysyvä",
    "vastaava",
    "riittävä",
    "merkittävä",
    "jatkuva",
    "luotettava",
    "kiinnostava",
    "elämä",
    "kuolema",
    "tapahtuma",
    "juoma",
    "sanoma",
];

/// Build the stems of a verb of the given class.
pub fn stems(inf: &str, class: &str, fr: bool) -> Option<VStems> {
    let mut s = VStems {
        inf: inf.to_string(),
        ..Default::default()
    };
    // an empty infinitive has no stems
    last(inf)?;
    let v = Verb { inf, class, fr };
    match class {
        "v52" | "v53" | "v58" | "v61" => vowel_stem(&v, &mut s)?,
        "v62" | "v63" | "v64" => voida_saada_juoda(&v, &mut s),
        "v66" => nousta(&v, &mut s),
        "v67" => tulla(&v, &mut s)?,
        "v69" => valita(&v, &mut s),
        "v72" => vanheta(&v, &mut s),
        "v73" | "v74" => tavata_haluta(&v, &mut s),
        _ => return None,
    }
    Some(s)
}

/// A verb being conjugated: what the stems of its class are built from.
struct Verb<'a> {
    /// The first infinitive (the lemma).
    inf: &'a str,
    class: &'a str,
    /// Front vowel harmony.
    fr: bool,
}

/// vowel-stem verbs: 52 sanoa, 53 muistaa (+54 huutaa, 56 kaivaa), 58 laskea, 61 sallia
fn vowel_stem(v: &Verb, s: &mut VStems) -> Option<()> {
    let Verb { inf, class, fr, .. } = *v;
    let st = chop(inf, 1).to_string(); // strong stem
    let wk = weak_or_same(&st);
    let slv = last(&st)?;
    s.weak = vec![wk.clone()];
    s.strong = vec![st.clone()];
    s.pres3 = v1(if ends_long(&st) {
        st.clone()
    } else {
        format!("{st}{slv}")
    });
    s.cond = v1(cond_of(&st));
    s.imp = vec![st.clone()];
    let pw = if class == "v53" {
        format!("{}e", chop(&wk, 1))
    } else {
        wk.clone()
    };
    s.pass_root = v1(cc(&pw, "t"));
    s.pass_pres = v1(cat(&pw, "tAAn", fr));
    s.pcp = v1(cat(&st, "nUt", fr));
    s.inf2 = v1(inf2_of(inf));
    match class {
        "v52" => {
            s.past_s = v1(cc(&st, "i"));
            s.past_w = v1(cc(&wk, "i"));
        }
        "v61" => {
            s.past_s = v1(st.clone());
            s.past_w = v1(wk.clone());
        }
        "v58" => {
            if st.ends_with("nte") {
                let p = format!("{}si", chop(&st, 2));
                s.past_s = v1(p.clone());
                s.past_w = v1(p);
            } else {
                s.past_s = v1(format!("{}i", chop(&st, 1)));
                s.past_w = v1(format!("{}i", chop(&wk, 1)));
            }
        }
        _ => {
            // 53/54/56
            let first_a = inf.chars().find(|c| is_vowel(*c)) == Some('a');
            let root = chop(&st, 1); // without final a/ä
            let two = syllables(inf) == 2;
            if !fr && two && first_a && !inf.ends_with("taitaa") {
                s.past_s = v1(cc(root, "oi"));
                s.past_w = v1(format!("{}oi", chop(&wk, 1)));
            } else if (root.ends_with("lt") || root.ends_with("nt") || root.ends_with("rt"))
                && !root.ends_with("ntt")
            {
                let p = format!("{}si", chop(root, 1));
                s.past_s = v1(p.clone());
                s.past_w = v1(p);
            } else if SI_PAST.iter().any(|x| inf.ends_with(x)) {
                let p = format!("{}si", chop(root, 1));
                s.past_s = vec![p.clone(), cc(root, "i")];
                s.past_w = v1(p);
            } else {
                s.past_s = v1(cc(root, "i"));
                s.past_w = v1(format!("{}i", chop(&wk, 1)));
            }
        }
    }
    Some(())
}

/// 62 voida, 63 saada, 64 juoda
fn voida_saada_juoda(v: &Verb, s: &mut VStems) {
    let Verb { inf, class, fr, .. } = *v;
    let st = chop(inf, 2).to_string();
    s.weak = vec![st.clone()];
    s.strong = vec![st.clone()];
    s.pres3 = vec![st.clone()];
    let past = match class {
        "v62" => st.clone(),
        "v63" => format!("{}i", chop(&st, 1)),
        _ => {
            let cs: Vec<char> = st.chars().collect();
            let n = cs.len();
            let mut p: String = cs[..n - 2].iter().collect();
            p.push(cs[n - 1]);
            p.push('i');
            p
        }
    };
    s.cond = v1(cc(&past, "si"));
    if class == "v62" {
        s.cond = v1(cc(&st, "si"));
    }
    s.past_s = vec![past.clone()];
    s.past_w = vec![past];
    s.imp = vec![st.clone()];
    s.pass_pres = v1(cat(inf, "An", fr));
    s.pass_root = vec![st.clone()];
    s.pcp = v1(cat(&st, "nUt", fr));
    s.inf2 = v1(inf2_of(inf));
}

/// 66 nousta/julkaista
fn nousta(v: &Verb, s: &mut VStems) {
    let Verb { inf, fr, .. } = *v;
    let r = chop(inf, 2).to_string();
    let st = cc(&r, "e");
    s.weak = vec![st.clone()];
    s.strong = vec![st.clone()];
    s.pres3 = v1(cc(&st, "e"));
    s.past_s = v1(cc(&r, "i"));
    s.past_w = s.past_s.clone();
    s.cond = v1(cc(&r, "isi"));
    s.imp = vec![r.clone()];
    s.pass_pres = v1(cat(inf, "An", fr));
    s.pass_root = vec![r.clone()];
    s.pcp = v1(cat(&r, "sUt", fr));
    s.inf2 = v1(inf2_of(inf));
}

/// 67 tulla/mennä/purra/ajatella
fn tulla(v: &Verb, s: &mut VStems) -> Option<()> {
    let Verb { inf, fr, .. } = *v;
    let r = chop(inf, 2).to_string();
    let c = last(&r)?;
    let body = chop(&r, 1); // ajate(l), epäi(l)
    // weak-grade infinitive: ajatella/ajattelen, kuunnella/kuuntelen,
    // jaella/jakelen; not after a diphthong (epäillä, kuvailla)
    let bc: Vec<char> = body.chars().rev().take(2).collect();
    let single = bc.len() == 2 && is_vowel(bc[0]) && !is_vowel(bc[1]);
    let hiatus = bc.len() == 2
        && is_vowel(bc[0])
        && is_vowel(bc[1])
        && !super::gradation::tautosyllabic(bc[1], bc[0]);
    let rrs: Vec<String> = if syllables(inf) >= 3 && (single || hiatus) {
        strengthen(
            body,
            Strong {
                zero: true,
                ..Default::default()
            },
        )
        .into_iter()
        .map(|b| format!("{b}{c}"))
        .collect()
    } else {
        vec![r.clone()]
    };
    for rr in &rrs {
        let st = cc(rr, "e");
        s.weak.push(st.clone());
        s.strong.push(st.clone());
        s.pres3.push(cc(&st, "e"));
        s.past_s.push(cc(rr, "i"));
        s.cond.push(cc(rr, "isi"));
    }
    s.past_w = s.past_s.clone();
    s.imp = vec![r.clone()];
    s.pass_pres = v1(cat(inf, "An", fr));
    s.pass_root = vec![r.clone()];
    s.pcp = v1(cat(&r, &format!("{c}Ut"), fr));
    s.inf2 = v1(inf2_of(inf));
    Some(())
}

/// 69 valita/tarvita
fn valita(v: &Verb, s: &mut VStems) {
    let Verb { inf, fr, .. } = *v;
    let r = chop(inf, 2).to_string();
    let st = cc(&r, "tse");
    s.weak = vec![st.clone()];
    s.strong = vec![st.clone()];
    s.pres3 = v1(cc(&st, "e"));
    s.past_s = v1(cc(&r, "tsi"));
    s.past_w = s.past_s.clone();
    s.cond = v1(cc(&r, "tsisi"));
    s.imp = v1(cc(&r, "t"));
    s.pass_pres = v1(cat(inf, "An", fr));
    s.pass_root = v1(cc(&r, "t"));
    s.pcp = v1(cat(&r, "nnUt", fr));
    s.inf2 = v1(inf2_of(inf));
}

/// 72 vanheta (-ne- stem)
fn vanheta(v: &Verb, s: &mut VStems) {
    let Verb { inf, fr, .. } = *v;
    let r = chop(inf, 2).to_string();
    for rr in strengthen(
        &r,
        Strong {
            zero: true,
            v: true,
            ..Default::default()
        },
    ) {
        let st = cc(&rr, "ne");
        s.weak.push(st.clone());
        s.strong.push(st.clone());
        s.pres3.push(cc(&st, "e"));
        s.past_s.push(cc(&rr, "ni"));
        s.cond.push(cc(&rr, "nisi"));
    }
    s.past_w = s.past_s.clone();
    s.imp = v1(cc(&r, "t"));
    s.pass_pres = v1(cat(inf, "An", fr));
    s.pass_root = v1(cc(&r, "t"));
    s.pcp = v1(cat(&r, "nnUt", fr));
    s.inf2 = v1(inf2_of(inf));
}

/// 73 tavata (long vowel stem), 74 haluta/todeta, 75 selvitä (-A stem)
fn tavata_haluta(v: &Verb, s: &mut VStems) {
    let Verb { inf, class, fr, .. } = *v;
    let r = chop(inf, 2).to_string();
    let a = if fr { "ä" } else { "a" };
    for rr in strengthen(
        &r,
        Strong {
            v: true,
            zero: class == "v74",
            ..Default::default()
        },
    ) {
        let st = if class == "v73" {
            format!("{rr}{}", last(&rr).unwrap_or('a'))
        } else {
            format!("{rr}{a}")
        };
        s.weak.push(st.clone());
        s.strong.push(st.clone());
        s.pres3.push(if class == "v73" {
            st.clone()
        } else {
            format!("{st}{a}")
        });
        s.past_s.push(cc(&rr, "si"));
        s.cond.push(if class == "v73" {
            cc(&rr, "isi")
        } else {
            cc(&st, "isi")
        });
    }
    s.past_w = s.past_s.clone();
    s.imp = v1(cc(&r, "t"));
    s.pass_pres = v1(cat(inf, "An", fr));
    s.pass_root = v1(cc(&r, "t"));
    s.pcp = v1(cat(&r, "nnUt", fr));
    s.inf2 = v1(inf2_of(inf));
}

/// Generate all forms of a verb from its stems.
pub fn conjugate(s: &VStems, out: &mut Out) {
    let fr = out.front;
    let full = Clitics::Full;
    let light = Clitics::Light;
    // stacked/colloquial clitics (-kOhAn, -ks, -pAs) only on the frequent
    // singular/passive forms; plural persons and rarer moods get -kin -kAAn -hAn -kO
    let nom = Clitics::Nominal;
    // infinitive 1 (+ long form with possessive)
    out.add(s.inf.clone(), full);
    out.poss(&format!("{}kse", s.inf), true);
    // present
    for w in &s.weak {
        for e in ["n", "t", "mme", "tte"] {
            out.add(format!("{w}{e}"), if e.len() > 1 { nom } else { full });
        }
        out.add(w.clone(), full); // negative / imperative 2sg
    }
    for p in &s.pres3 {
        out.add(p.clone(), full);
    }
    for st in &s.strong {
        out.add_s(st, "vAt", nom);
        // 3rd infinitive
        for e in [
            "mAAn", "mAssA", "mAstA", "mAllA", "mAttA", "mAn", "mAA", "mAs",
        ] {
            out.add_s(st, e, light);
        }
        out.poss(&cat(st, "mAllA", fr), true);
        // present participle -vA, agent participle -mA (+ possessives), -mAtOn
        let opts = DeclOpts {
            poss: false,
            clitics: Clitics::None,
            colloquial: false,
        };
        out.poss(&cat(st, "vA", fr), false); // sanoi tulevansa
        let va = cat(st, "vA", fr);
        if !LEXICALIZED_PARTICIPLES.contains(&va.as_str())
            && let Some(p) = paradigm(&va, "n10", fr)
        {
            decline(&p, out, opts);
        }
        let ma = cat(st, "mA", fr);
        if LEXICALIZED_PARTICIPLES.contains(&ma.as_str()) {
            continue;
        }
        if let Some(p) = paradigm(&ma, "n10", fr) {
            // the plural elative (tekemistä, tekemistään) is dropped: it is
            // far more often the partitive of the -minen noun (tekeminen)
            let start = out.forms.len();
            decline(&p, out, DeclOpts { poss: true, ..opts });
            let mist = cat(st, "mist", fr);
            let mut tail = out.forms.split_off(start);
            tail.retain(|f| !f.starts_with(&mist));
            out.forms.extend(tail);
        }
    }
    // past
    for p in &s.past_w {
        for e in ["n", "t", "mme", "tte"] {
            out.add(format!("{p}{e}"), if e.len() > 1 { nom } else { full });
        }
    }
    for p in &s.past_s {
        out.add(p.clone(), full);
        out.add_s(p, "vAt", nom);
    }
    // conditional
    for c in &s.cond {
        for e in ["n", "t", "", "mme", "tte"] {
            out.add(format!("{c}{e}"), if e.len() > 1 { nom } else { full });
        }
        out.add_s(c, "vAt", nom);
        out.add(chop(c, 1).to_string(), full); // colloquial "sanois"
    }
    // imperative
    for i in &s.imp {
        for e in ["kAA", "kOOn", "kAAmme", "kO"] {
            out.add_s(i, e, nom);
        }
    }
    // passive
    for pp in &s.pass_pres {
        out.add(pp.clone(), full);
        out.add(chop(pp, 1).to_string(), full); // mennää
        out.add(chop(pp, 2).to_string(), full); // negative: ei sanota
    }
    for r in &s.pass_root {
        for e in ["tiin", "tii", "tAisiin", "tAis", "tAneen", "tAkOOn"] {
            out.add_s(r, e, nom);
        }
        out.add_s(r, "tAessA", light);
        out.poss(&cat(r, "tUA", fr), true); // tultuani, tehtyään
        let opts = DeclOpts {
            poss: false,
            clitics: Clitics::None,
            colloquial: false,
        };
        let tu = cat(r, "tU", fr);
        let ptu = if syllables(&tu) >= 3 { "n2" } else { "n1" };
        if let Some(p) = paradigm(&tu, ptu, fr) {
            decline(&p, out, opts);
        }
        let tava = cat(r, "tAvA", fr);
        if !LEXICALIZED_PARTICIPLES.contains(&tava.as_str())
            && let Some(p) = paradigm(&tava, "n10", fr)
        {
            decline(&p, out, opts);
        }
    }
    // past active participle, potential
    for p in &s.pcp {
        let opts = DeclOpts {
            poss: false,
            clitics: Clitics::None,
            colloquial: false,
        };
        if let Some(par) = paradigm(p, "n47", fr) {
            decline(&par, out, opts);
        }
        out.poss(&format!("{}ee", chop(p, 2)), false); // sanoi tehneensä
        out.add(chop(p, 1).to_string(), light); // sanonu
        out.add(p.clone(), light); // ei tullutkaan
        out.add(format!("{}eet", chop(p, 2)), light);
        let pot = format!("{}e", chop(p, 2));
        for e in ["n", "t", "e", "mme", "tte"] {
            out.add(format!("{pot}{e}"), nom);
        }
        out.add_s(&pot, "vAt", nom);
        out.add(pot, nom);
    }
    // 2nd infinitive
    for e in &s.inf2 {
        let ine = cat(e, "ssA", fr);
        out.poss(&ine, true);
        out.add(ine, light);
        out.add(cc(e, "n"), light);
    }
}
