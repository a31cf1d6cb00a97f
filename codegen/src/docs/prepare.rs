//! Input clean-up and the tag-escaping pre-pass that runs before the HTML parser.

use std::borrow::Cow;

/// Real HTML (and AWS documentation) element names that are handed to the HTML parser.
/// Everything else that looks like a tag (`<view-id>`, `<Expression 1>`, ...) is escaped to
/// literal text. Raw-text elements (`script`, `style`, `textarea`, `title`, `plaintext`, ...)
/// and foreign content (`svg`, `math`) are deliberately absent: they would swallow or mangle
/// the rest of the text.
#[rustfmt::skip]
const KNOWN_TAGS: &[&str] = &[
    "a", "abbr", "acronym", "address", "article", "aside", "b", "bdi", "bdo", "big", "blockquote", "body",
    "br", "caption", "center", "cite", "code", "col", "colgroup", "dd", "del", "details", "dfn", "div",
    "dl", "dt", "em", "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6",
    "header", "hr", "html", "i", "img", "ins", "kbd", "li", "main", "mark", "nav", "ol",
    "p", "pre", "q", "s", "samp", "section", "small", "span", "strike", "strong", "sub", "summary",
    "sup", "table", "tbody", "td", "tfoot", "th", "thead", "time", "tr", "tt", "u", "ul",
    "var", "wbr",
    // AWS documentation elements.
    "note", "important", "fullname",
];

/// Tags around which whitespace is insignificant at the start of a line.
#[rustfmt::skip]
const BLOCK_TAGS: &[&str] = &[
    "address", "article", "aside", "blockquote", "body", "br", "caption", "center", "dd", "details", "div", "dl",
    "dt", "figcaption", "figure", "footer", "fullname", "h1", "h2", "h3", "h4", "h5", "h6", "header",
    "hr", "html", "important", "li", "main", "nav", "note", "ol", "p", "section", "summary", "table",
    "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
];

/// Elements rendered as inline code.
pub(super) const CODE_TAGS: &[&str] = &["code", "kbd", "samp", "tt"];

/// Void elements never increase the nesting depth.
const VOID_TAGS: &[&str] = &["br", "col", "hr", "img", "wbr"];

/// Beyond this many (approximately) open elements further tags are kept as text. This bounds
/// the work of the HTML parser on adversarial input; real documentation nests ~10 deep.
const MAX_SOURCE_DEPTH: usize = 256;

/// Longest tag (from `<` to `>`, attributes included) recognised as a tag.
const MAX_TAG_LEN: usize = 4096;

/// Line endings to `\n`, U+2028/U+2029 to `\n`, other control characters to spaces.
pub(super) fn normalize_input(input: &str) -> Cow<'_, str> {
    let needs_work = input.chars().any(|c| matches!(c, '\u{2028}' | '\u{2029}') || (c.is_control() && c != '\n' && c != '\t'));
    if !needs_work {
        return Cow::Borrowed(input);
    }
    let mut out = String::with_capacity(input.len());
    let mut chars = input.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    out.push('\n');
                }
            }
            '\u{2028}' | '\u{85}' => out.push('\n'),
            '\u{2029}' => out.push_str("\n\n"),
            '\n' | '\t' => out.push(c),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

pub(super) struct Prepared {
    pub(super) html: String,
    /// Whether at least one known HTML tag was found.
    pub(super) has_tags: bool,
}

