//! The measuring window every client reports into: deliveries, bytes, acks, and edit→delivery
//! latency in HDR histograms. All clients run in this process, so one monotonic clock
//! ([`Meter::now_us`]) stamps both the send (in the note's text) and the receipt.

use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

use hdrhistogram::Histogram;
use serde::Serialize;

/// Latencies up to a minute, to 3 significant digits.
const MAX_LATENCY_US: u64 = 60_000_000;

pub struct Meter {
    epoch: Instant,
    window_start_us: AtomicU64,
    window_end_us: AtomicU64,
    deliveries: AtomicU64,
    delivered_bytes: AtomicU64,
    acks: AtomicU64,
    /// Edit → arrival at any member (the sender included).
    latency: Mutex<Histogram<u64>>,
    /// Edit → the sender's own `applied`: the durable acknowledgement.
    ack_latency: Mutex<Histogram<u64>>,
}

/// Latency percentiles, in milliseconds.
#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct Percentiles {
    pub count: u64,
    pub p50_ms: f64,
    pub p95_ms: f64,
    pub p99_ms: f64,
    pub p999_ms: f64,
    pub max_ms: f64,
}

impl Percentiles {
    pub fn of(h: &Histogram<u64>) -> Self {
        let ms = |us: u64| us as f64 / 1000.0;
        Percentiles {
            count: h.len(),
            p50_ms: ms(h.value_at_quantile(0.50)),
            p95_ms: ms(h.value_at_quantile(0.95)),
            p99_ms: ms(h.value_at_quantile(0.99)),
            p999_ms: ms(h.value_at_quantile(0.999)),
            max_ms: ms(h.max()),
        }
    }
}

/// What happened inside one window.
#[derive(Debug, Clone, Copy)]
pub struct WindowFigures {
    pub deliveries: u64,
    pub delivered_bytes: u64,
    pub acks: u64,
    pub latency: Percentiles,
    pub ack_latency: Percentiles,
}

fn histogram() -> Histogram<u64> {
    Histogram::new_with_bounds(1, MAX_LATENCY_US, 3).expect("valid histogram bounds")
}

impl Default for Meter {
    fn default() -> Self {
        Meter {
            epoch: Instant::now(),
            window_start_us: AtomicU64::new(u64::MAX),
            window_end_us: AtomicU64::new(u64::MAX),
            deliveries: AtomicU64::new(0),
            delivered_bytes: AtomicU64::new(0),
            acks: AtomicU64::new(0),
            latency: Mutex::new(histogram()),
            ack_latency: Mutex::new(histogram()),
        }
    }
}

impl Meter {
    /// Microseconds since the meter was made.
    pub fn now_us(&self) -> u64 {
        self.epoch.elapsed().as_micros() as u64
    }

    /// Clears the counters and counts only what arrives in `[start_us, end_us)` from now on.
    pub fn open_window(&self, start_us: u64, end_us: u64) {
        self.window_start_us.store(u64::MAX, Ordering::SeqCst);
        self.deliveries.store(0, Ordering::SeqCst);
        self.delivered_bytes.store(0, Ordering::SeqCst);
        self.acks.store(0, Ordering::SeqCst);
        lock(&self.latency).reset();
        lock(&self.ack_latency).reset();
        self.window_end_us.store(end_us, Ordering::SeqCst);
        self.window_start_us.store(start_us, Ordering::SeqCst);
    }

    /// One `applied` arrived at a member: sent at `sent_us`, `bytes` long, and the sender's
    /// own acknowledgement when `is_ack`.
    pub fn delivery(&self, sent_us: u64, bytes: usize, is_ack: bool) {
        let now = self.now_us();
        if now < self.window_start_us.load(Ordering::Relaxed)
            || now >= self.window_end_us.load(Ordering::Relaxed)
        {
            return;
        }
        let latency = now.saturating_sub(sent_us).clamp(1, MAX_LATENCY_US);
        self.deliveries.fetch_add(1, Ordering::Relaxed);
        self.delivered_bytes
            .fetch_add(bytes as u64, Ordering::Relaxed);
        lock(&self.latency).saturating_record(latency);
        if is_ack {
            self.acks.fetch_add(1, Ordering::Relaxed);
            lock(&self.ack_latency).saturating_record(latency);
        }
    }

    pub fn read(&self) -> WindowFigures {
        WindowFigures {
            deliveries: self.deliveries.load(Ordering::SeqCst),
            delivered_bytes: self.delivered_bytes.load(Ordering::SeqCst),
            acks: self.acks.load(Ordering::SeqCst),
            latency: Percentiles::of(&lock(&self.latency)),
            ack_latency: Percentiles::of(&lock(&self.ack_latency)),
        }
    }
}

/// A poisoned histogram is still a histogram: a panicking client must not stop the count.
fn lock(m: &Mutex<Histogram<u64>>) -> std::sync::MutexGuard<'_, Histogram<u64>> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_deliveries_inside_the_window_count() {
        let meter = Meter::default();
        meter.delivery(0, 100, true);
        assert_eq!(meter.read().deliveries, 0, "no window is open yet");
        let now = meter.now_us();
        meter.open_window(now, now + 60_000_000);
        meter.delivery(now, 100, false);
        meter.delivery(now, 300, true);
        let f = meter.read();
        assert_eq!((f.deliveries, f.delivered_bytes, f.acks), (2, 400, 1));
        assert_eq!(f.latency.count, 2);
        assert_eq!(f.ack_latency.count, 1);
        meter.open_window(0, 1);
        meter.delivery(now, 100, true);
        assert_eq!(meter.read().deliveries, 0, "the window has closed");
    }
}
