// Generated from the Rust types in shared/ by shared/tests/typescript_bindings.rs.
// Do not edit: run `UPDATE_TS_BINDINGS=1 cargo test -p talkoot-shared` instead.

export type BoardId = string;
export type SectionId = string;
export type NoteId = string;
export type PhaseId = string;
export type OpId = string;
export type CommentId = string;
export type ThemeId = string;
export type TaskId = string;
export type ParticipantId = string;

export type Language = "fi" | "sv" | "en";

export type Colour = "yellow" | "pink" | "blue" | "green" | "orange" | "purple";

export type BoardMeta = { title: string, 
/**
 * The case material: shown pinned above the sections.
 */
description: string, language: Language, };

export type ProjectorSettings = { 
/**
 * Authors' names on the notes; off by default, so a room does not read who wrote what.
 */
show_names: boolean, 
/**
 * The case material unfolded; folded to its title when off.
 */
show_case: boolean, 
/**
 * The vote results ranked within each group, one list per group; off by default, one
 * list across all groups. Boards stored before this setting read it as off.
 */
results_by_group: boolean, };

export type Phase = { id: PhaseId, title: string, 
/**
 * What the room should do now, in the board's language.
 */
instruction: string, 
/**
 * Participants may post new notes.
 */
posting_open: boolean, 
/**
 * A participant's new note is seen only by its author and the facilitators until the
 * board moves to a phase without this switch (the reveal).
 */
private_notes: boolean, 
/**
 * Participants may vote (used by voting).
 */
voting_open: boolean, 
/**
 * Vote totals are shown to everyone, not only to facilitators (used by voting).
 */
votes_shown: boolean, };

export type Section = { id: SectionId, title: string, colour: Colour, 
/**
 * Fractional order key: sections sort by it (byte order).
 */
order: string, 
/**
 * Participants may not post, edit, move or delete notes here.
 */
locked: boolean, };

export type Status = "visible" | "pending" | "hidden";

export type Note = { id: NoteId, section: SectionId, text: string, colour: Colour, author: ParticipantId, 
/**
 * The author's display name when they posted; `null` means anonymous.
 */
author_name: string | null, 
/**
 * Fractional order key within the section (byte order).
 */
order: string, created_at: number, updated_at: number, 
/**
 * Written in a private phase and not yet revealed: only its author and the facilitators
 * see it (see `visibility`).
 */
private: boolean, 
/**
 * Moderation: pending approval, or hidden by a facilitator (see `visibility`).
 */
status: Status, 
/**
 * The theme a facilitator gathered it into, if any.
 */
theme: ThemeId | null, };

export type Comment = { id: CommentId, note: NoteId, text: string, author: ParticipantId, 
/**
 * The author's display name when they commented; `null` means anonymous.
 */
author_name: string | null, created_at: number, updated_at: number, status: Status, };

export type Theme = { id: ThemeId, title: string, 
/**
 * Themes are listed in the order they were made.
 */
created_at: number, };

export type TaskStatus = "open" | "in_progress" | "done";

export type Task = { id: TaskId, title: string, 
/**
 * Who does it, as free text: a person or an organisation ("Sosterin kotihoito"). Empty
 * means no one yet.
 */
owner: string, 
/**
 * The due date as a calendar date, `YYYY-MM-DD`, with no time or zone: a workshop agrees
 * on a day. `null` means none.
 */
due: string | null, status: TaskStatus, 
/**
 * The note it was made from, if any: an id only, so the task carries nothing of a note its
 * reader may not see. Deleting the note clears it.
 */
from_note: NoteId | null, 
/**
 * Tasks are listed in the order they were made.
 */
created_at: number, };

export type Timer = { "state": "running", ends_at: number, } | { "state": "paused", remaining_ms: number, };

export type SeriesLink = { 
/**
 * The part before this one.
 */
previous: BoardId, 
/**
 * Its title when this part was started, to name the link even if part 1 is gone.
 */
previous_title: string, 
/**
 * This board's number in the series: 2 for part 2.
 */
part: number, 
/**
 * The locked section holding what was carried over, not one of the groups.
 */
pinned_section: SectionId | null, };

