//! Endpoint resolution: the resolved [`Endpoint`] with its headers and properties, and the
//! rules-engine functions (the standard library and the AWS ones) that the compiled endpoint rule
//! sets call. The semantics follow the Smithy rules-engine specification and, where it is silent,
//! its reference implementation, so that the rule sets' own test cases hold.

use ::percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use ::std::collections::BTreeMap;
use ::std::option::Option::{self, None, Some};
use ::std::string::String;
use ::std::vec::Vec;

/// Everything but the RFC 3986 unreserved characters (`A-Z a-z 0-9 - . _ ~`) is percent-encoded.
const UNRESERVED: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');

/// A resolved endpoint: its URL, the headers to add to the request and its properties (such as
/// `authSchemes`).
#[derive(Clone, Debug, PartialEq)]
pub struct Endpoint {
    url: String,
    headers: BTreeMap<String, Vec<String>>,
    properties: BTreeMap<String, Document>,
}

impl Endpoint {
    /// An endpoint at `url`, with no headers and no properties.
    pub fn new(url: impl Into<String>) -> Self {
        Endpoint { url: url.into(), headers: BTreeMap::new(), properties: BTreeMap::new() }
    }

    /// Appends one value of header `name`.
    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.headers.entry(name.into()).or_default().push(value.into());
        self
    }

    /// Sets property `name`, replacing any earlier value.
    pub fn property(mut self, name: impl Into<String>, value: Document) -> Self {
        self.properties.insert(name.into(), value);
        self
    }

    /// The URL to send the request to.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// The headers to add to the request, each with its values in order.
    pub fn headers(&self) -> &BTreeMap<String, Vec<String>> {
        &self.headers
    }

    /// The endpoint's properties.
    pub fn properties(&self) -> &BTreeMap<String, Document> {
        &self.properties
    }

    /// The `authSchemes` property read as auth schemes, in order; entries that are not objects
    /// with a string `name` are skipped.
    pub fn auth_schemes(&self) -> Vec<AuthScheme<'_>> {
        match self.properties.get("authSchemes") {
            Some(Document::Array(entries)) => entries.iter().filter_map(AuthScheme::from_document).collect(),
            _ => Vec::new(),
        }
    }
}

/// A value of an endpoint's properties.
#[derive(Clone, Debug, PartialEq)]
pub enum Document {
    /// A string.
    String(String),
    /// A boolean.
    Bool(bool),
    /// An integer.
    Int(i64),
    /// A list of values.
    Array(Vec<Document>),
    /// Values by key.
    Object(BTreeMap<String, Document>),
}

impl Document {
    /// An object of the given entries (a later duplicate key wins).
    pub fn object<const N: usize>(entries: [(&str, Document); N]) -> Document {
        Document::Object(entries.into_iter().map(|(k, v)| (String::from(k), v)).collect())
    }

    /// The string, if this is one.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Document::String(s) => Some(s),
            _ => None,
        }
    }

    /// The boolean, if this is one.
    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Document::Bool(b) => Some(*b),
            _ => None,
        }
    }
}

impl From<&str> for Document {
    fn from(value: &str) -> Self {
        Document::String(String::from(value))
    }
}

impl From<String> for Document {
    fn from(value: String) -> Self {
        Document::String(value)
    }
}

impl From<bool> for Document {
    fn from(value: bool) -> Self {
        Document::Bool(value)
    }
}

impl From<i64> for Document {
    fn from(value: i64) -> Self {
        Document::Int(value)
    }
}

/// One entry of `authSchemes`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AuthScheme<'a> {
    /// The scheme, e.g. `sigv4` or `sigv4a`.
    pub name: &'a str,
    /// `signingName`: the service name to sign with, when the endpoint overrides it.
    pub signing_name: Option<&'a str>,
    /// `signingRegion`: the region to sign with (SigV4), when the endpoint overrides it.
    pub signing_region: Option<&'a str>,
    /// `signingRegionSet`: the regions to sign for (SigV4a); empty when absent.
    pub signing_region_set: Vec<&'a str>,
    /// `disableDoubleEncoding`: whether the path is left as is when signing; false when absent.
    pub disable_double_encoding: bool,
}

