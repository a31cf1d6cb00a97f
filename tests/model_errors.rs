//! Bad models are rejected with every problem found, each naming the file, the shape id or JSON
//! path, and the problem; good models (mixins, `apply`, several files, unknown traits) load.
//!
//! Every fixture in `tests/fixtures/invalid/` holds one problem, except `many_problems.json`, which
//! holds many and proves they are all collected. Each fixture has an explicit expectation in
//! [`CASES`]; the whole rendered report of every fixture is also pinned by one insta snapshot.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use codegen::diag::{Diagnostic, Diagnostics, Severity};
use workspace_tests::{shared_model, workspace_root};

fn fixtures_dir() -> PathBuf {
    workspace_root().join("tests/fixtures/invalid")
}

/// One fixture and the diagnostic it must produce (among possibly others).
struct Case {
    file: &'static str,
    location: &'static str,
    message: &'static str,
}

const fn case(file: &'static str, location: &'static str, message: &'static str) -> Case {
    Case { file, location, message }
}

const CASES: &[Case] = &[
    // The document itself.
    case("invalid_json.json", "line 5, column 3", "invalid JSON: trailing comma"),
    case("invalid_utf8.json", "line 3, column 30", "invalid UTF-8"),
    case("duplicate_key.json", "line 4, column 46", "duplicate key \"type\" in the object at /shapes/example#Name"),
    case("not_an_object.json", "/", "a model document must be a JSON object, found an array"),
    case("missing_version.json", "/smithy", "missing `smithy` version"),
    case("unsupported_version.json", "/smithy", "unsupported Smithy version \"1.0\""),
    case("version_not_string.json", "/smithy", "`smithy` must be a string, found a number"),
    case("shapes_not_object.json", "/shapes", "`shapes` must be an object, found an array"),
    case("metadata_not_object.json", "/metadata", "`metadata` must be an object, found a string"),
    // Shape ids and shape definitions.
    case("relative_shape_id.json", "/shapes/Name", "shape id \"Name\" is not absolute"),
    case("member_shape_id.json", "example#Person$name", "a shape definition cannot use a member id"),
    case("unknown_shape_type.json", "example#Person", "unknown shape type `struct`"),
    case("set_shape.json", "example#Names", "shape type `set` was removed in Smithy 2.0"),
    case("unknown_shape_property.json", "example#Person", "unknown property `memebers` in a structure shape"),
    case("list_without_member.json", "example#Names", "list has no `member`"),
    case("map_without_key.json", "example#Tags", "map has no `key`"),
    case("map_without_value.json", "example#Tags", "map has no `value`"),
    case("member_without_target.json", "example#Person$name", "member has no `target`"),
    // Targets.
    case("dangling_target.json", "example#Person$address", "target `example#Address` does not exist"),
    case("member_targets_operation.json", "example#Person$action", "member targets `example#GetPerson`, an operation"),
    case("member_targets_member.json", "example#Person$alias", "member target `example#Person$name` is a member id"),
    case("member_targets_mixin.json", "example#Person$audit", "target `example#Audited` is a mixin"),
    case("map_key_not_string.json", "example#Scores$key", "map key must target a string shape, but `smithy.api#Integer` is an integer"),
    case(
        "operation_input_not_structure.json",
        "example#GetPerson",
        "operation input `smithy.api#String` must be a structure, found a string",
    ),
    case("service_operation_not_operation.json", "example#People", "`example#Person` must be an operation, found a structure"),
    case(
        "recursive_list.json",
        "example#Forest",
        "recursive map must pass through a structure or union: `example#Forest` → `example#Tree` → `example#Forest`",
    ),
    case(
        "required_loop.json",
        "example#Chicken",
        "required members form a loop, so no value could be built: `example#Chicken$egg` → `example#Egg$chicken` → `example#Chicken`",
    ),
    // Names, enums and unions.
    case("member_names_collide.json", "example#Person$Name", "member name conflicts with `name` when case is ignored"),
    case("shape_names_collide.json", "example#PERSON", "shape id conflicts with `example#Person` when case is ignored"),
    case("empty_enum.json", "example#Color", "an enum must have at least one member"),
    case("empty_union.json", "example#Choice", "a union must have at least one member"),
    case("empty_enum_value.json", "example#Color$RED", "enum value must not be empty"),
    case("duplicate_enum_value.json", "example#Color$CRIMSON", "duplicate enum value \"red\" (also used by `RED`)"),
    case("int_enum_without_value.json", "example#Level$HIGH", "intEnum member needs an integer @enumValue"),
    // Traits.
    case("relative_trait_id.json", "example#Name", "trait id `documentation` is not absolute"),
    case("trait_id_names_member.json", "example#Name", "trait id `smithy.api#length$min` names a member"),
    case("required_not_object.json", "example#Person$name", "@required must be an object (`{}`), found a boolean"),
    // Each trait value against its definition in the Smithy 2.0 prelude: string, number, structure, list.
    case("resource_identifier_not_string.json", "example#GetBillInput$billId", "@resourceIdentifier must be a string, found an object"),
    case("http_error_not_integer.json", "example#NotFound", "@httpError must be an integer, found a string"),
    case("paginated_items_not_string.json", "example#ListThings", "@paginated.items must be a string, found an array"),
    case("tags_not_strings.json", "example#Name", "@tags[1] must be a string, found a number"),
    case("length_min_over_max.json", "example#Name", "@length min (10) is greater than max (2)"),
    case("length_negative.json", "example#Name", "@length min must be a non-negative integer, found -1"),
    case("range_does_not_fit.json", "example#Small", "@range max 1000 does not fit a byte"),
    case(
        "default_wrong_type.json",
        "example#Settings$retries",
        "@default for an integer must be an integer that fits the type, found \"three\"",
    ),
    case("length_on_boolean.json", "example#Flag", "@length cannot be applied to a boolean"),
    case("pattern_on_integer.json", "example#Count", "@pattern cannot be applied to an integer"),
    case("range_on_string.json", "example#Person$name", "@range cannot be applied to a string"),
    // apply and mixins.
    case("apply_to_missing_shape.json", "example#Missing", "`apply` targets a shape that does not exist"),
    case("apply_to_missing_member.json", "example#Person$age", "`apply` targets a member that does not exist"),
    case("mixin_not_marked.json", "example#Person", "`example#Base` is used as a mixin but is not marked @mixin"),
    case("mixin_of_other_type.json", "example#Person", "mixin `example#Named` is a string but this shape is a structure"),
    case("mixin_cycle.json", "example#A", "mixin cycle: `example#A` → `example#B` → `example#A`"),
    case("mixin_member_retargeted.json", "example#Person$id", "member redefines the target of a mixin member"),
    // @http.
    case("http_uri_without_slash.json", "example#ListPeople", "@http uri \"people\" must start with `/`"),
    case("http_label_without_member.json", "example#GetPerson", "@http uri label `{personId}` has no matching @httpLabel input member"),
    case("http_label_not_marked.json", "example#GetPerson", "names input member `id`, which lacks @httpLabel"),
    case("http_two_greedy_labels.json", "example#GetFile", "has 2 greedy labels; at most one is allowed"),
];

