//! The crate's `endpoint` module: the rule set compiled into one plain Rust function.
//!
//! Each rule is a labeled block: its conditions are statements that leave the block (`break`)
//! when they fail, so a rule falls through to the next one exactly as the rules engine says. An
//! `isSet` shadows the variable with its value, an `assign` binds a new one; a tree rule's inner
//! rules nest inside its block and end with the error the engine gives when none matches.

use crate::naming::ident;
use crate::plan::CratePlan;
use crate::plan::endpoints::{Binding, EndpointPlan, Leaf, Step};
use crate::rules::partitions::Outputs;
use crate::rules::{Condition, Expr, ExprKind, Func, Param, ParamType, ParamValue, PathStep, Repr, Rule, RuleKind, TemplatePart, Ty};
use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

const EP: &str = "crate::rt::endpoint";

fn rt() -> TokenStream {
    EP.parse().expect("a path")
}

pub fn emit(plan: &CratePlan, ep: &EndpointPlan) -> TokenStream {
    let rt = rt();
    let params = params_struct(ep);
    let body = Compiler::default().rules(&ep.rules.rules);
    let locals = ep.rules.params.values().map(|p| local(p, &ep.rules.param_vars[&p.name]));
    let partitions = ep.partitions.as_ref().map(partitions);
    let built_ins = plan.client.as_ref().map(|_| built_ins(ep));
    let bindings = (!ep.bindings.is_empty()).then(|| {
        let fns = ep.bindings.values().map(|b| binding(ep, b));
        quote! {
            /// What operations bind from their input: one function per operation that sets parameters.
            pub mod bind {
                use super::Params;
                #(#fns)*
            }
        }
    });
    let tests = (!ep.tests.is_empty()).then(|| {
        quote! {
            #[cfg(test)]
            mod tests;
        }
    });
    let doc = format!(
        " Resolves the endpoint of a request from [`Params`]: the service's endpoint rule set ({} rules) compiled to Rust.",
        count(&ep.rules.rules)
    );
    quote! {
        //! Endpoint resolution: the service's `smithy.rules#endpointRuleSet`, compiled by the generator.
        #params
        #built_ins

        #[doc = #doc]
        ///
        /// A failure carries the rule set's own message ("Invalid Configuration: Missing Region", ...).
        #[allow(unused_variables, unused_labels, unreachable_code, clippy::needless_return, clippy::nonminimal_bool)]
        pub fn resolve(params: &Params) -> ::std::result::Result<#rt::Endpoint, #rt::ResolveError> {
            #(#locals)*
            #body
            ::std::result::Result::Err(#rt::ResolveError::new("no endpoint rule matched these parameters"))
        }
        #partitions
        #bindings
        #tests
    }
}

fn count(rules: &[Rule]) -> usize {
    rules.iter().map(|r| 1 + if let RuleKind::Tree(inner) = &r.kind { count(inner) } else { 0 }).sum()
}

