//! Markdown post-processing: normalises htmd's output line by line into rustdoc-safe lines.

use std::borrow::Cow;

use super::commonmark::{BacktickRuns, is_closing_fence, opening_fence};

struct OpenFence {
    ch: char,
    len: usize,
    /// Blockquote depth of the fence; its content lines keep any further `>` as text.
    levels: usize,
    /// Columns removed from the fence (and its content lines) to bring it to <= 3 spaces.
    strip: usize,
    indent: usize,
}

/// Normalises htmd's Markdown into rustdoc-safe lines (see [`super::to_rustdoc`]).
pub(super) fn postprocess(md: &str) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut fence: Option<OpenFence> = None;
    for raw in md.split('\n') {
        let line = raw.trim_end();
        let max_levels = fence.as_ref().map_or(usize::MAX, |f| f.levels);
        let (prefix, levels, rest) = split_quote_prefix(line, max_levels);
        let (indent, body) = leading_indent(rest);
        let mut out = String::with_capacity(line.len() + 4);
        out.push_str(&prefix);
        if let Some(f) = &fence {
            if is_closing_fence(body, f.ch, f.len) {
                push_fence(&mut out, f.indent, f.ch, f.len);
                fence = None;
            } else {
                push_spaces(&mut out, indent.saturating_sub(f.strip));
                out.push_str(body);
            }
        } else if let Some((ch, len)) = opening_fence(body) {
            let new_indent = indent.min(3);
            fence = Some(OpenFence { ch, len, levels, strip: indent - new_indent, indent: new_indent });
            push_fence(&mut out, new_indent, ch, len);
            out.push_str("text");
        } else if !body.is_empty() {
            push_spaces(&mut out, indent.min(3));
            // A text line made only of `-` or `=` would turn the previous line into a heading.
            if body.contains(['-', '=']) && (body.chars().all(|c| c == '-' || c == ' ') || body.chars().all(|c| c == '=' || c == ' ')) {
                out.push('\\');
            }
            out.push_str(&escape_inline(body));
        }
        out.truncate(out.trim_end().len());
        lines.push(out);
    }
    if let Some(f) = fence {
        let mut close = String::new();
        push_fence(&mut close, f.indent, f.ch, f.len);
        lines.push(close);
    }

    // Blank-line hygiene.
    let mut result: Vec<String> = Vec::with_capacity(lines.len());
    for line in lines {
        if line.is_empty() && result.last().is_none_or(String::is_empty) {
            continue;
        }
        if is_quote_blank(&line) && result.last() == Some(&line) {
            continue;
        }
        result.push(line);
    }
    while result.last().is_some_and(String::is_empty) {
        result.pop();
    }
    result
}

fn push_spaces(out: &mut String, n: usize) {
    out.extend(std::iter::repeat_n(' ', n));
}

fn push_fence(out: &mut String, indent: usize, ch: char, len: usize) {
    push_spaces(out, indent);
    out.extend(std::iter::repeat_n(ch, len));
}

fn is_quote_blank(line: &str) -> bool {
    !line.is_empty() && line.chars().all(|c| c == '>' || c == ' ')
}

/// Splits a line into at most `max_levels` blockquote markers (each normalised to `"> "`,
/// keeping the up-to-3 spaces before it; a marker-only line ends in `">"`), the number of
/// markers, and the rest.
fn split_quote_prefix(line: &str, max_levels: usize) -> (String, usize, &str) {
    let mut prefix = String::new();
    let mut levels = 0;
    let mut rest = line;
    while levels < max_levels {
        let spaces = rest.len() - rest.trim_start_matches(' ').len();
        if spaces > 3 || !rest[spaces..].starts_with('>') {
            break;
        }
        prefix.push_str(&rest[..spaces]);
        prefix.push_str("> ");
        rest = &rest[spaces + 1..];
        if let Some(r) = rest.strip_prefix(' ') {
            rest = r;
        }
        levels += 1;
    }
    if levels > 0 && rest.trim().is_empty() {
        prefix.pop();
    }
    (prefix, levels, rest)
}

