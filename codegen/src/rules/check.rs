//! The rule set's JSON (a trait value) → a checked [`RuleSet`]: every reference resolved, every
//! function known with the right arguments, every expression typed, `isSet` narrowing tracked.
//! All problems are collected, each naming its JSON path inside the trait.

use super::*;
use crate::diag::Diagnostics;
use crate::load::json::{Node, Object};

/// A variable in scope: its Rust name, type and how it is held.
#[derive(Clone, Debug)]
struct Var {
    rust: String,
    ty: Ty,
    repr: Repr,
}

type Scope = BTreeMap<String, Var>;

struct Checker<'a> {
    diags: &'a mut Diagnostics,
    file: &'a str,
    location: &'a str,
    /// Rust names taken, so assigned variables never collide.
    taken: std::collections::BTreeSet<String>,
    uses_partitions: bool,
}

/// Checks `node`, the value of `smithy.rules#endpointRuleSet` on the shape at `location`.
/// Returns `None` after reporting errors.
pub fn parse(node: &Node, file: &str, location: &str, diags: &mut Diagnostics) -> Option<RuleSet> {
    let errors_before = diags.errors().count();
    let mut c = Checker { diags, file, location, taken: ["params".to_string()].into(), uses_partitions: false };
    let Some(root) = node.as_object() else {
        c.error("", "the rule set must be an object");
        return None;
    };
    let mut params = BTreeMap::new();
    let mut param_vars = BTreeMap::new();
    let mut scope = Scope::new();
    match root.get("parameters").and_then(Node::as_object) {
        Some(ps) => {
            for (name, p) in ps.iter() {
                let at = format!("parameters.{name}");
                if let Some(param) = c.param(name, p, &at) {
                    let rust = c.fresh(name);
                    let ty = match param.ty {
                        ParamType::String => Ty::Str,
                        ParamType::Boolean => Ty::Bool,
                        ParamType::StringArray => Ty::StrArray,
                    };
                    let ty = if param.optional() && !param.required { ty.opt() } else { ty };
                    // A string array parameter's elements are `String`s (its `repr`); strings are borrowed.
                    let repr = if param.ty == ParamType::StringArray { Repr::Owned } else { Repr::Borrowed };
                    scope.insert(name.clone(), Var { rust: rust.clone(), ty, repr });
                    param_vars.insert(name.clone(), rust);
                    params.insert(name.clone(), param);
                }
            }
        }
        None => c.error("parameters", "missing or not an object"),
    }
    let rules = match root.get("rules").and_then(Node::as_array) {
        Some(rs) => c.rules(rs, "rules", &scope),
        None => {
            c.error("rules", "missing or not an array");
            Vec::new()
        }
    };
    let uses_partitions = c.uses_partitions;
    (diags.errors().count() == errors_before).then_some(RuleSet { params, param_vars, rules, uses_partitions })
}

