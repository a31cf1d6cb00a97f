//! Follows the real-time analysis of a chat contact and prints each transcript line with its
//! sentiment, as it arrives, until the contact's analysis ends.
//!
//! ```text
//! follow-chat --instance-id ID --contact-id ID [--endpoint URL] [--region REGION]
//!             [--interval-ms MS] [--redacted]
//! ```
//!
//! Each option can also come from the environment: `CONNECT_INSTANCE_ID`, `CONNECT_CONTACT_ID`,
//! `CONNECT_ENDPOINT`, `AWS_REGION`, `FOLLOW_INTERVAL_MS`. Credentials come from the environment
//! (`AWS_ACCESS_KEY_ID`, ...) or the shared credentials file. It uses Connect's
//! `ListRealtimeContactAnalysisSegmentsV2` in follow mode: a page without new segments but with a
//! `NextToken` means more may come, so it waits the interval and asks again; it stops when the
//! service returns no `NextToken`.

use connect::client::ConnectApi;
use connect::operation::list_realtime_contact_analysis_segments_v2 as segments;
use connect::types::{
    RealTimeContactAnalysisOutputType, RealTimeContactAnalysisSegmentTranscript, RealTimeContactAnalysisSegmentType,
    RealTimeContactAnalysisTimeData, RealtimeContactAnalysisSegment,
};
use std::process::ExitCode;
use std::time::Duration;

const USAGE: &str =
    "usage: follow-chat --instance-id ID --contact-id ID [--endpoint URL] [--region REGION] [--interval-ms MS] [--redacted]";

struct Options {
    instance_id: String,
    contact_id: String,
    endpoint: Option<String>,
    region: String,
    interval: Duration,
    redacted: bool,
}

fn env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.is_empty())
}

fn options(args: &[String]) -> Result<Options, String> {
    let (mut instance_id, mut contact_id) = (env("CONNECT_INSTANCE_ID"), env("CONNECT_CONTACT_ID"));
    let mut endpoint = env("CONNECT_ENDPOINT");
    let mut region = env("AWS_REGION").or_else(|| env("AWS_DEFAULT_REGION"));
    let mut interval = env("FOLLOW_INTERVAL_MS");
    let mut redacted = false;
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let mut value = || it.next().cloned().ok_or_else(|| format!("{arg} needs a value\n{USAGE}"));
        match arg.as_str() {
            "--instance-id" => instance_id = Some(value()?),
            "--contact-id" => contact_id = Some(value()?),
            "--endpoint" => endpoint = Some(value()?),
            "--region" => region = Some(value()?),
            "--interval-ms" => interval = Some(value()?),
            "--redacted" => redacted = true,
            "-h" | "--help" => return Err(USAGE.to_string()),
            other => return Err(format!("unknown argument {other:?}\n{USAGE}")),
        }
    }
    let ms: u64 = match interval {
        Some(v) => v.parse().map_err(|_| format!("the interval {v:?} is not a number of milliseconds"))?,
        None => 2000,
    };
    Ok(Options {
        instance_id: instance_id.ok_or_else(|| format!("no instance id\n{USAGE}"))?,
        contact_id: contact_id.ok_or_else(|| format!("no contact id\n{USAGE}"))?,
        endpoint,
        region: region.unwrap_or_else(|| "us-east-1".into()),
        interval: Duration::from_millis(ms),
        redacted,
    })
}

/// `2024-05-01T10:00:03Z CUSTOMER (Jane): text [sentiment: NEGATIVE]`
fn transcript_line(t: &RealTimeContactAnalysisSegmentTranscript) -> String {
    let time = match &t.time {
        RealTimeContactAnalysisTimeData::AbsoluteTime(at) => at.to_string(),
        _ => "-".to_string(),
    };
    let who = match &t.display_name {
        Some(name) => format!("{} ({name})", t.participant_role),
        None => t.participant_role.to_string(),
    };
    let sentiment = t.sentiment.as_ref().map_or_else(|| "none".to_string(), |s| s.to_string());
    format!("{time} {who}: {} [sentiment: {sentiment}]", t.content)
}

async fn follow(o: &Options) -> Result<(), String> {
    let mut config = connect::Config::builder().region(&o.region);
    if let Some(url) = &o.endpoint {
        config = config.endpoint_url(url);
    }
    let client = connect::Client::new(config.build().map_err(|e| e.to_string())?);
    let output_type = if o.redacted { RealTimeContactAnalysisOutputType::Redacted } else { RealTimeContactAnalysisOutputType::Raw };
    let input = segments::Input::builder()
        .instance_id(&o.instance_id)
        .contact_id(&o.contact_id)
        .output_type(output_type)
        .segment_types(vec![RealTimeContactAnalysisSegmentType::Transcript])
        .build()
        .map_err(|e| e.to_string())?;
    let mut pages = client.list_realtime_contact_analysis_segments_v2_paginator(input).follow(o.interval);
    let (mut lines, mut last) = (0, None);
    while let Some(page) = pages.next().await {
        let page = page.map_err(|e| match e.code() {
            Some(code) => format!("{code}: {e}"),
            None => e.to_string(),
        })?;
        for segment in &page.segments {
            if let RealtimeContactAnalysisSegment::Transcript(t) = segment {
                println!("{}", transcript_line(t));
                lines += 1;
            }
        }
        last = Some((page.status, page.channel));
    }
    if let Some((status, channel)) = last {
        println!("-- analysis {status} ({channel} contact), {lines} transcript lines");
    }
    Ok(())
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match options(&args) {
        Ok(o) => follow(&o).await,
        Err(e) => Err(e),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
