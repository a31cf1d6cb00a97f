//! Reading the generated types from their JSON wire form.
//!
//! One non-generic pull reader ([`Reader`], over the lexer in `rt::lex`) and one [`FromJson`] impl
//! per type: each type's reading code is compiled once, not once per serde deserializer, and
//! strings are matched where they lie in the input. Entry points: [`from_slice`], [`from_str`],
//! [`from_value`].

pub use super::lex::Peek;
use super::lex::{same, Lexer, Stop, MAX_DEPTH};
use ::std::option::Option::{self, None, Some};
use ::std::result::Result::{self, Err, Ok};
use ::std::string::{String, ToString};
use ::std::vec::Vec;

/// Why a value could not be read, and where in the input that was found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error(::std::boxed::Box<ErrorDetail>);

// Boxed: every `Result` of the reader carries it, and on the good path it should cost a pointer.
#[derive(Clone, Debug, PartialEq, Eq)]
struct ErrorDetail {
    message: String,
    index: usize,
    /// Line and column (from 1), once the error has left the reader (see [`Error::locate`]).
    position: Option<(usize, usize)>,
    /// The JSON path there (`$.List[0].Member`), found with the position; `None` at the root.
    path: Option<String>,
}

impl Error {
    #[cold]
    fn at(index: usize, message: String) -> Self {
        Error(::std::boxed::Box::new(ErrorDetail { message, index, position: None, path: None }))
    }
    /// What was wrong.
    pub fn message(&self) -> &str {
        &self.0.message
    }
    /// The byte offset in the input where it was found.
    pub fn offset(&self) -> usize {
        self.0.index
    }
    /// Line and column (from 1) where it was found, when known.
    pub fn position(&self) -> Option<(usize, usize)> {
        self.0.position
    }
    /// The JSON path of the value being read (or just read) where it was found, such as
    /// `$.List[0].Member`; known once located (see [`Error::locate`]), and `None` at the root.
    pub fn path(&self) -> Option<&str> {
        self.0.path.as_deref()
    }
    /// Works out the line and column in `input`, the text that was read, and the path there.
    pub fn locate(mut self, input: &[u8]) -> Self {
        self.0.position = Some(super::lex::line_column(input, self.0.index));
        self.0.path = super::json_path::path_at(input, self.0.index);
        self
    }
}

impl ::std::fmt::Display for Error {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        let message = &self.0.message;
        match (self.0.position, &self.0.path) {
            (Some((line, column)), Some(path)) => write!(f, "{message} at {path} (line {line} column {column})"),
            (Some((line, column)), None) => write!(f, "{message} at line {line} column {column}"),
            (None, _) => write!(f, "{message} at byte {}", self.0.index),
        }
    }
}

impl ::std::error::Error for Error {}

/// A type read from JSON. Implemented by every generated type and by the values they hold.
pub trait FromJson: Sized {
    /// Reads one value.
    fn read_json(r: &mut Reader<'_>) -> Result<Self, Error>;

    /// Reads one value into `slot` (empty on entry); lists read their elements this way, so that a
    /// union, which can be large, is written where it is kept instead of copied there.
    #[inline]
    fn read_into(r: &mut Reader<'_>, slot: &mut Option<Self>) -> Result<(), Error> {
        *slot = Some(Self::read_json(r)?);
        Ok(())
    }
}

/// Reads a value from JSON text; nothing but whitespace may follow it.
pub fn from_slice<T: FromJson>(bytes: &[u8]) -> Result<T, Error> {
    // `simdutf8` checks a response body several times faster than `std`; `std` says where it fails.
    match ::simdutf8::basic::from_utf8(bytes) {
        Ok(text) => from_str(text),
        Err(_) => {
            let at = ::std::str::from_utf8(bytes).err().map_or(0, |e| e.valid_up_to());
            Err(Error::at(at, "invalid UTF-8".to_string()).locate(bytes))
        }
    }
}

/// Reads a value from JSON text.
pub fn from_str<T: FromJson>(text: &str) -> Result<T, Error> {
    let mut r = Reader::new(text);
    let value = T::read_json(&mut r).and_then(|v| r.finish().map(|()| v));
    value.map_err(|e| e.locate(text.as_bytes()))
}

/// Reads a value from a `serde_json::Value` (written out, then read).
pub fn from_value<T: FromJson>(value: ::serde_json::Value) -> Result<T, Error> {
    from_str(&value.to_string())
}

/// A pull reader over JSON text.
pub struct Reader<'j> {
    lx: Lexer<'j>,
    depth: u32,
}

/// What [`Reader::member`] learned of one type's member order: for the member read last (its
/// index plus one; 0 before the first), the index of the member that came next. A service writes a
/// type's members in one order, so from the second object of a type on the next key is matched at
/// the first try. One per generated structure, shared by every reader: only a hint, since the key is
/// always checked.
pub type Order<const N: usize> = [::std::sync::atomic::AtomicU16; N];

/// An [`Order`] that knows nothing yet.
pub const fn order<const N: usize>() -> Order<N> {
    [const { ::std::sync::atomic::AtomicU16::new(u16::MAX) }; N]
}

/// An object being read: see [`Reader::object`] and [`Reader::member`].
pub struct Object {
    first: bool,
    /// The member read last, plus one (0 before the first).
    after: u32,
}

