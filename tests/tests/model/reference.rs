//! The reference model: the board rules and who sees what, as docs/protocol.md states them,
//! written apart from `talkoot_shared::apply` and `talkoot_shared::visibility` so that the model
//! test can catch either being wrong. Sections and notes are plain lists in display order, with
//! no order keys; a view lists the notes a viewer may not see only by id, in their section.

use std::collections::BTreeSet;

use talkoot_shared::limits::{
    MAX_INSTRUCTION_CHARS, MAX_NOTE_TEXT_CHARS, MAX_NOTES, MAX_PHASE_TITLE_CHARS, MAX_PHASES,
    MAX_SECTION_TITLE_CHARS, MAX_SECTIONS,
};
use talkoot_shared::reject::{Countable, Field};
use talkoot_shared::{
    Board, Colour, NoteId, Op, ParticipantId, Phase, PhaseId, ProjectorSettings, RejectReason,
    Role, SectionId,
};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModelNote {
    id: NoteId,
    text: String,
    colour: Colour,
    author: ParticipantId,
    /// Written by a participant in a private phase, not yet revealed.
    private: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModelSection {
    pub id: SectionId,
    title: String,
    colour: Colour,
    locked: bool,
    /// In display order.
    notes: Vec<ModelNote>,
    /// Notes here that the viewer may not see. Always empty in the whole board.
    hidden: BTreeSet<NoteId>,
}

/// The board as display-ordered lists: what a person sees.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Model {
    pub sections: Vec<ModelSection>,
    pub phases: Vec<Phase>,
    pub phase: Option<PhaseId>,
    locked: bool,
    projector: ProjectorSettings,
    /// Hidden notes said to be in a section the board does not have: never, in the model.
    stray_hidden: BTreeSet<NoteId>,
}

/// Who acts or looks.
#[derive(Debug, Clone)]
pub struct Who {
    pub participant: ParticipantId,
    pub role: Role,
}

fn text_rule(field: Field, text: &str, max: usize) -> Result<(), RejectReason> {
    if text.trim().is_empty() {
        Err(RejectReason::Empty { field })
    } else {
        length_rule(field, text, max)
    }
}

fn length_rule(field: Field, text: &str, max: usize) -> Result<(), RejectReason> {
    if text.chars().count() > max {
        Err(RejectReason::TooLong {
            field,
            max: max as u32,
        })
    } else {
        Ok(())
    }
}

impl Model {
    /// How a real board, or a viewer's view of one, looks as the model sees it.
    pub fn of(board: &Board) -> Model {
        let sections = board
            .ordered_sections()
            .into_iter()
            .map(|s| ModelSection {
                id: s.id.clone(),
                title: s.title.clone(),
                colour: s.colour,
                locked: s.locked,
                notes: board
                    .notes_in(&s.id)
                    .into_iter()
                    .map(|n| ModelNote {
                        id: n.id.clone(),
                        text: n.text.clone(),
                        colour: n.colour,
                        author: n.author.clone(),
                        private: n.private,
                    })
                    .collect(),
                hidden: board
                    .hidden_notes
                    .iter()
                    .filter(|(_, section)| *section == &s.id)
                    .map(|(id, _)| id.clone())
                    .collect(),
            })
            .collect();
        Model {
            sections,
            phases: board.phases.clone(),
            phase: board.phase.clone(),
            locked: board.locked,
            projector: board.projector,
            stray_hidden: board
                .hidden_notes
                .iter()
                .filter(|(_, section)| !board.sections.contains_key(*section))
                .map(|(id, _)| id.clone())
                .collect(),
        }
    }

    /// The board as `viewer` may see it: a private note is seen whole by its author and the
    /// facilitators; everyone else (the projector too) is only told its id and section.
    pub fn seen_by(&self, viewer: &Who) -> Model {
        let mut view = self.clone();
        for section in &mut view.sections {
            let (seen, hidden): (Vec<ModelNote>, Vec<ModelNote>) =
                section.notes.drain(..).partition(|n| {
                    !n.private || viewer.role == Role::Facilitator || n.author == viewer.participant
                });
            section.notes = seen;
            section.hidden.extend(hidden.into_iter().map(|n| n.id));
        }
        view
    }

    /// Notes `viewer` may not see, over the whole board.
    pub fn hidden_count(&self) -> usize {
        self.sections.iter().map(|s| s.hidden.len()).sum()
    }

