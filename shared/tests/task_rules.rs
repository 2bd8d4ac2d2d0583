//! Follow-up tasks through `apply` + `absorb` as a room runs them: who may do what, volunteering,
//! the limits, the link to a note, and what each viewer is told.

use talkoot_shared::limits::{MAX_TASK_OWNER_CHARS, MAX_TASK_TITLE_CHARS, MAX_TASKS};
use talkoot_shared::reject::{Countable, Field};
use talkoot_shared::visibility::{ActorShownTo, AfterOp, actor_shown_to, redact_all};
use talkoot_shared::*;

fn actor(id: &str, role: Role) -> Actor {
    Actor {
        participant: ParticipantId::parse(id).unwrap(),
        role,
        name: None,
    }
}

fn fac() -> Actor {
    actor("fac", Role::Facilitator)
}

fn anna() -> Actor {
    actor("anna", Role::Participant)
}

fn ben() -> Actor {
    actor("ben", Role::Participant)
}

fn projector() -> Actor {
    actor("pj", Role::Projector)
}

fn task_id(id: &str) -> TaskId {
    TaskId::parse(id).unwrap()
}

fn note_id(id: &str) -> NoteId {
    NoteId::parse(id).unwrap()
}

fn add(id: &str, title: &str) -> Op {
    Op::AddTask {
        id: task_id(id),
        title: title.into(),
        owner: String::new(),
        due: None,
        from_note: None,
    }
}

fn volunteer(id: &str, owner: &str) -> Op {
    Op::VolunteerForTask {
        id: task_id(id),
        owner: owner.into(),
    }
}

struct Room {
    board: Board,
    now: Timestamp,
}

impl Room {
    /// A board with a section `s` and a note `n` by Anna.
    fn new() -> Room {
        let meta = BoardMeta {
            title: "Työpaja".into(),
            description: String::new(),
            language: Language::Fi,
        };
        let mut room = Room {
            board: Board::new(BoardId::parse("b").unwrap(), meta),
            now: 1_000,
        };
        room.ok(
            &fac(),
            Op::AddSection {
                id: SectionId::parse("s").unwrap(),
                title: "Ryhmä".into(),
                colour: Colour::Blue,
            },
        );
        room.ok(
            &anna(),
            Op::PostNote {
                id: note_id("n"),
                section: SectionId::parse("s").unwrap(),
                text: "Kotihoidon yöpartio".into(),
                colour: Colour::Yellow,
                on_behalf_of: None,
            },
        );
        room
    }

    fn run(&mut self, who: &Actor, op: Op) -> Result<Vec<Change>, RejectReason> {
        self.now += 1;
        let changes = apply(&self.board, who, &op, self.now)?;
        changes.iter().for_each(|c| self.board.absorb(c));
        self.board.check_whole_board().expect("invariants hold");
        Ok(changes)
    }

    fn ok(&mut self, who: &Actor, op: Op) -> Vec<Change> {
        let what = format!("{op:?}");
        self.run(who, op).unwrap_or_else(|e| panic!("{what}: {e}"))
    }

    fn task(&self, id: &str) -> &Task {
        &self.board.tasks[&task_id(id)]
    }
}

#[test]
fn a_facilitator_adds_edits_sets_the_status_of_and_deletes_a_task() {
    let mut room = Room::new();
    room.ok(&fac(), add("t", "Selvitä yöpartion tarve"));
    let task = room.task("t").clone();
    assert_eq!(task.status, TaskStatus::Open);
    assert_eq!(task.owner, "");
    assert_eq!(task.due, None);
    room.ok(
        &fac(),
        Op::EditTask {
            id: task_id("t"),
            title: "Selvitä tarve".into(),
            owner: "Sosterin kotihoito".into(),
            due: Some("2027-01-31".into()),
        },
    );
    room.ok(
        &fac(),
        Op::SetTaskStatus {
            id: task_id("t"),
            status: TaskStatus::InProgress,
        },
    );
    let task = room.task("t");
    assert_eq!(
        (
            task.title.as_str(),
            task.owner.as_str(),
            task.due.as_deref()
        ),
        ("Selvitä tarve", "Sosterin kotihoito", Some("2027-01-31"))
    );
    assert_eq!(task.status, TaskStatus::InProgress);
    room.ok(&fac(), Op::DeleteTask { id: task_id("t") });
    assert!(room.board.tasks.is_empty());
}

