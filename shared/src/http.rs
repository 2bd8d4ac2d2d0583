//! Bodies of the HTTP API (docs/protocol.md). Board creation and joining happen over HTTP;
//! everything live happens over the WebSocket.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::actor::Role;
use crate::ids::{BoardId, ParticipantId, PhaseId};
use crate::model::{Board, Colour, Language, Phase};

/// `POST /api/boards`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CreateBoard {
    pub title: String,
    #[serde(default)]
    pub description: String,
    pub language: Language,
    #[serde(default)]
    pub sections: Vec<NewSection>,
    /// The workshop's phases in order; absent means the default ones (Write → Discuss → Vote →
    /// Act) in the board's language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub phases: Option<Vec<NewPhase>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct NewSection {
    pub title: String,
    pub colour: Colour,
}

/// A phase of a board being created; the server gives it its id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct NewPhase {
    pub title: String,
    pub instruction: String,
    pub posting_open: bool,
    pub private_notes: bool,
    pub voting_open: bool,
    pub votes_shown: bool,
}

impl From<&Phase> for NewPhase {
    /// A board's phase as a new board's, without its id.
    fn from(p: &Phase) -> Self {
        NewPhase {
            title: p.title.clone(),
            instruction: p.instruction.clone(),
            posting_open: p.posting_open,
            private_notes: p.private_notes,
            voting_open: p.voting_open,
            votes_shown: p.votes_shown,
        }
    }
}

impl NewPhase {
    pub fn with_id(self, id: PhaseId) -> Phase {
        Phase {
            id,
            title: self.title,
            instruction: self.instruction,
            posting_open: self.posting_open,
            private_notes: self.private_notes,
            voting_open: self.voting_open,
            votes_shown: self.votes_shown,
        }
    }
}

/// `201 Created` from `POST /api/boards`. The facilitator key is shown once: it is stored only
/// as a hash, and `Debug` leaves it out.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct BoardCreated {
    pub board_id: BoardId,
    /// Eight digits; people type it on a phone keypad or read it aloud.
    pub join_code: String,
    /// The facilitator's secret: whoever holds it may change anything on the board.
    pub facilitator_key: String,
    /// The projector's secret: it shows the board read-only, for a screen that must never hold
    /// the facilitator key.
    pub projector_key: String,
    pub participant_id: ParticipantId,
}

/// `POST /api/boards/{id}/next-part`: start the next part of a series from this board.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct StartNextPart {
    /// The new board's title.
    pub title: String,
    /// How many of the most-voted notes to carry over as pinned material (at most
    /// `MAX_CARRIED_NOTES`).
    pub top_notes: u32,
}

/// `POST /api/join`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct JoinBoard {
    /// The join code; spaces and dashes are ignored.
    pub code: String,
    /// Display name; absent or empty means anonymous.
    #[serde(default)]
    pub name: Option<String>,
}

/// `200 OK` from `POST /api/join`. `Debug` leaves the token out.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Joined {
    pub board_id: BoardId,
    pub participant_id: ParticipantId,
    /// Keep it: it makes you the owner of your notes across reconnects and reloads.
    pub token: String,
}

impl std::fmt::Debug for BoardCreated {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BoardCreated")
            .field("board_id", &self.board_id)
            .field("join_code", &self.join_code)
            .field("facilitator_key", &crate::REDACTED)
            .field("projector_key", &crate::REDACTED)
            .field("participant_id", &self.participant_id)
            .finish()
    }
}

impl std::fmt::Debug for Joined {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Joined")
            .field("board_id", &self.board_id)
            .field("participant_id", &self.participant_id)
            .field("token", &crate::REDACTED)
            .finish()
    }
}

/// `POST /api/boards/{id}/facilitator-keys`: a facilitator mints another facilitator key, for a
/// backup or co-facilitator. The name says whose it is in the list (and on their notes).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct NewFacilitatorKey {
    /// Required: 1–40 characters, not only whitespace.
    pub name: String,
}

/// `201 Created` from `POST /api/boards/{id}/facilitator-keys`. The key is shown once: it is
/// stored only as a hash, and `Debug` leaves it out.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FacilitatorKeyMinted {
    /// The new key's own participant id: it names the key in the list and when revoking it.
    pub participant_id: ParticipantId,
    pub name: String,
    pub key: String,
}

