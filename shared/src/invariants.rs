//! What must be true of every board that `apply` + `absorb` can produce, starting from a valid
//! one. The fuzzer checks it after every op, and tests can call it on any board they hold.

use crate::limits::*;
use crate::model::{Board, Timer, Timestamp, VoteCounts, VoteTarget, is_calendar_date};
use crate::order_key;
use crate::visibility::is_public;

/// The first broken rule found, in words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Broken(pub String);

impl std::fmt::Display for Broken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Broken {}

fn ensure(ok: bool, what: impl FnOnce() -> String) -> Result<(), Broken> {
    if ok { Ok(()) } else { Err(Broken(what())) }
}

/// A required text field: not blank, at most `max` characters.
fn text_ok(text: &str, max: usize) -> bool {
    !text.trim().is_empty() && text.chars().count() <= max
}

/// An order key `between` could have made, no longer than the bound `apply` keeps.
fn key_ok(key: &str) -> bool {
    order_key::is_valid(key) && key.len() <= MAX_ORDER_KEY_LEN
}

/// A key that occurs twice in `keys`, if any.
fn repeated_key(mut keys: Vec<&str>) -> Option<&str> {
    keys.sort_unstable();
    keys.windows(2).find(|w| w[0] == w[1]).map(|w| w[0])
}

impl Board {
    /// Checks the board's rules:
    /// - each entity is filed under its own id, and each note's section exists;
    /// - at most `MAX_SECTIONS` sections and `MAX_NOTES` notes;
    /// - titles, note texts and author names are within their limits;
    /// - order keys are valid, at most `MAX_ORDER_KEY_LEN` long, and unique among the sections
    ///   and within each section's notes, so display order is total without falling back to ids;
    /// - a note was never updated before it was created;
    /// - at most `MAX_PHASES` phases, with distinct ids and titles and instructions within
    ///   their limits, and the current phase is one of them;
    /// - a note is private only while the current phase keeps writing private (the reveal
    ///   leaves none behind);
    /// - in a viewer's view, a hidden note is not also shown, and its section exists;
    /// - comments, themes, votes and the timer keep their rules (`check_comments`,
    ///   `check_themes`, `check_votes`, `check_timer`).
    ///
    /// It holds for the room's board and for every view of it alike; what only the room's
    /// board can show is [`Board::check_whole_board`].
    pub fn check_invariants(&self) -> Result<(), Broken> {
        ensure(self.sections.len() <= MAX_SECTIONS, || {
            format!("{} sections", self.sections.len())
        })?;
        ensure(self.notes.len() <= MAX_NOTES, || {
            format!("{} notes", self.notes.len())
        })?;
        ensure(text_ok(&self.meta.title, MAX_BOARD_TITLE_CHARS), || {
            "bad board title".into()
        })?;
        ensure(
            self.meta.description.chars().count() <= MAX_DESCRIPTION_CHARS,
            || "description too long".into(),
        )?;
        for (id, s) in &self.sections {
            ensure(&s.id == id, || format!("section {} filed under {id}", s.id))?;
            ensure(text_ok(&s.title, MAX_SECTION_TITLE_CHARS), || {
                format!("section {id} has a bad title")
            })?;
            ensure(key_ok(&s.order), || {
                format!("section {id} has order key {:?}", s.order)
            })?;
        }
        let section_keys = self.sections.values().map(|s| s.order.as_str()).collect();
        if let Some(key) = repeated_key(section_keys) {
            return Err(Broken(format!("two sections share order key {key:?}")));
        }
        for (id, n) in &self.notes {
            ensure(&n.id == id, || format!("note {} filed under {id}", n.id))?;
            ensure(self.sections.contains_key(&n.section), || {
                format!("note {id} is in missing section {}", n.section)
            })?;
            ensure(text_ok(&n.text, MAX_NOTE_TEXT_CHARS), || {
                format!("note {id} has bad text")
            })?;
            ensure(
                n.author_name
                    .as_ref()
                    .is_none_or(|name| name.chars().count() <= MAX_NAME_CHARS),
                || format!("note {id} has a too long author name"),
            )?;
            ensure(key_ok(&n.order), || {
                format!("note {id} has order key {:?}", n.order)
            })?;
            ensure(n.created_at <= n.updated_at, || {
                format!("note {id} was updated before it was created")
            })?;
        }
        self.check_phases()?;
        if !self.writing_is_private()
            && let Some(n) = self.notes.values().find(|n| n.private)
        {
            return Err(Broken(format!(
                "note {} is private outside private writing",
                n.id
            )));
        }
        for (id, section) in &self.hidden_notes {
            ensure(!self.notes.contains_key(id), || {
                format!("note {id} is both hidden and shown")
            })?;
            ensure(self.sections.contains_key(section), || {
                format!("hidden note {id} is in missing section {section}")
            })?;
        }
        for section in self.sections.keys() {
            let keys = self
                .notes
                .values()
                .filter(|n| &n.section == section)
                .map(|n| n.order.as_str())
                .collect();
            if let Some(key) = repeated_key(keys) {
                return Err(Broken(format!(
                    "two notes in section {section} share order key {key:?}"
                )));
            }
        }
        self.check_comments()?;
        self.check_themes()?;
        self.check_votes()?;
        self.check_tasks()?;
        self.check_timer()
    }