export type VotingRules = { 
/**
 * Votes each participant may have on the board at once.
 */
budget: number, 
/**
 * Whether one participant may put more than one vote on the same note or theme.
 */
stacking: boolean, };

export type VoteTarget = { "kind": "note", "id": NoteId } | { "kind": "theme", "id": ThemeId };

export type VoteCounts = { notes: { [key in NoteId]: number }, themes: { [key in ThemeId]: number }, };

export type Board = { id: BoardId, meta: BoardMeta, sections: { [key in SectionId]: Section }, notes: { [key in NoteId]: Note }, 
/**
 * The workshop's steps, in order.
 */
phases: Array<Phase>, 
/**
 * The current phase; `null` before the facilitator starts one: posting is open and
 * nothing is private.
 */
phase: PhaseId | null, 
/**
 * Participants may not post, edit, move or delete notes anywhere.
 */
locked: boolean, projector: ProjectorSettings, 
/**
 * Notes this viewer may not see, each with the section it is in: how "3 notes in group X"
 * is known without the notes. Only a view made by `as_seen_by` fills it; the room's own
 * board keeps every note in `notes` and this empty.
 */
hidden_notes: { [key in NoteId]: SectionId }, comments: { [key in CommentId]: Comment }, themes: { [key in ThemeId]: Theme }, voting: VotingRules, 
/**
 * Each participant's votes. A view holds only the viewer's own.
 */
ballots: { [key in ParticipantId]: VoteCounts }, 
/**
 * Votes per note and theme, all participants together. A view holds them only while the
 * viewer may see them: a facilitator always, everyone else while the phase shows votes.
 */
vote_totals: VoteCounts, 
/**
 * New notes and comments from participants wait for a facilitator's approval.
 */
approve_first: boolean, timer: Timer | null, 
/**
 * Follow-up tasks, seen by everyone.
 */
tasks: { [key in TaskId]: Task }, 
/**
 * Participants may volunteer as the owner of an unowned task.
 */
volunteering: boolean, 
/**
 * Set when the board was started as the next part of another (facilitators only).
 */
previous_part: SeriesLink | null, 
/**
 * Feedback is open: every participant and facilitator screen offers the form.
 */
feedback_open: boolean, };

export type Role = "facilitator" | "participant" | "projector";

export type Op = { "type": "update_board", meta: BoardMeta, } | { "type": "lock_board", locked: boolean, } | { "type": "set_projector", settings: ProjectorSettings, } | { "type": "set_approve_first", on: boolean, } | { "type": "set_feedback_open", open: boolean, } | { "type": "set_phases", phases: Array<Phase>, } | { "type": "go_to_phase", id: PhaseId | null, } | { "type": "add_section", id: SectionId, title: string, colour: Colour, } | { "type": "update_section", id: SectionId, title: string, colour: Colour, } | { "type": "move_section", id: SectionId, before: SectionId | null, } | { "type": "lock_section", id: SectionId, locked: boolean, } | { "type": "delete_section", id: SectionId, } | { "type": "post_note", id: NoteId, section: SectionId, text: string, colour: Colour, on_behalf_of?: string, } | { "type": "edit_note", id: NoteId, text: string, } | { "type": "recolour_note", id: NoteId, colour: Colour, } | { "type": "move_note", id: NoteId, section: SectionId, before: NoteId | null, } | { "type": "delete_note", id: NoteId, } | { "type": "post_comment", id: CommentId, note: NoteId, text: string, } | { "type": "edit_comment", id: CommentId, text: string, } | { "type": "delete_comment", id: CommentId, } | { "type": "moderate_note", id: NoteId, status: Status, } | { "type": "moderate_comment", id: CommentId, status: Status, } | { "type": "set_voting", rules: VotingRules, } | { "type": "cast_vote", target: VoteTarget, } | { "type": "retract_vote", target: VoteTarget, } | { "type": "clear_votes" } | { "type": "add_theme", id: ThemeId, title: string, } | { "type": "rename_theme", id: ThemeId, title: string, } | { "type": "delete_theme", id: ThemeId, } | { "type": "set_note_theme", note: NoteId, theme: ThemeId | null, } | { "type": "add_task", id: TaskId, title: string, owner: string, due: string | null, from_note?: NoteId, } | { "type": "edit_task", id: TaskId, title: string, owner: string, due: string | null, } | { "type": "set_task_status", id: TaskId, status: TaskStatus, } | { "type": "delete_task", id: TaskId, } | { "type": "set_volunteering", open: boolean, } | { "type": "volunteer_for_task", id: TaskId, owner: string, } | { "type": "start_timer", duration_ms: number, } | { "type": "pause_timer" } | { "type": "resume_timer" } | { "type": "extend_timer", by_ms: number, } | { "type": "stop_timer" };

