import { describe, expect, it } from 'vitest';
import { carriedCount, nextPartTitle } from './series';
import { MAX_CARRIED_NOTES } from './limits';

describe('nextPartTitle', () => {
  it('adds the part in the board’s language', () => {
    expect(nextPartTitle('Palveluverkko tutuksi', 'fi', 2)).toBe('Palveluverkko tutuksi – osa 2');
    expect(nextPartTitle('Framtidsverkstad ', 'sv', 2)).toBe('Framtidsverkstad – del 2');
    expect(nextPartTitle('Future workshop', 'en', 2)).toBe('Future workshop – part 2');
  });

  it('counts on from a title that already has a part number', () => {
    expect(nextPartTitle('Tulevaisuustyöpaja, osa 1', 'fi', 2)).toBe('Tulevaisuustyöpaja, osa 2');
    expect(nextPartTitle('Palveluverkko tutuksi – osa 2', 'fi', 3)).toBe('Palveluverkko tutuksi – osa 3');
    expect(nextPartTitle('Kevät – Part 1', 'en', 2)).toBe('Kevät – part 2');
  });
});

describe('carriedCount', () => {
  it('keeps the choice within 0 and the server’s limit', () => {
    expect(carriedCount(5)).toBe(5);
    expect(carriedCount(-3)).toBe(0);
    expect(carriedCount(MAX_CARRIED_NOTES + 10)).toBe(MAX_CARRIED_NOTES);
    expect(carriedCount(2.6)).toBe(3);
    expect(carriedCount(Number.NaN)).toBe(0);
  });
});
