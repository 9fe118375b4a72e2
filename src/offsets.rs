//! Maps byte offsets in a derived text back to byte offsets in its source.
//!
//! Decoding (Latin-1 → UTF-8) and normalisation (soft hyphens removed, `’` → `'`) change the
//! length of some characters. Evidence must point into the original file, so each of those
//! stages records where the two texts fall out of step. The map is sparse: one anchor per
//! change, none for the (usual) unchanged stretches, so clean UTF-8 costs nothing.

/// A piecewise-linear map from offsets in a derived text to offsets in its source.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OffsetMap {
    /// `(derived, source)` pairs, sorted by `derived`. Between anchors both texts advance in
    /// step. Empty means "identity".
    anchors: Vec<(usize, usize)>,
}

impl OffsetMap {
    /// The identity map shifted by `shift` source bytes (e.g. a byte-order mark).
    pub fn shifted(shift: usize) -> Self {
        let mut map = OffsetMap::default();
        if shift != 0 {
            map.anchors.push((0, shift));
        }
        map
    }

    /// Forgets all anchors, keeping the allocation.
    pub fn clear(&mut self) {
        self.anchors.clear();
    }

    /// Records that derived offset `derived` corresponds to source offset `source`. Calls
    /// must come in increasing `derived` order; an anchor that the map already implies is
    /// not stored.
    pub fn anchor(&mut self, derived: usize, source: usize) {
        if self.map(derived) == source {
            return;
        }
        match self.anchors.last_mut() {
            Some(last) if last.0 == derived => last.1 = source,
            _ => self.anchors.push((derived, source)),
        }
    }

    /// The source offset of derived offset `x`.
    pub fn map(&self, x: usize) -> usize {
        let i = self.anchors.partition_point(|a| a.0 <= x);
        if i == 0 {
            x
        } else {
            let (d, s) = self.anchors[i - 1];
            s + (x - d)
        }
    }

    /// True when derived and source offsets are the same everywhere.
    pub fn is_identity(&self) -> bool {
        self.anchors.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identity_and_shift() {
        assert_eq!(OffsetMap::default().map(7), 7);
        assert_eq!(OffsetMap::shifted(3).map(0), 3);
        assert_eq!(OffsetMap::shifted(3).map(10), 13);
    }

    #[test]
    fn anchors_follow_length_changes() {
        // source "a\u{00AD}b’c": soft hyphen (2 bytes) removed, ’ (3 bytes) → ' (1 byte)
        let mut m = OffsetMap::default();
        m.anchor(1, 3); // after removing the soft hyphen, derived 1 = source 3
        m.anchor(3, 7); // after ’ → ', derived 3 = source 7
        assert_eq!(m.map(0), 0);
        assert_eq!(m.map(1), 3);
        assert_eq!(m.map(2), 4);
        assert_eq!(m.map(3), 7);
        assert_eq!(m.map(4), 8);
    }

    #[test]
    fn redundant_anchors_are_not_stored() {
        let mut m = OffsetMap::default();
        m.anchor(5, 5);
        assert!(m.is_identity());
    }
}
