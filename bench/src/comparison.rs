//! talkoot against the Node hub, from the runs of `compare`.

use serde::Serialize;

use crate::load::{LoadReport, Pace, PhaseReport};
use crate::target::Kind;

/// talkoot against the Node hub: medians over the rounds. Throughput is each run's best phase
/// that kept up; latency is compared at the highest rate every run kept up at, so both carry
/// the same load.
#[derive(Debug, Serialize)]
pub struct Comparison {
    /// Per run, in the order run: target, best deliveries/s that kept up, p99 at `common_rate`.
    pub rounds: Vec<(Kind, f64, f64)>,
    pub talkoot_median_peak: f64,
    pub node_median_peak: f64,
    pub ratio: f64,
    /// Edits/s per board that every run kept up at.
    pub common_rate: f64,
    pub talkoot_median_p99_ms: f64,
    pub node_median_p99_ms: f64,
}

fn rate(p: &PhaseReport) -> f64 {
    match p.pace {
        Pace::Open {
            ops_per_s_per_board,
        } => ops_per_s_per_board,
        Pace::Closed { .. } => 0.0,
    }
}

impl Comparison {
    pub fn of(runs: &[LoadReport]) -> Self {
        let common_rate = runs
            .iter()
            .map(|r| {
                r.phases
                    .iter()
                    .filter(|p| p.kept_up)
                    .map(rate)
                    .fold(0.0, f64::max)
            })
            .fold(f64::INFINITY, f64::min);
        let rounds: Vec<(Kind, f64, f64)> = runs
            .iter()
            .map(|r| {
                let peak = r
                    .phases
                    .iter()
                    .filter(|p| p.kept_up)
                    .map(|p| p.deliveries_per_s)
                    .fold(0.0, f64::max);
                let p99 = r
                    .phases
                    .iter()
                    .find(|p| rate(p) == common_rate)
                    .map_or(f64::NAN, |p| p.latency.p99_ms);
                (r.target, peak, p99)
            })
            .collect();
        let median_of = |kind: Kind, pick: fn(&(Kind, f64, f64)) -> f64| {
            let mut v: Vec<f64> = rounds.iter().filter(|r| r.0 == kind).map(pick).collect();
            median(&mut v)
        };
        let talkoot = median_of(Kind::Talkoot, |r| r.1);
        let node = median_of(Kind::Node, |r| r.1);
        Comparison {
            talkoot_median_peak: talkoot,
            node_median_peak: node,
            ratio: talkoot / node.max(1.0),
            common_rate,
            talkoot_median_p99_ms: median_of(Kind::Talkoot, |r| r.2),
            node_median_p99_ms: median_of(Kind::Node, |r| r.2),
            rounds,
        }
    }
}

fn median(v: &mut [f64]) -> f64 {
    if v.is_empty() {
        return f64::NAN;
    }
    v.sort_by(f64::total_cmp);
    let n = v.len();
    (v[(n - 1) / 2] + v[n / 2]) / 2.0
}

#[cfg(test)]
mod tests {
    use super::median;

    #[test]
    fn the_median_of_an_even_count_is_the_mean_of_the_middle_two() {
        assert_eq!(median(&mut [3.0, 1.0, 2.0]), 2.0);
        assert_eq!(median(&mut [4.0, 1.0, 3.0, 2.0]), 2.5);
        assert!(median(&mut []).is_nan());
    }
}
