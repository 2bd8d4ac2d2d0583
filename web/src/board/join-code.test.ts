import { describe, expect, it } from 'vitest';
import { formatJoinCode, isCompleteJoinCode, normalizeJoinCode } from './join-code';

describe('join code', () => {
  it('is shown as two groups of four digits', () => {
    expect(formatJoinCode('48215903')).toBe('4821 5903');
    expect(formatJoinCode('4821 5903')).toBe('4821 5903');
  });

  it('accepts what people type: spaces and dashes ignored', () => {
    expect(normalizeJoinCode(' 4821-5903 ')).toBe('48215903');
    expect(isCompleteJoinCode('4821 5903')).toBe(true);
    expect(isCompleteJoinCode('4821 590')).toBe(false);
    expect(isCompleteJoinCode('4821 590a')).toBe(false);
  });
});
