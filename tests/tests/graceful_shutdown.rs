//! SIGTERM while phones are posting: the server stops accepting, commits and snapshots every
//! room, says "going away" (1001) on every socket and exits 0. Nothing it acknowledged is lost,
//! and each phone resumes after the restart, resending what was never answered.

use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use talkoot_shared::http::Snapshot;
use talkoot_shared::{BoardId, ClientMsg, NoteId, Op, OpId, SectionId, ServerMsg};
use talkoot_tests::client::Event;
use talkoot_tests::ops::{post, sections};
use talkoot_tests::{Client, TestServer};

const PHONES: usize = 3;
/// Most ops one phone sends: within the default op burst, so none is rate limited.
const MAX_OPS: usize = 150;
/// Ops a phone keeps in flight before it reads an answer.
const WINDOW: usize = 5;
/// Answers (across all phones) to wait for before SIGTERM, so it lands mid-stream.
const ACKED_BEFORE_SIGTERM: usize = 60;

/// What one phone saw until the server said goodbye.
struct Phone {
    token: String,
    /// Every op it sent, by op_id, with the note it posts.
    sent: HashMap<OpId, (Op, NoteId)>,
    /// Op ids answered with `applied`.
    acked: Vec<OpId>,
    last_seq: u64,
    close_code: Option<u16>,
}

async fn stream_until_closed(
    url: String,
    board: BoardId,
    token: String,
    section: SectionId,
    phone: usize,
    acked_total: Arc<AtomicUsize>,
) -> anyhow::Result<Phone> {
    let (mut c, welcome) = Client::join(&url, &board, &token, None).await?;
    let mut p = Phone {
        token,
        sent: HashMap::new(),
        acked: Vec::new(),
        last_seq: talkoot_tests::ops::welcome_seq(&welcome),
        close_code: None,
    };
    let mut sending = true;
    loop {
        if sending && p.sent.len() - p.acked.len() < WINDOW && p.sent.len() < MAX_OPS {
            let (op, note) = post(
                &section,
                &format!("puhelin {phone}, viesti {}", p.sent.len()),
            );
            let op_id: OpId = talkoot_tests::new_id();
            let msg = ClientMsg::Op {
                op_id: op_id.clone(),
                op: op.clone(),
            };
            // After the server's close the send fails; the close is still there to read.
            sending = c.send(&msg).await.is_ok();
            if sending {
                p.sent.insert(op_id, (op, note));
            }
            continue;
        }
        match c.next_event().await? {
            Event::Msg(ServerMsg::Applied { seq, op_id, .. }) => {
                p.last_seq = seq;
                if p.sent.contains_key(&op_id) {
                    p.acked.push(op_id);
                    acked_total.fetch_add(1, Ordering::Relaxed);
                }
            }
            Event::Msg(ServerMsg::Presence { .. }) => {}
            Event::Msg(other) => anyhow::bail!("phone {phone}: unexpected {other:?}"),
            Event::Closed(frame) => {
                p.close_code = frame.map(|f| u16::from(f.code));
                return Ok(p);
            }
        }
    }
}

async fn snapshot(server: &TestServer, board: &BoardId, token: &str) -> anyhow::Result<Snapshot> {
    let res = server
        .http()
        .get(server.url(&format!("/api/boards/{board}")))
        .bearer_auth(token)
        .send()
        .await?;
    anyhow::ensure!(res.status() == 200, "snapshot: {}", res.status());
    Ok(res.json().await?)
}

#[tokio::test]
async fn sigterm_mid_stream_loses_no_acknowledged_op_and_every_phone_resumes() -> anyhow::Result<()>
{
    let mut server = TestServer::start().await?;
    let board = server.create_board("Työpaja", &["Ryhmä"]).await?;
    let (_, welcome) = server.facilitator(&board).await?;
    let section = sections(&welcome)[0].clone();

    let acked_total = Arc::new(AtomicUsize::new(0));
    let mut phones = Vec::new();
    for phone in 0..PHONES {
        let joined = server.join(&board.join_code, None).await?;
        phones.push(tokio::spawn(stream_until_closed(
            server.ws_url(),
            board.board_id.clone(),
            joined.token,
            section.clone(),
            phone,
            acked_total.clone(),
        )));
    }
    while acked_total.load(Ordering::Relaxed) < ACKED_BEFORE_SIGTERM {
        tokio::time::sleep(std::time::Duration::from_millis(10)).await;
    }
    // SIGTERM, and the process exits 0 (`terminate` checks both).
    server.terminate().await?;
    let mut seen = Vec::new();
    for phone in phones {
        seen.push(phone.await??);
    }
    for p in &seen {
        assert_eq!(
            p.close_code,
            Some(1001),
            "every phone was told 'going away'"
        );
    }

    // Before the restart, straight from the database: the log is gapless and a snapshot was
    // written at its last seq, so the next start loads without replaying anything.
    let db = sqlx::SqlitePool::connect(&format!(
        "sqlite://{}",
        server.data_dir().join("talkoot.db").display()
    ))
    .await?;
    let (ops, last_seq): (i64, i64) =
        sqlx::query_as("SELECT count(*), max(seq) FROM ops WHERE board_id = ?")
            .bind(board.board_id.as_str())
            .fetch_one(&db)
            .await?;
    let (snapshot_seq,): (i64,) =
        sqlx::query_as("SELECT max(seq) FROM snapshots WHERE board_id = ?")
            .bind(board.board_id.as_str())
            .fetch_one(&db)
            .await?;
    db.close().await;
    assert_eq!(ops, last_seq, "the log is gapless");
    assert_eq!(snapshot_seq, last_seq, "a snapshot at the final seq");
    let acked: usize = seen.iter().map(|p| p.acked.len()).sum();
    let sent: usize = seen.iter().map(|p| p.sent.len()).sum();
    eprintln!("at SIGTERM: {sent} ops sent, {acked} acknowledged, {last_seq} committed");
    assert!(acked >= ACKED_BEFORE_SIGTERM && last_seq as usize >= acked);

    // After the restart every acknowledged note is there, with its text.
    server.start_again().await?;
    let after = snapshot(&server, &board.board_id, &board.facilitator_key).await?;
    assert_eq!(after.seq, last_seq as u64);
    for p in &seen {
        for op_id in &p.acked {
            let (Op::PostNote { text, .. }, note) = &p.sent[op_id] else {
                unreachable!("phones only post notes")
            };
            assert_eq!(
                after.board.notes.get(note).map(|n| &n.text),
                Some(text),
                "acknowledged note {note} is back"
            );
        }
    }

    // Each phone resumes from its last seq and resends what was never answered, with the same
    // op_ids. Whatever the server had committed is answered, not applied again.
    for p in &seen {
        let (mut c, _) = Client::join(
            &server.ws_url(),
            &board.board_id,
            &p.token,
            Some(p.last_seq),
        )
        .await?;
        for (op_id, (op, _)) in p.sent.iter().filter(|(id, _)| !p.acked.contains(id)) {
            c.send(&ClientMsg::Op {
                op_id: op_id.clone(),
                op: op.clone(),
            })
            .await?;
            let (answer, _) = c.answer_to(op_id).await?;
            assert!(matches!(answer, ServerMsg::Applied { .. }), "{answer:?}");
        }
    }
    let end = snapshot(&server, &board.board_id, &board.facilitator_key).await?;
    assert_eq!(end.board.notes.len(), sent, "every note once, none twice");
    assert_eq!(end.seq, sent as u64, "one seq per note");
    Ok(())
}
