//! ECMA-262 `@pattern` handling with `regress`, shared by model validation and the emitted validators.
//!
//! Patterns are compiled in Unicode mode (`u`), where `\p{L}` is a property class. Unicode mode rejects
//! identity escapes of characters that need no escaping (`\_`, `\-` outside a class, `\:`), which AWS
//! models use; for those we drop the needless backslashes and compile again in Unicode mode. Only if that
//! fails too do we fall back to the legacy (Annex B) mode.

/// How a pattern compiled: the source actually given to regress and its flags.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Compiled {
    pub source: String,
    pub flags: &'static str,
}

/// Compiles `pattern` as the generated code will; `Err` carries regress's message.
pub fn compile(pattern: &str) -> Result<Compiled, String> {
    let compiled = compile_as_written(pattern)?;
    // regress backtracks, so `(x+)+` takes exponential time on a near miss (the ReDoS case of the
    // malformed-request tests). Flattening such groups keeps the matched language.
    let flat = flatten_nested_quantifiers(&compiled.source);
    if flat != compiled.source && regress::Regex::with_flags(&flat, compiled.flags).is_ok() {
        return Ok(Compiled { source: flat, flags: compiled.flags });
    }
    Ok(compiled)
}

fn compile_as_written(pattern: &str) -> Result<Compiled, String> {
    let first = match regress::Regex::with_flags(pattern, "u") {
        Ok(_) => return Ok(Compiled { source: pattern.to_string(), flags: "u" }),
        Err(e) => e.to_string(),
    };
    let stripped = strip_identity_escapes(pattern);
    if stripped != pattern && regress::Regex::with_flags(&stripped, "u").is_ok() {
        return Ok(Compiled { source: stripped, flags: "u" });
    }
    match regress::Regex::with_flags(pattern, "") {
        Ok(_) => Ok(Compiled { source: pattern.to_string(), flags: "" }),
        Err(_) => Err(first),
    }
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
        regress::Regex::with_flags(&c.source, c.flags).unwrap().find(s).is_some()
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
        let re = regress::Regex::with_flags(&c.source, c.flags).unwrap();
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
