import { describe, expect, it } from 'vitest';
import type { Note } from '../protocol/generated';
import { sameWord, themeSuggestions, words } from './similar-notes';

let clock = 0;
function note(id: string, section: string, text: string, theme: string | null = null): Note {
  clock += 1;
  return {
    id,
    section,
    text,
    colour: 'yellow',
    author: 'p',
    author_name: null,
    order: 'a0',
    created_at: clock,
    updated_at: clock,
    private: false,
    status: 'visible',
    theme,
  };
}

describe('words', () => {
  it('lowercases, strips punctuation and drops short and common words', () => {
    expect(words('Kotihoidon resurssit, ja että palvelut!')).toEqual(['kotihoidon', 'resurssit', 'palvelut']);
    expect(words('Äitiys- ja lastenneuvola')).toEqual(['äitiys', 'lastenneuvola']);
    expect(words('Kela: Kela KELA, on ok')).toEqual(['kela']);
    expect(words('ÖPPETTIDER öppettider')).toEqual(['öppettider']);
  });
});

describe('sameWord', () => {
  it('folds Finnish inflection', () => {
    expect(sameWord('kotihoito', 'kotihoidon')).toBe(true);
    expect(sameWord('palvelut', 'palveluiden')).toBe(true);
    expect(sameWord('lapset', 'lapsi')).toBe(true);
    expect(sameWord('terveyskeskus', 'terveyskeskuksessa')).toBe(true);
    expect(sameWord('öppettider', 'öppettiderna')).toBe(true);
  });

  it('keeps different words apart', () => {
    expect(sameWord('kotihoito', 'kotiseutu')).toBe(false);
    expect(sameWord('palvelut', 'palkat')).toBe(false);
    expect(sameWord('kotihoito', 'kotieläimet')).toBe(false);
    expect(sameWord('koulu', 'kuulo')).toBe(false);
  });
});

describe('themeSuggestions', () => {
  const theme = 't1';
  const notes = [
    note('seed', 'g1', 'Kotihoito tarvitsee lisää väkeä', theme),
    note('same-group', 'g1', 'Kotihoidon asiakkaat odottavat'),
    note('other', 'g2', 'Kotihoidon resurssit ovat liian pienet'),
    note('two-words', 'g3', 'Kotihoidossa väkeä liian vähän'),
    note('unrelated', 'g2', 'Kirjaston aukioloajat'),
    note('in-theme', 'g3', 'Kotihoito ilta-aikaan', theme),
  ];

  it('proposes notes from other groups that share words, most shared first', () => {
    const found = themeSuggestions(theme, notes);
    expect(found.map((s) => s.note.id)).toEqual(['two-words', 'same-group', 'other']);
    expect(found[0]!.shared).toEqual(['kotihoidossa', 'väkeä']);
  });

  it('matches a note only against theme notes from another group', () => {
    const onlySeed = notes.filter((n) => n.id !== 'in-theme');
    expect(themeSuggestions(theme, onlySeed).map((s) => s.note.id)).toEqual(['two-words', 'other']);
  });

  it('leaves out notes the room cannot see: pending, hidden or still private', () => {
    const unseen = [
      { ...note('pending', 'g2', 'Kotihoidon jonot'), status: 'pending' as const },
      { ...note('hidden', 'g2', 'Kotihoidon jonot'), status: 'hidden' as const },
      { ...note('private', 'g2', 'Kotihoidon jonot'), private: true },
    ];
    const found = themeSuggestions(theme, [...notes, ...unseen]).map((s) => s.note.id);
    expect(found).toEqual(['two-words', 'same-group', 'other']);
  });

  it('suggests nothing for a theme without notes', () => {
    expect(themeSuggestions('empty', notes)).toEqual([]);
  });
});
