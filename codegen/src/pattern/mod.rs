//! ECMA-262 `@pattern` handling with `regress`, shared by model validation and the emitted validators.
//!
//! Patterns are compiled in Unicode mode (`u`), where `\p{L}` is a property class. Unicode mode rejects
//! identity escapes of characters that need no escaping (`\_`, `\-` outside a class, `\:`), which AWS
//! models use; for those we drop the needless backslashes and compile again in Unicode mode. Only if that
//! fails too do we fall back to the legacy (Annex B) mode.
//!
//! Some published patterns are written for java.util.regex (inline flags, possessive quantifiers, a
//! quantified anchor, a `-` after a class escape). Where one fails as ECMA-262, `java` rewrites the
//! constructs whose meaning is provably the same and the result is compiled instead.

mod java;

/// How a pattern compiled: the source actually given to regress and its flags.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Compiled {
    pub source: String,
    pub flags: String,
}

/// Compiles `pattern` as the generated code will; `Err` carries regress's message.
pub fn compile(pattern: &str) -> Result<Compiled, String> {
    // Unicode mode first; then a Java pattern translated; legacy mode (where `\p{L}` means `p{L}`)
    // only as the last resort.
    let compiled = compile_unicode(pattern, "")
        .or_else(|e| java::translate(pattern).and_then(|t| compile_unicode(&t.source, t.flags).ok()).ok_or(e))
        .or_else(|e| match regress::Regex::with_flags(pattern, "") {
            Ok(_) => Ok(Compiled { source: pattern.to_string(), flags: String::new() }),
            Err(_) => Err(e),
        })?;
    // regress backtracks, so `(x+)+` takes exponential time on a near miss (the ReDoS case of the
    // malformed-request tests). Flattening such groups keeps the matched language.
    let flat = flatten_nested_quantifiers(&compiled.source);
    if flat != compiled.source && regress::Regex::with_flags(&flat, compiled.flags.as_str()).is_ok() {
        return Ok(Compiled { source: flat, flags: compiled.flags });
    }
    Ok(compiled)
}

/// Unicode mode, then Unicode mode without needless escapes; `extra` flags (`s`) come from a
/// translated inline flag group.
fn compile_unicode(pattern: &str, extra: &str) -> Result<Compiled, String> {
    let flags = format!("u{extra}");
    let first = match regress::Regex::with_flags(pattern, flags.as_str()) {
        Ok(_) => return Ok(Compiled { source: pattern.to_string(), flags }),
        Err(e) => e.to_string(),
    };
    let stripped = strip_identity_escapes(pattern);
    if stripped != pattern && regress::Regex::with_flags(&stripped, flags.as_str()).is_ok() {
        return Ok(Compiled { source: stripped, flags });
    }
    Err(first)
}

/// Rewrites `(A+)+` and `(?:A+)+` to `(A+)`, and the `*` variants to `(A*)`, where `A` is one atom
/// (a character, an escape, `.` or a class): the same strings match, without nested repetition.
fn flatten_nested_quantifiers(p: &str) -> String {
    let chars: Vec<char> = p.chars().collect();
    let mut out = String::with_capacity(p.len());
    let mut i = 0;
    while i < chars.len() {
        if chars[i] == '\\' {
            out.extend(chars[i..(i + 2).min(chars.len())].iter());
            i += 2;
            continue;
        }
        if chars[i] == '[' {
            let end = class_end(&chars, i);
            out.extend(chars[i..end].iter());
            i = end;
            continue;
        }
        if chars[i] == '('
            && let Some((replacement, next)) = flatten_group(&chars, i)
        {
            out.push_str(&replacement);
            i = next;
            continue;
        }
        out.push(chars[i]);
        i += 1;
    }
    out
}

/// End (exclusive) of the character class starting at `start`.
fn class_end(chars: &[char], start: usize) -> usize {
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
            ']' => return j + 1,
            _ => j += 1,
        }
    }
    chars.len()
}

/// End (exclusive) of the single atom at `start`, if there is one.
fn atom_end(chars: &[char], start: usize) -> Option<usize> {
    match chars.get(start)? {
        '\\' => {
            // `\p{..}` and `\u{..}` carry a braced argument.
            let mut j = start + 2;
            if matches!(chars.get(start + 1), Some('p' | 'P' | 'u')) && chars.get(j) == Some(&'{') {
                j = chars[j..].iter().position(|&c| c == '}').map(|k| j + k + 1)?;
            }
            Some(j.min(chars.len()))
        }
        '[' => Some(class_end(chars, start)),
        '(' | ')' | '|' | '*' | '+' | '?' | '{' | '^' | '$' => None,
        _ => Some(start + 1),
    }
}

