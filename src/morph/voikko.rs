//! libvoikko as a Finnish analyser, loaded at run time (`--morph voikko`).
//!
//! The library is opened with `dlopen` when the backend is created, so neither building nor
//! running teema with another backend needs it. Voikko maps a word to its base forms and
//! compound structure (`asiakaspalvelussa` → `asiakaspalvelu`, head `palvelu`); a token
//! matches a lemma entry when one of its base forms is the entry, and a compound-head entry
//! when a base form or the base form of its last compound part is. Finnish entries are not
//! expanded into generated forms; Dutch, which voikko does not cover, uses [`Paradigms`].
//!
//! A voikko handle is not thread-safe: one handle sits behind a mutex together with a cache
//! of one analysis per distinct word form, shared by all threads. Analyses are needed only
//! when a thread meets a word form for the first time (the matcher caches them too), so the
//! lock is rarely contended.

use super::{BaseForms, ClauseGrammar, InflectionClass, Morphology, Paradigms};
use crate::lang::Lang;
use libloading::Library;
use rustc_hash::FxHashMap;
use std::ffi::{CStr, CString, c_char, c_void};
use std::sync::Mutex;

/// The shared object opened at run time (found the system's usual way).
pub const LIBRARY: &str = "libvoikko.so.1";

/// An environment variable naming another path to open instead of [`LIBRARY`].
pub const LIBRARY_ENV: &str = "TEEMA_LIBVOIKKO";

/// What to install when voikko is missing.
pub const PACKAGES: &str = "apt install libvoikko1 voikko-fi";

/// Distinct word forms cached before the cache is emptied (bounds memory).
const CACHE_LIMIT: usize = 1 << 20;

/// Why the voikko backend could not start.
#[derive(Debug, thiserror::Error)]
pub enum VoikkoError {
    /// The shared library is not installed (or lacks a symbol).
    #[error("--morph voikko: cannot load libvoikko ({0}); install it with `{PACKAGES}`")]
    Library(String),
    /// The library loaded, but found no Finnish dictionary.
    #[error(
        "--morph voikko: no Finnish dictionary for libvoikko ({0}); install it with `{PACKAGES}`"
    )]
    Dictionary(String),
}

type InitFn = unsafe extern "C" fn(*mut *const c_char, *const c_char, *const c_char) -> *mut c_void;
type AnalyzeFn = unsafe extern "C" fn(*mut c_void, *const c_char) -> *mut *mut c_void;
type ValueFn = unsafe extern "C" fn(*const c_void, *const c_char) -> *mut c_char;
type FreeAnalysisFn = unsafe extern "C" fn(*mut *mut c_void);
type FreeValueFn = unsafe extern "C" fn(*mut c_char);
type TerminateFn = unsafe extern "C" fn(*mut c_void);

/// The library's entry points, valid while `_lib` is loaded.
struct Api {
    analyze: AnalyzeFn,
    value: ValueFn,
    free_analysis: FreeAnalysisFn,
    free_value: FreeValueFn,
    terminate: TerminateFn,
    _lib: Library,
}

/// An initialised handle and the analyses made with it.
struct State {
    handle: *mut c_void,
    cache: FxHashMap<Box<str>, BaseForms>,
}

// SAFETY: the handle is only used while the mutex around `State` is held, one thread at a time.
unsafe impl Send for State {}

/// The voikko backend (Finnish analysis; Dutch by generated paradigms).
pub struct Voikko {
    api: Api,
    state: Mutex<State>,
}

impl Voikko {
    /// Opens libvoikko and its Finnish dictionary.
    pub fn new() -> Result<Voikko, VoikkoError> {
        // SAFETY: libvoikko's initialisers have no preconditions; the symbol types are those
        // of its C API (voikko.h).
        unsafe {
            let path = std::env::var(LIBRARY_ENV).unwrap_or_else(|_| LIBRARY.to_string());
            let lib = Library::new(&path).map_err(|e| VoikkoError::Library(describe(&e)))?;
            let sym = |e: libloading::Error| VoikkoError::Library(describe(&e));
            let init: InitFn = *lib.get::<InitFn>(b"voikkoInit\0").map_err(sym)?;
            let api = Api {
                analyze: *lib.get(b"voikkoAnalyzeWordCstr\0").map_err(sym)?,
                value: *lib.get(b"voikko_mor_analysis_value_cstr\0").map_err(sym)?,
                free_analysis: *lib.get(b"voikko_free_mor_analysis\0").map_err(sym)?,
                free_value: *lib
                    .get(b"voikko_free_mor_analysis_value_cstr\0")
                    .map_err(sym)?,
                terminate: *lib.get(b"voikkoTerminate\0").map_err(sym)?,
                _lib: lib,
            };
            let mut error: *const c_char = std::ptr::null();
            let handle = init(&mut error, c"fi".as_ptr(), std::ptr::null());
            if handle.is_null() {
                let why = if error.is_null() {
                    "initialisation failed".to_string()
                } else {
                    CStr::from_ptr(error).to_string_lossy().into_owned()
                };
                return Err(VoikkoError::Dictionary(why));
            }
            Ok(Voikko {
                api,
                state: Mutex::new(State {
                    handle,
                    cache: FxHashMap::default(),
                }),
            })
        }
    }

