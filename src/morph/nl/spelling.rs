//! Dutch spelling helpers shared by the noun, adjective and verb generators.
//!
//! Dutch orthography marks vowel length through syllable structure:
//! a long vowel is written single in an open syllable (`ma-nen`) and double in a
//! closed one (`maan`); a short vowel is always followed by a consonant, so when a
//! vowel-initial suffix is added the consonant is doubled (`bal` → `bal-len`).
//! Final `f`/`s` may stand for underlying `v`/`z` (`brief`/`brieven`,
//! `huis`/`huizen`). These rules are implemented here once and reused by all
//! word classes: [`add_vowel_suffix`] is the workhorse.

/// True for Dutch vowel letters (including accented variants and `y`).
pub fn is_vowel(c: char) -> bool {
    matches!(
        c,
        'a' | 'e'
            | 'i'
            | 'o'
            | 'u'
            | 'y'
            | 'à'
            | 'á'
            | 'â'
            | 'ä'
            | 'è'
            | 'é'
            | 'ê'
            | 'ë'
            | 'ì'
            | 'í'
            | 'î'
            | 'ï'
            | 'ò'
            | 'ó'
            | 'ô'
            | 'ö'
            | 'ù'
            | 'ú'
            | 'û'
            | 'ü'
    )
}

/// Number of vowel groups (a rough syllable count; `ij` counts as a vowel).
pub fn syllables(w: &str) -> usize {
    let cs: Vec<char> = w.chars().collect();
    let mut n = 0;
    let mut prev = false;
    for (i, &c) in cs.iter().enumerate() {
        let v = is_vowel(c) || (c == 'j' && i > 0 && cs[i - 1] == 'i');
        if v && !prev {
            n += 1;
        }
        prev = v;
    }
    n
}

/// Structure of the last syllable: (onset-end index, vowel group, coda) as char vectors.
pub struct Tail {
    /// everything before the final vowel group
    pub head: String,
    /// the final vowel group, e.g. "aa", "ie", "ij", "e"
    pub vowel: String,
    /// consonants after the final vowel group
    pub coda: String,
}

/// Split a word into everything before the final vowel group, the vowel group and the coda.
pub fn tail(w: &str) -> Tail {
    let cs: Vec<char> = w.chars().collect();
    let mut end = cs.len();
    // coda: trailing consonants (but `j` after `i` is part of the vowel `ij`)
    while end > 0 {
        let c = cs[end - 1];
        if is_vowel(c) || (c == 'j' && end >= 2 && cs[end - 2] == 'i') {
            break;
        }
        end -= 1;
    }
    let mut start = end;
    while start > 0 {
        let c = cs[start - 1];
        if is_vowel(c) || (c == 'j' && start >= 2 && cs[start - 2] == 'i') {
            start -= 1;
        } else {
            break;
        }
    }
    // officieel, ideaal: only the final doubled vowel is the nucleus
    if end - start >= 3
        && cs[end - 1] == cs[end - 2]
        && matches!(cs[end - 1], 'a' | 'e' | 'o' | 'u')
    {
        start = end - 2;
    }
    Tail {
        head: cs[..start].iter().collect(),
        vowel: cs[start..end].iter().collect(),
        coda: cs[end..].iter().collect(),
    }
}

/// True when the final syllable is a schwa syllable (`-el`, `-em`, `-en`, `-er` after
/// another syllable, or the bare `-e` of `ziekte`).
pub fn schwa_final(w: &str) -> bool {
    let t = tail(w);
    if t.vowel != "e" || syllables(w) < 2 {
        return false;
    }
    matches!(t.coda.as_str(), "l" | "m" | "n" | "r" | "")
}

