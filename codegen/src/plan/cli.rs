//! The command-line tool's tables (`src/cli.rs`, feature `cli`): every operation of the client
//! and every structure, union and enum its input and output reach, in the AWS CLI's terms
//! (member names, required members, the element shape names its skeletons show) next to the
//! crate's (wire names, timestamp formats).

use super::operations::{ClientPlan, merge_paginated};
use super::{Ty, TypeKind, TypePlan};
use crate::config::Config;
use crate::model::{Model, ShapeId};
use std::collections::{BTreeMap, VecDeque};

pub struct CliPlan {
    /// Indexed by `CliTy::Named`; the order in which operations reach them.
    pub types: Vec<CliType>,
    pub operations: Vec<CliOp>,
}

pub struct CliType {
    /// The shape's name in the model.
    pub name: String,
    pub kind: CliKind,
}

pub enum CliKind {
    Structure(Vec<CliMember>),
    Union(Vec<CliMember>),
    Enum(Vec<String>),
    IntEnum(Vec<i64>),
}

pub struct CliMember {
    pub name: String,
    pub wire: String,
    pub ty: CliTy,
    pub required: bool,
    pub doc: String,
}

#[derive(Clone, Debug, PartialEq)]
pub enum CliTy {
    String,
    Boolean,
    Integer,
    Float,
    BigNumber,
    /// The format the crate's JSON form writes (`epoch-seconds`, `date-time`, `http-date`).
    Timestamp(&'static str),
    Blob,
    Document,
    Unit,
    Named(usize),
    /// The element and the element shape's name.
    List(Box<CliTy>, String),
    Map(Box<CliTy>, Box<CliTy>),
}

pub struct CliOp {
    pub name: String,
    pub doc: String,
    /// `crate::operation::<module>::<marker>`.
    pub module: String,
    pub marker: String,
    pub input: usize,
    pub output: usize,
    /// `@paginated` members (input token, output token, items, page size), as paths of member names.
    pub paging: Option<(String, String, Option<String>, Option<String>)>,
    /// The list the follow mode watches (`codegen.toml` `follow`): the items, else the output's only list.
    pub follow: Option<String>,
}

/// The tables of a crate with a client.
pub fn plan(model: &Model, service: &ShapeId, client: &ClientPlan, types: &BTreeMap<String, TypePlan>, config: &Config) -> CliPlan {
    let by_name: BTreeMap<&str, &TypePlan> = types.values().map(|t| (t.name.as_str(), t)).collect();
    let mut tables = Tables { model, by_name, index: BTreeMap::new(), queue: VecDeque::new(), types: Vec::new() };
    let service_paginated = model.shape(service).and_then(|s| s.traits.paginated());
    let follow: Vec<&str> = config.follow(service).collect();
    let mut operations = Vec::new();
    for op in &client.operations {
        let (Some(input), Some(output)) = (tables.named(&op.input), tables.named(&op.output)) else { continue };
        let trait_ = model.shape(&op.id).and_then(|s| s.traits.paginated()).map(|p| merge_paginated(p, service_paginated.as_ref()));
        let paging = trait_.and_then(|p| Some((p.input_token?, p.output_token?, p.items, p.page_size)));
        let follow = match &paging {
            Some((_, _, items, _)) if follow.contains(&op.id.name.as_str()) => items.clone().or_else(|| only_list(&tables, &op.output)),
            _ => None,
        };
        operations.push(CliOp {
            name: op.id.name.clone(),
            doc: op.docs.join("\n"),
            module: op.module.clone(),
            marker: op.marker.clone(),
            input,
            output,
            follow,
            paging,
        });
    }
    tables.drain();
    CliPlan { types: tables.types, operations }
}

/// The member name of the only list of a structure (by Rust name).
fn only_list(tables: &Tables, name: &str) -> Option<String> {
    let TypeKind::Struct(s) = &tables.by_name.get(name)?.kind else { return None };
    match s.fields.iter().filter(|f| matches!(f.ty, Ty::List(..))).collect::<Vec<_>>().as_slice() {
        [only] => Some(only.member.clone()),
        _ => None,
    }
}

struct Tables<'a> {
    model: &'a Model,
    by_name: BTreeMap<&'a str, &'a TypePlan>,
    /// Rust type name → index in `types`.
    index: BTreeMap<String, usize>,
    queue: VecDeque<&'a TypePlan>,
    types: Vec<CliType>,
}

