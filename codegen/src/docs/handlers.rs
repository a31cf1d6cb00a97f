//! HTML to Markdown with [`htmd`]: converter options, the custom element handlers and the DOM
//! depth limit that keeps htmd's recursion bounded.

use std::cell::Cell;
use std::rc::Rc;
use std::sync::LazyLock;
use std::thread::LocalKey;

use htmd::element_handler::{HandlerResult, Handlers};
use htmd::options::{BrStyle, BulletListMarker, CodeBlockStyle, LinkStyle, Options};
use htmd::{Element, HtmlToMarkdown, Node};

use super::prepare::CODE_TAGS;

/// Maximum depth of the DOM handed to htmd (which converts recursively).
const MAX_DOM_DEPTH: usize = 48;

// Handlers only see their own element, so the enclosing `<pre>` / code context is tracked here.
thread_local! {
    /// Number of enclosing `<pre>` elements of the element being converted.
    static PRE_DEPTH: Cell<usize> = const { Cell::new(0) };
    /// Number of enclosing inline-code elements of the element being converted.
    static CODE_DEPTH: Cell<usize> = const { Cell::new(0) };
}

/// Increments a depth counter for as long as it lives (also on unwind).
struct DepthGuard(&'static LocalKey<Cell<usize>>);

impl DepthGuard {
    fn enter(key: &'static LocalKey<Cell<usize>>) -> Self {
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
        .add_handler(vec!["fullname", "img", "script", "style", "head"], skip_handler)
        .add_handler(vec!["note"], |h: &dyn Handlers, e: Element| callout(h, e, "Note"))
        .add_handler(vec!["important"], |h: &dyn Handlers, e: Element| callout(h, e, "Important"))
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

/// Converts prepared HTML (see [`super::prepare::prepare_html`]) to Markdown.
pub(super) fn convert(html: &str) -> Option<String> {
    // A previous conversion may have panicked; start from a clean context.
    PRE_DEPTH.with(|c| c.set(0));
    CODE_DEPTH.with(|c| c.set(0));
    let tree = CONVERTER.html_to_tree(html).ok()?;
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
            let has_grandchildren = node.children.borrow().iter().any(|c| !c.children.borrow().is_empty());
            if has_grandchildren {
                let mut leaves = Vec::new();
                let mut work: Vec<Rc<Node>> = node.children.borrow().iter().rev().cloned().collect();
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
    if content.is_empty() { None } else { Some(format!("\n\n{content}\n\n").into()) }
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
    let markers = ["- ", "* ", "+ ", ">", "```", "~~~", "#", "|"];
    if markers.iter().any(|m| t.starts_with(m)) {
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

/// Lengths of the backtick runs in `s`.
fn backtick_run_lengths(s: &str) -> impl Iterator<Item = usize> + '_ {
    s.split(|c: char| c != '`').map(str::len).filter(|&n| n > 0)
}

/// `content` as a code span, delimited by a backtick run whose length does not occur inside.
fn code_span(content: &str) -> String {
    let runs: Vec<usize> = backtick_run_lengths(content).collect();
    let n = (1..).find(|n| !runs.contains(n)).unwrap_or(1);
    let fence = "`".repeat(n);
    if content.starts_with('`') || content.ends_with('`') {
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
    let longest = backtick_run_lengths(content).max().unwrap_or(0);
    let fence = "`".repeat(3.max(longest + 1));
    Some(format!("\n\n{fence}text\n{content}\n{fence}\n\n").into())
}

/// `<a href>`: an inline link for absolute URLs, an autolink when the text is the URL itself,
/// and just the text for relative/fragment links (which rustdoc could not resolve).
fn anchor_handler(handlers: &dyn Handlers, element: Element) -> Option<HandlerResult> {
    let href = element.attrs.iter().find(|attr| attr.name.local.as_ref() == "href").map(|attr| attr.value.as_ref().trim().to_string());
    let content = handlers.walk_children(element.node).content;
    if in_code() {
        return Some(content.into());
    }
    let content = collapse_whitespace(&content);
    let Some(url) = href.as_deref().and_then(absolute_url) else {
        return (!content.is_empty()).then(|| content.into());
    };
    let plain = unescape_markdown(&content);
    if content.is_empty() || plain == url || Some(plain.as_str()) == href.as_deref() {
        return Some(format!("<{url}>").into());
    }
    let destination = url.replace('(', "%28").replace(')', "%29");
    Some(format!("[{content}]({destination})").into())
}

/// Returns a sanitised absolute URL (usable both as link destination and as autolink), or
/// `None` for relative links.
pub(super) fn absolute_url(href: &str) -> Option<String> {
    let lower = href.get(..8).unwrap_or(href).to_ascii_lowercase();
    let absolute = ["http://", "https://", "mailto:", "ftp://"].iter().any(|scheme| lower.starts_with(scheme));
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
    if in_code() { Some(handlers.walk_children(element.node)) } else { handlers.fallback(element) }
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
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}
