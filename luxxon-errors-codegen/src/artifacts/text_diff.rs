//! Line diffs in the unified format, to show what a stale generated file would become.

use std::fmt::Write as _;

/// Lines of context around each change.
const CONTEXT: usize = 3;

/// Above this many cells the longest-common-subsequence table is not built and the
/// differing middle is shown as removed then added: a correct diff, just a coarser one.
const MAX_TABLE_CELLS: usize = 4_000_000;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Edit {
    Keep,
    Remove,
    Add,
}

/// The unified diff turning `old` into `new`, with `---`/`+++` lines naming
/// `old_name` and `new_name`; empty when the texts have the same lines.
pub fn unified(old_name: &str, new_name: &str, old: &str, new: &str) -> String {
    let old_lines: Vec<&str> = old.lines().collect();
    let new_lines: Vec<&str> = new.lines().collect();
    let edits = edits(&old_lines, &new_lines);
    let changes: Vec<usize> = edits
        .iter()
        .enumerate()
        .filter(|(_, edit)| **edit != Edit::Keep)
        .map(|(index, _)| index)
        .collect();
    if changes.is_empty() {
        return String::new();
    }
    let mut out = format!("--- {old_name}\n+++ {new_name}\n");
    // Line positions before each edit, so a hunk can say where it starts.
    let mut positions = Vec::with_capacity(edits.len() + 1);
    let (mut old_at, mut new_at) = (0, 0);
    for edit in &edits {
        positions.push((old_at, new_at));
        match edit {
            Edit::Keep => {
                old_at += 1;
                new_at += 1;
            }
            Edit::Remove => old_at += 1,
            Edit::Add => new_at += 1,
        }
    }
    positions.push((old_at, new_at));

    let mut group_start = 0;
    while group_start < changes.len() {
        let mut group_end = group_start;
        while group_end + 1 < changes.len()
            && changes[group_end + 1] - changes[group_end] <= 2 * CONTEXT + 1
        {
            group_end += 1;
        }
        let first = changes[group_start].saturating_sub(CONTEXT);
        let last = (changes[group_end] + CONTEXT + 1).min(edits.len());
        let (old_start, new_start) = positions[first];
        let (old_end, new_end) = positions[last];
        let _ = writeln!(
            out,
            "@@ -{} +{} @@",
            range(old_start, old_end - old_start),
            range(new_start, new_end - new_start)
        );
        for index in first..last {
            let (old_index, new_index) = positions[index];
            let _ = match edits[index] {
                Edit::Keep => writeln!(out, " {}", old_lines[old_index]),
                Edit::Remove => writeln!(out, "-{}", old_lines[old_index]),
                Edit::Add => writeln!(out, "+{}", new_lines[new_index]),
            };
        }
        group_start = group_end + 1;
    }
    out
}

/// A hunk range: 1-based start and count, where an empty range names the line before it.
fn range(start: usize, count: usize) -> String {
    if count == 0 {
        format!("{start},0")
    } else {
        format!("{},{count}", start + 1)
    }
}

/// A shortest edit script: common prefix and suffix are kept, the middle is aligned on
/// its longest common subsequence.
fn edits(old: &[&str], new: &[&str]) -> Vec<Edit> {
    let prefix = old
        .iter()
        .zip(new)
        .take_while(|(old, new)| old == new)
        .count();
    let suffix = old[prefix..]
        .iter()
        .rev()
        .zip(new[prefix..].iter().rev())
        .take_while(|(old, new)| old == new)
        .count();
    let old_middle = &old[prefix..old.len() - suffix];
    let new_middle = &new[prefix..new.len() - suffix];

    let mut edits = vec![Edit::Keep; prefix];
    let (rows, columns) = (old_middle.len() + 1, new_middle.len() + 1);
    if rows.saturating_mul(columns) > MAX_TABLE_CELLS {
        edits.extend(std::iter::repeat_n(Edit::Remove, old_middle.len()));
        edits.extend(std::iter::repeat_n(Edit::Add, new_middle.len()));
    } else {
        // common[i * columns + j]: the longest common subsequence of old[i..] and new[j..].
        let mut common = vec![0u32; rows * columns];
        for i in (0..old_middle.len()).rev() {
            for j in (0..new_middle.len()).rev() {
                common[i * columns + j] = if old_middle[i] == new_middle[j] {
                    common[(i + 1) * columns + j + 1] + 1
                } else {
                    common[(i + 1) * columns + j].max(common[i * columns + j + 1])
                };
            }
        }
        let (mut i, mut j) = (0, 0);
        while i < old_middle.len() || j < new_middle.len() {
            if i < old_middle.len() && j < new_middle.len() && old_middle[i] == new_middle[j] {
                edits.push(Edit::Keep);
                i += 1;
                j += 1;
            } else if j == new_middle.len()
                || (i < old_middle.len()
                    && common[(i + 1) * columns + j] >= common[i * columns + j + 1])
            {
                edits.push(Edit::Remove);
                i += 1;
            } else {
                edits.push(Edit::Add);
                j += 1;
            }
        }
    }
    edits.extend(std::iter::repeat_n(Edit::Keep, suffix));
    edits
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_texts_have_no_diff() {
        assert_eq!(unified("a", "b", "x\ny\n", "x\ny\n"), "");
    }

    #[test]
    fn a_changed_line_shows_with_its_context() {
        let old = "1\n2\n3\n4\n5\n6\n7\n8\n9\n";
        let new = "1\n2\n3\n4\nfive\n6\n7\n8\n9\n";
        assert_eq!(
            unified("old", "new", old, new),
            "--- old\n+++ new\n@@ -2,7 +2,7 @@\n 2\n 3\n 4\n-5\n+five\n 6\n 7\n 8\n"
        );
    }

    #[test]
    fn distant_changes_make_separate_hunks() {
        let old: String = (1..=20).map(|n| format!("{n}\n")).collect();
        let new: String = (1..=20)
            .map(|n| match n {
                2 => "two\n".to_owned(),
                19 => "nineteen\n".to_owned(),
                n => format!("{n}\n"),
            })
            .collect();
        let diff = unified("old", "new", &old, &new);
        assert_eq!(diff.matches("@@ -").count(), 2, "{diff}");
        assert!(diff.contains("-19\n+nineteen\n"), "{diff}");
    }

    #[test]
    fn added_and_removed_lines_count_against_empty_ranges() {
        assert_eq!(
            unified("old", "new", "", "a\n"),
            "--- old\n+++ new\n@@ -0,0 +1,1 @@\n+a\n"
        );
        assert_eq!(
            unified("old", "new", "a\nb\n", "a\n"),
            "--- old\n+++ new\n@@ -1,2 +1,1 @@\n a\n-b\n"
        );
    }
}
