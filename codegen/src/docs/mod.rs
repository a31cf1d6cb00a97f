//! Conversion of Smithy `@documentation` strings into rustdoc Markdown.
//!
//! AWS models carry documentation as HTML (`<p>`, `<code>`, `<a>`, lists, definition lists and
//! the AWS-specific `<note>` / `<important>` / `<fullname>` elements); other models may use plain
//! text or CommonMark. [`to_rustdoc`] turns either into Markdown lines that are safe to emit as
//! `#[doc = " line"]` attributes. The pipeline:
//!
//! 1. `prepare`: line endings and control characters are normalised, then a lexical pre-pass
//!    escapes every `<` that does not start a known HTML tag (so placeholders such as
//!    `<view-id>` survive as literal text), wraps bare URLs in `<a>` and drops whitespace that
//!    is insignificant at the start of a block;
//! 2. `plain`: input without a single known tag is plain text / CommonMark; it is first turned
//!    into equivalent simple HTML, then prepared like HTML input;
//! 3. `handlers`: [`htmd`] converts the HTML, with custom element handlers for callouts,
//!    definition lists, inline code, links and `<pre>` blocks;
//! 4. `postprocess`: the Markdown is normalised line by line so that rustdoc never sees an
//!    indented code block (which would become a doctest), an untagged fenced block, an HTML-like
//!    tag, trailing whitespace or runs of blank lines.
//!
//! `commonmark` holds the code-span and fence recognisers that steps 2 and 4 share. Should htmd
//! fail or panic, every line is emitted as escaped text instead.

mod commonmark;
mod handlers;
mod plain;
mod postprocess;
mod prepare;

#[cfg(test)]
mod invariants;
#[cfg(test)]
mod official;
#[cfg(test)]
mod tests;

/// Model text shown verbatim in docs (a pattern): control characters as their escapes (`\n`,
/// `\t`, `\r`, `\u{1b}`), since a doc comment cannot hold a bare CR and a line break would end
/// the code span. Codecatalyst's patterns hold a tab, a CR and a LF.
pub fn visible(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    out
}

/// Converts a Smithy `@documentation` string (HTML in AWS models, possibly plain text or
/// CommonMark) into rustdoc Markdown lines, ready to be emitted one `#[doc = " line"]` per line.
/// Returns an empty Vec for empty/whitespace-only input.
///
/// Guarantees on the returned lines:
///
/// * no line starts with four or more spaces or a tab unless it is inside a fenced code block
///   (also inside `>` callouts), so rustdoc never finds an indented code block / doctest;
/// * every fenced code block is tagged ```` ```text ````;
/// * `[` / `]` outside code spans are backslash-escaped (no broken intra-doc links), bare
///   `http(s)://` URLs become autolinks, and a `<` outside code never starts something that
///   looks like an HTML tag;
/// * no trailing whitespace, no leading/trailing blank lines, never two blank lines in a row;
/// * U+2028 / U+2029 are turned into line breaks.
///
/// The function never panics.
pub fn to_rustdoc(html: &str) -> Vec<String> {
    if html.trim().is_empty() {
        return Vec::new();
    }
    let input = prepare::normalize_input(html);
    let markdown = std::panic::catch_unwind(|| html_to_markdown(&input)).ok().flatten().unwrap_or_else(|| fallback_markdown(&input));
    postprocess::postprocess(&markdown)
}

fn html_to_markdown(input: &str) -> Option<String> {
    let prepared = prepare::prepare_html(input);
    let html = if prepared.has_tags { prepared.html } else { prepare::prepare_html(&plain::plain_text_to_html(input)).html };
    handlers::convert(&html)
}

/// Used only if htmd fails: every line as escaped text.
fn fallback_markdown(input: &str) -> String {
    let mut out = String::with_capacity(input.len() + 16);
    for line in input.lines() {
        for c in line.trim().chars() {
            match c {
                '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '-' | '+' | '!' | '~' | '=' => {
                    out.push('\\');
                    out.push(c);
                }
                '&' => out.push_str("&amp;"),
                c => out.push(c),
            }
        }
        out.push('\n');
    }
    out
}