impl Checker<'_> {
    fn error(&mut self, at: &str, message: impl std::fmt::Display) {
        let location = if at.is_empty() { self.location.to_string() } else { format!("{} (endpoint rule set: {at})", self.location) };
        self.diags.error(self.file, location, format!("endpoint rules: {message}"));
    }

    /// A Rust variable name for the model name `name`, unique in the resolver.
    fn fresh(&mut self, name: &str) -> String {
        let base = crate::naming::bare(&crate::naming::field_name(name)).trim_end_matches('_').to_string();
        let base = if crate::naming::field_name(&base) != base { format!("{base}_") } else { base };
        let mut rust = base.clone();
        let mut n = 2;
        while !self.taken.insert(rust.clone()) {
            rust = format!("{base}_{n}");
            n += 1;
        }
        rust
    }

    fn param(&mut self, name: &str, node: &Node, at: &str) -> Option<Param> {
        let Some(o) = node.as_object() else {
            self.error(at, "a parameter must be an object");
            return None;
        };
        let ty = match o.get("type").and_then(Node::as_str) {
            Some(t) if t.eq_ignore_ascii_case("string") => ParamType::String,
            Some(t) if t.eq_ignore_ascii_case("boolean") => ParamType::Boolean,
            Some(t) if t.eq_ignore_ascii_case("stringArray") => ParamType::StringArray,
            other => {
                self.error(at, format!("unsupported parameter type {other:?} (String, Boolean or stringArray)"));
                return None;
            }
        };
        let default = match o.get("default") {
            None => None,
            Some(v) => match param_value(ty, v) {
                Some(v) => Some(v),
                None => {
                    self.error(&format!("{at}.default"), format!("a {ty:?} parameter cannot default to {}", v.kind()));
                    return None;
                }
            },
        };
        let built_in = o.get("builtIn").and_then(Node::as_str).map(str::to_string);
        let expected = match built_in.as_deref() {
            Some("AWS::UseFIPS" | "AWS::UseDualStack") => Some(ParamType::Boolean),
            Some("AWS::Region" | "SDK::Endpoint" | "AWS::Auth::AccountId" | "AWS::Auth::AccountIdEndpointMode") => Some(ParamType::String),
            _ => None,
        };
        if expected.is_some_and(|e| e != ty) {
            self.error(at, format!("the built-in {built_in:?} is a {:?}, not a {ty:?}", expected.unwrap_or(ty)));
            return None;
        }
        Some(Param {
            name: name.to_string(),
            ty,
            built_in,
            default,
            required: matches!(o.get("required"), Some(Node::Bool(true))),
            docs: o.get("documentation").and_then(Node::as_str).map(str::to_string),
        })
    }

    fn rules(&mut self, nodes: &[Node], at: &str, scope: &Scope) -> Vec<Rule> {
        nodes.iter().enumerate().filter_map(|(i, n)| self.rule(n, &format!("{at}[{i}]"), scope)).collect()
    }

    fn rule(&mut self, node: &Node, at: &str, scope: &Scope) -> Option<Rule> {
        let Some(o) = node.as_object() else {
            self.error(at, "a rule must be an object");
            return None;
        };
        let mut scope = scope.clone();
        let mut conditions = Vec::new();
        for (i, c) in o.get("conditions").and_then(Node::as_array).unwrap_or_default().iter().enumerate() {
            if let Some(c) = self.condition(c, &format!("{at}.conditions[{i}]"), &mut scope) {
                conditions.push(c);
            }
        }
        let kind = match o.get("type").and_then(Node::as_str) {
            Some("endpoint") => {
                let at = format!("{at}.endpoint");
                let Some(e) = o.get("endpoint").and_then(Node::as_object) else {
                    self.error(&at, "an endpoint rule needs an `endpoint` object");
                    return None;
                };
                let url = self.string_value(e.get("url"), &format!("{at}.url"), &scope)?;
                let mut headers = Vec::new();
                if let Some(hs) = e.get("headers") {
                    for (name, values) in hs.as_object().map(|o| o.0.as_slice()).unwrap_or_default() {
                        let hat = format!("{at}.headers.{name}");
                        let values = values.as_array().unwrap_or_default();
                        let values =
                            values.iter().enumerate().filter_map(|(i, v)| self.string_value(Some(v), &format!("{hat}[{i}]"), &scope));
                        headers.push((name.clone(), values.collect()));
                    }
                }
                let mut properties = Vec::new();
                for (name, value) in e.get("properties").and_then(Node::as_object).map(|o| o.0.as_slice()).unwrap_or_default() {
                    if let Some(v) = self.literal(value, &format!("{at}.properties.{name}"), &scope) {
                        properties.push((name.clone(), v));
                    }
                }
                RuleKind::Endpoint { url, headers, properties }
            }
            Some("error") => RuleKind::Error(self.string_value(o.get("error"), &format!("{at}.error"), &scope)?),
            Some("tree") => match o.get("rules").and_then(Node::as_array) {
                Some(rs) => RuleKind::Tree(self.rules(rs, &format!("{at}.rules"), &scope)),
                None => {
                    self.error(at, "a tree rule needs `rules`");
                    return None;
                }
            },
            other => {
                self.error(at, format!("unknown rule type {other:?} (endpoint, error or tree)"));
                return None;
            }
        };
        Some(Rule { path: at.to_string(), conditions, kind })
    }

    fn condition(&mut self, node: &Node, at: &str, scope: &mut Scope) -> Option<Condition> {
        let Some(o) = node.as_object().filter(|o| o.get("fn").is_some()) else {
            self.error(at, "a condition must be a function call");
            return None;
        };
        let expr = self.call(o, at, scope, true)?;
        let mut narrows = None;
        if let ExprKind::Call(Func::IsSet, args) = &expr.kind
            && let ExprKind::Ref(rust) = &args[0].kind
            && args[0].ty.is_opt()
        {
            narrows = Some(rust.clone());
            if let Some(var) = scope.values_mut().find(|v| &v.rust == rust) {
                var.ty = var.ty.inner().clone();
            }
        }
        let assign = match o.get("assign") {
            None => None,
            Some(Node::String(name)) => {
                if scope.contains_key(name) {
                    self.error(&format!("{at}.assign"), format!("`{name}` is already defined"));
                    return None;
                }
                let rust = self.fresh(name);
                scope.insert(name.clone(), Var { rust: rust.clone(), ty: expr.ty.inner().clone(), repr: expr.repr });
                Some(rust)
            }
            Some(_) => {
                self.error(&format!("{at}.assign"), "must be a string");
                return None;
            }
        };
        Some(Condition { expr, assign, narrows })
    }

    /// A function call. `in_condition`: an optional argument where a value is expected makes the
    /// condition fail when unset (the emitter unwraps it); elsewhere it is an error.
    fn call(&mut self, o: &Object, at: &str, scope: &Scope, in_condition: bool) -> Option<Expr> {
        let name = o.get("fn").and_then(Node::as_str).unwrap_or_default();
        let argv = o.get("argv").and_then(Node::as_array).unwrap_or_default();
        if name == "getAttr" {
            return self.get_attr(argv, at, scope, in_condition);
        }
        let Some(func) = Func::by_name(name) else {
            self.error(at, format!("unknown function `{name}`"));
            return None;
        };
        let (params, result) = func.signature();
        let arity = if func == Func::IsSet { 1 } else { params.len() };
        if argv.len() != arity {
            self.error(at, format!("`{name}` takes {arity} argument(s), not {}", argv.len()));
            return None;
        }
        let mut args = Vec::new();
        for (i, a) in argv.iter().enumerate() {
            let arg_at = format!("{at}.argv[{i}]");
            let arg = self.expr(a, &arg_at, scope, in_condition)?;
            if func == Func::IsSet {
                args.push(arg);
                continue;
            }
            let want = &params[i];
            let ok = arg.ty == *want || (in_condition && arg.ty.inner() == want);
            if !ok {
                self.error(&arg_at, format!("`{name}` expects {want:?} here, not {:?}", arg.ty));
                return None;
            }
            args.push(arg);
        }
        if func == Func::Partition {
            self.uses_partitions = true;
        }
        let repr = if func == Func::UriEncode { Repr::Owned } else { Repr::Borrowed };
        Some(Expr { kind: ExprKind::Call(func, args), ty: result, repr })
    }

    fn get_attr(&mut self, argv: &[Node], at: &str, scope: &Scope, in_condition: bool) -> Option<Expr> {
        let [target, Node::String(path)] = argv else {
            self.error(at, "`getAttr` takes a value and a path string");
            return None;
        };
        let target = self.expr(target, &format!("{at}.argv[0]"), scope, in_condition)?;
        self.attr(target, path, at)
    }

    /// `target#path`: the type of each step of the path.
    fn attr(&mut self, target: Expr, path: &str, at: &str) -> Option<Expr> {
        let Some(steps) = parse_path(path) else {
            self.error(at, format!("invalid getAttr path `{path}`"));
            return None;
        };
        let mut ty = target.ty.clone();
        for step in &steps {
            ty = match (&ty, step) {
                (Ty::Partition, PathStep::Field(f)) => match f.as_str() {
                    "name" | "dnsSuffix" | "dualStackDnsSuffix" | "implicitGlobalRegion" => Ty::Str,
                    "supportsFIPS" | "supportsDualStack" => Ty::Bool,
                    _ => return self.no_attr(at, f, "a partition"),
                },
                (Ty::Url, PathStep::Field(f)) => match f.as_str() {
                    "scheme" | "authority" | "path" | "normalizedPath" => Ty::Str,
                    "isIp" => Ty::Bool,
                    _ => return self.no_attr(at, f, "a URL"),
                },
                (Ty::Arn, PathStep::Field(f)) => match f.as_str() {
                    "partition" | "service" | "region" | "accountId" => Ty::Str,
                    "resourceId" => Ty::StrArray,
                    _ => return self.no_attr(at, f, "an ARN"),
                },
                (Ty::StrArray, PathStep::Index(_)) => Ty::Str.opt(),
                _ => {
                    self.error(at, format!("getAttr path `{path}` does not apply to {:?}", target.ty));
                    return None;
                }
            };
        }
        Some(Expr { kind: ExprKind::GetAttr(Box::new(target), steps), ty, repr: Repr::Borrowed })
    }

    fn no_attr<T>(&mut self, at: &str, field: &str, what: &str) -> Option<T> {
        self.error(at, format!("{what} has no attribute `{field}`"));
        None
    }

    /// An argument: a reference, a call, a template string, a boolean or an integer.
    fn expr(&mut self, node: &Node, at: &str, scope: &Scope, in_condition: bool) -> Option<Expr> {
        match node {
            Node::String(s) => self.template(s, at, scope),
            Node::Bool(b) => Some(Expr { kind: ExprKind::Bool(*b), ty: Ty::Bool, repr: Repr::Borrowed }),
            Node::Number(n) => match n.as_i64() {
                Some(i) if i >= 0 => Some(Expr { kind: ExprKind::Int(i), ty: Ty::Int, repr: Repr::Borrowed }),
                _ => {
                    self.error(at, format!("{n} is not a non-negative integer"));
                    None
                }
            },
            Node::Object(o) if o.get("ref").is_some() => {
                let name = o.get("ref").and_then(Node::as_str).unwrap_or_default();
                match scope.get(name) {
                    Some(v) => Some(Expr { kind: ExprKind::Ref(v.rust.clone()), ty: v.ty.clone(), repr: v.repr }),
                    None => {
                        self.error(at, format!("`{name}` is not a parameter or an assigned variable here"));
                        None
                    }
                }
            }
            Node::Object(o) if o.get("fn").is_some() => self.call(o, at, scope, in_condition),
            other => {
                self.error(at, format!("{} is not an expression", other.kind()));
                None
            }
        }
    }

    /// A string position outside conditions (URL, header, error message): a template whose
    /// placeholders are set strings.
    fn string_value(&mut self, node: Option<&Node>, at: &str, scope: &Scope) -> Option<Expr> {
        let Some(node) = node else {
            self.error(at, "missing");
            return None;
        };
        let e = self.expr(node, at, scope, false)?;
        if e.ty != Ty::Str {
            self.error(at, format!("expected a string, found {:?}", e.ty));
            return None;
        }
        Some(e)
    }

    /// A value of endpoint properties: strings are templates; arrays and objects nest.
    fn literal(&mut self, node: &Node, at: &str, scope: &Scope) -> Option<Expr> {
        match node {
            Node::Array(items) => {
                let items: Option<Vec<_>> = items.iter().enumerate().map(|(i, n)| self.literal(n, &format!("{at}[{i}]"), scope)).collect();
                Some(Expr { kind: ExprKind::Array(items?), ty: Ty::Document, repr: Repr::Owned })
            }
            Node::Object(o) if o.get("ref").is_none() && o.get("fn").is_none() => {
                let mut fields = Vec::new();
                for (k, v) in o.iter() {
                    fields.push((k.clone(), self.literal(v, &format!("{at}.{k}"), scope)?));
                }
                Some(Expr { kind: ExprKind::Record(fields), ty: Ty::Document, repr: Repr::Owned })
            }
            _ => {
                let e = self.expr(node, at, scope, false)?;
                if !matches!(e.ty, Ty::Str | Ty::Bool | Ty::Int) {
                    self.error(at, format!("a property value must be a string, boolean, number, array or object, not {:?}", e.ty));
                    return None;
                }
                Some(e)
            }
        }
    }

    /// A string with `{Name}` and `{Name#path}` placeholders (`{{` and `}}` are braces).
    fn template(&mut self, s: &str, at: &str, scope: &Scope) -> Option<Expr> {
        let mut parts = Vec::new();
        let mut lit = String::new();
        let mut rest = s;
        while let Some(i) = rest.find(['{', '}']) {
            lit.push_str(&rest[..i]);
            let (c, after) = (rest.as_bytes()[i], &rest[i + 1..]);
            if after.as_bytes().first() == Some(&c) {
                lit.push(c as char);
                rest = &after[1..];
                continue;
            }
            if c == b'}' {
                self.error(at, format!("unmatched `}}` in template {s:?}"));
                return None;
            }
            let Some(end) = after.find('}') else {
                self.error(at, format!("unclosed `{{` in template {s:?}"));
                return None;
            };
            let inner = &after[..end];
            rest = &after[end + 1..];
            let (name, path) = match inner.split_once('#') {
                Some((n, p)) => (n, Some(p)),
                None => (inner, None),
            };
            let Some(var) = scope.get(name) else {
                self.error(at, format!("template {s:?}: `{name}` is not a parameter or an assigned variable here"));
                return None;
            };
            let mut e = Expr { kind: ExprKind::Ref(var.rust.clone()), ty: var.ty.clone(), repr: var.repr };
            if let Some(p) = path {
                e = self.attr(e, p, at)?;
            }
            if e.ty != Ty::Str {
                self.error(at, format!("template {s:?}: `{inner}` is {:?}, not a set string", e.ty));
                return None;
            }
            if !lit.is_empty() {
                parts.push(TemplatePart::Lit(std::mem::take(&mut lit)));
            }
            parts.push(TemplatePart::Expr(e));
        }
        lit.push_str(rest);
        if parts.is_empty() {
            return Some(Expr { kind: ExprKind::Str(lit), ty: Ty::Str, repr: Repr::Borrowed });
        }
        if !lit.is_empty() {
            parts.push(TemplatePart::Lit(lit));
        }
        if let [TemplatePart::Expr(only)] = parts.as_slice() {
            // `"{Endpoint}"` is the value itself.
            return Some(only.clone());
        }
        Some(Expr { kind: ExprKind::Template(parts), ty: Ty::Str, repr: Repr::Owned })
    }
}

