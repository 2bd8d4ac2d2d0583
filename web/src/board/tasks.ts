/**
 * Follow-up tasks as the UI reads them: who may change them and who may volunteer (the server's
 * rules, shared/src/apply/tasks.rs, read before anyone acts), what is wrong with a task's fields
 * before it is sent (the same checks, in one place, a personal identity code included), and a
 * title made from a note's text. The
 * server stays the judge: two who volunteer at once both see the offer, and the second hears
 * `rejected{task_taken}`.
 */

import type { MessageKey } from '../i18n/en';
import type { Task, TaskStatus } from '../protocol/generated';
import { MAX_TASK_OWNER_CHARS, MAX_TASK_TITLE_CHARS, charCount, isBlank } from './limits';
import { identityCodeIn } from './personal-data';
import { type Situation, facilitates, readOnly } from './permissions';

/** Facilitators add, edit, set the status of and delete tasks, and open them for volunteers. */
export function editsTasks(s: Situation): boolean {
  return facilitates(s);
}

/** Why "I'll take this" is not offered on a task. */
export type NoVolunteering =
  /** The projector changes nothing. */
  | 'read_only'
  /** A facilitator sets the owner by editing the task. */
  | 'edits_instead'
  /** The facilitators have not opened the tasks for volunteers. */
  | 'closed'
  /** Someone owns it already; only a facilitator changes that. */
  | 'taken';

export type VolunteerOffer = { open: true } | { open: false; why: NoVolunteering };

/**
 * Whether `s` may volunteer as `task`'s owner while volunteering is `open`: a participant (or a
 * viewer not yet welcomed, whose op the server judges later), on a task no one owns.
 */
export function volunteering(s: Situation, task: Task, open: boolean): VolunteerOffer {
  if (readOnly(s)) return { open: false, why: 'read_only' };
  if (facilitates(s)) return { open: false, why: 'edits_instead' };
  if (!open) return { open: false, why: 'closed' };
  if (!isBlank(task.owner)) return { open: false, why: 'taken' };
  return { open: true };
}

/** A task's fields as a form holds them; an empty `due` means none. */
export interface TaskDraft {
  title: string;
  owner: string;
  due: string;
}

/** What is wrong with each field of `draft`, if anything (each message takes `max`). */
export interface TaskProblems {
  title: MessageKey | null;
  owner: MessageKey | null;
  due: MessageKey | null;
}

export function taskProblems(draft: TaskDraft): TaskProblems {
  return {
    title: isBlank(draft.title)
      ? 'taskTitleEmpty'
      : charCount(draft.title.trim()) > MAX_TASK_TITLE_CHARS
        ? 'taskTitleTooLong'
        : identityCodeIn(draft.title) !== null
          ? 'taskPersonalData'
          : null,
    owner: ownerProblem(draft.owner, false),
    due: draft.due === '' || isCalendarDate(draft.due) ? null : 'taskDueBad',
  };
}

/** Why `owner` cannot be sent: a volunteer must write one (`required`), nobody a too long one. */
export function ownerProblem(owner: string, required: boolean): MessageKey | null {
  if (required && isBlank(owner)) return 'taskOwnerEmpty';
  if (charCount(owner.trim()) > MAX_TASK_OWNER_CHARS) return 'taskOwnerTooLong';
  if (identityCodeIn(owner) !== null) return 'taskPersonalData';
  return null;
}

export function hasProblems(p: TaskProblems): boolean {
  return p.title !== null || p.owner !== null || p.due !== null;
}

/** The fields as `add_task` and `edit_task` carry them: trimmed, and no date as `null`. */
export function taskFields(draft: TaskDraft): { title: string; owner: string; due: string | null } {
  return { title: draft.title.trim(), owner: draft.owner.trim(), due: draft.due === '' ? null : draft.due };
}

export function draftOf(task: Task): TaskDraft {
  return { title: task.title, owner: task.owner, due: task.due ?? '' };
}

/**
 * Whether `s` is a real calendar date written `YYYY-MM-DD`, as the server checks it
 * (shared/src/model/task.rs): years 1000–9999, 29 February only in leap years.
 */
export function isCalendarDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (year < 1000 || month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
  return day <= days;
}

/**
 * A task's title from a note's text: its first non-blank line, with runs of spaces made one,
 * cut with "…" to fit the title's limit.
 */
export function titleFromNote(text: string): string {
  const line = text.split('\n').find((l) => !isBlank(l)) ?? '';
  const tidy = line.replace(/\s+/g, ' ').trim();
  const chars = [...tidy];
  return chars.length <= MAX_TASK_TITLE_CHARS ? tidy : `${chars.slice(0, MAX_TASK_TITLE_CHARS - 1).join('').trimEnd()}…`;
}

/** How each status is said. */
export const STATUS_LABEL: Record<TaskStatus, MessageKey> = {
  open: 'taskStatusOpen',
  in_progress: 'taskStatusInProgress',
  done: 'taskStatusDone',
};
