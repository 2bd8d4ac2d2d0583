import { describe, expect, it } from 'vitest';
import type { Note, Phase, Role, Section } from '../protocol/generated';
import {
  type Situation,
  facilitates,
  moveTargets,
  noteChanges,
  posting,
  postingConditions,
  privacyOf,
  readOnly,
} from './permissions';

function phase(switches: Partial<Phase> = {}): Phase {
  return {
    id: 'ph',
    title: 'Write',
    instruction: '',
    posting_open: true,
    private_notes: false,
    voting_open: false,
    votes_shown: false,
    ...switches,
  };
}

function section(id: string, locked = false): Section {
  return { id, title: id, colour: 'blue', order: 'a0', locked };
}

function note(author: string, extra: Partial<Note> = {}): Note {
  return {
    id: 'n1',
    section: 's1',
    text: 'x',
    colour: 'yellow',
    author,
    author_name: null,
    order: 'a0',
    created_at: 1,
    updated_at: 1,
    private: false,
    status: 'visible',
    theme: null,
    ...extra,
  };
}

function as(role: Role | null, extra: Partial<Situation> = {}): Situation {
  return { role, participant: role === null ? null : 'me', phase: null, boardLocked: false, ...extra };
}

const WRITE = phase({ private_notes: true });
const VOTE = phase({ posting_open: false, voting_open: true });

describe('posting', () => {
  it('is open to a participant before any phase, and nothing is private', () => {
    expect(posting(as('participant'), section('s1'))).toEqual({ open: true, private: false });
  });

  it('makes a participant’s note private in a private phase, never a facilitator’s', () => {
    expect(posting(as('participant', { phase: WRITE }), section('s1'))).toEqual({ open: true, private: true });
    expect(posting(as('facilitator', { phase: WRITE }), section('s1'))).toEqual({ open: true, private: false });
  });

  it('is closed to participants in a phase without posting, with the reason', () => {
    expect(posting(as('participant', { phase: VOTE }), section('s1'))).toEqual({ open: false, why: 'posting_closed' });
    expect(posting(as('participant', { phase: VOTE }))).toEqual({ open: false, why: 'posting_closed' });
  });

  it('says "locked" before "posting closed", board lock before section lock, as the server does', () => {
    expect(posting(as('participant', { phase: VOTE }), section('s1', true))).toEqual({ open: false, why: 'section_locked' });
    expect(posting(as('participant', { boardLocked: true, phase: VOTE }), section('s1', true))).toEqual({
      open: false,
      why: 'board_locked',
    });
    expect(posting(as('participant', { boardLocked: true }))).toEqual({ open: false, why: 'board_locked' });
    // Without a section the answer is board-wide: a locked section does not count.
    expect(posting(as('participant'))).toEqual({ open: true, private: false });
  });

  it('binds facilitators by neither locks nor phases', () => {
    expect(posting(as('facilitator', { boardLocked: true, phase: VOTE }), section('s1', true))).toEqual({
      open: true,
      private: false,
    });
  });

  it('offers the projector nothing, ever', () => {
    for (const situation of [as('projector'), as('projector', { phase: WRITE })]) {
      expect(posting(situation, section('s1'))).toEqual({ open: false, why: 'read_only' });
    }
  });

  it('lets a viewer not yet welcomed write as a participant would (the server judges the queued post)', () => {
    expect(posting(as(null, { phase: WRITE }), section('s1'))).toEqual({ open: true, private: true });
    expect(posting(as(null), section('s1', true))).toEqual({ open: false, why: 'section_locked' });
  });
});

describe('postingConditions', () => {
  it('says nothing while anyone may post in public', () => {
    expect(postingConditions(as('participant'))).toEqual([]);
    expect(postingConditions(as('facilitator', { phase: WRITE, boardLocked: true }))).toEqual([]);
  });

  it('says a participant’s new notes are private in a private phase', () => {
    expect(postingConditions(as('participant', { phase: WRITE }))).toEqual(['private']);
    expect(postingConditions(as(null, { phase: WRITE }))).toEqual(['private']);
  });

  it('says why no note may be posted: the phase, or the board lock before it', () => {
    expect(postingConditions(as('participant', { phase: VOTE }))).toEqual(['posting_closed']);
    expect(postingConditions(as('participant', { phase: VOTE, boardLocked: true }))).toEqual(['board_locked']);
    expect(postingConditions(as('participant', { phase: WRITE, boardLocked: true }))).toEqual(['board_locked']);
  });

  it('tells the projector itself nothing', () => {
    expect(postingConditions(as('projector', { phase: WRITE, boardLocked: true }))).toEqual([]);
  });
});

describe('noteChanges', () => {
  const open = { open: true };

  it('lets the writer change their own note, and no other participant', () => {
    expect(noteChanges(as('participant'), note('me'), section('s1'))).toEqual(open);
    expect(noteChanges(as('participant'), note('someone else'), section('s1'))).toEqual({ open: false, why: 'not_yours' });
    expect(noteChanges(as(null), note('me'), section('s1'))).toEqual({ open: false, why: 'not_yours' });
  });

  it('closes the writer’s own note while the board or its section is locked, but not for a phase', () => {
    expect(noteChanges(as('participant', { boardLocked: true }), note('me'), section('s1'))).toEqual({
      open: false,
      why: 'board_locked',
    });
    expect(noteChanges(as('participant'), note('me'), section('s1', true))).toEqual({ open: false, why: 'section_locked' });
    expect(noteChanges(as('participant', { phase: VOTE }), note('me'), section('s1'))).toEqual(open);
  });

  it('lets facilitators change every note, locked or not, and the projector none', () => {
    expect(noteChanges(as('facilitator', { boardLocked: true }), note('someone'), section('s1', true))).toEqual(open);
    expect(noteChanges(as('projector'), note('me'), section('s1'))).toEqual({ open: false, why: 'read_only' });
  });
});

describe('moveTargets', () => {
  const sections = [section('s1'), section('s2', true), section('s3')];

  it('offers a participant only the other unlocked sections', () => {
    expect(moveTargets(as('participant'), note('me'), sections).map((s) => s.id)).toEqual(['s3']);
  });

  it('offers a facilitator every other section', () => {
    expect(moveTargets(as('facilitator'), note('me'), sections).map((s) => s.id)).toEqual(['s2', 's3']);
  });
});

describe('privacyOf', () => {
  it('marks a private note as the viewer’s own or someone’s, and a public one not at all', () => {
    expect(privacyOf(as('participant'), note('me', { private: true }))).toBe('yours');
    expect(privacyOf(as('facilitator'), note('p2', { private: true }))).toBe('writers');
    expect(privacyOf(as('participant'), note('me'))).toBe('public');
  });
});

describe('readOnly', () => {
  it('is the projector only; a viewer not yet welcomed may write', () => {
    expect(readOnly(as('projector'))).toBe(true);
    for (const role of ['participant', 'facilitator', null] as const) expect(readOnly(as(role))).toBe(false);
  });
});

describe('facilitates', () => {
  it('is the facilitator role only', () => {
    expect([as('facilitator'), as('participant'), as('projector'), as(null)].map(facilitates)).toEqual([
      true,
      false,
      false,
      false,
    ]);
  });
});
