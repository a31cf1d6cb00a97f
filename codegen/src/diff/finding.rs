//! One reported change: its smithy-diff event, its wire-level impact and its impact on the generated
//! Rust crate, plus the operations that reach it.

use serde::Serialize;
use std::fmt;

/// smithy-diff's severities, lowest first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum Severity {
    Note,
    Warning,
    Danger,
    Error,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Note => "NOTE",
            Severity::Warning => "WARNING",
            Severity::Danger => "DANGER",
            Severity::Error => "ERROR",
        })
    }
}

/// A smithy-diff validation event: id (`ChangedLengthTrait`, `ModifiedTrait.Update.smithy.api#length`)
/// and severity.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Event {
    pub id: String,
    pub severity: Severity,
}

impl Event {
    pub fn new(id: impl Into<String>, severity: Severity) -> Event {
        Event { id: id.into(), severity }
    }
}

/// Who defines the finding's id.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case", tag = "kind")]
pub enum Origin {
    /// smithy-diff reports this change with this id and severity.
    SmithyDiff,
    /// smithy-diff misses or under-rates this change; `smithy_diff` is what it reports instead, if anything.
    Extra { smithy_diff: Option<Event> },
}

/// Impact on the generated crate, in semver terms.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum RustLevel {
    /// Patch: no public item changes (docs or behaviour only).
    None,
    /// Minor: items added.
    Additive,
    /// Major: items removed or changed.
    Breaking,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RustImpact {
    pub level: RustLevel,
    /// The affected item (`types::Contact`), empty when no item is affected.
    pub item: String,
    /// What happens to it (`gains field \`chat_metrics\``).
    pub change: String,
}

impl RustImpact {
    pub fn none(change: impl Into<String>) -> RustImpact {
        RustImpact { level: RustLevel::None, item: String::new(), change: change.into() }
    }
    pub fn new(level: RustLevel, item: impl Into<String>, change: impl Into<String>) -> RustImpact {
        RustImpact { level, item: item.into(), change: change.into() }
    }
}

/// What the change does to messages on the wire (restJson1).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum WireLevel {
    /// No message changes meaning.
    None,
    /// New messages become possible; old ones keep their meaning.
    Compatible,
    /// Messages that were valid become invalid or change meaning.
    Breaking,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Wire {
    pub level: WireLevel,
    pub note: String,
}

impl Wire {
    pub fn new(level: WireLevel, note: impl Into<String>) -> Wire {
        Wire { level, note: note.into() }
    }
}

/// Which side of an operation a shape is used on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    /// The operation itself (its HTTP binding, errors, input or output).
    Operation,
    Request,
    Response,
    Error,
}

impl fmt::Display for Direction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Direction::Operation => "operation",
            Direction::Request => "request",
            Direction::Response => "response",
            Direction::Error => "error",
        })
    }
}

/// An operation that reaches the changed shape, and the member path it takes (`Segments[].Transcript`).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Use {
    pub service: String,
    pub operation: String,
    pub direction: Direction,
    /// Member path from the operation's input/output/error structure; empty for the structure itself
    /// or the operation.
    pub path: String,
}

/// The verdict a reviewer acts on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    /// Other changes: no public Rust item changes and nothing on the wire breaks.
    Patch,
    /// Rust items added; nothing breaks.
    Additive,
    /// smithy-diff ERROR, a breaking Rust API change, or a breaking wire change.
    Breaking,
}

impl fmt::Display for Verdict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Verdict::Patch => "patch",
            Verdict::Additive => "additive",
            Verdict::Breaking => "breaking",
        })
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// Event id: smithy-diff's where it has one, else ours (see `origin`).
    pub id: String,
    pub severity: Severity,
    pub origin: Origin,
    /// The changed shape or member (`ns#Shape$member`).
    pub shape: String,
    /// One sentence naming the shape.
    pub message: String,
    /// The same change as a changelog phrase about the shape (`gains member \`ChatMetrics\``).
    pub phrase: String,
    pub wire: Wire,
    pub rust: RustImpact,
    /// Operations that reach the shape (in the new model, or the old one for removals).
    pub uses: Vec<Use>,
    /// Set when a suppression accepts the finding: its reason.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub suppressed: Option<String>,
}

impl Finding {
    pub fn verdict(&self) -> Verdict {
        if self.severity == Severity::Error || self.rust.level == RustLevel::Breaking || self.wire.level == WireLevel::Breaking {
            Verdict::Breaking
        } else if self.rust.level == RustLevel::Additive {
            Verdict::Additive
        } else {
            Verdict::Patch
        }
    }

    pub fn is_extra(&self) -> bool {
        matches!(self.origin, Origin::Extra { .. })
    }

    /// The shape's name without namespace (`Contact$ChatMetrics`).
    pub fn short_shape(&self) -> &str {
        self.shape.split_once('#').map(|(_, n)| n).unwrap_or(&self.shape)
    }
}

/// Builder-style constructor used by the evaluators.
pub struct Draft {
    pub event: Event,
    pub origin: Origin,
    pub shape: String,
    pub message: String,
    pub phrase: String,
}

impl Draft {
    pub fn smithy(
        id: impl Into<String>,
        severity: Severity,
        shape: impl ToString,
        message: impl Into<String>,
        phrase: impl Into<String>,
    ) -> Draft {
        Draft {
            event: Event::new(id, severity),
            origin: Origin::SmithyDiff,
            shape: shape.to_string(),
            message: message.into(),
            phrase: phrase.into(),
        }
    }

    pub fn extra(
        id: impl Into<String>,
        severity: Severity,
        smithy_diff: Option<Event>,
        shape: impl ToString,
        message: impl Into<String>,
        phrase: impl Into<String>,
    ) -> Draft {
        Draft {
            event: Event::new(id, severity),
            origin: Origin::Extra { smithy_diff },
            shape: shape.to_string(),
            message: message.into(),
            phrase: phrase.into(),
        }
    }

    pub fn finish(self, wire: Wire, rust: RustImpact) -> Finding {
        Finding {
            id: self.event.id,
            severity: self.event.severity,
            origin: self.origin,
            shape: self.shape,
            message: self.message,
            phrase: self.phrase,
            wire,
            rust,
            uses: Vec::new(),
            suppressed: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finding(severity: Severity, rust: RustLevel, wire: WireLevel) -> Finding {
        Draft::smithy("X", severity, "a#B", "m", "p").finish(Wire::new(wire, ""), RustImpact::new(rust, "", ""))
    }

    #[test]
    fn verdict_takes_the_worst_of_severity_rust_and_wire() {
        assert_eq!(finding(Severity::Error, RustLevel::None, WireLevel::None).verdict(), Verdict::Breaking);
        assert_eq!(finding(Severity::Danger, RustLevel::None, WireLevel::None).verdict(), Verdict::Patch);
        assert_eq!(finding(Severity::Note, RustLevel::Breaking, WireLevel::None).verdict(), Verdict::Breaking);
        assert_eq!(finding(Severity::Note, RustLevel::None, WireLevel::Breaking).verdict(), Verdict::Breaking);
        assert_eq!(finding(Severity::Note, RustLevel::Additive, WireLevel::Compatible).verdict(), Verdict::Additive);
    }

    #[test]
    fn short_shape_drops_the_namespace() {
        let f = finding(Severity::Note, RustLevel::None, WireLevel::None);
        assert_eq!(f.short_shape(), "B");
    }
}
