//! What must be true of every board that `apply` + `absorb` can produce, starting from a valid
//! one. The fuzzer checks it after every op, and tests can call it on any board they hold.

use crate::limits::*;
use crate::model::Board;
use crate::order_key;

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
    /// - in a viewer's view, a hidden note is not also shown, and its section exists.
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
        Ok(())
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
}