impl<'a> Tables<'a> {
    /// The index of the type named `name` (its Rust name), queued to be filled in.
    fn named(&mut self, name: &str) -> Option<usize> {
        if let Some(&i) = self.index.get(name) {
            return Some(i);
        }
        let tp = *self.by_name.get(name)?;
        let i = self.types.len();
        self.index.insert(name.to_string(), i);
        self.types.push(CliType { name: tp.id.name.clone(), kind: CliKind::Enum(Vec::new()) });
        self.queue.push_back(tp);
        Some(i)
    }

    fn drain(&mut self) {
        while let Some(tp) = self.queue.pop_front() {
            let i = self.index[&tp.name];
            let kind = self.kind(tp);
            self.types[i].kind = kind;
        }
    }

    fn kind(&mut self, tp: &TypePlan) -> CliKind {
        let model = self.model;
        let shape = model.shape(&tp.id);
        let member = |name: &str| shape.and_then(|s| s.members.iter().find(|m| m.name == name));
        let required = |name: &str| member(name).is_some_and(|m| m.traits.has("required"));
        let target = |name: &str| member(name).map(|m| m.target.clone());
        // The model's order (the plan's is sorted): the AWS CLI's skeletons and enum choices follow it.
        let order: Vec<&str> = shape.map(|s| s.members.iter().map(|m| m.name.as_str()).collect()).unwrap_or_default();
        let rank = |name: &str| order.iter().position(|n| *n == name).unwrap_or(usize::MAX);
        match &tp.kind {
            TypeKind::Struct(s) => CliKind::Structure({
                let mut fields: Vec<_> = s.fields.iter().collect();
                fields.sort_by_key(|f| rank(&f.member));
                fields
                    .into_iter()
                    .map(|f| CliMember {
                        name: f.member.clone(),
                        wire: f.wire.clone(),
                        ty: self.ty(&f.ty, target(&f.member).as_ref(), f.timestamp),
                        required: required(&f.member),
                        doc: f.docs.join("\n"),
                    })
                    .collect()
            }),
            TypeKind::Union(variants) => CliKind::Union({
                let mut variants: Vec<_> = variants.iter().collect();
                variants.sort_by_key(|v| rank(&v.member));
                variants
                    .into_iter()
                    .map(|v| CliMember {
                        name: v.member.clone(),
                        wire: v.wire.clone(),
                        ty: match &v.ty {
                            Some(ty) => self.ty(ty, target(&v.member).as_ref(), v.timestamp),
                            None => CliTy::Unit,
                        },
                        required: false,
                        doc: v.docs.join("\n"),
                    })
                    .collect()
            }),
            TypeKind::Enum(v) => {
                let mut v: Vec<_> = v.iter().collect();
                v.sort_by_key(|v| rank(&v.member));
                CliKind::Enum(v.into_iter().map(|v| v.value.clone()).collect())
            }
            TypeKind::IntEnum(v) => CliKind::IntEnum(v.iter().map(|v| i64::from(v.value)).collect()),
        }
    }

    /// `target` is the model shape of the value (for the element names of lists).
    fn ty(&mut self, ty: &Ty, target: Option<&ShapeId>, ts: Option<&'static str>) -> CliTy {
        let inner = |i: usize| target.and_then(|t| self.model.shape(t)).and_then(|s| s.members.get(i)).map(|m| m.target.clone());
        match ty {
            Ty::String => CliTy::String,
            Ty::Bool => CliTy::Boolean,
            Ty::I8 | Ty::I16 | Ty::I32 | Ty::I64 => CliTy::Integer,
            Ty::F32 | Ty::F64 => CliTy::Float,
            Ty::BigInteger | Ty::BigDecimal => CliTy::BigNumber,
            Ty::Timestamp => CliTy::Timestamp(ts.unwrap_or("epoch-seconds")),
            Ty::Blob => CliTy::Blob,
            Ty::Document => CliTy::Document,
            Ty::Named(name) => match self.named(name) {
                Some(i) => CliTy::Named(i),
                None => CliTy::Document,
            },
            Ty::List(elem, _) => {
                let elem_id = inner(0);
                let name = elem_id.as_ref().map(|e| e.name.clone()).unwrap_or_default();
                CliTy::List(Box::new(self.ty(elem, elem_id.as_ref(), ts)), name)
            }
            Ty::Map(k, v, _) => {
                let (kid, vid) = (inner(0), inner(1));
                CliTy::Map(Box::new(self.ty(k, kid.as_ref(), ts)), Box::new(self.ty(v, vid.as_ref(), ts)))
            }
        }
    }
}
