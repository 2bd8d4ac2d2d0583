//! The load generator at toy size against a real talkoot and against the Node hub, so it cannot
//! rot: every op sent is acknowledged and reaches every member, and the JSON report parses.
//! Speed is never asserted here; docs/performance.md has the real runs.

use std::path::Path;
use std::process::Command;

use serde_json::Value;

/// Runs `talkoot-bench load` with a tiny shape and returns its JSON report.
fn run_load(extra: &[&str]) -> Value {
    let data = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_talkoot-bench"))
        .args([
            "load",
            "--server-bin",
            env!("CARGO_BIN_EXE_talkoot-bench-server"),
        ])
        .args([
            "--boards",
            "2",
            "--clients",
            "3",
            "--writers",
            "2",
            "--rate",
            "5",
        ])
        .args(["--warmup", "0.5", "--measure", "1.5", "--sources", "4"])
        .arg("--data-dir")
        .arg(data.path())
        .args(extra)
        .output()
        .expect("run talkoot-bench");
    let log = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "talkoot-bench failed:\n{log}");
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("the report is not JSON ({e}):\n{log}"))
}

/// Every op acknowledged to its sender and delivered to every member of its board.
fn assert_everything_arrived(report: &Value) {
    let run = &report["runs"][0];
    let totals = &run["totals"];
    let n = |key: &str| {
        totals[key]
            .as_u64()
            .unwrap_or_else(|| panic!("{key} missing: {totals}"))
    };
    assert!(n("ops_sent") > 0, "{totals}");
    assert_eq!(n("ops_acked"), n("ops_sent"), "{totals}");
    assert_eq!(n("ops_rejected"), 0, "{totals}");
    assert_eq!(n("errors"), 0, "{totals}");
    assert_eq!(n("connections_closed_by_server"), 0, "{totals}");
    // 2 boards × 3 members: each acked op reaches the 3 members of its board, no more, no less.
    assert_eq!(n("deliveries"), n("deliveries_expected"), "{totals}");
    assert_eq!(n("deliveries"), 3 * n("ops_acked"), "{totals}");
    assert_eq!(run["connections"], 6);
    // What falls inside the measured window depends on timing, so only its shape is checked.
    let phase = &run["phases"][0];
    for key in [
        "deliveries_per_s",
        "server_cpu_s",
        "server_cpu_ns_per_delivery",
    ] {
        assert!(phase[key].is_number(), "{key}: {phase}");
    }
    assert!(phase["latency"]["p99_ms"].is_number(), "{phase}");
}

#[test]
fn the_load_generator_drives_talkoot_and_every_op_reaches_every_member() {
    let report = run_load(&[]);
    assert_eq!(report["scenario"], "load");
    assert_eq!(report["runs"][0]["target"], "talkoot");
    assert_everything_arrived(&report);
    let join = &report["runs"][0]["join"];
    assert!(join["mean_welcome_bytes"].as_f64().unwrap() > 0.0, "{join}");
}

#[test]
fn the_load_generator_drives_the_node_hub_with_the_same_load() {
    let peers = Path::new(env!("CARGO_MANIFEST_DIR")).join("peers");
    if !peers.join("node_modules/ws").exists() {
        let status = Command::new("npm")
            .args(["ci", "--no-audit", "--no-fund"])
            .current_dir(&peers)
            .status()
            .expect("run npm ci in bench/peers (Node.js 20+ and npm are needed)");
        assert!(status.success(), "npm ci failed in bench/peers");
    }
    let report = run_load(&["--target", "node"]);
    assert_eq!(report["runs"][0]["target"], "node");
    assert_everything_arrived(&report);
}

#[test]
fn the_private_writing_scenario_reveals_every_note_to_every_participant() {
    let data = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_talkoot-bench"))
        .args([
            "private-writing",
            "--server-bin",
            env!("CARGO_BIN_EXE_talkoot-bench-server"),
            "--clients",
            "5",
            "--sources",
            "4",
        ])
        .arg("--data-dir")
        .arg(data.path())
        .output()
        .expect("run talkoot-bench");
    let log = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "talkoot-bench failed:\n{log}");
    let report: Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("the report is not JSON ({e}):\n{log}"));
    let reveal = &report["reveal"];
    assert_eq!(reveal["clients"], 5, "{reveal}");
    assert_eq!(reveal["notes"], 10, "{reveal}");
    // Every participant's reveal frame carried all ten notes.
    assert_eq!(reveal["complete"], 5, "{reveal}");
    assert!(reveal["delivery"]["p99_ms"].is_number(), "{reveal}");
}

#[test]
fn the_voting_scenario_counts_every_vote_once() {
    let data = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_talkoot-bench"))
        .args([
            "voting",
            "--server-bin",
            env!("CARGO_BIN_EXE_talkoot-bench-server"),
            "--clients",
            "6",
            "--notes",
            "12",
            "--spread",
            "1",
            "--sources",
            "4",
        ])
        .arg("--data-dir")
        .arg(data.path())
        .output()
        .expect("run talkoot-bench");
    let log = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "talkoot-bench failed:\n{log}");
    let report: Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("the report is not JSON ({e}):\n{log}"));
    let voting = &report["voting"];
    // 6 participants × a budget of 5: every vote acknowledged, and the server's totals, the
    // participants' own ballots and the facilitator's screen each hold exactly 30.
    for key in [
        "votes_sent",
        "votes_acked",
        "totals_sum",
        "ballots_sum",
        "facilitator_saw",
    ] {
        assert_eq!(voting[key], 30, "{key}: {voting}");
    }
    assert_eq!(voting["max_ballot"], 5, "{voting}");
    assert_eq!(voting["unanswered"], 0, "{voting}");
    assert_eq!(voting["rejected"], serde_json::json!({}), "{voting}");
    assert_eq!(voting["ack_latency"]["count"], 30, "{voting}");
    let counted = report["verdicts"]
        .as_array()
        .and_then(|v| v.iter().find(|v| v["row"] == "(g) every vote counted"))
        .unwrap_or_else(|| panic!("no count verdict: {report}"));
    assert_eq!(counted["meets"], true, "{counted}");
}
