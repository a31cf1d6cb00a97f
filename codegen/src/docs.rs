//! Conversion of Smithy `@documentation` strings into rustdoc Markdown.
//!
//! AWS models carry documentation as HTML (`<p>`, `<code>`, `<a>`, lists, definition lists and
//! the AWS-specific `<note>` / `<important>` / `<fullname>` elements); other models may use plain
//! text or CommonMark. [`to_rustdoc`] turns either into Markdown lines that are safe to emit as
//! `#[doc = " line"]` attributes:
//!
//! * the HTML is converted by [`htmd`] with a few custom element handlers (callouts, definition
//!   lists, inline code, links, `<pre>` blocks);
//! * before parsing, every `<` that does not start a known HTML tag is escaped, so placeholders
//!   such as `<view-id>` survive as literal text;
//! * after conversion, the Markdown is normalised line by line so that rustdoc never sees an
//!   indented code block (which would become a doctest), an untagged fenced block, trailing
//!   whitespace or runs of blank lines.

use std::borrow::Cow;
use std::cell::Cell;
use std::rc::Rc;
use std::sync::LazyLock;

use htmd::element_handler::{HandlerResult, Handlers};
use htmd::options::{BrStyle, BulletListMarker, CodeBlockStyle, LinkStyle, Options};
use htmd::{Element, HtmlToMarkdown, Node};

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
    let input = normalize_input(html);
    let markdown = std::panic::catch_unwind(|| html_to_markdown(&input))
        .ok()
        .flatten();
    match markdown {
        Some(md) => postprocess(&md),
        None => postprocess(&fallback_markdown(&input)),
    }
}

// ---------------------------------------------------------------------------------------------
// Input normalisation
// ---------------------------------------------------------------------------------------------

/// Line endings to `\n`, U+2028/U+2029 to `\n`, other control characters to spaces.
fn normalize_input(input: &str) -> Cow<'_, str> {
    let needs_work = input.chars().any(|c| {
        matches!(c, '\r' | '\u{2028}' | '\u{2029}' | '\u{85}')
            || (c.is_control() && c != '\n' && c != '\t')
    });
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

// ---------------------------------------------------------------------------------------------
// HTML preparation: escape non-HTML tags, linkify bare URLs, drop insignificant whitespace
// ---------------------------------------------------------------------------------------------

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
const CODE_TAGS: &[&str] = &["code", "kbd", "samp", "tt"];

/// Void elements never increase the nesting depth.
const VOID_TAGS: &[&str] = &["br", "col", "hr", "img", "wbr"];

/// Beyond this many (approximately) open elements further tags are kept as text. This bounds
/// the work of the HTML parser on adversarial input; real documentation nests ~10 deep.
const MAX_SOURCE_DEPTH: usize = 256;

/// Longest tag (from `<` to `>`, attributes included) recognised as a tag.
const MAX_TAG_LEN: usize = 4096;

/// Maximum depth of the DOM handed to htmd (which converts recursively).
const MAX_DOM_DEPTH: usize = 48;

struct Prepared {
    html: String,
    /// Whether at least one known HTML tag was found.
    has_tags: bool,
}

