//! The crate around the types: `Cargo.toml`, `lib.rs`, `types/mod.rs` and the vendored runtime.

use super::{FileContent, Sink};
use crate::naming::ident;
use crate::plan::CratePlan;
use quote::quote;

const RT: &str = include_str!("../../../runtime/src/base.rs");
const RT_JSON: &str = include_str!("../../../runtime/src/json.rs");
const RT_JSON_PATH: &str = include_str!("../../../runtime/src/json_path.rs");
const RT_LEX: &str = include_str!("../../../runtime/src/lex.rs");
const RT_TS: &str = include_str!("../../../runtime/src/ts.rs");
const RT_BLOB: &str = include_str!("../../../runtime/src/blob.rs");
const RT_FLOAT: &str = include_str!("../../../runtime/src/float.rs");
const RT_VALIDATE: &str = include_str!("../../../runtime/src/validate.rs");
/// The client runtime: file name and text, all included when the crate has a client.
const RT_CLIENT: &[(&str, &str)] = &[
    ("attempt", include_str!("../../../runtime/src/attempt.rs")),
    ("client", include_str!("../../../runtime/src/client.rs")),
    ("config", include_str!("../../../runtime/src/config.rs")),
    ("credentials", include_str!("../../../runtime/src/credentials.rs")),
    ("http", include_str!("../../../runtime/src/http.rs")),
    ("https", include_str!("../../../runtime/src/https.rs")),
    ("operation", include_str!("../../../runtime/src/operation.rs")),
    ("paginate", include_str!("../../../runtime/src/paginate.rs")),
    ("profile", include_str!("../../../runtime/src/profile.rs")),
    ("provider", include_str!("../../../runtime/src/provider.rs")),
    ("response", include_str!("../../../runtime/src/response.rs")),
    ("retry", include_str!("../../../runtime/src/retry.rs")),
    ("sdk_config", include_str!("../../../runtime/src/sdk_config.rs")),
    ("stub", include_str!("../../../runtime/src/stub.rs")),
    ("transport", include_str!("../../../runtime/src/transport.rs")),
];
/// The command-line tool, gated by the `cli` feature.
const RT_CLI: &[(&str, &str)] = &[
    ("cli", include_str!("../../../runtime/src/cli.rs")),
    ("cli_args", include_str!("../../../runtime/src/cli_args.rs")),
    ("cli_output", include_str!("../../../runtime/src/cli_output.rs")),
    ("cli_schema", include_str!("../../../runtime/src/cli_schema.rs")),
];
/// Only for crates with an operation that needs them.
const RT_COMPRESS: &str = include_str!("../../../runtime/src/compress.rs");
const RT_CHECKSUM: &str = include_str!("../../../runtime/src/checksum.rs");
const RT_ENDPOINT: &str = include_str!("../../../runtime/src/endpoint.rs");

pub fn emit(plan: &CratePlan, sink: &mut Sink) {
    sink.insert("Cargo.toml".into(), FileContent::Text(cargo_toml(plan)));
    // The layout is the generator's (prettyplease): `cargo fmt` must leave the crate as generated,
    // or `regen --check` would fail after a workspace-wide `cargo fmt --all`.
    sink.insert("rustfmt.toml".into(), FileContent::Text("disable_all_formatting = true\n".into()));
    sink.insert("src/lib.rs".into(), FileContent::Rust(super::Rust::Lib));
    sink.insert("src/types/mod.rs".into(), FileContent::Rust(super::Rust::TypesMod));
    let parts = plan.runtime;
    let mut rt = without_tests(RT);
    let mut vendor = |name: &str, text: &str, decl: &str| {
        rt.push_str(decl);
        sink.insert(format!("src/rt/{name}.rs"), FileContent::Text(without_tests(text)));
    };
    vendor("json", RT_JSON, "\npub mod json;\nmod json_path;\nmod lex;\n");
    vendor("json_path", RT_JSON_PATH, "");
    vendor("lex", RT_LEX, "");
    if parts.timestamps {
        vendor("ts", RT_TS, "\npub mod ts;\npub use ts::DateTime;\n");
    } else if parts.client {
        // The tool reads and writes timestamps whatever the model has.
        vendor("ts", RT_TS, "\n#[cfg(feature = \"cli\")]\npub mod ts;\n");
    }
    if parts.floats {
        vendor("float", RT_FLOAT, "\npub mod float;\n");
    }
    if parts.blobs {
        vendor("blob", RT_BLOB, "\nmod blob;\npub use blob::Blob;\n");
    }
    if parts.validation {
        vendor("validate", RT_VALIDATE, "\npub mod validate;\n");
    }
    if parts.endpoints {
        vendor("endpoint", RT_ENDPOINT, "\npub mod endpoint;\n");
    }
    if parts.client {
        for (name, text) in RT_CLIENT {
            let gate = if *name == "stub" { "\n#[cfg(feature = \"test-util\")]" } else { "" };
            vendor(name, text, &format!("{gate}\npub mod {name};"));
        }
        for (name, text) in RT_CLI {
            vendor(name, text, &format!("\n#[cfg(feature = \"cli\")]\npub mod {name};"));
        }
        if parts.compression {
            vendor("compress", RT_COMPRESS, "\npub mod compress;");
        }
        if parts.checksums {
            vendor("checksum", RT_CHECKSUM, "\npub mod checksum;");
        }
        rt.push('\n');
    }
    sink.insert("src/rt/mod.rs".into(), FileContent::Text(rt));
}

