//! The kooste (workshop summary) as data: what every format renders, taken from the board as a
//! facilitator sees it. Notes are ranked by votes within each group; hidden, pending and
//! never-revealed notes are kept and marked, as moderation is visibility, never deletion.
//! Participants' names are left out unless the facilitator asks for them.

use serde::Serialize;
use talkoot_shared::http::FeedbackSummary;
use talkoot_shared::model::{Board, Language, Note, Status, TaskStatus};
use talkoot_shared::{Role, Viewer, VoteTarget};

use super::calendar::Day;
use super::labels::Labels;

/// Bumped when a field changes meaning or goes away; new fields may appear without it.
pub const SCHEMA_VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Kooste {
    pub schema_version: u32,
    pub language: Language,
    pub title: String,
    /// The first and last day notes were written on (UTC); `null` for a board without notes.
    pub written: Option<(Day, Day)>,
    pub exported: Day,
    /// Whether `author` fields hold names; when not, every one is `null`.
    pub names_included: bool,
    pub case_material: String,
    pub phases: Vec<PhaseItem>,
    pub groups: Vec<Group>,
    pub themes: Vec<ThemeItem>,
    pub tasks: Vec<TaskItem>,
    /// The feedback answers summed up, anonymous (no names, whatever `names_included` says);
    /// `null` when nobody answered.
    pub feedback: Option<FeedbackSummary>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PhaseItem {
    pub title: String,
    pub instruction: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Group {
    pub title: String,
    /// Most votes first; equal ones in the board's order.
    pub notes: Vec<NoteItem>,
}

/// Whether everyone saw a note or comment, and if not, why.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Shown {
    Visible,
    /// Waiting for a facilitator's approval.
    Pending,
    /// Hidden by a facilitator.
    Hidden,
    /// Written in private and never revealed.
    Private,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NoteItem {
    pub text: String,
    pub votes: u32,
    pub shown: Shown,
    pub author: Option<String>,
    pub theme: Option<String>,
    pub comments: Vec<CommentItem>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CommentItem {
    pub text: String,
    pub shown: Shown,
    pub author: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ThemeItem {
    pub title: String,
    /// Votes on the theme as a whole.
    pub votes: u32,
    /// Its notes' texts, most votes first.
    pub notes: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TaskItem {
    pub title: String,
    /// Who does it, as written ("Sosterin kotihoito"); empty for no one yet. An owner is what
    /// the task says, not a participant's name, so it is kept with names left out.
    pub owner: String,
    /// `YYYY-MM-DD`, if agreed.
    pub due: Option<String>,
    pub status: TaskStatus,
    /// The text of the note it was made from, if any.
    pub from_note: Option<String>,
}

/// What the facilitator chose in the export menu.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    pub include_names: bool,
}

impl Kooste {
    /// The kooste of `board` (the room's whole board), as its facilitators see it, on `exported`.
    pub fn of(board: &Board, facilitator: &Viewer, options: Options, exported: Day) -> Kooste {
        debug_assert_eq!(facilitator.role, Role::Facilitator);
        let board = board.as_seen_by(facilitator);
        let author = |name: &Option<String>| {
            if options.include_names {
                name.clone()
            } else {
                None
            }
        };
        let votes = |note: &Note| board.vote_totals.get(&VoteTarget::Note(note.id.clone()));
        let theme_title = |note: &Note| {
            let theme = note.theme.as_ref()?;
            board.themes.get(theme).map(|t| t.title.clone())
        };
        let groups = board
            .ordered_sections()
            .into_iter()
            .map(|section| {
                let mut notes = board.notes_in(&section.id);
                // Stable: equal votes keep the board's order.
                notes.sort_by_key(|n| std::cmp::Reverse(votes(n)));
                Group {
                    title: section.title.clone(),
                    notes: notes
                        .into_iter()
                        .map(|note| NoteItem {
                            text: note.text.clone(),
                            votes: votes(note),
                            shown: shown(note.status, note.private),
                            author: author(&note.author_name),
                            theme: theme_title(note),
                            comments: board
                                .comments_on(&note.id)
                                .into_iter()
                                .map(|c| CommentItem {
                                    text: c.text.clone(),
                                    shown: shown(c.status, note.private),
                                    author: author(&c.author_name),
                                })
                                .collect(),
                        })
                        .collect(),
                }
            })
            .collect();

        let mut themes: Vec<_> = board.themes.values().collect();
        themes.sort_by(|a, b| {
            a.created_at
                .cmp(&b.created_at)
                .then_with(|| a.id.cmp(&b.id))
        });
        let themes = themes
            .into_iter()
            .map(|theme| {
                let mut notes: Vec<&Note> = board
                    .notes
                    .values()
                    .filter(|n| n.theme.as_ref() == Some(&theme.id))
                    .collect();
                notes.sort_by(|a, b| votes(b).cmp(&votes(a)).then_with(|| a.order.cmp(&b.order)));
                ThemeItem {
                    title: theme.title.clone(),
                    votes: board.vote_totals.get(&VoteTarget::Theme(theme.id.clone())),
                    notes: notes.into_iter().map(|n| n.text.clone()).collect(),
                }
            })
            .collect();

        let tasks = board
            .ordered_tasks()
            .into_iter()
            .map(|task| TaskItem {
                title: task.title.clone(),
                owner: task.owner.clone(),
                due: task.due.clone(),
                status: task.status,
                from_note: task
                    .from_note
                    .as_ref()
                    .and_then(|id| board.notes.get(id))
                    .map(|n| n.text.clone()),
            })
            .collect();

        let days = board.notes.values().map(|n| Day::of(n.created_at));
        let written = days.clone().min().zip(days.max());
        Kooste {
            schema_version: SCHEMA_VERSION,
            language: board.meta.language,
            title: board.meta.title.clone(),
            written,
            exported,
            names_included: options.include_names,
            case_material: board.meta.description.clone(),
            phases: board
                .phases
                .iter()
                .map(|p| PhaseItem {
                    title: p.title.clone(),
                    instruction: p.instruction.clone(),
                })
                .collect(),
            groups,
            themes,
            tasks,
            feedback: None,
        }
    }
}

impl Kooste {
    /// Adds the board's feedback (from `Store::feedback_summary`); none when nobody answered.
    pub fn with_feedback(mut self, feedback: FeedbackSummary) -> Self {
        self.feedback = (feedback.count > 0).then_some(feedback);
        self
    }

    /// The downloaded file's name without its extension, in ASCII so every system keeps it:
    /// "kooste-palveluverkko-tutuksi-2026-12-04".
    pub fn file_stem(&self) -> String {
        let words = format!("{} {}", Labels::of(self.language).summary, self.title);
        let mut slug = String::new();
        for c in words.to_lowercase().chars() {
            let c = match c {
                'ä' | 'å' | 'á' | 'à' | 'â' => 'a',
                'ö' | 'ø' | 'ó' | 'ô' => 'o',
                'é' | 'è' | 'ê' => 'e',
                'ü' | 'ú' => 'u',
                c => c,
            };
            if c.is_ascii_alphanumeric() {
                slug.push(c);
            } else if !slug.is_empty() && !slug.ends_with('-') {
                slug.push('-');
            }
            if slug.len() >= 60 {
                break;
            }
        }
        format!("{}-{}", slug.trim_end_matches('-'), self.exported.iso())
    }
}

fn shown(status: Status, private: bool) -> Shown {
    match status {
        Status::Hidden => Shown::Hidden,
        Status::Pending => Shown::Pending,
        Status::Visible if private => Shown::Private,
        Status::Visible => Shown::Visible,
    }
}
