//! Nominal inflection (nouns, adjectives, participles).
//!
//! Every declension class is reduced to a small set of stems ([`Par`]):
//! weak/strong singular vowel stems, partitive and illative forms (which are
//! the least regular), weak/strong plural stems ending in `-i`, and the plural
//! partitive/genitive/illative forms. [`decline`] then attaches the regular
//! case endings, possessive suffixes, clitics and colloquial truncations
//! (`illalla` → `illal`). Classes loosely follow the Kotus numbering.

use super::clitics::{Clitics, Out};
use super::gradation::{
    Strong, cat, cc, chop, ends_long, last, strengthen, syllables, weak_or_same,
};

/// Stems of a nominal paradigm. Vectors allow variant stems (union).
#[derive(Default, Debug)]
pub struct Par {
    pub nom: String,
    pub sgw: Vec<String>,
    pub sgs: Vec<String>,
    pub part: Vec<String>,
    pub ill: Vec<String>,
    pub plw: Vec<String>,
    pub pls: Vec<String>,
    pub ppart: Vec<String>,
    pub pgen: Vec<String>,
    pub pill: Vec<String>,
}

fn v(x: &str) -> Vec<String> {
    vec![x.to_string()]
}

fn dedup(v: &mut Vec<String>) {
    let mut seen: Vec<String> = Vec::with_capacity(v.len());
    v.retain(|x| {
        if seen.contains(x) {
            false
        } else {
            seen.push(x.clone());
            true
        }
    });
}

/// Illative singular of a vowel stem: `talo`→`taloon`, `maa`→`maahan`,
/// `vapaa`→`vapaaseen`, `valtio`→`valtioon`.
pub fn illative(stem: &str, fr: bool) -> String {
    let lv = last(stem).unwrap_or('a');
    if ends_long(stem) {
        if syllables(stem) == 1 {
            format!("{stem}h{lv}n")
        } else {
            cat(stem, "seen", fr)
        }
    } else {
        format!("{stem}{lv}n")
    }
}

/// Replace the final vowel of `s` with `rep`.
fn repl_last(s: &str, rep: &str) -> String {
    format!("{}{}", chop(s, 1), rep)
}

/// Build the paradigm for a nominal class.
pub fn paradigm(lemma: &str, class: &str, fr: bool) -> Option<Par> {
    paradigm_g(lemma, class, fr, true)
}

/// [`paradigm`] with consonant gradation switchable (`auto`/`auton`).
pub fn paradigm_g(lemma: &str, class: &str, fr: bool, grad: bool) -> Option<Par> {
    let l = Lemma {
        s: lemma,
        class,
        fr,
        grad,
    };
    let mut p = Par {
        nom: lemma.to_string(),
        ..Default::default()
    };
    match class {
        "n1" | "n2" => valo_palvelu(&l, &mut p),
        "n3" => valtio(&l, &mut p),
        "n5" | "n6" | "n5c" | "n6c" => risti_paperi(&l, &mut p),
        "n7" => ovi(&l, &mut p),
        "n26" | "n25" => tuli_lumi(&l, &mut p),
        "n8" => nalle(&l, &mut p),
        "n9" | "n10" | "n12" => kala_koira_kulkija(&l, &mut p),
        "n15" => korkea(&l, &mut p),
        "n18" | "n19" => maa_suo(&l, &mut p),
        "n17" => vapaa(&l, &mut p),
        "n27" | "n28" => kasi_kynsi(&l, &mut p),
        "n29" | "n30" => lapsi_veitsi(&l, &mut p),
        "n32" | "n49" => sisar_askel(&l, &mut p),
        "n33" => puhelin(&l, &mut p),
        "n35" => lammin(&l, &mut p),
        "n34" => tauoton(&l, &mut p),
        "n16" => comparative(&l, &mut p),
        "n36" => superlative(&l, &mut p),
        "n38" => nainen(&l, &mut p),
        "n39" => vastaus(&l, &mut p),
        "n40" => rakkaus(&l, &mut p),
        "n41" | "n41i" => asiakas_kaunis(&l, &mut p),
        "n43" => ohut(&l, &mut p),
        "n44" => kevat(&l, &mut p),
        "n45" => ordinal(&l, &mut p),
        "n47" => participle_nut(&l, &mut p),
        "n48" => hame(&l, &mut p),
        _ => return None,
    }
    for vv in [
        &mut p.sgw,
        &mut p.sgs,
        &mut p.pls,
        &mut p.plw,
        &mut p.ill,
        &mut p.part,
    ] {
        dedup(vv);
    }
    Some(p)
}

