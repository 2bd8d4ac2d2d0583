//! Private writing and the reveal, checked on the raw WebSocket frames and HTTP bodies of the
//! people who must not see: another participant and the projector. While the phase keeps notes
//! private, a participant's note (text, colour, author) reaches only its author and the
//! facilitators; everyone else learns only that a hidden note is in a section. No path may
//! carry the text: not `applied`, not `welcome`, not a resumed tail from any `last_seq`, not a
//! resent op's answer, not `GET /api/boards/{id}`. The reveal brings every hidden note to every
//! screen in one seq.

use std::collections::BTreeSet;

use talkoot_shared::http::{BoardCreated, Snapshot};
use talkoot_shared::{Change, Colour, NoteId, Op, OpId, ParticipantId, ServerMsg};
use talkoot_tests::ops::{edit, go_to, phases, post, sections, snapshot, welcome_seq};
use talkoot_tests::{Client, TestServer};

/// Unique markers in the private texts: none may appear in a frame an outsider receives.
const SECRET_FIRST: &str = "SALAISUUS-ensimmäinen";
const SECRET_EDITED: &str = "SALAISUUS-muokattu";
const AUTHOR_NAME: &str = "Pirkko Piilonen";

fn assert_no_secret(frames: &[String], who: &str) {
    for frame in frames {
        for secret in [SECRET_FIRST, SECRET_EDITED, AUTHOR_NAME] {
            assert!(
                !frame.contains(secret),
                "{who} was sent hidden text {secret:?} in {frame}"
            );
        }
    }
}

async fn http_snapshot(server: &TestServer, board: &BoardCreated, token: &str) -> String {
    let res = server
        .http()
        .get(server.url(&format!("/api/boards/{}", board.board_id)))
        .bearer_auth(token)
        .send()
        .await
        .expect("snapshot request");
    assert_eq!(res.status(), 200);
    res.text().await.expect("snapshot body")
}

