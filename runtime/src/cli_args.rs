//! The command line of the tool: the AWS CLI's names (`xform_name`), one `clap` command per
//! operation built from the schema, option values turned into the input (AWS CLI form), and help.

use super::cli_schema::{Kind, Member, Op, Service, Ty};
use ::clap::{Arg, ArgAction, ArgMatches, Command};
use ::serde_json::{Map, Value};
use ::std::borrow::ToOwned;
use ::std::format;
use ::std::option::Option::{self, None, Some};
use ::std::result::Result::{self, Err, Ok};
use ::std::string::{String, ToString};
use ::std::vec::Vec;

/// Global options that take a value (so the operation is the first word that is none of these
/// nor their values).
pub const GLOBAL_VALUED: &[(&str, &str)] = &[
    ("region", "The region to use (overrides the profile and AWS_REGION)."),
    ("profile", "The profile of the shared config and credentials files to use."),
    ("endpoint-url", "Send requests to this URL instead of the endpoint the rules resolve."),
    ("output", "The output format: json (default), text or table."),
    ("query", "A JMESPath query applied to the response."),
    ("cli-read-timeout", "The longest wait for an answer, in seconds (0: none). Default 60."),
    ("cli-connect-timeout", "The longest wait for a connection, in seconds (0: none). Default 60."),
    ("follow-interval", "With --follow: seconds between polls while nothing new arrives. Default 2."),
];

/// Global flags.
pub const GLOBAL_FLAGS: &[(&str, &str)] = &[
    ("debug", "Print each request and response on stderr (credentials redacted)."),
    ("no-paginate", "Make one call only, instead of following the pages and aggregating them."),
    ("no-sign-request", "Do not sign requests (no credentials are loaded)."),
    ("follow", "For operations with a follow mode: print items as they arrive until the service ends the stream."),
    ("validate-only", "Check the input against the model's constraints and exit, sending nothing."),
];

/// The AWS CLI's name of a model name (botocore's `xform_name` with `-`): `ListInstancesV2` is
/// `list-instances-v2`, `ResourceARNs` is `resource-arns`, `resourceArn` is `resource-arn`.
pub fn cli_name(name: &str) -> String {
    if name.contains('-') {
        return name.to_string();
    }
    let mut chars: Vec<char> = name.chars().collect();
    // A trailing run of capitals with an `s` (`ARNs`) is one word.
    if chars.len() >= 3 && chars[chars.len() - 1] == 's' {
        let end = chars.len() - 1;
        let start = (0..end).rev().take_while(|&i| chars[i].is_ascii_uppercase()).last();
        if let Some(start) = start.filter(|s| end - s >= 2) {
            let tail: Vec<char> = chars[start..].iter().map(char::to_ascii_lowercase).collect();
            chars.truncate(start);
            // botocore puts the `-` even in front of a name that is all this run (`IDs` is
            // `-ids`); an option cannot start with one, so the tool leaves it out.
            if start > 0 {
                chars.push('-');
            }
            chars.extend(tail);
        }
    }
    // A capital followed by lower-case letters starts a word...
    let mut first = Vec::with_capacity(chars.len() + 8);
    let mut i = 0;
    while i < chars.len() {
        first.push(chars[i]);
        let upper = chars.get(i + 1).is_some_and(char::is_ascii_uppercase);
        let lower = chars.get(i + 2).is_some_and(char::is_ascii_lowercase);
        if upper && lower {
            first.push('-');
            let mut j = i + 1;
            first.push(chars[j]);
            j += 1;
            while j < chars.len() && chars[j].is_ascii_lowercase() {
                first.push(chars[j]);
                j += 1;
            }
            i = j;
        } else {
            i += 1;
        }
    }
    // ...and so does a capital after a lower-case letter or a digit.
    let mut out = String::with_capacity(first.len() + 8);
    let mut i = 0;
    while i < first.len() {
        let c = first[i];
        out.push(c.to_ascii_lowercase());
        let next = first.get(i + 1);
        if (c.is_ascii_lowercase() || c.is_ascii_digit()) && next.is_some_and(char::is_ascii_uppercase) {
            out.push('-');
            out.push(next.expect("checked").to_ascii_lowercase());
            i += 2;
        } else {
            i += 1;
        }
    }
    out
}

