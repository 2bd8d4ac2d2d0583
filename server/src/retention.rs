//! The retention rule: a board that has had no activity (no op applied to it) for
//! `--retention-days` is deleted, with everything on it, through the same path as a
//! facilitator's delete (`Rooms::delete`), so its open sockets are closed with 4410 too.
//!
//! A sweep runs at start, then every [`SWEEP_EVERY`], and at once whenever the test clock moves
//! (see `clock`). Each board is deleted only if it is still inactive in the transaction that
//! deletes it, so an op that lands between the sweep's look and its delete keeps the board.

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::watch;
use tokio_util::sync::CancellationToken;

use crate::clock::now_ms;
use crate::room::Rooms;
use crate::store::{DeleteIf, Deletion, Store};

/// How often the sweep looks for inactive boards. The rule is in days; an hour late is fine.
pub const SWEEP_EVERY: Duration = Duration::from_secs(3600);
/// Boards deleted per look, so one sweep never holds the writer for long; a sweep looks again
/// until none is left.
const BOARDS_PER_LOOK: usize = 100;

/// Runs the sweep until `shutdown`; returns at once when `period` is `None` (retention off).
pub async fn run(
    store: Arc<dyn Store>,
    rooms: Arc<Rooms>,
    period: Option<Duration>,
    mut clock_moved: watch::Receiver<i64>,
    shutdown: CancellationToken,
) {
    let Some(period) = period else {
        tracing::info!("retention is off: boards are kept until a facilitator deletes them");
        return;
    };
    let mut ticks = tokio::time::interval(SWEEP_EVERY);
    // Without a test clock nothing ever moves it: the ticks alone count.
    let mut test_clock = true;
    loop {
        tokio::select! {
            () = shutdown.cancelled() => return,
            _ = ticks.tick() => {}
            changed = clock_moved.changed(), if test_clock => {
                if changed.is_err() {
                    test_clock = false;
                    continue;
                }
            }
        }
        sweep(store.as_ref(), &rooms, period, &shutdown).await;
    }
}

/// Deletes every board inactive for `period`.
async fn sweep(store: &dyn Store, rooms: &Rooms, period: Duration, shutdown: &CancellationToken) {
    let before = now_ms().saturating_sub(period.as_millis() as u64);
    let mut deleted = 0usize;
    loop {
        let boards = match store.inactive_boards(before, BOARDS_PER_LOOK).await {
            Ok(boards) => boards,
            Err(e) => {
                tracing::error!(error = %e, "retention sweep cannot list inactive boards");
                return;
            }
        };
        let mut progress = false;
        for board in &boards {
            if shutdown.is_cancelled() {
                return;
            }
            match rooms.delete(board, DeleteIf::InactiveBefore(before)).await {
                Ok(Deletion::Deleted) => {
                    tracing::info!(%board, "board deleted after its retention period");
                    deleted += 1;
                    progress = true;
                }
                Ok(Deletion::NoSuchBoard | Deletion::StillActive) => {}
                Err(e) => tracing::error!(%board, error = %e, "retention cannot delete a board"),
            }
        }
        // A short look is the last one; one that deleted nothing would only find the same again.
        if boards.len() < BOARDS_PER_LOOK || !progress {
            break;
        }
    }
    if deleted > 0 {
        tracing::info!(boards = deleted, "retention sweep done");
    }
}
