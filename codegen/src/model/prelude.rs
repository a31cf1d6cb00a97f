//! The Smithy prelude (`smithy.api#String`, `Primitive*` with defaults, `Unit`) and the trait ids we
//! know without a definition in the model (the prelude's own, defined in `prelude_traits`, and the AWS
//! ones the official models use).

use super::{Kind, Shape, ShapeId, Traits};
use crate::load::json::Node;

pub const FILE: &str = "<prelude>";

/// Prelude shapes, each with its default where the prelude defines one.
pub fn shapes() -> Vec<Shape> {
    let plain = [
        ("String", Kind::String),
        ("Blob", Kind::Blob),
        ("BigInteger", Kind::BigInteger),
        ("BigDecimal", Kind::BigDecimal),
        ("Timestamp", Kind::Timestamp),
        ("Document", Kind::Document),
        ("Boolean", Kind::Boolean),
        ("Byte", Kind::Byte),
        ("Short", Kind::Short),
        ("Integer", Kind::Integer),
        ("Long", Kind::Long),
        ("Float", Kind::Float),
        ("Double", Kind::Double),
    ];
    let primitive = [
        ("PrimitiveBoolean", Kind::Boolean, Node::Bool(false)),
        ("PrimitiveByte", Kind::Byte, Node::Number(0.into())),
        ("PrimitiveShort", Kind::Short, Node::Number(0.into())),
        ("PrimitiveInteger", Kind::Integer, Node::Number(0.into())),
        ("PrimitiveLong", Kind::Long, Node::Number(0.into())),
        ("PrimitiveFloat", Kind::Float, Node::Number(0.into())),
        ("PrimitiveDouble", Kind::Double, Node::Number(0.into())),
    ];
    let mut out: Vec<Shape> = plain.into_iter().map(|(name, kind)| shape(name, kind, Traits::default())).collect();
    for (name, kind, default) in primitive {
        let mut traits = Traits::default();
        traits.insert(ShapeId::prelude("default"), default);
        out.push(shape(name, kind, traits));
    }
    let mut unit = Traits::default();
    unit.insert(ShapeId::prelude("unitType"), Node::Object(Default::default()));
    out.push(shape("Unit", Kind::Structure, unit));
    out
}

fn shape(name: &str, kind: Kind, traits: Traits) -> Shape {
    Shape { id: ShapeId::prelude(name), kind, traits, members: Vec::new(), file: FILE.to_string() }
}

/// Non-prelude traits the official AWS models use without defining them.
pub const KNOWN_FOREIGN_TRAITS: &[&str] = &[
    "aws.api#service",
    "aws.api#arn",
    "aws.api#arnReference",
    "aws.api#clientEndpointDiscovery",
    "aws.api#clientDiscoveredEndpoint",
    "aws.api#controlPlane",
    "aws.api#dataPlane",
    "aws.api#data",
    "aws.api#tagEnabled",
    "aws.api#taggable",
    "aws.auth#sigv4",
    "aws.auth#sigv4a",
    "aws.auth#unsignedPayload",
    "aws.auth#cognitoUserPools",
    "aws.protocols#restJson1",
    "aws.protocols#awsJson1_0",
    "aws.protocols#awsJson1_1",
    "aws.protocols#restXml",
    "aws.protocols#awsQuery",
    "aws.protocols#ec2Query",
    "aws.protocols#awsQueryError",
    "aws.protocols#awsQueryCompatible",
    "aws.protocols#httpChecksum",
    "smithy.waiters#waitable",
];

/// Trait namespaces accepted whole: the rules engine's, and those for tools other than clients.
const TOOLING_NAMESPACES: &[&str] = &["smithy.rules", "aws.iam", "aws.cloudformation", "smithy.test", "aws.endpoints"];

/// Is this trait known without a definition in the model?
pub fn is_known_trait(id: &ShapeId) -> bool {
    if id.namespace == "smithy.api" {
        return super::prelude_traits::definition(&id.name).is_some();
    }
    // The endpoint-rules traits form a family; all of them are accepted. So are the families that
    // describe a service for other tools (IAM policies, CloudFormation resources, smoke tests,
    // endpoint patterns that the rule sets supersede): a client has nothing to do with them.
    if TOOLING_NAMESPACES.contains(&id.namespace.as_str()) {
        return true;
    }
    let full = id.to_string();
    KNOWN_FOREIGN_TRAITS.contains(&full.as_str())
}
