// Generated from the Rust types in shared/ by shared/tests/typescript_bindings.rs.
// Do not edit: run `UPDATE_TS_BINDINGS=1 cargo test -p talkoot-shared` instead.

export type BoardId = string;
export type SectionId = string;
export type NoteId = string;
export type OpId = string;
export type ParticipantId = string;

export type Language = "fi" | "sv" | "en";

export type Colour = "yellow" | "pink" | "blue" | "green" | "orange" | "purple";

export type BoardMeta = { title: string, 
/**
 * The case material: shown pinned above the sections.
 */
description: string, language: Language, };

export type Section = { id: SectionId, title: string, colour: Colour, 
/**
 * Fractional order key: sections sort by it (byte order).
 */
order: string, };

export type Note = { id: NoteId, section: SectionId, text: string, colour: Colour, author: ParticipantId, 
/**
 * The author's display name when they posted; `null` means anonymous.
 */
author_name: string | null, 
/**
 * Fractional order key within the section (byte order).
 */
order: string, created_at: number, updated_at: number, };

export type Board = { id: BoardId, meta: BoardMeta, sections: { [key in SectionId]: Section }, notes: { [key in NoteId]: Note }, };

export type Role = "facilitator" | "participant" | "projector";

export type Op = { "type": "update_board", meta: BoardMeta, } | { "type": "add_section", id: SectionId, title: string, colour: Colour, } | { "type": "update_section", id: SectionId, title: string, colour: Colour, } | { "type": "move_section", id: SectionId, before: SectionId | null, } | { "type": "delete_section", id: SectionId, } | { "type": "post_note", id: NoteId, section: SectionId, text: string, colour: Colour, } | { "type": "edit_note", id: NoteId, text: string, } | { "type": "recolour_note", id: NoteId, colour: Colour, } | { "type": "move_note", id: NoteId, section: SectionId, before: NoteId | null, } | { "type": "delete_note", id: NoteId, };

export type Change = { "type": "board", meta: BoardMeta, } | { "type": "section", section: Section, } | { "type": "section_removed", id: SectionId, } | { "type": "note", note: Note, } | { "type": "note_removed", id: NoteId, } | { "type": "section_order", id: SectionId, order: string, } | { "type": "note_order", id: NoteId, order: string, };

export type Field = "board_title" | "description" | "section_title" | "note_text" | "name";

export type Countable = "sections" | "notes";

export type RejectReason = { "code": "forbidden" } | { "code": "unknown_section", id: SectionId, } | { "code": "unknown_note", id: NoteId, } | { "code": "duplicate_id" } | { "code": "bad_position" } | { "code": "empty", field: Field, } | { "code": "too_long", field: Field, max: number, } | { "code": "limit_reached", what: Countable, max: number, } | { "code": "invalid_op", detail: string, } | { "code": "storage_unavailable" } | { "code": "rate_limited" };

export type ClientMsg = { "type": "hello", board: BoardId, token: string, last_seq: number | null, } | { "type": "op", op_id: OpId, op: Op, };

export type Me = { participant: ParticipantId, role: Role, name: string | null, };

export type ServerMsg = { "type": "welcome", you: Me, 
/**
 * The board's join code, to show to people who want to join.
 */
join_code: string, seq: number, snapshot: Board | null, online: number, } | { "type": "applied", seq: number, op_id: OpId, actor: ParticipantId, changes: Array<Change>, } | { "type": "rejected", op_id: OpId, reason: RejectReason, } | { "type": "presence", online: number, } | { "type": "error", code: ErrorCode, message: string, };

export type ErrorCode = "malformed_json" | "invalid_message" | "binary_not_supported" | "unknown_board" | "bad_token" | "not_joined" | "already_joined" | "unavailable" | "token_revoked";

export type CreateBoard = { title: string, description: string, language: Language, sections: Array<NewSection>, };

export type NewSection = { title: string, colour: Colour, };

export type BoardCreated = { board_id: BoardId, 
/**
 * Eight digits; people type it on a phone keypad or read it aloud.
 */
join_code: string, 
/**
 * The facilitator's secret: whoever holds it may change anything on the board.
 */
facilitator_key: string, 
/**
 * The projector's secret: it shows the board read-only, for a screen that must never hold
 * the facilitator key.
 */
projector_key: string, participant_id: ParticipantId, };

export type JoinBoard = { 
/**
 * The join code; spaces and dashes are ignored.
 */
code: string, 
/**
 * Display name; absent or empty means anonymous.
 */
name: string | null, };

export type Joined = { board_id: BoardId, participant_id: ParticipantId, 
/**
 * Keep it: it makes you the owner of your notes across reconnects and reloads.
 */
token: string, };

export type Snapshot = { seq: number, role: Role, join_code: string, board: Board, };

export type NewFacilitatorKey = { 
/**
 * Required: 1–40 characters, not only whitespace.
 */
name: string, };

export type FacilitatorKeyMinted = { 
/**
 * The new key's own participant id: it names the key in the list and when revoking it.
 */
participant_id: ParticipantId, name: string, key: string, };

export type FacilitatorKeyInfo = { participant_id: ParticipantId, 
/**
 * `null` for the key the board was created with.
 */
name: string | null, 
/**
 * Milliseconds since the Unix epoch.
 */
created_at: number, 
/**
 * Whether this is the key the request was made with (which it may not revoke).
 */
you: boolean, };

export type ProjectorKey = { key: string, };

export type ApiError = { error: ApiErrorCode, message: string, };

export type ApiErrorCode = "invalid_request" | "invalid_field" | "unknown_code" | "unknown_board" | "bad_token" | "unavailable" | "rate_limited" | "too_many_connections" | "forbidden_origin" | "forbidden" | "unknown_key" | "cannot_revoke_own_key" | "limit_reached";
