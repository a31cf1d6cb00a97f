//! The resolved, validated semantic model: shapes keyed by id, mixins flattened, `apply` applied.

pub mod prelude;
pub mod prelude_traits;
mod resolve;
pub mod shape_id;
pub mod traits;
mod validate;

use crate::load::json::Node;
use std::collections::BTreeMap;

/// Builds the model from loaded files and runs the semantic checks on it; errors are pushed to
/// `diags` (the model is still returned so later stages can report more problems).
pub fn resolve(files: &[crate::load::RawFile], diags: &mut crate::diag::Diagnostics) -> Model {
    let (mut model, inherited) = resolve::build(files, diags);
    validate::validate(&model, &inherited, diags);
    // Mixin shapes exist only to be copied from; they are not part of the generated API.
    model.shapes.retain(|_, s| !s.traits.has("mixin"));
    model
}

/// What mixins gave a shape, so problems are reported once, where the mixin defines them.
#[derive(Debug, Default)]
struct Inherited {
    /// Member ids whose member (target included) was copied from a mixin and not redefined.
    members: std::collections::BTreeSet<ShapeId>,
    /// (shape or member id, trait id): trait values copied from a mixin and not overridden.
    traits: std::collections::BTreeSet<(ShapeId, ShapeId)>,
}
pub use shape_id::ShapeId;
pub use traits::Traits;

/// Every shape of every loaded file plus the prelude.
#[derive(Clone, Debug, Default)]
pub struct Model {
    pub shapes: BTreeMap<ShapeId, Shape>,
    pub metadata: BTreeMap<String, Node>,
}

#[derive(Clone, Debug)]
pub struct Shape {
    pub id: ShapeId,
    pub kind: Kind,
    pub traits: Traits,
    /// Members in model order: structure/union/enum members; `member` for lists; `key`, `value` for maps.
    pub members: Vec<Member>,
    /// The file the shape came from (`<prelude>` for prelude shapes).
    pub file: String,
}

#[derive(Clone, Debug)]
pub struct Member {
    pub name: String,
    pub target: ShapeId,
    pub traits: Traits,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Kind {
    Blob,
    Boolean,
    String,
    Byte,
    Short,
    Integer,
    Long,
    Float,
    Double,
    BigInteger,
    BigDecimal,
    Timestamp,
    Document,
    Enum,
    IntEnum,
    List,
    Map,
    Structure,
    Union,
    Service(Service),
    Operation(Operation),
    Resource(Resource),
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Service {
    pub version: String,
    pub operations: Vec<ShapeId>,
    pub resources: Vec<ShapeId>,
    pub errors: Vec<ShapeId>,
    pub rename: BTreeMap<ShapeId, String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Operation {
    pub input: ShapeId,
    pub output: ShapeId,
    pub errors: Vec<ShapeId>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Resource {
    pub identifiers: BTreeMap<String, ShapeId>,
    pub properties: BTreeMap<String, ShapeId>,
    /// create, put, read, update, delete, list: in that order when present.
    pub lifecycle: Vec<(String, ShapeId)>,
    pub operations: Vec<ShapeId>,
    pub collection_operations: Vec<ShapeId>,
    pub resources: Vec<ShapeId>,
}

impl Kind {
    /// The type name as written in the JSON AST.
    pub fn name(&self) -> &'static str {
        match self {
            Kind::Blob => "blob",
            Kind::Boolean => "boolean",
            Kind::String => "string",
            Kind::Byte => "byte",
            Kind::Short => "short",
            Kind::Integer => "integer",
            Kind::Long => "long",
            Kind::Float => "float",
            Kind::Double => "double",
            Kind::BigInteger => "bigInteger",
            Kind::BigDecimal => "bigDecimal",
            Kind::Timestamp => "timestamp",
            Kind::Document => "document",
            Kind::Enum => "enum",
            Kind::IntEnum => "intEnum",
            Kind::List => "list",
            Kind::Map => "map",
            Kind::Structure => "structure",
            Kind::Union => "union",
            Kind::Service(_) => "service",
            Kind::Operation(_) => "operation",
            Kind::Resource(_) => "resource",
        }
    }

    /// The type name with its indefinite article: "a string", "an integer".
    pub fn a(&self) -> String {
        article(self.name())
    }

    /// Shapes whose values are data (may be targeted by members).
    pub fn is_data(&self) -> bool {
        !matches!(self, Kind::Service(_) | Kind::Operation(_) | Kind::Resource(_))
    }

    pub fn is_number(&self) -> bool {
        matches!(
            self,
            Kind::Byte
                | Kind::Short
                | Kind::Integer
                | Kind::Long
                | Kind::Float
                | Kind::Double
                | Kind::BigInteger
                | Kind::BigDecimal
                | Kind::IntEnum
        )
    }

    pub fn is_integral(&self) -> bool {
        matches!(self, Kind::Byte | Kind::Short | Kind::Integer | Kind::Long | Kind::BigInteger | Kind::IntEnum)
    }

    /// string-like for trait selectors (`enum` counts as string, as in the reference implementation).
    pub fn is_string_like(&self) -> bool {
        matches!(self, Kind::String | Kind::Enum)
    }

    pub fn is_aggregate(&self) -> bool {
        matches!(self, Kind::List | Kind::Map | Kind::Structure | Kind::Union)
    }
}

/// `name` with "a" or "an" before it, for messages.
pub(crate) fn article(name: &str) -> String {
    let an = name.starts_with(['a', 'e', 'i', 'o', 'u']);
    format!("{} {name}", if an { "an" } else { "a" })
}

impl Shape {
    pub fn member(&self, name: &str) -> Option<&Member> {
        self.members.iter().find(|m| m.name == name)
    }

    pub fn operation(&self) -> Option<&Operation> {
        match &self.kind {
            Kind::Operation(op) => Some(op),
            _ => None,
        }
    }

    pub fn service(&self) -> Option<&Service> {
        match &self.kind {
            Kind::Service(s) => Some(s),
            _ => None,
        }
    }
}

impl Model {
    pub fn shape(&self, id: &ShapeId) -> Option<&Shape> {
        self.shapes.get(id)
    }

    /// The shape a member id (or shape id) refers to.
    pub fn expect(&self, id: &ShapeId) -> &Shape {
        &self.shapes[id]
    }

    pub fn services(&self) -> impl Iterator<Item = &Shape> {
        self.shapes.values().filter(|s| matches!(s.kind, Kind::Service(_)))
    }
}