/// `resourceId[2]`, `a.b`, `[0]`.
fn parse_path(path: &str) -> Option<Vec<PathStep>> {
    let mut steps = Vec::new();
    for part in path.split('.') {
        let (field, mut rest) = match part.find('[') {
            Some(i) => (&part[..i], &part[i..]),
            None => (part, ""),
        };
        if !field.is_empty() {
            steps.push(PathStep::Field(field.to_string()));
        } else if rest.is_empty() {
            return None;
        }
        while let Some(r) = rest.strip_prefix('[') {
            let end = r.find(']')?;
            steps.push(PathStep::Index(r[..end].parse().ok()?));
            rest = &r[end + 1..];
        }
        if !rest.is_empty() {
            return None;
        }
    }
    Some(steps)
}

/// A parameter value of type `ty` from JSON.
pub fn param_value(ty: ParamType, node: &Node) -> Option<ParamValue> {
    Some(match (ty, node) {
        (ParamType::String, Node::String(s)) => ParamValue::String(s.clone()),
        (ParamType::Boolean, Node::Bool(b)) => ParamValue::Boolean(*b),
        (ParamType::StringArray, Node::Array(items)) => {
            ParamValue::StringArray(items.iter().map(|i| i.as_str().map(str::to_string)).collect::<Option<_>>()?)
        }
        _ => return None,
    })
}

