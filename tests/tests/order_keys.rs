//! Order keys stay short through the real server: swapping two notes back and forth hundreds
//! of times makes the server renumber the section, and that renumbering reaches every client as
//! ordinary changes, so a phone that only upserts what it is sent keeps the server's order.

use talkoot_shared::limits::MAX_ORDER_KEY_LEN;
use talkoot_shared::{Board, Change, NoteId, Op, ServerMsg};
use talkoot_tests::ops::{post, sections};
use talkoot_tests::replica::Replica;
use talkoot_tests::{Client, TestServer};

const SWAPS: usize = 320;

/// The changes of an `applied` with this seq, after checking that every key in them is within
/// the bound.
fn applied_changes(msg: ServerMsg, expected_seq: u64) -> anyhow::Result<Vec<Change>> {
    let ServerMsg::Applied { seq, changes, .. } = msg else {
        anyhow::bail!("expected applied, got {msg:?}");
    };
    anyhow::ensure!(seq == expected_seq, "seq {seq}, expected {expected_seq}");
    for change in &changes {
        let key = match change {
            Change::Note { note } => &note.order,
            Change::Section { section } => &section.order,
            Change::NoteOrder { order, .. } | Change::SectionOrder { order, .. } => order,
            _ => continue,
        };
        anyhow::ensure!(
            key.len() <= MAX_ORDER_KEY_LEN,
            "seq {seq} carries a {}-character key {key}",
            key.len()
        );
    }
    Ok(changes)
}

fn note_order(board: &Board) -> Vec<NoteId> {
    let section = &board.ordered_sections()[0].id;
    board
        .notes_in(section)
        .iter()
        .map(|n| n.id.clone())
        .collect()
}

#[tokio::test]
async fn hundreds_of_swaps_between_the_same_neighbours_keep_keys_short_and_every_client_in_order()
-> anyhow::Result<()> {
    let server =
        TestServer::start_with(&["--ops-burst", "100000", "--ops-per-second", "100000"]).await?;
    let board = server.create_board("Järjestys", &["Ideat"]).await?;
    let (mut facilitator, welcome) = server.facilitator(&board).await?;
    let section = sections(&welcome)[0].clone();
    // A second phone that only upserts what it is sent.
    let anna = server.join(&board.join_code, Some("Anna")).await?;
    let (mut phone, phone_welcome) =
        Client::join(&server.ws_url(), &board.board_id, &anna.token, None).await?;
    let mut replica = Replica::default();
    let mut seq = replica.welcome(&phone_welcome)?;

    let mut expected = Vec::new();
    for text in ["ensimmäinen", "x", "y", "viimeinen"] {
        let (op, id) = post(&section, text);
        let op_id = facilitator.op(op).await?;
        seq += 1;
        applied_changes(facilitator.answer_to(&op_id).await?.0, seq)?;
        replica.applied(seq, &applied_changes(phone.recv_content().await?, seq)?)?;
        expected.push(id);
    }

    // x and y swap places between the same two neighbours: every move splits the same gap.
    let (x, y) = (expected[1].clone(), expected[2].clone());
    let mut renumberings = 0;
    for i in 0..SWAPS {
        let (moved, before) = if i % 2 == 0 { (&y, &x) } else { (&x, &y) };
        let op_id = facilitator
            .op(Op::MoveNote {
                id: moved.clone(),
                section: section.clone(),
                before: Some(before.clone()),
            })
            .await?;
        seq += 1;
        let own = applied_changes(facilitator.answer_to(&op_id).await?.0, seq)?;
        let seen = applied_changes(phone.recv_content().await?, seq)?;
        anyhow::ensure!(own == seen, "both screens get the same changes");
        if seen.len() > 1 {
            renumberings += 1;
        }
        replica.applied(seq, &seen)?;
        expected.swap(1, 2);
        let replica_board = replica.board.as_ref().expect("a snapshot");
        anyhow::ensure!(
            note_order(replica_board) == expected,
            "after swap {i} the phone shows {:?}, not {expected:?}",
            note_order(replica_board)
        );
    }
    anyhow::ensure!(
        renumberings >= 1,
        "{SWAPS} swaps never needed the section renumbered"
    );

    // A screen that loads the board now gets a snapshot within the bound, in the same order,
    // and equal to what the upserting phone built.
    let (late, late_welcome) = server.facilitator(&board).await?;
    let ServerMsg::Welcome {
        seq: late_seq,
        snapshot: Some(snapshot),
        ..
    } = &late_welcome
    else {
        anyhow::bail!("expected a welcome with a snapshot, got {late_welcome:?}");
    };
    anyhow::ensure!(
        *late_seq == seq,
        "welcome at seq {late_seq}, expected {seq}"
    );
    for note in snapshot.notes.values() {
        anyhow::ensure!(
            note.order.len() <= MAX_ORDER_KEY_LEN,
            "the snapshot has a {}-character key {}",
            note.order.len(),
            note.order
        );
    }
    anyhow::ensure!(note_order(snapshot) == expected, "the snapshot's order");
    anyhow::ensure!(
        replica.board.as_ref() == Some(snapshot),
        "the phone that only upserted ended where the server is"
    );
    snapshot.check_invariants()?;
    late.close().await?;
    phone.close().await?;
    facilitator.close().await?;
    Ok(())
}