    /// The base forms of `word` by voikko's analyses with the handle (uncached).
    fn base_forms_uncached(&self, handle: *mut c_void, word: &str) -> BaseForms {
        let mut out = BaseForms::default();
        let Ok(cword) = CString::new(word) else {
            return out;
        };
        // SAFETY: `handle` is live and used by this thread alone (the caller holds the lock);
        // the analysis array is NULL-terminated and freed once, values are freed after copying.
        unsafe {
            let list = (self.api.analyze)(handle, cword.as_ptr());
            if list.is_null() {
                return out;
            }
            let mut i = 0;
            loop {
                let a = *list.add(i);
                if a.is_null() {
                    break;
                }
                let base = self.value(a, c"BASEFORM");
                let bases = self.value(a, c"WORDBASES");
                if let Some(base) = base.map(|b| b.to_lowercase()) {
                    if let Some(head) = bases.as_deref().and_then(|w| compound_head(&base, w)) {
                        push_new(&mut out.heads, head);
                    }
                    push_new(&mut out.lemmas, base);
                }
                let participle = self.value(a, c"PARTICIPLE").is_some();
                if let Some(verb) = bases
                    .as_deref()
                    .and_then(participle_verb)
                    .filter(|_| participle)
                {
                    push_new(&mut out.lemmas, verb);
                }
                i += 1;
            }
            (self.api.free_analysis)(list);
        }
        out
    }

    /// One value of an analysis, copied.
    ///
    /// # Safety
    /// `analysis` must be a live analysis of this library.
    unsafe fn value(&self, analysis: *const c_void, key: &CStr) -> Option<String> {
        // SAFETY: as the caller promises; the returned string is copied and then freed.
        unsafe {
            let p = (self.api.value)(analysis, key.as_ptr());
            if p.is_null() {
                return None;
            }
            let s = CStr::from_ptr(p).to_string_lossy().into_owned();
            (self.api.free_value)(p);
            Some(s)
        }
    }
}

impl Drop for Voikko {
    fn drop(&mut self) {
        let state = self.state.get_mut().unwrap_or_else(|e| e.into_inner());
        // SAFETY: the handle came from voikkoInit and is terminated once, before the library
        // is unloaded (fields drop after this).
        unsafe { (self.api.terminate)(state.handle) };
    }
}

/// A loading error with the system's reason (libloading keeps it as the source).
fn describe(e: &libloading::Error) -> String {
    match std::error::Error::source(e) {
        Some(source) => format!("{e}: {source}"),
        None => e.to_string(),
    }
}

fn push_new(v: &mut Vec<String>, s: String) {
    if !v.contains(&s) {
        v.push(s);
    }
}

/// The parts of voikko's `WORDBASES` (`+asiakas(asiakas)+palvel(palvella)+u(+u)`): each
/// `+surface(base)`; derivational suffixes (a base starting with `+`) and glue without a
/// base (`+l`, `+-`) are joined to the part before. Returns (surface, base) pairs.
fn wordbase_parts(wordbases: &str) -> Vec<(String, String)> {
    let mut parts: Vec<(String, String)> = Vec::new();
    let mut rest = wordbases;
    while let Some(item) = rest.strip_prefix('+') {
        let open = item.find(['(', '+']).unwrap_or(item.len());
        let surface = &item[..open];
        let close = if item[open..].starts_with('(') {
            item[open..].find(')').map_or(item.len(), |c| open + c + 1)
        } else {
            open
        };
        let lemma = item[open..close]
            .trim_start_matches('(')
            .trim_end_matches(')');
        rest = &item[close..];
        match parts.last_mut() {
            Some(last) if lemma.is_empty() || lemma.starts_with('+') => {
                last.0.push_str(&surface.to_lowercase());
            }
            _ => parts.push((surface.to_lowercase(), lemma.to_lowercase())),
        }
    }
    parts
}

