//! One simulated participant on a real socket: it connects from its own 127.0.0.x source
//! address, says `hello`, waits for `welcome`, then reads every frame while (if it is a writer)
//! sending ops whenever its pacer hands it a permit.
//!
//! Each op's note text starts with a mark, `bench:<writer>:<n>:<sent_us>:`, so whoever receives
//! the `applied` knows who sent it and when, without a lookup table.

use std::net::{Ipv4Addr, SocketAddr};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use anyhow::{Context, bail};
use futures_util::{SinkExt, StreamExt};
use talkoot_shared::{BoardId, ClientMsg, Colour, NoteId, Op, OpId, SectionId};
use tokio::net::{TcpSocket, TcpStream};
use tokio::sync::{Semaphore, watch};
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::{WebSocketStream, client_async};

use crate::meter::Meter;

pub type Ws = WebSocketStream<TcpStream>;

const MARK: &str = "bench:";
/// Realistic note text after the mark.
const FILLER: &str = "Nuorten palveluihin tarvitaan matalan kynnyksen paikka, jonne voi tulla ilman ajanvarausta ja puhua luotettavan aikuisen kanssa. ";

/// The n-th source address: 127.0.0.2, 127.0.0.3, … then 127.0.1.2, … (never .0, .1 or .255).
pub fn source_address(n: usize) -> Ipv4Addr {
    Ipv4Addr::new(127, 0, (n / 250) as u8, (2 + n % 250) as u8)
}

/// Opens a WebSocket to `server` from `source`.
pub async fn connect(server: SocketAddr, ws_url: &str, source: Ipv4Addr) -> anyhow::Result<Ws> {
    let socket = TcpSocket::new_v4()?;
    socket
        .bind(SocketAddr::new(source.into(), 0))
        .with_context(|| format!("bind to {source}"))?;
    let stream = socket
        .connect(server)
        .await
        .with_context(|| format!("connect from {source}"))?;
    stream.set_nodelay(true)?;
    let (ws, _) = client_async(ws_url, stream)
        .await
        .context("websocket upgrade")?;
    Ok(ws)
}

/// Says hello and waits for the `welcome`; returns its text.
pub async fn hello(ws: &mut Ws, board: &str, token: &str) -> anyhow::Result<String> {
    let hello = ClientMsg::Hello {
        board: BoardId::parse(board)?,
        token: token.into(),
        last_seq: None,
        group: None,
    };
    ws.send(Message::text(serde_json::to_string(&hello)?))
        .await?;
    while let Some(frame) = ws.next().await {
        if let Message::Text(text) = frame? {
            if text.starts_with(r#"{"type":"welcome""#) {
                return Ok(text.as_str().to_owned());
            }
            if !text.starts_with(r#"{"type":"presence""#) {
                bail!("expected welcome, got {}", truncate(&text));
            }
        }
    }
    bail!("the connection closed before welcome")
}

/// Longest wait for the answers to a setup step's ops.
const STEP_TIMEOUT: Duration = Duration::from_secs(120);

/// Sends one op; returns its `op_id`.
pub async fn send_op(ws: &mut Ws, op: Op) -> anyhow::Result<OpId> {
    let op_id = new_id::<OpId>();
    let msg = ClientMsg::Op {
        op_id: op_id.clone(),
        op,
    };
    ws.send(Message::text(serde_json::to_string(&msg)?)).await?;
    Ok(op_id)
}

