//! Emit: plans → token streams, one small module per shape kind, collected in an ordered sink.

mod cli;
mod client;
mod crate_files;
mod endpoint;
mod endpoint_tests;
mod enum_;
mod operation;
mod structure;
mod structure_serde;
mod union;
mod validate;

use crate::plan::{CratePlan, Ty, TypeKind};
use proc_macro2::TokenStream;
use quote::quote;
use std::collections::BTreeMap;

pub use crate_files::cargo_toml;

/// One output file, before formatting: final text, or which Rust file to emit. Rust files are
/// emitted where they are formatted (on worker threads; token streams cannot cross threads).
pub enum FileContent<'p> {
    Rust(Rust<'p>),
    Text(String),
}

/// A Rust file of the crate, emitted by [`render`].
#[derive(Clone, Copy)]
pub enum Rust<'p> {
    Lib,
    TypesMod,
    Patterns,
    OperationMod,
    Operation(&'p crate::plan::OperationPlan),
    Client,
    Cli,
    Main,
    Stub,
    Endpoint,
    EndpointTests,
    Type(&'p crate::plan::TypePlan),
}

/// Ordered output sink keyed by the file's path inside the crate, so output order never depends on
/// traversal order.
pub type Sink<'p> = BTreeMap<String, FileContent<'p>>;

/// Every file of the crate planned by `plan`.
pub fn emit(plan: &CratePlan) -> Sink<'_> {
    let mut sink = Sink::new();
    crate_files::emit(plan, &mut sink);
    if !plan.patterns.is_empty() {
        sink.insert("src/patterns.rs".into(), FileContent::Rust(Rust::Patterns));
    }
    if let Some(client) = &plan.client {
        sink.insert("src/operation/mod.rs".into(), FileContent::Rust(Rust::OperationMod));
        for op in &client.operations {
            sink.insert(format!("src/operation/{}.rs", op.module), FileContent::Rust(Rust::Operation(op)));
        }
        sink.insert("src/client.rs".into(), FileContent::Rust(Rust::Client));
        sink.insert("src/stub.rs".into(), FileContent::Rust(Rust::Stub));
    }
    if plan.cli.is_some() {
        sink.insert("src/cli.rs".into(), FileContent::Rust(Rust::Cli));
        sink.insert("src/main.rs".into(), FileContent::Rust(Rust::Main));
    }
    if let Some(ep) = &plan.endpoints {
        sink.insert("src/endpoint/mod.rs".into(), FileContent::Rust(Rust::Endpoint));
        if !ep.tests.is_empty() {
            sink.insert("src/endpoint/tests.rs".into(), FileContent::Rust(Rust::EndpointTests));
        }
    }
    for tp in plan.types.values() {
        sink.insert(format!("src/types/{}.rs", tp.module), FileContent::Rust(Rust::Type(tp)));
    }
    sink
}

/// The tokens of one Rust file.
pub fn render(plan: &CratePlan, file: Rust<'_>) -> TokenStream {
    let client = || plan.client.as_ref().expect("client files are planned only with a client");
    match file {
        Rust::Lib => crate_files::lib_rs(plan),
        Rust::TypesMod => crate_files::types_mod(plan),
        Rust::Patterns => validate::patterns(plan),
        Rust::OperationMod => operation::emit_mod(client()),
        Rust::Operation(op) => operation::emit(op),
        Rust::Client => client::emit_client(plan, client()),
        Rust::Stub => client::emit_stub(client()),
        Rust::Cli => cli::emit(plan, plan.cli.as_ref().expect("planned with the client")),
        Rust::Main => cli::main_rs(plan),
        Rust::Endpoint => endpoint::emit(plan, plan.endpoints.as_ref().expect("planned with endpoints")),
        Rust::EndpointTests => endpoint_tests::emit(plan.endpoints.as_ref().expect("planned with endpoints")),
        Rust::Type(tp) => match &tp.kind {
            // The type and its API first, the wire code (JSON writer and reader) last: a reader of
            // the file sees the type before how it travels.
            // Services of a protocol without a client here (XML, Query, CBOR) get no JSON wire code.
            TypeKind::Struct(s) => {
                let (t, v) = (structure::emit(tp, s), validate::emit(tp));
                let w = plan.json.then(|| structure_serde::emit(tp, &s.fields));
                quote!(#t #v #w)
            }
            TypeKind::Union(u) => {
                let ((t, w), v) = (union::emit(tp, u), validate::emit(tp));
                let w = plan.json.then_some(w);
                quote!(#t #v #w)
            }
            TypeKind::Enum(v) => enum_::emit_enum(tp, v, plan.json),
            TypeKind::IntEnum(v) => enum_::emit_int_enum(tp, v, plan.json),
        },
    }
}

/// `#[doc = " line"]` per line, so prettyplease prints `///` comments.
pub(crate) fn doc_attrs(lines: &[String]) -> TokenStream {
    let lines = lines.iter().map(|l| if l.is_empty() { String::new() } else { format!(" {l}") });
    quote! { #( #[doc = #lines] )* }
}

/// The Rust type of a structure field: the value's type, boxed for recursion, in an `Option` when optional.
pub(crate) fn field_type(f: &crate::plan::FieldPlan) -> TokenStream {
    let mut t = ty(&f.ty);
    if f.boxed {
        t = quote!(::std::boxed::Box<#t>);
    }
    if f.optional {
        t = quote!(::std::option::Option<#t>);
    }
    t
}

/// The Rust type of a value (absolute paths, so model names never collide with std).
pub(crate) fn ty(t: &Ty) -> TokenStream {
    match t {
        Ty::String => quote!(::std::string::String),
        Ty::Bool => quote!(bool),
        Ty::I8 => quote!(i8),
        Ty::I16 => quote!(i16),
        Ty::I32 => quote!(i32),
        Ty::I64 => quote!(i64),
        Ty::F32 => quote!(f32),
        Ty::F64 => quote!(f64),
        Ty::BigInteger | Ty::BigDecimal => quote!(::serde_json::Number),
        Ty::Timestamp => quote!(crate::rt::DateTime),
        Ty::Blob => quote!(crate::rt::Blob),
        Ty::Document => quote!(::serde_json::Value),
        Ty::Named(name) => {
            let name = crate::naming::ident(name);
            quote!(crate::types::#name)
        }
        Ty::List(inner, sparse) => {
            let inner = ty(inner);
            if *sparse { quote!(::std::vec::Vec<::std::option::Option<#inner>>) } else { quote!(::std::vec::Vec<#inner>) }
        }
        Ty::Map(k, v, sparse) => {
            let (k, v) = (ty(k), ty(v));
            if *sparse {
                quote!(::std::collections::HashMap<#k, ::std::option::Option<#v>>)
            } else {
                quote!(::std::collections::HashMap<#k, #v>)
            }
        }
    }
}

/// `#[inline]` on a function the crate itself never calls (a reader of a type only sent, a
/// validator of a type only received): it is then compiled only in the crates that call it, not
/// with every build of this one.
pub(crate) fn deferred(used_by_crate: bool) -> Option<TokenStream> {
    (!used_by_crate).then(|| quote!(#[inline]))
}

/// The marker type of a timestamp format in the runtime.
pub(crate) fn ts_format(format: &str) -> TokenStream {
    match format {
        "date-time" => quote!(crate::rt::ts::DateTimeFormat),
        "http-date" => quote!(crate::rt::ts::HttpDate),
        _ => quote!(crate::rt::ts::EpochSeconds),
    }
}
