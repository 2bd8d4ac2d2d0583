//! talkoot's server: the HTTP API, WebSocket sessions, one room task per live board, and the
//! stores that make every acknowledged edit durable. The rules of the board live in
//! `talkoot-shared`; this crate is the I/O around them.

pub mod clock;
pub mod config;
pub mod http;
pub mod limits;
pub mod room;
pub mod secret;
pub mod session;
pub mod store;
pub mod wire;

use std::net::SocketAddr;
use std::sync::Arc;

use tokio::net::TcpListener;
use tokio::sync::watch;

pub use config::Config;
use room::Rooms;
use store::Store;

/// What every request handler and session can reach.
#[derive(Clone)]
pub struct AppState {
    pub store: Arc<dyn Store>,
    pub rooms: Arc<Rooms>,
    /// Turns true when the server starts shutting down: sessions then close with 1001
    /// "going away", and clients resume elsewhere or after the restart.
    pub shutting_down: watch::Receiver<bool>,
}

/// Opens the store, binds the listener and serves until `shutdown` resolves.
/// Returns once the server has stopped.
pub async fn serve(
    config: Config,
    listener: TcpListener,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> anyhow::Result<()> {
    let store = store::open(&config).await?;
    let rooms = Arc::new(Rooms::new(store.clone(), config.room_idle()));
    let (stop, shutting_down) = watch::channel(false);
    let state = AppState {
        store,
        rooms,
        shutting_down,
    };
    let app = http::router(state).into_make_service_with_connect_info::<SocketAddr>();
    let shutdown = async move {
        shutdown.await;
        // Every acknowledged op is already committed, so closing sockets loses nothing.
        let _ = stop.send(true);
    };
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown)
        .await?;
    Ok(())
}