#[test]
fn participants_and_the_projector_change_no_task() {
    let mut room = Room::new();
    room.ok(&fac(), add("t", "Tehtävä"));
    room.ok(&fac(), Op::SetVolunteering { open: true });
    let ops = [
        add("u", "Oma"),
        Op::EditTask {
            id: task_id("t"),
            title: "Muutettu".into(),
            owner: "Anna".into(),
            due: None,
        },
        Op::SetTaskStatus {
            id: task_id("t"),
            status: TaskStatus::Done,
        },
        Op::DeleteTask { id: task_id("t") },
        Op::SetVolunteering { open: false },
    ];
    for op in ops {
        for who in [anna(), projector()] {
            assert_eq!(
                room.run(&who, op.clone()),
                Err(RejectReason::Forbidden),
                "{who:?} {op:?}"
            );
        }
    }
    assert_eq!(
        room.run(&projector(), volunteer("t", "Kolomonen ry")),
        Err(RejectReason::Forbidden)
    );
    // A facilitator edits the owner; volunteering is for participants.
    assert_eq!(
        room.run(&fac(), volunteer("t", "Kolomonen ry")),
        Err(RejectReason::Forbidden)
    );
}

#[test]
fn a_participant_volunteers_only_while_it_is_open_and_only_for_an_unowned_task() {
    let mut room = Room::new();
    room.ok(&fac(), add("t", "Tehtävä"));
    assert_eq!(
        room.run(&anna(), volunteer("t", "Kolomonen ry")),
        Err(RejectReason::VolunteeringClosed)
    );
    room.ok(&fac(), Op::SetVolunteering { open: true });
    assert!(room.board.volunteering);
    room.ok(&anna(), volunteer("t", "Kolomonen ry"));
    assert_eq!(room.task("t").owner, "Kolomonen ry");
    // The second to volunteer finds it taken, and so does the first, volunteering again.
    assert_eq!(
        room.run(&ben(), volunteer("t", "Ben")),
        Err(RejectReason::TaskTaken)
    );
    assert_eq!(
        room.run(&anna(), volunteer("t", "Anna")),
        Err(RejectReason::TaskTaken)
    );
    // A facilitator frees it; then someone else may take it.
    room.ok(
        &fac(),
        Op::EditTask {
            id: task_id("t"),
            title: "Tehtävä".into(),
            owner: String::new(),
            due: None,
        },
    );
    room.ok(&ben(), volunteer("t", "Ben"));
    assert_eq!(room.task("t").owner, "Ben");
    room.ok(&fac(), add("u", "Toinen"));
    room.ok(&fac(), Op::SetVolunteering { open: false });
    assert_eq!(
        room.run(&anna(), volunteer("u", "Anna")),
        Err(RejectReason::VolunteeringClosed)
    );
    assert_eq!(
        room.run(&anna(), volunteer("nope", "Anna")),
        Err(RejectReason::UnknownTask {
            id: task_id("nope")
        })
    );
}

