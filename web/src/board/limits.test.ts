import { describe, expect, it } from 'vitest';
import * as limits from './limits';
import { charCount, isBlank } from './limits';
import rust from '../../../shared/src/limits.rs?raw';

/** A limit as the Rust file writes it: a number, or a product such as `8 * 60 * 1000`. */
function product(expression: string): number {
  return expression.split('*').reduce((acc, factor) => acc * Number(factor.trim().replace(/_/g, '')), 1);
}

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

  it('are the server’s, one by one (shared/src/limits.rs)', () => {
    const server = Object.fromEntries(
      [...rust.matchAll(/pub const (MAX_\w+): u(?:size|32|64) = ([\d_ *]+);/g)].map((m) => [m[1]!, product(m[2]!)]),
    );
    const ours = Object.entries(limits).filter(([name]) => name.startsWith('MAX_'));
    expect(ours.length).toBeGreaterThan(8);
    for (const [name, value] of ours) expect(value, name).toBe(server[name]);
  });
});