#[tokio::test]
async fn hidden_text_reaches_no_one_but_its_author_and_the_facilitators() -> anyhow::Result<()> {
    let server = TestServer::start().await?;
    let board = server
        .create_board("Työpaja", &["Ryhmä 1", "Ryhmä 2"])
        .await?;
    let (mut f, welcome) = server.facilitator(&board).await?;
    let s = sections(&welcome);
    let ph = phases(&welcome);
    let (write, discuss) = (&ph[0], &ph[1]);
    assert!(write.private_notes && !discuss.private_notes);
    f.apply(go_to(write)).await?;

    let author = server.join(&board.join_code, Some(AUTHOR_NAME)).await?;
    let other = server.join(&board.join_code, Some("Olli")).await?;
    let (mut a, _) = Client::join(&server.ws_url(), &board.board_id, &author.token, None).await?;
    let (mut o, o_welcome) =
        Client::join(&server.ws_url(), &board.board_id, &other.token, None).await?;
    let (mut v, _) = Client::join(
        &server.ws_url(),
        &board.board_id,
        &board.projector_key,
        None,
    )
    .await?;
    let start = welcome_seq(&o_welcome);

    // The author posts, edits, recolours and moves a note; a facilitator edits it too.
    let (op, note) = post(&s[0], SECRET_FIRST);
    a.apply(op).await?;
    a.apply(edit(&note, SECRET_EDITED)).await?;
    a.apply(Op::RecolourNote {
        id: note.clone(),
        colour: Colour::Pink,
    })
    .await?;
    a.apply(Op::MoveNote {
        id: note.clone(),
        section: s[1].clone(),
        before: None,
    })
    .await?;
    let last = f
        .apply(edit(&note, &format!("{SECRET_EDITED} (fasilitaattori)")))
        .await?;

    // Every seq reaches the other participant and the projector, each without the text.
    let expected: Vec<u64> = (start + 1..=last).collect();
    for (who, c) in [("the other participant", &mut o), ("the projector", &mut v)] {
        let (frames, seqs) = c.frames_through(last).await?;
        assert_eq!(seqs, expected, "{who} got every seq, gapless");
        assert_no_secret(&frames, who);
        let hidden_in_second = frames.iter().any(|f| {
            f.contains("\"hidden_note\"") && f.contains(note.as_str()) && f.contains(s[1].as_str())
        });
        assert!(hidden_in_second, "{who} learns the hidden note moved");
    }
    // The author and the facilitator see it whole; it is marked private.
    let (frames, _) = a.frames_through(last).await?;
    assert!(frames.iter().any(|f| f.contains(SECRET_EDITED)));
    let (_, f_board) = Client::join(
        &server.ws_url(),
        &board.board_id,
        &board.facilitator_key,
        None,
    )
    .await?;
    let full = snapshot(&f_board);
    assert!(full.notes[&note].private);
    assert_eq!(full.notes[&note].author_name.as_deref(), Some(AUTHOR_NAME));

    // Resuming from every last_seq, and a fresh snapshot: still nothing.
    for last_seq in std::iter::once(None).chain((0..=last).map(Some)) {
        for (who, token) in [
            ("participant", &other.token),
            ("projector", &board.projector_key),
        ] {
            let mut c = Client::connect(&server.ws_url()).await?;
            c.send(&talkoot_shared::ClientMsg::Hello {
                board: board.board_id.clone(),
                token: token.clone(),
                last_seq,
                group: None,
            })
            .await?;
            let mut frames = vec![c.recv_text().await?];
            let welcome: ServerMsg = serde_json::from_str(&frames[0])?;
            if let ServerMsg::Welcome {
                snapshot: None,
                seq,
                ..
            } = welcome
            {
                let from = last_seq.unwrap_or(0);
                if seq > from {
                    frames.extend(c.frames_through(seq).await?.0);
                }
            }
            assert_no_secret(&frames, &format!("a {who} resuming from {last_seq:?}"));
            let view: ServerMsg = serde_json::from_str(&frames[0])?;
            if let ServerMsg::Welcome {
                snapshot: Some(b), ..
            } = view
            {
                assert!(!b.notes.contains_key(&note));
                assert_eq!(b.hidden_notes.get(&note), Some(&s[1]));
            }
        }
    }

    // Over HTTP: the same view.
    for (who, token) in [
        ("participant", &other.token),
        ("projector", &board.projector_key),
    ] {
        let body = http_snapshot(&server, &board, token).await;
        assert_no_secret(std::slice::from_ref(&body), who);
        let snap: Snapshot = serde_json::from_str(&body)?;
        assert_eq!(snap.board.hidden_notes.get(&note), Some(&s[1]));
    }
    let body = http_snapshot(&server, &board, &author.token).await;
    assert!(
        body.contains(SECRET_EDITED),
        "the author reads their own note over HTTP"
    );

    // Resending the author's op id from another participant answers `duplicate_id`, and the
    // author's own resend repeats the applied as the author sees it.
    let stolen = OpId::parse("0190f5a2-0000-7000-8000-00000000beef")?;
    a.op_as(&stolen, edit(&note, &format!("{SECRET_EDITED} 2")))
        .await?;
    let (answer, _) = a.answer_to(&stolen).await?;
    let repeat_seq = match answer {
        ServerMsg::Applied { seq, .. } => seq,
        other => anyhow::bail!("expected applied, got {other:?}"),
    };
    o.op_as(&stolen, edit(&note, "anything")).await?;
    let mut frames = Vec::new();
    loop {
        let text = o.recv_text().await?;
        let done = matches!(serde_json::from_str(&text)?, ServerMsg::Rejected { .. });
        frames.push(text);
        if done {
            break;
        }
    }
    assert_no_secret(&frames, "a participant resending the author's op id");
    assert!(
        frames
            .iter()
            .any(|f| f.contains(&format!("\"seq\":{repeat_seq}")))
    );
    Ok(())
}

