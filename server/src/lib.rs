//! talkoot's server: the HTTP API, WebSocket sessions, one room task per live board, and the
//! stores that make every acknowledged edit durable. The rules of the board live in
//! `talkoot-shared`; this crate is the I/O around them.

pub mod clock;
pub mod config;
pub mod connection_limit;
pub mod http;
pub mod limits;
pub mod logging;
pub mod op_budget;
pub mod room;
pub mod secret;
pub mod session;
pub mod store;
pub mod token_bucket;
pub mod wire;

use std::net::SocketAddr;
use std::sync::Arc;

use anyhow::bail;
use tokio::net::TcpListener;
use tokio_util::sync::CancellationToken;
use tokio_util::task::TaskTracker;

pub use config::Config;
use connection_limit::ConnectionCounts;
use http::join_throttle::JoinThrottle;
use http::origin::OriginPolicy;
use limits::SHUTDOWN_TIMEOUT;
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
    pub origins: Arc<OriginPolicy>,
    pub trust_forwarded_for: bool,
    /// Cancelled when the server starts shutting down: rooms commit what they hold and write
    /// a snapshot, sessions deliver it and close with 1001 "going away".
    pub shutdown: CancellationToken,
    /// Every WebSocket session, so shutdown can wait for their goodbyes.
    pub sessions: TaskTracker,
}

/// Opens the store, binds the listener and serves until `shutdown` resolves. Then it stops
/// accepting, lets every room commit and snapshot, closes every WebSocket with 1001, and
/// returns once all of that is done (or `SHUTDOWN_TIMEOUT` has passed).
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
        cancel.clone(),
        room_tasks.clone(),
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
        origins: Arc::new(OriginPolicy::new(&config.allowed_origins)),
        trust_forwarded_for: config.trust_forwarded_for,
        shutdown: cancel.clone(),
        sessions: TaskTracker::new(),
    };
    let sessions = state.sessions.clone();
    let app = http::router(state).into_make_service_with_connect_info::<SocketAddr>();
    let stop = cancel.clone();
    let signal = async move {
        shutdown.await;
        stop.cancel();
    };
    // Returns once the listener is closed and plain HTTP requests are answered; WebSocket
    // sessions and rooms are waited for below.
    axum::serve(listener, app)
        .with_graceful_shutdown(signal)
        .await?;
    cancel.cancel();

    let deadline = tokio::time::Instant::now() + SHUTDOWN_TIMEOUT;
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
