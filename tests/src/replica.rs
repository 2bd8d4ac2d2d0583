//! A client's copy of a board, kept the way the web app keeps it: replaced by a `welcome`'s
//! snapshot, then advanced by each `applied` in seq order. It refuses a gap or a rewind, so a
//! test that folds every message it receives also proves that the server sent them in order.

use anyhow::{bail, ensure};
use talkoot_shared::{Board, BoardId, Change, Op, ServerMsg};

use crate::{Client, TestServer};

#[derive(Debug, Clone, Default)]
pub struct Replica {
    /// `None` until the first `welcome` with a snapshot.
    pub board: Option<Board>,
    /// The newest seq folded into `board`.
    pub seq: u64,
}

impl Replica {
    /// Takes in a `welcome`. Returns the server's seq, which the replica reaches once the
    /// catch-up `applied` messages that follow a snapshot-less welcome are folded in.
    pub fn welcome(&mut self, welcome: &ServerMsg) -> anyhow::Result<u64> {
        let ServerMsg::Welcome { seq, snapshot, .. } = welcome else {
            bail!("expected a welcome, got {welcome:?}");
        };
        ensure!(
            *seq >= self.seq,
            "the server went back from seq {} to {seq}",
            self.seq
        );
        match snapshot {
            Some(board) => {
                self.board = Some((**board).clone());
                self.seq = *seq;
            }
            None => ensure!(
                self.board.is_some(),
                "a welcome without a snapshot to a client that has no board"
            ),
        }
        Ok(*seq)
    }

    /// Folds in one `applied`. A seq already folded in is skipped: the server repeats an old
    /// `applied` to a client that resent its op.
    pub fn applied(&mut self, seq: u64, changes: &[Change]) -> anyhow::Result<()> {
        let Some(board) = self.board.as_mut() else {
            bail!("an applied before any snapshot");
        };
        if seq <= self.seq {
            return Ok(());
        }
        ensure!(
            seq == self.seq + 1,
            "a gap: seq {seq} arrived after {}",
            self.seq
        );
        changes.iter().for_each(|c| board.absorb(c));
        self.seq = seq;
        Ok(())
    }

    /// Joins `board` with `token` and no history: the client, and a replica of the board from
    /// its `welcome`.
    pub async fn join(
        server: &TestServer,
        board: &BoardId,
        token: &str,
    ) -> anyhow::Result<(Client, Replica)> {
        let (client, welcome) = Client::join(&server.ws_url(), board, token, None).await?;
        let mut replica = Replica::default();
        replica.fold(&welcome)?;
        Ok((client, replica))
    }

    /// Folds in any server message: a `welcome` or an `applied`; the rest change no board.
    pub fn fold(&mut self, msg: &ServerMsg) -> anyhow::Result<()> {
        match msg {
            ServerMsg::Welcome { .. } => self.welcome(msg).map(|_| ()),
            ServerMsg::Applied { seq, changes, .. } => self.applied(*seq, changes),
            _ => Ok(()),
        }
    }

    /// Reads `client`'s frames, folding each in, until the replica is at `seq`; returns the
    /// `applied` frames among them as the server sent them, for checks on the raw text.
    pub async fn follow(&mut self, client: &mut Client, seq: u64) -> anyhow::Result<Vec<String>> {
        let mut frames = Vec::new();
        while self.seq < seq {
            let text = client.recv_text().await?;
            let msg = serde_json::from_str(&text)?;
            self.fold(&msg)?;
            if let ServerMsg::Applied { .. } = msg {
                frames.push(text);
            }
        }
        Ok(frames)
    }

    /// Sends `op` from `client`, folding in every frame up to its `applied`; returns its seq.
    pub async fn apply(&mut self, client: &mut Client, op: Op) -> anyhow::Result<u64> {
        let op_id = client.op(op).await?;
        loop {
            let msg = client.recv().await?;
            self.fold(&msg)?;
            match msg {
                ServerMsg::Applied { seq, op_id: id, .. } if id == op_id => return Ok(seq),
                ServerMsg::Rejected { op_id: id, reason } if id == op_id => {
                    bail!("expected applied, got rejected {reason:?}")
                }
                _ => {}
            }
        }
    }

    /// The board folded so far.
    pub fn board(&self) -> anyhow::Result<&Board> {
        self.board
            .as_ref()
            .ok_or_else(|| anyhow::anyhow!("no snapshot folded in yet"))
    }
}
