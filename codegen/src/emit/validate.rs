//! Validators: `validate()` on every structure and union with constraint checks below it, and the
//! crate's compiled patterns.

use crate::naming::ident;
use crate::plan::{Checks, CratePlan, FieldPlan, PatternPlan, Ty, TypeKind, TypePlan};
use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

const RT: &str = "crate::rt::validate";

fn rt() -> TokenStream {
    RT.parse().expect("valid path")
}

/// `impl Validate` and `validate()` for a structure or union that has checks.
pub fn emit(tp: &TypePlan) -> TokenStream {
    if !tp.validates {
        return quote!();
    }
    let rt = rt();
    let name = ident(&tp.name);
    let body = match &tp.kind {
        TypeKind::Struct(s) => {
            let fields = s.fields.iter().map(field);
            quote!(#(#fields)*)
        }
        TypeKind::Union(variants) => {
            let arms = variants.iter().filter(|v| !v.checks.is_empty()).map(|v| {
                let id = ident(&v.ident);
                let wire = &v.wire;
                let inner = value_checks(&quote!(v), v.ty.as_ref().expect("checked variants carry a value"), &v.checks);
                let push = push(v.sensitive);
                quote! {
                    #name::#id(v) => {
                        let mark = path.#push(#wire);
                        #inner
                        path.pop(mark);
                    }
                }
            });
            quote! {
                match self {
                    #(#arms)*
                    _ => {}
                }
            }
        }
        _ => return quote!(),
    };
    let inline = super::deferred(tp.written_by_client);
    let run = if tp.sensitive { quote!(run_sensitive) } else { quote!(run) };
    quote! {
        impl #rt::Validate for #name {
            #inline
            fn validate_into<'a>(&'a self, path: &mut #rt::Path<'a>, out: &mut ::std::vec::Vec<#rt::Violation>) {
                #body
            }
        }

        impl #name {
            /// Checks the value against the model's constraints (length, range, pattern, unique items,
            /// enum values, required members) and returns every violation found.
            #inline
            pub fn validate(&self) -> ::std::result::Result<(), #rt::ValidationError> {
                #rt::#run(self)
            }
        }
    }
}

