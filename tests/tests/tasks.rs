//! Follow-up tasks through the real server: a facilitator makes them from scratch or from a
//! note and changes them; participants and the projector only read them, except that a
//! participant may volunteer as the owner of an unowned task while the facilitator allows it.
//! Two who volunteer at once: one wins. The link to a pending note tells nobody its text, and
//! who volunteered is named only to the facilitators. Tasks survive a restart.

use talkoot_shared::limits::{MAX_TASK_OWNER_CHARS, MAX_TASK_TITLE_CHARS, MAX_TASKS};
use talkoot_shared::reject::{Countable, Field, RejectReason};
use talkoot_shared::{
    Change, NoteId, Op, OpId, ParticipantId, ServerMsg, Status, TaskId, TaskStatus,
};
use talkoot_tests::ops::{applied, moderate_note, post, sections};
use talkoot_tests::{Client, TestServer, assert_never_sent, new_id};

fn add_task(title: &str) -> (Op, TaskId) {
    let id: TaskId = new_id();
    (
        Op::AddTask {
            id: id.clone(),
            title: title.into(),
            owner: String::new(),
            due: None,
            from_note: None,
        },
        id,
    )
}

fn volunteer(task: &TaskId, owner: &str) -> Op {
    Op::VolunteerForTask {
        id: task.clone(),
        owner: owner.into(),
    }
}

#[tokio::test]
async fn facilitators_change_tasks_participants_and_the_projector_only_read_them()
-> anyhow::Result<()> {
    let server = TestServer::start().await?;
    let board = server.create_board("Jatkotoimet", &["Ryhmä 1"]).await?;
    let (mut f, welcome) = server.facilitator(&board).await?;
    let s = sections(&welcome);
    let joined = server.join(&board.join_code, Some("Olli")).await?;
    let (mut p, _) = Client::join(&server.ws_url(), &board.board_id, &joined.token, None).await?;
    let (mut pj, _) = Client::join(
        &server.ws_url(),
        &board.board_id,
        &board.projector_key,
        None,
    )
    .await?;

    let (op, note) = post(&s[0], "Kotihoidon yöpartio");
    p.apply(op).await?;
    let task: TaskId = new_id();
    f.apply(Op::AddTask {
        id: task.clone(),
        title: "Selvitä yöpartion tarve".into(),
        owner: "Sosterin kotihoito".into(),
        due: Some("2027-03-31".into()),
        from_note: Some(note.clone()),
    })
    .await?;
    f.apply(Op::SetTaskStatus {
        id: task.clone(),
        status: TaskStatus::InProgress,
    })
    .await?;
    for token in [&joined.token, &board.projector_key] {
        let seen = server.snapshot(&board.board_id, token).await?.board;
        let t = &seen.tasks[&task];
        assert_eq!(t.title, "Selvitä yöpartion tarve");
        assert_eq!(t.owner, "Sosterin kotihoito");
        assert_eq!(t.due.as_deref(), Some("2027-03-31"));
        assert_eq!(t.status, TaskStatus::InProgress);
        assert_eq!(t.from_note.as_ref(), Some(&note));
    }

    let edit = Op::EditTask {
        id: task.clone(),
        title: "Muutettu".into(),
        owner: "Olli".into(),
        due: None,
    };
    let others = [
        add_task("Oma tehtävä").0,
        edit.clone(),
        Op::SetTaskStatus {
            id: task.clone(),
            status: TaskStatus::Done,
        },
        Op::DeleteTask { id: task.clone() },
        Op::SetVolunteering { open: true },
    ];
    for op in others {
        assert_eq!(p.rejection(op.clone()).await?, RejectReason::Forbidden);
        assert_eq!(pj.rejection(op).await?, RejectReason::Forbidden);
    }
    f.apply(edit).await?;
    // The participant's note goes; the task stays, without the link.
    let deleted = Op::DeleteNote { id: note.clone() };
    p.apply(deleted).await?;
    let seen = server.snapshot(&board.board_id, &joined.token).await?.board;
    assert_eq!(seen.tasks[&task].title, "Muutettu");
    assert_eq!(seen.tasks[&task].from_note, None);
    f.apply(Op::DeleteTask { id: task.clone() }).await?;
    let seen = server.snapshot(&board.board_id, &joined.token).await?.board;
    assert!(seen.tasks.is_empty());
    Ok(())
}

