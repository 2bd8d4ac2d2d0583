//! Who wrote a hidden note is as private as what it says. A participant's id is public (it is the
//! `author` of every note they wrote in the open, beside their name), so an `applied` that
//! named its actor while the note it touched is hidden would tell the room who wrote it. Checked
//! on the raw frames of another participant and the projector: live, and resumed.

use talkoot_shared::{Colour, Op, ServerMsg};
use talkoot_tests::ops::{edit, go_to, phases, post, sections, welcome_seq};
use talkoot_tests::{Client, TestServer};

#[tokio::test]
async fn no_applied_tells_anyone_else_who_wrote_a_hidden_note() -> anyhow::Result<()> {
    let mut server = TestServer::start().await?;
    let board = server
        .create_board("Työpaja", &["Ryhmä 1", "Ryhmä 2"])
        .await?;
    let (mut f, welcome) = server.facilitator(&board).await?;
    let s = sections(&welcome);
    let ph = phases(&welcome);
    let author = server.join(&board.join_code, Some("Pirkko")).await?;
    let author_id = author.participant_id.as_str();
    let (mut a, _) = Client::join(&server.ws_url(), &board.board_id, &author.token, None).await?;
    // Before private writing the author's id is public, on a note with their name.
    let (op, _) = post(&s[0], "julkinen");
    a.apply(op).await?;
    let start = f.apply(go_to(&ph[0])).await?;

    let other = server.join(&board.join_code, Some("Olli")).await?;
    let (mut o, _) = Client::join(&server.ws_url(), &board.board_id, &other.token, None).await?;
    let (mut v, _) = Client::join(
        &server.ws_url(),
        &board.board_id,
        &board.projector_key,
        None,
    )
    .await?;
    let (mut f2, f_welcome) = server.facilitator(&board).await?;
    assert_eq!(welcome_seq(&f_welcome), start);

    // The author posts, edits, recolours, moves and deletes hidden notes.
    let (op, kept) = post(&s[0], "piilossa");
    a.apply(op).await?;
    a.apply(edit(&kept, "piilossa, muokattu")).await?;
    a.apply(Op::RecolourNote {
        id: kept.clone(),
        colour: Colour::Green,
    })
    .await?;
    a.apply(Op::MoveNote {
        id: kept.clone(),
        section: s[1].clone(),
        before: None,
    })
    .await?;
    let (op, dropped) = post(&s[0], "pois");
    a.apply(op).await?;
    let last = a.apply(Op::DeleteNote { id: dropped }).await?;

    for (who, c) in [("the other participant", &mut o), ("the projector", &mut v)] {
        let frames = c.frames_through(last).await?.0;
        assert_eq!(
            frames.iter().filter(|f| f.contains("\"applied\"")).count() as u64,
            last - start,
            "{who} got every seq"
        );
        for frame in &frames {
            assert!(
                !frame.contains(author_id),
                "{who} learned who wrote a hidden note from {frame}"
            );
        }
    }
    // Resumed from before the private notes, the same.
    for token in [&other.token, &board.projector_key] {
        let (mut c, welcome) =
            Client::join(&server.ws_url(), &board.board_id, token, Some(start)).await?;
        assert!(matches!(welcome, ServerMsg::Welcome { snapshot: None, .. }));
        for frame in c.frames_through(last).await?.0 {
            assert!(
                !frame.contains(author_id),
                "a resume told the author: {frame}"
            );
        }
    }
    // The facilitators still see who did each.
    for frame in f2.frames_through(last).await?.0 {
        let msg: ServerMsg = serde_json::from_str(&frame)?;
        if let ServerMsg::Applied { actor, .. } = msg {
            assert_eq!(actor.as_str(), author_id, "a facilitator sees the actor");
        }
    }
    // After a crash the room rebuilds its resume window from the op log: the same again.
    drop((a, o, v, f, f2));
    server.kill_9().await?;
    server.start_again().await?;
    for token in [&other.token, &board.projector_key] {
        let (mut c, welcome) =
            Client::join(&server.ws_url(), &board.board_id, token, Some(start)).await?;
        assert!(matches!(welcome, ServerMsg::Welcome { snapshot: None, .. }));
        for frame in c.frames_through(last).await?.0 {
            assert!(
                !frame.contains(author_id),
                "a resume after a crash told the author: {frame}"
            );
        }
    }
    Ok(())
}
