//! The `--output` formats of the command-line tool, byte for byte as the AWS CLI v1 writes them
//! (`awscli` 1.46: `formatter.py`, `text.py`, `table.py`), so scripts written against `aws` read
//! the same output. The caller drops `ResponseMetadata` and applies `--query` first, as awscli does.

use ::serde_json::{Map, Number, Value};
use ::std::collections::BTreeSet;
use ::std::format;
use ::std::option::Option::{self, None, Some};
use ::std::string::{String, ToString};
use ::std::vec::Vec;

/// `--output json`: `json.dumps(indent=4, ensure_ascii=False)` and a newline. Only `{}` (an
/// operation without output) prints nothing; other empty values print.
pub fn json(value: &Value) -> String {
    json_in(value, &Sorted)
}

/// The order an object's keys print in; [`Sorted`] is serde_json's own. The tool orders a
/// response's structures by their members in the model, as botocore parses them.
pub trait KeyOrder {
    /// The keys of `map` in print order.
    fn keys<'v>(&self, map: &'v Map<String, Value>) -> Vec<&'v str> {
        map.keys().map(String::as_str).collect()
    }
    /// The order inside the value at `key` of an object.
    fn field(&self, key: &str) -> ::std::boxed::Box<dyn KeyOrder + '_>;
    /// The order inside an element of a list.
    fn element(&self) -> ::std::boxed::Box<dyn KeyOrder + '_>;
}

/// Keys in sorted order, all the way down.
pub struct Sorted;

impl KeyOrder for Sorted {
    fn field(&self, _: &str) -> ::std::boxed::Box<dyn KeyOrder + '_> {
        ::std::boxed::Box::new(Sorted)
    }
    fn element(&self) -> ::std::boxed::Box<dyn KeyOrder + '_> {
        ::std::boxed::Box::new(Sorted)
    }
}

/// [`json`] with the keys of each object in the order `order` gives.
pub fn json_in(value: &Value, order: &dyn KeyOrder) -> String {
    if value.as_object().is_some_and(Map::is_empty) {
        return String::new();
    }
    let mut out = String::new();
    write_json(&mut out, value, 0, order);
    out.push('\n');
    out
}

/// `--output text` (awscli's `text.format_text`): scalars tab-separated on one line per object,
/// nested values on lines of their own led by their key in upper case.
pub fn text(value: &Value) -> String {
    let mut out = String::new();
    text_item(&mut out, value, None, None);
    out
}

/// `--output table` (awscli's `TableFormatter` with colours off): `title` is the operation's name,
/// `width` the terminal's columns; a table wider than that turns its one-row sections vertical.
pub fn table(title: &str, value: &Value, width: usize) -> String {
    let mut tables = Tables::default();
    if !tables.build(Some(title), value, 0) {
        return String::new();
    }
    tables.render(width)
}

fn write_json(out: &mut String, value: &Value, depth: usize, order: &dyn KeyOrder) {
    let (open, close, entries): (char, char, Vec<(Option<&str>, &Value)>) = match value {
        Value::Array(items) => ('[', ']', items.iter().map(|v| (None, v)).collect()),
        Value::Object(map) => ('{', '}', order.keys(map).into_iter().map(|k| (Some(k), &map[k])).collect()),
        Value::String(s) => return json_string(out, s),
        Value::Number(n) => return out.push_str(&py_number(n)),
        Value::Bool(b) => return out.push_str(if *b { "true" } else { "false" }),
        Value::Null => return out.push_str("null"),
    };
    out.push(open);
    for (i, (key, item)) in entries.iter().enumerate() {
        out.push_str(if i == 0 { "\n" } else { ",\n" });
        out.push_str(&"    ".repeat(depth + 1));
        if let Some(key) = key {
            json_string(out, key);
            out.push_str(": ");
        }
        let inner = match key {
            Some(key) => order.field(key),
            None => order.element(),
        };
        write_json(out, item, depth + 1, &*inner);
    }
    if !entries.is_empty() {
        out.push('\n');
        out.push_str(&"    ".repeat(depth));
    }
    out.push(close);
}

