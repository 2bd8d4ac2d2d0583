//! Logging: the operator's `--log` filter, with one cap no filter can lift. Libraries that log
//! whole frames at trace level (tungstenite prints every WebSocket message, `hello` tokens
//! included) are held to debug, so no log line ever carries a key or token.

use anyhow::Context;
use tracing_subscriber::EnvFilter;
use tracing_subscriber::filter::{LevelFilter, Targets};
use tracing_subscriber::prelude::*;

/// Targets that log message payloads at trace level, and the most verbose level they get.
const PAYLOAD_LOGGERS: [(&str, LevelFilter); 2] = [
    ("tungstenite", LevelFilter::DEBUG),
    ("tokio_tungstenite", LevelFilter::DEBUG),
];

/// Installs the global logger: text lines on stdout filtered by `filter` (EnvFilter syntax).
pub fn init(filter: &str) -> anyhow::Result<()> {
    let operator = EnvFilter::try_new(filter).context("invalid --log filter")?;
    let cap = Targets::new()
        .with_default(LevelFilter::TRACE)
        .with_targets(PAYLOAD_LOGGERS);
    tracing_subscriber::registry()
        .with(operator)
        .with(cap)
        .with(
            tracing_subscriber::fmt::layer()
                .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stdout())),
        )
        .try_init()
        .context("cannot install the logger")
}
