//! The crate around the types: `Cargo.toml`, `lib.rs`, `types/mod.rs` and the vendored runtime.

use super::{FileContent, Sink};
use crate::naming::ident;
use crate::plan::CratePlan;
use quote::{format_ident, quote};

const RT: &str = include_str!("../runtime/rt.rs");
const RT_JSON: &str = include_str!("../runtime/json.rs");
const RT_LEX: &str = include_str!("../runtime/lex.rs");
const RT_TS: &str = include_str!("../runtime/ts.rs");
const RT_BLOB: &str = include_str!("../runtime/blob.rs");
const RT_FLOAT: &str = include_str!("../runtime/float.rs");
const RT_VALIDATE: &str = include_str!("../runtime/validate.rs");
/// The client runtime: file name and text, all included when the crate has a client.
const RT_CLIENT: &[(&str, &str)] = &[
    ("client", include_str!("../runtime/client.rs")),
    ("config", include_str!("../runtime/config.rs")),
    ("http", include_str!("../runtime/http.rs")),
    ("operation", include_str!("../runtime/operation.rs")),
    ("paginate", include_str!("../runtime/paginate.rs")),
    ("response", include_str!("../runtime/response.rs")),
    ("stub", include_str!("../runtime/stub.rs")),
    ("transport", include_str!("../runtime/transport.rs")),
];
/// Only for crates with an operation that needs them.
const RT_COMPRESS: &str = include_str!("../runtime/compress.rs");
const RT_CHECKSUM: &str = include_str!("../runtime/checksum.rs");

pub fn emit(plan: &CratePlan, sink: &mut Sink) {
    sink.insert("Cargo.toml".into(), FileContent::Text(cargo_toml(plan)));
    // The layout is the generator's (prettyplease): `cargo fmt` must leave the crate as generated,
    // or `regen --check` would fail after a workspace-wide `cargo fmt --all`.
    sink.insert("rustfmt.toml".into(), FileContent::Text("disable_all_formatting = true\n".into()));
    sink.insert("src/lib.rs".into(), FileContent::Rust(super::Rust::Lib));
    sink.insert("src/types/mod.rs".into(), FileContent::Rust(super::Rust::TypesMod));
    let mut rt = RT.to_string();
    rt.push_str("\npub mod json;\nmod lex;\n");
    sink.insert("src/rt/json.rs".into(), FileContent::Text(RT_JSON.to_string()));
    sink.insert("src/rt/lex.rs".into(), FileContent::Text(RT_LEX.to_string()));
    if plan.uses_timestamps {
        rt.push_str("\npub mod ts;\npub use ts::DateTime;\n");
        sink.insert("src/rt/ts.rs".into(), FileContent::Text(RT_TS.to_string()));
    }
    if plan.uses_floats {
        rt.push_str("\npub mod float;\n");
        sink.insert("src/rt/float.rs".into(), FileContent::Text(RT_FLOAT.to_string()));
    }
    if plan.uses_blobs {
        rt.push_str("\nmod blob;\npub use blob::Blob;\n");
        sink.insert("src/rt/blob.rs".into(), FileContent::Text(RT_BLOB.to_string()));
    }
    if plan.uses_validation() || plan.client.is_some() {
        rt.push_str("\npub mod validate;\n");
        sink.insert("src/rt/validate.rs".into(), FileContent::Text(RT_VALIDATE.to_string()));
    }
    if plan.client.is_some() {
        for (name, text) in RT_CLIENT {
            if *name == "stub" {
                rt.push_str("\n#[cfg(feature = \"test-util\")]");
            }
            rt.push_str(&format!("\npub mod {name};"));
            sink.insert(format!("src/rt/{name}.rs"), FileContent::Text(text.to_string()));
        }
        if uses_gzip(plan) {
            rt.push_str("\npub mod compress;");
            sink.insert("src/rt/compress.rs".into(), FileContent::Text(RT_COMPRESS.to_string()));
        }
        if uses_md5(plan) {
            rt.push_str("\npub mod checksum;");
            sink.insert("src/rt/checksum.rs".into(), FileContent::Text(RT_CHECKSUM.to_string()));
        }
        rt.push('\n');
    }
    sink.insert("src/rt/mod.rs".into(), FileContent::Text(rt));
}

fn uses_gzip(plan: &CratePlan) -> bool {
    plan.client.iter().flat_map(|c| &c.operations).any(|o| o.gzip)
}

fn uses_md5(plan: &CratePlan) -> bool {
    plan.client.iter().flat_map(|c| &c.operations).any(|o| o.checksum_required)
}

