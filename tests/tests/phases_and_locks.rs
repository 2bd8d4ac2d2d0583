//! Phases and locks through the real server: a new board has the default phases, the
//! facilitator moves to any phase and edits the list, the switches bind participants (and never
//! facilitators), locks refuse participants' changes with `locked`, and all of it survives a
//! restart because it is in the log.

use talkoot_shared::reject::{Field, RejectReason};
use talkoot_shared::{Colour, Op, Phase, PhaseId};
use talkoot_tests::ops::{edit, go_to, phases, post, sections, snapshot};
use talkoot_tests::{Client, TestServer, new_id};

fn phase(title: &str, posting_open: bool, private_notes: bool) -> Phase {
    Phase {
        id: new_id::<PhaseId>(),
        title: title.into(),
        instruction: format!("{title}: ohje"),
        posting_open,
        private_notes,
        voting_open: false,
        votes_shown: false,
    }
}

#[tokio::test]
async fn a_new_board_has_the_default_phases_and_starts_in_none() -> anyhow::Result<()> {
    let server = TestServer::start().await?;
    let board = server.create_board("Työpaja", &["Ryhmä 1"]).await?;
    let (_, welcome) = server.facilitator(&board).await?;
    let b = snapshot(&welcome);
    let titles: Vec<&str> = b.phases.iter().map(|p| p.title.as_str()).collect();
    assert_eq!(
        titles,
        ["Kirjoita", "Keskustele", "Äänestä", "Sovi jatkosta"]
    );
    assert!(b.phases[0].private_notes && b.phases[0].posting_open);
    assert!(b.phases[2].voting_open && !b.phases[2].posting_open);
    assert_eq!(b.phase, None);
    assert!(!b.locked);
    Ok(())
}

#[tokio::test]
async fn the_facilitator_moves_anywhere_and_the_switches_bind_participants() -> anyhow::Result<()> {
    let server = TestServer::start().await?;
    let board = server.create_board("Työpaja", &["Ryhmä 1"]).await?;
    let (mut f, welcome) = server.facilitator(&board).await?;
    let s = sections(&welcome);
    let joined = server.join(&board.join_code, None).await?;
    let (mut p, _) = Client::join(&server.ws_url(), &board.board_id, &joined.token, None).await?;

    let list = vec![
        phase("Kirjoita", true, true),
        phase("Kuuntele", false, false),
        phase("Toimi", true, false),
    ];
    f.apply(Op::SetPhases {
        phases: list.clone(),
    })
    .await?;
    // Skipping forward, back, and out of the phases.
    for target in [&list[2], &list[0], &list[1]] {
        f.apply(go_to(target)).await?;
    }
    // "Kuuntele" takes no new notes from participants, but a facilitator may post.
    let (op, _) = post(&s[0], "osallistujan");
    assert_eq!(p.rejection(op).await?, RejectReason::PostingClosed);
    let (op, _) = post(&s[0], "fasilitaattorin");
    f.apply(op).await?;
    // A participant cannot steer.
    assert_eq!(p.rejection(go_to(&list[0])).await?, RejectReason::Forbidden);
    f.apply(Op::GoToPhase { id: None }).await?;
    let (op, _) = post(&s[0], "vapaasti");
    p.apply(op).await?;

    // The list is checked: the current phase stays, ids are unique, titles are not blank.
    f.apply(go_to(&list[1])).await?;
    let without_current = vec![list[0].clone(), list[2].clone()];
    assert_eq!(
        f.rejection(Op::SetPhases {
            phases: without_current
        })
        .await?,
        RejectReason::CurrentPhaseRemoved
    );
    let twice = vec![list[1].clone(), list[1].clone()];
    assert_eq!(
        f.rejection(Op::SetPhases { phases: twice }).await?,
        RejectReason::DuplicateId
    );
    let blank = vec![list[1].clone(), phase(" \u{200B} ", true, false)];
    assert_eq!(
        f.rejection(Op::SetPhases { phases: blank }).await?,
        RejectReason::Empty {
            field: Field::PhaseTitle
        }
    );
    let unknown = phase("Tuntematon", true, false);
    assert_eq!(
        f.rejection(go_to(&unknown)).await?,
        RejectReason::UnknownPhase { id: unknown.id }
    );
    Ok(())
}

