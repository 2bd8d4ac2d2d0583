//! The `talkoot` binary: read the configuration, start logging, serve until Ctrl-C or SIGTERM.

use anyhow::Context;
use clap::Parser;
use talkoot::Config;
use tokio::net::TcpListener;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let config = Config::parse();
    talkoot::logging::init(&config.log)?;
    raise_open_file_limit();
    let shutdown = shutdown_signal();
    let listener = TcpListener::bind(config.bind)
        .await
        .with_context(|| format!("cannot listen on {}", config.bind))?;
    tracing::info!(
        address = %listener.local_addr()?,
        data = %config.data.display(),
        "talkoot is listening; open http://{} in a browser",
        listener.local_addr()?
    );
    talkoot::serve(config, listener, shutdown).await
}

/// Every connection holds a file descriptor, and many systems start a process with a soft limit
/// (often 1,024) far below the hard one it may raise itself to; servers raise it.
fn raise_open_file_limit() {
    match rlimit::increase_nofile_limit(u64::MAX) {
        Ok(limit) => tracing::info!(open_files = limit, "open file limit"),
        Err(e) => tracing::warn!(error = %e, "cannot raise the open file limit"),
    }
}

/// Resolves on Ctrl-C or SIGTERM. The handlers are installed at once, before the server
/// listens: a signal that arrives while it starts up is then a clean shutdown, not a kill.
fn shutdown_signal() -> impl Future<Output = ()> {
    #[cfg(unix)]
    let signals = {
        use tokio::signal::unix::{SignalKind, signal};
        let interrupt = signal(SignalKind::interrupt());
        let terminate = signal(SignalKind::terminate());
        async move {
            tokio::select! {
                () = receive(interrupt, "Ctrl-C") => {},
                () = receive(terminate, "SIGTERM") => {},
            }
        }
    };
    #[cfg(not(unix))]
    let signals = async {
        if let Err(e) = tokio::signal::ctrl_c().await {
            tracing::error!(error = %e, "cannot listen for Ctrl-C");
            std::future::pending::<()>().await;
        }
    };
    async {
        signals.await;
        tracing::info!("shutting down");
    }
}

#[cfg(unix)]
async fn receive(signal: std::io::Result<tokio::signal::unix::Signal>, name: &str) {
    match signal {
        Ok(mut signal) => {
            signal.recv().await;
        }
        Err(e) => {
            tracing::error!(error = %e, "cannot listen for {name}");
            std::future::pending::<()>().await;
        }
    }
}
