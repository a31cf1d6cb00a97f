//! Published patterns written for java.util.regex, rewritten to ECMA-262 where the meaning is
//! provably the same. Each rewrite is applied only where it holds:
//!
//! - a leading `(?s)` (after an optional `^`) becomes the `s` flag: in both engines `.` then
//!   matches every character. Other inline flags are left alone: Java's `(?i)` folds ASCII only,
//!   ECMA-262's Unicode case folding does more; Java's `(?m)` also breaks lines at U+0085.
//! - a possessive quantifier on a one-character atom (`\d{12}+`, `[a-z]*+`) loses its `+` when
//!   the repetition count is exact (`{n}+`: one character per step leaves one way to match) or when
//!   nothing but a final `$` follows (every shorter match would fail there anyway).
//! - a quantified anchor (`${2,64}`, `^+`, `$?`) is the anchor itself when the quantifier requires
//!   at least one, nothing when it allows zero: repeating a zero-width assertion changes nothing.
//!   A doubled anchor then collapses (`$$` is `$`).
//! - in a class, a `-` right after a class escape (`[\p{L}-_]`) is a literal in Java, and is
//!   escaped (`\-`) so ECMA-262 reads it as one too.

/// A rewritten pattern and the flags it needs besides `u`.
#[derive(Debug, PartialEq, Eq)]
pub struct Translated {
    pub source: String,
    pub flags: &'static str,
}

/// The ECMA-262 form of a Java pattern, or `None` when no rewrite applies.
pub fn translate(pattern: &str) -> Option<Translated> {
    let (rest, flags) = leading_dotall(pattern);
    let chars: Vec<char> = rest.chars().collect();
    let source = collapse_anchors(&rewrite(&chars));
    (source != pattern || !flags.is_empty()).then_some(Translated { source, flags })
}

/// `(?s)X` / `^(?s)X` → (`X` / `^X`, "s").
fn leading_dotall(p: &str) -> (String, &'static str) {
    if let Some(rest) = p.strip_prefix("(?s)") {
        return (rest.to_string(), "s");
    }
    if let Some(rest) = p.strip_prefix("^(?s)") {
        return (format!("^{rest}"), "s");
    }
    (p.to_string(), "")
}

/// A quantifier starting at `i`: its end (exclusive), its minimum count, and whether the count is
/// exact (`{n}`).
fn quantifier(chars: &[char], i: usize) -> Option<(usize, u32, bool)> {
    match chars.get(i)? {
        '*' | '?' => Some((i + 1, 0, false)),
        '+' => Some((i + 1, 1, false)),
        '{' => {
            let close = i + chars[i..].iter().position(|&c| c == '}')?;
            let body: String = chars[i + 1..close].iter().collect();
            let (min, exact) = match body.split_once(',') {
                Some((lo, hi)) => {
                    if !hi.is_empty() && hi.parse::<u32>().is_err() {
                        return None;
                    }
                    (lo.parse().ok()?, false)
                }
                None => (body.parse().ok()?, true),
            };
            Some((close + 1, min, exact))
        }
        _ => None,
    }
}

/// End (exclusive) of a one-character atom at `i`, if there is one: a literal, `.`, an escape that
/// stands for one character or one class (`\d`, `\p{L}`, `\u0041`), or a class `[...]`.
fn one_char_atom(chars: &[char], i: usize) -> Option<usize> {
    match chars.get(i)? {
        '\\' => {
            let next = *chars.get(i + 1)?;
            if next.is_ascii_digit() && next != '0' || matches!(next, 'b' | 'B' | 'k') {
                return None; // back-references and word boundaries are not one character
            }
            if matches!(next, 'p' | 'P') && chars.get(i + 2) == Some(&'{') {
                return chars[i..].iter().position(|&c| c == '}').map(|k| i + k + 1);
            }
            Some(i + 2)
        }
        '[' => class_end(chars, i),
        '(' | ')' | '|' | '*' | '+' | '?' | '{' | '}' | '^' | '$' => None,
        _ => Some(i + 1),
    }
}

/// End (exclusive) of the class opening at `start` (no nested classes: ECMA-262 has none either).
fn class_end(chars: &[char], start: usize) -> Option<usize> {
    let mut j = start + 1;
    if chars.get(j) == Some(&'^') {
        j += 1;
    }
    if chars.get(j) == Some(&']') {
        j += 1;
    }
    while j < chars.len() {
        match chars[j] {
            '\\' => j += 2,
            '[' => return None,
            ']' => return Some(j + 1),
            _ => j += 1,
        }
    }
    None
}

