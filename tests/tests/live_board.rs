//! A live workshop: everyone in a board sees the same edits in the same order; other boards
//! see nothing; participants only touch their own notes; a resent op is applied once.

use talkoot_shared::reject::RejectReason;
use talkoot_shared::{ClientMsg, Op, OpId, ServerMsg};
use talkoot_tests::ops::{edit, post, sections, welcome_seq};
use talkoot_tests::{Client, TestServer, new_id};

fn applied_seq_and_op(msg: &ServerMsg) -> (u64, OpId) {
    match msg {
        ServerMsg::Applied { seq, op_id, .. } => (*seq, op_id.clone()),
        other => panic!("expected applied, got {other:?}"),
    }
}

#[tokio::test]
async fn two_phones_see_every_edit_in_the_same_order_and_another_board_sees_nothing()
-> anyhow::Result<()> {
    let server = TestServer::start().await?;
    let board = server
        .create_board(
            "Nuorten palvelut",
            &["Nuorten psykososiaalinen tuki", "Ikäihmisten palvelut"],
        )
        .await?;
    let other = server.create_board("Toinen työpaja", &["Muut"]).await?;
    let anna = server.join(&board.join_code, Some("Anna")).await?;
    let ben = server.join(&board.join_code, None).await?;
    let outsider = server.join(&other.join_code, Some("Olli")).await?;

    let (mut a, welcome) =
        Client::join(&server.ws_url(), &board.board_id, &anna.token, None).await?;
    let (mut b, _) = Client::join(&server.ws_url(), &board.board_id, &ben.token, None).await?;
    let (mut o, o_welcome) =
        Client::join(&server.ws_url(), &other.board_id, &outsider.token, None).await?;
    let s = sections(&welcome);

    // Both phones write at the same time, without waiting for answers.
    let mut sent = Vec::new();
    for i in 0..10 {
        let (op, _) = post(&s[i % 2], &format!("Anna {i}"));
        sent.push(a.op(op).await?);
        let (op, _) = post(&s[(i + 1) % 2], &format!("Ben {i}"));
        sent.push(b.op(op).await?);
    }
    let mut seen_a = Vec::new();
    let mut seen_b = Vec::new();
    for _ in 0..sent.len() {
        seen_a.push(applied_seq_and_op(&a.recv_content().await?));
        seen_b.push(applied_seq_and_op(&b.recv_content().await?));
    }
    assert_eq!(
        seen_a, seen_b,
        "both phones see the same ops in the same order"
    );
    let seqs: Vec<u64> = seen_a.iter().map(|(s, _)| *s).collect();
    assert_eq!(seqs, (1..=20).collect::<Vec<_>>(), "seq is gapless from 1");
    let mut ids: Vec<OpId> = seen_a.into_iter().map(|(_, id)| id).collect();
    ids.sort();
    sent.sort();
    assert_eq!(ids, sent, "every op sent was applied exactly once");

    // The other board's member got nothing: the first thing it hears after its own op is
    // that op, at its board's seq 1.
    let (op, _) = post(&sections(&o_welcome)[0], "Muualla");
    let op_id = o.op(op).await?;
    match o.recv_content().await? {
        ServerMsg::Applied { seq, op_id: id, .. } => {
            assert_eq!(
                (seq, id),
                (1, op_id),
                "another board's ops never reach this board"
            )
        }
        other => panic!("the other board received {other:?}"),
    }
    Ok(())
}

#[tokio::test]
async fn a_participant_cannot_edit_or_delete_someone_elses_note_but_the_facilitator_can()
-> anyhow::Result<()> {
    let server = TestServer::start().await?;
    let board = server.create_board("Työpaja", &["Ryhmä 1"]).await?;
    let anna = server.join(&board.join_code, Some("Anna")).await?;
    let ben = server.join(&board.join_code, Some("Ben")).await?;
    let (mut a, welcome) =
        Client::join(&server.ws_url(), &board.board_id, &anna.token, None).await?;
    let (mut b, _) = Client::join(&server.ws_url(), &board.board_id, &ben.token, None).await?;
    let (mut f, _) = server.facilitator(&board).await?;
    let s = sections(&welcome);

    let (op, note) = post(&s[0], "Annan idea");
    a.apply(op).await?;

    for op in [
        edit(&note, "Benin muokkaus"),
        Op::DeleteNote { id: note.clone() },
    ] {
        let op_id = b.op(op).await?;
        let (answer, _) = b.answer_to(&op_id).await?;
        assert_eq!(
            answer,
            ServerMsg::Rejected {
                op_id,
                reason: RejectReason::Forbidden
            }
        );
    }
    // The note is untouched, and the facilitator may edit it.
    let seq = f.apply(edit(&note, "Fasilitaattorin tarkennus")).await?;
    assert_eq!(seq, 2, "the rejected ops took no seq");
    let snapshot: talkoot_shared::http::Snapshot = server
        .http()
        .get(server.url(&format!("/api/boards/{}", board.board_id)))
        .bearer_auth(&ben.token)
        .send()
        .await?
        .json()
        .await?;
    assert_eq!(
        snapshot.board.notes[&note].text,
        "Fasilitaattorin tarkennus"
    );
    assert_eq!(
        snapshot.board.notes[&note].author_name.as_deref(),
        Some("Anna")
    );
    Ok(())
}

