//! `Serialize` (emitted rather than derived) and `rt::json::FromJson` for structures. Reading is
//! one pass over the JSON object through the non-generic `rt::json::Reader`, members matched by
//! their index in a table of names; writing is one `serialize_field` per member. serde's derive
//! would also emit a field enum, a sequence visitor and a wrapper type per `serialize_with` member,
//! and a `Deserialize` is compiled again for every deserializer it meets: a crate of a thousand
//! structures pays for both in compile time.
//!
//! Behaviour is that of the serde derive it replaced: unset optional members are not written; unknown
//! members are skipped, a member given twice is an error, an absent optional member is `None`, an
//! absent member with a `@default` takes it, an absent required member is a "missing field"
//! error (a document reads as `null`); timestamps go through `rt::ts`, floats are written through
//! `rt::float`.

use super::ts_format;
use crate::naming::ident;
use crate::plan::{FieldPlan, Ty, TypePlan};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

pub fn emit(tp: &TypePlan, fields: &[FieldPlan]) -> TokenStream {
    let ser = serialize(tp, fields);
    let de = deserialize(tp, fields);
    quote! { #ser #de }
}

fn serialize(tp: &TypePlan, fields: &[FieldPlan]) -> TokenStream {
    let name = ident(&tp.name);
    let label = &tp.name;
    let count = fields.len();
    let writes = fields.iter().map(|f| {
        let id = ident(&f.ident);
        let wire = &f.wire;
        let value = if f.optional { quote!(v) } else { quote!(&self.#id) };
        let write = match codec(f) {
            Codec::Timestamp(fmt) => quote!(s.serialize_field(#wire, &crate::rt::ts::With::<_, #fmt>::new(#value))?;),
            Codec::Float => quote!(s.serialize_field(#wire, &crate::rt::float::Ser(#value))?;),
            Codec::Plain => quote!(s.serialize_field(#wire, #value)?;),
        };
        if f.optional {
            quote! { if let ::std::option::Option::Some(v) = &self.#id { #write } }
        } else {
            write
        }
    });
    let s_mut = if fields.is_empty() { quote!(s) } else { quote!(mut s) };
    quote! {
        impl ::serde::Serialize for #name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                use ::serde::ser::SerializeStruct as _;
                let #s_mut = serializer.serialize_struct(#label, #count)?;
                #(#writes)*
                s.end()
            }
        }
    }
}

fn deserialize(tp: &TypePlan, fields: &[FieldPlan]) -> TokenStream {
    let name = ident(&tp.name);
    let expecting = format!("structure {}", tp.name);
    let slots: Vec<_> = (0..fields.len()).map(|i| format_ident!("__f{}", i)).collect();
    let types: Vec<TokenStream> = fields.iter().map(super::field_type).collect();
    let wires: Vec<&str> = fields.iter().map(|f| f.wire.as_str()).collect();
    let decls = types.iter().zip(&slots).map(|(t, slot)| {
        quote! { let mut #slot: ::std::option::Option<#t> = ::std::option::Option::None; }
    });
    let arms = fields.iter().zip(&slots).enumerate().map(|(i, (f, slot))| {
        let i = proc_macro2::Literal::usize_unsuffixed(i);
        // The whole field type, `Option` included, so `null` reads as `None`.
        match codec(f) {
            Codec::Timestamp(fmt) => quote!(#i => crate::rt::ts::slot::<#fmt, _>(r, &mut #slot, NAMES[#i])?,),
            Codec::Float | Codec::Plain => quote!(#i => r.slot(&mut #slot, NAMES[#i])?,),
        }
    });
    let inits = fields.iter().zip(&slots).map(|(f, slot)| {
        let id = ident(&f.ident);
        let wire = &f.wire;
        let value = if f.optional {
            quote!(#slot.flatten())
        } else if let Some(default) = &f.default_fn {
            let default = ident(default);
            quote!(#slot.unwrap_or_else(#default))
        } else if matches!(f.ty, Ty::Document) && !f.boxed {
            quote!(#slot.unwrap_or(::serde_json::Value::Null))
        } else {
            quote! {
                match #slot {
                    ::std::option::Option::Some(v) => v,
                    ::std::option::Option::None => return ::std::result::Result::Err(r.missing(#wire)),
                }
            }
        };
        quote! { #id: #value, }
    });
    let walk = if fields.is_empty() {
        quote! {
            let mut object = r.object(#expecting)?;
            while r.key(&mut object)?.is_some() {
                r.skip()?;
            }
        }
    } else {
        quote! {
            let mut object = r.object(#expecting)?;
            while let ::std::option::Option::Some(i) = r.member(&mut object, NAMES, &ORDER)? {
                match i {
                    #(#arms)*
                    _ => r.skip()?,
                }
            }
        }
    };
    let order_len = proc_macro2::Literal::usize_unsuffixed(fields.len() + 1);
    let names = (!fields.is_empty()).then(|| {
        quote! {
            const NAMES: &[&str] = &[#(#wires),*];
            static ORDER: crate::rt::json::Order<#order_len> = crate::rt::json::order();
        }
    });
    let inline = super::deferred(tp.read_by_client);
    quote! {
        impl crate::rt::json::FromJson for #name {
            #inline
            fn read_json(r: &mut crate::rt::json::Reader<'_>) -> ::std::result::Result<Self, crate::rt::json::Error> {
                #names
                #(#decls)*
                #walk
                ::std::result::Result::Ok(#name { #(#inits)* })
            }
        }
    }
}

/// How a member's value is written and read: timestamps in their format (`rt::ts`), floats with
/// `NaN`/`Infinity` as strings (`rt::float`), everything else through its own serde impls.
enum Codec {
    Timestamp(TokenStream),
    Float,
    Plain,
}

fn codec(f: &FieldPlan) -> Codec {
    match f.timestamp {
        Some(format) => Codec::Timestamp(ts_format(format)),
        None if f.ty.has_float() => Codec::Float,
        None => Codec::Plain,
    }
}