/// A runtime source file without its unit tests: they are the runtime crate's, not the
/// generated crate's (by convention the `#[cfg(test)] mod tests` block ends the file).
fn without_tests(text: &str) -> String {
    match text.find("\n#[cfg(test)]\nmod tests {") {
        Some(at) => format!("{}\n", text[..at].trim_end()),
        None => text.to_string(),
    }
}

/// The crate manifest; dependencies are only those the plan uses, sorted.
pub fn cargo_toml(plan: &CratePlan) -> String {
    let mut deps = vec![("serde", r#""1.0.200""#), ("serde_json", r#""1.0.100""#), ("simdutf8", r#""0.1.5""#)];
    let parts = plan.runtime;
    if parts.timestamps || parts.client {
        deps.push(("aws-smithy-types", r#""1.3""#));
    }
    if parts.endpoints && !parts.client {
        deps.push(("percent-encoding", r#""2.3""#));
    }
    let mut features = String::new();
    if parts.client {
        deps.extend([
            ("aws-credential-types", r#"{ version = "1.2", features = ["hardcoded-credentials"] }"#),
            ("aws-sigv4", r#"{ version = "1.3", default-features = false, features = ["sign-http", "http1"] }"#),
            ("aws-smithy-runtime-api", r#"{ version = "1.7", default-features = false, features = ["client"] }"#),
            ("bytes", r#""1""#),
            ("fastrand", r#""2""#),
            ("http", r#""1""#),
            ("percent-encoding", r#""2.3""#),
            ("aws-types", r#"{ version = "1", optional = true }"#),
            ("http-body-util", r#"{ version = "0.1", optional = true }"#),
            ("hyper-rustls", r#"{ version = "0.27", default-features = false, features = ["http1", "http2", "ring", "tls12"], optional = true }"#),
            ("hyper-util", r#"{ version = "0.1", default-features = false, features = ["client-legacy", "http1", "http2", "tokio"], optional = true }"#),
            ("rustls", r#"{ version = "0.23", default-features = false, features = ["ring", "std", "tls12"], optional = true }"#),
            ("webpki-roots", r#"{ version = "1", optional = true }"#),
            ("tokio", r#"{ version = "1", features = ["time"], optional = true }"#),
            ("clap", r#"{ version = "4.5", default-features = false, features = ["std", "error-context", "string"], optional = true }"#),
            ("jmespath", r#"{ version = "0.5", optional = true }"#),
        ]);
        features = "\n[features]\n# The default transport (hyper, rustls with ring, HTTP/1.1 and HTTP/2, Tokio). Without it: types, sans-IO operations, and a client over your own `Transport`.\ndefault = [\"default-https-client\"]\ndefault-https-client = [\"dep:http-body-util\", \"dep:hyper-rustls\", \"dep:hyper-util\", \"dep:rustls\", \"dep:tokio\", \"dep:webpki-roots\"]\n# `Config::from_sdk_config(&aws_types::SdkConfig)`: aws-config's credential chain and shared settings.\nsdk-config = [\"dep:aws-types\"]\n# The in-memory stub (`stub::Stub`) for testing code that calls the service: enable it in dev-dependencies.\ntest-util = []\n# The command-line tool, a binary named after the crate: `cargo run --features cli -- help`.\ncli = [\"default-https-client\", \"dep:clap\", \"dep:jmespath\", \"tokio/rt\", \"tokio/signal\", \"tokio/macros\", \"tokio/net\"]\n".to_string();
    }
    if parts.client {
        features.push_str(&format!(
            "\n[[bin]]\nname = \"{}\"\npath = \"src/main.rs\"\nrequired-features = [\"cli\"]\ndoc = false\n",
            plan.crate_name
        ));
    }
    if parts.blobs || parts.checksums {
        deps.push(("base64", r#""0.22""#));
    }
    if parts.compression {
        deps.push(("flate2", r#""1""#));
    }
    if parts.checksums {
        deps.push(("md-5", r#""0.10""#));
    }
    if !plan.patterns.is_empty() || parts.endpoints {
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
    if !plan.limits.is_empty() {
        lines.extend([String::new(), "# Not generated".to_string(), String::new()]);
        lines.extend(plan.limits.iter().map(|l| format!("- {l}")));
    }
    let lines = lines.iter().map(|l| if l.is_empty() { String::new() } else { format!(" {l}") });
    let patterns = (!plan.patterns.is_empty()).then(|| {
        quote!(
            mod patterns;
        )
    });
    let client = plan.client.as_ref().map(|_| {
        quote! {
            #[cfg(feature = "cli")]
            pub mod cli;
            pub mod client;
            pub mod operation;
            #[cfg(feature = "test-util")]
            pub mod stub;
            pub use client::{Client, Config, Credentials};
        }
    });
    let endpoint = plan.endpoints.as_ref().map(|_| {
        quote!(
            pub mod endpoint;
        )
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
        #endpoint
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
    let builders = plan.types.values().filter_map(|t| Some((t, t.builder.as_ref()?))).map(|(t, b)| {
        let m = ident(&t.module);
        let b = ident(b);
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
