//! The JSON lexer under [`super::json::Reader`].
//!
//! Written for this one job rather than taken from a parser crate: the text is checked as UTF-8
//! once, up front (so strings need no check of their own and are borrowed where they have no
//! escapes), strings are scanned eight bytes at a time, and object keys are handed over as written
//! so that the generated readers match them without decoding. Skipping a 35 KB response body it
//! measured about twice as fast as `jiter`. Everything RFC 8259 refuses is refused here too.

use ::std::option::Option::{self, None, Some};
use ::std::result::Result::{self, Err, Ok};
use ::std::string::String;

/// Objects and arrays nested deeper than this are refused (a hostile body cannot exhaust the stack).
pub const MAX_DEPTH: u32 = 128;

/// A failed read; what is wrong, and where, is kept by the lexer ([`Lexer::failure`]) so that
/// results stay small enough to travel in registers.
#[derive(Debug)]
pub struct Stop;

type R<T> = Result<T, Stop>;

/// What the next value is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Peek {
    /// `null`
    Null,
    /// `true`
    True,
    /// `false`
    False,
    /// A number.
    Number,
    /// A string.
    String,
    /// An array.
    Array,
    /// An object.
    Object,
}

impl Peek {
    /// Whether the next value is a number.
    pub fn is_num(self) -> bool {
        self == Peek::Number
    }
}

/// A string as written: the bytes between its quotes, and whether they hold an escape.
#[derive(Clone, Copy)]
pub struct RawStr {
    start: usize,
    end: usize,
    escaped: bool,
}

const LO: u64 = 0x0101_0101_0101_0101;
const HI: u64 = 0x8080_8080_8080_8080;

/// The high bit of each byte of `w` that is `"`, `\` or a control character. Only the lowest one
/// is exact (a borrow can flag a byte above it), which is all the scan uses.
#[inline(always)]
fn specials(w: u64) -> u64 {
    let quote = w ^ (LO * u64::from(b'"'));
    let backslash = w ^ (LO * u64::from(b'\\'));
    let zero_in = |x: u64| x.wrapping_sub(LO) & !x;
    (zero_in(quote) | zero_in(backslash) | (w.wrapping_sub(LO * 0x20) & !w)) & HI
}

/// Byte equality for member names, without a `memcmp` call for the short ones most names are.
#[inline(always)]
pub fn same(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let n = a.len();
    let u64_at = |s: &[u8], at: usize| s.get(at..at + 8).map(|w| u64::from_le_bytes([w[0], w[1], w[2], w[3], w[4], w[5], w[6], w[7]]));
    let u32_at = |s: &[u8], at: usize| s.get(at..at + 4).map(|w| u32::from_le_bytes([w[0], w[1], w[2], w[3]]));
    let u16_at = |s: &[u8], at: usize| s.get(at..at + 2).map(|w| u16::from_le_bytes([w[0], w[1]]));
    // Two overlapping loads cover lengths from one load's size to twice that.
    match n {
        0 => true,
        1 => a[0] == b[0],
        2..=3 => u16_at(a, 0) == u16_at(b, 0) && u16_at(a, n - 2) == u16_at(b, n - 2),
        4..=7 => u32_at(a, 0) == u32_at(b, 0) && u32_at(a, n - 4) == u32_at(b, n - 4),
        8..=16 => u64_at(a, 0) == u64_at(b, 0) && u64_at(a, n - 8) == u64_at(b, n - 8),
        _ => a == b,
    }
}

pub struct Lexer<'j> {
    text: &'j str,
    bytes: &'j [u8],
    pos: usize,
    /// The last key read (see [`Lexer::key`]).
    key: RawStr,
    /// Decoded text of the last string that had escapes.
    scratch: String,
    /// What the last [`Stop`] was about: the byte offset and the problem.
    failure: ::std::cell::Cell<(usize, &'static str)>,
}

impl<'j> Lexer<'j> {
    pub fn new(text: &'j str) -> Self {
        let failure = ::std::cell::Cell::new((0, ""));
        Lexer { text, bytes: text.as_bytes(), pos: 0, key: RawStr { start: 0, end: 0, escaped: false }, scratch: String::new(), failure }
    }

    #[cold]
    fn fail<T>(&self, index: usize, message: &'static str) -> R<T> {
        self.failure.set((index, message));
        Err(Stop)
    }