/// What `many_problems.json` must report, all at once.
const MANY_PROBLEMS: &[(&str, &str)] = &[
    ("/shapes/Relative", "shape id \"Relative\" is not absolute"),
    ("example#Names", "shape type `set` was removed"),
    ("example#Tags", "map has no `value`"),
    ("example#Tags$key", "map key must target a string shape"),
    ("example#Person$address", "target `example#Address` does not exist"),
    ("example#Person$name", "@length min (5) is greater than max (1)"),
    ("example#Person$name", "@range cannot be applied to a string"),
    ("example#Person$Name", "member name conflicts with `name` when case is ignored"),
    ("example#Person$count", "@pattern cannot be applied to an integer"),
    ("example#Person$count", "trait id `required` is not absolute"),
    ("example#Color$RED", "enum value must not be empty"),
    ("example#Level$LOW", "intEnum member needs an integer @enumValue"),
    ("example#Choice", "a union must have at least one member"),
    ("example#GetPerson", "operation input `example#Color` must be a structure, found an enum"),
    ("example#GetPerson", "must start with `/`"),
    ("example#GetPerson", "has 2 greedy labels"),
    ("example#GetPerson", "@http uri label `{a}` has no matching @httpLabel input member"),
    ("example#Derived", "`example#Person` is used as a mixin but is not marked @mixin"),
    ("example#Flag", "@length cannot be applied to a boolean"),
    ("example#Missing$member", "`apply` targets a shape that does not exist"),
];