#[tokio::test]
async fn locks_refuse_participants_changes_and_never_a_facilitators() -> anyhow::Result<()> {
    let server = TestServer::start().await?;
    let board = server.create_board("Työpaja", &["Auki", "Lukossa"]).await?;
    let (mut f, welcome) = server.facilitator(&board).await?;
    let s = sections(&welcome);
    let joined = server.join(&board.join_code, None).await?;
    let (mut p, _) = Client::join(&server.ws_url(), &board.board_id, &joined.token, None).await?;
    let (op, mine) = post(&s[0], "oma");
    p.apply(op).await?;
    let (op, in_locked) = post(&s[1], "ennen lukitusta");
    p.apply(op).await?;

    f.apply(Op::LockSection {
        id: s[1].clone(),
        locked: true,
    })
    .await?;
    let (op, _) = post(&s[1], "lukittuun");
    assert_eq!(p.rejection(op).await?, RejectReason::Locked);
    assert_eq!(
        p.rejection(edit(&in_locked, "muutos")).await?,
        RejectReason::Locked
    );
    let into_locked = Op::MoveNote {
        id: mine.clone(),
        section: s[1].clone(),
        before: None,
    };
    assert_eq!(p.rejection(into_locked).await?, RejectReason::Locked);
    let delete = Op::DeleteNote {
        id: in_locked.clone(),
    };
    assert_eq!(p.rejection(delete).await?, RejectReason::Locked);
    // The open section still works, and facilitators tidy the locked one.
    p.apply(edit(&mine, "muokattu")).await?;
    f.apply(edit(&in_locked, "fasilitaattori siisti")).await?;

    f.apply(Op::LockBoard { locked: true }).await?;
    let (op, _) = post(&s[0], "lukittu taulu");
    assert_eq!(p.rejection(op).await?, RejectReason::Locked);
    let recolour = Op::RecolourNote {
        id: mine.clone(),
        colour: Colour::Green,
    };
    assert_eq!(p.rejection(recolour).await?, RejectReason::Locked);
    // A participant cannot unlock.
    assert_eq!(
        p.rejection(Op::LockBoard { locked: false }).await?,
        RejectReason::Forbidden
    );
    f.apply(Op::LockBoard { locked: false }).await?;
    p.apply(edit(&mine, "taas auki")).await?;
    Ok(())
}

#[tokio::test]
async fn phases_locks_and_private_notes_survive_a_restart() -> anyhow::Result<()> {
    let mut server = TestServer::start().await?;
    let board = server
        .create_board("Työpaja", &["Ryhmä 1", "Ryhmä 2"])
        .await?;
    let (mut f, welcome) = server.facilitator(&board).await?;
    let s = sections(&welcome);
    let ph = phases(&welcome);
    let joined = server.join(&board.join_code, None).await?;
    let (mut p, _) = Client::join(&server.ws_url(), &board.board_id, &joined.token, None).await?;
    f.apply(go_to(&ph[0])).await?;
    let (op, note) = post(&s[0], "yksityinen ennen uudelleenkäynnistystä");
    p.apply(op).await?;
    f.apply(Op::LockSection {
        id: s[1].clone(),
        locked: true,
    })
    .await?;
    f.apply(Op::SetProjector {
        settings: talkoot_shared::ProjectorSettings {
            show_names: true,
            show_case: false,
            results_by_group: true,
        },
    })
    .await?;
    drop((f, p));

    server.restart().await?;
    let (_, welcome) = server.facilitator(&board).await?;
    let b = snapshot(&welcome);
    assert_eq!(b.phase.as_ref(), Some(&ph[0].id));
    assert_eq!(b.phases, ph);
    assert!(b.sections[&s[1]].locked && !b.sections[&s[0]].locked);
    assert!(b.projector.show_names && !b.projector.show_case && b.projector.results_by_group);
    assert!(b.notes[&note].private);
    // Still hidden from the projector after the reload.
    let (_, v) = Client::join(
        &server.ws_url(),
        &board.board_id,
        &board.projector_key,
        None,
    )
    .await?;
    let seen = snapshot(&v);
    // The projector reads the settings it is to follow, results grouped among them.
    assert_eq!(seen.projector, b.projector);
    assert!(!seen.notes.contains_key(&note));
    assert_eq!(seen.hidden_notes.get(&note), Some(&s[0]));
    Ok(())
}

#[tokio::test]
async fn the_projector_can_send_none_of_the_facilitation_ops() -> anyhow::Result<()> {
    let server = TestServer::start().await?;
    let board = server.create_board("Työpaja", &["Ryhmä 1"]).await?;
    let (_, welcome) = server.facilitator(&board).await?;
    let s = sections(&welcome);
    let ph = phases(&welcome);
    let (mut v, _) = Client::join(
        &server.ws_url(),
        &board.board_id,
        &board.projector_key,
        None,
    )
    .await?;
    let ops = [
        go_to(&ph[1]),
        Op::SetPhases { phases: vec![] },
        Op::LockBoard { locked: true },
        Op::LockSection {
            id: s[0].clone(),
            locked: true,
        },
        Op::SetProjector {
            settings: talkoot_shared::ProjectorSettings {
                show_names: true,
                show_case: true,
                results_by_group: true,
            },
        },
    ];
    for op in ops {
        assert_eq!(v.rejection(op).await?, RejectReason::Forbidden);
    }
    Ok(())
}
