import { describe, expect, it } from 'vitest';
import { addSection, newPhase, postNote } from './actions';

const UUIDV7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('actions', () => {
  it('give every new note, section and phase a fresh UUIDv7', () => {
    const ids = [
      postNote('s1', 'a', 'yellow').id,
      postNote('s1', 'a', 'yellow').id,
      addSection('Group', 'blue').id,
      newPhase().id,
      newPhase().id,
    ];
    for (const id of ids) expect(id).toMatch(UUIDV7);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('send a note’s text as typed, and a section title trimmed', () => {
    const makeId = () => 'fixed';
    expect(postNote('s1', '  two\nlines ', 'pink', makeId)).toEqual({
      type: 'post_note',
      id: 'fixed',
      section: 's1',
      text: '  two\nlines ',
      colour: 'pink',
    });
    expect(addSection('  Group 3 ', 'green', makeId)).toEqual({ type: 'add_section', id: 'fixed', title: 'Group 3', colour: 'green' });
  });

  it('make a new phase that takes notes and keeps nothing private', () => {
    const phase = newPhase(() => 'p');
    expect(phase).toMatchObject({ id: 'p', title: '', posting_open: true, private_notes: false });
  });
});