fn load_err(paths: &[PathBuf]) -> Diagnostics {
    match codegen::load_model(paths) {
        Ok((_, warnings)) => panic!("{paths:?} loaded, but must fail; warnings: {:?}", warnings.items),
        Err(failed) => failed.0,
    }
}

fn fixture_files() -> Vec<PathBuf> {
    codegen::model_files(&fixtures_dir()).expect("fixture directory")
}

fn find<'d>(diags: &'d Diagnostics, file: &str, location: &str, message: &str) -> Option<&'d Diagnostic> {
    diags.errors().find(|d| d.file == file && d.location == location && d.message.contains(message))
}

fn render(diags: &Diagnostics) -> String {
    diags.items.iter().map(|d| format!("{d}\n")).collect()
}

#[test]
fn every_fixture_fails_with_its_diagnostic() {
    let mut failures = Vec::new();
    for c in CASES {
        let path = fixtures_dir().join(c.file);
        let diags = load_err(std::slice::from_ref(&path));
        let file = path.display().to_string();
        if find(&diags, &file, c.location, c.message).is_none() {
            failures.push(format!(
                "{}: expected an error at `{}` containing {:?}; got:\n{}",
                c.file,
                c.location,
                c.message,
                render(&diags)
            ));
        }
        // Every error names the fixture and a location (shape id, JSON pointer or line/column).
        for d in diags.errors() {
            if d.file != file || d.location.is_empty() {
                failures.push(format!("{}: diagnostic without file or location: {d}", c.file));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_fixture_has_an_expectation() {
    let listed: BTreeSet<&str> = CASES.iter().map(|c| c.file).chain(["many_problems.json"]).collect();
    let present: BTreeSet<String> = fixture_files().iter().map(|p| p.file_name().unwrap().to_string_lossy().into_owned()).collect();
    let present: BTreeSet<&str> = present.iter().map(String::as_str).collect();
    assert_eq!(listed, present, "CASES and tests/fixtures/invalid/ must list the same files");
}

#[test]
fn all_problems_of_one_file_are_reported_together() {
    let path = fixtures_dir().join("many_problems.json");
    let diags = load_err(std::slice::from_ref(&path));
    let file = path.display().to_string();
    let missing: Vec<_> = MANY_PROBLEMS.iter().filter(|(loc, msg)| find(&diags, &file, loc, msg).is_none()).collect();
    assert!(missing.is_empty(), "missing {missing:#?}\nin:\n{}", render(&diags));
    assert!(
        diags.warnings().any(|d| d.location == "example#Flag" && d.message.contains("unknown trait `vendor.example#audited`")),
        "{}",
        render(&diags)
    );
}

/// The whole report of every fixture, paths relative to the fixture directory.
#[test]
fn rendered_reports_snapshot() {
    let prefix = format!("{}{}", fixtures_dir().display(), std::path::MAIN_SEPARATOR);
    let mut out = String::new();
    for path in fixture_files() {
        let failed = codegen::diag::Failed(load_err(std::slice::from_ref(&path)));
        let name = path.file_name().unwrap().to_string_lossy();
        out.push_str(&format!("== {name}\n"));
        for w in failed.0.warnings() {
            out.push_str(&format!("{w}\n"));
        }
        out.push_str(&format!("{failed}\n\n"));
    }
    insta::assert_snapshot!("all_fixtures", out.replace(&prefix, ""));
}

#[test]
fn very_deep_nesting_is_an_error_not_a_crash() {
    let dir = scratch("deep");
    let depth = 100_000;
    let deep = format!("{{\"smithy\": \"2.0\", \"metadata\": {{\"deep\": {}{}}}}}", "[".repeat(depth), "]".repeat(depth));
    let path = dir.join("deep.json");
    std::fs::write(&path, deep).unwrap();
    let diags = load_err(std::slice::from_ref(&path));
    let d = diags.errors().next().expect("an error");
    assert_eq!(d.file, path.display().to_string());
    assert!(d.location.starts_with("line 1, column "), "{d}");
    assert!(d.message.contains("recursion limit"), "{d}");
}

#[test]
fn lists_and_maps_nested_too_deep_are_an_error() {
    // A chain of 1,000 lists, each holding the next: too deep for the generated types, and no stack
    // overflow while finding out.
    let n = 1000;
    let shapes: Vec<String> = (0..n)
        .map(|i| {
            let target = if i + 1 < n { format!("example#L{}", i + 1) } else { "smithy.api#String".to_string() };
            format!("\"example#L{i}\": {{ \"type\": \"list\", \"member\": {{ \"target\": \"{target}\" }} }}")
        })
        .collect();
    let dir = scratch("nesting");
    let path = write(&dir, "model.json", &format!("{{\"smithy\": \"2.0\", \"shapes\": {{ {} }} }}", shapes.join(",\n")));
    let diags = load_err(std::slice::from_ref(&path));
    let errors: Vec<String> = diags.errors().map(|d| format!("{}: {}", d.location, d.message)).collect();
    // L999 holds strings (depth 1), so L967 is the first list 33 deep.
    assert_eq!(errors, ["example#L967: lists and maps nest more than 32 deep here; the generator supports at most 32"]);
}

#[test]
fn unreadable_file_is_an_error() {
    let path = fixtures_dir().join("does_not_exist.json");
    let diags = load_err(std::slice::from_ref(&path));
    let d = diags.errors().next().expect("an error");
    assert_eq!(d.file, path.display().to_string());
    assert!(d.message.starts_with("cannot read file"), "{d}");
}

// ---------------------------------------------------------------------------------------------
// Good models

/// A fresh directory under the target dir's scratch space.
fn scratch(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("model_errors").join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

fn load_ok(paths: &[PathBuf]) -> (codegen::model::Model, Diagnostics) {
    match codegen::load_model(paths) {
        Ok(ok) => ok,
        Err(failed) => panic!("{paths:?} must load:\n{failed}"),
    }
}

fn id(s: &str) -> codegen::model::ShapeId {
    codegen::model::ShapeId::parse(s).unwrap()
}

const MIXINS: &str = r#"{
  "smithy": "2.0",
  "shapes": {
    "example#Audited": {
      "type": "structure",
      "members": {
        "createdBy": { "target": "smithy.api#String", "traits": { "smithy.api#documentation": "Who." } },
        "createdAt": { "target": "smithy.api#Timestamp" }
      },
      "traits": {
        "smithy.api#mixin": { "localTraits": ["smithy.api#documentation"] },
        "smithy.api#documentation": "Not inherited (a local trait).",
        "smithy.api#sensitive": {}
      }
    },
    "example#Identified": {
      "type": "structure",
      "mixins": [{ "target": "example#Audited" }],
      "members": { "id": { "target": "smithy.api#String", "traits": { "smithy.api#required": {} } } },
      "traits": { "smithy.api#mixin": {} }
    },
    "example#Person": {
      "type": "structure",
      "mixins": [{ "target": "example#Identified" }],
      "members": {
        "createdBy": { "target": "smithy.api#String", "traits": { "smithy.api#documentation": "Overridden." } },
        "name": { "target": "smithy.api#String" }
      }
    },
    "example#Person$createdAt": { "type": "apply", "traits": { "smithy.api#documentation": "Applied to an inherited member." } },
    "example#Identified$id": { "type": "apply", "traits": { "smithy.api#documentation": "Applied to a mixin member." } }
  }
}"#;

#[test]
fn mixins_are_flattened_and_apply_reaches_inherited_members() {
    let dir = scratch("mixins");
    let (model, warnings) = load_ok(&[write(&dir, "mixins.json", MIXINS)]);
    assert!(warnings.items.is_empty(), "{:?}", warnings.items);
    // Mixins are copied from, not generated.
    assert!(model.shape(&id("example#Audited")).is_none());
    assert!(model.shape(&id("example#Identified")).is_none());
    let person = model.shape(&id("example#Person")).unwrap();
    let names: Vec<&str> = person.members.iter().map(|m| m.name.as_str()).collect();
    assert_eq!(names, ["createdBy", "createdAt", "id", "name"], "inherited members first, in mixin order");
    // Shape traits: inherited, except the mixin's local traits and @mixin itself.
    assert!(person.traits.has("sensitive"));
    assert!(!person.traits.has("mixin"));
    assert_eq!(person.traits.documentation(), None);
    // Member traits: inherited, local ones override, `apply` adds (to the mixin and to the user).
    let member = |n: &str| person.member(n).unwrap();
    assert_eq!(member("createdBy").traits.documentation(), Some("Overridden."));
    assert_eq!(member("createdAt").traits.documentation(), Some("Applied to an inherited member."));
    assert!(member("id").traits.has("required"));
    assert_eq!(member("id").traits.documentation(), Some("Applied to a mixin member."));
}

#[test]
fn a_problem_in_a_mixin_is_reported_once_where_it_is_written() {
    let dir = scratch("mixin_problem");
    let text = r#"{
      "smithy": "2.0",
      "shapes": {
        "example#Base": {
          "type": "structure",
          "members": { "id": { "target": "example#Nope", "traits": { "smithy.api#pattern": 1 } } },
          "traits": { "smithy.api#mixin": {} }
        },
        "example#A": { "type": "structure", "mixins": [{ "target": "example#Base" }], "members": {} },
        "example#B": { "type": "structure", "mixins": [{ "target": "example#Base" }], "members": {} },
        "example#Unused": {
          "type": "string",
          "traits": { "smithy.api#mixin": {}, "smithy.api#length": { "min": 3, "max": 1 } }
        }
      }
    }"#;
    let diags = load_err(&[write(&dir, "model.json", text)]);
    let errors: Vec<String> = diags.errors().map(|d| format!("{}: {}", d.location, d.message)).collect();
    assert_eq!(
        errors,
        ["example#Base$id: target `example#Nope` does not exist", "example#Unused: @length min (3) is greater than max (1)",],
        "the target is checked on the mixin only; an unused mixin is checked too"
    );
}

#[test]
fn several_files_are_merged() {
    let dir = scratch("merged");
    let a = write(
        &dir,
        "a.json",
        r#"{
          "smithy": "2.0",
          "metadata": { "suppressions": [{ "id": "A" }] },
          "shapes": {
            "example.a#Person": {
              "type": "structure",
              "members": { "address": { "target": "example.b#Address" } }
            }
          }
        }"#,
    );
    let b = write(
        &dir,
        "b.json",
        r#"{
          "smithy": "2.0",
          "metadata": { "suppressions": [{ "id": "B" }] },
          "shapes": {
            "example.b#Address": { "type": "structure", "members": {} },
            "example.a#Person$address": { "type": "apply", "traits": { "smithy.api#documentation": "From b." } }
          }
        }"#,
    );
    let (model, warnings) = load_ok(&[a.clone(), b.clone()]);
    assert!(warnings.items.is_empty());
    let person = model.shape(&id("example.a#Person")).unwrap();
    assert_eq!(person.file, a.display().to_string());
    assert_eq!(person.members[0].target, id("example.b#Address"));
    assert_eq!(person.members[0].traits.documentation(), Some("From b."));
    assert_eq!(model.shape(&id("example.b#Address")).unwrap().file, b.display().to_string());
    let suppressions = model.metadata["suppressions"].as_array().unwrap();
    assert_eq!(suppressions.len(), 2, "array metadata is concatenated");

    // Without b.json the target dangles; the error names a.json.
    let diags = load_err(std::slice::from_ref(&a));
    assert!(find(&diags, &a.display().to_string(), "example.a#Person$address", "target `example.b#Address` does not exist").is_some());
}

#[test]
fn conflicts_between_files_name_the_second_file() {
    let dir = scratch("conflicts");
    let a = write(
        &dir,
        "a.json",
        r#"{ "smithy": "2.0", "metadata": { "owner": "a" },
             "shapes": { "example#Name": { "type": "string", "traits": { "smithy.api#pattern": "^a" } } } }"#,
    );
    let b = write(
        &dir,
        "b.json",
        r#"{ "smithy": "2.0", "metadata": { "owner": "b" },
             "shapes": {
               "example#Name": { "type": "apply", "traits": { "smithy.api#pattern": "^b" } },
               "example#NAME": { "type": "string" }
             } }"#,
    );
    let c = write(&dir, "c.json", r#"{ "smithy": "2.0", "shapes": { "example#Name": { "type": "string" } } }"#);
    let diags = load_err(&[a.clone(), b.clone(), c.clone()]);
    let (a, b, c) = (a.display().to_string(), b.display().to_string(), c.display().to_string());
    for (file, loc, msg) in [
        (&b, "/metadata/owner", "metadata key conflicts with another file"),
        (&b, "example#Name", "`apply` gives trait `smithy.api#pattern` a value that conflicts"),
        (&b, "example#NAME", "shape id conflicts with `example#Name` when case is ignored"),
        (&c, "example#Name", &format!("shape is defined twice (also in {a})")),
    ] {
        assert!(find(&diags, file, loc, msg).is_some(), "{file} {loc} {msg}:\n{}", render(&diags));
    }
}