/// A JSON string as Python's encoder writes it with `ensure_ascii=False`: only `"`, `\` and the
/// control characters are escaped (DEL and U+2028 stay as they are).
fn json_string(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if c < ' ' => out.push_str(&format!("\\u{:04x}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
}

fn text_item(out: &mut String, item: &Value, identifier: Option<&str>, scalar_keys: Option<&[&str]>) {
    match item {
        Value::Object(map) => text_object(out, map, identifier, scalar_keys),
        Value::Array(list) => text_list(out, list, identifier),
        scalar => {
            out.push_str(&py_str(scalar));
            out.push('\n');
        }
    }
}

fn text_list(out: &mut String, list: &[Value], identifier: Option<&str>) {
    if list.iter().any(Value::is_object) {
        // The objects of a list share one set of columns: every scalar key any of them has.
        // (awscli fails on a list mixing objects and other values; the others print on their own.)
        let keys: Vec<&str> = scalar_keys(list.iter().filter_map(Value::as_object)).0;
        for element in list {
            text_item(out, element, identifier, Some(&keys));
        }
        return;
    }
    let (scalars, lists): (Vec<&Value>, Vec<&Value>) = list.iter().partition(|v| !v.is_array());
    if !scalars.is_empty() {
        match identifier {
            // Under a key, one line per value.
            Some(id) => {
                let id = id.to_uppercase();
                for scalar in scalars {
                    out.push_str(&format!("{id}\t{}\n", py_str(scalar)));
                }
            }
            // A bare list prints on one line.
            None => {
                out.push_str(&scalars.iter().map(|v| py_str(v)).collect::<Vec<_>>().join("\t"));
                out.push('\n');
            }
        }
    }
    for inner in lists {
        text_item(out, inner, identifier, None);
    }
}

fn text_object(out: &mut String, map: &Map<String, Value>, identifier: Option<&str>, columns: Option<&[&str]>) {
    let entries = sorted_entries(map);
    let (mut cells, nested): (Vec<String>, Vec<(&str, &Value)>) = match columns {
        // Columns shared with sibling objects; a missing one is an empty cell.
        Some(columns) => (
            columns.iter().map(|k| map.get(*k).map_or_else(String::new, py_str)).collect(),
            entries.into_iter().filter(|(k, _)| !columns.contains(k)).collect(),
        ),
        None => {
            let (scalars, nested): (Vec<_>, Vec<_>) = entries.into_iter().partition(|(_, v)| is_scalar(v));
            (scalars.into_iter().map(|(_, v)| py_str(v)).collect(), nested)
        }
    };
    if !cells.is_empty() {
        if let Some(id) = identifier {
            cells.insert(0, id.to_uppercase());
        }
        out.push_str(&cells.join("\t"));
        out.push('\n');
    }
    for (key, value) in nested {
        text_item(out, value, Some(key), None);
    }
}

fn sorted_entries(map: &Map<String, Value>) -> Vec<(&str, &Value)> {
    let mut entries: Vec<(&str, &Value)> = map.iter().map(|(k, v)| (k.as_str(), v)).collect();
    entries.sort_by_key(|(k, _)| *k);
    entries
}

/// The keys of scalar values and the keys of lists and objects, each sorted, over all `objects`.
fn scalar_keys<'a>(objects: impl Iterator<Item = &'a Map<String, Value>>) -> (Vec<&'a str>, Vec<&'a str>) {
    let (mut scalars, mut nested) = (BTreeSet::new(), BTreeSet::new());
    for (key, value) in objects.flat_map(Map::iter) {
        if is_scalar(value) { &mut scalars } else { &mut nested }.insert(key.as_str());
    }
    (scalars.into_iter().collect(), nested.into_iter().collect())
}

fn is_scalar(value: &Value) -> bool {
    !(value.is_array() || value.is_object())
}

/// Python's truth value, with which awscli skips empty tables.
fn truthy(value: &Value) -> bool {
    match value {
        Value::Null => false,
        Value::Bool(b) => *b,
        Value::Number(n) => n.as_f64() != Some(0.0),
        Value::String(s) => !s.is_empty(),
        Value::Array(items) => !items.is_empty(),
        Value::Object(map) => !map.is_empty(),
    }
}

/// Python's `str()` of the value awscli holds: strings as they are, the rest as [`py_repr`].
fn py_str(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => py_repr(other),
    }
}

/// Python's `repr()`: `None`, `True`, floats as [`py_float`], `['a', {'k': 1}]`.
fn py_repr(value: &Value) -> String {
    match value {
        Value::Null => "None".to_string(),
        Value::Bool(b) => (if *b { "True" } else { "False" }).to_string(),
        Value::Number(n) => py_number(n),
        Value::String(s) => py_str_repr(s),
        Value::Array(items) => format!("[{}]", items.iter().map(py_repr).collect::<Vec<_>>().join(", ")),
        Value::Object(map) => {
            let entries: Vec<String> = map.iter().map(|(k, v)| format!("{}: {}", py_str_repr(k), py_repr(v))).collect();
            format!("{{{}}}", entries.join(", "))
        }
    }
}

fn py_number(n: &Number) -> String {
    match n.as_f64() {
        Some(f) if n.is_f64() => py_float(f),
        _ => n.to_string(),
    }
}

