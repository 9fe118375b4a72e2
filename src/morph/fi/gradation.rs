//! Phonology helpers: vowels, vowel harmony, syllable counting and
//! consonant gradation (strong ⇄ weak grade of the last syllable's onset).
//!
//! All functions work on lowercase Finnish strings. Suffix templates use the
//! archiphonemes `A`, `O`, `U` which [`harm`] resolves to `a/ä`, `o/ö`, `u/y`.

/// True for the eight Finnish vowels.
pub fn is_vowel(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y' | 'ä' | 'ö')
}

/// Vowel harmony of a word: decided by the *last* harmonic vowel, so that
/// compounds harmonise by their last part (`kesäloma` → back, `iltapäivä` →
/// front). Words with only neutral vowels (`e`, `i`) are front.
pub fn is_front(word: &str) -> bool {
    for c in word.chars().rev() {
        match c {
            'a' | 'o' | 'u' => return false,
            'ä' | 'ö' | 'y' => return true,
            _ => {}
        }
    }
    true
}

/// Resolve harmony archiphonemes `A O U` in a suffix template.
pub fn harm(template: &str, front: bool) -> String {
    let mut s = String::with_capacity(template.len() + 4);
    for c in template.chars() {
        s.push(match (c, front) {
            ('A', false) => 'a',
            ('A', true) => 'ä',
            ('O', false) => 'o',
            ('O', true) => 'ö',
            ('U', false) => 'u',
            ('U', true) => 'y',
            (c, _) => c,
        });
    }
    s
}

/// Plain concatenation (cheaper than `format!` in hot loops).
pub fn cc(a: &str, b: &str) -> String {
    let mut s = String::with_capacity(a.len() + b.len());
    s.push_str(a);
    s.push_str(b);
    s
}

/// `stem` + harmonised `suffix`.
pub fn cat(stem: &str, suffix: &str, front: bool) -> String {
    let mut s = String::with_capacity(stem.len() + suffix.len() * 2);
    s.push_str(stem);
    let mut rest = suffix;
    // copy runs of plain bytes at once; only A/O/U need mapping
    while let Some(i) = rest.find(['A', 'O', 'U']) {
        s.push_str(&rest[..i]);
        s.push_str(match (rest.as_bytes()[i], front) {
            (b'A', false) => "a",
            (b'A', true) => "ä",
            (b'O', false) => "o",
            (b'O', true) => "ö",
            (b'U', false) => "u",
            _ => "y",
        });
        rest = &rest[i + 1..];
    }
    s.push_str(rest);
    s
}

/// Is the vowel pair `a b` a diphthong or long vowel (same syllable)?
pub fn tautosyllabic(a: char, b: char) -> bool {
    if a == b {
        return true;
    }
    matches!(
        (a, b),
        ('a', 'i')
            | ('e', 'i')
            | ('o', 'i')
            | ('u', 'i')
            | ('y', 'i')
            | ('ä', 'i')
            | ('ö', 'i')
            | ('a', 'u')
            | ('e', 'u')
            | ('i', 'u')
            | ('o', 'u')
            | ('e', 'y')
            | ('i', 'y')
            | ('ä', 'y')
            | ('ö', 'y')
            | ('i', 'e')
            | ('u', 'o')
            | ('y', 'ö')
    )
}

/// Number of syllables (vowel nuclei, with diphthongs/long vowels counted once;
/// `ie uo yö` only count as diphthongs in the first syllable).
pub fn syllables(word: &str) -> usize {
    let mut n = 0;
    let mut prev: Option<char> = None;
    let mut nucleus_len = 0;
    for c in word.chars() {
        if is_vowel(c) {
            let joins = match prev {
                Some(p) if is_vowel(p) && nucleus_len == 1 => {
                    tautosyllabic(p, c)
                        && !(n > 1 && matches!((p, c), ('i', 'e') | ('u', 'o') | ('y', 'ö')))
                }
                _ => false,
            };
            if joins {
                nucleus_len += 1;
            } else {
                n += 1;
                nucleus_len = 1;
            }
        } else {
            nucleus_len = 0;
        }
        prev = Some(c);
    }
    n
}

/// Last character.
pub fn last(s: &str) -> Option<char> {
    s.chars().next_back()
}

/// `s` without its last `n` characters.
pub fn chop(s: &str, n: usize) -> &str {
    let mut idx = s.len();
    let mut it = s.char_indices().rev();
    for _ in 0..n {
        match it.next() {
            Some((i, _)) => idx = i,
            None => return "",
        }
    }
    &s[..idx]
}

