//! talkoot's sans-IO core.
//!
//! Everything the server and the browser must agree on lives here: ids, the board model, the ops
//! a client may send, the changes the server answers with, who may see what, the wire messages,
//! and [`apply`], the pure function that decides what an op from an actor does to a board. No
//! I/O, no clocks, no runtime: the caller passes the time in, so the same inputs always give the
//! same result.

pub mod actor;
pub mod apply;
pub mod blank;
mod calendar;
pub mod change;
pub mod close_code;
pub mod feedback;
pub mod http;
pub mod ids;
pub mod invariants;
pub mod limits;
pub mod message;
pub mod model;
mod new_board;
pub mod op;
pub mod order_key;
pub mod personal_data;
pub mod placement;
pub mod reject;
pub mod series;
pub mod templates;
pub mod visibility;

pub use actor::{Actor, Role, Viewer};
pub use apply::apply;
pub use change::Change;
pub use ids::{
    BoardId, CommentId, IdError, NoteId, OpId, ParticipantId, PhaseId, SectionId, TaskId, ThemeId,
};
pub use message::{ClientMsg, ErrorCode, Me, Retention, ServerMsg};
pub use model::{
    Board, BoardMeta, Colour, Comment, Language, Note, Phase, ProjectorSettings, Section,
    SeriesLink, Status, Task, TaskStatus, Theme, Timer, Timestamp, VoteCounts, VoteTarget,
    VotingRules,
};
pub use op::Op;
pub use reject::RejectReason;
pub use visibility::Audience;

/// What `Debug` shows in place of a facilitator key or participant token.
pub const REDACTED: Redacted = Redacted;

/// Prints as `<redacted>`.
#[derive(Clone, Copy)]
pub struct Redacted;

impl std::fmt::Debug for Redacted {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("<redacted>")
    }
}