/// A lemma being declined: what the stems of its class are built from.
struct Lemma<'a> {
    s: &'a str,
    class: &'a str,
    /// Front vowel harmony.
    fr: bool,
    /// Consonant gradation applies.
    grad: bool,
}

impl Lemma<'_> {
    /// The weak grade of `x`, when the lemma gradates.
    fn weak(&self, x: &str) -> String {
        if self.grad {
            weak_or_same(x)
        } else {
            x.to_string()
        }
    }
}

/// 1 valo, 2 palvelu, 4 laatikko: o/u/y/ö stems
fn valo_palvelu(l: &Lemma, p: &mut Par) {
    let Lemma { s, class, fr, .. } = *l;
    let w = |x: &str| l.weak(x);
    let ws = w(s);
    p.sgs = v(s);
    p.sgw = v(&ws);
    p.part = vec![cat(s, "A", fr)];
    p.ill = vec![illative(s, fr)];
    p.pls = vec![cc(s, "i")];
    p.plw = vec![cc(&ws, "i")];
    p.ppart = vec![cat(s, "jA", fr)];
    p.pgen = vec![cc(s, "jen")];
    p.pill = vec![cc(s, "ihin")];
    if class == "n2" {
        p.pls.push(cc(&ws, "i"));
        p.ppart.push(cat(&ws, "itA", fr));
        p.pgen.push(cc(&ws, "iden"));
        p.pgen.push(cc(&ws, "itten"));
        p.pill.push(cc(&ws, "ihin"));
    }
}

/// 3 valtio: hiatus-final
fn valtio(l: &Lemma, p: &mut Par) {
    let Lemma { s, fr, .. } = *l;
    p.sgs = v(s);
    p.sgw = v(s);
    p.part = vec![cat(s, "tA", fr)];
    p.ill = vec![illative(s, fr)];
    p.pls = vec![cc(s, "i")];
    p.plw = p.pls.clone();
    p.ppart = vec![cat(s, "itA", fr)];
    p.pgen = vec![cc(s, "iden"), cc(s, "itten")];
    p.pill = vec![cc(s, "ihin")];
}

/// 5 risti, 6 paperi; "n5c"/"n6c": consonant-final loan + i
fn risti_paperi(l: &Lemma, p: &mut Par) {
    let Lemma { s, class, fr, .. } = *l;
    let w = |x: &str| l.weak(x);
    let st = if class.ends_with('c') {
        cc(s, "i")
    } else {
        s.to_string()
    };
    let ws = if class.ends_with('c') {
        st.clone()
    } else {
        w(&st)
    };
    let se = repl_last(&st, "e");
    let we = repl_last(&ws, "e");
    p.sgs = v(&st);
    p.sgw = v(&ws);
    p.part = vec![cat(&st, "A", fr)];
    p.ill = vec![cc(&st, "in")];
    p.pls = vec![cc(&se, "i")];
    p.plw = vec![cc(&we, "i")];
    p.ppart = vec![cat(&se, "jA", fr)];
    p.pgen = vec![cc(&st, "en")];
    p.pill = vec![cc(&se, "ihin")];
    if class.starts_with("n6") {
        p.ppart.push(cat(&we, "itA", fr));
        p.pgen.push(cc(&we, "iden"));
        p.pgen.push(cc(&we, "itten"));
    }
}

/// 7 ovi: e-stem, vowel partitive
fn ovi(l: &Lemma, p: &mut Par) {
    let Lemma { s, fr, .. } = *l;
    let w = |x: &str| l.weak(x);
    let se = repl_last(s, "e");
    p.sgs = v(&se);
    p.sgw = v(&w(&se));
    p.part = vec![cat(&se, "A", fr)];
    p.ill = vec![cc(&se, "en")];
    p.pls = v(s);
    p.plw = v(&w(s));
    p.ppart = vec![cat(s, "A", fr)];
    p.pgen = vec![cc(s, "en")];
    p.pill = vec![cc(s, "in")];
}