/// One entry of `GET /api/boards/{id}/facilitator-keys`. Never the key or its hash.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FacilitatorKeyInfo {
    pub participant_id: ParticipantId,
    /// `null` for the key the board was created with.
    pub name: Option<String>,
    /// Milliseconds since the Unix epoch.
    #[ts(type = "number")]
    pub created_at: u64,
    /// Whether this is the key the request was made with (which it may not revoke).
    pub you: bool,
}

/// `200 OK` from `POST /api/boards/{id}/projector-key`: the board's new projector key. Every
/// older projector key of the board stops working. `Debug` leaves the key out.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ProjectorKey {
    pub key: String,
}

impl std::fmt::Debug for FacilitatorKeyMinted {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FacilitatorKeyMinted")
            .field("participant_id", &self.participant_id)
            .field("name", &self.name)
            .field("key", &crate::REDACTED)
            .finish()
    }
}

impl std::fmt::Debug for ProjectorKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ProjectorKey")
            .field("key", &crate::REDACTED)
            .finish()
    }
}

/// `200 OK` from `GET /api/boards/{id}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Snapshot {
    #[ts(type = "number")]
    pub seq: u64,
    pub role: Role,
    pub join_code: String,
    pub board: Board,
}

/// `200 OK` from `GET /api/instance`: what the web app needs to know about this server before
/// it opens a board.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct InstanceInfo {
    /// The address phones join at (`--public-url`), `scheme://host[:port]/`; `null` when it is
    /// not set, and the address the browser used stands in for it.
    pub public_url: Option<String>,
}

/// `PUT /api/boards/{id}/feedback`: the sender's answer to the board's feedback form, replacing
/// any earlier one of theirs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FeedbackAnswer {
    /// A whole number from 1 to 5.
    pub rating: u8,
    /// Free text, at most `MAX_FEEDBACK_CHARS` characters; may be empty.
    #[serde(default)]
    pub text: String,
}

/// One participant's answer as stored: `200 OK` from `PUT /api/boards/{id}/feedback`, and from
/// `GET /api/boards/{id}/feedback/mine` (`null` before they answer).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct StoredFeedback {
    pub rating: u8,
    pub text: String,
    /// Milliseconds since the Unix epoch: when the answer was last given or changed.
    #[ts(type = "number")]
    pub updated_at: u64,
}

/// `200 OK` from `GET /api/boards/{id}/feedback` (facilitators only), and the feedback part of
/// the kooste. Anonymous: no participant ids or names, and the texts in an order (sorted) that
/// says nothing about who answered or when.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct FeedbackSummary {
    /// How many answered.
    pub count: u32,
    /// How many gave each rating: `distribution[0]` is the number of 1s, `[4]` of 5s.
    pub distribution: [u32; 5],
    /// The mean rating; `null` while nobody has answered.
    pub average: Option<f64>,
    /// The answers' texts that are not blank, sorted.
    pub texts: Vec<String>,
}

/// The body of every HTTP error.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ApiError {
    pub error: ApiErrorCode,
    pub message: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ApiErrorCode {
    /// The body is not valid JSON for this endpoint.
    InvalidRequest,
    /// A field breaks a limit; the message says which.
    InvalidField,
    /// No board has this join code.
    UnknownCode,
    UnknownBoard,
    /// Missing or wrong `Authorization: Bearer` token.
    BadToken,
    /// Storage failed, or the server is shutting down; nothing was changed. Try again.
    Unavailable,
    /// Too many failed join attempts from this address; the `Retry-After` header says when
    /// to try again.
    RateLimited,
    /// This address already holds the most WebSockets allowed.
    TooManyConnections,
    /// The WebSocket upgrade came from a page on an origin that is not allowed.
    ForbiddenOrigin,
    /// The token opens the board, but its role may not do this (only a facilitator manages
    /// keys).
    Forbidden,
    /// No facilitator key of this board has that participant id.
    UnknownKey,
    /// A facilitator may not revoke the key they are using: the board would be left to others,
    /// or to nobody.
    CannotRevokeOwnKey,
    /// The board already has as many of these as allowed; the message says how many.
    LimitReached,
    /// Feedback is not open on this board: no answer is taken or changed. Answers already
    /// given are kept.
    FeedbackClosed,
}
