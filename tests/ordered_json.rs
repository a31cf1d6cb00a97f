//! An order-preserving JSON reader for the model-agreement test: `serde_json::Map` (without
//! `preserve_order`, which the workspace keeps off) sorts keys, and member order matters to the
//! generator. Only string and number literals are handed to serde_json.

use serde_json::Value;
use std::collections::BTreeSet;

/// A JSON value with object keys in file order.
#[derive(Debug, Clone)]
pub enum J {
    Null,
    Bool(bool),
    /// The literal text of the number.
    Num(String),
    Str(String),
    Arr(Vec<J>),
    Obj(Vec<(String, J)>),
}

pub struct Parser<'a> {
    src: &'a str,
    b: &'a [u8],
    i: usize,
}

impl<'a> Parser<'a> {
    pub fn parse(src: &'a str) -> Result<J, String> {
        let mut p = Parser { src, b: src.as_bytes(), i: 0 };
        let v = p.value()?;
        p.ws();
        if p.i != p.b.len() {
            return Err(p.err("trailing characters"));
        }
        Ok(v)
    }

    pub fn err(&self, what: &str) -> String {
        let line = self.src[..self.i.min(self.src.len())].matches('\n').count() + 1;
        format!("JSON error at line {line}: {what}")
    }

    pub fn ws(&mut self) {
        while self.i < self.b.len() && matches!(self.b[self.i], b' ' | b'\n' | b'\r' | b'\t') {
            self.i += 1;
        }
    }

    pub fn peek(&self) -> Option<u8> {
        self.b.get(self.i).copied()
    }

    pub fn expect(&mut self, c: u8) -> Result<(), String> {
        self.ws();
        if self.peek() == Some(c) {
            self.i += 1;
            Ok(())
        } else {
            Err(self.err(&format!("expected `{}`", c as char)))
        }
    }

    pub fn value(&mut self) -> Result<J, String> {
        self.ws();
        match self.peek() {
            Some(b'{') => {
                self.i += 1;
                let mut fields = Vec::new();
                self.ws();
                if self.peek() == Some(b'}') {
                    self.i += 1;
                    return Ok(J::Obj(fields));
                }
                loop {
                    self.ws();
                    let key = self.string()?;
                    self.expect(b':')?;
                    let value = self.value()?;
                    fields.push((key, value));
                    self.ws();
                    match self.peek() {
                        Some(b',') => self.i += 1,
                        Some(b'}') => {
                            self.i += 1;
                            return Ok(J::Obj(fields));
                        }
                        _ => return Err(self.err("expected `,` or `}`")),
                    }
                }
            }
            Some(b'[') => {
                self.i += 1;
                let mut items = Vec::new();
                self.ws();
                if self.peek() == Some(b']') {
                    self.i += 1;
                    return Ok(J::Arr(items));
                }
                loop {
                    items.push(self.value()?);
                    self.ws();
                    match self.peek() {
                        Some(b',') => self.i += 1,
                        Some(b']') => {
                            self.i += 1;
                            return Ok(J::Arr(items));
                        }
                        _ => return Err(self.err("expected `,` or `]`")),
                    }
                }
            }
            Some(b'"') => Ok(J::Str(self.string()?)),
            Some(b't') => self.literal("true", J::Bool(true)),
            Some(b'f') => self.literal("false", J::Bool(false)),
            Some(b'n') => self.literal("null", J::Null),
            Some(_) => {
                let start = self.i;
                while self.i < self.b.len() && matches!(self.b[self.i], b'0'..=b'9' | b'-' | b'+' | b'.' | b'e' | b'E') {
                    self.i += 1;
                }
                let raw = &self.src[start..self.i];
                match serde_json::from_str::<Value>(raw) {
                    Ok(Value::Number(_)) => Ok(J::Num(raw.to_string())),
                    _ => Err(self.err(&format!("bad value `{raw}`"))),
                }
            }
            None => Err(self.err("unexpected end")),
        }
    }

    pub fn literal(&mut self, word: &str, v: J) -> Result<J, String> {
        if self.src[self.i..].starts_with(word) {
            self.i += word.len();
            Ok(v)
        } else {
            Err(self.err("bad literal"))
        }
    }

    /// A string literal; serde_json decodes the escapes.
    pub fn string(&mut self) -> Result<String, String> {
        let start = self.i;
        if self.peek() != Some(b'"') {
            return Err(self.err("expected a string"));
        }
        self.i += 1;
        loop {
            match self.peek() {
                Some(b'\\') => self.i += 2,
                Some(b'"') => {
                    self.i += 1;
                    break;
                }
                Some(_) => self.i += 1,
                None => return Err(self.err("unterminated string")),
            }
        }
        serde_json::from_str::<String>(&self.src[start..self.i]).map_err(|e| self.err(&e.to_string()))
    }
}

impl J {
    pub fn to_value(&self) -> Value {
        match self {
            J::Null => Value::Null,
            J::Bool(b) => Value::Bool(*b),
            J::Num(raw) => serde_json::from_str(raw).unwrap(),
            J::Str(s) => Value::String(s.clone()),
            J::Arr(items) => Value::Array(items.iter().map(J::to_value).collect()),
            J::Obj(fields) => Value::Object(fields.iter().map(|(k, v)| (k.clone(), v.to_value())).collect()),
        }
    }

    pub fn fields(&self) -> &[(String, J)] {
        match self {
            J::Obj(fields) => fields,
            _ => &[],
        }
    }

    pub fn get(&self, key: &str) -> Option<&J> {
        self.fields().iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    /// serde_json's pretty format (two-space indent), with the number literals kept as written.
    pub fn pretty(&self, indent: usize, out: &mut String) {
        let pad = |n: usize, out: &mut String| out.extend(std::iter::repeat_n(' ', n));
        match self {
            J::Null => out.push_str("null"),
            J::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            J::Num(raw) => out.push_str(raw),
            J::Str(s) => out.push_str(&serde_json::to_string(s).unwrap()),
            J::Arr(items) if items.is_empty() => out.push_str("[]"),
            J::Obj(fields) if fields.is_empty() => out.push_str("{}"),
            J::Arr(items) => {
                out.push_str("[\n");
                for (n, item) in items.iter().enumerate() {
                    pad(indent + 2, out);
                    item.pretty(indent + 2, out);
                    out.push_str(if n + 1 < items.len() { ",\n" } else { "\n" });
                }
                pad(indent, out);
                out.push(']');
            }
            J::Obj(fields) => {
                out.push_str("{\n");
                for (n, (k, v)) in fields.iter().enumerate() {
                    pad(indent + 2, out);
                    out.push_str(&serde_json::to_string(k).unwrap());
                    out.push_str(": ");
                    v.pretty(indent + 2, out);
                    out.push_str(if n + 1 < fields.len() { ",\n" } else { "\n" });
                }
                pad(indent, out);
                out.push('}');
            }
        }
    }

    pub fn duplicate_keys(&self, path: &str, found: &mut Vec<String>) {
        match self {
            J::Obj(fields) => {
                let mut seen = BTreeSet::new();
                for (k, v) in fields {
                    if !seen.insert(k.as_str()) {
                        found.push(format!("{path}: duplicate key `{k}`"));
                    }
                    v.duplicate_keys(&format!("{path}/{k}"), found);
                }
            }
            J::Arr(items) => {
                for (n, item) in items.iter().enumerate() {
                    item.duplicate_keys(&format!("{path}/{n}"), found);
                }
            }
            _ => {}
        }
    }
}
