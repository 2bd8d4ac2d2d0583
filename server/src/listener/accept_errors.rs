//! What to do when accepting a connection fails. A connection that was reset before it was
//! accepted is the client's business and costs nothing. Anything else, above all running out of
//! file descriptors (EMFILE), leaves the connection waiting in the kernel's queue, so accepting
//! again at once would spin: pause briefly, and warn now and then rather than on every try.

use std::io;
use std::time::Duration;

use tokio::time::Instant;

use crate::limits::{ACCEPT_ERROR_LOG_INTERVAL, ACCEPT_ERROR_PAUSE};

#[derive(Default)]
pub struct AcceptErrors {
    last_warning: Option<Instant>,
    /// Failures since the last warning, which counts them.
    unreported: u64,
}

impl AcceptErrors {
    /// Logs a failed accept and says how long to pause before the next one, if at all.
    pub fn record(&mut self, error: &io::Error) -> Option<Duration> {
        if is_the_connections_own(error) {
            tracing::debug!(%error, "a connection failed before it was accepted");
            return None;
        }
        self.unreported += 1;
        let now = Instant::now();
        if self
            .last_warning
            .is_none_or(|last| now - last >= ACCEPT_ERROR_LOG_INTERVAL)
        {
            tracing::warn!(
                %error,
                failures = self.unreported,
                "cannot accept connections; retrying every {ACCEPT_ERROR_PAUSE:?}"
            );
            self.last_warning = Some(now);
            self.unreported = 0;
        } else {
            tracing::debug!(%error, "cannot accept a connection");
        }
        Some(ACCEPT_ERROR_PAUSE)
    }
}

fn is_the_connections_own(error: &io::Error) -> bool {
    matches!(
        error.kind(),
        io::ErrorKind::ConnectionAborted
            | io::ErrorKind::ConnectionReset
            | io::ErrorKind::ConnectionRefused
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn out_of_file_descriptors_pauses_and_a_reset_connection_does_not() {
        let mut errors = AcceptErrors::default();
        let emfile = io::Error::from_raw_os_error(24);
        assert_eq!(errors.record(&emfile), Some(ACCEPT_ERROR_PAUSE));
        assert_eq!(errors.record(&emfile), Some(ACCEPT_ERROR_PAUSE));
        assert_eq!(
            errors.unreported, 1,
            "the second failure waits for the next warning"
        );
        let reset = io::Error::from(io::ErrorKind::ConnectionAborted);
        assert_eq!(errors.record(&reset), None);
    }
}
