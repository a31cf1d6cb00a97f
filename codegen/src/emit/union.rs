//! Unions: one variant per member plus `Unknown`, which keeps the member name and raw JSON value.

use super::{doc_attrs, ts_format, ty};
use crate::naming::ident;
use crate::plan::{TypePlan, VariantPlan};
use proc_macro2::TokenStream;
use quote::quote;

/// The union and its API; then its wire code (JSON writer and reader), emitted after the validator.
pub fn emit(tp: &TypePlan, variants: &[VariantPlan]) -> (TokenStream, TokenStream) {
    let name = ident(&tp.name);
    let docs = doc_attrs(&tp.docs);
    let redact = tp.redact;
    let derive_debug = if redact { quote!() } else { quote!(::std::fmt::Debug,) };

    let defs = variants.iter().map(|v| {
        let id = ident(&v.ident);
        let docs = doc_attrs(&v.docs);
        match &v.ty {
            None => quote! { #docs #id, },
            Some(t) => {
                let mut t = ty(t);
                if v.boxed {
                    t = quote!(::std::boxed::Box<#t>);
                }
                quote! { #docs #id(#t), }
            }
        }
    });
    let methods = variants.iter().map(|v| {
        let id = ident(&v.ident);
        let is = ident(&v.is_method);
        let is_doc = format!(" Is this the `{}` member?", v.member);
        let is_fn = match v.ty {
            None => quote! { #[inline] pub fn #is(&self) -> bool { ::std::matches!(self, #name::#id) } },
            Some(_) => quote! { #[inline] pub fn #is(&self) -> bool { ::std::matches!(self, #name::#id(_)) } },
        };
        let as_fn = v.ty.as_ref().map(|t| {
            let as_ = ident(&v.as_method);
            let t = ty(t);
            let doc = format!(" The `{}` member, if that is the one set.", v.member);
            quote! {
                #[doc = #doc]
                #[inline]
                pub fn #as_(&self) -> ::std::option::Option<&#t> {
                    match self { #name::#id(v) => ::std::option::Option::Some(v), _ => ::std::option::Option::None }
                }
            }
        });
        quote! { #[doc = #is_doc] #is_fn #as_fn }
    });

    let ser_arms = variants.iter().map(|v| {
        let id = ident(&v.ident);
        let wire = &v.wire;
        match (&v.ty, v.timestamp) {
            (None, _) => quote! { #name::#id => map.serialize_entry(#wire, &::serde_json::Map::new())?, },
            (Some(_), Some(f)) => {
                let f = ts_format(f);
                quote! { #name::#id(v) => map.serialize_entry(#wire, &crate::rt::ts::With::<_, #f>::new(v))?, }
            }
            (Some(t), None) if t.has_float() => quote! { #name::#id(v) => map.serialize_entry(#wire, &crate::rt::float::Ser(v))?, },
            (Some(_), None) => quote! { #name::#id(v) => map.serialize_entry(#wire, v)?, },
        }
    });
    let de_arms = variants.iter().enumerate().map(|(i, v)| {
        let i = proc_macro2::Literal::usize_unsuffixed(i);
        let id = ident(&v.ident);
        let Some(t) = &v.ty else {
            // A unit member: any non-null value (normally `{}`) sets it.
            return quote! {
                #i => if r.null()? { false } else { r.skip()?; *slot = ::std::option::Option::Some(#name::#id); true },
            };
        };
        let t = ty(t);
        let read = match v.timestamp {
            Some(f) => {
                let f = ts_format(f);
                quote!(crate::rt::ts::read::<#f, #t>(r)?)
            }
            None => quote!(<#t as crate::rt::json::FromJson>::read_json(r)?),
        };
        // Written straight into the slot (a union can be large: each move is a copy).
        let value = if v.boxed { quote!(#name::#id(::std::boxed::Box::new(#read))) } else { quote!(#name::#id(#read)) };
        quote! { #i => if r.null()? { false } else { *slot = ::std::option::Option::Some(#value); true }, }
    });
    let wires = variants.iter().map(|v| v.wire.as_str());
    let order_len = proc_macro2::Literal::usize_unsuffixed(variants.len() + 1);
    let inline = super::deferred(tp.read_by_client);

    let debug = redact.then(|| {
        let arms = variants.iter().map(|v| {
            let id = ident(&v.ident);
            let label = &v.ident;
            match (&v.ty, v.sensitive || tp.sensitive) {
                (None, _) => quote! { #name::#id => f.write_str(#label), },
                (Some(_), true) => quote! { #name::#id(_) => f.debug_tuple(#label).field(&crate::rt::REDACTED).finish(), },
                (Some(_), false) => quote! { #name::#id(v) => f.debug_tuple(#label).field(v).finish(), },
            }
        });
        quote! {
            impl ::std::fmt::Debug for #name {
                fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                    match self {
                        #(#arms)*
                        #name::Unknown(u) => f.debug_tuple("Unknown").field(&u.name()).finish(),
                    }
                }
            }
        }
    });

    let definition = quote! {
        #docs
        #[non_exhaustive]
        #[derive(::std::clone::Clone, ::std::cmp::PartialEq, #derive_debug)]
        pub enum #name {
            #(#defs)*
            /// A member this version of the crate does not know, kept as received (name and raw JSON).
            Unknown(crate::rt::UnknownMember),
        }

        impl #name {
            #(#methods)*
            /// Is this a member this version of the crate does not know?
            #[inline]
            pub fn is_unknown(&self) -> bool { ::std::matches!(self, #name::Unknown(_)) }
        }

        #debug
    };
    let wire = quote! {
        impl ::serde::Serialize for #name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                use ::serde::ser::SerializeMap as _;
                let mut map = serializer.serialize_map(::std::option::Option::Some(1))?;
                match self {
                    #(#ser_arms)*
                    #name::Unknown(u) => map.serialize_entry(u.name(), u.value())?,
                }
                map.end()
            }
        }

        impl crate::rt::json::Union for #name {
            const NAME: &'static str = ::std::stringify!(#name);
            const MEMBERS: &'static [&'static str] = &[#(#wires),*];
            fn order() -> &'static [::std::sync::atomic::AtomicU16] {
                static ORDER: crate::rt::json::Order<#order_len> = crate::rt::json::order();
                &ORDER
            }
            #inline
            fn read_member(
                index: usize,
                r: &mut crate::rt::json::Reader<'_>,
                slot: &mut ::std::option::Option<Self>,
            ) -> ::std::result::Result<bool, crate::rt::json::Error> {
                ::std::result::Result::Ok(match index {
                    #(#de_arms)*
                    _ => return ::std::result::Result::Err(r.error("no such member")),
                })
            }
            fn unknown(member: crate::rt::UnknownMember) -> Self { #name::Unknown(member) }
        }

        impl crate::rt::json::FromJson for #name {
            #inline
            fn read_json(r: &mut crate::rt::json::Reader<'_>) -> ::std::result::Result<Self, crate::rt::json::Error> {
                crate::rt::json::read_union(r)
            }
            fn read_into(r: &mut crate::rt::json::Reader<'_>, slot: &mut ::std::option::Option<Self>) -> ::std::result::Result<(), crate::rt::json::Error> {
                crate::rt::json::read_union_into(r, slot)
            }
        }
    };
    (definition, wire)
}