#[cfg(test)]
mod unit {
    use super::*;

    fn check(json: &str) -> (Option<RuleSet>, Vec<String>) {
        let node: Node = serde_json::from_str(json).unwrap();
        let mut diags = Diagnostics::default();
        let rs = parse(&node, "m.json", "a#S", &mut diags);
        (rs, diags.errors().map(|d| format!("{} {}", d.location, d.message)).collect())
    }

    const PARAMS: &str = r#""parameters": {"Region": {"type": "String", "builtIn": "AWS::Region"}, "UseFIPS": {"type": "Boolean", "required": true, "default": false}}"#;

    #[test]
    fn narrowing_assignments_and_templates_type_check() {
        let (rs, errors) = check(&format!(
            r#"{{"version": "1.0", {PARAMS}, "rules": [{{"type": "tree", "conditions": [{{"fn": "isSet", "argv": [{{"ref": "Region"}}]}}, {{"fn": "aws.partition", "argv": [{{"ref": "Region"}}], "assign": "P"}}], "rules": [{{"type": "endpoint", "conditions": [], "endpoint": {{"url": "https://x.{{Region}}.{{P#dnsSuffix}}", "properties": {{"authSchemes": [{{"name": "sigv4", "signingRegion": "{{Region}}"}}]}}}}}}]}}, {{"type": "error", "conditions": [], "error": "Missing Region"}}]}}"#
        ));
        assert_eq!(errors, Vec::<String>::new());
        let rs = rs.unwrap();
        assert!(rs.uses_partitions);
        assert_eq!(rs.param_vars["UseFIPS"], "use_fips");
        let RuleKind::Tree(inner) = &rs.rules[0].kind else { panic!() };
        assert_eq!(rs.rules[0].conditions[0].narrows.as_deref(), Some("region"));
        assert_eq!(rs.rules[0].conditions[1].assign.as_deref(), Some("p"));
        let RuleKind::Endpoint { url, .. } = &inner[0].kind else { panic!() };
        assert!(matches!(&url.kind, ExprKind::Template(parts) if parts.len() == 4));
    }