#[test]
fn unknown_traits_are_kept_with_a_warning() {
    let dir = scratch("unknown_trait");
    let path = write(
        &dir,
        "model.json",
        r#"{
          "smithy": "2.0",
          "shapes": {
            "example#Name": { "type": "string", "traits": { "vendor.example#audited": { "level": 2 } } },
            "example#Person": {
              "type": "structure",
              "members": { "name": { "target": "example#Name", "traits": { "vendor.example#pii": {} } } }
            },
            "example#known": { "type": "structure", "members": {}, "traits": { "smithy.api#trait": {} } },
            "example#Other": { "type": "string", "traits": { "example#known": {} } }
          }
        }"#,
    );
    let (model, warnings) = load_ok(std::slice::from_ref(&path));
    let file = path.display().to_string();
    let got: Vec<(Severity, &str, &str, &str)> =
        warnings.items.iter().map(|d| (d.severity, d.file.as_str(), d.location.as_str(), d.message.as_str())).collect();
    assert_eq!(
        got,
        [
            (Severity::Warning, file.as_str(), "example#Name", "unknown trait `vendor.example#audited` kept but not interpreted"),
            (Severity::Warning, file.as_str(), "example#Person$name", "unknown trait `vendor.example#pii` kept but not interpreted"),
        ],
        "a trait defined in the model with @trait is known"
    );
    let name = model.shape(&id("example#Name")).unwrap();
    assert_eq!(name.traits.get("vendor.example#audited").unwrap().get("level").unwrap().as_number().unwrap().as_u64(), Some(2));
}