    /// What only the room's board, which holds everyone's ballot, can show: it passes
    /// `check_invariants`, keeps every note in `notes` (none in `hidden_notes`), every task's
    /// note is one of them (a view may lack it), and each total is the sum of that target's
    /// votes over the ballots.
    pub fn check_whole_board(&self) -> Result<(), Broken> {
        self.check_invariants()?;
        ensure(self.hidden_notes.is_empty(), || {
            "the whole board has hidden notes".into()
        })?;
        for task in self.tasks.values() {
            if let Some(note) = &task.from_note {
                ensure(self.notes.contains_key(note), || {
                    format!("task {} is made from missing note {note}", task.id)
                })?;
            }
        }
        let mut sums = VoteCounts::default();
        for ballot in self.ballots.values() {
            for target in targets(ballot) {
                sums.set(&target, sums.get(&target) + ballot.get(&target));
            }
        }
        ensure(sums == self.vote_totals, || {
            format!(
                "the totals {:?} are not the ballots' sums {sums:?}",
                self.vote_totals
            )
        })
    }

    /// Comments: each filed under its own id, on a note this board (or view) holds, so none
    /// outlives its note; at most `MAX_COMMENTS`; text and author names within their limits;
    /// never updated before made.
    fn check_comments(&self) -> Result<(), Broken> {
        ensure(self.comments.len() <= MAX_COMMENTS, || {
            format!("{} comments", self.comments.len())
        })?;
        for (id, c) in &self.comments {
            ensure(&c.id == id, || format!("comment {} filed under {id}", c.id))?;
            ensure(self.notes.contains_key(&c.note), || {
                format!("comment {id} is on missing note {}", c.note)
            })?;
            ensure(text_ok(&c.text, MAX_COMMENT_TEXT_CHARS), || {
                format!("comment {id} has bad text")
            })?;
            ensure(
                c.author_name
                    .as_ref()
                    .is_none_or(|name| name.chars().count() <= MAX_NAME_CHARS),
                || format!("comment {id} has a too long author name"),
            )?;
            ensure(c.created_at <= c.updated_at, || {
                format!("comment {id} was updated before it was made")
            })?;
        }
        Ok(())
    }

    /// Themes: each filed under its own id with a title within its limit, at most
    /// `MAX_THEMES`, and every note's theme is one of them.
    fn check_themes(&self) -> Result<(), Broken> {
        ensure(self.themes.len() <= MAX_THEMES, || {
            format!("{} themes", self.themes.len())
        })?;
        for (id, t) in &self.themes {
            ensure(&t.id == id, || format!("theme {} filed under {id}", t.id))?;
            ensure(text_ok(&t.title, MAX_THEME_TITLE_CHARS), || {
                format!("theme {id} has a bad title")
            })?;
        }
        for n in self.notes.values() {
            if let Some(theme) = &n.theme {
                ensure(self.themes.contains_key(theme), || {
                    format!("note {} is in missing theme {theme}", n.id)
                })?;
            }
        }
        Ok(())
    }

