//! The test harness: a real `talkoot` process on a free port with its own SQLite file, and
//! WebSocket and HTTP clients that speak the real protocol.

pub mod browser_story;
pub mod client;
pub mod ops;
pub mod qr;
pub mod raw_http;
pub mod replica;
pub mod server;

pub use browser_story::{run_browser_story, run_browser_story_with};
pub use client::{Client, assert_never_sent, new_id};
pub use server::TestServer;