/// Lexical pass over the documentation string (not an HTML parser): it only decides, for each
/// `<`, whether it starts a known tag; it tracks just enough context to leave `<pre>` content
/// alone and to avoid linkifying URLs inside `<code>` or `<a>`.
fn prepare_html(input: &str) -> Prepared {
    let bytes = input.as_bytes();
    let mut out = String::with_capacity(input.len() + input.len() / 8 + 16);
    let mut st = ScanState {
        at_block_start: true,
        pre: 0,
        code: 0,
        anchor: 0,
        depth: 0,
    };
    let mut has_tags = false;
    let mut pos = 0;
    while pos < bytes.len() {
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
                if st.at_block_start {
                    st.at_block_start = false;
                }
            }
        }
    }
    Prepared {
        html: out,
        has_tags,
    }
}

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
    let name: Cow<'_, str> = if raw_name.bytes().any(|b| b.is_ascii_uppercase()) {
        Cow::Owned(raw_name.to_ascii_lowercase())
    } else {
        Cow::Borrowed(raw_name)
    };
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
                    let self_closing = prev_significant == b'/';
                    return Some(Tag {
                        name,
                        closing,
                        self_closing,
                        end: i + 1,
                    });
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
        let scheme_len = if from[..8.min(from.len())].eq_ignore_ascii_case("https://") {
            8
        } else {
            7
        };
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
        let word_boundary =
            i == 0 || !(bytes[i - 1].is_ascii_alphanumeric() || bytes[i - 1] == b'/');
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
            || matches!(
                c,
                '<' | '>' | '"' | '`' | '\'' | '{' | '}' | '|' | '\\' | '^'
            )
            || (c == '&' && {
                let r = &text[i..];
                r.starts_with("&lt;")
                    || r.starts_with("&gt;")
                    || r.starts_with("&quot;")
                    || r.starts_with("&#")
                    || r.starts_with("&nbsp;")
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

/// Plain text / CommonMark-ish input without any HTML tag: keeps paragraphs and line breaks,
/// turns fenced blocks into `<pre>`, `- `/`1. ` lines into lists, matched backtick spans into
/// `<code>` and `[text](https://...)` into links; everything else is escaped as text.
fn plain_text_to_html(text: &str) -> String {
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
        if let Some((ch, len)) = fence {
            let t = line.trim();
            if t.len() >= len && t.chars().all(|c| c == ch) {
                out.push_str("</pre>");
                fence = None;
            } else {
                escape_html_text(line, &mut out);
                out.push('\n');
            }
            continue;
        }
        let trimmed = line.trim();
        if let Some((ch, len, _)) = opening_fence(trimmed) {
            close(&mut block, &mut out);
            out.push_str("<pre>");
            fence = Some((ch, len));
            continue;
        }
        if trimmed.is_empty() {
            close(&mut block, &mut out);
            continue;
        }
        let bullet = ["- ", "* ", "+ "]
            .iter()
            .find_map(|m| trimmed.strip_prefix(m));
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
                // Scans stop at the next bracket/paren/space, keeping the whole pass linear.
                let link = (|| {
                    let close = line[i + 1..].find(['[', ']', '`'])?;
                    let label = &line[i + 1..i + 1 + close];
                    let dest_start = i + 1 + close + 2;
                    if !line[i + 1 + close..].starts_with("](") || label.trim().is_empty() {
                        return None;
                    }
                    let dest_len = line[dest_start..].find(|c: char| {
                        matches!(c, ')' | '(' | '[' | ']' | '<' | '>') || c.is_whitespace()
                    })?;
                    let dest = &line[dest_start..dest_start + dest_len];
                    let ok = line[dest_start + dest_len..].starts_with(')')
                        && absolute_url(dest).is_some();
                    ok.then_some((label, dest, dest_start + dest_len + 1))
                })();
                if let Some((label, dest, end)) = link {
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

// ---------------------------------------------------------------------------------------------
// htmd conversion
// ---------------------------------------------------------------------------------------------

thread_local! {
    /// Number of enclosing `<pre>` elements of the element being converted.
    static PRE_DEPTH: Cell<usize> = const { Cell::new(0) };
    /// Number of enclosing inline-code elements of the element being converted.
    static CODE_DEPTH: Cell<usize> = const { Cell::new(0) };
}

struct DepthGuard(&'static std::thread::LocalKey<Cell<usize>>);

impl DepthGuard {
    fn enter(key: &'static std::thread::LocalKey<Cell<usize>>) -> Self {
        key.with(|c| c.set(c.get() + 1));
        DepthGuard(key)
    }
}

impl Drop for DepthGuard {
    fn drop(&mut self) {
        self.0.with(|c| c.set(c.get().saturating_sub(1)));
    }
}

fn in_pre() -> bool {
    PRE_DEPTH.with(Cell::get) > 0
}

fn in_code() -> bool {
    CODE_DEPTH.with(Cell::get) > 0 || in_pre()
}

static CONVERTER: LazyLock<HtmlToMarkdown> = LazyLock::new(|| {
    HtmlToMarkdown::builder()
        .options(Options {
            bullet_list_marker: BulletListMarker::Dash,
            ul_bullet_spacing: 1,
            ol_number_spacing: 1,
            code_block_style: CodeBlockStyle::Fenced,
            link_style: LinkStyle::Inlined,
            br_style: BrStyle::Backslash,
            ..Options::default()
        })
        .add_handler(
            vec!["fullname", "img", "script", "style", "head"],
            skip_handler,
        )
        .add_handler(vec!["note"], |h: &dyn Handlers, e: Element| {
            callout(h, e, "Note")
        })
        .add_handler(vec!["important"], |h: &dyn Handlers, e: Element| {
            callout(h, e, "Important")
        })
        .add_handler(vec!["dl", "dd"], block_handler)
        .add_handler(vec!["dt"], term_handler)
        .add_handler(CODE_TAGS.to_vec(), code_handler)
        .add_handler(vec!["pre"], pre_handler)
        .add_handler(vec!["a"], anchor_handler)
        .add_handler(vec!["br"], br_handler)
        .add_handler(vec!["i", "em", "b", "strong"], emphasis_handler)
        .add_handler(vec!["table"], table_handler)
        .build()
});

fn html_to_markdown(input: &str) -> Option<String> {
    PRE_DEPTH.with(|c| c.set(0));
    CODE_DEPTH.with(|c| c.set(0));
    let prepared = prepare_html(input);
    let html = if prepared.has_tags {
        prepared.html
    } else {
        prepare_html(&plain_text_to_html(input)).html
    };
    let tree = CONVERTER.html_to_tree(&html).ok()?;
    limit_depth(&tree, MAX_DOM_DEPTH);
    Some(CONVERTER.tree_to_markdown(&tree))
}

/// Flattens the DOM below `max_depth`: the subtree of every node at that depth is replaced by
/// its leaves (text nodes and empty elements) in document order. htmd walks the DOM
/// recursively, so this keeps pathological nesting from overflowing the stack.
fn limit_depth(root: &Rc<Node>, max_depth: usize) {
    let mut stack: Vec<(Rc<Node>, usize)> = vec![(Rc::clone(root), 0)];
    while let Some((node, depth)) = stack.pop() {
        if depth >= max_depth {
            let has_grandchildren = node
                .children
                .borrow()
                .iter()
                .any(|c| !c.children.borrow().is_empty());
            if has_grandchildren {
                let mut leaves = Vec::new();
                let mut work: Vec<Rc<Node>> =
                    node.children.borrow().iter().rev().cloned().collect();
                while let Some(n) = work.pop() {
                    let children = n.children.borrow();
                    if children.is_empty() {
                        drop(children);
                        leaves.push(n);
                    } else {
                        work.extend(children.iter().rev().cloned());
                    }
                }
                for leaf in &leaves {
                    leaf.parent.set(Some(Rc::downgrade(&node)));
                }
                // The replaced subtree is dropped here (iteratively, by markup5ever_rcdom).
                let old = std::mem::replace(&mut *node.children.borrow_mut(), leaves);
                drop(old);
            }
            continue;
        }
        for child in node.children.borrow().iter() {
            stack.push((Rc::clone(child), depth + 1));
        }
    }
}

fn skip_handler(_: &dyn Handlers, _: Element) -> Option<HandlerResult> {
    None
}

fn block(content: &str) -> Option<HandlerResult> {
    let content = content.trim_matches(|c: char| c == '\n' || c == ' ');
    if content.is_empty() {
        None
    } else {
        Some(format!("\n\n{content}\n\n").into())
    }
}

fn block_handler(handlers: &dyn Handlers, element: Element) -> Option<HandlerResult> {
    let content = handlers.walk_children(element.node).content;
    block(&content)
}

/// `<dt>`: the term as a bold paragraph.
fn term_handler(handlers: &dyn Handlers, element: Element) -> Option<HandlerResult> {
    let content = handlers.walk_children(element.node).content;
    let content = collapse_whitespace(&content);
    if content.is_empty() {
        return None;
    }
    if content.contains("**") || content.starts_with('*') || content.ends_with('*') {
        block(&content)
    } else {
        Some(format!("\n\n**{content}**\n\n").into())
    }
}

/// `<note>` / `<important>`: a blockquote starting with `**Note:**` / `**Important:**`.
fn callout(handlers: &dyn Handlers, element: Element, label: &str) -> Option<HandlerResult> {
    let content = handlers.walk_children(element.node).content;
    let content = content.trim_matches(|c: char| c.is_whitespace());
    let mut out = String::with_capacity(content.len() + 32);
    out.push_str("\n\n> **");
    out.push_str(label);
    out.push_str(":**");
    let mut lines = content.lines();
    if let Some(first) = lines.next() {
        if starts_block(first) {
            out.push_str("\n>\n> ");
        } else {
            out.push(' ');
        }
        out.push_str(first);
    }
    for line in lines {
        if line.trim().is_empty() {
            out.push_str("\n>");
        } else {
            out.push_str("\n> ");
            out.push_str(line);
        }
    }
    out.push_str("\n\n");
    Some(out.into())
}

/// Whether a Markdown line starts a block construct (so it cannot follow a label inline).
fn starts_block(line: &str) -> bool {
    let t = line.trim_start();
    if t.starts_with("- ")
        || t.starts_with("* ")
        || t.starts_with("+ ")
        || t.starts_with('>')
        || t.starts_with("```")
        || t.starts_with("~~~")
        || t.starts_with('#')
        || t.starts_with('|')
    {
        return true;
    }
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    digits > 0 && matches!(t.as_bytes().get(digits), Some(b'.' | b')'))
}

/// Inline `<code>` (and `<kbd>`, `<samp>`, `<tt>`): whitespace collapsed to single spaces (as a
/// browser shows it), wrapped in enough backticks. Inside `<pre>` the raw text is kept.
fn code_handler(handlers: &dyn Handlers, element: Element) -> Option<HandlerResult> {
    if in_pre() {
        return Some(handlers.walk_children(element.node));
    }
    let content = {
        let _guard = DepthGuard::enter(&CODE_DEPTH);
        handlers.walk_children(element.node).content
    };
    if in_code() {
        // Nested code element: the outer one does the wrapping.
        return Some(content.into());
    }
    let content = collapse_whitespace(&content);
    if content.is_empty() {
        return None;
    }
    Some(code_span(&content).into())
}

fn code_span(content: &str) -> String {
    let mut runs = Vec::new();
    let mut run = 0usize;
    for b in content.bytes() {
        if b == b'`' {
            run += 1;
        } else if run > 0 {
            runs.push(run);
            run = 0;
        }
    }
    if run > 0 {
        runs.push(run);
    }
    let n = (1..).find(|n| !runs.contains(n)).unwrap_or(1);
    let fence = "`".repeat(n);
    let pad = content.starts_with('`') || content.ends_with('`');
    if pad {
        format!("{fence} {content} {fence}")
    } else {
        format!("{fence}{content}{fence}")
    }
}

/// `<pre>`: a ```` ```text ```` fenced block.
fn pre_handler(handlers: &dyn Handlers, element: Element) -> Option<HandlerResult> {
    if in_pre() {
        return Some(handlers.walk_children(element.node));
    }
    let content = {
        let _guard = DepthGuard::enter(&PRE_DEPTH);
        handlers.walk_children(element.node).content
    };
    let content = content.trim_start_matches('\n').trim_end();
    if content.trim().is_empty() {
        return None;
    }
    let mut longest = 0usize;
    let mut run = 0usize;
    for b in content.bytes() {
        if b == b'`' {
            run += 1;
            longest = longest.max(run);
        } else {
            run = 0;
        }
    }
    let fence = "`".repeat(3.max(longest + 1));
    Some(format!("\n\n{fence}text\n{content}\n{fence}\n\n").into())
}

/// `<a href>`: an inline link for absolute URLs, an autolink when the text is the URL itself,
/// and just the text for relative/fragment links (which rustdoc could not resolve).
fn anchor_handler(handlers: &dyn Handlers, element: Element) -> Option<HandlerResult> {
    let href = element
        .attrs
        .iter()
        .find(|attr| attr.name.local.as_ref() == "href")
        .map(|attr| attr.value.as_ref().trim().to_string());
    let content = handlers.walk_children(element.node).content;
    if in_code() {
        return Some(content.into());
    }
    let content = collapse_whitespace(&content);
    let Some(url) = href.as_deref().and_then(absolute_url) else {
        return if content.is_empty() {
            None
        } else {
            Some(content.into())
        };
    };
    let plain = unescape_markdown(&content);
    if content.is_empty() || plain == url || plain == href.as_deref().unwrap_or_default() {
        return Some(format!("<{url}>").into());
    }
    let destination = url.replace('(', "%28").replace(')', "%29");
    Some(format!("[{content}]({destination})").into())
}

/// Returns a sanitised absolute URL (usable both as link destination and as autolink), or
/// `None` for relative links.
fn absolute_url(href: &str) -> Option<String> {
    let lower = href.get(..8).unwrap_or(href).to_ascii_lowercase();
    let absolute = lower.starts_with("http://")
        || lower.starts_with("https://")
        || lower.starts_with("mailto:")
        || lower.starts_with("ftp://");
    if !absolute {
        return None;
    }
    let mut out = String::with_capacity(href.len());
    for c in href.chars() {
        match c {
            ' ' => out.push_str("%20"),
            '<' => out.push_str("%3C"),
            '>' => out.push_str("%3E"),
            '"' => out.push_str("%22"),
            '`' => out.push_str("%60"),
            '\\' => out.push_str("%5C"),
            c if c.is_whitespace() || c.is_control() => {}
            c => out.push(c),
        }
    }
    Some(out)
}

fn unescape_markdown(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            if let Some(n) = chars.next() {
                out.push(n);
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// `<br>`: a plain line break (two-space / backslash hard breaks would leave trailing
/// whitespace or stray backslashes).
fn br_handler(_: &dyn Handlers, _: Element) -> Option<HandlerResult> {
    Some("\n".into())
}

/// Emphasis is plain text inside code; otherwise htmd's own handler.
fn emphasis_handler(handlers: &dyn Handlers, element: Element) -> Option<HandlerResult> {
    if in_code() {
        Some(handlers.walk_children(element.node))
    } else {
        handlers.fallback(element)
    }
}

/// htmd's Markdown table, with the `&#124;` it uses for `|` inside cells turned into `\|`
/// (the entity would otherwise be escaped to literal text by the post-processing).
fn table_handler(handlers: &dyn Handlers, element: Element) -> Option<HandlerResult> {
    let mut result = handlers.fallback(element)?;
    if result.content.contains("&#124;") {
        result.content = result.content.replace("&#124;", "\\|");
    }
    Some(result)
}

/// Collapses every whitespace run (including newlines) into a single space and trims.
fn collapse_whitespace(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Used only if htmd fails: every line as escaped text.
fn fallback_markdown(input: &str) -> String {
    let mut out = String::with_capacity(input.len() + 16);
    for line in input.lines() {
        for c in line.trim().chars() {
            match c {
                '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '-' | '+' | '!'
                | '~' | '=' => {
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

// ---------------------------------------------------------------------------------------------
// Markdown post-processing
// ---------------------------------------------------------------------------------------------

struct OpenFence {
    ch: char,
    len: usize,
    /// Blockquote depth of the fence; its content lines keep any further `>` as text.
    levels: usize,
    /// Columns removed from the fence (and its content lines) to bring it to <= 3 spaces.
    strip: usize,
    indent: usize,
}

/// Normalises htmd's Markdown into rustdoc-safe lines (see [`to_rustdoc`]).
fn postprocess(md: &str) -> Vec<String> {
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
            if is_closing_fence(body, f) {
                push_spaces(&mut out, f.indent);
                out.extend(std::iter::repeat_n(f.ch, f.len));
                fence = None;
            } else {
                push_spaces(&mut out, indent.saturating_sub(f.strip));
                out.push_str(body);
            }
        } else if let Some((ch, len, _info)) = opening_fence(body) {
            let new_indent = indent.min(3);
            fence = Some(OpenFence {
                ch,
                len,
                levels,
                strip: indent - new_indent,
                indent: new_indent,
            });
            push_spaces(&mut out, new_indent);
            out.extend(std::iter::repeat_n(ch, len));
            out.push_str("text");
        } else if !body.is_empty() {
            push_spaces(&mut out, indent.min(3));
            // A text line made only of `-` or `=` would turn the previous line into a heading.
            if body.contains(['-', '='])
                && (body.chars().all(|c| c == '-' || c == ' ')
                    || body.chars().all(|c| c == '=' || c == ' '))
            {
                out.push('\\');
            }
            out.push_str(&escape_inline(body));
        }
        let trimmed_len = out.trim_end().len();
        out.truncate(trimmed_len);
        lines.push(out);
    }
    if let Some(f) = fence {
        let mut close = " ".repeat(f.indent);
        close.extend(std::iter::repeat_n(f.ch, f.len));
        lines.push(close);
    }

    // Blank-line hygiene.
    let mut result: Vec<String> = Vec::with_capacity(lines.len());
    for line in lines {
        let blank = line.is_empty();
        if blank && result.last().is_none_or(|l: &String| l.is_empty()) {
            continue;
        }
        if is_quote_blank(&line) && result.last().is_some_and(|l| *l == line) {
            continue;
        }
        result.push(line);
    }
    while result.last().is_some_and(|l| l.is_empty()) {
        result.pop();
    }
    result
}

fn push_spaces(out: &mut String, n: usize) {
    out.extend(std::iter::repeat_n(' ', n));
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

/// Recognises a CommonMark fence opener (```` ``` ```` or `~~~`, info string allowed).
fn opening_fence(body: &str) -> Option<(char, usize, &str)> {
    let ch = body.chars().next()?;
    if ch != '`' && ch != '~' {
        return None;
    }
    let len = body.chars().take_while(|&c| c == ch).count();
    if len < 3 {
        return None;
    }
    let info = &body[len..];
    if ch == '`' && info.contains('`') {
        return None;
    }
    Some((ch, len, info.trim()))
}

fn is_closing_fence(body: &str, fence: &OpenFence) -> bool {
    let len = body.chars().take_while(|&c| c == fence.ch).count();
    len >= fence.len && body[len * fence.ch.len_utf8()..].trim().is_empty()
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
                    let tag_like = rest
                        .starts_with(|c: char| c.is_ascii_alphabetic() || c == '!' || c == '?')
                        || rest
                            .strip_prefix('/')
                            .is_some_and(|r| r.starts_with(|c: char| c.is_ascii_alphabetic()));
                    out.push_str(if tag_like { "\\<" } else { "<" });
                    i += 1;
                }
            }
            b'&' => {
                if entity_len(&line[i..]).is_some() {
                    out.push_str("&amp;");
                } else {
                    out.push('&');
                }
                i += 1;
            }
            _ => {
                let next = line[i..]
                    .find(['\\', '`', '<', '&'])
                    .unwrap_or(line.len() - i);
                let next = next.max(1);
                let end = i + next;
                // `find` returns char boundaries; `max(1)` only applies to ASCII bytes above.
                out.push_str(&line[i..end]);
                i = end;
            }
        }
    }
    Cow::Owned(out)
}

/// The backtick runs of a line, each with the start of the next run of the same length (its
/// closing delimiter if it opens a code span). Precomputed so that matching is linear.
struct BacktickRuns {
    /// (start byte, length, start byte of the next run with the same length)
    runs: Vec<(usize, usize, Option<usize>)>,
    cursor: usize,
}

impl BacktickRuns {
    fn new(line: &str) -> Self {
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
        let mut next = std::collections::HashMap::new();
        for run in runs.iter_mut().rev() {
            run.2 = next.insert(run.1, run.0);
        }
        BacktickRuns { runs, cursor: 0 }
    }

    /// For a backtick at byte `at` (scanning left to right): the length of the run starting
    /// there and the byte range of the code span it opens, if any.
    fn span_at(&mut self, line: &str, at: usize) -> (usize, Option<(usize, usize)>) {
        while self.runs.get(self.cursor).is_some_and(|r| r.0 < at) {
            self.cursor += 1;
        }
        match self.runs.get(self.cursor) {
            Some(&(start, len, close)) if start == at => (len, close.map(|c| (at, c + len))),
            // Inside a run (after an escaped backtick): treat as literal backticks.
            _ => (
                line[at..].bytes().take_while(|&b| b == b'`').count().max(1),
                None,
            ),
        }
    }
}

/// Length of a CommonMark URI autolink (`<scheme:...>`) at the start of `s`.
fn autolink_end(s: &str) -> Option<usize> {
    let rest = s.strip_prefix('<')?;
    let b = rest.as_bytes();
    let scheme_len = b
        .iter()
        .take(33)
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, b'+' | b'.' | b'-'))
        .count();
    if !(2..=32).contains(&scheme_len)
        || b.get(scheme_len) != Some(&b':')
        || !b[0].is_ascii_alphabetic()
    {
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
        let start = i;
        while i < b.len()
            && (if hex {
                b[i].is_ascii_hexdigit()
            } else {
                b[i].is_ascii_digit()
            })
        {
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

#[cfg(test)]
mod tests {
    use super::to_rustdoc;

    /// Checks the rustdoc-safety invariants of [`to_rustdoc`] output; returns the violations.
    fn violations(lines: &[String]) -> Vec<String> {
        let mut errors = Vec::new();
        let mut err =
            |i: usize, msg: &str, line: &str| errors.push(format!("line {i}: {msg}: {line:?}"));
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
                    if rest.starts_with("http://")
                        || rest.starts_with("https://")
                        || rest.starts_with("mailto:")
                    {
                        match rest.find('>') {
                            Some(end) if !rest[..end].contains([' ', '<']) => i += end + 2,
                            _ => {
                                err("broken autolink");
                                i += 1;
                            }
                        }
                    } else {
                        let tag_like = rest.starts_with(|c: char| {
                            c.is_ascii_alphabetic() || matches!(c, '!' | '?')
                        }) || rest
                            .strip_prefix('/')
                            .is_some_and(|r| r.starts_with(|c: char| c.is_ascii_alphabetic()));
                        if tag_like {
                            err("raw HTML-like tag");
                        }
                        i += 1;
                    }
                }
                b'h' if link_depth == 0
                    && ["http://", "https://"].iter().any(|p| {
                        s[i..]
                            .strip_prefix(p)
                            .is_some_and(|r| r.starts_with(|c: char| c.is_alphanumeric()))
                    }) =>
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

    #[track_caller]
    fn convert(input: &str) -> Vec<String> {
        let out = to_rustdoc(input);
        let v = violations(&out);
        assert!(
            v.is_empty(),
            "input {input:?}\noutput {out:#?}\nviolations {v:#?}"
        );
        out
    }

    #[test]
    fn empty_and_whitespace() {
        assert!(to_rustdoc("").is_empty());
        assert!(to_rustdoc("  \n\t \u{2028} ").is_empty());
        assert!(to_rustdoc("<p> </p>").is_empty());
    }

    #[test]
    fn plain_text() {
        assert_eq!(
            convert("Request to CompleteAttachedFileUpload API"),
            ["Request to CompleteAttachedFileUpload API"]
        );
        assert_eq!(
            convert("first line\nsecond line\n\nnew paragraph"),
            ["first line", "second line", "", "new paragraph"]
        );
        assert_eq!(
            convert("a_b *c* [d] <e> x & y"),
            [r"a\_b \*c\* \[d\] \<e> x & y"]
        );
        assert_eq!(
            convert("Use `RedactedOnly` and `a<x>` see [docs](https://x.example/a) or [x](y)."),
            [r"Use `RedactedOnly` and `a<x>` see [docs](https://x.example/a) or \[x\](y)."]
        );
        assert_eq!(
            convert("Values:\n- one\n- two\n  wrapped\n\n3. three"),
            ["Values:", "", "- one", "- two", "  wrapped", "", "3. three"]
        );
        assert_eq!(convert("    indented\n\tline"), ["indented", "line"]);
        assert_eq!(
            convert("Example:\n```\nlet x = 1;\n    y\n```"),
            ["Example:", "", "```text", "let x = 1;", "    y", "```"]
        );
    }

    #[test]
    fn paragraphs() {
        assert_eq!(convert("<p>One.</p><p>Two.</p>"), ["One.", "", "Two."]);
    }

    #[test]
    fn note_and_important_callouts() {
        let out = convert(
            "<p>Intro.</p>\n         <note>\n            <p>To filter by <code>Queues</code>, enter the queue\n    ID/ARN.</p>\n <p>Second.</p>\n         </note>",
        );
        assert_eq!(
            out,
            [
                "Intro.",
                "",
                "> **Note:** To filter by `Queues`, enter the queue ID/ARN.",
                ">",
                "> Second."
            ]
        );
        let out = convert(
            "<important><p>Careful.</p><ul><li><p>a</p></li><li><p>b</p></li></ul></important>",
        );
        assert_eq!(out[0], "> **Important:** Careful.");
        assert!(out.iter().all(|l| l.starts_with('>')), "{out:#?}");
        assert!(out.contains(&"> - a".to_string()), "{out:#?}");
        let out = convert("<note><ul><li>x</li></ul></note>");
        assert_eq!(out, ["> **Note:**", ">", "> - x"]);
    }

    #[test]
    fn non_html_tags_are_literal() {
        let out = convert(
            "<p>The view identifier can contain an optional qualifier, for example,\n    <code><view-id>:$SAVED</code>, which is</p>",
        );
        assert_eq!(
            out,
            [
                "The view identifier can contain an optional qualifier, for example, `<view-id>:$SAVED`, which is"
            ]
        );
        let out = convert("<p>queued under <code><Expression 1></code> and <Foo> text</p>");
        assert_eq!(out, [r"queued under `<Expression 1>` and \<Foo> text"]);
    }

    #[test]
    fn indented_html_is_not_a_code_block() {
        let out = convert(
            "<p>The difference between\n    <code>A</code> and\n   <code>B</code>.</p>\n         <p>\n            <code>$SAVED</code> needs to be supplied.</p>",
        );
        assert_eq!(
            out,
            [
                "The difference between `A` and `B`.",
                "",
                "`$SAVED` needs to be supplied."
            ]
        );
        let out =
            convert("<p>For example, <code>{\n    \"Tags\": {\"key1\":\"value1\"}\n  }</code></p>");
        assert_eq!(out, [r#"For example, `{ "Tags": {"key1":"value1"} }`"#]);
    }

    #[test]
    fn brackets_are_escaped() {
        let out = convert(
            "<p>Following are the participant types: [Agent,\n   Customer].</p><p><code>[+] [country code]</code></p>",
        );
        assert_eq!(
            out,
            [
                r"Following are the participant types: \[Agent, Customer\].",
                "",
                "`[+] [country code]`"
            ]
        );
    }

    #[test]
    fn links() {
        let out = convert(
            "<p>See <a href=\"https://docs.aws.amazon.com/connect/latest/adminguide/metrics-definitions.html\">Metrics\n    definition</a> in the <i>Amazon Connect Administrator Guide</i>.</p>",
        );
        assert_eq!(
            out,
            [
                "See [Metrics definition](https://docs.aws.amazon.com/connect/latest/adminguide/metrics-definitions.html) in the *Amazon Connect Administrator Guide*."
            ]
        );
        // Trailing space in href, relative and fragment links, URL as text.
        assert_eq!(
            convert("<p><a href=\"https://x.example/a b \">t</a></p>"),
            ["[t](https://x.example/a%20b)"]
        );
        assert_eq!(
            convert("<p><a href=\"API_Foo.html\">Foo</a> and <a href=\"#x\">[y]</a></p>"),
            [r"Foo and \[y\]"]
        );
        assert_eq!(
            convert("<p><a href=\"https://a.example/x_y\">https://a.example/x_y</a></p>"),
            ["<https://a.example/x_y>"]
        );
        assert_eq!(
            convert("<p><a href=\"https://a.example/\"><code>KEY</code></a></p>"),
            ["[`KEY`](https://a.example/)"]
        );
    }

    #[test]
    fn bare_urls() {
        assert_eq!(
            convert("<p>Visit https://example.com/a_(b). Or http://x.example, ok</p>"),
            ["Visit <https://example.com/a_(b)>. Or <http://x.example>, ok"]
        );
        assert_eq!(
            convert("see https://example.com/path?x=1&y=2"),
            ["see <https://example.com/path?x=1&y=2>"]
        );
        assert_eq!(
            convert("<p><code>https://example.com</code></p>"),
            ["`https://example.com`"]
        );
    }

    #[test]
    fn lists() {
        let out = convert(
            "<p>Limits:</p>\n <ul>\n <li>\n <p>Queues: 100</p>\n </li>\n <li>\n <p>- Channels: 3</p>\n </li>\n </ul>",
        );
        assert_eq!(
            out,
            ["Limits:", "", "- Queues: 100", "", r"- \- Channels: 3"]
        );
        let out = convert("<ol><li>one</li><li>two<ul><li>nested</li></ul></li></ol>");
        assert_eq!(out, ["1. one", "2. two", "   - nested"]);
        // Deeply nested lists never produce 4-space indentation.
        convert("<ul><li>a<ul><li>b<ul><li>c<ul><li>d</li></ul></li></ul></li></ul></li></ul>");
        let many: String = (0..12)
            .map(|i| format!("<li><p>item {i}</p><p>more {i}</p></li>"))
            .collect();
        convert(&format!("<ol>{many}</ol>"));
    }

    #[test]
    fn definition_lists() {
        let out = convert(
            "<dl>\n <dt>AGENTS_ONLINE</dt>\n <dd>\n <p>Unit: COUNT</p>\n <p>Name: <a href=\"https://a.example/#x\">Online</a>\n </p>\n </dd>\n <dt><code>X</code></dt><dd>y</dd></dl>",
        );
        assert_eq!(
            out,
            [
                r"**AGENTS\_ONLINE**",
                "",
                "Unit: COUNT",
                "",
                "Name: [Online](https://a.example/#x)",
                "",
                "**`X`**",
                "",
                "y"
            ]
        );
    }

    #[test]
    fn tables() {
        let out = convert(
            "<table><tr><th>A</th><th>B</th></tr><tr><td>1 | 2</td><td>[x] <code>a|b</code></td></tr></table>",
        );
        assert_eq!(
            out,
            [
                "| A     | B           |",
                "| ----- | ----------- |",
                r"| 1 \| 2 | \[x\] `a\|b` |"
            ]
        );
    }

    #[test]
    fn callout_in_list_and_quote_in_fence() {
        let out = convert("<ul><li><p>Item</p><note><p>Careful.</p></note></li></ul>");
        assert_eq!(out, ["- Item", "", "  > **Note:** Careful."]);
        let out = convert("<pre>> not a quote\n```\nstill code</pre><p>a<br>---<br>b</p>");
        assert_eq!(
            out,
            [
                "````text",
                "> not a quote",
                "```",
                "still code",
                "````",
                "",
                "a",
                r"\---",
                "b"
            ]
        );
    }

    #[test]
    fn line_separators() {
        let out = convert(
            "<p>Valid values are <code>name</code>,\u{2028}\u{2028}\n <code>description</code>.\u{2028} Note that</p>",
        );
        assert_eq!(out, ["Valid values are `name`, `description`. Note that"]);
        assert_eq!(convert("a\u{2028}b\u{2029}c"), ["a", "b", "", "c"]);
    }

    #[test]
    fn pre_blocks_are_text_fences() {
        let out =
            convert("<p>Example:</p><pre><code>fn main() {\n    let x = `1`;\n}</code></pre>");
        assert_eq!(
            out,
            [
                "Example:",
                "",
                "```text",
                "fn main() {",
                "    let x = `1`;",
                "}",
                "```"
            ]
        );
        let out =
            convert("<ul><li><ul><li><ul><li><pre>  a\n    b</pre></li></ul></li></ul></li></ul>");
        assert!(out.iter().any(|l| l.trim_start() == "```text"), "{out:#?}");
    }

    #[test]
    fn odd_inputs_do_not_panic() {
        let nested_div = "<div>".repeat(20_000) + "x";
        let nested_b = "<b>".repeat(5_000) + "x";
        let huge = "<p>Lorem ipsum <code>dolor</code> [sit] amet https://example.com.</p>\n"
            .repeat(20_000);
        let many_lt = "<".repeat(50_000);
        let many_amp = "&amp;&".repeat(10_000);
        let many_links = "[](".repeat(20_000) + &"[a](https://x.example/)".repeat(1_000);
        let many_ticks = "`a``b".repeat(10_000);
        let many_parens = "see https://x.example/".to_string()
            + &")".repeat(20_000)
            + &"<a title=\"x".repeat(5_000);
        let nested_list = "<ul><li>".repeat(2_000) + "x";
        let nested_note = "<note><p>".repeat(1_000) + "x";
        let inputs = [
            "<",
            ">",
            "&",
            "&&;",
            "&lt;",
            "&#xZZ;",
            "<<<>>>",
            "</",
            "</p",
            "<p",
            "<p>unclosed",
            "<code>unclosed",
            "<a href=",
            "<a href=\"x",
            "<a href=\"https://x\">",
            "<!--",
            "<!-- c -->x",
            "<![CDATA[x]]>",
            "<?xml?>",
            "<!DOCTYPE html>",
            "<script>alert(1)</script>",
            "<pre>",
            "<pre>```\n````</pre>",
            "<code>`</code>",
            "<code>``</code>",
            "<code> ` </code>",
            "<note>",
            "<important></important>",
            "<dl><dt></dt><dd></dd></dl>",
            "<table><tr><td>a|b</td></tr></table>",
            "<ul><li></li></ul>",
            "<ol start=\"-3\"><li>x</li></ol>",
            "\u{0}\u{1}\u{b}\u{c}\r\n\r",
            "\t\t\tx",
            "* * *",
            "# h",
            "1. x",
            "> q",
            "    code",
            "```rust\nfn f(){}",
            "~~~",
            "<p>a<br><br><br>b</p>",
            "<br>",
            "<img src=x alt=y>",
            "<svg><math>",
            "<plaintext>",
            "<p>\u{2028}</p>",
            "https://",
            "http://x",
            "<a href=\"javascript:alert(1)\">j</a>",
            "[x]: https://x",
            "\\",
            "\\[",
            "`",
            "<h1>T</h1><hr>",
            "<i></i><b> </b>",
            "<code><b>x</b><a href=\"https://y\">z</a></code>",
            &nested_div,
            &nested_b,
            &huge,
            &many_lt,
            &many_amp,
            &many_links,
            &many_ticks,
            &many_parens,
            &nested_list,
            &nested_note,
        ];
        for input in inputs {
            let out = to_rustdoc(input);
            let v = violations(&out);
            assert!(
                v.is_empty(),
                "input {:?}\noutput {out:#?}\nviolations {v:#?}",
                &input[..input.len().min(200)]
            );
        }
        // Every prefix of a real documentation string (cuts tags and entities anywhere).
        let doc = "<p>The <a href=\"https://x.example/a\">link</a> &amp; <code><view-id>:$SAVED</code></p><note><p>n</p></note><dl><dt>T</dt><dd><ul><li>x</li></ul></dd></dl>";
        for (i, _) in doc.char_indices() {
            let out = to_rustdoc(&doc[..i]);
            let v = violations(&out);
            assert!(
                v.is_empty(),
                "input {:?}\noutput {out:#?}\nviolations {v:#?}",
                &doc[..i]
            );
        }
    }

    /// Every `smithy.api#documentation` string of a model file.
    fn model_docs(path: &std::path::Path) -> Vec<(String, String)> {
        fn walk(value: &serde_json::Value, path: &str, out: &mut Vec<(String, String)>) {
            match value {
                serde_json::Value::Object(map) => {
                    for (k, v) in map {
                        match (k.as_str(), v) {
                            ("smithy.api#documentation", serde_json::Value::String(s)) => {
                                out.push((path.to_string(), s.clone()))
                            }
                            _ => walk(v, &format!("{path}/{k}"), out),
                        }
                    }
                }
                serde_json::Value::Array(items) => items.iter().for_each(|v| walk(v, path, out)),
                _ => {}
            }
        }
        let text =
            std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let json: serde_json::Value = serde_json::from_str(&text).expect("model JSON");
        let mut out = Vec::new();
        walk(&json, "", &mut out);
        out
    }

    fn models_dir() -> std::path::PathBuf {
        match std::env::var_os("SHARED_MODELS_DIR") {
            Some(dir) => dir.into(),
            None => std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/models"),
        }
    }

    #[test]
    fn official_models() {
        let dir = models_dir();
        let connect = dir.join("aws/connect-2017-08-08.json");
        if !connect.exists() {
            if std::env::var("CI").as_deref() == Ok("true") {
                panic!("{} is missing", connect.display());
            }
            println!("SKIPPED: {} not found", connect.display());
            return;
        }
        let mut docs = model_docs(&connect);
        assert_eq!(docs.len(), 3_479);
        let contact_lens = dir.join("aws/connect-contact-lens-2020-08-21.json");
        if contact_lens.exists() {
            docs.extend(model_docs(&contact_lens));
        }
        let start = std::time::Instant::now();
        let outputs: Vec<Vec<String>> = docs.iter().map(|(_, doc)| to_rustdoc(doc)).collect();
        println!("converted {} docs in {:?}", docs.len(), start.elapsed());

        let mut failures = Vec::new();
        for ((path, doc), out) in docs.iter().zip(&outputs) {
            let mut v = violations(out);
            if out.is_empty() {
                v.push("empty output".into());
            }
            let count = |hay: &str, needle: &str| hay.matches(needle).count();
            let joined = out.join("\n");
            if count(doc, "<note>") != count(&joined, "**Note:**") {
                v.push("callout count mismatch (note)".into());
            }
            if count(doc, "<important>") != count(&joined, "**Important:**") {
                v.push("callout count mismatch (important)".into());
            }
            if count(doc, "<code>") < count(doc, "</code>")
                || (doc.contains("<code>") && !joined.contains('`'))
            {
                v.push("code lost".into());
            }
            if !v.is_empty() {
                failures.push(format!("{path}\n  {v:?}\n  {out:#?}"));
            }
        }
        assert!(
            failures.is_empty(),
            "{} docs violate invariants:\n{}",
            failures.len(),
            failures[..failures.len().min(10)].join("\n")
        );

        let find = |suffix: &str| {
            let i = docs
                .iter()
                .position(|(p, _)| p.ends_with(suffix))
                .unwrap_or_else(|| panic!("{suffix} not found"));
            outputs[i].join("\n")
        };
        assert!(find("connect#DescribeView/traits").contains("`<view-id>:$SAVED`"));
        assert!(
            find("connect#GetCurrentMetricDataRequest/members/CurrentMetrics/traits")
                .contains("`<Expression 1>`")
        );
        let longest = find("connect#GetMetricDataV2Request/members/Metrics/traits");
        assert!(longest.contains(r"**ABANDONMENT\_RATE**"), "{longest}");
    }
}
