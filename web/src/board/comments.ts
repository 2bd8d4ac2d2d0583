/**
 * What the UI offers on comments (shared/src/apply/comments.rs): anyone but the projector may
 * comment on a note they see, and a comment's author or a facilitator may change it; a
 * participant only while the note's section and the board are unlocked, as for notes.
 */

import type { MessageKey } from '../i18n/en';
import type { Comment, Section } from '../protocol/generated';
import { MAX_COMMENT_TEXT_CHARS, charCount, isBlank } from './limits';
import { type Offer, type Situation, facilitates, lockedFor, readOnly } from './permissions';

/** Whether a new comment may be written on a note in `section`. */
export function commenting(s: Situation, section: Section | undefined): Offer {
  if (readOnly(s)) return { open: false, why: 'read_only' };
  if (facilitates(s)) return { open: true };
  const locked = lockedFor(s, section);
  return locked ? { open: false, why: locked } : { open: true };
}

/** Whether `comment` (on a note in `section`) may be edited or deleted. */
export function commentChanges(s: Situation, comment: Comment, section: Section | undefined): Offer {
  if (readOnly(s)) return { open: false, why: 'read_only' };
  if (facilitates(s)) return { open: true };
  if (s.participant === null || comment.author !== s.participant) return { open: false, why: 'not_yours' };
  const locked = lockedFor(s, section);
  return locked ? { open: false, why: locked } : { open: true };
}

/** The comments everyone on the board reads: what "Comments (N)" counts. */
export function visibleCount(comments: readonly Comment[]): number {
  return comments.filter((c) => c.status === 'visible').length;
}

/** Why `text` cannot be sent as a comment (its message takes `max`), or null when it can. */
export function commentTextProblem(text: string): MessageKey | null {
  if (isBlank(text)) return 'composerEmpty';
  if (charCount(text) > MAX_COMMENT_TEXT_CHARS) return 'commentTooLong';
  return null;
}
