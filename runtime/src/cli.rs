//! The command-line tool of a generated crate (feature `cli`): `<crate> [options] <command>
//! [parameters]` with the AWS CLI's names, options, output formats, paging and exit codes (252 a
//! bad argument or invalid input, 254 a service error, 255 anything else, 130 interrupted).
//! The generated `src/cli.rs` holds the tables ([`super::cli_schema::Service`]); this is the rest.

use super::cli_args::{self, cli_name, GLOBAL_FLAGS, GLOBAL_VALUED};
use super::cli_schema::{Failure, Op, Service, Ty};
use super::transport::{BoxFuture, Bytes, Transport, TransportError};
use ::clap::{Arg, ArgAction, ArgMatches, Command};
use ::serde_json::{Map, Value};
use ::std::format;
use ::std::io::Write as _;
use ::std::option::Option::{self, None, Some};
use ::std::result::Result::{self, Err, Ok};
use ::std::string::{String, ToString};
use ::std::sync::Arc;
use ::std::time::Duration;
use ::std::vec::Vec;

/// Runs the tool on the process's arguments and exits as the AWS CLI would.
pub fn main(service: &'static Service) -> ::std::process::ExitCode {
    let args: Vec<String> = ::std::env::args_os().skip(1).map(|a| a.to_string_lossy().into_owned()).collect();
    ::std::process::ExitCode::from(run(service, &args))
}

/// Runs one command line (without the program name); returns the exit code.
pub fn run(service: &'static Service, args: &[String]) -> u8 {
    let usage = |message: &str| {
        let name = service.name;
        eprintln!("usage: {name} [options] <command> [parameters]\nTo see help text, you can run:\n\n  {name} help\n  {name} <command> help\n\n{name}: error: {message}");
        252
    };
    let Some(at) = command_position(args) else {
        if args.iter().any(|a| a == "--version") {
            println!("{} {}", service.name, service.info.api_version);
            return 0;
        }
        if args.iter().any(|a| a == "--help" || a == "-h") {
            print!("{}", cli_args::service_help(service));
            return 0;
        }
        return usage("the following arguments are required: command");
    };
    if args[at] == "help" {
        print!("{}", cli_args::service_help(service));
        return 0;
    }
    let Some(op) = service.operation(&args[at]) else {
        let mut names: Vec<String> = service.operations.iter().map(|o| cli_name(o.name)).collect();
        names.sort();
        return usage(&format!("argument command: Invalid choice '{}', valid choices are:\n\n{}", args[at], names.join("\n")));
    };
    let rest = &args[at + 1..];
    if rest.first().is_some_and(|a| a == "help") || rest.iter().any(|a| a == "--help" || a == "-h") {
        print!("{}", cli_args::operation_help(service, op));
        return 0;
    }
    let matches = match root(service).subcommand(cli_args::command(service, op)).try_get_matches_from(args) {
        Ok(m) => m,
        Err(e) => return usage(e.render().to_string().trim_start_matches("error: ").trim_end()),
    };
    let Some((_, matches)) = matches.subcommand() else { return usage("the following arguments are required: command") };
    match command(service, op, matches) {
        Ok(()) => 0,
        Err(failure) => report(service, op, &failure),
    }
}

/// Where the command is: the first word that is neither an option nor a global option's value.
fn command_position(args: &[String]) -> Option<usize> {
    let mut i = 0;
    while i < args.len() {
        match args[i].strip_prefix("--") {
            Some(name) if !name.contains('=') && GLOBAL_VALUED.iter().any(|(n, _)| *n == name) => i += 2,
            Some(_) => i += 1,
            None => return Some(i),
        }
    }
    None
}

