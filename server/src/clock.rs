//! The wall clock, in the protocol's unit: milliseconds since the Unix epoch.
//!
//! Tests can move it forward, to see what the server does months from now (retention): with
//! `TALKOOT_TEST_CLOCK_FILE` set, the file's content (a whole number of milliseconds, empty for 0)
//! is added to the system clock, and read again whenever it changes. It is an environment
//! variable only, never a flag, and the server warns at start when it is set: a production
//! server has no reason to set it.

use std::path::PathBuf;
use std::sync::atomic::{AtomicI64, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use tokio::sync::watch;

/// The environment variable naming the test clock's file.
pub const TEST_CLOCK_FILE: &str = "TALKOOT_TEST_CLOCK_FILE";
/// How often the test clock's file is read.
const TEST_CLOCK_POLL: Duration = Duration::from_millis(50);

/// Milliseconds added to the system clock; 0 unless a test moved it.
static SKEW_MS: AtomicI64 = AtomicI64::new(0);

/// Now. A clock set before 1970 reads as 0 rather than failing a request.
pub fn now_ms() -> u64 {
    let system = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as u64);
    system.saturating_add_signed(SKEW_MS.load(Ordering::Relaxed))
}

/// Follows `TALKOOT_TEST_CLOCK_FILE` when it is set. The receiver changes each time the clock is
/// moved, so that what waits for time to pass (the retention sweep) looks again at once.
pub fn follow_test_clock() -> watch::Receiver<i64> {
    let (moved, receiver) = watch::channel(0);
    let Some(path) = std::env::var_os(TEST_CLOCK_FILE).map(PathBuf::from) else {
        return receiver;
    };
    tracing::warn!(file = %path.display(), "{TEST_CLOCK_FILE} is set: this server's clock is moved by that file; never set it in production");
    tokio::spawn(async move {
        let mut ticks = tokio::time::interval(TEST_CLOCK_POLL);
        loop {
            ticks.tick().await;
            let skew = match tokio::fs::read_to_string(&path).await {
                Ok(text) if text.trim().is_empty() => 0,
                Ok(text) => match text.trim().parse::<i64>() {
                    Ok(skew) => skew,
                    Err(e) => {
                        tracing::warn!(error = %e, "the test clock file holds no whole number");
                        continue;
                    }
                },
                Err(_) => 0,
            };
            if SKEW_MS.swap(skew, Ordering::Relaxed) != skew {
                tracing::info!(skew_ms = skew, "test clock moved");
                moved.send_replace(skew);
            }
        }
    });
    receiver
}
