//! Unified diffs of a file's old and new text (what `diff -u` and `git diff` print), to show
//! or download an edit.

/// Lines of context around each change.
const CONTEXT: usize = 3;
/// Above this many line pairs left after trimming the common ends, the middle is shown as
/// one replacement instead of searching for the shortest edit.
const MAX_WORK: usize = 4_000_000;

/// One step of an edit script.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Op {
    Same,
    Delete,
    Insert,
}

/// The unified diff that turns `old` into `new`, with `a/PATH` and `b/PATH` headers (so `git
/// apply` and `patch -p1` take it from the tree's root); empty when the texts are equal.
///
/// ```
/// let diff = service_catalog::unified_diff("services/catalog.toml", "a\nb\n", "a\nc\n");
/// assert_eq!(diff, "--- a/services/catalog.toml\n+++ b/services/catalog.toml\n@@ -1,2 +1,2 @@\n a\n-b\n+c\n");
/// ```
pub fn unified_diff(path: &str, old: &str, new: &str) -> String {
    if old == new {
        return String::new();
    }
    let a: Vec<&str> = old.split_inclusive('\n').collect();
    let b: Vec<&str> = new.split_inclusive('\n').collect();
    let ops = script(&a, &b);
    let mut out = format!("--- a/{path}\n+++ b/{path}\n");
    for hunk in hunks(&ops) {
        write_hunk(
            &mut out,
            &ops[hunk.clone()],
            &a,
            &b,
            position(&ops, hunk.start),
        );
    }
    out
}

