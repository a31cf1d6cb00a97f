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
    let mut path = Path { segments: ::std::vec::Vec::new() };
    value.validate_into(&mut path, &mut out);
    if out.is_empty() { Ok(()) } else { Err(ValidationError { violations: out }) }
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
}

enum Segment<'a> {
    Name(&'a str),
    Index(usize),
}

impl<'a> Path<'a> {
    /// Appends a member name or map key; returns the mark to pass to [`Path::pop`].
    pub fn push(&mut self, segment: &'a str) -> usize {
        self.segments.push(Segment::Name(segment));
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
    }
    fn display(&self) -> ::std::string::String {
        use ::std::fmt::Write as _;
        if self.segments.is_empty() {
            return "/".into();
        }
        let mut text = ::std::string::String::new();
        for segment in &self.segments {
            text.push('/');
            match segment {
                Segment::Name(name) => {
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
pub fn length_str(path: &Path<'_>, value: &str, min: ::std::option::Option<u64>, max: ::std::option::Option<u64>, out: &mut ::std::vec::Vec<Violation>) {
    // A string of n bytes holds between ceil(n / 4) and n characters.
    let bytes = value.len() as u64;
    if min.is_none_or(|m| bytes.div_ceil(4) >= m) && max.is_none_or(|m| bytes <= m) {
        return;
    }
    length(path, value.chars().count(), min, max, out);
}

/// `@length` with the length already measured.
pub fn length(path: &Path<'_>, actual: usize, min: ::std::option::Option<u64>, max: ::std::option::Option<u64>, out: &mut ::std::vec::Vec<Violation>) {
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

fn range_violation(path: &Path<'_>, value: ::std::string::String, min: ::std::option::Option<&'static str>, max: ::std::option::Option<&'static str>) -> Violation {
    let c = Constraint::Range { min, max, value };
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
    let c = Constraint::Pattern { pattern: source, value: value.to_string() };
    out.push(violation(path, c, "", format_args!("satisfy regular expression pattern: {source}")));
}

/// An enum value this crate does not know; `values` is the model's list, e.g. `[abc, def]`.
pub fn enum_value(path: &Path<'_>, value: &str, values: &'static str, out: &mut ::std::vec::Vec<Violation>) {
    let c = Constraint::Enum { value: value.to_string() };
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
