import { describe, expect, it } from 'vitest';
import { wellFormed } from './well-formed';

describe('wellFormed', () => {
  it('replaces half an emoji and keeps whole ones, deep inside an op', () => {
    const cut = 'Hyvä 👍'.slice(0, -1);
    const op = { type: 'post_note', text: cut, tags: ['\uDC4D ok 👍'], n: 1, none: null };
    expect(wellFormed(op)).toEqual({
      type: 'post_note',
      text: 'Hyvä \uFFFD',
      tags: ['\uFFFD ok 👍'],
      n: 1,
      none: null,
    });
    expect(JSON.stringify(wellFormed(op))).not.toMatch(/\\ud[89a-f]/i);
  });
});