/// The tool's command with the global options (accepted before or after the command).
fn root(service: &Service) -> Command {
    let mut cmd = Command::new(service.name).no_binary_name(true).disable_help_flag(true).disable_version_flag(true);
    for (name, _) in GLOBAL_VALUED {
        cmd = cmd.arg(Arg::new(*name).long(*name).num_args(1).global(true));
    }
    for (name, _) in GLOBAL_FLAGS {
        cmd = cmd.arg(Arg::new(*name).long(*name).action(ArgAction::SetTrue).global(true));
    }
    cmd
}

/// The output settings: format and query.
struct Output {
    format: String,
    query: Option<::jmespath::Expression<'static>>,
    title: &'static str,
    service: &'static Service,
}

impl Output {
    /// The value with `--query` applied, if one was given.
    fn queried(&self, value: Value) -> Result<Value, Failure> {
        let Some(q) = &self.query else { return Ok(value) };
        let found = q.search(&value).map_err(|e| Failure::Other(format!("the --query failed: {e}")))?;
        ::serde_json::to_value(&*found).map_err(|e| Failure::Other(format!("the --query result: {e}")))
    }

    /// Prints `value`; `shape` is its type in the model, which orders a structure's keys as its
    /// members (a `--query` result is printed with sorted keys).
    fn print(&self, value: Value, shape: Option<Ty>) -> Result<(), Failure> {
        let shape = shape.filter(|_| self.query.is_none());
        let value = self.queried(value)?;
        let text = match self.format.as_str() {
            "text" => super::cli_output::text(&value),
            "table" => super::cli_output::table(self.title, &value, terminal_width()),
            _ => match shape {
                Some(ty) => super::cli_output::json_in(&value, &self.service.key_order(ty)),
                None => super::cli_output::json(&value),
            },
        };
        let mut out = ::std::io::stdout().lock();
        // A closed pipe (`| head`) is not an error of the command.
        let _ = out.write_all(text.as_bytes()).and_then(|()| out.flush());
        Ok(())
    }
}

/// The output format without `--output`, as the AWS CLI finds it: `AWS_DEFAULT_OUTPUT`, then the
/// profile's `output` in the shared config file, else `json`.
fn default_output(env: &dyn Fn(&str) -> Option<String>, profile: Option<&str>) -> String {
    if let Some(format) = env("AWS_DEFAULT_OUTPUT") {
        return format;
    }
    let from_profile = super::profile::load(env, cfg!(windows))
        .ok()
        .and_then(|set| set.profile(&super::profile::selected_profile(env, profile)).and_then(|p| p.get("output").map(String::from)));
    from_profile.unwrap_or_else(|| String::from("json"))
}

fn terminal_width() -> usize {
    ::std::env::var("COLUMNS").ok().and_then(|c| c.parse().ok()).unwrap_or(80)
}

fn command(service: &'static Service, op: &'static Op, matches: &ArgMatches) -> Result<(), Failure> {
    let global = |name: &str| matches.get_one::<String>(name).cloned();
    let env = |k: &str| ::std::env::var(k).ok().filter(|v| !v.is_empty());
    let format = match global("output") {
        Some(f) => f,
        None => default_output(&env, global("profile").as_deref()),
    };
    if !matches!(format.as_str(), "json" | "text" | "table") {
        return Err(Failure::Input(format!("argument --output: Invalid choice '{format}', valid choices are: json, text, table")));
    }
    let query = match global("query") {
        Some(q) => Some(::jmespath::compile(&q).map_err(|e| Failure::Input(format!("Bad value for --query {q}: {e}")))?),
        None => None,
    };
    let output = Output { format, query, title: op.name, service };
    if let Some(which) = matches.get_one::<String>("generate-cli-skeleton") {
        return match which.as_str() {
            "input" => output.print(service.skeleton(op.input, false), Some(Ty::Named(op.input))),
            "output" => output.print(service.skeleton(op.output, true), Some(Ty::Named(op.output))),
            other => {
                Err(Failure::Input(format!("argument --generate-cli-skeleton: Invalid choice '{other}', valid choices are: input, output")))
            }
        };
    }
    let (input, paging) = cli_args::input(service, op, matches).map_err(Failure::Input)?;
    let wire = service.to_wire(Ty::Named(op.input), Value::Object(input.clone()), "").map_err(Failure::Input)?;
    if matches.get_flag("validate-only") {
        block_on((op.call)(None, wire))?;
        eprintln!("The input of {} is valid.", op.name);
        return Ok(());
    }
    let client = super::client::ClientConfig::new(config(matches)?, service.info);
    let follow = matches.get_flag("follow");
    if follow && op.follow.is_none() {
        return Err(Failure::Input(format!("argument --follow: {} has no follow mode", cli_name(op.name))));
    }
    let interval = seconds(matches, "follow-interval")?.unwrap_or(Duration::from_secs(2));
    let work = async {
        match op.paging {
            Some(p) if follow => follow_items(service, op, &client, input, p, interval, &output).await,
            Some(p) if p.items.is_some() && !paging.manual && !matches.get_flag("no-paginate") => {
                let all = pages(service, op, &client, input, p, &paging).await?;
                output.print(all, Some(Ty::Named(op.output)))
            }
            _ => {
                let answer = (op.call)(Some(&client), wire).await?;
                output.print(service.from_wire(Ty::Named(op.output), answer), Some(Ty::Named(op.output)))
            }
        }
    };
    block_on(work)
}