impl<'a> AuthScheme<'a> {
    fn from_document(entry: &'a Document) -> Option<Self> {
        let Document::Object(fields) = entry else {
            return None;
        };
        let text = |key: &str| fields.get(key).and_then(Document::as_str);
        let signing_region_set = match fields.get("signingRegionSet") {
            Some(Document::Array(regions)) => regions.iter().filter_map(Document::as_str).collect(),
            _ => Vec::new(),
        };
        Some(AuthScheme {
            name: text("name")?,
            signing_name: text("signingName"),
            signing_region: text("signingRegion"),
            signing_region_set,
            disable_double_encoding: fields.get("disableDoubleEncoding").and_then(Document::as_bool).unwrap_or(false),
        })
    }
}

/// Endpoint resolution failed: the rule set's error message, or a parameter problem.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ResolveError {
    message: String,
}

impl ResolveError {
    /// An error with the given message.
    pub fn new(message: impl Into<String>) -> Self {
        ResolveError { message: message.into() }
    }

    /// The message, without the "endpoint resolution failed" prefix.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl ::std::fmt::Display for ResolveError {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        write!(f, "endpoint resolution failed: {}", self.message)
    }
}

impl ::std::error::Error for ResolveError {}

/// `isValidHostLabel`: whether `value` is an RFC 1123 host label (1 to 63 ASCII letters, digits
/// and hyphens, starting with a letter or digit), or with `allow_subdomains` a dot-joined run of
/// such labels.
///
/// A trailing hyphen is accepted, as the reference implementation does (the rule sets' tests are
/// checked against it).
pub fn is_valid_host_label(value: &str, allow_subdomains: bool) -> bool {
    if allow_subdomains {
        // `split` yields the empty segments of "a..b", ".a" and "a.", which then fail.
        value.split('.').all(is_host_segment)
    } else {
        is_host_segment(value)
    }
}

fn is_host_segment(segment: &str) -> bool {
    let bytes = segment.as_bytes();
    bytes.len() <= 63
        && bytes.first().is_some_and(u8::is_ascii_alphanumeric)
        && bytes.iter().all(|b| b.is_ascii_alphanumeric() || *b == b'-')
}

/// What `parseURL` returns.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Url<'a> {
    /// `scheme`: `http` or `https`, in lowercase, without `://`.
    pub scheme: &'a str,
    /// `authority`: the host and the port as written, without any userinfo.
    pub authority: &'a str,
    /// `path`: the path as written; empty when the URL has none.
    pub path: &'a str,
    /// `normalizedPath`: the path with a `/` at both ends (`/` for an empty path).
    pub normalized_path: String,
    /// `isIp`: whether the host is an IPv4 address or a bracketed IPv6 address.
    pub is_ip: bool,
}

/// `parseURL`: None when `value` is not a URL the rules engine accepts: a scheme other than
/// `http` or `https`, a query string (the spec refuses it), a fragment, an empty or malformed host,
/// a port that is not a number up to 65535, or characters a URI cannot hold.
pub fn parse_url(value: &str) -> Option<Url<'_>> {
    let (scheme, rest) = value.split_once("://")?;
    // Schemes are case-insensitive (RFC 3986); the canonical lowercase form is what rules compare.
    let scheme = if scheme.eq_ignore_ascii_case("https") {
        "https"
    } else if scheme.eq_ignore_ascii_case("http") {
        "http"
    } else {
        return None;
    };
    // A fragment is refused too: it never reaches the server, so an endpoint with one is a mistake.
    if rest.contains(['?', '#']) || !rest.bytes().all(is_uri_byte) {
        return None;
    }
    let (authority, path) = rest.find('/').map_or((rest, ""), |i| rest.split_at(i));
    let authority = authority.rsplit_once('@').map_or(authority, |(_, host_port)| host_port);
    let is_ip = check_authority(authority)?;
    let mut normalized_path = String::with_capacity(path.len() + 2);
    if !path.starts_with('/') {
        normalized_path.push('/');
    }
    normalized_path.push_str(path);
    if !normalized_path.ends_with('/') {
        normalized_path.push('/');
    }
    Some(Url { scheme, authority, path, normalized_path, is_ip })
}

