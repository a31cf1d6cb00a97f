//! Emit: plans → token streams, one small module per shape kind, collected in an ordered sink.

mod client;
mod crate_files;
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

/// One generated file before formatting: Rust tokens, or text emitted as is.
pub enum FileContent {
    Rust(TokenStream),
    Text(String),
}

/// Ordered output sink keyed by the file's path inside the crate, so output order never depends on
/// traversal order.
pub type Sink = BTreeMap<String, FileContent>;

/// Every file of the crate, unformatted.
pub fn emit(plan: &CratePlan) -> Sink {
    let mut sink = Sink::new();
    crate_files::emit(plan, &mut sink);
    if !plan.patterns.is_empty() {
        sink.insert("src/patterns.rs".into(), FileContent::Rust(validate::patterns(plan)));
    }
    if let Some(client) = &plan.client {
        sink.insert("src/operation/mod.rs".into(), FileContent::Rust(operation::emit_mod(client)));
        for op in &client.operations {
            sink.insert(format!("src/operation/{}.rs", op.module), FileContent::Rust(operation::emit(op)));
        }
        sink.insert("src/client.rs".into(), FileContent::Rust(client::emit_client(plan, client)));
        sink.insert("src/stub.rs".into(), FileContent::Rust(client::emit_stub(client)));
    }
    for tp in plan.types.values() {
        let tokens = match &tp.kind {
            TypeKind::Struct(s) => {
                let (t, v) = (structure::emit(tp, s), validate::emit(tp));
                quote!(#t #v)
            }
            TypeKind::Union(u) => {
                let (t, v) = (union::emit(tp, u), validate::emit(tp));
                quote!(#t #v)
            }
            TypeKind::Enum(v) => enum_::emit_enum(tp, v),
            TypeKind::IntEnum(v) => enum_::emit_int_enum(tp, v),
        };
        sink.insert(format!("src/types/{}.rs", tp.module), FileContent::Rust(tokens));
    }
    sink
}

/// `#[doc = " line"]` per line, so prettyplease prints `///` comments.
pub(crate) fn doc_attrs(lines: &[String]) -> TokenStream {
    let lines = lines.iter().map(|l| if l.is_empty() { String::new() } else { format!(" {l}") });
    quote! { #( #[doc = #lines] )* }
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

/// The marker type of a timestamp format in the runtime.
pub(crate) fn ts_format(format: &str) -> TokenStream {
    match format {
        "date-time" => quote!(crate::rt::ts::DateTimeFormat),
        "http-date" => quote!(crate::rt::ts::HttpDate),
        _ => quote!(crate::rt::ts::EpochSeconds),
    }
}
