//! The settings of the segment stage.

use super::{Choice, ProfileError, Segmenter};
use std::ops::Deref;
use std::path::PathBuf;

/// Which site profiles split pages, and how one is chosen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SegmentOptions {
    /// `auto` (recognise the platform per page), `none` (the whole text is the post), or a
    /// profile id.
    pub profile: String,
    /// Extra site profile files or folders (added to the shipped ones, overriding by id).
    pub profiles: Vec<PathBuf>,
}

impl Default for SegmentOptions {
    fn default() -> Self {
        SegmentOptions {
            profile: "auto".into(),
            profiles: Vec::new(),
        }
    }
}

impl SegmentOptions {
    /// The segmenter these options ask for (the shipped one unless profiles are added) and
    /// the profile choice, checked against it.
    pub fn open(&self) -> Result<(Profiles, Choice), ProfileError> {
        let segmenter = if self.profiles.is_empty() {
            Profiles::Shipped(Segmenter::shared())
        } else {
            Profiles::Loaded(Box::new(Segmenter::with_files(&self.profiles)?))
        };
        let choice = segmenter.choice(&self.profile)?;
        Ok((segmenter, choice))
    }
}

/// A segmenter as [`SegmentOptions::open`] gives it: the shipped one, shared, or one with
/// profiles loaded for this run.
#[derive(Debug)]
pub enum Profiles {
    /// The shipped profiles.
    Shipped(&'static Segmenter),
    /// The shipped profiles and those loaded from files.
    Loaded(Box<Segmenter>),
}

impl Deref for Profiles {
    type Target = Segmenter;

    fn deref(&self) -> &Segmenter {
        match self {
            Profiles::Shipped(s) => s,
            Profiles::Loaded(s) => s,
        }
    }
}
