//! A WebSocket client that speaks talkoot's protocol, with a timeout on every wait so a broken
//! server fails a test instead of hanging it.

use std::collections::BTreeMap;
use std::time::Duration;

use anyhow::{Context, bail};
use futures_util::{SinkExt, StreamExt};
use talkoot_shared::reject::RejectReason;
use talkoot_shared::{BoardId, ClientMsg, Op, OpId, SectionId, ServerMsg};
use tokio::net::TcpStream;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::tungstenite::protocol::CloseFrame;
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream, connect_async};

/// Longest wait for any one message.
pub const RECV_TIMEOUT: Duration = Duration::from_secs(10);

/// A fresh UUIDv7, as the web app makes for ids.
pub fn new_id<T: TryFrom<String>>() -> T
where
    T::Error: std::fmt::Debug,
{
    T::try_from(uuid::Uuid::now_v7().to_string()).expect("a UUID is a valid id")
}

pub struct Client {
    ws: WebSocketStream<MaybeTlsStream<TcpStream>>,
}

/// What a read gave: a server message, or the connection's close.
#[derive(Debug)]
pub enum Event {
    Msg(ServerMsg),
    Closed(Option<CloseFrame>),
}

impl Client {
    /// Wraps a WebSocket opened some other way, e.g. with extra request headers.
    pub fn from_stream(ws: WebSocketStream<MaybeTlsStream<TcpStream>>) -> Self {
        Client { ws }
    }

    pub async fn connect(url: &str) -> anyhow::Result<Self> {
        let (ws, _) = connect_async(url).await.context("websocket connect")?;
        Ok(Client { ws })
    }

    /// Connects and says hello; returns the client and the `welcome`.
    pub async fn join(
        url: &str,
        board: &BoardId,
        token: &str,
        last_seq: Option<u64>,
    ) -> anyhow::Result<(Self, ServerMsg)> {
        Self::join_group(url, board, token, last_seq, None).await
    }

    /// Like [`Client::join`], saying in `hello` which group (section) the client sits in.
    pub async fn join_group(
        url: &str,
        board: &BoardId,
        token: &str,
        last_seq: Option<u64>,
        group: Option<SectionId>,
    ) -> anyhow::Result<(Self, ServerMsg)> {
        let mut c = Self::connect(url).await?;
        c.send(&ClientMsg::Hello {
            board: board.clone(),
            token: token.into(),
            last_seq,
            group,
        })
        .await?;
        let welcome = c.recv().await?;
        anyhow::ensure!(
            matches!(welcome, ServerMsg::Welcome { .. }),
            "expected welcome, got {welcome:?}"
        );
        Ok((c, welcome))
    }

    pub async fn send(&mut self, msg: &ClientMsg) -> anyhow::Result<()> {
        self.send_text(&serde_json::to_string(msg)?).await
    }

    pub async fn send_text(&mut self, text: &str) -> anyhow::Result<()> {
        self.ws
            .send(Message::text(text))
            .await
            .context("websocket send")
    }

    pub async fn send_raw(&mut self, msg: Message) -> anyhow::Result<()> {
        self.ws.send(msg).await.context("websocket send")
    }

    /// Sends an op with a fresh op_id and returns the op_id.
    pub async fn op(&mut self, op: Op) -> anyhow::Result<OpId> {
        let op_id: OpId = new_id();
        self.op_as(&op_id, op).await?;
        Ok(op_id)
    }

    /// Sends an op under a given op_id (a resend, or someone else's id).
    pub async fn op_as(&mut self, op_id: &OpId, op: Op) -> anyhow::Result<()> {
        self.send(&ClientMsg::Op {
            op_id: op_id.clone(),
            op,
        })
        .await
    }

    /// The next frame, message or close.
    pub async fn next_event(&mut self) -> anyhow::Result<Event> {
        loop {
            let frame = tokio::time::timeout(RECV_TIMEOUT, self.ws.next())
                .await
                .context("timed out waiting for the server")?;
            match frame {
                None => return Ok(Event::Closed(None)),
                Some(Err(e)) => bail!("websocket error: {e}"),
                Some(Ok(Message::Text(t))) => {
                    return Ok(Event::Msg(
                        serde_json::from_str(&t).context("decode server message")?,
                    ));
                }
                Some(Ok(Message::Close(frame))) => return Ok(Event::Closed(frame)),
                Some(Ok(_)) => continue,
            }
        }
    }

    /// The next text frame exactly as the server sent it, for checks on the raw bytes.
    pub async fn recv_text(&mut self) -> anyhow::Result<String> {
        loop {
            let frame = tokio::time::timeout(RECV_TIMEOUT, self.ws.next())
                .await
                .context("timed out waiting for the server")?;
            match frame {
                None => bail!("connection closed"),
                Some(Err(e)) => bail!("websocket error: {e}"),
                Some(Ok(Message::Text(t))) => return Ok(t.to_string()),
                Some(Ok(Message::Close(frame))) => bail!("connection closed: {frame:?}"),
                Some(Ok(_)) => continue,
            }
        }
    }

