//! The Connect instance lifecycle against a moto server, checked at each step:
//! CreateInstance → DescribeInstance → ListInstances (paginator) → TagResource →
//! ListTagsForResource → UntagResource → DeleteInstance, then DescribeInstance fails with the
//! modelled `ResourceNotFoundException`.
//!
//! Compiled twice: into `tests/moto.rs` against `generated/connect`, and into a runner crate
//! against a crate generated from the official full Connect model. Both crates are named
//! `connect`, so the same source serves both, with `created_time.rs` beside it. A failed check
//! panics.

use connect::client::{ConnectApi, Credentials, SdkError};
use connect::operation::{
    create_instance, delete_instance, describe_instance, list_instances, list_tags_for_resource, tag_resource, untag_resource,
};
use connect::types::{DirectoryType, InstanceStatus};
use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

fn tags(pairs: &[(&str, &str)]) -> HashMap<String, String> {
    pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
}

/// A client of the moto server at `endpoint` (dummy credentials, us-east-1), and the count of
/// moto's `CreatedTime` strings its transport rewrote (see `created_time.rs`).
pub fn client(endpoint: &str) -> (connect::Client, Arc<AtomicUsize>) {
    let (transport, rewritten) = crate::created_time::EpochCreatedTime::new();
    let config = connect::Config::builder()
        .region("us-east-1")
        .credentials(Credentials::from_keys("testing", "testing", None))
        .endpoint_url(endpoint)
        .transport(transport)
        .build()
        .expect("client configuration");
    (connect::Client::new(config), rewritten)
}

async fn create(client: &connect::Client, alias: &str, inbound: bool, with_tags: Option<HashMap<String, String>>) -> (String, String) {
    let input = create_instance::Input::builder()
        .identity_management_type(DirectoryType::ConnectManaged)
        .instance_alias(alias)
        .inbound_calls_enabled(inbound)
        .outbound_calls_enabled(!inbound)
        .set_tags(with_tags)
        .build()
        .expect("CreateInstance input");
    let out = client.create_instance(input).await.unwrap_or_else(|e| panic!("CreateInstance {alias}: {e:?}"));
    let (id, arn) = (out.id.expect("CreateInstance returns Id"), out.arn.expect("CreateInstance returns Arn"));
    assert!(!id.is_empty());
    assert!(arn.starts_with("arn:aws:connect:us-east-1:") && arn.ends_with(&format!(":instance/{id}")), "ARN {arn} for id {id}");
    (id, arn)
}

async fn tags_of(client: &connect::Client, arn: &str) -> HashMap<String, String> {
    let input = list_tags_for_resource::Input::builder().resource_arn(arn).build().expect("ListTagsForResource input");
    let out = client.list_tags_for_resource(input).await.unwrap_or_else(|e| panic!("ListTagsForResource: {e:?}"));
    out.tags.unwrap_or_default()
}

/// Every instance id, through the paginator with `page_size` instances a page; returns the ids in
/// order and the number of pages.
async fn list_all(client: &connect::Client, page_size: i32) -> (Vec<String>, usize) {
    let input = list_instances::Input::builder().max_results(page_size).build();
    let pages = client.list_instances_paginator(input).all().await.unwrap_or_else(|e| panic!("ListInstances: {e:?}"));
    let ids = pages.iter().flat_map(|p| p.instance_summary_list.iter().flatten()).map(|s| s.id.clone().expect("summary Id")).collect();
    (ids, pages.len())
}