fn kind(peek: Peek) -> &'static str {
    match peek {
        Peek::Null => "null",
        Peek::True | Peek::False => "a boolean",
        Peek::String => "a string",
        Peek::Array => "an array",
        Peek::Object => "an object",
        Peek::Number => "a number",
    }
}

impl<'j> Reader<'j> {
    /// Starts reading `text`.
    pub fn new(text: &'j str) -> Self {
        Reader { lx: Lexer::new(text), depth: 0 }
    }

    /// An error at the reader's current position.
    #[cold]
    pub fn error(&self, message: impl ::std::fmt::Display) -> Error {
        Error::at(self.lx.index(), message.to_string())
    }

    /// The error for a [`Stop`] of the lexer.
    #[cold]
    fn lex(&self, _: Stop) -> Error {
        let (index, message) = self.lx.failure();
        Error::at(index, message.to_string())
    }

    #[cold]
    fn invalid_type(&self, peek: Peek, expected: impl ::std::fmt::Display) -> Error {
        self.error(format_args!("invalid type: {}, expected {expected}", kind(peek)))
    }

    /// Fails unless only whitespace is left.
    pub fn finish(&mut self) -> Result<(), Error> {
        self.lx.finish().map_err(|s| self.lex(s))
    }

    /// What the next value is, without reading it.
    #[inline]
    pub fn peek(&mut self) -> Result<Peek, Error> {
        self.lx.peek().map_err(|s| self.lex(s))
    }

    /// Reads a `null` if that is what comes next.
    #[inline]
    pub fn null(&mut self) -> Result<bool, Error> {
        // Anything else (even text that is no value) is for the reader of the value to judge.
        if self.lx.ws() == Some(b'n') {
            self.lx.literal(Peek::Null).map_err(|s| self.lex(s))?;
            return Ok(true);
        }
        Ok(false)
    }

    /// Skips the next value, whatever it is.
    pub fn skip(&mut self) -> Result<(), Error> {
        self.lx.skip(self.depth).map_err(|s| self.lex(s))
    }

    /// Reads the next value as a `serde_json::Value` (documents and unknown union members).
    pub fn value(&mut self) -> Result<::serde_json::Value, Error> {
        self.peek()?;
        let start = self.lx.index();
        self.skip()?;
        ::serde_json::from_str(self.lx.since(start)).map_err(|e| Error::at(start, e.to_string()))
    }

    /// Checks that the next value starts with `byte` (not consumed); the error names what was
    /// `expected` and what came instead.
    #[inline]
    fn starts(&mut self, byte: u8, expected: impl ::std::fmt::Display) -> Result<(), Error> {
        if self.lx.ws() == Some(byte) {
            return Ok(());
        }
        let peek = self.peek()?;
        Err(self.invalid_type(peek, expected))
    }

    /// Reads a string, borrowed from the input where it has no escapes.
    #[inline]
    pub fn str(&mut self) -> Result<&str, Error> {
        self.starts(b'"', "a string")?;
        match self.lx.scan_string() {
            Ok(raw) => Ok(self.lx.text_of(raw)),
            Err(s) => Err(self.lex(s)),
        }
    }

    /// Reads a boolean.
    #[inline]
    pub fn bool(&mut self) -> Result<bool, Error> {
        let peek = self.peek()?;
        match peek {
            Peek::True | Peek::False => self.lx.literal(peek).map(|()| peek == Peek::True).map_err(|s| self.lex(s)),
            _ => Err(self.invalid_type(peek, "a boolean")),
        }
    }

    /// Reads an integer that fits in an `i64`.
    #[inline]
    pub fn i64(&mut self) -> Result<i64, Error> {
        if let Some(v) = self.lx.small_int() {
            return Ok(v);
        }
        let peek = self.peek()?;
        if !peek.is_num() {
            return Err(self.invalid_type(peek, "an integer"));
        }
        let start = self.lx.index();
        let text = self.lx.number().map_err(|s| self.lex(s))?;
        match text.parse::<i64>() {
            Ok(v) => Ok(v),
            Err(_) => Err(Error::at(start, format!("invalid value: {text}, expected an integer in the range of i64"))),
        }
    }

    /// Reads an integer into a narrower type, refusing values out of its range.
    pub fn int<T: ::std::convert::TryFrom<i64>>(&mut self, type_name: &str) -> Result<T, Error> {
        let v = self.i64()?;
        T::try_from(v).map_err(|_| {
            // The number was just read, and a JSON integer is written as `i64`'s `Display` writes
            // it (no `+`, no leading zeros), so it starts this many bytes back, past any whitespace.
            let start = self.lx.index() - v.to_string().len();
            Error::at(start, format!("invalid value: integer `{v}`, expected {type_name}"))
        })
    }

    /// Reads a float: a number, or one of the strings `NaN`, `Infinity` and `-Infinity` (restJson1).
    pub fn f64(&mut self) -> Result<f64, Error> {
        let peek = self.peek()?;
        if peek == Peek::String {
            return match self.str()? {
                "NaN" => Ok(f64::NAN),
                "Infinity" => Ok(f64::INFINITY),
                "-Infinity" => Ok(f64::NEG_INFINITY),
                other => {
                    let msg =
                        format!("invalid value: string {other:?}, expected a float (a number, or \"NaN\", \"Infinity\" or \"-Infinity\")");
                    Err(self.error(msg))
                }
            };
        }
        if !peek.is_num() {
            return Err(self.invalid_type(peek, "a float"));
        }
        let start = self.lx.index();
        let text = self.lx.number().map_err(|s| self.lex(s))?;
        text.parse::<f64>().map_err(|e| Error::at(start, format!("invalid value: {text}: {e}")))
    }

