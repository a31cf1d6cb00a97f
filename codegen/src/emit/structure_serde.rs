//! `Serialize` and `Deserialize` for structures, emitted rather than derived. Reading is a single
//! `visit_map` over the JSON object with members matched by name; writing is one
//! `serialize_field` per member. serde's derive also emits a field enum, a sequence visitor, a
//! `deserialize_struct` call and a wrapper type per `serialize_with` member, which a crate of a
//! thousand structures pays for in compile time (JSON objects never arrive as sequences).
//!
//! Behaviour matches the derive it replaces: unset optional members are not written; unknown
//! members are skipped, a member given twice is an error, an absent optional member is `None`, an
//! absent member with a `@default` takes it, an absent required member is serde's "missing field"
//! error (a document reads as `null`); floats and timestamps go through `rt::float` and `rt::ts`.

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
    let types: Vec<TokenStream> = fields.iter().map(super::structure::field_type).collect();
    let decls = types.iter().zip(&slots).map(|(t, slot)| {
        quote! { let mut #slot: ::std::option::Option<#t> = ::std::option::Option::None; }
    });
    let arms = fields.iter().zip(&types).zip(&slots).map(|((f, t), slot)| {
        let wire = &f.wire;
        // The whole field type, `Option` included, so `null` reads as `None`.
        let read = match codec(f) {
            Codec::Timestamp(fmt) => quote!(map.next_value::<crate::rt::ts::De<#t, #fmt>>()?.0),
            Codec::Float => quote!(map.next_value::<crate::rt::float::De<#t>>()?.0),
            Codec::Plain => quote!(map.next_value::<#t>()?),
        };
        quote! {
            #wire => {
                if #slot.is_some() {
                    return ::std::result::Result::Err(<A::Error as ::serde::de::Error>::duplicate_field(#wire));
                }
                #slot = ::std::option::Option::Some(#read);
            }
        }
    });
    let inits = fields.iter().zip(&slots).map(|(f, slot)| {
        let id = ident(&f.ident);
        let wire = &f.wire;
        let value = if f.optional {
            quote!(#slot.flatten())
        } else if f.default.is_some() {
            let default = format_ident!("{}", super::structure::default_fn_name(f));
            quote!(#slot.unwrap_or_else(#default))
        } else if matches!(f.ty, Ty::Document) && !f.boxed {
            quote!(#slot.unwrap_or(::serde_json::Value::Null))
        } else {
            quote! {
                match #slot {
                    ::std::option::Option::Some(v) => v,
                    ::std::option::Option::None => {
                        return ::std::result::Result::Err(<A::Error as ::serde::de::Error>::missing_field(#wire));
                    }
                }
            }
        };
        quote! { #id: #value, }
    });
    let walk = if fields.is_empty() {
        quote! {
            while map.next_key::<::serde::de::IgnoredAny>()?.is_some() {
                map.next_value::<::serde::de::IgnoredAny>()?;
            }
        }
    } else {
        quote! {
            while let ::std::option::Option::Some(key) = map.next_key::<crate::rt::Key<'de>>()? {
                match key.as_str() {
                    #(#arms)*
                    _ => {
                        map.next_value::<::serde::de::IgnoredAny>()?;
                    }
                }
            }
        }
    };
    quote! {
        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                struct Visitor;
                impl<'de> ::serde::de::Visitor<'de> for Visitor {
                    type Value = #name;
                    fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                        f.write_str(#expecting)
                    }
                    fn visit_map<A: ::serde::de::MapAccess<'de>>(self, mut map: A) -> ::std::result::Result<#name, A::Error> {
                        #(#decls)*
                        #walk
                        ::std::result::Result::Ok(#name { #(#inits)* })
                    }
                }
                deserializer.deserialize_map(Visitor)
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
        None if matches!(f.ty, Ty::F32 | Ty::F64) && !f.boxed => Codec::Float,
        None => Codec::Plain,
    }
}