#[tokio::test]
async fn the_same_op_id_sent_twice_is_applied_once_even_across_a_reconnect() -> anyhow::Result<()> {
    let server = TestServer::start().await?;
    let board = server.create_board("Työpaja", &["Ryhmä 1"]).await?;
    let anna = server.join(&board.join_code, Some("Anna")).await?;
    let (mut a, welcome) =
        Client::join(&server.ws_url(), &board.board_id, &anna.token, None).await?;
    let (mut watcher, _) = server.facilitator(&board).await?;
    let s = sections(&welcome);

    let (op, note) = post(&s[0], "Vain kerran");
    let op_id: OpId = new_id();
    let msg = ClientMsg::Op {
        op_id: op_id.clone(),
        op,
    };
    // Twice back to back (same batch or not), then again on a new connection.
    a.send(&msg).await?;
    a.send(&msg).await?;
    let (first, _) = a.answer_to(&op_id).await?;
    let (second, _) = a.answer_to(&op_id).await?;
    assert_eq!(first, second, "the resend gets the original result");
    a.close().await?;
    let (mut a2, welcome2) =
        Client::join(&server.ws_url(), &board.board_id, &anna.token, Some(1)).await?;
    assert_eq!(welcome_seq(&welcome2), 1);
    a2.send(&msg).await?;
    let (third, _) = a2.answer_to(&op_id).await?;
    assert_eq!(
        first, third,
        "a resend after reconnecting gets the original result"
    );

    // Everyone else saw it once: the next thing the watcher sees after seq 1 is seq 2.
    let (seq, id) = applied_seq_and_op(&watcher.recv_content().await?);
    assert_eq!((seq, &id), (1, &op_id));
    let seq2 = a2.apply(edit(&note, "muokattu")).await?;
    assert_eq!(seq2, 2);
    assert_eq!(applied_seq_and_op(&watcher.recv_content().await?).0, 2);
    Ok(())
}

#[tokio::test]
async fn presence_counts_who_is_connected() -> anyhow::Result<()> {
    let server = TestServer::start().await?;
    let board = server.create_board("Työpaja", &["Ryhmä 1"]).await?;
    let anna = server.join(&board.join_code, None).await?;
    let (mut f, welcome) = server.facilitator(&board).await?;
    assert!(matches!(welcome, ServerMsg::Welcome { online: 1, .. }));
    assert_eq!(
        f.recv().await?,
        ServerMsg::Presence {
            online: 1,
            groups: Default::default()
        }
    );
    let (a, _) = Client::join(&server.ws_url(), &board.board_id, &anna.token, None).await?;
    assert_eq!(
        f.recv().await?,
        ServerMsg::Presence {
            online: 2,
            groups: Default::default()
        }
    );
    a.close().await?;
    assert_eq!(
        f.recv().await?,
        ServerMsg::Presence {
            online: 1,
            groups: Default::default()
        }
    );
    Ok(())
}

#[tokio::test]
async fn an_idle_board_unloads_and_comes_back_when_someone_returns() -> anyhow::Result<()> {
    let server = TestServer::start_with(&["--room-idle-secs", "1"]).await?;
    let board = server.create_board("Työpaja", &["Ryhmä 1"]).await?;
    let (mut f, welcome) = server.facilitator(&board).await?;
    let (op, note) = post(&sections(&welcome)[0], "Ennen taukoa");
    f.apply(op).await?;
    f.close().await?;

    let rooms = || async {
        let health: serde_json::Value = server
            .http()
            .get(server.url("/api/health"))
            .send()
            .await?
            .json()
            .await?;
        anyhow::Ok(health["rooms"].as_u64().unwrap_or(u64::MAX))
    };
    let mut waited = 0;
    while rooms().await? != 0 {
        anyhow::ensure!(waited < 100, "the empty room never unloaded");
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        waited += 1;
    }
    let (mut f, welcome) = server.facilitator(&board).await?;
    match welcome {
        ServerMsg::Welcome {
            seq: 1,
            snapshot: Some(b),
            ..
        } => assert_eq!(b.notes[&note].text, "Ennen taukoa"),
        other => panic!("expected the reloaded board, got {other:?}"),
    }
    assert_eq!(f.apply(edit(&note, "Tauon jälkeen")).await?, 2);
    Ok(())
}