    /// The text of the next number as written (big numbers, epoch seconds).
    pub fn number_text(&mut self, expected: &str) -> Result<&str, Error> {
        let peek = self.peek()?;
        if !peek.is_num() {
            return Err(self.invalid_type(peek, expected));
        }
        self.lx.number().map_err(|s| self.lex(s))
    }

    /// Starts reading an object; `expected` names it in the error if the next value is not one.
    pub fn object(&mut self, expected: impl ::std::fmt::Display) -> Result<Object, Error> {
        self.starts(b'{', expected)?;
        self.enter()?;
        self.lx.bump();
        Ok(Object { first: true, after: 0 })
    }

    #[inline]
    fn enter(&mut self) -> Result<(), Error> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(self.error(format_args!("nested deeper than {MAX_DEPTH} levels")));
        }
        Ok(())
    }

    /// Reads the next key of an object into the lexer; `false` at the end of the object.
    #[inline]
    fn next_key(&mut self, object: &mut Object) -> Result<bool, Error> {
        let first = ::std::mem::replace(&mut object.first, false);
        match self.lx.key(first) {
            Ok(true) => Ok(true),
            Ok(false) => {
                self.depth -= 1;
                Ok(false)
            }
            Err(s) => Err(self.lex(s)),
        }
    }

    /// The next key of an object, or `None` at its end. The value is read next.
    #[inline]
    pub fn key(&mut self, object: &mut Object) -> Result<Option<&str>, Error> {
        Ok(if self.next_key(object)? { Some(self.lx.key_text()) } else { None })
    }

    /// The next key of an object as its index in `names` (`names.len()` for a key not there), or
    /// `None` at the end of the object. `order` is the type's [`Order`], one longer than `names`.
    ///
    /// Forced inline into each structure's reader in optimised builds (LLVM leaves it out of line,
    /// and the call costs about a tenth of reading a response); not in debug builds, which are
    /// about compile time.
    #[cfg_attr(debug_assertions, inline)]
    #[cfg_attr(not(debug_assertions), inline(always))]
    pub fn member(
        &mut self,
        object: &mut Object,
        names: &[&str],
        order: &[::std::sync::atomic::AtomicU16],
    ) -> Result<Option<usize>, Error> {
        // The end of the object, and the member that followed last time, written compactly
        // (`"Name":` first, `,"Name":` after), are checked here; the rest is left to `member_slow`.
        if self.lx.byte_at(self.lx.index()) == Some(b'}') {
            self.lx.bump();
            self.depth -= 1;
            object.first = false;
            return Ok(None);
        }
        let learned = order.get(object.after as usize).map(|o| o.load(::std::sync::atomic::Ordering::Relaxed) as usize);
        if let Some((next, name)) = learned.and_then(|next| Some((next, names.get(next)?))) {
            let at = self.lx.index();
            let quote = if object.first { Some(at) } else { (self.lx.byte_at(at) == Some(b',')).then_some(at + 1) };
            if quote.is_some_and(|quote| self.lx.key_is(quote, name.as_bytes())) {
                object.first = false;
                object.after = next as u32 + 1;
                return Ok(Some(next));
            }
        }
        self.member_slow(object, names, order)
    }

    /// [`Reader::member`] for whatever its quick checks leave: whitespace, a key other than the
    /// expected one (scanned and looked up, then learned), malformed text.
    #[inline(never)]
    fn member_slow(
        &mut self,
        object: &mut Object,
        names: &[&str],
        order: &[::std::sync::atomic::AtomicU16],
    ) -> Result<Option<usize>, Error> {
        use ::std::sync::atomic::Ordering::Relaxed;
        let learned = order.get(object.after as usize);
        if !self.next_key(object)? {
            return Ok(None);
        }
        // Keys are compared as written; only a key with an escape is decoded first.
        let found = if self.lx.key_escaped() {
            let text = self.lx.key_text();
            names.iter().position(|n| *n == text)
        } else {
            let bytes = self.lx.key_bytes();
            names.iter().position(|n| same(n.as_bytes(), bytes))
        };
        match found {
            Some(i) => {
                // Only a name matched as written is learned: `Lexer::key_is` relies on the name
                // having no quote, backslash or control character. Written only when it changes
                // (the order is shared by every thread reading the type).
                if let (Some(o), false) = (learned, self.lx.key_escaped()) {
                    if o.load(Relaxed) != i as u16 {
                        o.store(i as u16, Relaxed);
                    }
                }
                object.after = i as u32 + 1;
                Ok(Some(i))
            }
            None => Ok(Some(names.len())),
        }
    }

    /// Reads a member's value into its slot; a member given twice is an error.
    pub fn slot<T: FromJson>(&mut self, slot: &mut Option<T>, name: &str) -> Result<(), Error> {
        if slot.is_some() {
            return Err(self.duplicate(name));
        }
        *slot = Some(T::read_json(self)?);
        Ok(())
    }

    /// The error for a member given twice.
    pub fn duplicate(&self, name: &str) -> Error {
        self.error(format_args!("duplicate field `{name}`"))
    }

    /// The error for a required member that is absent.
    pub fn missing(&self, name: &str) -> Error {
        self.error(format_args!("missing field `{name}`"))
    }

    /// Starts reading an array: `None` if it is empty, else reads its elements with
    /// [`Reader::next_element`].
    #[inline]
    pub fn array(&mut self, expected: &str) -> Result<bool, Error> {
        self.starts(b'[', expected)?;
        self.enter()?;
        match self.lx.open_array() {
            Ok(true) => Ok(true),
            Ok(false) => {
                self.depth -= 1;
                Ok(false)
            }
            Err(s) => Err(self.lex(s)),
        }
    }

    /// After an element: whether another follows.
    #[inline]
    pub fn next_element(&mut self) -> Result<bool, Error> {
        match self.lx.array_step() {
            Ok(true) => Ok(true),
            Ok(false) => {
                self.depth -= 1;
                Ok(false)
            }
            Err(s) => Err(self.lex(s)),
        }
    }
}