    /// Where the last read stopped and why.
    pub fn failure(&self) -> (usize, &'static str) {
        self.failure.get()
    }

    /// The byte offset of the next unread byte.
    pub fn index(&self) -> usize {
        self.pos
    }

    /// The text from `start` to the current position.
    pub fn since(&self, start: usize) -> &'j str {
        self.text.get(start..self.pos).unwrap_or("")
    }

    /// Skips whitespace; the next byte, not consumed.
    #[inline(always)]
    pub fn ws(&mut self) -> Option<u8> {
        loop {
            match self.bytes.get(self.pos) {
                Some(b' ' | b'\n' | b'\r' | b'\t') => self.pos += 1,
                other => return other.copied(),
            }
        }
    }

    #[inline]
    pub fn peek(&mut self) -> R<Peek> {
        match self.ws() {
            Some(b'"') => Ok(Peek::String),
            Some(b'{') => Ok(Peek::Object),
            Some(b'[') => Ok(Peek::Array),
            Some(b'-' | b'0'..=b'9') => Ok(Peek::Number),
            Some(b't') => Ok(Peek::True),
            Some(b'f') => Ok(Peek::False),
            Some(b'n') => Ok(Peek::Null),
            Some(_) => self.fail(self.pos, "expected value"),
            None => self.fail(self.pos, "EOF while parsing a value"),
        }
    }

    /// An integer of at most 18 digits written plainly (`-?(0|[1-9][0-9]*)`, no fraction or
    /// exponent) at the current position, read; `None` (nothing read) for anything else, which
    /// [`Lexer::number`] then reads in full. What follows the number is checked by the next step.
    #[inline]
    pub fn small_int(&mut self) -> Option<i64> {
        let b = self.bytes;
        let negative = self.ws() == Some(b'-');
        let start = self.pos + usize::from(negative);
        let mut i = start;
        let mut v: i64 = 0;
        while let Some(d) = b.get(i).map(|c| c.wrapping_sub(b'0')).filter(|d| *d <= 9) {
            // Wrapping: past 18 digits the value is thrown away below.
            v = v.wrapping_mul(10).wrapping_add(i64::from(d));
            i += 1;
        }
        let digits = i - start;
        if digits == 0 || digits > 18 || (digits > 1 && b[start] == b'0') || matches!(b.get(i), Some(b'.' | b'e' | b'E')) {
            return None;
        }
        self.pos = i;
        Some(if negative { -v } else { v })
    }

    /// Reads `true`, `false` or `null` (after [`Lexer::peek`] said which).
    pub fn literal(&mut self, peek: Peek) -> R<()> {
        let word: &[u8] = match peek {
            Peek::True => b"true",
            Peek::False => b"false",
            _ => b"null",
        };
        if self.bytes[self.pos..].starts_with(word) {
            self.pos += word.len();
            Ok(())
        } else {
            self.fail(self.pos, "expected ident")
        }
    }

    /// Reads a number (after [`Lexer::peek`]); its text as written.
    pub fn number(&mut self) -> R<&'j str> {
        let b = self.bytes;
        let start = self.pos;
        let mut i = start;
        let digits = |mut i: usize| {
            while b.get(i).is_some_and(u8::is_ascii_digit) {
                i += 1;
            }
            i
        };
        if b.get(i) == Some(&b'-') {
            i += 1;
        }
        match b.get(i) {
            Some(b'0') => i += 1,
            Some(b'1'..=b'9') => i = digits(i + 1),
            _ => return self.fail(i, "invalid number"),
        }
        if b.get(i) == Some(&b'.') {
            let after = digits(i + 1);
            if after == i + 1 {
                return self.fail(after, "invalid number");
            }
            i = after;
        }
        if let Some(b'e' | b'E') = b.get(i) {
            i += 1;
            if let Some(b'+' | b'-') = b.get(i) {
                i += 1;
            }
            let after = digits(i);
            if after == i {
                return self.fail(after, "invalid number");
            }
            i = after;
        }
        self.pos = i;
        Ok(self.since(start))
    }

    /// Scans a string whose opening quote is at the current position, checking its escapes and
    /// refusing control characters; leaves the position after the closing quote.
    #[inline]
    pub fn scan_string(&mut self) -> R<RawStr> {
        let b = self.bytes;
        let start = self.pos + 1;
        let mut i = start;
        let mut escaped = false;
        loop {
            while let Some(chunk) = b.get(i..i + 8) {
                let mut word = [0u8; 8];
                word.copy_from_slice(chunk);
                let m = specials(u64::from_le_bytes(word));
                if m != 0 {
                    i += (m.trailing_zeros() / 8) as usize;
                    break;
                }
                i += 8;
            }
            match b.get(i) {
                Some(b'"') => {
                    self.pos = i + 1;
                    return Ok(RawStr { start, end: i, escaped });
                }
                Some(b'\\') => {
                    escaped = true;
                    i += match b.get(i + 1) {
                        Some(b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't') => 2,
                        Some(b'u') => self.unicode_escape(i)?.1,
                        Some(_) => return self.fail(i, "invalid escape"),
                        None => return self.fail(b.len(), "EOF while parsing a string"),
                    };
                }
                Some(c) if *c < 0x20 => return self.fail(i, "control character (\\u0000-\\u001F) found while parsing a string"),
                Some(_) => i += 1,
                None => return self.fail(b.len(), "EOF while parsing a string"),
            }
        }
    }

    /// The text of a scanned string: borrowed when it has no escapes, else decoded (its escapes
    /// were checked by the scan).
    #[inline]
    pub fn text_of(&mut self, raw: RawStr) -> &str {
        if !raw.escaped {
            return self.text.get(raw.start..raw.end).unwrap_or("");
        }
        self.decode(raw)
    }

    /// The decoded text of a string with escapes (in `scratch`).
    #[inline(never)]
    fn decode(&mut self, raw: RawStr) -> &str {
        self.scratch.clear();
        let b = self.bytes;
        let mut i = raw.start;
        let mut run = i;
        while i < raw.end {
            if b[i] != b'\\' {
                i += 1;
                continue;
            }
            self.scratch.push_str(self.text.get(run..i).unwrap_or(""));
            let c = match b[i + 1] {
                b'b' => '\u{8}',
                b'f' => '\u{c}',
                b'n' => '\n',
                b'r' => '\r',
                b't' => '\t',
                b'u' => {
                    let (c, len) = self.unicode_escape(i).unwrap_or(('\u{fffd}', 6));
                    i += len;
                    run = i;
                    self.scratch.push(c);
                    continue;
                }
                other => char::from(other),
            };
            self.scratch.push(c);
            i += 2;
            run = i;
        }
        self.scratch.push_str(self.text.get(run..raw.end).unwrap_or(""));
        &self.scratch
    }

    /// The character of the `\uXXXX` escape at `i` (a surrogate pair takes two); and its length.
    fn unicode_escape(&self, i: usize) -> R<(char, usize)> {
        let hex = |at: usize| -> Option<u32> {
            let digits = self.bytes.get(at..at + 4)?;
            // Four hex digits (not `from_str_radix` alone: it takes a sign).
            digits.iter().try_fold(0, |v, d| Some(v * 16 + char::from(*d).to_digit(16)?))
        };
        let Some(first) = hex(i + 2) else { return self.fail(i, "invalid escape") };
        if let Some(c) = char::from_u32(first) {
            return Ok((c, 6));
        }
        if !(0xD800..0xDC00).contains(&first) || self.bytes.get(i + 6..i + 8) != Some(b"\\u") {
            return self.fail(i, "lone surrogate in hex escape");
        }
        match hex(i + 8) {
            Some(second @ 0xDC00..0xE000) => {
                let c = char::from_u32(0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00));
                match c {
                    Some(c) => Ok((c, 12)),
                    None => self.fail(i, "invalid escape"),
                }
            }
            _ => self.fail(i, "lone surrogate in hex escape"),
        }
    }

    /// Reads an object's next key and the `:` after it (see [`Lexer::key_bytes`]), the `first`
    /// just after the `{`, the others after a member's value; `false`, past the `}`, at the end of
    /// the object.
    #[inline]
    pub fn key(&mut self, first: bool) -> R<bool> {
        if !self.key_start(first)? {
            return Ok(false);
        }
        self.key_rest().map(|()| true)
    }

    /// Moves to the opening quote of an object's next key (after the `,` unless it is the
    /// `first`); `false`, past the `}`, at the end of the object.
    #[inline]
    fn key_start(&mut self, first: bool) -> R<bool> {
        match self.ws() {
            Some(b'}') => {
                self.pos += 1;
                return Ok(false);
            }
            Some(b',') if !first => self.pos += 1,
            Some(b'"') if first => return Ok(true),
            Some(_) if first => return self.fail(self.pos, "key must be a string"),
            Some(_) => return self.fail(self.pos, "expected `,` or `}`"),
            None => return self.fail(self.pos, "EOF while parsing an object"),
        }
        match self.ws() {
            Some(b'"') => Ok(true),
            Some(_) => self.fail(self.pos, "key must be a string"),
            None => self.fail(self.pos, "EOF while parsing an object"),
        }
    }

    /// Whether the key whose opening quote is at `quote` is `name` written without escapes and
    /// followed directly by `:`; if so, reads it and the `:`. A quick check for the member a reader
    /// expects next, without scanning the key first: `name` has no quote, backslash or control
    /// character, so equal bytes followed by a quote are the whole key.
    #[inline(always)]
    pub fn key_is(&mut self, quote: usize, name: &[u8]) -> bool {
        let start = quote + 1;
        let end = start + name.len();
        let fits = self.bytes.get(quote) == Some(&b'"')
            && self.bytes.get(start..end).is_some_and(|key| same(key, name))
            && self.bytes.get(end..end + 2) == Some(b"\":".as_slice());
        if fits {
            self.key = RawStr { start, end, escaped: false };
            self.pos = end + 2;
        }
        fits
    }

    /// Moves past the byte at the current position (one the caller has seen: an object's `{` or
    /// `}`).
    #[inline(always)]
    pub fn bump(&mut self) {
        self.pos += 1;
    }

    /// The byte at `index`, if the input goes that far.
    #[inline(always)]
    pub fn byte_at(&self, index: usize) -> Option<u8> {
        self.bytes.get(index).copied()
    }

    /// A key from its opening quote, and the `:` after it.
    #[inline]
    fn key_rest(&mut self) -> R<()> {
        self.key = self.scan_string()?;
        match self.ws() {
            Some(b':') => self.pos += 1,
            Some(_) => return self.fail(self.pos, "expected `:`"),
            None => return self.fail(self.pos, "EOF while parsing an object"),
        }
        Ok(())
    }

    /// The last key as written.
    #[inline]
    pub fn key_bytes(&self) -> &'j [u8] {
        self.bytes.get(self.key.start..self.key.end).unwrap_or_default()
    }

    /// Whether the last key has escapes (then its text differs from its bytes).
    #[inline]
    pub fn key_escaped(&self) -> bool {
        self.key.escaped
    }

    /// The text of the last key.
    pub fn key_text(&mut self) -> &str {
        self.text_of(self.key)
    }

    /// Consumes the `[` of an array (after [`Lexer::peek`]); whether an element follows.
    pub fn open_array(&mut self) -> R<bool> {
        self.pos += 1;
        match self.ws() {
            Some(b']') => {
                self.pos += 1;
                Ok(false)
            }
            Some(_) => Ok(true),
            None => self.fail(self.pos, "EOF while parsing a list"),
        }
    }

    /// After an element: whether another follows.
    #[inline]
    pub fn array_step(&mut self) -> R<bool> {
        match self.ws() {
            Some(b',') => {
                self.pos += 1;
                Ok(true)
            }
            Some(b']') => {
                self.pos += 1;
                Ok(false)
            }
            Some(_) => self.fail(self.pos, "expected `,` or `]`"),
            None => self.fail(self.pos, "EOF while parsing a list"),
        }
    }

    /// Skips one value, checking it; `depth` is how deeply nested it is.
    pub fn skip(&mut self, depth: u32) -> R<()> {
        let peek = self.peek()?;
        match peek {
            Peek::String => self.scan_string().map(|_| ()),
            Peek::Number => self.number().map(|_| ()),
            Peek::True | Peek::False | Peek::Null => self.literal(peek),
            Peek::Object | Peek::Array if depth >= MAX_DEPTH => self.fail(self.pos, "nested deeper than 128 levels"),
            Peek::Object => {
                self.bump();
                let mut key = self.key(true)?;
                while key {
                    self.skip(depth + 1)?;
                    key = self.key(false)?;
                }
                Ok(())
            }
            Peek::Array => {
                let mut more = self.open_array()?;
                while more {
                    self.skip(depth + 1)?;
                    more = self.array_step()?;
                }
                Ok(())
            }
        }
    }

    /// Fails unless only whitespace is left.
    pub fn finish(&mut self) -> R<()> {
        match self.ws() {
            None => Ok(()),
            Some(_) => self.fail(self.pos, "trailing characters"),
        }
    }
}