export type Change = { "type": "board", meta: BoardMeta, } | { "type": "section", section: Section, } | { "type": "section_removed", id: SectionId, } | { "type": "note", note: Note, } | { "type": "hidden_note", id: NoteId, section: SectionId, } | { "type": "note_removed", id: NoteId, } | { "type": "comment", comment: Comment, } | { "type": "comment_removed", id: CommentId, } | { "type": "theme", theme: Theme, } | { "type": "theme_removed", id: ThemeId, } | { "type": "section_order", id: SectionId, order: string, } | { "type": "note_order", id: NoteId, order: string, } | { "type": "phases", phases: Array<Phase>, } | { "type": "current_phase", id: PhaseId | null, } | { "type": "board_lock", locked: boolean, } | { "type": "projector", settings: ProjectorSettings, } | { "type": "voting_rules", rules: VotingRules, } | { "type": "ballot", voter: ParticipantId, target: VoteTarget, count: number, } | { "type": "vote_total", target: VoteTarget, total: number, } | { "type": "vote_totals", totals: VoteCounts, } | { "type": "votes_cleared" } | { "type": "approve_first", on: boolean, } | { "type": "task", task: Task, } | { "type": "task_removed", id: TaskId, } | { "type": "volunteering", open: boolean, } | { "type": "feedback_open", open: boolean, } | { "type": "timer", timer: Timer | null, };

export type Field = "board_title" | "description" | "section_title" | "note_text" | "name" | "phase_title" | "instruction" | "comment_text" | "theme_title" | "task_title" | "task_owner" | "feedback_text";

export type Countable = "sections" | "notes" | "phases" | "comments" | "themes" | "tasks";

export type RejectReason = { "code": "forbidden" } | { "code": "unknown_section", id: SectionId, } | { "code": "unknown_note", id: NoteId, } | { "code": "unknown_comment", id: CommentId, } | { "code": "unknown_theme", id: ThemeId, } | { "code": "unknown_task", id: TaskId, } | { "code": "unknown_phase", id: PhaseId, } | { "code": "current_phase_removed" } | { "code": "locked" } | { "code": "posting_closed" } | { "code": "voting_closed" } | { "code": "budget_spent", budget: number, } | { "code": "already_voted" } | { "code": "no_vote" } | { "code": "volunteering_closed" } | { "code": "task_taken" } | { "code": "bad_date" } | { "code": "bad_budget", max: number, } | { "code": "votes_cast" } | { "code": "timer_state" } | { "code": "bad_duration", max_ms: number, } | { "code": "duplicate_id" } | { "code": "bad_position" } | { "code": "empty", field: Field, } | { "code": "too_long", field: Field, max: number, } | { "code": "personal_data" } | { "code": "limit_reached", what: Countable, max: number, } | { "code": "invalid_op", detail: string, } | { "code": "storage_unavailable" } | { "code": "rate_limited" };

export type ClientMsg = { "type": "hello", board: BoardId, token: string, last_seq: number | null, group?: SectionId, } | { "type": "set_group", group: SectionId | null, } | { "type": "op", op_id: OpId, op: Op, };

export type Me = { participant: ParticipantId, role: Role, name: string | null, };

export type Retention = { 
/**
 * The board's last activity plus the retention period (ms since the Unix epoch).
 */
deletes_at: number, 
/**
 * The retention period: every op applied to the board moves `deletes_at` to this many
 * days after it.
 */
inactive_days: number, };

