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
    fn invalid_patterns_are_errors() {
        assert!(compile("a(").is_err());
        assert!(compile("[b-a]").is_err());
    }
}
