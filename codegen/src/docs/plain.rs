//! The plain-text path: documentation without any HTML tag is turned into simple HTML, so that
//! it goes through the same conversion as HTML documentation.

use super::commonmark::{BacktickRuns, is_closing_fence, opening_fence};
use super::handlers::absolute_url;

/// Plain text / CommonMark-ish input without any HTML tag: keeps paragraphs and line breaks,
/// turns fenced blocks into `<pre>`, `- `/`1. ` lines into lists, matched backtick spans into
/// `<code>` and `[text](https://...)` into links; everything else is escaped as text.
pub(super) fn plain_text_to_html(text: &str) -> String {
    #[derive(PartialEq, Clone, Copy)]
    enum Block {
        None,
        Paragraph,
        Bullets,
        Numbers,
    }
    fn close(block: &mut Block, out: &mut String) {
        out.push_str(match block {
            Block::None => "",
            Block::Paragraph => "</p>",
            Block::Bullets => "</li></ul>",
            Block::Numbers => "</li></ol>",
        });
        *block = Block::None;
    }
    let mut out = String::with_capacity(text.len() + 64);
    let mut block = Block::None;
    let mut fence: Option<(char, usize)> = None;
    for line in text.split('\n') {
        let trimmed = line.trim();
        if let Some((ch, len)) = fence {
            if is_closing_fence(trimmed, ch, len) {
                out.push_str("</pre>");
                fence = None;
            } else {
                escape_html_text(line, &mut out);
                out.push('\n');
            }
            continue;
        }
        if let Some(opened) = opening_fence(trimmed) {
            close(&mut block, &mut out);
            out.push_str("<pre>");
            fence = Some(opened);
            continue;
        }
        if trimmed.is_empty() {
            close(&mut block, &mut out);
            continue;
        }
        let bullet = ["- ", "* ", "+ "].iter().find_map(|m| trimmed.strip_prefix(m));
        let digits = trimmed.bytes().take_while(u8::is_ascii_digit).count();
        let number = (1..=9).contains(&digits)
            && matches!(trimmed.as_bytes().get(digits), Some(b'.' | b')'))
            && trimmed.as_bytes().get(digits + 1) == Some(&b' ');
        if let Some(item) = bullet {
            if block == Block::Bullets {
                out.push_str("</li>");
            } else {
                close(&mut block, &mut out);
                out.push_str("<ul>");
                block = Block::Bullets;
            }
            out.push_str("<li>");
            plain_inline_to_html(item.trim_start(), &mut out);
        } else if number {
            if block == Block::Numbers {
                out.push_str("</li>");
            } else {
                close(&mut block, &mut out);
                out.push_str("<ol start=\"");
                out.push_str(&trimmed[..digits]);
                out.push_str("\">");
                block = Block::Numbers;
            }
            out.push_str("<li>");
            plain_inline_to_html(trimmed[digits + 2..].trim_start(), &mut out);
        } else {
            if block == Block::None {
                out.push_str("<p>");
                block = Block::Paragraph;
            } else {
                out.push_str("<br>");
            }
            plain_inline_to_html(trimmed, &mut out);
        }
    }
    if fence.is_some() {
        out.push_str("</pre>");
    }
    close(&mut block, &mut out);
    out
}

/// One line of plain text as HTML: code spans and absolute links are kept, the rest escaped.
fn plain_inline_to_html(line: &str, out: &mut String) {
    let bytes = line.as_bytes();
    let mut runs = BacktickRuns::new(line);
    let mut i = 0;
    let mut text_start = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'`' => {
                let (run, span) = runs.span_at(line, i);
                if let Some((start, end)) = span {
                    escape_html_text(&line[text_start..start], out);
                    out.push_str("<code>");
                    escape_html_text(&line[start + run..end - run], out);
                    out.push_str("</code>");
                    i = end;
                    text_start = i;
                } else {
                    i += run;
                }
            }
            b'[' => {
                if let Some((label, dest, end)) = link_at(line, i) {
                    escape_html_text(&line[text_start..i], out);
                    out.push_str("<a href=\"");
                    escape_html_text(dest, out);
                    out.push_str("\">");
                    escape_html_text(label, out);
                    out.push_str("</a>");
                    i = end;
                    text_start = i;
                } else {
                    i += 1;
                }
            }
            _ => i += 1,
        }
    }
    escape_html_text(&line[text_start..], out);
}

/// `[label](absolute-url)` starting at the `[` at byte `i`: the label, the destination and the
/// byte offset just past the `)`. Scans stop at the next bracket/paren/space, keeping the whole
/// pass linear.
fn link_at(line: &str, i: usize) -> Option<(&str, &str, usize)> {
    let close = line[i + 1..].find(['[', ']', '`'])?;
    let label = &line[i + 1..i + 1 + close];
    let dest_start = i + 1 + close + 2;
    if !line[i + 1 + close..].starts_with("](") || label.trim().is_empty() {
        return None;
    }
    let dest_len = line[dest_start..].find(|c: char| matches!(c, ')' | '(' | '[' | ']' | '<' | '>') || c.is_whitespace())?;
    let dest = &line[dest_start..dest_start + dest_len];
    let ok = line[dest_start + dest_len..].starts_with(')') && absolute_url(dest).is_some();
    ok.then_some((label, dest, dest_start + dest_len + 1))
}

fn escape_html_text(text: &str, out: &mut String) {
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
}
