//! The service's protocol, from its protocol trait, and what it means for the generated crate.

use crate::model::Shape;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Protocol {
    RestJson1,
    AwsJson1_0,
    AwsJson1_1,
    RestXml,
    AwsQuery,
    Ec2Query,
    RpcV2Cbor,
    RpcV2Json,
    /// No protocol trait the generator knows.
    Unknown,
}

/// Protocol traits in order of preference: a service with several gets a client for the first
/// one the generator speaks.
const TRAITS: &[(&str, Protocol)] = &[
    ("aws.protocols#restJson1", Protocol::RestJson1),
    ("aws.protocols#awsJson1_0", Protocol::AwsJson1_0),
    ("aws.protocols#awsJson1_1", Protocol::AwsJson1_1),
    ("aws.protocols#restXml", Protocol::RestXml),
    ("aws.protocols#awsQuery", Protocol::AwsQuery),
    ("aws.protocols#ec2Query", Protocol::Ec2Query),
    ("smithy.protocols#rpcv2Cbor", Protocol::RpcV2Cbor),
    ("smithy.protocols#rpcv2Json", Protocol::RpcV2Json),
];

impl Protocol {
    pub fn of(service: &Shape) -> Protocol {
        TRAITS.iter().find(|(t, _)| service.traits.get(t).is_some()).map(|(_, p)| *p).unwrap_or(Protocol::Unknown)
    }

    /// The crate gets a client (and JSON wire code): restJson1 and the two awsJson versions.
    pub fn has_client(self) -> bool {
        matches!(self, Protocol::RestJson1 | Protocol::AwsJson1_0 | Protocol::AwsJson1_1)
    }

    /// A protocol the generator knows but has no client for (XML, Query, CBOR): the crate gets
    /// types and validators only, without JSON wire code. (Without any protocol trait, a model's
    /// types keep their JSON code.)
    pub fn types_only(self) -> bool {
        !self.has_client() && self != Protocol::Unknown
    }

    /// awsJson: `POST /` with `X-Amz-Target`, the whole input as the body, no HTTP bindings.
    pub fn is_aws_json(self) -> bool {
        matches!(self, Protocol::AwsJson1_0 | Protocol::AwsJson1_1)
    }

    /// restJson1 honours `@jsonName`; the awsJson protocols ignore it.
    pub fn uses_json_name(self) -> bool {
        !self.is_aws_json()
    }

    /// The awsJson content type.
    pub fn content_type(self) -> &'static str {
        match self {
            Protocol::AwsJson1_0 => "application/x-amz-json-1.0",
            Protocol::AwsJson1_1 => "application/x-amz-json-1.1",
            _ => "application/json",
        }
    }

    /// The protocol as its trait names it, for messages.
    pub fn name(self) -> &'static str {
        match self {
            Protocol::RestJson1 => "restJson1",
            Protocol::AwsJson1_0 => "awsJson1_0",
            Protocol::AwsJson1_1 => "awsJson1_1",
            Protocol::RestXml => "restXml",
            Protocol::AwsQuery => "awsQuery",
            Protocol::Ec2Query => "ec2Query",
            Protocol::RpcV2Cbor => "rpcv2Cbor",
            Protocol::RpcV2Json => "rpcv2Json",
            Protocol::Unknown => "no known protocol",
        }
    }
}