    /// Raw text frames up to and including the `applied` with seq `last`, and the seqs of the
    /// `applied` messages among them, in order.
    pub async fn frames_through(&mut self, last: u64) -> anyhow::Result<(Vec<String>, Vec<u64>)> {
        let mut frames = Vec::new();
        let mut seqs = Vec::new();
        loop {
            let text = self.recv_text().await?;
            let msg: ServerMsg = serde_json::from_str(&text)?;
            frames.push(text);
            if let ServerMsg::Applied { seq, .. } = msg {
                seqs.push(seq);
                if seq == last {
                    return Ok((frames, seqs));
                }
            }
        }
    }

    /// The next server message; a close is an error.
    pub async fn recv(&mut self) -> anyhow::Result<ServerMsg> {
        match self.next_event().await? {
            Event::Msg(m) => Ok(m),
            Event::Closed(frame) => bail!("connection closed: {frame:?}"),
        }
    }

    /// The next message that is not `presence` (presence arrives whenever anyone comes or goes).
    pub async fn recv_content(&mut self) -> anyhow::Result<ServerMsg> {
        loop {
            match self.recv().await? {
                ServerMsg::Presence { .. } => continue,
                other => return Ok(other),
            }
        }
    }

    /// The next `presence` (skipping `applied` messages): how many are online, and per group.
    pub async fn next_presence(&mut self) -> anyhow::Result<(u32, BTreeMap<SectionId, u32>)> {
        loop {
            match self.recv().await? {
                ServerMsg::Presence { online, groups } => return Ok((online, groups)),
                ServerMsg::Applied { .. } => continue,
                other => bail!("expected presence, got {other:?}"),
            }
        }
    }

    /// Waits for the `applied` or `rejected` answer to `op_id`, returning it and the `applied`
    /// messages for other ops that came first.
    pub async fn answer_to(&mut self, op_id: &OpId) -> anyhow::Result<(ServerMsg, Vec<ServerMsg>)> {
        let mut before = Vec::new();
        loop {
            let msg = self.recv_content().await?;
            match &msg {
                ServerMsg::Applied { op_id: id, .. } | ServerMsg::Rejected { op_id: id, .. }
                    if id == op_id =>
                {
                    return Ok((msg, before));
                }
                ServerMsg::Applied { .. } => before.push(msg),
                other => bail!("unexpected message while waiting for {op_id}: {other:?}"),
            }
        }
    }

    /// Sends an op and waits for it to be applied; returns its seq.
    pub async fn apply(&mut self, op: Op) -> anyhow::Result<u64> {
        let op_id = self.op(op).await?;
        match self.answer_to(&op_id).await?.0 {
            ServerMsg::Applied { seq, .. } => Ok(seq),
            other => bail!("expected applied, got {other:?}"),
        }
    }

    /// Sends an op and waits for it to be rejected; returns why.
    pub async fn rejection(&mut self, op: Op) -> anyhow::Result<RejectReason> {
        let op_id = self.op(op).await?;
        match self.answer_to(&op_id).await?.0 {
            ServerMsg::Rejected { reason, .. } => Ok(reason),
            other => bail!("expected a rejection, got {other:?}"),
        }
    }

    /// Every message that is not `presence`, in order, until each of `op_ids` has its
    /// `applied` or `rejected`: for ops sent together, whose answers may come in any order.
    pub async fn answers_to(&mut self, op_ids: &[OpId]) -> anyhow::Result<Vec<ServerMsg>> {
        let mut waiting: Vec<&OpId> = op_ids.iter().collect();
        let mut msgs = Vec::new();
        while !waiting.is_empty() {
            let msg = self.recv_content().await?;
            match &msg {
                ServerMsg::Applied { op_id, .. } | ServerMsg::Rejected { op_id, .. } => {
                    waiting.retain(|id| *id != op_id);
                }
                other => bail!("unexpected message while waiting for answers: {other:?}"),
            }
            msgs.push(msg);
        }
        Ok(msgs)
    }

    pub async fn close(mut self) -> anyhow::Result<()> {
        self.ws.close(None).await.context("close")
    }
}

/// Fails, naming `who`, if any of `secrets` is anywhere in `frames` (raw frames as received):
/// for what must never reach a viewer, whatever the message it would be in.
pub fn assert_never_sent(frames: &[String], secrets: &[&str], who: &str) {
    for frame in frames {
        for secret in secrets {
            assert!(
                !frame.contains(secret),
                "{who} was sent {secret:?} in {frame}"
            );
        }
    }
}
