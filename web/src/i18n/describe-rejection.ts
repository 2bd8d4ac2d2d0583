/**
 * Says, in the person's language, which of their edits the server refused and why (or which
 * will never be made). Every `RejectReason` code has a message; the exhaustive switch makes a
 * new code a compile error.
 */

import type { Countable, Field, Op, RejectReason } from '../protocol/generated';
import type { MessageKey } from './en';

type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

const ACTION: Record<Op['type'], MessageKey> = {
  update_board: 'failedUpdateBoard',
  lock_board: 'failedLockBoard',
  set_projector: 'failedSetProjector',
  set_phases: 'failedSetPhases',
  go_to_phase: 'failedGoToPhase',
  add_section: 'failedAddSection',
  update_section: 'failedUpdateSection',
  move_section: 'failedMoveSection',
  lock_section: 'failedLockSection',
  delete_section: 'failedDeleteSection',
  post_note: 'failedPostNote',
  edit_note: 'failedEditNote',
  recolour_note: 'failedRecolourNote',
  move_note: 'failedMoveNote',
  delete_note: 'failedDeleteNote',
};

const FIELD: Record<Field, MessageKey> = {
  board_title: 'fieldBoardTitle',
  description: 'fieldDescription',
  section_title: 'fieldSectionTitle',
  note_text: 'fieldNoteText',
  name: 'fieldName',
  phase_title: 'fieldPhaseTitle',
  instruction: 'fieldInstruction',
};

const COUNTABLE: Record<Countable, MessageKey> = {
  sections: 'limitSections',
  notes: 'limitNotes',
  phases: 'limitPhases',
};

export function describeReason(reason: RejectReason, t: Translate): string {
  switch (reason.code) {
    case 'forbidden':
      return t('reasonForbidden');
    case 'unknown_section':
      return t('reasonUnknownSection');
    case 'unknown_note':
      return t('reasonUnknownNote');
    case 'duplicate_id':
      return t('reasonDuplicateId');
    case 'bad_position':
      return t('reasonBadPosition');
    case 'empty':
      return t('reasonEmpty', { field: t(FIELD[reason.field]) });
    case 'too_long':
      return t('reasonTooLong', { field: t(FIELD[reason.field]), max: reason.max });
    case 'limit_reached':
      return t(COUNTABLE[reason.what], { max: reason.max });
    case 'invalid_op':
      return t('reasonInvalidOp', { detail: reason.detail });
    case 'storage_unavailable':
      return t('reasonStorageUnavailable');
    case 'rate_limited':
      return t('reasonRateLimited');
    case 'unknown_phase':
      return t('reasonUnknownPhase');
    case 'current_phase_removed':
      return t('reasonCurrentPhaseRemoved');
    case 'locked':
      return t('reasonLocked');
    case 'posting_closed':
      return t('reasonPostingClosed');
  }
}

/** "Your note was not posted: it is too long (at most 1000 characters)." */
export function describeRejection(op: Op, reason: RejectReason, t: Translate): string {
  return t('rejectionSentence', { action: t(ACTION[op.type]), reason: describeReason(reason, t) });
}

/** "Your note was not posted": an op that will never be made (its board is gone for this device). */
export function describeUndone(op: Op, t: Translate): string {
  return t(ACTION[op.type]);
}
