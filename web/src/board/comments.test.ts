import { describe, expect, it } from 'vitest';
import type { Comment, Section, Status } from '../protocol/generated';
import { commentChanges, commentTextProblem, commenting, visibleCount } from './comments';
import { MAX_COMMENT_TEXT_CHARS } from './limits';
import type { Situation } from './permissions';

const open: Section = { id: 's1', title: 's1', colour: 'blue', order: 'a0', locked: false };
const locked: Section = { ...open, locked: true };

function who(role: Situation['role'], participant: string | null = 'p1', boardLocked = false): Situation {
  return { role, participant, phase: null, boardLocked };
}

function comment(author: string, status: Status = 'visible'): Comment {
  return { id: 'c1', note: 'n1', text: 'x', author, author_name: null, created_at: 1, updated_at: 1, status };
}

describe('comments', () => {
  it('may be written by anyone but the projector, by participants only where unlocked', () => {
    expect(commenting(who('participant'), open)).toEqual({ open: true });
    expect(commenting(who(null, null), open)).toEqual({ open: true });
    expect(commenting(who('participant'), locked)).toEqual({ open: false, why: 'section_locked' });
    expect(commenting(who('participant', 'p1', true), open)).toEqual({ open: false, why: 'board_locked' });
    expect(commenting(who('facilitator', 'f', true), locked)).toEqual({ open: true });
    expect(commenting(who('projector', 'x'), open)).toEqual({ open: false, why: 'read_only' });
  });

  it('are changed by their author or a facilitator', () => {
    expect(commentChanges(who('participant'), comment('p1'), open)).toEqual({ open: true });
    expect(commentChanges(who('participant'), comment('p2'), open)).toEqual({ open: false, why: 'not_yours' });
    expect(commentChanges(who(null, null), comment('p1'), open)).toEqual({ open: false, why: 'not_yours' });
    expect(commentChanges(who('participant'), comment('p1'), locked)).toEqual({ open: false, why: 'section_locked' });
    expect(commentChanges(who('facilitator', 'f', true), comment('p2'), locked)).toEqual({ open: true });
    expect(commentChanges(who('projector', 'p1'), comment('p1'), open)).toEqual({ open: false, why: 'read_only' });
  });

  it('count only what everyone reads', () => {
    expect(visibleCount([comment('a'), comment('b', 'pending'), comment('c', 'hidden'), comment('d')])).toBe(2);
    expect(visibleCount([])).toBe(0);
  });
});

describe('commentTextProblem', () => {
  it('accepts a comment up to the limit, counted in characters', () => {
    expect(commentTextProblem('Kuka sen rahoittaa?')).toBeNull();
    expect(commentTextProblem('ö'.repeat(MAX_COMMENT_TEXT_CHARS))).toBeNull();
  });
  it('refuses a blank comment and one over the limit', () => {
    expect(commentTextProblem(' \n\t')).toBe('composerEmpty');
    expect(commentTextProblem('ö'.repeat(MAX_COMMENT_TEXT_CHARS + 1))).toBe('commentTooLong');
  });
});
