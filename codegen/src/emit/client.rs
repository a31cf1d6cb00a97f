//! The client (`src/client.rs`): the API trait, `Client` with one async method per operation and
//! paginators; and the stub (`src/stub.rs`) implementing the same trait.

use super::doc_attrs;
use crate::naming::ident;
use crate::plan::{ClientPlan, CratePlan, OperationPlan};
use proc_macro2::TokenStream;
use quote::quote;

fn op_types(op: &OperationPlan) -> (TokenStream, TokenStream, TokenStream, TokenStream) {
    let m = ident(&op.module);
    let marker = ident(&op.marker);
    (
        quote!(crate::operation::#m::Input),
        quote!(crate::operation::#m::Output),
        quote!(crate::rt::operation::SdkError<crate::operation::#m::Error>),
        quote!(crate::operation::#m::#marker),
    )
}

fn paginator_method(op: &OperationPlan) -> Option<TokenStream> {
    let p = op.pagination.as_ref()?;
    let method = ident(&op.method);
    let name = ident(&p.method);
    let (input, _, _, marker) = op_types(op);
    let mut doc = vec![format!("Pages of `{}`: call `next().await` until it returns `None`.", op.id.name)];
    if p.items.is_some() {
        doc.push("`.items()` turns it into an iterator over the items of every page (`next_item().await`).".to_string());
    }
    if let Some(follow) = &p.follow_doc {
        doc.push(String::new());
        doc.push(follow.clone());
    }
    let docs = doc_attrs(&doc);
    Some(quote! {
        #docs
        fn #name(&self, input: #input) -> crate::rt::paginate::Paginator<'_, #marker> {
            crate::rt::paginate::Paginator::new(input, ::std::boxed::Box::new(move |i| self.#method(i)))
        }
    })
}

/// `src/client.rs`.
pub fn emit_client(plan: &CratePlan, client: &ClientPlan) -> TokenStream {
    let api = ident(&client.api_trait);
    let prefix = &client.endpoint_prefix;
    let signing = &client.signing_name;
    let trait_methods = client.operations.iter().map(|op| {
        let docs = doc_attrs(&op.docs);
        let method = ident(&op.method);
        let (input, output, error, _) = op_types(op);
        quote! {
            #docs
            fn #method(&self, input: #input) -> crate::rt::operation::BoxFuture<'_, ::std::result::Result<#output, #error>>;
        }
    });
    let paginators = client.operations.iter().filter_map(paginator_method);
    let inherent = client.operations.iter().map(|op| {
        let docs = doc_attrs(&op.docs);
        let method = ident(&op.method);
        let (input, _, _, marker) = op_types(op);
        quote! {
            #docs
            pub fn #method(&self, input: #input) -> crate::rt::client::Call<'_, #marker> {
                crate::rt::client::invoke::<#marker>(&self.config, input)
            }
        }
    });
    let impls = client.operations.iter().map(|op| {
        let method = ident(&op.method);
        let (input, output, error, marker) = op_types(op);
        quote! {
            fn #method(&self, input: #input) -> crate::rt::operation::BoxFuture<'_, ::std::result::Result<#output, #error>> {
                ::std::boxed::Box::pin(crate::rt::client::invoke::<#marker>(&self.config, input))
            }
        }
    });
    let api_doc = format!(
        " The operations of {}, one method per operation: implemented by [`Client`] and by the in-memory `stub::Stub` (feature `test-util`).",
        plan.title
    );
    let krate = plan.crate_name.replace('-', "_");
    let module_doc: Vec<String> = [
        " The client: [`Config`], [`Client`], and the API trait shared with the test stub.".to_string(),
        String::new(),
        " ```no_run".to_string(),
        format!(" use {krate}::client::{{Client, Config, Credentials}};"),
        " # fn run() -> ::std::result::Result<(), ::std::boxed::Box<dyn ::std::error::Error>> {".to_string(),
        " let config = Config::builder()".to_string(),
        "     .region(\"us-east-1\")".to_string(),
        "     .credentials(Credentials::from_keys(\"AKID\", \"SECRET\", None))".to_string(),
        "     .endpoint_url(\"http://127.0.0.1:8080\")".to_string(),
        "     .build()?;".to_string(),
        " let client = Client::new(config);".to_string(),
        " # let _ = client;".to_string(),
        " # Ok(()) }".to_string(),
        " ```".to_string(),
    ]
    .into();
    let client_doc = format!(" A client of {}: SigV4-signed {} requests, retries, timeouts.", plan.title, client.protocol.name());
    let endpoint_env = &client.endpoint_env;
    let ua_name = &client.ua_name;
    let resolve = match &plan.endpoints {
        Some(_) => quote!(::std::option::Option::Some(crate::endpoint::resolve_built_ins)),
        None => quote!(::std::option::Option::None),
    };
    quote! {
        #(#![doc = #module_doc])*

        pub use crate::rt::config::{BuiltIns, Config, ConfigBuilder, ConfigError, Credentials, ProvideCredentials, SharedCredentialsProvider};
        pub use crate::rt::credentials::{CredentialsCache, CredentialsCacheError};
        pub use crate::rt::response::{ResponseMeta, Unhandled};
        pub use crate::rt::retry::{RetryConfig, RetryMode};
        pub use crate::rt::endpoint::{Endpoint, ResolveError};
        pub use crate::rt::operation::{BoxFuture, SdkError};
        pub use crate::rt::paginate::{ItemPaginator, Paginator};
        #[cfg(feature = "default-https-client")]
        pub use crate::rt::https::HttpsTransport;
        #[cfg(feature = "default-https-client")]
        pub use crate::rt::transport::TokioSleep;
        pub use crate::rt::transport::{Bytes, Clock, Sleep, SystemClock, ThreadSleep, Transport, TransportError, TransportErrorKind};

        /// The service's facts: endpoint prefix, signing name, endpoint variable and rules.
        pub(crate) const SERVICE: crate::rt::config::ServiceInfo = crate::rt::config::ServiceInfo {
            endpoint_prefix: #prefix,
            signing_name: #signing,
            endpoint_env: #endpoint_env,
            resolve: #resolve,
            api_name: #ua_name,
            api_version: ::std::env!("CARGO_PKG_VERSION"),
        };

        #[doc = #api_doc]
        pub trait #api: ::std::marker::Send + ::std::marker::Sync {
            #(#trait_methods)*
            #(#paginators)*
        }

        #[doc = #client_doc]
        #[derive(::std::clone::Clone, ::std::fmt::Debug)]
        pub struct Client {
            config: ::std::sync::Arc<crate::rt::client::ClientConfig>,
        }

        impl Client {
            /// A client with this configuration.
            pub fn new(config: Config) -> Self {
                Client { config: ::std::sync::Arc::new(crate::rt::client::ClientConfig::new(config, SERVICE)) }
            }
            /// A client configured from the environment (region, credentials) and the defaults.
            pub fn from_env() -> ::std::result::Result<Self, ConfigError> {
                Config::builder().build().map(Self::new)
            }
            /// The configuration.
            pub fn config(&self) -> &Config {
                self.config.config()
            }
            /// Tokens left in the retry quota the client's calls share (500 when full; a retry
            /// takes 5, a retry after a timeout 10, a success gives back).
            pub fn retry_quota(&self) -> u32 {
                self.config.retry_quota()
            }
            /// The clock skew learned from the service's answers to clock-skew errors.
            pub fn clock_skew(&self) -> ::std::time::Duration {
                self.config.clock_skew()
            }
            /// The endpoint requests go to (operations that bind endpoint parameters from their
            /// input resolve their own), or why the configuration has none.
            pub fn endpoint(&self) -> ::std::result::Result<&crate::rt::endpoint::Endpoint, &crate::rt::endpoint::ResolveError> {
                self.config.endpoint()
            }
            #(#inherent)*
        }

        impl #api for Client {
            #(#impls)*
        }
    }
}

/// `src/stub.rs`.
pub fn emit_stub(client: &ClientPlan) -> TokenStream {
    let api = ident(&client.api_trait);
    let impls = client.operations.iter().map(|op| {
        let method = ident(&op.method);
        let (input, output, error, marker) = op_types(op);
        quote! {
            fn #method(&self, input: #input) -> crate::rt::operation::BoxFuture<'_, ::std::result::Result<#output, #error>> {
                ::std::boxed::Box::pin(::std::future::ready(self.answer::<#marker>(input)))
            }
        }
    });
    let doc = format!(" The stub answers every operation of [`{}`](crate::client::{}).", client.api_trait, client.api_trait);
    quote! {
        //! An in-memory stand-in for the service, for testing code that calls it: queue answers per
        //! operation, call it through the API trait, then assert on the recorded calls.
        //! Every request is validated; a violation gets the operation's validation error.

        pub use crate::rt::stub::{Call, Stub};

        #[doc = #doc]
        impl crate::client::#api for Stub {
            #(#impls)*
        }
    }
}
