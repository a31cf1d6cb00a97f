//! Validation of values against the model's constraint traits, reporting every violation with a
//! JSON-pointer path and the wording of the Smithy malformed-request tests.
//!
//! Validation never runs on deserialized responses; callers (and the test stub) run it on requests.

/// Which constraint a value broke.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum Constraint {
    /// `@length`: the measured length (characters, bytes or entries) is outside the bounds.
    Length {
        /// Inclusive lower bound.
        min: ::std::option::Option<u64>,
        /// Inclusive upper bound.
        max: ::std::option::Option<u64>,
        /// The length found.
        actual: usize,
    },
    /// `@range`: the number is outside the bounds (given as written in the model).
    Range {
        /// Inclusive lower bound.
        min: ::std::option::Option<&'static str>,
        /// Inclusive upper bound.
        max: ::std::option::Option<&'static str>,
        /// The value found.
        value: ::std::string::String,
    },
    /// `@pattern`: the string does not contain a match of the pattern.
    Pattern {
        /// The ECMA-262 pattern as written in the model.
        pattern: &'static str,
        /// The value found.
        value: ::std::string::String,
    },
    /// An enum or intEnum value the model does not define.
    Enum {
        /// The value found.
        value: ::std::string::String,
    },
    /// `@uniqueItems`: the list holds equal items.
    UniqueItems,
    /// `@required`: the member is not set.
    Required,
}

/// One broken constraint.
#[derive(Clone, Debug, PartialEq)]
pub struct Violation {
    /// JSON pointer to the offending value, by wire names (`/Segments/3/Transcript/Content`).
    pub path: ::std::string::String,
    /// The constraint and the offending value or size.
    pub constraint: Constraint,
    /// The message, worded like the Smithy malformed-request tests.
    pub message: ::std::string::String,
}

/// Every violation found in a value.
#[derive(Clone, Debug, PartialEq)]
pub struct ValidationError {
    violations: ::std::vec::Vec<Violation>,
}

impl ValidationError {
    /// The violations, in the order the members were checked.
    pub fn violations(&self) -> &[Violation] {
        &self.violations
    }
}

impl ::std::fmt::Display for ValidationError {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        let n = self.violations.len();
        write!(f, "{n} validation error{} detected.", if n == 1 { "" } else { "s" })?;
        for (i, v) in self.violations.iter().enumerate() {
            f.write_str(if i == 0 { " " } else { "; " })?;
            f.write_str(&v.message)?;
        }
        Ok(())
    }
}

impl ::std::error::Error for ValidationError {}

/// A value that can be checked against the model's constraints.
pub trait Validate {
    /// Appends the violations of this value, found at `path`, to `out`.
    fn validate_into<'a>(&'a self, path: &mut Path<'a>, out: &mut ::std::vec::Vec<Violation>);
}

impl<T: Validate> Validate for ::std::boxed::Box<T> {
    fn validate_into<'a>(&'a self, path: &mut Path<'a>, out: &mut ::std::vec::Vec<Violation>) {
        (**self).validate_into(path, out)
    }
}

/// Runs a full validation from the root of a value.
/// (Through `dyn`: one copy for the whole crate rather than one per shape.)
pub fn run(value: &dyn Validate) -> ::std::result::Result<(), ValidationError> {
    let mut out = ::std::vec::Vec::new();
    let mut path = Path { segments: ::std::vec::Vec::new(), sensitive_from: None, all_sensitive: false };
    value.validate_into(&mut path, &mut out);
    if out.is_empty() {
        Ok(())
    } else {
        Err(ValidationError { violations: out })
    }
}

/// [`run`] for a `@sensitive` type: no value found in it is copied into a violation.
pub fn run_sensitive(value: &dyn Validate) -> ::std::result::Result<(), ValidationError> {
    let mut out = ::std::vec::Vec::new();
    let mut path = Path { segments: ::std::vec::Vec::new(), sensitive_from: None, all_sensitive: true };
    value.validate_into(&mut path, &mut out);
    if out.is_empty() {
        Ok(())
    } else {
        Err(ValidationError { violations: out })
    }
}

/// A map's entries in key order, so violations come out in the same order every run. Sorts
/// `(&str, index)` pairs, so the sort is compiled once, not once per map type.
pub fn sorted_entries<K: AsRef<str>, V, S>(map: &::std::collections::HashMap<K, V, S>) -> ::std::vec::Vec<(&K, &V)> {
    let entries: ::std::vec::Vec<(&K, &V)> = map.iter().collect();
    let mut order: ::std::vec::Vec<(&str, usize)> = entries.iter().enumerate().map(|(i, (k, _))| (k.as_ref(), i)).collect();
    order.sort_unstable();
    order.into_iter().map(|(_, i)| entries[i]).collect()
}

