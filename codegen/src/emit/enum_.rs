//! Enums and intEnums: one variant per member plus `Unknown`, serialized by value, so any value
//! received converts in and out unchanged.

use super::doc_attrs;
use crate::naming::ident;
use crate::plan::{EnumVariant, IntEnumVariant, TypePlan};
use proc_macro2::TokenStream;
use quote::quote;

fn debug_derive(tp: &TypePlan, name: &proc_macro2::Ident) -> (TokenStream, TokenStream) {
    if tp.sensitive {
        let label = &tp.name;
        let imp = quote! {
            impl ::std::fmt::Debug for #name {
                fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                    f.debug_tuple(#label).field(&crate::rt::REDACTED).finish()
                }
            }
        };
        (quote!(), imp)
    } else {
        (quote!(::std::fmt::Debug,), quote!())
    }
}

/// `json`: with the JSON wire code (`Serialize`, `FromJson`), which only JSON protocols need.
pub fn emit_enum(tp: &TypePlan, variants: &[EnumVariant], json: bool) -> TokenStream {
    let name = ident(&tp.name);
    let inline = super::deferred(tp.read_by_client);
    let wire = json.then(|| {
        quote! {
            impl ::serde::Serialize for #name {
                fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                    serializer.serialize_str(self.as_str())
                }
            }

            impl crate::rt::json::FromJson for #name {
                #inline
                fn read_json(r: &mut crate::rt::json::Reader<'_>) -> ::std::result::Result<Self, crate::rt::json::Error> {
                    crate::rt::json::read_enum(r)
                }
            }
        }
    });
    let docs = doc_attrs(&tp.docs);
    let (derive_debug, debug_impl) = debug_derive(tp, &name);
    let defs = variants.iter().map(|v| {
        let id = ident(&v.ident);
        let docs = doc_attrs(&v.docs);
        quote! { #docs #id, }
    });
    let ids: Vec<_> = variants.iter().map(|v| ident(&v.ident)).collect();
    let values: Vec<_> = variants.iter().map(|v| v.value.as_str()).collect();
    quote! {
        #docs
        #[non_exhaustive]
        #[derive(::std::clone::Clone, ::std::cmp::PartialEq, ::std::cmp::Eq, ::std::cmp::PartialOrd, ::std::cmp::Ord, ::std::hash::Hash, #derive_debug)]
        pub enum #name {
            #(#defs)*
            /// A value this version of the crate does not know, kept as received.
            Unknown(crate::rt::UnknownVariantValue),
        }

        impl #name {
            /// The value as sent on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    #(#name::#ids => #values,)*
                    #name::Unknown(v) => v.as_str(),
                }
            }
            /// Every value this version of the crate knows, ordered by member name.
            pub const fn values() -> &'static [&'static str] {
                &[#(#values),*]
            }
        }

        impl ::std::convert::From<&str> for #name {
            fn from(s: &str) -> Self {
                match s {
                    #(#values => #name::#ids,)*
                    other => #name::Unknown(crate::rt::UnknownVariantValue(::std::string::String::from(other))),
                }
            }
        }

        impl ::std::convert::From<::std::string::String> for #name {
            fn from(s: ::std::string::String) -> Self {
                match s.as_str() {
                    #(#values => #name::#ids,)*
                    _ => #name::Unknown(crate::rt::UnknownVariantValue(s)),
                }
            }
        }

        impl ::std::str::FromStr for #name {
            type Err = ::std::convert::Infallible;
            fn from_str(s: &str) -> ::std::result::Result<Self, Self::Err> { ::std::result::Result::Ok(Self::from(s)) }
        }

        impl ::std::convert::AsRef<str> for #name {
            fn as_ref(&self) -> &str { self.as_str() }
        }

        impl ::std::fmt::Display for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result { f.write_str(self.as_str()) }
        }

        #wire

        #debug_impl
    }
}

pub fn emit_int_enum(tp: &TypePlan, variants: &[IntEnumVariant], json: bool) -> TokenStream {
    let name = ident(&tp.name);
    let inline = super::deferred(tp.read_by_client);
    let wire = json.then(|| {
        quote! {
            impl ::serde::Serialize for #name {
                fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                    serializer.serialize_i32(self.value())
                }
            }

            impl crate::rt::json::FromJson for #name {
                #inline
                fn read_json(r: &mut crate::rt::json::Reader<'_>) -> ::std::result::Result<Self, crate::rt::json::Error> {
                    r.int::<i32>("i32").map(Self::from)
                }
            }
        }
    });
    let docs = doc_attrs(&tp.docs);
    let (derive_debug, debug_impl) = debug_derive(tp, &name);
    let defs = variants.iter().map(|v| {
        let id = ident(&v.ident);
        let docs = doc_attrs(&v.docs);
        quote! { #docs #id, }
    });
    let ids: Vec<_> = variants.iter().map(|v| ident(&v.ident)).collect();
    let values: Vec<_> = variants.iter().map(|v| proc_macro2::Literal::i32_unsuffixed(v.value)).collect();
    quote! {
        #docs
        #[non_exhaustive]
        #[derive(::std::clone::Clone, ::std::marker::Copy, ::std::cmp::PartialEq, ::std::cmp::Eq, ::std::cmp::PartialOrd, ::std::cmp::Ord, ::std::hash::Hash, #derive_debug)]
        pub enum #name {
            #(#defs)*
            /// A value this version of the crate does not know, kept as received.
            Unknown(i32),
        }

        impl #name {
            /// The value as sent on the wire.
            pub fn value(&self) -> i32 {
                match self {
                    #(#name::#ids => #values,)*
                    #name::Unknown(v) => *v,
                }
            }
            /// Every value this version of the crate knows, ordered by member name.
            pub const fn values() -> &'static [i32] {
                &[#(#values),*]
            }
        }

        impl ::std::convert::From<i32> for #name {
            fn from(v: i32) -> Self {
                match v {
                    #(#values => #name::#ids,)*
                    other => #name::Unknown(other),
                }
            }
        }

        impl ::std::convert::From<#name> for i32 {
            fn from(v: #name) -> i32 { v.value() }
        }

        #wire

        #debug_impl
    }
}