    /// Tasks: each filed under its own id, at most `MAX_TASKS`, with a title and owner within
    /// their limits and a due date that is a calendar date.
    fn check_tasks(&self) -> Result<(), Broken> {
        ensure(self.tasks.len() <= MAX_TASKS, || {
            format!("{} tasks", self.tasks.len())
        })?;
        for (id, t) in &self.tasks {
            ensure(&t.id == id, || format!("task {} filed under {id}", t.id))?;
            ensure(text_ok(&t.title, MAX_TASK_TITLE_CHARS), || {
                format!("task {id} has a bad title")
            })?;
            ensure(t.owner.chars().count() <= MAX_TASK_OWNER_CHARS, || {
                format!("task {id} has a too long owner")
            })?;
            ensure(t.due.as_deref().is_none_or(is_calendar_date), || {
                format!("task {id} is due on {:?}", t.due)
            })?;
        }
        Ok(())
    }

    /// Votes: the budget is within `1..=MAX_VOTE_BUDGET`; no ballot spends more than it, or
    /// stacks votes on one target while stacking is off, or keeps a zero or an empty ballot;
    /// every ballot and total names a note everyone may see, or a theme, that the board holds.
    fn check_votes(&self) -> Result<(), Broken> {
        let rules = self.voting;
        ensure((1..=MAX_VOTE_BUDGET).contains(&rules.budget), || {
            format!("a budget of {}", rules.budget)
        })?;
        for (voter, ballot) in &self.ballots {
            ensure(!ballot.is_empty(), || {
                format!("{voter} has an empty ballot")
            })?;
            ensure(ballot.sum() <= rules.budget, || {
                format!("{voter} has {} votes of {}", ballot.sum(), rules.budget)
            })?;
            for target in targets(ballot) {
                let count = ballot.get(&target);
                ensure(rules.stacking || count <= 1, || {
                    format!("{voter} stacks {count} votes on {target:?} without stacking")
                })?;
                self.check_vote_target(&target, count, &format!("{voter}'s ballot"))?;
            }
        }
        for target in targets(&self.vote_totals) {
            self.check_vote_target(&target, self.vote_totals.get(&target), "the totals")?;
        }
        Ok(())
    }

    fn check_vote_target(
        &self,
        target: &VoteTarget,
        count: u32,
        whose: &str,
    ) -> Result<(), Broken> {
        ensure(count > 0, || format!("{whose} keep a zero on {target:?}"))?;
        let exists = match target {
            VoteTarget::Note(id) => self.notes.get(id).is_some_and(is_public),
            VoteTarget::Theme(id) => self.themes.contains_key(id),
        };
        ensure(exists, || {
            format!("{whose} count votes on {target:?}, not a public note or theme here")
        })
    }

    /// A paused timer holds some time, and no more than the longest countdown. A running one
    /// needs the clock: [`Board::check_timer_at`].
    fn check_timer(&self) -> Result<(), Broken> {
        match self.timer {
            Some(Timer::Paused { remaining_ms }) => {
                ensure((1..=MAX_TIMER_MS).contains(&remaining_ms), || {
                    format!("a paused timer holds {remaining_ms} ms")
                })
            }
            Some(Timer::Running { .. }) | None => Ok(()),
        }
    }

    /// At `now` (no earlier than the last accepted op), the timer has at most `MAX_TIMER_MS`
    /// left: no start or extension can pass the longest countdown.
    pub fn check_timer_at(&self, now: Timestamp) -> Result<(), Broken> {
        let left = self.timer.map_or(0, |t| t.remaining_at(now));
        ensure(left <= MAX_TIMER_MS, || {
            format!("the timer has {left} ms left")
        })
    }

    fn check_phases(&self) -> Result<(), Broken> {
        ensure(self.phases.len() <= MAX_PHASES, || {
            format!("{} phases", self.phases.len())
        })?;
        for (i, p) in self.phases.iter().enumerate() {
            ensure(!self.phases[..i].iter().any(|q| q.id == p.id), || {
                format!("two phases have id {}", p.id)
            })?;
            ensure(text_ok(&p.title, MAX_PHASE_TITLE_CHARS), || {
                format!("phase {} has a bad title", p.id)
            })?;
            ensure(
                p.instruction.chars().count() <= MAX_INSTRUCTION_CHARS,
                || format!("phase {} has a too long instruction", p.id),
            )?;
        }
        if let Some(id) = &self.phase {
            ensure(self.current_phase().is_some(), || {
                format!("the current phase {id} is not in the list")
            })?;
        }
        Ok(())
    }
}

