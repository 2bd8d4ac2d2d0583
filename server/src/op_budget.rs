//! How many ops one connection may send: a token bucket (a burst, then a sustained rate), and
//! a count of the ops it refused since the client last let the bucket refill completely. A
//! client that keeps sending into an empty bucket is flooding, not catching up, and is closed.

use std::time::Instant;

use crate::limits::FLOOD_REFUSALS;
use crate::token_bucket::TokenBucket;

pub struct OpBudget {
    bucket: TokenBucket,
    refused: u32,
}

#[derive(Debug, PartialEq, Eq)]
pub enum Admission {
    /// Pass the op to the room.
    Admitted,
    /// Answer `rejected{rate_limited}`.
    Refused,
    /// Close the connection.
    Flooding,
}

impl OpBudget {
    pub fn new(burst: u32, per_second: u32, now: Instant) -> Self {
        OpBudget {
            bucket: TokenBucket::new(burst, f64::from(per_second), now),
            refused: 0,
        }
    }

    pub fn admit(&mut self, now: Instant) -> Admission {
        if self.bucket.is_full(now) {
            self.refused = 0;
        }
        if self.bucket.try_take(now) {
            return Admission::Admitted;
        }
        self.refused += 1;
        if self.refused > FLOOD_REFUSALS {
            Admission::Flooding
        } else {
            Admission::Refused
        }
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    #[test]
    fn excess_is_refused_and_a_client_that_keeps_on_is_flooding() {
        let t0 = Instant::now();
        let mut budget = OpBudget::new(2, 1, t0);
        assert_eq!(budget.admit(t0), Admission::Admitted);
        assert_eq!(budget.admit(t0), Admission::Admitted);
        for _ in 0..FLOOD_REFUSALS {
            assert_eq!(budget.admit(t0), Admission::Refused);
        }
        assert_eq!(budget.admit(t0), Admission::Flooding);
    }

    #[test]
    fn a_client_that_calms_down_is_forgiven() {
        let t0 = Instant::now();
        let mut budget = OpBudget::new(2, 1, t0);
        for _ in 0..2 + FLOOD_REFUSALS {
            budget.admit(t0);
        }
        // Long enough for the bucket to refill completely.
        let later = t0 + Duration::from_secs(2);
        for _ in 0..2 + FLOOD_REFUSALS {
            assert_ne!(budget.admit(later), Admission::Flooding);
        }
    }
}