/// 23-26 tuli/kieli/suuri: e-stem, consonant partitive; "n25" lumi both
fn tuli_lumi(l: &Lemma, p: &mut Par) {
    let Lemma { s, class, fr, .. } = *l;
    let se = repl_last(s, "e");
    let mut c = chop(s, 1).to_string();
    if c.ends_with('m') {
        c = format!("{}n", chop(&c, 1));
    }
    p.sgs = v(&se);
    p.sgw = v(&se);
    p.part = vec![cat(&c, "tA", fr)];
    p.ill = vec![cc(&se, "en")];
    p.pls = v(s);
    p.plw = v(s);
    p.ppart = vec![cat(s, "A", fr)];
    p.pgen = vec![cc(s, "en"), cc(&c, "ten")];
    p.pill = vec![cc(s, "in")];
    if class == "n25" {
        p.part.push(cat(&se, "A", fr));
    }
}

/// 8 nalle
fn nalle(l: &Lemma, p: &mut Par) {
    let Lemma { s, fr, .. } = *l;
    let w = |x: &str| l.weak(x);
    p.sgs = v(s);
    p.sgw = v(&w(s));
    p.part = vec![cat(s, "A", fr)];
    p.ill = vec![cc(s, "en")];
    p.pls = vec![cc(s, "i")];
    p.plw = vec![format!("{}i", w(s))];
    p.ppart = vec![cat(s, "jA", fr)];
    p.pgen = vec![cc(s, "jen"), format!("{}ien", chop(s, 1))];
    p.pill = vec![cc(s, "ihin")];
}

/// 9 kala (o-plural), 10 koira (i-plural), 12 kulkija (both + oi)
fn kala_koira_kulkija(l: &Lemma, p: &mut Par) {
    let Lemma { s, class, fr, .. } = *l;
    let w = |x: &str| l.weak(x);
    let o = if fr { "ö" } else { "o" };
    let ws = w(s);
    let base = chop(s, 1);
    let wbase = chop(&ws, 1).to_string();
    p.sgs = v(s);
    p.sgw = v(&ws);
    p.part = vec![cat(s, "A", fr)];
    p.ill = vec![cat(s, "An", fr)];
    if class == "n9" || class == "n12" {
        p.pls.push(format!("{base}{o}i"));
        p.plw.push(format!("{wbase}{o}i"));
        p.ppart.push(cat(&format!("{base}{o}"), "jA", fr));
        p.pgen.push(format!("{base}{o}jen"));
        p.pill.push(format!("{base}{o}ihin"));
    }
    if class == "n10" || class == "n12" {
        p.pls.push(cc(base, "i"));
        p.plw.push(cc(&wbase, "i"));
        p.ppart.push(cat(&cc(base, "i"), "A", fr));
        p.pgen.push(cc(base, "ien"));
        p.pill.push(cc(base, "iin"));
    }
    if class == "n12" {
        p.pls.push(format!("{wbase}{o}i"));
        p.ppart.push(cat(&format!("{wbase}{o}i"), "tA", fr));
        p.pgen.push(format!("{wbase}{o}iden"));
        p.pgen.push(format!("{wbase}{o}itten"));
        p.pill.push(format!("{wbase}{o}ihin"));
        p.pill.push(format!("{base}{o}ihin"));
    }
}

/// 15 korkea
fn korkea(l: &Lemma, p: &mut Par) {
    let Lemma { s, fr, .. } = *l;
    let o = if fr { "ö" } else { "o" };
    let base = chop(s, 1);
    p.sgs = v(s);
    p.sgw = v(s);
    p.part = vec![cat(s, "A", fr), cat(s, "tA", fr)];
    p.ill = vec![cat(s, "An", fr)];
    p.pls = vec![cc(base, "i"), format!("{base}{o}i")];
    p.plw = p.pls.clone();
    for pl in p.pls.clone() {
        p.ppart.push(cat(&pl, "tA", fr));
        p.pgen.push(cc(&pl, "den"));
        p.pgen.push(cc(&pl, "tten"));
        p.pill.push(cc(&pl, "hin"));
        p.pill.push(cc(&pl, "siin"));
    }
}