/// The characters RFC 3986 allows in a URI: unreserved, reserved and `%`.
fn is_uri_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"-._~:/?#[]@!$&'()*+,;=%".contains(&b)
}

/// Checks `host[:port]` and says whether the host is an IP address; None when it is malformed.
fn check_authority(authority: &str) -> Option<bool> {
    let (is_ip, port) = match authority.strip_prefix('[') {
        Some(bracketed) => {
            let (address, after) = bracketed.split_once(']')?;
            // An RFC 6874 zone (`%25eth0`) follows the address itself.
            let address = address.split_once('%').map_or(address, |(a, _)| a);
            address.parse::<::std::net::Ipv6Addr>().ok()?;
            let port = if after.is_empty() { None } else { Some(after.strip_prefix(':')?) };
            (true, port)
        }
        None => {
            let (host, port) = match authority.split_once(':') {
                Some((host, port)) => (host, Some(port)),
                None => (authority, None),
            };
            if host.is_empty() || host.contains(['[', ']']) {
                return None;
            }
            (is_ipv4_form(host), port)
        }
    };
    if let Some(port) = port {
        if port.is_empty() || !port.bytes().all(|b| b.is_ascii_digit()) || port.parse::<u16>().is_err() {
            return None;
        }
    }
    Some(is_ip)
}

/// Four dot-separated decimal numbers of at most 255 each, as the reference implementation
/// recognizes IPv4 addresses (leading zeros allowed).
fn is_ipv4_form(host: &str) -> bool {
    let mut count = 0;
    for part in host.split('.') {
        count += 1;
        // The digit check first: `parse` would also take a leading `+`.
        if part.is_empty() || !part.bytes().all(|b| b.is_ascii_digit()) || part.parse::<u8>().is_err() {
            return false;
        }
    }
    count == 4
}

/// `substring`: the characters from `start` (inclusive) to `stop` (exclusive), counted from the
/// end when `reverse`; None when `start >= stop`, when `value` is shorter than `stop`, or when it
/// has non-ASCII characters (the spec counts in ASCII characters only).
pub fn substring(value: &str, start: usize, stop: usize, reverse: bool) -> Option<&str> {
    if !value.is_ascii() || start >= stop || stop > value.len() {
        return None;
    }
    if reverse {
        value.get(value.len() - stop..value.len() - start)
    } else {
        value.get(start..stop)
    }
}

/// `uriEncode`: RFC 3986 percent-encoding (uppercase hex, of the UTF-8 bytes) of everything but
/// the unreserved characters `A-Z a-z 0-9 - . _ ~`.
pub fn uri_encode(value: &str) -> String {
    utf8_percent_encode(value, UNRESERVED).to_string()
}

/// What `aws.parseArn` returns.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Arn<'a> {
    /// `partition`, e.g. `aws`.
    pub partition: &'a str,
    /// `service`, e.g. `s3`.
    pub service: &'a str,
    /// `region`; empty for resources that are not regional.
    pub region: &'a str,
    /// `accountId`; empty for resources that belong to no account.
    pub account_id: &'a str,
    /// `resourceId`: the rest of the ARN split on `:` and `/`.
    pub resource_id: Vec<&'a str>,
}

/// `aws.parseArn`: `arn:partition:service:region:account-id:resource`, with the resource split
/// on `:` and `/`; None when there are fewer than six parts, the first is not `arn`, or the
/// partition, service or resource is empty.
pub fn parse_arn(value: &str) -> Option<Arn<'_>> {
    let mut parts = value.splitn(6, ':');
    let (prefix, partition, service) = (parts.next()?, parts.next()?, parts.next()?);
    let (region, account_id, resource) = (parts.next()?, parts.next()?, parts.next()?);
    if prefix != "arn" || partition.is_empty() || service.is_empty() || resource.is_empty() {
        return None;
    }
    Some(Arn { partition, service, region, account_id, resource_id: resource.split([':', '/']).collect() })
}

