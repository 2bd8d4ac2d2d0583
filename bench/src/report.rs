//! The readable side of the output: tables for a load run, a join storm and the verdicts.
//! (The JSON side is the serde form of the same reports.)

use std::fmt::Write;

use crate::join_storm::JoinStormReport;
use crate::load::{LoadReport, Pace};
use crate::private_writing::RevealReport;
use crate::verdict::Verdict;
use crate::voting::VotingReport;

pub fn load_table(r: &LoadReport) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "\n{:?}: {} boards × {} clients ({} writers per board), {} connections from {} source addresses",
        r.target,
        r.spec.boards,
        r.spec.clients_per_board,
        r.spec.writers_per_board,
        r.connections,
        r.source_addresses
    );
    let _ = writeln!(
        s,
        "join: p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms; all joined in {:.1} s; welcome {:.0} bytes",
        r.join.time.p50_ms,
        r.join.time.p99_ms,
        r.join.time.max_ms,
        r.join.wall_s,
        r.join.mean_welcome_bytes
    );
    let _ = writeln!(
        s,
        "server RSS: {:.1} MiB before, {:.1} MiB joined: {:.1} KiB per connection",
        r.server_rss_before_bytes as f64 / 1048576.0,
        r.server_rss_after_join_bytes as f64 / 1048576.0,
        r.server_rss_per_connection_bytes / 1024.0
    );
    let _ = writeln!(
        s,
        "{:<16} {:>12} {:>10} {:>9} {:>9} {:>9} {:>9} {:>8} {:>9} {:>8} {:>7}",
        "pace",
        "deliveries/s",
        "acked/s",
        "p50 ms",
        "p99 ms",
        "p99.9 ms",
        "ack p99",
        "frame B",
        "ns/deliv",
        "bench s",
        "kept up"
    );
    for p in &r.phases {
        let pace = match p.pace {
            Pace::Open {
                ops_per_s_per_board,
            } => format!("{ops_per_s_per_board} ops/s/board"),
            Pace::Closed { window } => format!("window {window}"),
        };
        let _ = writeln!(
            s,
            "{:<16} {:>12.0} {:>10.0} {:>9.2} {:>9.2} {:>9.2} {:>9.2} {:>8.0} {:>9.0} {:>8.2} {:>7}",
            pace,
            p.deliveries_per_s,
            p.acked_ops_per_s,
            p.latency.p50_ms,
            p.latency.p99_ms,
            p.latency.p999_ms,
            p.ack_latency.p99_ms,
            p.mean_frame_bytes,
            p.server_cpu_ns_per_delivery,
            p.bench_cpu_s,
            if p.kept_up { "yes" } else { "no" }
        );
    }
    let t = &r.totals;
    let _ = writeln!(
        s,
        "totals: {} ops sent, {} acked, {} rejected, {} errors; {} of {} expected deliveries; {} connections closed by the server",
        t.ops_sent,
        t.ops_acked,
        t.ops_rejected,
        t.errors,
        t.deliveries,
        t.deliveries_expected,
        t.connections_closed_by_server
    );
    for p in &t.problems {
        let _ = writeln!(s, "  problem: {p}");
    }
    s
}

pub fn storm_table(r: &JoinStormReport) -> String {
    format!(
        "\njoin storm: {} clients over {:.0} s onto a board of {} notes\n\
         join → whole board: p50 {:.0} ms, p99 {:.0} ms, max {:.0} ms; {}/{} got every note; \
         welcome {} bytes; server CPU {:.2} s\n",
        r.clients,
        r.spread_s,
        r.notes,
        r.join_time.p50_ms,
        r.join_time.p99_ms,
        r.join_time.max_ms,
        r.complete,
        r.clients,
        r.welcome_bytes,
        r.server_cpu_s
    )
}

pub fn reveal_table(r: &RevealReport) -> String {
    format!(
        "\nprivate writing: {} participants, {} private notes, then one reveal\n\
         reveal → every screen: p50 {:.0} ms, p99 {:.0} ms, max {:.0} ms; {}/{} got every note; \
         frame {} bytes; server CPU {:.2} s\n",
        r.clients,
        r.notes,
        r.delivery.p50_ms,
        r.delivery.p99_ms,
        r.delivery.max_ms,
        r.complete,
        r.clients,
        r.reveal_bytes,
        r.server_cpu_s
    )
}

pub fn voting_table(r: &VotingReport) -> String {
    format!(
        "\nvoting: {} participants × {} votes over {:.0} s on {} notes\n\
         vote → own ack: p50 {:.1} ms, p95 {:.1} ms, p99 {:.1} ms, max {:.1} ms; \
         {} sent, {} acked, rejected {:?}, {} unanswered\n\
         counted: totals {}, ballots {}, facilitator saw {}; largest ballot {}\n\
         server CPU {:.2} s over {:.1} s; RSS {:.1} → {:.1} MiB\n",
        r.clients,
        r.budget,
        r.spread_s,
        r.notes,
        r.ack_latency.p50_ms,
        r.ack_latency.p95_ms,
        r.ack_latency.p99_ms,
        r.ack_latency.max_ms,
        r.votes_sent,
        r.votes_acked,
        r.rejected,
        r.unanswered,
        r.totals_sum,
        r.ballots_sum,
        r.facilitator_saw,
        r.max_ballot,
        r.server_cpu_s,
        r.wall_s,
        r.server_rss_before_bytes as f64 / 1048576.0,
        r.server_rss_after_bytes as f64 / 1048576.0
    )
}

pub fn verdict_table(verdicts: &[Verdict]) -> String {
    let mut s = String::new();
    for v in verdicts {
        let _ = writeln!(
            s,
            "{:<24} {:<7} {}\n{:<24} target: {}",
            v.row,
            v.word(),
            v.figure,
            "",
            v.target
        );
    }
    s
}
