import { describe, expect, it } from 'vitest';
import type { Note } from '../protocol/generated';
import { MAX_THEME_TITLE_CHARS } from './limits';
import { notesInTheme, themeTitleProblem } from './themes';

const note = (id: string, theme: string | null) => ({ id, theme }) as unknown as Note;

describe('themeTitleProblem', () => {
  it('accepts a name within the limit, counted in characters', () => {
    expect(themeTitleProblem('Kotihoito')).toBeNull();
    expect(themeTitleProblem('ä'.repeat(MAX_THEME_TITLE_CHARS))).toBeNull();
  });
  it('refuses a blank name and one over the limit', () => {
    expect(themeTitleProblem('  \n')).toBe('themeEmpty');
    expect(themeTitleProblem('ä'.repeat(MAX_THEME_TITLE_CHARS + 1))).toBe('themeTooLong');
  });
  it('does not count the spaces around the name, which is sent trimmed', () => {
    expect(themeTitleProblem(` ${'a'.repeat(MAX_THEME_TITLE_CHARS)} `)).toBeNull();
  });
});

describe('notesInTheme', () => {
  it('keeps the notes of that theme, in order', () => {
    const notes = [note('a', 't1'), note('b', null), note('c', 't2'), note('d', 't1')];
    expect(notesInTheme('t1', notes).map((n) => n.id)).toEqual(['a', 'd']);
    expect(notesInTheme('t3', notes)).toEqual([]);
  });
});