/// 18 maa, 19 suo (one-syllable long vowel / diphthong)
fn maa_suo(l: &Lemma, p: &mut Par) {
    let Lemma { s, class, fr, .. } = *l;
    let pl = if class == "n19" {
        let mut it = s.chars().rev();
        let _ = it.next();
        let _ = it.next();
        format!(
            "{}{}i",
            chop(s, 2),
            &s[s.len() - last(s).unwrap().len_utf8()..]
        )
    } else if last(s) == Some('i') {
        s.to_string()
    } else {
        format!("{}i", chop(s, 1))
    };
    p.sgs = v(s);
    p.sgw = v(s);
    p.part = vec![cat(s, "tA", fr)];
    p.ill = vec![format!("{s}h{}n", last(s).unwrap())];
    p.pls = v(&pl);
    p.plw = v(&pl);
    p.ppart = vec![cat(&pl, "tA", fr)];
    p.pgen = vec![cc(&pl, "den"), cc(&pl, "tten")];
    p.pill = vec![cc(&pl, "hin")];
}

/// 17/20 vapaa, filee (multi-syllable long vowel)
fn vapaa(l: &Lemma, p: &mut Par) {
    let Lemma { s, fr, .. } = *l;
    let pl = format!("{}i", chop(s, 1));
    p.sgs = v(s);
    p.sgw = v(s);
    p.part = vec![cat(s, "tA", fr)];
    p.ill = vec![cat(s, "seen", fr), format!("{s}h{}n", last(s).unwrap())];
    p.pls = v(&pl);
    p.plw = v(&pl);
    p.ppart = vec![cat(&pl, "tA", fr)];
    p.pgen = vec![cc(&pl, "den"), cc(&pl, "tten")];
    p.pill = vec![cc(&pl, "siin"), cc(&pl, "hin")];
}

/// 27 käsi, 28 kynsi/varsi
fn kasi_kynsi(l: &Lemma, p: &mut Par) {
    let Lemma { s, class, fr, .. } = *l;
    let root = chop(s, 2);
    let weak = if class == "n27" {
        cc(root, "de")
    } else {
        format!("{root}{}e", last(root).unwrap_or('n'))
    };
    p.sgs = vec![cc(root, "te")];
    p.sgw = vec![weak];
    p.part = vec![cat(root, "ttA", fr)];
    p.ill = vec![cc(root, "teen")];
    p.pls = v(s);
    p.plw = v(s);
    p.ppart = vec![cat(s, "A", fr)];
    p.pgen = vec![cc(s, "en"), cc(root, "tten")];
    p.pill = vec![cc(s, "in")];
}

/// 29 lapsi, 30 veitsi
fn lapsi_veitsi(l: &Lemma, p: &mut Par) {
    let Lemma { s, fr, .. } = *l;
    let se = repl_last(s, "e");
    let root = chop(s, 3); // la(psi), vei(tsi)
    p.sgs = v(&se);
    p.sgw = v(&se);
    p.part = vec![cat(root, "stA", fr)];
    p.ill = vec![cc(&se, "en")];
    p.pls = v(s);
    p.plw = v(s);
    p.ppart = vec![cat(s, "A", fr)];
    p.pgen = vec![cc(s, "en"), cc(root, "sten")];
    p.pill = vec![cc(s, "in")];
}

/// 32 sisar/tytär/jäsen, 49 askel
fn sisar_askel(l: &Lemma, p: &mut Par) {
    let Lemma { s, class, fr, .. } = *l;
    let c = last(s).unwrap();
    let root = chop(s, 1);
    let sr = strengthen(
        root,
        Strong {
            zero: true,
            ..Default::default()
        },
    )[0]
    .clone();
    let st = format!("{sr}{c}e");
    p.sgs = v(&st);
    p.sgw = v(&st);
    p.part = vec![cat(s, "tA", fr)];
    p.ill = vec![cc(&st, "en")];
    p.pls = vec![format!("{sr}{c}i")];
    p.plw = p.pls.clone();
    p.ppart = vec![cat(&p.pls[0], "A", fr)];
    p.pgen = vec![format!("{}en", p.pls[0]), cc(s, "ten")];
    p.pill = vec![format!("{}in", p.pls[0])];
    if class == "n49" {
        let long = cc(&st, "e");
        p.sgs.push(long.clone());
        p.sgw.push(long.clone());
        p.part.push(cat(&st, "ttA", fr));
        p.ill.push(cat(&long, "seen", fr));
        let pl = cc(&st, "i");
        p.pls.push(pl.clone());
        p.plw.push(pl.clone());
        p.ppart.push(cat(&pl, "tA", fr));
        p.pgen.push(cc(&pl, "den"));
        p.pill.push(cc(&pl, "siin"));
    }
}

