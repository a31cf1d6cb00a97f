//! `src/endpoint/tests.rs`: every `smithy.rules#endpointTests` case of the model as a `#[test]`
//! (`cargo test endpoint`), directly through [`resolve`] and, for cases with operation inputs,
//! through the operation's binding of its input.

use crate::load::json::Node;
use crate::naming::ident;
use crate::plan::endpoints::{EndpointPlan, Lit, TestPlan};
use crate::rules::ParamValue;
use crate::rules::tests::Expect;
use proc_macro2::{Literal, TokenStream};
use quote::quote;
use std::collections::BTreeMap;

pub fn emit(ep: &EndpointPlan) -> TokenStream {
    let tests = ep.tests.iter().map(|t| test(ep, t));
    quote! {
        //! The endpoint rule set's own test cases.
        use super::{resolve, Params};
        use crate::rt::endpoint::{Document, Endpoint, ResolveError};

        /// Checks a resolution against the case's expected endpoint.
        fn expect_endpoint(
            resolved: ::std::result::Result<Endpoint, ResolveError>,
            url: &str,
            headers: &[(&str, &[&str])],
            properties: Document,
        ) {
            let endpoint = match resolved {
                ::std::result::Result::Ok(e) => e,
                ::std::result::Result::Err(e) => panic!("expected {url}, got the error {e}"),
            };
            assert_eq!(endpoint.url(), url);
            let headers: ::std::collections::BTreeMap<::std::string::String, ::std::vec::Vec<::std::string::String>> =
                headers.iter().map(|(k, v)| (k.to_string(), v.iter().map(|s| s.to_string()).collect())).collect();
            assert_eq!(endpoint.headers(), &headers);
            assert_eq!(Document::Object(endpoint.properties().clone()), properties);
        }

        /// Checks a resolution against the case's expected error.
        fn expect_error(resolved: ::std::result::Result<Endpoint, ResolveError>, message: &str) {
            match resolved {
                ::std::result::Result::Ok(e) => panic!("expected the error {message:?}, got {}", e.url()),
                ::std::result::Result::Err(e) => assert_eq!(e.message(), message),
            }
        }

        #(#tests)*
    }
}

fn test(ep: &EndpointPlan, t: &TestPlan) -> TokenStream {
    let name = ident(&t.name);
    let mut doc = vec![format!(" {}", if t.case.documentation.is_empty() { "(no documentation)" } else { &t.case.documentation })];
    for why in &t.not_run {
        doc.push(format!(" Operation input not run here: {why}."));
    }
    let direct = params(ep, &t.case.params);
    let check = |resolved: TokenStream| match &t.case.expect {
        Expect::Endpoint { url, headers, properties } => {
            let headers = headers.iter().map(|(k, vs)| quote!((#k, &[#(#vs),*][..])));
            let props = document_object(properties);
            quote!(expect_endpoint(#resolved, #url, &[#(#headers),*], #props);)
        }
        Expect::Error(m) => quote!(expect_error(#resolved, #m);),
    };
    let first = check(quote!(resolve(&params)));
    let through = t.through.iter().map(|(function, config, lit)| {
        let f = ident(function);
        let config = params(ep, config);
        let input = literal(lit);
        let c = check(quote!(resolve(&params)));
        quote! {
            {
                let mut params = #config;
                let input = #input;
                super::bind::#f(&input, &mut params);
                #c
            }
        }
    });
    quote! {
        #(#[doc = #doc])*
        #[test]
        fn #name() {
            let params = #direct;
            #first
            #(#through)*
        }
    }
}

/// `Params { field: value, ..Params::default() }`.
fn params(ep: &EndpointPlan, values: &BTreeMap<String, ParamValue>) -> TokenStream {
    if values.is_empty() {
        return quote!(Params::default());
    }
    let fields = values.iter().map(|(name, v)| {
        let p = &ep.rules.params[name];
        let f = ident(&ep.rules.param_vars[name]);
        let v = super::endpoint::value(p, v);
        quote!(#f: #v)
    });
    quote!(Params { #(#fields,)* ..Params::default() })
}

fn document_object(entries: &[(String, Node)]) -> TokenStream {
    let entries = entries.iter().map(|(k, v)| {
        let v = document(v);
        quote!((#k, #v))
    });
    quote!(Document::object([#(#entries),*]))
}

fn document(n: &Node) -> TokenStream {
    match n {
        Node::Null => quote!(::std::compile_error!("null is not an endpoint property value")),
        Node::Bool(b) => quote!(Document::Bool(#b)),
        Node::Number(n) => match n.as_i64() {
            Some(i) => quote!(Document::Int(#i)),
            None => quote!(::std::compile_error!("endpoint property numbers are integers")),
        },
        Node::String(s) => quote!(Document::from(#s)),
        Node::Array(items) => {
            let items = items.iter().map(document);
            quote!(Document::Array(::std::vec![#(#items),*]))
        }
        Node::Object(o) => document_object(&o.0),
    }
}

/// A model value as Rust.
fn literal(l: &Lit) -> TokenStream {
    match l {
        Lit::Str(s) => quote!(#s.to_string()),
        Lit::Bool(b) => quote!(#b),
        Lit::Int(i) => {
            let i = Literal::i64_unsuffixed(*i);
            quote!(#i)
        }
        Lit::Float(f) => {
            let f = Literal::f64_unsuffixed(*f);
            quote!(#f)
        }
        Lit::Enum(ty, v) => {
            let ty = ident(ty);
            quote!(crate::types::#ty::from(#v))
        }
        Lit::List(items) => {
            let items = items.iter().map(literal);
            quote!(::std::vec![#(#items),*])
        }
        Lit::Map(entries) => {
            let entries = entries.iter().map(|(k, v)| {
                let (k, v) = (literal(k), literal(v));
                quote!((#k, #v))
            });
            quote!([#(#entries),*].into_iter().collect())
        }
        Lit::Struct { ty, fields, fallible } => {
            let ty = ident(ty);
            let sets = fields.iter().map(|(setter, v)| {
                let s = ident(setter);
                let v = literal(v);
                quote!(.#s(::std::option::Option::Some(#v)))
            });
            let build = if *fallible { quote!(.build().expect("the case sets the required members")) } else { quote!(.build()) };
            quote!(crate::types::#ty::builder() #(#sets)* #build)
        }
        Lit::Union { ty, variant, value } => {
            let ty = ident(ty);
            let v = ident(variant);
            match value {
                Some(x) => {
                    let x = literal(x);
                    quote!(crate::types::#ty::#v(#x))
                }
                None => quote!(crate::types::#ty::#v),
            }
        }
    }
}