    /// Private notes on the board.
    pub fn private_count(&self) -> usize {
        self.sections
            .iter()
            .flat_map(|s| &s.notes)
            .filter(|n| n.private)
            .count()
    }

    fn section(&self, id: &SectionId) -> Result<usize, RejectReason> {
        self.sections
            .iter()
            .position(|s| &s.id == id)
            .ok_or_else(|| RejectReason::UnknownSection { id: id.clone() })
    }

    /// (section index, note index) of a note.
    pub fn note(&self, id: &NoteId) -> Result<(usize, usize), RejectReason> {
        self.sections
            .iter()
            .enumerate()
            .find_map(|(s, sec)| sec.notes.iter().position(|n| &n.id == id).map(|n| (s, n)))
            .ok_or_else(|| RejectReason::UnknownNote { id: id.clone() })
    }

    /// Locks bind participants only.
    fn unlocked(&self, who: &Who, section: usize) -> Result<(), RejectReason> {
        if who.role != Role::Facilitator && (self.locked || self.sections[section].locked) {
            Err(RejectReason::Locked)
        } else {
            Ok(())
        }
    }

    /// A note the actor may change: their own while unlocked, or any for a facilitator.
    fn own(&self, who: &Who, id: &NoteId) -> Result<(usize, usize), RejectReason> {
        let (s, n) = self.note(id)?;
        let note = &self.sections[s].notes[n];
        let own = note.author == who.participant;
        // A note one may not see is unknown to them, rather than someone else's.
        if who.role != Role::Facilitator && note.private && !own {
            return Err(RejectReason::UnknownNote { id: id.clone() });
        }
        if who.role != Role::Facilitator && !own {
            return Err(RejectReason::Forbidden);
        }
        self.unlocked(who, s)?;
        Ok((s, n))
    }

    fn note_count(&self) -> usize {
        self.sections.iter().map(|s| s.notes.len()).sum()
    }

    fn current_phase(&self) -> Option<&Phase> {
        let id = self.phase.as_ref()?;
        self.phases.iter().find(|p| &p.id == id)
    }

    /// No phase, or one without the switch: nothing is written privately, and nothing stays
    /// private either.
    fn writing_is_private(&self) -> bool {
        self.current_phase().is_some_and(|p| p.private_notes)
    }

    fn posting_is_open(&self) -> bool {
        self.current_phase().is_none_or(|p| p.posting_open)
    }

    /// The reveal: once the board is in a phase that does not keep notes private, none is.
    fn reveal_unless_private(&mut self) {
        if self.writing_is_private() {
            return;
        }
        for note in self.sections.iter_mut().flat_map(|s| &mut s.notes) {
            note.private = false;
        }
    }

