//! The `@http` trait of operations.

use super::super::{Member, Shape};
use super::{Ctx, value_text};
use crate::diag::Diagnostics;
use crate::load::json::Node;

impl Ctx<'_> {
    /// `@http`: URI starts with `/`, every label has an `@httpLabel` input member, at most one greedy label.
    pub(super) fn http(&self, op_shape: &Shape, d: &mut Diagnostics) {
        let loc = op_shape.id.to_string();
        let Some(value) = op_shape.traits.api("http") else { return };
        let (Some(method), Some(uri)) = (value.get("method").and_then(Node::as_str), value.get("uri").and_then(Node::as_str)) else {
            d.error(self.file, &loc, "@http needs string `method` and `uri`");
            return;
        };
        if method.is_empty() {
            d.error(self.file, &loc, "@http method must not be empty");
        }
        if let Some(code) = value.get("code")
            && !code.as_number().and_then(|n| n.as_u64()).is_some_and(|c| (100..=999).contains(&c))
        {
            d.error(self.file, &loc, format!("@http code must be an integer from 100 to 999, found {}", value_text(code)));
        }
        if !uri.starts_with('/') {
            d.error(self.file, &loc, format!("@http uri {uri:?} must start with `/`"));
        }
        let path = uri.split('?').next().unwrap_or_default();
        let mut labels = Vec::new();
        let mut greedy = 0;
        for segment in path.split('/') {
            if let Some(inner) = segment.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
                let name = match inner.strip_suffix('+') {
                    Some(n) => {
                        greedy += 1;
                        n
                    }
                    None => inner,
                };
                if labels.iter().any(|l| l == name) {
                    d.error(self.file, &loc, format!("@http uri {uri:?} uses the label `{{{name}}}` twice"));
                }
                labels.push(name.to_string());
            } else if segment.contains('{') || segment.contains('}') {
                d.error(self.file, &loc, format!("@http uri segment {segment:?} must be a whole `{{label}}`"));
            }
        }
        if greedy > 1 {
            d.error(self.file, &loc, format!("@http uri {uri:?} has {greedy} greedy labels; at most one is allowed"));
        }
        let input = op_shape.operation().and_then(|op| self.model.shape(&op.input));
        let members: Vec<&Member> = input.map(|s| s.members.iter().collect()).unwrap_or_default();
        for label in &labels {
            match members.iter().find(|m| &m.name == label) {
                Some(m) if m.traits.has("httpLabel") => {}
                Some(_) => {
                    d.error(self.file, &loc, format!("@http uri label `{{{label}}}` names input member `{label}`, which lacks @httpLabel"))
                }
                None => d.error(self.file, &loc, format!("@http uri label `{{{label}}}` has no matching @httpLabel input member")),
            }
        }
        if let Some(input) = input {
            for m in members.iter().filter(|m| m.traits.has("httpLabel")) {
                if !labels.contains(&m.name) {
                    d.error(
                        &input.file,
                        input.id.with_member(&m.name).to_string(),
                        format!("@httpLabel member `{}` does not appear in the @http uri of `{loc}`", m.name),
                    );
                }
            }
        }
    }
}
