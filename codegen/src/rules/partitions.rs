//! The partition table `aws.partition` looks regions up in: `models/partitions.toml`, built into
//! the generator, or a `partitions.toml` beside the models in its place.

use crate::diag::Diagnostics;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;

pub const FILE_NAME: &str = "partitions.toml";

/// The table the generator ships with (the facts of the era of our model snapshots).
const BUILT_IN: &str = include_str!("../../../models/partitions.toml");

#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Table {
    pub partition: Vec<Partition>,
}

/// What `aws.partition` returns for a region of the partition.
#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Outputs {
    pub dns_suffix: String,
    pub dual_stack_dns_suffix: String,
    pub supports_fips: bool,
    pub supports_dual_stack: bool,
    pub implicit_global_region: String,
}

#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Overrides {
    pub dns_suffix: Option<String>,
    pub dual_stack_dns_suffix: Option<String>,
    pub supports_fips: Option<bool>,
    pub supports_dual_stack: Option<bool>,
    pub implicit_global_region: Option<String>,
}

#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Partition {
    pub name: String,
    #[serde(flatten)]
    pub outputs: Outputs,
    pub region_regex: String,
    pub regions: Vec<String>,
    #[serde(default)]
    pub overrides: BTreeMap<String, Overrides>,
}

impl Partition {
    /// The outputs for `region`: the partition's, with the region's overrides applied.
    pub fn outputs_for(&self, region: &str) -> Outputs {
        let mut o = self.outputs.clone();
        if let Some(r) = self.overrides.get(region) {
            let r = r.clone();
            o.dns_suffix = r.dns_suffix.unwrap_or(o.dns_suffix);
            o.dual_stack_dns_suffix = r.dual_stack_dns_suffix.unwrap_or(o.dual_stack_dns_suffix);
            o.supports_fips = r.supports_fips.unwrap_or(o.supports_fips);
            o.supports_dual_stack = r.supports_dual_stack.unwrap_or(o.supports_dual_stack);
            o.implicit_global_region = r.implicit_global_region.unwrap_or(o.implicit_global_region);
        }
        o
    }
}

impl Table {
    /// `partitions.toml` in `dir` if there is one, else the built-in table. Problems are errors
    /// naming the file.
    pub fn load(dir: Option<&Path>, diags: &mut Diagnostics) -> Option<Table> {
        let path = dir.map(|d| d.join(FILE_NAME)).filter(|p| p.exists());
        let (file, text) = match &path {
            Some(p) => match std::fs::read_to_string(p) {
                Ok(t) => (p.display().to_string(), t),
                Err(e) => {
                    diags.error(&p.display().to_string(), "", format!("cannot read the partition table: {e}"));
                    return None;
                }
            },
            None => ("models/partitions.toml (built in)".to_string(), BUILT_IN.to_string()),
        };
        let table: Table = match toml::from_str(&text) {
            Ok(t) => t,
            Err(e) => {
                diags.error(&file, "", format!("invalid partition table: {}", e.to_string().trim()));
                return None;
            }
        };
        let mut ok = true;
        for p in &table.partition {
            if let Err(e) = regress::Regex::new(&p.region_regex) {
                diags.error(&file, format!("partition {}", p.name), format!("region-regex does not compile: {e}"));
                ok = false;
            }
            for r in p.overrides.keys().filter(|r| !p.regions.contains(r)) {
                diags.error(&file, format!("partition {}", p.name), format!("overrides name `{r}`, which is not one of its regions"));
                ok = false;
            }
        }
        if !table.partition.iter().any(|p| p.name == "aws") {
            diags.error(&file, "", "the table has no `aws` partition, which aws.partition falls back to");
            ok = false;
        }
        ok.then_some(table)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_table_reads_and_keeps_the_iso_partitions_without_dual_stack() {
        let mut diags = Diagnostics::default();
        let table = Table::load(None, &mut diags).expect("built-in table");
        assert_eq!(diags.errors().count(), 0);
        let names: Vec<_> = table.partition.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["aws", "aws-cn", "aws-us-gov", "aws-iso", "aws-iso-b", "aws-iso-e", "aws-iso-f", "aws-eusc"]);
        let iso = &table.partition[3];
        assert!(!iso.outputs.supports_dual_stack);
        assert_eq!(iso.outputs_for("us-iso-east-1").dns_suffix, "c2s.ic.gov");
        let cn = &table.partition[1];
        assert_eq!(cn.outputs.dual_stack_dns_suffix, "api.amazonwebservices.com.cn");
        for p in &table.partition {
            let re = regress::Regex::new(&p.region_regex).unwrap();
            for r in p.regions.iter().filter(|r| !r.ends_with("-global")) {
                assert!(re.find(r).is_some(), "{} does not match its region {r}", p.name);
            }
        }
    }

    #[test]
    fn a_bad_table_beside_the_models_is_an_error_naming_it() {
        let dir = std::env::temp_dir().join(format!("partitions-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(
            dir.join(FILE_NAME),
            "[[partition]]\nname = \"x\"\ndns-suffix = \"a\"\ndual-stack-dns-suffix = \"b\"\nsupports-fips = true\nsupports-dual-stack = false\nimplicit-global-region = \"r\"\nregion-regex = \"(\"\nregions = []\n",
        )
        .unwrap();
        let mut diags = Diagnostics::default();
        assert!(Table::load(Some(&dir), &mut diags).is_none());
        let errors: Vec<_> = diags.errors().map(|d| format!("{} {}", d.file, d.message)).collect();
        std::fs::remove_dir_all(&dir).unwrap();
        assert_eq!(errors.len(), 2, "{errors:?}");
        assert!(errors[0].contains("partitions.toml") && errors[0].contains("region-regex"), "{errors:?}");
        assert!(errors[1].contains("no `aws` partition"), "{errors:?}");
    }
}
