//! `codegen.toml` beside the models: generator settings a model cannot carry.
//!
//! ```toml
//! # Operations to generate per service (by shape id); all operations when a service is not listed.
//! [services."com.amazonaws.connect#AmazonConnectService"]
//! operations = ["ListRealtimeContactAnalysisSegmentsV2", "CreateInstance"]
//! # Paginated operations whose paginator documents follow mode: a present token with no new items
//! # means more may come later (every paginator offers `.follow`; this only says so in its docs).
//! follow = ["ListRealtimeContactAnalysisSegmentsV2"]
//! # The error a client-side validation failure is reported as: the first of these error shape names
//! # that the operation declares and that can be built from a message. Default: DEFAULT_VALIDATION_ERRORS.
//! validation-errors = ["ValidationException", "InvalidParameterException"]
//!
//! [validation]
//! # Checks to leave out, by shape or member id: length, range, pattern, uniqueItems, enum, required.
//! skip = { "com.amazonaws.connect#Password" = ["pattern"] }
//! # A pattern that is not ECMA-262 (after the Java rewrites of `pattern::java`): "warn" (default:
//! # the check is left out, with a warning and a note in the member's docs) or "error".
//! invalid-patterns = "warn"
//! ```

use crate::diag::Diagnostics;
use crate::model::ShapeId;
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

pub const FILE_NAME: &str = "codegen.toml";

const CHECKS: &[&str] = &["length", "range", "pattern", "uniqueItems", "enum", "required"];

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    #[serde(default)]
    pub services: BTreeMap<String, ServiceConfig>,
    #[serde(default)]
    pub validation: Validation,
    /// Where a `partitions.toml` replacing the built-in partition table would be (the models'
    /// directory); set by the caller, not read from the file.
    #[serde(skip)]
    pub partitions_dir: Option<std::path::PathBuf>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ServiceConfig {
    /// Operation names (`ListInstances`) or ids to generate; the shapes they reach come along.
    #[serde(default)]
    pub operations: Option<BTreeSet<String>>,
    /// Operation names whose paginator documents the follow mode.
    #[serde(default)]
    pub follow: BTreeSet<String>,
    /// Error shape names for client-side validation failures, in order of preference.
    #[serde(default)]
    pub validation_errors: Option<Vec<String>>,
}

/// The error shape names AWS models use for a request rejected as invalid, in order of preference:
/// what a client-side validation failure is reported as unless `validation-errors` says otherwise.
/// Matched exactly against the names of the errors an operation declares.
pub const DEFAULT_VALIDATION_ERRORS: &[&str] =
    &["ValidationException", "InvalidParameterException", "InvalidRequestException", "InvalidInputException", "BadRequestException"];

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Validation {
    #[serde(default)]
    pub skip: BTreeMap<String, BTreeSet<String>>,
    #[serde(default)]
    pub invalid_patterns: Option<String>,
}

impl Config {
    /// Reads `codegen.toml` from the model directory; a missing file means defaults.
    pub fn load(models_dir: &Path, diags: &mut Diagnostics) -> Config {
        let path = models_dir.join(FILE_NAME);
        let file = path.display().to_string();
        let Ok(text) = std::fs::read_to_string(&path) else { return Config::default() };
        let config: Config = match toml::from_str(&text) {
            Ok(c) => c,
            Err(e) => {
                diags.error(&file, "", format!("invalid configuration: {}", e.to_string().trim()));
                return Config::default();
            }
        };
        for (id, checks) in &config.validation.skip {
            if let Err(e) = ShapeId::parse(id) {
                diags.error(&file, format!("validation.skip.\"{id}\""), e);
            }
            for c in checks {
                if !CHECKS.contains(&c.as_str()) {
                    diags.error(
                        &file,
                        format!("validation.skip.\"{id}\""),
                        format!("unknown check `{c}` (expected one of {})", CHECKS.join(", ")),
                    );
                }
            }
        }
        for id in config.services.keys() {
            if let Err(e) = ShapeId::parse(id) {
                diags.error(&file, format!("services.\"{id}\""), e);
            }
        }
        if let Some(v) = &config.validation.invalid_patterns
            && v != "error"
            && v != "warn"
        {
            diags.error(&file, "validation.invalid-patterns", format!("expected \"error\" or \"warn\", found {v:?}"));
        }
        config
    }

    /// The operation allowlist of a service, if it has one.
    pub fn operations(&self, service: &ShapeId) -> Option<&BTreeSet<String>> {
        self.services.get(&service.to_string())?.operations.as_ref()
    }

    /// Operation names whose paginator documents the follow mode.
    pub fn follow(&self, service: &ShapeId) -> impl Iterator<Item = &str> {
        self.services.get(&service.to_string()).into_iter().flat_map(|s| s.follow.iter().map(String::as_str))
    }

    /// Error shape names a validation failure may be reported as, in order of preference.
    pub fn validation_errors(&self, service: &ShapeId) -> Vec<&str> {
        match self.services.get(&service.to_string()).and_then(|s| s.validation_errors.as_ref()) {
            Some(names) => names.iter().map(String::as_str).collect(),
            None => DEFAULT_VALIDATION_ERRORS.to_vec(),
        }
    }

    /// Is `check` turned off for this shape or member?
    pub fn skips(&self, id: &ShapeId, check: &str) -> bool {
        self.validation.skip.get(&id.to_string()).is_some_and(|s| s.contains(check))
    }

    /// A pattern that cannot be compiled is an error only when `invalid-patterns = "error"`; by
    /// default it is a warning and the check is left out (see the README for why).
    pub fn error_on_invalid_patterns(&self) -> bool {
        self.validation.invalid_patterns.as_deref() == Some("error")
    }
}