/// Runs the command's future on a current-thread runtime; Ctrl-C ends it (exit 130).
fn block_on<T>(work: impl ::std::future::Future<Output = Result<T, Failure>>) -> Result<T, Failure> {
    let runtime = ::tokio::runtime::Builder::new_current_thread().enable_all().build();
    let runtime = runtime.map_err(|e| Failure::Other(format!("cannot start the async runtime: {e}")))?;
    runtime.block_on(async {
        ::tokio::select! {
            result = work => result,
            _ = ::tokio::signal::ctrl_c() => Err(Failure::Interrupted),
        }
    })
}

fn seconds(matches: &ArgMatches, name: &str) -> Result<Option<Duration>, Failure> {
    match matches.get_one::<String>(name) {
        None => Ok(None),
        Some(v) => match v.parse::<f64>() {
            Ok(s) if s >= 0.0 && s.is_finite() => Ok(Some(Duration::from_secs_f64(s))),
            _ => Err(Failure::Input(format!("argument --{name}: invalid number of seconds: '{v}'"))),
        },
    }
}

/// The client configuration from the global options (the rest from the environment and the
/// shared config files, as the client reads them).
fn config(matches: &ArgMatches) -> Result<super::config::Config, Failure> {
    let mut builder = super::config::Config::builder();
    if let Some(region) = matches.get_one::<String>("region") {
        builder = builder.region(region);
    }
    if let Some(profile) = matches.get_one::<String>("profile") {
        builder = builder.profile(profile);
    }
    if let Some(url) = matches.get_one::<String>("endpoint-url") {
        builder = builder.endpoint_url(url);
    }
    if matches.get_flag("no-sign-request") {
        builder = builder.no_credentials();
    }
    // The AWS CLI's defaults: 60 s each; 0 turns the limit off.
    let read = seconds(matches, "cli-read-timeout")?.unwrap_or(Duration::from_secs(60));
    let connect = seconds(matches, "cli-connect-timeout")?.unwrap_or(Duration::from_secs(60));
    if !read.is_zero() {
        builder = builder.timeout(read);
    }
    if !connect.is_zero() {
        builder = builder.connect_timeout(connect);
    }
    if matches.get_flag("debug") {
        let inner = super::https::HttpsTransport::with_connect_timeout((!connect.is_zero()).then_some(connect))
            .map_err(|e| Failure::Other(e.to_string()))?;
        builder = builder.transport(DebugTransport(Arc::new(inner)));
    }
    builder.build().map_err(|e| Failure::Other(e.to_string()))
}