/// The crate manifest; dependencies are only those the plan uses, sorted.
pub fn cargo_toml(plan: &CratePlan) -> String {
    let mut deps = vec![("serde", r#""1.0.200""#), ("serde_json", r#""1.0.100""#), ("simdutf8", r#""0.1.5""#)];
    if plan.uses_timestamps || plan.client.is_some() {
        deps.push(("aws-smithy-types", r#""1.3""#));
    }
    let mut features = String::new();
    if plan.client.is_some() {
        deps.extend([
            ("aws-credential-types", r#""1.2""#),
            ("aws-sigv4", r#"{ version = "1.3", default-features = false, features = ["sign-http", "http1"] }"#),
            ("aws-smithy-runtime-api", r#"{ version = "1.7", default-features = false, features = ["client"] }"#),
            ("bytes", r#""1""#),
            ("fastrand", r#""2""#),
            ("http", r#""1""#),
            ("percent-encoding", r#""2.3""#),
            ("reqwest", r#"{ version = "0.13", default-features = false, features = ["rustls"], optional = true }"#),
            ("tokio", r#"{ version = "1", features = ["time"], optional = true }"#),
        ]);
        features = "\n[features]\n# The default transport (reqwest, rustls). Without it: types, sans-IO operations, and a client over your own `Transport`.\ndefault = [\"reqwest\"]\nreqwest = [\"dep:reqwest\", \"dep:tokio\"]\n# The in-memory stub (`stub::Stub`) for testing code that calls the service: enable it in dev-dependencies.\ntest-util = []\n".to_string();
    }
    if plan.uses_blobs || uses_md5(plan) {
        deps.push(("base64", r#""0.22""#));
    }
    if uses_gzip(plan) {
        deps.push(("flate2", r#""1""#));
    }
    if uses_md5(plan) {
        deps.push(("md-5", r#""0.10""#));
    }
    if !plan.patterns.is_empty() {
        deps.push(("regress", r#""0.12""#));
    }
    deps.sort();
    let deps: String = deps.iter().map(|(k, v)| format!("{k} = {v}\n")).collect();
    let description = format!("Rust types for {} (Smithy service {} version {})", plan.title, plan.service, plan.version);
    format!(
        "[package]\nname = \"{}\"\nversion = \"0.1.0\"\nedition = \"2021\"\ndescription = {:?}\nlicense = \"Apache-2.0\"\npublish = false\n\n[dependencies]\n{deps}{features}",
        plan.crate_name, description
    )
}

pub(super) fn lib_rs(plan: &CratePlan) -> proc_macro2::TokenStream {
    let mut lines = vec![
        plan.title.clone(),
        String::new(),
        format!(
            "Generated from the Smithy service `{}` (version `{}`). Data types live in [`types`], their builders in [`types::builders`].",
            plan.service, plan.version
        ),
    ];
    if !plan.docs.is_empty() {
        lines.push(String::new());
        lines.extend(plan.docs.iter().cloned());
    }
    let lines = lines.iter().map(|l| if l.is_empty() { String::new() } else { format!(" {l}") });
    let patterns = (!plan.patterns.is_empty()).then(|| {
        quote!(
            mod patterns;
        )
    });
    let client = plan.client.as_ref().map(|_| {
        quote! {
            pub mod client;
            pub mod operation;
            #[cfg(feature = "test-util")]
            pub mod stub;
            pub use client::{Client, Config, Credentials};
        }
    });
    quote! {
        #( #![doc = #lines] )*
        #![warn(missing_docs)]
        #![forbid(unsafe_code)]
        // Generated code is written by template: one shape of code per member whatever its name,
        // so these style lints would only flag how a template reads for one particular member.
        #![allow(clippy::redundant_field_names, clippy::collapsible_if, clippy::collapsible_match, clippy::single_match, clippy::redundant_closure)]

        #patterns
        #client
        pub mod rt;
        pub mod types;
    }
}

pub(super) fn types_mod(plan: &CratePlan) -> proc_macro2::TokenStream {
    let mods = plan.types.values().map(|t| {
        let m = ident(&t.module);
        let n = ident(&t.name);
        quote! { mod #m; pub use #m::#n; }
    });
    let builders = plan.types.values().filter(|t| matches!(t.kind, crate::plan::TypeKind::Struct(_))).map(|t| {
        let m = ident(&t.module);
        let b = format_ident!("{}Builder", t.name);
        quote! { pub use super::#m::#b; }
    });
    quote! {
        //! Data types of the service: structures, unions and enums.
        #(#mods)*

        /// Builders for the structures in [`types`](crate::types).
        pub mod builders {
            #(#builders)*
        }
    }
}
