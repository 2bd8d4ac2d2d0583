import { describe, expect, it } from 'vitest';
import type { Role, Task } from '../protocol/generated';
import { addTask } from './actions';
import { MAX_TASK_OWNER_CHARS, MAX_TASK_TITLE_CHARS } from './limits';
import type { Situation } from './permissions';
import { editsTasks, isCalendarDate, ownerProblem, taskFields, taskProblems, titleFromNote, volunteering } from './tasks';

function as(role: Role | null): Situation {
  return { role, participant: role === null ? null : 'me', phase: null, boardLocked: false };
}

function task(extra: Partial<Task> = {}): Task {
  return { id: 't1', title: 'Selvitä', owner: '', due: null, status: 'open', from_note: null, created_at: 1, ...extra };
}

describe('who changes tasks', () => {
  it('is the facilitators alone', () => {
    expect(editsTasks(as('facilitator'))).toBe(true);
    expect(editsTasks(as('participant'))).toBe(false);
    expect(editsTasks(as('projector'))).toBe(false);
    expect(editsTasks(as(null))).toBe(false);
  });
});

describe('volunteering', () => {
  it('is offered to a participant on an unowned task while it is open', () => {
    expect(volunteering(as('participant'), task(), true)).toEqual({ open: true });
  });

  it('is not offered while closed, on a taken task, to the projector or to facilitators', () => {
    expect(volunteering(as('participant'), task(), false)).toEqual({ open: false, why: 'closed' });
    expect(volunteering(as('participant'), task({ owner: 'Kolomonen ry' }), true)).toEqual({ open: false, why: 'taken' });
    expect(volunteering(as('projector'), task(), true)).toEqual({ open: false, why: 'read_only' });
    expect(volunteering(as('facilitator'), task(), true)).toEqual({ open: false, why: 'edits_instead' });
  });

  it('takes an owner of only invisible characters for none, as the server does', () => {
    expect(volunteering(as('participant'), task({ owner: '\u200B ' }), true)).toEqual({ open: true });
  });
});

describe('task fields', () => {
  it('need a title within its limit, an owner within its limit and a real date or none', () => {
    expect(taskProblems({ title: 'T', owner: '', due: '' })).toEqual({ title: null, owner: null, due: null });
    expect(taskProblems({ title: ' \u200B', owner: '', due: '' }).title).toBe('taskTitleEmpty');
    expect(taskProblems({ title: 'ä'.repeat(MAX_TASK_TITLE_CHARS), owner: '', due: '' }).title).toBeNull();
    expect(taskProblems({ title: 'ä'.repeat(MAX_TASK_TITLE_CHARS + 1), owner: '', due: '' }).title).toBe('taskTitleTooLong');
    expect(taskProblems({ title: 'T', owner: 'ö'.repeat(MAX_TASK_OWNER_CHARS + 1), due: '' }).owner).toBe('taskOwnerTooLong');
    expect(taskProblems({ title: 'T', owner: '', due: '2027-02-29' }).due).toBe('taskDueBad');
  });

  it('refuse a personal identity code in the title or the owner, as the server does', () => {
    expect(taskProblems({ title: 'Soita 131052-308T', owner: '', due: '' }).title).toBe('taskPersonalData');
    expect(taskProblems({ title: 'T', owner: 'Matti 131052-308T', due: '' }).owner).toBe('taskPersonalData');
    expect(ownerProblem('131052-308T', true)).toBe('taskPersonalData');
    // The same digits with a wrong check character are just a number.
    expect(taskProblems({ title: 'Numero 131052-308A', owner: '', due: '' }).title).toBeNull();
  });

  it('a volunteer must write who takes it', () => {
    expect(ownerProblem('  ', true)).toBe('taskOwnerEmpty');
    expect(ownerProblem('Kolomonen ry', true)).toBeNull();
    expect(ownerProblem('', false)).toBeNull();
  });

  it('are sent trimmed, with no date as null', () => {
    expect(taskFields({ title: ' T ', owner: ' Sosterin kotihoito ', due: '' })).toEqual({
      title: 'T',
      owner: 'Sosterin kotihoito',
      due: null,
    });
  });
});

describe('isCalendarDate', () => {
  it('agrees with the server on real dates', () => {
    for (const ok of ['2026-12-04', '2024-02-29', '2000-02-29', '1999-12-31']) expect(isCalendarDate(ok), ok).toBe(true);
    for (const bad of ['', '2026-1-04', '2026-13-01', '2026-00-10', '2026-04-31', '2025-02-29', '1900-02-29', '0999-01-01', '2026/12/04'])
      expect(isCalendarDate(bad), bad).toBe(false);
  });
});

describe('titleFromNote', () => {
  it('takes the first line, tidied', () => {
    expect(titleFromNote('\n  Kotihoidon   yöpartio \nlisää tekstiä')).toBe('Kotihoidon yöpartio');
  });

  it('cuts a long text to the limit with an ellipsis', () => {
    const title = titleFromNote('sana '.repeat(100));
    expect([...title].length).toBeLessThanOrEqual(MAX_TASK_TITLE_CHARS);
    expect(title.endsWith('…')).toBe(true);
  });
});

describe('addTask', () => {
  it('makes an id and keeps the note it came from', () => {
    const op = addTask({ title: 'T', owner: '', due: null }, { fromNote: 'n1', makeId: () => 'id-1' });
    expect(op).toEqual({ type: 'add_task', id: 'id-1', title: 'T', owner: '', due: null, from_note: 'n1' });
    expect(addTask({ title: 'T', owner: '', due: null }, { makeId: () => 'id-2' })).not.toHaveProperty('from_note');
  });
});