/// The value at a `.`-separated path of member names.
fn at<'v>(value: &'v Value, path: &str) -> Option<&'v Value> {
    path.split('.').try_fold(value, |v, key| v.get(key))
}

fn set(object: &mut Map<String, Value>, path: &str, value: Value) {
    match path.split_once('.') {
        None => {
            object.insert(path.to_string(), value);
        }
        Some((head, rest)) => {
            let inner = object.entry(head.to_string()).or_insert_with(|| Value::Object(Map::new()));
            if let Value::Object(inner) = inner {
                set(inner, rest, value);
            }
        }
    }
}

fn take(object: &mut Map<String, Value>, path: &str) -> Option<Value> {
    match path.split_once('.') {
        None => object.remove(path),
        Some((head, rest)) => match object.get_mut(head) {
            Some(Value::Object(inner)) => take(inner, rest),
            _ => None,
        },
    }
}

/// A live token: present, and not empty.
fn token(page: &Value, path: &str) -> Option<Value> {
    at(page, path).cloned().and_then(live)
}

fn live(token: Value) -> Option<Value> {
    Some(token).filter(|t| !matches!(t, Value::Null) && t.as_str() != Some("") && t.as_object().is_none_or(|o| !o.is_empty()))
}

/// One call with `input` (AWS CLI form); the output in the AWS CLI form.
async fn page(service: &Service, op: &Op, client: &super::client::ClientConfig, input: &Map<String, Value>) -> Result<Value, Failure> {
    let wire = service.to_wire(Ty::Named(op.input), Value::Object(input.clone()), "").map_err(Failure::Input)?;
    let answer = (op.call)(Some(client), wire).await?;
    Ok(service.from_wire(Ty::Named(op.output), answer))
}

/// Every page, aggregated as the AWS CLI does: the items of all pages in one list, the other
/// members from the first page, no output token — unless `--max-items` stopped early, then a
/// `NextToken` to resume from (`--starting-token`).
async fn pages(
    service: &Service,
    op: &Op,
    client: &super::client::ClientConfig,
    mut input: Map<String, Value>,
    p: super::cli_schema::Paging,
    paging: &cli_args::Paging,
) -> Result<Value, Failure> {
    let items_path = p.items.expect("aggregated only with modelled items");
    // The token the current page was asked with (none for the first page of the listing), and how
    // many of its items an earlier `--max-items` run printed already.
    let mut sent: Option<Value> = None;
    let mut skip = 0usize;
    if let Some(start) = &paging.starting_token {
        let (t, truncated) =
            resume_token(start).ok_or_else(|| Failure::Input(format!("argument --starting-token: invalid token '{start}'")))?;
        set(&mut input, p.input_token, t.clone());
        sent = Some(t).filter(|t| !t.is_null());
        skip = truncated;
    }
    if let (Some(size), Some(limit)) = (paging.page_size, p.page_size) {
        set(&mut input, limit, Value::Number(size.into()));
    }
    let max = paging.max_items.map(|m| m as usize);
    let (mut first, mut items): (Option<Map<String, Value>>, Vec<Value>) = (None, Vec::new());
    loop {
        let mut answer = match page(service, op, client, &input).await? {
            Value::Object(o) => o,
            _ => Map::new(),
        };
        let next = take(&mut answer, p.output_token).and_then(live);
        let mut got = match take(&mut answer, items_path) {
            Some(Value::Array(a)) => a,
            _ => Vec::new(),
        };
        let skipped = skip.min(got.len());
        got.drain(..skipped);
        skip = 0;
        first.get_or_insert(answer);
        if let Some(max) = max {
            if items.len() + got.len() >= max {
                let used = max - items.len();
                // Stopped inside this page: resume with the same token, past what is printed now.
                let resume = if used < got.len() {
                    Some(encode_token(p.input_token, sent.clone().unwrap_or(Value::Null), skipped + used))
                } else {
                    next.map(|t| encode_token(p.input_token, t, 0))
                };
                items.extend(got.into_iter().take(used));
                let mut all = first.unwrap_or_default();
                set(&mut all, items_path, Value::Array(items));
                if let Some(r) = resume {
                    all.insert(String::from("NextToken"), Value::String(r));
                }
                return Ok(Value::Object(all));
            }
        }
        items.extend(got);
        match next {
            Some(t) if Some(&t) != sent.as_ref() => {
                set(&mut input, p.input_token, t.clone());
                sent = Some(t);
            }
            _ => break,
        }
    }
    let mut all = first.unwrap_or_default();
    set(&mut all, items_path, Value::Array(items));
    Ok(Value::Object(all))
}

