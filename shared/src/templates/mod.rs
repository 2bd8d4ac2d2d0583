//! Built-in starting points, as data: each workshop shape the seed workshops use, in fi, sv and
//! en. A template is a whole create request (title, case material, sections and phases), so the
//! create form starts from it and the facilitator may change any of it before creating.

mod association_workshop;
mod blank;
mod future_workshop;
mod service_network;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::http::{CreateBoard, NewPhase, NewSection};
use crate::ids::PhaseId;
use crate::model::{Colour, Language, Phase};

/// Which built-in template.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum TemplateKind {
    /// The default phases, no sections and no case: the facilitator fills in the rest.
    Blank,
    /// "Palveluverkko tutuksi": a fictional client case, groups by service-network role.
    ServiceNetwork,
    /// "Tulevaisuustyöpaja": critique → fantasy → realisation.
    FutureWorkshop,
    /// "Yhdistystyöpaja": a topic, development needs, tasks forward.
    AssociationWorkshop,
}

impl TemplateKind {
    /// In the order the create form offers them.
    pub const ALL: [TemplateKind; 4] = [
        TemplateKind::Blank,
        TemplateKind::ServiceNetwork,
        TemplateKind::FutureWorkshop,
        TemplateKind::AssociationWorkshop,
    ];
}

/// One template in one language, as `GET /api/templates` lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Template {
    pub kind: TemplateKind,
    /// The language of every text in it (also `board.language`).
    pub language: Language,
    /// Its name in the picker.
    pub name: String,
    /// One sentence on what workshop it is for.
    pub summary: String,
    /// What the create form starts from.
    pub board: CreateBoard,
}

/// The template of `kind` in `language`.
pub fn template(kind: TemplateKind, language: Language) -> Template {
    match kind {
        TemplateKind::Blank => blank::template(language),
        TemplateKind::ServiceNetwork => service_network::template(language),
        TemplateKind::FutureWorkshop => future_workshop::template(language),
        TemplateKind::AssociationWorkshop => association_workshop::template(language),
    }
}

/// Every template in every language.
pub fn all() -> Vec<Template> {
    [Language::Fi, Language::Sv, Language::En]
        .into_iter()
        .flat_map(|language| TemplateKind::ALL.map(|kind| template(kind, language)))
        .collect()
}

/// How many phases `default_phases` makes.
pub const DEFAULT_PHASES: usize = 4;

/// The blank template's phases, Write → Discuss → Vote → Act, one for each of `ids` (so
/// `DEFAULT_PHASES` of them): what a board created without a list of phases gets.
pub fn default_phases(language: Language, ids: impl IntoIterator<Item = PhaseId>) -> Vec<Phase> {
    blank::phases(language)
        .into_iter()
        .zip(ids)
        .map(|(phase, id)| phase.with_id(id))
        .collect()
}

/// What a phase lets the room do, in the shapes the templates use. Private writing comes first
/// and the reveal after it; the board starts in no phase, so nothing is private until the
/// facilitator starts one.
#[derive(Clone, Copy)]
enum Step {
    /// Reading or listening: participants do not post.
    Listen,
    /// Each writes alone; the others see only counts until the reveal.
    WritePrivately,
    /// Everyone posts and sees every note.
    Write,
    /// Dot voting, totals hidden.
    Vote,
    /// Totals shown; posting open for what comes up when agreeing on tasks.
    Act,
}

impl Step {
    fn phase(self, title: &str, instruction: &str) -> NewPhase {
        let (posting_open, private_notes, voting_open, votes_shown) = match self {
            Step::Listen => (false, false, false, false),
            Step::WritePrivately => (true, true, false, false),
            Step::Write => (true, false, false, false),
            Step::Vote => (false, false, true, false),
            Step::Act => (true, false, false, true),
        };
        NewPhase {
            title: title.to_owned(),
            instruction: instruction.to_owned(),
            posting_open,
            private_notes,
            voting_open,
            votes_shown,
        }
    }
}

/// A template's texts in one language, and the steps its phases take.
struct Texts<'a> {
    name: &'a str,
    summary: &'a str,
    title: &'a str,
    case: &'a str,
    sections: &'a [(&'a str, Colour)],
    phases: &'a [(Step, &'a str, &'a str)],
}

impl Texts<'_> {
    fn new_phases(&self) -> Vec<NewPhase> {
        self.phases
            .iter()
            .map(|&(step, title, instruction)| step.phase(title, instruction))
            .collect()
    }

    fn into_template(self, kind: TemplateKind, language: Language) -> Template {
        Template {
            kind,
            language,
            name: self.name.to_owned(),
            summary: self.summary.to_owned(),
            board: CreateBoard {
                title: self.title.to_owned(),
                description: self.case.to_owned(),
                language,
                sections: self
                    .sections
                    .iter()
                    .map(|&(title, colour)| NewSection {
                        title: title.to_owned(),
                        colour,
                    })
                    .collect(),
                phases: Some(self.new_phases()),
            },
        }
    }
}