/// Whether a member is given as plain values (scalars, or a list of scalars) rather than JSON.
fn scalar(service: &Service, ty: Ty) -> bool {
    match ty {
        Ty::Named(i) => matches!(service.types[i].kind, Kind::Enum(_) | Kind::IntEnum(_)),
        Ty::List(..) | Ty::Map(..) | Ty::Document | Ty::Unit => false,
        _ => true,
    }
}

/// The paging options the AWS CLI adds to a paginated operation.
pub const PAGING: &[(&str, &str)] = &[
    ("starting-token", "Where to start paging: the NextToken a previous --max-items call printed."),
    ("page-size", "How many items to ask for per call (the operation's own limit member)."),
    ("max-items", "The most items to print in all; a NextToken to resume from is printed with them."),
];

/// The `clap` command of one operation (the global options are added by the caller).
pub fn command(service: &Service, op: &Op) -> Command {
    let mut cmd = Command::new(cli_name(op.name)).disable_help_flag(true).disable_help_subcommand(true);
    for m in service.members(op.input) {
        let long = cli_name(m.name);
        let arg = Arg::new(m.name.to_owned()).long(long.clone());
        cmd = match m.ty {
            Ty::Boolean => cmd
                .arg(arg.action(ArgAction::SetTrue).overrides_with(format!("no-{}", m.name)))
                .arg(Arg::new(format!("no-{}", m.name)).long(format!("no-{long}")).action(ArgAction::SetTrue)),
            Ty::List(element, _) if scalar(service, *element) => cmd.arg(arg.num_args(1..).action(ArgAction::Append)),
            _ => cmd.arg(arg.num_args(1)),
        };
    }
    if op.paging.is_some() {
        for (name, _) in PAGING {
            cmd = cmd.arg(Arg::new(*name).long(*name).num_args(1));
        }
    }
    cmd.arg(Arg::new("cli-input-json").long("cli-input-json").num_args(1))
        .arg(Arg::new("generate-cli-skeleton").long("generate-cli-skeleton").num_args(0..=1).default_missing_value("input"))
}

/// Reads a parameter value: `file://path` is the file's text, `fileb://path` its bytes (base64),
/// anything else the value itself.
fn param_file(option: &str, value: &str) -> Result<String, String> {
    let read = |path: &str| {
        ::std::fs::read(path).map_err(|e| format!("Error parsing parameter '--{option}': Unable to load paramfile {value}: {e}"))
    };
    if let Some(path) = value.strip_prefix("fileb://") {
        return read(path).map(::aws_smithy_types::base64::encode);
    }
    match value.strip_prefix("file://") {
        Some(path) => String::from_utf8(read(path)?)
            .map_err(|_| format!("Error parsing parameter '--{option}': {path} is not UTF-8 text (use fileb:// for bytes)")),
        None => Ok(value.to_string()),
    }
}

/// One plain value of an option as the AWS CLI form's JSON.
fn plain(service: &Service, ty: Ty, option: &str, text: String) -> Result<Value, String> {
    let bad = |what: &str| format!("argument --{option}: invalid {what} value: '{text}'");
    Ok(match ty {
        Ty::Integer => Value::Number(text.trim().parse::<i64>().map_err(|_| bad("integer"))?.into()),
        Ty::Named(i) if matches!(service.types[i].kind, Kind::IntEnum(_)) => {
            Value::Number(text.trim().parse::<i64>().map_err(|_| bad("integer"))?.into())
        }
        Ty::Float => match text.trim() {
            t @ ("NaN" | "Infinity" | "-Infinity") => Value::String(t.to_string()),
            t => ::serde_json::Number::from_f64(t.parse::<f64>().map_err(|_| bad("number"))?)
                .map(Value::Number)
                .ok_or_else(|| bad("number"))?,
        },
        Ty::BigNumber => match ::serde_json::from_str::<Value>(text.trim()) {
            Ok(Value::Number(n)) => Value::Number(n),
            _ => return Err(bad("number")),
        },
        _ => Value::String(text),
    })
}

