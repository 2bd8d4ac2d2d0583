//! "Start part 2": what the next part carries from a finished part 1, built by the same ops
//! as everything else, and what only facilitators see of the link between them.

use talkoot_shared::series::{NewIds, NextPart};
use talkoot_shared::*;

fn actor(id: &str, role: Role) -> Actor {
    Actor {
        participant: ParticipantId::parse(id).unwrap(),
        role,
        name: Some(id.into()),
    }
}

fn run(board: &mut Board, who: &Actor, op: Op) {
    let changes = apply(board, who, &op, 1_000).unwrap_or_else(|e| panic!("{op:?}: {e:?}"));
    for c in &changes {
        board.absorb(c);
    }
}

fn ids<T>(prefix: &str, n: usize, parse: fn(String) -> Result<T, ids::IdError>) -> Vec<T> {
    (0..n)
        .map(|i| parse(format!("{prefix}{i}")).unwrap())
        .collect()
}

/// Part 1: two groups, four notes with 3, 1, 0 and 2 votes, one more hidden by the facilitator.
fn part_one() -> Board {
    let fac = actor("fac", Role::Facilitator);
    let mut board = http::CreateBoard {
        title: "Tulevaisuustyöpaja, osa 1".into(),
        description: "Aihe: kotona asumisen tuki".into(),
        language: Language::Fi,
        sections: vec![
            http::NewSection {
                title: "Ryhmä 1".into(),
                colour: Colour::Blue,
            },
            http::NewSection {
                title: "Ryhmä 2".into(),
                colour: Colour::Green,
            },
        ],
        phases: None,
    }
    .build(
        BoardId::parse("p1").unwrap(),
        &fac,
        ids("s", 2, SectionId::parse),
        ids("ph", 4, PhaseId::parse),
    )
    .unwrap();
    let s = ids("s", 2, SectionId::parse);
    let voters: Vec<Actor> = ["a", "b", "c"]
        .iter()
        .map(|n| actor(n, Role::Participant))
        .collect();
    for (i, (text, section)) in [
        ("kolme", 0),
        ("yksi", 1),
        ("nolla", 0),
        ("kaksi", 1),
        ("piilotettu", 0),
    ]
    .into_iter()
    .enumerate()
    {
        run(
            &mut board,
            &voters[0],
            Op::PostNote {
                id: NoteId::parse(format!("n{i}")).unwrap(),
                section: s[section].clone(),
                text: text.into(),
                colour: Colour::Pink,
                on_behalf_of: None,
            },
        );
    }
    let hidden = NoteId::parse("n4").unwrap();
    run(
        &mut board,
        &fac,
        Op::ModerateNote {
            id: hidden.clone(),
            status: Status::Hidden,
        },
    );
    let phases = board.phases.clone();
    run(
        &mut board,
        &fac,
        Op::GoToPhase {
            id: Some(phases[2].id.clone()),
        },
    );
    let vote = |n: &str| Op::CastVote {
        target: VoteTarget::Note(NoteId::parse(n).unwrap()),
    };
    for (voter, note) in [
        (0, "n0"),
        (1, "n0"),
        (2, "n0"),
        (0, "n1"),
        (1, "n3"),
        (2, "n3"),
    ] {
        run(&mut board, &voters[voter], vote(note));
    }
    board
}

fn build(next: NextPart, id: &str) -> Board {
    let ids = NewIds {
        board: BoardId::parse(id).unwrap(),
        sections: ids("t", next.section_count(), SectionId::parse),
        phases: ids("q", next.board.phase_count(), PhaseId::parse),
        notes: ids("m", next.pinned.len(), NoteId::parse),
        tasks: ids("k", next.tasks.len(), TaskId::parse),
    };
    next.build(ids, &actor("fac2", Role::Facilitator), 5_000)
        .unwrap()
}

#[test]
fn part_two_carries_the_groups_and_the_top_notes_everyone_saw() {
    let one = part_one();
    let two = build(
        NextPart::of(&one, "Tulevaisuustyöpaja, osa 2".into(), 3),
        "p2",
    );
    two.check_whole_board().unwrap();
    assert_eq!(two.meta.title, "Tulevaisuustyöpaja, osa 2");
    assert_eq!(two.meta.description, one.meta.description);
    assert_eq!(
        two.phases.iter().map(|p| &p.title).collect::<Vec<_>>(),
        one.phases.iter().map(|p| &p.title).collect::<Vec<_>>()
    );
    assert_eq!(two.phase, None, "part 2 starts in no phase");
    let sections = two.ordered_sections();
    let titles: Vec<&str> = sections.iter().map(|s| s.title.as_str()).collect();
    assert_eq!(
        titles,
        ["Osasta 1: eniten ääniä saaneet", "Ryhmä 1", "Ryhmä 2"]
    );
    let pinned = sections[0];
    assert!(
        pinned.locked,
        "the pinned material is read-only for participants"
    );
    let carried: Vec<(&str, Option<&str>)> = two
        .notes_in(&pinned.id)
        .iter()
        .map(|n| (n.text.as_str(), n.author_name.as_deref()))
        .collect();
    assert_eq!(
        carried,
        [
            ("kolme", Some("Ryhmä 1")),
            ("kaksi", Some("Ryhmä 2")),
            ("yksi", Some("Ryhmä 2"))
        ]
    );
    assert!(
        two.notes
            .values()
            .all(|n| n.status == Status::Visible && !n.private && n.created_at == 5_000)
    );
    assert!(
        two.vote_totals.is_empty() && two.ballots.is_empty(),
        "part 2 votes afresh"
    );
    assert!(
        sections[1..]
            .iter()
            .all(|s| two.notes_in(&s.id).is_empty() && !s.locked)
    );

    let link = two.previous_part.clone().expect("linked back");
    assert_eq!(link.pinned_section.as_ref(), Some(&pinned.id));
    assert_eq!(
        (
            link.previous.as_str(),
            link.previous_title.as_str(),
            link.part
        ),
        ("p1", "Tulevaisuustyöpaja, osa 1", 2)
    );
}

