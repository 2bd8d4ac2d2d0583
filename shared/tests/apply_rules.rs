//! The board rules, exercised through `apply` + `absorb` as a room would.

use talkoot_shared::limits::{MAX_NOTE_TEXT_CHARS, MAX_SECTIONS};
use talkoot_shared::reject::{Countable, Field};
use talkoot_shared::*;

fn facilitator() -> Actor {
    Actor {
        participant: ParticipantId::parse("fac").unwrap(),
        role: Role::Facilitator,
        name: None,
    }
}

fn participant(name: &str) -> Actor {
    Actor {
        participant: ParticipantId::parse(name).unwrap(),
        role: Role::Participant,
        name: Some(name.into()),
    }
}

fn board() -> Board {
    let meta = BoardMeta {
        title: "Työpaja".into(),
        description: String::new(),
        language: Language::Fi,
    };
    Board::new(BoardId::parse("b1").unwrap(), meta)
}

/// Applies and absorbs, like a room does.
fn run(board: &mut Board, actor: &Actor, op: Op) -> Result<Vec<Change>, RejectReason> {
    let changes = apply(board, actor, &op, 1_000)?;
    for c in &changes {
        board.absorb(c);
    }
    Ok(changes)
}

fn add_section(board: &mut Board, sid: &str) {
    let op = Op::AddSection {
        id: SectionId::parse(sid).unwrap(),
        title: sid.into(),
        colour: Colour::Blue,
    };
    run(board, &facilitator(), op).expect("add section");
}

fn post(board: &mut Board, who: &Actor, nid: &str, sid: &str) {
    let op = Op::PostNote {
        id: NoteId::parse(nid).unwrap(),
        section: SectionId::parse(sid).unwrap(),
        text: format!("note {nid}"),
        colour: Colour::Yellow,
        on_behalf_of: None,
    };
    run(board, who, op).expect("post");
}

fn order_of(board: &Board, sid: &str) -> Vec<String> {
    board
        .notes_in(&SectionId::parse(sid).unwrap())
        .iter()
        .map(|n| n.id.to_string())
        .collect()
}

#[test]
fn participants_post_but_only_touch_their_own_notes() {
    let mut b = board();
    add_section(&mut b, "s1");
    let (anna, ben) = (participant("anna"), participant("ben"));
    post(&mut b, &anna, "n1", "s1");
    assert_eq!(
        b.notes[&NoteId::parse("n1").unwrap()]
            .author_name
            .as_deref(),
        Some("anna")
    );

    let edit = Op::EditNote {
        id: NoteId::parse("n1").unwrap(),
        text: "hijacked".into(),
    };
    assert_eq!(
        run(&mut b, &ben, edit.clone()),
        Err(RejectReason::Forbidden)
    );
    let delete = Op::DeleteNote {
        id: NoteId::parse("n1").unwrap(),
    };
    assert_eq!(
        run(&mut b, &ben, delete.clone()),
        Err(RejectReason::Forbidden)
    );
    assert_eq!(b.notes[&NoteId::parse("n1").unwrap()].text, "note n1");

    // The author and the facilitator may.
    run(&mut b, &anna, edit).expect("author edits");
    run(&mut b, &facilitator(), delete).expect("facilitator deletes");
    assert!(b.notes.is_empty());
}

#[test]
fn only_the_facilitator_manages_sections() {
    let mut b = board();
    let op = Op::AddSection {
        id: SectionId::parse("s1").unwrap(),
        title: "Ikäihmiset".into(),
        colour: Colour::Green,
    };
    assert_eq!(
        run(&mut b, &participant("anna"), op.clone()),
        Err(RejectReason::Forbidden)
    );
    run(&mut b, &facilitator(), op).expect("facilitator adds");
    assert_eq!(b.sections.len(), 1);
}

#[test]
fn moving_notes_between_and_within_sections_keeps_a_stable_order() {
    let mut b = board();
    add_section(&mut b, "s1");
    add_section(&mut b, "s2");
    let anna = participant("anna");
    for n in ["a", "b", "c"] {
        post(&mut b, &anna, n, "s1");
    }
    assert_eq!(order_of(&b, "s1"), ["a", "b", "c"]);

    let mv = |id: &str, s: &str, before: Option<&str>| Op::MoveNote {
        id: NoteId::parse(id).unwrap(),
        section: SectionId::parse(s).unwrap(),
        before: before.map(|x| NoteId::parse(x).unwrap()),
    };
    run(&mut b, &anna, mv("c", "s1", Some("a"))).expect("to the top");
    assert_eq!(order_of(&b, "s1"), ["c", "a", "b"]);
    run(&mut b, &anna, mv("c", "s1", Some("b"))).expect("between");
    assert_eq!(order_of(&b, "s1"), ["a", "c", "b"]);
    run(&mut b, &anna, mv("a", "s2", None)).expect("to another section");
    assert_eq!(order_of(&b, "s1"), ["c", "b"]);
    assert_eq!(order_of(&b, "s2"), ["a"]);
    // `before` must be in the target section, and not the note itself.
    assert_eq!(
        run(&mut b, &anna, mv("b", "s2", Some("c"))),
        Err(RejectReason::BadPosition)
    );
    assert_eq!(
        run(&mut b, &anna, mv("b", "s1", Some("b"))),
        Err(RejectReason::BadPosition)
    );
}