/// Only a final `$` (or nothing) from `i` on.
fn only_end_follows(chars: &[char], i: usize) -> bool {
    chars[i..].is_empty() || chars[i..] == ['$']
}

fn rewrite(chars: &[char]) -> String {
    let mut out = String::with_capacity(chars.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if matches!(c, '^' | '$')
            && let Some((end, min, _)) = quantifier(chars, i + 1)
        {
            // A quantified anchor.
            if min >= 1 {
                out.push(c);
            }
            i = end;
            continue;
        }
        if let Some(atom_end) = one_char_atom(chars, i) {
            let atom = &chars[i..atom_end];
            let mut text = if c == '[' { class(atom) } else { atom.iter().collect() };
            i = atom_end;
            if let Some((q_end, _, exact)) = quantifier(chars, i) {
                text.extend(&chars[i..q_end]);
                i = q_end;
                // A possessive quantifier whose possessiveness cannot change the match.
                if chars.get(i) == Some(&'+') && (exact || only_end_follows(chars, i + 1)) {
                    i += 1;
                }
                // A second quantifier (`\w{11}{0,1011}`, `a{2}*`) repeats the first repetition in
                // Java; a group says so in ECMA-262. (`+` and `?` after a quantifier mean
                // possessive and lazy, and are left alone.)
                while matches!(chars.get(i), Some('{' | '*'))
                    && let Some((next_end, _, _)) = quantifier(chars, i)
                {
                    text = format!("(?:{text}){}", chars[i..next_end].iter().collect::<String>());
                    i = next_end;
                }
            }
            out.push_str(&text);
            continue;
        }
        out.push(c);
        i += 1;
    }
    out
}

/// A class with each `-` that follows a class escape escaped (unless it closes the class).
fn class(chars: &[char]) -> String {
    let mut out = String::with_capacity(chars.len() + 2);
    let mut i = 0;
    let mut after_class_escape = false;
    while i < chars.len() {
        let c = chars[i];
        if c == '\\' && i + 1 < chars.len() {
            let next = chars[i + 1];
            let end = if matches!(next, 'p' | 'P') && chars.get(i + 2) == Some(&'{') {
                chars[i..].iter().position(|&c| c == '}').map_or(chars.len(), |k| i + k + 1)
            } else {
                i + 2
            };
            out.extend(&chars[i..end]);
            after_class_escape = matches!(next, 'p' | 'P' | 'd' | 'D' | 'w' | 'W' | 's' | 'S');
            i = end;
            continue;
        }
        if c == '-' && after_class_escape && chars.get(i + 1) != Some(&']') {
            out.push_str("\\-");
        } else {
            out.push(c);
        }
        after_class_escape = false;
        i += 1;
    }
    out
}

