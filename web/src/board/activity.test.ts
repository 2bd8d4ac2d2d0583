import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Change, Note, Section } from '../protocol/generated';
import { en } from '../i18n/en';
import { fi } from '../i18n/fi';
import { interpolate } from '../i18n/interpolate';
import { sv } from '../i18n/sv';
import { type Activity, ActivityDigest, activitiesOf, aroundSection, type BoardBefore, sentenceKey, summarise } from './activity';

const section = (id: string, title: string): Section => ({ id, title, colour: 'yellow', order: 'a', locked: false }) as Section;
const note = (id: string, sectionId: string, text: string): Note =>
  ({
    id,
    section: sectionId,
    text,
    colour: 'yellow',
    author: 'p-other',
    author_name: null,
    order: 'a',
    created_at: 0,
    updated_at: 0,
    private: false,
    status: 'visible',
    theme: null,
  }) as Note;

function board(sections: Section[], notes: Note[], hidden: Record<string, string> = {}): BoardBefore {
  return {
    note: (id) => notes.find((n) => n.id === id),
    section: (id) => sections.find((s) => s.id === id),
    hiddenSection: (id) => hidden[id],
  };
}

const elderly = section('s1', 'Ikäihmisten palvelut');
const youth = section('s2', 'Nuoret');

describe('activitiesOf', () => {
  it('tells a new note from an edit, a move and a removal', () => {
    const before = board([elderly, youth], [note('n1', 's1', 'Penkit'), note('n2', 's1', 'Bussit'), note('n3', 's2', 'Kirjasto')]);
    const changes: Change[] = [
      { type: 'note', note: note('n9', 's1', 'Uusi') },
      { type: 'note', note: note('n1', 's1', 'Penkit puistoon') },
      { type: 'note', note: note('n2', 's2', 'Bussit') },
      { type: 'note_removed', id: 'n3' },
    ];
    expect(activitiesOf(changes, before)).toEqual([
      { kind: 'posted', section: 's1', title: 'Ikäihmisten palvelut' },
      { kind: 'edited', section: 's1', title: 'Ikäihmisten palvelut' },
      { kind: 'moved', section: 's2', title: 'Nuoret' },
      { kind: 'removed', section: 's2', title: 'Nuoret' },
    ]);
  });

  it('says nothing for a change of order, theme or status alone', () => {
    const before = board([elderly], [note('n1', 's1', 'Penkit')]);
    const changes: Change[] = [
      { type: 'note', note: { ...note('n1', 's1', 'Penkit'), theme: 't1', order: 'b' } },
      { type: 'note_order', id: 'n1', order: 'c' },
    ];
    expect(activitiesOf(changes, before)).toEqual([]);
  });

  it('counts others’ private notes without their text, and a reveal is not news', () => {
    const before = board([elderly], [], { h1: 's1' });
    expect(activitiesOf([{ type: 'hidden_note', id: 'h2', section: 's1' }], before)).toEqual([
      { kind: 'posted', section: 's1', title: 'Ikäihmisten palvelut' },
    ]);
    expect(activitiesOf([{ type: 'hidden_note', id: 'h1', section: 's1' }], before)[0]?.kind).toBe('edited');
    expect(activitiesOf([{ type: 'note_removed', id: 'h1' }], before)[0]?.kind).toBe('removed');
    // The reveal: the counted note arrives whole.
    expect(activitiesOf([{ type: 'note', note: note('h1', 's1', 'Salainen') }], before)).toEqual([]);
  });

  it('names a new section by the title it arrives with', () => {
    const changes: Change[] = [{ type: 'section', section: section('s3', 'Liikenne') }];
    expect(activitiesOf(changes, board([elderly], []))).toEqual([{ kind: 'section_added', section: 's3', title: 'Liikenne' }]);
    // A renamed section is not a new one.
    expect(activitiesOf([{ type: 'section', section: section('s1', 'Vanhukset') }], board([elderly], []))).toEqual([]);
  });

  it('never carries a note’s text', () => {
    const before = board([elderly], [note('n1', 's1', 'Penkit')]);
    const said = JSON.stringify(activitiesOf([{ type: 'note', note: note('n2', 's1', 'Salaisuus') }], before));
    expect(said).not.toContain('Salaisuus');
  });
});