/// Line and column (both from 1) of byte `index` of `input`.
pub fn line_column(input: &[u8], index: usize) -> (usize, usize) {
    let before = &input[..index.min(input.len())];
    let line_start = before.iter().rposition(|b| *b == b'\n').map_or(0, |p| p + 1);
    let line = 1 + before.iter().filter(|b| **b == b'\n').count();
    let column = 1 + String::from_utf8_lossy(&before[line_start..]).chars().count();
    (line, column)
}
#[cfg(test)]
mod tests {
    use super::*;

    /// Skips one value and checks that only whitespace follows; the lexer's failure otherwise.
    fn check(text: &str) -> Result<(), (usize, &'static str)> {
        let mut lx = Lexer::new(text);
        match lx.skip(0).and_then(|()| lx.finish()) {
            Ok(()) => Ok(()),
            Err(Stop) => Err(lx.failure()),
        }
    }

    /// Reads the string at the start of `text`; its decoded text and the offset after it.
    fn string(text: &str) -> Result<(String, usize), (usize, &'static str)> {
        let mut lx = Lexer::new(text);
        assert_eq!(lx.peek().ok(), Some(Peek::String), "{text:?}");
        match lx.scan_string() {
            Ok(raw) => {
                let decoded = lx.text_of(raw).to_string();
                Ok((decoded, lx.index()))
            }
            Err(Stop) => Err(lx.failure()),
        }
    }

