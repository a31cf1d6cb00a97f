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
/// The crate of a service: its `sdkId` (or, without one, its shape name) split into words on spaces
/// and hyphens only, lowercased, joined by `-`, as the AWS SDKs name their packages. Never split on
/// capitals: `IoTSiteWise` is `iotsitewise`, not `io-t-site-wise`. Characters a crate name cannot
/// hold are dropped; a name that would start with a digit gets a `service-` prefix.
pub fn crate_name(sdk_id: &str) -> String {
    let words: Vec<String> = sdk_id
        .split([' ', '-'])
        .map(|w| w.chars().filter(|c| c.is_ascii_alphanumeric() || *c == '_').collect::<String>().to_ascii_lowercase())
        .filter(|w| !w.is_empty())
        .collect();
    let name = words.join("-");
    if name.is_empty() || name.starts_with(|c: char| c.is_ascii_digit()) { format!("service-{name}") } else { name }
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
    }

    #[test]
    fn crates_are_named_after_the_sdk_id_words() {
        for (sdk_id, name) in [
            ("Connect Contact Lens", "connect-contact-lens"),
            ("IoTSiteWise", "iotsitewise"),
            ("IoT Events Data", "iot-events-data"),
            ("IoT", "iot"),
            ("XRay", "xray"),
            ("MTurk", "mturk"),
            ("QBusiness", "qbusiness"),
            ("ACM PCA", "acm-pca"),
            ("Route 53", "route-53"),
            ("CloudWatch Logs", "cloudwatch-logs"),
            ("SSO OIDC", "sso-oidc"),
            ("Marketplace-Entitlement Service", "marketplace-entitlement-service"),
            ("3D Thing", "service-3d-thing"),
        ] {
            assert_eq!(crate_name(sdk_id), name, "{sdk_id}");
        }
    }
}
