import { describe, expect, it } from 'vitest';
import { charCount, isBlank } from './limits';

describe('board content limits', () => {
  it('counts characters as the server does, not UTF-16 units', () => {
    expect(charCount('ä👍')).toBe(2);
  });

  it('takes invisible text for empty, as the server does', () => {
    for (const blank of ['', '  \n\t', '\u200B', '\u2060\uFEFF', ' \u200B \u200D ', '\u{E0041}']) {
      expect(isBlank(blank), JSON.stringify(blank)).toBe(true);
    }
    for (const text of ['a', '👩\u200D💻', 'sosiaali\u00ADpalvelut', '\u200Bx']) {
      expect(isBlank(text), JSON.stringify(text)).toBe(false);
    }
  });
});