    #[test]
    fn accepts_and_refuses_what_serde_json_does() {
        let corpus = [
            "null",
            "true",
            "false",
            "0",
            "-0",
            "-1",
            "123456789012345678901234567890",
            "1.5",
            "-1.5e10",
            "1E+2",
            "1e-2",
            "0.0",
            "\"\"",
            r#""a\"b\\c\/d\b\f\n\r\t""#,
            r#""\u00e9\uD83D\uDE00\u0000""#,
            "\"é😀\u{7f}\"",
            "[]",
            "[1,2,3]",
            " [ 1 , [ ] , { } ] \n",
            r#"{"a":1,"b":[true,false,null],"c":{"d":"e"},"a":2}"#,
            "",
            " ",
            "nul",
            "tru",
            "falsy",
            "nulll",
            "01",
            "-01",
            "-",
            "1.",
            ".5",
            "1e",
            "1e+",
            "+1",
            "0x10",
            "NaN",
            "Infinity",
            "\"abc",
            r#""\x""#,
            r#""\u12""#,
            r#""\u12G4""#,
            r#""\u+123""#,
            "\"\t\"",
            "\"\u{1f}\"",
            r#""\ud800""#,
            r#""\udc00""#,
            r#""\ud800\u0041""#,
            r#""\udc00\ud800""#,
            "[",
            "[1",
            "[1,",
            "[1,]",
            "[,1]",
            "[1 2]",
            "[1]]",
            "{",
            r#"{"a""#,
            r#"{"a":"#,
            r#"{"a":1"#,
            r#"{"a":1,}"#,
            r#"{"a" 1}"#,
            "{1:2}",
            r#"{"a":1 "b":2}"#,
            r#"{,"a":1}"#,
            "1 2",
            "{} x",
            "'a'",
        ];
        for text in corpus {
            let ours = check(text);
            let theirs = ::serde_json::from_str::<::serde_json::Value>(text);
            assert_eq!(ours.is_ok(), theirs.is_ok(), "{text:?}: lexer {ours:?}, serde_json {theirs:?}");
        }
    }