#[tokio::test]
async fn participants_volunteer_only_while_it_is_open_and_the_first_of_two_at_once_wins()
-> anyhow::Result<()> {
    let server = TestServer::start().await?;
    let board = server.create_board("Vapaaehtoiset", &["Ryhmä 1"]).await?;
    let (mut f, _) = server.facilitator(&board).await?;
    let anna = server.join(&board.join_code, None).await?;
    let ben = server.join(&board.join_code, Some("Ben")).await?;
    let (mut a, _) = Client::join(&server.ws_url(), &board.board_id, &anna.token, None).await?;
    let (mut b, _) = Client::join(&server.ws_url(), &board.board_id, &ben.token, None).await?;

    let (op, task) = add_task("Kokoa kokemukset");
    f.apply(op).await?;
    assert_eq!(
        a.rejection(volunteer(&task, "Kolomonen ry")).await?,
        RejectReason::VolunteeringClosed
    );
    f.apply(Op::SetVolunteering { open: true }).await?;
    // The facilitator sets owners by editing; volunteering is the participants'.
    assert_eq!(
        f.rejection(volunteer(&task, "Fasilitaattori")).await?,
        RejectReason::Forbidden
    );

    // Both at once, many times over: each time exactly one wins, and both are told who.
    for round in 0..10 {
        let (op, task) = add_task(&format!("Tehtävä {round}"));
        f.apply(op).await?;
        let (ida, idb): (OpId, OpId) = (new_id(), new_id());
        let (sa, sb) = tokio::join!(
            a.op_as(&ida, volunteer(&task, "Kolomonen ry")),
            b.op_as(&idb, volunteer(&task, "Sosterin kotihoito"))
        );
        sa?;
        sb?;
        let answers_a = a.answers_to(std::slice::from_ref(&ida)).await?;
        let answers_b = b.answers_to(std::slice::from_ref(&idb)).await?;
        let won = |answers: &[ServerMsg], id: &OpId| {
            answers.iter().find_map(|m| match m {
                ServerMsg::Applied { op_id, .. } if op_id == id => Some(true),
                ServerMsg::Rejected { op_id, reason } if op_id == id => {
                    assert_eq!(reason, &RejectReason::TaskTaken);
                    Some(false)
                }
                _ => None,
            })
        };
        let (wa, wb) = (won(&answers_a, &ida), won(&answers_b, &idb));
        assert!(wa.is_some() && wb.is_some(), "both answered");
        assert_ne!(wa, wb, "round {round}: exactly one wins");
        let seen = server
            .snapshot(&board.board_id, &board.facilitator_key)
            .await?
            .board;
        let expected = if wa == Some(true) {
            "Kolomonen ry"
        } else {
            "Sosterin kotihoito"
        };
        assert_eq!(seen.tasks[&task].owner, expected);
    }

    // Taken: only a facilitator changes the owner, then it can be taken again.
    a.apply(volunteer(&task, "Kolomonen ry")).await?;
    assert_eq!(
        b.rejection(volunteer(&task, "Ben")).await?,
        RejectReason::TaskTaken
    );
    f.apply(Op::EditTask {
        id: task.clone(),
        title: "Kokoa kokemukset".into(),
        owner: String::new(),
        due: None,
    })
    .await?;
    b.apply(volunteer(&task, "Ben")).await?;

    // Closed again: no more volunteering.
    let (op, later) = add_task("Myöhempi");
    f.apply(op).await?;
    f.apply(Op::SetVolunteering { open: false }).await?;
    assert_eq!(
        a.rejection(volunteer(&later, "Kolomonen ry")).await?,
        RejectReason::VolunteeringClosed
    );
    Ok(())
}

