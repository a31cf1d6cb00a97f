//! Diagnostics: every problem found in a model, collected cxx-style and reported together.

use std::fmt;

/// How bad a diagnostic is. Errors stop generation; warnings are printed and generation goes on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

/// One problem, located by file and by shape id or JSON path.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Diagnostic {
    pub severity: Severity,
    /// The model file (as given on the command line), or `<prelude>`/`<config>`.
    pub file: String,
    /// Shape id (`ns#Name$member`), JSON path (`shapes/"ns#Name"/members`) or `line L, column C`.
    pub location: String,
    pub message: String,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sev = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        if self.location.is_empty() {
            write!(f, "{sev}: {}: {}", self.file, self.message)
        } else {
            write!(f, "{sev}: {}: {}: {}", self.file, self.location, self.message)
        }
    }
}

/// A growing list of diagnostics.
#[derive(Clone, Debug, Default)]
pub struct Diagnostics {
    pub items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn error(&mut self, file: &str, location: impl Into<String>, message: impl Into<String>) {
        self.push(Severity::Error, file, location, message);
    }

    pub fn warning(&mut self, file: &str, location: impl Into<String>, message: impl Into<String>) {
        self.push(Severity::Warning, file, location, message);
    }

    fn push(&mut self, severity: Severity, file: &str, location: impl Into<String>, message: impl Into<String>) {
        self.items.push(Diagnostic { severity, file: file.to_string(), location: location.into(), message: message.into() });
    }

    pub fn has_errors(&self) -> bool {
        self.items.iter().any(|d| d.severity == Severity::Error)
    }

    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter().filter(|d| d.severity == Severity::Error)
    }

    pub fn warnings(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter().filter(|d| d.severity == Severity::Warning)
    }

    pub fn extend(&mut self, other: Diagnostics) {
        self.items.extend(other.items);
    }

    /// Sorted and deduplicated, so reports are deterministic whatever the traversal order.
    pub fn sorted(mut self) -> Self {
        self.items.sort();
        self.items.dedup();
        self
    }
}

/// Generation failed: the errors (and the warnings seen on the way).
#[derive(Debug)]
pub struct Failed(pub Diagnostics);

impl fmt::Display for Failed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let errors = self.0.errors().count();
        for d in self.0.errors() {
            writeln!(f, "{d}")?;
        }
        write!(f, "{errors} error{} found; nothing was written", if errors == 1 { "" } else { "s" })
    }
}

impl std::error::Error for Failed {}
