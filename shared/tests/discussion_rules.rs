//! The rules of prioritising and discussing, through `apply` + `absorb` as a room runs them, and
//! who sees what of them through `visibility`.

use talkoot_shared::templates::default_phases;
use talkoot_shared::visibility::{ActorShownTo, AfterOp, actor_shown_to, redact_all};
use talkoot_shared::*;

fn actor(id: &str, role: Role) -> Actor {
    Actor {
        participant: ParticipantId::parse(id).unwrap(),
        role,
        name: Some(id.into()),
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

fn note_target(id: &str) -> VoteTarget {
    VoteTarget::Note(NoteId::parse(id).unwrap())
}

struct Room {
    board: Board,
    now: Timestamp,
}

impl Room {
    /// A board with a section `s`, the default phases, and notes `n1`, `n2` by Ben.
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
        let ids = (1..=4).map(|i| PhaseId::parse(format!("p{i}")).unwrap());
        let phases = default_phases(Language::Fi, ids);
        room.ok(&fac(), Op::SetPhases { phases });
        room.ok(
            &fac(),
            Op::AddSection {
                id: SectionId::parse("s").unwrap(),
                title: "Ryhmä".into(),
                colour: Colour::Blue,
            },
        );
        room.post(&ben(), "n1");
        room.post(&ben(), "n2");
        room
    }

    fn run(&mut self, who: &Actor, op: Op) -> Result<Vec<Change>, RejectReason> {
        let changes = apply(&self.board, who, &op, self.now)?;
        changes.iter().for_each(|c| self.board.absorb(c));
        self.board.check_invariants().expect("invariants hold");
        Ok(changes)
    }

    fn ok(&mut self, who: &Actor, op: Op) -> Vec<Change> {
        let what = format!("{op:?}");
        self.run(who, op).unwrap_or_else(|e| panic!("{what}: {e}"))
    }

    fn post(&mut self, who: &Actor, id: &str) {
        self.ok(
            who,
            Op::PostNote {
                id: NoteId::parse(id).unwrap(),
                section: SectionId::parse("s").unwrap(),
                text: format!("muistilappu {id}"),
                colour: Colour::Yellow,
                on_behalf_of: None,
            },
        );
    }

    fn phase(&mut self, n: u32) {
        let id = Some(PhaseId::parse(format!("p{n}")).unwrap());
        self.ok(&fac(), Op::GoToPhase { id });
    }

    fn vote(&mut self, who: &Actor, note: &str) -> Result<Vec<Change>, RejectReason> {
        self.run(
            who,
            Op::CastVote {
                target: note_target(note),
            },
        )
    }
}

#[test]
fn the_budget_holds_and_a_vote_can_be_taken_back() {
    let mut room = Room::new();
    assert_eq!(room.vote(&anna(), "n1"), Err(RejectReason::VotingClosed));
    room.phase(3);
    let rules = VotingRules {
        budget: 2,
        stacking: false,
    };
    room.ok(&fac(), Op::SetVoting { rules });
    room.vote(&anna(), "n1").unwrap();
    assert_eq!(room.vote(&anna(), "n1"), Err(RejectReason::AlreadyVoted));
    room.vote(&anna(), "n2").unwrap();
    room.post(&fac(), "n3");
    assert_eq!(
        room.vote(&anna(), "n3"),
        Err(RejectReason::BudgetSpent { budget: 2 })
    );
    assert_eq!(room.vote(&fac(), "n3"), Err(RejectReason::Forbidden));
    room.ok(
        &anna(),
        Op::RetractVote {
            target: note_target("n1"),
        },
    );
    room.vote(&anna(), "n3").unwrap();
    assert_eq!(room.board.ballots[&anna().participant].sum(), 2);
    assert_eq!(room.board.vote_totals.get(&note_target("n1")), 0);
    assert_eq!(
        room.run(
            &ben(),
            Op::RetractVote {
                target: note_target("n1")
            }
        ),
        Err(RejectReason::NoVote)
    );
    // Rules that the ballots already break are refused until the votes are cleared.
    let stricter = VotingRules {
        budget: 1,
        stacking: false,
    };
    assert_eq!(
        room.run(&fac(), Op::SetVoting { rules: stricter }),
        Err(RejectReason::VotesCast)
    );
    room.ok(&fac(), Op::ClearVotes);
    room.ok(&fac(), Op::SetVoting { rules: stricter });
    assert!(room.board.ballots.is_empty() && room.board.vote_totals.is_empty());
}

#[test]
fn votes_are_secret_and_totals_follow_the_phase() {
    let mut room = Room::new();
    room.phase(3); // Vote: totals hidden
    let before = room.board.clone();
    let changes = room.vote(&anna(), "n1").unwrap();
    assert_eq!(
        actor_shown_to(&before, &anna().participant, &changes),
        ActorShownTo::Nobody
    );
    let after = AfterOp::new(&room.board, &changes);
    assert!(redact_all(&changes, &ben().viewer(), &after).is_empty());
    let to_fac = redact_all(&changes, &fac().viewer(), &after);
    assert!(matches!(
        to_fac.as_slice(),
        [Change::VoteTotal { total: 1, .. }]
    ));
    // The voter sees their own ballot, but not the total while the phase hides totals.
    assert_eq!(redact_all(&changes, &anna().viewer(), &after), changes[..1]);
    assert!(
        room.board
            .as_seen_by(&ben().viewer())
            .vote_totals
            .is_empty()
    );
    assert!(room.board.as_seen_by(&ben().viewer()).ballots.is_empty());

    // Act shows the totals: everyone is sent them in the phase change.
    let before = room.board.clone();
    let id = Some(PhaseId::parse("p4").unwrap());
    let changes = room.ok(&fac(), Op::GoToPhase { id });
    let after = AfterOp::new(&room.board, &changes);
    let to_ben = redact_all(&changes, &ben().viewer(), &after);
    let mut ben_view = before.as_seen_by(&ben().viewer());
    to_ben.iter().for_each(|c| ben_view.absorb(c));
    assert_eq!(ben_view, room.board.as_seen_by(&ben().viewer()));
    assert_eq!(ben_view.vote_totals.get(&note_target("n1")), 1);

    // Back to a hiding phase: the totals leave Ben's view again.
    let id = Some(PhaseId::parse("p3").unwrap());
    let changes = room.ok(&fac(), Op::GoToPhase { id });
    let after = AfterOp::new(&room.board, &changes);
    redact_all(&changes, &ben().viewer(), &after)
        .iter()
        .for_each(|c| ben_view.absorb(c));
    assert!(ben_view.vote_totals.is_empty());
    assert_eq!(ben_view, room.board.as_seen_by(&ben().viewer()));
}

#[test]
fn approve_first_shows_a_note_to_its_author_and_the_facilitators_until_approved() {
    let mut room = Room::new();
    room.ok(&fac(), Op::SetApproveFirst { on: true });
    room.post(&anna(), "a1");
    let a1 = NoteId::parse("a1").unwrap();
    assert_eq!(room.board.notes[&a1].status, Status::Pending);
    assert!(
        room.board
            .as_seen_by(&anna().viewer())
            .notes
            .contains_key(&a1)
    );
    assert!(
        room.board
            .as_seen_by(&fac().viewer())
            .notes
            .contains_key(&a1)
    );
    let ben_view = room.board.as_seen_by(&ben().viewer());
    assert!(!ben_view.notes.contains_key(&a1) && !ben_view.hidden_notes.contains_key(&a1));
    // Nobody may vote on or comment on what they cannot see.
    room.phase(3);
    assert_eq!(
        room.vote(&ben(), "a1"),
        Err(RejectReason::UnknownNote { id: a1.clone() })
    );
    let comment = Op::PostComment {
        id: CommentId::parse("c1").unwrap(),
        note: a1.clone(),
        text: "Hyvä".into(),
    };
    assert_eq!(
        room.run(&ben(), comment),
        Err(RejectReason::UnknownNote { id: a1.clone() })
    );
    let approve = Op::ModerateNote {
        id: a1.clone(),
        status: Status::Visible,
    };
    room.ok(&fac(), approve);
    assert!(
        room.board
            .as_seen_by(&ben().viewer())
            .notes
            .contains_key(&a1)
    );
}

#[test]
fn hiding_a_note_gives_its_votes_back_and_keeps_it_for_the_facilitators() {
    let mut room = Room::new();
    room.phase(3);
    room.vote(&anna(), "n1").unwrap();
    let n1 = NoteId::parse("n1").unwrap();
    let hide = Op::ModerateNote {
        id: n1.clone(),
        status: Status::Hidden,
    };
    room.ok(&fac(), hide);
    assert!(room.board.ballots.is_empty());
    assert!(room.board.vote_totals.is_empty());
    assert_eq!(room.board.notes[&n1].status, Status::Hidden);
    assert!(
        !room
            .board
            .as_seen_by(&ben().viewer())
            .notes
            .contains_key(&n1)
    );
    // Its author cannot reach it either.
    let edit = Op::EditNote {
        id: n1.clone(),
        text: "uusi".into(),
    };
    assert_eq!(
        room.run(&ben(), edit),
        Err(RejectReason::UnknownNote { id: n1 })
    );
}

#[test]
fn a_comment_on_a_private_note_is_hidden_with_it_and_comes_with_the_reveal() {
    let mut room = Room::new();
    room.phase(1); // private writing
    room.post(&anna(), "a1");
    let a1 = NoteId::parse("a1").unwrap();
    let c1 = CommentId::parse("c1").unwrap();
    let before = room.board.clone();
    let changes = room.ok(
        &anna(),
        Op::PostComment {
            id: c1.clone(),
            note: a1.clone(),
            text: "Tarkennus".into(),
        },
    );
    assert_eq!(
        actor_shown_to(&before, &anna().participant, &changes),
        ActorShownTo::Facilitators
    );
    let after = AfterOp::new(&room.board, &changes);
    assert_eq!(
        redact_all(&changes, &ben().viewer(), &after),
        vec![Change::CommentRemoved { id: c1.clone() }]
    );
    assert!(
        !room
            .board
            .as_seen_by(&ben().viewer())
            .comments
            .contains_key(&c1)
    );
    let before = room.board.clone();
    let id = Some(PhaseId::parse("p2").unwrap());
    let changes = room.ok(&fac(), Op::GoToPhase { id });
    let after = AfterOp::new(&room.board, &changes);
    let mut ben_view = before.as_seen_by(&ben().viewer());
    redact_all(&changes, &ben().viewer(), &after)
        .iter()
        .for_each(|c| ben_view.absorb(c));
    assert!(ben_view.comments.contains_key(&c1));
    assert_eq!(ben_view, room.board.as_seen_by(&ben().viewer()));
    // Deleting the note takes its comment with it, in the same op.
    room.ok(&fac(), Op::DeleteNote { id: a1 });
    assert!(room.board.comments.is_empty());
}

#[test]
fn the_timer_is_data_counted_from_the_rooms_clock() {
    let mut room = Room::new();
    assert_eq!(
        room.run(&fac(), Op::PauseTimer),
        Err(RejectReason::TimerState)
    );
    room.ok(
        &fac(),
        Op::StartTimer {
            duration_ms: 60_000,
        },
    );
    room.now += 20_000;
    room.ok(&fac(), Op::PauseTimer);
    assert_eq!(
        room.board.timer,
        Some(Timer::Paused {
            remaining_ms: 40_000
        })
    );
    room.now += 300_000;
    room.ok(&fac(), Op::ExtendTimer { by_ms: 60_000 });
    room.ok(&fac(), Op::ResumeTimer);
    assert_eq!(
        room.board.timer,
        Some(Timer::Running {
            ends_at: room.now + 100_000
        })
    );
    // Run out, then "one more minute" counts from now.
    room.now += 500_000;
    assert_eq!(
        room.run(&fac(), Op::PauseTimer),
        Err(RejectReason::TimerState)
    );
    room.ok(&fac(), Op::ExtendTimer { by_ms: 60_000 });
    assert_eq!(
        room.board.timer,
        Some(Timer::Running {
            ends_at: room.now + 60_000
        })
    );
    let too_long = limits::MAX_TIMER_MS + 1;
    assert!(matches!(
        room.run(
            &fac(),
            Op::StartTimer {
                duration_ms: too_long
            }
        ),
        Err(RejectReason::BadDuration { .. })
    ));
    assert_eq!(
        room.run(&anna(), Op::StopTimer),
        Err(RejectReason::Forbidden)
    );
    room.ok(&fac(), Op::StopTimer);
    assert_eq!(room.board.timer, None);
}

#[test]
fn a_facilitator_posts_on_someones_behalf_and_themes_gather_notes() {
    let mut room = Room::new();
    let op = |id: &str| Op::PostNote {
        id: NoteId::parse(id).unwrap(),
        section: SectionId::parse("s").unwrap(),
        text: "Kotihoidon resurssit".into(),
        colour: Colour::Green,
        on_behalf_of: Some("Pöytä 3".into()),
    };
    assert_eq!(room.run(&anna(), op("x")), Err(RejectReason::Forbidden));
    room.ok(&fac(), op("f1"));
    let f1 = NoteId::parse("f1").unwrap();
    assert_eq!(
        room.board.notes[&f1].author_name.as_deref(),
        Some("Pöytä 3")
    );
    assert_eq!(room.board.notes[&f1].author, fac().participant);

    let t1 = ThemeId::parse("t1").unwrap();
    room.ok(
        &fac(),
        Op::AddTheme {
            id: t1.clone(),
            title: "Kotihoito".into(),
        },
    );
    room.ok(
        &fac(),
        Op::SetNoteTheme {
            note: f1.clone(),
            theme: Some(t1.clone()),
        },
    );
    room.phase(3);
    room.run(
        &anna(),
        Op::CastVote {
            target: VoteTarget::Theme(t1.clone()),
        },
    )
    .unwrap();
    room.ok(&fac(), Op::DeleteTheme { id: t1.clone() });
    assert_eq!(room.board.notes[&f1].theme, None);
    assert!(room.board.ballots.is_empty());
}

#[test]
fn unhiding_ones_own_note_names_whoever_did_it() {
    // Found by the fuzz target: the note is public again, so naming the actor tells nothing.
    let mut room = Room::new();
    room.post(&fac(), "f1");
    let f1 = NoteId::parse("f1").unwrap();
    let moderate = |status| Op::ModerateNote {
        id: f1.clone(),
        status,
    };
    let c1 = CommentId::parse("c1").unwrap();
    let comment = Op::PostComment {
        id: c1.clone(),
        note: f1.clone(),
        text: "Oma kommentti".into(),
    };
    room.ok(&fac(), comment);
    let before = room.board.clone();
    let changes = room.ok(&fac(), moderate(Status::Hidden));
    assert_eq!(
        actor_shown_to(&before, &fac().participant, &changes),
        ActorShownTo::Facilitators
    );
    let before = room.board.clone();
    let changes = room.ok(&fac(), moderate(Status::Visible));
    // The note comes back with the comment, which is judged with the note as it is now.
    assert!(
        changes
            .iter()
            .any(|c| matches!(c, Change::Comment { comment } if comment.id == c1))
    );
    assert_eq!(
        actor_shown_to(&before, &fac().participant, &changes),
        ActorShownTo::Everyone
    );
}
