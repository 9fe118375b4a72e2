//! Inflection classes: an entry's `class` hint (`class = "9"` in a lexicon), parsed once per
//! entry and language into an [`InflectionClass`] instead of once per use.

use crate::lang::Lang;

/// An entry's inflection-class hint, parsed for the entry's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InflectionClass {
    /// A Finnish class, by its internal name (`n9` for the kala type, `v67` for tulla,
    /// `particle`, `adv-sti`), given in the lexicon as a Kotus class number (`9`, `67`) or as
    /// that name.
    Finnish(&'static str),
    /// A Dutch word class.
    Dutch(DutchClass),
    /// A hint the language's morphology does not know. Finnish then guesses the class from
    /// the lemma's shape (a lemma with digits or punctuation is inflected whole, not by its
    /// alphabetic tail); Dutch inflects the lemma as a noun and an adjective.
    Unknown,
}

/// A Dutch word class hint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DutchClass {
    /// `adv`: not inflected.
    Adverb,
    /// `noun`.
    Noun,
    /// `adj`.
    Adjective,
    /// `noun/adj`: both.
    NounOrAdjective,
    /// `verb`.
    Verb,
    /// `verb:sep` or `sep`: a separable verb, with the separated finite forms of its base
    /// verb (`opzeggen` → `zegt`).
    SeparableVerb,
    /// `strong:ij-ee-ee`: a strong verb with this ablaut pattern (the vowels of present, past
    /// and participle as written in a closed syllable).
    Strong(String),
    /// Any other hint: inflected as a noun and an adjective.
    Other,
}

impl DutchClass {
    /// The class a hint (or a guessed class name) names; case and surrounding space do not
    /// matter.
    pub fn parse(hint: &str) -> DutchClass {
        let h = hint.trim().to_lowercase();
        match h.as_str() {
            "adv" => DutchClass::Adverb,
            "noun" => DutchClass::Noun,
            "adj" => DutchClass::Adjective,
            "noun/adj" => DutchClass::NounOrAdjective,
            "verb" => DutchClass::Verb,
            "verb:sep" | "sep" => DutchClass::SeparableVerb,
            _ => match h.strip_prefix("strong:") {
                Some(pattern) => DutchClass::Strong(pattern.to_string()),
                None => DutchClass::Other,
            },
        }
    }
}

impl InflectionClass {
    /// The class an entry's optional `class` hint names in `lang`'s morphology.
    pub fn of_hint(lang: Lang, hint: Option<&str>) -> Option<InflectionClass> {
        hint.map(|h| InflectionClass::parse(lang, h))
    }

    /// The class `hint` names in `lang`'s morphology.
    pub fn parse(lang: Lang, hint: &str) -> InflectionClass {
        match lang {
            Lang::Fi => super::fi::class_from_hint(hint)
                .map_or(InflectionClass::Unknown, InflectionClass::Finnish),
            Lang::Nl => match DutchClass::parse(hint) {
                DutchClass::Other => InflectionClass::Unknown,
                class => InflectionClass::Dutch(class),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hints_parse_by_language() {
        let parse = InflectionClass::parse;
        assert_eq!(parse(Lang::Fi, " 9"), InflectionClass::Finnish("n9"));
        assert_eq!(parse(Lang::Fi, "68"), InflectionClass::Finnish("v67"));
        assert_eq!(parse(Lang::Fi, "V67"), InflectionClass::Finnish("v67"));
        assert_eq!(
            parse(Lang::Fi, "particle"),
            InflectionClass::Finnish("particle")
        );
        assert_eq!(parse(Lang::Fi, "noun"), InflectionClass::Unknown);
        assert_eq!(
            parse(Lang::Nl, "Verb:Sep"),
            InflectionClass::Dutch(DutchClass::SeparableVerb)
        );
        assert_eq!(
            parse(Lang::Nl, "strong:IJ-ee-ee"),
            InflectionClass::Dutch(DutchClass::Strong("ij-ee-ee".into()))
        );
        assert_eq!(parse(Lang::Nl, "9"), InflectionClass::Unknown);
    }
}