/// Every target `counts` holds a count on.
fn targets(counts: &VoteCounts) -> impl Iterator<Item = VoteTarget> + '_ {
    let notes = counts.notes.keys().cloned().map(VoteTarget::Note);
    notes.chain(counts.themes.keys().cloned().map(VoteTarget::Theme))
}

#[cfg(test)]
mod tests {
    use crate::*;

    fn board_with_a_note() -> Board {
        let meta = BoardMeta {
            title: "Työpaja".into(),
            description: String::new(),
            language: Language::Fi,
        };
        let mut board = Board::new(BoardId::parse("b").unwrap(), meta);
        let fac = Actor {
            participant: ParticipantId::parse("f").unwrap(),
            role: Role::Facilitator,
            name: None,
        };
        let ops = [
            Op::AddSection {
                id: SectionId::parse("s").unwrap(),
                title: "Ryhmä".into(),
                colour: Colour::Blue,
            },
            Op::PostNote {
                id: NoteId::parse("n").unwrap(),
                section: SectionId::parse("s").unwrap(),
                text: "Tarve".into(),
                colour: Colour::Yellow,
                on_behalf_of: None,
            },
        ];
        for op in ops {
            for c in apply(&board, &fac, &op, 1).unwrap() {
                board.absorb(&c);
            }
        }
        board
    }

    #[test]
    fn a_board_made_by_apply_holds_and_each_kind_of_damage_is_named() {
        let good = board_with_a_note();
        assert_eq!(good.check_invariants(), Ok(()));
        let note = NoteId::parse("n").unwrap();

        let mut orphan = good.clone();
        orphan.sections.clear();
        let e = orphan.check_invariants().unwrap_err();
        assert!(e.0.contains("missing section"), "{e}");

        let mut twin = good.clone();
        let mut second = twin.notes[&note].clone();
        second.id = NoteId::parse("m").unwrap();
        twin.notes.insert(second.id.clone(), second);
        let e = twin.check_invariants().unwrap_err();
        assert!(e.0.contains("share order key"), "{e}");

        let mut bad_key = good.clone();
        bad_key.notes.get_mut(&note).unwrap().order = "V0".into();
        assert!(bad_key.check_invariants().is_err());

        let mut long_key = good.clone();
        let key = format!("a0{}", "V".repeat(limits::MAX_ORDER_KEY_LEN - 1));
        assert!(order_key::is_valid(&key));
        long_key.notes.get_mut(&note).unwrap().order = key;
        let e = long_key.check_invariants().unwrap_err();
        assert!(e.0.contains("order key"), "{e}");

        let mut long = good.clone();
        long.notes.get_mut(&note).unwrap().text = "x".repeat(limits::MAX_NOTE_TEXT_CHARS + 1);
        assert!(long.check_invariants().is_err());

        let mut unrevealed = good.clone();
        unrevealed.notes.get_mut(&note).unwrap().private = true;
        let e = unrevealed.check_invariants().unwrap_err();
        assert!(e.0.contains("private outside private writing"), "{e}");

        let mut shown_and_hidden = good.clone();
        let section = shown_and_hidden.notes[&note].section.clone();
        shown_and_hidden.hidden_notes.insert(note.clone(), section);
        let e = shown_and_hidden.check_invariants().unwrap_err();
        assert!(e.0.contains("both hidden and shown"), "{e}");

        let mut stray = good.clone();
        stray.hidden_notes.insert(
            NoteId::parse("h").unwrap(),
            SectionId::parse("gone").unwrap(),
        );
        let e = stray.check_invariants().unwrap_err();
        assert!(e.0.contains("missing section"), "{e}");
    }

