//! The awsJson clients generated from the official Kinesis (awsJson1_1) and DynamoDB (awsJson1_0)
//! models against a moto server, checked at each step. Compiled into a runner crate by
//! `tests/moto.rs` (the crates are generated from `../shared/models/aws-more/` at test time, never
//! committed); each step prints one line, a failed check panics.
//!
//! Kinesis: CreateStream → DescribeStreamSummary (until ACTIVE) → ListShards → PutRecord →
//! GetShardIterator → GetRecords (the record's data comes back) → DeleteStream.
//! DynamoDB: CreateTable → PutItem (three items) → GetItem → Query through the paginator, one item
//! a page → DeleteTable, then GetItem fails with the modelled `ResourceNotFoundException`.

use dynamodb::client::DynamoDbApi;
use dynamodb::types::{AttributeDefinition, AttributeValue, BillingMode, KeySchemaElement, KeyType, ScalarAttributeType};
use kinesis::types::{ShardIteratorType, StreamStatus};
use std::collections::HashMap;

pub async fn kinesis(endpoint: &str) -> Vec<String> {
    use kinesis::operation::{
        create_stream, delete_stream, describe_stream_summary, get_records, get_shard_iterator, list_shards, put_record,
    };
    let config = kinesis::Config::builder()
        .region("us-east-1")
        .credentials(kinesis::Credentials::from_keys("testing", "testing", None))
        .endpoint_url(endpoint)
        .build()
        .expect("Kinesis configuration");
    let client = kinesis::Client::new(config);
    let mut log = Vec::new();
    let stream = "contact-lens-events";

    let input = create_stream::Input::builder().stream_name(stream).shard_count(1).build().expect("CreateStream input");
    client.create_stream(input).await.unwrap_or_else(|e| panic!("CreateStream: {e:?}"));
    log.push(format!("CreateStream: {stream}"));

    let mut status = None;
    for _ in 0..50 {
        let input = describe_stream_summary::Input::builder().stream_name(stream).build();
        let out = client.describe_stream_summary(input).await.unwrap_or_else(|e| panic!("DescribeStreamSummary: {e:?}"));
        let summary = out.stream_description_summary;
        assert_eq!(summary.stream_name, stream);
        assert!(summary.stream_arn.ends_with(&format!(":stream/{stream}")), "{}", summary.stream_arn);
        if summary.stream_status == StreamStatus::Active {
            assert_eq!(summary.open_shard_count, 1);
            status = Some(summary.stream_status);
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let status = status.expect("the stream becomes ACTIVE");
    log.push(format!("DescribeStreamSummary: {}", status.as_str()));

    let input = list_shards::Input::builder().stream_name(stream).build();
    let shards = client.list_shards(input).await.unwrap_or_else(|e| panic!("ListShards: {e:?}")).shards.unwrap_or_default();
    assert_eq!(shards.len(), 1, "{shards:?}");
    let shard = shards[0].shard_id.clone();
    log.push(format!("ListShards: {}", shards.len()));

    let data = b"{\"segment\":\"Hello, how can I help?\",\"sentiment\":\"POSITIVE\"}\x00\xff".to_vec();
    let input = put_record::Input::builder()
        .stream_name(stream)
        .partition_key("contact-1")
        .data(data.clone())
        .build()
        .expect("PutRecord input");
    let put = client.put_record(input).await.unwrap_or_else(|e| panic!("PutRecord: {e:?}"));
    assert_eq!(put.shard_id, shard);
    assert!(!put.sequence_number.is_empty());
    log.push("PutRecord: sequence number".to_string());

    let input = get_shard_iterator::Input::builder()
        .stream_name(stream)
        .shard_id(&shard)
        .shard_iterator_type(ShardIteratorType::TrimHorizon)
        .build()
        .expect("GetShardIterator input");
    let iterator = client
        .get_shard_iterator(input)
        .await
        .unwrap_or_else(|e| panic!("GetShardIterator: {e:?}"))
        .shard_iterator
        .expect("GetShardIterator returns an iterator");
    log.push("GetShardIterator: iterator".to_string());

    let input = get_records::Input::builder().shard_iterator(iterator).build().expect("GetRecords input");
    let records = client.get_records(input).await.unwrap_or_else(|e| panic!("GetRecords: {e:?}")).records;
    assert_eq!(records.len(), 1, "{records:?}");
    assert_eq!(records[0].data.as_bytes(), &data[..], "the record's bytes come back (base64 on the wire)");
    assert_eq!(records[0].partition_key, "contact-1");
    assert_eq!(records[0].sequence_number, put.sequence_number);
    log.push(format!("GetRecords: {} record, data intact", records.len()));

    let input = delete_stream::Input::builder().stream_name(stream).build();
    client.delete_stream(input).await.unwrap_or_else(|e| panic!("DeleteStream: {e:?}"));
    log.push("DeleteStream: deleted".to_string());
    log
}

fn s(v: &str) -> AttributeValue {
    AttributeValue::S(v.to_string())
}

pub async fn dynamodb(endpoint: &str) -> Vec<String> {
    use dynamodb::operation::{create_table, delete_table, get_item, put_item, query};
    let config = dynamodb::Config::builder()
        .region("us-east-1")
        .credentials(dynamodb::Credentials::from_keys("testing", "testing", None))
        .endpoint_url(endpoint)
        .build()
        .expect("DynamoDB configuration");
    let client = dynamodb::Client::new(config);
    let mut log = Vec::new();
    let table = "ContactSegments";

    let key = |name: &str, key_type: KeyType| KeySchemaElement::builder().attribute_name(name).key_type(key_type).build().expect("key");
    let attr = |name: &str| {
        AttributeDefinition::builder().attribute_name(name).attribute_type(ScalarAttributeType::S).build().expect("attribute")
    };
    let input = create_table::Input::builder()
        .table_name(table)
        .key_schema(vec![key("ContactId", KeyType::Hash), key("SegmentId", KeyType::Range)])
        .attribute_definitions(vec![attr("ContactId"), attr("SegmentId")])
        .billing_mode(BillingMode::PayPerRequest)
        .build()
        .expect("CreateTable input");
    let created = client.create_table(input).await.unwrap_or_else(|e| panic!("CreateTable: {e:?}"));
    let description = created.table_description.expect("CreateTable returns the table");
    assert_eq!(description.table_name.as_deref(), Some(table));
    log.push(format!("CreateTable: {table}"));

    for (i, text) in ["Hello", "I need help with my order", "Sure, one moment"].iter().enumerate() {
        let item = HashMap::from([
            ("ContactId".to_string(), s("contact-1")),
            ("SegmentId".to_string(), s(&format!("seg-{i}"))),
            ("Text".to_string(), s(text)),
            ("Offset".to_string(), AttributeValue::N((i * 1000).to_string())),
        ]);
        let input = put_item::Input::builder().table_name(table).item(item).build().expect("PutItem input");
        client.put_item(input).await.unwrap_or_else(|e| panic!("PutItem: {e:?}"));
    }
    log.push("PutItem: 3 items".to_string());

    let input = get_item::Input::builder()
        .table_name(table)
        .key(HashMap::from([("ContactId".to_string(), s("contact-1")), ("SegmentId".to_string(), s("seg-1"))]))
        .build()
        .expect("GetItem input");
    let item = client.get_item(input).await.unwrap_or_else(|e| panic!("GetItem: {e:?}")).item.expect("the item is there");
    assert_eq!(item.get("Text"), Some(&s("I need help with my order")));
    assert_eq!(item.get("Offset"), Some(&AttributeValue::N("1000".into())));
    log.push("GetItem: found".to_string());

    let input = query::Input::builder()
        .table_name(table)
        .key_condition_expression("ContactId = :c")
        .expression_attribute_values(HashMap::from([(":c".to_string(), s("contact-1"))]))
        .limit(1)
        .build()
        .expect("Query input");
    let pages = client.query_paginator(input.clone()).all().await.unwrap_or_else(|e| panic!("Query pages: {e:?}"));
    assert!(pages.len() >= 3, "one item a page, LastEvaluatedKey carried to the next: {} pages", pages.len());
    let items = client.query_paginator(input).items().all().await.unwrap_or_else(|e| panic!("Query items: {e:?}"));
    let segments: Vec<&AttributeValue> = items.iter().filter_map(|i| i.get("SegmentId")).collect();
    assert_eq!(segments, [&s("seg-0"), &s("seg-1"), &s("seg-2")]);
    log.push(format!("Query: {} items over {} pages", items.len(), pages.len()));

    let input = delete_table::Input::builder().table_name(table).build().expect("DeleteTable input");
    client.delete_table(input).await.unwrap_or_else(|e| panic!("DeleteTable: {e:?}"));
    let input = get_item::Input::builder()
        .table_name(table)
        .key(HashMap::from([("ContactId".to_string(), s("contact-1")), ("SegmentId".to_string(), s("seg-1"))]))
        .build()
        .expect("GetItem input");
    match client.get_item(input).await {
        Err(dynamodb::client::SdkError::Service(get_item::Error::ResourceNotFoundException(_), _)) => {}
        other => panic!("GetItem after DeleteTable: expected ResourceNotFoundException, got {other:?}"),
    }
    log.push("DeleteTable: deleted".to_string());
    log
}
