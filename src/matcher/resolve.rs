//! Candidate matches and their resolution: exclusions, then no overlaps within a theme.

use super::Match;
use super::compile::{SideIndex, Target};

/// A possible match of an entry (or an exclude entry), before overlaps are resolved.
#[derive(Debug, Clone, Copy)]
pub(super) struct Candidate {
    pub(super) theme: u16,
    pub(super) entry: u32,
    pub(super) exclude: bool,
    pub(super) context: bool,
    pub(super) rank: u8,
    pub(super) start: usize,
    pub(super) end: usize,
}

/// A candidate match of target `id` at `start..end`, if the target is an entry.
pub(super) fn candidate(side: &SideIndex, id: u32, start: usize, end: usize) -> Option<Candidate> {
    match side.targets[id as usize] {
        Target::Entry {
            theme,
            entry,
            exclude,
            context,
            rank,
        } => Some(Candidate {
            theme,
            entry,
            exclude,
            context,
            rank,
            start,
            end,
        }),
        _ => None,
    }
}

/// Applies exclusions and removes overlaps within each theme: at each position the longest
/// candidate wins, then the lowest rank. Context words are resolved among themselves: they never hide an entry that counts, nor it them. Appends the
/// matches to `out`, in order of position; `excluded` is scratch space.
pub(super) fn resolve(
    c: &mut [Candidate],
    excluded: &mut Vec<(usize, usize)>,
    out: &mut Vec<Match>,
) {
    c.sort_unstable_by(|a, b| {
        (a.theme, a.start, b.end, a.rank, a.exclude, a.entry)
            .cmp(&(b.theme, b.start, a.end, b.rank, b.exclude, b.entry))
    });
    let mut i = 0;
    while i < c.len() {
        let theme = c[i].theme;
        let j = i + c[i..].iter().take_while(|x| x.theme == theme).count();
        excluded.clear();
        excluded.extend(
            c[i..j]
                .iter()
                .filter(|x| x.exclude)
                .map(|x| (x.start, x.end)),
        );
        // the end of the last kept match: of an entry that counts, of a context word
        let mut last_end = [0, 0];
        for cand in &c[i..j] {
            if cand.exclude {
                continue;
            }
            let role = usize::from(cand.context);
            if cand.start < last_end[role] {
                continue;
            }
            let hit_excluded = excluded
                .iter()
                .any(|&(s, e)| s < cand.end && cand.start < e);
            if hit_excluded {
                continue;
            }
            last_end[role] = cand.end;
            out.push(Match {
                theme: cand.theme,
                entry: cand.entry,
                start: cand.start,
                end: cand.end,
            });
        }
        i = j;
    }
    out.sort_unstable_by_key(|m| (m.start, m.theme, m.end, m.entry));
}

#[cfg(test)]
mod tests {
    use super::super::tests::{hits, matcher};
    use super::*;
    use crate::lang::Lang;

    #[test]
    fn overlapping_entries_count_once_per_theme() {
        let m = matcher(r#"entries = ["ylityö", "ylityö*", "*työ"]"#, "entries = []");
        assert_eq!(hits(&m, Lang::Fi, "ylityö"), ["ylityö"]);
    }

    #[test]
    fn a_context_word_hides_no_entry() {
        let m = matcher(
            r#"entries = ["jonottaa", { term = "odotusaika", context = ["=jonotin"] }]"#,
            "entries = []",
        );
        // both stay: the entry jonottaa and the context word (dropped later by the gate)
        assert_eq!(
            hits(&m, Lang::Fi, "Jonotin tunnin."),
            ["jonotin", "jonotin"]
        );
    }

    #[test]
    fn the_longest_then_the_most_specific_candidate_wins_and_exclusions_remove() {
        let cand = |theme, entry, exclude, rank, start, end| Candidate {
            theme,
            entry,
            exclude,
            context: false,
            rank,
            start,
            end,
        };
        let mut c = vec![
            cand(0, 1, false, 4, 0, 5),
            cand(0, 2, false, 2, 0, 8),
            cand(0, 3, false, 0, 0, 8),
            cand(0, 4, false, 2, 6, 9),
            cand(1, 5, false, 2, 0, 5),
            cand(1, 6, false, 2, 10, 12),
            cand(1, 0, true, 2, 11, 14),
        ];
        let mut out = Vec::new();
        resolve(&mut c, &mut Vec::new(), &mut out);
        let found: Vec<_> = out.iter().map(|m| (m.theme, m.entry)).collect();
        assert_eq!(found, [(0, 3), (1, 5)]);
    }
}