#[test]
fn the_facilitator_chooses_how_many_and_hidden_notes_never_travel() {
    let one = part_one();
    for top in [0, 1, 4, 30] {
        let two = build(NextPart::of(&one, "Osa 2".into(), top), "p2");
        let texts: Vec<&str> = two.notes.values().map(|n| n.text.as_str()).collect();
        assert_eq!(texts.len(), top.min(4), "top {top}");
        assert!(!texts.contains(&"piilotettu"));
    }
}

#[test]
fn a_third_part_counts_on_and_only_facilitators_see_the_link() {
    let one = part_one();
    let two = build(NextPart::of(&one, "Osa 2".into(), 2), "p2");
    let three = build(NextPart::of(&two, "Osa 3".into(), 2), "p3");
    let link = three.previous_part.clone().unwrap();
    assert_eq!((link.previous.as_str(), link.part), ("p2", 3));
    assert_eq!(
        three.ordered_sections()[0].title,
        "Osasta 2: eniten ääniä saaneet"
    );
    assert_eq!(
        three
            .ordered_sections()
            .iter()
            .filter(|s| s.title.starts_with("Osasta"))
            .count(),
        1,
        "part 2's pinned section is not carried as a group"
    );

    let viewer = |id: &str, role| Viewer {
        role,
        participant: ParticipantId::parse(id).unwrap(),
    };
    assert!(
        three
            .as_seen_by(&viewer("fac2", Role::Facilitator))
            .previous_part
            .is_some()
    );
    for role in [Role::Participant, Role::Projector] {
        let seen = three.as_seen_by(&viewer("x", role));
        assert_eq!(seen.previous_part, None, "{role:?}");
        assert_eq!(
            visibility::Audience::of_board(&three, &viewer("x", role)),
            visibility::Audience::Public
        );
    }
}

#[test]
fn open_tasks_come_along_linked_to_their_carried_note_and_done_ones_stay() {
    let mut one = part_one();
    let fac = actor("fac", Role::Facilitator);
    let task = |id: &str, title: &str, note: Option<&str>| Op::AddTask {
        id: TaskId::parse(id).unwrap(),
        title: title.into(),
        owner: "Kolomonen ry".into(),
        due: Some("2027-01-15".into()),
        from_note: note.map(|n| NoteId::parse(n).unwrap()),
    };
    run(&mut one, &fac, task("k1", "Kalenteri", Some("n0")));
    run(&mut one, &fac, task("k2", "Valmis jo", None));
    run(
        &mut one,
        &fac,
        Op::SetTaskStatus {
            id: TaskId::parse("k2").unwrap(),
            status: TaskStatus::Done,
        },
    );
    run(&mut one, &fac, task("k3", "Työn alla", Some("n2")));
    run(
        &mut one,
        &fac,
        Op::SetTaskStatus {
            id: TaskId::parse("k3").unwrap(),
            status: TaskStatus::InProgress,
        },
    );

    let two = build(NextPart::of(&one, "Osa 2".into(), 2), "p2");
    two.check_whole_board().unwrap();
    let tasks: Vec<(&str, &str, Option<&str>, TaskStatus)> = two
        .ordered_tasks()
        .iter()
        .map(|t| {
            (
                t.title.as_str(),
                t.owner.as_str(),
                t.due.as_deref(),
                t.status,
            )
        })
        .collect();
    assert_eq!(
        tasks,
        [
            (
                "Kalenteri",
                "Kolomonen ry",
                Some("2027-01-15"),
                TaskStatus::Open
            ),
            (
                "Työn alla",
                "Kolomonen ry",
                Some("2027-01-15"),
                TaskStatus::InProgress
            ),
        ]
    );
    let linked = two.ordered_tasks()[0]
        .from_note
        .clone()
        .expect("linked to the carried note");
    assert_eq!(
        two.notes[&linked].text, "kolme",
        "the link follows the note into part 2"
    );
    assert_eq!(
        two.ordered_tasks()[1].from_note,
        None,
        "its note (0 votes) was not carried"
    );
}