    pub fn step(&mut self, who: &Who, op: &Op) -> Result<(), RejectReason> {
        // The projector may change nothing at all.
        if who.role == Role::Projector {
            return Err(RejectReason::Forbidden);
        }
        let facilitator_only = || {
            if who.role == Role::Facilitator {
                Ok(())
            } else {
                Err(RejectReason::Forbidden)
            }
        };
        match op {
            Op::LockBoard { locked } => {
                facilitator_only()?;
                self.locked = *locked;
            }
            Op::SetProjector { settings } => {
                facilitator_only()?;
                self.projector = *settings;
            }
            Op::SetPhases { phases } => {
                facilitator_only()?;
                if phases.len() > MAX_PHASES {
                    return Err(RejectReason::LimitReached {
                        what: Countable::Phases,
                        max: MAX_PHASES as u32,
                    });
                }
                for (i, phase) in phases.iter().enumerate() {
                    text_rule(Field::PhaseTitle, &phase.title, MAX_PHASE_TITLE_CHARS)?;
                    length_rule(
                        Field::Instruction,
                        &phase.instruction,
                        MAX_INSTRUCTION_CHARS,
                    )?;
                    if phases[..i].iter().any(|p| p.id == phase.id) {
                        return Err(RejectReason::DuplicateId);
                    }
                }
                if let Some(current) = &self.phase
                    && !phases.iter().any(|p| &p.id == current)
                {
                    return Err(RejectReason::CurrentPhaseRemoved);
                }
                self.phases.clone_from(phases);
                self.reveal_unless_private();
            }
            Op::GoToPhase { id } => {
                facilitator_only()?;
                if let Some(id) = id
                    && !self.phases.iter().any(|p| &p.id == id)
                {
                    return Err(RejectReason::UnknownPhase { id: id.clone() });
                }
                self.phase.clone_from(id);
                self.reveal_unless_private();
            }
            Op::AddSection { id, title, colour } => {
                facilitator_only()?;
                text_rule(Field::SectionTitle, title, MAX_SECTION_TITLE_CHARS)?;
                if self.section(id).is_ok() {
                    return Err(RejectReason::DuplicateId);
                }
                if self.sections.len() >= MAX_SECTIONS {
                    return Err(RejectReason::LimitReached {
                        what: Countable::Sections,
                        max: MAX_SECTIONS as u32,
                    });
                }
                self.sections.push(ModelSection {
                    id: id.clone(),
                    title: title.clone(),
                    colour: *colour,
                    locked: false,
                    notes: Vec::new(),
                    hidden: BTreeSet::new(),
                });
            }
            Op::UpdateSection { id, title, colour } => {
                facilitator_only()?;
                text_rule(Field::SectionTitle, title, MAX_SECTION_TITLE_CHARS)?;
                let s = self.section(id)?;
                self.sections[s].title = title.clone();
                self.sections[s].colour = *colour;
            }
            Op::MoveSection { id, before } => {
                facilitator_only()?;
                let s = self.section(id)?;
                if before.as_ref() == Some(id) {
                    return Err(RejectReason::BadPosition);
                }
                if let Some(b) = before {
                    self.section(b)?;
                }
                let moved = self.sections.remove(s);
                let at = match before {
                    Some(b) => self.section(b)?,
                    None => self.sections.len(),
                };
                self.sections.insert(at, moved);
            }
            Op::LockSection { id, locked } => {
                facilitator_only()?;
                let s = self.section(id)?;
                self.sections[s].locked = *locked;
            }
            Op::DeleteSection { id } => {
                facilitator_only()?;
                let s = self.section(id)?;
                self.sections.remove(s);
            }
            Op::PostNote {
                id,
                section,
                text,
                colour,
                on_behalf_of: None,
            } => {
                text_rule(Field::NoteText, text, MAX_NOTE_TEXT_CHARS)?;
                let s = self.section(section)?;
                self.unlocked(who, s)?;
                let participant = who.role == Role::Participant;
                if participant && !self.posting_is_open() {
                    return Err(RejectReason::PostingClosed);
                }
                if self.note(id).is_ok() {
                    return Err(RejectReason::DuplicateId);
                }
                if self.note_count() >= MAX_NOTES {
                    return Err(RejectReason::LimitReached {
                        what: Countable::Notes,
                        max: MAX_NOTES as u32,
                    });
                }
                let private = participant && self.writing_is_private();
                self.sections[s].notes.push(ModelNote {
                    id: id.clone(),
                    text: text.clone(),
                    colour: *colour,
                    author: who.participant.clone(),
                    private,
                });
            }
            Op::EditNote { id, text } => {
                text_rule(Field::NoteText, text, MAX_NOTE_TEXT_CHARS)?;
                let (s, n) = self.own(who, id)?;
                self.sections[s].notes[n].text = text.clone();
            }
            Op::RecolourNote { id, colour } => {
                let (s, n) = self.own(who, id)?;
                self.sections[s].notes[n].colour = *colour;
            }
            Op::MoveNote {
                id,
                section,
                before,
            } => {
                let (s, n) = self.own(who, id)?;
                let to = self.section(section)?;
                self.unlocked(who, to)?;
                if before.as_ref() == Some(id) {
                    return Err(RejectReason::BadPosition);
                }
                if let Some(b) = before {
                    let (bs, _) = self.note(b)?;
                    if bs != to {
                        return Err(RejectReason::BadPosition);
                    }
                }
                let moved = self.sections[s].notes.remove(n);
                let at = match before {
                    Some(b) => self.note(b)?.1,
                    None => self.sections[to].notes.len(),
                };
                self.sections[to].notes.insert(at, moved);
            }
            Op::DeleteNote { id } => {
                let (s, n) = self.own(who, id)?;
                self.sections[s].notes.remove(n);
            }
            other => unreachable!("the script never sends {other:?}"),
        }
        Ok(())
    }
}