/// Python's `repr(float)`: the shortest digits that round-trip (as Rust's), positional for decimal
/// exponents -4 to 15 (always with a fraction: `1.0`), else `1e+16`, `2.5e-07`. (serde_json holds
/// no NaN or infinity.)
fn py_float(f: f64) -> String {
    // Rust's shortest digits settle a tie between two candidates upwards, Python's to even: the
    // value correctly rounded to that many digits is Python's.
    let shortest = format!("{f:e}");
    let precision = shortest.split('e').next().map_or(0, |m| m.bytes().filter(u8::is_ascii_digit).count());
    let sci = format!("{f:.*e}", precision.saturating_sub(1));
    let (mantissa, exp) = sci.split_once('e').unwrap_or((&sci, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let (sign, mantissa) = mantissa.strip_prefix('-').map_or(("", mantissa), |m| ("-", m));
    if !(-4..16).contains(&exp) {
        return format!("{sign}{mantissa}e{}{:02}", if exp < 0 { '-' } else { '+' }, exp.unsigned_abs());
    }
    let digits: String = mantissa.chars().filter(|c| *c != '.').collect();
    if exp < 0 {
        return format!("{sign}0.{}{digits}", "0".repeat(exp.unsigned_abs() as usize - 1));
    }
    let point = exp as usize + 1;
    if digits.len() <= point {
        format!("{sign}{digits}{}.0", "0".repeat(point - digits.len()))
    } else {
        format!("{sign}{}.{}", &digits[..point], &digits[point..])
    }
}

/// Python's `repr(str)`: single quotes unless only double quotes avoid escaping.
fn py_str_repr(s: &str) -> String {
    let quote = if s.contains('\'') && !s.contains('"') { '"' } else { '\'' };
    let mut out = String::from(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if c < ' ' || c == '\u{7f}' || !py_printable(c) => {
                let n = u32::from(c);
                out.push_str(&match n {
                    0..=0xff => format!("\\x{n:02x}"),
                    0x100..=0xffff => format!("\\u{n:04x}"),
                    _ => format!("\\U{n:08x}"),
                });
            }
            c => out.push(c),
        }
    }
    out.push(quote);
    out
}

/// Python's `str.isprintable` for non-ASCII characters, approximated: the C1 controls, the spaces
/// other than U+0020, the common format characters, the private use areas and the unassigned
/// planes are not printable (unassigned code points within the other planes are taken as printable).
fn py_printable(c: char) -> bool {
    !matches!(c, '\u{80}'..='\u{a0}' | '\u{ad}' | '\u{61c}' | '\u{1680}' | '\u{180e}' | '\u{2000}'..='\u{200f}'
        | '\u{2028}'..='\u{202f}' | '\u{205f}'..='\u{206f}' | '\u{3000}' | '\u{e000}'..='\u{f8ff}' | '\u{feff}'
        | '\u{fff9}'..='\u{fffb}' | '\u{3134b}'..='\u{e00ff}' | '\u{e01f0}'..)
}

/// One titled block of a table (table.py's `Section`).
#[derive(Default)]
struct Section {
    /// `None` is Python's `None`: the title of a repeated section of an untitled (nested) list,
    /// never drawn but 4 columns wide (`str(None)`) when the table's width is worked out.
    title: Option<String>,
    headers: Vec<String>,
    rows: Vec<Vec<String>>,
    indent: usize,
    /// The widest cell (or header) of each column.
    widths: Vec<usize>,
}

impl Section {
    fn widen(&mut self, cells: &[String]) {
        for (i, cell) in cells.iter().enumerate() {
            match self.widths.get_mut(i) {
                Some(w) => *w = (*w).max(text_len(cell)),
                None => self.widths.push(text_len(cell)),
            }
        }
    }

    fn add_header(&mut self, headers: Vec<String>) {
        self.widen(&headers);
        self.headers = headers;
    }

    /// awscli fails on a row with another number of cells than the section's first; this keeps
    /// it (only as many cells as there are columns are drawn).
    fn add_row(&mut self, row: Vec<String>) {
        self.widen(&row);
        self.rows.push(row);
    }

    /// The width the section needs, borders and indentation included.
    fn total_width(&self) -> usize {
        let outer = 2 + 2 * self.indent;
        let columns: usize = self.widths.iter().map(|w| w + 4).sum();
        (columns + outer).max(self.title.as_deref().map_or(4, text_len) + outer)
    }

    /// The columns' widths, padded and scaled to fill `width` exactly (`calculate_column_widths`).
    fn column_widths(&self, width: i64) -> Vec<i64> {
        let unscaled: Vec<usize> = self.widths.iter().map(|w| w + 4).collect();
        let scale = width as f64 / unscaled.iter().sum::<usize>() as f64;
        let mut scaled: Vec<i64> = unscaled.iter().map(|w| (scale * *w as f64).round_ties_even() as i64).collect();
        // Rounding may leave a few columns over or under: take them from the left, give from the right.
        let mut off_by = scaled.iter().sum::<i64>() - width;
        while off_by != 0 && !scaled.is_empty() {
            let n = scaled.len();
            for i in 0..n {
                if off_by > 0 {
                    scaled[i] -= 1;
                    off_by -= 1;
                } else {
                    scaled[n - 1 - i] += 1;
                    off_by += 1;
                }
                if off_by == 0 {
                    break;
                }
            }
        }
        scaled
    }

    /// The section with its single row turned into header/value pairs (`convert_to_vertical_table`).
    fn vertical(&self) -> Section {
        let mut section = Section { title: self.title.clone(), indent: self.indent, ..Section::default() };
        for (header, cell) in self.headers.iter().zip(self.rows.iter().flatten()) {
            section.add_row([header.clone(), cell.clone()].into());
        }
        section
    }

    fn render(&self, out: &mut String, max_width: usize) {
        let edge = "|".repeat(self.indent);
        let mut line = |text: String| {
            out.push_str(&edge);
            out.push_str(&text);
            out.push_str(&edge);
            out.push('\n');
        };
        let width = max_width.saturating_sub(2 * self.indent) as i64;
        if let Some(title) = self.title.as_deref().filter(|t| !t.is_empty()) {
            line(center(title, width, "|"));
            if self.headers.is_empty() && self.rows.is_empty() {
                line(format!("+{}+", repeat("-", width - 2)));
            }
        }
        let widths = self.column_widths(width);
        if !self.headers.is_empty() {
            line(rule(&widths));
            line(widths.iter().zip(&self.headers).enumerate().map(|(i, (w, h))| center(h, *w, if i == 0 { "|" } else { "" })).collect());
        }
        if self.rows.is_empty() || widths.is_empty() {
            return;
        }
        line(rule(&widths));
        for row in &self.rows {
            line(widths.iter().zip(row).enumerate().map(|(i, (w, cell))| align_left(cell, *w, if i == 0 { "|" } else { "" })).collect());
        }
        line(rule(&widths));
    }
}

/// The sections of a table as `TableFormatter` builds them from a value.
#[derive(Default)]
struct Tables {
    sections: Vec<Section>,
}

impl Tables {
    fn new_section(&mut self, title: Option<&str>, indent: usize) {
        self.sections.push(Section { title: title.map(ToString::to_string), indent, ..Section::default() });
    }

    fn current(&mut self) -> &mut Section {
        if self.sections.is_empty() {
            self.sections.push(Section::default());
        }
        let last = self.sections.len() - 1;
        &mut self.sections[last]
    }

    /// Adds `value`'s sections (`_build_table`); false if it is empty (falsy) and adds nothing.
    fn build(&mut self, title: Option<&str>, value: &Value, indent: usize) -> bool {
        if !truthy(value) {
            return false;
        }
        if let Some(title) = title {
            self.new_section(Some(title), indent);
        }
        match value {
            Value::Array(items) if items.first().is_some_and(Value::is_object) => self.build_objects(items, indent, title),
            Value::Array(items) => {
                for item in items {
                    match item {
                        // awscli iterates the object as a row: its keys.
                        Value::Object(map) => self.current().add_row(map.keys().cloned().collect()),
                        Value::Array(inner) if inner.iter().all(is_scalar) => self.current().add_row(inner.iter().map(py_str).collect()),
                        Value::Array(_) => {
                            self.build(None, item, 0);
                        }
                        scalar => self.current().add_row([py_str(scalar)].into()),
                    }
                }
            }
            Value::Object(map) => {
                // A row of the scalars under their keys (a lone one as a key/value row), then a
                // section per nested value.
                let (headers, nested) = scalar_keys([map].into_iter());
                match headers[..] {
                    [] => {}
                    [key] => self.current().add_row([key.to_string(), py_str(&map[key])].into()),
                    _ => {
                        self.current().add_header(headers.iter().map(|k| k.to_string()).collect());
                        self.current().add_row(headers.iter().map(|k| py_str(&map[*k])).collect());
                    }
                }
                for key in nested {
                    self.build(Some(key), &map[key], indent + 1);
                }
            }
            _ => {}
        }
        true
    }

    /// A list of objects: one header row over all their scalar keys; an object with nested values
    /// gets them as subsections, and the next object a repeat of the section's title and header.
    /// Another value among the objects counts as an empty one (awscli fails on most of them).
    fn build_objects(&mut self, items: &[Value], indent: usize, title: Option<&str>) {
        let (headers, nested) = scalar_keys(items.iter().filter_map(Value::as_object));
        let header_row = || headers.iter().map(|h| h.to_string()).collect::<Vec<_>>();
        self.current().add_header(header_row());
        for (i, item) in items.iter().enumerate() {
            if i > 0 && !nested.is_empty() {
                self.new_section(title, indent);
                self.current().add_header(header_row());
            }
            let field = |key: &str| item.as_object().and_then(|o| o.get(key));
            self.current().add_row(headers.iter().map(|h| field(h).map_or_else(String::new, py_str)).collect());
            for key in &nested {
                if let Some(value) = field(key) {
                    self.build(Some(key), value, indent + 1);
                }
            }
        }
    }

    fn max_width(&self) -> usize {
        self.sections.iter().map(Section::total_width).max().unwrap_or(0)
    }

    fn render(&mut self, terminal_width: usize) -> String {
        let mut max_width = self.max_width();
        if max_width > terminal_width {
            for section in &mut self.sections {
                if section.rows.len() == 1 && !section.headers.is_empty() {
                    *section = section.vertical();
                }
            }
            max_width = self.max_width();
        }
        let mut out = "-".repeat(max_width);
        out.push('\n');
        for section in &self.sections {
            section.render(&mut out, max_width);
        }
        out
    }
}

/// `s` repeated `n` times, none if `n` is negative (as Python's `s * n`).
fn repeat(s: &str, n: i64) -> String {
    s.repeat(usize::try_from(n).unwrap_or(0))
}

/// A cell `width` wide (right edge included) with `text` centred (table.py's `center_text`).
fn center(text: &str, width: i64, left: &str) -> String {
    let len = text_len(text) as i64;
    let start = width / 2 - len / 2 - 1;
    let end = width - 1 - (left.len() as i64 + start + len);
    format!("{left}{}{text}{}|", repeat(" ", start), repeat(" ", end))
}

/// A cell `width` wide (right edge included) with `text` after two spaces if they fit (`align_left`).
fn align_left(text: &str, width: i64, left: &str) -> String {
    let len = text_len(text) as i64;
    let padding = if width - (len + 2 + left.len() as i64 + 1) >= 0 { 2 } else { 0 };
    format!("{left}{}{text}{}|", repeat(" ", padding), repeat(" ", width - (left.len() as i64 + padding + len) - 1))
}

/// `+-----+----+` over columns of these widths.
fn rule(widths: &[i64]) -> String {
    let mut out = String::new();
    for (i, w) in widths.iter().enumerate() {
        out.push_str(if i == 0 { "+" } else { "" });
        out.push_str(&repeat("-", w - if i == 0 { 2 } else { 1 }));
        out.push('+');
    }
    out
}

/// The columns `text` takes as awscli counts them: East Asian wide, fullwidth and ambiguous
/// characters take two.
fn text_len(text: &str) -> usize {
    text.chars().map(char_width).sum()
}

fn char_width(c: char) -> usize {
    let c = u32::from(c);
    let mut end = 0;
    for (i, run) in WIDE_RUNS.iter().enumerate() {
        end += run;
        if c < end {
            return if i % 2 == 1 { 2 } else { 1 };
        }
    }
    1
}

/// The code points from U+0000 in runs that alternate narrow, wide: `unicodedata.east_asian_width`
/// in `W`, `F` or `A` (Python 3.11, Unicode 14.0).
#[rustfmt::skip]
const WIDE_RUNS: &[u32] = &[
    161, 1, 2, 1, 2, 2, 1, 1, 2, 2, 1, 5, 1, 5, 1, 4, 6, 1, 9, 1, 6, 2, 5, 4, 4, 1, 1, 3, 1, 2, 2, 1, 1, 2, 3, 4, 1, 1, 1, 1, 2, 1, 15, 1,
    1, 1, 7, 1, 10, 2, 3, 1, 5, 3, 4, 1, 6, 4, 1, 1, 3, 4, 1, 1, 4, 2, 18, 2, 3, 1, 98, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 116,
    1, 15, 1, 98, 1, 2, 1, 1, 3, 1, 1, 2, 1, 7, 4, 1, 1, 1, 1, 32, 112, 8, 2, 6, 4, 7, 1, 1, 1, 3, 25, 7, 17, 1, 7, 55, 1, 14, 64, 1, 1,
    222, 1, 38, 2, 50, 2, 3, 1, 55, 8, 27, 4, 6, 11, 270, 1, 60, 2, 101, 14, 59, 2, 49, 2, 15, 1, 28, 2, 1, 1, 11, 5, 31, 1, 2, 6, 236, 1,
    8, 2, 2, 2, 22, 1, 7, 1, 1, 3, 4, 2, 9, 2, 2, 2, 4, 8, 1, 4, 2, 1, 5, 2, 25, 2, 3, 1, 6, 4, 2, 2, 22, 1, 7, 1, 2, 1, 2, 1, 2, 2, 1, 1,
    5, 4, 2, 2, 3, 3, 1, 7, 4, 1, 1, 7, 17, 10, 3, 1, 9, 1, 3, 1, 22, 1, 7, 1, 2, 1, 5, 2, 10, 1, 3, 1, 3, 2, 1, 15, 4, 2, 12, 7, 7, 1, 3,
    1, 8, 2, 2, 2, 22, 1, 7, 1, 2, 1, 5, 2, 9, 2, 2, 2, 3, 7, 3, 4, 2, 1, 5, 2, 18, 10, 2, 1, 6, 3, 3, 1, 4, 3, 2, 1, 1, 1, 2, 3, 2, 3, 3,
    3, 12, 4, 5, 3, 3, 1, 4, 2, 1, 6, 1, 14, 21, 5, 13, 1, 3, 1, 23, 1, 16, 2, 9, 1, 3, 1, 4, 7, 2, 1, 3, 2, 1, 2, 4, 2, 10, 7, 22, 1, 3,
    1, 23, 1, 10, 1, 5, 2, 9, 1, 3, 1, 4, 7, 2, 6, 2, 1, 4, 2, 10, 1, 2, 13, 13, 1, 3, 1, 51, 1, 3, 1, 6, 4, 16, 2, 26, 1, 3, 1, 18, 3,
    24, 1, 9, 1, 1, 2, 7, 3, 1, 4, 6, 1, 1, 1, 8, 6, 10, 2, 3, 12, 58, 4, 29, 37, 2, 1, 1, 1, 5, 1, 24, 1, 1, 1, 23, 2, 5, 1, 1, 1, 6, 2,
    10, 2, 4, 32, 72, 1, 36, 4, 39, 1, 36, 1, 15, 1, 13, 37, 198, 1, 1, 5, 1, 2, 48, 96, 233, 1, 4, 2, 7, 1, 1, 1, 4, 2, 41, 1, 4, 2, 33,
    1, 4, 2, 7, 1, 1, 1, 4, 2, 15, 1, 57, 1, 4, 2, 67, 2, 32, 3, 26, 6, 86, 2, 6, 2, 669, 3, 89, 7, 22, 9, 24, 9, 20, 12, 13, 1, 3, 1, 2,
    12, 94, 2, 10, 6, 10, 6, 26, 6, 89, 7, 43, 5, 70, 10, 31, 1, 12, 4, 12, 4, 1, 3, 42, 2, 5, 11, 44, 4, 26, 6, 11, 3, 62, 2, 65, 1, 29,
    2, 11, 6, 10, 6, 14, 2, 31, 49, 77, 3, 47, 1, 116, 8, 60, 3, 15, 3, 60, 7, 43, 2, 11, 8, 43, 5, 534, 2, 6, 2, 38, 2, 6, 2, 8, 1, 1, 1,
    1, 1, 1, 1, 31, 2, 53, 1, 15, 1, 14, 2, 6, 1, 19, 2, 3, 1, 9, 1, 16, 1, 2, 4, 1, 2, 2, 2, 2, 3, 1, 4, 8, 1, 1, 2, 1, 1, 5, 1, 2, 1,
    38, 1, 12, 3, 10, 1, 1, 4, 10, 1, 13, 3, 12, 1, 20, 15, 33, 15, 3, 1, 1, 1, 3, 1, 9, 1, 2, 1, 10, 2, 3, 1, 4, 1, 39, 2, 6, 4, 1, 12,
    4, 10, 15, 1, 2, 14, 30, 2, 24, 1, 1, 1, 18, 1, 24, 1, 1, 2, 3, 2, 2, 1, 3, 1, 1, 1, 3, 1, 4, 1, 2, 4, 2, 1, 1, 1, 1, 6, 1, 1, 5, 4,
    4, 2, 10, 1, 3, 1, 5, 1, 13, 2, 2, 4, 2, 2, 2, 2, 18, 2, 2, 2, 13, 1, 3, 1, 11, 1, 25, 1, 82, 1, 7, 2, 13, 2, 190, 4, 3, 1, 2, 1, 51,
    25, 11, 159, 1, 97, 4, 36, 12, 16, 2, 4, 10, 2, 1, 7, 8, 2, 2, 2, 4, 2, 2, 2, 4, 3, 2, 1, 2, 4, 16, 4, 9, 1, 13, 2, 6, 2, 2, 1, 4, 2,
    4, 2, 6, 1, 1, 1, 33, 1, 1, 1, 5, 12, 12, 2, 1, 3, 1, 4, 1, 2, 1, 1, 15, 1, 19, 1, 10, 2, 1, 1, 8, 2, 17, 3, 4, 30, 1, 1, 4, 24, 5, 1,
    4, 2, 28, 1, 20, 1, 14, 1, 1, 1, 4, 3, 1, 1, 30, 10, 21, 3, 24, 1, 14, 1, 859, 2, 51, 1, 4, 5, 26, 2, 32, 1, 349, 5, 45, 1, 1, 5, 1,
    2, 56, 7, 2, 14, 24, 9, 7, 1, 7, 1, 7, 1, 7, 1, 7, 1, 7, 1, 7, 1, 7, 1, 126, 481, 1, 7552, 64, 22224, 348, 20, 184, 8, 203, 5, 2, 1,
    1, 1, 5, 24, 59, 3, 10, 6, 56, 8, 70, 8, 12, 6, 116, 11, 1, 32, 78, 1, 11, 4, 33, 1, 55, 9, 14, 2, 10, 2, 103, 24, 28, 10, 6, 2, 6, 2,
    6, 9, 7, 1, 7, 1, 60, 4, 126, 2, 10, 11190, 23, 4, 49, 4, 2048, 6912, 7, 12, 5, 5, 26, 1, 5, 1, 1, 1, 2, 1, 2, 1, 125, 16, 445, 2, 54,
    7, 1, 32, 16, 32, 16, 64, 5, 1, 135, 2, 1, 97, 94, 3, 6, 2, 6, 2, 6, 2, 3, 11, 7, 10, 4, 3, 12, 1, 26, 1, 19, 1, 2, 1, 15, 2, 14, 34,
    123, 5, 3, 4, 45, 3, 88, 1, 13, 3, 1, 47, 46, 130, 29, 3, 49, 15, 28, 4, 36, 9, 30, 5, 43, 5, 30, 1, 37, 4, 14, 42, 158, 2, 10, 6, 36,
    4, 36, 4, 40, 8, 52, 11, 12, 1, 15, 1, 7, 1, 2, 1, 11, 1, 15, 1, 7, 1, 2, 67, 311, 9, 22, 10, 8, 24, 6, 1, 42, 1, 9, 69, 6, 2, 1, 1,
    44, 1, 2, 3, 1, 2, 23, 1, 72, 8, 9, 48, 19, 1, 2, 5, 33, 3, 27, 5, 1, 64, 56, 4, 20, 2, 50, 1, 2, 5, 8, 1, 3, 1, 29, 2, 3, 4, 10, 7,
    9, 7, 64, 32, 39, 4, 12, 9, 54, 3, 29, 2, 27, 5, 26, 7, 4, 12, 7, 80, 73, 55, 51, 13, 51, 7, 46, 8, 10, 294, 31, 1, 42, 1, 3, 2, 2,
    78, 40, 8, 42, 22, 26, 38, 28, 20, 23, 9, 78, 4, 36, 9, 68, 10, 1, 2, 25, 7, 10, 6, 53, 1, 18, 8, 39, 9, 96, 1, 20, 11, 18, 1, 44, 65,
    7, 1, 1, 1, 4, 1, 15, 1, 11, 6, 59, 5, 10, 6, 4, 1, 8, 2, 2, 2, 22, 1, 7, 1, 2, 1, 5, 1, 10, 2, 2, 2, 3, 2, 1, 6, 1, 5, 7, 2, 7, 3, 5,
    139, 92, 1, 5, 30, 72, 8, 10, 166, 54, 2, 38, 34, 69, 11, 10, 6, 13, 19, 58, 6, 10, 54, 27, 2, 15, 4, 23, 185, 60, 100, 83, 12, 8, 2,
    1, 2, 8, 1, 2, 1, 30, 1, 2, 2, 12, 9, 10, 70, 8, 2, 46, 2, 11, 27, 72, 8, 83, 13, 73, 263, 9, 1, 45, 1, 14, 10, 29, 3, 32, 2, 22, 1,
    14, 73, 7, 1, 2, 1, 44, 3, 1, 1, 2, 1, 9, 8, 10, 6, 6, 1, 2, 1, 37, 1, 2, 1, 6, 7, 10, 310, 25, 183, 1, 15, 50, 13, 923, 102, 111, 1,
    5, 11, 196, 2636, 99, 13, 1071, 1, 9, 4039, 583, 8633, 569, 7, 31, 1, 10, 4, 81, 1, 10, 6, 30, 2, 6, 10, 70, 10, 10, 1, 7, 1, 21, 5,
    19, 688, 91, 101, 75, 4, 57, 7, 17, 19552, 107, 5, 13, 3, 9, 7, 10, 2, 8, 4700, 46, 2, 23, 9, 116, 60, 246, 10, 39, 2, 194, 21, 70,
    154, 20, 12, 87, 9, 25, 135, 85, 1, 71, 1, 2, 2, 1, 2, 2, 2, 4, 1, 12, 1, 1, 1, 7, 1, 65, 1, 4, 2, 8, 1, 7, 1, 28, 1, 4, 1, 5, 1, 1,
    3, 7, 1, 340, 2, 292, 2, 702, 15, 5, 1, 15, 1104, 31, 225, 7, 1, 17, 2, 7, 1, 2, 1, 5, 213, 45, 3, 14, 2, 10, 4, 2, 320, 31, 17, 58,
    5, 1, 1248, 7, 1, 4, 1, 2, 1, 15, 1, 197, 2, 16, 41, 76, 4, 10, 4, 2, 785, 68, 76, 61, 194, 4, 1, 27, 1, 2, 1, 1, 2, 1, 1, 10, 1, 4,
    1, 1, 1, 1, 6, 1, 4, 1, 1, 1, 1, 1, 1, 3, 1, 2, 1, 1, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 1, 1, 2, 4, 1, 7, 1, 4, 1, 4, 1, 1, 1, 10,
    1, 17, 5, 3, 1, 5, 1, 17, 52, 2, 270, 4, 1, 39, 4, 100, 12, 15, 2, 15, 1, 14, 2, 37, 21, 5, 30, 2, 58, 6, 61, 1, 56, 26, 289, 12, 9,
    1, 70, 1, 22, 12, 43, 4, 5, 12, 17, 3, 1, 3, 71, 1, 1, 1, 187, 2, 63, 13, 4, 1, 24, 18, 1, 26, 2, 13, 1, 86, 85, 48, 70, 6, 1, 3, 3,
    2, 11, 11, 5, 4, 12, 116, 12, 89, 39, 12, 4, 56, 8, 10, 6, 40, 8, 30, 2, 2, 78, 12, 47, 1, 10, 1, 185, 84, 12, 14, 146, 147, 1, 55,
    37, 10, 787463, 1, 30, 96, 196480,
];
#[cfg(test)]
mod tests {
    use super::*;

    // Inputs (keys in sorted order, so the expected JSON holds whether or not serde_json keeps
    // insertion order) and the outputs awscli 1.46.3 (Python 3.11) writes for them: its
    // JSONFormatter, text.format_text and TableFormatter (color off, determine_terminal_width
    // patched to return the width).
    const NESTED: &str = r#"{"Items": [{"Count": 3, "Enabled": true, "Id": "a1", "Tags": [{"Key": "env", "Value": "prod"}, {"Key": "team",
"Value": "核心"}]}, {"Count": 0, "Enabled": false, "Extra": null, "Id": "b2", "Tags": []}], "Names": ["x", "y"],
"NextToken": null, "Ratio": 0.1}"#;
    const FLOATS: &str = r#"{"Floats": [1.0, 1e16, 1e15, 0.1, 1e-05, 0.0001, -0.0, 1.5e300, 123.456, 2.5e-7, 100, -7,