#[tokio::test]
async fn the_reveal_brings_every_hidden_note_to_every_screen_in_one_seq() -> anyhow::Result<()> {
    let server = TestServer::start().await?;
    let board = server
        .create_board("Työpaja", &["Ryhmä 1", "Ryhmä 2", "Ryhmä 3"])
        .await?;
    let (mut f, welcome) = server.facilitator(&board).await?;
    let s = sections(&welcome);
    let ph = phases(&welcome);
    f.apply(go_to(&ph[0])).await?;

    let mut phones = Vec::new();
    for i in 0..3 {
        let joined = server
            .join(&board.join_code, Some(&format!("Osallistuja {i}")))
            .await?;
        let (c, _) = Client::join(&server.ws_url(), &board.board_id, &joined.token, None).await?;
        phones.push((joined.participant_id, c));
    }
    let (v, _) = Client::join(
        &server.ws_url(),
        &board.board_id,
        &board.projector_key,
        None,
    )
    .await?;
    // The phones only send, so each keeps every frame since it joined for the checks below.
    let mut written: Vec<(ParticipantId, NoteId)> = Vec::new();
    for (i, (who, c)) in phones.iter_mut().enumerate() {
        for k in 0..2 {
            let (op, id) = post(&s[i], &format!("yksityinen {i}-{k}"));
            c.op(op).await?;
            written.push((who.clone(), id));
        }
    }
    let mut posted = 0;
    while posted < written.len() {
        if let ServerMsg::Applied { .. } = f.recv_content().await? {
            posted += 1;
        }
    }
    let reveal = f.apply(go_to(&ph[1])).await?;

    // Each phone and the projector get, in the reveal's one applied, every note it lacked.
    let mut screens: Vec<(Option<ParticipantId>, Client)> =
        phones.into_iter().map(|(p, c)| (Some(p), c)).collect();
    screens.push((None, v));
    for (me, c) in &mut screens {
        let (frames, _) = c.frames_through(reveal).await?;
        let applied: ServerMsg = serde_json::from_str(frames.last().expect("the reveal"))?;
        let ServerMsg::Applied { changes, .. } = applied else {
            anyhow::bail!("expected the reveal's applied");
        };
        let revealed: BTreeSet<&NoteId> = changes
            .iter()
            .filter_map(|c| match c {
                Change::Note { note } if !note.private => Some(&note.id),
                _ => None,
            })
            .collect();
        let all: BTreeSet<&NoteId> = written.iter().map(|(_, id)| id).collect();
        assert_eq!(revealed, all, "{me:?} gets every note in the reveal");
        for (author, id) in &written {
            if Some(author) != me.as_ref() {
                let hidden_before = frames[..frames.len() - 1]
                    .iter()
                    .any(|f| f.contains(id.as_str()) && f.contains("\"hidden_note\""));
                assert!(
                    hidden_before,
                    "{me:?} had only a hidden note {id} before the reveal"
                );
            }
        }
    }
    // After the reveal, a snapshot holds every note and nothing hidden, for everyone.
    let (_, later) = Client::join(
        &server.ws_url(),
        &board.board_id,
        &board.projector_key,
        None,
    )
    .await?;
    let b = snapshot(&later);
    assert_eq!(b.notes.len(), written.len());
    assert!(b.hidden_notes.is_empty());
    assert!(b.notes.values().all(|n| !n.private));
    Ok(())
}

#[tokio::test]
async fn switching_the_current_phases_private_notes_reveals_at_once_and_never_hides_again()
-> anyhow::Result<()> {
    let server = TestServer::start().await?;
    let board = server.create_board("Työpaja", &["Ryhmä 1"]).await?;
    let (mut f, welcome) = server.facilitator(&board).await?;
    let s = sections(&welcome);
    let mut ph = phases(&welcome);
    f.apply(go_to(&ph[0])).await?;
    let author = server.join(&board.join_code, Some(AUTHOR_NAME)).await?;
    let (mut a, _) = Client::join(&server.ws_url(), &board.board_id, &author.token, None).await?;
    let (mut v, _) = Client::join(
        &server.ws_url(),
        &board.board_id,
        &board.projector_key,
        None,
    )
    .await?;
    let (op, first) = post(&s[0], SECRET_FIRST);
    let posted = a.apply(op).await?;

    // Turning the current phase's switch off is a reveal, in that one applied, with no
    // go_to_phase.
    ph[0].private_notes = false;
    let reveal = f.apply(Op::SetPhases { phases: ph.clone() }).await?;
    let (frames, _) = v.frames_through(reveal).await?;
    let (before, last) = frames.split_at(frames.len() - 1);
    assert_no_secret(before, "the projector before the reveal");
    let ServerMsg::Applied { changes, .. } = serde_json::from_str(&last[0])? else {
        anyhow::bail!("expected the reveal's applied");
    };
    assert!(matches!(&changes[0], Change::Phases { .. }));
    assert!(
        changes.iter().any(|c| matches!(c,
            Change::Note { note } if note.id == first && !note.private && note.text == SECRET_FIRST)),
        "the reveal carries the note whole: {changes:?}"
    );
    assert!(posted < reveal);

    // Turning it on again hides only what is written from then on.
    ph[0].private_notes = true;
    f.apply(Op::SetPhases { phases: ph }).await?;
    let (op, second) = post(&s[0], SECRET_EDITED);
    let last = a.apply(op).await?;
    let (frames, _) = v.frames_through(last).await?;
    assert!(
        frames
            .iter()
            .all(|f| !f.contains(SECRET_EDITED) && !f.contains(author.participant_id.as_str())),
        "the new note is hidden: {frames:?}"
    );
    let (_, later) = Client::join(
        &server.ws_url(),
        &board.board_id,
        &board.projector_key,
        None,
    )
    .await?;
    let seen = snapshot(&later);
    assert_eq!(
        seen.notes[&first].text, SECRET_FIRST,
        "a revealed note stays"
    );
    assert!(!seen.notes[&first].private);
    assert_eq!(seen.hidden_notes.get(&second), Some(&s[0]));
    Ok(())
}