    #[test]
    fn phases_hold_their_rules_and_private_notes_need_private_writing() {
        let mut board = board_with_a_note();
        let ids = ["w", "d", "v", "a"].map(|id| PhaseId::parse(id).unwrap());
        board.phases = templates::default_phases(Language::Fi, ids.clone());
        board.phase = Some(ids[0].clone());
        let note = NoteId::parse("n").unwrap();
        board.notes.get_mut(&note).unwrap().private = true;
        assert_eq!(board.check_invariants(), Ok(()));

        let mut lost = board.clone();
        lost.phase = Some(PhaseId::parse("x").unwrap());
        let e = lost.check_invariants().unwrap_err();
        assert!(e.0.contains("not in the list"), "{e}");

        let mut twice = board.clone();
        twice.phases.push(twice.phases[1].clone());
        let e = twice.check_invariants().unwrap_err();
        assert!(e.0.contains("two phases"), "{e}");

        let mut untitled = board.clone();
        untitled.phases[2].title = " ".into();
        assert!(untitled.check_invariants().is_err());

        let mut discussing = board;
        discussing.phase = Some(ids[1].clone());
        let e = discussing.check_invariants().unwrap_err();
        assert!(e.0.contains("private outside private writing"), "{e}");
    }

    fn participant() -> Actor {
        Actor {
            participant: ParticipantId::parse("p").unwrap(),
            role: Role::Participant,
            name: Some("Anna".into()),
        }
    }

    /// A board in the Vote phase with a theme, a comment on the note, the participant's votes
    /// on the note and the theme, and a paused timer: everything the rules below are about.
    fn board_with_votes() -> Board {
        let mut board = board_with_a_note();
        let ids = ["w", "d", "v", "a"].map(|id| PhaseId::parse(id).unwrap());
        board.phases = templates::default_phases(Language::Fi, ids.clone());
        let fac = Actor {
            participant: ParticipantId::parse("f").unwrap(),
            role: Role::Facilitator,
            name: None,
        };
        let note = NoteId::parse("n").unwrap();
        let theme = ThemeId::parse("t").unwrap();
        let steps = [
            (
                fac.clone(),
                Op::GoToPhase {
                    id: Some(ids[2].clone()),
                },
            ),
            (
                fac.clone(),
                Op::AddTheme {
                    id: theme.clone(),
                    title: "Arki".into(),
                },
            ),
            (
                fac.clone(),
                Op::SetNoteTheme {
                    note: note.clone(),
                    theme: Some(theme.clone()),
                },
            ),
            (
                fac.clone(),
                Op::StartTimer {
                    duration_ms: 60_000,
                },
            ),
            (fac.clone(), Op::PauseTimer),
            (
                participant(),
                Op::PostComment {
                    id: CommentId::parse("c").unwrap(),
                    note: note.clone(),
                    text: "Samaa mieltä".into(),
                },
            ),
            (
                participant(),
                Op::CastVote {
                    target: VoteTarget::Note(note),
                },
            ),
            (
                participant(),
                Op::CastVote {
                    target: VoteTarget::Theme(theme),
                },
            ),
        ];
        for (actor, op) in steps {
            for c in apply(&board, &actor, &op, 2).unwrap() {
                board.absorb(&c);
            }
        }
        board
    }

    fn broken(board: &Board) -> String {
        board.check_whole_board().unwrap_err().0
    }