#[test]
fn task_text_dates_and_ids_are_checked() {
    let mut room = Room::new();
    assert_eq!(
        room.run(&fac(), add("t", " \u{200B} ")),
        Err(RejectReason::Empty {
            field: Field::TaskTitle
        })
    );
    assert_eq!(
        room.run(&fac(), add("t", &"x".repeat(MAX_TASK_TITLE_CHARS + 1))),
        Err(RejectReason::TooLong {
            field: Field::TaskTitle,
            max: MAX_TASK_TITLE_CHARS as u32
        })
    );
    room.ok(&fac(), add("t", &"ä".repeat(MAX_TASK_TITLE_CHARS)));
    let long_owner = "ö".repeat(MAX_TASK_OWNER_CHARS + 1);
    assert_eq!(
        room.run(
            &fac(),
            Op::EditTask {
                id: task_id("t"),
                title: "T".into(),
                owner: long_owner.clone(),
                due: None,
            }
        ),
        Err(RejectReason::TooLong {
            field: Field::TaskOwner,
            max: MAX_TASK_OWNER_CHARS as u32
        })
    );
    for due in ["2027-02-29", "31.1.2027", "2027-1-31", ""] {
        assert_eq!(
            room.run(
                &fac(),
                Op::EditTask {
                    id: task_id("t"),
                    title: "T".into(),
                    owner: String::new(),
                    due: Some(due.into()),
                }
            ),
            Err(RejectReason::BadDate),
            "{due}"
        );
    }
    assert_eq!(
        room.run(&fac(), add("t", "Again")),
        Err(RejectReason::DuplicateId)
    );
    assert_eq!(
        room.run(&fac(), Op::DeleteTask { id: task_id("x") }),
        Err(RejectReason::UnknownTask { id: task_id("x") })
    );
    room.ok(&fac(), Op::SetVolunteering { open: true });
    room.ok(&fac(), add("u", "U"));
    assert_eq!(
        room.run(&anna(), volunteer("u", "  ")),
        Err(RejectReason::Empty {
            field: Field::TaskOwner
        })
    );
    assert_eq!(
        room.run(&anna(), volunteer("u", &long_owner)),
        Err(RejectReason::TooLong {
            field: Field::TaskOwner,
            max: MAX_TASK_OWNER_CHARS as u32
        })
    );
}

#[test]
fn a_personal_identity_code_reaches_no_task() {
    let mut room = Room::new();
    assert_eq!(
        room.run(&fac(), add("t", "Soita 131052-308T")),
        Err(RejectReason::PersonalData)
    );
    room.ok(&fac(), add("t", "Soita"));
    assert_eq!(
        room.run(
            &fac(),
            Op::EditTask {
                id: task_id("t"),
                title: "Soita".into(),
                owner: "Matti 131052-308T".into(),
                due: None,
            }
        ),
        Err(RejectReason::PersonalData)
    );
    room.ok(&fac(), Op::SetVolunteering { open: true });
    assert_eq!(
        room.run(&anna(), volunteer("t", "131052-308T")),
        Err(RejectReason::PersonalData)
    );
    assert_eq!(room.task("t").owner, "");
}

#[test]
fn a_board_holds_at_most_max_tasks() {
    let mut room = Room::new();
    for i in 0..MAX_TASKS {
        room.ok(&fac(), add(&format!("t{i}"), "T"));
    }
    assert_eq!(
        room.run(&fac(), add("last", "T")),
        Err(RejectReason::LimitReached {
            what: Countable::Tasks,
            max: MAX_TASKS as u32
        })
    );
    room.ok(&fac(), Op::DeleteTask { id: task_id("t0") });
    room.ok(&fac(), add("last", "T"));
    let order: Vec<&str> = room
        .board
        .ordered_tasks()
        .iter()
        .map(|t| t.id.as_str())
        .collect();
    assert_eq!((order[0], order[order.len() - 1]), ("t1", "last"));
}

