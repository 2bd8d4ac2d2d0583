import { describe, expect, it } from 'vitest';
import type { Comment, Note, Status } from '../protocol/generated';
import { approvalQueue, moderateComment, moderateNote, moderates, moderationActions, moderationMark, statusAfter } from './moderation';

function note(id: string, created_at: number, status: Status = 'pending'): Note {
  return {
    id,
    section: 's1',
    text: id,
    colour: 'yellow',
    author: 'p1',
    author_name: null,
    order: 'a0',
    created_at,
    updated_at: created_at,
    private: false,
    status,
    theme: null,
  };
}

function comment(id: string, on: string, created_at: number, status: Status = 'pending'): Comment {
  return { id, note: on, text: id, author: 'p2', author_name: 'Aino', created_at, updated_at: created_at, status };
}

describe('moderation', () => {
  it('marks pending and hidden items, and nothing on visible ones', () => {
    expect(moderationMark(note('a', 1, 'pending'))).toBe('awaiting_approval');
    expect(moderationMark(note('a', 1, 'hidden'))).toBe('hidden');
    expect(moderationMark(note('a', 1, 'visible'))).toBeNull();
  });

  it('offers approve or hide while pending, hide when visible, show again when hidden', () => {
    expect(moderationActions('pending')).toEqual(['approve', 'hide']);
    expect(moderationActions('visible')).toEqual(['hide']);
    expect(moderationActions('hidden')).toEqual(['show']);
    expect(moderationActions('pending').map(statusAfter)).toEqual(['visible', 'hidden']);
    expect(statusAfter('show')).toBe('visible');
  });

  it('makes the ops the server takes', () => {
    expect(moderateNote('n1', 'hidden')).toEqual({ type: 'moderate_note', id: 'n1', status: 'hidden' });
    expect(moderateComment('c1', 'visible')).toEqual({ type: 'moderate_comment', id: 'c1', status: 'visible' });
  });

  it('is for facilitators only', () => {
    const base = { participant: 'p1', phase: null, boardLocked: false };
    expect(moderates({ ...base, role: 'facilitator' })).toBe(true);
    expect(moderates({ ...base, role: 'participant' })).toBe(false);
    expect(moderates({ ...base, role: 'projector' })).toBe(false);
    expect(moderates({ ...base, role: null })).toBe(false);
  });

  it('queues notes and comments together, oldest first, each comment with its note', () => {
    const n1 = note('n1', 5, 'visible');
    const queue = approvalQueue(
      { notes: [note('n2', 3), note('n3', 9)], comments: [comment('c1', 'n1', 4), comment('c2', 'gone', 1)] },
      (id) => (id === 'n1' ? n1 : undefined),
    );
    expect(queue.map((e) => e.item.id)).toEqual(['c2', 'n2', 'c1', 'n3']);
    expect(queue.map((e) => e.kind)).toEqual(['comment', 'note', 'comment', 'note']);
    const [first, , third] = queue;
    expect(third?.kind === 'comment' && third.note).toBe(n1);
    expect(first?.kind === 'comment' && first.note).toBeUndefined();
  });
});