    #[test]
    fn strings_decode_like_serde_json_at_every_position_of_a_word() {
        // Each special at each offset of the eight-byte words the scan reads.
        let specials = [r#"\""#, r"\\", r"\n", r"\/", r"\u0041", r"\uD83D\uDE00", "é", "😀", "\u{7f}", "'"];
        for len in 0..20 {
            for at in 0..=len {
                for special in specials {
                    let text = format!("\"{}{special}{}\" ", "x".repeat(at), "y".repeat(len - at));
                    let expected: String = ::serde_json::from_str(&text).unwrap();
                    let (decoded, end) = string(&text).unwrap();
                    assert_eq!(decoded, expected, "{text:?}");
                    assert_eq!(end, text.len() - 1, "{text:?}");
                }
            }
        }
    }

    #[test]
    fn surrogate_pairs_decode_and_lone_surrogates_fail() {
        assert_eq!(string(r#""\ud83d\ude00""#).unwrap().0, "😀");
        assert_eq!(string(r#""a\uD834\uDD1Eb""#).unwrap().0, "a𝄞b");
        assert_eq!(string(r#""\uFFFF\u0000""#).unwrap().0, "\u{ffff}\u{0}");
        let lone = "lone surrogate in hex escape";
        assert_eq!(string(r#""ab\ud800""#).unwrap_err(), (3, lone));
        assert_eq!(string(r#""\udc00\ud800""#).unwrap_err(), (1, lone));
        assert_eq!(string(r#""\ud800\u0041""#).unwrap_err(), (1, lone));
        assert_eq!(string(r#""\ud800\n""#).unwrap_err(), (1, lone));
        assert_eq!(string(r#""\ud800\udbff""#).unwrap_err(), (1, lone));
    }

    #[test]
    fn malformed_text_fails_with_message_and_offset() {
        let cases: &[(&str, usize, &str)] = &[
            ("", 0, "EOF while parsing a value"),
            ("  @", 2, "expected value"),
            ("tru", 0, "expected ident"),
            ("[nulL]", 1, "expected ident"),
            ("1.", 2, "invalid number"),
            ("1.e5", 2, "invalid number"),
            ("-", 1, "invalid number"),
            ("-x", 1, "invalid number"),
            ("1e+", 3, "invalid number"),
            ("\"abc", 4, "EOF while parsing a string"),
            ("\"ab\\", 4, "EOF while parsing a string"),
            (r#""ab\q""#, 3, "invalid escape"),
            (r#""a\u00zz""#, 2, "invalid escape"),
            (r#""a\u12"#, 2, "invalid escape"),
            ("\"a\nb\"", 2, "control character (\\u0000-\\u001F) found while parsing a string"),
            ("[1 2]", 3, "expected `,` or `]`"),
            ("[1,]", 3, "expected value"),
            ("[", 1, "EOF while parsing a list"),
            ("[1", 2, "EOF while parsing a list"),
            (r#"{"a" 1}"#, 5, "expected `:`"),
            (r#"{"a""#, 4, "EOF while parsing an object"),
            ("{1:2}", 1, "key must be a string"),
            (r#"{"a":1,}"#, 7, "key must be a string"),
            (r#"{"a":1 "b":2}"#, 7, "expected `,` or `}`"),
            (r#"{"a":1"#, 6, "EOF while parsing an object"),
            ("1 2", 2, "trailing characters"),
            ("{}}", 2, "trailing characters"),
        ];
        for &(text, index, message) in cases {
            assert_eq!(check(text), Err((index, message)), "{text:?}");
        }
    }

    #[test]
    fn nesting_past_max_depth_is_refused() {
        let arrays = |n: usize| format!("{}{}", "[".repeat(n), "]".repeat(n));
        assert_eq!(check(&arrays(MAX_DEPTH as usize)), Ok(()));
        assert_eq!(check(&arrays(MAX_DEPTH as usize + 1)), Err((128, "nested deeper than 128 levels")));
        let objects = |n: usize| format!("{}1{}", r#"{"a":"#.repeat(n), "}".repeat(n));
        assert_eq!(check(&objects(MAX_DEPTH as usize)), Ok(()));
        assert_eq!(check(&objects(MAX_DEPTH as usize + 1)), Err((128 * 5, "nested deeper than 128 levels")));
        // Far deeper than the stack could take if nothing stopped it.
        assert_eq!(check(&"[".repeat(1_000_000)), Err((128, "nested deeper than 128 levels")));
    }

    #[test]
    fn small_int_reads_plain_integers_of_at_most_18_digits() {
        let cases: &[(&str, Option<i64>, usize)] = &[
            ("0", Some(0), 1),
            ("-0", Some(0), 2),
            ("7,", Some(7), 1),
            ("  42 ", Some(42), 4),
            ("999999999999999999", Some(999_999_999_999_999_999), 18),
            ("-999999999999999999]", Some(-999_999_999_999_999_999), 19),
            // Not read here (left to `number`); only the whitespace is passed.
            ("1000000000000000000", None, 0),
            ("9223372036854775807", None, 0),
            ("01", None, 0),
            ("-01", None, 0),
            ("1.5", None, 0),
            ("1e3", None, 0),
            ("1E3", None, 0),
            ("-", None, 0),
            ("x", None, 0),
            (" \"1\"", None, 1),
            ("", None, 0),
        ];
        for &(text, value, index) in cases {
            let mut lx = Lexer::new(text);
            assert_eq!(lx.small_int(), value, "{text:?}");
            assert_eq!(lx.index(), index, "{text:?}");
        }
    }

    #[test]
    fn number_gives_its_text_as_written() {
        for (text, number) in [("-12.5e+3]", "-12.5e+3"), ("0.0001,", "0.0001"), ("1E-7 ", "1E-7"), ("0123", "0"), ("-0.0", "-0.0")] {
            let mut lx = Lexer::new(text);
            assert_eq!(lx.peek().ok(), Some(Peek::Number));
            assert_eq!(lx.number().ok(), Some(number), "{text:?}");
            assert_eq!(lx.index(), number.len());
        }
    }

    #[test]
    fn same_agrees_with_slice_equality() {
        let a: Vec<u8> = (0..40u8).map(|i| b'a' + i % 26).collect();
        for n in 0..=a.len() {
            let a = &a[..n];
            assert!(same(a, a));
            for at in 0..n {
                let mut b = a.to_vec();
                b[at] ^= 0x20;
                assert!(!same(a, &b), "length {n}, byte {at}");
                assert!(!same(&b, a), "length {n}, byte {at}");
            }
            if n > 0 {
                assert!(!same(a, &a[..n - 1]));
            }
        }
    }

    #[test]
    fn key_is_takes_only_the_exact_compact_key() {
        let mut lx = Lexer::new(r#"{"name":1}"#);
        assert!(!lx.key_is(0, b"name"));
        assert!(!lx.key_is(1, b"nam"));
        assert!(!lx.key_is(1, b"names"));
        assert!(!lx.key_is(1, b"nome"));
        assert_eq!(lx.index(), 0);
        assert!(lx.key_is(1, b"name"));
        assert_eq!(lx.index(), 8);
        assert_eq!(lx.key_bytes(), b"name");
        assert!(!lx.key_escaped());

        for text in [r#"{"name" :1}"#, r#"{"name""#, r#"{"name"#, r#"{"nam\u0065":1}"#] {
            let mut lx = Lexer::new(text);
            assert!(!lx.key_is(1, b"name"), "{text:?}");
            assert_eq!(lx.index(), 0, "{text:?}");
        }
    }

    #[test]
    fn keys_are_given_as_written_and_decoded_on_request() {
        let mut lx = Lexer::new(r#"{ "a\u0062" : [1, {"x": null}] , "c":2 }"#);
        assert_eq!(lx.peek().ok(), Some(Peek::Object));
        lx.bump();
        assert!(lx.key(true).unwrap());
        assert_eq!(lx.key_bytes(), br"a\u0062");
        assert!(lx.key_escaped());
        assert_eq!(lx.key_text(), "ab");
        lx.skip(1).unwrap();
        assert!(lx.key(false).unwrap());
        assert_eq!(lx.key_bytes(), b"c");
        assert!(!lx.key_escaped());
        assert_eq!(lx.key_text(), "c");
        lx.skip(1).unwrap();
        assert!(!lx.key(false).unwrap());
        assert!(lx.finish().is_ok());
    }

    #[test]
    fn line_column_counts_lines_and_characters() {
        let input = "ab\ncé\nd".as_bytes();
        assert_eq!(line_column(input, 0), (1, 1));
        assert_eq!(line_column(input, 2), (1, 3));
        assert_eq!(line_column(input, 3), (2, 1));
        // `é` is two bytes but one column.
        assert_eq!(line_column(input, 6), (2, 3));
        assert_eq!(line_column(input, 7), (3, 1));
        // Past the end: the end.
        assert_eq!(line_column(input, 100), (3, 2));
    }
}
