import { describe, expect, it } from 'vitest';
import { en, type MessageKey } from '../i18n/en';
import { fi } from '../i18n/fi';
import { interpolate, type MessageVars } from '../i18n/interpolate';
import { sv } from '../i18n/sv';
import { noteName } from './note-name';

const inLanguage = (table: Record<MessageKey, string>) => (key: MessageKey, vars?: MessageVars) => interpolate(table[key], vars);

describe('noteName', () => {
  it('names the group, writer, colour and votes', () => {
    expect(noteName(inLanguage(en), { section: 'Kotihoito', author: 'Aino', colour: en.colourYellow, votes: 3 })).toBe(
      'Note in Kotihoito, written by Aino, yellow, 3 votes',
    );
    expect(noteName(inLanguage(en), { section: 'Kotihoito', author: 'Aino', colour: en.colourBlue, votes: 1 })).toBe(
      'Note in Kotihoito, written by Aino, blue, 1 vote',
    );
  });
  it('leaves the votes out where the screen does not show them', () => {
    expect(noteName(inLanguage(en), { section: 'Asuminen', author: 'anonymous', colour: en.colourPink, votes: null })).toBe(
      'Note in Asuminen, written by anonymous, pink',
    );
  });
  it('says it in Finnish and Swedish', () => {
    expect(noteName(inLanguage(fi), { section: 'Kotihoito', author: 'Aino', colour: fi.colourYellow, votes: 3 })).toBe(
      'Muistilappu ryhmässä Kotihoito, kirjoittanut Aino, keltainen, 3 ääntä',
    );
    expect(noteName(inLanguage(sv), { section: 'Hemvård', author: 'Aino', colour: sv.colourYellow, votes: 2 })).toBe(
      'Lapp i gruppen Hemvård, skriven av Aino, gul, 2 röster',
    );
  });
});