#[test]
fn a_task_made_from_a_note_keeps_the_link_until_the_note_goes() {
    let mut room = Room::new();
    let from = |id: &str, note: &str| Op::AddTask {
        id: task_id(id),
        title: "Kotihoidon yöpartio".into(),
        owner: String::new(),
        due: None,
        from_note: Some(note_id(note)),
    };
    assert_eq!(
        room.run(&fac(), from("t", "missing")),
        Err(RejectReason::UnknownNote {
            id: note_id("missing")
        })
    );
    room.ok(&fac(), from("t", "n"));
    room.ok(&fac(), from("u", "n"));
    assert_eq!(room.task("t").from_note, Some(note_id("n")));
    room.ok(
        &fac(),
        Op::EditTask {
            id: task_id("t"),
            title: "Yöpartio".into(),
            owner: String::new(),
            due: None,
        },
    );
    assert_eq!(
        room.task("t").from_note,
        Some(note_id("n")),
        "edit keeps it"
    );
    // The author deletes the note: both tasks stay, unlinked.
    room.ok(&anna(), Op::DeleteNote { id: note_id("n") });
    assert_eq!(room.board.tasks.len(), 2);
    assert!(room.board.tasks.values().all(|t| t.from_note.is_none()));

    // Deleting a section unlinks the tasks made from its notes, too.
    room.ok(
        &fac(),
        Op::PostNote {
            id: note_id("m"),
            section: SectionId::parse("s").unwrap(),
            text: "Toinen".into(),
            colour: Colour::Pink,
            on_behalf_of: None,
        },
    );
    room.ok(&fac(), from("v", "m"));
    room.ok(
        &fac(),
        Op::DeleteSection {
            id: SectionId::parse("s").unwrap(),
        },
    );
    assert_eq!(room.task("v").from_note, None);
}

/// A task made from a pending note reaches everyone as it is, naming the note by id only; the
/// note's text reaches only those who may see it.
#[test]
fn a_task_from_a_pending_note_carries_nothing_of_the_note() {
    let mut room = Room::new();
    room.ok(&fac(), Op::SetApproveFirst { on: true });
    room.ok(
        &anna(),
        Op::PostNote {
            id: note_id("p"),
            section: SectionId::parse("s").unwrap(),
            text: "Salainen ehdotus".into(),
            colour: Colour::Yellow,
            on_behalf_of: None,
        },
    );
    let changes = room.ok(
        &fac(),
        Op::AddTask {
            id: task_id("t"),
            title: "Yleinen otsikko".into(),
            owner: String::new(),
            due: None,
            from_note: Some(note_id("p")),
        },
    );
    let after = AfterOp::new(&room.board, &changes);
    for viewer in [ben().viewer(), projector().viewer()] {
        let sent = redact_all(&changes, &viewer, &after);
        assert_eq!(sent, changes);
        assert!(!serde_json::to_string(&sent).unwrap().contains("Salainen"));
        let view = room.board.as_seen_by(&viewer);
        assert_eq!(view.tasks, room.board.tasks);
        assert!(!view.notes.contains_key(&note_id("p")));
        view.check_invariants().expect("a view's invariants hold");
        assert!(!serde_json::to_string(&view).unwrap().contains("Salainen"));
    }
}

/// A participant who volunteers is named only to the facilitators: their id would tie what
/// they wrote as owner to their anonymous notes.
#[test]
fn who_volunteered_is_told_only_to_the_facilitators() {
    let mut room = Room::new();
    room.ok(&fac(), add("t", "Tehtävä"));
    room.ok(&fac(), Op::SetVolunteering { open: true });
    let before = room.board.clone();
    let changes = room.ok(&anna(), volunteer("t", "Kolomonen ry"));
    assert_eq!(
        actor_shown_to(&before, &anna().participant, &changes),
        ActorShownTo::Facilitators
    );
    let before = room.board.clone();
    let changes = room.ok(
        &fac(),
        Op::SetTaskStatus {
            id: task_id("t"),
            status: TaskStatus::Done,
        },
    );
    assert_eq!(
        actor_shown_to(&before, &fac().participant, &changes),
        ActorShownTo::Everyone
    );
}

#[test]
fn old_boards_and_changes_read_without_tasks() {
    let board: Board = serde_json::from_value(serde_json::json!({
        "id": "b",
        "meta": {"title": "T", "description": "", "language": "fi"},
        "sections": {},
        "notes": {}
    }))
    .expect("an old board");
    assert!(board.tasks.is_empty());
    assert!(!board.volunteering);
    let op: Op = serde_json::from_str(
        r#"{"type":"add_task","id":"t","title":"T","owner":"","due":"2027-01-31"}"#,
    )
    .expect("add_task without from_note");
    assert!(matches!(
        op,
        Op::AddTask {
            from_note: None,
            ..
        }
    ));
}