/// The base form of the last compound part of `base`, from voikko's `WORDBASES`; `None`
/// for a word of one part.
pub fn compound_head(base: &str, wordbases: &str) -> Option<String> {
    let parts = wordbase_parts(wordbases);
    let head = match parts.as_slice() {
        [] => return None,
        // a lexicalised compound: `+luonnontilainen(luonnon=tilainen)`
        [(_, lemma)] => lemma.rsplit_once('=')?.1,
        [modifiers @ .., _] => {
            let modifier: String = modifiers.iter().map(|(s, _)| s.as_str()).collect();
            base.strip_prefix(modifier.as_str())?
        }
    };
    let head = head.trim_start_matches('-');
    (head.chars().count() >= 2).then(|| head.to_string())
}

/// The verb a participle (`tehtyä`: `+teh(tehdä)+ty(+ty)`) is formed from: treebanks
/// lemmatise participles as their verbs.
fn participle_verb(wordbases: &str) -> Option<String> {
    let parts = wordbase_parts(wordbases);
    let (_, lemma) = parts.last()?;
    (!lemma.is_empty()).then(|| lemma.replace('=', ""))
}

impl Morphology for Voikko {
    fn name(&self) -> &'static str {
        "voikko"
    }

    fn forms(&self, lang: Lang, lemma: &str, class: Option<&InflectionClass>) -> Vec<String> {
        match lang {
            Lang::Fi => vec![lemma.to_string()],
            Lang::Nl => Paradigms.forms(lang, lemma, class),
        }
    }

    fn compound_forms(
        &self,
        lang: Lang,
        lemma: &str,
        class: Option<&InflectionClass>,
    ) -> Vec<String> {
        match lang {
            Lang::Fi => Vec::new(),
            Lang::Nl => Paradigms.compound_forms(lang, lemma, class),
        }
    }

    fn key(&self, _lang: Lang, _word: &str) -> Option<String> {
        None
    }

    fn compound_split_ok(&self, lang: Lang, modifier: &str, head: &str) -> bool {
        Paradigms.compound_split_ok(lang, modifier, head)
    }

    fn clause_grammar(&self, lang: Lang) -> Option<&dyn ClauseGrammar> {
        Paradigms.clause_grammar(lang)
    }

    fn class_of(&self, lang: Lang, lemma: &str) -> Option<&'static str> {
        match lang {
            Lang::Fi => None,
            Lang::Nl => Paradigms.class_of(lang, lemma),
        }
    }

    fn base_forms(&self, lang: Lang, word: &str) -> BaseForms {
        if lang != Lang::Fi {
            return BaseForms::default();
        }
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(a) = state.cache.get(word) {
            return a.clone();
        }
        if state.cache.len() >= CACHE_LIMIT {
            state.cache.clear();
        }
        let a = self.base_forms_uncached(state.handle, word);
        state.cache.insert(word.into(), a.clone());
        a
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compound_head_from_wordbases() {
        let head = |b, w| compound_head(b, w);
        assert_eq!(
            head("asiakaspalvelu", "+asiakas(asiakas)+palvel(palvella)+u(+u)"),
            Some("palvelu".into())
        );
        assert_eq!(
            head("yövuoro", "+yö(yö)+vuoro(vuoro)"),
            Some("vuoro".into())
        );
        assert_eq!(
            head("viranomainen", "+viran(virka)+omainen(omainen)"),
            Some("omainen".into())
        );
        assert_eq!(
            head(
                "ihmisoikeusjärjestö",
                "+ihmis(ihminen)+oike(oikea)+us(+us)+järjestö(järjestö)"
            ),
            Some("järjestö".into())
        );
        assert_eq!(head("talo", "+talo(talo)"), None);
        assert_eq!(
            head("luonnontilainen", "+luonnontilainen(luonnon=tilainen)"),
            Some("tilainen".into())
        );
        assert_eq!(participle_verb("+ol(olla)+l+ut(+ut)"), Some("olla".into()));
        assert_eq!(participle_verb("+teh(tehdä)+ty(+ty)"), Some("tehdä".into()));
        assert_eq!(
            head("raaka-aine", "+raaka(raaka)+-+aine(aine)"),
            Some("aine".into())
        );
        assert_eq!(
            head("kehitysmaa", "+kehit(kehittää)+ys(+ys)+maa(maa)"),
            Some("maa".into())
        );
    }
}
