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
  set_approve_first: 'failedSetApproveFirst',
  set_feedback_open: 'failedSetFeedbackOpen',
  post_comment: 'failedPostComment',
  edit_comment: 'failedEditComment',
  delete_comment: 'failedDeleteComment',
  moderate_note: 'failedModerateNote',
  moderate_comment: 'failedModerateComment',
  set_voting: 'failedSetVoting',
  cast_vote: 'failedCastVote',
  retract_vote: 'failedRetractVote',
  clear_votes: 'failedClearVotes',
  add_theme: 'failedAddTheme',
  rename_theme: 'failedRenameTheme',
  delete_theme: 'failedDeleteTheme',
  set_note_theme: 'failedSetNoteTheme',
  add_task: 'failedAddTask',
  edit_task: 'failedEditTask',
  set_task_status: 'failedSetTaskStatus',
  delete_task: 'failedDeleteTask',
  set_volunteering: 'failedSetVolunteering',
  volunteer_for_task: 'failedVolunteerForTask',
  start_timer: 'failedStartTimer',
  pause_timer: 'failedPauseTimer',
  resume_timer: 'failedResumeTimer',
  extend_timer: 'failedExtendTimer',
  stop_timer: 'failedStopTimer',
};

const FIELD: Record<Field, MessageKey> = {
  board_title: 'fieldBoardTitle',
  description: 'fieldDescription',
  section_title: 'fieldSectionTitle',
  note_text: 'fieldNoteText',
  name: 'fieldName',
  phase_title: 'fieldPhaseTitle',
  instruction: 'fieldInstruction',
  comment_text: 'fieldCommentText',
  theme_title: 'fieldThemeTitle',
  task_title: 'fieldTaskTitle',
  task_owner: 'fieldTaskOwner',
  feedback_text: 'fieldFeedbackText',
};

const COUNTABLE: Record<Countable, MessageKey> = {
  sections: 'limitSections',
  notes: 'limitNotes',
  phases: 'limitPhases',
  comments: 'limitComments',
  themes: 'limitThemes',
  tasks: 'limitTasks',
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
    case 'unknown_comment':
      return t('reasonUnknownComment');
    case 'unknown_theme':
      return t('reasonUnknownTheme');
    case 'unknown_task':
      return t('reasonUnknownTask');
    case 'volunteering_closed':
      return t('reasonVolunteeringClosed');
    case 'task_taken':
      return t('reasonTaskTaken');
    case 'bad_date':
      return t('reasonBadDate');
    case 'voting_closed':
      return t('reasonVotingClosed');
    case 'budget_spent':
      return t('reasonBudgetSpent', { budget: reason.budget });
    case 'already_voted':
      return t('reasonAlreadyVoted');
    case 'no_vote':
      return t('reasonNoVote');
    case 'bad_budget':
      return t('reasonBadBudget', { max: reason.max });
    case 'votes_cast':
      return t('reasonVotesCast');
    case 'timer_state':
      return t('reasonTimerState');
    case 'personal_data':
      return t('reasonPersonalData');
    case 'bad_duration':
      return t('reasonBadDuration', { hours: Math.round(reason.max_ms / 3_600_000) });
  }
}

/**
 * Whether a refusal is about the text itself (an identity code in it, its length), so that the
 * box the text is back in says why too; other reasons (a lock, a phase) the form says already.
 */
export function refusesTheText(reason: RejectReason): boolean {
  return reason.code === 'personal_data' || reason.code === 'too_long' || reason.code === 'empty';
}

/** "Your note was not posted: it is too long (at most 1000 characters)." */
export function describeRejection(op: Op, reason: RejectReason, t: Translate): string {
  return t('rejectionSentence', { action: t(ACTION[op.type]), reason: describeReason(reason, t) });
}

/** "Your note was not posted": an op that will never be made (its board is gone for this device). */
export function describeUndone(op: Op, t: Translate): string {
  return t(ACTION[op.type]);
}
