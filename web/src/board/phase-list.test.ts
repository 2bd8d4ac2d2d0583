import { describe, expect, it } from 'vitest';
import type { Phase } from '../protocol/generated';
import { MAX_INSTRUCTION_CHARS, MAX_PHASES, MAX_PHASE_TITLE_CHARS } from './limits';
import { blankPhase, nextPhase, phaseFieldId, phaseNumber, phaseProblems, revealedBy, stepPhase, tidyPhases } from './phase-list';

function phase(id: string, extra: Partial<Phase> = {}): Phase {
  return { ...blankPhase(id), title: id, ...extra };
}

const WRITE = phase('write', { private_notes: true });
const DISCUSS = phase('discuss');
const VOTE = phase('vote', { posting_open: false, voting_open: true });
const LIST = [WRITE, DISCUSS, VOTE];

describe('revealedBy', () => {
  it('reveals every private note when the target does not keep notes private, "no phase" included', () => {
    expect(revealedBy(DISCUSS, 5)).toBe(5);
    expect(revealedBy(null, 5)).toBe(5);
    expect(revealedBy(WRITE, 5)).toBe(0);
    expect(revealedBy(DISCUSS, 0)).toBe(0);
  });
});

describe('nextPhase and phaseNumber', () => {
  it('starts with the first phase, steps forward, and ends after the last', () => {
    expect(nextPhase(LIST, null)).toBe(WRITE);
    expect(nextPhase(LIST, 'write')).toBe(DISCUSS);
    expect(nextPhase(LIST, 'vote')).toBeNull();
    expect(nextPhase(LIST, 'gone')).toBeNull();
    expect(nextPhase([], null)).toBeNull();
  });

  it('numbers phases from 1', () => {
    expect(phaseNumber(LIST, 'discuss')).toBe(2);
    expect(phaseNumber(LIST, 'gone')).toBeNull();
  });
});

describe('blankPhase', () => {
  it('takes notes, keeps nothing private and opens no voting', () => {
    expect(blankPhase('p')).toEqual({
      id: 'p',
      title: '',
      instruction: '',
      posting_open: true,
      private_notes: false,
      voting_open: false,
      votes_shown: false,
    });
  });
});

describe('stepPhase', () => {
  it('swaps with the neighbour and leaves the ends alone', () => {
    expect(stepPhase(['a', 'b', 'c'], 1, -1)).toEqual(['b', 'a', 'c']);
    expect(stepPhase(['a', 'b', 'c'], 1, 1)).toEqual(['a', 'c', 'b']);
    expect(stepPhase(['a', 'b', 'c'], 0, -1)).toEqual(['a', 'b', 'c']);
    expect(stepPhase(['a', 'b', 'c'], 2, 1)).toEqual(['a', 'b', 'c']);
  });

  it('returns a new list', () => {
    const list = ['a', 'b'];
    expect(stepPhase(list, 0, 1)).not.toBe(list);
    expect(list).toEqual(['a', 'b']);
  });
});

describe('phaseProblems', () => {
  it('finds nothing wrong in a good list', () => {
    expect(phaseProblems(LIST)).toEqual([]);
  });

  it('names each phase whose title is missing (blank or invisible) or too long, or whose instruction is too long', () => {
    const problems = phaseProblems([
      phase('a', { title: ' \u200B ' }),
      phase('b', { title: 'x'.repeat(MAX_PHASE_TITLE_CHARS + 1) }),
      phase('c', { title: 'ä'.repeat(MAX_PHASE_TITLE_CHARS), instruction: 'y'.repeat(MAX_INSTRUCTION_CHARS + 1) }),
    ]);
    expect(problems).toEqual([
      { phase: 'a', n: 1, field: 'title', problem: 'missing' },
      { phase: 'b', n: 2, field: 'title', problem: 'too_long' },
      { phase: 'c', n: 3, field: 'instruction', problem: 'too_long' },
    ]);
  });

  it('counts characters as the server does', () => {
    expect(phaseProblems([phase('a', { title: '👍'.repeat(MAX_PHASE_TITLE_CHARS) })])).toEqual([]);
  });

  it('refuses more phases than the board may have', () => {
    const many = Array.from({ length: MAX_PHASES + 1 }, (_, i) => phase(`p${i}`));
    expect(phaseProblems(many)).toEqual([{ phase: null, n: null, field: 'list', problem: 'too_many' }]);
    expect(phaseProblems(many.slice(1))).toEqual([]);
  });
});

describe('phaseFieldId', () => {
  it('points at the field each problem is about, and at the add button for the list', () => {
    const [missing, tooLong] = phaseProblems([phase('a', { title: '' }), phase('b', { instruction: 'y'.repeat(MAX_INSTRUCTION_CHARS + 1) })]);
    expect(phaseFieldId(missing!)).toBe('phase-a-title');
    expect(phaseFieldId(tooLong!)).toBe('phase-b-instruction');
    expect(phaseFieldId({ phase: null, n: null, field: 'list', problem: 'too_many' })).toBe('phase-add');
  });
});

describe('tidyPhases', () => {
  it('trims titles and instructions and keeps the rest', () => {
    expect(tidyPhases([phase('a', { title: '  Write ', instruction: '\nDo it.\n', private_notes: true })])).toEqual([
      phase('a', { title: 'Write', instruction: 'Do it.', private_notes: true }),
    ]);
  });
});
