//! Reading the generated types from their JSON wire form.
//!
//! One non-generic pull reader ([`Reader`], over the lexer in `rt::lex`) and one [`FromJson`] impl
//! per type: each type's reading code is compiled once, not once per serde deserializer, and
//! strings are matched where they lie in the input. Entry points: [`from_slice`], [`from_str`],
//! [`from_value`].

use super::lex::{Lexer, MAX_DEPTH, Stop, same};
pub use super::lex::Peek;
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
}

impl Error {
    #[cold]
    fn at(index: usize, message: String) -> Self {
        Error(::std::boxed::Box::new(ErrorDetail { message, index, position: None }))
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
    /// Works out the line and column in `input`, the text that was read.
    pub fn locate(mut self, input: &[u8]) -> Self {
        self.0.position = Some(super::lex::line_column(input, self.0.index));
        self
    }
}

impl ::std::fmt::Display for Error {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        match self.0.position {
            Some((line, column)) => write!(f, "{} at line {line} column {column}", self.0.message),
            None => write!(f, "{} at byte {}", self.0.message, self.0.index),
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
        let start = self.lx.index();
        let v = self.i64()?;
        T::try_from(v).map_err(|_| Error::at(start, format!("invalid value: integer `{v}`, expected {type_name}")))
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
                    let msg = format!("invalid value: string {other:?}, expected a float (a number, or \"NaN\", \"Infinity\" or \"-Infinity\")");
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
    pub fn member(&mut self, object: &mut Object, names: &[&str], order: &[::std::sync::atomic::AtomicU16]) -> Result<Option<usize>, Error> {
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
    fn member_slow(&mut self, object: &mut Object, names: &[&str], order: &[::std::sync::atomic::AtomicU16]) -> Result<Option<usize>, Error> {
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
        if r.null()? { Ok(None) } else { T::read_json(r).map(Some) }
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
    fn unknown(member: crate::rt::UnknownMember) -> Self;
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
                    *slot = Some(T::unknown(crate::rt::UnknownMember::new(n.clone(), value)));
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