/// The shortest edit script from `a` to `b` (Myers), after trimming the common ends.
fn script(a: &[&str], b: &[&str]) -> Vec<Op> {
    let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let suffix = a[prefix..]
        .iter()
        .rev()
        .zip(b[prefix..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let (middle_a, middle_b) = (&a[prefix..a.len() - suffix], &b[prefix..b.len() - suffix]);
    let mut ops = vec![Op::Same; prefix];
    if middle_a.len().saturating_mul(middle_b.len()) > MAX_WORK {
        ops.extend(std::iter::repeat_n(Op::Delete, middle_a.len()));
        ops.extend(std::iter::repeat_n(Op::Insert, middle_b.len()));
    } else {
        ops.extend(myers(middle_a, middle_b));
    }
    ops.extend(std::iter::repeat_n(Op::Same, suffix));
    ops
}

/// Myers' O((N+M)D) shortest edit script, deletions before insertions in each change.
fn myers(a: &[&str], b: &[&str]) -> Vec<Op> {
    let (n, m) = (a.len() as isize, b.len() as isize);
    let max = (n + m) as usize;
    let offset = max as isize + 1;
    let mut v = vec![0isize; 2 * max + 3];
    let mut trace: Vec<Vec<isize>> = Vec::new();
    'search: for d in 0..=max as isize {
        trace.push(v.clone());
        let mut k = -d;
        while k <= d {
            let i = (k + offset) as usize;
            let mut x = if k == -d || (k != d && v[i - 1] < v[i + 1]) {
                v[i + 1]
            } else {
                v[i - 1] + 1
            };
            let mut y = x - k;
            while x < n && y < m && a[x as usize] == b[y as usize] {
                x += 1;
                y += 1;
            }
            v[i] = x;
            if x >= n && y >= m {
                break 'search;
            }
            k += 2;
        }
    }
    // Walk the trace back from the end.
    let mut ops = Vec::with_capacity(max);
    let (mut x, mut y) = (n, m);
    for (d, v) in trace.iter().enumerate().rev() {
        let d = d as isize;
        let k = x - y;
        let i = (k + offset) as usize;
        let previous_k = if k == -d || (k != d && v[i - 1] < v[i + 1]) {
            k + 1
        } else {
            k - 1
        };
        let previous_x = v[(previous_k + offset) as usize];
        let previous_y = previous_x - previous_k;
        while x > previous_x && y > previous_y {
            ops.push(Op::Same);
            x -= 1;
            y -= 1;
        }
        if d > 0 {
            ops.push(if x == previous_x {
                Op::Insert
            } else {
                Op::Delete
            });
        }
        x = previous_x;
        y = previous_y;
    }
    ops.reverse();
    // Within each run of changes, show the deletions first.
    let mut start = 0;
    while start < ops.len() {
        if ops[start] == Op::Same {
            start += 1;
            continue;
        }
        let end = ops[start..]
            .iter()
            .position(|&op| op == Op::Same)
            .map_or(ops.len(), |p| start + p);
        ops[start..end].sort_by_key(|&op| op == Op::Insert);
        start = end;
    }
    ops
}

/// The ranges of `ops` that make each hunk: the changes with their context, merged when
/// the contexts touch.
fn hunks(ops: &[Op]) -> Vec<std::ops::Range<usize>> {
    let mut hunks: Vec<std::ops::Range<usize>> = Vec::new();
    for (i, _) in ops.iter().enumerate().filter(|(_, op)| **op != Op::Same) {
        let start = i.saturating_sub(CONTEXT);
        let end = (i + 1 + CONTEXT).min(ops.len());
        match hunks.last_mut() {
            Some(last) if start <= last.end => last.end = end,
            _ => hunks.push(start..end),
        }
    }
    hunks
}

/// The old and new line indexes (0-based) at `ops[at]`.
fn position(ops: &[Op], at: usize) -> (usize, usize) {
    ops[..at].iter().fold((0, 0), |(x, y), op| match op {
        Op::Same => (x + 1, y + 1),
        Op::Delete => (x + 1, y),
        Op::Insert => (x, y + 1),
    })
}

fn write_hunk(out: &mut String, ops: &[Op], a: &[&str], b: &[&str], (x, y): (usize, usize)) {
    let old_count = ops.iter().filter(|&&op| op != Op::Insert).count();
    let new_count = ops.iter().filter(|&&op| op != Op::Delete).count();
    out.push_str(&format!(
        "@@ -{} +{} @@\n",
        range(x, old_count),
        range(y, new_count)
    ));
    let (mut x, mut y) = (x, y);
    for op in ops {
        let (sign, line) = match op {
            Op::Same => {
                x += 1;
                y += 1;
                (' ', a[x - 1])
            }
            Op::Delete => {
                x += 1;
                ('-', a[x - 1])
            }
            Op::Insert => {
                y += 1;
                ('+', b[y - 1])
            }
        };
        out.push(sign);
        out.push_str(line);
        if !line.ends_with('\n') {
            out.push_str("\n\\ No newline at end of file\n");
        }
    }
}

/// A hunk's range as `diff -u` writes it: `start,count`, `start` alone for one line, and the
/// line before for an empty range.
fn range(start: usize, count: usize) -> String {
    match count {
        0 => format!("{start},0"),
        1 => format!("{}", start + 1),
        _ => format!("{},{count}", start + 1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Applies a unified diff to `old`, the way `patch` would (context checked).
    fn patch(old: &str, diff: &str) -> String {
        let old: Vec<&str> = old.split_inclusive('\n').collect();
        let mut out = String::new();
        let mut at = 0;
        let mut lines = diff.split_inclusive('\n').skip(2).peekable();
        while let Some(header) = lines.next() {
            let start: usize = header[4..]
                .split([',', ' '])
                .next()
                .unwrap()
                .parse()
                .unwrap();
            let count_is_zero = header.split(' ').nth(1).unwrap().ends_with(",0");
            let start = if count_is_zero { start } else { start - 1 };
            while at < start {
                out.push_str(old[at]);
                at += 1;
            }
            while let Some(line) = lines.next_if(|l| !l.starts_with("@@")) {
                let no_newline = lines.next_if(|l| l.starts_with('\\')).is_some();
                let body = if no_newline {
                    line[1..].trim_end_matches('\n')
                } else {
                    &line[1..]
                };
                match &line[..1] {
                    " " => {
                        assert_eq!(old[at], body);
                        out.push_str(body);
                        at += 1;
                    }
                    "-" => {
                        assert_eq!(old[at], body);
                        at += 1;
                    }
                    _ => out.push_str(body),
                }
            }
        }
        out.extend(old[at..].iter().copied());
        out
    }

    #[track_caller]
    fn round_trip(old: &str, new: &str) -> String {
        let diff = unified_diff("f.toml", old, new);
        assert_eq!(patch(old, &diff), new, "diff:\n{diff}");
        diff
    }

    #[test]
    fn hunks_have_context_and_apply() {
        let old: String = (1..=20).map(|i| format!("line {i}\n")).collect();
        let new = old
            .replace("line 2\n", "line 2\nnew\n")
            .replace("line 15\n", "")
            .replace("line 18\n", "changed\n");
        let diff = round_trip(&old, &new);
        assert!(
            diff.contains("@@ -1,5 +1,6 @@\n line 1\n line 2\n+new\n line 3\n"),
            "{diff}"
        );
        assert!(diff.contains("@@ -12,9 +13,8 @@\n"), "{diff}");
        assert_eq!(unified_diff("f", "same", "same"), "");
    }

    #[test]
    fn missing_final_newlines_are_marked() {
        let diff = round_trip("a\nb", "a\nb\nc");
        assert_eq!(
            diff,
            "--- a/f.toml\n+++ b/f.toml\n@@ -1,2 +1,3 @@\n a\n-b\n\\ No newline at end of file\n+b\n+c\n\\ No newline at end of file\n"
        );
        round_trip("", "x\n");
        round_trip("x\n", "");
        round_trip("a\nb\nc\n", "c\nb\na\n");
    }
}
