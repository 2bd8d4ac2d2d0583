//! A token bucket: up to `burst` actions at once, then `per_second` on average. Time is passed
//! in, so the arithmetic is tested without sleeping.

use std::time::{Duration, Instant};

#[derive(Debug, Clone)]
pub struct TokenBucket {
    burst: f64,
    per_second: f64,
    tokens: f64,
    updated: Instant,
}

impl TokenBucket {
    /// A full bucket. A `per_second` of zero never refills.
    pub fn new(burst: u32, per_second: f64, now: Instant) -> Self {
        TokenBucket {
            burst: f64::from(burst),
            per_second: per_second.max(0.0),
            tokens: f64::from(burst),
            updated: now,
        }
    }

    /// Takes one token if there is one.
    pub fn try_take(&mut self, now: Instant) -> bool {
        self.refill(now);
        if self.tokens >= 1.0 {
            self.tokens -= 1.0;
            true
        } else {
            false
        }
    }

    /// Returns a token taken for something that turned out not to count.
    pub fn give_back(&mut self) {
        self.tokens = (self.tokens + 1.0).min(self.burst);
    }

    /// Whether the bucket has refilled completely: the client has been calm for a while.
    pub fn is_full(&mut self, now: Instant) -> bool {
        self.refill(now);
        self.tokens >= self.burst
    }

    /// How long until the next token; `None` if it never comes.
    pub fn wait(&mut self, now: Instant) -> Option<Duration> {
        self.refill(now);
        let missing = 1.0 - self.tokens;
        if missing <= 0.0 {
            Some(Duration::ZERO)
        } else if self.per_second > 0.0 {
            Some(Duration::from_secs_f64(missing / self.per_second))
        } else {
            None
        }
    }

    fn refill(&mut self, now: Instant) {
        let elapsed = now.saturating_duration_since(self.updated).as_secs_f64();
        self.tokens = (self.tokens + elapsed * self.per_second).min(self.burst);
        self.updated = now;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_burst_then_the_sustained_rate() {
        let t0 = Instant::now();
        let mut b = TokenBucket::new(3, 2.0, t0);
        assert!((0..3).all(|_| b.try_take(t0)));
        assert!(!b.try_take(t0));
        assert_eq!(b.wait(t0), Some(Duration::from_millis(500)));
        let t1 = t0 + Duration::from_millis(500);
        assert!(b.try_take(t1));
        assert!(!b.try_take(t1));
        assert!(!b.is_full(t1));
        assert!(b.is_full(t1 + Duration::from_secs(10)));
        // Never more than the burst, however long it rested.
        assert!((0..3).all(|_| b.try_take(t1 + Duration::from_secs(10))));
        assert!(!b.try_take(t1 + Duration::from_secs(10)));
    }

    #[test]
    fn a_bucket_without_refill_never_waits_out() {
        let t0 = Instant::now();
        let mut b = TokenBucket::new(1, 0.0, t0);
        assert!(b.try_take(t0));
        assert_eq!(b.wait(t0 + Duration::from_secs(3600)), None);
    }
}
