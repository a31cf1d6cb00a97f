//! `smithy.rules#endpointTests`: the cases a rule set ships with, read against its parameters.

use super::param_value;
use super::{ParamValue, RuleSet};
use crate::diag::Diagnostics;
use crate::load::json::Node;
use std::collections::BTreeMap;

#[derive(Clone, Debug)]
pub struct TestCase {
    pub documentation: String,
    /// Parameter values by parameter name.
    pub params: BTreeMap<String, ParamValue>,
    pub expect: Expect,
    pub operation_inputs: Vec<OperationInput>,
}

#[derive(Clone, Debug)]
pub enum Expect {
    Endpoint { url: String, headers: BTreeMap<String, Vec<String>>, properties: Vec<(String, Node)> },
    Error(String),
}

/// A case run through an operation: its input and the config values (built-ins, client params).
#[derive(Clone, Debug)]
pub struct OperationInput {
    pub operation: String,
    pub operation_params: Option<Node>,
    /// Parameter name → value, from `builtInParams` (mapped through the parameters' `builtIn`)
    /// and `clientParams`.
    pub config_params: BTreeMap<String, ParamValue>,
}

/// Reads the cases; a case that does not fit the rule set is an error naming it.
pub fn parse(node: &Node, rules: &RuleSet, file: &str, location: &str, diags: &mut Diagnostics) -> Vec<TestCase> {
    let mut out = Vec::new();
    let cases = node.get("testCases").and_then(Node::as_array).unwrap_or_default();
    for (i, case) in cases.iter().enumerate() {
        let at = format!("{location} (endpoint test testCases[{i}])");
        let mut error = |m: String| diags.error(file, at.clone(), m);
        let mut params = BTreeMap::new();
        for (name, value) in case.get("params").and_then(Node::as_object).map(|o| o.0.as_slice()).unwrap_or_default() {
            match typed(rules, name, value) {
                Ok(Some(v)) => {
                    params.insert(name.clone(), v);
                }
                Ok(None) => {}
                Err(m) => error(m),
            }
        }
        let expect = case.get("expect");
        let expect = if let Some(e) = expect.and_then(|e| e.get("endpoint")) {
            let url = e.get("url").and_then(Node::as_str).unwrap_or_default().to_string();
            let mut headers = BTreeMap::new();
            for (k, v) in e.get("headers").and_then(Node::as_object).map(|o| o.0.as_slice()).unwrap_or_default() {
                let values = v.as_array().unwrap_or_default().iter().filter_map(|v| v.as_str().map(str::to_string)).collect();
                headers.insert(k.clone(), values);
            }
            let properties = e.get("properties").and_then(Node::as_object).map(|o| o.0.clone()).unwrap_or_default();
            Expect::Endpoint { url, headers, properties }
        } else if let Some(m) = expect.and_then(|e| e.get("error")).and_then(Node::as_str) {
            Expect::Error(m.to_string())
        } else {
            error("`expect` has neither an endpoint nor an error".into());
            continue;
        };
        let mut operation_inputs = Vec::new();
        for input in case.get("operationInputs").and_then(Node::as_array).unwrap_or_default() {
            let mut config_params = BTreeMap::new();
            for (built_in, value) in input.get("builtInParams").and_then(Node::as_object).map(|o| o.0.as_slice()).unwrap_or_default() {
                match rules.built_in(built_in) {
                    Some(p) => match param_value(p.ty, value) {
                        Some(v) => {
                            config_params.insert(p.name.clone(), v);
                        }
                        None => error(format!("built-in `{built_in}` cannot be {}", value.kind())),
                    },
                    None => error(format!("no parameter has the built-in `{built_in}`")),
                }
            }
            for (name, value) in input.get("clientParams").and_then(Node::as_object).map(|o| o.0.as_slice()).unwrap_or_default() {
                match typed(rules, name, value) {
                    Ok(Some(v)) => {
                        config_params.insert(name.clone(), v);
                    }
                    Ok(None) => {}
                    Err(m) => error(m),
                }
            }
            operation_inputs.push(OperationInput {
                operation: input.get("operationName").and_then(Node::as_str).unwrap_or_default().to_string(),
                operation_params: input.get("operationParams").cloned(),
                config_params,
            });
        }
        let documentation = case.get("documentation").and_then(Node::as_str).unwrap_or_default().to_string();
        out.push(TestCase { documentation, params, expect, operation_inputs });
    }
    out
}

/// The value of parameter `name`; `null` means unset.
fn typed(rules: &RuleSet, name: &str, value: &Node) -> Result<Option<ParamValue>, String> {
    let Some(p) = rules.params.get(name) else { return Err(format!("`{name}` is not a parameter of the rule set")) };
    if matches!(value, Node::Null) {
        return Ok(None);
    }
    param_value(p.ty, value).map(Some).ok_or_else(|| format!("parameter `{name}` cannot be {}", value.kind()))
}