/// An anonymous participant who volunteers as "Kolomonen ry" must not be tied, by their id, to
/// the notes they posted: everyone else reads the `actor` as `hidden`.
#[tokio::test]
async fn who_volunteered_is_named_only_to_the_facilitators() -> anyhow::Result<()> {
    let server = TestServer::start().await?;
    let board = server.create_board("Nimettömät", &["Ryhmä 1"]).await?;
    let (mut f, welcome) = server.facilitator(&board).await?;
    let s = sections(&welcome);
    let anna = server.join(&board.join_code, None).await?;
    let ben = server.join(&board.join_code, None).await?;
    let (mut a, _) = Client::join(&server.ws_url(), &board.board_id, &anna.token, None).await?;
    let (mut b, _) = Client::join(&server.ws_url(), &board.board_id, &ben.token, None).await?;
    let (mut pj, _) = Client::join(
        &server.ws_url(),
        &board.board_id,
        &board.projector_key,
        None,
    )
    .await?;
    a.apply(post(&s[0], "Anonyymi ajatus").0).await?;
    let (op, task) = add_task("Tehtävä");
    f.apply(op).await?;
    f.apply(Op::SetVolunteering { open: true }).await?;
    let seq = a.apply(volunteer(&task, "Kolomonen ry")).await?;

    let actor_of = |frames: &[String]| -> ParticipantId {
        let last: ServerMsg = serde_json::from_str(frames.last().expect("a frame")).expect("json");
        applied(&last).1.clone()
    };
    let (frames, _) = f.frames_through(seq).await?;
    assert_eq!(actor_of(&frames), anna.participant_id);
    for (who, client) in [("Ben", &mut b), ("the projector", &mut pj)] {
        let (frames, _) = client.frames_through(seq).await?;
        assert_eq!(actor_of(&frames), ParticipantId::hidden(), "{who}");
        assert_never_sent(
            &frames[frames.len() - 1..],
            &[anna.participant_id.as_str()],
            who,
        );
        assert!(frames.last().is_some_and(|f| f.contains("Kolomonen ry")));
    }
    Ok(())
}

#[tokio::test]
async fn a_task_from_a_pending_note_tells_no_one_the_notes_text() -> anyhow::Result<()> {
    let server = TestServer::start().await?;
    let board = server.create_board("Moderointi", &["Ryhmä 1"]).await?;
    let (mut f, welcome) = server.facilitator(&board).await?;
    let s = sections(&welcome);
    f.apply(Op::SetApproveFirst { on: true }).await?;
    let anna = server.join(&board.join_code, None).await?;
    let ben = server.join(&board.join_code, None).await?;
    let (mut a, _) = Client::join(&server.ws_url(), &board.board_id, &anna.token, None).await?;
    let (mut b, _) = Client::join(&server.ws_url(), &board.board_id, &ben.token, None).await?;
    let (mut pj, _) = Client::join(
        &server.ws_url(),
        &board.board_id,
        &board.projector_key,
        None,
    )
    .await?;
    let (op, note) = post(&s[0], "Salainen ehdotus");
    a.apply(op).await?;
    let task: TaskId = new_id();
    let seq = f
        .apply(Op::AddTask {
            id: task.clone(),
            title: "Yleinen otsikko".into(),
            owner: String::new(),
            due: None,
            from_note: Some(note.clone()),
        })
        .await?;
    for (who, client, token) in [
        ("Ben", &mut b, &ben.token),
        ("the projector", &mut pj, &board.projector_key),
    ] {
        let (frames, _) = client.frames_through(seq).await?;
        assert_never_sent(&frames, &["Salainen ehdotus"], who);
        let body = server.snapshot_body(&board.board_id, token).await?;
        assert!(!body.contains("Salainen ehdotus"), "{who}'s snapshot");
        let seen = server.snapshot(&board.board_id, token).await?.board;
        assert_eq!(seen.tasks[&task].title, "Yleinen otsikko");
        assert!(!seen.notes.contains_key(&note));
    }
    // Hiding the note keeps the task and its link; deleting it (the facilitator may) unlinks.
    f.apply(moderate_note(&note, Status::Hidden)).await?;
    let full = server
        .snapshot(&board.board_id, &board.facilitator_key)
        .await?
        .board;
    assert_eq!(full.tasks[&task].from_note.as_ref(), Some(&note));
    let seq = f.apply(Op::DeleteNote { id: note.clone() }).await?;
    let (frames, _) = b.frames_through(seq).await?;
    let last: ServerMsg = serde_json::from_str(frames.last().expect("a frame"))?;
    let (_, _, changes) = applied(&last);
    assert!(
        changes.iter().any(
            |c| matches!(c, Change::Task { task: t } if t.id == task && t.from_note.is_none())
        ),
        "Ben is told the task lost its link: {changes:?}"
    );
    Ok(())
}

