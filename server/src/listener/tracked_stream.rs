//! A connection's socket with its bookkeeping: when bytes last moved either way (for the idle
//! timeout), and the connection's per-address slot, which is released exactly when the socket
//! closes. hyper hands this stream on to a WebSocket when the connection upgrades, so an
//! upgraded connection keeps its slot as long as it is open.

use std::io;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::task::{Context, Poll};
use std::time::Duration;

use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::TcpStream;
use tokio::time::Instant;

use crate::connection_limit::ConnectionSlot;

pub struct TrackedStream {
    stream: TcpStream,
    activity: Arc<Activity>,
    _slot: Option<ConnectionSlot>,
}

/// When a connection last moved a byte, shared between its stream and its idle timer.
pub struct Activity {
    opened: Instant,
    /// Milliseconds from `opened` to the last byte read or written.
    last: AtomicU64,
}

impl TrackedStream {
    pub fn new(stream: TcpStream, slot: Option<ConnectionSlot>) -> (Self, Arc<Activity>) {
        let activity = Arc::new(Activity {
            opened: Instant::now(),
            last: AtomicU64::new(0),
        });
        let tracked = TrackedStream {
            stream,
            activity: activity.clone(),
            _slot: slot,
        };
        (tracked, activity)
    }
}

impl Activity {
    pub fn last(&self) -> Instant {
        self.opened + Duration::from_millis(self.last.load(Ordering::Relaxed))
    }

    fn moved(&self) {
        let millis = u64::try_from(self.opened.elapsed().as_millis()).unwrap_or(u64::MAX);
        self.last.store(millis, Ordering::Relaxed);
    }

    /// Passes `poll` through, noting the time if it moved bytes.
    fn after<T>(
        &self,
        poll: Poll<io::Result<T>>,
        moved_bytes: impl Fn(&T) -> bool,
    ) -> Poll<io::Result<T>> {
        if matches!(&poll, Poll::Ready(Ok(value)) if moved_bytes(value)) {
            self.moved();
        }
        poll
    }
}

impl AsyncRead for TrackedStream {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        let before = buf.filled().len();
        let poll = Pin::new(&mut this.stream).poll_read(cx, buf);
        let read = buf.filled().len() > before;
        this.activity.after(poll, |()| read)
    }
}

impl AsyncWrite for TrackedStream {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        let poll = Pin::new(&mut this.stream).poll_write(cx, buf);
        this.activity.after(poll, |written| *written > 0)
    }

    fn poll_write_vectored(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        let poll = Pin::new(&mut this.stream).poll_write_vectored(cx, bufs);
        this.activity.after(poll, |written| *written > 0)
    }

    fn is_write_vectored(&self) -> bool {
        self.stream.is_write_vectored()
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().stream).poll_flush(cx)
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().stream).poll_shutdown(cx)
    }
}