#[test]
fn sections_reorder_and_deleting_one_removes_its_notes() {
    let mut b = board();
    for s in ["s1", "s2", "s3"] {
        add_section(&mut b, s);
    }
    let mv = Op::MoveSection {
        id: SectionId::parse("s3").unwrap(),
        before: Some(SectionId::parse("s1").unwrap()),
    };
    run(&mut b, &facilitator(), mv).expect("move");
    let order: Vec<_> = b
        .ordered_sections()
        .iter()
        .map(|s| s.id.to_string())
        .collect();
    assert_eq!(order, ["s3", "s1", "s2"]);

    post(&mut b, &participant("anna"), "n1", "s1");
    post(&mut b, &participant("anna"), "n2", "s2");
    let changes = run(
        &mut b,
        &facilitator(),
        Op::DeleteSection {
            id: SectionId::parse("s1").unwrap(),
        },
    )
    .unwrap();
    assert_eq!(changes.len(), 2);
    assert!(!b.sections.contains_key(&SectionId::parse("s1").unwrap()));
    assert_eq!(
        b.notes.keys().map(|k| k.to_string()).collect::<Vec<_>>(),
        ["n2"]
    );
}

#[test]
fn text_limits_and_unknown_targets_are_precise() {
    let mut b = board();
    add_section(&mut b, "s1");
    let post_text = |text: String| Op::PostNote {
        id: NoteId::parse("n1").unwrap(),
        section: SectionId::parse("s1").unwrap(),
        text,
        colour: Colour::Pink,
        on_behalf_of: None,
    };
    let anna = participant("anna");
    assert_eq!(
        run(&mut b, &anna, post_text("  \n".into())),
        Err(RejectReason::Empty {
            field: Field::NoteText
        })
    );
    assert_eq!(
        run(
            &mut b,
            &anna,
            post_text("ä".repeat(MAX_NOTE_TEXT_CHARS + 1))
        ),
        Err(RejectReason::TooLong {
            field: Field::NoteText,
            max: MAX_NOTE_TEXT_CHARS as u32
        })
    );
    // Exactly at the limit counts characters, not bytes.
    run(&mut b, &anna, post_text("ä".repeat(MAX_NOTE_TEXT_CHARS))).expect("at the limit");
    assert_eq!(
        run(&mut b, &anna, post_text("again".into())),
        Err(RejectReason::DuplicateId)
    );

    let elsewhere = Op::PostNote {
        id: NoteId::parse("n2").unwrap(),
        section: SectionId::parse("gone").unwrap(),
        text: "x".into(),
        colour: Colour::Pink,
        on_behalf_of: None,
    };
    assert_eq!(
        run(&mut b, &anna, elsewhere),
        Err(RejectReason::UnknownSection {
            id: SectionId::parse("gone").unwrap()
        })
    );
}

#[test]
fn only_a_facilitator_opens_and_closes_feedback_and_every_view_shows_it() {
    let mut b = board();
    assert!(!b.feedback_open, "a new board has feedback closed");
    let open = Op::SetFeedbackOpen { open: true };
    assert_eq!(
        run(&mut b, &participant("aino"), open.clone()),
        Err(RejectReason::Forbidden)
    );
    let projector = Actor {
        role: Role::Projector,
        ..participant("screen")
    };
    assert_eq!(
        run(&mut b, &projector, open.clone()),
        Err(RejectReason::Forbidden)
    );
    assert_eq!(
        run(&mut b, &facilitator(), open),
        Ok(vec![Change::FeedbackOpen { open: true }])
    );
    assert!(b.feedback_open);
    for viewer in [participant("aino"), projector] {
        assert!(b.as_seen_by(&viewer.viewer()).feedback_open);
    }
    run(&mut b, &facilitator(), Op::SetFeedbackOpen { open: false }).expect("close");
    assert!(!b.feedback_open);
}

#[test]
fn boards_stored_before_feedback_read_it_as_closed() {
    let mut json = serde_json::to_value(board()).expect("board json");
    json.as_object_mut()
        .expect("object")
        .remove("feedback_open");
    let old: Board = serde_json::from_value(json).expect("an old board");
    assert!(!old.feedback_open);
}

#[test]
fn section_count_is_limited() {
    let mut b = board();
    for i in 0..MAX_SECTIONS {
        add_section(&mut b, &format!("s{i}"));
    }
    let op = Op::AddSection {
        id: SectionId::parse("one-more").unwrap(),
        title: "x".into(),
        colour: Colour::Blue,
    };
    assert_eq!(
        run(&mut b, &facilitator(), op),
        Err(RejectReason::LimitReached {
            what: Countable::Sections,
            max: MAX_SECTIONS as u32
        })
    );
}

#[test]
fn wire_format_is_tagged_snake_case() {
    let msg: ClientMsg = serde_json::from_str(
        r#"{"type":"op","op_id":"o1","op":{"type":"post_note","id":"n1","section":"s1","text":"hei","colour":"yellow"}}"#,
    )
    .expect("decodes");
    assert!(matches!(
        msg,
        ClientMsg::Op {
            op: Op::PostNote { .. },
            ..
        }
    ));
    let reason = serde_json::to_string(&RejectReason::TooLong {
        field: Field::NoteText,
        max: 5,
    })
    .unwrap();
    assert_eq!(reason, r#"{"code":"too_long","field":"note_text","max":5}"#);
}