#[tokio::test]
async fn task_input_is_checked_with_typed_reasons() -> anyhow::Result<()> {
    let server = TestServer::start().await?;
    let board = server.create_board("Rajat", &["Ryhmä 1"]).await?;
    let (mut f, _) = server.facilitator(&board).await?;
    let joined = server.join(&board.join_code, None).await?;
    let (mut p, _) = Client::join(&server.ws_url(), &board.board_id, &joined.token, None).await?;

    assert_eq!(
        f.rejection(add_task(" \u{200B} ").0).await?,
        RejectReason::Empty {
            field: Field::TaskTitle
        }
    );
    assert_eq!(
        f.rejection(add_task(&"x".repeat(MAX_TASK_TITLE_CHARS + 1)).0)
            .await?,
        RejectReason::TooLong {
            field: Field::TaskTitle,
            max: MAX_TASK_TITLE_CHARS as u32
        }
    );
    let (op, task) = add_task(&"ä".repeat(MAX_TASK_TITLE_CHARS));
    f.apply(op).await?;
    let with = |owner: &str, due: Option<&str>| Op::EditTask {
        id: task.clone(),
        title: "T".into(),
        owner: owner.into(),
        due: due.map(Into::into),
    };
    assert_eq!(
        f.rejection(with(&"o".repeat(MAX_TASK_OWNER_CHARS + 1), None))
            .await?,
        RejectReason::TooLong {
            field: Field::TaskOwner,
            max: MAX_TASK_OWNER_CHARS as u32
        }
    );
    for due in ["2027-02-29", "2027-13-01", "huomenna", "31.3.2027"] {
        assert_eq!(
            f.rejection(with("", Some(due))).await?,
            RejectReason::BadDate,
            "{due}"
        );
    }
    f.apply(with("", Some("2028-02-29"))).await?;

    // A personal identity code in a title or an owner is refused, from anyone.
    assert_eq!(
        f.rejection(add_task("Soita 131052-308T").0).await?,
        RejectReason::PersonalData
    );
    assert_eq!(
        f.rejection(with("Matti 131052-308T", None)).await?,
        RejectReason::PersonalData
    );

    // Unknown ids, for every op that names a task or a note.
    let ghost: TaskId = new_id();
    let unknown = RejectReason::UnknownTask { id: ghost.clone() };
    assert_eq!(
        f.rejection(Op::EditTask {
            id: ghost.clone(),
            title: "T".into(),
            owner: String::new(),
            due: None
        })
        .await?,
        unknown
    );
    assert_eq!(
        f.rejection(Op::SetTaskStatus {
            id: ghost.clone(),
            status: TaskStatus::Done
        })
        .await?,
        unknown
    );
    assert_eq!(
        f.rejection(Op::DeleteTask { id: ghost.clone() }).await?,
        unknown
    );
    f.apply(Op::SetVolunteering { open: true }).await?;
    assert_eq!(p.rejection(volunteer(&ghost, "Minä")).await?, unknown);
    let no_note: NoteId = new_id();
    assert_eq!(
        f.rejection(Op::AddTask {
            id: new_id(),
            title: "T".into(),
            owner: String::new(),
            due: None,
            from_note: Some(no_note.clone()),
        })
        .await?,
        RejectReason::UnknownNote { id: no_note }
    );
    assert_eq!(
        f.rejection(Op::AddTask {
            id: task.clone(),
            title: "Sama id".into(),
            owner: String::new(),
            due: None,
            from_note: None,
        })
        .await?,
        RejectReason::DuplicateId
    );
    assert_eq!(
        p.rejection(volunteer(&task, "131052-308T")).await?,
        RejectReason::PersonalData
    );
    assert_eq!(
        p.rejection(volunteer(&task, "   ")).await?,
        RejectReason::Empty {
            field: Field::TaskOwner
        }
    );

    // Malformed: a status that does not exist, a task id that is not an id, a missing title.
    for (op_id, text) in [
        (
            "bad-status",
            format!(r#"{{"type":"set_task_status","id":"{task}","status":"someday"}}"#),
        ),
        (
            "bad-id",
            r#"{"type":"delete_task","id":"not an id"}"#.to_owned(),
        ),
        (
            "no-title",
            format!(
                r#"{{"type":"add_task","id":"{}","owner":"","due":null}}"#,
                new_id::<TaskId>()
            ),
        ),
    ] {
        f.send_text(&format!(r#"{{"type":"op","op_id":"{op_id}","op":{text}}}"#))
            .await?;
        match f.answer_to(&OpId::parse(op_id)?).await?.0 {
            ServerMsg::Rejected {
                reason: RejectReason::InvalidOp { .. },
                ..
            } => {}
            other => panic!("{op_id}: expected invalid_op, got {other:?}"),
        }
    }
    Ok(())
}

#[tokio::test]
async fn a_board_holds_at_most_max_tasks() -> anyhow::Result<()> {
    // More ops than the default rate lets one connection send at once, by design here.
    let server =
        TestServer::start_with(&["--ops-burst", "10000", "--ops-per-second", "10000"]).await?;
    let board = server.create_board("Täysi", &["Ryhmä 1"]).await?;
    let (mut f, _) = server.facilitator(&board).await?;
    let mut last = None;
    for i in 0..MAX_TASKS {
        last = Some(f.op(add_task(&format!("Tehtävä {i}")).0).await?);
    }
    if let Some(last) = last {
        let (answer, _) = f.answer_to(&last).await?;
        assert!(matches!(answer, ServerMsg::Applied { .. }), "{answer:?}");
    }
    let seen = server
        .snapshot(&board.board_id, &board.facilitator_key)
        .await?
        .board;
    assert_eq!(seen.tasks.len(), MAX_TASKS);
    assert_eq!(
        f.rejection(add_task("Yksi liikaa").0).await?,
        RejectReason::LimitReached {
            what: Countable::Tasks,
            max: MAX_TASKS as u32
        }
    );
    Ok(())
}

#[tokio::test]
async fn tasks_and_the_volunteering_switch_survive_a_restart() -> anyhow::Result<()> {
    let mut server = TestServer::start().await?;
    let board = server.create_board("Pysyvyys", &["Ryhmä 1"]).await?;
    let (mut f, welcome) = server.facilitator(&board).await?;
    let s = sections(&welcome);
    let joined = server.join(&board.join_code, None).await?;
    let (mut p, _) = Client::join(&server.ws_url(), &board.board_id, &joined.token, None).await?;
    let (op, note) = post(&s[0], "Muistiin");
    p.apply(op).await?;
    let from_note: TaskId = new_id();
    f.apply(Op::AddTask {
        id: from_note.clone(),
        title: "Muistiin".into(),
        owner: String::new(),
        due: Some("2027-06-15".into()),
        from_note: Some(note.clone()),
    })
    .await?;
    let (op, done) = add_task("Valmis");
    f.apply(op).await?;
    f.apply(Op::SetTaskStatus {
        id: done.clone(),
        status: TaskStatus::Done,
    })
    .await?;
    f.apply(Op::SetVolunteering { open: true }).await?;
    p.apply(volunteer(&from_note, "Kolomonen ry")).await?;
    let before = server.snapshot(&board.board_id, &joined.token).await?;

    server.restart().await?;
    let after = server.snapshot(&board.board_id, &joined.token).await?;
    assert_eq!(after.board, before.board, "the board is back exactly");
    assert_eq!(after.seq, before.seq);
    assert!(after.board.volunteering);
    assert_eq!(after.board.tasks.len(), 2);
    assert_eq!(after.board.tasks[&from_note].owner, "Kolomonen ry");
    assert_eq!(
        after.board.tasks[&from_note].from_note.as_ref(),
        Some(&note)
    );
    assert_eq!(after.board.tasks[&done].status, TaskStatus::Done);
    // And it goes on: the task is taken after the restart as before it.
    let (mut p, _) = Client::join(&server.ws_url(), &board.board_id, &joined.token, None).await?;
    assert_eq!(
        p.rejection(volunteer(&from_note, "Toinen")).await?,
        RejectReason::TaskTaken
    );
    Ok(())
}