impl FromJson for String {
    fn read_json(r: &mut Reader<'_>) -> Result<Self, Error> {
        r.str().map(str::to_string)
    }
}

impl FromJson for bool {
    fn read_json(r: &mut Reader<'_>) -> Result<Self, Error> {
        r.bool()
    }
}

impl FromJson for i64 {
    fn read_json(r: &mut Reader<'_>) -> Result<Self, Error> {
        r.i64()
    }
}

impl FromJson for i32 {
    fn read_json(r: &mut Reader<'_>) -> Result<Self, Error> {
        r.int("i32")
    }
}

impl FromJson for i16 {
    fn read_json(r: &mut Reader<'_>) -> Result<Self, Error> {
        r.int("i16")
    }
}

impl FromJson for i8 {
    fn read_json(r: &mut Reader<'_>) -> Result<Self, Error> {
        r.int("i8")
    }
}

impl FromJson for f64 {
    fn read_json(r: &mut Reader<'_>) -> Result<Self, Error> {
        r.f64()
    }
}

impl FromJson for f32 {
    fn read_json(r: &mut Reader<'_>) -> Result<Self, Error> {
        r.f64().map(|v| v as f32)
    }
}

impl FromJson for ::serde_json::Value {
    fn read_json(r: &mut Reader<'_>) -> Result<Self, Error> {
        r.value()
    }
}

impl FromJson for ::serde_json::Number {
    fn read_json(r: &mut Reader<'_>) -> Result<Self, Error> {
        let text = r.number_text("a number")?.to_string();
        ::serde_json::from_str(&text).map_err(|e| r.error(e))
    }
}

impl<T: FromJson> FromJson for Option<T> {
    #[inline]
    fn read_json(r: &mut Reader<'_>) -> Result<Self, Error> {
        if r.null()? {
            Ok(None)
        } else {
            T::read_json(r).map(Some)
        }
    }
}

impl<T: FromJson> FromJson for ::std::boxed::Box<T> {
    #[inline]
    fn read_json(r: &mut Reader<'_>) -> Result<Self, Error> {
        T::read_json(r).map(::std::boxed::Box::new)
    }
}

impl<T: FromJson> FromJson for Vec<T> {
    fn read_json(r: &mut Reader<'_>) -> Result<Self, Error> {
        let mut items = Vec::new();
        let mut more = r.array("an array")?;
        let mut slot = None;
        while more {
            T::read_into(r, &mut slot)?;
            items.extend(slot.take());
            more = r.next_element()?;
        }
        Ok(items)
    }
}

/// Map keys: strings, or string enums (both are `From<&str>`).
impl<K, T> FromJson for ::std::collections::HashMap<K, T>
where
    K: for<'a> ::std::convert::From<&'a str> + ::std::cmp::Eq + ::std::hash::Hash,
    T: FromJson,
{
    fn read_json(r: &mut Reader<'_>) -> Result<Self, Error> {
        let mut map = ::std::collections::HashMap::new();
        let mut object = r.object("a map")?;
        while let Some(key) = r.key(&mut object)? {
            let key = K::from(key);
            map.insert(key, T::read_json(r)?);
        }
        Ok(map)
    }
}

/// Implemented by every generated union, so that one generic function ([`read_union`]) reads
/// them all.
pub trait Union: Sized {
    /// The union's shape name, for error messages.
    const NAME: &'static str;
    /// The members' JSON names, in the order [`Union::read_member`] numbers them.
    const MEMBERS: &'static [&'static str];
    /// Reads the value of member `index` into `slot` (in place: unions can be large); `false`
    /// when the value is `null`.
    fn read_member(index: usize, r: &mut Reader<'_>, slot: &mut Option<Self>) -> Result<bool, Error>;
    /// The union's [`Order`]: the member read last is the one expected next.
    fn order() -> &'static [::std::sync::atomic::AtomicU16];
    /// Wraps a member this crate does not know.
    fn unknown(member: super::UnknownMember) -> Self;
}

/// Reads a union: a JSON object with exactly one non-null member. `__type` is ignored, as restJson1
/// requires; a member this crate does not know is kept with its raw value.
pub fn read_union<T: Union>(r: &mut Reader<'_>) -> Result<T, Error> {
    let mut slot = None;
    read_union_into(r, &mut slot)?;
    slot.ok_or_else(|| no_member::<T>(r))
}

fn no_member<T: Union>(r: &Reader<'_>) -> Error {
    r.error(format_args!("union {} has no member set", T::NAME))
}

