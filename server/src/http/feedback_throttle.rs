//! Feedback answers per holder: a token bucket per participant id (ids are unique across
//! boards). Answering is cheap for the sender and a durable write for the server, on the writer
//! connection every board shares; anyone with the join code holds a token, so the limit is per
//! holder, not per address (a venue's phones share one).

use std::time::{Duration, Instant};

use dashmap::DashMap;
use talkoot_shared::ParticipantId;

use crate::limits::{FEEDBACK_ANSWER_BURST, FEEDBACK_ANSWERS_PER_MINUTE};
use crate::token_bucket::TokenBucket;

/// Holders tracked before idle ones (full buckets) are forgotten.
const PRUNE_ABOVE: usize = 10_000;

pub struct FeedbackThrottle {
    burst: u32,
    per_second: f64,
    answers: DashMap<ParticipantId, TokenBucket>,
}

impl Default for FeedbackThrottle {
    fn default() -> Self {
        Self::new(FEEDBACK_ANSWER_BURST, FEEDBACK_ANSWERS_PER_MINUTE)
    }
}

impl FeedbackThrottle {
    pub fn new(burst: u32, per_minute: u32) -> Self {
        FeedbackThrottle {
            burst,
            per_second: f64::from(per_minute) / 60.0,
            answers: DashMap::new(),
        }
    }

    /// Charges one answer to `holder`, or `Err(retry_after)` when it has none left.
    pub fn answer(&self, holder: &ParticipantId, now: Instant) -> Result<(), Duration> {
        if self.answers.len() > PRUNE_ABOVE {
            self.answers.retain(|_, bucket| !bucket.is_full(now));
        }
        let mut bucket = self
            .answers
            .entry(holder.clone())
            .or_insert_with(|| TokenBucket::new(self.burst, self.per_second, now));
        if bucket.try_take(now) {
            Ok(())
        } else {
            Err(bucket.wait(now).unwrap_or(Duration::from_secs(60)))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_run_out_per_holder_and_come_back() {
        let throttle = FeedbackThrottle::new(2, 60);
        let (a, b) = (
            ParticipantId::parse("a").expect("id"),
            ParticipantId::parse("b").expect("id"),
        );
        let t0 = Instant::now();
        assert!(throttle.answer(&a, t0).is_ok());
        assert!(throttle.answer(&a, t0).is_ok());
        assert_eq!(throttle.answer(&a, t0), Err(Duration::from_secs(1)));
        assert!(
            throttle.answer(&b, t0).is_ok(),
            "another holder is not held"
        );
        assert!(throttle.answer(&a, t0 + Duration::from_secs(1)).is_ok());
    }
}
