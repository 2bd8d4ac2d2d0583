//! Join-code guessing: each client address may make only so many failed join attempts (wrong
//! or malformed codes). Only failures are counted, so a whole workshop behind one venue NAT
//! joins freely, while a guesser is held to the sustained rate. docs/protocol.md works out how
//! long guessing a code then takes.
//!
//! Every attempt is charged before its code is looked up, in one step under the address's map
//! entry, and refunded when it turns out not to be a wrong code. Checking first and charging
//! after the lookup would let concurrent guesses all pass the check while the lookups run.

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

/// One join attempt, charged as a failure until [`Attempt::refund`] says it was not one.
#[must_use = "an attempt stays charged unless it is refunded"]
pub struct Attempt<'a> {
    throttle: &'a JoinThrottle,
    address: IpAddr,
}

impl JoinThrottle {
    pub fn new(burst: u32, per_minute: u32) -> Self {
        JoinThrottle {
            burst,
            per_second: f64::from(per_minute) / 60.0,
            failures: DashMap::new(),
        }
    }

    /// Charges one failed attempt to `address` up front, or `Err(retry_after)` when it has
    /// none left (`None`: they never come back).
    pub fn attempt(&self, address: IpAddr, now: Instant) -> Result<Attempt<'_>, Option<Duration>> {
        if self.failures.len() > PRUNE_ABOVE {
            self.failures.retain(|_, bucket| !bucket.is_full(now));
        }
        let mut bucket = self
            .failures
            .entry(address)
            .or_insert_with(|| TokenBucket::new(self.burst, self.per_second, now));
        if bucket.try_take(now) {
            Ok(Attempt {
                throttle: self,
                address,
            })
        } else {
            Err(bucket.wait(now))
        }
    }
}

impl Attempt<'_> {
    /// The attempt was not a wrong code (it was right, or never got as far as the lookup):
    /// its charge is given back.
    pub fn refund(self) {
        if let Some(mut bucket) = self.throttle.failures.get_mut(&self.address) {
            bucket.give_back();
        }
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
        let _wrong = throttle.attempt(a, t0).expect("first");
        let _wrong = throttle.attempt(a, t0).expect("second");
        assert_eq!(
            throttle.attempt(a, t0).err(),
            Some(Some(Duration::from_secs(10)))
        );
        assert!(
            throttle
                .attempt("192.0.2.2".parse().expect("ip"), t0)
                .is_ok()
        );
        assert!(throttle.attempt(a, t0 + Duration::from_secs(10)).is_ok());
    }

    #[test]
    fn a_refunded_attempt_costs_nothing() {
        let throttle = JoinThrottle::new(1, 0);
        let a: IpAddr = "192.0.2.1".parse().expect("ip");
        let t0 = Instant::now();
        for _ in 0..10 {
            throttle.attempt(a, t0).expect("a token").refund();
        }
        let _wrong = throttle.attempt(a, t0).expect("still one");
        assert_eq!(throttle.attempt(a, t0).err(), Some(None));
    }
}