/// [`read_union`] into a slot, empty on entry and set on success.
pub fn read_union_into<T: Union>(r: &mut Reader<'_>, slot: &mut Option<T>) -> Result<(), Error> {
    // The member set first: its index, and its name when this crate does not know it.
    let mut first: Option<(usize, Option<String>)> = None;
    let mut object = r.object(format_args!("union {}: an object with one member set", T::NAME))?;
    loop {
        let (index, unknown_name) = match r.member(&mut object, T::MEMBERS, T::order())? {
            None => break,
            Some(i) if i < T::MEMBERS.len() => (i, None),
            Some(_) => match r.lx.key_text() {
                "__type" => {
                    r.skip()?;
                    continue;
                }
                k => (T::MEMBERS.len(), Some(k.to_string())),
            },
        };
        if let Some((first_index, first_unknown)) = &first {
            // A second member: an error unless its value is null.
            let mut second = None;
            let set = match &unknown_name {
                None => T::read_member(index, r, &mut second)?,
                Some(_) => !r.value()?.is_null(),
            };
            if set {
                let name = |i: usize, unknown: &Option<String>| unknown.clone().unwrap_or_else(|| T::MEMBERS[i].to_string());
                let (a, b) = (name(*first_index, first_unknown), name(index, &unknown_name));
                return Err(r.error(format_args!("union {} has more than one member set ({a}, {b})", T::NAME)));
            }
            continue;
        }
        let set = match &unknown_name {
            None => T::read_member(index, r, slot)?,
            Some(n) => match r.value()? {
                ::serde_json::Value::Null => false,
                value => {
                    *slot = Some(T::unknown(super::UnknownMember::new(n.clone(), value)));
                    true
                }
            },
        };
        if set {
            first = Some((index, unknown_name));
        }
    }
    match slot {
        Some(_) => Ok(()),
        None => Err(no_member::<T>(r)),
    }
}

/// Reads a string enum without allocating for a known value.
pub fn read_enum<T: for<'a> ::std::convert::From<&'a str>>(r: &mut Reader<'_>) -> Result<T, Error> {
    r.str().map(T::from)
}
#[cfg(test)]
mod tests {
    use super::*;
    use ::serde_json::json;
    use ::std::collections::HashMap;
    use ::std::sync::atomic::AtomicU16;

    fn message<T: FromJson + ::std::fmt::Debug>(text: &str) -> String {
        from_str::<T>(text).unwrap_err().to_string()
    }

    /// A structure with a required and an optional member, read the way generated code reads one.
    #[derive(Debug, PartialEq)]
    struct Point {
        x: i64,
        name: Option<String>,
    }

    static POINT_ORDER: Order<3> = order();

    impl FromJson for Point {
        fn read_json(r: &mut Reader<'_>) -> Result<Self, Error> {
            let (mut x, mut name) = (None, None);
            let mut object = r.object("struct Point")?;
            while let Some(i) = r.member(&mut object, &["x", "name"], &POINT_ORDER)? {
                match i {
                    0 => r.slot(&mut x, "x")?,
                    1 => r.slot(&mut name, "name")?,
                    _ => r.skip()?,
                }
            }
            let x = x.ok_or_else(|| r.missing("x"))?;
            Ok(Point { x, name: name.flatten() })
        }
    }

    /// A union with two known members.
    #[derive(Debug, PartialEq)]
    enum Shape {
        Circle(i64),
        Label(String),
        Unknown(super::super::UnknownMember),
    }

    static SHAPE_ORDER: Order<3> = order();

