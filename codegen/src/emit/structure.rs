//! Structures: the type, its accessors, its builder, and for `@error` shapes `Display` and `Error`.

use super::{doc_attrs, field_type, ty};
use crate::naming::{bare, ident};
use crate::plan::{DefaultValue, FieldPlan, StructPlan, Ty, TypePlan};
use proc_macro2::{Literal, TokenStream};
use quote::quote;

pub fn emit(tp: &TypePlan, s: &StructPlan) -> TokenStream {
    let name = ident(&tp.name);
    let builder_name = tp.builder.as_deref().expect("structures are planned with a builder");
    let builder = ident(builder_name);
    let docs = doc_attrs(&tp.docs);
    let redact = tp.redact;
    let derive_debug = if redact { quote!() } else { quote!(::std::fmt::Debug,) };

    let fields = s.fields.iter().map(|f| {
        let id = ident(&f.ident);
        let docs = doc_attrs(&f.docs);
        let field_ty = field_type(f);
        quote! { #docs pub #id: #field_ty, }
    });
    let accessors = s.fields.iter().map(accessor);
    let defaults = s.fields.iter().filter_map(default_fn);
    let builder_doc = format!(" Creates a builder for [`{}`].", tp.name);
    let type_doc = format!(" A builder for [`{}`](crate::types::{}).", tp.name, tp.name);

    let builder_fields = s.fields.iter().map(|f| {
        let id = ident(&f.ident);
        let base = ty(&f.ty);
        quote! { pub(crate) #id: ::std::option::Option<#base>, }
    });
    let setters = s.fields.iter().map(setter);
    let build = build_fn(tp, s);
    let debug_impls = if redact {
        let d1 = debug_impl(&name, &tp.name, tp.sensitive, &s.fields);
        let d2 = debug_impl(&builder, builder_name, tp.sensitive, &s.fields);
        quote! { #d1 #d2 }
    } else {
        quote!()
    };
    let error_impls = s.error.as_ref().map(|e| {
        let code = &e.code;
        let fault = &e.fault;
        let display = match &e.message_field {
            Some((f, optional)) => {
                let f = ident(f);
                if *optional {
                    quote! {
                        match &self.#f {
                            ::std::option::Option::Some(m) => write!(f, "{}: {}", Self::CODE, m),
                            ::std::option::Option::None => f.write_str(Self::CODE),
                        }
                    }
                } else {
                    quote! { write!(f, "{}: {}", Self::CODE, self.#f) }
                }
            }
            None => quote! { f.write_str(Self::CODE) },
        };
        quote! {
            impl #name {
                /// The error code the service sends for this error.
                pub const CODE: &'static str = #code;
                /// Who is at fault: `"client"` or `"server"`.
                pub const FAULT: &'static str = #fault;
            }
            impl ::std::fmt::Display for #name {
                fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result { #display }
            }
            impl ::std::error::Error for #name {}
        }
    });

    quote! {
        #docs
        #[non_exhaustive]
        #[derive(::std::clone::Clone, ::std::cmp::PartialEq, #derive_debug)]
        pub struct #name { #(#fields)* }

        impl #name {
            #[doc = #builder_doc]
            #[inline]
            pub fn builder() -> #builder { ::std::default::Default::default() }
            #(#accessors)*
        }

        #[doc = #type_doc]
        #[non_exhaustive]
        #[derive(::std::clone::Clone, ::std::cmp::PartialEq, ::std::default::Default, #derive_debug)]
        pub struct #builder { #(#builder_fields)* }

        impl #builder {
            #(#setters)*
            #build
        }

        #(#defaults)*
        #debug_impls
        #error_impls
    }
}

fn is_copy(t: &Ty) -> bool {
    matches!(t, Ty::Bool | Ty::I8 | Ty::I16 | Ty::I32 | Ty::I64 | Ty::F32 | Ty::F64)
}

/// Borrowed view type: `&str` for strings, `&[T]` for lists, values for numbers.
fn view_type(f: &FieldPlan) -> TokenStream {
    match &f.ty {
        Ty::String => quote!(&str),
        Ty::List(..) => {
            let Ty::List(inner, sparse) = &f.ty else { unreachable!() };
            let inner = ty(inner);
            if *sparse { quote!(&[::std::option::Option<#inner>]) } else { quote!(&[#inner]) }
        }
        t if is_copy(t) => ty(t),
        t => {
            let t = ty(t);
            quote!(&#t)
        }
    }
}

fn accessor(f: &FieldPlan) -> TokenStream {
    let id = ident(&f.ident);
    let doc = format!(" Returns the `{}` member.", f.member);
    let view = view_type(f);
    let copy = is_copy(&f.ty);
    let deref = f.boxed || matches!(f.ty, Ty::String | Ty::List(..));
    if f.optional {
        let body = if copy {
            quote!(self.#id)
        } else if deref {
            quote!(self.#id.as_deref())
        } else {
            quote!(self.#id.as_ref())
        };
        quote! { #[doc = #doc] #[inline] pub fn #id(&self) -> ::std::option::Option<#view> { #body } }
    } else {
        let body = if copy { quote!(self.#id) } else { quote!(&self.#id) };
        quote! { #[doc = #doc] #[inline] pub fn #id(&self) -> #view { #body } }
    }
}

fn setter(f: &FieldPlan) -> TokenStream {
    let id = ident(&f.ident);
    let set = ident(&f.setter);
    let get = ident(&f.getter);
    let base = ty(&f.ty);
    let required = if f.required { " This member is required." } else { "" };
    let d1 = format!(" Sets the `{}` member.{required}", f.member);
    let d2 = format!(" Sets or clears the `{}` member.", f.member);
    let d3 = format!(" Returns the `{}` member as set so far.", f.member);
    quote! {
        #[doc = #d1]
        pub fn #id(mut self, input: impl ::std::convert::Into<#base>) -> Self {
            self.#id = ::std::option::Option::Some(input.into());
            self
        }
        #[doc = #d2]
        #[inline]
        pub fn #set(mut self, input: ::std::option::Option<#base>) -> Self {
            self.#id = input;
            self
        }
        #[doc = #d3]
        #[inline]
        pub fn #get(&self) -> &::std::option::Option<#base> { &self.#id }
    }
}

fn build_fn(tp: &TypePlan, s: &StructPlan) -> TokenStream {
    let name = ident(&tp.name);
    let all: Vec<_> = s.fields.iter().map(|f| ident(&f.ident)).collect();
    let values = s.fields.iter().map(|f| {
        let id = ident(&f.ident);
        let boxed = |v: TokenStream| if f.boxed { quote!(::std::boxed::Box::new(#v)) } else { v };
        if f.required {
            let v = boxed(quote!(#id));
            if f.optional { quote!(#id: ::std::option::Option::Some(#v)) } else { quote!(#id: #v) }
        } else if f.optional {
            if f.boxed { quote!(#id: #id.map(::std::boxed::Box::new)) } else { quote!(#id) }
        } else {
            // `self::`: the builder's fields are locals here and one may share the function's name.
            let v = match &f.default_fn {
                Some(default) => {
                    let default = ident(default);
                    boxed(quote!(#id.unwrap_or_else(self::#default)))
                }
                None => boxed(quote!(#id.unwrap_or_default())),
            };
            quote!(#id: #v)
        }
    });
    let required: Vec<_> = s.fields.iter().filter(|f| f.required).collect();
    let doc = format!(" Builds the [`{}`](crate::types::{}).", tp.name, tp.name);
    if s.fields.is_empty() {
        return quote! {
            #[doc = #doc]
            pub fn build(self) -> #name { #name {} }
        };
    }
    if required.is_empty() {
        return quote! {
            #[doc = #doc]
            pub fn build(self) -> #name {
                let Self { #(#all),* } = self;
                #name { #(#values),* }
            }
        };
    }
    let req: Vec<_> = required.iter().map(|f| ident(&f.ident)).collect();
    let names = required.iter().map(|f| &f.member);
    let shape = &tp.id.name;
    let err_doc = " Fails with every required member that is unset.";
    quote! {
        #[doc = #doc]
        #[doc = ""]
        #[doc = #err_doc]
        pub fn build(self) -> ::std::result::Result<#name, crate::rt::BuildError> {
            let Self { #(#all),* } = self;
            match (#(#req,)*) {
                (#(::std::option::Option::Some(#req),)*) => ::std::result::Result::Ok(#name { #(#values),* }),
                (#(#req,)*) => ::std::result::Result::Err(crate::rt::BuildError::new(#shape, &[#((#names, #req.is_some())),*])),
            }
        }
    }
}

fn default_fn(f: &FieldPlan) -> Option<TokenStream> {
    let name = ident(f.default_fn.as_ref()?);
    let t = ty(&f.ty);
    let value = default_value(f.default.as_ref()?, &f.ty);
    let doc = format!(" The `@default` of the `{}` member.", f.member);
    Some(quote! {
        #[doc = #doc]
        fn #name() -> #t { #value }
    })
}

/// A `@default` value as a Rust expression.
fn default_value(v: &DefaultValue, t: &Ty) -> TokenStream {
    match v {
        DefaultValue::Bool(b) => quote!(#b),
        DefaultValue::Int(n) => {
            let lit = Literal::i64_unsuffixed(*n);
            quote!(#lit)
        }
        DefaultValue::Float(n) => {
            let lit = Literal::f64_unsuffixed(*n);
            quote!(#lit)
        }
        DefaultValue::String(s) => quote!(::std::string::String::from(#s)),
        DefaultValue::EnumValue(s) => {
            let n = ty(t);
            quote!(#n::from(#s))
        }
        DefaultValue::IntEnumValue(v) => {
            let n = ty(t);
            let lit = Literal::i64_unsuffixed(*v);
            quote!(#n::from(#lit))
        }
        DefaultValue::Blob(bytes) => {
            let lit = Literal::byte_string(bytes);
            quote!(crate::rt::Blob::from(#lit.to_vec()))
        }
        DefaultValue::EpochSeconds(v) => {
            let lit = Literal::i64_unsuffixed(*v);
            quote!(crate::rt::DateTime::from_secs(#lit))
        }
        DefaultValue::Document(text) => quote!(::serde_json::from_str(#text).unwrap_or(::serde_json::Value::Null)),
        DefaultValue::Empty => quote!(::std::default::Default::default()),
    }
}

fn debug_impl(name: &proc_macro2::Ident, label: &str, whole: bool, fields: &[FieldPlan]) -> TokenStream {
    // A sensitive structure shows its member names only, like smithy-rs.
    let entries = fields.iter().map(|fp| {
        let id = ident(&fp.ident);
        let key = bare(&fp.ident);
        if whole || fp.sensitive { quote!(.field(#key, &crate::rt::REDACTED)) } else { quote!(.field(#key, &self.#id)) }
    });
    quote! {
        impl ::std::fmt::Debug for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.debug_struct(#label) #(#entries)* .finish()
            }
        }
    }
}