/// The Rust type of a parameter field: an `Option` unless it has a default.
pub fn field_ty(p: &Param) -> TokenStream {
    let t = match p.ty {
        ParamType::String => quote!(::std::string::String),
        ParamType::Boolean => quote!(bool),
        ParamType::StringArray => quote!(::std::vec::Vec<::std::string::String>),
    };
    if p.optional() { quote!(::std::option::Option<#t>) } else { t }
}

/// A parameter value as Rust, for a field of `p`'s type.
pub fn value(p: &Param, v: &ParamValue) -> TokenStream {
    let v = match v {
        ParamValue::String(s) => quote!(#s.to_string()),
        ParamValue::Boolean(b) => quote!(#b),
        ParamValue::StringArray(items) => quote!(::std::vec![#(#items.to_string()),*]),
    };
    if p.optional() { quote!(::std::option::Option::Some(#v)) } else { v }
}

fn params_struct(ep: &EndpointPlan) -> TokenStream {
    let fields = ep.rules.params.values().map(|p| {
        let f = ident(&ep.rules.param_vars[&p.name]);
        let t = field_ty(p);
        let mut doc = vec![format!(" `{}`", p.name)];
        if let Some(b) = &p.built_in {
            doc[0].push_str(&format!(" (built-in `{b}`)"));
        }
        if let Some(d) = &p.docs {
            doc[0].push_str(": ");
            doc[0].push_str(d.trim());
        }
        if p.required && p.optional() {
            doc.push(" Required: resolution fails without it.".into());
        }
        quote!( #(#[doc = #doc])* pub #f: #t, )
    });
    let defaults = ep.rules.params.values().map(|p| {
        let f = ident(&ep.rules.param_vars[&p.name]);
        let v = match &p.default {
            Some(d) => value(p, d),
            None => quote!(::std::option::Option::None),
        };
        quote!(#f: #v,)
    });
    quote! {
        /// The parameters of the endpoint rules. `Default` gives each its default (or unset).
        #[non_exhaustive]
        #[derive(::std::clone::Clone, ::std::fmt::Debug, ::std::cmp::PartialEq)]
        pub struct Params {
            #(#fields)*
        }

        #[allow(clippy::derivable_impls)]
        impl ::std::default::Default for Params {
            fn default() -> Self {
                Params { #(#defaults)* }
            }
        }
    }
}

/// The resolver's local for parameter `p`: borrowed, `Option` when it may be unset.
fn local(p: &Param, var: &str) -> TokenStream {
    let v = ident(var);
    let f = ident(var);
    let rt = rt();
    let read = match (p.ty, p.optional()) {
        (ParamType::Boolean, _) => quote!(params.#f),
        (_, true) => quote!(params.#f.as_deref()),
        (ParamType::String, false) => quote!(params.#f.as_str()),
        (ParamType::StringArray, false) => quote!(params.#f.as_slice()),
    };
    if p.required && p.optional() {
        let msg = format!("the required endpoint parameter `{}` is not set", p.name);
        quote!(let ::std::option::Option::Some(#v) = #read else { return ::std::result::Result::Err(#rt::ResolveError::new(#msg)) };)
    } else {
        quote!(let #v = #read;)
    }
}

/// Values the client configuration supplies, by built-in name.
fn built_ins(ep: &EndpointPlan) -> TokenStream {
    let sets = ep.rules.params.values().filter_map(|p| {
        let f = ident(&ep.rules.param_vars[&p.name]);
        // Booleans are always set in a configuration, strings may be unset.
        let (source, always) = match p.built_in.as_deref()? {
            "AWS::Region" => (quote!(b.region), false),
            "SDK::Endpoint" => (quote!(b.endpoint_url), false),
            "AWS::UseFIPS" => (quote!(b.use_fips), true),
            "AWS::UseDualStack" => (quote!(b.use_dual_stack), true),
            "AWS::Auth::AccountId" => (quote!(b.account_id), false),
            "AWS::Auth::AccountIdEndpointMode" => (quote!(b.account_id_endpoint_mode), false),
            _ => return None,
        };
        let kind_fits = (p.ty == ParamType::Boolean) == always;
        Some(match (kind_fits, always, p.optional()) {
            (false, _, _) => quote!(#f: ::std::compile_error!("a built-in of the wrong type"),),
            (true, true, true) => quote!(#f: ::std::option::Option::Some(#source),),
            (true, true, false) => quote!(#f: #source,),
            (true, false, true) => quote!(#f: #source.clone(),),
            (true, false, false) => quote!(#f: #source.clone().unwrap_or_else(|| Params::default().#f),),
        })
    });
    let unsupported: Vec<String> = ep
        .rules
        .params
        .values()
        .filter_map(|p| p.built_in.as_deref())
        .filter(|b| {
            ![
                "AWS::Region",
                "SDK::Endpoint",
                "AWS::UseFIPS",
                "AWS::UseDualStack",
                "AWS::Auth::AccountId",
                "AWS::Auth::AccountIdEndpointMode",
            ]
            .contains(b)
        })
        .map(|b| format!(" `{b}` is not a client setting yet: it keeps its default."))
        .collect();
    quote! {
        impl Params {
            /// The parameters a client configuration gives (its region, FIPS and dual-stack
            /// settings, endpoint URL, ...); the rest keep their defaults.
            #(#[doc = #unsupported])*
            pub fn from_built_ins(b: &crate::rt::config::BuiltIns) -> Params {
                Params { #(#sets)* ..Params::default() }
            }
        }

        /// What the client resolves once per configuration.
        pub(crate) fn resolve_built_ins(b: &crate::rt::config::BuiltIns) -> ::std::result::Result<crate::rt::endpoint::Endpoint, crate::rt::endpoint::ResolveError> {
            resolve(&Params::from_built_ins(b))
        }
    }
}

fn partitions(table: &crate::rules::partitions::Table) -> TokenStream {
    let rt = rt();
    let outputs = |name: &str, o: &Outputs| {
        let (dns, dual, fips, ds, global) =
            (&o.dns_suffix, &o.dual_stack_dns_suffix, o.supports_fips, o.supports_dual_stack, &o.implicit_global_region);
        quote! {
            #rt::Partition { name: #name, dns_suffix: #dns, dual_stack_dns_suffix: #dual, supports_fips: #fips, supports_dual_stack: #ds, implicit_global_region: #global }
        }
    };
    let consts = table.partition.iter().map(|p| {
        let c = format_ident!("{}", p.name.to_ascii_uppercase().replace('-', "_"));
        let o = outputs(&p.name, &p.outputs);
        quote!(const #c: #rt::Partition = #o;)
    });
    let entries = table.partition.iter().map(|p| {
        let c = format_ident!("{}", p.name.to_ascii_uppercase().replace('-', "_"));
        let regions = p.regions.iter().map(|r| {
            if p.overrides.contains_key(r) {
                let o = outputs(&p.name, &p.outputs_for(r));
                quote!((#r, #o))
            } else {
                quote!((#r, #c))
            }
        });
        let re = &p.region_regex;
        quote!(#rt::PartitionData::new(#c, #re, &[#(#regions),*]))
    });
    quote! {
        #(#consts)*

        /// The partitions `aws.partition` looks regions up in (`models/partitions.toml` at generation time).
        static PARTITIONS: &[#rt::PartitionData] = &[#(#entries),*];
    }
}

/// The function setting what `b`'s operation binds.
fn binding(ep: &EndpointPlan, b: &Binding) -> TokenStream {
    let f = ident(&b.function);
    let input = ident(&b.input);
    let param = |field: &str| ep.rules.params.values().find(|p| ep.rules.param_vars[&p.name] == field).expect("a parameter");
    let statics = b.statics.iter().map(|(field, v)| {
        let p = param(field);
        let fi = ident(field);
        let v = value(p, v);
        quote!(params.#fi = #v;)
    });
    let context = b.context.iter().map(|(field, _, steps, leaf)| {
        let p = param(field);
        let fi = ident(field);
        let read = path(quote!(input), steps, *leaf);
        let set = if p.optional() { quote!(params.#fi = ::std::option::Option::Some(v);) } else { quote!(params.#fi = v;) };
        quote! {
            let value = (|| #read)();
            if let ::std::option::Option::Some(v) = value { #set }
        }
    });
    // Only static values (S3's `ListDirectoryBuckets`): the input is not read.
    let unused = b.context.is_empty().then(|| quote! { let _ = input; });
    let doc = format!(" Sets the endpoint parameters `{}` binds from its input (static values first, then members).", b.function);
    quote! {
        #[doc = #doc]
        #[allow(clippy::redundant_closure_call, clippy::unnecessary_filter_map)]
        pub fn #f(input: &crate::types::#input, params: &mut Params) {
            #unused
            #(#statics)*
            #(#context)*
        }
    }
}

/// An `Option` of the value at `steps` below `at` (a reference).
fn path(at: TokenStream, steps: &[Step], leaf: Leaf) -> TokenStream {
    let Some((first, rest)) = steps.split_first() else {
        return match leaf {
            Leaf::String | Leaf::StringList => quote!(::std::option::Option::Some(#at.clone())),
            Leaf::Enum => quote!(::std::option::Option::Some(#at.as_str().to_string())),
            Leaf::Bool => quote!(::std::option::Option::Some(*#at)),
        };
    };
    match first {
        Step::Field { ident: name, optional } => {
            let name = ident(name);
            let inner = path(quote!(v), rest, leaf);
            if *optional { quote!({ let v = #at.#name.as_ref()?; #inner }) } else { quote!({ let v = &#at.#name; #inner }) }
        }
        Step::Each => {
            let inner = path(quote!(v), rest, leaf);
            quote!(::std::option::Option::Some(#at.iter().filter_map(|v| #inner).collect::<::std::vec::Vec<_>>()))
        }
        Step::Keys => {
            let keys = match leaf {
                Leaf::Enum => quote!(#at.keys().map(|k| k.as_str().to_string())),
                _ => quote!(#at.keys().cloned()),
            };
            // Map keys come in hash order: sorted, so the parameter is the same on every call.
            quote!({ let mut keys: ::std::vec::Vec<::std::string::String> = #keys.collect(); keys.sort(); ::std::option::Option::Some(keys) })
        }
    }
}

/// Turns rules into statements; `n` numbers the labels.
#[derive(Default)]
struct Compiler {
    n: usize,
}

/// The statements of one rule's block while its conditions are compiled.
struct Block {
    label: syn::Lifetime,
    stmts: Vec<TokenStream>,
    temps: usize,
}

impl Block {
    fn temp(&mut self) -> proc_macro2::Ident {
        self.temps += 1;
        format_ident!("t{}", self.temps)
    }
    fn fail(&self) -> TokenStream {
        let l = &self.label;
        quote!(break #l)
    }
}

impl Compiler {
    fn rules(&mut self, rules: &[Rule]) -> TokenStream {
        let blocks = rules.iter().map(|r| self.rule(r));
        quote!(#(#blocks)*)
    }

    fn rule(&mut self, rule: &Rule) -> TokenStream {
        self.n += 1;
        let label = syn::Lifetime::new(&format!("'r{}", self.n), proc_macro2::Span::call_site());
        let mut b = Block { label: label.clone(), stmts: Vec::new(), temps: 0 };
        for c in &rule.conditions {
            self.condition(c, &mut b);
        }
        let rt = rt();
        let body = match &rule.kind {
            RuleKind::Endpoint { url, headers, properties } => {
                let url = self.string(url, &mut b);
                let headers = headers.iter().flat_map(|(name, values)| values.iter().map(move |v| (name, v))).collect::<Vec<_>>();
                let headers: Vec<_> = headers.into_iter().map(|(name, v)| (name, self.string(v, &mut b))).collect();
                let headers = headers.iter().map(|(name, v)| quote!(.header(#name, #v)));
                let props: Vec<_> = properties.iter().map(|(k, v)| (k, self.document(v, &mut b))).collect();
                let props = props.iter().map(|(k, v)| quote!(.property(#k, #v)));
                quote!(return ::std::result::Result::Ok(#rt::Endpoint::new(#url) #(#headers)* #(#props)*);)
            }
            RuleKind::Error(message) => {
                let m = self.string(message, &mut b);
                quote!(return ::std::result::Result::Err(#rt::ResolveError::new(#m));)
            }
            RuleKind::Tree(inner) => {
                let rules = self.rules(inner);
                // A tree whose last rule has no conditions always ends there.
                if inner.last().is_some_and(|r| r.conditions.is_empty()) {
                    rules
                } else {
                    let msg = format!("no endpoint rule matched these parameters (in the tree rule at {})", rule.path);
                    quote!(#rules return ::std::result::Result::Err(#rt::ResolveError::new(#msg));)
                }
            }
        };
        let stmts = &b.stmts;
        if b.stmts.is_empty() { quote!({ #body }) } else { quote!(#label: { #(#stmts)* #body }) }
    }

    fn condition(&mut self, c: &Condition, b: &mut Block) {
        let fail = b.fail();
        if let Some(var) = &c.narrows {
            let v = ident(var);
            b.stmts.push(quote!(let ::std::option::Option::Some(#v) = #v else { #fail };));
            return;
        }
        if let (None, ExprKind::Call(Func::Not, args)) = (&c.assign, &c.expr.kind) {
            // `not(x)` fails when `x` holds.
            let x = self.arg(&args[0], &Ty::Bool, b);
            b.stmts.push(quote!(if #x { #fail }));
            return;
        }
        let e = self.expr(&c.expr, b, true);
        match (&c.assign, &c.expr.ty) {
            (Some(name), Ty::Opt(_)) => {
                let v = ident(name);
                b.stmts.push(quote!(let ::std::option::Option::Some(#v) = #e else { #fail };));
            }
            (Some(name), Ty::Bool) => {
                let v = ident(name);
                b.stmts.push(quote!(let #v = #e; if !#v { #fail }));
            }
            (Some(name), _) => {
                let v = ident(name);
                b.stmts.push(quote!(let #v = #e;));
            }
            (None, Ty::Opt(_)) => b.stmts.push(quote!(if #e.is_none() { #fail })),
            (None, Ty::Bool) => {
                let neg = not(&c.expr, e);
                b.stmts.push(quote!(if #neg { #fail }));
            }
            // A value that is always there is always true.
            (None, _) => {}
        }
    }

    /// A string in a body (URL, header, message): `&str` or `String`, both `Into<String>`.
    fn string(&mut self, e: &Expr, b: &mut Block) -> TokenStream {
        self.expr(e, b, false)
    }

    /// An endpoint property value.
    fn document(&mut self, e: &Expr, b: &mut Block) -> TokenStream {
        let rt = rt();
        match &e.kind {
            ExprKind::Array(items) => {
                let items: Vec<_> = items.iter().map(|i| self.document(i, b)).collect();
                quote!(#rt::Document::Array(::std::vec![#(#items),*]))
            }
            ExprKind::Record(fields) => {
                let fields: Vec<_> = fields.iter().map(|(k, v)| (k, self.document(v, b))).collect();
                let fields = fields.iter().map(|(k, v)| quote!((#k, #v)));
                quote!(#rt::Document::object([#(#fields),*]))
            }
            _ => {
                let v = self.expr(e, b, false);
                match (&e.ty, &e.kind) {
                    (Ty::Int, _) => quote!(#rt::Document::Int(#v)),
                    (Ty::Bool, _) => quote!(#rt::Document::Bool(#v)),
                    _ => quote!(#rt::Document::from(#v)),
                }
            }
        }
    }

    /// An argument of type `want`: an optional value is unwrapped (the condition fails when unset).
    fn arg(&mut self, e: &Expr, want: &Ty, b: &mut Block) -> TokenStream {
        let v = self.expr(e, b, true);
        let v = if e.ty.is_opt() && !want.is_opt() {
            let t = b.temp();
            let fail = b.fail();
            b.stmts.push(quote!(let ::std::option::Option::Some(#t) = #v else { #fail };));
            quote!(#t)
        } else {
            v
        };
        if *want == Ty::Str && e.repr == Repr::Owned && !matches!(e.kind, ExprKind::Ref(_)) {
            // An owned string (a template, `uriEncode`) is held by a temporary so the borrow
            // outlives the statement.
            let t = b.temp();
            b.stmts.push(quote!(let #t = #v;));
            return quote!(#t.as_str());
        }
        v
    }

    fn expr(&mut self, e: &Expr, b: &mut Block, in_condition: bool) -> TokenStream {
        let rt = rt();
        match &e.kind {
            ExprKind::Str(s) => quote!(#s),
            ExprKind::Template(parts) => {
                let mut fmt = String::new();
                let mut args = Vec::new();
                for p in parts {
                    match p {
                        TemplatePart::Lit(s) => fmt.push_str(&s.replace('{', "{{").replace('}', "}}")),
                        TemplatePart::Expr(x) => {
                            fmt.push_str("{}");
                            args.push(self.expr(x, b, in_condition));
                        }
                    }
                }
                quote!(::std::format!(#fmt, #(#args),*))
            }
            ExprKind::Bool(v) => quote!(#v),
            ExprKind::Int(i) => {
                let l = Literal::usize_unsuffixed(*i as usize);
                quote!(#l)
            }
            ExprKind::Array(_) | ExprKind::Record(_) => self.document(e, b),
            ExprKind::Ref(var) => {
                let v = ident(var);
                if e.ty == Ty::Str && e.repr == Repr::Owned { quote!(#v.as_str()) } else { quote!(#v) }
            }
            ExprKind::GetAttr(target, steps) => self.get_attr(target, steps, b, in_condition),
            ExprKind::Call(f, args) => {
                let (sig, _) = f.signature();
                let mut a = Vec::new();
                for (i, x) in args.iter().enumerate() {
                    let want = sig.get(i).cloned().unwrap_or_else(|| x.ty.clone());
                    a.push(if *f == Func::IsSet { self.expr(x, b, in_condition) } else { self.arg(x, &want, b) });
                }
                match f {
                    Func::BooleanEquals => match (&args[0].kind, &args[1].kind) {
                        (_, ExprKind::Bool(true)) => a[0].clone(),
                        (_, ExprKind::Bool(false)) => {
                            let x = &a[0];
                            quote!(!#x)
                        }
                        (ExprKind::Bool(true), _) => a[1].clone(),
                        (ExprKind::Bool(false), _) => {
                            let x = &a[1];
                            quote!(!#x)
                        }
                        _ => {
                            let (x, y) = (&a[0], &a[1]);
                            quote!(#x == #y)
                        }
                    },
                    Func::StringEquals => match (&args[0].kind, &args[1].kind) {
                        (_, ExprKind::Str(s)) if s.is_empty() => {
                            let x = &a[0];
                            quote!(#x.is_empty())
                        }
                        (ExprKind::Str(s), _) if s.is_empty() => {
                            let y = &a[1];
                            quote!(#y.is_empty())
                        }
                        _ => {
                            let (x, y) = (&a[0], &a[1]);
                            quote!(#x == #y)
                        }
                    },
                    Func::IsSet => {
                        let x = &a[0];
                        if args[0].ty.is_opt() { quote!(#x.is_some()) } else { quote!(true) }
                    }
                    Func::Not => not(&args[0], a[0].clone()),
                    Func::IsValidHostLabel => quote!(#rt::is_valid_host_label(#(#a),*)),
                    Func::ParseUrl => quote!(#rt::parse_url(#(#a),*)),
                    Func::Substring => quote!(#rt::substring(#(#a),*)),
                    Func::UriEncode => quote!(#rt::uri_encode(#(#a),*)),
                    Func::Partition => quote!(#rt::partition(PARTITIONS, #(#a),*)),
                    Func::ParseArn => quote!(#rt::parse_arn(#(#a),*)),
                    Func::IsVirtualHostableS3Bucket => quote!(#rt::is_virtual_hostable_s3_bucket(#(#a),*)),
                }
            }
        }
    }

    fn get_attr(&mut self, target: &Expr, steps: &[PathStep], b: &mut Block, in_condition: bool) -> TokenStream {
        let mut v = self.expr(target, b, in_condition);
        let mut ty = target.ty.clone();
        // Elements of a parameter's string array are `String`s, of an ARN's resource id `&str`s.
        let mut owned_elements = target.repr == Repr::Owned;
        for step in steps {
            match (&ty, step) {
                (Ty::StrArray, PathStep::Index(i)) => {
                    let get = if *i == 0 {
                        quote!(first())
                    } else {
                        let i = Literal::usize_unsuffixed(*i);
                        quote!(get(#i))
                    };
                    v = if owned_elements { quote!(#v.#get.map(::std::string::String::as_str)) } else { quote!(#v.#get.copied()) };
                    ty = Ty::Str.opt();
                }
                (_, PathStep::Field(f)) => {
                    let field = match f.as_str() {
                        "dnsSuffix" => "dns_suffix",
                        "dualStackDnsSuffix" => "dual_stack_dns_suffix",
                        "supportsFIPS" => "supports_fips",
                        "supportsDualStack" => "supports_dual_stack",
                        "implicitGlobalRegion" => "implicit_global_region",
                        "normalizedPath" => "normalized_path",
                        "isIp" => "is_ip",
                        "accountId" => "account_id",
                        "resourceId" => "resource_id",
                        other => other,
                    };
                    let fi = format_ident!("{}", field);
                    v = match field {
                        "normalized_path" => quote!(#v.#fi.as_str()),
                        "resource_id" => quote!(#v.#fi.as_slice()),
                        _ => quote!(#v.#fi),
                    };
                    ty = match field {
                        "resource_id" => {
                            owned_elements = false;
                            Ty::StrArray
                        }
                        "supports_fips" | "supports_dual_stack" | "is_ip" => Ty::Bool,
                        _ => Ty::Str,
                    };
                }
                _ => return quote!(::std::compile_error!("getAttr step the checker does not allow")),
            }
        }
        v
    }
}

/// `!x`, with parentheses only around what is not a plain value or call.
fn not(e: &Expr, tokens: TokenStream) -> TokenStream {
    let plain = match &e.kind {
        ExprKind::Ref(_) | ExprKind::GetAttr(..) | ExprKind::Bool(_) => true,
        ExprKind::Call(f, _) => !matches!(f, Func::BooleanEquals | Func::StringEquals | Func::Not),
        _ => false,
    };
    if plain { quote!(!#tokens) } else { quote!(!(#tokens)) }
}