/// Lexical pass over the documentation string (not an HTML parser): it only decides, for each
/// `<`, whether it starts a known tag; it tracks just enough context to leave `<pre>` content
/// alone and to avoid linkifying URLs inside `<code>` or `<a>`.
pub(super) fn prepare_html(input: &str) -> Prepared {
    let mut out = String::with_capacity(input.len() + input.len() / 8 + 16);
    let mut st = ScanState { at_block_start: true, ..ScanState::default() };
    let mut has_tags = false;
    let mut pos = 0;
    while pos < input.len() {
        let Some(rel) = input[pos..].find('<') else {
            st.text(&input[pos..], &mut out);
            break;
        };
        let lt = pos + rel;
        st.text(&input[pos..lt], &mut out);
        // Comments are dropped (the parser would drop them anyway); an unterminated one is text.
        if input[lt..].starts_with("<!--")
            && let Some(end) = input[lt + 4..].find("-->")
        {
            pos = lt + 4 + end + 3;
            continue;
        }
        match parse_known_tag(input, lt) {
            Some(tag) if st.depth < MAX_SOURCE_DEPTH || tag.closing => {
                has_tags = true;
                out.push_str(&input[lt..tag.end]);
                st.tag(&tag);
                pos = tag.end;
            }
            _ => {
                out.push_str("&lt;");
                pos = lt + 1;
                st.at_block_start = false;
            }
        }
    }
    Prepared { html: out, has_tags }
}

#[derive(Default)]
struct ScanState {
    at_block_start: bool,
    pre: usize,
    code: usize,
    anchor: usize,
    depth: usize,
}

impl ScanState {
    fn text(&mut self, text: &str, out: &mut String) {
        if text.is_empty() {
            return;
        }
        if self.pre > 0 {
            out.push_str(text);
            return;
        }
        let text = if self.at_block_start {
            let trimmed = text.trim_start_matches(|c: char| c.is_ascii_whitespace());
            if trimmed.is_empty() {
                return;
            }
            self.at_block_start = false;
            trimmed
        } else {
            text
        };
        if self.code > 0 || self.anchor > 0 {
            out.push_str(text);
        } else {
            linkify(text, out);
        }
    }

    fn tag(&mut self, tag: &Tag<'_>) {
        let name: &str = tag.name.as_ref();
        let void = VOID_TAGS.contains(&name) || tag.self_closing;
        let adjust = |counter: &mut usize| {
            if tag.closing {
                *counter = counter.saturating_sub(1);
            } else if !void {
                *counter += 1;
            }
        };
        if name == "pre" {
            adjust(&mut self.pre);
        } else if CODE_TAGS.contains(&name) {
            adjust(&mut self.code);
        } else if name == "a" {
            adjust(&mut self.anchor);
        }
        // Elements with optional end tags are not counted, so that long runs of unclosed
        // `<p>`/`<li>` do not look deeply nested.
        if !matches!(name, "p" | "li" | "dt" | "dd" | "tr" | "td" | "th") {
            adjust(&mut self.depth);
        }
        if BLOCK_TAGS.contains(&name) {
            self.at_block_start = true;
        }
    }
}

struct Tag<'a> {
    name: Cow<'a, str>,
    closing: bool,
    self_closing: bool,
    /// Byte offset just past the closing `>`.
    end: usize,
}

/// Parses `<name ...>` / `</name>` at `lt` if `name` is a known HTML tag and the tag is closed
/// by a `>` (quoted attribute values may contain `>`).
fn parse_known_tag(input: &str, lt: usize) -> Option<Tag<'_>> {
    let bytes = input.as_bytes();
    let mut i = lt + 1;
    let closing = bytes.get(i) == Some(&b'/');
    if closing {
        i += 1;
    }
    let name_start = i;
    if !bytes.get(i)?.is_ascii_alphabetic() {
        return None;
    }
    while i < bytes.len() && bytes[i].is_ascii_alphanumeric() {
        i += 1;
    }
    let raw_name = &input[name_start..i];
    match bytes.get(i) {
        Some(b'>' | b'/' | b' ' | b'\t' | b'\n' | b'\x0c') => {}
        _ => return None,
    }
    let name: Cow<'_, str> =
        if raw_name.bytes().any(|b| b.is_ascii_uppercase()) { Cow::Owned(raw_name.to_ascii_lowercase()) } else { Cow::Borrowed(raw_name) };
    if !KNOWN_TAGS.contains(&name.as_ref()) {
        return None;
    }
    // Find the end of the tag (bounded, so that many unterminated tags stay cheap).
    let mut quote: Option<u8> = None;
    let mut prev_significant = 0u8;
    let limit = bytes.len().min(lt + MAX_TAG_LEN);
    while i < limit {
        let b = bytes[i];
        match quote {
            Some(q) => {
                if b == q {
                    quote = None;
                }
            }
            None => match b {
                b'>' => {
                    return Some(Tag { name, closing, self_closing: prev_significant == b'/', end: i + 1 });
                }
                b'"' | b'\'' if prev_significant == b'=' => quote = Some(b),
                b'<' => return None,
                _ => {}
            },
        }
        if !b.is_ascii_whitespace() {
            prev_significant = b;
        }
        i += 1;
    }
    None
}