/// `aws.isVirtualHostableS3Bucket`: whether `value` can be an S3 bucket's host label: 3 to 63
/// lowercase letters, digits and hyphens, starting and ending with a letter or digit. With
/// `allow_subdomains` dots are allowed too, but not `..`, `.-` or `-.`, and not the form of an
/// IPv4 address.
pub fn is_virtual_hostable_s3_bucket(value: &str, allow_subdomains: bool) -> bool {
    let bytes = value.as_bytes();
    let lower_alphanumeric = |b: &u8| b.is_ascii_lowercase() || b.is_ascii_digit();
    (3..=63).contains(&bytes.len())
        && bytes.first().is_some_and(lower_alphanumeric)
        && bytes.last().is_some_and(lower_alphanumeric)
        && bytes.iter().all(|b| lower_alphanumeric(b) || *b == b'-' || (allow_subdomains && *b == b'.'))
        && !bytes.windows(2).any(|pair| matches!(pair, [b'.', b'.'] | [b'.', b'-'] | [b'-', b'.']))
        && !is_ipv4_form(value)
}

/// What `aws.partition` returns (its attributes as getAttr names them: name, dnsSuffix,
/// dualStackDnsSuffix, supportsFIPS, supportsDualStack, implicitGlobalRegion).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Partition {
    /// `name`: the partition's id, e.g. `aws`.
    pub name: &'static str,
    /// `dnsSuffix`, e.g. `amazonaws.com`.
    pub dns_suffix: &'static str,
    /// `dualStackDnsSuffix`, e.g. `api.aws`.
    pub dual_stack_dns_suffix: &'static str,
    /// `supportsFIPS`.
    pub supports_fips: bool,
    /// `supportsDualStack`.
    pub supports_dual_stack: bool,
    /// `implicitGlobalRegion`: the region that global endpoints of the partition sign for.
    pub implicit_global_region: &'static str,
}

/// One partition of the table the generator emits into each crate as a `static`.
#[derive(Clone, Copy, Debug)]
pub struct PartitionData {
    outputs: Partition,
    region_regex: &'static str,
    regions: &'static [(&'static str, Partition)],
}