/// 33 puhelin/avain/sydän, kaiutin/kaiuttimen, laidun/laitumen
fn puhelin(l: &Lemma, p: &mut Par) {
    let Lemma { s, fr, .. } = *l;
    let mut roots = strengthen(chop(s, 1), Strong::default());
    roots.push(chop(s, 1).to_string());
    for root in &roots {
        p.sgs.push(cc(root, "me"));
        p.ill.push(cc(root, "meen"));
        p.pls.push(cc(root, "mi"));
        p.ppart.push(cat(root, "miA", fr));
        p.pgen.push(cc(root, "mien"));
        p.pill.push(cc(root, "miin"));
    }
    p.sgw = p.sgs.clone();
    p.plw = p.pls.clone();
    p.part = vec![cat(s, "tA", fr)];
    p.pgen.push(cc(s, "ten"));
}

/// 35 lämmin (lämpimän)
fn lammin(l: &Lemma, p: &mut Par) {
    let Lemma { s, fr, .. } = *l;
    let root = format!("{}pimä", chop(s, 3)); // läm|pimä
    p.sgs = v(&root);
    p.sgw = v(&root);
    p.part = vec![cat(s, "tA", fr)];
    p.ill = vec![cc(&root, "än")];
    p.pls = vec![format!("{}i", chop(&root, 1))];
    p.plw = p.pls.clone();
    p.ppart = vec![format!("{}iä", chop(&root, 1))];
    p.pgen = vec![format!("{}ien", chop(&root, 1))];
    p.pill = vec![format!("{}iin", chop(&root, 1))];
}

/// 34 -tOn (tauoton/tauottoman), "n34m" -mAtOn
fn tauoton(l: &Lemma, p: &mut Par) {
    let Lemma { s, fr, .. } = *l;
    let root = chop(s, 3);
    let st = cat(root, "ttOmA", fr);
    let pl = cat(root, "ttOmi", fr);
    p.sgs = v(&st);
    p.sgw = v(&st);
    p.part = vec![cat(s, "tA", fr)];
    p.ill = vec![cat(&st, "An", fr)];
    p.pls = v(&pl);
    p.plw = v(&pl);
    p.ppart = vec![cat(&pl, "A", fr)];
    p.pgen = vec![cc(&pl, "en"), cc(s, "ten")];
    p.pill = vec![cc(&pl, "in")];
}

/// 16 comparative -mpi
fn comparative(l: &Lemma, p: &mut Par) {
    let Lemma { s, fr, .. } = *l;
    let root = chop(s, 3);
    p.sgs = vec![cat(root, "mpA", fr)];
    p.sgw = vec![cat(root, "mmA", fr)];
    p.part = vec![cat(root, "mpAA", fr)];
    p.ill = vec![cat(root, "mpAAn", fr)];
    p.pls = vec![cc(root, "mpi")];
    p.plw = vec![cc(root, "mmi")];
    p.ppart = vec![cat(root, "mpiA", fr)];
    p.pgen = vec![cc(root, "mpien"), cat(root, "mpAin", fr)];
    p.pill = vec![cc(root, "mpiin")];
}

/// 36 superlative -in
fn superlative(l: &Lemma, p: &mut Par) {
    let Lemma { s, fr, .. } = *l;
    let root = chop(s, 2);
    p.sgs = vec![cat(root, "impA", fr)];
    p.sgw = vec![cat(root, "immA", fr)];
    p.part = vec![cat(s, "tA", fr)];
    p.ill = vec![cat(root, "impAAn", fr)];
    p.pls = vec![cc(root, "impi")];
    p.plw = vec![cc(root, "immi")];
    p.ppart = vec![cat(root, "impiA", fr)];
    p.pgen = vec![cc(root, "impien"), cc(root, "inten")];
    p.pill = vec![cc(root, "impiin")];
}

