//! Rust names for model names: the one place where casing and keyword escaping are decided.

use heck::{ToSnakeCase, ToUpperCamelCase};

/// Keywords of every Rust edition (strict and reserved), which need `r#` as identifiers.
const KEYWORDS: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "dyn", "else", "enum", "extern", "false", "fn", "for", "gen", "if", "impl", "in",
    "let", "loop", "match", "mod", "move", "mut", "pub", "ref", "return", "static", "struct", "trait", "true", "type", "unsafe", "use",
    "where", "while", "abstract", "become", "box", "do", "final", "macro", "override", "priv", "try", "typeof", "unsized", "virtual",
    "yield",
];

/// Keywords that cannot be raw identifiers; these get a trailing `_`.
const NOT_RAW: &[&str] = &["self", "Self", "super", "crate", "_"];

/// Type names the generated crate itself uses at its root or in the client; model shapes with these
/// names are renamed (with a note in their docs).
pub const RESERVED_TYPE_NAMES: &[&str] = &["Client", "Config", "Error", "Builder"];

/// Field/method names the generated impls themselves define.
pub const RESERVED_FIELD_NAMES: &[&str] = &["build", "builder", "validate"];

/// `RealTimeContactAnalysisSegmentType` → same; `CASE_FIELD` → `CaseField`; `en-US` → `EnUs`;
/// `Self` → `SelfValue` (as smithy-rs does; `Self_` would make `Self_Builder`, which is not camel case).
pub fn type_name(model_name: &str) -> String {
    let mut name = model_name.to_upper_camel_case();
    if name.is_empty() || name.starts_with(|c: char| c.is_ascii_digit()) {
        name.insert(0, 'V');
    }
    if name == "Self" {
        name.push_str("Value");
    }
    name
}

/// `BeginOffsetChar` → `begin_offset_char`, `Type` → `r#type`.
pub fn field_name(model_name: &str) -> String {
    let mut name = model_name.to_snake_case();
    if name.is_empty() || name.starts_with(|c: char| c.is_ascii_digit()) {
        name.insert(0, '_');
    }
    if NOT_RAW.contains(&name.as_str()) {
        name.push('_');
    } else if KEYWORDS.contains(&name.as_str()) {
        name.insert_str(0, "r#");
    }
    name
}

/// Modules that `types/mod.rs` defines itself.
const RESERVED_MODULE_NAMES: &[&str] = &["builders"];

/// Module (and file) name of a type: snake case; keywords and the names in
/// [`RESERVED_MODULE_NAMES`] are suffixed with `_` so file names stay plain.
pub fn module_name(type_name: &str) -> String {
    let mut name = type_name.to_snake_case();
    if KEYWORDS.contains(&name.as_str()) || NOT_RAW.contains(&name.as_str()) || RESERVED_MODULE_NAMES.contains(&name.as_str()) {
        name.push('_');
    }
    name
}

/// The identifier text without `r#`, for building derived names (`set_type`).
pub fn bare(ident: &str) -> &str {
    ident.strip_prefix("r#").unwrap_or(ident)
}

/// Crate name from the service's sdkId (`Connect Contact Lens` → `connect-contact-lens`).
pub fn crate_name(sdk_id: &str) -> String {
    heck::ToKebabCase::to_kebab_case(sdk_id)
}

/// A quote-able identifier (handles `r#`).
pub fn ident(name: &str) -> proc_macro2::Ident {
    match name.strip_prefix("r#") {
        Some(raw) => proc_macro2::Ident::new_raw(raw, proc_macro2::Span::call_site()),
        None => proc_macro2::Ident::new(name, proc_macro2::Span::call_site()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn types_are_upper_camel() {
        assert_eq!(type_name("RealtimeContactAnalysisSegment"), "RealtimeContactAnalysisSegment");
        assert_eq!(type_name("CASE_FIELD"), "CaseField");
        assert_eq!(type_name("EN_US"), "EnUs");
        assert_eq!(type_name("Self"), "SelfValue");
        assert_eq!(type_name("1st"), "V1st");
    }

    #[test]
    fn fields_are_snake_and_escaped() {
        assert_eq!(field_name("BeginOffsetChar"), "begin_offset_char");
        assert_eq!(field_name("Type"), "r#type");
        assert_eq!(field_name("self"), "self_");
        assert_eq!(field_name("key"), "key");
        assert_eq!(field_name("ARN"), "arn");
    }

    #[test]
    fn modules_avoid_keywords() {
        assert_eq!(module_name("Type"), "type_");
        assert_eq!(module_name("Builders"), "builders_");
        assert_eq!(module_name("RealTimeContactAnalysisSegmentType"), "real_time_contact_analysis_segment_type");
        assert_eq!(crate_name("Connect Contact Lens"), "connect-contact-lens");
    }
}
