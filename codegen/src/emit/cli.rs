//! `src/cli.rs` (feature `cli`): the command-line tool's tables as statics, one generic call per
//! operation, and `src/main.rs`, the binary named after the crate. The tool itself is the runtime's
//! (`rt::cli`); what is emitted is data.

use crate::naming::ident;
use crate::plan::CratePlan;
use crate::plan::cli::{CliKind, CliMember, CliPlan, CliTy};
use proc_macro2::{Literal, TokenStream};
use quote::quote;

pub(super) fn emit(plan: &CratePlan, cli: &CliPlan) -> TokenStream {
    let types = cli.types.iter().map(|t| {
        let name = &t.name;
        let kind = match &t.kind {
            CliKind::Structure(m) => {
                let m = members(m);
                quote!(Kind::Structure(&[#(#m),*]))
            }
            CliKind::Union(m) => {
                let m = members(m);
                quote!(Kind::Union(&[#(#m),*]))
            }
            CliKind::Enum(v) => quote!(Kind::Enum(&[#(#v),*])),
            CliKind::IntEnum(v) => {
                let v = v.iter().map(|v| Literal::i64_unsuffixed(*v));
                quote!(Kind::IntEnum(&[#(#v),*]))
            }
        };
        quote!(Type { name: #name, kind: #kind })
    });
    let operations = cli.operations.iter().map(|op| {
        let (name, doc) = (&op.name, &op.doc);
        let follow = optional(&op.follow);
        let (input, output) = (Literal::usize_unsuffixed(op.input), Literal::usize_unsuffixed(op.output));
        let (module, marker) = (ident(&op.module), ident(&op.marker));
        let paging = match &op.paging {
            Some((input_token, output_token, items, page_size)) => {
                let (items, page_size) = (optional(items), optional(page_size));
                quote!(::std::option::Option::Some(Paging {
                    input_token: #input_token, output_token: #output_token, items: #items, page_size: #page_size
                }))
            }
            None => quote!(::std::option::Option::None),
        };
        quote!(Op {
            name: #name,
            doc: #doc,
            input: #input,
            output: #output,
            paging: #paging,
            follow: #follow,
            call: crate::rt::cli_schema::call::<crate::operation::#module::#marker>,
        })
    });
    let (name, title) = (&plan.crate_name, &plan.title);
    let doc = plan.docs.join("\n");
    quote! {
        //! The command-line tool (feature `cli`): the service's operations and the shapes they reach,
        //! as the tool in `rt::cli` reads them. Run it as `cargo run --features cli -- help`.
        #[allow(unused_imports)] // `Paging` and `TsFormat` only where the service has them.
        use crate::rt::cli_schema::{Kind, Member, Op, Paging, Service, TsFormat, Ty, Type};

        static TYPES: &[Type] = &[#(#types),*];

        static OPERATIONS: &[Op] = &[#(#operations),*];

        /// The service as the tool sees it.
        pub static SERVICE: Service = Service {
            name: #name,
            title: #title,
            doc: #doc,
            info: crate::client::SERVICE,
            types: TYPES,
            operations: OPERATIONS,
        };

        /// Runs the tool on the process's arguments; the exit code is the AWS CLI's.
        pub fn main() -> ::std::process::ExitCode {
            crate::rt::cli::main(&SERVICE)
        }
    }
}

/// `src/main.rs`: the binary, built only with the `cli` feature.
pub(super) fn main_rs(plan: &CratePlan) -> TokenStream {
    let lib = ident(&plan.crate_name.replace('-', "_"));
    quote! {
        //! The command-line tool of the crate (`--features cli`).
        fn main() -> ::std::process::ExitCode {
            #lib::cli::main()
        }
    }
}

/// An optional `&'static str` of the tables.
fn optional(value: &Option<String>) -> TokenStream {
    match value {
        Some(s) => quote!(::std::option::Option::Some(#s)),
        None => quote!(::std::option::Option::None),
    }
}

fn members(members: &[CliMember]) -> Vec<TokenStream> {
    members
        .iter()
        .map(|m| {
            let (name, wire, required, doc) = (&m.name, &m.wire, m.required, &m.doc);
            let ty = ty(&m.ty);
            quote!(Member { name: #name, wire: #wire, ty: #ty, required: #required, doc: #doc })
        })
        .collect()
}

fn ty(t: &CliTy) -> TokenStream {
    match t {
        CliTy::String => quote!(Ty::String),
        CliTy::Boolean => quote!(Ty::Boolean),
        CliTy::Integer => quote!(Ty::Integer),
        CliTy::Float => quote!(Ty::Float),
        CliTy::BigNumber => quote!(Ty::BigNumber),
        CliTy::Timestamp(format) => match *format {
            "date-time" => quote!(Ty::Timestamp(TsFormat::DateTime)),
            "http-date" => quote!(Ty::Timestamp(TsFormat::HttpDate)),
            _ => quote!(Ty::Timestamp(TsFormat::EpochSeconds)),
        },
        CliTy::Blob => quote!(Ty::Blob),
        CliTy::Document => quote!(Ty::Document),
        CliTy::Unit => quote!(Ty::Unit),
        CliTy::Named(i) => {
            let i = Literal::usize_unsuffixed(*i);
            quote!(Ty::Named(#i))
        }
        CliTy::List(elem, name) => {
            let elem = ty(elem);
            quote!(Ty::List(&#elem, #name))
        }
        CliTy::Map(k, v) => {
            let (k, v) = (ty(k), ty(v));
            quote!(Ty::Map(&#k, &#v))
        }
    }
}
