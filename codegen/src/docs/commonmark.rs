//! CommonMark recognisers (code spans, fences) shared by the plain-text path and the Markdown
//! post-processing.

use std::collections::HashMap;

/// The backtick runs of a line, each with the start of the next run of the same length (its
/// closing delimiter if it opens a code span). Precomputed so that matching is linear.
pub(super) struct BacktickRuns {
    /// (start byte, length, start byte of the next run with the same length)
    runs: Vec<(usize, usize, Option<usize>)>,
    cursor: usize,
}

impl BacktickRuns {
    pub(super) fn new(line: &str) -> Self {
        let b = line.as_bytes();
        let mut runs = Vec::new();
        let mut i = 0;
        while i < b.len() {
            if b[i] == b'`' {
                let start = i;
                while i < b.len() && b[i] == b'`' {
                    i += 1;
                }
                runs.push((start, i - start, None));
            } else {
                i += 1;
            }
        }
        let mut next = HashMap::new();
        for run in runs.iter_mut().rev() {
            run.2 = next.insert(run.1, run.0);
        }
        BacktickRuns { runs, cursor: 0 }
    }

    /// For a backtick at byte `at` (scanning left to right): the length of the run starting
    /// there and the byte range of the code span it opens, if any.
    pub(super) fn span_at(&mut self, line: &str, at: usize) -> (usize, Option<(usize, usize)>) {
        while self.runs.get(self.cursor).is_some_and(|r| r.0 < at) {
            self.cursor += 1;
        }
        match self.runs.get(self.cursor) {
            Some(&(start, len, close)) if start == at => (len, close.map(|c| (at, c + len))),
            // Inside a run (after an escaped backtick): treat as literal backticks.
            _ => (line[at..].bytes().take_while(|&b| b == b'`').count().max(1), None),
        }
    }
}

/// Recognises a CommonMark fence opener (```` ``` ```` or `~~~`, info string allowed) and
/// returns its character and length.
pub(super) fn opening_fence(body: &str) -> Option<(char, usize)> {
    let ch = body.chars().next()?;
    if ch != '`' && ch != '~' {
        return None;
    }
    let len = body.chars().take_while(|&c| c == ch).count();
    if len < 3 {
        return None;
    }
    if ch == '`' && body[len..].contains('`') {
        return None;
    }
    Some((ch, len))
}

/// Whether `body` closes a fence of `len` × `ch`.
pub(super) fn is_closing_fence(body: &str, ch: char, len: usize) -> bool {
    let run = body.chars().take_while(|&c| c == ch).count();
    run >= len && body[run * ch.len_utf8()..].trim().is_empty()
}