fn field(f: &FieldPlan) -> TokenStream {
    if f.checks.is_empty() && !f.required_check {
        return quote!();
    }
    let rt = rt();
    let id = ident(&f.ident);
    let wire = &f.wire;
    let inner = value_checks(&quote!(v), &f.ty, &f.checks);
    let body = match (f.optional, f.required_check) {
        (true, true) if f.checks.is_empty() => quote! {
            if self.#id.is_none() { #rt::required(path, out); }
        },
        (true, true) => quote! {
            match &self.#id {
                ::std::option::Option::Some(v) => { #inner }
                ::std::option::Option::None => #rt::required(path, out),
            }
        },
        (true, false) => quote! { if let ::std::option::Option::Some(v) = &self.#id { #inner } },
        (false, _) => quote! { let v = &self.#id; #inner },
    };
    let push = push(f.sensitive);
    quote! {
        let mark = path.#push(#wire);
        #body
        path.pop(mark);
    }
}

/// How a member enters the path: a `@sensitive` one keeps its values out of the violations.
fn push(sensitive: bool) -> TokenStream {
    if sensitive { quote!(push_sensitive) } else { quote!(push) }
}

/// Checks on the value `v` (a reference) of type `t`.
fn value_checks(v: &TokenStream, t: &Ty, c: &Checks) -> TokenStream {
    let rt = rt();
    let mut out = Vec::new();
    if let Some((min, max)) = c.length {
        let (min, max) = (opt_u64(min), opt_u64(max));
        out.push(match t {
            Ty::String | Ty::Named(_) => quote!(#rt::length_str(path, #v.as_str(), #min, #max, out);),
            Ty::Blob => quote!(#rt::length(path, #v.as_bytes().len(), #min, #max, out);),
            _ => quote!(#rt::length(path, #v.len(), #min, #max, out);),
        });
    }
    if let Some((min, max)) = &c.range {
        out.push(range(v, t, min.as_ref(), max.as_ref()));
    }
    if let Some(name) = &c.pattern {
        let p = format_ident!("{}", name);
        // Strings and string enums both have `as_str`.
        let s = quote!(#v.as_str());
        out.push(quote!(crate::patterns::#p.check(path, #s, out);));
    }
    if let (Some(values), Ty::Named(n)) = (&c.enum_values, t) {
        let n = ident(n);
        let value = if c.int_enum { quote!(&u.to_string()) } else { quote!(u.as_str()) };
        out.push(quote! {
            if let crate::types::#n::Unknown(u) = #v {
                #rt::enum_value(path, #value, #values, out);
            }
        });
    }
    if c.unique {
        out.push(quote!(#rt::unique(path, #v.as_slice(), out);));
    }
    if c.nested {
        out.push(quote!(#rt::Validate::validate_into(#v, path, out);));
    }
    if let (Some(e), Ty::List(inner, sparse)) = (&c.element, t) {
        let checks = value_checks(&quote!(item), inner, e);
        let checks = if *sparse { quote!(if let ::std::option::Option::Some(item) = item { #checks }) } else { checks };
        out.push(quote! {
            for (i, item) in #v.iter().enumerate() {
                let mark = path.push_index(i);
                #checks
                path.pop(mark);
            }
        });
    }
    if let Ty::Map(k, val, sparse) = t
        && (c.key.is_some() || c.value.is_some())
    {
        // Keys are visited in order so violations come out in the same order every run.
        let key_checks = c.key.as_ref().map(|kc| value_checks(&quote!(key), k, kc));
        let value_checks = c.value.as_ref().map(|vc| {
            let checks = value_checks(&quote!(item), val, vc);
            let checks = if *sparse { quote!(if let ::std::option::Option::Some(item) = item { #checks }) } else { checks };
            quote! {
                let mark = path.push_key(key.as_str());
                #checks
                path.pop(mark);
            }
        });
        out.push(quote! {
            for (key, item) in #rt::sorted_entries(#v) {
                let _ = &item;
                #key_checks
                #value_checks
            }
        });
    }
    quote!(#(#out)*)
}

fn opt_u64(v: Option<u64>) -> TokenStream {
    match v {
        Some(n) => {
            let lit = Literal::u64_suffixed(n);
            quote!(::std::option::Option::Some(#lit))
        }
        None => quote!(::std::option::Option::None),
    }
}

fn range(v: &TokenStream, t: &Ty, min: Option<&serde_json::Number>, max: Option<&serde_json::Number>) -> TokenStream {
    let rt = rt();
    let integral = matches!(t, Ty::I8 | Ty::I16 | Ty::I32 | Ty::I64);
    let bound = |b: Option<&serde_json::Number>| -> TokenStream {
        let Some(n) = b else { return quote!(::std::option::Option::None) };
        let text = n.to_string();
        let value = if integral {
            let i = n.as_i64().unwrap_or_else(|| n.as_f64().unwrap_or_default() as i64);
            let lit = Literal::i64_suffixed(i);
            quote!(#lit)
        } else {
            let f = n.as_f64().unwrap_or_default();
            // A float value is compared with the bound rounded to f32, as the value itself was.
            let f = if *t == Ty::F32 { f as f32 as f64 } else { f };
            let lit = Literal::f64_suffixed(f);
            quote!(#lit)
        };
        quote!(::std::option::Option::Some((#value, #text)))
    };
    let (lo, hi) = (bound(min), bound(max));
    match t {
        Ty::I8 | Ty::I16 | Ty::I32 | Ty::I64 => quote!(#rt::range_int(path, i64::from(*#v), #lo, #hi, out);),
        Ty::F32 | Ty::F64 => quote!(#rt::range_float(path, f64::from(*#v), #lo, #hi, out);),
        Ty::BigInteger | Ty::BigDecimal => {
            quote!(#rt::range_float(path, #v.as_f64().unwrap_or(f64::NAN), #lo, #hi, out);)
        }
        // Model validation allows `@range` on numbers only; a check the generator cannot write
        // stops the build instead of being left out without a word.
        other => {
            let message = format!("the generator cannot check a range on a {other:?} value");
            quote! { ::std::compile_error!(#message); }
        }
    }
}

/// `src/patterns.rs`: every distinct pattern, compiled on first use and then shared.
pub fn patterns(plan: &CratePlan) -> TokenStream {
    let statics = plan.patterns.iter().map(|p: &PatternPlan| {
        let name = format_ident!("{}", p.name);
        let doc = format!(" `{}`", crate::docs::visible(&p.model).replace('`', "\\`"));
        let source = &p.compiled.source;
        let flags = p.compiled.flags.as_str();
        let model = &p.model;
        quote! {
            #[doc = #doc]
            pub(crate) static #name: Pattern = Pattern::new(#model, #source, #flags);
        }
    });
    quote! {
        //! The model's `@pattern`s, each compiled once per process on first use.

        /// A pattern as written in the model and as compiled.
        pub(crate) struct Pattern {
            model: &'static str,
            source: &'static str,
            flags: &'static str,
            regex: ::std::sync::OnceLock<::std::option::Option<::regress::Regex>>,
        }

        impl Pattern {
            const fn new(model: &'static str, source: &'static str, flags: &'static str) -> Self {
                Pattern { model, source, flags, regex: ::std::sync::OnceLock::new() }
            }
            /// Searches `value` (not anchored, as ECMA-262 does). A pattern this regress version
            /// rejects (the generator compiled it, so that is unexpected) is skipped, never a panic.
            pub(crate) fn check(&self, path: &crate::rt::validate::Path<'_>, value: &str, out: &mut ::std::vec::Vec<crate::rt::validate::Violation>) {
                let regex = self.regex.get_or_init(|| ::regress::Regex::with_flags(self.source, self.flags).ok());
                if regex.as_ref().is_some_and(|re| re.find(value).is_none()) {
                    crate::rt::validate::pattern_mismatch(path, value, self.model, out);
                }
            }
        }

        #(#statics)*
    }
}