/// Reads a counter from `/metrics`.
async fn counter(server: &TestServer, name: &str) -> anyhow::Result<u64> {
    let text = server
        .http()
        .get(server.url("/metrics"))
        .send()
        .await?
        .text()
        .await?;
    text.lines()
        .find_map(|l| l.strip_prefix(name)?.trim().parse().ok())
        .ok_or_else(|| anyhow::anyhow!("no {name} in /metrics:\n{text}"))
}

/// How many `applied` encodings one private post and one public post cost with `members`
/// participants online, and how many snapshot encodings their joins cost.
async fn encodings_with(members: usize) -> anyhow::Result<(u64, u64, u64)> {
    let server = TestServer::start().await?;
    let board = server.create_board("Työpaja", &["Ryhmä 1"]).await?;
    let (mut f, welcome) = server.facilitator(&board).await?;
    let s = sections(&welcome);
    let ph = phases(&welcome);
    let (mut v, _) = Client::join(
        &server.ws_url(),
        &board.board_id,
        &board.projector_key,
        None,
    )
    .await?;
    f.apply(go_to(&ph[0])).await?;
    let writer = server.join(&board.join_code, None).await?;
    let (mut w, _) = Client::join(&server.ws_url(), &board.board_id, &writer.token, None).await?;
    let (op, _) = post(&s[0], "ensimmäinen");
    w.apply(op).await?;

    let snapshots_before = counter(&server, "talkoot_snapshots_encoded_total").await?;
    let mut others = Vec::new();
    for _ in 0..members {
        let joined = server.join(&board.join_code, None).await?;
        let (c, _) = Client::join(&server.ws_url(), &board.board_id, &joined.token, None).await?;
        others.push(c);
    }
    let snapshots = counter(&server, "talkoot_snapshots_encoded_total").await? - snapshots_before;

    // Each count is read once every member holds the op, so every encoding has been made.
    let mut costs = Vec::new();
    for (who, text) in [(&mut w, "yksityinen"), (&mut f, "fasilitaattorin")] {
        let before = counter(&server, "talkoot_applied_encoded_total").await?;
        let (op, _) = post(&s[0], text);
        let seq = who.apply(op).await?;
        for c in others.iter_mut().chain([&mut v]) {
            c.frames_through(seq).await?;
        }
        costs.push(counter(&server, "talkoot_applied_encoded_total").await? - before);
    }
    Ok((costs[0], costs[1], snapshots))
}

#[tokio::test]
async fn encodings_per_op_do_not_grow_with_the_number_of_members() -> anyhow::Result<()> {
    let (private_few, public_few, snapshots_few) = encodings_with(2).await?;
    let (private_many, public_many, snapshots_many) = encodings_with(40).await?;
    // Facilitators and the author share one encoding; everyone else the redacted one.
    assert_eq!(private_few, 2);
    assert_eq!(private_many, private_few);
    assert_eq!(public_few, 1);
    assert_eq!(public_many, public_few);
    // Every joiner at one seq, who wrote nothing, shares one snapshot encoding.
    assert_eq!(snapshots_few, 1);
    assert_eq!(snapshots_many, snapshots_few);
    Ok(())
}