/// Does `s` end in a long vowel or diphthong?
pub fn ends_long(s: &str) -> bool {
    let mut it = s.chars().rev();
    match (it.next(), it.next()) {
        (Some(b), Some(a)) => is_vowel(a) && is_vowel(b) && tautosyllabic(a, b),
        _ => false,
    }
}

/// Split a vowel-final stem into (prefix, consonant cluster, final vowel nucleus).
/// `kauppa` → (`kau`, `pp`, `a`); `pöytä` → (`pöy`, `t`, `ä`); `koe` → (`ko`, ``, `e`).
pub fn split(stem: &str) -> (&str, &str, &str) {
    let chars: Vec<(usize, char)> = stem.char_indices().collect();
    let n = chars.len();
    if n == 0 || !is_vowel(chars[n - 1].1) {
        return (stem, "", "");
    }
    let mut v_start = n - 1;
    if n >= 2 && is_vowel(chars[n - 2].1) && tautosyllabic(chars[n - 2].1, chars[n - 1].1) {
        v_start = n - 2;
    }
    let mut c_start = v_start;
    while c_start > 0 && !is_vowel(chars[c_start - 1].1) {
        c_start -= 1;
    }
    let vb = chars[v_start].0;
    let cb = chars[c_start].0;
    (&stem[..cb], &stem[cb..vb], &stem[vb..])
}

/// Weak grade of a stem whose last syllable is in the strong grade, or `None`
/// when the stem has no gradating consonant. (`kauppa`→`kaupa`, `pöytä`→`pöydä`,
/// `joki`→`joe`-type: `joke`→`joe`, `aika`→`aja`, `suku`→`suvu`, `jälke`→`jälje`.)
pub fn weaken(stem: &str) -> Option<String> {
    let (pre, cons, vow) = split(stem);
    if pre.is_empty() || vow.is_empty() {
        return None;
    }
    let pl = last(pre).unwrap();
    let v0 = vow.chars().next().unwrap();
    let new_cons: String = match cons {
        "kk" | "pp" | "tt" => cons[..1].to_string(),
        "k" if is_vowel(pl) => {
            if (pl == 'u' && v0 == 'u') || (pl == 'y' && v0 == 'y') {
                "v".into()
            } else if (stem.ends_with("aika") || stem.ends_with("poika")) && pre.ends_with('i') {
                let mut p = chop(pre, 1).to_string();
                p.push('j');
                return Some(format!("{p}{vow}"));
            } else {
                String::new()
            }
        }
        "p" if is_vowel(pl) => "v".into(),
        "t" if is_vowel(pl) => "d".into(),
        "nk" => "ng".into(),
        "mp" => "mm".into(),
        "lt" => "ll".into(),
        "nt" => "nn".into(),
        "rt" => "rr".into(),
        "ht" => "hd".into(),
        "lk" => {
            if v0 == 'e' {
                "lj".into()
            } else {
                "l".into()
            }
        }
        "rk" => {
            if v0 == 'e' {
                "rj".into()
            } else {
                "r".into()
            }
        }

        "lp" => "lv".into(),
        "rp" => "rv".into(),
        c if c.len() == 3 && (c.ends_with("kk") || c.ends_with("pp") || c.ends_with("tt")) => {
            c[..2].to_string()
        }
        _ => return None,
    };
    Some(format!("{pre}{new_cons}{vow}"))
}

/// `weaken` or the stem itself.
pub fn weak_or_same(stem: &str) -> String {
    weaken(stem).unwrap_or_else(|| stem.to_string())
}

/// Options for [`strengthen`].
#[derive(Clone, Copy, Default)]
pub struct Strong {
    /// `v` → `p` (tavata → tapaa); the unchanged stem is kept as an alternative.
    pub v: bool,
    /// hiatus → `k` (koe → kokeen, paeta → pakenee); unchanged stem kept too.
    pub zero: bool,
    /// `rk`/`lk` → `rkk`/`lkk` (kirkas → kirkkaan).
    pub cluster: bool,
    /// Only single stops k/p/t double (kaunis-type -is adjectives).
    pub stops_only: bool,
}