/// The input in the AWS CLI form: `--cli-input-json` first, each option given overriding its
/// member. Also the values of the paging options, when given.
pub fn input(service: &Service, op: &Op, matches: &ArgMatches) -> Result<(Map<String, Value>, Paging), String> {
    let mut object = match matches.get_one::<String>("cli-input-json") {
        Some(text) => match ::serde_json::from_str::<Value>(&param_file("cli-input-json", text)?) {
            Ok(Value::Object(o)) => o,
            Ok(_) => return Err("Error parsing parameter '--cli-input-json': the input must be a JSON object".to_string()),
            Err(e) => return Err(format!("Error parsing parameter '--cli-input-json': Invalid JSON: {e}")),
        },
        None => Map::new(),
    };
    let mut manual_paging = false;
    for m in service.members(op.input) {
        let option = cli_name(m.name);
        let value = match m.ty {
            Ty::Boolean if matches.get_flag(m.name) => Value::Bool(true),
            Ty::Boolean if matches.get_flag(&format!("no-{}", m.name)) => Value::Bool(false),
            Ty::Boolean => continue,
            _ => {
                let Some(values) = matches.get_many::<String>(m.name) else { continue };
                let values: Vec<String> = values.map(|v| param_file(&option, v)).collect::<Result<_, _>>()?;
                member_value(service, m, &option, values)?
            }
        };
        if let Some(p) = &op.paging {
            manual_paging |= p.input_token == m.name || p.page_size == Some(m.name);
        }
        object.insert(m.name.to_string(), value);
    }
    let number = |name: &str| -> Result<Option<u64>, String> {
        match matches.try_get_one::<String>(name).ok().flatten() {
            Some(v) => v.parse().map(Some).map_err(|_| format!("argument --{name}: invalid integer value: '{v}'")),
            None => Ok(None),
        }
    };
    let starting_token = matches.try_get_one::<String>("starting-token").ok().flatten().cloned();
    let paging = Paging { manual: manual_paging, starting_token, page_size: number("page-size")?, max_items: number("max-items")? };
    Ok((object, paging))
}

/// The paging options of one command.
#[derive(Clone, Debug, Default)]
pub struct Paging {
    /// The input token or the page size member was given by hand: one call, as the AWS CLI does.
    pub manual: bool,
    /// `--starting-token`: where an earlier `--max-items` run stopped.
    pub starting_token: Option<String>,
    /// `--page-size`: the page size member of each call.
    pub page_size: Option<u64>,
    /// `--max-items`: stop after this many items, printing a `NextToken` to resume from.
    pub max_items: Option<u64>,
}

fn member_value(service: &Service, m: &Member, option: &str, values: Vec<String>) -> Result<Value, String> {
    let json = |text: &str| {
        ::serde_json::from_str::<Value>(text)
            .map_err(|e| format!("Error parsing parameter '--{option}': Invalid JSON: {e}\nJSON received: {text}"))
    };
    match m.ty {
        Ty::List(element, _) if scalar(service, *element) => {
            // A single JSON list is accepted too (`--tag-keys '["a","b"]'`).
            if let [only] = values.as_slice() {
                if only.trim_start().starts_with('[') {
                    return json(only);
                }
            }
            values.into_iter().map(|v| plain(service, *element, option, v)).collect::<Result<Vec<_>, _>>().map(Value::Array)
        }
        ty if scalar(service, ty) => plain(service, ty, option, values.into_iter().next().unwrap_or_default()),
        _ => json(values.first().map_or("", String::as_str)),
    }
}

/// The option that sets the top-level member whose wire name starts `pointer` (`/maxResults/..`),
/// with the rest of the path in member names: `--max-results`, or `--tags (Tags.Key)`.
pub fn option_of(service: &Service, op: &Op, pointer: &str) -> String {
    let mut segments = pointer.trim_start_matches('/').split('/');
    let first = segments.next().unwrap_or_default();
    match service.members(op.input).iter().find(|m| m.wire == first) {
        Some(m) => {
            let rest: Vec<&str> = segments.collect();
            let option = format!("--{}", cli_name(m.name));
            if rest.is_empty() {
                option
            } else {
                format!("{option} ({}/{})", m.name, rest.join("/"))
            }
        }
        None => pointer.to_string(),
    }
}