#[test]
fn trait_values_of_each_prelude_form_load() {
    // Values as the Smithy 2.0 prelude defines them: a string trait (@resourceIdentifier, which
    // 18 official models use), a number, a list, a structure, an annotation; an unknown property of
    // a structure trait is a warning.
    let dir = scratch("prelude_forms");
    let path = write(
        &dir,
        "model.json",
        r#"{
          "smithy": "2.0",
          "shapes": {
            "example#GetBillInput": {
              "type": "structure",
              "members": {
                "billId": {
                  "target": "smithy.api#String",
                  "traits": { "smithy.api#required": {}, "smithy.api#resourceIdentifier": "billEstimateId" }
                }
              },
              "traits": { "smithy.api#tags": ["billing"], "smithy.api#input": {} }
            },
            "example#NotFound": {
              "type": "structure",
              "members": {},
              "traits": { "smithy.api#error": "client", "smithy.api#httpError": 404, "smithy.api#retryable": { "throttling": false, "after": 3 } }
            }
          }
        }"#,
    );
    let (model, warnings) = load_ok(std::slice::from_ref(&path));
    let got: Vec<(&str, &str)> = warnings.items.iter().map(|d| (d.location.as_str(), d.message.as_str())).collect();
    assert_eq!(got, [("example#NotFound", "@retryable.after is not a property of the trait (known: `throttling`); ignored")]);
    let bill = model.shape(&id("example#GetBillInput")).unwrap().member("billId").unwrap();
    assert_eq!(bill.traits.get("smithy.api#resourceIdentifier").and_then(|v| v.as_str()), Some("billEstimateId"));
}

