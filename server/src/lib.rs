//! talkoot's server: the HTTP API, WebSocket sessions, one room task per live board, and the
//! stores that make every acknowledged edit durable. The rules of the board live in
//! `talkoot-shared`; this crate is the I/O around them.

pub mod access;
pub mod clock;
pub mod config;
pub mod connection_limit;
pub mod export;
pub mod http;
pub mod join_address;
pub mod limits;
pub mod listener;
pub mod logging;
pub mod metrics;
pub mod op_budget;
pub mod public_url;
pub mod qr_svg;
pub mod retention;
pub mod room;
pub mod secret;
pub mod session;
pub mod store;
pub mod token_bucket;
pub mod wire;

use std::sync::Arc;

use anyhow::bail;
use tokio::net::TcpListener;
use tokio_util::sync::CancellationToken;
use tokio_util::task::TaskTracker;

pub use config::Config;
use connection_limit::ConnectionCounts;
use http::feedback_throttle::FeedbackThrottle;
use http::join_throttle::JoinThrottle;
use http::origin::OriginPolicy;
use limits::SHUTDOWN_TIMEOUT;
use listener::{ConnectionTimeouts, HttpOptions};
use public_url::PublicUrl;
use room::Rooms;
use session::SessionLimits;
use store::Store;

/// What every request handler and session can reach.
#[derive(Clone)]
pub struct AppState {
    pub store: Arc<dyn Store>,
    pub rooms: Arc<Rooms>,
    pub session_limits: SessionLimits,
    pub connections: Arc<ConnectionCounts>,
    pub join_throttle: Arc<JoinThrottle>,
    pub feedback_throttle: Arc<FeedbackThrottle>,
    pub origins: Arc<OriginPolicy>,
    pub trust_forwarded_for: bool,
    /// `--public-url`: the address phones join at, when the operator gave one.
    pub public_url: Option<PublicUrl>,
    /// Cancelled when the server starts shutting down: rooms commit what they hold and write
    /// a snapshot, sessions deliver it and close with 1001 "going away".
    pub shutdown: CancellationToken,
    /// Every WebSocket session, so shutdown can wait for their goodbyes.
    pub sessions: TaskTracker,
}

/// Opens the store and serves on `listener` until `shutdown` resolves. Then it stops
/// accepting, answers the HTTP requests in flight, lets every room commit and snapshot, closes
/// every WebSocket with 1001, and returns once all of that is done (or `SHUTDOWN_TIMEOUT` after
/// `shutdown` resolved).
pub async fn serve(
    config: Config,
    listener: TcpListener,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> anyhow::Result<()> {
    let store = store::open(&config).await?;
    let cancel = CancellationToken::new();
    let room_tasks = TaskTracker::new();
    let rooms = Arc::new(Rooms::new(
        store.clone(),
        config.room_idle(),
        config.retention(),
        cancel.clone(),
        room_tasks.clone(),
    ));
    tokio::spawn(retention::run(
        store.clone(),
        rooms.clone(),
        config.retention(),
        clock::follow_test_clock(),
        cancel.clone(),
    ));
    let state = AppState {
        store,
        rooms,
        session_limits: SessionLimits::from_config(&config),
        connections: ConnectionCounts::new(config.max_connections_per_address),
        join_throttle: Arc::new(JoinThrottle::new(
            config.join_failure_burst,
            config.join_failures_per_minute,
        )),
        feedback_throttle: Arc::new(FeedbackThrottle::default()),
        origins: Arc::new(OriginPolicy::new(&config.allowed_origins)),
        trust_forwarded_for: config.trust_forwarded_for,
        public_url: config.public_url.clone(),
        shutdown: cancel.clone(),
        sessions: TaskTracker::new(),
    };
    let sessions = state.sessions.clone();
    let options = HttpOptions {
        timeouts: ConnectionTimeouts {
            header_read: config.header_read_timeout(),
            idle: config.http_idle_timeout(),
            request: config.request_timeout(),
        },
        // Behind a trusted proxy every TCP peer is the proxy.
        per_address: (!config.trust_forwarded_for)
            .then(|| ConnectionCounts::new(config.max_connections_per_address)),
    };
    let http_server = tokio::spawn(listener::serve(
        listener,
        http::router(state),
        options,
        cancel.clone(),
    ));
    shutdown.await;
    let deadline = tokio::time::Instant::now() + SHUTDOWN_TIMEOUT;
    cancel.cancel();

    // Returns once the listener is closed and plain HTTP requests are answered; WebSocket
    // sessions and rooms are waited for below.
    match tokio::time::timeout_at(deadline, http_server).await {
        Ok(Ok(())) => {}
        Ok(Err(e)) => tracing::error!(error = %e, "the HTTP server failed"),
        Err(_) => tracing::warn!("some HTTP requests were still unanswered at shutdown"),
    }
    room_tasks.close();
    if tokio::time::timeout_at(deadline, room_tasks.wait())
        .await
        .is_err()
    {
        bail!("rooms did not finish committing within {SHUTDOWN_TIMEOUT:?}");
    }
    sessions.close();
    if tokio::time::timeout_at(deadline, sessions.wait())
        .await
        .is_err()
    {
        // Everything acknowledged is committed; only some goodbyes went unsaid.
        tracing::warn!("some connections did not close in time");
    }
    tracing::info!("stopped");
    Ok(())
}