/// `$$` → `$` and `^^` → `^` outside classes (left after removing anchor quantifiers).
fn collapse_anchors(p: &str) -> String {
    let chars: Vec<char> = p.chars().collect();
    let mut out = String::with_capacity(p.len());
    let mut i = 0;
    while i < chars.len() {
        match chars[i] {
            '\\' => {
                out.extend(chars[i..(i + 2).min(chars.len())].iter());
                i += 2;
                continue;
            }
            '[' => {
                let end = class_end(&chars, i).unwrap_or(chars.len());
                out.extend(&chars[i..end]);
                i = end;
                continue;
            }
            c @ ('^' | '$') if chars.get(i + 1) == Some(&c) => {}
            c => out.push(c),
        }
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{Translated, translate};

    /// Does the translated pattern match `s` (searched, as the validators do)?
    fn is_match(java: &str, s: &str) -> bool {
        let compiled = crate::pattern::compile(java).unwrap_or_else(|e| panic!("{java:?} must compile after translation: {e}"));
        regress::Regex::with_flags(&compiled.source, compiled.flags.as_str()).unwrap().find(s).is_some()
    }

    /// Each sample with what java.util.regex's `Matcher.find` answers for the original pattern.
    fn agrees(java: &str, samples: &[(&str, bool)]) {
        for (s, expected) in samples {
            assert_eq!(is_match(java, s), *expected, "{java:?} on {s:?}");
        }
    }

    #[test]
    fn leading_dotall_becomes_the_s_flag() {
        assert_eq!(translate("^(?s).+$"), Some(Translated { source: "^.+$".into(), flags: "s" }));
        assert_eq!(translate("(?s)a.b"), Some(Translated { source: "a.b".into(), flags: "s" }));
        agrees("^(?s).+$", &[("token", true), ("line one\nline two", true), ("\r\n", true), ("", false)]);
        // Case-insensitive and multi-line flags mean something else in Java: not translated.
        assert!(crate::pattern::compile("(?i)abc").is_err());
        assert!(crate::pattern::compile("(?m)^a$").is_err());
    }

    #[test]
    fn possessive_quantifiers_on_one_character() {
        assert_eq!(translate(r"^\d{12}+$").unwrap().source, r"^\d{12}$");
        assert_eq!(translate(r"^\d{1}+\.\d{1}+$").unwrap().source, r"^\d{1}\.\d{1}$");
        assert_eq!(translate(r"^[a-z]*+$").unwrap().source, r"^[a-z]*$");
        agrees(r"^\d{12}+$", &[("123456789012", true), ("12345678901", false), ("1234567890123", false), ("12345678901a", false)]);
        agrees(r"^\d{1}+\.\d{1}+$", &[("1.0", true), ("10.0", false), ("1.", false)]);
        agrees(r"^[a-z]*+$", &[("", true), ("abc", true), ("abC", false)]);
        // Where possessiveness changes the match it stays, and the pattern is refused:
        // Java's `[a-z]*+z` can never match, ECMA-262's `[a-z]*z` would.
        assert!(crate::pattern::compile(r"^[a-z]*+z$").is_err());
        assert!(crate::pattern::compile(r"^(ab|a){2}+$").is_err());
    }

    #[test]
    fn quantified_anchors_are_the_anchor() {
        assert_eq!(translate(r"^[-_a-zA-Z0-9]*${2,64}$").unwrap().source, r"^[-_a-zA-Z0-9]*$");
        assert_eq!(translate(r"^+a$?").unwrap().source, r"^a");
        agrees(r"^[-_a-zA-Z0-9]*${2,64}$", &[("voice-connector_1", true), ("", true), ("has space", false), ("x!", false)]);
        // `$?` may match nowhere: the pattern only needs `^a`.
        agrees(r"^+a$?", &[("a", true), ("ab", true), ("ba", false)]);
    }

    #[test]
    fn a_quantified_repetition_is_a_group() {
        let rbin = r"^arn:aws(-[a-z]{1,3}){0,2}:rbin:[a-z\-0-9]{0,63}:[0-9]{12}:rule/[0-9a-zA-Z]{11}{0,1011}$";
        assert_eq!(
            translate(rbin).unwrap().source,
            r"^arn:aws(-[a-z]{1,3}){0,2}:rbin:[a-z\-0-9]{0,63}:[0-9]{12}:rule/(?:[0-9a-zA-Z]{11}){0,1011}$"
        );
        // Java reads `X{11}{0,1011}` as `(X{11}){0,1011}`: a multiple of 11 characters, up to 11,121.
        let arn = "arn:aws:rbin:us-east-1:123456789012:rule/";
        agrees(
            rbin,
            &[
                (&format!("{arn}abcdefghijk"), true),
                (&format!("{arn}abcdefghijkABCDEFGHIJK"), true),
                (arn, true),
                (&format!("{arn}abcdefghij"), false),
                (&format!("{arn}abcdefghijkl"), false),
            ],
        );
        assert_eq!(translate("^a{2}*$").unwrap().source, "^(?:a{2})*$");
        agrees("^a{2}*$", &[("", true), ("aa", true), ("aaaa", true), ("aaa", false)]);
    }

    #[test]
    fn dash_after_a_class_escape_is_literal() {
        assert_eq!(translate(r"^[\p{L}\p{N}\p{Z}-_]*$").unwrap().source, r"^[\p{L}\p{N}\p{Z}\-_]*$");
        agrees(
            r"^[\p{L}\p{N}\p{Z}-_]*$",
            &[("Cost Category-1_a", true), ("Coût", true), ("-", true), ("_", true), ("a.b", false), ("^", false)],
        );
        // A real range and a trailing dash are untouched.
        assert_eq!(translate(r"[\w-]"), None);
        assert_eq!(translate("[a-z]"), None);
    }

    #[test]
    fn valid_ecma_patterns_are_left_alone() {
        for p in [r"^\d+$", r"[a-z]{2,4}", r"^(?:ab)+$", r"\$\{x\}", r"[$^]+"] {
            assert_eq!(translate(p), None, "{p:?}");
        }
    }
}