/// 38 nainen
fn nainen(l: &Lemma, p: &mut Par) {
    let Lemma { s, fr, .. } = *l;
    let root = chop(s, 3);
    p.sgs = vec![cc(root, "se")];
    p.sgw = p.sgs.clone();
    p.part = vec![cat(root, "stA", fr)];
    p.ill = vec![cc(root, "seen")];
    p.pls = vec![cc(root, "si")];
    p.plw = p.pls.clone();
    p.ppart = vec![cat(root, "siA", fr)];
    p.pgen = vec![cc(root, "sten"), cc(root, "sien")];
    p.pill = vec![cc(root, "siin")];
}

/// 39 vastaus
fn vastaus(l: &Lemma, p: &mut Par) {
    let Lemma { s, fr, .. } = *l;
    let r = chop(s, 1);
    p.sgs = vec![cc(r, "kse")];
    p.sgw = p.sgs.clone();
    p.part = vec![cat(s, "tA", fr)];
    p.ill = vec![cc(r, "kseen")];
    p.pls = vec![cc(r, "ksi")];
    p.plw = p.pls.clone();
    p.ppart = vec![cat(r, "ksiA", fr)];
    p.pgen = vec![cc(r, "ksien"), cc(s, "ten")];
    p.pill = vec![cc(r, "ksiin")];
}

/// 40 rakkaus
fn rakkaus(l: &Lemma, p: &mut Par) {
    let Lemma { s, fr, .. } = *l;
    let root = chop(s, 1);
    p.sgs = vec![cc(root, "te")];
    p.sgw = vec![cc(root, "de")];
    p.part = vec![cat(root, "ttA", fr)];
    p.ill = vec![cc(root, "teen")];
    p.pls = vec![cc(root, "ksi")];
    p.plw = p.pls.clone();
    p.ppart = vec![cat(root, "ksiA", fr)];
    p.pgen = vec![cc(root, "ksien")];
    p.pill = vec![cc(root, "ksiin")];
}

/// 41 asiakas/hammas/kaunis
fn asiakas_kaunis(l: &Lemma, p: &mut Par) {
    let Lemma { s, class, fr, .. } = *l;
    let root = chop(s, 1);
    let opts = if class == "n41i" {
        Strong {
            stops_only: true,
            ..Default::default()
        }
    } else {
        Strong {
            v: true,
            cluster: true,
            ..Default::default()
        }
    };
    let lv = last(root).unwrap_or('a');
    for sr in strengthen(root, opts) {
        let long = format!("{sr}{lv}");
        let pl = cc(&sr, "i");
        p.sgs.push(long.clone());
        p.sgw.push(long.clone());
        p.ill.push(cat(&long, "seen", fr));
        p.ppart.push(cat(&pl, "tA", fr));
        p.pgen.push(cc(&pl, "den"));
        p.pgen.push(cc(&pl, "tten"));
        p.pill.push(cc(&pl, "siin"));
        p.pill.push(cc(&pl, "hin"));
        p.pls.push(pl.clone());
        p.plw.push(pl);
    }
    p.part = vec![cat(s, "tA", fr)];
    p.pgen.push(cc(s, "ten"));
}

/// 43 ohut/kevyt/olut
fn ohut(l: &Lemma, p: &mut Par) {
    let Lemma { s, fr, .. } = *l;
    let root = chop(s, 1);
    let st = cc(root, "e");
    let pl = cc(root, "i");
    p.sgs = v(&st);
    p.sgw = v(&st);
    p.part = vec![cat(s, "tA", fr)];
    p.ill = vec![cc(&st, "en")];
    p.pls = v(&pl);
    p.plw = v(&pl);
    p.ppart = vec![cat(&pl, "tA", fr)];
    p.pgen = vec![cc(&pl, "den"), cc(&pl, "tten")];
    p.pill = vec![cc(&pl, "hin"), cc(&pl, "siin")];
}

/// 44 kevät
fn kevat(l: &Lemma, p: &mut Par) {
    let Lemma { s, fr, .. } = *l;
    let root = chop(s, 1);
    let st = format!("{root}{}", last(root).unwrap_or('a'));
    let pl = cc(root, "i");
    p.sgs = v(&st);
    p.sgw = v(&st);
    p.part = vec![cat(s, "tA", fr)];
    p.ill = vec![cat(&st, "seen", fr)];
    p.pls = v(&pl);
    p.plw = v(&pl);
    p.ppart = vec![cat(&pl, "tA", fr)];
    p.pgen = vec![cc(&pl, "den"), cc(&pl, "tten"), cc(s, "ten")];
    p.pill = vec![cc(&pl, "siin"), cc(&pl, "hin")];
}

