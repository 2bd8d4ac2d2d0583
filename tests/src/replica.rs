//! A client's copy of a board, kept the way the web app keeps it: replaced by a `welcome`'s
//! snapshot, then advanced by each `applied` in seq order. It refuses a gap or a rewind, so a
//! test that folds every message it receives also proves that the server sent them in order.

use anyhow::{bail, ensure};
use talkoot_shared::{Board, Change, ServerMsg};

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
}
