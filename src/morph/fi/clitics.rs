//! Possessive suffixes and enclitic particles, plus a small output collector.
//!
//! Possessives attach to a *possessive base* (a case form without its final
//! `-n`/`-t`, translative `-ksi` → `-kse`, or the strong vowel stem for the
//! nominative). Clitics (`-kin -kAAn -hAn -pA -kO`, stacked `-kOhAn`, `-kOs`,
//! colloquial `-ks`) attach after everything else.

use super::gradation::{cat, ends_long, harm, is_vowel, last};

/// Clitic sets, from the most to the least permissive.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Clitics {
    /// Finite verbs: every clitic incl. stacked and colloquial ones.
    Full,
    /// Case forms: -kin -kAAn -hAn -kO.
    Nominal,
    /// Possessive / secondary forms: -kin -kAAn -hAn.
    Light,
    /// After possessive suffixes: -kin.
    Poss,
    /// Only -kin (participles, comparatives).
    Kin,
    /// No clitics.
    None,
}

// Every smaller set is a prefix of FULL (so harmonised strings are shared).
const FULL: &[&str] = &[
    "kin", "kAAn", "hAn", "kO", "pA", "kOhAn", "ks", "kOs", "pAs",
];
const NOMINAL: &[&str] = &FULL_PREFIX_4;
const FULL_PREFIX_4: [&str; 4] = ["kin", "kAAn", "hAn", "kO"];
const LIGHT: &[&str] = &["kin", "kAAn", "hAn"];
const KIN: &[&str] = &["kin"];
const POSS: &[&str] = &["kin"];

/// Collects forms; everything added goes through clitic attachment.
pub struct Out {
    pub forms: Vec<String>,
    pub front: bool,
    /// FULL clitics in this word's harmony; the other sets are prefixes of
    /// the same ordering (see `count`).
    harmonised: Vec<String>,
    /// Reduced output (secondary harmony variant): no possessives, at most -kin.
    pub lite: bool,
}

impl Out {
    pub fn new(front: bool) -> Self {
        let harmonised = FULL.iter().map(|c| harm(c, front)).collect();
        Out {
            forms: Vec::with_capacity(2048),
            front,
            harmonised,
            lite: false,
        }
    }

    /// Switch vowel harmony (for comparatives and harmony-ambiguous compounds).
    pub fn set_front(&mut self, front: bool) {
        if front != self.front {
            self.front = front;
            self.harmonised = FULL.iter().map(|c| harm(c, front)).collect();
        }
    }

    /// Add a finished form plus its clitic variants.
    pub fn add(&mut self, form: String, cl: Clitics) {
        let n = match cl {
            Clitics::Full => FULL.len(),
            Clitics::Nominal => NOMINAL.len(),
            Clitics::Light => LIGHT.len(),
            Clitics::Kin => KIN.len(),
            Clitics::Poss => POSS.len(),
            Clitics::None => 0,
        };
        let n = if self.lite { n.min(1) } else { n };
        for c in &self.harmonised[..n] {
            let mut f = String::with_capacity(form.len() + c.len());
            f.push_str(&form);
            f.push_str(c);
            self.forms.push(f);
        }
        self.forms.push(form);
    }

    /// Add `stem` + harmonised `suffix`.
    pub fn add_s(&mut self, stem: &str, suffix: &str, cl: Clitics) {
        let f = cat(stem, suffix, self.front);
        self.add(f, cl);
    }

    /// Add possessive forms on `base`. `vn`: whether the 3rd-person `-Vn`
    /// variant is allowed (only after a short case-ending vowel).
    pub fn poss(&mut self, base: &str, vn: bool) {
        if self.lite {
            return;
        }
        for p in ["ni", "si", "mme", "nne"] {
            self.add_s(base, p, Clitics::Poss);
        }
        // 3rd person: -Vn after a short case vowel (talossaan), else -nsA
        // (talonsa); the archaic talossansa is not generated
        match last(base) {
            Some(v) if vn && is_vowel(v) && !ends_long(base) => {
                let mut f = base.to_string();
                f.push(v);
                f.push('n');
                self.add(f, Clitics::Poss);
            }
            _ => self.add_s(base, "nsA", Clitics::Poss),
        }
    }
}
