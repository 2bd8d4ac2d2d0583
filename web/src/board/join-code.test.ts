import { describe, expect, it } from 'vitest';
import { en } from '../i18n/en';
import { fi } from '../i18n/fi';
import { formatJoinCode, isCompleteJoinCode, normalizeJoinCode, spellJoinCode } from './join-code';

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

  it('is spelled out digit by digit in the groups it is shown in', () => {
    expect(spellJoinCode('48215903', en.digitWords.split(' '))).toBe('four eight two one, five nine zero three');
    expect(spellJoinCode('0482 1590', fi.digitWords.split(' '))).toBe('nolla neljä kahdeksan kaksi, yksi viisi yhdeksän nolla');
  });
});