/// The AWS CLI's resume token: base64 of `{"<InputToken>": token, "boto_truncate_amount": n}`.
fn encode_token(input_token: &str, token: Value, truncate: usize) -> String {
    let mut object = Map::new();
    object.insert(input_token.to_string(), token);
    if truncate > 0 {
        object.insert(String::from("boto_truncate_amount"), Value::Number(truncate.into()));
    }
    ::aws_smithy_types::base64::encode(Value::Object(object).to_string())
}

fn resume_token(text: &str) -> Option<(Value, usize)> {
    let decoded = ::aws_smithy_types::base64::decode(text).ok().and_then(|b| ::serde_json::from_slice::<Value>(&b).ok());
    match decoded {
        Some(Value::Object(mut o)) => {
            let n = o.remove("boto_truncate_amount").and_then(|n| n.as_u64()).unwrap_or(0) as usize;
            let t = o.into_iter().next().map(|(_, v)| v)?;
            Some((t, n))
        }
        // A token of the service itself.
        _ => Some((Value::String(text.to_string()), 0)),
    }
}

/// `--follow`: each item printed as it arrives (`--query` applies to each; JSON one per line);
/// after a page without items, or with the token just sent, the next poll waits `interval`. Ends
/// when the service returns no token.
async fn follow_items(
    service: &Service,
    op: &Op,
    client: &super::client::ClientConfig,
    mut input: Map<String, Value>,
    p: super::cli_schema::Paging,
    interval: Duration,
    output: &Output,
) -> Result<(), Failure> {
    let mut sent: Option<Value> = None;
    let mut wait = false;
    loop {
        if wait {
            ::tokio::time::sleep(interval).await;
        }
        let answer = page(service, op, client, &input).await?;
        let items: Vec<Value> = match op.follow.and_then(|path| at(&answer, path)) {
            Some(Value::Array(a)) => a.clone(),
            _ => Vec::new(),
        };
        for item in &items {
            output.print_item(item.clone())?;
        }
        let Some(next) = token(&answer, p.output_token) else { return Ok(()) };
        wait = items.is_empty() || Some(&next) == sent.as_ref();
        set(&mut input, p.input_token, next.clone());
        sent = Some(next);
    }
}

impl Output {
    /// One item of a follow stream: JSON on one line, text and table as usual.
    fn print_item(&self, item: Value) -> Result<(), Failure> {
        if self.format != "json" {
            return self.print(item, None);
        }
        let value = self.queried(item)?;
        let mut out = ::std::io::stdout().lock();
        let _ = writeln!(out, "{value}").and_then(|()| out.flush());
        Ok(())
    }
}

/// Prints a failure as the AWS CLI does and returns its exit code.
fn report(service: &Service, op: &Op, failure: &Failure) -> u8 {
    match failure {
        Failure::Input(message) => eprintln!("\n{message}"),
        Failure::Invalid(violations) => {
            eprintln!("\nParameter validation failed:");
            for (pointer, message) in violations {
                eprintln!("{}: {message}", cli_args::option_of(service, op, pointer));
            }
        }
        Failure::Service { code, message, request_id } => {
            eprintln!("\nAn error occurred ({code}) when calling the {} operation: {message}", op.name);
            if let Some(id) = request_id {
                eprintln!("Request id: {id}");
            }
        }
        Failure::Other(message) => eprintln!("\n{message}"),
        Failure::Interrupted => {}
    }
    failure.exit_code()
}

