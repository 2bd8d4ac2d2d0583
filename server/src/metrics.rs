//! Counters for `/metrics` (Prometheus text format). They are process-wide atomics: cheap to
//! bump from any room, and what an operator (or a test) reads to see how much work the server
//! does, such as how many times it encoded an `applied` or a snapshot.

use std::sync::atomic::{AtomicU64, Ordering};

pub struct Counter {
    name: &'static str,
    help: &'static str,
    value: AtomicU64,
}

impl Counter {
    const fn new(name: &'static str, help: &'static str) -> Self {
        Counter {
            name,
            help,
            value: AtomicU64::new(0),
        }
    }

    pub fn inc(&self) {
        self.value.fetch_add(1, Ordering::Relaxed);
    }

    pub fn add(&self, n: u64) {
        self.value.fetch_add(n, Ordering::Relaxed);
    }
}

pub static OPS_COMMITTED: Counter = Counter::new(
    "talkoot_ops_committed_total",
    "Ops durably committed to a board's log.",
);
pub static APPLIED_ENCODED: Counter = Counter::new(
    "talkoot_applied_encoded_total",
    "Times an `applied` message was serialised: once per audience that sees something different, never once per member.",
);
pub static SNAPSHOTS_ENCODED: Counter = Counter::new(
    "talkoot_snapshots_encoded_total",
    "Times a board snapshot was serialised for a `welcome`: once per seq and audience.",
);

const COUNTERS: [&Counter; 3] = [&OPS_COMMITTED, &APPLIED_ENCODED, &SNAPSHOTS_ENCODED];

/// The counters and the given gauges as Prometheus text.
pub fn render(gauges: &[(&str, &str, u64)]) -> String {
    let mut out = String::new();
    for c in COUNTERS {
        let value = c.value.load(Ordering::Relaxed);
        out.push_str(&format!(
            "# HELP {0} {1}\n# TYPE {0} counter\n{0} {2}\n",
            c.name, c.help, value
        ));
    }
    for (name, help, value) in gauges {
        out.push_str(&format!(
            "# HELP {name} {help}\n# TYPE {name} gauge\n{name} {value}\n"
        ));
    }
    out
}
