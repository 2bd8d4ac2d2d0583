//! A phone that stops reading (screen locked, tab frozen) never slows the room: when its outbox
//! overflows it is dropped, told to resume (close 4001), and resumes from its last seq.

use talkoot_shared::{Change, Op, ServerMsg};
use talkoot_tests::client::Event;
use talkoot_tests::ops::{edit, post, sections};
use talkoot_tests::{Client, TestServer};

/// Ops sent per round before reading their answers.
const ROUND: usize = 100;
/// Upper bound on rounds: far more bytes than loopback socket buffers plus the outbox hold.
const MAX_ROUNDS: usize = 60;

#[tokio::test]
async fn a_member_that_stops_reading_is_dropped_and_resumes_while_the_room_carries_on()
-> anyhow::Result<()> {
    // Thousands of ops sent as fast as possible: far over the default op rate, by design here.
    let server =
        TestServer::start_with(&["--ops-burst", "100000", "--ops-per-second", "100000"]).await?;
    let board = server.create_board("Työpaja", &["Ryhmä"]).await?;
    let sleepy = server.join(&board.join_code, Some("Unelias")).await?;
    let (mut f, welcome) = server.facilitator(&board).await?;
    let (mut s, _) = Client::join(&server.ws_url(), &board.board_id, &sleepy.token, None).await?;
    let section = &sections(&welcome)[0];
    let (op, note) = post(section, "alku");
    f.apply(op).await?;

    // Large frames (1,000 four-byte characters), so the socket buffers fill quickly.
    let text = "😀".repeat(1000);
    let mut dropped = false;
    let mut rounds = 0;
    while !dropped && rounds < MAX_ROUNDS {
        rounds += 1;
        for _ in 0..ROUND {
            f.op(edit(&note, &text)).await?;
        }
        let mut answered = 0;
        while answered < ROUND {
            match f.recv().await? {
                ServerMsg::Applied { .. } => answered += 1,
                ServerMsg::Presence { online: 1, .. } => dropped = true,
                ServerMsg::Presence { .. } => {}
                other => panic!("unexpected {other:?}"),
            }
        }
    }
    assert!(dropped, "the stalled member was never dropped");
    let final_seq = 1 + (rounds * ROUND) as u64;

    // The phone wakes up: it reads what was buffered, in order, then the close telling it to resume.
    let mut last_seq = 0;
    let close = loop {
        match s.next_event().await? {
            Event::Msg(ServerMsg::Applied { seq, .. }) => {
                assert_eq!(
                    seq,
                    last_seq + 1,
                    "buffered ops arrive in order without gaps"
                );
                last_seq = seq;
            }
            Event::Msg(_) => {}
            Event::Closed(frame) => break frame,
        }
    };
    assert_eq!(close.map(|c| u16::from(c.code)), Some(4001));
    assert!(last_seq < final_seq, "it was dropped before the end");

    // It resumes from its last seq and gets the board as everyone else has it: a snapshot when
    // it fell further behind than the resume window, otherwise every missed op in order.
    let (mut s, welcome) = Client::join(
        &server.ws_url(),
        &board.board_id,
        &sleepy.token,
        Some(last_seq),
    )
    .await?;
    match welcome {
        ServerMsg::Welcome {
            seq,
            snapshot: Some(board),
            ..
        } => {
            assert_eq!(seq, final_seq);
            assert_eq!(board.notes[&note].text, text);
        }
        ServerMsg::Welcome {
            seq,
            snapshot: None,
            ..
        } => {
            assert_eq!(seq, final_seq);
            for expected in last_seq + 1..=final_seq {
                match s.recv_content().await? {
                    ServerMsg::Applied { seq, changes, .. } => {
                        assert_eq!(seq, expected, "missed ops arrive in order without gaps");
                        assert!(
                            matches!(&changes[..], [Change::Note { note: n }] if n.text == text)
                        );
                    }
                    other => panic!("expected a missed op, got {other:?}"),
                }
            }
        }
        other => panic!("expected a welcome, got {other:?}"),
    }
    s.apply(Op::PostNote {
        id: talkoot_tests::new_id(),
        section: section.clone(),
        text: "hereillä".into(),
        colour: talkoot_shared::Colour::Green,
        on_behalf_of: None,
    })
    .await?;
    Ok(())
}