/// 45 ordinals kolmas
fn ordinal(l: &Lemma, p: &mut Par) {
    let Lemma { s, fr, .. } = *l;
    let root = chop(s, 1);
    p.sgs = vec![cc(root, "nte")];
    p.sgw = vec![cc(root, "nne")];
    p.part = vec![cat(root, "ttA", fr)];
    p.ill = vec![cc(root, "nteen")];
    p.pls = vec![cc(root, "nsi")];
    p.plw = p.pls.clone();
    p.ppart = vec![cat(root, "nsiA", fr)];
    p.pgen = vec![cc(root, "nsien")];
    p.pill = vec![cc(root, "nsiin")];
}

/// 47 -nUt participles/adjectives
fn participle_nut(l: &Lemma, p: &mut Par) {
    let Lemma { s, fr, .. } = *l;
    let root = chop(s, 2);
    let st = cc(root, "ee");
    let pl = cc(root, "ei");
    p.sgs = v(&st);
    p.sgw = v(&st);
    p.part = vec![cat(s, "tA", fr)];
    p.ill = vec![cc(&st, "seen")];
    p.pls = v(&pl);
    p.plw = v(&pl);
    p.ppart = vec![cat(&pl, "tA", fr)];
    p.pgen = vec![cc(&pl, "den"), cc(&pl, "tten")];
    p.pill = vec![cc(&pl, "siin"), cc(&pl, "hin")];
}

/// 48 hame/liike/koe
fn hame(l: &Lemma, p: &mut Par) {
    let Lemma { s, fr, .. } = *l;
    p.part = vec![cat(s, "ttA", fr)];
    for sr in strengthen(
        s,
        Strong {
            v: true,
            zero: syllables(s) == 2,
            cluster: true,
            ..Default::default()
        },
    ) {
        let long = cc(&sr, "e");
        let pl = cc(&sr, "i");
        p.sgs.push(long.clone());
        p.sgw.push(long.clone());
        p.ill.push(cat(&long, "seen", fr));
        p.ppart.push(cat(&pl, "tA", fr));
        p.pgen.push(cc(&pl, "den"));
        p.pgen.push(cc(&pl, "tten"));
        p.pill.push(cc(&pl, "siin"));
        p.pill.push(cc(&pl, "hin"));
        p.pls.push(pl.clone());
        p.plw.push(pl);
    }
}

/// Locative-type endings on weak stems (`-n` genitive and `-t` plural handled apart).
const SG_WEAK_CASES: &[&str] = &["ssA", "stA", "llA", "ltA", "lle", "ttA"];

/// Options for [`decline`].
#[derive(Clone, Copy)]
pub struct DeclOpts {
    pub poss: bool,
    pub clitics: Clitics,
    pub colloquial: bool,
}