fn flatten_group(chars: &[char], open: usize) -> Option<(String, usize)> {
    let mut body = open + 1;
    let prefix = if chars.get(body) == Some(&'?') && chars.get(body + 1) == Some(&':') {
        body += 2;
        "(?:"
    } else if chars.get(body) == Some(&'?') {
        return None;
    } else {
        "("
    };
    let atom = atom_end(chars, body)?;
    let inner = *chars.get(atom)?;
    if !matches!(inner, '+' | '*') || chars.get(atom + 1) != Some(&')') {
        return None;
    }
    let outer = *chars.get(atom + 2)?;
    if !matches!(outer, '+' | '*') || matches!(chars.get(atom + 3), Some('?' | '+')) {
        return None;
    }
    let quantifier = if inner == '+' && outer == '+' { '+' } else { '*' };
    let text: String = chars[body..atom].iter().collect();
    Some((format!("{prefix}{text}{quantifier})"), atom + 3))
}

/// Removes backslashes before ASCII punctuation that is not special in the current context.
fn strip_identity_escapes(p: &str) -> String {
    const SYNTAX: &str = "^$\\.*+?()[]{}|/";
    let mut out = String::with_capacity(p.len());
    let mut chars = p.chars().peekable();
    let mut in_class = false;
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some(n) => {
                    let special = SYNTAX.contains(n) || (in_class && n == '-');
                    if n.is_ascii_punctuation() && !special {
                        out.push(n);
                    } else {
                        out.push('\\');
                        out.push(n);
                    }
                }
                None => out.push('\\'),
            },
            '[' if !in_class => {
                in_class = true;
                out.push(c);
            }
            ']' if in_class => {
                in_class = false;
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matches(p: &str, s: &str) -> bool {
        let c = compile(p).unwrap();
        regress::Regex::with_flags(&c.source, c.flags.as_str()).unwrap().find(s).is_some()
    }

    #[test]
    fn unicode_properties_work() {
        assert!(matches(r"^(?!aws:)[\p{L}\p{Z}\p{N}_.:/=+\-@]*$", "Département"));
        assert!(!matches(r"^(?!aws:)[\p{L}\p{Z}\p{N}_.:/=+\-@]*$", "aws:x"));
    }

    #[test]
    fn identity_escapes_fall_back_to_unicode_mode() {
        let c = compile(r"^[a-zA-Z0-9\_\-:\/$]+$").unwrap();
        assert_eq!(c.flags, "u");
        assert!(matches(r"^[a-zA-Z0-9\_\-:\/$]+$", "view_id-1"));
    }

    #[test]
    fn patterns_are_searched_not_anchored() {
        assert!(matches(r"\S", "  x "));
        assert!(!matches(r"\S", "   "));
    }

    #[test]
    fn nested_quantifiers_are_flattened() {
        assert_eq!(flatten_nested_quantifiers("^([0-9]+)+$"), "^([0-9]+)$");
        assert_eq!(flatten_nested_quantifiers("^(?:\\d+)*x"), "^(?:\\d*)x");
        assert_eq!(flatten_nested_quantifiers("(a*)+"), "(a*)");
        assert_eq!(flatten_nested_quantifiers("(\\p{L}+)+"), "(\\p{L}+)");
        // Left alone: alternation, lazy/possessive-looking suffixes, longer bodies, classes holding `(`.
        for p in ["(a|b+)+", "(a+)+?", "(ab+)+", "[(a+)+]", "(a+){2}"] {
            assert_eq!(flatten_nested_quantifiers(p), p);
        }
    }

    #[test]
    fn redos_pattern_answers_quickly() {
        let c = compile("^([0-9]+)+$").unwrap();
        let re = regress::Regex::with_flags(&c.source, c.flags.as_str()).unwrap();
        let evil = "0".repeat(84) + "!";
        assert!(re.find(&evil).is_none());
        assert!(re.find("0123").is_some());
    }

    #[test]
    fn invalid_patterns_are_errors() {
        assert!(compile("a(").is_err());
        assert!(compile("[b-a]").is_err());
    }
}
