import { describe, expect, it } from 'vitest';
import { addSection, addTheme, newPhase, postComment, postNote } from './actions';

const UUIDV7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('actions', () => {
  it('give every new note, section and phase a fresh UUIDv7', () => {
    const ids = [
      postNote('s1', 'a', 'yellow').id,
      postNote('s1', 'a', 'yellow').id,
      addSection('Group', 'blue').id,
      postComment('n1', 'a').id,
      addTheme('Theme').id,
      newPhase().id,
      newPhase().id,
    ];
    for (const id of ids) expect(id).toMatch(UUIDV7);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('send a note’s text as typed, and a section title trimmed', () => {
    const makeId = () => 'fixed';
    expect(postNote('s1', '  two\nlines ', 'pink', { makeId })).toEqual({
      type: 'post_note',
      id: 'fixed',
      section: 's1',
      text: '  two\nlines ',
      colour: 'pink',
    });
    expect(addSection('  Group 3 ', 'green', makeId)).toEqual({ type: 'add_section', id: 'fixed', title: 'Group 3', colour: 'green' });
  });

  it('post on someone’s behalf only with a label, trimmed', () => {
    const makeId = () => 'fixed';
    expect(postNote('s1', 'a', 'blue', { onBehalfOf: ' Pöytä 3 ', makeId }).on_behalf_of).toBe('Pöytä 3');
    expect(postNote('s1', 'a', 'blue', { onBehalfOf: '   ', makeId })).not.toHaveProperty('on_behalf_of');
    expect(postNote('s1', 'a', 'blue', { makeId })).not.toHaveProperty('on_behalf_of');
  });

  it('make comments and themes with the ids given', () => {
    const makeId = () => 'fixed';
    expect(postComment('n1', ' hi ', makeId)).toEqual({ type: 'post_comment', id: 'fixed', note: 'n1', text: ' hi ' });
    expect(addTheme(' Kotihoito ', makeId)).toEqual({ type: 'add_theme', id: 'fixed', title: 'Kotihoito' });
  });

  it('make a new phase that takes notes and keeps nothing private', () => {
    const phase = newPhase(() => 'p');
    expect(phase).toMatchObject({ id: 'p', title: '', posting_open: true, private_notes: false });
  });
});