impl PartitionData {
    /// A partition with its outputs, its `regionRegex` (ECMA-262) and its known regions.
    ///
    /// `regions` lists the partition's known regions with their outputs (the partition's own,
    /// with any per-region overrides already applied by the generator).
    pub const fn new(outputs: Partition, region_regex: &'static str, regions: &'static [(&'static str, Partition)]) -> Self {
        PartitionData { outputs, region_regex, regions }
    }

    /// Whether `regionRegex` matches the whole of `region`, as the reference implementation
    /// requires (the published patterns are anchored anyway).
    fn matches(&self, region: &str) -> bool {
        let found = |regex: &Option<::regress::Regex>| regex.as_ref().is_some_and(|regex| regex.find(region).is_some());
        {
            let cache = REGION_REGEXES.read().unwrap_or_else(::std::sync::PoisonError::into_inner);
            if let Some(regex) = cache.get(self.region_regex) {
                return found(regex);
            }
        }
        let mut cache = REGION_REGEXES.write().unwrap_or_else(::std::sync::PoisonError::into_inner);
        let pattern = self.region_regex;
        found(cache.entry(pattern).or_insert_with(|| ::regress::Regex::new(&format!("^(?:{pattern})$")).ok()))
    }
}

/// The `regionRegex`es compiled so far, by pattern; None for a pattern that does not compile.
///
/// The cache lives here rather than in `PartitionData`: a `OnceLock` field would make
/// `static PARTITIONS: &[PartitionData] = &[...]` illegal (E0492, interior mutability behind a
/// promoted reference), and that is the form the generator emits.
static REGION_REGEXES: ::std::sync::RwLock<BTreeMap<&'static str, Option<::regress::Regex>>> = ::std::sync::RwLock::new(BTreeMap::new());

/// `aws.partition(region)`: a region listed by a partition gets that entry's outputs; else the
/// first partition whose regionRegex (ECMA-262, compiled with `regress`, once, lazily) matches;
/// else the partition named "aws" (the spec's fallback); None only if the table has no "aws"
/// partition.
pub fn partition(table: &'static [PartitionData], region: &str) -> Option<Partition> {
    let listed = table.iter().flat_map(|p| p.regions).find(|(name, _)| *name == region).map(|(_, outputs)| *outputs);
    listed
        .or_else(|| table.iter().find(|p| p.matches(region)).map(|p| p.outputs))
        .or_else(|| table.iter().find(|p| p.outputs.name == "aws").map(|p| p.outputs))
}
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn host_labels() {
        for (label, single, subdomains) in [
            ("us-east-1", true, true),
            ("3aws4", true, true),
            ("a", true, true),
            ("A", true, true),
            ("UPPER-case", true, true),
            (&"a".repeat(63), true, true),
            (&"a".repeat(64), false, false),
            ("", false, false),
            ("-abc", false, false),
            // Accepted like the reference implementation does.
            ("abc-", true, true),
            ("part1.part2", false, true),
            ("part1.", false, false),
            (".part1", false, false),
            ("part1..part2", false, false),
            ("part1.-part2", false, false),
            ("part1 part2", false, false),
            ("under_score", false, false),
            ("ünï", false, false),
        ] {
            assert_eq!(is_valid_host_label(label, false), single, "{label:?} alone");
            assert_eq!(is_valid_host_label(label, true), subdomains, "{label:?} with subdomains");
        }
        // Each dotted segment gets the 63 limit, not the whole.
        let long = format!("{}.{}", "a".repeat(63), "b".repeat(63));
        assert!(is_valid_host_label(&long, true));
        assert!(!is_valid_host_label(&format!("{long}c"), true));
    }

    fn url(scheme: &'static str, authority: &'static str, path: &'static str, normalized: &str, is_ip: bool) -> Url<'static> {
        Url { scheme, authority, path, normalized_path: String::from(normalized), is_ip }
    }

    #[test]
    fn parse_url_spec_examples() {
        assert_eq!(parse_url("https://example.com"), Some(url("https", "example.com", "", "/", false)));
        assert_eq!(parse_url("https://example.com:8443?foo=bar&faz=baz"), None);
        assert_eq!(parse_url("http://example.com:80/foo/bar"), Some(url("http", "example.com:80", "/foo/bar", "/foo/bar/", false)));
        assert_eq!(parse_url("https://127.0.0.1"), Some(url("https", "127.0.0.1", "", "/", true)));
        assert_eq!(parse_url("https://[fe80::1]"), Some(url("https", "[fe80::1]", "", "/", true)));
    }

    #[test]
    fn parse_url_paths_ports_and_ips() {
        assert_eq!(parse_url("https://authority.com/"), Some(url("https", "authority.com", "/", "/", false)));
        assert_eq!(parse_url("https://authority.com/foo"), Some(url("https", "authority.com", "/foo", "/foo/", false)));
        assert_eq!(parse_url("https://authority.com/foo/"), Some(url("https", "authority.com", "/foo/", "/foo/", false)));
        assert_eq!(parse_url("https://authority.com:8000/port"), Some(url("https", "authority.com:8000", "/port", "/port/", false)));
        assert_eq!(parse_url("http://192.168.1.1:1234/foo/"), Some(url("http", "192.168.1.1:1234", "/foo/", "/foo/", true)));
        assert_eq!(
            parse_url("https://[2001:db8:85a3:8d3:1319:8a2e:370:7348]:443"),
            Some(url("https", "[2001:db8:85a3:8d3:1319:8a2e:370:7348]:443", "", "/", true))
        );
        assert_eq!(parse_url("https://[fe80::1%25en0]/x"), Some(url("https", "[fe80::1%25en0]", "/x", "/x/", true)));
        // Host labels are not validated, and near-IPs are names.
        assert_eq!(parse_url("http://99_ab-.com"), Some(url("http", "99_ab-.com", "", "/", false)));
        assert_eq!(parse_url("https://999.999.abc.blah"), Some(url("https", "999.999.abc.blah", "", "/", false)));
        assert_eq!(parse_url("https://256.1.1.1"), Some(url("https", "256.1.1.1", "", "/", false)));
        assert_eq!(parse_url("https://1.2.3"), Some(url("https", "1.2.3", "", "/", false)));
        // Scheme case is folded; userinfo is dropped from the authority.
        assert_eq!(parse_url("HTTPS://example.com"), Some(url("https", "example.com", "", "/", false)));
        assert_eq!(parse_url("https://user:pw@example.com/a"), Some(url("https", "example.com", "/a", "/a/", false)));
    }

    #[test]
    fn parse_url_refusals() {
        for input in [
            "https://example.com/path?query1=foo",
            "https://example.com?",
            "https://example.com/#frag",
            "acbd://example.com",
            "ftp://example.com",
            "example.com",
            "https:example.com",
            "https://",
            "https:///path",
            "http://abc.com:a/foo",
            "http://abc.com:/foo",
            "http://abc.com:65536",
            "http://a:1:2",
            "https://[zz::1]",
            "https://[::1",
            "https://[::1]x",
            "https://exa mple.com",
            "https://example.com/a b",
            "https://bücher.de",
            "",
        ] {
            assert_eq!(parse_url(input), None, "{input:?}");
        }
    }

    #[test]
    fn substring_forward_and_reverse() {
        assert_eq!(substring("abcdefg", 0, 4, false), Some("abcd"));
        assert_eq!(substring("abcdefg", 0, 4, true), Some("defg"));
        assert_eq!(substring("abcdefg", 1, 3, true), Some("ef"));
        assert_eq!(substring("abcdefg", 0, 7, false), Some("abcdefg"));
        assert_eq!(substring("abcdefg", 0, 7, true), Some("abcdefg"));
        assert_eq!(substring("abcdefg", 3, 3, false), None);
        assert_eq!(substring("abcdefg", 4, 3, false), None);
        assert_eq!(substring("abcdefg", 0, 8, false), None);
        assert_eq!(substring("abcdefg", 0, 8, true), None);
        assert_eq!(substring("", 0, 1, false), None);
        assert_eq!(substring("abcdé", 0, 2, false), None);
        assert_eq!(substring("\u{1F600}abc", 1, 2, true), None);
    }

    #[test]
    fn uri_encode_keeps_only_unreserved() {
        assert_eq!(uri_encode("a b"), "a%20b");
        assert_eq!(uri_encode("a/b:c"), "a%2Fb%3Ac");
        assert_eq!(uri_encode("AZaz09-._~"), "AZaz09-._~");
        assert_eq!(uri_encode("é"), "%C3%A9");
        assert_eq!(uri_encode("\u{1F600}"), "%F0%9F%98%80");
        assert_eq!(
            uri_encode("/:,?#[]{}|@! $&'()*+;=%<>\"^`\\"),
            "%2F%3A%2C%3F%23%5B%5D%7B%7D%7C%40%21%20%24%26%27%28%29%2A%2B%3B%3D%25%3C%3E%22%5E%60%5C"
        );
        assert_eq!(uri_encode(""), "");
    }

    #[test]
    fn parse_arn_valid() {
        let arn = |partition, service, region, account_id, resource_id: &[&'static str]| Arn {
            partition,
            service,
            region,
            account_id,
            resource_id: resource_id.to_vec(),
        };
        assert_eq!(
            parse_arn("arn:aws:sns:us-west-2:012345678910:example-sns-topic-name"),
            Some(arn("aws", "sns", "us-west-2", "012345678910", &["example-sns-topic-name"]))
        );
        assert_eq!(
            parse_arn("arn:aws:ec2:us-east-1:012345678910:vpc/vpc-0e9801d129EXAMPLE"),
            Some(arn("aws", "ec2", "us-east-1", "012345678910", &["vpc", "vpc-0e9801d129EXAMPLE"]))
        );
        assert_eq!(parse_arn("arn:aws:iam::012345678910:user/johndoe"), Some(arn("aws", "iam", "", "012345678910", &["user", "johndoe"])));
        assert_eq!(parse_arn("arn:aws:s3:::bucket_name"), Some(arn("aws", "s3", "", "", &["bucket_name"])));
        assert_eq!(
            parse_arn("arn:aws:s3:us-west-2:123456789012:accesspoint:my-ap/object/key"),
            Some(arn("aws", "s3", "us-west-2", "123456789012", &["accesspoint", "my-ap", "object", "key"]))
        );
        // Empty pieces of the resource are kept.
        assert_eq!(parse_arn("arn:aws:s3:::bucket/"), Some(arn("aws", "s3", "", "", &["bucket", ""])));
    }

    #[test]
    fn parse_arn_refusals() {
        for input in [
            "11111111-2222-3333-4444-555555555555",
            "arn:aws:s3:us-east-1:123",
            "arn:aws:s3",
            "",
            "urn:aws:s3:::bucket",
            "ARN:aws:s3:::bucket",
            "arn::s3:::bucket",
            "arn:aws::::bucket",
            "arn:aws:s3:us-east-1:123:",
        ] {
            assert_eq!(parse_arn(input), None, "{input:?}");
        }
    }

    #[test]
    fn virtual_hostable_s3_buckets() {
        for (bucket, alone, with_dots) in [
            ("bucket-name", true, true),
            ("bucket-with-number-1", true, true),
            ("abc", true, true),
            ("ab", false, false),
            (&"a".repeat(63), true, true),
            (&"a".repeat(64), false, false),
            ("BucketName", false, false),
            ("bucket_name", false, false),
            ("bucket.name", false, true),
            ("bucket.name.multiple.dots1", false, true),
            ("-bucket-name", false, false),
            ("bucket-name-", false, false),
            (".bucket-name", false, false),
            ("bucket-name.", false, false),
            ("bucket..name", false, false),
            ("bucket-.name", false, false),
            ("bucket.-name", false, false),
            ("192.168.5.4", false, false),
            ("192.168.5.256", false, true),
            ("bücket", false, false),
        ] {
            assert_eq!(is_virtual_hostable_s3_bucket(bucket, false), alone, "{bucket:?} alone");
            assert_eq!(is_virtual_hostable_s3_bucket(bucket, true), with_dots, "{bucket:?} with dots");
        }
    }

    const AWS: Partition = Partition {
        name: "aws",
        dns_suffix: "amazonaws.com",
        dual_stack_dns_suffix: "api.aws",
        supports_fips: true,
        supports_dual_stack: true,
        implicit_global_region: "us-east-1",
    };
    const AWS_GLOBAL: Partition = Partition { supports_fips: false, ..AWS };
    const CN: Partition = Partition {
        name: "aws-cn",
        dns_suffix: "amazonaws.com.cn",
        dual_stack_dns_suffix: "api.amazonwebservices.com.cn",
        supports_fips: true,
        supports_dual_stack: true,
        implicit_global_region: "cn-northwest-1",
    };
    const OTHER: Partition = Partition { name: "other", ..CN };

    // The shape the generator emits: a `static` slice built with the const fn.
    static PARTITIONS: &[PartitionData] = &[
        PartitionData::new(AWS, "^(us|eu|ap|sa|ca|me|af|il|mx)\\-\\w+\\-\\d+$", &[("us-east-1", AWS), ("aws-global", AWS_GLOBAL)]),
        PartitionData::new(CN, "^cn\\-\\w+\\-\\d+$", &[("cn-north-1", CN)]),
        // Never compiles, so never matches; must not disturb the lookup.
        PartitionData::new(OTHER, "(", &[]),
    ];
    static NO_AWS: &[PartitionData] = &[PartitionData::new(CN, "^cn\\-\\w+\\-\\d+$", &[])];
    static UNANCHORED: &[PartitionData] = &[PartitionData::new(OTHER, "x|xy", &[]), PartitionData::new(AWS, "^$", &[])];

    #[test]
    fn partition_lookup() {
        // A listed region gets its entry's outputs, overrides included.
        assert_eq!(partition(PARTITIONS, "aws-global"), Some(AWS_GLOBAL));
        assert_eq!(partition(PARTITIONS, "us-east-1"), Some(AWS));
        assert_eq!(partition(PARTITIONS, "cn-north-1"), Some(CN));
        // Else the regex decides (twice, to use the compiled regex again).
        for _ in 0..2 {
            assert_eq!(partition(PARTITIONS, "cn-southwest-9"), Some(CN));
            assert_eq!(partition(PARTITIONS, "eu-central-7"), Some(AWS));
        }
        // Else the "aws" partition.
        assert_eq!(partition(PARTITIONS, "mars-east-1"), Some(AWS));
        assert_eq!(partition(PARTITIONS, ""), Some(AWS));
        assert_eq!(partition(NO_AWS, "mars-east-1"), None);
        assert_eq!(partition(NO_AWS, "cn-east-1"), Some(CN));
        // The regex must match the whole region.
        assert_eq!(partition(UNANCHORED, "xy"), Some(OTHER));
        assert_eq!(partition(UNANCHORED, "xyz"), Some(AWS));
    }

    #[test]
    fn endpoint_builder() {
        let endpoint = Endpoint::new("https://example.com")
            .header("x-a", "1")
            .header("x-a", "2")
            .header(String::from("x-b"), String::from("3"))
            .property("flag", true.into())
            .property("flag", false.into());
        assert_eq!(endpoint.url(), "https://example.com");
        assert_eq!(endpoint.headers().get("x-a"), Some(&vec![String::from("1"), String::from("2")]));
        assert_eq!(endpoint.headers().get("x-b"), Some(&vec![String::from("3")]));
        assert_eq!(endpoint.properties().get("flag").and_then(Document::as_bool), Some(false));
        assert_eq!(endpoint.properties().len(), 1);
        assert!(endpoint.auth_schemes().is_empty());
        assert_eq!(endpoint.clone(), endpoint);
    }

    #[test]
    fn auth_schemes_in_order_skipping_malformed_entries() {
        let endpoint = Endpoint::new("https://s3.us-west-2.amazonaws.com").property(
            "authSchemes",
            Document::Array(vec![
                Document::object([
                    ("name", "sigv4".into()),
                    ("signingName", "s3".into()),
                    ("signingRegion", "us-west-2".into()),
                    ("disableDoubleEncoding", true.into()),
                ]),
                "sigv4".into(),
                Document::object([("signingName", "s3".into())]),
                Document::object([("name", 4_i64.into())]),
                Document::object([
                    ("name", "sigv4a".into()),
                    ("signingName", String::from("s3").into()),
                    ("signingRegionSet", Document::Array(vec!["*".into(), 1_i64.into(), "us-east-1".into()])),
                    ("disableDoubleEncoding", "yes".into()),
                ]),
                Document::object([("name", "none".into())]),
            ]),
        );
        assert_eq!(
            endpoint.auth_schemes(),
            vec![
                AuthScheme {
                    name: "sigv4",
                    signing_name: Some("s3"),
                    signing_region: Some("us-west-2"),
                    signing_region_set: vec![],
                    disable_double_encoding: true,
                },
                AuthScheme {
                    name: "sigv4a",
                    signing_name: Some("s3"),
                    signing_region: None,
                    signing_region_set: vec!["*", "us-east-1"],
                    disable_double_encoding: false,
                },
                AuthScheme {
                    name: "none",
                    signing_name: None,
                    signing_region: None,
                    signing_region_set: vec![],
                    disable_double_encoding: false
                },
            ]
        );
        // Not an array: no schemes.
        assert!(Endpoint::new("https://x").property("authSchemes", "sigv4".into()).auth_schemes().is_empty());
    }

    #[test]
    fn documents() {
        let object = Document::object([("b", 1_i64.into()), ("a", "x".into()), ("b", 2_i64.into())]);
        let expected: BTreeMap<String, Document> =
            [(String::from("a"), Document::String(String::from("x"))), (String::from("b"), Document::Int(2))].into_iter().collect();
        assert_eq!(object, Document::Object(expected));
        assert_eq!(Document::object([]), Document::Object(BTreeMap::new()));
        assert_eq!(Document::from("s").as_str(), Some("s"));
        assert_eq!(Document::from(String::from("s")), Document::String(String::from("s")));
        assert_eq!(Document::from(true).as_bool(), Some(true));
        assert_eq!(Document::from(7_i64), Document::Int(7));
        assert_eq!(Document::Int(1).as_str(), None);
        assert_eq!(Document::from("true").as_bool(), None);
    }

    #[test]
    fn resolve_error_display() {
        let error = ResolveError::new("Invalid region: region was not a valid DNS name.");
        assert_eq!(error.message(), "Invalid region: region was not a valid DNS name.");
        assert_eq!(error.to_string(), "endpoint resolution failed: Invalid region: region was not a valid DNS name.");
        let boxed: Box<dyn ::std::error::Error> = Box::new(error.clone());
        assert_eq!(boxed.to_string(), error.to_string());
        assert_eq!(ResolveError::new(String::from("x")), ResolveError::new("x"));
    }
}
