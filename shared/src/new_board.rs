//! How a create request becomes a board: the same ops a facilitator could send afterwards, so
//! a new board passes the same checks as every later edit.

use crate::actor::Actor;
use crate::apply::apply;
use crate::http::CreateBoard;
use crate::ids::{BoardId, PhaseId, SectionId};
use crate::model::{Board, BoardMeta};
use crate::op::Op;
use crate::reject::RejectReason;
use crate::templates::{DEFAULT_PHASES, default_phases};

impl CreateBoard {
    /// How many phase ids `into_ops` takes: one per phase asked for, or the default phases'.
    pub fn phase_count(&self) -> usize {
        self.phases.as_ref().map_or(DEFAULT_PHASES, Vec::len)
    }

    /// The board this asks for, built by `facilitator` applying its meta, its phases and its
    /// sections in turn; refused as that op would be. Takes an id per section and
    /// `phase_count()` phase ids: items beyond the ids given are left out.
    pub fn build(
        self,
        id: BoardId,
        facilitator: &Actor,
        section_ids: impl IntoIterator<Item = SectionId>,
        phase_ids: impl IntoIterator<Item = PhaseId>,
    ) -> Result<Board, RejectReason> {
        let meta = BoardMeta {
            title: self.title,
            description: self.description,
            language: self.language,
        };
        let mut board = Board::new(id, meta.clone());
        let phases = match self.phases {
            Some(phases) => phases
                .into_iter()
                .zip(phase_ids)
                .map(|(phase, id)| phase.with_id(id))
                .collect(),
            None => default_phases(meta.language, phase_ids),
        };
        let mut ops = vec![Op::UpdateBoard { meta }, Op::SetPhases { phases }];
        ops.extend(
            self.sections
                .into_iter()
                .zip(section_ids)
                .map(|(section, id)| Op::AddSection {
                    id,
                    title: section.title,
                    colour: section.colour,
                }),
        );
        for op in &ops {
            for change in apply(&board, facilitator, op, 0)? {
                board.absorb(&change);
            }
        }
        Ok(board)
    }
}
