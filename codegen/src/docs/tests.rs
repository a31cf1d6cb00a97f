//! Focused conversion cases, one construct per test.

use super::invariants::convert;
use super::to_rustdoc;

#[test]
fn empty_and_whitespace() {
    assert!(to_rustdoc("").is_empty());
    assert!(to_rustdoc("  \n\t \u{2028} ").is_empty());
    assert!(to_rustdoc("<p> </p>").is_empty());
}

#[test]
fn plain_text() {
    assert_eq!(convert("Request to CompleteAttachedFileUpload API"), ["Request to CompleteAttachedFileUpload API"]);
    assert_eq!(convert("first line\nsecond line\n\nnew paragraph"), ["first line", "second line", "", "new paragraph"]);
    assert_eq!(convert("a_b *c* [d] <e> x & y"), [r"a\_b \*c\* \[d\] \<e> x & y"]);
    assert_eq!(
        convert("Use `RedactedOnly` and `a<x>` see [docs](https://x.example/a) or [x](y)."),
        [r"Use `RedactedOnly` and `a<x>` see [docs](https://x.example/a) or \[x\](y)."]
    );
    assert_eq!(convert("Values:\n- one\n- two\n  wrapped\n\n3. three"), ["Values:", "", "- one", "- two", "  wrapped", "", "3. three"]);
    assert_eq!(convert("    indented\n\tline"), ["indented", "line"]);
    assert_eq!(convert("Example:\n```\nlet x = 1;\n    y\n```"), ["Example:", "", "```text", "let x = 1;", "    y", "```"]);
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
    assert_eq!(out, ["Intro.", "", "> **Note:** To filter by `Queues`, enter the queue ID/ARN.", ">", "> Second."]);
    let out = convert("<important><p>Careful.</p><ul><li><p>a</p></li><li><p>b</p></li></ul></important>");
    assert_eq!(out[0], "> **Important:** Careful.");
    assert!(out.iter().all(|l| l.starts_with('>')), "{out:#?}");
    assert!(out.contains(&"> - a".to_string()), "{out:#?}");
    let out = convert("<note><ul><li>x</li></ul></note>");
    assert_eq!(out, ["> **Note:**", ">", "> - x"]);
}

#[test]
fn non_html_tags_are_literal() {
    let out =
        convert("<p>The view identifier can contain an optional qualifier, for example,\n    <code><view-id>:$SAVED</code>, which is</p>");
    assert_eq!(out, ["The view identifier can contain an optional qualifier, for example, `<view-id>:$SAVED`, which is"]);
    let out = convert("<p>queued under <code><Expression 1></code> and <Foo> text</p>");
    assert_eq!(out, [r"queued under `<Expression 1>` and \<Foo> text"]);
}