    #[test]
    fn an_unset_optional_in_a_url_unknown_names_and_functions_are_errors_naming_the_rule() {
        let (rs, errors) = check(&format!(
            r#"{{"version": "1.0", {PARAMS}, "rules": [{{"type": "endpoint", "conditions": [], "endpoint": {{"url": "https://{{Region}}"}}}}, {{"type": "error", "conditions": [{{"fn": "nope", "argv": []}}], "error": "{{Nope}}"}}, {{"type": "endpoint", "conditions": [{{"fn": "getAttr", "argv": [{{"ref": "UseFIPS"}}, "x"]}}], "endpoint": {{"url": "u"}}}}]}}"#
        ));
        assert!(rs.is_none());
        assert_eq!(errors.len(), 4, "{errors:#?}");
        assert!(errors[0].contains("rules[0].endpoint.url") && errors[0].contains("not a set string"), "{}", errors[0]);
        assert!(errors[1].contains("rules[1].conditions[0]") && errors[1].contains("unknown function `nope`"), "{}", errors[1]);
        assert!(errors[2].contains("rules[1].error") && errors[2].contains("`Nope`"), "{}", errors[2]);
        assert!(errors[3].contains("rules[2].conditions[0]") && errors[3].contains("does not apply"), "{}", errors[3]);
    }

    #[test]
    fn paths_and_braces() {
        assert_eq!(parse_path("resourceId[2]"), Some(vec![PathStep::Field("resourceId".into()), PathStep::Index(2)]));
        assert_eq!(parse_path("a.b"), Some(vec![PathStep::Field("a".into()), PathStep::Field("b".into())]));
        assert_eq!(parse_path("a["), None);
        let (rs, errors) = check(&format!(
            r#"{{"version": "1.0", {PARAMS}, "rules": [{{"type": "error", "conditions": [], "error": "{{{{literal}}}} braces"}}]}}"#
        ));
        assert_eq!(errors, Vec::<String>::new());
        let RuleKind::Error(e) = &rs.unwrap().rules[0].kind else { panic!() };
        assert!(matches!(&e.kind, ExprKind::Str(s) if s == "{literal} braces"));
    }
}
