//! Stopping and starting the server costs nothing: the board comes back exactly, seq continues,
//! and a phone that was connected resumes from its last seq.

use talkoot_shared::http::Snapshot;
use talkoot_shared::{Op, ServerMsg};
use talkoot_tests::client::Event;
use talkoot_tests::ops::{edit, post, sections, welcome_seq};
use talkoot_tests::{Client, TestServer};

async fn snapshot(server: &TestServer, board: &str, token: &str) -> anyhow::Result<Snapshot> {
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
async fn after_a_restart_the_board_is_back_exactly_and_seq_continues() -> anyhow::Result<()> {
    let mut server = TestServer::start().await?;
    let board = server
        .create_board("Työpaja", &["Nuoret", "Ikäihmiset"])
        .await?;
    let anna = server.join(&board.join_code, Some("Anna")).await?;
    let (mut a, welcome) =
        Client::join(&server.ws_url(), &board.board_id, &anna.token, None).await?;
    let s = sections(&welcome);
    let mut notes = Vec::new();
    for i in 0..30 {
        let (op, id) = post(&s[i % 2], &format!("Tarve {i}"));
        a.apply(op).await?;
        notes.push(id);
    }
    a.apply(edit(&notes[0], "Muokattu ennen katkoa")).await?;
    a.apply(Op::MoveNote {
        id: notes[1].clone(),
        section: s[0].clone(),
        before: Some(notes[0].clone()),
    })
    .await?;
    a.apply(Op::DeleteNote {
        id: notes[2].clone(),
    })
    .await?;
    let before = snapshot(&server, board.board_id.as_str(), &anna.token).await?;
    assert_eq!(before.seq, 33);

    server.restart().await?;
    // The connected phone was told the server is going away.
    match a.next_event().await? {
        Event::Closed(Some(frame)) => assert_eq!(u16::from(frame.code), 1001),
        other => panic!("expected a 1001 close, got {other:?}"),
    }

    let after = snapshot(&server, board.board_id.as_str(), &anna.token).await?;
    assert_eq!(after.board, before.board, "the board is back exactly");
    assert_eq!(after.seq, before.seq);
    assert_eq!(after.join_code, board.join_code);

    // The phone resumes from its last seq: no snapshot, then the next op gets seq 34.
    let (mut a, welcome) =
        Client::join(&server.ws_url(), &board.board_id, &anna.token, Some(33)).await?;
    assert!(
        matches!(
            welcome,
            ServerMsg::Welcome {
                seq: 33,
                snapshot: None,
                ..
            }
        ),
        "{welcome:?}"
    );
    let (op, _) = post(&s[1], "Katkon jälkeen");
    assert_eq!(a.apply(op).await?, 34);
    // The token still makes Anna the owner of her notes.
    a.apply(edit(&notes[3], "Edelleen minun")).await?;
    Ok(())
}

#[tokio::test]
async fn a_client_behind_gets_the_missed_ops_or_a_snapshot() -> anyhow::Result<()> {
    let server = TestServer::start().await?;
    let board = server.create_board("Työpaja", &["Ryhmä"]).await?;
    let (mut f, welcome) = server.facilitator(&board).await?;
    let s = sections(&welcome);
    for i in 0..5 {
        f.apply(post(&s[0], &format!("{i}")).0).await?;
    }
    // Two behind: welcome without snapshot, then seq 4 and 5 in order.
    let anna = server.join(&board.join_code, None).await?;
    let (mut a, welcome) =
        Client::join(&server.ws_url(), &board.board_id, &anna.token, Some(3)).await?;
    assert!(
        matches!(
            welcome,
            ServerMsg::Welcome {
                seq: 5,
                snapshot: None,
                ..
            }
        ),
        "{welcome:?}"
    );
    for expected in [4, 5] {
        match a.recv_content().await? {
            ServerMsg::Applied { seq, .. } => assert_eq!(seq, expected),
            other => panic!("expected applied {expected}, got {other:?}"),
        }
    }
    // From nothing, or from a seq the server never had: a snapshot.
    for last_seq in [None, Some(99)] {
        let (_, welcome) =
            Client::join(&server.ws_url(), &board.board_id, &anna.token, last_seq).await?;
        match welcome {
            ServerMsg::Welcome {
                seq: 5,
                snapshot: Some(ref board),
                ..
            } => assert_eq!(board.notes.len(), 5),
            other => panic!("expected a snapshot at seq 5, got {other:?}"),
        }
        assert_eq!(welcome_seq(&welcome), 5);
    }
    Ok(())
}

#[tokio::test]
async fn a_long_board_loads_from_its_latest_snapshot_plus_the_log_after_it() -> anyhow::Result<()> {
    // 520 ops in quick succession: more than one connection may send at once by default.
    let mut server = TestServer::start_with(&["--ops-burst", "1000"]).await?;
    let board = server.create_board("Työpaja", &["Ryhmä"]).await?;
    let (mut f, welcome) = server.facilitator(&board).await?;
    let s = sections(&welcome);
    let (op, note) = post(&s[0], "0");
    f.apply(op).await?;
    // Past the snapshot interval (500 ops), so that a snapshot is written at some seq in
    // 500..=505; then 16 more ops, so loading = that snapshot + a tail of the log. At most
    // 104 ops in flight, so the answers always fit the connection's outbox.
    let mut version = 0;
    for until in [101, 201, 301, 401, 505, 521] {
        while version + 1 < until {
            version += 1;
            f.op(edit(&note, &format!("versio {version}"))).await?;
        }
        let mut last = 0;
        while last < until {
            if let ServerMsg::Applied { seq, .. } = f.recv_content().await? {
                last = seq;
            }
        }
    }
    let before = snapshot(&server, board.board_id.as_str(), &board.facilitator_key).await?;
    // Killed, not stopped: a graceful stop would write a snapshot at the last seq.
    server.kill_9().await?;
    server.start_again().await?;
    let after = snapshot(&server, board.board_id.as_str(), &board.facilitator_key).await?;
    assert_eq!((after.seq, &after.board), (521, &before.board));
    assert_eq!(after.board.notes[&note].text, "versio 520");
    // The load really started from a snapshot past seq 500, not from the beginning of the log.
    let db = sqlx::SqlitePool::connect(&format!(
        "sqlite://{}",
        server.data_dir().join("talkoot.db").display()
    ))
    .await?;
    let (snapshot_seq,): (i64,) = sqlx::query_as("SELECT max(seq) FROM snapshots")
        .fetch_one(&db)
        .await?;
    assert!(
        (500..=505).contains(&snapshot_seq),
        "snapshot at {snapshot_seq}"
    );
    Ok(())
}