/// Where the walk is: a stack of borrowed segments. The JSON-pointer text is only built when a
/// violation is reported, so checking a valid value allocates nothing per member.
pub struct Path<'a> {
    segments: ::std::vec::Vec<Segment<'a>>,
    /// The depth from which values are `@sensitive`: violations below it carry no value, so
    /// neither `Debug` nor `Display` of a validation error can show a secret.
    sensitive_from: ::std::option::Option<usize>,
    /// The whole value is `@sensitive` ([`run_sensitive`]).
    all_sensitive: bool,
}

enum Segment<'a> {
    Name(&'a str),
    /// A map key: data, so hidden below a `@sensitive` member.
    Key(&'a str),
    Index(usize),
}

impl<'a> Path<'a> {
    /// Appends a member name or map key; returns the mark to pass to [`Path::pop`].
    pub fn push(&mut self, segment: &'a str) -> usize {
        self.segments.push(Segment::Name(segment));
        self.segments.len() - 1
    }
    /// Appends a member whose value is `@sensitive` (or holds sensitive values).
    pub fn push_sensitive(&mut self, segment: &'a str) -> usize {
        let mark = self.push(segment);
        self.sensitive_from.get_or_insert(mark);
        mark
    }
    /// Appends a map key.
    pub fn push_key(&mut self, key: &'a str) -> usize {
        self.segments.push(Segment::Key(key));
        self.segments.len() - 1
    }
    /// Appends a list index.
    pub fn push_index(&mut self, i: usize) -> usize {
        self.segments.push(Segment::Index(i));
        self.segments.len() - 1
    }
    /// Goes back to a mark.
    pub fn pop(&mut self, mark: usize) {
        self.segments.truncate(mark);
        if self.sensitive_from.is_some_and(|s| s >= mark) {
            self.sensitive_from = None;
        }
    }
    /// The value found here as a violation keeps it: the text, or the redaction marker below a
    /// `@sensitive` member.
    fn keep(&self, value: &str) -> ::std::string::String {
        if self.all_sensitive || self.sensitive_from.is_some() {
            super::REDACTED.into()
        } else {
            value.into()
        }
    }
    fn display(&self) -> ::std::string::String {
        use ::std::fmt::Write as _;
        if self.segments.is_empty() {
            return "/".into();
        }
        let mut text = ::std::string::String::new();
        for (depth, segment) in self.segments.iter().enumerate() {
            text.push('/');
            let hidden = self.all_sensitive || self.sensitive_from.is_some_and(|s| depth > s);
            match segment {
                Segment::Key(_) if hidden => text.push_str(super::REDACTED),
                Segment::Name(name) | Segment::Key(name) => {
                    for c in name.chars() {
                        match c {
                            '~' => text.push_str("~0"),
                            '/' => text.push_str("~1"),
                            c => text.push(c),
                        }
                    }
                }
                Segment::Index(i) => {
                    let _ = write!(text, "{i}");
                }
            }
        }
        text
    }
}

fn violation(path: &Path<'_>, constraint: Constraint, what: &str, rule: ::std::fmt::Arguments<'_>) -> Violation {
    let path = path.display();
    let message = format!("Value{what} at '{path}' failed to satisfy constraint: Member must {rule}");
    Violation { path, constraint, message }
}

/// `@length` of a string in Unicode scalar values; counts only when the byte length cannot decide.
pub fn length_str(
    path: &Path<'_>,
    value: &str,
    min: ::std::option::Option<u64>,
    max: ::std::option::Option<u64>,
    out: &mut ::std::vec::Vec<Violation>,
) {
    // A string of n bytes holds between ceil(n / 4) and n characters.
    let bytes = value.len() as u64;
    if min.is_none_or(|m| bytes.div_ceil(4) >= m) && max.is_none_or(|m| bytes <= m) {
        return;
    }
    length(path, value.chars().count(), min, max, out);
}

/// `@length` with the length already measured.
pub fn length(
    path: &Path<'_>,
    actual: usize,
    min: ::std::option::Option<u64>,
    max: ::std::option::Option<u64>,
    out: &mut ::std::vec::Vec<Violation>,
) {
    let n = actual as u64;
    if min.is_some_and(|m| n < m) || max.is_some_and(|m| n > m) {
        let what = format!(" with length {actual}");
        let c = Constraint::Length { min, max, actual };
        out.push(match (min, max) {
            (Some(a), Some(b)) => violation(path, c, &what, format_args!("have length between {a} and {b}, inclusive")),
            (Some(a), None) => violation(path, c, &what, format_args!("have length greater than or equal to {a}")),
            (None, Some(b)) => violation(path, c, &what, format_args!("have length less than or equal to {b}")),
            (None, None) => return,
        });
    }
}

fn range_violation(
    path: &Path<'_>,
    value: ::std::string::String,
    min: ::std::option::Option<&'static str>,
    max: ::std::option::Option<&'static str>,
) -> Violation {
    let c = Constraint::Range { min, max, value: path.keep(&value) };
    match (min, max) {
        (Some(a), Some(b)) => violation(path, c, "", format_args!("be between {a} and {b}, inclusive")),
        (Some(a), None) => violation(path, c, "", format_args!("be greater than or equal to {a}")),
        (None, b) => violation(path, c, "", format_args!("be less than or equal to {}", b.unwrap_or_default())),
    }
}

/// `@range` on integers, exact up to `i64`.
pub fn range_int(
    path: &Path<'_>,
    value: i64,
    min: ::std::option::Option<(i64, &'static str)>,
    max: ::std::option::Option<(i64, &'static str)>,
    out: &mut ::std::vec::Vec<Violation>,
) {
    if min.is_some_and(|(m, _)| value < m) || max.is_some_and(|(m, _)| value > m) {
        out.push(range_violation(path, value.to_string(), min.map(|m| m.1), max.map(|m| m.1)));
    }
}

/// `@range` on floating-point numbers. Bounds arrive rounded to the value's own type, so `8.8`
/// read into an `f32` is within `max 8.8`. NaN fails any range; infinities fail the bound they cross.
pub fn range_float(
    path: &Path<'_>,
    value: f64,
    min: ::std::option::Option<(f64, &'static str)>,
    max: ::std::option::Option<(f64, &'static str)>,
    out: &mut ::std::vec::Vec<Violation>,
) {
    let outside = value.is_nan() || min.is_some_and(|(m, _)| value < m) || max.is_some_and(|(m, _)| value > m);
    if outside {
        out.push(range_violation(path, value.to_string(), min.map(|m| m.1), max.map(|m| m.1)));
    }
}

/// `@pattern` failed (the search itself lives with the compiled patterns, in `patterns.rs`).
pub fn pattern_mismatch(path: &Path<'_>, value: &str, source: &'static str, out: &mut ::std::vec::Vec<Violation>) {
    let c = Constraint::Pattern { pattern: source, value: path.keep(value) };
    out.push(violation(path, c, "", format_args!("satisfy regular expression pattern: {source}")));
}

/// An enum value this crate does not know; `values` is the model's list, e.g. `[abc, def]`.
pub fn enum_value(path: &Path<'_>, value: &str, values: &'static str, out: &mut ::std::vec::Vec<Violation>) {
    let c = Constraint::Enum { value: path.keep(value) };
    out.push(violation(path, c, "", format_args!("satisfy enum value set: {values}")));
}

/// `@uniqueItems` by value equality.
pub fn unique<T: ::std::cmp::PartialEq>(path: &Path<'_>, items: &[T], out: &mut ::std::vec::Vec<Violation>) {
    let repeated = items.iter().enumerate().any(|(i, a)| items[..i].iter().any(|b| a == b));
    if repeated {
        out.push(violation(path, Constraint::UniqueItems, "", format_args!("have unique values")));
    }
}

/// `@required` member not set.
pub fn required(path: &Path<'_>, out: &mut ::std::vec::Vec<Violation>) {
    out.push(violation(path, Constraint::Required, "", format_args!("not be null")));
}
#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    /// A shape with a required, length-bounded name, unique short tags, a ranged size and a map
    /// whose values must not be empty.
    struct Input {
        name: Option<String>,
        tags: Vec<String>,
        size: i64,
        labels: HashMap<String, String>,
    }

    impl Validate for Input {
        fn validate_into<'a>(&'a self, path: &mut Path<'a>, out: &mut Vec<Violation>) {
            let mark = path.push("Name");
            match &self.name {
                Some(n) => length_str(path, n, Some(1), Some(3), out),
                None => required(path, out),
            }
            path.pop(mark);
            let mark = path.push("Tags");
            unique(path, &self.tags, out);
            for (i, tag) in self.tags.iter().enumerate() {
                let item = path.push_index(i);
                length_str(path, tag, None, Some(2), out);
                path.pop(item);
            }
            path.pop(mark);
            let mark = path.push("Size");
            range_int(path, self.size, Some((0, "0")), Some((10, "10")), out);
            path.pop(mark);
            let mark = path.push("Labels");
            for (k, v) in sorted_entries(&self.labels) {
                let key = path.push(k.as_str());
                length_str(path, v, Some(1), None, out);
                path.pop(key);
            }
            path.pop(mark);
        }
    }

    fn valid() -> Input {
        Input { name: Some("abc".into()), tags: vec!["a".into(), "b".into()], size: 10, labels: HashMap::from([("k".into(), "v".into())]) }
    }

    fn root() -> Path<'static> {
        Path { segments: Vec::new(), sensitive_from: None, all_sensitive: false }
    }

    #[test]
    fn a_valid_value_has_no_violations() {
        assert_eq!(run(&valid()), Ok(()));
        let mut at_bounds = valid();
        at_bounds.name = Some("a".into());
        at_bounds.size = 0;
        assert_eq!(run(&at_bounds), Ok(()));
        // Boxed values validate as what they hold.
        assert_eq!(run(&Box::new(valid())), Ok(()));
    }

    #[test]
    fn every_violation_is_reported_with_its_path_and_message_in_order() {
        let input = Input {
            name: Some("abcd".into()),
            tags: vec!["a".into(), "a".into(), "abc".into()],
            size: 11,
            labels: HashMap::from([("b".into(), String::new()), ("a".into(), String::new()), ("c".into(), "ok".into())]),
        };
        let err = run(&input).unwrap_err();
        let found: Vec<(&str, &str)> = err.violations().iter().map(|v| (v.path.as_str(), v.message.as_str())).collect();
        assert_eq!(
            found,
            [
                (
                    "/Name",
                    "Value with length 4 at '/Name' failed to satisfy constraint: Member must have length between 1 and 3, inclusive"
                ),
                ("/Tags", "Value at '/Tags' failed to satisfy constraint: Member must have unique values"),
                (
                    "/Tags/2",
                    "Value with length 3 at '/Tags/2' failed to satisfy constraint: Member must have length less than or equal to 2"
                ),
                ("/Size", "Value at '/Size' failed to satisfy constraint: Member must be between 0 and 10, inclusive"),
                (
                    "/Labels/a",
                    "Value with length 0 at '/Labels/a' failed to satisfy constraint: Member must have length greater than or equal to 1"
                ),
                (
                    "/Labels/b",
                    "Value with length 0 at '/Labels/b' failed to satisfy constraint: Member must have length greater than or equal to 1"
                ),
            ]
        );
        assert_eq!(err.violations()[0].constraint, Constraint::Length { min: Some(1), max: Some(3), actual: 4 });
        assert_eq!(err.violations()[1].constraint, Constraint::UniqueItems);
        assert_eq!(err.violations()[3].constraint, Constraint::Range { min: Some("0"), max: Some("10"), value: "11".into() });
        let text = err.to_string();
        assert!(text.starts_with("6 validation errors detected. Value with length 4 at '/Name'"), "{text}");
        assert!(text.contains("inclusive; Value at '/Tags' failed"), "{text}");
    }

    #[test]
    fn required_member_and_singular_display() {
        let mut input = valid();
        input.name = None;
        let err = run(&input).unwrap_err();
        assert_eq!(err.violations().len(), 1);
        assert_eq!(err.violations()[0].constraint, Constraint::Required);
        assert_eq!(err.violations()[0].path, "/Name");
        assert_eq!(err.to_string(), "1 validation error detected. Value at '/Name' failed to satisfy constraint: Member must not be null");
    }

    #[test]
    fn sorted_entries_orders_by_key() {
        let map: HashMap<String, u32> =
            ["delta", "alpha", "charlie", "bravo", "Zulu", "echo"].iter().enumerate().map(|(i, k)| (k.to_string(), i as u32)).collect();
        let keys: Vec<&str> = sorted_entries(&map).into_iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(keys, ["Zulu", "alpha", "bravo", "charlie", "delta", "echo"]);
        let values: Vec<u32> = sorted_entries(&map).into_iter().map(|(_, v)| *v).collect();
        assert_eq!(values, [4, 1, 3, 2, 0, 5]);
        assert!(sorted_entries(&HashMap::<&str, ()>::new()).is_empty());
    }

    #[test]
    fn string_length_counts_characters_not_bytes() {
        let path = root();
        let mut out = Vec::new();
        // Three characters, six bytes: within a maximum of 3.
        length_str(&path, "ééé", None, Some(3), &mut out);
        // Four 4-byte characters: 16 bytes, within a maximum of 4 characters.
        length_str(&path, "😀😀😀😀", Some(4), Some(4), &mut out);
        assert!(out.is_empty(), "{out:?}");
        length_str(&path, "ééé", Some(4), None, &mut out);
        length_str(&path, "😀😀😀😀😀", None, Some(4), &mut out);
        assert_eq!(out.len(), 2);
        assert_eq!(out[0].constraint, Constraint::Length { min: Some(4), max: None, actual: 3 });
        assert_eq!(
            out[0].message,
            "Value with length 3 at '/' failed to satisfy constraint: Member must have length greater than or equal to 4"
        );
        assert_eq!(out[1].constraint, Constraint::Length { min: None, max: Some(4), actual: 5 });
    }

    #[test]
    fn measured_length_without_bounds_never_fails() {
        let path = root();
        let mut out = Vec::new();
        length(&path, usize::MAX, None, None, &mut out);
        length(&path, 0, Some(0), Some(0), &mut out);
        assert!(out.is_empty());
        length(&path, 1, Some(0), Some(0), &mut out);
        assert_eq!(
            out[0].message,
            "Value with length 1 at '/' failed to satisfy constraint: Member must have length between 0 and 0, inclusive"
        );
    }

    #[test]
    fn ranges_with_one_bound_and_floats() {
        let mut path = root();
        let mark = path.push("N");
        let mut out = Vec::new();
        range_int(&path, -1, Some((0, "0")), None, &mut out);
        range_int(&path, 6, None, Some((5, "5")), &mut out);
        range_int(&path, i64::MIN, None, Some((5, "5")), &mut out);
        range_float(&path, 8.8, None, Some((8.8, "8.8")), &mut out);
        range_float(&path, f64::INFINITY, Some((0.0, "0")), None, &mut out);
        assert_eq!(out.len(), 2, "{out:?}");
        assert_eq!(out[0].message, "Value at '/N' failed to satisfy constraint: Member must be greater than or equal to 0");
        assert_eq!(out[1].message, "Value at '/N' failed to satisfy constraint: Member must be less than or equal to 5");
        out.clear();
        range_float(&path, f64::NAN, Some((0.0, "0")), Some((1.5, "1.5")), &mut out);
        range_float(&path, f64::NEG_INFINITY, Some((0.0, "0")), None, &mut out);
        range_float(&path, 1.5000001, Some((0.0, "0")), Some((1.5, "1.5")), &mut out);
        assert_eq!(out.len(), 3, "{out:?}");
        assert_eq!(out[0].constraint, Constraint::Range { min: Some("0"), max: Some("1.5"), value: "NaN".into() });
        assert_eq!(out[0].message, "Value at '/N' failed to satisfy constraint: Member must be between 0 and 1.5, inclusive");
        assert_eq!(out[1].message, "Value at '/N' failed to satisfy constraint: Member must be greater than or equal to 0");
        path.pop(mark);
    }

    #[test]
    fn pattern_enum_and_unique_messages() {
        let mut path = root();
        path.push("Items");
        path.push_index(0);
        let mut out = Vec::new();
        pattern_mismatch(&path, "x y", "^[a-z]+$", &mut out);
        enum_value(&path, "ghi", "[abc, def]", &mut out);
        unique(&path, &[1, 2, 3], &mut out);
        unique::<u8>(&path, &[], &mut out);
        unique(&path, &[1.0, 2.0, 1.0], &mut out);
        assert_eq!(out.len(), 3, "{out:?}");
        assert_eq!(out[0].constraint, Constraint::Pattern { pattern: "^[a-z]+$", value: "x y".into() });
        assert_eq!(
            out[0].message,
            "Value at '/Items/0' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[a-z]+$"
        );
        assert_eq!(out[1].constraint, Constraint::Enum { value: "ghi".into() });
        assert_eq!(out[1].message, "Value at '/Items/0' failed to satisfy constraint: Member must satisfy enum value set: [abc, def]");
        assert_eq!(out[2].constraint, Constraint::UniqueItems);
    }

    #[test]
    fn paths_escape_pointer_characters_and_pop_to_marks() {
        let mut path = root();
        assert_eq!(path.display(), "/");
        let outer = path.push("a/b~c");
        let inner = path.push_index(12);
        path.push("d");
        assert_eq!(path.display(), "/a~1b~0c/12/d");
        path.pop(inner);
        assert_eq!(path.display(), "/a~1b~0c");
        path.push("e");
        assert_eq!(path.display(), "/a~1b~0c/e");
        path.pop(outer);
        assert_eq!(path.display(), "/");
    }
}
