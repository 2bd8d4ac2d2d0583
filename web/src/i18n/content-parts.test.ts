import { describe, expect, it } from 'vitest';
import { contentParts } from './content-parts';

describe('contentParts', () => {
  it('cuts a message around the board content in it', () => {
    expect(contentParts('Delete the section “{title}” and its {count} notes?', { title: 'Nuoret' }, { count: 3 })).toEqual([
      { text: 'Delete the section “', content: false },
      { text: 'Nuoret', content: true },
      { text: '” and its 3 notes?', content: false },
    ]);
  });

  it('keeps content that looks like a placeholder as it is', () => {
    expect(contentParts('{text}', { text: 'see {count}' }, { count: 1 })).toEqual([{ text: 'see {count}', content: true }]);
  });

  it('is all UI words when no content is named', () => {
    expect(contentParts('{count} notes', {}, { count: 2 })).toEqual([{ text: '2 notes', content: false }]);
  });
});
