//! What every operation offers the generic client, stub and paginators, and the error a call returns.

use super::http::BuildRequestError;
use super::validate::ValidationError;
use ::std::option::Option::{self, None, Some};
use ::std::string::String;
use ::std::vec::Vec;

/// Defined with the transport, which sits below operations; named here too, where the API trait uses it.
pub use super::transport::BoxFuture;

/// One operation: its types and its sans-IO request building and response parsing.
pub trait Operation: Send + Sync + 'static {
    /// The input structure.
    type Input: Clone + Send + Sync + ::std::fmt::Debug + 'static;
    /// The output structure.
    type Output: Send + 'static;
    /// The operation's error enum.
    type Error: ServiceError;
    /// The operation's name in the model.
    const NAME: &'static str;
    /// Builds the HTTP request (see the operation module's `build_request`).
    fn build_request(input: &Self::Input, endpoint: &str) -> Result<::http::Request<Vec<u8>>, BuildRequestError>;
    /// Parses the HTTP response (see the operation module's `parse_response`).
    fn parse_response(response: ::http::Response<::bytes::Bytes>) -> Result<Self::Output, Self::Error>;
    /// Checks the input against the model's constraints.
    fn validate(input: &Self::Input) -> Result<(), ValidationError>;
    /// The error the service answers invalid input with, carrying `message`.
    fn invalid_input(message: String) -> Self::Error;
    /// The operation error for an unhandled error.
    fn unhandled(error: super::response::Unhandled) -> Self::Error;
    /// The operation's errors with the `@retryable` trait, by code, with whether each is
    /// throttling (`@retryable(throttling: true)`).
    const RETRYABLE_ERRORS: &'static [(&'static str, bool)] = &[];
    /// What the operation's traits ask of a built request before it is signed: gzip compression
    /// (`@requestCompression`, per the settings) and a `Content-MD5` header
    /// (`@httpChecksumRequired`). Nothing for most operations.
    fn finish_request(request: &mut ::http::Request<Vec<u8>>, compression: super::http::RequestCompression) {
        let _ = (request, compression);
    }
    /// The endpoint of this call when the operation binds endpoint parameters from its input
    /// (`contextParam`, `staticContextParams`, `operationContextParams`); `None`: the client's.
    fn endpoint(
        input: &Self::Input,
        built_ins: &super::config::BuiltIns,
    ) -> Option<Result<super::endpoint::Endpoint, super::endpoint::ResolveError>> {
        let _ = (input, built_ins);
        None
    }
}

/// What every operation error enum offers.
pub trait ServiceError: ::std::error::Error + Send + Sync + 'static {
    /// The error code (the modelled error's name, or what an unhandled error carried).
    fn code(&self) -> Option<&str>;
    /// The error message, if any.
    fn message(&self) -> Option<&str>;
    /// The unhandled error, if that is what this is.
    fn unhandled(&self) -> Option<&super::response::Unhandled> {
        None
    }
}

/// Why a call failed.
#[non_exhaustive]
#[derive(Debug)]
pub enum SdkError<E> {
    /// The request could not be built (an `@httpLabel` member unset or empty, a bad endpoint, ...).
    /// Nothing was sent.
    Construction(BuildRequestError),
    /// The endpoint rules gave no endpoint for this configuration (their message says why, e.g.
    /// "Invalid Configuration: FIPS and custom endpoint are not supported"). Nothing was sent.
    Endpoint(super::endpoint::ResolveError),
    /// Request validation is on and the input breaks the model's constraints. Nothing was sent.
    InvalidInput(ValidationError),
    /// No credentials: the provider failed or had none. Nothing was sent (by that attempt).
    Credentials(super::credentials::CredentialsCacheError),
    /// The request could not be signed (a header that is not text, ...). Nothing was sent.
    Signing(String),
    /// An attempt took longer than the attempt timeout (after the configured retries), or the
    /// whole call longer than the operation timeout.
    Timeout(::std::time::Duration),
    /// The transport failed (connection, TLS, body too large, ...) after the configured retries.
    Dispatch(super::transport::TransportError),
    /// The service answered with an error (modelled or unhandled), or with an unreadable response;
    /// with the response's status and request id.
    Service(E, super::response::ResponseMeta),
}

impl<E: ServiceError> SdkError<E> {
    /// The service error, if the service answered with one.
    pub fn as_service(&self) -> Option<&E> {
        match self {
            SdkError::Service(e, _) => Some(e),
            _ => None,
        }
    }
    /// The service error, or this error back.
    pub fn into_service(self) -> Result<E, Self> {
        match self {
            SdkError::Service(e, _) => Ok(e),
            other => Err(other),
        }
    }
    /// The service's error code, if the service answered with an error.
    pub fn code(&self) -> Option<&str> {
        self.as_service().and_then(ServiceError::code)
    }
    /// The service's error message, if the service answered with an error that has one.
    pub fn message(&self) -> Option<&str> {
        self.as_service().and_then(ServiceError::message)
    }
    /// The request id of the response (`x-amzn-RequestId`), the first thing AWS support asks for.
    pub fn request_id(&self) -> Option<&str> {
        self.response_meta().and_then(super::response::ResponseMeta::request_id)
    }
    /// The status and ids of the response, if the service answered.
    pub fn response_meta(&self) -> Option<&super::response::ResponseMeta> {
        match self {
            SdkError::Service(_, meta) => Some(meta),
            _ => None,
        }
    }
}

impl<E: ServiceError> ::std::fmt::Display for SdkError<E> {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        match self {
            SdkError::Construction(e) => ::std::fmt::Display::fmt(e, f),
            SdkError::Endpoint(e) => ::std::fmt::Display::fmt(e, f),
            SdkError::InvalidInput(e) => write!(f, "invalid request: {e}"),
            SdkError::Credentials(e) => write!(f, "no credentials to sign the request with: {e}"),
            SdkError::Signing(e) => write!(f, "cannot sign the request: {e}"),
            SdkError::Timeout(d) => write!(f, "the request timed out after {d:?}"),
            SdkError::Dispatch(e) => write!(f, "the request could not be sent: {e}"),
            SdkError::Service(e, meta) => {
                write!(f, "service error: {e}")?;
                match meta.request_id() {
                    // An unhandled error prints its own.
                    Some(id) if e.unhandled().is_none_or(|u| u.request_id().is_none()) => write!(f, " (request id {id})"),
                    _ => Ok(()),
                }
            }
        }
    }
}

impl<E: ServiceError> ::std::error::Error for SdkError<E> {
    fn source(&self) -> Option<&(dyn ::std::error::Error + 'static)> {
        match self {
            SdkError::Construction(e) => Some(e),
            SdkError::Endpoint(e) => Some(e),
            SdkError::InvalidInput(e) => Some(e),
            SdkError::Dispatch(e) => Some(e),
            SdkError::Service(e, _) => Some(e),
            SdkError::Credentials(e) => Some(e),
            SdkError::Signing(_) | SdkError::Timeout(_) => None,
        }
    }
}

/// A random (version 4) UUID, for unset `@idempotencyToken` members.
pub fn uuid_v4() -> String {
    let mut bytes = ::fastrand::u128(..).to_be_bytes();
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    format!("{}-{}-{}-{}-{}", &hex[0..8], &hex[8..12], &hex[12..16], &hex[16..20], &hex[20..32])
}