describe('summarise', () => {
  it('counts per section and kind', () => {
    const a = (kind: Activity['kind'], s: Section): Activity => ({ kind, section: s.id, title: s.title });
    const sentences = summarise([a('posted', elderly), a('posted', youth), a('posted', elderly), a('edited', elderly), a('posted', elderly)]);
    expect(sentences).toEqual([
      { kind: 'posted', count: 3, title: 'Ikäihmisten palvelut' },
      { kind: 'edited', count: 1, title: 'Ikäihmisten palvelut' },
      { kind: 'posted', count: 1, title: 'Nuoret' },
    ]);
  });

  it('reads in every language, one and many', () => {
    const say = (table: typeof en, kind: Activity['kind'], count: number) => {
      const s = { kind, count, title: 'Ikäihmisten palvelut' };
      const { before, after } = aroundSection(interpolate(table[sentenceKey(s)], { count }));
      return before + s.title + after;
    };
    expect(say(fi, 'posted', 3)).toBe('3 uutta muistilappua ryhmässä Ikäihmisten palvelut.');
    expect(say(fi, 'posted', 1)).toBe('1 uusi muistilappu ryhmässä Ikäihmisten palvelut.');
    expect(say(fi, 'edited', 1)).toBe('1 muistilappu muokattu ryhmässä Ikäihmisten palvelut.');
    expect(say(fi, 'removed', 1)).toBe('Muistilappu poistettiin ryhmästä Ikäihmisten palvelut.');
    expect(say(fi, 'section_added', 1)).toBe('Fasilitaattori lisäsi osion Ikäihmisten palvelut.');
    expect(say(sv, 'posted', 2)).toBe('2 nya lappar i gruppen Ikäihmisten palvelut.');
    expect(say(sv, 'posted', 1)).toBe('1 ny lapp i gruppen Ikäihmisten palvelut.');
    expect(say(en, 'edited', 4)).toBe('4 notes edited in Ikäihmisten palvelut.');
    expect(say(en, 'removed', 2)).toBe('2 notes were removed from Ikäihmisten palvelut.');
    for (const table of [fi, sv, en]) {
      for (const kind of ['posted', 'edited', 'moved', 'removed', 'section_added'] as const) {
        for (const count of [1, 2]) expect(say(table, kind, count)).not.toMatch(/[{}]/);
      }
    }
  });
});

describe('ActivityDigest', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  const posted: Activity = { kind: 'posted', section: 's1', title: 'Ikäihmisten palvelut' };

  it('says a burst once, when the window ends', () => {
    const said: unknown[] = [];
    const digest = new ActivityDigest((s) => said.push(s), 5_000);
    digest.add([posted]);
    vi.advanceTimersByTime(2_000);
    digest.add([posted, posted]);
    vi.advanceTimersByTime(2_999);
    expect(said).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(said).toEqual([[{ kind: 'posted', count: 3, title: 'Ikäihmisten palvelut' }]]);
    // Quiet: nothing more is said.
    vi.advanceTimersByTime(60_000);
    expect(said).toHaveLength(1);
  });

  it('starts a new window for what comes after', () => {
    const said: unknown[] = [];
    const digest = new ActivityDigest((s) => said.push(s), 5_000);
    digest.add([posted]);
    vi.advanceTimersByTime(5_000);
    digest.add([{ ...posted, kind: 'edited' }]);
    vi.advanceTimersByTime(4_000);
    expect(said).toHaveLength(1);
    vi.advanceTimersByTime(1_000);
    expect(said[1]).toEqual([{ kind: 'edited', count: 1, title: 'Ikäihmisten palvelut' }]);
  });

  it('says nothing for nothing, and nothing after clear', () => {
    const said: unknown[] = [];
    const digest = new ActivityDigest((s) => said.push(s), 5_000);
    digest.add([]);
    vi.advanceTimersByTime(10_000);
    digest.add([posted]);
    digest.clear();
    vi.advanceTimersByTime(10_000);
    expect(said).toEqual([]);
  });
});