18446744073709551615, -9223372036854775808]}"#;
    const STRINGS: &str = r#"{"S": "quote\" back\\ nl\n tab\t ctl\u0001\u001f del\u007f é 日本 😀 \u2028"}"#;
    const EMPTY: &str = r#"{"A": [], "B": {}, "C": "", "D": [[]], "E": [{}]}"#;
    const LISTS: &str = r#"{"Matrix": [[1, 2], [3, 4]], "Mixed": ["a", ["b", "c"], "d"]}"#;
    const ODD: &str = r#"{"Rows": [{"A": 1, "B": {"X": "deep"}}, {"A": [1, "two", {"k": "it's"}], "C": "c2"}]}"#;
    const WIDE: &str = r#"{"Instance": {"ImageId": "ami-0123456789abcdef0", "InstanceId": "i-0abcdef1234567890", "InstanceType":
"t3.micro", "State": "running"}, "Owner": "123456789012"}"#;
    const LISTS2: &str = r#"{"Matrix": [[1, 2], [3, 4]], "Mixed": ["a", "d", ["b"]]}"#;
    const SCALARS: &str = r#"["alpha", 2, 3.5, true, null, "é日本"]"#;

    fn value(src: &str) -> Value {
        ::serde_json::from_str(src).expect("valid JSON")
    }

    #[test]
    fn json_matches_awscli() {
        assert_eq!(
            json(&value(SCALARS)),
            r#"[
    "alpha",
    2,
    3.5,
    true,
    null,
    "é日本"
]
"#
        );
        assert_eq!(
            json(&value(FLOATS)),
            r#"{
    "Floats": [
        1.0,
        1e+16,
        1000000000000000.0,
        0.1,
        1e-05,
        0.0001,
        -0.0,
        1.5e+300,
        123.456,
        2.5e-07,
        100,
        -7,
        18446744073709551615,
        -9223372036854775808
    ]
}
"#
        );
        assert_eq!(
            json(&value(STRINGS)),
            concat!("{\n", "    \"S\": \"quote\\\" back\\\\ nl\\n tab\\t ctl\\u0001\\u001f del\u{7f} é 日本 😀 \u{2028}\"\n", "}\n",)
        );
        assert_eq!(
            json(&value(EMPTY)),
            r#"{
    "A": [],
    "B": {},
    "C": "",
    "D": [
        []
    ],
    "E": [
        {}
    ]
}
"#
        );
        assert_eq!(
            json(&value(r#""plain""#)),
            r#""plain"
"#
        );
        assert_eq!(
            json(&value(r#"null"#)),
            r#"null
"#
        );
        assert_eq!(json(&value(r#"{}"#)), "");
        assert_eq!(
            json(&value(r#"[]"#)),
            r#"[]
"#
        );
    }

    #[test]
    fn floats_print_as_python_repr() {
        // Ties between two shortest forms go to the even digit, as in Python (Rust's `{}` says ...827.3).
        assert_eq!(py_float(-677463614765827.2), "-677463614765827.2");
        assert_eq!(py_float(0.30000000000000004), "0.30000000000000004");
        assert_eq!(py_float(2984526845616.0312), "2984526845616.0312");
        assert_eq!(py_float(5e-324), "5e-324");
        assert_eq!(py_float(1.7976931348623157e+308), "1.7976931348623157e+308");
    }

    #[test]
    fn text_matches_awscli() {
        assert_eq!(
            text(&value(NESTED)),
            concat!(
                "None\t0.1\n",
                "ITEMS\t3\tTrue\t\ta1\n",
                "TAGS\tenv\tprod\n",
                "TAGS\tteam\t核心\n",
                "ITEMS\t0\tFalse\tNone\tb2\n",
                "NAMES\tx\n",
                "NAMES\ty\n",
            )
        );
        assert_eq!(
            text(&value(FLOATS)),
            concat!(
                "FLOATS\t1.0\n",
                "FLOATS\t1e+16\n",
                "FLOATS\t1000000000000000.0\n",
                "FLOATS\t0.1\n",
                "FLOATS\t1e-05\n",
                "FLOATS\t0.0001\n",
                "FLOATS\t-0.0\n",
                "FLOATS\t1.5e+300\n",
                "FLOATS\t123.456\n",
                "FLOATS\t2.5e-07\n",
                "FLOATS\t100\n",
                "FLOATS\t-7\n",
                "FLOATS\t18446744073709551615\n",
                "FLOATS\t-9223372036854775808\n",
            )
        );
        assert_eq!(text(&value(STRINGS)), concat!("quote\" back\\ nl\n", " tab\t ctl\u{1}\u{1f} del\u{7f} é 日本 😀 \u{2028}\n",));
        assert_eq!(
            text(&value(EMPTY)),
            r#"
"#
        );
        assert_eq!(
            text(&value(LISTS)),
            concat!("MATRIX\t1\n", "MATRIX\t2\n", "MATRIX\t3\n", "MATRIX\t4\n", "MIXED\ta\n", "MIXED\td\n", "MIXED\tb\n", "MIXED\tc\n",)
        );
        assert_eq!(text(&value(ODD)), concat!("ROWS\t1\t\n", "B\tdeep\n", "ROWS\t[1, 'two', {'k': \"it's\"}]\tc2\n",));
        assert_eq!(text(&value(SCALARS)), "alpha\t2\t3.5\tTrue\tNone\té日本\n");
        assert_eq!(
            text(&value(r#""plain""#)),
            r#"plain
"#
        );
        assert_eq!(
            text(&value(r#"null"#)),
            r#"None
"#
        );
        assert_eq!(
            text(&value(r#"true"#)),
            r#"True
"#
        );
        assert_eq!(text(&value(r#"[]"#)), "");
    }

    #[test]
    fn table_matches_awscli() {
        assert_eq!(
            table("ListThings", &value(NESTED), 80),
            r#"---------------------------------------
|             ListThings              |
+---------------------+---------------+
|      NextToken      |     Ratio     |
+---------------------+---------------+
|  None               |  0.1          |
+---------------------+---------------+
||               Items               ||
|+-------+-----------+---------+-----+|
|| Count |  Enabled  |  Extra  | Id  ||
|+-------+-----------+---------+-----+|
||  3    |  True     |         |  a1 ||
|+-------+-----------+---------+-----+|
|||              Tags               |||
||+--------------+------------------+||
|||      Key     |      Value       |||
||+--------------+------------------+||
|||  env         |  prod            |||
|||  team        |  核心            |||
||+--------------+------------------+||
||               Items               ||
|+-------+-----------+---------+-----+|
|| Count |  Enabled  |  Extra  | Id  ||
|+-------+-----------+---------+-----+|
||  0    |  False    |  None   |  b2 ||
|+-------+-----------+---------+-----+|
||               Names               ||
|+-----------------------------------+|
||  x                                ||
||  y                                ||
|+-----------------------------------+|
"#
        );
        assert_eq!(
            table("ListThings", &value(ODD), 80),
            r#"---------------------------------------
|             ListThings              |
+-------------------------------------+
||               Rows                ||
|+----------------+------------------+|
||        A       |        C         ||
|+----------------+------------------+|
||  1             |                  ||
|+----------------+------------------+|
|||                A                |||
||+---------------------------------+||
|||                B                |||
||+-----------+---------------------+||
|||  X        |  deep               |||
||+-----------+---------------------+||
||               Rows                ||
|+-----------------------------+-----+|
||              A              |  C  ||
|+-----------------------------+-----+|
||  [1, 'two', {'k': "it's"}]  |  c2 ||
|+-----------------------------+-----+|
|||                A                |||
||+---------------------------------+||
|||  1                              |||
|||  two                            |||
|||  k                              |||
||+---------------------------------+||
"#
        );
        assert_eq!(
            table("ListThings", &value(EMPTY), 80),
            r#"------------
|ListThings|
+-----+----+
|  C  |    |
+-----+----+
||    D   ||
||    E   ||
"#
        );
        assert_eq!(
            table("ListThings", &value(LISTS2), 80),
            r#"--------------
| ListThings |
+------------+
||  Matrix  ||
|+----+-----+|
||  1 |  2  ||
||  3 |  4  ||
|+----+-----+|
||   Mixed  ||
|+----------+|
||  a       ||
||  d       ||
||  b       ||
|+----------+|
"#
        );
        assert_eq!(
            table("ListThings", &value(SCALARS), 80),
            r#"------------
|ListThings|
+----------+
|  alpha   |
|  2       |
|  3.5     |
|  True    |
|  None    |
|  é日本  |
+----------+
"#
        );
        assert_eq!(
            table("ListThings", &value(r#""plain""#), 80),
            r#"------------
|ListThings|
+----------+
"#
        );
        assert_eq!(table("ListThings", &value(r#"0"#), 80), "");
        assert_eq!(table("ListThings", &value(r#"[]"#), 80), "");
    }

    #[test]
    fn table_turns_vertical_when_too_wide() {
        assert_eq!(
            table("ListThings", &value(WIDE), 80),
            r#"-------------------------------------------------------------------------------
|                                 ListThings                                  |
+--------------------------+--------------------------------------------------+
|  Owner                   |  123456789012                                    |
+--------------------------+--------------------------------------------------+
||                                 Instance                                  ||
|+------------------------+-----------------------+---------------+----------+|
||         ImageId        |      InstanceId       | InstanceType  |  State   ||
|+------------------------+-----------------------+---------------+----------+|
||  ami-0123456789abcdef0 |  i-0abcdef1234567890  |  t3.micro     |  running ||
|+------------------------+-----------------------+---------------+----------+|
"#
        );
        assert_eq!(
            table("ListThings", &value(WIDE), 40),
            r#"---------------------------------------------
|                ListThings                 |
+--------------+----------------------------+
|  Owner       |  123456789012              |
+--------------+----------------------------+
||                Instance                 ||
|+---------------+-------------------------+|
||  ImageId      |  ami-0123456789abcdef0  ||
||  InstanceId   |  i-0abcdef1234567890    ||
||  InstanceType |  t3.micro               ||
||  State        |  running                ||
|+---------------+-------------------------+|
"#
        );
    }
}