/// Runs the lifecycle; returns one line per step that passed.
pub async fn run(endpoint: &str) -> Vec<String> {
    let (client, rewritten) = client(endpoint);
    let mut log = Vec::new();

    let created_tags = tags(&[("team", "contact-center")]);
    let (id, arn) = create(&client, "rust-e2e", true, Some(created_tags.clone())).await;
    // Two more instances, so that listing one per page takes several pages.
    let (other_a, _) = create(&client, "rust-e2e-a", false, None).await;
    let (other_b, _) = create(&client, "rust-e2e-b", false, None).await;
    log.push(format!("CreateInstance: {id}"));

    let input = describe_instance::Input::builder().instance_id(&id).build().expect("DescribeInstance input");
    let described = client.describe_instance(input).await.unwrap_or_else(|e| panic!("DescribeInstance: {e:?}"));
    let instance = described.instance.expect("DescribeInstance returns Instance");
    assert_eq!(instance.id.as_deref(), Some(id.as_str()));
    assert_eq!(instance.arn.as_deref(), Some(arn.as_str()));
    assert_eq!(instance.instance_alias.as_deref(), Some("rust-e2e"));
    assert_eq!(instance.identity_management_type, Some(DirectoryType::ConnectManaged));
    assert_eq!((instance.inbound_calls_enabled, instance.outbound_calls_enabled), (Some(true), Some(false)));
    assert_eq!(instance.instance_status, Some(InstanceStatus::Active));
    assert!(instance.created_time.is_some(), "DescribeInstance returns CreatedTime");
    assert_eq!(instance.tags.as_ref(), Some(&created_tags));
    let n = rewritten.load(Ordering::Relaxed);
    log.push(format!("DescribeInstance: id, ARN, alias, settings, status and tags match ({n} CreatedTime rewritten)"));

    let (ids, pages) = list_all(&client, 1).await;
    let mut want = vec![id.clone(), other_a.clone(), other_b.clone()];
    let mut got = ids.clone();
    want.sort();
    got.sort();
    assert_eq!(got, want, "every instance exactly once");
    assert_eq!(pages, 3, "one instance a page");
    let (ids_big_pages, one_page) = list_all(&client, 10).await;
    assert_eq!((ids_big_pages, one_page), (ids, 1), "same instances, same order, in one page");
    log.push("ListInstances: 3 instances over 3 pages".to_string());

    let input = tag_resource::Input::builder()
        .resource_arn(&arn)
        .tags(tags(&[("env", "test"), ("owner", "rust client")]))
        .build()
        .expect("TagResource input");
    client.tag_resource(input).await.unwrap_or_else(|e| panic!("TagResource: {e:?}"));
    log.push("TagResource: env, owner".to_string());

    let all_tags = tags(&[("team", "contact-center"), ("env", "test"), ("owner", "rust client")]);
    assert_eq!(tags_of(&client, &arn).await, all_tags);
    log.push("ListTagsForResource: team, env, owner".to_string());

    let input = untag_resource::Input::builder()
        .resource_arn(&arn)
        .tag_keys(vec!["env".to_string(), "owner".to_string()])
        .build()
        .expect("UntagResource input");
    client.untag_resource(input).await.unwrap_or_else(|e| panic!("UntagResource: {e:?}"));
    assert_eq!(tags_of(&client, &arn).await, created_tags, "env and owner removed, team kept");
    log.push("UntagResource: env, owner removed".to_string());

    let input = delete_instance::Input::builder().instance_id(&id).build().expect("DeleteInstance input");
    client.delete_instance(input).await.unwrap_or_else(|e| panic!("DeleteInstance: {e:?}"));
    let input = describe_instance::Input::builder().instance_id(&id).build().expect("DescribeInstance input");
    match client.describe_instance(input).await {
        Err(SdkError::Service(describe_instance::Error::ResourceNotFoundException(e), _)) => {
            // moto writes the message as `message` while the model's member is `Message`; the
            // client carries it over.
            let message = e.message.as_deref().unwrap_or_else(|| panic!("no message: {e:?}"));
            assert!(message.contains(&id), "{e:?}");
        }
        other => panic!("DescribeInstance after DeleteInstance: {other:?}"),
    }
    let (ids, _) = list_all(&client, 10).await;
    want.retain(|i| *i != id);
    let mut left = ids;
    left.sort();
    assert_eq!(left, want, "the deleted instance is no longer listed");
    log.push("DeleteInstance: DescribeInstance now ResourceNotFoundException".to_string());
    log
}
