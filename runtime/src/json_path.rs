//! The JSON path of a byte offset (`$.List[0].Member`), for the errors of [`super::json::Reader`].
//!
//! Only called once a read has failed (see [`super::json::Error::locate`]): the text before the
//! error is scanned again, from the start, keeping the open objects and arrays and, for each, the
//! member or element being read. The reader itself keeps no path, so reading costs nothing more.

use ::std::option::Option::{self, None, Some};
use ::std::string::String;
use ::std::vec::Vec;

/// An object or array open at the offset.
enum Frame {
    /// An object, and the key of the member being read: the bytes between its quotes (`None`
    /// before the first key and after each `,`).
    Object(Option<(usize, usize)>),
    /// An array, and the index of the element being read.
    Array(usize),
}

/// The path of the value being read, or just read, at byte `index` of `input` (the text the
/// reader read up to there, so well-formed up to the value that failed); `None` at the root.
///
/// Each open array adds `[index]` and each open object the key of the member being read: `.Key`
/// when the key is an identifier (`[A-Za-z_][A-Za-z0-9_]*`), else `["key"]` written as a JSON string.
#[cold]
pub fn path_at(input: &[u8], index: usize) -> Option<String> {
    let end = index.min(input.len());
    let mut stack: Vec<Frame> = Vec::new();
    let mut i = 0;
    while i < end {
        match input[i] {
            b'"' => {
                // The closing quote: the first `"` not escaped (an escape is a `\` and the byte
                // after it; `\uXXXX` holds no quote or backslash).
                let mut j = i + 1;
                while j < end && input[j] != b'"' {
                    j += if input[j] == b'\\' { 2 } else { 1 };
                }
                if j >= end {
                    // The offset is inside this string.
                    break;
                }
                if let Some(Frame::Object(key @ None)) = stack.last_mut() {
                    *key = Some((i + 1, j));
                }
                i = j;
            }
            b'{' => stack.push(Frame::Object(None)),
            b'[' => stack.push(Frame::Array(0)),
            b'}' | b']' => {
                stack.pop();
            }
            b',' => match stack.last_mut() {
                Some(Frame::Object(key)) => *key = None,
                Some(Frame::Array(n)) => *n += 1,
                None => {}
            },
            // `:`, whitespace, numbers and literals say nothing about the path.
            _ => {}
        }
        i += 1;
    }
    let mut path = String::new();
    for frame in &stack {
        match *frame {
            Frame::Array(n) => {
                path.push('[');
                path.push_str(&n.to_string());
                path.push(']');
            }
            Frame::Object(Some((start, end))) => push_key(&mut path, &input[start..end]),
            Frame::Object(None) => {}
        }
    }
    if path.is_empty() {
        None
    } else {
        Some(format!("${path}"))
    }
}

/// Appends a key, given as written between its quotes.
fn push_key(path: &mut String, raw: &[u8]) {
    let written = String::from_utf8_lossy(raw);
    // Decoded from JSON when it has escapes; as written if that fails.
    let key = if raw.contains(&b'\\') {
        ::serde_json::from_str::<String>(&format!("\"{written}\"")).unwrap_or_else(|_| written.to_string())
    } else {
        written.to_string()
    };
    let mut chars = key.chars();
    let identifier =
        chars.next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_') && chars.all(|c| c.is_ascii_alphanumeric() || c == '_');
    if identifier {
        path.push('.');
        path.push_str(&key);
    } else {
        path.push('[');
        // Writing a string as JSON cannot fail.
        path.push_str(&::serde_json::to_string(&key).unwrap_or_default());
        path.push(']');
    }
}
#[cfg(test)]
mod tests {
    use super::*;

    /// The path at the first `@` of `text` (which is not part of the JSON).
    fn at(text: &str) -> Option<String> {
        path_at(text.as_bytes(), text.find('@').expect("a marker"))
    }

    #[test]
    fn the_root_has_no_path() {
        assert_eq!(at("@1"), None);
        assert_eq!(at("{@"), None);
        assert_eq!(at(r#"{"a":1}@"#), None);
        assert_eq!(at(r#"{"a":1, @"#), None);
        assert_eq!(at(r#"[1, [2]]@"#), None);
        assert_eq!(path_at(b"[1]", 100), None);
    }

    #[test]
    fn objects_give_their_keys_and_arrays_their_indices() {
        assert_eq!(at(r#"{"a":@"#).as_deref(), Some("$.a"));
        assert_eq!(at(r#"{"a": {"b_2": {"_c": @"#).as_deref(), Some("$.a.b_2._c"));
        assert_eq!(at(r#"{"a":1,"b":@"#).as_deref(), Some("$.b"));
        assert_eq!(at(r#"[@"#).as_deref(), Some("$[0]"));
        assert_eq!(at(r#"[1, 2, @"#).as_deref(), Some("$[2]"));
        assert_eq!(at(r#"[[1,2],[3,@"#).as_deref(), Some("$[1][1]"));
        let text = r#"{"InstanceSummaryList":[{"Id":"i","CreatedTime":1},{"Id":"j","CreatedTime":@"#;
        assert_eq!(at(text).as_deref(), Some("$.InstanceSummaryList[1].CreatedTime"));
        // Closed objects and arrays are left; a value just read is still the one named.
        assert_eq!(at(r#"{"a":{"b":[1,{"c":2}]},"d":[{"e":1}]@"#).as_deref(), Some("$.d"));
        assert_eq!(at(r#"{"a":{"b":1}@"#).as_deref(), Some("$.a"));
    }

    #[test]
    fn keys_that_are_not_identifiers_are_quoted() {
        assert_eq!(at(r#"{"two words":@"#).as_deref(), Some(r#"$["two words"]"#));
        assert_eq!(at(r#"{"a\"b":@"#).as_deref(), Some(r#"$["a\"b"]"#));
        assert_eq!(at(r#"{"back\\slash":[@"#).as_deref(), Some(r#"$["back\\slash"][0]"#));
        assert_eq!(at(r#"{"1st":@"#).as_deref(), Some(r#"$["1st"]"#));
        assert_eq!(at(r#"{"":@"#).as_deref(), Some(r#"$[""]"#));
        assert_eq!(at(r#"{"é":@"#).as_deref(), Some(r#"$["é"]"#));
        // Escaped keys are decoded: `\u0041` is `A`, an identifier again.
        assert_eq!(at(r#"{"\u0041b":@"#).as_deref(), Some("$.Ab"));
        assert_eq!(at(r#"{"tab\there":@"#).as_deref(), Some(r#"$["tab\there"]"#));
        assert_eq!(at(r#"{"\ud83d\ude00":@"#).as_deref(), Some(r#"$["😀"]"#));
    }

    #[test]
    fn strings_hide_brackets_commas_and_escaped_quotes() {
        assert_eq!(at(r#"{"a":"x\",[{\"y","b":@"#).as_deref(), Some("$.b"));
        assert_eq!(at(r#"{"a":"\\","b":[@"#).as_deref(), Some("$.b[0]"));
        assert_eq!(at(r#"["\u0022,", "\u005b", @"#).as_deref(), Some("$[2]"));
        assert_eq!(at(r#"{"k":"[,]{:}","l":{"m":@"#).as_deref(), Some("$.l.m"));
        // An offset inside a string (a bad escape, say) is in the value the string is.
        assert_eq!(at(r#"{"a":[1,"bad\@"#).as_deref(), Some("$.a[1]"));
        // Inside a key, the object is being read.
        assert_eq!(at(r#"{"a":{"b@"#).as_deref(), Some("$.a"));
    }
}