export type ServerMsg = { "type": "welcome", you: Me, 
/**
 * The board's join code, to show to people who want to join.
 */
join_code: string, seq: number, snapshot: Board | null, online: number, 
/**
 * Participants online per group (section), for those who picked one.
 */
groups: { [key in SectionId]: number }, 
/**
 * The server's clock when it sent this (ms since the Unix epoch): a client counts the
 * timer down against it, whatever its own clock says.
 */
server_time: number, 
/**
 * For facilitators, when the board will be deleted if nothing happens on it; absent
 * for everyone else, and when the server keeps boards for ever.
 */
retention?: Retention, } | { "type": "applied", seq: number, op_id: OpId, 
/**
 * Who made the op; `hidden` to everyone but the facilitators and the actor when the op
 * wrote, changed or removed the actor's own private note.
 */
actor: ParticipantId, changes: Array<Change>, } | { "type": "rejected", op_id: OpId, reason: RejectReason, } | { "type": "presence", online: number, groups: { [key in SectionId]: number }, } | { "type": "error", code: ErrorCode, message: string, };

export type ErrorCode = "malformed_json" | "invalid_message" | "binary_not_supported" | "unknown_board" | "bad_token" | "not_joined" | "already_joined" | "unavailable" | "rate_limited" | "token_revoked" | "board_deleted";

export type CreateBoard = { title: string, description: string, language: Language, sections: Array<NewSection>, 
/**
 * The workshop's phases in order; absent means the default ones (Write → Discuss → Vote →
 * Act) in the board's language.
 */
phases?: Array<NewPhase>, };

export type NewSection = { title: string, colour: Colour, };

export type NewPhase = { title: string, instruction: string, posting_open: boolean, private_notes: boolean, voting_open: boolean, votes_shown: boolean, };

export type TemplateKind = "blank" | "service_network" | "future_workshop" | "association_workshop";

export type Template = { kind: TemplateKind, 
/**
 * The language of every text in it (also `board.language`).
 */
language: Language, 
/**
 * Its name in the picker.
 */
name: string, 
/**
 * One sentence on what workshop it is for.
 */
summary: string, 
/**
 * What the create form starts from.
 */
board: CreateBoard, };

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

export type StartNextPart = { 
/**
 * The new board's title.
 */
title: string, 
/**
 * How many of the most-voted notes to carry over as pinned material (at most
 * `MAX_CARRIED_NOTES`).
 */
top_notes: number, };

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

export type InstanceInfo = { 
/**
 * The address phones join at (`--public-url`), `scheme://host[:port]/`; `null` when it is
 * not set, and the address the browser used stands in for it.
 */
public_url: string | null, };

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

export type FeedbackAnswer = { 
/**
 * A whole number from 1 to 5.
 */
rating: number, 
/**
 * Free text, at most `MAX_FEEDBACK_CHARS` characters; may be empty.
 */
text: string, };

export type StoredFeedback = { rating: number, text: string, 
/**
 * Milliseconds since the Unix epoch: when the answer was last given or changed.
 */
updated_at: number, };

export type FeedbackSummary = { 
/**
 * How many answered.
 */
count: number, 
/**
 * How many gave each rating: `distribution[0]` is the number of 1s, `[4]` of 5s.
 */
distribution: [number, number, number, number, number], 
/**
 * The mean rating; `null` while nobody has answered.
 */
average: number | null, 
/**
 * The answers' texts that are not blank, sorted.
 */
texts: Array<string>, };

export type ApiError = { error: ApiErrorCode, message: string, };

export type ApiErrorCode = "invalid_request" | "invalid_field" | "unknown_code" | "unknown_board" | "bad_token" | "unavailable" | "rate_limited" | "too_many_connections" | "forbidden_origin" | "forbidden" | "unknown_key" | "cannot_revoke_own_key" | "limit_reached" | "feedback_closed";

// WebSocket close codes (shared/src/close_code.rs).
export const CLOSE_GOING_AWAY = 1001;
export const CLOSE_PROTOCOL_ERROR = 1002;
export const CLOSE_INVALID_PAYLOAD = 1007;
export const CLOSE_TOO_BIG = 1009;
export const CLOSE_RESUME = 4001;
export const CLOSE_REVOKED = 4401;
export const CLOSE_TIMEOUT = 4408;
export const CLOSE_BOARD_DELETED = 4410;
export const CLOSE_FLOODING = 4429;