/// Reads the next frame of a setup step: whether it is an `applied`. A `rejected` fails the step.
pub async fn next_applied(ws: &mut Ws) -> anyhow::Result<bool> {
    let frame = tokio::time::timeout(STEP_TIMEOUT, ws.next())
        .await
        .context("timed out waiting for applied")?
        .context("the server closed the connection")??;
    match frame {
        Message::Text(text) if text.starts_with(r#"{"type":"rejected""#) => {
            bail!("an op was rejected: {}", truncate(&text))
        }
        Message::Text(text) => Ok(text.starts_with(r#"{"type":"applied""#)),
        _ => Ok(false),
    }
}

/// Reads until `count` more `applied` frames have arrived.
pub async fn wait_for_applied(ws: &mut Ws, count: usize) -> anyhow::Result<()> {
    let mut seen = 0;
    while seen < count {
        if next_applied(ws).await? {
            seen += 1;
        }
    }
    Ok(())
}

/// What one client saw and did, shared between its reader, its writer and the coordinator.
#[derive(Default)]
pub struct Tally {
    pub sent: AtomicU64,
    /// This writer's own `applied` frames: its acknowledgements.
    pub acked: AtomicU64,
    /// Every `applied` this member received.
    pub applied: AtomicU64,
    pub rejected: AtomicU64,
    pub errors: AtomicU64,
    /// The server closed the connection (e.g. 4001, the outbox overflowed).
    pub closed: AtomicBool,
    /// The first unexpected frame or close, for the report.
    pub problem: Mutex<Option<String>>,
}

impl Tally {
    fn note_problem(&self, what: String) {
        let mut p = self.problem.lock().unwrap_or_else(|e| e.into_inner());
        if p.is_none() {
            *p = Some(what);
        }
    }
}

/// What makes a client a writer.
pub struct Writer {
    /// Unique across the run: the mark's `<writer>`.
    pub id: u32,
    pub sections: Vec<SectionId>,
    /// One permit = one op to send. Closing it stops the writer.
    pub permits: Arc<Semaphore>,
    /// Every ack gives a permit back (a fixed window of ops in flight) instead of the pacer.
    pub closed_loop: bool,
    /// Share of ops that post a new note; the rest edit the writer's newest note.
    pub post_fraction: f64,
    pub text_chars: usize,
}

/// Starts the member's reader (and writer) tasks on a joined connection.
pub fn spawn_member(
    ws: Ws,
    writer: Option<Writer>,
    meter: Arc<Meter>,
    tally: Arc<Tally>,
    stop: watch::Receiver<bool>,
) {
    let (sink, stream) = ws.split();
    let me = writer.as_ref().map(|w| w.id);
    let refill = writer
        .as_ref()
        .filter(|w| w.closed_loop)
        .map(|w| w.permits.clone());
    tokio::spawn(read(stream, me, refill, meter.clone(), tally.clone(), stop));
    if let Some(writer) = writer {
        tokio::spawn(write(sink, writer, meter, tally));
    }
}

async fn read(
    mut stream: futures_util::stream::SplitStream<Ws>,
    me: Option<u32>,
    refill: Option<Arc<Semaphore>>,
    meter: Arc<Meter>,
    tally: Arc<Tally>,
    mut stop: watch::Receiver<bool>,
) {
    loop {
        let frame = tokio::select! {
            _ = stop.wait_for(|s| *s) => return,
            frame = stream.next() => frame,
        };
        let text = match frame {
            Some(Ok(Message::Text(text))) => text,
            Some(Ok(Message::Close(close))) => {
                tally.closed.store(true, Ordering::SeqCst);
                tally.note_problem(format!("closed by the server: {close:?}"));
                return;
            }
            Some(Ok(_)) => continue,
            Some(Err(e)) => {
                tally.closed.store(true, Ordering::SeqCst);
                tally.note_problem(format!("read failed: {e}"));
                return;
            }
            None => {
                tally.closed.store(true, Ordering::SeqCst);
                tally.note_problem("the server closed the connection".into());
                return;
            }
        };
        if text.starts_with(r#"{"type":"applied""#) {
            tally.applied.fetch_add(1, Ordering::Relaxed);
            if let Some(mark) = Mark::find(&text) {
                let is_ack = me == Some(mark.writer);
                if is_ack {
                    tally.acked.fetch_add(1, Ordering::Relaxed);
                    if let Some(permits) = &refill {
                        permits.add_permits(1);
                    }
                }
                meter.delivery(mark.sent_us, text.len(), is_ack);
            }
        } else if text.starts_with(r#"{"type":"rejected""#) {
            tally.rejected.fetch_add(1, Ordering::Relaxed);
            tally.note_problem(truncate(&text));
        } else if text.starts_with(r#"{"type":"error""#) {
            tally.errors.fetch_add(1, Ordering::Relaxed);
            tally.note_problem(truncate(&text));
        }
    }
}

async fn write(
    mut sink: futures_util::stream::SplitSink<Ws, Message>,
    writer: Writer,
    meter: Arc<Meter>,
    tally: Arc<Tally>,
) {
    let mut note: Option<NoteId> = None;
    let mut n: u64 = 0;
    while let Ok(permit) = writer.permits.acquire().await {
        permit.forget();
        let posts_before = (n as f64 * writer.post_fraction).floor();
        let posts_after = ((n + 1) as f64 * writer.post_fraction).floor();
        let text = mark_text(writer.id, n, meter.now_us(), writer.text_chars);
        let op = match &note {
            Some(id) if posts_after == posts_before => Op::EditNote {
                id: id.clone(),
                text,
            },
            _ => {
                let id: NoteId = new_id();
                note = Some(id.clone());
                Op::PostNote {
                    id,
                    section: writer.sections[n as usize % writer.sections.len()].clone(),
                    text,
                    colour: Colour::Yellow,
                    on_behalf_of: None,
                }
            }
        };
        let msg = ClientMsg::Op {
            op_id: new_id::<OpId>(),
            op,
        };
        let Ok(json) = serde_json::to_string(&msg) else {
            return;
        };
        if sink.send(Message::text(json)).await.is_err() {
            return;
        }
        tally.sent.fetch_add(1, Ordering::Relaxed);
        n += 1;
    }
}

/// A fresh UUIDv7, as the web app makes for ids.
pub fn new_id<T: TryFrom<String>>() -> T
where
    T::Error: std::fmt::Debug,
{
    T::try_from(uuid::Uuid::now_v7().to_string()).expect("a UUID is a valid id")
}

/// A note text of `chars` characters (at least the mark) that starts with the mark.
fn mark_text(writer: u32, n: u64, sent_us: u64, chars: usize) -> String {
    let mut text = format!("{MARK}{writer}:{n}:{sent_us}: ");
    text.extend(
        FILLER
            .chars()
            .cycle()
            .take(chars.saturating_sub(text.len())),
    );
    text
}

/// Who sent an op and when, read back from a frame that carries its note text.
#[derive(Debug, PartialEq, Eq)]
pub struct Mark {
    pub writer: u32,
    pub sent_us: u64,
}

impl Mark {
    pub fn find(frame: &str) -> Option<Mark> {
        let start = frame.find(MARK)? + MARK.len();
        let mut fields = frame[start..].splitn(4, ':');
        let writer = fields.next()?.parse().ok()?;
        let _n = fields.next()?;
        let sent_us = fields.next()?.parse().ok()?;
        Some(Mark { writer, sent_us })
    }
}

fn truncate(text: &str) -> String {
    text.chars().take(300).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_mark_survives_the_trip_through_an_applied_frame() {
        let text = mark_text(17, 3, 123_456, 120);
        assert_eq!(text.chars().count(), 120);
        let frame = serde_json::json!({"type": "applied", "changes": [{"note": {"text": text}}]});
        assert_eq!(
            Mark::find(&frame.to_string()),
            Some(Mark {
                writer: 17,
                sent_us: 123_456
            })
        );
        assert_eq!(Mark::find(r#"{"type":"applied"}"#), None);
    }

    #[test]
    fn source_addresses_are_distinct_loopback_hosts() {
        let a: Vec<_> = (0..600).map(source_address).collect();
        assert_eq!(a[0], Ipv4Addr::new(127, 0, 0, 2));
        assert_eq!(a[250], Ipv4Addr::new(127, 0, 1, 2));
        assert!(a.iter().all(|ip| ip.is_loopback() && ip.octets()[3] >= 2));
        let unique: std::collections::HashSet<_> = a.iter().collect();
        assert_eq!(unique.len(), a.len());
    }
}
