//! A workshop in parts: "Start part 2" makes a new board from what part 1 produced. It keeps
//! part 1's case, phases and groups, and carries the top-voted notes as pinned material: a
//! locked section at the top, each note labelled with the group it came from, so the room
//! reads, comments on and votes on them again without rewriting them. Only what everyone saw
//! is carried: no hidden, pending or never-revealed note. Open tasks (not done) come along as
//! they are, linked to their note when it is one of those carried.

use crate::VoteTarget;
use crate::actor::Actor;
use crate::apply::apply;
use crate::http::{CreateBoard, NewPhase, NewSection};
use crate::ids::{BoardId, NoteId, PhaseId, SectionId, TaskId};
use crate::limits::MAX_NAME_CHARS;
use crate::model::{Board, Colour, Language, Note, SeriesLink, TaskStatus, Timestamp};
use crate::op::Op;
use crate::reject::RejectReason;
use crate::visibility::is_public;

/// A carried note, as it is posted in the next part.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Carried {
    pub text: String,
    pub colour: Colour,
    /// The group it was written in, shown as its author.
    pub from_group: String,
}

/// A task not yet done, as it is added to the next part.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CarriedTask {
    pub title: String,
    pub owner: String,
    pub due: Option<String>,
    pub status: TaskStatus,
    /// Which of `NextPart::pinned` it was made from, if it is one of them.
    pub from_pinned: Option<usize>,
}

/// The ids a next part is built with: as many of each as `NextPart` has items.
pub struct NewIds {
    pub board: BoardId,
    pub sections: Vec<SectionId>,
    pub phases: Vec<PhaseId>,
    pub notes: Vec<NoteId>,
    pub tasks: Vec<TaskId>,
}

/// The next part of `previous`, before it has ids.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NextPart {
    pub board: CreateBoard,
    pub pinned: Vec<Carried>,
    pub tasks: Vec<CarriedTask>,
    pub link: SeriesLink,
}

/// The pinned section's title in the board's language.
fn pinned_title(language: Language, part: u32) -> String {
    let previous = part - 1;
    match language {
        Language::Fi => format!("Osasta {previous}: eniten ääniä saaneet"),
        Language::Sv => format!("Från del {previous}: flest röster"),
        Language::En => format!("From part {previous}: most votes"),
    }
}

/// Part 1's notes that everyone saw, most votes first (equal ones oldest first), at most `top`.
pub fn top_notes(previous: &Board, top: usize) -> Vec<&Note> {
    let votes = |n: &Note| previous.vote_totals.get(&VoteTarget::Note(n.id.clone()));
    let mut notes: Vec<&Note> = previous.notes.values().filter(|n| is_public(n)).collect();
    notes.sort_by(|a, b| {
        votes(b)
            .cmp(&votes(a))
            .then(a.created_at.cmp(&b.created_at))
            .then_with(|| a.id.cmp(&b.id))
    });
    notes.truncate(top);
    notes
}

impl NextPart {
    /// Plans the part after `previous` (the room's whole board), titled `title`, carrying its
    /// `top` most-voted notes.
    pub fn of(previous: &Board, title: String, top: usize) -> NextPart {
        let part = previous.previous_part.as_ref().map_or(2, |l| l.part + 1);
        let language = previous.meta.language;
        // A later part's own pinned section is carried material, not a group.
        let earlier_pinned = previous
            .previous_part
            .as_ref()
            .and_then(|l| l.pinned_section.as_ref());
        let groups: Vec<_> = previous
            .ordered_sections()
            .into_iter()
            .filter(|s| Some(&s.id) != earlier_pinned)
            .collect();
        let top = top_notes(previous, top);
        let tasks = previous
            .ordered_tasks()
            .into_iter()
            .filter(|t| t.status != TaskStatus::Done)
            .map(|t| CarriedTask {
                title: t.title.clone(),
                owner: t.owner.clone(),
                due: t.due.clone(),
                status: t.status,
                from_pinned: t
                    .from_note
                    .as_ref()
                    .and_then(|id| top.iter().position(|n| &n.id == id)),
            })
            .collect();
        let pinned = top
            .into_iter()
            .map(|note| Carried {
                text: note.text.clone(),
                colour: note.colour,
                from_group: if Some(&note.section) == earlier_pinned {
                    note.author_name.clone().unwrap_or_default()
                } else {
                    previous
                        .sections
                        .get(&note.section)
                        .map(|s| s.title.chars().take(MAX_NAME_CHARS).collect())
                        .unwrap_or_default()
                },
            })
            .collect();
        let mut sections = vec![NewSection {
            title: pinned_title(language, part),
            colour: Colour::Yellow,
        }];
        sections.extend(groups.iter().map(|s| NewSection {
            title: s.title.clone(),
            colour: s.colour,
        }));
        NextPart {
            board: CreateBoard {
                title,
                description: previous.meta.description.clone(),
                language,
                sections,
                phases: Some(previous.phases.iter().map(NewPhase::from).collect()),
            },
            pinned,
            tasks,
            link: SeriesLink {
                previous: previous.id.clone(),
                previous_title: previous.meta.title.clone(),
                part,
                pinned_section: None,
            },
        }
    }

    /// How many section ids `build` takes: the pinned section and one per group.
    pub fn section_count(&self) -> usize {
        self.board.sections.len()
    }

    /// Builds the board as `CreateBoard::build` does, then posts the pinned notes into the
    /// first section (posted `at`), locks it, adds the open tasks, and links the board to the
    /// part before. Takes the ids `section_count()`, `board.phase_count()`, `pinned.len()` and
    /// `tasks.len()` call for.
    pub fn build(
        self,
        ids: NewIds,
        facilitator: &Actor,
        at: Timestamp,
    ) -> Result<Board, RejectReason> {
        let pinned_section = ids.sections.first().cloned();
        let mut board = self
            .board
            .build(ids.board, facilitator, ids.sections, ids.phases)?;
        let mut ops = Vec::new();
        if let Some(section) = pinned_section.clone() {
            ops.extend(self.pinned.into_iter().zip(ids.notes.iter().cloned()).map(
                |(carried, id)| Op::PostNote {
                    id,
                    section: section.clone(),
                    text: carried.text,
                    colour: carried.colour,
                    on_behalf_of: Some(carried.from_group).filter(|g| !g.trim().is_empty()),
                },
            ));
            ops.push(Op::LockSection {
                id: section,
                locked: true,
            });
        }
        for (task, id) in self.tasks.into_iter().zip(ids.tasks) {
            ops.push(Op::AddTask {
                id: id.clone(),
                title: task.title,
                owner: task.owner,
                due: task.due,
                from_note: task.from_pinned.and_then(|i| ids.notes.get(i).cloned()),
            });
            if task.status != TaskStatus::Open {
                ops.push(Op::SetTaskStatus {
                    id,
                    status: task.status,
                });
            }
        }
        for op in &ops {
            for change in apply(&board, facilitator, op, at)? {
                board.absorb(&change);
            }
        }
        board.previous_part = Some(SeriesLink {
            pinned_section,
            ..self.link
        });
        Ok(board)
    }
}
