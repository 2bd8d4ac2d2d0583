/**
 * Moderation as the UI shows it (shared/src/visibility.rs decides who sees what): a pending
 * note or comment is seen by its author and the facilitators until approved, a hidden one by
 * the facilitators only. Facilitators approve (visible) or hide; nothing is made pending again.
 */

import type { Comment, CommentId, Note, NoteId, Op, Status } from '../protocol/generated';
import { type Situation, facilitates } from './permissions';

/** How an item is marked on screen: waiting for approval, hidden from participants, or not at all. */
export type ModerationMark = 'awaiting_approval' | 'hidden' | null;

export function moderationMark(item: { status: Status }): ModerationMark {
  if (item.status === 'pending') return 'awaiting_approval';
  if (item.status === 'hidden') return 'hidden';
  return null;
}

/** Whether `s` may approve and hide notes and comments, and switch approve-first. */
export function moderates(s: Situation): boolean {
  return facilitates(s);
}

/** A facilitator's buttons on a note or comment: approve, hide, or show again. */
export type ModerationAction = 'approve' | 'hide' | 'show';

export function moderationActions(status: Status): ModerationAction[] {
  if (status === 'pending') return ['approve', 'hide'];
  if (status === 'hidden') return ['show'];
  return ['hide'];
}

/** The status an action sets. */
export function statusAfter(action: ModerationAction): 'visible' | 'hidden' {
  return action === 'hide' ? 'hidden' : 'visible';
}

export function moderateNote(id: NoteId, status: 'visible' | 'hidden'): Extract<Op, { type: 'moderate_note' }> {
  return { type: 'moderate_note', id, status };
}

export function moderateComment(id: CommentId, status: 'visible' | 'hidden'): Extract<Op, { type: 'moderate_comment' }> {
  return { type: 'moderate_comment', id, status };
}

/** The approval queue: what waits, oldest first, each comment with the note it is on (if seen). */
export type QueueEntry = { kind: 'note'; item: Note } | { kind: 'comment'; item: Comment; note: Note | undefined };

export function approvalQueue(waiting: { notes: Note[]; comments: Comment[] }, noteById: (id: NoteId) => Note | undefined): QueueEntry[] {
  const entries: QueueEntry[] = [
    ...waiting.notes.map((item) => ({ kind: 'note' as const, item })),
    ...waiting.comments.map((item) => ({ kind: 'comment' as const, item, note: noteById(item.note) })),
  ];
  return entries.sort((a, b) => a.item.created_at - b.item.created_at || a.item.id.localeCompare(b.item.id));
}
