//! When a room tells its members who is online. Each join, leave or change of group would
//! otherwise send every member a frame: a crowd of n joining at once costs n² frames, and the
//! join storm's server CPU goes there rather than into welcomes. Counts a moment late are fine
//! on a screen, and every `welcome` carries the current ones, so a change is sent at once if
//! none was sent within the last [`PRESENCE_EVERY`], and otherwise when that time is up.

use std::time::Duration;

use tokio::time::Instant;

/// The shortest time between two presence broadcasts of one room.
pub(super) const PRESENCE_EVERY: Duration = Duration::from_millis(250);

#[derive(Debug, Default)]
pub(super) struct PresencePace {
    /// Presence changed since it was last sent.
    changed: bool,
    last_sent: Option<Instant>,
}

impl PresencePace {
    /// Someone joined, left or changed group.
    pub(super) fn changed(&mut self) {
        self.changed = true;
    }

    /// When the pending change may be sent, if there is one.
    pub(super) fn due(&self) -> Option<Instant> {
        self.changed.then(|| match self.last_sent {
            Some(t) => t + PRESENCE_EVERY,
            None => Instant::now(),
        })
    }

    /// Whether to send presence now; if so, it counts as sent.
    pub(super) fn send_now(&mut self) -> bool {
        let now = Instant::now();
        let waiting = self.last_sent.is_some_and(|t| now < t + PRESENCE_EVERY);
        if !self.changed || waiting {
            return false;
        }
        self.changed = false;
        self.last_sent = Some(now);
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn a_first_change_goes_at_once_and_a_burst_after_it_goes_once_when_the_time_is_up() {
        let mut pace = PresencePace::default();
        assert!(!pace.send_now(), "nothing changed, nothing to send");
        pace.changed();
        assert!(pace.send_now(), "the first change goes at once");
        for _ in 0..100 {
            pace.changed();
            assert!(!pace.send_now(), "within the interval, changes wait");
        }
        let due = pace.due().expect("a change is pending");
        assert_eq!(due - Instant::now(), PRESENCE_EVERY);
        tokio::time::advance(PRESENCE_EVERY - Duration::from_millis(1)).await;
        assert!(!pace.send_now(), "not before the interval is up");
        tokio::time::advance(Duration::from_millis(1)).await;
        assert!(pace.send_now(), "the burst goes once the interval is up");
        assert!(!pace.send_now(), "and only once");
        assert_eq!(pace.due(), None);
    }

    #[tokio::test(start_paused = true)]
    async fn a_change_long_after_the_last_goes_at_once() {
        let mut pace = PresencePace::default();
        pace.changed();
        let first = pace.due().expect("pending");
        assert!(first <= Instant::now(), "the first change is due now");
        assert!(pace.send_now());
        tokio::time::advance(PRESENCE_EVERY * 10).await;
        pace.changed();
        assert!(pace.due().is_some_and(|due| due <= Instant::now()));
        assert!(pace.send_now(), "a change after a quiet spell goes at once");
    }
}