/// Copies `text` (raw HTML text, entities allowed) to `out`, wrapping bare `http(s)://` URLs in
/// `<a href>` so that they become autolinks.
fn linkify(text: &str, out: &mut String) {
    let mut rest = text;
    loop {
        let Some(idx) = find_url_start(rest) else {
            out.push_str(rest);
            return;
        };
        let (before, from) = rest.split_at(idx);
        out.push_str(before);
        let len = url_len(from);
        let scheme_len = if from[..8.min(from.len())].eq_ignore_ascii_case("https://") { 8 } else { 7 };
        if len <= scheme_len {
            out.push_str(&from[..scheme_len]);
            rest = &from[scheme_len..];
            continue;
        }
        let url = &from[..len];
        out.push_str("<a href=\"");
        out.push_str(url);
        out.push_str("\">");
        out.push_str(url);
        out.push_str("</a>");
        rest = &from[len..];
    }
}

fn find_url_start(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut from = 0;
    while let Some(rel) = text[from..].find(['h', 'H']) {
        let i = from + rel;
        let rest = &bytes[i..];
        let is_url = (rest.len() >= 7 && rest[..7].eq_ignore_ascii_case(b"http://"))
            || (rest.len() >= 8 && rest[..8].eq_ignore_ascii_case(b"https://"));
        let word_boundary = i == 0 || !(bytes[i - 1].is_ascii_alphanumeric() || bytes[i - 1] == b'/');
        if is_url && word_boundary {
            return Some(i);
        }
        from = i + 1;
    }
    None
}

/// Length in bytes of the URL at the start of `text`, without trailing punctuation.
fn url_len(text: &str) -> usize {
    let mut end = text.len();
    for (i, c) in text.char_indices() {
        let stop = c.is_whitespace()
            || matches!(c, '<' | '>' | '"' | '`' | '\'' | '{' | '}' | '|' | '\\' | '^')
            || (c == '&' && {
                let r = &text[i..];
                r.starts_with("&lt;") || r.starts_with("&gt;") || r.starts_with("&quot;") || r.starts_with("&#") || r.starts_with("&nbsp;")
            });
        if stop {
            end = i;
            break;
        }
    }
    let mut url = &text[..end];
    // Strip trailing punctuation, and closing brackets that are not balanced inside the URL.
    let count = |b: u8| url.bytes().filter(|&c| c == b).count();
    let (open_paren, mut close_paren) = (count(b'('), count(b')'));
    let (open_bracket, mut close_bracket) = (count(b'['), count(b']'));
    while let Some(last) = url.chars().last() {
        let strip = match last {
            '.' | ',' | ';' | ':' | '!' | '?' | '*' | '_' | '~' => true,
            ')' if open_paren < close_paren => {
                close_paren -= 1;
                true
            }
            ']' if open_bracket < close_bracket => {
                close_bracket -= 1;
                true
            }
            _ => false,
        };
        if !strip {
            break;
        }
        url = &url[..url.len() - last.len_utf8()];
    }
    url.len()
}