/// Generate all case forms of a paradigm into `out`.
pub fn decline(p: &Par, out: &mut Out, o: DeclOpts) {
    let fr = out.front;
    let cl = o.clitics;
    let pcl = if cl == Clitics::Nominal || cl == Clitics::Full {
        Clitics::Light
    } else {
        cl
    };
    let colloq = o.colloquial && syllables(&p.nom) >= 2;
    out.add(
        p.nom.clone(),
        if cl == Clitics::Nominal {
            Clitics::Full
        } else {
            cl
        },
    );
    let add_case = |out: &mut Out, stem: &str, end: &str, poss: bool| {
        let f = cat(stem, end, fr);
        if colloq
            && end.len() == 3
            && (end.starts_with("st") || end.starts_with("ll") || end.starts_with("lt"))
            && end != "lle"
        {
            // illalla -> illal, talosta -> talost (not talossa -> talos: collides
            // with -s nouns like eräs, hallitus)
            let t = chop(
                &f,
                if end.starts_with("st") || end.starts_with("lt") {
                    1
                } else {
                    2
                },
            )
            .to_string();
            out.add(t, Clitics::None);
        }
        if poss && o.poss && end != "ttA" {
            out.poss(&f, true);
        }
        // -kO is kept for the core cases only (talossako is rare)
        out.add(f, pcl);
    };
    for wst in &p.sgw {
        out.add(cc(wst, "n"), cl);
        out.add(cc(wst, "t"), cl);
        for e in SG_WEAK_CASES {
            add_case(out, wst, e, true);
        }
        let tr = cc(wst, "ksi");
        out.add(tr, pcl);
        if o.poss {
            out.poss(&cc(wst, "kse"), true);
        }
    }
    for sst in &p.sgs {
        add_case(out, sst, "nA", true);
        if o.poss {
            out.poss(sst, false);
        }
    }
    for f in &p.part {
        if o.poss {
            out.poss(f, true);
        }
        out.add(f.clone(), cl);
    }
    for f in p.ill.iter().chain(p.pgen.iter()).chain(p.pill.iter()) {
        if o.poss && f.ends_with('n') {
            out.poss(chop(f, 1), false);
        }
        out.add(f.clone(), pcl);
    }
    for f in &p.ppart {
        if o.poss {
            out.poss(f, true);
        }
        out.add(f.clone(), cl);
    }
    for wst in &p.plw {
        for e in SG_WEAK_CASES {
            add_case(out, wst, e, true);
        }
        out.add(cc(wst, "ksi"), pcl);
        if o.poss {
            out.poss(&cc(wst, "kse"), true);
        }
    }
    for sst in &p.pls {
        add_case(out, sst, "nA", true);
        out.add(cc(sst, "ne"), Clitics::None); // comitative (uusine autoineen)
        if o.poss {
            out.poss(&cc(sst, "ne"), true);
        }
    }
}

/// Stem used for comparatives/superlatives of an adjective of class `class`,
/// as (comparative stem for `-mpi`/`-mmin`, superlative stem for `-in`/`-immin`).
pub fn degree_stems(lemma: &str, class: &str, fr: bool) -> Option<(String, String)> {
    let s = lemma;
    let lv = last(s)?;
    Some(match class {
        "n1" | "n2" => {
            let w = weak_or_same(s);
            (w.clone(), w)
        }
        "n9" | "n10" | "n12" => {
            let w = weak_or_same(s);
            let base = chop(&w, 1).to_string();
            if syllables(s) == 2 {
                (cc(&base, "e"), base)
            } else {
                (w, base)
            }
        }
        "n15" => (s.to_string(), chop(s, 1).to_string()),
        "n5" | "n6" | "n7" | "n26" | "n25" => {
            let w = weak_or_same(&repl_last(s, "e"));
            (w.clone(), chop(&w, 1).to_string())
        }
        "n27" => {
            let root = chop(s, 2);
            (cc(root, "de"), chop(s, 1).to_string())
        }
        "n38" => {
            let root = chop(s, 3);
            (cc(root, "se"), cc(root, "s"))
        }
        "n41" | "n41i" => {
            let root = chop(s, 1);
            let sr = strengthen(
                root,
                Strong {
                    cluster: true,
                    stops_only: class == "n41i",
                    ..Default::default()
                },
            )[0]
            .clone();
            if lv == 's' && root.ends_with('i') {
                (cc(&sr, "i"), format!("{}e", chop(&sr, 1)))
            } else {
                (format!("{sr}{}", last(&sr).unwrap()), sr)
            }
        }
        "n34" => {
            let root = chop(s, 3);
            (cat(root, "ttOmA", fr), cat(root, "ttOm", fr))
        }
        "n43" => {
            let root = chop(s, 1);
            (cc(root, "e"), root.to_string())
        }
        "n48" => (cc(s, "e"), s.to_string()),
        "n47" => {
            let root = chop(s, 2);
            (cc(root, "ee"), cc(root, "e"))
        }
        _ => return None,
    })
}

/// Add comparative and superlative forms (no possessives, light clitics).
pub fn degrees(comp: &str, sup: &str, out: &mut Out) {
    let saved = out.front;
    let fr = super::gradation::is_front(&cc(comp, "mpi"));
    out.set_front(fr);
    let opts = DeclOpts {
        poss: false,
        clitics: Clitics::Kin,
        colloquial: false,
    };
    let c = cat(comp, "mpi", fr);
    if let Some(p) = paradigm(&c, "n16", fr) {
        decline(&p, out, opts);
    }
    let sl = cc(sup, "in");
    if let Some(p) = paradigm(&sl, "n36", fr) {
        decline(&p, out, opts);
    }
    out.set_front(saved);
}