#[test]
fn indented_html_is_not_a_code_block() {
    let out = convert(
        "<p>The difference between\n    <code>A</code> and\n   <code>B</code>.</p>\n         <p>\n            <code>$SAVED</code> needs to be supplied.</p>",
    );
    assert_eq!(out, ["The difference between `A` and `B`.", "", "`$SAVED` needs to be supplied."]);
    let out = convert("<p>For example, <code>{\n    \"Tags\": {\"key1\":\"value1\"}\n  }</code></p>");
    assert_eq!(out, [r#"For example, `{ "Tags": {"key1":"value1"} }`"#]);
}

#[test]
fn brackets_are_escaped() {
    let out = convert("<p>Following are the participant types: [Agent,\n   Customer].</p><p><code>[+] [country code]</code></p>");
    assert_eq!(out, [r"Following are the participant types: \[Agent, Customer\].", "", "`[+] [country code]`"]);
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
    assert_eq!(convert("<p><a href=\"https://x.example/a b \">t</a></p>"), ["[t](https://x.example/a%20b)"]);
    assert_eq!(convert("<p><a href=\"API_Foo.html\">Foo</a> and <a href=\"#x\">[y]</a></p>"), [r"Foo and \[y\]"]);
    assert_eq!(convert("<p><a href=\"https://a.example/x_y\">https://a.example/x_y</a></p>"), ["<https://a.example/x_y>"]);
    assert_eq!(convert("<p><a href=\"https://a.example/\"><code>KEY</code></a></p>"), ["[`KEY`](https://a.example/)"]);
}

#[test]
fn bare_urls() {
    assert_eq!(
        convert("<p>Visit https://example.com/a_(b). Or http://x.example, ok</p>"),
        ["Visit <https://example.com/a_(b)>. Or <http://x.example>, ok"]
    );
    assert_eq!(convert("see https://example.com/path?x=1&y=2"), ["see <https://example.com/path?x=1&y=2>"]);
    assert_eq!(convert("<p><code>https://example.com</code></p>"), ["`https://example.com`"]);
}

#[test]
fn lists() {
    let out = convert("<p>Limits:</p>\n <ul>\n <li>\n <p>Queues: 100</p>\n </li>\n <li>\n <p>- Channels: 3</p>\n </li>\n </ul>");
    assert_eq!(out, ["Limits:", "", "- Queues: 100", "", r"- \- Channels: 3"]);
    let out = convert("<ol><li>one</li><li>two<ul><li>nested</li></ul></li></ol>");
    assert_eq!(out, ["1. one", "2. two", "   - nested"]);
    // Deeply nested lists never produce 4-space indentation.
    convert("<ul><li>a<ul><li>b<ul><li>c<ul><li>d</li></ul></li></ul></li></ul></li></ul>");
    let many: String = (0..12).map(|i| format!("<li><p>item {i}</p><p>more {i}</p></li>")).collect();
    convert(&format!("<ol>{many}</ol>"));
}

#[test]
fn definition_lists() {
    let out = convert(
        "<dl>\n <dt>AGENTS_ONLINE</dt>\n <dd>\n <p>Unit: COUNT</p>\n <p>Name: <a href=\"https://a.example/#x\">Online</a>\n </p>\n </dd>\n <dt><code>X</code></dt><dd>y</dd></dl>",
    );
    assert_eq!(out, [r"**AGENTS\_ONLINE**", "", "Unit: COUNT", "", "Name: [Online](https://a.example/#x)", "", "**`X`**", "", "y"]);
}

#[test]
fn tables() {
    let out = convert("<table><tr><th>A</th><th>B</th></tr><tr><td>1 | 2</td><td>[x] <code>a|b</code></td></tr></table>");
    assert_eq!(out, ["| A     | B           |", "| ----- | ----------- |", r"| 1 \| 2 | \[x\] `a\|b` |"]);
}

#[test]
fn callout_in_list_and_quote_in_fence() {
    let out = convert("<ul><li><p>Item</p><note><p>Careful.</p></note></li></ul>");
    assert_eq!(out, ["- Item", "", "  > **Note:** Careful."]);
    let out = convert("<pre>> not a quote\n```\nstill code</pre><p>a<br>---<br>b</p>");
    assert_eq!(out, ["````text", "> not a quote", "```", "still code", "````", "", "a", r"\---", "b"]);
}

#[test]
fn line_separators() {
    let out = convert("<p>Valid values are <code>name</code>,\u{2028}\u{2028}\n <code>description</code>.\u{2028} Note that</p>");
    assert_eq!(out, ["Valid values are `name`, `description`. Note that"]);
    assert_eq!(convert("a\u{2028}b\u{2029}c"), ["a", "b", "", "c"]);
}

#[test]
fn pre_blocks_are_text_fences() {
    let out = convert("<p>Example:</p><pre><code>fn main() {\n    let x = `1`;\n}</code></pre>");
    assert_eq!(out, ["Example:", "", "```text", "fn main() {", "    let x = `1`;", "}", "```"]);
    let out = convert("<ul><li><ul><li><ul><li><pre>  a\n    b</pre></li></ul></li></ul></li></ul>");
    assert!(out.iter().any(|l| l.trim_start() == "```text"), "{out:#?}");
}

#[test]
fn odd_inputs_do_not_panic() {
    let nested_div = "<div>".repeat(20_000) + "x";
    let nested_b = "<b>".repeat(5_000) + "x";
    let huge = "<p>Lorem ipsum <code>dolor</code> [sit] amet https://example.com.</p>\n".repeat(20_000);
    let many_lt = "<".repeat(50_000);
    let many_amp = "&amp;&".repeat(10_000);
    let many_links = "[](".repeat(20_000) + &"[a](https://x.example/)".repeat(1_000);
    let many_ticks = "`a``b".repeat(10_000);
    let many_parens = "see https://x.example/".to_string() + &")".repeat(20_000) + &"<a title=\"x".repeat(5_000);
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
        convert(input);
    }
    // Every prefix of a real documentation string (cuts tags and entities anywhere).
    let doc = "<p>The <a href=\"https://x.example/a\">link</a> &amp; <code><view-id>:$SAVED</code></p><note><p>n</p></note><dl><dt>T</dt><dd><ul><li>x</li></ul></dd></dl>";
    for (i, _) in doc.char_indices() {
        convert(&doc[..i]);
    }
}

#[test]
fn control_characters_in_model_text_are_shown_as_escapes() {
    // Codecatalyst's published pattern holds a real LF, tab and CR: a doc comment cannot hold a
    // bare CR, and a line break would end the code span.
    assert_eq!(super::visible("^[a-z \n\t\r]*$"), r"^[a-z \n\t\r]*$");
    assert_eq!(super::visible("a\u{1b}b"), r"a\u{1b}b");
    assert_eq!(super::visible("plain `x`"), "plain `x`");
}
