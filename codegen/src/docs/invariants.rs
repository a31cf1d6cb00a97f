//! Test support: checks the rustdoc-safety guarantees of [`to_rustdoc`] output independently of
//! the implementation.

use super::to_rustdoc;

/// Checks the rustdoc-safety invariants of [`to_rustdoc`] output; returns the violations.
pub(super) fn violations(lines: &[String]) -> Vec<String> {
    let mut errors = Vec::new();
    let mut err = |i: usize, msg: &str, line: &str| errors.push(format!("line {i}: {msg}: {line:?}"));
    if lines.first().is_some_and(|l| l.is_empty()) {
        err(0, "leading blank line", "");
    }
    if lines.last().is_some_and(|l| l.is_empty()) {
        err(lines.len() - 1, "trailing blank line", "");
    }
    let mut prev_blank = false;
    let mut fence: Option<(char, usize)> = None;
    for (i, line) in lines.iter().enumerate() {
        if line.contains('\n') || line.contains('\r') {
            err(i, "embedded line break", line);
        }
        if line.contains(['\u{2028}', '\u{2029}']) {
            err(i, "U+2028/U+2029", line);
        }
        if line.trim_end() != line {
            err(i, "trailing whitespace", line);
        }
        if line.is_empty() && prev_blank {
            err(i, "two blank lines", line);
        }
        prev_blank = line.is_empty();
        // Strip blockquote markers.
        let mut body = line.as_str();
        loop {
            let t = body.trim_start_matches(' ');
            if body.len() - t.len() <= 3 && t.starts_with('>') {
                body = &t[1..];
                body = body.strip_prefix(' ').unwrap_or(body);
            } else {
                break;
            }
        }
        let trimmed = body.trim_start();
        if let Some((ch, len)) = fence {
            let run = trimmed.chars().take_while(|&c| c == ch).count();
            if run >= len && trimmed[run..].trim().is_empty() {
                fence = None;
            }
            continue;
        }
        if body.starts_with("    ") || body.starts_with('\t') || body.starts_with(" \t") {
            err(i, "indented code block", line);
        }
        for ch in ['`', '~'] {
            let run = trimmed.chars().take_while(|&c| c == ch).count();
            if run >= 3 && !(ch == '`' && trimmed[run..].contains('`')) {
                if trimmed[run..].trim() != "text" {
                    err(i, "fenced block not tagged text", line);
                }
                fence = Some((ch, run));
            }
        }
        if fence.is_some() {
            continue;
        }
        check_inline(trimmed, &mut |msg| err(i, msg, line));
    }
    if fence.is_some() {
        errors.push("unclosed fence".to_string());
    }
    errors
}

/// Inline checks outside code spans: brackets only as links, no raw tags, no bare URLs.
fn check_inline(s: &str, err: &mut dyn FnMut(&str)) {
    let b = s.as_bytes();
    let mut i = 0;
    let mut link_depth = 0usize;
    while i < b.len() {
        match b[i] {
            b'\\' => i += 2,
            b'`' => {
                let run = b[i..].iter().take_while(|&&c| c == b'`').count();
                let mut j = i + run;
                let mut closed = None;
                while j < b.len() {
                    if b[j] == b'`' {
                        let r = b[j..].iter().take_while(|&&c| c == b'`').count();
                        if r == run {
                            closed = Some(j + r);
                            break;
                        }
                        j += r;
                    } else {
                        j += 1;
                    }
                }
                i = closed.unwrap_or(i + run);
            }
            b'[' => {
                link_depth += 1;
                i += 1;
            }
            b']' => {
                if link_depth == 0 || b.get(i + 1) != Some(&b'(') {
                    err("unescaped bracket outside a link");
                    i += 1;
                    continue;
                }
                link_depth -= 1;
                match s[i..].find(')') {
                    Some(rel) => {
                        if s[i + 2..i + rel].contains([' ', '<', '>']) {
                            err("odd link destination");
                        }
                        i += rel + 1;
                    }
                    None => {
                        err("unclosed link destination");
                        i += 1;
                    }
                }
            }
            b'<' => {
                let rest = &s[i + 1..];
                if rest.starts_with("http://") || rest.starts_with("https://") || rest.starts_with("mailto:") {
                    match rest.find('>') {
                        Some(end) if !rest[..end].contains([' ', '<']) => i += end + 2,
                        _ => {
                            err("broken autolink");
                            i += 1;
                        }
                    }
                } else {
                    let tag_like = rest.starts_with(|c: char| c.is_ascii_alphabetic() || matches!(c, '!' | '?'))
                        || rest.strip_prefix('/').is_some_and(|r| r.starts_with(|c: char| c.is_ascii_alphabetic()));
                    if tag_like {
                        err("raw HTML-like tag");
                    }
                    i += 1;
                }
            }
            b'h' if link_depth == 0
                && ["http://", "https://"]
                    .iter()
                    .any(|p| s[i..].strip_prefix(p).is_some_and(|r| r.starts_with(|c: char| c.is_alphanumeric()))) =>
            {
                err("bare URL");
                i += 1;
            }
            _ => i += 1,
        }
    }
    if link_depth > 0 {
        err("unescaped [ outside a link");
    }
}

/// Converts `input` and asserts that the output upholds the invariants.
#[track_caller]
pub(super) fn convert(input: &str) -> Vec<String> {
    let out = to_rustdoc(input);
    let v = violations(&out);
    // Some inputs are huge; the start is enough to identify them.
    let shown = input.get(..input.len().min(200)).unwrap_or(input);
    assert!(v.is_empty(), "input {shown:?}\noutput {out:#?}\nviolations {v:#?}");
    out
}
