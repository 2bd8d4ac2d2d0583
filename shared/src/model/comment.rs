use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{Status, Timestamp};
use crate::ids::{CommentId, NoteId, ParticipantId};

/// A comment on a note, one level deep. Seen by whoever may see both its note and it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Comment {
    pub id: CommentId,
    pub note: NoteId,
    pub text: String,
    pub author: ParticipantId,
    /// The author's display name when they commented; `null` means anonymous.
    pub author_name: Option<String>,
    #[ts(type = "number")]
    pub created_at: Timestamp,
    #[ts(type = "number")]
    pub updated_at: Timestamp,
    pub status: Status,
}