    impl Union for Shape {
        const NAME: &'static str = "Shape";
        const MEMBERS: &'static [&'static str] = &["circle", "label"];
        fn read_member(index: usize, r: &mut Reader<'_>, slot: &mut Option<Self>) -> Result<bool, Error> {
            *slot = match index {
                0 => Option::<i64>::read_json(r)?.map(Shape::Circle),
                _ => Option::<String>::read_json(r)?.map(Shape::Label),
            };
            Ok(slot.is_some())
        }
        fn order() -> &'static [AtomicU16] {
            &SHAPE_ORDER
        }
        fn unknown(member: super::super::UnknownMember) -> Self {
            Shape::Unknown(member)
        }
    }

    impl FromJson for Shape {
        fn read_json(r: &mut Reader<'_>) -> Result<Self, Error> {
            read_union(r)
        }
    }

    /// A string enum with one known value.
    #[derive(Debug, PartialEq, Eq, Hash)]
    enum Color {
        Red,
        Unknown(super::super::UnknownVariantValue),
    }

    impl From<&str> for Color {
        fn from(s: &str) -> Self {
            match s {
                "RED" => Color::Red,
                other => Color::Unknown(super::super::UnknownVariantValue(other.to_string())),
            }
        }
    }

    impl FromJson for Color {
        fn read_json(r: &mut Reader<'_>) -> Result<Self, Error> {
            read_enum(r)
        }
    }

    /// Arrays nested in arrays, read through the typed reader (not skipped).
    #[derive(Debug)]
    struct Nest(Vec<Nest>);

    impl Nest {
        /// How many arrays deep it goes.
        fn depth(&self) -> usize {
            1 + self.0.iter().map(Nest::depth).max().unwrap_or(0)
        }
    }

    impl FromJson for Nest {
        fn read_json(r: &mut Reader<'_>) -> Result<Self, Error> {
            Vec::read_json(r).map(Nest)
        }
    }

    #[test]
    fn integers_read_like_serde_json_up_to_the_i64_edges() {
        for text in [
            "0",
            " 42 ",
            "123456789012345678",
            "-123456789012345678",
            "1234567890123456789",
            "9223372036854775807",
            "-9223372036854775808",
            "9223372036854775808",
            "-9223372036854775809",
            "99999999999999999999999",
            "01",
            "1.0",
            "1e2",
            "-",
            "\"1\"",
        ] {
            let ours = from_str::<i64>(text).ok();
            let theirs = ::serde_json::from_str::<i64>(text).ok();
            assert_eq!(ours, theirs, "{text:?}");
        }
        // serde_json reads `-0` as a float; here it is the integer 0.
        assert_eq!(from_str::<i64>("-0"), Ok(0));
        assert_eq!(from_str::<i64>("-9223372036854775808"), Ok(i64::MIN));
        assert_eq!(from_str::<i64>("9223372036854775807"), Ok(i64::MAX));
        assert_eq!(
            message::<i64>("9223372036854775808"),
            "invalid value: 9223372036854775808, expected an integer in the range of i64 at line 1 column 1"
        );
        assert_eq!(message::<i64>("[1.5]"), "invalid type: an array, expected an integer at line 1 column 1");
        assert_eq!(message::<i64>("1.5"), "invalid value: 1.5, expected an integer in the range of i64 at line 1 column 1");
        assert_eq!(message::<i64>("\"1\""), "invalid type: a string, expected an integer at line 1 column 1");
    }

    #[test]
    fn narrow_integers_refuse_values_out_of_range() {
        assert_eq!(from_str::<i8>("-128"), Ok(i8::MIN));
        assert_eq!(from_str::<i8>("127"), Ok(i8::MAX));
        assert_eq!(message::<i8>("128"), "invalid value: integer `128`, expected i8 at line 1 column 1");
        assert_eq!(from_str::<i16>("-32768"), Ok(i16::MIN));
        assert_eq!(message::<i16>("-32769"), "invalid value: integer `-32769`, expected i16 at line 1 column 1");
        assert_eq!(from_str::<i32>("2147483647"), Ok(i32::MAX));
        assert_eq!(message::<Vec<i32>>("[1,2147483648]"), "invalid value: integer `2147483648`, expected i32 at $[1] (line 1 column 4)");
        assert_eq!(
            message::<Vec<i32>>("[1,  -2147483649]"),
            "invalid value: integer `-2147483649`, expected i32 at $[1] (line 1 column 6)"
        );
    }

    #[test]
    fn floats_read_numbers_and_the_three_special_strings() {
        for text in ["0", "-0.0", "1.5", "-1.5e-10", "1e308", "5e-324", "2.2250738585072014e-308", "1.7976931348623157e308", "123456789"] {
            let ours = from_str::<f64>(text).unwrap();
            let theirs = ::serde_json::from_str::<f64>(text).unwrap();
            assert_eq!(ours.to_bits(), theirs.to_bits(), "{text:?}");
        }
        assert!(from_str::<f64>("\"NaN\"").unwrap().is_nan());
        assert_eq!(from_str::<f64>("\"Infinity\""), Ok(f64::INFINITY));
        assert_eq!(from_str::<f64>("\"-Infinity\""), Ok(f64::NEG_INFINITY));
        assert_eq!(from_str::<f32>("\"-Infinity\""), Ok(f32::NEG_INFINITY));
        assert_eq!(from_str::<f32>("0.1"), Ok(0.1f32));
        assert_eq!(
            message::<f64>("\"nan\""),
            "invalid value: string \"nan\", expected a float (a number, or \"NaN\", \"Infinity\" or \"-Infinity\") at line 1 column 6"
        );
        assert_eq!(message::<f64>("true"), "invalid type: a boolean, expected a float at line 1 column 1");
        assert_eq!(message::<f64>("1."), "invalid number at line 1 column 3");
    }

    #[test]
    fn strings_read_like_serde_json() {
        for text in [r#""""#, r#""plain""#, r#""tab\there\u00e9\ud83d\ude00\\\/\"""#, "\"é😀\"", r#""\u0000""#] {
            let ours: String = from_str(text).unwrap();
            let theirs: String = ::serde_json::from_str(text).unwrap();
            assert_eq!(ours, theirs, "{text:?}");
        }
        assert_eq!(message::<String>(r#""\ud800""#), "lone surrogate in hex escape at line 1 column 2");
        assert_eq!(message::<String>("null"), "invalid type: null, expected a string at line 1 column 1");
        assert_eq!(from_str::<Option<String>>(" null "), Ok(None));
        assert_eq!(from_str::<Option<String>>(r#""a""#), Ok(Some("a".to_string())));
        assert_eq!(from_str::<bool>(" true"), Ok(true));
        assert_eq!(message::<bool>("0"), "invalid type: a number, expected a boolean at line 1 column 1");
    }

    #[test]
    fn errors_are_located_by_line_and_column() {
        let text = "[1,\n 2,\n  x]";
        let error = from_str::<Vec<i64>>(text).unwrap_err();
        assert_eq!(error.message(), "expected value");
        assert_eq!(error.offset(), 10);
        assert_eq!(error.position(), Some((3, 3)));
        assert_eq!(error.path(), Some("$[2]"));
        assert_eq!(error.to_string(), "expected value at $[2] (line 3 column 3)");
        // Before `locate`, only the byte offset is known.
        let mut r = Reader::new("  [");
        r.peek().unwrap();
        let error = r.error("something");
        assert_eq!(error.position(), None);
        assert_eq!(error.to_string(), "something at byte 2");
        assert_eq!(error.locate(b"  [").to_string(), "something at line 1 column 3");
    }

    #[test]
    fn errors_name_the_path_of_the_value_that_failed() {
        type Summaries = HashMap<String, Vec<HashMap<String, i64>>>;
        let text = r#"{"InstanceSummaryList":[{"Id":1,"CreatedTime":2},{"Id":3,"CreatedTime":"x"}]}"#;
        let error = from_str::<Summaries>(text).unwrap_err();
        assert_eq!(error.path(), Some("$.InstanceSummaryList[1].CreatedTime"));
        assert_eq!(
            error.to_string(),
            "invalid type: a string, expected an integer at $.InstanceSummaryList[1].CreatedTime (line 1 column 72)"
        );
        // Nested objects; keys that are not identifiers are quoted as JSON strings.
        let nested = r#"{"outer": {"two words": {"x": 1}, "a\"b": {"x": true}}}"#;
        assert_eq!(
            message::<HashMap<String, HashMap<String, Point>>>(nested),
            r#"invalid type: a boolean, expected an integer at $.outer["a\"b"].x (line 1 column 49)"#
        );
        assert_eq!(
            message::<HashMap<String, Point>>(r#"{"two words": {"x": null}}"#),
            r#"invalid type: null, expected an integer at $["two words"].x (line 1 column 21)"#
        );
        // Quotes, brackets and commas inside strings read before the error do not count.
        let strings = r#"[{"x": 1, "name": "say \"[,{\" \u0022"}, {"name": "\\", "x": "2"}]"#;
        assert_eq!(message::<Vec<Point>>(strings), "invalid type: a string, expected an integer at $[1].x (line 1 column 62)");
        // At the root there is no path, and the message is as it was.
        let error = from_str::<Vec<Point>>(r#"{"x": 1}"#).unwrap_err();
        assert_eq!(error.path(), None);
        assert_eq!(error.to_string(), "invalid type: an object, expected an array at line 1 column 1");
        assert_eq!(message::<Point>(r#"{"name": "p\""}"#), "missing field `x` at line 1 column 16");
    }

    #[test]
    fn trailing_text_and_truncation_are_refused() {
        assert_eq!(message::<i64>("1 x"), "trailing characters at line 1 column 3");
        assert_eq!(message::<Vec<i64>>("[1, 2"), "EOF while parsing a list at $[1] (line 1 column 6)");
        assert_eq!(message::<Point>(r#"{"x": 1"#), "EOF while parsing an object at $.x (line 1 column 8)");
        assert_eq!(message::<String>(r#""abc"#), "EOF while parsing a string at line 1 column 5");
        assert_eq!(message::<Point>(""), "EOF while parsing a value at line 1 column 1");
    }

    #[test]
    fn invalid_utf8_is_refused_where_it_starts() {
        let error = from_slice::<String>(b"\"ab\xff\"").unwrap_err();
        assert_eq!(error.message(), "invalid UTF-8");
        assert_eq!(error.offset(), 3);
        assert_eq!(error.to_string(), "invalid UTF-8 at line 1 column 4");
        // A truncated multi-byte character on the second line.
        let error = from_slice::<Vec<String>>(b"[\n\"\xc3\xa9\xe2\x82\"]").unwrap_err();
        assert_eq!((error.offset(), error.position()), (5, Some((2, 3))));
        assert_eq!(from_slice::<String>("\"é\"".as_bytes()), Ok("é".to_string()));
    }

    #[test]
    fn structures_read_members_in_any_order_and_skip_unknown_ones() {
        let expected = Point { x: 5, name: Some("p".to_string()) };
        for text in [
            r#"{"x":5,"name":"p"}"#,
            r#"{"name":"p","x":5}"#,
            r#"{"x":5,"name":"p"}"#,
            "{ \"x\" : 5 ,\n \"name\" : \"p\" }",
            r#"{"extra":{"deep":[1,{"x":9}],"s":"}"},"x":5,"more":null,"name":"p","last":[]}"#,
            r#"{"\u0078":5,"na\u006De":"p"}"#,
        ] {
            assert_eq!(from_str::<Point>(text).as_ref(), Ok(&expected), "{text:?}");
        }
        assert_eq!(from_str::<Point>(r#"{"x":-1,"name":null}"#), Ok(Point { x: -1, name: None }));
        assert_eq!(from_str::<Vec<Point>>(r#"[{"x":1},{"x":2,"name":"b"}]"#).unwrap().len(), 2);
        assert_eq!(message::<Point>(r#"{"x":1,"x":2}"#), "duplicate field `x` at $.x (line 1 column 12)");
        assert_eq!(message::<Point>(r#"{"name":"p"}"#), "missing field `x` at line 1 column 13");
        assert_eq!(message::<Point>("[]"), "invalid type: an array, expected struct Point at line 1 column 1");
        assert_eq!(message::<Point>(r#"{"x":1,}"#), "key must be a string at line 1 column 8");
        assert_eq!(message::<Point>(r#"{"x":1 "name":"p"}"#), "expected `,` or `}` at $.x (line 1 column 8)");
        assert_eq!(message::<Point>(r#"{"x":1, "other":[1,]}"#), "expected value at $.other[1] (line 1 column 20)");
    }

    #[test]
    fn unions_keep_one_member_and_unknown_members_raw() {
        assert_eq!(from_str::<Shape>(r#"{"circle":3}"#), Ok(Shape::Circle(3)));
        assert_eq!(from_str::<Shape>(r#"{"__type":"com#Shape","label":"a"}"#), Ok(Shape::Label("a".to_string())));
        assert_eq!(from_str::<Shape>(r#"{"circle":null,"label":"a"}"#), Ok(Shape::Label("a".to_string())));
        assert_eq!(from_str::<Shape>(r#"{"circle":1,"future":null}"#), Ok(Shape::Circle(1)));
        let unknown = from_str::<Shape>(r#"{"future": {"a": [1, "x"]}}"#).unwrap();
        let Shape::Unknown(member) = unknown else { panic!("{unknown:?}") };
        assert_eq!(member.name(), "future");
        assert_eq!(member.value(), &json!({"a": [1, "x"]}));

        assert_eq!(
            message::<Shape>(r#"{"circle":1,"label":"a"}"#),
            "union Shape has more than one member set (circle, label) at $.label (line 1 column 24)"
        );
        assert_eq!(
            message::<Shape>(r#"{"circle":1,"future":2}"#),
            "union Shape has more than one member set (circle, future) at $.future (line 1 column 23)"
        );
        assert_eq!(
            message::<Shape>(r#"{"future":1,"circle":2}"#),
            "union Shape has more than one member set (future, circle) at $.circle (line 1 column 23)"
        );
        assert_eq!(message::<Shape>("{}"), "union Shape has no member set at line 1 column 3");
        assert_eq!(message::<Shape>(r#"{"circle":null}"#), "union Shape has no member set at line 1 column 16");
        assert_eq!(
            message::<Shape>("[1]"),
            "invalid type: an array, expected union Shape: an object with one member set at line 1 column 1"
        );
    }

    #[test]
    fn enums_keep_unknown_values() {
        assert_eq!(from_str::<Color>(r#""RED""#), Ok(Color::Red));
        let unknown = from_str::<Color>(r#""PURPLE""#).unwrap();
        let Color::Unknown(value) = &unknown else { panic!("{unknown:?}") };
        assert_eq!(value.as_str(), "PURPLE");
        assert_eq!(message::<Color>("1"), "invalid type: a number, expected a string at line 1 column 1");
        // Enum values as map keys.
        let map: HashMap<Color, i64> = from_str(r#"{"RED":1,"NEW":2}"#).unwrap();
        assert_eq!(map.get(&Color::Red), Some(&1));
        assert_eq!(map.get(&Color::from("NEW")), Some(&2));
    }

    #[test]
    fn collections_and_documents_read_like_serde_json() {
        let map: HashMap<String, Vec<Option<i64>>> = from_str(r#"{"a":[1,null,3],"b":[],"a\"b":[0]}"#).unwrap();
        assert_eq!(map.len(), 3);
        assert_eq!(map["a"], vec![Some(1), None, Some(3)]);
        assert_eq!(map["a\"b"], vec![Some(0)]);
        let document = r#"{"s":"\u00e9","n":[1,-2.5,1e3,12345678901234567890],"o":{"t":true,"f":false,"z":null}}"#;
        let ours: ::serde_json::Value = from_str(document).unwrap();
        assert_eq!(ours, ::serde_json::from_str::<::serde_json::Value>(document).unwrap());
        assert_eq!(from_value::<HashMap<String, i64>>(json!({"k": 7})).unwrap()["k"], 7);
        let number: ::serde_json::Number = from_str("12345678901234567890").unwrap();
        assert_eq!(number.as_u64(), Some(12_345_678_901_234_567_890));
        assert_eq!(message::<::serde_json::Number>("\"1\""), "invalid type: a string, expected a number at line 1 column 1");
        assert_eq!(message::<HashMap<String, i64>>("[]"), "invalid type: an array, expected a map at line 1 column 1");
    }

    #[test]
    fn nesting_past_max_depth_is_refused() {
        let arrays = |n: usize| format!("{}{}", "[".repeat(n), "]".repeat(n));
        assert_eq!(from_str::<Nest>(&arrays(MAX_DEPTH as usize)).map(|n| n.depth()), Ok(128));
        assert_eq!(from_str::<Nest>("[[],[[[]]],[]]").map(|n| n.depth()), Ok(4));
        let error = from_str::<Nest>(&arrays(MAX_DEPTH as usize + 1)).unwrap_err();
        assert_eq!((error.message(), error.offset()), ("nested deeper than 128 levels", 128));
        // Skipped values (inside a structure) count the levels around them too.
        let deep = |n: usize| format!(r#"{{"x":1,"skip":{}}}"#, arrays(n));
        assert!(from_str::<Point>(&deep(MAX_DEPTH as usize - 1)).is_ok());
        let error = from_str::<Point>(&deep(MAX_DEPTH as usize)).unwrap_err();
        assert_eq!((error.message(), error.offset()), ("nested deeper than 128 levels", 14 + 127));
        let error = from_str::<::serde_json::Value>(&"[".repeat(100_000)).unwrap_err();
        assert_eq!(error.message(), "nested deeper than 128 levels");
    }
}