/// `--debug`: each request and response on stderr, credentials redacted.
struct DebugTransport(Arc<dyn Transport>);

const SECRET_HEADERS: &[&str] = &["authorization", "x-amz-security-token"];

fn headers(map: &::http::HeaderMap) -> String {
    let mut out = String::new();
    for (name, value) in map {
        let shown = if SECRET_HEADERS.contains(&name.as_str()) { "<redacted>" } else { value.to_str().unwrap_or("<binary>") };
        out.push_str(&format!("  {name}: {shown}\n"));
    }
    out
}

impl Transport for DebugTransport {
    fn send(&self, request: ::http::Request<Vec<u8>>) -> BoxFuture<'_, Result<::http::Response<Bytes>, TransportError>> {
        eprintln!(
            "DEBUG request: {} {}\n{}  body: {}",
            request.method(),
            request.uri(),
            headers(request.headers()),
            String::from_utf8_lossy(request.body())
        );
        let sent = self.0.send(request);
        ::std::boxed::Box::pin(async move {
            let answer = sent.await;
            match &answer {
                Ok(r) => eprintln!("DEBUG response: {}\n{}  body: {}", r.status(), headers(r.headers()), String::from_utf8_lossy(r.body())),
                Err(e) => eprintln!("DEBUG transport error: {e}"),
            }
            answer
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_command_is_the_first_word_that_is_no_global_value() {
        let args = |s: &str| s.split(' ').map(String::from).collect::<Vec<_>>();
        assert_eq!(command_position(&args("--region us-east-1 --debug list-instances --max-results 3")), Some(3));
        assert_eq!(command_position(&args("--output=json list-instances")), Some(1));
        assert_eq!(command_position(&args("--region us-east-1")), None);
    }

    #[test]
    fn the_output_format_comes_from_the_environment_then_the_profile() {
        let dir = ::std::env::temp_dir().join(format!("cli-output-{}", ::std::process::id()));
        ::std::fs::create_dir_all(&dir).unwrap();
        let config = dir.join("config");
        ::std::fs::write(&config, "[default]\noutput = text\n[profile ops]\noutput = table\n").unwrap();
        let config_path = config.display().to_string();
        let missing = dir.join("none").display().to_string();
        let env = |extra: Option<&'static str>| {
            let (config_path, missing) = (config_path.clone(), missing.clone());
            move |k: &str| match k {
                "AWS_CONFIG_FILE" => Some(config_path.clone()),
                "AWS_SHARED_CREDENTIALS_FILE" => Some(missing.clone()),
                "AWS_DEFAULT_OUTPUT" => extra.map(String::from),
                _ => None,
            }
        };
        assert_eq!(default_output(&env(None), None), "text");
        assert_eq!(default_output(&env(None), Some("ops")), "table");
        assert_eq!(default_output(&env(Some("json")), Some("ops")), "json");
        assert_eq!(default_output(&env(None), Some("nobody")), "json");
        ::std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn resume_tokens_round_trip_as_botocore_writes_them() {
        let t = encode_token("NextToken", Value::String("abc".into()), 2);
        assert_eq!(resume_token(&t), Some((Value::String("abc".into()), 2)));
        assert_eq!(resume_token("plain-token!"), Some((Value::String("plain-token!".into()), 0)));
    }

    #[test]
    fn paths_of_member_names() {
        let mut o = Map::new();
        set(&mut o, "A.B", Value::from(1));
        assert_eq!(at(&Value::Object(o.clone()), "A.B"), Some(&Value::from(1)));
        assert_eq!(take(&mut o, "A.B"), Some(Value::from(1)));
        assert_eq!(token(&serde_json::json!({"T": ""}), "T"), None);
        assert_eq!(token(&serde_json::json!({"T": "x"}), "T"), Some(Value::from("x")));
    }
}