/// What a member holds, for help.
fn type_name(service: &Service, ty: Ty) -> String {
    match ty {
        Ty::String => "string".into(),
        Ty::Boolean => "boolean".into(),
        Ty::Integer => "integer".into(),
        Ty::Float => "double".into(),
        Ty::BigNumber => "number".into(),
        Ty::Timestamp(_) => "timestamp".into(),
        Ty::Blob => "blob".into(),
        Ty::Document => "document".into(),
        Ty::Unit => "unit".into(),
        Ty::Named(i) => match service.types[i].kind {
            Kind::Structure(_) => "structure".into(),
            Kind::Union(_) => "union".into(),
            Kind::Enum(_) => "string".into(),
            Kind::IntEnum(_) => "integer".into(),
        },
        Ty::List(e, _) => format!("list of {}", type_name(service, *e)),
        Ty::Map(_, v) => format!("map of {}", type_name(service, *v)),
    }
}

fn indent(text: &str, by: &str) -> String {
    text.lines().map(|l| if l.is_empty() { String::from("\n") } else { format!("{by}{l}\n") }).collect()
}

/// `<tool> help`: the service and its commands.
pub fn service_help(service: &Service) -> String {
    let mut out = format!("{}\n\n{}\n\nUSAGE\n    {} [options] <command> [parameters]\n\n", service.name, service.title, service.name);
    out.push_str(&indent(service.doc, "    "));
    out.push_str("\nAVAILABLE COMMANDS\n");
    let mut names: Vec<String> = service.operations.iter().map(|o| cli_name(o.name)).collect();
    names.sort();
    for n in names {
        out.push_str(&format!("    o {n}\n"));
    }
    out.push_str("\nGLOBAL OPTIONS\n");
    for (name, doc) in GLOBAL_VALUED.iter().chain(GLOBAL_FLAGS) {
        out.push_str(&format!("    --{name}\n        {doc}\n"));
    }
    out
}

/// `<tool> <command> help`: the operation, its options with their types and docs.
pub fn operation_help(service: &Service, op: &Op) -> String {
    let name = cli_name(op.name);
    let mut out = format!("{name}\n\nDESCRIPTION\n{}\n", indent(op.doc, "    "));
    out.push_str(&format!("SYNOPSIS\n    {} {name}\n", service.name));
    let members = service.members(op.input);
    for m in members {
        let option = cli_name(m.name);
        let shown = match m.ty {
            Ty::Boolean => format!("--{option} | --no-{option}"),
            _ => format!("--{option} <value>"),
        };
        out.push_str(&if m.required { format!("      {shown}\n") } else { format!("      [{shown}]\n") });
    }
    out.push_str("      [--cli-input-json <value>]\n      [--generate-cli-skeleton <value>]\n");
    if op.paging.is_some() {
        for (option, _) in PAGING {
            out.push_str(&format!("      [--{option} <value>]\n"));
        }
    }
    out.push_str("\nOPTIONS\n");
    for m in members {
        let required = if m.required { "required" } else { "optional" };
        out.push_str(&format!("    --{} ({}, {required})\n", cli_name(m.name), type_name(service, m.ty)));
        out.push_str(&indent(m.doc, "        "));
        out.push('\n');
    }
    if op.paging.is_some() {
        for (option, doc) in PAGING {
            out.push_str(&format!("    --{option} (integer)\n        {doc}\n\n"));
        }
    }
    if op.follow.is_some() {
        out.push_str("    --follow\n        Print items as they arrive (one JSON document per line with --output json) until the service ends the stream.\n\n");
    }
    out.push_str("OUTPUT\n");
    for m in service.members(op.output) {
        out.push_str(&format!("    {} -> ({})\n", m.name, type_name(service, m.ty)));
        out.push_str(&indent(m.doc, "        "));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_as_botocore_forms_them() {
        for (model, cli) in [
            ("ListRealtimeContactAnalysisSegmentsV2", "list-realtime-contact-analysis-segments-v2"),
            ("InstanceId", "instance-id"),
            ("resourceArn", "resource-arn"),
            ("ResourceARNs", "resource-arns"),
            ("DescribeDBInstances", "describe-db-instances"),
            ("MaxResults", "max-results"),
            ("S3Bucket", "s3-bucket"),
            ("already-dashed", "already-dashed"),
            ("tagKeys", "tag-keys"),
            ("ARN", "arn"),
            ("IDs", "ids"),
        ] {
            assert_eq!(cli_name(model), cli, "{model}");
        }
    }
}
