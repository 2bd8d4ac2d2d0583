//! Join-code guessing: each client address may make only so many failed join attempts (wrong
//! or malformed codes). Only failures are counted, so a whole workshop behind one venue NAT
//! joins freely, while a guesser is held to the sustained rate. docs/protocol.md works out how
//! long guessing a code then takes.

use std::net::IpAddr;
use std::time::{Duration, Instant};

use dashmap::DashMap;

use crate::token_bucket::TokenBucket;

/// Addresses tracked before idle ones (full buckets) are forgotten.
const PRUNE_ABOVE: usize = 10_000;

pub struct JoinThrottle {
    burst: u32,
    per_second: f64,
    failures: DashMap<IpAddr, TokenBucket>,
}

impl JoinThrottle {
    pub fn new(burst: u32, per_minute: u32) -> Self {
        JoinThrottle {
            burst,
            per_second: f64::from(per_minute) / 60.0,
            failures: DashMap::new(),
        }
    }

    /// `Err(retry_after)` when `address` has used up its failed attempts.
    pub fn check(&self, address: IpAddr, now: Instant) -> Result<(), Option<Duration>> {
        let Some(mut bucket) = self.failures.get_mut(&address) else {
            return Ok(());
        };
        if bucket.has_token(now) {
            Ok(())
        } else {
            Err(bucket.wait(now))
        }
    }

    /// Counts a failed attempt against `address`.
    pub fn failed(&self, address: IpAddr, now: Instant) {
        if self.failures.len() > PRUNE_ABOVE {
            self.failures.retain(|_, bucket| !bucket.is_full(now));
        }
        self.failures
            .entry(address)
            .or_insert_with(|| TokenBucket::new(self.burst, self.per_second, now))
            .try_take(now);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn failures_run_out_and_come_back_at_the_sustained_rate() {
        let throttle = JoinThrottle::new(2, 6);
        let a: IpAddr = "192.0.2.1".parse().expect("ip");
        let t0 = Instant::now();
        assert!(throttle.check(a, t0).is_ok());
        throttle.failed(a, t0);
        throttle.failed(a, t0);
        assert_eq!(throttle.check(a, t0), Err(Some(Duration::from_secs(10))));
        assert!(throttle.check("192.0.2.2".parse().expect("ip"), t0).is_ok());
        assert!(throttle.check(a, t0 + Duration::from_secs(10)).is_ok());
    }
}
