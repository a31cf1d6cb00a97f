//! Operations: per operation a module with the sans-IO `build_request` / `parse_response`, its error
//! enum and its marker type; `operation/mod.rs` holds the readers of the error structures.

use crate::naming::ident;
use crate::plan::{Binding, Body, ClientPlan, ErrorRef, Location, OperationPlan, Ty, UriPart, Value};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use std::collections::BTreeMap;

/// `src/operation/mod.rs`: the operation modules and the error readers they share.
pub fn emit_mod(client: &ClientPlan) -> TokenStream {
    let mods = client.operations.iter().map(|op| {
        let m = ident(&op.module);
        let doc = format!(" The `{}` operation.", op.id.name);
        quote! { #[doc = #doc] pub mod #m; }
    });
    let mut errors: BTreeMap<&str, &ErrorRef> = BTreeMap::new();
    for e in client.operations.iter().flat_map(|o| &o.errors) {
        errors.insert(&e.module, e);
    }
    let readers = errors.values().map(|e| {
        let f = format_ident!("read_{}", e.module);
        let error_fn = format_ident!("error_{}", e.module);
        let t = ident(&e.type_name);
        let read = reader(&f, &quote!(crate::types::#t), &e.bindings, &e.body, quote!());
        // Services spell the message member `message`, `Message` or `errorMessage` whatever the
        // model says; an unset optional message is filled from the one the response carried.
        let fill = match &e.message_field {
            Some((f, true)) => {
                let f = ident(f);
                quote! {
                    if e.#f.is_none() {
                        e.#f = meta.message().map(::std::string::String::from);
                    }
                }
            }
            // A required message is read like any member; no message member, nothing to fill.
            Some((_, false)) | None => quote!(),
        };
        let doc = format!(" Reads a `{}` error response (shared by every operation that has it).", e.type_name);
        quote! {
            #read
            #[doc = #doc]
            #[allow(unused_mut)]
            pub(crate) fn #error_fn(
                response: &::http::Response<::bytes::Bytes>,
                meta: &crate::rt::response::ErrorMeta,
            ) -> ::std::result::Result<crate::types::#t, crate::rt::response::Unhandled> {
                match #f(response) {
                    ::std::result::Result::Ok(mut e) => {
                        #fill
                        ::std::result::Result::Ok(e)
                    }
                    ::std::result::Result::Err(problem) => {
                        ::std::result::Result::Err(meta.unhandled(response.body()).with_problem(problem))
                    }
                }
            }
        }
    });
    quote! {
        //! One module per operation: `build_request` and `parse_response` (plain functions, no I/O),
        //! the operation's error enum, and a marker type for the generic client, stub and paginators.
        #(#mods)*
        #(#readers)*
    }
}