// ---------------------------------------------------------------------------------------------
// Official models: no errors, no warnings.

#[test]
fn official_models_load_cleanly() {
    let mut files: Vec<PathBuf> =
        ["aws/connect-2017-08-08.json", "aws/connect-contact-lens-2020-08-21.json", "protocol-tests/aws-restjson1.json"]
            .into_iter()
            .filter_map(shared_model)
            .collect();
    if let Some(history) = shared_model("history") {
        let versions = codegen::model_files(&history).unwrap();
        assert!(versions.len() >= 9, "expected the nine history versions, found {}", versions.len());
        files.extend(versions);
    }
    for file in files {
        match codegen::load_model(std::slice::from_ref(&file)) {
            Ok((model, warnings)) => {
                assert!(warnings.items.is_empty(), "{}: warnings:\n{}", file.display(), render(&warnings));
                assert!(model.services().next().is_some(), "{}: no service", file.display());
            }
            Err(failed) => panic!("{}:\n{failed}", file.display()),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Through the binary: `cargo xtask regen` exits non-zero, names file and problem, writes nothing.

#[test]
fn regen_rejects_every_bad_model_without_panicking() {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let root = scratch("regen");
    let mut models: Vec<(PathBuf, &str)> = CASES.iter().map(|c| (fixtures_dir().join(c.file), c.message)).collect();
    models.push((fixtures_dir().join("many_problems.json"), MANY_PROBLEMS[0].1));
    let deep = root.join("deep.json");
    std::fs::write(&deep, format!("{{\"smithy\":\"2.0\",\"metadata\":{{\"x\":{}{}}}}}", "[".repeat(5000), "]".repeat(5000))).unwrap();
    models.push((deep, "recursion limit exceeded"));
    let mut failures = Vec::new();
    for (i, (model, problem)) in models.iter().enumerate() {
        let name = model.file_name().unwrap();
        let models_dir = root.join(format!("{i}/models"));
        let out = root.join(format!("{i}/out"));
        std::fs::create_dir_all(&models_dir).unwrap();
        std::fs::copy(model, models_dir.join(name)).unwrap();
        let output = Command::new(&cargo)
            .current_dir(workspace_root())
            .args(["xtask", "regen", "--models"])
            .arg(&models_dir)
            .arg("--out")
            .arg(&out)
            .output()
            .expect("run cargo xtask");
        let stderr = String::from_utf8_lossy(&output.stderr);
        let label = name.to_string_lossy();
        if output.status.success() {
            failures.push(format!("{label}: regen succeeded"));
        }
        if output.status.code() != Some(1) {
            failures.push(format!("{label}: exit status {:?}, expected 1", output.status.code()));
        }
        if stderr.contains("panicked") {
            failures.push(format!("{label}: panicked:\n{stderr}"));
        }
        if !stderr.contains(&models_dir.join(name).display().to_string()) || !stderr.contains(problem) {
            failures.push(format!("{label}: stderr does not name the file and {problem:?}:\n{stderr}"));
        }
        if !stderr.contains("nothing was written") {
            failures.push(format!("{label}: stderr lacks the summary:\n{stderr}"));
        }
        if out.exists() {
            failures.push(format!("{label}: {} was created", out.display()));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