    #[test]
    fn comments_themes_votes_and_the_timer_hold_and_each_kind_of_damage_is_named() {
        let good = board_with_votes();
        assert_eq!(good.check_whole_board(), Ok(()));
        assert_eq!(good.check_timer_at(3), Ok(()));
        let note = NoteId::parse("n").unwrap();
        let theme = ThemeId::parse("t").unwrap();
        let comment = CommentId::parse("c").unwrap();
        let voter = participant().participant;
        assert_eq!(good.vote_totals.sum(), 2);
        assert_eq!(good.notes[&note].theme, Some(theme.clone()));

        let mut orphan = good.clone();
        orphan.comments.get_mut(&comment).unwrap().note = NoteId::parse("gone").unwrap();
        assert!(broken(&orphan).contains("on missing note"));

        let mut long = good.clone();
        long.comments.get_mut(&comment).unwrap().text =
            "x".repeat(limits::MAX_COMMENT_TEXT_CHARS + 1);
        assert!(broken(&long).contains("comment c has bad text"));

        let mut blank = good.clone();
        blank.comments.get_mut(&comment).unwrap().text = " ".into();
        assert!(broken(&blank).contains("comment c has bad text"));

        let mut many = good.clone();
        let c = many.comments[&comment].clone();
        for k in 0..limits::MAX_COMMENTS {
            let id = CommentId::parse(format!("c{k}")).unwrap();
            many.comments
                .insert(id.clone(), Comment { id, ..c.clone() });
        }
        assert!(broken(&many).contains("comments"));

        let mut themes = good.clone();
        for k in 0..limits::MAX_THEMES {
            let id = ThemeId::parse(format!("t{k}")).unwrap();
            let t = Theme {
                id: id.clone(),
                title: "Teema".into(),
                created_at: 1,
            };
            themes.themes.insert(id, t);
        }
        assert!(broken(&themes).contains("31 themes"));

        let mut untitled = good.clone();
        untitled.themes.get_mut(&theme).unwrap().title = "".into();
        assert!(broken(&untitled).contains("bad title"));

        let mut lost_theme = good.clone();
        lost_theme.themes.clear();
        lost_theme.ballots.get_mut(&voter).unwrap().themes.clear();
        lost_theme.vote_totals.themes.clear();
        assert!(broken(&lost_theme).contains("in missing theme"));

        let mut overspent = good.clone();
        overspent.voting.budget = 1;
        assert!(broken(&overspent).contains("2 votes of 1"));

        let mut no_budget = good.clone();
        no_budget.voting.budget = 0;
        assert!(broken(&no_budget).contains("a budget of 0"));

        let mut stacked = good.clone();
        let target = VoteTarget::Note(note.clone());
        stacked.ballots.get_mut(&voter).unwrap().set(&target, 2);
        stacked.vote_totals.set(&target, 2);
        assert!(broken(&stacked).contains("without stacking"));
        stacked.voting.stacking = true;
        assert_eq!(stacked.check_whole_board(), Ok(()));

        let mut hidden_vote = good.clone();
        hidden_vote.notes.get_mut(&note).unwrap().status = Status::Hidden;
        assert!(broken(&hidden_vote).contains("not a public note or theme"));

        let mut gone_target = good.clone();
        gone_target.themes.remove(&theme);
        gone_target.notes.get_mut(&note).unwrap().theme = None;
        assert!(broken(&gone_target).contains("not a public note or theme"));

        let mut zero = good.clone();
        zero.ballots
            .get_mut(&voter)
            .unwrap()
            .notes
            .insert(note.clone(), 0);
        assert!(broken(&zero).contains("zero"));

        let mut empty = good.clone();
        empty
            .ballots
            .insert(ParticipantId::parse("q").unwrap(), VoteCounts::default());
        assert!(broken(&empty).contains("empty ballot"));

        // A view holds only the viewer's ballot, so the sums are the whole board's check.
        let mut miscounted = good.clone();
        miscounted.vote_totals.set(&target, 3);
        assert_eq!(miscounted.check_invariants(), Ok(()));
        assert!(broken(&miscounted).contains("not the ballots' sums"));

        let mut hiding = good.clone();
        hiding.hidden_notes.insert(
            NoteId::parse("h").unwrap(),
            good.notes[&note].section.clone(),
        );
        assert_eq!(hiding.check_invariants(), Ok(()));
        assert!(broken(&hiding).contains("hidden notes"));

        let mut stopped = good.clone();
        stopped.timer = Some(Timer::Paused { remaining_ms: 0 });
        assert!(broken(&stopped).contains("paused timer"));
        stopped.timer = Some(Timer::Paused {
            remaining_ms: limits::MAX_TIMER_MS + 1,
        });
        assert!(broken(&stopped).contains("paused timer"));

        let mut running = good;
        let ends_at = 10 + limits::MAX_TIMER_MS;
        running.timer = Some(Timer::Running { ends_at });
        assert_eq!(running.check_timer_at(10), Ok(()));
        assert!(running.check_timer_at(9).unwrap_err().0.contains("left"));
    }

    #[test]
    fn a_view_holds_its_own_ballot_and_passes_without_the_others() {
        let board = board_with_votes();
        for viewer in [
            participant().viewer(),
            Viewer {
                role: Role::Participant,
                participant: ParticipantId::parse("q").unwrap(),
            },
            Viewer {
                role: Role::Facilitator,
                participant: ParticipantId::parse("f").unwrap(),
            },
        ] {
            let view = board.as_seen_by(&viewer);
            assert_eq!(view.check_invariants(), Ok(()), "{viewer:?}");
            assert_eq!(
                view.ballots.len(),
                usize::from(viewer.participant.as_str() == "p")
            );
        }
    }
}
