import { describe, expect, it } from 'vitest';
import type { Note, Phase, Role, Theme, VoteCounts } from '../protocol/generated';
import type { Situation } from './permissions';
import {
  mayAddVote,
  rankByVotes,
  rankThemes,
  rankWithinGroups,
  spent,
  textStart,
  totalsShownTo,
  votable,
  votesLeft,
  votingOpenFor,
} from './votes';

function situation(role: Role, phase: Partial<Phase> | null, boardLocked = false): Situation {
  return {
    role,
    participant: role === 'participant' ? 'p1' : null,
    phase: phase && {
      id: 'ph',
      title: 'Vote',
      instruction: '',
      posting_open: false,
      private_notes: false,
      voting_open: false,
      votes_shown: false,
      ...phase,
    },
    boardLocked,
  };
}

function note(id: string, extra: Partial<Note> = {}): Note {
  return {
    id,
    section: 's1',
    text: id,
    colour: 'yellow',
    author: 'p2',
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

function counts(notes: Record<string, number>, themes: Record<string, number> = {}): VoteCounts {
  return { notes, themes };
}

describe('who votes and who sees totals', () => {
  it('opens voting to participants in a voting phase on an unlocked board only', () => {
    expect(votingOpenFor(situation('participant', { voting_open: true }))).toBe(true);
    expect(votingOpenFor(situation('participant', { voting_open: false }))).toBe(false);
    expect(votingOpenFor(situation('participant', null))).toBe(false);
    expect(votingOpenFor(situation('participant', { voting_open: true }, true))).toBe(false);
    expect(votingOpenFor(situation('facilitator', { voting_open: true }))).toBe(false);
    expect(votingOpenFor(situation('projector', { voting_open: true }))).toBe(false);
  });

  it('shows totals to facilitators always and to others while the phase shows votes', () => {
    expect(totalsShownTo(situation('facilitator', null))).toBe(true);
    expect(totalsShownTo(situation('participant', { votes_shown: false }))).toBe(false);
    expect(totalsShownTo(situation('participant', { votes_shown: true }))).toBe(true);
    expect(totalsShownTo(situation('projector', { votes_shown: true }))).toBe(true);
    expect(totalsShownTo(situation('projector', null))).toBe(false);
  });

  it('takes votes only on notes everyone may see', () => {
    expect(votable(note('a'))).toBe(true);
    expect(votable(note('a', { private: true }))).toBe(false);
    expect(votable(note('a', { status: 'pending' }))).toBe(false);
    expect(votable(note('a', { status: 'hidden' }))).toBe(false);
  });
});

describe('the budget', () => {
  it('counts votes on notes and themes together', () => {
    expect(spent(counts({}))).toBe(0);
    expect(spent(counts({ a: 2, b: 1 }, { t: 1 }))).toBe(4);
    expect(votesLeft({ budget: 5, stacking: true }, counts({ a: 2, b: 1 }, { t: 1 }))).toBe(1);
  });

  it('never says fewer than none left, even past a lowered budget', () => {
    expect(votesLeft({ budget: 2, stacking: false }, counts({ a: 1, b: 1, c: 1 }))).toBe(0);
  });

  it('allows one more vote only with budget left and, on a voted note, with stacking', () => {
    const a = { kind: 'note', id: 'a' } as const;
    const b = { kind: 'note', id: 'b' } as const;
    expect(mayAddVote({ budget: 3, stacking: false }, counts({ a: 1 }), a)).toBe(false);
    expect(mayAddVote({ budget: 3, stacking: false }, counts({ a: 1 }), b)).toBe(true);
    expect(mayAddVote({ budget: 3, stacking: true }, counts({ a: 2 }), a)).toBe(true);
    expect(mayAddVote({ budget: 3, stacking: true }, counts({ a: 3 }), b)).toBe(false);
    expect(mayAddVote({ budget: 1, stacking: false }, counts({}, { t: 1 }), b)).toBe(false);
  });
});

describe('ranking', () => {
  it('puts the most voted first and keeps board order among ties', () => {
    const notes = [note('a'), note('b'), note('c'), note('d')];
    const ranked = rankByVotes(notes, counts({ b: 1, c: 3, d: 1 }));
    expect(ranked.map((n) => n.id)).toEqual(['c', 'b', 'd', 'a']);
    expect(notes.map((n) => n.id)).toEqual(['a', 'b', 'c', 'd']);
  });
});

describe('ranking within groups', () => {
  const groups = [{ id: 's1' }, { id: 's2' }, { id: 's3' }];

  it('ranks each group on its own, groups in board order, an empty group kept', () => {
    const notes = [note('a'), note('b', { section: 's2' }), note('c'), note('d', { section: 's2' }), note('e')];
    const ranked = rankWithinGroups(groups, notes, counts({ a: 1, c: 2, d: 5, e: 1 }));
    expect(ranked.map((g) => [g.section.id, g.notes.map((n) => n.id)])).toEqual([
      ['s1', ['c', 'a', 'e']],
      ['s2', ['d', 'b']],
      ['s3', []],
    ]);
  });

  it('follows the order of the groups given and leaves out notes of no listed group', () => {
    const notes = [note('a'), note('b', { section: 's2' }), note('x', { section: 'gone' })];
    const ranked = rankWithinGroups([{ id: 's2' }, { id: 's1' }], notes, counts({}));
    expect(ranked.map((g) => [g.section.id, g.notes.map((n) => n.id)])).toEqual([
      ['s2', ['b']],
      ['s1', ['a']],
    ]);
  });
});

describe('ranking themes', () => {
  function theme(id: string, created_at = 1): Theme {
    return { id, title: `Theme ${id}`, created_at };
  }

  it('ranks by the votes on the theme itself, not its notes, ties in the order given', () => {
    const themes = [theme('t1'), theme('t2'), theme('t3'), theme('t4')];
    const notes = [
      note('a', { theme: 't1' }),
      note('b', { theme: 't1' }),
      note('c', { theme: 't3' }),
      note('d', { theme: 't4' }),
    ];
    const ranked = rankThemes(themes, notes, counts({ a: 9, b: 9 }, { t2: 1, t3: 2, t4: 2 }));
    expect(ranked.map((r) => [r.theme.id, r.votes, r.notes])).toEqual([
      ['t3', 2, 1],
      ['t4', 2, 1],
      ['t2', 1, 0],
      ['t1', 0, 2],
    ]);
  });

  it('leaves out a theme with neither notes nor votes of its own', () => {
    const ranked = rankThemes([theme('t1'), theme('t2')], [note('a', { theme: 't2' }), note('b')], counts({ b: 3 }));
    expect(ranked.map((r) => r.theme.id)).toEqual(['t2']);
    expect(rankThemes([theme('t1')], [], counts({}))).toEqual([]);
  });
});

describe('naming a note in a label', () => {
  it('keeps a short text whole, on one line', () => {
    expect(textStart('  More\nbenches  ')).toBe('More benches');
  });

  it('cuts a long text with an ellipsis', () => {
    const cut = textStart('a'.repeat(100));
    expect(cut).toBe(`${'a'.repeat(39)}…`);
  });
});