/// Strong-grade variants of a stem whose last syllable is in the weak grade
/// (inverse gradation of weak-lemma classes: hammas/hampaan, tavata/tapaan,
/// liike/liikkeen, ajatella/ajattelen). First element is the preferred one;
/// returns the stem itself when nothing applies.
pub fn strengthen(stem: &str, o: Strong) -> Vec<String> {
    let (pre, cons, vow) = split(stem);
    let same = vec![stem.to_string()];
    if pre.is_empty() || vow.is_empty() {
        return same;
    }
    let pl = last(pre).unwrap();
    let mk = |c: &str| format!("{pre}{c}{vow}");
    match cons {
        "k" | "p" | "t" if is_vowel(pl) => vec![mk(&format!("{cons}{cons}"))],
        c if o.stops_only
            && c.len() == 2
            && matches!(c.as_bytes()[0], b'l' | b'r' | b'n' | b'h')
            && matches!(c.as_bytes()[1], b'k' | b'p' | b't') =>
        {
            vec![mk(&format!("{c}{}", &c[1..]))] // altis → alttiin
        }
        _ if o.stops_only => same,
        "d" if is_vowel(pl) => vec![mk("t")],
        "hd" => vec![mk("ht")],
        "v" if o.v && is_vowel(pl) => vec![mk("p"), stem.to_string()],
        // sonorant doubles are often not gradation (alle, kallis): keep both
        "ng" => vec![mk("nk"), stem.to_string()],
        "mm" => vec![mk("mp"), stem.to_string()],
        "ll" => vec![mk("lt"), stem.to_string()],
        "nn" => vec![mk("nt"), stem.to_string()],
        "rr" => vec![mk("rt"), stem.to_string()],
        "lv" | "rv" if o.v => vec![mk(&format!("{}p", &cons[..1])), stem.to_string()],
        "lj" if vow.starts_with('e') => vec![mk("lk")],
        "rj" if vow.starts_with('e') => vec![mk("rk")],
        "rk" | "lk" | "rp" | "lp" | "nk" if o.cluster => vec![mk(&format!("{cons}{}", &cons[1..]))],
        "" if o.zero && is_vowel(pl) => vec![mk("k"), stem.to_string()],
        _ => same,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn harmony() {
        assert!(!is_front("kesäloma"));
        assert!(is_front("iltapäivä"));
        assert!(is_front("tie"));
        assert!(!is_front("asiakaspalvelu"));
        assert_eq!(harm("ssA", true), "ssä");
    }

    #[test]
    fn syllable_count() {
        assert_eq!(syllables("kala"), 2);
        assert_eq!(syllables("lukea"), 3);
        assert_eq!(syllables("maa"), 1);
        assert_eq!(syllables("suo"), 1);
        assert_eq!(syllables("valtio"), 3);
        assert_eq!(syllables("palvelu"), 3);
        assert_eq!(syllables("juosta"), 2);
    }

    #[test]
    fn weak_grades() {
        assert_eq!(weaken("kauppa").unwrap(), "kaupa");
        assert_eq!(weaken("ilta").unwrap(), "illa");
        assert_eq!(weaken("pöytä").unwrap(), "pöydä");
        assert_eq!(weaken("aika").unwrap(), "aja");
        assert_eq!(weaken("suku").unwrap(), "suvu");
        assert_eq!(weaken("jälke").unwrap(), "jälje");
        assert_eq!(weaken("ranta").unwrap(), "ranna");
        assert_eq!(weaken("kaupunki").unwrap(), "kaupungi");
        assert_eq!(weaken("hankki").unwrap(), "hanki");
        assert!(weaken("matka").is_none());
        assert!(weaken("valtio").is_none());
    }

    #[test]
    fn strong_grades() {
        assert_eq!(strengthen("hamma", Strong::default())[0], "hampa");
        assert_eq!(strengthen("asiaka", Strong::default())[0], "asiakka");
        assert_eq!(
            strengthen(
                "tava",
                Strong {
                    v: true,
                    ..Default::default()
                }
            )[0],
            "tapa"
        );
        assert_eq!(strengthen("ko", Strong::default())[0], "ko");
        assert_eq!(
            strengthen(
                "koe",
                Strong {
                    zero: true,
                    ..Default::default()
                }
            )[0],
            "koke"
        );
        assert_eq!(strengthen("renga", Strong::default())[0], "renka");
        assert_eq!(
            strengthen(
                "kirka",
                Strong {
                    cluster: true,
                    ..Default::default()
                }
            )[0],
            "kirkka"
        );
    }
}
