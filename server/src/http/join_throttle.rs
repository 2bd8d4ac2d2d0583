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

/// One join attempt, charged as a failure up front. Dropping it gives the charge back, unless
/// [`Attempt::counts`] said it was a wrong code; so a request that is cancelled half-way (the
/// client went away, and never learns an answer) costs nothing either.
pub struct Attempt<'a> {
    throttle: &'a JoinThrottle,
    address: IpAddr,
    counts: bool,
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
                counts: false,
            })
        } else {
            Err(bucket.wait(now))
        }
    }
}

impl Attempt<'_> {
    /// The attempt was a wrong (or malformed) code: it keeps its charge.
    pub fn counts(mut self) {
        self.counts = true;
    }
}

impl Drop for Attempt<'_> {
    fn drop(&mut self) {
        if self.counts {
            return;
        }
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
        throttle.attempt(a, t0).expect("first").counts();
        throttle.attempt(a, t0).expect("second").counts();
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
    fn only_an_attempt_that_counts_keeps_its_charge() {
        let throttle = JoinThrottle::new(1, 0);
        let a: IpAddr = "192.0.2.1".parse().expect("ip");
        let t0 = Instant::now();
        for _ in 0..10 {
            drop(throttle.attempt(a, t0).expect("a token"));
        }
        let in_flight = throttle.attempt(a, t0).expect("still one");
        assert_eq!(
            throttle.attempt(a, t0).err(),
            Some(None),
            "held while in flight"
        );
        in_flight.counts();
        assert_eq!(throttle.attempt(a, t0).err(), Some(None));
    }
}
