//! Logging: the operator's `--log` filter, with one cap no filter can lift. Libraries that log
//! whole frames at trace level (tungstenite prints every WebSocket message, `hello` tokens
//! included) are held to debug, so no log line ever carries a key or token.

use anyhow::Context;
use tracing_subscriber::EnvFilter;
use tracing_subscriber::filter::{LevelFilter, Targets};
use tracing_subscriber::prelude::*;
use tracing_subscriber::{Layer, Registry};

/// Targets that log message payloads at trace level, and the most verbose level they get.
const PAYLOAD_LOGGERS: [(&str, LevelFilter); 2] = [
    ("tungstenite", LevelFilter::DEBUG),
    ("tokio_tungstenite", LevelFilter::DEBUG),
];

/// Installs the global logger: text lines on stdout filtered by `filter` (EnvFilter syntax).
pub fn init(filter: &str) -> anyhow::Result<()> {
    let operator = EnvFilter::try_new(filter).context("invalid --log filter")?;
    // The cap only lowers levels, never raises the operator's: the `log` crate's global max
    // level is taken from the subscriber's hint, and a hint of trace would send every trace
    // call in tungstenite (several per frame) through the filters only to be dropped.
    let ceiling = Layer::<Registry>::max_level_hint(&operator).unwrap_or(LevelFilter::TRACE);
    let cap = Targets::new()
        .with_default(ceiling)
        .with_targets(PAYLOAD_LOGGERS.map(|(target, level)| (target, level.min(ceiling))));
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