/// Leading indentation in columns (tabs to the next multiple of 4) and the rest of the line.
fn leading_indent(s: &str) -> (usize, &str) {
    let mut cols = 0;
    for (i, c) in s.char_indices() {
        match c {
            ' ' => cols += 1,
            '\t' => cols += 4 - cols % 4,
            _ => return (cols, &s[i..]),
        }
    }
    (cols, "")
}

/// Outside code spans and autolinks: escapes `&` that would start an HTML entity (so `&lt;` in
/// the documentation text stays literal) and any unescaped `<` that could start an HTML tag.
fn escape_inline(line: &str) -> Cow<'_, str> {
    if !line.contains(['&', '<']) {
        return Cow::Borrowed(line);
    }
    let bytes = line.as_bytes();
    let mut runs = BacktickRuns::new(line);
    let mut out = String::with_capacity(line.len() + 8);
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => {
                let next = line[i + 1..].chars().next().map_or(0, char::len_utf8);
                out.push_str(&line[i..i + 1 + next]);
                i += 1 + next;
            }
            b'`' => {
                let (run, span) = runs.span_at(line, i);
                let end = span.map_or(i + run, |(_, end)| end);
                out.push_str(&line[i..end]);
                i = end;
            }
            b'<' => {
                if let Some(len) = autolink_end(&line[i..]) {
                    out.push_str(&line[i..i + len]);
                    i += len;
                } else {
                    // Safety net: nothing outside code may look like an HTML tag to rustdoc.
                    let rest = &line[i + 1..];
                    let tag_like = rest.starts_with(|c: char| c.is_ascii_alphabetic() || c == '!' || c == '?')
                        || rest.strip_prefix('/').is_some_and(|r| r.starts_with(|c: char| c.is_ascii_alphabetic()));
                    out.push_str(if tag_like { "\\<" } else { "<" });
                    i += 1;
                }
            }
            b'&' => {
                out.push_str(if entity_len(&line[i..]).is_some() { "&amp;" } else { "&" });
                i += 1;
            }
            _ => {
                // `i` is a char boundary and not a special byte, so the next one is further on.
                let end = line[i..].find(['\\', '`', '<', '&']).map_or(line.len(), |n| i + n);
                out.push_str(&line[i..end]);
                i = end;
            }
        }
    }
    Cow::Owned(out)
}

/// Length of a CommonMark URI autolink (`<scheme:...>`) at the start of `s`.
fn autolink_end(s: &str) -> Option<usize> {
    let rest = s.strip_prefix('<')?;
    let b = rest.as_bytes();
    let scheme_len = b.iter().take(33).take_while(|c| c.is_ascii_alphanumeric() || matches!(c, b'+' | b'.' | b'-')).count();
    if !(2..=32).contains(&scheme_len) || b.get(scheme_len) != Some(&b':') || !b[0].is_ascii_alphabetic() {
        return None;
    }
    // Bounded by the next `<`, so scanning every `<` of a line stays linear overall.
    let end = rest.find(|c: char| c == '>' || c == '<' || c.is_whitespace() || c.is_control())?;
    (b[end] == b'>').then_some(end + 2)
}

/// Length of an HTML entity reference (`&name;`, `&#123;`, `&#x1F;`) at the start of `s`.
fn entity_len(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    let mut i = 1;
    if b.get(i) == Some(&b'#') {
        i += 1;
        let hex = matches!(b.get(i), Some(b'x' | b'X'));
        if hex {
            i += 1;
        }
        let is_digit = if hex { u8::is_ascii_hexdigit } else { u8::is_ascii_digit };
        let start = i;
        while i < b.len() && is_digit(&b[i]) {
            i += 1;
        }
        let n = i - start;
        if n == 0 || n > if hex { 6 } else { 7 } {
            return None;
        }
    } else {
        let start = i;
        while i < b.len() && b[i].is_ascii_alphanumeric() {
            i += 1;
        }
        if i - start < 2 || i - start > 32 || !b[start].is_ascii_alphabetic() {
            return None;
        }
    }
    (b.get(i) == Some(&b';')).then_some(i + 1)
}