/// A function reading a structure from a response: the JSON body, merged with bound values.
fn reader(name: &proc_macro2::Ident, ty: &TokenStream, bindings: &[Binding], body: &Body, vis: TokenStream) -> TokenStream {
    let doc = " Reads the structure from a response (body and bound members).";
    if bindings.is_empty() {
        return quote! {
            #[doc = #doc]
            #vis fn #name(response: &::http::Response<::bytes::Bytes>) -> ::std::result::Result<#ty, ::std::string::String> {
                crate::rt::response::json(response.body())
            }
        };
    }
    let has_body = matches!(body, Body::Json { .. });
    let bound: Vec<&str> = bindings.iter().map(|b| b.wire.as_str()).collect();
    let steps = bindings.iter().map(|b| {
        let key = &b.wire;
        match &b.location {
            Location::Header(name) => match &b.value {
                Value::List(inner) => {
                    let k = kind(inner, b.field_timestamp);
                    quote! { r.header_list(#key, #name, #k)?; }
                }
                v => {
                    let k = kind(v, b.field_timestamp);
                    quote! { r.header(#key, #name, #k)?; }
                }
            },
            Location::PrefixHeaders(prefix) => {
                let (v, list) = match &b.value {
                    Value::Map(v) => match &**v {
                        Value::List(inner) => ((**inner).clone(), true),
                        other => (other.clone(), false),
                    },
                    other => (other.clone(), false),
                };
                let k = kind(&v, b.field_timestamp);
                quote! { r.prefix_headers(#key, #prefix, #k, #list)?; }
            }
            Location::ResponseCode => quote! { r.status(#key, response.status().as_u16()); },
            Location::Payload => match &b.value {
                Value::Blob { .. } => quote! { r.blob_payload(#key, response.body()); },
                Value::String { .. } | Value::Enum => quote! { r.text_payload(#key, response.body())?; },
                _ => quote! { r.json_payload(#key, response.body())?; },
            },
            Location::Label | Location::Query(_) | Location::QueryParams => quote!(),
        }
    });
    quote! {
        #[doc = #doc]
        #vis fn #name(response: &::http::Response<::bytes::Bytes>) -> ::std::result::Result<#ty, ::std::string::String> {
            let mut r = crate::rt::response::Reader::new(response, #has_body, &[#(#bound),*])?;
            #(#steps)*
            r.finish()
        }
    }
}

fn ts(format: &str) -> TokenStream {
    match format {
        "date-time" => quote!(crate::rt::http::TsFormat::DateTime),
        "http-date" => quote!(crate::rt::http::TsFormat::HttpDate),
        _ => quote!(crate::rt::http::TsFormat::EpochSeconds),
    }
}

/// The runtime's header value kind for a value.
fn kind(v: &Value, field_ts: Option<&str>) -> TokenStream {
    let k = quote!(crate::rt::response::Kind);
    match v {
        Value::String { media_type: true } => quote!(#k::MediaStr),
        Value::String { .. } | Value::Enum | Value::Json { .. } | Value::List(_) | Value::Map(_) => quote!(#k::Str),
        Value::IntEnum | Value::Integer => quote!(#k::Int),
        Value::Float => quote!(#k::Float),
        Value::Bool => quote!(#k::Bool),
        Value::Timestamp(f) => {
            let (wire, field) = (ts(f), ts(field_ts.unwrap_or("epoch-seconds")));
            quote!(#k::Timestamp(#wire, #field))
        }
        Value::Blob { .. } => quote!(#k::Blob),
    }
}

/// An expression turning `v` (a reference to the value) into the `String` sent in a label, query
/// value or header.
fn to_text(value: &Value, v: TokenStream) -> TokenStream {
    match value {
        Value::String { media_type: true } => quote!(::aws_smithy_types::base64::encode(#v)),
        Value::String { .. } => quote!(::std::string::String::clone(#v)),
        Value::Enum => quote!(::std::string::String::from(#v.as_str())),
        Value::IntEnum => quote!(#v.value().to_string()),
        Value::Bool | Value::Integer => quote!(#v.to_string()),
        Value::Float => quote!(crate::rt::http::float(*#v)),
        Value::Timestamp(f) => {
            let f = ts(f);
            quote!(crate::rt::http::timestamp(#v, #f))
        }
        Value::Blob { .. } => quote!(::aws_smithy_types::base64::encode(#v.as_bytes())),
        Value::Json { .. } | Value::List(_) | Value::Map(_) => quote!(::std::string::String::new()),
    }
}

/// `for` a list field: iterate its items (skipping the holes of sparse lists).
fn items(ty: &Ty, list: TokenStream) -> TokenStream {
    match ty {
        Ty::List(_, true) => quote!(#list.iter().flatten()),
        _ => quote!(#list.iter()),
    }
}

/// Runs `body` with `v` bound to a reference to the field's value, when it is set.
fn with_value(b: &Binding, body: TokenStream) -> TokenStream {
    let f = ident(&b.field);
    if b.optional {
        quote! { if let ::std::option::Option::Some(v) = &input.#f { #body } }
    } else {
        quote! { { let v = &input.#f; #body } }
    }
}

fn request_step(b: &Binding) -> TokenStream {
    match (&b.location, &b.value) {
        (Location::Query(key), Value::List(inner)) => {
            let it = items(&b.ty, quote!(v));
            let text = to_text(inner, quote!(i));
            with_value(b, quote! { w.query(#key, #it.map(|i| #text)); })
        }
        (Location::Query(key), value) => {
            let text = to_text(value, quote!(v));
            with_value(b, quote! { w.query(#key, [#text]); })
        }
        (Location::QueryParams, Value::Map(inner)) => {
            let entry = match &**inner {
                Value::List(item) => {
                    let text = to_text(item, quote!(i));
                    quote!(v.iter().map(|i| #text).collect())
                }
                other => {
                    let text = to_text(other, quote!(v));
                    quote!(::std::vec![#text])
                }
            };
            let map = match &b.ty {
                Ty::Map(_, _, true) => quote!(m.iter().filter_map(|(k, v)| v.as_ref().map(|v| (k, v)))),
                _ => quote!(m.iter()),
            };
            let f = ident(&b.field);
            let body = quote! { w.query_params(#map.map(|(k, v)| (::std::string::ToString::to_string(k), #entry))); };
            if b.optional {
                quote! { if let ::std::option::Option::Some(m) = &input.#f { #body } }
            } else {
                quote! { { let m = &input.#f; #body } }
            }
        }
        (Location::Header(name), Value::List(inner)) => {
            let it = items(&b.ty, quote!(v));
            let text = to_text(inner, quote!(i));
            let quote_items = !matches!(**inner, Value::Timestamp("http-date"));
            with_value(b, quote! { w.header_list(#name, #it.map(|i| #text), #quote_items)?; })
        }
        (Location::Header(name), value) => {
            let text = to_text(value, quote!(v));
            with_value(b, quote! { w.header(#name, &#text)?; })
        }
        (Location::PrefixHeaders(prefix), Value::Map(inner)) => {
            let text = to_text(inner, quote!(v));
            let f = ident(&b.field);
            let body = quote! { w.prefix_headers(#prefix, m.iter().map(|(k, v)| (k, #text)))?; };
            if b.optional {
                quote! { if let ::std::option::Option::Some(m) = &input.#f { #body } }
            } else {
                quote! { { let m = &input.#f; #body } }
            }
        }
        (Location::Payload, value) => {
            let f = ident(&b.field);
            let field = if b.optional { quote!(input.#f.as_ref()) } else { quote!(::std::option::Option::Some(&input.#f)) };
            match value {
                Value::Blob { media_type } => {
                    let ct = media_type.clone().unwrap_or_else(|| "application/octet-stream".into());
                    quote! { w.raw_payload(#field.map(|b| b.as_bytes()), #ct); }
                }
                Value::String { .. } => quote! { w.raw_payload(#field.map(|s| s.as_bytes()), "text/plain"); },
                Value::Enum => quote! { w.raw_payload(#field.map(|s| s.as_str().as_bytes()), "text/plain"); },
                Value::Json { object } => quote! { w.json_payload(#field, #object)?; },
                _ => quote! { w.json_payload(#field, false)?; },
            }
        }
        // Labels are written with the path (`split_uri`); a response code is never sent.
        (Location::Label | Location::ResponseCode, _) => quote!(),
        // Model validation lets only maps carry these; should one get here, the crate must not
        // build rather than silently leave the member out of the request.
        (Location::QueryParams | Location::PrefixHeaders(_), _) => {
            let message = format!("the generator cannot send member `{}` (a map binding of a non-map value)", b.field);
            quote! { ::std::compile_error!(#message); }
        }
    }
}

/// Path (or host prefix) parts: literals, and labels with their checks.
fn uri_parts(parts: &[UriPart], push: &TokenStream) -> Vec<TokenStream> {
    parts
        .iter()
        .map(|p| match p {
            UriPart::Literal(text) => quote! { #push.path(#text); },
            UriPart::Label { field, member, greedy, value, optional } => {
                let f = ident(field);
                let text = match value {
                    Value::String { media_type: false } => None,
                    v => Some(to_text(v, quote!(v))),
                };
                match (text, optional) {
                    (None, true) => quote! { #push.label(#member, input.#f.as_deref(), #greedy)?; },
                    (None, false) => quote! { #push.label(#member, ::std::option::Option::Some(input.#f.as_str()), #greedy)?; },
                    (Some(t), true) => quote! {
                        let text = input.#f.as_ref().map(|v| #t);
                        #push.label(#member, text.as_deref(), #greedy)?;
                    },
                    (Some(t), false) => quote! {
                        let text = { let v = &input.#f; #t };
                        #push.label(#member, ::std::option::Option::Some(text.as_str()), #greedy)?;
                    },
                }
            }
        })
        .collect()
}

fn build_request(op: &OperationPlan) -> TokenStream {
    let method = &op.http_method;
    let path = uri_parts(&op.path, &quote!(w));
    let host = op.host_prefix.as_ref().map(|parts| {
        let steps = uri_parts(parts, &quote!(h));
        quote! {
            let mut h = crate::rt::http::RequestWriter::new("GET", "");
            #(#steps)*
            w.host_prefix(h.uri_text())?;
        }
    });
    let literal_query = op.uri_query.iter().map(|(k, v)| match v {
        Some(v) => quote! { w.literal_query(#k, ::std::option::Option::Some(#v)); },
        None => quote! { w.literal_query(#k, ::std::option::Option::None); },
    });
    let mut ordered: Vec<&Binding> = op.request.iter().collect();
    // `@httpQuery` before `@httpQueryParams`, `@httpHeader` before `@httpPrefixHeaders`: the first wins.
    ordered.sort_by_key(|b| match b.location {
        Location::Query(_) => 0,
        Location::QueryParams => 1,
        Location::Header(_) => 2,
        Location::PrefixHeaders(_) => 3,
        _ => 4,
    });
    let steps = ordered.iter().map(|b| request_step(b));
    let rpc = op.rpc.as_ref().map(|rpc| {
        let (ct, target) = (rpc.content_type, &rpc.target);
        let query_mode = rpc.query_mode.then(|| quote! { w.header("x-amzn-query-mode", "true")?; });
        quote! {
            w.header("Content-Type", #ct)?;
            w.header("X-Amz-Target", #target)?;
            #query_mode
        }
    });
    let body = match &op.request_body {
        Body::Json { bound, .. } => quote! { #rpc w.json_body(input, &[#(#bound),*])?; },
        // A payload is written by its binding's step.
        Body::None | Body::Payload => quote!(),
    };
    let token = op.idempotency_token.as_ref().map(|t| {
        let t = ident(t);
        quote! {
            let filled;
            let input = if input.#t.is_none() {
                filled = Input { #t: ::std::option::Option::Some(crate::rt::operation::uuid_v4()), ..::std::clone::Clone::clone(input) };
                &filled
            } else {
                input
            };
        }
    });
    let host_labels = op.host_prefix.iter().flatten().any(|p| matches!(p, UriPart::Label { .. }));
    let uses_input = !op.request.is_empty() || op.request_body != Body::None || host_labels;
    let unused = (!uses_input).then(|| quote! { let _ = input; });
    quote! {
        /// Builds the HTTP request for `input`, to be sent to `endpoint` (scheme, host and optional
        /// base path, e.g. `https://connect.us-east-1.amazonaws.com`). No I/O, no signing.
        ///
        /// Fails when an `@httpLabel` member is unset or empty, or a value cannot be sent.
        pub fn build_request(input: &Input, endpoint: &str) -> ::std::result::Result<::http::Request<::std::vec::Vec<u8>>, crate::rt::http::BuildRequestError> {
            #token
            #unused
            let mut w = crate::rt::http::RequestWriter::new(#method, endpoint);
            #host
            #(#path)*
            #(#literal_query)*
            #(#steps)*
            #body
            w.finish()
        }
    }
}

fn error_enum(op: &OperationPlan) -> TokenStream {
    let variants = op.errors.iter().map(|e| {
        let v = ident(&e.variant);
        let t = ident(&e.type_name);
        let doc = format!(" The modelled error `{}` (HTTP {}).", e.code, e.status);
        quote! { #[doc = #doc] #v(crate::types::#t), }
    });
    let names: Vec<_> = op.errors.iter().map(|e| ident(&e.variant)).collect();
    let types: Vec<_> = op.errors.iter().map(|e| ident(&e.type_name)).collect();
    let messages = op.errors.iter().map(|e| {
        let v = ident(&e.variant);
        match &e.message_field {
            Some((f, true)) => {
                let f = ident(f);
                quote! { Error::#v(e) => e.#f.as_deref(), }
            }
            Some((f, false)) => {
                let f = ident(f);
                quote! { Error::#v(e) => ::std::option::Option::Some(e.#f.as_str()), }
            }
            None => quote! { Error::#v(_) => ::std::option::Option::None, },
        }
    });
    let codes: Vec<&str> = op.errors.iter().map(|e| e.code.as_str()).collect();
    // An `@awsQueryCompatible` service reports the error's `@awsQueryError` code.
    let code_of = op.errors.iter().zip(&types).map(|(e, t)| match &e.query_code {
        Some(code) => quote!(#code),
        None => quote!(crate::types::#t::CODE),
    });
    let readers = op.errors.iter().map(|e| format_ident!("error_{}", e.module));
    let from_response = if op.errors.is_empty() {
        quote! { Error::Unhandled(crate::rt::response::ErrorMeta::read(response).unhandled(response.body())) }
    } else {
        quote! {
            let meta = crate::rt::response::ErrorMeta::read(response);
            match meta.code() {
                #(::std::option::Option::Some(#codes) => match super::#readers(response, &meta) {
                    ::std::result::Result::Ok(e) => Error::#names(e),
                    ::std::result::Result::Err(u) => Error::Unhandled(u),
                },)*
                _ => Error::Unhandled(meta.unhandled(response.body())),
            }
        }
    };
    let invalid = match op.validation_error.map(|i| &op.errors[i]) {
        Some(e) => {
            let v = ident(&e.variant);
            let t = ident(&e.type_name);
            let m = ident(&e.message_field.as_ref().expect("planned with a message").0);
            if e.from_message == Some(true) {
                quote! {
                    match crate::types::#t::builder().#m(message.clone()).build() {
                        ::std::result::Result::Ok(e) => Error::#v(e),
                        ::std::result::Result::Err(_) => Error::Unhandled(crate::rt::response::Unhandled::new(400, ::std::option::Option::Some(::std::string::String::from("ValidationException")), ::std::option::Option::Some(message), ::std::vec::Vec::new())),
                    }
                }
            } else {
                quote! { Error::#v(crate::types::#t::builder().#m(message).build()) }
            }
        }
        None => quote! {
            Error::Unhandled(crate::rt::response::Unhandled::new(400, ::std::option::Option::Some(::std::string::String::from("ValidationException")), ::std::option::Option::Some(message), ::std::vec::Vec::new()))
        },
    };
    let doc = format!(" The errors of `{}`: its modelled errors, or an unhandled one.", op.id.name);
    quote! {
        #[doc = #doc]
        #[non_exhaustive]
        #[derive(::std::clone::Clone, ::std::cmp::PartialEq, ::std::fmt::Debug)]
        pub enum Error {
            #(#variants)*
            /// An error no modelled error matches (code, message, status and body kept), or a
            /// response that could not be read.
            Unhandled(crate::rt::response::Unhandled),
        }

        impl Error {
            /// The error code: the modelled error's name, or the code an unhandled error carried.
            pub fn code(&self) -> ::std::option::Option<&str> {
                match self {
                    #(Error::#names(_) => ::std::option::Option::Some(#code_of),)*
                    Error::Unhandled(u) => u.code(),
                }
            }
            /// The error message, if the service sent one.
            pub fn message(&self) -> ::std::option::Option<&str> {
                match self {
                    #(#messages)*
                    Error::Unhandled(u) => u.message(),
                }
            }
            /// The error an error response carries, identified by its code (never by status alone).
            fn from_response(response: &::http::Response<::bytes::Bytes>) -> Self {
                #from_response
            }
            /// The error the service answers invalid input with.
            fn invalid_input(message: ::std::string::String) -> Self {
                #invalid
            }
        }

        impl ::std::fmt::Display for Error {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                match self {
                    #(Error::#names(e) => ::std::fmt::Display::fmt(e, f),)*
                    Error::Unhandled(u) => ::std::fmt::Display::fmt(u, f),
                }
            }
        }

        impl ::std::error::Error for Error {
            fn source(&self) -> ::std::option::Option<&(dyn ::std::error::Error + 'static)> {
                match self {
                    #(Error::#names(e) => ::std::option::Option::Some(e),)*
                    Error::Unhandled(u) => ::std::option::Option::Some(u),
                }
            }
        }

        impl crate::rt::operation::ServiceError for Error {
            fn code(&self) -> ::std::option::Option<&str> { Error::code(self) }
            fn message(&self) -> ::std::option::Option<&str> { Error::message(self) }
            fn unhandled(&self) -> ::std::option::Option<&crate::rt::response::Unhandled> {
                match self {
                    Error::Unhandled(u) => ::std::option::Option::Some(u),
                    #[allow(unreachable_patterns)]
                    _ => ::std::option::Option::None,
                }
            }
        }
    }
}

/// The module of one operation.
pub fn emit(op: &OperationPlan) -> TokenStream {
    let docs = op.docs.iter().map(|l| if l.is_empty() { String::new() } else { format!(" {l}") });
    let input = ident(&op.input);
    let output = ident(&op.output);
    let marker = ident(&op.marker);
    let name = &op.id.name;
    let build = build_request(op);
    let read_output = reader(&format_ident!("read_output"), &quote!(Output), &op.response, &op.response_body, quote!());
    let errors = error_enum(op);
    let validate = if op.validates {
        quote!(input.validate())
    } else {
        quote!({
            let _ = input;
            ::std::result::Result::Ok(())
        })
    };
    let pagination = op.pagination.as_ref().map(|p| pagination(op, p));
    let retryable: Vec<_> = op.errors.iter().filter_map(|e| e.retryable.map(|t| (e.code.as_str(), t))).collect();
    let retryable = (!retryable.is_empty()).then(|| {
        let (codes, throttling): (Vec<&str>, Vec<bool>) = retryable.into_iter().unzip();
        quote! { const RETRYABLE_ERRORS: &'static [(&'static str, bool)] = &[#((#codes, #throttling)),*]; }
    });
    let endpoint = op.endpoint_binding.as_ref().map(|f| {
        let f = ident(f);
        quote! {
            /// The operation binds endpoint parameters from its input: resolved per call.
            fn endpoint(
                input: &Input,
                built_ins: &crate::rt::config::BuiltIns,
            ) -> ::std::option::Option<::std::result::Result<crate::rt::endpoint::Endpoint, crate::rt::endpoint::ResolveError>> {
                let mut params = crate::endpoint::Params::from_built_ins(built_ins);
                crate::endpoint::bind::#f(input, &mut params);
                ::std::option::Option::Some(crate::endpoint::resolve(&params))
            }
        }
    });
    let finish = (op.gzip || op.checksum_required).then(|| {
        // Compression first: the checksum covers the body as sent.
        let gzip = op.gzip.then(|| quote! { crate::rt::compress::gzip(request, compression); });
        let md5 = op.checksum_required.then(|| quote! { crate::rt::checksum::content_md5(request); });
        let unused = (!op.gzip).then(|| quote! { let _ = compression; });
        quote! {
            fn finish_request(request: &mut ::http::Request<::std::vec::Vec<u8>>, compression: crate::rt::http::RequestCompression) {
                #unused
                #gzip
                #md5
            }
        }
    });
    let marker_doc = format!(" The `{name}` operation, for the generic client, stub and paginators.");
    // Full paths: the module also has an outer doc on its `pub mod`, and rustdoc resolves the
    // combined docs in the parent module.
    let how_to = format!(
        " Build its request with [`build_request`](crate::operation::{m}::build_request) and read the response with [`parse_response`](crate::operation::{m}::parse_response).",
        m = op.module
    );
    quote! {
        #(#![doc = #docs])*
        #![doc = ""]
        #![doc = #how_to]

        /// The operation's input.
        pub type Input = crate::types::#input;
        /// The operation's output.
        pub type Output = crate::types::#output;

        #[doc = #marker_doc]
        #[derive(::std::clone::Clone, ::std::marker::Copy, ::std::fmt::Debug, ::std::default::Default)]
        pub struct #marker;

        impl crate::rt::operation::Operation for #marker {
            type Input = Input;
            type Output = Output;
            type Error = Error;
            const NAME: &'static str = #name;
            fn build_request(input: &Input, endpoint: &str) -> ::std::result::Result<::http::Request<::std::vec::Vec<u8>>, crate::rt::http::BuildRequestError> {
                build_request(input, endpoint)
            }
            fn parse_response(response: ::http::Response<::bytes::Bytes>) -> ::std::result::Result<Output, Error> {
                parse_response(response)
            }
            fn validate(input: &Input) -> ::std::result::Result<(), crate::rt::validate::ValidationError> {
                #validate
            }
            fn invalid_input(message: ::std::string::String) -> Error {
                Error::invalid_input(message)
            }
            fn unhandled(error: crate::rt::response::Unhandled) -> Error {
                Error::Unhandled(error)
            }
            #retryable
            #finish
            #endpoint
        }

        #pagination

        #build

        /// Reads the response: the output for a success status, else the error it carries
        /// (identified by `X-Amzn-ErrorType`, `__type` or `code`).
        pub fn parse_response(response: ::http::Response<::bytes::Bytes>) -> ::std::result::Result<Output, Error> {
            let status = response.status().as_u16();
            if !response.status().is_success() {
                return ::std::result::Result::Err(Error::from_response(&response));
            }
            match read_output(&response) {
                ::std::result::Result::Ok(output) => ::std::result::Result::Ok(output),
                ::std::result::Result::Err(problem) => ::std::result::Result::Err(Error::Unhandled(crate::rt::response::Unhandled::unreadable(status, response.into_body(), problem))),
            }
        }

        #read_output
        #errors
    }
}

/// `Paginated` (and `PaginatedItems` when items are modelled) for the marker type.
fn pagination(op: &OperationPlan, p: &crate::plan::Pagination) -> TokenStream {
    let marker = ident(&op.marker);
    let out_token = ident(&p.output_token);
    let in_token = ident(&p.input_token);
    let token = super::ty(&p.token_ty);
    let next =
        if p.output_token_optional { quote!(output.#out_token.as_ref()) } else { quote!(::std::option::Option::Some(&output.#out_token)) };
    let page_len = match &p.follow_items {
        Some((f, true)) => {
            let f = ident(f);
            quote!(::std::option::Option::Some(output.#f.as_ref().map_or(0, ::std::vec::Vec::len)))
        }
        Some((f, false)) => {
            let f = ident(f);
            quote!(::std::option::Option::Some(output.#f.len()))
        }
        // Nothing to count (items that are a map, or several lists): the output goes unread.
        None => quote!({
            let _ = output;
            ::std::option::Option::None
        }),
    };
    let items = p.items.as_ref().map(|(f, ty, optional)| {
        let f = ident(f);
        let t = super::ty(ty);
        let take = if *optional { quote!(output.#f.unwrap_or_default()) } else { quote!(output.#f) };
        quote! {
            impl crate::rt::paginate::PaginatedItems for #marker {
                type Item = #t;
                fn items(output: Output) -> ::std::vec::Vec<#t> { #take }
            }
        }
    });
    quote! {
        impl crate::rt::paginate::Paginated for #marker {
            type Token = #token;
            fn next_token(output: &Output) -> ::std::option::Option<&#token> { #next }
            fn set_token(input: &mut Input, token: ::std::option::Option<#token>) { input.#in_token = token; }
            fn page_len(output: &Output) -> ::std::option::Option<usize> { #page_len }
        }
        #items
    }
}
