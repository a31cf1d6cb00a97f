//! Endpoint rule sets (`smithy.rules#endpointRuleSet`) read into a typed tree, and their tests
//! (`smithy.rules#endpointTests`). Checking happens here, at generation time, so that emit only
//! turns a well-typed tree into Rust: a rule set the generator cannot compile is an error naming
//! the rule (its JSON path inside the trait), never code that fails to build.

mod check;
pub mod partitions;
pub mod tests;

pub use check::{param_value, parse};

use std::collections::BTreeMap;

/// The type of a parameter.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ParamType {
    String,
    Boolean,
    StringArray,
}

#[derive(Clone, Debug, PartialEq)]
pub enum ParamValue {
    String(String),
    Boolean(bool),
    StringArray(Vec<String>),
}

#[derive(Clone, Debug)]
pub struct Param {
    pub name: String,
    pub ty: ParamType,
    pub built_in: Option<String>,
    pub default: Option<ParamValue>,
    pub required: bool,
    pub docs: Option<String>,
}

impl Param {
    /// Whether the resolver sees it as possibly unset (no default).
    pub fn optional(&self) -> bool {
        self.default.is_none()
    }
}

/// The type of an expression, as the checker infers it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Ty {
    Str,
    Bool,
    Int,
    StrArray,
    Partition,
    Url,
    Arn,
    /// An array or object literal (endpoint properties only).
    Document,
    Opt(Box<Ty>),
}

impl Ty {
    pub fn opt(self) -> Ty {
        match self {
            Ty::Opt(_) => self,
            t => Ty::Opt(Box::new(t)),
        }
    }
    pub fn inner(&self) -> &Ty {
        match self {
            Ty::Opt(t) => t,
            t => t,
        }
    }
    pub fn is_opt(&self) -> bool {
        matches!(self, Ty::Opt(_))
    }
}

/// How a string value is held in the generated code: borrowed (`&str`) or owned (`String`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Repr {
    Borrowed,
    Owned,
}

/// The standard library functions a rule set may call.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Func {
    BooleanEquals,
    StringEquals,
    IsSet,
    Not,
    IsValidHostLabel,
    ParseUrl,
    Substring,
    UriEncode,
    Partition,
    ParseArn,
    IsVirtualHostableS3Bucket,
}

impl Func {
    pub fn by_name(name: &str) -> Option<Func> {
        Some(match name {
            "booleanEquals" => Func::BooleanEquals,
            "stringEquals" => Func::StringEquals,
            "isSet" => Func::IsSet,
            "not" => Func::Not,
            "isValidHostLabel" => Func::IsValidHostLabel,
            "parseURL" => Func::ParseUrl,
            "substring" => Func::Substring,
            "uriEncode" => Func::UriEncode,
            "aws.partition" => Func::Partition,
            "aws.parseArn" => Func::ParseArn,
            "aws.isVirtualHostableS3Bucket" => Func::IsVirtualHostableS3Bucket,
            _ => return None,
        })
    }
    /// Argument types and result type.
    pub fn signature(self) -> (&'static [Ty], Ty) {
        use Ty::*;
        match self {
            Func::BooleanEquals => (&[Bool, Bool], Bool),
            Func::StringEquals => (&[Str, Str], Bool),
            // Checked specially: any optional value.
            Func::IsSet => (&[], Bool),
            Func::Not => (&[Bool], Bool),
            Func::IsValidHostLabel => (&[Str, Bool], Bool),
            Func::ParseUrl => (&[Str], Opt(Box::new(Url))),
            Func::Substring => (&[Str, Int, Int, Bool], Opt(Box::new(Str))),
            Func::UriEncode => (&[Str], Str),
            Func::Partition => (&[Str], Opt(Box::new(Partition))),
            Func::ParseArn => (&[Str], Opt(Box::new(Arn))),
            Func::IsVirtualHostableS3Bucket => (&[Str, Bool], Bool),
        }
    }
}

/// One step of a `getAttr` path.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PathStep {
    Field(String),
    Index(usize),
}

/// A checked expression with its type.
#[derive(Clone, Debug)]
pub struct Expr {
    pub kind: ExprKind,
    pub ty: Ty,
    pub repr: Repr,
}

#[derive(Clone, Debug)]
pub enum ExprKind {
    /// A string without placeholders.
    Str(String),
    /// A string with `{Ref}` / `{Ref#path}` placeholders.
    Template(Vec<TemplatePart>),
    Bool(bool),
    Int(i64),
    Array(Vec<Expr>),
    Record(Vec<(String, Expr)>),
    /// A parameter or an assigned variable, by its Rust name.
    Ref(String),
    Call(Func, Vec<Expr>),
    GetAttr(Box<Expr>, Vec<PathStep>),
}

#[derive(Clone, Debug)]
pub enum TemplatePart {
    Lit(String),
    Expr(Expr),
}

#[derive(Clone, Debug)]
pub struct Condition {
    pub expr: Expr,
    /// The variable the result is bound to (its Rust name), if any.
    pub assign: Option<String>,
    /// `isSet(x)` of an optional variable: `x` is known to be set from here on.
    pub narrows: Option<String>,
}

#[derive(Clone, Debug)]
pub struct Rule {
    /// JSON path of the rule inside the trait, for messages.
    pub path: String,
    pub conditions: Vec<Condition>,
    pub kind: RuleKind,
}

#[derive(Clone, Debug)]
pub enum RuleKind {
    Endpoint { url: Expr, headers: Vec<(String, Vec<Expr>)>, properties: Vec<(String, Expr)> },
    Error(Expr),
    Tree(Vec<Rule>),
}

/// A checked rule set. Parameters are keyed by their model name.
#[derive(Clone, Debug)]
pub struct RuleSet {
    pub params: BTreeMap<String, Param>,
    /// Rust variable name of each parameter.
    pub param_vars: BTreeMap<String, String>,
    pub rules: Vec<Rule>,
    /// Whether some rule calls `aws.partition` (the crate then carries the partition table).
    pub uses_partitions: bool,
}

impl RuleSet {
    /// The parameter with this `builtIn`, if any.
    pub fn built_in(&self, built_in: &str) -> Option<&Param> {
        self.params.values().find(|p| p.built_in.as_deref() == Some(built_in))
    }
}