/// Add a suffix beginning with a vowel (`en`, `e`, `er`, `ere`, `ers`, `etje`…) to `base`,
/// applying Dutch spelling rules. Returns every plausible spelling (the first is the
/// most regular one); callers may over-generate because alternatives rarely collide
/// with other words.
pub fn add_vowel_suffix(base: &str, suf: &str) -> Vec<String> {
    let mut out = Vec::new();
    let t = tail(base);
    let coda: Vec<char> = t.coda.chars().collect();
    let v = t.vowel.as_str();
    if coda.is_empty() {
        // vowel-final stems
        match v {
            "e" if syllables(base) >= 2 || base.len() <= 2 => {
                // schwa: ziekte + en -> ziekten, grote + e -> grote
                let s = suf.strip_prefix('e').unwrap_or(suf);
                out.push(format!("{base}{s}"));
            }
            "ee" | "ie" | "oe" if suf.starts_with('e') => {
                // zee -> zeeën, knie -> knieën, moe -> moeë
                out.push(format!("{base}ë{}", &suf[1..]));
                if v == "oe" {
                    out.push(format!("{base}{suf}"));
                }
            }
            _ => out.push(format!("{base}{suf}")),
        }
        return out;
    }
    let last = *coda.last().unwrap();
    let single_coda = coda.len() == 1;
    let vshort = matches!(v, "a" | "e" | "i" | "o" | "u");
    let vlong_double = matches!(v, "aa" | "ee" | "oo" | "uu");
    let schwa = schwa_final(base);

    if single_coda
        && vshort
        && (!schwa || last == 'l')
        && !matches!(last, 'w' | 'x' | 'h' | 'j' | 'c' | 'q' | 'y')
    {
        // short vowel + single consonant: double it (bal -> ballen, wit -> witte)
        let unstressed = syllables(base) >= 2 && v == "i" && matches!(last, 'g' | 'k');
        if !unstressed {
            out.push(format!("{base}{last}{suf}"));
        }
        if unstressed || syllables(base) >= 2 {
            out.push(format!("{base}{suf}"));
        }
    } else if single_coda && vlong_double && last != 'w' {
        // long vowel in closed syllable: undouble (maan -> manen, groot -> grote)
        let mut short = v[..1].to_string();
        if short == "e" && (t.head.ends_with('i') || t.head.ends_with('e')) {
            // officieel -> officiële
            short = "ë".to_string();
        }
        let c = voice(last);
        out.push(format!("{}{}{}{}", t.head, short, c, suf));
        if c != last {
            out.push(format!("{}{}{}{}", t.head, short, last, suf));
        }
    } else {
        // diphthongs, clusters, schwa syllables: just append, with optional voicing
        let stem: String = base.chars().take(base.chars().count() - 1).collect();
        let can_voice = !vshort || coda.len() >= 2;
        let cl = if coda.len() >= 2 {
            coda[coda.len() - 2]
        } else {
            ' '
        };
        let voicing_ctx =
            (single_coda && !vshort) || (coda.len() == 2 && matches!(cl, 'l' | 'r' | 'n'));
        if can_voice
            && voicing_ctx
            && (last == 'f' || last == 's')
            && !(coda.len() >= 2 && cl == 's')
        {
            out.push(format!("{stem}{}{suf}", voice(last)));
        }
        out.push(format!("{base}{suf}"));
    }
    out
}

/// Voiced counterpart of a final fricative (f → v, s → z), otherwise the letter itself.
pub fn voice(c: char) -> char {
    match c {
        'f' => 'v',
        's' => 'z',
        _ => c,
    }
}

/// Join the participle prefix `ge` to a stem, adding a diaeresis where `ge` + vowel
/// would otherwise be read as a digraph (`ge` + `ëindigd`). Returns all spellings.
pub fn ge(stem: &str) -> Vec<String> {
    let first = stem.chars().next().unwrap_or(' ');
    let mut v = vec![format!("ge{stem}")];
    let dia = match first {
        'e' => Some('ë'),
        'i' => Some('ï'),
        'u' => Some('ü'),
        _ => None,
    };
    if let Some(d) = dia {
        let rest: String = stem.chars().skip(1).collect();
        v.insert(0, format!("ge{d}{rest}"));
    }
    v
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn suffixes() {
        assert!(add_vowel_suffix("bal", "en").contains(&"ballen".to_string()));
        assert!(add_vowel_suffix("maan", "en").contains(&"manen".to_string()));
        assert!(add_vowel_suffix("huis", "en").contains(&"huizen".to_string()));
        assert!(add_vowel_suffix("brief", "en").contains(&"brieven".to_string()));
        assert!(add_vowel_suffix("groot", "e").contains(&"grote".to_string()));
        assert!(add_vowel_suffix("zee", "en").contains(&"zeeën".to_string()));
        assert!(add_vowel_suffix("aardig", "e").contains(&"aardige".to_string()));
        assert!(add_vowel_suffix("klant", "en").contains(&"klanten".to_string()));
        assert_eq!(ge("informeerd")[0], "geïnformeerd");
    }
}
